//! The browser APIs that gloo has no wrapper for, in one small module: the URL's fragment and
//! history, the clipboard, printing, the embedding page's height (ResizeObserver, postMessage),
//! IntersectionObserver, and the extras worker's message port. Timers, window listeners and files
//! go through gloo (`gloo-timers`, `gloo-events`, `gloo-file`) where they are used. Every call
//! tolerates a missing API (old browser, denied permission, native tests) instead of panicking.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The window; `None` outside a browser (native tests render with Yew's server renderer, where
/// any call into a browser API would abort).
fn window() -> Option<web_sys::Window> {
    if cfg!(target_arch = "wasm32") {
        web_sys::window()
    } else {
        None
    }
}

/// Whether the page runs in a browser (not in native tests).
pub fn in_browser() -> bool {
    window().is_some()
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
    let url = gloo_file::ObjectUrl::from(gloo_file::Blob::new_with_options(text, Some(mime)));
    if let Some(a) = doc
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
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

/// Tells the embedding page the height of the content (`{type: "awsvpc-planner:height",
/// height}`): the body's own height, not the document's scroll height, which never drops below
/// the frame's current height (so the frame would only ever grow).
fn post_height() {
    let Some(w) = window() else { return };
    let Some(parent) = w.parent().ok().flatten() else {
        return;
    };
    if parent == w {
        return;
    }
    let Some(body) = w.document().and_then(|d| d.body()) else {
        return;
    };
    let height = body.get_bounding_client_rect().height().ceil();
    let msg = Object::new();
    let _ = Reflect::set(&msg, &"type".into(), &"awsvpc-planner:height".into());
    let _ = Reflect::set(&msg, &"height".into(), &JsValue::from(height));
    let _ = parent.post_message(&msg, "*");
}

/// Inside a frame: posts the content's height now and whenever it changes, up or down
/// (ResizeObserver on the body; once per page). Outside a frame: nothing.
pub fn post_height_on_resize() {
    if !in_frame() {
        return;
    }
    post_height();
    let Some(body) = window().and_then(|w| w.document()).and_then(|d| d.body()) else {
        return;
    };
    let cb = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(post_height);
    if let Ok(obs) = web_sys::ResizeObserver::new(cb.as_ref().unchecked_ref()) {
        obs.observe(&body);
        cb.forget(); // observes for the page's whole life
    }
}

/// What a worker message carries: its bytes, or `Err` when it is the loader's failure notice
/// (`["failed", why]`, posted by the worker's loader script when its wasm cannot load).
fn bytes(v: &JsValue) -> Result<Vec<u8>, ()> {
    if Array::is_array(v) {
        return Err(());
    }
    Ok(v.dyn_ref::<Uint8Array>()
        .map(Uint8Array::to_vec)
        .unwrap_or_default())
}

/// The page's end of a web worker that exchanges bytes ([`super::protocol`]).
pub struct Worker {
    worker: web_sys::Worker,
    _on_message: wasm_bindgen::closure::Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: wasm_bindgen::closure::Closure<dyn FnMut(web_sys::Event)>,
}

impl Worker {
    /// Starts the worker script at `url` (relative to the page); `None` outside a browser or
    /// when the browser refuses. `on_error` runs when the worker's script fails (not found,
    /// blocked, an exception at the top level) or its loader says the wasm did not load.
    pub fn spawn(
        url: &str,
        on_message: impl Fn(Vec<u8>) + 'static,
        on_error: impl Fn() + 'static,
    ) -> Option<Worker> {
        window()?;
        let worker = web_sys::Worker::new(url).ok()?;
        let on_error = std::rc::Rc::new(on_error);
        let failed = on_error.clone();
        let cb = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |e: web_sys::MessageEvent| match bytes(&e.data()) {
                Ok(b) => on_message(b),
                Err(()) => failed(),
            },
        );
        worker.set_onmessage(Some(cb.as_ref().unchecked_ref()));
        let err = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new(
            move |e: web_sys::Event| {
                e.prevent_default(); // handled: the page says so where the worker's output goes
                on_error();
            },
        );
        worker.set_onerror(Some(err.as_ref().unchecked_ref()));
        Some(Worker {
            worker,
            _on_message: cb,
            _on_error: err,
        })
    }

    /// Sends one message.
    pub fn post(&self, msg: &[u8]) {
        let _ = self.worker.post_message(&Uint8Array::from(msg));
    }
}

/// Inside a worker: sends `ready`, then answers every message with `respond` (no reply when it
/// returns nothing).
pub fn serve_worker(mut respond: impl FnMut(&[u8]) -> Option<Vec<u8>> + 'static, ready: &[u8]) {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let out = scope.clone();
    let cb = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
        move |e: web_sys::MessageEvent| {
            if let Some(reply) = bytes(&e.data()).ok().and_then(|b| respond(&b)) {
                let _ = out.post_message(&Uint8Array::from(reply.as_slice()));
            }
        },
    );
    scope.set_onmessage(Some(cb.as_ref().unchecked_ref()));
    cb.forget(); // answers for the worker's whole life
    let _ = scope.post_message(&Uint8Array::from(ready));
}

/// The page's `<meta name="…">` content, if any.
pub fn meta(name: &str) -> Option<String> {
    window()?
        .document()?
        .query_selector(&format!("meta[name=\"{name}\"]"))
        .ok()??
        .get_attribute("content")
}

/// Calls `f` once, when `el` comes within `margin` (CSS length) of the viewport; at once where
/// the browser cannot tell (no element, no IntersectionObserver). An element not yet in the
/// document is observed from when it is.
pub fn when_near(el: Option<web_sys::Element>, margin: &str, f: impl FnOnce() + 'static) {
    let mut f = Some(f);
    let Some(el) = el else {
        if window().is_some() {
            if let Some(f) = f.take() {
                f();
            }
        }
        return;
    };
    let f = std::rc::Rc::new(std::cell::RefCell::new(f));
    let g = f.clone();
    let cb = wasm_bindgen::closure::Closure::<dyn FnMut(Array, web_sys::IntersectionObserver)>::new(
        move |entries: Array, obs: web_sys::IntersectionObserver| {
            let near = entries.iter().any(|e| {
                e.unchecked_into::<web_sys::IntersectionObserverEntry>()
                    .is_intersecting()
            });
            if near {
                obs.disconnect();
                if let Some(f) = g.borrow_mut().take() {
                    f();
                }
            }
        },
    );
    let opts = web_sys::IntersectionObserverInit::new();
    opts.set_root_margin(margin);
    match web_sys::IntersectionObserver::new_with_options(cb.as_ref().unchecked_ref(), &opts) {
        Ok(obs) => {
            obs.observe(&el);
            cb.forget(); // one small closure per page, called until the element is near
        }
        Err(_) => {
            if let Some(f) = f.borrow_mut().take() {
                f();
            }
        }
    }
}
