//! Tasks per instance: the ENI bound with or without trunking, AWS's per-type `awsvpc` limit,
//! and the CPU and memory bounds of a task size, the smallest of which sets *k*.

use crate::calc::catalog::{self, InstanceType, Origin};
use crate::calc::field::{Field, PlanError};
use crate::calc::fmt::int;
use crate::calc::input::Inputs;

/// Which limit sets the tasks per instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Bound {
    /// ENI attachments (with or without trunking).
    Eni,
    /// A per-type `awsvpc` task limit AWS documents apart from the ENIs
    /// ([`catalog::awsvpc_limit`], e.g. p5.48xlarge: 1).
    AwsLimit,
    /// vCPUs ÷ task CPU.
    Cpu,
    /// Available memory ÷ task memory.
    Memory,
}

impl Bound {
    /// What the bound is, for people: `ENIs`, `AWS's awsvpc limit for the type`, `vCPUs`,
    /// `memory`.
    pub fn label(self) -> &'static str {
        match self {
            Bound::Eni => "ENIs",
            Bound::AwsLimit => "AWS's awsvpc task limit for the type",
            Bound::Cpu => "vCPUs",
            Bound::Memory => "memory",
        }
    }
}

/// Tasks per instance and how they were found. For Fargate there are no instances: `k` is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Density {
    /// Whether trunking is in effect (requested, EC2, and supported by the type).
    pub trunking: bool,
    /// ENI bound on tasks per instance: the catalogue's figure with or without trunking.
    pub eni_bound: u32,
    /// Origin of the ENI bound.
    pub eni_source: Origin,
    /// AWS's documented `awsvpc` task limit for the type, when it has one (it overrides the ENI
    /// bound when lower).
    pub aws_limit: Option<catalog::AwsvpcLimit>,
    /// CPU bound, when a task CPU and the type's vCPUs are known.
    pub cpu_bound: Option<u64>,
    /// Memory the ECS agent registers, MiB: ⌊installed × registered percent ÷ 100⌋, when a task
    /// memory and the type's memory are known.
    pub registered_mib: Option<u64>,
    /// Memory bound, when a task memory and the type's memory are known:
    /// ⌊(registered − reserve) ÷ task memory⌋.
    pub memory_bound: Option<u64>,
    /// Tasks per instance.
    pub k: u64,
    /// The bound that sets `k`.
    pub binding: Bound,
    /// IPv4 addresses each instance uses: 2 with trunking, else 1.
    pub ips_per_instance: u64,
}

/// The memory (MiB) the ECS agent registers for `installed_mib` installed at `percent` percent:
/// ⌊installed × percent ÷ 100⌋ (see [`DEFAULT_REGISTERED_PERCENT`]).
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::registered_memory;
/// assert_eq!(registered_memory(8_192, 97), 7_946);
/// assert_eq!(registered_memory(8_192, 100), 8_192);
/// ```
pub fn registered_memory(installed_mib: u32, percent: u32) -> u64 {
    u64::from(installed_mib) * u64::from(percent.min(100)) / 100
}

/// Tasks per instance for a type, trunking choice and task size.
///
/// The ENI bound is the catalogue's figure (with trunking when requested and supported), lowered
/// to AWS's documented `awsvpc` limit for the type if it has one; a task CPU lowers it to
/// ⌊vCPUs × 1024 ÷ CPU⌋, a task memory to ⌊(registered − reserve) ÷ memory⌋ with registered =
/// ⌊installed × `registered_percent` ÷ 100⌋.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{catalog, density, Bound};
/// let c5 = catalog::lookup("c5.large").unwrap();
/// assert_eq!(density(&c5, false, None, None, 256, 97).unwrap().k, 2);
/// assert_eq!(density(&c5, true, None, None, 256, 97).unwrap().k, 10);
/// // 512 CPU units: 2 vCPUs × 1024 / 512 = 4 tasks, below the trunking ENI bound of 10.
/// let d = density(&c5, true, Some(512), None, 256, 97).unwrap();
/// assert_eq!((d.k, d.binding), (4, Bound::Cpu));
/// // 400 MiB: ⌊4,096 × 97 ÷ 100⌋ = 3,973 registered, − 256 = 3,717 ÷ 400 = 9 tasks.
/// let d = density(&c5, true, None, Some(400), 256, 97).unwrap();
/// assert_eq!((d.k, d.binding, d.registered_mib), (9, Bound::Memory, Some(3_973)));
/// // AWS: a p5.48xlarge runs 1 awsvpc task, whatever its 64 ENIs.
/// let p5 = catalog::lookup("p5.48xlarge").unwrap();
/// assert_eq!(density(&p5, true, None, None, 256, 97).unwrap().binding, Bound::AwsLimit);
/// ```
///
/// # Errors
/// A [`PlanError`] on [`Field::Cpu`] or [`Field::Memory`] (naming the instance type, and for
/// memory the reserve and registered share too) when not even one task fits.
pub fn density(
    t: &InstanceType,
    trunking: bool,
    cpu: Option<u32>,
    memory_mib: Option<u32>,
    reserve_mib: u32,
    registered_percent: u32,
) -> Result<Density, PlanError> {
    let trunk = trunking && t.tasks_with_trunking.is_some();
    let (eni_bound, eni_source) = match (trunk, t.tasks_with_trunking) {
        (true, Some(with)) => (with, t.with_source),
        _ => (t.tasks_without_trunking, t.without_source),
    };
    let aws_limit = catalog::awsvpc_limit(t);
    let cpu_bound = match (cpu, t.vcpus) {
        (Some(c), Some(v)) if c > 0 => Some(u64::from(v) * 1024 / u64::from(c)),
        _ => None,
    };
    let registered_mib = match (memory_mib, t.memory_mib) {
        (Some(m), Some(total)) if m > 0 => Some(registered_memory(total, registered_percent)),
        _ => None,
    };
    let memory_bound = match (memory_mib, registered_mib) {
        (Some(m), Some(reg)) if m > 0 => {
            Some(reg.saturating_sub(u64::from(reserve_mib)) / u64::from(m))
        }
        _ => None,
    };
    let mut k = u64::from(eni_bound);
    let mut binding = Bound::Eni;
    if let Some(l) = aws_limit {
        if u64::from(l.tasks) < k {
            k = u64::from(l.tasks);
            binding = Bound::AwsLimit;
        }
    }
    if let Some(c) = cpu_bound {
        if c < k {
            k = c;
            binding = Bound::Cpu;
        }
    }
    if let Some(m) = memory_bound {
        if m < k {
            k = m;
            binding = Bound::Memory;
        }
    }
    if k == 0 {
        return Err(match binding {
            Bound::Cpu => PlanError::new(
                Field::Cpu,
                format!(
                    "a task of {} CPU units does not fit on {} ({} vCPUs = {} units)",
                    int(cpu.unwrap_or(0)),
                    t.name,
                    t.vcpus.unwrap_or(0),
                    int(u64::from(t.vcpus.unwrap_or(0)) * 1024)
                ),
            )
            .with(&[Field::Instance]),
            Bound::Memory => PlanError::new(
                Field::Memory,
                format!(
                    "a task of {} MiB does not fit on {} ({} MiB installed, {} registered at {} %, less {} reserved = {} MiB)",
                    int(memory_mib.unwrap_or(0)),
                    t.name,
                    int(t.memory_mib.unwrap_or(0)),
                    int(registered_mib.unwrap_or(0)),
                    registered_percent,
                    int(reserve_mib),
                    int(registered_mib.unwrap_or(0).saturating_sub(u64::from(reserve_mib)))
                ),
            )
            .with(&[Field::Instance, Field::Reserve, Field::Registered]),
            Bound::Eni | Bound::AwsLimit => PlanError::new(
                Field::Instance,
                format!("{} cannot run awsvpc tasks (no free ENI)", t.name),
            ),
        });
    }
    Ok(Density {
        trunking: trunk,
        eni_bound,
        eni_source,
        aws_limit,
        cpu_bound,
        registered_mib,
        memory_bound,
        k,
        binding,
        ips_per_instance: if trunk { 2 } else { 1 },
    })
}

/// The density of the type and task size in `i`.
pub(crate) fn density_of(t: &InstanceType, i: &Inputs) -> Result<Density, PlanError> {
    density(
        t,
        i.trunking,
        i.cpu,
        i.memory_mib,
        i.memory_reserve_mib,
        i.memory_registered_percent,
    )
}
