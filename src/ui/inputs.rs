//! The input panel as markup: every field labelled, keyboard-operable, with its error next to it.
//! The fields carry no handlers of their own: the page listens once, on its root, and maps a
//! control's `id` (or a radio's `name`) back to the [`Form`] field with [`set`].

use super::picker;
use super::raw::esc;
use crate::calc::form::Form;
use crate::calc::plan::{Field, PlanError};
use std::fmt::Write;

/// Sets the form field behind the control `key` (an `id`, or a radio group's `name`) to `value`
/// (`1`/`0` for the checkboxes); false when no field has that key. Controls are named as the
/// link's keys ([`Form::set`]) except three, whose ids read better in the page.
pub fn set(f: &mut Form, key: &str, value: String) -> bool {
    let key = match key {
        "instance" => "type",
        "azs" => "az",
        "secondary" => "sec",
        k => k,
    };
    f.set(key, value)
}

/// The panel's markup writer: the errors of the form it shows.
struct Panel<'a> {
    m: String,
    errors: &'a [PlanError],
}

/// ` class="field"`, plus ` invalid` when `err`.
fn field_class(extra: &str, err: bool) -> String {
    format!(
        r#"<div class="field{extra}{}">"#,
        if err { " invalid" } else { "" }
    )
}

impl<'a> Panel<'a> {
    fn err(&self, field: Field) -> Option<&'a str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }

    fn error(&mut self, id: &str, e: Option<&str>) {
        if let Some(e) = e {
            let _ = write!(
                self.m,
                r#"<p class="error" id="{id}-error" role="alert">{}</p>"#,
                esc(e)
            );
        }
    }

    /// A labelled text field with its hint and error.
    fn text(
        &mut self,
        id: &str,
        label: &str,
        value: &str,
        hint: &str,
        field: Field,
        numeric: bool,
    ) {
        let err = self.err(field);
        let described = match (err.is_some(), hint.is_empty()) {
            (true, true) => format!(r#" aria-describedby="{id}-error""#),
            (true, false) => format!(r#" aria-describedby="{id}-error {id}-hint""#),
            (false, false) => format!(r#" aria-describedby="{id}-hint""#),
            (false, true) => String::new(),
        };
        self.m += &field_class("", err.is_some());
        let _ = write!(
            self.m,
            r#"<label for="{id}">{label}</label><input id="{id}" type="text" value="{}" spellcheck="false" autocomplete="off"{}{}{described}>"#,
            esc(value),
            if numeric {
                r#" inputmode="numeric""#
            } else {
                ""
            },
            if err.is_some() {
                r#" aria-invalid="true""#
            } else {
                ""
            },
        );
        if !hint.is_empty() {
            let _ = write!(self.m, r#"<p class="hint" id="{id}-hint">{hint}</p>"#);
        }
        self.error(id, err);
        self.m += "</div>";
    }

    /// A labelled select; a value that is not among `options` is shown as its own option.
    fn select(
        &mut self,
        id: &str,
        label: &str,
        value: &str,
        options: &[(String, String)],
        field: Field,
    ) {
        let err = self.err(field);
        self.m += &field_class("", err.is_some());
        let _ = write!(
            self.m,
            r#"<label for="{id}">{label}</label><select id="{id}""#
        );
        if err.is_some() {
            let _ = write!(
                self.m,
                r#" aria-invalid="true" aria-describedby="{id}-error""#
            );
        }
        self.m += ">";
        if !options.iter().any(|(v, _)| v == value) {
            let v = esc(value);
            let _ = write!(self.m, r#"<option value="{v}" selected>{v}</option>"#);
        }
        for (v, l) in options {
            let _ = write!(
                self.m,
                r#"<option value="{v}"{}>{l}</option>"#,
                if v == value { " selected" } else { "" }
            );
        }
        self.m += "</select>";
        self.error(id, err);
        self.m += "</div>";
    }

    fn check(&mut self, id: &str, label: &str, checked: bool, hint: &str) {
        let _ = write!(
            self.m,
            r#"<div class="field check"><input id="{id}" type="checkbox"{}{}><label for="{id}">{label}</label>"#,
            if checked { " checked" } else { "" },
            if hint.is_empty() {
                String::new()
            } else {
                format!(r#" aria-describedby="{id}-hint""#)
            }
        );
        if !hint.is_empty() {
            let _ = write!(self.m, r#"<p class="hint" id="{id}-hint">{hint}</p>"#);
        }
        self.m += "</div>";
    }

    fn radios(&mut self, name: &str, legend: &str, value: &str, options: &[(&str, &str)]) {
        let _ = write!(
            self.m,
            r#"<fieldset class="radios"><legend>{legend}</legend>"#
        );
        for (v, l) in options {
            let _ = write!(
                self.m,
                r#"<span class="radio"><input type="radio" id="{name}-{v}" name="{name}" value="{v}"{}><label for="{name}-{v}">{l}</label></span>"#,
                if value == *v { " checked" } else { "" }
            );
        }
        self.m += "</fieldset>";
    }

    fn group(&mut self, id: &str, title: &str) {
        let _ = write!(
            self.m,
            r#"<section class="group" aria-labelledby="{id}"><h2 id="{id}">{title}</h2>"#
        );
    }
}

fn prefixes(from: u8, to: u8, step: u8) -> Vec<(String, String)> {
    (from..=to)
        .step_by(step as usize)
        .map(|p| (p.to_string(), format!("/{p}")))
        .collect()
}

fn counts(from: u8, to: u8) -> Vec<(String, String)> {
    (from..=to)
        .map(|a| (a.to_string(), a.to_string()))
        .collect()
}

/// The input panel's markup for `form` with its `errors`; `picker` is the instance picker's
/// state (open, highlighted option).
pub fn panel(form: &Form, errors: &[PlanError], picker: (bool, usize)) -> String {
    let f = form;
    let mut p = Panel {
        m: String::from(r#"<form class="inputs" aria-label="Plan inputs">"#),
        errors,
    };
    p.group("g-compute", "Compute");
    p.radios(
        "launch",
        "Launch type",
        &f.launch,
        &[("ec2", "EC2"), ("fargate", "Fargate")],
    );
    if let Some(e) = p.err(Field::Launch) {
        let e = esc(e);
        let _ = write!(p.m, r#"<p class="error" role="alert">{e}</p>"#);
    }
    if f.launch.trim().eq_ignore_ascii_case("ec2") {
        p.m += &picker::markup(&f.instance, p.err(Field::Instance), picker.0, picker.1);
        p.check(
            "trunk",
            "ENI trunking",
            f.trunk,
            "awsvpcTrunking: more tasks per instance, one more address per instance",
        );
    }
    p.select(
        "azs",
        "Availability Zones",
        &f.azs,
        &counts(1, 6),
        Field::Azs,
    );
    p.text("tasks", "Desired tasks", &f.tasks, "", Field::Tasks, true);
    p.m += r#"<div class="row">"#;
    p.text(
        "cpu",
        "Task CPU units",
        &f.cpu,
        "optional; 1024 = 1 vCPU",
        Field::Cpu,
        true,
    );
    p.text(
        "mem",
        "Task memory (MiB)",
        &f.mem,
        "optional",
        Field::Memory,
        true,
    );
    p.m += "</div>";
    if f.launch.trim().eq_ignore_ascii_case("ec2") {
        p.text(
            "reserve",
            "Memory kept back per instance (MiB)",
            &f.reserve,
            "OS and agent; AWS's example: 256",
            Field::Reserve,
            true,
        );
    }
    p.m += "</section>";
    p.group("g-network", "Network");
    p.m += r#"<div class="row">"#;
    p.text("vpc", "VPC CIDR", &f.vpc, "", Field::Vpc, false);
    p.select(
        "host",
        "Host subnet per AZ",
        &f.host,
        &prefixes(16, 28, 1),
        Field::HostPrefix,
    );
    p.m += "</div>";
    p.text(
        "hnets",
        "Host subnets (optional)",
        &f.hnets,
        "one per AZ, comma-separated, to plan existing subnets; empty: carved in order from the VPC",
        Field::HostSubnets,
        false,
    );
    p.check(
        "secondary",
        "Secondary task CIDR",
        f.secondary,
        "tasks in their own subnets, e.g. from 100.64.0.0/10",
    );
    if f.secondary {
        p.m += r#"<div class="row">"#;
        p.text("tcidr", "Task CIDR", &f.tcidr, "", Field::TaskCidr, false);
        p.select(
            "tsub",
            "Task subnet per AZ",
            &f.tsub,
            &prefixes(16, 28, 1),
            Field::TaskPrefix,
        );
        p.m += "</div>";
        p.text(
            "tnets",
            "Task subnets (optional)",
            &f.tnets,
            "one per AZ, comma-separated; empty: carved in order from the task CIDR",
            Field::TaskSubnets,
            false,
        );
    }
    p.radios(
        "ip",
        "Task IP addresses",
        &f.ip,
        &[
            ("v4", "IPv4"),
            ("dual", "Dual stack"),
            ("v6only", "IPv6-only"),
        ],
    );
    if f.ip != "v4" {
        p.select(
            "v6",
            "IPv6 subnet size",
            &f.v6,
            &prefixes(44, 64, 4),
            Field::Ipv6Prefix,
        );
    }
    p.m += "</section>";
    p.group("g-deploy", "Deployment");
    p.radios(
        "deploy",
        "Strategy",
        &f.deploy,
        &[("rolling", "Rolling update"), ("bluegreen", "Blue/green")],
    );
    if f.deploy == "rolling" {
        p.text(
            "surge",
            "maximumPercent",
            &f.surge,
            "ECS default 200",
            Field::Surge,
            true,
        );
    }
    p.m += "</section>";
    p.group("g-other", "Other ENIs per AZ");
    p.m += r#"<div class="row">"#;
    p.check("alb", "ALB (8)", f.alb, "");
    p.check("nlb", "NLB (1)", f.nlb, "");
    p.m += r#"</div><div class="row">"#;
    p.select(
        "nat",
        "NAT gateway addresses",
        &f.nat,
        &counts(0, 8),
        Field::Nat,
    );
    p.text(
        "vpce",
        "Interface endpoints",
        &f.vpce,
        "",
        Field::Endpoints,
        true,
    );
    p.m += "</div>";
    p.text(
        "other",
        "Other addresses",
        &f.other,
        "Lambda, other ENIs",
        Field::Other,
        true,
    );
    p.m += "</section></form>";
    p.m
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every value of `attr` in `markup` on elements whose tag starts with `tag`.
    fn attrs(markup: &str, tag: &str, attr: &str) -> Vec<String> {
        markup
            .split('<')
            .filter(|t| t.starts_with(tag))
            .filter_map(|t| {
                let key = format!(" {attr}=\"");
                let start = t.find(&key)? + key.len();
                Some(t[start..].split('"').next()?.to_string())
            })
            .collect()
    }

    /// The panel with every optional field shown.
    fn everything() -> (Form, String) {
        let f = Form {
            secondary: true,
            ip: "dual".into(),
            ..Form::default()
        };
        let m = panel(&f, &[], (false, 0));
        (f, m)
    }

    #[test]
    fn every_control_maps_to_a_form_field() {
        let (f, m) = everything();
        let mut keys = attrs(&m, "input", "id");
        keys.retain(|id| !id.contains('-')); // radios: by their group's name
        keys.extend(attrs(&m, "select", "id"));
        keys.extend(attrs(&m, "input type=\"radio\"", "name"));
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), 24, "{keys:?}");
        for key in keys {
            // Text fields change with either value; a toggle with the one it does not have.
            let (mut on, mut off) = (f.clone(), f.clone());
            assert!(set(&mut on, &key, "1".into()), "{key}");
            assert!(set(&mut off, &key, "0".into()), "{key}");
            assert!(on != f || off != f, "{key} changed nothing");
        }
    }

    #[test]
    fn an_unknown_control_changes_nothing() {
        let mut f = Form::default();
        assert!(!set(&mut f, "rank-family", "m7g".into()));
        assert!(!set(&mut f, "", String::new()));
        assert_eq!(f, Form::default());
    }

    #[test]
    fn every_control_has_a_label_and_errors_are_next_to_their_field() {
        let (f, m) = everything();
        for id in attrs(&m, "input", "id")
            .into_iter()
            .chain(attrs(&m, "select", "id"))
        {
            assert!(
                m.contains(&format!("<label for=\"{id}\">")),
                "no label for {id}"
            );
        }
        let errors = [PlanError {
            field: Field::Tasks,
            message: "not a <number>".into(),
        }];
        let m = panel(&f, &errors, (false, 0));
        assert!(m.contains(r#"aria-invalid="true" aria-describedby="tasks-error">"#));
        assert!(m.contains(
            r#"<p class="error" id="tasks-error" role="alert">not a &lt;number&gt;</p>"#
        ));
    }

    #[test]
    fn typed_text_is_escaped_in_values() {
        let f = Form {
            tasks: r#""><script>"#.into(),
            ..Form::default()
        };
        let m = panel(&f, &[], (false, 0));
        assert!(m.contains(r#"value="&quot;&gt;&lt;script&gt;""#));
        assert!(!m.contains("<script>"));
    }
}
