//! `awsvpc-plan '#v=1&…'`: the plan of a link, computed natively by the core and printed as JSON
//! — every headline number by its metric id, for a cluster every service's figures by service
//! name, each scenario of the comparison's numbers (or why it has no plan) and every type's
//! ranking cells by their `data-metric` — so the end-to-end tests can check that the page shows
//! exactly the core's numbers. Exit status 1, with the form's errors on stderr, when the link
//! makes no plan.

use awsvpc_planner::calc::cluster::{self, Cluster};
use awsvpc_planner::calc::explain::{signed, value, Metric};
use awsvpc_planner::calc::plan::Plan;
use awsvpc_planner::calc::{compare, rank, share, RankRow, Scenario};
use serde_json::{json, Map, Value};
use std::io::Write as _;

fn main() {
    let link = std::env::args().nth(1).unwrap_or_default();
    let form = share::decode(&link).form;
    let (inputs, plan, cluster) = match form.plan_all() {
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
    // The comparison: each scenario planned as the page's worker plans it (a cluster as a whole).
    let one = inputs.is_one_service();
    let scenarios: Vec<(Scenario, Result<Plan, String>)> = if one {
        compare(&inputs)
            .into_iter()
            .map(|(s, r)| (s, r.map_err(|e| e.message)))
            .collect()
    } else {
        Scenario::ALL
            .iter()
            .map(|&s| {
                let r = cluster::plan_inputs(&s.apply(&inputs))
                    .map(|p| p.plan)
                    .map_err(|e| {
                        e.iter()
                            .map(|e| e.message.as_str())
                            .collect::<Vec<_>>()
                            .join("; ")
                    });
                (s, r)
            })
            .collect()
    };
    let scenarios: Map<String, Value> = scenarios
        .into_iter()
        .map(|(s, r)| {
            let v = match r {
                Ok(p) => Value::Object(
                    Metric::ALL
                        .into_iter()
                        .filter_map(|m| {
                            signed(&p, m).map(|v| (m.id().to_string(), json!(v.to_string())))
                        })
                        .collect(),
                ),
                Err(why) => json!({ "error": why }),
            };
            (s.id().to_string(), v)
        })
        .collect();
    // The ranking: every type's cells, by the page's `data-metric`.
    let rows: Vec<RankRow> = if one {
        rank(&inputs)
    } else {
        cluster::rank(&Cluster::from_inputs(&inputs))
    };
    let text = |v: Option<u64>| json!(v.map(|v| v.to_string()).unwrap_or_default());
    let flag = |v: Option<bool>| json!(v.map(|v| v.to_string()).unwrap_or_default());
    let ranking: Map<String, Value> = rows
        .iter()
        .map(|r| {
            (
                r.instance.name.to_string(),
                json!({
                    "k-without": text(r.k_without),
                    "k-with": text(r.k_with),
                    "instances-without": text(r.instances_without),
                    "instances-with": text(r.instances_with),
                    "vcpus-without": text(r.vcpus_without),
                    "vcpus-with": text(r.vcpus_with),
                    "ips-without": text(r.ips_without),
                    "ips-with": text(r.ips_with),
                    "fits-without": flag(r.fits_without),
                    "fits-with": flag(r.fits_with),
                }),
            )
        })
        .collect();
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = writeln!(
        std::io::stdout(),
        "{}",
        json!({ "metrics": metrics, "services": services, "scenarios": scenarios, "ranking": ranking })
    );
}
