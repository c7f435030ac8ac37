//! The comparison: the same inputs with and without ENI trunking and a secondary task CIDR.

use crate::calc::field::PlanError;
use crate::calc::input::Inputs;
use crate::calc::plan::{plan, Plan};
use serde::{Deserialize, Serialize};

/// The four scenarios of the comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Scenario {
    /// Trunking off, no secondary CIDR.
    Base,
    /// Trunking on, no secondary CIDR.
    Trunk,
    /// Trunking off, tasks in the secondary CIDR.
    Secondary,
    /// Trunking on, tasks in the secondary CIDR.
    TrunkSecondary,
}

impl Scenario {
    /// All four, in display order.
    pub const ALL: [Scenario; 4] = [
        Scenario::Base,
        Scenario::Trunk,
        Scenario::Secondary,
        Scenario::TrunkSecondary,
    ];

    /// Stable identifier (`base`, `trunk`, `secondary`, `trunk-secondary`).
    pub fn id(self) -> &'static str {
        match self {
            Scenario::Base => "base",
            Scenario::Trunk => "trunk",
            Scenario::Secondary => "secondary",
            Scenario::TrunkSecondary => "trunk-secondary",
        }
    }

    /// Title for people.
    pub fn title(self) -> &'static str {
        match self {
            Scenario::Base => "Base",
            Scenario::Trunk => "ENI trunking",
            Scenario::Secondary => "Secondary task CIDR",
            Scenario::TrunkSecondary => "Trunking + secondary CIDR",
        }
    }

    /// Whether the scenario uses ENI trunking (which Fargate does not have).
    pub fn trunking(self) -> bool {
        matches!(self, Scenario::Trunk | Scenario::TrunkSecondary)
    }

    /// The inputs of this scenario: the user's inputs with trunking and the secondary CIDR set.
    pub fn apply(self, i: &Inputs) -> Inputs {
        let mut out = i.clone();
        out.trunking = self.trunking();
        out.secondary = matches!(self, Scenario::Secondary | Scenario::TrunkSecondary);
        out
    }
}

/// The same inputs in the four scenarios, each with its plan or the reason it has none.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{compare, Inputs};
/// let maxima: Vec<Option<u64>> = compare(&Inputs::default())
///     .iter()
///     .map(|(_, p)| p.as_ref().ok().and_then(|p| p.max_tasks))
///     .collect();
/// assert_eq!(maxima, [Some(8_181), Some(10_227), Some(24_546), Some(49_137)]);
/// ```
pub fn compare(i: &Inputs) -> Vec<(Scenario, Result<Plan, PlanError>)> {
    Scenario::ALL
        .iter()
        .map(|&s| (s, plan(&s.apply(i))))
        .collect()
}
