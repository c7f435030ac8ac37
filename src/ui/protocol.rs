//! The typed messages between the page and the extras worker ([`super::extras`]).
//!
//! The page sends a [`Request`] and gets one [`Reply`] back, each wrapped in an [`Envelope`] that
//! carries the request's number. Replies carry data — scenario numbers, ranking rows, chart
//! geometry, explanation steps, export text — never markup: the page renders them with its
//! components. Every number in them was computed and formatted by `calc` in the worker.
//!
//! Messages travel as bincode bytes (a `Uint8Array`): the smallest serde codec in the tree (gloo's
//! worker codec), and no text parsing on the page's side.

use serde::{Deserialize, Serialize};

/// A message with the number of the request it belongs to (`0` for [`Reply::Ready`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope<T> {
    /// The request's number, chosen by the page.
    pub id: u32,
    /// The message.
    pub body: T,
}

/// What an explanation is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum What {
    /// A headline number of the plan, by metric id.
    Metric(String),
    /// The per-AZ table.
    PerAz,
    /// A number of one scenario of the comparison: scenario id, metric id.
    Scenario(String, String),
    /// How the ranking is computed.
    Ranking,
}

impl What {
    /// The id of the element that shows the explanation (also its `data-x`).
    pub fn dom_id(&self) -> String {
        match self {
            What::Metric(m) => format!("x-{m}"),
            What::PerAz => "per-az".into(),
            What::Scenario(s, m) => format!("x-{s}-{m}"),
            What::Ranking => "x-ranking".into(),
        }
    }
}

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Format {
    /// A Markdown summary.
    Markdown,
    /// `metric,value` rows.
    Csv,
    /// The versioned plan document.
    Json,
    /// Subnets as Terraform.
    Terraform,
}

impl Format {
    /// Every format, in the menu's order.
    pub const ALL: [Format; 4] = [
        Format::Markdown,
        Format::Csv,
        Format::Json,
        Format::Terraform,
    ];
    /// Id in the page (`copy-{id}`, `download-{id}`).
    pub fn id(self) -> &'static str {
        match self {
            Format::Markdown => "markdown",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Terraform => "terraform",
        }
    }
    /// Name shown to the user.
    pub fn label(self) -> &'static str {
        match self {
            Format::Markdown => "Markdown",
            Format::Csv => "CSV",
            Format::Json => "JSON",
            Format::Terraform => "Terraform",
        }
    }
    /// Download file name.
    pub fn file(self) -> &'static str {
        match self {
            Format::Markdown => "awsvpc-plan.md",
            Format::Csv => "awsvpc-plan.csv",
            Format::Json => "awsvpc-plan.json",
            Format::Terraform => "awsvpc-subnets.tf",
        }
    }
    /// MIME type of the download.
    pub fn mime(self) -> &'static str {
        match self {
            Format::Markdown => "text/markdown",
            Format::Csv => "text/csv",
            Format::Json => "application/json",
            Format::Terraform => "text/plain",
        }
    }
}

/// What the page asks of the worker. `fragment` is always the link fragment of the shown plan
/// ([`crate::calc::share::encode`]), so the worker plans exactly what the page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// The comparison, the growth chart and (unless `embed`) the ranking.
    Sections {
        /// The shown plan.
        fragment: String,
        /// The ranking's filters and order, as link pairs (`calc::share::encode_query`).
        query: String,
        /// Pinned type names.
        pins: Vec<String>,
        /// How many ranked rows to send.
        shown: usize,
        /// The compact view: no chart, no ranking.
        embed: bool,
    },
    /// How a number is computed.
    Explain {
        /// The shown plan.
        fragment: String,
        /// Which number.
        what: What,
    },
    /// The plan as text.
    Export {
        /// The shown plan.
        fragment: String,
        /// In which format.
        format: Format,
    },
    /// A JSON plan document to read.
    Import {
        /// The file's text.
        text: String,
    },
    /// The output of `aws ec2 describe-subnets` to read, with the roles chosen so far.
    Subnets {
        /// The pasted or dropped text.
        text: String,
        /// The VPC chosen (`None`: the default, the one with the most usable subnets).
        vpc: Option<String>,
        /// The role of each subnet, by position (`None`: the default selection).
        marks: Option<Vec<Mark>>,
        /// Then mark this subnet (by position) for this role; another subnet of its AZ loses
        /// that role (`calc::subnets::Selection::mark`).
        set: Option<(usize, Mark)>,
        /// The shown plan (the import changes only the fields it sets).
        fragment: String,
    },
}

/// The role a subnet is marked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mark {
    /// Not used.
    None,
    /// The host subnet of its AZ.
    Host,
    /// The task subnet of its AZ.
    Task,
}

/// One imported subnet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubnetRow {
    /// Its position in the output (what marks refer to).
    pub index: usize,
    /// Name and id, e.g. `app-a (subnet-0abc)`.
    pub label: String,
    /// `SubnetId`.
    pub id: String,
    /// The IPv4 CIDR (empty when missing).
    pub cidr: String,
    /// The IPv6 CIDR, if any.
    pub ipv6: String,
    /// Usable addresses, as shown.
    pub usable: String,
    /// Addresses in use now, as shown.
    pub in_use: String,
    /// Its role.
    pub mark: Mark,
    /// Why it cannot be a host subnet (None: it can).
    pub no_host: Option<String>,
    /// Why it cannot be a task subnet (None: it can).
    pub no_task: Option<String>,
}

/// An Availability Zone's subnets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AzGroup {
    /// The AZ's name.
    pub az: String,
    /// Its subnets in the chosen VPC.
    pub rows: Vec<SubnetRow>,
}

/// What an import of `describe-subnets` shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubnetsView {
    /// The VPCs of the output: (id, summary), to pick one when there are several.
    pub vpcs: Vec<(String, String)>,
    /// The VPC chosen.
    pub vpc: String,
    /// The output was one page of several (`NextToken`).
    pub more_pages: bool,
    /// The chosen VPC's subnets by AZ.
    pub azs: Vec<AzGroup>,
    /// Subnets the import cannot use at all, with the reason.
    pub unusable: Vec<(String, String)>,
    /// The role of every subnet, by position.
    pub marks: Vec<Mark>,
    /// Why the roles do not make a plan (empty: they do).
    pub errors: Vec<String>,
    /// Notes on the import.
    pub notes: Vec<String>,
    /// The form fields the import sets: (link key, value).
    pub changes: Vec<(String, String)>,
}

/// The worker's answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    /// The worker is ready for requests (sent once, first).
    Ready,
    /// Answers [`Request::Sections`].
    Sections(Box<Sections>),
    /// Answers [`Request::Explain`]; `None` when the plan or the number does not exist.
    Explained(Option<Explanation>),
    /// Answers [`Request::Export`]: the text (empty when the fragment makes no plan).
    Exported(String),
    /// Answers [`Request::Import`]: the plan it describes, or why it cannot be used.
    Imported(Result<Imported, String>),
    /// Answers [`Request::Subnets`]: the subnets and their roles, or why the text cannot be read.
    Subnets(Result<Box<SubnetsView>, String>),
}

/// One number of a scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetricView {
    /// Metric id (`data-metric`).
    pub id: String,
    /// Label.
    pub label: String,
    /// Raw value (`data-value`; empty where it does not apply).
    pub raw: String,
    /// The value as shown.
    pub text: String,
    /// The change against the base scenario, e.g. `+8`.
    pub delta: Option<String>,
}

/// One scenario of the comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScenarioView {
    /// Scenario id (`data-scenario`).
    pub id: String,
    /// Title.
    pub title: String,
    /// Its numbers, or why it has no plan.
    pub metrics: Result<Vec<MetricView>, String>,
}

/// One scenario's line in the growth chart (per-mille coordinates, see `calc::chart`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesView {
    /// Scenario id.
    pub id: String,
    /// `x,y` points of the polyline.
    pub points: String,
    /// Where it runs out: (largest count, x, y).
    pub runs_out: Option<(u64, u32, u32)>,
    /// "Base runs out above 8,181 tasks" or "… is not limited by IPv4".
    pub says: String,
    /// The legend's text, e.g. "Base: fits up to 8,181".
    pub legend: String,
}

/// The growth chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrowthView {
    /// The task count at the right edge, formatted.
    pub x_max: String,
    /// The x position of the desired count.
    pub desired_x: u32,
    /// One line per scenario with a plan.
    pub series: Vec<SeriesView>,
}

/// A number cell of the ranking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell {
    /// Metric id (`data-metric`).
    pub metric: String,
    /// Raw value (empty: none).
    pub raw: String,
    /// As shown ("—" for none).
    pub text: String,
    /// Derived by AWS's rule, not in an ECS table.
    pub derived: bool,
}

/// One ranked instance type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RankRowView {
    /// Type name (the row's key).
    pub name: String,
    /// What AWS says limits this type's `awsvpc` tasks, if it names the type.
    pub limit: Option<String>,
    /// Architecture label.
    pub arch: String,
    /// vCPUs, as shown.
    pub vcpus: String,
    /// Memory, as shown.
    pub memory: String,
    /// Tasks per instance, instances, fleet vCPUs and IPv4 used, without and with trunking.
    pub cells: Vec<Cell>,
}

/// The ranking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RankingView {
    /// "25 of 1,342 types for 1,000 tasks over 3 AZs".
    pub caption: String,
    /// Pinned types, in pin order.
    pub pinned: Vec<RankRowView>,
    /// The ranked rows shown.
    pub rows: Vec<RankRowView>,
    /// More rows match than are shown.
    pub more: bool,
}

/// The comparison, the growth chart and the ranking for one plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sections {
    /// The four scenarios.
    pub scenarios: Vec<ScenarioView>,
    /// The growth chart (not in the embed view).
    pub growth: Option<GrowthView>,
    /// The ranking (not in the embed view).
    pub ranking: Option<RankingView>,
}

/// A source of a rule or a figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// Title.
    pub title: String,
    /// Address.
    pub url: String,
}

/// How a number is computed: `calc::explain::Explanation` as data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    /// What the number is.
    pub title: String,
    /// The formula with the plan's numbers, one line per step.
    pub formula: Vec<String>,
    /// Caveats.
    pub notes: Vec<String>,
    /// Sources.
    pub sources: Vec<Link>,
}

impl From<crate::calc::explain::Explanation> for Explanation {
    fn from(e: crate::calc::explain::Explanation) -> Self {
        Explanation {
            title: e.title.into(),
            formula: e.formula,
            notes: e.notes,
            sources: e
                .sources
                .iter()
                .map(|s| Link {
                    title: s.title.into(),
                    url: s.url.into(),
                })
                .collect(),
        }
    }
}

/// A plan read from a JSON document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Imported {
    /// Its link fragment.
    pub fragment: String,
    /// It asked for the embed view.
    pub embed: bool,
    /// What it had that could not be used: (key, message).
    pub notices: Vec<(String, String)>,
}

/// The codec: bincode with a size limit, so a malformed length can never ask for a huge
/// allocation.
fn codec() -> impl bincode::Options {
    use bincode::Options;
    bincode::DefaultOptions::new().with_limit(64 << 20)
}

/// Encodes a message for `postMessage`.
pub fn encode<T: Serialize>(id: u32, body: &T) -> Vec<u8> {
    use bincode::Options;
    codec()
        .serialize(&Envelope { id, body })
        .unwrap_or_default()
}

/// Decodes a message; `None` for anything else (a message of another shape is ignored).
pub fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Option<Envelope<T>> {
    use bincode::Options;
    codec().deserialize(bytes).ok()
}
