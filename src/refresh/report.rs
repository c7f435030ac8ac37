//! The report a refresh prints (and the binary writes to `target/refresh-data-report.md`): the
//! inputs, each data file's added, removed and changed types field by field, the notes, the types
//! whose ECS-table vs derived classification changed, new and resolved anomalies, the
//! carried-over columns, the dataset version and the files changed.

use super::anomalies::{anomalies, arch_disagreements, classification};
use super::dataset::Dataset;
use super::error::Error;
use super::inputs::{Given, Kind};
use super::markdown::KarpenterType;
use super::records::{cells, DerivedRow, EcsTableRow, LimitsRow, Record, SizesRow, UnsupportedRow};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// What the report is about.
pub(super) struct Report<'a> {
    /// The files given.
    pub given: &'a Given<'a>,
    /// Karpenter's types as parsed (for the architecture check).
    pub karpenter: &'a [KarpenterType],
    /// The data before the refresh.
    pub old: &'a Dataset,
    /// The data after it.
    pub new: &'a Dataset,
    /// Notes from the merge.
    pub notes: &'a [String],
    /// The dataset version before the refresh.
    pub old_version: &'a str,
    /// The dataset version after it.
    pub version: &'a str,
    /// Whether any value changed.
    pub values_changed: bool,
    /// The files whose contents change.
    pub changed: &'a [&'static str],
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

/// A value as the report shows it: `(empty)` for an empty field.
fn shown(v: &str) -> &str {
    if v.is_empty() {
        "(empty)"
    } else {
        v
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
    /// Field-by-field changes from `old` to `new`, leaving out the `skip` columns.
    fn between<R: Record + PartialEq>(
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

    fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }

    /// The report's lines for the rows: added and removed types, then each changed row.
    fn write(&self, out: &mut String) {
        if !self.added.is_empty() {
            let _ = writeln!(out, "  added: {}", self.added.join(", "));
        }
        if !self.removed.is_empty() {
            let _ = writeln!(out, "  removed: {}", self.removed.join(", "));
        }
        for c in &self.changed {
            let _ = writeln!(out, "  {c}");
        }
    }
}

impl Report<'_> {
    /// The report's text.
    pub fn write(&self) -> Result<String, Error> {
        let mut out = String::new();
        self.inputs(&mut out);
        self.tables(&mut out)?;
        self.ecs_table(&mut out)?;
        self.unsupported(&mut out);
        for note in self.notes {
            let _ = writeln!(out, "note: {note}");
        }
        self.classifications(&mut out);
        self.anomalies(&mut out);
        self.carried_over(&mut out);
        self.version_and_files(&mut out);
        Ok(out)
    }

    /// Each input: the file given (or that it was kept), its identity, and whether that is new.
    fn inputs(&self, out: &mut String) {
        let _ = writeln!(out, "# Instance data refresh\n");
        let _ = writeln!(out, "Inputs:");
        for (k, id) in &self.new.sources {
            let given = self
                .given
                .get(*k)
                .map_or("(not given: kept)".to_owned(), |u| u.file.clone());
            let _ = writeln!(
                out,
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
                if self.old.sources.get(k) == Some(id) {
                    ", same as recorded"
                } else {
                    ", NEW"
                }
            );
        }
        let _ = writeln!(out);
    }

    /// The three tables keyed by type: counts, then the changes field by field.
    fn tables(&self, out: &mut String) -> Result<(), Error> {
        let (old, new) = (self.old, self.new);
        let sections = [
            (
                LimitsRow::FILE,
                new.limits.len(),
                RowDiff::between(&old.limits, &new.limits, &[])?,
            ),
            (
                SizesRow::FILE,
                new.sizes.len(),
                RowDiff::between(&old.sizes, &new.sizes, &["karpenter_commit"])?,
            ),
            (
                DerivedRow::FILE,
                new.derived.len(),
                RowDiff::between(&old.derived, &new.derived, &[])?,
            ),
        ];
        for (file, rows, diff) in sections {
            let carried = new.carried.iter().filter(|(f, ..)| *f == file).count();
            if diff.is_empty() {
                let _ = writeln!(
                    out,
                    "{file}: no change ({rows} rows; {carried} carried over)"
                );
            } else {
                let _ = writeln!(
                    out,
                    "{file}: {rows} rows ({} added, {} removed, {} changed; {carried} carried over)",
                    diff.added.len(),
                    diff.removed.len(),
                    diff.changed.len()
                );
            }
            diff.write(out);
            if file == SizesRow::FILE {
                self.recommitted(out);
            }
        }
        Ok(())
    }

    /// How many earlier sizes rows now name this run's Karpenter commit.
    fn recommitted(&self, out: &mut String) {
        let recommitted = self
            .new
            .sizes
            .iter()
            .filter(|(k, r)| {
                self.old
                    .sizes
                    .get(*k)
                    .is_some_and(|o| o.karpenter_commit != r.karpenter_commit)
            })
            .count();
        if recommitted > 0 {
            let commit = self
                .new
                .sources
                .get(&Kind::Sizes)
                .map_or("", |id| id.commit.as_str());
            let _ = writeln!(out, "  {recommitted} rows now name commit {commit}");
        }
    }

    /// `data/ecs-trunking.csv`: the changes by type, or that only the order changed.
    fn ecs_table(&self, out: &mut String) -> Result<(), Error> {
        let (old, new) = (&self.old.ecs, &self.new.ecs);
        let file = EcsTableRow::FILE;
        if old == new {
            let not_given = if self.given.ecs.is_none() {
                ", page not given"
            } else {
                ""
            };
            let _ = writeln!(out, "{file}: no change ({} rows{not_given})", new.len());
            return Ok(());
        }
        let by_type = |rows: &[EcsTableRow]| -> BTreeMap<String, EcsTableRow> {
            rows.iter()
                .map(|r| (r.instance_type.clone(), r.clone()))
                .collect()
        };
        let diff = RowDiff::between(&by_type(old), &by_type(new), &[])?;
        let _ = writeln!(
            out,
            "{file}: {} rows ({} added, {} removed, {} changed{})",
            new.len(),
            diff.added.len(),
            diff.removed.len(),
            diff.changed.len(),
            if diff.is_empty() {
                "; order changed"
            } else {
                ""
            }
        );
        diff.write(out);
        Ok(())
    }

    /// `data/ecs-trunking-unsupported.csv`: the families and types added and removed.
    fn unsupported(&self, out: &mut String) {
        let (old, new) = (&self.old.unsupported, &self.new.unsupported);
        let file = UnsupportedRow::FILE;
        if old == new {
            let _ = writeln!(out, "{file}: no change ({} rows)", new.len());
            return;
        }
        let show = |rows: &[UnsupportedRow]| -> BTreeSet<String> {
            rows.iter()
                .map(|r| format!("{} {}", r.kind.key(), r.name))
                .collect()
        };
        let (o, n) = (show(old), show(new));
        let _ = writeln!(out, "{file}: {} rows", new.len());
        for a in n.difference(&o) {
            let _ = writeln!(out, "  added: {a}");
        }
        for r in o.difference(&n) {
            let _ = writeln!(out, "  removed: {r}");
        }
    }

    /// The types whose ECS-table vs derived classification changed.
    fn classifications(&self, out: &mut String) {
        let _ = writeln!(out, "\nECS documented vs derived, classification changes:");
        let mut any = false;
        for (n, r) in &self.new.derived {
            let new_c = classification(r);
            let old_c = self.old.derived.get(n).map(classification);
            if old_c.as_deref() != Some(new_c.as_str()) {
                any = true;
                let _ = writeln!(
                    out,
                    "  {n}: {} → {new_c}",
                    old_c.as_deref().unwrap_or("(new type)")
                );
            }
        }
        if !any {
            let _ = writeln!(out, "  none");
        }
    }

    /// New and resolved anomalies (or the count of each known kind), and the architecture check.
    fn anomalies(&self, out: &mut String) {
        let _ = writeln!(out, "\nNew anomalies (kinds data/README.md names):");
        let (old_a, new_a) = (
            anomalies(&self.old.limits, &self.old.derived),
            anomalies(&self.new.limits, &self.new.derived),
        );
        let fresh: Vec<&(String, String)> = new_a.difference(&old_a).collect();
        let gone: Vec<&(String, String)> = old_a.difference(&new_a).collect();
        if fresh.is_empty() {
            let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
            for (k, _) in &new_a {
                *kinds.entry(k.as_str()).or_default() += 1;
            }
            let known: Vec<String> = kinds.iter().map(|(k, n)| format!("{n} {k}")).collect();
            let _ = writeln!(out, "  none; known: {}", known.join("; "));
        }
        for (k, n) in &fresh {
            let _ = writeln!(out, "  {n}: {k}");
        }
        for (k, n) in &gone {
            let _ = writeln!(out, "  resolved: {n}: {k}");
        }
        let (arch_off, with_arch) = arch_disagreements(self.karpenter);
        if arch_off.is_empty() {
            let _ = writeln!(
                out,
                "  (the architecture rule Arch::from_family agrees with Karpenter's kubernetes.io/arch for all {with_arch} types that have it)"
            );
        } else {
            let _ = writeln!(
                out,
                "  the architecture rule Arch::from_family disagrees with Karpenter's kubernetes.io/arch: {}",
                arch_off.join(", ")
            );
        }
    }

    /// The carried-over columns grouped by file, columns and source; and the types newly
    /// carried over.
    fn carried_over(&self, out: &mut String) {
        let _ = writeln!(out, "\nCarried over (values not from these inputs):");
        let mut groups: BTreeMap<(&str, &str, &str), Vec<&str>> = BTreeMap::new();
        for (f, n, c, s) in self.new.carried.iter() {
            groups.entry((f, c, s)).or_default().push(n);
        }
        if groups.is_empty() {
            let _ = writeln!(out, "  none");
        }
        for ((f, c, s), names) in &groups {
            let _ = writeln!(out, "  {f} [{c}] from {s}: {}", names.join(", "));
        }
        let newly: Vec<String> = self
            .new
            .carried
            .iter()
            .filter(|(f, n, c, _)| !self.old.carried.contains(f, n, c))
            .map(|(f, n, ..)| format!("{n} ({f})"))
            .collect();
        if !newly.is_empty() {
            let _ = writeln!(
                out,
                "  newly carried over (gone from, or incomplete in, the upstream file; earlier values kept): {}",
                newly.join(", ")
            );
        }
    }

    /// The dataset version, and the files changed.
    fn version_and_files(&self, out: &mut String) {
        let _ = writeln!(out);
        let (old, version) = (self.old_version, self.version);
        if self.values_changed {
            let _ = writeln!(
                out,
                "Dataset version: {old} → {version} (links made with {old} now get a notice)"
            );
        } else {
            let _ = writeln!(out, "Dataset version: {version} (no value changed)");
        }
        if self.changed.is_empty() {
            let _ = writeln!(out, "Files: no change");
        } else {
            let _ = writeln!(out, "Files changed: {}", self.changed.join(", "));
        }
    }
}
