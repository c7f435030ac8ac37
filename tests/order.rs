//! The order of link notices and form errors (std's stable sort, no hand-written one): notices in
//! the link format's key order, errors in field order, each whatever order the input had.
#![cfg(not(target_arch = "wasm32"))]

use awsvpc_planner::calc::share::decode;
use awsvpc_planner::calc::Form;

#[test]
fn link_notices_come_in_key_order() {
    // Keys given in reverse of the link format's order, each with a bad value.
    let d = decode("#other=x&nat=99&surge=5&v6=65&tasks=-1&az=0&type=nope&launch=moon");
    let keys: Vec<&str> = d.notices.iter().map(|n| n.key.as_str()).collect();
    assert_eq!(
        keys,
        ["launch", "type", "az", "tasks", "v6", "surge", "nat", "other"]
    );
    // The link-wide notice (key "", for a link cut at 16 KiB) comes first, before per-key ones;
    // a key this version does not know comes last, named once.
    let long = format!("#tasks=-1&az=0&{}&launch=moon", "x=1&".repeat(5000));
    let keys: Vec<String> = decode(&long).notices.into_iter().map(|n| n.key).collect();
    assert_eq!(keys, ["", "az", "tasks", "x"]);
}

#[test]
fn form_errors_come_in_field_order() {
    let f = Form {
        other: "x".into(),
        tasks: "-3".into(),
        azs: "9".into(),
        vpc: "nope".into(),
        ..Form::default()
    };
    let errs = f.parse().unwrap_err();
    let fields: Vec<u8> = errs.iter().map(|e| e.field as u8).collect();
    let mut sorted = fields.clone();
    sorted.sort_unstable();
    assert_eq!(fields, sorted);
    assert_eq!(errs.len(), 4, "{errs:?}");
}
