//! The subnets you already have: the output of `aws ec2 describe-subnets`, read into typed
//! subnets with what each already uses ([`read()`]), the choice of a host (and optionally a task)
//! subnet per Availability Zone ([`Selection`]), and that choice as a plan's fields ([`apply()`]).
//!
//! In use now = usable − `AvailableIpAddressCount`, where usable = 2^(32 − prefix) − 5. The count
//! is a snapshot taken when the command ran; EC2 counts the addresses of stopped instances as
//! unavailable.
//!
//! Nothing here panics: a document that cannot be read is a [`ReadError`]; a subnet that cannot
//! be used is listed with its [`Problem`]s; a selection that cannot be planned is a list of
//! [`SelectError`]s.
//!
//! # Organization
//! - this module: [`Subnet`], one subnet of the output, and the [`Role`] it can take.
//! - [`read`]: the JSON read with serde into an [`Import`].
//! - [`select`]: the [`Selection`] of a host and task subnet per AZ, or none ([`LEAVE_OUT`]).
//! - [`apply`]: a selection as the form's fields ([`Applied`]).

use crate::calc::cidr;
use crate::calc::IpMode;
use ipnet::{Ipv4Net, Ipv6Net};
use std::fmt;

pub mod apply;
pub mod read;
pub mod select;

pub use apply::{apply, Applied};
pub use read::{
    read, Import, Problem, RawIpv6Association, RawIpv6State, RawSubnet, RawTag, ReadError,
    VpcSummary, MAX_INPUT,
};
pub use select::{SelectError, Selection, LEAVE_OUT};

/// One subnet of the output, with what the planner needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subnet {
    /// 1-based position in the output.
    pub position: usize,
    /// `SubnetId` (empty when missing).
    pub id: String,
    /// `VpcId` (empty when missing).
    pub vpc: String,
    /// The `Name` tag (empty when none).
    pub name: String,
    /// `AvailabilityZone` (empty when missing).
    pub az: String,
    /// `AvailabilityZoneId` (empty when missing).
    pub az_id: String,
    /// The IPv4 CIDR.
    pub cidr: Option<Ipv4Net>,
    /// `AvailableIpAddressCount`.
    pub available: Option<u64>,
    /// The first associated IPv6 CIDR.
    pub ipv6: Option<Ipv6Net>,
    /// `Ipv6Native`: an IPv6-only subnet (no IPv4).
    pub ipv6_native: bool,
    /// Why it cannot be used at all (empty: it can).
    pub problems: Vec<Problem>,
}

impl Subnet {
    /// Usable IPv4 addresses, 2^(32 − prefix) − 5 (None without a valid CIDR).
    pub fn usable(&self) -> Option<u64> {
        self.cidr
            .and_then(|c| cidr::usable_ipv4(c.prefix_len()).ok())
    }

    /// IPv4 addresses in use now: usable − `AvailableIpAddressCount` (None when either is
    /// missing, or the subnet has a problem).
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::subnets::read;
    /// let out = r#"{"Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1", "CidrBlock": "10.0.0.0/24",
    ///   "AvailabilityZone": "us-east-1a", "AvailableIpAddressCount": 214}]}"#;
    /// let s = &read(out).unwrap().subnets[0];
    /// assert_eq!((s.usable(), s.in_use()), (Some(251), Some(37)));
    /// ```
    pub fn in_use(&self) -> Option<u64> {
        if !self.problems.is_empty() {
            return None;
        }
        self.usable()?.checked_sub(self.available?)
    }

    /// Free IPv4 addresses now (`AvailableIpAddressCount`), when the subnet can be used.
    pub fn free(&self) -> Option<u64> {
        self.in_use().and(self.available)
    }

    /// How people see it: `Name (subnet-…)`, the id alone, or `subnet #n` when it has neither.
    pub fn label(&self) -> String {
        match (self.name.is_empty(), self.id.is_empty()) {
            (false, false) => format!("{} ({})", self.name, self.id),
            (true, false) => self.id.clone(),
            (false, true) => self.name.clone(),
            (true, true) => format!("subnet #{}", self.position),
        }
    }

    /// Whether this subnet can take `role` for tasks of `mode`, and why not.
    ///
    /// An IPv6-only (`Ipv6Native`) subnet has no IPv4 addresses: it can hold only IPv6-only tasks,
    /// as a task subnet; every host subnet needs IPv4 for the instances' primary ENIs (and load
    /// balancer, NAT and endpoint ENIs). Dual-stack and IPv6-only plans need an IPv6 CIDR.
    ///
    /// # Errors
    /// The [`Unfit`] reason.
    pub fn fit(&self, role: Role, mode: IpMode) -> Result<(), Unfit> {
        if let Some(p) = self.problems.first() {
            return Err(Unfit::Problem(p.clone()));
        }
        if self.ipv6_native {
            return match (role, mode) {
                (Role::Task, IpMode::V6Only) if self.ipv6.is_some() => Ok(()),
                (Role::Task, IpMode::V6Only) => Err(Unfit::NoIpv6),
                (Role::Task, _) => Err(Unfit::Ipv6OnlyTasks),
                (Role::Host, _) => Err(Unfit::Ipv6OnlyHost),
            };
        }
        if mode != IpMode::V4 && self.ipv6.is_none() {
            return Err(Unfit::NoIpv6);
        }
        Ok(())
    }
}

/// The role of a subnet in an AZ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// The host subnet: container instances (and tasks, without a task subnet), load balancer,
    /// NAT and endpoint ENIs.
    Host,
    /// The task subnet: the tasks' ENIs (ECS places a task's ENI in a subnet in the instance's AZ).
    Task,
}

impl Role {
    /// `host` or `task`.
    pub fn id(self) -> &'static str {
        match self {
            Role::Host => "host",
            Role::Task => "task",
        }
    }
}

/// Why a subnet cannot take a role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unfit {
    /// The subnet cannot be used at all.
    Problem(Problem),
    /// An IPv6-only subnet as a host subnet.
    Ipv6OnlyHost,
    /// An IPv6-only subnet as a task subnet for tasks that need IPv4.
    Ipv6OnlyTasks,
    /// No IPv6 CIDR, in a dual-stack or IPv6-only plan.
    NoIpv6,
}

impl fmt::Display for Unfit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unfit::Problem(p) => p.fmt(f),
            Unfit::Ipv6OnlyHost => f.write_str(
                "IPv6-only subnet (Ipv6Native): it has no IPv4 addresses, and the planner counts each instance's primary IPv4 address (and load balancer, NAT and endpoint addresses) in the host subnet; use it as the task subnet for IPv6-only tasks",
            ),
            Unfit::Ipv6OnlyTasks => f.write_str(
                "IPv6-only subnet (Ipv6Native): it has no IPv4 addresses, so it holds only IPv6-only tasks; choose IPv6-only tasks to use it",
            ),
            Unfit::NoIpv6 => f.write_str(
                "no associated IPv6 CIDR: dual-stack and IPv6-only tasks need an IPv6 subnet",
            ),
        }
    }
}
