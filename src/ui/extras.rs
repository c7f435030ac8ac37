//! The extras: what the page shows below the fold or on request — the four-scenario comparison,
//! the growth chart, the instance-type ranking, the explanations of the plan's numbers, the
//! exports and the imports — computed as typed data ([`super::protocol`]). For a cluster form
//! (not [`Inputs::is_one_service`]) the comparison plans each scenario as a whole cluster, the
//! ranking is the cluster's ([`cluster::rank`]) and the explanations are written from the
//! cluster plan (`calc::explain::cluster`); a one-service form's are as they always were.
//!
//! This runs in a web worker built from its own binary (`src/worker.rs`), loaded only when the
//! comparison comes near the viewport, the plan is reached, or an export is asked for, so none of
//! it is in the first download. [`Extras::respond`] answers one [`Request`] with numbers and
//! typed values (the page formats them); it knows nothing of the browser, and native tests call
//! it directly.

use super::protocol::{
    AzGroup, Change, ClusterRanking, Explanation, Format, Mark, MetricValue, RankRowView,
    RankingView, Reply, Request, ScenarioView, Sections, SectionsRequest, SubnetRow,
    SubnetsRequest, SubnetsView, VpcView, What,
};
use crate::calc::chart::{cluster_growth, growth};
use crate::calc::cluster::{self, Cluster, ClusterPlan};
use crate::calc::explain::{self as text, delta, explain, per_az, ranking, signed, Metric};
use crate::calc::export::{self, Planned};
use crate::calc::rank::MAX_PINNED;
use crate::calc::subnets::{self, Role, Selection};
use crate::calc::{
    compare, densities, plan, rank_from, select, Densities, Form, Inputs, Launch, RankRow, Scenario,
};

/// The numbers of each scenario in the comparison.
const METRICS: [Metric; 6] = [
    Metric::TasksPerInstance,
    Metric::Instances,
    Metric::IpsUsable,
    Metric::IpsUsed,
    Metric::MaxTasks,
    Metric::MaxTasksDeployable,
];

/// A cluster's numbers in each scenario of the comparison: the cluster's own headline figures.
const CLUSTER_METRICS: [Metric; 6] = [
    Metric::Instances,
    Metric::InstancesPeak,
    Metric::IpsUsable,
    Metric::IpsUsed,
    Metric::IpsPeak,
    Metric::IpsLeft,
];

/// The worker's state: the densities of the last task size (they depend only on it, so an edit
/// of a count re-ranks without recomputing them), the last cluster's ranked rows (a new filter,
/// order or pin re-ranks nothing), and the last `describe-subnets` text read.
#[derive(Default)]
pub struct Extras {
    densities: Option<Densities>,
    /// The inputs of the last cluster ranked, and its rows in the default order.
    cluster_rows: Option<(Inputs, Vec<RankRow>)>,
    /// The last `describe-subnets` text read, and what it held (a role picked re-reads nothing).
    subnets: Option<(String, subnets::Import)>,
}

impl Extras {
    /// The reply to one request.
    pub fn respond(&mut self, request: Request) -> Reply {
        match request {
            Request::Sections(r) => Reply::Sections(Box::new(self.sections(&r))),
            Request::Explain { inputs, what } => Reply::Explained(explanation(&inputs, what)),
            Request::Export { inputs, format } => {
                Reply::Exported(Planned::of(&inputs).map(|p| match format {
                    Format::Markdown => export::markdown(&p),
                    Format::Csv => export::csv(&p),
                    Format::Json => export::json(&p),
                    Format::Terraform => export::terraform(&p),
                }))
            }
            Request::Import { text } => Reply::Imported(
                export::import_json(&text)
                    .map(Box::new)
                    .map_err(|e| e.to_string()),
            ),
            Request::Subnets(r) => Reply::Subnets(self.subnets(*r).map(Box::new)),
        }
    }

    /// The comparison, the growth chart and the ranking.
    fn sections(&mut self, r: &SectionsRequest) -> Sections {
        let i = &r.inputs;
        Sections {
            scenarios: comparison(i),
            // A cluster's grows its first replica service's count, the others fixed.
            growth: if r.embed {
                None
            } else if i.is_one_service() {
                Some(growth(i))
            } else {
                cluster_growth(i)
            },
            // Instance types mean nothing on Fargate.
            ranking: (!r.embed && i.uses_instances()).then(|| self.ranking(r)),
        }
    }

    /// The ranking: pinned rows, the ranked rows shown, and how many match.
    fn ranking(&mut self, r: &SectionsRequest) -> RankingView {
        let i = &r.inputs;
        if !i.is_one_service() {
            return self.cluster_ranking(r);
        }
        let dens = match self.densities.take() {
            Some(d) if d.matches(i) => d,
            _ => densities(i),
        };
        let rows = rank_from(&dens, i);
        self.densities = Some(dens);
        let selected = select(&rows, &r.query);
        RankingView {
            matched: selected.len(),
            pinned: r
                .pins
                .iter()
                .take(MAX_PINNED)
                .filter_map(|n| rows.iter().find(|r| r.instance.name == n.as_str()))
                .map(row)
                .collect(),
            rows: selected.iter().take(r.shown).map(row).collect(),
            cluster: None,
        }
    }

    /// A cluster's ranking ([`cluster::rank`]): the same rows, with whether each fleet fits and
    /// why the cluster cannot run on a type.
    fn cluster_ranking(&mut self, r: &SectionsRequest) -> RankingView {
        let i = &r.inputs;
        let c = Cluster::from_inputs(i);
        let rows = match self.cluster_rows.take() {
            Some((k, rows)) if k == *i => rows,
            _ => cluster::rank(&c),
        };
        let selected = select(&rows, &r.query);
        let view = |x: &RankRow| cluster_row(&c, x);
        let out = RankingView {
            matched: selected.len(),
            pinned: r
                .pins
                .iter()
                .take(MAX_PINNED)
                .filter_map(|n| rows.iter().find(|r| r.instance.name == n.as_str()))
                .map(view)
                .collect(),
            rows: selected.iter().take(r.shown).map(view).collect(),
            cluster: Some(ClusterRanking {
                services: c.services.len(),
                lead: c
                    .services
                    .iter()
                    .find(|s| s.on_ec2() && !s.is_daemon())
                    .map(|s| s.name.clone()),
            }),
        };
        self.cluster_rows = Some((i.clone(), rows));
        out
    }

    /// The subnets of a `describe-subnets` output, the roles chosen (or the default), and what
    /// they make of the form.
    fn subnets(&mut self, r: SubnetsRequest) -> Result<SubnetsView, String> {
        let role = |m: &Mark| match m {
            Mark::None => None,
            Mark::Host => Some(Role::Host),
            Mark::Task => Some(Role::Task),
        };
        let import = match self.subnets.take() {
            Some((t, i)) if t == r.text => i,
            _ => subnets::read(&r.text).map_err(|e| e.to_string())?,
        };
        let form = Form::from_inputs(&r.inputs);
        let mode = r.inputs.ip_mode;
        let vpc = r.vpc.unwrap_or_else(|| import.default_vpc());
        let mut selection = match r.marks {
            Some(m) => Selection {
                vpc: vpc.clone(),
                marks: m.iter().map(role).collect(),
            },
            None => Selection::for_vpc(&import, &vpc, mode),
        };
        match r.set {
            Some(Change::Mark(index, m)) => selection.mark(&import, index, role(&m)),
            Some(Change::LeaveOut(az)) => selection.leave_out(&import, &az),
            None => {}
        }
        let (errors, notes, changes) = match subnets::apply(&import, &selection, &form) {
            Ok(a) => (Vec::new(), a.notes, a.changes),
            Err(e) => (
                e.iter().map(ToString::to_string).collect(),
                Vec::new(),
                Vec::new(),
            ),
        };
        let mark = |n: usize| match selection.marks.get(n).copied().flatten() {
            Some(Role::Host) => Mark::Host,
            Some(Role::Task) => Mark::Task,
            None => Mark::None,
        };
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
                        usable: s.usable(),
                        in_use: s.in_use(),
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
                .map(|v| VpcView {
                    id: v.id,
                    usable_subnets: v.usable_subnets,
                    azs: v.azs,
                    free: v.free,
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
                    let why: Vec<String> = s.problems.iter().map(ToString::to_string).collect();
                    (s.label(), why.join("; "))
                })
                .collect(),
            marks: (0..import.subnets.len()).map(mark).collect(),
            errors,
            notes,
            changes,
        };
        self.subnets = Some((r.text, import));
        Ok(view)
    }
}

/// One ranked type's numbers.
fn row(r: &RankRow) -> RankRowView {
    RankRowView {
        name: r.instance.name.into(),
        cells: [
            r.k_without,
            r.k_with,
            r.instances_without,
            r.instances_with,
            r.vcpus_without,
            r.vcpus_with,
            r.ips_without,
            r.ips_with,
        ],
        fits: [None, None],
        why: [None, None],
    }
}

/// One ranked type's numbers for cluster `c`, with whether each fleet fits and, for a fleet
/// without figures, why ([`cluster::misfit`]).
fn cluster_row(c: &Cluster, r: &RankRow) -> RankRowView {
    let t = &r.instance;
    RankRowView {
        fits: [r.fits_without, r.fits_with],
        why: [
            r.instances_without
                .is_none()
                .then(|| cluster::misfit(c, t, false))
                .flatten(),
            (r.instances_with.is_none() && t.tasks_with_trunking.is_some())
                .then(|| cluster::misfit(c, t, true))
                .flatten(),
        ],
        ..row(r)
    }
}

/// The cluster plan of `i` (a cluster form).
fn cluster_plan(i: &Inputs) -> Result<ClusterPlan, String> {
    cluster::plan_inputs(i).map_err(|errs| {
        errs.iter()
            .map(|e| e.message.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    })
}

/// A cluster's four scenarios: each scenario's inputs planned as a whole cluster
/// ([`cluster::plan`]), its headline figures with their change against the base and whether it
/// fits, or every reason it has no plan (e.g. Windows refuses trunking).
fn cluster_comparison(i: &Inputs) -> Vec<ScenarioView> {
    let plans: Vec<_> = Scenario::ALL
        .iter()
        .map(|&s| (s, cluster_plan(&s.apply(i))))
        .collect();
    let base = plans
        .first()
        .and_then(|(_, r)| r.as_ref().ok())
        .map(|p| &p.plan);
    let fargate = !i.uses_instances();
    plans
        .iter()
        .filter(|(s, _)| !(fargate && s.trunking()))
        .map(|(s, r)| ScenarioView {
            scenario: *s,
            metrics: r.as_ref().map_err(Clone::clone).map(|p| {
                CLUSTER_METRICS
                    .iter()
                    .filter(|m| m.applies(p.plan.inputs.launch))
                    .map(|&m| MetricValue {
                        metric: m,
                        value: signed(&p.plan, m),
                        delta: base
                            .filter(|_| *s != Scenario::Base)
                            .and_then(|b| delta(b, &p.plan, m)),
                    })
                    .collect()
            }),
            fits: r.as_ref().ok().map(ClusterPlan::fits),
        })
        .collect()
}

/// The four scenarios' numbers, with their change against the base.
///
/// On Fargate there are no instances: no trunking scenarios, and only the numbers that apply.
pub fn comparison(i: &Inputs) -> Vec<ScenarioView> {
    if !i.is_one_service() {
        return cluster_comparison(i);
    }
    let scenarios = compare(i);
    let base = scenarios.first().and_then(|(_, r)| r.as_ref().ok());
    let fargate = i.launch == Launch::Fargate;
    scenarios
        .iter()
        .filter(|(s, _)| !(fargate && s.trunking()))
        .map(|(s, r)| ScenarioView {
            scenario: *s,
            metrics: match r {
                Ok(p) => Ok(METRICS
                    .iter()
                    .filter(|m| m.applies(i.launch))
                    .map(|&m| MetricValue {
                        metric: m,
                        value: signed(p, m),
                        delta: base
                            .filter(|_| *s != Scenario::Base)
                            .and_then(|b| delta(b, p, m)),
                    })
                    .collect()),
                Err(e) => Err(e.to_string()),
            },
            fits: None,
        })
        .collect()
}

/// How the number `what` of the plan of `i` is computed.
pub fn explanation(i: &Inputs, what: What) -> Option<Explanation> {
    if !i.is_one_service() {
        return cluster_explanation(i, what);
    }
    let e = match what {
        What::Metric(m) => explain(&plan(i).ok()?, m),
        What::PerAz => per_az(&plan(i).ok()?),
        What::Ranking => ranking(i),
        What::Scenario(s, m) => explain(&plan(&s.apply(i)).ok()?, m),
        // One service has no services table.
        What::Service { .. } => return None,
    };
    Some(e.into())
}

/// How the number `what` of the plan of cluster form `i` is computed (`calc::explain::cluster`).
fn cluster_explanation(i: &Inputs, what: What) -> Option<Explanation> {
    let of = |i: &Inputs| cluster_plan(i).ok();
    let e = match what {
        What::Metric(m) => text::cluster::metric(&of(i)?, m),
        What::PerAz => text::cluster::per_az(&of(i)?),
        What::Ranking => text::cluster::ranking(&Cluster::from_inputs(i)),
        What::Scenario(s, m) => text::cluster::metric(&of(&s.apply(i))?, m),
        What::Service { service, metric } => text::cluster::service(&of(i)?, service, metric)?,
    };
    Some(e.into())
}
