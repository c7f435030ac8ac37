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
fn post_height() {
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

/// Inside a frame: posts the document's height now and whenever it changes (ResizeObserver on the
/// root element; once per page). Outside a frame: nothing.
pub fn post_height_on_resize() {
    if !in_frame() {
        return;
    }
    post_height();
    let Some(root) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let cb = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(post_height);
    if let Ok(obs) = web_sys::ResizeObserver::new(cb.as_ref().unchecked_ref()) {
        obs.observe(&root);
        cb.forget(); // observes for the page's whole life
    }
}

/// Reads a chosen file's text.
pub async fn file_text(file: web_sys::File) -> Option<String> {
    JsFuture::from(file.text()).await.ok()?.as_string()
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

/// Strings as a JS array (the worker messages).
fn to_array(parts: &[String]) -> Array {
    parts.iter().map(|s| JsValue::from_str(s)).collect()
}

/// A worker message's strings (anything that is not an array of strings reads as empty).
fn strings(v: &JsValue) -> Vec<String> {
    if !Array::is_array(v) {
        return Vec::new();
    }
    Array::from(v)
        .iter()
        .map(|x| x.as_string().unwrap_or_default())
        .collect()
}

/// The page's end of a web worker that exchanges arrays of strings.
pub struct Worker {
    worker: web_sys::Worker,
    _on_message: wasm_bindgen::closure::Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: wasm_bindgen::closure::Closure<dyn FnMut(web_sys::Event)>,
}

impl Worker {
    /// Starts the worker script at `url` (relative to the page); `None` outside a browser or
    /// when the browser refuses. `on_error` runs when the worker's script fails (not found,
    /// blocked, an exception at the top level).
    pub fn spawn(
        url: &str,
        mut on_message: impl FnMut(Vec<String>) + 'static,
        mut on_error: impl FnMut() + 'static,
    ) -> Option<Worker> {
        window()?;
        let worker = web_sys::Worker::new(url).ok()?;
        let cb = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |e: web_sys::MessageEvent| on_message(strings(&e.data())),
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
    pub fn post(&self, parts: &[String]) {
        let _ = self.worker.post_message(&to_array(parts));
    }
}

/// Inside a worker: answers every message with `respond` (no reply when it returns nothing),
/// after announcing `["ready"]`.
pub fn serve_worker(mut respond: impl FnMut(&[String]) -> Vec<String> + 'static) {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let out = scope.clone();
    let cb = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
        move |e: web_sys::MessageEvent| {
            let reply = respond(&strings(&e.data()));
            if !reply.is_empty() {
                let _ = out.post_message(&to_array(&reply));
            }
        },
    );
    scope.set_onmessage(Some(cb.as_ref().unchecked_ref()));
    cb.forget(); // answers for the worker's whole life
    let _ = scope.post_message(&to_array(&["ready".to_string()]));
}

/// The page's `<meta name="…">` content, if any.
pub fn meta(name: &str) -> Option<String> {
    window()?
        .document()?
        .query_selector(&format!("meta[name=\"{name}\"]"))
        .ok()??
        .get_attribute("content")
}

/// Calls `f` once, when the element `id` comes within `margin` (CSS length) of the viewport;
/// at once where the browser cannot tell (no element, no IntersectionObserver).
pub fn when_near(id: &str, margin: &str, f: impl FnOnce() + 'static) {
    let el = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id));
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

/// Makes the children of `target` match `markup` while keeping every node that can stay: text
/// and attributes are updated in place, only nodes whose kind or tag changed are replaced. Patching
/// instead of replacing keeps focus, scroll and open disclosures, and spares the browser the
/// teardown and rebuild of unchanged nodes (much of an edit's time when whole tables were swapped).
pub fn morph(target: &web_sys::Element, markup: &str) {
    let Some(doc) = window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(template) = doc.create_element("template") else {
        return;
    };
    template.set_inner_html(markup);
    let Ok(template) = template.dyn_into::<web_sys::HtmlTemplateElement>() else {
        return;
    };
    morph_children(target, &template.content());
}

fn morph_children(old: &web_sys::Node, new: &web_sys::Node) {
    let mut o = old.first_child();
    let mut n = new.first_child();
    while let Some(nn) = n {
        // Taken before `nn` may move into the old tree.
        let next_new = nn.next_sibling();
        match o {
            Some(on) => {
                let next_old = on.next_sibling();
                if !morph_node(&on, &nn) {
                    let _ = old.replace_child(&nn, &on);
                }
                o = next_old;
            }
            None => {
                let _ = old.append_child(&nn);
            }
        }
        n = next_new;
    }
    while let Some(on) = o {
        o = on.next_sibling();
        let _ = old.remove_child(&on);
    }
}

/// Patches `old` to look like `new`; false when they are not the same kind of node.
fn morph_node(old: &web_sys::Node, new: &web_sys::Node) -> bool {
    // Most of a table is unchanged between edits: one native comparison skips a whole subtree.
    if old.is_equal_node(Some(new)) {
        return true;
    }
    if old.node_type() != new.node_type() || old.node_name() != new.node_name() {
        return false;
    }
    match (
        old.dyn_ref::<web_sys::Element>(),
        new.dyn_ref::<web_sys::Element>(),
    ) {
        // Another id is another control or region: replaced, so that its focus, typed text and
        // open state never carry over to whatever took its place.
        (Some(oe), Some(ne)) if oe.id() != ne.id() => return false,
        (Some(oe), Some(ne)) => {
            let names = ne.get_attribute_names();
            for name in names.iter().filter_map(|n| n.as_string()) {
                let v = ne.get_attribute(&name);
                if oe.get_attribute(&name) != v {
                    let _ = oe.set_attribute(&name, &v.unwrap_or_default());
                }
            }
            for name in oe
                .get_attribute_names()
                .iter()
                .filter_map(|n| n.as_string())
            {
                if !ne.has_attribute(&name) {
                    let _ = oe.remove_attribute(&name);
                }
            }
            morph_children(old, new);
            sync_state(oe, ne);
        }
        _ => {
            if old.node_value() != new.node_value() {
                old.set_node_value(new.node_value().as_deref());
            }
        }
    }
    true
}

/// Form controls show their properties, not their attributes, once used: make what a control
/// shows match the markup's `value`, `checked` or selected option (a link opened, a type chosen).
fn sync_state(old: &web_sys::Element, new: &web_sys::Element) {
    if let Some(o) = old.dyn_ref::<web_sys::HtmlInputElement>() {
        match o.type_().as_str() {
            "file" => {}
            "checkbox" | "radio" => {
                let on = new.has_attribute("checked");
                if o.checked() != on {
                    o.set_checked(on);
                }
            }
            _ => {
                let v = new.get_attribute("value").unwrap_or_default();
                if o.value() != v {
                    o.set_value(&v);
                }
            }
        }
    } else if let (Some(o), Some(n)) = (
        old.dyn_ref::<web_sys::HtmlSelectElement>(),
        new.dyn_ref::<web_sys::HtmlSelectElement>(),
    ) {
        let v = n.value();
        if o.value() != v {
            o.set_value(&v);
        }
    }
}

thread_local! {
    /// The pending fragment update (see [`replace_fragment_soon`]).
    static PENDING: std::cell::Cell<Option<i32>> = const { std::cell::Cell::new(None) };
}

/// Replaces the fragment once edits pause (250 ms): one history update per pause instead of
/// one per keystroke (each costs the main thread about a millisecond, and browsers throttle
/// pages that update their URL too often). A `hashchange` cancels a pending update.
pub fn replace_fragment_soon(fragment: &str) {
    let Some(w) = window() else { return };
    cancel_fragment_update();
    let fragment = fragment.to_string();
    let cb = wasm_bindgen::closure::Closure::once_into_js(move || {
        PENDING.with(|p| p.set(None));
        replace_fragment(&fragment);
    });
    if let Ok(id) = w.set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), 250)
    {
        PENDING.with(|p| p.set(Some(id)));
    }
}

/// Cancels a pending [`replace_fragment_soon`].
pub fn cancel_fragment_update() {
    if let (Some(w), Some(id)) = (window(), PENDING.with(|p| p.take())) {
        w.clear_timeout_with_handle(id);
    }
}
