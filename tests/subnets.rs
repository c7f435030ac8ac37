//! Existing subnets: `aws ec2 describe-subnets` fixtures written after the documented output
//! shape, read into subnets with their in-use counts, turned into plans whose numbers are checked
//! against a brute-force count of the same rules; the errors' messages; properties over
//! generated subnet lists.
#![cfg(not(target_arch = "wasm32"))]

use awsvpc_planner::calc::share;
use awsvpc_planner::calc::subnets::{
    apply, read, Import, Problem, ReadError, Role, SelectError, Selection, Unfit, MAX_INPUT,
};
use awsvpc_planner::calc::Form;
use awsvpc_planner::calc::{self, Inputs, IpMode, Plan};
use awsvpc_planner::calc::{chart, export, fmt};
use proptest::prelude::*;
use serde_json::Value;

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/subnets/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Usable addresses of a subnet, from its CIDR text, by the VPC rule 2^(32 − prefix) − 5.
fn usable(cidr: &str) -> u64 {
    let prefix: u32 = cidr.split('/').nth(1).unwrap().parse().unwrap();
    (1u64 << (32 - prefix)) - 5
}

/// The fixture's own figures, read with serde_json's untyped values: (SubnetId, usable, in use)
/// for every subnet with a CIDR and a count.
fn expected_in_use(text: &str) -> Vec<(String, u64, u64)> {
    let v: Value = serde_json::from_str(text).unwrap();
    v["Subnets"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| {
            let u = usable(s["CidrBlock"].as_str()?);
            let avail = s["AvailableIpAddressCount"].as_u64()?;
            Some((
                s["SubnetId"].as_str()?.to_string(),
                u,
                u.checked_sub(avail)?,
            ))
        })
        .collect()
}

#[test]
fn in_use_is_usable_less_available_for_every_fixture_subnet() {
    for name in [
        "three-az.json",
        "dual-stack.json",
        "ipv6-only.json",
        "two-vpcs.json",
        "missing-fields.json",
        "available-over-usable.json",
        "seven-azs.json",
    ] {
        let text = fixture(name);
        let import = read(&text).unwrap();
        let want = expected_in_use(&text);
        let got: Vec<(String, u64, u64)> = import
            .subnets
            .iter()
            .filter_map(|s| Some((s.id.clone(), s.usable()?, s.in_use()?)))
            .collect();
        assert_eq!(got, want, "{name}");
        for s in &import.subnets {
            if let (Some(u), Some(used), Some(free)) = (s.usable(), s.in_use(), s.free()) {
                assert_eq!(used + free, u, "{name} {}", s.id);
            }
        }
    }
}

#[test]
fn unusable_subnets_are_listed_with_their_reason() {
    // (fixture, SubnetId, the problems)
    let cases: [(&str, &str, &[Problem]); 5] = [
        (
            "missing-fields.json",
            "subnet-0e0e0e0e0e0e0e0e1",
            &[Problem::NoCidr],
        ),
        (
            "missing-fields.json",
            "subnet-0e0e0e0e0e0e0e0e2",
            &[Problem::NoAvailableCount],
        ),
        ("missing-fields.json", "subnet-0e0e0e0e0e0e0e0e3", &[]),
        (
            "available-over-usable.json",
            "subnet-0f0f0f0f0f0f0f0f1",
            &[Problem::AvailableOverUsable {
                available: 252,
                usable: 251,
            }],
        ),
        (
            "available-over-usable.json",
            "subnet-0f0f0f0f0f0f0f0f2",
            &[],
        ),
    ];
    for (name, id, problems) in cases {
        let import = read(&fixture(name)).unwrap();
        let s = import.subnets.iter().find(|s| s.id == id).unwrap();
        assert_eq!(s.problems, problems, "{name} {id}");
        assert_eq!(s.in_use().is_some(), problems.is_empty(), "{name} {id}");
        if let Some(p) = problems.first() {
            assert_eq!(
                s.fit(Role::Host, IpMode::V4),
                Err(Unfit::Problem(p.clone()))
            );
        }
    }
    let messages = [
        (Problem::NoCidr, "no CidrBlock: its IPv4 size is unknown"),
        (
            Problem::NoAvailableCount,
            "no AvailableIpAddressCount: what it already uses is unknown",
        ),
        (
            Problem::AvailableOverUsable {
                available: 252,
                usable: 251,
            },
            "AvailableIpAddressCount 252 is more than its 251 usable addresses",
        ),
    ];
    for (p, m) in messages {
        assert_eq!(p.to_string(), m);
    }
    // The usable subnet of a file with unusable ones is still offered, and chosen by default.
    let import = read(&fixture("missing-fields.json")).unwrap();
    let sel = Selection::default_for(&import, IpMode::V4);
    assert_eq!(sel.marks, [None, None, Some(Role::Host)]);
}

#[test]
fn bad_input_gets_its_own_message() {
    let not_json = fixture("not-json.txt");
    // The reader stops at the key after the missing comma: its line, found independently.
    let line = not_json
        .lines()
        .position(|l| l.contains("\"AvailabilityZone\""))
        .unwrap()
        + 1;
    let column = not_json.lines().nth(line - 1).unwrap().find('"').unwrap() + 1;
    let not_json_message =
        format!("this is not JSON (line {line}, column {column}: expected `,` or `}}`)");
    let too_large = format!("{{\"Subnets\": [], \"x\": \"{}\"}}", "a".repeat(MAX_INPUT));
    let cases: Vec<(String, ReadError, &str)> = vec![
        (
            not_json,
            ReadError::NotJson {
                line,
                column,
                what: "expected `,` or `}`".into(),
            },
            &not_json_message,
        ),
        (
            fixture("describe-vpcs.json"),
            ReadError::OtherCommand {
                command: "aws ec2 describe-vpcs",
                key: "Vpcs",
            },
            "this is the output of aws ec2 describe-vpcs (it lists Vpcs), not of aws ec2 describe-subnets",
        ),
        (
            fixture("describe-instances.json"),
            ReadError::OtherCommand {
                command: "aws ec2 describe-instances",
                key: "Reservations",
            },
            "this is the output of aws ec2 describe-instances (it lists Reservations)",
        ),
        (
            too_large.clone(),
            ReadError::TooLarge(too_large.len()),
            "at most 5,242,880 (5 MB) are read",
        ),
        ("  \n".into(), ReadError::Empty, "nothing to read"),
        ("{\"Subnets\": []}".into(), ReadError::NoneListed, "lists no subnets"),
        ("[]".into(), ReadError::NoneListed, "lists no subnets"),
        (
            "{\"Foo\": 1}".into(),
            ReadError::NoSubnets("its keys: \"Foo\"".into()),
            "no \"Subnets\" list in this JSON",
        ),
        (
            "{\"Subnets\": 3}".into(),
            ReadError::NoSubnets("\"Subnets\" is a number, not a list".into()),
            "\"Subnets\" is a number",
        ),
        ("42".into(), ReadError::NoSubnets("it is a number".into()), "it is a number"),
    ];
    for (text, want, message) in cases {
        let got = read(&text).unwrap_err();
        assert_eq!(got, want);
        assert!(
            got.to_string().contains(message),
            "{got} should contain {message}"
        );
    }
}

#[test]
fn an_entry_of_the_wrong_shape_is_listed_not_fatal() {
    let text = r#"{"Subnets": [
        {"SubnetId": "subnet-1", "VpcId": "vpc-1", "CidrBlock": "10.0.0.0/24", "AvailabilityZone": "us-east-1a", "AvailableIpAddressCount": "37"},
        "subnet-2",
        {"SubnetId": "subnet-3", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/33", "AvailabilityZone": "us-east-1a", "AvailableIpAddressCount": 3},
        {"SubnetId": "subnet-4", "VpcId": "vpc-1", "CidrBlock": "10.0.2.0/24", "AvailableIpAddressCount": 250},
        {"SubnetId": "subnet-5", "VpcId": "vpc-1", "CidrBlock": "10.0.3.0/24", "AvailabilityZone": "us-east-1a", "AvailableIpAddressCount": 250}
    ], "NextToken": "abc"}"#;
    let import = read(text).unwrap();
    assert!(import.more_pages);
    let p: Vec<String> = import
        .subnets
        .iter()
        .map(|s| {
            s.problems
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join("; ")
        })
        .collect();
    assert!(
        p[0].starts_with("unreadable: AvailableIpAddressCount is not what the EC2 API documents"),
        "{}",
        p[0]
    );
    assert_eq!(import.subnets[0].id, "subnet-1");
    assert_eq!(p[1], "unreadable: entry 2 is a string, not a subnet object");
    assert_eq!(
        p[2],
        "CidrBlock \"10.0.1.0/33\" is not an IPv4 subnet of /16 to /28"
    );
    assert_eq!(p[3], "no AvailabilityZone");
    assert_eq!(p[4], "");
    assert_eq!(
        import.subnets[4].in_use(),
        Some(usable("10.0.3.0/24") - 250)
    );
}

/// The largest N whose spread over the AZs fits every AZ's subnets, by trying every N: `room(a,
/// n)` says whether n tasks fit AZ a.
fn brute_max(azs: usize, limit: u64, fits: impl Fn(usize, u64) -> bool) -> u64 {
    let spread = |n: u64, a: usize| n / azs as u64 + u64::from((a as u64) < n % azs as u64);
    let ok = |n: u64| (0..azs).all(|a| fits(a, spread(n, a)));
    let mut best = 0;
    for n in 0..=limit {
        if ok(n) {
            best = n;
        } else {
            break;
        }
    }
    best
}

fn planned(import: &Import, sel: &Selection, form: &Form) -> (Form, Inputs, Plan) {
    let applied = apply(import, sel, form).unwrap_or_else(|e| panic!("{e:?}"));
    let inputs = applied.form.parse().unwrap_or_else(|e| panic!("{e:?}"));
    let p = calc::plan(&inputs).unwrap_or_else(|e| panic!("{e:?}"));
    (applied.form, inputs, p)
}

#[test]
fn three_az_vpc_with_host_and_task_subnets() {
    let text = fixture("three-az.json");
    let import = read(&text).unwrap();
    let figures = expected_in_use(&text);
    let vpc = &import.vpcs()[0];
    assert_eq!((import.vpcs().len(), vpc.subnets, vpc.azs), (1, 6, 3));

    // The default: in each AZ the subnet with the most free addresses (here the /20s) as host.
    let default = Selection::default_for(&import, IpMode::V4);
    let hosts: Vec<&str> = default
        .marks
        .iter()
        .zip(&import.subnets)
        .filter(|(m, _)| **m == Some(Role::Host))
        .map(|(_, s)| s.name.as_str())
        .collect();
    assert_eq!(hosts, ["app-tasks-a", "app-tasks-b", "app-tasks-c"]);

    // Hosts in the /24s, tasks in the /20s.
    let mut sel = Selection::for_vpc(&import, &import.subnets[0].vpc, IpMode::V4);
    for (n, s) in import.subnets.iter().enumerate() {
        let role = if s.name.contains("hosts") {
            Role::Host
        } else {
            Role::Task
        };
        sel.mark(&import, n, Some(role));
    }
    let form = Form {
        tasks: "1500".into(),
        ..Form::default()
    };
    let (f, inputs, p) = planned(&import, &sel, &form);
    assert_eq!(f.zones, "us-east-1a,us-east-1b,us-east-1c");
    assert_eq!(f.hname, "app-hosts-a,app-hosts-b,app-hosts-c");
    assert_eq!(
        f.tid,
        "subnet-0a1b2c3d4e5f60011,subnet-0a1b2c3d4e5f60012,subnet-0a1b2c3d4e5f60013"
    );
    assert_eq!(f.vpc, "10.0.0.0/16");
    assert!(f.secondary);

    // Every subnet's in-use figure is the fixture's.
    let by_id = |id: &str| figures.iter().find(|f| f.0 == id).unwrap().2;
    for (a, az) in p.azs.iter().enumerate() {
        let host_id = &inputs.labels.host_ids[a];
        let task_id = &inputs.labels.task_ids[a];
        assert_eq!(az.host.in_use, by_id(host_id));
        assert_eq!(az.task.unwrap().in_use, by_id(task_id));
        for s in az.subnets() {
            assert_eq!(s.used(), s.in_use + s.instances + s.tasks + s.other);
            if s.used() <= s.usable {
                assert_eq!(s.used() + s.free(), s.usable);
            }
        }
    }
    let in_use_total: u64 = figures.iter().map(|f| f.2).sum();
    assert_eq!(p.totals.in_use, in_use_total);

    // The largest counts, by trying every count under the same rules: c5.large holds k = 2
    // tasks, an instance 1 address in the host subnet, a task 1 in the task subnet.
    let k = p.density.unwrap().k;
    let room = |a: usize| {
        let az = &p.azs[a];
        let t = az.task.unwrap();
        (az.host.usable - az.host.in_use, t.usable - t.in_use)
    };
    let fits = |a: usize, n: u64| {
        let (h, t) = room(a);
        n.div_ceil(k) <= h && n <= t
    };
    let max = brute_max(3, 20_000, fits);
    assert_eq!(p.max_tasks, Some(max));
    // maximumPercent 200: the peak of N tasks is 2N, spread the same way.
    let dep = (0..=max).rev().find(|&n| {
        let peak = n * 2;
        (0..3).all(|a| fits(a, peak / 3 + u64::from((a as u64) < peak % 3)))
    });
    assert_eq!(p.max_tasks_deployable, dep);

    // The bars show what is in use now, as one of their segments.
    for s in p.azs.iter().flat_map(|a| a.subnets()) {
        let bar = chart::bar(s);
        let in_use: u64 = bar
            .iter()
            .filter(|x| x.part == chart::Part::InUse)
            .map(|x| x.count)
            .sum();
        assert_eq!(in_use, s.in_use);
        let total: u64 = bar.iter().map(|x| x.count).sum();
        // reserved + in use + instances + tasks + other + surge, then free or over.
        assert_eq!(total, 5 + s.peak() + s.free_at_peak() + s.short_at_peak());
    }

    // The smallest subnets that hold each AZ's peak with what is in use now.
    let smallest = |need: u64| {
        (16u8..=28)
            .rev()
            .find(|&q| usable(&format!("0.0.0.0/{q}")) >= need)
    };
    let host_need = p.azs.iter().map(|a| a.host.peak()).max().unwrap();
    let task_need = p.azs.iter().map(|a| a.task.unwrap().peak()).max().unwrap();
    assert_eq!(p.sizing.host_prefix, smallest(host_need));
    assert_eq!(p.sizing.task_prefix, smallest(task_need));
    assert!(export::verdict(&p)
        .lines
        .iter()
        .any(|(_, l)| l.ends_with("(with the addresses in use now).")));

    // Without the in-use figures, more fits.
    let mut clean = inputs.clone();
    clean.host_in_use.clear();
    clean.task_in_use.clear();
    let free = calc::plan(&clean).unwrap();
    assert!(free.max_tasks.unwrap() > p.max_tasks.unwrap());
    assert_eq!(free.totals.used + p.totals.in_use, p.totals.used);

    // The exports carry the in-use figures; Terraform looks the subnets up by id.
    let csv = export::csv(&p);
    let json = export::json(&p);
    let md = export::markdown(&p);
    for (a, az) in p.azs.iter().enumerate() {
        let t = az.task.unwrap();
        assert!(csv.contains(&format!(
            "\r\naz{},host-in-use,{}\r\n",
            a + 1,
            az.host.in_use
        )));
        assert!(csv.contains(&format!("\r\naz{},task-in-use,{}\r\n", a + 1, t.in_use)));
        assert!(json.contains(&format!("\"host-in-use\": {}", az.host.in_use)));
    }
    assert!(csv.contains(&format!("\r\noutput,ips-in-use,{in_use_total}\r\n")));
    assert!(md.contains(&format!("| IPv4 in use now | {} |", fmt::int(in_use_total))));
    let tf = export::terraform(&p);
    assert!(!tf.contains("resource \"aws_subnet\""), "{tf}");
    assert!(!tf.contains("aws_vpc_ipv4_cidr_block_association"), "{tf}");
    for (role, ids, subnets) in [
        (
            "host",
            &inputs.labels.host_ids,
            p.azs.iter().map(|a| a.host).collect::<Vec<_>>(),
        ),
        (
            "task",
            &inputs.labels.task_ids,
            p.azs.iter().map(|a| a.task.unwrap()).collect(),
        ),
    ] {
        assert!(tf.contains(&format!("data \"aws_subnet\" \"{role}\" {{\n  count = length(local.{role}_subnet_ids)\n  id    = local.{role}_subnet_ids[count.index]\n")), "{tf}");
        let quoted: Vec<String> = ids.iter().map(|id| format!("\"{id}\"")).collect();
        assert!(
            tf.contains(&format!("  {role}_subnet_ids = [{}]\n", quoted.join(", "))),
            "{tf}"
        );
        let needs: Vec<String> = subnets
            .iter()
            .map(|s| (s.peak() - s.in_use).to_string())
            .collect();
        assert!(
            tf.contains(&format!("  {role}_subnet_needs = [{}]\n", needs.join(", "))),
            "{tf}"
        );
        for s in &subnets {
            if s.in_use > 0 {
                assert!(
                    tf.contains(&format!(
                        "{}, {} usable; {} in use now, ",
                        s.cidr,
                        fmt::int(s.usable),
                        fmt::int(s.in_use)
                    )),
                    "{tf}"
                );
            }
        }
    }
    assert_eq!(
        tf.matches("self.available_ip_address_count >= local.")
            .count(),
        2
    );
    check_terraform(&tf, &p, &inputs);

    // The JSON export reads back to the same inputs.
    let back = export::import_json(&json).unwrap();
    assert!(back.notices.is_empty(), "{:?}", back.notices);
    assert_eq!(back.form.parse().unwrap(), inputs);

    // The link carries it all: the same plan without the import.
    let link = share::encode(&inputs, false);
    assert!(
        link.contains("hnets=10.0.0.0/24@37,10.0.1.0/24@61,10.0.2.0/24"),
        "{link}"
    );
    let back = share::decode(&link);
    assert!(back.notices.is_empty(), "{:?}", back.notices);
    assert_eq!(back.form.parse().unwrap(), inputs);
}

#[test]
fn dual_stack_subnets_fill_the_ipv6_prefix() {
    let import = read(&fixture("dual-stack.json")).unwrap();
    let b = &import.subnets[1];
    assert_eq!(
        b.ipv6.unwrap().to_string(),
        "2a05:d018:1234:5701::/64",
        "the associated block"
    );
    let form = Form {
        ip: "dual".into(),
        v6: "56".into(),
        ..Form::default()
    };
    let sel = Selection::default_for(&import, IpMode::Dual);
    let (f, inputs, p) = planned(&import, &sel, &form);
    assert_eq!(f.v6, "64");
    assert_eq!(inputs.ip_mode, IpMode::Dual);
    assert_eq!(p.ipv6_per_subnet, Some((1u128 << 64) - 5));
    // Dual stack uses the same IPv4: each task and instance 1 address, plus what is in use.
    for (az, s) in p.azs.iter().zip(&import.subnets) {
        assert_eq!(az.host.in_use, s.in_use().unwrap());
        assert_eq!(az.host.used(), az.host.in_use + az.tasks + az.instances);
    }
    // A subnet without IPv6 cannot hold dual-stack tasks.
    let v4_only = read(&fixture("three-az.json")).unwrap();
    let sel = Selection::for_vpc(&v4_only, &v4_only.subnets[0].vpc, IpMode::V4);
    let errs = apply(&v4_only, &sel, &form).unwrap_err();
    assert!(errs.iter().all(|e| matches!(
        e,
        SelectError::Unfit {
            why: Unfit::NoIpv6,
            ..
        }
    )));
    assert!(
        errs[0].to_string().contains("no associated IPv6 CIDR"),
        "{}",
        errs[0]
    );
}

#[test]
fn an_ipv6_only_subnet_holds_only_ipv6_only_tasks() {
    let import = read(&fixture("ipv6-only.json")).unwrap();
    let native = &import.subnets[1];
    assert!(native.ipv6_native && native.cidr.is_none() && native.problems.is_empty());
    assert_eq!(
        native.fit(Role::Host, IpMode::V6Only),
        Err(Unfit::Ipv6OnlyHost)
    );
    assert_eq!(
        native.fit(Role::Task, IpMode::V4),
        Err(Unfit::Ipv6OnlyTasks)
    );
    assert_eq!(
        native.fit(Role::Task, IpMode::Dual),
        Err(Unfit::Ipv6OnlyTasks)
    );
    assert_eq!(native.fit(Role::Task, IpMode::V6Only), Ok(()));
    assert!(Unfit::Ipv6OnlyTasks
        .to_string()
        .contains("it holds only IPv6-only tasks"));

    let mut sel = Selection::default_for(&import, IpMode::V6Only);
    assert_eq!(sel.marks, [Some(Role::Host), None], "never a host subnet");
    sel.mark(&import, 1, Some(Role::Task));
    // With IPv4 tasks: refused, saying why.
    let errs = apply(&import, &sel, &Form::default()).unwrap_err();
    assert_eq!(
        errs[0].to_string(),
        format!(
            "{} cannot be the task subnet: {}",
            native.label(),
            Unfit::Ipv6OnlyTasks
        )
    );
    // With IPv6-only tasks: no IPv4 task subnet; the host subnet keeps its in-use count.
    let form = Form {
        ip: "v6only".into(),
        ..Form::default()
    };
    let (f, inputs, p) = planned(&import, &sel, &form);
    assert!(!f.secondary && f.tnets.is_empty());
    assert_eq!(inputs.ipv6_prefix, 64);
    let host = &import.subnets[0];
    assert_eq!(p.azs[0].host.in_use, host.in_use().unwrap());
    // IPv6-only tasks use no IPv4: only instances (1 each) and what is in use.
    let k = p.density.unwrap().k;
    let room = host.usable().unwrap() - host.in_use().unwrap();
    assert_eq!(p.max_tasks, Some(room * k));
}

#[test]
fn subnets_of_two_vpcs_offer_the_vpcs() {
    let import = read(&fixture("two-vpcs.json")).unwrap();
    let vpcs = import.vpcs();
    assert_eq!(
        vpcs.iter()
            .map(|v| (v.id.as_str(), v.subnets))
            .collect::<Vec<_>>(),
        [("vpc-0b0b0b0b0b0b0b0b0", 1), ("vpc-0c0c0c0c0c0c0c0c0", 2)]
    );
    // The default is the VPC with the most usable subnets; its subnets only.
    let sel = Selection::default_for(&import, IpMode::V4);
    assert_eq!(sel.vpc, "vpc-0c0c0c0c0c0c0c0c0");
    assert_eq!(sel.marks, [None, Some(Role::Host), Some(Role::Host)]);
    let applied = apply(&import, &sel, &Form::default()).unwrap();
    assert!(applied.notes.iter().any(|n| n == "the output lists subnets of 2 VPCs (vpc-0b0b0b0b0b0b0b0b0: 1 subnet, vpc-0c0c0c0c0c0c0c0c0: 2 subnets); this plan is for vpc-0c0c0c0c0c0c0c0c0: pick another VPC to plan it instead"), "{:?}", applied.notes);
    // Marking a subnet of the other VPC too.
    let mut both = sel.clone();
    both.marks[0] = Some(Role::Host);
    both.marks[1] = None;
    let errs = apply(&import, &both, &Form::default()).unwrap_err();
    assert_eq!(
        errs[0].to_string(),
        "the marked subnets are in 2 VPCs (vpc-0b0b0b0b0b0b0b0b0, vpc-0c0c0c0c0c0c0c0c0): a plan covers one VPC; pick one"
    );
    // Picking the other VPC.
    let other = Selection::for_vpc(&import, &vpcs[0].id, IpMode::V4);
    let (f, _, _) = planned(&import, &other, &Form::default());
    assert_eq!(
        (f.vpc.as_str(), f.hnets.as_str()),
        ("172.31.0.0/16", "172.31.0.0/20")
    );
}

#[test]
fn more_than_six_azs_and_two_subnets_for_one_role() {
    let import = read(&fixture("seven-azs.json")).unwrap();
    let sel = Selection::default_for(&import, IpMode::V4);
    let errs = apply(&import, &sel, &Form::default()).unwrap_err();
    assert_eq!(errs, [SelectError::TooManyAzs(7)]);
    assert_eq!(
        errs[0].to_string(),
        "7 AZs have a host subnet: a plan spans at most 6; leave 1 out by choosing “Not in this plan” as its host subnet"
    );
    let mut six = sel.clone();
    six.mark(&import, 6, None);
    assert!(apply(&import, &six, &Form::default()).is_ok());
    // Leaving an AZ out by its name: the other six are the plan.
    let mut six = sel.clone();
    six.leave_out(&import, "us-east-1d");
    let (f, _, _) = planned(&import, &six, &Form::default());
    assert_eq!(f.azs, "6");
    assert_eq!(
        f.zones,
        "us-east-1-bos-1a,us-east-1a,us-east-1b,us-east-1c,us-east-1e,us-east-1f"
    );
    // Two AZs too many: "their".
    assert_eq!(
        SelectError::TooManyAzs(8).to_string(),
        "8 AZs have a host subnet: a plan spans at most 6; leave 2 out by choosing “Not in this plan” as their host subnet"
    );
    // Leaving out an AZ with a host and a task subnet takes both roles: no task subnet is left
    // without its host.
    let three = read(&fixture("three-az.json")).unwrap();
    let mut sel = Selection::default_for(&three, IpMode::V4);
    for (n, role) in [(0, Role::Host), (1, Role::Host), (2, Role::Host)] {
        sel.mark(&three, n, Some(role));
    }
    for n in 3..6 {
        sel.mark(&three, n, Some(Role::Task));
    }
    sel.leave_out(&three, "us-east-1a");
    assert_eq!(sel.marks.iter().filter(|m| m.is_some()).count(), 4);
    let (f, _, _) = planned(&three, &sel, &Form::default());
    assert_eq!(
        (f.azs.as_str(), f.zones.as_str()),
        ("2", "us-east-1b,us-east-1c")
    );
    assert_eq!(f.tnets.split(',').count(), 2);

    let import = read(&fixture("three-az.json")).unwrap();
    let mut sel = Selection::default_for(&import, IpMode::V4);
    // Subnets 0 and 3 are both in us-east-1a; mark() keeps one, a raw mark makes two.
    sel.mark(&import, 0, Some(Role::Host));
    assert_eq!((sel.marks[0], sel.marks[3]), (Some(Role::Host), None));
    sel.marks[3] = Some(Role::Host);
    let errs = apply(&import, &sel, &Form::default()).unwrap_err();
    assert_eq!(
        errs[0].to_string(),
        "us-east-1a: two host subnets marked (app-hosts-a (subnet-0a1b2c3d4e5f60001) and app-tasks-a (subnet-0a1b2c3d4e5f60011)); mark one"
    );
    // A task subnet in only some AZs, and one without a host subnet.
    let mut sel = Selection::default_for(&import, IpMode::V4);
    sel.mark(&import, 0, Some(Role::Task));
    let errs = apply(&import, &sel, &Form::default()).unwrap_err();
    assert!(
        errs[0]
            .to_string()
            .starts_with("task subnets are marked in 1 of 3 AZs"),
        "{}",
        errs[0]
    );
    let mut sel = Selection::default_for(&import, IpMode::V4);
    sel.marks = vec![None, None, None, Some(Role::Task), None, None];
    let errs = apply(&import, &sel, &Form::default()).unwrap_err();
    assert_eq!(errs[0], SelectError::TaskWithoutHost("us-east-1a".into()));
    sel.marks = vec![None; 6];
    assert_eq!(
        apply(&import, &sel, &Form::default()).unwrap_err(),
        [SelectError::NoHost]
    );
}

#[test]
fn in_use_typed_by_hand_and_old_links() {
    // Old links keep their meaning: no `@`, nothing in use.
    let old = share::decode("#v=1&az=2&vpc=10.0.0.0/16&hnets=10.0.0.0/24,10.0.1.0/24");
    let i = old.form.parse().unwrap();
    assert!(i.host_in_use.is_empty());
    let p = calc::plan(&i).unwrap();
    assert_eq!(p.totals.in_use, 0);
    // By hand: 37 in use in AZ 1.
    let new = share::decode("#v=1&az=2&vpc=10.0.0.0/16&hnets=10.0.0.0/24@37,10.0.1.0/24&zones=us-east-1a,us-east-1b&hname=web%20a,web%5C,b");
    assert!(new.notices.is_empty(), "{:?}", new.notices);
    let j = new.form.parse().unwrap();
    assert_eq!(j.host_in_use, [37]);
    assert_eq!(j.labels.host_names, ["web a", "web,b"]);
    let q = calc::plan(&j).unwrap();
    assert_eq!(q.azs[0].host.in_use, 37);
    assert_eq!(q.totals.used, p.totals.used + 37);
    // More in use than the subnet holds, and a bad count: errors on the subnets field.
    for (hnets, message) in [
        (
            "10.0.0.0/24@252,10.0.1.0/24",
            "10.0.0.0/24@252: 252 in use, but a /24 has 251 usable addresses",
        ),
        (
            "10.0.0.0/24@x,10.0.1.0/24",
            "AZ 1 in use: \"x\" is not a whole number",
        ),
    ] {
        let mut f = new.form.clone();
        f.hnets = hnets.into();
        let e = f
            .parse()
            .map_err(|e| e[0].message.clone())
            .and_then(|i| calc::plan(&i).map_err(|e| e.message))
            .unwrap_err();
        assert_eq!(e, message);
    }
    // Ids must match the listed subnets one for one.
    let mut f = new.form.clone();
    f.hid = "subnet-0123456789abcdef0".into();
    let e = calc::plan(&f.parse().unwrap()).unwrap_err();
    assert_eq!(e.field.key(), "hid");
}

/// Parses the snippet with an HCL parser and evaluates its locals and each lookup's
/// postconditions for every `count.index`, with `self` the subnet as describe-subnets showed it
/// (its CIDR, and `AvailableIpAddressCount` = usable − in use): the CIDR check holds, and the
/// free-address check holds exactly when the subnet has room for what the plan adds at its peak.
fn check_terraform(tf: &str, p: &Plan, inputs: &Inputs) {
    use hcl::eval::{Context, Evaluate};
    let body: hcl::Body = hcl::from_str(tf).unwrap_or_else(|e| panic!("{e}\n{tf}"));
    let locals_block = body
        .blocks()
        .find(|b| b.identifier.as_str() == "locals")
        .unwrap();
    let ctx = Context::new();
    let mut locals = hcl::Map::new();
    for a in locals_block.body.attributes() {
        locals.insert(a.key.to_string(), a.expr.evaluate(&ctx).unwrap());
    }
    for (role, ids) in [
        ("host", &inputs.labels.host_ids),
        ("task", &inputs.labels.task_ids),
    ] {
        let want: Vec<hcl::Value> = ids.iter().map(|i| hcl::Value::from(i.as_str())).collect();
        assert_eq!(
            locals[&format!("{role}_subnet_ids")],
            hcl::Value::Array(want)
        );
        let data = body
            .blocks()
            .find(|b| {
                b.identifier.as_str() == "data"
                    && b.labels.iter().map(|l| l.as_str()).eq(["aws_subnet", role])
            })
            .unwrap();
        let lifecycle = data
            .body
            .blocks()
            .find(|b| b.identifier.as_str() == "lifecycle")
            .unwrap();
        for (x, az) in p.azs.iter().enumerate() {
            let s = if role == "host" {
                az.host
            } else {
                az.task.unwrap()
            };
            let mut ctx = Context::new();
            ctx.declare_var("local", hcl::Value::Object(locals.clone()));
            ctx.declare_var("count", hcl::value!({ index = (x as u64) }));
            ctx.declare_var(
                "self",
                hcl::value!({ cidr_block = (s.cidr.to_string()), available_ip_address_count = (s.usable - s.in_use) }),
            );
            let id = data
                .body
                .attributes()
                .find(|a| a.key.as_str() == "id")
                .unwrap();
            assert_eq!(
                id.expr.evaluate(&ctx).unwrap(),
                hcl::Value::from(ids[x].as_str())
            );
            let results: Vec<hcl::Value> = lifecycle
                .body
                .blocks()
                .map(|pc| {
                    pc.body
                        .attributes()
                        .find(|a| a.key.as_str() == "condition")
                        .unwrap()
                        .expr
                        .evaluate(&ctx)
                        .unwrap()
                })
                .collect();
            let room = s.usable - s.in_use;
            let added = s.peak() - s.in_use;
            assert_eq!(
                results,
                [hcl::Value::Bool(true), hcl::Value::Bool(added <= room)],
                "{role} AZ {}",
                x + 1
            );
        }
    }
}

fn subnet_json(n: usize, az: usize, prefix: u8, available: u64, native: bool, name: &str) -> Value {
    let mut s = serde_json::json!({
        "SubnetId": format!("subnet-{n:017x}"),
        "VpcId": "vpc-0123456789abcdef0",
        "AvailabilityZone": format!("us-east-1{}", (b'a' + az as u8) as char),
        "AvailableIpAddressCount": available,
        "Ipv6CidrBlockAssociationSet": [{"Ipv6CidrBlock": format!("2600:1f18:1:{n:x}::/64"), "Ipv6CidrBlockState": {"State": "associated"}}],
        "Ipv6Native": native,
        "Tags": [{"Key": "Name", "Value": name}]
    });
    if !native {
        // Subnet n starts at the n-th /20 of 10.0.0.0/16: disjoint and inside it.
        s["CidrBlock"] = Value::String(format!("10.0.{}.0/{prefix}", n * 16));
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn generated_subnet_lists_keep_their_sums_and_links(
        shape in prop::collection::vec(
            (0usize..6, 20u8..=28, 0u64..=1000, prop::bool::weighted(0.1), "\\PC{0,80}|net [0-9], az [a-f]"),
            1..14,
        ),
        tasks in 0u32..30_000,
        trunk in any::<bool>(),
    ) {
        let list: Vec<Value> = shape
            .iter()
            .enumerate()
            .map(|(n, (az, prefix, per_mille, native, name))| {
                let u = (1u64 << (32 - prefix)) - 5;
                subnet_json(n, *az, *prefix, u * per_mille / 1000, *native, name)
            })
            .collect();
        let text = serde_json::to_string_pretty(&serde_json::json!({ "Subnets": list })).unwrap();
        let import = read(&text).unwrap();
        for s in &import.subnets {
            if let (Some(u), Some(used), Some(free)) = (s.usable(), s.in_use(), s.free()) {
                prop_assert_eq!(used + free, u);
            }
        }
        let sel = Selection::default_for(&import, IpMode::V4);
        let form = Form {
            tasks: tasks.to_string(),
            trunk,
            ..Form::default()
        };
        let Ok(applied) = apply(&import, &sel, &form) else { return Ok(()) };
        // The changes by link key rebuild the same form.
        let mut rebuilt = form.clone();
        for (k, v) in &applied.changes {
            rebuilt.set(*k, v);
        }
        prop_assert_eq!(&rebuilt, &applied.form);
        let inputs = applied.form.parse().unwrap();
        let p = calc::plan(&inputs).unwrap();
        for s in p.azs.iter().flat_map(|a| a.subnets()) {
            if s.used() <= s.usable {
                prop_assert_eq!(s.used() + s.free(), s.usable);
            }
        }
        // Addresses in use never let more tasks fit.
        let mut clean = inputs.clone();
        clean.host_in_use.clear();
        let q = calc::plan(&clean).unwrap();
        prop_assert!(p.max_tasks <= q.max_tasks);
        prop_assert!(p.max_tasks_deployable <= q.max_tasks_deployable);
        prop_assert_eq!(q.totals.used + p.totals.in_use, p.totals.used);
        // The link reproduces the plan without the import.
        let back = share::decode(&share::encode(&inputs, false));
        prop_assert!(back.notices.is_empty(), "{:?}", back.notices);
        prop_assert_eq!(back.form.parse().unwrap(), inputs);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Damaged output (a span cut out, or replaced with arbitrary text) never panics the reader,
    /// the default selection or its plan, and what the selection writes into a form parses.
    #[test]
    fn damaged_output_never_panics(
        name in prop::sample::select(vec!["three-az.json", "dual-stack.json", "ipv6-only.json", "two-vpcs.json", "missing-fields.json"]),
        at in 0usize..10_000,
        len in 0usize..200,
        junk in r#"\PC{0,20}|[0-9\[\]{}":,. -]{0,20}"#,
        mode in 0usize..3,
    ) {
        let text = fixture(name);
        let chars = text.chars().count();
        let start = text.char_indices().map(|(i, _)| i).nth(at % chars).unwrap_or(0);
        let end = text[start..].char_indices().map(|(i, _)| start + i).nth(len).unwrap_or(text.len());
        let damaged = format!("{}{junk}{}", &text[..start], &text[end..]);
        if let Ok(import) = read(&damaged) {
            let ip = [IpMode::V4, IpMode::Dual, IpMode::V6Only][mode];
            let sel = Selection::default_for(&import, ip);
            let form = Form { ip: ["v4", "dual", "v6only"][mode].into(), ..Form::default() };
            if let Ok(applied) = apply(&import, &sel, &form) {
                // What apply writes always parses; the plan may still name a conflict.
                let i = applied.form.parse();
                prop_assert!(i.is_ok(), "{:?}", i);
                let _ = calc::plan(&i.unwrap());
            }
        }
    }
}

#[test]
fn a_dual_stack_plan_names_the_imported_subnets_without_an_ipv6_block() {
    // Imported as an IPv4 plan; dual stack chosen afterwards: the plan still knows which listed
    // subnets have no IPv6 block (issue 23, item 10).
    let import = read(&fixture("three-az.json")).unwrap();
    let a = apply(
        &import,
        &Selection::default_for(&import, IpMode::V4),
        &Form::default(),
    )
    .unwrap();
    assert_eq!(a.form.hv6, "-,-,-");
    let mut f = a.form.clone();
    let plain = calc::plan(&f.parse().unwrap()).unwrap();
    assert!(!plain
        .warnings
        .iter()
        .any(|w| matches!(w, calc::Warning::NoIpv6Block { .. })));
    f.ip = "dual".into();
    let p = calc::plan(&f.parse().unwrap()).unwrap();
    let named = p
        .warnings
        .iter()
        .find(|w| matches!(w, calc::Warning::NoIpv6Block { .. }))
        .expect("a warning naming the subnets");
    let calc::Warning::NoIpv6Block { subnets } = named else {
        unreachable!()
    };
    assert_eq!(subnets.len(), 3);
    assert!(
        subnets[0].contains("subnet-0a1b2c3d4e5f60011"),
        "{subnets:?}"
    );
    let text = calc::explain::warning(named);
    assert_eq!(text.id, "no-ipv6-block");
    assert!(
        text.message.contains("subnet-0a1b2c3d4e5f60011"),
        "{}",
        text.message
    );
    // A link carries what the import knew.
    let link = share::encode(&f.parse().unwrap(), false);
    assert!(link.contains("hv6=-,-,-"), "{link}");
}
