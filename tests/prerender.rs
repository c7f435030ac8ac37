//! The build-time render of the first screen (issue 17): the default plan's numbers, as `calc`
//! computes them, in the HTML shell; the shell's slot; the release build runs it every time.
#![cfg(not(target_arch = "wasm32"))]

use awsvpc_planner::calc::explain::{shown, Metric};
use awsvpc_planner::calc::{plan, Inputs};
use awsvpc_planner::shell::{fill, ShellError, SLOT};
use awsvpc_planner::ui::{App, AppProps};

fn first_screen() -> String {
    let props = AppProps {
        fragment: Some("".into()),
        ..AppProps::default()
    };
    futures::executor::block_on(
        yew::LocalServerRenderer::<App>::with_props(props)
            .hydratable(false)
            .render(),
    )
}

#[test]
fn the_prerendered_page_holds_the_default_plans_numbers_computed_by_calc() {
    let shell = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/index.html"))
        .expect("index.html");
    let page = fill(&shell, &first_screen()).expect("the shell has its slot");
    let p = plan(&Inputs::default()).expect("the default plan");
    let mut checked = 0;
    for m in Metric::ALL {
        let (raw, text) = shown(&p, m);
        if matches!(
            m,
            Metric::InstancesPeak
                | Metric::PeakTasks
                | Metric::Ipv6PerSubnet
                | Metric::Ipv6Used
                | Metric::IpsInUse
        ) {
            continue; // not headline numbers of the default plan
        }
        // The element carrying the metric, and the text it shows.
        let needle = format!("data-metric=\"{}\" data-value=\"{raw}\"", m.id());
        let at = page
            .find(&needle)
            .unwrap_or_else(|| panic!("{m:?}: {needle}"));
        let shows = page[at..].split_once('>').map(|(_, rest)| rest);
        assert!(
            shows.is_some_and(|r| r.starts_with(&format!("{text}<"))),
            "{m:?} shows {text}"
        );
        checked += 1;
    }
    assert!(checked >= 7);
    // The figures: three default /20s hold 12,273; a c5.large runs 2 tasks.
    assert!(page.contains(">12,273<"));
    assert!(page.contains("data-metric=\"tasks-per-instance\" data-value=\"2\" class=\"value\">2<"));
    // The inputs hold their default values; the note for browsers without WebAssembly is there.
    assert!(page.contains("value=\"1000\" id=\"tasks\""));
    assert!(page.contains("class=\"needs-wasm\""));
    // Filling again replaces the render rather than adding a second one.
    let again = fill(&page, &first_screen()).expect("refill");
    assert_eq!(again, page);
}

#[test]
fn the_shell_must_have_exactly_one_slot() {
    assert_eq!(fill("<body></body>", "x"), Err(ShellError::NoSlot));
    assert_eq!(
        fill(&format!("{SLOT}</div>{SLOT}</div>"), "x"),
        Err(ShellError::TwoSlots)
    );
    assert_eq!(
        fill(&format!("{SLOT}<div>a</div>"), "x"),
        Err(ShellError::NoSlot)
    );
    assert_eq!(
        fill(&format!("<b>{SLOT}<div><div></div></div></div><i>"), "x").as_deref(),
        Ok(format!("<b>{SLOT}x</div><i>").as_str())
    );
}

#[test]
fn every_release_build_renders_the_first_screen_again() {
    // The post-build hook runs the render, so the HTML always follows the current core.
    let trunk = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Trunk.toml"))
        .expect("Trunk.toml");
    assert!(
        trunk.contains("awsvpc-prerender"),
        "no prerender hook in Trunk.toml"
    );
}
