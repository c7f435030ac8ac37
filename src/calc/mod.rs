//! The pure core: values in, values out.
//!
//! Knows nothing of the browser and never panics on user input: every parser returns a `Result`,
//! every lookup uses `get`, and arithmetic on user numbers is checked or saturating.
//!
//! # Organization
//! - [`catalog`]: every EC2 instance type with its ENI limits and ECS task density, with provenance.
//! - [`cidr`]: IPv4 CIDR parsing, AWS's VPC and subnet rules, subnet carving.
//! - [`plan`]: the plan for one set of [`plan::Inputs`]: density, instances, the IPv4 budget per AZ.
//! - [`form`]: the raw text of every input field, parsed into `Inputs` with per-field errors.
//! - [`explain`]: formulas with the numbers put in, and the AWS source of each number.
//! - [`chart`]: geometry for the per-subnet bars and the growth chart.
//! - [`share`]: the link format: every input in the URL fragment, decoded with per-key notices.
//! - [`subnets`]: the output of `aws ec2 describe-subnets`: existing subnets, what each already
//!   uses, and the host and task subnet chosen per AZ.
//! - [`export`]: the plan as Markdown, CSV, JSON (importable) and a Terraform snippet.
//! - [`fmt`]: number formatting shared by the UI and the exports.

#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

pub mod catalog;
pub mod chart;
pub mod cidr;
pub mod explain;
pub mod export;
pub mod fmt;
pub mod form;
pub mod plan;
pub mod share;
pub mod subnets;
