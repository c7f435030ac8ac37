//! The extras worker's answers (`ui::extras`), called natively with typed requests: the
//! comparison, the growth chart, the ranking, the explanations, the exports and the import, from
//! the link fragment the page sends; and the protocol's codec.
#![cfg(not(target_arch = "wasm32"))]

use awsvpc_planner::calc::explain::{explain, per_az, Metric};
use awsvpc_planner::calc::export;
use awsvpc_planner::calc::share::{decode, encode, encode_query, query_from};
use awsvpc_planner::calc::{plan, rank, select, Inputs, RankQuery};
use awsvpc_planner::ui::extras::{Extras, PAGE};
use awsvpc_planner::ui::protocol::{self, Format, Reply, Request, Sections, What};

/// The sections for `i` with the ranking query, pins and rows shown as given.
fn sections(i: &Inputs, query: String, pins: &[&str], shown: usize, embed: bool) -> Sections {
    let r = Extras::default().respond(Request::Sections {
        fragment: encode(i, false),
        query,
        pins: pins.iter().map(|p| p.to_string()).collect(),
        shown,
        embed,
    });
    match r {
        Reply::Sections(s) => *s,
        other => panic!("not sections: {other:?}"),
    }
}

/// The link pairs of a ranking query (what the page sends).
fn q(family: &str, arch: &str, trunk: &str, sort: &str) -> String {
    encode_query(&query_from(family, arch, trunk, sort, ""))
}

fn default_query() -> String {
    encode_query(&RankQuery::default())
}

/// The raw value of `metric` in scenario `scenario`.
fn scenario_value(s: &Sections, scenario: &str, metric: &str) -> Option<u64> {
    let sc = s.scenarios.iter().find(|x| x.id == scenario)?;
    let m = sc.metrics.as_ref().ok()?.iter().find(|m| m.id == metric)?;
    m.raw.parse().ok()
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
    let s = sections(&secondary(), default_query(), &[], 25, false);
    let ids: Vec<&str> = s.scenarios.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["base", "trunk", "secondary", "trunk-secondary"]);
    // Each scenario's number is the core's plan of that scenario.
    for sc in awsvpc_planner::calc::Scenario::ALL {
        let p = plan(&sc.apply(&secondary())).unwrap();
        for m in [
            Metric::MaxTasks,
            Metric::TasksPerInstance,
            Metric::Instances,
        ] {
            let want = awsvpc_planner::calc::explain::value(&p, m).map(|v| v as u64);
            assert_eq!(scenario_value(&s, sc.id(), m.id()), want, "{sc:?} {m:?}");
        }
    }
    // The figures of the issue-4 table: max tasks per scenario; trunking: 10 per c5.large.
    for (id, want) in [
        ("base", 8181),
        ("trunk", 10227),
        ("secondary", 24546),
        ("trunk-secondary", 49137),
    ] {
        assert_eq!(scenario_value(&s, id, "max-tasks"), Some(want), "{id}");
    }
    assert_eq!(scenario_value(&s, "trunk", "tasks-per-instance"), Some(10));
    // Deltas against the base, and the growth chart (not in the embed view).
    let trunk = &s.scenarios[1].metrics.as_ref().unwrap()[0];
    assert_eq!(trunk.delta.as_deref(), Some("+8"));
    let g = s.growth.expect("growth chart");
    assert_eq!(g.series.len(), 4);
    assert_eq!(g.series[0].runs_out.map(|r| r.0), Some(8181));
    assert!(g.series[0].says.contains("8,181"));
    let embed = sections(&secondary(), default_query(), &[], 25, true);
    assert!(embed.growth.is_none() && embed.ranking.is_none());
}

#[test]
fn the_ranking_matches_the_core_and_pages_its_rows() {
    let i = Inputs::default();
    let r = sections(&i, default_query(), &[], PAGE, false)
        .ranking
        .expect("ranking");
    let want = select(&rank(&i), &RankQuery::default());
    assert_eq!(
        default_query(),
        "",
        "the default query adds nothing to a link"
    );
    let names: Vec<&str> = r.rows.iter().map(|r| r.name.as_str()).collect();
    let expected: Vec<&str> = want.iter().take(PAGE).map(|r| r.instance.name).collect();
    assert_eq!(names, expected);
    assert_eq!(
        r.caption,
        format!(
            "{PAGE} of {} types for 1,000 tasks over 3 AZs",
            awsvpc_planner::calc::fmt::int(want.len() as u64)
        )
    );
    assert!(r.more);
    // A c5.large's densities are the core's (2 and 10), the trunked one marked as it is sourced.
    let all = sections(&i, q("c5.large", "", "", "name"), &[], 25, false)
        .ranking
        .unwrap();
    let c5 = all.rows.iter().find(|r| r.name == "c5.large").unwrap();
    let cell = |m: &str| c5.cells.iter().find(|c| c.metric == m).unwrap();
    assert_eq!(
        (cell("k-without").raw.as_str(), cell("k-with").raw.as_str()),
        ("2", "10")
    );
    assert!(!all.more);
}

#[test]
fn filters_and_pins() {
    let i = Inputs::default();
    let r = sections(
        &i,
        q("m7g", "arm64", "", "name"),
        &["c5.large", "m6i.large", "not-a-type"],
        1000,
        false,
    )
    .ranking
    .unwrap();
    let pinned: Vec<&str> = r.pinned.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(pinned, ["c5.large", "m6i.large"]);
    let names: Vec<&str> = r.rows.iter().map(|r| r.name.as_str()).collect();
    assert!(
        names.len() >= 8 && names.iter().all(|n| n.starts_with("m7g")),
        "{names:?}"
    );
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
}

#[test]
fn exports_are_the_cores_exports_of_the_linked_plan() {
    let i = secondary();
    let p = plan(&i).unwrap();
    for format in Format::ALL {
        let r = Extras::default().respond(Request::Export {
            fragment: encode(&i, false),
            format,
        });
        let want = match format {
            Format::Markdown => export::markdown(&p),
            Format::Csv => export::csv(&p),
            Format::Json => export::json(&p),
            Format::Terraform => export::terraform(&p),
        };
        assert_eq!(r, Reply::Exported(want), "{format:?}");
    }
}

#[test]
fn explanations_are_the_cores_for_the_linked_plan() {
    let i = secondary();
    let p = plan(&i).unwrap();
    let f = encode(&i, false);
    let mut x = Extras::default();
    let ask = |x: &mut Extras, what: What| match x.respond(Request::Explain {
        fragment: f.clone(),
        what,
    }) {
        Reply::Explained(e) => e,
        other => panic!("{other:?}"),
    };
    for m in Metric::ALL {
        let e = ask(&mut x, What::Metric(m.id().into())).expect("explained");
        assert_eq!(e.formula, explain(&p, m).formula, "{m:?}");
        assert!(e.sources.iter().all(|s| s.url.starts_with("https://")));
        assert!(!e.sources.is_empty());
    }
    let az = ask(&mut x, What::PerAz).unwrap();
    assert_eq!(az.formula, per_az(&p).formula);
    let sc = ask(&mut x, What::Scenario("trunk".into(), "max-tasks".into())).unwrap();
    assert!(sc.formula.join(" ").contains("10,227"), "{sc:?}");
    let ranking = ask(&mut x, What::Ranking).unwrap();
    assert!(ranking.formula.join(" ").contains("instances = Σ over AZs"));
    assert_eq!(ask(&mut x, What::Metric("nonsense".into())), None);
    assert_eq!(
        ask(&mut x, What::Scenario("nope".into(), "max-tasks".into())),
        None
    );
}

#[test]
fn import_answers_the_link_of_the_imported_plan_and_its_notices() {
    let i = secondary();
    let json = export::json(&plan(&i).unwrap());
    let imported =
        |text: &str| match Extras::default().respond(Request::Import { text: text.into() }) {
            Reply::Imported(r) => r,
            other => panic!("{other:?}"),
        };
    let r = imported(&json).expect("imports");
    assert_eq!(decode(&r.fragment).form.parse(), Ok(i));
    assert!(r.notices.is_empty(), "{r:?}");
    // Not a plan at all: why.
    assert!(!imported("not json").unwrap_err().is_empty());
}

#[test]
fn messages_round_trip_through_the_codec_and_garbage_decodes_to_nothing() {
    let requests = [
        Request::Sections {
            fragment: "v=1&tasks=5".into(),
            query: q("m7g", "arm64", "yes", "name"),
            pins: vec!["c5.large".into()],
            shown: 25,
            embed: true,
        },
        Request::Explain {
            fragment: String::new(),
            what: What::Scenario("trunk".into(), "max-tasks".into()),
        },
        Request::Export {
            fragment: "v=1".into(),
            format: Format::Terraform,
        },
        Request::Import {
            text: "{\"a\": \"<script>\"}".into(),
        },
    ];
    for (n, r) in requests.into_iter().enumerate() {
        let bytes = protocol::encode(n as u32, &r);
        let back = protocol::decode::<Request>(&bytes).expect("decodes");
        assert_eq!((back.id, back.body), (n as u32, r));
    }
    let reply = sections(&secondary(), default_query(), &[], 25, false);
    let bytes = protocol::encode(9, &Reply::Sections(Box::new(reply.clone())));
    assert_eq!(
        protocol::decode::<Reply>(&bytes).map(|e| e.body),
        Some(Reply::Sections(Box::new(reply)))
    );
    for garbage in [&b""[..], b"\xff\xff\xff\xff\xff\xff\xff\xff\xff", b"ready"] {
        assert_eq!(protocol::decode::<Request>(garbage), None);
    }
}

#[test]
fn subnets_are_read_and_a_role_moves_within_its_az() {
    use awsvpc_planner::ui::protocol::{Mark, SubnetsView};
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/subnets/three-az.json"
    ))
    .unwrap();
    let ask = |marks: Option<Vec<Mark>>, set: Option<(usize, Mark)>| -> SubnetsView {
        match Extras::default().respond(Request::Subnets {
            text: text.clone(),
            vpc: None,
            marks,
            set,
            fragment: encode(&Inputs::default(), false),
        }) {
            Reply::Subnets(Ok(v)) => *v,
            other => panic!("{other:?}"),
        }
    };
    // By default each AZ's host is its subnet with the most free addresses: the /20s (3..6).
    let first = ask(None, None);
    let hosts = |v: &SubnetsView| -> Vec<usize> {
        (0..v.marks.len())
            .filter(|&n| v.marks[n] == Mark::Host)
            .collect()
    };
    assert_eq!(hosts(&first), [3, 4, 5]);
    assert!(first.errors.is_empty() && !first.changes.is_empty());
    // Marking the first AZ's /24 as host takes the role from that AZ's /20, and no other.
    let moved = ask(Some(first.marks.clone()), Some((0, Mark::Host)));
    assert_eq!(hosts(&moved), [0, 4, 5]);
    // A task subnet in one AZ only is not a plan: it says why, and sets nothing.
    let one = ask(Some(moved.marks.clone()), Some((3, Mark::Task)));
    assert_eq!(one.marks[3], Mark::Task);
    assert!(!one.errors.is_empty() && one.changes.is_empty());
    // The /24s as hosts and the /20s as task subnets in every AZ.
    let mut v = one;
    for set in [
        (1, Mark::Host),
        (2, Mark::Host),
        (4, Mark::Task),
        (5, Mark::Task),
    ] {
        v = ask(Some(v.marks.clone()), Some(set));
    }
    assert!(v.errors.is_empty(), "{:?}", v.errors);
    assert!(v
        .changes
        .iter()
        .any(|(k, val)| k == "tnets" && val.starts_with("10.0.16.0/20@500")));
    // Not describe-subnets: why.
    match Extras::default().respond(Request::Subnets {
        text: "{\"Vpcs\": []}".into(),
        vpc: None,
        marks: None,
        set: None,
        fragment: String::new(),
    }) {
        Reply::Subnets(Err(e)) => assert!(e.contains("describe-vpcs"), "{e}"),
        other => panic!("{other:?}"),
    }
}
