//! The warnings of a plan: not failures, things to act on (a subnet short or nearly full, a
//! trunking caveat, an ALB's needs, the ENI quota, AZ loss, IPv6 notes).
//! [`crate::calc::explain::warning`] words each one.

use crate::calc::catalog::{self, Origin};
use crate::calc::cidr;
use crate::calc::density::Bound;
use crate::calc::input::{IpMode, Launch, ALB_MAX_PREFIX};
use crate::calc::plan::Plan;
use ipnet::Ipv4Net;
use std::net::Ipv4Addr;

/// The default per-Region quota of network interfaces.
pub const ENI_QUOTA_PER_REGION: u64 = 5_000;
/// Below this share of free addresses at the deployment peak, a subnet gets a headroom warning.
pub const HEADROOM_PERCENT: u64 = 10;

/// A warning: not a failure, something to act on. [`crate::calc::explain`] words each one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// Trunking requested on a type that does not support it; carries the reason.
    TrunkingUnsupported {
        /// Instance type.
        instance: &'static str,
        /// Why.
        reason: &'static str,
    },
    /// Trunking requested with Fargate, where it does not apply.
    TrunkingNotOnFargate,
    /// Trunking is on: its preconditions apply.
    TrunkingCaveats,
    /// The tasks per instance in use come from AWS's trunking rule (max ENIs + branch ENIs − 2),
    /// not from the ECS table: only when trunking is in effect and that figure sets the density.
    DerivedDensity {
        /// Instance type.
        instance: &'static str,
        /// Its max ENIs.
        max_enis: u32,
        /// Its branch interfaces.
        branch: u32,
        /// The derived tasks per instance.
        tasks: u32,
    },
    /// AWS documents a per-type `awsvpc` task limit for this type, and it sets the density.
    AwsvpcLimit {
        /// The limit.
        limit: catalog::AwsvpcLimit,
        /// The ENI figure it overrides.
        eni_bound: u32,
    },
    /// A task size was given but the type's vCPUs or memory are unknown.
    SizeUnknown {
        /// Instance type.
        instance: &'static str,
    },
    /// A subnet is over its usable addresses at steady state.
    Exhausted {
        /// The AZ as people name it ([`Plan::az_name`]).
        az: String,
        /// The subnet.
        subnet: Ipv4Net,
        /// Addresses missing.
        short: u64,
    },
    /// A subnet is over its usable addresses at the deployment peak.
    ExhaustedAtPeak {
        /// The AZ as people name it ([`Plan::az_name`]).
        az: String,
        /// The subnet.
        subnet: Ipv4Net,
        /// Addresses missing.
        short: u64,
    },
    /// Less than 10 % of a subnet is free at the deployment peak.
    LowHeadroom {
        /// The AZ as people name it ([`Plan::az_name`]).
        az: String,
        /// The subnet.
        subnet: Ipv4Net,
        /// Free addresses at the peak.
        free: u64,
    },
    /// An ALB needs host subnets of /27 or larger.
    AlbSubnetTooSmall {
        /// The host prefix.
        prefix: u8,
    },
    /// An ALB needs at least two AZs.
    AlbNeedsTwoAzs,
    /// More task ENIs at the peak than the default per-Region ENI quota.
    EniQuota {
        /// Task ENIs at the peak.
        enis: u64,
    },
    /// Losing one AZ would not fit.
    AzLoss {
        /// Whether the steady state fits after the loss.
        fits: bool,
    },
    /// IPv6-only tasks: what still needs IPv4, and the requirements.
    Ipv6Only {
        /// The tasks run on Fargate: no container instances, so none of their preconditions.
        fargate: bool,
    },
    /// Dual stack saves no IPv4.
    DualStackSameIpv4,
    /// The VPC overlaps 172.17.0.0/16, which Docker uses.
    DockerBridge,
    /// Dual-stack or IPv6-only tasks in listed subnets known to have no IPv6 CIDR block.
    NoIpv6Block {
        /// The subnets, as people know them (name, id, CIDR).
        subnets: Vec<String>,
    },
    /// Fewer than one task: the plan has no tasks.
    NoTasks,
}

pub(crate) fn warnings(p: &Plan) -> Vec<Warning> {
    let i = &p.inputs;
    let mut w = Vec::new();
    for az in &p.azs {
        for s in az.subnets() {
            if s.used() > s.usable {
                w.push(Warning::Exhausted {
                    az: p.az_name(az.index),
                    subnet: s.cidr,
                    short: s.used() - s.usable,
                });
            } else if s.peak() > s.usable {
                w.push(Warning::ExhaustedAtPeak {
                    az: p.az_name(az.index),
                    subnet: s.cidr,
                    short: s.short_at_peak(),
                });
            } else if s.free_at_peak().saturating_mul(100)
                < s.usable.saturating_mul(HEADROOM_PERCENT)
            {
                w.push(Warning::LowHeadroom {
                    az: p.az_name(az.index),
                    subnet: s.cidr,
                    free: s.free_at_peak(),
                });
            }
        }
    }
    if let Some(loss) = &p.az_loss {
        if !loss.fits_at_peak {
            w.push(Warning::AzLoss { fits: loss.fits });
        }
    }
    match (i.launch, &p.instance) {
        (Launch::Fargate, _) if i.trunking => w.push(Warning::TrunkingNotOnFargate),
        (Launch::Ec2, Some(t)) => {
            if i.trunking && t.tasks_with_trunking.is_none() {
                w.push(Warning::TrunkingUnsupported {
                    instance: t.name,
                    reason: catalog::unsupported_reason(t).unwrap_or("not supported"),
                });
            }
            if let Some(d) = p.density {
                // Only the rule that produced the number in use: the trunking figure derived
                // by AWS's rule, when trunking is in effect and that figure sets the density.
                if d.trunking && d.eni_source == Origin::Derived && d.binding == Bound::Eni {
                    w.push(Warning::DerivedDensity {
                        instance: t.name,
                        max_enis: t.max_enis,
                        branch: t.branch_interfaces.unwrap_or(0),
                        tasks: d.eni_bound,
                    });
                }
                if let (Some(limit), Bound::AwsLimit) = (d.aws_limit, d.binding) {
                    w.push(Warning::AwsvpcLimit {
                        limit,
                        eni_bound: d.eni_bound,
                    });
                }
            }
            if (i.cpu.is_some() && t.vcpus.is_none())
                || (i.memory_mib.is_some() && t.memory_mib.is_none())
            {
                w.push(Warning::SizeUnknown { instance: t.name });
            }
        }
        _ => {}
    }
    if i.other.alb {
        if i.host_prefix > ALB_MAX_PREFIX {
            w.push(Warning::AlbSubnetTooSmall {
                prefix: i.host_prefix,
            });
        }
        if i.azs < 2 {
            w.push(Warning::AlbNeedsTwoAzs);
        }
    }
    if p.totals.peak_tasks > ENI_QUOTA_PER_REGION {
        w.push(Warning::EniQuota {
            enis: p.totals.peak_tasks,
        });
    }
    if i.tasks == 0 {
        w.push(Warning::NoTasks);
    }
    if p.density.is_some_and(|d| d.trunking) {
        w.push(Warning::TrunkingCaveats);
    }
    match i.ip_mode {
        IpMode::V6Only => w.push(Warning::Ipv6Only {
            fargate: i.launch == Launch::Fargate,
        }),
        IpMode::Dual => w.push(Warning::DualStackSameIpv4),
        IpMode::V4 => {}
    }
    if i.ip_mode != IpMode::V4 {
        let l = &i.labels;
        let mut without = Vec::new();
        for (nets, v6, ids, names) in [
            (&i.host_subnets, &l.host_ipv6, &l.host_ids, &l.host_names),
            (&i.task_subnets, &l.task_ipv6, &l.task_ids, &l.task_names),
        ] {
            for (n, (net, block)) in nets.iter().zip(v6).enumerate() {
                if block.is_none() {
                    let at = |v: &Vec<String>| v.get(n).filter(|s| !s.is_empty()).cloned();
                    without.push(match (at(names), at(ids)) {
                        (Some(a), Some(b)) => format!("{a} ({b}, {net})"),
                        (Some(a), None) | (None, Some(a)) => format!("{a} ({net})"),
                        (None, None) => net.to_string(),
                    });
                }
            }
        }
        if !without.is_empty() {
            w.push(Warning::NoIpv6Block { subnets: without });
        }
    }
    let docker = Ipv4Net::new(Ipv4Addr::new(172, 17, 0, 0), 16).unwrap_or_default();
    if cidr::overlaps(&i.vpc, &docker) || (i.secondary && cidr::overlaps(&i.task_cidr, &docker)) {
        w.push(Warning::DockerBridge);
    }
    w
}
