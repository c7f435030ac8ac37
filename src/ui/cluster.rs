//! A cluster's own figures under its headline: one row per service (its tasks and their split
//! over the AZs, what one instance holds of it beside the daemons and which resource binds, its
//! addresses, and the largest desired count of it that fits and that deploys, the others
//! fixed), and per AZ what fills its instances. Every figure carries `data-service`,
//! `data-metric` and `data-value`, as the headline numbers do, and opens its explanation
//! (`What::Service`, written by `calc::explain::cluster::service` in the extras worker). The words and numbers come from
//! `calc` (`calc::explain::cluster`, `calc::fmt`).

use super::explain::{Explain, Number};
use super::protocol::What;
use crate::calc::cluster::{ClusterPlan, ServicePlan};
use crate::calc::explain::cluster::{fill, split, ServiceMetric};
use crate::calc::input::{Choice, Kind};
use crate::calc::Inputs;
use std::rc::Rc;
use yew::prelude::*;

/// The cluster's figures' inputs.
#[derive(Properties, PartialEq)]
pub struct ClusterProps {
    /// The cluster's whole plan.
    pub plan: Rc<ClusterPlan>,
    /// The shown plan's inputs (what the explanations are asked for).
    pub inputs: Rc<Inputs>,
}

/// A figure of a service: its cell, a disclosure whose summary is the figure (with the
/// attributes tests and tools read) and which opens its explanation.
fn cell(s: &ServicePlan, m: ServiceMetric, inputs: &Rc<Inputs>) -> Html {
    let number = Number {
        metric: m.id(),
        raw: m.value(s).map(|v| v.to_string()).unwrap_or_default().into(),
        text: m.text(s).into(),
        delta: None,
    };
    html! {
        <td class="num" data-label={m.label()}>
            <Explain what={What::Service { service: s.index, metric: m }} inputs={inputs.clone()}
                title={format!("{} of {}", m.label(), s.name)} {number} service={s.name.clone()} />
        </td>
    }
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
                                    { cell(s, ServiceMetric::Tasks, &p.inputs) }
                                    <td data-label="Per AZ">{ split(s) }</td>
                                    { for ServiceMetric::ALL.into_iter().skip(1).map(|m| cell(s, m, &p.inputs)) }
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
