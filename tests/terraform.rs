//! The Terraform export, parsed with an HCL parser (`hcl-rs`) and evaluated here: every
//! `cidrsubnet()` by an evaluator written in this file (integer arithmetic on the addresses),
//! every subnet's `cidr_block`, `ipv6_cidr_block` and zone for each `count.index`, every
//! validation and precondition. The results are compared with the plan.
#![cfg(not(target_arch = "wasm32"))]

use awsvpc_planner::calc::catalog;
use awsvpc_planner::calc::explain::warning;
use awsvpc_planner::calc::export::{terraform, verdict};
use awsvpc_planner::calc::share::decode;
use awsvpc_planner::calc::Form;
use awsvpc_planner::calc::{plan, IpMode, Plan};
use hcl::eval::{Context, Evaluate, FuncArgs, FuncDef, ParamType};
use hcl::{Block, Body, Expression, Value};
use ipnet::{IpNet, Ipv4Net, Ipv6Net};
use serde_json::json;
use std::net::{Ipv4Addr, Ipv6Addr};

// ---- An independent cidrsubnet -----------------------------------------------------------------

/// Terraform's `cidrsubnet(prefix, newbits, netnum)`: the `netnum`-th subnet with `newbits` more
/// prefix bits, by integer arithmetic on the address.
fn cidrsubnet(prefix: &str, newbits: u32, netnum: u128) -> Result<String, String> {
    let net: IpNet = prefix.parse().map_err(|e| format!("{prefix}: {e}"))?;
    let (len, max) = (u32::from(net.prefix_len()), u32::from(net.max_prefix_len()));
    let new = len + newbits;
    if new > max {
        return Err(format!("{prefix} has no /{new} subnets"));
    }
    if newbits < 128 && netnum >> newbits != 0 {
        return Err(format!("netnum {netnum} does not fit in {newbits} bits"));
    }
    let shift = max - new;
    Ok(match net {
        IpNet::V4(n) => {
            let base = u32::from(n.network());
            let addr = base | (u32::try_from(netnum).unwrap() << shift);
            Ipv4Net::new(Ipv4Addr::from(addr), new as u8)
                .unwrap()
                .to_string()
        }
        IpNet::V6(n) => {
            let base = u128::from(n.network());
            let addr = base | (netnum.checked_shl(shift).unwrap_or(0));
            Ipv6Net::new(Ipv6Addr::from(addr), new as u8)
                .unwrap()
                .to_string()
        }
    })
}

#[test]
#[rustfmt::skip]
fn the_evaluator_agrees_with_terraform_s_documented_examples() {
    // Terraform's docs: cidrsubnet("172.16.0.0/12", 4, 2) = 172.18.0.0/16,
    // cidrsubnet("10.1.2.0/24", 4, 15) = 10.1.2.240/28, cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162)
    // = fd00:fd12:3456:7800:a200::/72.
    assert_eq!(cidrsubnet("172.16.0.0/12", 4, 2).unwrap(), "172.18.0.0/16");
    assert_eq!(cidrsubnet("10.1.2.0/24", 4, 15).unwrap(), "10.1.2.240/28");
    assert_eq!(cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162).unwrap(), "fd00:fd12:3456:7800:a200::/72");
    assert_eq!(cidrsubnet("10.0.0.0/24", 0, 0).unwrap(), "10.0.0.0/24");
    assert!(cidrsubnet("10.1.2.0/24", 4, 16).is_err());
    assert!(cidrsubnet("10.0.0.0/30", 3, 0).is_err());
}

fn hcl_cidrsubnet(args: FuncArgs) -> Result<Value, String> {
    let prefix = args[0].as_str().ok_or("prefix")?;
    let newbits = args[1].as_u64().ok_or("newbits")?;
    let netnum = args[2].as_u64().ok_or("netnum")?;
    cidrsubnet(prefix, newbits as u32, u128::from(netnum)).map(Value::from)
}

fn hcl_endswith(args: FuncArgs) -> Result<Value, String> {
    let (s, suffix) = (
        args[0].as_str().ok_or("s")?,
        args[1].as_str().ok_or("suffix")?,
    );
    Ok(Value::Bool(s.ends_with(suffix)))
}

fn hcl_length(args: FuncArgs) -> Result<Value, String> {
    match &args[0] {
        Value::Array(a) => Ok(Value::from(a.len() as u64)),
        Value::String(s) => Ok(Value::from(s.chars().count() as u64)),
        v => Err(format!("length of {v:?}")),
    }
}

// ---- Reading the snippet -----------------------------------------------------------------------

/// The block `kind "label…"`, if any.
fn block<'a>(body: &'a Body, kind: &str, labels: &[&str]) -> Option<&'a Block> {
    body.blocks().find(|b| {
        b.identifier.as_str() == kind
            && b.labels
                .iter()
                .map(|l| l.as_str())
                .eq(labels.iter().copied())
    })
}

fn attr<'a>(b: &'a Body, key: &str) -> Option<&'a Expression> {
    b.attributes()
        .find(|a| a.key.as_str() == key)
        .map(|a| &a.expr)
}

fn eval(e: &Expression, ctx: &Context) -> Value {
    e.evaluate(ctx).unwrap_or_else(|err| panic!("{e:?}: {err}"))
}

/// The IPv6 block a test VPC has: Amazon's documentation range, with the prefix the snippet's
/// precondition asks for (a /56 unless the plan's subnets need a larger block).
fn vpc_ipv6(body: &Body) -> String {
    let want = body
        .blocks()
        .filter_map(|b| attr(&b.body, "count").and(Some(b)))
        .find_map(|b| {
            let lc = b
                .body
                .blocks()
                .find(|x| x.identifier.as_str() == "lifecycle")?;
            let pre = lc
                .body
                .blocks()
                .find(|x| x.identifier.as_str() == "precondition")?;
            let cond = format!("{:?}", attr(&pre.body, "condition")?);
            let at = cond.find("\"/")?;
            cond.get(at + 2..)?.split('"').next()?.parse::<u8>().ok()
        })
        .unwrap_or(56);
    Ipv6Net::new("2001:db8:1234:5600::".parse().unwrap(), want)
        .unwrap()
        .trunc()
        .to_string()
}

/// What the snippet creates or looks up, evaluated.
#[derive(Debug, Default)]
struct Subnets {
    /// Per AZ: (IPv4 CIDR, IPv6 CIDR if any, zone), for `resource "aws_subnet" "host"` (created)
    /// or `data "aws_subnet" "host"` (looked up: CIDR only).
    host: Vec<(String, Option<String>, String)>,
    host_created: bool,
    task: Vec<(String, Option<String>, String)>,
    task_created: bool,
    /// IPv6-only task subnets: (IPv6 CIDR, zone).
    v6only: Vec<(String, String)>,
}

const AZS: [&str; 6] = [
    "us-east-1a",
    "us-east-1b",
    "us-east-1c",
    "us-east-1d",
    "us-east-1e",
    "us-east-1f",
];

/// Parses and evaluates the Terraform export of `p`.
fn evaluate(p: &Plan) -> (String, Subnets) {
    let tf = terraform(p);
    let body: Body = hcl::parse(&tf).unwrap_or_else(|e| panic!("not HCL: {e}\n{tf}"));
    let n = p.azs.len();
    let zones: Vec<&str> = AZS.iter().copied().take(n).collect();

    let mut ctx = Context::new();
    ctx.declare_func(
        "cidrsubnet",
        FuncDef::builder()
            .params([ParamType::String, ParamType::Number, ParamType::Number])
            .build(hcl_cidrsubnet),
    );
    ctx.declare_func(
        "endswith",
        FuncDef::builder()
            .params([ParamType::String, ParamType::String])
            .build(hcl_endswith),
    );
    ctx.declare_func(
        "length",
        FuncDef::builder().param(ParamType::Any).build(hcl_length),
    );
    // Variables: their defaults, `vpc_id` and the zones given.
    let mut vars = json!({"vpc_id": "vpc-0123456789abcdef0"});
    for b in body
        .blocks()
        .filter(|b| b.identifier.as_str() == "variable")
    {
        let name = b.labels[0].as_str();
        if let Some(d) = attr(&b.body, "default") {
            vars[name] = serde_json::to_value(eval(d, &ctx)).unwrap();
        }
        if name == "azs" {
            vars[name] = json!(zones);
        }
    }
    ctx.declare_var("var", hcl::to_value(&vars).unwrap());
    // Every variable validation holds.
    for b in body
        .blocks()
        .filter(|b| b.identifier.as_str() == "variable")
    {
        for v in b
            .body
            .blocks()
            .filter(|x| x.identifier.as_str() == "validation")
        {
            let c = attr(&v.body, "condition").unwrap();
            assert_eq!(
                eval(c, &ctx),
                Value::Bool(true),
                "validation of {}",
                b.labels[0].as_str()
            );
        }
    }
    let v6 = vpc_ipv6(&body);
    // Looked-up subnets are in the zones given, in order.
    let found: Vec<_> = zones
        .iter()
        .map(|z| json!({"availability_zone": z}))
        .collect();
    let data = json!({
        "aws_vpc": {"this": {"ipv6_cidr_block": v6}},
        "aws_subnet": {"host": found, "task": found},
    });
    ctx.declare_var("data", hcl::to_value(&data).unwrap());
    ctx.declare_var(
        "aws_vpc_ipv4_cidr_block_association",
        hcl::to_value(json!({"tasks": {"vpc_id": vars["vpc_id"]}})).unwrap(),
    );
    // Locals, evaluated one by one.
    let locals = block(&body, "locals", &[]).expect("a locals block");
    let mut local = serde_json::Map::new();
    for a in locals.body.attributes() {
        local.insert(
            a.key.as_str().to_string(),
            serde_json::to_value(eval(&a.expr, &ctx)).unwrap(),
        );
    }
    ctx.declare_var("local", hcl::to_value(&local).unwrap());

    let mut out = Subnets::default();
    for (name, list, created) in [
        ("host", &mut out.host, &mut out.host_created),
        ("task", &mut out.task, &mut out.task_created),
    ] {
        let (b, is_resource) = match (
            block(&body, "resource", &["aws_subnet", name]),
            block(&body, "data", &["aws_subnet", name]),
        ) {
            (Some(b), None) => (b, true),
            (None, Some(b)) => (b, false),
            (None, None) => continue,
            _ => panic!("{name} subnets both created and looked up"),
        };
        *created = is_resource;
        let count = eval(attr(&b.body, "count").unwrap(), &ctx)
            .as_u64()
            .unwrap();
        assert_eq!(count as usize, n, "{name} count");
        for x in 0..count {
            let mut c = ctx.clone();
            c.declare_var("count", hcl::to_value(json!({"index": x})).unwrap());
            let get = |k: &str| attr(&b.body, k).map(|e| eval(e, &c));
            assert_eq!(
                get("vpc_id").unwrap(),
                Value::from(vars["vpc_id"].as_str().unwrap())
            );
            let cidr = get("cidr_block").unwrap().as_str().unwrap().to_string();
            let v6 = get("ipv6_cidr_block").map(|v| v.as_str().unwrap().to_string());
            if v6.is_some() {
                assert_eq!(
                    get("assign_ipv6_address_on_creation"),
                    Some(Value::Bool(true))
                );
            }
            let zone = match get("availability_zone") {
                Some(z) => z.as_str().unwrap().to_string(),
                None => zones[x as usize].to_string(),
            };
            list.push((cidr, v6, zone));
            check_preconditions(&b.body, &c);
        }
    }
    if let Some(b) = block(&body, "resource", &["aws_subnet", "task_v6only"]) {
        let count = eval(attr(&b.body, "count").unwrap(), &ctx)
            .as_u64()
            .unwrap();
        for x in 0..count {
            let mut c = ctx.clone();
            c.declare_var("count", hcl::to_value(json!({"index": x})).unwrap());
            let get = |k: &str| attr(&b.body, k).map(|e| eval(e, &c));
            assert_eq!(get("ipv6_native"), Some(Value::Bool(true)));
            assert_eq!(
                get("assign_ipv6_address_on_creation"),
                Some(Value::Bool(true))
            );
            assert_eq!(
                get("cidr_block"),
                None,
                "IPv6-only subnets have no IPv4 CIDR"
            );
            out.v6only.push((
                get("ipv6_cidr_block")
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_string(),
                get("availability_zone")
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_string(),
            ));
            check_preconditions(&b.body, &c);
        }
    }
    (tf, out)
}

fn check_preconditions(body: &Body, ctx: &Context) {
    for lc in body
        .blocks()
        .filter(|b| b.identifier.as_str() == "lifecycle")
    {
        for pre in lc
            .body
            .blocks()
            .filter(|b| b.identifier.as_str() == "precondition")
        {
            let c = attr(&pre.body, "condition").unwrap();
            assert_eq!(eval(c, ctx), Value::Bool(true), "precondition {c:?}");
        }
    }
}

// ---- The cases ---------------------------------------------------------------------------------

/// The plan of a link.
fn plan_of(link: &str) -> Plan {
    let d = decode(link);
    assert_eq!(d.notices, [], "{link}");
    plan(&d.form.parse().unwrap()).unwrap()
}

/// Checks everything that holds for every snippet, and returns the evaluated subnets.
fn check(link: &str) -> (String, Subnets) {
    let p = plan_of(link);
    let (tf, s) = evaluate(&p);
    let i = &p.inputs;
    let n = p.azs.len();
    // IPv4: every subnet is the plan's, created or looked up, in AZ order.
    let host: Vec<String> = s.host.iter().map(|x| x.0.clone()).collect();
    let want: Vec<String> = p.azs.iter().map(|a| a.host.cidr.to_string()).collect();
    assert_eq!(host, want, "host subnets of {link}");
    let task: Vec<String> = s.task.iter().map(|x| x.0.clone()).collect();
    let want: Vec<String> = p
        .azs
        .iter()
        .filter_map(|a| a.task.map(|t| t.cidr.to_string()))
        .collect();
    assert_eq!(task, want, "task subnets of {link}");
    // Listed subnets are looked up, never created.
    if !i.host_subnets.is_empty() {
        assert!(!s.host_created, "{link}");
    }
    if !i.task_subnets.is_empty() {
        assert!(!s.task_created, "{link}");
    }
    // Subnets of one AZ share its zone.
    for (x, h) in s.host.iter().enumerate() {
        assert_eq!(h.2, AZS[x]);
        if let Some(t) = s.task.get(x) {
            assert_eq!(t.2, h.2, "task zone of AZ {}", x + 1);
        }
        if let Some(t) = s.v6only.get(x) {
            assert_eq!(t.1, h.2, "IPv6-only zone of AZ {}", x + 1);
        }
    }
    // IPv6: each created subnet of a dual-stack plan has a block, IPv6-only tasks have their own
    // subnets; all of the plan's prefix, distinct, inside the VPC's block.
    let v6: Vec<&String> = s
        .host
        .iter()
        .chain(&s.task)
        .filter_map(|x| x.1.as_ref())
        .chain(s.v6only.iter().map(|x| &x.0))
        .collect();
    match i.ip_mode {
        IpMode::V4 => assert!(v6.is_empty(), "{link}"),
        IpMode::Dual => {
            let created = usize::from(s.host_created) + usize::from(s.task_created);
            assert_eq!(v6.len(), created * n, "{link}");
            assert!(s.v6only.is_empty());
        }
        IpMode::V6Only => assert_eq!(s.v6only.len(), n, "{link}"),
    }
    let nets: Vec<Ipv6Net> = v6.iter().map(|s| s.parse().unwrap()).collect();
    for (x, a) in nets.iter().enumerate() {
        assert_eq!(a.prefix_len(), i.ipv6_prefix, "{a} in {link}");
        assert_eq!(a.addr(), a.network(), "{a}");
        assert!(
            nets.iter()
                .skip(x + 1)
                .all(|b| !a.contains(b) && !b.contains(a)),
            "{a} overlaps in {link}"
        );
    }
    // The verdict, the warnings and (with trunking) the preconditions are comments.
    let v = verdict(&p);
    for (_, line) in &v.lines {
        assert!(tf.contains(&format!("# {line}\n")), "{line} in\n{tf}");
    }
    for w in &p.warnings {
        let w = warning(w);
        assert!(
            tf.contains(&format!("# Warning: {} {}", w.message, w.action)),
            "{} in {link}",
            w.id
        );
    }
    let trunk = p.density.is_some_and(|d| d.trunking);
    for c in catalog::trunking_caveats() {
        assert_eq!(
            tf.contains(&format!(
                "# Trunking precondition: {}: {}",
                c.title, c.detail
            )),
            trunk,
            "{}",
            c.title
        );
    }
    // Every created subnet carries the warning about overlaps.
    let created = tf.matches("resource \"aws_subnet\"").count();
    assert_eq!(tf.matches("must not overlap").count(), created, "{link}");
    (tf, s)
}

#[test]
fn carved_subnets_are_created_and_evaluate_to_the_plan() {
    for link in [
        "#v=1&vpc=10.0.0.0/16",
        "#v=1&vpc=10.0.0.0/16&az=6&host=28&tasks=20",
        "#v=1&vpc=10.0.0.0/24&az=1&host=24&tasks=100",
        "#v=1&vpc=10.0.0.0/16&tcidr=100.64.0.0/16",
        "#v=1&vpc=10.0.0.0/16&tcidr=100.64.0.0/17&tsub=20&az=4",
        "#v=1&vpc=192.168.0.0/16&tcidr=100.64.0.0/16&tsub=19&trunk=1&tasks=20000&az=2",
        "#v=1&launch=fargate&vpc=10.20.0.0/16&host=19&az=2",
    ] {
        let (tf, s) = check(link);
        assert!(s.host_created, "{link}");
        assert!(tf.contains("variable \"azs\""), "{link}");
        assert!(!tf.contains("data \"aws_subnet\""), "{link}");
        if link.contains("tcidr") {
            assert!(s.task_created);
            assert!(tf.contains("resource \"aws_vpc_ipv4_cidr_block_association\" \"tasks\""));
        }
    }
}

#[test]
fn listed_subnets_are_looked_up_not_created() {
    let (tf, s) = check("#v=1&vpc=10.0.0.0/16&az=2&hnets=10.0.4.0/24,10.0.9.0/24&tasks=300");
    assert!(!s.host_created);
    assert!(!tf.contains("resource \"aws_subnet\""), "{tf}");
    assert!(!tf.contains("variable \"azs\""), "{tf}");
    let (tf, s) =
        check("#v=1&vpc=10.0.0.0/16&az=2&tcidr=100.64.0.0/16&tnets=100.64.32.0/19,100.64.96.0/19");
    assert!(s.host_created && !s.task_created);
    assert!(!tf.contains("aws_vpc_ipv4_cidr_block_association"), "{tf}");
    let (_, s) =
        check("#v=1&vpc=10.0.0.0/16&az=2&hnets=10.0.4.0/24,10.0.9.0/24&tcidr=100.64.0.0/16");
    assert!(!s.host_created && s.task_created);
}

#[test]
fn the_default_vpc_s_default_subnets_exist_already() {
    // The default plan: 172.31.0.0/16 in /20s, which are the default VPC's default subnets.
    let (tf, s) = check("#v=1");
    assert!(!s.host_created);
    assert!(
        tf.contains("they exist already, so they are looked up here, not created"),
        "{tf}"
    );
    assert!(!tf.contains("resource \"aws_subnet\""));
    // Other sizes in the default VPC would overlap the default subnets: said plainly.
    let (tf, s) = check("#v=1&host=24");
    assert!(s.host_created);
    assert!(tf.contains("its default /20 subnets (172.31.0.0/20,\n# 172.31.16.0/20, …, one per AZ) exist already and overlap"), "{tf}");
    // Not said for other VPCs.
    let (tf, _) = check("#v=1&vpc=10.0.0.0/16");
    assert!(!tf.contains("default VPC"));
}

#[test]
fn dual_stack_subnets_get_ipv6_blocks() {
    for link in [
        "#v=1&vpc=10.0.0.0/16&ip=dual",
        "#v=1&vpc=10.0.0.0/16&ip=dual&tcidr=100.64.0.0/16&tsub=20&az=6",
        "#v=1&vpc=10.0.0.0/16&ip=dual&v6=60&tcidr=100.64.0.0/16&tsub=20&az=6",
        "#v=1&vpc=10.0.0.0/16&ip=dual&v6=52&az=2",
        "#v=1&ip=dual",
    ] {
        let (tf, s) = check(link);
        let p = plan_of(link);
        // /64 by default: cidrsubnet of the VPC's IPv6 block, AZ i taking index i.
        if p.inputs.ipv6_prefix == 64 && s.host_created {
            assert_eq!(
                s.host[1].1.as_deref(),
                Some("2001:db8:1234:5601::/64"),
                "{link}"
            );
            assert!(tf.contains("cidrsubnet(data.aws_vpc.this.ipv6_cidr_block, 8, 1), # AZ 2"));
        }
    }
    // Looked-up subnets cannot be given IPv6 here: the snippet says so.
    let (tf, _) = check("#v=1&ip=dual");
    assert!(
        tf.contains("IPv6: each of them needs an IPv6 CIDR block"),
        "{tf}"
    );
}

#[test]
fn ipv6_only_tasks_get_ipv6_native_subnets() {
    for link in [
        "#v=1&vpc=10.0.0.0/16&ip=v6only",
        "#v=1&ip=v6only&az=2",
        "#v=1&vpc=10.0.0.0/16&ip=v6only&tcidr=100.64.0.0/16&az=4&v6=56",
        "#v=1&launch=fargate&vpc=10.0.0.0/16&ip=v6only",
    ] {
        let (tf, s) = check(link);
        assert!(tf.contains("ipv6_native"), "{link}");
        assert_eq!(s.v6only.len(), plan_of(link).azs.len());
        // Instances still use IPv4 in the host subnets, which stay dual stack.
        assert!(s.host.iter().all(|h| !h.0.is_empty()));
        assert_eq!(
            tf.contains("IPv6: each of them needs an IPv6 CIDR block"),
            !s.host_created,
            "{link}"
        );
    }
}

#[test]
fn text_from_the_inputs_cannot_break_out_of_a_comment() {
    // Fargate ignores the instance type, so any text reaches the plan (and the link in the header).
    let i = awsvpc_planner::calc::Inputs {
        launch: awsvpc_planner::calc::Launch::Fargate,
        vpc: "10.0.0.0/16".parse().unwrap(),
        instance: "x\n}\nresource \"aws_instance\" \"evil\" {\n# \u{2028}\r\"".into(),
        ..Default::default()
    };
    let p = plan(&i).unwrap();
    let (tf, s) = evaluate(&p);
    assert!(s.host_created);
    let body = hcl::parse(&tf).unwrap();
    let kinds: Vec<String> = body
        .blocks()
        .map(|b| {
            let labels: Vec<&str> = b.labels.iter().map(|l| l.as_str()).collect();
            format!("{} {}", b.identifier.as_str(), labels.join(" "))
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "variable vpc_id",
            "variable vpc_cidr",
            "variable azs",
            "locals ",
            "resource aws_subnet host"
        ],
        "{tf}"
    );
    assert!(tf
        .lines()
        .all(|l| !l.contains("aws_instance") || l.starts_with("# ")));
}

#[test]
fn snippets_of_linked_plans_parse_and_evaluate() {
    // A sweep over link values, each a valid plan: every snippet parses and evaluates.
    let mut n = 0;
    for vpc in ["10.0.0.0/16", "172.31.0.0/16", "10.8.0.0/20"] {
        for host in ["20", "24", "26"] {
            for az in ["1", "3", "6"] {
                for extra in [
                    "",
                    "&tcidr=100.64.0.0/16&tsub=20",
                    "&ip=dual&v6=56",
                    "&ip=v6only",
                    "&trunk=1&tasks=30000",
                ] {
                    let link = format!("#v=1&vpc={vpc}&host={host}&az={az}{extra}");
                    let d = decode(&link);
                    let Ok(i) = d.form.parse() else { continue };
                    if plan(&i).is_err() {
                        continue;
                    }
                    assert_eq!(Form::from_inputs(&i), d.form);
                    check(&link);
                    n += 1;
                }
            }
        }
    }
    assert!(n > 60, "{n} plans checked");
}
