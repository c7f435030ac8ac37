//! The cluster ranking and steady state (`calc::cluster::fleet`): the ranking's row for a
//! cluster's own type is its plan's steady state, a one-service cluster ranks exactly as one
//! service does, and a type without figures says why (and only such a type does).
#![cfg(not(target_arch = "wasm32"))]
use awsvpc_planner::calc::catalog;
use awsvpc_planner::calc::cluster::{misfit, plan, rank, steady, Cluster, Kind, Net, Os, Service};
use awsvpc_planner::calc::input::PeakMode;
use awsvpc_planner::calc::rank::rank as rank_one;
use awsvpc_planner::calc::Inputs;

fn svc(name: &str, kind: Kind, net: Net, cpu: Option<u32>, mem: Option<u32>) -> Service {
    Service {
        name: name.into(),
        kind,
        net,
        cpu,
        memory_mib: mem,
        ..Service::default()
    }
}

/// Clusters of several shapes: daemons, bridge, CPU- and memory-bound mixes, spare capacity,
/// Fargate beside EC2, a secondary CIDR.
fn clusters() -> Vec<Cluster> {
    let r = |n| Kind::Replica { desired: n };
    let base = |edit: &dyn Fn(&mut Inputs)| {
        let mut i = Inputs::default();
        edit(&mut i);
        Cluster::from_inputs(&i)
    };
    let mut out = Vec::new();
    let mut c = base(&|i| i.trunking = true);
    c.services
        .push(svc("log", Kind::Daemon, Net::Awsvpc, Some(128), Some(256)));
    out.push(c);
    let mut c = base(&|i| {
        i.instance = "m6i.xlarge".into();
        i.cpu = Some(1024);
        i.memory_mib = Some(2048);
    });
    c.services
        .push(svc("worker", r(300), Net::Awsvpc, Some(2048), Some(1024)));
    c.services
        .push(svc("side", r(200), Net::Bridge, Some(256), Some(512)));
    c.services
        .push(svc("metrics", Kind::Daemon, Net::Bridge, None, Some(128)));
    c.target_percent = 80;
    out.push(c);
    let mut c = base(&|i| {
        i.instance = "r6i.large".into();
        i.secondary = true;
        i.trunking = true;
        i.memory_mib = Some(4096);
    });
    c.services.push(Service {
        launch: awsvpc_planner::calc::Launch::Fargate,
        ..svc("batch", r(120), Net::Awsvpc, Some(512), Some(1024))
    });
    c.peak = PeakMode::AllAtOnce;
    out.push(c);
    out
}

#[test]
fn the_row_of_the_clusters_own_type_is_its_plans_steady_state() {
    for c in clusters() {
        let rows = rank(&c);
        assert_eq!(rows.len(), catalog::all().count());
        let row = rows
            .iter()
            .find(|r| r.instance.name == c.base.instance)
            .expect("its type");
        for trunk in [false, true] {
            let mut on = c.clone();
            on.base.trunking = trunk;
            let p = plan(&on).expect("a plan");
            let (instances, ips) = if trunk {
                (row.instances_with, row.ips_with)
            } else {
                (row.instances_without, row.ips_without)
            };
            assert_eq!(instances, Some(p.plan.totals.instances), "{trunk}");
            assert_eq!(ips, Some(p.plan.totals.used), "{trunk}");
            let fits = if trunk {
                row.fits_with
            } else {
                row.fits_without
            };
            assert_eq!(fits, Some(p.fits()[0]));
            let s = steady(&on).expect("a steady state");
            assert_eq!(s.instances(), p.plan.totals.instances);
            assert_eq!(
                s.needed,
                p.fill.iter().map(|f| f.needed).collect::<Vec<_>>()
            );
        }
    }
}

#[test]
fn a_one_service_cluster_ranks_as_today() {
    for i in [
        Inputs::default(),
        Inputs {
            trunking: true,
            tasks: 5_000,
            cpu: Some(512),
            memory_mib: Some(1024),
            ..Inputs::default()
        },
        Inputs {
            secondary: true,
            azs: 2,
            tasks: 777,
            ..Inputs::default()
        },
    ] {
        let today = rank_one(&i);
        let ours = rank(&Cluster::from_inputs(&i));
        assert_eq!(ours, today, "{i:?}");
    }
}

#[test]
fn a_type_without_figures_says_why_and_only_then() {
    for c in clusters() {
        for row in rank(&c) {
            let t = row.instance;
            assert_eq!(
                row.instances_without.is_none(),
                misfit(&c, &t, false).is_some(),
                "{} without trunking",
                t.name
            );
            if t.tasks_with_trunking.is_some() {
                assert_eq!(
                    row.instances_with.is_none(),
                    misfit(&c, &t, true).is_some(),
                    "{} with trunking",
                    t.name
                );
            }
        }
    }
    // Windows: no type runs the cluster with trunking, and each says why.
    let c = Cluster {
        os: Os::Windows,
        ..Cluster::default()
    };
    let rows = rank(&c);
    assert!(rows.iter().all(|r| r.instances_with.is_none()));
    let t = catalog::lookup("c5.large").expect("c5.large");
    assert!(misfit(&c, &t, true).is_some_and(|w| w.contains("Windows")));
}
