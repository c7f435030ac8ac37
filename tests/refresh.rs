//! The instance data refresh (`src/refresh/`, `scripts/refresh-data.sh`): the three upstream
//! parsers on small fixtures written for this project (`tests/fixtures/refresh/`), their errors,
//! a refresh of a fixture `data/` with the expected files and report, the no-op refresh, the
//! binary end to end, and property tests that the parsers never panic.
#![cfg(not(target_arch = "wasm32"))]

use awsvpc_planner::refresh::golimits::{self, VpcLimits};
use awsvpc_planner::refresh::markdown::{self, EcsRow, KarpenterType};
use awsvpc_planner::refresh::{
    self, git_blob_id, next_dataset_version, Overrides, Upstream, FILES,
};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/refresh")
        .join(rel)
}

fn text(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The files a refresh reads, from a project-like folder.
fn tree(root: &Path) -> BTreeMap<&'static str, String> {
    FILES.iter().map(|f| (*f, text(&root.join(f)))).collect()
}

const UPSTREAM: [&str; 3] = [
    "vpclimits.go",
    "instance-types.md",
    "container-instance-eni.md",
];

/// The identity the fixture upstream files are given (they are not the files `before/` records).
fn overrides(file: &str) -> Overrides {
    let s = |v: &str| Some(v.to_owned());
    match file {
        "vpclimits.go" => Overrides {
            repository: s("aws/amazon-vpc-resource-controller-k8s"),
            path: s("pkg/aws/vpc/limits.go"),
            commit: s("9999999999999999999999999999999999999999"),
            date: s("2026-10-03"),
        },
        "instance-types.md" => Overrides {
            commit: s("8888888888888888888888888888888888888888"),
            date: s("2026-10-04"),
            ..Overrides::default()
        },
        _ => Overrides {
            commit: s("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
            date: s("2026-09-30"),
            ..Overrides::default()
        },
    }
}

fn inputs(dir: &str, with_identity: bool) -> Vec<Upstream> {
    UPSTREAM
        .iter()
        .map(|f| Upstream {
            file: format!("{dir}/{f}"),
            text: text(&fixture(&format!("{dir}/{f}"))),
            identity: if with_identity {
                overrides(f)
            } else {
                Overrides::default()
            },
        })
        .collect()
}

/// The 1-based line of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("{needle:?} not in the fixture"))
}

#[test]
fn git_blob_ids_are_the_ones_git_gives() {
    // Git's ids of the empty blob and of "hello\n" (`git hash-object`).
    assert_eq!(git_blob_id(b""), "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
    assert_eq!(
        git_blob_id(b"hello\n"),
        "ce013625030ba8dba906f756967f9e9ca394464a"
    );
    // A blob longer than one SHA-1 block, checked with `git hash-object`.
    assert_eq!(
        git_blob_id("a".repeat(1000).as_bytes()),
        "a50be72b20f0e3f078d252e8e56b11b4bec67509"
    );
}

#[test]
fn limits_fixture_parses_to_the_expected_rows() {
    let t = text(&fixture("upstream/vpclimits.go"));
    let parsed = golimits::parse("vpclimits.go", &t).expect("fixture parses");
    assert_eq!(parsed.generated_at.as_deref(), Some("2026-10-02T00:00:00Z"));
    #[allow(clippy::too_many_arguments)]
    fn row(
        name: &str,
        i: u32,
        v4: u32,
        trunk: bool,
        branch: u32,
        cards: u32,
        hyp: &str,
        metal: bool,
        text: &str,
    ) -> VpcLimits {
        VpcLimits {
            name: name.into(),
            interfaces: i,
            ipv4_per_interface: v4,
            trunking_compatible: trunk,
            branch_interfaces: branch,
            network_cards: cards,
            hypervisor: hyp.into(),
            bare_metal: metal,
            line: line_of(text, &format!("\"{name}\":")),
        }
    }
    let want = vec![
        row("c5.large", 3, 10, true, 9, 1, "nitro", false, &t),
        // Bare metal: empty hypervisor.
        row("c5.metal", 15, 50, true, 107, 1, "", true, &t),
        row("i4i.large", 3, 10, true, 9, 1, "nitro", false, &t),
        row("m7g-flex.large", 3, 10, true, 3, 1, "nitro", false, &t),
        // Four network cards; Interface is the total over all of them.
        row("p4d.24xlarge", 60, 50, true, 62, 4, "nitro", false, &t),
        // Not trunking-compatible (Xen), fields in another order, &VPCLimits, comments.
        row("t2.micro", 2, 2, false, 0, 1, "xen", false, &t),
    ];
    assert_eq!(parsed.types, want);
}

#[test]
fn karpenter_fixture_parses_to_the_expected_rows() {
    let t = text(&fixture("upstream/instance-types.md"));
    let parsed = markdown::parse_karpenter("instance-types.md", &t).expect("fixture parses");
    let row = |name: &str, cpu: Option<u32>, mem: Option<u32>| KarpenterType {
        name: name.into(),
        vcpus: cpu,
        memory_mib: mem,
        arch: Some("amd64".into()),
        line: line_of(&t, &format!("### `{name}`")),
    };
    assert_eq!(
        parsed,
        vec![
            row("c5.large", Some(2), Some(4096)),
            row("c5.metal", Some(96), Some(196_608)),
            row("i4i.large", Some(2), Some(16_384)),
            row("p4d.24xlarge", Some(96), Some(1_179_648)),
            // The fixture leaves out its memory label.
            row("t2.micro", Some(1), None),
        ]
    );
}

#[test]
fn ecs_fixture_parses_to_the_expected_rows() {
    let t = text(&fixture("upstream/container-instance-eni.md"));
    let parsed = markdown::parse_ecs("container-instance-eni.md", &t).expect("fixture parses");
    let row = |name: &str, without: u32, with: i64| EcsRow {
        name: name.into(),
        without,
        with,
        line: line_of(&t, &format!("| {} |", name.replace('.', "\\."))),
    };
    assert_eq!(
        parsed.rows,
        vec![
            row("c5.large", 2, 10),
            row("i4i.large", 2, -2),
            row("c5.metal", 14, 120),
            row("p4d.24xlarge", 59, 120),
        ]
    );
    assert_eq!(parsed.unsupported_families, ["c5n", "u-6tb1"]);
    assert_eq!(parsed.unsupported_types, ["c5.metal"]);
}

/// One entry of a limits.go map with `body` as its fields.
fn go_map(entries: &str) -> String {
    format!("package x\n\nvar Limits = map[string]*VPCLimits{{\n{entries}}}\n")
}

const GOOD_ENTRY: &str = "\t\"c5.large\": {\n\t\tInterface: 3,\n\t\tIPv4PerInterface: 10,\n\t\tIsTrunkingCompatible: true,\n\t\tBranchInterface: 9,\n\t\tNetworkCards: []NetworkCard{\n\t\t\t{MaximumNetworkInterfaces: 3},\n\t\t},\n\t\tHypervisor: \"nitro\",\n\t\tIsBareMetal: false,\n\t},\n";

#[test]
fn malformed_limits_files_are_refused_with_file_and_line() {
    let good = go_map(GOOD_ENTRY);
    assert!(
        golimits::parse("x.go", &good).is_ok(),
        "the base case parses"
    );
    let twice = go_map(&format!("{GOOD_ENTRY}{GOOD_ENTRY}"));
    // (text, line, words the message must contain); the entry starts on line 4.
    let cases: Vec<(String, usize, &str)> = vec![
        (
            good.replace("\t\tIsBareMetal: false,\n", ""),
            4,
            "c5.large: missing IsBareMetal",
        ),
        (
            good.replace("Interface: 3,", "Interface: 3x,"),
            5,
            "\"3x\" is not a decimal integer",
        ),
        (
            good.replace("Interface: 3,", "Interface: -3,"),
            5,
            "Interface is not a whole number",
        ),
        (
            good.replace("Interface: 3,", "Interface: 99999999999,"),
            5,
            "not a whole number up to 4294967295",
        ),
        (
            good.replace("IsBareMetal: false", "IsBareMetal: maybe"),
            13,
            "IsBareMetal is `maybe`, not true or false",
        ),
        (
            good.replace("\"nitro\"", "\"kvm\""),
            12,
            "Hypervisor \"kvm\" is not",
        ),
        (
            good.replace("\"nitro\",", "\"nitro,"),
            12,
            "unterminated string",
        ),
        (
            good.replace(
                "BranchInterface: 9,",
                "BranchInterface: 9,\n\t\tBranchInterface: 9,",
            ),
            9,
            "BranchInterface appears twice",
        ),
        (twice, 15, "c5.large appears twice (first at line 4)"),
        (
            good.replace("\"c5.large\"", "\"C5 Large\""),
            4,
            "\"C5 Large\" is not an instance type name",
        ),
        (
            good.replace("\"c5.large\": {", "c5large: {"),
            4,
            "expected a quoted instance type",
        ),
        (
            good.get(..good.len() - 3).unwrap_or_default().to_owned(),
            14,
            "file ends where an instance type was expected",
        ),
        (
            good.replace("\t},\n}", "\t}\n"),
            15,
            "expected `}`, found the end of the file",
        ),
        (
            good.replace("*VPCLimits", "*Other"),
            0,
            "no `map[string]*VPCLimits",
        ),
        (go_map(""), 4, "the VPCLimits map has no entries"),
        (
            good.replace("/* x", "") + "/* open",
            16,
            "unterminated /* comment",
        ),
    ];
    for (t, line, needle) in cases {
        let e = golimits::parse("limits.go", &t).expect_err(needle);
        assert_eq!(e.file, "limits.go");
        assert!(
            e.message.contains(needle),
            "{e} does not say {needle:?}\n{t}"
        );
        assert_eq!(e.line, line, "{e}");
        let shown = e.to_string();
        let prefix = if line == 0 {
            "limits.go: ".to_owned()
        } else {
            format!("limits.go:{line}: ")
        };
        assert!(shown.starts_with(&prefix), "{shown}");
    }
}

#[test]
fn malformed_markdown_files_are_refused_with_file_and_line() {
    let k = text(&fixture("upstream/instance-types.md"));
    let cpu = line_of(&k, "|karpenter.k8s.aws/instance-cpu|2|");
    let cases: Vec<(String, usize, &str)> = vec![
        (
            k.replacen(
                "|karpenter.k8s.aws/instance-cpu|2|",
                "|karpenter.k8s.aws/instance-cpu|two|",
                1,
            ),
            cpu,
            "c5.large: karpenter.k8s.aws/instance-cpu \"two\" is not a whole number",
        ),
        (
            k.replacen(
                "|karpenter.k8s.aws/instance-memory|4096|",
                "|karpenter.k8s.aws/instance-memory|-1|",
                1,
            ),
            cpu + 2,
            "\"-1\" is not a whole number",
        ),
        (
            k.replacen("### `c5.metal`", "### `c5.large`", 1),
            line_of(&k, "### `c5.metal`"),
            "c5.large has a second section (first at line 7)",
        ),
        (
            k.replacen("### `c5.metal`", "### `C5 Metal`", 1),
            line_of(&k, "### `c5.metal`"),
            "does not name an instance type",
        ),
        (
            k.replacen(
                "|kubernetes.io/arch|amd64|",
                "|kubernetes.io/arch|amd64|\n |kubernetes.io/arch|arm64|",
                1,
            ),
            line_of(&k, "|kubernetes.io/arch|amd64|") + 1,
            "kubernetes.io/arch given twice",
        ),
        ("# nothing here\n".into(), 0, "no \"### `type`\" sections"),
    ];
    for (t, line, needle) in cases {
        let e = markdown::parse_karpenter("instance-types.md", &t).expect_err(needle);
        assert!(e.message.contains(needle), "{e} does not say {needle:?}");
        assert_eq!(
            (e.file.as_str(), e.line),
            ("instance-types.md", line),
            "{e}"
        );
    }

    let p = text(&fixture("upstream/container-instance-eni.md"));
    let c5 = line_of(&p, "| c5\\.large |");
    let header = line_of(&p, "| Instance type |");
    let cases: Vec<(String, usize, &str)> = vec![
        (
            p.replace("| c5\\.large | 2 | 10 |", "| c5\\.large | two | 10 |"),
            c5,
            "c5.large: task limit without trunking \"two\" is not a whole number",
        ),
        (
            p.replace("| c5\\.large | 2 | 10 |", "| c5\\.large | 2 | 1.5 |"),
            c5,
            "task limit with trunking \"1.5\" is not a whole number",
        ),
        (
            p.replace("| c5\\.large | 2 | 10 |", "| c5\\.large | 2 |"),
            c5,
            "a table row with 2 cells; expected 3",
        ),
        (
            p.replace("| i4i\\.large |", "| c5\\.large |"),
            c5 + 1,
            "c5.large has a second row (first at line",
        ),
        (
            p.replace("| c5\\.large |", "| c5 large |"),
            c5,
            "\"c5 large\" is not an instance type",
        ),
        (
            p.replacen("| --- | --- | --- | \n", "", 1),
            header + 1,
            "must be followed by a `| --- |` row",
        ),
        (
            p.replace("`u-6tb1`", "`u 6tb1`"),
            line_of(&p, "`u-6tb1`"),
            "\"u 6tb1\" is not an instance family",
        ),
        (
            p.replace(
                "the `c5.metal` instance types",
                "the c5.metal instance types",
            ),
            line_of(&p, "`c5.metal`"),
            "the unsupported types are not in `backticks`",
        ),
        (
            p.replace("instance families are not supported", "families are fine"),
            0,
            "the unsupported list can't be read",
        ),
        (
            "# ECS\n\nNo table.\n".into(),
            0,
            "no \"Instance type | Task limit …\" table",
        ),
    ];
    for (t, line, needle) in cases {
        let e = markdown::parse_ecs("container-instance-eni.md", &t).expect_err(needle);
        assert!(e.message.contains(needle), "{e} does not say {needle:?}");
        assert_eq!(
            (e.file.as_str(), e.line),
            ("container-instance-eni.md", line),
            "{e}"
        );
    }
}

#[test]
fn refreshing_the_fixtures_gives_the_expected_files_and_report() {
    let before = tree(&fixture("before"));
    let after = tree(&fixture("after"));
    let out = refresh::refresh(&before, &inputs("upstream", true)).expect("refresh");
    for f in FILES {
        assert_eq!(out.files.get(f), after.get(f), "{f}");
    }
    let mut changed = FILES.to_vec();
    changed.sort_unstable();
    assert_eq!(out.changed, changed, "every file changes in this fixture");
    assert!(out.values_changed);
    assert_eq!(out.dataset_version, "2026-10");
    let r = &out.report;
    for line in [
        "data/ec2-network-limits.csv: 7 rows (1 added, 0 removed, 1 changed; 3 carried over)",
        "  added: p4d.24xlarge",
        "  i4i.large: trunking false → true, branch 0 → 9, memory MiB 16000 → 16384",
        "data/ec2-sizes.csv: 6 rows (1 added, 0 removed, 1 changed; 2 carried over)",
        "  i4i.large: memory MiB 16000 → 16384",
        "  3 rows now name commit 8888888888888888888888888888888888888888",
        "  i4i.large: with (empty) → 10",
        "  c5.metal: ECS without (empty) → 14, ECS with (empty) → 120",
        "data/ecs-trunking.csv: 4 rows (2 added, 0 removed, 0 changed)",
        "  added: c5.metal, p4d.24xlarge",
        "  added: family u-6tb1",
        "  i4i.large: without: ECS table; with: none (not trunking-compatible) → without: ECS table; with: derived",
        "  p4d.24xlarge: (new type) → without: ECS table; with: ECS table",
        "  c5.metal: ECS row for a type the same page lists as unsupported",
        "Dataset version: 2026-08 → 2026-10 (links made with 2026-08 now get a notice)",
    ] {
        assert!(r.lines().any(|l| l == line), "report lacks {line:?}:\n{r}");
    }
    let t2 = line_of(
        &text(&fixture("upstream/instance-types.md")),
        "### `t2.micro`",
    );
    assert!(
        r.contains(&format!("t2.micro: upstream/instance-types.md:{t2} has no instance-memory; kept its earlier values")),
        "{r}"
    );
    assert!(
        r.contains("f1.2xlarge (data/ec2-network-limits.csv)"),
        "{r}"
    );
    // The type that left limits.go keeps its row, marked with where it came from.
    assert!(after[refresh::CARRIED_CSV].contains("data/ec2-network-limits.csv,f1.2xlarge,max_enis"));
}

#[test]
fn a_refresh_with_no_upstream_change_is_a_byte_identical_no_op() {
    let after = tree(&fixture("after"));
    // Same files again: data/sources.csv recognises them, so no identity is needed.
    let out = refresh::refresh(&after, &inputs("upstream", false)).expect("refresh");
    for f in FILES {
        assert_eq!(out.files.get(f), after.get(f), "{f}");
    }
    assert!(out.changed.is_empty(), "{:?}", out.changed);
    assert!(!out.values_changed);
    assert_eq!(out.dataset_version, "2026-10");
    for f in [
        "ec2-network-limits",
        "ec2-sizes",
        "ecs-task-capacity-derived",
        "ecs-trunking",
        "ecs-trunking-unsupported",
    ] {
        assert!(
            out.report.contains(&format!("data/{f}.csv: no change")),
            "{f}\n{}",
            out.report
        );
    }
    assert!(out.report.contains("Files: no change"));
    // Without the ECS page, the ECS files are kept as they are.
    let two: Vec<Upstream> = inputs("upstream", false).into_iter().take(2).collect();
    let out = refresh::refresh(&after, &two).expect("refresh");
    assert!(out.changed.is_empty(), "{:?}", out.changed);
    assert!(out
        .report
        .contains("data/ecs-trunking.csv: no change (4 rows, page not given)"));
}

#[test]
fn an_unrecorded_file_needs_its_commit_and_date() {
    let before = tree(&fixture("before"));
    let e = refresh::refresh(&before, &inputs("upstream", false)).expect_err("unknown files");
    assert_eq!(e.file, "upstream/vpclimits.go");
    assert!(
        e.message
            .contains("--commit limits=SHA --date limits=YYYY-MM-DD"),
        "{e}"
    );
    // A missing input, a duplicate and an unknown file are refused too.
    let mut one = inputs("upstream", true);
    one.remove(1);
    let e = refresh::refresh(&before, &one).expect_err("no sizes file");
    assert!(e.message.contains("no instance-types.md file given"), "{e}");
    let mut dup = inputs("upstream", true);
    dup.push(dup[0].clone());
    assert!(refresh::refresh(&before, &dup)
        .expect_err("two limits files")
        .message
        .contains("a second limits file"));
    let mut odd = inputs("upstream", true);
    odd[0].file = "notes.txt".into();
    assert!(refresh::refresh(&before, &odd).is_err());
}

#[test]
fn next_dataset_version_never_repeats_and_follows_the_limits_month() {
    let cases = [
        ("2026-08", Some("2026-10-02T00:00:00Z"), "2026-10"),
        ("2026-08", Some("2026-08-30T00:00:00Z"), "2026-08.2"),
        ("2026-08.2", Some("2026-08-30T00:00:00Z"), "2026-08.3"),
        ("2026-08.9", Some("2027-01-01T00:00:00Z"), "2027-01"),
        ("2026-08", None, "2026-08.2"),
        ("2026-08", Some("2025-01-01T00:00:00Z"), "2026-08.2"),
        ("2026-08", Some("garbage"), "2026-08.2"),
        ("2026-08", Some("2026-1"), "2026-08.2"),
    ];
    for (current, generated, want) in cases {
        assert_eq!(
            next_dataset_version(current, generated),
            want,
            "{current} {generated:?}"
        );
    }
}

/// A unique scratch folder holding a copy of `before/`.
fn scratch(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("awsvpc-refresh-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for f in FILES {
        let target = dir.join(f);
        std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        std::fs::copy(fixture("before").join(f), &target).expect("copy");
    }
    dir
}

fn run(root: &Path, args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_refresh-data"))
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .expect("run refresh-data");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_binary_writes_nothing_on_a_parse_error_then_refreshes_then_does_nothing() {
    let root = scratch("bin");
    let identity: Vec<String> = UPSTREAM
        .iter()
        .flat_map(|f| {
            let o = overrides(f);
            let key = match *f {
                "vpclimits.go" => "limits",
                "instance-types.md" => "sizes",
                _ => "ecs",
            };
            let mut a = Vec::new();
            for (flag, v) in [
                ("--repo", o.repository),
                ("--path", o.path),
                ("--commit", o.commit),
                ("--date", o.date),
            ] {
                if let Some(v) = v {
                    a.push(flag.to_owned());
                    a.push(format!("{key}={v}"));
                }
            }
            a
        })
        .collect();
    let mut args: Vec<&str> = identity.iter().map(String::as_str).collect();
    let before = tree(&root);
    for (bad, needle) in [
        ("vpclimits.go", "IsBareMetal: maybe"),
        ("instance-types.md", "ninety-six"),
        ("container-instance-eni.md", "| 3 |"),
    ] {
        let mut files: Vec<PathBuf> = UPSTREAM
            .iter()
            .map(|f| fixture(&format!("upstream/{f}")))
            .collect();
        let i = UPSTREAM.iter().position(|f| *f == bad).expect("known");
        files[i] = fixture(&format!("bad/{bad}"));
        let paths: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
        let mut a = args.clone();
        a.extend(paths.iter().map(String::as_str));
        let (code, _, err) = run(&root, &a);
        let line = line_of(&text(&fixture(&format!("bad/{bad}"))), needle);
        assert_eq!(code, 1, "{err}");
        assert!(err.contains(&format!("bad/{bad}:{line}: ")), "{err}");
        assert!(err.contains("nothing under data/ was written"), "{err}");
        assert_eq!(tree(&root), before, "a failed refresh changed files");
    }
    let folder = fixture("upstream").display().to_string();
    args.push(&folder);
    let (code, out, err) = run(&root, &args);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Dataset version: 2026-08 → 2026-10"), "{out}");
    assert_eq!(tree(&root), tree(&fixture("after")));
    let report = text(&root.join("target/refresh-data-report.md"));
    assert!(
        out.starts_with(&report),
        "the report file is what was printed"
    );
    // Again, with no identity flags: nothing changes.
    let (code, out, err) = run(&root, &[&folder]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Files: no change"), "{out}");
    assert_eq!(tree(&root), tree(&fixture("after")));
    // Bad usage.
    assert_eq!(run(&root, &[]).0, 2);
    assert_eq!(run(&root, &["--commit", "nope=1", &folder]).0, 2);
    let _ = std::fs::remove_dir_all(&root);
}

/// Text near the fixture's: the fixture with a random span replaced by random text.
fn mutated(base: String) -> impl Strategy<Value = String> {
    let n = base.chars().count();
    (
        0..=n,
        0..40usize,
        "[\\PC\\n\\t{}\\[\\]:,\"`|#*&/\\\\ a-z0-9._-]{0,40}",
    )
        .prop_map(move |(at, cut, insert)| {
            let chars: Vec<char> = base.chars().collect();
            let end = (at + cut).min(chars.len());
            let mut s: String = chars.iter().take(at).collect();
            s.push_str(&insert);
            s.extend(chars.iter().skip(end));
            s
        })
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[{}\\[\\]:,\"`|#*&/\\\\ \\n\\ta-zA-Z0-9._-]{0,300}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn the_limits_parser_never_panics(t in prop_oneof![any_text(), mutated(text(&fixture("upstream/vpclimits.go")))]) {
        match golimits::parse("f.go", &t) {
            Ok(p) => {
                let names: std::collections::BTreeSet<&str> = p.types.iter().map(|t| t.name.as_str()).collect();
                prop_assert_eq!(names.len(), p.types.len());
            }
            Err(e) => prop_assert!(e.line <= t.lines().count().max(1)),
        }
    }

    #[test]
    fn the_karpenter_parser_never_panics(t in prop_oneof![any_text(), mutated(text(&fixture("upstream/instance-types.md")))]) {
        if let Err(e) = markdown::parse_karpenter("f.md", &t) {
            prop_assert!(e.line <= t.lines().count());
        }
    }

    #[test]
    fn the_ecs_parser_never_panics(t in prop_oneof![any_text(), mutated(text(&fixture("upstream/container-instance-eni.md")))]) {
        if let Err(e) = markdown::parse_ecs("f.md", &t) {
            prop_assert!(e.line <= t.lines().count() + 1);
        }
    }

    #[test]
    fn a_bumped_version_always_differs(current in "[0-9]{4}-[0-9]{2}(\\.[0-9]{1,3})?", generated in proptest::option::of("[0-9]{4}-[0-9]{2}.{0,12}")) {
        prop_assert_ne!(next_dataset_version(&current, generated.as_deref()), current);
    }
}

/// The committed `data/` says where every row came from: `data/sources.csv` names each input,
/// and `data/carried-over.csv` lists exactly the rows whose values did not come from those
/// inputs (sizes from older Karpenter commits, the VPC-CNI-only types).
#[test]
fn the_committed_data_records_its_sources() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let csv = |f: &str| -> Vec<Vec<String>> {
        text(&root.join(f))
            .lines()
            .skip(1)
            .map(|l| l.split(',').map(str::to_owned).collect())
            .collect()
    };
    let sources = csv(refresh::SOURCES_CSV);
    let hex40 = |s: &str| s.len() == 40 && s.bytes().all(|b| b.is_ascii_hexdigit());
    let keys: Vec<&str> = sources.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(keys, ["limits", "sizes", "ecs"]);
    for r in &sources {
        assert!(hex40(&r[3]) && hex40(&r[6]), "{r:?}");
        assert!(
            r[1].contains('/') && !r[2].is_empty() && r[4].len() == 10,
            "{r:?}"
        );
    }
    let sizes_commit = &sources[1][3];
    let carried: std::collections::BTreeSet<(String, String)> = csv(refresh::CARRIED_CSV)
        .into_iter()
        .map(|r| (r[0].clone(), r[1].clone()))
        .collect();
    let mut want = std::collections::BTreeSet::new();
    for r in csv(refresh::SIZES_CSV) {
        if &r[3] != sizes_commit {
            want.insert((refresh::SIZES_CSV.to_owned(), r[0].clone()));
            want.insert((refresh::LIMITS_CSV.to_owned(), r[0].clone()));
        }
    }
    for r in csv(refresh::DERIVED_CSV) {
        if r[3] == "vpc-cni" {
            want.insert((refresh::DERIVED_CSV.to_owned(), r[0].clone()));
        }
    }
    assert_eq!(carried, want);
    assert_eq!(want.len(), 8 + 8 + 19);
}

/// A link made with an earlier dataset, such as the one before a refresh bumped the version,
/// still gets the notice naming both versions.
#[test]
fn a_link_with_an_earlier_dataset_gets_a_notice() {
    use awsvpc_planner::calc::{catalog::DATASET_VERSION, share::decode};
    let (month, _) = DATASET_VERSION
        .split_once('.')
        .unwrap_or((DATASET_VERSION, ""));
    for old in ["2025-01", month, "2026-07.3"] {
        if old == DATASET_VERSION {
            continue;
        }
        let d = decode(&format!("type=c5.large&data={old}"));
        let notice = d
            .notices
            .iter()
            .find(|n| n.key == "data")
            .map(ToString::to_string);
        let notice = notice.unwrap_or_default();
        assert!(
            notice.contains(&format!("instance data {old};"))
                && notice.contains(&format!("(now {DATASET_VERSION})")),
            "{old}: {notice:?}"
        );
    }
    let current = decode(&format!("data={DATASET_VERSION}"));
    assert!(current.notices.is_empty(), "{:?}", current.notices);
}

/// The committed CSVs, written back into the three upstream formats and refreshed, come out
/// byte-identical: the parsers and the rules reproduce all 1,401 limits rows, the 1,420 derived
/// rows (the rules applied by whoever gathered the data), the 1,371 sizes and the ECS table.
/// (`scripts/refresh-data.sh ../shared/data/upstream` does the same from AWS's own files.)
#[test]
fn the_committed_data_survives_a_round_trip_through_the_upstream_formats() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let current = tree(root);
    let rows = |f: &str| -> Vec<Vec<String>> {
        current[f]
            .lines()
            .skip(1)
            .map(|l| l.split(',').map(str::to_owned).collect())
            .collect()
    };
    let sources = rows(refresh::SOURCES_CSV);
    let mut go = String::from("// This file was generated at ");
    go.push_str(&sources[0][5]);
    go.push_str("\npackage x\n\nvar Limits = map[string]*VPCLimits{\n");
    for r in rows(refresh::LIMITS_CSV) {
        let cards: u32 = r[7].parse().expect("cards");
        go.push_str(&format!(
            "\t\"{}\": {{\n\t\tInterface: {},\n\t\tIPv4PerInterface: {},\n\t\tIsTrunkingCompatible: {},\n\t\tBranchInterface: {},\n\t\tNetworkCards: []NetworkCard{{\n",
            r[0], r[1], r[2], r[3], r[4]
        ));
        for i in 0..cards {
            go.push_str(&format!("\t\t\t{{NetworkCardIndex: {i}}},\n"));
        }
        go.push_str(&format!(
            "\t\t}},\n\t\tHypervisor: \"{}\",\n\t\tIsBareMetal: {},\n\t}},\n",
            r[5], r[6]
        ));
    }
    go.push_str("}\n");
    let sizes_commit = &sources[1][3];
    let mut md = String::from("## Types\n");
    for r in rows(refresh::SIZES_CSV)
        .iter()
        .filter(|r| &r[3] == sizes_commit)
    {
        md.push_str(&format!(
            "### `{}`\n | Label | Value |\n |--|--|\n |karpenter.k8s.aws/instance-cpu|{}|\n |karpenter.k8s.aws/instance-memory|{}|\n",
            r[0], r[1], r[2]
        ));
    }
    let unsupported = rows(refresh::UNSUPPORTED_CSV);
    let list = |kind: &str| -> String {
        let names: Vec<String> = unsupported
            .iter()
            .filter(|r| r[0] == kind)
            .map(|r| format!("`{}`", r[1]))
            .collect();
        names.join(", ")
    };
    let mut ecs = format!(
        "The {} instance types are not supported\\.\nThe {} instance families are not supported\\.\n\n\
         | Instance type | Task limit without ENI trunking | Task limit with ENI trunking |\n| --- | --- | --- |\n",
        list("type"),
        list("family")
    );
    for r in rows(refresh::ECS_CSV) {
        ecs.push_str(&format!(
            "| {} | {} | {} |\n",
            r[0].replace('.', "\\."),
            r[1],
            r[2]
        ));
    }
    let recorded = |i: usize| Overrides {
        commit: Some(sources[i][3].clone()),
        date: Some(sources[i][4].clone()),
        ..Overrides::default()
    };
    let inputs = vec![
        Upstream {
            file: "limits.go".into(),
            text: go,
            identity: recorded(0),
        },
        Upstream {
            file: "instance-types.md".into(),
            text: md,
            identity: recorded(1),
        },
        Upstream {
            file: "container-instance-eni.md".into(),
            text: ecs,
            identity: recorded(2),
        },
    ];
    let out = refresh::refresh(&current, &inputs).expect("refresh");
    // Only the Git blob ids in data/sources.csv differ: these are not AWS's files.
    assert_eq!(out.changed, [refresh::SOURCES_CSV]);
    assert!(!out.values_changed);
    assert_eq!(
        out.dataset_version,
        awsvpc_planner::calc::catalog::DATASET_VERSION
    );
    for f in [
        "ec2-network-limits",
        "ec2-sizes",
        "ecs-task-capacity-derived",
        "ecs-trunking",
        "ecs-trunking-unsupported",
    ] {
        assert!(
            out.report.contains(&format!("data/{f}.csv: no change")),
            "{f}\n{}",
            out.report
        );
    }
}

/// A newer ECS page that only reorders its rows rewrites `ecs-trunking.csv` in the page's order
/// but changes no value, so the dataset version stays.
#[test]
fn a_reordered_ecs_page_keeps_the_dataset_version() {
    let after = tree(&fixture("after"));
    let mut ins = inputs("upstream", false);
    let page = &mut ins[2];
    page.text = page.text.replace(
        "| c5\\.large | 2 | 10 | \n| i4i\\.large | 2 | \\-2 | ",
        "| i4i\\.large | 2 | \\-2 | \n| c5\\.large | 2 | 10 | ",
    );
    page.identity = Overrides {
        commit: Some("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb".into()),
        date: Some("2026-09-30".into()),
        ..Overrides::default()
    };
    let out = refresh::refresh(&after, &ins).expect("refresh");
    assert_eq!(out.changed, [refresh::ECS_CSV, refresh::SOURCES_CSV]);
    assert!(out.files[refresh::ECS_CSV].starts_with(
        "instance_type,tasks_without_trunking,tasks_with_trunking\ni4i.large,2,-2\nc5.large,2,10\n"
    ));
    assert!(!out.values_changed);
    assert_eq!(out.dataset_version, "2026-10");
    assert!(
        out.report.contains(
            "data/ecs-trunking.csv: 4 rows (0 added, 0 removed, 0 changed; order changed)"
        ),
        "{}",
        out.report
    );
}
