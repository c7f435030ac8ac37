//! The whole cluster's figures in words (`calc::explain::cluster`): each service's figures and
//! the cluster's headline numbers, their working checked line by line against numbers worked out
//! by hand in the comments.
#![cfg(not(target_arch = "wasm32"))]
use awsvpc_planner::calc::cluster::{self, Cluster, ClusterPlan, Kind, Net, PeakMode, Service};
use awsvpc_planner::calc::explain::cluster::{metric, service, ServiceMetric};
use awsvpc_planner::calc::explain::{Explanation, Metric};
use awsvpc_planner::calc::fmt::int;
use awsvpc_planner::calc::Inputs;

/// The default cluster (1,000 awsvpc tasks of "app" on c5.large over 3 AZs in /20 host
/// subnets of 172.31.0.0/16: 4,091 usable each), with `edit` applied.
fn plan_of(edit: impl Fn(&mut Cluster)) -> ClusterPlan {
    let mut c = Cluster::from_inputs(&Inputs::default());
    edit(&mut c);
    cluster::plan(&c).expect("a plan")
}

/// Trunking on (10 slots on a c5.large, 2 IPv4 per instance) and an awsvpc daemon "log"
/// with no task size: it takes 1 slot on every instance, 9 left for "app".
fn with_log(c: &mut Cluster) {
    c.base.trunking = true;
    c.services.push(Service {
        name: "log".into(),
        kind: Kind::Daemon,
        ..Service::default()
    });
}

/// Every line `want` is among the formula's lines.
fn has(e: &Explanation, want: &[&str]) {
    for w in want {
        assert!(
            e.formula.iter().any(|l| l == w),
            "{w:?} missing from {:#?}",
            e.formula
        );
    }
}

#[test]
fn service_figures_are_worked_out() {
    // (cluster, service index, figure, lines expected), each worked by hand.
    let cases: Vec<(ClusterPlan, usize, ServiceMetric, Vec<&str>)> = vec![
        // 1,000 tasks over 3 AZs: 334 + 333 + 333; rolling at 200 %: 2,000 at the peak.
        (
            plan_of(with_log),
            0,
            ServiceMetric::Tasks,
            vec![
                "desired count of \"app\": 1,000",
                "spread over 3 AZs: 334 + 333 + 333 = 1,000 (the first 1,000 mod 3 AZs take one more)",
                "at its deployment peak: rolling update: ⌊1,000 × 200 ÷ 100⌋ = 2,000",
            ],
        ),
        // 9 of "app" per instance: ⌈334 ÷ 9⌉ = 38, ⌈333 ÷ 9⌉ = 37 (333 = 37 × 9): the log
        // daemon runs on 38 + 37 + 37 = 112 instances.
        (
            plan_of(with_log),
            1,
            ServiceMetric::Tasks,
            vec![
                "AZ 1: M = 38 needed by the packing = N running (target capacity 100 %: no spare instance)",
                "tasks: 38 + 37 + 37 = 112",
            ],
        ),
        // 10 slots with trunking, 1 taken by the daemon: ⌊9 ÷ 1⌋ = 9; no CPU or memory
        // given, so the slots bind.
        (
            plan_of(with_log),
            0,
            ServiceMetric::PerInstance,
            vec![
                "ENI slots: ⌊9 ÷ 1⌋ = 9",
                "tasks per instance: the smallest, 9 (ENI slots bind)",
            ],
        ),
        // One IPv4 per awsvpc task: 1,000 for "app", 112 for the daemon (one per instance).
        (
            plan_of(with_log),
            0,
            ServiceMetric::Ipv4,
            vec!["1,000 tasks × 1 = 1,000"],
        ),
        (
            plan_of(with_log),
            1,
            ServiceMetric::Ipv4,
            vec!["112 tasks × 1 = 112"],
        ),
        // At its peak: 2,000 tasks × 1.
        (
            plan_of(with_log),
            0,
            ServiceMetric::Ipv4Peak,
            vec!["2,000 tasks × 1 = 2,000"],
        ),
        // A bridge service takes no address: 0 whatever its count.
        (
            plan_of(|c| {
                c.services.push(Service {
                    name: "side".into(),
                    net: Net::Bridge,
                    memory_mib: Some(256),
                    kind: Kind::Replica { desired: 30 },
                    ..Service::default()
                })
            }),
            1,
            ServiceMetric::Ipv4,
            vec!["30 tasks × 0 = 0"],
        ),
        // The default: 8,181 = 3 × 2,727; per AZ 2,727 tasks on ⌈2,727 ÷ 2⌉ = 1,364
        // instances: 4,091 of 4,091. One more goes to AZ 1: 2,728 + 1,364 = 4,092.
        (
            plan_of(|_| {}),
            0,
            ServiceMetric::MaxFits,
            vec![
                "n = 8,181: AZ 1 host 172.31.0.0/20: 4,091 used of 4,091 usable: fits, 0 left",
                "n + 1 = 8,182: AZ 1 host 172.31.0.0/20: 4,092 used of 4,091 usable: short by 1",
            ],
        ),
        // Deploys: 4,090 peaks at 8,180 (2,727 + 2,727 + 2,726): AZ 1 4,091 of 4,091;
        // 4,091 peaks at 8,182: AZ 1 2,728 + 1,364 = 4,092.
        (
            plan_of(|_| {}),
            0,
            ServiceMetric::MaxDeploys,
            vec![
                "n = 4,090 (rolling update: ⌊4,090 × 200 ÷ 100⌋ = 8,180): AZ 1 host 172.31.0.0/20: 4,091 used of 4,091 usable: fits, 0 left",
                "n + 1 = 4,091 (rolling update: ⌊4,091 × 200 ÷ 100⌋ = 8,182): AZ 1 host 172.31.0.0/20: 4,092 used of 4,091 usable: short by 1",
            ],
        ),
        // A daemon has no count to raise.
        (
            plan_of(with_log),
            1,
            ServiceMetric::MaxFits,
            vec!["\"log\" is a daemon: its count follows the instances, there is no desired count to raise"],
        ),
    ];
    for (p, x, m, want) in cases {
        let e = service(&p, x, m).expect("an explanation");
        assert_eq!(e.title, m.label());
        has(&e, &want);
    }
    assert_eq!(service(&plan_of(|_| {}), 5, ServiceMetric::Tasks), None);
}

#[test]
fn every_service_figure_has_an_explanation_with_its_value() {
    let p = plan_of(with_log);
    for (x, s) in p.services.iter().enumerate() {
        for m in ServiceMetric::ALL {
            let e = service(&p, x, m).expect("an explanation");
            assert!(!e.formula.is_empty() && !e.sources.is_empty(), "{m:?}");
            // The figure's value is in the working (where it has one).
            if let Some(v) = m.value(s) {
                assert!(
                    e.formula.iter().any(|l| l.contains(&int(v))),
                    "{} {m:?} = {v}: {:#?}",
                    s.name,
                    e.formula
                );
            }
        }
    }
}

#[test]
fn headline_figures_are_worked_out() {
    // (cluster, metric, lines expected), each worked by hand.
    let cases: Vec<(ClusterPlan, Metric, Vec<&str>)> = vec![
        // 38 + 37 + 37 instances (see the service figures above).
        (
            plan_of(with_log),
            Metric::Instances,
            vec![
                "instances that run: N = ⌈M × 100 ÷ target capacity⌉, target 100 %",
                "total: 38 + 37 + 37 = 112",
            ],
        ),
        // Target 80 %: 167 needed per AZ (⌈334 ÷ 2⌉ = 167, ⌈333 ÷ 2⌉ = 167), ⌈167 × 100 ÷
        // 80⌉ = ⌈208.75⌉ = 209 running each.
        (
            plan_of(|c| c.target_percent = 80),
            Metric::Instances,
            vec![
                "AZ 1: M = 167 needed by the packing → N = ⌈167 × 100 ÷ 80⌉ = 209 running",
                "total: 209 + 209 + 209 = 627",
            ],
        ),
        // AZ 1: 334 tasks of "app" + the daemon on 38 instances = 372 task addresses; 38
        // instances × 2 (trunking) = 76; 76 + 372 = 448 in its host subnet.
        (
            plan_of(with_log),
            Metric::IpsUsed,
            vec![
                "each running instance: 2 IPv4 in the host subnet (primary + trunk ENI)",
                "AZ 1: 334 replica and Fargate tasks + 1 daemon × 38 instances = 372 tasks with an address",
                "AZ 1 172.31.0.0/20: 76 instance addresses + 372 task addresses + 0 other = 448",
            ],
        ),
        // A bridge service is named as taking no address.
        (
            plan_of(|c| {
                c.services.push(Service {
                    name: "side".into(),
                    net: Net::Bridge,
                    memory_mib: Some(256),
                    ..Service::default()
                })
            }),
            Metric::IpsUsed,
            vec!["bridge/host tasks (service \"side\"): no address of their own"],
        ),
        // Usable addresses are explained as for one service: 2^(32 − 20) − 5 = 4,091.
        (
            plan_of(with_log),
            Metric::IpsUsable,
            vec!["AZ 1: 172.31.0.0/20 → 2^(32 − 20) − 5 = 4,091"],
        ),
    ];
    for (p, m, want) in cases {
        has(&metric(&p, m), &want);
    }
}

#[test]
fn the_peak_rule_is_named() {
    let one = metric(&plan_of(with_log), Metric::IpsPeak);
    assert!(one
        .formula
        .iter()
        .any(|l| l.contains("one service at a time")));
    let all = metric(
        &plan_of(|c| {
            with_log(c);
            c.peak = PeakMode::AllAtOnce;
        }),
        Metric::InstancesPeak,
    );
    assert!(all.formula.iter().any(|l| l.contains("all at once")));
}
