//! How a number is computed: one disclosure component for every number that explains itself
//! (the headline numbers, the per-AZ table, each scenario's numbers, the ranking, each figure
//! of a cluster's services table). Closed, it
//! is its summary; opened, it asks the extras worker for the explanation of the shown plan and
//! shows the formula, the notes and the linked sources. It asks again when the plan changes
//! while it is open, and shows only the answer to its latest question.

use super::bridge::{use_bridge, Failed, FAILED};
use super::protocol::{Explanation as Body, Reply, Request, What};
use crate::calc::Inputs;
use std::rc::Rc;
use yew::prelude::*;

/// What an open explanation shows.
#[derive(Debug, Clone, PartialEq)]
enum State {
    /// Asked of the worker, not answered yet.
    Loading,
    /// The worker's answer.
    Ready(Rc<Body>),
    /// Nothing to explain (the number does not exist in this plan).
    Empty,
    /// The worker could not start, or could not read the question.
    Failed,
}

/// A number a disclosure shows in its summary.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    /// Its metric id (`data-metric`).
    pub metric: &'static str,
    /// Its raw value (`data-value`).
    pub raw: AttrValue,
    /// As shown.
    pub text: AttrValue,
    /// Its change against a base, as shown.
    pub delta: Option<AttrValue>,
}

/// The disclosure's inputs.
#[derive(Properties, PartialEq)]
pub struct ExplainProps {
    /// The number it explains.
    pub what: What,
    /// The shown plan's inputs.
    pub inputs: Rc<Inputs>,
    /// The number's label, or the disclosure's sentence when it shows no number.
    pub title: AttrValue,
    /// The number in the summary (a metric card), or `None` (a sentence).
    #[prop_or_default]
    pub number: Option<Number>,
    /// A figure of this service (its name, the number's `data-service`): a table cell, whose
    /// label is its column's heading (read by screen readers, not shown).
    #[prop_or_default]
    pub service: Option<AttrValue>,
}

/// A disclosure that explains a number: a `<details>` whose open state the component owns (a
/// re-render never closes it), with the explanation in a labelled region.
#[function_component]
pub fn Explain(p: &ExplainProps) -> Html {
    let open = use_state_eq(|| false);
    let state = use_state_eq(|| State::Loading);
    let latest = use_mut_ref(|| None::<Request>);
    let bridge = use_bridge();
    {
        let (state, latest, what) = (state.clone(), latest.clone(), p.what);
        use_effect_with((*open, p.inputs.clone()), move |(open, inputs)| {
            if *open {
                let request = Request::Explain {
                    inputs: Box::new((**inputs).clone()),
                    what,
                };
                state.set(State::Loading);
                *latest.borrow_mut() = Some(request.clone());
                bridge.request(&request.clone(), move |r| {
                    // Only the answer to the latest question is shown.
                    if latest.borrow().as_ref() != Some(&request) {
                        return;
                    }
                    state.set(match r {
                        Ok(Reply::Explained(Some(e))) => State::Ready(Rc::new(e)),
                        Ok(Reply::Explained(None)) => State::Empty,
                        Ok(_) | Err(Failed) => State::Failed,
                    });
                });
            } else {
                *latest.borrow_mut() = None;
            }
        });
    }
    let onclick = {
        let open = open.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default(); // the component owns the open state
            open.set(!*open);
        })
    };
    let id = p.what.dom_id();
    let summary = match &p.number {
        Some(n) => html! {
            <summary class="metric-button" title="Show how this number is computed" {onclick}>
                <span class={if p.service.is_some() { "label sr-only" } else { "label" }}>{ p.title.clone() }</span>
                <span class="value" data-service={p.service.clone()} data-metric={n.metric} data-value={n.raw.clone()}>{ n.text.clone() }</span>
                if let Some(d) = &n.delta {
                    <span class="delta">{ d.clone() }</span>
                }
            </summary>
        },
        None => html! { <summary {onclick}>{ format!("How {} is computed", p.title) }</summary> },
    };
    html! {
        <details class={match (&p.number, &p.service) {
            (Some(_), Some(_)) => "metric cell",
            (Some(_), None) => "metric",
            (None, _) => "explain-az",
        }} data-x={id.clone()} open={*open}>
            { summary }
            if *open {
                <div class="explain" id={id} role="region" aria-label={format!("How {} is computed", p.title)}
                    aria-busy={(*state == State::Loading).to_string()}>
                    { body(&state) }
                </div>
            }
        </details>
    }
}

/// The formula lines, the notes and the linked sources.
fn body(state: &State) -> Html {
    match state {
        State::Loading => html! { <p class="muted loading">{ "Loading…" }</p> },
        State::Empty => Html::default(),
        State::Failed => html! { <p class="error" role="alert">{ FAILED }</p> },
        State::Ready(e) => {
            html! {
                <>
                    <ol class="formula">{ for e.formula.iter().map(|l| html! { <li>{ l.clone() }</li> }) }</ol>
                    { for e.notes.iter().map(|n| html! { <p class="note">{ n.clone() }</p> }) }
                    <p class="sources">
                        { "Source: " }
                        { for e.sources.iter().enumerate().map(|(i, s)| html! {
                            <>
                                if i > 0 { { "; " } }
                                <a href={s.url.clone()} target="_blank" rel="noopener noreferrer">{ s.title.clone() }</a>
                            </>
                        }) }
                    </p>
                </>
            }
        }
    }
}
