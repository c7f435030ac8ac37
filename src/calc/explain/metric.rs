//! The working of each metric of a plan: the formula with the plan's numbers, its notes and
//! sources.

use super::*;
use crate::calc::catalog;
use crate::calc::Deploy;

/// Explains one metric of a plan.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{explain::{explain, Metric}, plan, Inputs};
/// let p = plan(&Inputs::default()).unwrap();
/// let e = explain(&p, Metric::IpsUsable);
/// assert!(e.formula.join(" ").contains("4,091"));
/// assert!(!e.sources.is_empty());
/// ```
pub fn explain(p: &Plan, m: Metric) -> Explanation {
    let i = &p.inputs;
    let t = &p.totals;
    let mut notes = Vec::new();
    let (formula, sources): (Vec<String>, Vec<Source>) = match m {
        Metric::TasksPerInstance => match (p.instance, p.density) {
            (Some(ty), Some(d)) => {
                let mut f = Vec::new();
                if d.trunking {
                    f.push(format!(
                        "with ENI trunking, {} runs {} tasks on branch ENIs (its trunked ENI limit is {} + 2: the primary and trunk ENIs count against it)",
                        ty.name, d.eni_bound, d.eni_bound
                    ));
                } else {
                    f.push(format!(
                        "{} has {} ENIs; the primary ENI takes one, so {} − 1 = {} tasks",
                        ty.name, ty.max_enis, ty.max_enis, d.eni_bound
                    ));
                }
                if let Some(l) = d.aws_limit {
                    f.push(format!(
                        "AWS's awsvpc page: {} runs at most {} task{} in awsvpc mode (a documented limit that overrides the ENI figure of {})",
                        ty.name,
                        l.tasks,
                        if l.tasks == 1 { "" } else { "s" },
                        d.eni_bound
                    ));
                }
                if let Some(c) = d.cpu_bound {
                    f.push(format!(
                        "vCPUs: {} vCPUs × 1024 ÷ {} units = {}",
                        ty.vcpus.unwrap_or(0),
                        int(i.cpu.unwrap_or(0)),
                        int(c)
                    ));
                }
                if let (Some(mb), Some(reg)) = (d.memory_bound, d.registered_mib) {
                    f.push(format!(
                        "registered memory: ⌊{} MiB installed × {} % ÷ 100⌋ = {} MiB",
                        int(ty.memory_mib.unwrap_or(0)),
                        i.memory_registered_percent,
                        int(reg)
                    ));
                    f.push(format!(
                        "memory: ⌊({} registered − {} reserved) MiB ÷ {} MiB⌋ = {}",
                        int(reg),
                        int(i.memory_reserve_mib),
                        int(i.memory_mib.unwrap_or(0)),
                        int(mb)
                    ));
                }
                f.push(format!("k = {} (bound by {})", d.k, d.binding.label()));
                let mut limits = vec![format!("ENIs {}", d.eni_bound)];
                if let Some(l) = d.aws_limit {
                    limits.push(format!("AWS's awsvpc limit {}", l.tasks));
                }
                if let Some(c) = d.cpu_bound {
                    limits.push(format!("vCPUs {}", int(c)));
                }
                if let Some(mb) = d.memory_bound {
                    limits.push(format!("memory {}", int(mb)));
                }
                if limits.len() > 1 {
                    notes.push(format!(
                        "The {} binds: {} (the smallest sets k).",
                        d.binding.label(),
                        limits.join(", ")
                    ));
                }
                notes.push(format!(
                    "The ENI figure is {}.",
                    data_source_note(d.eni_source, d.trunking)
                ));
                if d.memory_bound.is_some() {
                    notes.push(format!(
                        "The ECS agent registers less memory than is installed (kernel and platform overhead): AWS's example is an m4.large with 8,192 MiB installed that registers 7,985 MiB (97.5 %). This plan assumes {} % (default {} %, rounded down); read registeredResources of a running container instance (aws ecs describe-container-instances) for your AMI. The reserve is ECS_RESERVED_MEMORY, taken from the registered memory.",
                        i.memory_registered_percent,
                        crate::calc::DEFAULT_REGISTERED_PERCENT
                    ));
                }
                for n in ty.notes {
                    notes.push(n.text().to_string());
                }
                if i.trunking && !d.trunking {
                    notes.push(format!(
                        "Trunking is on but {} does not support it ({}), so it has no effect.",
                        ty.name,
                        catalog::unsupported_reason(&ty).unwrap_or("not supported")
                    ));
                }
                let mut s = vec![ECS_TRUNKING, ECS_TRUNKING_TYPES, EC2_LIMITS];
                if d.aws_limit.is_some() {
                    s.push(ECS_TASK_NETWORKING);
                }
                if d.cpu_bound.is_some() || d.memory_bound.is_some() {
                    s.push(ECS_MEMORY);
                }
                if d.memory_bound.is_some() {
                    s.push(BATCH_MEMORY);
                }
                (f, s)
            }
            _ => (std::iter::once("Fargate runs each task on its own capacity: there are no container instances to fill".to_string()).chain(fargate_size(i)).collect(), vec![FARGATE_NETWORKING, FARGATE_TASK_SIZES]),
        },
        Metric::Instances | Metric::InstancesPeak => {
            let peak = m == Metric::InstancesPeak;
            match p.density {
                Some(d) => {
                    let list = p
                        .azs
                        .iter()
                        .map(|a| {
                            let (n, inst) = if peak { (a.peak_tasks, a.peak_instances) } else { (a.tasks, a.instances) };
                            format!("⌈{} ÷ {}⌉ = {}", int(n), d.k, int(inst))
                        })
                        .collect::<Vec<_>>()
                        .join(", ");
                    let total = if peak { t.peak_instances } else { t.instances };
                    (vec![spread_line(p, peak), format!("instances per AZ: {list}"), format!("total: {}", int(total))], vec![ECS_SERVICES, ECS_TRUNKING])
                }
                None => (vec!["Fargate: no container instances in your subnets".to_string()], vec![FARGATE_NETWORKING]),
            }
        }
        Metric::PeakTasks => {
            let f = match i.deploy {
                Deploy::Rolling { max_percent } => format!("rolling update: ⌊{} × {max_percent} ÷ 100⌋ = {}", int(t.tasks), int(t.peak_tasks)),
                Deploy::BlueGreen => format!("blue/green: green reaches 100 % while blue runs: 2 × {} = {}", int(t.tasks), int(t.peak_tasks)),
            };
            (vec![f], vec![if matches!(i.deploy, Deploy::BlueGreen) { ECS_BLUE_GREEN } else { ECS_DEPLOYMENT }])
        }
        Metric::IpsUsable => {
            let mut f = Vec::new();
            for a in &p.azs {
                for s in a.subnets() {
                    f.push(format!("{}: {} → 2^(32 − {}) − 5 = {}", p.az_name(a.index), s.cidr, s.cidr.prefix_len(), int(s.usable)));
                }
            }
            f.push(format!("total: {}", int(t.usable)));
            (f, vec![VPC_SUBNET_SIZING])
        }
        Metric::IpsInUse => {
            let mut f = Vec::new();
            for a in &p.azs {
                for (task, s) in std::iter::once((false, &a.host)).chain(a.task.as_ref().map(|t| (true, t))) {
                    f.push(format!(
                        "{} {}: in use = (2^(32 − {}) − 5) − AvailableIpAddressCount = {} − {} = {}",
                        az_name(p, a.index),
                        subnet_name(p, a.index, task, s.cidr),
                        s.cidr.prefix_len(),
                        int(s.usable),
                        int(s.usable.saturating_sub(s.in_use)),
                        int(s.in_use)
                    ));
                }
            }
            f.push(format!("total: {}", int(t.in_use)));
            if listed(p) {
                notes.extend(in_use_notes());
                notes.push("Typed by hand as hnets/tnets a.b.c.d/n@count, or imported from aws ec2 describe-subnets.".to_string());
            } else {
                notes.push("The plan carves new subnets: nothing is in use in them. List your existing subnets (or import aws ec2 describe-subnets) to count what they already use.".to_string());
            }
            (f, vec![EC2_SUBNET, CLI_DESCRIBE_SUBNETS, VPC_SUBNET_SIZING])
        }
        Metric::IpsUsed | Metric::IpsPeak | Metric::IpsLeft => {
            let peak = m == Metric::IpsPeak;
            let mut f = vec![spread_line(p, peak)];
            let per_inst = p.density.map_or(0, |d| d.ips_per_instance);
            if i.launch == Launch::Ec2 {
                f.push(format!(
                    "each instance uses {per_inst} IPv4 ({}); each task {}",
                    if per_inst == 2 { "primary + trunk ENI" } else { "primary ENI" },
                    if i.ip_mode == IpMode::V6Only { "0 (IPv6-only)" } else { "1" }
                ));
            } else {
                f.push(format!("each Fargate task uses {} IPv4", if i.ip_mode == IpMode::V6Only { 0 } else { 1 }));
            }
            for a in &p.azs {
                for s in a.subnets() {
                    let used = if peak { s.peak() } else { s.used() };
                    f.push(format!(
                        "{} {}: {}{} instances + {} tasks + {} other{} = {}",
                        p.az_name(a.index),
                        s.cidr,
                        if s.in_use > 0 { format!("{} in use now + ", int(s.in_use)) } else { String::new() },
                        int(s.instances),
                        int(s.tasks),
                        int(s.other),
                        if peak { format!(" + {} surge", int(s.surge)) } else { String::new() },
                        int(used)
                    ));
                }
            }
            match m {
                Metric::IpsLeft => f.push(format!("left: {} usable − {} used = {}", int(t.usable), int(t.used), crate::calc::fmt::left(i128::from(t.usable) - i128::from(t.used)))),
                Metric::IpsPeak => f.push(format!("total at peak: {}", int(t.peak))),
                _ => f.push(format!("total: {}", int(t.used))),
            }
            let mut s = vec![ECS_BP_AWSVPC, VPC_SUBNET_SIZING, ECS_TASK_NETWORKING];
            if t.in_use > 0 {
                notes.extend(in_use_notes());
                s.push(EC2_SUBNET);
            }
            (f, s)
        }
        Metric::MaxTasks | Metric::MaxTasksDeployable => {
            let mut f = Vec::new();
            match p.max_tasks {
                Some(max) => {
                    let per_az = max / u64::from(i.azs.max(1));
                    let (per_inst, k) = p.density.map_or((0, 0), |d| (d.ips_per_instance, d.k));
                    let task_ips = if i.ip_mode == IpMode::V6Only { "0" } else { "n" };
                    if i.secondary {
                        f.push(format!("per AZ, the largest n with {per_inst} × ⌈n ÷ {k}⌉ + {} ≤ host usable and {task_ips} ≤ task-subnet usable", i.other.addresses()));
                    } else if i.launch == Launch::Ec2 {
                        f.push(format!("per AZ, the largest n with {task_ips} + {per_inst} × ⌈n ÷ {k}⌉ + {} ≤ usable", i.other.addresses()));
                    } else {
                        f.push(format!("per AZ, the largest n with {task_ips} + {} ≤ usable", i.other.addresses()));
                    }
                    if t.in_use > 0 {
                        let rooms = p
                            .azs
                            .iter()
                            .flat_map(|a| a.subnets())
                            .map(|s| format!("{}: {} − {} in use = {}", s.cidr, int(s.usable), int(s.in_use), int(s.usable.saturating_sub(s.in_use))))
                            .collect::<Vec<_>>()
                            .join("; ");
                        f.push(format!("where usable means what is left after the addresses in use now: {rooms}"));
                        notes.extend(in_use_notes());
                    }
                    // The even spread gives the first AZs one more: max = per AZ × AZs + those.
                    let lead = max.saturating_sub(per_az.saturating_mul(u64::from(i.azs)));
                    f.push(if lead == 0 {
                        format!("n = {} per AZ × {} AZ{} = {}", int(per_az), i.azs, plural(i.azs), int(max))
                    } else {
                        format!(
                            "n = {} per AZ × {} AZs + {lead} ({} room for one more) = {}",
                            int(per_az),
                            i.azs,
                            if lead == 1 { "the first AZ has".to_string() } else { format!("the first {lead} AZs have") },
                            int(max)
                        )
                    });
                    if m == Metric::MaxTasksDeployable {
                        let d = p.max_tasks_deployable.unwrap_or(0);
                        f.push(match i.deploy {
                            Deploy::Rolling { max_percent } => format!("largest N with ⌊N × {max_percent} ÷ 100⌋ ≤ {} = {}", int(max), int(d)),
                            Deploy::BlueGreen => format!("largest N with 2N ≤ {} = {}", int(max), int(d)),
                        });
                    }
                }
                None => f.push("IPv6-only Fargate tasks use no IPv4: IPv4 does not limit the task count".to_string()),
            }
            let mut s = vec![VPC_SUBNET_SIZING, ECS_BP_AWSVPC, ECS_DEPLOYMENT];
            if t.in_use > 0 {
                s.push(EC2_SUBNET);
            }
            (f, s)
        }
        Metric::Ipv6PerSubnet => (
            vec![format!("2^(128 − {}) − 5 = {}", i.ipv6_prefix, int(p.ipv6_per_subnet.unwrap_or(0)))],
            vec![VPC_SUBNET_SIZING],
        ),
        Metric::Ipv6Used => (
            vec![format!("tasks + instances at the peak = {} + {} = {}", int(t.peak_tasks), int(t.peak_instances), int(t.ipv6_used))],
            vec![ECS_TASK_NETWORKING],
        ),
    };
    Explanation {
        title: m.label(),
        formula,
        notes,
        sources,
    }
}
