//! Every check a cluster must pass before it has a plan, each failure a [`ClusterError`] next to
//! the control at fault: a shared-capacity field ([`Field`]), a cluster field ([`ClusterField`])
//! or one service's field ([`ServiceField`]). All of them are returned, not just the first.

use crate::calc::catalog::{self, InstanceType};
use crate::calc::cluster::model::{Cluster, Kind, Net, Os, Service, MAX_SERVICES};
use crate::calc::cluster::pack::Resources;
use crate::calc::density::{registered_memory, Bound};
use crate::calc::fargate::fargate_errors;
use crate::calc::field::{Field, Fix, PlanError};
use crate::calc::fmt::int;
use crate::calc::input::{
    Deploy, Inputs, IpMode, Launch, MAX_TASKS, MIN_REGISTERED_PERCENT, SURGE_RANGE,
};
use crate::calc::validate::{checked, Layout};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A field of one service, where a message about it belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ServiceField {
    /// Its name.
    Name,
    /// Replica or daemon.
    Kind,
    /// A replica service's desired count.
    Desired,
    /// EC2 or Fargate.
    Launch,
    /// `awsvpc` or bridge/host.
    Net,
    /// Task CPU units.
    Cpu,
    /// Task memory.
    Memory,
    /// Rolling or blue/green.
    Deploy,
    /// A rolling deployment's `maximumPercent`.
    Surge,
}

/// A cluster-wide control beside the shared capacity's fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ClusterField {
    /// The capacity provider's target capacity.
    Target,
    /// The operating system.
    Os,
    /// The deployment peak rule.
    Peak,
    /// The list of services itself (how many there are).
    Services,
}

/// Where a message belongs: next to a shared-capacity field, a cluster field or a service's
/// field (the service named by its index in the list and its name).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Control {
    /// A field of the shared capacity (the one-service form's field).
    Field(Field),
    /// A cluster-wide field.
    Cluster(ClusterField),
    /// A field of one service.
    Service {
        /// Its index in [`Cluster::services`] (from 0).
        index: usize,
        /// Its name as listed.
        name: String,
        /// The field.
        field: ServiceField,
    },
}

/// Why a cluster has no plan: the control at fault, the others involved, an optional one-click
/// [`Fix`] and a lowercase message that names the input (and the service).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterError {
    /// Where the message belongs first.
    pub at: Control,
    /// The other controls involved (the message belongs next to each too).
    pub also: Vec<Control>,
    /// A change that resolves it, when there is an obvious one.
    pub fix: Option<Fix>,
    /// What is wrong.
    pub message: String,
}

impl ClusterError {
    fn new(at: Control, message: impl Into<String>) -> ClusterError {
        ClusterError {
            at,
            also: Vec::new(),
            fix: None,
            message: message.into(),
        }
    }

    fn with(mut self, others: impl IntoIterator<Item = Control>) -> ClusterError {
        for c in others {
            if c != self.at && !self.also.contains(&c) {
                self.also.push(c);
            }
        }
        self
    }

    /// Every control the error involves: [`Self::at`] first.
    pub fn controls(&self) -> impl Iterator<Item = &Control> + '_ {
        std::iter::once(&self.at).chain(self.also.iter())
    }

    /// The index of the service the error is at, if it is at a service.
    pub fn service(&self) -> Option<usize> {
        match self.at {
            Control::Service { index, .. } => Some(index),
            _ => None,
        }
    }
}

impl From<PlanError> for ClusterError {
    fn from(e: PlanError) -> Self {
        ClusterError {
            at: Control::Field(e.field),
            also: e.also.into_iter().map(Control::Field).collect(),
            fix: e.fix,
            message: e.message,
        }
    }
}

impl ServiceField {
    /// The form's field this is: the first service's own control, and the column of every
    /// later service's row.
    pub fn field(self) -> Field {
        match self {
            ServiceField::Name => Field::Name,
            ServiceField::Kind => Field::Scheduling,
            ServiceField::Desired => Field::Tasks,
            ServiceField::Launch => Field::Launch,
            ServiceField::Net => Field::Network,
            ServiceField::Cpu => Field::Cpu,
            ServiceField::Memory => Field::Memory,
            ServiceField::Deploy => Field::Deploy,
            ServiceField::Surge => Field::Surge,
        }
    }
}

impl Control {
    /// The form's field and the service's place (0: the form's own fields) where a message
    /// about this control goes. The list of services as a whole is the last service's name.
    pub fn place(&self, services: usize) -> (Field, usize) {
        match self {
            Control::Field(f) => (*f, 0),
            Control::Cluster(ClusterField::Target) => (Field::Target, 0),
            Control::Cluster(ClusterField::Os) => (Field::Os, 0),
            Control::Cluster(ClusterField::Peak) => (Field::Peak, 0),
            Control::Cluster(ClusterField::Services) => (Field::Name, services.saturating_sub(1)),
            Control::Service { index, field, .. } => (field.field(), *index),
        }
    }
}

impl ClusterError {
    /// The error as the form shows it: next to its control's field, in its service's row, with
    /// the other controls of that same row (or of the form's own fields) it involves.
    pub fn into_plan_error(self, services: usize) -> PlanError {
        let (field, place) = self.at.place(services);
        let also: Vec<Field> = self
            .also
            .iter()
            .map(|c| c.place(services))
            .filter(|(_, p)| *p == place)
            .map(|(f, _)| f)
            .collect();
        let mut e = PlanError::new(field, self.message)
            .with(&also)
            .in_service(place);
        e.fix = self.fix;
        e
    }
}

impl fmt::Display for ClusterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ClusterError {}

/// What one instance of the type offers the tasks, and what the daemons take of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capacity {
    /// `awsvpc` task slots: the ENI bound (with trunking when in effect), lowered to AWS's
    /// per-type limit when it has one.
    pub slots: u64,
    /// What sets the slots: [`Bound::Eni`] or [`Bound::AwsLimit`].
    pub slots_bound: Bound,
    /// CPU units: vCPUs × 1024 (None: the type's vCPUs are unknown, so CPU bounds nothing).
    pub cpu: Option<u64>,
    /// Memory for tasks, MiB: ⌊installed × registered % ÷ 100⌋ less the reserve (None: unknown).
    pub memory_mib: Option<u64>,
    /// What the daemons take on every instance (their slots only for `awsvpc` daemons).
    pub daemons: Resources,
    /// Whether trunking is in effect (requested and supported by the type).
    pub trunking: bool,
    /// IPv4 addresses each instance takes in its host subnet: 2 with trunking, else 1.
    pub ips_per_instance: u64,
}

impl Capacity {
    /// What a fresh instance has left for the replica tasks once the daemons run (0 in an unknown
    /// dimension).
    pub fn after_daemons(&self) -> Resources {
        Resources {
            slots: self.slots.saturating_sub(self.daemons.slots),
            cpu: self.cpu.unwrap_or(0).saturating_sub(self.daemons.cpu),
            memory_mib: self
                .memory_mib
                .unwrap_or(0)
                .saturating_sub(self.daemons.memory_mib),
        }
    }

    /// What one task of `s` takes here: a slot when `awsvpc`, its CPU and memory; 0 in a
    /// dimension it does not give or the type does not know.
    pub fn demand(&self, s: &Service) -> Resources {
        Resources {
            slots: u64::from(s.net == Net::Awsvpc),
            cpu: if self.cpu.is_some() {
                u64::from(s.cpu.unwrap_or(0))
            } else {
                0
            },
            memory_mib: if self.memory_mib.is_some() {
                u64::from(s.memory_mib.unwrap_or(0))
            } else {
                0
            },
        }
    }
}

/// A cluster that passed every check: its subnets and, when it uses instances, the type and
/// what one offers.
pub(crate) struct Ready {
    pub(crate) layout: Layout,
    pub(crate) instance: Option<InstanceType>,
    pub(crate) capacity: Option<Capacity>,
}

/// How a message names service `index`: `service "web"`, or `service 3` when it has no name.
pub(crate) fn label(s: &Service, index: usize) -> String {
    if s.name.trim().is_empty() {
        format!("service {}", index.saturating_add(1))
    } else {
        format!("service \"{}\"", s.name)
    }
}

fn at(s: &Service, index: usize, field: ServiceField) -> Control {
    Control::Service {
        index,
        name: s.name.clone(),
        field,
    }
}

/// What one instance of `t` offers with the shared capacity in `base`.
pub(crate) fn capacity(t: &InstanceType, base: &Inputs, daemons: Resources) -> Capacity {
    let trunking = base.trunking && t.tasks_with_trunking.is_some();
    let eni = match (trunking, t.tasks_with_trunking) {
        (true, Some(w)) => w,
        _ => t.tasks_without_trunking,
    };
    let (slots, slots_bound) = match catalog::awsvpc_limit(t) {
        Some(l) if l.tasks < eni => (u64::from(l.tasks), Bound::AwsLimit),
        _ => (u64::from(eni), Bound::Eni),
    };
    Capacity {
        slots,
        slots_bound,
        cpu: t.vcpus.map(|v| u64::from(v).saturating_mul(1024)),
        memory_mib: t.memory_mib.map(|m| {
            registered_memory(m, base.memory_registered_percent)
                .saturating_sub(u64::from(base.memory_reserve_mib))
        }),
        daemons,
        trunking,
        ips_per_instance: if trunking { 2 } else { 1 },
    }
}

/// Every check of a cluster; on failure every error found, in a fixed order (shared capacity,
/// cluster fields, each service, then what the daemons and each service's task need of the
/// instance type). Checks that depend on a value already at fault are skipped.
pub(crate) fn check(c: &Cluster) -> Result<Ready, Vec<ClusterError>> {
    let mut errs: Vec<ClusterError> = Vec::new();
    // The shared capacity's own checks: subnets, AZs, names, other ENIs. The services carry the
    // launch type, count, size and deployment, so those are left neutral here.
    let probe = Inputs {
        launch: Launch::Fargate,
        tasks: 0,
        cpu: None,
        memory_mib: None,
        deploy: Deploy::Rolling { max_percent: 200 },
        ..c.base.clone()
    };
    let layout = match checked(&probe) {
        Ok(k) => Some(k.layout),
        Err(e) => {
            errs.extend(e.into_iter().map(ClusterError::from));
            None
        }
    };

    if !(1..=100).contains(&c.target_percent) {
        errs.push(ClusterError::new(
            Control::Cluster(ClusterField::Target),
            format!(
                "target capacity {} %: use 1 to 100 (100 keeps no spare instance)",
                c.target_percent
            ),
        ));
    }
    if c.services.is_empty() {
        errs.push(ClusterError::new(
            Control::Cluster(ClusterField::Services),
            "a cluster needs at least one service",
        ));
    } else if c.services.len() > MAX_SERVICES {
        errs.push(ClusterError::new(
            Control::Cluster(ClusterField::Services),
            format!(
                "{} services: a cluster plan holds 1 to {MAX_SERVICES}",
                c.services.len()
            ),
        ));
    }
    if c.os == Os::Windows && c.uses_instances() {
        // Amazon ECS Developer Guide, "Amazon ECS task networking options for EC2" (awsvpc),
        // Windows considerations.
        const WHERE: &str = "(Amazon ECS Developer Guide, awsvpc network mode, Windows \
                             considerations: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking-awsvpc.html)";
        if c.base.trunking {
            errs.push(
                ClusterError::new(
                    Control::Field(Field::Trunk),
                    format!(
                        "ENI trunking is not available on Windows container instances: awsvpc on EC2 Windows supports no ENI trunking {WHERE}"
                    ),
                )
                .with([Control::Cluster(ClusterField::Os)]),
            );
        }
        if c.base.ip_mode != IpMode::V4 {
            let what = match c.base.ip_mode {
                IpMode::Dual => "dual-stack",
                _ => "IPv6-only",
            };
            errs.push(
                ClusterError::new(
                    Control::Field(Field::IpMode),
                    format!(
                        "{what} tasks are not available on Windows container instances: awsvpc on EC2 Windows supports no IPv6 and no dual stack {WHERE}"
                    ),
                )
                .with([Control::Cluster(ClusterField::Os)]),
            );
        }
    }

    for (n, s) in c.services.iter().enumerate() {
        errs.extend(service_errors(c, n, s));
    }

    // The instance type: only when some service runs on EC2.
    let mut instance = None;
    let mut cap = None;
    if c.uses_instances() {
        if !(MIN_REGISTERED_PERCENT..=100).contains(&c.base.memory_registered_percent) {
            errs.push(ClusterError::new(
                Control::Field(Field::Registered),
                format!(
                    "{} %: the registered share of installed memory is {MIN_REGISTERED_PERCENT} to 100 %",
                    c.base.memory_registered_percent
                ),
            ));
        } else {
            match catalog::lookup(&c.base.instance) {
                Ok(t) => {
                    let k = fit_errors(c, &t, &mut errs);
                    instance = Some(t);
                    cap = Some(k);
                }
                Err(e) => errs.push(ClusterError::new(
                    Control::Field(Field::Instance),
                    e.to_string(),
                )),
            }
        }
    }
    match layout {
        Some(layout) if errs.is_empty() => Ok(Ready {
            layout,
            instance,
            capacity: cap,
        }),
        _ => Err(errs),
    }
}

/// The checks of one service on its own and against the ones listed before it.
fn service_errors(c: &Cluster, n: usize, s: &Service) -> Vec<ClusterError> {
    let mut errs = Vec::new();
    let who = label(s, n);
    if s.name.trim().is_empty() {
        errs.push(ClusterError::new(
            at(s, n, ServiceField::Name),
            format!("{who} has no name: give it one, unique in the cluster"),
        ));
    } else if let Some(m) = c
        .services
        .iter()
        .take(n)
        .position(|o| o.name.trim() == s.name.trim())
    {
        let first = c.services.get(m).map(|o| at(o, m, ServiceField::Name));
        errs.push(
            ClusterError::new(
                at(s, n, ServiceField::Name),
                format!(
                    "{who} is listed twice (services {} and {}): give each service a name of its own",
                    m.saturating_add(1),
                    n.saturating_add(1)
                ),
            )
            .with(first),
        );
    }
    if let Kind::Replica { desired } = s.kind {
        if desired > MAX_TASKS {
            errs.push(ClusterError::new(
                at(s, n, ServiceField::Desired),
                format!(
                    "{who}: {} tasks: at most {} here",
                    int(desired),
                    int(MAX_TASKS)
                ),
            ));
        }
    }
    if let (Deploy::Rolling { max_percent }, Kind::Replica { .. }) = (s.deploy, s.kind) {
        if !(SURGE_RANGE.0..=SURGE_RANGE.1).contains(&max_percent) {
            errs.push(ClusterError::new(
                at(s, n, ServiceField::Surge),
                format!(
                    "{who}: maximumPercent {max_percent}: use {} to {}",
                    SURGE_RANGE.0, SURGE_RANGE.1
                ),
            ));
        }
    }
    match s.launch {
        Launch::Fargate => {
            if s.is_daemon() {
                errs.push(
                    ClusterError::new(
                        at(s, n, ServiceField::Kind),
                        format!(
                            "{who}: Fargate runs no daemon services: a daemon runs one task on every container instance, and Fargate has none (Amazon ECS Developer Guide, \"Daemon scheduling strategy\")"
                        ),
                    )
                    .with([at(s, n, ServiceField::Launch)]),
                );
            }
            if s.net == Net::Bridge {
                errs.push(
                    ClusterError::new(
                        at(s, n, ServiceField::Net),
                        format!(
                            "{who}: Fargate tasks use the awsvpc network mode only; bridge and host are EC2 modes"
                        ),
                    )
                    .with([at(s, n, ServiceField::Launch)]),
                );
            }
            for e in fargate_errors(s.cpu, s.memory_mib) {
                let field = |f: Field| {
                    if f == Field::Cpu {
                        ServiceField::Cpu
                    } else {
                        ServiceField::Memory
                    }
                };
                errs.push(
                    ClusterError::new(at(s, n, field(e.field)), format!("{who}: {}", e.message))
                        .with(e.also.iter().map(|&f| at(s, n, field(f)))),
                );
            }
        }
        Launch::Ec2 => {
            if s.net == Net::Bridge && s.memory_mib.is_none_or(|m| m == 0) {
                let why = if s.is_daemon() {
                    "and the plan needs it for what the daemon takes from every instance"
                } else {
                    "and without one nothing would bound how many of its tasks fit on an instance (a bridge task takes no ENI slot)"
                };
                errs.push(
                    ClusterError::new(
                        at(s, n, ServiceField::Memory),
                        format!(
                            "{who}: give a task memory: on EC2, ECS requires a memory value in the task or its containers, {why}"
                        ),
                    )
                    .with([at(s, n, ServiceField::Net)]),
                );
            }
        }
    }
    errs
}

/// What `t` offers, checking that the daemons fit on it together and that one task of each EC2
/// replica service fits beside them (errors pushed to `errs`).
pub(crate) fn fit_errors(c: &Cluster, t: &InstanceType, errs: &mut Vec<ClusterError>) -> Capacity {
    let bare = capacity(t, &c.base, Resources::default());
    let daemons: Vec<(usize, &Service)> = c
        .services
        .iter()
        .enumerate()
        .filter(|(_, s)| s.is_daemon() && s.on_ec2())
        .collect();
    let slots_what = |k: &Capacity| {
        format!(
            "{} has {} ENI slot{} for awsvpc tasks{}",
            t.name,
            int(k.slots),
            if k.slots == 1 { "" } else { "s" },
            match (k.slots_bound, k.trunking) {
                (Bound::AwsLimit, _) => " (AWS's awsvpc task limit for the type)",
                (_, true) => " (with trunking)",
                _ => " (without trunking)",
            }
        )
    };
    // Each resource: the daemons in list order, until their sum no longer fits.
    let mut sum = Resources::default();
    let mut over = [false; 3];
    for (n, s) in &daemons {
        let d = bare.demand(s);
        sum = Resources::from_array([
            sum.slots.saturating_add(d.slots),
            sum.cpu.saturating_add(d.cpu),
            sum.memory_mib.saturating_add(d.memory_mib),
        ]);
        let names = || {
            daemons
                .iter()
                .take_while(|(m, _)| m <= n)
                .map(|(m, o)| label(o, *m))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let checks = [
            (sum.slots > bare.slots && d.slots > 0).then(|| {
                (
                    ServiceField::Net,
                    vec![Field::Instance, Field::Trunk],
                    format!(
                        "the daemons ({}) take {} ENI slots on every instance, but {}",
                        names(),
                        int(sum.slots),
                        slots_what(&bare)
                    ),
                )
            }),
            bare.cpu.filter(|&cpu| sum.cpu > cpu && d.cpu > 0).map(|cpu| {
                (
                    ServiceField::Cpu,
                    vec![Field::Instance],
                    format!(
                        "the daemons ({}) take {} CPU units on every instance, but {} has {} ({} vCPUs)",
                        names(),
                        int(sum.cpu),
                        t.name,
                        int(cpu),
                        t.vcpus.unwrap_or(0)
                    ),
                )
            }),
            bare.memory_mib
                .filter(|&m| sum.memory_mib > m && d.memory_mib > 0)
                .map(|m| {
                    (
                        ServiceField::Memory,
                        vec![Field::Instance, Field::Reserve, Field::Registered],
                        format!(
                            "the daemons ({}) take {} MiB on every instance, but {} has {} MiB for tasks ({} registered at {} %, less {} reserved)",
                            names(),
                            int(sum.memory_mib),
                            t.name,
                            int(m),
                            int(registered_memory(t.memory_mib.unwrap_or(0), c.base.memory_registered_percent)),
                            c.base.memory_registered_percent,
                            int(c.base.memory_reserve_mib)
                        ),
                    )
                }),
        ];
        for (j, found) in checks.into_iter().enumerate() {
            if let (Some((field, also, message)), Some(seen)) = (found, over.get_mut(j)) {
                if !*seen {
                    *seen = true;
                    errs.push(
                        ClusterError::new(at(s, *n, field), message)
                            .with(also.into_iter().map(Control::Field)),
                    );
                }
            }
        }
    }
    let k = Capacity {
        daemons: sum,
        ..bare
    };
    if over.iter().any(|&o| o) {
        return k;
    }
    // One task of each EC2 replica service beside the daemons.
    let left = k.after_daemons();
    let beside = |taken: u64, unit: &str| {
        if daemons.is_empty() {
            String::new()
        } else {
            format!(", {} {unit} taken by the daemons", int(taken))
        }
    };
    for (n, s) in c.services.iter().enumerate() {
        if s.is_daemon() || !s.on_ec2() {
            continue;
        }
        let who = label(s, n);
        let d = k.demand(s);
        if d.slots > left.slots {
            errs.push(
                ClusterError::new(
                    at(s, n, ServiceField::Net),
                    format!(
                        "{who}: no ENI slot is left for an awsvpc task: {}{}",
                        slots_what(&k),
                        beside(k.daemons.slots, "slots")
                    ),
                )
                .with([
                    Control::Field(Field::Instance),
                    Control::Field(Field::Trunk),
                ]),
            );
        } else if d.cpu > left.cpu {
            errs.push(
                ClusterError::new(
                    at(s, n, ServiceField::Cpu),
                    format!(
                        "{who}: a task of {} CPU units does not fit on {} ({} vCPUs = {} units{})",
                        int(d.cpu),
                        t.name,
                        t.vcpus.unwrap_or(0),
                        int(k.cpu.unwrap_or(0)),
                        beside(k.daemons.cpu, "units")
                    ),
                )
                .with([Control::Field(Field::Instance)]),
            );
        } else if d.memory_mib > left.memory_mib {
            errs.push(
                ClusterError::new(
                    at(s, n, ServiceField::Memory),
                    format!(
                        "{who}: a task of {} MiB does not fit on {} ({} MiB installed, {} registered at {} %, less {} reserved = {} MiB{})",
                        int(d.memory_mib),
                        t.name,
                        int(t.memory_mib.unwrap_or(0)),
                        int(registered_memory(t.memory_mib.unwrap_or(0), c.base.memory_registered_percent)),
                        c.base.memory_registered_percent,
                        int(c.base.memory_reserve_mib),
                        int(k.memory_mib.unwrap_or(0)),
                        beside(k.daemons.memory_mib, "MiB")
                    ),
                )
                .with([
                    Control::Field(Field::Instance),
                    Control::Field(Field::Reserve),
                    Control::Field(Field::Registered),
                ]),
            );
        }
    }
    k
}
