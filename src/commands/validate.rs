//! `scorecard validate` — check workbooks and list every problem.
//!
//! ```text
//! scorecard validate WORKBOOK... [--strict]
//! ```
//!
//! Prints each problem with its severity, sheet and cell (`Indicators!F12`) and a
//! sentence saying what to change. Exits 0 when clean, 1 when any workbook has
//! errors (with `--strict`, warnings too), 2 when a file cannot be read.

use super::Outcome;
use crate::diagnostics::Severity;
use crate::normalise::{load, LoadOptions};
use std::io::Write;
use std::path::PathBuf;

/// Examples shown by `scorecard validate --help`.
pub const EXAMPLES: &str = "Examples:
  scorecard validate q4.xlsx
  scorecard validate --strict services/*.xlsx
  scorecard validate csv-workbook/";

/// Options of `scorecard validate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Workbooks to check: .xlsx, .xlsm, .xlsb, .xls, .ods, or folders of CSV files.
    #[arg(required = true, value_name = "WORKBOOK")]
    pub workbooks: Vec<PathBuf>,
    /// Fail on warnings as well as errors.
    #[arg(long)]
    pub strict: bool,
}

/// Runs the command, writing the report of problems to `out`.
pub fn run(args: &Args, out: &mut dyn Write) -> std::io::Result<Outcome> {
    let mut outcome = Outcome::Clean;
    for path in &args.workbooks {
        let shown = path.display();
        match load(path, &LoadOptions::default()) {
            Err(e) => {
                writeln!(out, "{shown}")?;
                writeln!(out, "  error: {e}")?;
                outcome = outcome.max(Outcome::Unreadable);
            }
            Ok(loaded) => {
                writeln!(out, "{shown}")?;
                for d in &loaded.diagnostics {
                    writeln!(out, "  {d}")?;
                }
                let errors = loaded.count(Severity::Error);
                let warnings = loaded.count(Severity::Warning);
                let notes = loaded.count(Severity::Note);
                writeln!(
                    out,
                    "  {} indicator{} read; {}, {}, {}",
                    loaded.scorecard.indicators.len(),
                    plural(loaded.scorecard.indicators.len()),
                    count(errors, "error"),
                    count(warnings, "warning"),
                    count(notes, "note"),
                )?;
                if errors > 0 || (args.strict && warnings > 0) {
                    outcome = outcome.max(Outcome::Problems);
                }
            }
        }
    }
    Ok(outcome)
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", plural(n))
}
