//! The plan as GitHub Markdown, for design docs and tickets.

use super::{az_cells, service_figures, service_inputs, verdict, Cell, Subject};
use crate::calc::catalog::DATASET_VERSION;
use crate::calc::cluster::ClusterPlan;
use crate::calc::explain::cluster::{fill, holds, split};
use crate::calc::explain::{self, Metric};
use crate::calc::fmt::{int, left};
use crate::calc::share;
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
/// A whole cluster adds two tables after the results: each service's fields, and its figures
/// (tasks and their split over the AZs, at its peak, per instance beside the daemons and what
/// binds, IPv4 addresses steady and at its peak, the largest counts that fit and deploy); and
/// after the per-AZ table, what fills each AZ's instances.
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
pub fn markdown<'a>(subject: impl Into<Subject<'a>>) -> String {
    let subject = subject.into();
    let p = subject.plan;
    let inputs = subject.inputs();
    let v = verdict(p);
    let mut out = format!(
        "Instance data {DATASET_VERSION} · link `#{}`\n\n",
        share::encode(&inputs, false)
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
    for (field, val) in share::pairs(&inputs) {
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
        md(&explain::task_subnets(&inputs))
    );
    out.push_str("\n| Result | Value |\n| --- | ---: |\n");
    for m in Metric::ALL {
        let shown = explain::signed(p, m).map_or("n/a".to_string(), left);
        let _ = writeln!(out, "| {} | {shown} |", m.label());
    }
    if let Some(c) = subject.cluster {
        services(&mut out, c);
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
    if let Some(c) = subject.cluster {
        out.push_str("\nWhat fills each AZ's instances:\n\n");
        for az in &c.fill {
            let _ = writeln!(out, "- {}", md(&fill(c, az)));
        }
    }
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

/// A cluster's two services tables: the fields of each service, then its figures.
fn services(out: &mut String, c: &ClusterPlan) {
    let rows: Vec<_> = c.cluster.services.iter().map(service_inputs).collect();
    out.push('\n');
    for (_, label, _) in rows.first().into_iter().flatten() {
        let _ = write!(out, "| {label} ");
    }
    out.push_str("|\n");
    out.push_str(&"| --- ".repeat(rows.first().map_or(0, Vec::len)));
    out.push_str("|\n");
    for row in &rows {
        for (_, _, text) in row {
            let text = match text.as_deref() {
                None => "n/a",
                Some("") => "not set",
                Some(t) => t,
            };
            let _ = write!(out, "| {} ", md(text));
        }
        out.push_str("|\n");
    }
    out.push_str("\n| Service | Tasks per AZ |");
    let figures: Vec<_> = c.services.iter().map(|s| (s, service_figures(s))).collect();
    for (_, label, _) in figures.first().map(|(_, f)| f.as_slice()).unwrap_or(&[]) {
        let _ = write!(out, " {label} |");
    }
    out.push_str("\n| --- | --- |");
    out.push_str(&" ---: |".repeat(figures.first().map_or(0, |(_, f)| f.len())));
    out.push('\n');
    for (s, f) in &figures {
        let _ = write!(out, "| {} | {} |", md(&s.name), split(s));
        for (id, _, v) in f {
            // Per instance, with what binds: "9 (ENI slots bind)".
            let shown = match (*id, holds(s)) {
                ("per-instance", Some(h)) => h,
                _ => v.map_or("n/a".to_string(), int),
            };
            let _ = write!(out, " {shown} |");
        }
        out.push('\n');
    }
}
