//! The page state: the raw form (never discarded), the last inputs that made a plan, and what a
//! link or an import said about itself.

use crate::calc::form::Form;
use crate::calc::plan::{plan, Inputs, PlanError};
use crate::calc::share::{self, Decoded, Notice};
use std::rc::Rc;
use yew::prelude::*;

/// Raw form text plus the last valid inputs.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct State {
    /// What the user typed.
    pub form: Form,
    /// The last inputs that parsed and planned; the page shows these.
    pub good: Inputs,
    /// What the last link or import could not use.
    pub notices: Vec<Notice>,
    /// The compact embed view.
    pub embed: bool,
    /// Why the form makes no plan (parse errors, else the plan's error); empty when it does.
    errors: Vec<PlanError>,
}

impl State {
    /// A state showing `form`, keeping `good` when the form does not make a plan.
    pub fn with_form(form: Form, good: Inputs) -> State {
        let (good, errors) = match check(&form) {
            Ok(i) => (i, Vec::new()),
            Err(errors) => (good, errors),
        };
        State {
            form,
            good,
            notices: Vec::new(),
            embed: false,
            errors,
        }
    }
    /// The state a link (URL fragment) describes.
    pub fn from_fragment(fragment: &str) -> State {
        State::from_decoded(share::decode(fragment), &Inputs::default())
    }
    fn from_decoded(d: Decoded, good: &Inputs) -> State {
        let mut s = State::with_form(d.form, good.clone());
        s.notices = d.notices;
        s.embed = d.embed;
        s
    }
    /// The errors of the current form: parse errors, else the plan's error (computed once, when
    /// the form changed).
    pub fn errors(&self) -> &[PlanError] {
        &self.errors
    }
    /// The link fragment of the shown plan.
    pub fn fragment(&self) -> String {
        share::encode(&self.good, self.embed)
    }
}

/// The inputs of `form` when they make a plan, else why not.
fn check(form: &Form) -> Result<Inputs, Vec<PlanError>> {
    let i = form.parse()?;
    plan(&i).map(|_| i).map_err(|e| vec![e])
}

/// A change of the page state.
pub enum Action {
    /// Change the form.
    Edit(Box<dyn FnOnce(&mut Form)>),
    /// A link or an import: replace everything it describes.
    Load(Box<Decoded>),
    /// Dismiss the notices.
    Dismiss,
}

impl Reducible for State {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::Edit(f) => {
                let mut form = self.form.clone();
                f(&mut form);
                if form == self.form {
                    return self;
                }
                let mut s = State::with_form(form, self.good.clone());
                s.notices = self.notices.clone();
                s.embed = self.embed;
                Rc::new(s)
            }
            Action::Load(d) => {
                if d.form == self.form && d.notices.is_empty() && d.embed == self.embed {
                    return self;
                }
                Rc::new(State::from_decoded(*d, &self.good))
            }
            Action::Dismiss => Rc::new(State {
                notices: Vec::new(),
                ..(*self).clone()
            }),
        }
    }
}

/// Dispatches a form edit.
pub fn edit(state: &UseReducerHandle<State>, f: impl FnOnce(&mut Form) + 'static) {
    state.dispatch(Action::Edit(Box::new(f)));
}
