//! `awsvpc-plan '#v=1&…'`: the plan of a link, computed natively by the core and printed as JSON
//! — every headline number by its metric id, and for a cluster every service's figures by
//! service name — so the end-to-end tests can check that the page shows exactly the core's
//! numbers. Exit status 1, with the form's errors on stderr, when the link makes no plan.

use awsvpc_planner::calc::explain::{value, Metric};
use awsvpc_planner::calc::share;
use serde_json::{json, Map, Value};
use std::io::Write as _;

fn main() {
    let link = std::env::args().nth(1).unwrap_or_default();
    let form = share::decode(&link).form;
    let (_, plan, cluster) = match form.plan_all() {
        Ok(p) => p,
        Err(errs) => {
            for e in errs {
                eprintln!(
                    "service {}: {}: {}",
                    e.service.unwrap_or(0).saturating_add(1),
                    e.field.key(),
                    e.message
                );
            }
            std::process::exit(1);
        }
    };
    let metrics: Map<String, Value> = Metric::ALL
        .into_iter()
        .filter_map(|m| value(&plan, m).map(|v| (m.id().to_string(), json!(v.to_string()))))
        .collect();
    let services: Map<String, Value> = cluster
        .iter()
        .flat_map(|c| &c.services)
        .map(|s| {
            let figures = [
                ("tasks", Some(s.tasks)),
                ("per-instance", s.holds.map(|h| h.tasks)),
                ("ipv4", Some(s.ipv4)),
                ("ipv4-peak", Some(s.ipv4_at_peak)),
                ("max-fits", s.max_fits),
                ("max-deploys", s.max_deploys),
            ];
            let figures: Map<String, Value> = figures
                .into_iter()
                .map(|(k, v)| {
                    (
                        k.to_string(),
                        json!(v.map(|v| v.to_string()).unwrap_or_default()),
                    )
                })
                .collect();
            (s.name.clone(), Value::Object(figures))
        })
        .collect();
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = writeln!(
        std::io::stdout(),
        "{}",
        json!({ "metrics": metrics, "services": services })
    );
}
