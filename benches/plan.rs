//! Benchmarks of the pure core: one full plan, the four-scenario comparison, ranking every
//! catalogue type (for one service and for a 10-service cluster), the growth chart, parsing
//! the form, and a 20-service cluster's plan.
//!
//! Run: `cargo bench --bench plan` (or `scripts/bench.sh`, which also measures the page and writes
//! BENCHMARKS.md). Prints a Markdown table of the median and 95th percentile time per call.
//!
//! A small hand-rolled harness, on purpose: criterion would add dozens of crates to every
//! `cargo test --all-targets` / clippy build for a handful of numbers. What it does, per benchmark:
//! 1. warm-up: call the function for [`WARMUP`] (caches, branch predictors, CPU clock);
//! 2. calibration: pick a batch size so that one batch takes about [`BATCH`] (timer resolution
//!    and `Instant::now` overhead then cost < 0.1 %);
//! 3. measurement: time batches until [`BUDGET`] is spent (at least [`MIN_BATCHES`], at most
//!    [`MAX_BATCHES`]); each batch gives one sample, its time divided by its size;
//! 4. report the median and p95 of the samples (p95 catches noise from the other processes on a
//!    shared machine; the median is the figure to compare with the goals).
//!
//! Inputs and results go through [`std::hint::black_box`] so the optimizer cannot hoist or drop
//! the work. The bench profile inherits `[profile.release]` from Cargo.toml (opt-level "z", LTO),
//! i.e. the same optimization settings as the shipped wasm.

use awsvpc_planner::calc::catalog;
use awsvpc_planner::calc::chart::{cluster_growth, growth};
use awsvpc_planner::calc::cluster::{self, Cluster, Kind, Net, PeakMode, Service};
use awsvpc_planner::calc::Form;
use awsvpc_planner::calc::{compare, densities, plan, rank, rank_from, Deploy, Inputs, Launch};
use std::hint::black_box;
use std::time::{Duration, Instant};

const WARMUP: Duration = Duration::from_millis(200);
const BATCH: Duration = Duration::from_millis(2);
const BUDGET: Duration = Duration::from_millis(1_500);
const MIN_BATCHES: usize = 50;
const MAX_BATCHES: usize = 600;

/// Per-call times of one benchmark, in nanoseconds.
struct Stats {
    median: f64,
    p95: f64,
    min: f64,
    samples: usize,
    calls: u64,
}

/// Times `f` as described in the module documentation.
fn measure<T>(mut f: impl FnMut() -> T) -> Stats {
    // Warm-up, which also gives a first estimate of the time per call.
    let start = Instant::now();
    let mut warm_calls: u64 = 0;
    while start.elapsed() < WARMUP {
        black_box(f());
        warm_calls += 1;
    }
    let per_call = start.elapsed().as_secs_f64() / warm_calls as f64;
    let batch = ((BATCH.as_secs_f64() / per_call).ceil() as u64).clamp(1, 1_000_000);

    let mut samples: Vec<f64> = Vec::with_capacity(MAX_BATCHES);
    let start = Instant::now();
    while samples.len() < MAX_BATCHES && (samples.len() < MIN_BATCHES || start.elapsed() < BUDGET) {
        let t = Instant::now();
        for _ in 0..batch {
            black_box(f());
        }
        samples.push(t.elapsed().as_secs_f64() * 1e9 / batch as f64);
    }
    samples.sort_by(f64::total_cmp);
    let at = |q: f64| {
        samples
            .get(((samples.len() - 1) as f64 * q).round() as usize)
            .copied()
            .unwrap_or(f64::NAN)
    };
    Stats {
        median: at(0.5),
        p95: at(0.95),
        min: at(0.0),
        samples: samples.len(),
        calls: batch * samples.len() as u64,
    }
}

/// `1234.5` ns → `1.23 µs`.
fn human(ns: f64) -> String {
    if ns < 1_000.0 {
        format!("{ns:.0} ns")
    } else if ns < 1_000_000.0 {
        format!("{:.2} µs", ns / 1_000.0)
    } else {
        format!("{:.2} ms", ns / 1_000_000.0)
    }
}

/// A service of the 10-service cluster.
fn service(name: &str, kind: Kind, net: Net, cpu: Option<u32>, memory: Option<u32>) -> Service {
    Service {
        name: name.into(),
        kind,
        launch: Launch::Ec2,
        net,
        cpu,
        memory_mib: memory,
        deploy: Deploy::Rolling { max_percent: 200 },
    }
}

/// The ranking benchmark's cluster: 10 services on m6i.xlarge with trunking over 3 AZs, tasks
/// in a secondary CIDR: six awsvpc replica services of several sizes (1,490 tasks), a bridge
/// service, a Fargate service, an awsvpc log daemon and a bridge metrics daemon.
fn ten_services() -> Cluster {
    let base = Inputs {
        instance: "m6i.xlarge".into(),
        trunking: true,
        secondary: true,
        task_cidr: "100.64.0.0/16".parse().expect("a CIDR"),
        task_prefix: 18,
        ..Inputs::default()
    };
    let replica = |n| Kind::Replica { desired: n };
    let a = Net::Awsvpc;
    Cluster {
        services: vec![
            service("web", replica(600), a, Some(512), Some(1024)),
            service("api", replica(400), a, Some(1024), Some(2048)),
            service("worker", replica(300), a, Some(2048), Some(4096)),
            service("cron", replica(50), a, Some(256), Some(512)),
            service("admin", replica(20), a, None, None),
            service("search", replica(120), a, Some(1024), Some(8192)),
            service("sidecar", replica(200), Net::Bridge, Some(256), Some(256)),
            Service {
                launch: Launch::Fargate,
                ..service("batch", replica(100), a, Some(1024), Some(2048))
            },
            service("log", Kind::Daemon, a, Some(128), Some(256)),
            service("metrics", Kind::Daemon, Net::Bridge, Some(128), Some(128)),
        ],
        ..Cluster::from_inputs(&base)
    }
}

/// Issue 24's cluster: 20 services, 6 AZs, 100,000 tasks on m6i.8xlarge with trunking, tasks in
/// /19 subnets of a secondary CIDR: a log daemon, 10 `awsvpc` services (36,000 tasks), 7 bridge
/// services (58,000) and 2 on Fargate (6,000), of assorted task sizes and deployments.
///
/// With round counts (`uneven` false) the six AZs fall in three pairs with the same counts, which
/// the plan packs once each; `uneven` moves a few tasks between the services so that every AZ
/// has counts of its own (the same 100,000 in all), the slower case.
fn big_cluster(peak: PeakMode, uneven: bool) -> Cluster {
    let base = Inputs {
        instance: "m6i.8xlarge".into(),
        trunking: true,
        azs: 6,
        vpc: "10.0.0.0/16".parse().unwrap_or_default(),
        host_prefix: 19,
        secondary: true,
        task_prefix: 19,
        ..Inputs::default()
    };
    let svc = |name: String, n: u32, launch, net, cpu: u32, mem: u32, deploy| Service {
        name,
        kind: Kind::Replica { desired: n },
        launch,
        net,
        cpu: Some(cpu),
        memory_mib: Some(mem),
        deploy,
    };
    let rolling = |p| Deploy::Rolling { max_percent: p };
    let mut services = vec![Service {
        kind: Kind::Daemon,
        ..svc(
            "log".into(),
            0,
            Launch::Ec2,
            Net::Awsvpc,
            128,
            256,
            rolling(100),
        )
    }];
    // Round counts, or uneven ones (remainders 0 to 5 over 6 AZs).
    let pick = |round: u32, odd: u32| if uneven { odd } else { round };
    let awsvpc = [
        (pick(7000, 7001), 512, 1024),
        (pick(6000, 6002), 1024, 2048),
        (pick(5000, 5003), 256, 512),
        (pick(4000, 4004), 2048, 4096),
        (pick(3500, 3505), 512, 2048),
        (pick(3000, 3001), 256, 1024),
        (pick(2500, 2502), 1024, 1024),
        (pick(2000, 2003), 512, 512),
        (pick(1500, 1504), 4096, 8192),
        (pick(1500, 1505), 256, 256),
    ];
    for (k, &(n, cpu, mem)) in awsvpc.iter().enumerate() {
        let d = if k % 3 == 0 {
            Deploy::BlueGreen
        } else {
            rolling(150 + 25 * k as u32)
        };
        services.push(svc(
            format!("web{k}"),
            n,
            Launch::Ec2,
            Net::Awsvpc,
            cpu,
            mem,
            d,
        ));
    }
    let bridge = [
        (pick(12000, 12001), 128, 256),
        (pick(11000, 11002), 256, 512),
        (pick(10000, 10003), 256, 256),
        (pick(9000, 9004), 512, 768),
        (pick(7000, 7005), 128, 128),
        (pick(5000, 5001), 1024, 1536),
        (pick(4000, 3929), 64, 128),
    ];
    for (k, &(n, cpu, mem)) in bridge.iter().enumerate() {
        services.push(svc(
            format!("batch{k}"),
            n,
            Launch::Ec2,
            Net::Bridge,
            cpu,
            mem,
            rolling(200),
        ));
    }
    services.push(svc(
        "api".into(),
        pick(4000, 4001),
        Launch::Fargate,
        Net::Awsvpc,
        256,
        512,
        rolling(200),
    ));
    services.push(svc(
        "jobs".into(),
        pick(2000, 2024),
        Launch::Fargate,
        Net::Awsvpc,
        512,
        1024,
        Deploy::BlueGreen,
    ));
    Cluster {
        services,
        peak,
        ..Cluster::from_inputs(&base)
    }
}

/// The 10-service cluster as the form's inputs (its first service in the form's own fields):
/// what the page sends the extras worker.
fn ten_inputs() -> Inputs {
    let c = ten_services();
    let mut i = c.base.clone();
    if let Some(first) = c.services.first() {
        i.name = first.name.clone();
        i.tasks = first.kind.desired().unwrap_or(0);
        i.cpu = first.cpu;
        i.memory_mib = first.memory_mib;
        i.deploy = first.deploy;
    }
    i.services = c.services.iter().skip(1).cloned().collect();
    i
}

fn main() {
    // `cargo bench -- <filter>` passes a filter (and `--bench`); honour a plain substring filter.
    let filter: Option<String> = std::env::args()
        .skip(1)
        .take_while(|a| a != "--count")
        .find(|a| !a.starts_with('-'));

    let default = Inputs::default();
    let full = Inputs {
        secondary: true,
        trunking: true,
        cpu: Some(512),
        memory_mib: Some(1024),
        ..Inputs::default()
    };
    let form = Form::default();
    let ten = ten_services();
    let ten_form = ten_inputs();
    assert_eq!(
        Cluster::from_inputs(&ten_form).services,
        ten.services,
        "the form's inputs hold the cluster's services"
    );

    // Sanity checks, so a broken core cannot produce a fast but meaningless figure.
    let types = catalog::all().len();
    assert!(
        plan(&default).is_ok() && plan(&full).is_ok(),
        "the benchmarked plans must succeed"
    );
    assert_eq!(rank(&default).len(), types, "rank covers every type");
    let dens = densities(&default);
    assert_eq!(
        rank_from(&dens, &default),
        rank(&default),
        "rank_from agrees with rank"
    );
    assert!(form.parse().is_ok(), "the default form parses");
    let ranked = cluster::rank(&ten);
    assert_eq!(ranked.len(), types, "the cluster ranking covers every type");
    let own = cluster::plan(&ten).expect("the 10-service cluster plans");
    let row = ranked
        .iter()
        .find(|r| r.instance.name == ten.base.instance)
        .expect("its type");
    assert_eq!(
        row.instances_with,
        Some(own.plan.totals.instances),
        "the ranking's row for the cluster's type is its plan's"
    );
    let one = big_cluster(PeakMode::OneAtATime, false);
    let all = big_cluster(PeakMode::AllAtOnce, false);
    let odd = big_cluster(PeakMode::OneAtATime, true);
    for c in [&one, &all, &odd] {
        let p = cluster::plan(c).expect("the benchmarked cluster must plan");
        let tasks: u64 = p
            .services
            .iter()
            .filter(|s| s.index > 0)
            .map(|s| s.tasks)
            .sum();
        assert_eq!((c.services.len(), c.base.azs, tasks), (20, 6, 100_000));
        assert!(
            p.services
                .iter()
                .skip(1)
                .all(|s| s.max_fits.is_some_and(|m| m >= s.tasks)),
            "the benchmarked cluster fits at steady state, with room to grow"
        );
    }

    type Bench<'a> = (&'a str, Option<f64>, Box<dyn FnMut() + 'a>);
    let benches: Vec<Bench> = vec![
        (
            "`plan(&Inputs::default())`",
            Some(5_000.0),
            Box::new(|| drop(black_box(plan(black_box(&default))))),
        ),
        (
            "`plan`, secondary CIDR + trunking + task size",
            Some(5_000.0),
            Box::new(|| drop(black_box(plan(black_box(&full))))),
        ),
        (
            "`compare` (4 scenarios)",
            None,
            Box::new(|| drop(black_box(compare(black_box(&default))))),
        ),
        (
            "`rank(&Inputs::default())` (all types)",
            Some(300_000.0),
            Box::new(|| drop(black_box(rank(black_box(&default))))),
        ),
        // Issue 24: the extras worker ranks every type for a cluster on each edit; the goal is
        // for the worker's settings (`--profile worker`, opt-level 3).
        (
            "`cluster::rank`, 10 services (all types; goal with `--profile worker`)",
            Some(5_000_000.0),
            Box::new(|| drop(black_box(cluster::rank(black_box(&ten))))),
        ),
        // The rest of what the worker computes for a cluster on each edit: the growth chart
        // (4 cluster plans and 49 steady states per scenario). No goal of its own.
        (
            "`chart::cluster_growth`, 10 services (4 scenarios)",
            None,
            Box::new(|| drop(black_box(cluster_growth(black_box(&ten_form))))),
        ),
        // What an edit of a count costs in the UI: densities are cached per task size.
        (
            "`rank_from` with cached `densities` (per edit)",
            None,
            Box::new(|| drop(black_box(rank_from(black_box(&dens), black_box(&default))))),
        ),
        (
            "`densities` (per task size: every type's tasks per instance)",
            None,
            Box::new(|| drop(black_box(densities(black_box(&default))))),
        ),
        (
            "`chart::growth`",
            None,
            Box::new(|| drop(black_box(growth(black_box(&default))))),
        ),
        (
            "`Form::parse` (default form)",
            None,
            Box::new(|| drop(black_box(black_box(&form).parse()))),
        ),
        (
            "`cluster::plan`, 20 services, 6 AZs, 100,000 tasks, one at a time (largest counts included)",
            Some(200_000.0),
            Box::new(|| drop(black_box(cluster::plan(black_box(&one))))),
        ),
        (
            "`cluster::plan`, 20 services, 6 AZs, 100,000 tasks, all at once (largest counts included)",
            Some(200_000.0),
            Box::new(|| drop(black_box(cluster::plan(black_box(&all))))),
        ),
        (
            "`cluster::plan`, the same with uneven counts (every AZ its own), one at a time",
            Some(200_000.0),
            Box::new(|| drop(black_box(cluster::plan(black_box(&odd))))),
        ),
        // Not a goal: how much of `rank` is decoding the packed catalogue table.
        (
            "`catalog::all()`, decode every type",
            None,
            Box::new(|| drop(black_box(catalog::all().collect::<Vec<_>>()))),
        ),
    ];

    // `--count <name> <n>`: no timing, just one call then `n` calls of the first benchmark whose
    // name contains <name>. `scripts/bench.sh` runs this under callgrind with n = 0 and n = N and
    // divides the difference by N: instructions per call, the same whatever the machine's load.
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--count") {
        let name = args.get(at + 1).cloned().unwrap_or_default();
        let n: u32 = args.get(at + 2).and_then(|v| v.parse().ok()).unwrap_or(0);
        let Some((_, _, mut f)) = benches.into_iter().find(|(b, _, _)| b.contains(&name)) else {
            eprintln!("no benchmark matches {name:?}");
            std::process::exit(2);
        };
        for _ in 0..=n {
            f();
        }
        return;
    }

    let total = Instant::now();
    let mut rows = Vec::new();
    for (name, goal, mut f) in benches {
        if filter.as_deref().is_some_and(|flt| !name.contains(flt)) {
            continue;
        }
        eprintln!("bench {name} …");
        let s = measure(&mut f);
        let verdict = match goal {
            Some(g) if s.median <= g => format!("≤ {} ✅", human(g)),
            Some(g) => format!("≤ {} ❌", human(g)),
            None => "—".to_string(),
        };
        rows.push(format!(
            "| {name} | {} | {} | {} | {} | {} × {} | {verdict} |",
            human(s.median),
            human(s.p95),
            human(s.min),
            s.samples,
            s.calls / s.samples as u64,
            s.samples
        ));
    }

    println!(
        "Native core, {types} instance types; time per call (samples are batches of calls).\n"
    );
    println!("| benchmark | median | p95 | min | samples | calls | goal (median) |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
    for r in rows {
        println!("{r}");
    }
    println!(
        "\nTotal measuring time {:.1} s.",
        total.elapsed().as_secs_f64()
    );
}
