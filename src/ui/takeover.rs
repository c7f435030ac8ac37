//! Taking over from the prerendered first screen (issue 23, item 1).
//!
//! The release build ships the default plan's first screen in the HTML (`<div id="prerendered">`,
//! `src/prerender.rs`), and its form is usable before the wasm has run. The app starts from
//! whatever the user already changed there ([`values`] read before the app's first render, every
//! field by its `name`, the field's link key), renders into an element that is not yet in the
//! document (so no id is ever there twice), and [`swap`]s it in for the prerendered screen in one
//! task once a render of it shows every edit made in the prerendered form: edits made while it
//! rendered are applied and rendered first (Yew may yield to the browser in the middle of a
//! render, so a key can arrive at any moment), and the focused control keeps its focus and caret.

use crate::calc::{Field, Form};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

/// The value of every field whose control is in `root`, as the form would hold it (a checked
/// box is `1`; a radio group, its checked button's value).
pub fn values(root: &Element) -> Vec<(Field, String)> {
    Field::ALL
        .into_iter()
        .filter_map(|f| {
            let all = root
                .query_selector_all(&format!("[name=\"{}\"]", f.key()))
                .ok()?;
            let mut value = None;
            for node in (0..all.length()).filter_map(|i| all.item(i)) {
                if let Some(i) = node.dyn_ref::<HtmlInputElement>() {
                    match i.type_().as_str() {
                        "checkbox" => value = Some(if i.checked() { "1" } else { "0" }.to_string()),
                        "radio" if i.checked() => value = Some(i.value()),
                        "radio" => {}
                        _ => value = Some(i.value()),
                    }
                } else if let Some(s) = node.dyn_ref::<HtmlSelectElement>() {
                    value = Some(s.value());
                }
            }
            value.map(|v| (f, v))
        })
        .collect()
}

/// The fields of `now` whose value differs from `before` (or, with no `before`, from the
/// default form): what the user changed.
pub fn changed(
    before: Option<&[(Field, String)]>,
    now: &[(Field, String)],
) -> Vec<(Field, String)> {
    let default = Form::default();
    now.iter()
        .filter(|(f, v)| match before {
            Some(b) => b.iter().find(|(g, _)| g == f).is_none_or(|(_, w)| w != v),
            None => *v != default.get(*f),
        })
        .cloned()
        .collect()
}

/// The focused control inside `root`: its id and its selection, if it has one.
pub struct Focus {
    id: String,
    selection: Option<(u32, u32)>,
}

/// Where the focus is, when it is inside `root`.
fn focus_in(root: &Element) -> Option<Focus> {
    let doc = root.owner_document()?;
    let active = doc.active_element()?;
    if !root.contains(Some(&active)) || active.id().is_empty() {
        return None;
    }
    let selection = if let Some(i) = active.dyn_ref::<HtmlInputElement>() {
        i.selection_start()
            .ok()
            .flatten()
            .zip(i.selection_end().ok().flatten())
    } else if let Some(t) = active.dyn_ref::<HtmlTextAreaElement>() {
        t.selection_start()
            .ok()
            .flatten()
            .zip(t.selection_end().ok().flatten())
    } else {
        None
    };
    Some(Focus {
        id: active.id(),
        selection,
    })
}

/// Puts the focus back on the control with the same id, with the same selection.
fn refocus(f: &Focus) {
    let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(&f.id))
    else {
        return;
    };
    if let Some(h) = el.dyn_ref::<HtmlElement>() {
        let _ = h.focus();
    }
    if let Some((start, end)) = f.selection {
        if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
            let _ = i.set_selection_range(start, end);
        } else if let Some(t) = el.dyn_ref::<HtmlTextAreaElement>() {
            let _ = t.set_selection_range(start, end);
        }
    }
}

/// Puts the app's `root` in place of the prerendered `pre` and moves the focus and caret to the
/// same control in it; where the focus was, if it was in `pre`.
pub fn swap(pre: &Element, root: &Element) -> Option<Focus> {
    let focus = focus_in(pre);
    pre.replace_with_with_node_1(root).ok()?;
    if let Some(f) = &focus {
        refocus(f);
    }
    focus
}
