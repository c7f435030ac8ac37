//! The subnets you already have: the output of `aws ec2 describe-subnets`, read into typed
//! subnets with what each already uses, and the choice of a host (and optionally a task) subnet
//! per Availability Zone that becomes a plan's inputs.
//!
//! The shape is the one the AWS CLI and the EC2 API reference document (`Subnets[]` of the
//! `Subnet` data type, <https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Subnet.html>):
//! `SubnetId`, `VpcId`, `CidrBlock`, `AvailabilityZone`, `AvailabilityZoneId`,
//! `AvailableIpAddressCount`, `Ipv6CidrBlockAssociationSet[]` (`Ipv6CidrBlock`,
//! `Ipv6CidrBlockState.State`), `Ipv6Native` and `Tags[]` (`Key`, `Value`). Every other field is
//! ignored. A bare array of subnets (`--query Subnets`) is read too.
//!
//! In use now = usable − `AvailableIpAddressCount`, where usable = 2^(32 − prefix) − 5. The count
//! is a snapshot taken when the command ran; EC2 counts the addresses of stopped instances as
//! unavailable.
//!
//! Nothing here panics: a document that cannot be read is a [`ReadError`]; a subnet that cannot
//! be used is listed with its [`Problem`]s; a selection that cannot be planned is a list of
//! [`SelectError`]s.

use crate::calc::cidr;
use crate::calc::fmt::int;
use crate::calc::form::{self, Form};
use crate::calc::plan::{Field, IpMode, MAX_AZS};
use ipnet::{Ipv4Net, Ipv6Net};
use serde::Deserialize;
use serde_json::Value;
use std::fmt;

/// Largest text [`read`] accepts, in bytes (5 MB).
pub const MAX_INPUT: usize = 5 * 1024 * 1024;

/// One subnet as `describe-subnets` writes it (the fields the planner reads; others are ignored).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RawSubnet {
    /// `SubnetId`, e.g. `subnet-0123456789abcdef0`.
    pub subnet_id: Option<String>,
    /// `VpcId`.
    pub vpc_id: Option<String>,
    /// `CidrBlock`: the IPv4 CIDR (absent for an IPv6-only subnet).
    pub cidr_block: Option<String>,
    /// `AvailabilityZone`, e.g. `us-east-1a`.
    pub availability_zone: Option<String>,
    /// `AvailabilityZoneId`, e.g. `use1-az4`.
    pub availability_zone_id: Option<String>,
    /// `AvailableIpAddressCount`: unused private IPv4 addresses when the command ran.
    pub available_ip_address_count: Option<u64>,
    /// `Ipv6CidrBlockAssociationSet`.
    pub ipv6_cidr_block_association_set: Option<Vec<RawIpv6Association>>,
    /// `Ipv6Native`: an IPv6-only subnet.
    pub ipv6_native: Option<bool>,
    /// `Tags`.
    pub tags: Option<Vec<RawTag>>,
}

/// One entry of `Ipv6CidrBlockAssociationSet`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RawIpv6Association {
    /// `Ipv6CidrBlock`, e.g. `2600:1f18:abc:de00::/64`.
    pub ipv6_cidr_block: Option<String>,
    /// `Ipv6CidrBlockState`.
    pub ipv6_cidr_block_state: Option<RawIpv6State>,
}

/// `Ipv6CidrBlockState`: `State` is `associating`, `associated`, `disassociating`, … .
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RawIpv6State {
    /// `State`.
    pub state: Option<String>,
}

/// One entry of `Tags`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RawTag {
    /// `Key`.
    pub key: Option<String>,
    /// `Value`.
    pub value: Option<String>,
}

/// Why a subnet of the output cannot be used at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// An entry that is not a subnet object, or a field of the wrong type; carries what is wrong.
    Unreadable(String),
    /// No `CidrBlock` (and not an IPv6-only subnet).
    NoCidr,
    /// A `CidrBlock` that is not an IPv4 subnet of /16–/28; carries the text.
    BadCidr(String),
    /// No `AvailableIpAddressCount`.
    NoAvailableCount,
    /// `AvailableIpAddressCount` larger than the subnet's usable addresses.
    AvailableOverUsable {
        /// `AvailableIpAddressCount`.
        available: u64,
        /// 2^(32 − prefix) − 5.
        usable: u64,
    },
    /// No `AvailabilityZone`.
    NoAz,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Unreadable(why) => write!(f, "unreadable: {why}"),
            Problem::NoCidr => f.write_str("no CidrBlock: its IPv4 size is unknown"),
            Problem::BadCidr(s) => write!(
                f,
                "CidrBlock {} is not an IPv4 subnet of /16 to /28",
                cidr::quote(s)
            ),
            Problem::NoAvailableCount => {
                f.write_str("no AvailableIpAddressCount: what it already uses is unknown")
            }
            Problem::AvailableOverUsable { available, usable } => write!(
                f,
                "AvailableIpAddressCount {} is more than its {} usable addresses",
                int(*available),
                int(*usable)
            ),
            Problem::NoAz => f.write_str("no AvailabilityZone"),
        }
    }
}

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

/// Why a text is not something [`read`] can use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Over [`MAX_INPUT`] bytes; carries the size.
    TooLarge(usize),
    /// Nothing but white space.
    Empty,
    /// Not JSON: where reading stopped (1-based line and column) and what was wrong.
    NotJson {
        /// Line, from 1.
        line: usize,
        /// Column, from 1.
        column: usize,
        /// What the JSON reader expected.
        what: String,
    },
    /// The JSON of another AWS CLI command; carries the command and the key that shows it.
    OtherCommand {
        /// The command, e.g. `aws ec2 describe-vpcs`.
        command: &'static str,
        /// The top-level key, e.g. `Vpcs`.
        key: &'static str,
    },
    /// JSON without a `Subnets` list; carries the top-level keys (at most five) or the JSON type.
    NoSubnets(String),
    /// A `Subnets` list with nothing in it.
    NoneListed,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::TooLarge(n) => write!(
                f,
                "the file is {} bytes; at most {} (5 MB) are read: run describe-subnets with --filters Name=vpc-id,Values=vpc-… to list one VPC",
                int(*n as u64),
                int(MAX_INPUT as u64)
            ),
            ReadError::Empty => f.write_str("nothing to read: paste the output of aws ec2 describe-subnets"),
            ReadError::NotJson { line, column, what } => write!(
                f,
                "this is not JSON (line {line}, column {column}: {what}); paste the output of aws ec2 describe-subnets --output json"
            ),
            ReadError::OtherCommand { command, key } => write!(
                f,
                "this is the output of {command} (it lists {key}), not of aws ec2 describe-subnets"
            ),
            ReadError::NoSubnets(what) => write!(
                f,
                "no \"Subnets\" list in this JSON ({what}): paste the output of aws ec2 describe-subnets"
            ),
            ReadError::NoneListed => f.write_str(
                "the output lists no subnets: check the --filters, the Region and the account",
            ),
        }
    }
}

impl std::error::Error for ReadError {}

/// Top-level keys of other AWS CLI commands' output, and the command each belongs to.
const OTHER_COMMANDS: [(&str, &str); 14] = [
    ("Vpcs", "aws ec2 describe-vpcs"),
    ("Reservations", "aws ec2 describe-instances"),
    ("Subnet", "aws ec2 create-subnet"),
    ("SecurityGroups", "aws ec2 describe-security-groups"),
    ("NetworkInterfaces", "aws ec2 describe-network-interfaces"),
    ("RouteTables", "aws ec2 describe-route-tables"),
    ("AvailabilityZones", "aws ec2 describe-availability-zones"),
    ("NatGateways", "aws ec2 describe-nat-gateways"),
    ("VpcEndpoints", "aws ec2 describe-vpc-endpoints"),
    ("InstanceTypes", "aws ec2 describe-instance-types"),
    ("InternetGateways", "aws ec2 describe-internet-gateways"),
    ("LoadBalancers", "aws elbv2 describe-load-balancers"),
    ("services", "aws ecs describe-services"),
    ("taskDefinition", "aws ecs describe-task-definition"),
];

/// The subnets of one `describe-subnets` output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    /// Every subnet, in output order, usable or not.
    pub subnets: Vec<Subnet>,
    /// The output has a `NextToken`: it is one page, and more subnets exist.
    pub more_pages: bool,
}

/// One VPC of an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VpcSummary {
    /// `VpcId` (empty for subnets without one).
    pub id: String,
    /// Subnets listed in it.
    pub subnets: usize,
    /// Of those, subnets without a [`Problem`].
    pub usable_subnets: usize,
    /// Distinct AZs of its usable subnets.
    pub azs: usize,
    /// Free IPv4 over its usable subnets.
    pub free: u64,
}

/// Reads the output of `aws ec2 describe-subnets` (JSON): every subnet, each with its problems.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::subnets::read;
/// let out = r#"{"Subnets": [
///   {"SubnetId": "subnet-1", "VpcId": "vpc-1", "CidrBlock": "10.0.0.0/24", "AvailabilityZone": "us-east-1a",
///    "AvailableIpAddressCount": 200, "Tags": [{"Key": "Name", "Value": "app-a"}]},
///   {"SubnetId": "subnet-2", "VpcId": "vpc-1", "AvailabilityZone": "us-east-1b", "AvailableIpAddressCount": 9}]}"#;
/// let i = read(out).unwrap();
/// assert_eq!(i.subnets[0].label(), "app-a (subnet-1)");
/// assert_eq!(i.subnets[0].in_use(), Some(51));
/// assert_eq!(i.subnets[1].problems[0].to_string(), "no CidrBlock: its IPv4 size is unknown");
/// assert!(read("{\"Vpcs\": []}").unwrap_err().to_string().contains("describe-vpcs"));
/// ```
///
/// # Errors
/// A [`ReadError`]: too large, not JSON (with line and column), another command's output, no
/// `Subnets` list, or an empty one.
pub fn read(text: &str) -> Result<Import, ReadError> {
    if text.len() > MAX_INPUT {
        return Err(ReadError::TooLarge(text.len()));
    }
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    let top: Value = serde_json::from_str(text).map_err(|e| {
        let full = e.to_string();
        let what = full
            .rsplit_once(" at line ")
            .map_or(full.as_str(), |(w, _)| w)
            .to_string();
        ReadError::NotJson {
            line: e.line(),
            column: e.column(),
            what,
        }
    })?;
    let (list, more_pages) = match top {
        Value::Object(mut map) => {
            let more = map.get("NextToken").is_some_and(|t| !t.is_null());
            match map.remove("Subnets") {
                Some(Value::Array(list)) => (list, more),
                Some(other) => {
                    return Err(ReadError::NoSubnets(format!(
                        "\"Subnets\" is {}, not a list",
                        json_type(&other)
                    )))
                }
                None => {
                    if let Some((key, command)) =
                        OTHER_COMMANDS.iter().find(|(k, _)| map.contains_key(*k))
                    {
                        return Err(ReadError::OtherCommand { command, key });
                    }
                    let keys: Vec<String> = map
                        .keys()
                        .take(5)
                        .map(|k| format!("\"{}\"", clip(k)))
                        .collect();
                    return Err(ReadError::NoSubnets(if keys.is_empty() {
                        "an empty object".to_string()
                    } else {
                        format!("its keys: {}", keys.join(", "))
                    }));
                }
            }
        }
        Value::Array(list) => (list, false),
        other => return Err(ReadError::NoSubnets(format!("it is {}", json_type(&other)))),
    };
    if list.is_empty() {
        return Err(ReadError::NoneListed);
    }
    if let [Value::Object(first), ..] = list.as_slice() {
        if !first.contains_key("SubnetId") && !first.contains_key("CidrBlock") {
            if let Some((key, command)) =
                OTHER_COMMANDS.iter().find(|(k, _)| first.contains_key(*k))
            {
                return Err(ReadError::OtherCommand { command, key });
            }
        }
    }
    let subnets = list
        .into_iter()
        .enumerate()
        .map(|(n, v)| subnet(n + 1, v))
        .collect();
    Ok(Import {
        subnets,
        more_pages,
    })
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// At most 40 characters of `s`, control characters replaced.
fn clip(s: &str) -> String {
    s.chars()
        .take(40)
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect()
}

/// Fields read from a subnet object, for naming the one of the wrong type.
const FIELDS: [&str; 9] = [
    "SubnetId",
    "VpcId",
    "CidrBlock",
    "AvailabilityZone",
    "AvailabilityZoneId",
    "AvailableIpAddressCount",
    "Ipv6CidrBlockAssociationSet",
    "Ipv6Native",
    "Tags",
];

/// One entry of `Subnets` into a [`Subnet`].
fn subnet(position: usize, v: Value) -> Subnet {
    let empty = |problem: Problem| Subnet {
        position,
        id: String::new(),
        vpc: String::new(),
        name: String::new(),
        az: String::new(),
        az_id: String::new(),
        cidr: None,
        available: None,
        ipv6: None,
        ipv6_native: false,
        problems: vec![problem],
    };
    let Value::Object(map) = v else {
        return empty(Problem::Unreadable(format!(
            "entry {position} is {}, not a subnet object",
            json_type(&v)
        )));
    };
    let raw: RawSubnet = match serde_json::from_value(Value::Object(map.clone())) {
        Ok(r) => r,
        Err(e) => {
            // Name the field of the wrong type: the first that does not read on its own.
            let bad = FIELDS.iter().find(|f| {
                map.get(**f).is_some_and(|x| {
                    let mut one = serde_json::Map::new();
                    one.insert((**f).to_string(), x.clone());
                    serde_json::from_value::<RawSubnet>(Value::Object(one)).is_err()
                })
            });
            let mut s = empty(Problem::Unreadable(match bad {
                Some(f) => format!("{f} is not what the EC2 API documents ({e})"),
                None => e.to_string(),
            }));
            if let Some(Value::String(id)) = map.get("SubnetId") {
                s.id = clip(id);
            }
            return s;
        }
    };
    from_raw(position, raw)
}

fn from_raw(position: usize, raw: RawSubnet) -> Subnet {
    let text = |s: Option<String>| clip(s.as_deref().unwrap_or("").trim());
    let name = raw
        .tags
        .unwrap_or_default()
        .into_iter()
        .find(|t| t.key.as_deref() == Some("Name"))
        .and_then(|t| t.value)
        .map(|v| {
            v.trim()
                .chars()
                .take(64)
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect::<String>()
        })
        .unwrap_or_default();
    let ipv6_native = raw.ipv6_native == Some(true);
    let ipv6 = raw
        .ipv6_cidr_block_association_set
        .unwrap_or_default()
        .into_iter()
        .filter(|a| {
            a.ipv6_cidr_block_state
                .as_ref()
                .and_then(|s| s.state.as_deref())
                .is_none_or(|s| s == "associated")
        })
        .find_map(|a| a.ipv6_cidr_block?.trim().parse::<Ipv6Net>().ok());
    let mut problems = Vec::new();
    let cidr = match raw.cidr_block.as_deref().map(str::trim) {
        None | Some("") if ipv6_native => None,
        None | Some("") => {
            problems.push(Problem::NoCidr);
            None
        }
        Some(c) => match c.parse::<Ipv4Net>() {
            Ok(n) if n.addr() == n.network() && cidr::usable_ipv4(n.prefix_len()).is_ok() => {
                Some(n)
            }
            _ => {
                problems.push(Problem::BadCidr(c.to_string()));
                None
            }
        },
    };
    let available = raw.available_ip_address_count;
    if !ipv6_native {
        match (
            available,
            cidr.and_then(|c| cidr::usable_ipv4(c.prefix_len()).ok()),
        ) {
            (None, _) => problems.push(Problem::NoAvailableCount),
            (Some(a), Some(u)) if a > u => problems.push(Problem::AvailableOverUsable {
                available: a,
                usable: u,
            }),
            _ => {}
        }
    }
    let az = text(raw.availability_zone);
    if az.is_empty() {
        problems.push(Problem::NoAz);
    }
    Subnet {
        position,
        id: text(raw.subnet_id),
        vpc: text(raw.vpc_id),
        name,
        az,
        az_id: text(raw.availability_zone_id),
        cidr,
        available: if ipv6_native { None } else { available },
        ipv6,
        ipv6_native,
        problems,
    }
}

impl Import {
    /// The VPCs of the output, in order of first appearance, with what each holds.
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::subnets::read;
    /// let out = r#"[{"SubnetId": "subnet-1", "VpcId": "vpc-a", "CidrBlock": "10.0.0.0/24", "AvailabilityZone": "eu-west-1a", "AvailableIpAddressCount": 251},
    ///               {"SubnetId": "subnet-2", "VpcId": "vpc-b", "CidrBlock": "10.1.0.0/24", "AvailabilityZone": "eu-west-1a", "AvailableIpAddressCount": 100}]"#;
    /// let v = read(out).unwrap().vpcs();
    /// assert_eq!(v.iter().map(|v| v.id.as_str()).collect::<Vec<_>>(), ["vpc-a", "vpc-b"]);
    /// assert_eq!(v[1].free, 100);
    /// ```
    pub fn vpcs(&self) -> Vec<VpcSummary> {
        let mut out: Vec<VpcSummary> = Vec::new();
        for s in &self.subnets {
            if !out.iter().any(|v| v.id == s.vpc) {
                out.push(VpcSummary {
                    id: s.vpc.clone(),
                    subnets: 0,
                    usable_subnets: 0,
                    azs: self.azs(&s.vpc).len(),
                    free: 0,
                });
            }
            if let Some(v) = out.iter_mut().find(|v| v.id == s.vpc) {
                v.subnets += 1;
                if s.problems.is_empty() {
                    v.usable_subnets += 1;
                    v.free = v.free.saturating_add(s.free().unwrap_or(0));
                }
            }
        }
        out
    }

    /// The AZ names of `vpc`'s subnets without problems, sorted.
    pub fn azs(&self, vpc: &str) -> Vec<String> {
        let mut azs: Vec<String> = Vec::new();
        for s in self
            .subnets
            .iter()
            .filter(|s| s.vpc == vpc && s.problems.is_empty())
        {
            if !azs.contains(&s.az) {
                azs.push(s.az.clone());
            }
        }
        azs.sort_unstable();
        azs
    }

    /// The subnets of `vpc` in `az`, with their index in [`Import::subnets`].
    pub fn in_az<'a>(
        &'a self,
        vpc: &'a str,
        az: &'a str,
    ) -> impl Iterator<Item = (usize, &'a Subnet)> + 'a {
        self.subnets
            .iter()
            .enumerate()
            .filter(move |(_, s)| s.vpc == vpc && s.az == az)
    }

    /// The VPC a selection starts with: the one with the most usable subnets, then the most free
    /// addresses, then the first listed.
    pub fn default_vpc(&self) -> String {
        let vpcs = self.vpcs();
        let mut best: Option<&VpcSummary> = None;
        for v in &vpcs {
            if best.is_none_or(|b| (v.usable_subnets, v.free) > (b.usable_subnets, b.free)) {
                best = Some(v);
            }
        }
        best.map(|v| v.id.clone()).unwrap_or_default()
    }
}

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
    /// use awsvpc_planner::calc::{plan::IpMode, subnets::{read, Role, Selection}};
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
            SelectError::TooManyAzs(n) => write!(
                f,
                "{n} AZs have a host subnet: a plan spans at most {MAX_AZS}; leave {} out",
                n.saturating_sub(MAX_AZS as usize)
            ),
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

/// A selection as a plan's fields, with what the user should know about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The form with the AZ count, the VPC CIDR, the listed host (and task) subnets with their
    /// in-use counts, the AZ names, subnet ids and names, and for dual-stack and IPv6-only plans
    /// the IPv6 prefix set; every other field as it was.
    pub form: Form,
    /// The fields that changed, by link key with their new text (`0`/`1` for toggles), in link
    /// order: what a page or worker applies with [`Form::set`].
    pub changes: Vec<(&'static str, String)>,
    /// Notes to show beside the import (lowercase sentences).
    pub notes: Vec<String>,
}

/// Bytes a name takes in a link (percent-encoded, `\,` for a comma) at most: six fit in one
/// link value (1,000 bytes).
const MAX_NAME_IN_LINK: usize = 150;

/// A `Name` tag as a plan keeps it: control characters made spaces, trimmed, at most
/// [`form::MAX_NAME`] characters and [`MAX_NAME_IN_LINK`] bytes in a link.
fn link_name(name: &str) -> String {
    let mut out = String::new();
    let mut bytes = 0;
    for c in name
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(form::MAX_NAME)
    {
        let cost = match c {
            ',' | '\\' => 4,
            c if c.is_ascii_alphanumeric() || "-._~/:@".contains(c) => 1,
            c => 3 * c.len_utf8(),
        };
        if bytes + cost > MAX_NAME_IN_LINK {
            break;
        }
        bytes += cost;
        out.push(c);
    }
    out.trim().to_string()
}

/// The smallest block holding every subnet of `list` (`None` for an empty list).
fn span(list: &[Ipv4Net]) -> Option<Ipv4Net> {
    let first = *list.first()?;
    (0..=first.prefix_len())
        .rev()
        .filter_map(|p| Ipv4Net::new(first.network(), p).ok().map(|n| n.trunc()))
        .find(|b| list.iter().all(|s| cidr::within(b, s)))
}

/// The /16 holding every subnet of `list`, or the error naming their span.
fn block16(list: &[Ipv4Net], role: Role) -> Result<Option<Ipv4Net>, SelectError> {
    let Some(all) = span(list) else {
        return Ok(None);
    };
    if all.prefix_len() < cidr::MIN_PREFIX {
        return Err(SelectError::NotInOneBlock {
            role,
            span: all.to_string(),
        });
    }
    Ok(Ipv4Net::new(all.network(), cidr::MIN_PREFIX)
        .ok()
        .map(|n| n.trunc()))
}

/// Turns a selection into a plan's fields: one AZ per AZ with a host subnet (AZs in name order),
/// `hnets` (and `tnets`) with each subnet's in-use count (`@n`), `zones`, `hid`/`tid`,
/// `hname`/`tname`; the VPC CIDR stays when it holds the host subnets, else becomes the /16 that
/// does (the output does not give the VPC's CIDR; no number depends on it). Task subnets in the
/// VPC's own /16 need no task CIDR; others set the task CIDR to their /16. IPv6-only task
/// subnets (IPv6-only tasks) use no IPv4: the plan then has no task subnets. For dual-stack and
/// IPv6-only plans the IPv6 prefix is the smallest subnet's (the largest prefix) of those that
/// hold tasks. The IP mode is read from `form.ip` (IPv4 when it does not parse). Every field it
/// writes parses, so the form parses whenever the fields it leaves alone do; the plan may still
/// name a conflict (e.g. a task CIDR AWS does not allow with the VPC's).
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{form::Form, plan::IpMode, subnets::{apply, read, Selection}};
/// let out = r#"[{"SubnetId": "subnet-0123456789abcdef0", "VpcId": "vpc-1", "CidrBlock": "10.0.0.0/24",
///                "AvailabilityZone": "us-east-1a", "AvailableIpAddressCount": 214,
///                "Tags": [{"Key": "Name", "Value": "app-a"}]}]"#;
/// let i = read(out).unwrap();
/// let a = apply(&i, &Selection::default_for(&i, IpMode::V4), &Form::default()).unwrap();
/// assert_eq!((a.form.azs.as_str(), a.form.hnets.as_str()), ("1", "10.0.0.0/24@37"));
/// assert_eq!((a.form.vpc.as_str(), a.form.zones.as_str(), a.form.hname.as_str()), ("10.0.0.0/16", "us-east-1a", "app-a"));
/// assert!(a.form.parse().is_ok());
/// // The same change as link keys, for a page or worker that holds only a form:
/// let mut f = Form::default();
/// for (k, v) in &a.changes {
///     f.set(k, v.clone());
/// }
/// assert_eq!(f, a.form);
/// ```
///
/// # Errors
/// Every [`SelectError`] of the selection.
pub fn apply(import: &Import, sel: &Selection, form: &Form) -> Result<Applied, Vec<SelectError>> {
    let mode = form::parse_ip_mode(&form.ip).unwrap_or(IpMode::V4);
    let marked: Vec<(&Subnet, Role)> = sel
        .marks
        .iter()
        .enumerate()
        .filter_map(|(n, m)| Some((import.subnets.get(n)?, (*m)?)))
        .collect();
    let mut errs = Vec::new();
    let mut vpcs: Vec<String> = Vec::new();
    for (s, _) in &marked {
        if !vpcs.contains(&s.vpc) {
            vpcs.push(s.vpc.clone());
        }
    }
    if vpcs.len() > 1 {
        errs.push(SelectError::SeveralVpcs(vpcs));
    }
    for (s, role) in &marked {
        if let Err(why) = s.fit(*role, mode) {
            errs.push(SelectError::Unfit {
                subnet: s.label(),
                role: *role,
                why,
            });
        }
    }
    // Per AZ, in name order: the host subnet and the task subnet.
    let mut zones: Vec<String> = marked.iter().map(|(s, _)| s.az.clone()).collect();
    zones.sort_unstable();
    zones.dedup();
    let mut per_az: Vec<(String, &Subnet, Option<&Subnet>)> = Vec::new();
    for az in zones {
        let of = |role: Role| -> Vec<&Subnet> {
            marked
                .iter()
                .filter(|(s, r)| s.az == az && *r == role)
                .map(|(s, _)| *s)
                .collect()
        };
        let (hosts, tasks) = (of(Role::Host), of(Role::Task));
        for (list, role) in [(&hosts, Role::Host), (&tasks, Role::Task)] {
            if let [a, b, ..] = list.as_slice() {
                errs.push(SelectError::TwoInOneAz {
                    az: az.clone(),
                    role,
                    subnets: [a.label(), b.label()],
                });
            }
        }
        match hosts.first() {
            Some(h) => per_az.push((az, h, tasks.first().copied())),
            None => errs.push(SelectError::TaskWithoutHost(az)),
        }
    }
    if per_az.is_empty() && errs.is_empty() {
        errs.push(SelectError::NoHost);
    }
    if per_az.len() > MAX_AZS as usize {
        errs.push(SelectError::TooManyAzs(per_az.len()));
    }
    let tasks: Vec<&Subnet> = per_az.iter().filter_map(|(_, _, t)| *t).collect();
    let native = tasks.iter().filter(|t| t.ipv6_native).count();
    if native > 0 && native < tasks.len() {
        errs.push(SelectError::MixedTaskSubnets);
    } else if !tasks.is_empty() && tasks.len() < per_az.len() {
        errs.push(SelectError::TaskSubnetsInSomeAzs {
            marked: tasks.len(),
            azs: per_az.len(),
        });
    }
    let hosts: Vec<Ipv4Net> = per_az.iter().filter_map(|(_, h, _)| h.cidr).collect();
    let host_block = block16(&hosts, Role::Host).unwrap_or_else(|e| {
        errs.push(e);
        None
    });
    let task_nets: Vec<Ipv4Net> = tasks.iter().filter_map(|t| t.cidr).collect();
    let v4_tasks = !task_nets.is_empty() && native == 0;
    let vpc = cidr::parse_block(&form.vpc)
        .ok()
        .filter(|v| hosts.iter().all(|h| cidr::within(v, h)))
        .or(host_block);
    let task_block =
        if v4_tasks && !vpc.is_some_and(|v| task_nets.iter().all(|t| cidr::within(&v, t))) {
            block16(&task_nets, Role::Task).unwrap_or_else(|e| {
                errs.push(e);
                None
            })
        } else {
            None
        };
    // IPv6: the subnets that hold the tasks give the prefix.
    let mut v6_prefix = None;
    if mode != IpMode::V4 {
        let holders: Vec<&Subnet> = if tasks.is_empty() {
            per_az.iter().map(|(_, h, _)| *h).collect()
        } else {
            tasks.clone()
        };
        for s in holders {
            if let Some(net) = s.ipv6 {
                let p = net.prefix_len();
                if !(cidr::MIN_PREFIX_V6..=cidr::MAX_PREFIX_V6).contains(&p) || p % 4 != 0 {
                    errs.push(SelectError::Ipv6Prefix {
                        subnet: s.label(),
                        prefix: p,
                    });
                } else if v6_prefix.is_none_or(|q| p > q) {
                    v6_prefix = Some(p);
                }
            }
        }
    }
    if !errs.is_empty() {
        return Err(errs);
    }

    let mut f = form.clone();
    let mut notes = Vec::new();
    f.azs = per_az.len().to_string();
    let listed = |list: &[&Subnet]| -> String {
        list.iter()
            .filter_map(|s| {
                let c = s.cidr?;
                Some(match s.in_use() {
                    Some(u) if u > 0 => format!("{c}@{u}"),
                    _ => c.to_string(),
                })
            })
            .collect::<Vec<_>>()
            .join(",")
    };
    let ids = |list: &[&Subnet], field: Field| -> String {
        let text = list
            .iter()
            .map(|s| s.id.as_str())
            .collect::<Vec<_>>()
            .join(",");
        if form::parse_ids(&text, field).is_ok_and(|v| v.len() == list.len()) {
            text
        } else {
            String::new()
        }
    };
    let names = |list: &[&Subnet]| -> String {
        let n: Vec<String> = list.iter().map(|s| link_name(&s.name)).collect();
        if n.iter().all(String::is_empty) {
            String::new()
        } else {
            form::join_escaped(&n)
        }
    };
    let host_list: Vec<&Subnet> = per_az.iter().map(|(_, h, _)| *h).collect();
    f.hnets = listed(&host_list);
    f.hid = ids(&host_list, Field::HostIds);
    f.hname = names(&host_list);
    let zone_text = per_az
        .iter()
        .map(|(az, _, _)| az.as_str())
        .collect::<Vec<_>>()
        .join(",");
    f.zones = if form::parse_ids(&zone_text, Field::Zones).is_ok() {
        zone_text
    } else {
        String::new()
    };
    if let Some(v) = vpc {
        if f.vpc != v.to_string() {
            notes.push(format!(
                "VPC CIDR set to {v}, the /16 holding the host subnets: describe-subnets does not give the VPC's CIDR, and no number depends on it"
            ));
        }
        f.vpc = v.to_string();
    }
    if v4_tasks {
        f.secondary = true;
        f.tnets = listed(&tasks);
        f.tid = ids(&tasks, Field::TaskIds);
        f.tname = names(&tasks);
        if let Some(t) = task_block {
            f.tcidr = t.to_string();
            notes.push(format!(
                "task CIDR set to {t}, the /16 holding the task subnets"
            ));
        }
    } else {
        // No IPv4 task subnets marked: tasks share the host subnets, or (the task CIDR toggle
        // left as it was) go in task subnets carved from the task CIDR.
        f.tnets.clear();
        f.tid.clear();
        f.tname.clear();
        if native > 0 {
            f.secondary = false;
            notes.push(format!(
                "the tasks go in IPv6-only subnets ({}): IPv6-only tasks use no IPv4 there, so the plan counts only the host subnets' IPv4",
                tasks.iter().map(|t| t.label()).collect::<Vec<_>>().join(", ")
            ));
        }
    }
    if let Some(p) = v6_prefix {
        f.v6 = p.to_string();
    }
    notes.push(
        "AvailableIpAddressCount is a snapshot taken when the command ran; addresses of stopped instances count as in use".to_string(),
    );
    notes.push(
        "in use counts everything in these subnets, including this service's own tasks and instances if it already runs there: the plan adds its tasks on top".to_string(),
    );
    let vpcs = import.vpcs();
    if vpcs.len() > 1 {
        notes.push(format!(
            "the output lists subnets of {} VPCs ({}); this plan is for {}: pick another VPC to plan it instead",
            vpcs.len(),
            vpcs.iter()
                .map(|v| format!("{}: {} subnet{}", v.id, v.subnets, if v.subnets == 1 { "" } else { "s" }))
                .collect::<Vec<_>>()
                .join(", "),
            sel.vpc
        ));
    }
    if import.more_pages {
        notes.push(
            "the output has a NextToken: it is one page of subnets; run describe-subnets without --max-items to list them all".to_string(),
        );
    }
    let changes = crate::calc::share::KEYS
        .iter()
        .map(|&k| (k, crate::calc::share::get(&f, k)))
        .filter(|(k, v)| *v != crate::calc::share::get(form, k))
        .collect();
    Ok(Applied {
        form: f,
        changes,
        notes,
    })
}
