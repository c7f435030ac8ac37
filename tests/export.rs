//! The exports read back: Markdown and CSV to the same numbers as `explain::value`, JSON to the
//! same inputs, and the Terraform snippet's `cidrsubnet` calls.
#![cfg(not(target_arch = "wasm32"))]

use awsvpc_planner::calc::catalog::DATASET_VERSION;
use awsvpc_planner::calc::explain::{value, Metric};
use awsvpc_planner::calc::export::{csv, import_json, json, markdown, terraform, ImportError};
use awsvpc_planner::calc::form::Form;
use awsvpc_planner::calc::plan::{plan, AzPlan, Deploy, Inputs, IpMode, Launch, Plan};
use std::collections::BTreeMap;

fn net(s: &str) -> ipnet::Ipv4Net {
    s.parse().unwrap()
}

/// Inputs: the defaults changed by `f`.
fn with(f: impl FnOnce(&mut Inputs)) -> Inputs {
    let mut i = Inputs::default();
    f(&mut i);
    i
}

/// Plans of several shapes: EC2 and Fargate, one to six AZs, a secondary CIDR, IPv6, no tasks,
/// exhausted subnets, a task size.
#[rustfmt::skip]
fn plans() -> Vec<Plan> {
    [
        Inputs::default(),
        with(|i| (i.trunking, i.secondary, i.ip_mode) = (true, true, IpMode::Dual)),
        with(|i| (i.launch, i.ip_mode, i.ipv6_prefix) = (Launch::Fargate, IpMode::V6Only, 56)),
        with(|i| (i.deploy, i.cpu, i.memory_mib, i.instance) = (Deploy::BlueGreen, Some(512), Some(1024), "m5.4xlarge".into())),
        with(|i| (i.azs, i.tasks, i.other.alb, i.other.nat) = (1, 0, true, 2)),
        with(|i| (i.azs, i.tasks, i.vpc, i.host_prefix) = (6, 5_000_000, net("10.0.0.0/16"), 28)),
        with(|i| (i.secondary, i.task_cidr, i.task_prefix, i.azs) = (true, net("100.64.0.0/17"), 20, 4)),
    ]
    .iter()
    .map(|i| plan(i).unwrap())
    .collect()
}

/// The numbers of a per-AZ row by its CSV/JSON name.
fn az_value(a: &AzPlan, name: &str) -> Option<String> {
    let subnet = |s: Option<&awsvpc_planner::calc::plan::SubnetUse>, what: &str| {
        s.map(|s| match what {
            "subnet" => s.cidr.to_string(),
            "usable" => s.usable.to_string(),
            "used" => s.used().to_string(),
            "peak" => s.peak().to_string(),
            "free-at-peak" => s.free_at_peak().to_string(),
            _ => panic!("unknown subnet column {what}"),
        })
    };
    match name.split_once('-') {
        Some(("host", what)) => subnet(Some(&a.host), what),
        Some(("task", what)) => subnet(a.task.as_ref(), what),
        _ => Some(
            match name {
                "tasks" => a.tasks,
                "instances" => a.instances,
                "peak-tasks" => a.peak_tasks,
                "peak-instances" => a.peak_instances,
                "ipv6-used" => a.ipv6_used,
                _ => panic!("unknown AZ column {name}"),
            }
            .to_string(),
        ),
    }
}

// ---- Markdown ----------------------------------------------------------------------------------

/// The cells of a Markdown table row (`\|` is a literal bar).
fn md_cells(line: &str) -> Vec<String> {
    let inner = line
        .trim()
        .strip_prefix('|')
        .unwrap()
        .strip_suffix('|')
        .unwrap();
    let mut cells = vec![String::new()];
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cells.last_mut().unwrap().push(chars.next().unwrap())
            }
            '|' => cells.push(String::new()),
            c => cells.last_mut().unwrap().push(c),
        }
    }
    cells.iter().map(|c| c.trim().to_string()).collect()
}

/// Every table of a Markdown text: its header and its rows.
fn md_tables(text: &str) -> Vec<(Vec<String>, Vec<Vec<String>>)> {
    let mut tables = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        if !line.starts_with('|') {
            continue;
        }
        let header = md_cells(line);
        let rule = md_cells(lines.next().expect("a rule under the header"));
        assert_eq!(rule.len(), header.len(), "rule under {line}");
        assert!(rule.iter().all(|r| r == "---" || r == "---:"), "{rule:?}");
        let mut rows = Vec::new();
        while let Some(row) = lines.next_if(|l| l.starts_with('|')) {
            let cells = md_cells(row);
            assert_eq!(cells.len(), header.len(), "row {row} under {line}");
            rows.push(cells);
        }
        tables.push((header, rows));
    }
    tables
}

/// A number as Markdown shows it (`12,273`), or `None` for `n/a`.
fn md_number(s: &str) -> Option<u128> {
    (s != "n/a").then(|| s.replace(',', "").parse().unwrap())
}

#[test]
fn markdown_reads_back_to_the_plan() {
    for p in plans() {
        let text = markdown(&p);
        let tables = md_tables(&text);
        let [(inputs_h, inputs), (results_h, results), (azs_h, azs)] = &tables[..] else {
            panic!("three tables expected:\n{text}")
        };
        assert_eq!(
            (
                inputs_h[0].as_str(),
                results_h[0].as_str(),
                azs_h[0].as_str()
            ),
            ("Input", "Result", "Per AZ")
        );
        assert_eq!(
            inputs.len(),
            awsvpc_planner::calc::share::pairs(&p.inputs).len()
        );
        assert!(inputs.contains(&vec![
            "Instance type".to_string(),
            p.inputs.instance.clone()
        ]));
        assert_eq!(results.len(), Metric::ALL.len());
        for (row, m) in results.iter().zip(Metric::ALL) {
            assert_eq!(row[0], m.label());
            assert_eq!(md_number(&row[1]), value(&p, m), "{} in\n{text}", m.id());
        }
        let want_header: Vec<String> = p
            .azs
            .iter()
            .map(|a| format!("AZ {}", a.index + 1))
            .collect();
        assert_eq!(azs_h[1..], want_header[..]);
        let csv_names = csv_rows(&csv(&p));
        for (r, row) in azs.iter().enumerate() {
            for (a, cell) in p.azs.iter().zip(&row[1..]) {
                // The row's CSV name: the r-th name of this AZ in the CSV.
                let section = format!("az{}", a.index + 1);
                let name = &csv_names.iter().filter(|c| c[0] == section).nth(r).unwrap()[1];
                assert_eq!(
                    Some(cell.replace(',', "")),
                    az_value(a, name),
                    "{section} {name} in\n{text}"
                );
            }
        }
        assert!(text.contains(&format!("Instance data {DATASET_VERSION}")));
    }
}

#[test]
fn markdown_escapes_cells() {
    // Fargate ignores the instance type, so any text can reach the export.
    let p = plan(&with(|i| {
        (i.launch, i.instance) = (Launch::Fargate, "a|b\n<i>c".into())
    }))
    .unwrap();
    let text = markdown(&p);
    assert!(text.contains("| Instance type | a\\|b &lt;i>c |"), "{text}");
    assert_eq!(md_tables(&text)[0].1[1], ["Instance type", "a|b &lt;i>c"]);
}

// ---- CSV ---------------------------------------------------------------------------------------

/// Records of an RFC 4180 text (CRLF line ends, `""` inside quotes).
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    assert!(text.ends_with("\r\n"), "ends with CRLF");
    let (mut rows, mut row, mut field) = (Vec::new(), Vec::new(), String::new());
    let (mut quoted, mut chars) = (false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => field.push(chars.next().unwrap()),
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => assert_eq!(chars.next(), Some('\n'), "CR without LF"),
            (false, '\n') => panic!("bare LF"),
            (false, c) => field.push(c),
        }
        if !quoted && c == '\r' {
            row.push(std::mem::take(&mut field));
            rows.push(std::mem::take(&mut row));
        }
    }
    assert!(
        !quoted && row.is_empty() && field.is_empty(),
        "unterminated record"
    );
    rows
}

#[test]
fn csv_reads_back_to_the_plan() {
    for p in plans() {
        let text = csv(&p);
        let rows = csv_rows(&text);
        assert!(rows.iter().all(|r| r.len() == 3), "three fields per record");
        assert_eq!(rows[0], ["section", "name", "value"]);
        let outputs: BTreeMap<&str, &str> = rows
            .iter()
            .filter(|r| r[0] == "output")
            .map(|r| (r[1].as_str(), r[2].as_str()))
            .collect();
        assert_eq!(outputs.len(), Metric::ALL.len());
        for m in Metric::ALL {
            let got = outputs[m.id()];
            assert_eq!(
                (!got.is_empty()).then(|| got.parse::<u128>().unwrap()),
                value(&p, m),
                "{}",
                m.id()
            );
        }
        for a in &p.azs {
            let section = format!("az{}", a.index + 1);
            let names: Vec<&Vec<String>> = rows.iter().filter(|r| r[0] == section).collect();
            assert!(names.len() >= 9, "{section}");
            for r in names {
                assert_eq!(Some(r[2].clone()), az_value(a, &r[1]), "{section} {}", r[1]);
            }
        }
        let inputs: Vec<&Vec<String>> = rows.iter().filter(|r| r[0] == "input").collect();
        assert_eq!(
            inputs.len(),
            awsvpc_planner::calc::share::pairs(&p.inputs).len() + 1,
            "every link key and the dataset"
        );
        assert!(inputs.contains(&&vec![
            "input".to_string(),
            "data".into(),
            DATASET_VERSION.into()
        ]));
    }
}

#[test]
fn csv_quotes_fields() {
    let p = plan(&with(|i| {
        (i.launch, i.instance) = (Launch::Fargate, "a,\"b\"\r\nc".into())
    }))
    .unwrap();
    let text = csv(&p);
    assert!(
        text.contains("\r\ninput,type,\"a,\"\"b\"\"\r\nc\"\r\n"),
        "{text}"
    );
    assert_eq!(csv_rows(&text)[2], ["input", "type", "a,\"b\"\r\nc"]);
}

// ---- JSON --------------------------------------------------------------------------------------

/// Structural checks that need no JSON parser: brackets balance outside strings, strings close,
/// no raw control characters in strings, and every bare number is an integer of at most 2^53 − 1.
fn well_formed(text: &str) {
    let (mut stack, mut in_str, mut escaped, mut number) =
        (Vec::new(), false, false, String::new());
    for c in text.chars() {
        if in_str {
            assert!(u32::from(c) >= 0x20, "raw control character in a string");
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_str = false,
                _ => {}
            }
            continue;
        }
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        if !number.is_empty() {
            assert!(
                number.parse::<u64>().unwrap() < 1 << 53,
                "{number} would lose precision in JavaScript"
            );
            number.clear();
        }
        match c {
            '"' => in_str = true,
            '{' | '[' => stack.push(c),
            '}' => assert_eq!(stack.pop(), Some('{')),
            ']' => assert_eq!(stack.pop(), Some('[')),
            c => assert!(
                c.is_whitespace() || ":,".contains(c) || "truefalsenull".contains(c),
                "stray {c:?}"
            ),
        }
    }
    assert!(stack.is_empty() && !in_str, "unbalanced");
}

#[test]
fn json_is_well_formed_and_imports_back() {
    for p in plans() {
        let text = json(&p);
        well_formed(&text);
        let keys = [
            "\"schema\": 1",
            "\"data\": \"",
            "\"link\": \"v=1&",
            "\"inputs\": {",
            "\"outputs\": {",
            "\"azs\": [",
        ];
        let at: Vec<usize> = keys
            .iter()
            .map(|k| text.find(k).unwrap_or_else(|| panic!("{k} in {text}")))
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "keys in order: {text}");
        for m in Metric::ALL {
            let want = match value(&p, m) {
                None => "null".to_string(),
                Some(v) if v < 1 << 53 => v.to_string(),
                Some(v) => format!("\"{v}\""),
            };
            assert!(
                text.contains(&format!("\"{}\": {want}", m.id())),
                "{} = {want} in {text}",
                m.id()
            );
        }
        assert_eq!(text.matches("{\"az\": ").count(), p.azs.len());
        let d = import_json(&text).unwrap();
        assert_eq!((d.notices.as_slice(), d.embed), (&[][..], false));
        assert_eq!(d.form, Form::from_inputs(&p.inputs));
        assert_eq!(d.form.parse(), Ok(p.inputs.clone()));
    }
}

#[test]
fn json_escapes_strings() {
    let p = plan(&with(|i| {
        (i.launch, i.instance) = (Launch::Fargate, "q\"b\\s\u{1}\n\u{e9}".into())
    }))
    .unwrap();
    let text = json(&p);
    well_formed(&text);
    assert!(text.contains(r#""type": "q\"b\\s\u0001\u000a"#), "{text}");
    let d = import_json(&text).unwrap(); // the type is not a catalogue name: a notice, the rest applies
    assert_eq!(
        d.notices.iter().map(|n| n.key.as_str()).collect::<Vec<_>>(),
        ["type"]
    );
    assert_eq!(
        (d.form.launch.as_str(), d.form.instance.as_str()),
        ("fargate", "c5.large")
    );
}

#[test]
#[rustfmt::skip]
fn import_json_cases() {
    // `Ok(notice keys)` with the form fields expected, or the error.
    let check = |text: &str, want: Result<&[&str], ImportError>, fields: &[(&str, &str)]| {
        let got = import_json(text);
        match (&got, &want) {
            (Ok(d), Ok(keys)) => {
                assert_eq!(&d.notices.iter().map(|n| n.key.as_str()).collect::<Vec<_>>(), keys, "{text}");
                assert!(d.form.parse().is_ok(), "{text}");
                for (k, v) in fields {
                    let f = &d.form;
                    let got = match *k { "az" => &f.azs, "tasks" => &f.tasks, "type" => &f.instance, "cpu" => &f.cpu, "vpc" => &f.vpc, _ => panic!("{k}") };
                    assert_eq!(got, v, "{k} of {text}");
                }
            }
            _ => assert_eq!(got.map(|d| d.notices), want.map(|_| vec![]), "{text}"),
        }
    };
    check(r#"{"inputs": {}}"#, Ok(&[]), &[("az", "3")]);
    check(r#"{"inputs": {"az": "2", "tasks": 10}}"#, Ok(&[]), &[("az", "2"), ("tasks", "10")]);
    check(r#" {"inputs":{"az":"0","tasks":"7"}} "#, Ok(&["az"]), &[("az", "3"), ("tasks", "7")]);
    check(r#"{"inputs": {"az": 2.5}}"#, Ok(&["az"]), &[]);
    check(r#"{"inputs": {"az": [2]}}"#, Ok(&["az"]), &[]);
    check(r#"{"inputs": {"az": {"x": 1}, "tasks": "9"}}"#, Ok(&["az"]), &[("tasks", "9")]);
    check(r#"{"inputs": {"cpu": null}}"#, Ok(&[]), &[("cpu", "")]);
    check(r#"{"inputs": {"trunk": true, "alb": false}}"#, Ok(&[]), &[]);
    check(r#"{"inputs": {"type": "<script>alert(1)</script>"}}"#, Ok(&["type"]), &[("type", "c5.large")]);
    check(r#"{"inputs": {"type": "m5.l\u0061rge"}}"#, Ok(&[]), &[("type", "m5.large")]);
    check(r#"{"inputs": {"vpc": "10.0.0.0\/16"}}"#, Ok(&[]), &[("vpc", "10.0.0.0/16")]);
    check(r#"{"inputs": {"az": "2", "az": "4"}}"#, Ok(&[]), &[("az", "4")]);
    check(r#"{"inputs": {"nonsense": 1, "az": "2"}, "more": [1, {"a": null}]}"#, Ok(&[]), &[("az", "2")]);
    check(r#"{"schema": 2, "inputs": {}}"#, Ok(&["v"]), &[]);
    check(r#"{"data": "2020-01", "inputs": {}}"#, Ok(&["data"]), &[]);
    check(&format!(r#"{{"data": "{DATASET_VERSION}", "inputs": {{}}}}"#), Ok(&[]), &[]);
    check(&format!(r#"{{"inputs": {{"type": "{}"}}}}"#, "a".repeat(2000)), Ok(&["type"]), &[]);
    check(r#"{"inputs": {"type": "\ud83d\ude00", "az": "\ud800"}}"#, Ok(&["type", "az"]), &[]);
    check("", Err(ImportError::NotJson(0)), &[]);
    check("   ", Err(ImportError::NotJson(3)), &[]);
    check("v=1&az=2", Err(ImportError::NotJson(0)), &[]);
    check(r#"{"inputs": {}"#, Err(ImportError::NotJson(13)), &[]);
    check(r#"{"inputs": {}} x"#, Err(ImportError::NotJson(15)), &[]);
    check(r#"{"inputs": {},}"#, Err(ImportError::NotJson(14)), &[]);
    check(r#"{"inputs": {"az": 01}}"#, Err(ImportError::NotJson(20)), &[]);
    check(r#"{"inputs": {"az": "a	b"}}"#, Err(ImportError::NotJson(20)), &[]); // raw tab in a string
    check(r#"{"inputs": {"az": "\x"}}"#, Err(ImportError::NotJson(21)), &[]);
    check(r#"{"inputs": {"az": tru}}"#, Err(ImportError::NotJson(18)), &[]);
    check(&format!("{}1{}", "[".repeat(40), "]".repeat(40)), Err(ImportError::NotJson(33)), &[]);
    check(&" ".repeat(300_000), Err(ImportError::TooLarge(300_000)), &[]);
    check("[]", Err(ImportError::NoInputs), &[]);
    check("17", Err(ImportError::NoInputs), &[]);
    check(r#"{"inputs": "v=1&az=2"}"#, Err(ImportError::NoInputs), &[]);
    check(r#"{"plan": {"inputs": {}}}"#, Err(ImportError::NoInputs), &[]);
}

#[test]
fn import_errors_read_well() {
    let check = |e: ImportError, want: &str| assert_eq!(e.to_string(), want);
    check(
        ImportError::NotJson(7),
        "not a plan's JSON: unreadable at byte 7",
    );
    check(
        ImportError::TooLarge(300_000),
        "too large to import: 300,000 bytes, at most 262,144",
    );
    check(ImportError::NoInputs, "no \"inputs\" object in this JSON");
}

// ---- Terraform ---------------------------------------------------------------------------------

#[test]
#[rustfmt::skip]
fn terraform_carves_the_subnets() {
    let check = |i: Inputs, want: &[&str], not: &[&str]| {
        let tf = terraform(&plan(&i).unwrap());
        for w in want {
            assert!(tf.contains(w), "{w} in\n{tf}");
        }
        for n in not {
            assert!(!tf.contains(n), "{n} not in\n{tf}");
        }
        let opens = tf.matches('{').count() - tf.matches("${").count();
        assert_eq!(opens, tf.matches('}').count() - tf.matches("${").count(), "braces balance");
        assert_eq!(tf.matches('[').count(), tf.matches(']').count(), "brackets balance");
        assert_eq!(tf.matches('"').count() % 2, 0, "quotes balance");
    };
    let hosts = ["cidrsubnet(var.vpc_cidr, 4, 0), # AZ 1: 172.31.0.0/20, 4,091 usable", "cidrsubnet(var.vpc_cidr, 4, 1), # AZ 2: 172.31.16.0/20", "cidrsubnet(var.vpc_cidr, 4, 2), # AZ 3: 172.31.32.0/20"];
    check(Inputs::default(), &hosts, &["cidrsubnet(var.vpc_cidr, 4, 3)", "task_cidr", "aws_vpc_ipv4_cidr_block_association"]);
    check(Inputs::default(), &["default     = \"172.31.0.0/16\"", "length(var.azs) == 3", "resource \"aws_subnet\" \"host\" {", "availability_zone = var.azs[count.index]"], &[]);
    check(with(|i| i.secondary = true), &hosts, &[]);
    check(with(|i| i.secondary = true), &[
        "resource \"aws_vpc_ipv4_cidr_block_association\" \"tasks\" {", "cidr_block = var.task_cidr", "default     = \"100.64.0.0/16\"",
        "cidrsubnet(var.task_cidr, 2, 0), # AZ 1: 100.64.0.0/18, 16,379 usable", "cidrsubnet(var.task_cidr, 2, 2), # AZ 3: 100.64.128.0/18",
        "resource \"aws_subnet\" \"task\" {", "vpc_id            = aws_vpc_ipv4_cidr_block_association.tasks.vpc_id",
    ], &["cidrsubnet(var.task_cidr, 2, 3)"]);
    check(with(|i| (i.azs, i.vpc, i.host_prefix) = (6, net("10.0.0.0/16"), 28)), &["cidrsubnet(var.vpc_cidr, 12, 5), # AZ 6: 10.0.0.80/28, 11 usable", "length(var.azs) == 6"], &[]);
    check(with(|i| (i.azs, i.vpc, i.host_prefix) = (1, net("10.0.0.0/24"), 24)), &["cidrsubnet(var.vpc_cidr, 0, 0), # AZ 1: 10.0.0.0/24, 251 usable"], &[]);
    check(with(|i| (i.secondary, i.task_cidr, i.task_prefix) = (true, net("100.64.0.0/17"), 20)), &["cidrsubnet(var.task_cidr, 3, 1), # AZ 2: 100.64.16.0/20"], &[]);
}
