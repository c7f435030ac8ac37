//! A cluster at steady state only — no deployment peak, no AZ loss, no largest counts — on its
//! own instance type ([`steady()`]), or on every catalogue type with and without trunking
//! ([`rank()`], the instance-type ranking of a whole cluster). Both pack each AZ exactly as
//! [`super::plan()`] does, so their instance and address counts are the plan's steady ones.

use crate::calc::catalog::{self, InstanceType};
use crate::calc::cidr;
use crate::calc::cluster::check::{capacity, check, fit_errors, Capacity, ClusterError};
use crate::calc::cluster::eval::{az_counts, Shape, Use};
use crate::calc::cluster::model::{Cluster, Os};
use crate::calc::cluster::pack::{holds, Resources, State};
use crate::calc::cluster::plan::shape;
use crate::calc::input::{Deploy, Inputs, Launch, MAX_AZS};
use crate::calc::plan::{AzPlan, SubnetUse};
use crate::calc::rank::{sort_rows, RankRow, RankSort};
use crate::calc::validate::{checked, Layout};

/// A cluster's steady state on its own instance type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Steady {
    /// Per AZ, in AZ order, in the one-service plan's shape; with no deployment, each figure at
    /// the peak is the steady one (no surge).
    pub azs: Vec<AzPlan>,
    /// Per AZ: the instances the packing needs (M); [`AzPlan::instances`] are the ones that run
    /// (N = ⌈M × 100 ÷ target⌉).
    pub needed: Vec<u64>,
}

impl Steady {
    /// Whether every subnet holds what it already uses and what the cluster adds.
    pub fn fits(&self) -> bool {
        crate::calc::plan::fits(&self.azs)[0]
    }

    /// Instances that run, over the AZs.
    pub fn instances(&self) -> u64 {
        self.azs
            .iter()
            .fold(0u64, |n, a| n.saturating_add(a.instances))
    }
}

/// Each service's total at steady state: its desired count (0 for a daemon: daemons follow the
/// instances).
fn desired(c: &Cluster) -> Vec<u64> {
    c.services
        .iter()
        .map(|s| s.kind.desired().map_or(0, u64::from))
        .collect()
}

/// One AZ's use for per-service `counts`: the packing from empty (`st` and `placed` are
/// scratch space).
fn az_use(shape: &Shape, counts: &[u64], placed: &mut Vec<u64>, st: &mut State<()>) -> Use {
    shape.placed(counts, placed);
    st.copy_from(&State::default());
    let ok = shape
        .packer
        .pack_from(st, 0, |p| placed.get(p).copied().unwrap_or(0));
    let needed = if ok { st.total } else { u64::MAX };
    shape.usage(needed, shape.eni_replica(counts))
}

/// The steady state of a cluster: each AZ packed as [`super::plan()`] packs it, with the
/// instances and addresses that follow; the same checks, and nothing about the peak.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::cluster::{self, Cluster};
/// use awsvpc_planner::calc::Inputs;
/// // The default plan: 334 + 333 + 333 tasks, 2 per c5.large: 167 + 167 + 167 instances.
/// let s = cluster::steady(&Cluster::from_inputs(&Inputs::default())).unwrap();
/// assert_eq!(s.needed, [167, 167, 167]);
/// assert_eq!(s.instances(), 501);
/// assert_eq!(s.azs[0].host.used(), 167 + 334);
/// assert!(s.fits());
/// ```
///
/// # Errors
/// Every [`ClusterError`] found, as [`super::plan()`] finds them.
pub fn steady(c: &Cluster) -> Result<Steady, Vec<ClusterError>> {
    let ready = check(c)?;
    let shape = shape(c, ready.capacity.as_ref());
    let totals = desired(c);
    let azs = c.base.azs;
    let v6 = c.base.ip_mode != crate::calc::IpMode::V4;
    let (mut counts, mut placed, mut st) = (Vec::new(), Vec::new(), State::default());
    let mut out = Steady {
        azs: Vec::with_capacity(azs as usize),
        needed: Vec::with_capacity(azs as usize),
    };
    for j in 0..azs {
        let Some(&h) = ready.layout.host.get(j as usize) else {
            continue;
        };
        az_counts(&totals, azs, j, &mut counts);
        let u = az_use(&shape, &counts, &mut placed, &mut st);
        let (host_in_use, task_in_use) = ready.layout.in_use_at(j);
        let tasks_v4 = u.eni_tasks.saturating_mul(shape.per_task);
        let host = SubnetUse {
            cidr: h,
            usable: cidr::usable_ipv4(h.prefix_len()).unwrap_or(0),
            in_use: host_in_use,
            instances: u.running.saturating_mul(shape.per_instance),
            tasks: if shape.secondary { 0 } else { tasks_v4 },
            other: shape.other,
            surge: 0,
        };
        let task = ready.layout.task.get(j as usize).map(|&t| SubnetUse {
            cidr: t,
            usable: cidr::usable_ipv4(t.prefix_len()).unwrap_or(0),
            in_use: task_in_use,
            instances: 0,
            tasks: u.task,
            other: 0,
            surge: 0,
        });
        out.azs.push(AzPlan {
            index: j,
            tasks: u.eni_tasks,
            instances: u.running,
            peak_tasks: u.eni_tasks,
            peak_instances: u.running,
            host,
            task,
            ipv6_used: if v6 {
                u.eni_tasks.saturating_add(u.running)
            } else {
                0
            },
        });
        out.needed.push(u.needed);
    }
    Ok(out)
}

/// The whole cluster on one type, with or without trunking: what a ranking row shows.
#[derive(Debug, Clone, Copy)]
struct Fleet {
    /// Tasks of the lead service a fresh instance holds beside the daemons.
    k: Option<u64>,
    /// Instances that run (N), over the AZs.
    instances: u64,
    /// IPv4 used at steady state, with what the subnets already use.
    ips: u64,
    /// Whether every AZ's subnets hold it (None: the subnets cannot be laid out).
    fits: Option<bool>,
}

/// What ranks every type for one cluster: what does not depend on the type, computed once.
struct Ranker<'a> {
    c: &'a Cluster,
    /// The shared capacity without and with trunking.
    bases: [Inputs; 2],
    /// The subnets, when they can be laid out.
    layout: Option<Layout>,
    /// Per AZ: the per-service counts at steady state.
    counts: Vec<Vec<u64>>,
    /// IPv4 already in use in the plan's subnets.
    in_use: u64,
    /// The service whose tasks per instance the row shows: the first EC2 replica service.
    lead: Option<usize>,
}

impl<'a> Ranker<'a> {
    fn new(c: &'a Cluster) -> Ranker<'a> {
        // The subnet checks alone, as `check` makes them.
        let probe = Inputs {
            launch: Launch::Fargate,
            tasks: 0,
            cpu: None,
            memory_mib: None,
            deploy: Deploy::Rolling { max_percent: 200 },
            ..c.base.clone()
        };
        let layout = checked(&probe).ok().map(|k| k.layout);
        let azs = c.base.azs.clamp(1, MAX_AZS);
        let totals = desired(c);
        let counts = (0..azs)
            .map(|j| {
                let mut v = Vec::new();
                az_counts(&totals, azs, j, &mut v);
                v
            })
            .collect();
        let sum = |v: &[u32]| v.iter().fold(0u64, |a, &u| a.saturating_add(u64::from(u)));
        let in_use = match &layout {
            Some(l) => (0..azs).fold(0u64, |a, j| {
                let (h, t) = l.in_use_at(j);
                a.saturating_add(h).saturating_add(t)
            }),
            None => {
                let task = if c.base.secondary {
                    sum(&c.base.task_in_use)
                } else {
                    0
                };
                sum(&c.base.host_in_use).saturating_add(task)
            }
        };
        let mut bases = [c.base.clone(), c.base.clone()];
        for (b, trunk) in bases.iter_mut().zip([false, true]) {
            b.trunking = trunk;
        }
        Ranker {
            c,
            bases,
            layout,
            counts,
            in_use,
            lead: c.services.iter().position(|s| s.on_ec2() && !s.is_daemon()),
        }
    }

    /// The cluster on `t`: None when the daemons or one task of a service do not fit on it.
    fn fleet(&self, t: &InstanceType, trunk: bool) -> Option<Fleet> {
        let base = self.bases.get(usize::from(trunk))?;
        let bare = capacity(t, base, Resources::default());
        let mut sum = Resources::default();
        for s in self
            .c
            .services
            .iter()
            .filter(|s| s.is_daemon() && s.on_ec2())
        {
            let d = bare.demand(s);
            sum = Resources {
                slots: sum.slots.saturating_add(d.slots),
                cpu: sum.cpu.saturating_add(d.cpu),
                memory_mib: sum.memory_mib.saturating_add(d.memory_mib),
            };
        }
        if sum.slots > bare.slots
            || bare.cpu.is_some_and(|c| sum.cpu > c)
            || bare.memory_mib.is_some_and(|m| sum.memory_mib > m)
        {
            return None;
        }
        let cap = Capacity {
            daemons: sum,
            ..bare
        };
        let shape = shape(self.c, Some(&cap));
        if shape.packer.items.iter().any(|it| it.fresh == 0) {
            return None;
        }
        let (mut placed, mut st) = (Vec::new(), State::default());
        let (mut instances, mut ips, mut fits) = (0u64, self.in_use, true);
        for (j, counts) in self.counts.iter().enumerate() {
            let u = az_use(&shape, counts, &mut placed, &mut st);
            instances = instances.saturating_add(u.running);
            ips = ips.saturating_add(u.host).saturating_add(u.task);
            if let Some(l) = &self.layout {
                fits = fits && u.slack(l.room_at(j as u32), shape.secondary) >= 0;
            }
        }
        let k = self
            .lead
            .and_then(|x| shape.pos.get(x).copied().flatten())
            .and_then(|p| shape.packer.items.get(p))
            .and_then(|it| holds(&shape.packer.cap, &it.demand, cap.slots_bound))
            .map(|(k, _)| k);
        Some(Fleet {
            k,
            instances,
            ips,
            fits: self.layout.as_ref().map(|_| fits),
        })
    }

    fn row(&self, t: InstanceType) -> RankRow {
        let without = self.fleet(&t, false);
        // Windows container instances have no trunking.
        let with = (t.tasks_with_trunking.is_some() && self.c.os != Os::Windows)
            .then(|| self.fleet(&t, true))
            .flatten();
        let vcpus = |f: &Fleet| t.vcpus.map(|v| f.instances.saturating_mul(u64::from(v)));
        RankRow {
            instance: t,
            k_without: without.and_then(|f| f.k),
            k_with: with.and_then(|f| f.k),
            instances_without: without.map(|f| f.instances),
            instances_with: with.map(|f| f.instances),
            ips_without: without.map(|f| f.ips),
            ips_with: with.map(|f| f.ips),
            vcpus_without: without.as_ref().and_then(vcpus),
            vcpus_with: with.as_ref().and_then(vcpus),
            fits_without: without.and_then(|f| f.fits),
            fits_with: with.and_then(|f| f.fits),
        }
    }
}

/// Ranks every catalogue type for a whole cluster at steady state, without and with trunking,
/// in the default order ([`RankSort::Vcpus`]), as [`crate::calc::rank()`] ranks one service:
/// per type, the instances that run (each AZ packed as the plan packs it, N = ⌈M × 100 ÷
/// target⌉), their vCPUs, the IPv4 used and whether every AZ's subnets hold it; the tasks per
/// instance are what a fresh instance holds of the first EC2 replica service beside the
/// daemons. A type on which the daemons, or one task of a service, do not fit has no figures
/// (None); on Windows no type has figures with trunking. The deployment peak and the largest
/// counts are left out: they are the plan's, for the type chosen.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::cluster::{self, Cluster, Kind, Service};
/// use awsvpc_planner::calc::Inputs;
/// let mut c = Cluster::from_inputs(&Inputs::default());
/// c.services.push(Service { name: "log".into(), kind: Kind::Daemon, ..Service::default() });
/// let rows = cluster::rank(&c);
/// let c5 = rows.iter().find(|r| r.instance.name == "c5.large").unwrap();
/// // Without trunking the log daemon takes one of the c5.large's 2 slots: 1 task each, 1,000
/// // instances; with trunking 9 a piece: ⌈334 ÷ 9⌉ + 2 × ⌈333 ÷ 9⌉ = 38 + 37 + 37 = 112.
/// assert_eq!((c5.k_without, c5.k_with), (Some(1), Some(9)));
/// assert_eq!((c5.instances_without, c5.instances_with), (Some(1_000), Some(112)));
/// assert_eq!(c5.instances_with, Some(cluster::steady(&Cluster {
///     base: Inputs { trunking: true, ..c.base.clone() }, ..c.clone() }).unwrap().instances()));
/// ```
pub fn rank(c: &Cluster) -> Vec<RankRow> {
    let r = Ranker::new(c);
    let mut rows: Vec<RankRow> = catalog::all().map(|t| r.row(t)).collect();
    sort_rows(&mut rows, RankSort::Vcpus);
    rows
}

/// Why the whole cluster cannot run on `t` (with trunking when `trunking` and the type supports
/// it): the plan's own message for the first daemon resource the daemons exhaust, or the first
/// service one task of which does not fit beside them. None when it runs there: exactly the
/// types and trunking settings on which [`rank()`] has figures (on Windows, none with trunking).
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::catalog;
/// use awsvpc_planner::calc::cluster::{self, Cluster, Kind, Service};
/// use awsvpc_planner::calc::Inputs;
/// let mut c = Cluster::from_inputs(&Inputs::default());
/// for name in ["log", "trace"] {
///     c.services.push(Service { name: name.into(), kind: Kind::Daemon, ..Service::default() });
/// }
/// let t = catalog::lookup("c5.large").unwrap();
/// // Without trunking a c5.large has 2 slots; the two awsvpc daemons take both.
/// let why = cluster::misfit(&c, &t, false).unwrap();
/// assert!(why.contains("no ENI slot is left"), "{why}");
/// assert_eq!(cluster::misfit(&c, &t, true), None);
/// ```
pub fn misfit(c: &Cluster, t: &InstanceType, trunking: bool) -> Option<String> {
    if trunking && c.os == Os::Windows && t.tasks_with_trunking.is_some() {
        return Some("awsvpc on Windows container instances supports no ENI trunking".to_string());
    }
    let c = Cluster {
        base: Inputs {
            trunking,
            ..c.base.clone()
        },
        ..c.clone()
    };
    let mut errs = Vec::new();
    fit_errors(&c, t, &mut errs);
    errs.into_iter().next().map(|e| e.message)
}
