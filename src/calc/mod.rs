//! The pure core: values in, values out.
//!
//! Knows nothing of the browser and never panics on user input: every parser returns a `Result`,
//! every lookup uses `get`, and arithmetic on user numbers is checked or saturating.
//!
//! # Organization
//! Dependencies run one way, from the vocabulary to what is made of it:
//! - [`input`]: the typed inputs ([`Inputs`]) and their vocabulary ([`Launch`], [`IpMode`],
//!   [`Deploy`], [`OtherEnis`]); the limits on each value.
//! - [`parse`]: one field's text read into a value.
//! - [`field`]: the form's fields declared once ([`Field`], [`Form`]), [`PlanError`], [`Fix`].
//! - [`catalog`]: every EC2 instance type with its ENI limits and ECS task density, with provenance.
//! - [`cidr`]: IPv4 CIDR parsing, AWS's VPC and subnet rules, subnet carving.
//! - [`density`]: tasks per instance ([`density()`], [`Density`]).
//! - [`fargate`]: AWS's Fargate task sizes.
//! - [`validate`]: the checks before a plan ([`conflicts`]).
//! - [`plan`]: the plan for one set of [`Inputs`]: instances and the IPv4 budget per AZ.
//! - [`warning`]: what a plan should warn of.
//! - [`scenario`]: the comparison with and without trunking and a secondary CIDR.
//! - [`rank`]: every instance type ranked for a plan.
//! - [`cluster`]: the plan of a whole cluster: several services on shared instances and
//!   subnets, daemons, spare capacity ([`cluster::plan()`], [`cluster::ClusterPlan`]).
//! - [`form`]: the form read as a whole into [`Inputs`] and planned.
//! - [`explain`]: formulas with the numbers put in, and the AWS source of each number.
//! - [`chart`]: geometry for the per-subnet bars and the growth chart.
//! - [`service`]: the services after the first, as the form holds them and a link writes them.
//! - [`share`]: the link format: every input in the URL fragment, decoded with per-key notices.
//! - [`subnets`]: the output of `aws ec2 describe-subnets`: existing subnets, what each already
//!   uses, and the host and task subnet chosen per AZ.
//! - [`export`]: the plan as Markdown, CSV, JSON (importable) and a Terraform snippet.
//! - [`fmt`]: number formatting shared by the UI and the exports.
//!
//! The items most callers need are re-exported here.

#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

pub mod catalog;
pub mod chart;
pub mod cidr;
pub mod cluster;
pub mod density;
pub mod explain;
pub mod export;
pub mod fargate;
pub mod field;
pub mod fmt;
pub mod form;
pub mod input;
pub mod parse;
pub mod plan;
pub mod rank;
pub mod scenario;
pub mod service;
pub mod share;
pub mod subnets;
pub mod validate;
pub mod warning;

pub use density::{density, registered_memory, Bound, Density};
pub use fargate::{fargate_errors, fargate_size, FargateSize, FARGATE_SIZES};
pub use field::{Field, Fix, Form, PlanError};
pub use input::{
    Choice, Deploy, Inputs, IpMode, Kind, Labels, Launch, Net, Os, OtherEnis, PeakMode, Scheduling,
    Service, Strategy, TaskPlace, DEFAULT_MEMORY_RESERVE_MIB, DEFAULT_REGISTERED_PERCENT, MAX_AZS,
    MAX_SERVICES, MAX_TASKS, MIN_REGISTERED_PERCENT,
};
pub use plan::{
    fits, peak_tasks, plan, spread, AzLoss, AzPlan, Curve, Plan, Sizing, SubnetUse, Totals,
};
pub use rank::{densities, rank, rank_from, select, Densities, RankQuery, RankRow, RankSort};
pub use scenario::{compare, Scenario};
pub use validate::conflicts;
pub use warning::{Warning, ENI_QUOTA_PER_REGION};
