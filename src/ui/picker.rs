//! The instance-type picker: a combobox (ARIA 1.2 pattern) with type-ahead search over the whole
//! catalogue. Typing reports the text; an option is chosen with the arrows and Enter (never during
//! an IME composition) or the pointer; Escape closes the list and puts back the last valid type.

use super::fields::{error_text, OnEdit};
use crate::calc::catalog::{self, InstanceType, Origin};
use crate::calc::fmt;
use crate::calc::Field;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// How many matches the list shows.
pub const OPTIONS: usize = 12;

/// One line about a type: family, vCPU, memory, ENIs, densities.
fn describe(t: &InstanceType) -> String {
    let cpu = t
        .vcpus
        .map(|v| format!("{v} vCPU"))
        .unwrap_or_else(|| "vCPU ?".into());
    let mem = t
        .memory_mib
        .map(fmt::mib)
        .unwrap_or_else(|| "memory ?".into());
    if let Some(l) = catalog::awsvpc_limit(t) {
        return format!(
            "{} · {cpu} · {mem} · {} ENIs · {} task{} in awsvpc mode (AWS's limit)",
            t.family,
            t.max_enis,
            l.tasks,
            if l.tasks == 1 { "" } else { "s" }
        );
    }
    let trunk = match t.tasks_with_trunking {
        Some(w) if t.with_source == Origin::Derived => format!(
            "{} → {} tasks with trunking (derived)",
            t.tasks_without_trunking, w
        ),
        Some(w) => format!("{} → {} tasks with trunking", t.tasks_without_trunking, w),
        None => format!("{} tasks, no trunking", t.tasks_without_trunking),
    };
    format!(
        "{} · {cpu} · {mem} · {} ENIs · {trunk}",
        t.family, t.max_enis
    )
}

/// The picker's inputs.
#[derive(Properties, PartialEq)]
pub struct PickerProps {
    /// The text in the field.
    pub value: AttrValue,
    /// The type of the shown plan, put back by Escape.
    pub valid: AttrValue,
    /// Its error.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// Reports typed text and chosen types as [`Field::Instance`].
    pub on_edit: OnEdit,
}

/// The instance-type combobox.
#[function_component]
pub fn Picker(p: &PickerProps) -> Html {
    // (open, highlighted option)
    let list = use_state(|| (false, 0usize));
    let (open, active) = *list;
    let options = if open {
        catalog::search(&p.value, OPTIONS)
    } else {
        Vec::new()
    };
    let expanded = !options.is_empty();
    let n = options.len().max(1);
    let choose = {
        let (on_edit, list) = (p.on_edit.clone(), list.clone());
        move |name: &str| {
            on_edit.emit((Field::Instance, name.to_string()));
            list.set((false, 0));
        }
    };
    let oninput = {
        let (on_edit, list) = (p.on_edit.clone(), list.clone());
        Callback::from(move |e: InputEvent| {
            list.set((true, 0));
            on_edit.emit((
                Field::Instance,
                e.target_unchecked_into::<HtmlInputElement>().value(),
            ));
        })
    };
    let onkeydown = {
        let (list, names) = (
            list.clone(),
            options.iter().map(|t| t.name).collect::<Vec<_>>(),
        );
        let (on_edit, valid, value) = (p.on_edit.clone(), p.valid.clone(), p.value.clone());
        let choose = choose.clone();
        Callback::from(move |e: KeyboardEvent| {
            // Keys that confirm or move during an IME composition belong to the IME.
            if e.is_composing() {
                return;
            }
            match e.key().as_str() {
                "ArrowDown" => {
                    e.prevent_default();
                    list.set((true, if open { (active + 1) % n } else { active }));
                }
                "ArrowUp" => {
                    e.prevent_default();
                    list.set((open, (active + n - 1) % n));
                }
                // Enter never submits the form: it picks the highlighted option, if any.
                "Enter" => {
                    e.prevent_default();
                    if let Some(name) = names.get(active).filter(|_| open) {
                        choose(name);
                    }
                }
                "Escape" => {
                    list.set((false, active));
                    if value != valid {
                        on_edit.emit((Field::Instance, valid.to_string()));
                    }
                }
                _ => {}
            }
        })
    };
    let onfocusin = {
        let list = list.clone();
        Callback::from(move |_: FocusEvent| list.set((true, active)))
    };
    let onfocusout = {
        let list = list.clone();
        Callback::from(move |_: FocusEvent| list.set((false, active)))
    };
    let invalid = p.error.is_some();
    html! {
        <div class={classes!("field", "picker", invalid.then_some("invalid"))}>
            <label for={Field::Instance.id()}>{ Field::Instance.label() }</label>
            <input id={Field::Instance.id()} name={Field::Instance.key()} type="text" role="combobox" autocomplete="off" spellcheck="false"
                aria-autocomplete="list" aria-controls="instance-list"
                aria-expanded={expanded.to_string()}
                aria-activedescendant={expanded.then(|| format!("instance-opt-{active}"))}
                aria-invalid={invalid.then_some("true")}
                aria-describedby={invalid.then_some("instance-error")}
                value={p.value.clone()} {oninput} {onkeydown} {onfocusin} {onfocusout} />
            if expanded {
                <ul id="instance-list" role="listbox" aria-label="Instance types">
                    { for options.iter().enumerate().map(|(i, t)| {
                        let on = i == active;
                        let onmousedown = {
                            let choose = choose.clone();
                            let name = t.name;
                            // mousedown, not click: the field keeps the focus.
                            Callback::from(move |e: MouseEvent| {
                                e.prevent_default();
                                choose(name);
                            })
                        };
                        html! {
                            <li key={t.name} id={format!("instance-opt-{i}")} role="option"
                                aria-selected={on.to_string()} class={on.then_some("active")}
                                data-name={t.name} {onmousedown}>
                                <strong>{ t.name }</strong>
                                <span class="muted">{ describe(t) }</span>
                            </li>
                        }
                    }) }
                </ul>
            }
            { error_text("instance", &p.error, None, &Callback::noop()) }
        </div>
    }
}
