//! The EC2 instance catalogue: ENI limits and ECS task density per type, with provenance.
//!
//! Every type in the newest EC2 network limits (1,401 types, [`DATASET_VERSION`]) plus the 19 types
//! only the VPC CNI file knows, with two task figures per type and where each comes from:
//! - **tasks without trunking** = max ENIs − 1 (the primary ENI takes one slot);
//! - **tasks with trunking** = the 2023 ECS table's value where it lists the type with a plausible
//!   value ([`Origin::EcsTable`]); otherwise max ENIs + branch interfaces − 2 when the type is
//!   trunking-compatible and not on the ECS page's unsupported list ([`Origin::Derived`]); otherwise
//!   none ([`Origin::Unsupported`], with an [`UnsupportedReason`]).
//!
//! Where AWS's table disagrees with the rule or contradicts itself, the type carries a [`Note`]
//! naming the documented value. `data/README.md` has the sources, commits and every policy.
//!
//! The table itself is generated into `table.rs` by `tests/catalog_table.rs` from `data/*.csv` and
//! committed: nothing is parsed at start-up. It is sorted by family, then size, and looked up by
//! binary search. Names are one string of fixed-width, space-padded slots and the numbers are
//! packed into ten bytes per type: the table's data adds about 8.5 KB gzip to the app's `.wasm`,
//! the whole catalogue about 14 KB (`data/README.md`, "Size"). [`InstanceType`] values are built
//! on access.

#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

#[rustfmt::skip]
mod table;

use std::cmp::Ordering;
use std::fmt;

/// Version of the instance dataset (newest EC2 limits), carried in links and shown in the footer.
pub const DATASET_VERSION: &str = "2026-08";

/// Date of the ECS developer guide's trunking table the documented figures come from.
pub const ECS_TABLE_DATE: &str = "2023-04-18";

/// Where a task-density figure comes from (its origin; [`crate::calc::explain::Source`] is the
/// document that says so).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Origin {
    /// Taken as written from the ECS developer guide's trunking table (2023-04).
    EcsTable,
    /// Derived by AWS's own rule from the EC2 ENI limits (max ENIs − 1; max ENIs + branch − 2).
    Derived,
    /// No figure: ENI trunking is not supported for this type.
    Unsupported,
}

/// Hypervisor, as the EC2 limits file gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Hypervisor {
    /// AWS Nitro.
    Nitro,
    /// Xen (older generations).
    Xen,
    /// Not given: the limits file leaves it empty for bare metal, and the 19 types with no limits
    /// data have none.
    Unknown,
}

/// CPU architecture, derived by rule from the family name (see [`Arch::from_family`]). Its text
/// (`Display`, `FromStr`) is its usual name, `x86_64` or `arm64`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    strum::Display,
    strum::EnumString,
    strum::IntoStaticStr,
)]
#[strum(serialize_all = "lowercase")]
pub enum Arch {
    /// Intel or AMD.
    X86_64,
    /// AWS Graviton or Apple silicon.
    Arm64,
}

impl Arch {
    /// The architecture of an instance family, by rule (the data files carry no architecture).
    ///
    /// - `mac1` is `x86_64` (Intel); every other `mac*` family (`mac2`, `mac2-m2pro`, `mac-m4`, …) is
    ///   Apple silicon, so arm64.
    /// - `a1` (the first Graviton) is arm64.
    /// - Otherwise, after dropping any `-suffix` (`c7g-flex` → `c7g`), the name is class letters,
    ///   a generation number, then attribute letters. Graviton families have a `g` among the
    ///   attribute letters: `c6g`, `c7gn`, `m8g`, `t4g`, `x2gd`, `im4gn`, `is4gen`, `g5g`, `hpc7g`.
    ///   A leading class `g` (as in `g4dn`, `g6e`) does not count.
    /// - Everything else, including names that don't fit the pattern, is `x86_64`.
    ///
    /// Case-insensitive.
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::catalog::Arch;
    /// assert_eq!(Arch::from_family("m8g"), Arch::Arm64);
    /// assert_eq!(Arch::from_family("g4dn"), Arch::X86_64);
    /// assert_eq!(Arch::from_family("mac2-m2pro"), Arch::Arm64);
    /// ```
    #[must_use]
    pub fn from_family(family: &str) -> Arch {
        let f = family.trim();
        let starts = |p: &str| f.get(..p.len()).is_some_and(|s| s.eq_ignore_ascii_case(p));
        if f.eq_ignore_ascii_case("mac1") {
            return Arch::X86_64;
        }
        if starts("mac") || f.eq_ignore_ascii_case("a1") {
            return Arch::Arm64;
        }
        let base = f.split('-').next().unwrap_or("");
        let mut rest = base.bytes().skip_while(u8::is_ascii_alphabetic).peekable();
        if !rest.peek().is_some_and(u8::is_ascii_digit) {
            return Arch::X86_64;
        }
        if rest
            .skip_while(u8::is_ascii_digit)
            .any(|b| b.eq_ignore_ascii_case(&b'g'))
        {
            Arch::Arm64
        } else {
            Arch::X86_64
        }
    }

    /// The architecture's usual name: `x86_64` or `arm64`.
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::catalog::Arch;
    /// assert_eq!(Arch::Arm64.label(), "arm64");
    /// ```
    #[must_use]
    pub fn label(self) -> &'static str {
        self.into()
    }
}

/// Why ENI trunking is unavailable for a type (see [`unsupported_reason`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnsupportedReason {
    /// The ECS page lists the type, or its family, as not supported (even if EC2 marks it
    /// trunking-compatible).
    ListedByEcs,
    /// The EC2 limits mark the type as not trunking-compatible (the t family, Xen-based types, p3).
    NotTrunkingCompatible,
    /// The type is not in the current EC2 limits file, so trunking support can't be confirmed.
    NoLimitsData,
}

impl UnsupportedReason {
    /// A lowercase clause for the user, without a final period.
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::catalog::UnsupportedReason;
    /// assert!(UnsupportedReason::ListedByEcs.text().starts_with("the ECS documentation"));
    /// ```
    #[must_use]
    pub fn text(self) -> &'static str {
        match self {
            UnsupportedReason::ListedByEcs => {
                "the ECS documentation lists this type or its family as not supporting ENI trunking"
            }
            UnsupportedReason::NotTrunkingCompatible => {
                "EC2 marks this type as not trunking-compatible (as for the t family and Xen-based types)"
            }
            UnsupportedReason::NoLimitsData => {
                "this type is not in the current EC2 limits data, so trunking support can't be confirmed"
            }
        }
    }
}

/// One EC2 instance type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InstanceType {
    /// API name, e.g. `c5.large`.
    pub name: &'static str,
    /// Family, e.g. `c5`.
    pub family: &'static str,
    /// Size, e.g. `large`.
    pub size: &'static str,
    /// CPU architecture, by rule from the family (see [`Arch::from_family`]).
    pub arch: Arch,
    /// vCPUs; `None` where no source gives it.
    pub vcpus: Option<u32>,
    /// Memory in MiB; `None` where no source gives it.
    pub memory_mib: Option<u32>,
    /// Maximum ENIs over all network cards.
    pub max_enis: u32,
    /// IPv4 addresses per ENI; `None` for the types with no EC2 limits data.
    pub ipv4_per_eni: Option<u32>,
    /// Number of network cards; `None` for the types with no EC2 limits data.
    pub network_cards: Option<u32>,
    /// Branch interfaces (the EKS pod-ENI count) from the EC2 limits, used by the derivation
    /// rule; 0 for types that are not trunking-compatible, `None` with no EC2 limits data.
    pub branch_interfaces: Option<u32>,
    /// Hypervisor.
    pub hypervisor: Hypervisor,
    /// Bare metal.
    pub bare_metal: bool,
    /// Whether ECS supports ENI trunking on this type (then `tasks_with_trunking` is `Some`).
    pub trunking: bool,
    /// Tasks per instance without trunking (max ENIs − 1).
    pub tasks_without_trunking: u32,
    /// Origin of [`Self::tasks_without_trunking`]: `EcsTable` when the 2023 table gives the same
    /// number, else `Derived`.
    pub without_source: Origin,
    /// Tasks per instance with trunking; `None` when trunking is unsupported.
    pub tasks_with_trunking: Option<u32>,
    /// Origin of [`Self::tasks_with_trunking`].
    pub with_source: Origin,
    /// Why trunking is unavailable; `None` exactly when [`Self::trunking`] is true.
    pub trunking_unsupported: Option<UnsupportedReason>,
    /// Notes for the user (documented values that differ, anomalies handled).
    pub notes: &'static [Note],
}

/// A note on one type's figures: why a value differs from the ECS table, or how an anomaly was
/// handled. Every type whose figures differ from the 2023 ECS table carries exactly one of the
/// notes that name the documented value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Note {
    /// The table's "without" figure (13) predates EC2 raising the ENI count to 16.
    EniCountGrew,
    /// The table's "with" figure is −2 (i4i.large), a typo; the rule's figure is used.
    EcsTypoNegative,
    /// The table's "with" figure is 248 (i4i.16xlarge), out of line; the rule's figure is used.
    EcsOutlier248,
    /// The table's "with" figure is 498 (i4i.32xlarge, i4i.metal), out of line; the rule's is used.
    EcsOutlier498,
    /// The table's "with" figure is 242 (trn1n.32xlarge), above the rule's 198; 198 is used.
    EcsOutlier242,
    /// The table lists p3 with trunking, but EC2 now marks p3 not trunking-compatible.
    NoLongerTrunkingCompatible,
    /// The table has m5n rows, but the same page lists m5n as unsupported.
    TabledButListedM5n,
    /// The table has m5zn rows, but the same page lists m5zn as unsupported.
    TabledButListedM5zn,
    /// The table has an r5b.16xlarge row, but the same page lists r5b as unsupported.
    TabledButListedR5b,
    /// The table has an r5dn.16xlarge row, but the same page lists r5dn as unsupported.
    TabledButListedR5dn,
    /// The table has a c5a.8xlarge row, but the same page lists c5a.8xlarge as unsupported.
    TabledButListedC5a8xlarge,
    /// The table has a u-6tb1.56xlarge row, but the same page lists u-6tb1 as unsupported.
    TabledButListedU6tb1,
    /// No EC2 limits data; the table's "with" figure (12) is below "without" (14), which the rule
    /// can't produce, so no trunking figure is given.
    EcsImpossibleNoLimits,
    /// No EC2 limits data; the table's "with" figure (120) is used but can't be checked.
    EcsUncheckedNoLimits,
    /// No EC2 limits data: the ENI count comes from the VPC CNI file.
    NoLimitsData,
    /// A derived "with" figure above 120, the most the table gives any type (apart from anomalies).
    DerivedAboveTableMax,
}

impl Note {
    /// One sentence for the user.
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::catalog::{self, Note};
    /// let t = catalog::lookup("i4i.large")?;
    /// assert_eq!(t.notes, &[Note::EcsTypoNegative]);
    /// assert!(Note::EcsTypoNegative.text().contains("−2"));
    /// # Ok::<(), catalog::UnknownType>(())
    /// ```
    #[must_use]
    pub fn text(self) -> &'static str {
        match self {
            Note::EniCountGrew => {
                "AWS's 2023 ECS table gives 13 tasks without trunking, but EC2 now reports 16 ENIs for \
                 this type, so 15 (max ENIs − 1) is shown."
            }
            Note::EcsTypoNegative => {
                "AWS's 2023 ECS table gives −2 tasks with trunking, an obvious typo, so the figure \
                 shown is derived by AWS's rule from the current EC2 limits."
            }
            Note::EcsOutlier248 => {
                "AWS's 2023 ECS table gives 248 tasks with trunking, far out of line with the 120 it \
                 gives other types with 15 ENIs, so the figure shown is derived by AWS's rule."
            }
            Note::EcsOutlier498 => {
                "AWS's 2023 ECS table gives 498 tasks with trunking, far out of line with the 120 it \
                 gives other types with 15 ENIs, so the figure shown is derived by AWS's rule."
            }
            Note::EcsOutlier242 => {
                "AWS's 2023 ECS table gives 242 tasks with trunking, but AWS's own rule gives 198 \
                 from the same ENI limits, so the lower, derived 198 is shown."
            }
            Note::NoLongerTrunkingCompatible => {
                "AWS's 2023 ECS table gives p3.2xlarge, p3.8xlarge and p3.16xlarge 40, 60 and 120 \
                 tasks with trunking, but the current EC2 limits mark p3 (Xen) as not \
                 trunking-compatible, so no trunking figure is shown."
            }
            Note::TabledButListedM5n => {
                "AWS's 2023 ECS table gives m5n.large 10, m5n.xlarge 20, m5n.2xlarge 40, \
                 m5n.4xlarge to m5n.12xlarge 60 and m5n.16xlarge 120 tasks with trunking, but the \
                 same page lists the m5n family as not supported, so no trunking figure is shown."
            }
            Note::TabledButListedM5zn => {
                "AWS's 2023 ECS table gives m5zn.large 14, m5zn.xlarge 31, m5zn.2xlarge 64, \
                 m5zn.3xlarge 98 and m5zn.6xlarge 120 tasks with trunking, but the same page lists \
                 the m5zn family as not supported, so no trunking figure is shown."
            }
            Note::TabledButListedR5b => {
                "AWS's 2023 ECS table gives r5b.16xlarge 120 tasks with trunking, but the same page \
                 lists the r5b family as not supported, so no trunking figure is shown."
            }
            Note::TabledButListedR5dn => {
                "AWS's 2023 ECS table gives r5dn.16xlarge 120 tasks with trunking, but the same page \
                 lists the r5dn family as not supported, so no trunking figure is shown."
            }
            Note::TabledButListedC5a8xlarge => {
                "AWS's 2023 ECS table gives c5a.8xlarge 60 tasks with trunking, but the same page \
                 lists c5a.8xlarge as not supported, so no trunking figure is shown."
            }
            Note::TabledButListedU6tb1 => {
                "AWS's 2023 ECS table gives u-6tb1.56xlarge 12 tasks with trunking, but the same page \
                 lists the u-6tb1 family as not supported and EC2 marks it not trunking-compatible, \
                 so no trunking figure is shown."
            }
            Note::EcsImpossibleNoLimits => {
                "This type is not in the current EC2 limits, and AWS's 2023 ECS table gives it 12 \
                 tasks with trunking, fewer than the 14 without and impossible under AWS's rule for \
                 15 ENIs, so no trunking figure is shown."
            }
            Note::EcsUncheckedNoLimits => {
                "This type is not in the current EC2 limits: its ENI count comes from the VPC CNI \
                 file and its 120 tasks with trunking from AWS's 2023 ECS table alone, which no \
                 current data can check."
            }
            Note::NoLimitsData => {
                "This type is not in the current EC2 limits: its ENI count comes from the VPC CNI \
                 file, and its IPv4 addresses per ENI, network cards and trunking support are unknown."
            }
            Note::DerivedAboveTableMax => {
                "This derived figure is above 120, the most AWS's 2023 ECS table gives any type \
                 apart from its anomalies; AWS has not confirmed it."
            }
        }
    }
}

/// A caveat of ENI trunking, as data the UI can show next to the trunking switch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Caveat {
    /// A short title, e.g. "Linux only".
    pub title: &'static str,
    /// One or two sentences for the user.
    pub detail: &'static str,
    /// Where AWS says so (document and page, with its date).
    pub source: &'static str,
    /// The current AWS documentation page.
    pub url: &'static str,
}

const ECS_TRUNKING_URL: &str =
    "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/container-instance-eni.html";
const ECS_DG_2023: &str = "Amazon ECS Developer Guide, container-instance-eni.md (2023-04-18)";

static CAVEATS: [Caveat; 7] = [
    Caveat {
        title: "Opt in per Region",
        detail: "Turn on the awsvpcTrunking account setting (account default or the instance role) in \
                 each Region you use; account settings are per Region, and the ECS service-linked \
                 role must exist.",
        source: "Amazon ECS Developer Guide, container-instance-eni.md and ecs-account-settings.md \
                 (2023-04-18)",
        url: ECS_TRUNKING_URL,
    },
    Caveat {
        title: "Only instances launched after opting in",
        detail: "Only container instances launched after the opt-in get a trunk ENI and the higher \
                 task limit; existing instances never do, so drain and replace them.",
        source: ECS_DG_2023,
        url: ECS_TRUNKING_URL,
    },
    Caveat {
        title: "Linux only",
        detail: "Needs a Linux ECS-optimized AMI, or Amazon Linux with container agent 1.28.1 and \
                 ecs-init 1.28.1-2 or later; Windows container instances and Fargate are not \
                 supported.",
        source: ECS_DG_2023,
        url: ECS_TRUNKING_URL,
    },
    Caveat {
        title: "Not in shared subnets",
        detail: "Container instances in shared subnets are not supported: they fail to register.",
        source: ECS_DG_2023,
        url: ECS_TRUNKING_URL,
    },
    Caveat {
        title: "Resource-based IPv4 DNS off",
        detail: "Resource-based IPv4 (A record) DNS requests must be turned off on the instance.",
        source: ECS_DG_2023,
        url: ECS_TRUNKING_URL,
    },
    Caveat {
        title: "Tasks in the instance's VPC",
        detail: "Tasks must use awsvpc and the EC2 launch type and be in the same VPC as the \
                 container instance; otherwise they fail to start with an attribute error.",
        source: ECS_DG_2023,
        url: ECS_TRUNKING_URL,
    },
    Caveat {
        title: "Slower task start-up",
        detail: "Trunking does not change latency or bandwidth but increases task start-up time; \
                 AWS gives no figure, so check that auto scaling still behaves as expected.",
        source: "Amazon ECS Best Practices Guide, networking-networkmode-awsvpc.md (2023-02-02)",
        url: "https://docs.aws.amazon.com/AmazonECS/latest/bestpracticesguide/networking-networkmode-awsvpc.html",
    },
];

/// The caveats of ENI trunking (opt-in per Region, new instances only, Linux only, no shared
/// subnets, resource-based IPv4 DNS off, same VPC, slower start-up), in that order.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::catalog;
/// let caveats = catalog::trunking_caveats();
/// assert_eq!(caveats.len(), 7);
/// assert!(caveats[0].detail.contains("awsvpcTrunking"));
/// ```
#[must_use]
pub fn trunking_caveats() -> &'static [Caveat] {
    &CAVEATS
}

// Layout of the flags byte, column 9 of `table::ROWS` (tests/catalog_table.rs writes the same).
const HYPERVISOR_MASK: u8 = 0b11;
const BARE_METAL: u8 = 1 << 2;
const WITHOUT_FROM_ECS: u8 = 1 << 3;
const WITH_SHIFT: u8 = 4;
const WITH_ECS: u8 = 0;
const WITH_DERIVED: u8 = 1;
const WITH_LISTED: u8 = 2;
const WITH_NOT_COMPATIBLE: u8 = 3;
// 4: no limits data (any other value decodes the same way).
/// Column value meaning "unknown" or "none".
const NONE: u8 = u8::MAX;

/// Every row's name, family and size, decoded once from the table's families and sizes (the table
/// stores them apart: a quarter of the bytes of the names written out).
struct Names {
    /// Every name joined, leaked once so rows can hand out `&'static str`.
    text: &'static str,
    /// Row `i`: where its name starts and ends in `text`, and where its dot is.
    spans: Vec<(u32, u32, u32)>,
}

fn names() -> &'static Names {
    static NAMES: std::sync::OnceLock<Names> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        let sizes: Vec<&str> = table::SIZES.split(' ').collect();
        let mut text = String::with_capacity(table::LEN.saturating_mul(table::NAME_WIDTH));
        let mut spans = Vec::with_capacity(table::LEN);
        let mut row = 0;
        for (family, &rows) in table::FAMILIES.split(' ').zip(table::FAMILY_ROWS.iter()) {
            for _ in 0..rows {
                let size = table::SIZE_OF
                    .get(row)
                    .and_then(|&s| sizes.get(usize::from(s)))
                    .copied()
                    .unwrap_or("");
                let start = text.len();
                text.push_str(family);
                let dot = text.len();
                text.push('.');
                text.push_str(size);
                let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
                spans.push((at(start), at(dot), at(text.len())));
                row += 1;
            }
        }
        Names {
            text: Box::leak(text.into_boxed_str()),
            spans,
        }
    })
}

/// Row `i`'s name, family and size (empty strings past the end).
fn name_at(i: usize) -> (&'static str, &'static str, &'static str) {
    let n = names();
    let Some(&(start, dot, end)) = n.spans.get(i) else {
        return ("", "", "");
    };
    let [start, dot, end] = [start, dot, end].map(|x| usize::try_from(x).unwrap_or(usize::MAX));
    (
        n.text.get(start..end).unwrap_or(""),
        n.text.get(start..dot).unwrap_or(""),
        n.text.get(dot.saturating_add(1)..end).unwrap_or(""),
    )
}

/// Orders sizes from smallest to largest: nano, micro, small, medium, large, xlarge, 2xlarge …
/// 224xlarge, then metal, metal-12xl … metal-96xl. `None` for anything else.
fn size_rank(size: &str) -> Option<(u8, u32)> {
    fn number(s: &str) -> Option<u32> {
        if s.is_empty() || s.starts_with('0') {
            return None;
        }
        s.bytes().try_fold(0u32, |n, b| {
            b.is_ascii_digit()
                .then(|| n.checked_mul(10)?.checked_add(u32::from(b - b'0')))
                .flatten()
        })
    }
    const NAMED: [&str; 6] = ["nano", "micro", "small", "medium", "large", "xlarge"];
    if let Some(p) = NAMED.iter().position(|&n| n == size) {
        return Some((u8::try_from(p).ok()?, 0));
    }
    if let Some(n) = size.strip_suffix("xlarge") {
        return number(n).map(|n| (6, n));
    }
    if size == "metal" {
        return Some((7, 0));
    }
    let n = size.strip_prefix("metal-")?.strip_suffix("xl")?;
    number(n).map(|n| (7, n))
}

fn known(v: u8) -> Option<u32> {
    (v != NONE).then_some(u32::from(v))
}

fn entry(i: usize) -> InstanceType {
    let (name, family, size) = name_at(i);
    let [enis, ipv4, cards, branch, without, with, vcpu, memory, flags, notes] =
        table::ROWS.get(i).copied().unwrap_or([0; 10]);
    let status = flags >> WITH_SHIFT;
    let tasks_with_trunking = if status <= WITH_DERIVED {
        known(with)
    } else {
        None
    };
    let (with_source, trunking_unsupported) = match (status, tasks_with_trunking) {
        (WITH_ECS, Some(_)) => (Origin::EcsTable, None),
        (WITH_DERIVED, Some(_)) => (Origin::Derived, None),
        (WITH_LISTED, _) => (Origin::Unsupported, Some(UnsupportedReason::ListedByEcs)),
        (WITH_NOT_COMPATIBLE, _) => (
            Origin::Unsupported,
            Some(UnsupportedReason::NotTrunkingCompatible),
        ),
        _ => (Origin::Unsupported, Some(UnsupportedReason::NoLimitsData)),
    };
    InstanceType {
        name,
        family,
        size,
        arch: Arch::from_family(family),
        vcpus: table::VCPUS.get(usize::from(vcpu)).map(|&v| u32::from(v)),
        memory_mib: table::MEMORY_MIB.get(usize::from(memory)).copied(),
        max_enis: u32::from(enis),
        ipv4_per_eni: known(ipv4),
        network_cards: known(cards),
        branch_interfaces: known(branch),
        hypervisor: match flags & HYPERVISOR_MASK {
            0 => Hypervisor::Nitro,
            1 => Hypervisor::Xen,
            _ => Hypervisor::Unknown,
        },
        bare_metal: flags & BARE_METAL != 0,
        trunking: tasks_with_trunking.is_some(),
        tasks_without_trunking: u32::from(without),
        without_source: if flags & WITHOUT_FROM_ECS != 0 {
            Origin::EcsTable
        } else {
            Origin::Derived
        },
        tasks_with_trunking,
        with_source,
        trunking_unsupported,
        notes: table::NOTE_SETS
            .get(usize::from(notes))
            .copied()
            .unwrap_or(&[]),
    }
}

/// Every type in the catalogue, sorted by family (byte order), then size from smallest to largest:
/// `c5.large`, `c5.xlarge`, `c5.2xlarge` … `c5.24xlarge`, `c5.metal`, then `c5a.large` ….
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::catalog;
/// assert_eq!(catalog::all().len(), 1420);
/// assert!(catalog::all().any(|t| t.name == "c7i.large"));
/// ```
#[must_use]
pub fn all() -> impl ExactSizeIterator<Item = InstanceType> + Clone {
    (0..table::LEN).map(entry)
}

/// The distinct families, sorted, e.g. `["a1", "bmn-sf1", "c1", …]`.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::catalog;
/// let families = catalog::families();
/// assert!(families.contains(&"m6i"));
/// assert!(families.windows(2).all(|w| w[0] < w[1]));
/// ```
#[must_use]
pub fn families() -> Vec<&'static str> {
    // The table is sorted by family, so dropping repeats leaves the sorted distinct families.
    let mut out: Vec<&'static str> = all().map(|t| t.family).collect();
    out.dedup();
    out
}

/// Error for a name that is not in the catalogue. Holds the trimmed input, cut to 40 characters,
/// with control characters replaced by U+FFFD.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownType(pub String);

impl fmt::Display for UnknownType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            f.write_str("no instance type given")
        } else {
            write!(f, "unknown instance type \"{}\"", self.0)
        }
    }
}

impl std::error::Error for UnknownType {}

/// The longest name in the catalogue; longer input can't match.
const MAX_NAME_LEN: usize = table::NAME_WIDTH;

/// Binary search on the table's order: family (bytes), then size rank.
fn find(key: &str) -> Option<usize> {
    let (family, size) = key.split_once('.')?;
    let rank = size_rank(size)?;
    let (mut lo, mut hi) = (0, table::LEN);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        // Bytes, and the size's rank only within the family: this runs on every plan.
        let (name, f, s) = name_at(mid);
        match f
            .as_bytes()
            .cmp(family.as_bytes())
            .then_with(|| size_rank(s).cmp(&Some(rank)))
        {
            Ordering::Less => lo = mid + 1,
            Ordering::Greater => hi = mid,
            // Same family and rank: the name must also match exactly ("02xlarge" isn't "2xlarge").
            Ordering::Equal => return (name == key).then_some(mid),
        }
    }
    None
}

/// Looks a type up by name, case-insensitive and trimmed.
///
/// # Errors
/// [`UnknownType`] when no type has that name (including empty input).
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::catalog::{self, Origin};
/// let t = catalog::lookup(" C5.Large ")?;
/// assert_eq!((t.tasks_without_trunking, t.tasks_with_trunking), (2, Some(10)));
/// assert_eq!(t.with_source, Origin::EcsTable);
/// assert_eq!(
///     catalog::lookup("c5.larg").unwrap_err().to_string(),
///     "unknown instance type \"c5.larg\""
/// );
/// # Ok::<(), catalog::UnknownType>(())
/// ```
pub fn lookup(name: &str) -> Result<InstanceType, UnknownType> {
    let trimmed = name.trim();
    let unknown = || {
        let shown = trimmed
            .chars()
            .take(40)
            .map(|c| if c.is_control() { '\u{FFFD}' } else { c });
        UnknownType(shown.collect())
    };
    if trimmed.len() > MAX_NAME_LEN {
        return Err(unknown());
    }
    find(&trimmed.to_ascii_lowercase())
        .map(entry)
        .ok_or_else(unknown)
}

/// Type-ahead search for the instance picker, case-insensitive and trimmed, at most `limit`
/// results.
///
/// Ranking: the exact name; then the types of a family named exactly by the query (`m6i` lists
/// `m6i.*` before `m6id.*`); then names starting with the query; then names containing it.
/// Within each rank: by family, then from the smallest size to the largest (the order of [`all`]).
/// An empty query gives the first `limit` types of [`all`].
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::catalog;
/// let names: Vec<_> = catalog::search("m6i", 3).iter().map(|t| t.name).collect();
/// assert_eq!(names, ["m6i.large", "m6i.xlarge", "m6i.2xlarge"]);
/// assert!(catalog::search("no such type", 10).is_empty());
/// ```
#[must_use]
pub fn search(query: &str, limit: usize) -> Vec<InstanceType> {
    let q = query.trim();
    if limit == 0 || q.len() > MAX_NAME_LEN {
        return Vec::new();
    }
    if q.is_empty() {
        return all().take(limit).collect();
    }
    let q = q.to_ascii_lowercase();
    // The table is sorted by family then size, so each rank's bucket comes out in that order.
    let mut ranks: [Vec<InstanceType>; 4] = Default::default();
    for t in all() {
        let rank = if t.name == q {
            0
        } else if t.family == q {
            1
        } else if t.name.starts_with(q.as_str()) {
            2
        } else if t
            .name
            .as_bytes()
            .windows(q.len())
            .any(|w| w == q.as_bytes())
        {
            3
        } else {
            continue;
        };
        if let Some(bucket) = ranks.get_mut(rank) {
            bucket.push(t);
        }
    }
    ranks.into_iter().flatten().take(limit).collect()
}

/// Why ENI trunking is unavailable for `t`, as a lowercase clause (see [`UnsupportedReason::text`]);
/// `None` when trunking is supported.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::catalog;
/// let t3 = catalog::lookup("t3.medium")?;
/// assert!(catalog::unsupported_reason(&t3).is_some_and(|r| r.contains("not trunking-compatible")));
/// assert_eq!(catalog::unsupported_reason(&catalog::lookup("c5.large")?), None);
/// # Ok::<(), catalog::UnknownType>(())
/// ```
#[must_use]
pub fn unsupported_reason(t: &InstanceType) -> Option<&'static str> {
    t.trunking_unsupported.map(UnsupportedReason::text)
}

/// A per-type limit on `awsvpc` tasks that AWS documents apart from the ENI figures, and that
/// overrides them (with and without trunking): see [`awsvpc_limit`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AwsvpcLimit {
    /// The instance type, e.g. `p5.48xlarge`.
    pub instance: &'static str,
    /// Most `awsvpc` tasks an instance of this type runs.
    pub tasks: u32,
    /// What AWS says, in one sentence for the user.
    pub text: &'static str,
    /// The AWS page that says so.
    pub url: &'static str,
}

/// Every documented per-type `awsvpc` task limit, by name (sorted). The ENI figures of these
/// types (e.g. p5.48xlarge: 64 ENIs − 1 = 63, 182 with trunking) do not apply. `data/README.md`
/// ("Per-type awsvpc task limits") has AWS's words and where they are.
pub const AWSVPC_LIMITS: [AwsvpcLimit; 1] = [AwsvpcLimit {
    instance: "p5.48xlarge",
    tasks: 1,
    text: "AWS's awsvpc network mode page (ECS developer guide) says a p5.48xlarge runs only 1 \
           task in awsvpc mode, whatever its ENI count.",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking-awsvpc.html",
}];

/// The documented `awsvpc` task limit of `t`, if AWS names its type in [`AWSVPC_LIMITS`].
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::catalog;
/// let p5 = catalog::lookup("p5.48xlarge")?;
/// assert_eq!(catalog::awsvpc_limit(&p5).map(|l| l.tasks), Some(1));
/// assert_eq!(catalog::awsvpc_limit(&catalog::lookup("c5.large")?), None);
/// # Ok::<(), catalog::UnknownType>(())
/// ```
#[must_use]
pub fn awsvpc_limit(t: &InstanceType) -> Option<AwsvpcLimit> {
    AWSVPC_LIMITS.iter().find(|l| l.instance == t.name).copied()
}

/// The kind of accelerator an instance family carries (see [`accelerator`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Accelerator {
    /// GPUs: the `p`, `g` and `gr` classes (`p5`, `g6e`, `gr6`, `p6-b200`).
    Gpu,
    /// AWS Inferentia: the `inf` class (`inf1`, `inf2`).
    Inferentia,
    /// AWS Trainium: the `trn` class (`trn1`, `trn1n`, `trn2`).
    Trainium,
    /// Other accelerators: Gaudi and Qualcomm AI 100 (`dl1`, `dl2q`), FPGAs (`f1`, `f2`),
    /// video transcoding (`vt1`).
    Other,
}

impl Accelerator {
    /// A lowercase name: `GPU`, `Inferentia`, `Trainium` or `accelerator`.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Accelerator::Gpu => "GPU",
            Accelerator::Inferentia => "Inferentia",
            Accelerator::Trainium => "Trainium",
            Accelerator::Other => "accelerator",
        }
    }
}

/// The accelerator of an instance family, by rule from its name (the data files carry none):
/// the family's class is its leading letters (`g4dn` → `g`, `inf2` → `inf`, `p6-b200` → `p`,
/// `hpc7g` → `hpc`); AWS's accelerated computing classes are `p`, `g`, `gr` (GPU), `inf`
/// (Inferentia), `trn` (Trainium), `dl`, `f` and `vt` (other accelerators). Every other class,
/// including Graviton families with a `g` after the generation (`c7g`, `m8g`), has none.
/// Case-insensitive.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::catalog::{accelerator, Accelerator};
/// assert_eq!(accelerator("p5"), Some(Accelerator::Gpu));
/// assert_eq!(accelerator("trn1n"), Some(Accelerator::Trainium));
/// assert_eq!(accelerator("inf2"), Some(Accelerator::Inferentia));
/// assert_eq!(accelerator("c7g"), None);
/// assert_eq!(accelerator("hpc7g"), None);
/// ```
#[must_use]
pub fn accelerator(family: &str) -> Option<Accelerator> {
    let f = family.trim();
    let class_len = f.bytes().take_while(u8::is_ascii_alphabetic).count();
    let class = f.get(..class_len)?.to_ascii_lowercase();
    match class.as_str() {
        "p" | "g" | "gr" => Some(Accelerator::Gpu),
        "inf" => Some(Accelerator::Inferentia),
        "trn" => Some(Accelerator::Trainium),
        "dl" | "f" | "vt" => Some(Accelerator::Other),
        _ => None,
    }
}
