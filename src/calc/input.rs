//! The typed inputs of a plan: the vocabulary (launch type, IP mode, deployment, other ENIs), the
//! limits on each value, and [`Inputs`], what [`crate::calc::plan()`] computes from.
//!
//! [`crate::calc::form`] builds [`Inputs`] from text. The enums read and write the text of a link
//! with `FromStr` (case-insensitive) and `Display` (lowercase), derived with `strum`; their labels
//! for people are their `strum` messages ([`Choice::label`]).

use ipnet::{Ipv4Net, Ipv6Net};
use serde::{Deserialize, Serialize};
use std::net::Ipv4Addr;
use strum::{Display, EnumMessage, EnumString, IntoStaticStr, VariantArray};

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
/// Free IPv4 addresses an Application Load Balancer needs in each of its subnets.
pub const ALB_FREE_ADDRESSES: u32 = 8;
/// Smallest subnet (largest prefix) an Application Load Balancer accepts.
pub const ALB_MAX_PREFIX: u8 = 27;
/// Most NAT gateway addresses in one subnet: 1 primary plus up to 7 secondary.
pub const MAX_NAT: u32 = 8;
/// Smallest and largest `maximumPercent` accepted.
pub const SURGE_RANGE: (u32, u32) = (100, 1000);

/// A choice among named values that a link and a form hold as text: every value, its text
/// (`Display`, lowercase) and its label for people.
pub trait Choice: Copy + PartialEq + std::fmt::Display + std::str::FromStr + 'static {
    /// Every value, in the order a page offers them.
    fn all() -> &'static [Self];
    /// The value's text, as a link writes it (`ec2`, `v6only`).
    fn text(self) -> &'static str;
    /// The label for people (`EC2`, `Dual stack`).
    fn label(self) -> &'static str;
}

macro_rules! choice {
    ($t:ty) => {
        impl Choice for $t {
            fn all() -> &'static [Self] {
                <$t as VariantArray>::VARIANTS
            }
            fn text(self) -> &'static str {
                self.into()
            }
            fn label(self) -> &'static str {
                self.get_message().unwrap_or("")
            }
        }
    };
}

/// Where tasks run.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    Display,
    EnumString,
    EnumMessage,
    IntoStaticStr,
    VariantArray,
)]
#[strum(serialize_all = "lowercase", ascii_case_insensitive)]
pub enum Launch {
    /// ECS on EC2 container instances.
    #[strum(message = "EC2")]
    Ec2,
    /// AWS Fargate: one ENI per task, no instances in your subnets, no trunking.
    #[strum(message = "Fargate")]
    Fargate,
}
choice!(Launch);

/// Which IP addresses tasks get.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    Display,
    EnumString,
    EnumMessage,
    IntoStaticStr,
    VariantArray,
)]
#[strum(serialize_all = "lowercase", ascii_case_insensitive)]
pub enum IpMode {
    /// IPv4 only.
    #[strum(message = "IPv4")]
    V4,
    /// Dual stack: the same IPv4 use, plus one IPv6 address per task and instance.
    #[strum(message = "Dual stack")]
    Dual,
    /// IPv6-only tasks (ECS, 2025; Linux; agent ≥ 1.99.1): no IPv4 task addresses.
    #[strum(message = "IPv6-only")]
    V6Only,
}
choice!(IpMode);

/// The kind of deployment, without its settings (the link's `deploy`).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    Display,
    EnumString,
    EnumMessage,
    IntoStaticStr,
    VariantArray,
)]
#[strum(serialize_all = "lowercase", ascii_case_insensitive)]
pub enum Strategy {
    /// A rolling update.
    #[strum(message = "Rolling update")]
    Rolling,
    /// Blue/green.
    #[strum(message = "Blue/green")]
    BlueGreen,
}
choice!(Strategy);

/// How the service deploys, which sets the peak task count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Deploy {
    /// Rolling update with `maximumPercent` (100 or more; ECS default 200).
    Rolling {
        /// `maximumPercent`.
        max_percent: u32,
    },
    /// Blue/green: the green task set reaches 100 % while blue still runs.
    BlueGreen,
}

impl Deploy {
    /// The strategy, without its settings.
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::{Deploy, Strategy};
    /// assert_eq!(Deploy::Rolling { max_percent: 150 }.strategy(), Strategy::Rolling);
    /// assert_eq!(Deploy::BlueGreen.strategy().to_string(), "bluegreen");
    /// ```
    pub fn strategy(self) -> Strategy {
        match self {
            Deploy::Rolling { .. } => Strategy::Rolling,
            Deploy::BlueGreen => Strategy::BlueGreen,
        }
    }
}

/// Most services a cluster plan holds.
pub const MAX_SERVICES: usize = 20;
/// The capacity provider's default target capacity, percent: no spare instance.
pub const DEFAULT_TARGET_PERCENT: u32 = 100;
/// The longest service name ECS accepts (`CreateService`): 255 characters.
pub const MAX_SERVICE_NAME: usize = 255;
/// The first service's name when none is given.
pub const DEFAULT_SERVICE_NAME: &str = "app";

/// The operating system of the container instances.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Default,
    Serialize,
    Deserialize,
    Display,
    EnumString,
    EnumMessage,
    IntoStaticStr,
    VariantArray,
)]
#[strum(serialize_all = "lowercase", ascii_case_insensitive)]
pub enum Os {
    /// Linux (the ECS-optimized Amazon Linux AMIs).
    #[default]
    #[strum(message = "Linux")]
    Linux,
    /// Windows: `awsvpc` without ENI trunking, IPv6 or dual stack.
    #[strum(message = "Windows")]
    Windows,
}
choice!(Os);

/// How the cluster's deployments peak.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Default,
    Serialize,
    Deserialize,
    Display,
    EnumString,
    EnumMessage,
    IntoStaticStr,
    VariantArray,
)]
#[strum(ascii_case_insensitive)]
pub enum PeakMode {
    /// One service deploys at a time: each subnet's peak is the largest, over the services, of
    /// its use with that service at its peak and the others steady.
    #[default]
    #[strum(serialize = "one", message = "One service at a time")]
    OneAtATime,
    /// Every service deploys at once: all at their peak together.
    #[strum(serialize = "all", message = "All at once")]
    AllAtOnce,
}
choice!(PeakMode);

/// A service's network mode.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Default,
    Serialize,
    Deserialize,
    Display,
    EnumString,
    EnumMessage,
    IntoStaticStr,
    VariantArray,
)]
#[strum(serialize_all = "lowercase", ascii_case_insensitive)]
pub enum Net {
    /// `awsvpc`: each task takes an ENI slot on its instance and an address.
    #[default]
    #[strum(message = "awsvpc")]
    Awsvpc,
    /// `bridge` or `host`: the task shares its instance's network; no ENI slot, no address.
    /// EC2 only.
    #[strum(message = "bridge/host")]
    Bridge,
}
choice!(Net);

/// A service's scheduling strategy, without its desired count (the choice a page offers).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Default,
    Serialize,
    Deserialize,
    Display,
    EnumString,
    EnumMessage,
    IntoStaticStr,
    VariantArray,
)]
#[strum(serialize_all = "lowercase", ascii_case_insensitive)]
pub enum Scheduling {
    /// `REPLICA`: a desired count spread over the AZs.
    #[default]
    #[strum(message = "Replica")]
    Replica,
    /// `DAEMON`: one task on every container instance.
    #[strum(message = "Daemon")]
    Daemon,
}
choice!(Scheduling);

/// What a service runs: a desired count, or one task on every instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Kind {
    /// `REPLICA`: `desired` tasks, spread over the AZs as evenly as possible.
    Replica {
        /// The desired count.
        desired: u32,
    },
    /// `DAEMON`: one task on every running container instance (spare ones too). Its rolling
    /// deployment's `maximumPercent` is 100, so it does not surge.
    Daemon,
}

impl Kind {
    /// The scheduling strategy, without the count.
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::cluster::{Kind, Scheduling};
    /// assert_eq!(Kind::Replica { desired: 3 }.scheduling(), Scheduling::Replica);
    /// assert_eq!(Kind::Daemon.scheduling().to_string(), "daemon");
    /// ```
    pub fn scheduling(self) -> Scheduling {
        match self {
            Kind::Replica { .. } => Scheduling::Replica,
            Kind::Daemon => Scheduling::Daemon,
        }
    }

    /// The desired count of a replica service (None for a daemon).
    pub fn desired(self) -> Option<u32> {
        match self {
            Kind::Replica { desired } => Some(desired),
            Kind::Daemon => None,
        }
    }
}

/// One service of the cluster.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Service {
    /// Its name, unique in the cluster (the page's `data-service`).
    pub name: String,
    /// Replica with a desired count, or daemon.
    pub kind: Kind,
    /// On the cluster's EC2 capacity, or on Fargate.
    pub launch: Launch,
    /// `awsvpc`, or bridge/host (EC2 only).
    pub net: Net,
    /// Task CPU units (1024 = 1 vCPU), if given. On EC2, none: CPU does not bound it.
    pub cpu: Option<u32>,
    /// Task memory in MiB, if given. On EC2, none: memory does not bound it (bridge services
    /// must give one).
    pub memory_mib: Option<u32>,
    /// How it deploys (a daemon's is ignored: it does not surge).
    pub deploy: Deploy,
}

impl Service {
    /// Whether it is a daemon.
    pub fn is_daemon(&self) -> bool {
        self.kind == Kind::Daemon
    }

    /// Whether its tasks run on the cluster's EC2 instances.
    pub fn on_ec2(&self) -> bool {
        self.launch == Launch::Ec2
    }

    /// Whether each of its tasks has an ENI and so an address (`awsvpc`, and every Fargate task).
    pub fn has_eni(&self) -> bool {
        self.net == Net::Awsvpc || self.launch == Launch::Fargate
    }
}

impl Default for Service {
    /// The service of [`Inputs::default`]: 1,000 `awsvpc` tasks on EC2, no task size, rolling at
    /// 200 %.
    fn default() -> Self {
        Service::from_inputs(&Inputs::default())
    }
}

impl Service {
    /// The first service `i` describes: its name, scheduling, launch type, desired count,
    /// network mode, task size and deployment.
    pub fn from_inputs(i: &Inputs) -> Service {
        Service {
            name: i.name.clone(),
            kind: match i.scheduling {
                Scheduling::Replica => Kind::Replica { desired: i.tasks },
                Scheduling::Daemon => Kind::Daemon,
            },
            launch: i.launch,
            net: i.network,
            cpu: i.cpu,
            memory_mib: i.memory_mib,
            deploy: i.deploy,
        }
    }
}

/// Other ENIs in each AZ's host subnet, each taking addresses from the IPv4 budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
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
    /// use awsvpc_planner::calc::OtherEnis;
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

/// Names of the AZs and of existing subnets, each list in AZ order; empty lists or empty entries
/// mean "not named". They change no number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Labels {
    /// AZ names (`us-east-1a`), at most one per AZ.
    pub zones: Vec<String>,
    /// Subnet ids (`subnet-…`) of the listed host subnets: none, or one per listed subnet.
    pub host_ids: Vec<String>,
    /// Subnet ids of the listed task subnets: none, or one per listed subnet.
    pub task_ids: Vec<String>,
    /// The IPv6 CIDR of each listed host subnet (`None`: it has none), when known (imported):
    /// none, or one per listed subnet.
    pub host_ipv6: Vec<Option<Ipv6Net>>,
    /// The IPv6 CIDR of each listed task subnet, when known: none, or one per listed subnet.
    pub task_ipv6: Vec<Option<Ipv6Net>>,
    /// Names of the host subnets (the `Name` tag), at most one per AZ.
    pub host_names: Vec<String>,
    /// Names of the task subnets, at most one per AZ.
    pub task_names: Vec<String>,
}

/// Where a plan's tasks get their addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskPlace {
    /// In the host subnets.
    Hosts,
    /// In task subnets of their own, listed, inside the VPC's primary CIDR: no secondary CIDR.
    Primary,
    /// In task subnets of their own in the secondary task CIDR (carved from it, or listed in it).
    Secondary,
}

/// Everything a plan depends on, as domain values. [`crate::calc::form`] builds it from text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    /// The first service's name.
    pub name: String,
    /// The first service: replica or daemon.
    pub scheduling: Scheduling,
    /// The first service's network mode.
    pub network: Net,
    /// The capacity provider's target capacity, 1–100 %: below 100, spare instances run.
    pub target: u32,
    /// The instances' operating system.
    pub os: Os,
    /// How deployments peak when the cluster has several services.
    pub peak: PeakMode,
    /// The services after the first, in the order listed (at most [`MAX_SERVICES`] − 1).
    pub services: Vec<Service>,
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
            name: DEFAULT_SERVICE_NAME.to_string(),
            scheduling: Scheduling::Replica,
            network: Net::Awsvpc,
            target: DEFAULT_TARGET_PERCENT,
            os: Os::Linux,
            peak: PeakMode::OneAtATime,
            services: Vec::new(),
        }
    }
}

impl Inputs {
    /// These inputs with every value that does not apply set to its default: on Fargate the
    /// instance type, trunking, the memory reserve and the registered share (there are no
    /// container instances); with task subnets listed in the VPC's primary CIDR, the task CIDR
    /// and its prefix ([`TaskPlace::Primary`]); in-use counts without their trailing zeros (a
    /// missing entry is 0).
    /// The link format leaves those keys out, so a link gives back exactly the canonical inputs;
    /// [`crate::calc::Form::parse`] returns canonical inputs.
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::{Inputs, Launch};
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
        if out.task_place() == TaskPlace::Primary {
            let d = Inputs::default();
            out.task_cidr = d.task_cidr;
            out.task_prefix = d.task_prefix;
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

    /// Whether these inputs are one `awsvpc` replica service on Linux with no spare capacity:
    /// what [`crate::calc::plan()`] plans on its own.
    pub fn is_one_service(&self) -> bool {
        self.services.is_empty()
            && self.scheduling == Scheduling::Replica
            && self.network == Net::Awsvpc
            && self.target == DEFAULT_TARGET_PERCENT
            && self.os == Os::Linux
    }

    /// Whether any service runs on the EC2 capacity: the form's own service, or a later one
    /// (else the instance type means nothing). As [`crate::calc::cluster::Cluster::uses_instances`]
    /// of the cluster these inputs describe.
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::{Inputs, Launch};
    /// let mut i = Inputs { launch: Launch::Fargate, ..Inputs::default() };
    /// assert!(!i.uses_instances());
    /// i.services.push(Default::default()); // a later service, on EC2
    /// assert!(i.uses_instances());
    /// ```
    pub fn uses_instances(&self) -> bool {
        self.launch == Launch::Ec2 || self.services.iter().any(Service::on_ec2)
    }

    /// Where the tasks get their addresses: task subnets listed inside the VPC's primary CIDR
    /// need no secondary CIDR, so the task CIDR does not apply to them.
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::{Inputs, TaskPlace};
    /// let mut i = Inputs::default();
    /// assert_eq!(i.task_place(), TaskPlace::Hosts);
    /// i.secondary = true;
    /// assert_eq!(i.task_place(), TaskPlace::Secondary);
    /// i.task_subnets = vec!["172.31.128.0/20".parse().unwrap()];
    /// assert_eq!(i.task_place(), TaskPlace::Primary);
    /// ```
    pub fn task_place(&self) -> TaskPlace {
        if !self.secondary {
            TaskPlace::Hosts
        } else if !self.task_subnets.is_empty()
            && self
                .task_subnets
                .iter()
                .all(|s| crate::calc::cidr::within(&self.vpc, s))
        {
            TaskPlace::Primary
        } else {
            TaskPlace::Secondary
        }
    }

    /// The IPv4 addresses each task uses: 0 for IPv6-only tasks, else 1.
    pub fn ipv4_per_task(&self) -> u64 {
        u64::from(self.ip_mode != IpMode::V6Only)
    }
}
