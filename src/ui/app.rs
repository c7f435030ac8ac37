//! The page: inputs on the left, the plan on the right, then the comparison, the ranking and the
//! footer with the dataset version and sources.

use super::compare::{compare as comparison, growth_chart};
use super::inputs::Inputs as InputPanel;
use super::ranking::Ranking;
use super::results::{headline, per_az, resilience, warnings};
use super::state::State;
use crate::calc::catalog::{self, DATASET_VERSION};
use crate::calc::chart::growth;
use crate::calc::explain::{EC2_LIMITS, ECS_BP_AWSVPC, ECS_TRUNKING_TYPES, VPC_SUBNET_SIZING};
use crate::calc::plan::{compare, plan};
use std::rc::Rc;
use yew::prelude::*;

/// The whole calculator.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(State::default);
    let inputs = Rc::new(state.good.clone());
    let current = use_memo(inputs.clone(), |i| plan(i).ok().map(Rc::new));
    let scenarios = use_memo(inputs.clone(), |i| {
        Rc::new(compare(i).into_iter().map(|(s, r)| (s, r.map(Rc::new))).collect::<Vec<_>>())
    });
    let chart = use_memo(inputs.clone(), |i| Rc::new(growth(i)));
    let invalid = !state.errors().is_empty();
    html! {
        <>
        <header class="top">
            <h1>{ "awsvpc planner" }</h1>
            <p class="tagline">{ "How many ECS tasks in awsvpc mode fit on your EC2 instances, and when your subnets run out of IPv4 addresses." }</p>
        </header>
        <main id="app" class="layout">
            <InputPanel state={state.clone()} />
            <section id="plan" class="results" aria-labelledby="plan-h" aria-live="polite">
                <h2 id="plan-h">{ "Plan" }</h2>
                if invalid {
                    <p class="stale" role="status">{ "Showing the last valid plan: correct the highlighted field." }</p>
                }
                if let Some(p) = (*current).clone() {
                    { headline(&p) }
                    { warnings(&p) }
                    { per_az(&p) }
                    { resilience(&p) }
                }
            </section>
        </main>
        <section id="compare" class="wide" aria-labelledby="compare-h">
            <h2 id="compare-h">{ "Trunking × secondary CIDR" }</h2>
            <p class="muted">{ "The same inputs in four scenarios. Open any number for its formula." }</p>
            { comparison(&scenarios) }
            { growth_chart(&chart) }
        </section>
        <section id="types" class="wide" aria-labelledby="types-h">
            <h2 id="types-h">{ "Compare instance types" }</h2>
            <Ranking inputs={inputs.clone()} state={state.clone()} />
        </section>
        <footer class="foot">
            <p>
                { format!("Instance data {DATASET_VERSION}: {} EC2 types. ", catalog::all().len()) }
                { "Sources: " }
                <a href={EC2_LIMITS.url}>{ "EC2 ENI limits (limits.go)" }</a>{ ", " }
                <a href={ECS_TRUNKING_TYPES.url}>{ "ECS trunking table (2023-04)" }</a>{ ", " }
                <a href={VPC_SUBNET_SIZING.url}>{ "VPC subnet sizing" }</a>{ ", " }
                <a href={ECS_BP_AWSVPC.url}>{ "ECS awsvpc best practices" }</a>{ "." }
            </p>
            <p class="muted">{ "Everything runs in your browser; nothing is sent anywhere." }</p>
        </footer>
        </>
    }
}
