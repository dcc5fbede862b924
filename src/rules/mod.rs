//! Every decision the paper reports (SPEC §2), as pure functions over the
//! model, with no I/O.
//!
//! - [`target`]: which target is used and why, profiling a year-end target pro
//!   rata for cumulative indicators;
//! - [`rag`]: shortfall, tolerance and the three policies, exactly (a tie
//!   stays a tie);
//! - [`direction`]: direction of travel, short and long term;
//! - [`history`]: the earlier figures, and the run of periods at Red;
//! - [`focus`], [`benchmark`], [`actions`]: in focus and why, the standing
//!   among comparators, overdue actions;
//! - [`relations`]: look-ups by ref, built once;
//! - [`cross_sheet`]: the problems no single cell shows;
//! - [`previous`]: this report against the previous one (what it finds:
//!   [`since`]);
//! - [`tally`]: where the council stands (what it counts: [`summaries`]): the trend against last year,
//!   and against its benchmarks;
//! - [`scorecard`]: all of it over a whole scorecard, giving the
//!   [`rating::RatedScorecard`] with its summary counts and diagnostics.

pub mod actions;
pub mod aim;
pub mod benchmark;
pub mod cross_sheet;
pub mod direction;
pub mod focus;
pub mod history;
pub mod previous;
pub mod rag;
pub mod rating;
pub mod relations;
pub mod scorecard;
pub mod since;
pub mod summaries;
pub mod tally;
pub mod target;

use crate::model::Tolerance;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// How ratings are given (`[rag] policy` in scorecard.toml).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Policy {
    /// Green met; Amber shortfall within tolerance; Red beyond it.
    #[default]
    Tolerance,
    /// Green met or within tolerance; beyond it, Amber if performance improved
    /// or held against the same period last year, else Red.
    ToleranceAndTrend,
    /// Green met, Red missed, no Amber (year-end reporting).
    MetOrMissed,
}

impl Policy {
    /// Whether the policy gives Amber at all (`met-or-missed` does not).
    pub fn has_amber(self) -> bool {
        self != Policy::MetOrMissed
    }

    /// The policy's name as written in scorecard.toml.
    pub fn name(self) -> &'static str {
        match self {
            Policy::Tolerance => "tolerance",
            Policy::ToleranceAndTrend => "tolerance-and-trend",
            Policy::MetOrMissed => "met-or-missed",
        }
    }
}

/// What is rated (`[rag] basis` in scorecard.toml).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    /// This period's actual against this period's target.
    #[default]
    Actual,
    /// The year-end forecast against the year-end target.
    Forecast,
}

/// Everything the rules need besides the indicator itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleSettings {
    /// The policy in force.
    pub policy: Policy,
    /// The tolerance for indicators that do not set their own.
    pub default_tolerance: Tolerance,
    /// Actual or forecast.
    pub basis: Basis,
    /// Months of the financial year elapsed, from the reporting period.
    pub months_elapsed: Option<u32>,
}

impl Default for RuleSettings {
    fn default() -> Self {
        RuleSettings {
            policy: Policy::Tolerance,
            default_tolerance: Tolerance::Relative(Decimal::from(5)),
            basis: Basis::Actual,
            months_elapsed: None,
        }
    }
}
