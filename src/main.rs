//! Entry point of the browser build: mounts the app, nothing else.
//!
//! Release builds carry the first screen prerendered in `<div id="prerendered">` (`src/shell.rs`).
//! The app renders into a new element that is not in the document yet, starting from what the
//! user already changed in the prerendered form; once its first render is complete it takes the
//! prerendered screen's place in one task (`ui::takeover`): no flash, no layout shift, no id
//! twice in the document, the focus and caret where they were.

use awsvpc_planner::ui::{App, AppProps};

fn main() {
    let doc = web_sys::window().and_then(|w| w.document());
    let prerendered = doc
        .as_ref()
        .and_then(|d| d.get_element_by_id("prerendered"));
    let root = doc.as_ref().and_then(|d| d.create_element("div").ok());
    match (prerendered, root) {
        (Some(pre), Some(root)) => {
            root.set_id("app-root");
            let props = AppProps {
                prerendered: Some(pre),
                root: Some(root.clone()),
                ..AppProps::default()
            };
            yew::Renderer::<App>::with_root_and_props(root, props).render();
        }
        _ => {
            yew::Renderer::<App>::new().render();
        }
    }
}
