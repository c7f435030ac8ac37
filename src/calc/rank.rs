//! The ranking of every instance type for a plan's task size, count and subnets: tasks per
//! instance, the fleet's instances, vCPUs and addresses with and without trunking, whether it
//! fits, and the filters and orders of the page's table.

use crate::calc::catalog::{self, InstanceType};
use crate::calc::density::density;
use crate::calc::input::{Inputs, IpMode, Launch, MAX_AZS};
use crate::calc::plan::{spread, Model};
use crate::calc::validate::checked;
use serde::{Deserialize, Serialize};

/// Most types pinned side by side.
pub const MAX_PINNED: usize = 4;
/// Rows shown at first.
pub const PAGE: usize = 25;
/// Rows "Show more" adds.
pub const MORE: usize = 100;

/// How many rows to show after "Show more" when `shown` are shown.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::rank::{more, PAGE};
/// assert_eq!(more(PAGE), 125);
/// ```
pub fn more(shown: usize) -> usize {
    shown.saturating_add(MORE)
}

/// One row of the instance-type ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RankRow {
    /// The type.
    pub instance: InstanceType,
    /// Tasks per instance without trunking (None when a task does not fit).
    pub k_without: Option<u64>,
    /// Tasks per instance with trunking (None when unsupported or a task does not fit).
    pub k_with: Option<u64>,
    /// Instances needed without trunking.
    pub instances_without: Option<u64>,
    /// Instances needed with trunking.
    pub instances_with: Option<u64>,
    /// IPv4 used at steady state without trunking.
    pub ips_without: Option<u64>,
    /// IPv4 used at steady state with trunking.
    pub ips_with: Option<u64>,
    /// The fleet's vCPUs without trunking: instances × the type's vCPUs (None when the type's
    /// vCPUs are unknown or a task does not fit).
    pub vcpus_without: Option<u64>,
    /// The fleet's vCPUs with trunking.
    pub vcpus_with: Option<u64>,
    /// Whether the fleet without trunking fits every AZ's subnets at steady state (None when
    /// there is no such fleet, or the subnets cannot be laid out).
    pub fits_without: Option<bool>,
    /// Whether the fleet with trunking fits every AZ's subnets at steady state.
    pub fits_with: Option<bool>,
}

impl RankRow {
    /// The better of the two: fewest instances, then fewest addresses.
    pub fn best_instances(&self) -> Option<u64> {
        fewer(self.instances_without, self.instances_with)
    }
    /// The fleet the default order ranks by: the fewer vCPUs of the fleets that fit the address
    /// budget (of both when neither fits); None when the vCPUs are unknown or no task fits.
    pub fn best_vcpus(&self) -> Option<u64> {
        let (class, vcpus, _) = vcpu_key(self);
        (class < 2 && vcpus != u64::MAX).then_some(vcpus)
    }
    /// AWS's documented `awsvpc` task limit for the type, which its task figures already apply.
    pub fn aws_limit(&self) -> Option<catalog::AwsvpcLimit> {
        catalog::awsvpc_limit(&self.instance)
    }
}

/// The smaller of two counts where either may be missing.
fn fewer(a: Option<u64>, b: Option<u64>) -> Option<u64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Ranks every catalogue type for the task size, count, AZs and subnets in `i` (steady state),
/// with and without trunking, in the default order ([`RankSort::Vcpus`]): the smallest fleet in
/// total vCPUs whose addresses fit every AZ's subnets first, then fleets that do not fit, then
/// types whose vCPUs are unknown, then types a task does not fit on; ties by fewer addresses,
/// then catalogue order (family, size).
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{rank, Inputs};
/// let rows = rank(&Inputs::default());
/// assert!(rows.len() > 1000);
/// let c5 = rows.iter().find(|r| r.instance.name == "c5.large").unwrap();
/// assert_eq!((c5.instances_without, c5.instances_with), (Some(501), Some(102)));
/// assert_eq!((c5.vcpus_without, c5.vcpus_with), (Some(1_002), Some(204)));
/// // The default order is by the fleet's vCPUs among fleets that fit.
/// let v: Vec<u64> = rows.iter().take(50).map(|r| r.best_vcpus().unwrap()).collect();
/// assert!(v.windows(2).all(|w| w[0] <= w[1]));
/// ```
pub fn rank(i: &Inputs) -> Vec<RankRow> {
    rank_from(&densities(i), i)
}

/// Tasks per instance of every catalogue type, without and with trunking, for a task size: the
/// part of the ranking that depends only on the type and the task size (not on counts or
/// subnets), so the UI can keep it while the task count changes ([`Densities::matches`] says
/// whether it still applies).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Densities {
    rows: Vec<(InstanceType, Option<u64>, Option<u64>)>,
    /// (cpu, memory, reserve, registered percent) they were computed for.
    size: (Option<u32>, Option<u32>, u32, u32),
}

impl Densities {
    /// Whether these densities hold for `i`: the same task CPU, memory, memory reserve and
    /// registered share.
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::{densities, Inputs};
    /// let mut i = Inputs::default();
    /// let d = densities(&i);
    /// i.tasks = 7;
    /// assert!(d.matches(&i));
    /// i.memory_registered_percent = 90;
    /// assert!(!d.matches(&i));
    /// ```
    pub fn matches(&self, i: &Inputs) -> bool {
        self.size == size_of(i)
    }
}

fn size_of(i: &Inputs) -> (Option<u32>, Option<u32>, u32, u32) {
    (
        i.cpu,
        i.memory_mib,
        i.memory_reserve_mib,
        i.memory_registered_percent,
    )
}

/// The [`Densities`] for the task size, memory reserve and registered share in `i`.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{densities, rank, rank_from, Inputs};
/// let i = Inputs::default();
/// assert_eq!(rank_from(&densities(&i), &i), rank(&i));
/// ```
pub fn densities(i: &Inputs) -> Densities {
    let k = |t: &InstanceType, trunk: bool| {
        density(
            t,
            trunk,
            i.cpu,
            i.memory_mib,
            i.memory_reserve_mib,
            i.memory_registered_percent,
        )
        .ok()
        .map(|d| d.k)
    };
    Densities {
        rows: catalog::all()
            .map(|t| {
                let with = if t.tasks_with_trunking.is_some() {
                    k(&t, true)
                } else {
                    None
                };
                (t, k(&t, false), with)
            })
            .collect(),
        size: size_of(i),
    }
}

/// IPv4 per AZ the host and task subnets of `i` still hold (usable less what is already in
/// use), when they can be laid out.
fn budget(i: &Inputs) -> Option<(Vec<u64>, Vec<u64>)> {
    // The subnet checks alone: as Fargate with no task size, no type or size is checked.
    let probe = Inputs {
        launch: Launch::Fargate,
        cpu: None,
        memory_mib: None,
        ..i.clone()
    };
    let c = checked(&probe).ok()?;
    // What each AZ's subnets still hold: usable less what is already in use.
    Some((0..i.azs).map(|a| c.layout.room_at(a)).unzip())
}

/// The ranking for the counts and subnets in `i`, from densities computed for the same task size,
/// in the default order (see [`rank`]).
pub fn rank_from(d: &Densities, i: &Inputs) -> Vec<RankRow> {
    let n = u64::from(i.tasks);
    let per_az = spread(n, i.azs.clamp(1, MAX_AZS));
    let per_task = u64::from(i.ip_mode != IpMode::V6Only);
    // Other ENIs in every AZ, and what the listed subnets already use.
    let task_in_use: u64 = if i.secondary {
        i.task_in_use.iter().map(|&u| u64::from(u)).sum()
    } else {
        0
    };
    let other = i
        .other
        .addresses()
        .saturating_mul(u64::from(i.azs))
        .saturating_add(i.host_in_use.iter().map(|&u| u64::from(u)).sum())
        .saturating_add(task_in_use);
    let budget = budget(i);
    let fleet = |t: &InstanceType, k: u64, per_instance: u64| {
        let inst: u64 = per_az.iter().map(|&x| x.div_ceil(k.max(1))).sum();
        let ips = inst.saturating_mul(per_instance) + n.saturating_mul(per_task) + other;
        let vcpus = t.vcpus.map(|v| inst.saturating_mul(u64::from(v)));
        let fits = budget.as_ref().map(|(host, task)| {
            let m = Model {
                k: Some(k),
                per_instance,
                per_task,
                other: i.other.addresses(),
                secondary: i.secondary,
            };
            per_az.iter().enumerate().all(|(a, &x)| {
                m.fits(
                    x,
                    host.get(a).copied().unwrap_or(0),
                    task.get(a).copied().unwrap_or(0),
                )
            })
        });
        (inst, ips, vcpus, fits)
    };
    let mut rows: Vec<RankRow> = d
        .rows
        .iter()
        .map(|&(t, without, with)| {
            let a = without.map(|k| fleet(&t, k, 1));
            let b = with.map(|k| fleet(&t, k, 2));
            RankRow {
                instance: t,
                k_without: without,
                k_with: with,
                instances_without: a.map(|x| x.0),
                instances_with: b.map(|x| x.0),
                ips_without: a.map(|x| x.1),
                ips_with: b.map(|x| x.1),
                vcpus_without: a.and_then(|x| x.2),
                vcpus_with: b.and_then(|x| x.2),
                fits_without: a.and_then(|x| x.3),
                fits_with: b.and_then(|x| x.3),
            }
        })
        .collect();
    sort_rows(&mut rows, RankSort::Vcpus);
    rows
}

/// A column of the ranking to sort by.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Default,
    Serialize,
    Deserialize,
    strum::Display,
    strum::EnumString,
)]
pub enum RankSort {
    /// The default: the smallest fleet in total vCPUs (instances × vCPUs, the better of with and
    /// without trunking) whose addresses fit every AZ's subnets; fleets that do not fit, then
    /// types with unknown vCPUs, follow; ties by fewer addresses.
    #[default]
    #[strum(serialize = "vcpus")]
    Vcpus,
    /// Fewest instances (the better of with and without trunking), then fewest addresses.
    #[strum(serialize = "instances")]
    Instances,
    /// Most tasks per instance without trunking.
    #[strum(serialize = "without")]
    TasksWithout,
    /// Most tasks per instance with trunking.
    #[strum(serialize = "with")]
    TasksWith,
    /// Fewest addresses used.
    #[strum(serialize = "ips")]
    Addresses,
    /// Name.
    #[strum(serialize = "name")]
    Name,
}

/// Filters of the ranking. The link codes of a query are in [`crate::calc::share`]
/// ([`crate::calc::share::encode_query`]).
///
/// The default query keeps every type but the accelerated ones (with no task size, GPU types
/// with many branch interfaces would otherwise lead the default order), sorted by
/// [`RankSort::Vcpus`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RankQuery {
    /// Name or family prefix (case-insensitive); empty for all.
    pub family: String,
    /// Only this architecture.
    pub arch: Option<catalog::Arch>,
    /// Only types with (true) or without (false) trunking support.
    pub trunking: Option<bool>,
    /// Sort column.
    pub sort: RankSort,
    /// Leave out accelerated types (GPU, Inferentia, Trainium and other accelerators, by
    /// [`catalog::accelerator`]); on by default.
    pub exclude_accelerated: bool,
    /// Leave out bare-metal types.
    pub exclude_metal: bool,
}

impl Default for RankQuery {
    fn default() -> Self {
        RankQuery {
            family: String::new(),
            arch: None,
            trunking: None,
            sort: RankSort::default(),
            exclude_accelerated: true,
            exclude_metal: false,
        }
    }
}

/// The rows of `rows` that match `q`, sorted by its column (ties keep their order in `rows`).
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{rank, select, Inputs, RankQuery, RankSort};
/// let rows = rank(&Inputs::default());
/// let q = RankQuery { family: "c5".into(), trunking: Some(true), sort: RankSort::Name, ..Default::default() };
/// let got = select(&rows, &q);
/// assert_eq!(got[0].instance.name, "c5.12xlarge");
/// assert!(got.iter().all(|r| r.instance.name.starts_with("c5") && r.k_with.is_some()));
/// let q = RankQuery { exclude_metal: true, ..Default::default() };
/// assert!(select(&rows, &q).iter().all(|r| !r.instance.bare_metal && !r.instance.name.starts_with("p5")));
/// let all = RankQuery { exclude_accelerated: false, ..Default::default() };
/// assert_eq!(select(&rows, &all).len(), rows.len());
/// ```
pub fn select(rows: &[RankRow], q: &RankQuery) -> Vec<RankRow> {
    let family = q.family.trim().to_ascii_lowercase();
    let mut out: Vec<RankRow> = rows
        .iter()
        .filter(|r| {
            family.is_empty()
                || r.instance.name.starts_with(family.as_str())
                || r.instance.family.starts_with(family.as_str())
        })
        .filter(|r| q.arch.is_none_or(|a| r.instance.arch == a))
        .filter(|r| {
            q.trunking
                .is_none_or(|t| r.instance.tasks_with_trunking.is_some() == t)
        })
        .filter(|r| !q.exclude_accelerated || catalog::accelerator(r.instance.family).is_none())
        .filter(|r| !q.exclude_metal || !r.instance.bare_metal)
        .copied()
        .collect();
    if q.sort != RankSort::default() {
        sort_rows(&mut out, q.sort);
    }
    out
}

/// Sorts rows by a column. Numeric columns compute each key once and break ties by the rows'
/// current order (catalogue order: family, then size), so no names are compared.
pub(crate) fn sort_rows(rows: &mut [RankRow], sort: RankSort) {
    if sort == RankSort::Name {
        rows.sort_unstable_by(|a, b| a.instance.name.cmp(b.instance.name));
        return;
    }
    // Each row's key computed once; equal keys keep their order (catalogue order), and the rows
    // are permuted in place rather than copied into a second vector.
    rows.sort_by_cached_key(|r| rank_key(r, sort));
}

/// The default sort key: (0 when the fleet fits the address budget or the budget is unknown,
/// 1 when it does not, 2 when no task fits; total vCPUs, unknown last; addresses), the best of
/// the fleets without and with trunking. Smaller sorts first.
fn vcpu_key(r: &RankRow) -> (u64, u64, u64) {
    [
        (
            r.instances_without,
            r.vcpus_without,
            r.fits_without,
            r.ips_without,
        ),
        (r.instances_with, r.vcpus_with, r.fits_with, r.ips_with),
    ]
    .iter()
    .filter(|o| o.0.is_some())
    .map(|&(_, vcpus, fits, ips)| {
        (
            u64::from(fits == Some(false)),
            vcpus.unwrap_or(u64::MAX),
            ips.unwrap_or(u64::MAX),
        )
    })
    .min()
    .unwrap_or((2, u64::MAX, u64::MAX))
}

/// The "fewest instances" sort key: the better of the two instance counts, then the addresses
/// used with trunking (else without). Smaller sorts first; "does not fit" sorts last.
fn fewest_instances_key(r: &RankRow) -> (u64, u64, u64) {
    (
        fewer(r.instances_without, r.instances_with).unwrap_or(u64::MAX),
        r.ips_with.or(r.ips_without).unwrap_or(u64::MAX),
        0,
    )
}

/// The sort key of a ranking row for a numeric column: smaller sorts first.
fn rank_key(r: &RankRow, sort: RankSort) -> (u64, u64, u64) {
    let most = |k: Option<u64>| u64::MAX - k.unwrap_or(0);
    let ips = r
        .ips_with
        .unwrap_or(u64::MAX)
        .min(r.ips_without.unwrap_or(u64::MAX));
    match sort {
        RankSort::Vcpus => vcpu_key(r),
        RankSort::Instances => fewest_instances_key(r),
        RankSort::TasksWithout => (most(r.k_without), 0, 0),
        RankSort::TasksWith => (most(r.k_with), 0, 0),
        RankSort::Addresses => (ips, 0, 0),
        RankSort::Name => (0, 0, 0),
    }
}
