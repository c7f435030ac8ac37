//! Below the fold: the comparison (with the growth chart) and the ranking of every type, asked of
//! the extras worker once the comparison comes near the viewport, and again whenever the shown
//! plan, the ranking's query, the pins or the rows shown change. Only the answer to the newest
//! question is shown; until it is in, the sections are `aria-busy`.

use super::bridge::{use_bridge, Failed, FAILED};
use super::compare::Comparison;
use super::protocol::{RankingView, Reply, Request, ScenarioView, Sections, SectionsRequest};
use super::ranking::Ranking;
use super::web;
use crate::calc::chart::Growth;
use crate::calc::rank::{more, MAX_PINNED, PAGE};
use crate::calc::{Inputs, RankQuery};
use std::rc::Rc;
use yew::prelude::*;

/// The sections' inputs.
#[derive(Properties, PartialEq)]
pub struct BelowProps {
    /// The shown plan's inputs (`None`: no plan).
    pub inputs: Option<Rc<Inputs>>,
    /// The fields make no plan: the shown numbers are not theirs.
    pub stale: bool,
    /// The compact embed view: the comparison only.
    pub embed: bool,
    /// The ranking's filters and order.
    pub query: Rc<RankQuery>,
    /// A new filter or order.
    pub on_query: Callback<RankQuery>,
    /// Plan with a type.
    pub on_use: Callback<String>,
}

/// The worker's sections for a question, each part shared with the component that shows it.
#[derive(Clone, PartialEq)]
struct Ready {
    question: Rc<SectionsRequest>,
    inputs: Rc<Inputs>,
    scenarios: Rc<Vec<ScenarioView>>,
    growth: Option<Rc<Growth>>,
    ranking: Option<Rc<RankingView>>,
}

/// What the worker last answered.
#[derive(Clone, PartialEq)]
enum Answer {
    /// Nothing yet.
    None,
    /// The sections for a question.
    Ready(Rc<Ready>),
    /// The worker could not start.
    Failed,
}

/// The comparison and the ranking.
#[function_component]
pub fn Below(p: &BelowProps) -> Html {
    let bridge = use_bridge();
    let near = use_state_eq(|| false);
    let pins = use_state_eq(|| Rc::new(Vec::<String>::new()));
    let shown = use_state_eq(|| PAGE);
    let answer = use_state_eq(|| Answer::None);
    let asked = use_mut_ref(|| None::<Rc<SectionsRequest>>);
    let compare = use_node_ref();
    // The worker is asked once the comparison comes near the viewport.
    {
        let (compare, near) = (compare.clone(), near.clone());
        use_effect_with((), move |()| {
            web::when_near(compare.cast::<web_sys::Element>(), "200px", move || {
                near.set(true)
            });
        });
    }
    let question = use_memo(
        (
            p.inputs.clone(),
            p.query.clone(),
            (*pins).clone(),
            *shown,
            p.embed,
            *near,
        ),
        |(inputs, query, pins, shown, embed, near)| match (inputs, near) {
            (Some(i), true) => Some(Rc::new(SectionsRequest {
                inputs: (**i).clone(),
                query: (**query).clone(),
                pins: (**pins).clone(),
                shown: *shown,
                embed: *embed,
            })),
            _ => None,
        },
    );
    {
        let (answer, asked, bridge) = (answer.clone(), asked.clone(), bridge.clone());
        use_effect_with(question.clone(), move |q| {
            let Some(q) = (**q).clone() else { return };
            if asked.borrow().as_ref() == Some(&q) {
                return;
            }
            *asked.borrow_mut() = Some(q.clone());
            let latest = asked.clone();
            bridge.request(&Request::Sections(Box::new((*q).clone())), move |r| {
                // Only the newest question's answer is shown.
                if latest.borrow().as_ref() != Some(&q) {
                    return;
                }
                match r {
                    Ok(Reply::Sections(s)) => {
                        let Sections {
                            scenarios,
                            growth,
                            ranking,
                        } = *s;
                        answer.set(Answer::Ready(Rc::new(Ready {
                            inputs: Rc::new(q.inputs.clone()),
                            question: q,
                            scenarios: Rc::new(scenarios),
                            growth: growth.map(Rc::new),
                            ranking: ranking.map(Rc::new),
                        })));
                    }
                    Ok(_) | Err(Failed) => answer.set(Answer::Failed),
                }
            });
        });
    }
    // Busy until the answer is the one to the newest question.
    let busy = match &*answer {
        Answer::Failed => false,
        Answer::Ready(r) => p.stale || question.as_ref().as_ref() != Some(&r.question),
        Answer::None => true,
    }
    .to_string();
    let ready = match &*answer {
        Answer::Ready(r) => Some(r.clone()),
        _ => None,
    };
    let failed = html! { <p class="error" role="alert">{ FAILED }</p> };
    let loading = html! { <p class="muted loading">{ "Loading…" }</p> };
    let on_pin = {
        let pins = pins.clone();
        Callback::from(move |name: String| {
            let mut list = (**pins).clone();
            match list.iter().position(|n| *n == name) {
                Some(i) => {
                    list.remove(i);
                }
                None if list.len() < MAX_PINNED => list.push(name),
                None => return,
            }
            pins.set(Rc::new(list));
        })
    };
    let on_query = {
        let (on_query, shown, sort) = (p.on_query.clone(), shown.clone(), p.query.sort);
        Callback::from(move |q: RankQuery| {
            if q.sort == sort {
                // Other rows: start again from the first page.
                shown.set(PAGE);
            }
            on_query.emit(q);
        })
    };
    let on_more = {
        let shown = shown.clone();
        Callback::from(move |()| shown.set(more(*shown)))
    };
    // Instance types mean nothing when every service runs on Fargate.
    let fargate = p.inputs.as_ref().is_some_and(|i| !i.uses_instances());
    html! {
        <>
            <section id="compare" class="wide" ref={compare} aria-labelledby="compare-h" aria-busy={busy.clone()}>
                <h2 id="compare-h">{ "Trunking × secondary CIDR" }</h2>
                <p class="muted">{ "The same inputs in four scenarios. Open any number for its formula." }</p>
                { match (&*answer, &ready) {
                    (Answer::Failed, _) => failed.clone(),
                    (_, Some(r)) => html! {
                        <Comparison scenarios={r.scenarios.clone()} growth={r.growth.clone()}
                            inputs={r.inputs.clone()} />
                    },
                    _ => loading.clone(),
                } }
            </section>
            if !p.embed && !fargate {
                <section id="types" class="wide" aria-labelledby="types-h" aria-busy={busy}>
                    <h2 id="types-h">{ "Compare instance types" }</h2>
                    if matches!(*answer, Answer::Failed) {
                        { failed }
                    } else {
                        <Ranking ranking={ready.as_ref().and_then(|r| r.ranking.clone())}
                            inputs={ready.as_ref().map(|r| r.inputs.clone())}
                            query={p.query.clone()} pins={(*pins).clone()}
                            current={p.inputs.as_ref().map(|i| AttrValue::from(i.instance.clone())).unwrap_or_default()}
                            {on_query} {on_pin} on_use={p.on_use.clone()} {on_more} />
                        if matches!(*answer, Answer::None) {
                            { loading }
                        }
                    }
                </section>
            }
        </>
    }
}
