//! The typed messages between the page and the extras worker ([`super::extras`]).
//!
//! The page sends a [`Request`] and gets one [`Reply`] back, each wrapped in an [`Envelope`] that
//! carries the request's number. Requests carry the domain values themselves ([`Inputs`],
//! [`RankQuery`], [`What`] with its [`Metric`]); replies carry numbers and typed values —
//! scenario numbers, ranking rows, chart geometry, subnet counts — which the page formats with
//! `calc::fmt`, plus the documents `calc` writes as text (explanations, exports, messages). Never
//! markup.
//!
//! Messages travel as bincode bytes (a `Uint8Array`): the smallest serde codec in the tree (gloo's
//! worker codec), and no text parsing on either side. A request the worker cannot read is
//! answered with [`Reply::Unreadable`], never with a guess.

use crate::calc::chart::Growth;
use crate::calc::explain::cluster::ServiceMetric;
use crate::calc::explain::Metric;
use crate::calc::share::Decoded;
use crate::calc::{Field, Inputs, RankQuery, Scenario};
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum What {
    /// A headline number of the plan.
    Metric(Metric),
    /// The per-AZ table.
    PerAz,
    /// A number of one scenario of the comparison.
    Scenario(Scenario, Metric),
    /// How the ranking is computed.
    Ranking,
    /// A figure of one service of a cluster in the services table.
    Service {
        /// The service's index in the list (from 0).
        service: usize,
        /// Which figure.
        metric: ServiceMetric,
    },
}

impl What {
    /// The id of the element that shows the explanation (also its disclosure's `data-x`).
    pub fn dom_id(&self) -> String {
        match self {
            What::Metric(m) => format!("x-{}", m.id()),
            What::PerAz => "per-az".into(),
            What::Scenario(s, m) => format!("x-{}-{}", s.id(), m.id()),
            What::Ranking => "x-ranking".into(),
            What::Service { service, metric } => format!("x-svc{service}-{}", metric.id()),
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

/// What the sections below the fold need: the shown plan's inputs and the ranking's settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionsRequest {
    /// The shown plan's inputs.
    pub inputs: Inputs,
    /// The ranking's filters and order.
    pub query: RankQuery,
    /// Pinned type names.
    pub pins: Vec<String>,
    /// How many ranked rows to send.
    pub shown: usize,
    /// The compact view: no chart, no ranking.
    pub embed: bool,
}

/// What the page asks of the worker. The request itself is what the page compares to tell
/// whether an answer is still the one it waits for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// The comparison, the growth chart and (unless `embed`) the ranking.
    Sections(Box<SectionsRequest>),
    /// How a number of the plan of `inputs` is computed.
    Explain {
        /// The shown plan's inputs.
        inputs: Box<Inputs>,
        /// Which number.
        what: What,
    },
    /// The plan of `inputs` as text.
    Export {
        /// The shown plan's inputs.
        inputs: Box<Inputs>,
        /// In which format.
        format: Format,
    },
    /// A JSON plan document to read.
    Import {
        /// The file's text.
        text: String,
    },
    /// The output of `aws ec2 describe-subnets` to read, with the roles chosen so far.
    Subnets(Box<SubnetsRequest>),
}

/// What an import of `describe-subnets` asks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubnetsRequest {
    /// The pasted or dropped text.
    pub text: String,
    /// The VPC chosen (`None`: the default, the one with the most usable subnets).
    pub vpc: Option<String>,
    /// The role of each subnet, by position (`None`: the default selection).
    pub marks: Option<Vec<Mark>>,
    /// Then change the roles so.
    pub set: Option<Change>,
    /// The shown plan's inputs (the import changes only the fields it sets).
    pub inputs: Inputs,
}

/// A change to the roles of an import's subnets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    /// Mark this subnet (by position) for this role; another subnet of its AZ loses that role
    /// (`calc::subnets::Selection::mark`).
    Mark(usize, Mark),
    /// Leave this AZ out of the plan: none of its subnets keeps a role
    /// (`calc::subnets::Selection::leave_out`).
    LeaveOut(String),
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
    /// Usable addresses (`None`: unknown).
    pub usable: Option<u64>,
    /// Addresses in use now (`None`: unknown).
    pub in_use: Option<u64>,
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

/// One VPC of a `describe-subnets` output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VpcView {
    /// Its id (empty when the output has none).
    pub id: String,
    /// Subnets without problems.
    pub usable_subnets: usize,
    /// AZs with such subnets.
    pub azs: usize,
    /// Free addresses in them.
    pub free: u64,
}

/// What an import of `describe-subnets` shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubnetsView {
    /// The VPCs of the output, to pick one when there are several.
    pub vpcs: Vec<VpcView>,
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
    /// The form fields the import sets.
    pub changes: Vec<(Field, String)>,
}

/// The worker's answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    /// The worker is ready for requests (sent once, first).
    Ready,
    /// The worker could not read the request (a page and a worker of different builds, or a
    /// damaged message): why. The page says so where the answer would have gone.
    Unreadable(String),
    /// Answers [`Request::Sections`].
    Sections(Box<Sections>),
    /// Answers [`Request::Explain`]; `None` when the plan or the number does not exist.
    Explained(Option<Explanation>),
    /// Answers [`Request::Export`]: the text, or why the inputs make no plan.
    Exported(Result<String, String>),
    /// Answers [`Request::Import`]: the plan it describes, or why it cannot be used.
    Imported(Result<Box<Decoded>, String>),
    /// Answers [`Request::Subnets`]: the subnets and their roles, or why the text cannot be read.
    Subnets(Result<Box<SubnetsView>, String>),
}

/// One number of a scenario: its value where it applies, and its change against the base.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetricValue {
    /// Which number.
    pub metric: Metric,
    /// `calc::explain::signed` (`None` where it does not apply).
    pub value: Option<i128>,
    /// The change against the base scenario.
    pub delta: Option<i128>,
}

/// One scenario of the comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScenarioView {
    /// The scenario.
    pub scenario: Scenario,
    /// Its numbers, or why it has no plan.
    pub metrics: Result<Vec<MetricValue>, String>,
    /// A cluster's scenario: whether every subnet holds it at steady state and at the deployment
    /// peak (None for one service, and for a scenario without a plan).
    pub fits: Option<[bool; 2]>,
}

/// One ranked instance type: the numbers of `calc::RankRow` (the page looks the type up in its
/// own catalogue for the rest).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RankRowView {
    /// Type name (the row's key).
    pub name: String,
    /// Tasks per instance, instances, fleet vCPUs and IPv4 used, without and with trunking.
    pub cells: [Option<u64>; 8],
    /// A cluster's ranking: whether the fleet fits every AZ's subnets, without and with trunking
    /// (None: no such fleet, or one service, whose table shows no such column).
    pub fits: [Option<bool>; 2],
    /// A cluster's ranking: why the cluster cannot run on the type, without and with trunking
    /// (None: it can, or the type has no trunking).
    pub why: [Option<String>; 2],
}

/// The ranking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RankingView {
    /// How many types match the filters.
    pub matched: usize,
    /// Pinned types, in pin order.
    pub pinned: Vec<RankRowView>,
    /// The ranked rows shown.
    pub rows: Vec<RankRowView>,
    /// A cluster's ranking: how many services, and the service whose tasks per instance the rows
    /// show (None: the ranking of one service).
    pub cluster: Option<ClusterRanking>,
}

/// What a cluster's ranking is of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterRanking {
    /// How many services.
    pub services: usize,
    /// The first EC2 replica service's name (its tasks per instance are shown), if any.
    pub lead: Option<String>,
}

/// The comparison, the growth chart and the ranking for one plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sections {
    /// The four scenarios.
    pub scenarios: Vec<ScenarioView>,
    /// The growth chart (not in the embed view).
    pub growth: Option<Growth>,
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

/// Decodes a message: the request's number (`None` when not even that can be read) and its body,
/// or the codec's error when it cannot be read.
pub fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> (Option<u32>, bincode::Result<T>) {
    use bincode::Options;
    let mut rest = bytes;
    match codec().deserialize_from::<_, u32>(&mut rest) {
        Ok(id) => (Some(id), codec().deserialize::<T>(rest)),
        Err(e) => (None, Err(e)),
    }
}
