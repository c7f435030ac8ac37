//! Entry point of the browser build: mounts the app, nothing else.
//!
//! Release builds carry the first screen prerendered in `<div id="prerendered">` (`src/shell.rs`).
//! The app renders into a new, hidden element placed before it (Yew may yield to the browser
//! while it renders a large tree), and once its first render is complete it shows that element
//! and removes the prerendered one in the same task: the page never flashes or shifts.

use awsvpc_planner::ui::{App, AppProps};
use yew::Callback;

fn main() {
    let doc = web_sys::window().and_then(|w| w.document());
    let prerendered = doc
        .as_ref()
        .and_then(|d| d.get_element_by_id("prerendered"));
    let root = doc.as_ref().and_then(|d| d.create_element("div").ok());
    match (prerendered, root) {
        (Some(pre), Some(root)) if pre.before_with_node_1(&root).is_ok() => {
            root.set_id("app-root");
            let _ = root.set_attribute("hidden", "");
            let shown = root.clone();
            let props = AppProps {
                on_mount: Some(Callback::from(move |()| {
                    let _ = shown.remove_attribute("hidden");
                    pre.remove();
                })),
                ..AppProps::default()
            };
            yew::Renderer::<App>::with_root_and_props(root, props).render();
        }
        _ => {
            yew::Renderer::<App>::new().render();
        }
    }
}
