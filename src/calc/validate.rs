//! Every check a plan's inputs must pass before there is a plan: values in range, subnets that
//! fit their blocks and the AZ count, in-use counts, names and ids, a task size that fits the
//! type (or one Fargate offers). The checks carve the subnets and find the density on the way
//! ([`Checked`]); [`conflicts`] lists every failure, each naming every field it involves.

use crate::calc::catalog::{self, InstanceType};
use crate::calc::cidr::{self, CidrError};
use crate::calc::density::{density_of, Density};
use crate::calc::fargate::fargate_errors;
use crate::calc::field::{Field, Fix, PlanError};
use crate::calc::fmt::int;
use crate::calc::input::{
    Deploy, Inputs, Launch, TaskPlace, MAX_AZS, MAX_TASKS, MIN_REGISTERED_PERCENT,
};
use ipnet::Ipv4Net;

/// The subnets and the instance type with its density, once every check of a plan passed.
pub(crate) struct Checked {
    /// The subnets.
    pub(crate) layout: Layout,
    /// The instance type and its density (EC2).
    pub(crate) typed: Option<(InstanceType, Density)>,
}

/// The subnets of a plan, per AZ in AZ order, with what each already uses.
#[derive(Debug, Clone, Default)]
pub(crate) struct Layout {
    pub(crate) host: Vec<Ipv4Net>,
    pub(crate) task: Vec<Ipv4Net>,
    pub(crate) host_in_use: Vec<u64>,
    pub(crate) task_in_use: Vec<u64>,
}

impl Layout {
    /// (host, task) addresses already in use in AZ `az`.
    pub(crate) fn in_use_at(&self, az: u32) -> (u64, u64) {
        let at = |v: &[u64]| v.get(az as usize).copied().unwrap_or(0);
        (at(&self.host_in_use), at(&self.task_in_use))
    }
    /// (host, task) addresses the plan may still use in AZ `az`: usable − in use.
    pub(crate) fn room_at(&self, az: u32) -> (u64, u64) {
        let (hi, ti) = self.in_use_at(az);
        (
            usable_of(&self.host, az).saturating_sub(hi),
            usable_of(&self.task, az).saturating_sub(ti),
        )
    }
}

/// Checks the listed subnets' in-use counts (at most their usable addresses) and widens them.
fn in_use(list: &[Ipv4Net], used: &[u32], field: Field) -> Result<Vec<u64>, PlanError> {
    if used.len() > list.len() {
        return Err(PlanError::new(
            field,
            format!("{} in-use counts for {} subnets", used.len(), list.len()),
        ));
    }
    list.iter()
        .enumerate()
        .map(|(n, s)| {
            let u = u64::from(used.get(n).copied().unwrap_or(0));
            let usable = cidr::usable_ipv4(s.prefix_len()).unwrap_or(0);
            if u > usable {
                Err(PlanError::new(
                    field,
                    format!(
                        "{s}@{u}: {} in use, but a /{} has {} usable addresses",
                        int(u),
                        s.prefix_len(),
                        int(usable)
                    ),
                ))
            } else {
                Ok(u)
            }
        })
        .collect()
}

/// Checks the names and ids: at most one name per AZ, and ids one per listed subnet.
fn check_labels(i: &Inputs) -> Vec<PlanError> {
    let l = &i.labels;
    let azs = i.azs as usize;
    let mut errs = Vec::new();
    for (list, field, what) in [
        (&l.zones, Field::Zones, "AZ names"),
        (&l.host_names, Field::HostNames, "host subnet names"),
        (&l.task_names, Field::TaskNames, "task subnet names"),
    ] {
        if list.len() > azs {
            errs.push(
                PlanError::new(
                    field,
                    format!(
                        "{} {what} for {azs} AZ{}",
                        list.len(),
                        if azs == 1 { "" } else { "s" }
                    ),
                )
                .with(&[Field::Azs]),
            );
        }
    }
    for (count, nets, field, nets_field, what) in [
        (
            l.host_ids.len(),
            &i.host_subnets,
            Field::HostIds,
            Field::HostSubnets,
            "subnet ids",
        ),
        (
            l.task_ids.len(),
            &i.task_subnets,
            Field::TaskIds,
            Field::TaskSubnets,
            "subnet ids",
        ),
        (
            l.host_ipv6.len(),
            &i.host_subnets,
            Field::HostIpv6,
            Field::HostSubnets,
            "IPv6 CIDRs",
        ),
        (
            l.task_ipv6.len(),
            &i.task_subnets,
            Field::TaskIpv6,
            Field::TaskSubnets,
            "IPv6 CIDRs",
        ),
    ] {
        if count != 0 && count != nets.len() {
            errs.push(
                PlanError::new(
                    field,
                    format!(
                        "{count} {what} for {} listed subnets ({}): give one per listed subnet",
                        nets.len(),
                        nets_field.key()
                    ),
                )
                .with(&[nets_field]),
            );
        }
    }
    errs
}

fn take<T>(errs: &mut Vec<PlanError>, r: Result<T, PlanError>) -> Option<T> {
    r.map_err(|e| errs.push(e)).ok()
}

/// The fix for an AZ count that differs from the subnets listed: the listed count, when every
/// list in use has the same length (1–6).
fn az_fix(i: &Inputs) -> Option<Fix> {
    let mut lens = [
        Some(i.host_subnets.len()).filter(|&n| n > 0),
        Some(i.task_subnets.len()).filter(|&n| n > 0 && i.secondary),
    ]
    .into_iter()
    .flatten();
    let n = lens.next()?;
    let n32 = u32::try_from(n).ok()?;
    (lens.all(|m| m == n) && (1..=MAX_AZS).contains(&n32)).then_some(Fix::SetAzs(n32))
}

/// A carving error: on `field`, naming the block's field (and the AZ count when too few fit).
fn carve_error(field: Field, block: Field, e: CidrError) -> PlanError {
    let also: &[Field] = match e {
        CidrError::SubnetLargerThanBlock { .. } => &[block],
        CidrError::DoesNotFit { .. } => &[block, Field::Azs],
        _ => &[],
    };
    cidr_error(field, e).with(also)
}

/// Checks everything a plan depends on, carves the subnets and finds the density. On failure,
/// every problem found, in a fixed order (the first is what [`plan`] reports); checks that depend
/// on a value already at fault are skipped.
pub(crate) fn checked(i: &Inputs) -> Result<Checked, Vec<PlanError>> {
    let mut errs = Vec::new();
    let azs_ok = (1..=MAX_AZS).contains(&i.azs);
    if !azs_ok {
        errs.push(PlanError::new(
            Field::Azs,
            format!("{} AZs: choose 1 to {MAX_AZS}", i.azs),
        ));
    }
    if i.tasks > MAX_TASKS {
        errs.push(PlanError::new(
            Field::Tasks,
            format!("{} tasks: at most {} here", i.tasks, int(MAX_TASKS)),
        ));
    }
    let fix = az_fix(i);
    let vpc = take(
        &mut errs,
        cidr::check_block(&i.vpc).map_err(|e| cidr_error(Field::Vpc, e)),
    );
    let host = match vpc {
        Some(vpc) if azs_ok => take(
            &mut errs,
            if i.host_subnets.is_empty() {
                cidr::carve(&vpc, i.host_prefix, i.azs)
                    .map_err(|e| carve_error(Field::HostPrefix, Field::Vpc, e))
            } else {
                explicit(
                    i,
                    &vpc,
                    &i.host_subnets,
                    i.azs,
                    Field::HostSubnets,
                    Field::Vpc,
                    fix,
                )
            },
        ),
        _ => None,
    };
    // Listed task subnets inside the VPC CIDR: existing subnets of the VPC's own block, so no
    // task CIDR, but they must not overlap the host subnets.
    let in_vpc = vpc.is_some() && i.task_place() == TaskPlace::Primary;
    let task = if in_vpc {
        match (vpc, &host) {
            (Some(vpc), Some(host)) if azs_ok => take(
                &mut errs,
                explicit(
                    i,
                    &vpc,
                    &i.task_subnets,
                    i.azs,
                    Field::TaskSubnets,
                    Field::Vpc,
                    fix,
                )
                .and_then(|t| {
                    for (n, s) in t.iter().enumerate() {
                        if let Some((m, h)) =
                            host.iter().enumerate().find(|(_, h)| cidr::overlaps(h, s))
                        {
                            // Next to what can fix it: the task list, and the host list, or
                            // the host prefix the host subnets are carved with.
                            let hosts = if i.host_subnets.is_empty() {
                                Field::HostPrefix
                            } else {
                                Field::HostSubnets
                            };
                            return Err(PlanError::new(
                                Field::TaskSubnets,
                                format!(
                                    "{}'s task subnet {s} overlaps {}'s host subnet {h}{}: a task subnet must not share addresses with a host subnet",
                                    az_label(i, n),
                                    az_label(i, m),
                                    if i.host_subnets.is_empty() {
                                        format!(" (carved in order from {})", i.vpc)
                                    } else {
                                        String::new()
                                    }
                                ),
                            )
                            .with(&[hosts]));
                        }
                    }
                    Ok(t)
                }),
            ),
            _ => None,
        }
    } else if i.secondary {
        let t = take(
            &mut errs,
            cidr::check_block(&i.task_cidr).map_err(|e| cidr_error(Field::TaskCidr, e)),
        );
        if let (Some(vpc), Some(t)) = (vpc, t) {
            take(
                &mut errs,
                cidr::check_secondary(&vpc, &t)
                    .map_err(|e| cidr_error(Field::TaskCidr, e).with(&[Field::Vpc])),
            );
        }
        match t {
            Some(t) if azs_ok => take(
                &mut errs,
                if i.task_subnets.is_empty() {
                    cidr::carve(&t, i.task_prefix, i.azs)
                        .map_err(|e| carve_error(Field::TaskPrefix, Field::TaskCidr, e))
                } else {
                    explicit(
                        i,
                        &t,
                        &i.task_subnets,
                        i.azs,
                        Field::TaskSubnets,
                        Field::TaskCidr,
                        fix,
                    )
                },
            ),
            _ => None,
        }
    } else {
        Some(Vec::new())
    };
    if let Deploy::Rolling { max_percent } = i.deploy {
        if !(100..=1000).contains(&max_percent) {
            errs.push(PlanError::new(
                Field::Surge,
                format!("maximumPercent {max_percent}: use 100 to 1000"),
            ));
        }
    }
    if !(cidr::MIN_PREFIX_V6..=cidr::MAX_PREFIX_V6).contains(&i.ipv6_prefix)
        || !i.ipv6_prefix.is_multiple_of(4)
    {
        errs.push(PlanError::new(
            Field::Ipv6Prefix,
            format!(
                "/{} IPv6 subnets: AWS allows /44 to /64 in steps of 4",
                i.ipv6_prefix
            ),
        ));
    }
    if i.other.nat > 8 {
        errs.push(PlanError::new(
            Field::Nat,
            format!(
                "{} NAT gateway addresses: a NAT gateway has 1 to 8",
                i.other.nat
            ),
        ));
    }
    let typed = match i.launch {
        Launch::Ec2 => {
            if !(MIN_REGISTERED_PERCENT..=100).contains(&i.memory_registered_percent) {
                errs.push(PlanError::new(
                    Field::Registered,
                    format!(
                        "{} %: the registered share of installed memory is {MIN_REGISTERED_PERCENT} to 100 %",
                        i.memory_registered_percent
                    ),
                ));
                None
            } else {
                match catalog::lookup(&i.instance) {
                    Ok(t) => take(&mut errs, density_of(&t, i).map(|d| (t, d))),
                    Err(e) => {
                        errs.push(PlanError::new(Field::Instance, e.to_string()));
                        None
                    }
                }
            }
        }
        Launch::Fargate => {
            errs.extend(fargate_errors(i.cpu, i.memory_mib));
            None
        }
    };
    errs.extend(check_labels(i));
    let host_in_use = match &host {
        Some(h) if !i.host_subnets.is_empty() => {
            take(&mut errs, in_use(h, &i.host_in_use, Field::HostSubnets))
        }
        _ => Some(Vec::new()),
    };
    let task_in_use = match &task {
        Some(t) if i.secondary && !i.task_subnets.is_empty() => {
            take(&mut errs, in_use(t, &i.task_in_use, Field::TaskSubnets))
        }
        _ => Some(Vec::new()),
    };
    match (host, task, host_in_use, task_in_use) {
        (Some(host), Some(task), Some(host_in_use), Some(task_in_use)) if errs.is_empty() => {
            Ok(Checked {
                layout: Layout {
                    host,
                    task,
                    host_in_use,
                    task_in_use,
                },
                typed,
            })
        }
        _ => Err(errs),
    }
}

/// Every reason the inputs make no plan, each naming the fields it involves (empty when
/// [`plan`] succeeds). [`plan`] reports the first; the page shows them all, each next to every
/// field it names.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{conflicts, Field, Fix, Inputs, Launch};
/// assert!(conflicts(&Inputs::default()).is_empty());
/// // 2 host subnets listed for 3 AZs: both fields, and a one-click fix.
/// let i = Inputs { host_subnets: vec!["172.31.0.0/20".parse().unwrap(), "172.31.16.0/20".parse().unwrap()], ..Inputs::default() };
/// let e = &conflicts(&i)[0];
/// assert_eq!(e.fields().collect::<Vec<_>>(), [Field::HostSubnets, Field::Azs]);
/// assert_eq!(e.fix, Some(Fix::SetAzs(2)));
/// // A Fargate task of 300 CPU units and 100 MiB: one message per field.
/// let i = Inputs { launch: Launch::Fargate, cpu: Some(300), memory_mib: Some(100), ..Inputs::default() };
/// assert_eq!(conflicts(&i).iter().map(|e| e.field).collect::<Vec<_>>(), [Field::Cpu, Field::Memory]);
/// ```
pub fn conflicts(i: &Inputs) -> Vec<PlanError> {
    checked(i).err().unwrap_or_default()
}

/// The first of a list of errors (there is always one when a check failed).
pub(crate) fn first(errs: Vec<PlanError>) -> PlanError {
    errs.into_iter()
        .next()
        .unwrap_or_else(|| PlanError::new(Field::Vpc, "no plan could be made"))
}

/// Checks explicit per-AZ subnets: one per AZ, each a valid subnet inside `block`, no overlaps.
/// A count that differs from the AZ count also names [`Field::Azs`] and carries `fix`; a subnet
/// outside the block also names the block's field.
fn explicit(
    i: &Inputs,
    block: &Ipv4Net,
    list: &[Ipv4Net],
    azs: u32,
    field: Field,
    block_field: Field,
    fix: Option<Fix>,
) -> Result<Vec<Ipv4Net>, PlanError> {
    if list.len() != azs as usize {
        let what = if field == Field::HostSubnets {
            "host"
        } else {
            "task"
        };
        let mut e = PlanError::new(
            field,
            format!(
                "{azs} AZ{} need{} {azs} {what} subnet{}, one per AZ; {} listed",
                if azs == 1 { "" } else { "s" },
                if azs == 1 { "s" } else { "" },
                if azs == 1 { "" } else { "s" },
                list.len()
            ),
        )
        .with(&[Field::Azs]);
        e.fix = fix;
        return Err(e);
    }
    let what = if field == Field::HostSubnets {
        "host"
    } else {
        "task"
    };
    for (n, s) in list.iter().enumerate() {
        cidr::usable_ipv4(s.prefix_len())
            .map_err(|e| PlanError::new(field, format!("{s}: {e}")))?;
        if s.network() != s.addr() {
            return Err(PlanError::new(
                field,
                format!("{s} has host bits set; the network is {}", s.trunc()),
            ));
        }
        if !cidr::within(block, s) {
            let of = if block_field == Field::TaskCidr {
                "the task CIDR"
            } else {
                "the VPC CIDR"
            };
            return Err(PlanError::new(
                field,
                format!(
                    "{}'s {what} subnet {s} is not inside {of} {block}",
                    az_label(i, n)
                ),
            )
            .with(&[block_field]));
        }
        if let Some((m, o)) = list
            .iter()
            .enumerate()
            .take(n)
            .find(|(_, o)| cidr::overlaps(o, s))
        {
            return Err(PlanError::new(
                field,
                format!(
                    "{}'s {what} subnet {s} overlaps {}'s {o}: each AZ needs a subnet of its own",
                    az_label(i, n),
                    az_label(i, m)
                ),
            ));
        }
    }
    Ok(list.to_vec())
}

/// A CIDR error as an error on `field`.
fn cidr_error(field: Field, e: CidrError) -> PlanError {
    PlanError::new(field, e.to_string())
}

/// Usable IPv4 of AZ `az`'s subnet in `s` (0 when there is none).
pub(crate) fn usable_of(s: &[Ipv4Net], az: u32) -> u64 {
    s.get(az as usize)
        .and_then(|n| cidr::usable_ipv4(n.prefix_len()).ok())
        .unwrap_or(0)
}

/// How a message names AZ `n` (from 0): `AZ 2`, with its name when the inputs have one
/// (`AZ 2 (us-east-1b)`).
pub(crate) fn az_label(i: &Inputs, n: usize) -> String {
    match i.labels.zones.get(n).filter(|z| !z.is_empty()) {
        Some(z) => format!("AZ {} ({z})", n.saturating_add(1)),
        None => format!("AZ {}", n.saturating_add(1)),
    }
}
