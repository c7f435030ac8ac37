//! The plan as Markdown, CSV, JSON (importable again) and a Terraform snippet.
//!
//! An export is of a [`Subject`]: a plan, or a whole cluster's plan, whose exports add its
//! services (their fields by link key and their figures) and what fills each AZ.
//!
//! Every export carries the inputs by field ([`crate::calc::share::pairs`], labelled by
//! [`crate::calc::Field::label`]),
//! every [`crate::calc::explain::Metric`] by its stable id with the value of
//! [`explain::signed`] (negative where the plan is short), the per-AZ numbers, and the [`Verdict`]: whether the plan fits, the AZ-loss
//! result, the smallest subnets that fit, the warnings, and the trunking preconditions when
//! trunking is on.
//!
//! # Organization
//! - this module: the [`Verdict`] and the per-AZ values every format writes.
//! - [`markdown`](markdown()): tables for docs and tickets.
//! - [`csv`](csv()): `section,name,value` rows, written with the `csv` crate.
//! - [`json`](json()): the versioned plan document (serde), and [`import_json`], which reads one
//!   back through the same per-key checks as a link.
//! - [`terraform`](terraform()): the subnets as a Terraform snippet.

use crate::calc::catalog;
use crate::calc::cluster::{self, ClusterPlan, ServicePlan};
use crate::calc::explain::{self, WarningText};
use crate::calc::fmt::int;
use crate::calc::input::{Deploy, Inputs, Service};
use crate::calc::service::{ServiceForm, SERVICE_FIELDS};
use crate::calc::{plan, AzPlan, Bound, Field, Plan, SubnetUse};
use serde::Serialize;
use std::fmt::Write as _;

mod csv;
mod json;
mod markdown;
mod terraform;

pub use self::csv::csv;
pub use json::{import_json, json, ImportError, MAX_JSON, SCHEMA};
pub use markdown::markdown;
pub use terraform::terraform;

/// What an export writes: a plan and, for a whole cluster, the cluster's plan (whose headline
/// `plan` is). `markdown(&plan)` and `markdown(&cluster_plan)` both work ([`From`]).
#[derive(Debug, Clone, Copy)]
pub struct Subject<'a> {
    /// The headline plan.
    pub plan: &'a Plan,
    /// The cluster's plan; None for one service, whose exports are as before clusters.
    pub cluster: Option<&'a ClusterPlan>,
}

impl<'a> From<&'a Plan> for Subject<'a> {
    fn from(plan: &'a Plan) -> Self {
        Subject {
            plan,
            cluster: None,
        }
    }
}

impl<'a> From<&'a ClusterPlan> for Subject<'a> {
    fn from(c: &'a ClusterPlan) -> Self {
        Subject {
            plan: &c.plan,
            cluster: Some(c),
        }
    }
}

impl<'a> From<&'a Planned> for Subject<'a> {
    fn from(p: &'a Planned) -> Self {
        match p {
            Planned::One(p) => p.as_ref().into(),
            Planned::Cluster(c) => c.as_ref().into(),
        }
    }
}

impl Subject<'_> {
    /// The inputs as the form and a link hold them: for a cluster, every service's.
    pub fn inputs(&self) -> Inputs {
        self.cluster
            .map_or_else(|| self.plan.inputs.clone(), |c| c.cluster.to_inputs())
    }
}

/// What the page plans for some inputs: [`plan()`] for one service, the cluster's plan for
/// several (as [`crate::calc::Form::plan_all`] chooses).
#[derive(Debug, Clone)]
pub enum Planned {
    /// One service: today's plan.
    One(Box<Plan>),
    /// A whole cluster.
    Cluster(Box<ClusterPlan>),
}

impl Planned {
    /// Plans `i` as the page does.
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::export::{markdown, Planned};
    /// use awsvpc_planner::calc::{Inputs, Service};
    /// let one = Planned::of(&Inputs::default()).unwrap();
    /// assert!(matches!(one, Planned::One(_)));
    /// let i = Inputs { services: vec![Service { name: "log".into(), ..Service::default() }], ..Inputs::default() };
    /// assert!(markdown(&Planned::of(&i).unwrap()).contains("| log |"));
    /// ```
    ///
    /// # Errors
    /// Why the inputs do not plan: the first error's message.
    pub fn of(i: &Inputs) -> Result<Planned, String> {
        if i.is_one_service() {
            return plan(i)
                .map(|p| Planned::One(Box::new(p)))
                .map_err(|e| e.message);
        }
        cluster::plan_inputs(i)
            .map(|p| Planned::Cluster(Box::new(p)))
            .map_err(|errs| {
                errs.into_iter()
                    .next()
                    .map(|e| e.message)
                    .unwrap_or_default()
            })
    }
}

/// A resource that binds, as the exports name it: `eni`, `aws-limit`, `cpu`, `memory`.
pub(crate) fn bound_id(b: Bound) -> &'static str {
    match b {
        Bound::Eni => "eni",
        Bound::AwsLimit => "aws-limit",
        Bound::Cpu => "cpu",
        Bound::Memory => "memory",
    }
}

/// A service's fields as the form and a link hold them: (link key, label, text), name first;
/// None for a field that does not apply (a daemon's desired count, a blue/green deployment's
/// maximumPercent), which a link leaves out too.
pub(crate) fn service_inputs(s: &Service) -> Vec<(&'static str, &'static str, Option<String>)> {
    let form = ServiceForm::from_service(s);
    SERVICE_FIELDS
        .iter()
        .map(|&f| {
            let applies = match f {
                Field::Tasks => !s.is_daemon(),
                Field::Surge => matches!(s.deploy, Deploy::Rolling { .. }),
                _ => true,
            };
            (f.key(), f.label(), applies.then(|| form.get(f).to_string()))
        })
        .collect()
}

/// A service's figures: (id, label, value; None where it does not apply), in the services
/// table's order. The split over the AZs and what binds are
/// [`crate::calc::explain::cluster::split`] and [`ServicePlan::holds`].
pub(crate) fn service_figures(s: &ServicePlan) -> Vec<(&'static str, &'static str, Option<u64>)> {
    vec![
        ("tasks", "Tasks", Some(s.tasks)),
        ("peak-tasks", "Tasks at its peak", Some(s.peak_tasks)),
        (
            "per-instance",
            "Tasks per instance beside the daemons",
            s.holds.map(|h| h.tasks),
        ),
        ("ipv4", "IPv4 addresses", Some(s.ipv4)),
        (
            "ipv4-peak",
            "IPv4 addresses at its peak",
            Some(s.ipv4_at_peak),
        ),
        ("max-fits", "Largest count that fits", s.max_fits),
        ("max-deploys", "Largest count that deploys", s.max_deploys),
    ]
}

/// Largest integer written as a JSON number; larger ones (IPv6 counts) are strings.
const MAX_SAFE: i128 = (1 << 53) - 1;

/// Whether a plan fits, and what to know before using it: what every export carries besides the
/// numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// Every subnet holds the steady state.
    pub fits: bool,
    /// Every subnet holds the deployment peak.
    pub fits_at_peak: bool,
    /// Addresses missing at steady state, summed over the subnets that are short (0 when it fits).
    pub short: u64,
    /// Addresses missing at the deployment peak, summed over the subnets that are short.
    pub short_at_peak: u64,
    /// The sentences: fits, AZ loss, smallest subnets (id, text), in that order.
    pub lines: Vec<(&'static str, String)>,
    /// Every warning of the plan, worded.
    pub warnings: Vec<WarningText>,
    /// The trunking preconditions, when the plan uses ENI trunking (else empty).
    pub trunking: &'static [catalog::Caveat],
}

/// The [`Verdict`] of a plan.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{export::verdict, plan, Inputs};
/// let v = verdict(&plan(&Inputs::default()).unwrap());
/// assert!(v.fits && v.fits_at_peak);
/// assert_eq!(v.lines[0].1, "Fits: every subnet holds the steady state and the deployment peak.");
/// let mut i = Inputs::default();
/// i.tasks = 13_000;
/// let v = verdict(&plan(&i).unwrap());
/// assert!(!v.fits);
/// assert!(v.lines[0].1.starts_with("Does not fit: short by"));
/// ```
pub fn verdict(p: &Plan) -> Verdict {
    let subnets = || p.azs.iter().flat_map(AzPlan::subnets);
    let short: u64 = subnets().map(|s| s.used().saturating_sub(s.usable)).sum();
    let short_at_peak: u64 = subnets().map(SubnetUse::short_at_peak).sum();
    let fits_line = if short > 0 {
        format!(
            "Does not fit: short by {} addresses at steady state ({} at the deployment peak).",
            int(short),
            int(short_at_peak)
        )
    } else if short_at_peak > 0 {
        format!(
            "Fits at steady state, but not during a deployment: short by {} addresses at the peak.",
            int(short_at_peak)
        )
    } else {
        "Fits: every subnet holds the steady state and the deployment peak.".to_string()
    };
    let az_loss = match &p.az_loss {
        None => "AZ loss: with one AZ there is nothing to fail over to.".to_string(),
        Some(l) if l.fits_at_peak => {
            "AZ loss: if any one AZ is lost, the other subnets hold its tasks and a deployment."
                .to_string()
        }
        Some(l) if l.fits => format!(
            "AZ loss: if {} is lost, the other subnets hold its tasks but not a deployment.",
            p.az_name(l.lost)
        ),
        Some(l) => format!(
            "AZ loss: if {} is lost, the other subnets cannot hold its tasks.",
            p.az_name(l.lost)
        ),
    };
    let prefix = |p: Option<u8>| {
        p.map_or("larger than a /16, AWS's largest subnet".to_string(), |p| {
            format!("/{p}")
        })
    };
    let mut sizing = format!(
        "Smallest subnets per AZ that hold the deployment peak: host {}",
        prefix(p.sizing.host_prefix)
    );
    if p.inputs.secondary {
        let _ = write!(sizing, ", task {}", prefix(p.sizing.task_prefix));
    }
    if p.totals.in_use > 0 {
        sizing.push_str(" (with the addresses in use now)");
    }
    sizing.push('.');
    Verdict {
        fits: short == 0,
        fits_at_peak: short_at_peak == 0,
        short,
        short_at_peak,
        lines: vec![
            ("fits", fits_line),
            ("az-loss", az_loss),
            ("sizing", sizing),
        ],
        warnings: p.warnings.iter().map(explain::warning).collect(),
        trunking: if p.density.is_some_and(|d| d.trunking) {
            catalog::trunking_caveats()
        } else {
            &[]
        },
    }
}

/// One per-AZ number or name: a JSON number or string.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub(crate) enum Cell {
    /// A count (negative where a subnet is short).
    Num(Num),
    /// A subnet's CIDR.
    Text(String),
}

/// An integer as JSON writes it: a number up to 2^53 − 1 in size (what JavaScript numbers hold
/// exactly), else a decimal string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub(crate) enum Num {
    /// Exact in JavaScript.
    Exact(i64),
    /// Too large for a JavaScript number: its decimal digits.
    Big(#[serde(serialize_with = "decimal")] i128),
}

/// An integer as its decimal digits.
fn decimal<S: serde::Serializer>(n: &i128, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(n)
}

impl Num {
    /// The JSON form of `n`.
    pub(crate) fn of(n: i128) -> Num {
        match i64::try_from(n) {
            Ok(v) if n.abs() <= MAX_SAFE => Num::Exact(v),
            _ => Num::Big(n),
        }
    }
    /// The integer.
    pub(crate) fn value(self) -> i128 {
        match self {
            Num::Exact(v) => i128::from(v),
            Num::Big(v) => v,
        }
    }
}

/// Usable minus used: negative when short.
pub(crate) fn margin(usable: u64, used: u64) -> i128 {
    i128::from(usable) - i128::from(used)
}

/// The per-AZ values: (id, label, value); task-subnet values only with a secondary CIDR, IPv6
/// only when the plan uses it. Free addresses are negative where a subnet is short.
pub(crate) fn az_cells(a: &AzPlan, v6: bool) -> Vec<(String, String, Cell)> {
    let mut out: Vec<(String, String, Cell)> = [
        ("tasks", "Tasks", a.tasks),
        ("instances", "Instances", a.instances),
        ("peak-tasks", "Tasks at deployment peak", a.peak_tasks),
        (
            "peak-instances",
            "Instances at deployment peak",
            a.peak_instances,
        ),
    ]
    .into_iter()
    .map(|(id, label, v)| {
        (
            id.to_string(),
            label.to_string(),
            Cell::Num(Num::of(v.into())),
        )
    })
    .collect();
    for (kind, name, s) in [
        ("host", "Host", Some(&a.host)),
        ("task", "Task", a.task.as_ref()),
    ] {
        let Some(s) = s else { continue };
        out.push((
            format!("{kind}-subnet"),
            format!("{name} subnet"),
            Cell::Text(s.cidr.to_string()),
        ));
        for (id, label, v) in [
            ("usable", "usable IPv4", s.usable.into()),
            ("in-use", "IPv4 in use now", s.in_use.into()),
            ("used", "IPv4 used (with those in use)", s.used().into()),
            ("peak", "IPv4 at deployment peak", s.peak().into()),
            (
                "free-at-peak",
                "IPv4 free at deployment peak",
                margin(s.usable, s.peak()),
            ),
        ] {
            out.push((
                format!("{kind}-{id}"),
                format!("{name} subnet {label}"),
                Cell::Num(Num::of(v)),
            ));
        }
    }
    if v6 {
        out.push((
            "ipv6-used".into(),
            "IPv6 used at deployment peak".into(),
            Cell::Num(Num::of(a.ipv6_used.into())),
        ));
    }
    out
}
