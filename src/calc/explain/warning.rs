//! Each warning of a plan in words: what is wrong, what to do, and where AWS says so.

use super::*;
use crate::calc::catalog;
use crate::calc::Warning;

/// A warning in words: what is wrong, what to do, and where AWS says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarningText {
    /// Stable identifier (for tests and styling).
    pub id: &'static str,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub action: String,
    /// Where AWS says so.
    pub source: Source,
}

/// Words a warning.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{explain::warning, Warning};
/// let w = warning(&Warning::EniQuota { enis: 6000 });
/// assert!(w.message.contains("6,000"));
/// ```
pub fn warning(w: &Warning) -> WarningText {
    let (id, message, action, source) = match w {
        Warning::TrunkingUnsupported { instance, reason } => (
            "trunking-unsupported",
            format!("ENI trunking has no effect on {instance}: {reason}."),
            "Pick a trunking-compatible type (see the ranking) or plan without trunking.".to_string(),
            ECS_TRUNKING_TYPES,
        ),
        Warning::TrunkingNotOnFargate => (
            "trunking-fargate",
            "ENI trunking does not apply to Fargate: every task has its own ENI.".to_string(),
            "Turn trunking off, or plan EC2 container instances.".to_string(),
            FARGATE_NETWORKING,
        ),
        Warning::TrunkingCaveats => (
            "trunking-caveats",
            "ENI trunking has preconditions.".to_string(),
            catalog::trunking_caveats().iter().map(|c| c.title).collect::<Vec<_>>().join("; ") + ".",
            ECS_TRUNKING,
        ),
        Warning::DerivedDensity { instance, max_enis, branch, tasks } => (
            "derived-density",
            format!("With trunking, the {tasks} tasks per {instance} are derived by AWS's trunking rule (max ENIs + branch ENIs − 2 = {max_enis} + {branch} − 2), not documented in an ECS table."),
            "Check the current ECS page for this type before relying on it.".to_string(),
            ECS_TRUNKING_TYPES,
        ),
        Warning::AwsvpcLimit { limit, eni_bound } => (
            "awsvpc-limit",
            format!(
                "AWS documents that {} runs only {} task{} in awsvpc mode, although its ENIs would allow {}.",
                limit.instance,
                limit.tasks,
                if limit.tasks == 1 { "" } else { "s" },
                int(*eni_bound)
            ),
            "Pick another type for awsvpc tasks (see the ranking), or plan for this limit.".to_string(),
            ECS_TASK_NETWORKING,
        ),
        Warning::SizeUnknown { instance } => (
            "size-unknown",
            format!("No source gives the vCPUs or memory of {instance}, so the task size bound is not applied."),
            "Check the type's vCPUs and memory and set the task size accordingly.".to_string(),
            EC2_LIMITS,
        ),
        Warning::Exhausted { az, subnet, short } => (
            "exhausted",
            format!("{az} subnet {subnet} is {} addresses short at steady state.", int(*short)),
            "Use larger subnets, trunking, or a secondary task CIDR; tasks would fail with InsufficientFreeAddressesInSubnet.".to_string(),
            VPC_SUBNET_SIZING,
        ),
        Warning::ExhaustedAtPeak { az, subnet, short } => (
            "exhausted-at-peak",
            format!("{az} subnet {subnet} runs out during a deployment: {} addresses short at the peak.", int(*short)),
            "Lower maximumPercent, use larger subnets, trunking, or a secondary task CIDR.".to_string(),
            ECS_DEPLOYMENT,
        ),
        Warning::LowHeadroom { az, subnet, free } => (
            "low-headroom",
            format!("{az} subnet {subnet} has only {} addresses free at the deployment peak (under 10 %).", int(*free)),
            "Leave room for ENIs held while tasks start and stop, and for AZ rebalancing.".to_string(),
            ECS_BP_AWSVPC,
        ),
        Warning::AlbSubnetTooSmall { prefix } => (
            "alb-subnet",
            format!("An Application Load Balancer needs subnets of /27 or larger; the host subnets are /{prefix}."),
            "Use /27 or larger host subnets, or put the load balancer in other subnets.".to_string(),
            ALB_SUBNETS,
        ),
        Warning::AlbNeedsTwoAzs => (
            "alb-azs",
            "An Application Load Balancer needs subnets in at least two AZs.".to_string(),
            "Plan two or more AZs.".to_string(),
            ALB_SUBNETS,
        ),
        Warning::EniQuota { enis } => (
            "eni-quota",
            format!("{} task ENIs at the deployment peak exceed the default quota of 5,000 network interfaces per Region.", int(*enis)),
            "Request a quota increase before deploying.".to_string(),
            VPC_QUOTAS,
        ),
        Warning::AzLoss { fits } => (
            "az-loss",
            if *fits {
                "If one AZ is lost, the other subnets hold the tasks but not a deployment.".to_string()
            } else {
                "If one AZ is lost, the other subnets cannot hold its tasks.".to_string()
            },
            "Size each AZ's subnets for the load of a lost AZ, or add AZs.".to_string(),
            ECS_SERVICES,
        ),
        Warning::Ipv6Only { fargate: false } => (
            "ipv6-only",
            "IPv6-only tasks use no IPv4, but container instances, their trunk ENIs and load balancer, NAT and endpoint ENIs in this plan still use IPv4 (the VPC always has an IPv4 CIDR).".to_string(),
            "Needs Linux, ECS agent 1.99.1 or later, instances launched with a primary IPv6 address, and dual-stack load balancers; use DNS64/NAT64 for IPv4-only endpoints.".to_string(),
            ECS_TASK_NETWORKING,
        ),
        Warning::Ipv6Only { fargate: true } => (
            "ipv6-only",
            "IPv6-only Fargate tasks use no IPv4, but load balancer, NAT and endpoint ENIs in this plan still use IPv4 (the VPC always has an IPv4 CIDR).".to_string(),
            "Needs Linux platform version 1.4.0 or later and dual-stack load balancers; use DNS64/NAT64 for IPv4-only endpoints; ECS Exec is not supported.".to_string(),
            FARGATE_NETWORKING,
        ),
        Warning::DualStackSameIpv4 => (
            "dual-stack",
            "Dual stack does not save IPv4: each task still gets a private IPv4 address, plus an IPv6 one.".to_string(),
            "To save IPv4, use IPv6-only tasks or a secondary task CIDR.".to_string(),
            ECS_TASK_NETWORKING,
        ),
        Warning::NoIpv6Block { subnets } => (
            "no-ipv6-block",
            format!(
                "{} {} no IPv6 CIDR block: the tasks and instances there get no IPv6 address.",
                subnets.join(", "),
                if subnets.len() == 1 { "has" } else { "have" }
            ),
            "Associate an IPv6 block with each (aws ec2 associate-subnet-cidr-block), or plan IPv4 tasks.".to_string(),
            VPC_SUBNET_SIZING,
        ),
        Warning::DockerBridge => (
            "docker-bridge",
            "The VPC overlaps 172.17.0.0/16, which Docker's default bridge uses.".to_string(),
            "AWS advises against 172.17.0.0/16; choose another range.".to_string(),
            VPC_CIDR_BLOCKS,
        ),
        Warning::NoTasks => ("no-tasks", "The desired task count is 0.".to_string(), "Enter the number of tasks to plan for.".to_string(), ECS_SERVICES),
    };
    WarningText {
        id,
        message,
        action,
        source,
    }
}
