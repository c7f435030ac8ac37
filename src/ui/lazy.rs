//! The page's end of the extras worker ([`super::extras`]): started when the comparison comes
//! into view or an export is asked for, never before. Requests wait until the worker says it is
//! ready; a newer `sections` request replaces an older one still waiting, so only the newest
//! reply is shown. When the worker cannot start (its files missing or blocked, its wasm failing
//! to load), every waiting and later request is answered `["failed"]` at once, and the page says
//! so where the answer would have gone ([`FAILED`]).

use super::web;
use std::cell::RefCell;
use std::rc::Rc;
use yew::AttrValue;

/// Where the worker's loader is when the page does not say (`trunk serve` builds; release
/// builds name a content-hashed file in `<meta name="awsvpc-extras">`, see `scripts/csp.mjs`).
const DEFAULT_URL: &str = "./awsvpc-extras_loader.js";

type Reply = Box<dyn FnOnce(Vec<String>)>;

/// What the page shows where the worker's answer would have gone when it could not start.
pub const FAILED: &str = "This part could not be loaded: the page's worker did not start (its files may be missing or blocked on this host). Reload the page to try again.";

/// [`FAILED`] as an alert, for where the worker's markup would have gone.
pub fn failed_markup() -> AttrValue {
    AttrValue::from(format!(r#"<p class="error" role="alert">{FAILED}</p>"#))
}

/// Whether a reply says the worker could not start.
pub fn failed(reply: &[String]) -> bool {
    reply.first().map(String::as_str) == Some("failed")
}

#[derive(Default)]
struct Inner {
    worker: Option<web::Worker>,
    ready: bool,
    failed: bool,
    queue: Vec<Vec<String>>,
    next: u32,
    waiting: Vec<(String, String, Reply)>,
}

/// A shared handle on the worker (cheap to clone).
#[derive(Clone, Default)]
pub struct Lazy(Rc<RefCell<Inner>>);

impl Lazy {
    /// Starts the worker unless it runs.
    pub fn start(&self) {
        if self.0.borrow().worker.is_some() {
            return;
        }
        let (me, me2) = (self.clone(), self.clone());
        let url = web::meta("awsvpc-extras").unwrap_or_else(|| DEFAULT_URL.into());
        let w = web::Worker::spawn(&url, move |msg| me.on_message(msg), move || me2.fail());
        let refused = w.is_none() && web::in_browser();
        self.0.borrow_mut().worker = w;
        if refused {
            // The browser would not even create it (e.g. a host policy forbids workers).
            self.fail();
        }
    }

    /// Sends `[kind, id, args…]` (starting the worker if needed); `reply` gets the reply.
    pub fn request(
        &self,
        kind: &str,
        args: Vec<String>,
        reply: impl FnOnce(Vec<String>) + 'static,
    ) {
        self.start();
        if self.0.borrow().failed {
            reply(vec!["failed".into()]);
            return;
        }
        let mut inner = self.0.borrow_mut();
        inner.next = inner.next.wrapping_add(1);
        let id = inner.next.to_string();
        if kind == "sections" {
            inner.waiting.retain(|(k, _, _)| k != kind);
            inner
                .queue
                .retain(|m| m.first().map(String::as_str) != Some(kind));
        }
        inner
            .waiting
            .push((kind.to_string(), id.clone(), Box::new(reply)));
        let mut msg = vec![kind.to_string(), id];
        msg.extend(args);
        match (&inner.worker, inner.ready) {
            (Some(w), true) => w.post(&msg),
            _ => inner.queue.push(msg),
        }
    }

    /// The worker cannot answer: tell everyone waiting, and every later request.
    fn fail(&self) {
        let waiting = {
            let mut inner = self.0.borrow_mut();
            inner.failed = true;
            inner.queue.clear();
            std::mem::take(&mut inner.waiting)
        };
        for (_, _, reply) in waiting {
            reply(vec!["failed".into()]);
        }
    }

    fn on_message(&self, msg: Vec<String>) {
        if failed(&msg) {
            self.fail();
            return;
        }
        if msg.first().map(String::as_str) == Some("ready") {
            let mut inner = self.0.borrow_mut();
            inner.ready = true;
            let queue = std::mem::take(&mut inner.queue);
            if let Some(w) = &inner.worker {
                for m in &queue {
                    w.post(m);
                }
            }
            return;
        }
        let reply = {
            let mut inner = self.0.borrow_mut();
            let id = msg.get(1).cloned().unwrap_or_default();
            inner
                .waiting
                .iter()
                .position(|(_, i, _)| *i == id)
                .map(|at| inner.waiting.remove(at).2)
        };
        if let Some(reply) = reply {
            reply(msg);
        }
    }
}
