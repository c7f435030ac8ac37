//! Compare instance types: every catalogue type ranked for the current task size and count,
//! filterable and sortable, with up to four pinned side by side.

use super::raw;
use super::state::{edit, State};
use crate::calc::catalog::{self, Arch};
use crate::calc::fmt;
use crate::calc::plan::{rank, select, Inputs, RankQuery, RankRow, RankSort};
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

fn cell(metric: &'static str, v: Option<u64>) -> String {
    match v {
        Some(v) => format!(
            r#"<td class="num" data-metric="{metric}" data-value="{v}">{}</td>"#,
            fmt::int(v)
        ),
        None => format!(r#"<td class="num" data-metric="{metric}" data-value="">—</td>"#),
    }
}

/// One table row as markup; its buttons are handled by the table's delegated click handler.
fn row(r: &RankRow, current: &str, pinned: &[&str], full: bool) -> String {
    let name = r.instance.name;
    let is_pinned = pinned.contains(&name);
    format!(
        concat!(
            r#"<tr data-type="{n}"{cur}><th scope="row">{n}</th><td>{arch}</td><td class="num">{cpu}</td><td class="num">{mem}</td>"#,
            "{c1}{c2}{c3}{c4}{c5}{c6}",
            r#"<td class="actions"><button type="button" class="small" data-action="use" data-type="{n}" aria-label="Use {n}">Use</button>"#,
            r#"<button type="button" class="small" data-action="pin" data-type="{n}" aria-pressed="{p}" aria-label="Pin {n}"{dis}>{pl}</button></td></tr>"#
        ),
        n = name,
        cur = if name == current {
            r#" class="current""#
        } else {
            ""
        },
        arch = r.instance.arch.label(),
        cpu = r
            .instance
            .vcpus
            .map(|v| v.to_string())
            .unwrap_or_else(|| "?".into()),
        mem = r
            .instance
            .memory_mib
            .map(fmt::mib)
            .unwrap_or_else(|| "?".into()),
        c1 = cell("k-without", r.k_without),
        c2 = cell("k-with", r.k_with),
        c3 = cell("instances-without", r.instances_without),
        c4 = cell("instances-with", r.instances_with),
        c5 = cell("ips-without", r.ips_without),
        c6 = cell("ips-with", r.ips_with),
        p = is_pinned,
        dis = if !is_pinned && full { " disabled" } else { "" },
        pl = if is_pinned { "Unpin" } else { "Pin" },
    )
}

const HEAD: &str = concat!(
    r#"<thead><tr><th scope="col">Type</th><th scope="col">Arch</th><th scope="col">vCPU</th><th scope="col">Memory</th>"#,
    r#"<th scope="col">Tasks/inst.</th><th scope="col">… trunked</th><th scope="col">Instances</th><th scope="col">… trunked</th>"#,
    r#"<th scope="col">IPv4 used</th><th scope="col">… trunked</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>"#
);

/// The ranking table.
#[function_component(Ranking)]
pub fn ranking(p: &RankingProps) -> Html {
    let query = use_state(RankQuery::default);
    let shown = use_state(|| PAGE);
    let pinned = use_state(Vec::<&'static str>::new);
    let rows = use_memo(p.inputs.clone(), |i| rank(i));
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
                    { raw::html(format!(
                        r#"<div class="table-wrap" tabindex="0" role="region" aria-label="Pinned types"><table class="rank pinned" id="pinned"><caption>Pinned ({} of {MAX_PINNED})</caption>{HEAD}<tbody>{}</tbody></table></div>"#,
                        pinned_rows.len(),
                        pinned_rows.iter().map(|r| row(r, current, &pinned, full)).collect::<String>()
                    )) }
                }
                { raw::html(format!(
                    r#"<div class="table-wrap" tabindex="0" role="region" aria-label="Ranked types"><table class="rank" id="ranking"><caption>{} of {} types for {} tasks over {} AZs</caption>{HEAD}<tbody>{}</tbody></table></div>"#,
                    fmt::int(selected.len().min(*shown) as u64),
                    fmt::int(selected.len() as u64),
                    fmt::int(p.inputs.tasks),
                    p.inputs.azs,
                    selected.iter().take(*shown).map(|r| row(r, current, &pinned, full)).collect::<String>()
                )) }
            </div>
            if selected.len() > *shown {
                <button type="button" onclick={more}>{ "Show 100 more" }</button>
            }
        </div>
    }
}
