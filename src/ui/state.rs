//! The page state and its reducer: the raw form (never discarded), its errors, the plan shown,
//! what a link or an import said about itself, the ranking's query, and the link the address
//! bar shows.
//!
//! [`Page::next`] is a pure function of the state and an [`Action`] (Yew's `Reducible` calls it);
//! what follows from a state — the address bar, the worker's requests — is derived from it by the
//! components ([`Page::address`]), so every action is tested natively (`tests/state.rs`).
//!
//! The plan shown is the fields' plan. While an edit leaves the fields without one, the last valid
//! plan stays, marked as not matching them; a link or an import that cannot be planned shows no
//! plan at all. The address bar keeps the link exactly as it was opened until the user changes
//! something; from then on it gets only the fields' own link, with the ranking's query and the
//! keys this version does not know carried along.

use crate::calc::cluster::ClusterPlan;
use crate::calc::share::{self, Decoded, Notice};
use crate::calc::{catalog, Field, Fix, Form, Inputs, Plan, PlanError, RankQuery};
use std::rc::Rc;
use yew::Reducible;

/// A change of the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// A field was edited.
    Edit(Field, String),
    /// Several fields at once, e.g. the edits made in the prerendered form before the app
    /// started, or imported subnets.
    EditAll(Vec<(Field, String)>),
    /// A one-click fix of a conflict.
    Fix(Fix),
    /// A link was opened (at start, back/forward, the fragment edited by hand): its fragment.
    Open(String),
    /// A plan read from a JSON file.
    Load(Box<Decoded>),
    /// Dismiss the link's notices.
    Dismiss,
    /// New ranking filters or order.
    Query(RankQuery),
    /// Plan with this instance type (from the ranking).
    UseType(String),
    /// Fold or unfold the embed view's inputs.
    EmbedInputs,
    /// A change of the cluster's list of services.
    Service(ServiceEdit),
}

/// A change of the cluster's list of services; a service is named by its place (0: the first,
/// whose fields are the form's own).
#[derive(Debug, Clone, PartialEq)]
pub enum ServiceEdit {
    /// Add a service at the end.
    Add,
    /// Add a copy of this service right after it.
    Duplicate(usize),
    /// Remove this service (the last one stays).
    Remove(usize),
    /// A field of this service was edited.
    Edit(usize, Field, String),
}

/// What the page shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// What the user typed.
    pub form: Rc<Form>,
    /// What the last link or import could not use.
    pub notices: Rc<Vec<Notice>>,
    /// The compact embed view.
    pub embed: bool,
    /// The embed view's inputs are unfolded.
    pub embed_inputs: bool,
    /// Why the fields make no plan (parse errors, else the plan's errors); empty when they do.
    pub errors: Rc<Vec<PlanError>>,
    /// The ranking's filters and order (part of the link).
    pub query: Rc<RankQuery>,
    /// The shown plan and its inputs.
    shown: Option<(Rc<Inputs>, Rc<Plan>)>,
    /// The shown cluster's whole plan (per service, per AZ), when the form is a cluster.
    cluster: Option<Rc<ClusterPlan>>,
    /// The `key=value` pairs of the opened link this version does not know.
    unknown: Rc<Vec<String>>,
    /// The user changed something since the link was opened.
    edited: bool,
}

impl Page {
    /// The page a link (URL fragment) describes.
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::ui::state::Page;
    /// let p = Page::open("#v=1&tasks=500&utm_source=chat");
    /// assert_eq!(p.form.tasks, "500");
    /// assert_eq!(p.address(), None); // the address bar keeps the link as opened
    /// ```
    pub fn open(fragment: &str) -> Page {
        let query = share::decode_query(fragment);
        Page {
            query: Rc::new(query),
            ..Page::load(share::decode(fragment))
        }
    }

    /// The page a decoded link or an imported plan describes (no plan shown if its form makes
    /// none).
    fn load(d: Decoded) -> Page {
        Page {
            notices: Rc::new(d.notices),
            embed: d.embed,
            unknown: Rc::new(d.unknown),
            ..Page::with_form(d.form, None, None)
        }
    }

    /// The state of `form`; `last` is the plan to keep showing when the form makes none.
    fn with_form(
        form: Form,
        last: Option<(Rc<Inputs>, Rc<Plan>)>,
        last_cluster: Option<Rc<ClusterPlan>>,
    ) -> Page {
        let (shown, cluster, errors) = match form.plan_all() {
            Ok((i, p, c)) => (Some((Rc::new(i), Rc::new(p))), c.map(Rc::new), Vec::new()),
            Err(e) => (last, last_cluster, e),
        };
        Page {
            form: Rc::new(form),
            errors: Rc::new(errors),
            shown,
            cluster,
            ..Page::default()
        }
    }

    /// The state after `action`.
    #[must_use]
    pub fn next(&self, action: Action) -> Page {
        match action {
            Action::Edit(field, value) => self.edited(|f| f.edit(field, value)),
            Action::EditAll(edits) => self.edited(|f| {
                for (field, value) in edits {
                    f.edit(field, value);
                }
            }),
            Action::Fix(fix) => self.edited(|f| fix.apply(f)),
            Action::UseType(name) => match catalog::lookup(&name) {
                Ok(t) => self.edited(|f| f.instance = t.name.to_string()),
                Err(_) => self.clone(),
            },
            Action::Open(fragment) => Page {
                embed_inputs: self.embed_inputs,
                ..Page::open(&fragment)
            },
            Action::Load(d) => Page {
                query: self.query.clone(),
                edited: true,
                ..Page::load(*d)
            },
            Action::Dismiss => Page {
                notices: Rc::default(),
                ..self.clone()
            },
            Action::Query(q) if q == *self.query => self.clone(),
            Action::Query(q) => Page {
                query: Rc::new(q),
                edited: true,
                ..self.clone()
            },
            Action::EmbedInputs => Page {
                embed_inputs: !self.embed_inputs,
                ..self.clone()
            },
            Action::Service(edit) => self.edited(|f| match edit {
                ServiceEdit::Add => {
                    f.add_service();
                }
                ServiceEdit::Duplicate(n) => {
                    f.duplicate_service(n);
                }
                ServiceEdit::Remove(n) => f.remove_service(n),
                ServiceEdit::Edit(n, field, v) => f.edit_service(n, field, &v),
            }),
        }
    }

    /// This state with the form edited by `f` (the same state when nothing changed).
    fn edited(&self, f: impl FnOnce(&mut Form)) -> Page {
        let mut form = (*self.form).clone();
        f(&mut form);
        if form == *self.form {
            return self.clone();
        }
        Page {
            notices: self.notices.clone(),
            embed: self.embed,
            embed_inputs: self.embed_inputs,
            query: self.query.clone(),
            unknown: self.unknown.clone(),
            edited: true,
            ..Page::with_form(form, self.shown.clone(), self.cluster.clone())
        }
    }

    /// The shown plan.
    pub fn plan(&self) -> Option<&Rc<Plan>> {
        self.shown.as_ref().map(|(_, p)| p)
    }

    /// The shown cluster's whole plan, when the form is a cluster.
    pub fn cluster(&self) -> Option<&Rc<ClusterPlan>> {
        self.cluster.as_ref()
    }

    /// The inputs of the shown plan.
    pub fn inputs(&self) -> Option<&Rc<Inputs>> {
        self.shown.as_ref().map(|(i, _)| i)
    }

    /// The fields make no plan: the shown plan (if any) does not match them.
    pub fn stale(&self) -> bool {
        !self.errors.is_empty()
    }

    /// The link fragment of the fields with the ranking's query and the unknown keys carried
    /// along, when the fields make a plan.
    pub fn link(&self, embed: bool) -> Option<String> {
        if self.stale() {
            return None;
        }
        let mut link = share::encode(self.inputs()?, embed);
        let query = share::encode_query(&self.query);
        if !query.is_empty() && !embed {
            link.push('&');
            link.push_str(&query);
        }
        for pair in self.unknown.iter() {
            link.push('&');
            link.push_str(pair);
        }
        Some(link)
    }

    /// The fragment the address bar must show, if it must change: `None` until the user changes
    /// something (the link stays exactly as opened) and while the fields make no plan (a shared
    /// link is never overwritten by a default); then the fields' [`Page::link`].
    pub fn address(&self) -> Option<String> {
        if self.edited {
            self.link(self.embed)
        } else {
            None
        }
    }
}

impl Reducible for Page {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let next = self.next(action);
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}
