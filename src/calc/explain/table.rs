//! The working of the per-AZ table and of the instance-type ranking.

use super::*;

/// The working of the per-AZ table: one line per subnet, from its size to what is free at the
/// deployment peak.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{explain::per_az, plan, Inputs};
/// let e = per_az(&plan(&Inputs::default()).unwrap());
/// assert_eq!(e.formula.len(), 3);
/// assert!(e.formula[0].contains("167 instances × 1 + 334 task addresses + 0 other = 501 used"));
/// assert!(e.formula[0].contains("at the peak 334 × 1 + 667 + 0 = 1,001"));
/// ```
pub fn per_az(p: &Plan) -> Explanation {
    let per_inst = p.density.map_or(0, |d| d.ips_per_instance);
    let per_task = u64::from(p.inputs.ip_mode != IpMode::V6Only);
    let in_use = |s: &crate::calc::SubnetUse| {
        if s.in_use > 0 {
            format!("{} in use now + ", int(s.in_use))
        } else {
            String::new()
        }
    };
    let mut f = Vec::new();
    for a in &p.azs {
        for (kind, s) in
            std::iter::once(("host", &a.host)).chain(a.task.as_ref().map(|t| ("task", t)))
        {
            let host = kind == "host";
            let tasks_here = !host || !p.inputs.secondary;
            let (inst, peak_inst) = if host {
                (a.instances, a.peak_instances)
            } else {
                (0, 0)
            };
            let peak_tasks = if tasks_here {
                a.peak_tasks.saturating_mul(per_task)
            } else {
                0
            };
            f.push(format!(
                "{} {kind} {}: 2^(32 − {}) − 5 = {} usable; {}{} instances × {per_inst} + {} task addresses + {} other = {} used; at the peak {}{} × {per_inst} + {} + {} = {}; free at the peak {} − {} = {}",
                p.az_name(a.index),
                s.cidr,
                s.cidr.prefix_len(),
                int(s.usable),
                in_use(s),
                int(inst),
                int(s.tasks),
                int(s.other),
                int(s.used()),
                in_use(s),
                int(peak_inst),
                int(peak_tasks),
                int(s.other),
                int(s.peak()),
                int(s.usable),
                int(s.peak()),
                crate::calc::fmt::left(i128::from(s.usable) - i128::from(s.peak()))
            ));
        }
    }
    let mut notes = vec!["Tasks spread evenly: the first AZs take one more; instances per AZ = ⌈tasks ÷ tasks per instance⌉.".to_string()];
    let mut sources = vec![VPC_SUBNET_SIZING, ECS_BP_AWSVPC, ECS_SERVICES];
    if p.totals.in_use > 0 {
        notes.extend(in_use_notes());
        sources.push(EC2_SUBNET);
    }
    Explanation {
        title: "IPv4 per subnet",
        formula: f,
        notes,
        sources,
    }
}

/// How the instance-type ranking is computed, with the inputs' numbers put in.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{explain::ranking, Inputs};
/// let e = ranking(&Inputs::default());
/// assert!(e.formula.iter().any(|l| l.contains("334 + 333 + 333")));
/// ```
pub fn ranking(i: &Inputs) -> Explanation {
    let spread = crate::calc::spread(u64::from(i.tasks), i.azs.clamp(1, crate::calc::MAX_AZS));
    let list = per_az_list(spread.iter().copied());
    let task_ips = if i.ip_mode == IpMode::V6Only {
        "0 (IPv6-only)"
    } else {
        "1"
    };
    let limits: Vec<String> = crate::calc::catalog::AWSVPC_LIMITS
        .iter()
        .map(|l| format!("{} {}", l.instance, l.tasks))
        .collect();
    let mut formula = vec![
        format!(
            "tasks per instance k: the catalogue's figure without and with ENI trunking (documented in the ECS table, or derived by AWS's rule and marked *), lowered to AWS's documented awsvpc limit where it names the type ({})",
            limits.join(", ")
        ),
        format!("instances = Σ over AZs ⌈tasks in the AZ ÷ k⌉, with {} tasks spread as {list}", int(i.tasks)),
        "fleet vCPUs = instances × the type's vCPUs".to_string(),
        format!(
            "IPv4 used = instances × 1 (2 with trunking: primary + trunk ENI) + {} tasks × {task_ips} + {} other × {} AZs; the fleet fits when every AZ's subnets hold its share at steady state",
            int(i.tasks),
            int(i.other.addresses()),
            i.azs
        ),
        "default order: the smaller fleet in vCPUs of the two (with and without trunking) among fleets that fit the subnets, then fleets that do not fit, then types whose vCPUs are unknown; ties by fewer addresses, then family and size. Other orders: fewest instances, most tasks per instance, fewest addresses, name".to_string(),
        "filters: family or name, architecture, trunking support; hide accelerated types (hidden by default; GPU: the p, g and gr classes; Inferentia: inf; Trainium: trn; others: dl, f, vt; by the family name) and bare-metal types".to_string(),
    ];
    if i.cpu.is_some() || i.memory_mib.is_some() {
        formula.insert(
            1,
            format!(
                "k is lowered to ⌊vCPUs × 1024 ÷ {}⌋ and ⌊(⌊memory × {} % ÷ 100⌋ registered − {} MiB reserved) ÷ {}⌋ where those are smaller; types a task does not fit on show —",
                i.cpu.map_or("–".to_string(), int),
                i.memory_registered_percent,
                int(i.memory_reserve_mib),
                i.memory_mib.map_or("–".to_string(), |m| format!("{} MiB", int(m)))
            ),
        );
    }
    let mut sources = vec![
        ECS_TRUNKING_TYPES,
        EC2_LIMITS,
        ECS_BP_AWSVPC,
        ECS_TASK_NETWORKING,
    ];
    if i.memory_mib.is_some() {
        sources.push(ECS_MEMORY);
    }
    Explanation {
        title: "Instance-type ranking",
        formula,
        notes: vec![
            "* derived: AWS has not published an ECS figure for this type; the value follows AWS's own rule from the EC2 ENI limits.".to_string(),
            "A type AWS gives an awsvpc task limit (e.g. p5.48xlarge: 1 task) shows that limit, not its ENI figures.".to_string(),
        ],
        sources,
    }
}
