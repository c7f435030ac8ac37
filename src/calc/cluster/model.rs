//! The typed model of a whole cluster: the shared capacity ([`Inputs`]), the capacity provider's
//! target capacity, the operating system, the deployment peak rule and the services.

use crate::calc::input::{choice, Choice, Deploy, Inputs, Launch};
use serde::{Deserialize, Serialize};
use strum::{Display, EnumMessage, EnumString, IntoStaticStr, VariantArray};

/// Most services a cluster plan holds.
pub const MAX_SERVICES: usize = 20;
/// The capacity provider's default target capacity, percent: no spare instance.
pub const DEFAULT_TARGET_PERCENT: u32 = 100;
/// The name [`Cluster::from_inputs`] gives the one service it makes.
pub const DEFAULT_SERVICE_NAME: &str = "service";

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
    /// The one service `i` describes: its launch type, desired count, task size and deployment,
    /// `awsvpc`, named [`DEFAULT_SERVICE_NAME`].
    pub fn from_inputs(i: &Inputs) -> Service {
        Service {
            name: DEFAULT_SERVICE_NAME.to_string(),
            kind: Kind::Replica { desired: i.tasks },
            launch: i.launch,
            net: Net::Awsvpc,
            cpu: i.cpu,
            memory_mib: i.memory_mib,
            deploy: i.deploy,
        }
    }
}

/// A whole cluster: shared capacity and subnets, spare capacity, operating system, the peak rule
/// and 1 to [`MAX_SERVICES`] services.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cluster {
    /// The shared capacity: instance type, trunking, AZs, subnets (carved or listed, with what
    /// they already use), IP mode, other ENIs, registered memory and reserve. Its `launch`,
    /// `tasks`, `cpu`, `memory_mib` and `deploy` are not read by the cluster plan: the services
    /// carry them ([`Cluster::headline_inputs`] writes them back for the headline).
    pub base: Inputs,
    /// The capacity provider's target capacity, percent (1–100; default 100): N = ⌈M × 100 ÷
    /// target⌉ instances run for the M the tasks need.
    pub target_percent: u32,
    /// The container instances' operating system.
    pub os: Os,
    /// How deployments peak.
    pub peak: PeakMode,
    /// The services, in the order listed.
    pub services: Vec<Service>,
}

impl Default for Cluster {
    /// The one-service cluster of [`Inputs::default`].
    fn default() -> Self {
        Cluster::from_inputs(&Inputs::default())
    }
}

impl Cluster {
    /// The one-service cluster that `i` describes: `i` as the shared capacity, one `awsvpc`
    /// replica service with `i`'s launch type, desired count, task size and deployment, target
    /// 100 %, Linux, one service at a time. Its plan's headline is `calc::plan(i)`.
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::cluster::{self, Cluster};
    /// use awsvpc_planner::calc::{plan, Inputs};
    /// let i = Inputs::default();
    /// let c = Cluster::from_inputs(&i);
    /// assert_eq!(c.services.len(), 1);
    /// assert_eq!(cluster::plan(&c).unwrap().plan, plan(&i).unwrap());
    /// ```
    pub fn from_inputs(i: &Inputs) -> Cluster {
        Cluster {
            base: i.clone(),
            target_percent: DEFAULT_TARGET_PERCENT,
            os: Os::Linux,
            peak: PeakMode::OneAtATime,
            services: vec![Service::from_inputs(i)],
        }
    }

    /// The service whose task size the headline's density describes: the first EC2 replica
    /// service listed, else the first service.
    pub fn lead(&self) -> Option<(usize, &Service)> {
        self.services
            .iter()
            .enumerate()
            .find(|(_, s)| s.on_ec2() && !s.is_daemon())
            .or_else(|| self.services.iter().enumerate().next())
    }

    /// Whether any service runs on the EC2 capacity (so the instance type matters).
    pub fn uses_instances(&self) -> bool {
        self.services.iter().any(Service::on_ec2)
    }

    /// The inputs the headline plan shows: [`Cluster::base`] with `launch` EC2 when any service
    /// runs on EC2 (else Fargate), `tasks` the sum of the replica services' desired counts
    /// (saturating), and `cpu`, `memory_mib` and `deploy` of the [`Cluster::lead`] service. For a
    /// cluster made by [`Cluster::from_inputs`] these are the inputs it was made from.
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::cluster::Cluster;
    /// use awsvpc_planner::calc::Inputs;
    /// let i = Inputs { tasks: 7, cpu: Some(512), ..Inputs::default() };
    /// assert_eq!(Cluster::from_inputs(&i).headline_inputs(), i);
    /// ```
    pub fn headline_inputs(&self) -> Inputs {
        let mut i = self.base.clone();
        if !self.services.is_empty() {
            i.launch = if self.uses_instances() {
                Launch::Ec2
            } else {
                Launch::Fargate
            };
        }
        let total: u64 = self
            .services
            .iter()
            .filter_map(|s| s.kind.desired())
            .map(u64::from)
            .sum();
        i.tasks = u32::try_from(total).unwrap_or(u32::MAX);
        if let Some((_, s)) = self.lead() {
            i.cpu = s.cpu;
            i.memory_mib = s.memory_mib;
            i.deploy = s.deploy;
        }
        i
    }
}
