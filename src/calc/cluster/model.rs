//! The typed model of a whole cluster: the shared capacity ([`Inputs`]), the capacity provider's
//! target capacity, the operating system, the deployment peak rule and the services.

use crate::calc::input::{Inputs, Launch};
pub use crate::calc::input::{
    Kind, Net, Os, PeakMode, Scheduling, Service, DEFAULT_SERVICE_NAME, DEFAULT_TARGET_PERCENT,
    MAX_SERVICES,
};
use serde::{Deserialize, Serialize};

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
    /// The cluster that `i` describes: `i` as the shared capacity; its first service from `i`'s
    /// own fields (name, scheduling, launch type, desired count, network mode, task size and
    /// deployment), then `i.services`; `i`'s target capacity, operating system and peak rule.
    /// With the default cluster fields and no later service, its plan's headline is
    /// `calc::plan(i)`.
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
        let mut services = Vec::with_capacity(i.services.len().saturating_add(1));
        services.push(Service::from_inputs(i));
        services.extend(i.services.iter().cloned());
        Cluster {
            base: i.clone(),
            target_percent: i.target,
            os: i.os,
            peak: i.peak,
            services,
        }
    }

    /// The inputs that describe this cluster, as a form and a link hold them: the inverse of
    /// [`Cluster::from_inputs`]. [`Cluster::base`] with its first service's fields (name,
    /// scheduling, desired count, launch type, network mode, task size, deployment) from the
    /// first service (a daemon keeps the base's desired count, which it does not read), the
    /// later services, and the target capacity, operating system and peak rule.
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::cluster::{Cluster, Kind, Service};
    /// use awsvpc_planner::calc::Inputs;
    /// let i = Inputs { tasks: 7, target: 80, ..Inputs::default() };
    /// assert_eq!(Cluster::from_inputs(&i).to_inputs(), i);
    /// let mut c = Cluster::from_inputs(&i);
    /// c.services.push(Service { name: "log".into(), kind: Kind::Daemon, ..Service::default() });
    /// assert_eq!(c.to_inputs().services, [c.services[1].clone()]);
    /// ```
    pub fn to_inputs(&self) -> Inputs {
        let mut i = self.base.clone();
        if let Some(s) = self.services.first() {
            i.name = s.name.clone();
            i.scheduling = s.kind.scheduling();
            if let Some(n) = s.kind.desired() {
                i.tasks = n;
            }
            i.launch = s.launch;
            i.network = s.net;
            i.cpu = s.cpu;
            i.memory_mib = s.memory_mib;
            i.deploy = s.deploy;
        }
        i.services = self.services.iter().skip(1).cloned().collect();
        i.target = self.target_percent;
        i.os = self.os;
        i.peak = self.peak;
        i
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
