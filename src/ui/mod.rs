//! Yew components: translate events into `calc` inputs and render `calc` outputs.
//!
//! No arithmetic here: every number shown comes from `calc` (values from
//! [`crate::calc::explain::value`], text from [`crate::calc::fmt`]), computed on the page or in
//! the extras worker.
//!
//! - `app`: the shell — page state ([`state`]), explanations, share status, the worker, the URL.
//! - `header`, `notices`, `footer`: around the calculator.
//! - `inputs` (made of `fields` and the `picker`): the form.
//! - `results`: the plan's numbers, warnings, the per-AZ table, AZ loss, sizing; `explain` shows
//!   how a number is computed.
//! - `existing`: import `aws ec2 describe-subnets` and mark each AZ's host and task subnet.
//! - `compare` (comparison and growth chart) and `ranking`: below the fold, from the worker.
//! - `protocol`: the worker's typed messages; `extras`: the worker's side; `bridge`: the page's.
//! - `web`: the few browser APIs gloo has no wrapper for.

mod app;
mod bridge;
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
mod state;
mod web;

pub use app::{App, AppProps};

/// The extras worker's main loop (called by `src/worker.rs` in the browser).
pub fn serve_extras() {
    let mut extras = extras::Extras::default();
    web::serve_worker(
        move |msg| {
            let env = protocol::decode::<protocol::Request>(msg)?;
            Some(protocol::encode(env.id, &extras.respond(env.body)))
        },
        &protocol::encode(0, &protocol::Reply::Ready),
    );
}
