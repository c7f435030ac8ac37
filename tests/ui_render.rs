//! The UI rendered natively with Yew's server renderer (initial state only: no events).
#![cfg(not(target_arch = "wasm32"))]

use awsvpc_planner::ui::App;

fn html() -> String {
    futures::executor::block_on(yew::LocalServerRenderer::<App>::new().render())
}

fn value_of(html: &str, metric: &str) -> Option<String> {
    let key = format!("data-metric=\"{metric}\" data-value=\"");
    let start = html.find(&key)? + key.len();
    Some(html[start..].split('"').next()?.to_string())
}

#[test]
fn default_page_shows_the_headline_numbers() {
    let h = html();
    // (metric, raw value) of the default plan: default VPC, three /20s, c5.large, 1,000 tasks.
    for (metric, want) in [
        ("ips-usable", "12273"),
        ("tasks-per-instance", "2"),
        ("instances", "501"),
        ("ips-used", "1501"),
        ("ips-peak", "3001"),
        ("max-tasks", "8181"),
    ] {
        assert_eq!(value_of(&h, metric).as_deref(), Some(want), "{metric}");
    }
}

#[test]
fn the_sections_below_the_fold_wait_for_the_extras_worker() {
    // Their markup comes from the worker (tests/extras.rs); the page renders their frame.
    let h = html();
    assert!(h.contains("id=\"compare\"") && h.contains("id=\"types\""));
    assert!(h.contains("aria-busy=\"true\"") && h.contains("Loading…"));
    assert!(!h.contains("data-scenario="));
}

#[test]
fn every_input_has_a_label() {
    let h = html();
    for id in [
        "instance",
        "trunk",
        "azs",
        "tasks",
        "cpu",
        "mem",
        "vpc",
        "host",
        "secondary",
        "surge",
        "alb",
        "nlb",
        "nat",
        "vpce",
        "other",
    ] {
        assert!(h.contains(&format!("for=\"{id}\"")), "no label for {id}");
        assert!(h.contains(&format!("id=\"{id}\"")), "no input {id}");
    }
}
