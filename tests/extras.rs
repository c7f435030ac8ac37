//! The extras worker's answers (`ui::extras`), called natively: the comparison, the growth chart,
//! the ranking tables and the exports, from the link fragment the page sends.
#![cfg(not(target_arch = "wasm32"))]

use awsvpc_planner::calc::export;
use awsvpc_planner::calc::plan::{plan, rank, select, Inputs, RankQuery};
use awsvpc_planner::calc::share::encode;
use awsvpc_planner::ui::extras::{query_codes, query_from, Extras, EXPORTS, PAGE};

fn msg(parts: &[&str]) -> Vec<String> {
    parts.iter().map(|s| s.to_string()).collect()
}

/// The `sections` reply for `i` (ranking query, pins, shown, open, embed as given).
fn sections(
    i: &Inputs,
    q: [&str; 4],
    pins: &str,
    shown: &str,
    open: &str,
    embed: bool,
) -> Vec<String> {
    let f = encode(i, false);
    let embed = if embed { "1" } else { "" };
    Extras::default().respond(&msg(&[
        "sections", "7", &f, q[0], q[1], q[2], q[3], pins, shown, open, embed,
    ]))
}

fn default_query() -> [&'static str; 4] {
    let (a, t, s) = query_codes(&RankQuery::default());
    ["", a, t, s]
}

/// The `data-value` of the first `data-metric="metric"` after `after` in `html`.
fn value_after(html: &str, after: &str, metric: &str) -> Option<u64> {
    let rest = &html[html.find(after)?..];
    let key = format!("data-metric=\"{metric}\" data-value=\"");
    let start = rest.find(&key)? + key.len();
    rest[start..].split('"').next()?.parse().ok()
}

fn secondary() -> Inputs {
    Inputs {
        task_cidr: "100.64.0.0/16".parse().unwrap(),
        task_prefix: 18,
        ..Default::default()
    }
}

#[test]
fn the_comparison_shows_the_four_scenarios_in_order_with_their_numbers() {
    let r = sections(&secondary(), default_query(), "", "25", "", false);
    assert_eq!((r[0].as_str(), r[1].as_str()), ("sections", "7"));
    let c = &r[2];
    let at: Vec<usize> = ["base", "trunk", "secondary", "trunk-secondary"]
        .iter()
        .map(|s| {
            c.find(&format!("data-scenario=\"{s}\""))
                .unwrap_or_else(|| panic!("no {s}"))
        })
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}");
    // The figures of the core's table (issue 4): max tasks per scenario; trunking: 10 per c5.large.
    for (s, want) in [
        ("base", 8181),
        ("trunk", 10227),
        ("secondary", 24546),
        ("trunk-secondary", 49137),
    ] {
        let scope = format!("data-scenario=\"{s}\"");
        assert_eq!(value_after(c, &scope, "max-tasks"), Some(want), "{s}");
    }
    assert_eq!(
        value_after(c, "data-scenario=\"trunk\"", "tasks-per-instance"),
        Some(10)
    );
    assert_eq!(
        value_after(c, "data-scenario=\"trunk\"", "instances"),
        Some(102)
    );
    // The growth chart follows (not in the embed view).
    assert!(c.contains("<figure class=\"growth\""));
    assert!(!sections(&secondary(), default_query(), "", "25", "", true)[2].contains("<figure"));
}

#[test]
fn an_explanation_is_rendered_only_while_open() {
    let closed = sections(&Inputs::default(), default_query(), "", "25", "", false);
    assert!(!closed[2].contains("class=\"explain\""));
    let open = sections(
        &Inputs::default(),
        default_query(),
        "",
        "25",
        "x-trunk-max-tasks,x-ranking",
        false,
    );
    assert!(open[2].contains("<details class=\"metric\" data-x=\"x-trunk-max-tasks\" open>"));
    assert_eq!(open[2].matches("class=\"explain\"").count(), 1);
    assert!(open[2].contains("Source: <a href=\"https://"));
    assert!(open[3].contains("data-x=\"x-ranking\" open>"));
    assert!(open[3].contains("instances = Σ over AZs"));
    assert!(!closed[3].contains("instances = Σ over AZs"));
}

#[test]
fn the_ranking_matches_the_core_and_pages_its_rows() {
    let i = Inputs::default();
    let r = sections(&i, default_query(), "", &PAGE.to_string(), "", false);
    let t = &r[3];
    let want = select(&rank(&i), &RankQuery::default());
    let body = &t[t.find("id=\"ranking\"").unwrap()..];
    let names: Vec<&str> = body
        .split("<tr data-type=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    let expected: Vec<&str> = want.iter().take(PAGE).map(|r| r.instance.name).collect();
    assert_eq!(names, expected);
    assert!(t.contains(&format!(
        "{PAGE} of {} types for 1,000 tasks over 3 AZs",
        awsvpc_planner::calc::fmt::int(want.len() as u64)
    )));
    assert!(t.contains("data-action=\"more\""));
    // The current type is marked; its densities are the core's (2 and 10 for a c5.large).
    let all = sections(&i, ["c5.large", "", "", "name"], "", "25", "", false);
    assert!(all[3].contains("<tr data-type=\"c5.large\" class=\"current\">"));
    assert_eq!(
        value_after(&all[3], "data-type=\"c5.large\"", "k-without"),
        Some(2)
    );
    assert_eq!(
        value_after(&all[3], "data-type=\"c5.large\"", "k-with"),
        Some(10)
    );
    assert!(!all[3].contains("data-action=\"more\""));
}

#[test]
fn filters_and_pins() {
    let i = Inputs::default();
    let r = sections(
        &i,
        ["m7g", "arm64", "", "name"],
        "c5.large,m6i.large",
        "1000",
        "",
        false,
    );
    let t = &r[3];
    let pinned = &t[t.find("id=\"pinned\"").unwrap()..t.find("id=\"ranking\"").unwrap()];
    assert!(pinned.contains("Pinned (2 of 4)"));
    assert!(
        pinned.contains("data-type=\"c5.large\"") && pinned.contains("data-type=\"m6i.large\"")
    );
    let ranked = &t[t.find("id=\"ranking\"").unwrap()..];
    let names: Vec<&str> = ranked
        .split("<tr data-type=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    assert!(
        names.len() >= 8 && names.iter().all(|n| n.starts_with("m7g")),
        "{names:?}"
    );
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    // Four pins disable the other Pin buttons.
    let full = sections(
        &i,
        ["m7g", "", "", ""],
        "m7g.large,m7g.xlarge,m7g.2xlarge,m7g.4xlarge",
        "25",
        "",
        false,
    );
    assert!(full[3].contains("aria-label=\"Pin m7g.medium\" disabled>"));
    assert!(full[3].contains("aria-pressed=\"true\" aria-label=\"Pin m7g.large\">Unpin"));
}

#[test]
fn query_codes_round_trip() {
    for a in ["", "x86_64", "arm64"] {
        for t in ["", "yes", "no"] {
            for s in ["instances", "without", "with", "ips", "name"] {
                let q = query_from("c7", a, t, s);
                assert_eq!(query_codes(&q), (a, t, s));
                assert_eq!(q.family, "c7");
            }
        }
    }
    assert_eq!(query_from("", "z80", "maybe", "size"), RankQuery::default());
}

#[test]
fn exports_are_the_cores_exports_of_the_linked_plan() {
    let i = secondary();
    let p = plan(&i).unwrap();
    for (id, _, _, _) in EXPORTS {
        let r = Extras::default().respond(&msg(&["export", "3", &encode(&i, false), id]));
        let want = match id {
            "markdown" => export::markdown(&p),
            "csv" => export::csv(&p),
            "json" => export::json(&p),
            _ => export::terraform(&p),
        };
        assert_eq!(r, msg(&["export", "3", id, &want]), "{id}");
    }
}

#[test]
fn malformed_messages_get_no_or_empty_answers() {
    let mut x = Extras::default();
    assert!(x.respond(&[]).is_empty());
    assert!(x.respond(&msg(&["ready"])).is_empty());
    assert!(x.respond(&msg(&["<script>", "1"])).is_empty());
    assert_eq!(
        x.respond(&msg(&["export", "1", "v=1&tasks=", "pdf"])),
        msg(&["export", "1", "pdf", ""])
    );
    // A bare `sections` request plans the defaults.
    let r = x.respond(&msg(&["sections"]));
    assert_eq!(
        value_after(&r[2], "data-scenario=\"base\"", "max-tasks"),
        Some(8181)
    );
}

#[test]
fn explanations_are_the_cores_for_the_linked_plan() {
    use awsvpc_planner::calc::explain::{explain, per_az, Metric};
    let i = secondary();
    let p = plan(&i).unwrap();
    let f = encode(&i, false);
    let mut x = Extras::default();
    for m in Metric::ALL {
        let r = x.respond(&msg(&["explain", "5", &f, m.id()]));
        assert_eq!(&r[..3], &msg(&["explain", "5", m.id()])[..], "{m:?}");
        // Every formula line of the core's explanation is in the markup, and a source link.
        for line in explain(&p, m).formula {
            let esc = line
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            assert!(r[3].contains(&esc), "{m:?}: {line}");
        }
        assert!(
            r[3].contains("<p class=\"sources\">Source: <a href=\"https://"),
            "{m:?}"
        );
    }
    let az = x.respond(&msg(&["explain", "6", &f, "per-az"]));
    assert!(per_az(&p).formula.iter().all(|l| az[3].contains(
        &l.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    )));
    assert!(az[3].contains("4,091 usable"));
    assert_eq!(x.respond(&msg(&["explain", "7", &f, "nonsense"]))[3], "");
}

#[test]
fn import_answers_the_link_of_the_imported_plan_and_its_notices() {
    use awsvpc_planner::calc::share::decode;
    let i = secondary();
    let json = export::json(&plan(&i).unwrap());
    let r = Extras::default().respond(&msg(&["import", "9", &json]));
    assert_eq!(&r[..3], &msg(&["import", "9", "ok"])[..]);
    assert_eq!(decode(&r[3]).form.parse(), Ok(i));
    assert_eq!(r.len(), 5, "no notices: {r:?}");
    // Values it cannot use come back as (key, message) pairs; the rest still applies.
    let r = Extras::default().respond(&msg(&[
        "import",
        "9",
        r#"{"inputs": {"az": 0, "tasks": 5}}"#,
    ]));
    assert_eq!(r[2], "ok");
    assert_eq!(decode(&r[3]).form.tasks, "5");
    assert_eq!(r[5], "az");
    assert!(r[6].contains("az"), "{r:?}");
    // Not a plan at all: why.
    let r = Extras::default().respond(&msg(&["import", "9", "not json"]));
    assert_eq!(&r[..3], &msg(&["import", "9", "err"])[..]);
    assert!(!r[3].is_empty());
}
