//! Which subnet has which role: the host (and optionally task) subnet of each AZ, and why a
//! selection cannot become a plan.

use super::{Import, Role, Unfit};
use crate::calc::{IpMode, MAX_AZS};
use std::fmt;

/// What a page calls the choice that leaves an AZ out of the plan (a host "subnet" that is none):
/// [`Selection::leave_out`] does it, and [`SelectError::TooManyAzs`] names it.
pub const LEAVE_OUT: &str = "Not in this plan";

/// Which subnet has which role: one mark per subnet of the [`Import`], by index. An AZ without a
/// host subnet is left out of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// The VPC the plan is for.
    pub vpc: String,
    /// The role of each subnet of the import (same index), or `None`.
    pub marks: Vec<Option<Role>>,
}

impl Selection {
    /// The default for `vpc`: in each of its AZs, the subnet with the most free addresses (the
    /// first listed on a tie) that can be a host subnet for `mode` is the host subnet; no task
    /// subnets.
    pub fn for_vpc(import: &Import, vpc: &str, mode: IpMode) -> Selection {
        let mut marks = vec![None; import.subnets.len()];
        for az in import.azs(vpc) {
            let mut best: Option<(usize, u64)> = None;
            for (n, s) in import.in_az(vpc, &az) {
                if s.fit(Role::Host, mode).is_err() {
                    continue;
                }
                let free = s.free().unwrap_or(0);
                if best.is_none_or(|(_, f)| free > f) {
                    best = Some((n, free));
                }
            }
            if let Some(m) = best.and_then(|(n, _)| marks.get_mut(n)) {
                *m = Some(Role::Host);
            }
        }
        Selection {
            vpc: vpc.to_string(),
            marks,
        }
    }

    /// The default selection: [`Selection::for_vpc`] of [`Import::default_vpc`].
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::{IpMode, subnets::{read, Role, Selection}};
    /// let out = r#"[{"SubnetId": "subnet-1", "VpcId": "vpc-a", "CidrBlock": "10.0.0.0/24", "AvailabilityZone": "eu-west-1a", "AvailableIpAddressCount": 20},
    ///               {"SubnetId": "subnet-2", "VpcId": "vpc-a", "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "eu-west-1a", "AvailableIpAddressCount": 200}]"#;
    /// let i = read(out).unwrap();
    /// assert_eq!(Selection::default_for(&i, IpMode::V4).marks, [None, Some(Role::Host)]);
    /// ```
    pub fn default_for(import: &Import, mode: IpMode) -> Selection {
        Selection::for_vpc(import, &import.default_vpc(), mode)
    }

    /// Marks subnet `index` for `role` (or clears it with `None`); another subnet of the same AZ
    /// and role loses that mark, so a page's radio buttons never make two.
    pub fn mark(&mut self, import: &Import, index: usize, role: Option<Role>) {
        let az = import.subnets.get(index).map(|s| s.az.clone());
        if let (Some(az), Some(r)) = (az, role) {
            for (n, m) in self.marks.iter_mut().enumerate() {
                let same_az = import.subnets.get(n).is_some_and(|s| s.az == az);
                if n != index && same_az && *m == Some(r) {
                    *m = None;
                }
            }
        }
        if let Some(m) = self.marks.get_mut(index) {
            *m = role;
        }
    }

    /// Leaves AZ `az` out of the plan: none of its subnets keeps a role (a task subnet without a
    /// host subnet would be an error). Marking one of its subnets as host brings it back.
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::{IpMode, subnets::{read, Selection}};
    /// let out = r#"[{"SubnetId": "subnet-1", "VpcId": "vpc-a", "CidrBlock": "10.0.0.0/24", "AvailabilityZone": "eu-west-1a", "AvailableIpAddressCount": 20},
    ///               {"SubnetId": "subnet-2", "VpcId": "vpc-a", "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "eu-west-1b", "AvailableIpAddressCount": 200}]"#;
    /// let i = read(out).unwrap();
    /// let mut s = Selection::default_for(&i, IpMode::V4);
    /// s.leave_out(&i, "eu-west-1a");
    /// assert_eq!(s.marks, [None, Some(awsvpc_planner::calc::subnets::Role::Host)]);
    /// ```
    pub fn leave_out(&mut self, import: &Import, az: &str) {
        for (m, s) in self.marks.iter_mut().zip(&import.subnets) {
            if s.az == az {
                *m = None;
            }
        }
    }
}

/// Why a selection cannot become a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SelectError {
    /// No host subnet is marked.
    NoHost,
    /// Marked subnets in more than one VPC; carries the VPC ids.
    SeveralVpcs(Vec<String>),
    /// More AZs with a host subnet than a plan spans; carries the count.
    TooManyAzs(usize),
    /// Two subnets marked for the same role in one AZ.
    TwoInOneAz {
        /// The AZ.
        az: String,
        /// The role.
        role: Role,
        /// The two subnets' labels.
        subnets: [String; 2],
    },
    /// A task subnet in an AZ without a host subnet.
    TaskWithoutHost(String),
    /// A marked subnet that cannot take its role.
    Unfit {
        /// The subnet's label.
        subnet: String,
        /// Its role.
        role: Role,
        /// Why not.
        why: Unfit,
    },
    /// Task subnets that mix IPv6-only subnets and subnets with IPv4.
    MixedTaskSubnets,
    /// Task subnets in some AZs but not all.
    TaskSubnetsInSomeAzs {
        /// AZs with a task subnet.
        marked: usize,
        /// AZs with a host subnet.
        azs: usize,
    },
    /// Subnets of one role that are not inside one /16 (the largest VPC CIDR block).
    NotInOneBlock {
        /// The role.
        role: Role,
        /// The smallest block holding them.
        span: String,
    },
    /// An IPv6 subnet size the planner does not model.
    Ipv6Prefix {
        /// The subnet's label.
        subnet: String,
        /// Its IPv6 prefix.
        prefix: u8,
    },
}

impl fmt::Display for SelectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SelectError::NoHost => f.write_str("mark a host subnet in at least one AZ"),
            SelectError::SeveralVpcs(v) => write!(
                f,
                "the marked subnets are in {} VPCs ({}): a plan covers one VPC; pick one",
                v.len(),
                v.join(", ")
            ),
            SelectError::TooManyAzs(n) => {
                let over = n.saturating_sub(MAX_AZS as usize);
                write!(
                    f,
                    "{n} AZs have a host subnet: a plan spans at most {MAX_AZS}; leave {over} out by choosing “{LEAVE_OUT}” as {} host subnet",
                    if over == 1 { "its" } else { "their" }
                )
            }
            SelectError::TwoInOneAz { az, role, subnets: [a, b] } => write!(
                f,
                "{az}: two {} subnets marked ({a} and {b}); mark one",
                role.id()
            ),
            SelectError::TaskWithoutHost(az) => {
                write!(f, "{az}: a task subnet needs a host subnet in the same AZ (ECS places a task's ENI in a subnet in its instance's AZ)")
            }
            SelectError::Unfit { subnet, role, why } => {
                write!(f, "{subnet} cannot be the {} subnet: {why}", role.id())
            }
            SelectError::MixedTaskSubnets => f.write_str(
                "the task subnets mix IPv6-only subnets and subnets with IPv4: choose one kind",
            ),
            SelectError::TaskSubnetsInSomeAzs { marked, azs } => write!(
                f,
                "task subnets are marked in {marked} of {azs} AZs: mark one in every AZ, or none (tasks then share the host subnets)"
            ),
            SelectError::NotInOneBlock { role, span } => write!(
                f,
                "the {} subnets span {span}, more than one /16 VPC CIDR block: the planner needs them in one block",
                role.id()
            ),
            SelectError::Ipv6Prefix { subnet, prefix } => write!(
                f,
                "{subnet} has a /{prefix} IPv6 CIDR: the planner models /44 to /64 in steps of 4"
            ),
        }
    }
}

impl std::error::Error for SelectError {}
