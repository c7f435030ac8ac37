//! The page state: the raw form (never discarded), its errors, the plan shown, and what a link or
//! an import said about itself.
//!
//! The plan shown is the fields' plan. While an edit leaves the fields without one, the last valid
//! plan stays, marked as not matching them; a link or an import that cannot be planned shows no
//! plan at all. The address bar only ever gets the fields' own link ([`State::link_fragment`]).

use crate::calc::share::{self, Decoded, Notice};
use crate::calc::Form;
use crate::calc::{Inputs, Plan, PlanError};
use std::rc::Rc;

/// What the page shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct State {
    /// What the user typed.
    pub form: Rc<Form>,
    /// What the last link or import could not use.
    pub notices: Rc<Vec<Notice>>,
    /// The compact embed view.
    pub embed: bool,
    /// Why the fields make no plan (parse errors, else the plan's error); empty when they do.
    pub errors: Rc<Vec<PlanError>>,
    /// The shown plan and its inputs.
    shown: Option<(Inputs, Rc<Plan>)>,
}

impl State {
    /// The state of `form`; `last` is the plan to keep showing when the form makes none (an
    /// edit), `None` for a link or an import.
    fn new(form: Form, last: Option<(Inputs, Rc<Plan>)>) -> State {
        let (shown, errors) = match form.plan() {
            Ok((i, p)) => (Some((i, Rc::new(p))), Vec::new()),
            Err(e) => (last, e),
        };
        State {
            form: Rc::new(form),
            notices: Rc::default(),
            embed: false,
            errors: Rc::new(errors),
            shown,
        }
    }

    /// The state a link or an import describes.
    pub fn from_decoded(d: Decoded) -> State {
        State {
            notices: Rc::new(d.notices),
            embed: d.embed,
            ..State::new(d.form, None)
        }
    }

    /// The state a link (URL fragment) describes.
    pub fn from_fragment(fragment: &str) -> State {
        State::from_decoded(share::decode(fragment))
    }

    /// This state with the form edited by `f`; `None` when nothing changed.
    pub fn edited(&self, f: impl FnOnce(&mut Form)) -> Option<State> {
        let mut form = (*self.form).clone();
        f(&mut form);
        if form == *self.form {
            return None;
        }
        Some(State {
            notices: self.notices.clone(),
            embed: self.embed,
            ..State::new(form, self.shown.clone())
        })
    }

    /// This state without its notices.
    pub fn dismissed(&self) -> State {
        State {
            notices: Rc::default(),
            ..self.clone()
        }
    }

    /// The shown plan.
    pub fn plan(&self) -> Option<&Rc<Plan>> {
        self.shown.as_ref().map(|(_, p)| p)
    }

    /// The inputs of the shown plan.
    pub fn inputs(&self) -> Option<&Inputs> {
        self.shown.as_ref().map(|(i, _)| i)
    }

    /// The fields make no plan: the shown plan (if any) does not match them.
    pub fn stale(&self) -> bool {
        !self.errors.is_empty()
    }

    /// The link fragment of the shown plan (what the worker computes from), if there is one.
    pub fn plan_fragment(&self) -> Option<String> {
        self.inputs().map(|i| share::encode(i, self.embed))
    }

    /// The link fragment of the fields, when they make a plan: the only thing the address bar is
    /// ever set to.
    pub fn link_fragment(&self, embed: bool) -> Option<String> {
        if self.stale() {
            return None;
        }
        self.inputs().map(|i| share::encode(i, embed))
    }
}
