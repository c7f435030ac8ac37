//! `refresh-data`: rebuilds `data/*.csv` from the upstream files (see `awsvpc_planner::refresh`
//! and README, "Refreshing the instance data"). Run through `scripts/refresh-data.sh`, which also
//! regenerates the compiled table.
//!
//! ```text
//! refresh-data [--root DIR] [--report FILE] [--dry-run]
//!              [--commit KEY=SHA] [--date KEY=YYYY-MM-DD] [--repo KEY=OWNER/NAME] [--path KEY=PATH]
//!              INPUT...
//! ```
//! `INPUT` is a folder holding the upstream files or the files themselves; `KEY` is `limits`,
//! `sizes` or `ecs`. Prints the report and writes it to `--report` (default
//! `target/refresh-data-report.md`). Writes nothing under `data/` when any input fails to parse,
//! and with `--dry-run`. Exit status: 0 done, 1 an input or data file is wrong, 2 bad usage.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(native::run(std::env::args().skip(1).collect()));
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use awsvpc_planner::refresh::{self, Kind, Overrides, Upstream};
    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};

    /// File names looked for in an input folder, per kind.
    const NAMES: [(&str, Kind); 5] = [
        ("zz_generated.vpclimits.go", Kind::Limits),
        ("vpclimits.go", Kind::Limits),
        ("limits.go", Kind::Limits),
        ("instance-types.md", Kind::Sizes),
        ("container-instance-eni.md", Kind::Ecs),
    ];

    const USAGE: &str = "usage: refresh-data [--root DIR] [--report FILE] [--dry-run] \
        [--commit KEY=SHA] [--date KEY=YYYY-MM-DD] [--repo KEY=OWNER/NAME] [--path KEY=PATH] INPUT...\n\
        INPUT: a folder with the upstream files, or the files (*.go, instance-types.md, container-instance-eni.md); KEY: limits, sizes, ecs";

    pub fn run(args: Vec<String>) -> i32 {
        match parse_args(args) {
            Err(e) => {
                eprintln!("{e}\n{USAGE}");
                2
            }
            Ok(a) => match go(a) {
                Ok(()) => 0,
                Err(e) => {
                    eprintln!("error: {e}");
                    eprintln!("nothing under data/ was written");
                    1
                }
            },
        }
    }

    struct Args {
        root: PathBuf,
        report: Option<PathBuf>,
        dry_run: bool,
        overrides: BTreeMap<Kind, Overrides>,
        inputs: Vec<PathBuf>,
    }

    fn parse_args(args: Vec<String>) -> Result<Args, String> {
        let mut a = Args {
            root: PathBuf::from("."),
            report: None,
            dry_run: false,
            overrides: BTreeMap::new(),
            inputs: Vec::new(),
        };
        let mut it = args.into_iter();
        while let Some(arg) = it.next() {
            let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
            match arg.as_str() {
                "--root" => a.root = PathBuf::from(value("--root")?),
                "--report" => a.report = Some(PathBuf::from(value("--report")?)),
                "--dry-run" => a.dry_run = true,
                "--commit" | "--date" | "--repo" | "--path" => {
                    let v = value(&arg)?;
                    let (k, v) = v
                        .split_once('=')
                        .ok_or(format!("{arg} {v:?}: expected KEY=VALUE"))?;
                    let kind = Kind::from_key(k)
                        .ok_or(format!("{arg}: unknown key {k:?} (limits, sizes, ecs)"))?;
                    let o = a.overrides.entry(kind).or_default();
                    let slot = match arg.as_str() {
                        "--commit" => &mut o.commit,
                        "--date" => &mut o.date,
                        "--repo" => &mut o.repository,
                        _ => &mut o.path,
                    };
                    *slot = Some(v.to_owned());
                }
                "-h" | "--help" => return Err(String::new()),
                s if s.starts_with("--") => return Err(format!("unknown option {s}")),
                s => a.inputs.push(PathBuf::from(s)),
            }
        }
        if a.inputs.is_empty() {
            return Err("no input given".into());
        }
        Ok(a)
    }

    fn read(path: &Path) -> Result<String, refresh::Error> {
        std::fs::read_to_string(path)
            .map_err(|e| refresh::Error::new(&path.display().to_string(), 0, e.to_string()))
    }

    fn go(a: Args) -> Result<(), refresh::Error> {
        // The upstream files: folders expand to the known names they hold.
        let mut files: Vec<PathBuf> = Vec::new();
        for p in &a.inputs {
            if p.is_dir() {
                let mut found = false;
                let mut kinds = Vec::new();
                for (name, kind) in NAMES {
                    let f = p.join(name);
                    if f.is_file() && !kinds.contains(&kind) {
                        kinds.push(kind);
                        files.push(f);
                        found = true;
                    }
                }
                if !found {
                    return Err(refresh::Error::new(
                        &p.display().to_string(),
                        0,
                        "no upstream file in this folder (vpclimits.go, instance-types.md, container-instance-eni.md)",
                    ));
                }
            } else {
                files.push(p.clone());
            }
        }
        let mut inputs = Vec::new();
        for f in &files {
            let name = f.display().to_string();
            let identity = Kind::from_file_name(&name)
                .and_then(|k| a.overrides.get(&k).cloned())
                .unwrap_or_default();
            inputs.push(Upstream {
                text: read(f)?,
                file: name,
                identity,
            });
        }
        let mut current: BTreeMap<&str, String> = BTreeMap::new();
        for f in refresh::FILES {
            let path = a.root.join(f);
            if f == refresh::CARRIED_CSV && !path.exists() {
                continue;
            }
            current.insert(f, read(&path)?);
        }
        let outcome = refresh::refresh(&current, &inputs)?;
        // A closed stdout (`| head`) must not stop the refresh half-way.
        let _ = std::io::Write::write_all(&mut std::io::stdout(), outcome.report.as_bytes());
        let report = a
            .report
            .clone()
            .unwrap_or_else(|| a.root.join("target/refresh-data-report.md"));
        if let Some(dir) = report.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        std::fs::write(&report, &outcome.report)
            .map_err(|e| refresh::Error::new(&report.display().to_string(), 0, e.to_string()))?;
        let say = |line: String| {
            let _ = std::io::Write::write_all(&mut std::io::stdout(), line.as_bytes());
        };
        say(format!("report written to {}\n", report.display()));
        if a.dry_run {
            say("dry run: nothing written under data/\n".to_owned());
            return Ok(());
        }
        // Write each changed file next to its target, then move them all in place.
        let mut staged = Vec::new();
        for f in &outcome.changed {
            let target = a.root.join(f);
            let tmp = target.with_extension("refresh-tmp");
            let text = outcome.files.get(f).cloned().unwrap_or_default();
            if let Err(e) = std::fs::write(&tmp, text) {
                for (t, _) in &staged {
                    let _ = std::fs::remove_file(t);
                }
                return Err(refresh::Error::new(
                    &tmp.display().to_string(),
                    0,
                    e.to_string(),
                ));
            }
            staged.push((tmp, target));
        }
        for (tmp, target) in &staged {
            std::fs::rename(tmp, target).map_err(|e| {
                refresh::Error::new(&target.display().to_string(), 0, e.to_string())
            })?;
        }
        Ok(())
    }
}
