//! AWS's Fargate task sizes: the valid task CPU and memory combinations, and the errors of a task
//! size Fargate does not offer.

use crate::calc::field::{Field, PlanError};
use crate::calc::fmt::int;

/// One row of AWS's Fargate task-size table: a task CPU value and the task memory values it
/// allows (see [`FARGATE_SIZES`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FargateSize {
    /// Task CPU units (1024 = 1 vCPU).
    pub cpu: u32,
    /// The task memory values allowed with it, MiB, ascending.
    pub memory_mib: &'static [u32],
    /// Linux platform version 1.4.0 or later only (8 and 16 vCPUs).
    pub linux_1_4: bool,
}

impl FargateSize {
    /// The memory values in words: a list (`512 MiB, 1,024 MiB or 2,048 MiB`) or a range
    /// (`2,048 to 8,192 MiB in steps of 1,024`).
    ///
    /// # Examples
    /// ```
    /// use awsvpc_planner::calc::FARGATE_SIZES;
    /// assert_eq!(FARGATE_SIZES[0].memory_text(), "512 MiB, 1,024 MiB or 2,048 MiB");
    /// assert_eq!(FARGATE_SIZES[2].memory_text(), "2,048 to 8,192 MiB in steps of 1,024");
    /// ```
    pub fn memory_text(&self) -> String {
        let m = self.memory_mib;
        let (first, last) = (
            m.first().copied().unwrap_or(0),
            m.last().copied().unwrap_or(0),
        );
        let step = m.get(1).map_or(0, |s| s - first);
        let even = m.windows(2).all(|w| matches!(w, [a, b] if b - a == step));
        if even && m.len() > 4 {
            format!(
                "{} to {} MiB in steps of {}",
                int(first),
                int(last),
                int(step)
            )
        } else {
            let mut t: Vec<String> = m.iter().map(|&x| format!("{} MiB", int(x))).collect();
            let tail = t.pop().unwrap_or_default();
            if t.is_empty() {
                tail
            } else {
                format!("{} or {tail}", t.join(", "))
            }
        }
    }
}

/// AWS's Fargate task sizes: the valid task CPU and memory combinations. From the ECS developer
/// guide's table ("Troubleshoot Amazon ECS task definition invalid CPU or memory errors",
/// <https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html>;
/// the same table is in the API reference's `TaskDefinition` `memory` field): 256 CPU units take
/// 512, 1,024 or 2,048 MiB; 512 take 1–4 GiB; 1,024 take 2–8 GiB; 2,048 take 4–16 GiB and 4,096
/// take 8–30 GiB, in 1 GiB steps; 8,192 take 16–60 GiB in 4 GiB steps and 16,384 take 32–120 GiB
/// in 8 GiB steps (both Linux platform version 1.4.0 or later).
pub const FARGATE_SIZES: [FargateSize; 7] = [
    FargateSize {
        cpu: 256,
        memory_mib: &[512, 1024, 2048],
        linux_1_4: false,
    },
    FargateSize {
        cpu: 512,
        memory_mib: &[1024, 2048, 3072, 4096],
        linux_1_4: false,
    },
    FargateSize {
        cpu: 1024,
        memory_mib: &[2048, 3072, 4096, 5120, 6144, 7168, 8192],
        linux_1_4: false,
    },
    FargateSize {
        cpu: 2048,
        memory_mib: &[
            4096, 5120, 6144, 7168, 8192, 9216, 10240, 11264, 12288, 13312, 14336, 15360, 16384,
        ],
        linux_1_4: false,
    },
    FargateSize {
        cpu: 4096,
        memory_mib: &[
            8192, 9216, 10240, 11264, 12288, 13312, 14336, 15360, 16384, 17408, 18432, 19456,
            20480, 21504, 22528, 23552, 24576, 25600, 26624, 27648, 28672, 29696, 30720,
        ],
        linux_1_4: false,
    },
    FargateSize {
        cpu: 8192,
        memory_mib: &[
            16384, 20480, 24576, 28672, 32768, 36864, 40960, 45056, 49152, 53248, 57344, 61440,
        ],
        linux_1_4: true,
    },
    FargateSize {
        cpu: 16384,
        memory_mib: &[
            32768, 40960, 49152, 57344, 65536, 73728, 81920, 90112, 98304, 106496, 114688, 122880,
        ],
        linux_1_4: true,
    },
];

/// The Fargate task-size row of `cpu` units, if Fargate has one.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::fargate_size;
/// assert!(fargate_size(1024).unwrap().memory_mib.contains(&3072));
/// assert!(fargate_size(300).is_none());
/// ```
pub fn fargate_size(cpu: u32) -> Option<FargateSize> {
    FARGATE_SIZES.iter().find(|s| s.cpu == cpu).copied()
}

/// Checks a Fargate task size against [`FARGATE_SIZES`]: one error per field at fault (none for a
/// value not given). A CPU value Fargate does not offer is an error on [`Field::Cpu`]; a memory
/// value it offers with no CPU is one on [`Field::Memory`]; a valid memory value that does not go
/// with a valid CPU value is one on [`Field::Memory`] that also names [`Field::Cpu`].
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{fargate_errors, Field};
/// assert!(fargate_errors(Some(1024), Some(2048)).is_empty());
/// assert!(fargate_errors(None, None).is_empty());
/// let e = fargate_errors(Some(300), Some(100));
/// assert_eq!(e.iter().map(|e| e.field).collect::<Vec<_>>(), [Field::Cpu, Field::Memory]);
/// let e = fargate_errors(Some(1024), Some(512));
/// assert_eq!((e[0].field, e[0].also.as_slice()), (Field::Memory, &[Field::Cpu][..]));
/// ```
pub fn fargate_errors(cpu: Option<u32>, memory_mib: Option<u32>) -> Vec<PlanError> {
    let mut errs = Vec::new();
    let row = cpu.and_then(fargate_size);
    if let (Some(c), None) = (cpu, row) {
        let list: Vec<String> = FARGATE_SIZES.iter().map(|s| int(s.cpu)).collect();
        errs.push(PlanError::new(
            Field::Cpu,
            format!(
                "Fargate task CPU is {} units; {} is not one of them",
                list.join(", ").replacen(", 16,384", " or 16,384", 1),
                int(c)
            ),
        ));
    }
    if let Some(m) = memory_mib {
        let with: Vec<u32> = FARGATE_SIZES
            .iter()
            .filter(|s| s.memory_mib.contains(&m))
            .map(|s| s.cpu)
            .collect();
        match row {
            Some(r) if !r.memory_mib.contains(&m) => {
                let hint = match with.as_slice() {
                    [] => String::new(),
                    w => format!(
                        " ({} MiB goes with {} CPU units)",
                        int(m),
                        w.iter().map(|&c| int(c)).collect::<Vec<_>>().join(" or ")
                    ),
                };
                errs.push(
                    PlanError::new(
                        Field::Memory,
                        format!(
                            "a Fargate task of {} CPU units takes {}; {} MiB is not one of them{hint}",
                            int(r.cpu),
                            r.memory_text(),
                            int(m)
                        ),
                    )
                    .with(&[Field::Cpu]),
                );
            }
            None if with.is_empty() => errs.push(PlanError::new(
                Field::Memory,
                format!(
                    "{} MiB is not a Fargate task memory size (512 MiB to 120 GiB in AWS's steps, by task CPU)",
                    int(m)
                ),
            )),
            _ => {}
        }
    }
    errs
}
