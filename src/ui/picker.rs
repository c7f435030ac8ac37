//! The instance-type picker: a combobox with type-ahead search over the whole catalogue.

use crate::calc::catalog::{self, InstanceType, Source};
use crate::calc::fmt;
use web_sys::{HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

/// Props of [`Picker`].
#[derive(Properties, PartialEq)]
pub struct PickerProps {
    /// The text in the field.
    pub value: AttrValue,
    /// The field's error, if any.
    pub error: Option<AttrValue>,
    /// Called with new text (typed or chosen).
    pub on_change: Callback<String>,
}

fn describe(t: &InstanceType) -> String {
    let cpu = t
        .vcpus
        .map(|v| format!("{v} vCPU"))
        .unwrap_or_else(|| "vCPU ?".into());
    let mem = t
        .memory_mib
        .map(fmt::mib)
        .unwrap_or_else(|| "memory ?".into());
    let trunk = match t.tasks_with_trunking {
        Some(w) if t.with_source == Source::Derived => format!(
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

/// Type-ahead instance type picker (ARIA 1.2 combobox pattern).
#[function_component(Picker)]
pub fn picker(p: &PickerProps) -> Html {
    let open = use_state(|| false);
    let active = use_state(|| 0usize);
    let query = p.value.to_string();
    let options = use_memo(query.clone(), |q| catalog::search(q, 12));
    let choose = {
        let (open, on_change) = (open.clone(), p.on_change.clone());
        Callback::from(move |name: String| {
            on_change.emit(name);
            open.set(false);
        })
    };
    let oninput = {
        let (open, active, on_change) = (open.clone(), active.clone(), p.on_change.clone());
        Callback::from(move |e: InputEvent| {
            on_change.emit(e.target_unchecked_into::<HtmlInputElement>().value());
            open.set(true);
            active.set(0);
        })
    };
    let onkeydown = {
        let (open, active, options, choose) = (
            open.clone(),
            active.clone(),
            options.clone(),
            choose.clone(),
        );
        Callback::from(move |e: KeyboardEvent| {
            let n = options.len();
            match e.key().as_str() {
                "ArrowDown" => {
                    e.prevent_default();
                    if *open {
                        active.set(if n == 0 { 0 } else { (*active + 1) % n });
                    } else {
                        open.set(true);
                    }
                }
                "ArrowUp" => {
                    e.prevent_default();
                    active.set(if n == 0 { 0 } else { (*active + n - 1) % n });
                }
                "Enter" if *open => {
                    if let Some(t) = options.get(*active) {
                        e.prevent_default();
                        choose.emit(t.name.to_string());
                    }
                }
                "Escape" => open.set(false),
                _ => {}
            }
        })
    };
    let onblur = {
        let open = open.clone();
        Callback::from(move |_| open.set(false))
    };
    let onfocus = {
        let open = open.clone();
        Callback::from(move |_| open.set(true))
    };
    let expanded = *open && !options.is_empty();
    html! {
        <div class={classes!("field", "picker", p.error.as_ref().map(|_| "invalid"))}>
            <label for="instance">{ "Instance type" }</label>
            <input id="instance" type="text" role="combobox" autocomplete="off" spellcheck="false"
                aria-autocomplete="list" aria-controls="instance-list" aria-expanded={expanded.to_string()}
                aria-activedescendant={expanded.then(|| format!("instance-opt-{}", *active))}
                aria-invalid={p.error.is_some().then_some("true")}
                aria-describedby={p.error.is_some().then_some("instance-error")}
                value={p.value.clone()} {oninput} {onkeydown} {onblur} {onfocus} />
            if expanded {
                <ul id="instance-list" role="listbox" aria-label="Instance types">
                    { for options.iter().enumerate().map(|(i, t)| {
                        let name = t.name.to_string();
                        let choose = choose.clone();
                        let onmousedown = Callback::from(move |e: MouseEvent| { e.prevent_default(); choose.emit(name.clone()); });
                        html! {
                            <li id={format!("instance-opt-{i}")} role="option" aria-selected={(i == *active).to_string()}
                                class={classes!((i == *active).then_some("active"))} {onmousedown}>
                                <strong>{ t.name }</strong>
                                <span class="muted">{ describe(t) }</span>
                            </li>
                        }
                    }) }
                </ul>
            }
            if let Some(e) = &p.error {
                <p class="error" id="instance-error" role="alert">{ e.clone() }</p>
            }
        </div>
    }
}
