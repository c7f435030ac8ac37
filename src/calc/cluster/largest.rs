//! The largest desired count of one service that fits, and that deploys, the others fixed.
//!
//! "Fits" is the plan's own test: every AZ's host and task subnets hold what the packing of
//! that AZ uses (spread as the plan spreads), with what they already use. "Deploys" adds the
//! peak: the service at its peak count (one at a time: the others steady; all at once: the
//! others at their peak too) fits as well. `Some(0)` also stands for "not even 0 fits" (the
//! plan's rule), and None means the count changes no address (IPv6-only Fargate tasks).
//!
//! **The guarantee**, by construction: the count `y` returned fits (or is 0) and `y + 1` does
//! not, both checked on the real packing of every AZ. First-fit is not monotone in a count, so
//! that is the guarantee, not a global maximum. A guess is checked this way; when the check
//! fails, a bracketed search takes over ([`settle`]: gallop from the guess to a count that fits
//! and one that does not, then bisect between them), which ends at such a pair whatever the
//! guess was.
//!
//! **The guess**: a **probe** packs one AZ with `n` tasks of the service — the services placed
//! before it are read from the plan's packing, so only it and those after it are packed — and
//! keeps what it found: the room left, the instances, and the room for more of the service in
//! them once every service is placed. From each AZ's probe with the largest count that fits, a
//! local model (more tasks fill that room — or, when it holds none, the instances' resources
//! pooled, since the services placed after it may move — then open instances of `fresh` tasks
//! each) predicts the AZ's largest count, below any count probed that does not fit; the AZs'
//! counts give a total under the even spread, as [`crate::calc::plan()`] does ([`max_total`]).
//! Each round probes every AZ's share of that total and of one more, which anchors the next
//! ([`Search::steer`], at most four rounds; one or two usually do). The deploy guess is the
//! largest count whose peak is within it ([`max_deployable`]). AZs with the same counts and
//! subnets share their probes.

use crate::calc::cluster::eval::{az_counts, spread_at, Packed, Shape};
use crate::calc::cluster::pack::{Item, State};
use crate::calc::input::Deploy;
use crate::calc::plan::{max_deployable, max_total, peak_tasks};

/// The room for more tasks of `it` in the instances of `st`, as they are and pooled; the pooled
/// room is only worked out when there is none as they are (it is only used then).
fn pooled(st: &State<()>, it: &Item) -> (u64, u64) {
    match st.room_for(it) {
        0 => (0, st.pooled_room_for(&it.demand)),
        free => (free, free),
    }
}

/// What one probe found in one AZ.
#[derive(Debug, Clone, Copy)]
struct Probe {
    /// The service's tasks in the AZ.
    n: u64,
    /// Room left in the AZ's subnets (the smaller; negative when over).
    slack: i128,
    /// Instances needed.
    needed: u64,
    /// Tasks with an ENI.
    eni: u64,
    /// Tasks of the service the instances still hold once every service is placed.
    free: u64,
    /// The same with the instances' resources pooled (an upper bound: the services placed after
    /// it may move to make room); worked out only when `free` is 0, else `free`.
    pooled: u64,
}

/// A search over the count of service `x`, the others at fixed per-service totals.
pub(crate) struct Search<'a, 'p> {
    shape: &'a Shape,
    /// The instances of the probe being packed.
    scratch: State<()>,
    azs: u32,
    /// x's placement position and what packs it (EC2 replica services only).
    item: Option<(usize, Item)>,
    /// Whether x's tasks take an address.
    eni_x: bool,
    /// Per AZ: (host, task) addresses free before the plan.
    rooms: Vec<(u64, u64)>,
    /// Per AZ: the per-service counts, `x`'s left at 0.
    bases: Vec<Vec<u64>>,
    /// Per AZ: the packing at the fixed totals (with `x` at its own count there).
    packs: &'p [&'p Packed],
    /// Per AZ: the first AZ with the same counts and subnets, whose probes it shares.
    alias: Vec<usize>,
    /// Per AZ: the probes made.
    seen: Vec<Vec<Probe>>,
}

impl<'a, 'p> Search<'a, 'p> {
    /// A search over service `x`'s total with the others at `totals` (x's own entry ignored), in
    /// AZs whose free (host, task) addresses are `rooms`; `packs` are the AZs packed at `totals`.
    pub(crate) fn new(
        shape: &'a Shape,
        x: usize,
        totals: &[u64],
        rooms: Vec<(u64, u64)>,
        packs: &'p [&'p Packed],
    ) -> Search<'a, 'p> {
        let azs = u32::try_from(rooms.len()).unwrap_or(u32::MAX);
        let own = totals.get(x).copied().unwrap_or(0);
        let bases: Vec<Vec<u64>> = (0..azs)
            .map(|j| {
                let mut c = Vec::new();
                az_counts(totals, azs, j, &mut c);
                if let Some(v) = c.get_mut(x) {
                    *v = 0;
                }
                c
            })
            .collect();
        let alias = (0..azs as usize)
            .map(|i| {
                (0..i)
                    .find(|&k| {
                        bases.get(k) == bases.get(i)
                            && rooms.get(k) == rooms.get(i)
                            && spread_at(own, azs, k as u32) == spread_at(own, azs, i as u32)
                    })
                    .unwrap_or(i)
            })
            .collect();
        let item = shape
            .pos
            .get(x)
            .copied()
            .flatten()
            .and_then(|p| Some((p, *shape.packer.items.get(p)?)));
        let mut search = Search {
            shape,
            scratch: State::default(),
            azs,
            item,
            eni_x: shape.eni.get(x).copied().unwrap_or(false),
            rooms,
            bases,
            packs,
            alias,
            seen: vec![Vec::new(); azs as usize],
        };
        // Each AZ at x's own count: the plan's packing, no probe needed.
        for j in 0..azs {
            let i = j as usize;
            let n = spread_at(own, azs, j);
            let (Some(pack), Some(&room)) = (search.packs.get(i), search.rooms.get(i)) else {
                continue;
            };
            let eni = search.eni_base(i).saturating_add(search.eni_of(n));
            let (free, pooled) = match (search.item, pack.before.last()) {
                (Some((_, it)), Some(st)) => pooled(st, &it),
                (Some(_), None) => (0, 0),
                (None, _) => (u64::MAX, u64::MAX),
            };
            let probe = Probe {
                n,
                slack: shape.usage(pack.needed, eni).slack(room, shape.secondary),
                needed: pack.needed,
                eni,
                free,
                pooled,
            };
            if let Some(v) = search.seen.get_mut(i) {
                v.push(probe);
            }
        }
        search
    }

    /// Replica tasks with an ENI in AZ `i` other than x's.
    fn eni_base(&self, i: usize) -> u64 {
        self.bases.get(i).map_or(0, |b| self.shape.eni_replica(b))
    }

    /// Tasks with an ENI among `n` of x's.
    fn eni_of(&self, n: u64) -> u64 {
        if self.eni_x {
            n
        } else {
            0
        }
    }

    /// AZ `i` packed with `n` tasks of `x` (remembered).
    fn probe(&mut self, i: usize, n: u64) -> Probe {
        let i = self.alias.get(i).copied().unwrap_or(i);
        if let Some(p) = self.seen.get(i).and_then(|v| v.iter().find(|p| p.n == n)) {
            return *p;
        }
        let shape = self.shape;
        let (Some(pack), Some(&room)) = (self.packs.get(i), self.rooms.get(i)) else {
            return Probe {
                n,
                slack: -1,
                needed: u64::MAX,
                eni: 0,
                free: 0,
                pooled: 0,
            };
        };
        let (needed, (free, pooled)) = match self.item {
            Some((p, it)) => {
                let st = &mut self.scratch;
                if let Some(start) = pack.before.get(p) {
                    st.copy_from(start);
                }
                let mut ok = shape.packer.place(st, p, n);
                for q in p.saturating_add(1)..shape.packer.items.len() {
                    ok = ok
                        && shape
                            .packer
                            .place(st, q, pack.placed.get(q).copied().unwrap_or(0));
                }
                (if ok { st.total } else { u64::MAX }, pooled(st, &it))
            }
            None => (pack.needed, (u64::MAX, u64::MAX)),
        };
        let eni = self.eni_base(i).saturating_add(self.eni_of(n));
        let probe = Probe {
            n,
            slack: shape.usage(needed, eni).slack(room, shape.secondary),
            needed,
            eni,
            free,
            pooled,
        };
        if let Some(v) = self.seen.get_mut(i) {
            v.push(probe);
        }
        probe
    }

    /// Room left in AZ `i` with `n` tasks of `x` there.
    fn slack(&mut self, i: usize, n: u64) -> i128 {
        self.probe(i, n).slack
    }

    /// Room left over every AZ (the smallest) with `total` tasks of `x` spread over them.
    fn slack_all(&mut self, total: u64) -> i128 {
        let mut worst = i128::MAX;
        for j in 0..self.azs {
            let s = self.slack(j as usize, spread_at(total, self.azs, j));
            worst = worst.min(s);
        }
        worst
    }

    /// An upper bound on `x`'s count in AZ `i`, or None when its count changes no address.
    fn bound(&self, i: usize) -> Option<u64> {
        let shape = self.shape;
        let (h, t) = self.rooms.get(i).copied().unwrap_or((0, 0));
        let by_address =
            (self.eni_x && shape.per_task > 0).then_some(if shape.secondary { t } else { h });
        // Every instance takes at least one host address and holds at most `fresh` of x.
        let by_instances = self
            .item
            .filter(|(_, it)| it.fresh != u64::MAX && shape.per_instance > 0)
            .map(|(_, it)| {
                it.fresh
                    .saturating_mul(h / shape.per_instance)
                    .saturating_add(it.fresh)
            });
        match (by_address, by_instances) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// The largest count in `[a.n, bound]` that fits AZ `i` under the model anchored at `a`:
    /// more tasks of x first take `free` tasks' room left in the instances, then open an instance
    /// per `fresh` tasks; nothing else changes.
    fn model(&self, i: usize, a: Probe, free: u64, bound: u64) -> u64 {
        let shape = self.shape;
        let room = self.rooms.get(i).copied().unwrap_or((0, 0));
        let fresh = self.item.map_or(u64::MAX, |(_, it)| it.fresh).max(1);
        let fits = |m: u64| {
            let more = m.saturating_sub(a.n);
            let needed = a
                .needed
                .saturating_add(more.saturating_sub(free).div_ceil(fresh));
            let eni = a.eni.saturating_add(self.eni_of(more));
            shape.usage(needed, eni).slack(room, shape.secondary) >= 0
        };
        let (mut lo, mut hi) = (a.n, bound.max(a.n));
        while lo < hi {
            let mid = lo + (hi - lo).div_ceil(2);
            if fits(mid) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        lo
    }

    /// The largest count of x in AZ `i` up to `bound`, from `a`, a probe that fits.
    fn cap(&mut self, i: usize, mut a: Probe, bound: u64) -> u64 {
        for _ in 0..6 {
            if a.n >= bound {
                return a.n;
            }
            let g = self.guess(i, a, bound).max(a.n.saturating_add(1));
            let p = self.probe(i, g);
            if p.slack >= 0 {
                a = p;
            } else if g == a.n.saturating_add(1) {
                return a.n;
            } else {
                return descend((a.n, a.slack), (g, p.slack), &mut |m| self.slack(i, m));
            }
        }
        // The model keeps falling short: double the step until a count does not fit.
        let mut step = 1u64;
        loop {
            let g = a.n.saturating_add(step).min(bound);
            let s = self.slack(i, g);
            if s < 0 {
                return last_fitting((a.n, a.slack), (g, s), &mut |m| self.slack(i, m));
            }
            if g >= bound {
                return g;
            }
            a.n = g;
            a.slack = s;
            step = step.saturating_mul(2);
        }
    }

    /// The model's largest count for AZ `i` from the anchor `a` (at least `a.n`): with the room
    /// in the instances as they are, or pooled when that holds no more.
    fn guess(&self, i: usize, a: Probe, bound: u64) -> u64 {
        let g = self.model(i, a, a.free, bound);
        if g > a.n {
            g
        } else {
            self.model(i, a, a.pooled, bound)
        }
    }

    /// The model's largest total of `x` that fits: a guess, checked by [`Search::largest`].
    /// None when x's count changes no address.
    fn guess_total(&mut self) -> Option<u64> {
        let azs = self.azs as usize;
        let own: Vec<Probe> = (0..azs)
            .filter_map(|i| self.seen.get(i).and_then(|v| v.first()).copied())
            .collect();
        // Where x's own count does not fit and 0 does not either: 0.
        for (i, a) in own.iter().enumerate() {
            if a.slack < 0 && self.slack(i, 0) < 0 {
                return Some(0);
            }
        }
        let mut caps: Vec<Option<u64>> = Vec::with_capacity(azs);
        for (i, &a) in own.iter().enumerate() {
            let bound = self.bound(i)?;
            let k = self.alias.get(i).copied().unwrap_or(i);
            let cap = match caps.get(k).copied().flatten() {
                Some(c) if k < i => c,
                _ if a.slack >= 0 => self.cap(i, a, bound),
                _ => {
                    let s0 = self.slack(i, 0);
                    last_fitting((0, s0), (a.n, a.slack), &mut |m| self.slack(i, m))
                }
            };
            caps.push(Some(cap));
        }
        max_total(&caps)
    }

    /// The model's largest count in AZ `i` (at most `bound`) from what its probes found: from the
    /// probe with the largest count that fits, below the least count above it that does not.
    /// None when no probe of the AZ fits.
    fn model_cap(&self, i: usize, bound: u64) -> Option<u64> {
        let k = self.alias.get(i).copied().unwrap_or(i);
        let seen = self.seen.get(k)?;
        let a = seen
            .iter()
            .filter(|p| p.slack >= 0)
            .max_by_key(|p| p.n)
            .copied()?;
        let below = seen
            .iter()
            .filter(|p| p.slack < 0 && p.n > a.n)
            .map(|p| p.n.saturating_sub(1))
            .min()
            .unwrap_or(bound);
        Some(self.guess(i, a, below.min(bound).max(a.n)))
    }

    /// The largest total of `x` that fits as the probes steer it (a guess, checked by
    /// [`Search::largest`]): the AZs' model counts give a total under the even spread; every
    /// AZ's share of it and of one more is probed, and the probes anchor the next round, until
    /// the total fits and one more does not (at most four rounds). None when x's count changes no
    /// address.
    fn steer(&mut self) -> Option<u64> {
        let azs = self.azs as usize;
        // Where x's own count does not fit and 0 does not either: 0 (the plan's rule).
        for i in 0..azs {
            let own = self.seen.get(i).and_then(|v| v.first()).copied();
            if own.is_some_and(|a| a.slack < 0) && self.slack(i, 0) < 0 {
                return Some(0);
            }
        }
        let mut last = None;
        for _ in 0..4 {
            let mut caps = Vec::with_capacity(azs);
            for i in 0..azs {
                let bound = self.bound(i)?;
                match self.model_cap(i, bound) {
                    Some(c) => caps.push(Some(c)),
                    // An AZ where nothing probed fits: the AZ-by-AZ search.
                    None => return self.guess_total(),
                }
            }
            let g = max_total(&caps)?;
            if last == Some(g) {
                break;
            }
            last = Some(g);
            if self.slack_all(g) >= 0 && self.slack_all(g.saturating_add(1)) < 0 {
                break;
            }
        }
        last
    }

    /// The largest total of `x` that fits (see the module's documentation): `y` fits (or is 0)
    /// and `y + 1` does not, on the real packing.
    pub(crate) fn largest(&mut self) -> Option<u64> {
        let g = self.steer()?;
        Some(settle(g, &mut |n| self.slack_all(n)))
    }
}

/// The largest desired count of `x` that deploys under `deploy`, from `steady`, x's search with
/// the others at steady state, and `peak`, its search with the others as they are at the
/// deployment peak (all at once: at their peak; None: at steady state, one at a time). `fits`
/// is the largest count that fits ([`Search::largest`]). The count returned `d` deploys — at `d`
/// and at its peak count every AZ fits — (or is 0) and `d + 1` does not.
pub(crate) fn deployable(
    steady: &mut Search,
    mut peak: Option<&mut Search>,
    deploy: Deploy,
    fits: u64,
) -> u64 {
    // The guess: the largest count whose peak is within the largest total that fits (with the
    // others at their peak, all at once), and that fits itself.
    let within = match peak.as_deref_mut() {
        Some(p) => p.steer().unwrap_or(fits).min(fits),
        None => fits,
    };
    let g = max_deployable(within, deploy);
    // The peak first: it is the one that binds at the count above the answer.
    settle(g, &mut |n| {
        let top = peak_tasks(n, deploy);
        let at_peak = match peak.as_deref_mut() {
            Some(p) => p.slack_all(top),
            None => steady.slack_all(top),
        };
        if at_peak < 0 || (top == n && peak.is_none()) {
            return at_peak;
        }
        let s = steady.slack_all(n);
        s.min(at_peak)
    })
}

/// A count `c` with `f(c) ≥ 0` (or `c` = 0) and `f(c + 1) < 0`, found from the guess `g`: `g`
/// itself when it is such a count (two evaluations); else a gallop from `g` (steps 1, 2, 4, …)
/// up to a count that does not fit or down to one that fits, then [`last_fitting`] between the
/// last count that fits and the first that does not. `f` is the room left at a count (< 0: does
/// not fit). Whatever `g`, the answer satisfies the guarantee; 0 is returned when neither 0 nor 1
/// fits. Counts saturate at `u64::MAX`, which is returned if it fits.
pub(crate) fn settle(g: u64, f: &mut impl FnMut(u64) -> i128) -> u64 {
    let s = f(g);
    if s >= 0 {
        return up((g, s), f);
    }
    // Down from g to a count that fits.
    let mut hi = (g, s);
    let mut step = 1u64;
    while hi.0 > 0 {
        let l = hi.0.saturating_sub(step);
        let sl = f(l);
        if sl >= 0 {
            return last_fitting((l, sl), hi, f);
        }
        hi = (l, sl);
        step = step.saturating_mul(2);
    }
    // 0 does not fit: 0 stands for that unless 1 fits.
    let s1 = f(1);
    if s1 < 0 {
        0
    } else {
        up((1, s1), f)
    }
}

/// A count `c ≥ lo.0` with `f(c) ≥ 0` and `f(c + 1) < 0`, given that `lo` fits: a gallop up from
/// `lo` (steps 1, 2, 4, …) to a count that does not fit, then [`last_fitting`].
fn up(mut lo: (u64, i128), f: &mut impl FnMut(u64) -> i128) -> u64 {
    let mut step = 1u64;
    loop {
        if lo.0 == u64::MAX {
            return lo.0;
        }
        let h = lo.0.saturating_add(step);
        let sh = f(h);
        if sh < 0 {
            return last_fitting(lo, (h, sh), f);
        }
        lo = (h, sh);
        step = step.saturating_mul(2);
    }
}

/// A count `c` in `[lo, hi)` whose room is ≥ 0 while `c + 1`'s is < 0, given `lo` fits and
/// `hi` does not, where the answer is expected just below `hi`: `hi − 1` first, then
/// [`last_fitting`] in between.
fn descend(lo: (u64, i128), hi: (u64, i128), f: &mut impl FnMut(u64) -> i128) -> u64 {
    if hi.0.saturating_sub(lo.0) <= 1 {
        return lo.0;
    }
    let p = hi.0 - 1;
    let s = f(p);
    if s >= 0 {
        return p;
    }
    last_fitting(lo, (p, s), f)
}

/// The guess between `lo` (room `s_lo` ≥ 0) and `hi` (room `s_hi` < 0) where the room left,
/// taken as linear, reaches 0; strictly inside the bracket.
fn interpolate((lo, s_lo): (u64, i128), (hi, s_hi): (u64, i128)) -> u64 {
    let width = hi.saturating_sub(lo);
    let drop = s_lo.saturating_sub(s_hi).max(1);
    let step = u128::try_from(s_lo.max(0)).unwrap_or(0) * u128::from(width)
        / u128::try_from(drop).unwrap_or(1);
    let g = lo.saturating_add(u64::try_from(step).unwrap_or(u64::MAX));
    g.clamp(lo.saturating_add(1), hi.saturating_sub(1))
}

/// A count `c` in `[lo, hi)` whose room `f(c)` is ≥ 0 while `f(c + 1)` is < 0, given
/// `f(lo) ≥ 0 > f(hi)`: up to two secant steps while they land clear of the bracket's ends
/// (the room left is close to linear in the count for `awsvpc` tasks, a staircase for bridge
/// tasks), then bisection. For a room that only shrinks as the count grows this is the largest
/// count that fits.
pub(crate) fn last_fitting(
    mut lo: (u64, i128),
    mut hi: (u64, i128),
    f: &mut impl FnMut(u64) -> i128,
) -> u64 {
    let mut secants = 2;
    while hi.0.saturating_sub(lo.0) > 1 {
        let mid = lo.0 + (hi.0 - lo.0) / 2;
        let g = if secants > 0 {
            secants -= 1;
            let g = interpolate(lo, hi);
            if g <= lo.0.saturating_add(1) || g.saturating_add(1) >= hi.0 {
                secants = 0;
                mid
            } else {
                g
            }
        } else {
            mid
        };
        let s = f(g);
        if s >= 0 {
            lo = (g, s);
        } else {
            hi = (g, s);
        }
    }
    lo.0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A room-left function that is not monotone: from a seed, each count below `top` fits or
    /// not at random (with runs), and nothing from `top` on fits.
    fn rugged(seed: u64, top: u64) -> impl FnMut(u64) -> i128 {
        move |n| {
            if n >= top {
                return -1 - i128::from(n - top);
            }
            let mut h = ((n / 3) ^ seed).wrapping_mul(0x9E37_79B9_7F4A_7C15);
            h ^= h >> 29;
            if h % 5 < 3 {
                i128::from(h % 7)
            } else {
                -1 - i128::from(h % 7)
            }
        }
    }

    /// Whatever the guess, [`settle`] ends at a count that fits (or at 0, when neither 0 nor 1
    /// fits) next to one that does not: the guarantee, on functions that first-fit's room could
    /// be, and on guesses above, below and far from the answer.
    #[test]
    fn settle_ends_at_a_count_that_fits_next_to_one_that_does_not() {
        for seed in 0..300u64 {
            let top = seed % 97 + 1;
            for g in [
                0,
                1,
                2,
                top / 2,
                top.saturating_sub(1),
                top,
                top + 1,
                top * 5,
                1 << 40,
            ] {
                let mut f = rugged(seed, top);
                let c = settle(g, &mut f);
                let fits = f(c) >= 0;
                assert!(
                    fits || (c == 0 && f(1) < 0),
                    "seed {seed}, guess {g}: {c} does not fit"
                );
                assert!(f(c + 1) < 0, "seed {seed}, guess {g}: {} fits too", c + 1);
            }
        }
        // Everything fits: the count saturates.
        assert_eq!(settle(5, &mut |_| 0), u64::MAX);
    }
}
