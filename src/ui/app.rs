//! The page: its state ([`Page`], a reducer), the worker bridge provided to every component,
//! the address bar kept in step with the fields, and the take-over of the prerendered first
//! screen.
//!
//! Components turn events into [`Action`]s; the state's [`Page::address`] says what the address
//! bar must show, written here once typing pauses. The sections below the fold, the
//! explanations, the share bar and the subnet import ask the worker themselves, through the
//! bridge they get from the context.

use super::below::Below;
use super::bridge::Bridge;
use super::existing::ExistingSubnets;
use super::fields::OnEdit;
use super::footer::footer;
use super::header::Header;
use super::inputs::Inputs;
use super::notices::Notices;
use super::results::Results;
use super::state::{Action, Page};
use super::takeover;
use super::web;
use crate::calc::explain::summary;
use crate::calc::share::Decoded;
use crate::calc::{Field, Fix, RankQuery};
use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use std::rc::Rc;

use yew::prelude::*;

/// How long typing must pause before the address bar follows the fields, ms.
const ADDRESS_DELAY: u32 = 250;

/// The app's properties.
#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// The link fragment to open instead of the address bar's (native rendering: tests, and
    /// the build-time render of the default plan).
    #[prop_or_default]
    pub fragment: Option<AttrValue>,
    /// The prerendered first screen to take over from (`src/main.rs`): the app starts from the
    /// edits made in its form, and replaces it when its own first render is complete.
    #[prop_or_default]
    pub prerendered: Option<web_sys::Element>,
    /// The element the app renders into, not yet in the document while it does.
    #[prop_or_default]
    pub root: Option<web_sys::Element>,
}

/// The take-over still to do: what the prerendered form held when the app started, the
/// prerendered screen and the app's root.
struct Takeover {
    started: Vec<(Field, String)>,
    pre: web_sys::Element,
    root: web_sys::Element,
}

/// The callbacks handed to children, created once (so a child whose data did not change does
/// not re-render).
struct Callbacks {
    edit: OnEdit,
    fix: Callback<Fix>,
    edit_all: Callback<Vec<(Field, String)>>,
    dismiss: Callback<()>,
    query: Callback<RankQuery>,
    use_type: Callback<String>,
    load: Callback<Decoded>,
    embed_inputs: Callback<MouseEvent>,
}

/// The whole calculator: the page state ([`Page`]) changed by [`Action`]s, and what follows from
/// it in the browser (the address bar, the take-over of the prerendered screen). A struct
/// component: one `update` per action, callbacks created once, and less of Yew's hook machinery
/// in the first download (ARCHITECTURE.md has the measurement).
pub struct App {
    page: Rc<Page>,
    bridge: Bridge,
    cb: Callbacks,
    /// The link-making callback for the share bar, remade when the page changes.
    link: Callback<bool, String>,
    /// The take-over of the prerendered screen still to do.
    takeover: Option<Takeover>,
    /// The pending update of the address bar.
    address: Option<String>,
    url_timer: Option<Timeout>,
    _hash: Option<EventListener>,
}

/// The link-making callback for `page`: the fields' link (with the ranking's query and the keys
/// this version does not know), or while the fields make none, the address bar's.
fn link_of(page: &Rc<Page>) -> Callback<bool, String> {
    let page = page.clone();
    Callback::from(move |embed: bool| {
        let fragment = page.link(embed).unwrap_or_else(web::fragment);
        format!("{}#{fragment}", web::base_url())
    })
}

impl App {
    /// Applies an action; whether the page changed.
    fn apply(&mut self, action: Action) -> bool {
        let next = self.page.next(action);
        if next == *self.page {
            return false;
        }
        self.page = Rc::new(next);
        self.link = link_of(&self.page);
        self.follow();
        true
    }

    /// The address bar follows the fields once typing pauses (replaceState: no history entry per
    /// keystroke); until the user changes something it keeps the link as opened.
    fn follow(&mut self) {
        let address = self.page.address();
        if address != self.address {
            self.address.clone_from(&address);
            self.url_timer =
                address.map(|f| Timeout::new(ADDRESS_DELAY, move || web::replace_fragment(&f)));
        }
    }
}

impl Component for App {
    type Message = Action;
    type Properties = AppProps;

    fn create(ctx: &Context<Self>) -> Self {
        let props = ctx.props();
        let link = ctx.link();
        let fragment = match &props.fragment {
            Some(f) => f.to_string(),
            None => web::fragment(),
        };
        // The app starts from what the user changed in the prerendered form.
        let started = props.prerendered.as_ref().map(takeover::values);
        let mut page = Page::open(&fragment);
        if let Some(now) = &started {
            page = page.next(Action::EditAll(takeover::changed(None, now)));
        }
        let page = Rc::new(page);
        App {
            cb: Callbacks {
                edit: link.callback(|(f, v)| Action::Edit(f, v)),
                fix: link.callback(Action::Fix),
                edit_all: link.callback(Action::EditAll),
                dismiss: link.callback(|()| Action::Dismiss),
                query: link.callback(Action::Query),
                use_type: link.callback(Action::UseType),
                load: link.callback(|d| Action::Load(Box::new(d))),
                embed_inputs: link.callback(|e: MouseEvent| {
                    e.prevent_default(); // the page owns the open state
                    Action::EmbedInputs
                }),
            },
            link: link_of(&page),
            address: None,
            page,
            bridge: Bridge::default(),
            takeover: started
                .zip(props.prerendered.clone())
                .zip(props.root.clone())
                .map(|((started, pre), root)| Takeover { started, pre, root }),
            url_timer: None,
            _hash: None,
        }
    }

    fn update(&mut self, _ctx: &Context<Self>, action: Action) -> bool {
        // Until the take-over, every message renders, so `rendered` checks the prerendered form
        // again.
        self.apply(action) || self.takeover.is_some()
    }

    fn rendered(&mut self, ctx: &Context<Self>, first: bool) {
        // The take-over: once the app's tree shows every edit made in the prerendered form, it
        // replaces the prerendered one in one task, the focus and caret moved to the same
        // control. Edits made while the app rendered are applied first, and checked again after
        // that render, so a key pressed at any moment lands in a control that shows every key
        // before it.
        if let Some(Takeover { started, pre, root }) = self.takeover.take() {
            let now = takeover::values(&pre);
            let late = takeover::changed(Some(&started), &now);
            if late.is_empty() {
                takeover::swap(&pre, &root);
            } else {
                self.takeover = Some(Takeover {
                    started: now,
                    pre,
                    root,
                });
                ctx.link().send_message(Action::EditAll(late));
            }
        }
        if !first {
            return;
        }
        // A link opened (back/forward, the fragment edited by hand) wins over a pending address.
        if let Some(w) = web_sys::window() {
            let link = ctx.link().clone();
            self._hash = Some(EventListener::new(&w, "hashchange", move |_| {
                link.send_message(Action::Open(web::fragment()))
            }));
        }
        // Inside an iframe: tell the host page our height whenever it changes.
        web::post_height_on_resize();
        // Edits made in the prerendered form are the user's: the address bar follows them.
        self.follow();
    }

    fn view(&self, _ctx: &Context<Self>) -> Html {
        let p = &*self.page;
        let cb = &self.cb;
        let shown = p.inputs().cloned().zip(p.plan().cloned());
        let inputs = html! {
            <Inputs form={p.form.clone()} errors={p.errors.clone()}
                valid_type={p.inputs().map(|i| AttrValue::from(i.instance.clone())).unwrap_or_default()}
                on_edit={cb.edit.clone()} on_fix={cb.fix.clone()} />
        };
        let results = html! { <Results {shown} stale={p.stale()} embed={p.embed} /> };
        let header = html! {
            <Header embed={p.embed} link={self.link.clone()} inputs={p.inputs().cloned()}
                on_load={cb.load.clone()} />
        };
        let notices =
            html! { <Notices notices={p.notices.clone()} on_dismiss={cb.dismiss.clone()} /> };
        let below = html! {
            <Below inputs={p.inputs().cloned()} stale={p.stale()} embed={p.embed} query={p.query.clone()}
                on_query={cb.query.clone()} on_use={cb.use_type.clone()} />
        };
        let skip = html! { <a class="skip" href="#plan">{ "Skip to results" }</a> };
        let content = if p.embed {
            let said = p
                .inputs()
                .map(|i| summary(i))
                .unwrap_or_else(|| "Plan inputs".into());
            html! {
                <div class="embed">
                    { skip }
                    { header }
                    { notices }
                    <main id="app" class="embed-main">
                        <details class="embed-inputs" open={p.embed_inputs}>
                            <summary id="embed-summary" onclick={cb.embed_inputs.clone()}>{ said }</summary>
                            { inputs }
                        </details>
                        { results }
                    </main>
                    { below }
                    { footer() }
                </div>
            }
        } else {
            html! {
                <div class="page">
                    { skip }
                    { header }
                    { notices }
                    <main id="app" class="layout">
                        { inputs }
                        { results }
                    </main>
                    <section class="wide" aria-label="Existing subnets">
                        <ExistingSubnets inputs={p.inputs().cloned()} on_apply={cb.edit_all.clone()} />
                    </section>
                    { below }
                    { footer() }
                </div>
            }
        };
        html! {
            <ContextProvider<Bridge> context={self.bridge.clone()}>
                { content }
            </ContextProvider<Bridge>>
        }
    }
}
