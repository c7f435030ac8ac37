//! The page state: the raw form (never discarded) and the last inputs that made a plan.

use crate::calc::form::Form;
use crate::calc::plan::{plan, Inputs, PlanError};
use std::rc::Rc;
use yew::prelude::*;

/// Raw form text plus the last valid inputs.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct State {
    /// What the user typed.
    pub form: Form,
    /// The last inputs that parsed and planned; the page shows these.
    pub good: Inputs,
}

impl State {
    /// A state showing `form`, keeping `good` when the form does not make a plan.
    pub fn with_form(form: Form, good: Inputs) -> State {
        let good = valid(&form).unwrap_or(good);
        State { form, good }
    }
    /// The errors of the current form: parse errors, else the plan's error.
    pub fn errors(&self) -> Vec<PlanError> {
        match self.form.parse() {
            Err(errs) => errs,
            Ok(i) => plan(&i).err().into_iter().collect(),
        }
    }
}

fn valid(form: &Form) -> Option<Inputs> {
    let i = form.parse().ok()?;
    plan(&i).ok().map(|_| i)
}

/// An edit of the form.
#[allow(dead_code)] // `Replace` is for links and imports
pub enum Action {
    /// Change the form.
    Edit(Box<dyn FnOnce(&mut Form)>),
    /// Replace the whole form (a link, an import).
    Replace(Box<Form>),
}

impl Reducible for State {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let form = match action {
            Action::Edit(f) => {
                let mut form = self.form.clone();
                f(&mut form);
                form
            }
            Action::Replace(form) => *form,
        };
        if form == self.form {
            return self;
        }
        Rc::new(State::with_form(form, self.good.clone()))
    }
}

/// Dispatches a form edit.
pub fn edit(state: &UseReducerHandle<State>, f: impl FnOnce(&mut Form) + 'static) {
    state.dispatch(Action::Edit(Box::new(f)));
}
