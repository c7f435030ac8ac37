//! The form as a whole: its fields ([`crate::calc::field`]) read together into [`Inputs`], with
//! one error per field that does not parse, and then planned.
//!
//! The UI keeps a [`Form`] so that nothing typed is ever lost; [`Form::parse`] turns it into
//! [`Inputs`] or a list of per-field errors, and [`Form::plan`] into a plan or the reasons there
//! is none.

use crate::calc::cluster::{self, ClusterPlan};
use crate::calc::field::{Field, Form, PlanError};
use crate::calc::input::{Deploy, Inputs, IpMode, Labels, Launch, OtherEnis, Strategy, TaskPlace};
use crate::calc::plan::{plan, Plan};
use crate::calc::validate::conflicts;

/// The value, or `None` with its error kept.
fn take<T>(errs: &mut Vec<PlanError>, r: Result<T, PlanError>) -> Option<T> {
    r.map_err(|e| errs.push(e)).ok()
}

/// The value, or the default when the field does not apply (its text is kept, never checked).
fn or_default<T>(applies: bool, r: Result<T, PlanError>, default: T) -> Result<T, PlanError> {
    if applies {
        r
    } else {
        Ok(r.unwrap_or(default))
    }
}

impl Form {
    /// Sets `field` to `v` (toggles are on for `1`): what the page's controls call.
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::{Field, Form};
    /// let mut f = Form::default();
    /// f.edit(Field::Tasks, "42".into());
    /// f.edit(Field::Trunk, "1".into());
    /// assert_eq!((f.tasks.as_str(), f.trunk), ("42", true));
    /// ```
    pub fn edit(&mut self, field: Field, v: String) {
        self.set(field, &v);
    }

    /// Where the form's tasks get their addresses, as far as its text says
    /// ([`Inputs::task_place`]): `None` while the VPC CIDR or the task subnets do not parse.
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::{Form, TaskPlace};
    /// let f = Form { secondary: true, tnets: "172.31.128.0/20".into(), ..Form::default() };
    /// assert_eq!(f.task_place(), Some(TaskPlace::Primary));
    /// ```
    pub fn task_place(&self) -> Option<TaskPlace> {
        let p = self.parsed();
        Some(
            Inputs {
                secondary: self.secondary,
                vpc: p.vpc.ok()?,
                task_subnets: p.tnets.ok()?.0,
                ..Inputs::default()
            }
            .task_place(),
        )
    }

    /// Parses the form and makes its plan; on failure, why not: every field's parse error, or
    /// when every field parses, every conflict between them ([`conflicts`]), each naming all the
    /// fields it involves. The page shows each error next to every field it names
    /// ([`PlanError::fields`]) and offers [`PlanError::fix`] where there is one.
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::{Field, Fix, Form};
    /// assert!(Form::default().plan().is_ok());
    /// let f = Form { hnets: "172.31.0.0/20, 172.31.16.0/20".into(), ..Form::default() };
    /// let errs = f.plan().unwrap_err();
    /// assert!(errs[0].involves(Field::Azs) && errs[0].involves(Field::HostSubnets));
    /// assert_eq!(errs[0].fix, Some(Fix::SetAzs(2)));
    /// ```
    ///
    /// # Errors
    /// The parse errors, else the conflicts; never an empty list.
    pub fn plan(&self) -> Result<(Inputs, Plan), Vec<PlanError>> {
        let i = self.parse()?;
        match plan(&i) {
            Ok(p) => Ok((i, p)),
            Err(first) => {
                let all = conflicts(&i);
                Err(if all.is_empty() { vec![first] } else { all })
            }
        }
    }

    /// Parses the form and makes what the page shows: the inputs, the headline plan and, for a
    /// cluster (a later service, a daemon or bridge first service, a target capacity below 100,
    /// Windows), the cluster's whole plan ([`cluster::plan()`], whose headline is then the
    /// plan). A one-service form is planned by [`plan()`] alone, which the cluster plan of the
    /// same form equals (a property test checks it).
    ///
    /// # Errors
    /// As [`Form::plan`]; a cluster's errors each at its field and service
    /// ([`cluster::ClusterError::into_plan_error`]).
    pub fn plan_all(&self) -> Result<(Inputs, Plan, Option<ClusterPlan>), Vec<PlanError>> {
        let i = self.parse()?;
        if i.is_one_service() {
            let (i, p) = self.plan()?;
            return Ok((i, p, None));
        }
        let cp = cluster::plan_inputs(&i)?;
        Ok((i, cp.plan.clone(), Some(cp)))
    }

    /// Parses every field; on failure returns every field's error (one per field at most), in
    /// field order.
    ///
    /// Fields that do not apply are not checked: the task CIDR, its subnets and their names when
    /// it is off (an invalid CIDR then falls back to the default for the comparison); the IPv6
    /// prefix for IPv4-only tasks; `maximumPercent` for blue/green; on Fargate the instance type,
    /// the memory reserve and the registered share. The inputs are canonical
    /// ([`Inputs::canonical`]): on Fargate those fields and trunking take their defaults (the
    /// form keeps the text).
    ///
    /// Values that are each valid but conflict (subnets for another AZ count, a task larger than
    /// the instance, a Fargate task size AWS does not offer) parse: [`conflicts`] names them.
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::{Field, Form};
    /// let mut f = Form::default();
    /// assert!(f.parse().is_ok());
    /// f.vpc = "172.31.0.0/33".into();
    /// f.tasks = "lots".into();
    /// let errs = f.parse().unwrap_err();
    /// assert_eq!(errs.iter().map(|e| e.field).collect::<Vec<_>>(), [Field::Tasks, Field::Vpc]);
    /// ```
    ///
    /// # Errors
    /// One [`PlanError`] per field that does not parse.
    pub fn parse(&self) -> Result<Inputs, Vec<PlanError>> {
        let d = Inputs::default();
        let p = self.parsed();
        let launch = p.launch.clone().ok();
        let ec2 = launch != Some(Launch::Fargate);
        let sec = self.secondary;
        let v6 = p.ip.as_ref().is_ok_and(|m| *m != IpMode::V4);
        let rolling = p.deploy.as_ref().is_ok_and(|k| *k == Strategy::Rolling);
        let mut errs = Vec::new();
        let launch = take(&mut errs, p.launch);
        let instance = take(&mut errs, or_default(ec2, p.instance, d.instance.clone()));
        let azs = take(&mut errs, p.azs);
        let tasks = take(&mut errs, p.tasks);
        let vpc = take(&mut errs, p.vpc);
        let host_prefix = take(&mut errs, p.host);
        let task_cidr = take(&mut errs, or_default(sec, p.tcidr, d.task_cidr));
        let task_prefix = take(&mut errs, or_default(sec, p.tsub, d.task_prefix));
        let hnets = take(&mut errs, p.hnets);
        let tnets = take(&mut errs, or_default(sec, p.tnets, Default::default()));
        let zones = take(&mut errs, p.zones);
        let host_ids = take(&mut errs, p.hid);
        let task_ids = take(&mut errs, or_default(sec, p.tid, Vec::new()));
        let host_ipv6 = take(&mut errs, p.hv6);
        let task_ipv6 = take(&mut errs, or_default(sec, p.tv6, Vec::new()));
        let host_names = take(&mut errs, p.hname);
        let task_names = take(&mut errs, or_default(sec, p.tname, Vec::new()));
        let ip_mode = take(&mut errs, p.ip);
        let ipv6_prefix = take(&mut errs, or_default(v6, p.v6, d.ipv6_prefix));
        let strategy = take(&mut errs, p.deploy);
        let surge = take(&mut errs, or_default(rolling, p.surge, 200));
        let cpu = take(&mut errs, p.cpu);
        let memory_mib = take(&mut errs, p.mem);
        let reserve = take(&mut errs, or_default(ec2, p.reserve, d.memory_reserve_mib));
        let registered = take(
            &mut errs,
            or_default(ec2, p.registered, d.memory_registered_percent),
        );
        let nat = take(&mut errs, p.nat);
        let endpoints = take(&mut errs, p.vpce);
        let extra = take(&mut errs, p.other);
        let name = take(&mut errs, p.name);
        let scheduling = take(&mut errs, p.sched);
        let network = take(&mut errs, p.net);
        let target = take(&mut errs, p.target);
        let os = take(&mut errs, p.os);
        let peak = take(&mut errs, p.peak);
        let mut services = Vec::with_capacity(self.services.len());
        for (n, s) in self.services.iter().enumerate() {
            match s.parse(n.saturating_add(1)) {
                Ok(s) => services.push(s),
                Err(e) => errs.extend(e),
            }
        }
        // Read in field order, so the errors come in field order.
        if !errs.is_empty() {
            return Err(errs);
        }
        let (
            Some(launch),
            Some(instance),
            Some(azs),
            Some(tasks),
            Some(vpc),
            Some(host_prefix),
            Some(task_cidr),
            Some(task_prefix),
            Some((host_subnets, host_in_use)),
            Some((task_subnets, task_in_use)),
            Some(zones),
            Some(host_ids),
            Some(task_ids),
            Some(host_ipv6),
            Some(task_ipv6),
            Some(host_names),
            Some(task_names),
            Some(ip_mode),
            Some(ipv6_prefix),
            Some(strategy),
            Some(surge),
            Some(cpu),
            Some(memory_mib),
            Some(memory_reserve_mib),
            Some(memory_registered_percent),
            Some(nat),
            Some(endpoints),
            Some(extra),
            Some(name),
            Some(scheduling),
            Some(network),
            Some(target),
            Some(os),
            Some(peak),
        ) = (
            launch,
            instance,
            azs,
            tasks,
            vpc,
            host_prefix,
            task_cidr,
            task_prefix,
            hnets,
            tnets,
            zones,
            host_ids,
            task_ids,
            host_ipv6,
            task_ipv6,
            host_names,
            task_names,
            ip_mode,
            ipv6_prefix,
            strategy,
            surge,
            cpu,
            memory_mib,
            reserve,
            registered,
            nat,
            endpoints,
            extra,
            name,
            scheduling,
            network,
            target,
            os,
            peak,
        )
        else {
            return Err(vec![PlanError::new(
                Field::Launch,
                "the form could not be read",
            )]);
        };
        Ok(Inputs {
            launch,
            instance,
            azs,
            tasks,
            trunking: self.trunk,
            vpc,
            host_prefix,
            secondary: self.secondary,
            task_cidr,
            task_prefix,
            host_subnets,
            task_subnets,
            host_in_use,
            task_in_use,
            labels: Labels {
                zones,
                host_ids,
                task_ids,
                host_ipv6,
                task_ipv6,
                host_names,
                task_names,
            },
            ip_mode,
            ipv6_prefix,
            deploy: match strategy {
                Strategy::Rolling => Deploy::Rolling { max_percent: surge },
                Strategy::BlueGreen => Deploy::BlueGreen,
            },
            cpu,
            memory_mib,
            memory_reserve_mib,
            memory_registered_percent,
            other: OtherEnis {
                alb: self.alb,
                nlb: self.nlb,
                nat,
                endpoints,
                extra,
            },
            name,
            scheduling,
            network,
            target,
            os,
            peak,
            services,
        }
        .canonical())
    }
}
