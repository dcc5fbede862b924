//! The domain model: typed indicators, targets, periods, plans and the rest.
//!
//! These records are what the rules rate and the report prints. They know
//! nothing about where they were read from beyond a [`Source`] for messages.

use crate::period::ReportingPeriod;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Where a record came from, for diagnostics.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    /// The sheet name as written in the workbook.
    pub sheet: String,
    /// The row as Excel numbers it (1-based).
    pub row: u32,
    /// The 0-based column of each field of the sheet, shared by all its rows.
    #[serde(skip)]
    pub columns: Arc<BTreeMap<&'static str, u32>>,
}

impl Source {
    /// The A1 name of this row's cell for a field (`M5`), or the row's first
    /// cell when the sheet has no such column.
    pub fn cell(&self, field: &str) -> String {
        let col = self.columns.get(field).copied().unwrap_or(0);
        crate::diagnostics::cell_name(self.row.saturating_sub(1), col)
    }
}

/// The comparison of a bound target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Comparison {
    /// `<x`: strictly below.
    #[serde(rename = "<")]
    Lt,
    /// `<=x`: at or below.
    #[serde(rename = "<=")]
    Le,
    /// `>x`: strictly above.
    #[serde(rename = ">")]
    Gt,
    /// `>=x`: at or above.
    #[serde(rename = ">=")]
    Ge,
}

impl Comparison {
    /// The comparison's sign as written.
    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::Lt => "<",
            Comparison::Le => "<=",
            Comparison::Gt => ">",
            Comparison::Ge => ">=",
        }
    }
}

/// What an indicator measures, which decides how its values are shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "label", rename_all = "lowercase")]
pub enum Unit {
    /// A percentage, held as 55.1 for 55.1%.
    Percent,
    /// A count.
    Number,
    /// A rate; the label (`per 100,000 population`) is kept for display.
    Rate(Option<String>),
    /// Money, in pounds.
    Currency,
    /// A number of days.
    Days,
    /// A score, optionally out of a maximum given in the unit (`score out of 24`).
    Score(Option<Decimal>),
    /// A ratio.
    Ratio,
    /// Yes (1) or no (0).
    YesNo,
}

impl Unit {
    /// The display precision when the workbook gives none.
    pub fn default_decimals(&self) -> u32 {
        match self {
            Unit::Percent | Unit::Rate(_) | Unit::Score(_) | Unit::Days | Unit::Ratio => 1,
            Unit::Number | Unit::Currency | Unit::YesNo => 0,
        }
    }

    /// The unit's name in JSON and messages.
    pub fn name(&self) -> &'static str {
        match self {
            Unit::Percent => "percent",
            Unit::Number => "number",
            Unit::Rate(_) => "rate",
            Unit::Currency => "currency",
            Unit::Days => "days",
            Unit::Score(_) => "score",
            Unit::Ratio => "ratio",
            Unit::YesNo => "yesno",
        }
    }
}

/// Which way is good.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Polarity {
    /// Bigger is better.
    Higher,
    /// Smaller is better.
    Lower,
    /// Within a band is best.
    Band,
    /// For information only: never rated.
    Info,
}

impl Polarity {
    /// The polarity in words: `higher is better`, `for information only`.
    pub fn name(&self) -> &'static str {
        match self {
            Polarity::Higher => "higher is better",
            Polarity::Lower => "lower is better",
            Polarity::Band => "within a band",
            Polarity::Info => "for information only",
        }
    }
}

/// How often an indicator is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Frequency {
    /// Every month.
    Monthly,
    /// Every quarter.
    Quarterly,
    /// Every school term.
    Termly,
    /// Once a year.
    Annual,
}

/// A target: a value, a band, or a bound with its strictness.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Target {
    /// A single figure to reach (or keep below, by polarity).
    Value {
        /// The figure.
        value: Decimal,
    },
    /// A range to stay within, bounds included (`56-61%`).
    Band {
        /// The lower bound.
        low: Decimal,
        /// The upper bound.
        high: Decimal,
    },
    /// A bound such as `<8.1`: strict when the sign is strict.
    Bound {
        /// The comparison.
        cmp: Comparison,
        /// The bound.
        value: Decimal,
    },
}

impl Target {
    /// The polarity this target's form implies: a band makes `band`, `<`/`<=`
    /// make `lower`, `>`/`>=` make `higher`; a plain value implies nothing.
    pub fn implied_polarity(&self) -> Option<Polarity> {
        match self {
            Target::Value { .. } => None,
            Target::Band { .. } => Some(Polarity::Band),
            Target::Bound {
                cmp: Comparison::Lt | Comparison::Le,
                ..
            } => Some(Polarity::Lower),
            Target::Bound {
                cmp: Comparison::Gt | Comparison::Ge,
                ..
            } => Some(Polarity::Higher),
        }
    }
}

/// How far short of target still counts as Amber.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "lowercase")]
pub enum Tolerance {
    /// A percentage of the target (`5%` → 5).
    Relative(Decimal),
    /// An amount in the indicator's unit (`2`).
    Absolute(Decimal),
}

/// A Red/Amber/Green rating (or not rated).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rag {
    /// Off target beyond tolerance.
    Red,
    /// Off target within tolerance.
    Amber,
    /// On target.
    Green,
    /// Not rated.
    NotRated,
}

/// A benchmark quartile, 1 = top.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Quartile(pub u8);

/// A figure that may instead be a status text (`Due June 2019`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Measure {
    /// The number, if there is one.
    pub value: Option<Decimal>,
    /// Text kept in place of a number, or beside it.
    pub status: Option<String>,
}

impl Measure {
    /// A measure holding a number.
    pub fn number(value: Decimal) -> Self {
        Measure {
            value: Some(value),
            status: None,
        }
    }
}

/// One performance indicator: a row of the Indicators sheet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indicator {
    /// The unique key (`1C (NI130)`).
    #[serde(rename = "ref")]
    pub reference: String,
    /// The short name.
    pub title: String,
    /// The longer definition (Markdown).
    pub description: Option<String>,
    /// First grouping level (theme, priority, layer).
    pub theme: Option<String>,
    /// Second grouping level (outcome).
    pub outcome: Option<String>,
    /// The service or directorate.
    pub service: Option<String>,
    /// The lead officer.
    pub owner: Option<String>,
    /// What it measures.
    pub unit: Unit,
    /// Which way is good.
    pub polarity: Polarity,
    /// Display precision, if the workbook sets one (the Decimals column).
    pub decimals: Option<u32>,
    /// The most decimals any of the indicator's own figure cells shows (its
    /// number format's, else as typed), if any of them says.
    #[serde(skip)]
    pub shown_decimals: Option<u32>,
    /// How often it is reported.
    pub frequency: Option<Frequency>,
    /// Whether the actual accumulates over the year.
    pub cumulative: bool,
    /// This period's value.
    pub actual: Measure,
    /// The year-to-date value.
    pub ytd: Measure,
    /// The previous period's value.
    pub previous: Measure,
    /// The same period last year.
    pub last_year: Measure,
    /// Last year's whole-year figure (its outturn), read and shown; the
    /// rules do not use it.
    pub last_year_outturn: Measure,
    /// The target for this period.
    pub target: Option<Target>,
    /// The year-end target.
    pub year_end_target: Option<Target>,
    /// A longer-term target, shown only.
    pub future_target: Option<Target>,
    /// The Amber tolerance for this indicator, if it has its own.
    pub tolerance: Option<Tolerance>,
    /// The year-end forecast.
    pub forecast: Measure,
    /// Numerator of the actual.
    pub numerator: Option<Decimal>,
    /// Denominator of the actual.
    pub denominator: Option<Decimal>,
    /// A rating that replaces the computed one.
    pub rag_override: Option<Rag>,
    /// Why the override differs.
    pub rag_reason: Option<String>,
    /// A benchmark value (national average).
    pub benchmark: Measure,
    /// What the benchmark is, as the paper names it (`National average
    /// (2009/10)`): the `Benchmark label` cell, else the benchmark column's
    /// header when it says more than "Benchmark".
    pub benchmark_label: Option<String>,
    /// The financial year the benchmark is of (`2017/18`), when its label
    /// names one.
    pub benchmark_year: Option<String>,
    /// The threshold of the top quartile (`Top quartile` column): more than
    /// it (less, where lower is better) is top-quartile performance.
    pub top_quartile: Measure,
    /// Benchmark quartile, 1 = top.
    pub quartile: Option<Quartile>,
    /// Commentary (Markdown).
    pub commentary: Option<String>,
    /// A note shown beside the value.
    pub note: Option<String>,
    /// Always gets its own section.
    pub in_focus: bool,
    /// Columns with unknown headers, by header.
    pub extra: BTreeMap<String, String>,
    /// The workbook's own wording of the indicator's aim (the `Phrasing`
    /// column), used instead of the generated one.
    #[serde(skip)]
    pub phrasing: Option<String>,
    /// Marked illustrative (the `Illustrative` column says yes).
    #[serde(skip)]
    pub illustrative: bool,
    /// Where the row is.
    pub source: Source,
}

impl Indicator {
    /// A bare indicator: a number where higher is better, with no figures yet.
    pub fn new(reference: impl Into<String>, title: impl Into<String>) -> Self {
        Indicator {
            reference: reference.into(),
            title: title.into(),
            description: None,
            theme: None,
            outcome: None,
            service: None,
            owner: None,
            unit: Unit::Number,
            polarity: Polarity::Higher,
            decimals: None,
            shown_decimals: None,
            frequency: None,
            cumulative: false,
            actual: Measure::default(),
            ytd: Measure::default(),
            previous: Measure::default(),
            last_year: Measure::default(),
            last_year_outturn: Measure::default(),
            target: None,
            year_end_target: None,
            future_target: None,
            tolerance: None,
            forecast: Measure::default(),
            numerator: None,
            denominator: None,
            rag_override: None,
            rag_reason: None,
            benchmark: Measure::default(),
            benchmark_label: None,
            benchmark_year: None,
            top_quartile: Measure::default(),
            quartile: None,
            commentary: None,
            note: None,
            in_focus: false,
            extra: BTreeMap::new(),
            phrasing: None,
            illustrative: false,
            source: Source {
                sheet: String::new(),
                row: 0,
                columns: Arc::default(),
            },
        }
    }

    /// The display precision in force: the Decimals column's, else the most
    /// decimals the indicator's own cells show (so 1.58 in a `0.00` cell is
    /// never shown as 1.6, and a computed figure gets as many), else the
    /// unit's default.
    pub fn display_decimals(&self) -> u32 {
        self.decimals
            .or(self.shown_decimals)
            .unwrap_or_else(|| self.unit.default_decimals())
    }
}

/// A date, or a month with no day (`March 2013`), or text (`Ongoing`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "lowercase")]
pub enum DateOrText {
    /// A full date.
    Date(NaiveDate),
    /// A month: the date is the first of the month.
    Month(NaiveDate),
    /// Text that is not a date.
    Text(String),
}

/// The report's front matter (Report sheet, `[report]`, `--set`): see
/// [`crate::front_matter`] for its keys and which source wins.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ReportMeta {
    /// The text of each key given (`committee`, `period`, `background`…),
    /// by the key's field name; dates are in `dates`.
    pub fields: BTreeMap<&'static str, String>,
    /// Each date key given (`meeting_date`), by field name.
    pub dates: BTreeMap<&'static str, NaiveDate>,
    /// Keys the tool does not know, by key as written, in the order given
    /// (the Report sheet's, then scorecard.toml's, then `--set`'s).
    pub extra: indexmap::IndexMap<String, String>,
}

impl ReportMeta {
    /// The text of a key (`meta.get("committee")`), when it is given.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.fields.get(field).map(String::as_str)
    }

    /// The meeting date, when it is given.
    pub fn meeting_date(&self) -> Option<NaiveDate> {
        self.dates.get("meeting_date").copied()
    }
}

/// One action of a recovery plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Action {
    /// The ref of the plan (its first indicator ref).
    #[serde(rename = "ref")]
    pub reference: String,
    /// What will be done (Markdown).
    pub action: String,
    /// Who leads it.
    pub lead: Option<String>,
    /// When it is due.
    pub due: Option<DateOrText>,
    /// Its status (`Complete`, `On track`…).
    pub status: Option<String>,
    /// Where the row is.
    pub source: Source,
}

/// A recovery plan for one or more off-target indicators.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecoveryPlan {
    /// The indicators it covers.
    pub refs: Vec<String>,
    /// Its title.
    pub title: Option<String>,
    /// Why the indicator is under-performing (Markdown).
    pub reasons: Option<String>,
    /// Comparative data (Markdown).
    pub comparative: Option<String>,
    /// The earlier meeting that considered it, if any.
    pub presented: Option<DateOrText>,
    /// Its actions, in workbook order.
    pub actions: Vec<Action>,
    /// Where the row is.
    pub source: Source,
}

/// A comparator's value for an indicator (Benchmarks sheet).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Benchmark {
    /// The indicator.
    #[serde(rename = "ref")]
    pub reference: String,
    /// The comparator (another council, `England average`).
    pub comparator: String,
    /// Its value.
    pub value: Measure,
    /// The period it relates to.
    pub period: Option<String>,
    /// Where the row is.
    pub source: Source,
}

/// An earlier period's figures (History sheet).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistoryPoint {
    /// The indicator.
    #[serde(rename = "ref")]
    pub reference: String,
    /// The period as written.
    pub period: String,
    /// The period, parsed.
    pub parsed_period: Option<ReportingPeriod>,
    /// The actual then.
    pub actual: Measure,
    /// The target then.
    pub target: Option<Target>,
    /// Where the row is.
    pub source: Source,
}

/// Everything read from one workbook: its indicators and recovery plans as
/// read (`I` is [`Indicator`], `P` is [`RecoveryPlan`]) or, once rated, each
/// with what the rules decided about it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scorecard<I = Indicator, P = RecoveryPlan> {
    /// The front matter.
    pub meta: ReportMeta,
    /// The reporting period, if the Period key parsed.
    pub period: Option<ReportingPeriod>,
    /// The indicators, in workbook order.
    pub indicators: Vec<I>,
    /// The recovery plans, with their actions.
    pub plans: Vec<P>,
    /// Benchmarks.
    pub benchmarks: Vec<Benchmark>,
    /// History.
    pub history: Vec<HistoryPoint>,
}

impl<I, P> Default for Scorecard<I, P> {
    fn default() -> Self {
        Scorecard {
            meta: ReportMeta::default(),
            period: None,
            indicators: Vec::new(),
            plans: Vec::new(),
            benchmarks: Vec::new(),
            history: Vec::new(),
        }
    }
}
