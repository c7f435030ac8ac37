//! Compare instance types: every catalogue type ranked for the current task size and count,
//! filterable and sortable, with up to four pinned side by side.

use super::raw;
use super::state::{edit, State};
use crate::calc::catalog::{self, Arch, Source};
use crate::calc::explain::ranking as ranking_explain;
use crate::calc::fmt;
use crate::calc::plan::{densities, rank_from, select, Inputs, RankQuery, RankRow, RankSort};
use std::rc::Rc;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Props of [`Ranking`].
#[derive(Properties, PartialEq)]
pub struct RankingProps {
    /// The inputs ranked for.
    pub inputs: Rc<Inputs>,
    /// The page state (to pick a type).
    pub state: UseReducerHandle<State>,
}

const PAGE: usize = 25;
/// Most types pinned side by side.
pub const MAX_PINNED: usize = 4;

fn cell(metric: &'static str, v: Option<u64>) -> Html {
    cell_marked(metric, v, false)
}

/// A number cell; `derived` marks a density AWS has not documented (see the footnote).
fn cell_marked(metric: &'static str, v: Option<u64>, derived: bool) -> Html {
    let (raw, text) = match v {
        Some(v) => (v.to_string(), fmt::int(v)),
        None => (String::new(), "—".to_string()),
    };
    html! {
        <td class="num" data-metric={metric} data-value={raw}>
            { text }
            if derived && v.is_some() { <abbr class="derived" title="derived by AWS's rule, not in an ECS table">{ "*" }</abbr> }
        </td>
    }
}

/// One table row, keyed by type so edits patch text instead of rebuilding rows; its buttons are
/// handled by the table's delegated click handler.
fn row(r: &RankRow, current: &str, pinned: &[&str], full: bool) -> Html {
    let name = r.instance.name;
    let is_pinned = pinned.contains(&name);
    html! {
        <tr key={name} data-type={name} class={(name == current).then_some("current")}>
            <th scope="row">{ name }</th>
            <td>{ r.instance.arch.label() }</td>
            <td class="num">{ r.instance.vcpus.map(|v| v.to_string()).unwrap_or_else(|| "?".into()) }</td>
            <td class="num">{ r.instance.memory_mib.map(fmt::mib).unwrap_or_else(|| "?".into()) }</td>
            { cell_marked("k-without", r.k_without, r.instance.without_source == Source::Derived) }
            { cell_marked("k-with", r.k_with, r.instance.with_source == Source::Derived) }
            { cell("instances-without", r.instances_without) }
            { cell("instances-with", r.instances_with) }
            { cell("ips-without", r.ips_without) }
            { cell("ips-with", r.ips_with) }
            <td class="actions">
                <button type="button" class="small" data-action="use" data-type={name} aria-label={format!("Use {name}")}>{ "Use" }</button>
                <button type="button" class="small" data-action="pin" data-type={name} aria-pressed={is_pinned.to_string()}
                    aria-label={format!("Pin {name}")} disabled={!is_pinned && full}>{ if is_pinned { "Unpin" } else { "Pin" } }</button>
            </td>
        </tr>
    }
}

fn head() -> Html {
    html! {
        <thead><tr>
            <th scope="col">{ "Type" }</th><th scope="col">{ "Arch" }</th><th scope="col">{ "vCPU" }</th><th scope="col">{ "Memory" }</th>
            <th scope="col">{ "Tasks/inst." }</th><th scope="col">{ "… trunked" }</th><th scope="col">{ "Instances" }</th><th scope="col">{ "… trunked" }</th>
            <th scope="col">{ "IPv4 used" }</th><th scope="col">{ "… trunked" }</th><th scope="col"><span class="sr-only">{ "Actions" }</span></th>
        </tr></thead>
    }
}

/// The ranking table.
#[function_component(Ranking)]
pub fn ranking(p: &RankingProps) -> Html {
    let query = use_state(RankQuery::default);
    let shown = use_state(|| PAGE);
    let pinned = use_state(Vec::<&'static str>::new);
    // Densities depend only on the task size: kept while counts change.
    let size = (
        p.inputs.cpu,
        p.inputs.memory_mib,
        p.inputs.memory_reserve_mib,
    );
    let dens = use_memo(size, |_| densities(&p.inputs));
    let rows = use_memo((dens.clone(), p.inputs.clone()), |(d, i)| rank_from(d, i));
    let selected = use_memo((rows.clone(), (*query).clone()), |(rows, q)| {
        select(rows, q)
    });

    let on_family = {
        let (query, shown) = (query.clone(), shown.clone());
        Callback::from(move |e: InputEvent| {
            let mut q = (*query).clone();
            q.family = e.target_unchecked_into::<HtmlInputElement>().value();
            query.set(q);
            shown.set(PAGE);
        })
    };
    let on_select = |f: fn(&mut RankQuery, &str)| {
        let query = query.clone();
        Callback::from(move |e: Event| {
            let mut q = (*query).clone();
            f(
                &mut q,
                &e.target_unchecked_into::<HtmlSelectElement>().value(),
            );
            query.set(q);
        })
    };
    let more = {
        let shown = shown.clone();
        Callback::from(move |_| shown.set(*shown + 100))
    };
    // One click handler for every row's buttons (they are plain markup, see `row`).
    let on_click = {
        let (pinned, state) = (pinned.clone(), p.state.clone());
        Callback::from(move |e: MouseEvent| {
            let Some(btn) = e
                .target_dyn_into::<Element>()
                .and_then(|t| t.closest("button[data-action]").ok().flatten())
            else {
                return;
            };
            let Some(name) = btn
                .get_attribute("data-type")
                .and_then(|n| catalog::lookup(&n).ok())
                .map(|t| t.name)
            else {
                return;
            };
            match btn.get_attribute("data-action").as_deref() {
                Some("use") => edit(&state, move |f| f.instance = name.to_string()),
                Some("pin") => {
                    let mut v = (*pinned).clone();
                    if let Some(i) = v.iter().position(|n| *n == name) {
                        v.remove(i);
                    } else if v.len() < MAX_PINNED {
                        v.push(name);
                    }
                    pinned.set(v);
                }
                _ => {}
            }
        })
    };
    let current = p.inputs.instance.as_str();
    let full = pinned.len() >= MAX_PINNED;
    let pinned_rows: Vec<RankRow> = pinned
        .iter()
        .filter_map(|n| rows.iter().find(|r| r.instance.name == *n).copied())
        .collect();
    html! {
        <div class="ranking">
            <div class="filters">
                <div class="field">
                    <label for="rank-family">{ "Family or name" }</label>
                    <input id="rank-family" type="search" value={query.family.clone()} oninput={on_family} placeholder="e.g. m7g" />
                </div>
                <div class="field">
                    <label for="rank-arch">{ "Architecture" }</label>
                    <select id="rank-arch" onchange={on_select(|q, v| q.arch = match v { "arm64" => Some(Arch::Arm64), "x86_64" => Some(Arch::X86_64), _ => None })}>
                        <option value="" selected={query.arch.is_none()}>{ "any" }</option>
                        <option value="x86_64" selected={query.arch == Some(Arch::X86_64)}>{ "x86_64" }</option>
                        <option value="arm64" selected={query.arch == Some(Arch::Arm64)}>{ "arm64 (Graviton)" }</option>
                    </select>
                </div>
                <div class="field">
                    <label for="rank-trunk">{ "ENI trunking" }</label>
                    <select id="rank-trunk" onchange={on_select(|q, v| q.trunking = match v { "yes" => Some(true), "no" => Some(false), _ => None })}>
                        <option value="" selected={query.trunking.is_none()}>{ "any" }</option>
                        <option value="yes" selected={query.trunking == Some(true)}>{ "supported" }</option>
                        <option value="no" selected={query.trunking == Some(false)}>{ "not supported" }</option>
                    </select>
                </div>
                <div class="field">
                    <label for="rank-sort">{ "Sort by" }</label>
                    <select id="rank-sort" onchange={on_select(|q, v| q.sort = match v {
                        "without" => RankSort::TasksWithout, "with" => RankSort::TasksWith, "ips" => RankSort::Addresses, "name" => RankSort::Name, _ => RankSort::Instances })}>
                        <option value="instances" selected={query.sort == RankSort::Instances}>{ "fewest instances" }</option>
                        <option value="without" selected={query.sort == RankSort::TasksWithout}>{ "most tasks per instance" }</option>
                        <option value="with" selected={query.sort == RankSort::TasksWith}>{ "most tasks, trunked" }</option>
                        <option value="ips" selected={query.sort == RankSort::Addresses}>{ "fewest IPv4 used" }</option>
                        <option value="name" selected={query.sort == RankSort::Name}>{ "name" }</option>
                    </select>
                </div>
            </div>
            <div class="tables" onclick={on_click}>
                if !pinned_rows.is_empty() {
                    <div class="table-wrap" tabindex="0" role="region" aria-label="Pinned types">
                        <table class="rank pinned" id="pinned">
                            <caption>{ format!("Pinned ({} of {MAX_PINNED})", pinned_rows.len()) }</caption>
                            { head() }
                            <tbody>{ for pinned_rows.iter().map(|r| row(r, current, &pinned, full)) }</tbody>
                        </table>
                    </div>
                }
                <div class="table-wrap" tabindex="0" role="region" aria-label="Ranked types">
                    <table class="rank" id="ranking">
                        <caption>{ format!("{} of {} types for {} tasks over {} AZs", fmt::int(selected.len().min(*shown) as u64), fmt::int(selected.len() as u64), fmt::int(p.inputs.tasks), p.inputs.azs) }</caption>
                        { head() }
                        <tbody>{ for selected.iter().take(*shown).map(|r| row(r, current, &pinned, full)) }</tbody>
                    </table>
                </div>
            </div>
            { raw::html(format!(
                r#"<details class="explain-az"><summary>How the ranking is computed</summary>{}</details>"#,
                raw::explanation(&ranking_explain(&p.inputs))
            )) }
            if selected.len() > *shown {
                <button type="button" onclick={more}>{ "Show 100 more" }</button>
            }
        </div>
    }
}
