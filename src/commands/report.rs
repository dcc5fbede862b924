//! `scorecard report` — write the report for one workbook.
//!
//! ```text
//! scorecard report WORKBOOK [-o FILE|-] [--format json] [--config FILE]
//! ```
//!
//! Writes the normalised, rated records of the workbook as JSON (SPEC §5), with
//! every diagnostic found while reading and rating. Output goes to stdout, or atomically to the
//! file given with `-o`; the workbook itself is never overwritten.

use super::Outcome;
use crate::output::write_atomic;
use crate::pipeline::prepare;
use std::io::Write;
use std::path::PathBuf;

/// Examples shown by `scorecard report --help`.
pub const EXAMPLES: &str = "Examples:
  scorecard report q4.xlsx --format json
  scorecard report q4.xlsx -o q4.json";

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The normalised model as JSON.
    Json,
}

/// Options of `scorecard report`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The workbook: .xlsx, .xlsm, .xlsb, .xls, .ods, or a folder of CSV files.
    #[arg(value_name = "WORKBOOK")]
    pub workbook: PathBuf,
    /// Where to write the report; `-` for standard output (the default).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// The settings file (default: scorecard.toml beside the workbook).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// Runs the command. Reading errors inside the workbook are part of the output
/// (in `diagnostics`); only an unreadable file is an error here.
pub fn run(args: &Args, stdout: &mut dyn Write) -> Result<Outcome, crate::error::Error> {
    let prepared = prepare(&args.workbook, args.config.as_deref())?;
    let doc = crate::report::json::to_json(&prepared.rated, &prepared.diagnostics);
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".to_string());
    text.push('\n');
    match &args.output {
        Some(path) if path.as_os_str() != "-" => {
            write_atomic(path, text.as_bytes(), &args.workbook)?;
        }
        _ => stdout
            .write_all(text.as_bytes())
            .map_err(|e| crate::error::Error::Write {
                path: PathBuf::from("-"),
                reason: e.to_string(),
            })?,
    }
    Ok(Outcome::Clean)
}
