//! From sheets of cells to typed records: finding each sheet and its header row,
//! mapping columns by name and alias, and reading every row into the model,
//! collecting a diagnostic for each problem on the way.

mod assemble;
mod guard;
mod indicator_fields;
mod indicators;
mod period_headers;
mod rows;
mod sheets;
mod tables;
mod words;

pub use assemble::load_from;
pub use guard::{load, reading_a_workbook};
pub use words::{parse_bool, parse_polarity, parse_quartile, parse_rag, parse_unit};

pub(crate) use rows::{data_rows, period_text, RowReader};
pub(crate) use tables::{one_line, Table};

use crate::diagnostics::{Diagnostic, Severity};
use crate::model::Scorecard;
use crate::period::ReportingPeriod;
use crate::workbook::{self, DateSystem, SourceKind};
use std::collections::BTreeMap;

/// How many rows at the top of a sheet are searched for its header row.
pub const HEADER_SEARCH_ROWS: u32 = 20;

/// Settings that change how a workbook is read.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// The calendar month in which the financial year starts (4 = April).
    pub year_start_month: u32,
    /// How much of a workbook is read before it is refused.
    pub limits: workbook::Limits,
    /// `[columns]`: the header, as written, that holds each field of the
    /// Indicators sheet (`actual` → `Q3 2020/21 Value`), by field name.
    pub columns: BTreeMap<&'static str, String>,
    /// A reporting period that wins over the Report sheet's (`--set
    /// period=…`), for placing headers naming a period.
    pub period_override: Option<ReportingPeriod>,
    /// The reporting period when the Report sheet gives none (`[report]
    /// period`), for placing headers naming a period.
    pub period_default: Option<ReportingPeriod>,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            year_start_month: 4,
            limits: workbook::Limits::default(),
            columns: BTreeMap::new(),
            period_override: None,
            period_default: None,
        }
    }
}

/// A workbook read into the model, with every problem found.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The records.
    pub scorecard: Scorecard,
    /// The problems, in the order found.
    pub diagnostics: Vec<Diagnostic>,
    /// What kind of file it was.
    pub kind: SourceKind,
}

impl Loaded {
    /// How many diagnostics have the given severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// Lists names as `'A', 'B' and 'C'`, eliding after ten.
pub fn quote_list(names: &[String]) -> String {
    let shown: Vec<String> = names.iter().take(10).map(|n| format!("'{n}'")).collect();
    let mut text = match shown.len() {
        0 => String::from("none"),
        1 => shown[0].clone(),
        n => format!("{} and {}", shown[..n - 1].join(", "), shown[n - 1]),
    };
    if names.len() > 10 {
        text.push_str(&format!(" (and {} more)", names.len() - 10));
    }
    text
}

/// What the row readers need to know about the workbook as a whole.
pub(crate) struct ReadContext {
    pub date_system: DateSystem,
    pub kind: SourceKind,
    pub year_start_month: u32,
    /// `[columns]`, field → header.
    pub columns: BTreeMap<&'static str, String>,
    /// The reporting period given over the Report sheet's.
    pub period_override: Option<ReportingPeriod>,
    /// The reporting period when the Report sheet gives none.
    pub period_default: Option<ReportingPeriod>,
}
