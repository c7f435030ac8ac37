//! Entry point of the browser build: mounts the app, nothing else.

fn main() {
    yew::Renderer::<awsvpc_planner::ui::App>::new().render();
}
