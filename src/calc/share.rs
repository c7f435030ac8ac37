//! The link format: every input in the URL fragment, decoded with a notice per value not used.
//!
//! A link is `key=value` pairs joined by `&`, in the fragment (never sent to a server):
//! `#v=1&type=c5.large&az=3&tasks=1000&trunk=1&vpc=172.31.0.0/16&host=20&tcidr=100.64.0.0/16&tsub=18`.
//! The keys are the fields' ([`crate::calc::field`], which also gives README's table of them)
//! and the few of [`crate::calc::field::LINK_KEYS`]: the version `v`, the dataset `data`,
//! `embed`, and the ranking's query ([`QUERY_KEYS`]). Values are percent-encoded with the
//! `percent-encoding` crate (`/`, `,`, `:` and `@` stay as they are, so a link stays readable).
//!
//! `sec=0` is only written for a task CIDR that is set but off, which the comparison still uses.
//! On Fargate the keys that do not apply (`type`, `trunk`, `reserve`, `regmem`) are not written;
//! a link that has them still decodes (the values fill the form, and do not change the plan).
//!
//! Missing keys take the defaults; the last of duplicate keys wins; an invalid value is dropped
//! with a [`Notice`] while the rest of the link applies. Keys this version does not know are
//! named in a notice and kept ([`Decoded::unknown`]), so a page can carry them on. Every value
//! goes through the field's own parser ([`Field::check`]), so a decoded form always parses.

use crate::calc::catalog::{Arch, DATASET_VERSION};
use crate::calc::cidr::{clip, quote};
use crate::calc::field::{Field, Form};
use crate::calc::input::{Inputs, Launch, TaskPlace};
use crate::calc::rank::{RankQuery, RankSort};
use crate::calc::service::{ServiceForm, SERVICE_KEY};
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use std::fmt;

/// Bytes a value keeps as they are: letters, digits and `-._~/:,@`; everything else is
/// percent-encoded.
const KEEP: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/')
    .remove(b':')
    .remove(b',')
    .remove(b'@');
/// Fields that do not apply on Fargate (no container instances), left out of its links.
const NOT_ON_FARGATE: [Field; 4] = [
    Field::Instance,
    Field::Trunk,
    Field::Reserve,
    Field::Registered,
];
/// Fields always written, so a link stays readable.
const CORE: [Field; 6] = [
    Field::Instance,
    Field::Azs,
    Field::Tasks,
    Field::Trunk,
    Field::Vpc,
    Field::HostPrefix,
];
/// Longest value read, in bytes (as sent; a longer one is dropped with a notice).
pub(crate) const MAX_VALUE: usize = 1000;
/// Longest fragment read, in bytes; the rest is dropped at the last whole pair.
pub const MAX_LINK: usize = 16 * 1024;

/// The link keys of the ranking's query, in the order [`encode_query`] writes them: family prefix,
/// architecture, trunking support, sort, hidden kinds.
pub const QUERY_KEYS: [&str; 5] = ["rfam", "rarch", "rtrunk", "rsort", "rhide"];

/// A value of a link that was not used, or something to know about the link.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Notice {
    /// The link key at fault (`az`, `type`, …), or empty for the link as a whole.
    pub key: String,
    /// A short lowercase sentence, `key: what is wrong (ignored)`, quoting the value clipped to 40
    /// characters (the `data` notice names the two datasets instead). Control and bidirectional
    /// characters are replaced by U+FFFD and the whole is at most 200 characters: plain text.
    pub message: String,
}

impl Notice {
    /// A notice on `key` saying `message`, made plain text.
    pub(crate) fn new(key: &str, message: &str) -> Notice {
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

/// What a link holds: the form it fills in, what was not used, whether it asks for the embed
/// view, and the pairs of keys this version does not know.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Decoded {
    /// The form: the defaults with every valid value of the link put in. Always parses.
    pub form: Form,
    /// One notice per value not used (and for an old dataset, an unknown version or key).
    pub notices: Vec<Notice>,
    /// `embed=1`: show the compact embed view.
    pub embed: bool,
    /// The `key=value` pairs of keys this version does not know, as they were written (still
    /// percent-encoded), in link order: a page appends them to the links it writes.
    pub unknown: Vec<String>,
}

/// Every input of `i` that applies, by field, as the form shows it, in link order: on Fargate
/// not the fields of container instances, with task subnets listed in the VPC's primary CIDR
/// not the task CIDR and its prefix (a plan never states a CIDR the VPC does not have). Toggles
/// are `0` or `1`; `cpu` and `mem` are empty when not set. The exports use it.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{share::pairs, Field, Inputs};
/// let p = pairs(&Inputs::default());
/// assert_eq!(p[0], (Field::Launch, "ec2".to_string()));
/// assert!(p.contains(&(Field::Secondary, "0".to_string())));
/// assert_eq!(p.len(), Field::ALL.len());
/// let listed = Inputs { secondary: true, task_subnets: vec!["172.31.128.0/20".parse().unwrap(); 3], ..Inputs::default() };
/// assert!(!pairs(&listed).iter().any(|(f, _)| *f == Field::TaskCidr));
/// ```
pub fn pairs(i: &Inputs) -> Vec<(Field, String)> {
    let f = Form::from_inputs(i);
    let fargate = i.launch == Launch::Fargate;
    let primary = i.task_place() == TaskPlace::Primary;
    Field::ALL
        .iter()
        .filter(|k| !(fargate && NOT_ON_FARGATE.contains(k)))
        .filter(|k| !(primary && matches!(k, Field::TaskCidr | Field::TaskPrefix)))
        .map(|&k| (k, f.get(k)))
        .collect()
}

/// Appends `key=value` to a link, the value percent-encoded.
fn push(out: &mut String, key: &str, value: &str) {
    if !out.is_empty() {
        out.push('&');
    }
    out.push_str(key);
    out.push('=');
    out.extend(utf8_percent_encode(value, KEEP));
}

/// The link fragment of `i`, without the leading `#`: `v=1` first, keys in a fixed order, values
/// percent-encoded where needed (`/`, `,` and `@` stay). Keys equal to their default are left
/// out, except `type`, `az`, `tasks`, `trunk`, `vpc` and `host`; `data` is always there. On
/// Fargate, `type`, `trunk`, `reserve` and `regmem` are left out: the link describes
/// [`Inputs::canonical`].
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{share::encode, Inputs, Launch};
/// let mut i = Inputs::default();
/// i.trunking = true;
/// i.secondary = true;
/// assert_eq!(
///     encode(&i, false),
///     "v=1&type=c5.large&az=3&tasks=1000&trunk=1&vpc=172.31.0.0/16&host=20\
///      &tcidr=100.64.0.0/16&tsub=18&data=2026-08"
/// );
/// assert!(encode(&Inputs::default(), true).ends_with("&embed=1"));
/// i.launch = Launch::Fargate;
/// assert_eq!(
///     encode(&i, false),
///     "v=1&launch=fargate&az=3&tasks=1000&vpc=172.31.0.0/16&host=20\
///      &tcidr=100.64.0.0/16&tsub=18&data=2026-08"
/// );
/// ```
pub fn encode(i: &Inputs, embed: bool) -> String {
    let default = Form::default();
    let form = Form::from_inputs(i);
    let fargate = i.launch == Launch::Fargate;
    let tcidr_set = form.tcidr != default.tcidr;
    let place = i.task_place();
    let mut out = String::from("v=1");
    for field in Field::ALL {
        let (v, d) = (form.get(field), default.get(field));
        let keep = match field {
            _ if fargate && NOT_ON_FARGATE.contains(&field) => false,
            // `sec` says what `tcidr` cannot: a task CIDR set but off, or task subnets listed
            // in the VPC's primary CIDR, where no task CIDR applies.
            Field::Secondary => (!i.secondary && tcidr_set) || place == TaskPlace::Primary,
            Field::TaskCidr | Field::TaskPrefix => {
                place == TaskPlace::Secondary || (place == TaskPlace::Hosts && v != d)
            }
            _ => CORE.contains(&field) || v != d,
        };
        if keep {
            push(&mut out, field.key(), &v);
        }
    }
    for svc in &form.services {
        push(&mut out, SERVICE_KEY, &svc.link_value());
    }
    push(&mut out, "data", DATASET_VERSION);
    if embed {
        push(&mut out, "embed", "1");
    }
    out
}

/// The `key`/raw value pairs of a fragment (with or without its `#`), cut at [`MAX_LINK`] bytes
/// at the last whole pair; whether it was cut.
fn split(fragment: &str) -> (impl Iterator<Item = (&str, &str)>, bool) {
    let mut s = fragment.strip_prefix('#').unwrap_or(fragment);
    let cut = s.len() > MAX_LINK;
    if cut {
        let end = s
            .as_bytes()
            .get(..=MAX_LINK)
            .and_then(|b| b.iter().rposition(|&c| c == b'&'));
        s = s.get(..end.unwrap_or(0)).unwrap_or("");
    }
    let pairs = s
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once('=').unwrap_or((p, "")));
    (pairs, cut)
}

/// A raw value percent-decoded (`+` is a space); the error names what is broken. A value over
/// [`MAX_VALUE`] bytes as sent is not read.
fn unescape(raw: &str) -> Result<String, String> {
    if raw.len() > MAX_VALUE {
        return Err(too_long(raw));
    }
    let broken = || format!("{} has broken percent-encoding", quote(raw));
    // Every `%` must start an escape of two hex digits (the crate passes a stray `%` through).
    let escapes_ok = raw.split('%').skip(1).all(|e| {
        e.as_bytes()
            .get(..2)
            .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
    });
    if !escapes_ok {
        return Err(broken());
    }
    percent_decode_str(&raw.replace('+', " "))
        .decode_utf8()
        .map(|v| v.into_owned())
        .map_err(|_| broken())
}

fn too_long(v: &str) -> String {
    format!(
        "{} is too long ({} bytes; at most 1,000)",
        quote(v),
        crate::calc::fmt::int(v.len() as u64)
    )
}

/// The values of a link or an imported document, before they are checked: the last value of
/// each key, decoded (or why it cannot be).
#[derive(Debug, Clone, Default)]
pub(crate) struct Values {
    /// `v`: the schema version.
    pub(crate) version: Option<Result<String, String>>,
    /// `data`: the dataset version.
    pub(crate) data: Option<Result<String, String>>,
    /// `embed`.
    pub(crate) embed: Option<Result<String, String>>,
    /// The fields' values, in the order given (a later one of a field wins).
    pub(crate) fields: Vec<(Field, Result<String, String>)>,
    /// The later services, in the order given, each read by its fields' own checks
    /// ([`ServiceForm::from_parts`]: the row and a message per value not used), or why the
    /// service could not be read at all.
    pub(crate) services: Vec<Result<(ServiceForm, Vec<String>), String>>,
    /// Unknown keys' pairs as written.
    pub(crate) unknown: Vec<String>,
}

/// Reads a link fragment (with or without the leading `#`) into a form, never failing: what
/// cannot be used becomes a [`Notice`] and the default stays.
///
/// # Errors
/// None as such; each rejected value is a notice naming its key: a value the form would reject
/// (checked by the field's own parser, every field as if it applied), broken percent-encoding
/// (`%zz`, `%e2%82`, a lone `%`), a value over 1,000 bytes, a toggle other than `0`/`1`. A fragment
/// over [`MAX_LINK`] bytes is cut at its last whole pair; `v` other than `1`, a `data` other than
/// the current dataset and a key this version does not know also give notices. Values that are
/// each valid but conflict (subnets listed for another AZ count, a task larger than the instance,
/// a task CIDR AWS does not allow with the VPC, a Fargate task size AWS does not offer) are kept,
/// with no notice: the form shows them and [`crate::calc::conflicts`] names each conflict next to
/// its fields.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::share::decode;
/// let d = decode("#v=1&type=m5.large&az=0&tasks=500&tcidr=100.64.0.0/16&surprise=1");
/// assert_eq!((d.form.instance.as_str(), d.form.azs.as_str(), d.form.tasks.as_str()), ("m5.large", "3", "500"));
/// assert!(d.form.secondary);
/// assert_eq!(d.notices.iter().map(|n| n.key.as_str()).collect::<Vec<_>>(), ["az", "surprise"]);
/// assert!(d.notices[0].message.starts_with("az: "));
/// assert_eq!(d.unknown, ["surprise=1"]);
/// assert!(d.form.parse().is_ok());
/// ```
pub fn decode(fragment: &str) -> Decoded {
    let (pairs, cut) = split(fragment);
    let mut values = Values::default();
    for (k, raw) in pairs {
        match k {
            "v" => values.version = Some(unescape(raw)),
            "data" => values.data = Some(unescape(raw)),
            "embed" => values.embed = Some(unescape(raw)),
            SERVICE_KEY => values
                .services
                .push(unescape(raw).and_then(|v| ServiceForm::from_link_value(&v))),
            _ if QUERY_KEYS.contains(&k) || k.is_empty() => {}
            _ => match Field::from_key(k) {
                Some(f) => values.fields.push((f, unescape(raw))),
                None => {
                    let pair = format!("{k}={raw}");
                    if !values.unknown.contains(&pair) {
                        values.unknown.push(pair);
                    }
                }
            },
        }
    }
    let mut notices = Vec::new();
    if cut {
        notices.push(Notice::new(
            "",
            "the link is over 16,384 bytes; the rest was ignored",
        ));
    }
    apply(values, notices)
}

/// Where a notice of `key` goes among the others: the link as a whole, `v`, the fields in link
/// order, `data`, `embed`, then unknown keys.
fn order(key: &str) -> usize {
    match key {
        "" => 0,
        "v" => 1,
        "data" => Field::ALL.len() + 2,
        "embed" => Field::ALL.len() + 3,
        SERVICE_KEY => Field::ALL.len() + 1,
        k => Field::from_key(k).map_or(Field::ALL.len() + 4, |f| f as usize + 2),
    }
}

/// Applies the values of a link or an imported document to the default form.
pub(crate) fn apply(values: Values, mut notices: Vec<Notice>) -> Decoded {
    let mut form = Form::default();
    let reject = |notices: &mut Vec<Notice>, k: &str, why: &str| {
        notices.push(Notice::new(k, &format!("{k}: {why} (ignored)")));
    };
    match values.version.map(|v| v.map(|v| v.trim().to_string())) {
        Some(Ok(v)) if v == "1" => {}
        Some(Ok(v)) => notices.push(Notice::new(
            "v",
            &format!("v: link version {} is not 1; read as version 1", quote(&v)),
        )),
        Some(Err(why)) => reject(&mut notices, "v", &why),
        None => {}
    }
    match values.data.map(|v| v.map(|v| v.trim().to_string())) {
        Some(Ok(d)) if d == DATASET_VERSION => {}
        Some(Ok(d)) => notices.push(Notice::new(
            "data",
            &format!(
                "this link was made with instance data {}; numbers may differ from when it was shared (now {DATASET_VERSION})",
                clip(&d)
            ),
        )),
        Some(Err(why)) => reject(&mut notices, "data", &why),
        None => {}
    }
    let embed = match values.embed {
        Some(Ok(v)) => match crate::calc::parse::flag(&v) {
            Ok(on) => on,
            Err(why) => {
                reject(&mut notices, "embed", &why);
                false
            }
        },
        Some(Err(why)) => {
            reject(&mut notices, "embed", &why);
            false
        }
        None => false,
    };
    // The last value of each field counts; fields in field order.
    let mut tcidr_given = None;
    let mut sec_given = false;
    let last = Field::ALL
        .into_iter()
        .filter_map(|f| values.fields.iter().rev().find(|(g, _)| *g == f).cloned());
    for (f, v) in last {
        match v.and_then(|v| f.check(&v).map(|()| v).map_err(|e| e.message)) {
            Ok(v) => {
                form.set(f, &v);
                sec_given |= f == Field::Secondary;
                if f == Field::TaskCidr {
                    tcidr_given = Some(());
                }
            }
            Err(why) => reject(&mut notices, f.key(), &why),
        }
    }
    if !sec_given {
        form.secondary = tcidr_given.is_some();
    }
    for v in values.services {
        match v {
            Ok((mut svc, dropped)) => {
                svc.id = u32::try_from(form.services.len())
                    .unwrap_or(u32::MAX)
                    .saturating_add(1);
                for why in dropped {
                    notices.push(Notice::new(
                        SERVICE_KEY,
                        &format!("{SERVICE_KEY}: {why} (ignored)"),
                    ));
                }
                form.services.push(svc);
            }
            Err(why) => reject(&mut notices, SERVICE_KEY, &why),
        }
    }
    let mut named: Vec<&str> = Vec::new();
    for pair in &values.unknown {
        let key = pair.split_once('=').map_or(pair.as_str(), |(k, _)| k);
        if !named.contains(&key) {
            named.push(key);
            notices.push(Notice::new(
                key,
                &format!(
                    "{}: not a key of this version of the planner; kept in the link",
                    clip(key)
                ),
            ));
        }
    }
    notices.sort_by_key(|n| order(&n.key));
    Decoded {
        form,
        notices,
        embed,
        unknown: values.unknown,
    }
}

/// The link codes of a ranking query's choices (the family is its own text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryCodes {
    /// `x86_64`, `arm64` or empty (all).
    pub arch: String,
    /// `yes`, `no` or empty (all).
    pub trunk: &'static str,
    /// `vcpus`, `instances`, `without`, `with`, `ips` or `name`.
    pub sort: String,
    /// `accel`, `metal`, `accel,metal` or `none`.
    pub hide: &'static str,
}

/// The link codes of `q`'s choices.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{share::query_codes, RankQuery};
/// let c = query_codes(&RankQuery::default());
/// assert_eq!((c.arch.as_str(), c.trunk, c.sort.as_str(), c.hide), ("", "", "vcpus", "accel"));
/// ```
pub fn query_codes(q: &RankQuery) -> QueryCodes {
    QueryCodes {
        arch: q.arch.map(|a| a.to_string()).unwrap_or_default(),
        trunk: match q.trunking {
            Some(true) => "yes",
            Some(false) => "no",
            None => "",
        },
        sort: q.sort.to_string(),
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
/// use awsvpc_planner::calc::{share::query_from, RankQuery, RankSort};
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
        arch: arch.parse::<Arch>().ok(),
        trunking: match trunk {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        },
        sort: sort.parse::<RankSort>().unwrap_or_default(),
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
/// use awsvpc_planner::calc::{share::{decode_query, encode_query}, RankQuery, RankSort};
/// assert_eq!(encode_query(&RankQuery::default()), "");
/// let q = RankQuery { family: "c7 g".into(), sort: RankSort::Instances, exclude_metal: true, ..Default::default() };
/// let link = encode_query(&q);
/// assert_eq!(link, "rfam=c7%20g&rsort=instances&rhide=accel,metal");
/// assert_eq!(decode_query(&format!("#v=1&type=c5.large&{link}")), q);
/// ```
pub fn encode_query(q: &RankQuery) -> String {
    let c = query_codes(q);
    let d = query_codes(&RankQuery::default());
    let values = [q.family.as_str(), &c.arch, c.trunk, &c.sort, c.hide];
    let defaults = ["", &d.arch, d.trunk, &d.sort, d.hide];
    let mut out = String::new();
    for ((k, v), d) in QUERY_KEYS.iter().zip(values).zip(defaults) {
        if v != d {
            push(&mut out, k, v);
        }
    }
    out
}

/// Reads the ranking query from a link fragment (with or without `#`; other keys are ignored,
/// the last of duplicate keys wins, unknown or broken values mean no filter and the default
/// sort; a family over 1,000 bytes is ignored). Never fails.
pub fn decode_query(fragment: &str) -> RankQuery {
    let mut last: [String; QUERY_KEYS.len()] = Default::default();
    for (k, raw) in split(fragment).0 {
        if let Some(slot) = QUERY_KEYS
            .iter()
            .position(|&x| x == k)
            .and_then(|n| last.get_mut(n))
        {
            *slot = unescape(raw).unwrap_or_default();
        }
    }
    let [family, arch, trunk, sort, hide] = last;
    query_from(&family, &arch, &trunk, &sort, &hide)
}
