//! The page: inputs on the left, the plan on the right, then the comparison and the ranking
//! (from the extras worker, see `below`) and the footer with the dataset version and sources. With
//! `embed=1` in the link: a compact view.
//!
//! The header, the inputs and the plan are markup built as text (`inputs`, `picker`, `results`,
//! `share`), as are the parts the worker writes below the fold; after each render this component
//! patches each part that changed into its slot in place ([`web::morph`]): unchanged nodes stay, so
//! focus, open disclosures and most of the layout survive an edit. It listens once on their
//! wrapper and turns each event into a [`Msg`]: a change of the page state ([`State`]), of what the
//! page shows around it ([`Ui`]) or below the fold ([`View`]). A control is known by its `id` (a
//! radio by its `name`), a disclosure by `data-x` or its class.
//!
//! A struct component, not a function component with hooks: the same work with less of Yew in the
//! page's download (issue 7).

use super::below::{Change, View};
use super::extras::EXPORTS;
use super::inputs;
use super::lazy::{failed, failed_markup, Lazy, FAILED};
use super::picker;
use super::raw;
use super::results::{self, Explained};
use super::share::{self, embed_code, link, Status};
use super::state::{toggle, Action, State};
use super::web;
use crate::calc::catalog::{self, DATASET_VERSION};
use crate::calc::explain::{
    summary, EC2_LIMITS, ECS_BP_AWSVPC, ECS_TRUNKING_TYPES, VPC_SUBNET_SIZING,
};
use crate::calc::fmt;
use crate::calc::form::Form;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement};
use yew::html::Scope;
use yew::prelude::*;

/// How many explanation answers are kept (a few plans' worth, so replies that arrive out of
/// order never hide the newest one).
const KEPT: usize = 24;

/// What the page shows around the plan: the picker, the open disclosures, the explanations'
/// markup and the share toolbar's last message.
#[derive(Clone, Default, PartialEq)]
pub struct Ui {
    /// The instance picker: open, highlighted option.
    picker: (bool, usize),
    /// Open explanations and the worker's markup for them.
    explained: Explained,
    /// The export menu is open.
    exports: bool,
    /// The embed view's inputs are unfolded.
    embed_inputs: bool,
    /// What the last share action said.
    status: Status,
}

/// A change of [`Ui`].
pub enum UiAction {
    /// The picker: open, highlighted option.
    Picker(bool, usize),
    /// Open or close an explanation.
    Toggle(String),
    /// The worker's markup explaining (what, for the plan fragment).
    Body(String, String, String),
    /// Open or close the export menu.
    Exports,
    /// Fold or unfold the embed view's inputs.
    EmbedInputs,
    /// A share action's message.
    Status(Status),
}

impl Reducible for Ui {
    type Action = UiAction;
    fn reduce(self: Rc<Self>, action: UiAction) -> Rc<Self> {
        let mut u = (*self).clone();
        match action {
            UiAction::Picker(open, active) => u.picker = (open, active),
            UiAction::Toggle(what) => toggle(&mut u.explained.open, what),
            UiAction::Body(what, fragment, markup) => {
                let bodies = &mut u.explained.bodies;
                bodies.retain(|(w, f, _)| !(*w == what && *f == fragment));
                bodies.push((what, fragment, markup));
                if bodies.len() > KEPT {
                    bodies.remove(0);
                }
            }
            UiAction::Exports => u.exports = !u.exports,
            UiAction::EmbedInputs => u.embed_inputs = !u.embed_inputs,
            UiAction::Status(s) => u.status = s,
        }
        if u == *self {
            self
        } else {
            Rc::new(u)
        }
    }
}

/// The footer: dataset version and sources.
fn footer() -> String {
    format!(
        concat!(
            r#"<footer class="foot"><p>Instance data {}: {} EC2 types. Sources: <a href="{}">EC2 ENI limits (limits.go)</a>, "#,
            r#"<a href="{}">ECS trunking table (2023-04)</a>, <a href="{}">VPC subnet sizing</a>, <a href="{}">ECS awsvpc best practices</a>.</p>"#,
            r#"<p class="muted">Everything runs in your browser; nothing is sent anywhere.</p></footer>"#
        ),
        DATASET_VERSION,
        fmt::int(catalog::all().len() as u64),
        EC2_LIMITS.url,
        ECS_TRUNKING_TYPES.url,
        VPC_SUBNET_SIZING.url,
        ECS_BP_AWSVPC.url
    )
}

/// The header, the notices, the inputs and the plan.
fn top(state: &State, ui: &Ui, fragment: &str) -> String {
    let mut m = String::from(r#"<header class="top"><h1>awsvpc planner</h1>"#);
    if state.embed {
        m += &format!(
            r#"<a id="open-full" href="{}" target="_blank" rel="noopener">Open full calculator</a>"#,
            raw::esc(&link(state, false))
        );
    } else {
        m += r#"<p class="tagline">How many ECS tasks in awsvpc mode fit on your EC2 instances, and when your subnets run out of IPv4 addresses.</p>"#;
        m += &share::bar(&ui.status, ui.exports);
    }
    m += "</header>";
    if !state.notices.is_empty() {
        m += r#"<div class="notices" id="notices" role="alert"><p><strong>Some values in this link were not used:</strong></p><ul>"#;
        for n in &state.notices {
            m += &format!(
                r#"<li data-key="{}">{}</li>"#,
                raw::esc(&n.key),
                raw::esc(&n.message)
            );
        }
        m += r#"</ul><button type="button" class="small" id="dismiss-notices">Dismiss</button></div>"#;
    }
    let panel = inputs::panel(&state.form, state.errors(), ui.picker);
    let results = results::section(
        state.plan(),
        !state.errors().is_empty(),
        state.embed,
        &ui.explained,
        fragment,
    );
    if state.embed {
        m += &format!(
            r#"<main id="app" class="embed-main"><details class="embed-inputs"{}><summary id="embed-summary">{}</summary>{panel}</details>{results}</main>"#,
            if ui.embed_inputs { " open" } else { "" },
            raw::esc(&summary(&state.good))
        );
    } else {
        m += &format!(r#"<main id="app" class="layout">{panel}{results}</main>"#);
    }
    m
}

/// Applies `action` to the state behind `cur` (its reducer returns the same `Rc` when nothing
/// changed); whether it changed.
fn reduce<T: Reducible>(cur: &mut Rc<T>, action: T::Action) -> bool {
    let next = Rc::clone(cur).reduce(action);
    let changed = !Rc::ptr_eq(&next, cur);
    *cur = next;
    changed
}

/// The element an event happened on.
fn target(e: &Event) -> Option<Element> {
    e.target().and_then(|t| t.dyn_into::<Element>().ok())
}

/// Whether `el` is inside the element matching `selector`.
fn within(el: &Element, selector: &str) -> bool {
    el.closest(selector).ok().flatten().is_some()
}

/// A change of the page, from an event or an answer.
pub enum Msg {
    /// A change of the page state.
    State(Action),
    /// A change of what the page shows around the plan.
    Ui(UiAction),
    /// A change below the fold.
    Below(Change),
    /// A control's new value: (its `id`, or a radio's `name`; the value).
    Set(String, String),
    /// A JSON file was chosen.
    Import(HtmlInputElement),
    /// A button or a disclosure's summary was clicked.
    Click(Element),
    /// A key for the instance picker (`ArrowDown`, `ArrowUp`, `Enter`, `Escape`).
    Key(String),
    /// An option of the instance picker was chosen.
    Pick(String),
    /// The instance field got (`true`) or lost the focus.
    PickerFocus(bool),
}

/// The parts of the page patched in place: the header, inputs and plan; the comparison, the
/// ranking's filters and the ranking (worker markup, see [`View::parts`]); the footer.
const PARTS: usize = 5;

/// The whole calculator.
pub struct App {
    state: Rc<State>,
    ui: Rc<Ui>,
    below: Rc<View>,
    /// The extras worker (comparison, chart, ranking, explanations, exports), started on demand.
    lazy: Lazy,
    /// The shown plan's link fragment.
    fragment: String,
    /// The markup of each part, and where it goes.
    parts: [AttrValue; PARTS],
    slots: [NodeRef; PARTS],
    /// What was last patched into each slot (the element and its markup).
    patched: [Option<(Element, AttrValue)>; PARTS],
    /// The fragment last written to the address bar, the explanations and the sections last asked
    /// of the worker: each is done again only when it changes.
    sent: (String, String, String),
    /// Stops listening to `hashchange`.
    unlisten: Option<Box<dyn FnOnce()>>,
}

impl App {
    /// Applies a change of the page state; whether it changed.
    fn set_state(&mut self, action: Action) -> bool {
        if !reduce(&mut self.state, action) {
            return false;
        }
        self.fragment = self.state.fragment();
        self.write_top();
        true
    }

    /// Applies a change of what the page shows around the plan; whether it changed.
    fn set_ui(&mut self, action: UiAction) -> bool {
        let changed = reduce(&mut self.ui, action);
        if changed {
            self.write_top();
        }
        changed
    }

    /// Applies a change below the fold; whether it changed.
    fn set_below(&mut self, change: Change) -> bool {
        let changed = reduce(&mut self.below, change);
        if changed {
            self.write_below();
        }
        changed
    }

    /// Edits the form.
    fn edit(&mut self, f: impl FnOnce(&mut Form) + 'static) -> bool {
        self.set_state(Action::Edit(Box::new(f)))
    }

    /// Writes the markup of the header, the inputs and the plan.
    fn write_top(&mut self) {
        self.parts[0] = AttrValue::from(top(&self.state, &self.ui, &self.fragment));
    }

    /// Writes the markup of the parts below the fold (the worker's, or "Loading…").
    fn write_below(&mut self) {
        let [compare, filters, ranking] = self.below.parts();
        self.parts[1] = compare;
        self.parts[2] = filters;
        self.parts[3] = ranking;
    }

    /// The worker's `sections` request for the shown plan.
    fn sections_args(&self) -> Vec<String> {
        self.below.args(&self.fragment, self.state.embed)
    }

    /// Chooses an instance type in the picker.
    fn choose(&mut self, name: &'static str) -> bool {
        let edited = self.edit(move |f| f.instance = name.to_string());
        self.set_ui(UiAction::Picker(false, self.ui.picker.1)) | edited
    }

    /// A key in the instance field.
    fn key(&mut self, key: &str) -> bool {
        let (open, active) = self.ui.picker;
        let options = picker::options(&self.state.form.instance);
        let n = options.len().max(1);
        match key {
            "ArrowDown" => {
                let next = if open { (active + 1) % n } else { active };
                self.set_ui(UiAction::Picker(true, next))
            }
            "ArrowUp" => self.set_ui(UiAction::Picker(open, (active + n - 1) % n)),
            "Enter" if open => match options.get(active) {
                Some(t) => self.choose(t.name),
                None => false,
            },
            "Escape" => self.set_ui(UiAction::Picker(false, active)),
            _ => false,
        }
    }

    /// A click on a button or a disclosure's summary.
    fn click(&mut self, ctx: &Context<Self>, el: &Element) -> bool {
        if within(el, "#compare, #types") {
            return self.below_click(el);
        }
        if el.tag_name().eq_ignore_ascii_case("summary") {
            let Some(d) = el.parent_element() else {
                return false;
            };
            let class = d.class_name();
            let has = |c: &str| class.split_ascii_whitespace().any(|x| x == c);
            return if has("exports") {
                // Warm the worker up when the menu opens, so the first export is quick.
                self.lazy.start();
                self.set_ui(UiAction::Exports)
            } else if has("embed-inputs") {
                self.set_ui(UiAction::EmbedInputs)
            } else if let Some(x) = d.get_attribute("data-x") {
                self.set_ui(UiAction::Toggle(x))
            } else {
                false
            };
        }
        if let Some(x) = el.get_attribute("data-x") {
            return self.set_ui(UiAction::Toggle(x));
        }
        let scope = ctx.link();
        let id = el.id();
        match id.as_str() {
            "copy-link" => copy(scope, "Link", link(&self.state, false)),
            "copy-embed" => copy(scope, "Embed code", embed_code(&self.state)),
            "print" => web::print(),
            "dismiss-notices" => return self.set_state(Action::Dismiss),
            _ => {
                let (id, download) = match (id.strip_prefix("copy-"), id.strip_prefix("download-"))
                {
                    (Some(id), _) => (id, false),
                    (_, Some(id)) => (id, true),
                    _ => return false,
                };
                let Some(&(id, label, file, mime)) = EXPORTS.iter().find(|x| x.0 == id) else {
                    return false;
                };
                // Exports are written by the extras worker from the shown plan's link.
                let cleared = self.set_ui(UiAction::Status(Status::None));
                let scope = scope.clone();
                self.lazy
                    .request("export", vec![self.fragment.clone(), id.into()], move |r| {
                        if failed(&r) {
                            scope.send_message(Msg::Ui(UiAction::Status(Status::Done(format!(
                                "Could not export. {FAILED}"
                            )))));
                            return;
                        }
                        let text = r.get(3).cloned().unwrap_or_default();
                        if download {
                            web::download(file, mime, &text);
                        } else {
                            copy(&scope, label, text);
                        }
                    });
                return cleared;
            }
        }
        false
    }

    /// A click on a button or a disclosure in the comparison or the ranking (worker markup):
    /// explanations opened or closed (natively: the worker's next markup agrees), rows added, a
    /// type pinned or put to use.
    fn below_click(&mut self, el: &Element) -> bool {
        if el.tag_name().eq_ignore_ascii_case("summary") {
            return match el.parent_element().and_then(|d| d.get_attribute("data-x")) {
                Some(x) => self.set_below(Change::Toggle(x)),
                None => false,
            };
        }
        let action = el.get_attribute("data-action").unwrap_or_default();
        if action == "more" {
            return self.set_below(Change::More);
        }
        let Some(name) = el
            .get_attribute("data-type")
            .and_then(|n| catalog::lookup(&n).ok())
            .map(|t| t.name)
        else {
            return false;
        };
        match action.as_str() {
            "use" => self.edit(move |f| f.instance = name.to_string()),
            "pin" => self.set_below(Change::Pin(name)),
            _ => false,
        }
    }

    /// After a render: what follows the shown plan (the address bar, the worker's explanations
    /// and sections) and the parts whose markup changed.
    fn after_render(&mut self, ctx: &Context<Self>) {
        for ((slot, markup), last) in self.slots.iter().zip(&self.parts).zip(&mut self.patched) {
            let Some(el) = slot.cast::<Element>() else {
                continue;
            };
            if last.as_ref().is_some_and(|(e, m)| *e == el && m == markup) {
                continue;
            }
            web::morph(&el, markup);
            *last = Some((el, markup.clone()));
        }
        // The link follows the plan (replaceState: no history entry per keystroke).
        if self.sent.0 != self.fragment {
            self.sent.0.clone_from(&self.fragment);
            web::replace_fragment_soon(&self.fragment);
        }
        // The open explanations are written by the worker, for the shown plan.
        let missing: Vec<String> = self.ui.explained.missing(&self.fragment).cloned().collect();
        let asked = format!("{}\u{1f}{}", self.fragment, missing.join("\u{1f}"));
        if self.sent.1 != asked {
            self.sent.1 = asked;
            for what in missing {
                let (scope, key) = (ctx.link().clone(), self.fragment.clone());
                self.lazy
                    .request("explain", vec![key.clone(), what.clone()], move |r| {
                        let markup = if failed(&r) {
                            failed_markup().to_string()
                        } else {
                            r.get(3).cloned().unwrap_or_default()
                        };
                        scope.send_message(Msg::Ui(UiAction::Body(what, key, markup)));
                    });
            }
        }
        // The comparison and the ranking: asked of the worker once the comparison is near.
        if self.below.near {
            let args = self.sections_args();
            let key = args.join("\u{1f}");
            if self.sent.2 != key {
                self.sent.2.clone_from(&key);
                let scope = ctx.link().clone();
                self.lazy.request("sections", args, move |r| {
                    let (a, b) = if failed(&r) {
                        (failed_markup(), failed_markup())
                    } else {
                        let part =
                            |i: usize| AttrValue::from(r.get(i).cloned().unwrap_or_default());
                        (part(2), part(3))
                    };
                    scope.send_message(Msg::Below(Change::Markup(key, a, b)));
                });
            }
        }
    }
}

impl Component for App {
    type Message = Msg;
    type Properties = ();

    fn create(_: &Context<Self>) -> Self {
        let state = Rc::new(State::from_fragment(&web::fragment()));
        let mut app = App {
            fragment: state.fragment(),
            state,
            ui: Rc::default(),
            below: Rc::default(),
            lazy: Lazy::default(),
            parts: Default::default(),
            slots: Default::default(),
            patched: Default::default(),
            sent: Default::default(),
            unlisten: None,
        };
        app.write_top();
        app.write_below();
        app.parts[4] = AttrValue::from(footer());
        app
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        match msg {
            Msg::State(a) => self.set_state(a),
            Msg::Ui(a) => self.set_ui(a),
            Msg::Below(c) => self.set_below(c),
            Msg::Set(id, value) => {
                if id.starts_with("rank-") {
                    return self.set_below(Change::Filter(id, value));
                }
                let opened = id == "instance" && self.set_ui(UiAction::Picker(true, 0));
                self.edit(move |f| {
                    inputs::set(f, &id, value);
                }) | opened
            }
            Msg::Import(input) => {
                import(&input, ctx.link(), &self.lazy);
                false
            }
            Msg::Click(el) => self.click(ctx, &el),
            Msg::Key(key) => self.key(&key),
            Msg::Pick(name) => match catalog::lookup(&name) {
                Ok(t) => self.choose(t.name),
                Err(_) => false,
            },
            Msg::PickerFocus(open) => self.set_ui(UiAction::Picker(open, self.ui.picker.1)),
        }
    }

    fn rendered(&mut self, ctx: &Context<Self>, first: bool) {
        if first {
            // Opening a link, back/forward and editing the fragment by hand all re-render.
            let scope = ctx.link().clone();
            self.unlisten = Some(Box::new(web::on_hash_change(move || {
                web::cancel_fragment_update();
                let d = crate::calc::share::decode(&web::fragment());
                scope.send_message(Msg::State(Action::Load(Box::new(d))));
            })));
            // Inside an iframe: tell the host page our height whenever it changes (the sections
            // from the worker, an opened explanation, the folded inputs: not only on renders).
            web::post_height_on_resize();
            let scope = ctx.link().clone();
            web::when_near("compare", "200px", move || {
                scope.send_message(Msg::Below(Change::Near));
            });
        }
        self.after_render(ctx);
    }

    fn destroy(&mut self, _: &Context<Self>) {
        if let Some(stop) = self.unlisten.take() {
            stop();
        }
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let link = ctx.link();
        let oninput = link.batch_callback(|e: InputEvent| {
            let t = target(&e)?.dyn_into::<HtmlInputElement>().ok()?;
            Some(Msg::Set(t.id(), t.value()))
        });
        let onchange = link.batch_callback(|e: Event| {
            let t = target(&e)?;
            if let Some(s) = t.dyn_ref::<HtmlSelectElement>() {
                return Some(Msg::Set(s.id(), s.value()));
            }
            let i = t.dyn_into::<HtmlInputElement>().ok()?;
            match i.type_().as_str() {
                "checkbox" => Some(Msg::Set(i.id(), if i.checked() { "1" } else { "0" }.into())),
                "radio" => Some(Msg::Set(i.name(), i.value())),
                "file" => Some(Msg::Import(i)),
                _ => None,
            }
        });
        let onclick = link.batch_callback(|e: MouseEvent| {
            let el = target(&e)?.closest("button, summary").ok()??;
            // The page owns the open state of its own disclosures (the worker's follow theirs).
            if el.tag_name().eq_ignore_ascii_case("summary") && !within(&el, "#compare, #types") {
                e.prevent_default();
            }
            Some(Msg::Click(el))
        });
        let onkeydown = link.batch_callback(|e: KeyboardEvent| {
            if target(&e)?.id() != "instance" {
                return None;
            }
            let key = e.key();
            match key.as_str() {
                // Enter never submits the form: it picks the highlighted option, if any.
                "ArrowDown" | "ArrowUp" | "Enter" => e.prevent_default(),
                "Escape" => {}
                _ => return None,
            }
            Some(Msg::Key(key))
        });
        let onmousedown = link.batch_callback(|e: MouseEvent| {
            let li = target(&e)?.closest("#instance-list li").ok()??;
            e.prevent_default();
            Some(Msg::Pick(li.get_attribute("data-name")?))
        });
        let focus = |open: bool| {
            let lazy = self.lazy.clone();
            link.batch_callback(move |e: FocusEvent| {
                let t = target(&e)?;
                // The explanations come from the worker: start it when the focus reaches the plan.
                if open && within(&t, "#plan") {
                    lazy.start();
                }
                (t.id() == "instance").then_some(Msg::PickerFocus(open))
            })
        };
        let onpointerover = {
            let lazy = self.lazy.clone();
            Callback::from(move |e: PointerEvent| {
                if target(&e).is_some_and(|t| within(&t, "#plan")) {
                    lazy.start();
                }
            })
        };
        let onsubmit = Callback::from(|e: SubmitEvent| e.prevent_default());

        // Natively (server rendering in tests) the markup is rendered as it is; in the browser
        // each slot starts empty and `rendered` patches its markup in.
        let slot = |i: usize| {
            let native = (!cfg!(target_arch = "wasm32"))
                .then(|| {
                    self.parts
                        .get(i)
                        .map(|m| Html::from_html_unchecked(m.clone()))
                })
                .flatten();
            let node = self.slots.get(i).cloned().unwrap_or_default();
            html! { <div class="markup" ref={node}>{ for native }</div> }
        };
        let key = self.sections_args().join("\u{1f}");
        let page = html! {
            <div class="markup" {oninput} {onchange} {onclick} {onkeydown} {onmousedown}
                onfocusin={focus(true)} onfocusout={focus(false)} {onpointerover} {onsubmit}>
                { slot(0) }
                { self.below.sections(&key, self.state.embed, |i| slot(i + 1)) }
                { slot(4) }
            </div>
        };
        if self.state.embed {
            html! { <div class="embed">{ page }</div> }
        } else {
            page
        }
    }
}

/// Copies `text` and says how that went.
fn copy(scope: &Scope<App>, what: &'static str, text: String) {
    let scope = scope.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let ok = web::copy(&text).await.is_ok();
        scope.send_message(Msg::Ui(UiAction::Status(share::copied(what, ok, text))));
    });
}

/// Reads the chosen JSON file; the worker reads the plan from it (the reader is not in the first
/// download) and the page loads what it could use.
fn import(input: &HtmlInputElement, scope: &Scope<App>, lazy: &Lazy) {
    let Some(file) = input.files().and_then(|f| f.get(0)) else {
        return;
    };
    input.set_value("");
    let (scope, lazy) = (scope.clone(), lazy.clone());
    wasm_bindgen_futures::spawn_local(async move {
        let text = web::file_text(file).await.unwrap_or_default();
        lazy.request("import", vec![text], move |r| {
            let said = match share::imported(&r) {
                Ok(d) => {
                    scope.send_message(Msg::State(Action::Load(Box::new(d))));
                    "Plan imported.".to_string()
                }
                Err(e) => e,
            };
            scope.send_message(Msg::Ui(UiAction::Status(Status::Done(said))));
        });
    });
}
