//! The build-time render (issue 17): renders the app's first screen for the default plan with
//! Yew's server renderer and writes it into an `index.html`: the one given as the argument, else
//! Trunk's staging copy (`$TRUNK_STAGING_DIR/index.html`, from the post-build hook of a release
//! build; a development build is left as it is). Native only.

use awsvpc_planner::shell;
use awsvpc_planner::ui::{App, AppProps};

fn main() {
    let from_trunk = || {
        let release = std::env::var("TRUNK_PROFILE").map_or(true, |p| p == "release");
        let dir = std::env::var("TRUNK_STAGING_DIR").ok()?;
        release.then(|| format!("{dir}/index.html"))
    };
    let Some(path) = std::env::args().nth(1).or_else(from_trunk) else {
        if std::env::var("TRUNK_STAGING_DIR").is_ok() {
            println!("prerender: development build, first screen not prerendered");
            return;
        }
        eprintln!("usage: awsvpc-prerender path/to/index.html");
        std::process::exit(2);
    };
    let run = || -> Result<(), Box<dyn std::error::Error>> {
        let page = std::fs::read_to_string(&path)?;
        let props = AppProps {
            fragment: Some("".into()),
            ..AppProps::default()
        };
        let app = futures::executor::block_on(
            yew::LocalServerRenderer::<App>::with_props(props)
                .hydratable(false)
                .render(),
        );
        std::fs::write(&path, shell::fill(&page, &app)?)?;
        println!(
            "prerender: the default plan's first screen ({} B) is in {path}",
            app.len()
        );
        Ok(())
    };
    if let Err(e) = run() {
        eprintln!("prerender: {path}: {e}");
        std::process::exit(1);
    }
}
