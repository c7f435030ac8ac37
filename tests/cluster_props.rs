//! Property tests of the cluster plan (native only): the one-service cluster is today's plan;
//! the bulk packing is the task-by-task first-fit of a naive reference; no instance is over any
//! resource; every task is placed once; M lies between its lower bounds and giving each service
//! instances of its own; the largest counts fit and one more does not; nothing panics; a
//! cluster's link reproduces it.
#![cfg(not(target_arch = "wasm32"))]

use awsvpc_planner::calc::catalog;
use awsvpc_planner::calc::cluster::{self, Cluster, ClusterPlan, Kind, Net, Os, PeakMode, Service};
use awsvpc_planner::calc::share::{decode, encode};
use awsvpc_planner::calc::{self, registered_memory, Deploy, Form, Inputs, Launch, FARGATE_SIZES};
use proptest::prelude::*;

mod common;
use common::inputs;

/// A service that is mostly valid: Fargate services take one of AWS's sizes, bridge services
/// a memory, daemons run on EC2; `scale` bounds the desired count.
fn service(scale: u32) -> impl Strategy<Value = Service> {
    (
        0u8..8,
        0..=scale,
        0u8..10,
        0u8..4,
        prop::option::of(64u32..2048),
        prop::option::of(128u32..4096),
        prop_oneof![
            (100u32..=300).prop_map(|p| Deploy::Rolling { max_percent: p }),
            Just(Deploy::BlueGreen)
        ],
        0usize..FARGATE_SIZES.len(),
        0usize..30,
    )
        .prop_map(
            |(kind, desired, launch, net, cpu, memory, deploy, size, mem_at)| {
                let fargate = launch == 0 && kind != 0;
                let (cpu, memory) = if fargate {
                    let row = FARGATE_SIZES[size.min(4)];
                    (
                        Some(row.cpu),
                        Some(row.memory_mib[mem_at % row.memory_mib.len()]),
                    )
                } else {
                    (cpu, memory)
                };
                let bridge = !fargate && net == 0;
                Service {
                    name: String::new(),
                    kind: if kind == 0 {
                        Kind::Daemon
                    } else {
                        Kind::Replica { desired }
                    },
                    launch: if fargate {
                        Launch::Fargate
                    } else {
                        Launch::Ec2
                    },
                    net: if bridge { Net::Bridge } else { Net::Awsvpc },
                    cpu,
                    memory_mib: if bridge { memory.or(Some(256)) } else { memory },
                    deploy,
                }
            },
        )
}

/// A cluster over today's input generator with 1 to `most` services of at most `scale` tasks
/// each, named `s0`, `s1`, …; target capacity mostly 100, Linux mostly.
fn clusters(most: usize, scale: u32) -> impl Strategy<Value = Cluster> {
    (
        inputs(),
        prop::collection::vec(service(scale), 1..=most),
        prop_oneof![Just(100u32), 1u32..=100],
        any::<bool>(),
        0u8..8,
    )
        .prop_map(|(base, mut services, target, all, os)| {
            for (n, s) in services.iter_mut().enumerate() {
                s.name = format!("s{n}");
            }
            Cluster {
                base: Inputs {
                    launch: Launch::Ec2,
                    ..base
                },
                target_percent: target,
                os: if os == 0 { Os::Windows } else { Os::Linux },
                peak: if all {
                    PeakMode::AllAtOnce
                } else {
                    PeakMode::OneAtATime
                },
                services,
            }
        })
}

/// Anything at all: names, sizes, counts and targets out of range, up to 22 services.
fn wild() -> impl Strategy<Value = Cluster> {
    let svc = (
        "[a-c ]{0,2}",
        prop::option::of(any::<u32>()),
        any::<bool>(),
        any::<bool>(),
        prop::option::of(any::<u32>()),
        prop::option::of(any::<u32>()),
        prop_oneof![
            any::<u32>().prop_map(|p| Deploy::Rolling { max_percent: p }),
            Just(Deploy::BlueGreen)
        ],
    )
        .prop_map(
            |(name, desired, fargate, bridge, cpu, memory_mib, deploy)| Service {
                name,
                kind: desired.map_or(Kind::Daemon, |d| Kind::Replica {
                    desired: d % 6_000_000,
                }),
                launch: if fargate {
                    Launch::Fargate
                } else {
                    Launch::Ec2
                },
                net: if bridge { Net::Bridge } else { Net::Awsvpc },
                cpu,
                memory_mib,
                deploy,
            },
        );
    (
        inputs(),
        prop::collection::vec(svc, 0..=22),
        0u32..=120,
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(base, services, target, win, all)| Cluster {
            base,
            target_percent: target,
            os: if win { Os::Windows } else { Os::Linux },
            peak: if all {
                PeakMode::AllAtOnce
            } else {
                PeakMode::OneAtATime
            },
            services,
        })
}

/// What one instance offers the replica tasks once the daemons run, and what a task of each
/// service takes, worked out again from the catalogue (not from the plan): slots, CPU, memory,
/// `None` for a dimension the type does not know.
fn resources(c: &Cluster) -> ([Option<u64>; 3], Vec<[u64; 3]>) {
    let t = catalog::lookup(&c.base.instance).unwrap();
    let trunk = c.base.trunking && t.tasks_with_trunking.is_some();
    let eni = if trunk {
        t.tasks_with_trunking.unwrap()
    } else {
        t.tasks_without_trunking
    };
    let slots = u64::from(catalog::awsvpc_limit(&t).map_or(eni, |l| l.tasks.min(eni)));
    let cpu = t.vcpus.map(|v| u64::from(v) * 1024);
    let mem = t.memory_mib.map(|m| {
        registered_memory(m, c.base.memory_registered_percent)
            .saturating_sub(u64::from(c.base.memory_reserve_mib))
    });
    let demand = |s: &Service| {
        [
            u64::from(s.net == Net::Awsvpc),
            cpu.map_or(0, |_| u64::from(s.cpu.unwrap_or(0))),
            mem.map_or(0, |_| u64::from(s.memory_mib.unwrap_or(0))),
        ]
    };
    let mut cap = [Some(slots), cpu, mem];
    for s in c.services.iter().filter(|s| s.is_daemon() && s.on_ec2()) {
        for (k, d) in cap.iter_mut().zip(demand(s)) {
            *k = k.map(|v| v - d);
        }
    }
    (cap, c.services.iter().map(demand).collect())
}

/// Task-by-task first-fit in one AZ: each instance's tasks as (service, count) in placement
/// order.
fn naive(c: &Cluster, az: u32) -> Vec<Vec<(usize, u64)>> {
    let (cap, demand) = resources(c);
    let cap = cap.map(|k| k.unwrap_or(0));
    let mut order: Vec<usize> = (0..c.services.len())
        .filter(|&n| c.services[n].on_ec2() && !c.services[n].is_daemon())
        .collect();
    order.sort_by_key(|&n| {
        let s = &c.services[n];
        (
            std::cmp::Reverse(s.memory_mib.unwrap_or(0)),
            std::cmp::Reverse(s.cpu.unwrap_or(0)),
            n,
        )
    });
    let mut rem: Vec<[u64; 3]> = Vec::new();
    let mut load: Vec<Vec<(usize, u64)>> = Vec::new();
    for n in order {
        let d = demand[n];
        let count =
            calc::spread(u64::from(c.services[n].kind.desired().unwrap()), c.base.azs)[az as usize];
        for _ in 0..count {
            let i = match rem.iter().position(|r| (0..3).all(|j| r[j] >= d[j])) {
                Some(i) => i,
                None => {
                    rem.push(cap);
                    load.push(Vec::new());
                    rem.len() - 1
                }
            };
            for j in 0..3 {
                rem[i][j] -= d[j];
            }
            match load[i].last_mut() {
                Some((s, k)) if *s == n => *k += 1,
                _ => load[i].push((n, 1)),
            }
        }
    }
    load
}

/// Each needed instance's tasks in the plan, group by group.
fn instances(p: &ClusterPlan, az: usize) -> Vec<Vec<(usize, u64)>> {
    p.fill[az]
        .groups
        .iter()
        .flat_map(|g| std::iter::repeat_n(g.tasks.clone(), g.count as usize))
        .collect()
}

fn fits(p: &calc::Plan) -> bool {
    p.azs
        .iter()
        .flat_map(|a| a.subnets())
        .all(|s| s.used() <= s.usable)
}

fn fits_at_peak(p: &calc::Plan) -> bool {
    p.azs
        .iter()
        .flat_map(|a| a.subnets())
        .all(|s| s.peak() <= s.usable)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    /// The central property: a one-service cluster's headline is today's plan, figure for figure.
    #[test]
    fn a_one_service_cluster_is_todays_plan(i in inputs()) {
        let c = Cluster::from_inputs(&i);
        match (calc::plan(&i), cluster::plan(&c)) {
            (Ok(p), Ok(q)) => {
                prop_assert_eq!(&p, &q.plan);
                let s = &q.services[0];
                prop_assert_eq!((s.max_fits, s.max_deploys), (p.max_tasks, p.max_tasks_deployable));
                if let Some(d) = p.density {
                    prop_assert_eq!(s.holds.map(|h| (h.tasks, h.binds)), Some((d.k, d.binding)));
                }
            }
            (Err(_), Err(_)) => {}
            (p, q) => prop_assert!(false, "plan {:?}\ncluster {:?}", p.map(|_| ()), q.map(|_| ())),
        }
    }

    #[test]
    fn never_panics_on_any_cluster(c in wild()) {
        if let Ok(p) = cluster::plan(&c) {
            prop_assert_eq!(p.services.len(), c.services.len());
            prop_assert_eq!(p.fill.len(), c.base.azs as usize);
            prop_assert!(p.plan.totals.peak >= p.plan.totals.used);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_500))]

    /// The bulk packing is first-fit task by task, nothing is over, every task is placed once,
    /// and M lies within its bounds.
    #[test]
    fn the_bulk_packing_is_first_fit_task_by_task(c in clusters(5, 60)) {
        let Ok(p) = cluster::plan(&c) else { return Ok(()) };
        if !c.uses_instances() {
            prop_assert!(p.fill.iter().all(|f| f.needed == 0 && f.groups.is_empty()));
            return Ok(());
        }
        let (cap, demand) = resources(&c);
        for az in 0..c.base.azs {
            let got = instances(&p, az as usize);
            prop_assert_eq!(&got, &naive(&c, az), "AZ {}", az);
            let f = &p.fill[az as usize];
            prop_assert_eq!(f.needed, got.len() as u64);
            // No instance is over any resource, and what is left is what the tasks leave.
            for (g, inst) in f.groups.iter().zip(f.groups.iter().map(|g| &g.tasks)) {
                for j in 0..3 {
                    let used: u64 = inst.iter().map(|&(s, k)| k * demand[s][j]).sum();
                    if let Some(k) = cap[j] {
                        prop_assert!(used <= k, "dimension {} over: {} > {}", j, used, k);
                        prop_assert_eq!([g.left.slots, g.left.cpu, g.left.memory_mib][j], k - used);
                    }
                }
            }
            // Every task placed exactly once.
            let mut counts = vec![0u64; c.services.len()];
            for inst in &got {
                for &(s, k) in inst {
                    counts[s] += k;
                }
            }
            let mut bound = [0u64; 3];
            let mut own = 0u64;
            for (n, s) in c.services.iter().enumerate() {
                let want = if s.on_ec2() && !s.is_daemon() {
                    calc::spread(u64::from(s.kind.desired().unwrap()), c.base.azs)[az as usize]
                } else {
                    0
                };
                prop_assert_eq!(counts[n], want, "{}", s.name);
                for j in 0..3 {
                    bound[j] += want * demand[n][j];
                }
                if want > 0 {
                    let k = p.services[n].holds.map_or(u64::MAX, |h| h.tasks);
                    own += want.div_ceil(k);
                }
            }
            // M: at least each resource's lower bound, at most each service on its own.
            for j in 0..3 {
                if let Some(k) = cap[j].filter(|&k| k > 0) {
                    prop_assert!(f.needed >= bound[j].div_ceil(k), "below the bound of {}", j);
                }
            }
            prop_assert!(f.needed <= own, "M {} above Σ⌈tasks ÷ per instance⌉ = {}", f.needed, own);
            prop_assert_eq!(f.running, (f.needed * 100).div_ceil(u64::from(c.target_percent)));
        }
    }

    /// Each service's largest counts fit and one more does not, the others fixed.
    #[test]
    fn the_largest_counts_fit_and_one_more_does_not(c in clusters(4, 3000)) {
        let Ok(p) = cluster::plan(&c) else { return Ok(()) };
        for (x, s) in p.services.iter().enumerate() {
            let with = |n: u64, solo: bool| {
                let mut d = c.clone();
                d.services[x].kind = Kind::Replica { desired: n as u32 };
                if solo && c.peak == PeakMode::OneAtATime {
                    // Only this service deploys: the others do not surge.
                    for (m, o) in d.services.iter_mut().enumerate() {
                        if m != x {
                            o.deploy = Deploy::Rolling { max_percent: 100 };
                        }
                    }
                }
                cluster::plan(&d).unwrap().plan
            };
            if let Some(y) = s.max_fits.filter(|&y| y < u64::from(calc::MAX_TASKS)) {
                prop_assert!(y == 0 || fits(&with(y, false)), "{} at {} must fit", s.name, y);
                prop_assert!(!fits(&with(y + 1, false)), "{} at {} must not fit", s.name, y + 1);
            }
            if let Some(y) = s.max_deploys.filter(|&y| y < u64::from(calc::MAX_TASKS)) {
                prop_assert!(y == 0 || fits_at_peak(&with(y, true)), "{} deploys {}", s.name, y);
                prop_assert!(!fits_at_peak(&with(y + 1, true)), "{} does not deploy {}", s.name, y + 1);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_000))]

    /// A cluster's link reproduces it: the form it opens parses to what the cluster's own form
    /// parses to, with every service, and says nothing about it.
    #[test]
    fn a_cluster_link_round_trips(c in clusters(20, 20_000)) {
        let i = c.to_inputs();
        let link = encode(&i, false);
        let d = decode(&link);
        prop_assert!(d.notices.is_empty(), "{}: {:?}", link, d.notices);
        let parsed = d.form.parse();
        prop_assert_eq!(&parsed, &Form::from_inputs(&i).parse(), "{}", link);
        if let Ok(p) = parsed {
            prop_assert_eq!(Cluster::from_inputs(&p).services, c.services.clone(), "{}", link);
            prop_assert_eq!((p.target, p.os, p.peak), (c.target_percent, c.os, c.peak), "{}", link);
        }
    }
}
