//! The whole cluster's figures in words: what fills each AZ's instances, and each service's
//! figures with the formula behind them (the page's services table and the exports).

use crate::calc::cluster::{AzFill, ClusterPlan, ServicePlan};
use crate::calc::density::Bound;
use crate::calc::fmt::int;
use crate::calc::input::Kind;

/// A resource that binds an instance, for people: `ENI slots`, `AWS's awsvpc limit`, `CPU`,
/// `memory`.
fn resource(b: Bound) -> &'static str {
    match b {
        Bound::Eni => "ENI slots",
        Bound::AwsLimit => "AWS's awsvpc limit",
        Bound::Cpu => "CPU",
        Bound::Memory => "memory",
    }
}

/// `n` followed by `one` or `many`.
fn count(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", int(n), if n == 1 { one } else { many })
}

/// What fills one AZ's instances: "us-east-1a: 34 instances; ENI slots bind on 30 (10 slots,
/// 1 taken by the daemon log), memory on 4; 2 spare".
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::cluster::{self, Cluster};
/// use awsvpc_planner::calc::explain::cluster::fill;
/// use awsvpc_planner::calc::Inputs;
/// let p = cluster::plan(&Cluster::from_inputs(&Inputs::default())).unwrap();
/// assert_eq!(fill(&p, &p.fill[0]), "AZ 1: 167 instances; ENI slots bind on 167 (2 slots)");
/// ```
pub fn fill(p: &ClusterPlan, az: &AzFill) -> String {
    let mut out = format!(
        "{}: {}",
        p.plan.az_name(az.index),
        count(az.running, "instance", "instances")
    );
    let parts: Vec<String> = az
        .binding()
        .into_iter()
        .map(|(b, n)| match b {
            Some(b @ (Bound::Eni | Bound::AwsLimit)) => {
                let mut s = format!("{} bind on {}", resource(b), int(n));
                if let Some(c) = &p.capacity {
                    let daemons: Vec<&str> = p
                        .cluster
                        .services
                        .iter()
                        .filter(|s| s.kind == Kind::Daemon && s.has_eni() && s.on_ec2())
                        .map(|s| s.name.as_str())
                        .collect();
                    s.push_str(&format!(" ({}", count(c.slots, "slot", "slots")));
                    if !daemons.is_empty() {
                        s.push_str(&format!(
                            ", {} taken by the daemon{} {}",
                            int(c.daemons.slots),
                            if daemons.len() == 1 { "" } else { "s" },
                            daemons.join(", ")
                        ));
                    }
                    s.push(')');
                }
                s
            }
            Some(b) => format!("{} on {}", resource(b), int(n)),
            None => format!("room left on {}", int(n)),
        })
        .collect();
    if !parts.is_empty() {
        out.push_str("; ");
        out.push_str(&parts.join(", "));
    }
    if az.spare() > 0 {
        out.push_str(&format!("; {} spare (target capacity)", int(az.spare())));
    }
    out
}

/// One service's row: its tasks' split over the AZs, e.g. `334 + 333 + 333`.
pub fn split(s: &ServicePlan) -> String {
    s.per_az
        .iter()
        .map(|&n| int(n))
        .collect::<Vec<_>>()
        .join(" + ")
}

/// What one instance holds of a service beside the daemons, in words: "9 (ENI slots bind)".
pub fn holds(s: &ServicePlan) -> Option<String> {
    s.holds
        .map(|h| format!("{} ({} bind)", int(h.tasks), resource(h.binds)))
}
