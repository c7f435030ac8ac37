//! What every number means: the formula with the numbers put in, and the AWS source.
//!
//! The UI shows these when a number is opened; the exports use the same values.

use crate::calc::catalog::{self, Origin};
use crate::calc::fmt::int;
use crate::calc::{Deploy, Inputs, IpMode, Launch, Plan, Warning};

/// A public document a number or rule comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source {
    /// Title of the page.
    pub title: &'static str,
    /// Its address.
    pub url: &'static str,
}

/// Amazon VPC User Guide: subnet sizing and the 5 reserved addresses.
pub const VPC_SUBNET_SIZING: Source = Source {
    title: "Amazon VPC User Guide: Subnet CIDR blocks",
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html",
};
/// Amazon VPC User Guide: VPC CIDR blocks and secondary-CIDR restrictions.
pub const VPC_CIDR_BLOCKS: Source = Source {
    title: "Amazon VPC User Guide: VPC CIDR blocks",
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html",
};
/// Amazon ECS Developer Guide: ENI trunking.
pub const ECS_TRUNKING: Source = Source {
    title: "Amazon ECS Developer Guide: Increasing Linux container instance network interfaces",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/container-instance-eni.html",
};
/// Amazon ECS Developer Guide: instance types that support trunking, with task limits.
pub const ECS_TRUNKING_TYPES: Source = Source {
    title: "Amazon ECS Developer Guide: Supported instances for increased ECS task ENIs",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/eni-trunking-supported-instance-types.html",
};
/// EC2 ENI limits per type (VPC resource controller, generated from the EC2 API).
pub const EC2_LIMITS: Source = Source {
    title: "aws/amazon-vpc-resource-controller-k8s pkg/aws/vpc/limits.go (EC2 ENI limits, 2026-08)",
    url: "https://github.com/aws/amazon-vpc-resource-controller-k8s/blob/master/pkg/aws/vpc/limits.go",
};
/// Amazon ECS Best Practices: awsvpc network mode and IP use.
pub const ECS_BP_AWSVPC: Source = Source {
    title: "Amazon ECS Best Practices Guide: AWSVPC network mode",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/bestpracticesguide/networking-networkmode-awsvpc.html",
};
/// Amazon ECS Developer Guide: task networking (awsvpc).
pub const ECS_TASK_NETWORKING: Source = Source {
    title: "Amazon ECS Developer Guide: Amazon ECS task networking options for EC2",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking-awsvpc.html",
};
/// Amazon ECS Developer Guide: Fargate task networking.
pub const FARGATE_NETWORKING: Source = Source {
    title: "Amazon ECS Developer Guide: Fargate task networking",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-networking.html",
};
/// Amazon ECS Developer Guide: service definition parameters (maximumPercent).
pub const ECS_DEPLOYMENT: Source = Source {
    title: "Amazon ECS Developer Guide: Service definition parameters (deploymentConfiguration)",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service_definition_parameters.html",
};
/// Amazon ECS Developer Guide: blue/green deployments.
pub const ECS_BLUE_GREEN: Source = Source {
    title: "Amazon ECS Developer Guide: How Amazon ECS blue/green deployments work",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/blue-green-deployment-how-it-works.html",
};
/// Amazon ECS Developer Guide: services and AZ spread.
pub const ECS_SERVICES: Source = Source {
    title: "Amazon ECS Developer Guide: Amazon ECS services (AZ spread)",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs_services.html",
};
/// Amazon ECS Developer Guide: container instance memory.
pub const ECS_MEMORY: Source = Source {
    title: "Amazon ECS Developer Guide: Reserving Linux container instance memory",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/memory-management.html",
};
/// AWS Batch User Guide: the numbers of AWS's registered-memory example (an m4.large's 8 GiB
/// registers 7,985 MiB).
pub const BATCH_MEMORY: Source = Source {
    title: "AWS Batch User Guide: Compute resource memory management",
    url: "https://docs.aws.amazon.com/batch/latest/userguide/memory-management.html",
};
/// Amazon ECS Developer Guide: the valid Fargate task CPU and memory combinations.
pub const FARGATE_TASK_SIZES: Source = Source {
    title: "Amazon ECS Developer Guide: Troubleshoot Amazon ECS task definition invalid CPU or memory errors (Fargate task sizes)",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html",
};
/// Elastic Load Balancing: ALB subnets.
pub const ALB_SUBNETS: Source = Source {
    title: "Application Load Balancers: Subnets for your load balancer",
    url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html",
};
/// Amazon EC2 API Reference: the `Subnet` data type (`availableIpAddressCount`).
pub const EC2_SUBNET: Source = Source {
    title: "Amazon EC2 API Reference: Subnet (availableIpAddressCount)",
    url: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Subnet.html",
};
/// AWS CLI Command Reference: `aws ec2 describe-subnets`.
pub const CLI_DESCRIBE_SUBNETS: Source = Source {
    title: "AWS CLI Command Reference: aws ec2 describe-subnets",
    url: "https://docs.aws.amazon.com/cli/latest/reference/ec2/describe-subnets.html",
};
/// Amazon VPC quotas.
pub const VPC_QUOTAS: Source = Source {
    title: "Amazon VPC quotas",
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html",
};

/// A number the plan shows, by its stable name (`data-metric` in the page, keys in exports).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
    pub fn id(self) -> &'static str {
        match self {
            Metric::TasksPerInstance => "tasks-per-instance",
            Metric::Instances => "instances",
            Metric::InstancesPeak => "instances-peak",
            Metric::PeakTasks => "peak-tasks",
            Metric::IpsUsable => "ips-usable",
            Metric::IpsInUse => "ips-in-use",
            Metric::IpsUsed => "ips-used",
            Metric::IpsPeak => "ips-peak",
            Metric::IpsLeft => "ips-left",
            Metric::MaxTasks => "max-tasks",
            Metric::MaxTasksDeployable => "max-tasks-deployable",
            Metric::Ipv6PerSubnet => "ipv6-per-subnet",
            Metric::Ipv6Used => "ipv6-used",
        }
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
                    f.push(format!("AZ {}: {} → 2^(32 − {}) − 5 = {}", a.index + 1, s.cidr, s.cidr.prefix_len(), int(s.usable)));
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
                        "AZ {} {}: {}{} instances + {} tasks + {} other{} = {}",
                        a.index + 1,
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
                    f.push(format!("n = {} per AZ × {} AZs = {} (plus one for each leading AZ with room for n + 1)", int(per_az), i.azs, int(max)));
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

/// A warning in words: what is wrong, what to do, and where AWS says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarningText {
    /// Stable identifier (for tests and styling).
    pub id: &'static str,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub action: String,
    /// Where AWS says so.
    pub source: Source,
}

/// Words a warning.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{explain::warning, Warning};
/// let w = warning(&Warning::EniQuota { enis: 6000 });
/// assert!(w.message.contains("6,000"));
/// ```
pub fn warning(w: &Warning) -> WarningText {
    let (id, message, action, source) = match w {
        Warning::TrunkingUnsupported { instance, reason } => (
            "trunking-unsupported",
            format!("ENI trunking has no effect on {instance}: {reason}."),
            "Pick a trunking-compatible type (see the ranking) or plan without trunking.".to_string(),
            ECS_TRUNKING_TYPES,
        ),
        Warning::TrunkingNotOnFargate => (
            "trunking-fargate",
            "ENI trunking does not apply to Fargate: every task has its own ENI.".to_string(),
            "Turn trunking off, or plan EC2 container instances.".to_string(),
            FARGATE_NETWORKING,
        ),
        Warning::TrunkingCaveats => (
            "trunking-caveats",
            "ENI trunking has preconditions.".to_string(),
            catalog::trunking_caveats().iter().map(|c| c.title).collect::<Vec<_>>().join("; ") + ".",
            ECS_TRUNKING,
        ),
        Warning::DerivedDensity { instance, max_enis, branch, tasks } => (
            "derived-density",
            format!("With trunking, the {tasks} tasks per {instance} are derived by AWS's trunking rule (max ENIs + branch ENIs − 2 = {max_enis} + {branch} − 2), not documented in an ECS table."),
            "Check the current ECS page for this type before relying on it.".to_string(),
            ECS_TRUNKING_TYPES,
        ),
        Warning::AwsvpcLimit { limit, eni_bound } => (
            "awsvpc-limit",
            format!(
                "AWS documents that {} runs only {} task{} in awsvpc mode, although its ENIs would allow {}.",
                limit.instance,
                limit.tasks,
                if limit.tasks == 1 { "" } else { "s" },
                int(*eni_bound)
            ),
            "Pick another type for awsvpc tasks (see the ranking), or plan for this limit.".to_string(),
            ECS_TASK_NETWORKING,
        ),
        Warning::SizeUnknown { instance } => (
            "size-unknown",
            format!("No source gives the vCPUs or memory of {instance}, so the task size bound is not applied."),
            "Check the type's vCPUs and memory and set the task size accordingly.".to_string(),
            EC2_LIMITS,
        ),
        Warning::Exhausted { az, subnet, short } => (
            "exhausted",
            format!("AZ {} subnet {subnet} is {} addresses short at steady state.", az + 1, int(*short)),
            "Use larger subnets, trunking, or a secondary task CIDR; tasks would fail with InsufficientFreeAddressesInSubnet.".to_string(),
            VPC_SUBNET_SIZING,
        ),
        Warning::ExhaustedAtPeak { az, subnet, short } => (
            "exhausted-at-peak",
            format!("AZ {} subnet {subnet} runs out during a deployment: {} addresses short at the peak.", az + 1, int(*short)),
            "Lower maximumPercent, use larger subnets, trunking, or a secondary task CIDR.".to_string(),
            ECS_DEPLOYMENT,
        ),
        Warning::LowHeadroom { az, subnet, free } => (
            "low-headroom",
            format!("AZ {} subnet {subnet} has only {} addresses free at the deployment peak (under 10 %).", az + 1, int(*free)),
            "Leave room for ENIs held while tasks start and stop, and for AZ rebalancing.".to_string(),
            ECS_BP_AWSVPC,
        ),
        Warning::AlbSubnetTooSmall { prefix } => (
            "alb-subnet",
            format!("An Application Load Balancer needs subnets of /27 or larger; the host subnets are /{prefix}."),
            "Use /27 or larger host subnets, or put the load balancer in other subnets.".to_string(),
            ALB_SUBNETS,
        ),
        Warning::AlbNeedsTwoAzs => (
            "alb-azs",
            "An Application Load Balancer needs subnets in at least two AZs.".to_string(),
            "Plan two or more AZs.".to_string(),
            ALB_SUBNETS,
        ),
        Warning::EniQuota { enis } => (
            "eni-quota",
            format!("{} task ENIs at the deployment peak exceed the default quota of 5,000 network interfaces per Region.", int(*enis)),
            "Request a quota increase before deploying.".to_string(),
            VPC_QUOTAS,
        ),
        Warning::AzLoss { fits } => (
            "az-loss",
            if *fits {
                "If one AZ is lost, the other subnets hold the tasks but not a deployment.".to_string()
            } else {
                "If one AZ is lost, the other subnets cannot hold its tasks.".to_string()
            },
            "Size each AZ's subnets for the load of a lost AZ, or add AZs.".to_string(),
            ECS_SERVICES,
        ),
        Warning::Ipv6Only => (
            "ipv6-only",
            "IPv6-only tasks use no IPv4, but container instances, their trunk ENIs and load balancer, NAT and endpoint ENIs in this plan still use IPv4 (the VPC always has an IPv4 CIDR).".to_string(),
            "Needs Linux, ECS agent 1.99.1 or later, instances launched with a primary IPv6 address, and dual-stack load balancers; use DNS64/NAT64 for IPv4-only endpoints.".to_string(),
            ECS_TASK_NETWORKING,
        ),
        Warning::DualStackSameIpv4 => (
            "dual-stack",
            "Dual stack does not save IPv4: each task still gets a private IPv4 address, plus an IPv6 one.".to_string(),
            "To save IPv4, use IPv6-only tasks or a secondary task CIDR.".to_string(),
            ECS_TASK_NETWORKING,
        ),
        Warning::DockerBridge => (
            "docker-bridge",
            "The VPC overlaps 172.17.0.0/16, which Docker's default bridge uses.".to_string(),
            "AWS advises against 172.17.0.0/16; choose another range.".to_string(),
            VPC_CIDR_BLOCKS,
        ),
        Warning::NoTasks => ("no-tasks", "The desired task count is 0.".to_string(), "Enter the number of tasks to plan for.".to_string(), ECS_SERVICES),
    };
    WarningText {
        id,
        message,
        action,
        source,
    }
}

/// The change of a metric from `base` to `other`, formatted (`+8`, `−399`, `±0`), or `None`
/// where either has no value.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{explain::{delta, Metric}, compare, Inputs};
/// let c = compare(&Inputs::default());
/// let (base, trunk) = (c[0].1.as_ref().unwrap(), c[1].1.as_ref().unwrap());
/// assert_eq!(delta(base, trunk, Metric::TasksPerInstance).as_deref(), Some("+8"));
/// assert_eq!(delta(base, trunk, Metric::Instances).as_deref(), Some("\u{2212}399"));
/// ```
pub fn delta(base: &Plan, other: &Plan, m: Metric) -> Option<String> {
    let a = i128::try_from(value(base, m)?).ok()?;
    let b = i128::try_from(value(other, m)?).ok()?;
    Some(crate::calc::fmt::delta(b - a))
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
    if i.secondary {
        s.push_str(&format!(" · tasks in {} (/{})", i.task_cidr, i.task_prefix));
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

/// The working of the per-AZ table: one line per subnet, from its size to what is free at the
/// deployment peak.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{explain::per_az, plan, Inputs};
/// let e = per_az(&plan(&Inputs::default()).unwrap());
/// assert_eq!(e.formula.len(), 3);
/// assert!(e.formula[0].contains("167 instances × 1 + 334 task addresses + 0 other = 501 used"));
/// assert!(e.formula[0].contains("at the peak 334 × 1 + 667 + 0 = 1,001"));
/// ```
pub fn per_az(p: &Plan) -> Explanation {
    let per_inst = p.density.map_or(0, |d| d.ips_per_instance);
    let per_task = u64::from(p.inputs.ip_mode != IpMode::V6Only);
    let in_use = |s: &crate::calc::SubnetUse| {
        if s.in_use > 0 {
            format!("{} in use now + ", int(s.in_use))
        } else {
            String::new()
        }
    };
    let mut f = Vec::new();
    for a in &p.azs {
        for (kind, s) in
            std::iter::once(("host", &a.host)).chain(a.task.as_ref().map(|t| ("task", t)))
        {
            let host = kind == "host";
            let tasks_here = !host || !p.inputs.secondary;
            let (inst, peak_inst) = if host {
                (a.instances, a.peak_instances)
            } else {
                (0, 0)
            };
            let peak_tasks = if tasks_here {
                a.peak_tasks.saturating_mul(per_task)
            } else {
                0
            };
            f.push(format!(
                "AZ {} {kind} {}: 2^(32 − {}) − 5 = {} usable; {}{} instances × {per_inst} + {} task addresses + {} other = {} used; at the peak {}{} × {per_inst} + {} + {} = {}; free at the peak {} − {} = {}",
                a.index + 1,
                s.cidr,
                s.cidr.prefix_len(),
                int(s.usable),
                in_use(s),
                int(inst),
                int(s.tasks),
                int(s.other),
                int(s.used()),
                in_use(s),
                int(peak_inst),
                int(peak_tasks),
                int(s.other),
                int(s.peak()),
                int(s.usable),
                int(s.peak()),
                crate::calc::fmt::left(i128::from(s.usable) - i128::from(s.peak()))
            ));
        }
    }
    let mut notes = vec!["Tasks spread evenly: the first AZs take one more; instances per AZ = ⌈tasks ÷ tasks per instance⌉.".to_string()];
    let mut sources = vec![VPC_SUBNET_SIZING, ECS_BP_AWSVPC, ECS_SERVICES];
    if p.totals.in_use > 0 {
        notes.extend(in_use_notes());
        sources.push(EC2_SUBNET);
    }
    Explanation {
        title: "IPv4 per subnet",
        formula: f,
        notes,
        sources,
    }
}

/// How the instance-type ranking is computed, with the inputs' numbers put in.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{explain::ranking, Inputs};
/// let e = ranking(&Inputs::default());
/// assert!(e.formula.iter().any(|l| l.contains("334 + 333 + 333")));
/// ```
pub fn ranking(i: &Inputs) -> Explanation {
    let spread = crate::calc::spread(u64::from(i.tasks), i.azs.clamp(1, crate::calc::MAX_AZS));
    let list = per_az_list(spread.iter().copied());
    let task_ips = if i.ip_mode == IpMode::V6Only {
        "0 (IPv6-only)"
    } else {
        "1"
    };
    let limits: Vec<String> = crate::calc::catalog::AWSVPC_LIMITS
        .iter()
        .map(|l| format!("{} {}", l.instance, l.tasks))
        .collect();
    let mut formula = vec![
        format!(
            "tasks per instance k: the catalogue's figure without and with ENI trunking (documented in the ECS table, or derived by AWS's rule and marked *), lowered to AWS's documented awsvpc limit where it names the type ({})",
            limits.join(", ")
        ),
        format!("instances = Σ over AZs ⌈tasks in the AZ ÷ k⌉, with {} tasks spread as {list}", int(i.tasks)),
        "fleet vCPUs = instances × the type's vCPUs".to_string(),
        format!(
            "IPv4 used = instances × 1 (2 with trunking: primary + trunk ENI) + {} tasks × {task_ips} + {} other × {} AZs; the fleet fits when every AZ's subnets hold its share at steady state",
            int(i.tasks),
            int(i.other.addresses()),
            i.azs
        ),
        "default order: the smaller fleet in vCPUs of the two (with and without trunking) among fleets that fit the subnets, then fleets that do not fit, then types whose vCPUs are unknown; ties by fewer addresses, then family and size. Other orders: fewest instances, most tasks per instance, fewest addresses, name".to_string(),
        "filters: family or name, architecture, trunking support; hide accelerated types (hidden by default; GPU: the p, g and gr classes; Inferentia: inf; Trainium: trn; others: dl, f, vt; by the family name) and bare-metal types".to_string(),
    ];
    if i.cpu.is_some() || i.memory_mib.is_some() {
        formula.insert(
            1,
            format!(
                "k is lowered to ⌊vCPUs × 1024 ÷ {}⌋ and ⌊(⌊memory × {} % ÷ 100⌋ registered − {} MiB reserved) ÷ {}⌋ where those are smaller; types a task does not fit on show —",
                i.cpu.map_or("–".to_string(), int),
                i.memory_registered_percent,
                int(i.memory_reserve_mib),
                i.memory_mib.map_or("–".to_string(), |m| format!("{} MiB", int(m)))
            ),
        );
    }
    let mut sources = vec![
        ECS_TRUNKING_TYPES,
        EC2_LIMITS,
        ECS_BP_AWSVPC,
        ECS_TASK_NETWORKING,
    ];
    if i.memory_mib.is_some() {
        sources.push(ECS_MEMORY);
    }
    Explanation {
        title: "Instance-type ranking",
        formula,
        notes: vec![
            "* derived: AWS has not published an ECS figure for this type; the value follows AWS's own rule from the EC2 ENI limits.".to_string(),
            "A type AWS gives an awsvpc task limit (e.g. p5.48xlarge: 1 task) shows that limit, not its ENI figures.".to_string(),
        ],
        sources,
    }
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
    match signed(p, m) {
        Some(v) => (v.to_string(), crate::calc::fmt::left(v)),
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
