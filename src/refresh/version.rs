//! The two constants of `src/calc/catalog/mod.rs` a refresh maintains: `DATASET_VERSION`, which
//! links carry and which is bumped when any value changes ([`next_dataset_version`]), and
//! `ECS_TABLE_DATE`, the date of the ECS page the table came from.

use super::error::Error;
use super::CATALOG_RS;

/// The dataset version after a refresh that changed values: the `YYYY-MM` of the limits file's
/// "generated at" time when that differs from the current version's month, else the current
/// month with a counter (`2026-08` → `2026-08.2` → `2026-08.3`). Never equal to `current`.
///
/// ```
/// use awsvpc_planner::refresh::next_dataset_version;
/// assert_eq!(next_dataset_version("2026-08", Some("2026-10-01T00:00:00Z")), "2026-10");
/// assert_eq!(next_dataset_version("2026-08", Some("2026-08-30T00:00:00Z")), "2026-08.2");
/// assert_eq!(next_dataset_version("2026-08.2", None), "2026-08.3");
/// ```
pub fn next_dataset_version(current: &str, generated_at: Option<&str>) -> String {
    let (base, n) = match current.rsplit_once('.') {
        Some((base, n)) => match n.parse::<u32>() {
            Ok(n) => (base, n),
            Err(_) => (current, 1),
        },
        None => (current, 1),
    };
    let month = generated_at.and_then(|g| g.get(..7)).filter(|m| {
        m.len() == 7
            && m.bytes().enumerate().all(|(i, c)| {
                if i == 4 {
                    c == b'-'
                } else {
                    c.is_ascii_digit()
                }
            })
    });
    match month {
        Some(m) if m != base && m > base => m.to_owned(),
        _ => format!("{base}.{}", n.saturating_add(1)),
    }
}

/// The catalogue module's text and the two constants read from it.
#[derive(Debug, Clone)]
pub(super) struct Catalog {
    /// The text of `src/calc/catalog/mod.rs`.
    pub text: String,
    /// `DATASET_VERSION`.
    pub version: String,
    /// `ECS_TABLE_DATE`.
    pub ecs_date: String,
}

impl Catalog {
    /// Reads the two constants from the module's `text`.
    pub fn read(text: &str) -> Result<Catalog, Error> {
        Ok(Catalog {
            text: text.to_owned(),
            version: get_const(text, "DATASET_VERSION")?,
            ecs_date: get_const(text, "ECS_TABLE_DATE")?,
        })
    }

    /// The module's text with the two constants set to `version` and `ecs_date`.
    pub fn with(&self, version: &str, ecs_date: &str) -> Result<String, Error> {
        let text = set_const(&self.text, "DATASET_VERSION", version)?;
        set_const(&text, "ECS_TABLE_DATE", ecs_date)
    }
}

/// Replaces the string value of `pub const NAME: &str = "…";` in `text`.
fn set_const(text: &str, name: &str, value: &str) -> Result<String, Error> {
    let prefix = format!("pub const {name}: &str = \"");
    let mut found = false;
    let mut out = String::with_capacity(text.len());
    for l in text.split_inclusive('\n') {
        if let Some(rest) = l.strip_prefix(&prefix) {
            if let Some(end) = rest.find("\";") {
                found = true;
                out.push_str(&prefix);
                out.push_str(value);
                out.push_str(rest.get(end..).unwrap_or(""));
                continue;
            }
        }
        out.push_str(l);
    }
    if found {
        Ok(out)
    } else {
        Err(Error::new(CATALOG_RS, 0, format!("no line `{prefix}…\";`")))
    }
}

/// The string value of `pub const NAME: &str = "…";` in `text`.
fn get_const(text: &str, name: &str) -> Result<String, Error> {
    let prefix = format!("pub const {name}: &str = \"");
    text.lines()
        .find_map(|l| {
            l.strip_prefix(&prefix)
                .and_then(|r| r.split_once("\";"))
                .map(|(v, _)| v.to_owned())
        })
        .ok_or_else(|| Error::new(CATALOG_RS, 0, format!("no line `{prefix}…\";`")))
}
