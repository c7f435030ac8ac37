//! The packing rule, computed in bulk: in one AZ, the EC2 replica services' tasks go, service by
//! service, on the first instance opened that still fits one on every resource; when none does,
//! a new instance is opened.
//!
//! The tasks of a service are identical, so instances are kept in **groups**: runs of instances,
//! adjacent in opening order, with the same resources left (and, when the contents are tracked,
//! the same tasks on each). Placing `n` tasks of a service that fit `q` at a time on each
//! instance of a group of `count` fills ⌊n ÷ q⌋ of them (at most `count`) with `q` tasks, puts
//! the rest (fewer than `q`) on the next instance, and leaves the others untouched: a group splits
//! into at most three, so a service adds at most four groups (two split off, two new), whatever
//! its task count. The cost grows with the services, not with the tasks.
//!
//! This is exactly first-fit task by task: an instance that cannot take a task of a service
//! cannot take the next one either (resources only shrink), so one pass over the groups in
//! opening order places the service's tasks where first-fit would, and the instances of a group
//! fill in order.

use crate::calc::cluster::model::MAX_SERVICES;
use crate::calc::density::Bound;
use serde::{Deserialize, Serialize};

/// What an instance offers or a task takes: ENI slots, CPU units and memory (MiB).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Resources {
    /// `awsvpc` task slots (ENI attachments, or branch ENIs with trunking).
    pub slots: u64,
    /// CPU units (1024 = 1 vCPU).
    pub cpu: u64,
    /// Memory, MiB.
    pub memory_mib: u64,
}

impl Resources {
    pub(crate) fn to_array(self) -> [u64; 3] {
        [self.slots, self.cpu, self.memory_mib]
    }
    pub(crate) fn from_array([slots, cpu, memory_mib]: [u64; 3]) -> Resources {
        Resources {
            slots,
            cpu,
            memory_mib,
        }
    }
}

/// One EC2 replica service as the packer sees it, in placement order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Item {
    /// The service's index in the cluster's list.
    pub(crate) service: usize,
    /// What one task takes: slots (1 for `awsvpc`, else 0), CPU, memory; 0 in a dimension the
    /// service or the instance type leaves unbounded.
    pub(crate) demand: [u64; 3],
    /// Tasks a fresh instance (beside the daemons) holds; `u64::MAX` when nothing bounds it.
    pub(crate) fresh: u64,
}

/// Tasks of `demand` that fit in `rem`: the smallest ⌊rem ÷ demand⌋ over the dimensions the
/// task uses; `u64::MAX` when it uses none.
pub(crate) fn fit(rem: &[u64; 3], demand: &[u64; 3]) -> u64 {
    let mut q = u64::MAX;
    for (r, d) in rem.iter().zip(demand) {
        if let Some(v) = r.checked_div(*d) {
            q = q.min(v);
        }
    }
    q
}

/// Whether one task of `demand` fits in `rem`.
fn fits_one(rem: &[u64; 3], demand: &[u64; 3]) -> bool {
    rem.iter().zip(demand).all(|(r, d)| r >= d)
}

/// `rem` less `q` tasks of `demand` (saturating: `q` never takes more than `rem` holds).
fn less(rem: &[u64; 3], demand: &[u64; 3], q: u64) -> [u64; 3] {
    let mut out = *rem;
    for (o, d) in out.iter_mut().zip(demand) {
        *o = o.saturating_sub(d.saturating_mul(q));
    }
    out
}

/// What a group records of the tasks on each of its instances: nothing (the fast count), or the
/// tasks of each service ([`Loads`]).
pub(crate) trait Load: Copy + PartialEq + Default {
    /// Records `q` more tasks of the service at placement position `pos` on each instance.
    fn add(&mut self, pos: usize, q: u64);
}

impl Load for () {
    fn add(&mut self, _: usize, _: u64) {}
}

/// Tasks per instance of each service, by placement position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Loads(pub(crate) [u64; MAX_SERVICES]);

impl Load for Loads {
    fn add(&mut self, pos: usize, q: u64) {
        if let Some(v) = self.0.get_mut(pos) {
            *v = v.saturating_add(q);
        }
    }
}

/// A run of identical instances, adjacent in opening order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Group<L> {
    /// How many instances.
    pub(crate) count: u64,
    /// What each has left: slots, CPU, memory.
    pub(crate) rem: [u64; 3],
    /// What each runs.
    pub(crate) load: L,
}

/// The instances of one AZ as placement goes on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct State<L> {
    /// The groups in opening order.
    pub(crate) groups: Vec<Group<L>>,
    /// Groups before this one cannot take a task of any service still to be placed.
    open: usize,
    /// Instances opened (M).
    pub(crate) total: u64,
}

impl<L> Default for State<L> {
    fn default() -> Self {
        State {
            groups: Vec::new(),
            open: 0,
            total: 0,
        }
    }
}

impl<L: Load> State<L> {
    /// Empties the state, keeping its allocation.
    pub(crate) fn clear(&mut self) {
        self.groups.clear();
        self.open = 0;
        self.total = 0;
    }

    /// Makes this state a copy of `other`, reusing its allocation.
    pub(crate) fn copy_from(&mut self, other: &State<L>) {
        self.groups.clear();
        self.groups.extend_from_slice(&other.groups);
        self.open = other.open;
        self.total = other.total;
    }
}

/// The packing of one cluster: its EC2 replica services in placement order and what a fresh
/// instance offers beside the daemons.
#[derive(Debug, Clone)]
pub(crate) struct Packer {
    pub(crate) items: Vec<Item>,
    /// A fresh instance's resources left after the daemons (0 in a dimension no task uses).
    pub(crate) cap: [u64; 3],
    /// For each position, the smallest demand in each dimension of the items from there on; a
    /// group below it in some dimension is closed for good.
    floor: Vec<[u64; 3]>,
}

impl Packer {
    /// A packer for `items` (already in placement order) on instances offering `cap`.
    pub(crate) fn new(items: Vec<Item>, cap: [u64; 3]) -> Packer {
        let mut floor = vec![[u64::MAX; 3]; items.len().saturating_add(1)];
        for p in (0..items.len()).rev() {
            let next = floor.get(p + 1).copied().unwrap_or([u64::MAX; 3]);
            let d = items.get(p).map_or([u64::MAX; 3], |i| i.demand);
            if let Some(f) = floor.get_mut(p) {
                *f = [next[0].min(d[0]), next[1].min(d[1]), next[2].min(d[2])];
            }
        }
        Packer { items, cap, floor }
    }

    /// Places the items from position `from` on, `counts(pos)` tasks of each, after what `st`
    /// already holds. False when a service's task fits no fresh instance (validation rules that
    /// out: the count is then meaningless).
    pub(crate) fn pack_from<L: Load>(
        &self,
        st: &mut State<L>,
        from: usize,
        counts: impl Fn(usize) -> u64,
    ) -> bool {
        (from..self.items.len()).all(|pos| self.place(st, pos, counts(pos)))
    }

    /// Places `n` tasks of the item at `pos`.
    pub(crate) fn place<L: Load>(&self, st: &mut State<L>, pos: usize, mut n: u64) -> bool {
        let Some(item) = self.items.get(pos) else {
            return n == 0;
        };
        let d = item.demand;
        let mut i = st.open;
        while n > 0 {
            let Some(g) = st.groups.get_mut(i) else {
                break;
            };
            if fits_one(&g.rem, &d) {
                let q = fit(&g.rem, &d);
                let full = (n / q).min(g.count);
                if full == g.count {
                    g.rem = less(&g.rem, &d, q);
                    g.load.add(pos, q);
                    n = n.saturating_sub(q.saturating_mul(g.count));
                } else {
                    // Fewer tasks than the group holds: `full` instances take q, the next takes
                    // the rest (fewer than q), the others stay as they are.
                    let old = *g;
                    let left = n - full * q;
                    let mut parts: [Option<Group<L>>; 3] = [None, None, None];
                    if full > 0 {
                        let mut load = old.load;
                        load.add(pos, q);
                        parts[0] = Some(Group {
                            count: full,
                            rem: less(&old.rem, &d, q),
                            load,
                        });
                    }
                    if left > 0 {
                        let mut load = old.load;
                        load.add(pos, left);
                        parts[1] = Some(Group {
                            count: 1,
                            rem: less(&old.rem, &d, left),
                            load,
                        });
                    }
                    let untouched = old.count - full - u64::from(left > 0);
                    if untouched > 0 {
                        parts[2] = Some(Group {
                            count: untouched,
                            ..old
                        });
                    }
                    st.groups.splice(i..=i, parts.into_iter().flatten());
                    n = 0;
                }
            }
            i += 1;
        }
        if n > 0 {
            let q = item.fresh;
            if q == 0 {
                return false;
            }
            let (full, left) = (n / q, n % q);
            if full > 0 {
                let mut load = L::default();
                load.add(pos, q);
                st.groups.push(Group {
                    count: full,
                    rem: less(&self.cap, &d, q),
                    load,
                });
            }
            if left > 0 {
                let mut load = L::default();
                load.add(pos, left);
                st.groups.push(Group {
                    count: 1,
                    rem: less(&self.cap, &d, left),
                    load,
                });
            }
            st.total = st
                .total
                .saturating_add(full)
                .saturating_add(u64::from(left > 0));
        }
        self.tidy(st, pos);
        true
    }

    /// Merges adjacent identical open groups and closes the groups no later item fits.
    fn tidy<L: Load>(&self, st: &mut State<L>, pos: usize) {
        let floor = self
            .floor
            .get(pos.saturating_add(1))
            .copied()
            .unwrap_or([u64::MAX; 3]);
        while st
            .groups
            .get(st.open)
            .is_some_and(|g| !fits_one(&g.rem, &floor))
        {
            st.open += 1;
        }
        let Some(open) = st.groups.get_mut(st.open..) else {
            return;
        };
        let mut w = 0usize;
        for r in 1..open.len() {
            let (Some(&g), Some(&h)) = (open.get(r), open.get(w)) else {
                break;
            };
            if g.rem == h.rem && g.load == h.load {
                if let Some(h) = open.get_mut(w) {
                    h.count = h.count.saturating_add(g.count);
                }
            } else {
                w += 1;
                if let Some(slot) = open.get_mut(w) {
                    *slot = g;
                }
            }
        }
        let keep = st.open.saturating_add(w).saturating_add(1);
        if !st.groups.is_empty() {
            st.groups.truncate(keep);
        }
    }
}

/// The resource with the least headroom for one more task of `demand` among those it does not
/// fit in (`rem` below the demand), comparing rem ÷ demand; ties in the order slots, CPU,
/// memory. None when one more task fits.
pub(crate) fn short_of(rem: &[u64; 3], demand: &[u64; 3], slots: Bound) -> Option<Bound> {
    let kinds = [slots, Bound::Cpu, Bound::Memory];
    let mut best: Option<(usize, u64, u64)> = None;
    for (j, (&r, &d)) in rem.iter().zip(demand).enumerate() {
        if d == 0 || r >= d {
            continue;
        }
        // r/d < r'/d'  ⇔  r·d' < r'·d (u128: no overflow).
        let better = match best {
            None => true,
            Some((_, br, bd)) => u128::from(r) * u128::from(bd) < u128::from(br) * u128::from(d),
        };
        if better {
            best = Some((j, r, d));
        }
    }
    best.and_then(|(j, _, _)| kinds.get(j).copied())
}

/// Tasks of `demand` a fresh instance offering `cap` holds and the resource that sets it, in
/// the order [`crate::calc::density`] uses: slots first, then CPU and memory when strictly
/// lower. None when no resource bounds it.
pub(crate) fn holds(cap: &[u64; 3], demand: &[u64; 3], slots: Bound) -> Option<(u64, Bound)> {
    let kinds = [slots, Bound::Cpu, Bound::Memory];
    let mut best: Option<(u64, Bound)> = None;
    for ((&c, &d), kind) in cap.iter().zip(demand).zip(kinds) {
        if let Some(k) = c.checked_div(d) {
            if best.is_none_or(|(b, _)| k < b) {
                best = Some((k, kind));
            }
        }
    }
    best
}
