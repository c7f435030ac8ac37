//! The instance-type picker as markup: a combobox (ARIA 1.2 pattern) with type-ahead search over
//! the whole catalogue. The page's root handles its keys, focus and clicks (`app`); an option
//! carries its type in `data-name`.

use super::raw::esc;
use crate::calc::catalog::{self, InstanceType, Source};
use crate::calc::fmt;
use std::fmt::Write;

/// How many matches the list shows.
pub const OPTIONS: usize = 12;

fn describe(t: &InstanceType) -> String {
    let cpu = t
        .vcpus
        .map(|v| format!("{v} vCPU"))
        .unwrap_or_else(|| "vCPU ?".into());
    let mem = t
        .memory_mib
        .map(fmt::mib)
        .unwrap_or_else(|| "memory ?".into());
    let trunk = match t.tasks_with_trunking {
        Some(w) if t.with_source == Source::Derived => format!(
            "{} → {} tasks with trunking (derived)",
            t.tasks_without_trunking, w
        ),
        Some(w) => format!("{} → {} tasks with trunking", t.tasks_without_trunking, w),
        None => format!("{} tasks, no trunking", t.tasks_without_trunking),
    };
    format!(
        "{} · {cpu} · {mem} · {} ENIs · {trunk}",
        t.family, t.max_enis
    )
}

/// The types the list offers for the text `value`.
pub fn options(value: &str) -> Vec<InstanceType> {
    catalog::search(value, OPTIONS)
}

/// The picker's markup: the field with `value`, its `error`, and while `open` the matching
/// types with option `active` highlighted.
pub fn markup(value: &str, error: Option<&str>, open: bool, active: usize) -> String {
    let options = if open { options(value) } else { Vec::new() };
    let expanded = !options.is_empty();
    let mut m = format!(
        r#"<div class="field picker{}"><label for="instance">Instance type</label><input id="instance" type="text" role="combobox" autocomplete="off" spellcheck="false" aria-autocomplete="list" aria-controls="instance-list" aria-expanded="{expanded}""#,
        if error.is_some() { " invalid" } else { "" }
    );
    if expanded {
        let _ = write!(m, r#" aria-activedescendant="instance-opt-{active}""#);
    }
    if error.is_some() {
        m += r#" aria-invalid="true" aria-describedby="instance-error""#;
    }
    let _ = write!(m, r#" value="{}">"#, esc(value));
    if expanded {
        m += r#"<ul id="instance-list" role="listbox" aria-label="Instance types">"#;
        for (i, t) in options.iter().enumerate() {
            let on = i == active;
            let _ = write!(
                m,
                r#"<li id="instance-opt-{i}" role="option" aria-selected="{on}"{} data-name="{}"><strong>{}</strong><span class="muted">{}</span></li>"#,
                if on { r#" class="active""# } else { "" },
                t.name,
                t.name,
                esc(&describe(t))
            );
        }
        m += "</ul>";
    }
    if let Some(e) = error {
        let _ = write!(
            m,
            r#"<p class="error" id="instance-error" role="alert">{}</p>"#,
            esc(e)
        );
    }
    m + "</div>"
}
