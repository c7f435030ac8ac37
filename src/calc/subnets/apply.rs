//! A selection of existing subnets as a plan's fields: the AZ count, the listed subnets with
//! their in-use counts, the AZ names, the subnet ids and names.

use super::{Import, Role, SelectError, Selection, Subnet};
use crate::calc::cidr;
use crate::calc::field::{Field, Form};
use crate::calc::parse;
use crate::calc::{IpMode, MAX_AZS};
use ipnet::Ipv4Net;

/// A selection as a plan's fields, with what the user should know about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The form with the AZ count, the VPC CIDR, the listed host (and task) subnets with their
    /// in-use counts, the AZ names, subnet ids and names, and for dual-stack and IPv6-only plans
    /// the IPv6 prefix set; every other field as it was.
    pub form: Form,
    /// The fields that changed, by link key with their new text (`0`/`1` for toggles), in field
    /// order: what a page or worker applies with [`Form::set`].
    pub changes: Vec<(Field, String)>,
    /// Notes to show beside the import (lowercase sentences).
    pub notes: Vec<String>,
}

/// Bytes a name takes in a link (percent-encoded, `\,` for a comma) at most: six fit in one
/// link value (1,000 bytes).
const MAX_NAME_IN_LINK: usize = 150;

/// A `Name` tag as a plan keeps it: control characters made spaces, trimmed, at most
/// [`parse::MAX_NAME`] characters and [`MAX_NAME_IN_LINK`] bytes in a link.
fn link_name(name: &str) -> String {
    let mut out = String::new();
    let mut bytes = 0;
    for c in name
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(parse::MAX_NAME)
    {
        let cost = match c {
            ',' | '\\' => 4,
            c if c.is_ascii_alphanumeric() || "-._~/:@".contains(c) => 1,
            c => 3 * c.len_utf8(),
        };
        if bytes + cost > MAX_NAME_IN_LINK {
            break;
        }
        bytes += cost;
        out.push(c);
    }
    out.trim().to_string()
}

/// The smallest block holding every subnet of `list` (`None` for an empty list).
fn span(list: &[Ipv4Net]) -> Option<Ipv4Net> {
    let first = *list.first()?;
    (0..=first.prefix_len())
        .rev()
        .filter_map(|p| Ipv4Net::new(first.network(), p).ok().map(|n| n.trunc()))
        .find(|b| list.iter().all(|s| cidr::within(b, s)))
}

/// The /16 holding every subnet of `list`, or the error naming their span.
fn block16(list: &[Ipv4Net], role: Role) -> Result<Option<Ipv4Net>, SelectError> {
    let Some(all) = span(list) else {
        return Ok(None);
    };
    if all.prefix_len() < cidr::MIN_PREFIX {
        return Err(SelectError::NotInOneBlock {
            role,
            span: all.to_string(),
        });
    }
    Ok(Ipv4Net::new(all.network(), cidr::MIN_PREFIX)
        .ok()
        .map(|n| n.trunc()))
}

/// Turns a selection into a plan's fields: one AZ per AZ with a host subnet (AZs in name order),
/// `hnets` (and `tnets`) with each subnet's in-use count (`@n`), `zones`, `hid`/`tid`,
/// `hname`/`tname`; the VPC CIDR stays when it holds the host subnets, else becomes the /16 that
/// does (the output does not give the VPC's CIDR; no number depends on it). Task subnets in the
/// VPC's own /16 need no task CIDR; others set the task CIDR to their /16. IPv6-only task
/// subnets (IPv6-only tasks) use no IPv4: the plan then has no task subnets. For dual-stack and
/// IPv6-only plans the IPv6 prefix is the smallest subnet's (the largest prefix) of those that
/// hold tasks. The IP mode is read from `form.ip` (IPv4 when it does not parse). Every field it
/// writes parses, so the form parses whenever the fields it leaves alone do; the plan may still
/// name a conflict (e.g. a task CIDR AWS does not allow with the VPC's).
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{subnets::{apply, read, Selection}, Form, IpMode};
/// let out = r#"[{"SubnetId": "subnet-0123456789abcdef0", "VpcId": "vpc-1", "CidrBlock": "10.0.0.0/24",
///                "AvailabilityZone": "us-east-1a", "AvailableIpAddressCount": 214,
///                "Tags": [{"Key": "Name", "Value": "app-a"}]}]"#;
/// let i = read(out).unwrap();
/// let a = apply(&i, &Selection::default_for(&i, IpMode::V4), &Form::default()).unwrap();
/// assert_eq!((a.form.azs.as_str(), a.form.hnets.as_str()), ("1", "10.0.0.0/24@37"));
/// assert_eq!((a.form.vpc.as_str(), a.form.zones.as_str(), a.form.hname.as_str()), ("10.0.0.0/16", "us-east-1a", "app-a"));
/// assert!(a.form.parse().is_ok());
/// // The same change field by field, for a page or worker that holds only a form:
/// let mut f = Form::default();
/// for (k, v) in &a.changes {
///     f.set(*k, v);
/// }
/// assert_eq!(f, a.form);
/// ```
///
/// # Errors
/// Every [`SelectError`] of the selection.
pub fn apply(import: &Import, sel: &Selection, form: &Form) -> Result<Applied, Vec<SelectError>> {
    let mode = parse::choice::<IpMode>(&form.ip).unwrap_or(IpMode::V4);
    let marked: Vec<(&Subnet, Role)> = sel
        .marks
        .iter()
        .enumerate()
        .filter_map(|(n, m)| Some((import.subnets.get(n)?, (*m)?)))
        .collect();
    let mut errs = Vec::new();
    let mut vpcs: Vec<String> = Vec::new();
    for (s, _) in &marked {
        if !vpcs.contains(&s.vpc) {
            vpcs.push(s.vpc.clone());
        }
    }
    if vpcs.len() > 1 {
        errs.push(SelectError::SeveralVpcs(vpcs));
    }
    for (s, role) in &marked {
        if let Err(why) = s.fit(*role, mode) {
            errs.push(SelectError::Unfit {
                subnet: s.label(),
                role: *role,
                why,
            });
        }
    }
    // Per AZ, in name order: the host subnet and the task subnet.
    let mut zones: Vec<String> = marked.iter().map(|(s, _)| s.az.clone()).collect();
    zones.sort_unstable();
    zones.dedup();
    let mut per_az: Vec<(String, &Subnet, Option<&Subnet>)> = Vec::new();
    for az in zones {
        let of = |role: Role| -> Vec<&Subnet> {
            marked
                .iter()
                .filter(|(s, r)| s.az == az && *r == role)
                .map(|(s, _)| *s)
                .collect()
        };
        let (hosts, tasks) = (of(Role::Host), of(Role::Task));
        for (list, role) in [(&hosts, Role::Host), (&tasks, Role::Task)] {
            if let [a, b, ..] = list.as_slice() {
                errs.push(SelectError::TwoInOneAz {
                    az: az.clone(),
                    role,
                    subnets: [a.label(), b.label()],
                });
            }
        }
        match hosts.first() {
            Some(h) => per_az.push((az, h, tasks.first().copied())),
            None => errs.push(SelectError::TaskWithoutHost(az)),
        }
    }
    if per_az.is_empty() && errs.is_empty() {
        errs.push(SelectError::NoHost);
    }
    if per_az.len() > MAX_AZS as usize {
        errs.push(SelectError::TooManyAzs(per_az.len()));
    }
    let tasks: Vec<&Subnet> = per_az.iter().filter_map(|(_, _, t)| *t).collect();
    let native = tasks.iter().filter(|t| t.ipv6_native).count();
    if native > 0 && native < tasks.len() {
        errs.push(SelectError::MixedTaskSubnets);
    } else if !tasks.is_empty() && tasks.len() < per_az.len() {
        errs.push(SelectError::TaskSubnetsInSomeAzs {
            marked: tasks.len(),
            azs: per_az.len(),
        });
    }
    let hosts: Vec<Ipv4Net> = per_az.iter().filter_map(|(_, h, _)| h.cidr).collect();
    let host_block = block16(&hosts, Role::Host).unwrap_or_else(|e| {
        errs.push(e);
        None
    });
    let task_nets: Vec<Ipv4Net> = tasks.iter().filter_map(|t| t.cidr).collect();
    let v4_tasks = !task_nets.is_empty() && native == 0;
    let vpc = cidr::parse_block(&form.vpc)
        .ok()
        .filter(|v| hosts.iter().all(|h| cidr::within(v, h)))
        .or(host_block);
    let task_block =
        if v4_tasks && !vpc.is_some_and(|v| task_nets.iter().all(|t| cidr::within(&v, t))) {
            block16(&task_nets, Role::Task).unwrap_or_else(|e| {
                errs.push(e);
                None
            })
        } else {
            None
        };
    // IPv6: the subnets that hold the tasks give the prefix.
    let mut v6_prefix = None;
    if mode != IpMode::V4 {
        let holders: Vec<&Subnet> = if tasks.is_empty() {
            per_az.iter().map(|(_, h, _)| *h).collect()
        } else {
            tasks.clone()
        };
        for s in holders {
            if let Some(net) = s.ipv6 {
                let p = net.prefix_len();
                if !(cidr::MIN_PREFIX_V6..=cidr::MAX_PREFIX_V6).contains(&p) || p % 4 != 0 {
                    errs.push(SelectError::Ipv6Prefix {
                        subnet: s.label(),
                        prefix: p,
                    });
                } else if v6_prefix.is_none_or(|q| p > q) {
                    v6_prefix = Some(p);
                }
            }
        }
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    let mut notes = Vec::new();
    // Subnets without an IPv6 block give their tasks and instances no IPv6 address.
    if mode != IpMode::V4 {
        let without: Vec<String> = per_az
            .iter()
            .flat_map(|(_, h, t)| std::iter::once(*h).chain(*t))
            .filter(|s| s.ipv6.is_none() && !s.ipv6_native)
            .map(Subnet::label)
            .collect();
        if !without.is_empty() {
            notes.push(format!(
                "{} {} no IPv6 CIDR block: the tasks and instances there get no IPv6 address ({}); associate an IPv6 block with {} (aws ec2 associate-subnet-cidr-block)",
                without.join(", "),
                if without.len() == 1 { "has" } else { "have" },
                if mode == IpMode::Dual { "dual stack" } else { "IPv6-only tasks need one" },
                if without.len() == 1 { "it" } else { "each" }
            ));
        }
    }

    let mut f = form.clone();
    f.azs = per_az.len().to_string();
    let listed = |list: &[&Subnet]| -> String {
        list.iter()
            .filter_map(|s| {
                let c = s.cidr?;
                Some(match s.in_use() {
                    Some(u) if u > 0 => format!("{c}@{u}"),
                    _ => c.to_string(),
                })
            })
            .collect::<Vec<_>>()
            .join(",")
    };
    let ids = |list: &[&Subnet]| -> String {
        let text = list
            .iter()
            .map(|s| s.id.as_str())
            .collect::<Vec<_>>()
            .join(",");
        if parse::subnet_ids(&text).is_ok_and(|v| v.len() == list.len()) {
            text
        } else {
            String::new()
        }
    };
    let names = |list: &[&Subnet]| -> String {
        let n: Vec<String> = list.iter().map(|s| link_name(&s.name)).collect();
        if n.iter().all(String::is_empty) {
            String::new()
        } else {
            parse::names_text(&n)
        }
    };
    // Each listed subnet's IPv6 CIDR (an empty entry for none), so a dual-stack or IPv6-only
    // plan can name the subnets without one.
    let v6 = |list: &[&Subnet]| -> String {
        parse::ipv6_text(&list.iter().map(|s| s.ipv6).collect::<Vec<_>>())
    };
    let host_list: Vec<&Subnet> = per_az.iter().map(|(_, h, _)| *h).collect();
    f.hnets = listed(&host_list);
    f.hid = ids(&host_list);
    f.hv6 = v6(&host_list);
    f.hname = names(&host_list);
    let zone_text = per_az
        .iter()
        .map(|(az, _, _)| az.as_str())
        .collect::<Vec<_>>()
        .join(",");
    f.zones = if parse::zones(&zone_text).is_ok() {
        zone_text
    } else {
        String::new()
    };
    if let Some(v) = vpc {
        if f.vpc != v.to_string() {
            notes.push(format!(
                "VPC CIDR set to {v}, the /16 holding the host subnets: describe-subnets does not give the VPC's CIDR, and no number depends on it"
            ));
        }
        f.vpc = v.to_string();
    }
    if v4_tasks {
        f.secondary = true;
        f.tnets = listed(&tasks);
        f.tid = ids(&tasks);
        f.tv6 = v6(&tasks);
        f.tname = names(&tasks);
        match (task_block, vpc) {
            (Some(t), _) => {
                f.tcidr = t.to_string();
                notes.push(format!(
                    "task CIDR set to {t}, the /16 holding the task subnets"
                ));
            }
            (None, Some(v)) => notes.push(format!(
                "the task subnets are in the VPC's primary CIDR {v}: no secondary CIDR is used"
            )),
            (None, None) => {}
        }
    } else {
        // No IPv4 task subnets marked: tasks share the host subnets, or (the task CIDR toggle
        // left as it was) go in task subnets carved from the task CIDR.
        f.tnets.clear();
        f.tid.clear();
        f.tv6.clear();
        f.tname.clear();
        if native > 0 {
            f.secondary = false;
            notes.push(format!(
                "the tasks go in IPv6-only subnets ({}): IPv6-only tasks use no IPv4 there, so the plan counts only the host subnets' IPv4",
                tasks.iter().map(|t| t.label()).collect::<Vec<_>>().join(", ")
            ));
        }
    }
    if let Some(p) = v6_prefix {
        f.v6 = p.to_string();
    }
    notes.push(
        "AvailableIpAddressCount is a snapshot taken when the command ran; addresses of stopped instances count as in use".to_string(),
    );
    notes.push(
        "in use counts everything in these subnets, including this service's own tasks and instances if it already runs there: the plan adds its tasks on top".to_string(),
    );
    let vpcs = import.vpcs();
    if vpcs.len() > 1 {
        notes.push(format!(
            "the output lists subnets of {} VPCs ({}); this plan is for {}: pick another VPC to plan it instead",
            vpcs.len(),
            vpcs.iter()
                .map(|v| format!("{}: {} subnet{}", v.id, v.subnets, if v.subnets == 1 { "" } else { "s" }))
                .collect::<Vec<_>>()
                .join(", "),
            sel.vpc
        ));
    }
    if import.more_pages {
        notes.push(
            "the output has a NextToken: it is one page of subnets; run describe-subnets without --max-items to list them all".to_string(),
        );
    }
    let changes = Field::ALL
        .iter()
        .map(|&k| (k, f.get(k)))
        .filter(|(k, v)| *v != form.get(*k))
        .collect();
    Ok(Applied {
        form: f,
        changes,
        notes,
    })
}
