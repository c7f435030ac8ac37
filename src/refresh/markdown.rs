//! Parses the two Markdown sources: Karpenter's generated `instance-types.md` (vCPUs and memory)
//! and the ECS developer guide's `container-instance-eni.md` (the trunking table and the list of
//! unsupported types). Errors name the file and line.

use super::error::{valid_type_name, Error};
use std::collections::BTreeMap;

/// One `### \`type\`` section of `instance-types.md`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KarpenterType {
    /// Instance type, from the heading.
    pub name: String,
    /// Label `karpenter.k8s.aws/instance-cpu`, when the section has it.
    pub vcpus: Option<u32>,
    /// Label `karpenter.k8s.aws/instance-memory` (MiB), when the section has it.
    pub memory_mib: Option<u32>,
    /// Label `kubernetes.io/arch` (`amd64`, `arm64`), when the section has it.
    pub arch: Option<String>,
    /// 1-based line of the heading.
    pub line: usize,
}

const CPU: &str = "karpenter.k8s.aws/instance-cpu";
const MEMORY: &str = "karpenter.k8s.aws/instance-memory";
const ARCH: &str = "kubernetes.io/arch";

/// The cells of a Markdown table row (`| a | b |` → `["a", "b"]`), trimmed; `None` for a line
/// that is not a table row.
fn cells(line: &str) -> Option<Vec<String>> {
    let t = line.trim();
    let inner = t.strip_prefix('|')?;
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    Some(inner.split('|').map(|c| unescape(c.trim())).collect())
}

/// Markdown backslash escapes (`c5\.large` → `c5.large`).
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('\\', Some(n)) if n.is_ascii_punctuation() => {
                out.push(*n);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// Parses Karpenter's `instance-types.md`.
pub fn parse_karpenter(file: &str, text: &str) -> Result<Vec<KarpenterType>, Error> {
    let mut out: Vec<KarpenterType> = Vec::new();
    let mut seen = BTreeMap::<String, usize>::new();
    let mut current: Option<KarpenterType> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let l = raw.trim_end();
        if let Some(h) = l.strip_prefix("### ") {
            out.extend(current.take());
            let h = h.trim();
            let Some(name) = h.strip_prefix('`').and_then(|r| r.strip_suffix('`')) else {
                continue; // another kind of section: no type
            };
            if !valid_type_name(name) {
                return Err(Error::new(
                    file,
                    line,
                    format!("heading {h:?} does not name an instance type"),
                ));
            }
            if let Some(first) = seen.insert(name.to_owned(), line) {
                return Err(Error::new(
                    file,
                    line,
                    format!("{name} has a second section (first at line {first})"),
                ));
            }
            current = Some(KarpenterType {
                name: name.to_owned(),
                vcpus: None,
                memory_mib: None,
                arch: None,
                line,
            });
            continue;
        }
        if l.starts_with("## ") || l.starts_with("# ") {
            out.extend(current.take());
            continue;
        }
        let (Some(t), Some(row)) = (current.as_mut(), cells(l)) else {
            continue;
        };
        let [key, value] = row.as_slice() else {
            continue;
        };
        let number = |what: &str| -> Result<u32, Error> {
            value.parse::<u32>().map_err(|_| {
                Error::new(
                    file,
                    line,
                    format!("{}: {what} {value:?} is not a whole number", t.name),
                )
            })
        };
        let twice = |what: &str| Error::new(file, line, format!("{}: {what} given twice", t.name));
        match key.as_str() {
            CPU => {
                let v = number(CPU)?;
                if t.vcpus.replace(v).is_some() {
                    return Err(twice(CPU));
                }
            }
            MEMORY => {
                let v = number(MEMORY)?;
                if t.memory_mib.replace(v).is_some() {
                    return Err(twice(MEMORY));
                }
            }
            ARCH => {
                let earlier = t.arch.replace(value.clone());
                if earlier.is_some() {
                    return Err(twice(ARCH));
                }
            }
            _ => {}
        }
    }
    out.extend(current);
    if out.is_empty() {
        return Err(Error::new(
            file,
            0,
            "no \"### `type`\" sections: is this Karpenter's instance-types.md?",
        ));
    }
    Ok(out)
}

/// One row of the ECS trunking table, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EcsRow {
    /// Instance type, unescaped (`c5\.large` → `c5.large`).
    pub name: String,
    /// "Task limit without ENI trunking".
    pub without: u32,
    /// "Task limit with ENI trunking" (the 2023 page has a −2).
    pub with: i64,
    /// 1-based line.
    pub line: usize,
}

/// What `container-instance-eni.md` gives: the table rows in page order, and the types and
/// families the page says are not supported, each in the order the text names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EcsPage {
    /// Every row of every "Instance type | Task limit …" table, in page order.
    pub rows: Vec<EcsRow>,
    /// Families from the sentence "… instance families are not supported".
    pub unsupported_families: Vec<String>,
    /// Types from the sentence "… instance types are not supported".
    pub unsupported_types: Vec<String>,
}

/// Backticked words of a line (`` `a1.metal` ``).
fn backticked(line: &str) -> Vec<String> {
    line.split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s.trim().to_owned())
        .collect()
}

/// Parses the ECS developer guide's `container-instance-eni.md`.
pub fn parse_ecs(file: &str, text: &str) -> Result<EcsPage, Error> {
    let mut rows: Vec<EcsRow> = Vec::new();
    let mut seen = BTreeMap::<String, usize>::new();
    let (mut families, mut types): (Option<Vec<String>>, Option<Vec<String>>) = (None, None);
    let mut in_table = false;
    let mut lines = text.lines().enumerate().peekable();
    while let Some((i, raw)) = lines.next() {
        let line = i + 1;
        let Some(row) = cells(raw) else {
            in_table = false;
            let lower = raw.to_lowercase();
            let fam = lower.contains("instance families are not supported");
            let typ = lower.contains("instance types are not supported");
            let (slot, what) = match (fam, typ) {
                (false, false) => continue,
                (true, true) => {
                    return Err(Error::new(
                        file,
                        line,
                        "one line lists both unsupported families and types; split it",
                    ))
                }
                (true, false) => (&mut families, "families"),
                (false, true) => (&mut types, "types"),
            };
            let names = backticked(raw);
            if names.is_empty() {
                return Err(Error::new(
                    file,
                    line,
                    format!("the unsupported {what} are not in `backticks`"),
                ));
            }
            if let Some(bad) = names.iter().find(|n| {
                n.is_empty()
                    || n.contains(',')
                    || (what == "types" && !valid_type_name(n))
                    || (what == "families" && !valid_type_name(&format!("{n}.x")))
            }) {
                return Err(Error::new(
                    file,
                    line,
                    format!(
                        "{bad:?} is not an instance {}",
                        if what == "types" { "type" } else { "family" }
                    ),
                ));
            }
            if slot.replace(names).is_some() {
                return Err(Error::new(
                    file,
                    line,
                    format!("a second list of unsupported {what}"),
                ));
            }
            continue;
        };
        let header = row
            .first()
            .is_some_and(|c| c.eq_ignore_ascii_case("instance type"))
            && row.len() == 3
            && row
                .iter()
                .skip(1)
                .all(|c| c.to_lowercase().starts_with("task limit"));
        if header {
            // The next line must be the separator row.
            match lines.next() {
                Some((_, sep))
                    if cells(sep).is_some_and(|c| {
                        c.iter()
                            .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':')))
                    }) => {}
                _ => {
                    return Err(Error::new(
                        file,
                        line + 1,
                        "a task-limit table header must be followed by a `| --- |` row",
                    ))
                }
            }
            in_table = true;
            continue;
        }
        if !in_table {
            continue;
        }
        let [name, without, with] = row.as_slice() else {
            return Err(Error::new(
                file,
                line,
                format!("a table row with {} cells; expected 3", row.len()),
            ));
        };
        if !valid_type_name(name) {
            return Err(Error::new(
                file,
                line,
                format!("{name:?} is not an instance type"),
            ));
        }
        let without = without.parse::<u32>().map_err(|_| {
            Error::new(
                file,
                line,
                format!("{name}: task limit without trunking {without:?} is not a whole number"),
            )
        })?;
        let with = with
            .parse::<i64>()
            .ok()
            .filter(|w| w.unsigned_abs() <= u64::from(u32::MAX))
            .ok_or_else(|| {
                Error::new(
                    file,
                    line,
                    format!("{name}: task limit with trunking {with:?} is not a whole number"),
                )
            })?;
        if let Some(first) = seen.insert(name.clone(), line) {
            return Err(Error::new(
                file,
                line,
                format!("{name} has a second row (first at line {first})"),
            ));
        }
        rows.push(EcsRow {
            name: name.clone(),
            without,
            with,
            line,
        });
    }
    if rows.is_empty() {
        return Err(Error::new(
            file,
            0,
            "no \"Instance type | Task limit …\" table: is this the ECS page container-instance-eni.md?",
        ));
    }
    let (Some(unsupported_families), Some(unsupported_types)) = (families, types) else {
        return Err(Error::new(
            file,
            0,
            "no sentences \"… instance types are not supported\" and \"… instance families are not supported\"; the unsupported list can't be read",
        ));
    };
    Ok(EcsPage {
        rows,
        unsupported_families,
        unsupported_types,
    })
}
