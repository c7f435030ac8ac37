//! The plan as a versioned JSON document (serde), and the import that reads one back.

use super::{az_cells, bound_id, service_figures, service_inputs, verdict, Cell, Num, Subject};
use crate::calc::catalog::DATASET_VERSION;
use crate::calc::cluster::ClusterPlan;
use crate::calc::explain::cluster::fill;
use crate::calc::explain::{self, Metric};
use crate::calc::fmt::int;
use crate::calc::service::ServiceForm;
use crate::calc::share::{self, Decoded, Values};
use crate::calc::{Field, TaskPlace};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;

/// Largest JSON text [`import_json`] reads, in bytes.
pub const MAX_JSON: usize = 256 * 1024;
/// The version of the JSON plan document [`json`] writes. Version 3 adds `services` (a whole
/// cluster's). Versions 1 (before the verdict, with shortfalls shown as 0) and 2 still import:
/// [`import_json`] reads `schema`, `data`, `inputs` and `services`, which every version writes
/// the same way (1 and 2 have no `services`).
pub const SCHEMA: u32 = 3;

/// The document versions [`import_json`] reads.
const READS: [u32; 3] = [1, 2, SCHEMA];

/// Pairs written as a JSON object in their order.
struct Ordered<K, V>(Vec<(K, V)>);

impl<K: Serialize, V: Serialize> Serialize for Ordered<K, V> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

/// The JSON plan document ([`SCHEMA`] 3).
#[derive(Serialize)]
struct PlanDoc {
    schema: u32,
    data: &'static str,
    link: String,
    inputs: Ordered<&'static str, String>,
    /// A whole cluster's services (absent for one service).
    #[serde(skip_serializing_if = "Option::is_none")]
    services: Option<Vec<ServiceDoc>>,
    /// Where the tasks get their addresses: `hosts`, `primary` (task subnets listed in the VPC's
    /// primary CIDR) or `secondary`.
    #[serde(rename = "task-subnets")]
    task_subnets: &'static str,
    outputs: Ordered<&'static str, Option<Num>>,
    verdict: VerdictDoc,
    azs: Vec<Ordered<String, Cell>>,
}

/// One service of a cluster: its name, its fields by link key (what [`import_json`] reads
/// back), and its figures.
#[derive(Serialize)]
struct ServiceDoc {
    name: String,
    inputs: Ordered<&'static str, String>,
    /// Its figures by id (`null` where one does not apply).
    figures: Ordered<&'static str, Option<Num>>,
    /// What binds one instance's count of it: `eni`, `aws-limit`, `cpu`, `memory`.
    binds: Option<&'static str>,
    /// Its tasks in each AZ, in AZ order.
    #[serde(rename = "per-az")]
    per_az: Vec<Num>,
}

/// The services of a cluster's document.
fn services(c: &ClusterPlan) -> Vec<ServiceDoc> {
    c.cluster
        .services
        .iter()
        .zip(&c.services)
        .map(|(s, p)| ServiceDoc {
            name: s.name.clone(),
            inputs: Ordered(
                service_inputs(s)
                    .into_iter()
                    .skip(1)
                    .filter_map(|(k, _, v)| Some((k, v?)))
                    .collect(),
            ),
            figures: Ordered(
                service_figures(p)
                    .into_iter()
                    .map(|(id, _, v)| (id, v.map(|v| Num::of(v.into()))))
                    .collect(),
            ),
            binds: p.holds.map(|h| bound_id(h.binds)),
            per_az: p.per_az.iter().map(|&n| Num::of(n.into())).collect(),
        })
        .collect()
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
/// A whole cluster adds `services`, one object per service in order: `name`, `inputs` (its
/// other fields by link key, as a link's `svc` value holds them), `figures` (`tasks`,
/// `peak-tasks`, `per-instance`, `ipv4`, `ipv4-peak`, `max-fits`, `max-deploys`),
/// `binds` and `per-az`; and to each AZ `instances-needed` and `fill` (what fills them).
/// Integers beyond ±(2^53 − 1) (IPv6 counts such as `ipv6-per-subnet` for a /64) are written as
/// decimal strings, since JavaScript numbers would round them.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{export::json, plan, Inputs, IpMode};
/// let mut i = Inputs::default();
/// i.ip_mode = IpMode::Dual;
/// let j: serde_json::Value = serde_json::from_str(&json(&plan(&i).unwrap())).unwrap();
/// assert_eq!((&j["schema"], &j["data"]), (&3.into(), &"2026-08".into()));
/// assert_eq!(j["outputs"]["ips-usable"], 12273);
/// assert_eq!(j["outputs"]["ipv6-per-subnet"], "18446744073709551611");
/// assert_eq!(j["verdict"]["fits"], true);
/// ```
pub fn json<'a>(subject: impl Into<Subject<'a>>) -> String {
    let subject = subject.into();
    let p = subject.plan;
    let inputs = subject.inputs();
    let v = verdict(p);
    let v6 = p.ipv6_per_subnet.is_some();
    let doc = PlanDoc {
        schema: SCHEMA,
        data: DATASET_VERSION,
        link: share::encode(&inputs, false),
        services: subject.cluster.map(services),
        task_subnets: match p.inputs.task_place() {
            TaskPlace::Hosts => "hosts",
            TaskPlace::Primary => "primary",
            TaskPlace::Secondary => "secondary",
        },
        inputs: Ordered(
            share::pairs(&inputs)
                .into_iter()
                .map(|(f, v)| (f.key(), v))
                .collect(),
        ),
        outputs: Ordered(
            Metric::ALL
                .iter()
                .map(|&m| (m.id(), explain::signed(p, m).map(Num::of)))
                .collect(),
        ),
        verdict: VerdictDoc {
            fits: v.fits,
            fits_at_peak: v.fits_at_peak,
            short: v.short,
            short_at_peak: v.short_at_peak,
            az_loss: p.az_loss.as_ref().map(|l| AzLossDoc {
                lost: l.lost.saturating_add(1),
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
                let mut cells = vec![
                    ("az".to_string(), Cell::Num(Num::of(a.number().into()))),
                    ("name".to_string(), Cell::Text(p.az_name(a.index))),
                ];
                cells.extend(az_cells(a, v6).into_iter().map(|(id, _, c)| (id, c)));
                let fills = subject.cluster.and_then(|c| {
                    let f = c.fill.iter().find(|f| f.index == a.index)?;
                    Some((c, f))
                });
                if let Some((c, f)) = fills {
                    cells.push((
                        "instances-needed".into(),
                        Cell::Num(Num::of(f.needed.into())),
                    ));
                    cells.push(("fill".into(), Cell::Text(fill(c, f))));
                }
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
    /// The output of `aws ec2 describe-subnets`, which the subnet import reads, not a plan.
    DescribeSubnets,
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
            ImportError::DescribeSubnets => f.write_str(
                "this is the output of aws ec2 describe-subnets, not a plan: read it with \"Import existing subnets\" below the plan",
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
/// numbers as written, `true`/`false` as `1`/`0`, `null` as empty; a list or an object is
/// unusable (`Err`, which becomes a notice for its key, as a bad link value does). The document
/// keeps each value as its raw JSON ([`RawValue`]), so a deeply nested one is skipped, never
/// built.
fn text(v: &RawValue) -> Result<String, String> {
    let raw = v.get();
    match raw.bytes().next() {
        Some(b'[') => return Err("a list is not a value".to_string()),
        Some(b'{') => return Err("an object is not a value".to_string()),
        _ => {}
    }
    match serde_json::from_str::<Value>(raw) {
        Ok(Value::String(s)) => Ok(s),
        Ok(Value::Bool(b)) => Ok(if b { "1" } else { "0" }.to_string()),
        Ok(Value::Number(n)) => Ok(match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => u.to_string(),
            (_, Some(i), _) => i.to_string(),
            (_, _, Some(f)) => f.to_string(),
            _ => n.to_string(),
        }),
        Ok(_) => Ok(String::new()),
        // A string the document skipped over but that is not valid JSON (a lone surrogate).
        Err(_) => Err("not a valid JSON string".to_string()),
    }
}

/// What [`import_json`] reads of a plan document (any version): other fields are ignored; the
/// last of duplicate `inputs` keys wins.
#[derive(Deserialize)]
#[serde(expecting = "a plan's JSON object, with an \"inputs\" object")]
struct ImportDoc<'a> {
    /// The document's version.
    #[serde(borrow)]
    schema: Option<&'a RawValue>,
    /// The dataset version.
    #[serde(borrow)]
    data: Option<&'a RawValue>,
    /// The inputs by link key.
    #[serde(borrow)]
    inputs: BTreeMap<String, &'a RawValue>,
    /// A cluster's services (schema 3), read one by one so that a bad one is a notice.
    #[serde(borrow)]
    services: Option<&'a RawValue>,
}

/// One imported service: its name and its fields by link key.
#[derive(Deserialize)]
#[serde(expecting = "a service: an object with a \"name\"")]
struct ImportService<'a> {
    #[serde(borrow)]
    name: &'a RawValue,
    #[serde(borrow, default)]
    inputs: BTreeMap<String, &'a RawValue>,
}

/// The later services of an imported document: `services` after the first (which is the form's
/// own, whose fields `inputs` holds), each read as a link's `svc` value is; a service that is
/// not an object with a name is the reason it was dropped. More than [`crate::calc::MAX_SERVICES`] are all
/// kept, as a link's are: the form then says there are too many.
fn later_services(raw: Option<&RawValue>) -> Vec<Result<(ServiceForm, Vec<String>), String>> {
    let Some(raw) = raw else { return Vec::new() };
    let list: Vec<&RawValue> = match serde_json::from_str(raw.get()) {
        Ok(list) => list,
        Err(_) => return vec![Err("services: not a list (ignored)".to_string())],
    };
    list.iter()
        .enumerate()
        .skip(1)
        .map(|(n, v)| {
            let s: ImportService = serde_json::from_str(v.get())
                .map_err(|e| format!("services[{n}]: {e} (ignored)"))?;
            let name = text(s.name).map_err(|e| format!("services[{n}]: name: {e} (ignored)"))?;
            ServiceForm::from_parts(&name, s.inputs.iter().map(|(k, v)| (k.as_str(), text(v))))
        })
        .collect()
}

/// Reads a plan's JSON (as [`json`] writes it, [`SCHEMA`] 3 or the earlier 1 and 2) back into a
/// form, a whole cluster's services included:
/// the `inputs` object goes through the same per-key checks as a link ([`share::decode`]), so a
/// bad value becomes a notice and the rest applies. Strings, numbers and `true`/`false` are read
/// as values (`null` as empty; a list or an object is a notice for its key); a top-level `data`
/// other than the current dataset gives the same notice as an old link, and a `schema` other
/// than 1, 2 or 3 the notice of an unknown link version. Each later service of `services` is
/// read as a link's `svc` value (a bad value is a notice naming the service, a service that
/// cannot be read at all is a notice, the rest applies).
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{export::{import_json, json}, plan, Inputs};
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
    let doc: ImportDoc = serde_json::from_str(s).map_err(|e| {
        // Subnets pasted into the plan import: say where they go.
        if crate::calc::subnets::read(s).is_ok_and(|i| !i.subnets.is_empty()) {
            ImportError::DescribeSubnets
        } else {
            ImportError::from(e)
        }
    })?;
    let values = Values {
        version: doc.schema.map(|v| match text(v) {
            Ok(n) if READS.iter().any(|v| v.to_string() == n) => Ok("1".to_string()),
            v => v,
        }),
        data: doc.data.map(text),
        embed: None,
        fields: Field::ALL
            .into_iter()
            .filter_map(|f| Some((f, text(doc.inputs.get(f.key())?))))
            .collect(),
        services: later_services(doc.services),
        unknown: Vec::new(),
    };
    Ok(share::apply(values, Vec::new()))
}
