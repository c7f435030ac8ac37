//! The services of a cluster after the first, as the form holds them and as a link writes them.
//!
//! The first service is the form's own fields (`name`, `sched`, `tasks`, `launch`, `net`, `cpu`,
//! `mem`, `deploy`, `surge`), so a one-service link reads exactly as before. Each later service is
//! a [`ServiceForm`]: the text of the same fields, read by the same parsers (the field table,
//! [`crate::calc::field`]). A link writes each as one `svc` pair, in order:
//! `svc=worker,tasks:40,cpu:512,mem:1024`: the name, then the fields that differ from a new
//! service's as `key:value`, by their link keys (characters a link keeps as they are, so it reads
//! as written and survives being pasted into a ticket). The key names the grammar: a later, incompatible grammar would
//! get a key of its own, so a link stays readable by the version that wrote it.

pub use crate::calc::field::SERVICE_KEY;
use crate::calc::field::{Field, Form, PlanError};
use crate::calc::input::{Deploy, Inputs, Scheduling, Service, Strategy};
use serde::{Deserialize, Serialize};

/// The fields of a service, in the order a services row shows them and a link writes them.
pub const SERVICE_FIELDS: [Field; 9] = [
    Field::Name,
    Field::Scheduling,
    Field::Tasks,
    Field::Launch,
    Field::Network,
    Field::Cpu,
    Field::Memory,
    Field::Deploy,
    Field::Surge,
];

/// A later service's fields as text, exactly as entered.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ServiceForm {
    text: [String; SERVICE_FIELDS.len()],
}

impl Default for ServiceForm {
    /// A new service: the defaults of [`Service::default`].
    fn default() -> Self {
        ServiceForm::from_service(&Service::default())
    }
}

impl ServiceForm {
    /// The text of `field` (empty for a field a service does not have).
    pub fn get(&self, field: Field) -> &str {
        SERVICE_FIELDS
            .iter()
            .position(|&f| f == field)
            .and_then(|n| self.text.get(n))
            .map_or("", String::as_str)
    }

    /// Sets `field` to `text` (ignored for a field a service does not have).
    pub fn set(&mut self, field: Field, text: &str) {
        if let Some(slot) = SERVICE_FIELDS
            .iter()
            .position(|&f| f == field)
            .and_then(|n| self.text.get_mut(n))
        {
            *slot = text.to_string();
        }
    }

    /// The text that shows `s`.
    pub fn from_service(s: &Service) -> ServiceForm {
        let form = Form::from_inputs(&Inputs {
            name: s.name.clone(),
            scheduling: s.scheduling,
            tasks: s.tasks,
            launch: s.launch,
            network: s.network,
            cpu: s.cpu,
            memory_mib: s.memory_mib,
            deploy: s.deploy,
            ..Inputs::default()
        });
        ServiceForm::of(&form)
    }

    /// The service fields of `form` (its first service).
    pub fn of(form: &Form) -> ServiceForm {
        ServiceForm {
            text: SERVICE_FIELDS.map(|f| form.get(f)),
        }
    }

    /// The form whose service fields are this service's (every other field at its default).
    fn as_form(&self) -> Form {
        let mut form = Form::default();
        for (f, t) in SERVICE_FIELDS.iter().zip(&self.text) {
            form.set(*f, t);
        }
        form
    }

    /// The service, read by each field's parser; the errors name the service's `place` in the
    /// cluster. A field that does not apply is not checked: `tasks` of a daemon, `surge` of a
    /// blue/green deployment.
    ///
    /// # Errors
    /// One [`PlanError`] per field that does not parse, in field order.
    pub fn parse(&self, place: usize) -> Result<Service, Vec<PlanError>> {
        let p = self.as_form().parsed();
        let daemon = p.sched.as_ref().is_ok_and(|s| *s == Scheduling::Daemon);
        let rolling = p.deploy.as_ref().is_ok_and(|s| *s == Strategy::Rolling);
        let mut errs = Vec::new();
        fn take<T>(errs: &mut Vec<PlanError>, place: usize, r: Result<T, PlanError>) -> Option<T> {
            r.map_err(|e| errs.push(e.in_service(place))).ok()
        }
        let e = &mut errs;
        let name = take(e, place, p.name);
        let scheduling = take(e, place, p.sched);
        let tasks = if daemon {
            Some(0)
        } else {
            take(e, place, p.tasks)
        };
        let launch = take(e, place, p.launch);
        let network = take(e, place, p.net);
        let cpu = take(e, place, p.cpu);
        let memory_mib = take(e, place, p.mem);
        let strategy = take(e, place, p.deploy);
        let surge = if rolling {
            take(e, place, p.surge)
        } else {
            Some(200)
        };
        match (
            name, scheduling, tasks, launch, network, cpu, memory_mib, strategy, surge,
        ) {
            (
                Some(name),
                Some(scheduling),
                Some(tasks),
                Some(launch),
                Some(network),
                Some(cpu),
                Some(memory_mib),
                Some(strategy),
                Some(surge),
            ) if errs.is_empty() => Ok(Service {
                name,
                scheduling,
                tasks,
                launch,
                network,
                cpu,
                memory_mib,
                deploy: match strategy {
                    Strategy::Rolling => Deploy::Rolling { max_percent: surge },
                    Strategy::BlueGreen => Deploy::BlueGreen,
                },
            }),
            _ => Err(errs),
        }
    }

    /// The service as a link value: `name,key:value,…`, with the fields that differ from a new
    /// service's (`tasks` always for a replica; none of a daemon's `tasks`, nor `surge` of a
    /// blue/green one).
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::service::ServiceForm;
    /// use awsvpc_planner::calc::Field;
    /// let mut s = ServiceForm::default();
    /// s.set(Field::Name, "worker");
    /// s.set(Field::Tasks, "40");
    /// s.set(Field::Cpu, "512");
    /// assert_eq!(s.link_value(), "worker,tasks:40,cpu:512");
    /// assert_eq!(ServiceForm::from_link_value("worker,tasks:40,cpu:512"), Ok((s, vec![])));
    /// ```
    pub fn link_value(&self) -> String {
        let new = ServiceForm::default();
        let daemon = self
            .get(Field::Scheduling)
            .trim()
            .eq_ignore_ascii_case("daemon");
        let blue_green = self
            .get(Field::Deploy)
            .trim()
            .eq_ignore_ascii_case("bluegreen");
        let parts: Vec<String> = SERVICE_FIELDS
            .iter()
            .skip(1)
            .filter(|&&f| match f {
                Field::Tasks => !daemon,
                Field::Surge => !blue_green && self.get(f) != new.get(f),
                _ => self.get(f) != new.get(f),
            })
            .map(|&f| format!("{}:{}", f.key(), self.get(f)))
            .collect();
        std::iter::once(self.get(Field::Name).to_string())
            .chain(parts)
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Reads a link value written by [`Self::link_value`]: the service, and a message for each
    /// part that was not used (an unknown key, a value its field's parser refuses).
    ///
    /// # Errors
    /// A message when the name is not a service name.
    pub fn from_link_value(text: &str) -> Result<(ServiceForm, Vec<String>), String> {
        let mut parts = text.split(',');
        let name = parts.next().unwrap_or("").trim();
        let mut s = ServiceForm::default();
        let mut dropped = Vec::new();
        match Field::Name.check(name) {
            Ok(()) => s.set(Field::Name, name),
            Err(e) => return Err(format!("service name: {}", e.message)),
        }
        for part in parts.filter(|p| !p.trim().is_empty()) {
            let (k, v) = part.split_once(':').unwrap_or((part, ""));
            match SERVICE_FIELDS.iter().skip(1).find(|f| f.key() == k.trim()) {
                Some(&f) => match f.check(v) {
                    Ok(()) => s.set(f, v.trim()),
                    Err(e) => dropped.push(format!("{name}: {}: {}", f.key(), e.message)),
                },
                None => dropped.push(format!(
                    "{name}: {}: a service has no such field",
                    crate::calc::cidr::quote(k)
                )),
            }
        }
        Ok((s, dropped))
    }
}
