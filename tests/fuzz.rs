//! Property tests: nothing a user can type, paste, link or import panics.
//!
//! 100,000 generated cases in all by default, spread over the properties below by weight; set
//! `FUZZ_CASES` for a longer run, e.g. `FUZZ_CASES=2000000 cargo test --release --test fuzz`.
//!
//! Inputs are built from vectors of random words (a word picks a key, an edge value, a catalogue
//! name, a CIDR, a character…): proptest's regex strategies cost about 2 µs a character in a debug
//! build, words cost a fraction of that, and proptest still shrinks a failure by dropping and
//! shrinking words, then prints the input.
#![cfg(not(target_arch = "wasm32"))]

use awsvpc_planner::calc::catalog;
use awsvpc_planner::calc::cidr;
use awsvpc_planner::calc::explain::Metric;
use awsvpc_planner::calc::export::{csv, import_json, json, markdown, terraform, Planned};
use awsvpc_planner::calc::share::{decode, decode_query, encode, Decoded};
use awsvpc_planner::calc::Scenario;
use awsvpc_planner::calc::{compare, conflicts, plan, Field};
use awsvpc_planner::calc::{parse, Form};
use awsvpc_planner::ui::extras::Extras;
use awsvpc_planner::ui::protocol::{self, Format, Reply, Request, SectionsRequest, What};
use ipnet::Ipv4Net;
use proptest::prelude::*;
use std::net::Ipv4Addr;
use std::sync::OnceLock;

/// Cases for a property with `permille` of the total (default 100,000; `FUZZ_CASES` overrides).
fn config(permille: u32) -> ProptestConfig {
    let total: u32 = std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    ProptestConfig::with_cases(total.saturating_mul(permille) / 1000)
}

/// Every link key.
const KEYS: [&str; 33] = [
    "v", "launch", "type", "az", "tasks", "trunk", "vpc", "host", "sec", "tcidr", "tsub", "ip",
    "v6", "deploy", "surge", "cpu", "mem", "reserve", "regmem", "alb", "nlb", "nat", "vpce",
    "other", "data", "embed", "name", "sched", "net", "target", "os", "peak", "svc",
];

/// Keys that are almost link keys.
const JUNK_KEYS: [&str; 8] = ["", "x", "AZ", "#az", "az ", "%61z", "v6=", "type\0"];

/// Values at and around every field's edges, and hostile ones.
const EDGES: [&str; 65] = [
    "",
    " ",
    "0",
    "1",
    "2",
    "-1",
    "3",
    "6",
    "7",
    "8",
    "15",
    "16",
    "20",
    "28",
    "29",
    "44",
    "63",
    "64",
    "99",
    "100",
    "200",
    "1000",
    "1001",
    "8192",
    "65536",
    "5000000",
    "5000001",
    "4294967296",
    "99999999999999999999",
    "1,000",
    "1_000",
    " 1 000 ",
    "/20",
    "/",
    "ec2",
    "FARGATE",
    "c5.large",
    "C5.LARGE",
    "m7i-flex.8xlarge",
    "t2.nano",
    "u-24tb1.112xlarge",
    "172.31.0.0/16",
    "10.0.0.0/8",
    "10.0.0.0/28",
    "100.64.0.0/16",
    "0.0.0.0/0",
    "255.255.255.240/28",
    "1.2.3.4/16",
    "v4",
    "dual",
    "v6only",
    "rolling",
    "bluegreen",
    "2026-08",
    "2020-01",
    "<script>alert(1)</script>",
    "%",
    "%zz",
    "%e2%82",
    "%2F",
    "\u{202e}",
    "😀",
    // Services (`svc`), well-formed and not.
    "web,tasks:5,cpu:256",
    "log,sched:daemon,mem:128,net:bridge",
    "b,launch:fargate,cpu:256,mem:512,deploy:bluegreen,tasks:",
];

/// Characters worth mixing into any text: controls, separators, marks, bidi, wide and astral.
const SPECIAL: [char; 16] = [
    '\0', '\n', '\r', '\t', '\u{7f}', '%', '&', '=', '#', '+', '\u{301}', '\u{202e}', '\u{feff}',
    'é', '€', '😀',
];

/// The characters field parsers look at.
const FIELD_CHARS: [char; 24] = [
    '0', '1', '2', '3', '4', '5', '6', '8', '9', '.', '.', '/', ',', '_', ' ', '%', '+', '-', 'e',
    'x', 'l', 'a', 'r', 'g',
];

/// Every instance type name in the catalogue.
fn names() -> &'static [&'static str] {
    static NAMES: OnceLock<Vec<&'static str>> = OnceLock::new();
    NAMES.get_or_init(|| catalog::all().map(|t| t.name).collect())
}

/// Generated words, read one at a time (zeros once they run out).
struct Words<'a>(std::slice::Iter<'a, u32>);

impl Words<'_> {
    fn next(&mut self) -> u32 {
        self.0.next().copied().unwrap_or(0)
    }
    fn done(&self) -> bool {
        self.0.len() == 0
    }
    fn pick<T: Copy>(&mut self, from: &[T]) -> T {
        from[self.next() as usize % from.len()]
    }
}

fn words(len: std::ops::Range<usize>) -> impl Strategy<Value = Vec<u32>> {
    prop::collection::vec(any::<u32>(), len)
}

/// A character: ASCII (controls included), a special one, or any scalar value.
fn char_from(x: u32) -> char {
    match x % 4 {
        0 | 1 => char::from(((x >> 2) & 0x7f) as u8),
        2 => SPECIAL[(x >> 2) as usize % SPECIAL.len()],
        _ => char::from_u32((x >> 2) % 0x11_0000).unwrap_or('\u{fffd}'),
    }
}

/// Text for a field: an edge value, a catalogue name (maybe mangled), CIDR-shaped text, field
/// characters, any characters, percent-escapes, or something over 1,000 bytes.
fn field(w: &mut Words) -> String {
    let x = w.next();
    let n = (x >> 8) as usize;
    match x % 16 {
        0..=5 => EDGES[n % EDGES.len()].to_string(),
        6 | 7 => {
            let name = names()[n % names().len()];
            match n % 7 {
                0 => name.to_ascii_uppercase(),
                1 => format!(" {name} "),
                2 => name[..name.len() - 1].to_string(),
                _ => name.to_string(),
            }
        }
        8..=10 => {
            let addr = Ipv4Addr::from(w.next());
            let prefix = (n % 40) as u8;
            match Ipv4Net::new(addr, prefix.min(32)) {
                Ok(net) if !n.is_multiple_of(3) => net.trunc().to_string(),
                _ => format!("{addr}/{prefix}"),
            }
        }
        11 | 12 => (0..n % 12).map(|_| w.pick(&FIELD_CHARS)).collect(),
        13 | 14 => (0..n % 24).map(|_| char_from(w.next())).collect(),
        _ if n.is_multiple_of(8) => ["a", "%", "%4", "0", "é"][n % 5].repeat(1 + (n >> 3) % 1100),
        _ => (0..n % 8)
            .map(|_| format!("%{:02x}", w.next() as u8))
            .collect(),
    }
}

fn field_text() -> impl Strategy<Value = String> {
    words(1..16).prop_map(|v| field(&mut Words(v.iter())))
}

/// Any text, up to `max` characters.
fn any_text(max: usize) -> impl Strategy<Value = String> {
    words(0..max).prop_map(|v| v.into_iter().map(char_from).collect())
}

/// Key=value soup from the real keys (and some others), with stray separators.
fn soup(v: &[u32]) -> String {
    let mut w = Words(v.iter());
    let mut out = String::new();
    if w.next().is_multiple_of(2) {
        out.push('#');
    }
    while !w.done() {
        let x = w.next();
        let key = if x % 9 == 0 {
            JUNK_KEYS[(x >> 4) as usize % JUNK_KEYS.len()]
        } else {
            KEYS[(x >> 4) as usize % KEYS.len()]
        };
        let value = field(&mut w);
        let pair = match (x >> 12) % 10 {
            0 => key.to_string(),
            1 => format!("{key}={value}={value}"),
            _ => format!("{key}={value}"),
        };
        out.push_str(&pair);
        out.push_str(["&", "&", "&", "&&", "&#"][(x >> 16) as usize % 5]);
    }
    out
}

/// What must hold for every decoded link or imported JSON: every notice is short plain text, the
/// form parses, and its inputs encode to a link that decodes back to them with no notice.
fn decoded_is_sound(d: &Decoded) -> Result<(), TestCaseError> {
    for n in &d.notices {
        prop_assert!(
            n.message.chars().count() <= 200 && !n.message.chars().any(char::is_control),
            "{n:?}"
        );
    }
    if d.form == Form::default() {
        return Ok(()); // known to parse and round-trip (tests/share.rs); most random text ends here
    }
    let i = d
        .form
        .parse()
        .map_err(|e| TestCaseError::fail(format!("decoded form rejected: {e:?}")))?;
    let again = decode(&encode(&i, d.embed));
    prop_assert_eq!(&again.form, &Form::from_inputs(&i));
    prop_assert!(again.notices.is_empty(), "{:?}", again.notices);
    prop_assert_eq!(again.embed, d.embed);
    // What the page and the worker make of it: the plan (a cluster's, with services) and every
    // export of it.
    if let Ok(p) = Planned::of(&i) {
        let _ = (markdown(&p), csv(&p), terraform(&p));
        let back = import_json(&json(&p)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(back.notices.is_empty(), "{:?}", back.notices);
        prop_assert_eq!(back.form.parse(), Ok(i));
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(252))]
    #[test]
    fn decode_never_panics_on_any_text(s in any_text(120)) {
        decoded_is_sound(&decode(&s))?;
        let _ = decode_query(&s);
    }
}

proptest! {
    #![proptest_config(config(150))]
    #[test]
    fn decode_never_panics_on_key_value_soup(s in words(0..48).prop_map(|v| soup(&v))) {
        let d = decode(&s);
        decoded_is_sound(&d)?;
        if let Ok(i) = d.form.parse() {
            let _ = plan(&i);
        }
    }
}

proptest! {
    #![proptest_config(config(250))]
    #[test]
    fn field_parsers_never_panic(s in field_text(), t in field_text(), min in any::<u32>(), max in any::<u32>()) {
        let _ = parse::count(&s, min, max);
        let _ = parse::count(&s, 1, 6);
        let _ = parse::listed(&s);
        let _ = parse::names(&s);
        let _ = parse::v6_prefix(&s);
        let _ = parse::instance(&s);
        for f in Field::ALL {
            let _ = f.check(&s);
            let _ = f.check(&t);
        }
        let _ = catalog::lookup(&s);
        let _ = cidr::parse_prefix(&s);
        if let (Ok(a), Ok(b)) = (cidr::parse_block(&s), cidr::parse_block(&t)) {
            let _ = cidr::check_secondary(&a, &b);
            let _ = cidr::carve(&a, b.prefix_len(), min % 8);
        }
    }
}

proptest! {
    #![proptest_config(config(3))]
    #[test]
    fn instance_search_never_panics(s in field_text(), limit in 0usize..30) {
        // A full scan of the catalogue per query: few cases.
        prop_assert!(catalog::search(&s, limit).len() <= limit);
    }
}

/// A form with arbitrary text in every field (the first word's bits are the toggles).
fn any_form(v: &[u32]) -> Form {
    let w = &mut Words(v.iter());
    let b = w.next();
    let mut f = Form::default();
    for (bit, k) in Field::ALL.into_iter().enumerate() {
        if k.is_flag() {
            f.set(k, if b & (1 << (bit % 32)) != 0 { "1" } else { "0" });
        } else {
            f.set(k, &field(w));
        }
    }
    f
}

/// The default form with a few fields (and the toggles) changed: mostly valid, so the plan and
/// the exports run on many shapes.
fn near_default_form(v: &[u32]) -> Form {
    let w = &mut Words(v.iter());
    let b = w.next();
    let mut f = Form::default();
    (f.trunk, f.secondary, f.alb, f.nlb) = (b & 1 != 0, b & 2 != 0, b & 4 != 0, b & 8 != 0);
    while !w.done() {
        let n = w.next() as usize % 21;
        let value = field(w);
        let slot = [
            &mut f.launch,
            &mut f.instance,
            &mut f.azs,
            &mut f.tasks,
            &mut f.vpc,
            &mut f.host,
            &mut f.tcidr,
            &mut f.tsub,
            &mut f.hnets,
            &mut f.tnets,
            &mut f.ip,
            &mut f.v6,
            &mut f.deploy,
            &mut f.surge,
            &mut f.cpu,
            &mut f.mem,
            &mut f.reserve,
            &mut f.registered,
            &mut f.nat,
            &mut f.vpce,
            &mut f.other,
        ];
        if let Some(s) = slot.into_iter().nth(n) {
            *s = value;
        }
    }
    f
}

proptest! {
    #![proptest_config(config(75))]
    #[test]
    fn forms_parse_plan_and_export_without_panic(
        f in prop_oneof![words(1..40).prop_map(|v| any_form(&v)), words(1..10).prop_map(|v| near_default_form(&v))]
    ) {
        if let Ok(i) = f.parse() {
            prop_assert_eq!(Form::from_inputs(&i).parse(), Ok(i.clone()));
            // The extras worker plans from the link: it must describe exactly these inputs.
            prop_assert_eq!(decode(&encode(&i, false)).form.parse(), Ok(i.clone()));
            let _ = compare(&i);
            prop_assert_eq!(plan(&i).err(), conflicts(&i).first().cloned());
            if let Ok(p) = plan(&i) {
                let _ = (markdown(&p), csv(&p), terraform(&p));
                let d = import_json(&json(&p)).map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert!(d.notices.is_empty(), "{:?}", d.notices);
                prop_assert_eq!(d.form.parse(), Ok(i));
            }
        }
    }
}

proptest! {
    #![proptest_config(config(2))]
    #[test]
    fn the_extras_worker_answers_any_message(
        v in words(0..40),
        text in any_text(24),
        kind in 0usize..4,
        shown in 0usize..2000,
        bytes in proptest::collection::vec(any::<u8>(), 0..64),
    ) {
        // Each sections answer ranks every type: few cases.
        let fragment = soup(&v);
        let inputs = decode(&fragment).form.parse().unwrap_or_default();
        let request = match kind {
            0 => Request::Sections(Box::new(SectionsRequest {
                inputs,
                query: decode_query(&text),
                pins: vec![text],
                shown,
                embed: shown % 2 == 0,
            })),
            1 => Request::Explain {
                inputs: Box::new(inputs),
                what: What::Scenario(Scenario::ALL[shown % 4], Metric::ALL[shown % Metric::ALL.len()]),
            },
            2 => Request::Export {
                inputs: Box::new(inputs),
                format: Format::ALL[shown % 4],
            },
            _ => Request::Import { text: fragment },
        };
        prop_assert_ne!(Extras::default().respond(request), Reply::Ready);
        // Bytes that are not a message decode to nothing, or to a request it answers.
        if let (Some(_), Ok(r)) = protocol::decode::<Request>(&bytes) {
            let _ = Extras::default().respond(r);
        }
    }
}

/// Pieces of JSON, good and broken.
const JSON_TOKENS: [&str; 30] = [
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    " ",
    "\"inputs\"",
    "\"data\"",
    "\"schema\"",
    "\"az\"",
    "\"type\"",
    "true",
    "false",
    "null",
    "1",
    "-0",
    "01",
    "1.5e3",
    "-",
    "1e",
    "\"",
    "\\",
    "\"\\u",
    "\\ud800",
    "\"\\ud83d\\ude00\"",
    "\"\\n\"",
    "\"\u{1}\"",
    "{\"inputs\":{",
    "\"2\"",
];

/// JSON-like text: token soup, `inputs` objects with link keys and odd values, or deep nesting.
fn json_soup(v: &[u32]) -> String {
    let w = &mut Words(v.iter());
    let x = w.next();
    match x % 3 {
        0 => {
            let mut out = String::new();
            while !w.done() {
                let t = w.next();
                if t % 5 == 0 {
                    out.push_str(&format!("{:?}", field(w)));
                } else {
                    out.push_str(JSON_TOKENS[t as usize % JSON_TOKENS.len()]);
                }
            }
            out
        }
        1 => {
            let mut fields = Vec::new();
            while !w.done() {
                let t = w.next();
                let (k, v) = (KEYS[t as usize % KEYS.len()], field(w));
                fields.push(match (t >> 8) % 4 {
                    0 => format!("{k:?}: {}", v.len()),
                    1 => format!("{k:?}: [{v:?}]"),
                    _ => format!("{k:?}: {v:?}"),
                });
            }
            format!("{{\"schema\": 1, \"inputs\": {{{}}}}}", fields.join(", "))
        }
        _ => format!(
            "{}{}",
            "[{\"a\":".repeat(1 + (x >> 2) as usize % 50),
            "}]".repeat((x >> 8) as usize % 50)
        ),
    }
}

proptest! {
    #![proptest_config(config(150))]
    #[test]
    fn import_json_never_panics_on_any_text(s in any_text(120)) {
        if let Ok(d) = import_json(&s) {
            decoded_is_sound(&d)?;
        }
    }
}

proptest! {
    #![proptest_config(config(120))]
    #[test]
    fn import_json_never_panics_on_json_soup(s in words(1..40).prop_map(|v| json_soup(&v))) {
        if let Ok(d) = import_json(&s) {
            decoded_is_sound(&d)?;
        }
    }
}
