//! The rows of the seven `data/*.csv` files as serde records, read and written with the `csv`
//! crate: one struct per file, its fields in the file's column order and named as its header.
//!
//! The data files are plain CSV: comma-separated, `\n` after every line, one header line, no
//! quoting (the catalogue generator, `tests/catalog_table.rs`, splits them on commas). An empty
//! field is `None`, a boolean is `true` or `false`. [`read`] refuses a wrong header, a quote, a
//! row with the wrong number of fields or a value of the wrong kind, naming the file and line;
//! [`write()`] refuses a value that could not be written without quotes (a comma, a quote or a line
//! break), so the refresh never writes a file it could not read back.

use super::error::Error;
use super::{
    CARRIED_CSV, DERIVED_CSV, ECS_CSV, LIMITS_CSV, SIZES_CSV, SOURCES_CSV, UNSUPPORTED_CSV,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A row of one of the data files.
pub trait Record: Serialize + DeserializeOwned {
    /// The file, relative to the project root (`data/ec2-sizes.csv`).
    const FILE: &'static str;
    /// Its header line's columns: the struct's field names, in order.
    const HEADER: &'static [&'static str];
}

/// A row keyed by instance type (the first column).
pub trait Typed: Record {
    /// The instance type the row is about.
    fn instance_type(&self) -> &str;
}

/// A row of `data/ec2-network-limits.csv`: `limits.go`'s figures, with Karpenter's vCPUs and
/// memory when `data/ec2-sizes.csv` has them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LimitsRow {
    /// Instance type (`c5.large`).
    pub instance_type: String,
    /// ENIs over all network cards.
    pub max_enis: u32,
    /// IPv4 addresses per ENI.
    pub ipv4_per_eni: u32,
    /// Whether the type supports ENI trunking.
    pub trunking_compatible: bool,
    /// Branch ENIs with trunking.
    pub branch_interfaces: u32,
    /// `nitro`, `xen` or empty.
    pub hypervisor: String,
    /// Whether the type is bare metal.
    pub bare_metal: bool,
    /// Network cards.
    pub network_cards: u32,
    /// vCPUs, when known.
    pub vcpus: Option<u32>,
    /// Memory in MiB, when known.
    pub memory_mib: Option<u32>,
}

/// A row of `data/ec2-sizes.csv`: Karpenter's vCPUs and memory, and the commit they came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SizesRow {
    /// Instance type.
    pub instance_type: String,
    /// vCPUs.
    pub vcpus: u32,
    /// Memory in MiB.
    pub memory_mib: u32,
    /// The `aws/karpenter-provider-aws` commit of the figures.
    pub karpenter_commit: String,
}

/// Where a derived row's ENI figures came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LimitsSource {
    /// `limits.go` (`data/ec2-network-limits.csv`).
    #[serde(rename = "limits.go")]
    LimitsGo,
    /// The VPC CNI's figures: the type has no `limits.go` row (data/README.md).
    #[serde(rename = "vpc-cni")]
    VpcCni,
}

/// A row of `data/ecs-task-capacity-derived.csv`: the tasks the rules give a type, beside what
/// the ECS table documents for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DerivedRow {
    /// Instance type.
    pub instance_type: String,
    /// Tasks without trunking (ENIs − 1).
    pub tasks_without_trunking: u64,
    /// Tasks with trunking (ENIs + branch − 2), for trunking-compatible types.
    pub tasks_with_trunking: Option<u64>,
    /// Where the ENI figures came from.
    pub limits_source: LimitsSource,
    /// The ECS table's "without trunking", when it has the type.
    pub ecs_doc_tasks_without_trunking: Option<u32>,
    /// The ECS table's "with trunking", when it has the type.
    pub ecs_doc_tasks_with_trunking: Option<i64>,
    /// Whether the ECS page lists the type (or its family) as not supporting trunking.
    pub ecs_doc_lists_as_unsupported: bool,
}

/// A row of `data/ecs-trunking.csv`: the ECS developer guide's table, in the page's order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EcsTableRow {
    /// Instance type.
    pub instance_type: String,
    /// Task limit without ENI trunking.
    pub tasks_without_trunking: u32,
    /// Task limit with ENI trunking (negative in one of the page's rows).
    pub tasks_with_trunking: i64,
}

/// What a row of `data/ecs-trunking-unsupported.csv` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Listed {
    /// An instance family (`c5n`).
    Family,
    /// An instance type (`c5.metal`).
    Type,
}

impl Listed {
    /// `family` or `type`, as the file writes it.
    pub fn key(self) -> &'static str {
        match self {
            Listed::Family => "family",
            Listed::Type => "type",
        }
    }
}

/// A row of `data/ecs-trunking-unsupported.csv`: a family or type the ECS page lists as not
/// supporting trunking.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct UnsupportedRow {
    /// Family or type.
    pub kind: Listed,
    /// Its name.
    pub name: String,
}

/// A row of `data/sources.csv`: where one input came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRow {
    /// `limits`, `sizes` or `ecs`.
    pub input: String,
    /// `owner/name` on GitHub.
    pub repository: String,
    /// Path in the repository.
    pub path: String,
    /// Commit.
    pub commit: String,
    /// Date of the commit (`YYYY-MM-DD`).
    pub date: String,
    /// The limits file's "generated at" time (empty for the others).
    pub generated_at: String,
    /// The file's Git blob id.
    pub git_blob: String,
}

/// A row of `data/carried-over.csv`: columns of a row whose values did not come from this run's
/// inputs, and where they last came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CarriedRow {
    /// The data file (`data/ec2-sizes.csv`).
    pub file: String,
    /// Instance type.
    pub instance_type: String,
    /// The columns carried over, separated by spaces.
    pub columns: String,
    /// Where they came from (`owner/name@commit:path`).
    pub source: String,
}

macro_rules! record {
    ($row:ty, $file:expr, [$($column:literal),+ $(,)?]) => {
        impl Record for $row {
            const FILE: &'static str = $file;
            const HEADER: &'static [&'static str] = &[$($column),+];
        }
    };
}

record!(
    LimitsRow,
    LIMITS_CSV,
    [
        "instance_type",
        "max_enis",
        "ipv4_per_eni",
        "trunking_compatible",
        "branch_interfaces",
        "hypervisor",
        "bare_metal",
        "network_cards",
        "vcpus",
        "memory_mib",
    ]
);
record!(
    SizesRow,
    SIZES_CSV,
    ["instance_type", "vcpus", "memory_mib", "karpenter_commit"]
);
record!(
    DerivedRow,
    DERIVED_CSV,
    [
        "instance_type",
        "tasks_without_trunking",
        "tasks_with_trunking",
        "limits_source",
        "ecs_doc_tasks_without_trunking",
        "ecs_doc_tasks_with_trunking",
        "ecs_doc_lists_as_unsupported",
    ]
);
record!(
    EcsTableRow,
    ECS_CSV,
    [
        "instance_type",
        "tasks_without_trunking",
        "tasks_with_trunking"
    ]
);
record!(UnsupportedRow, UNSUPPORTED_CSV, ["kind", "name"]);
record!(
    SourceRow,
    SOURCES_CSV,
    [
        "input",
        "repository",
        "path",
        "commit",
        "date",
        "generated_at",
        "git_blob",
    ]
);
record!(
    CarriedRow,
    CARRIED_CSV,
    ["file", "instance_type", "columns", "source"]
);

macro_rules! typed {
    ($($row:ty),+) => {
        $(impl Typed for $row {
            fn instance_type(&self) -> &str {
                &self.instance_type
            }
        })+
    };
}

typed!(LimitsRow, SizesRow, DerivedRow, EcsTableRow);

/// The 1-based line of `text` a csv position is on. The position is where csv began reading,
/// before any blank lines it skipped, and csv's own line count leaves those lines out: the line
/// is counted from the byte offset, past the blank lines.
fn line_of(text: &str, position: Option<&csv::Position>) -> usize {
    let bytes = text.as_bytes();
    let mut at = position.map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX));
    while bytes.get(at).is_some_and(|b| matches!(b, b'\n' | b'\r')) {
        at += 1;
    }
    let before = bytes.get(..at).unwrap_or(bytes);
    before.iter().filter(|b| **b == b'\n').count() + 1
}

/// A csv error while reading `text` as the refresh's [`Error`], at the line it names.
fn csv_error(file: &str, text: &str, e: &csv::Error) -> Error {
    Error::new(file, line_of(text, e.position()), e.to_string())
}

/// A csv error while writing: no line to name.
fn write_error(file: &str, e: &csv::Error) -> Error {
    Error::new(file, 0, e.to_string())
}

/// What is wrong with a row that does not deserialize: the column, its value and why.
fn describe<R: Record>(e: &csv::Error, record: &csv::StringRecord) -> String {
    let csv::ErrorKind::Deserialize { err, .. } = e.kind() else {
        return e.to_string();
    };
    match err.field().and_then(|i| usize::try_from(i).ok()) {
        Some(i) => format!(
            "{} {:?}: {}",
            R::HEADER.get(i).unwrap_or(&"?"),
            record.get(i).unwrap_or(""),
            err.kind()
        ),
        None => err.kind().to_string(),
    }
}

/// The rows of `text`, the contents of `R::FILE`, each with its 1-based line; blank lines are
/// skipped.
///
/// ```
/// use awsvpc_planner::refresh::records::{read, EcsTableRow};
/// let rows = read::<EcsTableRow>(
///     "instance_type,tasks_without_trunking,tasks_with_trunking\nc5.large,2,10\n",
/// );
/// assert_eq!(rows.map(|r| r[0].0), Ok(2));
/// let e = read::<EcsTableRow>("instance_type,tasks_without_trunking,tasks_with_trunking\nc5.large,2,ten\n");
/// assert_eq!(
///     e.map_err(|e| e.to_string()),
///     Err("data/ecs-trunking.csv:2: tasks_with_trunking \"ten\": invalid digit found in string".to_owned())
/// );
/// ```
pub fn read<R: Record>(text: &str) -> Result<Vec<(usize, R)>, Error> {
    let file = R::FILE;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .quoting(false)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = records
        .next()
        .transpose()
        .map_err(|e| csv_error(file, text, &e))?
        .unwrap_or_default();
    let (have, want) = (
        header.iter().collect::<Vec<_>>().join(","),
        R::HEADER.join(","),
    );
    if have != want {
        return Err(Error::new(
            file,
            line_of(text, header.position()),
            format!("header is {have:?}, expected {want:?}"),
        ));
    }
    let mut rows = Vec::new();
    for record in records {
        let record = record.map_err(|e| csv_error(file, text, &e))?;
        let line = line_of(text, record.position());
        if record.iter().any(|field| field.contains('"')) {
            return Err(Error::new(file, line, "quoted fields are not supported"));
        }
        if record.len() != R::HEADER.len() {
            return Err(Error::new(
                file,
                line,
                format!("{} fields, expected {}", record.len(), R::HEADER.len()),
            ));
        }
        let row = record
            .deserialize(Some(&header))
            .map_err(|e| Error::new(file, line, describe::<R>(&e, &record)))?;
        rows.push((line, row));
    }
    Ok(rows)
}

/// Rows read by [`read`] keyed by instance type; a type on two rows is an error at the second.
pub fn keyed<R: Typed>(rows: Vec<(usize, R)>) -> Result<BTreeMap<String, R>, Error> {
    let mut out = BTreeMap::new();
    for (line, row) in rows {
        let name = row.instance_type().to_owned();
        if out.insert(name.clone(), row).is_some() {
            return Err(Error::new(R::FILE, line, format!("{name} appears twice")));
        }
    }
    Ok(out)
}

/// The rows of `text` keyed by instance type ([`read`], then [`keyed`]).
pub fn read_keyed<R: Typed>(text: &str) -> Result<BTreeMap<String, R>, Error> {
    keyed(read(text)?)
}

/// A writer of the data files' CSV: `\n` line ends, quotes only where a value needs them (which
/// [`finish`] then refuses).
fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .has_headers(false)
        .quote_style(csv::QuoteStyle::Necessary)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new())
}

/// The text written, or an error if a value needed quotes.
fn finish<R: Record>(w: csv::Writer<Vec<u8>>) -> Result<String, Error> {
    let bytes = w
        .into_inner()
        .map_err(|e| Error::new(R::FILE, 0, e.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|e| Error::new(R::FILE, 0, e.to_string()))?;
    match text.find('"') {
        None => Ok(text),
        Some(at) => Err(Error::new(
            R::FILE,
            text.get(..at).unwrap_or("").matches('\n').count() + 1,
            "a value holds a comma, a quote or a line break, which the data files cannot hold",
        )),
    }
}

/// The contents of `R::FILE` holding `rows`: the header line, then one line per row.
///
/// ```
/// use awsvpc_planner::refresh::records::{write, Listed, UnsupportedRow};
/// let row = UnsupportedRow { kind: Listed::Family, name: "c5n".into() };
/// assert_eq!(write([&row]), Ok("kind,name\nfamily,c5n\n".to_owned()));
/// ```
pub fn write<'a, R: Record + 'a>(rows: impl IntoIterator<Item = &'a R>) -> Result<String, Error> {
    let mut w = writer();
    w.write_record(R::HEADER)
        .map_err(|e| write_error(R::FILE, &e))?;
    for row in rows {
        w.serialize(row).map_err(|e| write_error(R::FILE, &e))?;
    }
    finish::<R>(w)
}

/// The fields of `row` as its file writes them, in column order (for the report's field-by-field
/// diff).
pub fn cells<R: Record>(row: &R) -> Result<Vec<String>, Error> {
    let mut w = writer();
    w.serialize(row).map_err(|e| write_error(R::FILE, &e))?;
    let text = finish::<R>(w)?;
    Ok(text
        .trim_end_matches('\n')
        .split(',')
        .map(str::to_owned)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The header line serde writes for one row.
    fn serde_header<R: Record>(row: &R) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        assert!(w.serialize(row).is_ok());
        let text = String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default();
        text.lines().next().unwrap_or_default().to_owned()
    }

    #[test]
    fn each_header_is_the_structs_field_names() {
        let s = String::new;
        let limits = LimitsRow {
            instance_type: s(),
            max_enis: 0,
            ipv4_per_eni: 0,
            trunking_compatible: false,
            branch_interfaces: 0,
            hypervisor: s(),
            bare_metal: false,
            network_cards: 0,
            vcpus: None,
            memory_mib: None,
        };
        let sizes = SizesRow {
            instance_type: s(),
            vcpus: 0,
            memory_mib: 0,
            karpenter_commit: s(),
        };
        let derived = DerivedRow {
            instance_type: s(),
            tasks_without_trunking: 0,
            tasks_with_trunking: None,
            limits_source: LimitsSource::LimitsGo,
            ecs_doc_tasks_without_trunking: None,
            ecs_doc_tasks_with_trunking: None,
            ecs_doc_lists_as_unsupported: false,
        };
        let ecs = EcsTableRow {
            instance_type: s(),
            tasks_without_trunking: 0,
            tasks_with_trunking: 0,
        };
        let unsupported = UnsupportedRow {
            kind: Listed::Type,
            name: s(),
        };
        let source = SourceRow {
            input: s(),
            repository: s(),
            path: s(),
            commit: s(),
            date: s(),
            generated_at: s(),
            git_blob: s(),
        };
        let carried = CarriedRow {
            file: s(),
            instance_type: s(),
            columns: s(),
            source: s(),
        };
        assert_eq!(serde_header(&limits), LimitsRow::HEADER.join(","));
        assert_eq!(serde_header(&sizes), SizesRow::HEADER.join(","));
        assert_eq!(serde_header(&derived), DerivedRow::HEADER.join(","));
        assert_eq!(serde_header(&ecs), EcsTableRow::HEADER.join(","));
        assert_eq!(serde_header(&unsupported), UnsupportedRow::HEADER.join(","));
        assert_eq!(serde_header(&source), SourceRow::HEADER.join(","));
        assert_eq!(serde_header(&carried), CarriedRow::HEADER.join(","));
    }

    #[test]
    fn rows_read_and_write_back_byte_for_byte() {
        let text = "instance_type,max_enis,ipv4_per_eni,trunking_compatible,branch_interfaces,hypervisor,bare_metal,network_cards,vcpus,memory_mib\n\
                    c5.metal,15,50,true,107,,true,1,96,196608\n\
                    f1.2xlarge,4,15,false,0,xen,false,1,,\n";
        let rows = read::<LimitsRow>(text).unwrap_or_default();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].1.vcpus, None);
        assert_eq!(write(rows.iter().map(|(_, r)| r)).as_deref(), Ok(text));
        assert_eq!(
            cells(&rows[1].1).map(|c| c.join("|")),
            Ok("f1.2xlarge|4|15|false|0|xen|false|1||".to_owned())
        );
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let header = "kind,name\n";
        let err = |text: &str| {
            read::<UnsupportedRow>(text)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default()
        };
        assert_eq!(
            err("kind,nom\n"),
            "data/ecs-trunking-unsupported.csv:1: header is \"kind,nom\", expected \"kind,name\""
        );
        assert_eq!(
            err(""),
            "data/ecs-trunking-unsupported.csv:1: header is \"\", expected \"kind,name\""
        );
        assert_eq!(
            err(&format!("{header}family,c5n\n\ntype,\"c5.metal\"\n")),
            "data/ecs-trunking-unsupported.csv:4: quoted fields are not supported"
        );
        assert_eq!(
            err(&format!("{header}family,c5n,x\n")),
            "data/ecs-trunking-unsupported.csv:2: 3 fields, expected 2"
        );
        assert_eq!(
            err(&format!("{header}genus,c5n\n")),
            "data/ecs-trunking-unsupported.csv:2: unknown variant `genus`, expected `family` or `type`"
        );
        // Windows line ends read the same.
        assert_eq!(
            read::<UnsupportedRow>("kind,name\r\nfamily,c5n\r\n").map(|r| r.len()),
            Ok(1)
        );
        let twice = "instance_type,tasks_without_trunking,tasks_with_trunking\nc5.large,2,10\nc5.large,2,10\n";
        assert_eq!(
            read_keyed::<EcsTableRow>(twice).map_err(|e| e.to_string()),
            Err("data/ecs-trunking.csv:3: c5.large appears twice".to_owned())
        );
    }

    #[test]
    fn a_value_that_would_need_quotes_is_not_written() {
        let row = CarriedRow {
            file: "data/ec2-sizes.csv".into(),
            instance_type: "c5.large".into(),
            columns: "vcpus".into(),
            source: "a,b".into(),
        };
        assert_eq!(
            write([&row]).map_err(|e| e.to_string()),
            Err("data/carried-over.csv:2: a value holds a comma, a quote or a line break, which the data files cannot hold".to_owned())
        );
    }
}
