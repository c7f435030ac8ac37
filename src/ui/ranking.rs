//! The instance-type ranking: filters, pinned types side by side, and every type ranked for the
//! plan's task size and count, from the extras worker's numbers (each type's own figures from
//! the page's catalogue). Rows are keyed by type name, so a row — and the focus on its buttons —
//! stays with its type through re-sorts and filters.

use super::explain::Explain;
use super::protocol::{ClusterRanking, RankRowView, RankingView, What};
use crate::calc::catalog::{self, Arch, Origin};
use crate::calc::fmt;
use crate::calc::rank::MAX_PINNED;
use crate::calc::{Inputs, RankQuery, RankSort};
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The ranking's inputs.
#[derive(Properties, PartialEq)]
pub struct RankingProps {
    /// The worker's ranking, once it has answered.
    pub ranking: Option<Rc<RankingView>>,
    /// The inputs it is for.
    pub inputs: Option<Rc<Inputs>>,
    /// The filters and order.
    pub query: Rc<RankQuery>,
    /// Pinned type names.
    pub pins: Rc<Vec<String>>,
    /// The instance type of the shown plan.
    pub current: AttrValue,
    /// A new filter or order.
    pub on_query: Callback<RankQuery>,
    /// Pin or unpin a type.
    pub on_pin: Callback<String>,
    /// Plan with a type.
    pub on_use: Callback<String>,
    /// Show more rows.
    pub on_more: Callback<()>,
}

/// The sort options: (value, label).
const SORTS: [(RankSort, &str); 6] = [
    (RankSort::Vcpus, "smallest fleet (vCPUs)"),
    (RankSort::Instances, "fewest instances"),
    (RankSort::TasksWithout, "most tasks per instance"),
    (RankSort::TasksWith, "most tasks, trunked"),
    (RankSort::Addresses, "fewest IPv4 used"),
    (RankSort::Name, "name"),
];

/// The `data-type` and `data-action` of the ranking button an event happened on.
fn button_of(e: &FocusEvent) -> Option<(String, String)> {
    let el: web_sys::Element = wasm_bindgen::JsCast::dyn_into(e.target()?).ok()?;
    Some((
        el.get_attribute("data-type")?,
        el.get_attribute("data-action")?,
    ))
}

/// A select of the ranking's filters: its id, label, options (value, label), the value chosen,
/// and the query a choice makes.
fn filter(
    id: &'static str,
    label: &'static str,
    options: Vec<(String, &'static str)>,
    chosen: String,
    set: impl Fn(&str) -> RankQuery + 'static,
    on_query: &Callback<RankQuery>,
) -> Html {
    let onchange = on_query
        .reform(move |e: Event| set(&e.target_unchecked_into::<HtmlSelectElement>().value()));
    html! {
        <div class="field" key={id}>
            <label for={id}>{ label }</label>
            <select {id} {onchange}>
                { for options.into_iter().map(|(v, l)| html! {
                    <option key={v.clone()} selected={v == chosen} value={v.clone()}>{ l }</option>
                }) }
            </select>
        </div>
    }
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
    let q = &*p.query;
    let family = {
        let (q, on_query) = (q.clone(), p.on_query.clone());
        Callback::from(move |e: InputEvent| {
            on_query.emit(RankQuery {
                family: e.target_unchecked_into::<HtmlInputElement>().value(),
                ..q.clone()
            })
        })
    };
    let arch = {
        let q = q.clone();
        filter(
            "rank-arch",
            "Architecture",
            [(String::new(), "any")]
                .into_iter()
                .chain([Arch::X86_64, Arch::Arm64].map(|a| (a.to_string(), a.label())))
                .collect(),
            q.arch.map(|a| a.to_string()).unwrap_or_default(),
            move |v| RankQuery {
                arch: v.parse().ok(),
                ..q.clone()
            },
            &p.on_query,
        )
    };
    let trunk = {
        let q = q.clone();
        filter(
            "rank-trunk",
            "Trunking support",
            vec![
                (String::new(), "any"),
                ("yes".into(), "supported"),
                ("no".into(), "not supported"),
            ],
            match q.trunking {
                Some(true) => "yes",
                Some(false) => "no",
                None => "",
            }
            .into(),
            move |v| RankQuery {
                trunking: match v {
                    "yes" => Some(true),
                    "no" => Some(false),
                    _ => None,
                },
                ..q.clone()
            },
            &p.on_query,
        )
    };
    let sort = {
        let q = q.clone();
        filter(
            "rank-sort",
            "Sort by",
            SORTS.iter().map(|(s, l)| (s.to_string(), *l)).collect(),
            q.sort.to_string(),
            move |v| RankQuery {
                sort: v.parse().unwrap_or_default(),
                ..q.clone()
            },
            &p.on_query,
        )
    };
    let checks = [
        (
            "hide-accel",
            "Hide accelerated (GPU, Inferentia, Trainium)",
            q.exclude_accelerated,
        ),
        ("hide-metal", "Hide bare metal", q.exclude_metal),
    ]
    .map(|(id, label, on)| {
        let onchange = {
            let (q, on_query) = (q.clone(), p.on_query.clone());
            Callback::from(move |e: Event| {
                let checked = e.target_unchecked_into::<HtmlInputElement>().checked();
                let mut q = q.clone();
                if id == "hide-accel" {
                    q.exclude_accelerated = checked;
                } else {
                    q.exclude_metal = checked;
                }
                on_query.emit(q);
            })
        };
        html! {
            <div class="field check" key={id}>
                <input {id} type="checkbox" checked={on} {onchange} />
                <label for={id}>{ label }</label>
            </div>
        }
    });
    let full = p.pins.len() >= MAX_PINNED;
    let row = |r: &RankRowView, pinned: bool| {
        html! {
            <Row key={r.name.as_str()} row={r.clone()} current={p.current == r.name.as_str()}
                cluster={p.ranking.as_ref().is_some_and(|x| x.cluster.is_some())}
                {pinned} {full} on_pin={p.on_pin.clone()} on_use={p.on_use.clone()} />
        }
    };
    html! {
        <div class="ranking">
            <div class="filters">
                <div class="field">
                    <label for="rank-family">{ "Family or name" }</label>
                    <input id="rank-family" type="search" value={q.family.clone()} placeholder="e.g. m7g" oninput={family} />
                </div>
                { arch }
                { trunk }
                { sort }
                { for checks }
            </div>
            <div class="tables" ref={tables} {onfocusin} {onfocusout}>
                if let (Some(r), Some(inputs)) = (&p.ranking, &p.inputs) {
                    <div class="table-wrap" tabindex="0" role="region" aria-label="Pinned types" hidden={r.pinned.is_empty()}>
                        if !r.pinned.is_empty() {
                            <table class="rank pinned" id="pinned">
                                <caption>{ format!("Pinned ({} of {MAX_PINNED})", r.pinned.len()) }</caption>
                                { head(r.cluster.as_ref()) }
                                <tbody>{ for r.pinned.iter().map(|x| row(x, true)) }</tbody>
                            </table>
                        }
                    </div>
                    <div class="table-wrap" tabindex="0" role="region" aria-label="Ranked types">
                        <table class="rank" id="ranking">
                            <caption>{ match &r.cluster {
                                None => format!("{} of {} types for {} tasks over {} AZs",
                                    fmt::int(r.rows.len() as u64), fmt::int(r.matched as u64),
                                    fmt::int(inputs.tasks), inputs.azs),
                                Some(c) => format!("{} of {} types for the whole cluster ({} services) over {} AZs",
                                    fmt::int(r.rows.len() as u64), fmt::int(r.matched as u64),
                                    c.services, inputs.azs),
                            } }</caption>
                            { head(r.cluster.as_ref()) }
                            <tbody>{ for r.rows.iter().map(|x| row(x, p.pins.contains(&x.name))) }</tbody>
                        </table>
                    </div>
                    <Explain what={What::Ranking} inputs={inputs.clone()} title="the ranking" />
                    if r.matched > r.rows.len() {
                        <button type="button" data-action="more" onclick={p.on_more.reform(|_| ())}>{ "Show 100 more" }</button>
                    }
                }
            </div>
        </div>
    }
}

/// The ranking tables' header; a cluster's names the service whose tasks per instance are
/// shown, and has two more columns: whether the fleet fits.
fn head(cluster: Option<&ClusterRanking>) -> Html {
    let k = match cluster.map(|c| c.lead.as_deref()) {
        None => "Tasks/inst.".to_string(),
        Some(Some(lead)) => format!("Tasks/inst. of {lead}"),
        Some(None) => "Tasks/inst. (no EC2 replica service)".to_string(),
    };
    html! {
        <thead><tr>
            <th scope="col">{ "Type" }</th><th scope="col">{ "Arch" }</th><th scope="col">{ "vCPU" }</th>
            <th scope="col">{ "Memory" }</th><th scope="col">{ k }</th><th scope="col">{ "… trunked" }</th>
            <th scope="col">{ "Instances" }</th><th scope="col">{ "… trunked" }</th>
            <th scope="col">{ "Fleet vCPUs" }</th><th scope="col">{ "… trunked" }</th><th scope="col">{ "IPv4 used" }</th>
            <th scope="col">{ "… trunked" }</th>
            if cluster.is_some() {
                <th scope="col">{ "Fits" }</th><th scope="col">{ "… trunked" }</th>
            }
            <th scope="col"><span class="sr-only">{ "Actions" }</span></th>
        </tr></thead>
    }
}

/// The metric ids of a row's cells, in [`RankRowView::cells`] order.
const CELLS: [&str; 8] = [
    "k-without",
    "k-with",
    "instances-without",
    "instances-with",
    "vcpus-without",
    "vcpus-with",
    "ips-without",
    "ips-with",
];

#[derive(Properties, PartialEq)]
struct RowProps {
    row: RankRowView,
    /// A cluster's ranking: the row shows whether each fleet fits.
    cluster: bool,
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
    let t = catalog::lookup(&name).ok();
    // The task figures AWS has not documented for the type (marked *).
    let derived = |i: usize| {
        t.is_some_and(|t| match i {
            0 => t.without_source == Origin::Derived,
            1 => t.with_source == Origin::Derived,
            _ => false,
        })
    };
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
                if let Some(l) = t.as_ref().and_then(catalog::awsvpc_limit) {
                    <abbr class="derived" title={l.text}>{ "†" }</abbr>
                }
            </th>
            <td>{ t.map(|t| t.arch.label()).unwrap_or("?") }</td>
            <td class="num">{ t.and_then(|t| t.vcpus).map(|v| v.to_string()).unwrap_or_else(|| "?".into()) }</td>
            <td class="num">{ t.and_then(|t| t.memory_mib).map(fmt::mib).unwrap_or_else(|| "?".into()) }</td>
            { for r.cells.iter().zip(CELLS).enumerate().map(|(i, (v, metric))| html! {
                <td class="num" data-metric={metric} data-value={v.map(|v| v.to_string()).unwrap_or_default()}>
                    { v.map(fmt::int).unwrap_or_else(|| "—".into()) }
                    if v.is_some() && derived(i) {
                        <abbr class="derived" title="derived by AWS's rule, not in an ECS table">{ "*" }</abbr>
                    }
                </td>
            }) }
            if p.cluster {
                { for r.fits.iter().zip(&r.why).zip(["fits-without", "fits-with"]).map(|((fits, why), metric)| html! {
                    <td data-metric={metric} data-value={fits.map(|f| f.to_string()).unwrap_or_default()}>
                        { match (fits, why) {
                            (_, Some(why)) => html! { <span class="why">{ format!("no: {why}") }</span> },
                            (Some(true), None) => html! { "yes" },
                            (Some(false), None) => html! { "no: short of addresses" },
                            (None, None) => html! { "—" },
                        } }
                    </td>
                }) }
            }
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
