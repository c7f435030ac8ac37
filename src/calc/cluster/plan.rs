//! [`plan`]: a [`Cluster`] checked, packed per AZ at steady state and at the peak, its addresses
//! budgeted in the one-service [`Plan`]'s shape, and each service's figures.

use crate::calc::cidr;
use crate::calc::cluster::check::{check, Capacity, ClusterError, Ready};
use crate::calc::cluster::eval::{az_counts, Eval, Packed, Shape, Spread, Use};
use crate::calc::cluster::largest::{deployable, Search};
use crate::calc::cluster::model::{Cluster, Kind, PeakMode};
use crate::calc::cluster::pack::{holds, merged, short_of, Item, Loads, Packer, State};
use crate::calc::cluster::{AzFill, ClusterPlan, Holds, InstanceGroup, Resources, ServicePlan};
use crate::calc::density::{density, Bound};
use crate::calc::field::PlanError;
use crate::calc::input::{Inputs, IpMode, Launch};
use crate::calc::plan::{peak_tasks, worst_az_loss, AzPlan, Plan, Sizing, SubnetUse, Totals};
use crate::calc::validate::Layout;
use crate::calc::warning::{warnings, Warning};

/// The plan of a cluster form's inputs ([`Cluster::from_inputs`]), its errors as the form shows
/// them: each at its field, in its service's row ([`ClusterError::into_plan_error`]).
///
/// # Errors
/// Every error [`plan()`] finds, in its order.
pub fn plan_inputs(i: &Inputs) -> Result<ClusterPlan, Vec<PlanError>> {
    let c = Cluster::from_inputs(i);
    let n = c.services.len();
    plan(&c).map_err(|errs| errs.into_iter().map(|e| e.into_plan_error(n)).collect())
}

/// Makes the plan of a cluster.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::cluster::{self, Cluster, Kind, Net, Service};
/// use awsvpc_planner::calc::{Bound, Inputs};
/// // c5.large with trunking: 10 slots; a log daemon in awsvpc takes one on every instance.
/// let mut c = Cluster::from_inputs(&Inputs { trunking: true, ..Inputs::default() });
/// c.services.push(Service { name: "log".into(), kind: Kind::Daemon, ..Service::default() });
/// let p = cluster::plan(&c).unwrap();
/// let web = p.service("app").unwrap();
/// assert_eq!(web.holds.map(|h| (h.tasks, h.binds)), Some((9, Bound::Eni)));
/// ```
///
/// # Errors
/// Every [`ClusterError`] found, each at the control at fault (see [`check`]).
pub fn plan(c: &Cluster) -> Result<ClusterPlan, Vec<ClusterError>> {
    let ready = check(c)?;
    let inputs = c.headline_inputs();
    let shape = shape(c, ready.capacity.as_ref());
    let mut ev = Eval::new(&shape);
    let azs = c.base.azs;
    let v6 = c.base.ip_mode != IpMode::V4;

    // Per-service totals at steady state, and the peak's configurations.
    let steady: Vec<u64> = c
        .services
        .iter()
        .map(|s| s.kind.desired().map_or(0, u64::from))
        .collect();
    let peaks: Vec<u64> = c
        .services
        .iter()
        .zip(&steady)
        .map(|(s, &n)| match s.kind {
            Kind::Replica { .. } => peak_tasks(n, s.deploy),
            Kind::Daemon => 0,
        })
        .collect();
    let surging: Vec<usize> = (0..steady.len())
        .filter(|&s| peaks.get(s) != steady.get(s))
        .collect();
    let configs: Vec<Vec<u64>> = match c.peak {
        PeakMode::OneAtATime => surging
            .iter()
            .map(|&s| {
                let mut v = steady.clone();
                if let (Some(x), Some(&p)) = (v.get_mut(s), peaks.get(s)) {
                    *x = p;
                }
                v
            })
            .collect(),
        PeakMode::AllAtOnce if !surging.is_empty() => vec![peaks.clone()],
        PeakMode::AllAtOnce => Vec::new(),
    };

    let order: Vec<u32> = (0..azs).collect();
    let budget = Budget {
        layout: &ready.layout,
        steady: &steady,
        configs: &configs,
        v6,
    };
    let (uses, packs, which) = budget.uses(&mut ev, azs);
    let packs: Vec<&Packed> = which.iter().filter_map(|&k| packs.get(k)).collect();
    let az_plans = budget.plans(&shape, &order, &uses);
    let totals = totals(&az_plans);

    let az_loss = if azs >= 2 {
        let (rest_uses, _, _) = budget.uses(&mut ev, azs - 1);
        worst_az_loss(azs, &order, |rest| budget.plans(&shape, rest, &rest_uses))
    } else {
        None
    };

    // Each service's figures, and its largest counts.
    let slots = ready.capacity.map_or(Bound::Eni, |k| k.slots_bound);
    let rooms: Vec<(u64, u64)> = (0..azs).map(|a| ready.layout.room_at(a)).collect();
    // All at once, each service's count is searched with the others at their peak.
    let peak_packs: Vec<Packed> = if c.peak == PeakMode::AllAtOnce {
        let mut counts = Vec::new();
        let spread = Spread::new(&peaks, azs);
        (0..azs)
            .map(|j| {
                spread.at(j, &mut counts);
                ev.packed(&counts)
            })
            .collect()
    } else {
        Vec::new()
    };
    let peak_packs: Vec<&Packed> = peak_packs.iter().collect();
    let mut services = Vec::with_capacity(c.services.len());
    for (x, s) in c.services.iter().enumerate() {
        let (max_fits, max_deploys) = match s.kind {
            Kind::Daemon => (None, None),
            Kind::Replica { .. } => {
                let mut steady_search = Search::new(&shape, x, &steady, rooms.clone(), &packs);
                let fits = steady_search.largest();
                let mut peak_search = (c.peak == PeakMode::AllAtOnce)
                    .then(|| Search::new(&shape, x, &peaks, rooms.clone(), &peak_packs));
                let deploys =
                    fits.map(|f| deployable(&mut steady_search, peak_search.as_mut(), s.deploy, f));
                (fits, deploys)
            }
        };
        services.push(service_plan(
            c,
            x,
            &shape,
            &uses,
            &steady,
            &peaks,
            slots,
            max_fits,
            max_deploys,
        ));
    }

    // An AZ with the same steady counts as the one before it has the same instances.
    let mut fill: Vec<AzFill> = Vec::with_capacity(uses.len());
    let (mut counts, mut prev) = (Vec::new(), Vec::new());
    for (j, u) in uses.iter().enumerate() {
        az_counts(&steady, azs, j as u32, &mut counts);
        let groups = match fill.last() {
            Some(f) if counts == prev => f.groups.clone(),
            _ => groups(&shape, &counts, ready.capacity.as_ref()),
        };
        std::mem::swap(&mut counts, &mut prev);
        fill.push(AzFill {
            index: j as u32,
            needed: u.steady.needed,
            running: u.steady.running,
            peak_needed: u.peak_needed,
            peak_running: u.peak_running,
            groups,
        });
    }

    let sizing = sizing(&az_plans, c.base.secondary);
    let ipv6_per_subnet = if v6 {
        cidr::usable_ipv6(c.base.ipv6_prefix).ok()
    } else {
        None
    };
    let one = c.services.len() == 1;
    let first = services.first();
    let lead_density = match (&ready.instance, c.lead()) {
        (Some(t), Some((_, s))) if s.launch == Launch::Ec2 => density(
            t,
            c.base.trunking,
            s.cpu,
            s.memory_mib,
            c.base.memory_reserve_mib,
            c.base.memory_registered_percent,
        )
        .ok(),
        _ => None,
    };
    let mut p = Plan {
        inputs,
        instance: ready.instance,
        density: lead_density,
        azs: az_plans,
        totals,
        max_tasks: first.filter(|_| one).and_then(|s| s.max_fits),
        max_tasks_deployable: first.filter(|_| one).and_then(|s| s.max_deploys),
        az_loss,
        sizing,
        ipv6_per_subnet,
        warnings: Vec::new(),
    };
    p.warnings = warnings(&p);
    if let Some(t) = ready.instance {
        let unknown = c.services.iter().any(|s| {
            s.on_ec2()
                && ((s.cpu.is_some() && t.vcpus.is_none())
                    || (s.memory_mib.is_some() && t.memory_mib.is_none()))
        });
        let named = Warning::SizeUnknown { instance: t.name };
        if unknown && !p.warnings.contains(&named) {
            p.warnings.push(named);
        }
    }
    let Ready { capacity, .. } = ready;
    Ok(ClusterPlan {
        cluster: c.clone(),
        plan: p,
        services,
        fill,
        capacity,
    })
}

/// The packing and address shape of a checked cluster.
pub(crate) fn shape(c: &Cluster, cap: Option<&Capacity>) -> Shape {
    let left = cap.map_or([0; 3], |k| k.after_daemons().to_array());
    let mut items: Vec<Item> = match cap {
        Some(k) => c
            .services
            .iter()
            .enumerate()
            .filter(|(_, s)| s.on_ec2() && !s.is_daemon())
            .map(|(n, s)| Item::new(n, k.demand(s).to_array(), &left))
            .collect(),
        None => Vec::new(),
    };
    // Task memory (largest first), then CPU, then the order listed.
    items.sort_by_key(|it| {
        let s = c.services.get(it.service);
        (
            std::cmp::Reverse(s.and_then(|s| s.memory_mib).unwrap_or(0)),
            std::cmp::Reverse(s.and_then(|s| s.cpu).unwrap_or(0)),
            it.service,
        )
    });
    let mut pos = vec![None; c.services.len()];
    for (p, it) in items.iter().enumerate() {
        if let Some(slot) = pos.get_mut(it.service) {
            *slot = Some(p);
        }
    }
    Shape {
        packer: Packer::new(items, left),
        pos,
        eni: c
            .services
            .iter()
            .map(|s| !s.is_daemon() && s.has_eni())
            .collect(),
        daemon_enis: c
            .services
            .iter()
            .filter(|s| s.is_daemon() && s.on_ec2() && s.has_eni())
            .count() as u64,
        per_instance: cap.map_or(1, |k| k.ips_per_instance),
        per_task: c.base.ipv4_per_task(),
        other: c.base.other.addresses(),
        secondary: c.base.secondary,
        target: u64::from(c.target_percent),
    }
}

/// One AZ's use at steady state and the largest of each figure over the peak's
/// configurations (the steady state included).
#[derive(Debug, Clone, Copy, Default)]
struct AzUse {
    steady: Use,
    peak_host: u64,
    peak_task: u64,
    peak_tasks: u64,
    peak_needed: u64,
    peak_running: u64,
    peak_ipv6: u64,
}

/// What the per-AZ plans are made from.
struct Budget<'a> {
    layout: &'a Layout,
    steady: &'a [u64],
    configs: &'a [Vec<u64>],
    v6: bool,
}

impl Budget<'_> {
    /// Each position's use when the services spread over `a` AZs (position `j` taking
    /// [`crate::calc::spread`]'s `j`-th share), with its steady packing (as an index into the
    /// packings returned: a position with the same counts as the one before it, at steady state
    /// and at every peak, shares its packing). It does not depend on which AZ is at the position,
    /// so AZ loss reuses one list for every AZ lost.
    fn uses(&self, ev: &mut Eval, a: u32) -> (Vec<AzUse>, Vec<Packed>, Vec<usize>) {
        let shape = ev.shape;
        let mut counts = Vec::new();
        let mut uses: Vec<AzUse> = Vec::with_capacity(a as usize);
        let mut packs = Vec::with_capacity(a as usize);
        let mut which = Vec::with_capacity(a as usize);
        let steady = Spread::new(self.steady, a);
        let configs: Vec<Spread> = self.configs.iter().map(|c| Spread::new(c, a)).collect();
        for j in 0..a {
            let same = j > 0 && !steady.splits(j) && !configs.iter().any(|c| c.splits(j));
            if let (true, Some(&u), Some(&k)) = (same, uses.last(), which.last()) {
                uses.push(u);
                which.push(k);
                continue;
            }
            steady.at(j, &mut counts);
            let packed = ev.packed(&counts);
            let st = shape.usage(packed.needed, shape.eni_replica(&counts));
            let mut u = AzUse {
                steady: st,
                peak_host: st.host,
                peak_task: st.task,
                peak_tasks: st.eni_tasks,
                peak_needed: st.needed,
                peak_running: st.running,
                peak_ipv6: st.eni_tasks.saturating_add(st.running),
            };
            for cfg in &configs {
                cfg.at(j, &mut counts);
                let m = ev.needed_from(&packed, &counts);
                let p = shape.usage(m, shape.eni_replica(&counts));
                u.peak_host = u.peak_host.max(p.host);
                u.peak_task = u.peak_task.max(p.task);
                u.peak_tasks = u.peak_tasks.max(p.eni_tasks);
                u.peak_needed = u.peak_needed.max(p.needed);
                u.peak_running = u.peak_running.max(p.running);
                u.peak_ipv6 = u.peak_ipv6.max(p.eni_tasks.saturating_add(p.running));
            }
            uses.push(u);
            which.push(packs.len());
            packs.push(packed);
        }
        (uses, packs, which)
    }

    /// The plans of the AZs in `order`, the AZ at position `j` using `uses[j]`.
    fn plans(&self, shape: &Shape, order: &[u32], uses: &[AzUse]) -> Vec<AzPlan> {
        order
            .iter()
            .zip(uses)
            .filter_map(|(&az, u)| {
                let h = *self.layout.host.get(az as usize)?;
                let st = u.steady;
                let (host_in_use, task_in_use) = self.layout.in_use_at(az);
                let tasks_v4 = st.eni_tasks.saturating_mul(shape.per_task);
                let host = SubnetUse {
                    cidr: h,
                    usable: cidr::usable_ipv4(h.prefix_len()).unwrap_or(0),
                    in_use: host_in_use,
                    instances: st.running.saturating_mul(shape.per_instance),
                    tasks: if shape.secondary { 0 } else { tasks_v4 },
                    other: shape.other,
                    surge: u.peak_host.saturating_sub(st.host),
                };
                let task = self.layout.task.get(az as usize).map(|&t| SubnetUse {
                    cidr: t,
                    usable: cidr::usable_ipv4(t.prefix_len()).unwrap_or(0),
                    in_use: task_in_use,
                    instances: 0,
                    tasks: st.task,
                    other: 0,
                    surge: u.peak_task.saturating_sub(st.task),
                });
                Some(AzPlan {
                    index: az,
                    tasks: st.eni_tasks,
                    instances: st.running,
                    peak_tasks: u.peak_tasks,
                    peak_instances: u.peak_running,
                    host,
                    task,
                    ipv6_used: if self.v6 { u.peak_ipv6 } else { 0 },
                })
            })
            .collect()
    }
}

/// Totals over the AZs, as [`crate::calc::plan()`] adds them.
fn totals(azs: &[AzPlan]) -> Totals {
    let sum = |f: &dyn Fn(&AzPlan) -> u64| azs.iter().map(f).fold(0u64, u64::saturating_add);
    let subnets = |f: &dyn Fn(&SubnetUse) -> u64| {
        azs.iter()
            .flat_map(|a| a.subnets())
            .map(f)
            .fold(0u64, u64::saturating_add)
    };
    Totals {
        tasks: sum(&|a| a.tasks),
        peak_tasks: sum(&|a| a.peak_tasks),
        instances: sum(&|a| a.instances),
        peak_instances: sum(&|a| a.peak_instances),
        usable: subnets(&|s| s.usable),
        in_use: subnets(&|s| s.in_use),
        used: subnets(&|s| s.used()),
        peak: subnets(&|s| s.peak()),
        ipv6_used: sum(&|a| a.ipv6_used),
    }
}

/// Smallest subnets (largest prefixes) that hold every AZ's peak with what it already uses.
fn sizing(azs: &[AzPlan], secondary: bool) -> Sizing {
    let smallest = |need: u64| {
        (cidr::MIN_PREFIX..=cidr::MAX_PREFIX)
            .rev()
            .find(|&p| cidr::usable_ipv4(p).is_ok_and(|u| u >= need))
    };
    let host = azs.iter().map(|a| a.host.peak()).max().unwrap_or(0);
    let task = azs
        .iter()
        .filter_map(|a| a.task.map(|t| t.peak()))
        .max()
        .unwrap_or(0);
    Sizing {
        host_prefix: smallest(host),
        task_prefix: if secondary { smallest(task) } else { None },
    }
}

/// One service's figures.
#[allow(clippy::too_many_arguments)]
fn service_plan(
    c: &Cluster,
    x: usize,
    shape: &Shape,
    uses: &[AzUse],
    steady: &[u64],
    peaks: &[u64],
    slots: Bound,
    max_fits: Option<u64>,
    max_deploys: Option<u64>,
) -> ServicePlan {
    let s = c.services.get(x);
    let azs = c.base.azs;
    let daemon = s.is_some_and(|s| s.is_daemon());
    let (per_az, peak_tasks): (Vec<u64>, u64) = if daemon {
        (
            uses.iter().map(|u| u.steady.running).collect(),
            uses.iter()
                .map(|u| u.peak_running)
                .fold(0, u64::saturating_add),
        )
    } else {
        let n = steady.get(x).copied().unwrap_or(0);
        (
            crate::calc::plan::spread(n, azs),
            peaks.get(x).copied().unwrap_or(0),
        )
    };
    let tasks = per_az.iter().fold(0u64, |a, &n| a.saturating_add(n));
    let has_eni = s.is_some_and(|s| s.has_eni());
    let v4 = if has_eni { shape.per_task } else { 0 };
    let holds = shape
        .pos
        .get(x)
        .copied()
        .flatten()
        .and_then(|p| shape.packer.items.get(p))
        .and_then(|it| holds(&shape.packer.cap, &it.demand, slots))
        .map(|(tasks, binds)| Holds { tasks, binds });
    ServicePlan {
        index: x,
        name: s.map(|s| s.name.clone()).unwrap_or_default(),
        tasks,
        per_az,
        peak_tasks,
        holds,
        ipv4: tasks.saturating_mul(v4),
        ipv4_at_peak: peak_tasks.saturating_mul(v4),
        max_fits,
        max_deploys,
    }
}

/// The groups of needed instances of one AZ with per-service `counts`, their contents tracked.
fn groups(shape: &Shape, counts: &[u64], cap: Option<&Capacity>) -> Vec<InstanceGroup> {
    let Some(cap) = cap else {
        return Vec::new();
    };
    let mut placed = Vec::new();
    shape.placed(counts, &mut placed);
    let mut st: State<Loads> = State::default();
    shape
        .packer
        .pack_from(&mut st, 0, |p| placed.get(p).copied().unwrap_or(0));
    let items = &shape.packer.items;
    merged(&st.groups)
        .iter()
        .map(|g| {
            let tasks: Vec<(usize, u64)> = g
                .load
                .0
                .iter()
                .enumerate()
                .filter(|(_, &q)| q > 0)
                .filter_map(|(p, &q)| items.get(p).map(|it| (it.service, q)))
                .collect();
            let last = g
                .load
                .0
                .iter()
                .rposition(|&q| q > 0)
                .and_then(|p| items.get(p));
            InstanceGroup {
                count: g.count,
                tasks,
                left: Resources::from_array(g.rem),
                binds: last.and_then(|it| short_of(&g.rem, &it.demand, cap.slots_bound)),
            }
        })
        .collect()
}
