//! The cluster plan, table-driven: every expectation is worked out by hand in the comment above
//! it. Figures used throughout (from the catalogue and AWS's rules):
//! - c5.large: 2 vCPUs = 2,048 CPU units; 4,096 MiB installed, ⌊4,096 × 97 ÷ 100⌋ = 3,973
//!   registered, less the 256 MiB reserve = 3,717 MiB for tasks; 3 ENIs: 2 awsvpc tasks, 10
//!   with trunking (2 addresses per instance then, else 1).
//! - c5.xlarge: 4 vCPUs = 4,096 units; ⌊8,192 × 97 ÷ 100⌋ = 7,946 − 256 = 7,690 MiB; 20 tasks
//!   with trunking.
//! - A /20 has 2^12 − 5 = 4,091 usable addresses.
#![cfg(not(target_arch = "wasm32"))]

use awsvpc_planner::calc::cluster::{
    self, Cluster, ClusterField, ClusterPlan, Control, Kind, Net, Os, PeakMode, Service,
    ServiceField,
};
use awsvpc_planner::calc::{Bound, Deploy, Field, Inputs, IpMode, Launch};

/// Shared capacity: the defaults changed by `f`.
fn base(f: impl FnOnce(&mut Inputs)) -> Inputs {
    let mut i = Inputs::default();
    f(&mut i);
    i
}

/// An EC2 `awsvpc` replica service of `n` tasks, rolling at 200 %, no task size.
fn replica(name: &str, n: u32) -> Service {
    Service {
        name: name.into(),
        kind: Kind::Replica { desired: n },
        launch: Launch::Ec2,
        net: Net::Awsvpc,
        cpu: None,
        memory_mib: None,
        deploy: Deploy::Rolling { max_percent: 200 },
    }
}

/// An EC2 `awsvpc` daemon.
fn daemon(name: &str) -> Service {
    Service {
        kind: Kind::Daemon,
        ..replica(name, 0)
    }
}

/// The service with a task size.
fn sized(s: Service, cpu: Option<u32>, memory: Option<u32>) -> Service {
    Service {
        cpu,
        memory_mib: memory,
        ..s
    }
}

fn cluster(base: Inputs, services: Vec<Service>) -> Cluster {
    Cluster {
        services,
        ..Cluster::from_inputs(&base)
    }
}

fn plan(c: &Cluster) -> ClusterPlan {
    cluster::plan(c).unwrap_or_else(|e| panic!("{e:#?}"))
}

// ---- what one instance holds ---------------------------------------------------------------------

#[test]
fn tasks_per_instance_beside_the_daemons() {
    let check = |c: Cluster, name: &str, want: Option<(u64, Bound)>| {
        let p = plan(&c);
        let s = p.service(name).unwrap();
        assert_eq!(s.holds.map(|h| (h.tasks, h.binds)), want, "{name}");
    };
    let trunk = base(|i| i.trunking = true);
    // c5.large with trunking has 10 slots; one awsvpc daemon takes 1: 9 left for replicas.
    check(
        cluster(trunk.clone(), vec![replica("web", 270), daemon("log")]),
        "web",
        Some((9, Bound::Eni)),
    );
    // Two awsvpc daemons: 10 − 2 = 8.
    check(
        cluster(
            trunk.clone(),
            vec![replica("web", 270), daemon("log"), daemon("metrics")],
        ),
        "web",
        Some((8, Bound::Eni)),
    );
    // A bridge daemon takes no slot: still 10.
    let bridge_log = Service {
        net: Net::Bridge,
        ..sized(daemon("log"), None, Some(256))
    };
    check(
        cluster(trunk.clone(), vec![replica("web", 270), bridge_log]),
        "web",
        Some((10, Bound::Eni)),
    );
    // A daemon of 1,024 CPU units leaves 2,048 − 1,024 = 1,024: a 512-unit task fits 2 times,
    // fewer than the 9 slots left.
    check(
        cluster(
            trunk.clone(),
            vec![
                sized(replica("web", 270), Some(512), None),
                sized(daemon("log"), Some(1024), None),
            ],
        ),
        "web",
        Some((2, Bound::Cpu)),
    );
    // Memory: 3,717 − a 1,717 MiB daemon = 2,000 MiB; 1,000 MiB tasks: 2.
    check(
        cluster(
            trunk.clone(),
            vec![
                sized(replica("web", 270), None, Some(1000)),
                sized(daemon("log"), None, Some(1717)),
            ],
        ),
        "web",
        Some((2, Bound::Memory)),
    );
    // No daemon: today's density, 10 with trunking, 2 without.
    check(
        cluster(trunk, vec![replica("web", 1)]),
        "web",
        Some((10, Bound::Eni)),
    );
    check(
        cluster(Inputs::default(), vec![replica("web", 1)]),
        "web",
        Some((2, Bound::Eni)),
    );
    // Fargate services and daemons have no per-instance figure.
    let fargate = Service {
        launch: Launch::Fargate,
        ..sized(replica("api", 3), Some(256), Some(512))
    };
    check(
        cluster(Inputs::default(), vec![replica("web", 1), fargate]),
        "api",
        None,
    );
    check(
        cluster(Inputs::default(), vec![replica("web", 1), daemon("log")]),
        "log",
        None,
    );
}

// ---- packing -----------------------------------------------------------------------------------

/// One AZ's packing: the instances needed (M), running (N), and each group as (instances,
/// tasks per instance by service name, what binds).
type Groups<'a> = Vec<(u64, Vec<(&'a str, u64)>, Option<Bound>)>;
/// The same with owned names.
type Owned = Vec<(u64, Vec<(String, u64)>, Option<Bound>)>;

fn check_fill(c: &Cluster, az: usize, needed: u64, running: u64, want: Groups) {
    let p = plan(c);
    let f = &p.fill[az];
    let got: Owned = f
        .groups
        .iter()
        .map(|g| {
            (
                g.count,
                g.tasks
                    .iter()
                    .map(|&(s, n)| (c.services[s].name.clone(), n))
                    .collect(),
                g.binds,
            )
        })
        .collect();
    let want: Owned = want
        .into_iter()
        .map(|(n, t, b)| {
            (
                n,
                t.into_iter().map(|(s, k)| (s.to_string(), k)).collect(),
                b,
            )
        })
        .collect();
    assert_eq!(got, want, "groups");
    assert_eq!((f.needed, f.running), (needed, running), "M, N");
    assert_eq!(p.plan.azs[az].instances, running);
}

#[test]
fn one_awsvpc_daemon_leaves_nine_slots_per_c5_large() {
    // 270 tasks over 3 AZs: 90 each; 9 per instance: 10 instances per AZ, each full on slots
    // (10 slots, 1 taken by the daemon).
    let c = cluster(
        base(|i| i.trunking = true),
        vec![replica("web", 270), daemon("log")],
    );
    check_fill(
        &c,
        0,
        10,
        10,
        vec![(10, vec![("web", 9)], Some(Bound::Eni))],
    );
    let p = plan(&c);
    let az = &p.plan.azs[0];
    // Host subnet: 10 instances × 2 (trunking) = 20; tasks 90 + 10 daemon tasks = 100.
    assert_eq!((az.host.instances, az.host.tasks), (20, 100));
    assert_eq!(p.service("log").unwrap().tasks, 30);
    assert_eq!(p.service("log").unwrap().ipv4, 30);
}

#[test]
fn cpu_bound_mix() {
    // c5.xlarge with trunking, 1 AZ: 20 slots, 4,096 units, 7,690 MiB.
    // api (1,024 units, 512 MiB) holds min(20, 4, 15) = 4; worker (512, 256) min(20, 8, 30) = 8.
    // api first (more memory): 10 tasks = 2 instances of 4 + 1 of 2 (2,048 units left).
    // worker: the 2 full instances have 0 units; the third takes 2,048 ÷ 512 = 4 (0 left);
    // 9 − 4 = 5 on a new instance (1,536 units left: one more fits). M = 4, which is also the
    // CPU lower bound ⌈(10 × 1,024 + 9 × 512) ÷ 4,096⌉ = ⌈3.6⌉.
    let c = cluster(
        base(|i| {
            i.instance = "c5.xlarge".into();
            i.trunking = true;
            i.azs = 1;
        }),
        vec![
            sized(replica("worker", 9), Some(512), Some(256)),
            sized(replica("api", 10), Some(1024), Some(512)),
        ],
    );
    check_fill(
        &c,
        0,
        4,
        4,
        vec![
            (2, vec![("api", 4)], Some(Bound::Cpu)),
            (1, vec![("api", 2), ("worker", 4)], Some(Bound::Cpu)),
            (1, vec![("worker", 5)], None),
        ],
    );
    let p = plan(&c);
    let h = |n: &str| p.service(n).unwrap().holds.map(|h| (h.tasks, h.binds));
    assert_eq!(h("api"), Some((4, Bound::Cpu)));
    assert_eq!(h("worker"), Some((8, Bound::Cpu)));
    assert_eq!(p.fill[0].binding(), [(Some(Bound::Cpu), 3), (None, 1)]);
}

#[test]
fn memory_bound_mix() {
    // c5.large with trunking, 1 AZ: 10 slots, 3,717 MiB. cache (2,048 MiB) holds 1; app
    // (1,024 MiB) ⌊3,717 ÷ 1,024⌋ = 3.
    // cache: 3 instances, 1,669 MiB left each. app: each takes 1 (645 left), 5 − 3 = 2 on a
    // new instance (1,669 left: one more fits).
    let c = cluster(
        base(|i| {
            i.trunking = true;
            i.azs = 1;
        }),
        vec![
            sized(replica("app", 5), None, Some(1024)),
            sized(replica("cache", 3), None, Some(2048)),
        ],
    );
    check_fill(
        &c,
        0,
        4,
        4,
        vec![
            (3, vec![("cache", 1), ("app", 1)], Some(Bound::Memory)),
            (1, vec![("app", 2)], None),
        ],
    );
    assert_eq!(
        plan(&c).fill[0].groups[0].left.memory_mib,
        3_717 - 2_048 - 1_024
    );
}

#[test]
fn bridge_tasks_take_cpu_and_memory_but_no_slot() {
    // c5.large without trunking, 1 AZ: 2 slots, 2,048 units, 3,717 MiB.
    // web (awsvpc, 512 MiB) first: min(2 slots, 7) = 2 per instance: 2 instances, each with
    // 0 slots, 2,048 units and 3,717 − 1,024 = 2,693 MiB left.
    // sidecar (bridge, 256 units, 256 MiB): no slot needed; min(2,048 ÷ 256, 2,693 ÷ 256) = 8 fit
    // on the first instance, so all 6 go there. M = 2.
    let sidecar = Service {
        net: Net::Bridge,
        ..sized(replica("sidecar", 6), Some(256), Some(256))
    };
    let c = cluster(
        base(|i| i.azs = 1),
        vec![sized(replica("web", 4), None, Some(512)), sidecar],
    );
    check_fill(
        &c,
        0,
        2,
        2,
        vec![
            (1, vec![("web", 2), ("sidecar", 6)], None),
            (1, vec![("web", 2)], Some(Bound::Eni)),
        ],
    );
    let p = plan(&c);
    // Addresses: 2 instances + 4 web tasks; the sidecar takes none.
    assert_eq!(
        (p.plan.azs[0].host.instances, p.plan.azs[0].host.tasks),
        (2, 4)
    );
    assert_eq!(p.service("sidecar").unwrap().ipv4, 0);
    assert_eq!(
        p.service("sidecar").unwrap().holds.map(|h| h.tasks),
        Some(8)
    );
}

#[test]
fn spare_instances_run_the_daemons_and_take_addresses() {
    // c5.large with trunking, 1 AZ, a log daemon: 9 web tasks per instance; 72 tasks: M = 8.
    // target 100: N = 8: 8 × 2 + 72 + 8 = 96 addresses.
    // target 80: N = ⌈8 × 100 ÷ 80⌉ = 10: 10 × 2 + 72 + 10 = 102: the 2 spare instances take
    // 2 × (2 + 1) = 6 more.
    let check = |target: u32, n: u64, used: u64| {
        let mut c = cluster(
            base(|i| {
                i.trunking = true;
                i.azs = 1;
            }),
            vec![replica("web", 72), daemon("log")],
        );
        c.target_percent = target;
        let p = plan(&c);
        assert_eq!((p.fill[0].needed, p.fill[0].running), (8, n), "{target}");
        assert_eq!(p.fill[0].spare(), n - 8);
        assert_eq!(p.plan.totals.used, used, "{target}");
        assert_eq!(p.service("log").unwrap().tasks, n);
    };
    check(100, 8, 96);
    check(80, 10, 102);
    // target 1: ⌈8 × 100⌉ = 800 instances: 800 × 3 + 72 = 2,472.
    check(1, 800, 2_472);
}

#[test]
fn fargate_and_ec2_services_share_a_subnet() {
    // 1 AZ, c5.large without trunking: web 20 tasks on 10 instances; api 30 Fargate tasks.
    // Host subnet: 10 instances + 20 + 30 tasks = 60. With task subnets of their own (secondary
    // CIDR) the 50 tasks go there and the host subnet keeps the 10 instances.
    let api = Service {
        launch: Launch::Fargate,
        ..sized(replica("api", 30), Some(256), Some(512))
    };
    let check = |secondary: bool, host: u64, task: Option<u64>| {
        let c = cluster(
            base(|i| {
                i.azs = 1;
                i.secondary = secondary;
            }),
            vec![replica("web", 20), api.clone()],
        );
        let p = plan(&c);
        let az = &p.plan.azs[0];
        assert_eq!(az.host.used(), host, "{secondary}");
        assert_eq!(az.task.map(|t| t.used()), task, "{secondary}");
        assert_eq!(az.instances, 10);
        assert_eq!(az.tasks, 50);
        assert_eq!(p.service("api").unwrap().ipv4, 30);
    };
    check(false, 60, None);
    check(true, 10, Some(50));
}

#[test]
fn one_at_a_time_and_all_at_once_peaks() {
    // 1 AZ, c5.large with trunking (10 slots, 2 addresses each), no task sizes.
    // web 18 at 200 % (peak 36), worker 9 at 150 % (peak ⌊13.5⌋ = 13).
    // Steady: web 18 = 10 + 8; worker fills the 2 free slots, 7 on a new instance: M = 3;
    //   3 × 2 + 27 = 33.
    // web at its peak: 36 = 3 × 10 + 6; worker 4 beside, 5 new: M = 5; 10 + 45 = 55.
    // worker at its peak: web 10 + 8; worker 2 + 10 + 1: M = 4; 8 + 31 = 39.
    // One at a time: the larger, 55 (surge 22). All at once: web 36 and worker 13:
    //   4 + 9 on a new one: M = 5; 10 + 49 = 59 (surge 26).
    let check = |mode: PeakMode, peak: u64, peak_instances: u64, peak_tasks: u64| {
        let mut c = cluster(
            base(|i| {
                i.trunking = true;
                i.azs = 1;
            }),
            vec![
                replica("web", 18),
                Service {
                    deploy: Deploy::Rolling { max_percent: 150 },
                    ..replica("worker", 9)
                },
            ],
        );
        c.peak = mode;
        let p = plan(&c);
        let az = &p.plan.azs[0];
        assert_eq!(az.host.used(), 33, "{mode:?}");
        assert_eq!(az.host.peak(), peak, "{mode:?}");
        assert_eq!(az.peak_instances, peak_instances, "{mode:?}");
        assert_eq!(az.peak_tasks, peak_tasks, "{mode:?}");
        assert_eq!(p.fill[0].peak_needed, peak_instances, "{mode:?}");
    };
    check(PeakMode::OneAtATime, 55, 5, 45);
    check(PeakMode::AllAtOnce, 59, 5, 49);
}

// ---- largest counts ----------------------------------------------------------------------------

#[test]
fn largest_counts_beside_a_daemon() {
    // c5.large with trunking and a log daemon, 3 AZs of /20 (4,091 each). n web tasks in an AZ
    // take ⌈n ÷ 9⌉ instances, each 2 addresses and a daemon task: n + 3⌈n ÷ 9⌉ ≤ 4,091.
    // n = 9q: 12q ≤ 4,091 → q = 340, n = 3,060, 4,080 used; 3,060 + r (1 ≤ r ≤ 9) takes
    // 4,080 + r + 3 ≤ 4,091 → r ≤ 8: 3,068 per AZ, 9,204 in all.
    // Deploys at 200 %: the largest n with 2n ≤ 9,204: 4,602.
    let c = cluster(
        base(|i| i.trunking = true),
        vec![replica("web", 270), daemon("log")],
    );
    let p = plan(&c);
    let web = p.service("web").unwrap();
    assert_eq!((web.max_fits, web.max_deploys), (Some(9_204), Some(4_602)));
    assert_eq!(p.service("log").unwrap().max_fits, None);
    // Several services: no headline maximum.
    assert_eq!(p.plan.max_tasks, None);
}

#[test]
fn largest_counts_others_fixed() {
    // 1 AZ /20 (4,091), c5.large without trunking (2 per instance, 1 address each); Fargate api
    // 1,000 tasks takes 1,000 addresses. web: n + ⌈n ÷ 2⌉ ≤ 3,091 → n = 2,060 (2,060 + 1,030
    // = 3,090; 2,061 + 1,031 = 3,092).
    // api, web at 20 (10 instances, 30 addresses): 4,091 − 30 = 4,061.
    // Deploys, one at a time: web's own peak 2n: 2n + n ≤ 3,091 → n = 1,030;
    // api's: 2m + 30 ≤ 4,091 → 2,030.
    let api = Service {
        launch: Launch::Fargate,
        ..sized(replica("api", 1000), Some(256), Some(512))
    };
    let c = cluster(base(|i| i.azs = 1), vec![replica("web", 20), api]);
    let p = plan(&c);
    let f = |n: &str| {
        let s = p.service(n).unwrap();
        (s.max_fits, s.max_deploys)
    };
    assert_eq!(f("web"), (Some(2_060), Some(1_030)));
    assert_eq!(f("api"), (Some(4_061), Some(2_030)));
}

// ---- bad input -----------------------------------------------------------------------------------

/// A valid three-service cluster to break one way at a time.
fn good() -> Cluster {
    cluster(
        base(|i| i.trunking = true),
        vec![
            sized(replica("web", 30), Some(256), Some(512)),
            sized(daemon("log"), Some(128), Some(128)),
            Service {
                launch: Launch::Fargate,
                ..sized(replica("api", 10), Some(256), Some(512))
            },
        ],
    )
}

#[test]
fn each_bad_input_gets_its_message_at_its_control() {
    let svc = |index: usize, name: &str, field: ServiceField| Control::Service {
        index,
        name: name.into(),
        field,
    };
    let check = |f: &dyn Fn(&mut Cluster), at: Control, also: &[Control], words: &str| {
        assert!(cluster::plan(&good()).is_ok());
        let mut c = good();
        f(&mut c);
        let errs = cluster::plan(&c).expect_err("must fail");
        let e = errs
            .iter()
            .find(|e| e.at == at)
            .unwrap_or_else(|| panic!("no error at {at:?}: {errs:#?}"));
        assert!(e.message.contains(words), "{:?} lacks {words:?}", e.message);
        for a in also {
            assert!(e.also.contains(a), "{e:?} should also name {a:?}");
        }
    };
    // Two services with one name: at the second, naming the first.
    check(
        &|c| c.services[2].name = "web".into(),
        svc(2, "web", ServiceField::Name),
        &[svc(0, "web", ServiceField::Name)],
        "listed twice (services 1 and 3)",
    );
    check(
        &|c| c.services[0].name = " ".into(),
        svc(0, " ", ServiceField::Name),
        &[],
        "has no name",
    );
    // A daemon on Fargate.
    check(
        &|c| c.services[1].launch = Launch::Fargate,
        svc(1, "log", ServiceField::Kind),
        &[svc(1, "log", ServiceField::Launch)],
        "Fargate runs no daemon services",
    );
    // A bridge service on Fargate.
    check(
        &|c| c.services[2].net = Net::Bridge,
        svc(2, "api", ServiceField::Net),
        &[svc(2, "api", ServiceField::Launch)],
        "awsvpc network mode only",
    );
    // A bridge service without task memory.
    check(
        &|c| {
            c.services[0].net = Net::Bridge;
            c.services[0].memory_mib = None;
        },
        svc(0, "web", ServiceField::Memory),
        &[svc(0, "web", ServiceField::Net)],
        "nothing would bound how many",
    );
    // Daemons that alone do not fit: 2 × 1,200 units > 2,048; 2 × 2,000 MiB > 3,717; 11
    // awsvpc daemons > 10 slots.
    check(
        &|c| {
            c.services[1].cpu = Some(1200);
            c.services.push(Service {
                name: "metrics".into(),
                ..c.services[1].clone()
            });
        },
        svc(3, "metrics", ServiceField::Cpu),
        &[Control::Field(Field::Instance)],
        "take 2,400 CPU units on every instance, but c5.large has 2,048",
    );
    check(
        &|c| {
            c.services[1].memory_mib = Some(2000);
            c.services.push(Service {
                name: "metrics".into(),
                ..c.services[1].clone()
            });
        },
        svc(3, "metrics", ServiceField::Memory),
        &[Control::Field(Field::Instance)],
        "take 4,000 MiB on every instance, but c5.large has 3,717 MiB",
    );
    check(
        &|c| {
            for n in 0..10 {
                c.services.push(Service {
                    name: format!("d{n}"),
                    ..daemon("x")
                });
            }
        },
        svc(12, "d9", ServiceField::Net),
        &[
            Control::Field(Field::Instance),
            Control::Field(Field::Trunk),
        ],
        "take 11 ENI slots on every instance, but c5.large has 10",
    );
    // A service whose single task fits no instance beside the daemons: 2,048 − 128 = 1,920 units.
    check(
        &|c| c.services[0].cpu = Some(2000),
        svc(0, "web", ServiceField::Cpu),
        &[Control::Field(Field::Instance)],
        "a task of 2,000 CPU units does not fit on c5.large",
    );
    check(
        &|c| c.services[0].memory_mib = Some(3600),
        svc(0, "web", ServiceField::Memory),
        &[Control::Field(Field::Instance)],
        "3,717 MiB, 128 MiB taken by the daemons",
    );
    // No slot left: 10 awsvpc daemons take every slot.
    check(
        &|c| {
            for n in 0..9 {
                c.services.push(Service {
                    name: format!("d{n}"),
                    ..daemon("x")
                });
            }
        },
        svc(0, "web", ServiceField::Net),
        &[Control::Field(Field::Instance)],
        "no ENI slot is left",
    );
    // More than 20 services.
    check(
        &|c| {
            for n in 0..18 {
                c.services.push(replica(&format!("s{n}"), 1));
            }
        },
        Control::Cluster(ClusterField::Services),
        &[],
        "21 services: a cluster plan holds 1 to 20",
    );
    check(
        &|c| c.services.clear(),
        Control::Cluster(ClusterField::Services),
        &[],
        "at least one service",
    );
    // Target capacity outside 1–100.
    for t in [0, 101] {
        check(
            &|c| c.target_percent = t,
            Control::Cluster(ClusterField::Target),
            &[],
            "use 1 to 100",
        );
    }
    // Windows with trunking, or with IPv6.
    check(
        &|c| c.os = Os::Windows,
        Control::Field(Field::Trunk),
        &[Control::Cluster(ClusterField::Os)],
        "awsvpc on EC2 Windows supports no ENI trunking",
    );
    for ip in [IpMode::Dual, IpMode::V6Only] {
        check(
            &|c| {
                c.os = Os::Windows;
                c.base.trunking = false;
                c.base.ip_mode = ip;
            },
            Control::Field(Field::IpMode),
            &[Control::Cluster(ClusterField::Os)],
            "supports no IPv6 and no dual stack",
        );
    }
    // A service's own values, and the shared capacity's as today.
    check(
        &|c| c.services[0].deploy = Deploy::Rolling { max_percent: 50 },
        svc(0, "web", ServiceField::Surge),
        &[],
        "maximumPercent 50",
    );
    check(
        &|c| c.services[0].kind = Kind::Replica { desired: 5_000_001 },
        svc(0, "web", ServiceField::Desired),
        &[],
        "at most 5,000,000",
    );
    check(
        &|c| c.services[2].cpu = Some(300),
        svc(2, "api", ServiceField::Cpu),
        &[],
        "Fargate task CPU",
    );
    check(
        &|c| c.base.instance = "c9.nope".into(),
        Control::Field(Field::Instance),
        &[],
        "c9.nope",
    );
    check(
        &|c| c.base.azs = 9,
        Control::Field(Field::Azs),
        &[],
        "9 AZs",
    );
}

#[test]
fn every_error_is_returned_not_just_the_first() {
    // Three faults at once: the target, a Fargate daemon and a duplicate name.
    let mut c = good();
    c.target_percent = 0;
    c.services[1].launch = Launch::Fargate;
    c.services[2].name = "web".into();
    let errs = cluster::plan(&c).unwrap_err();
    let at: Vec<Control> = errs.iter().map(|e| e.at.clone()).collect();
    assert!(at.contains(&Control::Cluster(ClusterField::Target)));
    let field = |e: &cluster::ClusterError| match &e.at {
        Control::Service { field, .. } => Some((e.service(), *field)),
        _ => None,
    };
    let services: Vec<_> = errs.iter().filter_map(field).collect();
    // The Fargate daemon is at fault twice more: its 128 CPU units and 128 MiB are no Fargate
    // size either.
    assert_eq!(
        services,
        [
            (Some(1), ServiceField::Kind),
            (Some(1), ServiceField::Cpu),
            (Some(1), ServiceField::Memory),
            (Some(2), ServiceField::Name),
        ],
        "{errs:#?}"
    );
}

#[test]
fn windows_without_trunking_or_ipv6_plans() {
    let mut c = good();
    c.os = Os::Windows;
    c.base.trunking = false;
    let p = plan(&c);
    // Without trunking a c5.large has 2 slots, 1 taken by the log daemon: 1 web task each.
    assert_eq!(p.service("web").unwrap().holds.map(|h| h.tasks), Some(1));
}
