//! awsvpc planner: how many Amazon ECS tasks in `awsvpc` network mode fit on EC2 instances, and when
//! the subnets run out of IPv4 addresses.
//!
//! # Organization
//! - [`calc`]: the pure core. Values in, values out; knows nothing of the browser; never panics on
//!   user input. Instance catalogue, CIDR rules, the plan, explanations, the link format.
//! - [`ui`]: Yew components that translate events into `calc` inputs and render `calc` outputs.
//! - [`shell`]: where the build-time render of the first screen goes in `index.html`.
//! - `refresh` (native only): rebuilds `data/*.csv` from AWS's published files
//!   (`scripts/refresh-data.sh`); never compiled into the wasm builds.
//!
//! `main.rs` mounts [`ui::App`] in place of the prerendered first screen and does nothing else;
//! `prerender.rs` (feature `prerender`, native) writes that first screen at build time.

pub mod calc;
pub mod shell;
pub mod ui;

#[cfg(not(target_arch = "wasm32"))]
pub mod refresh;
