//! The header: the title, and either the share bar (copy link, embed code, exports, JSON import,
//! print) or, in the embed view, a link to the full calculator. The share bar owns what it shows
//! (its menu, its last message) and asks the extras worker for exports and imports.

use super::bridge::{use_bridge, Bridge, FAILED};
use super::protocol::{Format, Reply, Request};
use super::web;
use crate::calc::share::Decoded;
use crate::calc::Inputs;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Largest JSON file read for import, in bytes.
const MAX_IMPORT: u64 = 5 << 20;

/// What the last share action said: a confirmation, or text to copy by hand when the clipboard
/// is refused.
#[derive(Clone, PartialEq, Default, Debug)]
pub enum Status {
    /// Nothing to say.
    #[default]
    None,
    /// A confirmation.
    Done(String),
    /// Something did not work.
    Failed(String),
    /// The clipboard was refused: the message and the text to copy by hand.
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

/// The iframe snippet for docs sites: `src` escaped for an attribute by `html-escape` (the
/// escaper Yew's server renderer uses); no inline style (a host's strict CSP would block it);
/// the script (`static/embed-listener.html`) sizes the frame to its content.
pub fn embed_code(src: &str) -> String {
    format!(
        "<iframe src=\"{}\" title=\"awsvpc planner\" width=\"100%\" height=\"900\" frameborder=\"0\" loading=\"lazy\"></iframe>\n{}",
        html_escape::encode_double_quoted_attribute(src),
        include_str!("../../static/embed-listener.html").trim_end()
    )
}

/// Copies `text` and sets the status to how that went.
fn copy(status: &UseStateHandle<Status>, what: &'static str, text: String) {
    let status = status.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let ok = web::copy(&text).await.is_ok();
        status.set(copied(what, ok, text));
    });
}

/// A share action.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Share {
    /// Copy the link.
    Link,
    /// Copy the embed snippet.
    Embed,
    /// Copy an export.
    Copy(Format),
    /// Download an export.
    Download(Format),
    /// Print.
    Print,
}

/// The header's inputs.
#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    /// The embed view: a link to the full calculator instead of the share bar.
    pub embed: bool,
    /// The full link of the page (`true`: the embed view's), made when asked.
    pub link: Callback<bool, String>,
    /// The shown plan's inputs (what exports are of).
    pub inputs: Option<Rc<Inputs>>,
    /// A plan read from a JSON file.
    pub on_load: Callback<Decoded>,
}

/// The header.
#[function_component]
pub fn Header(p: &HeaderProps) -> Html {
    html! {
        <header class="top">
            <h1>{ "awsvpc planner" }</h1>
            if p.embed {
                <a id="open-full" href={p.link.emit(false)} target="_blank" rel="noopener">{ "Open full calculator" }</a>
            } else {
                <p class="tagline">{ "How many ECS tasks in awsvpc mode fit on your EC2 instances, and when your subnets run out of IPv4 addresses." }</p>
                <ShareBar link={p.link.clone()} inputs={p.inputs.clone()} on_load={p.on_load.clone()} />
            }
        </header>
    }
}

#[derive(Properties, PartialEq)]
struct ShareBarProps {
    link: Callback<bool, String>,
    inputs: Option<Rc<Inputs>>,
    on_load: Callback<Decoded>,
}

/// Asks the worker for an export of `inputs` and copies or downloads it.
fn export(
    bridge: &Bridge,
    status: &UseStateHandle<Status>,
    inputs: &Inputs,
    s: Share,
    format: Format,
) {
    let status = status.clone();
    let request = Request::Export {
        inputs: Box::new(inputs.clone()),
        format,
    };
    bridge.request(&request, move |r| match r {
        Ok(Reply::Exported(Ok(text))) => {
            if matches!(s, Share::Download(_)) {
                web::download(format.file(), format.mime(), &text);
            } else {
                copy(&status, format.label(), text);
            }
        }
        Ok(Reply::Exported(Err(e))) => status.set(Status::Failed(format!(
            "Could not export: {e}. Correct the highlighted fields."
        ))),
        _ => status.set(Status::Failed(format!("Could not export. {FAILED}"))),
    });
}

/// Reads a chosen JSON file and asks the worker what plan it holds.
fn import(
    bridge: &Bridge,
    status: &UseStateHandle<Status>,
    reader: &Rc<std::cell::RefCell<Option<gloo_file::callbacks::FileReader>>>,
    on_load: &Callback<Decoded>,
    file: web_sys::File,
) {
    let file = gloo_file::File::from(file);
    if file.size() > MAX_IMPORT {
        status.set(Status::Failed(
            "Could not import: the file is larger than 5 MB; a plan document is a few KB.".into(),
        ));
        return;
    }
    let (bridge, status, on_load) = (bridge.clone(), status.clone(), on_load.clone());
    *reader.borrow_mut() = Some(gloo_file::callbacks::read_as_text(&file, move |r| {
        let text = match r {
            Ok(t) => t,
            Err(e) => return status.set(Status::Failed(format!("Could not read the file: {e}."))),
        };
        bridge.request(&Request::Import { text }, move |r| match r {
            Ok(Reply::Imported(Ok(d))) => {
                on_load.emit(*d);
                status.set(Status::Done("Plan imported.".into()));
            }
            Ok(Reply::Imported(Err(e))) => status.set(Status::Failed(format!(
                "Could not import: {e}. The current plan is unchanged."
            ))),
            _ => status.set(Status::Failed(format!("Could not import. {FAILED}"))),
        });
    }));
}

/// The share and export toolbar. The export menu closes on Escape, on a click outside it and
/// when the focus leaves it; the arrow keys move between its buttons.
#[function_component]
fn ShareBar(p: &ShareBarProps) -> Html {
    let bridge = use_bridge();
    let status = use_state_eq(|| Status::None);
    let open = use_state_eq(|| false);
    let reader = use_mut_ref(|| None::<gloo_file::callbacks::FileReader>);
    let menu = use_node_ref();
    let summary = use_node_ref();
    let manual = use_node_ref();
    // The manual-copy box is focused and selected when it appears.
    {
        let manual = manual.clone();
        use_effect_with((*status).clone(), move |s| {
            if let (Status::Manual(..), Some(t)) = (s, manual.cast::<HtmlTextAreaElement>()) {
                let _ = t.focus();
                t.select();
            }
        });
    }
    // A click outside the open menu closes it.
    {
        let (menu, open) = (menu.clone(), open.clone());
        use_effect_with(*open, move |is_open| {
            let listener = (*is_open)
                .then(|| web_sys::window().and_then(|w| w.document()))
                .flatten()
                .map(|doc| {
                    gloo_events::EventListener::new(&doc, "mousedown", move |e| {
                        let inside = e
                            .target()
                            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Node>(t).ok())
                            .is_some_and(|t| menu.get().is_some_and(|m| m.contains(Some(&t))));
                        if !inside {
                            open.set(false);
                        }
                    })
                });
            move || drop(listener)
        });
    }
    let share = |s: Share| {
        let (bridge, status, link, inputs) = (
            bridge.clone(),
            status.clone(),
            p.link.clone(),
            p.inputs.clone(),
        );
        Callback::from(move |_: MouseEvent| match s {
            Share::Link => copy(&status, "Link", link.emit(false)),
            Share::Embed => copy(&status, "Embed code", embed_code(&link.emit(true))),
            Share::Print => web::print(),
            Share::Copy(f) | Share::Download(f) => {
                status.set(Status::None);
                match &inputs {
                    Some(i) => export(&bridge, &status, i, s, f),
                    None => status.set(Status::Failed(
                        "There is no plan to export: correct the highlighted fields.".into(),
                    )),
                }
            }
        })
    };
    let toggle = {
        let (open, bridge) = (open.clone(), bridge.clone());
        Callback::from(move |e: MouseEvent| {
            e.prevent_default(); // the component owns the open state
            if !*open {
                // Warm the worker up when the menu opens, so the first export is quick.
                bridge.start();
            }
            open.set(!*open);
        })
    };
    let onkeydown = {
        let (open, menu, summary) = (open.clone(), menu.clone(), summary.clone());
        Callback::from(move |e: KeyboardEvent| {
            let key = e.key();
            if key == "Escape" {
                open.set(false);
                if let Some(s) = summary.cast::<web_sys::HtmlElement>() {
                    let _ = s.focus();
                }
                return;
            }
            let step: i32 = match key.as_str() {
                "ArrowDown" | "ArrowRight" => 1,
                "ArrowUp" | "ArrowLeft" => -1,
                _ => return,
            };
            let Some(m) = menu.cast::<web_sys::Element>() else {
                return;
            };
            let Ok(items) = m.query_selector_all("summary, li button, li input") else {
                return;
            };
            let active = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element());
            let n = items.length() as i32;
            let at = (0..n)
                .find(|&i| {
                    items
                        .item(i as u32)
                        .zip(active.as_ref())
                        .is_some_and(|(x, a)| x == **a)
                })
                .unwrap_or(0);
            if let Some(next) = items
                .item(((at + step).rem_euclid(n.max(1))) as u32)
                .and_then(|x| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(x).ok())
            {
                e.prevent_default();
                let _ = next.focus();
            }
        })
    };
    let onfocusout = {
        let (open, menu) = (open.clone(), menu.clone());
        Callback::from(move |e: FocusEvent| {
            let to = e
                .related_target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Node>(t).ok());
            let inside = to.is_some_and(|t| menu.get().is_some_and(|m| m.contains(Some(&t))));
            if *open && !inside {
                open.set(false);
            }
        })
    };
    let onchange = {
        let (bridge, status, reader, on_load) = (
            bridge.clone(),
            status.clone(),
            reader.clone(),
            p.on_load.clone(),
        );
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            let file = input.files().and_then(|f| f.get(0));
            input.set_value("");
            if let Some(file) = file {
                import(&bridge, &status, &reader, &on_load, file);
            }
        })
    };
    html! {
        <div class="share" role="group" aria-label="Share and export">
            <button type="button" id="copy-link" onclick={share(Share::Link)}>{ "Copy link" }</button>
            <button type="button" id="copy-embed" onclick={share(Share::Embed)}>{ "Copy embed code" }</button>
            <details class="exports" open={*open} ref={menu} {onkeydown} {onfocusout}>
                <summary ref={summary} onclick={toggle}>{ "Export" }</summary>
                <ul>
                    { for Format::ALL.iter().map(|&f| html! {
                        <li key={f.id()}>
                            <span>{ f.label() }</span>
                            <button type="button" class="small" id={format!("copy-{}", f.id())}
                                onclick={share(Share::Copy(f))}>{ "Copy" }</button>
                            <button type="button" class="small" id={format!("download-{}", f.id())}
                                onclick={share(Share::Download(f))}>{ "Download" }</button>
                        </li>
                    }) }
                    <li>
                        <label for="import-json">{ "Import JSON" }</label>
                        <input type="file" id="import-json" accept=".json,application/json" {onchange} />
                    </li>
                </ul>
            </details>
            <button type="button" id="print" onclick={share(Share::Print)}>{ "Print" }</button>
            <div class="status" role="status" aria-live="polite">
                { match &*status {
                    Status::None => Html::default(),
                    Status::Done(s) => html! { <span id="share-status">{ s.clone() }</span> },
                    Status::Failed(s) => html! { <span id="share-status" class="error">{ s.clone() }</span> },
                    Status::Manual(s, text) => html! {
                        <>
                            <span id="share-status" class="error">{ s.clone() }</span>
                            <textarea id="manual-copy" ref={manual} readonly=true aria-label="Text to copy"
                                rows="3" value={text.clone()} />
                        </>
                    },
                } }
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::embed_code;

    #[test]
    fn the_embed_code_escapes_the_link_for_its_attribute() {
        let code = embed_code("https://x/?a=1#v=1&b=\"<2>\"");
        assert!(code.starts_with(
            "<iframe src=\"https://x/?a=1#v=1&amp;b=&quot;&lt;2&gt;&quot;\" title=\"awsvpc planner\""
        ));
        assert!(code.ends_with("</script>"));
        assert_eq!(code.matches("<iframe").count(), 1);
    }
}
