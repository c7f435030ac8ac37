//! Share and export: copy the link or an embed snippet, export the plan (Markdown, CSV, JSON,
//! Terraform) by copy or download, import a JSON plan, print.

use super::extras::EXPORTS;
use super::lazy::{failed, Lazy, FAILED};
use super::state::{Action, State};
use super::web;
use crate::calc::share::{self, Notice};
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props of [`ShareBar`].
#[derive(Properties, PartialEq)]
pub struct ShareProps {
    /// The page state.
    pub state: UseReducerHandle<State>,
    /// The extras worker, which writes the exports.
    pub lazy: Lazy,
}

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

/// What the last action said: a confirmation, or text to copy by hand when the clipboard is denied.
#[derive(Clone, PartialEq)]
enum Status {
    None,
    Done(String),
    Manual(String, String),
}

/// The share and export toolbar.
#[function_component(ShareBar)]
pub fn share_bar(p: &ShareProps) -> Html {
    let status = use_state(|| Status::None);
    let copy = |what: &'static str, text: Rc<dyn Fn() -> String>| {
        let status = status.clone();
        Callback::from(move |_| {
            let text = text();
            let status = status.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match web::copy(&text).await {
                    Ok(()) => status.set(Status::Done(format!("{what} copied to the clipboard."))),
                    Err(()) => status.set(Status::Manual(format!("The browser did not allow copying. Select the {what} below and copy it."), text)),
                }
            });
        })
    };
    let state = p.state.clone();
    let s1 = state.clone();
    let s2 = state.clone();
    let copy_link = copy("Link", Rc::new(move || link(&s1, false)));
    let copy_embed = copy("Embed code", Rc::new(move || embed_code(&s2)));
    // Exports are written by the extras worker from the shown plan's link fragment.
    let export = |id: &'static str, then: Rc<dyn Fn(String)>| {
        let (lazy, state, status) = (p.lazy.clone(), state.clone(), status.clone());
        Callback::from(move |_| {
            status.set(Status::None);
            let then = then.clone();
            let status = status.clone();
            lazy.request("export", vec![state.fragment(), id.into()], move |r| {
                if failed(&r) {
                    status.set(Status::Done(format!("Could not export. {FAILED}")));
                } else {
                    then(r.get(3).cloned().unwrap_or_default());
                }
            });
        })
    };
    let copy_text = |label: &'static str| -> Rc<dyn Fn(String)> {
        let status = status.clone();
        Rc::new(move |text: String| {
            let status = status.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match web::copy(&text).await {
                    Ok(()) => status.set(Status::Done(format!("{label} copied to the clipboard."))),
                    Err(()) => status.set(Status::Manual(format!("The browser did not allow copying. Select the {label} below and copy it."), text)),
                }
            });
        })
    };
    // Warm the worker up when the export menu opens, so the first export is quick.
    let warm = {
        let lazy = p.lazy.clone();
        Callback::from(move |_| lazy.start())
    };
    let on_import = {
        let (state, status, lazy) = (state.clone(), status.clone(), p.lazy.clone());
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let (state, status, lazy) = (state.clone(), status.clone(), lazy.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let text = web::file_text(file).await.unwrap_or_default();
                // The worker reads the JSON (the reader is not in the first download) and answers
                // with the plan's link fragment and what it could not use.
                lazy.request("import", vec![text], move |r| {
                    let at = |i: usize| r.get(i).cloned().unwrap_or_default();
                    if failed(&r) {
                        status.set(Status::Done(format!("Could not import. {FAILED}")));
                    } else if at(2) == "ok" {
                        let mut d = share::decode(&at(3));
                        d.embed = at(4) == "1";
                        d.notices = r
                            .get(5..)
                            .unwrap_or_default()
                            .chunks(2)
                            .map(|c| Notice {
                                key: c.first().cloned().unwrap_or_default(),
                                message: c.get(1).cloned().unwrap_or_default(),
                            })
                            .collect();
                        state.dispatch(Action::Load(Box::new(d)));
                        status.set(Status::Done("Plan imported.".into()));
                    } else {
                        status.set(Status::Done(format!("Could not import: {}.", at(3))));
                    }
                });
            });
        })
    };
    let print = Callback::from(|_| web::print());
    html! {
        <div class="share" role="group" aria-label="Share and export">
            <button type="button" id="copy-link" onclick={copy_link}>{ "Copy link" }</button>
            <button type="button" id="copy-embed" onclick={copy_embed}>{ "Copy embed code" }</button>
            <details class="exports">
                <summary onclick={warm}>{ "Export" }</summary>
                <ul>
                { for EXPORTS.into_iter().map(|(id, label, file, mime)| {
                    let dl: Rc<dyn Fn(String)> = Rc::new(move |text: String| web::download(file, mime, &text));
                    html! {
                        <li>
                            <span>{ label }</span>
                            <button type="button" class="small" id={format!("copy-{id}")} onclick={export(id, copy_text(label))}>{ "Copy" }</button>
                            <button type="button" class="small" id={format!("download-{id}")} onclick={export(id, dl)}>{ "Download" }</button>
                        </li>
                    }
                }) }
                    <li>
                        <label for="import-json">{ "Import JSON" }</label>
                        <input type="file" id="import-json" accept=".json,application/json" onchange={on_import} />
                    </li>
                </ul>
            </details>
            <button type="button" id="print" onclick={print}>{ "Print" }</button>
            <div class="status" role="status" aria-live="polite">
                { match &*status {
                    Status::None => html! {},
                    Status::Done(m) => html! { <span id="share-status">{ m.clone() }</span> },
                    Status::Manual(m, text) => html! {
                        <>
                            <span id="share-status">{ m.clone() }</span>
                            <textarea id="manual-copy" readonly=true aria-label="Text to copy" value={text.clone()} rows="3" />
                        </>
                    },
                } }
            </div>
        </div>
    }
}
