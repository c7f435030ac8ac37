//! The plan's results: headline numbers (each opens its explanation), warnings, the per-AZ budget
//! with a bar per subnet, AZ loss and reverse sizing.

use super::bridge::use_bridge;
use super::cluster::ClusterFigures;
use super::explain::{Explain, Number};
use super::protocol::What;
use crate::calc::chart::{bar, Part};
use crate::calc::cluster::ClusterPlan;
use crate::calc::explain::{free_at_peak, shown, value, warning, Metric};
use crate::calc::fmt;
use crate::calc::{Inputs, Plan, SubnetUse};
use std::rc::Rc;
use yew::prelude::*;

/// The results' inputs.
#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    /// The shown plan and its inputs (`None`: the fields make no plan, and none was shown before).
    pub shown: Option<(Rc<Inputs>, Rc<Plan>)>,
    /// The fields do not make a plan: the shown one is the last valid one.
    pub stale: bool,
    /// The compact embed view: headline and warnings only.
    pub embed: bool,
    /// The shown cluster's whole plan, when the form is a cluster.
    #[prop_or_default]
    pub cluster: Option<Rc<ClusterPlan>>,
}

/// The plan section. The pointer or the focus reaching it starts the extras worker, which
/// writes the explanations.
#[function_component]
pub fn Results(p: &ResultsProps) -> Html {
    let bridge = use_bridge();
    let warm = {
        let bridge = bridge.clone();
        Callback::from(move |_: PointerEvent| bridge.start())
    };
    let focus = Callback::from(move |_: FocusEvent| bridge.start());
    html! {
        <section id="plan" class="results" aria-labelledby="plan-h" aria-live="polite"
            onpointerover={warm} onfocusin={focus}>
            <h2 id="plan-h">{ "Plan" }</h2>
            if p.stale {
                <p class="stale" role="status">{
                    if p.shown.is_some() {
                        "Showing the last valid plan, which does not match the fields: correct the highlighted fields."
                    } else {
                        "No plan: the fields do not fit together. Correct the highlighted fields."
                    }
                }</p>
            }
            if let Some((inputs, plan)) = &p.shown {
                <Headline plan={plan.clone()} inputs={inputs.clone()} cluster={p.cluster.is_some()} />
                <Warnings plan={plan.clone()} stale={p.stale} />
                if let Some(c) = &p.cluster {
                    <ClusterFigures plan={c.clone()} inputs={inputs.clone()} />
                }
                if !p.embed {
                    <PerAz plan={plan.clone()} />
                    <Explain what={What::PerAz} inputs={inputs.clone()} title="the per-AZ budget" />
                    <Resilience plan={plan.clone()} />
                }
            }
        </section>
    }
}

/// A plan and its inputs.
#[derive(Properties, PartialEq)]
struct HeadlineProps {
    plan: Rc<Plan>,
    inputs: Rc<Inputs>,
    /// A cluster: its services' own figures are in their table, not the headline.
    cluster: bool,
}

/// The headline numbers: every metric but the peak's task and instance counts (they are in the
/// explanations); the IPv6 ones only when the plan uses IPv6. Each opens its explanation.
#[function_component]
fn Headline(p: &HeadlineProps) -> Html {
    let v6 = p.plan.ipv6_per_subnet.is_some();
    let launch = p.plan.inputs.launch;
    let shown_metrics = Metric::ALL.into_iter().filter(|m| {
        m.applies(launch)
            && !matches!(m, Metric::PeakTasks)
            && (p.cluster || *m != Metric::InstancesPeak)
            && !(p.cluster
                && matches!(
                    m,
                    Metric::TasksPerInstance | Metric::MaxTasks | Metric::MaxTasksDeployable
                ))
            && (*m != Metric::IpsInUse || value(&p.plan, *m).is_some())
            && (v6 || !matches!(m, Metric::Ipv6PerSubnet | Metric::Ipv6Used))
    });
    html! {
        <div class="metrics">
            { for shown_metrics.map(|m| {
                let (raw, text) = shown(&p.plan, m);
                let number = Number { metric: m.id(), raw: raw.into(), text: text.into(), delta: None };
                html! {
                    <Explain key={m.id()} what={What::Metric(m)} inputs={p.inputs.clone()}
                        title={m.label()} number={number} />
                }
            }) }
        </div>
    }
}

/// A plan.
#[derive(Properties, PartialEq)]
struct PlanProps {
    plan: Rc<Plan>,
}

/// A plan, possibly not matching the fields.
#[derive(Properties, PartialEq)]
struct WarningsProps {
    plan: Rc<Plan>,
    stale: bool,
}

/// Warnings with what to do about each; the all-clear only for a plan that matches the fields.
#[function_component]
fn Warnings(p: &WarningsProps) -> Html {
    if p.plan.warnings.is_empty() {
        if p.stale {
            return Html::default();
        }
        return html! { <p class="ok" id="warnings">{ "No warnings: the plan fits with headroom." }</p> };
    }
    html! {
        <ul class="warnings" id="warnings" aria-label="Warnings">
            { for p.plan.warnings.iter().map(|w| {
                let t = warning(w);
                html! {
                    <li key={t.message.clone()} class={classes!("warning", t.id)} data-warning={t.id}>
                        <strong>{ t.message }</strong>{ " " }<span>{ t.action }</span>{ " " }
                        <a href={t.source.url} target="_blank" rel="noopener noreferrer">{ "AWS docs" }</a>
                    </li>
                }
            }) }
        </ul>
    }
}

/// One subnet's bar.
#[derive(Properties, PartialEq)]
struct BarProps {
    subnet: SubnetUse,
    label: AttrValue,
}

/// The stacked bar of one subnet, as SVG.
#[function_component]
fn SubnetBar(p: &BarProps) -> Html {
    let segs = bar(&p.subnet);
    let summary = segs
        .iter()
        .map(|g| format!("{} {}", g.part.label(), fmt::int(g.count)))
        .collect::<Vec<_>>()
        .join(", ");
    html! {
        <svg class="bar" viewBox="0 0 1000 24" preserveAspectRatio="none" role="img"
            aria-label={format!("{} {}: {summary}", p.label, p.subnet.cidr)}>
            { for segs.iter().map(|g| html! {
                <rect key={g.part.id()} class={classes!("seg", g.part.id())} x={g.start.to_string()} y="0"
                    width={g.width.to_string()} height="24">
                    <title>{ format!("{}: {}", g.part.label(), fmt::int(g.count)) }</title>
                </rect>
            }) }
        </svg>
    }
}

/// The per-AZ table's column headings; each is also its cells' label (`data-label`) when the
/// rows are laid out as cards on a narrow screen (`static/style.css`).
mod col {
    /// The AZ and the subnet's kind (the row's heading).
    pub const AZ: &str = "AZ";
    /// The subnet's CIDR.
    pub const SUBNET: &str = "Subnet";
    /// Tasks in the subnet.
    pub const TASKS: &str = "Tasks";
    /// Instances in the subnet.
    pub const INSTANCES: &str = "Instances";
    /// Usable addresses.
    pub const USABLE: &str = "Usable";
    /// Addresses used at steady state.
    pub const USED: &str = "Used";
    /// Addresses used at the deployment peak.
    pub const PEAK: &str = "Peak";
    /// Addresses free at the peak.
    pub const FREE: &str = "Free at peak";
    /// The bar.
    pub const ADDRESSES: &str = "Addresses";
    /// Every heading, in order.
    pub const ALL: [&str; 9] = [
        AZ, SUBNET, TASKS, INSTANCES, USABLE, USED, PEAK, FREE, ADDRESSES,
    ];
}

/// A number cell of the per-AZ table, labelled `label`.
fn num(metric: &'static str, label: &'static str, v: Option<u64>) -> Html {
    shown_cell(
        metric,
        label,
        v.map(|v| (v.to_string(), fmt::int(v))).unwrap_or_default(),
    )
}

/// A cell showing a (raw, text) pair, labelled `label`.
fn shown_cell(metric: &'static str, label: &'static str, (raw, text): (String, String)) -> Html {
    html! {
        <td class="num" data-label={label} data-metric={metric} data-value={raw}>{ text }</td>
    }
}

/// The per-AZ table with a bar per subnet, a row per subnet keyed by AZ and kind (a card per
/// subnet on a narrow screen).
#[function_component]
fn PerAz(p: &PlanProps) -> Html {
    let plan = &p.plan;
    let row = |az: &crate::calc::AzPlan, kind: &'static str, s: &SubnetUse, tasks, instances| {
        let n = az.number().to_string();
        let name = plan.az_name(az.index);
        html! {
            <tr key={format!("{n}-{kind}")} data-az={n} data-subnet={kind}>
                <th scope="row">{ name.clone() }<span class="muted">{ format!(" {kind}") }</span></th>
                <td class="cidr" data-label={col::SUBNET}>{ s.cidr.to_string() }</td>
                { num("az-tasks", col::TASKS, Some(tasks)) }
                { num("az-instances", col::INSTANCES, instances) }
                { num("az-usable", col::USABLE, Some(s.usable)) }
                { num("az-used", col::USED, Some(s.used())) }
                { num("az-peak", col::PEAK, Some(s.peak())) }
                { shown_cell("az-free", col::FREE, free_at_peak(s)) }
                <td class="barcell" data-label={col::ADDRESSES}><SubnetBar subnet={*s} label={format!("{name} {kind} subnet")} /></td>
            </tr>
        }
    };
    html! {
        <div class="table-wrap cards" tabindex="0" role="region" aria-label="IPv4 per subnet">
            <table class="per-az">
                <caption>{ "IPv4 per subnet: steady state, at the deployment peak, and free at the peak" }</caption>
                <thead><tr>
                    { for col::ALL.map(|c| html! { <th key={c} scope="col">{ c }</th> }) }
                </tr></thead>
                <tbody>
                    { for plan.azs.iter().flat_map(|a| {
                        let host = row(a, "host", &a.host, if a.task.is_some() { 0 } else { a.tasks },
                            plan.density.map(|_| a.instances));
                        let task = a.task.as_ref().map(|t| row(a, "task", t, a.tasks, None));
                        std::iter::once(host).chain(task)
                    }) }
                </tbody>
            </table>
            <ul class="legend" aria-hidden="true">
                { for Part::ALL.iter().map(|p| html! {
                    <li key={p.id()}><span class={classes!("swatch", p.id())}></span>{ p.label() }</li>
                }) }
            </ul>
        </div>
    }
}

/// AZ loss and reverse sizing.
#[function_component]
fn Resilience(p: &PlanProps) -> Html {
    let plan = &p.plan;
    let az_loss = match &plan.az_loss {
        None => html! {
            <p data-verdict="az-loss" data-value="na">{ "One AZ: there is no other AZ to take its tasks." }</p>
        },
        Some(l) => {
            let (cls, text) = match (l.fits, l.fits_at_peak) {
                (true, true) => ("good", "fits, including a deployment"),
                (true, false) => ("warn", "fits at steady state, but not during a deployment"),
                _ => ("bad", "does not fit"),
            };
            let used = l
                .azs
                .iter()
                .map(|a| {
                    format!(
                        "{}: {} tasks, {} of {} host addresses",
                        plan.az_name(a.index),
                        fmt::int(a.tasks),
                        fmt::int(a.host.used()),
                        fmt::int(a.host.usable)
                    )
                })
                .collect::<Vec<_>>()
                .join("; ");
            html! {
                <p class={cls} data-verdict="az-loss" data-value={format!("{}-{}", l.fits, l.fits_at_peak)}>
                    <strong>{ format!("If {} is lost, the plan {text}.", plan.az_name(l.lost)) }</strong>{ " " }
                    <span class="muted">{ used }</span>
                </p>
            }
        }
    };
    let s = plan.sizing;
    let prefix = |p: Option<u8>| {
        p.map(|p| format!("/{p}"))
            .unwrap_or_else(|| "larger than /16".into())
    };
    let task = if plan.inputs.secondary {
        format!(", task {}", prefix(s.task_prefix))
    } else {
        String::new()
    };
    html! {
        <div class="resilience">
            { az_loss }
            <p data-verdict="sizing" data-value={s.host_prefix.map(|p| p.to_string()).unwrap_or_default()}>
                { format!("Smallest subnets per AZ that hold {} tasks at the deployment peak: host {}{task}.",
                    fmt::int(plan.totals.tasks), prefix(s.host_prefix)) }
            </p>
        </div>
    }
}
