//! Yew components: translate events into `calc` inputs and render `calc` outputs.
//!
//! No arithmetic here: every number shown comes from `calc` (values from
//! [`crate::calc::explain::value`], text from [`crate::calc::fmt`]).
//!
//! - `app`: the page (full and embed) and its event handling. `state`: the raw form, the last
//!   valid inputs, notices.
//! - `inputs`, `picker`: the input panel and the instance-type combobox, as markup.
//! - `results`: the plan's numbers as markup, each explaining itself.
//! - `below`: the comparison and the ranking sections, whose markup comes from the extras worker
//!   (`extras`, a second wasm module loaded on demand; `lazy` is the page's end of it).
//! - `share`: copy link, embed code, exports, import, print. `web`: thin browser API wrappers.

mod app;
mod below;
pub mod extras;
mod inputs;
mod lazy;
mod picker;
mod raw;
mod results;
mod share;
mod state;
mod web;

pub use app::App;

/// The extras worker's main loop (called by `src/worker.rs` in the browser).
pub fn serve_extras() {
    let mut extras = extras::Extras::default();
    web::serve_worker(move |msg| extras.respond(msg));
}
