//! The HTML shell: where the app's first screen goes in `index.html`.
//!
//! `index.html` holds an empty `<div id="prerendered">`; the build (`src/prerender.rs`) renders the
//! app for the default plan with Yew's server renderer and puts the markup there, so the first
//! screen arrives with the HTML. The wasm app then mounts next to it and removes it in the same
//! task (`src/main.rs`): no flash, no layout shift.

use std::fmt;

/// The element the first screen goes into, as `index.html` writes it (after HTML minification its
/// attributes may be unquoted; [`fill`] finds it either way).
pub const SLOT: &str = r#"<div id="prerendered" class="prerendered">"#;

/// Why the first screen could not be put into the shell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShellError {
    /// The shell has no `<div id="prerendered" …>` slot.
    NoSlot,
    /// The slot is there twice.
    TwoSlots,
}

impl fmt::Display for ShellError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ShellError::NoSlot => {
                "index.html has no <div id=\"prerendered\" class=\"prerendered\"> slot"
            }
            ShellError::TwoSlots => "index.html has the prerendered slot twice",
        })
    }
}

impl std::error::Error for ShellError {}

/// `shell` with `app` as the content of its slot, replacing what was there (a rebuild renders
/// again from the current core).
///
/// # Errors
/// [`ShellError`] when the shell has no slot, or two.
///
/// # Examples
/// ```
/// use awsvpc_planner::shell::{fill, SLOT};
/// let shell = format!("<body>{SLOT}old</div><noscript>…</noscript></body>");
/// let page = fill(&shell, "<p>12,273</p>")?;
/// assert_eq!(page, format!("<body>{SLOT}<p>12,273</p></div><noscript>…</noscript></body>"));
/// assert_eq!(fill(&page, "<p>new</p>")?, format!("<body>{SLOT}<p>new</p></div><noscript>…</noscript></body>"));
/// // Minified: the id unquoted.
/// assert_eq!(fill("<div class=prerendered id=prerendered></div>", "x")?, "<div class=prerendered id=prerendered>x</div>");
/// # Ok::<(), awsvpc_planner::shell::ShellError>(())
/// ```
pub fn fill(shell: &str, app: &str) -> Result<String, ShellError> {
    // The slot's id, as written or as an HTML minifier leaves it (unquoted).
    let ids: Vec<usize> = ["id=\"prerendered\"", "id=prerendered"]
        .iter()
        .flat_map(|id| {
            shell.match_indices(id).filter_map(move |(at, _)| {
                let next = shell[at + id.len()..].chars().next();
                matches!(next, Some(' ' | '>' | '/' | '\n' | '\t')).then_some(at)
            })
        })
        .collect();
    let at = match ids.as_slice() {
        [] => return Err(ShellError::NoSlot),
        [one] => *one,
        _ => return Err(ShellError::TwoSlots),
    };
    if !shell[..at]
        .rfind('<')
        .is_some_and(|t| shell[t..].starts_with("<div"))
    {
        return Err(ShellError::NoSlot);
    }
    let start = at + shell[at..].find('>').ok_or(ShellError::NoSlot)? + 1;
    // The slot's own end: the `</div>` that closes it, counting nested divs.
    let mut depth = 1usize;
    let mut at = start;
    let end = loop {
        let rest = &shell[at..];
        let open = rest.find("<div");
        let close = rest.find("</div>").ok_or(ShellError::NoSlot)?;
        match open {
            Some(o) if o < close => {
                depth += 1;
                at += o + 4;
            }
            _ => {
                depth -= 1;
                if depth == 0 {
                    break at + close;
                }
                at += close + 6;
            }
        }
    };
    Ok(format!("{}{app}{}", &shell[..start], &shell[end..]))
}
