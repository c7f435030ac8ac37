//! The UI rendered natively with Yew's server renderer (initial state only: no events).
#![cfg(not(target_arch = "wasm32"))]

use awsvpc_planner::ui::{App, AppProps};

fn html() -> String {
    futures::executor::block_on(yew::LocalServerRenderer::<App>::new().render())
}

/// The page a link fragment opens.
fn html_of(fragment: &str) -> String {
    let props = AppProps {
        fragment: Some(fragment.to_string().into()),
        ..AppProps::default()
    };
    futures::executor::block_on(yew::LocalServerRenderer::<App>::with_props(props).render())
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

#[test]
fn text_from_a_link_is_escaped_and_errors_sit_next_to_their_field() {
    // A hostile value is quoted in its notice as text, never as markup.
    let h = html_of("v=1&type=%3Cscript%3Ealert(1)%3C%2Fscript%3E&tasks=12");
    assert!(!h.contains("<script"), "{h}");
    assert!(h.contains("&lt;script&gt;"));
    assert!(h.contains("data-key=\"type\""));
    assert_eq!(value_of(&h, "az-tasks").as_deref(), Some("4"));
    // Conflicting values: no plan, no all-clear, the conflict next to the field.
    let h = html_of("v=1&vpc=10.0.0.0/16&hnets=10.0.0.0/24,10.0.1.0/24");
    assert!(
        !h.contains("data-metric="),
        "no numbers for a link that cannot be planned"
    );
    assert!(!h.contains("No warnings"));
    assert!(h.contains("aria-invalid=\"true\""));
    assert!(h.contains("Skip to results"));
}
