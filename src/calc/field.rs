//! The form's fields, declared once: for each, its link key, its label, its hint, its default
//! text, the parser that reads it ([`crate::calc::parse`]), how [`Inputs`] show it, and what
//! README's link table says of it. Everything else derives from this one table: [`Field`] and
//! [`Form`], [`Field::key`] and [`Field::label`], [`Form::get`]/[`Form::set`], the link decoder
//! and encoder ([`crate::calc::share`]), the exports' labels, [`Form::from_inputs`], the
//! per-field checks ([`Field::check`]) and README's link table ([`link_table`], which a test
//! keeps in step with README).
//!
//! Also here: [`PlanError`], an error on one field (or a conflict between several), and [`Fix`],
//! a one-click change of the form that removes a conflict.

use crate::calc::input::{
    Choice, Deploy, Inputs, IpMode, Launch, Net, Os, PeakMode, Scheduling, Strategy, MAX_AZS,
    MAX_NAT, MAX_TASKS, MIN_REGISTERED_PERCENT, SURGE_RANGE,
};
use crate::calc::parse;
use crate::calc::service::ServiceForm;
use ipnet::Ipv4Net;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A form value as text: what the form holds for a text field (`String`) or a toggle (`bool`,
/// `1`/`0` in a link).
pub trait Value: Clone + PartialEq {
    /// The value as a link writes it.
    fn text(&self) -> String;
    /// The value a link's text sets (a toggle is on for `1`).
    fn from_text(s: &str) -> Self;
    /// Whether the text is a value of this kind at all (a toggle must be `0` or `1`).
    ///
    /// # Errors
    /// A message for text that is not one.
    fn syntax(s: &str) -> Result<(), String>;
}

impl Value for String {
    fn text(&self) -> String {
        self.clone()
    }
    fn from_text(s: &str) -> Self {
        s.to_string()
    }
    fn syntax(_: &str) -> Result<(), String> {
        Ok(())
    }
}

impl Value for bool {
    fn text(&self) -> String {
        if *self { "1" } else { "0" }.to_string()
    }
    fn from_text(s: &str) -> Self {
        s.trim() == "1"
    }
    fn syntax(s: &str) -> Result<(), String> {
        parse::flag(s).map(drop)
    }
}

/// The form type of a field kind: `text` fields hold a `String`, `flag` fields a `bool`.
macro_rules! form_type {
    (text) => {
        String
    };
    (flag) => {
        bool
    };
}

/// Declares the fields: generates [`Field`], [`Form`], [`Parsed`] and their tables.
macro_rules! fields {
    ($(
        $(#[doc = $doc:literal])+
        $var:ident => $member:ident: $kind:ident -> $ty:ty {
            key: $key:literal,
            label: $label:literal,
            hint: $hint:expr,
            link: $link:literal,
            link_default: $link_default:literal,
            default: $default:literal,
            parse: $parse:expr,
            show: $show:expr,
        }
    )*) => {
        /// A field of the form, in link order. Errors name the field they belong next to.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum Field {
            $( $(#[doc = $doc])+ $var, )*
        }

        /// Every input as text (toggles as booleans), exactly as entered.
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        pub struct Form {
            $( $(#[doc = $doc])+ pub $member: form_type!($kind), )*
            /// The services after the first, each as its own text ([`ServiceForm`]).
            pub services: Vec<ServiceForm>,
        }

        /// Every field read on its own by its parser: the value, or the error next to the field.
        #[derive(Debug, Clone)]
        pub struct Parsed {
            $( $(#[doc = $doc])+ pub $member: Result<$ty, PlanError>, )*
        }

        impl Field {
            /// Every field, in link order.
            pub const ALL: [Field; [$($key),*].len()] = [$(Field::$var),*];

            /// The field's key in a link (`type`, `az`, …).
            pub fn key(self) -> &'static str {
                match self { $(Field::$var => $key,)* }
            }

            /// The field's label for people (the page's label, the exports' row name).
            pub fn label(self) -> &'static str {
                match self { $(Field::$var => $label,)* }
            }

            /// The id of the field's control in the page (its `Form` member's name).
            pub fn id(self) -> &'static str {
                match self { $(Field::$var => stringify!($member),)* }
            }

            /// A hint under the field, if it has one.
            pub fn hint(self) -> Option<&'static str> {
                match self { $(Field::$var => $hint,)* }
            }

            /// Whether the field is a toggle (`0`/`1` in a link).
            pub fn is_flag(self) -> bool {
                match self { $(Field::$var => stringify!($kind) == "flag",)* }
            }

            /// What README's link table says of the field: (value, default).
            pub fn link_doc(self) -> (&'static str, &'static str) {
                match self { $(Field::$var => ($link, $link_default),)* }
            }

            /// Whether `text` is a valid value of the field on its own (whatever the other
            /// fields say): what a link's or an imported value must pass to be used.
            ///
            /// # Errors
            /// The field's parser's message.
            pub fn check(self, text: &str) -> Result<(), PlanError> {
                let checked = match self {
                    $(Field::$var => <form_type!($kind) as Value>::syntax(text).and_then(|()| {
                        let v: form_type!($kind) = Value::from_text(text);
                        ($parse)(&v).map(drop)
                    }),)*
                };
                checked.map_err(|m| PlanError::new(self, m))
            }
        }

        impl Form {
            /// The text of `field` (`1`/`0` for toggles), as a link writes it.
            pub fn get(&self, field: Field) -> String {
                match field { $(Field::$var => Value::text(&self.$member),)* }
            }

            /// Sets `field` to `text` (a toggle is on for `1`).
            pub fn set(&mut self, field: Field, text: &str) {
                match field { $(Field::$var => self.$member = Value::from_text(text),)* }
            }

            /// Every field read by its parser, each on its own.
            pub fn parsed(&self) -> Parsed {
                Parsed {
                    $( $member: ($parse)(&self.$member).map_err(|m| PlanError::new(Field::$var, m)), )*
                }
            }

            /// The form that shows `i`.
            ///
            /// # Examples
            /// ```
            /// use awsvpc_planner::calc::{Form, Inputs};
            /// assert_eq!(Form::from_inputs(&Inputs::default()), Form::default());
            /// ```
            pub fn from_inputs(i: &Inputs) -> Form {
                Form {
                    $( $member: ($show)(i), )*
                    services: i.services.iter().zip(1..).map(|(s, id)| {
                        ServiceForm::from_service(s).with_id(id)
                    }).collect(),
                }
            }
        }

        impl Default for Form {
            /// Every field's default text: the form of [`Inputs::default`].
            fn default() -> Self {
                Form { $( $member: Value::from_text($default), )* services: Vec::new() }
            }
        }
    };
}

/// Text of an optional number: empty when not given.
fn opt(v: Option<u32>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fields! {
    /// Launch type: EC2 or Fargate.
    Launch => launch: text -> Launch {
        key: "launch", label: "Launch type", hint: None,
        link: "`ec2` or `fargate`", link_default: "`ec2`", default: "ec2",
        parse: |s: &str| parse::choice::<Launch>(s),
        show: |i: &Inputs| i.launch.to_string(),
    }
    /// Instance type.
    Instance => instance: text -> String {
        key: "type", label: "Instance type", hint: None,
        link: "instance type", link_default: "`c5.large`", default: "c5.large",
        parse: |s: &str| parse::instance(s),
        show: |i: &Inputs| i.instance.clone(),
    }
    /// AZ count.
    Azs => azs: text -> u32 {
        key: "az", label: "Availability Zones", hint: None,
        link: "AZ count, 1–6", link_default: "`3`", default: "3",
        parse: |s: &str| parse::count(s, 1, MAX_AZS),
        show: |i: &Inputs| i.azs.to_string(),
    }
    /// Desired task count.
    Tasks => tasks: text -> u32 {
        key: "tasks", label: "Desired tasks", hint: None,
        link: "desired tasks", link_default: "`1000`", default: "1000",
        parse: |s: &str| parse::count(s, 0, MAX_TASKS),
        show: |i: &Inputs| i.tasks.to_string(),
    }
    /// ENI trunking (a toggle).
    Trunk => trunk: flag -> bool {
        key: "trunk", label: "ENI trunking",
        hint: Some("awsvpcTrunking: more tasks per instance, one more address per instance"),
        link: "ENI trunking, `0` or `1`", link_default: "`0`", default: "0",
        parse: |b: &bool| Ok::<bool, String>(*b),
        show: |i: &Inputs| i.trunking,
    }
    /// VPC CIDR.
    Vpc => vpc: text -> Ipv4Net {
        key: "vpc", label: "VPC CIDR", hint: None,
        link: "VPC CIDR", link_default: "`172.31.0.0/16`", default: "172.31.0.0/16",
        parse: |s: &str| parse::block(s),
        show: |i: &Inputs| i.vpc.to_string(),
    }
    /// Host subnet prefix.
    HostPrefix => host: text -> u8 {
        key: "host", label: "Host subnet per AZ", hint: None,
        link: "host subnet prefix", link_default: "`20`", default: "20",
        parse: |s: &str| parse::prefix(s),
        show: |i: &Inputs| i.host_prefix.to_string(),
    }
    /// Secondary task CIDR in use (a toggle).
    Secondary => secondary: flag -> bool {
        key: "sec", label: "Separate task subnets",
        hint: Some("tasks get their addresses apart from the hosts': subnets listed in the VPC's CIDR or a secondary one, or carved from a secondary CIDR such as 100.64.0.0/10"),
        link: "tasks in subnets of their own (listed, or carved from the task CIDR), `0` or `1`",
        link_default: "`1` when `tcidr` is present, else `0`", default: "0",
        parse: |b: &bool| Ok::<bool, String>(*b),
        show: |i: &Inputs| i.secondary,
    }
    /// Secondary task CIDR.
    TaskCidr => tcidr: text -> Ipv4Net {
        key: "tcidr", label: "Task CIDR", hint: None,
        link: "secondary task CIDR; present means in use",
        link_default: "`100.64.0.0/16`, off", default: "100.64.0.0/16",
        parse: |s: &str| parse::block(s),
        show: |i: &Inputs| i.task_cidr.to_string(),
    }
    /// Task subnet prefix.
    TaskPrefix => tsub: text -> u8 {
        key: "tsub", label: "Task subnet per AZ", hint: None,
        link: "task subnet prefix", link_default: "`18`", default: "18",
        parse: |s: &str| parse::prefix(s),
        show: |i: &Inputs| i.task_prefix.to_string(),
    }
    /// Explicit host subnets.
    HostSubnets => hnets: text -> (Vec<Ipv4Net>, Vec<u32>) {
        key: "hnets", label: "Host subnets (optional)",
        hint: Some("one per AZ, comma-separated, to plan existing subnets; add @N for N addresses already in use (10.0.0.0/24@37); empty: carved in order from the VPC"),
        link: "explicit host subnets, one per AZ, comma-separated; `10.0.0.0/24@37`: 37 addresses already in use",
        link_default: "empty: carved in order; no `@`: 0 in use", default: "",
        parse: |s: &str| parse::listed(s),
        show: |i: &Inputs| parse::listed_text(&i.host_subnets, &i.host_in_use),
    }
    /// Explicit task subnets.
    TaskSubnets => tnets: text -> (Vec<Ipv4Net>, Vec<u32>) {
        key: "tnets", label: "Task subnets (optional)",
        hint: Some("one per AZ, comma-separated; @N for addresses already in use; empty: carved in order from the task CIDR"),
        link: "explicit task subnets, one per AZ, comma-separated, `@n` as in `hnets`",
        link_default: "empty: carved in order", default: "",
        parse: |s: &str| parse::listed(s),
        show: |i: &Inputs| parse::listed_text(&i.task_subnets, &i.task_in_use),
    }
    /// AZ names.
    Zones => zones: text -> Vec<String> {
        key: "zones", label: "AZ names", hint: None,
        link: "AZ names, one per AZ, comma-separated (`us-east-1a,us-east-1b`)",
        link_default: "not named", default: "",
        parse: |s: &str| parse::zones(s),
        show: |i: &Inputs| i.labels.zones.join(","),
    }
    /// Host subnet ids.
    HostIds => hid: text -> Vec<String> {
        key: "hid", label: "Host subnet ids", hint: None,
        link: "ids of the listed host subnets, one per listed subnet (the Terraform snippet looks them up by id)",
        link_default: "none", default: "",
        parse: |s: &str| parse::subnet_ids(s),
        show: |i: &Inputs| i.labels.host_ids.join(","),
    }
    /// Task subnet ids.
    TaskIds => tid: text -> Vec<String> {
        key: "tid", label: "Task subnet ids", hint: None,
        link: "ids of the listed task subnets, one per listed subnet", link_default: "none",
        default: "",
        parse: |s: &str| parse::subnet_ids(s),
        show: |i: &Inputs| i.labels.task_ids.join(","),
    }
    /// IPv6 CIDRs of the listed host subnets.
    HostIpv6 => hv6: text -> Vec<Option<ipnet::Ipv6Net>> {
        key: "hv6", label: "Host subnets' IPv6 CIDRs", hint: None,
        link: "IPv6 CIDRs of the listed host subnets, one per listed subnet, `-` for a subnet without one (imported: dual-stack and IPv6-only plans name the subnets that have none)",
        link_default: "not known", default: "",
        parse: |s: &str| parse::ipv6_blocks(s),
        show: |i: &Inputs| parse::ipv6_text(&i.labels.host_ipv6),
    }
    /// IPv6 CIDRs of the listed task subnets.
    TaskIpv6 => tv6: text -> Vec<Option<ipnet::Ipv6Net>> {
        key: "tv6", label: "Task subnets' IPv6 CIDRs", hint: None,
        link: "IPv6 CIDRs of the listed task subnets, as `hv6`", link_default: "not known",
        default: "",
        parse: |s: &str| parse::ipv6_blocks(s),
        show: |i: &Inputs| parse::ipv6_text(&i.labels.task_ipv6),
    }
    /// Host subnet names.
    HostNames => hname: text -> Vec<String> {
        key: "hname", label: "Host subnet names", hint: None,
        link: "host subnet names, one per AZ, comma-separated (`\\,` for a comma in a name)",
        link_default: "not named", default: "",
        parse: |s: &str| parse::names(s),
        show: |i: &Inputs| parse::names_text(&i.labels.host_names),
    }
    /// Task subnet names.
    TaskNames => tname: text -> Vec<String> {
        key: "tname", label: "Task subnet names", hint: None,
        link: "task subnet names, one per AZ, as `hname`", link_default: "not named",
        default: "",
        parse: |s: &str| parse::names(s),
        show: |i: &Inputs| parse::names_text(&i.labels.task_names),
    }
    /// IP mode.
    IpMode => ip: text -> IpMode {
        key: "ip", label: "Task IP addresses", hint: None,
        link: "`v4`, `dual` or `v6only`", link_default: "`v4`", default: "v4",
        parse: |s: &str| parse::choice::<IpMode>(s),
        show: |i: &Inputs| i.ip_mode.to_string(),
    }
    /// IPv6 subnet prefix.
    Ipv6Prefix => v6: text -> u8 {
        key: "v6", label: "IPv6 subnet size", hint: None,
        link: "IPv6 subnet prefix", link_default: "`64`", default: "64",
        parse: |s: &str| parse::v6_prefix(s),
        show: |i: &Inputs| i.ipv6_prefix.to_string(),
    }
    /// Deployment strategy.
    Deploy => deploy: text -> Strategy {
        key: "deploy", label: "Deployment strategy", hint: None,
        link: "`rolling` or `bluegreen`", link_default: "`rolling`", default: "rolling",
        parse: |s: &str| parse::choice::<Strategy>(s),
        show: |i: &Inputs| i.deploy.strategy().to_string(),
    }
    /// maximumPercent.
    Surge => surge: text -> u32 {
        key: "surge", label: "maximumPercent", hint: Some("ECS default 200"),
        link: "maximumPercent", link_default: "`200`", default: "200",
        parse: |s: &str| parse::count(s, SURGE_RANGE.0, SURGE_RANGE.1),
        show: |i: &Inputs| match i.deploy {
            Deploy::Rolling { max_percent } => max_percent.to_string(),
            Deploy::BlueGreen => "200".to_string(),
        },
    }
    /// Task CPU.
    Cpu => cpu: text -> Option<u32> {
        key: "cpu", label: "Task CPU units", hint: Some("optional; 1024 = 1 vCPU"),
        link: "task CPU units", link_default: "not set", default: "",
        parse: |s: &str| parse::optional(s, 1, 1_048_576),
        show: |i: &Inputs| opt(i.cpu),
    }
    /// Task memory.
    Memory => mem: text -> Option<u32> {
        key: "mem", label: "Task memory (MiB)", hint: Some("optional"),
        link: "task memory, MiB", link_default: "not set", default: "",
        parse: |s: &str| parse::optional(s, 1, 33_554_432),
        show: |i: &Inputs| opt(i.memory_mib),
    }
    /// Memory reserve.
    Reserve => reserve: text -> u32 {
        key: "reserve", label: "Memory kept back per instance (MiB)",
        hint: Some("ECS_RESERVED_MEMORY: OS and agent; AWS's example: 256"),
        link: "memory kept back per instance (`ECS_RESERVED_MEMORY`), MiB",
        link_default: "`256`", default: "256",
        parse: |s: &str| parse::count(s, 0, 33_554_432),
        show: |i: &Inputs| i.memory_reserve_mib.to_string(),
    }
    /// Registered share of installed memory.
    Registered => registered: text -> u32 {
        key: "regmem", label: "Registered memory (% of installed)",
        hint: Some("the ECS agent registers less than is installed; AWS: an m4.large's 8,192 MiB registers 7,985 (97%)"),
        link: "memory the ECS agent registers, % of installed, 50–100 (not on Fargate)",
        link_default: "`97`", default: "97",
        parse: |s: &str| parse::percent(s, MIN_REGISTERED_PERCENT, 100),
        show: |i: &Inputs| i.memory_registered_percent.to_string(),
    }
    /// Application Load Balancer (a toggle).
    Alb => alb: flag -> bool {
        key: "alb", label: "ALB (8 addresses)", hint: None,
        link: "an Application Load Balancer in the host subnets, `0` or `1`",
        link_default: "`0`", default: "0",
        parse: |b: &bool| Ok::<bool, String>(*b),
        show: |i: &Inputs| i.other.alb,
    }
    /// Network Load Balancer (a toggle).
    Nlb => nlb: flag -> bool {
        key: "nlb", label: "NLB (1 address)", hint: None,
        link: "a Network Load Balancer in the host subnets, `0` or `1`", link_default: "`0`",
        default: "0",
        parse: |b: &bool| Ok::<bool, String>(*b),
        show: |i: &Inputs| i.other.nlb,
    }
    /// NAT gateway addresses.
    Nat => nat: text -> u32 {
        key: "nat", label: "NAT gateway addresses", hint: None,
        link: "NAT gateway addresses per AZ, 0–8", link_default: "`0`", default: "0",
        parse: |s: &str| parse::count(s, 0, MAX_NAT),
        show: |i: &Inputs| i.other.nat.to_string(),
    }
    /// Interface endpoints.
    Endpoints => vpce: text -> u32 {
        key: "vpce", label: "Interface endpoints", hint: None,
        link: "interface endpoints per AZ", link_default: "`0`", default: "0",
        parse: |s: &str| parse::count(s, 0, 1000),
        show: |i: &Inputs| i.other.endpoints.to_string(),
    }
    /// Other addresses.
    Other => other: text -> u32 {
        key: "other", label: "Other addresses", hint: Some("Lambda, other ENIs"),
        link: "other addresses per AZ", link_default: "`0`", default: "0",
        parse: |s: &str| parse::count(s, 0, 65_536),
        show: |i: &Inputs| i.other.extra.to_string(),
    }
    /// The first service's name.
    Name => name: text -> String {
        key: "name", label: "Service name",
        hint: Some("letters, digits, - and _; unique in the cluster"),
        link: "the first service's name", link_default: "`app`", default: "app",
        parse: |s: &str| parse::service_name(s),
        show: |i: &Inputs| i.name.clone(),
    }
    /// The first service's scheduling: replica or daemon.
    Scheduling => sched: text -> Scheduling {
        key: "sched", label: "Scheduling",
        hint: Some("a daemon runs one task on every instance"),
        link: "the first service's scheduling: `replica` or `daemon`", link_default: "`replica`",
        default: "replica",
        parse: |s: &str| parse::choice::<Scheduling>(s),
        show: |i: &Inputs| i.scheduling.to_string(),
    }
    /// The first service's network mode.
    Network => net: text -> Net {
        key: "net", label: "Network mode", hint: Some("bridge and host tasks take no ENI and no address"),
        link: "the first service's network mode: `awsvpc` or `bridge` (bridge or host)",
        link_default: "`awsvpc`", default: "awsvpc",
        parse: |s: &str| parse::choice::<Net>(s),
        show: |i: &Inputs| i.network.to_string(),
    }
    /// The capacity provider's target capacity.
    Target => target: text -> u32 {
        key: "target", label: "Target capacity (%)",
        hint: Some("the capacity provider's targetCapacity; below 100 keeps spare instances"),
        link: "the capacity provider's target capacity, 1–100 %", link_default: "`100`", default: "100",
        parse: |s: &str| parse::percent(s, 1, 100),
        show: |i: &Inputs| i.target.to_string(),
    }
    /// The instances' operating system.
    Os => os: text -> Os {
        key: "os", label: "Operating system", hint: None,
        link: "`linux` or `windows`", link_default: "`linux`", default: "linux",
        parse: |s: &str| parse::choice::<Os>(s),
        show: |i: &Inputs| i.os.to_string(),
    }
    /// How a cluster's deployments peak.
    Peak => peak: text -> PeakMode {
        key: "peak", label: "Deployments",
        hint: Some("the address peak: one service deploying at a time, or all at once"),
        link: "with several services, the deployment peak: `one` (one service at a time) or `all`",
        link_default: "`one`", default: "one",
        parse: |s: &str| parse::choice::<PeakMode>(s),
        show: |i: &Inputs| i.peak.to_string(),
    }
}

impl Field {
    /// The field whose link key is `key`, if any.
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::Field;
    /// assert_eq!(Field::from_key("type"), Some(Field::Instance));
    /// assert_eq!(Field::from_key("nope"), None);
    /// ```
    pub fn from_key(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.key() == key)
    }
}

/// The link key of each service after the first ([`crate::calc::service`]).
pub const SERVICE_KEY: &str = "svc";

/// Link keys that are not form fields, in the order README lists them: (key, value, default).
/// The link format ([`crate::calc::share`]) reads and writes each.
pub const LINK_KEYS: [(&str, &str, &str); 9] = [
    ("v", "schema version", "`1`"),
    (
        SERVICE_KEY,
        "a service after the first, one `svc` per service in order: `name,key:value,…` with the service keys `sched`, `tasks`, `launch`, `net`, `cpu`, `mem`, `deploy`, `surge` where they differ from a new service's (`worker,tasks:40,cpu:512,mem:1024`; `logs,sched:daemon,cpu:128,mem:256`)",
        "none: one service",
    ),
    ("data", "instance dataset version", "the current one"),
    ("embed", "`1` for the compact embed view", "`0`"),
    ("rfam", "the ranking's family or name filter", "empty: all"),
    ("rarch", "the ranking's architecture filter: `x86_64` or `arm64`", "all"),
    ("rtrunk", "the ranking's trunking filter: `yes` or `no`", "all"),
    (
        "rsort",
        "the ranking's order: `vcpus` (smallest fleet in total vCPUs within the address budget), `instances`, `without`, `with`, `ips`, `name`",
        "`vcpus`",
    ),
    (
        "rhide",
        "types the ranking hides: `accel` (GPU, Inferentia, Trainium), `metal`, `accel,metal` or `none`",
        "`accel`",
    ),
];

/// README's link table: one row per key, `v` first, then every field in link order, then the
/// other keys of [`LINK_KEYS`]. A test checks README holds exactly this.
pub fn link_table() -> String {
    let mut rows = vec![
        "| key | value | default |".to_string(),
        "| --- | --- | --- |".to_string(),
    ];
    let row = |k: &str, v: &str, d: &str| format!("| `{k}` | {v} | {d} |");
    let (first, rest) = LINK_KEYS.split_at(1);
    rows.extend(first.iter().map(|(k, v, d)| row(k, v, d)));
    rows.extend(Field::ALL.iter().map(|f| {
        let (v, d) = f.link_doc();
        row(f.key(), v, d)
    }));
    rows.extend(rest.iter().map(|(k, v, d)| row(k, v, d)));
    rows.join("\n")
}

/// A one-click fix for a [`PlanError`]: a change to the form that removes the conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Fix {
    /// Set the AZ count to this number (the number of subnets listed).
    SetAzs(u32),
}

impl Fix {
    /// A short label for the button, e.g. `Use 2 AZs`.
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::Fix;
    /// assert_eq!(Fix::SetAzs(2).label(), "Use 2 AZs");
    /// assert_eq!(Fix::SetAzs(1).label(), "Use 1 AZ");
    /// ```
    pub fn label(self) -> String {
        match self {
            Fix::SetAzs(n) => format!("Use {n} AZ{}", if n == 1 { "" } else { "s" }),
        }
    }

    /// Applies the fix to a form.
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::{Fix, Form};
    /// let mut f = Form::default();
    /// Fix::SetAzs(2).apply(&mut f);
    /// assert_eq!(f.azs, "2");
    /// ```
    pub fn apply(self, form: &mut Form) {
        match self {
            Fix::SetAzs(n) => form.azs = n.to_string(),
        }
    }
}

/// Why no plan could be made. Carries the field at fault, the other fields the conflict
/// involves, an optional one-click [`Fix`], and a message that names the offending input.
///
/// A value that is wrong on its own (`az=9`) names one field. Values that are each valid but do
/// not fit together (2 subnets listed for 3 AZs, a task larger than the instance, a secondary
/// CIDR AWS does not allow with the VPC) name every field involved: [`PlanError::fields`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanError {
    /// The input at fault (where the message belongs first).
    pub field: Field,
    /// The other inputs involved in the conflict (the message belongs next to each too).
    pub also: Vec<Field>,
    /// A change that resolves the conflict, when there is an obvious one.
    pub fix: Option<Fix>,
    /// What is wrong, in lowercase, naming the input.
    pub message: String,
    /// The service whose field it is, by its place in the cluster (`Some(1)`: the second
    /// service, [`Inputs::services`]`[0]`); `None`: the form's own fields (the first service's
    /// and the cluster's).
    pub service: Option<usize>,
}

impl PlanError {
    /// A new error on `field` alone.
    pub fn new(field: Field, message: impl Into<String>) -> Self {
        PlanError {
            field,
            also: Vec::new(),
            fix: None,
            message: message.into(),
            service: None,
        }
    }
    /// The same error on the fields of the service at `place` in the cluster (0: the first,
    /// whose fields are the form's own).
    #[must_use]
    pub fn in_service(mut self, place: usize) -> Self {
        self.service = (place > 0).then_some(place);
        self
    }
    /// The same error, also naming `others` (a conflict between fields).
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::{Field, PlanError};
    /// let e = PlanError::new(Field::TaskCidr, "not allowed").with(&[Field::Vpc]);
    /// assert_eq!(e.fields().collect::<Vec<_>>(), [Field::TaskCidr, Field::Vpc]);
    /// ```
    #[must_use]
    pub fn with(mut self, others: &[Field]) -> Self {
        for &f in others {
            if f != self.field && !self.also.contains(&f) {
                self.also.push(f);
            }
        }
        self
    }
    /// The same error with a one-click fix.
    #[must_use]
    pub fn fixed_by(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }
    /// Every field the error involves: [`Self::field`] first, then [`Self::also`].
    pub fn fields(&self) -> impl Iterator<Item = Field> + '_ {
        std::iter::once(self.field).chain(self.also.iter().copied())
    }
    /// Whether the error involves the form's own field `f` (not a later service's).
    pub fn involves(&self, f: Field) -> bool {
        self.service.is_none() && self.fields().any(|x| x == f)
    }
    /// Whether the error involves field `f` of the service at `place` in the cluster (0: the
    /// first, the form's own fields).
    pub fn involves_service(&self, place: usize, f: Field) -> bool {
        self.service.unwrap_or(0) == place && self.fields().any(|x| x == f)
    }
}

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for PlanError {}

/// Every value of a choice as its text and its label, for a page's radio buttons.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{field::options, Launch};
/// assert_eq!(options::<Launch>(), [("ec2", "EC2"), ("fargate", "Fargate")]);
/// ```
pub fn options<T: Choice>() -> Vec<(&'static str, &'static str)> {
    T::all().iter().map(|&c| (c.text(), c.label())).collect()
}

/// The text of the value of a choice `text` parses to (`V4` → `v4`), if it parses.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{field::chosen, IpMode};
/// assert_eq!(chosen::<IpMode>(" V6ONLY"), Some("v6only"));
/// assert_eq!(chosen::<IpMode>("v5"), None);
/// ```
pub fn chosen<T: Choice>(text: &str) -> Option<&'static str> {
    parse::choice::<T>(text).ok().map(Choice::text)
}
