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
    let d = n.into().to_string();
    // Groups of three from the right: the first group takes what is left over.
    let head = match d.len() % 3 {
        0 => 3,
        r => r,
    };
    let (first, rest) = d.split_at(head.min(d.len()));
    let mut out = String::with_capacity(d.len() + d.len() / 3);
    out.push_str(first);
    for group in rest.as_bytes().chunks(3) {
        out.push(',');
        out.push_str(std::str::from_utf8(group).unwrap_or_default());
    }
    out
}

/// Formats an integer's digits, without separators: `to_string` for any unsigned integer.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::fmt::digits;
/// assert_eq!(digits(0u32), "0");
/// assert_eq!(digits(u128::MAX), u128::MAX.to_string());
/// ```
pub fn digits(n: impl Into<u128>) -> String {
    n.into().to_string()
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

/// Formats a signed count such as addresses left: with thousands separators, and a negative
/// one as an explicit shortfall, `short by N`.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::fmt::left;
/// assert_eq!(left(12_273), "12,273");
/// assert_eq!(left(0), "0");
/// assert_eq!(left(-250), "short by 250");
/// ```
pub fn left(n: i128) -> String {
    if n < 0 {
        format!("short by {}", int(n.unsigned_abs()))
    } else {
        int(n.unsigned_abs())
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

/// A count of 2^n − r (n ≥ 32, r ≤ 8) written as such (`2^64 − 5`): AWS's usable IPv6 per subnet,
/// which no one reads digit by digit. `None` for any other number.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::fmt::power_of_two_less;
/// assert_eq!(power_of_two_less((1 << 64) - 5).as_deref(), Some("2^64 − 5"));
/// assert_eq!(power_of_two_less((1 << 80) - 5).as_deref(), Some("2^80 − 5"));
/// assert_eq!(power_of_two_less(12_273), None);
/// ```
pub fn power_of_two_less(v: i128) -> Option<String> {
    (1..=8).find_map(|r: i128| {
        let whole = v.checked_add(r)?;
        (whole > 0 && whole.count_ones() == 1 && whole.trailing_zeros() >= 32)
            .then(|| format!("2^{} \u{2212} {r}", whole.trailing_zeros()))
    })
}

#[cfg(test)]
mod tests {
    use super::{digits, int};

    /// The grouping as `to_string` plus a comma before every third digit from the right.
    fn reference(n: u128) -> String {
        let d = n.to_string();
        let mut out = String::new();
        for (i, c) in d.chars().enumerate() {
            if i > 0 && (d.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        out
    }

    #[test]
    fn digits_and_int_agree_with_the_standard_library() {
        let mut cases: Vec<u128> = vec![0, 1, 9, 10, 99, 100, 999, 1000, 12_273, u128::MAX];
        let mut p: u128 = 1;
        while let Some(next) = p.checked_mul(10) {
            cases.extend([p - 1, p, p + 1]);
            p = next;
        }
        // A fixed pseudo-random sweep over every magnitude.
        let mut x: u128 = 0x9e37_79b9_7f4a_7c15;
        for i in 0..20_000u32 {
            x = x
                .wrapping_mul(0x2545_f491_4f6c_dd1d_1234_5678_9abc_def1)
                .wrapping_add(1);
            cases.push(x >> (i % 128));
        }
        for n in cases {
            assert_eq!(digits(n), n.to_string());
            assert_eq!(int(n), reference(n));
        }
    }
}
