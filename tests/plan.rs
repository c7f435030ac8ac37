//! The calculation core, table-driven: one `check` per area, one line per case.
#![cfg(not(target_arch = "wasm32"))]

use awsvpc_planner::calc::catalog;
use awsvpc_planner::calc::cidr::{self, CidrError};
use awsvpc_planner::calc::explain::{value, Metric};
use awsvpc_planner::calc::{
    self, compare, peak_tasks, spread, Deploy, Field, Inputs, IpMode, Launch, Warning,
};

fn net(s: &str) -> ipnet::Ipv4Net {
    s.parse().unwrap()
}

/// Inputs: the defaults changed by `f`.
fn with(f: impl FnOnce(&mut Inputs)) -> Inputs {
    let mut i = Inputs::default();
    f(&mut i);
    i
}

// ---- subnet math -------------------------------------------------------------------------------

#[test]
fn usable_ipv4_per_prefix() {
    let check = |p: u8, want: Option<u64>| assert_eq!(cidr::usable_ipv4(p).ok(), want, "/{p}");
    check(16, Some(65_531));
    check(20, Some(4_091));
    check(24, Some(251));
    check(27, Some(27));
    check(28, Some(11));
    check(15, None);
    check(29, None);
    check(0, None);
    check(255, None);
}

#[test]
fn vpc_cidr_rules() {
    let check = |s: &str, ok: bool| assert_eq!(cidr::parse_block(s).is_ok(), ok, "{s}");
    check("172.31.0.0/16", true);
    check(" 10.0.0.0/28 ", true);
    check("100.64.0.0/16", true);
    check("10.0.0.0/8", false); // larger than /16
    check("10.0.0.0/29", false); // smaller than /28
    check("10.0.0.1/16", false); // host bits
    check("127.0.0.0/16", false); // loopback
    check("169.254.0.0/16", false); // link-local
    check("224.0.0.0/16", false); // multicast
    check("0.0.0.0/16", false); // "this" network
    check("10.0.0.0", false);
    check("10.0.0.0/", false);
    check("abc", false);
    check("", false);
    check("300.0.0.0/16", false);
}

#[test]
fn secondary_cidr_rules() {
    let check = |primary: &str, secondary: &str, ok: bool| {
        let r = cidr::check_secondary(&net(primary), &net(secondary));
        assert_eq!(r.is_ok(), ok, "{primary} + {secondary}: {r:?}");
    };
    check("172.31.0.0/16", "100.64.0.0/16", true);
    check("172.31.0.0/16", "172.20.0.0/16", true); // other 172.16/12 blocks
    check("172.31.0.0/16", "10.0.0.0/16", false);
    check("172.31.0.0/16", "192.168.0.0/16", false);
    check("172.31.0.0/16", "198.19.0.0/16", false);
    check("172.31.0.0/16", "172.31.0.0/17", false); // overlap
    check("10.0.0.0/16", "100.64.0.0/16", true);
    check("10.0.0.0/16", "10.1.0.0/16", true); // primary in 10.0.0.0/15 forbids only 10.0.0.0/16
    check("10.1.0.0/16", "10.0.0.0/16", false);
    check("10.1.0.0/16", "10.0.128.0/17", false);
    check("10.2.0.0/16", "10.0.0.0/16", true);
    check("10.2.0.0/16", "172.16.0.0/16", false);
    check("192.168.0.0/16", "10.0.0.0/16", false);
    check("192.168.0.0/20", "192.168.16.0/20", true);
    check("198.19.0.0/16", "10.0.0.0/16", false);
    check("100.64.0.0/16", "10.0.0.0/16", false);
    check("100.64.0.0/16", "100.65.0.0/16", true);
    check("8.8.0.0/16", "100.64.0.0/16", true);
}

#[test]
fn carving() {
    let check = |block: &str, prefix: u8, count: u32, want: Result<&[&str], ()>| {
        let got = cidr::carve(&net(block), prefix, count)
            .map(|v| v.iter().map(|s| s.to_string()).collect::<Vec<_>>())
            .map_err(|_| ());
        assert_eq!(
            got,
            want.map(|w| w.iter().map(|s| s.to_string()).collect()),
            "{block} /{prefix} × {count}"
        );
    };
    check(
        "172.31.0.0/16",
        20,
        3,
        Ok(&["172.31.0.0/20", "172.31.16.0/20", "172.31.32.0/20"]),
    );
    check(
        "100.64.0.0/16",
        18,
        3,
        Ok(&["100.64.0.0/18", "100.64.64.0/18", "100.64.128.0/18"]),
    );
    check(
        "100.64.0.0/16",
        18,
        4,
        Ok(&[
            "100.64.0.0/18",
            "100.64.64.0/18",
            "100.64.128.0/18",
            "100.64.192.0/18",
        ]),
    );
    check("100.64.0.0/16", 18, 5, Err(()));
    check("10.0.0.0/24", 20, 1, Err(()));
    check(
        "10.0.0.0/24",
        28,
        16,
        Ok(&[
            "10.0.0.0/28",
            "10.0.0.16/28",
            "10.0.0.32/28",
            "10.0.0.48/28",
            "10.0.0.64/28",
            "10.0.0.80/28",
            "10.0.0.96/28",
            "10.0.0.112/28",
            "10.0.0.128/28",
            "10.0.0.144/28",
            "10.0.0.160/28",
            "10.0.0.176/28",
            "10.0.0.192/28",
            "10.0.0.208/28",
            "10.0.0.224/28",
            "10.0.0.240/28",
        ]),
    );
    check("10.0.0.0/16", 29, 1, Err(()));
}

#[test]
fn cidr_errors_name_the_input() {
    let check = |s: &str, needle: &str| {
        let e = cidr::parse_block(s).unwrap_err().to_string();
        assert!(e.contains(needle), "{s}: {e}");
    };
    check("172.31.5.0/16", "172.31.0.0/16");
    check("10.0.0.0/8", "/8");
    check("127.0.0.0/16", "loopback");
    check(&"9".repeat(10_000), "…");
    assert!(matches!(
        cidr::parse_prefix("/33"),
        Err(CidrError::PrefixRange { prefix: 33, .. })
    ));
}

// ---- density, spread, peak ---------------------------------------------------------------------

#[test]
fn spread_is_even_first_azs_take_more() {
    let check = |n: u64, a: u32, want: &[u64]| assert_eq!(spread(n, a), want, "{n} over {a}");
    check(1000, 3, &[334, 333, 333]);
    check(2000, 3, &[667, 667, 666]);
    check(0, 3, &[0, 0, 0]);
    check(5, 6, &[1, 1, 1, 1, 1, 0]);
    check(7, 1, &[7]);
}

#[test]
fn deployment_peak() {
    let check = |n: u64, d: Deploy, want: u64| assert_eq!(peak_tasks(n, d), want, "{n} {d:?}");
    check(1000, Deploy::Rolling { max_percent: 200 }, 2000);
    check(1000, Deploy::Rolling { max_percent: 100 }, 1000);
    check(5, Deploy::Rolling { max_percent: 150 }, 7); // ⌊7.5⌋
    check(3, Deploy::Rolling { max_percent: 133 }, 3); // ⌊3.99⌋
    check(1000, Deploy::BlueGreen, 2000);
}

#[test]
fn tasks_per_instance() {
    let check = |ty: &str,
                 trunk: bool,
                 cpu: Option<u32>,
                 mem: Option<u32>,
                 registered: u32,
                 want: Result<(u64, calc::Bound), Field>| {
        let t = awsvpc_planner::calc::catalog::lookup(ty).unwrap();
        let got = calc::density(&t, trunk, cpu, mem, 256, registered)
            .map(|d| (d.k, d.binding))
            .map_err(|e| e.field);
        assert_eq!(
            got, want,
            "{ty} trunk={trunk} cpu={cpu:?} mem={mem:?} registered={registered}"
        );
    };
    use calc::Bound::*;
    check("c5.large", false, None, None, 97, Ok((2, Eni)));
    check("c5.large", true, None, None, 97, Ok((10, Eni)));
    check("c5.large", true, Some(512), None, 97, Ok((4, Cpu)));
    // ⌊4,096 × 97 ÷ 100⌋ = 3,973 registered − 256 = 3,717 ÷ 512 = 7.26
    check("c5.large", true, Some(256), Some(512), 97, Ok((7, Memory)));
    // 3,717 ÷ 400 = 9.29 at 97 %; (4,096 − 256) ÷ 400 = 9.6 at 100 %; at 90 %: 3,686 − 256 =
    // 3,430 ÷ 400 = 8.6
    check("c5.large", true, None, Some(400), 97, Ok((9, Memory)));
    check("c5.large", true, None, Some(400), 100, Ok((9, Memory)));
    check("c5.large", true, None, Some(400), 90, Ok((8, Memory)));
    // m5.large has AWS's example's 8,192 MiB (m4.large itself is bound by its 2 ENIs). With
    // 962 MiB tasks: at 97 % 7,946 − 256 = 7,690 ÷ 962 = 7.99; at 100 % (the installed memory,
    // the old model) 7,936 ÷ 962 = 8.25: the registered memory costs a task per instance.
    check("m5.large", true, None, Some(962), 97, Ok((7, Memory)));
    check("m5.large", true, None, Some(962), 100, Ok((8, Memory)));
    check("m4.large", true, None, Some(962), 97, Ok((1, Eni)));
    check("c5.large", false, Some(256), Some(512), 97, Ok((2, Eni)));
    check("c5.large", true, Some(4096), None, 97, Err(Field::Cpu));
    check("c5.large", true, None, Some(8192), 97, Err(Field::Memory));
    // AWS's awsvpc page: a p5.48xlarge runs 1 task, whatever its 64 ENIs (63, 182 trunked).
    check("p5.48xlarge", false, None, None, 97, Ok((1, AwsLimit)));
    check("p5.48xlarge", true, None, None, 97, Ok((1, AwsLimit)));
    check(
        "p5.48xlarge",
        true,
        Some(256),
        Some(512),
        97,
        Ok((1, AwsLimit)),
    );
    check(
        "p5.48xlarge",
        true,
        Some(262_144),
        None,
        97,
        Err(Field::Cpu),
    );
}

// ---- the figures the issue names ---------------------------------------------------------------

#[test]
fn the_four_scenarios() {
    // (scenario, tasks per instance, largest task count that fits, usable IPv4)
    let want = [
        ("base", 2, 8_181, 12_273),
        ("trunk", 10, 10_227, 12_273),
        ("secondary", 2, 24_546, 61_410),
        ("trunk-secondary", 10, 49_137, 61_410),
    ];
    for ((s, p), (id, k, max, usable)) in compare(&Inputs::default()).into_iter().zip(want) {
        let p = p.unwrap();
        assert_eq!(s.id(), id);
        assert_eq!(value(&p, Metric::TasksPerInstance), Some(k), "{id}");
        assert_eq!(value(&p, Metric::MaxTasks), Some(max), "{id}");
        assert_eq!(value(&p, Metric::IpsUsable), Some(usable), "{id}");
    }
}

#[test]
fn one_thousand_tasks() {
    // (trunking, instances, used, peak)
    let check = |trunk: bool, instances: u128, used: u128, peak: u128| {
        let p = calc::plan(&with(|i| i.trunking = trunk)).unwrap();
        assert_eq!(
            value(&p, Metric::Instances),
            Some(instances),
            "trunk={trunk}"
        );
        assert_eq!(value(&p, Metric::IpsUsed), Some(used), "trunk={trunk}");
        assert_eq!(value(&p, Metric::IpsPeak), Some(peak), "trunk={trunk}");
    };
    check(false, 501, 1_501, 3_001);
    // Peak with trunking: 2,000 tasks → 667/667/666 → 67+67+67 instances × 2 + 2,000.
    check(true, 102, 1_204, 2_402);
}

#[test]
fn largest_counts() {
    // (inputs, max steady, max deployable)
    let check = |i: Inputs, max: Option<u64>, dep: Option<u64>| {
        let p = calc::plan(&i).unwrap();
        assert_eq!((p.max_tasks, p.max_tasks_deployable), (max, dep), "{i:?}");
    };
    check(Inputs::default(), Some(8_181), Some(4_090));
    check(
        with(|i| i.deploy = Deploy::BlueGreen),
        Some(8_181),
        Some(4_090),
    );
    check(
        with(|i| i.deploy = Deploy::Rolling { max_percent: 100 }),
        Some(8_181),
        Some(8_181),
    );
    check(
        with(|i| i.deploy = Deploy::Rolling { max_percent: 150 }),
        Some(8_181),
        Some(5_454),
    ); // ⌊5454 × 1.5⌋ = 8181
    check(
        with(|i| {
            i.azs = 1;
            i.host_prefix = 28
        }),
        Some(7),
        Some(3),
    ); // 7 + ⌈7/2⌉ = 11
    check(with(|i| i.other.extra = 4091), Some(0), Some(0));
    check(with(|i| i.other.extra = 4092), Some(0), Some(0));
    check(
        with(|i| i.launch = Launch::Fargate),
        Some(12_273),
        Some(6_136),
    );
    check(
        with(|i| {
            i.launch = Launch::Fargate;
            i.ip_mode = IpMode::V6Only
        }),
        None,
        None,
    );
    // IPv6-only on EC2: only instances use IPv4: ⌈n/2⌉ ≤ 4091 → n = 8182 per AZ.
    check(
        with(|i| i.ip_mode = IpMode::V6Only),
        Some(24_546),
        Some(12_273),
    );
}

#[test]
fn addresses_per_az() {
    // (inputs, per-AZ (host used, task used) at steady state)
    let check = |i: Inputs, want: &[(u64, Option<u64>)]| {
        let p = calc::plan(&i).unwrap();
        let got: Vec<(u64, Option<u64>)> = p
            .azs
            .iter()
            .map(|a| (a.host.used(), a.task.map(|t| t.used())))
            .collect();
        assert_eq!(got, want, "{i:?}");
    };
    check(
        Inputs::default(),
        &[(334 + 167, None), (333 + 167, None), (333 + 167, None)],
    );
    check(
        with(|i| i.secondary = true),
        &[(167, Some(334)), (167, Some(333)), (167, Some(333))],
    );
    check(
        with(|i| {
            i.secondary = true;
            i.trunking = true
        }),
        &[(68, Some(334)), (68, Some(333)), (68, Some(333))],
    );
    check(
        with(|i| {
            i.other.alb = true;
            i.other.nat = 1;
            i.other.endpoints = 3
        }),
        &[(501 + 12, None), (500 + 12, None), (500 + 12, None)],
    );
    check(
        with(|i| i.launch = Launch::Fargate),
        &[(334, None), (333, None), (333, None)],
    );
    check(
        with(|i| i.ip_mode = IpMode::V6Only),
        &[(167, None), (167, None), (167, None)],
    );
    check(
        with(|i| i.ip_mode = IpMode::Dual),
        &[(501, None), (500, None), (500, None)],
    );
}

#[test]
fn az_loss() {
    // (inputs, fits after losing one AZ, fits at peak)
    let check = |i: Inputs, fits: bool, at_peak: bool| {
        let l = calc::plan(&i).unwrap().az_loss.unwrap();
        assert_eq!((l.fits, l.fits_at_peak), (fits, at_peak), "{i:?}");
    };
    check(Inputs::default(), true, true);
    check(with(|i| i.tasks = 5_000), true, false); // 2,500 per AZ + 1,250 instances fits; 10,000 at peak does not
    check(with(|i| i.tasks = 8_000), false, false);
    assert!(calc::plan(&with(|i| i.azs = 1)).unwrap().az_loss.is_none());
}

#[test]
fn reverse_sizing() {
    // (inputs, host prefix, task prefix)
    let check = |i: Inputs, host: Option<u8>, task: Option<u8>| {
        let s = calc::plan(&i).unwrap().sizing;
        assert_eq!((s.host_prefix, s.task_prefix), (host, task), "{i:?}");
    };
    // 1,000 tasks at 200 %: 667 tasks + 334 instances = 1,001 per AZ → /22 (1,019 usable).
    check(Inputs::default(), Some(22), None);
    // Secondary: hosts 334 → /23 (507); tasks 667 → /22.
    check(with(|i| i.secondary = true), Some(23), Some(22));
    check(
        with(|i| {
            i.tasks = 5_000_000;
            i.azs = 1
        }),
        None,
        None,
    );
}

#[test]
fn ipv6() {
    let p = calc::plan(&with(|i| i.ip_mode = IpMode::Dual)).unwrap();
    assert_eq!(
        value(&p, Metric::Ipv6PerSubnet),
        Some(18_446_744_073_709_551_611)
    );
    assert_eq!(value(&p, Metric::Ipv6Used), Some(2_000 + 1_001));
    assert_eq!(value(&p, Metric::IpsUsed), Some(1_501)); // dual stack keeps IPv4 use
    let p = calc::plan(&with(|i| {
        i.ip_mode = IpMode::Dual;
        i.ipv6_prefix = 44
    }))
    .unwrap();
    assert_eq!(value(&p, Metric::Ipv6PerSubnet), Some((1u128 << 84) - 5));
    assert_eq!(
        value(
            &calc::plan(&Inputs::default()).unwrap(),
            Metric::Ipv6PerSubnet
        ),
        None
    );
    assert_eq!(
        calc::plan(&with(|i| {
            i.ip_mode = IpMode::Dual;
            i.ipv6_prefix = 62
        }))
        .unwrap_err()
        .field,
        Field::Ipv6Prefix
    );
}

#[test]
fn plan_errors_name_the_field() {
    let check = |i: Inputs, field: Field| {
        assert_eq!(
            calc::plan(&i).map(|_| ()).unwrap_err().field,
            field,
            "{i:?}"
        )
    };
    check(with(|i| i.azs = 0), Field::Azs);
    check(with(|i| i.azs = 7), Field::Azs);
    check(with(|i| i.host_prefix = 15), Field::HostPrefix);
    check(with(|i| i.host_prefix = 29), Field::HostPrefix);
    check(
        with(|i| {
            i.vpc = net("10.0.0.0/24");
            i.host_prefix = 20
        }),
        Field::HostPrefix,
    );
    check(
        with(|i| {
            i.vpc = net("10.0.0.0/20");
            i.host_prefix = 20
        }),
        Field::HostPrefix,
    ); // 1 subnet, 3 needed
    check(
        with(|i| {
            i.secondary = true;
            i.task_cidr = net("10.0.0.0/16")
        }),
        Field::TaskCidr,
    );
    check(
        with(|i| {
            i.secondary = true;
            i.task_prefix = 17;
            i.azs = 3
        }),
        Field::TaskPrefix,
    );
    check(with(|i| i.instance = "c5.larg".into()), Field::Instance);
    check(
        with(|i| i.deploy = Deploy::Rolling { max_percent: 99 }),
        Field::Surge,
    );
    check(with(|i| i.tasks = 5_000_001), Field::Tasks);
    check(with(|i| i.cpu = Some(4096)), Field::Cpu);
    check(with(|i| i.other.nat = 9), Field::Nat);
}

#[test]
fn warnings() {
    let ids = |i: Inputs| -> Vec<&'static str> {
        calc::plan(&i)
            .unwrap()
            .warnings
            .iter()
            .map(|w| awsvpc_planner::calc::explain::warning(w).id)
            .collect()
    };
    let check = |i: Inputs, id: &str, present: bool| {
        assert_eq!(
            ids(i.clone()).contains(&id),
            present,
            "{id} in {:?} for {i:?}",
            ids(i.clone())
        )
    };
    check(
        with(|i| {
            i.instance = "t3.medium".into();
            i.trunking = true
        }),
        "trunking-unsupported",
        true,
    );
    check(with(|i| i.trunking = true), "trunking-unsupported", false);
    check(with(|i| i.trunking = true), "trunking-caveats", true);
    check(Inputs::default(), "trunking-caveats", false);
    // The derived-density warning names AWS's trunking rule, so it shows only when that rule
    // produced the density in use: trunking on, supported, and the ENI figure binding.
    check(
        with(|i| {
            i.instance = "c7i.large".into();
            i.trunking = true
        }),
        "derived-density",
        true,
    );
    check(
        with(|i| i.instance = "c7i.large".into()),
        "derived-density",
        false,
    );
    check(
        with(|i| {
            i.instance = "trn2.48xlarge".into();
            i.trunking = true
        }),
        "derived-density",
        false,
    );
    check(
        with(|i| {
            i.instance = "c7i.large".into();
            i.trunking = true;
            i.cpu = Some(1024)
        }),
        "derived-density",
        false,
    );
    check(Inputs::default(), "derived-density", false);
    check(
        with(|i| {
            i.instance = "p5.48xlarge".into();
            i.trunking = true
        }),
        "derived-density",
        false,
    );
    check(
        with(|i| i.instance = "p5.48xlarge".into()),
        "awsvpc-limit",
        true,
    );
    check(Inputs::default(), "awsvpc-limit", false);
    check(with(|i| i.tasks = 6_000), "exhausted-at-peak", true);
    check(with(|i| i.tasks = 6_000), "eni-quota", true);
    check(with(|i| i.tasks = 9_000), "exhausted", true);
    check(with(|i| i.tasks = 3_900), "low-headroom", true); // peak 2,600 + 1,300 = 3,900: 191 free of 4,091
    check(with(|i| i.tasks = 5_200), "exhausted-at-peak", true);
    check(
        with(|i| {
            i.other.alb = true;
            i.host_prefix = 28
        }),
        "alb-subnet",
        true,
    );
    check(
        with(|i| {
            i.other.alb = true;
            i.azs = 1
        }),
        "alb-azs",
        true,
    );
    check(
        with(|i| i.launch = Launch::Fargate),
        "trunking-fargate",
        false,
    );
    check(
        with(|i| {
            i.launch = Launch::Fargate;
            i.trunking = true
        }),
        "trunking-fargate",
        true,
    );
    check(with(|i| i.ip_mode = IpMode::V6Only), "ipv6-only", true);
    check(with(|i| i.ip_mode = IpMode::Dual), "dual-stack", true);
    check(
        with(|i| i.vpc = net("172.17.0.0/16")),
        "docker-bridge",
        true,
    );
    check(with(|i| i.tasks = 3_000), "az-loss", true);
    check(Inputs::default(), "az-loss", false);
    let _ = Warning::NoTasks;
}

#[test]
fn ranking_order() {
    use awsvpc_planner::calc::{rank, select, RankQuery, RankSort};
    // (sort, key that must be non-decreasing along the rows)
    type Key = fn(&calc::RankRow) -> (u64, u64);
    let rows = rank(&Inputs::default());
    let check = |sort: RankSort, key: Key| {
        let got = select(
            &rows,
            &RankQuery {
                sort,
                exclude_accelerated: false,
                ..Default::default()
            },
        );
        assert_eq!(got.len(), rows.len());
        assert!(got.windows(2).all(|w| key(&w[0]) <= key(&w[1])), "{sort:?}");
    };
    #[allow(non_upper_case_globals)]
    const big: u64 = u64::MAX;
    check(RankSort::Instances, |r| {
        (
            r.best_instances().unwrap_or(big),
            r.ips_with.or(r.ips_without).unwrap_or(big),
        )
    });
    check(RankSort::TasksWithout, |r| {
        (big - r.k_without.unwrap_or(0), 0)
    });
    check(RankSort::TasksWith, |r| (big - r.k_with.unwrap_or(0), 0));
    check(RankSort::Addresses, |r| {
        (
            r.ips_with.unwrap_or(big).min(r.ips_without.unwrap_or(big)),
            0,
        )
    });
    let names = select(
        &rows,
        &RankQuery {
            sort: RankSort::Name,
            ..Default::default()
        },
    );
    assert!(names
        .windows(2)
        .all(|w| w[0].instance.name < w[1].instance.name));
    // The default order: the smallest fleet in vCPUs among fleets that fit the subnets.
    let fit_key = |r: &calc::RankRow| {
        [
            (
                r.instances_without,
                r.vcpus_without,
                r.fits_without,
                r.ips_without,
            ),
            (r.instances_with, r.vcpus_with, r.fits_with, r.ips_with),
        ]
        .into_iter()
        .filter(|o| o.0.is_some())
        .map(|(_, v, f, ips)| {
            (
                u64::from(f == Some(false)),
                v.unwrap_or(big),
                ips.unwrap_or(big),
            )
        })
        .min()
        .unwrap_or((2, big, big))
    };
    assert!(rows.windows(2).all(|w| fit_key(&w[0]) <= fit_key(&w[1])));
    let everything = RankQuery {
        exclude_accelerated: false,
        ..Default::default()
    };
    assert_eq!(select(&rows, &everything), rows);
    // Each fleet's figures are the plan's, computed by `plan` for that type.
    for r in rows.iter().take(40).chain(rows.iter().step_by(97)) {
        for (trunk, k, inst, ips, vcpus, fits) in [
            (
                false,
                r.k_without,
                r.instances_without,
                r.ips_without,
                r.vcpus_without,
                r.fits_without,
            ),
            (
                true,
                r.k_with,
                r.instances_with,
                r.ips_with,
                r.vcpus_with,
                r.fits_with,
            ),
        ] {
            let Some(k) = k else { continue };
            let p = calc::plan(&with(|i| {
                i.instance = r.instance.name.into();
                i.trunking = trunk
            }))
            .unwrap();
            let name = r.instance.name;
            assert_eq!(p.density.unwrap().k, k, "{name} {trunk}");
            assert_eq!(inst, Some(p.totals.instances), "{name} {trunk}");
            assert_eq!(ips, Some(p.totals.used), "{name} {trunk}");
            let v = r.instance.vcpus.map(|v| u64::from(v) * p.totals.instances);
            assert_eq!(vcpus, v, "{name} {trunk}");
            let fit = p
                .azs
                .iter()
                .flat_map(|a| a.subnets())
                .all(|s| s.used() <= s.usable);
            assert_eq!(fits, Some(fit), "{name} {trunk}");
        }
    }
    // With no task size, the types with the most tasks per vCPU lead: g7e.2xlarge's derived 122
    // trunked tasks on 8 vCPUs hold 1,000 tasks on 9 instances, 72 vCPUs. The default query hides
    // accelerated types: then trunked 2-vCPU types at 20 tasks each lead, ⌈334 ÷ 20⌉ + 2 ×
    // ⌈333 ÷ 20⌉ = 51 instances, 102 vCPUs. p5.48xlarge holds 1 task (AWS's limit): far down.
    assert_eq!(rows[0].best_vcpus(), Some(9 * 8), "{:?}", rows[0]);
    let shown = select(&rows, &RankQuery::default());
    assert_eq!(shown[0].best_vcpus(), Some(51 * 2), "{:?}", shown[0]);
    assert!(shown
        .iter()
        .all(|r| catalog::accelerator(r.instance.family).is_none()));
    let p5 = rows
        .iter()
        .position(|r| r.instance.name == "p5.48xlarge")
        .unwrap();
    assert_eq!((rows[p5].k_without, rows[p5].k_with), (Some(1), Some(1)));
    assert!(p5 > rows.len() / 2, "p5.48xlarge at {p5}");
    // "Fewest instances" is still there: 2 per AZ at best, with a trunked density above 166.
    let fewest = select(
        &rows,
        &RankQuery {
            sort: RankSort::Instances,
            ..everything.clone()
        },
    );
    assert_eq!(fewest[0].best_instances(), Some(6));
    assert!(
        fewest[0].k_with.is_some_and(|k| k >= 167),
        "{:?}",
        fewest[0]
    );
    // The filters: accelerated (by family class) and bare-metal types out.
    let q = RankQuery {
        exclude_metal: true,
        ..Default::default()
    };
    let kept = select(&rows, &q);
    let accelerated = ["p", "g", "gr", "inf", "trn", "dl", "f", "vt"];
    let class = |f: &str| {
        f.chars()
            .take_while(char::is_ascii_alphabetic)
            .collect::<String>()
    };
    assert_eq!(
        kept.len(),
        rows.iter()
            .filter(|r| !r.instance.bare_metal
                && !accelerated.contains(&class(r.instance.family).as_str()))
            .count()
    );
    assert!(kept.iter().all(|r| !r.instance.bare_metal));
    for gone in [
        "p5.48xlarge",
        "g6e.xlarge",
        "inf2.xlarge",
        "trn1n.32xlarge",
        "dl1.24xlarge",
        "c5.metal",
    ] {
        assert!(kept.iter().all(|r| r.instance.name != gone), "{gone}");
    }
    for stays in ["c7g.large", "hpc7g.4xlarge", "m8g.large", "c5.large"] {
        assert!(kept.iter().any(|r| r.instance.name == stays), "{stays}");
    }
}

#[test]
fn per_az_explanation_adds_up() {
    // Each line's "at the peak A × k + B + C = D" must add up, for every kind of plan.
    let num = |s: &str| s.trim().replace(',', "").parse::<u64>().unwrap();
    let check = |i: Inputs| {
        let p = calc::plan(&i).unwrap();
        for line in awsvpc_planner::calc::explain::per_az(&p).formula {
            let peak = line
                .split("at the peak ")
                .nth(1)
                .unwrap()
                .split(';')
                .next()
                .unwrap();
            let (lhs, rhs) = peak.split_once(" = ").unwrap();
            let (inst, rest) = lhs.split_once(" × ").unwrap();
            let parts: Vec<u64> = rest.split(" + ").map(num).collect();
            assert_eq!(
                num(inst) * parts[0] + parts[1] + parts[2],
                num(rhs),
                "{line}"
            );
        }
    };
    check(Inputs::default());
    check(with(|i| i.trunking = true));
    check(with(|i| {
        i.secondary = true;
        i.trunking = true;
        i.other.alb = true
    }));
    check(with(|i| {
        i.ip_mode = IpMode::V6Only;
        i.secondary = true
    }));
    check(with(|i| {
        i.launch = Launch::Fargate;
        i.deploy = Deploy::BlueGreen
    }));
}

#[test]
fn explicit_subnets() {
    let nets = |s: &str| s.split(',').map(|x| net(x.trim())).collect::<Vec<_>>();
    // (host subnets, max tasks, usable): unequal subnets under the even spread.
    let check = |hosts: &str, max: u64, usable: u64| {
        let p = calc::plan(&with(|i| i.host_subnets = nets(hosts))).unwrap();
        assert_eq!(
            (p.max_tasks, p.totals.usable),
            (Some(max), usable),
            "{hosts}"
        );
        let names: Vec<String> = p.azs.iter().map(|a| a.host.cidr.to_string()).collect();
        assert_eq!(names.join(", "), hosts);
    };
    // Equal to the carved default.
    check(
        "172.31.0.0/20, 172.31.16.0/20, 172.31.32.0/20",
        8_181,
        12_273,
    );
    // Any order and gaps are fine.
    check(
        "172.31.128.0/20, 172.31.64.0/20, 172.31.0.0/20",
        8_181,
        12_273,
    );
    // One small AZ limits all: /24 holds n + ⌈n/2⌉ ≤ 251 → 167 per AZ; the bigger AZs first take one more each.
    check(
        "172.31.0.0/20, 172.31.16.0/20, 172.31.32.0/24",
        3 * 167 + 2,
        4_091 * 2 + 251,
    );
    check(
        "172.31.32.0/24, 172.31.0.0/20, 172.31.16.0/20",
        3 * 167,
        4_091 * 2 + 251,
    );
    // Other ENIs that overflow one small AZ: nothing fits, even though the other AZs have room.
    let p = calc::plan(&with(|i| {
        i.host_subnets = nets("172.31.0.0/20, 172.31.16.0/20, 172.31.32.0/28");
        i.other.extra = 12
    }))
    .unwrap();
    assert_eq!((p.max_tasks, p.max_tasks_deployable), (Some(0), Some(0)));
    // Errors name the field.
    let err = |i: Inputs, field: Field, needle: &str| {
        let e = calc::plan(&i).map(|_| ()).unwrap_err();
        assert_eq!(e.field, field, "{}", e.message);
        assert!(e.message.contains(needle), "{} lacks {needle}", e.message);
    };
    err(
        with(|i| i.host_subnets = nets("172.31.0.0/20, 172.31.16.0/20")),
        Field::HostSubnets,
        "3 AZs need 3 host subnets, one per AZ; 2 listed",
    );
    err(
        with(|i| i.host_subnets = nets("172.31.0.0/20, 172.31.16.0/20, 10.0.0.0/20")),
        Field::HostSubnets,
        "not inside the VPC CIDR 172.31.0.0/16",
    );
    err(
        with(|i| i.host_subnets = nets("172.31.0.0/20, 172.31.8.0/21, 172.31.32.0/20")),
        Field::HostSubnets,
        "overlaps",
    );
    err(
        with(|i| i.host_subnets = nets("172.31.0.0/20, 172.31.16.0/20, 172.31.32.0/29")),
        Field::HostSubnets,
        "/29",
    );
    err(
        with(|i| {
            i.secondary = true;
            i.task_subnets = nets("100.64.0.0/18, 100.65.0.0/18, 100.64.128.0/18")
        }),
        Field::TaskSubnets,
        "not inside the task CIDR 100.64.0.0/16",
    );
    let p = calc::plan(&with(|i| {
        i.secondary = true;
        i.task_subnets = nets("100.64.192.0/18, 100.64.0.0/18, 100.64.64.0/19")
    }))
    .unwrap();
    assert_eq!(p.azs[2].task.unwrap().usable, 8_187);
    // The form reads them, and a link carries them.
    let f = awsvpc_planner::calc::Form {
        hnets: "172.31.0.0/20 172.31.16.0/20, 172.31.32.0/24".into(),
        ..Default::default()
    };
    let i = f.parse().unwrap();
    assert_eq!(i.host_subnets.len(), 3);
    let link = awsvpc_planner::calc::share::encode(&i, false);
    assert!(link.contains("hnets=172.31.0.0/20,"), "{link}");
    assert_eq!(
        awsvpc_planner::calc::share::decode(&link)
            .form
            .parse()
            .unwrap(),
        i
    );
    assert!(
        awsvpc_planner::calc::export::terraform(&calc::plan(&i).unwrap())
            .contains("\"172.31.32.0/24\", # AZ 3")
    );
}

// ---- Fargate task sizes ------------------------------------------------------------------------

#[test]
fn fargate_task_sizes_are_awss_table() {
    // AWS's table in its own words (ECS developer guide, task-cpu-memory-error.html): CPU → the
    // memory values, in GiB ranges and steps, here turned into MiB independently of the core's list.
    let gib = |g: u32| g * 1024;
    let range = |lo: u32, hi: u32, step: u32| -> Vec<u32> {
        (lo..=hi).step_by(step as usize).map(gib).collect()
    };
    let table: [(u32, Vec<u32>); 7] = [
        (256, vec![512, gib(1), gib(2)]),
        (512, range(1, 4, 1)),
        (1024, range(2, 8, 1)),
        (2048, range(4, 16, 1)),
        (4096, range(8, 30, 1)),
        (8192, range(16, 60, 4)),
        (16384, range(32, 120, 8)),
    ];
    assert_eq!(calc::FARGATE_SIZES.len(), table.len());
    for (row, (cpu, mem)) in calc::FARGATE_SIZES.iter().zip(&table) {
        assert_eq!((row.cpu, row.memory_mib), (*cpu, mem.as_slice()));
        assert_eq!(row.linux_1_4, *cpu >= 8192, "{cpu}");
    }
    // Every combination near the table's values: valid exactly when the table has it.
    let fargate = |cpu: u32, mem: u32| {
        with(|i| {
            i.launch = Launch::Fargate;
            (i.cpu, i.memory_mib) = (Some(cpu), Some(mem))
        })
    };
    for cpu in [
        128, 255, 256, 300, 512, 1000, 1024, 2048, 4096, 8192, 10240, 16384, 32768,
    ] {
        for mem in (0..=125)
            .map(|g| g * 512)
            .chain([100, 1000, 3000, 61_440, 122_880])
        {
            let ok = table.iter().any(|(c, m)| *c == cpu && m.contains(&mem));
            let errs = calc::conflicts(&fargate(cpu, mem));
            assert_eq!(errs.is_empty(), ok, "{cpu} / {mem}: {errs:?}");
            assert_eq!(calc::plan(&fargate(cpu, mem)).is_ok(), ok, "{cpu} / {mem}");
            // One error per field at fault, each naming its value.
            let cpu_bad = !table.iter().any(|(c, _)| *c == cpu);
            assert_eq!(
                errs.iter().any(|e| e.field == Field::Cpu),
                cpu_bad,
                "{cpu} / {mem}"
            );
            for e in &errs {
                assert!(
                    e.message
                        .contains(&awsvpc_planner::calc::fmt::int(match e.field {
                            Field::Cpu => cpu,
                            _ => mem,
                        })),
                    "{e:?}"
                );
            }
        }
    }
    // Only one of the two given: each checked on its own.
    let only = |cpu: Option<u32>, mem: Option<u32>| {
        calc::conflicts(&with(|i| {
            i.launch = Launch::Fargate;
            (i.cpu, i.memory_mib) = (cpu, mem)
        }))
        .iter()
        .map(|e| e.field)
        .collect::<Vec<_>>()
    };
    assert_eq!(only(Some(300), None), [Field::Cpu]);
    assert_eq!(only(None, Some(100)), [Field::Memory]);
    assert_eq!(only(None, Some(3072)), []);
    assert_eq!(only(Some(16384), None), []);
    // EC2 tasks are not held to Fargate's sizes.
    assert!(calc::plan(&with(|i| (i.cpu, i.memory_mib) = (Some(300), Some(100)))).is_ok());
}

// ---- explanations name the rule and the limit in use -------------------------------------------

#[test]
fn explanations_name_the_rule_and_the_binding_limit() {
    use awsvpc_planner::calc::explain::{explain, ranking, ECS_MEMORY, ECS_TASK_NETWORKING};
    let text = |i: Inputs| {
        let e = explain(&calc::plan(&i).unwrap(), Metric::TasksPerInstance);
        (e.formula.join("\n"), e.notes.join("\n"), e.sources)
    };
    // (inputs, words that must appear, words that must not)
    let check = |i: Inputs, has: &[&str], lacks: &[&str]| {
        let (f, n, _) = text(i.clone());
        let all = format!("{f}\n{n}");
        for w in has {
            assert!(
                all.contains(w),
                "{w:?} missing for {} trunk={}:\n{all}",
                i.instance,
                i.trunking
            );
        }
        for w in lacks {
            assert!(
                !all.contains(w),
                "{w:?} present for {} trunk={}:\n{all}",
                i.instance,
                i.trunking
            );
        }
    };
    let ty = |t: &str, trunk: bool| {
        with(|i| {
            i.instance = t.into();
            i.trunking = trunk
        })
    };
    check(
        ty("c7i.large", false),
        &["max ENIs − 1", "bound by ENIs"],
        &["branch"],
    );
    check(
        ty("c7i.large", true),
        &["max ENIs + branch ENIs − 2"],
        &["max ENIs − 1"],
    );
    check(
        ty("trn2.48xlarge", true),
        &["does not support it", "max ENIs − 1"],
        &["branch ENIs − 2"],
    );
    check(
        ty("c5.large", true),
        &["trunking table (2023-04)", "k = 10 (bound by ENIs)"],
        &["derived"],
    );
    check(
        ty("p5.48xlarge", true),
        &[
            "runs at most 1 task in awsvpc mode",
            "overrides the ENI figure of 182",
            "k = 1 (bound by AWS's awsvpc task limit for the type)",
        ],
        &[],
    );
    let (_, _, sources) = text(ty("p5.48xlarge", false));
    assert!(sources.contains(&ECS_TASK_NETWORKING));
    // The memory bound shows the registered memory: ⌊8,192 × 97 ÷ 100⌋ = 7,946; (7,946 − 256)
    // ÷ 962 = 7 tasks; and which limit binds among all four.
    let m5 = with(|i| {
        i.instance = "m5.large".into();
        i.trunking = true;
        (i.cpu, i.memory_mib) = (Some(256), Some(962))
    });
    check(
        m5.clone(),
        &[
            "⌊8,192 MiB installed × 97 % ÷ 100⌋ = 7,946 MiB",
            "⌊(7,946 registered − 256 reserved) MiB ÷ 962 MiB⌋ = 7",
            "k = 7 (bound by memory)",
            "The memory binds: ENIs 10, vCPUs 8, memory 7",
            "7,985",
        ],
        &[],
    );
    assert!(text(m5).2.contains(&ECS_MEMORY));
    let r = ranking(&with(|i| i.memory_mib = Some(512)));
    let r = r.formula.join("\n");
    for w in [
        "p5.48xlarge 1",
        "fleet vCPUs = instances × the type's vCPUs",
        "default order",
        "97 %",
        "hide accelerated types",
    ] {
        assert!(r.contains(w), "{w:?} missing:\n{r}");
    }
    // Fargate: the task size line and AWS's table as a source.
    let e = explain(
        &calc::plan(&with(|i| {
            i.launch = Launch::Fargate;
            (i.cpu, i.memory_mib) = (Some(1024), Some(2048))
        }))
        .unwrap(),
        Metric::TasksPerInstance,
    );
    assert!(e
        .formula
        .join(" ")
        .contains("1,024 CPU units take 2,048 to 8,192 MiB in steps of 1,024"));
    assert!(e
        .sources
        .contains(&awsvpc_planner::calc::explain::FARGATE_TASK_SIZES));
}

#[test]
fn the_forms_plan_names_every_field_at_fault() {
    use awsvpc_planner::calc::Form;
    // (form changes, fields of each error: the field first, then the others it names)
    let check = |f: fn(&mut Form), want: &[&[Field]]| {
        let mut form = Form::default();
        f(&mut form);
        let got: Vec<Vec<Field>> = match form.plan() {
            Ok(_) => Vec::new(),
            Err(e) => e.iter().map(|e| e.fields().collect()).collect(),
        };
        let want: Vec<Vec<Field>> = want.iter().map(|w| w.to_vec()).collect();
        assert_eq!(got, want, "{form:?}");
    };
    check(|_| {}, &[]);
    // Fields that do not parse: only those, even when others would conflict.
    check(
        |f| (f.tasks, f.hnets) = ("lots".into(), "172.31.0.0/20".into()),
        &[&[Field::Tasks]],
    );
    // Everything parses: every conflict, with every field it involves.
    check(
        |f| (f.hnets, f.cpu) = ("172.31.0.0/20".into(), "4096".into()),
        &[
            &[Field::HostSubnets, Field::Azs],
            &[Field::Cpu, Field::Instance],
        ],
    );
    check(
        |f| (f.launch, f.cpu, f.mem) = ("fargate".into(), "300".into(), "100".into()),
        &[&[Field::Cpu], &[Field::Memory]],
    );
    check(
        |f| (f.launch, f.cpu, f.mem) = ("fargate".into(), "512".into(), "512".into()),
        &[&[Field::Memory, Field::Cpu]],
    );
    // On Fargate the instance fields do not apply: not checked, whatever they hold.
    check(
        |f| {
            (f.launch, f.instance, f.reserve, f.registered) =
                ("fargate".into(), "nope".into(), "x".into(), "5".into())
        },
        &[],
    );
    check(|f| f.registered = "49".into(), &[&[Field::Registered]]);
    check(|f| f.registered = "100%".into(), &[]);
}
