//! The instance data refresh: rebuilds `data/*.csv` from AWS's own published files and says,
//! field by field, what changed (`scripts/refresh-data.sh`, binary `refresh-data`).
//!
//! Native only (never in the wasm builds). [`refresh`] is pure: it takes the current files as
//! text and the upstream files as text and returns the new files and a report, or an [`Error`]
//! naming the file and line; the binary writes the files only when every input parsed. Inputs:
//!
//! - [`Kind::Limits`]: `limits.go` / `zz_generated.vpclimits.go` ([`golimits`]);
//! - [`Kind::Sizes`]: Karpenter's `instance-types.md` ([`markdown::parse_karpenter`]);
//! - [`Kind::Ecs`] (optional): the ECS guide's `container-instance-eni.md` ([`markdown::parse_ecs`]).
//!
//! Nothing is lost silently: a type that leaves an upstream file keeps its row, and every row
//! holding values that did not come from this run's inputs is listed in `data/carried-over.csv`
//! with where they last came from. `data/sources.csv` records each input's repository, path,
//! commit, date, `generated at` line and Git blob id. When any value changes, the dataset version
//! that links carry (`DATASET_VERSION` in `src/calc/catalog/mod.rs`) is bumped
//! ([`next_dataset_version`]).
//!
//! One idea per file: [`records`] (the rows of each data file, read and written with the `csv`
//! crate), `dataset` (the data files as records, read, compared and written), `inputs` (which
//! upstream file is which, parsed first), `sources` (`data/sources.csv` and Git blob ids),
//! `merge` (the steps that build the new tables), `carried` (`data/carried-over.csv`),
//! `anomalies` (the catalogue's classification and anomaly kinds), `version` (the catalogue
//! module's constants), `report` (the report), [`golimits`] and [`markdown`] (the parsers).

#![warn(missing_docs)]

mod anomalies;
mod carried;
mod dataset;
pub mod error;
pub mod golimits;
mod inputs;
pub mod markdown;
mod merge;
pub mod records;
mod report;
mod sources;
mod version;

pub use error::Error;
pub use inputs::{Kind, Overrides, Upstream};
pub use sources::git_blob_id;
pub use version::next_dataset_version;

use dataset::Dataset;
use inputs::Given;
use merge::Merge;
use report::Report;
use std::collections::BTreeMap;
use version::Catalog;

/// `data/ec2-network-limits.csv`.
pub const LIMITS_CSV: &str = "data/ec2-network-limits.csv";
/// `data/ec2-sizes.csv`.
pub const SIZES_CSV: &str = "data/ec2-sizes.csv";
/// `data/ecs-task-capacity-derived.csv`.
pub const DERIVED_CSV: &str = "data/ecs-task-capacity-derived.csv";
/// `data/ecs-trunking.csv`.
pub const ECS_CSV: &str = "data/ecs-trunking.csv";
/// `data/ecs-trunking-unsupported.csv`.
pub const UNSUPPORTED_CSV: &str = "data/ecs-trunking-unsupported.csv";
/// `data/sources.csv`: one row per upstream input.
pub const SOURCES_CSV: &str = "data/sources.csv";
/// `data/carried-over.csv`: rows whose values came from older or other files.
pub const CARRIED_CSV: &str = "data/carried-over.csv";
/// The catalogue module whose `DATASET_VERSION` and `ECS_TABLE_DATE` the refresh updates.
pub const CATALOG_RS: &str = "src/calc/catalog/mod.rs";

/// Every file the refresh reads and may rewrite, relative to the project root.
pub const FILES: [&str; 8] = [
    LIMITS_CSV,
    SIZES_CSV,
    DERIVED_CSV,
    ECS_CSV,
    UNSUPPORTED_CSV,
    SOURCES_CSV,
    CARRIED_CSV,
    CATALOG_RS,
];

/// The result of a refresh: every file of [`FILES`] with its new contents, and the report.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// New contents, for every path in [`FILES`].
    pub files: BTreeMap<&'static str, String>,
    /// The files whose contents differ from the current ones.
    pub changed: Vec<&'static str>,
    /// Whether any value in the data files changed (which bumps the dataset version).
    pub values_changed: bool,
    /// The dataset version after the refresh.
    pub dataset_version: String,
    /// The human-readable diff report.
    pub report: String,
}

/// Rebuilds the data files from the upstream files. `current` holds the text of every path in
/// [`FILES`] (`data/carried-over.csv` may be absent); `inputs` must include one limits and one
/// sizes file, and at most one of each kind. Returns an [`Error`] naming the file and line when
/// anything fails to parse; nothing is written by this function.
///
/// The body is the procedure README's "Refreshing the instance data" describes, one named step
/// at a time: read, sort and parse, identify, merge, bump the version, write, report.
pub fn refresh(current: &BTreeMap<&str, String>, inputs: &[Upstream]) -> Result<Outcome, Error> {
    // 1. Read the current data and the catalogue's version.
    let old = Dataset::read(current)?;
    let catalog = Catalog::read(dataset::text(current, CATALOG_RS)?)?;
    // 2. Sort the inputs by kind and parse every one: any error stops here.
    let given = Given::sort(inputs)?;
    let parsed = given.parse()?;
    // 3. Record where each input came from (data/sources.csv).
    let generated_at = parsed.limits.generated_at.as_deref();
    let sources = sources::identify(&old.sources, &given, generated_at)?;
    // 4. Merge: sizes, limits, the ECS table, the derived table; earlier rows carried over.
    let mut merge = Merge::new(&old, &sources);
    let sizes = merge.sizes(&given.sizes.file, &parsed.karpenter);
    let limits = merge.limits(&parsed.limits, &sizes);
    let (ecs, unsupported) = merge.ecs_table(parsed.ecs.as_ref());
    let derived = merge.derived(&limits, &ecs, &unsupported);
    let Merge { carried, notes, .. } = merge;
    let new = Dataset {
        limits,
        sizes,
        derived,
        ecs,
        unsupported,
        sources,
        carried,
    };
    // 5. Bump the dataset version when any value changed; date the ECS table.
    let values_changed = new.values_differ(&old);
    let version = if values_changed {
        next_dataset_version(&catalog.version, generated_at)
    } else {
        catalog.version.clone()
    };
    let ecs_date = new
        .sources
        .get(&Kind::Ecs)
        .map(|id| id.date.as_str())
        .filter(|d| !d.is_empty())
        .unwrap_or(&catalog.ecs_date);
    // 6. Write the new files, and see which changed.
    let mut files = new.write()?;
    files.insert(CATALOG_RS, catalog.with(&version, ecs_date)?);
    let changed: Vec<&'static str> = files
        .iter()
        .filter(|(f, text)| current.get(**f) != Some(*text))
        .map(|(f, _)| *f)
        .collect();
    // 7. Report.
    let report = Report {
        given: &given,
        karpenter: &parsed.karpenter,
        old: &old,
        new: &new,
        notes: &notes,
        old_version: &catalog.version,
        version: &version,
        values_changed,
        changed: &changed,
    }
    .write()?;
    Ok(Outcome {
        files,
        changed,
        values_changed,
        dataset_version: version,
        report,
    })
}
