//! Entry point of the extras worker (`ui::extras`): answers the page's messages, nothing else.

fn main() {
    // Natively (tests, clippy) there is no worker scope: nothing to do.
    if cfg!(target_arch = "wasm32") {
        awsvpc_planner::ui::serve_extras();
    }
}
