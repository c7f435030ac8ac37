//! The page: inputs on the left, the plan on the right, then the comparison and the ranking
//! (from the extras worker, see `below`) and the footer with the dataset version and sources. With
//! `embed=1` in the link: a compact view.
//!
//! The header, the inputs and the plan are markup built as text (`inputs`, `picker`, `results`,
//! `share`) and patched into the page in place ([`raw::Markup`]); this component listens once on
//! their wrapper and turns each event into a change of the page state ([`State`]) or of what the
//! page shows around it ([`Ui`]). A control is known by its `id` (a radio by its `name`), a
//! disclosure by `data-x` or its class.

use super::below::{Change, View};
use super::extras::EXPORTS;
use super::inputs;
use super::lazy::{failed, failed_markup, Lazy, FAILED};
use super::picker;
use super::raw;
use super::results::{self, Explained};
use super::share::{self, embed_code, link, Status};
use super::state::{edit, toggle, Action, State};
use super::web;
use crate::calc::catalog::{self, DATASET_VERSION};
use crate::calc::explain::{
    summary, EC2_LIMITS, ECS_BP_AWSVPC, ECS_TRUNKING_TYPES, VPC_SUBNET_SIZING,
};
use crate::calc::fmt;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement};
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

/// Copies `text` and says how that went.
fn copy(ui: &UseReducerHandle<Ui>, what: &'static str, text: String) {
    let ui = ui.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let ok = web::copy(&text).await.is_ok();
        ui.dispatch(UiAction::Status(share::copied(what, ok, text)));
    });
}

/// The element an event happened on.
fn target(e: &Event) -> Option<Element> {
    e.target().and_then(|t| t.dyn_into::<Element>().ok())
}

/// The whole calculator.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| State::from_fragment(&web::fragment()));
    let ui = use_reducer(Ui::default);
    // The extras worker (comparison, chart, ranking, explanations, exports), started on demand.
    let lazy = (*use_memo((), |_| Lazy::default())).clone();

    // The shown plan's link fragment, encoded once per render for everything below.
    let fragment = AttrValue::from(state.fragment());
    // The link follows the plan (replaceState: no history entry per keystroke).
    use_effect_with(fragment.clone(), |fragment| {
        web::replace_fragment_soon(fragment)
    });
    // Opening a link, back/forward and editing the fragment by hand all re-render.
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            web::on_hash_change(move || {
                web::cancel_fragment_update();
                let d = crate::calc::share::decode(&web::fragment());
                state.dispatch(Action::Load(Box::new(d)));
            })
        });
    }
    // Inside an iframe: tell the host page our height whenever it changes (the sections from the
    // worker, an opened explanation, the folded inputs: not only when this component renders).
    use_effect_with((), |_| web::post_height_on_resize());
    // The open explanations are written by the worker, for the shown plan.
    {
        let (lazy, ui) = (lazy.clone(), ui.clone());
        let missing: Vec<String> = ui.explained.missing(&fragment).cloned().collect();
        use_effect_with((fragment.clone(), missing), move |(fragment, missing)| {
            for what in missing {
                let (ui, key, what) = (ui.clone(), fragment.to_string(), what.clone());
                lazy.request("explain", vec![key.clone(), what.clone()], move |r| {
                    let markup = if failed(&r) {
                        failed_markup().to_string()
                    } else {
                        r.get(3).cloned().unwrap_or_default()
                    };
                    ui.dispatch(UiAction::Body(what, key, markup));
                });
            }
        });
    }

    // The comparison and the ranking: asked of the worker once the comparison is near.
    let below = use_reducer(View::default);
    {
        let below = below.clone();
        use_effect_with((), move |_| {
            web::when_near("compare", "200px", move || below.dispatch(Change::Near))
        });
    }
    let args = below.args(&fragment, state.embed);
    let key = args.join("\u{1f}");
    {
        let (lazy, below) = (lazy.clone(), below.clone());
        use_effect_with((key.clone(), below.near), move |(key, near)| {
            if *near {
                let key = key.clone();
                lazy.request("sections", args, move |r| {
                    let (a, b) = if failed(&r) {
                        (failed_markup(), failed_markup())
                    } else {
                        let part =
                            |i: usize| AttrValue::from(r.get(i).cloned().unwrap_or_default());
                        (part(2), part(3))
                    };
                    below.dispatch(Change::Markup(key, a, b));
                });
            }
        });
    }

    let markup = use_memo(
        ((*state).clone(), (*ui).clone(), fragment.clone()),
        |(s, u, f)| AttrValue::from(top(s, u, f)),
    );
    let foot = (*use_memo((), |_| AttrValue::from(footer()))).clone();

    let oninput = {
        let (state, ui, below) = (state.clone(), ui.clone(), below.clone());
        Callback::from(move |e: InputEvent| {
            let Some(t) = target(&e).and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else {
                return;
            };
            let (id, value) = (t.id(), t.value());
            if id.starts_with("rank-") {
                below.dispatch(Change::Filter(id, value));
                return;
            }
            if id == "instance" {
                ui.dispatch(UiAction::Picker(true, 0));
            }
            edit(&state, move |f| {
                inputs::set(f, &id, value);
            });
        })
    };
    let onchange = {
        let (state, ui, lazy, below) = (state.clone(), ui.clone(), lazy.clone(), below.clone());
        Callback::from(move |e: Event| {
            let Some(t) = target(&e) else { return };
            if let Some(s) = t.dyn_ref::<HtmlSelectElement>() {
                let (id, value) = (s.id(), s.value());
                if id.starts_with("rank-") {
                    below.dispatch(Change::Filter(id, value));
                    return;
                }
                edit(&state, move |f| {
                    inputs::set(f, &id, value);
                });
                return;
            }
            let Some(i) = t.dyn_ref::<HtmlInputElement>() else {
                return;
            };
            match i.type_().as_str() {
                "checkbox" => {
                    let (id, on) = (i.id(), i.checked());
                    edit(&state, move |f| {
                        inputs::set(f, &id, if on { "1" } else { "0" }.into());
                    });
                }
                "radio" => {
                    let (name, value) = (i.name(), i.value());
                    edit(&state, move |f| {
                        inputs::set(f, &name, value);
                    });
                }
                "file" => import(i, &state, &ui, &lazy),
                _ => {}
            }
        })
    };
    let onclick = {
        let (state, ui, lazy, below) = (state.clone(), ui.clone(), lazy.clone(), below.clone());
        Callback::from(move |e: MouseEvent| {
            let Some(el) = target(&e).and_then(|t| t.closest("button, summary").ok().flatten())
            else {
                return;
            };
            if el.closest("#compare, #types").ok().flatten().is_some() {
                below_click(&el, &state, &below);
                return;
            }
            if el.tag_name().eq_ignore_ascii_case("summary") {
                let Some(d) = el.parent_element() else { return };
                e.prevent_default();
                let class = d.class_name();
                if class.contains("exports") {
                    // Warm the worker up when the menu opens, so the first export is quick.
                    lazy.start();
                    ui.dispatch(UiAction::Exports);
                } else if class.contains("embed-inputs") {
                    ui.dispatch(UiAction::EmbedInputs);
                } else if let Some(x) = d.get_attribute("data-x") {
                    ui.dispatch(UiAction::Toggle(x));
                }
                return;
            }
            if let Some(x) = el.get_attribute("data-x") {
                ui.dispatch(UiAction::Toggle(x));
                return;
            }
            let id = el.id();
            match id.as_str() {
                "copy-link" => copy(&ui, "Link", link(&state, false)),
                "copy-embed" => copy(&ui, "Embed code", embed_code(&state)),
                "print" => web::print(),
                "dismiss-notices" => state.dispatch(Action::Dismiss),
                _ => {
                    let (id, download) =
                        match (id.strip_prefix("copy-"), id.strip_prefix("download-")) {
                            (Some(id), _) => (id, false),
                            (_, Some(id)) => (id, true),
                            _ => return,
                        };
                    let Some(&(id, label, file, mime)) = EXPORTS.iter().find(|x| x.0 == id) else {
                        return;
                    };
                    // Exports are written by the extras worker from the shown plan's link.
                    ui.dispatch(UiAction::Status(Status::None));
                    let ui = ui.clone();
                    lazy.request("export", vec![state.fragment(), id.into()], move |r| {
                        if failed(&r) {
                            ui.dispatch(UiAction::Status(Status::Done(format!(
                                "Could not export. {FAILED}"
                            ))));
                            return;
                        }
                        let text = r.get(3).cloned().unwrap_or_default();
                        if download {
                            web::download(file, mime, &text);
                        } else {
                            copy(&ui, label, text);
                        }
                    });
                }
            }
        })
    };
    let choose = {
        let (state, ui) = (state.clone(), ui.clone());
        move |name: &'static str| {
            edit(&state, move |f| f.instance = name.to_string());
            ui.dispatch(UiAction::Picker(false, ui.picker.1));
        }
    };
    let onkeydown = {
        let (state, ui, choose) = (state.clone(), ui.clone(), choose.clone());
        Callback::from(move |e: KeyboardEvent| {
            if target(&e).is_none_or(|t| t.id() != "instance") {
                return;
            }
            let (open, active) = ui.picker;
            let options = picker::options(&state.form.instance);
            let n = options.len().max(1);
            match e.key().as_str() {
                "ArrowDown" => {
                    e.prevent_default();
                    let next = if open { (active + 1) % n } else { active };
                    ui.dispatch(UiAction::Picker(true, next));
                }
                "ArrowUp" => {
                    e.prevent_default();
                    ui.dispatch(UiAction::Picker(open, (active + n - 1) % n));
                }
                "Enter" if open => {
                    if let Some(t) = options.get(active) {
                        e.prevent_default();
                        choose(t.name);
                    }
                }
                "Escape" => ui.dispatch(UiAction::Picker(false, active)),
                _ => {}
            }
        })
    };
    let onmousedown = Callback::from(move |e: MouseEvent| {
        let Some(li) = target(&e).and_then(|t| t.closest("#instance-list li").ok().flatten())
        else {
            return;
        };
        e.prevent_default();
        if let Some(t) = li
            .get_attribute("data-name")
            .and_then(|n| catalog::lookup(&n).ok())
        {
            choose(t.name);
        }
    });
    let picker_focus = |open: bool| {
        let (ui, lazy) = (ui.clone(), lazy.clone());
        Callback::from(move |e: FocusEvent| {
            let Some(t) = target(&e) else { return };
            if t.id() == "instance" {
                ui.dispatch(UiAction::Picker(open, ui.picker.1));
            }
            // The explanations come from the worker: start it when the focus reaches the plan.
            if open && t.closest("#plan").ok().flatten().is_some() {
                lazy.start();
            }
        })
    };
    let onpointerover = {
        let lazy = lazy.clone();
        Callback::from(move |e: PointerEvent| {
            if target(&e).is_some_and(|t| t.closest("#plan").ok().flatten().is_some()) {
                lazy.start();
            }
        })
    };
    let onsubmit = Callback::from(|e: SubmitEvent| e.prevent_default());

    let page = html! {
        <div class="markup" {oninput} {onchange} {onclick} {onkeydown} {onmousedown}
            onfocusin={picker_focus(true)} onfocusout={picker_focus(false)} {onpointerover} {onsubmit}>
            <raw::Markup markup={(*markup).clone()} />
            { below.sections(&key, state.embed) }
            <raw::Markup markup={foot} />
        </div>
    };
    if state.embed {
        html! { <div class="embed">{ page }</div> }
    } else {
        page
    }
}

/// A click on a button or a disclosure in the comparison or the ranking (worker markup):
/// explanations opened or closed (natively: the worker's next markup agrees), rows added, a type
/// pinned or put to use.
fn below_click(el: &Element, state: &UseReducerHandle<State>, below: &UseReducerHandle<View>) {
    if el.tag_name().eq_ignore_ascii_case("summary") {
        if let Some(x) = el.parent_element().and_then(|d| d.get_attribute("data-x")) {
            below.dispatch(Change::Toggle(x));
        }
        return;
    }
    let action = el.get_attribute("data-action").unwrap_or_default();
    if action == "more" {
        below.dispatch(Change::More);
        return;
    }
    let Some(name) = el
        .get_attribute("data-type")
        .and_then(|n| catalog::lookup(&n).ok())
        .map(|t| t.name)
    else {
        return;
    };
    match action.as_str() {
        "use" => edit(state, move |f| f.instance = name.to_string()),
        "pin" => below.dispatch(Change::Pin(name)),
        _ => {}
    }
}

/// Reads the chosen JSON file; the worker reads the plan from it (the reader is not in the first
/// download) and the page loads what it could use.
fn import(
    input: &HtmlInputElement,
    state: &UseReducerHandle<State>,
    ui: &UseReducerHandle<Ui>,
    lazy: &Lazy,
) {
    let Some(file) = input.files().and_then(|f| f.get(0)) else {
        return;
    };
    input.set_value("");
    let (state, ui, lazy) = (state.clone(), ui.clone(), lazy.clone());
    wasm_bindgen_futures::spawn_local(async move {
        let text = web::file_text(file).await.unwrap_or_default();
        lazy.request("import", vec![text], move |r| {
            let said = match share::imported(&r) {
                Ok(d) => {
                    state.dispatch(Action::Load(Box::new(d)));
                    "Plan imported.".to_string()
                }
                Err(e) => e,
            };
            ui.dispatch(UiAction::Status(Status::Done(said)));
        });
    });
}
