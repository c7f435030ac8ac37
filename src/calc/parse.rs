//! The text of one field, read into a value: counts, prefixes, CIDR blocks, lists of subnets,
//! names and ids, choices. Each parser returns the value or a lowercase message that quotes the
//! offending text (clipped); [`crate::calc::field`] puts the message on its field.
//!
//! The field table ([`crate::calc::field`]) names one of these per field; the form, the link
//! decoder and the JSON import all read text through them.

use crate::calc::catalog;
use crate::calc::cidr::{self, clip, quote};
use crate::calc::fmt::int;
use crate::calc::input::{Choice, MAX_AZS, MAX_SERVICE_NAME};
use ipnet::Ipv4Net;

/// Longest subnet or AZ name kept, in characters.
pub const MAX_NAME: usize = 64;

/// Parses a whole number in `min..=max`, allowing `,`, `_` and spaces as thousands separators.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::parse::count;
/// assert_eq!(count(" 1,000 ", 0, 5_000_000), Ok(1000));
/// assert_eq!(count("-1", 0, 10).unwrap_err(), "\"-1\" is not a whole number");
/// assert_eq!(count("11", 0, 10).unwrap_err(), "11 is outside 0 to 10");
/// ```
///
/// # Errors
/// A message for text that is not a whole number in `min..=max`.
pub fn count(s: &str, min: u32, max: u32) -> Result<u32, String> {
    let t: String = s
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | ' '))
        .collect();
    if t.is_empty() {
        return Err(format!("enter a whole number from {min} to {}", int(max)));
    }
    if t.len() > 12 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("{} is not a whole number", quote(s.trim())));
    }
    match t.parse::<u64>() {
        Ok(n) if n >= u64::from(min) && n <= u64::from(max) => Ok(n as u32),
        _ => Err(format!(
            "{} is outside {min} to {}",
            clip(s.trim()),
            int(max)
        )),
    }
}

/// Parses an optional whole number: empty text is `None`, else as [`count`].
///
/// # Errors
/// As [`count`].
pub fn optional(s: &str, min: u32, max: u32) -> Result<Option<u32>, String> {
    if s.trim().is_empty() {
        Ok(None)
    } else {
        count(s, min, max).map(Some)
    }
}

/// Parses a percentage in `min..=max`, with or without a trailing `%`.
///
/// # Errors
/// As [`count`].
pub fn percent(s: &str, min: u32, max: u32) -> Result<u32, String> {
    count(s.trim().trim_end_matches('%'), min, max)
}

/// Parses a choice (`ec2`, `Fargate`, ` dual `): case-insensitive and trimmed.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{parse::choice, IpMode, Launch};
/// assert_eq!(choice::<Launch>(" FARGATE "), Ok(Launch::Fargate));
/// assert_eq!(choice::<IpMode>("v5").unwrap_err(), "\"v5\": choose v4, dual or v6only");
/// ```
///
/// # Errors
/// A message naming every value allowed.
pub fn choice<T: Choice>(s: &str) -> Result<T, String> {
    s.trim().parse::<T>().map_err(|_| {
        let names: Vec<String> = T::all().iter().map(ToString::to_string).collect();
        let list = match names.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
            _ => names.join(""),
        };
        format!("{}: choose {list}", quote(s))
    })
}

/// Parses an ECS service name: 1 to 255 letters, digits, hyphens and underscores (what
/// `CreateService` accepts), trimmed.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::parse::service_name;
/// assert_eq!(service_name(" log-agent "), Ok("log-agent".to_string()));
/// assert_eq!(service_name("web app").unwrap_err(), "\"web app\": use letters, digits, - and _ only");
/// ```
///
/// # Errors
/// A message for an empty, too long or ill-formed name.
pub fn service_name(s: &str) -> Result<String, String> {
    let t = s.trim();
    if t.is_empty() {
        return Err("enter a name".to_string());
    }
    if t.chars().count() > MAX_SERVICE_NAME {
        return Err(format!("longer than {MAX_SERVICE_NAME} characters"));
    }
    if !t
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(format!("{}: use letters, digits, - and _ only", quote(t)));
    }
    Ok(t.to_string())
}

/// Parses a `0`/`1` toggle.
///
/// # Errors
/// A message for anything but `0` or `1`.
pub fn flag(s: &str) -> Result<bool, String> {
    match s.trim() {
        "1" => Ok(true),
        "0" => Ok(false),
        t => Err(format!("{}: choose 0 or 1", quote(t))),
    }
}

/// Parses an IPv4 CIDR block under AWS's rules (`/16`–`/28`, no host bits).
///
/// # Errors
/// The [`cidr::CidrError`]'s message.
pub fn block(s: &str) -> Result<Ipv4Net, String> {
    cidr::parse_block(s).map_err(|e| e.to_string())
}

/// Parses an IPv4 prefix length, `20` or `/20`, `/16`–`/28`.
///
/// # Errors
/// The [`cidr::CidrError`]'s message.
pub fn prefix(s: &str) -> Result<u8, String> {
    cidr::parse_prefix(s).map_err(|e| e.to_string())
}

/// Parses an IPv6 subnet prefix, /44–/64 in steps of 4.
///
/// # Errors
/// A message naming what AWS allows.
pub fn v6_prefix(s: &str) -> Result<u8, String> {
    let t = s.trim();
    let t = t.strip_prefix('/').unwrap_or(t);
    match count(t, 44, 64) {
        Ok(p) if p % 4 == 0 => Ok(p as u8),
        _ => Err(format!("{}: AWS allows /44 to /64 in steps of 4", quote(s))),
    }
}

/// Parses an instance type name: must be in the catalogue (case-insensitive, trimmed); gives
/// the catalogue's spelling.
///
/// # Errors
/// The catalogue's message naming the unknown type.
pub fn instance(s: &str) -> Result<String, String> {
    catalog::lookup(s)
        .map(|t| t.name.to_string())
        .map_err(|e| e.to_string())
}

/// Parses a list of explicit per-AZ subnets, each `a.b.c.d/n` or `a.b.c.d/n@37` (37 addresses
/// already in use), separated by commas or spaces, into the subnets and their in-use counts
/// (trailing zeros left out, so a list without `@` has none). Empty text is an empty list.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::parse::listed;
/// let (nets, used) = listed("10.0.0.0/24@37, 10.0.1.0/24, 10.0.2.0/24@0").unwrap();
/// assert_eq!((nets.len(), used), (3, vec![37]));
/// assert!(listed("").unwrap().0.is_empty());
/// assert!(listed("10.0.0.0/24@lots").is_err());
/// ```
///
/// # Errors
/// A message naming the entry that is not a valid subnet or count, or for more than six.
pub fn listed(s: &str) -> Result<(Vec<Ipv4Net>, Vec<u32>), String> {
    let items: Vec<&str> = s
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .collect();
    if items.len() > MAX_AZS as usize {
        return Err(format!(
            "{} subnets: at most one per AZ ({MAX_AZS})",
            items.len()
        ));
    }
    let mut nets = Vec::new();
    let mut used = Vec::new();
    for (n, t) in items.iter().enumerate() {
        let (net, in_use) = t.split_once('@').unwrap_or((t, "0"));
        nets.push(cidr::parse_block(net).map_err(|e| format!("AZ {}: {e}", n + 1))?);
        used.push(count(in_use, 0, 65_536).map_err(|e| format!("AZ {} in use: {e}", n + 1))?);
    }
    while used.last() == Some(&0) {
        used.pop();
    }
    Ok((nets, used))
}

/// The text of listed subnets: `a.b.c.d/n`, with `@n` where addresses are in use.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::parse::{listed, listed_text};
/// let (nets, used) = listed("10.0.0.0/24@37,10.0.1.0/24").unwrap();
/// assert_eq!(listed_text(&nets, &used), "10.0.0.0/24@37,10.0.1.0/24");
/// ```
pub fn listed_text(list: &[Ipv4Net], used: &[u32]) -> String {
    list.iter()
        .enumerate()
        .map(|(i, n)| match used.get(i) {
            Some(&u) if u > 0 => format!("{n}@{u}"),
            _ => n.to_string(),
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// Splits a comma-separated list where `\,` is a comma inside an entry and `\\` a backslash;
/// entries are trimmed, and empty trailing entries left out.
fn split_escaped(s: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let (Some(n), Some(last)) = (chars.next(), out.last_mut()) {
                    last.push(n);
                }
            }
            ',' => out.push(String::new()),
            c => {
                if let Some(last) = out.last_mut() {
                    last.push(c);
                }
            }
        }
    }
    let mut out: Vec<String> = out.into_iter().map(|e| e.trim().to_string()).collect();
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

/// Joins names with commas, escaping `,` and `\` inside them ([`names`] reads them back).
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::parse::{names, names_text};
/// let n = vec!["web, a".to_string(), String::new(), "b\\c".to_string()];
/// assert_eq!(names(&names_text(&n)).unwrap(), n);
/// ```
pub fn names_text(list: &[String]) -> String {
    list.iter()
        .map(|n| n.replace('\\', "\\\\").replace(',', "\\,"))
        .collect::<Vec<_>>()
        .join(",")
}

/// Parses a list of names, one per AZ (`\,` for a comma inside a name; an empty entry is
/// unnamed): at most six, each at most [`MAX_NAME`] characters, no control characters.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::parse::names;
/// assert_eq!(names("app a, ,web\\, b").unwrap(), ["app a", "", "web, b"]);
/// assert!(names("a,b,c,d,e,f,g").is_err());
/// ```
///
/// # Errors
/// A message for more than six names, a name too long, or a control character.
pub fn names(s: &str) -> Result<Vec<String>, String> {
    let names = split_escaped(s);
    if names.len() > MAX_AZS as usize {
        return Err(format!(
            "{} names: at most one per AZ ({MAX_AZS})",
            names.len()
        ));
    }
    for (n, name) in names.iter().enumerate() {
        if name.chars().count() > MAX_NAME {
            return Err(format!(
                "AZ {}: a name has at most {MAX_NAME} characters",
                n + 1
            ));
        }
        if name.chars().any(char::is_control) {
            return Err(format!(
                "AZ {}: a name cannot hold control characters",
                n + 1
            ));
        }
    }
    Ok(names)
}

/// Parses the IPv6 CIDRs of listed subnets, one per subnet, comma-separated; `-` (or an empty
/// entry) is a subnet without an IPv6 block. Empty text: not known.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::parse::ipv6_blocks;
/// let v = ipv6_blocks("2600:1f18:abc:de00::/64,-,2600:1f18:abc:de01::/64").unwrap();
/// assert_eq!((v.len(), v[1]), (3, None));
/// assert_eq!(ipv6_blocks("-").unwrap(), [None]);
/// assert!(ipv6_blocks("").unwrap().is_empty());
/// assert!(ipv6_blocks("10.0.0.0/24").is_err());
/// ```
///
/// # Errors
/// A message naming the entry that is not an IPv6 CIDR, or for more than six.
pub fn ipv6_blocks(s: &str) -> Result<Vec<Option<ipnet::Ipv6Net>>, String> {
    if s.trim().is_empty() {
        return Ok(Vec::new());
    }
    let items: Vec<&str> = s.split(',').map(str::trim).collect();
    if items.len() > MAX_AZS as usize {
        return Err(format!(
            "{} entries: at most one per AZ ({MAX_AZS})",
            items.len()
        ));
    }
    items
        .into_iter()
        .map(|t| match t {
            "" | "-" => Ok(None),
            t => t.parse::<ipnet::Ipv6Net>().map(Some).map_err(|_| {
                format!(
                    "{} is not an IPv6 CIDR such as 2600:1f18:abc:de00::/64",
                    quote(t)
                )
            }),
        })
        .collect()
}

/// The text of listed subnets' IPv6 CIDRs (`-` for a subnet without one).
pub fn ipv6_text(list: &[Option<ipnet::Ipv6Net>]) -> String {
    list.iter()
        .map(|n| n.map_or_else(|| "-".to_string(), |n| n.to_string()))
        .collect::<Vec<_>>()
        .join(",")
}

/// Comma-separated entries, trimmed, at most six, each passing `ok`, else `bad`'s message.
fn entries(s: &str, ok: fn(&str) -> bool, bad: fn(&str) -> String) -> Result<Vec<String>, String> {
    let items: Vec<String> = s
        .split(',')
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    if items.len() > MAX_AZS as usize {
        return Err(format!(
            "{} entries: at most one per AZ ({MAX_AZS})",
            items.len()
        ));
    }
    match items.iter().find(|t| !ok(t)) {
        Some(t) => Err(bad(t)),
        None => Ok(items),
    }
}

/// Parses AZ names (`us-east-1a`, local and Wavelength zones too: lowercase letters, digits and
/// `-`), comma-separated, at most six.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::parse::zones;
/// assert_eq!(zones("us-east-1a,us-east-1b").unwrap().len(), 2);
/// assert!(zones("us east").is_err());
/// ```
///
/// # Errors
/// A message naming the entry that is not an AZ name, or for more than six.
pub fn zones(s: &str) -> Result<Vec<String>, String> {
    entries(
        s,
        |t| {
            t.len() <= MAX_NAME
                && t.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        },
        |t| format!("{} is not an AZ name such as us-east-1a", quote(t)),
    )
}

/// Parses subnet ids (`subnet-` and 8 or 17 hex digits), comma-separated, at most six.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::parse::subnet_ids;
/// assert!(subnet_ids("subnet-0123456789abcdef0").is_ok());
/// assert!(subnet_ids("subnet-xyz").is_err());
/// ```
///
/// # Errors
/// A message naming the entry that is not a subnet id, or for more than six.
pub fn subnet_ids(s: &str) -> Result<Vec<String>, String> {
    entries(
        s,
        |t| {
            t.strip_prefix("subnet-").is_some_and(|h| {
                (h.len() == 8 || h.len() == 17)
                    && h.bytes()
                        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
            })
        },
        |t| {
            format!(
                "{} is not a subnet id such as subnet-0123456789abcdef0",
                quote(t)
            )
        },
    )
}
