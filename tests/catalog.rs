#![cfg(not(target_arch = "wasm32"))]
//! Behaviour of the instance catalogue: the figures, the ECS table walk, lookup, search, the
//! architecture rule and the caveats. One `check` per area; each case is one line.

use std::collections::BTreeMap;

use awsvpc_planner::calc::catalog::{
    self, Arch, Hypervisor, InstanceType, Note, Origin, UnsupportedReason,
};

fn csv(file: &str) -> Vec<Vec<String>> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    text.lines()
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(|l| l.split(',').map(str::to_owned).collect())
        .collect()
}

fn get(name: &str) -> InstanceType {
    catalog::lookup(name).unwrap_or_else(|e| panic!("{e}"))
}

/// Why an ECS table row is not reproduced as written. Closed set: a new kind of difference must
/// be added here (and to data/README.md) before the walk passes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Outcome {
    /// Both figures as written, labelled `EcsTable`.
    Reproduced,
    /// Both figures as written, but the type has no current EC2 limits to check them against.
    ReproducedUnchecked,
    /// "Without" is 13 in the table; EC2 now reports 16 ENIs, so 15.
    EniCountGrew,
    /// "With" is negative in the table (a typo); the rule's figure is used.
    TypoNegative,
    /// "With" is far above what the rule gives from the same limits; the rule's figure is used.
    OutlierAboveRule,
    /// The table has a figure, but EC2 now marks the type not trunking-compatible.
    NoLongerCompatible,
    /// The table has a figure, but the same page lists the type or family as unsupported.
    ListedUnsupported,
    /// No EC2 limits, and the table's "with" is below "without", which the rule can't produce.
    ImpossibleNoLimits,
}

fn flag(note: Note) -> Option<Outcome> {
    Some(match note {
        Note::EniCountGrew => Outcome::EniCountGrew,
        Note::EcsTypoNegative => Outcome::TypoNegative,
        Note::EcsOutlier248 | Note::EcsOutlier498 | Note::EcsOutlier242 => {
            Outcome::OutlierAboveRule
        }
        Note::NoLongerTrunkingCompatible => Outcome::NoLongerCompatible,
        Note::TabledButListedM5n
        | Note::TabledButListedM5zn
        | Note::TabledButListedR5b
        | Note::TabledButListedR5dn
        | Note::TabledButListedC5a8xlarge
        | Note::TabledButListedU6tb1 => Outcome::ListedUnsupported,
        Note::EcsImpossibleNoLimits => Outcome::ImpossibleNoLimits,
        Note::EcsUncheckedNoLimits | Note::NoLimitsData | Note::DerivedAboveTableMax => {
            return None
        }
    })
}

/// The standalone numbers in a sentence ("−2", "13"; not the 5 of "m5n" or the 2 of "2xlarge").
fn numbers(text: &str) -> Vec<i64> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
        if chars.get(i).is_some_and(char::is_ascii_digit)
            && !prev.is_some_and(|c| c.is_alphanumeric() || c == '.')
        {
            let start = i;
            while chars.get(i).is_some_and(char::is_ascii_digit) {
                i += 1;
            }
            if !chars.get(i).is_some_and(|c| c.is_alphanumeric()) {
                let n: i64 = chars[start..i]
                    .iter()
                    .collect::<String>()
                    .parse()
                    .unwrap_or(i64::MIN);
                out.push(if matches!(prev, Some('−' | '-')) {
                    -n
                } else {
                    n
                });
            }
        } else {
            i += 1;
        }
    }
    out
}

#[test]
fn every_ecs_table_row_is_reproduced_or_flagged() {
    let rows = csv("ecs-trunking.csv");
    assert_eq!(rows.len(), 435);
    let mut counts = BTreeMap::<Outcome, usize>::new();
    for r in &rows {
        let [name, without, with] = r.as_slice() else {
            panic!("bad row {r:?}")
        };
        let (without, with): (u32, i64) = (
            without.parse().unwrap_or(u32::MAX),
            with.parse().unwrap_or(i64::MIN),
        );
        let t = get(name);
        let same_without = t.tasks_without_trunking == without;
        let same_with = t.tasks_with_trunking.map(i64::from) == Some(with);
        let flags: Vec<Outcome> = t.notes.iter().copied().filter_map(flag).collect();
        let outcome = if same_without && same_with {
            assert_eq!(
                (t.without_source, t.with_source),
                (Origin::EcsTable, Origin::EcsTable),
                "{name}"
            );
            assert!(flags.is_empty(), "{name}: reproduced but flagged {flags:?}");
            if t.notes.contains(&Note::EcsUncheckedNoLimits) {
                Outcome::ReproducedUnchecked
            } else {
                Outcome::Reproduced
            }
        } else {
            let [outcome] = flags.as_slice() else {
                panic!("{name}: differs from the ECS table with flags {flags:?}")
            };
            let named = numbers(
                t.notes
                    .iter()
                    .copied()
                    .find(|n| flag(*n).is_some())
                    .map_or("", Note::text),
            );
            if !same_without {
                assert_ne!(
                    t.without_source,
                    Origin::EcsTable,
                    "{name}: a changed figure labelled as documented"
                );
                assert!(
                    named.contains(&i64::from(without)),
                    "{name}: note doesn't name the documented {without}"
                );
            }
            if !same_with {
                assert_ne!(
                    t.with_source,
                    Origin::EcsTable,
                    "{name}: a changed figure labelled as documented"
                );
                assert!(
                    named.contains(&with),
                    "{name}: note doesn't name the documented {with}"
                );
            }
            *outcome
        };
        *counts.entry(outcome).or_default() += 1;
    }
    println!("ECS table rows (2023-04, {}):", rows.len());
    for (outcome, n) in &counts {
        println!("  {outcome:?}: {n}");
    }
    let expected = BTreeMap::from([
        (Outcome::Reproduced, 397),
        (Outcome::ReproducedUnchecked, 2),
        (Outcome::EniCountGrew, 10),
        (Outcome::TypoNegative, 1),
        (Outcome::OutlierAboveRule, 4),
        (Outcome::NoLongerCompatible, 3),
        (Outcome::ListedUnsupported, 16),
        (Outcome::ImpossibleNoLimits, 2),
    ]);
    assert_eq!(counts, expected);
}

#[test]
fn every_ec2_type_is_present() {
    let names: Vec<String> = csv("ec2-network-limits.csv")
        .into_iter()
        .filter_map(|r| r.into_iter().next())
        .collect();
    assert_eq!(names.len(), 1401);
    for n in &names {
        assert_eq!(get(n).name, n);
    }
    // Plus the 19 types only the VPC CNI file has.
    let vpc_cni: Vec<String> = csv("ecs-task-capacity-derived.csv")
        .into_iter()
        .filter(|r| r.get(3).is_some_and(|s| s == "vpc-cni"))
        .filter_map(|r| r.into_iter().next())
        .collect();
    assert_eq!(vpc_cni.len(), 19);
    for n in &vpc_cni {
        let t = get(n);
        assert!(
            t.notes.iter().any(|n| matches!(
                n,
                Note::NoLimitsData | Note::EcsImpossibleNoLimits | Note::EcsUncheckedNoLimits
            )),
            "{n}"
        );
        assert_eq!(
            (t.ipv4_per_eni, t.network_cards, t.branch_interfaces),
            (None, None, None),
            "{n}"
        );
    }
    assert_eq!(catalog::all().len(), 1401 + 19);
}

#[test]
fn figures() {
    // name, without, with, without source, with source
    fn check(name: &str, without: u32, with: Option<u32>, sources: (Origin, Origin)) {
        let t = get(name);
        assert_eq!(
            (t.tasks_without_trunking, t.tasks_with_trunking),
            (without, with),
            "{name}"
        );
        assert_eq!((t.without_source, t.with_source), sources, "{name}");
    }
    use Origin::{Derived as D, EcsTable as E, Unsupported as U};
    check("c5.large", 2, Some(10), (E, E));
    check("m6i.8xlarge", 7, Some(90), (E, E));
    check("p4d.24xlarge", 59, Some(120), (E, E));
    check("c7i.large", 2, Some(10), (D, D));
    check("t3.medium", 2, None, (D, U));
    check("m7i.xlarge", 3, Some(20), (D, D));
    check("p5.48xlarge", 63, Some(182), (D, D));
    check("m6in.32xlarge", 15, Some(120), (D, E));
    check("i4i.large", 2, Some(10), (E, D));
    check("i4i.16xlarge", 14, Some(133), (E, D));
    check("i4i.metal", 14, Some(133), (E, D));
    check("trn1n.32xlarge", 79, Some(198), (E, D));
    check("p3.2xlarge", 3, None, (E, U));
    check("m5n.large", 2, None, (E, U));
    check("u-6tb1.56xlarge", 14, None, (E, U));
    check("c5n.large", 2, None, (D, U));
    check("hpc6a.48xlarge", 1, Some(120), (E, E));
    check("u-18tb1.metal", 14, None, (E, U));
    check("trn2.48xlarge", 31, None, (D, U));
    check("mac2.metal", 7, Some(12), (E, E));
    check("mac2-m2.metal", 7, Some(12), (D, D));
}

#[test]
fn notes() {
    fn check(name: &str, notes: &[Note]) {
        assert_eq!(get(name).notes, notes, "{name}");
    }
    check("c5.large", &[]);
    check("c7i.large", &[]);
    check("c6in.metal", &[Note::EniCountGrew]);
    check("i4i.large", &[Note::EcsTypoNegative]);
    check(
        "i4i.16xlarge",
        &[Note::EcsOutlier248, Note::DerivedAboveTableMax],
    );
    check(
        "i4i.32xlarge",
        &[Note::EcsOutlier498, Note::DerivedAboveTableMax],
    );
    check(
        "trn1n.32xlarge",
        &[Note::EcsOutlier242, Note::DerivedAboveTableMax],
    );
    check("p3.16xlarge", &[Note::NoLongerTrunkingCompatible]);
    check("m5zn.6xlarge", &[Note::TabledButListedM5zn]);
    check("r5b.16xlarge", &[Note::TabledButListedR5b]);
    check("r5b.large", &[]);
    check("c5a.8xlarge", &[Note::TabledButListedC5a8xlarge]);
    check("hpc6id.32xlarge", &[Note::EcsUncheckedNoLimits]);
    check("u-24tb1.metal", &[Note::EcsImpossibleNoLimits]);
    check("hpc7a.96xlarge", &[Note::NoLimitsData]);
    check("p5.48xlarge", &[Note::DerivedAboveTableMax]);
    check("m5.metal", &[]);
}

#[test]
fn unsupported_reasons() {
    fn check(name: &str, reason: Option<UnsupportedReason>) {
        let t = get(name);
        assert_eq!(t.trunking_unsupported, reason, "{name}");
        assert_eq!(
            catalog::unsupported_reason(&t),
            reason.map(UnsupportedReason::text),
            "{name}"
        );
    }
    use UnsupportedReason::{
        ListedByEcs as Listed, NoLimitsData as NoData, NotTrunkingCompatible as NotCompat,
    };
    check("c5.large", None);
    check("c7i.large", None);
    check("hpc6a.48xlarge", None);
    check("t3.medium", Some(NotCompat));
    check("t4g.nano", Some(NotCompat));
    check("c4.large", Some(NotCompat));
    check("p3.8xlarge", Some(NotCompat));
    check("c5n.large", Some(Listed));
    check("m5n.large", Some(Listed));
    check("mac1.metal", Some(Listed));
    check("a1.metal", Some(Listed));
    check("r5.8xlarge", Some(Listed));
    check("u-6tb1.56xlarge", Some(Listed));
    check("u-9tb1.metal", Some(Listed));
    check("hpc7a.12xlarge", Some(NoData));
    check("u-18tb1.metal", Some(NoData));
}

#[test]
fn every_type_is_consistent() {
    for t in catalog::all() {
        let n = t.name;
        assert_eq!(format!("{}.{}", t.family, t.size), n);
        assert_eq!(t.trunking, t.tasks_with_trunking.is_some(), "{n}");
        assert_eq!(t.trunking, t.trunking_unsupported.is_none(), "{n}");
        assert_eq!(t.with_source == Origin::Unsupported, !t.trunking, "{n}");
        assert_ne!(t.without_source, Origin::Unsupported, "{n}");
        assert_eq!(t.tasks_without_trunking, t.max_enis - 1, "{n}");
        assert!(
            t.vcpus != Some(0) && t.memory_mib != Some(0),
            "{n}: unknown must be None, not 0"
        );
        assert!(
            t.ipv4_per_eni != Some(0) && t.network_cards != Some(0),
            "{n}"
        );
        if t.with_source == Origin::Derived {
            let rule = t.branch_interfaces.map(|b| t.max_enis + b - 2);
            assert_eq!(
                t.tasks_with_trunking, rule,
                "{n}: derived figure is not the rule"
            );
        }
        if t.tasks_with_trunking.is_some_and(|w| w > 120) {
            assert!(
                t.notes.contains(&Note::DerivedAboveTableMax),
                "{n}: above 120 without a note"
            );
        }
        assert_eq!(t.bare_metal, t.size.starts_with("metal"), "{n}");
        if t.hypervisor == Hypervisor::Xen {
            assert!(!t.trunking, "{n}: Xen with trunking");
        }
        assert_eq!(t.arch, Arch::from_family(t.family), "{n}");
    }
    let unknown_size = catalog::all().filter(|t| t.vcpus.is_none()).count();
    assert_eq!(
        unknown_size,
        38 + 11,
        "38 in the EC2 limits, 11 of the 19 VPC-CNI-only types"
    );
    assert_eq!(
        catalog::all()
            .filter(|t| t.vcpus.is_none() != t.memory_mib.is_none())
            .count(),
        0
    );
}

#[test]
fn sorted_and_unique() {
    // The table's order (lookup binary-searches on it): family by bytes, then size from smallest
    // to largest. This ranking is written independently of the library's.
    fn size_key(size: &str) -> (u8, u32) {
        let named = ["nano", "micro", "small", "medium", "large", "xlarge"];
        if let Some(p) = named.iter().position(|n| *n == size) {
            return (p as u8, 0);
        }
        let digits: String = size.chars().filter(char::is_ascii_digit).collect();
        let n = digits.parse().unwrap_or(0);
        if size.starts_with("metal") {
            (7, n)
        } else {
            assert!(size.ends_with("xlarge"), "unexpected size {size}");
            (6, n)
        }
    }
    let keys: Vec<(&str, (u8, u32))> = catalog::all()
        .map(|t| (t.family, size_key(t.size)))
        .collect();
    assert!(
        keys.windows(2).all(|w| w[0] < w[1]),
        "not strictly sorted by (family, size)"
    );
    let mut names: Vec<&str> = catalog::all().map(|t| t.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), catalog::all().len(), "duplicate names");
    for t in catalog::all() {
        assert_eq!(
            catalog::lookup(t.name),
            Ok(t),
            "binary search misses {}",
            t.name
        );
    }
    let first: Vec<&str> = catalog::all().take(7).map(|t| t.name).collect();
    assert_eq!(
        first,
        [
            "a1.medium",
            "a1.large",
            "a1.xlarge",
            "a1.2xlarge",
            "a1.4xlarge",
            "a1.metal",
            "bmn-sf1.metal"
        ]
    );
    let c5: Vec<&str> = catalog::all()
        .filter(|t| t.family == "c5")
        .map(|t| t.size)
        .collect();
    assert_eq!(
        c5,
        [
            "large", "xlarge", "2xlarge", "4xlarge", "9xlarge", "12xlarge", "18xlarge", "24xlarge",
            "metal"
        ]
    );
    let families = catalog::families();
    assert!(families.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(families.len(), 200);
    assert_eq!(families.first(), Some(&"a1"));
    assert!(families.contains(&"c7g-flex") && families.contains(&"u-6tb1"));
    // The iterator can be cloned and knows its length.
    let it = catalog::all();
    assert_eq!(it.clone().count(), it.len());
}

#[test]
fn lookup() {
    fn check(input: &str, expected: Result<&str, &str>) {
        let got = catalog::lookup(input)
            .map(|t| t.name)
            .map_err(|e| e.to_string());
        assert_eq!(got, expected.map_err(str::to_owned), "{input:?}");
    }
    check("c5.large", Ok("c5.large"));
    check(" C5.LARGE ", Ok("c5.large"));
    check("\tM6i.8XLarge\n", Ok("m6i.8xlarge"));
    check("u-6tb1.56xlarge", Ok("u-6tb1.56xlarge"));
    check("a1.2xlarge", Ok("a1.2xlarge"));
    check("z1d.xlarge", Ok("z1d.xlarge"));
    check("", Err("no instance type given"));
    check("   ", Err("no instance type given"));
    check("c5.larg", Err("unknown instance type \"c5.larg\""));
    check("c5.large.", Err("unknown instance type \"c5.large.\""));
    check("c5", Err("unknown instance type \"c5\""));
    check("c5.2xlarge", Ok("c5.2xlarge"));
    check("c5.02xlarge", Err("unknown instance type \"c5.02xlarge\""));
    check(
        "c5.99999999999xlarge",
        Err("unknown instance type \"c5.99999999999xlarge\""),
    );
    check("c7g-flex.large", Ok("c7g-flex.large"));
    check("i7i.metal-24xl", Ok("i7i.metal-24xl"));
    check("i7i.metal-", Err("unknown instance type \"i7i.metal-\""));
    check(".large", Err("unknown instance type \".large\""));
    check("c5.", Err("unknown instance type \"c5.\""));
    check("<script>", Err("unknown instance type \"<script>\""));
    check(
        "a\u{1b}[31mb",
        Err("unknown instance type \"a\u{FFFD}[31mb\""),
    );
    check(
        "c5.large\u{0}",
        Err("unknown instance type \"c5.large\u{FFFD}\""),
    );
    check("ｃ5.large", Err("unknown instance type \"ｃ5.large\""));
    check(
        "c5.\u{212A}large",
        Err("unknown instance type \"c5.\u{212A}large\""),
    );
    // A 10 KB input: rejected, and the message carries only its first 40 characters.
    let long = "x".repeat(10 * 1024);
    check(
        &long,
        Err(&format!("unknown instance type \"{}\"", "x".repeat(40))),
    );
    let long_unicode = "é".repeat(10 * 1024);
    check(
        &long_unicode,
        Err(&format!("unknown instance type \"{}\"", "é".repeat(40))),
    );
}

#[test]
fn search() {
    fn check(query: &str, limit: usize, expected: &[&str]) {
        let got: Vec<&str> = catalog::search(query, limit)
            .iter()
            .map(|t| t.name)
            .collect();
        assert_eq!(got, expected, "{query:?} limit {limit}");
    }
    check("", 3, &["a1.medium", "a1.large", "a1.xlarge"]);
    check("c5.large", 5, &["c5.large"]);
    check(" C5.LARGE ", 5, &["c5.large"]);
    check("m6i", 3, &["m6i.large", "m6i.xlarge", "m6i.2xlarge"]);
    check("t4g", 3, &["t4g.nano", "t4g.micro", "t4g.small"]);
    check("p4d", 5, &["p4d.24xlarge", "p4de.24xlarge"]);
    check("p4", 5, &["p4d.24xlarge", "p4de.24xlarge"]);
    check("t3", 3, &["t3.nano", "t3.micro", "t3.small"]);
    check("m7i.", 2, &["m7i.large", "m7i.xlarge"]);
    check("flex", 2, &["c7g-flex.medium", "c7g-flex.large"]);
    check("nano", 3, &["t2.nano", "t3.nano", "t3a.nano"]);
    check("c5.large", 0, &[]);
    check("no such type", 10, &[]);
    check("<script>", 10, &[]);
    check(&"c".repeat(10 * 1024), 10, &[]);
    check("ü", 10, &[]);
    // The exact family comes before longer families that share its prefix.
    let m7i: Vec<&str> = catalog::search("m7i", 100)
        .iter()
        .map(|t| t.family)
        .collect();
    let first_flex = m7i.iter().position(|f| *f == "m7i-flex").unwrap_or(0);
    assert!(
        first_flex > 0 && m7i[..first_flex].iter().all(|f| *f == "m7i"),
        "{m7i:?}"
    );
    assert_eq!(
        catalog::search("c", usize::MAX).len(),
        catalog::all().filter(|t| t.name.contains('c')).count()
    );
}

#[test]
fn arch_rule() {
    fn check(family: &str, arch: Arch) {
        assert_eq!(Arch::from_family(family), arch, "{family}");
    }
    use Arch::{Arm64 as Arm, X86_64 as X86};
    check("a1", Arm);
    check("c6g", Arm);
    check("c7gn", Arm);
    check("c7g-flex", Arm);
    check("m8g", Arm);
    check("t4g", Arm);
    check("x2gd", Arm);
    check("im4gn", Arm);
    check("is4gen", Arm);
    check("i8ge", Arm);
    check("g5g", Arm);
    check("hpc7g", Arm);
    check("c8gb", Arm);
    check("mac2", Arm);
    check("mac2-m2pro", Arm);
    check("mac-m4", Arm);
    check("M8G", Arm);
    check("mac1", X86);
    check("g4dn", X86);
    check("g6e", X86);
    check("gr6", X86);
    check("c5", X86);
    check("m7i-flex", X86);
    check("inf2", X86);
    check("trn1n", X86);
    check("dl2q", X86);
    check("x8aedz", X86);
    check("u-6tb1", X86);
    check("u7in-16tb", X86);
    check("p6-b200", X86);
    check("bmn-sf1", X86);
    check("", X86);
    check("g", X86);
    check("é9g", X86);
    assert_eq!(get("m7g.large").arch, Arm);
    assert_eq!(get("m7i.large").arch, X86);
}

#[test]
fn caveats() {
    fn check(title: &str, detail_mentions: &str) {
        let c = catalog::trunking_caveats()
            .iter()
            .find(|c| c.title == title);
        let c = c.unwrap_or_else(|| panic!("no caveat {title:?}"));
        assert!(c.detail.contains(detail_mentions), "{title}: {}", c.detail);
        assert!(
            !c.source.is_empty() && c.url.starts_with("https://docs.aws.amazon.com/"),
            "{title}"
        );
    }
    check("Opt in per Region", "awsvpcTrunking");
    check("Only instances launched after opting in", "launched after");
    check("Linux only", "Windows");
    check("Not in shared subnets", "shared subnets");
    check("Resource-based IPv4 DNS off", "A record");
    check("Tasks in the instance's VPC", "same VPC");
    check("Slower task start-up", "no figure");
    assert_eq!(catalog::trunking_caveats().len(), 7);
}

#[test]
fn note_texts() {
    fn check(note: Note, mentions: &[i64]) {
        let text = note.text();
        let found = numbers(text);
        assert!(
            mentions.iter().all(|m| found.contains(m)),
            "{note:?}: {found:?} in {text:?}"
        );
        assert!(
            text.ends_with('.') && text.chars().next().is_some_and(char::is_uppercase),
            "{note:?}: one sentence"
        );
    }
    check(Note::EniCountGrew, &[13, 16, 15]);
    check(Note::EcsTypoNegative, &[-2]);
    check(Note::EcsOutlier248, &[248, 120]);
    check(Note::EcsOutlier498, &[498, 120]);
    check(Note::EcsOutlier242, &[242, 198]);
    check(Note::NoLongerTrunkingCompatible, &[40, 60, 120]);
    check(Note::TabledButListedM5n, &[10, 20, 40, 60, 120]);
    check(Note::TabledButListedM5zn, &[14, 31, 64, 98, 120]);
    check(Note::TabledButListedR5b, &[120]);
    check(Note::TabledButListedR5dn, &[120]);
    check(Note::TabledButListedC5a8xlarge, &[60]);
    check(Note::TabledButListedU6tb1, &[12]);
    check(Note::EcsImpossibleNoLimits, &[12, 14, 15]);
    check(Note::EcsUncheckedNoLimits, &[120]);
    check(Note::NoLimitsData, &[]);
    check(Note::DerivedAboveTableMax, &[120]);
}

/// The versions the app shows agree with `data/sources.csv` (which `scripts/refresh-data.sh`
/// writes): the dataset version is `YYYY-MM` or `YYYY-MM.N`, not older than the month the limits
/// file was generated, and the ECS table date is the ECS page's commit date.
#[test]
fn dataset_version() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sources.csv");
    let sources = std::fs::read_to_string(path).unwrap_or_default();
    let field = |input: &str, column: usize| -> String {
        sources
            .lines()
            .find(|l| l.starts_with(&format!("{input},")))
            .and_then(|l| l.split(',').nth(column))
            .unwrap_or_default()
            .to_owned()
    };
    let v = catalog::DATASET_VERSION;
    let (month, counter) = v.split_once('.').unwrap_or((v, "2"));
    assert!(
        month.len() == 7
            && month.as_bytes()[4] == b'-'
            && month.bytes().filter(u8::is_ascii_digit).count() == 6
            && counter.parse::<u32>().is_ok_and(|n| n >= 2),
        "{v}"
    );
    let generated = field("limits", 5);
    assert_eq!(generated.len(), "2026-08-06T04:02:42Z".len(), "{generated}");
    assert!(
        month >= &generated[..7],
        "{v} is older than the limits file ({generated})"
    );
    assert_eq!(catalog::ECS_TABLE_DATE, field("ecs", 4));
}

/// The catalogue is part of the pure core: it names no browser crate.
#[test]
fn catalog_names_no_browser_crate() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/calc/catalog");
    for file in ["mod.rs", "table.rs"] {
        let text = std::fs::read_to_string(dir.join(file)).unwrap_or_default();
        assert!(!text.is_empty(), "{file} missing");
        for word in ["yew", "web_sys", "gloo", "wasm_bindgen"] {
            assert!(!text.contains(word), "{file} names {word}");
        }
    }
}
