//! The extras: what the page shows below the fold or on request — the four-scenario comparison,
//! the growth chart, the instance-type ranking, the explanations of the plan's numbers, and the
//! exports and the JSON import — computed as data ([`super::protocol`]).
//!
//! This runs in a web worker built from its own binary (`src/worker.rs`), loaded only when the
//! comparison comes near the viewport, the plan is reached, or an export is asked for, so none of
//! it is in the first download. [`Extras::respond`] answers one [`Request`]; it knows nothing of
//! the browser, and native tests call it directly.

use super::protocol::{
    AzGroup, Cell, Explanation, Format, GrowthView, Imported, Mark, MetricView, RankRowView,
    RankingView, Reply, Request, ScenarioView, Sections, SeriesView, SubnetRow, SubnetsView, What,
};
use crate::calc::catalog::Origin;
use crate::calc::chart::{growth, Series};
use crate::calc::explain::{
    delta, explain, per_az as per_az_explain, ranking as ranking_explain, shown, Metric,
};
use crate::calc::export;
use crate::calc::fmt;
use crate::calc::share;
use crate::calc::subnets::{self, Role, Selection};
use crate::calc::{
    compare, densities, plan, rank_from, select, Densities, Inputs, IpMode, Launch, RankRow,
    Scenario,
};

/// Most types pinned side by side.
pub const MAX_PINNED: usize = 4;
/// Rows shown at first, and added by "Show more".
pub const PAGE: usize = 25;

/// The numbers of each scenario in the comparison.
const METRICS: [Metric; 6] = [
    Metric::TasksPerInstance,
    Metric::Instances,
    Metric::IpsUsable,
    Metric::IpsUsed,
    Metric::MaxTasks,
    Metric::MaxTasksDeployable,
];

/// What the densities depend on: task CPU, memory, and the instance memory reserve.
type TaskSize = (Option<u32>, Option<u32>, u32);

/// The worker's state: the densities of the last task size (they depend only on it, so an edit
/// of a count re-ranks without recomputing them).
#[derive(Default)]
pub struct Extras {
    densities: Option<(TaskSize, Densities)>,
    /// The last `describe-subnets` text read, and what it held (a role picked re-reads nothing).
    subnets: Option<(String, subnets::Import)>,
}

impl Extras {
    /// The reply to one request.
    pub fn respond(&mut self, request: Request) -> Reply {
        match request {
            Request::Sections {
                fragment,
                query,
                pins,
                shown,
                embed,
            } => {
                let inputs = inputs_of(&fragment);
                Reply::Sections(Box::new(Sections {
                    scenarios: comparison(&inputs),
                    growth: (!embed).then(|| growth_view(&inputs)),
                    // Instance types mean nothing on Fargate.
                    ranking: (!embed && inputs.launch == Launch::Ec2)
                        .then(|| self.ranking(&inputs, &query, &pins, shown)),
                }))
            }
            Request::Explain { fragment, what } => Reply::Explained(explanation(&fragment, &what)),
            Request::Export { fragment, format } => {
                let text = plan(&inputs_of(&fragment))
                    .map(|p| match format {
                        Format::Markdown => export::markdown(&p),
                        Format::Csv => export::csv(&p),
                        Format::Json => export::json(&p),
                        Format::Terraform => export::terraform(&p),
                    })
                    .unwrap_or_default();
                Reply::Exported(text)
            }
            Request::Import { text } => Reply::Imported(import(&text)),
            Request::Subnets {
                text,
                vpc,
                marks,
                set,
                fragment,
            } => Reply::Subnets(self.subnets(text, vpc, marks, set, &fragment).map(Box::new)),
        }
    }

    /// The subnets of a `describe-subnets` output, the roles chosen (or the default), and what
    /// they make of the form.
    fn subnets(
        &mut self,
        text: String,
        vpc: Option<String>,
        marks: Option<Vec<Mark>>,
        set: Option<(usize, Mark)>,
        fragment: &str,
    ) -> Result<SubnetsView, String> {
        let role = |m: &Mark| match m {
            Mark::None => None,
            Mark::Host => Some(Role::Host),
            Mark::Task => Some(Role::Task),
        };
        let import = match self.subnets.take() {
            Some((t, i)) if t == text => i,
            _ => subnets::read(&text).map_err(|e| e.to_string())?,
        };
        let form = share::decode(fragment).form;
        let mode = form.parse().map_or(IpMode::V4, |i| i.ip_mode);
        let vpc = vpc.unwrap_or_else(|| import.default_vpc());
        let mut selection = match marks {
            Some(m) => Selection {
                vpc: vpc.clone(),
                marks: m.iter().map(role).collect(),
            },
            None => Selection::for_vpc(&import, &vpc, mode),
        };
        if let Some((index, m)) = set {
            selection.mark(&import, index, role(&m));
        }
        let (errors, notes, changes) = match subnets::apply(&import, &selection, &form) {
            Ok(a) => (
                Vec::new(),
                a.notes,
                a.changes
                    .into_iter()
                    .map(|(k, v)| (k.key().to_string(), v))
                    .collect(),
            ),
            Err(e) => (
                e.iter().map(|e| e.to_string()).collect(),
                Vec::new(),
                Vec::new(),
            ),
        };
        let mark = |n: usize| match selection.marks.get(n).copied().flatten() {
            Some(Role::Host) => Mark::Host,
            Some(Role::Task) => Mark::Task,
            None => Mark::None,
        };
        let count = |v: Option<u64>| v.map(fmt::int).unwrap_or_else(|| "?".into());
        let azs = import
            .azs(&vpc)
            .into_iter()
            .map(|az| AzGroup {
                rows: import
                    .in_az(&vpc, &az)
                    .map(|(n, s)| SubnetRow {
                        index: n,
                        label: s.label(),
                        id: s.id.clone(),
                        cidr: s.cidr.map(|c| c.to_string()).unwrap_or_default(),
                        ipv6: s.ipv6.map(|c| c.to_string()).unwrap_or_default(),
                        usable: count(s.usable()),
                        in_use: count(s.in_use()),
                        mark: mark(n),
                        no_host: s.fit(Role::Host, mode).err().map(|e| e.to_string()),
                        no_task: s.fit(Role::Task, mode).err().map(|e| e.to_string()),
                    })
                    .collect(),
                az,
            })
            .collect();
        let view = SubnetsView {
            vpcs: import
                .vpcs()
                .into_iter()
                .map(|v| {
                    let said = format!(
                        "{} ({} subnets in {} AZs, {} free)",
                        if v.id.is_empty() { "no VpcId" } else { &v.id },
                        v.usable_subnets,
                        v.azs,
                        fmt::int(v.free)
                    );
                    (v.id, said)
                })
                .collect(),
            vpc,
            more_pages: import.more_pages,
            azs,
            unusable: import
                .subnets
                .iter()
                .filter(|s| !s.problems.is_empty())
                .map(|s| {
                    let why: Vec<String> = s.problems.iter().map(|p| p.to_string()).collect();
                    (s.label(), why.join("; "))
                })
                .collect(),
            marks: (0..import.subnets.len()).map(mark).collect(),
            errors,
            notes,
            changes,
        };
        self.subnets = Some((text, import));
        Ok(view)
    }

    /// The ranking: pinned rows, the ranked rows shown, and whether more match.
    fn ranking(&mut self, i: &Inputs, query: &str, pins: &[String], shown: usize) -> RankingView {
        let size = (i.cpu, i.memory_mib, i.memory_reserve_mib);
        let dens = match self.densities.take() {
            Some((s, d)) if s == size && d.matches(i) => d,
            _ => densities(i),
        };
        let rows = rank_from(&dens, i);
        self.densities = Some((size, dens));
        let selected = select(&rows, &share::decode_query(query));
        let pinned = pins
            .iter()
            .filter_map(|n| rows.iter().find(|r| r.instance.name == n.as_str()))
            .map(row)
            .collect();
        let n = selected.len();
        RankingView {
            caption: format!(
                "{} of {} types for {} tasks over {} AZs",
                fmt::int(n.min(shown) as u64),
                fmt::int(n as u64),
                fmt::int(i.tasks),
                i.azs
            ),
            pinned,
            rows: selected.iter().take(shown).map(row).collect(),
            more: n > shown,
        }
    }
}

/// The inputs a link fragment describes (its valid values over the defaults).
fn inputs_of(fragment: &str) -> Inputs {
    share::decode(fragment).form.parse().unwrap_or_default()
}

/// A number cell; `derived` marks a density AWS has not documented.
fn cell(metric: &str, v: Option<u64>, derived: bool) -> Cell {
    Cell {
        metric: metric.into(),
        raw: v.map(|v| v.to_string()).unwrap_or_default(),
        text: v.map(fmt::int).unwrap_or_else(|| "—".into()),
        derived: derived && v.is_some(),
    }
}

/// One ranked type.
fn row(r: &RankRow) -> RankRowView {
    let t = &r.instance;
    RankRowView {
        name: t.name.into(),
        limit: r.aws_limit().map(|l| l.text.to_string()),
        arch: t.arch.label().into(),
        vcpus: t.vcpus.map(|v| v.to_string()).unwrap_or_else(|| "?".into()),
        memory: t.memory_mib.map(fmt::mib).unwrap_or_else(|| "?".into()),
        cells: vec![
            cell(
                "k-without",
                r.k_without,
                t.without_source == Origin::Derived,
            ),
            cell("k-with", r.k_with, t.with_source == Origin::Derived),
            cell("instances-without", r.instances_without, false),
            cell("instances-with", r.instances_with, false),
            cell("vcpus-without", r.vcpus_without, false),
            cell("vcpus-with", r.vcpus_with, false),
            cell("ips-without", r.ips_without, false),
            cell("ips-with", r.ips_with, false),
        ],
    }
}

/// The four scenarios' numbers, with their change against the base.
///
/// On Fargate there are no instances: no trunking scenarios, and only the numbers that apply.
pub fn comparison(i: &Inputs) -> Vec<ScenarioView> {
    let scenarios = compare(i);
    let base = scenarios.first().and_then(|(_, r)| r.as_ref().ok());
    let fargate = i.launch == Launch::Fargate;
    scenarios
        .iter()
        .filter(|(s, _)| !(fargate && matches!(s, Scenario::Trunk | Scenario::TrunkSecondary)))
        .map(|(s, r)| ScenarioView {
            id: s.id().into(),
            title: s.title().into(),
            metrics: match r {
                Ok(p) => Ok(METRICS
                    .iter()
                    .filter(|m| m.applies(i.launch))
                    .map(|&m| {
                        let (raw, text) = shown(p, m);
                        MetricView {
                            id: m.id().into(),
                            label: m.label().into(),
                            raw,
                            text,
                            delta: match base {
                                Some(b) if *s != Scenario::Base => delta(b, p, m),
                                _ => None,
                            },
                        }
                    })
                    .collect()),
                Err(e) => Err(e.to_string()),
            },
        })
        .collect()
}

/// "runs out above n tasks" or "is not limited by IPv4", after the scenario's title.
fn runs_out(s: &Series) -> String {
    match s.runs_out {
        Some((n, _, _)) => format!(
            "{} runs out above {} tasks",
            s.scenario.title(),
            fmt::int(n)
        ),
        None => format!("{} is not limited by IPv4", s.scenario.title()),
    }
}

/// The growth chart's geometry and texts.
pub fn growth_view(i: &Inputs) -> GrowthView {
    let g = growth(i);
    let fargate = i.launch == Launch::Fargate;
    GrowthView {
        x_max: fmt::int(g.x_max),
        desired_x: g.desired_x,
        series: g
            .series
            .iter()
            .filter(|s| {
                !(fargate && matches!(s.scenario, Scenario::Trunk | Scenario::TrunkSecondary))
            })
            .map(|s| SeriesView {
                id: s.scenario.id().into(),
                points: s.points.clone(),
                runs_out: s.runs_out,
                says: runs_out(s),
                legend: format!(
                    "{}{}",
                    s.scenario.title(),
                    match s.runs_out {
                        Some((n, _, _)) => format!(": fits up to {}", fmt::int(n)),
                        None => ": no IPv4 limit".into(),
                    }
                ),
            })
            .collect(),
    }
}

/// How the number `what` of the plan `fragment` is computed.
pub fn explanation(fragment: &str, what: &What) -> Option<Explanation> {
    let i = inputs_of(fragment);
    let metric = |id: &str| Metric::ALL.into_iter().find(|m| m.id() == id);
    let e = match what {
        What::Metric(id) => explain(&plan(&i).ok()?, metric(id)?),
        What::PerAz => per_az_explain(&plan(&i).ok()?),
        What::Ranking => ranking_explain(&i),
        What::Scenario(s, id) => {
            let s = Scenario::ALL.into_iter().find(|x| x.id() == s)?;
            explain(&plan(&s.apply(&i)).ok()?, metric(id)?)
        }
    };
    Some(e.into())
}

/// The plan a JSON document describes, or why it cannot be used.
fn import(text: &str) -> Result<Imported, String> {
    let d = export::import_json(text).map_err(|e| e.to_string())?;
    let i = d
        .form
        .parse()
        .map_err(|e| e.first().map(|e| e.message.clone()).unwrap_or_default())?;
    Ok(Imported {
        fragment: share::encode(&i, false),
        embed: d.embed,
        notices: d.notices.into_iter().map(|n| (n.key, n.message)).collect(),
    })
}
