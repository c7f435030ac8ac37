//! The plan as Markdown, CSV, JSON (importable again) and a Terraform snippet.
//!
//! Every export carries the inputs by link key ([`share::pairs`]), every [`Metric`] by its stable
//! id with the value of [`explain::signed`] (negative where the plan is short), the per-AZ
//! numbers, and the [`Verdict`]: whether the plan fits, the AZ-loss result, the smallest subnets
//! that fit, the warnings, and the trunking preconditions when trunking is on. JSON goes through
//! typed documents and `serde_json`; [`import_json`] reads the `inputs` back through the same
//! per-key checks as a link.

use crate::calc::catalog::{self, DATASET_VERSION};
use crate::calc::explain::{self, Metric, WarningText};
use crate::calc::fmt::{int, left};
use crate::calc::plan::{AzPlan, IpMode, Plan, SubnetUse};
use crate::calc::share::{self, Decoded, KEYS};
use ipnet::Ipv4Net;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::fmt::Write as _;
use std::net::Ipv4Addr;

/// Largest JSON text [`import_json`] reads, in bytes.
pub const MAX_JSON: usize = 256 * 1024;
/// The version of the JSON plan document [`json`] writes. Version 1 (before the verdict, with
/// shortfalls shown as 0) still imports: [`import_json`] reads only `schema`, `data` and `inputs`,
/// which both versions write the same way.
pub const SCHEMA: u32 = 2;
/// Largest integer written as a JSON number; larger ones (IPv6 counts) are strings.
const MAX_SAFE: i128 = (1 << 53) - 1;

/// People's names for the link keys, for the Markdown table.
const LABELS: [(&str, &str); 30] = [
    ("launch", "Launch type"),
    ("type", "Instance type"),
    ("az", "Availability Zones"),
    ("tasks", "Desired tasks"),
    ("trunk", "ENI trunking"),
    ("vpc", "VPC CIDR"),
    ("host", "Host subnet prefix"),
    ("sec", "Tasks in a secondary CIDR"),
    ("tcidr", "Secondary task CIDR"),
    ("tsub", "Task subnet prefix"),
    ("hnets", "Host subnets (explicit, per AZ)"),
    ("tnets", "Task subnets (explicit, per AZ)"),
    ("zones", "AZ names"),
    ("hid", "Host subnet ids"),
    ("tid", "Task subnet ids"),
    ("hname", "Host subnet names"),
    ("tname", "Task subnet names"),
    ("ip", "IP mode"),
    ("v6", "IPv6 subnet prefix"),
    ("deploy", "Deployment"),
    ("surge", "maximumPercent"),
    ("cpu", "Task CPU units"),
    ("mem", "Task memory (MiB)"),
    ("reserve", "Memory reserve per instance (MiB)"),
    ("regmem", "Registered memory (% of installed)"),
    ("alb", "Application Load Balancer"),
    ("nlb", "Network Load Balancer"),
    ("nat", "NAT gateway addresses per AZ"),
    ("vpce", "Interface endpoints"),
    ("other", "Other addresses per AZ"),
];

// ---- Verdict ------------------------------------------------------------------------------------

/// Whether a plan fits, and what to know before using it: what every export carries besides the
/// numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// Every subnet holds the steady state.
    pub fits: bool,
    /// Every subnet holds the deployment peak.
    pub fits_at_peak: bool,
    /// Addresses missing at steady state, summed over the subnets that are short (0 when it fits).
    pub short: u64,
    /// Addresses missing at the deployment peak, summed over the subnets that are short.
    pub short_at_peak: u64,
    /// The sentences: fits, AZ loss, smallest subnets (id, text), in that order.
    pub lines: Vec<(&'static str, String)>,
    /// Every warning of the plan, worded.
    pub warnings: Vec<WarningText>,
    /// The trunking preconditions, when the plan uses ENI trunking (else empty).
    pub trunking: &'static [catalog::Caveat],
}

/// The [`Verdict`] of a plan.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{export::verdict, plan::{plan, Inputs}};
/// let v = verdict(&plan(&Inputs::default()).unwrap());
/// assert!(v.fits && v.fits_at_peak);
/// assert_eq!(v.lines[0].1, "Fits: every subnet holds the steady state and the deployment peak.");
/// let mut i = Inputs::default();
/// i.tasks = 13_000;
/// let v = verdict(&plan(&i).unwrap());
/// assert!(!v.fits);
/// assert!(v.lines[0].1.starts_with("Does not fit: short by"));
/// ```
pub fn verdict(p: &Plan) -> Verdict {
    let subnets = || p.azs.iter().flat_map(AzPlan::subnets);
    let short: u64 = subnets().map(|s| s.used().saturating_sub(s.usable)).sum();
    let short_at_peak: u64 = subnets().map(SubnetUse::short_at_peak).sum();
    let fits_line = if short > 0 {
        format!(
            "Does not fit: short by {} addresses at steady state ({} at the deployment peak).",
            int(short),
            int(short_at_peak)
        )
    } else if short_at_peak > 0 {
        format!(
            "Fits at steady state, but not during a deployment: short by {} addresses at the peak.",
            int(short_at_peak)
        )
    } else {
        "Fits: every subnet holds the steady state and the deployment peak.".to_string()
    };
    let az_loss = match &p.az_loss {
        None => "AZ loss: with one AZ there is nothing to fail over to.".to_string(),
        Some(l) if l.fits_at_peak => {
            "AZ loss: if any one AZ is lost, the other subnets hold its tasks and a deployment."
                .to_string()
        }
        Some(l) if l.fits => format!(
            "AZ loss: if AZ {} is lost, the other subnets hold its tasks but not a deployment.",
            l.lost + 1
        ),
        Some(l) => format!(
            "AZ loss: if AZ {} is lost, the other subnets cannot hold its tasks.",
            l.lost + 1
        ),
    };
    let prefix = |p: Option<u8>| {
        p.map_or("larger than a /16, AWS's largest subnet".to_string(), |p| {
            format!("/{p}")
        })
    };
    let mut sizing = format!(
        "Smallest subnets per AZ that hold the deployment peak: host {}",
        prefix(p.sizing.host_prefix)
    );
    if p.inputs.secondary {
        let _ = write!(sizing, ", task {}", prefix(p.sizing.task_prefix));
    }
    if p.totals.in_use > 0 {
        sizing.push_str(" (with the addresses in use now)");
    }
    sizing.push('.');
    Verdict {
        fits: short == 0,
        fits_at_peak: short_at_peak == 0,
        short,
        short_at_peak,
        lines: vec![
            ("fits", fits_line),
            ("az-loss", az_loss),
            ("sizing", sizing),
        ],
        warnings: p.warnings.iter().map(explain::warning).collect(),
        trunking: if p.density.is_some_and(|d| d.trunking) {
            catalog::trunking_caveats()
        } else {
            &[]
        },
    }
}

// ---- Per-AZ cells -------------------------------------------------------------------------------

/// One per-AZ number or name.
enum Cell {
    Num(i128),
    Text(String),
}

impl Serialize for Cell {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Cell::Num(n) => Num(*n).serialize(s),
            Cell::Text(t) => s.serialize_str(t),
        }
    }
}

/// Usable minus used: negative when short.
fn margin(usable: u64, used: u64) -> i128 {
    i128::from(usable) - i128::from(used)
}

/// The per-AZ values: (id, label, value); task-subnet values only with a secondary CIDR, IPv6
/// only when the plan uses it. Free addresses are negative where a subnet is short.
fn az_cells(a: &AzPlan, v6: bool) -> Vec<(String, String, Cell)> {
    let mut out: Vec<(String, String, Cell)> = [
        ("tasks", "Tasks", a.tasks),
        ("instances", "Instances", a.instances),
        ("peak-tasks", "Tasks at deployment peak", a.peak_tasks),
        (
            "peak-instances",
            "Instances at deployment peak",
            a.peak_instances,
        ),
    ]
    .into_iter()
    .map(|(id, label, v)| (id.to_string(), label.to_string(), Cell::Num(v.into())))
    .collect();
    for (kind, name, s) in [
        ("host", "Host", Some(&a.host)),
        ("task", "Task", a.task.as_ref()),
    ] {
        let Some(s) = s else { continue };
        out.push((
            format!("{kind}-subnet"),
            format!("{name} subnet"),
            Cell::Text(s.cidr.to_string()),
        ));
        for (id, label, v) in [
            ("usable", "usable IPv4", s.usable.into()),
            ("in-use", "IPv4 in use now", s.in_use.into()),
            ("used", "IPv4 used (with those in use)", s.used().into()),
            ("peak", "IPv4 at deployment peak", s.peak().into()),
            (
                "free-at-peak",
                "IPv4 free at deployment peak",
                margin(s.usable, s.peak()),
            ),
        ] {
            out.push((
                format!("{kind}-{id}"),
                format!("{name} subnet {label}"),
                Cell::Num(v),
            ));
        }
    }
    if v6 {
        out.push((
            "ipv6-used".into(),
            "IPv6 used at deployment peak".into(),
            Cell::Num(a.ipv6_used.into()),
        ));
    }
    out
}

// ---- Markdown -----------------------------------------------------------------------------------

/// A Markdown table cell or list item: `|` escaped, line breaks and `<` made harmless.
fn md(s: &str) -> String {
    s.replace('|', "\\|")
        .replace(['\r', '\n'], " ")
        .replace('<', "&lt;")
}

/// The plan as GitHub Markdown: a line with the dataset and the link, the verdict (fits, AZ loss,
/// smallest subnets) as a list, then three tables: the inputs, every [`Metric`] (label and value,
/// `n/a` where it does not apply, `short by N` for a shortfall), and the per-AZ numbers with one
/// column per AZ (free addresses negative where short); then the warnings and, with trunking,
/// its preconditions. Numbers have thousands separators ([`int`]).
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{export::markdown, plan::{plan, Inputs}};
/// let m = markdown(&plan(&Inputs::default()).unwrap());
/// assert!(m.contains("- Fits: every subnet holds the steady state and the deployment peak."));
/// assert!(m.contains("| Instance type | c5.large |"));
/// assert!(m.contains("| Usable IPv4 | 12,273 |"));
/// assert!(m.contains("| Host subnet | 172.31.0.0/20 | 172.31.16.0/20 | 172.31.32.0/20 |"));
/// ```
pub fn markdown(p: &Plan) -> String {
    let v = verdict(p);
    let mut out = format!(
        "Instance data {DATASET_VERSION} · link `#{}`\n\n",
        share::encode(&p.inputs, false)
    );
    for (_, line) in &v.lines {
        let _ = writeln!(out, "- {}", md(line));
    }
    let _ = writeln!(
        out,
        "- Warnings: {}{}",
        v.warnings.len(),
        if v.warnings.is_empty() {
            ""
        } else {
            " (listed below the tables)"
        }
    );
    out.push_str("\n| Input | Value |\n| --- | --- |\n");
    for (k, val) in share::pairs(&p.inputs) {
        let label = LABELS
            .iter()
            .find(|(key, _)| *key == k)
            .map_or(k, |(_, l)| *l);
        let val = match (k, val.as_str()) {
            ("trunk" | "sec" | "alb" | "nlb", "1") => "on".to_string(),
            ("trunk" | "sec" | "alb" | "nlb", _) => "off".to_string(),
            (_, "") => "not set".to_string(),
            _ => val,
        };
        let _ = writeln!(out, "| {label} | {} |", md(&val));
    }
    out.push_str("\n| Result | Value |\n| --- | ---: |\n");
    for m in Metric::ALL {
        let shown = explain::signed(p, m).map_or("n/a".to_string(), left);
        let _ = writeln!(out, "| {} | {shown} |", m.label());
    }
    let cells: Vec<_> = p
        .azs
        .iter()
        .map(|a| az_cells(a, p.ipv6_per_subnet.is_some()))
        .collect();
    out.push_str("\n| Per AZ |");
    for a in &p.azs {
        let _ = write!(out, " AZ {} |", a.index + 1);
    }
    out.push_str("\n| --- |");
    out.push_str(&" ---: |".repeat(p.azs.len()));
    for (row, (_, label, _)) in cells.first().into_iter().flatten().enumerate() {
        let _ = write!(out, "\n| {label} |");
        for az in &cells {
            let v = match az.get(row) {
                Some((_, _, Cell::Num(n))) => left(*n),
                Some((_, _, Cell::Text(t))) => md(t),
                None => String::new(),
            };
            let _ = write!(out, " {v} |");
        }
    }
    out.push('\n');
    if !v.warnings.is_empty() {
        out.push_str("\nWarnings:\n\n");
        for w in &v.warnings {
            let _ = writeln!(
                out,
                "- {} {} ([{}]({}))",
                md(&w.message),
                md(&w.action),
                md(w.source.title),
                w.source.url
            );
        }
    }
    if !v.trunking.is_empty() {
        out.push_str("\nENI trunking preconditions:\n\n");
        for c in v.trunking {
            let _ = writeln!(
                out,
                "- {}: {} ([source]({}))",
                md(c.title),
                md(c.detail),
                c.url
            );
        }
    }
    out
}

// ---- CSV ----------------------------------------------------------------------------------------

/// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The plan as CSV (RFC 4180, CRLF line ends): header `section,name,value`, then the inputs
/// (`input`, link key, value; and `input,data,` the dataset version), every [`Metric`] (`output`,
/// [`Metric::id`], the raw integer, negative for a shortfall, or empty where it does not apply),
/// the per-AZ numbers (`az1`, `az2`, …, with names like `tasks`, `host-subnet`, `host-usable`),
/// and the verdict: `verdict` rows `fits`, `fits-at-peak` (`yes`/`no`), `short`, `short-at-peak`
/// (addresses), then `fits`, `az-loss` and `sizing` again as `verdict-text` sentences, one
/// `warning` row per warning (its id, then message and action), and with trunking one
/// `trunking` row per precondition (its title, then the detail).
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{export::csv, plan::{plan, Inputs}};
/// let c = csv(&plan(&Inputs::default()).unwrap());
/// assert!(c.starts_with("section,name,value\r\ninput,launch,ec2\r\n"));
/// assert!(c.contains("\r\noutput,ips-usable,12273\r\n"));
/// assert!(c.contains("\r\naz3,host-subnet,172.31.32.0/20\r\n"));
/// assert!(c.contains("\r\nverdict,fits,yes\r\n"));
/// ```
pub fn csv(p: &Plan) -> String {
    let v = verdict(p);
    let mut out = String::from("section,name,value\r\n");
    let mut row = |section: &str, name: &str, value: &str| {
        let _ = write!(
            out,
            "{},{},{}\r\n",
            csv_field(section),
            csv_field(name),
            csv_field(value)
        );
    };
    for (k, val) in share::pairs(&p.inputs) {
        row("input", k, &val);
    }
    row("input", "data", DATASET_VERSION);
    for m in Metric::ALL {
        row(
            "output",
            m.id(),
            &explain::signed(p, m)
                .map(|v| v.to_string())
                .unwrap_or_default(),
        );
    }
    for a in &p.azs {
        let section = format!("az{}", a.index + 1);
        for (id, _, val) in az_cells(a, p.ipv6_per_subnet.is_some()) {
            match val {
                Cell::Num(n) => row(&section, &id, &n.to_string()),
                Cell::Text(t) => row(&section, &id, &t),
            }
        }
    }
    let yes = |b: bool| if b { "yes" } else { "no" };
    row("verdict", "fits", yes(v.fits));
    row("verdict", "fits-at-peak", yes(v.fits_at_peak));
    row("verdict", "short", &v.short.to_string());
    row("verdict", "short-at-peak", &v.short_at_peak.to_string());
    for (id, line) in &v.lines {
        row("verdict-text", id, line);
    }
    for w in &v.warnings {
        row("warning", w.id, &format!("{} {}", w.message, w.action));
    }
    for c in v.trunking {
        row("trunking", c.title, c.detail);
    }
    out
}

// ---- JSON ---------------------------------------------------------------------------------------

/// A JSON integer: a number up to 2^53 − 1 in size (what JavaScript numbers hold exactly), else
/// a decimal string.
#[derive(Debug, Clone, Copy)]
struct Num(i128);

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match i64::try_from(self.0) {
            Ok(n) if self.0.abs() <= MAX_SAFE => s.serialize_i64(n),
            _ => s.collect_str(&self.0),
        }
    }
}

/// Pairs written as a JSON object in their order.
struct Ordered<K, V>(Vec<(K, V)>);

impl<K: Serialize, V: Serialize> Serialize for Ordered<K, V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// The JSON plan document ([`SCHEMA`] 2).
#[derive(Serialize)]
struct PlanDoc {
    schema: u32,
    data: &'static str,
    link: String,
    inputs: Ordered<&'static str, String>,
    outputs: Ordered<&'static str, Option<Num>>,
    verdict: VerdictDoc,
    azs: Vec<Ordered<String, Cell>>,
}

/// The verdict in the JSON document.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct VerdictDoc {
    fits: bool,
    fits_at_peak: bool,
    short: u64,
    short_at_peak: u64,
    az_loss: Option<AzLossDoc>,
    smallest_subnets: SizingDoc,
    text: Ordered<&'static str, String>,
    warnings: Vec<WarningDoc>,
    trunking_preconditions: Vec<CaveatDoc>,
}

/// The worst single-AZ loss.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct AzLossDoc {
    /// 1-based.
    lost: u32,
    fits: bool,
    fits_at_peak: bool,
}

/// Largest prefixes that hold the peak; `null`: not even a /16 (or no task CIDR).
#[derive(Serialize)]
struct SizingDoc {
    host: Option<u8>,
    task: Option<u8>,
}

#[derive(Serialize)]
struct WarningDoc {
    id: &'static str,
    message: String,
    action: String,
    source: &'static str,
}

#[derive(Serialize)]
struct CaveatDoc {
    title: &'static str,
    detail: &'static str,
    source: &'static str,
}

/// The plan as JSON (`serde_json`, pretty-printed): `schema` ([`SCHEMA`]), `data` (the dataset
/// version), `link` (the fragment), `inputs`, `outputs`, `verdict` and `azs`.
///
/// `inputs` holds every link key with its value as a string (what [`import_json`] reads back);
/// `outputs` every [`Metric::id`] with the raw value of [`explain::signed`] (negative where the
/// plan is short), or `null` where it does not apply; `verdict` whether the plan fits (`fits`,
/// `fits-at-peak`, `short`, `short-at-peak`), the worst AZ loss (`az-loss`, `null` with one AZ),
/// the smallest subnets that fit (`smallest-subnets`), the sentences of [`Verdict::lines`]
/// (`text`), the warnings and the trunking preconditions; `azs` one object per AZ (`az` from 1).
/// Integers beyond ±(2^53 − 1) (IPv6 counts such as `ipv6-per-subnet` for a /64) are written as
/// decimal strings, since JavaScript numbers would round them.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{export::json, plan::{plan, Inputs, IpMode}};
/// let mut i = Inputs::default();
/// i.ip_mode = IpMode::Dual;
/// let j: serde_json::Value = serde_json::from_str(&json(&plan(&i).unwrap())).unwrap();
/// assert_eq!((&j["schema"], &j["data"]), (&2.into(), &"2026-08".into()));
/// assert_eq!(j["outputs"]["ips-usable"], 12273);
/// assert_eq!(j["outputs"]["ipv6-per-subnet"], "18446744073709551611");
/// assert_eq!(j["verdict"]["fits"], true);
/// ```
pub fn json(p: &Plan) -> String {
    let v = verdict(p);
    let v6 = p.ipv6_per_subnet.is_some();
    let doc = PlanDoc {
        schema: SCHEMA,
        data: DATASET_VERSION,
        link: share::encode(&p.inputs, false),
        inputs: Ordered(share::pairs(&p.inputs)),
        outputs: Ordered(
            Metric::ALL
                .iter()
                .map(|&m| (m.id(), explain::signed(p, m).map(Num)))
                .collect(),
        ),
        verdict: VerdictDoc {
            fits: v.fits,
            fits_at_peak: v.fits_at_peak,
            short: v.short,
            short_at_peak: v.short_at_peak,
            az_loss: p.az_loss.as_ref().map(|l| AzLossDoc {
                lost: l.lost + 1,
                fits: l.fits,
                fits_at_peak: l.fits_at_peak,
            }),
            smallest_subnets: SizingDoc {
                host: p.sizing.host_prefix,
                task: p.sizing.task_prefix,
            },
            text: Ordered(v.lines),
            warnings: v
                .warnings
                .into_iter()
                .map(|w| WarningDoc {
                    id: w.id,
                    message: w.message,
                    action: w.action,
                    source: w.source.url,
                })
                .collect(),
            trunking_preconditions: v
                .trunking
                .iter()
                .map(|c| CaveatDoc {
                    title: c.title,
                    detail: c.detail,
                    source: c.url,
                })
                .collect(),
        },
        azs: p
            .azs
            .iter()
            .map(|a| {
                let mut cells = vec![("az".to_string(), Cell::Num((a.index + 1).into()))];
                cells.extend(az_cells(a, v6).into_iter().map(|(id, _, c)| (id, c)));
                Ordered(cells)
            })
            .collect(),
    };
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
    out.push('\n');
    out
}

/// Why a text could not be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// Not JSON: serde_json's message, and the 1-based line and column where reading stopped.
    Syntax {
        /// What is wrong, as serde_json says it.
        message: String,
        /// Line, from 1.
        line: usize,
        /// Column, from 1.
        column: usize,
    },
    /// JSON, but not a plan's: no `inputs` object, or a top-level field of the wrong type (the
    /// message names it), with the line and column.
    NotAPlan {
        /// What is wrong, naming the field.
        message: String,
        /// Line, from 1.
        line: usize,
        /// Column, from 1.
        column: usize,
    },
    /// Over [`MAX_JSON`] bytes; carries the size.
    TooLarge(usize),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Syntax {
                message,
                line,
                column,
            } => write!(f, "not JSON: {message} at line {line}, column {column}"),
            ImportError::NotAPlan {
                message,
                line,
                column,
            } => write!(
                f,
                "not a plan's JSON: {message} at line {line}, column {column}"
            ),
            ImportError::TooLarge(n) => write!(
                f,
                "too large to import: {} bytes, at most {}",
                int(*n as u64),
                int(MAX_JSON as u64)
            ),
        }
    }
}

impl std::error::Error for ImportError {}

impl From<serde_json::Error> for ImportError {
    fn from(e: serde_json::Error) -> Self {
        let (line, column) = (e.line(), e.column());
        let full = e.to_string();
        let message = full
            .strip_suffix(&format!(" at line {line} column {column}"))
            .unwrap_or(&full)
            .to_string();
        match e.classify() {
            serde_json::error::Category::Data => ImportError::NotAPlan {
                message,
                line,
                column,
            },
            _ => ImportError::Syntax {
                message,
                line,
                column,
            },
        }
    }
}

/// A value of the imported document as the text a link would hold: strings as they are,
/// numbers as written, `true`/`false` as `1`/`0`, `null` as empty; a list or object is
/// unusable (`Err`, which becomes a notice for its key, as a bad link value does).
struct Text(Result<String, String>);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string, a number, true, false or null")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(Ok(v.to_string())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text(Ok(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text(Ok(v.to_string())))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text(Ok(v.to_string())))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
                Ok(Text(Ok(v.to_string())))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text, E> {
                Ok(Text(Ok(if v { "1" } else { "0" }.to_string())))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Text, E> {
                Ok(Text(Ok(String::new())))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Text, A::Error> {
                while a.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Text(Err("a list is not a value".to_string())))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Text, A::Error> {
                while a.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Text(Err("an object is not a value".to_string())))
            }
        }
        d.deserialize_any(V)
    }
}

/// The `inputs` object of an imported document: link keys and their values; the last of
/// duplicate keys wins.
struct InputMap(BTreeMap<String, Text>);

impl<'de> Deserialize<'de> for InputMap {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = InputMap;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("\"inputs\" to be an object of link keys and values")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<InputMap, A::Error> {
                let mut m = BTreeMap::new();
                while let Some((k, v)) = a.next_entry::<String, Text>()? {
                    m.insert(k, v);
                }
                Ok(InputMap(m))
            }
        }
        d.deserialize_map(V)
    }
}

/// What [`import_json`] reads of a plan document (any version): other fields are ignored.
#[derive(Deserialize)]
#[serde(expecting = "a plan's JSON object, with an \"inputs\" object")]
struct ImportDoc {
    /// The document's version.
    schema: Option<Text>,
    /// The dataset version.
    data: Option<Text>,
    /// The inputs by link key.
    inputs: InputMap,
}

/// Reads a plan's JSON (as [`json`] writes it, [`SCHEMA`] 2 or the earlier 1) back into a form:
/// the `inputs` object goes through the same per-key checks as a link ([`share::decode`]), so a
/// bad value becomes a notice and the rest applies. Strings, numbers and `true`/`false` are read
/// as values (`null` as empty; a list or an object is a notice for its key); a top-level `data`
/// other than the current dataset gives the same notice as an old link, and a `schema` other
/// than 1 or 2 the notice of an unknown link version.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{export::{import_json, json}, plan::{plan, Inputs}};
/// let mut i = Inputs::default();
/// i.tasks = 4321;
/// let d = import_json(&json(&plan(&i).unwrap())).unwrap();
/// assert_eq!(d.form.parse(), Ok(i));
/// assert!(d.notices.is_empty());
/// let d = import_json(r#"{"inputs": {"az": 0, "tasks": 5}}"#).unwrap();
/// assert_eq!((d.form.azs.as_str(), d.form.tasks.as_str(), d.notices.len()), ("3", "5", 1));
/// let e = import_json("{\n  \"inputs\": {\n    \"az\": 2,\n  }\n}").unwrap_err();
/// assert_eq!(e.to_string(), "not JSON: trailing comma at line 4, column 3");
/// ```
///
/// # Errors
/// [`ImportError::Syntax`] for text that is not JSON, [`ImportError::NotAPlan`] when there is
/// no top-level `inputs` object (or `inputs`, `schema` or `data` has the wrong type),
/// [`ImportError::TooLarge`] over [`MAX_JSON`] bytes. Each names the line and column.
pub fn import_json(s: &str) -> Result<Decoded, ImportError> {
    if s.len() > MAX_JSON {
        return Err(ImportError::TooLarge(s.len()));
    }
    let mut doc: ImportDoc = serde_json::from_str(s)?;
    let values = KEYS.map(|k| match k {
        "v" => doc.schema.as_ref().map(|Text(v)| match v {
            Ok(n) if n == "1" || n == SCHEMA.to_string().as_str() => Ok("1".to_string()),
            v => v.clone(),
        }),
        "data" => doc.data.as_ref().map(|Text(v)| v.clone()),
        _ => doc.inputs.0.remove(k).map(|Text(v)| v),
    });
    Ok(share::apply(values, Vec::new()))
}

// ---- Terraform ----------------------------------------------------------------------------------

/// The default VPC's range; its default subnets are /20s carved from it in order, one per AZ.
fn default_vpc() -> Ipv4Net {
    Ipv4Net::new(Ipv4Addr::new(172, 31, 0, 0), 16).unwrap_or_default()
}
/// The prefix of the default VPC's default subnets.
const DEFAULT_SUBNET_PREFIX: u8 = 20;
/// The prefix of an Amazon-provided VPC IPv6 block.
const AMAZON_IPV6_PREFIX: u8 = 56;
/// The largest VPC IPv6 block AWS allows (IPAM or BYOIP).
const MIN_VPC_IPV6_PREFIX: u8 = 44;

/// Whether the snippet checks that existing subnets of this kind still have the free addresses
/// the plan needs: looked up by id (imported), or with addresses in use.
fn needs_check(k: &Kind) -> bool {
    k.existing && (k.ids.len() == k.subnets.len() || k.subnets.iter().any(|s| s.in_use > 0))
}

/// A Terraform comment: every line prefixed with `# `.
fn comment(out: &mut String, text: &str) {
    for line in text.lines() {
        let _ = writeln!(out, "# {line}");
    }
}

/// The VPC IPv6 block prefix the snippet assumes, so that `count` subnets of `/prefix` fit in
/// it: an Amazon-provided /56 where it is large enough, else the smallest IPAM block (a
/// multiple of 4, /44 at the largest) that is. None when not even a /44 holds them.
fn ipv6_block_prefix(prefix: u8, count: usize) -> Option<u8> {
    let bits = (usize::BITS - count.saturating_sub(1).leading_zeros()) as u8;
    let room = prefix.checked_sub(bits)?;
    let p = room.min(AMAZON_IPV6_PREFIX) / 4 * 4;
    (p >= MIN_VPC_IPV6_PREFIX).then_some(p)
}

/// How the snippet handles one kind of subnet (host or task).
struct Kind<'a> {
    /// `host` or `task`.
    name: &'static str,
    /// Words for comments and tags.
    what: &'static str,
    /// The plan's subnets of this kind, by AZ.
    subnets: Vec<&'a SubnetUse>,
    /// Looked up (`data "aws_subnet"`), not created: listed subnets, or the default VPC's own.
    existing: bool,
    /// How each CIDR is written: `cidrsubnet(var.…, newbits, i)`, or the listed CIDR.
    carve: Option<(&'static str, u8)>,
    /// The IPv6 subnet index of AZ 1 when the snippet gives these subnets IPv6 blocks.
    ipv6_from: Option<usize>,
    /// Subnet ids of existing subnets, one per AZ (empty: looked up by CIDR).
    ids: &'a [String],
}

/// A Terraform (HCL) snippet for the plan's subnets, headed by the verdict, the warnings and
/// (with trunking) its preconditions as comments.
///
/// - Carved subnets are `resource "aws_subnet"` with `cidr_block = cidrsubnet(var.vpc_cidr,
///   newbits, i)` (or `var.task_cidr`, with an `aws_vpc_ipv4_cidr_block_association`), in the
///   zones of the variable `azs`, with a comment that they must not overlap existing subnets.
/// - Listed subnets (`hnets`/`tnets`), and in the default VPC (172.31.0.0/16) its default /20
///   subnets, exist already: they are `data "aws_subnet"` lookups by CIDR and `var.vpc_id`, and
///   subnets created beside them take their zones.
/// - Dual stack gives every created subnet `ipv6_cidr_block = cidrsubnet(` the VPC's IPv6 block
///   `, newbits, i)` (of the plan's IPv6 prefix, /64 by default) and
///   `assign_ipv6_address_on_creation`; IPv6-only tasks get their own `ipv6_native` subnets. A
///   precondition checks the VPC's IPv6 block has the size the newbits assume (/56, Amazon's).
///
/// A comment on each subnet gives its CIDR and usable, used and peak address counts.
///
/// - Listed subnets with ids (`hid`, `tid`: e.g. imported from `aws ec2 describe-subnets`) are
///   looked up by `id` instead, with postconditions that each still has its CIDR and the free
///   addresses the plan adds to it at the deployment peak (the in-use figures are a snapshot);
///   listed subnets with addresses in use (`@n`) get the free-address postcondition too.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{export::terraform, plan::{plan, Inputs}};
/// let mut i = Inputs::default();
/// i.vpc = "10.0.0.0/16".parse().unwrap();
/// let tf = terraform(&plan(&i).unwrap());
/// assert!(tf.contains("cidrsubnet(var.vpc_cidr, 4, 2), # AZ 3: 10.0.32.0/20, 4,091 usable"));
/// assert!(tf.contains("resource \"aws_subnet\" \"host\""));
/// let tf = terraform(&plan(&Inputs::default()).unwrap());
/// assert!(tf.contains("data \"aws_subnet\" \"host\""));
/// assert!(!tf.contains("resource \"aws_subnet\""));
/// ```
pub fn terraform(p: &Plan) -> String {
    let i = &p.inputs;
    let n = p.azs.len();
    let v = verdict(p);
    let default_vpc = i.vpc == default_vpc();
    let host_defaults =
        default_vpc && i.host_subnets.is_empty() && i.host_prefix == DEFAULT_SUBNET_PREFIX;
    let dual = i.ip_mode == IpMode::Dual;
    let v6only = i.ip_mode == IpMode::V6Only;

    let v6 = dual || v6only;
    let host_existing = !i.host_subnets.is_empty() || host_defaults;
    // IPv6 blocks: created host subnets take indexes 0..n, created task subnets (IPv4 task
    // subnets with dual stack, IPv6-only ones with IPv6-only tasks) n..2n.
    let host = Kind {
        name: "host",
        what: "hosts",
        subnets: p.azs.iter().map(|a| &a.host).collect(),
        existing: host_existing,
        carve: i
            .host_subnets
            .is_empty()
            .then(|| ("vpc_cidr", i.host_prefix.saturating_sub(i.vpc.prefix_len()))),
        ipv6_from: (v6 && !host_existing).then_some(0),
        ids: if i.host_subnets.is_empty() {
            &[]
        } else {
            &i.labels.host_ids
        },
    };
    let task = i.secondary.then(|| Kind {
        name: "task",
        what: "tasks",
        subnets: p.azs.iter().filter_map(|a| a.task.as_ref()).collect(),
        existing: !i.task_subnets.is_empty(),
        carve: i.task_subnets.is_empty().then(|| {
            (
                "task_cidr",
                i.task_prefix.saturating_sub(i.task_cidr.prefix_len()),
            )
        }),
        ipv6_from: (dual && i.task_subnets.is_empty()).then_some(n),
        ids: if i.task_subnets.is_empty() {
            &[]
        } else {
            &i.labels.task_ids
        },
    });
    let task_v6 = v6only || task.as_ref().is_some_and(|t| t.ipv6_from.is_some());
    let slots = if task_v6 { 2 * n } else { n };
    let v6_block = ipv6_block_prefix(i.ipv6_prefix, slots);
    let v6_newbits = v6_block.map(|b| i.ipv6_prefix - b);
    let any_v6 = host.ipv6_from.is_some() || task_v6;

    // ---- header comments
    let mut out = String::new();
    comment(
        &mut out,
        &format!(
            "awsvpc planner: subnets for {} ECS tasks over {n} AZs (instance data {DATASET_VERSION}).\n\
             Link: #{}",
            int(i.tasks),
            share::encode(i, false)
        ),
    );
    out.push_str("#\n");
    for (_, line) in &v.lines {
        comment(&mut out, line);
    }
    for w in &v.warnings {
        comment(
            &mut out,
            &format!("Warning: {} {} ({})", w.message, w.action, w.source.url),
        );
    }
    for c in v.trunking {
        comment(
            &mut out,
            &format!("Trunking precondition: {}: {}", c.title, c.detail),
        );
    }
    if default_vpc {
        out.push_str("#\n");
        if host_defaults {
            comment(
                &mut out,
                "172.31.0.0/16 is the default VPC's range, and its /20 host subnets are the default\n\
                 VPC's default subnets (172.31.0.0/20, 172.31.16.0/20, 172.31.32.0/20, …, one per AZ):\n\
                 they exist already, so they are looked up here, not created.",
            );
        } else if i.host_subnets.is_empty() {
            comment(
                &mut out,
                "172.31.0.0/16 is the default VPC's range: its default /20 subnets (172.31.0.0/20,\n\
                 172.31.16.0/20, …, one per AZ) exist already and overlap the subnets created below,\n\
                 so `terraform apply` fails unless you delete them first (or plan /20 host subnets,\n\
                 which are looked up instead, or list the subnets you have).",
            );
        }
    }

    // ---- variables
    let _ = write!(
        out,
        "\nvariable \"vpc_id\" {{\n  description = \"The VPC the subnets are in\"\n  type        = string\n}}\n"
    );
    if host.carve.is_some() {
        let _ = write!(
            out,
            "\nvariable \"vpc_cidr\" {{\n  description = \"The VPC's primary IPv4 CIDR\"\n  type        = string\n  default     = \"{}\"\n}}\n",
            i.vpc
        );
    }
    if !host.existing {
        let _ = write!(
            out,
            "\nvariable \"azs\" {{\n  description = \"The {n} Availability Zones, AZ 1 first\"\n  type        = list(string)\n\n  \
             validation {{\n    condition     = length(var.azs) == {n}\n    error_message = \"The plan has {n} AZs: give exactly {n}.\"\n  }}\n}}\n"
        );
    }
    if let Some(t) = &task {
        if !t.existing {
            let _ = write!(
                out,
                "\nvariable \"task_cidr\" {{\n  description = \"The secondary IPv4 CIDR for task subnets\"\n  type        = string\n  default     = \"{}\"\n}}\n\n\
                 resource \"aws_vpc_ipv4_cidr_block_association\" \"tasks\" {{\n  vpc_id     = var.vpc_id\n  cidr_block = var.task_cidr\n}}\n",
                i.task_cidr
            );
        }
    }
    if any_v6 {
        let _ = write!(
            out,
            "\n# The VPC's IPv6 block, which the IPv6 subnets are carved from.\ndata \"aws_vpc\" \"this\" {{\n  id = var.vpc_id\n}}\n"
        );
    }

    // ---- locals
    out.push_str("\nlocals {\n");
    let list = |out: &mut String, k: &Kind| {
        match k.carve {
            Some((var, newbits)) => {
                let block = if var == "vpc_cidr" {
                    i.vpc
                } else {
                    i.task_cidr
                };
                let _ = writeln!(
                    out,
                    "  # /{} {} subnets carved in order from the /{} {var}: newbits {newbits}",
                    k.subnets.first().map_or(0, |s| s.cidr.prefix_len()),
                    k.name,
                    block.prefix_len()
                );
            }
            None => {
                let _ = writeln!(out, "  # the plan's listed {} subnets", k.name);
            }
        }
        let _ = writeln!(out, "  {}_subnets = [", k.name);
        for (x, s) in k.subnets.iter().enumerate() {
            let cidr = match k.carve {
                Some((var, newbits)) => format!("cidrsubnet(var.{var}, {newbits}, {x})"),
                None => format!("\"{}\"", s.cidr),
            };
            let in_use = if s.in_use > 0 {
                format!("{} in use now, ", int(s.in_use))
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "    {cidr}, # AZ {}: {}, {} usable; {in_use}{} used, {} at the deployment peak",
                x + 1,
                s.cidr,
                int(s.usable),
                int(s.used()),
                int(s.peak())
            );
        }
        out.push_str("  ]\n");
        if k.existing && k.ids.len() == k.subnets.len() {
            let _ = writeln!(out, "  # their ids, as imported");
            let ids: Vec<String> = k.ids.iter().map(|id| format!("\"{id}\"")).collect();
            let _ = writeln!(out, "  {}_subnet_ids = [{}]", k.name, ids.join(", "));
        }
        if needs_check(k) {
            let _ = writeln!(
                out,
                "  # free addresses each needs at the deployment peak, beyond those in use now"
            );
            let needs: Vec<String> = k
                .subnets
                .iter()
                .map(|s| s.peak().saturating_sub(s.in_use).to_string())
                .collect();
            let _ = writeln!(out, "  {}_subnet_needs = [{}]", k.name, needs.join(", "));
        }
    };
    list(&mut out, &host);
    if let Some(t) = &task {
        list(&mut out, t);
    }
    let v6_list = |out: &mut String, name: &str, from: usize| match (v6_block, v6_newbits) {
        (Some(b), Some(newbits)) => {
            let _ = writeln!(
                    out,
                    "  # /{} IPv6 subnets from the VPC's /{b} IPv6 block: newbits {newbits}, indexes {} to {}",
                    i.ipv6_prefix,
                    from,
                    from + n - 1
                );
            let _ = writeln!(out, "  {name}_ipv6_subnets = [");
            for x in 0..n {
                let _ = writeln!(
                    out,
                    "    cidrsubnet(data.aws_vpc.this.ipv6_cidr_block, {newbits}, {}), # AZ {}",
                    from + x,
                    x + 1
                );
            }
            out.push_str("  ]\n");
        }
        _ => {
            let _ = writeln!(
                    out,
                    "  # {n} /{} IPv6 subnets do not fit in one VPC IPv6 block (at most a /44): none carved",
                    i.ipv6_prefix
                );
            let _ = writeln!(out, "  {name}_ipv6_subnets = []");
        }
    };
    if let Some(from) = host.ipv6_from {
        v6_list(&mut out, "host", from);
    }
    if let Some(from) = task.as_ref().and_then(|t| t.ipv6_from) {
        v6_list(&mut out, "task", from);
    }
    if v6only {
        v6_list(&mut out, "task_v6only", n);
    }
    out.push_str("}\n");

    // ---- subnets
    let host_az = if host.existing {
        "data.aws_subnet.host[count.index].availability_zone"
    } else {
        "var.azs[count.index]"
    };
    let precondition = |out: &mut String| {
        if let Some(b) = v6_block {
            let _ = write!(
                out,
                "\n  lifecycle {{\n    precondition {{\n      condition     = endswith(data.aws_vpc.this.ipv6_cidr_block, \"/{b}\")\n      \
                 error_message = \"The IPv6 subnets assume a /{b} VPC IPv6 block; change their newbits to fit this VPC's.\"\n    }}\n  }}\n"
            );
        }
    };
    let subnet = |out: &mut String, k: &Kind, vpc: &str| {
        if k.existing {
            let by_id = k.ids.len() == k.subnets.len();
            let _ = write!(
                out,
                "\n# The {} subnets exist already: looked up by {}, not created.\n",
                k.name,
                if by_id { "id" } else { "CIDR" }
            );
            if (dual || (v6only && k.name == "host")) && k.ipv6_from.is_none() {
                comment(
                    out,
                    "IPv6: each of them needs an IPv6 CIDR block and assign_ipv6_address_on_creation (dual\n\
                     stack), set where the subnets are managed.",
                );
            }
            if by_id {
                let _ = write!(
                    out,
                    "data \"aws_subnet\" \"{0}\" {{\n  count = length(local.{0}_subnet_ids)\n  id    = local.{0}_subnet_ids[count.index]\n\n  \
                     lifecycle {{\n    postcondition {{\n      condition     = self.cidr_block == local.{0}_subnets[count.index]\n      \
                     error_message = \"This subnet's CIDR is not the one planned.\"\n    }}\n",
                    k.name
                );
            } else {
                let _ = write!(
                    out,
                    "data \"aws_subnet\" \"{0}\" {{\n  count      = length(local.{0}_subnets)\n  vpc_id     = var.vpc_id\n  cidr_block = local.{0}_subnets[count.index]\n",
                    k.name
                );
                if needs_check(k) {
                    out.push_str("\n  lifecycle {\n");
                }
            }
            if needs_check(k) {
                let _ = write!(
                    out,
                    "    postcondition {{\n      condition     = self.available_ip_address_count >= local.{0}_subnet_needs[count.index]\n      \
                     error_message = \"Fewer free IPv4 addresses than the plan needs at the deployment peak: the in-use figures were a snapshot; plan again.\"\n    }}\n",
                    k.name
                );
            }
            if by_id || needs_check(k) {
                out.push_str("  }\n");
            }
            out.push_str("}\n");
            return;
        }
        let _ = write!(
            out,
            "\n# Created here: these subnets must not overlap any subnet that already exists in the VPC,\n\
             # or `terraform apply` fails with a CIDR conflict.\n"
        );
        if v6only && k.name == "task" {
            comment(
                out,
                "IPv6-only tasks take no IPv4 addresses: they run in the task_v6only subnets below.",
            );
        }
        let az = if k.name == "host" {
            "var.azs[count.index]"
        } else {
            host_az
        };
        let _ = write!(
            out,
            "resource \"aws_subnet\" \"{0}\" {{\n  count             = length(local.{0}_subnets)\n  vpc_id            = {vpc}\n  \
             cidr_block        = local.{0}_subnets[count.index]\n  availability_zone = {az}\n",
            k.name
        );
        if k.ipv6_from.is_some() && v6_block.is_some() {
            let _ = write!(
                out,
                "\n  ipv6_cidr_block                 = local.{}_ipv6_subnets[count.index]\n  assign_ipv6_address_on_creation = true\n",
                k.name
            );
        }
        let _ = write!(
            out,
            "\n  tags = {{\n    Name = \"ecs-{}-${{count.index + 1}}\"\n  }}\n",
            k.what
        );
        if k.ipv6_from.is_some() {
            precondition(out);
        }
        out.push_str("}\n");
    };
    subnet(&mut out, &host, "var.vpc_id");
    if let Some(t) = &task {
        subnet(
            &mut out,
            t,
            "aws_vpc_ipv4_cidr_block_association.tasks.vpc_id",
        );
    }
    if v6only && v6_block.is_some() {
        let _ = write!(
            out,
            "\n# IPv6-only subnets for the IPv6-only tasks (no IPv4 CIDR), in the host subnets' zones.\n\
             # Created here: they must not overlap the IPv6 blocks of existing subnets.\n\
             resource \"aws_subnet\" \"task_v6only\" {{\n  count             = length(local.task_v6only_ipv6_subnets)\n  vpc_id            = var.vpc_id\n  \
             availability_zone = {host_az}\n\n  ipv6_native                                    = true\n  \
             ipv6_cidr_block                                = local.task_v6only_ipv6_subnets[count.index]\n  \
             assign_ipv6_address_on_creation                = true\n  \
             enable_dns64                                   = true\n  \
             enable_resource_name_dns_aaaa_record_on_launch = true\n\n  \
             tags = {{\n    Name = \"ecs-tasks-ipv6-${{count.index + 1}}\"\n  }}\n"
        );
        precondition(&mut out);
        out.push_str("}\n");
    }
    out
}
