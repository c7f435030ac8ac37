//! The plan as Markdown, CSV, JSON (importable again) and a Terraform snippet.
//!
//! Every export carries the inputs by link key ([`share::pairs`]), every [`Metric`] by its stable
//! id with the value of [`explain::value`], and the per-AZ numbers. JSON is written and read by
//! hand (no serde, to keep the wasm small); [`import_json`] reads the `inputs` back through the
//! same per-key checks as a link.

use crate::calc::catalog::DATASET_VERSION;
use crate::calc::explain::{self, Metric};
use crate::calc::fmt::int;
use crate::calc::plan::{AzPlan, Plan};
use crate::calc::share::{self, Decoded, KEYS};
use std::fmt;
use std::fmt::Write as _;

/// Largest JSON text [`import_json`] reads, in bytes.
pub const MAX_JSON: usize = 256 * 1024;
/// Deepest nesting of arrays and objects [`import_json`] reads.
const MAX_DEPTH: u32 = 32;
/// Largest integer written as a JSON number; larger ones (IPv6 counts) are strings.
const MAX_SAFE: u128 = (1 << 53) - 1;

/// People's names for the link keys, for the Markdown table.
const LABELS: [(&str, &str); 24] = [
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
    ("ip", "IP mode"),
    ("v6", "IPv6 subnet prefix"),
    ("deploy", "Deployment"),
    ("surge", "maximumPercent"),
    ("cpu", "Task CPU units"),
    ("mem", "Task memory (MiB)"),
    ("reserve", "Memory reserve per instance (MiB)"),
    ("alb", "Application Load Balancer"),
    ("nlb", "Network Load Balancer"),
    ("nat", "NAT gateway addresses per AZ"),
    ("vpce", "Interface endpoints"),
    ("other", "Other addresses per AZ"),
];

/// One per-AZ number or name.
enum Cell {
    Num(u64),
    Text(String),
}

/// The per-AZ values: (id, label, value); task-subnet values only with a secondary CIDR, IPv6
/// only when the plan uses it.
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
    .map(|(id, label, v)| (id.to_string(), label.to_string(), Cell::Num(v)))
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
            ("usable", "usable IPv4", s.usable),
            ("used", "IPv4 used", s.used()),
            ("peak", "IPv4 at deployment peak", s.peak()),
            (
                "free-at-peak",
                "IPv4 free at deployment peak",
                s.free_at_peak(),
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
            Cell::Num(a.ipv6_used),
        ));
    }
    out
}

/// A Markdown table cell: `|` escaped, line breaks and `<` made harmless.
fn md(s: &str) -> String {
    s.replace('|', "\\|")
        .replace(['\r', '\n'], " ")
        .replace('<', "&lt;")
}

/// The plan as GitHub Markdown: a line with the dataset and the link, then three tables: the
/// inputs, every [`Metric`] (label and value, `n/a` where it does not apply), and the per-AZ
/// numbers with one column per AZ. Numbers have thousands separators ([`int`]).
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{export::markdown, plan::{plan, Inputs}};
/// let m = markdown(&plan(&Inputs::default()).unwrap());
/// assert!(m.contains("| Instance type | c5.large |"));
/// assert!(m.contains("| Usable IPv4 | 12,273 |"));
/// assert!(m.contains("| Host subnet | 172.31.0.0/20 | 172.31.16.0/20 | 172.31.32.0/20 |"));
/// ```
pub fn markdown(p: &Plan) -> String {
    let mut out = format!(
        "Instance data {DATASET_VERSION} · link `#{}`\n\n| Input | Value |\n| --- | --- |\n",
        share::encode(&p.inputs, false)
    );
    for (k, v) in share::pairs(&p.inputs) {
        let label = LABELS
            .iter()
            .find(|(key, _)| *key == k)
            .map_or(k, |(_, l)| *l);
        let v = match (k, v.as_str()) {
            ("trunk" | "sec" | "alb" | "nlb", "1") => "on".to_string(),
            ("trunk" | "sec" | "alb" | "nlb", _) => "off".to_string(),
            (_, "") => "not set".to_string(),
            _ => v,
        };
        let _ = writeln!(out, "| {label} | {} |", md(&v));
    }
    out.push_str("\n| Result | Value |\n| --- | ---: |\n");
    for m in Metric::ALL {
        let v = explain::value(p, m).map_or("n/a".to_string(), int);
        let _ = writeln!(out, "| {} | {v} |", m.label());
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
                Some((_, _, Cell::Num(n))) => int(*n),
                Some((_, _, Cell::Text(t))) => md(t),
                None => String::new(),
            };
            let _ = write!(out, " {v} |");
        }
    }
    out.push('\n');
    out
}

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
/// [`Metric::id`], the raw integer or empty where it does not apply), and the per-AZ numbers
/// (`az1`, `az2`, …, with names like `tasks`, `host-subnet`, `host-usable`).
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{export::csv, plan::{plan, Inputs}};
/// let c = csv(&plan(&Inputs::default()).unwrap());
/// assert!(c.starts_with("section,name,value\r\ninput,launch,ec2\r\n"));
/// assert!(c.contains("\r\noutput,ips-usable,12273\r\n"));
/// assert!(c.contains("\r\naz3,host-subnet,172.31.32.0/20\r\n"));
/// ```
pub fn csv(p: &Plan) -> String {
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
    for (k, v) in share::pairs(&p.inputs) {
        row("input", k, &v);
    }
    row("input", "data", DATASET_VERSION);
    for m in Metric::ALL {
        row(
            "output",
            m.id(),
            &explain::value(p, m)
                .map(|v| v.to_string())
                .unwrap_or_default(),
        );
    }
    for a in &p.azs {
        let section = format!("az{}", a.index + 1);
        for (id, _, v) in az_cells(a, p.ipv6_per_subnet.is_some()) {
            match v {
                Cell::Num(n) => row(&section, &id, &n.to_string()),
                Cell::Text(t) => row(&section, &id, &t),
            }
        }
    }
    out
}

/// A JSON string literal.
fn json_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A JSON integer; over 2^53 − 1 (beyond what JavaScript numbers hold exactly) a decimal string.
fn json_num(v: u128) -> String {
    if v <= MAX_SAFE {
        v.to_string()
    } else {
        format!("\"{v}\"")
    }
}

/// The plan as JSON: `{"schema":1,"data":…,"link":…,"inputs":{…},"outputs":{…},"azs":[…]}`.
///
/// `inputs` holds every link key with its value as a string (what [`import_json`] reads back);
/// `outputs` every [`Metric::id`] with an integer, or `null` where it does not apply; `azs` one
/// object per AZ (`az` from 1). Integers over 2^53 − 1 (IPv6 counts such as `ipv6-per-subnet`
/// for a /64) are written as decimal strings, since JavaScript numbers would round them.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{export::json, plan::{plan, Inputs, IpMode}};
/// let mut i = Inputs::default();
/// i.ip_mode = IpMode::Dual;
/// let j = json(&plan(&i).unwrap());
/// assert!(j.starts_with("{\n  \"schema\": 1,\n  \"data\": \"2026-08\","));
/// assert!(j.contains("\"ips-usable\": 12273"));
/// assert!(j.contains("\"ipv6-per-subnet\": \"18446744073709551611\""));
/// ```
pub fn json(p: &Plan) -> String {
    let mut out = format!(
        "{{\n  \"schema\": 1,\n  \"data\": {},\n  \"link\": {},\n  \"inputs\": {{",
        json_str(DATASET_VERSION),
        json_str(&share::encode(&p.inputs, false))
    );
    let inputs: Vec<String> = share::pairs(&p.inputs)
        .iter()
        .map(|(k, v)| format!("{}: {}", json_str(k), json_str(v)))
        .collect();
    out.push_str(&inputs.join(", "));
    out.push_str("},\n  \"outputs\": {");
    let outputs: Vec<String> = Metric::ALL
        .iter()
        .map(|&m| {
            format!(
                "{}: {}",
                json_str(m.id()),
                explain::value(p, m).map_or("null".to_string(), json_num)
            )
        })
        .collect();
    out.push_str(&outputs.join(", "));
    out.push_str("},\n  \"azs\": [");
    let azs: Vec<String> = p
        .azs
        .iter()
        .map(|a| {
            let mut fields = vec![format!("\"az\": {}", a.index + 1)];
            fields.extend(az_cells(a, p.ipv6_per_subnet.is_some()).into_iter().map(
                |(id, _, v)| {
                    let v = match v {
                        Cell::Num(n) => json_num(u128::from(n)),
                        Cell::Text(t) => json_str(&t),
                    };
                    format!("{}: {v}", json_str(&id))
                },
            ));
            format!("\n    {{{}}}", fields.join(", "))
        })
        .collect();
    out.push_str(&azs.join(","));
    out.push_str("\n  ]\n}\n");
    out
}

/// Why a text could not be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// Not JSON (or nested deeper than 32); carries the byte offset where reading stopped.
    NotJson(usize),
    /// Over [`MAX_JSON`] bytes; carries the size.
    TooLarge(usize),
    /// JSON, but with no `inputs` object at the top level.
    NoInputs,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::NotJson(at) => write!(f, "not a plan's JSON: unreadable at byte {at}"),
            ImportError::TooLarge(n) => write!(
                f,
                "too large to import: {} bytes, at most {}",
                int(*n as u64),
                int(MAX_JSON as u64)
            ),
            ImportError::NoInputs => f.write_str("no \"inputs\" object in this JSON"),
        }
    }
}

impl std::error::Error for ImportError {}

/// A JSON value; numbers keep their text.
enum Json {
    Null,
    Bool(bool),
    Num(String),
    Str(String),
    Arr,
    Obj(Vec<(String, Json)>),
}

/// A recursive-descent JSON reader over bytes; every step returns `None` on bad input.
struct Reader<'a> {
    s: &'a str,
    at: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.as_bytes().get(self.at).copied()
    }

    fn skip(&mut self) -> Option<u8> {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
        self.peek()
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        (self.skip() == Some(b)).then(|| self.at += 1)
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.at += 1;
        }
        self.at - start
    }

    fn value(&mut self, depth: u32) -> Option<Json> {
        if depth > MAX_DEPTH {
            return None;
        }
        let start = self.at;
        match self.skip()? {
            b'{' => {
                self.at += 1;
                let mut fields = Vec::new();
                if self.eat(b'}').is_some() {
                    return Some(Json::Obj(fields));
                }
                loop {
                    self.skip();
                    let k = self.string()?;
                    self.eat(b':')?;
                    fields.push((k, self.value(depth + 1)?));
                    if self.eat(b',').is_none() {
                        self.eat(b'}')?;
                        return Some(Json::Obj(fields));
                    }
                }
            }
            b'[' => {
                self.at += 1;
                if self.eat(b']').is_some() {
                    return Some(Json::Arr);
                }
                loop {
                    self.value(depth + 1)?;
                    if self.eat(b',').is_none() {
                        self.eat(b']')?;
                        return Some(Json::Arr);
                    }
                }
            }
            b'"' => self.string().map(Json::Str),
            b't' | b'f' | b'n' => {
                let rest = self.s.get(self.at..)?;
                let (word, v) = [
                    ("true", Json::Bool(true)),
                    ("false", Json::Bool(false)),
                    ("null", Json::Null),
                ]
                .into_iter()
                .find(|(w, _)| rest.starts_with(w))?;
                self.at += word.len();
                Some(v)
            }
            _ => {
                let _ = self.eat(b'-');
                let int_start = self.at;
                let n = self.digits();
                if n == 0 || (n > 1 && self.s.as_bytes().get(int_start) == Some(&b'0')) {
                    return None;
                }
                if self.peek() == Some(b'.') {
                    self.at += 1;
                    if self.digits() == 0 {
                        return None;
                    }
                }
                if matches!(self.peek(), Some(b'e' | b'E')) {
                    self.at += 1;
                    if matches!(self.peek(), Some(b'+' | b'-')) {
                        self.at += 1;
                    }
                    if self.digits() == 0 {
                        return None;
                    }
                }
                Some(Json::Num(
                    self.s.get(start..self.at)?.trim_start().to_string(),
                ))
            }
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let h = self.s.get(self.at..self.at + 4)?;
        self.at += 4;
        if h.bytes().all(|b| b.is_ascii_hexdigit()) {
            u32::from_str_radix(h, 16).ok()
        } else {
            None
        }
    }

    /// A string at the cursor (which must be on its opening quote).
    fn string(&mut self) -> Option<String> {
        if self.peek()? != b'"' {
            return None;
        }
        self.at += 1;
        let mut out = String::new();
        let mut run = self.at;
        loop {
            match self.peek()? {
                b'"' => {
                    out.push_str(self.s.get(run..self.at)?);
                    self.at += 1;
                    return Some(out);
                }
                b'\\' => {
                    out.push_str(self.s.get(run..self.at)?);
                    let e = self.s.as_bytes().get(self.at + 1).copied()?;
                    self.at += 2;
                    out.push(match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let mut c = self.hex4()?;
                            if (0xd800..0xdc00).contains(&c)
                                && self.s.get(self.at..)?.starts_with("\\u")
                            {
                                self.at += 2;
                                let low = self.hex4()?;
                                c = match low.checked_sub(0xdc00) {
                                    Some(l) if l < 0x400 => 0x10000 + ((c - 0xd800) << 10) + l,
                                    _ => 0xfffd,
                                };
                            }
                            char::from_u32(c).unwrap_or('\u{fffd}')
                        }
                        _ => return None,
                    });
                    run = self.at;
                }
                b if b < 0x20 => return None,
                _ => self.at += 1,
            }
        }
    }
}

/// The last value of `key` in an object.
fn field<'a>(obj: &'a [(String, Json)], key: &str) -> Option<&'a Json> {
    obj.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
}

/// Reads a plan's JSON (as [`json`] writes it) back into a form: the `inputs` object goes through
/// the same per-key checks as a link ([`share::decode`]), so a bad value becomes a notice and the
/// rest applies. Strings, numbers and `true`/`false` are read as values (`null` as empty); a
/// top-level `data` other than the current dataset gives the same notice as an old link.
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
/// ```
///
/// # Errors
/// [`ImportError::NotJson`] for text that is not JSON, [`ImportError::TooLarge`] over
/// [`MAX_JSON`] bytes, [`ImportError::NoInputs`] when there is no top-level `inputs` object.
pub fn import_json(s: &str) -> Result<Decoded, ImportError> {
    if s.len() > MAX_JSON {
        return Err(ImportError::TooLarge(s.len()));
    }
    let mut r = Reader { s, at: 0 };
    let top = r
        .value(0)
        .filter(|_| r.skip().is_none())
        .ok_or(ImportError::NotJson(r.at))?;
    let Json::Obj(top) = top else {
        return Err(ImportError::NoInputs);
    };
    let Some(Json::Obj(inputs)) = field(&top, "inputs") else {
        return Err(ImportError::NoInputs);
    };
    let text = |v: &Json| match v {
        Json::Null => Ok(String::new()),
        Json::Bool(b) => Ok(if *b { "1" } else { "0" }.to_string()),
        Json::Num(n) | Json::Str(n) => Ok(n.clone()),
        Json::Arr | Json::Obj(_) => Err("expected a string".to_string()),
    };
    let values = KEYS.map(|k| {
        let v = match k {
            "v" => field(&top, "schema"),
            "data" => field(&top, "data"),
            _ => field(inputs, k),
        };
        v.map(text)
    });
    Ok(share::apply(values, Vec::new()))
}

/// A Terraform (HCL) snippet that carves the plan's subnets: variables `vpc_id`, `vpc_cidr` (the
/// plan's VPC CIDR) and `azs` (one zone per AZ, checked to be as many as the plan's), the host
/// subnets as `cidrsubnet(var.vpc_cidr, newbits, i)` and, with a secondary CIDR, an
/// `aws_vpc_ipv4_cidr_block_association` for `task_cidr` with the task subnets carved from it. A
/// comment on each subnet gives its CIDR and usable, used and peak address counts.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{export::terraform, plan::{plan, Inputs}};
/// let tf = terraform(&plan(&Inputs::default()).unwrap());
/// assert!(tf.contains("cidrsubnet(var.vpc_cidr, 4, 2), # AZ 3: 172.31.32.0/20, 4,091 usable"));
/// assert!(!tf.contains("aws_vpc_ipv4_cidr_block_association"));
/// ```
pub fn terraform(p: &Plan) -> String {
    let i = &p.inputs;
    let n = p.azs.len();
    let mut out = format!(
        "# awsvpc planner: subnets for {} ECS tasks over {n} AZs (instance data {DATASET_VERSION}).\n\
         # Link: #{}\n\n\
         variable \"vpc_id\" {{\n  description = \"The VPC to add the subnets to\"\n  type        = string\n}}\n\n\
         variable \"vpc_cidr\" {{\n  description = \"The VPC's primary IPv4 CIDR\"\n  type        = string\n  default     = \"{}\"\n}}\n\n\
         variable \"azs\" {{\n  description = \"The {n} Availability Zones, AZ 1 first\"\n  type        = list(string)\n\n  \
         validation {{\n    condition     = length(var.azs) == {n}\n    error_message = \"The plan has {n} AZs: give exactly {n}.\"\n  }}\n}}\n",
        int(i.tasks),
        share::encode(i, false),
        i.vpc,
    );
    if i.secondary {
        let _ = write!(
            out,
            "\nvariable \"task_cidr\" {{\n  description = \"The secondary IPv4 CIDR for task subnets\"\n  type        = string\n  default     = \"{}\"\n}}\n\n\
             resource \"aws_vpc_ipv4_cidr_block_association\" \"tasks\" {{\n  vpc_id     = var.vpc_id\n  cidr_block = var.task_cidr\n}}\n",
            i.task_cidr
        );
    }
    out.push_str("\nlocals {\n");
    let subnets = |out: &mut String,
                   name: &str,
                   var: &str,
                   block: ipnet::Ipv4Net,
                   prefix: u8,
                   task: bool,
                   explicit: bool| {
        let newbits = prefix.saturating_sub(block.prefix_len());
        if explicit {
            let _ = writeln!(out, "  # the plan's explicit subnets, inside the {var}");
        } else {
            let _ = writeln!(
                out,
                "  # /{prefix} subnets from the /{} {var}: newbits {newbits}",
                block.prefix_len()
            );
        }
        let _ = writeln!(out, "  {name} = [");
        for a in &p.azs {
            let s = if task { a.task.as_ref() } else { Some(&a.host) };
            if let Some(s) = s {
                let cidr = if explicit {
                    format!("\"{}\"", s.cidr)
                } else {
                    format!("cidrsubnet(var.{var}, {newbits}, {})", a.index)
                };
                let _ = writeln!(
                    out,
                    "    {cidr}, # AZ {}: {}, {} usable; {} used, {} at the deployment peak",
                    a.index + 1,
                    s.cidr,
                    int(s.usable),
                    int(s.used()),
                    int(s.peak())
                );
            }
        }
        out.push_str("  ]\n");
    };
    subnets(
        &mut out,
        "host_subnets",
        "vpc_cidr",
        i.vpc,
        i.host_prefix,
        false,
        !i.host_subnets.is_empty(),
    );
    if i.secondary {
        subnets(
            &mut out,
            "task_subnets",
            "task_cidr",
            i.task_cidr,
            i.task_prefix,
            true,
            !i.task_subnets.is_empty(),
        );
    }
    out.push_str("}\n");
    let resource = |out: &mut String, name: &str, what: &str, vpc: &str| {
        let _ = write!(
            out,
            "\nresource \"aws_subnet\" \"{name}\" {{\n  count             = length(local.{name}_subnets)\n  vpc_id            = {vpc}\n  \
             cidr_block        = local.{name}_subnets[count.index]\n  availability_zone = var.azs[count.index]\n\n  \
             tags = {{\n    Name = \"ecs-{what}-${{count.index + 1}}\"\n  }}\n}}\n"
        );
    };
    resource(&mut out, "host", "hosts", "var.vpc_id");
    if i.secondary {
        resource(
            &mut out,
            "task",
            "tasks",
            "aws_vpc_ipv4_cidr_block_association.tasks.vpc_id",
        );
    }
    out
}
