//! Share and export: copy the link or an embed snippet, export the plan (Markdown, CSV, JSON,
//! Terraform) by copy or download, import a JSON plan, print.

use super::extras::EXPORTS;
use super::lazy::{failed, FAILED};
use super::raw::esc;
use super::state::State;
use super::web;
use crate::calc::share::{self, Decoded, Notice};

/// The link to the shown plan, built from the current location so it works under any sub-path.
pub fn link(state: &State, embed: bool) -> String {
    let mut s = state.clone();
    s.embed = embed;
    format!("{}#{}", web::base_url(), s.fragment())
}

/// The iframe snippet for docs sites.
pub fn embed_code(state: &State) -> String {
    format!(
        "<iframe src=\"{}\" title=\"awsvpc planner\" width=\"100%\" height=\"900\" style=\"border:0\" loading=\"lazy\"></iframe>\n\
         <script>addEventListener(\"message\",function(e){{var d=e.data;if(d&&d.type===\"awsvpc-planner:height\")document.querySelectorAll(\"iframe\").forEach(function(f){{if(f.contentWindow===e.source)f.style.height=d.height+\"px\"}})}});</script>",
        link(state, true).replace('&', "&amp;")
    )
}

/// What the last share action said: a confirmation, or text to copy by hand when the clipboard
/// is denied.
#[derive(Clone, PartialEq, Default)]
pub enum Status {
    /// Nothing to say.
    #[default]
    None,
    /// A confirmation or an error.
    Done(String),
    /// The clipboard was denied: the message and the text to copy by hand.
    Manual(String, String),
}

/// What a copy of `what` (e.g. "Link") ended in.
pub fn copied(what: &str, ok: bool, text: String) -> Status {
    if ok {
        Status::Done(format!("{what} copied to the clipboard."))
    } else {
        Status::Manual(
            format!("The browser did not allow copying. Select the {what} below and copy it."),
            text,
        )
    }
}

/// The worker's answer to an `import` request ([`super::extras`]) as a decoded link, or what to
/// say when it could not be used.
pub fn imported(reply: &[String]) -> Result<Decoded, String> {
    let at = |i: usize| reply.get(i).cloned().unwrap_or_default();
    if failed(reply) {
        return Err(format!("Could not import. {FAILED}"));
    }
    if at(2) != "ok" {
        return Err(format!("Could not import: {}.", at(3)));
    }
    let mut d = share::decode(&at(3));
    d.embed = at(4) == "1";
    d.notices = reply
        .get(5..)
        .unwrap_or_default()
        .chunks(2)
        .map(|c| Notice {
            key: c.first().cloned().unwrap_or_default(),
            message: c.get(1).cloned().unwrap_or_default(),
        })
        .collect();
    Ok(d)
}

/// The share and export toolbar's markup: the export menu `open` or not, and the last `status`.
pub fn bar(status: &Status, open: bool) -> String {
    let mut m = format!(
        r#"<div class="share" role="group" aria-label="Share and export"><button type="button" id="copy-link">Copy link</button><button type="button" id="copy-embed">Copy embed code</button><details class="exports"{}><summary>Export</summary><ul>"#,
        if open { " open" } else { "" }
    );
    for (id, label, _, _) in EXPORTS {
        m += &format!(
            r#"<li><span>{label}</span><button type="button" class="small" id="copy-{id}">Copy</button><button type="button" class="small" id="download-{id}">Download</button></li>"#
        );
    }
    m += r#"<li><label for="import-json">Import JSON</label><input type="file" id="import-json" accept=".json,application/json"></li></ul></details><button type="button" id="print">Print</button><div class="status" role="status" aria-live="polite">"#;
    match status {
        Status::None => {}
        Status::Done(s) => m += &format!(r#"<span id="share-status">{}</span>"#, esc(s)),
        Status::Manual(s, text) => {
            m += &format!(
                r#"<span id="share-status">{}</span><textarea id="manual-copy" readonly aria-label="Text to copy" rows="3">{}</textarea>"#,
                esc(s),
                esc(text)
            )
        }
    }
    m + "</div></div>"
}
