//! Thin wrappers over the browser APIs the UI uses: the URL fragment and history, the clipboard,
//! downloads, printing, and telling an embedding page our height. Every call tolerates a missing
//! API (old browser, denied permission, native tests) instead of panicking.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// The window; `None` outside a browser (native tests render with Yew's server renderer, where
/// any call into a browser API would abort).
fn window() -> Option<web_sys::Window> {
    if cfg!(target_arch = "wasm32") {
        web_sys::window()
    } else {
        None
    }
}

/// The current URL fragment without the `#` (empty when none).
pub fn fragment() -> String {
    window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

/// The current URL without its fragment (path and query kept, so links work under any sub-path).
pub fn base_url() -> String {
    window()
        .and_then(|w| w.location().href().ok())
        .map(|h| h.split('#').next().unwrap_or_default().to_string())
        .unwrap_or_default()
}

/// Replaces the fragment without adding a history entry (no `hashchange` fires).
pub fn replace_fragment(fragment: &str) {
    if fragment == self::fragment() {
        return;
    }
    if let Some(h) = window().and_then(|w| w.history().ok()) {
        let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&format!("#{fragment}")));
    }
}

/// Copies `text` to the clipboard; `Ok` once written, `Err` when the browser refuses.
pub async fn copy(text: &str) -> Result<(), ()> {
    let clip = window().map(|w| w.navigator().clipboard()).ok_or(())?;
    if clip.is_undefined() {
        return Err(());
    }
    JsFuture::from(clip.write_text(text))
        .await
        .map(|_| ())
        .map_err(|_| ())
}

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, mime: &str, text: &str) {
    let Some(doc) = window().and_then(|w| w.document()) else {
        return;
    };
    let opts = BlobPropertyBag::new();
    opts.set_type(mime);
    let parts = Array::of1(&JsValue::from_str(text));
    let Ok(blob) = Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(a) = doc
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = Url::revoke_object_url(&url);
}

/// Opens the browser's print dialog.
pub fn print() {
    if let Some(w) = window() {
        let _ = w.print();
    }
}

/// Whether the page runs inside a frame.
pub fn in_frame() -> bool {
    window()
        .and_then(|w| w.parent().ok().flatten().map(|p| p != w))
        .unwrap_or(false)
}

/// Tells the embedding page the document's height (`{type: "awsvpc-planner:height", height}`).
pub fn post_height() {
    let Some(w) = window() else { return };
    let Some(parent) = w.parent().ok().flatten() else {
        return;
    };
    if parent == w {
        return;
    }
    let height = w
        .document()
        .and_then(|d| d.document_element())
        .map(|e| e.scroll_height())
        .unwrap_or(0);
    let msg = Object::new();
    let _ = Reflect::set(&msg, &"type".into(), &"awsvpc-planner:height".into());
    let _ = Reflect::set(&msg, &"height".into(), &JsValue::from(height));
    let _ = parent.post_message(&msg, "*");
}

/// Reads a chosen file's text.
pub async fn file_text(file: web_sys::File) -> Option<String> {
    JsFuture::from(file.text()).await.ok()?.as_string()
}

/// Runs `f` after the next frame has been painted (requestAnimationFrame, then a task).
pub fn after_paint(f: impl FnOnce() + 'static) {
    let Some(w) = window() else { return };
    let task = wasm_bindgen::closure::Closure::once_into_js(f);
    let frame = wasm_bindgen::closure::Closure::once_into_js(move || {
        if let Some(w) = web_sys::window() {
            let _ =
                w.set_timeout_with_callback_and_timeout_and_arguments_0(task.unchecked_ref(), 0);
        }
    });
    let _ = w.request_animation_frame(frame.unchecked_ref());
}

/// Calls `f` on every `hashchange` (a link opened, back/forward, the fragment edited by hand);
/// returns the function that stops listening.
pub fn on_hash_change(f: impl Fn() + 'static) -> impl FnOnce() {
    let cb = wasm_bindgen::closure::Closure::<dyn Fn()>::new(f);
    let w = window();
    if let Some(w) = &w {
        let _ = w.add_event_listener_with_callback("hashchange", cb.as_ref().unchecked_ref());
    }
    move || {
        if let Some(w) = w {
            let _ =
                w.remove_event_listener_with_callback("hashchange", cb.as_ref().unchecked_ref());
        }
    }
}
