//! Since the last report (SPEC §4a): what the comparison of this workbook
//! with the previous report's finds. The comparison itself is in
//! [`super::previous`].

use crate::diagnostics::Diagnostic;
use crate::model::{DateOrText, Rag};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// Where an indicator off target last time stands now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Now {
    /// Green now, by the rules.
    BackOnTarget,
    /// Green now by the council's judgement, though the rules give another
    /// rating.
    GreenByJudgement,
    /// Still off target, but better than last time (by polarity, at display
    /// precision) and rated no worse.
    Improved,
    /// Still off target, neither better nor worse.
    StillOff,
    /// Rated worse than last time (Amber to Red), or its figure is worse.
    Worse,
    /// Not rated now (not due, no figure).
    NotRated,
}

/// An indicator off target in the previous report, and where it stands now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Update {
    /// The indicator now (an index into this scorecard's indicators).
    pub indicator: usize,
    /// Its rating last time.
    pub rag_then: Rag,
    /// Its figure last time.
    pub value_then: Option<Decimal>,
    /// Whether that figure was a year-end forecast (the last report rated
    /// forecasts).
    pub then_forecast: bool,
    /// The decimals last time's figure was shown with.
    pub decimals_then: u32,
    /// Whether last time's rating was a judgement (the RAG column).
    pub then_judged: bool,
    /// Whether this report's figure is a year-end forecast.
    pub now_forecast: bool,
    /// Where it stands now.
    pub now: Now,
    /// The meeting at which its recovery plan was considered, if the
    /// workbooks say: the plan's Previously presented date, else the previous
    /// meeting when the previous report printed the plan.
    pub plan_considered: Option<DateOrText>,
}

/// A rating that changed since the last report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The indicator now (an index into this scorecard's indicators).
    pub indicator: usize,
    /// Its rating last time.
    pub from: Rag,
    /// Its rating now.
    pub to: Rag,
    /// Whether last time's rating was a judgement.
    pub from_judged: bool,
    /// Whether this rating is a judgement.
    pub to_judged: bool,
}

/// An indicator of the previous report that this one does not have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    /// Its ref.
    pub reference: String,
    /// Its title.
    pub title: String,
    /// Its rating last time.
    pub rag: Rag,
}

/// This report against the previous one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SinceLast {
    /// The previous report's period (short label).
    pub period: Option<String>,
    /// The previous report's period, in full.
    pub period_long: Option<String>,
    /// The previous report's meeting date.
    pub meeting_date: Option<NaiveDate>,
    /// Each indicator's rating last time, by this scorecard's indices; `None`
    /// for an indicator that is new.
    pub rag_previous: Vec<Option<Rag>>,
    /// How many indicators were off target last time, those no longer
    /// reported included.
    pub off_target_then: usize,
    /// The indicators off target last time that are still reported, in this
    /// workbook's order.
    pub updates: Vec<Update>,
    /// Every rating that changed, in this workbook's order.
    pub changes: Vec<Change>,
    /// Indicators new since the last report (indices).
    pub new: Vec<usize>,
    /// Indicators the last report had and this one does not.
    pub dropped: Vec<Dropped>,
    /// Figures restated and indicators renamed (also among the workbook's
    /// diagnostics).
    pub warnings: Vec<Diagnostic>,
}
