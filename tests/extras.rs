//! The extras worker's answers (`ui::extras`), called natively with typed requests: the
//! comparison, the growth chart, the ranking, the explanations, the exports and the imports, for
//! the inputs the page sends; and the protocol's codec.
#![cfg(not(target_arch = "wasm32"))]

use awsvpc_planner::calc::explain::{explain, per_az, value, Metric};
use awsvpc_planner::calc::export;
use awsvpc_planner::calc::rank::PAGE;
use awsvpc_planner::calc::share::query_from;
use awsvpc_planner::calc::{plan, rank, select, Field, Inputs, RankQuery, Scenario};
use awsvpc_planner::ui::extras::Extras;
use awsvpc_planner::ui::protocol::{
    self, Change, Format, Mark, Reply, Request, Sections, SectionsRequest, SubnetsRequest,
    SubnetsView, What,
};

/// The sections for `i` with the ranking query, pins and rows shown as given.
fn sections(i: &Inputs, query: RankQuery, pins: &[&str], shown: usize, embed: bool) -> Sections {
    let r = Extras::default().respond(Request::Sections(Box::new(SectionsRequest {
        inputs: i.clone(),
        query,
        pins: pins.iter().map(|p| p.to_string()).collect(),
        shown,
        embed,
    })));
    match r {
        Reply::Sections(s) => *s,
        other => panic!("not sections: {other:?}"),
    }
}

/// A ranking query from its link codes.
fn q(family: &str, arch: &str, trunk: &str, sort: &str) -> RankQuery {
    query_from(family, arch, trunk, sort, "")
}

/// The value of `metric` in scenario `scenario`.
fn scenario_value(s: &Sections, scenario: Scenario, metric: Metric) -> Option<i128> {
    let sc = s.scenarios.iter().find(|x| x.scenario == scenario)?;
    let m = sc
        .metrics
        .as_ref()
        .ok()?
        .iter()
        .find(|m| m.metric == metric)?;
    m.value
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
    let s = sections(&secondary(), RankQuery::default(), &[], 25, false);
    let ids: Vec<Scenario> = s.scenarios.iter().map(|x| x.scenario).collect();
    assert_eq!(ids, Scenario::ALL);
    // Each scenario's number is the core's plan of that scenario.
    for sc in Scenario::ALL {
        let p = plan(&sc.apply(&secondary())).unwrap();
        for m in [
            Metric::MaxTasks,
            Metric::TasksPerInstance,
            Metric::Instances,
        ] {
            let want = value(&p, m).map(|v| v as i128);
            assert_eq!(scenario_value(&s, sc, m), want, "{sc:?} {m:?}");
        }
    }
    // The figures of the issue-4 table: max tasks per scenario; trunking: 10 per c5.large.
    for (sc, want) in [
        (Scenario::Base, 8181),
        (Scenario::Trunk, 10227),
        (Scenario::Secondary, 24546),
        (Scenario::TrunkSecondary, 49137),
    ] {
        assert_eq!(
            scenario_value(&s, sc, Metric::MaxTasks),
            Some(want),
            "{sc:?}"
        );
    }
    assert_eq!(
        scenario_value(&s, Scenario::Trunk, Metric::TasksPerInstance),
        Some(10)
    );
    // Deltas against the base (numbers: the page formats them), and the growth chart (not in
    // the embed view).
    let trunk = &s.scenarios[1].metrics.as_ref().unwrap()[0];
    assert_eq!(trunk.delta, Some(8));
    let g = s.growth.expect("growth chart");
    assert_eq!(g.series.len(), 4);
    assert_eq!(g.series[0].runs_out.map(|r| r.0), Some(8181));
    let embed = sections(&secondary(), RankQuery::default(), &[], 25, true);
    assert!(embed.growth.is_none() && embed.ranking.is_none());
}

#[test]
fn the_ranking_matches_the_core_and_pages_its_rows() {
    let i = Inputs::default();
    let r = sections(&i, RankQuery::default(), &[], PAGE, false)
        .ranking
        .expect("ranking");
    let want = select(&rank(&i), &RankQuery::default());
    let names: Vec<&str> = r.rows.iter().map(|r| r.name.as_str()).collect();
    let expected: Vec<&str> = want.iter().take(PAGE).map(|r| r.instance.name).collect();
    assert_eq!(names, expected);
    assert_eq!(r.matched, want.len());
    assert!(r.matched > r.rows.len());
    // A c5.large's densities are the core's (2 and 10).
    let all = sections(&i, q("c5.large", "", "", "name"), &[], 25, false)
        .ranking
        .unwrap();
    let c5 = all.rows.iter().find(|r| r.name == "c5.large").unwrap();
    assert_eq!((c5.cells[0], c5.cells[1]), (Some(2), Some(10)));
    assert_eq!(all.matched, all.rows.len());
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
fn exports_are_the_cores_exports_of_the_plan() {
    let i = secondary();
    let p = plan(&i).unwrap();
    for format in Format::ALL {
        let r = Extras::default().respond(Request::Export {
            inputs: Box::new(i.clone()),
            format,
        });
        let want = match format {
            Format::Markdown => export::markdown(&p),
            Format::Csv => export::csv(&p),
            Format::Json => export::json(&p),
            Format::Terraform => export::terraform(&p),
        };
        assert_eq!(r, Reply::Exported(Ok(want)), "{format:?}");
    }
    // Inputs that make no plan: why, never an empty file.
    let bad = Inputs {
        azs: 9,
        ..Inputs::default()
    };
    match Extras::default().respond(Request::Export {
        inputs: Box::new(bad),
        format: Format::Csv,
    }) {
        Reply::Exported(Err(e)) => assert_eq!(e, "9 AZs: choose 1 to 6"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn explanations_are_the_cores_for_the_plan() {
    let i = secondary();
    let p = plan(&i).unwrap();
    let mut x = Extras::default();
    let ask = |x: &mut Extras, i: &Inputs, what: What| match x.respond(Request::Explain {
        inputs: Box::new(i.clone()),
        what,
    }) {
        Reply::Explained(e) => e,
        other => panic!("{other:?}"),
    };
    for m in Metric::ALL {
        let e = ask(&mut x, &i, What::Metric(m)).expect("explained");
        assert_eq!(e.formula, explain(&p, m).formula, "{m:?}");
        assert!(e.sources.iter().all(|s| s.url.starts_with("https://")));
        assert!(!e.sources.is_empty());
    }
    let az = ask(&mut x, &i, What::PerAz).unwrap();
    assert_eq!(az.formula, per_az(&p).formula);
    let sc = ask(
        &mut x,
        &i,
        What::Scenario(Scenario::Trunk, Metric::MaxTasks),
    )
    .unwrap();
    assert!(sc.formula.join(" ").contains("10,227"), "{sc:?}");
    let ranking = ask(&mut x, &i, What::Ranking).unwrap();
    assert!(ranking.formula.join(" ").contains("instances = Σ over AZs"));
    // Inputs that make no plan have no explanation, never the default plan's.
    let bad = Inputs {
        azs: 9,
        ..Inputs::default()
    };
    assert_eq!(ask(&mut x, &bad, What::Metric(Metric::IpsUsable)), None);
}

#[test]
fn import_answers_the_imported_plan_and_its_notices() {
    let i = secondary();
    let json = export::json(&plan(&i).unwrap());
    let imported =
        |text: &str| match Extras::default().respond(Request::Import { text: text.into() }) {
            Reply::Imported(r) => r,
            other => panic!("{other:?}"),
        };
    let r = imported(&json).expect("imports");
    assert_eq!(r.form.parse(), Ok(i));
    assert!(r.notices.is_empty(), "{r:?}");
    // Not a plan at all: why.
    assert!(!imported("not json").unwrap_err().is_empty());
}

#[test]
fn messages_round_trip_through_the_codec_and_garbage_is_named() {
    let requests = [
        Request::Sections(Box::new(SectionsRequest {
            inputs: secondary(),
            query: q("m7g", "arm64", "yes", "name"),
            pins: vec!["c5.large".into()],
            shown: 25,
            embed: true,
        })),
        Request::Explain {
            inputs: Box::default(),
            what: What::Scenario(Scenario::Trunk, Metric::MaxTasks),
        },
        Request::Export {
            inputs: Box::default(),
            format: Format::Terraform,
        },
        Request::Import {
            text: "{\"a\": \"<script>\"}".into(),
        },
    ];
    for (n, r) in requests.into_iter().enumerate() {
        let bytes = protocol::encode(n as u32, &r);
        let (id, back) = protocol::decode::<Request>(&bytes);
        assert_eq!((id, back.ok()), (Some(n as u32), Some(r)));
    }
    let reply = sections(&secondary(), RankQuery::default(), &[], 25, false);
    let bytes = protocol::encode(9, &Reply::Sections(Box::new(reply.clone())));
    assert_eq!(
        protocol::decode::<Reply>(&bytes).1.ok(),
        Some(Reply::Sections(Box::new(reply)))
    );
    // No request number at all: nothing to answer.
    for garbage in [&b""[..], b"\xff\xff\xff\xff\xff\xff\xff\xff\xff"] {
        assert_eq!(protocol::decode::<Request>(garbage).0, None);
    }
    // A number, then something that is not a request: the worker says it cannot read it.
    let (id, body) = protocol::decode::<Request>(b"\x07ready");
    assert_eq!(id, Some(7));
    assert!(body.is_err());
    let reply =
        awsvpc_planner::ui::answer(&mut Extras::default(), b"\x07ready").expect("an answer");
    match protocol::decode::<Reply>(&reply) {
        (Some(7), Ok(Reply::Unreadable(why))) => {
            assert!(why.starts_with("the message could not be read"), "{why}")
        }
        other => panic!("{other:?}"),
    }
    // With no request number there is no one to answer.
    assert_eq!(
        awsvpc_planner::ui::answer(&mut Extras::default(), b""),
        None
    );
}

/// A describe-subnets fixture's text.
fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/subnets/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).unwrap()
}

/// The worker's view of a describe-subnets `text` with the roles `marks` and the change `set`.
fn subnets(text: &str, marks: Option<Vec<Mark>>, set: Option<Change>) -> SubnetsView {
    match Extras::default().respond(Request::Subnets(Box::new(SubnetsRequest {
        text: text.to_string(),
        vpc: None,
        marks,
        set,
        inputs: Inputs::default(),
    }))) {
        Reply::Subnets(Ok(v)) => *v,
        other => panic!("{other:?}"),
    }
}

#[test]
fn subnets_are_read_and_a_role_moves_within_its_az() {
    let text = fixture("three-az");
    let ask = |marks: Option<Vec<Mark>>, set: Option<Change>| subnets(&text, marks, set);
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
    let moved = ask(Some(first.marks.clone()), Some(Change::Mark(0, Mark::Host)));
    assert_eq!(hosts(&moved), [0, 4, 5]);
    // A task subnet in one AZ only is not a plan: it says why, and sets nothing.
    let one = ask(Some(moved.marks.clone()), Some(Change::Mark(3, Mark::Task)));
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
        v = ask(Some(v.marks.clone()), Some(Change::Mark(set.0, set.1)));
    }
    assert!(v.errors.is_empty(), "{:?}", v.errors);
    // The /20s are in the VPC's primary CIDR: no secondary CIDR is set, and the note says so.
    assert!(
        v.notes
            .iter()
            .any(|n| n.contains("primary CIDR 10.0.0.0/16")),
        "{:?}",
        v.notes
    );
    assert!(!v.changes.iter().any(|(k, _)| *k == Field::TaskCidr));
    assert!(v
        .changes
        .iter()
        .any(|(k, val)| *k == Field::TaskSubnets && val.starts_with("10.0.16.0/20@500")));
    // Not describe-subnets: why.
    match Extras::default().respond(Request::Subnets(Box::new(SubnetsRequest {
        text: "{\"Vpcs\": []}".into(),
        vpc: None,
        marks: None,
        set: None,
        inputs: Inputs::default(),
    }))) {
        Reply::Subnets(Err(e)) => assert!(e.contains("describe-vpcs"), "{e}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn seven_azs_plan_once_one_is_left_out() {
    let text = fixture("seven-azs");
    let ask = |marks: Option<Vec<Mark>>, set: Option<Change>| subnets(&text, marks, set);
    // Seven AZs each with a host subnet: no plan, and the message names the control.
    let seven = ask(None, None);
    assert_eq!(seven.azs.len(), 7);
    assert!(seven.changes.is_empty());
    assert!(
        seven
            .errors
            .iter()
            .any(|e| e.contains("“Not in this plan”")),
        "{:?}",
        seven.errors
    );
    // One AZ left out: six, and the import sets the fields.
    let six = ask(
        Some(seven.marks.clone()),
        Some(Change::LeaveOut("us-east-1d".into())),
    );
    assert!(six.errors.is_empty(), "{:?}", six.errors);
    assert_eq!(six.marks.iter().filter(|m| **m == Mark::Host).count(), 6);
    assert!(six.changes.contains(&(Field::Azs, "6".into())));
    // Marking its subnet as host again brings it back.
    let back = ask(Some(six.marks.clone()), Some(Change::Mark(3, Mark::Host)));
    assert_eq!(back.marks, seven.marks);
}
