//! The largest desired count of one service that fits, the others fixed.
//!
//! "Fits" is the plan's own test: every AZ's host and task subnets hold what the packing of
//! that AZ uses (spread as the plan spreads), with what they already use. The result `y` always
//! fits and `y + 1` does not; `Some(0)` also stands for "not even 0 fits" (the plan's rule), and
//! None means the count changes no address (IPv6-only Fargate tasks).
//!
//! How: per AZ, the service's count that fits is found on the AZ's own packing — the services
//! placed before it are packed once, then each probe packs it and those after it — by a secant
//! guess on the AZ's room left, a gallop from the guess and a bisection. The counts per AZ give
//! the total under the even spread (as `plan` does), which is then checked (`y` fits, `y + 1`
//! does not). First-fit is not always monotone in a count; when that check fails, a bisection
//! over the total takes over, which keeps the "`y` fits, `y + 1` does not" property.

use crate::calc::cluster::eval::{az_counts, spread_at, Eval};
use crate::calc::cluster::pack::State;
use crate::calc::plan::max_total;

/// A search over the count of service `x`, the others at fixed per-service totals.
pub(crate) struct Search<'e, 'a> {
    ev: &'e mut Eval<'a>,
    x: usize,
    azs: u32,
    /// Per AZ: (host, task) addresses free before the plan.
    rooms: Vec<(u64, u64)>,
    /// Per AZ: the per-service counts, `x`'s left at 0.
    bases: Vec<Vec<u64>>,
    /// Per AZ: the packing of the services placed before `x`, or (when `x` is not packed) the
    /// instances the others need.
    prefix: Vec<State<()>>,
    fixed: Vec<u64>,
    /// Per AZ: the room left already found for a count of `x`.
    seen: Vec<Vec<(u64, i128)>>,
}

impl<'e, 'a> Search<'e, 'a> {
    /// A search over service `x`'s total with the others at `totals` (x's own entry ignored), in
    /// AZs whose free (host, task) addresses are `rooms`.
    pub(crate) fn new(
        ev: &'e mut Eval<'a>,
        x: usize,
        totals: &[u64],
        rooms: Vec<(u64, u64)>,
    ) -> Search<'e, 'a> {
        let azs = u32::try_from(rooms.len()).unwrap_or(u32::MAX);
        let mut bases = Vec::with_capacity(rooms.len());
        let mut prefix = Vec::with_capacity(rooms.len());
        let mut fixed = Vec::with_capacity(rooms.len());
        let shape = ev.shape;
        let pos = shape.pos.get(x).copied().flatten();
        for j in 0..azs {
            let mut c = Vec::new();
            az_counts(totals, azs, j, &mut c);
            if let Some(v) = c.get_mut(x) {
                *v = 0;
            }
            let mut st = State::default();
            match pos {
                Some(p) => {
                    let mut placed = Vec::new();
                    shape.placed(&c, &mut placed);
                    for q in 0..p {
                        shape
                            .packer
                            .place(&mut st, q, placed.get(q).copied().unwrap_or(0));
                    }
                    fixed.push(0);
                }
                None => fixed.push(ev.needed(&c)),
            }
            prefix.push(st);
            bases.push(c);
        }
        Search {
            ev,
            x,
            azs,
            rooms,
            bases,
            prefix,
            fixed,
            seen: vec![Vec::new(); azs as usize],
        }
    }

    /// Room left in AZ `i` (the smaller of its subnets') with `n` tasks of `x` there.
    pub(crate) fn slack(&mut self, i: usize, n: u64) -> i128 {
        if let Some(&(_, s)) = self
            .seen
            .get(i)
            .and_then(|v| v.iter().find(|(m, _)| *m == n))
        {
            return s;
        }
        let shape = self.ev.shape;
        let (Some(base), Some(prefix), Some(&room)) =
            (self.bases.get(i), self.prefix.get(i), self.rooms.get(i))
        else {
            return -1;
        };
        let needed = match shape.pos.get(self.x).copied().flatten() {
            Some(p) => {
                let st = &mut self.ev.scratch;
                st.copy_from(prefix);
                let mut ok = shape.packer.place(st, p, n);
                for q in p.saturating_add(1)..shape.packer.items.len() {
                    let c = shape
                        .packer
                        .items
                        .get(q)
                        .and_then(|it| base.get(it.service))
                        .copied()
                        .unwrap_or(0);
                    ok = ok && shape.packer.place(st, q, c);
                }
                if ok {
                    st.total
                } else {
                    u64::MAX
                }
            }
            None => self.fixed.get(i).copied().unwrap_or(0),
        };
        let with_x = if shape.eni.get(self.x).copied().unwrap_or(false) {
            n
        } else {
            0
        };
        let eni = shape.eni_replica(base).saturating_add(with_x);
        let s = shape.usage(needed, eni).slack(room, shape.secondary);
        if let Some(v) = self.seen.get_mut(i) {
            v.push((n, s));
        }
        s
    }

    /// Room left over every AZ (the smallest) with `total` tasks of `x` spread over them.
    pub(crate) fn slack_all(&mut self, total: u64) -> i128 {
        let mut worst = i128::MAX;
        for j in 0..self.azs {
            let s = self.slack(j as usize, spread_at(total, self.azs, j));
            worst = worst.min(s);
        }
        worst
    }

    /// An upper bound on `x`'s count in AZ `i`, or None when its count changes no address.
    fn bound(&self, i: usize) -> Option<u64> {
        let shape = self.ev.shape;
        let (h, t) = self.rooms.get(i).copied().unwrap_or((0, 0));
        let by_address = (shape.eni.get(self.x).copied().unwrap_or(false) && shape.per_task > 0)
            .then_some(if shape.secondary { t } else { h });
        // Every instance takes at least one host address and holds at most `fresh` of x.
        let by_instances = shape
            .pos
            .get(self.x)
            .copied()
            .flatten()
            .and_then(|p| shape.packer.items.get(p))
            .filter(|it| it.fresh != u64::MAX && shape.per_instance > 0)
            .map(|it| {
                it.fresh
                    .saturating_mul(h / shape.per_instance)
                    .saturating_add(it.fresh)
            });
        match (by_address, by_instances) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// The largest total of `x` that fits (see the module's documentation).
    pub(crate) fn largest(&mut self) -> Option<u64> {
        let azs = self.azs as usize;
        if (0..azs).any(|i| self.slack(i, 0) < 0) {
            return Some(0);
        }
        let mut caps = Vec::with_capacity(azs);
        for i in 0..azs {
            let hi = self.bound(i)?;
            let s_hi = self.slack(i, hi);
            let cap = if s_hi >= 0 {
                hi
            } else {
                let s0 = self.slack(i, 0);
                last_fitting((0, s0), (hi, s_hi), &mut |n| self.slack(i, n))
            };
            caps.push(Some(cap));
        }
        let y = max_total(&caps)?;
        if self.slack_all(y) >= 0 && self.slack_all(y.saturating_add(1)) < 0 {
            return Some(y);
        }
        // First-fit was not monotone here: search the total itself.
        let hi: u64 = caps
            .iter()
            .flatten()
            .fold(0u64, |a, &c| a.saturating_add(c).saturating_add(1));
        let s_hi = self.slack_all(hi);
        if s_hi >= 0 {
            return Some(hi);
        }
        let s0 = self.slack_all(0);
        Some(last_fitting((0, s0), (hi, s_hi), &mut |n| {
            self.slack_all(n)
        }))
    }

    /// The largest desired count of `x` whose peak (`peak(count)`) fits, given `steady`, the
    /// largest total that fits ([`Search::largest`]) and the largest count whose peak is at most
    /// a total (`within`).
    pub(crate) fn deployable(
        &mut self,
        steady: Option<u64>,
        peak: impl Fn(u64) -> u64,
        within: impl Fn(u64) -> u64,
    ) -> Option<u64> {
        let s = steady?;
        let d = within(s);
        let at = |this: &mut Self, c: u64| this.slack_all(peak(c));
        if d == 0 && at(self, 0) < 0 {
            return Some(0);
        }
        if at(self, d) >= 0 && at(self, d.saturating_add(1)) < 0 {
            return Some(d);
        }
        let hi = s.saturating_add(1);
        let s_hi = at(self, hi);
        if s_hi >= 0 {
            return Some(hi);
        }
        let s0 = at(self, 0);
        if s0 < 0 {
            return Some(0);
        }
        Some(last_fitting((0, s0), (hi, s_hi), &mut |c| at(self, c)))
    }
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
/// `f(lo) ≥ 0 > f(hi)`: two secant steps, a gallop from where the second landed, then bisection.
/// For a room that only shrinks as the count grows this is the largest count that fits.
pub(crate) fn last_fitting(
    mut lo: (u64, i128),
    mut hi: (u64, i128),
    f: &mut impl FnMut(u64) -> i128,
) -> u64 {
    for _ in 0..2 {
        if hi.0.saturating_sub(lo.0) <= 1 {
            return lo.0;
        }
        let g = interpolate(lo, hi);
        let s = f(g);
        if s >= 0 {
            lo = (g, s);
        } else {
            hi = (g, s);
        }
    }
    if hi.0.saturating_sub(lo.0) <= 1 {
        return lo.0;
    }
    // Gallop from the point the guesses approach: it is near one end of the bracket.
    let g = interpolate(lo, hi);
    let s = f(g);
    let mut step = 1u64;
    if s >= 0 {
        lo = (g, s);
        while lo.0.saturating_add(step) < hi.0 {
            let p = lo.0 + step;
            let sp = f(p);
            if sp >= 0 {
                lo = (p, sp);
                step = step.saturating_mul(2);
            } else {
                hi = (p, sp);
                break;
            }
        }
    } else {
        hi = (g, s);
        while hi.0.saturating_sub(step) > lo.0 {
            let p = hi.0 - step;
            let sp = f(p);
            if sp < 0 {
                hi = (p, sp);
                step = step.saturating_mul(2);
            } else {
                lo = (p, sp);
                break;
            }
        }
    }
    while hi.0.saturating_sub(lo.0) > 1 {
        let mid = lo.0 + (hi.0 - lo.0) / 2;
        let s = f(mid);
        if s >= 0 {
            lo = (mid, s);
        } else {
            hi = (mid, s);
        }
    }
    lo.0
}
