//! The raw text of every input, as the user typed it, and its parsing into [`Inputs`].
//!
//! The UI keeps a [`Form`] so that nothing typed is ever lost; [`Form::parse`] turns it into
//! [`Inputs`] or a list of per-field errors. The link format ([`crate::calc::share`]) reads and
//! writes the same fields.

use crate::calc::cidr;
use crate::calc::plan::{
    Deploy, Field, Inputs, IpMode, Labels, Launch, OtherEnis, PlanError, MAX_AZS, MAX_TASKS,
    MIN_REGISTERED_PERCENT,
};

/// Every input as text (toggles as booleans), exactly as entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// `ec2` or `fargate`.
    pub launch: String,
    /// Instance type name.
    pub instance: String,
    /// AZ count.
    pub azs: String,
    /// Desired task count.
    pub tasks: String,
    /// ENI trunking.
    pub trunk: bool,
    /// VPC CIDR.
    pub vpc: String,
    /// Host subnet prefix.
    pub host: String,
    /// Secondary task CIDR on.
    pub secondary: bool,
    /// Secondary task CIDR.
    pub tcidr: String,
    /// Task subnet prefix.
    pub tsub: String,
    /// Explicit host subnets, one per AZ (empty: carved in order).
    pub hnets: String,
    /// Explicit task subnets, one per AZ (empty: carved in order).
    pub tnets: String,
    /// AZ names, comma-separated (empty: not named).
    pub zones: String,
    /// Subnet ids of the listed host subnets, comma-separated.
    pub hid: String,
    /// Subnet ids of the listed task subnets, comma-separated.
    pub tid: String,
    /// Host subnet names, comma-separated (`\,` for a comma in a name).
    pub hname: String,
    /// Task subnet names, comma-separated (`\,` for a comma in a name).
    pub tname: String,
    /// `v4`, `dual` or `v6only`.
    pub ip: String,
    /// IPv6 subnet prefix.
    pub v6: String,
    /// `rolling` or `bluegreen`.
    pub deploy: String,
    /// maximumPercent.
    pub surge: String,
    /// Task CPU units (empty: not given).
    pub cpu: String,
    /// Task memory MiB (empty: not given).
    pub mem: String,
    /// Memory reserve MiB (`ECS_RESERVED_MEMORY`).
    pub reserve: String,
    /// Share of installed memory the ECS agent registers, percent.
    pub registered: String,
    /// Application Load Balancer.
    pub alb: bool,
    /// Network Load Balancer.
    pub nlb: bool,
    /// NAT gateway addresses.
    pub nat: String,
    /// Interface endpoints.
    pub vpce: String,
    /// Other addresses per AZ.
    pub other: String,
}

impl Default for Form {
    fn default() -> Self {
        Form::from_inputs(&Inputs::default())
    }
}

/// Parses a whole number, allowing `,`, `_` and spaces as thousands separators.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::form::parse_count;
/// use awsvpc_planner::calc::plan::Field;
/// assert_eq!(parse_count(" 1,000 ", Field::Tasks, 0, 5_000_000), Ok(1000));
/// assert!(parse_count("-1", Field::Tasks, 0, 10).is_err());
/// assert!(parse_count("11", Field::Tasks, 0, 10).is_err());
/// ```
///
/// # Errors
/// A [`PlanError`] on `field` for text that is not a whole number in `min..=max`.
pub fn parse_count(s: &str, field: Field, min: u32, max: u32) -> Result<u32, PlanError> {
    let t: String = s
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | ' '))
        .collect();
    let shown = cidr::clip(s.trim());
    if t.is_empty() {
        return Err(PlanError::new(
            field,
            format!(
                "enter a whole number from {min} to {}",
                crate::calc::fmt::int(max)
            ),
        ));
    }
    if t.len() > 12 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(PlanError::new(
            field,
            format!("{} is not a whole number", cidr::quote(s.trim())),
        ));
    }
    match t.parse::<u64>() {
        Ok(n) if n >= u64::from(min) && n <= u64::from(max) => Ok(n as u32),
        _ => Err(PlanError::new(
            field,
            format!("{shown} is outside {min} to {}", crate::calc::fmt::int(max)),
        )),
    }
}

fn take<T>(errs: &mut Vec<PlanError>, r: Result<T, PlanError>) -> Option<T> {
    r.map_err(|e| errs.push(e)).ok()
}

fn optional(s: &str, field: Field, min: u32, max: u32) -> Result<Option<u32>, PlanError> {
    if s.trim().is_empty() {
        Ok(None)
    } else {
        parse_count(s, field, min, max).map(Some)
    }
}

/// Longest subnet or AZ name kept, in characters.
pub const MAX_NAME: usize = 64;

/// Parses a list of explicit per-AZ subnets, each `a.b.c.d/n` or `a.b.c.d/n@37` (37 addresses
/// already in use), separated by commas or spaces, into the subnets and their in-use counts
/// (trailing zeros left out, so a list without `@` has none).
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::form::parse_listed;
/// use awsvpc_planner::calc::plan::Field;
/// let (nets, used) = parse_listed("10.0.0.0/24@37, 10.0.1.0/24, 10.0.2.0/24@0", Field::HostSubnets).unwrap();
/// assert_eq!((nets.len(), used), (3, vec![37]));
/// assert!(parse_listed("10.0.0.0/24@lots", Field::HostSubnets).is_err());
/// ```
///
/// # Errors
/// A [`PlanError`] on `field` naming the entry that is not a valid subnet or count, or for more
/// than six.
pub fn parse_listed(s: &str, field: Field) -> Result<(Vec<ipnet::Ipv4Net>, Vec<u32>), PlanError> {
    let items: Vec<&str> = s
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .collect();
    if items.len() > MAX_AZS as usize {
        return Err(PlanError::new(
            field,
            format!("{} subnets: at most one per AZ ({MAX_AZS})", items.len()),
        ));
    }
    let mut nets = Vec::new();
    let mut used = Vec::new();
    for (n, t) in items.iter().enumerate() {
        let (net, count) = t.split_once('@').unwrap_or((t, "0"));
        nets.push(
            cidr::parse_block(net)
                .map_err(|e| PlanError::new(field, format!("AZ {}: {e}", n + 1)))?,
        );
        used.push(
            parse_count(count, field, 0, 65_536)
                .map_err(|e| PlanError::new(field, format!("AZ {} in use: {e}", n + 1)))?,
        );
    }
    while used.last() == Some(&0) {
        used.pop();
    }
    Ok((nets, used))
}

/// Parses a list of explicit per-AZ subnets (`a.b.c.d/n`, separated by commas or spaces); empty
/// text is an empty list (subnets are then carved in order). In-use counts (`@37`) are read and
/// left out ([`parse_listed`] keeps them).
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::form::parse_subnets;
/// use awsvpc_planner::calc::plan::Field;
/// let l = parse_subnets("10.0.0.0/20, 10.0.64.0/19", Field::HostSubnets).unwrap();
/// assert_eq!(l.len(), 2);
/// assert!(parse_subnets("", Field::HostSubnets).unwrap().is_empty());
/// assert!(parse_subnets("10.0.0.0/20, nope", Field::HostSubnets).is_err());
/// ```
///
/// # Errors
/// A [`PlanError`] on `field` naming the entry that is not a valid subnet, or for more than six.
pub fn parse_subnets(s: &str, field: Field) -> Result<Vec<ipnet::Ipv4Net>, PlanError> {
    parse_listed(s, field).map(|(nets, _)| nets)
}

/// The text of listed subnets: `a.b.c.d/n`, with `@n` where addresses are in use.
fn join(list: &[ipnet::Ipv4Net], used: &[u32]) -> String {
    list.iter()
        .enumerate()
        .map(|(i, n)| match used.get(i) {
            Some(&u) if u > 0 => format!("{n}@{u}"),
            _ => n.to_string(),
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// Splits a comma-separated list where `\,` is a comma inside an entry and `\\` a backslash;
/// entries are trimmed, and empty trailing entries left out.
fn split_escaped(s: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let (Some(n), Some(last)) = (chars.next(), out.last_mut()) {
                    last.push(n);
                }
            }
            ',' => out.push(String::new()),
            c => {
                if let Some(last) = out.last_mut() {
                    last.push(c);
                }
            }
        }
    }
    let mut out: Vec<String> = out.into_iter().map(|e| e.trim().to_string()).collect();
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

/// Joins names with commas, escaping `,` and `\` inside them.
pub(crate) fn join_escaped(list: &[String]) -> String {
    list.iter()
        .map(|n| n.replace('\\', "\\\\").replace(',', "\\,"))
        .collect::<Vec<_>>()
        .join(",")
}

/// Parses a list of names, one per AZ (`\,` for a comma inside a name; an empty entry is
/// unnamed): at most six, each at most [`MAX_NAME`] characters, no control characters.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::form::parse_names;
/// use awsvpc_planner::calc::plan::Field;
/// assert_eq!(parse_names("app a, ,web\\, b", Field::HostNames).unwrap(), ["app a", "", "web, b"]);
/// assert!(parse_names("a,b,c,d,e,f,g", Field::HostNames).is_err());
/// ```
///
/// # Errors
/// A [`PlanError`] on `field` for more than six names, a name too long, or a control character.
pub fn parse_names(s: &str, field: Field) -> Result<Vec<String>, PlanError> {
    let names = split_escaped(s);
    if names.len() > MAX_AZS as usize {
        return Err(PlanError::new(
            field,
            format!("{} names: at most one per AZ ({MAX_AZS})", names.len()),
        ));
    }
    for (n, name) in names.iter().enumerate() {
        if name.chars().count() > MAX_NAME {
            return Err(PlanError::new(
                field,
                format!("AZ {}: a name has at most {MAX_NAME} characters", n + 1),
            ));
        }
        if name.chars().any(char::is_control) {
            return Err(PlanError::new(
                field,
                format!("AZ {}: a name cannot hold control characters", n + 1),
            ));
        }
    }
    Ok(names)
}

/// Parses AZ names (`us-east-1a`, local and Wavelength zones too: lowercase letters, digits and
/// `-`) or subnet ids (`subnet-` and 8 or 17 hex digits), comma-separated, at most six.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::form::parse_ids;
/// use awsvpc_planner::calc::plan::Field;
/// assert_eq!(parse_ids("us-east-1a,us-east-1b", Field::Zones).unwrap().len(), 2);
/// assert!(parse_ids("subnet-0123456789abcdef0", Field::HostIds).is_ok());
/// assert!(parse_ids("subnet-xyz", Field::HostIds).is_err());
/// assert!(parse_ids("us east", Field::Zones).is_err());
/// ```
///
/// # Errors
/// A [`PlanError`] on `field` naming the entry that is not valid, or for more than six.
pub fn parse_ids(s: &str, field: Field) -> Result<Vec<String>, PlanError> {
    let items: Vec<String> = s
        .split(',')
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    if items.len() > MAX_AZS as usize {
        return Err(PlanError::new(
            field,
            format!("{} entries: at most one per AZ ({MAX_AZS})", items.len()),
        ));
    }
    for t in &items {
        let ok = if field == Field::Zones {
            t.len() <= MAX_NAME
                && t.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        } else {
            t.strip_prefix("subnet-").is_some_and(|h| {
                (h.len() == 8 || h.len() == 17)
                    && h.bytes()
                        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
            })
        };
        if !ok {
            return Err(PlanError::new(
                field,
                if field == Field::Zones {
                    format!("{} is not an AZ name such as us-east-1a", cidr::quote(t))
                } else {
                    format!(
                        "{} is not a subnet id such as subnet-0123456789abcdef0",
                        cidr::quote(t)
                    )
                },
            ));
        }
    }
    Ok(items)
}

/// Parses a launch type: `ec2` or `fargate`.
///
/// # Errors
/// A [`PlanError`] on [`Field::Launch`] for anything else.
pub fn parse_launch(s: &str) -> Result<Launch, PlanError> {
    match s.trim().to_ascii_lowercase().as_str() {
        "ec2" => Ok(Launch::Ec2),
        "fargate" => Ok(Launch::Fargate),
        _ => Err(PlanError::new(
            Field::Launch,
            format!("{}: choose ec2 or fargate", cidr::quote(s)),
        )),
    }
}

/// Parses an IP mode: `v4`, `dual` or `v6only`.
///
/// # Errors
/// A [`PlanError`] on [`Field::IpMode`] for anything else.
pub fn parse_ip_mode(s: &str) -> Result<IpMode, PlanError> {
    match s.trim().to_ascii_lowercase().as_str() {
        "v4" => Ok(IpMode::V4),
        "dual" => Ok(IpMode::Dual),
        "v6only" => Ok(IpMode::V6Only),
        _ => Err(PlanError::new(
            Field::IpMode,
            format!("{}: choose v4, dual or v6only", cidr::quote(s)),
        )),
    }
}

/// Parses a deployment strategy (`rolling` or `bluegreen`) with its maximumPercent.
///
/// # Errors
/// A [`PlanError`] on [`Field::Deploy`] or [`Field::Surge`].
pub fn parse_deploy(kind: &str, surge: &str) -> Result<Deploy, PlanError> {
    match kind.trim().to_ascii_lowercase().as_str() {
        "rolling" => Ok(Deploy::Rolling {
            max_percent: parse_count(surge, Field::Surge, 100, 1000)?,
        }),
        "bluegreen" => Ok(Deploy::BlueGreen),
        _ => Err(PlanError::new(
            Field::Deploy,
            format!("{}: choose rolling or bluegreen", cidr::quote(kind)),
        )),
    }
}

/// Parses an IPv6 subnet prefix, /44–/64 in steps of 4.
///
/// # Errors
/// A [`PlanError`] on [`Field::Ipv6Prefix`].
pub fn parse_v6_prefix(s: &str) -> Result<u8, PlanError> {
    let t = s.trim();
    let t = t.strip_prefix('/').unwrap_or(t);
    match parse_count(t, Field::Ipv6Prefix, 44, 64) {
        Ok(p) if p % 4 == 0 => Ok(p as u8),
        _ => Err(PlanError::new(
            Field::Ipv6Prefix,
            format!("{}: AWS allows /44 to /64 in steps of 4", cidr::quote(s)),
        )),
    }
}

/// Parses an instance type name: must be in the catalogue (case-insensitive, trimmed).
///
/// # Errors
/// A [`PlanError`] on [`Field::Instance`] naming the unknown type.
pub fn parse_instance(s: &str) -> Result<String, PlanError> {
    crate::calc::catalog::lookup(s)
        .map(|t| t.name.to_string())
        .map_err(|e| PlanError::new(Field::Instance, e.to_string()))
}

impl Form {
    /// Sets the field whose link key is `key` (the keys of [`crate::calc::share`]: `type`, `az`,
    /// `sec`, …) to `v`; toggles are on for `1`. False when no field has that key.
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::form::Form;
    /// let mut f = Form::default();
    /// assert!(f.set("type", "m6i.large".into()) && f.instance == "m6i.large");
    /// assert!(f.set("sec", "1".into()) && f.secondary);
    /// assert!(!f.set("nope", "1".into()));
    /// ```
    pub fn set(&mut self, key: &str, v: String) -> bool {
        let f = self;
        let on = v.trim() == "1";
        match key {
            "launch" => f.launch = v,
            "type" => f.instance = v,
            "az" => f.azs = v,
            "tasks" => f.tasks = v,
            "trunk" => f.trunk = on,
            "vpc" => f.vpc = v,
            "host" => f.host = v,
            "sec" => f.secondary = on,
            "tcidr" => f.tcidr = v,
            "tsub" => f.tsub = v,
            "hnets" => f.hnets = v,
            "tnets" => f.tnets = v,
            "zones" => f.zones = v,
            "hid" => f.hid = v,
            "tid" => f.tid = v,
            "hname" => f.hname = v,
            "tname" => f.tname = v,
            "ip" => f.ip = v,
            "v6" => f.v6 = v,
            "deploy" => f.deploy = v,
            "surge" => f.surge = v,
            "cpu" => f.cpu = v,
            "mem" => f.mem = v,
            "reserve" => f.reserve = v,
            "regmem" => f.registered = v,
            "alb" => f.alb = on,
            "nlb" => f.nlb = on,
            "nat" => f.nat = v,
            "vpce" => f.vpce = v,
            "other" => f.other = v,
            _ => return false,
        }
        true
    }

    /// Sets `field` to `v` (toggles are on for `1`): what the page's controls call.
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::{form::Form, plan::Field};
    /// let mut f = Form::default();
    /// f.edit(Field::Tasks, "42".into());
    /// f.edit(Field::Trunk, "1".into());
    /// assert_eq!((f.tasks.as_str(), f.trunk), ("42", true));
    /// ```
    pub fn edit(&mut self, field: Field, v: String) {
        self.set(field.key(), v);
    }

    /// The form that shows `i`.
    pub fn from_inputs(i: &Inputs) -> Form {
        let (deploy, surge) = match i.deploy {
            Deploy::Rolling { max_percent } => ("rolling", max_percent.to_string()),
            Deploy::BlueGreen => ("bluegreen", "200".to_string()),
        };
        Form {
            launch: match i.launch {
                Launch::Ec2 => "ec2",
                Launch::Fargate => "fargate",
            }
            .to_string(),
            instance: i.instance.clone(),
            azs: i.azs.to_string(),
            tasks: i.tasks.to_string(),
            trunk: i.trunking,
            vpc: i.vpc.to_string(),
            host: i.host_prefix.to_string(),
            secondary: i.secondary,
            tcidr: i.task_cidr.to_string(),
            tsub: i.task_prefix.to_string(),
            hnets: join(&i.host_subnets, &i.host_in_use),
            tnets: join(&i.task_subnets, &i.task_in_use),
            zones: i.labels.zones.join(","),
            hid: i.labels.host_ids.join(","),
            tid: i.labels.task_ids.join(","),
            hname: join_escaped(&i.labels.host_names),
            tname: join_escaped(&i.labels.task_names),
            ip: match i.ip_mode {
                IpMode::V4 => "v4",
                IpMode::Dual => "dual",
                IpMode::V6Only => "v6only",
            }
            .to_string(),
            v6: i.ipv6_prefix.to_string(),
            deploy: deploy.to_string(),
            surge,
            cpu: i.cpu.map(|c| c.to_string()).unwrap_or_default(),
            mem: i.memory_mib.map(|c| c.to_string()).unwrap_or_default(),
            reserve: i.memory_reserve_mib.to_string(),
            registered: i.memory_registered_percent.to_string(),
            alb: i.other.alb,
            nlb: i.other.nlb,
            nat: i.other.nat.to_string(),
            vpce: i.other.endpoints.to_string(),
            other: i.other.extra.to_string(),
        }
    }

    /// Parses the form and makes its plan; on failure, why not: every field's parse error, or
    /// when every field parses, every conflict between them ([`crate::calc::plan::conflicts`]),
    /// each naming all the fields it involves. The page shows each error next to every field it
    /// names ([`PlanError::fields`]) and offers [`PlanError::fix`] where there is one.
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::{form::Form, plan::{Field, Fix}};
    /// assert!(Form::default().plan().is_ok());
    /// let f = Form { hnets: "172.31.0.0/20, 172.31.16.0/20".into(), ..Form::default() };
    /// let errs = f.plan().unwrap_err();
    /// assert!(errs[0].involves(Field::Azs) && errs[0].involves(Field::HostSubnets));
    /// assert_eq!(errs[0].fix, Some(Fix::SetAzs(2)));
    /// ```
    ///
    /// # Errors
    /// The parse errors, else the conflicts; never an empty list.
    pub fn plan(&self) -> Result<(Inputs, crate::calc::plan::Plan), Vec<PlanError>> {
        let i = self.parse()?;
        match crate::calc::plan::plan(&i) {
            Ok(p) => Ok((i, p)),
            Err(first) => {
                let all = crate::calc::plan::conflicts(&i);
                Err(if all.is_empty() { vec![first] } else { all })
            }
        }
    }

    /// Parses every field; on failure returns every field's error (one per field at most).
    ///
    /// Fields that do not apply are not checked: the task CIDR when it is off (an invalid one then
    /// falls back to the default for the comparison); on Fargate the instance type, the memory
    /// reserve and the registered share. The inputs are canonical ([`Inputs::canonical`]): on
    /// Fargate those fields and trunking take their defaults (the form keeps the text).
    ///
    /// Values that are each valid but conflict (subnets for another AZ count, a task larger than
    /// the instance, a Fargate task size AWS does not offer) parse: [`crate::calc::plan::conflicts`]
    /// names them.
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::form::Form;
    /// use awsvpc_planner::calc::plan::Field;
    /// let mut f = Form::default();
    /// assert!(f.parse().is_ok());
    /// f.vpc = "172.31.0.0/33".into();
    /// f.tasks = "lots".into();
    /// let errs = f.parse().unwrap_err();
    /// assert_eq!(errs.iter().map(|e| e.field).collect::<Vec<_>>(), [Field::Tasks, Field::Vpc]);
    /// ```
    ///
    /// # Errors
    /// One [`PlanError`] per field that does not parse.
    pub fn parse(&self) -> Result<Inputs, Vec<PlanError>> {
        let d = Inputs::default();
        let mut errs = Vec::new();
        let launch = take(&mut errs, parse_launch(&self.launch));
        let instance = if launch == Some(Launch::Fargate) {
            Some(d.instance.clone())
        } else {
            take(&mut errs, parse_instance(&self.instance))
        };
        let azs = take(&mut errs, parse_count(&self.azs, Field::Azs, 1, MAX_AZS));
        let tasks = take(
            &mut errs,
            parse_count(&self.tasks, Field::Tasks, 0, MAX_TASKS),
        );
        let vpc = take(
            &mut errs,
            cidr::parse_block(&self.vpc).map_err(|e| PlanError::new(Field::Vpc, e.to_string())),
        );
        let host = take(
            &mut errs,
            cidr::parse_prefix(&self.host)
                .map_err(|e| PlanError::new(Field::HostPrefix, e.to_string())),
        );
        let tcidr = if self.secondary {
            take(
                &mut errs,
                cidr::parse_block(&self.tcidr)
                    .map_err(|e| PlanError::new(Field::TaskCidr, e.to_string())),
            )
        } else {
            Some(cidr::parse_block(&self.tcidr).unwrap_or(d.task_cidr))
        };
        let tsub = if self.secondary {
            take(
                &mut errs,
                cidr::parse_prefix(&self.tsub)
                    .map_err(|e| PlanError::new(Field::TaskPrefix, e.to_string())),
            )
        } else {
            Some(cidr::parse_prefix(&self.tsub).unwrap_or(d.task_prefix))
        };
        let ip = take(&mut errs, parse_ip_mode(&self.ip));
        let v6 = if ip.is_some_and(|m| m != IpMode::V4) {
            take(&mut errs, parse_v6_prefix(&self.v6))
        } else {
            Some(parse_v6_prefix(&self.v6).unwrap_or(d.ipv6_prefix))
        };
        let deploy = take(&mut errs, parse_deploy(&self.deploy, &self.surge));
        let cpu = take(&mut errs, optional(&self.cpu, Field::Cpu, 1, 1_048_576));
        let mem = take(&mut errs, optional(&self.mem, Field::Memory, 1, 33_554_432));
        let fargate = launch == Some(Launch::Fargate);
        let reserve = if fargate {
            Some(d.memory_reserve_mib)
        } else {
            take(
                &mut errs,
                parse_count(&self.reserve, Field::Reserve, 0, 33_554_432),
            )
        };
        let registered = if fargate {
            Some(d.memory_registered_percent)
        } else {
            take(
                &mut errs,
                parse_count(
                    self.registered.trim().trim_end_matches('%'),
                    Field::Registered,
                    MIN_REGISTERED_PERCENT,
                    100,
                ),
            )
        };
        let nat = take(&mut errs, parse_count(&self.nat, Field::Nat, 0, 8));
        let vpce = take(
            &mut errs,
            parse_count(&self.vpce, Field::Endpoints, 0, 1000),
        );
        let other = take(&mut errs, parse_count(&self.other, Field::Other, 0, 65_536));
        let hnets = take(&mut errs, parse_listed(&self.hnets, Field::HostSubnets));
        let tnets = if self.secondary {
            take(&mut errs, parse_listed(&self.tnets, Field::TaskSubnets))
        } else {
            Some(parse_listed(&self.tnets, Field::TaskSubnets).unwrap_or_default())
        };
        let labels = Labels {
            zones: take(&mut errs, parse_ids(&self.zones, Field::Zones)).unwrap_or_default(),
            host_ids: take(&mut errs, parse_ids(&self.hid, Field::HostIds)).unwrap_or_default(),
            task_ids: if self.secondary {
                take(&mut errs, parse_ids(&self.tid, Field::TaskIds)).unwrap_or_default()
            } else {
                parse_ids(&self.tid, Field::TaskIds).unwrap_or_default()
            },
            host_names: take(&mut errs, parse_names(&self.hname, Field::HostNames))
                .unwrap_or_default(),
            task_names: if self.secondary {
                take(&mut errs, parse_names(&self.tname, Field::TaskNames)).unwrap_or_default()
            } else {
                parse_names(&self.tname, Field::TaskNames).unwrap_or_default()
            },
        };
        let (hnets, host_in_use) = hnets.unwrap_or_default();
        let (tnets, task_in_use) = tnets.unwrap_or_default();
        match (
            launch, instance, azs, tasks, vpc, host, tcidr, tsub, ip, v6, deploy, cpu, mem,
            reserve, registered, nat, vpce, other,
        ) {
            (
                Some(launch),
                Some(instance),
                Some(azs),
                Some(tasks),
                Some(vpc),
                Some(host_prefix),
                Some(task_cidr),
                Some(task_prefix),
                Some(ip_mode),
                Some(ipv6_prefix),
                Some(deploy),
                Some(cpu),
                Some(memory_mib),
                Some(memory_reserve_mib),
                Some(memory_registered_percent),
                Some(nat),
                Some(endpoints),
                Some(extra),
            ) if errs.is_empty() => Ok(Inputs {
                launch,
                instance,
                azs,
                tasks,
                trunking: self.trunk,
                vpc,
                host_prefix,
                secondary: self.secondary,
                task_cidr,
                task_prefix,
                host_subnets: hnets,
                task_subnets: tnets,
                host_in_use,
                task_in_use,
                labels,
                ip_mode,
                ipv6_prefix,
                deploy,
                cpu,
                memory_mib,
                memory_reserve_mib,
                memory_registered_percent,
                other: OtherEnis {
                    alb: self.alb,
                    nlb: self.nlb,
                    nat,
                    endpoints,
                    extra,
                },
            }
            .canonical()),
            _ => {
                errs.sort_by_key(|e| e.field as u8);
                Err(errs)
            }
        }
    }
}

impl Field {
    /// The field's key in a link ([`crate::calc::share`]), which [`Form::set`] takes.
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::plan::Field;
    /// assert_eq!(Field::Instance.key(), "type");
    /// ```
    pub fn key(self) -> &'static str {
        match self {
            Field::Launch => "launch",
            Field::Instance => "type",
            Field::Azs => "az",
            Field::Tasks => "tasks",
            Field::Vpc => "vpc",
            Field::HostPrefix => "host",
            Field::TaskCidr => "tcidr",
            Field::TaskPrefix => "tsub",
            Field::HostSubnets => "hnets",
            Field::TaskSubnets => "tnets",
            Field::IpMode => "ip",
            Field::Ipv6Prefix => "v6",
            Field::Deploy => "deploy",
            Field::Surge => "surge",
            Field::Cpu => "cpu",
            Field::Memory => "mem",
            Field::Reserve => "reserve",
            Field::Registered => "regmem",
            Field::Nat => "nat",
            Field::Endpoints => "vpce",
            Field::Other => "other",
            Field::Trunk => "trunk",
            Field::Secondary => "sec",
            Field::Alb => "alb",
            Field::Nlb => "nlb",
            Field::Zones => "zones",
            Field::HostIds => "hid",
            Field::TaskIds => "tid",
            Field::HostNames => "hname",
            Field::TaskNames => "tname",
        }
    }
}
