//! The cluster's services: "Add a service" under a one-service plan, and once there are several,
//! a keyed list of rows, one per service, each with every field of a service
//! ([`crate::calc::service::SERVICE_FIELDS`]) and its Duplicate and Remove buttons. The first
//! row edits the form's own fields (the same controls, ids and link keys as a one-service
//! plan); later rows report [`ServiceEdit::Edit`] with their place. Rows are keyed by their
//! service's row id, so a row keeps its DOM nodes through edits and the removal of others, and
//! after adding, duplicating or removing, the focus goes to the row it concerns.

use super::fields::{OnEdit, SelectField, TextField};
use super::inputs::fix_for;
use super::state::ServiceEdit;
use crate::calc::field::options;
use crate::calc::parse;
use crate::calc::{
    Choice, Field, Fix, Form, Launch, Net, PlanError, Scheduling, Strategy, MAX_SERVICES,
};
use std::rc::Rc;
use web_sys::HtmlElement;
use yew::prelude::*;

/// The services editor's inputs.
#[derive(Properties, PartialEq)]
pub struct ServicesProps {
    /// What the user typed.
    pub form: Rc<Form>,
    /// The form's errors.
    pub errors: Rc<Vec<PlanError>>,
    /// Reports an edit of the first service's fields (the form's own).
    pub on_edit: OnEdit,
    /// Reports a change of the list or of a later service's field.
    pub on_service: Callback<ServiceEdit>,
    /// Applies a one-click fix.
    pub on_fix: Callback<Fix>,
}

/// Where the focus goes after the list changed: the row at this place, its first control.
#[derive(Clone, Copy, PartialEq)]
struct Focus(usize);

/// The services editor.
#[function_component]
pub fn Services(p: &ServicesProps) -> Html {
    let focus = use_state_eq(|| None::<Focus>);
    let add = use_node_ref();
    let count = p.form.service_count();
    // Back to one service: the list is gone, the focus goes to "Add a service".
    {
        let (add, focus) = (add.clone(), focus.clone());
        use_effect_with((count, *focus), move |&(count, f)| {
            if count == 1 && f.is_some() {
                if let Some(el) = add.cast::<HtmlElement>() {
                    let _ = el.focus();
                }
                focus.set(None);
            }
        });
    }
    let on_add = {
        let (on_service, focus) = (p.on_service.clone(), focus.clone());
        Callback::from(move |_: MouseEvent| {
            focus.set(Some(Focus(count)));
            on_service.emit(ServiceEdit::Add);
        })
    };
    let full = count >= MAX_SERVICES;
    html! {
        <section class="group services" aria-labelledby="g-services">
            <h2 id="g-services">{ "Services" }</h2>
            if count > 1 {
                <ol class="service-rows">
                    { for (0..count).filter_map(|place| p.form.service(place).map(|s| (place, s))).map(|(place, s)| {
                        let key = s.id;
                        let on_service = p.on_service.clone();
                        let focus_next = focus.clone();
                        let on_list = Callback::from(move |edit: ServiceEdit| {
                            let to = match &edit {
                                ServiceEdit::Duplicate(n) => Some(n.saturating_add(1)),
                                ServiceEdit::Remove(n) => Some((*n).min(count.saturating_sub(2))),
                                _ => None,
                            };
                            if let Some(to) = to {
                                focus_next.set(Some(Focus(to)));
                            }
                            on_service.emit(edit);
                        });
                        html! {
                            <ServiceRow {key} {place} row={Rc::new(s)} errors={p.errors.clone()}
                                on_edit={p.on_edit.clone()} on_list={on_list} on_fix={p.on_fix.clone()}
                                focus={*focus == Some(Focus(place))} can_add={!full}
                                on_focused={let f = focus.clone(); Callback::from(move |()| f.set(None))} />
                        }
                    }) }
                </ol>
            }
            <p class="service-actions">
                <button type="button" id="add-service" ref={add} onclick={on_add} disabled={full}>{ "Add a service" }</button>
                if full {
                    <span class="hint">{ format!(" A cluster plan holds at most {MAX_SERVICES} services.") }</span>
                } else if count == 1 {
                    <span class="hint">{ " Plan several services on the same instances and subnets, with daemons on every instance." }</span>
                }
            </p>
        </section>
    }
}

/// One service's row.
#[derive(Properties, PartialEq)]
struct RowProps {
    /// Its place in the cluster (0: the first, the form's own fields).
    place: usize,
    /// Its fields' text.
    row: Rc<crate::calc::service::ServiceForm>,
    /// The form's errors.
    errors: Rc<Vec<PlanError>>,
    /// Reports an edit of the first service's fields.
    on_edit: OnEdit,
    /// Reports a change of the list or of a later service's field.
    on_list: Callback<ServiceEdit>,
    /// Applies a one-click fix.
    on_fix: Callback<Fix>,
    /// Move the focus here.
    focus: bool,
    /// The focus was moved.
    on_focused: Callback<()>,
    /// Another service can be added (duplicate).
    can_add: bool,
}

/// One service's row: its fields, Duplicate and Remove.
#[function_component]
fn ServiceRow(p: &RowProps) -> Html {
    let place = p.place;
    let first = use_node_ref();
    {
        let (first, on_focused) = (first.clone(), p.on_focused.clone());
        use_effect_with(p.focus, move |&focus| {
            if focus {
                if let Some(el) = first.cast::<HtmlElement>() {
                    let _ = el.focus();
                }
                on_focused.emit(());
            }
        });
    }
    // The first service's fields are the form's own; a later one's report their place.
    let on_edit: OnEdit = if place == 0 {
        p.on_edit.clone()
    } else {
        p.on_list
            .reform(move |(f, v): (Field, String)| ServiceEdit::Edit(place, f, v))
    };
    let err = |field: Field| {
        p.errors
            .iter()
            .find(|e| e.involves_service(place, field))
            .map(|e| AttrValue::from(e.message.clone()))
    };
    let fix = |field: Field| {
        if place == 0 {
            fix_for(&p.errors, field)
        } else {
            None
        }
    };
    let get = |field: Field| AttrValue::from(p.row.get(field).to_string());
    let text = |field: Field| {
        html! {
            <TextField {field} {place} compact=true value={get(field)} error={err(field)} numeric=true
                fix={fix(field)} on_fix={p.on_fix.clone()} on_edit={on_edit.clone()} />
        }
    };
    let select = |field: Field,
                  options: Vec<(&'static str, &'static str)>,
                  selected: Option<&'static str>| {
        html! {
            <SelectField {field} {place} text={get(field)} error={err(field)}
                options={options.into_iter().map(|(v, l)| (AttrValue::from(v), AttrValue::from(l))).collect::<Vec<_>>()}
                selected={selected.map(AttrValue::from)} fix={fix(field)} on_fix={p.on_fix.clone()}
                on_edit={on_edit.clone()} />
        }
    };
    let chosen = |field: Field| p.row.get(field).to_string();
    let sched = parse::choice::<Scheduling>(&chosen(Field::Scheduling)).ok();
    let launch = parse::choice::<Launch>(&chosen(Field::Launch)).ok();
    let network = parse::choice::<Net>(&chosen(Field::Network)).ok();
    let strategy = parse::choice::<Strategy>(&chosen(Field::Deploy)).ok();
    let label = p.row.label(place);
    let (name_id, name_key) = super::fields::control_id(Field::Name, place);
    let name_err = err(Field::Name);
    let on_name = on_edit.reform(|e: InputEvent| {
        (
            Field::Name,
            e.target_unchecked_into::<web_sys::HtmlInputElement>()
                .value(),
        )
    });
    html! {
        <li class="service-row" data-place={place.to_string()}>
            <fieldset>
                <legend>{ label.clone() }</legend>
                <div class={classes!("field", name_err.is_some().then_some("invalid"))}>
                    <label for={name_id.clone()}>{ Field::Name.label() }</label>
                    <input id={name_id.clone()} name={name_key} type="text" ref={first} value={get(Field::Name)}
                        spellcheck="false" autocomplete="off" aria-invalid={name_err.is_some().then_some("true")}
                        aria-describedby={name_err.is_some().then(|| format!("{name_id}-error"))} oninput={on_name} />
                    { super::fields::error_text(&name_id, &name_err, None, &p.on_fix) }
                </div>
                { select(Field::Scheduling, options::<Scheduling>(), sched.map(Choice::text)) }
                if sched != Some(Scheduling::Daemon) {
                    { text(Field::Tasks) }
                }
                { select(Field::Launch, options::<Launch>(), launch.map(Choice::text)) }
                { select(Field::Network, options::<Net>(), network.map(Choice::text)) }
                { text(Field::Cpu) }
                { text(Field::Memory) }
                { select(Field::Deploy, options::<Strategy>(), strategy.map(Choice::text)) }
                if strategy == Some(Strategy::Rolling) && sched != Some(Scheduling::Daemon) {
                    { text(Field::Surge) }
                }
                <div class="row-actions">
                    <button type="button" class="small" disabled={!p.can_add}
                        aria-label={format!("Duplicate {label}")}
                        onclick={p.on_list.reform(move |_| ServiceEdit::Duplicate(place))}>{ "Duplicate" }</button>
                    <button type="button" class="small"
                        aria-label={format!("Remove {label}")}
                        onclick={p.on_list.reform(move |_| ServiceEdit::Remove(place))}>{ "Remove" }</button>
                </div>
            </fieldset>
        </li>
    }
}
