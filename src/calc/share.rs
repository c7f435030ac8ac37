//! The link format: every input in the URL fragment, decoded with a notice per rejected value.
//!
//! A link is `key=value` pairs joined by `&`, in the fragment (never sent to a server):
//! `#v=1&type=c5.large&az=3&tasks=1000&trunk=1&vpc=172.31.0.0/16&host=20&tcidr=100.64.0.0/16&tsub=18`.
//!
//! | key | value | default |
//! | --- | --- | --- |
//! | `v` | schema version | `1` |
//! | `launch` | `ec2` or `fargate` | `ec2` |
//! | `type` | instance type | `c5.large` |
//! | `az` | AZ count, 1–6 | `3` |
//! | `tasks` | desired tasks | `1000` |
//! | `trunk` | ENI trunking, `0` or `1` | `0` |
//! | `vpc` | VPC CIDR | `172.31.0.0/16` |
//! | `host` | host subnet prefix | `20` |
//! | `sec` | secondary task CIDR in use, `0` or `1` | `1` when `tcidr` is present, else `0` |
//! | `tcidr` | secondary task CIDR; present means in use | `100.64.0.0/16`, off |
//! | `tsub` | task subnet prefix | `18` |
//! | `hnets` | explicit host subnets, one per AZ, comma-separated; `10.0.0.0/24@37`: 37 addresses already in use | empty: carved in order; no `@`: 0 in use |
//! | `tnets` | explicit task subnets, one per AZ, comma-separated, `@n` as in `hnets` | empty: carved in order |
//! | `zones` | AZ names, one per AZ, comma-separated (`us-east-1a,us-east-1b`) | not named |
//! | `hid`, `tid` | subnet ids of the listed host and task subnets, one per listed subnet (the Terraform snippet looks them up by id) | none |
//! | `hname`, `tname` | host and task subnet names, one per AZ, comma-separated (`\,` for a comma in a name) | not named |
//! | `ip` | `v4`, `dual` or `v6only` | `v4` |
//! | `v6` | IPv6 subnet prefix | `64` |
//! | `deploy` | `rolling` or `bluegreen` | `rolling` |
//! | `surge` | maximumPercent | `200` |
//! | `cpu`, `mem` | task CPU units and MiB | not set |
//! | `reserve` | memory kept back per instance (`ECS_RESERVED_MEMORY`), MiB | `256` |
//! | `regmem` | share of installed memory the ECS agent registers, percent (50–100) | `97` |
//! | `alb`, `nlb` | load balancers, `0` or `1` | `0` |
//! | `nat`, `vpce`, `other` | NAT addresses, interface endpoints, other addresses per AZ | `0` |
//! | `data` | instance dataset version | the current one |
//! | `embed` | `1` for the compact embed view | `0` |
//!
//! `sec=0` is only written for a task CIDR that is set but off, which the comparison still uses.
//! On Fargate the keys that do not apply (`type`, `trunk`, `reserve`, `regmem`) are not written;
//! a link that has them still decodes (the values fill the form, and do not change the plan).
//!
//! The ranking's query has its own keys ([`QUERY_KEYS`]: `rfam`, `rarch`, `rtrunk`, `rsort`,
//! `rhide`), written by [`encode_query`] and read by [`decode_query`]; [`decode`] ignores them.
//! Missing keys take the defaults, unknown keys are ignored, the last of duplicate keys wins, and
//! an invalid value is dropped with a [`Notice`] while the rest of the link applies. Every value
//! goes through the same parsers as the form ([`Form::parse`]), so a decoded form always parses.

use crate::calc::catalog::Arch;
use crate::calc::catalog::DATASET_VERSION;
use crate::calc::cidr::{clip, quote};
use crate::calc::form::{parse_deploy, parse_ip_mode, parse_launch, Form};
use crate::calc::plan::{Inputs, Launch, PlanError, RankQuery, RankSort};
use std::fmt;

/// Every key, in the order [`encode`] writes them.
pub(crate) const KEYS: [&str; 33] = [
    "v", "launch", "type", "az", "tasks", "trunk", "vpc", "host", "sec", "tcidr", "tsub", "hnets",
    "tnets", "zones", "hid", "tid", "hname", "tname", "ip", "v6", "deploy", "surge", "cpu", "mem",
    "reserve", "regmem", "alb", "nlb", "nat", "vpce", "other", "data", "embed",
];
/// Keys that do not apply on Fargate (no container instances), left out of its links.
const NOT_ON_FARGATE: [&str; 4] = ["type", "trunk", "reserve", "regmem"];
/// Keys always written, so a link stays readable.
const CORE: [&str; 6] = ["type", "az", "tasks", "trunk", "vpc", "host"];
/// Keys whose value is `0` or `1`.
const FLAGS: [&str; 5] = ["trunk", "sec", "alb", "nlb", "embed"];
/// Longest value read, in bytes (as sent; a longer one is dropped with a notice).
pub(crate) const MAX_VALUE: usize = 1000;
/// Longest fragment read, in bytes; the rest is dropped at the last whole pair.
pub const MAX_LINK: usize = 16 * 1024;

/// A value of a link that was not used, or something to know about the link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The link key at fault (`az`, `type`, …), or empty for the link as a whole.
    pub key: String,
    /// A short lowercase sentence, `key: what is wrong (ignored)`, quoting the value clipped to 40
    /// characters (the `data` notice names the two datasets instead). Control and bidirectional
    /// characters are replaced by U+FFFD and the whole is at most 200 characters: plain text.
    pub message: String,
}

impl Notice {
    fn new(key: &str, message: &str) -> Notice {
        let safe = message.chars().map(|c| {
            let bidi = matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}');
            if c.is_control() || bidi { '\u{fffd}' } else { c }
        });
        Notice {
            key: key.to_string(),
            message: safe.take(200).collect(),
        }
    }
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// What a link holds: the form it fills in, what was not used, and whether it asks for the embed view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The form: the defaults with every valid value of the link put in. Always parses.
    pub form: Form,
    /// One notice per value not used (and for an old dataset or an unknown version).
    pub notices: Vec<Notice>,
    /// `embed=1`: show the compact embed view.
    pub embed: bool,
}

/// A form field's text by link key (`0`/`1` for toggles); empty for keys that are not fields.
pub(crate) fn get(f: &Form, key: &str) -> String {
    let flag = |b: bool| if b { "1" } else { "0" }.to_string();
    match key {
        "launch" => f.launch.clone(),
        "type" => f.instance.clone(),
        "az" => f.azs.clone(),
        "tasks" => f.tasks.clone(),
        "trunk" => flag(f.trunk),
        "vpc" => f.vpc.clone(),
        "host" => f.host.clone(),
        "sec" => flag(f.secondary),
        "tcidr" => f.tcidr.clone(),
        "tsub" => f.tsub.clone(),
        "hnets" => f.hnets.clone(),
        "tnets" => f.tnets.clone(),
        "zones" => f.zones.clone(),
        "hid" => f.hid.clone(),
        "tid" => f.tid.clone(),
        "hname" => f.hname.clone(),
        "tname" => f.tname.clone(),
        "ip" => f.ip.clone(),
        "v6" => f.v6.clone(),
        "deploy" => f.deploy.clone(),
        "surge" => f.surge.clone(),
        "cpu" => f.cpu.clone(),
        "mem" => f.mem.clone(),
        "reserve" => f.reserve.clone(),
        "regmem" => f.registered.clone(),
        "alb" => flag(f.alb),
        "nlb" => flag(f.nlb),
        "nat" => f.nat.clone(),
        "vpce" => f.vpce.clone(),
        "other" => f.other.clone(),
        _ => String::new(),
    }
}

/// Every input of `i` by link key, as the form shows it, in link order (without `v`, `data` and
/// `embed`). Toggles are `0` or `1`; `cpu` and `mem` are empty when not set. The exports use it.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{plan::Inputs, share::pairs};
/// let p = pairs(&Inputs::default());
/// assert_eq!(p[0], ("launch", "ec2".to_string()));
/// assert!(p.contains(&("sec", "0".to_string())));
/// assert_eq!(p.len(), 30);
/// ```
pub fn pairs(i: &Inputs) -> Vec<(&'static str, String)> {
    let f = Form::from_inputs(i);
    KEYS.iter()
        .filter(|k| !matches!(**k, "v" | "data" | "embed"))
        .map(|&k| (k, get(&f, k)))
        .collect()
}

/// The link fragment of `i`, without the leading `#`: `v=1` first, keys in a fixed order, values
/// percent-encoded where needed (`/`, `,` and `@` stay). Keys equal to their default are left out, except
/// `type`, `az`, `tasks`, `trunk`, `vpc` and `host`; `data` is always there. On Fargate, `type`,
/// `trunk`, `reserve` and `regmem` are left out: the link describes [`Inputs::canonical`].
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{plan::Inputs, share::encode};
/// let mut i = Inputs::default();
/// i.trunking = true;
/// i.secondary = true;
/// assert_eq!(
///     encode(&i, false),
///     "v=1&type=c5.large&az=3&tasks=1000&trunk=1&vpc=172.31.0.0/16&host=20\
///      &tcidr=100.64.0.0/16&tsub=18&data=2026-08"
/// );
/// assert!(encode(&Inputs::default(), true).ends_with("&embed=1"));
/// i.launch = awsvpc_planner::calc::plan::Launch::Fargate;
/// assert_eq!(
///     encode(&i, false),
///     "v=1&launch=fargate&az=3&tasks=1000&vpc=172.31.0.0/16&host=20\
///      &tcidr=100.64.0.0/16&tsub=18&data=2026-08"
/// );
/// ```
pub fn encode(i: &Inputs, embed: bool) -> String {
    let default = Inputs::default();
    let fargate = i.launch == Launch::Fargate;
    let tcidr_set = i.task_cidr != default.task_cidr;
    let defaults = pairs(&default);
    let mut out = String::from("v=1");
    for ((k, v), (_, d)) in pairs(i).into_iter().zip(defaults) {
        let keep = match k {
            _ if fargate && NOT_ON_FARGATE.contains(&k) => false,
            "sec" => !i.secondary && tcidr_set,
            "tcidr" | "tsub" => i.secondary || v != d,
            _ => CORE.contains(&k) || v != d,
        };
        if keep {
            out.push('&');
            out.push_str(k);
            out.push('=');
            escape(&v, &mut out);
        }
    }
    out.push_str("&data=");
    out.push_str(DATASET_VERSION);
    if embed {
        out.push_str("&embed=1");
    }
    out
}

fn escape(v: &str, out: &mut String) {
    for b in v.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:,@".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push('%');
            for nibble in [b >> 4, b & 15] {
                out.push(
                    char::from_digit(u32::from(nibble), 16)
                        .unwrap_or('0')
                        .to_ascii_uppercase(),
                );
            }
        }
    }
}

/// Percent-decodes `raw` (`+` is a space); the error names what is broken.
fn unescape(raw: &str) -> Result<String, String> {
    let broken = || format!("{} has broken percent-encoding", quote(raw));
    let hex = |b: u8| char::from(b).to_digit(16);
    let mut out = Vec::with_capacity(raw.len());
    let mut bytes = raw.bytes();
    while let Some(b) = bytes.next() {
        out.push(match b {
            b'%' => match (bytes.next().and_then(hex), bytes.next().and_then(hex)) {
                (Some(h), Some(l)) => u8::try_from(h * 16 + l).map_err(|_| broken())?,
                _ => return Err(broken()),
            },
            b'+' => b' ',
            b => b,
        });
    }
    String::from_utf8(out).map_err(|_| broken())
}

fn too_long(v: &str) -> String {
    format!(
        "{} is too long ({} bytes; at most 1,000)",
        quote(v),
        crate::calc::fmt::int(v.len() as u64)
    )
}

/// Reads a link fragment (with or without the leading `#`) into a form, never failing: what
/// cannot be used becomes a [`Notice`] and the default stays.
///
/// # Errors
/// None as such; each rejected value is a notice naming its key: a value the form would reject
/// (checked by the form's own parsers, every field as if it applied), broken percent-encoding
/// (`%zz`, `%e2%82`, a lone `%`), a value over 1,000 bytes, a toggle other than `0`/`1`. A fragment
/// over [`MAX_LINK`] bytes is cut at its last whole pair; `v` other than `1` and a `data` other than
/// the current dataset also give notices. Values that are each valid but conflict (subnets listed
/// for another AZ count, a task larger than the instance, a task CIDR AWS does not allow with the
/// VPC, a Fargate task size AWS does not offer) are kept, with no notice: the form shows them and
/// [`crate::calc::plan::conflicts`] names each conflict next to its fields.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::share::decode;
/// let d = decode("#v=1&type=m5.large&az=0&tasks=500&tcidr=100.64.0.0/16&surprise=1");
/// assert_eq!((d.form.instance.as_str(), d.form.azs.as_str(), d.form.tasks.as_str()), ("m5.large", "3", "500"));
/// assert!(d.form.secondary);
/// assert_eq!(d.notices.len(), 1);
/// assert_eq!(d.notices[0].key, "az");
/// assert!(d.notices[0].message.starts_with("az: "));
/// assert!(d.form.parse().is_ok());
/// ```
pub fn decode(fragment: &str) -> Decoded {
    let mut s = fragment.strip_prefix('#').unwrap_or(fragment);
    let mut notices = Vec::new();
    if s.len() > MAX_LINK {
        let cut = s
            .as_bytes()
            .get(..=MAX_LINK)
            .and_then(|b| b.iter().rposition(|&c| c == b'&'));
        s = s.get(..cut.unwrap_or(0)).unwrap_or("");
        notices.push(Notice::new(
            "",
            "the link is over 16,384 bytes; the rest was ignored",
        ));
    }
    let mut last: [Option<&str>; KEYS.len()] = [None; KEYS.len()];
    for pair in s.split('&') {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        if let Some(slot) = KEYS
            .iter()
            .position(|&x| x == k)
            .and_then(|n| last.get_mut(n))
        {
            *slot = Some(v);
        }
    }
    let values = last.map(|v| {
        v.map(|raw| {
            if raw.len() > MAX_VALUE {
                Err(too_long(raw))
            } else {
                unescape(raw)
            }
        })
    });
    apply(values, notices)
}

/// Checks one value that no form field parser covers alone; `v` and `data` only give notices.
fn check(k: &str, v: &str, embed: &mut bool, notices: &mut Vec<Notice>) -> Result<(), String> {
    if v.len() > MAX_VALUE {
        return Err(too_long(v));
    }
    let t = v.trim();
    let err = |e: PlanError| e.message;
    match k {
        "v" if t != "1" => {
            let m = format!("v: link version {} is not 1; read as version 1", quote(t));
            notices.push(Notice::new(k, &m));
        }
        "data" if t != DATASET_VERSION => {
            let m = format!(
                "this link was made with instance data {}; numbers may differ from when it was shared (now {DATASET_VERSION})",
                clip(t)
            );
            notices.push(Notice::new(k, &m));
        }
        _ if FLAGS.contains(&k) && t != "0" && t != "1" => {
            return Err(format!("{}: choose 0 or 1", quote(t)));
        }
        "embed" => *embed = t == "1",
        "launch" => parse_launch(t).map(drop).map_err(err)?,
        "ip" => parse_ip_mode(t).map(drop).map_err(err)?,
        "deploy" => parse_deploy(t, "100").map(drop).map_err(err)?,
        _ => {}
    }
    Ok(())
}

/// Applies one value (or why there is none) per key of [`KEYS`] to the default form.
pub(crate) fn apply(
    values: [Option<Result<String, String>>; KEYS.len()],
    mut notices: Vec<Notice>,
) -> Decoded {
    let defaults = Form::default();
    let mut form = defaults.clone();
    let mut embed = false;
    let mut given: Vec<&str> = Vec::new();
    let reject = |notices: &mut Vec<Notice>, k: &str, why: &str| {
        notices.push(Notice::new(k, &format!("{k}: {why} (ignored)")));
    };
    for (&k, v) in KEYS.iter().zip(values) {
        match v.map(|v| v.and_then(|v| check(k, &v, &mut embed, &mut notices).map(|()| v))) {
            Some(Ok(v)) => {
                form.set(k, v);
                given.push(k);
            }
            Some(Err(why)) => reject(&mut notices, k, &why),
            None => {}
        }
    }
    // Check every field as if it applied, with the form's own parser.
    let mut probe = form.clone();
    probe.launch = "ec2".into();
    probe.ip = "dual".into();
    probe.deploy = "rolling".into();
    probe.secondary = true;
    let errors = if given.is_empty() {
        Vec::new()
    } else {
        probe.parse().err().unwrap_or_default()
    };
    for e in errors {
        let k = e.field.key();
        form.set(k, get(&defaults, k));
        given.retain(|g| *g != k);
        reject(&mut notices, k, &e.message);
    }
    if !given.contains(&"sec") {
        form.secondary = given.contains(&"tcidr");
    }
    // In the link format's key order; notices of one key keep their order (at most a few per
    // key: the last value of each key counts).
    let mut notices = notices;
    notices.sort_by_key(|n| KEYS.iter().position(|k| *k == n.key));
    Decoded {
        form,
        notices,
        embed,
    }
}

/// The link keys of the ranking's query, in the order [`encode_query`] writes them: family prefix,
/// architecture, trunking support, sort, hidden kinds.
///
/// | key | value | default |
/// | --- | --- | --- |
/// | `rfam` | name or family prefix | empty: all |
/// | `rarch` | `x86_64` or `arm64` | all |
/// | `rtrunk` | `yes` or `no` (trunking support) | all |
/// | `rsort` | `vcpus`, `instances`, `without`, `with`, `ips` or `name` | `vcpus` |
/// | `rhide` | `none`, `accel`, `metal` or `accel,metal` | `accel` (accelerated types hidden) |
pub const QUERY_KEYS: [&str; 5] = ["rfam", "rarch", "rtrunk", "rsort", "rhide"];

/// The link codes of a ranking query's choices (the family is its own text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueryCodes {
    /// `x86_64`, `arm64` or empty (all).
    pub arch: &'static str,
    /// `yes`, `no` or empty (all).
    pub trunk: &'static str,
    /// `vcpus`, `instances`, `without`, `with`, `ips` or `name`.
    pub sort: &'static str,
    /// `accel`, `metal`, `accel,metal` or `none`.
    pub hide: &'static str,
}

/// The link codes of `q`'s choices.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{plan::RankQuery, share::query_codes};
/// let c = query_codes(&RankQuery::default());
/// assert_eq!((c.arch, c.trunk, c.sort, c.hide), ("", "", "vcpus", "accel"));
/// ```
pub fn query_codes(q: &RankQuery) -> QueryCodes {
    QueryCodes {
        arch: match q.arch {
            Some(Arch::X86_64) => "x86_64",
            Some(Arch::Arm64) => "arm64",
            None => "",
        },
        trunk: match q.trunking {
            Some(true) => "yes",
            Some(false) => "no",
            None => "",
        },
        sort: match q.sort {
            RankSort::Vcpus => "vcpus",
            RankSort::Instances => "instances",
            RankSort::TasksWithout => "without",
            RankSort::TasksWith => "with",
            RankSort::Addresses => "ips",
            RankSort::Name => "name",
        },
        hide: match (q.exclude_accelerated, q.exclude_metal) {
            (true, true) => "accel,metal",
            (true, false) => "accel",
            (false, true) => "metal",
            (false, false) => "none",
        },
    }
}

/// The ranking query the codes describe; unknown codes mean no filter and the default sort.
/// `hide` is `none`, or a comma-separated list of `accel` and `metal` in any order; empty or
/// without either word it is the default (`accel`).
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{plan::{RankQuery, RankSort}, share::query_from};
/// let q = query_from("c7", "arm64", "yes", "ips", "metal,accel");
/// assert_eq!((q.sort, q.exclude_accelerated, q.exclude_metal), (RankSort::Addresses, true, true));
/// assert_eq!(query_from("", "z80", "maybe", "size", "gpu"), RankQuery::default());
/// assert!(!query_from("", "", "", "", "none").exclude_accelerated);
/// ```
pub fn query_from(family: &str, arch: &str, trunk: &str, sort: &str, hide: &str) -> RankQuery {
    let hidden = |w: &str| hide.split(',').any(|h| h.trim() == w);
    let (accel, metal) = match (hide.trim(), hidden("accel"), hidden("metal")) {
        ("none", _, _) => (false, false),
        (_, false, false) => (RankQuery::default().exclude_accelerated, false),
        (_, a, m) => (a, m),
    };
    RankQuery {
        family: family.to_string(),
        arch: match arch {
            "x86_64" => Some(Arch::X86_64),
            "arm64" => Some(Arch::Arm64),
            _ => None,
        },
        trunking: match trunk {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        },
        sort: match sort {
            "instances" => RankSort::Instances,
            "without" => RankSort::TasksWithout,
            "with" => RankSort::TasksWith,
            "ips" => RankSort::Addresses,
            "name" => RankSort::Name,
            _ => RankSort::Vcpus,
        },
        exclude_accelerated: accel,
        exclude_metal: metal,
    }
}

/// The ranking query as link pairs (`rfam=c7&rsort=ips`, keys of [`QUERY_KEYS`], values
/// percent-encoded like [`encode`]'s), leaving out choices at their default: empty for the default
/// query. Append it to a plan's link with `&`.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{plan::{RankQuery, RankSort}, share::{decode_query, encode_query}};
/// assert_eq!(encode_query(&RankQuery::default()), "");
/// let q = RankQuery { family: "c7 g".into(), sort: RankSort::Instances, exclude_metal: true, ..Default::default() };
/// let link = encode_query(&q);
/// assert_eq!(link, "rfam=c7%20g&rsort=instances&rhide=accel,metal");
/// assert_eq!(decode_query(&format!("#v=1&type=c5.large&{link}")), q);
/// ```
pub fn encode_query(q: &RankQuery) -> String {
    let c = query_codes(q);
    let default = query_codes(&RankQuery::default());
    let mut out = String::new();
    let values = [q.family.as_str(), c.arch, c.trunk, c.sort, c.hide];
    let defaults = ["", default.arch, default.trunk, default.sort, default.hide];
    for ((k, v), d) in QUERY_KEYS.iter().zip(values).zip(defaults) {
        if v != d {
            if !out.is_empty() {
                out.push('&');
            }
            out.push_str(k);
            out.push('=');
            escape(v, &mut out);
        }
    }
    out
}

/// Reads the ranking query from a link fragment (with or without `#`; other keys are ignored,
/// the last of duplicate keys wins, unknown or broken values mean no filter and the default
/// sort; a family over 1,000 bytes is ignored). Never fails.
pub fn decode_query(fragment: &str) -> RankQuery {
    let s = fragment.strip_prefix('#').unwrap_or(fragment);
    let s = s.get(..s.len().min(MAX_LINK)).unwrap_or("");
    let mut last: [&str; QUERY_KEYS.len()] = [""; QUERY_KEYS.len()];
    for pair in s.split('&') {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        if let Some(slot) = QUERY_KEYS
            .iter()
            .position(|&x| x == k)
            .and_then(|n| last.get_mut(n))
        {
            *slot = v;
        }
    }
    let value = |n: usize| {
        last.get(n)
            .filter(|v| v.len() <= MAX_VALUE)
            .and_then(|v| unescape(v).ok())
            .unwrap_or_default()
    };
    query_from(&value(0), &value(1), &value(2), &value(3), &value(4))
}
