//! The page state's reducer (`ui::state`), one table of cases per action: each is a page before,
//! an action, and what must hold after. Natively, with no browser.
#![cfg(not(target_arch = "wasm32"))]

use awsvpc_planner::calc::share::decode;
use awsvpc_planner::calc::{Field, Fix, RankQuery, RankSort};
use awsvpc_planner::ui::state::{Action, Page, ServiceEdit};

/// The page a link opens, then `actions` applied in turn.
fn after(link: &str, actions: Vec<Action>) -> Page {
    actions.into_iter().fold(Page::open(link), |p, a| p.next(a))
}

#[test]
fn open_reads_the_link_and_keeps_the_address_bar_as_it_was() {
    // (link, tasks shown, a plan shown, notices' keys)
    let cases: [(&str, &str, bool, &[&str]); 5] = [
        ("", "1000", true, &[]),
        ("#v=1&tasks=500", "500", true, &[]),
        (
            "#v=1&tasks=500&utm_source=chat",
            "500",
            true,
            &["utm_source"],
        ),
        ("#v=1&az=9&tasks=7", "7", true, &["az"]),
        ("#v=1&hnets=10.0.0.0/24", "1000", false, &[]), // a conflict: no plan, no default
    ];
    for (link, tasks, planned, notices) in cases {
        let p = Page::open(link);
        assert_eq!(p.form.tasks, tasks, "{link}");
        assert_eq!(p.plan().is_some(), planned, "{link}");
        let keys: Vec<&str> = p.notices.iter().map(|n| n.key.as_str()).collect();
        assert_eq!(keys, notices, "{link}");
        assert_eq!(p.address(), None, "{link}: the address bar stays as opened");
    }
    // Opening another link replaces everything but the embed view's folding.
    let p = after(
        "#v=1&embed=1",
        vec![
            Action::EmbedInputs,
            Action::Open("#v=1&tasks=9&embed=1".into()),
        ],
    );
    assert_eq!(
        (p.form.tasks.as_str(), p.embed_inputs, p.embed),
        ("9", true, true)
    );
}

#[test]
fn edit_changes_one_field_and_the_address_follows() {
    // (field, value, tasks shown after, plan matches the fields, address has)
    let cases: [(Field, &str, &str, bool, &str); 4] = [
        (Field::Tasks, "2500", "2500", true, "tasks=2500"),
        (Field::Trunk, "1", "1000", true, "trunk=1"),
        (Field::Tasks, "lots", "lots", false, ""),
        (Field::Cpu, "1024", "1000", true, "cpu=1024"),
    ];
    for (field, value, tasks, fresh, has) in cases {
        let p = after(
            "#v=1&utm_source=chat",
            vec![Action::Edit(field, value.into())],
        );
        assert_eq!(p.form.tasks, tasks, "{field:?}");
        assert_eq!(!p.stale(), fresh, "{field:?}");
        match p.address() {
            Some(a) => {
                assert!(a.contains(has), "{a}");
                assert!(
                    a.ends_with("&utm_source=chat"),
                    "unknown keys are carried: {a}"
                );
            }
            // While the fields make no plan, the address bar is left as it is, and the last
            // valid plan stays, marked stale.
            None => assert!(!fresh && p.plan().is_some(), "{field:?}"),
        }
    }
    // An edit that changes nothing changes nothing.
    let p = Page::open("");
    assert_eq!(p.next(Action::Edit(Field::Tasks, "1000".into())), p);
}

#[test]
fn edit_all_applies_every_edit_at_once() {
    let p = after(
        "",
        vec![Action::EditAll(vec![
            (Field::Tasks, "2500".into()),
            (Field::Trunk, "1".into()),
            (Field::Azs, "2".into()),
        ])],
    );
    assert_eq!(
        (p.form.tasks.as_str(), p.form.trunk, p.form.azs.as_str()),
        ("2500", true, "2")
    );
    let plan = p.plan().expect("a plan");
    assert_eq!(
        (plan.inputs.tasks, plan.inputs.azs, plan.density.unwrap().k),
        (2500, 2, 10)
    );
    assert!(p
        .address()
        .is_some_and(|a| a.contains("az=2&tasks=2500&trunk=1")));
    assert_eq!(after("", vec![Action::EditAll(vec![])]), Page::open(""));
}

#[test]
fn fix_resolves_the_conflict_it_names() {
    let p = Page::open("#v=1&vpc=10.0.0.0/16&hnets=10.0.0.0/24,10.0.1.0/24");
    let fix = p.errors.iter().find_map(|e| e.fix).expect("a fix");
    assert_eq!(fix, Fix::SetAzs(2));
    let fixed = p.next(Action::Fix(fix));
    assert!(!fixed.stale());
    assert_eq!(fixed.plan().unwrap().inputs.azs, 2);
}

#[test]
fn load_replaces_the_plan_and_the_address_follows() {
    let d = decode("#v=1&tasks=321&az=2");
    let p = after("#v=1&tasks=5", vec![Action::Load(Box::new(d))]);
    assert_eq!(p.form.tasks, "321");
    assert!(p.address().is_some_and(|a| a.contains("az=2&tasks=321")));
    // An imported plan whose values conflict shows no plan, not the one before.
    let p = Page::open("").next(Action::Load(Box::new(decode("#v=1&hnets=10.0.0.0/24"))));
    assert!(p.plan().is_none() && p.stale());
}

#[test]
fn dismiss_drops_the_notices_only() {
    let p = after("#v=1&az=9&tasks=7", vec![Action::Dismiss]);
    assert!(p.notices.is_empty());
    assert_eq!(p.form.tasks, "7");
    assert_eq!(p.address(), None);
}

#[test]
fn query_changes_the_ranking_and_the_link() {
    // (query, address has)
    let by_ips = RankQuery {
        sort: RankSort::Addresses,
        ..RankQuery::default()
    };
    let m7g = RankQuery {
        family: "m7g".into(),
        ..RankQuery::default()
    };
    for (q, has) in [(by_ips, "&rsort=ips"), (m7g, "&rfam=m7g")] {
        let p = after("", vec![Action::Query(q.clone())]);
        assert_eq!(*p.query, q);
        assert!(p.address().is_some_and(|a| a.contains(has)), "{has}");
    }
    // The same query again changes nothing.
    let p = Page::open("#v=1&rsort=ips");
    assert_eq!(
        p.next(Action::Query(RankQuery {
            sort: RankSort::Addresses,
            ..RankQuery::default()
        })),
        p
    );
}

#[test]
fn use_type_plans_with_a_type_of_the_catalogue() {
    // (name, instance type after)
    for (name, want) in [
        ("m6i.large", "m6i.large"),
        ("M6I.LARGE", "m6i.large"),
        ("nope", "c5.large"),
    ] {
        let p = after("", vec![Action::UseType(name.into())]);
        assert_eq!(p.form.instance, want, "{name}");
    }
}

#[test]
fn embed_inputs_folds_and_unfolds() {
    let p = after("#v=1&embed=1", vec![Action::EmbedInputs]);
    assert!(p.embed_inputs);
    assert!(!p.next(Action::EmbedInputs).embed_inputs);
}

#[test]
fn a_link_in_another_case_plans_and_shows_the_same_value() {
    // `ip=V4` plans exactly like `ip=v4` (issue 22); upper-case values of every choice plan with
    // the value they name (issue 23, item 2).
    let lower = Page::open("#v=1&ip=v4");
    let upper = Page::open("#v=1&ip=V4");
    assert_eq!(upper.plan(), lower.plan());
    for (link, want) in [
        ("#v=1&ip=V6ONLY", "v6only"),
        ("#v=1&launch=FARGATE", "fargate"),
        ("#v=1&deploy=BlueGreen", "bluegreen"),
    ] {
        let p = Page::open(link);
        let i = p.inputs().expect("a plan");
        let shown = [
            i.ip_mode.to_string(),
            i.launch.to_string(),
            i.deploy.strategy().to_string(),
        ];
        assert!(shown.contains(&want.to_string()), "{link}: {shown:?}");
    }
}

#[test]
fn service_edits_add_duplicate_remove_and_edit_with_the_link_following() {
    use awsvpc_planner::ui::state::ServiceEdit::{Add, Duplicate, Edit, Remove};
    // (link, edits, the services' names after, a piece of the address bar's link)
    let cases: Vec<(&str, Vec<ServiceEdit>, Vec<&str>, &str)> = vec![
        (
            "",
            vec![Add],
            vec!["app", "service-2"],
            "&svc=service-2,tasks:1&",
        ),
        (
            "",
            vec![Add, Add],
            vec!["app", "service-2", "service-3"],
            "&svc=service-3,tasks:1&",
        ),
        (
            "",
            vec![Duplicate(0)],
            vec!["app", "app-copy"],
            "&svc=app-copy,tasks:1000&",
        ),
        (
            "#v=1&svc=w,tasks:4",
            vec![Duplicate(1)],
            vec!["app", "w", "w-copy"],
            "&svc=w-copy,tasks:4&",
        ),
        (
            "#v=1&svc=w,tasks:4",
            vec![Remove(1)],
            vec!["app"],
            "tasks=1000&",
        ),
        // Removing the first makes the second the first: its fields become the form's own.
        ("#v=1&svc=w,tasks:4", vec![Remove(0)], vec!["w"], "tasks=4&"),
        (
            "#v=1&svc=w,tasks:4",
            vec![Edit(1, Field::Tasks, "9".into())],
            vec!["app", "w"],
            "&svc=w,tasks:9&",
        ),
        (
            "",
            vec![Edit(0, Field::Name, "web".into())],
            vec!["web"],
            "&name=web&",
        ),
        // The last service stays: nothing changed, so the address bar keeps the link as opened.
        ("", vec![Remove(0)], vec!["app"], ""),
    ];
    for (link, edits, names, piece) in cases {
        let p = after(link, edits.iter().cloned().map(Action::Service).collect());
        let got: Vec<String> = (0..p.form.service_count())
            .filter_map(|n| p.form.service(n))
            .map(|s| s.get(Field::Name).to_string())
            .collect();
        assert_eq!(got, names, "{link} {edits:?}");
        match p.address() {
            Some(address) => assert!(
                !piece.is_empty() && address.contains(piece),
                "{link} {edits:?}: {address}"
            ),
            None => assert!(piece.is_empty(), "{link} {edits:?}: no address"),
        }
    }
    // Row keys stay with their service when another is removed.
    let p = after(
        "#v=1&svc=a,tasks:1&svc=b,tasks:2",
        vec![Action::Service(Remove(1))],
    );
    assert_eq!(
        p.form.services.iter().map(|s| s.id).collect::<Vec<_>>(),
        [2]
    );
}
