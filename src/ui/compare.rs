//! The comparison the product is about: base, trunking, secondary CIDR, both — side by side —
//! and the growth chart marking where each runs out.

use super::metric::MetricView;
use super::raw;
use crate::calc::chart::Growth;
use crate::calc::explain::{delta, Metric};
use crate::calc::fmt;
use crate::calc::plan::{Plan, PlanError, Scenario};
use std::rc::Rc;
use yew::prelude::*;

const METRICS: [Metric; 6] = [
    Metric::TasksPerInstance,
    Metric::Instances,
    Metric::IpsUsable,
    Metric::IpsUsed,
    Metric::MaxTasks,
    Metric::MaxTasksDeployable,
];

/// Four scenarios side by side.
pub fn compare(scenarios: &[(Scenario, Result<Rc<Plan>, PlanError>)]) -> Html {
    let base = scenarios
        .first()
        .and_then(|(_, r)| r.as_ref().ok())
        .cloned();
    html! {
        <div class="scenarios">
            { for scenarios.iter().map(|(s, r)| html! {
                <article class="scenario" data-scenario={s.id()} aria-labelledby={format!("sc-{}", s.id())}>
                    <h3 id={format!("sc-{}", s.id())}>{ s.title() }</h3>
                    { match r {
                        Ok(plan) => html! {
                            <div class="metrics compact">
                                { for METRICS.iter().map(|&m| {
                                    let d = match (&base, *s == Scenario::Base) {
                                        (Some(b), false) => delta(b, plan, m).map(|d| AttrValue::from(format!("{d} vs base"))),
                                        _ => None,
                                    };
                                    html! { <MetricView plan={plan.clone()} metric={m} suffix={d} scope={s.id()} /> }
                                }) }
                            </div>
                        },
                        Err(e) => html! { <p class="error">{ format!("No plan: {e}") }</p> },
                    } }
                </article>
            }) }
        </div>
    }
}

/// Share of usable IPv4 used as the task count grows, one line per scenario, marking where each
/// runs out.
pub fn growth_chart(g: &Growth) -> Html {
    let out = |s: &crate::calc::chart::Series| match s.runs_out {
        Some((n, _, _)) => format!(
            "{} runs out above {} tasks",
            s.scenario.title(),
            fmt::int(n)
        ),
        None => format!("{} is not limited by IPv4", s.scenario.title()),
    };
    let desc = g.series.iter().map(out).collect::<Vec<_>>().join("; ");
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
                out(s)
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
    m += r#"<li><span class="swatch line desired"></span>desired count</li></ul></figcaption></figure>"#;
    raw::html(m)
}
