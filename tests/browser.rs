//! Browser tests: the app mounted in headless Chromium (wasm-bindgen-test-runner).
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test browser`
#![cfg(target_arch = "wasm32")]

use awsvpc_planner::ui::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn mount() -> Element {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let root = doc.create_element("div").expect("div");
    doc.body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    yew::Renderer::<App>::with_root(root.clone()).render();
    root
}

async fn settle() {
    yew::scheduler::flush();
    let p = js_sys::Promise::new(&mut |ok, _| {
        web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&ok, 0)
            .expect("timer");
    });
    wasm_bindgen_futures::JsFuture::from(p)
        .await
        .expect("timer");
    yew::scheduler::flush();
}

fn metric(root: &Element, name: &str) -> String {
    root.query_selector(&format!("#plan [data-metric=\"{name}\"]"))
        .expect("selector")
        .unwrap_or_else(|| panic!("no metric {name}"))
        .get_attribute("data-value")
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn a_link_in_the_fragment_sets_the_plan() {
    web_sys::window()
        .expect("window")
        .location()
        .set_hash("v=1&type=m6i.8xlarge&trunk=1&az=2")
        .expect("hash");
    let root = mount();
    settle().await;
    assert_eq!(metric(&root, "tasks-per-instance"), "90");
    web_sys::window()
        .expect("window")
        .location()
        .set_hash("")
        .expect("hash");
}

#[wasm_bindgen_test]
async fn default_plan_shows_the_headline() {
    let root = mount();
    settle().await;
    assert_eq!(metric(&root, "ips-usable"), "12273");
    assert_eq!(metric(&root, "tasks-per-instance"), "2");
}

#[wasm_bindgen_test]
async fn trunking_toggle_takes_c5_large_to_ten() {
    let root = mount();
    settle().await;
    let input: HtmlInputElement = root
        .query_selector("#trunk")
        .expect("q")
        .expect("trunk toggle")
        .dyn_into()
        .expect("input");
    input.set_checked(true);
    let ev = web_sys::Event::new_with_event_init_dict("change", &{
        let i = web_sys::EventInit::new();
        i.set_bubbles(true);
        i
    })
    .expect("event");
    input.dispatch_event(&ev).expect("dispatch");
    // Yew renders asynchronously: give it a few turns of the event loop.
    for _ in 0..20 {
        settle().await;
        if metric(&root, "tasks-per-instance") == "10" {
            break;
        }
    }
    assert_eq!(metric(&root, "tasks-per-instance"), "10");
}
