//! How a number is computed: the explanations the extras worker writes as data, and the
//! component that shows one (formula, notes, linked sources).

use super::bridge::FAILED;
use super::protocol::{Explanation, What};
use std::rc::Rc;
use yew::prelude::*;

/// What an open explanation shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// Asked of the worker, not answered yet.
    Loading,
    /// The worker's answer.
    Ready(Rc<Explanation>),
    /// Nothing to explain (the number does not exist in this plan).
    Empty,
    /// The worker could not start.
    Failed,
}

/// The open explanations and what each shows, for the shown plan.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Opened(pub Vec<(What, Body)>);

impl Opened {
    /// What the explanation of `what` shows, if it is open.
    pub fn get(&self, what: &What) -> Option<&Body> {
        self.0.iter().find(|(w, _)| w == what).map(|(_, b)| b)
    }
}

/// The formula lines, the notes and the linked sources.
pub fn explanation_body(body: &Body) -> Html {
    match body {
        Body::Loading => html! { <p class="muted loading">{ "Loading…" }</p> },
        Body::Empty => Html::default(),
        Body::Failed => html! { <p class="error" role="alert">{ FAILED }</p> },
        Body::Ready(e) => {
            let n = e.sources.len();
            html! {
                <>
                    <ol class="formula">{ for e.formula.iter().map(|l| html! { <li>{ l.clone() }</li> }) }</ol>
                    { for e.notes.iter().map(|n| html! { <p class="note">{ n.clone() }</p> }) }
                    <p class="sources">
                        { "Source: " }
                        { for e.sources.iter().enumerate().map(|(i, s)| html! {
                            <>
                                <a href={s.url.clone()} target="_blank" rel="noopener noreferrer">{ s.title.clone() }</a>
                                if i + 1 < n { { "; " } }
                            </>
                        }) }
                    </p>
                </>
            }
        }
    }
}
