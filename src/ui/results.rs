//! The plan's results: headline numbers, warnings, the per-AZ budget with its bars, AZ loss,
//! reverse sizing and IPv6.

use super::raw;
use crate::calc::chart::{bar, Part};
use crate::calc::explain::{warning, Metric};
use crate::calc::fmt;
use crate::calc::plan::{Plan, SubnetUse};

/// Which explanations are open, and the worker's markup for each (per plan).
#[derive(Clone, Default, PartialEq)]
pub struct Explained {
    /// Ids of the open explanations: metric ids, and `per-az` for the per-AZ table.
    pub open: Vec<String>,
    /// The worker's answers: (what, plan fragment, markup).
    pub bodies: Vec<(String, String, String)>,
}

impl Explained {
    /// Whether `what` is open.
    pub fn is_open(&self, what: &str) -> bool {
        self.open.iter().any(|o| o == what)
    }
    /// The markup explaining `what` for the plan `fragment`, once the worker has written it.
    pub fn body(&self, what: &str, fragment: &str) -> Option<&str> {
        self.bodies
            .iter()
            .find(|(w, f, _)| w == what && f == fragment)
            .map(|(_, _, b)| b.as_str())
    }
    /// The open explanations that have no markup for the plan `fragment` yet.
    pub fn missing<'a>(&'a self, fragment: &'a str) -> impl Iterator<Item = &'a String> + 'a {
        self.open
            .iter()
            .filter(move |w| self.body(w, fragment).is_none())
    }
}

const LOADING: &str = r#"<p class="muted loading">Loading…</p>"#;

/// Headline numbers: each a button that opens its explanation.
fn headline(plan: &Plan, x: &Explained, fragment: &str) -> String {
    // Every metric but the peak's task and instance counts (they are in the explanations); the
    // IPv6 ones only when the plan uses IPv6.
    let v6 = plan.ipv6_per_subnet.is_some();
    let shown = Metric::ALL.into_iter().filter(|m| {
        !matches!(m, Metric::InstancesPeak | Metric::PeakTasks)
            && (v6 || !matches!(m, Metric::Ipv6PerSubnet | Metric::Ipv6Used))
    });
    let mut m = String::from(r#"<div class="metrics">"#);
    for metric in shown {
        let (id, label) = (metric.id(), metric.label());
        let (value, text) = raw::shown(plan, metric);
        let open = x.is_open(id);
        m += &format!(
            r#"<div class="metric"><button type="button" class="metric-button" aria-expanded="{open}" aria-controls="x-{id}" data-x="{id}" title="Show how this number is computed"><span class="label">{label}</span><span class="value" data-metric="{id}" data-value="{value}">{text}</span></button>"#
        );
        if open {
            let body = x.body(id, fragment);
            m += &format!(
                r#"<div class="explain" id="x-{id}" role="region" aria-label="How {label} is computed" aria-busy="{}">{}</div>"#,
                body.is_none(),
                body.unwrap_or(LOADING)
            );
        }
        m += "</div>";
    }
    m + "</div>"
}

/// How the per-AZ table's numbers are computed: a disclosure, filled while open.
fn per_az_explanation(x: &Explained, fragment: &str) -> String {
    if !x.is_open("per-az") {
        return r#"<details class="explain-az" data-x="per-az"><summary>How these numbers are computed</summary></details>"#.into();
    }
    format!(
        r#"<details class="explain-az" data-x="per-az" open><summary>How these numbers are computed</summary>{}</details>"#,
        x.body("per-az", fragment).unwrap_or(LOADING)
    )
}

/// The plan section: a note while the form has errors, then the shown plan's numbers (`None`
/// before any plan), warnings and, unless `embed`, the per-AZ table and resilience.
pub fn section(
    plan: Option<&Plan>,
    invalid: bool,
    embed: bool,
    x: &Explained,
    fragment: &str,
) -> String {
    let mut m = String::from(
        r#"<section id="plan" class="results" aria-labelledby="plan-h" aria-live="polite"><h2 id="plan-h">Plan</h2>"#,
    );
    if invalid {
        m += r#"<p class="stale" role="status">Showing the last valid plan: correct the highlighted field.</p>"#;
    }
    if let Some(p) = plan {
        m += &headline(p, x, fragment);
        m += &warnings(p);
        if !embed {
            m += &per_az(p);
            m += &per_az_explanation(x, fragment);
            m += &resilience(p);
        }
    }
    m + "</section>"
}

/// Warnings with what to do about each.
fn warnings(plan: &Plan) -> String {
    if plan.warnings.is_empty() {
        return r#"<p class="ok" id="warnings">No warnings: the plan fits with headroom.</p>"#
            .into();
    }
    let mut m = String::from(r#"<ul class="warnings" id="warnings" aria-label="Warnings">"#);
    for w in &plan.warnings {
        let t = warning(w);
        m += &format!(
            r#"<li class="warning {id}" data-warning="{id}"><strong>{}</strong> <span>{}</span> <a href="{}" target="_blank" rel="noopener noreferrer">AWS docs</a></li>"#,
            raw::esc(&t.message),
            raw::esc(&t.action),
            t.source.url,
            id = t.id
        );
    }
    m + "</ul>"
}

/// The stacked bar of one subnet, as SVG markup.
fn subnet_bar(s: &SubnetUse, label: &str) -> String {
    let segs = bar(s);
    let summary = segs
        .iter()
        .map(|g| format!("{} {}", g.part.label(), fmt::int(g.count)))
        .collect::<Vec<_>>()
        .join(", ");
    let mut m = format!(
        r#"<svg class="bar" viewBox="0 0 1000 24" preserveAspectRatio="none" role="img" aria-label="{} {}: {}">"#,
        raw::esc(label),
        s.cidr,
        summary
    );
    for g in &segs {
        m += &format!(
            r#"<rect class="seg {}" x="{}" y="0" width="{}" height="24"><title>{}: {}</title></rect>"#,
            g.part.id(),
            g.start,
            g.width,
            g.part.label(),
            fmt::int(g.count)
        );
    }
    m + "</svg>"
}

/// Legend of the bars.
pub fn legend() -> String {
    let mut m = String::from(r#"<ul class="legend" aria-hidden="true">"#);
    for p in Part::ALL {
        m += &format!(
            r#"<li><span class="swatch {}"></span>{}</li>"#,
            p.id(),
            p.label()
        );
    }
    m + "</ul>"
}

fn num_cell(metric: &str, v: Option<u64>) -> String {
    match v {
        Some(v) => format!(
            r#"<td class="num" data-metric="{metric}" data-value="{v}">{}</td>"#,
            fmt::int(v)
        ),
        None => format!(r#"<td class="num" data-metric="{metric}" data-value=""></td>"#),
    }
}

/// The per-AZ table with a bar per subnet.
fn per_az(plan: &Plan) -> String {
    let mut m = String::from(concat!(
        r#"<div class="table-wrap" tabindex="0" role="region" aria-label="IPv4 per subnet"><table class="per-az">"#,
        "<caption>IPv4 per subnet: steady state, at the deployment peak, and free at the peak</caption>",
        r#"<thead><tr><th scope="col">AZ</th><th scope="col">Subnet</th><th scope="col">Tasks</th><th scope="col">Instances</th>"#,
        r#"<th scope="col">Usable</th><th scope="col">Used</th><th scope="col">Peak</th><th scope="col">Free at peak</th><th scope="col">Addresses</th></tr></thead><tbody>"#
    ));
    let mut row = |az: u32, kind: &str, s: &SubnetUse, tasks: u64, instances: Option<u64>| {
        m += &format!(
            r#"<tr data-az="{n}" data-subnet="{kind}"><th scope="row">AZ {n}<span class="muted"> {kind}</span></th><td class="cidr">{}</td>"#,
            s.cidr,
            n = az + 1
        );
        m += &num_cell("az-tasks", Some(tasks));
        m += &num_cell("az-instances", instances);
        m += &num_cell("az-usable", Some(s.usable));
        m += &num_cell("az-used", Some(s.used()));
        m += &num_cell("az-peak", Some(s.peak()));
        m += &num_cell("az-free", Some(s.free_at_peak()));
        m += &format!(
            r#"<td class="barcell">{}</td></tr>"#,
            subnet_bar(s, &format!("AZ {} {kind} subnet", az + 1))
        );
    };
    for a in &plan.azs {
        row(
            a.index,
            "host",
            &a.host,
            if a.task.is_some() { 0 } else { a.tasks },
            plan.density.map(|_| a.instances),
        );
        if let Some(t) = &a.task {
            row(a.index, "task", t, a.tasks, None);
        }
    }
    m += "</tbody></table>";
    m += &legend();
    m + "</div>"
}

/// AZ loss, reverse sizing.
fn resilience(plan: &Plan) -> String {
    let mut m = String::from(r#"<div class="resilience">"#);
    match &plan.az_loss {
        None => {
            m += r#"<p data-verdict="az-loss" data-value="na">One AZ: there is no other AZ to take its tasks.</p>"#
        }
        Some(l) => {
            let (cls, text) = match (l.fits, l.fits_at_peak) {
                (true, true) => ("good", "fits, including a deployment"),
                (true, false) => ("warn", "fits at steady state, but not during a deployment"),
                _ => ("bad", "does not fit"),
            };
            let used = l
                .azs
                .iter()
                .map(|a| {
                    format!(
                        "AZ {}: {} tasks, {} of {} host addresses",
                        a.index + 1,
                        fmt::int(a.tasks),
                        fmt::int(a.host.used()),
                        fmt::int(a.host.usable)
                    )
                })
                .collect::<Vec<_>>()
                .join("; ");
            m += &format!(
                r#"<p class="{cls}" data-verdict="az-loss" data-value="{}-{}"><strong>If AZ {} is lost, the plan {text}.</strong> <span class="muted">{used}</span></p>"#,
                l.fits,
                l.fits_at_peak,
                l.lost + 1
            );
        }
    }
    let s = plan.sizing;
    let prefix = |p: Option<u8>| {
        p.map(|p| format!("/{p}"))
            .unwrap_or_else(|| "larger than /16".into())
    };
    m += &format!(
        r#"<p data-verdict="sizing" data-value="{}">Smallest subnets per AZ that hold {} tasks at the deployment peak: host {}{}.</p></div>"#,
        s.host_prefix.map(|p| p.to_string()).unwrap_or_default(),
        fmt::int(plan.totals.tasks),
        prefix(s.host_prefix),
        if plan.inputs.secondary {
            format!(", task {}", prefix(s.task_prefix))
        } else {
            String::new()
        }
    );
    m
}
