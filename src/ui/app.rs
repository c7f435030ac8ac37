//! The page: inputs on the left, the plan on the right, then the comparison and the ranking
//! (from the extras worker, see `below`) and the footer with the dataset version and sources. With `embed=1` in the link: a compact view.

use super::below::Below;
use super::inputs::Inputs as InputPanel;
use super::lazy::Lazy;
use super::metric::PerAzExplanation;
use super::raw;
use super::results::{headline, per_az, resilience, warnings};
use super::share::{link, ShareBar};
use super::state::{Action, State};
use super::web;
use crate::calc::catalog::{self, DATASET_VERSION};
use crate::calc::explain::{
    summary, EC2_LIMITS, ECS_BP_AWSVPC, ECS_TRUNKING_TYPES, VPC_SUBNET_SIZING,
};
use crate::calc::fmt;
use crate::calc::plan::plan;
use crate::calc::share;
use std::rc::Rc;
use yew::prelude::*;

/// The whole calculator.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| State::from_fragment(&web::fragment()));
    let inputs = Rc::new(state.good.clone());
    let current = use_memo(inputs.clone(), |i| plan(i).ok().map(Rc::new));
    // The extras worker (comparison, chart, ranking, exports), started on demand.
    let lazy = (*use_memo((), |_| Lazy::default())).clone();

    // The shown plan's link fragment, encoded once per render for everything below.
    let fragment = AttrValue::from(state.fragment());
    // The link follows the plan (replaceState: no history entry per keystroke).
    use_effect_with(fragment.clone(), |fragment| {
        web::replace_fragment_soon(fragment)
    });
    // Opening a link, back/forward and editing the fragment by hand all re-render.
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            web::on_hash_change(move || {
                web::cancel_fragment_update();
                let d = share::decode(&web::fragment());
                state.dispatch(Action::Load(Box::new(d)));
            })
        });
    }
    // Inside an iframe: tell the host page our height whenever it changes (the sections from the
    // worker, an opened explanation, the folded inputs: not only when this component renders).
    use_effect_with((), |_| web::post_height_on_resize());

    // The explanations come from the worker: start it when a pointer or the focus reaches the plan.
    let (warm, warm_focus) = {
        let (a, b) = (lazy.clone(), lazy.clone());
        (
            Callback::from(move |_: PointerEvent| a.start()),
            Callback::from(move |_: FocusEvent| b.start()),
        )
    };
    let invalid = !state.errors().is_empty();
    let dismiss = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::Dismiss))
    };
    let notices = (!state.notices.is_empty()).then(|| {
        let items: String = state.notices.iter().map(|n| format!(r#"<li data-key="{}">{}</li>"#, raw::esc(&n.key), raw::esc(&n.message))).collect();
        html! {
            <div class="notices" id="notices" role="alert">
                { raw::html(format!("<p><strong>Some values in this link were not used:</strong></p><ul>{items}</ul>")) }
                <button type="button" class="small" onclick={dismiss}>{ "Dismiss" }</button>
            </div>
        }
    });
    let results = html! {
        <section id="plan" class="results" aria-labelledby="plan-h" aria-live="polite" onpointerover={warm} onfocusin={warm_focus}>
            <h2 id="plan-h">{ "Plan" }</h2>
            if invalid {
                <p class="stale" role="status">{ "Showing the last valid plan: correct the highlighted field." }</p>
            }
            if let Some(p) = (*current).clone() {
                { headline(&p, &fragment, &lazy) }
                { warnings(&p) }
                if !state.embed {
                    { per_az(&p) }
                    <PerAzExplanation fragment={fragment.clone()} lazy={lazy.clone()} />
                    { resilience(&p) }
                }
            }
        </section>
    };
    let footer = raw::html(format!(
        concat!(
            r#"<footer class="foot"><p>Instance data {}: {} EC2 types. Sources: <a href="{}">EC2 ENI limits (limits.go)</a>, "#,
            r#"<a href="{}">ECS trunking table (2023-04)</a>, <a href="{}">VPC subnet sizing</a>, <a href="{}">ECS awsvpc best practices</a>.</p>"#,
            r#"<p class="muted">Everything runs in your browser; nothing is sent anywhere.</p></footer>"#
        ),
        DATASET_VERSION,
        fmt::int(catalog::all().len() as u64),
        EC2_LIMITS.url,
        ECS_TRUNKING_TYPES.url,
        VPC_SUBNET_SIZING.url,
        ECS_BP_AWSVPC.url
    ));
    if state.embed {
        return html! {
            <div class="embed">
                <header class="top">
                    <h1>{ "awsvpc planner" }</h1>
                    <a id="open-full" href={link(&state, false)} target="_blank" rel="noopener">{ "Open full calculator" }</a>
                </header>
                { notices }
                <main id="app" class="embed-main">
                    <details class="embed-inputs">
                        <summary id="embed-summary">{ summary(&state.good) }</summary>
                        <InputPanel state={state.clone()} />
                    </details>
                    { results }
                </main>
                <Below state={state.clone()} fragment={fragment.clone()} lazy={lazy.clone()} />
                { footer }
            </div>
        };
    }
    html! {
        <>
        <header class="top">
            <h1>{ "awsvpc planner" }</h1>
            <p class="tagline">{ "How many ECS tasks in awsvpc mode fit on your EC2 instances, and when your subnets run out of IPv4 addresses." }</p>
            <ShareBar state={state.clone()} lazy={lazy.clone()} />
        </header>
        { notices }
        <main id="app" class="layout">
            <InputPanel state={state.clone()} />
            { results }
        </main>
        <Below state={state.clone()} fragment={fragment.clone()} lazy={lazy.clone()} />
        { footer }
        </>
    }
}
