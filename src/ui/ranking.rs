//! The instance-type ranking: filters, pinned types side by side, and every type ranked for the
//! plan's task size and count, from the extras worker's data. Rows are keyed by type name, so a
//! row — and the focus on its buttons — stays with its type through re-sorts and filters.

use super::explain::{explanation_body, Body};
use super::extras::MAX_PINNED;
use super::protocol::{RankRowView, RankingView, What};
use crate::calc::share::{query_codes, query_from};
use crate::calc::RankQuery;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The ranking's inputs.
#[derive(Properties, PartialEq)]
pub struct RankingProps {
    /// The worker's ranking, once it has answered.
    pub ranking: Option<Rc<RankingView>>,
    /// The filters and order.
    pub query: RankQuery,
    /// Pinned type names.
    pub pins: Rc<Vec<String>>,
    /// The instance type of the shown plan.
    pub current: AttrValue,
    /// The ranking's explanation, while open.
    pub body: Option<Body>,
    /// A new filter or order.
    pub on_query: Callback<RankQuery>,
    /// Pin or unpin a type.
    pub on_pin: Callback<String>,
    /// Plan with a type.
    pub on_use: Callback<String>,
    /// Show more rows.
    pub on_more: Callback<()>,
    /// Open or close the explanation.
    pub on_toggle: Callback<What>,
}

/// The filters' select options: (id, label, options).
type Filter = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

const FILTERS: [Filter; 3] = [
    (
        "rank-arch",
        "Architecture",
        &[
            ("", "any"),
            ("x86_64", "x86_64"),
            ("arm64", "arm64 (Graviton)"),
        ],
    ),
    (
        "rank-trunk",
        "ENI trunking",
        &[("", "any"), ("yes", "supported"), ("no", "not supported")],
    ),
    (
        "rank-sort",
        "Sort by",
        &[
            ("vcpus", "smallest fleet (vCPUs)"),
            ("instances", "fewest instances"),
            ("without", "most tasks per instance"),
            ("with", "most tasks, trunked"),
            ("ips", "fewest IPv4 used"),
            ("name", "name"),
        ],
    ),
];

/// The query's code for the filter `id`.
fn filter_value(q: &RankQuery, id: &str) -> String {
    let c = query_codes(q);
    match id {
        "rank-arch" => c.arch,
        "rank-trunk" => c.trunk.to_string(),
        _ => c.sort,
    }
}

/// `q` with the filter `id` set to the code `v`, or with a kind of type hidden or shown
/// (`hide-accel`, `hide-metal`: `v` is `1` or `0`).
fn with_filter(q: &RankQuery, id: &str, v: &str) -> RankQuery {
    let mut q = match id {
        "hide-accel" | "hide-metal" => q.clone(),
        _ => {
            let c = query_codes(q);
            let (mut arch, mut trunk, mut sort) = (c.arch, c.trunk.to_string(), c.sort);
            match id {
                "rank-arch" => arch = v.to_string(),
                "rank-trunk" => trunk = v.to_string(),
                _ => sort = v.to_string(),
            }
            query_from(&q.family, &arch, &trunk, &sort, c.hide)
        }
    };
    match id {
        "hide-accel" => q.exclude_accelerated = v == "1",
        "hide-metal" => q.exclude_metal = v == "1",
        _ => {}
    }
    q
}

/// The `data-type` and `data-action` of the ranking button an event happened on.
fn button_of(e: &FocusEvent) -> Option<(String, String)> {
    let el: web_sys::Element = wasm_bindgen::JsCast::dyn_into(e.target()?).ok()?;
    Some((
        el.get_attribute("data-type")?,
        el.get_attribute("data-action")?,
    ))
}

/// The ranking's filters and tables.
///
/// Rows are keyed by type, so a row's button keeps its type; but a row the DOM moves (a re-sort)
/// loses the focus, since a move is a removal and an insertion. The focused button is remembered,
/// and when a new ranking leaves the focus nowhere it goes back to the same type's button.
#[function_component]
pub fn Ranking(p: &RankingProps) -> Html {
    let tables = use_node_ref();
    let focused = use_mut_ref(|| None::<(String, String)>);
    {
        let (tables, focused) = (tables.clone(), focused.clone());
        use_effect_with(p.ranking.clone(), move |_| {
            let lost = web_sys::window()
                .and_then(|w| w.document())
                .map(|d| {
                    d.active_element()
                        .is_none_or(|a| d.body().is_some_and(|b| a == *b))
                })
                .unwrap_or(false);
            // Cloned out: focusing fires `focusin`, which writes `focused`.
            let was = focused.borrow().clone();
            if let (true, Some((ty, action)), Some(t)) =
                (lost, was, tables.cast::<web_sys::Element>())
            {
                let again = t
                    .query_selector_all(&format!("button[data-action=\"{action}\"]"))
                    .ok()
                    .and_then(|all| {
                        (0..all.length())
                            .filter_map(|i| all.item(i))
                            .filter_map(|n| {
                                wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(n).ok()
                            })
                            .find(|b| b.get_attribute("data-type").as_deref() == Some(ty.as_str()))
                    });
                if let Some(b) = again {
                    let _ = b.focus();
                }
            }
        });
    }
    let onfocusin = {
        let focused = focused.clone();
        Callback::from(move |e: FocusEvent| *focused.borrow_mut() = button_of(&e))
    };
    let onfocusout = {
        let focused = focused.clone();
        // Focus moved elsewhere on purpose (not lost with a moved row): forget the button.
        Callback::from(move |e: FocusEvent| {
            if e.related_target().is_some() {
                *focused.borrow_mut() = None;
            }
        })
    };
    let family = {
        let (q, on_query) = (p.query.clone(), p.on_query.clone());
        Callback::from(move |e: InputEvent| {
            let mut q = q.clone();
            q.family = e.target_unchecked_into::<HtmlInputElement>().value();
            on_query.emit(q);
        })
    };
    let toggle = p.on_toggle.reform(|e: MouseEvent| {
        e.prevent_default();
        What::Ranking
    });
    let full = p.pins.len() >= MAX_PINNED;
    html! {
        <div class="ranking">
            <div class="filters">
                <div class="field">
                    <label for="rank-family">{ "Family or name" }</label>
                    <input id="rank-family" type="search" value={p.query.family.clone()} placeholder="e.g. m7g" oninput={family} />
                </div>
                { for FILTERS.iter().map(|&(id, label, options)| {
                    let current = filter_value(&p.query, id);
                    let onchange = {
                        let (q, on_query) = (p.query.clone(), p.on_query.clone());
                        Callback::from(move |e: Event| {
                            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
                            on_query.emit(with_filter(&q, id, &v));
                        })
                    };
                    html! {
                        <div class="field" key={id}>
                            <label for={id}>{ label }</label>
                            <select id={id} {onchange}>
                                { for options.iter().map(|&(v, l)| html! {
                                    <option key={v} value={v} selected={current == v}>{ l }</option>
                                }) }
                            </select>
                        </div>
                    }
                }) }
                { for [("hide-accel", "Hide accelerated (GPU, Inferentia, Trainium)", p.query.exclude_accelerated),
                        ("hide-metal", "Hide bare metal", p.query.exclude_metal)].into_iter().map(|(id, label, on)| {
                    let onchange = {
                        let (q, on_query) = (p.query.clone(), p.on_query.clone());
                        Callback::from(move |e: Event| {
                            let checked = e.target_unchecked_into::<HtmlInputElement>().checked();
                            on_query.emit(with_filter(&q, id, if checked { "1" } else { "0" }));
                        })
                    };
                    html! {
                        <div class="field check" key={id}>
                            <input id={id} type="checkbox" checked={on} {onchange} />
                            <label for={id}>{ label }</label>
                        </div>
                    }
                }) }
            </div>
            <div class="tables" ref={tables} {onfocusin} {onfocusout}>
                if let Some(r) = &p.ranking {
                    <div class="table-wrap" tabindex="0" role="region" aria-label="Pinned types" hidden={r.pinned.is_empty()}>
                        if !r.pinned.is_empty() {
                            <table class="rank pinned" id="pinned">
                                <caption>{ format!("Pinned ({} of {MAX_PINNED})", r.pinned.len()) }</caption>
                                { head() }
                                <tbody>
                                    { for r.pinned.iter().map(|row| html! {
                                        <Row key={row.name.as_str()} row={row.clone()} current={p.current == row.name.as_str()}
                                            pinned=true full={full} on_pin={p.on_pin.clone()} on_use={p.on_use.clone()} />
                                    }) }
                                </tbody>
                            </table>
                        }
                    </div>
                    <div class="table-wrap" tabindex="0" role="region" aria-label="Ranked types">
                        <table class="rank" id="ranking">
                            <caption>{ r.caption.clone() }</caption>
                            { head() }
                            <tbody>
                                { for r.rows.iter().map(|row| html! {
                                    <Row key={row.name.as_str()} row={row.clone()} current={p.current == row.name.as_str()}
                                        pinned={p.pins.contains(&row.name)} full={full}
                                        on_pin={p.on_pin.clone()} on_use={p.on_use.clone()} />
                                }) }
                            </tbody>
                        </table>
                    </div>
                    <details class="explain-az" data-x="x-ranking" open={p.body.is_some()}>
                        <summary onclick={toggle}>{ "How the ranking is computed" }</summary>
                        if let Some(body) = &p.body {
                            { explanation_body(body) }
                        }
                    </details>
                    if r.more {
                        <button type="button" data-action="more" onclick={p.on_more.reform(|_| ())}>{ "Show 100 more" }</button>
                    }
                }
            </div>
        </div>
    }
}

/// The ranking tables' header.
fn head() -> Html {
    html! {
        <thead><tr>
            <th scope="col">{ "Type" }</th><th scope="col">{ "Arch" }</th><th scope="col">{ "vCPU" }</th>
            <th scope="col">{ "Memory" }</th><th scope="col">{ "Tasks/inst." }</th><th scope="col">{ "… trunked" }</th>
            <th scope="col">{ "Instances" }</th><th scope="col">{ "… trunked" }</th>
            <th scope="col">{ "Fleet vCPUs" }</th><th scope="col">{ "… trunked" }</th><th scope="col">{ "IPv4 used" }</th>
            <th scope="col">{ "… trunked" }</th><th scope="col"><span class="sr-only">{ "Actions" }</span></th>
        </tr></thead>
    }
}

#[derive(Properties, PartialEq)]
struct RowProps {
    row: RankRowView,
    current: bool,
    pinned: bool,
    full: bool,
    on_pin: Callback<String>,
    on_use: Callback<String>,
}

/// One ranked type with its Use and Pin buttons.
#[function_component]
fn Row(p: &RowProps) -> Html {
    let r = &p.row;
    let name = r.name.clone();
    let on_use = {
        let name = name.clone();
        p.on_use.reform(move |_: MouseEvent| name.clone())
    };
    let on_pin = {
        let name = name.clone();
        p.on_pin.reform(move |_: MouseEvent| name.clone())
    };
    html! {
        <tr data-type={name.clone()} class={p.current.then_some("current")}>
            <th scope="row">
                { name.clone() }
                if let Some(l) = &r.limit {
                    <abbr class="derived" title={l.clone()}>{ "†" }</abbr>
                }
            </th>
            <td>{ r.arch.clone() }</td>
            <td class="num">{ r.vcpus.clone() }</td>
            <td class="num">{ r.memory.clone() }</td>
            { for r.cells.iter().map(|c| html! {
                <td class="num" data-metric={c.metric.clone()} data-value={c.raw.clone()}>
                    { c.text.clone() }
                    if c.derived {
                        <abbr class="derived" title="derived by AWS's rule, not in an ECS table">{ "*" }</abbr>
                    }
                </td>
            }) }
            <td class="actions">
                <button type="button" class="small" data-action="use" data-type={name.clone()}
                    aria-label={format!("Use {name}")} onclick={on_use}>{ "Use" }</button>
                <button type="button" class="small" data-action="pin" data-type={name.clone()}
                    aria-pressed={p.pinned.to_string()} aria-label={format!("Pin {name}")}
                    disabled={!p.pinned && p.full} onclick={on_pin}>{ if p.pinned { "Unpin" } else { "Pin" } }</button>
            </td>
        </tr>
    }
}
