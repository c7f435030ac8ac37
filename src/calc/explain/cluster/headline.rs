//! The cluster's headline numbers explained: instances from the packing and the target
//! capacity, addresses per instance and per task, the peak rule; the per-AZ budget; the ranking.

use super::super::{
    Explanation, Metric, EC2_SUBNET, ECS_BP_AWSVPC, ECS_DEPLOYMENT, ECS_MEMORY, ECS_SERVICES,
    ECS_TASK_NETWORKING, ECS_TRUNKING, FARGATE_NETWORKING, VPC_SUBNET_SIZING,
};
use crate::calc::cluster::{Cluster, ClusterPlan};
use crate::calc::fmt::int;

use super::{eni_daemons, fill, names, peak_rule, running_line, sum_list};

/// The packing rule in one line.
const PACKING: &str = "packing (each AZ): every instance first runs one task of each daemon; the EC2 replica services are placed by task memory (largest first), then CPU, then the order listed, each task on the first instance opened that still has the slot (awsvpc only), the CPU and the memory for it, else on a new one; M is the number opened";

/// What each kind of task and instance takes of the subnets, one line each.
fn address_rules(c: &Cluster, p: &ClusterPlan) -> Vec<String> {
    let per_inst = p.capacity.map_or(1, |k| k.ips_per_instance);
    let per_task = c.base.ipv4_per_task();
    let mut f = Vec::new();
    if c.uses_instances() {
        f.push(format!(
            "each running instance: {per_inst} IPv4 in the host subnet ({})",
            if per_inst == 2 {
                "primary + trunk ENI"
            } else {
                "primary ENI"
            }
        ));
    }
    f.push(format!(
        "each awsvpc task on EC2 (daemons included) and each Fargate task: {per_task} IPv4{} {}",
        if per_task == 0 { " (IPv6-only)" } else { "" },
        super::super::task_subnets(&c.base)
    ));
    let bridge: Vec<&str> = c
        .services
        .iter()
        .filter(|s| !s.has_eni())
        .map(|s| s.name.as_str())
        .collect();
    if !bridge.is_empty() {
        f.push(format!(
            "bridge/host tasks ({}): no address of their own",
            names(bridge.into_iter())
        ));
    }
    f
}

/// How a headline number of a cluster's plan is computed: the instances from the packing and the
/// target capacity, the addresses from every kind of task and instance, the peak rule. The
/// numbers that are not the cluster's own (subnet sizes, what is in use, IPv6 per subnet) are
/// explained as for one service ([`super::explain`]).
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::cluster::{self, Cluster};
/// use awsvpc_planner::calc::explain::{cluster::metric, Metric};
/// use awsvpc_planner::calc::Inputs;
/// let p = cluster::plan(&Cluster::from_inputs(&Inputs::default())).unwrap();
/// let e = metric(&p, Metric::Instances);
/// assert!(e.formula.iter().any(|l| l == "total: 167 + 167 + 167 = 501"));
/// ```
pub fn metric(p: &ClusterPlan, m: Metric) -> Explanation {
    let c = &p.cluster;
    let t = &p.plan.totals;
    let (formula, sources) = match m {
        Metric::Instances | Metric::InstancesPeak if c.uses_instances() => {
            let peak = m == Metric::InstancesPeak;
            let mut f = vec![PACKING.to_string()];
            if peak {
                f.push(peak_rule(c));
            }
            f.push(format!(
                "instances that run: N = ⌈M × 100 ÷ target capacity⌉, target {} %",
                c.target_percent
            ));
            for az in &p.fill {
                let (needed, running) = if peak {
                    (az.peak_needed, az.peak_running)
                } else {
                    (az.needed, az.running)
                };
                f.push(running_line(p, az.index, needed, running));
            }
            if !peak {
                for az in &p.fill {
                    f.push(fill(p, az));
                }
            }
            let (list, total) = if peak {
                (
                    sum_list(p.plan.azs.iter().map(|a| a.peak_instances)),
                    t.peak_instances,
                )
            } else {
                (
                    sum_list(p.plan.azs.iter().map(|a| a.instances)),
                    t.instances,
                )
            };
            f.push(format!("total: {list} = {}", int(total)));
            let mut s = vec![ECS_SERVICES, ECS_TRUNKING, ECS_MEMORY];
            if peak {
                s.push(ECS_DEPLOYMENT);
            }
            (f, s)
        }
        Metric::Instances | Metric::InstancesPeak => (
            vec![
                "every service runs on Fargate: no container instances in your subnets".to_string(),
            ],
            vec![FARGATE_NETWORKING],
        ),
        Metric::IpsUsed | Metric::IpsPeak | Metric::IpsLeft | Metric::PeakTasks => {
            let peak = matches!(m, Metric::IpsPeak | Metric::PeakTasks);
            let mut f = address_rules(c, p);
            let daemons = eni_daemons(c);
            for a in &p.plan.azs {
                let (tasks, inst) = if peak {
                    (a.peak_tasks, a.peak_instances)
                } else {
                    (a.tasks, a.instances)
                };
                let by_daemons = inst.saturating_mul(daemons.len() as u64);
                if peak {
                    f.push(format!(
                        "{}: {} tasks with an address at the peak, {} instances",
                        p.plan.az_name(a.index),
                        int(tasks),
                        int(inst)
                    ));
                } else if daemons.is_empty() {
                    f.push(format!(
                        "{}: {} tasks with an address",
                        p.plan.az_name(a.index),
                        int(tasks)
                    ));
                } else {
                    f.push(format!(
                        "{}: {} replica and Fargate tasks + {} daemon{} × {} instances = {} tasks with an address",
                        p.plan.az_name(a.index),
                        int(tasks.saturating_sub(by_daemons)),
                        daemons.len(),
                        if daemons.len() == 1 { "" } else { "s" },
                        int(inst),
                        int(tasks)
                    ));
                }
            }
            if peak {
                f.push(peak_rule(c));
            }
            if m == Metric::PeakTasks {
                f.push(format!("total at the peak: {}", int(t.peak_tasks)));
            } else {
                for a in &p.plan.azs {
                    for s in a.subnets() {
                        let used = if peak { s.peak() } else { s.used() };
                        f.push(format!(
                            "{} {}: {}{} instance addresses + {} task addresses + {} other{} = {}",
                            p.plan.az_name(a.index),
                            s.cidr,
                            if s.in_use > 0 {
                                format!("{} in use now + ", int(s.in_use))
                            } else {
                                String::new()
                            },
                            int(s.instances),
                            int(s.tasks),
                            int(s.other),
                            if peak {
                                format!(" + {} more at the peak", int(s.surge))
                            } else {
                                String::new()
                            },
                            int(used)
                        ));
                    }
                }
                f.push(match m {
                    Metric::IpsLeft => format!(
                        "left: {} usable − {} used = {}",
                        int(t.usable),
                        int(t.used),
                        crate::calc::fmt::left(i128::from(t.usable) - i128::from(t.used))
                    ),
                    Metric::IpsPeak => format!("total at the peak: {}", int(t.peak)),
                    _ => format!("total: {}", int(t.used)),
                });
            }
            let mut s = vec![ECS_BP_AWSVPC, VPC_SUBNET_SIZING, ECS_TASK_NETWORKING];
            if peak {
                s.push(ECS_DEPLOYMENT);
            }
            if t.in_use > 0 {
                s.push(EC2_SUBNET);
            }
            (f, s)
        }
        _ => return super::super::explain(&p.plan, m),
    };
    let mut notes = Vec::new();
    if p.services.len() > 1 {
        notes.push(format!(
            "The cluster's {} services share the instances and the subnets: each service's own figures are in the services table.",
            p.services.len()
        ));
    }
    if t.in_use > 0 && !matches!(m, Metric::Instances | Metric::InstancesPeak) {
        notes.extend(super::super::in_use_notes());
    }
    Explanation {
        title: m.label(),
        formula,
        notes,
        sources,
    }
}

/// The per-AZ budget's working for a cluster: the subnets line by line as for one service
/// ([`crate::calc::explain::per_az`]), the instances from the packing.
pub fn per_az(p: &ClusterPlan) -> Explanation {
    let mut e = super::super::per_az(&p.plan);
    if let Some(n) = e.notes.first_mut() {
        *n = format!(
            "Each replica service's tasks spread evenly (the first AZs take one more); instances per AZ: the cluster's packing, N = ⌈M × 100 ÷ {} %⌉; task addresses: every awsvpc and Fargate task, daemons included on every running instance, none for bridge tasks.",
            p.cluster.target_percent
        );
    }
    e
}

/// How the instance-type ranking is computed for a whole cluster ([`crate::calc::cluster::rank`]).
pub fn ranking(c: &Cluster) -> Explanation {
    let lead = c
        .services
        .iter()
        .find(|s| s.on_ec2() && !s.is_daemon())
        .map(|s| format!("\"{}\"", s.name));
    let formula = vec![
        format!(
            "each type, without and with ENI trunking, runs the whole cluster ({} services) at steady state, packed as the plan packs it: {PACKING}",
            c.services.len()
        ),
        format!(
            "instances = Σ over AZs N, N = ⌈M × 100 ÷ {} %⌉ (target capacity); fleet vCPUs = instances × the type's vCPUs",
            c.target_percent
        ),
        "IPv4 used = what the subnets already use + each running instance 1 (2 with trunking) + each awsvpc or Fargate task 1, daemons included on every instance + other ENIs; it fits when every AZ's subnets hold its share".to_string(),
        match lead {
            Some(l) => format!("tasks per instance: how many tasks of {l} (the first EC2 replica service) a fresh instance holds beside the daemons"),
            None => "tasks per instance: no EC2 replica service, so none".to_string(),
        },
        "a type on which the daemons alone, or one task of a service beside them, do not fit has no figures, and the reason is given".to_string(),
        "default order: the smaller fleet in vCPUs of the two among fleets that fit the subnets, then fleets that do not fit, then types whose vCPUs are unknown; ties by fewer addresses, then family and size".to_string(),
    ];
    Explanation {
        title: "Instance-type ranking",
        formula,
        notes: vec![
            "The ranking is at steady state: the deployment peak, AZ loss and the largest counts are the plan's, for the type chosen.".to_string(),
            "On Windows no type has figures with trunking: awsvpc on Windows supports no ENI trunking.".to_string(),
        ],
        sources: vec![
            super::super::ECS_TRUNKING_TYPES,
            super::super::EC2_LIMITS,
            ECS_BP_AWSVPC,
            ECS_TASK_NETWORKING,
            ECS_MEMORY,
        ],
    }
}
