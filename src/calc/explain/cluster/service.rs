//! One service's figures explained: its tasks and split, what one instance holds of it, its
//! addresses, and its largest counts checked at n and n + 1.

use super::super::{
    Explanation, EC2_SUBNET, ECS_BLUE_GREEN, ECS_BP_AWSVPC, ECS_DEPLOYMENT, ECS_MEMORY,
    ECS_SERVICES, ECS_TASK_NETWORKING, ECS_TRUNKING, VPC_SUBNET_SIZING,
};
use crate::calc::cluster::{self, ClusterPlan, ServicePlan};
use crate::calc::density::{registered_memory, Bound};
use crate::calc::fmt::int;
use crate::calc::input::{Deploy, Kind, Net, PeakMode};
use crate::calc::plan::peak_tasks;

use super::{holds, names, peak_rule, resource, running_line, split};

/// A figure of one service in the services table, by its stable name (`data-metric` of the
/// cell): the variant's name in kebab case ([`ServiceMetric::id`]).
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
pub enum ServiceMetric {
    /// Its tasks at steady state and their split over the AZs.
    Tasks,
    /// The tasks of it one instance holds beside the daemons, and what binds.
    PerInstance,
    /// The IPv4 addresses its tasks take at steady state.
    Ipv4,
    /// The IPv4 addresses its tasks take at its peak.
    Ipv4Peak,
    /// The largest desired count of it that fits, the others fixed.
    MaxFits,
    /// The largest desired count of it that deploys, the others fixed.
    MaxDeploys,
}

impl ServiceMetric {
    /// Every figure, in the table's order.
    pub const ALL: [ServiceMetric; 6] = [
        ServiceMetric::Tasks,
        ServiceMetric::PerInstance,
        ServiceMetric::Ipv4,
        ServiceMetric::Ipv4Peak,
        ServiceMetric::MaxFits,
        ServiceMetric::MaxDeploys,
    ];

    /// The stable name (`tasks`, `per-instance`, `ipv4`, `ipv4-peak`, `max-fits`,
    /// `max-deploys`): the cell's `data-metric`.
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::explain::cluster::ServiceMetric;
    /// assert_eq!(ServiceMetric::Ipv4Peak.id(), "ipv4-peak");
    /// assert_eq!("max-fits".parse::<ServiceMetric>(), Ok(ServiceMetric::MaxFits));
    /// ```
    pub fn id(self) -> &'static str {
        self.into()
    }

    /// The column's heading.
    pub fn label(self) -> &'static str {
        match self {
            ServiceMetric::Tasks => "Tasks",
            ServiceMetric::PerInstance => "Per instance",
            ServiceMetric::Ipv4 => "IPv4",
            ServiceMetric::Ipv4Peak => "IPv4 at its peak",
            ServiceMetric::MaxFits => "Largest that fits",
            ServiceMetric::MaxDeploys => "Largest that deploys",
        }
    }

    /// The figure's value in a service's plan (None: it does not apply; a dash).
    pub fn value(self, s: &ServicePlan) -> Option<u64> {
        match self {
            ServiceMetric::Tasks => Some(s.tasks),
            ServiceMetric::PerInstance => s.holds.map(|h| h.tasks),
            ServiceMetric::Ipv4 => Some(s.ipv4),
            ServiceMetric::Ipv4Peak => Some(s.ipv4_at_peak),
            ServiceMetric::MaxFits => s.max_fits,
            ServiceMetric::MaxDeploys => s.max_deploys,
        }
    }

    /// The figure as the table shows it: [`holds`] for the tasks per instance, else the count,
    /// or `—` where it does not apply.
    pub fn text(self, s: &ServicePlan) -> String {
        match self {
            ServiceMetric::PerInstance => holds(s),
            _ => self.value(s).map(int),
        }
        .unwrap_or_else(|| "—".to_string())
    }
}

/// `⌊n × p ÷ 100⌋ = P` (rolling) or `2 × n = P` (blue/green): a count at its deployment peak.
fn peak_formula(n: u64, deploy: Deploy) -> String {
    match deploy {
        Deploy::Rolling { max_percent } => format!(
            "rolling update: ⌊{} × {max_percent} ÷ 100⌋ = {}",
            int(n),
            int(peak_tasks(n, deploy))
        ),
        Deploy::BlueGreen => format!(
            "blue/green: 2 × {} = {}",
            int(n),
            int(peak_tasks(n, deploy))
        ),
    }
}

/// The tightest subnet of the cluster with service `x` at `count` tasks and every other replica
/// service at its count in `others` (None: the cluster as it is): `AZ 1 host 10.0.0.0/20: 4,091
/// used of 4,091: fits`. None when that cluster has no steady state.
fn tightest(p: &ClusterPlan, x: usize, count: u64, all_at_peak: bool) -> Option<String> {
    let mut c = p.cluster.clone();
    for (n, s) in c.services.iter_mut().enumerate() {
        if let Kind::Replica { desired } = s.kind {
            let want = if n == x {
                count
            } else if all_at_peak {
                peak_tasks(u64::from(desired), s.deploy)
            } else {
                u64::from(desired)
            };
            s.kind = Kind::Replica {
                desired: u32::try_from(want).ok()?,
            };
        }
    }
    let st = cluster::steady(&c).ok()?;
    let (az, kind, s) = st
        .azs
        .iter()
        .flat_map(|a| {
            std::iter::once((a.index, "host", a.host)).chain(a.task.map(|t| (a.index, "task", t)))
        })
        .min_by_key(|(_, _, s)| i128::from(s.usable) - i128::from(s.used()))?;
    let room = i128::from(s.usable) - i128::from(s.used());
    Some(format!(
        "{} {kind} {}: {} used of {} usable{}: {}",
        p.plan.az_name(az),
        s.cidr,
        int(s.used()),
        int(s.usable),
        if s.in_use > 0 {
            format!(" ({} in use now)", int(s.in_use))
        } else {
            String::new()
        },
        if room >= 0 {
            format!("fits, {} left", int(room.unsigned_abs() as u64))
        } else {
            format!("short by {}", int(room.unsigned_abs() as u64))
        }
    ))
}

/// How one figure of service `x` (by its index in the list) in the services table is computed,
/// with the plan's numbers put in; None when the plan has no such service.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::cluster::{self, Cluster, Kind, Service};
/// use awsvpc_planner::calc::explain::cluster::{service, ServiceMetric};
/// use awsvpc_planner::calc::Inputs;
/// let mut c = Cluster::from_inputs(&Inputs { trunking: true, ..Inputs::default() });
/// c.services.push(Service { name: "log".into(), kind: Kind::Daemon, ..Service::default() });
/// let p = cluster::plan(&c).unwrap();
/// let e = service(&p, 0, ServiceMetric::PerInstance).unwrap();
/// // c5.large with trunking: 10 slots, the log daemon takes 1: 9 left, 1 per task.
/// assert!(e.formula.iter().any(|l| l == "ENI slots: ⌊9 ÷ 1⌋ = 9"));
/// ```
pub fn service(p: &ClusterPlan, x: usize, m: ServiceMetric) -> Option<Explanation> {
    let c = &p.cluster;
    let def = c.services.get(x)?;
    let s = p.services.get(x)?;
    let name = format!("\"{}\"", s.name);
    let azs = c.base.azs;
    let mut notes = Vec::new();
    let (formula, sources) = match m {
        ServiceMetric::Tasks => match def.kind {
            Kind::Replica { desired } => {
                let n = u64::from(desired);
                let mut f = vec![
                    format!("desired count of {name}: {}", int(n)),
                    format!(
                        "spread over {azs} AZ{}: {} = {} (the first {} mod {azs} AZs take one more)",
                        if azs == 1 { "" } else { "s" },
                        split(s),
                        int(s.tasks),
                        int(n)
                    ),
                    format!("at its deployment peak: {}", peak_formula(n, def.deploy)),
                ];
                if !def.on_ec2() {
                    f.push("on Fargate: each task runs on capacity of its own, beside no container instance".to_string());
                }
                let dep = if def.deploy == Deploy::BlueGreen {
                    ECS_BLUE_GREEN
                } else {
                    ECS_DEPLOYMENT
                };
                (f, vec![ECS_SERVICES, dep])
            }
            Kind::Daemon => {
                let mut f = vec![format!(
                    "{name} is a daemon: one task on every running instance, spare ones included"
                )];
                for az in &p.fill {
                    f.push(running_line(p, az.index, az.needed, az.running));
                }
                f.push(format!("tasks: {} = {}", split(s), int(s.tasks)));
                f.push(format!(
                    "at the cluster's deployment peak, one on each instance then running: {} (a daemon's maximumPercent is 100: it does not surge)",
                    int(s.peak_tasks)
                ));
                (f, vec![ECS_SERVICES, ECS_DEPLOYMENT])
            }
        },
        ServiceMetric::PerInstance => match (s.holds, p.capacity, p.plan.instance) {
            (Some(h), Some(k), Some(t)) => {
                let mut f = Vec::new();
                let slots_how = match (k.slots_bound, k.trunking) {
                    (Bound::AwsLimit, _) => "AWS's awsvpc task limit for the type",
                    (_, true) => "with ENI trunking",
                    _ => "without trunking",
                };
                let cpu = match (k.cpu, t.vcpus) {
                    (Some(u), Some(v)) => format!("{} CPU units ({v} vCPUs × 1,024)", int(u)),
                    _ => "CPU unknown (it bounds nothing)".to_string(),
                };
                let mem =
                    match (k.memory_mib, t.memory_mib) {
                        (Some(m), Some(installed)) => format!(
                        "{} MiB for tasks (⌊{} MiB × {} % ÷ 100⌋ = {} registered − {} reserved)",
                        int(m),
                        int(u64::from(installed)),
                        c.base.memory_registered_percent,
                        int(registered_memory(installed, c.base.memory_registered_percent)),
                        int(u64::from(c.base.memory_reserve_mib))
                    ),
                        _ => "memory unknown (it bounds nothing)".to_string(),
                    };
                f.push(format!(
                    "one {} offers {} ENI slots ({slots_how}), {cpu}, {mem}",
                    t.name,
                    int(k.slots)
                ));
                let left = k.after_daemons();
                let daemons: Vec<&str> = c
                    .services
                    .iter()
                    .filter(|d| d.is_daemon() && d.on_ec2())
                    .map(|d| d.name.as_str())
                    .collect();
                if !daemons.is_empty() {
                    f.push(format!(
                        "the daemons ({}) take {} slot{}, {} CPU units and {} MiB on every instance: {} slots, {} units and {} MiB left",
                        names(daemons.into_iter()),
                        int(k.daemons.slots),
                        if k.daemons.slots == 1 { "" } else { "s" },
                        int(k.daemons.cpu),
                        int(k.daemons.memory_mib),
                        int(left.slots),
                        int(left.cpu),
                        int(left.memory_mib)
                    ));
                }
                let d = k.demand(def);
                f.push(format!(
                    "one task of {name} takes {}, {}, {}",
                    if def.net == Net::Awsvpc {
                        "1 ENI slot (awsvpc)"
                    } else {
                        "no ENI slot (bridge/host)"
                    },
                    if d.cpu > 0 {
                        format!("{} CPU units", int(d.cpu))
                    } else {
                        "no CPU bound".to_string()
                    },
                    if d.memory_mib > 0 {
                        format!("{} MiB", int(d.memory_mib))
                    } else {
                        "no memory bound".to_string()
                    }
                ));
                for (what, l, dd) in [
                    ("ENI slots", left.slots, d.slots),
                    ("CPU", left.cpu, d.cpu),
                    ("memory", left.memory_mib, d.memory_mib),
                ] {
                    if dd > 0 {
                        f.push(format!(
                            "{what}: ⌊{} ÷ {}⌋ = {}",
                            int(l),
                            int(dd),
                            int(l / dd)
                        ));
                    }
                }
                f.push(format!(
                    "tasks per instance: the smallest, {} ({} bind{})",
                    int(h.tasks),
                    resource(h.binds),
                    if h.binds == Bound::Cpu || h.binds == Bound::Memory {
                        "s"
                    } else {
                        ""
                    }
                ));
                notes.push("Ties go to ENI slots, then CPU. Instances opened for other services may hold fewer of it: the packing fills what they have left.".to_string());
                (f, vec![ECS_TRUNKING, ECS_TASK_NETWORKING, ECS_MEMORY])
            }
            _ => {
                let why = if def.is_daemon() {
                    format!("{name} is a daemon: exactly one task on every instance")
                } else if !def.on_ec2() {
                    format!("{name} runs on Fargate: no container instance holds its tasks")
                } else {
                    format!("nothing bounds how many tasks of {name} an instance holds")
                };
                (vec![why], vec![ECS_SERVICES])
            }
        },
        ServiceMetric::Ipv4 | ServiceMetric::Ipv4Peak => {
            let peak = m == ServiceMetric::Ipv4Peak;
            let v4 = if def.has_eni() {
                c.base.ipv4_per_task()
            } else {
                0
            };
            let (n, total) = if peak {
                (s.peak_tasks, s.ipv4_at_peak)
            } else {
                (s.tasks, s.ipv4)
            };
            let mut f = Vec::new();
            if peak {
                f.push(match def.kind {
                    Kind::Replica { desired } => format!(
                        "its tasks at its peak: {}",
                        peak_formula(u64::from(desired), def.deploy)
                    ),
                    Kind::Daemon => format!(
                        "its tasks at the peak: one on each of the {} instances then running",
                        int(s.peak_tasks)
                    ),
                });
            }
            f.push(if def.has_eni() {
                format!(
                    "each task of {name} ({}) takes {v4} IPv4{} {}",
                    if def.on_ec2() { "awsvpc" } else { "Fargate" },
                    if v4 == 0 { " (IPv6-only)" } else { "" },
                    super::super::task_subnets(&c.base)
                )
            } else {
                format!("tasks of {name} run in bridge/host mode: no address of their own")
            });
            f.push(format!("{} tasks × {v4} = {}", int(n), int(total)));
            if peak {
                notes.push(format!(
                    "This is its own deployment. The cluster's peak per subnet follows the peak rule: {}.",
                    peak_rule(c)
                ));
            }
            (f, vec![ECS_BP_AWSVPC, ECS_TASK_NETWORKING, ECS_DEPLOYMENT])
        }
        ServiceMetric::MaxFits | ServiceMetric::MaxDeploys => {
            let deploys = m == ServiceMetric::MaxDeploys;
            let found = if deploys { s.max_deploys } else { s.max_fits };
            let mut f = Vec::new();
            match (def.kind, found) {
                (Kind::Daemon, _) => f.push(format!(
                    "{name} is a daemon: its count follows the instances, there is no desired count to raise"
                )),
                (_, None) => f.push(format!(
                    "tasks of {name} take no IPv4 (IPv6-only tasks on Fargate): IPv4 does not limit its count"
                )),
                (Kind::Replica { .. }, Some(n)) => {
                    let all = c.peak == PeakMode::AllAtOnce;
                    f.push(if deploys {
                        format!(
                            "the largest desired count n of {name} whose deployment fits every AZ's subnets: {name} at its peak count, {}; n deploys and n + 1 does not",
                            if all {
                                "every other replica service at its peak too (all at once)"
                            } else {
                                "the other services steady (one at a time)"
                            }
                        )
                    } else {
                        format!(
                            "the largest desired count n of {name} whose steady state fits every AZ's subnets, the other services at their desired counts: n fits and n + 1 does not"
                        )
                    });
                    f.push(
                        "each count is packed as the plan packs it (the tasks spread over the AZs, the instances opened again); the tightest subnet shown"
                            .to_string(),
                    );
                    for (label, count) in [("n", n), ("n + 1", n.saturating_add(1))] {
                        let at = if deploys {
                            peak_tasks(count, def.deploy)
                        } else {
                            count
                        };
                        let how = if deploys {
                            format!(" ({})", peak_formula(count, def.deploy))
                        } else {
                            String::new()
                        };
                        if let Some(line) = tightest(p, x, at, deploys && all) {
                            f.push(format!("{label} = {}{how}: {line}", int(count)));
                        }
                    }
                    if n == 0 {
                        notes.push("0 is also the answer when not even 0 fits: the subnets are short without this service.".to_string());
                    }
                }
            }
            let mut s = vec![VPC_SUBNET_SIZING, ECS_BP_AWSVPC];
            if deploys {
                s.push(ECS_DEPLOYMENT);
            }
            if p.plan.totals.in_use > 0 {
                s.push(EC2_SUBNET);
            }
            (f, s)
        }
    };
    Some(Explanation {
        title: m.label(),
        formula,
        notes,
        sources,
    })
}
