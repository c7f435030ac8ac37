//! A number that explains itself: the value (with `data-metric`/`data-value` hooks) as a button
//! that opens the formula with the numbers put in and the AWS sources.

use super::raw;
use super::raw::shown;
use crate::calc::explain::{explain, Metric};
use crate::calc::plan::Plan;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`MetricView`].
#[derive(Properties, PartialEq)]
pub struct MetricProps {
    /// The plan the number comes from.
    pub plan: Rc<Plan>,
    /// Which number.
    pub metric: Metric,
    /// Optional text after the number (e.g. a change against the base scenario).
    #[prop_or_default]
    pub suffix: Option<AttrValue>,
    /// Scope for element ids (e.g. a scenario id), so ids stay unique.
    #[prop_or_default]
    pub scope: AttrValue,
}

/// One explainable number.
#[function_component(MetricView)]
pub fn metric_view(p: &MetricProps) -> Html {
    let open = use_state(|| false);
    let (raw, text) = shown(&p.plan, p.metric);
    let id = format!(
        "x-{}{}",
        if p.scope.is_empty() {
            String::new()
        } else {
            format!("{}-", p.scope)
        },
        p.metric.id()
    );
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    html! {
        <div class="metric">
            <button type="button" class="metric-button" aria-expanded={open.to_string()} aria-controls={id.clone()} onclick={toggle}
                title="Show how this number is computed">
                <span class="label">{ p.metric.label() }</span>
                <span class="value" data-metric={p.metric.id()} data-value={raw}>{ text }</span>
                if let Some(s) = &p.suffix { <span class="delta">{ s.clone() }</span> }
            </button>
            if *open {
                { explain_view(&p.plan, p.metric, id) }
            }
        </div>
    }
}

/// The explanation panel of a number.
fn explain_view(plan: &Plan, metric: Metric, id: String) -> Html {
    let e = explain(plan, metric);
    raw::html(format!(
        r#"<div class="explain" id="{id}" role="region" aria-label="How {} is computed">{}</div>"#,
        e.title,
        raw::explanation(&e)
    ))
}
