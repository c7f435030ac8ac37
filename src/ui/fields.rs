//! The small form controls every input is made of: a text field, a select, a checkbox and a
//! radio group. Each is given its [`Field`], from which it takes its id, `name` (the field's
//! link key), label and hint (the field table, `calc::field`); it shows its error next to it, and
//! reports a change as the field and its new text (`1`/`0` for a checkbox) through `on_edit`.
//! Selects and radio groups are given the value the plan uses (the field's text parsed, then
//! written as the choice writes it), so they always show exactly that value, whatever the case
//! or spelling of the text that gave it.

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

/// The id of `field`'s control for the service at `place` (0: the form's own field, whose id is
/// the field's), and its `name`.
pub fn control_id(field: Field, place: usize) -> (AttrValue, AttrValue) {
    match place {
        0 => (field.id().into(), field.key().into()),
        n => (
            format!("svc{n}-{}", field.id()).into(),
            format!("svc{n}-{}", field.key()).into(),
        ),
    }
}

/// The hint under a control (its id is `{id}-hint`).
fn hint_text(field: Field) -> Html {
    match field.hint() {
        Some(h) => html! { <p class="hint" id={format!("{}-hint", field.id())}>{ h }</p> },
        None => Html::default(),
    }
}

/// A labelled text field.
#[derive(Properties, PartialEq)]
pub struct TextProps {
    /// The service whose field it is, by its place (0: the form's own field).
    #[prop_or_default]
    pub place: usize,
    /// In a services row: no hint under it.
    #[prop_or_default]
    pub compact: bool,
    /// The form field it edits.
    pub field: Field,
    /// The text shown.
    pub value: AttrValue,
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
    let (id, name) = control_id(field, p.place);
    let hint = field.hint().is_some() && !p.compact;
    html! {
        <div class={classes!("field", invalid.then_some("invalid"))}>
            <label for={id.clone()}>{ field.label() }</label>
            <input id={id.clone()} {name} type="text" value={p.value.clone()} spellcheck="false"
                autocomplete="off" inputmode={p.numeric.then_some("numeric")}
                aria-invalid={invalid.then_some("true")}
                aria-describedby={described(&id, invalid, hint)} {oninput} />
            if hint {
                { hint_text(field) }
            }
            { error_text(&id, &p.error, p.fix, &p.on_fix) }
        </div>
    }
}

/// A labelled select.
#[derive(Properties, PartialEq)]
pub struct SelectProps {
    /// The service whose field it is, by its place (0: the form's own field).
    #[prop_or_default]
    pub place: usize,
    /// The form field it edits.
    pub field: Field,
    /// (value, label) of each option.
    pub options: Vec<(AttrValue, AttrValue)>,
    /// The option of the value the plan uses (`None`: the field's text is not one of them).
    pub selected: Option<AttrValue>,
    /// The field's text, shown as an option of its own when it is not one of the options.
    pub text: AttrValue,
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

/// A labelled select. What it shows follows the value even after the user has used it (a link
/// opened later sets it).
#[function_component]
pub fn SelectField(p: &SelectProps) -> Html {
    let node = use_node_ref();
    let value = p.selected.clone().unwrap_or_else(|| p.text.clone());
    {
        let node = node.clone();
        use_effect_with(value.clone(), move |v| {
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
    let (id, name) = control_id(field, p.place);
    html! {
        <div class={classes!("field", invalid.then_some("invalid"))}>
            <label for={id.clone()}>{ field.label() }</label>
            <select id={id.clone()} {name} ref={node} aria-invalid={invalid.then_some("true")}
                aria-describedby={described(&id, invalid, false)} {onchange}>
                if p.selected.is_none() {
                    <option value={p.text.clone()} selected=true>{ p.text.clone() }</option>
                }
                { for p.options.iter().map(|(v, l)| html! {
                    <option key={v.as_str()} value={v.clone()} selected={p.selected.as_ref() == Some(v)}>{ l.clone() }</option>
                }) }
            </select>
            { error_text(&id, &p.error, p.fix, &p.on_fix) }
        </div>
    }
}

/// A labelled checkbox.
#[derive(Properties, PartialEq)]
pub struct CheckProps {
    /// The form field it toggles.
    pub field: Field,
    /// Checked.
    pub checked: bool,
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
    let id = field.id();
    html! {
        <div class="field check">
            <input {id} name={field.key()} type="checkbox" checked={p.checked}
                aria-describedby={described(id, false, field.hint().is_some())} {onchange} />
            <label for={id}>{ field.label() }</label>
            { hint_text(field) }
        </div>
    }
}

/// A group of radio buttons, one per value of a choice.
#[derive(Properties, PartialEq)]
pub struct RadioProps {
    /// The form field it sets.
    pub field: Field,
    /// Each value's text and label ([`crate::calc::field::options`]).
    pub options: Vec<(&'static str, &'static str)>,
    /// The text of the value the plan uses (`None`: the field's text is not a value of the
    /// choice).
    pub value: Option<&'static str>,
    /// Its error.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// Reports each change.
    pub on_edit: OnEdit,
}

/// A group of radio buttons (each button's id is `{field id}-{value}`).
#[function_component]
pub fn RadioGroup(p: &RadioProps) -> Html {
    let field = p.field;
    html! {
        <fieldset class="radios">
            <legend>{ field.label() }</legend>
            { for p.options.iter().map(|&(text, label)| {
                let id = format!("{}-{text}", field.id());
                let onchange = p.on_edit.reform(move |_: Event| (field, text.to_string()));
                html! {
                    <span class="radio" key={text}>
                        <input type="radio" id={id.clone()} name={field.key()} value={text}
                            checked={p.value == Some(text)} {onchange} />
                        <label for={id}>{ label }</label>
                    </span>
                }
            }) }
            if let Some(e) = &p.error {
                <p class="error" role="alert">{ e.clone() }</p>
            }
        </fieldset>
    }
}
