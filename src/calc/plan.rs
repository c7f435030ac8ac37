//! The plan for one set of inputs: tasks per instance, instances, and the IPv4 budget per AZ.
//!
//! The model (each rule is stated once here and explained to the user by [`crate::calc::explain`]):
//! - Host subnets of prefix `host_prefix` are carved in order from the VPC CIDR, AZ *i* taking the
//!   *i*-th; with a secondary task CIDR, task subnets of `task_prefix` are carved from it the same way.
//! - Tasks per instance *k* = the ENI bound (with or without trunking), lowered by the CPU and memory
//!   bounds when a task size is given ([`crate::calc::density`]).
//! - *N* tasks are spread over *A* AZs as evenly as possible, the first *N* mod *A* AZs taking one
//!   more; instances in an AZ = ⌈tasks / *k*⌉.
//! - Each instance uses 2 IPv4 addresses with effective trunking (primary + trunk ENI), else 1; each
//!   task 1 (none when tasks are IPv6-only); `other` addresses per AZ are set aside for other ENIs.
//!   Instances and other ENIs sit in the host subnet; tasks too, unless a task CIDR is used.
//! - The deployment peak runs ⌊*N* · maximumPercent / 100⌋ tasks (rolling) or 2*N* (blue/green).

use crate::calc::catalog::InstanceType;
use crate::calc::cidr;
use crate::calc::density::Density;
use crate::calc::field::PlanError;
use crate::calc::input::{Deploy, Inputs, IpMode};
use crate::calc::validate::{checked, first, Checked, Layout};
use crate::calc::warning::{warnings, Warning};
use ipnet::Ipv4Net;

/// One subnet's IPv4 budget at steady state and at the deployment peak.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SubnetUse {
    /// The subnet.
    pub cidr: Ipv4Net,
    /// Usable addresses: 2^(32 − prefix) − 5.
    pub usable: u64,
    /// Addresses already in use before the plan (listed subnets: `AvailableIpAddressCount`'s
    /// complement, or typed by hand).
    pub in_use: u64,
    /// Addresses used by instances (steady).
    pub instances: u64,
    /// Addresses used by tasks (steady).
    pub tasks: u64,
    /// Addresses set aside for other ENIs.
    pub other: u64,
    /// Extra addresses used at the deployment peak (instances and tasks).
    pub surge: u64,
}

impl SubnetUse {
    /// Addresses used at steady state, including those already in use.
    pub fn used(&self) -> u64 {
        self.in_use
            .saturating_add(self.instances)
            .saturating_add(self.tasks)
            .saturating_add(self.other)
    }
    /// Addresses used at the deployment peak.
    pub fn peak(&self) -> u64 {
        self.used() + self.surge
    }
    /// Free addresses at steady state (0 when over).
    pub fn free(&self) -> u64 {
        self.usable.saturating_sub(self.used())
    }
    /// Free addresses at the deployment peak (0 when over).
    pub fn free_at_peak(&self) -> u64 {
        self.usable.saturating_sub(self.peak())
    }
    /// Addresses missing at the deployment peak (0 when it fits).
    pub fn short_at_peak(&self) -> u64 {
        self.peak().saturating_sub(self.usable)
    }
}

/// One Availability Zone of the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AzPlan {
    /// 0-based AZ index.
    pub index: u32,
    /// Tasks at steady state.
    pub tasks: u64,
    /// Instances at steady state.
    pub instances: u64,
    /// Tasks at the deployment peak.
    pub peak_tasks: u64,
    /// Instances at the deployment peak.
    pub peak_instances: u64,
    /// The host subnet.
    pub host: SubnetUse,
    /// The task subnet, with a secondary CIDR.
    pub task: Option<SubnetUse>,
    /// IPv6 addresses used (dual stack or IPv6-only): tasks + instances at the peak.
    pub ipv6_used: u64,
}

impl AzPlan {
    /// The AZ's number for people and the page's `data-az`, from 1.
    pub fn number(&self) -> u32 {
        self.index.saturating_add(1)
    }

    /// The AZ's subnets, host first.
    pub fn subnets(&self) -> impl Iterator<Item = &SubnetUse> {
        std::iter::once(&self.host).chain(self.task.as_ref())
    }
}

/// What happens when one AZ is lost and its tasks move to the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AzLoss {
    /// The lost AZ (the worst case over all AZs).
    pub lost: u32,
    /// The remaining AZs' plans.
    pub azs: Vec<AzPlan>,
    /// Whether the steady state still fits.
    pub fits: bool,
    /// Whether the deployment peak still fits.
    pub fits_at_peak: bool,
}

/// Whether every subnet of `azs` holds its steady state, and its deployment peak.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{fits, plan, Inputs};
/// assert_eq!(fits(&plan(&Inputs::default()).unwrap().azs), [true, true]);
/// let short = Inputs { tasks: 12_000, ..Inputs::default() };
/// assert_eq!(fits(&plan(&short).unwrap().azs), [false, false]);
/// ```
pub fn fits(azs: &[AzPlan]) -> [bool; 2] {
    let subnets = || azs.iter().flat_map(AzPlan::subnets);
    [
        subnets().all(|s| s.used() <= s.usable),
        subnets().all(|s| s.peak() <= s.usable),
    ]
}

/// The worst single-AZ loss over `azs` AZs (None with fewer than two): for each AZ lost, the
/// plans of the rest of `order` (`plans_of(rest)`); the one that fits least (steady state
/// first, then the peak), the first such AZ.
pub(crate) fn worst_az_loss(
    azs: u32,
    order: &[u32],
    mut plans_of: impl FnMut(&[u32]) -> Vec<AzPlan>,
) -> Option<AzLoss> {
    if azs < 2 {
        return None;
    }
    (0..azs)
        .map(|lost| {
            let rest: Vec<u32> = order.iter().copied().filter(|&a| a != lost).collect();
            let azs = plans_of(&rest);
            let [fits, fits_at_peak] = fits(&azs);
            AzLoss {
                lost,
                azs,
                fits,
                fits_at_peak,
            }
        })
        .min_by_key(|l| (l.fits, l.fits_at_peak))
}

/// The smallest subnets per AZ that hold the desired tasks at the deployment peak, plus the
/// addresses already in use in each AZ's listed subnets (as if those stayed in them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sizing {
    /// Largest host-subnet prefix that fits (None: not even a /16).
    pub host_prefix: Option<u8>,
    /// Largest task-subnet prefix that fits, with a task CIDR (None: not even a /16, or no task CIDR).
    pub task_prefix: Option<u8>,
}

/// Totals over all AZs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Totals {
    /// Desired tasks.
    pub tasks: u64,
    /// Tasks at the deployment peak.
    pub peak_tasks: u64,
    /// Instances at steady state.
    pub instances: u64,
    /// Instances at the deployment peak.
    pub peak_instances: u64,
    /// Usable IPv4 of every subnet in the plan.
    pub usable: u64,
    /// IPv4 already in use in the plan's subnets (counted in `used` and `peak`).
    pub in_use: u64,
    /// IPv4 used at steady state.
    pub used: u64,
    /// IPv4 used at the deployment peak.
    pub peak: u64,
    /// IPv6 addresses used at the peak (0 for IPv4-only plans).
    pub ipv6_used: u64,
}

impl Totals {
    /// IPv4 left at steady state (0 when over).
    pub fn left(&self) -> u64 {
        self.usable.saturating_sub(self.used)
    }
    /// IPv4 left at the deployment peak (0 when over).
    pub fn left_at_peak(&self) -> u64 {
        self.usable.saturating_sub(self.peak)
    }
}

/// A complete plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The inputs it was made from.
    pub inputs: Inputs,
    /// The instance type (None for Fargate).
    pub instance: Option<InstanceType>,
    /// Tasks per instance (None for Fargate).
    pub density: Option<Density>,
    /// Per-AZ plans.
    pub azs: Vec<AzPlan>,
    /// Totals.
    pub totals: Totals,
    /// Largest desired count whose steady state fits (None: not limited by IPv4).
    pub max_tasks: Option<u64>,
    /// Largest desired count whose deployment peak fits (None: not limited by IPv4).
    pub max_tasks_deployable: Option<u64>,
    /// One AZ lost (None with a single AZ).
    pub az_loss: Option<AzLoss>,
    /// Smallest subnets that hold the desired tasks at the peak.
    pub sizing: Sizing,
    /// Usable IPv6 addresses per subnet (dual stack and IPv6-only).
    pub ipv6_per_subnet: Option<u128>,
    /// Warnings, most important first.
    pub warnings: Vec<Warning>,
}

impl Plan {
    /// How people name AZ `index`: its name when the plan has one (`us-east-1b`), else its
    /// number (`AZ 2`).
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::{plan, Inputs};
    /// let mut i = Inputs::default();
    /// assert_eq!(plan(&i).unwrap().az_name(1), "AZ 2");
    /// i.labels.zones = vec!["us-east-1a".into(), "us-east-1b".into()];
    /// assert_eq!(plan(&i).unwrap().az_name(1), "us-east-1b");
    /// ```
    pub fn az_name(&self, index: u32) -> String {
        match self.inputs.labels.zones.get(index as usize) {
            Some(z) if !z.is_empty() => z.clone(),
            _ => format!("AZ {}", index.saturating_add(1)),
        }
    }
}

/// The subnet layout and per-count address rules of a plan; shared by the plan, the maximum
/// searches, AZ loss, sizing and the ranking.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Model {
    /// Tasks per instance; None for Fargate (no instances).
    pub(crate) k: Option<u64>,
    /// IPv4 per instance.
    pub(crate) per_instance: u64,
    /// IPv4 per task (0 for IPv6-only).
    pub(crate) per_task: u64,
    /// Addresses per AZ for other ENIs (host subnet).
    pub(crate) other: u64,
    /// Tasks in a separate task subnet.
    pub(crate) secondary: bool,
}

impl Model {
    pub(crate) fn instances(&self, tasks: u64) -> u64 {
        match self.k {
            Some(k) if k > 0 => tasks.div_ceil(k),
            _ => 0,
        }
    }
    /// (host addresses, task-subnet addresses) for `tasks` tasks in one AZ.
    pub(crate) fn use_for(&self, tasks: u64) -> (u64, u64) {
        let inst = self.instances(tasks).saturating_mul(self.per_instance);
        let t = tasks.saturating_mul(self.per_task);
        if self.secondary {
            (inst.saturating_add(self.other), t)
        } else {
            (inst.saturating_add(self.other).saturating_add(t), 0)
        }
    }
    pub(crate) fn fits(&self, tasks: u64, host_usable: u64, task_usable: u64) -> bool {
        let (h, t) = self.use_for(tasks);
        h <= host_usable && (!self.secondary || t <= task_usable)
    }
    /// Largest per-AZ task count that fits the given subnets; None when IPv4 does not limit it.
    pub(crate) fn max_per_az(&self, host_usable: u64, task_usable: u64) -> Option<u64> {
        if !self.fits(0, host_usable, task_usable) {
            return Some(0);
        }
        let hi = if self.per_task > 0 {
            if self.secondary {
                task_usable
            } else {
                host_usable
            }
        } else {
            match self.k {
                Some(k) if self.per_instance > 0 => k.saturating_mul(host_usable.saturating_add(1)),
                _ => return None,
            }
        };
        // Invariant: fits(lo) and (hi + 1 does not fit or hi is the bound).
        let (mut lo, mut hi) = (0u64, hi);
        while lo < hi {
            let mid = lo + (hi - lo).div_ceil(2);
            if self.fits(mid, host_usable, task_usable) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        Some(lo)
    }
}

/// Spreads `n` tasks over `azs` AZs as evenly as possible: the first `n mod azs` get one more.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::spread;
/// assert_eq!(spread(1000, 3), vec![334, 333, 333]);
/// assert_eq!(spread(2, 3), vec![1, 1, 0]);
/// assert!(spread(5, 0).is_empty());
/// ```
pub fn spread(n: u64, azs: u32) -> Vec<u64> {
    let a = u64::from(azs);
    (0..a).map(|i| n / a + u64::from(i < n % a)).collect()
}

/// The task count at the deployment peak.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{peak_tasks, Deploy};
/// assert_eq!(peak_tasks(1000, Deploy::Rolling { max_percent: 200 }), 2000);
/// assert_eq!(peak_tasks(5, Deploy::Rolling { max_percent: 150 }), 7);
/// assert_eq!(peak_tasks(1000, Deploy::BlueGreen), 2000);
/// ```
pub fn peak_tasks(n: u64, deploy: Deploy) -> u64 {
    match deploy {
        Deploy::Rolling { max_percent } => {
            let p = u64::from(max_percent.max(100));
            (u128::from(n) * u128::from(p) / 100).min(u128::from(u64::MAX)) as u64
        }
        Deploy::BlueGreen => n.saturating_mul(2),
    }
}

/// The largest desired count whose deployment peak is at most `steady_max`.
pub(crate) fn max_deployable(steady_max: u64, deploy: Deploy) -> u64 {
    match deploy {
        Deploy::Rolling { max_percent } => {
            let p = u128::from(max_percent.max(100));
            let n = (100 * (u128::from(steady_max) + 1) - 1) / p;
            n.min(u128::from(steady_max)) as u64
        }
        Deploy::BlueGreen => steady_max / 2,
    }
}

/// Per-AZ plan for `tasks` spread with `peak` at the deployment peak.
fn az_plans(
    m: &Model,
    layout: &Layout,
    order: &[u32],
    tasks: u64,
    peak: u64,
    v6: bool,
) -> Vec<AzPlan> {
    let a = order.len() as u32;
    let steady = spread(tasks, a);
    let surge = spread(peak, a);
    order
        .iter()
        .zip(steady.iter().zip(surge.iter()))
        .filter_map(|(&az, (&n, &p))| {
            let h = *layout.host.get(az as usize)?;
            let (host_in_use, task_in_use) = layout.in_use_at(az);
            let (hs, ts) = m.use_for(n);
            let (hp, tp) = m.use_for(p);
            let inst = m.instances(n);
            let inst_p = m.instances(p);
            let host_use = SubnetUse {
                cidr: h,
                usable: cidr::usable_ipv4(h.prefix_len()).unwrap_or(0),
                in_use: host_in_use,
                instances: inst.saturating_mul(m.per_instance),
                tasks: if m.secondary {
                    0
                } else {
                    n.saturating_mul(m.per_task)
                },
                other: m.other,
                surge: hp.saturating_sub(hs),
            };
            let task_use = layout.task.get(az as usize).map(|&t| SubnetUse {
                cidr: t,
                usable: cidr::usable_ipv4(t.prefix_len()).unwrap_or(0),
                in_use: task_in_use,
                instances: 0,
                tasks: ts,
                other: 0,
                surge: tp.saturating_sub(ts),
            });
            Some(AzPlan {
                index: az,
                tasks: n,
                instances: inst,
                peak_tasks: p,
                peak_instances: inst_p,
                host: host_use,
                task: task_use,
                ipv6_used: if v6 { p.saturating_add(inst_p) } else { 0 },
            })
        })
        .collect()
}

/// Largest total that fits under the even spread, given each AZ's own maximum in spread order.
pub(crate) fn max_total(caps: &[Option<u64>]) -> Option<u64> {
    let caps: Option<Vec<u64>> = caps.iter().copied().collect();
    let caps = caps?;
    let m = caps.iter().copied().min()?;
    let lead = caps.iter().take_while(|&&c| c > m).count() as u64;
    Some(m.saturating_mul(caps.len() as u64).saturating_add(lead))
}

/// Makes the plan for `inputs`.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{plan, Inputs};
/// let p = plan(&Inputs::default()).unwrap();
/// assert_eq!(p.totals.usable, 12_273);
/// assert_eq!(p.density.unwrap().k, 2);
/// assert_eq!(p.totals.instances, 501);
/// assert_eq!(p.totals.used, 1_501);
/// assert_eq!(p.max_tasks, Some(8_181));
/// ```
///
/// # Errors
/// The first of [`conflicts`]: a [`PlanError`] naming the field at fault and every other field
/// involved: an unknown type, subnets that do not fit, a task too large for the type, a Fargate
/// task size AWS does not offer, a value out of range.
pub fn plan(inputs: &Inputs) -> Result<Plan, PlanError> {
    let Checked { layout, typed } = checked(inputs).map_err(first)?;
    let (instance, density) = (typed.map(|t| t.0), typed.map(|t| t.1));
    let model = Model {
        k: density.map(|d| d.k),
        per_instance: density.map_or(0, |d| d.ips_per_instance),
        per_task: u64::from(inputs.ip_mode != IpMode::V6Only),
        other: inputs.other.addresses(),
        secondary: inputs.secondary,
    };
    let v6 = inputs.ip_mode != IpMode::V4;
    let n = u64::from(inputs.tasks);
    let peak = peak_tasks(n, inputs.deploy);
    let order: Vec<u32> = (0..inputs.azs).collect();
    let azs = az_plans(&model, &layout, &order, n, peak, v6);

    // Each AZ's room is its subnets' usable addresses less what is already in use.
    let caps: Vec<Option<u64>> = order
        .iter()
        .map(|&a| {
            let (h, t) = layout.room_at(a);
            model.max_per_az(h, t)
        })
        .collect();
    // An AZ whose other ENIs alone overflow its subnet holds nothing: then no count fits (0).
    let infeasible = order.iter().any(|&a| {
        let (h, t) = layout.room_at(a);
        !model.fits(0, h, t)
    });
    let max_tasks = if infeasible {
        Some(0)
    } else {
        max_total(&caps)
    };
    let max_tasks_deployable = max_tasks.map(|s| max_deployable(s, inputs.deploy));

    let totals = Totals {
        tasks: n,
        peak_tasks: peak,
        instances: azs.iter().map(|a| a.instances).sum(),
        peak_instances: azs.iter().map(|a| a.peak_instances).sum(),
        usable: azs.iter().flat_map(|a| a.subnets()).map(|s| s.usable).sum(),
        in_use: azs.iter().flat_map(|a| a.subnets()).map(|s| s.in_use).sum(),
        used: azs.iter().flat_map(|a| a.subnets()).map(|s| s.used()).sum(),
        peak: azs.iter().flat_map(|a| a.subnets()).map(|s| s.peak()).sum(),
        ipv6_used: azs.iter().map(|a| a.ipv6_used).sum(),
    };

    let az_loss = worst_az_loss(inputs.azs, &order, |rest| {
        az_plans(&model, &layout, rest, n, peak, v6)
    });

    let sizing = size(&model, &spread(peak, inputs.azs), &layout);
    let ipv6_per_subnet = if v6 {
        cidr::usable_ipv6(inputs.ipv6_prefix).ok()
    } else {
        None
    };
    let mut p = Plan {
        inputs: inputs.clone(),
        instance,
        density,
        azs,
        totals,
        max_tasks,
        max_tasks_deployable,
        az_loss,
        sizing,
        ipv6_per_subnet,
        warnings: Vec::new(),
    };
    p.warnings = warnings(&p);
    Ok(p)
}

/// Smallest subnets (largest prefixes) that hold every AZ's peak plus what its subnets already
/// use.
fn size(m: &Model, peak_spread: &[u64], layout: &Layout) -> Sizing {
    let (mut h, mut t) = (0u64, 0u64);
    for (az, &n) in peak_spread.iter().enumerate() {
        let (hu, tu) = m.use_for(n);
        let (hi, ti) = layout.in_use_at(az as u32);
        h = h.max(hu.saturating_add(hi));
        t = t.max(tu.saturating_add(ti));
    }
    let smallest = |need: u64| {
        (cidr::MIN_PREFIX..=cidr::MAX_PREFIX)
            .rev()
            .find(|&p| cidr::usable_ipv4(p).is_ok_and(|u| u >= need))
    };
    Sizing {
        host_prefix: smallest(h),
        task_prefix: if m.secondary { smallest(t) } else { None },
    }
}

/// Addresses used as a function of the task count, for charts: the plan's layout with `n` tasks.
#[derive(Debug, Clone)]
pub struct Curve {
    model: Model,
    host_usable: Vec<u64>,
    task_usable: Vec<u64>,
    /// Per AZ, (host, task) addresses the plan may still use: usable − in use.
    room: Vec<(u64, u64)>,
    /// Addresses already in use over all subnets.
    in_use: u64,
    azs: u32,
}

impl Curve {
    /// Prepares the curve of `i` (same checks as [`plan`]).
    ///
    /// # Errors
    /// As [`plan`].
    pub fn new(i: &Inputs) -> Result<Curve, PlanError> {
        let Checked { layout, typed } = checked(i).map_err(first)?;
        let d = typed.map(|t| t.1);
        let model = Model {
            k: d.map(|d| d.k),
            per_instance: d.map_or(0, |d| d.ips_per_instance),
            per_task: u64::from(i.ip_mode != IpMode::V6Only),
            other: i.other.addresses(),
            secondary: i.secondary,
        };
        let usable = |s: &[Ipv4Net]| {
            s.iter()
                .map(|n| cidr::usable_ipv4(n.prefix_len()).unwrap_or(0))
                .collect()
        };
        Ok(Curve {
            model,
            host_usable: usable(&layout.host),
            task_usable: usable(&layout.task),
            room: (0..i.azs).map(|a| layout.room_at(a)).collect(),
            in_use: layout.host_in_use.iter().chain(&layout.task_in_use).sum(),
            azs: i.azs,
        })
    }

    /// Usable IPv4 of all subnets.
    pub fn usable(&self) -> u64 {
        self.host_usable.iter().chain(&self.task_usable).sum()
    }

    /// IPv4 used at steady state by `n` tasks spread over the AZs, with what is already in use.
    pub fn used(&self, n: u64) -> u64 {
        spread(n, self.azs)
            .iter()
            .map(|&t| {
                let (h, k) = self.model.use_for(t);
                h.saturating_add(k)
            })
            .fold(self.in_use, u64::saturating_add)
    }

    /// Whether `n` tasks fit at steady state in every subnet.
    pub fn fits(&self, n: u64) -> bool {
        spread(n, self.azs).iter().enumerate().all(|(a, &t)| {
            let (h, k) = self.room.get(a).copied().unwrap_or((0, 0));
            self.model.fits(t, h, k)
        })
    }
}
