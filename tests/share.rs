//! The link format, table-driven: round trips, the issue's example, and every key's bad values.
#![cfg(not(target_arch = "wasm32"))]

use awsvpc_planner::calc::catalog::DATASET_VERSION;
use awsvpc_planner::calc::share::{decode, encode, Decoded};
use awsvpc_planner::calc::Form;
use awsvpc_planner::calc::{
    conflicts, plan, Deploy, Field, Fix, Inputs, IpMode, Launch, MAX_TASKS,
};

/// Every link key, in link order.
const KEYS: [&str; 26] = [
    "v", "launch", "type", "az", "tasks", "trunk", "vpc", "host", "sec", "tcidr", "tsub", "ip",
    "v6", "deploy", "surge", "cpu", "mem", "reserve", "regmem", "alb", "nlb", "nat", "vpce",
    "other", "data", "embed",
];

fn net(s: &str) -> ipnet::Ipv4Net {
    s.parse().unwrap()
}

/// Inputs: the defaults changed by `f`.
fn with(f: impl FnOnce(&mut Inputs)) -> Inputs {
    let mut i = Inputs::default();
    f(&mut i);
    i
}

/// A link cut for assertion messages.
fn short(link: &str) -> String {
    link.chars().take(100).collect()
}

/// Every notice is short, plain, names its key, and the decoded form always parses.
fn sane(link: &str, d: &Decoded) {
    let link = short(link);
    assert!(
        d.form.parse().is_ok(),
        "{link}: decoded form does not parse: {:?}",
        d.form.parse()
    );
    for n in &d.notices {
        let m = &n.message;
        assert!(m.chars().count() <= 200, "{link}: long notice {m}");
        assert!(
            !m.chars()
                .any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)),
            "{link}: {m:?}"
        );
        if !n.key.is_empty() && n.key != "data" {
            assert!(
                m.starts_with(&format!("{}: ", n.key)),
                "{link}: notice {m:?} does not name {}",
                n.key
            );
        }
    }
}

// ---- round trips -------------------------------------------------------------------------------

#[test]
#[rustfmt::skip]
fn round_trip() {
    let check = |i: Inputs| {
        for embed in [false, true] {
            let link = encode(&i, embed);
            let d = decode(&link);
            assert_eq!(d.form, Form::from_inputs(&i), "{link}");
            assert_eq!((d.embed, d.notices.as_slice()), (embed, &[][..]), "{link}");
            assert_eq!(decode(&format!("#{link}")), d, "{link} with #");
            assert_eq!(d.form.parse(), Form::from_inputs(&i).parse(), "{link}");
            assert!(link.starts_with("v=1&") && link.contains(&format!("&data={DATASET_VERSION}")), "{link}");
        }
    };
    check(Inputs::default());
    check(with(|i| i.trunking = true));
    check(with(|i| i.secondary = true));
    check(with(|i| (i.secondary, i.task_cidr, i.task_prefix) = (true, net("100.64.0.0/17"), 20)));
    check(with(|i| i.task_cidr = net("100.65.0.0/16"))); // set but off: `sec=0`
    check(with(|i| i.task_prefix = 22)); // off, prefix changed
    check(with(|i| (i.secondary, i.task_cidr) = (true, net("10.0.0.0/16")))); // the plan rejects it; the link keeps it
    check(with(|i| i.launch = Launch::Fargate));
    check(with(|i| i.deploy = Deploy::BlueGreen));
    check(with(|i| i.deploy = Deploy::Rolling { max_percent: 150 }));
    check(with(|i| i.deploy = Deploy::Rolling { max_percent: 1000 }));
    check(with(|i| (i.ip_mode, i.ipv6_prefix) = (IpMode::Dual, 56)));
    check(with(|i| (i.ip_mode, i.ipv6_prefix) = (IpMode::V6Only, 44)));
    check(with(|i| i.ipv6_prefix = 60)); // IPv4-only, prefix kept
    check(with(|i| (i.cpu, i.memory_mib) = (Some(256), Some(512))));
    check(with(|i| i.cpu = Some(1_048_576)));
    check(with(|i| i.memory_reserve_mib = 0));
    check(with(|i| i.memory_registered_percent = 50));
    check(with(|i| i.memory_registered_percent = 100));
    check(with(|i| (i.other.alb, i.other.nlb, i.other.nat) = (true, true, 8)));
    check(with(|i| (i.other.endpoints, i.other.extra) = (1000, 65_536)));
    check(with(|i| i.azs = 1));
    check(with(|i| i.azs = 6));
    check(with(|i| i.tasks = 0));
    check(with(|i| i.tasks = MAX_TASKS));
    check(with(|i| (i.vpc, i.host_prefix) = (net("10.0.0.0/28"), 28)));
    check(with(|i| (i.vpc, i.host_prefix) = (net("192.168.0.0/16"), 16)));
    check(with(|i| i.instance = "m7i-flex.8xlarge".into()));
    check(with(|i| i.instance = "C5.Large".into())); // the form keeps what was typed
    check(with(|i| {
        (i.launch, i.instance, i.azs, i.tasks, i.trunking) = (Launch::Ec2, "c6gn.16xlarge".into(), 4, 12_345, true);
        (i.secondary, i.task_cidr, i.task_prefix) = (true, net("100.96.0.0/16"), 19);
        (i.ip_mode, i.ipv6_prefix, i.deploy) = (IpMode::Dual, 48, Deploy::Rolling { max_percent: 125 });
        (i.cpu, i.memory_mib, i.memory_reserve_mib) = (Some(512), Some(1024), 300);
        (i.other.alb, i.other.nat, i.other.endpoints, i.other.extra) = (true, 1, 6, 20);
    }));
}

#[test]
#[rustfmt::skip]
fn encoded_links() {
    let check = |i: Inputs, want: &str| assert_eq!(encode(&i, false), format!("{want}&data={DATASET_VERSION}"));
    let base = "v=1&type=c5.large&az=3&tasks=1000&trunk=0&vpc=172.31.0.0/16&host=20";
    check(Inputs::default(), base);
    check(with(|i| (i.trunking, i.secondary) = (true, true)), "v=1&type=c5.large&az=3&tasks=1000&trunk=1&vpc=172.31.0.0/16&host=20&tcidr=100.64.0.0/16&tsub=18");
    check(with(|i| i.task_cidr = net("100.65.0.0/16")), &format!("{base}&sec=0&tcidr=100.65.0.0/16"));
    check(with(|i| i.task_prefix = 22), &format!("{base}&tsub=22"));
    check(with(|i| (i.launch, i.deploy) = (Launch::Fargate, Deploy::BlueGreen)), "v=1&launch=fargate&az=3&tasks=1000&vpc=172.31.0.0/16&host=20&deploy=bluegreen");
    check(with(|i| i.memory_registered_percent = 90), &format!("{base}&regmem=90"));
    check(with(|i| (i.ip_mode, i.cpu, i.memory_mib) = (IpMode::V6Only, Some(512), Some(1024))), &format!("{base}&ip=v6only&cpu=512&mem=1024"));
    check(with(|i| (i.other.alb, i.other.extra) = (true, 9)), &format!("{base}&alb=1&other=9"));
    check(with(|i| i.instance = "a b&c=d%#é+".into()), "v=1&type=a%20b%26c%3Dd%25%23%C3%A9%2B&az=3&tasks=1000&trunk=0&vpc=172.31.0.0/16&host=20");
    assert!(encode(&Inputs::default(), true).ends_with(&format!("&data={DATASET_VERSION}&embed=1")));
}

#[test]
fn the_issues_example_link() {
    #[rustfmt::skip]
    let link = "#v=1&type=c5.large&az=3&tasks=1000&trunk=1&vpc=172.31.0.0/16&host=20&tcidr=100.64.0.0/16&tsub=18";
    let d = decode(link);
    let want = expect(&[("trunk", "1"), ("sec", "1")]);
    assert_eq!((d.form, d.notices, d.embed), (want, vec![], false));
    let i = with(|i| (i.trunking, i.secondary) = (true, true));
    assert_eq!(
        format!("#{}", encode(&i, false)),
        format!("{link}&data={DATASET_VERSION}")
    );
}

// ---- good and bad values -----------------------------------------------------------------------

/// The default form with `fields` (named by link key; toggles `1`) set.
fn expect(fields: &[(&str, &str)]) -> Form {
    let mut f = Form::default();
    for &(k, v) in fields {
        let text = v.to_string();
        match k {
            "launch" => f.launch = text,
            "type" => f.instance = text,
            "az" => f.azs = text,
            "tasks" => f.tasks = text,
            "trunk" => f.trunk = v == "1",
            "vpc" => f.vpc = text,
            "host" => f.host = text,
            "sec" => f.secondary = v == "1",
            "tcidr" => f.tcidr = text,
            "tsub" => f.tsub = text,
            "hnets" => f.hnets = text,
            "tnets" => f.tnets = text,
            "ip" => f.ip = text,
            "v6" => f.v6 = text,
            "deploy" => f.deploy = text,
            "surge" => f.surge = text,
            "cpu" => f.cpu = text,
            "mem" => f.mem = text,
            "reserve" => f.reserve = text,
            "regmem" => f.registered = text,
            "alb" => f.alb = v == "1",
            "nlb" => f.nlb = v == "1",
            "nat" => f.nat = text,
            "vpce" => f.vpce = text,
            "other" => f.other = text,
            _ => unreachable!("no field {k}"),
        }
    }
    f
}

/// `link` decodes to the default form with `fields` set, with notices on exactly `keys`.
fn check(link: &str, keys: &[&str], fields: &[(&str, &str)]) {
    let d = decode(link);
    sane(link, &d);
    let got: Vec<&str> = d.notices.iter().map(|n| n.key.as_str()).collect();
    assert_eq!(got, keys, "{}: notices {:?}", short(link), d.notices);
    assert_eq!(d.form, expect(fields), "{}", short(link));
}

#[test]
#[rustfmt::skip]
fn missing_and_unknown_keys() {
    check("", &[], &[]);
    check("#", &[], &[]);
    check("v=1", &[], &[]);
    check("&&&", &[], &[]);
    check("=&=x&==", &[], &[]);
    // Keys this version does not know are named (and kept: `Decoded::unknown`), not decoded.
    check("foo=bar&AZ=5&az=2&embed2=1", &["foo", "AZ", "embed2"], &[("az", "2")]);
    check("tasks=5&utm_source=x%zz", &["utm_source"], &[("tasks", "5")]);
    check("##az=2", &["#az"], &[]); // the key is `#az`
}

#[test]
#[rustfmt::skip]
fn each_key_good_values() {
    check("launch=fargate", &[], &[("launch", "fargate")]);
    check("launch=FARGATE", &[], &[("launch", "FARGATE")]);
    check("type=m5.large", &[], &[("type", "m5.large")]);
    check("type=M5.Large", &[], &[("type", "M5.Large")]); // kept as typed
    check("type=%20c5.xlarge", &[], &[("type", " c5.xlarge")]);
    check("az=1", &[], &[("az", "1")]);
    check("az=6", &[], &[("az", "6")]);
    check("tasks=0", &[], &[("tasks", "0")]);
    check("tasks=1%2C000", &[], &[("tasks", "1,000")]);
    check("tasks=1+000", &[], &[("tasks", "1 000")]);
    check("tasks=5000000", &[], &[("tasks", "5000000")]);
    check("trunk=1", &[], &[("trunk", "1")]);
    check("trunk=0", &[], &[]);
    check("vpc=10.0.0.0/16", &[], &[("vpc", "10.0.0.0/16")]);
    check("vpc=10.0.0.0%2F16", &[], &[("vpc", "10.0.0.0/16")]);
    check("host=/24", &[], &[("host", "/24")]);
    check("host=28", &[], &[("host", "28")]);
    check("tcidr=100.64.0.0/16", &[], &[("sec", "1")]);
    check("tcidr=10.0.0.0/16", &[], &[("sec", "1"), ("tcidr", "10.0.0.0/16")]); // the plan judges
    check("tcidr=172.31.0.0/16", &[], &[("sec", "1"), ("tcidr", "172.31.0.0/16")]); // overlap too
    check("sec=1", &[], &[("sec", "1")]);
    check("sec=0&tcidr=100.65.0.0/16", &[], &[("tcidr", "100.65.0.0/16")]);
    check("tcidr=100.65.0.0/16&sec=0", &[], &[("tcidr", "100.65.0.0/16")]);
    check("tsub=20", &[], &[("tsub", "20")]);
    check("ip=dual&v6=56", &[], &[("ip", "dual"), ("v6", "56")]);
    check("ip=v6only", &[], &[("ip", "v6only")]);
    check("deploy=bluegreen", &[], &[("deploy", "bluegreen")]);
    check("surge=100", &[], &[("surge", "100")]);
    check("cpu=256&mem=512", &[], &[("cpu", "256"), ("mem", "512")]);
    check("cpu=&mem=", &[], &[]);
    check("reserve=0", &[], &[("reserve", "0")]);
    check("regmem=90", &[], &[("regmem", "90")]);
    check("regmem=100%25", &[], &[("regmem", "100%")]);
    check("alb=1&nlb=1", &[], &[("alb", "1"), ("nlb", "1")]);
    check("nat=8&vpce=1000&other=65536", &[], &[("nat", "8"), ("vpce", "1000"), ("other", "65536")]);
    check(&format!("data={DATASET_VERSION}"), &[], &[]);
    check("embed=1", &[], &[]);
    check("az=2&az=4", &[], &[("az", "4")]); // the last wins
}

#[test]
#[rustfmt::skip]
fn each_key_bad_values() {
    check("v=2&az=2", &["v"], &[("az", "2")]); // still read
    check("launch=lambda&az=2", &["launch"], &[("az", "2")]);
    check("type=<script>alert(1)</script>&az=2", &["type"], &[("az", "2")]);
    check("type=c5.larg", &["type"], &[]);
    check("type=", &["type"], &[]);
    check("launch=fargate&type=nope", &["type"], &[("launch", "fargate")]);
    check("az=0&tasks=7", &["az"], &[("tasks", "7")]);
    check("az=7", &["az"], &[]);
    check("az", &["az"], &[]);
    check("az=three", &["az"], &[]);
    check("tasks=-1&az=2", &["tasks"], &[("az", "2")]);
    check("tasks=5000001", &["tasks"], &[]);
    check("tasks=1e3", &["tasks"], &[]);
    check("tasks=99999999999999999999999", &["tasks"], &[]);
    check("trunk=2&az=2", &["trunk"], &[("az", "2")]);
    check("trunk=yes", &["trunk"], &[]);
    check("vpc=10.0.0.0/8", &["vpc"], &[]);
    check("vpc=10.0.0.1/16", &["vpc"], &[]);
    check("vpc=169.254.0.0/16", &["vpc"], &[]);
    check("vpc=999.0.0.0/16", &["vpc"], &[]);
    check("host=8&az=2", &["host"], &[("az", "2")]);
    check("host=29", &["host"], &[]);
    check("tcidr=garbage&tsub=20", &["tcidr"], &[("tsub", "20")]); // secondary stays off
    check("tcidr=100.64.0.0/8", &["tcidr"], &[]);
    check("sec=2&tcidr=100.64.0.0/16", &["sec"], &[("sec", "1")]);
    check("tsub=15", &["tsub"], &[]);
    check("ip=v5", &["ip"], &[]);
    check("v6=63", &["v6"], &[]); // steps of 4
    check("ip=v4&v6=128", &["v6"], &[]); // checked even when IPv4-only
    check("deploy=canary", &["deploy"], &[]);
    check("surge=99", &["surge"], &[]);
    check("deploy=bluegreen&surge=5000", &["surge"], &[("deploy", "bluegreen")]); // checked anyway
    check("cpu=0&mem=-5", &["cpu", "mem"], &[]);
    check("reserve=lots", &["reserve"], &[]);
    check("regmem=49&az=2", &["regmem"], &[("az", "2")]);
    check("regmem=101", &["regmem"], &[]);
    check("alb=true&nlb=-1", &["alb", "nlb"], &[]);
    check("nat=9&vpce=1001&other=65537", &["nat", "vpce", "other"], &[]);
    check("embed=2", &["embed"], &[]);
    check("az=2&az=0", &["az"], &[]); // the last wins, and is dropped
    check("az=0&az=2", &[], &[("az", "2")]);
    let every_key_bad: Vec<String> = KEYS.iter().map(|k| format!("{k}=x")).collect();
    check(&every_key_bad.join("&"), &KEYS, &[]);
}

#[test]
#[rustfmt::skip]
fn broken_encoding_and_hostile_values() {
    let (a10k, e600) = ("a".repeat(10 * 1024), "é".repeat(600));
    check("type=%zz&az=2", &["type"], &[("az", "2")]);
    check("type=%e2%82&az=2", &["type"], &[("az", "2")]); // not UTF-8
    check("type=%&az=2", &["type"], &[("az", "2")]);
    check("type=%4&az=2", &["type"], &[("az", "2")]);
    check("type=%+1", &["type"], &[]);
    check("tasks=%31%30", &[], &[("tasks", "10")]);
    check("type=%E2%80%AEegral.5c", &["type"], &[]); // a bidi override is not shown
    check("type=%00%07%1b[31m", &["type"], &[]);
    check("type=%F0%9F%98%80", &["type"], &[]);
    check(&format!("type={a10k}&az=2"), &["type"], &[("az", "2")]);
    check(&format!("type={e600}&az=2"), &["type"], &[("az", "2")]);
    check(&format!("tasks={}1", "0".repeat(999)), &["tasks"], &[]);
    check(&format!("tasks={}1&az=2", "%30".repeat(400)), &["tasks"], &[("az", "2")]); // > 1,000 bytes sent
}

#[test]
fn long_links_are_cut_at_a_whole_pair() {
    let long = format!("tasks=5&x={}&az=2", "y".repeat(20_000));
    let d = decode(&long);
    assert_eq!(
        (d.form.tasks.as_str(), d.form.azs.as_str()),
        ("5", "3"),
        "az is past the cut"
    );
    assert_eq!(
        d.notices.iter().map(|n| n.key.as_str()).collect::<Vec<_>>(),
        [""]
    );
    let d = decode(&"é".repeat(20_000)); // no `&` at all, multi-byte
    assert_eq!((d.form, d.notices.len()), (Form::default(), 1));
    let d = decode(&format!("az=2&{}", "&".repeat(20_000)));
    assert_eq!((d.form.azs.as_str(), d.notices.len()), ("2", 1));
}

#[test]
#[rustfmt::skip]
fn notice_texts() {
    let check = |link: &str, want: &str| {
        let d = decode(link);
        sane(link, &d);
        let got: Vec<String> = d.notices.iter().map(|n| n.to_string()).collect();
        assert_eq!(got.join(" | "), want, "{}", short(link));
    };
    let old = |v: &str| format!("this link was made with instance data {v}; numbers may differ from when it was shared (now {DATASET_VERSION})");
    check("az=0", "az: 0 is outside 1 to 6 (ignored)");
    check("trunk=2", "trunk: \"2\": choose 0 or 1 (ignored)");
    check("type=<script>alert(1)</script>", "type: unknown instance type \"<script>alert(1)</script>\" (ignored)");
    check("type=%zz", "type: \"%zz\" has broken percent-encoding (ignored)");
    check("type=%E2%80%AEx", "type: unknown instance type \"\u{fffd}x\" (ignored)");
    check(&format!("type={}", "a".repeat(10_240)), "type: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…\" is too long (10,240 bytes; at most 1,000) (ignored)");
    check("v=2", "v: link version \"2\" is not 1; read as version 1");
    check("data=2025-01", &old("2025-01"));
    check("data=%3Cb%3E", &old("<b>"));
    check(&format!("data={}", "9".repeat(50)), &old(&format!("{}…", "9".repeat(40))));
    check(&format!("tasks=1&{}", "x=y&".repeat(5000)), "the link is over 16,384 bytes; the rest was ignored | x: not a key of this version of the planner; kept in the link");
}

// ---- Fargate: only what applies ----------------------------------------------------------------

#[test]
#[rustfmt::skip]
fn fargate_links_leave_out_what_does_not_apply() {
    // The keys that describe container instances are not written, so the link gives back the
    // canonical inputs; every other key still round-trips.
    let check = |i: Inputs| {
        let link = encode(&i, false);
        for k in ["type=", "trunk=", "reserve=", "regmem="] {
            assert!(!link.contains(&format!("&{k}")), "{link} has {k}");
        }
        let d = decode(&link);
        assert!(d.notices.is_empty(), "{link}: {:?}", d.notices);
        assert_eq!(d.form.parse(), Ok(i.canonical()), "{link}");
        assert_eq!(encode(&i.canonical(), false), link);
    };
    let fargate = |f: fn(&mut Inputs)| with(|i| { i.launch = Launch::Fargate; f(i) });
    check(fargate(|_| {}));
    check(fargate(|i| (i.instance, i.trunking) = ("m5.large".into(), true)));
    check(fargate(|i| (i.memory_reserve_mib, i.memory_registered_percent) = (512, 80)));
    check(fargate(|i| (i.cpu, i.memory_mib, i.azs, i.tasks) = (Some(1024), Some(3072), 2, 40)));
    check(fargate(|i| (i.secondary, i.ip_mode) = (true, IpMode::Dual)));
    // An old Fargate link with those keys still decodes: the form shows them, the plan ignores them.
    let old = "#v=1&launch=fargate&type=m5.large&az=3&tasks=1000&trunk=1&vpc=172.31.0.0/16&host=20&reserve=300";
    let d = decode(old);
    assert!(d.notices.is_empty(), "{:?}", d.notices);
    assert_eq!((d.form.instance.as_str(), d.form.trunk, d.form.reserve.as_str()), ("m5.large", true, "300"));
    let i = d.form.parse().unwrap();
    assert_eq!(i, with(|i| i.launch = Launch::Fargate));
    assert!(plan(&i).is_ok());
}

// ---- links whose values conflict ---------------------------------------------------------------

#[test]
#[rustfmt::skip]
fn conflicting_links_keep_their_values_and_name_every_field() {
    // (link, fields the form shows, conflicts as (field, also, fix), a word of each message)
    type Conflict = (Field, &'static [Field], Option<Fix>, &'static str);
    let check = |link: &str, fields: &[(&str, &str)], want: &[Conflict]| {
        let d = decode(link);
        // Nothing in the link is unused: every value is valid on its own.
        assert!(d.notices.is_empty(), "{link}: {:?}", d.notices);
        assert_eq!(d.form, expect(fields), "{link}");
        let i = d.form.parse().unwrap();
        let got = conflicts(&i);
        let shape: Vec<(Field, Vec<Field>, Option<Fix>)> = got.iter().map(|e| (e.field, e.also.clone(), e.fix)).collect();
        let wanted: Vec<(Field, Vec<Field>, Option<Fix>)> = want.iter().map(|w| (w.0, w.1.to_vec(), w.2)).collect();
        assert_eq!(shape, wanted, "{link}: {got:?}");
        for (e, w) in got.iter().zip(want) {
            assert!(e.message.contains(w.3), "{link}: {:?} lacks {:?}", e.message, w.3);
            assert!(e.fields().all(|f| e.involves(f)));
        }
        // The plan fails with the first conflict, and nothing else.
        assert_eq!(plan(&i).map(|_| ()), Err(got[0].clone()), "{link}");
        // The link made from the inputs is the same plan: a reload keeps the conflict.
        assert_eq!(decode(&encode(&i, false)).form.parse(), Ok(i), "{link}");
    };
    // The issue's three links.
    check(
        "#v=1&type=m5.xlarge&trunk=1&tasks=500&vpc=10.0.0.0/16&hnets=10.0.0.0/24,10.0.1.0/24",
        &[("type", "m5.xlarge"), ("trunk", "1"), ("tasks", "500"), ("vpc", "10.0.0.0/16"), ("hnets", "10.0.0.0/24,10.0.1.0/24")],
        &[(Field::HostSubnets, &[Field::Azs], Some(Fix::SetAzs(2)), "3 AZs need 3 host subnets, one per AZ; 2 listed")],
    );
    check(
        "#v=1&tasks=500&cpu=4096&mem=512&type=c5.large",
        &[("tasks", "500"), ("cpu", "4096"), ("mem", "512")],
        &[(Field::Cpu, &[Field::Instance], None, "4,096 CPU units does not fit on c5.large (2 vCPUs = 2,048 units)")],
    );
    check(
        "#v=1&vpc=10.0.0.0/16&tcidr=192.168.0.0/16&tsub=18",
        &[("vpc", "10.0.0.0/16"), ("sec", "1"), ("tcidr", "192.168.0.0/16")],
        &[(Field::TaskCidr, &[Field::Vpc], None, "192.168.0.0/16")],
    );
    // More of the same kind.
    check(
        "#v=1&cpu=256&mem=4096&type=c5.large",
        &[("cpu", "256"), ("mem", "4096")],
        &[(Field::Memory, &[Field::Instance, Field::Reserve, Field::Registered], None, "3,973 registered at 97 %")],
    );
    check(
        "#v=1&az=2&sec=1&hnets=172.31.0.0/20,172.31.16.0/20,172.31.32.0/20&tnets=100.64.0.0/18",
        &[("az", "2"), ("sec", "1"), ("hnets", "172.31.0.0/20,172.31.16.0/20,172.31.32.0/20"), ("tnets", "100.64.0.0/18")],
        &[
            (Field::HostSubnets, &[Field::Azs], None, "2 AZs need 2 host subnets"),
            (Field::TaskSubnets, &[Field::Azs], None, "2 AZs need 2 task subnets"),
        ],
    );
    check(
        "#v=1&az=1&sec=1&hnets=172.31.0.0/20,172.31.16.0/20&tnets=100.64.0.0/18,100.64.64.0/18",
        &[("az", "1"), ("sec", "1"), ("hnets", "172.31.0.0/20,172.31.16.0/20"), ("tnets", "100.64.0.0/18,100.64.64.0/18")],
        &[
            (Field::HostSubnets, &[Field::Azs], Some(Fix::SetAzs(2)), "1 AZ needs 1 host subnet"),
            (Field::TaskSubnets, &[Field::Azs], Some(Fix::SetAzs(2)), "1 AZ needs 1 task subnet"),
        ],
    );
    check(
        "#v=1&az=6&vpc=10.0.0.0/22&host=24",
        &[("az", "6"), ("vpc", "10.0.0.0/22"), ("host", "24")],
        &[(Field::HostPrefix, &[Field::Vpc, Field::Azs], None, "")],
    );
    check(
        "#v=1&vpc=10.0.0.0/16&hnets=10.0.0.0/20,10.0.16.0/20,172.31.0.0/20",
        &[("vpc", "10.0.0.0/16"), ("hnets", "10.0.0.0/20,10.0.16.0/20,172.31.0.0/20")],
        &[(Field::HostSubnets, &[Field::Vpc], None, "not inside the VPC CIDR 10.0.0.0/16")],
    );
    // Fargate task sizes AWS does not offer: a message for each field at fault.
    check(
        "#v=1&launch=fargate&cpu=300&mem=100",
        &[("launch", "fargate"), ("cpu", "300"), ("mem", "100")],
        &[
            (Field::Cpu, &[], None, "Fargate task CPU is 256, 512, 1,024, 2,048, 4,096, 8,192 or 16,384 units; 300 is not one of them"),
            (Field::Memory, &[], None, "100 MiB is not a Fargate task memory size"),
        ],
    );
    check(
        "#v=1&launch=fargate&cpu=1024&mem=512",
        &[("launch", "fargate"), ("cpu", "1024"), ("mem", "512")],
        &[(Field::Memory, &[Field::Cpu], None, "a Fargate task of 1,024 CPU units takes 2,048 to 8,192 MiB in steps of 1,024; 512 MiB is not one of them (512 MiB goes with 256 CPU units)")],
    );
    // The fix resolves the conflict it is offered for.
    let mut f = decode("#v=1&type=m5.xlarge&trunk=1&tasks=500&vpc=10.0.0.0/16&hnets=10.0.0.0/24,10.0.1.0/24").form;
    Fix::SetAzs(2).apply(&mut f);
    let i = f.parse().unwrap();
    assert!(conflicts(&i).is_empty());
    assert_eq!(plan(&i).unwrap().azs.len(), 2);
}

#[test]
fn conflicting_imports_keep_their_values_too() {
    use awsvpc_planner::calc::export::import_json;
    // A JSON import goes through the same checks as a link: the same three conflicts, no notice.
    let check = |json: &str, link: &str| {
        let d = import_json(json).unwrap();
        assert!(d.notices.is_empty(), "{json}: {:?}", d.notices);
        let l = decode(link);
        assert_eq!(d.form, l.form, "{json}");
        let i = d.form.parse().unwrap();
        assert_eq!(conflicts(&i), conflicts(&l.form.parse().unwrap()));
        assert!(!conflicts(&i).is_empty(), "{json}");
    };
    check(
        r#"{"inputs": {"type": "m5.xlarge", "trunk": true, "tasks": 500, "vpc": "10.0.0.0/16", "hnets": "10.0.0.0/24,10.0.1.0/24"}}"#,
        "#v=1&type=m5.xlarge&trunk=1&tasks=500&vpc=10.0.0.0/16&hnets=10.0.0.0/24,10.0.1.0/24",
    );
    check(
        r#"{"inputs": {"tasks": 500, "cpu": 4096, "mem": 512, "type": "c5.large"}}"#,
        "#v=1&tasks=500&cpu=4096&mem=512&type=c5.large",
    );
    check(
        r#"{"inputs": {"vpc": "10.0.0.0/16", "tcidr": "192.168.0.0/16", "tsub": 18}}"#,
        "#v=1&vpc=10.0.0.0/16&tcidr=192.168.0.0/16&tsub=18",
    );
    check(
        r#"{"inputs": {"launch": "fargate", "cpu": "300", "mem": "100"}}"#,
        "#v=1&launch=fargate&cpu=300&mem=100",
    );
}
