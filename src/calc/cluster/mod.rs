//! The plan of a whole ECS cluster: several services sharing the instances and subnets,
//! `awsvpc` and bridge daemons, spare capacity, Windows.
//!
//! # Organization
//! - [`model`]: the typed cluster ([`Cluster`], [`Service`], [`Kind`], [`Net`], [`Os`],
//!   [`PeakMode`]).
//! - [`check`]: every check before a plan, each failure a [`ClusterError`] at a [`Control`].
//! - [`pack`]: the packing rule in bulk ([`Resources`]; groups of identical instances).
//! - `eval`: one AZ's instances and addresses for some task counts, remembered by the counts.
//! - `largest`: the largest count of a service that fits and that deploys, the others fixed.
//! - `plan`: [`plan()`]: the [`ClusterPlan`].
//! - `fleet`: the steady state alone: on the cluster's type ([`steady()`]), and on every
//!   catalogue type for the instance-type ranking ([`rank()`]).
//!
//! # The rule
//! 1. Each replica service's tasks are spread over the AZs as [`crate::calc::spread`] does: the
//!    first `desired mod AZs` AZs take one more.
//! 2. An instance offers task slots (the ENI bound with or without trunking, lowered to AWS's
//!    per-type `awsvpc` limit: [`Capacity::slots`]), CPU units (vCPUs × 1024) and memory
//!    (registered less the reserve). A dimension the type does not know, or a task does not
//!    give, bounds nothing.
//! 3. Every instance runs one task of each daemon service first: its CPU and memory, and a slot
//!    when it is `awsvpc`.
//! 4. In each AZ the EC2 replica services are placed in order of task memory (largest first),
//!    then task CPU, then the order listed; each task goes on the first instance opened that
//!    still fits it on every resource (bridge tasks need no slot); when none does, an instance
//!    is opened.
//! 5. M instances are opened; N = ⌈M × 100 ÷ target⌉ run, the spare ones running the daemons.
//!
//! Addresses per AZ: each running instance 1 IPv4 in the host subnet (2 with trunking); each
//! task with an ENI (`awsvpc` on EC2, daemons included, and every Fargate task) 1, in the task
//! subnet when tasks have subnets of their own, else in the host subnet (none when tasks are
//! IPv6-only); bridge tasks none; other ENIs and what the subnets already use as in
//! [`crate::calc::plan()`]. The deployment peak ([`PeakMode`]) packs again with the services at
//! their peak counts ([`crate::calc::peak_tasks`]; a daemon does not surge).

pub mod check;
mod eval;
mod fleet;
mod largest;
pub mod model;
pub mod pack;
mod plan;

pub use check::{Capacity, ClusterError, ClusterField, Control, ServiceField};
pub use fleet::{misfit, rank, steady, Steady};
pub use model::{
    Cluster, Kind, Net, Os, PeakMode, Scheduling, Service, DEFAULT_SERVICE_NAME,
    DEFAULT_TARGET_PERCENT, MAX_SERVICES,
};
pub use pack::Resources;
pub use plan::{plan, plan_inputs};

use crate::calc::density::Bound;
use crate::calc::plan::Plan;

/// The plan of a cluster: the headline in the one-service [`Plan`]'s shape, a plan per service,
/// and what fills each AZ's instances.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterPlan {
    /// The cluster it was made from.
    pub cluster: Cluster,
    /// The headline, in the shape the page renders for one service. Its `inputs` are
    /// [`Cluster::headline_inputs`]; its `density` is the [`Cluster::lead`] service's on the
    /// whole instance (as [`crate::calc::density()`] gives it, without the daemons; None when it
    /// runs on Fargate or no task of it fits); a task count (`tasks`, `peak_tasks`) counts the
    /// tasks with an ENI (replica and daemon tasks in `awsvpc`, Fargate tasks), since those are
    /// what take addresses; instances are the running ones (N). At the peak, each AZ's figures are
    /// the largest over the peak's configurations (one per surging service one at a time, or all
    /// at once) and the totals are their sums, as per-subnet budgets. With one service,
    /// `max_tasks` and `max_tasks_deployable` are its [`ServicePlan::max_fits`] and
    /// [`ServicePlan::max_deploys`]; with several they are None (each service has its own).
    /// For a cluster made by [`Cluster::from_inputs`] this is exactly `calc::plan` of those
    /// inputs.
    pub plan: Plan,
    /// One per service, in the order listed.
    pub services: Vec<ServicePlan>,
    /// What fills each AZ's instances, in AZ order.
    pub fill: Vec<AzFill>,
    /// What one instance offers and what the daemons take of it (None when every service runs
    /// on Fargate).
    pub capacity: Option<Capacity>,
}

impl ClusterPlan {
    /// Whether every subnet holds what it already uses and the cluster's steady state, and
    /// whether it holds the deployment peak: `[steady, peak]`.
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::cluster::{self, Cluster};
    /// use awsvpc_planner::calc::Inputs;
    /// let p = cluster::plan(&Cluster::from_inputs(&Inputs::default())).unwrap();
    /// assert_eq!(p.fits(), [true, true]);
    /// let p = cluster::plan(&Cluster::from_inputs(&Inputs { tasks: 12_000, ..Inputs::default() })).unwrap();
    /// assert_eq!(p.fits(), [false, false]);
    /// ```
    pub fn fits(&self) -> [bool; 2] {
        crate::calc::plan::fits(&self.plan.azs)
    }

    /// The plan of the service named `name`.
    pub fn service(&self, name: &str) -> Option<&ServicePlan> {
        self.services.iter().find(|s| s.name == name)
    }
}

/// How many tasks of a service a fresh instance holds beside the daemons, and what stops one
/// more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holds {
    /// Tasks per instance.
    pub tasks: u64,
    /// The resource that sets it: slots ([`Bound::Eni`], or [`Bound::AwsLimit`] when AWS's
    /// per-type limit sets the slots), [`Bound::Cpu`] or [`Bound::Memory`]; ties go to slots,
    /// then CPU, as in [`crate::calc::density()`].
    pub binds: Bound,
}

/// One service's figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServicePlan {
    /// Its index in the list.
    pub index: usize,
    /// Its name.
    pub name: String,
    /// Tasks at steady state: the desired count, or for a daemon one per running instance.
    pub tasks: u64,
    /// Its tasks in each AZ, in AZ order.
    pub per_az: Vec<u64>,
    /// Tasks at its peak: ⌊desired × maximumPercent ÷ 100⌋ or 2 × desired (blue/green); a
    /// daemon's are its tasks on the instances running at the cluster's peak.
    pub peak_tasks: u64,
    /// EC2 replica services: the tasks a fresh instance holds beside the daemons (None for
    /// daemons, Fargate, and a service nothing bounds).
    pub holds: Option<Holds>,
    /// IPv4 addresses its tasks take at steady state (0 for bridge tasks and IPv6-only tasks).
    pub ipv4: u64,
    /// IPv4 addresses its tasks take at its peak.
    pub ipv4_at_peak: u64,
    /// The largest desired count of it whose steady state fits, the others at their desired
    /// counts: it fits and one more does not; `Some(0)` also when not even 0 fits; None for a
    /// daemon, or when its count changes no address.
    pub max_fits: Option<u64>,
    /// The largest desired count of it that deploys, the others fixed: one service at a time,
    /// its own deployment (it at its peak, the others steady) fits; all at once, every service
    /// at its peak fits. None as [`Self::max_fits`].
    pub max_deploys: Option<u64>,
}

/// A run of identical instances in one AZ's packing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstanceGroup {
    /// How many instances.
    pub count: u64,
    /// The replica tasks on each: (service index, tasks), in placement order. The daemons run
    /// on every instance besides.
    pub tasks: Vec<(usize, u64)>,
    /// What each instance has left.
    pub left: Resources,
    /// What binds: the resource that stops one more task of the last service placed on these
    /// instances (the one it is shortest of relative to that task, ties in the order slots, CPU,
    /// memory); None when one more of it would still fit (it ran out of tasks, not of room).
    pub binds: Option<Bound>,
}

/// What fills one AZ's instances at steady state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AzFill {
    /// 0-based AZ index.
    pub index: u32,
    /// Instances the tasks need (M).
    pub needed: u64,
    /// Instances that run (N): the needed ones and the spare ones.
    pub running: u64,
    /// Instances needed at the deployment peak (the largest over the peak's configurations).
    pub peak_needed: u64,
    /// Instances running at the deployment peak.
    pub peak_running: u64,
    /// The needed instances, in opening order.
    pub groups: Vec<InstanceGroup>,
}

impl AzFill {
    /// The AZ's number for people (1-based).
    pub fn number(&self) -> u32 {
        self.index.saturating_add(1)
    }

    /// Spare instances: running but needed by no task (they run the daemons).
    pub fn spare(&self) -> u64 {
        self.running.saturating_sub(self.needed)
    }

    /// How many needed instances each resource binds on, in the order first met (None: room
    /// left).
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::cluster::{self, Cluster};
    /// use awsvpc_planner::calc::{Bound, Inputs};
    /// // The default plan's AZ 1: 334 tasks, 2 per c5.large: 167 instances full on ENI slots.
    /// let p = cluster::plan(&Cluster::from_inputs(&Inputs::default())).unwrap();
    /// assert_eq!(p.fill[0].binding(), [(Some(Bound::Eni), 167)]);
    /// ```
    pub fn binding(&self) -> Vec<(Option<Bound>, u64)> {
        let mut out: Vec<(Option<Bound>, u64)> = Vec::new();
        for g in &self.groups {
            match out.iter_mut().find(|(b, _)| *b == g.binds) {
                Some((_, n)) => *n = n.saturating_add(g.count),
                None => out.push((g.binds, g.count)),
            }
        }
        out
    }
}
