//! Below the fold: the four-scenario comparison with the growth chart, and the instance-type
//! ranking. Their markup comes from the extras worker ([`super::extras`]), which starts when the
//! comparison comes near the viewport; this component keeps what the user set (ranking filters,
//! pins, rows shown, open explanations) and handles the clicks in that markup.

use super::extras::{query_codes, query_from, MAX_PINNED, PAGE};
use super::lazy::{failed, failed_markup, Lazy};
use super::raw;
use super::state::{edit, State};
use super::web;
use crate::calc::catalog;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Props of [`Below`].
#[derive(Properties, PartialEq)]
pub struct BelowProps {
    /// The page state (the plan shown, and to put a ranked type to use).
    pub state: UseReducerHandle<State>,
    /// The shown plan's link fragment (what the worker computes from).
    pub fragment: AttrValue,
    /// The extras worker.
    pub lazy: Lazy,
}

/// What the user set in these sections.
#[derive(Clone, PartialEq)]
struct View {
    family: String,
    arch: &'static str,
    trunk: &'static str,
    sort: &'static str,
    pins: Vec<&'static str>,
    shown: usize,
    /// Ids of the open explanations (`data-x` of their `<details>`).
    open: Vec<String>,
}

impl Default for View {
    fn default() -> Self {
        let (arch, trunk, sort) = query_codes(&Default::default());
        View {
            family: String::new(),
            arch,
            trunk,
            sort,
            pins: Vec::new(),
            shown: PAGE,
            open: Vec::new(),
        }
    }
}

/// Changes one setting of [`View`] to a control's new value.
type Setter = Box<dyn Fn(&mut View, String)>;

/// The comparison and ranking sections.
#[function_component(Below)]
pub fn below(p: &BelowProps) -> Html {
    let view = use_state(View::default);
    // The worker's markup: (the request it answers, comparison, ranking); empty until its first
    // reply. While it answers an older request the sections are marked `aria-busy`.
    let markup = use_state(|| (String::new(), AttrValue::default(), AttrValue::default()));
    let near = use_state(|| false);
    {
        let near = near.clone();
        use_effect_with((), move |_| {
            web::when_near("compare", "200px", move || near.set(true))
        });
    }
    let embed = p.state.embed;
    let args = vec![
        p.fragment.to_string(),
        view.family.clone(),
        view.arch.into(),
        view.trunk.into(),
        view.sort.into(),
        view.pins.join(","),
        view.shown.to_string(),
        view.open.join(","),
        if embed { "1" } else { "" }.into(),
    ];
    let key = args.join("\u{1f}");
    let busy = (markup.0 != key).to_string();
    {
        let (lazy, markup) = (p.lazy.clone(), markup.clone());
        use_effect_with((key, *near), move |(key, near)| {
            if *near {
                let key = key.clone();
                lazy.request("sections", args, move |r| {
                    if failed(&r) {
                        markup.set((key, failed_markup(), failed_markup()));
                        return;
                    }
                    let part = |i: usize| AttrValue::from(r.get(i).cloned().unwrap_or_default());
                    markup.set((key, part(2), part(3)));
                });
            }
        });
    }

    let set = {
        let view = view.clone();
        move |f: Setter| {
            let view = view.clone();
            move |value: String| {
                let mut v = (*view).clone();
                f(&mut v, value);
                if v.family != view.family || v.arch != view.arch || v.trunk != view.trunk {
                    v.shown = PAGE;
                }
                view.set(v);
            }
        }
    };
    let on_family = {
        let f = set(Box::new(|v, s| v.family = s));
        Callback::from(move |e: InputEvent| {
            f(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_select = |g: fn(&mut View, &str)| {
        let f = set(Box::new(move |v, s| g(v, &s)));
        Callback::from(move |e: Event| f(e.target_unchecked_into::<HtmlSelectElement>().value()))
    };
    // One click handler for the worker's markup: explanations opened or closed, and the
    // ranking's buttons.
    let on_click = {
        let (view, state) = (view.clone(), p.state.clone());
        Callback::from(move |e: MouseEvent| {
            let Some(target) = e.target_dyn_into::<Element>() else {
                return;
            };
            if let Some(summary) = target.closest("summary").ok().flatten() {
                let Some(id) = summary
                    .parent_element()
                    .and_then(|d| d.get_attribute("data-x"))
                else {
                    return;
                };
                let mut v = (*view).clone();
                if let Some(i) = v.open.iter().position(|o| *o == id) {
                    v.open.remove(i);
                } else {
                    v.open.push(id);
                }
                view.set(v);
                return;
            }
            let Some(btn) = target.closest("button[data-action]").ok().flatten() else {
                return;
            };
            let action = btn.get_attribute("data-action").unwrap_or_default();
            if action == "more" {
                let mut v = (*view).clone();
                v.shown += 100;
                view.set(v);
                return;
            }
            let Some(name) = btn
                .get_attribute("data-type")
                .and_then(|n| catalog::lookup(&n).ok())
                .map(|t| t.name)
            else {
                return;
            };
            match action.as_str() {
                "use" => edit(&state, move |f| f.instance = name.to_string()),
                "pin" => {
                    let mut v = (*view).clone();
                    if let Some(i) = v.pins.iter().position(|n| *n == name) {
                        v.pins.remove(i);
                    } else if v.pins.len() < MAX_PINNED {
                        v.pins.push(name);
                    }
                    view.set(v);
                }
                _ => {}
            }
        })
    };
    let loading = || html! { <p class="muted loading">{ "Loading…" }</p> };
    let (arch, trunk, sort) = (view.arch, view.trunk, view.sort);
    let opt = |value: &'static str, label: &'static str, current: &str| {
        html! { <option value={value} selected={value == current}>{ label }</option> }
    };
    html! {
        <>
        <section id="compare" class="wide" aria-labelledby="compare-h" aria-busy={busy.clone()} onclick={on_click.clone()}>
            <h2 id="compare-h">{ "Trunking × secondary CIDR" }</h2>
            <p class="muted">{ "The same inputs in four scenarios. Open any number for its formula." }</p>
            if markup.1.is_empty() { { loading() } } else { <raw::Markup markup={markup.1.clone()} /> }
        </section>
        if !embed {
            <section id="types" class="wide" aria-labelledby="types-h" aria-busy={busy}>
                <h2 id="types-h">{ "Compare instance types" }</h2>
                <div class="ranking">
                    <div class="filters">
                        <div class="field">
                            <label for="rank-family">{ "Family or name" }</label>
                            <input id="rank-family" type="search" value={view.family.clone()} oninput={on_family} placeholder="e.g. m7g" />
                        </div>
                        <div class="field">
                            <label for="rank-arch">{ "Architecture" }</label>
                            <select id="rank-arch" onchange={on_select(|v, s| v.arch = query_codes(&query_from("", s, "", "")).0)}>
                                { opt("", "any", arch) }{ opt("x86_64", "x86_64", arch) }{ opt("arm64", "arm64 (Graviton)", arch) }
                            </select>
                        </div>
                        <div class="field">
                            <label for="rank-trunk">{ "ENI trunking" }</label>
                            <select id="rank-trunk" onchange={on_select(|v, s| v.trunk = query_codes(&query_from("", "", s, "")).1)}>
                                { opt("", "any", trunk) }{ opt("yes", "supported", trunk) }{ opt("no", "not supported", trunk) }
                            </select>
                        </div>
                        <div class="field">
                            <label for="rank-sort">{ "Sort by" }</label>
                            <select id="rank-sort" onchange={on_select(|v, s| v.sort = query_codes(&query_from("", "", "", s)).2)}>
                                { opt("instances", "fewest instances", sort) }{ opt("without", "most tasks per instance", sort) }
                                { opt("with", "most tasks, trunked", sort) }{ opt("ips", "fewest IPv4 used", sort) }{ opt("name", "name", sort) }
                            </select>
                        </div>
                    </div>
                    <div class="tables" onclick={on_click}>
                        if markup.2.is_empty() { { loading() } } else { <raw::Markup markup={markup.2.clone()} /> }
                    </div>
                </div>
            </section>
        }
        </>
    }
}
