//! What the rules decide: one [`Rating`] per indicator, kept with the
//! indicator as a [`RatedIndicator`], and the [`RatedScorecard`] they make up.

use super::benchmark::Standing;
use super::direction::Direction;
use super::focus::FocusReason;
use super::relations::Relations;
use super::target::{NotRated, TargetBasis};
use super::RuleSettings;
use crate::diagnostics::Diagnostic;
use crate::model::{Indicator, Rag, RecoveryPlan, Scorecard, Target, Tolerance};
use rust_decimal::Decimal;
use serde::Serialize;

/// Whether the rating reported is the computed one or a judgement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RagSource {
    /// Computed by the rules.
    Computed,
    /// A judgement from the workbook's RAG column.
    Override,
}

/// Where the tolerance in force came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ToleranceSource {
    /// The indicator's own Tolerance cell.
    Indicator,
    /// The default from scorecard.toml, or the built-in 5%.
    Default,
}

/// Where an off-target indicator's recovery plan is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    /// Printed in Appendix A.
    Appendix,
    /// Considered at an earlier meeting.
    Presented,
    /// There is none.
    Missing,
}

/// A figure used for direction of travel, and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Earlier {
    /// The figure.
    pub value: Decimal,
    /// The History period it came from, or `None` for the Indicators sheet.
    pub from_history: Option<String>,
    /// For last year's whole-year outturn standing in for the same period
    /// last year, the financial year it is of (`2017/18`).
    pub whole_year: Option<String>,
}

/// Everything the rules decided about one indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rating {
    /// The figure rated: the actual, or the forecast under the forecast basis.
    pub value: Option<Decimal>,
    /// The target used.
    pub target_used: Option<Target>,
    /// Why that target.
    pub target_basis: Option<TargetBasis>,
    /// Why it is not rated, if it is not.
    pub not_rated: Option<NotRated>,
    /// Whether the target is met.
    pub met: Option<bool>,
    /// How far short (negative when better than target).
    pub shortfall: Option<Decimal>,
    /// The tolerance in force.
    pub tolerance: Tolerance,
    /// Where the tolerance came from.
    pub tolerance_source: ToleranceSource,
    /// The tolerance as an amount in the indicator's unit.
    pub tolerance_amount: Option<Decimal>,
    /// Missed, but by no more than the tolerance (decided exactly: a tie is
    /// within, however the figures round).
    pub within_tolerance: Option<bool>,
    /// The rating the rules give.
    pub rag_computed: Rag,
    /// The rating reported: the override if there is one.
    pub rag: Rag,
    /// Whether `rag` is computed or a judgement.
    pub rag_source: RagSource,
    /// The previous period's figure used for short-term direction.
    pub previous: Option<Earlier>,
    /// Last year's figure used for long-term direction.
    pub last_year: Option<Earlier>,
    /// Short-term direction of travel.
    pub dot_short: Option<Direction>,
    /// Long-term direction of travel.
    pub dot_long: Option<Direction>,
    /// Periods at Red in a row, this one included (0 when not Red).
    pub consecutive_red: u32,
    /// Where its recovery plan is, when it is off target (Red or Amber).
    pub plan: Option<PlanStatus>,
    /// The recovery plan that covers it, whatever its rating: an index into
    /// the scorecard's plans.
    pub plan_index: Option<usize>,
    /// Why it is in focus; empty when it is not.
    pub focus: Vec<FocusReason>,
    /// Where it stands among its comparators, when it has benchmarks.
    pub standing: Option<Standing>,
    /// The aim its phrase states, with a like-for-like baseline.
    pub aim: Option<super::aim::Aim>,
    /// Its quartile among comparable councils, 1 = top: the workbook's own,
    /// else the one its rank falls in. The same everywhere on the paper.
    pub quartile: Option<u8>,
    /// How it stands against its benchmark, and with which figure.
    pub versus: Option<super::summaries::Versus>,
}

impl Rating {
    /// Whether the rating reported is the council's judgement (a RAG cell
    /// that differs from the rules: one that agrees is not an override).
    pub fn is_judgement(&self) -> bool {
        self.rag_source == RagSource::Override
    }
}

/// Counts by rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Summary {
    /// All indicators.
    pub indicators: usize,
    /// Those with a rating.
    pub rated: usize,
    /// Green.
    pub green: usize,
    /// Amber.
    pub amber: usize,
    /// Red.
    pub red: usize,
    /// Not rated.
    pub not_rated: usize,
    /// The part of `not_rated` that is not due this period.
    pub not_due: usize,
    /// green ÷ rated × 100, rounded half-up; `None` when nothing is rated.
    pub met_or_on_track_percent: Option<u32>,
    /// Of each count, how many are the council's judgement rather than the
    /// rules' rating: sentences about the rules describe only the others.
    pub by_judgement: Judged,
}

/// Ratings that are a judgement differing from the rules', by the rating given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Judged {
    /// Green by judgement.
    pub green: usize,
    /// Amber by judgement.
    pub amber: usize,
    /// Red by judgement.
    pub red: usize,
    /// Not rated by judgement.
    pub not_rated: usize,
}

impl Summary {
    /// Counts the ratings.
    pub fn of<'a>(ratings: impl IntoIterator<Item = &'a Rating>) -> Summary {
        let (mut green, mut amber, mut red, mut all, mut not_due) = (0, 0, 0, 0, 0);
        let mut judged = Judged::default();
        for r in ratings {
            all += 1;
            if r.rag_source == RagSource::Override {
                match r.rag {
                    Rag::Green => judged.green += 1,
                    Rag::Amber => judged.amber += 1,
                    Rag::Red => judged.red += 1,
                    Rag::NotRated => judged.not_rated += 1,
                }
            }
            if r.not_rated == Some(NotRated::NotDue) && r.rag == Rag::NotRated {
                not_due += 1;
            }
            match r.rag {
                Rag::Green => green += 1,
                Rag::Amber => amber += 1,
                Rag::Red => red += 1,
                Rag::NotRated => {}
            }
        }
        let rated = green + amber + red;
        let mut summary = Summary {
            indicators: all,
            rated,
            green,
            amber,
            red,
            not_rated: all - rated,
            not_due,
            met_or_on_track_percent: None,
            by_judgement: judged,
        };
        summary.met_or_on_track_percent = summary.percent_of(green);
        summary
    }

    /// `n` as a whole-number percentage of the rated indicators, rounded
    /// half-up; `None` when nothing is rated.
    pub fn percent_of(&self, n: usize) -> Option<u32> {
        (self.rated > 0).then(|| {
            let p = Decimal::from(n) * Decimal::ONE_HUNDRED / Decimal::from(self.rated);
            crate::numbers::round_half_up(p, 0)
                .try_into()
                .unwrap_or(0u32)
        })
    }
}

/// An indicator with everything the rules decided about it.
#[derive(Debug, Clone, PartialEq)]
pub struct RatedIndicator {
    /// The record, as read.
    pub indicator: Indicator,
    /// The rules' decisions.
    pub rating: Rating,
}

/// A recovery plan with what the rules decided about it.
#[derive(Debug, Clone, PartialEq)]
pub struct RatedPlan {
    /// The record, as read.
    pub plan: RecoveryPlan,
    /// The indicators of the scorecard it covers, in the plan's order
    /// (indices into the scorecard's indicators); refs that are not on the
    /// Indicators sheet are left out.
    pub covers: Vec<usize>,
    /// Printed in Appendix A: not presented at an earlier meeting, and
    /// covering an indicator of the scorecard.
    pub in_appendix: bool,
    /// Its actions overdue at the meeting date (indices into `plan.actions`).
    pub overdue: Vec<usize>,
}

impl RatedPlan {
    /// Whether the plan's action `i` is overdue.
    pub fn is_overdue(&self, i: usize) -> bool {
        self.overdue.contains(&i)
    }
}

/// A scorecard with every indicator rated: the records of the workbook, each
/// indicator with its rating and each plan with what the rules decided.
#[derive(Debug, Clone)]
pub struct RatedScorecard {
    /// The records; each indicator with its rating, in workbook order.
    pub scorecard: Scorecard<RatedIndicator, RatedPlan>,
    /// Look-ups by ref into the records, built once.
    pub relations: Relations,
    /// The settings the ratings were made with.
    pub settings: RuleSettings,
    /// The counts.
    pub summary: Summary,
    /// Improved, held or worsened against the same period last year.
    pub trend: super::summaries::TrendSummary,
    /// Better or worse than the benchmark, and by quartile.
    pub benchmarking: super::summaries::BenchmarkSummary,
    /// This report against the previous one, when one is given.
    pub since: Option<super::since::SinceLast>,
    /// Problems the rules found (an override without a reason, …).
    pub diagnostics: Vec<Diagnostic>,
}

impl RatedScorecard {
    /// Whether an indicator can be Amber on this paper: by the rules, or
    /// because one is Amber by judgement.
    pub fn amber_possible(&self) -> bool {
        self.summary.amber > 0 || self.rules_give_amber()
    }

    /// Whether the rules can give Amber: the policy has Amber, and some
    /// tolerance in force is above zero (the default, or an indicator's own).
    /// Under `tolerance-and-trend` Amber also comes from the trend.
    pub fn rules_give_amber(&self) -> bool {
        match self.settings.policy {
            super::Policy::MetOrMissed => false,
            super::Policy::ToleranceAndTrend => true,
            super::Policy::Tolerance => {
                !is_zero(self.settings.default_tolerance)
                    || self
                        .scorecard
                        .indicators
                        .iter()
                        .any(|ri| ri.indicator.tolerance.is_some_and(|t| !is_zero(t)))
            }
        }
    }

    /// Whether some indicator sets a tolerance of its own.
    pub fn own_tolerances(&self) -> bool {
        self.scorecard
            .indicators
            .iter()
            .any(|ri| ri.indicator.tolerance.is_some())
    }
}

/// Whether a tolerance leaves no room at all.
pub fn is_zero(t: Tolerance) -> bool {
    match t {
        Tolerance::Relative(v) | Tolerance::Absolute(v) => v.is_zero(),
    }
}

/// The word for a rating: `Red`, `Amber`, `Green`, `not rated`.
pub fn rag_word(rag: Rag) -> &'static str {
    match rag {
        Rag::Red => "Red",
        Rag::Amber => "Amber",
        Rag::Green => "Green",
        Rag::NotRated => "not rated",
    }
}
