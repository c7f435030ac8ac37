//! The extras: what the page shows below the fold or on request — the four-scenario comparison,
//! the growth chart, the instance-type ranking, the explanations of the plan's numbers, and the
//! exports — rendered to markup or text.
//!
//! This runs in a web worker built from its own binary (`src/worker.rs`), loaded only when the
//! comparison scrolls into view or an export is asked for, so none of it is in the first
//! download. Messages are arrays of strings, `[kind, id, …]`; [`Extras::respond`] answers one.
//! It knows nothing of the browser: native tests call it directly.
//!
//! | request | reply |
//! | --- | --- |
//! | `sections, id, fragment, family, arch, trunk, sort, pins, shown, open, embed` | `sections, id, comparison markup, ranking markup` |
//! | `explain, id, fragment, what` | `explain, id, what, markup` (`what`: a metric id or `per-az`) |
//! | `export, id, fragment, format` | `export, id, format, text` |
//! | `import, id, JSON text` | `import, id, ok, fragment, embed, (notice key, message)…` or `import, id, err, why` |
//!
//! `fragment` is the link fragment of the shown plan ([`crate::calc::share::encode`]); `pins` and
//! `open` are comma-separated (pinned type names; ids of opened explanations); `embed` is `1`
//! for the compact view (no growth chart, no ranking).

use super::raw::{self, esc, shown};
use crate::calc::catalog::{Arch, Source};
use crate::calc::chart::{growth, Growth, Series};
use crate::calc::explain::{
    delta, explain, per_az as per_az_explain, ranking as ranking_explain, Metric,
};
use crate::calc::export;
use crate::calc::fmt;
use crate::calc::plan::{
    compare, densities, rank_from, select, Densities, Inputs, Plan, RankQuery, RankRow, RankSort,
    Scenario,
};
use crate::calc::share;

/// Most types pinned side by side.
pub const MAX_PINNED: usize = 4;
/// Rows shown at first, and added by "Show more".
pub const PAGE: usize = 25;

/// The numbers of each scenario in the comparison.
const METRICS: [Metric; 6] = [
    Metric::TasksPerInstance,
    Metric::Instances,
    Metric::IpsUsable,
    Metric::IpsUsed,
    Metric::MaxTasks,
    Metric::MaxTasksDeployable,
];

/// The exports: id, label, file name, MIME type, writer.
pub const EXPORTS: [(&str, &str, &str, &str); 4] = [
    ("markdown", "Markdown", "awsvpc-plan.md", "text/markdown"),
    ("csv", "CSV", "awsvpc-plan.csv", "text/csv"),
    ("json", "JSON", "awsvpc-plan.json", "application/json"),
    ("terraform", "Terraform", "awsvpc-subnets.tf", "text/plain"),
];

/// Link codes of the ranking's filters: (architecture, trunking, sort).
pub fn query_codes(q: &RankQuery) -> (&'static str, &'static str, &'static str) {
    let arch = match q.arch {
        Some(Arch::X86_64) => "x86_64",
        Some(Arch::Arm64) => "arm64",
        None => "",
    };
    let trunk = match q.trunking {
        Some(true) => "yes",
        Some(false) => "no",
        None => "",
    };
    let sort = match q.sort {
        RankSort::Instances => "instances",
        RankSort::TasksWithout => "without",
        RankSort::TasksWith => "with",
        RankSort::Addresses => "ips",
        RankSort::Name => "name",
    };
    (arch, trunk, sort)
}

/// The ranking query that [`query_codes`] describes (unknown codes: no filter, default sort).
pub fn query_from(family: &str, arch: &str, trunk: &str, sort: &str) -> RankQuery {
    RankQuery {
        family: family.to_string(),
        arch: match arch {
            "x86_64" => Some(Arch::X86_64),
            "arm64" => Some(Arch::Arm64),
            _ => None,
        },
        trunking: match trunk {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        },
        sort: match sort {
            "without" => RankSort::TasksWithout,
            "with" => RankSort::TasksWith,
            "ips" => RankSort::Addresses,
            "name" => RankSort::Name,
            _ => RankSort::Instances,
        },
    }
}

/// What the densities depend on: task CPU, memory, and the instance memory reserve.
type TaskSize = (Option<u32>, Option<u32>, u32);

/// The worker's state: the densities of the last task size (they depend only on it, so an edit
/// of a count re-ranks without recomputing them).
#[derive(Default)]
pub struct Extras {
    densities: Option<(TaskSize, Densities)>,
}

impl Extras {
    /// The reply to one message (empty for an unknown or malformed one).
    pub fn respond(&mut self, msg: &[String]) -> Vec<String> {
        let arg = |i: usize| msg.get(i).map(String::as_str).unwrap_or("");
        match arg(0) {
            "sections" => {
                let inputs = inputs_of(arg(2));
                let q = query_from(arg(3), arg(4), arg(5), arg(6));
                let pins: Vec<&str> = arg(7).split(',').filter(|p| !p.is_empty()).collect();
                let shown = arg(8).parse().unwrap_or(PAGE);
                let open: Vec<&str> = arg(9).split(',').collect();
                let embed = arg(10) == "1";
                let ranking = if embed {
                    String::new()
                } else {
                    self.ranking(&inputs, &q, &pins, shown, &open)
                };
                vec![
                    "sections".into(),
                    arg(1).into(),
                    comparison(&inputs, &open, embed),
                    ranking,
                ]
            }
            "explain" => {
                let body = crate::calc::plan::plan(&inputs_of(arg(2)))
                    .map(|p| match arg(3) {
                        "per-az" => raw::explanation(&per_az_explain(&p)),
                        id => Metric::ALL
                            .into_iter()
                            .find(|m| m.id() == id)
                            .map(|m| raw::explanation(&explain(&p, m)))
                            .unwrap_or_default(),
                    })
                    .unwrap_or_default();
                vec!["explain".into(), arg(1).into(), arg(3).into(), body]
            }
            "import" => match export::import_json(arg(2)) {
                Ok(d) => match d.form.parse() {
                    Ok(i) => {
                        let mut r = vec![
                            "import".into(),
                            arg(1).into(),
                            "ok".into(),
                            share::encode(&i, false),
                            if d.embed { "1" } else { "" }.into(),
                        ];
                        for n in d.notices {
                            r.push(n.key);
                            r.push(n.message);
                        }
                        r
                    }
                    Err(e) => {
                        let why = e.first().map(|e| e.message.clone()).unwrap_or_default();
                        vec!["import".into(), arg(1).into(), "err".into(), why]
                    }
                },
                Err(e) => vec!["import".into(), arg(1).into(), "err".into(), e.to_string()],
            },
            "export" => {
                let text = crate::calc::plan::plan(&inputs_of(arg(2)))
                    .map(|p| match arg(3) {
                        "markdown" => export::markdown(&p),
                        "csv" => export::csv(&p),
                        "json" => export::json(&p),
                        "terraform" => export::terraform(&p),
                        _ => String::new(),
                    })
                    .unwrap_or_default();
                vec!["export".into(), arg(1).into(), arg(3).into(), text]
            }
            _ => Vec::new(),
        }
    }

    /// The ranking tables, the "show more" button and the explanation.
    fn ranking(
        &mut self,
        i: &Inputs,
        q: &RankQuery,
        pins: &[&str],
        shown: usize,
        open: &[&str],
    ) -> String {
        let size = (i.cpu, i.memory_mib, i.memory_reserve_mib);
        let dens = match self.densities.take() {
            Some((s, d)) if s == size => d,
            _ => densities(i),
        };
        let rows = rank_from(&dens, i);
        self.densities = Some((size, dens));
        let selected = select(&rows, q);
        let current = i.instance.as_str();
        let full = pins.len() >= MAX_PINNED;
        let pinned: Vec<&RankRow> = pins
            .iter()
            .filter_map(|n| rows.iter().find(|r| r.instance.name == *n))
            .collect();
        // The pinned table's wrapper is always first (hidden while empty), so the page's in-place
        // patching keeps every row, and the focus, where it was when a pin comes or goes.
        let mut m = String::new();
        if pinned.is_empty() {
            m += r#"<div class="table-wrap" hidden></div>"#;
        } else {
            m += &format!(
                r#"<div class="table-wrap" tabindex="0" role="region" aria-label="Pinned types"><table class="rank pinned" id="pinned"><caption>Pinned ({} of {MAX_PINNED})</caption>{HEAD}<tbody>"#,
                pinned.len()
            );
            for r in &pinned {
                row(&mut m, r, current, pins, full);
            }
            m += "</tbody></table></div>";
        }
        let n = selected.len();
        m += &format!(
            r#"<div class="table-wrap" tabindex="0" role="region" aria-label="Ranked types"><table class="rank" id="ranking"><caption>{} of {} types for {} tasks over {} AZs</caption>{HEAD}<tbody>"#,
            fmt::int(n.min(shown) as u64),
            fmt::int(n as u64),
            fmt::int(i.tasks),
            i.azs
        );
        for r in selected.iter().take(shown) {
            row(&mut m, r, current, pins, full);
        }
        m += "</tbody></table></div>";
        let id = "x-ranking";
        let is_open = open.contains(&id);
        m += &format!(
            r#"<details class="explain-az" data-x="{id}"{}><summary>How the ranking is computed</summary>{}</details>"#,
            if is_open { " open" } else { "" },
            if is_open {
                raw::explanation(&ranking_explain(i))
            } else {
                String::new()
            }
        );
        if n > shown {
            m += r#"<button type="button" data-action="more">Show 100 more</button>"#;
        }
        m
    }
}

/// The inputs a link fragment describes (its valid values over the defaults).
fn inputs_of(fragment: &str) -> Inputs {
    share::decode(fragment).form.parse().unwrap_or_default()
}

const HEAD: &str = concat!(
    r#"<thead><tr><th scope="col">Type</th><th scope="col">Arch</th><th scope="col">vCPU</th><th scope="col">Memory</th>"#,
    r#"<th scope="col">Tasks/inst.</th><th scope="col">… trunked</th><th scope="col">Instances</th><th scope="col">… trunked</th>"#,
    r#"<th scope="col">IPv4 used</th><th scope="col">… trunked</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>"#
);

/// A number cell; `derived` marks a density AWS has not documented (see the explanation).
fn cell(m: &mut String, metric: &str, v: Option<u64>, derived: bool) {
    let (raw, text) = match v {
        Some(v) => (v.to_string(), fmt::int(v)),
        None => (String::new(), "—".to_string()),
    };
    let mark = if derived && v.is_some() {
        r#"<abbr class="derived" title="derived by AWS's rule, not in an ECS table">*</abbr>"#
    } else {
        ""
    };
    *m +=
        &format!(r#"<td class="num" data-metric="{metric}" data-value="{raw}">{text}{mark}</td>"#);
}

/// One table row; its buttons are handled by the page's delegated click handler.
fn row(m: &mut String, r: &RankRow, current: &str, pins: &[&str], full: bool) {
    let t = &r.instance;
    let name = esc(t.name);
    let is_pinned = pins.contains(&t.name);
    *m += &format!(
        r#"<tr data-type="{name}"{}><th scope="row">{name}</th><td>{}</td><td class="num">{}</td><td class="num">{}</td>"#,
        if t.name == current {
            r#" class="current""#
        } else {
            ""
        },
        t.arch.label(),
        t.vcpus.map(|v| v.to_string()).unwrap_or_else(|| "?".into()),
        t.memory_mib.map(fmt::mib).unwrap_or_else(|| "?".into()),
    );
    cell(
        m,
        "k-without",
        r.k_without,
        t.without_source == Source::Derived,
    );
    cell(m, "k-with", r.k_with, t.with_source == Source::Derived);
    cell(m, "instances-without", r.instances_without, false);
    cell(m, "instances-with", r.instances_with, false);
    cell(m, "ips-without", r.ips_without, false);
    cell(m, "ips-with", r.ips_with, false);
    *m += &format!(
        r#"<td class="actions"><button type="button" class="small" data-action="use" data-type="{name}" aria-label="Use {name}">Use</button><button type="button" class="small" data-action="pin" data-type="{name}" aria-pressed="{is_pinned}" aria-label="Pin {name}"{}>{}</button></td></tr>"#,
        if !is_pinned && full { " disabled" } else { "" },
        if is_pinned { "Unpin" } else { "Pin" }
    );
}

/// An explainable number of a scenario: a disclosure whose summary is the number. Its
/// explanation is rendered only while it is open (`open` lists the open ones' ids).
fn metric(plan: &Plan, m: Metric, scope: &str, suffix: Option<String>, open: &[&str]) -> String {
    let (raw, text) = shown(plan, m);
    let id = format!("x-{scope}-{}", m.id());
    let is_open = open.contains(&id.as_str());
    let body = if is_open {
        let e = explain(plan, m);
        format!(
            r#"<div class="explain" id="{id}" role="region" aria-label="How {} is computed">{}</div>"#,
            esc(e.title),
            raw::explanation(&e)
        )
    } else {
        String::new()
    };
    format!(
        r#"<details class="metric" data-x="{id}"{}><summary class="metric-button" title="Show how this number is computed"><span class="label">{}</span><span class="value" data-metric="{}" data-value="{raw}">{text}</span>{}</summary>{body}</details>"#,
        if is_open { " open" } else { "" },
        m.label(),
        m.id(),
        suffix
            .map(|s| format!(r#"<span class="delta">{} vs base</span>"#, esc(&s)))
            .unwrap_or_default()
    )
}

/// The four scenarios side by side, then (unless `embed`) the growth chart.
pub fn comparison(i: &Inputs, open: &[&str], embed: bool) -> String {
    let scenarios = compare(i);
    let base = scenarios.first().and_then(|(_, r)| r.as_ref().ok());
    let mut m = String::from(r#"<div class="scenarios">"#);
    for (s, r) in &scenarios {
        m += &format!(
            r#"<article class="scenario" data-scenario="{id}" aria-labelledby="sc-{id}"><h3 id="sc-{id}">{}</h3>"#,
            s.title(),
            id = s.id()
        );
        match r {
            Ok(plan) => {
                m += r#"<div class="metrics compact">"#;
                for &k in &METRICS {
                    let d = match base {
                        Some(b) if *s != Scenario::Base => delta(b, plan, k),
                        _ => None,
                    };
                    m += &metric(plan, k, s.id(), d, open);
                }
                m += "</div>";
            }
            Err(e) => m += &format!(r#"<p class="error">No plan: {}</p>"#, esc(&e.to_string())),
        }
        m += "</article>";
    }
    m += "</div>";
    if !embed {
        m += &growth_chart(&growth(i));
    }
    m
}

/// "runs out above n tasks" or "is not limited by IPv4", after the scenario's title.
fn runs_out(s: &Series) -> String {
    match s.runs_out {
        Some((n, _, _)) => format!(
            "{} runs out above {} tasks",
            s.scenario.title(),
            fmt::int(n)
        ),
        None => format!("{} is not limited by IPv4", s.scenario.title()),
    }
}

/// Share of usable IPv4 used as the task count grows, one line per scenario, marking where each
/// runs out.
pub fn growth_chart(g: &Growth) -> String {
    let desc = g.series.iter().map(runs_out).collect::<Vec<_>>().join("; ");
    let mut m = format!(
        concat!(
            r#"<figure class="growth"><svg viewBox="-130 -30 1160 1100" role="img" aria-label="Share of usable IPv4 used as tasks grow. {}.">"#,
            r#"<rect class="plot" x="0" y="0" width="1000" height="1000"/><line class="grid" x1="0" y1="500" x2="1000" y2="500"/>"#,
            r#"<text class="axis" x="-10" y="10" text-anchor="end">100%</text><text class="axis" x="-10" y="505" text-anchor="end">50%</text>"#,
            r#"<text class="axis" x="-10" y="1000" text-anchor="end">0</text><text class="axis" x="0" y="1050">0 tasks</text>"#,
            r#"<text class="axis" x="1000" y="1050" text-anchor="end">{} tasks</text><line class="desired" x1="{x}" y1="0" x2="{x}" y2="1000"/>"#
        ),
        desc,
        fmt::int(g.x_max),
        x = g.desired_x
    );
    for s in &g.series {
        m += &format!(
            r#"<g class="series {id}" data-scenario="{id}"><polyline points="{}"/>"#,
            s.points,
            id = s.scenario.id()
        );
        if let Some((n, x, y)) = s.runs_out {
            m += &format!(
                r#"<circle cx="{x}" cy="{y}" r="9" data-runs-out="{n}"><title>{}</title></circle>"#,
                runs_out(s)
            );
        }
        m += "</g>";
    }
    m += r#"</svg><figcaption><ul class="legend">"#;
    for s in &g.series {
        let fits = match s.runs_out {
            Some((n, _, _)) => format!(": fits up to {}", fmt::int(n)),
            None => ": no IPv4 limit".into(),
        };
        m += &format!(
            r#"<li><span class="swatch line {}"></span>{}{fits}</li>"#,
            s.scenario.id(),
            s.scenario.title()
        );
    }
    m + r#"<li><span class="swatch line desired"></span>desired count</li></ul></figcaption></figure>"#
}
