//! The input panel: every field of the [`Form`], grouped, labelled, keyboard-operable, each with
//! its error next to it. Fields report edits as typed [`Field`]s through `on_edit`. Choices are
//! shown by the typed value the form's text parses to, so a link's `ip=V4` checks "IPv4".

use super::fields::{CheckField, OnEdit, RadioGroup, SelectField, TextField};
use super::picker::Picker;
use super::services::Services;
use super::state::ServiceEdit;
use crate::calc::cidr::{MAX_PREFIX, MAX_PREFIX_V6, MIN_PREFIX, MIN_PREFIX_V6};
use crate::calc::field::{chosen, options};
use crate::calc::input::MAX_NAT;
use crate::calc::parse;
use crate::calc::{
    Field, Fix, Form, IpMode, Launch, Os, PeakMode, PlanError, Strategy, TaskPlace, MAX_AZS,
};
use std::rc::Rc;
use yew::prelude::*;

/// The message for `field` among `errors` (a conflict is named next to every field it
/// involves), if any.
pub fn error_for(errors: &[PlanError], field: Field) -> Option<AttrValue> {
    errors
        .iter()
        .find(|e| e.involves(field))
        .map(|e| AttrValue::from(e.message.clone()))
}

/// The one-click fix offered next to `field` (the field at fault), if any.
pub(crate) fn fix_for(errors: &[PlanError], field: Field) -> Option<Fix> {
    errors.iter().find(|e| e.field == field).and_then(|e| e.fix)
}

/// Select options for the values `from..=to` in steps of `step`: (value, label) with the label
/// `{prefix}{value}`.
fn range(from: u8, to: u8, step: usize, prefix: &str) -> Vec<(AttrValue, AttrValue)> {
    (from..=to)
        .step_by(step)
        .map(|v| (v.to_string().into(), format!("{prefix}{v}").into()))
        .collect()
}

/// Select options for every value of a choice: (text, label).
fn options_of<T: crate::calc::Choice>() -> Vec<(AttrValue, AttrValue)> {
    options::<T>()
        .into_iter()
        .map(|(v, l)| (AttrValue::from(v), AttrValue::from(l)))
        .collect()
}

/// The option a parsed value selects.
fn selected<T: ToString, E>(r: Result<T, E>) -> Option<AttrValue> {
    r.ok().map(|v| AttrValue::from(v.to_string()))
}

/// The panel's inputs.
#[derive(Properties, PartialEq)]
pub struct InputsProps {
    /// What the user typed.
    pub form: Rc<Form>,
    /// The form's errors.
    pub errors: Rc<Vec<PlanError>>,
    /// The instance type of the shown plan (the picker's Escape puts it back).
    pub valid_type: AttrValue,
    /// Reports each edit.
    pub on_edit: OnEdit,
    /// Applies a one-click fix of a conflict.
    pub on_fix: Callback<Fix>,
    /// Reports a change of the cluster's services.
    pub on_service: Callback<ServiceEdit>,
}

/// The input panel.
#[function_component]
pub fn Inputs(p: &InputsProps) -> Html {
    let f = &*p.form;
    let err = |field| error_for(&p.errors, field);
    let on_edit = &p.on_edit;
    let launch = parse::choice::<Launch>(&f.launch).ok();
    let ip = parse::choice::<IpMode>(&f.ip).ok();
    let strategy = parse::choice::<Strategy>(&f.deploy).ok();
    let text = |field: Field, numeric| {
        html! {
            <TextField {field} value={AttrValue::from(f.get(field))} error={err(field)} {numeric}
                fix={fix_for(&p.errors, field)} on_fix={p.on_fix.clone()} on_edit={on_edit.clone()} />
        }
    };
    let select = |field: Field, options, selected| {
        html! {
            <SelectField {field} {options} {selected} text={AttrValue::from(f.get(field))}
                error={err(field)} fix={fix_for(&p.errors, field)} on_fix={p.on_fix.clone()}
                on_edit={on_edit.clone()} />
        }
    };
    let check = |field: Field| {
        html! { <CheckField {field} checked={f.get(field) == "1"} on_edit={on_edit.clone()} /> }
    };
    // With several services, each service's own fields are in its row of the services list.
    let cluster = f.service_count() > 1;
    let ec2 = if cluster {
        (0..f.service_count())
            .filter_map(|n| f.service(n))
            .any(|s| parse::choice::<Launch>(s.get(Field::Launch)).ok() != Some(Launch::Fargate))
    } else {
        launch != Some(Launch::Fargate)
    };
    html! {
        <form class="inputs" aria-label="Plan inputs" onsubmit={|e: SubmitEvent| e.prevent_default()}>
            <section class="group" aria-labelledby="g-compute">
                <h2 id="g-compute">{ "Compute" }</h2>
                if !cluster {
                    <RadioGroup field={Field::Launch} options={options::<Launch>()}
                        value={chosen::<Launch>(&f.launch)} error={err(Field::Launch)} on_edit={on_edit.clone()} />
                }
                if ec2 {
                    <Picker value={AttrValue::from(f.instance.clone())} valid={p.valid_type.clone()}
                        error={err(Field::Instance)} on_edit={on_edit.clone()} />
                    { check(Field::Trunk) }
                }
                { select(Field::Azs, range(1, MAX_AZS as u8, 1, ""),
                    selected(parse::count(&f.azs, 1, MAX_AZS))) }
                if !cluster {
                    { text(Field::Tasks, true) }
                    <div class="row">
                        { text(Field::Cpu, true) }
                        { text(Field::Memory, true) }
                    </div>
                }
                if ec2 {
                    <div class="row">
                        { text(Field::Registered, true) }
                        { text(Field::Reserve, true) }
                    </div>
                    <div class="row">
                        { text(Field::Target, true) }
                        { select(Field::Os, options_of::<Os>(), selected(parse::choice::<Os>(&f.os))) }
                    </div>
                }
            </section>
            <Services form={p.form.clone()} errors={p.errors.clone()} on_edit={on_edit.clone()}
                on_service={p.on_service.clone()} on_fix={p.on_fix.clone()} />
            <section class="group" aria-labelledby="g-network">
                <h2 id="g-network">{ "Network" }</h2>
                <div class="row">
                    { text(Field::Vpc, false) }
                    { select(Field::HostPrefix, range(MIN_PREFIX, MAX_PREFIX, 1, "/"),
                        selected(parse::prefix(&f.host))) }
                </div>
                { text(Field::HostSubnets, false) }
                { check(Field::Secondary) }
                if f.secondary {
                    // Task subnets listed in the VPC's primary CIDR need no task CIDR.
                    if f.task_place() == Some(TaskPlace::Primary) {
                        <p class="hint" id="task-place">{ "The task subnets listed are in the VPC's primary CIDR: no secondary CIDR is used." }</p>
                    } else {
                        <div class="row">
                            { text(Field::TaskCidr, false) }
                            { select(Field::TaskPrefix, range(MIN_PREFIX, MAX_PREFIX, 1, "/"),
                                selected(parse::prefix(&f.tsub))) }
                        </div>
                    }
                    { text(Field::TaskSubnets, false) }
                }
                <RadioGroup field={Field::IpMode} options={options::<IpMode>()}
                    value={chosen::<IpMode>(&f.ip)} error={err(Field::IpMode)} on_edit={on_edit.clone()} />
                if ip.is_some_and(|m| m != IpMode::V4) {
                    { select(Field::Ipv6Prefix, range(MIN_PREFIX_V6, MAX_PREFIX_V6, 4, "/"),
                        selected(parse::v6_prefix(&f.v6))) }
                }
            </section>
            <section class="group" aria-labelledby="g-deploy">
                <h2 id="g-deploy">{ "Deployment" }</h2>
                if cluster {
                    <RadioGroup field={Field::Peak} options={options::<PeakMode>()}
                        value={chosen::<PeakMode>(&f.peak)} error={err(Field::Peak)} on_edit={on_edit.clone()} />
                } else {
                    <RadioGroup field={Field::Deploy} options={options::<Strategy>()}
                        value={chosen::<Strategy>(&f.deploy)} error={err(Field::Deploy)} on_edit={on_edit.clone()} />
                    if strategy == Some(Strategy::Rolling) {
                        { text(Field::Surge, true) }
                    }
                }
            </section>
            <section class="group" aria-labelledby="g-other">
                <h2 id="g-other">{ "Other ENIs per AZ" }</h2>
                <div class="row">
                    { check(Field::Alb) }
                    { check(Field::Nlb) }
                </div>
                <div class="row">
                    { select(Field::Nat, range(0, MAX_NAT as u8, 1, ""),
                        selected(parse::count(&f.nat, 0, MAX_NAT))) }
                    { text(Field::Endpoints, true) }
                </div>
                { text(Field::Other, true) }
            </section>
        </form>
    }
}
