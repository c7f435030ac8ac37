//! The extras worker's answers for a whole cluster (issue 24): the comparison, the ranking and
//! the explanations are the cluster's (`calc::cluster`, `calc::explain::cluster`), a one-service
//! form's stay as they were, and the new messages round-trip through the codec.
#![cfg(not(target_arch = "wasm32"))]

use awsvpc_planner::calc::cluster::{self, Cluster, Kind, Net, Os, Service};
use awsvpc_planner::calc::explain::cluster::{metric, service, ServiceMetric};
use awsvpc_planner::calc::explain::{signed, Metric};
use awsvpc_planner::calc::{select, Inputs, RankQuery, Scenario};
use awsvpc_planner::ui::extras::Extras;
use awsvpc_planner::ui::protocol::{self, Reply, Request, Sections, SectionsRequest, What};

/// The default form with trunking, a log daemon (awsvpc, 128 CPU units, 1,024 MiB) and a bridge
/// sidecar service.
fn cluster_inputs() -> Inputs {
    Inputs {
        trunking: true,
        services: vec![
            Service {
                name: "log".into(),
                kind: Kind::Daemon,
                cpu: Some(128),
                memory_mib: Some(1024),
                ..Service::default()
            },
            Service {
                name: "side".into(),
                kind: Kind::Replica { desired: 90 },
                net: Net::Bridge,
                memory_mib: Some(256),
                ..Service::default()
            },
        ],
        ..Inputs::default()
    }
}

fn sections(x: &mut Extras, i: &Inputs, pins: &[&str]) -> Sections {
    match x.respond(Request::Sections(Box::new(SectionsRequest {
        inputs: i.clone(),
        query: RankQuery::default(),
        pins: pins.iter().map(|p| p.to_string()).collect(),
        shown: 25,
        embed: false,
    }))) {
        Reply::Sections(s) => *s,
        other => panic!("not sections: {other:?}"),
    }
}

fn ask(x: &mut Extras, i: &Inputs, what: What) -> Option<protocol::Explanation> {
    match x.respond(Request::Explain {
        inputs: Box::new(i.clone()),
        what,
    }) {
        Reply::Explained(e) => e,
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_comparison_of_a_cluster_is_each_scenarios_cluster_plan() {
    let i = cluster_inputs();
    assert!(!i.is_one_service());
    let s = sections(&mut Extras::default(), &i, &[]);
    assert_eq!(s.scenarios.len(), 4);
    // The growth chart grows the first replica service's count, the others fixed: each line runs
    // out at that service's largest count that fits in its scenario's cluster plan.
    let g = s.growth.as_ref().expect("a growth chart");
    assert_eq!(g.service.as_deref(), Some("app"));
    assert_eq!(g.series.len(), 4);
    for line in &g.series {
        let p = cluster::plan(&Cluster::from_inputs(&line.scenario.apply(&i))).expect("a plan");
        let max = p.services.first().and_then(|s| s.max_fits);
        assert_eq!(line.runs_out.map(|r| r.0), max, "{:?}", line.scenario);
    }
    for v in &s.scenarios {
        let p = cluster::plan(&Cluster::from_inputs(&v.scenario.apply(&i))).expect("a plan");
        let metrics = v.metrics.as_ref().expect("numbers");
        let ids: Vec<Metric> = metrics.iter().map(|m| m.metric).collect();
        assert_eq!(
            ids,
            [
                Metric::Instances,
                Metric::InstancesPeak,
                Metric::IpsUsable,
                Metric::IpsUsed,
                Metric::IpsPeak,
                Metric::IpsLeft
            ]
        );
        for m in metrics {
            assert_eq!(m.value, signed(&p.plan, m.metric), "{:?}", v.scenario);
        }
        assert_eq!(v.fits, Some(p.fits()));
    }
    // Trunking helps the cluster: fewer instances than the base (a delta below 0).
    let trunk = s
        .scenarios
        .iter()
        .find(|v| v.scenario == Scenario::Trunk)
        .and_then(|v| v.metrics.as_ref().ok())
        .and_then(|m| m.iter().find(|m| m.metric == Metric::Instances))
        .and_then(|m| m.delta)
        .expect("a change");
    assert!(trunk < 0, "{trunk}");
}

#[test]
fn a_refused_scenario_says_why() {
    // Windows: no trunking; the scenarios with it have no plan and say why.
    let i = Inputs {
        os: Os::Windows,
        trunking: false,
        ..cluster_inputs()
    };
    let s = sections(&mut Extras::default(), &i, &[]);
    for v in &s.scenarios {
        match (&v.metrics, v.scenario.trunking()) {
            (Err(why), true) => {
                assert!(
                    why.contains("ENI trunking is not available on Windows"),
                    "{why}"
                )
            }
            (Ok(_), false) => assert!(v.fits.is_some()),
            other => panic!("{:?}: {other:?}", v.scenario),
        }
    }
}

#[test]
fn the_ranking_of_a_cluster_is_the_clusters_and_says_why_a_type_cannot_run_it() {
    let i = cluster_inputs();
    let c = Cluster::from_inputs(&i);
    let mut x = Extras::default();
    // A t3.nano (512 MiB) cannot run the log daemon's 1,024 MiB.
    let s = sections(&mut x, &i, &["c5.large", "t3.nano"]);
    let r = s.ranking.expect("a ranking");
    let info = r.cluster.as_ref().expect("a cluster's ranking");
    assert_eq!(info.services, 3);
    assert_eq!(info.lead.as_deref(), Some("app"));
    let rows = cluster::rank(&c);
    let want = select(&rows, &RankQuery::default());
    assert_eq!(r.matched, want.len());
    let names: Vec<&str> = r.rows.iter().map(|v| v.name.as_str()).collect();
    let want_names: Vec<&str> = want.iter().take(25).map(|w| w.instance.name).collect();
    assert_eq!(names, want_names);
    let c5 = r.pinned.first().expect("c5.large pinned");
    let p = cluster::plan(&c).expect("a plan");
    assert_eq!(c5.cells[3], Some(p.plan.totals.instances), "with trunking");
    assert_eq!(c5.fits[1], Some(p.fits()[0]));
    assert_eq!(c5.why, [None, None]);
    let nano = r.pinned.get(1).expect("t3.nano pinned");
    assert_eq!(nano.cells[2], None);
    let why = nano.why[0].as_deref().expect("a reason");
    assert!(why.contains("the daemons") && why.contains("MiB"), "{why}");
    // A new order re-ranks from the rows kept: the same figures.
    let again = sections(&mut x, &i, &["c5.large"]);
    assert_eq!(again.ranking.expect("a ranking").pinned.first(), Some(c5));
}

#[test]
fn a_one_service_ranking_has_no_cluster_columns() {
    let s = sections(&mut Extras::default(), &Inputs::default(), &["c5.large"]);
    let r = s.ranking.expect("a ranking");
    assert_eq!(r.cluster, None);
    assert!(r
        .rows
        .iter()
        .all(|v| v.fits == [None, None] && v.why == [None, None]));
    assert!(s.scenarios.iter().all(|v| v.fits.is_none()));
}

#[test]
fn a_clusters_figures_are_explained_by_the_cluster_plan() {
    let i = cluster_inputs();
    let p = cluster::plan(&Cluster::from_inputs(&i)).expect("a plan");
    let mut x = Extras::default();
    for m in [
        Metric::Instances,
        Metric::IpsUsed,
        Metric::IpsPeak,
        Metric::IpsLeft,
    ] {
        let e = ask(&mut x, &i, What::Metric(m)).expect("explained");
        assert_eq!(e.formula, metric(&p, m).formula, "{m:?}");
    }
    for (n, _) in p.services.iter().enumerate() {
        for m in ServiceMetric::ALL {
            let e = ask(
                &mut x,
                &i,
                What::Service {
                    service: n,
                    metric: m,
                },
            )
            .expect("explained");
            assert_eq!(Some(e.formula), service(&p, n, m).map(|e| e.formula));
        }
    }
    // No such service, and a one-service form has no services table.
    let none = What::Service {
        service: 3,
        metric: ServiceMetric::Tasks,
    };
    assert_eq!(ask(&mut x, &i, none), None);
    let first = What::Service {
        service: 0,
        metric: ServiceMetric::Tasks,
    };
    assert_eq!(ask(&mut x, &Inputs::default(), first), None);
    // A scenario's number of a cluster is explained by that scenario's cluster plan.
    let sc = ask(
        &mut x,
        &i,
        What::Scenario(Scenario::Base, Metric::Instances),
    )
    .expect("explained");
    let base = cluster::plan(&Cluster::from_inputs(&Scenario::Base.apply(&i))).expect("a plan");
    assert_eq!(sc.formula, metric(&base, Metric::Instances).formula);
}

#[test]
fn a_service_explanation_request_round_trips() {
    let r = Request::Explain {
        inputs: Box::new(cluster_inputs()),
        what: What::Service {
            service: 2,
            metric: ServiceMetric::MaxDeploys,
        },
    };
    let (id, back) = protocol::decode::<Request>(&protocol::encode(4, &r));
    assert_eq!((id, back.ok()), (Some(4), Some(r)));
    let s = sections(&mut Extras::default(), &cluster_inputs(), &["t3.nano"]);
    let reply = Reply::Sections(Box::new(s));
    let (_, back) = protocol::decode::<Reply>(&protocol::encode(5, &reply));
    assert_eq!(back.ok(), Some(reply));
}

#[test]
fn a_cluster_on_fargate_alone_has_no_trunking_scenarios_and_no_ranking_until_a_service_runs_on_ec2()
{
    use awsvpc_planner::calc::Launch;
    let fargate = |name: &str| Service {
        name: name.into(),
        launch: Launch::Fargate,
        cpu: Some(256),
        memory_mib: Some(512),
        ..Service::default()
    };
    let mut i = Inputs {
        launch: Launch::Fargate,
        cpu: Some(256),
        memory_mib: Some(512),
        services: vec![fargate("batch")],
        ..Inputs::default()
    };
    assert!(!i.uses_instances());
    let s = sections(&mut Extras::default(), &i, &[]);
    let ids: Vec<Scenario> = s.scenarios.iter().map(|v| v.scenario).collect();
    assert_eq!(ids, [Scenario::Base, Scenario::Secondary]);
    for v in &s.scenarios {
        let m = v.metrics.as_ref().expect("numbers");
        // No instances on Fargate: only the address figures.
        assert!(m.iter().all(|m| m.metric.applies(Launch::Fargate)));
        assert!(!m.iter().any(|m| m.metric == Metric::Instances));
    }
    assert_eq!(s.ranking, None);
    // A later service on EC2: the instance types matter again, and the ranking shows its tasks
    // per instance.
    i.services.push(Service {
        name: "web".into(),
        ..Service::default()
    });
    let s = sections(&mut Extras::default(), &i, &[]);
    assert_eq!(s.scenarios.len(), 4);
    let r = s.ranking.expect("a ranking");
    assert_eq!(
        r.cluster.and_then(|c| c.lead).as_deref(),
        Some("web"),
        "the first EC2 replica service"
    );
}
