//! The merge: the steps that turn the parsed upstream files and the current data into the new
//! tables, in order. Each table gets every type its upstream file gives; a type the file no
//! longer gives keeps its earlier row, and its columns are recorded as carried over.
//!
//! 1. [`Merge::sizes`]: `data/ec2-sizes.csv` from Karpenter's vCPUs and memory;
//! 2. [`Merge::limits`]: `data/ec2-network-limits.csv` from `limits.go`, with those sizes;
//! 3. [`Merge::ecs_table`]: `data/ecs-trunking.csv` and its unsupported list from the ECS page,
//!    or as they are when the page is not given;
//! 4. [`Merge::derived`]: `data/ecs-task-capacity-derived.csv`, the rules on every limits row
//!    beside what the ECS table documents.

use super::carried::{Carried, DERIVED_COLUMNS, LIMIT_COLUMNS, SIZE_COLUMNS, VPC_CNI_COLUMNS};
use super::dataset::Dataset;
use super::golimits::LimitsFile;
use super::inputs::Kind;
use super::markdown::{EcsPage, KarpenterType};
use super::records::{
    DerivedRow, EcsTableRow, LimitsRow, LimitsSource, Listed, Record, SizesRow, UnsupportedRow,
};
use super::sources::{Identity, Sources};
use std::collections::{BTreeMap, BTreeSet};

/// The family of an instance type (`c5.large` → `c5`).
pub(super) fn family(name: &str) -> &str {
    name.split_once('.').map_or(name, |(f, _)| f)
}

/// The merge in progress: the current data, this run's sources, and what the steps collect for
/// the report (the carried-over columns and the notes).
pub(super) struct Merge<'a> {
    old: &'a Dataset,
    sources: &'a Sources,
    /// The carried-over columns of the new tables.
    pub carried: Carried,
    /// Notes for the report (a Karpenter type without vCPUs or memory).
    pub notes: Vec<String>,
}

impl<'a> Merge<'a> {
    /// A merge into `old` of the inputs `sources` names.
    pub fn new(old: &'a Dataset, sources: &'a Sources) -> Merge<'a> {
        Merge {
            old,
            sources,
            carried: Carried::default(),
            notes: Vec::new(),
        }
    }

    /// The identity `data/sources.csv` recorded for `kind` before this run.
    fn recorded(&self, kind: Kind) -> Identity {
        self.old.sources.get(&kind).cloned().unwrap_or_default()
    }

    /// Carries over the `columns` of `name` in `file`: from the source recorded for them
    /// before, else from `fallback`.
    fn carry(&mut self, file: &str, name: &str, columns: &str, fallback: impl FnOnce() -> String) {
        let source = self
            .old
            .carried
            .source(file, name, columns)
            .map_or_else(fallback, str::to_owned);
        self.carried.insert(file, name, columns, source);
    }

    /// Step 1, `data/ec2-sizes.csv`: every Karpenter type with both figures, naming this run's
    /// commit; the earlier rows for the rest, carried over. A type without one of the figures
    /// gets a note (`file` is Karpenter's file as given).
    pub fn sizes(&mut self, file: &str, karpenter: &[KarpenterType]) -> BTreeMap<String, SizesRow> {
        let commit = self
            .sources
            .get(&Kind::Sizes)
            .map_or("", |id| id.commit.as_str());
        let mut sizes = BTreeMap::new();
        for t in karpenter {
            match (t.vcpus, t.memory_mib) {
                (Some(vcpus), Some(memory_mib)) => {
                    let row = SizesRow {
                        instance_type: t.name.clone(),
                        vcpus,
                        memory_mib,
                        karpenter_commit: commit.to_owned(),
                    };
                    sizes.insert(t.name.clone(), row);
                }
                _ => self.notes.push(format!(
                    "{}: {file}:{} has no {}; {}",
                    t.name,
                    t.line,
                    if t.vcpus.is_none() {
                        "instance-cpu"
                    } else {
                        "instance-memory"
                    },
                    if self.old.sizes.contains_key(&t.name) {
                        "kept its earlier values"
                    } else {
                        "no vCPU/memory for it"
                    }
                )),
            }
        }
        let (old, recorded) = (self.old, self.recorded(Kind::Sizes));
        for (n, r) in &old.sizes {
            if sizes.contains_key(n) {
                continue;
            }
            sizes.insert(n.clone(), r.clone());
            self.carry(SizesRow::FILE, n, SIZE_COLUMNS, || {
                format!(
                    "{}@{}:{}",
                    recorded.repository, r.karpenter_commit, recorded.path
                )
            });
        }
        sizes
    }

    /// Step 2, `data/ec2-network-limits.csv`: every `limits.go` type, and the earlier rows of
    /// types it no longer has, carried over; each with its vCPUs and memory from `sizes` (whose
    /// carried-over figures are carried over here too).
    pub fn limits(
        &mut self,
        go: &LimitsFile,
        sizes: &BTreeMap<String, SizesRow>,
    ) -> BTreeMap<String, LimitsRow> {
        let with_sizes = |mut row: LimitsRow| -> LimitsRow {
            if let Some(s) = sizes.get(&row.instance_type) {
                row.vcpus = Some(s.vcpus);
                row.memory_mib = Some(s.memory_mib);
            }
            row
        };
        let mut limits: BTreeMap<String, LimitsRow> = go
            .types
            .iter()
            .map(|t| {
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
                (t.name.clone(), with_sizes(row))
            })
            .collect();
        let (old, recorded) = (self.old, self.recorded(Kind::Limits));
        for (n, r) in &old.limits {
            if limits.contains_key(n) {
                continue;
            }
            limits.insert(n.clone(), with_sizes(r.clone()));
            self.carry(LimitsRow::FILE, n, LIMIT_COLUMNS, || recorded.source());
        }
        for n in limits.keys() {
            if let Some(source) = self.carried.source(SizesRow::FILE, n, SIZE_COLUMNS) {
                let source = source.to_owned();
                self.carried
                    .insert(LimitsRow::FILE, n, SIZE_COLUMNS, source);
            }
        }
        limits
    }

    /// Step 3, the ECS table and its unsupported list: from the page when given, else as they
    /// are.
    pub fn ecs_table(&self, page: Option<&EcsPage>) -> (Vec<EcsTableRow>, Vec<UnsupportedRow>) {
        let Some(page) = page else {
            return (self.old.ecs.clone(), self.old.unsupported.clone());
        };
        let rows = page
            .rows
            .iter()
            .map(|r| EcsTableRow {
                instance_type: r.name.clone(),
                tasks_without_trunking: r.without,
                tasks_with_trunking: r.with,
            })
            .collect();
        let unsupported = page
            .unsupported_families
            .iter()
            .map(|f| (Listed::Family, f))
            .chain(page.unsupported_types.iter().map(|t| (Listed::Type, t)))
            .map(|(kind, name)| UnsupportedRow {
                kind,
                name: name.clone(),
            })
            .collect();
        (rows, unsupported)
    }

    /// Step 4, `data/ecs-task-capacity-derived.csv`: the rules on every `limits` row (tasks
    /// without trunking = ENIs − 1; with trunking = ENIs + branch − 2 for trunking-compatible
    /// types), carried over where the limits row is; the earlier rows of types with no limits
    /// row (the VPC CNI types) keep their figures, carried over. Every row's ECS columns come
    /// from `ecs` and `unsupported`.
    pub fn derived(
        &mut self,
        limits: &BTreeMap<String, LimitsRow>,
        ecs: &[EcsTableRow],
        unsupported: &[UnsupportedRow],
    ) -> BTreeMap<String, DerivedRow> {
        let table: BTreeMap<&str, &EcsTableRow> =
            ecs.iter().map(|r| (r.instance_type.as_str(), r)).collect();
        let listed = |kind: Listed| -> BTreeSet<&str> {
            unsupported
                .iter()
                .filter(|r| r.kind == kind)
                .map(|r| r.name.as_str())
                .collect()
        };
        let (families, types) = (listed(Listed::Family), listed(Listed::Type));
        let with_ecs = |mut row: DerivedRow| -> DerivedRow {
            let n = row.instance_type.as_str();
            let documented = table.get(n);
            row.ecs_doc_tasks_without_trunking = documented.map(|r| r.tasks_without_trunking);
            row.ecs_doc_tasks_with_trunking = documented.map(|r| r.tasks_with_trunking);
            row.ecs_doc_lists_as_unsupported = types.contains(n) || families.contains(family(n));
            row
        };
        let mut derived = BTreeMap::new();
        for (n, r) in limits {
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
            derived.insert(n.clone(), with_ecs(row));
            if let Some(source) = self.carried.source(LimitsRow::FILE, n, LIMIT_COLUMNS) {
                let source = source.to_owned();
                self.carried
                    .insert(DerivedRow::FILE, n, DERIVED_COLUMNS, source);
            }
        }
        let old = self.old;
        for (n, r) in &old.derived {
            if derived.contains_key(n) {
                continue;
            }
            derived.insert(n.clone(), with_ecs(r.clone()));
            self.carry(DerivedRow::FILE, n, VPC_CNI_COLUMNS, || {
                format!("earlier {} (source not recorded)", DerivedRow::FILE)
            });
        }
        derived
    }
}
