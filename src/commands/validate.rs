//! `scorecard validate` — check workbooks and list every problem.
//!
//! ```text
//! scorecard validate WORKBOOK... [--strict] [--config FILE]
//! ```
//!
//! Reads and rates each workbook (with the scorecard.toml beside it, or the one
//! given), then prints each problem with its severity, sheet and cell (`Indicators!F12`) and a
//! sentence saying what to change. Exits 0 when clean, 1 when any workbook has
//! errors (with `--strict`, warnings too), 2 when a file cannot be read.

use super::Outcome;
use crate::diagnostics::Severity;
use crate::pipeline::prepare;
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
    /// The settings file for every workbook (default: scorecard.toml beside each).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// Runs the command, writing the report of problems to `out`.
pub fn run(args: &Args, out: &mut dyn Write) -> std::io::Result<Outcome> {
    let mut outcome = Outcome::Clean;
    for path in &args.workbooks {
        let shown = path.display();
        match prepare(path, args.config.as_deref()) {
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
                let indicators = loaded.rated.scorecard.indicators.len();
                writeln!(
                    out,
                    "  {} indicator{} read; {}, {}, {}",
                    indicators,
                    plural(indicators),
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
