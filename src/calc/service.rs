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
use crate::calc::input::{Deploy, Inputs, Kind, Scheduling, Service, Strategy};
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
    /// Which row this is, for as long as the form lives (a list key: it stays with the service
    /// through edits, renames and removals of others). Not part of a link.
    pub id: u32,
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

    /// The row's title for people at `place` in the list (0: the form's own service): its
    /// number from 1 and its name, `Service 2: log` (`Service 2` while it has no name).
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::service::ServiceForm;
    /// use awsvpc_planner::calc::Field;
    /// let mut s = ServiceForm::default();
    /// s.set(Field::Name, " log ");
    /// assert_eq!(s.label(1), "Service 2: log");
    /// s.set(Field::Name, "");
    /// assert_eq!(s.label(1), "Service 2");
    /// ```
    pub fn label(&self, place: usize) -> String {
        let title = format!("Service {}", place.saturating_add(1));
        match self.get(Field::Name).trim() {
            "" => title,
            name => format!("{title}: {name}"),
        }
    }

    /// The same row with the list key `id`.
    #[must_use]
    pub fn with_id(mut self, id: u32) -> ServiceForm {
        self.id = id;
        self
    }

    /// The text that shows `s`.
    pub fn from_service(s: &Service) -> ServiceForm {
        let form = Form::from_inputs(&Inputs {
            name: s.name.clone(),
            scheduling: s.kind.scheduling(),
            // A daemon has no desired count: its row keeps a new service's, as a link's row does.
            tasks: s
                .kind
                .desired()
                .or(Service::default().kind.desired())
                .unwrap_or(0),
            launch: s.launch,
            network: s.net,
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
            id: 0,
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
                kind: match scheduling {
                    Scheduling::Replica => Kind::Replica { desired: tasks },
                    Scheduling::Daemon => Kind::Daemon,
                },
                launch,
                net: network,
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
        let name = parts.next().unwrap_or("");
        ServiceForm::from_parts(
            name,
            parts.filter(|p| !p.trim().is_empty()).map(|part| {
                let (k, v) = part.split_once(':').unwrap_or((part, ""));
                (k, Ok(v.to_string()))
            }),
        )
    }

    /// Reads a service from its name and its other fields' values by link key (`tasks`,
    /// `cpu`, …), each through its field's own check ([`Field::check`]), as a link's or an
    /// imported document's values are: the service, and a message for each value not used (an
    /// unknown key, a value that could not be read (`Err`, its reason), a value the field's
    /// parser refuses), naming the service and the key. The rest is kept.
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::service::ServiceForm;
    /// use awsvpc_planner::calc::Field;
    /// let (s, dropped) = ServiceForm::from_parts(
    ///     "worker",
    ///     [("tasks", Ok("40".to_string())), ("cpu", Ok("lots".to_string())), ("mem", Err("a list is not a value".to_string()))],
    /// )
    /// .unwrap();
    /// assert_eq!((s.get(Field::Tasks), s.get(Field::Cpu)), ("40", ""));
    /// assert_eq!(dropped.len(), 2);
    /// assert!(dropped[0].starts_with("worker: cpu: "));
    /// assert_eq!(dropped[1], "worker: mem: a list is not a value");
    /// assert!(ServiceForm::from_parts("no name", []).is_err());
    /// ```
    ///
    /// # Errors
    /// A message when the name is not a service name.
    pub fn from_parts<'a>(
        name: &str,
        parts: impl IntoIterator<Item = (&'a str, Result<String, String>)>,
    ) -> Result<(ServiceForm, Vec<String>), String> {
        let name = name.trim();
        let mut s = ServiceForm::default();
        let mut dropped = Vec::new();
        match Field::Name.check(name) {
            Ok(()) => s.set(Field::Name, name),
            Err(e) => return Err(format!("service name: {}", e.message)),
        }
        for (k, v) in parts {
            match SERVICE_FIELDS.iter().skip(1).find(|f| f.key() == k.trim()) {
                Some(&f) => match v.and_then(|v| f.check(&v).map(|()| v).map_err(|e| e.message)) {
                    Ok(v) => s.set(f, v.trim()),
                    Err(why) => dropped.push(format!("{name}: {}: {why}", f.key())),
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

impl Form {
    /// How many services the form has: the first (its own fields) and the later ones.
    pub fn service_count(&self) -> usize {
        self.services.len().saturating_add(1)
    }

    /// The service at `place` (0: the first, the form's own fields) as a row of text.
    pub fn service(&self, place: usize) -> Option<ServiceForm> {
        match place {
            0 => Some(ServiceForm::of(self)),
            n => self.services.get(n - 1).cloned(),
        }
    }

    /// Sets `field` of the service at `place` (0: the form's own field).
    pub fn edit_service(&mut self, place: usize, field: Field, text: &str) {
        match place {
            0 => self.set(field, text),
            n => {
                if let Some(s) = self.services.get_mut(n - 1) {
                    s.set(field, text);
                }
            }
        }
    }

    /// A new id for a later service's row.
    fn next_id(&self) -> u32 {
        self.services
            .iter()
            .map(|s| s.id)
            .max()
            .unwrap_or(0)
            .saturating_add(1)
    }

    /// A name no service has: `service-N`, N the first count from the number of services up.
    fn free_name(&self, stem: &str) -> String {
        let taken: Vec<String> = (0..self.service_count())
            .filter_map(|n| self.service(n))
            .map(|s| s.get(Field::Name).trim().to_string())
            .collect();
        (self.service_count().saturating_add(1)..)
            .map(|n| format!("{stem}-{n}"))
            .find(|c| !taken.contains(c))
            .unwrap_or_else(|| stem.to_string())
    }

    /// Adds a service at the end: a replica of 1 task, on the same launch type as the first,
    /// named `service-N`; its place.
    pub fn add_service(&mut self) -> usize {
        let mut s = ServiceForm::default().with_id(self.next_id());
        s.set(Field::Name, &self.free_name("service"));
        s.set(Field::Tasks, "1");
        s.set(Field::Launch, &self.launch);
        self.services.push(s);
        self.services.len()
    }

    /// Adds a copy of the service at `place` right after it, named `<name>-copy` (or with a
    /// number); its place, `None` when there is no such service.
    pub fn duplicate_service(&mut self, place: usize) -> Option<usize> {
        let mut s = self.service(place)?;
        s.id = self.next_id();
        let stem = format!("{}-copy", s.get(Field::Name).trim());
        let name = if (0..self.service_count())
            .filter_map(|n| self.service(n))
            .any(|o| o.get(Field::Name).trim() == stem)
        {
            self.free_name(&stem)
        } else {
            stem
        };
        s.set(Field::Name, &name);
        let at = place.min(self.services.len());
        self.services.insert(at, s);
        Some(at.saturating_add(1))
    }

    /// Removes the service at `place`; removing the first makes the second the first (its
    /// fields become the form's own). The last service cannot be removed.
    pub fn remove_service(&mut self, place: usize) {
        if self.services.is_empty() {
            return;
        }
        if place == 0 {
            let next = self.services.remove(0);
            for f in SERVICE_FIELDS {
                self.set(f, next.get(f));
            }
        } else if place <= self.services.len() {
            self.services.remove(place - 1);
        }
    }
}
