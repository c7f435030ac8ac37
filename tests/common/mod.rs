//! Generators shared by the property tests (`tests/plan_props.rs`, `tests/cluster_props.rs`).
#![allow(dead_code)]

use awsvpc_planner::calc::catalog;
use awsvpc_planner::calc::cidr;
use awsvpc_planner::calc::{Deploy, Inputs, IpMode, Launch, OtherEnis};
use proptest::prelude::*;
use std::net::Ipv4Addr;

/// Arbitrary inputs: any catalogue type, 1–6 AZs, up to 20,000 tasks, carved or listed host
/// subnets of unequal sizes with addresses already in use, every IP mode and deployment, task
/// sizes, other ENIs, EC2 or Fargate.
pub fn inputs() -> impl Strategy<Value = Inputs> {
    let types: Vec<&'static str> = catalog::all().map(|t| t.name).collect();
    (
        (
            prop::sample::select(types),
            any::<bool>(),
            1u32..=6,
            0u32..20_000,
            any::<bool>(),
            16u8..=28,
            any::<bool>(),
            16u8..=28,
        ),
        (
            prop_oneof![Just(IpMode::V4), Just(IpMode::Dual), Just(IpMode::V6Only)],
            prop_oneof![
                (100u32..=400).prop_map(|p| Deploy::Rolling { max_percent: p }),
                Just(Deploy::BlueGreen)
            ],
            // Explicit host subnets of unequal sizes (one per AZ), or carved ones.
            prop::option::of(prop::collection::vec(20u8..=28, 6)),
            // Per-mille of each listed subnet's usable addresses already in use.
            prop::collection::vec(0u64..=1000, 6),
        ),
        (
            prop::option::of(128u32..8192),
            prop::option::of(256u32..65_536),
            0u32..600,
            any::<bool>(),
            any::<bool>(),
            0u32..=8,
            0u32..6,
            0u32..40,
            any::<bool>(),
            50u32..=100,
        ),
    )
        .prop_map(
            |(
                (instance, trunking, azs, tasks, secondary, host, ten, tsub),
                (ip_mode, deploy, explicit, per_mille),
                (cpu, memory_mib, reserve, alb, nlb, nat, endpoints, extra, fargate, registered),
            )| {
                let vpc = if ten {
                    ipnet::Ipv4Net::new(Ipv4Addr::new(10, 0, 0, 0), 16).unwrap()
                } else {
                    ipnet::Ipv4Net::new(Ipv4Addr::new(172, 31, 0, 0), 16).unwrap()
                };
                // AZ i's subnet starts at the i-th /20 of the VPC: inside it and disjoint.
                let host_subnets: Vec<ipnet::Ipv4Net> = explicit
                    .map(|prefixes| {
                        vpc.subnets(20)
                            .unwrap()
                            .zip(prefixes)
                            .take(azs as usize)
                            .map(|(slot, p)| ipnet::Ipv4Net::new(slot.network(), p).unwrap())
                            .collect()
                    })
                    .unwrap_or_default();
                let host_in_use = host_subnets
                    .iter()
                    .zip(&per_mille)
                    .map(|(s, m)| (cidr::usable_ipv4(s.prefix_len()).unwrap() * m / 1000) as u32)
                    .collect();
                Inputs {
                    launch: if fargate {
                        Launch::Fargate
                    } else {
                        Launch::Ec2
                    },
                    instance: instance.to_string(),
                    azs,
                    tasks,
                    trunking,
                    vpc,
                    host_prefix: host,
                    secondary,
                    task_cidr: ipnet::Ipv4Net::new(Ipv4Addr::new(100, 64, 0, 0), 16).unwrap(),
                    task_prefix: tsub,
                    host_subnets,
                    task_subnets: Vec::new(),
                    host_in_use,
                    task_in_use: Vec::new(),
                    labels: Default::default(),
                    ip_mode,
                    ipv6_prefix: 64,
                    deploy,
                    cpu,
                    memory_mib,
                    memory_reserve_mib: reserve,
                    memory_registered_percent: registered,
                    other: OtherEnis {
                        alb,
                        nlb,
                        nat,
                        endpoints,
                        extra,
                    },
                    ..Inputs::default()
                }
            },
        )
}
