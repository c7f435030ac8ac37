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
use crate::calc::fmt::int;
use ipnet::Ipv4Net;
use std::fmt;
use std::net::Ipv4Addr;

/// Largest number of Availability Zones a plan spreads over.
pub const MAX_AZS: u32 = 6;
/// Largest desired task count accepted (more than any VPC's IPv4 space holds).
pub const MAX_TASKS: u32 = 5_000_000;
/// Default memory (MiB) kept back from each instance for the OS and the ECS agent: the agent's
/// `ECS_RESERVED_MEMORY`, taken from what the instance registers.
///
/// AWS ("Reserving Amazon ECS Linux container instance memory"): with `ECS_RESERVED_MEMORY=256`
/// "the agent registers the total memory minus 256 MiB for that instance"; 256 is AWS's example.
pub const DEFAULT_MEMORY_RESERVE_MIB: u32 = 256;
/// Default share of an instance's installed memory that the ECS agent registers, in percent.
///
/// The agent registers the memory the operating system reports, which is less than the installed
/// memory ("because of platform memory overhead and memory occupied by the system kernel").
/// AWS's example (ECS developer guide, "Reserving Amazon ECS Linux container instance memory";
/// the AWS Batch guide's "Compute resource memory management" gives the numbers): an m4.large
/// with 8 GiB = 8,192 MiB installed reports 8,373,026,816 bytes, so 7,985 MiB are available for
/// tasks: 97.47 %. The default rounds that down to 97 % (m4.large: ⌊8,192 × 97 ÷ 100⌋ = 7,946 MiB).
/// The share varies by type and AMI: read `registeredResources` of a running container instance
/// (`aws ecs describe-container-instances`) and enter your own.
pub const DEFAULT_REGISTERED_PERCENT: u32 = 97;
/// Smallest registered share of installed memory accepted, in percent.
pub const MIN_REGISTERED_PERCENT: u32 = 50;
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
    /// Listed task subnets may also lie inside the VPC CIDR (existing subnets of the VPC's own
    /// block); then the task CIDR is not used.
    pub task_subnets: Vec<Ipv4Net>,
    /// IPv4 addresses already in use in each listed host subnet, in AZ order (`hnets`'
    /// `a.b.c.d/n@37`); missing entries are 0. Every budget counts them.
    pub host_in_use: Vec<u32>,
    /// IPv4 addresses already in use in each listed task subnet (`tnets`' `@n`); missing are 0.
    pub task_in_use: Vec<u32>,
    /// Names of the AZs and of existing subnets: for people and the Terraform snippet; they
    /// change no number.
    pub labels: Labels,
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
    /// Memory kept back on each instance, MiB (`ECS_RESERVED_MEMORY`), taken from the registered
    /// memory.
    pub memory_reserve_mib: u32,
    /// Share of the installed memory the ECS agent registers, percent (50–100; default
    /// [`DEFAULT_REGISTERED_PERCENT`]).
    pub memory_registered_percent: u32,
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
            host_in_use: Vec::new(),
            task_in_use: Vec::new(),
            labels: Labels::default(),
            ip_mode: IpMode::V4,
            ipv6_prefix: 64,
            deploy: Deploy::Rolling { max_percent: 200 },
            cpu: None,
            memory_mib: None,
            memory_reserve_mib: DEFAULT_MEMORY_RESERVE_MIB,
            memory_registered_percent: DEFAULT_REGISTERED_PERCENT,
            other: OtherEnis::default(),
        }
    }
}

impl Inputs {
    /// These inputs with every value that does not apply set to its default: on Fargate the
    /// instance type, trunking, the memory reserve and the registered share (there are no
    /// container instances); in-use counts without their trailing zeros (a missing entry is 0). The link format leaves those keys out, so a link gives back
    /// exactly the canonical inputs; [`crate::calc::form::Form::parse`] returns canonical inputs.
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::plan::{Inputs, Launch};
    /// let mut i = Inputs { launch: Launch::Fargate, trunking: true, instance: "m5.large".into(), ..Inputs::default() };
    /// let c = i.canonical();
    /// assert!(!c.trunking && c.instance == "c5.large");
    /// i.launch = Launch::Ec2;
    /// assert_eq!(i.canonical(), i);
    /// ```
    #[must_use]
    pub fn canonical(&self) -> Inputs {
        let mut out = self.clone();
        // In-use counts: a missing entry is 0, so trailing zeros are left out.
        for v in [&mut out.host_in_use, &mut out.task_in_use] {
            while v.last() == Some(&0) {
                v.pop();
            }
        }
        if out.launch == Launch::Fargate {
            let d = Inputs::default();
            out.instance = d.instance;
            out.trunking = false;
            out.memory_reserve_mib = d.memory_reserve_mib;
            out.memory_registered_percent = d.memory_registered_percent;
        }
        out
    }
}

/// Names of the AZs and of existing subnets, each list in AZ order; empty lists or empty entries
/// mean "not named". They change no number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Labels {
    /// AZ names (`us-east-1a`), at most one per AZ.
    pub zones: Vec<String>,
    /// Subnet ids (`subnet-…`) of the listed host subnets: none, or one per listed subnet.
    pub host_ids: Vec<String>,
    /// Subnet ids of the listed task subnets: none, or one per listed subnet.
    pub task_ids: Vec<String>,
    /// Names of the host subnets (the `Name` tag), at most one per AZ.
    pub host_names: Vec<String>,
    /// Names of the task subnets, at most one per AZ.
    pub task_names: Vec<String>,
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
    /// Registered share of installed memory.
    Registered,
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
    /// AZ names.
    Zones,
    /// Host subnet ids.
    HostIds,
    /// Task subnet ids.
    TaskIds,
    /// Host subnet names.
    HostNames,
    /// Task subnet names.
    TaskNames,
}

/// A one-click fix for a [`PlanError`]: a change to the form that removes the conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fix {
    /// Set the AZ count to this number (the number of subnets listed).
    SetAzs(u32),
}

impl Fix {
    /// A short label for the button, e.g. `Use 2 AZs`.
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::plan::Fix;
    /// assert_eq!(Fix::SetAzs(2).label(), "Use 2 AZs");
    /// assert_eq!(Fix::SetAzs(1).label(), "Use 1 AZ");
    /// ```
    pub fn label(self) -> String {
        match self {
            Fix::SetAzs(n) => format!("Use {n} AZ{}", if n == 1 { "" } else { "s" }),
        }
    }

    /// Applies the fix to a form.
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::{form::Form, plan::Fix};
    /// let mut f = Form::default();
    /// Fix::SetAzs(2).apply(&mut f);
    /// assert_eq!(f.azs, "2");
    /// ```
    pub fn apply(self, form: &mut crate::calc::form::Form) {
        match self {
            Fix::SetAzs(n) => form.azs = n.to_string(),
        }
    }
}

/// Why no plan could be made. Carries the field at fault, the other fields the conflict
/// involves, an optional one-click [`Fix`], and a message that names the offending input.
///
/// A value that is wrong on its own (`az=9`) names one field. Values that are each valid but do
/// not fit together (2 subnets listed for 3 AZs, a task larger than the instance, a secondary
/// CIDR AWS does not allow with the VPC) name every field involved: [`PlanError::fields`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanError {
    /// The input at fault (where the message belongs first).
    pub field: Field,
    /// The other inputs involved in the conflict (the message belongs next to each too).
    pub also: Vec<Field>,
    /// A change that resolves the conflict, when there is an obvious one.
    pub fix: Option<Fix>,
    /// What is wrong, in lowercase, naming the input.
    pub message: String,
}

impl PlanError {
    /// A new error on `field` alone.
    pub fn new(field: Field, message: impl Into<String>) -> Self {
        PlanError {
            field,
            also: Vec::new(),
            fix: None,
            message: message.into(),
        }
    }
    /// The same error, also naming `others` (a conflict between fields).
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::plan::{Field, PlanError};
    /// let e = PlanError::new(Field::TaskCidr, "not allowed").with(&[Field::Vpc]);
    /// assert_eq!(e.fields().collect::<Vec<_>>(), [Field::TaskCidr, Field::Vpc]);
    /// ```
    #[must_use]
    pub fn with(mut self, others: &[Field]) -> Self {
        for &f in others {
            if f != self.field && !self.also.contains(&f) {
                self.also.push(f);
            }
        }
        self
    }
    /// The same error with a one-click fix.
    #[must_use]
    pub fn fixed_by(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }
    /// Every field the error involves: [`Self::field`] first, then [`Self::also`].
    pub fn fields(&self) -> impl Iterator<Item = Field> + '_ {
        std::iter::once(self.field).chain(self.also.iter().copied())
    }
    /// Whether the error involves `f`.
    pub fn involves(&self, f: Field) -> bool {
        self.fields().any(|x| x == f)
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
    /// A per-type `awsvpc` task limit AWS documents apart from the ENIs
    /// ([`catalog::awsvpc_limit`], e.g. p5.48xlarge: 1).
    AwsLimit,
    /// vCPUs ÷ task CPU.
    Cpu,
    /// Available memory ÷ task memory.
    Memory,
}

impl Bound {
    /// What the bound is, for people: `ENIs`, `AWS's awsvpc limit for the type`, `vCPUs`,
    /// `memory`.
    pub fn label(self) -> &'static str {
        match self {
            Bound::Eni => "ENIs",
            Bound::AwsLimit => "AWS's awsvpc task limit for the type",
            Bound::Cpu => "vCPUs",
            Bound::Memory => "memory",
        }
    }
}

/// Tasks per instance and how they were found. For Fargate there are no instances: `k` is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Density {
    /// Whether trunking is in effect (requested, EC2, and supported by the type).
    pub trunking: bool,
    /// ENI bound on tasks per instance: the catalogue's figure with or without trunking.
    pub eni_bound: u32,
    /// Source of the ENI bound.
    pub eni_source: Source,
    /// AWS's documented `awsvpc` task limit for the type, when it has one (it overrides the ENI
    /// bound when lower).
    pub aws_limit: Option<catalog::AwsvpcLimit>,
    /// CPU bound, when a task CPU and the type's vCPUs are known.
    pub cpu_bound: Option<u64>,
    /// Memory the ECS agent registers, MiB: ⌊installed × registered percent ÷ 100⌋, when a task
    /// memory and the type's memory are known.
    pub registered_mib: Option<u64>,
    /// Memory bound, when a task memory and the type's memory are known:
    /// ⌊(registered − reserve) ÷ task memory⌋.
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
    /// The tasks per instance in use come from AWS's trunking rule (max ENIs + branch ENIs − 2),
    /// not from the ECS table: only when trunking is in effect and that figure sets the density.
    DerivedDensity {
        /// Instance type.
        instance: &'static str,
        /// Its max ENIs.
        max_enis: u32,
        /// Its branch interfaces.
        branch: u32,
        /// The derived tasks per instance.
        tasks: u32,
    },
    /// AWS documents a per-type `awsvpc` task limit for this type, and it sets the density.
    AwsvpcLimit {
        /// The limit.
        limit: catalog::AwsvpcLimit,
        /// The ENI figure it overrides.
        eni_bound: u32,
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

/// The memory (MiB) the ECS agent registers for `installed_mib` installed at `percent` percent:
/// ⌊installed × percent ÷ 100⌋ (see [`DEFAULT_REGISTERED_PERCENT`]).
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::plan::registered_memory;
/// assert_eq!(registered_memory(8_192, 97), 7_946);
/// assert_eq!(registered_memory(8_192, 100), 8_192);
/// ```
pub fn registered_memory(installed_mib: u32, percent: u32) -> u64 {
    u64::from(installed_mib) * u64::from(percent.min(100)) / 100
}

/// Tasks per instance for a type, trunking choice and task size.
///
/// The ENI bound is the catalogue's figure (with trunking when requested and supported), lowered
/// to AWS's documented `awsvpc` limit for the type if it has one; a task CPU lowers it to
/// ⌊vCPUs × 1024 ÷ CPU⌋, a task memory to ⌊(registered − reserve) ÷ memory⌋ with registered =
/// ⌊installed × `registered_percent` ÷ 100⌋.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{catalog, plan::{density, Bound}};
/// let c5 = catalog::lookup("c5.large").unwrap();
/// assert_eq!(density(&c5, false, None, None, 256, 97).unwrap().k, 2);
/// assert_eq!(density(&c5, true, None, None, 256, 97).unwrap().k, 10);
/// // 512 CPU units: 2 vCPUs × 1024 / 512 = 4 tasks, below the trunking ENI bound of 10.
/// let d = density(&c5, true, Some(512), None, 256, 97).unwrap();
/// assert_eq!((d.k, d.binding), (4, Bound::Cpu));
/// // 400 MiB: ⌊4,096 × 97 ÷ 100⌋ = 3,973 registered, − 256 = 3,717 ÷ 400 = 9 tasks.
/// let d = density(&c5, true, None, Some(400), 256, 97).unwrap();
/// assert_eq!((d.k, d.binding, d.registered_mib), (9, Bound::Memory, Some(3_973)));
/// // AWS: a p5.48xlarge runs 1 awsvpc task, whatever its 64 ENIs.
/// let p5 = catalog::lookup("p5.48xlarge").unwrap();
/// assert_eq!(density(&p5, true, None, None, 256, 97).unwrap().binding, Bound::AwsLimit);
/// ```
///
/// # Errors
/// A [`PlanError`] on [`Field::Cpu`] or [`Field::Memory`] (naming the instance type, and for
/// memory the reserve and registered share too) when not even one task fits.
pub fn density(
    t: &InstanceType,
    trunking: bool,
    cpu: Option<u32>,
    memory_mib: Option<u32>,
    reserve_mib: u32,
    registered_percent: u32,
) -> Result<Density, PlanError> {
    let trunk = trunking && t.tasks_with_trunking.is_some();
    let (eni_bound, eni_source) = match (trunk, t.tasks_with_trunking) {
        (true, Some(with)) => (with, t.with_source),
        _ => (t.tasks_without_trunking, t.without_source),
    };
    let aws_limit = catalog::awsvpc_limit(t);
    let cpu_bound = match (cpu, t.vcpus) {
        (Some(c), Some(v)) if c > 0 => Some(u64::from(v) * 1024 / u64::from(c)),
        _ => None,
    };
    let registered_mib = match (memory_mib, t.memory_mib) {
        (Some(m), Some(total)) if m > 0 => Some(registered_memory(total, registered_percent)),
        _ => None,
    };
    let memory_bound = match (memory_mib, registered_mib) {
        (Some(m), Some(reg)) if m > 0 => {
            Some(reg.saturating_sub(u64::from(reserve_mib)) / u64::from(m))
        }
        _ => None,
    };
    let mut k = u64::from(eni_bound);
    let mut binding = Bound::Eni;
    if let Some(l) = aws_limit {
        if u64::from(l.tasks) < k {
            k = u64::from(l.tasks);
            binding = Bound::AwsLimit;
        }
    }
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
                    int(cpu.unwrap_or(0)),
                    t.name,
                    t.vcpus.unwrap_or(0),
                    int(u64::from(t.vcpus.unwrap_or(0)) * 1024)
                ),
            )
            .with(&[Field::Instance]),
            Bound::Memory => PlanError::new(
                Field::Memory,
                format!(
                    "a task of {} MiB does not fit on {} ({} MiB installed, {} registered at {} %, less {} reserved = {} MiB)",
                    int(memory_mib.unwrap_or(0)),
                    t.name,
                    int(t.memory_mib.unwrap_or(0)),
                    int(registered_mib.unwrap_or(0)),
                    registered_percent,
                    int(reserve_mib),
                    int(registered_mib.unwrap_or(0).saturating_sub(u64::from(reserve_mib)))
                ),
            )
            .with(&[Field::Instance, Field::Reserve, Field::Registered]),
            Bound::Eni | Bound::AwsLimit => PlanError::new(
                Field::Instance,
                format!("{} cannot run awsvpc tasks (no free ENI)", t.name),
            ),
        });
    }
    Ok(Density {
        trunking: trunk,
        eni_bound,
        eni_source,
        aws_limit,
        cpu_bound,
        registered_mib,
        memory_bound,
        k,
        binding,
        ips_per_instance: if trunk { 2 } else { 1 },
    })
}

/// The density of the type and task size in `i`.
fn density_of(t: &InstanceType, i: &Inputs) -> Result<Density, PlanError> {
    density(
        t,
        i.trunking,
        i.cpu,
        i.memory_mib,
        i.memory_reserve_mib,
        i.memory_registered_percent,
    )
}

/// One row of AWS's Fargate task-size table: a task CPU value and the task memory values it
/// allows (see [`FARGATE_SIZES`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FargateSize {
    /// Task CPU units (1024 = 1 vCPU).
    pub cpu: u32,
    /// The task memory values allowed with it, MiB, ascending.
    pub memory_mib: &'static [u32],
    /// Linux platform version 1.4.0 or later only (8 and 16 vCPUs).
    pub linux_1_4: bool,
}

impl FargateSize {
    /// The memory values in words: a list (`512 MiB, 1,024 MiB or 2,048 MiB`) or a range
    /// (`2,048 to 8,192 MiB in steps of 1,024`).
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::plan::FARGATE_SIZES;
    /// assert_eq!(FARGATE_SIZES[0].memory_text(), "512 MiB, 1,024 MiB or 2,048 MiB");
    /// assert_eq!(FARGATE_SIZES[2].memory_text(), "2,048 to 8,192 MiB in steps of 1,024");
    /// ```
    pub fn memory_text(&self) -> String {
        let m = self.memory_mib;
        let (first, last) = (
            m.first().copied().unwrap_or(0),
            m.last().copied().unwrap_or(0),
        );
        let step = m.get(1).map_or(0, |s| s - first);
        let even = m.windows(2).all(|w| matches!(w, [a, b] if b - a == step));
        if even && m.len() > 4 {
            format!(
                "{} to {} MiB in steps of {}",
                int(first),
                int(last),
                int(step)
            )
        } else {
            let mut t: Vec<String> = m.iter().map(|&x| format!("{} MiB", int(x))).collect();
            let tail = t.pop().unwrap_or_default();
            if t.is_empty() {
                tail
            } else {
                format!("{} or {tail}", t.join(", "))
            }
        }
    }
}

/// AWS's Fargate task sizes: the valid task CPU and memory combinations. From the ECS developer
/// guide's table ("Troubleshoot Amazon ECS task definition invalid CPU or memory errors",
/// <https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html>;
/// the same table is in the API reference's `TaskDefinition` `memory` field): 256 CPU units take
/// 512, 1,024 or 2,048 MiB; 512 take 1–4 GiB; 1,024 take 2–8 GiB; 2,048 take 4–16 GiB and 4,096
/// take 8–30 GiB, in 1 GiB steps; 8,192 take 16–60 GiB in 4 GiB steps and 16,384 take 32–120 GiB
/// in 8 GiB steps (both Linux platform version 1.4.0 or later).
pub const FARGATE_SIZES: [FargateSize; 7] = [
    FargateSize {
        cpu: 256,
        memory_mib: &[512, 1024, 2048],
        linux_1_4: false,
    },
    FargateSize {
        cpu: 512,
        memory_mib: &[1024, 2048, 3072, 4096],
        linux_1_4: false,
    },
    FargateSize {
        cpu: 1024,
        memory_mib: &[2048, 3072, 4096, 5120, 6144, 7168, 8192],
        linux_1_4: false,
    },
    FargateSize {
        cpu: 2048,
        memory_mib: &[
            4096, 5120, 6144, 7168, 8192, 9216, 10240, 11264, 12288, 13312, 14336, 15360, 16384,
        ],
        linux_1_4: false,
    },
    FargateSize {
        cpu: 4096,
        memory_mib: &[
            8192, 9216, 10240, 11264, 12288, 13312, 14336, 15360, 16384, 17408, 18432, 19456,
            20480, 21504, 22528, 23552, 24576, 25600, 26624, 27648, 28672, 29696, 30720,
        ],
        linux_1_4: false,
    },
    FargateSize {
        cpu: 8192,
        memory_mib: &[
            16384, 20480, 24576, 28672, 32768, 36864, 40960, 45056, 49152, 53248, 57344, 61440,
        ],
        linux_1_4: true,
    },
    FargateSize {
        cpu: 16384,
        memory_mib: &[
            32768, 40960, 49152, 57344, 65536, 73728, 81920, 90112, 98304, 106496, 114688, 122880,
        ],
        linux_1_4: true,
    },
];

/// The Fargate task-size row of `cpu` units, if Fargate has one.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::plan::fargate_size;
/// assert!(fargate_size(1024).unwrap().memory_mib.contains(&3072));
/// assert!(fargate_size(300).is_none());
/// ```
pub fn fargate_size(cpu: u32) -> Option<FargateSize> {
    FARGATE_SIZES.iter().find(|s| s.cpu == cpu).copied()
}

/// Checks a Fargate task size against [`FARGATE_SIZES`]: one error per field at fault (none for a
/// value not given). A CPU value Fargate does not offer is an error on [`Field::Cpu`]; a memory
/// value it offers with no CPU is one on [`Field::Memory`]; a valid memory value that does not go
/// with a valid CPU value is one on [`Field::Memory`] that also names [`Field::Cpu`].
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::plan::{fargate_errors, Field};
/// assert!(fargate_errors(Some(1024), Some(2048)).is_empty());
/// assert!(fargate_errors(None, None).is_empty());
/// let e = fargate_errors(Some(300), Some(100));
/// assert_eq!(e.iter().map(|e| e.field).collect::<Vec<_>>(), [Field::Cpu, Field::Memory]);
/// let e = fargate_errors(Some(1024), Some(512));
/// assert_eq!((e[0].field, e[0].also.as_slice()), (Field::Memory, &[Field::Cpu][..]));
/// ```
pub fn fargate_errors(cpu: Option<u32>, memory_mib: Option<u32>) -> Vec<PlanError> {
    let mut errs = Vec::new();
    let row = cpu.and_then(fargate_size);
    if let (Some(c), None) = (cpu, row) {
        let list: Vec<String> = FARGATE_SIZES.iter().map(|s| int(s.cpu)).collect();
        errs.push(PlanError::new(
            Field::Cpu,
            format!(
                "Fargate task CPU is {} units; {} is not one of them",
                list.join(", ").replacen(", 16,384", " or 16,384", 1),
                int(c)
            ),
        ));
    }
    if let Some(m) = memory_mib {
        let with: Vec<u32> = FARGATE_SIZES
            .iter()
            .filter(|s| s.memory_mib.contains(&m))
            .map(|s| s.cpu)
            .collect();
        match row {
            Some(r) if !r.memory_mib.contains(&m) => {
                let hint = match with.as_slice() {
                    [] => String::new(),
                    w => format!(
                        " ({} MiB goes with {} CPU units)",
                        int(m),
                        w.iter().map(|&c| int(c)).collect::<Vec<_>>().join(" or ")
                    ),
                };
                errs.push(
                    PlanError::new(
                        Field::Memory,
                        format!(
                            "a Fargate task of {} CPU units takes {}; {} MiB is not one of them{hint}",
                            int(r.cpu),
                            r.memory_text(),
                            int(m)
                        ),
                    )
                    .with(&[Field::Cpu]),
                );
            }
            None if with.is_empty() => errs.push(PlanError::new(
                Field::Memory,
                format!(
                    "{} MiB is not a Fargate task memory size (512 MiB to 120 GiB in AWS's steps, by task CPU)",
                    int(m)
                ),
            )),
            _ => {}
        }
    }
    errs
}

/// The subnets and the instance type with its density, once every check of a plan passed.
struct Checked {
    layout: Layout,
    typed: Option<(InstanceType, Density)>,
}

/// The subnets of a plan, per AZ in AZ order, with what each already uses.
#[derive(Debug, Clone, Default)]
struct Layout {
    host: Vec<Ipv4Net>,
    task: Vec<Ipv4Net>,
    host_in_use: Vec<u64>,
    task_in_use: Vec<u64>,
}

impl Layout {
    /// (host, task) addresses already in use in AZ `az`.
    fn in_use_at(&self, az: u32) -> (u64, u64) {
        let at = |v: &[u64]| v.get(az as usize).copied().unwrap_or(0);
        (at(&self.host_in_use), at(&self.task_in_use))
    }
    /// (host, task) addresses the plan may still use in AZ `az`: usable − in use.
    fn room_at(&self, az: u32) -> (u64, u64) {
        let (hi, ti) = self.in_use_at(az);
        (
            usable_of(&self.host, az).saturating_sub(hi),
            usable_of(&self.task, az).saturating_sub(ti),
        )
    }
}

/// Checks the listed subnets' in-use counts (at most their usable addresses) and widens them.
fn in_use(list: &[Ipv4Net], used: &[u32], field: Field) -> Result<Vec<u64>, PlanError> {
    if used.len() > list.len() {
        return Err(PlanError::new(
            field,
            format!("{} in-use counts for {} subnets", used.len(), list.len()),
        ));
    }
    list.iter()
        .enumerate()
        .map(|(n, s)| {
            let u = u64::from(used.get(n).copied().unwrap_or(0));
            let usable = cidr::usable_ipv4(s.prefix_len()).unwrap_or(0);
            if u > usable {
                Err(PlanError::new(
                    field,
                    format!(
                        "{s}@{u}: {} in use, but a /{} has {} usable addresses",
                        int(u),
                        s.prefix_len(),
                        int(usable)
                    ),
                ))
            } else {
                Ok(u)
            }
        })
        .collect()
}

/// Checks the names and ids: at most one name per AZ, and ids one per listed subnet.
fn check_labels(i: &Inputs) -> Vec<PlanError> {
    let l = &i.labels;
    let azs = i.azs as usize;
    let mut errs = Vec::new();
    for (list, field, what) in [
        (&l.zones, Field::Zones, "AZ names"),
        (&l.host_names, Field::HostNames, "host subnet names"),
        (&l.task_names, Field::TaskNames, "task subnet names"),
    ] {
        if list.len() > azs {
            errs.push(
                PlanError::new(
                    field,
                    format!(
                        "{} {what} for {azs} AZ{}",
                        list.len(),
                        if azs == 1 { "" } else { "s" }
                    ),
                )
                .with(&[Field::Azs]),
            );
        }
    }
    for (ids, nets, field, nets_field, key) in [
        (
            &l.host_ids,
            &i.host_subnets,
            Field::HostIds,
            Field::HostSubnets,
            "hnets",
        ),
        (
            &l.task_ids,
            &i.task_subnets,
            Field::TaskIds,
            Field::TaskSubnets,
            "tnets",
        ),
    ] {
        if !ids.is_empty() && ids.len() != nets.len() {
            errs.push(
                PlanError::new(
                    field,
                    format!(
                        "{} subnet ids for {} listed subnets ({key}): give one id per listed subnet",
                        ids.len(),
                        nets.len()
                    ),
                )
                .with(&[nets_field]),
            );
        }
    }
    errs
}

fn take<T>(errs: &mut Vec<PlanError>, r: Result<T, PlanError>) -> Option<T> {
    r.map_err(|e| errs.push(e)).ok()
}

/// The fix for an AZ count that differs from the subnets listed: the listed count, when every
/// list in use has the same length (1–6).
fn az_fix(i: &Inputs) -> Option<Fix> {
    let mut lens = [
        Some(i.host_subnets.len()).filter(|&n| n > 0),
        Some(i.task_subnets.len()).filter(|&n| n > 0 && i.secondary),
    ]
    .into_iter()
    .flatten();
    let n = lens.next()?;
    let n32 = u32::try_from(n).ok()?;
    (lens.all(|m| m == n) && (1..=MAX_AZS).contains(&n32)).then_some(Fix::SetAzs(n32))
}

/// A carving error: on `field`, naming the block's field (and the AZ count when too few fit).
fn carve_error(field: Field, block: Field, e: CidrError) -> PlanError {
    let also: &[Field] = match e {
        CidrError::SubnetLargerThanBlock { .. } => &[block],
        CidrError::DoesNotFit { .. } => &[block, Field::Azs],
        _ => &[],
    };
    PlanError::cidr(field, e).with(also)
}

/// Checks everything a plan depends on, carves the subnets and finds the density. On failure,
/// every problem found, in a fixed order (the first is what [`plan`] reports); checks that depend
/// on a value already at fault are skipped.
fn checked(i: &Inputs) -> Result<Checked, Vec<PlanError>> {
    let mut errs = Vec::new();
    let azs_ok = (1..=MAX_AZS).contains(&i.azs);
    if !azs_ok {
        errs.push(PlanError::new(
            Field::Azs,
            format!("{} AZs: choose 1 to {MAX_AZS}", i.azs),
        ));
    }
    if i.tasks > MAX_TASKS {
        errs.push(PlanError::new(
            Field::Tasks,
            format!("{} tasks: at most {} here", i.tasks, int(MAX_TASKS)),
        ));
    }
    let fix = az_fix(i);
    let vpc = take(
        &mut errs,
        cidr::check_block(&i.vpc).map_err(|e| PlanError::cidr(Field::Vpc, e)),
    );
    let host = match vpc {
        Some(vpc) if azs_ok => take(
            &mut errs,
            if i.host_subnets.is_empty() {
                cidr::carve(&vpc, i.host_prefix, i.azs)
                    .map_err(|e| carve_error(Field::HostPrefix, Field::Vpc, e))
            } else {
                explicit(
                    &vpc,
                    &i.host_subnets,
                    i.azs,
                    Field::HostSubnets,
                    Field::Vpc,
                    fix,
                )
            },
        ),
        _ => None,
    };
    // Listed task subnets inside the VPC CIDR: existing subnets of the VPC's own block, so no
    // task CIDR, but they must not overlap the host subnets.
    let in_vpc = vpc.is_some_and(|v| {
        !i.task_subnets.is_empty() && i.task_subnets.iter().all(|s| cidr::within(&v, s))
    });
    let task = if i.secondary && in_vpc {
        match (vpc, &host) {
            (Some(vpc), Some(host)) if azs_ok => take(
                &mut errs,
                explicit(
                    &vpc,
                    &i.task_subnets,
                    i.azs,
                    Field::TaskSubnets,
                    Field::Vpc,
                    fix,
                )
                .and_then(|t| {
                    for s in &t {
                        if let Some(h) = host.iter().find(|h| cidr::overlaps(h, s)) {
                            return Err(PlanError::cidr(
                                Field::TaskSubnets,
                                CidrError::Overlap { a: *s, b: *h },
                            )
                            .with(&[Field::HostSubnets]));
                        }
                    }
                    Ok(t)
                }),
            ),
            _ => None,
        }
    } else if i.secondary {
        let t = take(
            &mut errs,
            cidr::check_block(&i.task_cidr).map_err(|e| PlanError::cidr(Field::TaskCidr, e)),
        );
        if let (Some(vpc), Some(t)) = (vpc, t) {
            take(
                &mut errs,
                cidr::check_secondary(&vpc, &t)
                    .map_err(|e| PlanError::cidr(Field::TaskCidr, e).with(&[Field::Vpc])),
            );
        }
        match t {
            Some(t) if azs_ok => take(
                &mut errs,
                if i.task_subnets.is_empty() {
                    cidr::carve(&t, i.task_prefix, i.azs)
                        .map_err(|e| carve_error(Field::TaskPrefix, Field::TaskCidr, e))
                } else {
                    explicit(
                        &t,
                        &i.task_subnets,
                        i.azs,
                        Field::TaskSubnets,
                        Field::TaskCidr,
                        fix,
                    )
                },
            ),
            _ => None,
        }
    } else {
        Some(Vec::new())
    };
    if let Deploy::Rolling { max_percent } = i.deploy {
        if !(100..=1000).contains(&max_percent) {
            errs.push(PlanError::new(
                Field::Surge,
                format!("maximumPercent {max_percent}: use 100 to 1000"),
            ));
        }
    }
    if !(cidr::MIN_PREFIX_V6..=cidr::MAX_PREFIX_V6).contains(&i.ipv6_prefix)
        || !i.ipv6_prefix.is_multiple_of(4)
    {
        errs.push(PlanError::new(
            Field::Ipv6Prefix,
            format!(
                "/{} IPv6 subnets: AWS allows /44 to /64 in steps of 4",
                i.ipv6_prefix
            ),
        ));
    }
    if i.other.nat > 8 {
        errs.push(PlanError::new(
            Field::Nat,
            format!(
                "{} NAT gateway addresses: a NAT gateway has 1 to 8",
                i.other.nat
            ),
        ));
    }
    let typed = match i.launch {
        Launch::Ec2 => {
            if !(MIN_REGISTERED_PERCENT..=100).contains(&i.memory_registered_percent) {
                errs.push(PlanError::new(
                    Field::Registered,
                    format!(
                        "{} %: the registered share of installed memory is {MIN_REGISTERED_PERCENT} to 100 %",
                        i.memory_registered_percent
                    ),
                ));
                None
            } else {
                match catalog::lookup(&i.instance) {
                    Ok(t) => take(&mut errs, density_of(&t, i).map(|d| (t, d))),
                    Err(e) => {
                        errs.push(PlanError::new(Field::Instance, e.to_string()));
                        None
                    }
                }
            }
        }
        Launch::Fargate => {
            errs.extend(fargate_errors(i.cpu, i.memory_mib));
            None
        }
    };
    errs.extend(check_labels(i));
    let host_in_use = match &host {
        Some(h) if !i.host_subnets.is_empty() => {
            take(&mut errs, in_use(h, &i.host_in_use, Field::HostSubnets))
        }
        _ => Some(Vec::new()),
    };
    let task_in_use = match &task {
        Some(t) if i.secondary && !i.task_subnets.is_empty() => {
            take(&mut errs, in_use(t, &i.task_in_use, Field::TaskSubnets))
        }
        _ => Some(Vec::new()),
    };
    match (host, task, host_in_use, task_in_use) {
        (Some(host), Some(task), Some(host_in_use), Some(task_in_use)) if errs.is_empty() => {
            Ok(Checked {
                layout: Layout {
                    host,
                    task,
                    host_in_use,
                    task_in_use,
                },
                typed,
            })
        }
        _ => Err(errs),
    }
}

/// Every reason the inputs make no plan, each naming the fields it involves (empty when
/// [`plan`] succeeds). [`plan`] reports the first; the page shows them all, each next to every
/// field it names.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::plan::{conflicts, Field, Fix, Inputs, Launch};
/// assert!(conflicts(&Inputs::default()).is_empty());
/// // 2 host subnets listed for 3 AZs: both fields, and a one-click fix.
/// let i = Inputs { host_subnets: vec!["172.31.0.0/20".parse().unwrap(), "172.31.16.0/20".parse().unwrap()], ..Inputs::default() };
/// let e = &conflicts(&i)[0];
/// assert_eq!(e.fields().collect::<Vec<_>>(), [Field::HostSubnets, Field::Azs]);
/// assert_eq!(e.fix, Some(Fix::SetAzs(2)));
/// // A Fargate task of 300 CPU units and 100 MiB: one message per field.
/// let i = Inputs { launch: Launch::Fargate, cpu: Some(300), memory_mib: Some(100), ..Inputs::default() };
/// assert_eq!(conflicts(&i).iter().map(|e| e.field).collect::<Vec<_>>(), [Field::Cpu, Field::Memory]);
/// ```
pub fn conflicts(i: &Inputs) -> Vec<PlanError> {
    checked(i).err().unwrap_or_default()
}

/// The first of a list of errors (there is always one when a check failed).
fn first(errs: Vec<PlanError>) -> PlanError {
    errs.into_iter()
        .next()
        .unwrap_or_else(|| PlanError::new(Field::Vpc, "no plan could be made"))
}

/// Checks explicit per-AZ subnets: one per AZ, each a valid subnet inside `block`, no overlaps.
/// A count that differs from the AZ count also names [`Field::Azs`] and carries `fix`; a subnet
/// outside the block also names the block's field.
fn explicit(
    block: &Ipv4Net,
    list: &[Ipv4Net],
    azs: u32,
    field: Field,
    block_field: Field,
    fix: Option<Fix>,
) -> Result<Vec<Ipv4Net>, PlanError> {
    if list.len() != azs as usize {
        let what = if field == Field::HostSubnets {
            "host"
        } else {
            "task"
        };
        let mut e = PlanError::new(
            field,
            format!(
                "{azs} AZ{} need{} {azs} {what} subnet{}, one per AZ; {} listed",
                if azs == 1 { "" } else { "s" },
                if azs == 1 { "s" } else { "" },
                if azs == 1 { "" } else { "s" },
                list.len()
            ),
        )
        .with(&[Field::Azs]);
        e.fix = fix;
        return Err(e);
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
            return Err(
                PlanError::new(field, format!("{s} is not inside {block}")).with(&[block_field])
            );
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

    let az_loss = if inputs.azs >= 2 {
        (0..inputs.azs)
            .map(|lost| {
                let rest: Vec<u32> = order.iter().copied().filter(|&a| a != lost).collect();
                let plans = az_plans(&model, &layout, &rest, n, peak, v6);
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
            if let Some(d) = p.density {
                // Only the rule that produced the number in use: the trunking figure derived
                // by AWS's rule, when trunking is in effect and that figure sets the density.
                if d.trunking && d.eni_source == Source::Derived && d.binding == Bound::Eni {
                    w.push(Warning::DerivedDensity {
                        instance: t.name,
                        max_enis: t.max_enis,
                        branch: t.branch_interfaces.unwrap_or(0),
                        tasks: d.eni_bound,
                    });
                }
                if let (Some(limit), Bound::AwsLimit) = (d.aws_limit, d.binding) {
                    w.push(Warning::AwsvpcLimit {
                        limit,
                        eni_bound: d.eni_bound,
                    });
                }
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
    /// The fleet's vCPUs without trunking: instances × the type's vCPUs (None when the type's
    /// vCPUs are unknown or a task does not fit).
    pub vcpus_without: Option<u64>,
    /// The fleet's vCPUs with trunking.
    pub vcpus_with: Option<u64>,
    /// Whether the fleet without trunking fits every AZ's subnets at steady state (None when
    /// there is no such fleet, or the subnets cannot be laid out).
    pub fits_without: Option<bool>,
    /// Whether the fleet with trunking fits every AZ's subnets at steady state.
    pub fits_with: Option<bool>,
}

impl RankRow {
    /// The better of the two: fewest instances, then fewest addresses.
    pub fn best_instances(&self) -> Option<u64> {
        fewer(self.instances_without, self.instances_with)
    }
    /// The fleet the default order ranks by: the fewer vCPUs of the fleets that fit the address
    /// budget (of both when neither fits); None when the vCPUs are unknown or no task fits.
    pub fn best_vcpus(&self) -> Option<u64> {
        let (class, vcpus, _) = vcpu_key(self);
        (class < 2 && vcpus != u64::MAX).then_some(vcpus)
    }
    /// AWS's documented `awsvpc` task limit for the type, which its task figures already apply.
    pub fn aws_limit(&self) -> Option<catalog::AwsvpcLimit> {
        catalog::awsvpc_limit(&self.instance)
    }
}

/// The smaller of two counts where either may be missing.
fn fewer(a: Option<u64>, b: Option<u64>) -> Option<u64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Ranks every catalogue type for the task size, count, AZs and subnets in `i` (steady state),
/// with and without trunking, in the default order ([`RankSort::Vcpus`]): the smallest fleet in
/// total vCPUs whose addresses fit every AZ's subnets first, then fleets that do not fit, then
/// types whose vCPUs are unknown, then types a task does not fit on; ties by fewer addresses,
/// then catalogue order (family, size).
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::plan::{rank, Inputs};
/// let rows = rank(&Inputs::default());
/// assert!(rows.len() > 1000);
/// let c5 = rows.iter().find(|r| r.instance.name == "c5.large").unwrap();
/// assert_eq!((c5.instances_without, c5.instances_with), (Some(501), Some(102)));
/// assert_eq!((c5.vcpus_without, c5.vcpus_with), (Some(1_002), Some(204)));
/// // The default order is by the fleet's vCPUs among fleets that fit.
/// let v: Vec<u64> = rows.iter().take(50).map(|r| r.best_vcpus().unwrap()).collect();
/// assert!(v.windows(2).all(|w| w[0] <= w[1]));
/// ```
pub fn rank(i: &Inputs) -> Vec<RankRow> {
    rank_from(&densities(i), i)
}

/// Tasks per instance of every catalogue type, without and with trunking, for a task size: the
/// part of the ranking that depends only on the type and the task size (not on counts or
/// subnets), so the UI can keep it while the task count changes ([`Densities::matches`] says
/// whether it still applies).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Densities {
    rows: Vec<(InstanceType, Option<u64>, Option<u64>)>,
    /// (cpu, memory, reserve, registered percent) they were computed for.
    size: (Option<u32>, Option<u32>, u32, u32),
}

impl Densities {
    /// Whether these densities hold for `i`: the same task CPU, memory, memory reserve and
    /// registered share.
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::plan::{densities, Inputs};
    /// let mut i = Inputs::default();
    /// let d = densities(&i);
    /// i.tasks = 7;
    /// assert!(d.matches(&i));
    /// i.memory_registered_percent = 90;
    /// assert!(!d.matches(&i));
    /// ```
    pub fn matches(&self, i: &Inputs) -> bool {
        self.size == size_of(i)
    }
}

fn size_of(i: &Inputs) -> (Option<u32>, Option<u32>, u32, u32) {
    (
        i.cpu,
        i.memory_mib,
        i.memory_reserve_mib,
        i.memory_registered_percent,
    )
}

/// The [`Densities`] for the task size, memory reserve and registered share in `i`.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::plan::{densities, rank, rank_from, Inputs};
/// let i = Inputs::default();
/// assert_eq!(rank_from(&densities(&i), &i), rank(&i));
/// ```
pub fn densities(i: &Inputs) -> Densities {
    let k = |t: &InstanceType, trunk: bool| {
        density(
            t,
            trunk,
            i.cpu,
            i.memory_mib,
            i.memory_reserve_mib,
            i.memory_registered_percent,
        )
        .ok()
        .map(|d| d.k)
    };
    Densities {
        rows: catalog::all()
            .map(|t| {
                let with = if t.tasks_with_trunking.is_some() {
                    k(&t, true)
                } else {
                    None
                };
                (t, k(&t, false), with)
            })
            .collect(),
        size: size_of(i),
    }
}

/// IPv4 per AZ the host and task subnets of `i` still hold (usable less what is already in
/// use), when they can be laid out.
fn budget(i: &Inputs) -> Option<(Vec<u64>, Vec<u64>)> {
    // The subnet checks alone: as Fargate with no task size, no type or size is checked.
    let probe = Inputs {
        launch: Launch::Fargate,
        cpu: None,
        memory_mib: None,
        ..i.clone()
    };
    let c = checked(&probe).ok()?;
    // What each AZ's subnets still hold: usable less what is already in use.
    Some((0..i.azs).map(|a| c.layout.room_at(a)).unzip())
}

/// The ranking for the counts and subnets in `i`, from densities computed for the same task size,
/// in the default order (see [`rank`]).
pub fn rank_from(d: &Densities, i: &Inputs) -> Vec<RankRow> {
    let n = u64::from(i.tasks);
    let per_az = spread(n, i.azs.clamp(1, MAX_AZS));
    let per_task = u64::from(i.ip_mode != IpMode::V6Only);
    // Other ENIs in every AZ, and what the listed subnets already use.
    let task_in_use: u64 = if i.secondary {
        i.task_in_use.iter().map(|&u| u64::from(u)).sum()
    } else {
        0
    };
    let other = i
        .other
        .addresses()
        .saturating_mul(u64::from(i.azs))
        .saturating_add(i.host_in_use.iter().map(|&u| u64::from(u)).sum())
        .saturating_add(task_in_use);
    let budget = budget(i);
    let fleet = |t: &InstanceType, k: u64, per_instance: u64| {
        let inst: u64 = per_az.iter().map(|&x| x.div_ceil(k.max(1))).sum();
        let ips = inst.saturating_mul(per_instance) + n.saturating_mul(per_task) + other;
        let vcpus = t.vcpus.map(|v| inst.saturating_mul(u64::from(v)));
        let fits = budget.as_ref().map(|(host, task)| {
            let m = Model {
                k: Some(k),
                per_instance,
                per_task,
                other: i.other.addresses(),
                secondary: i.secondary,
            };
            per_az.iter().enumerate().all(|(a, &x)| {
                m.fits(
                    x,
                    host.get(a).copied().unwrap_or(0),
                    task.get(a).copied().unwrap_or(0),
                )
            })
        });
        (inst, ips, vcpus, fits)
    };
    let mut rows: Vec<RankRow> = d
        .rows
        .iter()
        .map(|&(t, without, with)| {
            let a = without.map(|k| fleet(&t, k, 1));
            let b = with.map(|k| fleet(&t, k, 2));
            RankRow {
                instance: t,
                k_without: without,
                k_with: with,
                instances_without: a.map(|x| x.0),
                instances_with: b.map(|x| x.0),
                ips_without: a.map(|x| x.1),
                ips_with: b.map(|x| x.1),
                vcpus_without: a.and_then(|x| x.2),
                vcpus_with: b.and_then(|x| x.2),
                fits_without: a.and_then(|x| x.3),
                fits_with: b.and_then(|x| x.3),
            }
        })
        .collect();
    sort_rows(&mut rows, RankSort::Vcpus);
    rows
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

/// A column of the ranking to sort by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum RankSort {
    /// The default: the smallest fleet in total vCPUs (instances × vCPUs, the better of with and
    /// without trunking) whose addresses fit every AZ's subnets; fleets that do not fit, then
    /// types with unknown vCPUs, follow; ties by fewer addresses.
    #[default]
    Vcpus,
    /// Fewest instances (the better of with and without trunking), then fewest addresses.
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

/// Filters of the ranking. The link codes of a query are in [`crate::calc::share`]
/// ([`crate::calc::share::encode_query`]).
///
/// The default query keeps every type but the accelerated ones (with no task size, GPU types
/// with many branch interfaces would otherwise lead the default order), sorted by
/// [`RankSort::Vcpus`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankQuery {
    /// Name or family prefix (case-insensitive); empty for all.
    pub family: String,
    /// Only this architecture.
    pub arch: Option<catalog::Arch>,
    /// Only types with (true) or without (false) trunking support.
    pub trunking: Option<bool>,
    /// Sort column.
    pub sort: RankSort,
    /// Leave out accelerated types (GPU, Inferentia, Trainium and other accelerators, by
    /// [`catalog::accelerator`]); on by default.
    pub exclude_accelerated: bool,
    /// Leave out bare-metal types.
    pub exclude_metal: bool,
}

impl Default for RankQuery {
    fn default() -> Self {
        RankQuery {
            family: String::new(),
            arch: None,
            trunking: None,
            sort: RankSort::default(),
            exclude_accelerated: true,
            exclude_metal: false,
        }
    }
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
/// let q = RankQuery { exclude_metal: true, ..Default::default() };
/// assert!(select(&rows, &q).iter().all(|r| !r.instance.bare_metal && !r.instance.name.starts_with("p5")));
/// let all = RankQuery { exclude_accelerated: false, ..Default::default() };
/// assert_eq!(select(&rows, &all).len(), rows.len());
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
        .filter(|r| !q.exclude_accelerated || catalog::accelerator(r.instance.family).is_none())
        .filter(|r| !q.exclude_metal || !r.instance.bare_metal)
        .copied()
        .collect();
    if q.sort != RankSort::default() {
        sort_rows(&mut out, q.sort);
    }
    out
}

/// Sorts rows by a column. Numeric columns compute each key once and break ties by the rows'
/// current order (catalogue order: family, then size), so no names are compared.
fn sort_rows(rows: &mut [RankRow], sort: RankSort) {
    if sort == RankSort::Name {
        rows.sort_unstable_by(|a, b| a.instance.name.cmp(b.instance.name));
        return;
    }
    // Each row's key computed once; equal keys keep their order (catalogue order), and the rows
    // are permuted in place rather than copied into a second vector.
    rows.sort_by_cached_key(|r| rank_key(r, sort));
}

/// The default sort key: (0 when the fleet fits the address budget or the budget is unknown,
/// 1 when it does not, 2 when no task fits; total vCPUs, unknown last; addresses), the best of
/// the fleets without and with trunking. Smaller sorts first.
fn vcpu_key(r: &RankRow) -> (u64, u64, u64) {
    [
        (
            r.instances_without,
            r.vcpus_without,
            r.fits_without,
            r.ips_without,
        ),
        (r.instances_with, r.vcpus_with, r.fits_with, r.ips_with),
    ]
    .iter()
    .filter(|o| o.0.is_some())
    .map(|&(_, vcpus, fits, ips)| {
        (
            u64::from(fits == Some(false)),
            vcpus.unwrap_or(u64::MAX),
            ips.unwrap_or(u64::MAX),
        )
    })
    .min()
    .unwrap_or((2, u64::MAX, u64::MAX))
}

/// The "fewest instances" sort key: the better of the two instance counts, then the addresses
/// used with trunking (else without). Smaller sorts first; "does not fit" sorts last.
fn fewest_instances_key(r: &RankRow) -> (u64, u64, u64) {
    (
        fewer(r.instances_without, r.instances_with).unwrap_or(u64::MAX),
        r.ips_with.or(r.ips_without).unwrap_or(u64::MAX),
        0,
    )
}

/// The sort key of a ranking row for a numeric column: smaller sorts first.
fn rank_key(r: &RankRow, sort: RankSort) -> (u64, u64, u64) {
    let most = |k: Option<u64>| u64::MAX - k.unwrap_or(0);
    let ips = r
        .ips_with
        .unwrap_or(u64::MAX)
        .min(r.ips_without.unwrap_or(u64::MAX));
    match sort {
        RankSort::Vcpus => vcpu_key(r),
        RankSort::Instances => fewest_instances_key(r),
        RankSort::TasksWithout => (most(r.k_without), 0, 0),
        RankSort::TasksWith => (most(r.k_with), 0, 0),
        RankSort::Addresses => (ips, 0, 0),
        RankSort::Name => (0, 0, 0),
    }
}
