//! Yew components: translate events into `calc` inputs and render `calc` outputs.
//!
//! No arithmetic here: every number shown comes from `calc` (values from
//! [`crate::calc::explain::value`], text from [`crate::calc::fmt`]), computed on the page or in
//! the extras worker.
//!
//! - `app`: the page: its state (`state`, a reducer), the worker bridge provided to every
//!   component, the address bar kept in step with the fields, and the take-over of the
//!   prerendered first screen (`takeover`).
//! - `header` (the share bar: links, exports, JSON import, print), `notices`, `footer`.
//! - `inputs` (made of `fields` and the `picker`): the form.
//! - `results`: the plan's numbers, warnings, the per-AZ table, AZ loss, sizing; `explain` is the
//!   one disclosure that shows how a number is computed.
//! - `existing`: import `aws ec2 describe-subnets` and mark each AZ's host and task subnet.
//! - `below` (the sections below the fold, asked of the worker), made of `compare` (comparison
//!   and growth chart) and `ranking`.
//! - `protocol`: the worker's typed messages; `extras`: the worker's side; `bridge`: the page's.
//! - `web`: the few browser APIs gloo has no wrapper for.

mod app;
mod below;
mod bridge;
mod cluster;
mod compare;
mod existing;
mod explain;
pub mod extras;
mod fields;
mod footer;
mod header;
mod inputs;
mod notices;
mod picker;
pub mod protocol;
mod ranking;
mod results;
mod services;
pub mod state;
mod takeover;
mod web;

pub use app::{App, AppProps};

/// The extras worker's answer to one message: the reply to its request, or, to a request it
/// cannot read, [`protocol::Reply::Unreadable`] saying why (never a guess); nothing when the
/// message has no request number.
pub fn answer(extras: &mut extras::Extras, msg: &[u8]) -> Option<Vec<u8>> {
    let (id, body) = protocol::decode::<protocol::Request>(msg);
    let reply = match body {
        Ok(request) => extras.respond(request),
        Err(e) => protocol::Reply::Unreadable(format!("the message could not be read: {e}")),
    };
    Some(protocol::encode(id?, &reply))
}

/// The extras worker's main loop (called by `src/worker.rs` in the browser).
pub fn serve_extras() {
    let mut extras = extras::Extras::default();
    web::serve_worker(
        move |msg| answer(&mut extras, msg),
        &protocol::encode(0, &protocol::Reply::Ready),
    );
}
