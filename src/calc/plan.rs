//! The plan for one set of inputs: tasks per instance, instances, and the IPv4 budget per AZ.
//!
//! The model (each rule is stated once here and explained to the user by [`crate::calc::explain`]):
//! - Host subnets of prefix `host_prefix` are carved in order from the VPC CIDR, AZ *i* taking the
//!   *i*-th; with a secondary task CIDR, task subnets of `task_prefix` are carved from it the same way.
//! - Tasks per instance *k* = the ENI bound (with or without trunking), lowered by the CPU and memory
//!   bounds when a task size is given.
//! - *N* tasks are spread over *A* AZs as evenly as possible, the first *N* mod *A* AZs taking one
//!   more; instances in an AZ = ⌈tasks / *k*⌉.
//! - Each instance uses 2 IPv4 addresses with effective trunking (primary + trunk ENI), else 1; each
//!   task 1 (none when tasks are IPv6-only); `other` addresses per AZ are set aside for other ENIs.
//!   Instances and other ENIs sit in the host subnet; tasks too, unless a task CIDR is used.
//! - The deployment peak runs ⌊*N* · maximumPercent / 100⌋ tasks (rolling) or 2*N* (blue/green).

use crate::calc::catalog::{self, InstanceType, Source};
use crate::calc::cidr::{self, CidrError};
use ipnet::Ipv4Net;
use std::fmt;
use std::net::Ipv4Addr;

/// Largest number of Availability Zones a plan spreads over.
pub const MAX_AZS: u32 = 6;
/// Largest desired task count accepted (more than any VPC's IPv4 space holds).
pub const MAX_TASKS: u32 = 5_000_000;
/// Default memory (MiB) kept back from each instance for the OS and the ECS agent.
///
/// AWS: the memory an instance registers is less than its nominal memory (an m4.large with
/// 8,192 MiB registers about 7,985), and `ECS_RESERVED_MEMORY=256` is the documented example.
pub const DEFAULT_MEMORY_RESERVE_MIB: u32 = 256;
/// The default per-Region quota of network interfaces.
pub const ENI_QUOTA_PER_REGION: u64 = 5_000;
/// Free IPv4 addresses an Application Load Balancer needs in each of its subnets.
pub const ALB_FREE_ADDRESSES: u32 = 8;
/// Smallest subnet (largest prefix) an Application Load Balancer accepts.
pub const ALB_MAX_PREFIX: u8 = 27;
/// Below this share of free addresses at the deployment peak, a subnet gets a headroom warning.
pub const HEADROOM_PERCENT: u64 = 10;

/// Where tasks run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Launch {
    /// ECS on EC2 container instances.
    Ec2,
    /// AWS Fargate: one ENI per task, no instances in your subnets, no trunking.
    Fargate,
}

/// Which IP addresses tasks get.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IpMode {
    /// IPv4 only.
    V4,
    /// Dual stack: the same IPv4 use, plus one IPv6 address per task and instance.
    Dual,
    /// IPv6-only tasks (ECS, 2025; Linux; agent ≥ 1.99.1): no IPv4 task addresses.
    V6Only,
}

/// How the service deploys, which sets the peak task count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Deploy {
    /// Rolling update with `maximumPercent` (100 or more; ECS default 200).
    Rolling {
        /// `maximumPercent`.
        max_percent: u32,
    },
    /// Blue/green: the green task set reaches 100 % while blue still runs.
    BlueGreen,
}

/// Other ENIs in each AZ's host subnet, each taking addresses from the IPv4 budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct OtherEnis {
    /// An Application Load Balancer: 8 free addresses per subnet, subnet /27 or larger.
    pub alb: bool,
    /// A Network Load Balancer: 1 address per subnet.
    pub nlb: bool,
    /// NAT gateway addresses in this subnet (0–8: 1 primary plus up to 7 secondary).
    pub nat: u32,
    /// Interface VPC endpoints (1 address each per subnet).
    pub endpoints: u32,
    /// Any other addresses to keep free per AZ.
    pub extra: u32,
}

impl OtherEnis {
    /// Addresses per AZ set aside for these ENIs.
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::plan::OtherEnis;
    /// let o = OtherEnis { alb: true, nlb: true, nat: 1, endpoints: 4, extra: 0 };
    /// assert_eq!(o.addresses(), 14);
    /// ```
    pub fn addresses(&self) -> u64 {
        u64::from(if self.alb { ALB_FREE_ADDRESSES } else { 0 })
            + u64::from(self.nlb)
            + u64::from(self.nat)
            + u64::from(self.endpoints)
            + u64::from(self.extra)
    }
}

/// Everything a plan depends on, as domain values. [`crate::calc::form`] builds it from text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inputs {
    /// EC2 or Fargate.
    pub launch: Launch,
    /// Instance type name (looked up in the catalogue; ignored for Fargate).
    pub instance: String,
    /// Availability Zones, 1–6.
    pub azs: u32,
    /// Desired task count.
    pub tasks: u32,
    /// ENI trunking requested.
    pub trunking: bool,
    /// The VPC's primary IPv4 CIDR.
    pub vpc: Ipv4Net,
    /// Host subnet prefix per AZ.
    pub host_prefix: u8,
    /// Whether tasks go in subnets of a secondary CIDR.
    pub secondary: bool,
    /// The secondary task CIDR (used when `secondary`, and by the comparison).
    pub task_cidr: Ipv4Net,
    /// Task subnet prefix per AZ.
    pub task_prefix: u8,
    /// Explicit host subnets, one per AZ in AZ order (empty: carve `host_prefix` subnets in order).
    pub host_subnets: Vec<Ipv4Net>,
    /// Explicit task subnets, one per AZ (empty: carve `task_prefix` subnets from the task CIDR).
    pub task_subnets: Vec<Ipv4Net>,
    /// IPv4, dual stack or IPv6-only tasks.
    pub ip_mode: IpMode,
    /// IPv6 subnet prefix (/44–/64).
    pub ipv6_prefix: u8,
    /// Deployment strategy.
    pub deploy: Deploy,
    /// Task CPU units (1024 = 1 vCPU), if given.
    pub cpu: Option<u32>,
    /// Task memory in MiB, if given.
    pub memory_mib: Option<u32>,
    /// Memory kept back on each instance, MiB.
    pub memory_reserve_mib: u32,
    /// Other ENIs per AZ.
    pub other: OtherEnis,
}

impl Default for Inputs {
    /// The seed's example: the default VPC 172.31.0.0/16, three /20 subnets, c5.large, 1,000 tasks,
    /// trunking off, a secondary 100.64.0.0/16 in /18 task subnets available but off.
    fn default() -> Self {
        Inputs {
            launch: Launch::Ec2,
            instance: "c5.large".to_string(),
            azs: 3,
            tasks: 1000,
            trunking: false,
            vpc: Ipv4Net::new(Ipv4Addr::new(172, 31, 0, 0), 16).unwrap_or_default(),
            host_prefix: 20,
            secondary: false,
            task_cidr: Ipv4Net::new(Ipv4Addr::new(100, 64, 0, 0), 16).unwrap_or_default(),
            task_prefix: 18,
            host_subnets: Vec::new(),
            task_subnets: Vec::new(),
            ip_mode: IpMode::V4,
            ipv6_prefix: 64,
            deploy: Deploy::Rolling { max_percent: 200 },
            cpu: None,
            memory_mib: None,
            memory_reserve_mib: DEFAULT_MEMORY_RESERVE_MIB,
            other: OtherEnis::default(),
        }
    }
}

/// The input a [`PlanError`] is about, so the UI can put the message next to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// Launch type.
    Launch,
    /// Instance type.
    Instance,
    /// AZ count.
    Azs,
    /// Desired task count.
    Tasks,
    /// VPC CIDR.
    Vpc,
    /// Host subnet prefix.
    HostPrefix,
    /// Secondary task CIDR.
    TaskCidr,
    /// Task subnet prefix.
    TaskPrefix,
    /// Explicit host subnets.
    HostSubnets,
    /// Explicit task subnets.
    TaskSubnets,
    /// IP mode.
    IpMode,
    /// IPv6 subnet prefix.
    Ipv6Prefix,
    /// Deployment strategy.
    Deploy,
    /// maximumPercent.
    Surge,
    /// Task CPU.
    Cpu,
    /// Task memory.
    Memory,
    /// Memory reserve.
    Reserve,
    /// NAT gateway addresses.
    Nat,
    /// Interface endpoints.
    Endpoints,
    /// Other addresses.
    Other,
    /// ENI trunking (a toggle).
    Trunk,
    /// Secondary task CIDR in use (a toggle).
    Secondary,
    /// Application Load Balancer (a toggle).
    Alb,
    /// Network Load Balancer (a toggle).
    Nlb,
}

/// Why no plan could be made. Carries the field and a message that names the offending input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanError {
    /// The input at fault.
    pub field: Field,
    /// What is wrong, in lowercase, naming the input.
    pub message: String,
}

impl PlanError {
    /// A new error on `field`.
    pub fn new(field: Field, message: impl Into<String>) -> Self {
        PlanError {
            field,
            message: message.into(),
        }
    }
    fn cidr(field: Field, e: CidrError) -> Self {
        PlanError::new(field, e.to_string())
    }
}

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for PlanError {}

/// Which limit sets the tasks per instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Bound {
    /// ENI attachments (with or without trunking).
    Eni,
    /// vCPUs ÷ task CPU.
    Cpu,
    /// Available memory ÷ task memory.
    Memory,
}

/// Tasks per instance and how they were found. For Fargate there are no instances: `k` is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Density {
    /// Whether trunking is in effect (requested, EC2, and supported by the type).
    pub trunking: bool,
    /// ENI bound on tasks per instance.
    pub eni_bound: u32,
    /// Source of the ENI bound.
    pub eni_source: Source,
    /// CPU bound, when a task CPU and the type's vCPUs are known.
    pub cpu_bound: Option<u64>,
    /// Memory bound, when a task memory and the type's memory are known.
    pub memory_bound: Option<u64>,
    /// Tasks per instance.
    pub k: u64,
    /// The bound that sets `k`.
    pub binding: Bound,
    /// IPv4 addresses each instance uses: 2 with trunking, else 1.
    pub ips_per_instance: u64,
}

/// One subnet's IPv4 budget at steady state and at the deployment peak.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SubnetUse {
    /// The subnet.
    pub cidr: Ipv4Net,
    /// Usable addresses: 2^(32 − prefix) − 5.
    pub usable: u64,
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
    /// Addresses used at steady state.
    pub fn used(&self) -> u64 {
        self.instances + self.tasks + self.other
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

/// The smallest subnets per AZ that hold the desired tasks at the deployment peak.
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

/// A warning: not a failure, something to act on. [`crate::calc::explain`] words each one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// Trunking requested on a type that does not support it; carries the reason.
    TrunkingUnsupported {
        /// Instance type.
        instance: &'static str,
        /// Why.
        reason: &'static str,
    },
    /// Trunking requested with Fargate, where it does not apply.
    TrunkingNotOnFargate,
    /// Trunking is on: its preconditions apply.
    TrunkingCaveats,
    /// The density is derived by AWS's rule, not documented in the ECS table.
    DerivedDensity {
        /// Instance type.
        instance: &'static str,
    },
    /// A task size was given but the type's vCPUs or memory are unknown.
    SizeUnknown {
        /// Instance type.
        instance: &'static str,
    },
    /// A subnet is over its usable addresses at steady state.
    Exhausted {
        /// AZ index.
        az: u32,
        /// The subnet.
        subnet: Ipv4Net,
        /// Addresses missing.
        short: u64,
    },
    /// A subnet is over its usable addresses at the deployment peak.
    ExhaustedAtPeak {
        /// AZ index.
        az: u32,
        /// The subnet.
        subnet: Ipv4Net,
        /// Addresses missing.
        short: u64,
    },
    /// Less than 10 % of a subnet is free at the deployment peak.
    LowHeadroom {
        /// AZ index.
        az: u32,
        /// The subnet.
        subnet: Ipv4Net,
        /// Free addresses at the peak.
        free: u64,
    },
    /// An ALB needs host subnets of /27 or larger.
    AlbSubnetTooSmall {
        /// The host prefix.
        prefix: u8,
    },
    /// An ALB needs at least two AZs.
    AlbNeedsTwoAzs,
    /// More task ENIs at the peak than the default per-Region ENI quota.
    EniQuota {
        /// Task ENIs at the peak.
        enis: u64,
    },
    /// Losing one AZ would not fit.
    AzLoss {
        /// Whether the steady state fits after the loss.
        fits: bool,
    },
    /// IPv6-only tasks: what still needs IPv4, and the requirements.
    Ipv6Only,
    /// Dual stack saves no IPv4.
    DualStackSameIpv4,
    /// The VPC overlaps 172.17.0.0/16, which Docker uses.
    DockerBridge,
    /// Fewer than one task: the plan has no tasks.
    NoTasks,
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

/// The subnet layout and per-count address rules of a plan; shared by the plan, the maximum
/// searches, AZ loss, sizing and the ranking.
#[derive(Debug, Clone, Copy)]
struct Model {
    /// Tasks per instance; None for Fargate (no instances).
    k: Option<u64>,
    /// IPv4 per instance.
    per_instance: u64,
    /// IPv4 per task (0 for IPv6-only).
    per_task: u64,
    /// Addresses per AZ for other ENIs (host subnet).
    other: u64,
    /// Tasks in a separate task subnet.
    secondary: bool,
}

impl Model {
    fn instances(&self, tasks: u64) -> u64 {
        match self.k {
            Some(k) if k > 0 => tasks.div_ceil(k),
            _ => 0,
        }
    }
    /// (host addresses, task-subnet addresses) for `tasks` tasks in one AZ.
    fn use_for(&self, tasks: u64) -> (u64, u64) {
        let inst = self.instances(tasks).saturating_mul(self.per_instance);
        let t = tasks.saturating_mul(self.per_task);
        if self.secondary {
            (inst.saturating_add(self.other), t)
        } else {
            (inst.saturating_add(self.other).saturating_add(t), 0)
        }
    }
    fn fits(&self, tasks: u64, host_usable: u64, task_usable: u64) -> bool {
        let (h, t) = self.use_for(tasks);
        h <= host_usable && (!self.secondary || t <= task_usable)
    }
    /// Largest per-AZ task count that fits the given subnets; None when IPv4 does not limit it.
    fn max_per_az(&self, host_usable: u64, task_usable: u64) -> Option<u64> {
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
/// use awsvpc_planner::calc::plan::spread;
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
/// use awsvpc_planner::calc::plan::{peak_tasks, Deploy};
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
fn max_deployable(steady_max: u64, deploy: Deploy) -> u64 {
    match deploy {
        Deploy::Rolling { max_percent } => {
            let p = u128::from(max_percent.max(100));
            let n = (100 * (u128::from(steady_max) + 1) - 1) / p;
            n.min(u128::from(steady_max)) as u64
        }
        Deploy::BlueGreen => steady_max / 2,
    }
}

/// Tasks per instance for a type, launch, trunking choice and task size.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{catalog, plan::{density, Bound}};
/// let c5 = catalog::lookup("c5.large").unwrap();
/// assert_eq!(density(&c5, false, None, None, 256).unwrap().k, 2);
/// assert_eq!(density(&c5, true, None, None, 256).unwrap().k, 10);
/// // 512 CPU units: 2 vCPUs × 1024 / 512 = 4 tasks, below the trunking ENI bound of 10.
/// let d = density(&c5, true, Some(512), None, 256).unwrap();
/// assert_eq!((d.k, d.binding), (4, Bound::Cpu));
/// ```
///
/// # Errors
/// A [`PlanError`] on [`Field::Cpu`] or [`Field::Memory`] when not even one task fits.
pub fn density(
    t: &InstanceType,
    trunking: bool,
    cpu: Option<u32>,
    memory_mib: Option<u32>,
    reserve_mib: u32,
) -> Result<Density, PlanError> {
    let trunk = trunking && t.tasks_with_trunking.is_some();
    let (eni_bound, eni_source) = match (trunk, t.tasks_with_trunking) {
        (true, Some(with)) => (with, t.with_source),
        _ => (t.tasks_without_trunking, t.without_source),
    };
    let cpu_bound = match (cpu, t.vcpus) {
        (Some(c), Some(v)) if c > 0 => Some(u64::from(v) * 1024 / u64::from(c)),
        _ => None,
    };
    let memory_bound = match (memory_mib, t.memory_mib) {
        (Some(m), Some(total)) if m > 0 => {
            Some(u64::from(total.saturating_sub(reserve_mib)) / u64::from(m))
        }
        _ => None,
    };
    let mut k = u64::from(eni_bound);
    let mut binding = Bound::Eni;
    if let Some(c) = cpu_bound {
        if c < k {
            k = c;
            binding = Bound::Cpu;
        }
    }
    if let Some(m) = memory_bound {
        if m < k {
            k = m;
            binding = Bound::Memory;
        }
    }
    if k == 0 {
        return Err(match binding {
            Bound::Cpu => PlanError::new(
                Field::Cpu,
                format!(
                    "a task of {} CPU units does not fit on {} ({} vCPUs = {} units)",
                    cpu.unwrap_or(0),
                    t.name,
                    t.vcpus.unwrap_or(0),
                    u64::from(t.vcpus.unwrap_or(0)) * 1024
                ),
            ),
            Bound::Memory => PlanError::new(
                Field::Memory,
                format!(
                    "a task of {} MiB does not fit on {} ({} MiB less {} MiB reserved)",
                    memory_mib.unwrap_or(0),
                    t.name,
                    t.memory_mib.unwrap_or(0),
                    reserve_mib
                ),
            ),
            Bound::Eni => PlanError::new(
                Field::Instance,
                format!("{} cannot run awsvpc tasks (no free ENI)", t.name),
            ),
        });
    }
    Ok(Density {
        trunking: trunk,
        eni_bound,
        eni_source,
        cpu_bound,
        memory_bound,
        k,
        binding,
        ips_per_instance: if trunk { 2 } else { 1 },
    })
}

/// Checks the inputs that do not depend on the catalogue and carves the subnets.
fn subnets(i: &Inputs) -> Result<(Vec<Ipv4Net>, Vec<Ipv4Net>), PlanError> {
    if i.azs == 0 || i.azs > MAX_AZS {
        return Err(PlanError::new(
            Field::Azs,
            format!("{} AZs: choose 1 to {MAX_AZS}", i.azs),
        ));
    }
    if i.tasks > MAX_TASKS {
        return Err(PlanError::new(
            Field::Tasks,
            format!(
                "{} tasks: at most {} here",
                i.tasks,
                crate::calc::fmt::int(MAX_TASKS)
            ),
        ));
    }
    let vpc = cidr::check_block(&i.vpc).map_err(|e| PlanError::cidr(Field::Vpc, e))?;
    let host = if i.host_subnets.is_empty() {
        cidr::carve(&vpc, i.host_prefix, i.azs)
            .map_err(|e| PlanError::cidr(Field::HostPrefix, e))?
    } else {
        explicit(&vpc, &i.host_subnets, i.azs, Field::HostSubnets)?
    };
    let task = if i.secondary {
        let t = cidr::check_block(&i.task_cidr).map_err(|e| PlanError::cidr(Field::TaskCidr, e))?;
        cidr::check_secondary(&vpc, &t).map_err(|e| PlanError::cidr(Field::TaskCidr, e))?;
        if i.task_subnets.is_empty() {
            cidr::carve(&t, i.task_prefix, i.azs)
                .map_err(|e| PlanError::cidr(Field::TaskPrefix, e))?
        } else {
            explicit(&t, &i.task_subnets, i.azs, Field::TaskSubnets)?
        }
    } else {
        Vec::new()
    };
    if let Deploy::Rolling { max_percent } = i.deploy {
        if !(100..=1000).contains(&max_percent) {
            return Err(PlanError::new(
                Field::Surge,
                format!("maximumPercent {max_percent}: use 100 to 1000"),
            ));
        }
    }
    if !(cidr::MIN_PREFIX_V6..=cidr::MAX_PREFIX_V6).contains(&i.ipv6_prefix)
        || !i.ipv6_prefix.is_multiple_of(4)
    {
        return Err(PlanError::new(
            Field::Ipv6Prefix,
            format!(
                "/{} IPv6 subnets: AWS allows /44 to /64 in steps of 4",
                i.ipv6_prefix
            ),
        ));
    }
    if i.other.nat > 8 {
        return Err(PlanError::new(
            Field::Nat,
            format!(
                "{} NAT gateway addresses: a NAT gateway has 1 to 8",
                i.other.nat
            ),
        ));
    }
    Ok((host, task))
}

/// Checks explicit per-AZ subnets: one per AZ, each a valid subnet inside `block`, no overlaps.
fn explicit(
    block: &Ipv4Net,
    list: &[Ipv4Net],
    azs: u32,
    field: Field,
) -> Result<Vec<Ipv4Net>, PlanError> {
    if list.len() != azs as usize {
        return Err(PlanError::new(
            field,
            format!(
                "{azs} AZ{} need {azs} subnet{}, one per AZ; {} given",
                if azs == 1 { "" } else { "s" },
                if azs == 1 { "" } else { "s" },
                list.len()
            ),
        ));
    }
    for (n, s) in list.iter().enumerate() {
        cidr::usable_ipv4(s.prefix_len())
            .map_err(|e| PlanError::new(field, format!("{s}: {e}")))?;
        if s.network() != s.addr() {
            return Err(PlanError::new(
                field,
                format!("{s} has host bits set; the network is {}", s.trunc()),
            ));
        }
        if !cidr::within(block, s) {
            return Err(PlanError::new(field, format!("{s} is not inside {block}")));
        }
        if let Some(o) = list.iter().take(n).find(|o| cidr::overlaps(o, s)) {
            return Err(PlanError::cidr(field, CidrError::Overlap { a: *s, b: *o }));
        }
    }
    Ok(list.to_vec())
}

/// Per-AZ plan for `tasks` spread with `peak` at the deployment peak.
fn az_plans(
    m: &Model,
    host: &[Ipv4Net],
    task: &[Ipv4Net],
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
            let h = *host.get(az as usize)?;
            let (hs, ts) = m.use_for(n);
            let (hp, tp) = m.use_for(p);
            let inst = m.instances(n);
            let inst_p = m.instances(p);
            let host_use = SubnetUse {
                cidr: h,
                usable: cidr::usable_ipv4(h.prefix_len()).unwrap_or(0),
                instances: inst.saturating_mul(m.per_instance),
                tasks: if m.secondary {
                    0
                } else {
                    n.saturating_mul(m.per_task)
                },
                other: m.other,
                surge: hp.saturating_sub(hs),
            };
            let task_use = task.get(az as usize).map(|&t| SubnetUse {
                cidr: t,
                usable: cidr::usable_ipv4(t.prefix_len()).unwrap_or(0),
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
fn max_total(caps: &[Option<u64>]) -> Option<u64> {
    let caps: Option<Vec<u64>> = caps.iter().copied().collect();
    let caps = caps?;
    let m = caps.iter().copied().min()?;
    let lead = caps.iter().take_while(|&&c| c > m).count() as u64;
    Some(m.saturating_mul(caps.len() as u64).saturating_add(lead))
}

fn usable_of(s: &[Ipv4Net], az: u32) -> u64 {
    s.get(az as usize)
        .and_then(|n| cidr::usable_ipv4(n.prefix_len()).ok())
        .unwrap_or(0)
}

/// Makes the plan for `inputs`.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::plan::{plan, Inputs};
/// let p = plan(&Inputs::default()).unwrap();
/// assert_eq!(p.totals.usable, 12_273);
/// assert_eq!(p.density.unwrap().k, 2);
/// assert_eq!(p.totals.instances, 501);
/// assert_eq!(p.totals.used, 1_501);
/// assert_eq!(p.max_tasks, Some(8_181));
/// ```
///
/// # Errors
/// A [`PlanError`] naming the field at fault: an unknown type, subnets that do not fit, a task
/// too large for the type, a value out of range.
pub fn plan(inputs: &Inputs) -> Result<Plan, PlanError> {
    let (host, task) = subnets(inputs)?;
    let (instance, density) = match inputs.launch {
        Launch::Ec2 => {
            let t = catalog::lookup(&inputs.instance)
                .map_err(|e| PlanError::new(Field::Instance, e.to_string()))?;
            let d = density(
                &t,
                inputs.trunking,
                inputs.cpu,
                inputs.memory_mib,
                inputs.memory_reserve_mib,
            )?;
            (Some(t), Some(d))
        }
        Launch::Fargate => (None, None),
    };
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
    let azs = az_plans(&model, &host, &task, &order, n, peak, v6);

    let caps: Vec<Option<u64>> = order
        .iter()
        .map(|&a| model.max_per_az(usable_of(&host, a), usable_of(&task, a)))
        .collect();
    // An AZ whose other ENIs alone overflow its subnet holds nothing: then no count fits (0).
    let infeasible = order
        .iter()
        .any(|&a| !model.fits(0, usable_of(&host, a), usable_of(&task, a)));
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
        used: azs.iter().flat_map(|a| a.subnets()).map(|s| s.used()).sum(),
        peak: azs.iter().flat_map(|a| a.subnets()).map(|s| s.peak()).sum(),
        ipv6_used: azs.iter().map(|a| a.ipv6_used).sum(),
    };

    let az_loss = if inputs.azs >= 2 {
        (0..inputs.azs)
            .map(|lost| {
                let rest: Vec<u32> = order.iter().copied().filter(|&a| a != lost).collect();
                let plans = az_plans(&model, &host, &task, &rest, n, peak, v6);
                let fits = plans
                    .iter()
                    .flat_map(|a| a.subnets())
                    .all(|s| s.used() <= s.usable);
                let fits_at_peak = plans
                    .iter()
                    .flat_map(|a| a.subnets())
                    .all(|s| s.peak() <= s.usable);
                AzLoss {
                    lost,
                    azs: plans,
                    fits,
                    fits_at_peak,
                }
            })
            .min_by_key(|l| (l.fits, l.fits_at_peak))
    } else {
        None
    };

    let sizing = size(&model, &spread(peak, inputs.azs));
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

/// Smallest subnets (largest prefixes) that hold the busiest AZ's peak.
fn size(m: &Model, peak_spread: &[u64]) -> Sizing {
    let busiest = peak_spread.iter().copied().max().unwrap_or(0);
    let (h, t) = m.use_for(busiest);
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

fn warnings(p: &Plan) -> Vec<Warning> {
    let i = &p.inputs;
    let mut w = Vec::new();
    for az in &p.azs {
        for s in az.subnets() {
            if s.used() > s.usable {
                w.push(Warning::Exhausted {
                    az: az.index,
                    subnet: s.cidr,
                    short: s.used() - s.usable,
                });
            } else if s.peak() > s.usable {
                w.push(Warning::ExhaustedAtPeak {
                    az: az.index,
                    subnet: s.cidr,
                    short: s.short_at_peak(),
                });
            } else if s.free_at_peak().saturating_mul(100)
                < s.usable.saturating_mul(HEADROOM_PERCENT)
            {
                w.push(Warning::LowHeadroom {
                    az: az.index,
                    subnet: s.cidr,
                    free: s.free_at_peak(),
                });
            }
        }
    }
    if let Some(loss) = &p.az_loss {
        if !loss.fits_at_peak {
            w.push(Warning::AzLoss { fits: loss.fits });
        }
    }
    match (i.launch, &p.instance) {
        (Launch::Fargate, _) if i.trunking => w.push(Warning::TrunkingNotOnFargate),
        (Launch::Ec2, Some(t)) => {
            if i.trunking && t.tasks_with_trunking.is_none() {
                w.push(Warning::TrunkingUnsupported {
                    instance: t.name,
                    reason: catalog::unsupported_reason(t).unwrap_or("not supported"),
                });
            }
            if p.density.is_some_and(|d| d.eni_source == Source::Derived) {
                w.push(Warning::DerivedDensity { instance: t.name });
            }
            if (i.cpu.is_some() && t.vcpus.is_none())
                || (i.memory_mib.is_some() && t.memory_mib.is_none())
            {
                w.push(Warning::SizeUnknown { instance: t.name });
            }
        }
        _ => {}
    }
    if i.other.alb {
        if i.host_prefix > ALB_MAX_PREFIX {
            w.push(Warning::AlbSubnetTooSmall {
                prefix: i.host_prefix,
            });
        }
        if i.azs < 2 {
            w.push(Warning::AlbNeedsTwoAzs);
        }
    }
    if p.totals.peak_tasks > ENI_QUOTA_PER_REGION {
        w.push(Warning::EniQuota {
            enis: p.totals.peak_tasks,
        });
    }
    if i.tasks == 0 {
        w.push(Warning::NoTasks);
    }
    if p.density.is_some_and(|d| d.trunking) {
        w.push(Warning::TrunkingCaveats);
    }
    match i.ip_mode {
        IpMode::V6Only => w.push(Warning::Ipv6Only),
        IpMode::Dual => w.push(Warning::DualStackSameIpv4),
        IpMode::V4 => {}
    }
    let docker = Ipv4Net::new(Ipv4Addr::new(172, 17, 0, 0), 16).unwrap_or_default();
    if cidr::overlaps(&i.vpc, &docker) || (i.secondary && cidr::overlaps(&i.task_cidr, &docker)) {
        w.push(Warning::DockerBridge);
    }
    w
}

/// The four scenarios of the comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scenario {
    /// Trunking off, no secondary CIDR.
    Base,
    /// Trunking on, no secondary CIDR.
    Trunk,
    /// Trunking off, tasks in the secondary CIDR.
    Secondary,
    /// Trunking on, tasks in the secondary CIDR.
    TrunkSecondary,
}

impl Scenario {
    /// All four, in display order.
    pub const ALL: [Scenario; 4] = [
        Scenario::Base,
        Scenario::Trunk,
        Scenario::Secondary,
        Scenario::TrunkSecondary,
    ];

    /// Stable identifier (`base`, `trunk`, `secondary`, `trunk-secondary`).
    pub fn id(self) -> &'static str {
        match self {
            Scenario::Base => "base",
            Scenario::Trunk => "trunk",
            Scenario::Secondary => "secondary",
            Scenario::TrunkSecondary => "trunk-secondary",
        }
    }

    /// Title for people.
    pub fn title(self) -> &'static str {
        match self {
            Scenario::Base => "Base",
            Scenario::Trunk => "ENI trunking",
            Scenario::Secondary => "Secondary task CIDR",
            Scenario::TrunkSecondary => "Trunking + secondary CIDR",
        }
    }

    /// The inputs of this scenario: the user's inputs with trunking and the secondary CIDR set.
    pub fn apply(self, i: &Inputs) -> Inputs {
        let mut out = i.clone();
        out.trunking = matches!(self, Scenario::Trunk | Scenario::TrunkSecondary);
        out.secondary = matches!(self, Scenario::Secondary | Scenario::TrunkSecondary);
        out
    }
}

/// The same inputs in the four scenarios, each with its plan or the reason it has none.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::plan::{compare, Inputs};
/// let maxima: Vec<Option<u64>> = compare(&Inputs::default())
///     .iter()
///     .map(|(_, p)| p.as_ref().ok().and_then(|p| p.max_tasks))
///     .collect();
/// assert_eq!(maxima, [Some(8_181), Some(10_227), Some(24_546), Some(49_137)]);
/// ```
pub fn compare(i: &Inputs) -> Vec<(Scenario, Result<Plan, PlanError>)> {
    Scenario::ALL
        .iter()
        .map(|&s| (s, plan(&s.apply(i))))
        .collect()
}

/// One row of the instance-type ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RankRow {
    /// The type.
    pub instance: InstanceType,
    /// Tasks per instance without trunking (None when a task does not fit).
    pub k_without: Option<u64>,
    /// Tasks per instance with trunking (None when unsupported or a task does not fit).
    pub k_with: Option<u64>,
    /// Instances needed without trunking.
    pub instances_without: Option<u64>,
    /// Instances needed with trunking.
    pub instances_with: Option<u64>,
    /// IPv4 used at steady state without trunking.
    pub ips_without: Option<u64>,
    /// IPv4 used at steady state with trunking.
    pub ips_with: Option<u64>,
}

impl RankRow {
    /// The better of the two: fewest instances, then fewest addresses.
    pub fn best_instances(&self) -> Option<u64> {
        fewer(self.instances_without, self.instances_with)
    }
}

/// The smaller of two counts where either may be missing.
fn fewer(a: Option<u64>, b: Option<u64>) -> Option<u64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Ranks every catalogue type for the task size, count and AZs in `i` (steady state), with and
/// without trunking, sorted by fewest instances, then fewest addresses, then catalogue order (family, size).
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::plan::{rank, Inputs};
/// let rows = rank(&Inputs::default());
/// assert!(rows.len() > 1000);
/// let c5 = rows.iter().find(|r| r.instance.name == "c5.large").unwrap();
/// assert_eq!((c5.instances_without, c5.instances_with), (Some(501), Some(102)));
/// ```
pub fn rank(i: &Inputs) -> Vec<RankRow> {
    rank_from(&densities(i), i)
}

/// Tasks per instance of every catalogue type, without and with trunking, for a task size: the
/// part of the ranking that depends only on the type and the task size (not on counts or
/// subnets), so the UI can keep it while the task count changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Densities(Vec<(InstanceType, Option<u64>, Option<u64>)>);

/// The [`Densities`] for the task size and memory reserve in `i`.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::plan::{densities, rank, rank_from, Inputs};
/// let i = Inputs::default();
/// assert_eq!(rank_from(&densities(&i), &i), rank(&i));
/// ```
pub fn densities(i: &Inputs) -> Densities {
    let k = |t: &InstanceType, trunk: bool| {
        density(t, trunk, i.cpu, i.memory_mib, i.memory_reserve_mib)
            .ok()
            .map(|d| d.k)
    };
    Densities(
        catalog::all()
            .map(|t| {
                let with = if t.tasks_with_trunking.is_some() {
                    k(&t, true)
                } else {
                    None
                };
                (t, k(&t, false), with)
            })
            .collect(),
    )
}

/// The ranking for the counts in `i`, from densities computed for the same task size.
pub fn rank_from(d: &Densities, i: &Inputs) -> Vec<RankRow> {
    let n = u64::from(i.tasks);
    let per_az = spread(n, i.azs.clamp(1, MAX_AZS));
    let per_task = u64::from(i.ip_mode != IpMode::V6Only);
    let other = i.other.addresses().saturating_mul(u64::from(i.azs));
    let count = |k: u64, per_instance: u64| -> (u64, u64) {
        let inst: u64 = per_az.iter().map(|&t| t.div_ceil(k.max(1))).sum();
        (
            inst,
            inst.saturating_mul(per_instance) + n.saturating_mul(per_task) + other,
        )
    };
    // Counts first (small), then sort keys, then the rows once in sorted order: the rows are
    // large (they carry the type), so they are built and copied once.
    let counts: Vec<[Option<(u64, u64)>; 2]> =
        d.0.iter()
            .map(|&(_, without, with)| [without.map(|k| count(k, 1)), with.map(|k| count(k, 2))])
            .collect();
    let row = |x: usize| -> Option<RankRow> {
        let &(t, without, with) = d.0.get(x)?;
        let &[a, b] = counts.get(x)?;
        Some(RankRow {
            instance: t,
            k_without: without,
            k_with: with,
            instances_without: a.map(|x| x.0),
            instances_with: b.map(|x| x.0),
            ips_without: a.map(|x| x.1),
            ips_with: b.map(|x| x.1),
        })
    };
    // One integer per row: instances (32 bits; counts are far below, "does not fit" is the top),
    // addresses (64 bits), then the catalogue position, so ties keep catalogue order.
    let mut keys: Vec<u128> = counts
        .iter()
        .enumerate()
        .map(|(x, &[a, b])| {
            let (k1, k2) = fewest_instances_key(
                a.map(|c| c.0),
                b.map(|c| c.0),
                a.map(|c| c.1),
                b.map(|c| c.1),
            );
            let k1 = u128::from(u32::try_from(k1).unwrap_or(u32::MAX));
            (k1 << 96) | (u128::from(k2) << 32) | x as u128
        })
        .collect();
    keys.sort_unstable();
    keys.iter()
        .filter_map(|&k| row((k & u128::from(u32::MAX)) as usize))
        .collect()
}

/// Addresses used as a function of the task count, for charts: the plan's layout with `n` tasks.
#[derive(Debug, Clone)]
pub struct Curve {
    model: Model,
    host_usable: Vec<u64>,
    task_usable: Vec<u64>,
    azs: u32,
}

impl Curve {
    /// Prepares the curve of `i` (same checks as [`plan`]).
    ///
    /// # Errors
    /// As [`plan`].
    pub fn new(i: &Inputs) -> Result<Curve, PlanError> {
        let (host, task) = subnets(i)?;
        let d = match i.launch {
            Launch::Ec2 => {
                let t = catalog::lookup(&i.instance)
                    .map_err(|e| PlanError::new(Field::Instance, e.to_string()))?;
                Some(density(
                    &t,
                    i.trunking,
                    i.cpu,
                    i.memory_mib,
                    i.memory_reserve_mib,
                )?)
            }
            Launch::Fargate => None,
        };
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
            host_usable: usable(&host),
            task_usable: usable(&task),
            azs: i.azs,
        })
    }

    /// Usable IPv4 of all subnets.
    pub fn usable(&self) -> u64 {
        self.host_usable.iter().chain(&self.task_usable).sum()
    }

    /// IPv4 used at steady state by `n` tasks spread over the AZs.
    pub fn used(&self, n: u64) -> u64 {
        spread(n, self.azs)
            .iter()
            .map(|&t| {
                let (h, k) = self.model.use_for(t);
                h.saturating_add(k)
            })
            .sum()
    }

    /// Whether `n` tasks fit at steady state in every subnet.
    pub fn fits(&self, n: u64) -> bool {
        spread(n, self.azs).iter().enumerate().all(|(a, &t)| {
            self.model.fits(
                t,
                self.host_usable.get(a).copied().unwrap_or(0),
                self.task_usable.get(a).copied().unwrap_or(0),
            )
        })
    }
}

/// A column of the ranking to sort by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum RankSort {
    /// Fewest instances (the better of with and without trunking), then fewest addresses.
    #[default]
    Instances,
    /// Most tasks per instance without trunking.
    TasksWithout,
    /// Most tasks per instance with trunking.
    TasksWith,
    /// Fewest addresses used.
    Addresses,
    /// Name.
    Name,
}

/// Filters of the ranking.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RankQuery {
    /// Name or family prefix (case-insensitive); empty for all.
    pub family: String,
    /// Only this architecture.
    pub arch: Option<catalog::Arch>,
    /// Only types with (true) or without (false) trunking support.
    pub trunking: Option<bool>,
    /// Sort column.
    pub sort: RankSort,
}

/// The rows of `rows` that match `q`, sorted by its column (ties keep their order in `rows`).
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::plan::{rank, select, Inputs, RankQuery, RankSort};
/// let rows = rank(&Inputs::default());
/// let q = RankQuery { family: "c5".into(), trunking: Some(true), sort: RankSort::Name, ..Default::default() };
/// let got = select(&rows, &q);
/// assert_eq!(got[0].instance.name, "c5.12xlarge");
/// assert!(got.iter().all(|r| r.instance.name.starts_with("c5") && r.k_with.is_some()));
/// ```
pub fn select(rows: &[RankRow], q: &RankQuery) -> Vec<RankRow> {
    let family = q.family.trim().to_ascii_lowercase();
    let mut out: Vec<RankRow> = rows
        .iter()
        .filter(|r| {
            family.is_empty()
                || r.instance.name.starts_with(family.as_str())
                || r.instance.family.starts_with(family.as_str())
        })
        .filter(|r| q.arch.is_none_or(|a| r.instance.arch == a))
        .filter(|r| {
            q.trunking
                .is_none_or(|t| r.instance.tasks_with_trunking.is_some() == t)
        })
        .copied()
        .collect();
    if q.sort != RankSort::Instances {
        sort_rows(&mut out, q.sort);
    }
    out
}

/// Sorts rows by a column. Numeric columns compute each key once and break ties by the rows'
/// current order (catalogue order: family, then size), so no names are compared.
fn sort_rows(rows: &mut Vec<RankRow>, sort: RankSort) {
    if sort == RankSort::Name {
        rows.sort_unstable_by(|a, b| a.instance.name.cmp(b.instance.name));
        return;
    }
    let mut keys: Vec<(u64, u64, u32)> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let (a, b) = rank_key(r, sort);
            (a, b, i as u32)
        })
        .collect();
    keys.sort_unstable();
    *rows = keys
        .iter()
        .filter_map(|k| rows.get(k.2 as usize).copied())
        .collect();
}

/// The "fewest instances" sort key: the better of the two instance counts, then the addresses
/// used with trunking (else without). Smaller sorts first; "does not fit" sorts last.
fn fewest_instances_key(
    instances_without: Option<u64>,
    instances_with: Option<u64>,
    ips_without: Option<u64>,
    ips_with: Option<u64>,
) -> (u64, u64) {
    (
        fewer(instances_without, instances_with).unwrap_or(u64::MAX),
        ips_with.or(ips_without).unwrap_or(u64::MAX),
    )
}

/// The sort key of a ranking row for a numeric column: smaller sorts first.
fn rank_key(r: &RankRow, sort: RankSort) -> (u64, u64) {
    let most = |k: Option<u64>| u64::MAX - k.unwrap_or(0);
    let ips = r
        .ips_with
        .unwrap_or(u64::MAX)
        .min(r.ips_without.unwrap_or(u64::MAX));
    match sort {
        RankSort::Instances => fewest_instances_key(
            r.instances_without,
            r.instances_with,
            r.ips_without,
            r.ips_with,
        ),
        RankSort::TasksWithout => (most(r.k_without), 0),
        RankSort::TasksWith => (most(r.k_with), 0),
        RankSort::Addresses => (ips, 0),
        RankSort::Name => (0, 0),
    }
}
