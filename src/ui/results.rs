//! The plan's results: headline numbers, warnings, the per-AZ budget with its bars, AZ loss,
//! reverse sizing and IPv6.

use super::metric::MetricView;
use crate::calc::chart::{bar, Part};
use crate::calc::explain::{warning, Metric};
use crate::calc::fmt;
use crate::calc::plan::{Plan, SubnetUse};
use std::rc::Rc;
use yew::prelude::*;

/// Headline numbers.
pub fn headline(plan: &Rc<Plan>) -> Html {
    let ms = [
        Metric::TasksPerInstance,
        Metric::Instances,
        Metric::IpsUsable,
        Metric::IpsUsed,
        Metric::IpsPeak,
        Metric::IpsLeft,
        Metric::MaxTasks,
        Metric::MaxTasksDeployable,
    ];
    let v6 = plan.ipv6_per_subnet.is_some();
    html! {
        <div class="metrics">
            { for ms.iter().map(|&m| html! { <MetricView plan={plan.clone()} metric={m} /> }) }
            if v6 {
                <MetricView plan={plan.clone()} metric={Metric::Ipv6PerSubnet} />
                <MetricView plan={plan.clone()} metric={Metric::Ipv6Used} />
            }
        </div>
    }
}

/// Warnings with what to do about each.
pub fn warnings(plan: &Plan) -> Html {
    if plan.warnings.is_empty() {
        return html! { <p class="ok" id="warnings">{ "No warnings: the plan fits with headroom." }</p> };
    }
    html! {
        <ul class="warnings" id="warnings" aria-label="Warnings">
            { for plan.warnings.iter().map(|w| {
                let t = warning(w);
                html! {
                    <li class={classes!("warning", t.id)} data-warning={t.id}>
                        <strong>{ t.message }</strong>{ " " }
                        <span>{ t.action }</span>{ " " }
                        <a href={t.source.url} target="_blank" rel="noopener noreferrer">{ "AWS docs" }</a>
                    </li>
                }
            }) }
        </ul>
    }
}

/// The stacked bar of one subnet, drawn in SVG.
fn subnet_bar(s: &SubnetUse, label: &str) -> Html {
    let segs = bar(s);
    let summary = segs.iter().map(|g| format!("{} {}", g.part.label(), fmt::int(g.count))).collect::<Vec<_>>().join(", ");
    html! {
        <svg class="bar" viewBox="0 0 1000 24" preserveAspectRatio="none" role="img" aria-label={format!("{label} {}: {summary}", s.cidr)}>
            { for segs.iter().map(|g| html! {
                <rect class={classes!("seg", g.part.id())} x={g.start.to_string()} y="0" width={g.width.to_string()} height="24">
                    <title>{ format!("{}: {}", g.part.label(), fmt::int(g.count)) }</title>
                </rect>
            }) }
        </svg>
    }
}

/// Legend of the bars.
pub fn legend() -> Html {
    html! {
        <ul class="legend" aria-hidden="true">
            { for Part::ALL.iter().map(|p| html! { <li><span class={classes!("swatch", p.id())}></span>{ p.label() }</li> }) }
        </ul>
    }
}

/// The per-AZ table with a bar per subnet.
pub fn per_az(plan: &Plan) -> Html {
    let row = |az: u32, kind: &str, s: &SubnetUse, tasks: u64, instances: Option<u64>| {
        html! {
            <tr data-az={(az + 1).to_string()} data-subnet={kind.to_string()}>
                <th scope="row">{ format!("AZ {}", az + 1) }<span class="muted">{ format!(" {kind}") }</span></th>
                <td class="cidr">{ s.cidr.to_string() }</td>
                <td class="num" data-metric="az-tasks" data-value={tasks.to_string()}>{ fmt::int(tasks) }</td>
                <td class="num" data-metric="az-instances" data-value={instances.map(|i| i.to_string()).unwrap_or_default()}>{ instances.map(fmt::int).unwrap_or_default() }</td>
                <td class="num" data-metric="az-usable" data-value={s.usable.to_string()}>{ fmt::int(s.usable) }</td>
                <td class="num" data-metric="az-used" data-value={s.used().to_string()}>{ fmt::int(s.used()) }</td>
                <td class="num" data-metric="az-peak" data-value={s.peak().to_string()}>{ fmt::int(s.peak()) }</td>
                <td class="num" data-metric="az-free" data-value={s.free_at_peak().to_string()}>{ fmt::int(s.free_at_peak()) }</td>
                <td class="barcell">{ subnet_bar(s, &format!("AZ {} {kind} subnet", az + 1)) }</td>
            </tr>
        }
    };
    html! {
        <div class="table-wrap" tabindex="0" role="region" aria-label="IPv4 per subnet">
            <table class="per-az">
                <caption>{ "IPv4 per subnet: steady state, at the deployment peak, and free at the peak" }</caption>
                <thead><tr>
                    <th scope="col">{ "AZ" }</th><th scope="col">{ "Subnet" }</th><th scope="col">{ "Tasks" }</th>
                    <th scope="col">{ "Instances" }</th><th scope="col">{ "Usable" }</th><th scope="col">{ "Used" }</th>
                    <th scope="col">{ "Peak" }</th><th scope="col">{ "Free at peak" }</th><th scope="col">{ "Addresses" }</th>
                </tr></thead>
                <tbody>
                    { for plan.azs.iter().map(|a| html! {
                        <>
                            { row(a.index, "host", &a.host, if a.task.is_some() { 0 } else { a.tasks }, plan.density.map(|_| a.instances)) }
                            if let Some(t) = &a.task { { row(a.index, "task", t, a.tasks, None) } }
                        </>
                    }) }
                </tbody>
            </table>
            { legend() }
        </div>
    }
}

/// AZ loss, reverse sizing.
pub fn resilience(plan: &Plan) -> Html {
    let loss = match &plan.az_loss {
        None => html! { <p data-verdict="az-loss" data-value="na">{ "One AZ: there is no other AZ to take its tasks." }</p> },
        Some(l) => {
            let (cls, text) = match (l.fits, l.fits_at_peak) {
                (true, true) => ("good", "fits, including a deployment"),
                (true, false) => ("warn", "fits at steady state, but not during a deployment"),
                _ => ("bad", "does not fit"),
            };
            let used = l.azs.iter().map(|a| format!("AZ {}: {} tasks, {} of {} host addresses", a.index + 1, fmt::int(a.tasks), fmt::int(a.host.used()), fmt::int(a.host.usable))).collect::<Vec<_>>().join("; ");
            html! {
                <p class={cls} data-verdict="az-loss" data-value={format!("{}-{}", l.fits, l.fits_at_peak)}>
                    <strong>{ format!("If AZ {} is lost, the plan {text}.", l.lost + 1) }</strong>{ " " }<span class="muted">{ used }</span>
                </p>
            }
        }
    };
    let s = plan.sizing;
    let prefix = |p: Option<u8>| p.map(|p| format!("/{p}")).unwrap_or_else(|| "larger than /16".into());
    html! {
        <div class="resilience">
            { loss }
            <p data-verdict="sizing" data-value={s.host_prefix.map(|p| p.to_string()).unwrap_or_default()}>
                { format!("Smallest subnets per AZ that hold {} tasks at the deployment peak: host {}", fmt::int(plan.totals.tasks), prefix(s.host_prefix)) }
                if plan.inputs.secondary { { format!(", task {}", prefix(s.task_prefix)) } }
                { "." }
            </p>
        </div>
    }
}
