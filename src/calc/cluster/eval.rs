//! One AZ of a cluster for given task counts: the instances the packing needs (M), the instances
//! that run (N = ⌈M × 100 ÷ target⌉), the tasks with an ENI and the addresses in the host and
//! task subnets.
//!
//! A packing keeps the instances as they were before each service was placed ([`Packed`]), so
//! counts that differ from it only from some service on (a peak configuration, a probe of a
//! largest-count search) are packed from that service on.

use crate::calc::cluster::pack::{Packer, State};

/// The fixed shape of a cluster's address arithmetic and packing.
#[derive(Debug, Clone)]
pub(crate) struct Shape {
    /// The EC2 replica services in placement order.
    pub(crate) packer: Packer,
    /// Each service's placement position (EC2 replica services only).
    pub(crate) pos: Vec<Option<usize>>,
    /// Whether each service is a replica service whose tasks take an address each (`awsvpc` on
    /// EC2, and Fargate).
    pub(crate) eni: Vec<bool>,
    /// `awsvpc` daemon tasks on every running instance.
    pub(crate) daemon_enis: u64,
    /// IPv4 per running instance (host subnet).
    pub(crate) per_instance: u64,
    /// IPv4 per task with an ENI (0 for IPv6-only tasks).
    pub(crate) per_task: u64,
    /// Addresses per AZ kept for other ENIs (host subnet).
    pub(crate) other: u64,
    /// Tasks in task subnets of their own.
    pub(crate) secondary: bool,
    /// Target capacity, percent (1–100).
    pub(crate) target: u64,
}

/// One AZ's use for some task counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Use {
    /// Instances the tasks need (M).
    pub(crate) needed: u64,
    /// Instances that run (N).
    pub(crate) running: u64,
    /// Tasks with an ENI: replica tasks with one, and the `awsvpc` daemons on every running
    /// instance.
    pub(crate) eni_tasks: u64,
    /// Addresses in the host subnet: instances, other ENIs, and the tasks when they have no
    /// subnet of their own (not counting what the subnet already uses).
    pub(crate) host: u64,
    /// Addresses in the task subnet (tasks in a subnet of their own).
    pub(crate) task: u64,
}

impl Use {
    /// Room left in the (host, task) subnets with `room` free before the plan: negative when
    /// over; the smaller of the two (the task subnet only when tasks have one).
    pub(crate) fn slack(&self, room: (u64, u64), secondary: bool) -> i128 {
        let h = i128::from(room.0) - i128::from(self.host);
        if secondary {
            h.min(i128::from(room.1) - i128::from(self.task))
        } else {
            h
        }
    }
}

impl Shape {
    /// Instances that run for `needed`: ⌈needed × 100 ÷ target⌉.
    pub(crate) fn running(&self, needed: u64) -> u64 {
        match (self.target, needed.checked_mul(100)) {
            (100, _) => needed,
            (t, Some(v)) => v.div_ceil(t.max(1)),
            (t, None) => {
                let n = (u128::from(needed) * 100).div_ceil(u128::from(t.max(1)));
                u64::try_from(n).unwrap_or(u64::MAX)
            }
        }
    }

    /// The use of one AZ with `needed` instances and `eni_replica` replica tasks with an ENI.
    pub(crate) fn usage(&self, needed: u64, eni_replica: u64) -> Use {
        let running = self.running(needed);
        let eni_tasks = eni_replica.saturating_add(running.saturating_mul(self.daemon_enis));
        let tasks = eni_tasks.saturating_mul(self.per_task);
        let hosts = running
            .saturating_mul(self.per_instance)
            .saturating_add(self.other);
        let (host, task) = if self.secondary {
            (hosts, tasks)
        } else {
            (hosts.saturating_add(tasks), 0)
        };
        Use {
            needed,
            running,
            eni_tasks,
            host,
            task,
        }
    }

    /// Replica tasks with an ENI among per-service `counts`.
    pub(crate) fn eni_replica(&self, counts: &[u64]) -> u64 {
        counts
            .iter()
            .zip(&self.eni)
            .filter(|(_, &e)| e)
            .fold(0u64, |a, (&c, _)| a.saturating_add(c))
    }

    /// The counts of the EC2 replica services in placement order, from per-service `counts`.
    pub(crate) fn placed(&self, counts: &[u64], out: &mut Vec<u64>) {
        out.clear();
        out.extend(
            self.packer
                .items
                .iter()
                .map(|it| counts.get(it.service).copied().unwrap_or(0)),
        );
    }
}

/// Task count of a service with `total` tasks in the AZ at position `j` of `azs`: the even
/// spread, the first `total mod azs` AZs taking one more ([`crate::calc::spread`]).
pub(crate) fn spread_at(total: u64, azs: u32, j: u32) -> u64 {
    let a = u64::from(azs.max(1));
    total / a + u64::from(u64::from(j) < total % a)
}

/// The per-service counts in the AZ at position `j` of `azs` for per-service totals.
pub(crate) fn az_counts(totals: &[u64], azs: u32, j: u32, out: &mut Vec<u64>) {
    out.clear();
    out.extend(totals.iter().map(|&t| spread_at(t, azs, j)));
}

/// Per-service totals spread over `azs` AZs, ready for [`Spread::at`]: each total's share and
/// how many AZs take one more.
pub(crate) struct Spread(Vec<(u64, u64)>);

impl Spread {
    /// The spread of `totals` over `azs` AZs.
    pub(crate) fn new(totals: &[u64], azs: u32) -> Spread {
        let a = u64::from(azs.max(1));
        Spread(totals.iter().map(|&t| (t / a, t % a)).collect())
    }

    /// Whether position `j` has other counts than position `j − 1`: some total's remainder is
    /// `j` (positions below the remainder take one more).
    pub(crate) fn splits(&self, j: u32) -> bool {
        self.0.iter().any(|&(_, r)| r == u64::from(j))
    }

    /// The per-service counts at position `j` (as [`az_counts`]).
    pub(crate) fn at(&self, j: u32, out: &mut Vec<u64>) {
        out.clear();
        out.extend(self.0.iter().map(|&(q, r)| q + u64::from(u64::from(j) < r)));
    }
}

/// One AZ packed at some counts, with the instances as they were before each placement.
#[derive(Debug, Clone, Default)]
pub(crate) struct Packed {
    /// `before[p]`: the instances before the service at position `p` is placed; the last entry
    /// is the end.
    pub(crate) before: Vec<State<()>>,
    /// The counts at each position.
    pub(crate) placed: Vec<u64>,
    /// Instances needed (M; `u64::MAX` when a task fits no instance, which the checks rule out).
    pub(crate) needed: u64,
}

/// The packings of one cluster.
pub(crate) struct Eval<'a> {
    pub(crate) shape: &'a Shape,
    key: Vec<u64>,
    pub(crate) scratch: State<()>,
}

impl<'a> Eval<'a> {
    /// A new evaluator for `shape`.
    pub(crate) fn new(shape: &'a Shape) -> Eval<'a> {
        Eval {
            shape,
            key: Vec::new(),
            scratch: State::default(),
        }
    }

    /// One AZ packed at per-service `counts`, keeping each step.
    pub(crate) fn packed(&mut self, counts: &[u64]) -> Packed {
        let packer = &self.shape.packer;
        let mut placed = Vec::new();
        self.shape.placed(counts, &mut placed);
        let mut st: State<()> = State::default();
        let mut before = Vec::with_capacity(placed.len().saturating_add(1));
        let mut ok = true;
        for (p, &n) in placed.iter().enumerate() {
            before.push(st.clone());
            ok = ok && packer.place(&mut st, p, n);
        }
        let needed = if ok { st.total } else { u64::MAX };
        before.push(st);
        Packed {
            before,
            placed,
            needed,
        }
    }

    /// Instances needed for per-service `counts`, packing from the first position where they
    /// differ from `base`'s.
    pub(crate) fn needed_from(&mut self, base: &Packed, counts: &[u64]) -> u64 {
        self.shape.placed(counts, &mut self.key);
        let Some(p) = self.key.iter().zip(&base.placed).position(|(a, b)| a != b) else {
            return base.needed;
        };
        let Some(start) = base.before.get(p) else {
            return base.needed;
        };
        self.scratch.copy_from(start);
        let key = &self.key;
        let ok = self
            .shape
            .packer
            .pack_from(&mut self.scratch, p, |q| key.get(q).copied().unwrap_or(0));
        if ok {
            self.scratch.total
        } else {
            u64::MAX
        }
    }
}
