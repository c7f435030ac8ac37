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

// ---- The field table is the one declaration of every field (issue 22) ---------------------------

use awsvpc_planner::calc::field::{link_table, LINK_KEYS};
use awsvpc_planner::calc::Field;

/// Where README's link table starts and ends.
const TABLE_START: &str = "<!-- link-keys: generated from src/calc/field.rs; UPDATE_README=1 cargo test --test architecture -->\n";
const TABLE_END: &str = "\n<!-- /link-keys -->";

/// What in `text` declares a field outside the field table: a match arm on a field's link key
/// (`"tasks" =>`), an array of link keys (`["type", "az", "tasks"`), a key paired with its label
/// (`("tasks", "Desired tasks")`), or — in the page and the exports, which take every label from
/// the table — a field's label written out.
fn declarations(text: &str, labels_too: bool) -> Vec<String> {
    let keys: Vec<&str> = Field::ALL.iter().map(|f| f.key()).collect();
    let quoted = |k: &str| format!("\"{k}\"");
    let mut out = Vec::new();
    // Tokens as they stand, spaces squeezed, so a declaration split over lines is found too.
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for f in Field::ALL {
        let k = quoted(f.key());
        if flat.contains(&format!("{k} =>")) {
            out.push(format!("match arm on {k}"));
        }
        if flat.contains(&format!("{k}, \"{}\"", f.label())) {
            out.push(format!("{k} paired with its label"));
        }
        if labels_too && text.contains(&quoted(f.label())) {
            out.push(format!("label {:?}", f.label()));
        }
    }
    for w in flat.split('[').skip(1) {
        let items: Vec<&str> = w
            .split(']')
            .next()
            .unwrap_or("")
            .split(',')
            .map(str::trim)
            .collect();
        let listed = items
            .iter()
            .filter(|i| keys.iter().any(|k| quoted(k) == **i))
            .count();
        if listed >= 3 {
            out.push(format!("a list of {listed} link keys"));
        }
    }
    out
}

#[test]
fn every_link_key_label_and_readme_row_comes_from_the_field_table() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    let bad: Vec<String> = files
        .iter()
        .filter(|f| !f.ends_with("calc/field.rs"))
        .filter_map(|f| {
            let rel = f
                .strip_prefix(root)
                .unwrap_or(f)
                .to_string_lossy()
                .to_string();
            let labels_too = rel.starts_with("src/ui/") || rel.starts_with("src/calc/export/");
            let text = fs::read_to_string(f).expect("read");
            // Test modules may spell keys out to check them.
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            let d = declarations(code, labels_too);
            (!d.is_empty()).then(|| format!("{rel}: {d:?}"))
        })
        .collect();
    assert!(
        bad.is_empty(),
        "fields declared outside src/calc/field.rs: {bad:?}"
    );
    // The check finds each kind of declaration.
    assert_eq!(
        declarations("match k { \"tasks\" => 1 }", false),
        ["match arm on \"tasks\""]
    );
    assert_eq!(
        declarations(
            "const L: [(&str, &str); 1] = [(\n\"tasks\", \"Desired tasks\")];",
            false
        ),
        ["\"tasks\" paired with its label"]
    );
    assert_eq!(
        declarations("[\"v\", \"type\", \"az\", \"tasks\"]", false),
        ["a list of 3 link keys"]
    );
    assert_eq!(
        declarations("html! { <label>{ \"VPC CIDR\" }</label> }", true),
        ["label \"VPC CIDR\""]
    );

    // README's link table is the table's, row for row.
    let readme = fs::read_to_string(root.join("README.md")).expect("README.md");
    let table = link_table();
    let (start, end) = (
        readme
            .find(TABLE_START)
            .expect("README's link table start marker")
            + TABLE_START.len(),
        readme
            .find(TABLE_END)
            .expect("README's link table end marker"),
    );
    if std::env::var_os("UPDATE_README").is_some() && readme[start..end] != table {
        fs::write(
            root.join("README.md"),
            format!("{}{table}{}", &readme[..start], &readme[end..]),
        )
        .expect("write README.md");
        return;
    }
    assert_eq!(
        &readme[start..end],
        table,
        "README's link table is not the field table's: UPDATE_README=1 cargo test --test architecture"
    );
    let rows: Vec<&str> = table.lines().skip(2).collect();
    assert_eq!(rows.len(), Field::ALL.len() + LINK_KEYS.len());
    for f in Field::ALL {
        assert!(
            rows.iter()
                .any(|r| r.starts_with(&format!("| `{}` |", f.key()))),
            "{f:?}"
        );
    }
}
