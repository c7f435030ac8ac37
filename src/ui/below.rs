//! Below the fold: the four-scenario comparison with the growth chart, and the instance-type
//! ranking. Their markup comes from the extras worker ([`super::extras`]), which starts when the
//! comparison comes near the viewport. [`View`] keeps what the user set there (ranking filters,
//! pins, rows shown, open explanations) and the worker's last answer; the page (`app`) handles
//! the events and asks the worker with [`View::args`].

use super::extras::{query_codes, query_from, MAX_PINNED, PAGE};
use super::raw::esc;
use super::state::toggle;
use std::fmt::Write;
use std::rc::Rc;
use yew::prelude::*;

/// A filter select: id, label, current value, options (value, label).
type Select<'a> = (&'a str, &'a str, &'a str, &'a [(&'a str, &'a str)]);

/// What the user set in these sections, and the worker's markup for them.
#[derive(Clone, PartialEq)]
pub struct View {
    family: String,
    arch: &'static str,
    trunk: &'static str,
    sort: &'static str,
    pins: Vec<&'static str>,
    shown: usize,
    /// Ids of the open explanations (`data-x` of their `<details>`).
    open: Vec<String>,
    /// The comparison has come near the viewport: the worker is asked from then on.
    pub near: bool,
    /// The worker's markup: (the request it answers, comparison, ranking); empty until its first
    /// reply.
    markup: (String, AttrValue, AttrValue),
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
            near: false,
            markup: Default::default(),
        }
    }
}

/// A change of [`View`].
pub enum Change {
    /// A filter control (`rank-family`, `rank-arch`, `rank-trunk`, `rank-sort`) changed.
    Filter(String, String),
    /// Open or close an explanation.
    Toggle(String),
    /// Show more rows.
    More,
    /// Pin or unpin a type.
    Pin(&'static str),
    /// The comparison came near the viewport.
    Near,
    /// The worker answered the request `key` with (comparison, ranking) markup.
    Markup(String, AttrValue, AttrValue),
}

impl Reducible for View {
    type Action = Change;
    fn reduce(self: Rc<Self>, change: Change) -> Rc<Self> {
        let mut v = (*self).clone();
        match change {
            Change::Filter(id, value) => {
                match id.as_str() {
                    "rank-family" => v.family = value,
                    "rank-arch" => v.arch = query_codes(&query_from("", &value, "", "")).0,
                    "rank-trunk" => v.trunk = query_codes(&query_from("", "", &value, "")).1,
                    "rank-sort" => v.sort = query_codes(&query_from("", "", "", &value)).2,
                    _ => return self,
                }
                if v.family != self.family || v.arch != self.arch || v.trunk != self.trunk {
                    v.shown = PAGE;
                }
            }
            Change::Toggle(id) => toggle(&mut v.open, id),
            Change::More => v.shown += 100,
            Change::Pin(name) => {
                if let Some(i) = v.pins.iter().position(|n| *n == name) {
                    v.pins.remove(i);
                } else if v.pins.len() < MAX_PINNED {
                    v.pins.push(name);
                }
            }
            Change::Near => v.near = true,
            Change::Markup(key, compare, ranking) => v.markup = (key, compare, ranking),
        }
        if v == *self {
            self
        } else {
            Rc::new(v)
        }
    }
}

impl View {
    /// The worker's `sections` request for the plan `fragment` (see [`super::extras`]).
    pub fn args(&self, fragment: &str, embed: bool) -> Vec<String> {
        vec![
            fragment.to_string(),
            self.family.clone(),
            self.arch.into(),
            self.trunk.into(),
            self.sort.into(),
            self.pins.join(","),
            self.shown.to_string(),
            self.open.join(","),
            if embed { "1" } else { "" }.into(),
        ]
    }

    /// The ranking's filters.
    fn filters(&self) -> String {
        let mut m = format!(
            r#"<div class="field"><label for="rank-family">Family or name</label><input id="rank-family" type="search" value="{}" placeholder="e.g. m7g"></div>"#,
            esc(&self.family)
        );
        let selects: [Select; 3] = [
            (
                "rank-arch",
                "Architecture",
                self.arch,
                &[
                    ("", "any"),
                    ("x86_64", "x86_64"),
                    ("arm64", "arm64 (Graviton)"),
                ],
            ),
            (
                "rank-trunk",
                "ENI trunking",
                self.trunk,
                &[("", "any"), ("yes", "supported"), ("no", "not supported")],
            ),
            (
                "rank-sort",
                "Sort by",
                self.sort,
                &[
                    ("instances", "fewest instances"),
                    ("without", "most tasks per instance"),
                    ("with", "most tasks, trunked"),
                    ("ips", "fewest IPv4 used"),
                    ("name", "name"),
                ],
            ),
        ];
        for (id, label, current, options) in selects {
            let _ = write!(
                m,
                r#"<div class="field"><label for="{id}">{label}</label><select id="{id}">"#
            );
            for (v, l) in options {
                let on = if v == &current { " selected" } else { "" };
                let _ = write!(m, r#"<option value="{v}"{on}>{l}</option>"#);
            }
            m += "</select></div>";
        }
        m
    }

    /// The markup of the three parts the worker fills: the comparison, the ranking's filters
    /// and the ranking ("Loading…" until the worker has answered).
    pub fn parts(&self) -> [AttrValue; 3] {
        let or_loading = |m: &AttrValue| {
            if m.is_empty() {
                AttrValue::from(r#"<p class="muted loading">Loading…</p>"#)
            } else {
                m.clone()
            }
        };
        [
            or_loading(&self.markup.1),
            AttrValue::from(self.filters()),
            or_loading(&self.markup.2),
        ]
    }

    /// The two sections for the request `key` (busy until the worker has answered it); only the
    /// comparison in the embed view. `slot(i)` is where part `i` of [`View::parts`] goes. Their
    /// events are handled by the page.
    pub fn sections(&self, key: &str, embed: bool, slot: impl Fn(usize) -> Html) -> Html {
        let busy = (self.markup.0 != key).to_string();
        html! {
            <>
            <section id="compare" class="wide" aria-labelledby="compare-h" aria-busy={busy.clone()}>
                <h2 id="compare-h">{ "Trunking × secondary CIDR" }</h2>
                <p class="muted">{ "The same inputs in four scenarios. Open any number for its formula." }</p>
                { slot(0) }
            </section>
            if !embed {
                <section id="types" class="wide" aria-labelledby="types-h" aria-busy={busy}>
                    <h2 id="types-h">{ "Compare instance types" }</h2>
                    <div class="ranking">
                        <div class="filters">{ slot(1) }</div>
                        <div class="tables">{ slot(2) }</div>
                    </div>
                </section>
            }
            </>
        }
    }
}
