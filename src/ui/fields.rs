//! The small form controls every input is made of: a text field, a select, a checkbox and a
//! radio group. Each is labelled, shows its hint and its error next to it, and reports a change
//! as the typed form [`Field`] and its new text (`1`/`0` for a checkbox) through `on_edit`.

use crate::calc::{Field, Fix};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// A change of a form field: which, and its new text.
pub type OnEdit = Callback<(Field, String)>;

/// The ids that describe a control: its error's, then its hint's.
fn described(id: &str, error: bool, hint: bool) -> Option<String> {
    let ids: Vec<String> = [(error, "error"), (hint, "hint")]
        .into_iter()
        .filter(|(on, _)| *on)
        .map(|(_, what)| format!("{id}-{what}"))
        .collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// The error under a control (its id is `{id}-error`), announced when it appears, with its
/// one-click fix.
pub fn error_text(
    id: &str,
    error: &Option<AttrValue>,
    fix: Option<Fix>,
    on_fix: &Callback<Fix>,
) -> Html {
    match error {
        Some(e) => html! {
            <p class="error" id={format!("{id}-error")} role="alert">
                { e.clone() }
                if let Some(fix) = fix {
                    { " " }
                    <button type="button" class="small fix" onclick={on_fix.reform(move |_| fix)}>{ fix.label() }</button>
                }
            </p>
        },
        None => Html::default(),
    }
}

/// A labelled text field.
#[derive(Properties, PartialEq)]
pub struct TextProps {
    /// Element id.
    pub id: AttrValue,
    /// Label.
    pub label: AttrValue,
    /// The form field it edits.
    pub field: Field,
    /// The text shown.
    pub value: AttrValue,
    /// A hint under it.
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// Its error.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// A one-click fix of its conflict.
    #[prop_or_default]
    pub fix: Option<Fix>,
    /// Applies the fix.
    #[prop_or_default]
    pub on_fix: Callback<Fix>,
    /// Whole numbers: a numeric keyboard on phones.
    #[prop_or_default]
    pub numeric: bool,
    /// Reports each edit.
    pub on_edit: OnEdit,
}

/// A labelled text field.
#[function_component]
pub fn TextField(p: &TextProps) -> Html {
    let field = p.field;
    let oninput = p.on_edit.reform(move |e: InputEvent| {
        (field, e.target_unchecked_into::<HtmlInputElement>().value())
    });
    let invalid = p.error.is_some();
    html! {
        <div class={classes!("field", invalid.then_some("invalid"))}>
            <label for={p.id.clone()}>{ p.label.clone() }</label>
            <input id={p.id.clone()} type="text" value={p.value.clone()} spellcheck="false"
                autocomplete="off" inputmode={p.numeric.then_some("numeric")}
                aria-invalid={invalid.then_some("true")}
                aria-describedby={described(&p.id, invalid, p.hint.is_some())} {oninput} />
            if let Some(h) = &p.hint {
                <p class="hint" id={format!("{}-hint", p.id)}>{ h.clone() }</p>
            }
            { error_text(&p.id, &p.error, p.fix, &p.on_fix) }
        </div>
    }
}

/// A labelled select.
#[derive(Properties, PartialEq)]
pub struct SelectProps {
    /// Element id.
    pub id: AttrValue,
    /// Label.
    pub label: AttrValue,
    /// The form field it edits.
    pub field: Field,
    /// The value chosen; one that is not among `options` is shown as its own option.
    pub value: AttrValue,
    /// (value, label) of each option.
    pub options: Vec<(AttrValue, AttrValue)>,
    /// Its error.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// A one-click fix of its conflict.
    #[prop_or_default]
    pub fix: Option<Fix>,
    /// Applies the fix.
    #[prop_or_default]
    pub on_fix: Callback<Fix>,
    /// Reports each change.
    pub on_edit: OnEdit,
}

/// A labelled select. What it shows follows `value` even after the user has used it (a link
/// opened later sets it).
#[function_component]
pub fn SelectField(p: &SelectProps) -> Html {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with(p.value.clone(), move |v| {
            if let Some(s) = node.cast::<HtmlSelectElement>() {
                if s.value() != v.as_str() {
                    s.set_value(v);
                }
            }
        });
    }
    let field = p.field;
    let onchange = p.on_edit.reform(move |e: Event| {
        (
            field,
            e.target_unchecked_into::<HtmlSelectElement>().value(),
        )
    });
    let invalid = p.error.is_some();
    let known = p.options.iter().any(|(v, _)| *v == p.value);
    html! {
        <div class={classes!("field", invalid.then_some("invalid"))}>
            <label for={p.id.clone()}>{ p.label.clone() }</label>
            <select id={p.id.clone()} ref={node} aria-invalid={invalid.then_some("true")}
                aria-describedby={described(&p.id, invalid, false)} {onchange}>
                if !known {
                    <option value={p.value.clone()} selected=true>{ p.value.clone() }</option>
                }
                { for p.options.iter().map(|(v, l)| html! {
                    <option key={v.as_str()} value={v.clone()} selected={*v == p.value}>{ l.clone() }</option>
                }) }
            </select>
            { error_text(&p.id, &p.error, p.fix, &p.on_fix) }
        </div>
    }
}

/// A labelled checkbox.
#[derive(Properties, PartialEq)]
pub struct CheckProps {
    /// Element id.
    pub id: AttrValue,
    /// Label.
    pub label: AttrValue,
    /// The form field it toggles.
    pub field: Field,
    /// Checked.
    pub checked: bool,
    /// A hint under it.
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// Reports each change (`1` checked, `0` not).
    pub on_edit: OnEdit,
}

/// A labelled checkbox.
#[function_component]
pub fn CheckField(p: &CheckProps) -> Html {
    let field = p.field;
    let onchange = p.on_edit.reform(move |e: Event| {
        let on = e.target_unchecked_into::<HtmlInputElement>().checked();
        (field, if on { "1" } else { "0" }.to_string())
    });
    html! {
        <div class="field check">
            <input id={p.id.clone()} type="checkbox" checked={p.checked}
                aria-describedby={described(&p.id, false, p.hint.is_some())} {onchange} />
            <label for={p.id.clone()}>{ p.label.clone() }</label>
            if let Some(h) = &p.hint {
                <p class="hint" id={format!("{}-hint", p.id)}>{ h.clone() }</p>
            }
        </div>
    }
}

/// A group of radio buttons.
#[derive(Properties, PartialEq)]
pub struct RadioProps {
    /// The group's name (each button's id is `{name}-{value}`).
    pub name: AttrValue,
    /// The legend.
    pub legend: AttrValue,
    /// The form field it sets.
    pub field: Field,
    /// The value chosen.
    pub value: AttrValue,
    /// (value, label) of each button.
    pub options: &'static [(&'static str, &'static str)],
    /// Its error.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// Reports each change.
    pub on_edit: OnEdit,
}

/// A group of radio buttons.
#[function_component]
pub fn RadioGroup(p: &RadioProps) -> Html {
    let field = p.field;
    html! {
        <fieldset class="radios">
            <legend>{ p.legend.clone() }</legend>
            { for p.options.iter().map(|&(v, l)| {
                let id = format!("{}-{v}", p.name);
                let onchange = p.on_edit.reform(move |_: Event| (field, v.to_string()));
                html! {
                    <span class="radio" key={v}>
                        <input type="radio" id={id.clone()} name={p.name.clone()} value={v}
                            checked={p.value.as_str() == v} {onchange} />
                        <label for={id}>{ l }</label>
                    </span>
                }
            }) }
            if let Some(e) = &p.error {
                <p class="error" role="alert">{ e.clone() }</p>
            }
        </fieldset>
    }
}
