//! The app shell: the page state, what the page shows around it, the extras worker, and the
//! URL fragment kept in step with the fields.
//!
//! A struct component: its state changes go through one `update`, and it hands its children data
//! and `Callback`s created once (so a child whose data did not change does not re-render). The
//! same work as a function component with `use_reducer` and hooks, with less of Yew in the first
//! download (ARCHITECTURE.md has the measurement).

use super::bridge::{Bridge, Failed, FAILED};
use super::compare::Comparison;
use super::existing::ExistingSubnets;
use super::explain::{Body, Opened};
use super::extras::PAGE;
use super::fields::OnEdit;
use super::footer::footer;
use super::header::{copied, Header, Share, Status};
use super::inputs::Inputs;
use super::notices::Notices;
use super::protocol::{
    encode, GrowthView, Imported, RankingView, Reply, Request, ScenarioView, Sections, What,
};
use super::ranking::Ranking;
use super::results::Results;
use super::state::State;
use super::web;
use crate::calc::catalog;
use crate::calc::explain::summary;
use crate::calc::share::{self, Decoded, Notice};
use crate::calc::Form;
use crate::calc::{Field, Fix, RankQuery};
use gloo_events::EventListener;
use gloo_file::callbacks::FileReader;
use gloo_timers::callback::Timeout;
use std::rc::Rc;
use yew::html::Scope;
use yew::prelude::*;

/// Largest JSON file read for import, in bytes.
const MAX_IMPORT: u64 = 5 << 20;

/// How many explanation answers are kept (a few plans' worth).
const KEPT: usize = 48;

/// A change of the page, from an event or an answer.
pub enum Msg {
    /// A field was edited.
    Edit(Field, String),
    /// A one-click fix of a conflict.
    Fix(Fix),
    /// Use imported subnets: the form fields they set, (link key, value).
    UseSubnets(Vec<(String, String)>),
    /// The URL fragment changed (a link opened, back/forward, edited by hand).
    Hash,
    /// A plan read from a JSON file.
    Load(Box<Decoded>),
    /// Dismiss the link's notices.
    Dismiss,
    /// Open or close an explanation.
    Toggle(What),
    /// The worker's explanation of `what` for the plan `fragment`.
    Explained(What, String, Body),
    /// Open (`true`) or close the export menu.
    Exports(bool),
    /// Fold or unfold the embed view's inputs.
    EmbedInputs,
    /// A share action's message.
    Status(Status),
    /// A share action.
    Share(Share),
    /// A JSON file was chosen.
    Import(web_sys::File),
    /// Its text, or why it could not be read.
    ImportText(Result<String, String>),
    /// The worker's reading of it.
    Imported(Result<Result<Imported, String>, Failed>),
    /// The comparison came near the viewport.
    Near,
    /// The pointer or the focus reached the plan: start the worker.
    Warm,
    /// New ranking filters.
    Query(RankQuery),
    /// Show more ranked rows.
    More,
    /// Pin or unpin a type.
    Pin(String),
    /// Plan with a type.
    Use(String),
    /// The worker's sections for the request `key`.
    Sections(Vec<u8>, Result<Box<Sections>, Failed>),
}

/// What the worker last said for the sections below the fold.
#[derive(Clone, Default)]
enum Answer {
    /// Nothing yet.
    #[default]
    None,
    /// The sections for a request.
    Ready {
        key: Vec<u8>,
        scenarios: Rc<Vec<ScenarioView>>,
        growth: Option<Rc<GrowthView>>,
        ranking: Option<Rc<RankingView>>,
    },
    /// The worker could not start.
    Failed,
}

/// Below the fold: what the user set there and the worker's last answer.
#[derive(Default)]
struct Below {
    query: RankQuery,
    pins: Rc<Vec<String>>,
    shown: usize,
    /// The comparison came near the viewport: the worker is asked from then on.
    near: bool,
    answer: Answer,
    /// The last request sent (encoded).
    asked: Vec<u8>,
}

/// The callbacks handed to children, created once.
struct Callbacks {
    edit: OnEdit,
    fix: Callback<Fix>,
    use_subnets: Callback<Vec<(String, String)>>,
    toggle: Callback<What>,
    dismiss: Callback<()>,
    exports: Callback<bool>,
    share: Callback<Share>,
    import: Callback<web_sys::File>,
    query: Callback<RankQuery>,
    pin: Callback<String>,
    use_type: Callback<String>,
    more: Callback<()>,
}

/// The whole calculator.
pub struct App {
    state: State,
    /// Open explanations, in the order they were opened.
    open: Vec<What>,
    /// The worker's explanations: (what, plan fragment, body).
    bodies: Vec<(What, String, Body)>,
    /// The open explanations for the shown plan (what the children get).
    opened: Rc<Opened>,
    exports_open: bool,
    embed_inputs: bool,
    status: Status,
    below: Below,
    bridge: Bridge,
    cb: Callbacks,
    /// The fragment last written (or about to be) to the address bar, and its pending update.
    written: String,
    url_timer: Option<Timeout>,
    _hash: Option<EventListener>,
    reader: Option<FileReader>,
}

impl App {
    /// Replaces the state; whether it changed.
    fn set_state(&mut self, state: State) -> bool {
        if state == self.state {
            return false;
        }
        self.state = state;
        true
    }

    /// The sections request for the shown plan, and its key.
    fn sections_request(&self) -> Option<(Vec<u8>, Request)> {
        let fragment = self.state.plan_fragment()?;
        let b = &self.below;
        let request = Request::Sections {
            fragment,
            query: share::encode_query(&b.query),
            pins: (*b.pins).clone(),
            shown: b.shown,
            embed: self.state.embed,
        };
        Some((encode(0, &request), request))
    }

    /// Recomputes what the open explanations show for the shown plan.
    fn refresh_opened(&mut self) {
        let fragment = self.state.plan_fragment().unwrap_or_default();
        let opened = Opened(
            self.open
                .iter()
                .map(|w| {
                    let body = self
                        .bodies
                        .iter()
                        .find(|(x, f, _)| x == w && *f == fragment)
                        .map(|(_, _, b)| b.clone())
                        .unwrap_or(Body::Loading);
                    (w.clone(), body)
                })
                .collect(),
        );
        if opened != *self.opened {
            self.opened = Rc::new(opened);
        }
    }

    /// What follows a change: the address bar (once edits pause), the worker's explanations of
    /// the open numbers and its sections, for the shown plan.
    fn follow(&mut self, ctx: &Context<Self>) {
        if !web::in_browser() {
            return;
        }
        // The link follows the fields, and only the fields (replaceState: no history entry per
        // keystroke, one update per pause in typing).
        if let Some(f) = self.link_fragment(self.state.embed) {
            if f != self.written {
                self.written.clone_from(&f);
                self.url_timer = Some(Timeout::new(250, move || web::replace_fragment(&f)));
            }
        }
        let Some(fragment) = self.state.plan_fragment() else {
            return;
        };
        for what in self.open.clone() {
            if self
                .bodies
                .iter()
                .any(|(w, f, _)| *w == what && *f == fragment)
            {
                continue;
            }
            self.bodies
                .push((what.clone(), fragment.clone(), Body::Loading));
            if self.bodies.len() > KEPT {
                self.bodies.remove(0);
            }
            let (link, key) = (ctx.link().clone(), fragment.clone());
            let request = Request::Explain {
                fragment: fragment.clone(),
                what: what.clone(),
            };
            self.bridge.request(&request, move |r| {
                let body = match r {
                    Ok(Reply::Explained(Some(e))) => Body::Ready(Rc::new(e)),
                    Ok(_) => Body::Empty,
                    Err(Failed) => Body::Failed,
                };
                link.send_message(Msg::Explained(what, key, body));
            });
        }
        self.refresh_opened();
        if self.below.near {
            if let Some((key, request)) = self.sections_request() {
                if key != self.below.asked {
                    self.below.asked.clone_from(&key);
                    let link = ctx.link().clone();
                    self.bridge.request(&request, move |r| {
                        let r = match r {
                            Ok(Reply::Sections(s)) => Ok(s),
                            Ok(_) => return,
                            Err(f) => Err(f),
                        };
                        link.send_message(Msg::Sections(key, r));
                    });
                }
            }
        }
    }

    /// The link to the fields' plan (or, while they make none, the address bar's), built from the
    /// current location so it works under any sub-path.
    fn link(&self, embed: bool) -> String {
        let fragment = self.link_fragment(embed).unwrap_or_else(web::fragment);
        format!("{}#{fragment}", web::base_url())
    }

    /// The fields' link fragment with the ranking's filters (when they are not the default), if
    /// the fields make a plan.
    fn link_fragment(&self, embed: bool) -> Option<String> {
        let plan = self.state.link_fragment(embed)?;
        let query = share::encode_query(&self.below.query);
        Some(if query.is_empty() || self.state.embed {
            plan
        } else {
            format!("{plan}&{query}")
        })
    }

    /// The iframe snippet for docs sites: the link escaped for an attribute; no inline style (a
    /// host's strict CSP would block it); the script sizes the frame to its content.
    fn embed_code(&self) -> String {
        let src = self
            .link(true)
            .replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        format!(
            "<iframe src=\"{src}\" title=\"awsvpc planner\" width=\"100%\" height=\"900\" frameborder=\"0\" loading=\"lazy\"></iframe>\n\
             <script>addEventListener(\"message\",function(e){{var d=e.data;if(d&&d.type===\"awsvpc-planner:height\")document.querySelectorAll(\"iframe\").forEach(function(f){{if(f.contentWindow===e.source)f.height=String(d.height)}})}});</script>"
        )
    }

    /// Edits the form; whether the page state changed.
    fn edit(&mut self, f: impl FnOnce(&mut Form)) -> bool {
        self.state.edited(f).is_some_and(|s| self.set_state(s))
    }

    /// Copies `text` and says how that went.
    fn copy(link: &Scope<Self>, what: &'static str, text: String) {
        let link = link.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let ok = web::copy(&text).await.is_ok();
            link.send_message(Msg::Status(copied(what, ok, text)));
        });
    }

    /// A share action.
    fn share(&mut self, ctx: &Context<Self>, s: Share) -> bool {
        let format = match s {
            Share::Link => {
                Self::copy(ctx.link(), "Link", self.link(false));
                return false;
            }
            Share::Embed => {
                Self::copy(ctx.link(), "Embed code", self.embed_code());
                return false;
            }
            Share::Print => {
                web::print();
                return false;
            }
            Share::Copy(f) | Share::Download(f) => f,
        };
        let cleared = std::mem::take(&mut self.status) != Status::None;
        let Some(fragment) = self.state.plan_fragment() else {
            self.status = Status::Failed(
                "There is no plan to export: correct the highlighted fields.".into(),
            );
            return true;
        };
        let link = ctx.link().clone();
        self.bridge
            .request(&Request::Export { fragment, format }, move |r| match r {
                Ok(Reply::Exported(text)) => {
                    if matches!(s, Share::Download(_)) {
                        web::download(format.file(), format.mime(), &text);
                    } else {
                        Self::copy(&link, format.label(), text);
                    }
                }
                _ => link.send_message(Msg::Status(Status::Failed(format!(
                    "Could not export. {FAILED}"
                )))),
            });
        cleared
    }

    /// The sections below the fold.
    fn below(&self) -> Html {
        // Busy until the answer is the one to the newest request (`follow` sends each new request
        // as soon as it changes, so `asked` is the request for what is shown).
        let busy = match &self.below.answer {
            Answer::Failed => false,
            Answer::Ready { key, .. } => self.state.plan().is_none() || *key != self.below.asked,
            Answer::None => true,
        };
        let failed = html! { <p class="error" role="alert">{ FAILED }</p> };
        let loading = html! { <p class="muted loading">{ "Loading…" }</p> };
        let (scenarios, growth, ranking) = match &self.below.answer {
            Answer::Ready {
                scenarios,
                growth,
                ranking,
                ..
            } => (Some(scenarios.clone()), growth.clone(), ranking.clone()),
            _ => (None, None, None),
        };
        let fargate = self
            .state
            .inputs()
            .is_some_and(|i| i.launch == crate::calc::Launch::Fargate);
        let current = self
            .state
            .inputs()
            .map(|i| AttrValue::from(i.instance.clone()))
            .unwrap_or_default();
        html! {
            <>
                <section id="compare" class="wide" aria-labelledby="compare-h" aria-busy={busy.to_string()}>
                    <h2 id="compare-h">{ "Trunking × secondary CIDR" }</h2>
                    <p class="muted">{ "The same inputs in four scenarios. Open any number for its formula." }</p>
                    { match &self.below.answer {
                        Answer::Failed => failed.clone(),
                        Answer::None => loading.clone(),
                        Answer::Ready { .. } => html! {
                            <Comparison scenarios={scenarios} growth={growth} opened={self.opened.clone()}
                                on_toggle={self.cb.toggle.clone()} />
                        },
                    } }
                </section>
                if !self.state.embed && !fargate {
                    <section id="types" class="wide" aria-labelledby="types-h" aria-busy={busy.to_string()}>
                        <h2 id="types-h">{ "Compare instance types" }</h2>
                        if matches!(self.below.answer, Answer::Failed) {
                            { failed }
                        } else {
                            <Ranking ranking={ranking} query={self.below.query.clone()} pins={self.below.pins.clone()}
                                current={current} body={self.opened.get(&What::Ranking).cloned()}
                                on_query={self.cb.query.clone()} on_pin={self.cb.pin.clone()}
                                on_use={self.cb.use_type.clone()} on_more={self.cb.more.clone()}
                                on_toggle={self.cb.toggle.clone()} />
                            if matches!(self.below.answer, Answer::None) {
                                { loading }
                            }
                        }
                    </section>
                }
            </>
        }
    }
}

/// [`Msg::Warm`] when an event happened inside the plan (its explanations come from the worker).
fn reached(e: &Event) -> Option<Msg> {
    let el: web_sys::Element = wasm_bindgen::JsCast::dyn_into(e.target()?).ok()?;
    el.closest("#plan").ok().flatten().map(|_| Msg::Warm)
}

/// The app's properties.
#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// The link fragment to open instead of the address bar's (native rendering: tests, and
    /// the build-time render of the default plan).
    #[prop_or_default]
    pub fragment: Option<AttrValue>,
    /// Called once the app's first render is in the page, before the browser paints it (the
    /// prerendered first screen is removed then: `src/main.rs`).
    #[prop_or_default]
    pub on_mount: Option<Callback<()>>,
}

impl Component for App {
    type Message = Msg;
    type Properties = AppProps;

    fn create(ctx: &Context<Self>) -> Self {
        let link = ctx.link();
        let cb = Callbacks {
            edit: link.callback(|(f, v)| Msg::Edit(f, v)),
            fix: link.callback(Msg::Fix),
            use_subnets: link.callback(Msg::UseSubnets),
            toggle: link.callback(Msg::Toggle),
            dismiss: link.callback(|()| Msg::Dismiss),
            exports: link.callback(Msg::Exports),
            share: link.callback(Msg::Share),
            import: link.callback(Msg::Import),
            query: link.callback(Msg::Query),
            pin: link.callback(Msg::Pin),
            use_type: link.callback(Msg::Use),
            more: link.callback(|()| Msg::More),
        };
        let fragment = match &ctx.props().fragment {
            Some(f) => f.to_string(),
            None => web::fragment(),
        };
        let state = State::from_fragment(&fragment);
        let state_query = fragment.clone();
        App {
            written: fragment,
            state,
            open: Vec::new(),
            bodies: Vec::new(),
            opened: Rc::default(),
            exports_open: false,
            embed_inputs: false,
            status: Status::None,
            below: Below {
                shown: PAGE,
                query: share::decode_query(&state_query),
                ..Below::default()
            },
            bridge: Bridge::default(),
            cb,
            url_timer: None,
            _hash: None,
            reader: None,
        }
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        let changed = match msg {
            Msg::Edit(field, value) => self.edit(|f| f.edit(field, value)),
            Msg::Fix(fix) => self.edit(|f| fix.apply(f)),
            Msg::UseSubnets(changes) => self.edit(|f| {
                for (key, value) in changes {
                    if let Some(field) = Field::from_key(&key) {
                        f.set(field, &value);
                    }
                }
            }),
            Msg::Hash => {
                // A link opened: it wins over a pending update of the address bar.
                self.url_timer = None;
                self.written = web::fragment();
                let query = share::decode_query(&self.written);
                let moved = std::mem::replace(&mut self.below.query, query) != self.below.query;
                self.set_state(State::from_fragment(&self.written)) | moved
            }
            Msg::Load(d) => self.set_state(State::from_decoded(*d)),
            Msg::Dismiss => self.set_state(self.state.dismissed()),
            Msg::Toggle(what) => {
                match self.open.iter().position(|w| *w == what) {
                    Some(i) => {
                        self.open.remove(i);
                    }
                    None => self.open.push(what),
                }
                self.refresh_opened();
                true
            }
            Msg::Explained(what, fragment, body) => {
                match self
                    .bodies
                    .iter_mut()
                    .find(|(w, f, _)| *w == what && *f == fragment)
                {
                    Some(b) => b.2 = body,
                    None => self.bodies.push((what, fragment, body)),
                }
                let before = self.opened.clone();
                self.refresh_opened();
                !Rc::ptr_eq(&before, &self.opened)
            }
            Msg::Exports(open) => {
                if open {
                    // Warm the worker up when the menu opens, so the first export is quick.
                    self.bridge.start();
                }
                std::mem::replace(&mut self.exports_open, open) != open
            }
            Msg::EmbedInputs => {
                self.embed_inputs = !self.embed_inputs;
                true
            }
            Msg::Status(s) => std::mem::replace(&mut self.status, s.clone()) != s,
            Msg::Share(s) => self.share(ctx, s),
            Msg::Import(file) => {
                let file = gloo_file::File::from(file);
                if file.size() > MAX_IMPORT {
                    self.status = Status::Failed(
                        "Could not import: the file is larger than 5 MB; a plan document is a few KB."
                            .into(),
                    );
                    return true;
                }
                let link = ctx.link().clone();
                self.reader = Some(gloo_file::callbacks::read_as_text(&file, move |r| {
                    link.send_message(Msg::ImportText(r.map_err(|e| e.to_string())));
                }));
                false
            }
            Msg::ImportText(text) => {
                self.reader = None;
                match text {
                    Ok(text) => {
                        let link = ctx.link().clone();
                        self.bridge.request(&Request::Import { text }, move |r| {
                            link.send_message(Msg::Imported(r.map(|r| match r {
                                Reply::Imported(i) => i,
                                _ => Err("the worker gave no answer".into()),
                            })));
                        });
                        false
                    }
                    Err(e) => {
                        self.status = Status::Failed(format!("Could not read the file: {e}."));
                        true
                    }
                }
            }
            Msg::Imported(r) => {
                match r {
                    Ok(Ok(i)) => {
                        let mut d = share::decode(&i.fragment);
                        d.embed = i.embed;
                        d.notices = i
                            .notices
                            .into_iter()
                            .map(|(key, message)| Notice { key, message })
                            .collect();
                        self.set_state(State::from_decoded(d));
                        self.status = Status::Done("Plan imported.".into());
                    }
                    Ok(Err(e)) => {
                        self.status = Status::Failed(format!(
                            "Could not import: {e}. The current plan is unchanged."
                        ))
                    }
                    Err(Failed) => {
                        self.status = Status::Failed(format!("Could not import. {FAILED}"))
                    }
                }
                true
            }
            Msg::Near => !std::mem::replace(&mut self.below.near, true),
            Msg::Warm => {
                self.bridge.start();
                false
            }
            Msg::Query(q) => {
                if q == self.below.query {
                    return false;
                }
                if q.sort == self.below.query.sort {
                    // Other rows: start again from the first page.
                    self.below.shown = PAGE;
                }
                self.below.query = q;
                true
            }
            Msg::More => {
                self.below.shown += 100;
                true
            }
            Msg::Pin(name) => {
                let mut pins = (*self.below.pins).clone();
                match pins.iter().position(|n| *n == name) {
                    Some(i) => {
                        pins.remove(i);
                    }
                    None if pins.len() < super::extras::MAX_PINNED => pins.push(name),
                    None => return false,
                }
                self.below.pins = Rc::new(pins);
                true
            }
            Msg::Use(name) => match catalog::lookup(&name) {
                Ok(t) => self.edit(|f| f.instance = t.name.to_string()),
                Err(_) => false,
            },
            Msg::Sections(key, r) => {
                // Only the newest request's answer is shown.
                if key != self.below.asked {
                    return false;
                }
                self.below.answer = match r {
                    Ok(s) => {
                        let s = *s;
                        Answer::Ready {
                            key,
                            scenarios: Rc::new(s.scenarios),
                            growth: s.growth.map(Rc::new),
                            ranking: s.ranking.map(Rc::new),
                        }
                    }
                    Err(Failed) => Answer::Failed,
                };
                true
            }
        };
        if changed {
            self.follow(ctx);
        }
        changed
    }

    fn rendered(&mut self, ctx: &Context<Self>, first: bool) {
        if !first {
            return;
        }
        if let Some(mounted) = &ctx.props().on_mount {
            mounted.emit(());
        }
        if let Some(w) = web_sys::window() {
            let link = ctx.link().clone();
            self._hash = Some(EventListener::new(&w, "hashchange", move |_| {
                link.send_message(Msg::Hash)
            }));
        }
        // Inside an iframe: tell the host page our height whenever it changes.
        web::post_height_on_resize();
        let link = ctx.link().clone();
        web::when_near("compare", "200px", move || link.send_message(Msg::Near));
        self.follow(ctx);
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let s = &self.state;
        let pointer = ctx.link().batch_callback(|e: PointerEvent| reached(&e));
        let focus = ctx.link().batch_callback(|e: FocusEvent| reached(&e));
        let inputs = html! {
            <Inputs form={s.form.clone()} errors={s.errors.clone()}
                valid_type={s.inputs().map(|i| AttrValue::from(i.instance.clone())).unwrap_or_default()}
                on_edit={self.cb.edit.clone()} on_fix={self.cb.fix.clone()} />
        };
        let results = html! {
            <Results plan={s.plan().cloned()} stale={s.stale()} embed={s.embed}
                opened={self.opened.clone()} on_toggle={self.cb.toggle.clone()} />
        };
        let header = html! {
            <Header embed={s.embed} full_link={if s.embed { AttrValue::from(self.link(false)) } else { AttrValue::default() }}
                status={self.status.clone()} exports_open={self.exports_open}
                on_exports={self.cb.exports.clone()} on_share={self.cb.share.clone()}
                on_import={self.cb.import.clone()} />
        };
        let notices =
            html! { <Notices notices={s.notices.clone()} on_dismiss={self.cb.dismiss.clone()} /> };
        let skip = html! { <a class="skip" href="#plan">{ "Skip to results" }</a> };
        if s.embed {
            let toggle = ctx.link().callback(|e: MouseEvent| {
                e.prevent_default(); // the page owns the open state
                Msg::EmbedInputs
            });
            let said = s
                .inputs()
                .map(summary)
                .unwrap_or_else(|| "Plan inputs".into());
            return html! {
                <div class="embed" onpointerover={pointer} onfocusin={focus}>
                    { skip }
                    { header }
                    { notices }
                    <main id="app" class="embed-main">
                        <details class="embed-inputs" open={self.embed_inputs}>
                            <summary id="embed-summary" onclick={toggle}>{ said }</summary>
                            { inputs }
                        </details>
                        { results }
                    </main>
                    { self.below() }
                    { footer() }
                </div>
            };
        }
        html! {
            <div class="page" onpointerover={pointer} onfocusin={focus}>
                { skip }
                { header }
                { notices }
                <main id="app" class="layout">
                    { inputs }
                    { results }
                </main>
                <section class="wide" aria-label="Existing subnets">
                    <ExistingSubnets bridge={self.bridge.clone()}
                        fragment={AttrValue::from(s.plan_fragment().unwrap_or_default())}
                        on_apply={self.cb.use_subnets.clone()} />
                </section>
                { self.below() }
                { footer() }
            </div>
        }
    }
}
