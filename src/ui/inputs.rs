//! The input panel: every field labelled, keyboard-operable, with its error next to it.

use super::picker::Picker;
use super::state::{edit, State};
use crate::calc::form::Form;
use crate::calc::plan::{Field, PlanError};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Props of [`Inputs`].
#[derive(Properties, PartialEq)]
pub struct InputsProps {
    /// The page state.
    pub state: UseReducerHandle<State>,
}

type Setter = fn(&mut Form, String);
type Toggle = fn(&mut Form, bool);

fn on_text(state: &UseReducerHandle<State>, set: Setter) -> Callback<InputEvent> {
    let s = state.clone();
    Callback::from(move |e: InputEvent| {
        let v = e.target_unchecked_into::<HtmlInputElement>().value();
        edit(&s, move |f| set(f, v));
    })
}

fn on_select(state: &UseReducerHandle<State>, set: Setter) -> Callback<Event> {
    let s = state.clone();
    Callback::from(move |e: Event| {
        let v = e.target_unchecked_into::<HtmlSelectElement>().value();
        edit(&s, move |f| set(f, v));
    })
}

fn on_check(state: &UseReducerHandle<State>, set: Toggle) -> Callback<Event> {
    let s = state.clone();
    Callback::from(move |e: Event| {
        let v = e.target_unchecked_into::<HtmlInputElement>().checked();
        edit(&s, move |f| set(f, v));
    })
}

fn error_of(errors: &[PlanError], field: Field) -> Option<AttrValue> {
    errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| AttrValue::from(e.message.clone()))
}

/// A labelled text field with its error message.
fn text(
    id: &'static str,
    label: &'static str,
    value: &str,
    hint: &'static str,
    err: Option<AttrValue>,
    oninput: Callback<InputEvent>,
    numeric: bool,
) -> Html {
    let err_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described = match (&err, hint.is_empty()) {
        (Some(_), true) => Some(err_id.clone()),
        (Some(_), false) => Some(format!("{err_id} {hint_id}")),
        (None, false) => Some(hint_id.clone()),
        (None, true) => None,
    };
    html! {
        <div class={classes!("field", err.as_ref().map(|_| "invalid"))}>
            <label for={id}>{ label }</label>
            <input {id} type="text" value={value.to_string()} {oninput} spellcheck="false" autocomplete="off"
                inputmode={numeric.then_some("numeric")}
                aria-invalid={err.is_some().then_some("true")} aria-describedby={described} />
            if !hint.is_empty() { <p class="hint" id={hint_id}>{ hint }</p> }
            if let Some(e) = err { <p class="error" id={err_id} role="alert">{ e }</p> }
        </div>
    }
}

fn select(
    id: &'static str,
    label: &'static str,
    value: &str,
    options: &[(String, String)],
    err: Option<AttrValue>,
    onchange: Callback<Event>,
) -> Html {
    let known = options.iter().any(|(v, _)| v == value);
    html! {
        <div class={classes!("field", err.as_ref().map(|_| "invalid"))}>
            <label for={id}>{ label }</label>
            <select {id} {onchange} aria-invalid={err.is_some().then_some("true")} aria-describedby={err.is_some().then(|| format!("{id}-error"))}>
                if !known { <option value={value.to_string()} selected=true>{ value.to_string() }</option> }
                { for options.iter().map(|(v, l)| html! { <option value={v.clone()} selected={v == value}>{ l.clone() }</option> }) }
            </select>
            if let Some(e) = err { <p class="error" id={format!("{id}-error")} role="alert">{ e }</p> }
        </div>
    }
}

fn check(
    id: &'static str,
    label: &'static str,
    checked: bool,
    onchange: Callback<Event>,
    hint: &'static str,
) -> Html {
    html! {
        <div class="field check">
            <input {id} type="checkbox" {checked} {onchange} aria-describedby={(!hint.is_empty()).then(|| format!("{id}-hint"))} />
            <label for={id}>{ label }</label>
            if !hint.is_empty() { <p class="hint" id={format!("{id}-hint")}>{ hint }</p> }
        </div>
    }
}

fn radios(
    name: &'static str,
    legend: &'static str,
    value: &str,
    options: &[(&'static str, &'static str)],
    onchange: Callback<Event>,
) -> Html {
    html! {
        <fieldset class="radios">
            <legend>{ legend }</legend>
            { for options.iter().map(|(v, l)| {
                let id = format!("{name}-{v}");
                html! {
                    <span class="radio">
                        <input type="radio" id={id.clone()} {name} value={*v} checked={value == *v} onchange={onchange.clone()} />
                        <label for={id}>{ *l }</label>
                    </span>
                }
            }) }
        </fieldset>
    }
}

fn prefixes(from: u8, to: u8, step: u8) -> Vec<(String, String)> {
    (from..=to)
        .step_by(step as usize)
        .map(|p| (p.to_string(), format!("/{p}")))
        .collect()
}

/// The input panel.
#[function_component(Inputs)]
pub fn inputs(p: &InputsProps) -> Html {
    let s = &p.state;
    let f = &s.form;
    let errors = s.errors();
    let err = |field| error_of(errors, field);
    let on_instance = {
        let s = s.clone();
        Callback::from(move |v: String| edit(&s, move |f| f.instance = v))
    };
    let radio_cb = |set: Setter| {
        let s = s.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlInputElement>().value();
            edit(&s, move |f| set(f, v));
        })
    };
    let ec2 = f.launch.trim().eq_ignore_ascii_case("ec2");
    let azs: Vec<(String, String)> = (1..=6).map(|a| (a.to_string(), a.to_string())).collect();
    let nat: Vec<(String, String)> = (0..=8).map(|a| (a.to_string(), a.to_string())).collect();
    html! {
        <form class="inputs" aria-label="Plan inputs" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <section class="group" aria-labelledby="g-compute">
                <h2 id="g-compute">{ "Compute" }</h2>
                { radios("launch", "Launch type", &f.launch, &[("ec2", "EC2"), ("fargate", "Fargate")], radio_cb(|f, v| f.launch = v)) }
                if let Some(e) = err(Field::Launch) { <p class="error" role="alert">{ e }</p> }
                if ec2 {
                    <Picker value={AttrValue::from(f.instance.clone())} error={err(Field::Instance)} on_change={on_instance} />
                    { check("trunk", "ENI trunking", f.trunk, on_check(s, |f, v| f.trunk = v), "awsvpcTrunking: more tasks per instance, one more address per instance") }
                }
                { select("azs", "Availability Zones", &f.azs, &azs, err(Field::Azs), on_select(s, |f, v| f.azs = v)) }
                { text("tasks", "Desired tasks", &f.tasks, "", err(Field::Tasks), on_text(s, |f, v| f.tasks = v), true) }
                <div class="row">
                    { text("cpu", "Task CPU units", &f.cpu, "optional; 1024 = 1 vCPU", err(Field::Cpu), on_text(s, |f, v| f.cpu = v), true) }
                    { text("mem", "Task memory (MiB)", &f.mem, "optional", err(Field::Memory), on_text(s, |f, v| f.mem = v), true) }
                </div>
                if ec2 {
                    { text("reserve", "Memory kept back per instance (MiB)", &f.reserve, "OS and agent; AWS's example: 256", err(Field::Reserve), on_text(s, |f, v| f.reserve = v), true) }
                }
            </section>
            <section class="group" aria-labelledby="g-network">
                <h2 id="g-network">{ "Network" }</h2>
                <div class="row">
                    { text("vpc", "VPC CIDR", &f.vpc, "", err(Field::Vpc), on_text(s, |f, v| f.vpc = v), false) }
                    { select("host", "Host subnet per AZ", &f.host, &prefixes(16, 28, 1), err(Field::HostPrefix), on_select(s, |f, v| f.host = v)) }
                </div>
                { text("hnets", "Host subnets (optional)", &f.hnets, "one per AZ, comma-separated, to plan existing subnets; empty: carved in order from the VPC", err(Field::HostSubnets), on_text(s, |f, v| f.hnets = v), false) }
                { check("secondary", "Secondary task CIDR", f.secondary, on_check(s, |f, v| f.secondary = v), "tasks in their own subnets, e.g. from 100.64.0.0/10") }
                if f.secondary {
                    <div class="row">
                        { text("tcidr", "Task CIDR", &f.tcidr, "", err(Field::TaskCidr), on_text(s, |f, v| f.tcidr = v), false) }
                        { select("tsub", "Task subnet per AZ", &f.tsub, &prefixes(16, 28, 1), err(Field::TaskPrefix), on_select(s, |f, v| f.tsub = v)) }
                    </div>
                    { text("tnets", "Task subnets (optional)", &f.tnets, "one per AZ, comma-separated; empty: carved in order from the task CIDR", err(Field::TaskSubnets), on_text(s, |f, v| f.tnets = v), false) }
                }
                { radios("ip", "Task IP addresses", &f.ip, &[("v4", "IPv4"), ("dual", "Dual stack"), ("v6only", "IPv6-only")], radio_cb(|f, v| f.ip = v)) }
                if f.ip != "v4" {
                    { select("v6", "IPv6 subnet size", &f.v6, &prefixes(44, 64, 4), err(Field::Ipv6Prefix), on_select(s, |f, v| f.v6 = v)) }
                }
            </section>
            <section class="group" aria-labelledby="g-deploy">
                <h2 id="g-deploy">{ "Deployment" }</h2>
                { radios("deploy", "Strategy", &f.deploy, &[("rolling", "Rolling update"), ("bluegreen", "Blue/green")], radio_cb(|f, v| f.deploy = v)) }
                if f.deploy == "rolling" {
                    { text("surge", "maximumPercent", &f.surge, "ECS default 200", err(Field::Surge), on_text(s, |f, v| f.surge = v), true) }
                }
            </section>
            <section class="group" aria-labelledby="g-other">
                <h2 id="g-other">{ "Other ENIs per AZ" }</h2>
                <div class="row">
                    { check("alb", "ALB (8)", f.alb, on_check(s, |f, v| f.alb = v), "") }
                    { check("nlb", "NLB (1)", f.nlb, on_check(s, |f, v| f.nlb = v), "") }
                </div>
                <div class="row">
                    { select("nat", "NAT gateway addresses", &f.nat, &nat, err(Field::Nat), on_select(s, |f, v| f.nat = v)) }
                    { text("vpce", "Interface endpoints", &f.vpce, "", err(Field::Endpoints), on_text(s, |f, v| f.vpce = v), true) }
                </div>
                { text("other", "Other addresses", &f.other, "Lambda, other ENIs", err(Field::Other), on_text(s, |f, v| f.other = v), true) }
            </section>
        </form>
    }
}
