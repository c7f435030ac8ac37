//! Number formatting shared by the UI and the exports.

/// Formats an integer with thousands separators.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::fmt::int;
/// assert_eq!(int(12_273u32), "12,273");
/// assert_eq!(int(7u64), "7");
/// ```
pub fn int(n: impl Into<u128>) -> String {
    let digits = n.into().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Formats a signed difference with an explicit sign, e.g. `+8` or `−1,000` (U+2212 minus).
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::fmt::delta;
/// assert_eq!(delta(8), "+8");
/// assert_eq!(delta(-1000), "\u{2212}1,000");
/// assert_eq!(delta(0), "±0");
/// ```
pub fn delta(d: i128) -> String {
    match d.cmp(&0) {
        std::cmp::Ordering::Greater => format!("+{}", int(d.unsigned_abs())),
        std::cmp::Ordering::Less => format!("\u{2212}{}", int(d.unsigned_abs())),
        std::cmp::Ordering::Equal => "±0".to_string(),
    }
}

/// Formats `part / whole` as a percentage with one decimal, e.g. `12.2%`; `0 / 0` is `0.0%`.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::fmt::percent;
/// assert_eq!(percent(1501, 12273), "12.2%");
/// assert_eq!(percent(0, 0), "0.0%");
/// ```
pub fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        return "0.0%".to_string();
    }
    let tenths = (u128::from(part) * 1000 + u128::from(whole) / 2) / u128::from(whole);
    format!("{}.{}%", tenths / 10, tenths % 10)
}

/// Formats a memory size given in MiB: whole GiB as `16 GiB`, otherwise MiB.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::fmt::mib;
/// assert_eq!(mib(4096), "4 GiB");
/// assert_eq!(mib(1536), "1.5 GiB");
/// assert_eq!(mib(500), "500 MiB");
/// ```
pub fn mib(m: u32) -> String {
    if m >= 1024 && m.is_multiple_of(1024) {
        format!("{} GiB", int(m / 1024))
    } else if m >= 1024 && m.is_multiple_of(512) {
        format!("{}.5 GiB", int(m / 1024))
    } else {
        format!("{} MiB", int(m))
    }
}
