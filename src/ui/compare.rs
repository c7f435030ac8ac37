//! The four-scenario comparison (trunking × secondary CIDR) and the growth chart, from the
//! extras worker's numbers, formatted here with `calc::fmt`. Every number opens its explanation.

use super::explain::{Explain, Number};
use super::protocol::{MetricValue, ScenarioView, What};
use crate::calc::chart::Growth;
use crate::calc::explain::shown_value;
use crate::calc::fmt;
use crate::calc::Inputs;
use std::rc::Rc;
use yew::prelude::*;

/// The comparison's inputs.
#[derive(Properties, PartialEq)]
pub struct ComparisonProps {
    /// The scenarios.
    pub scenarios: Rc<Vec<ScenarioView>>,
    /// The growth chart (not in the embed view).
    pub growth: Option<Rc<Growth>>,
    /// The inputs they are for.
    pub inputs: Rc<Inputs>,
}

/// The scenarios side by side, then the growth chart.
#[function_component]
pub fn Comparison(p: &ComparisonProps) -> Html {
    html! {
        <>
            <div class="scenarios">
                { for p.scenarios.iter().map(|s| html! {
                    <Scenario key={s.scenario.id()} scenario={s.clone()} inputs={p.inputs.clone()} />
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
    inputs: Rc<Inputs>,
}

/// One scenario: its numbers, or why it has no plan.
#[function_component]
fn Scenario(p: &ScenarioProps) -> Html {
    let s = p.scenario.scenario;
    let h = format!("sc-{}", s.id());
    html! {
        <article class="scenario" data-scenario={s.id()} aria-labelledby={h.clone()}>
            <h3 id={h}>{ s.title() }</h3>
            { match &p.scenario.metrics {
                Ok(metrics) => html! {
                    <div class="metrics compact">
                        { for metrics.iter().map(|m| html! {
                            <ScenarioMetric key={m.metric.id()} scenario={s} value={*m} inputs={p.inputs.clone()} />
                        }) }
                    </div>
                },
                Err(e) => html! { <p class="error">{ format!("No plan: {e}") }</p> },
            } }
            if let Some([steady, peak]) = p.scenario.fits {
                <p class={if !steady { "bad" } else if !peak { "warn" } else { "good" }}
                    data-verdict="fits" data-value={format!("{steady}-{peak}")}>
                    { match (steady, peak) {
                        (true, true) => "The cluster fits, including a deployment.",
                        (true, false) => "The cluster fits at steady state, but not during a deployment.",
                        _ => "The cluster does not fit its subnets.",
                    } }
                </p>
            }
        </article>
    }
}

#[derive(Properties, PartialEq)]
struct ScenarioMetricProps {
    scenario: crate::calc::Scenario,
    value: MetricValue,
    inputs: Rc<Inputs>,
}

/// A number of a scenario: a disclosure whose summary is the number and its change.
#[function_component]
fn ScenarioMetric(p: &ScenarioMetricProps) -> Html {
    let m = p.value.metric;
    let (raw, text) = shown_value(m, p.value.value);
    let number = Number {
        metric: m.id(),
        raw: raw.into(),
        text: text.into(),
        delta: p
            .value
            .delta
            .map(|d| format!("{} vs base", fmt::delta(d)).into()),
    };
    html! {
        <Explain what={What::Scenario(p.scenario, m)} inputs={p.inputs.clone()} title={m.label()} {number} />
    }
}

#[derive(Properties, PartialEq)]
struct GrowthProps {
    growth: Rc<Growth>,
}

/// "Base runs out above 8,181 tasks" or "… is not limited by IPv4".
fn says(s: &crate::calc::chart::Series) -> String {
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
#[function_component]
fn GrowthChart(p: &GrowthProps) -> Html {
    let g = &p.growth;
    let all = g.series.iter().map(says).collect::<Vec<_>>().join("; ");
    let x = g.desired_x.to_string();
    html! {
        <figure class="growth">
            <svg viewBox="-130 -30 1160 1100" role="img"
                aria-label={format!("Share of usable IPv4 used as tasks grow. {all}.")}>
                <rect class="plot" x="0" y="0" width="1000" height="1000" />
                <line class="grid" x1="0" y1="500" x2="1000" y2="500" />
                <text class="axis" x="-10" y="10" text-anchor="end">{ "100%" }</text>
                <text class="axis" x="-10" y="505" text-anchor="end">{ "50%" }</text>
                <text class="axis" x="-10" y="1000" text-anchor="end">{ "0" }</text>
                <text class="axis" x="0" y="1050">{ "0 tasks" }</text>
                <text class="axis" x="1000" y="1050" text-anchor="end">{ match &g.service {
                    None => format!("{} tasks", fmt::int(g.x_max)),
                    Some(s) => format!("{} tasks of {s}", fmt::int(g.x_max)),
                } }</text>
                <text class="axis title" x="-120" y="-12">{ "Usable IPv4 used" }</text>
                <line class="desired" x1={x.clone()} y1="0" x2={x} y2="1000" />
                { for g.series.iter().map(|s| html! {
                    <g key={s.scenario.id()} class={classes!("series", s.scenario.id())} data-scenario={s.scenario.id()}>
                        <polyline points={s.points.clone()} />
                        if let Some((n, x, y)) = s.runs_out {
                            <circle cx={x.to_string()} cy={y.to_string()} r="9" data-runs-out={n.to_string()}>
                                <title>{ says(s) }</title>
                            </circle>
                        }
                    </g>
                }) }
            </svg>
            <figcaption>
                <ul class="legend">
                    { for g.series.iter().map(|s| html! {
                        <li key={s.scenario.id()}>
                            <span class={classes!("swatch", "line", s.scenario.id())}></span>
                            { s.scenario.title() }
                            { match s.runs_out {
                                Some((n, _, _)) => format!(": fits up to {}", fmt::int(n)),
                                None => ": no IPv4 limit".into(),
                            } }
                        </li>
                    }) }
                    <li><span class="swatch line desired"></span>{ "desired count" }</li>
                </ul>
            </figcaption>
        </figure>
    }
}
