//! The plan as GitHub Markdown, for design docs and tickets.

use super::{az_cells, verdict, Cell};
use crate::calc::catalog::DATASET_VERSION;
use crate::calc::explain::{self, Metric};
use crate::calc::fmt::left;
use crate::calc::share;
use crate::calc::Plan;
use std::fmt::Write as _;

/// A Markdown table cell or list item: `|` escaped, line breaks and `<` made harmless.
fn md(s: &str) -> String {
    s.replace('|', "\\|")
        .replace(['\r', '\n'], " ")
        .replace('<', "&lt;")
}

/// The plan as GitHub Markdown: a line with the dataset and the link, the verdict (fits, AZ loss,
/// smallest subnets) as a list, then three tables: the inputs, every [`Metric`] (label and value,
/// `n/a` where it does not apply, `short by N` for a shortfall), and the per-AZ numbers with one
/// column per AZ (free addresses negative where short); then the warnings and, with trunking,
/// its preconditions. Numbers have thousands separators ([`int`]).
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{export::markdown, plan, Inputs};
/// let m = markdown(&plan(&Inputs::default()).unwrap());
/// assert!(m.contains("- Fits: every subnet holds the steady state and the deployment peak."));
/// assert!(m.contains("| Instance type | c5.large |"));
/// assert!(m.contains("| Usable IPv4 | 12,273 |"));
/// assert!(m.contains("| Host subnet | 172.31.0.0/20 | 172.31.16.0/20 | 172.31.32.0/20 |"));
/// ```
pub fn markdown(p: &Plan) -> String {
    let v = verdict(p);
    let mut out = format!(
        "Instance data {DATASET_VERSION} · link `#{}`\n\n",
        share::encode(&p.inputs, false)
    );
    for (_, line) in &v.lines {
        let _ = writeln!(out, "- {}", md(line));
    }
    let _ = writeln!(
        out,
        "- Warnings: {}{}",
        v.warnings.len(),
        if v.warnings.is_empty() {
            ""
        } else {
            " (listed below the tables)"
        }
    );
    out.push_str("\n| Input | Value |\n| --- | --- |\n");
    for (field, val) in share::pairs(&p.inputs) {
        let val = match (field.is_flag(), val.as_str()) {
            (true, "1") => "on".to_string(),
            (true, _) => "off".to_string(),
            (false, "") => "not set".to_string(),
            _ => val,
        };
        let _ = writeln!(out, "| {} | {} |", field.label(), md(&val));
    }
    let _ = writeln!(
        out,
        "| Tasks' addresses | {} |",
        md(&explain::task_subnets(&p.inputs))
    );
    out.push_str("\n| Result | Value |\n| --- | ---: |\n");
    for m in Metric::ALL {
        let shown = explain::signed(p, m).map_or("n/a".to_string(), left);
        let _ = writeln!(out, "| {} | {shown} |", m.label());
    }
    let cells: Vec<_> = p
        .azs
        .iter()
        .map(|a| az_cells(a, p.ipv6_per_subnet.is_some()))
        .collect();
    out.push_str("\n| Per AZ |");
    for a in &p.azs {
        let _ = write!(out, " {} |", md(&p.az_name(a.index)));
    }
    out.push_str("\n| --- |");
    out.push_str(&" ---: |".repeat(p.azs.len()));
    for (row, (_, label, _)) in cells.first().into_iter().flatten().enumerate() {
        let _ = write!(out, "\n| {label} |");
        for az in &cells {
            let v = match az.get(row) {
                Some((_, _, Cell::Num(n))) => left(n.value()),
                Some((_, _, Cell::Text(t))) => md(t),
                None => String::new(),
            };
            let _ = write!(out, " {v} |");
        }
    }
    out.push('\n');
    if !v.warnings.is_empty() {
        out.push_str("\nWarnings:\n\n");
        for w in &v.warnings {
            let _ = writeln!(
                out,
                "- {} {} ([{}]({}))",
                md(&w.message),
                md(&w.action),
                md(w.source.title),
                w.source.url
            );
        }
    }
    if !v.trunking.is_empty() {
        out.push_str("\nENI trunking preconditions:\n\n");
        for c in v.trunking {
            let _ = writeln!(
                out,
                "- {}: {} ([source]({}))",
                md(c.title),
                md(c.detail),
                c.url
            );
        }
    }
    out
}
