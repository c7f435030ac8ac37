//! The packing rule, computed in bulk: in one AZ, the EC2 replica services' tasks go, service by
//! service, on the first instance opened that still fits one on every resource; when none does,
//! a new instance is opened.
//!
//! The tasks of a service are identical, so instances are kept in **groups**: runs of instances,
//! adjacent in opening order, with the same resources left (and, when the contents are tracked,
//! the same tasks on each). Groups that come to be alike are not merged while packing (it would
//! cost a pass per service and rarely happens); the report merges them (`merged`). Placing `n`
//! tasks of a service that fit `q` at a time on each instance of a group of `count` fills
//! ⌊n ÷ q⌋ of them (at most `count`) with `q` tasks, puts the rest (fewer than `q`) on the next
//! instance, and leaves the others untouched: a group splits into at most three, so a service
//! adds at most four groups (two split off, two new), whatever its task count. The cost grows
//! with the services, not with the tasks.
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
    /// The demand as divisors, prepared once.
    pub(crate) per: [Divisor; 3],
    /// Tasks a fresh instance (beside the daemons) holds; `u64::MAX` when nothing bounds it.
    pub(crate) fresh: u64,
}

impl Item {
    /// An item for the service at `service` taking `demand`, on instances offering `cap`.
    pub(crate) fn new(service: usize, demand: [u64; 3], cap: &[u64; 3]) -> Item {
        let [d0, d1, d2] = demand;
        Item {
            service,
            demand,
            per: [Divisor::new(d0), Divisor::new(d1), Divisor::new(d2)],
            fresh: fit(cap, &demand),
        }
    }

    /// Tasks of this item that fit in `rem` (as [`fit`], faster).
    #[inline(always)]
    fn fit(&self, rem: &[u64; 3]) -> u64 {
        let [r0, r1, r2] = *rem;
        let [p0, p1, p2] = self.per;
        p0.div(r0).min(p1.div(r1)).min(p2.div(r2))
    }
}

/// A divisor prepared for dividing many numerators: ⌊n ÷ d⌋ as ⌊c × n ÷ 2^64⌋ with
/// c = ⌈2^64 ÷ d⌉, a multiplication instead of a division, exact for n and d below 2^32
/// (Lemire, Kaser and Kurz, "Faster remainder by direct computation", 2019). Resources left
/// (slots, CPU units, MiB) and task sizes are that small; larger ones are divided plainly.
/// A divisor of 0 divides to `u64::MAX` (the dimension bounds nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Divisor {
    d: u64,
    c: u64,
}

impl Divisor {
    /// The divisor `d`.
    pub(crate) fn new(d: u64) -> Divisor {
        let c = match d {
            0 | 1 => 0,
            _ => (u64::MAX / d).saturating_add(1),
        };
        Divisor { d, c }
    }

    /// ⌊n ÷ d⌋ (`u64::MAX` for d = 0).
    #[inline(always)]
    pub(crate) fn div(self, n: u64) -> u64 {
        const SMALL: u64 = u32::MAX as u64;
        match self.d {
            0 => u64::MAX,
            1 => n,
            d if n <= SMALL && d <= SMALL => ((u128::from(self.c) * u128::from(n)) >> 64) as u64,
            d => n / d,
        }
    }
}

/// Tasks of `demand` that fit in `rem`: the smallest ⌊rem ÷ demand⌋ over the dimensions the
/// task uses; `u64::MAX` when it uses none.
#[inline(always)]
pub(crate) fn fit(rem: &[u64; 3], demand: &[u64; 3]) -> u64 {
    let q = |r: u64, d: u64| r.checked_div(d).unwrap_or(u64::MAX);
    let [r0, r1, r2] = *rem;
    let [d0, d1, d2] = *demand;
    q(r0, d0).min(q(r1, d1)).min(q(r2, d2))
}

/// Whether one task of `demand` fits in `rem`. Element by element: with the page's opt-level
/// "z", comparing arrays or zipped slices calls a library routine per group visited.
#[inline(always)]
fn fits_one(rem: &[u64; 3], demand: &[u64; 3]) -> bool {
    let [r0, r1, r2] = *rem;
    let [d0, d1, d2] = *demand;
    r0 >= d0 && r1 >= d1 && r2 >= d2
}

/// Whether two groups have the same resources left.
#[inline(always)]
fn same(a: &[u64; 3], b: &[u64; 3]) -> bool {
    let [a0, a1, a2] = *a;
    let [b0, b1, b2] = *b;
    a0 == b0 && a1 == b1 && a2 == b2
}

/// `rem` less `q` tasks of `demand` (saturating: `q` never takes more than `rem` holds).
#[inline(always)]
fn less(rem: &[u64; 3], demand: &[u64; 3], q: u64) -> [u64; 3] {
    let l = |r: u64, d: u64| r.saturating_sub(d.saturating_mul(q));
    let [r0, r1, r2] = *rem;
    let [d0, d1, d2] = *demand;
    [l(r0, d0), l(r1, d1), l(r2, d2)]
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
    /// Tasks of `item` the instances still hold (saturating; `u64::MAX` for a task that takes
    /// nothing).
    pub(crate) fn room_for(&self, item: &Item) -> u64 {
        self.groups
            .iter()
            .filter(|g| fits_one(&g.rem, &item.demand))
            .fold(0u64, |a, g| {
                a.saturating_add(g.count.saturating_mul(item.fit(&g.rem)))
            })
    }

    /// Tasks of `demand` the instances' resources hold taken together, as if tasks could be
    /// split between instances: an upper bound of [`State::room_for`].
    pub(crate) fn pooled_room_for(&self, demand: &[u64; 3]) -> u64 {
        let mut pool = [0u64; 3];
        for g in &self.groups {
            for (p, r) in pool.iter_mut().zip(g.rem) {
                *p = p.saturating_add(g.count.saturating_mul(r));
            }
        }
        let q = |p: u64, d: u64| p.checked_div(d).unwrap_or(u64::MAX);
        let [p0, p1, p2] = pool;
        let [d0, d1, d2] = *demand;
        q(p0, d0).min(q(p1, d1)).min(q(p2, d2))
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
        let mut split: Option<(usize, [Option<Group<L>>; 3])> = None;
        for (i, g) in st.groups.iter_mut().enumerate().skip(st.open) {
            if n == 0 {
                break;
            }
            if !fits_one(&g.rem, &d) {
                continue;
            }
            let q = item.fit(&g.rem);
            let all = q.saturating_mul(g.count);
            if all <= n {
                g.rem = less(&g.rem, &d, q);
                g.load.add(pos, q);
                n -= all;
                continue;
            }
            // Fewer tasks than the group holds: `full` instances take q, the next takes the rest
            // (fewer than q), the others stay as they are.
            let old = *g;
            let full = n / q;
            let left = n - full * q;
            let part = |count: u64, tasks: u64| {
                let mut load = old.load;
                load.add(pos, tasks);
                Group {
                    count,
                    rem: less(&old.rem, &d, tasks),
                    load,
                }
            };
            let untouched = old.count - full - u64::from(left > 0);
            split = Some((
                i,
                [
                    (full > 0).then(|| part(full, q)),
                    (left > 0).then(|| part(1, left)),
                    (untouched > 0).then_some(Group {
                        count: untouched,
                        ..old
                    }),
                ],
            ));
            n = 0;
            break;
        }
        if let Some((i, parts)) = split {
            // The group at i becomes the parts, in order (at most two more groups).
            for (k, (at, p)) in (i..).zip(parts.into_iter().flatten()).enumerate() {
                if k == 0 {
                    if let Some(slot) = st.groups.get_mut(at) {
                        *slot = p;
                    }
                } else {
                    st.groups.insert(at, p);
                }
            }
        }
        if n > 0 {
            let q = item.fresh;
            if q == 0 {
                return false;
            }
            let (full, left) = (n / q, n % q);
            let fresh = |tasks: u64| {
                let mut load = L::default();
                load.add(pos, tasks);
                (less(&self.cap, &d, tasks), load)
            };
            if full > 0 {
                let (rem, load) = fresh(q);
                st.groups.push(Group {
                    count: full,
                    rem,
                    load,
                });
            }
            if left > 0 {
                let (rem, load) = fresh(left);
                st.groups.push(Group {
                    count: 1,
                    rem,
                    load,
                });
            }
            st.total = st
                .total
                .saturating_add(full)
                .saturating_add(u64::from(left > 0));
        }
        // Close the groups no later item fits.
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
        true
    }
}

/// Merges adjacent groups with the same resources left and the same tasks (for reports; the
/// packing itself does not need it).
pub(crate) fn merged<L: Load>(groups: &[Group<L>]) -> Vec<Group<L>> {
    let mut out: Vec<Group<L>> = Vec::with_capacity(groups.len());
    for &g in groups {
        match out.last_mut() {
            Some(h) if same(&h.rem, &g.rem) && h.load == g.load => {
                h.count = h.count.saturating_add(g.count);
            }
            _ => out.push(g),
        }
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The prepared division is the plain one on every numerator and divisor class it serves:
    /// around 2^32, powers of two, 0 and 1, the largest values.
    #[test]
    fn prepared_division_is_exact() {
        let ns = [
            0u64,
            1,
            2,
            3,
            255,
            256,
            3_717,
            65_535,
            65_536,
            458_752,
            25_165_824,
            u64::from(u32::MAX) - 1,
            u64::from(u32::MAX),
            u64::from(u32::MAX) + 1,
            u64::MAX,
        ];
        for d in ns
            .iter()
            .copied()
            .chain([7, 10, 1_000, 1_024, 1_025, 2_047])
        {
            let p = Divisor::new(d);
            for n in ns.iter().copied().chain((0..5_000u64).map(|k| k * 7_919)) {
                let want = n.checked_div(d).unwrap_or(u64::MAX);
                assert_eq!(p.div(n), want, "{n} / {d}");
            }
        }
    }
}
