//! Yew components: translate events into `calc` inputs and render `calc` outputs.
//!
//! No arithmetic here: every number shown comes from `calc` (values from
//! [`crate::calc::explain::value`], text from [`crate::calc::fmt`]).
//!
//! - `app`: the page layout (full and embed). `state`: the raw form, the last valid inputs, notices.
//! - `inputs`, `picker`: the input panel and the instance-type combobox.
//! - `results`, `metric`: the plan's numbers, each explaining itself.
//! - `compare`: the four-scenario comparison and the growth chart. `ranking`: every type ranked.
//! - `share`: copy link, embed code, exports, import, print. `web`: thin browser API wrappers.

mod app;
mod compare;
mod inputs;
mod metric;
mod picker;
mod ranking;
mod raw;
mod results;
mod share;
mod state;
mod web;

pub use app::App;
