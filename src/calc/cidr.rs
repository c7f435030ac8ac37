//! IPv4 CIDR blocks under AWS's rules: parsing, the VPC and secondary-CIDR restrictions, and
//! carving equal subnets in order.
//!
//! Source: Amazon VPC User Guide, "VPC CIDR blocks" (sizes /16–/28, ranges that cannot be used,
//! association restrictions for secondary CIDRs) and "Subnet CIDR blocks" (5 reserved addresses).

use ipnet::Ipv4Net;
use std::fmt;
use std::net::Ipv4Addr;

/// Smallest IPv4 prefix length AWS allows for a VPC CIDR or a subnet (the largest block).
pub const MIN_PREFIX: u8 = 16;
/// Largest IPv4 prefix length AWS allows for a VPC CIDR or a subnet (the smallest block).
pub const MAX_PREFIX: u8 = 28;
/// Addresses AWS reserves in every IPv4 subnet: the first four and the last.
pub const RESERVED_PER_SUBNET: u64 = 5;
/// Smallest IPv6 subnet prefix AWS allows (largest subnet).
pub const MIN_PREFIX_V6: u8 = 44;
/// Largest IPv6 subnet prefix AWS allows (smallest subnet); the default and the only size before 2024.
pub const MAX_PREFIX_V6: u8 = 64;

/// Why a CIDR block or prefix was rejected. Every variant carries the offending input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CidrError {
    /// Not of the form `a.b.c.d/n`.
    Syntax(String),
    /// A prefix length that is not a number.
    PrefixSyntax(String),
    /// Host bits are set; carries the input and the network it probably meant.
    NotNetwork {
        /// What was typed.
        given: String,
        /// The network address of that block.
        network: Ipv4Net,
    },
    /// Prefix length outside what AWS allows.
    PrefixRange {
        /// The prefix given.
        prefix: u32,
        /// Smallest allowed.
        min: u8,
        /// Largest allowed.
        max: u8,
    },
    /// The block overlaps a range AWS never allows in a VPC.
    Forbidden {
        /// The block.
        block: Ipv4Net,
        /// The forbidden range.
        range: Ipv4Net,
        /// What the range is.
        what: &'static str,
    },
    /// AWS does not allow this secondary CIDR with this primary CIDR.
    SecondaryNotAllowed {
        /// The primary (VPC) CIDR.
        primary: Ipv4Net,
        /// The secondary CIDR.
        secondary: Ipv4Net,
        /// The restricted range the secondary falls in.
        range: Ipv4Net,
    },
    /// Two blocks overlap.
    Overlap {
        /// The first block.
        a: Ipv4Net,
        /// The second block.
        b: Ipv4Net,
    },
    /// Subnets of this size are larger than the block they are carved from.
    SubnetLargerThanBlock {
        /// The block.
        block: Ipv4Net,
        /// The subnet prefix.
        prefix: u8,
    },
    /// The block holds fewer subnets of this size than needed.
    DoesNotFit {
        /// The block.
        block: Ipv4Net,
        /// The subnet prefix.
        prefix: u8,
        /// Subnets needed.
        needed: u32,
        /// Subnets that fit.
        available: u64,
    },
}

impl fmt::Display for CidrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CidrError::Syntax(s) => write!(f, "{} is not an IPv4 CIDR block like 10.0.0.0/16", quote(s)),
            CidrError::PrefixSyntax(s) => write!(f, "{} is not a prefix length like 20 or /20", quote(s)),
            CidrError::NotNetwork { given, network } => {
                write!(f, "{} has host bits set; the network is {network}", clip(given))
            }
            CidrError::PrefixRange { prefix, min, max } => {
                write!(f, "/{prefix} is outside what AWS allows (/{min} to /{max})")
            }
            CidrError::Forbidden { block, range, what } => {
                write!(f, "{block} overlaps {range} ({what}), which AWS does not allow in a VPC")
            }
            CidrError::SecondaryNotAllowed { primary, secondary, range } => write!(
                f,
                "AWS does not allow {secondary} (in {range}) as a secondary CIDR of a VPC in {primary}; 100.64.0.0/10 is always allowed"
            ),
            CidrError::Overlap { a, b } => write!(f, "{a} overlaps {b}"),
            CidrError::SubnetLargerThanBlock { block, prefix } => {
                write!(f, "a /{prefix} subnet is larger than {block}")
            }
            CidrError::DoesNotFit { block, prefix, needed, available } => write!(
                f,
                "{block} holds {available} /{prefix} subnet{}, {needed} needed",
                if *available == 1 { "" } else { "s" }
            ),
        }
    }
}

impl std::error::Error for CidrError {}

/// User text quoted in a message: clipped (see [`clip`]) and in double quotes.
pub(crate) fn quote(s: &str) -> String {
    format!("\"{}\"", clip(s))
}

/// Shortens user text quoted in a message so a 10 KB paste does not become a 10 KB message.
pub(crate) fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if s.chars().nth(40).is_some() {
        out.push('…');
    }
    out
}

fn net(a: u8, b: u8, c: u8, d: u8, p: u8) -> Ipv4Net {
    Ipv4Net::new_assert(Ipv4Addr::new(a, b, c, d), p)
}

/// Ranges AWS never allows in a VPC (current "VPC CIDR blocks" page).
fn forbidden() -> [(Ipv4Net, &'static str); 4] {
    [
        (net(0, 0, 0, 0, 8), "\"this\" network"),
        (net(127, 0, 0, 0, 8), "loopback"),
        (net(169, 254, 0, 0, 16), "link-local"),
        (net(224, 0, 0, 0, 4), "multicast"),
    ]
}

/// The usable IPv4 addresses of a subnet of this prefix: 2^(32 − prefix) − 5.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::cidr::usable_ipv4;
/// assert_eq!(usable_ipv4(20), Ok(4091));
/// assert_eq!(usable_ipv4(28), Ok(11));
/// assert!(usable_ipv4(29).is_err());
/// ```
///
/// # Errors
/// [`CidrError::PrefixRange`] outside /16–/28.
pub fn usable_ipv4(prefix: u8) -> Result<u64, CidrError> {
    check_prefix(u32::from(prefix))?;
    Ok((1u64 << (32 - u32::from(prefix))) - RESERVED_PER_SUBNET)
}

/// The usable IPv6 addresses of a subnet of this prefix: 2^(128 − prefix) − 5 (AWS reserves the
/// first four and the last in IPv6 subnets too).
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::cidr::usable_ipv6;
/// assert_eq!(usable_ipv6(64), Ok(18_446_744_073_709_551_611));
/// assert!(usable_ipv6(65).is_err());
/// ```
///
/// # Errors
/// [`CidrError::PrefixRange`] outside /44–/64.
pub fn usable_ipv6(prefix: u8) -> Result<u128, CidrError> {
    if !(MIN_PREFIX_V6..=MAX_PREFIX_V6).contains(&prefix) {
        return Err(CidrError::PrefixRange {
            prefix: u32::from(prefix),
            min: MIN_PREFIX_V6,
            max: MAX_PREFIX_V6,
        });
    }
    Ok((1u128 << (128 - u32::from(prefix))) - 5)
}

fn check_prefix(prefix: u32) -> Result<u8, CidrError> {
    match u8::try_from(prefix) {
        Ok(p) if (MIN_PREFIX..=MAX_PREFIX).contains(&p) => Ok(p),
        _ => Err(CidrError::PrefixRange {
            prefix,
            min: MIN_PREFIX,
            max: MAX_PREFIX,
        }),
    }
}

/// Parses a subnet prefix length, `20` or `/20`, and checks AWS's /16–/28 range.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::cidr::parse_prefix;
/// assert_eq!(parse_prefix(" /20 "), Ok(20));
/// assert!(parse_prefix("8").is_err());
/// assert!(parse_prefix("twenty").is_err());
/// ```
///
/// # Errors
/// [`CidrError::PrefixSyntax`] for text that is not a number, [`CidrError::PrefixRange`] outside /16–/28.
pub fn parse_prefix(s: &str) -> Result<u8, CidrError> {
    let t = s.trim();
    let t = t.strip_prefix('/').unwrap_or(t);
    if t.is_empty() || t.len() > 3 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CidrError::PrefixSyntax(s.trim().to_string()));
    }
    let n: u32 = t
        .parse()
        .map_err(|_| CidrError::PrefixSyntax(s.trim().to_string()))?;
    check_prefix(n)
}

/// Parses an IPv4 VPC CIDR block (`a.b.c.d/n`) and checks AWS's rules: /16–/28, no host bits,
/// and none of the ranges AWS never allows (0.0.0.0/8, 127.0.0.0/8, 169.254.0.0/16, 224.0.0.0/4).
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::cidr::parse_block;
/// assert_eq!(parse_block("172.31.0.0/16").unwrap().to_string(), "172.31.0.0/16");
/// assert!(parse_block("172.31.5.0/16").is_err()); // host bits set
/// assert!(parse_block("10.0.0.0/8").is_err());    // larger than /16
/// assert!(parse_block("169.254.0.0/16").is_err()); // link-local
/// ```
///
/// # Errors
/// [`CidrError::Syntax`], [`CidrError::NotNetwork`], [`CidrError::PrefixRange`] or
/// [`CidrError::Forbidden`].
pub fn parse_block(s: &str) -> Result<Ipv4Net, CidrError> {
    let t = s.trim();
    let parsed: Ipv4Net = t.parse().map_err(|_| CidrError::Syntax(t.to_string()))?;
    if parsed.network() != parsed.addr() {
        // Quote what was typed.
        return Err(CidrError::NotNetwork {
            given: t.to_string(),
            network: parsed.trunc(),
        });
    }
    check_block(&parsed)
}

/// Checks a block against AWS's rules for a VPC or secondary CIDR, as [`parse_block`] does after
/// parsing: a network address, a prefix from /16 to /28, no forbidden range.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::cidr::check_block;
/// assert!(check_block(&"172.31.0.0/16".parse().unwrap()).is_ok());
/// assert!(check_block(&"172.31.5.0/16".parse().unwrap()).is_err()); // host bits set
/// assert!(check_block(&"127.0.0.0/16".parse().unwrap()).is_err()); // loopback
/// ```
///
/// # Errors
/// [`CidrError::NotNetwork`], [`CidrError::PrefixRange`] or [`CidrError::Forbidden`].
pub fn check_block(block: &Ipv4Net) -> Result<Ipv4Net, CidrError> {
    let parsed = *block;
    if parsed.network() != parsed.addr() {
        return Err(CidrError::NotNetwork {
            given: parsed.to_string(),
            network: parsed.trunc(),
        });
    }
    check_prefix(u32::from(parsed.prefix_len()))?;
    for (range, what) in forbidden() {
        if overlaps(&parsed, &range) {
            return Err(CidrError::Forbidden {
                block: parsed,
                range,
                what,
            });
        }
    }
    Ok(parsed)
}

/// Whether two blocks share any address.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::cidr::{overlaps, parse_block};
/// let a = parse_block("10.0.0.0/16").unwrap();
/// assert!(overlaps(&a, &parse_block("10.0.128.0/17").unwrap()));
/// assert!(!overlaps(&a, &parse_block("10.1.0.0/16").unwrap()));
/// ```
pub fn overlaps(a: &Ipv4Net, b: &Ipv4Net) -> bool {
    // As integer ranges: `Ipv4Addr` comparisons compile to byte-wise compares, and every plan
    // makes dozens of these checks.
    let ((a0, a1), (b0, b1)) = (span(a), span(b));
    a0 <= b1 && b0 <= a1
}

/// First and last address of a block, as integers.
fn span(n: &Ipv4Net) -> (u32, u32) {
    (u32::from(n.network()), u32::from(n.broadcast()))
}

/// Whether every address of `inner` is in `outer`.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::cidr::{within, parse_block};
/// let vpc = parse_block("10.0.0.0/16").unwrap();
/// assert!(within(&vpc, &"10.0.16.0/20".parse().unwrap()));
/// assert!(!within(&vpc, &"10.1.0.0/20".parse().unwrap()));
/// ```
pub fn within(outer: &Ipv4Net, inner: &Ipv4Net) -> bool {
    let ((o0, o1), (i0, i1)) = (span(outer), span(inner));
    o0 <= i0 && i1 <= o1
}

/// The IPv4 address class of a primary VPC CIDR, which decides which secondary CIDRs AWS allows.
fn restricted_for(primary: &Ipv4Net) -> Vec<Ipv4Net> {
    let ten = net(10, 0, 0, 0, 8);
    let one72 = net(172, 16, 0, 0, 12);
    let one92 = net(192, 168, 0, 0, 16);
    let one98 = net(198, 19, 0, 0, 16);
    if within(&ten, primary) {
        let mut r = vec![one72, one92, one98];
        if within(&net(10, 0, 0, 0, 15), primary) {
            r.push(net(10, 0, 0, 0, 16));
        }
        r
    } else if within(&one72, primary) {
        vec![ten, one92, net(172, 31, 0, 0, 16), one98]
    } else if within(&one92, primary) {
        vec![ten, one72, one98]
    } else if within(&one98, primary) {
        vec![ten, one72, one92]
    } else {
        // A publicly routable block or 100.64.0.0/10.
        vec![ten, one72, one92, one98]
    }
}

/// Checks that AWS allows `secondary` as a secondary CIDR of a VPC whose primary CIDR is `primary`
/// (the "IPv4 CIDR block association restrictions" table), and that the two do not overlap.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::cidr::{check_secondary, parse_block};
/// let vpc = parse_block("172.31.0.0/16").unwrap();
/// assert!(check_secondary(&vpc, &parse_block("100.64.0.0/16").unwrap()).is_ok());
/// assert!(check_secondary(&vpc, &parse_block("10.0.0.0/16").unwrap()).is_err());
/// ```
///
/// # Errors
/// [`CidrError::Overlap`] or [`CidrError::SecondaryNotAllowed`].
pub fn check_secondary(primary: &Ipv4Net, secondary: &Ipv4Net) -> Result<(), CidrError> {
    if overlaps(primary, secondary) {
        return Err(CidrError::Overlap {
            a: *secondary,
            b: *primary,
        });
    }
    for range in restricted_for(primary) {
        if overlaps(&range, secondary) {
            return Err(CidrError::SecondaryNotAllowed {
                primary: *primary,
                secondary: *secondary,
                range,
            });
        }
    }
    Ok(())
}

/// How many subnets of `prefix` fit in `block`.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::cidr::{capacity, parse_block};
/// assert_eq!(capacity(&parse_block("172.31.0.0/16").unwrap(), 20), 16);
/// assert_eq!(capacity(&parse_block("172.31.0.0/24").unwrap(), 20), 0);
/// ```
pub fn capacity(block: &Ipv4Net, prefix: u8) -> u64 {
    match u32::from(prefix).checked_sub(u32::from(block.prefix_len())) {
        Some(bits) if bits < 64 => 1u64 << bits,
        _ => 0,
    }
}

/// Carves the first `count` subnets of size `prefix` from `block`, in order (the `i`-th subnet
/// for AZ `i`, as `cidrsubnet(block, prefix − block prefix, i)` would).
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::cidr::{carve, parse_block};
/// let subnets = carve(&parse_block("172.31.0.0/16").unwrap(), 20, 3).unwrap();
/// let names: Vec<String> = subnets.iter().map(|s| s.to_string()).collect();
/// assert_eq!(names, ["172.31.0.0/20", "172.31.16.0/20", "172.31.32.0/20"]);
/// ```
///
/// # Errors
/// [`CidrError::PrefixRange`], [`CidrError::SubnetLargerThanBlock`] or [`CidrError::DoesNotFit`].
pub fn carve(block: &Ipv4Net, prefix: u8, count: u32) -> Result<Vec<Ipv4Net>, CidrError> {
    check_prefix(u32::from(prefix))?;
    if prefix < block.prefix_len() {
        return Err(CidrError::SubnetLargerThanBlock {
            block: *block,
            prefix,
        });
    }
    let available = capacity(block, prefix);
    if u64::from(count) > available {
        return Err(CidrError::DoesNotFit {
            block: *block,
            prefix,
            needed: count,
            available,
        });
    }
    // The first `count` subnets in address order, as integer steps from the block's start.
    let start = u32::from(block.network());
    let step = 1u64 << (32 - u32::from(prefix));
    Ok((0..u64::from(count))
        .filter_map(|k| {
            let at = u32::try_from(u64::from(start) + k * step).ok()?;
            Ipv4Net::new(at.into(), prefix).ok()
        })
        .collect())
}
