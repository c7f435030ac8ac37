//! The exports read back: Markdown, CSV and JSON to the same numbers as `explain::signed`
//! (shortfalls negative), JSON to the same inputs, and every export carries the verdict.
//! The Terraform snippet is parsed and evaluated in tests/terraform.rs.
#![cfg(not(target_arch = "wasm32"))]

use awsvpc_planner::calc::catalog;
use awsvpc_planner::calc::catalog::DATASET_VERSION;
use awsvpc_planner::calc::explain::{signed, warning, Metric};
use awsvpc_planner::calc::export::{csv, import_json, json, markdown, ImportError, SCHEMA};
use awsvpc_planner::calc::fmt::int;
use awsvpc_planner::calc::Form;
use awsvpc_planner::calc::{plan, AzPlan, Deploy, Inputs, IpMode, Launch, Plan};
use serde_json::Value;
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
/// exhausted subnets (at steady state, and only at the peak), a task size, trunking.
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
        with(|i| i.tasks = 12_000),
        with(|i| (i.tasks, i.trunking) = (7_000, true)),
    ]
    .iter()
    .map(|i| plan(i).unwrap())
    .collect()
}

/// The numbers of a per-AZ row by its CSV/JSON name.
fn az_value(a: &AzPlan, name: &str) -> Option<String> {
    if name == "name" {
        // These plans name no AZ: each is called by its number.
        return Some(format!("AZ {}", a.number()));
    }
    let subnet = |s: Option<&awsvpc_planner::calc::SubnetUse>, what: &str| {
        s.map(|s| match what {
            "subnet" => s.cidr.to_string(),
            "usable" => s.usable.to_string(),
            "in-use" => s.in_use.to_string(),
            "used" => s.used().to_string(),
            "peak" => s.peak().to_string(),
            "free-at-peak" => (i128::from(s.usable) - i128::from(s.peak())).to_string(),
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

/// A number as Markdown shows it (`12,273`, `short by 250` for −250), or `None` for `n/a`.
fn md_number(s: &str) -> Option<i128> {
    (s != "n/a").then(|| md_raw(s).parse().unwrap())
}

/// A Markdown cell as the raw value: separators dropped, `short by N` as `-N`.
fn md_raw(s: &str) -> String {
    let s = s.replace(',', "");
    match s.strip_prefix("short by ") {
        Some(n) => format!("-{n}"),
        None => s,
    }
}

/// The verdict, computed here from the per-AZ numbers: (fits, fits at peak, short, short at peak).
fn fits(p: &Plan) -> (bool, bool, u64, u64) {
    let subnets = || p.azs.iter().flat_map(|a| a.subnets());
    let short: u64 = subnets().map(|s| s.used().saturating_sub(s.usable)).sum();
    let peak: u64 = subnets().map(|s| s.peak().saturating_sub(s.usable)).sum();
    (short == 0, peak == 0, short, peak)
}

/// Whether the plan's trunking preconditions apply (trunking on and in effect).
fn trunking(p: &Plan) -> bool {
    p.density.is_some_and(|d| d.trunking)
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
        // Every input that applies, and where the tasks get their addresses.
        assert_eq!(
            inputs.len(),
            awsvpc_planner::calc::share::pairs(&p.inputs).len() + 1
        );
        assert_eq!(
            inputs.last().unwrap(),
            &vec![
                "Tasks' addresses".to_string(),
                awsvpc_planner::calc::explain::task_subnets(&p.inputs)
            ]
        );
        // The instance type, where there are instances (Fargate has none).
        assert_eq!(
            inputs.contains(&vec![
                "Instance type".to_string(),
                p.inputs.instance.clone()
            ]),
            p.inputs.launch == awsvpc_planner::calc::Launch::Ec2
        );
        assert_eq!(results.len(), Metric::ALL.len());
        for (row, m) in results.iter().zip(Metric::ALL) {
            assert_eq!(row[0], m.label());
            assert_eq!(md_number(&row[1]), signed(&p, m), "{} in\n{text}", m.id());
        }
        let left = &results.iter().find(|r| r[0] == "IPv4 left").unwrap()[1];
        let (usable, used) = (p.totals.usable, p.totals.used);
        if used > usable {
            assert_eq!(*left, format!("short by {}", int(used - usable)));
        } else {
            assert_eq!(*left, int(usable - used));
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
                // (The CSV's `name` row is the Markdown table's header.)
                let name = &csv_names
                    .iter()
                    .filter(|c| c[0] == section && c[1] != "name")
                    .nth(r)
                    .unwrap()[1];
                assert_eq!(
                    Some(md_raw(cell)),
                    az_value(a, name),
                    "{section} {name} in\n{text}"
                );
            }
        }
        assert!(text.contains(&format!("Instance data {DATASET_VERSION}")));
        // The verdict: its first line says whether it fits, as computed here.
        let (fit, fit_peak, short, short_peak) = fits(&p);
        let first = text.lines().find(|l| l.starts_with("- ")).unwrap();
        match (fit, fit_peak) {
            (true, true) => assert!(first.starts_with("- Fits: "), "{first}"),
            (true, false) => assert!(
                first.contains(&format!(
                    "short by {} addresses at the peak",
                    int(short_peak)
                )),
                "{first}"
            ),
            _ => assert!(
                first.starts_with(&format!("- Does not fit: short by {} ", int(short))),
                "{first}"
            ),
        }
        assert!(text.contains("\n- AZ loss: "), "{text}");
        assert!(
            text.contains("\n- Smallest subnets per AZ that hold the deployment peak: host "),
            "{text}"
        );
        for w in &p.warnings {
            let w = warning(w);
            assert!(
                text.contains(&format!("- {} {}", w.message, w.action)),
                "{} in\n{text}",
                w.id
            );
        }
        for c in catalog::trunking_caveats() {
            assert_eq!(
                text.contains(&format!("- {}: {}", c.title, c.detail)),
                trunking(&p),
                "{}",
                c.title
            );
        }
    }
}

#[test]
fn markdown_escapes_cells() {
    // A subnet name (a plan made in code keeps any text) reaches the export as it is.
    let p = plan(&with(|i| i.labels.host_names = vec!["a|b\n<i>c".into()])).unwrap();
    let text = markdown(&p);
    assert!(
        text.contains("| Host subnet names | a\\|b &lt;i>c |"),
        "{text}"
    );
    assert!(md_tables(&text)[0]
        .1
        .iter()
        .any(|r| *r == ["Host subnet names", "a|b &lt;i>c"]));
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
        // IPv4 left, from the per-AZ numbers: negative when the plan is short.
        let subnets = || p.azs.iter().flat_map(|a| a.subnets());
        let left = subnets().map(|s| i128::from(s.usable)).sum::<i128>()
            - subnets().map(|s| i128::from(s.used())).sum::<i128>();
        assert_eq!(outputs["ips-left"], left.to_string());
        for m in Metric::ALL {
            let got = outputs[m.id()];
            assert_eq!(
                (!got.is_empty()).then(|| got.parse::<i128>().unwrap()),
                signed(&p, m),
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
        let verdict: BTreeMap<&str, &str> = rows
            .iter()
            .filter(|r| r[0] == "verdict")
            .map(|r| (r[1].as_str(), r[2].as_str()))
            .collect();
        let (fit, fit_peak, short, short_peak) = fits(&p);
        let yes = |b: bool| if b { "yes" } else { "no" };
        let want = [
            ("fits", yes(fit).to_string()),
            ("fits-at-peak", yes(fit_peak).to_string()),
            ("short", short.to_string()),
            ("short-at-peak", short_peak.to_string()),
        ];
        assert_eq!(
            verdict,
            want.iter().map(|(k, v)| (*k, v.as_str())).collect()
        );
        let texts: Vec<&str> = rows
            .iter()
            .filter(|r| r[0] == "verdict-text")
            .map(|r| r[1].as_str())
            .collect();
        assert_eq!(texts, ["fits", "az-loss", "sizing"]);
        let warnings: Vec<&str> = rows
            .iter()
            .filter(|r| r[0] == "warning")
            .map(|r| r[1].as_str())
            .collect();
        let want: Vec<&str> = p.warnings.iter().map(|w| warning(w).id).collect();
        assert_eq!(warnings, want);
        let caveats = rows.iter().filter(|r| r[0] == "trunking").count();
        assert_eq!(
            caveats,
            if trunking(&p) {
                catalog::trunking_caveats().len()
            } else {
                0
            }
        );
    }
}

#[test]
fn csv_quotes_fields() {
    // A subnet name (a plan made in code keeps any text) reaches the export as it is.
    let p = plan(&with(|i| i.labels.host_names = vec!["a,\"b\"\r\nc".into()])).unwrap();
    let text = csv(&p);
    assert!(
        text.contains("\r\ninput,hname,\"a\\,\"\"b\"\"\r\nc\"\r\n"),
        "{text}"
    );
    let rows = csv_rows(&text);
    assert!(rows.contains(&vec![
        "input".to_string(),
        "hname".into(),
        "a\\,\"b\"\r\nc".into()
    ]));
}

// ---- JSON --------------------------------------------------------------------------------------

/// Every number in a JSON value: an integer JavaScript holds exactly (|n| ≤ 2^53 − 1).
fn safe_numbers(v: &Value) {
    match v {
        Value::Number(n) => {
            let n = n
                .as_i64()
                .unwrap_or_else(|| panic!("{n} is not an integer"));
            assert!(
                n.unsigned_abs() < 1 << 53,
                "{n} would lose precision in JavaScript"
            );
        }
        Value::Array(a) => a.iter().for_each(safe_numbers),
        Value::Object(o) => o.values().for_each(safe_numbers),
        _ => {}
    }
}

/// A JSON value as the raw text of a number: numbers as written, decimal strings as they are.
fn raw(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => Some(s.clone()),
        v => panic!("{v} is not a number"),
    }
}

#[test]
fn json_reads_back_to_the_plan_and_imports() {
    for p in plans() {
        let text = json(&p);
        let doc: Value = serde_json::from_str(&text).unwrap();
        safe_numbers(&doc);
        let keys = [
            "schema",
            "data",
            "link",
            "inputs",
            "task-subnets",
            "outputs",
            "verdict",
            "azs",
        ];
        let at: Vec<usize> = keys
            .iter()
            .map(|k| {
                text.find(&format!("\n  \"{k}\": "))
                    .unwrap_or_else(|| panic!("{k} in {text}"))
            })
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "keys in order: {text}");
        assert_eq!(doc.as_object().unwrap().len(), keys.len());
        assert_eq!(doc["schema"], SCHEMA);
        assert_eq!(doc["data"], DATASET_VERSION);
        assert_eq!(
            doc["link"],
            awsvpc_planner::calc::share::encode(&p.inputs, false)
        );
        let inputs: Vec<(String, String)> = doc["inputs"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
            .collect();
        let mut want: Vec<(String, String)> = awsvpc_planner::calc::share::pairs(&p.inputs)
            .into_iter()
            .map(|(k, v)| (k.key().to_string(), v))
            .collect();
        want.sort();
        assert_eq!(inputs, want);
        let outputs = doc["outputs"].as_object().unwrap();
        assert_eq!(outputs.len(), Metric::ALL.len());
        for m in Metric::ALL {
            assert_eq!(
                raw(&outputs[m.id()]),
                signed(&p, m).map(|v| v.to_string()),
                "{}",
                m.id()
            );
        }
        let azs = doc["azs"].as_array().unwrap();
        assert_eq!(azs.len(), p.azs.len());
        for (a, got) in p.azs.iter().zip(azs) {
            let got = got.as_object().unwrap();
            assert_eq!(got["az"], a.index + 1);
            assert!(got.len() >= 10, "{got:?}");
            for (name, v) in got.iter().filter(|(k, _)| *k != "az") {
                assert_eq!(raw(v), az_value(a, name), "az {} {name}", a.index + 1);
            }
        }
        let v = &doc["verdict"];
        let (fit, fit_peak, short, short_peak) = fits(&p);
        assert_eq!(
            (
                &v["fits"],
                &v["fits-at-peak"],
                &v["short"],
                &v["short-at-peak"]
            ),
            (
                &fit.into(),
                &fit_peak.into(),
                &short.into(),
                &short_peak.into()
            )
        );
        match &p.az_loss {
            None => assert_eq!(v["az-loss"], Value::Null),
            Some(l) => assert_eq!(
                v["az-loss"],
                serde_json::json!({"lost": l.lost + 1, "fits": l.fits, "fits-at-peak": l.fits_at_peak})
            ),
        }
        assert_eq!(
            v["smallest-subnets"],
            serde_json::json!({"host": p.sizing.host_prefix, "task": p.sizing.task_prefix})
        );
        let ids: Vec<&str> = v["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w["id"].as_str().unwrap())
            .collect();
        assert_eq!(
            ids,
            p.warnings.iter().map(|w| warning(w).id).collect::<Vec<_>>()
        );
        let caveats = v["trunking-preconditions"].as_array().unwrap().len();
        assert_eq!(
            caveats,
            if trunking(&p) {
                catalog::trunking_caveats().len()
            } else {
                0
            }
        );
        assert_eq!(v["text"].as_object().unwrap().len(), 3);

        let d = import_json(&text).unwrap();
        assert_eq!((d.notices.as_slice(), d.embed), (&[][..], false));
        assert_eq!(d.form, Form::from_inputs(&p.inputs));
        assert_eq!(d.form.parse(), Ok(p.inputs.clone()));
    }
}

#[test]
fn json_escapes_strings() {
    // A subnet name (a plan made in code keeps any text) reaches the export as it is.
    let odd = "q\"b\\s\u{1}\n\u{e9}\u{2028}";
    let p = plan(&with(|i| i.labels.host_names = vec![odd.into()])).unwrap();
    let text = json(&p);
    assert!(text.contains(r#""hname": "q\"b\\\\s\u0001\n"#), "{text}");
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["inputs"]["hname"], "q\"b\\\\s\u{1}\n\u{e9}\u{2028}");
    // Control characters are not a name: a notice, the rest applies.
    let d = import_json(&text).unwrap();
    assert_eq!(
        d.notices.iter().map(|n| n.key.as_str()).collect::<Vec<_>>(),
        ["hname"]
    );
    assert_eq!(d.form.hname, "");
}

/// A document written by the planner before the serde rewrite (schema 1, no verdict), kept as a
/// fixture: it still imports, to the inputs its link holds.
#[test]
fn schema_1_documents_still_import() {
    let text = include_str!("fixtures/plan-schema1.json");
    let old: Value = serde_json::from_str(text).unwrap();
    assert_eq!(old["schema"], 1);
    let d = import_json(text).unwrap();
    assert_eq!(d.notices, []);
    let link = awsvpc_planner::calc::share::decode(old["link"].as_str().unwrap());
    assert_eq!(link.notices, []);
    assert_eq!(d.form, link.form);
    assert_eq!(d.form.tasks, "700");
    assert!(d.form.parse().is_ok());
}

#[test]
#[rustfmt::skip]
fn import_json_cases() {
    // `Ok(notice keys)` with the form fields expected, or the error's message.
    let check = |text: &str, want: Result<&[&str], &str>, fields: &[(&str, &str)]| {
        match (import_json(text), want) {
            (Ok(d), Ok(keys)) => {
                assert_eq!(&d.notices.iter().map(|n| n.key.as_str()).collect::<Vec<_>>(), keys, "{text}");
                assert!(d.form.parse().is_ok(), "{text}");
                for (k, v) in fields {
                    let f = &d.form;
                    let got = match *k { "az" => &f.azs, "tasks" => &f.tasks, "type" => &f.instance, "cpu" => &f.cpu, "vpc" => &f.vpc, _ => panic!("{k}") };
                    assert_eq!(got, v, "{k} of {text}");
                }
            }
            (Err(e), Err(msg)) => assert_eq!(e.to_string(), msg, "{text}"),
            (got, want) => panic!("{text}: {got:?}, want {want:?}"),
        }
    };
    check(r#"{"inputs": {}}"#, Ok(&[]), &[("az", "3")]);
    check(r#"{"inputs": {"az": "2", "tasks": 10}}"#, Ok(&[]), &[("az", "2"), ("tasks", "10")]);
    check(r#" {"inputs":{"az":"0","tasks":"7"}} "#, Ok(&["az"]), &[("az", "3"), ("tasks", "7")]);
    check(r#"{"inputs": {"az": 2.5}}"#, Ok(&["az"]), &[]);
    check(r#"{"inputs": {"az": -2}}"#, Ok(&["az"]), &[]);
    check(r#"{"inputs": {"az": [2]}}"#, Ok(&["az"]), &[]);
    check(r#"{"inputs": {"az": {"x": 1}, "tasks": "9"}}"#, Ok(&["az"]), &[("tasks", "9")]);
    check(r#"{"inputs": {"cpu": null}}"#, Ok(&[]), &[("cpu", "")]);
    check(r#"{"inputs": {"trunk": true, "alb": false}}"#, Ok(&[]), &[]);
    check(r#"{"inputs": {"type": "<script>alert(1)</script>"}}"#, Ok(&["type"]), &[("type", "c5.large")]);
    check(r#"{"inputs": {"type": "m5.l\u0061rge"}}"#, Ok(&[]), &[("type", "m5.large")]);
    check(r#"{"inputs": {"vpc": "10.0.0.0\/16"}}"#, Ok(&[]), &[("vpc", "10.0.0.0/16")]);
    check(r#"{"inputs": {"az": "2", "az": "4"}}"#, Ok(&[]), &[("az", "4")]);
    check(r#"{"inputs": {"nonsense": 1, "az": "2"}, "more": [1, {"a": null}]}"#, Ok(&[]), &[("az", "2")]);
    check(r#"{"schema": 1, "inputs": {}}"#, Ok(&[]), &[]);
    check(r#"{"schema": "2", "inputs": {}}"#, Ok(&[]), &[]);
    check(r#"{"schema": 3, "inputs": {}}"#, Ok(&[]), &[]);
    check(r#"{"schema": 4, "inputs": {}}"#, Ok(&["v"]), &[]);
    check(r#"{"data": "2020-01", "inputs": {}}"#, Ok(&["data"]), &[]);
    check(&format!(r#"{{"data": "{DATASET_VERSION}", "inputs": {{}}}}"#), Ok(&[]), &[]);
    check(&format!(r#"{{"inputs": {{"type": "{}"}}}}"#, "a".repeat(2000)), Ok(&["type"]), &[]);
    check(r#"{"inputs": {"type": "\ud83d\ude00"}}"#, Ok(&["type"]), &[]);
    check("", Err("not JSON: EOF while parsing a value at line 1, column 0"), &[]);
    check("   ", Err("not JSON: EOF while parsing a value at line 1, column 3"), &[]);
    check("v=1&az=2", Err("not JSON: expected value at line 1, column 1"), &[]);
    check("{\"inputs\": {}", Err("not JSON: EOF while parsing an object at line 1, column 13"), &[]);
    check("{\"inputs\": {}} x", Err("not JSON: trailing characters at line 1, column 16"), &[]);
    check("{\n  \"inputs\": {},\n}", Err("not JSON: trailing comma at line 3, column 1"), &[]);
    check(r#"{"inputs": {"az": 01}}"#, Err("not JSON: invalid number at line 1, column 20"), &[]);
    check("{\"inputs\": {\"az\": \"a\tb\"}}", Err("not JSON: control character (\\u0000-\\u001F) found while parsing a string at line 1, column 20"), &[]);
    check(r#"{"inputs": {"az": "\x"}}"#, Err("not JSON: invalid escape at line 1, column 21"), &[]);
    check(r#"{"inputs": {"az": tru}}"#, Err("not JSON: expected ident at line 1, column 22"), &[]);
    check(r#"{"inputs": {"az": "\ud800"}}"#, Ok(&["az"]), &[]); // a lone surrogate: that value only
    // Deep nesting where values are skipped neither fails nor overflows the stack.
    check(&format!("{{\"inputs\": {{\"az\": {}1{}}}}}", "[".repeat(120_000), "]".repeat(120_000)), Ok(&["az"]), &[]);
    check(&format!("{{\"inputs\": {{}}, \"x\": {}1{}}}", "{\"a\":".repeat(40_000), "}".repeat(40_000)), Ok(&[]), &[]);
    check(&format!("{}1{}", "[".repeat(200), "]".repeat(200)), Err("not a plan's JSON: invalid length 1, expected a plan's JSON object, with an \"inputs\" object at line 1, column 401"), &[]);
    check(&" ".repeat(300_000), Err("too large to import: 300,000 bytes, at most 262,144"), &[]);
    check("[]", Err("not a plan's JSON: invalid length 0, expected a plan's JSON object, with an \"inputs\" object at line 1, column 2"), &[]);
    check("17", Err("not a plan's JSON: invalid type: integer `17`, expected a plan's JSON object, with an \"inputs\" object at line 1, column 2"), &[]);
    check(r#"{"inputs": "v=1&az=2"}"#, Err("not a plan's JSON: invalid type: string \"v=1&az=2\", expected a map at line 1, column 21"), &[]);
    check(r#"{"plan": {"inputs": {}}}"#, Err("not a plan's JSON: missing field `inputs` at line 1, column 24"), &[]);
    check(r#"{"inputs": {}, "inputs": {}}"#, Err("not a plan's JSON: duplicate field `inputs` at line 1, column 23"), &[]);
}

#[test]
fn import_errors_read_well() {
    let check = |e: ImportError, want: &str| assert_eq!(e.to_string(), want);
    check(
        ImportError::Syntax {
            message: "trailing comma".into(),
            line: 4,
            column: 3,
        },
        "not JSON: trailing comma at line 4, column 3",
    );
    check(
        ImportError::NotAPlan {
            message: "missing field `inputs`".into(),
            line: 1,
            column: 2,
        },
        "not a plan's JSON: missing field `inputs` at line 1, column 2",
    );
    check(
        ImportError::TooLarge(300_000),
        "too large to import: 300,000 bytes, at most 262,144",
    );
}
