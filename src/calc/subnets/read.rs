//! The output of `aws ec2 describe-subnets`, read with serde into typed subnets.
//!
//! The shape is the one the AWS CLI and the EC2 API reference document (`Subnets[]` of the
//! `Subnet` data type, <https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Subnet.html>):
//! `SubnetId`, `VpcId`, `CidrBlock`, `AvailabilityZone`, `AvailabilityZoneId`,
//! `AvailableIpAddressCount`, `Ipv6CidrBlockAssociationSet[]` (`Ipv6CidrBlock`,
//! `Ipv6CidrBlockState.State`), `Ipv6Native` and `Tags[]` (`Key`, `Value`). Every other field is
//! ignored. A bare array of subnets (`--query Subnets`) is read too.

use super::Subnet;
use crate::calc::cidr;
use crate::calc::fmt::int;
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
