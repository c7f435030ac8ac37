//! The header: the title, and either the share bar (copy link, embed code, exports, import,
//! print) or, in the embed view, a link to the full calculator.

use super::protocol::Format;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

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
    /// The full calculator's link (embed view).
    #[prop_or_default]
    pub full_link: AttrValue,
    /// The last share action's message.
    pub status: Status,
    /// The export menu is open.
    pub exports_open: bool,
    /// Open or close the export menu.
    pub on_exports: Callback<bool>,
    /// A share action.
    pub on_share: Callback<Share>,
    /// A JSON file chosen for import.
    pub on_import: Callback<web_sys::File>,
}

/// The header.
#[function_component]
pub fn Header(p: &HeaderProps) -> Html {
    html! {
        <header class="top">
            <h1>{ "awsvpc planner" }</h1>
            if p.embed {
                <a id="open-full" href={p.full_link.clone()} target="_blank" rel="noopener">{ "Open full calculator" }</a>
            } else {
                <p class="tagline">{ "How many ECS tasks in awsvpc mode fit on your EC2 instances, and when your subnets run out of IPv4 addresses." }</p>
                <ShareBar status={p.status.clone()} exports_open={p.exports_open} on_exports={p.on_exports.clone()}
                    on_share={p.on_share.clone()} on_import={p.on_import.clone()} />
            }
        </header>
    }
}

#[derive(Properties, PartialEq)]
struct ShareBarProps {
    status: Status,
    exports_open: bool,
    on_exports: Callback<bool>,
    on_share: Callback<Share>,
    on_import: Callback<web_sys::File>,
}

/// The share and export toolbar. The export menu closes on Escape, on a click outside it and
/// when the focus leaves it; the arrow keys move between its buttons.
#[function_component]
fn ShareBar(p: &ShareBarProps) -> Html {
    let menu = use_node_ref();
    let manual = use_node_ref();
    // The manual-copy box is focused and selected when it appears.
    {
        let manual = manual.clone();
        use_effect_with(p.status.clone(), move |s| {
            if let (Status::Manual(..), Some(t)) = (s, manual.cast::<HtmlTextAreaElement>()) {
                let _ = t.focus();
                t.select();
            }
        });
    }
    // A click outside the open menu closes it.
    {
        let (menu, on_exports) = (menu.clone(), p.on_exports.clone());
        use_effect_with(p.exports_open, move |open| {
            let listener = (*open)
                .then(|| web_sys::window().and_then(|w| w.document()))
                .flatten()
                .map(|doc| {
                    gloo_events::EventListener::new(&doc, "mousedown", move |e| {
                        let inside = e
                            .target()
                            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Node>(t).ok())
                            .is_some_and(|t| menu.get().is_some_and(|m| m.contains(Some(&t))));
                        if !inside {
                            on_exports.emit(false);
                        }
                    })
                });
            move || drop(listener)
        });
    }
    let share = |s: Share| p.on_share.reform(move |_: MouseEvent| s);
    let toggle = {
        let (on_exports, open) = (p.on_exports.clone(), p.exports_open);
        Callback::from(move |e: MouseEvent| {
            e.prevent_default(); // the page owns the open state
            on_exports.emit(!open);
        })
    };
    let onkeydown = {
        let (on_exports, menu) = (p.on_exports.clone(), menu.clone());
        Callback::from(move |e: KeyboardEvent| {
            let key = e.key();
            if key == "Escape" {
                on_exports.emit(false);
                if let Some(s) = menu
                    .cast::<web_sys::Element>()
                    .and_then(|m| m.query_selector("summary").ok().flatten())
                    .and_then(|s| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(s).ok())
                {
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
        let (on_exports, menu, open) = (p.on_exports.clone(), menu.clone(), p.exports_open);
        Callback::from(move |e: FocusEvent| {
            let to = e
                .related_target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Node>(t).ok());
            let inside = to.is_some_and(|t| menu.get().is_some_and(|m| m.contains(Some(&t))));
            if open && !inside {
                on_exports.emit(false);
            }
        })
    };
    let onchange = {
        let on_import = p.on_import.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            let file = input.files().and_then(|f| f.get(0));
            input.set_value("");
            if let Some(file) = file {
                on_import.emit(file);
            }
        })
    };
    html! {
        <div class="share" role="group" aria-label="Share and export">
            <button type="button" id="copy-link" onclick={share(Share::Link)}>{ "Copy link" }</button>
            <button type="button" id="copy-embed" onclick={share(Share::Embed)}>{ "Copy embed code" }</button>
            <details class="exports" open={p.exports_open} ref={menu} {onkeydown} {onfocusout}>
                <summary onclick={toggle}>{ "Export" }</summary>
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
                { match &p.status {
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
