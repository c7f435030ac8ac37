//! Markup built as text for the parts of the page that have no event handlers of their own
//! (tables, charts, warnings, explanations). Text markup costs far fewer bytes of wasm than a
//! `html!` tree per element; the page (`app`) patches it in place with `web::morph`. Every piece
//! of text goes through [`esc`].

use crate::calc::explain::{value, Metric};
use crate::calc::fmt;
use crate::calc::plan::Plan;

/// Raw value and formatted text of a metric ("—" where it does not apply, "no IPv4 limit" for
/// counts that IPv4 does not bound).
pub fn shown(plan: &Plan, m: Metric) -> (String, String) {
    match value(plan, m) {
        Some(v) => (fmt::digits(v), fmt::int(v)),
        None if matches!(m, Metric::MaxTasks | Metric::MaxTasksDeployable) => {
            (String::new(), "no IPv4 limit".into())
        }
        None => (String::new(), "—".into()),
    }
}

/// Escapes text for HTML element content and double-quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The body of an explanation: the formula lines, the notes, and the linked sources.
pub fn explanation(e: &crate::calc::explain::Explanation) -> String {
    let mut m = String::from(r#"<ol class="formula">"#);
    for l in &e.formula {
        m += &format!("<li>{}</li>", esc(l));
    }
    m += "</ol>";
    for n in &e.notes {
        m += &format!(r#"<p class="note">{}</p>"#, esc(n));
    }
    let links: Vec<String> = e
        .sources
        .iter()
        .map(|s| {
            format!(
                r#"<a href="{}" target="_blank" rel="noopener noreferrer">{}</a>"#,
                s.url,
                esc(s.title)
            )
        })
        .collect();
    m + &format!(r#"<p class="sources">Source: {}</p>"#, links.join("; "))
}
