//! The input panel: every field of the [`Form`], grouped, labelled, keyboard-operable, each with
//! its error next to it. Fields report edits as typed [`Field`]s through `on_edit`.

use super::fields::{CheckField, OnEdit, RadioGroup, SelectField, TextField};
use super::picker::Picker;
use crate::calc::Form;
use crate::calc::{Field, Fix, PlanError};
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
fn fix_for(errors: &[PlanError], field: Field) -> Option<Fix> {
    errors.iter().find(|e| e.field == field).and_then(|e| e.fix)
}

/// The radio groups' (value, label) options.
const LAUNCH: &[(&str, &str)] = &[("ec2", "EC2"), ("fargate", "Fargate")];
const IP: &[(&str, &str)] = &[
    ("v4", "IPv4"),
    ("dual", "Dual stack"),
    ("v6only", "IPv6-only"),
];
const DEPLOY: &[(&str, &str)] = &[("rolling", "Rolling update"), ("bluegreen", "Blue/green")];

/// Prefix options `/from` … `/to`.
fn prefixes(from: u8, to: u8, step: u8) -> Vec<(AttrValue, AttrValue)> {
    (from..=to)
        .step_by(step as usize)
        .map(|p| (p.to_string().into(), format!("/{p}").into()))
        .collect()
}

/// Count options `from` … `to`.
fn counts(from: u8, to: u8) -> Vec<(AttrValue, AttrValue)> {
    (from..=to)
        .map(|a| (a.to_string().into(), a.to_string().into()))
        .collect()
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
}

/// The input panel.
#[function_component]
pub fn Inputs(p: &InputsProps) -> Html {
    let f = &*p.form;
    let err = |field| error_for(&p.errors, field);
    let on_edit = &p.on_edit;
    let ec2 = f.launch.trim().eq_ignore_ascii_case("ec2");
    let text = |id: &'static str,
                label: &'static str,
                value: &str,
                hint: Option<&'static str>,
                field,
                numeric| {
        html! {
            <TextField id={id} label={label} field={field} value={AttrValue::from(value.to_string())}
                hint={hint.map(AttrValue::from)} error={err(field)} numeric={numeric}
                fix={fix_for(&p.errors, field)} on_fix={p.on_fix.clone()} on_edit={on_edit.clone()} />
        }
    };
    let select = |id: &'static str, label: &'static str, value: &str, options, field| {
        html! {
            <SelectField id={id} label={label} field={field} value={AttrValue::from(value.to_string())}
                options={options} error={err(field)} fix={fix_for(&p.errors, field)} on_fix={p.on_fix.clone()}
                on_edit={on_edit.clone()} />
        }
    };
    let check = |id: &'static str,
                 label: &'static str,
                 checked: bool,
                 hint: Option<&'static str>,
                 field| {
        html! {
            <CheckField id={id} label={label} field={field} checked={checked}
                hint={hint.map(AttrValue::from)} on_edit={on_edit.clone()} />
        }
    };
    html! {
        <form class="inputs" aria-label="Plan inputs" onsubmit={|e: SubmitEvent| e.prevent_default()}>
            <section class="group" aria-labelledby="g-compute">
                <h2 id="g-compute">{ "Compute" }</h2>
                <RadioGroup name="launch" legend="Launch type" field={Field::Launch}
                    value={AttrValue::from(f.launch.clone())}
                    options={LAUNCH}
                    error={err(Field::Launch)} on_edit={on_edit.clone()} />
                if ec2 {
                    <Picker value={AttrValue::from(f.instance.clone())} valid={p.valid_type.clone()}
                        error={err(Field::Instance)} on_edit={on_edit.clone()} />
                    { check("trunk", "ENI trunking", f.trunk,
                        Some("awsvpcTrunking: more tasks per instance, one more address per instance"), Field::Trunk) }
                }
                { select("azs", "Availability Zones", &f.azs, counts(1, 6), Field::Azs) }
                { text("tasks", "Desired tasks", &f.tasks, None, Field::Tasks, true) }
                <div class="row">
                    { text("cpu", "Task CPU units", &f.cpu, Some("optional; 1024 = 1 vCPU"), Field::Cpu, true) }
                    { text("mem", "Task memory (MiB)", &f.mem, Some("optional"), Field::Memory, true) }
                </div>
                if ec2 {
                    <div class="row">
                        { text("registered", "Registered memory (% of installed)", &f.registered,
                            Some("the ECS agent registers less than is installed; AWS: an m4.large's 8,192 MiB registers 7,985 (97%)"),
                            Field::Registered, true) }
                        { text("reserve", "Memory kept back per instance (MiB)", &f.reserve,
                            Some("ECS_RESERVED_MEMORY: OS and agent; AWS's example: 256"), Field::Reserve, true) }
                    </div>
                }
            </section>
            <section class="group" aria-labelledby="g-network">
                <h2 id="g-network">{ "Network" }</h2>
                <div class="row">
                    { text("vpc", "VPC CIDR", &f.vpc, None, Field::Vpc, false) }
                    { select("host", "Host subnet per AZ", &f.host, prefixes(16, 28, 1), Field::HostPrefix) }
                </div>
                { text("hnets", "Host subnets (optional)", &f.hnets,
                    Some("one per AZ, comma-separated, to plan existing subnets; add @N for N addresses already in use (10.0.0.0/24@37); empty: carved in order from the VPC"),
                    Field::HostSubnets, false) }
                { check("secondary", "Secondary task CIDR", f.secondary,
                    Some("tasks in their own subnets, e.g. from 100.64.0.0/10"), Field::Secondary) }
                if f.secondary {
                    <div class="row">
                        { text("tcidr", "Task CIDR", &f.tcidr, None, Field::TaskCidr, false) }
                        { select("tsub", "Task subnet per AZ", &f.tsub, prefixes(16, 28, 1), Field::TaskPrefix) }
                    </div>
                    { text("tnets", "Task subnets (optional)", &f.tnets,
                        Some("one per AZ, comma-separated; @N for addresses already in use; empty: carved in order from the task CIDR"),
                        Field::TaskSubnets, false) }
                }
                <RadioGroup name="ip" legend="Task IP addresses" field={Field::IpMode}
                    value={AttrValue::from(f.ip.clone())}
                    options={IP}
                    error={err(Field::IpMode)} on_edit={on_edit.clone()} />
                if f.ip != "v4" {
                    { select("v6", "IPv6 subnet size", &f.v6, prefixes(44, 64, 4), Field::Ipv6Prefix) }
                }
            </section>
            <section class="group" aria-labelledby="g-deploy">
                <h2 id="g-deploy">{ "Deployment" }</h2>
                <RadioGroup name="deploy" legend="Strategy" field={Field::Deploy}
                    value={AttrValue::from(f.deploy.clone())}
                    options={DEPLOY}
                    error={err(Field::Deploy)} on_edit={on_edit.clone()} />
                if f.deploy == "rolling" {
                    { text("surge", "maximumPercent", &f.surge, Some("ECS default 200"), Field::Surge, true) }
                }
            </section>
            <section class="group" aria-labelledby="g-other">
                <h2 id="g-other">{ "Other ENIs per AZ" }</h2>
                <div class="row">
                    { check("alb", "ALB (8)", f.alb, None, Field::Alb) }
                    { check("nlb", "NLB (1)", f.nlb, None, Field::Nlb) }
                </div>
                <div class="row">
                    { select("nat", "NAT gateway addresses", &f.nat, counts(0, 8), Field::Nat) }
                    { text("vpce", "Interface endpoints", &f.vpce, None, Field::Endpoints, true) }
                </div>
                { text("other", "Other addresses", &f.other, Some("Lambda, other ENIs"), Field::Other, true) }
            </section>
        </form>
    }
}
