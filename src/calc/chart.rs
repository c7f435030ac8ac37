//! Geometry for the pictures: per-subnet stacked bars and the growth chart. Pure numbers; the UI
//! only places them in SVG.

use crate::calc::cidr::RESERVED_PER_SUBNET;
use crate::calc::{Curve, Inputs, Scenario, SubnetUse};

/// What a bar segment counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    /// The 5 addresses AWS reserves.
    Reserved,
    /// Addresses already in use before the plan (existing ENIs: `AvailableIpAddressCount`'s
    /// complement, or typed by hand).
    InUse,
    /// Instance addresses (primary and trunk ENIs).
    Instances,
    /// Task addresses.
    Tasks,
    /// Other ENIs.
    Other,
    /// Extra addresses at the deployment peak.
    Surge,
    /// Free at the peak.
    Free,
    /// Missing: demand above the subnet's size.
    Over,
}

impl Part {
    /// Stable identifier (CSS class and legend).
    pub fn id(self) -> &'static str {
        match self {
            Part::Reserved => "reserved",
            Part::InUse => "in-use",
            Part::Instances => "instances",
            Part::Tasks => "tasks",
            Part::Other => "other",
            Part::Surge => "surge",
            Part::Free => "free",
            Part::Over => "over",
        }
    }
    /// Legend label.
    pub fn label(self) -> &'static str {
        match self {
            Part::Reserved => "AWS-reserved",
            Part::InUse => "In use now",
            Part::Instances => "Instances",
            Part::Tasks => "Tasks",
            Part::Other => "Other ENIs",
            Part::Surge => "Deployment surge",
            Part::Free => "Free",
            Part::Over => "Over capacity",
        }
    }
    /// Every part in bar order.
    pub const ALL: [Part; 8] = [
        Part::Reserved,
        Part::InUse,
        Part::Instances,
        Part::Tasks,
        Part::Other,
        Part::Surge,
        Part::Free,
        Part::Over,
    ];
}

/// One segment of a bar: a count and its position as per-mille of the bar's width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// What it counts.
    pub part: Part,
    /// Addresses.
    pub count: u64,
    /// Start, in thousandths of the bar.
    pub start: u32,
    /// Width, in thousandths of the bar.
    pub width: u32,
}

/// The stacked bar of one subnet: reserved, in use now, instances, tasks, other, surge, then free.
/// The bar spans the subnet's whole size, or the demand at the deployment peak when that is
/// larger; then a last `Over` segment marks the part of the demand beyond the subnet's end (it
/// overlays the tail of the stacked parts, which keep their full widths: the shortage is not
/// counted twice).
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{chart::{bar, Part}, plan, Inputs};
/// let p = plan(&Inputs::default()).unwrap();
/// let b = bar(&p.azs[0].host);
/// assert_eq!(b.iter().map(|s| s.count).sum::<u64>(), 4096);
/// assert_eq!(b.last().unwrap().start + b.last().unwrap().width, 1000);
/// // 6,000 tasks: the peak needs 6,005 addresses of a /20's 4,096.
/// let p = plan(&Inputs { tasks: 6_000, ..Inputs::default() }).unwrap();
/// let over = *bar(&p.azs[0].host).last().unwrap();
/// assert_eq!((over.part, over.count), (Part::Over, 1_909));
/// assert_eq!((over.start, over.start + over.width), (4_096 * 1000 / 6_005, 1000));
/// ```
pub fn bar(s: &SubnetUse) -> Vec<Segment> {
    let size = s.usable + RESERVED_PER_SUBNET;
    let counts = [
        (Part::Reserved, RESERVED_PER_SUBNET),
        (Part::InUse, s.in_use),
        (Part::Instances, s.instances),
        (Part::Tasks, s.tasks),
        (Part::Other, s.other),
        (Part::Surge, s.surge),
        (Part::Free, s.free_at_peak()),
    ];
    let total: u64 = counts.iter().map(|c| c.1).sum::<u64>().max(size).max(1);
    let at = |n: u64| (u128::from(n) * 1000 / u128::from(total)) as u32;
    let mut acc = 0u64;
    let mut out = Vec::new();
    for (part, count) in counts {
        if count == 0 {
            continue;
        }
        let start = at(acc);
        acc += count;
        out.push(Segment {
            part,
            count,
            start,
            width: at(acc) - start,
        });
    }
    let short = s.short_at_peak();
    if short > 0 {
        let start = at(size);
        out.push(Segment {
            part: Part::Over,
            count: short,
            start,
            width: 1000u32.saturating_sub(start),
        });
    }
    out
}

/// One scenario's line in the growth chart.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Series {
    /// The scenario.
    pub scenario: Scenario,
    /// Points as `x,y` pairs in a 1000 × 1000 box (y up is 0), for an SVG polyline.
    pub points: String,
    /// Where the scenario runs out (largest count that fits), and its x and y position on the line.
    pub runs_out: Option<(u64, u32, u32)>,
}

/// The growth chart: share of usable IPv4 used (y, 0–100 %) as the task count grows (x).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Growth {
    /// Task count at the right edge.
    pub x_max: u64,
    /// One line per scenario that has a plan.
    pub series: Vec<Series>,
    /// x position of the desired task count.
    pub desired_x: u32,
    /// A cluster's chart: the service whose count grows, the others fixed (None: one service).
    pub service: Option<String>,
}

const SAMPLES: u64 = 48;

/// The growth chart for `i`'s four scenarios (two on Fargate, which has no trunking), up to a
/// little past the largest count that fits.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{chart::growth, Inputs};
/// let g = growth(&Inputs::default());
/// assert_eq!(g.series.len(), 4);
/// assert_eq!(g.series[0].runs_out.map(|r| r.0), Some(8181));
/// ```
pub fn growth(i: &Inputs) -> Growth {
    // Fargate has no instances, so no trunking scenarios.
    let fargate = i.launch == crate::calc::Launch::Fargate;
    let curves: Vec<(Scenario, Curve)> = Scenario::ALL
        .iter()
        .filter(|s| !(fargate && s.trunking()))
        .filter_map(|&s| Curve::new(&s.apply(i)).ok().map(|c| (s, c)))
        .collect();
    let maxes: Vec<Option<u64>> = curves.iter().map(|(_, c)| largest(c)).collect();
    let axis = Axis::new(&maxes, u64::from(i.tasks));
    let series = curves
        .iter()
        .zip(maxes)
        .map(|((s, c), max)| {
            let usable = c.usable();
            axis.series(*s, max, |n| height(u128::from(c.used(n)), usable))
        })
        .collect();
    Growth {
        x_max: axis.max,
        series,
        desired_x: axis.x(u64::from(i.tasks)),
        service: None,
    }
}

/// The growth chart of a cluster form `i` (several services, daemons, spare capacity…): the share
/// of usable IPv4 used at steady state as the first replica service's desired count grows, the
/// others fixed, each scenario planned as a whole cluster ([`crate::calc::cluster::steady`]); it
/// runs out at that service's largest count that fits ([`crate::calc::cluster::ServicePlan::max_fits`]).
/// None when no service has a desired count (daemons only).
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{chart::{cluster_growth, growth}, Inputs};
/// // A one-service form read as a cluster draws the same lines.
/// let (one, all) = (growth(&Inputs::default()), cluster_growth(&Inputs::default()).unwrap());
/// assert_eq!(all.series, one.series);
/// assert_eq!(all.service.as_deref(), Some("app"));
/// ```
pub fn cluster_growth(i: &Inputs) -> Option<Growth> {
    use crate::calc::cluster::{self, Cluster, Kind};
    let base = Cluster::from_inputs(i);
    let (x, desired) = base
        .services
        .iter()
        .enumerate()
        .find_map(|(n, s)| s.kind.desired().map(|d| (n, d)))?;
    let name = base.services.get(x).map(|s| s.name.clone());
    let fargate = !base.uses_instances();
    let plans: Vec<(Scenario, Cluster, cluster::ClusterPlan)> = Scenario::ALL
        .iter()
        .filter(|s| !(fargate && s.trunking()))
        .filter_map(|&s| {
            let c = Cluster::from_inputs(&s.apply(i));
            cluster::plan(&c).ok().map(|p| (s, c, p))
        })
        .collect();
    let maxes: Vec<Option<u64>> = plans
        .iter()
        .map(|(_, _, p)| p.services.get(x).and_then(|s| s.max_fits))
        .collect();
    let axis = Axis::new(&maxes, u64::from(desired));
    let series = plans
        .iter()
        .zip(maxes)
        .map(|((s, c, p), max)| {
            let usable = p.plan.totals.usable;
            // The share of usable IPv4 used with `n` tasks of the service; a count the plan
            // refuses is drawn full.
            axis.series(*s, max, |n| {
                let mut c = c.clone();
                if let Some(svc) = c.services.get_mut(x) {
                    svc.kind = Kind::Replica {
                        desired: u32::try_from(n).unwrap_or(u32::MAX),
                    };
                }
                let used = cluster::steady(&c).map_or(u128::MAX, |st| {
                    st.azs
                        .iter()
                        .flat_map(|a| a.subnets())
                        .fold(0u128, |a, s| a + u128::from(s.used()))
                });
                height(used, usable)
            })
        })
        .collect();
    Some(Growth {
        x_max: axis.max,
        series,
        desired_x: axis.x(u64::from(desired)),
        service: name,
    })
}

/// The chart's x axis: task counts from 0 to `max`, 10 % past the largest of the counts where a
/// scenario runs out and the desired count (at least 10).
struct Axis {
    max: u64,
}

impl Axis {
    fn new(runs_out: &[Option<u64>], desired: u64) -> Axis {
        let top = runs_out
            .iter()
            .flatten()
            .copied()
            .max()
            .unwrap_or(0)
            .max(desired)
            .max(10);
        Axis {
            max: top.saturating_add(top / 10),
        }
    }

    /// Where `n` tasks are across the 1000-wide box.
    fn x(&self, n: u64) -> u32 {
        (u128::from(n.min(self.max)) * 1000 / u128::from(self.max.max(1))) as u32
    }

    /// A scenario's line: `y(n)` at SAMPLES + 1 counts over the axis, and where it runs out.
    fn series(&self, scenario: Scenario, max: Option<u64>, y: impl Fn(u64) -> u32) -> Series {
        let points = (0..=SAMPLES)
            .map(|j| {
                let n = self.max * j / SAMPLES;
                format!("{},{}", self.x(n), y(n))
            })
            .collect::<Vec<_>>()
            .join(" ");
        Series {
            scenario,
            points,
            runs_out: max.map(|m| (m, self.x(m), y(m))),
        }
    }
}

/// The height of `used` of `usable` addresses in the 1000-high box (0 = full, 1000 = empty;
/// more than usable is full).
fn height(used: u128, usable: u64) -> u32 {
    let usable = usable.max(1);
    1000 - (used.min(u128::from(usable)) * 1000 / u128::from(usable)) as u32
}

/// Largest count that fits on this curve (binary search; IPv4-unlimited curves give None).
fn largest(c: &Curve) -> Option<u64> {
    if !c.fits(0) {
        return Some(0);
    }
    let mut hi = c.usable().saturating_add(1);
    while c.fits(hi) {
        if hi > 1 << 40 {
            return None;
        }
        hi = hi.saturating_mul(2);
    }
    let mut lo = 0u64;
    while lo < hi {
        let mid = lo + (hi - lo).div_ceil(2);
        if c.fits(mid) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    Some(lo)
}
