//! What every number means: the formula with the numbers put in, and the AWS source.
//!
//! The UI shows these when a number is opened; the exports use the same values.
//!
//! # Organization
//! - this module: [`Metric`], the numbers a plan shows, their values ([`value`], [`signed`],
//!   [`shown`]) and the one-line [`summary`] of a plan's inputs.
//! - [`source`]: the documents cited ([`Source`]).
//! - [`metric`]: [`explain`], the working of each metric.
//! - [`table`]: the working of the per-AZ table ([`per_az`]) and of the ranking ([`ranking`]).
//! - [`warning`](mod@warning): each [`Warning`] in words ([`warning()`]).

use crate::calc::catalog::Origin;
use crate::calc::fmt::int;
use crate::calc::{Inputs, IpMode, Launch, Plan, TaskPlace};

pub mod cluster;
mod metric;
pub mod source;
mod table;
mod warning;

pub use metric::explain;
pub use source::*;
pub use table::{per_az, ranking};
pub use warning::{warning, WarningText};

/// A number the plan shows, by its stable name (`data-metric` in the page, keys in exports):
/// the variant's name in kebab case ([`Metric::id`]).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    strum::IntoStaticStr,
    strum::EnumString,
)]
#[strum(serialize_all = "kebab-case")]
pub enum Metric {
    /// Tasks per instance (*k*).
    TasksPerInstance,
    /// Instances needed at steady state.
    Instances,
    /// Instances at the deployment peak.
    InstancesPeak,
    /// Tasks at the deployment peak.
    PeakTasks,
    /// Usable IPv4 of every subnet in the plan.
    IpsUsable,
    /// IPv4 already in use in the listed subnets (before the plan).
    IpsInUse,
    /// IPv4 used at steady state.
    IpsUsed,
    /// IPv4 used at the deployment peak.
    IpsPeak,
    /// IPv4 left at steady state.
    IpsLeft,
    /// Largest desired count whose steady state fits.
    MaxTasks,
    /// Largest desired count whose deployment peak fits.
    MaxTasksDeployable,
    /// Usable IPv6 per subnet.
    Ipv6PerSubnet,
    /// IPv6 used at the peak.
    Ipv6Used,
}

impl Metric {
    /// Every metric, in display order.
    pub const ALL: [Metric; 13] = [
        Metric::TasksPerInstance,
        Metric::Instances,
        Metric::InstancesPeak,
        Metric::PeakTasks,
        Metric::IpsUsable,
        Metric::IpsInUse,
        Metric::IpsUsed,
        Metric::IpsPeak,
        Metric::IpsLeft,
        Metric::MaxTasks,
        Metric::MaxTasksDeployable,
        Metric::Ipv6PerSubnet,
        Metric::Ipv6Used,
    ];

    /// The stable name (`tasks-per-instance`, `ips-usable`, …).
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::explain::Metric;
    /// assert_eq!(Metric::Ipv6PerSubnet.id(), "ipv6-per-subnet");
    /// assert_eq!("max-tasks".parse::<Metric>(), Ok(Metric::MaxTasks));
    /// ```
    pub fn id(self) -> &'static str {
        self.into()
    }

    /// Whether the metric means anything for this launch type: on Fargate there are no container
    /// instances, so tasks per instance and instance counts do not apply.
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::{explain::Metric, Launch};
    /// assert!(!Metric::Instances.applies(Launch::Fargate));
    /// assert!(Metric::IpsUsed.applies(Launch::Fargate));
    /// assert!(Metric::ALL.iter().all(|m| m.applies(Launch::Ec2)));
    /// ```
    pub fn applies(self, launch: Launch) -> bool {
        launch == Launch::Ec2
            || !matches!(
                self,
                Metric::TasksPerInstance | Metric::Instances | Metric::InstancesPeak
            )
    }

    /// A short label for people.
    pub fn label(self) -> &'static str {
        match self {
            Metric::TasksPerInstance => "Tasks per instance",
            Metric::Instances => "Instances",
            Metric::InstancesPeak => "Instances at deployment peak",
            Metric::PeakTasks => "Tasks at deployment peak",
            Metric::IpsUsable => "Usable IPv4",
            Metric::IpsInUse => "IPv4 in use now",
            Metric::IpsUsed => "IPv4 used",
            Metric::IpsPeak => "IPv4 at deployment peak",
            Metric::IpsLeft => "IPv4 left",
            Metric::MaxTasks => "Largest task count that fits",
            Metric::MaxTasksDeployable => "Largest task count that deploys",
            Metric::Ipv6PerSubnet => "Usable IPv6 per subnet",
            Metric::Ipv6Used => "IPv6 used at peak",
        }
    }
}

/// The raw value of a metric in a plan, or `None` where it does not apply (Fargate has no tasks per
/// instance; an IPv4-only plan has no IPv6; IPv6-only Fargate tasks are not limited by IPv4;
/// carved subnets are new, so nothing is in use in them).
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{explain::{value, Metric}, plan, Inputs};
/// let p = plan(&Inputs::default()).unwrap();
/// assert_eq!(value(&p, Metric::IpsUsable), Some(12_273));
/// assert_eq!(value(&p, Metric::IpsPeak), Some(3_001));
/// ```
pub fn value(p: &Plan, m: Metric) -> Option<u128> {
    let t = &p.totals;
    let v = match m {
        Metric::TasksPerInstance => u128::from(p.density?.k),
        Metric::Instances => u128::from(t.instances),
        Metric::InstancesPeak => u128::from(t.peak_instances),
        Metric::PeakTasks => u128::from(t.peak_tasks),
        Metric::IpsUsable => u128::from(t.usable),
        Metric::IpsInUse => {
            if !listed(p) {
                return None;
            }
            u128::from(t.in_use)
        }
        Metric::IpsUsed => u128::from(t.used),
        Metric::IpsPeak => u128::from(t.peak),
        Metric::IpsLeft => u128::from(t.left()),
        Metric::MaxTasks => u128::from(p.max_tasks?),
        Metric::MaxTasksDeployable => u128::from(p.max_tasks_deployable?),
        Metric::Ipv6PerSubnet => p.ipv6_per_subnet?,
        Metric::Ipv6Used => {
            p.ipv6_per_subnet?;
            u128::from(t.ipv6_used)
        }
    };
    Some(v)
}

/// A number's working: the formula with the plan's numbers put in, and its sources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// What the number is.
    pub title: &'static str,
    /// The formula, with the numbers put in (one line per step).
    pub formula: Vec<String>,
    /// Caveats or where a value is derived rather than documented.
    pub notes: Vec<String>,
    /// Where the rule and the data come from.
    pub sources: Vec<Source>,
}

/// Whether the plan's subnets are listed (existing) rather than carved.
fn listed(p: &Plan) -> bool {
    !p.inputs.host_subnets.is_empty() || (p.inputs.secondary && !p.inputs.task_subnets.is_empty())
}

/// A subnet as people know it: its name and id where the plan has them, then its CIDR.
fn subnet_name(p: &Plan, az: u32, task: bool, cidr: ipnet::Ipv4Net) -> String {
    let l = &p.inputs.labels;
    let (names, ids) = if task {
        (&l.task_names, &l.task_ids)
    } else {
        (&l.host_names, &l.host_ids)
    };
    let at = |v: &Vec<String>| v.get(az as usize).filter(|s| !s.is_empty()).cloned();
    match (at(names), at(ids)) {
        (Some(n), Some(i)) => format!("{n} ({i}, {cidr})"),
        (Some(n), None) | (None, Some(n)) => format!("{n} ({cidr})"),
        (None, None) => cidr.to_string(),
    }
}

/// `AZ 2` or `AZ 2 (us-east-1b)` when the AZ is named.
fn az_name(p: &Plan, az: u32) -> String {
    match p.inputs.labels.zones.get(az as usize) {
        Some(z) if !z.is_empty() => format!("AZ {} ({z})", az + 1),
        _ => format!("AZ {}", az + 1),
    }
}

/// The notes every in-use figure carries.
fn in_use_notes() -> Vec<String> {
    vec![
        "AvailableIpAddressCount is a snapshot taken when aws ec2 describe-subnets ran; EC2 counts the addresses of stopped instances as in use. Import again before relying on the figures.".to_string(),
        "ECS places a task's ENI in a subnet in the instance's AZ, so each AZ's tasks fit only in that AZ's room: usable − in use − what the plan adds.".to_string(),
        "In use counts everything in the subnet, including this service's own tasks and instances if it already runs there: the plan adds its tasks on top.".to_string(),
    ]
}

fn per_az_list(values: impl Iterator<Item = u64>) -> String {
    values.map(int).collect::<Vec<_>>().join(" + ")
}

fn spread_line(p: &Plan, peak: bool) -> String {
    let n = if peak {
        p.totals.peak_tasks
    } else {
        p.totals.tasks
    };
    let list = per_az_list(
        p.azs
            .iter()
            .map(|a| if peak { a.peak_tasks } else { a.tasks }),
    );
    format!(
        "{} tasks over {} AZ{} = {list} (the first {} mod {} AZs take one more)",
        int(n),
        p.inputs.azs,
        plural(p.inputs.azs),
        int(n),
        p.inputs.azs
    )
}

fn plural(n: u32) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Where the ENI figure in use comes from, naming the rule that produced it (with or without
/// trunking).
fn data_source_note(s: Origin, trunking: bool) -> &'static str {
    match (s, trunking) {
        (Origin::EcsTable, _) => {
            "documented in the ECS developer guide's trunking table (2023-04)"
        }
        (Origin::Derived, true) => {
            "derived by AWS's trunking rule (max ENIs + branch ENIs − 2) from the EC2 ENI limits; not in any ECS table AWS published"
        }
        (Origin::Derived, false) => {
            "derived by AWS's rule (max ENIs − 1: the primary ENI takes one) from the EC2 ENI limits; the ECS table has no row for this type"
        }
        (Origin::Unsupported, _) => "no figure: trunking is not supported",
    }
}

/// The Fargate task-size line of an explanation, when the task CPU is one Fargate offers.
fn fargate_size(i: &Inputs) -> Option<String> {
    let row = i.cpu.and_then(crate::calc::fargate_size)?;
    Some(format!(
        "task size: {} CPU units take {} on Fargate{}",
        int(row.cpu),
        row.memory_text(),
        if row.linux_1_4 {
            " (Linux platform version 1.4.0 or later)"
        } else {
            ""
        }
    ))
}

/// The change of a metric from `base` to `other` ([`signed`] values), or `None` where either
/// has no value; [`crate::calc::fmt::delta`] writes it (`+8`, `−399`, `±0`).
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{explain::{delta, Metric}, compare, Inputs};
/// let c = compare(&Inputs::default());
/// let (base, trunk) = (c[0].1.as_ref().unwrap(), c[1].1.as_ref().unwrap());
/// assert_eq!(delta(base, trunk, Metric::TasksPerInstance), Some(8));
/// assert_eq!(delta(base, trunk, Metric::Instances), Some(-399));
/// ```
pub fn delta(base: &Plan, other: &Plan, m: Metric) -> Option<i128> {
    Some(signed(other, m)? - signed(base, m)?)
}

/// Where the tasks get their addresses, in words: `in the host subnets`, `in task subnets listed
/// in the VPC's primary CIDR 10.20.0.0/16` or `in task subnets in the secondary CIDR
/// 100.64.0.0/16`.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{explain::task_subnets, Inputs};
/// assert_eq!(task_subnets(&Inputs::default()), "in the host subnets");
/// ```
pub fn task_subnets(i: &Inputs) -> String {
    match i.task_place() {
        TaskPlace::Hosts => "in the host subnets".to_string(),
        TaskPlace::Primary => format!(
            "in task subnets listed in the VPC's primary CIDR {}: no secondary CIDR",
            i.vpc
        ),
        TaskPlace::Secondary => format!("in task subnets in the secondary CIDR {}", i.task_cidr),
    }
}

/// A one-line summary of the inputs, for the embed view's collapsed input panel.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{explain::summary, Inputs};
/// assert_eq!(summary(&Inputs::default()), "c5.large · 3 AZs · 1,000 tasks · 172.31.0.0/16 in /20 subnets · trunking off");
/// ```
pub fn summary(i: &Inputs) -> String {
    let what = match i.launch {
        Launch::Ec2 => i.instance.clone(),
        Launch::Fargate => "Fargate".to_string(),
    };
    let subnets = if i.host_subnets.is_empty() {
        format!("/{} subnets", i.host_prefix)
    } else {
        "listed subnets".to_string()
    };
    let mut s = format!(
        "{what} · {} AZ{} · {} tasks · {} in {subnets}",
        i.azs,
        plural(i.azs),
        int(i.tasks),
        i.vpc
    );
    match i.task_place() {
        TaskPlace::Hosts => {}
        TaskPlace::Primary => s.push_str(" · tasks in listed subnets"),
        TaskPlace::Secondary => {
            s.push_str(&format!(" · tasks in {} (/{})", i.task_cidr, i.task_prefix))
        }
    }
    if i.launch == Launch::Ec2 {
        s.push_str(if i.trunking {
            " · trunking on"
        } else {
            " · trunking off"
        });
    }
    match i.ip_mode {
        IpMode::V4 => {}
        IpMode::Dual => s.push_str(" · dual stack"),
        IpMode::V6Only => s.push_str(" · IPv6-only tasks"),
    }
    s
}

/// The signed value of a metric: [`value`], except that [`Metric::IpsLeft`] is usable − used,
/// negative when the plan is short (where [`value`] stops at 0). What the exports write.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{explain::{signed, Metric}, plan, Inputs};
/// let mut i = Inputs::default();
/// i.tasks = 12_000; // 12,000 tasks + 6,000 instances in 12,273 addresses
/// let p = plan(&i).unwrap();
/// assert_eq!(signed(&p, Metric::IpsLeft), Some(12_273 - 18_000));
/// assert_eq!(signed(&p, Metric::IpsUsable), Some(12_273));
/// ```
pub fn signed(p: &Plan, m: Metric) -> Option<i128> {
    if m == Metric::IpsLeft {
        return Some(i128::from(p.totals.usable) - i128::from(p.totals.used));
    }
    value(p, m).map(|v| i128::try_from(v).unwrap_or(i128::MAX))
}

/// A metric as the page shows it: the raw value (a signed integer as text, `data-value`) and the
/// text for people. A shortfall is negative in the raw value and `short by N` in the text;
/// where the metric does not apply the raw value is empty and the text `—`, or `no IPv4 limit`
/// for the largest task counts when IPv4 does not bound them.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{explain::{shown, Metric}, plan, Inputs};
/// let p = plan(&Inputs::default()).unwrap();
/// assert_eq!(shown(&p, Metric::IpsUsable), ("12273".to_string(), "12,273".to_string()));
/// assert_eq!(shown(&p, Metric::Ipv6Used), (String::new(), "—".to_string()));
/// let mut i = Inputs::default();
/// i.tasks = 12_000;
/// let p = plan(&i).unwrap();
/// assert_eq!(shown(&p, Metric::IpsLeft), ("-5727".to_string(), "short by 5,727".to_string()));
/// ```
pub fn shown(p: &Plan, m: Metric) -> (String, String) {
    shown_value(m, signed(p, m))
}

/// A metric's [`signed`] value as the page shows it (see [`shown`]): the raw value and the text.
/// Counts of IPv6 addresses that no one reads digit by digit (2^64 − 5 per /64) are written as
/// a power of two.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::explain::{shown_value, Metric};
/// assert_eq!(shown_value(Metric::IpsLeft, Some(-7)).1, "short by 7");
/// assert_eq!(shown_value(Metric::MaxTasks, None).1, "no IPv4 limit");
/// assert_eq!(shown_value(Metric::Ipv6PerSubnet, Some((1 << 64) - 5)).1, "2^64 − 5");
/// ```
pub fn shown_value(m: Metric, v: Option<i128>) -> (String, String) {
    match v {
        Some(v) => (
            v.to_string(),
            crate::calc::fmt::power_of_two_less(v).unwrap_or_else(|| crate::calc::fmt::left(v)),
        ),
        None if matches!(m, Metric::MaxTasks | Metric::MaxTasksDeployable) => {
            (String::new(), "no IPv4 limit".into())
        }
        None => (String::new(), "—".into()),
    }
}

/// A subnet's free addresses at the deployment peak as the per-AZ table shows them: the raw
/// value (usable − peak, negative when short) and the text (`short by N` when short).
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{explain::free_at_peak, plan, Inputs};
/// let p = plan(&Inputs::default()).unwrap();
/// assert_eq!(free_at_peak(&p.azs[0].host), ("3090".to_string(), "3,090".to_string()));
/// let mut i = Inputs::default();
/// i.tasks = 9_000; // 3,000 tasks + 1,500 instances per AZ, doubled at the peak: 9,000 in 4,091
/// let p = plan(&i).unwrap();
/// assert_eq!(free_at_peak(&p.azs[0].host).1, "short by 4,909");
/// ```
pub fn free_at_peak(s: &crate::calc::SubnetUse) -> (String, String) {
    let v = i128::from(s.usable) - i128::from(s.peak());
    (v.to_string(), crate::calc::fmt::left(v))
}
