//! The whole cluster's figures in words: what fills each AZ's instances, each service's figures
//! with the formula behind them (the page's services table and the exports), and the
//! explanations of the cluster's headline numbers.
//!
//! - this module: the words every part uses (resources, counts, lists, the `awsvpc` daemons), and
//!   the short texts of the services table and the exports ([`fill`], [`split`], [`holds`]).
//! - `headline`: the headline numbers' explanations ([`metric`], [`per_az`], [`ranking`]).
//! - `service`: one service's figures explained ([`ServiceMetric`], [`service()`]).

use crate::calc::cluster::{AzFill, Cluster, ClusterPlan, ServicePlan};
use crate::calc::density::Bound;
use crate::calc::fmt::int;
use crate::calc::input::{Kind, PeakMode};

mod headline;
mod service;

pub use headline::{metric, per_az, ranking};
pub use service::{service, ServiceMetric};

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

/// `a + b + c` for per-AZ values.
fn sum_list(values: impl Iterator<Item = u64>) -> String {
    values.map(int).collect::<Vec<_>>().join(" + ")
}

/// The services named, in words: `service "log"` or `services "log", "metrics"`.
fn names<'a>(list: impl Iterator<Item = &'a str>) -> String {
    let v: Vec<String> = list.map(|n| format!("\"{n}\"")).collect();
    format!(
        "service{} {}",
        if v.len() == 1 { "" } else { "s" },
        v.join(", ")
    )
}

/// The `awsvpc` daemons on EC2 (each takes a slot and an address on every running instance).
fn eni_daemons(c: &Cluster) -> Vec<&str> {
    c.services
        .iter()
        .filter(|s| s.is_daemon() && s.on_ec2() && s.has_eni())
        .map(|s| s.name.as_str())
        .collect()
}

/// The line of the target-capacity rule for one AZ: `AZ 1: M = 38 needed → N = ⌈38 × 100 ÷ 80⌉
/// = 48 running`.
fn running_line(p: &ClusterPlan, index: u32, needed: u64, running: u64) -> String {
    let t = p.cluster.target_percent;
    if t >= 100 {
        format!(
            "{}: M = {} needed by the packing = N running (target capacity 100 %: no spare instance)",
            p.plan.az_name(index),
            int(needed)
        )
    } else {
        format!(
            "{}: M = {} needed by the packing → N = ⌈{} × 100 ÷ {t}⌉ = {} running",
            p.plan.az_name(index),
            int(needed),
            int(needed),
            int(running)
        )
    }
}

/// The deployment peak's rule for the cluster, in words.
fn peak_rule(c: &Cluster) -> String {
    match c.peak {
        PeakMode::OneAtATime => "deployment peak, one service at a time: each AZ's figure at the peak is the largest over the services' deployments (that service at its peak count, ⌊desired × maximumPercent ÷ 100⌋ or 2 × desired for blue/green, the others steady), the instances packed again for each".to_string(),
        PeakMode::AllAtOnce => "deployment peak, all at once: every replica service at its peak count together (⌊desired × maximumPercent ÷ 100⌋, or 2 × desired for blue/green), the instances packed again; daemons do not surge".to_string(),
    }
}
