//! The plan as CSV (RFC 4180, CRLF line ends), written with the `csv` crate.

use super::{az_cells, bound_id, service_figures, service_inputs, verdict, Cell, Subject};
use crate::calc::catalog::DATASET_VERSION;
use crate::calc::explain::cluster::fill;
use crate::calc::explain::{self, Metric};
use crate::calc::share;

/// The plan as CSV (RFC 4180, CRLF line ends): header `section,name,value`, then the inputs
/// (`input`, link key, value; and `input,data,` the dataset version), every [`Metric`] (`output`,
/// [`Metric::id`], the raw integer, negative for a shortfall, or empty where it does not apply),
/// the per-AZ numbers (`az1`, `az2`, …, with names like `tasks`, `host-subnet`, `host-usable`),
/// and the verdict: `verdict` rows `fits`, `fits-at-peak` (`yes`/`no`), `short`, `short-at-peak`
/// (addresses), then `fits`, `az-loss` and `sizing` again as `verdict-text` sentences, one
/// `warning` row per warning (its id, then message and action), and with trunking one
/// `trunking` row per precondition (its title, then the detail).
///
/// A whole cluster adds, after the outputs, two sections per service: its fields by link key
/// (`service1-input`: `name`, `sched`, `tasks`, …; a field that does not apply, as a daemon's
/// `tasks`, is left out), and its figures (`service1`:
/// `tasks`, `peak-tasks`, `per-instance`, `ipv4`, `ipv4-peak`, `max-fits`,
/// `max-deploys`; empty where one does not apply), `binds` (`eni`, `aws-limit`, `cpu`,
/// `memory`, or empty) and its tasks per AZ (`az1-tasks`, …); and to each AZ's section the
/// instances the tasks need (`instances-needed`) and what fills them (`fill`, a sentence).
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{export::csv, plan, Inputs};
/// let c = csv(&plan(&Inputs::default()).unwrap());
/// assert!(c.starts_with("section,name,value\r\ninput,launch,ec2\r\n"));
/// assert!(c.contains("\r\noutput,ips-usable,12273\r\n"));
/// assert!(c.contains("\r\naz3,host-subnet,172.31.32.0/20\r\n"));
/// assert!(c.contains("\r\nverdict,fits,yes\r\n"));
/// ```
pub fn csv<'a>(subject: impl Into<Subject<'a>>) -> String {
    let subject = subject.into();
    let p = subject.plan;
    let v = verdict(p);
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut row = |section: &str, name: &str, value: &str| {
        // Writing to memory cannot fail.
        let _ = w.write_record([section, name, value]);
    };
    row("section", "name", "value");
    for (field, val) in share::pairs(&subject.inputs()) {
        row("input", field.key(), &val);
    }
    row("input", "data", DATASET_VERSION);
    for m in Metric::ALL {
        row(
            "output",
            m.id(),
            &explain::signed(p, m)
                .map(|v| v.to_string())
                .unwrap_or_default(),
        );
    }
    let cluster = subject.cluster;
    for (s, plan) in cluster
        .into_iter()
        .flat_map(|c| c.cluster.services.iter().zip(&c.services))
    {
        let section = format!("service{}", plan.index.saturating_add(1));
        let fields = format!("{section}-input");
        for (key, _, text) in service_inputs(s) {
            if let Some(text) = text {
                row(&fields, key, &text);
            }
        }
        for (id, _, v) in service_figures(plan) {
            row(&section, id, &v.map(|v| v.to_string()).unwrap_or_default());
        }
        row(
            &section,
            "binds",
            plan.holds.map_or("", |h| bound_id(h.binds)),
        );
        for (az, n) in plan.per_az.iter().enumerate() {
            row(&section, &format!("az{}-tasks", az + 1), &n.to_string());
        }
    }
    for a in &p.azs {
        let section = format!("az{}", a.number());
        row(&section, "name", &p.az_name(a.index));
        for (id, _, val) in az_cells(a, p.ipv6_per_subnet.is_some()) {
            match val {
                Cell::Num(n) => row(&section, &id, &n.value().to_string()),
                Cell::Text(t) => row(&section, &id, &t),
            }
        }
        let az = cluster.and_then(|c| Some((c, c.fill.iter().find(|f| f.index == a.index)?)));
        if let Some((c, az)) = az {
            row(&section, "instances-needed", &az.needed.to_string());
            row(&section, "fill", &fill(c, az));
        }
    }
    let yes = |b: bool| if b { "yes" } else { "no" };
    row("verdict", "fits", yes(v.fits));
    row("verdict", "fits-at-peak", yes(v.fits_at_peak));
    row("verdict", "short", &v.short.to_string());
    row("verdict", "short-at-peak", &v.short_at_peak.to_string());
    for (id, line) in &v.lines {
        row("verdict-text", id, line);
    }
    for w in &v.warnings {
        row("warning", w.id, &format!("{} {}", w.message, w.action));
    }
    for c in v.trunking {
        row("trunking", c.title, c.detail);
    }
    w.into_inner()
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .unwrap_or_default()
}
