//! A cluster's own figures under its headline: one row per service (its tasks and their split
//! over the AZs, what one instance holds of it beside the daemons and which resource binds, its
//! addresses, and the largest desired count of it that fits and that deploys, the others
//! fixed), and per AZ what fills its instances. Every figure carries `data-service`,
//! `data-metric` and `data-value`, as the headline numbers do. The words and numbers come from
//! `calc` (`calc::explain::cluster`, `calc::fmt`).

use crate::calc::cluster::{ClusterPlan, ServicePlan};
use crate::calc::explain::cluster::{fill, holds, split};
use crate::calc::fmt;
use crate::calc::input::{Choice, Kind};
use std::rc::Rc;
use yew::prelude::*;

/// The cluster's figures' inputs.
#[derive(Properties, PartialEq)]
pub struct ClusterProps {
    /// The cluster's whole plan.
    pub plan: Rc<ClusterPlan>,
}

/// A figure of a service: its cell, with the attributes tests and tools read.
fn cell(
    s: &ServicePlan,
    label: &'static str,
    metric: &'static str,
    value: Option<u64>,
    text: String,
) -> Html {
    html! {
        <td class="num" data-label={label} data-service={s.name.clone()} data-metric={metric}
            data-value={value.map(|v| v.to_string()).unwrap_or_default()}>{ text }</td>
    }
}

/// A count, or a dash where it does not apply.
fn or_dash(v: Option<u64>) -> String {
    v.map_or_else(|| "—".to_string(), fmt::int)
}

/// The per-service table and the per-AZ fill.
#[function_component]
pub fn ClusterFigures(p: &ClusterProps) -> Html {
    let plan = &p.plan;
    html! {
        <div class="cluster">
            <div class="table-scroll cards">
                <table id="services-table">
                    <caption>{ format!("{} services on shared instances and subnets", plan.services.len()) }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "Service" }</th>
                            <th scope="col">{ "Tasks" }</th>
                            <th scope="col">{ "Per AZ" }</th>
                            <th scope="col" title="Tasks of it one instance holds beside the daemons, and what binds">{ "Per instance" }</th>
                            <th scope="col">{ "IPv4" }</th>
                            <th scope="col">{ "IPv4 at its peak" }</th>
                            <th scope="col" title="The largest desired count of it that fits, the others fixed">{ "Largest that fits" }</th>
                            <th scope="col" title="The largest desired count of it that deploys, the others fixed">{ "Largest that deploys" }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for plan.services.iter().zip(&plan.cluster.services).map(|(s, def)| {
                            let kind = match def.kind {
                                Kind::Daemon => "daemon",
                                Kind::Replica { .. } => "replica",
                            };
                            html! {
                                <tr key={s.name.clone()} data-service={s.name.clone()}>
                                    <th scope="row">
                                        { s.name.clone() }
                                        <span class="muted kind">{ format!("{kind}, {}, {}", def.launch.label(), def.net.label()) }</span>
                                    </th>
                                    { cell(s, "Tasks", "tasks", Some(s.tasks), fmt::int(s.tasks)) }
                                    <td data-label="Per AZ">{ split(s) }</td>
                                    { cell(s, "Per instance", "per-instance", s.holds.map(|h| h.tasks), holds(s).unwrap_or_else(|| "—".to_string())) }
                                    { cell(s, "IPv4", "ipv4", Some(s.ipv4), fmt::int(s.ipv4)) }
                                    { cell(s, "IPv4 at its peak", "ipv4-peak", Some(s.ipv4_at_peak), fmt::int(s.ipv4_at_peak)) }
                                    { cell(s, "Largest that fits", "max-fits", s.max_fits, or_dash(s.max_fits)) }
                                    { cell(s, "Largest that deploys", "max-deploys", s.max_deploys, or_dash(s.max_deploys)) }
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            <ul class="fill" aria-label="What fills each AZ's instances">
                { for plan.fill.iter().map(|az| html! {
                    <li key={az.index} data-az={az.number().to_string()}>{ fill(plan, az) }</li>
                }) }
            </ul>
        </div>
    }
}
