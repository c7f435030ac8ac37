//! A number that explains itself: the value (with `data-metric`/`data-value` hooks) as a button
//! that opens the formula with the numbers put in and the AWS sources. The explanations are
//! written by the extras worker (`extras`, request `explain`) while they are open, so their text
//! is not part of the first download.

use super::lazy::{failed, failed_markup, Lazy};
use super::raw::shown;
use crate::calc::explain::Metric;
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
    /// The plan's link fragment (what the worker explains).
    pub fragment: AttrValue,
    /// The extras worker.
    pub lazy: Lazy,
}

/// The explanation markup of `what` (a metric id, or `per-az`) for the plan `fragment`, while
/// `open`: `None` until the worker's answer for this very plan has arrived.
#[hook]
fn use_explanation(
    lazy: &Lazy,
    fragment: &AttrValue,
    what: &'static str,
    open: bool,
) -> Option<AttrValue> {
    let body = use_state(|| None::<(AttrValue, AttrValue)>);
    let asked = use_mut_ref(AttrValue::default);
    {
        let (lazy, body, asked) = (lazy.clone(), body.clone(), asked.clone());
        use_effect_with((fragment.clone(), open), move |(fragment, open)| {
            let have = body.as_ref().is_some_and(|(k, _)| k == fragment);
            if *open && !have {
                *asked.borrow_mut() = fragment.clone();
                let key = fragment.clone();
                lazy.request(
                    "explain",
                    vec![fragment.to_string(), what.into()],
                    move |r| {
                        // Only the answer for the newest plan asked about.
                        if *asked.borrow() == key {
                            let markup = if failed(&r) {
                                failed_markup()
                            } else {
                                r.get(3).cloned().unwrap_or_default().into()
                            };
                            body.set(Some((key, markup)));
                        }
                    },
                );
            }
        });
    }
    body.as_ref()
        .filter(|(k, _)| k == fragment)
        .map(|(_, b)| b.clone())
}

/// An explanation's body, or a placeholder while the worker writes it.
fn body(markup: Option<AttrValue>) -> Html {
    match markup {
        Some(m) => html! { <super::raw::Markup markup={m} /> },
        None => html! { <p class="muted loading">{ "Loading…" }</p> },
    }
}

/// One explainable number.
#[function_component(MetricView)]
pub fn metric_view(p: &MetricProps) -> Html {
    let open = use_state(|| false);
    let (raw, text) = shown(&p.plan, p.metric);
    let id = format!("x-{}", p.metric.id());
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let explained = use_explanation(&p.lazy, &p.fragment, p.metric.id(), *open);
    html! {
        <div class="metric">
            <button type="button" class="metric-button" aria-expanded={open.to_string()} aria-controls={id.clone()} onclick={toggle}
                title="Show how this number is computed">
                <span class="label">{ p.metric.label() }</span>
                <span class="value" data-metric={p.metric.id()} data-value={raw}>{ text }</span>
            </button>
            if *open {
                <div class="explain" {id} role="region" aria-label={format!("How {} is computed", p.metric.label())}
                    aria-busy={explained.is_none().to_string()}>
                    { body(explained) }
                </div>
            }
        </div>
    }
}

/// Props of [`PerAzExplanation`].
#[derive(Properties, PartialEq)]
pub struct PerAzProps {
    /// The plan's link fragment.
    pub fragment: AttrValue,
    /// The extras worker.
    pub lazy: Lazy,
}

/// How the per-AZ table's numbers are computed: a native disclosure, filled while open.
#[function_component(PerAzExplanation)]
pub fn per_az_explanation(p: &PerAzProps) -> Html {
    let open = use_state(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            open.set(!*open);
        })
    };
    let explained = use_explanation(&p.lazy, &p.fragment, "per-az", *open);
    html! {
        <details class="explain-az" open={*open}>
            <summary onclick={toggle}>{ "How these numbers are computed" }</summary>
            if *open { { body(explained) } }
        </details>
    }
}
