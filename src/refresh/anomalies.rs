//! The catalogue's view of each type, for the report: how it labels a type's two figures
//! ([`classification`]: documented by the ECS table or derived by the rules), the anomalies of
//! the kinds `data/README.md` names ([`anomalies`]), and whether Karpenter's architecture labels
//! agree with the family rule the catalogue uses ([`arch_disagreements`]).

use super::markdown::KarpenterType;
use super::merge::family;
use super::records::{DerivedRow, LimitsRow, LimitsSource};
use std::collections::{BTreeMap, BTreeSet};

/// The highest "with trunking" figure the ECS table gives outside its anomalies
/// (`Note::DerivedAboveTableMax`); derived figures above it are flagged in the report.
const TABLE_MAX_WITH: i64 = 120;

/// Whether the ECS table documents the figure the rules give.
fn documented(doc: Option<i64>, derived: Option<u64>) -> bool {
    matches!((doc, derived), (Some(d), Some(w)) if u64::try_from(d) == Ok(w))
}

/// How the catalogue labels a type's two figures, read from a derived row (data/README.md,
/// "Rules"): documented (*ECS table*) or derived, and why there is no "with" figure.
pub(super) fn classification(row: &DerivedRow) -> String {
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
pub(super) fn anomalies(
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
        if !listed && derived_with && with.is_some_and(|w| w > TABLE_MAX_WITH) {
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

/// Karpenter's types whose `kubernetes.io/arch` label disagrees with the architecture the
/// catalogue's family rule (`Arch::from_family`) gives them, as `type (label, rule says rule)`;
/// and how many types have the label.
pub(super) fn arch_disagreements(karpenter: &[KarpenterType]) -> (Vec<String>, usize) {
    let off = karpenter
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
    (off, with_arch)
}
