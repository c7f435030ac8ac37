//! `data/carried-over.csv`: nothing is lost silently. A type that leaves an upstream file (or no
//! longer has its vCPUs and memory there) keeps its earlier values, and the columns holding them
//! are listed with where they last came from: the source this file recorded for them before, or
//! else the one `data/sources.csv` recorded for the input.

use super::records::CarriedRow;
use std::collections::BTreeMap;

/// The columns of `data/ec2-sizes.csv` (and of `data/ec2-network-limits.csv`) that Karpenter gives.
pub(super) const SIZE_COLUMNS: &str = "vcpus memory_mib";
/// The columns of `data/ec2-network-limits.csv` that `limits.go` gives.
pub(super) const LIMIT_COLUMNS: &str =
    "max_enis ipv4_per_eni trunking_compatible branch_interfaces hypervisor bare_metal network_cards";
/// The columns of `data/ecs-task-capacity-derived.csv` derived from a carried-over limits row.
pub(super) const DERIVED_COLUMNS: &str = "tasks_without_trunking tasks_with_trunking";
/// The columns of a `data/ecs-task-capacity-derived.csv` row with no limits row (VPC CNI types).
pub(super) const VPC_CNI_COLUMNS: &str = "tasks_without_trunking tasks_with_trunking limits_source";

/// (file, instance type, columns).
type Key = (String, String, String);

/// The carried-over columns and their sources, in the file's order (by file, type, columns).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Carried(BTreeMap<Key, String>);

impl Carried {
    /// From the file's rows (a later row for the same columns wins).
    pub fn from_rows(rows: impl IntoIterator<Item = CarriedRow>) -> Carried {
        Carried(
            rows.into_iter()
                .map(|r| ((r.file, r.instance_type, r.columns), r.source))
                .collect(),
        )
    }

    /// The file's rows.
    pub fn rows(&self) -> Vec<CarriedRow> {
        self.0
            .iter()
            .map(|((file, instance_type, columns), source)| CarriedRow {
                file: file.clone(),
                instance_type: instance_type.clone(),
                columns: columns.clone(),
                source: source.clone(),
            })
            .collect()
    }

    /// Where the `columns` of `instance_type` in `file` came from, when they are carried over.
    pub fn source(&self, file: &str, instance_type: &str, columns: &str) -> Option<&str> {
        self.0
            .get(&(
                file.to_owned(),
                instance_type.to_owned(),
                columns.to_owned(),
            ))
            .map(String::as_str)
    }

    /// Records the `columns` of `instance_type` in `file` as carried over from `source`.
    pub fn insert(&mut self, file: &str, instance_type: &str, columns: &str, source: String) {
        self.0.insert(
            (
                file.to_owned(),
                instance_type.to_owned(),
                columns.to_owned(),
            ),
            source,
        );
    }

    /// Every entry: (file, instance type, columns, source).
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str, &str, &str)> {
        self.0
            .iter()
            .map(|((f, n, c), s)| (f.as_str(), n.as_str(), c.as_str(), s.as_str()))
    }

    /// Whether the `columns` of `instance_type` in `file` are carried over.
    pub fn contains(&self, file: &str, instance_type: &str, columns: &str) -> bool {
        self.source(file, instance_type, columns).is_some()
    }
}
