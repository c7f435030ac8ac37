//! The page's end of the extras worker ([`super::extras`]): a thin typed bridge.
//!
//! Not `gloo-worker`/`yew-agent`: they spawn the worker with `expect`, and with `panic = "abort"`
//! a host policy that forbids workers (`worker-src 'none'`) would kill the whole page. Here a
//! worker that cannot start only fails its requests.
//!
//! The worker starts when the comparison comes near the viewport, the plan is reached, or an
//! export is asked for, never at load. Requests wait until it says it is [`Reply::Ready`]; a newer
//! [`Request::Sections`] replaces an older one still waiting, so only the newest is answered. When
//! the worker cannot start (its files missing or blocked, its wasm failing to load), every waiting
//! and later request gets `Err(Failed)` at once, and the page says so where the answer would have
//! gone ([`FAILED`]).

use super::protocol::{decode, encode, Reply, Request};
use super::web;
use std::cell::RefCell;
use std::rc::Rc;

/// Where the worker's loader is when the page does not say (`trunk serve` builds; release
/// builds name a content-hashed file in `<meta name="awsvpc-extras">`, see `scripts/post-build.mjs`).
const DEFAULT_URL: &str = "./awsvpc-extras_loader.js";

/// What the page shows where the worker's answer would have gone when it could not start.
pub const FAILED: &str = "This part could not be loaded: the page's worker did not start (its files may be missing or blocked on this host). Reload the page to try again.";

/// The worker could not start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failed;

type Answer = Box<dyn FnOnce(Result<Reply, Failed>)>;

#[derive(Default)]
struct Inner {
    worker: Option<web::Worker>,
    ready: bool,
    failed: bool,
    /// Encoded requests waiting for `Ready`: (id, is a sections request, bytes).
    queue: Vec<(u32, bool, Vec<u8>)>,
    next: u32,
    /// Who waits for which answer: (id, is a sections request, callback).
    waiting: Vec<(u32, bool, Answer)>,
}

/// A shared handle on the worker (cheap to clone). The app provides one to every component
/// through a `ContextProvider` ([`use_bridge`]); two handles are equal when they are the same.
#[derive(Clone, Default)]
pub struct Bridge(Rc<RefCell<Inner>>);

impl PartialEq for Bridge {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The page's worker bridge, from the app's context (a bridge of its own outside an app, e.g.
/// a component rendered alone in a test).
#[yew::hook]
pub fn use_bridge() -> Bridge {
    yew::use_context::<Bridge>().unwrap_or_default()
}

impl Bridge {
    /// Starts the worker unless it runs.
    pub fn start(&self) {
        if self.0.borrow().worker.is_some() || self.0.borrow().failed {
            return;
        }
        let (me, me2) = (self.clone(), self.clone());
        let url = web::meta("awsvpc-extras").unwrap_or_else(|| DEFAULT_URL.into());
        let w = web::Worker::spawn(&url, move |msg| me.on_message(&msg), move || me2.fail());
        let refused = w.is_none() && web::in_browser();
        self.0.borrow_mut().worker = w;
        if refused {
            // The browser would not even create it (e.g. a host policy forbids workers).
            self.fail();
        }
    }

    /// Sends `request` (starting the worker if needed); `answer` gets the reply.
    pub fn request(&self, request: &Request, answer: impl FnOnce(Result<Reply, Failed>) + 'static) {
        self.start();
        if self.0.borrow().failed {
            answer(Err(Failed));
            return;
        }
        let sections = matches!(request, Request::Sections(_));
        let mut inner = self.0.borrow_mut();
        inner.next = inner.next.wrapping_add(1).max(1);
        let id = inner.next;
        if sections {
            inner.waiting.retain(|(_, s, _)| !s);
            inner.queue.retain(|(_, s, _)| !s);
        }
        inner.waiting.push((id, sections, Box::new(answer)));
        let msg = encode(id, request);
        match (&inner.worker, inner.ready) {
            (Some(w), true) => w.post(&msg),
            _ => inner.queue.push((id, sections, msg)),
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
        for (_, _, answer) in waiting {
            answer(Err(Failed));
        }
    }

    fn on_message(&self, msg: &[u8]) {
        let (Some(id), body) = decode::<Reply>(msg) else {
            return;
        };
        if matches!(body, Ok(Reply::Ready)) {
            let mut inner = self.0.borrow_mut();
            inner.ready = true;
            let queue = std::mem::take(&mut inner.queue);
            if let Some(w) = &inner.worker {
                for (_, _, m) in &queue {
                    w.post(m);
                }
            }
            return;
        }
        let answer = {
            let mut inner = self.0.borrow_mut();
            inner
                .waiting
                .iter()
                .position(|(i, _, _)| *i == id)
                .map(|at| inner.waiting.remove(at).2)
        };
        if let Some(answer) = answer {
            // A reply this page cannot read, or a question the worker could not: the same as a
            // worker that did not answer.
            answer(match body {
                Ok(Reply::Unreadable(_)) | Err(_) => Err(Failed),
                Ok(reply) => Ok(reply),
            });
        }
    }
}
