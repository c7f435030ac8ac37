//! Architecture invariants, checked: `src/calc` names no browser or UI crate; nothing under `src/`
//! writes markup as text (every piece of text reaches the DOM through Yew).
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).expect("read src/calc").flatten() {
        let p = entry.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The words that would mean `calc` depends on the browser or the UI framework.
const FORBIDDEN: [&str; 5] = ["yew", "web_sys", "gloo", "wasm_bindgen", "js_sys"];

fn offences(text: &str) -> Vec<&'static str> {
    FORBIDDEN
        .iter()
        .copied()
        .filter(|w| {
            text.match_indices(w).any(|(i, _)| {
                let before = text[..i].chars().next_back();
                let after = text[i + w.len()..].chars().next();
                let ident = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
                !ident(before) && !ident(after)
            })
        })
        .collect()
}

#[test]
fn calc_names_no_browser_crate() {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/calc"),
        &mut files,
    );
    assert!(
        files.len() >= 5,
        "expected the calc module tree, found {files:?}"
    );
    let bad: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let o = offences(&fs::read_to_string(f).expect("read"));
            (!o.is_empty()).then(|| format!("{}: {o:?}", f.display()))
        })
        .collect();
    assert!(
        bad.is_empty(),
        "src/calc must not name browser crates: {bad:?}"
    );
}

#[test]
fn the_check_itself_catches_each_word() {
    for w in FORBIDDEN {
        assert_eq!(offences(&format!("use {w}::prelude::*;")), [w]);
    }
    assert!(offences("let yewish = 1; // gloomy").is_empty());
}

/// What writing markup as text looks like (the issue 13 check, `grep -rnE` of these).
const MARKUP_AS_TEXT: [&str; 3] = ["inner_html", "from_html_unchecked", "format!(r#\"<"];

fn markup_offences(text: &str) -> Vec<&'static str> {
    MARKUP_AS_TEXT
        .iter()
        .copied()
        .filter(|w| text.contains(w))
        .collect()
}

#[test]
fn no_markup_is_written_as_text() {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    assert!(
        files.len() >= 20,
        "expected the whole source tree, found {files:?}"
    );
    let bad: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let o = markup_offences(&fs::read_to_string(f).expect("read"));
            (!o.is_empty()).then(|| format!("{}: {o:?}", f.display()))
        })
        .collect();
    assert!(bad.is_empty(), "markup written as text: {bad:?}");
    // The check catches each form.
    assert_eq!(markup_offences("el.set_inner_html(x)"), ["inner_html"]);
    assert_eq!(
        markup_offences("Html::from_html_unchecked(m)"),
        ["from_html_unchecked"]
    );
    assert_eq!(markup_offences("format!(r#\"<p>\"#)"), ["format!(r#\"<"]);
}
