//! Browser tests: the app mounted in headless Chromium (wasm-bindgen-test-runner).
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test browser`
#![cfg(target_arch = "wasm32")]

use awsvpc_planner::ui::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// An app mounted in its own element. Tests share one page, so each test starts from its own
/// link fragment and unmounts its app at the end ([`Mounted::done`]).
struct Mounted {
    root: Element,
    app: yew::AppHandle<App>,
}

impl Mounted {
    fn done(self) {
        self.app.destroy();
        self.root.remove();
    }
}

fn mount_at(fragment: &str) -> Mounted {
    let w = web_sys::window().expect("window");
    w.history()
        .expect("history")
        .replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("#{fragment}")),
        )
        .expect("replaceState");
    let doc = w.document().expect("document");
    let root = doc.create_element("div").expect("div");
    doc.body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    let app = yew::Renderer::<App>::with_root(root.clone()).render();
    Mounted { root, app }
}

/// Flushes Yew's scheduler, waits `ms` milliseconds (a timer), flushes again.
async fn sleep(ms: i32) {
    yew::scheduler::flush().await;
    let p = js_sys::Promise::new(&mut |ok, _| {
        web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&ok, ms)
            .expect("timer");
    });
    wasm_bindgen_futures::JsFuture::from(p)
        .await
        .expect("timer");
    yew::scheduler::flush().await;
}

/// The value a metric shows, once the app has patched its markup into the page.
fn metric(m: &Mounted, name: &str) -> Option<String> {
    m.root
        .query_selector(&format!("#plan [data-metric=\"{name}\"]"))
        .ok()
        .flatten()
        .map(|e| e.get_attribute("data-value").unwrap_or_default())
}

/// Waits (a bounded number of short timers) until `name` shows `want`, then asserts it.
async fn expect_metric(m: &Mounted, name: &str, want: &str) {
    for _ in 0..40 {
        sleep(10).await;
        if metric(m, name).as_deref() == Some(want) {
            break;
        }
    }
    assert_eq!(metric(m, name).as_deref(), Some(want), "{name}");
}

#[wasm_bindgen_test]
async fn a_link_in_the_fragment_sets_the_plan() {
    let m = mount_at("v=1&type=m6i.8xlarge&trunk=1&az=2");
    expect_metric(&m, "tasks-per-instance", "90").await;
    m.done();
}

#[wasm_bindgen_test]
async fn default_plan_shows_the_headline() {
    let m = mount_at("");
    expect_metric(&m, "ips-usable", "12273").await;
    expect_metric(&m, "tasks-per-instance", "2").await;
    m.done();
}

#[wasm_bindgen_test]
async fn trunking_toggle_takes_c5_large_to_ten() {
    let m = mount_at("");
    expect_metric(&m, "tasks-per-instance", "2").await;
    let input: HtmlInputElement = m
        .root
        .query_selector("#trunk")
        .expect("q")
        .expect("trunk toggle")
        .dyn_into()
        .expect("input");
    input.set_checked(true);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let ev = web_sys::Event::new_with_event_init_dict("change", &init).expect("event");
    input.dispatch_event(&ev).expect("dispatch");
    expect_metric(&m, "tasks-per-instance", "10").await;
    // The link follows the plan once edits pause (250 ms after the last one): wait up to 2 s.
    let hash = || {
        web_sys::window()
            .expect("window")
            .location()
            .hash()
            .expect("hash")
    };
    for _ in 0..40 {
        if hash().contains("trunk=1") {
            break;
        }
        sleep(50).await;
    }
    assert!(hash().contains("trunk=1"), "{}", hash());
    m.done();
}
