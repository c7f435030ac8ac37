//! The page state: the raw form (never discarded), the last inputs that made a plan, and what a
//! link or an import said about itself.

use crate::calc::form::Form;
use crate::calc::plan::{plan, Inputs, Plan, PlanError};
use crate::calc::share::{self, Decoded, Notice};
use std::rc::Rc;
use yew::prelude::*;

/// Raw form text plus the last valid inputs.
#[derive(Debug, Clone, Default)]
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
    /// The plan of `good`, computed once when it changed.
    plan: Option<Rc<Plan>>,
}

impl State {
    /// A state showing `form`, keeping `good` (whose plan is `shown`, if known) when the form
    /// does not make a plan.
    pub fn with_form(form: Form, good: Inputs, shown: Option<Rc<Plan>>) -> State {
        let (good, plan, errors) = match check(&form) {
            Ok((i, p)) => (i, Some(Rc::new(p)), Vec::new()),
            Err(errors) => {
                let plan = shown.or_else(|| plan(&good).ok().map(Rc::new));
                (good, plan, errors)
            }
        };
        State {
            form,
            good,
            notices: Vec::new(),
            embed: false,
            errors,
            plan,
        }
    }
    /// The state a link (URL fragment) describes.
    pub fn from_fragment(fragment: &str) -> State {
        State::from_decoded(share::decode(fragment), &Inputs::default(), None)
    }
    fn from_decoded(d: Decoded, good: &Inputs, shown: Option<Rc<Plan>>) -> State {
        let mut s = State::with_form(d.form, good.clone(), shown);
        s.notices = d.notices;
        s.embed = d.embed;
        s
    }
    /// The errors of the current form: parse errors, else the plan's error (computed once, when
    /// the form changed).
    pub fn errors(&self) -> &[PlanError] {
        &self.errors
    }
    /// The plan of the last valid inputs (the one the page shows).
    pub fn plan(&self) -> Option<&Plan> {
        self.plan.as_deref()
    }
    /// The link fragment of the shown plan.
    pub fn fragment(&self) -> String {
        share::encode(&self.good, self.embed)
    }
}

/// The inputs of `form` and their plan when they make one, else why not.
fn check(form: &Form) -> Result<(Inputs, Plan), Vec<PlanError>> {
    let i = form.parse()?;
    plan(&i).map(|p| (i, p)).map_err(|e| vec![e])
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
                let mut s = State::with_form(form, self.good.clone(), self.plan.clone());
                s.notices = self.notices.clone();
                s.embed = self.embed;
                Rc::new(s)
            }
            Action::Load(d) => {
                if d.form == self.form && d.notices.is_empty() && d.embed == self.embed {
                    return self;
                }
                Rc::new(State::from_decoded(*d, &self.good, self.plan.clone()))
            }
            Action::Dismiss => Rc::new(State {
                notices: Vec::new(),
                ..(*self).clone()
            }),
        }
    }
}

/// Opens `id` in a list of open disclosures, or closes it when it is open.
pub fn toggle(open: &mut Vec<String>, id: String) {
    match open.iter().position(|o| *o == id) {
        Some(i) => {
            open.remove(i);
        }
        None => open.push(id),
    }
}
