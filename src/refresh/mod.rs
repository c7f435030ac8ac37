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

#![warn(missing_docs)]

pub mod error;
pub mod golimits;
pub mod markdown;
pub mod records;
mod sources;

pub use error::Error;
pub use sources::git_blob_id;

use records::{
    cells, keyed, read, read_keyed, write, CarriedRow, DerivedRow, EcsTableRow, LimitsRow,
    LimitsSource, Listed, Record, SizesRow, SourceRow, UnsupportedRow,
};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

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

/// The highest "with trunking" figure the ECS table gives outside its anomalies
/// (`Note::DerivedAboveTableMax`); derived figures above it are flagged in the report.
const TABLE_MAX_WITH: u64 = 120;

/// Which upstream file an input is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// `limits.go` / `zz_generated.vpclimits.go`.
    Limits,
    /// Karpenter's `instance-types.md`.
    Sizes,
    /// The ECS developer guide's `container-instance-eni.md`.
    Ecs,
}

impl Kind {
    /// The key used in `data/sources.csv` and on the command line (`limits`, `sizes`, `ecs`).
    pub fn key(self) -> &'static str {
        match self {
            Kind::Limits => "limits",
            Kind::Sizes => "sizes",
            Kind::Ecs => "ecs",
        }
    }

    /// The kind for a command-line key.
    pub fn from_key(key: &str) -> Option<Kind> {
        [Kind::Limits, Kind::Sizes, Kind::Ecs]
            .into_iter()
            .find(|k| k.key() == key)
    }

    /// The kind of an upstream file, by its name: `*.go`, `instance-types.md`,
    /// `container-instance-eni.md`.
    pub fn from_file_name(name: &str) -> Option<Kind> {
        let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
        if base.ends_with(".go") {
            Some(Kind::Limits)
        } else if base == "instance-types.md" {
            Some(Kind::Sizes)
        } else if base == "container-instance-eni.md" {
            Some(Kind::Ecs)
        } else {
            None
        }
    }
}

/// One upstream file given to the refresh.
#[derive(Debug, Clone, Default)]
pub struct Upstream {
    /// The file as the user named it (used in errors and the report).
    pub file: String,
    /// Its contents.
    pub text: String,
    /// Identity overrides; required (commit and date) when the file is not the one
    /// `data/sources.csv` records.
    pub identity: Overrides,
}

/// Source identity given on the command line (`--commit limits=SHA` and so on).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    /// `owner/name` on GitHub.
    pub repository: Option<String>,
    /// Path inside the repository.
    pub path: Option<String>,
    /// Commit the file was taken from.
    pub commit: Option<String>,
    /// Date of that commit (`YYYY-MM-DD`).
    pub date: Option<String>,
}

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

/// An input's identity, one row of `data/sources.csv`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Identity {
    repository: String,
    path: String,
    commit: String,
    date: String,
    generated_at: String,
    git_blob: String,
}

impl Identity {
    fn row(&self, kind: Kind) -> SourceRow {
        SourceRow {
            input: kind.key().to_owned(),
            repository: self.repository.clone(),
            path: self.path.clone(),
            commit: self.commit.clone(),
            date: self.date.clone(),
            generated_at: self.generated_at.clone(),
            git_blob: self.git_blob.clone(),
        }
    }
    /// `owner/name@commit:path`, as `data/carried-over.csv` writes a source.
    fn source(&self) -> String {
        format!("{}@{}:{}", self.repository, self.commit, self.path)
    }
}

fn family(name: &str) -> &str {
    name.split_once('.').map_or(name, |(f, _)| f)
}

/// The dataset version after a refresh that changed values: the `YYYY-MM` of the limits file's
/// "generated at" time when that differs from the current version's month, else the current
/// month with a counter (`2026-08` → `2026-08.2` → `2026-08.3`). Never equal to `current`.
///
/// ```
/// use awsvpc_planner::refresh::next_dataset_version;
/// assert_eq!(next_dataset_version("2026-08", Some("2026-10-01T00:00:00Z")), "2026-10");
/// assert_eq!(next_dataset_version("2026-08", Some("2026-08-30T00:00:00Z")), "2026-08.2");
/// assert_eq!(next_dataset_version("2026-08.2", None), "2026-08.3");
/// ```
pub fn next_dataset_version(current: &str, generated_at: Option<&str>) -> String {
    let (base, n) = match current.rsplit_once('.') {
        Some((base, n)) => match n.parse::<u32>() {
            Ok(n) => (base, n),
            Err(_) => (current, 1),
        },
        None => (current, 1),
    };
    let month = generated_at.and_then(|g| g.get(..7)).filter(|m| {
        m.len() == 7
            && m.bytes().enumerate().all(|(i, c)| {
                if i == 4 {
                    c == b'-'
                } else {
                    c.is_ascii_digit()
                }
            })
    });
    match month {
        Some(m) if m != base && m > base => m.to_owned(),
        _ => format!("{base}.{}", n.saturating_add(1)),
    }
}

/// Replaces the string value of `pub const NAME: &str = "…";` in `text`.
fn set_const(text: &str, name: &str, value: &str) -> Result<String, Error> {
    let prefix = format!("pub const {name}: &str = \"");
    let mut found = false;
    let mut out = String::with_capacity(text.len());
    for l in text.split_inclusive('\n') {
        if let Some(rest) = l.strip_prefix(&prefix) {
            if let Some(end) = rest.find("\";") {
                found = true;
                out.push_str(&prefix);
                out.push_str(value);
                out.push_str(rest.get(end..).unwrap_or(""));
                continue;
            }
        }
        out.push_str(l);
    }
    if found {
        Ok(out)
    } else {
        Err(Error::new(CATALOG_RS, 0, format!("no line `{prefix}…\";`")))
    }
}

fn get_const(text: &str, name: &str) -> Result<String, Error> {
    let prefix = format!("pub const {name}: &str = \"");
    text.lines()
        .find_map(|l| {
            l.strip_prefix(&prefix)
                .and_then(|r| r.split_once("\";"))
                .map(|(v, _)| v.to_owned())
        })
        .ok_or_else(|| Error::new(CATALOG_RS, 0, format!("no line `{prefix}…\";`")))
}

/// Everything parsed from the current files.
struct Current {
    limits: BTreeMap<String, LimitsRow>,
    sizes: BTreeMap<String, SizesRow>,
    derived: BTreeMap<String, DerivedRow>,
    ecs: Vec<EcsTableRow>,
    unsupported: Vec<UnsupportedRow>,
    sources: BTreeMap<Kind, Identity>,
    carried: BTreeMap<(String, String, String), String>,
    version: String,
    ecs_date: String,
}

fn read_current(files: &BTreeMap<&str, String>) -> Result<Current, Error> {
    let text = |f: &str| -> Result<&str, Error> {
        files
            .get(f)
            .map(String::as_str)
            .ok_or_else(|| Error::new(f, 0, "missing"))
    };
    let limits = read_keyed::<LimitsRow>(text(LIMITS_CSV)?)?;
    let sizes = read_keyed::<SizesRow>(text(SIZES_CSV)?)?;
    let derived = read_keyed::<DerivedRow>(text(DERIVED_CSV)?)?;
    // The ECS table keeps the page's order; a type may still be on one row only.
    let ecs_rows = read::<EcsTableRow>(text(ECS_CSV)?)?;
    let ecs = ecs_rows.iter().map(|(_, r)| r.clone()).collect();
    keyed(ecs_rows)?;
    let unsupported = read::<UnsupportedRow>(text(UNSUPPORTED_CSV)?)?
        .into_iter()
        .map(|(_, r)| r)
        .collect();
    let mut sources = BTreeMap::new();
    for (line, r) in read::<SourceRow>(text(SOURCES_CSV)?)? {
        let kind = Kind::from_key(&r.input).ok_or_else(|| {
            Error::new(
                SOURCES_CSV,
                line,
                format!("unknown input {:?} (limits, sizes, ecs)", r.input),
            )
        })?;
        let id = Identity {
            repository: r.repository,
            path: r.path,
            commit: r.commit,
            date: r.date,
            generated_at: r.generated_at,
            git_blob: r.git_blob,
        };
        if sources.insert(kind, id).is_some() {
            return Err(Error::new(SOURCES_CSV, line, "a second row for this input"));
        }
    }
    let mut carried = BTreeMap::new();
    if let Some(t) = files.get(CARRIED_CSV) {
        for (_, r) in read::<CarriedRow>(t)? {
            carried.insert((r.file, r.instance_type, r.columns), r.source);
        }
    }
    let catalog = text(CATALOG_RS)?;
    Ok(Current {
        limits,
        sizes,
        derived,
        ecs,
        unsupported,
        sources,
        carried,
        version: get_const(catalog, "DATASET_VERSION")?,
        ecs_date: get_const(catalog, "ECS_TABLE_DATE")?,
    })
}

/// The identity of a given input: the recorded one when it is the same file (same Git blob),
/// else the command line's, which must then name the commit and date.
fn identity(
    kind: Kind,
    up: &Upstream,
    old: Option<&Identity>,
    generated_at: Option<&str>,
) -> Result<Identity, Error> {
    let blob = git_blob_id(up.text.as_bytes());
    let same = old.is_some_and(|o| o.git_blob == blob);
    let o = &up.identity;
    let base = old.cloned().unwrap_or_default();
    let pick = |given: &Option<String>, recorded: &str| {
        given.clone().unwrap_or_else(|| recorded.to_owned())
    };
    let id = Identity {
        repository: pick(&o.repository, &base.repository),
        path: pick(&o.path, &base.path),
        commit: pick(&o.commit, if same { &base.commit } else { "" }),
        date: pick(&o.date, if same { &base.date } else { "" }),
        generated_at: generated_at.unwrap_or("").to_owned(),
        git_blob: blob.clone(),
    };
    let bad = |s: &str| s.is_empty() || s.contains([',', '"', '\n']);
    if bad(&id.commit) || bad(&id.date) || bad(&id.repository) || bad(&id.path) {
        let key = kind.key();
        return Err(Error::new(
            &up.file,
            0,
            format!(
                "not the file {SOURCES_CSV} records for {key:?} (its git blob is {blob}): name where it comes from with \
                 --commit {key}=SHA --date {key}=YYYY-MM-DD (and --repo/--path if they changed; no commas)"
            ),
        ));
    }
    Ok(id)
}

/// Friendly names of the columns in the report.
fn label(column: &str) -> &str {
    match column {
        "max_enis" => "ENIs",
        "ipv4_per_eni" => "IPv4 per ENI",
        "trunking_compatible" => "trunking",
        "branch_interfaces" => "branch",
        "bare_metal" => "bare metal",
        "network_cards" => "cards",
        "memory_mib" => "memory MiB",
        "tasks_without_trunking" => "without",
        "tasks_with_trunking" => "with",
        "limits_source" => "limits from",
        "ecs_doc_tasks_without_trunking" => "ECS without",
        "ecs_doc_tasks_with_trunking" => "ECS with",
        "ecs_doc_lists_as_unsupported" => "ECS lists unsupported",
        "karpenter_commit" => "commit",
        c => c,
    }
}

fn shown(v: &str) -> &str {
    if v.is_empty() {
        "(empty)"
    } else {
        v
    }
}

/// The report's lines for one file's rows: added and removed types, then each changed row.
fn report_rows(report: &mut String, diff: &RowDiff) {
    if !diff.added.is_empty() {
        let _ = writeln!(report, "  added: {}", diff.added.join(", "));
    }
    if !diff.removed.is_empty() {
        let _ = writeln!(report, "  removed: {}", diff.removed.join(", "));
    }
    for c in &diff.changed {
        let _ = writeln!(report, "  {c}");
    }
}

/// The changes between two versions of a table keyed by type.
#[derive(Debug, Default)]
struct RowDiff {
    /// Types only in the new table.
    added: Vec<String>,
    /// Types only in the old table.
    removed: Vec<String>,
    /// One line per changed row: `type: column old → new, …`.
    changed: Vec<String>,
}

impl RowDiff {
    fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// Field-by-field changes between two keyed tables, leaving out the `skip` columns.
fn diff_rows<R: Record + PartialEq>(
    old: &BTreeMap<String, R>,
    new: &BTreeMap<String, R>,
    skip: &[&str],
) -> Result<RowDiff, Error> {
    let added = new
        .keys()
        .filter(|k| !old.contains_key(*k))
        .cloned()
        .collect();
    let removed = old
        .keys()
        .filter(|k| !new.contains_key(*k))
        .cloned()
        .collect();
    let mut changed = Vec::new();
    for (k, n) in new {
        let Some(o) = old.get(k).filter(|o| *o != n) else {
            continue;
        };
        let (o, n) = (cells(o)?, cells(n)?);
        let cell = |row: &[String], i: usize| row.get(i).cloned().unwrap_or_default();
        let parts: Vec<String> = R::HEADER
            .iter()
            .enumerate()
            .skip(1)
            .filter(|(_, c)| !skip.contains(c))
            .filter(|(i, _)| cell(&o, *i) != cell(&n, *i))
            .map(|(i, c)| {
                format!(
                    "{} {} → {}",
                    label(c),
                    shown(&cell(&o, i)),
                    shown(&cell(&n, i))
                )
            })
            .collect();
        if !parts.is_empty() {
            changed.push(format!("{k}: {}", parts.join(", ")));
        }
    }
    Ok(RowDiff {
        added,
        removed,
        changed,
    })
}

/// Whether the ECS table documents the figure the rules give.
fn documented(doc: Option<i64>, derived: Option<u64>) -> bool {
    matches!((doc, derived), (Some(d), Some(w)) if u64::try_from(d) == Ok(w))
}

/// How the catalogue labels a type's two figures, read from a derived row (data/README.md,
/// "Rules"): documented (*ECS table*) or derived, and why there is no "with" figure.
fn classification(row: &DerivedRow) -> String {
    let doc_without = row.ecs_doc_tasks_without_trunking.map(i64::from);
    let (doc_with, with) = (row.ecs_doc_tasks_with_trunking, row.tasks_with_trunking);
    let vpc_cni = row.limits_source == LimitsSource::VpcCni;
    let w = if documented(doc_without, Some(row.tasks_without_trunking)) {
        "without: ECS table"
    } else {
        "without: derived"
    };
    let t = if row.ecs_doc_lists_as_unsupported {
        "with: none (listed by ECS)"
    } else if documented(doc_with, with) {
        "with: ECS table"
    } else if vpc_cni && doc_with.is_some() {
        "with: ECS table, unchecked (no limits data)"
    } else if with.is_some() {
        "with: derived"
    } else if vpc_cni {
        "with: none (no limits data)"
    } else {
        "with: none (not trunking-compatible)"
    };
    format!("{w}; {t}")
}

/// The anomalies of the kinds `data/README.md` names, as (kind, type) pairs.
fn anomalies(
    limits: &BTreeMap<String, LimitsRow>,
    derived: &BTreeMap<String, DerivedRow>,
) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    let mut add = |kind: &str, name: &str| {
        out.insert((kind.to_owned(), name.to_owned()));
    };
    let signed = |v: u64| i64::try_from(v).ok();
    for (n, r) in derived {
        let (without, with) = (
            signed(r.tasks_without_trunking),
            r.tasks_with_trunking.and_then(signed),
        );
        let doc_without = r.ecs_doc_tasks_without_trunking.map(i64::from);
        let doc_with = r.ecs_doc_tasks_with_trunking;
        let listed = r.ecs_doc_lists_as_unsupported;
        let no_limits = r.limits_source == LimitsSource::VpcCni;
        if no_limits {
            add("no limits data (VPC CNI only)", n);
        }
        if doc_without.is_some() && no_limits {
            add("ECS row with no limits to check", n);
        }
        if let (Some(d), Some(w)) = (doc_without, without) {
            if d != w {
                add("ECS \"without\" differs from the rule (ENIs − 1)", n);
            }
        }
        if let Some(d) = doc_with {
            if listed {
                add("ECS row for a type the same page lists as unsupported", n);
            } else if d < 0 {
                add("ECS \"with\" is negative", n);
            } else if !no_limits {
                match with {
                    None => add("ECS \"with\" for a type not trunking-compatible", n),
                    Some(w) if d > w => add("ECS \"with\" above the rule", n),
                    Some(w) if d < w => add("ECS \"with\" below the rule", n),
                    Some(_) => {}
                }
            } else if doc_without.is_some_and(|dw| d < dw) {
                add(
                    "ECS \"with\" below \"without\" (impossible under the rule)",
                    n,
                );
            }
        }
        let derived_with = doc_with.is_none() || doc_with != with;
        if !listed && derived_with && with.is_some_and(|w| w > TABLE_MAX_WITH as i64) {
            add("derived \"with\" above 120 (not confirmed by AWS)", n);
        }
    }
    for (n, r) in limits {
        if r.vcpus.is_none() || r.memory_mib.is_none() {
            add("no vCPU/memory in any Karpenter file", n);
        }
    }
    out
}

/// Rebuilds the data files from the upstream files. `current` holds the text of every path in
/// [`FILES`] (`data/carried-over.csv` may be absent); `inputs` must include one limits and one
/// sizes file, and at most one of each kind. Returns an [`Error`] naming the file and line when
/// anything fails to parse; nothing is written by this function.
pub fn refresh(current: &BTreeMap<&str, String>, inputs: &[Upstream]) -> Result<Outcome, Error> {
    let cur = read_current(current)?;
    let mut by_kind: BTreeMap<Kind, &Upstream> = BTreeMap::new();
    for up in inputs {
        let kind = Kind::from_file_name(&up.file).ok_or_else(|| {
            Error::new(
                &up.file,
                0,
                "not an upstream file this refresh knows (*.go, instance-types.md, container-instance-eni.md)",
            )
        })?;
        if let Some(first) = by_kind.insert(kind, up) {
            return Err(Error::new(
                &up.file,
                0,
                format!("a second {} file (first: {})", kind.key(), first.file),
            ));
        }
    }
    let need = |k: Kind| {
        by_kind.get(&k).copied().ok_or_else(|| {
            Error::new(
                k.key(),
                0,
                format!(
                    "no {} file given",
                    match k {
                        Kind::Limits => "limits.go / zz_generated.vpclimits.go",
                        Kind::Sizes => "instance-types.md",
                        Kind::Ecs => "container-instance-eni.md",
                    }
                ),
            )
        })
    };
    let (limits_up, sizes_up) = (need(Kind::Limits)?, need(Kind::Sizes)?);
    let ecs_up = by_kind.get(&Kind::Ecs).copied();

    // Parse everything first: any error stops here.
    let go = golimits::parse(&limits_up.file, &limits_up.text)?;
    let karpenter = markdown::parse_karpenter(&sizes_up.file, &sizes_up.text)?;
    let ecs_page = ecs_up
        .map(|u| markdown::parse_ecs(&u.file, &u.text))
        .transpose()?;

    let mut sources = cur.sources.clone();
    let lim_id = identity(
        Kind::Limits,
        limits_up,
        cur.sources.get(&Kind::Limits),
        go.generated_at.as_deref(),
    )?;
    let size_id = identity(Kind::Sizes, sizes_up, cur.sources.get(&Kind::Sizes), None)?;
    sources.insert(Kind::Limits, lim_id.clone());
    sources.insert(Kind::Sizes, size_id.clone());
    if let Some(u) = ecs_up {
        let id = identity(Kind::Ecs, u, cur.sources.get(&Kind::Ecs), None)?;
        sources.insert(Kind::Ecs, id);
    }
    let old_source = |k: Kind| cur.sources.get(&k).cloned().unwrap_or_default();

    let mut report = String::new();
    let mut carried: BTreeMap<(String, String, String), String> = BTreeMap::new();
    let keep = |file: &str, name: &str, cols: &str, fallback: String| -> String {
        cur.carried
            .get(&(file.to_owned(), name.to_owned(), cols.to_owned()))
            .cloned()
            .unwrap_or(fallback)
    };
    let mut notes: Vec<String> = Vec::new();

    // ec2-sizes.csv: every Karpenter type with both figures; earlier rows for the rest.
    let mut sizes: BTreeMap<String, SizesRow> = BTreeMap::new();
    for t in &karpenter {
        match (t.vcpus, t.memory_mib) {
            (Some(vcpus), Some(memory_mib)) => {
                sizes.insert(
                    t.name.clone(),
                    SizesRow {
                        instance_type: t.name.clone(),
                        vcpus,
                        memory_mib,
                        karpenter_commit: size_id.commit.clone(),
                    },
                );
            }
            _ => notes.push(format!(
                "{}: {}:{} has no {}; {}",
                t.name,
                sizes_up.file,
                t.line,
                if t.vcpus.is_none() {
                    "instance-cpu"
                } else {
                    "instance-memory"
                },
                if cur.sizes.contains_key(&t.name) {
                    "kept its earlier values"
                } else {
                    "no vCPU/memory for it"
                }
            )),
        }
    }
    let size_cols = "vcpus memory_mib";
    let mut size_source: BTreeMap<String, String> = BTreeMap::new();
    for (n, r) in &cur.sizes {
        if sizes.contains_key(n) {
            continue;
        }
        sizes.insert(n.clone(), r.clone());
        let fallback = {
            let o = old_source(Kind::Sizes);
            format!("{}@{}:{}", o.repository, r.karpenter_commit, o.path)
        };
        let src = keep(SIZES_CSV, n, size_cols, fallback);
        size_source.insert(n.clone(), src.clone());
        carried.insert((SIZES_CSV.into(), n.clone(), size_cols.into()), src);
    }

    // ec2-network-limits.csv: every limits.go type; earlier rows for types it no longer has.
    let mut limits: BTreeMap<String, LimitsRow> = BTreeMap::new();
    let with_sizes = |name: &str, mut row: LimitsRow| -> LimitsRow {
        if let Some(s) = sizes.get(name) {
            row.vcpus = Some(s.vcpus);
            row.memory_mib = Some(s.memory_mib);
        }
        row
    };
    for t in &go.types {
        let row = LimitsRow {
            instance_type: t.name.clone(),
            max_enis: t.interfaces,
            ipv4_per_eni: t.ipv4_per_interface,
            trunking_compatible: t.trunking_compatible,
            branch_interfaces: t.branch_interfaces,
            hypervisor: t.hypervisor.clone(),
            bare_metal: t.bare_metal,
            network_cards: t.network_cards,
            vcpus: None,
            memory_mib: None,
        };
        limits.insert(t.name.clone(), with_sizes(&t.name, row));
    }
    let limit_cols = "max_enis ipv4_per_eni trunking_compatible branch_interfaces hypervisor bare_metal network_cards";
    let mut limit_source: BTreeMap<String, String> = BTreeMap::new();
    for (n, r) in &cur.limits {
        if limits.contains_key(n) {
            continue;
        }
        limits.insert(n.clone(), with_sizes(n, r.clone()));
        let src = keep(LIMITS_CSV, n, limit_cols, old_source(Kind::Limits).source());
        limit_source.insert(n.clone(), src.clone());
        carried.insert((LIMITS_CSV.into(), n.clone(), limit_cols.into()), src);
    }
    for n in limits.keys() {
        if let Some(src) = size_source.get(n) {
            carried.insert(
                (LIMITS_CSV.into(), n.clone(), size_cols.into()),
                src.clone(),
            );
        }
    }

    // The ECS table and unsupported list: from the page when given, else as they are.
    let (ecs_rows, unsupported) = match &ecs_page {
        Some(p) => (
            p.rows
                .iter()
                .map(|r| EcsTableRow {
                    instance_type: r.name.clone(),
                    tasks_without_trunking: r.without,
                    tasks_with_trunking: r.with,
                })
                .collect::<Vec<_>>(),
            p.unsupported_families
                .iter()
                .map(|f| (Listed::Family, f))
                .chain(p.unsupported_types.iter().map(|t| (Listed::Type, t)))
                .map(|(kind, name)| UnsupportedRow {
                    kind,
                    name: name.clone(),
                })
                .collect::<Vec<_>>(),
        ),
        None => (cur.ecs.clone(), cur.unsupported.clone()),
    };
    let ecs_map: BTreeMap<&str, &EcsTableRow> = ecs_rows
        .iter()
        .map(|r| (r.instance_type.as_str(), r))
        .collect();
    let listed = |kind: Listed| -> BTreeSet<&str> {
        unsupported
            .iter()
            .filter(|r| r.kind == kind)
            .map(|r| r.name.as_str())
            .collect()
    };
    let (listed_families, listed_types) = (listed(Listed::Family), listed(Listed::Type));
    // Brings a derived row's ECS columns up to date.
    let ecs_cols = |mut row: DerivedRow| -> DerivedRow {
        let n = row.instance_type.as_str();
        let e = ecs_map.get(n);
        row.ecs_doc_lists_as_unsupported =
            listed_types.contains(n) || listed_families.contains(family(n));
        row.ecs_doc_tasks_without_trunking = e.map(|r| r.tasks_without_trunking);
        row.ecs_doc_tasks_with_trunking = e.map(|r| r.tasks_with_trunking);
        row
    };

    // ecs-task-capacity-derived.csv: the rules on every limits row; earlier rows (the VPC CNI
    // types) keep their figures, with the ECS columns brought up to date.
    let mut derived: BTreeMap<String, DerivedRow> = BTreeMap::new();
    let derived_cols = "tasks_without_trunking tasks_with_trunking";
    for (n, r) in &limits {
        let enis = u64::from(r.max_enis);
        let row = DerivedRow {
            instance_type: n.clone(),
            tasks_without_trunking: enis.saturating_sub(1),
            tasks_with_trunking: r
                .trunking_compatible
                .then(|| (enis + u64::from(r.branch_interfaces)).saturating_sub(2)),
            limits_source: LimitsSource::LimitsGo,
            ecs_doc_tasks_without_trunking: None,
            ecs_doc_tasks_with_trunking: None,
            ecs_doc_lists_as_unsupported: false,
        };
        derived.insert(n.clone(), ecs_cols(row));
        if let Some(src) = limit_source.get(n) {
            carried.insert(
                (DERIVED_CSV.into(), n.clone(), derived_cols.into()),
                src.clone(),
            );
        }
    }
    let vpc_cols = "tasks_without_trunking tasks_with_trunking limits_source";
    for (n, r) in &cur.derived {
        if derived.contains_key(n) {
            continue;
        }
        derived.insert(n.clone(), ecs_cols(r.clone()));
        let src = keep(
            DERIVED_CSV,
            n,
            vpc_cols,
            format!("earlier {DERIVED_CSV} (source not recorded)"),
        );
        carried.insert((DERIVED_CSV.into(), n.clone(), vpc_cols.into()), src);
    }

    // Did any value change? (The commit column of ec2-sizes.csv is provenance, not a value.)
    let figures = |m: &BTreeMap<String, SizesRow>| -> BTreeMap<String, (u32, u32)> {
        m.iter()
            .map(|(k, r)| (k.clone(), (r.vcpus, r.memory_mib)))
            .collect()
    };
    // The page's row order is kept in the files but is not a value.
    fn set<T: Ord + Clone>(v: &[T]) -> BTreeSet<T> {
        v.iter().cloned().collect()
    }
    let values_changed = limits != cur.limits
        || derived != cur.derived
        || figures(&sizes) != figures(&cur.sizes)
        || set(&ecs_rows) != set(&cur.ecs)
        || set(&unsupported) != set(&cur.unsupported);
    let version = if values_changed {
        next_dataset_version(&cur.version, go.generated_at.as_deref())
    } else {
        cur.version.clone()
    };
    let ecs_date = sources
        .get(&Kind::Ecs)
        .map(|i| i.date.clone())
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| cur.ecs_date.clone());

    // The new files.
    let mut files: BTreeMap<&'static str, String> = BTreeMap::new();
    files.insert(LIMITS_CSV, write(limits.values())?);
    files.insert(SIZES_CSV, write(sizes.values())?);
    files.insert(DERIVED_CSV, write(derived.values())?);
    files.insert(ECS_CSV, write(&ecs_rows)?);
    files.insert(UNSUPPORTED_CSV, write(&unsupported)?);
    let source_rows: Vec<SourceRow> = sources.iter().map(|(k, id)| id.row(*k)).collect();
    files.insert(SOURCES_CSV, write(&source_rows)?);
    let carried_rows: Vec<CarriedRow> = carried
        .iter()
        .map(|((file, instance_type, columns), source)| CarriedRow {
            file: file.clone(),
            instance_type: instance_type.clone(),
            columns: columns.clone(),
            source: source.clone(),
        })
        .collect();
    files.insert(CARRIED_CSV, write(&carried_rows)?);
    let catalog = current.get(CATALOG_RS).cloned().unwrap_or_default();
    let catalog = set_const(&catalog, "DATASET_VERSION", &version)?;
    let catalog = set_const(&catalog, "ECS_TABLE_DATE", &ecs_date)?;
    files.insert(CATALOG_RS, catalog);
    let changed: Vec<&'static str> = files
        .iter()
        .filter(|(f, text)| current.get(**f) != Some(*text))
        .map(|(f, _)| *f)
        .collect();

    // The report.
    let _ = writeln!(report, "# Instance data refresh\n");
    let _ = writeln!(report, "Inputs:");
    for (k, id) in &sources {
        let given = by_kind
            .get(k)
            .map_or("(not given: kept)".to_owned(), |u| u.file.clone());
        let _ = writeln!(
            report,
            "- {}: {given}: {}@{} ({}){}{}",
            k.key(),
            id.repository,
            id.commit,
            id.date,
            if id.generated_at.is_empty() {
                String::new()
            } else {
                format!(", generated at {}", id.generated_at)
            },
            if cur.sources.get(k) == Some(id) {
                ", same as recorded"
            } else {
                ", NEW"
            }
        );
    }
    let _ = writeln!(report);
    let limits_diff = diff_rows(&cur.limits, &limits, &[])?;
    let sizes_diff = diff_rows(&cur.sizes, &sizes, &["karpenter_commit"])?;
    let derived_diff = diff_rows(&cur.derived, &derived, &[])?;
    let sections = [
        (LIMITS_CSV, limits.len(), limits_diff),
        (SIZES_CSV, sizes.len(), sizes_diff),
        (DERIVED_CSV, derived.len(), derived_diff),
    ];
    for (file, rows, diff) in sections {
        let n_carried = carried.keys().filter(|(f, _, _)| f == file).count();
        if diff.is_empty() {
            let _ = writeln!(
                report,
                "{file}: no change ({rows} rows; {n_carried} carried over)"
            );
        } else {
            let _ = writeln!(
                report,
                "{file}: {rows} rows ({} added, {} removed, {} changed; {n_carried} carried over)",
                diff.added.len(),
                diff.removed.len(),
                diff.changed.len()
            );
        }
        report_rows(&mut report, &diff);
        if file == SIZES_CSV {
            let recommitted = sizes
                .iter()
                .filter(|(k, r)| {
                    cur.sizes
                        .get(*k)
                        .is_some_and(|o| o.karpenter_commit != r.karpenter_commit)
                })
                .count();
            if recommitted > 0 {
                let _ = writeln!(
                    report,
                    "  {recommitted} rows now name commit {}",
                    size_id.commit
                );
            }
        }
    }
    let ecs_changed = ecs_rows != cur.ecs;
    let by_type = |rows: &[EcsTableRow]| -> BTreeMap<String, EcsTableRow> {
        rows.iter()
            .map(|r| (r.instance_type.clone(), r.clone()))
            .collect()
    };
    let diff = diff_rows(&by_type(&cur.ecs), &by_type(&ecs_rows), &[])?;
    if !ecs_changed {
        let _ = writeln!(
            report,
            "{ECS_CSV}: no change ({} rows{})",
            ecs_rows.len(),
            if ecs_up.is_none() {
                ", page not given"
            } else {
                ""
            }
        );
    } else {
        let _ = writeln!(
            report,
            "{ECS_CSV}: {} rows ({} added, {} removed, {} changed{})",
            ecs_rows.len(),
            diff.added.len(),
            diff.removed.len(),
            diff.changed.len(),
            if diff.is_empty() {
                "; order changed"
            } else {
                ""
            }
        );
        report_rows(&mut report, &diff);
    }
    if unsupported == cur.unsupported {
        let _ = writeln!(
            report,
            "{UNSUPPORTED_CSV}: no change ({} rows)",
            unsupported.len()
        );
    } else {
        let show = |v: &[UnsupportedRow]| -> BTreeSet<String> {
            v.iter()
                .map(|r| format!("{} {}", r.kind.key(), r.name))
                .collect()
        };
        let (o, n) = (show(&cur.unsupported), show(&unsupported));
        let _ = writeln!(report, "{UNSUPPORTED_CSV}: {} rows", unsupported.len());
        for a in n.difference(&o) {
            let _ = writeln!(report, "  added: {a}");
        }
        for r in o.difference(&n) {
            let _ = writeln!(report, "  removed: {r}");
        }
    }
    for note in &notes {
        let _ = writeln!(report, "note: {note}");
    }

    let _ = writeln!(
        report,
        "\nECS documented vs derived, classification changes:"
    );
    let mut any = false;
    for (n, r) in &derived {
        let new_c = classification(r);
        let old_c = cur.derived.get(n).map(classification);
        if old_c.as_deref() != Some(new_c.as_str()) {
            any = true;
            let _ = writeln!(
                report,
                "  {n}: {} → {new_c}",
                old_c.as_deref().unwrap_or("(new type)")
            );
        }
    }
    if !any {
        let _ = writeln!(report, "  none");
    }

    let _ = writeln!(report, "\nNew anomalies (kinds data/README.md names):");
    let (old_a, new_a) = (
        anomalies(&cur.limits, &cur.derived),
        anomalies(&limits, &derived),
    );
    let fresh: Vec<&(String, String)> = new_a.difference(&old_a).collect();
    let gone: Vec<&(String, String)> = old_a.difference(&new_a).collect();
    if fresh.is_empty() {
        let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
        for (k, _) in &new_a {
            *kinds.entry(k.as_str()).or_default() += 1;
        }
        let known: Vec<String> = kinds.iter().map(|(k, n)| format!("{n} {k}")).collect();
        let _ = writeln!(report, "  none; known: {}", known.join("; "));
    }
    for (k, n) in &fresh {
        let _ = writeln!(report, "  {n}: {k}");
    }
    for (k, n) in &gone {
        let _ = writeln!(report, "  resolved: {n}: {k}");
    }
    // Karpenter's arch label against the family rule the catalogue uses.
    let arch_off: Vec<String> = karpenter
        .iter()
        .filter_map(|t| {
            let label = match t.arch.as_deref()? {
                "amd64" => "x86_64",
                "arm64" => "arm64",
                other => other,
            };
            let rule = crate::calc::catalog::Arch::from_family(family(&t.name)).label();
            (label != rule).then(|| format!("{} ({label}, rule says {rule})", t.name))
        })
        .collect();
    let with_arch = karpenter.iter().filter(|t| t.arch.is_some()).count();
    if arch_off.is_empty() {
        let _ = writeln!(
            report,
            "  (the architecture rule Arch::from_family agrees with Karpenter's kubernetes.io/arch for all {with_arch} types that have it)"
        );
    } else {
        let _ = writeln!(
            report,
            "  the architecture rule Arch::from_family disagrees with Karpenter's kubernetes.io/arch: {}",
            arch_off.join(", ")
        );
    }

    let _ = writeln!(report, "\nCarried over (values not from these inputs):");
    let mut groups: BTreeMap<(&str, &str, &str), Vec<&str>> = BTreeMap::new();
    for ((f, n, c), s) in &carried {
        groups.entry((f, c, s)).or_default().push(n);
    }
    if groups.is_empty() {
        let _ = writeln!(report, "  none");
    }
    for ((f, c, s), names) in &groups {
        let _ = writeln!(report, "  {f} [{c}] from {s}: {}", names.join(", "));
    }
    let newly: Vec<String> = carried
        .keys()
        .filter(|k| !cur.carried.contains_key(*k))
        .map(|(f, n, _)| format!("{n} ({f})"))
        .collect();
    if !newly.is_empty() {
        let _ = writeln!(
            report,
            "  newly carried over (gone from, or incomplete in, the upstream file; earlier values kept): {}",
            newly.join(", ")
        );
    }

    let _ = writeln!(report);
    if values_changed {
        let _ = writeln!(
            report,
            "Dataset version: {} → {version} (links made with {} now get a notice)",
            cur.version, cur.version
        );
    } else {
        let _ = writeln!(report, "Dataset version: {version} (no value changed)");
    }
    if changed.is_empty() {
        let _ = writeln!(report, "Files: no change");
    } else {
        let _ = writeln!(report, "Files changed: {}", changed.join(", "));
    }

    Ok(Outcome {
        files,
        changed,
        values_changed,
        dataset_version: version,
        report,
    })
}
