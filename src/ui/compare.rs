//! The four-scenario comparison (trunking × secondary CIDR) and the growth chart, from the
//! extras worker's data. Every number opens its explanation.

use super::explain::{explanation_body, Body, Opened};
use super::protocol::{GrowthView, MetricView, ScenarioView, What};
use std::rc::Rc;
use yew::prelude::*;

/// The comparison's inputs.
#[derive(Properties, PartialEq)]
pub struct ComparisonProps {
    /// The scenarios, once the worker has answered.
    pub scenarios: Option<Rc<Vec<ScenarioView>>>,
    /// The growth chart (not in the embed view).
    pub growth: Option<Rc<GrowthView>>,
    /// The open explanations.
    pub opened: Rc<Opened>,
    /// Opens or closes an explanation.
    pub on_toggle: Callback<What>,
}

/// The scenarios side by side, then the growth chart.
#[function_component]
pub fn Comparison(p: &ComparisonProps) -> Html {
    let Some(scenarios) = &p.scenarios else {
        return Html::default();
    };
    html! {
        <>
            <div class="scenarios">
                { for scenarios.iter().map(|s| html! {
                    <Scenario key={s.id.as_str()} scenario={s.clone()} opened={p.opened.clone()}
                        on_toggle={p.on_toggle.clone()} />
                }) }
            </div>
            if let Some(g) = &p.growth {
                <GrowthChart growth={g.clone()} />
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct ScenarioProps {
    scenario: ScenarioView,
    opened: Rc<Opened>,
    on_toggle: Callback<What>,
}

/// One scenario: its numbers, or why it has no plan.
#[function_component]
fn Scenario(p: &ScenarioProps) -> Html {
    let s = &p.scenario;
    let h = format!("sc-{}", s.id);
    html! {
        <article class="scenario" data-scenario={s.id.clone()} aria-labelledby={h.clone()}>
            <h3 id={h}>{ s.title.clone() }</h3>
            { match &s.metrics {
                Ok(metrics) => html! {
                    <div class="metrics compact">
                        { for metrics.iter().map(|m| {
                            let what = What::Scenario(s.id.clone(), m.id.clone());
                            html! {
                                <ScenarioMetric key={m.id.as_str()} metric={m.clone()}
                                    body={p.opened.get(&what).cloned()} what={what}
                                    on_toggle={p.on_toggle.clone()} />
                            }
                        }) }
                    </div>
                },
                Err(e) => html! { <p class="error">{ format!("No plan: {e}") }</p> },
            } }
        </article>
    }
}

#[derive(Properties, PartialEq)]
struct ScenarioMetricProps {
    metric: MetricView,
    what: What,
    body: Option<Body>,
    on_toggle: Callback<What>,
}

/// A number of a scenario: a disclosure whose summary is the number.
#[function_component]
fn ScenarioMetric(p: &ScenarioMetricProps) -> Html {
    let m = &p.metric;
    let id = p.what.dom_id();
    let onclick = {
        let what = p.what.clone();
        p.on_toggle.reform(move |e: MouseEvent| {
            e.prevent_default(); // the page owns the open state
            what.clone()
        })
    };
    html! {
        <details class="metric" data-x={id.clone()} open={p.body.is_some()}>
            <summary class="metric-button" title="Show how this number is computed" {onclick}>
                <span class="label">{ m.label.clone() }</span>
                <span class="value" data-metric={m.id.clone()} data-value={m.raw.clone()}>{ m.text.clone() }</span>
                if let Some(d) = &m.delta {
                    <span class="delta">{ format!("{d} vs base") }</span>
                }
            </summary>
            if let Some(body) = &p.body {
                <div class="explain" id={id} role="region" aria-label={format!("How {} is computed", m.label)}
                    aria-busy={(*body == Body::Loading).to_string()}>
                    { explanation_body(body) }
                </div>
            }
        </details>
    }
}

#[derive(Properties, PartialEq)]
struct GrowthProps {
    growth: Rc<GrowthView>,
}

/// Share of usable IPv4 used as the task count grows, one line per scenario, marking where each
/// runs out.
#[function_component]
fn GrowthChart(p: &GrowthProps) -> Html {
    let g = &p.growth;
    let says = g
        .series
        .iter()
        .map(|s| s.says.as_str())
        .collect::<Vec<_>>()
        .join("; ");
    let x = g.desired_x.to_string();
    html! {
        <figure class="growth">
            <svg viewBox="-130 -30 1160 1100" role="img"
                aria-label={format!("Share of usable IPv4 used as tasks grow. {says}.")}>
                <rect class="plot" x="0" y="0" width="1000" height="1000" />
                <line class="grid" x1="0" y1="500" x2="1000" y2="500" />
                <text class="axis" x="-10" y="10" text-anchor="end">{ "100%" }</text>
                <text class="axis" x="-10" y="505" text-anchor="end">{ "50%" }</text>
                <text class="axis" x="-10" y="1000" text-anchor="end">{ "0" }</text>
                <text class="axis" x="0" y="1050">{ "0 tasks" }</text>
                <text class="axis" x="1000" y="1050" text-anchor="end">{ format!("{} tasks", g.x_max) }</text>
                <text class="axis title" x="-120" y="-12">{ "Usable IPv4 used" }</text>
                <line class="desired" x1={x.clone()} y1="0" x2={x} y2="1000" />
                { for g.series.iter().map(|s| html! {
                    <g key={s.id.as_str()} class={classes!("series", s.id.clone())} data-scenario={s.id.clone()}>
                        <polyline points={s.points.clone()} />
                        if let Some((n, x, y)) = s.runs_out {
                            <circle cx={x.to_string()} cy={y.to_string()} r="9" data-runs-out={n.to_string()}>
                                <title>{ s.says.clone() }</title>
                            </circle>
                        }
                    </g>
                }) }
            </svg>
            <figcaption>
                <ul class="legend">
                    { for g.series.iter().map(|s| html! {
                        <li key={s.id.as_str()}><span class={classes!("swatch", "line", s.id.clone())}></span>{ s.legend.clone() }</li>
                    }) }
                    <li><span class="swatch line desired"></span>{ "desired count" }</li>
                </ul>
            </figcaption>
        </figure>
    }
}
