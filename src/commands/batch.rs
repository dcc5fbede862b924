//! `scorecard batch` — every workbook's report at once, in parallel.
//!
//! ```text
//! scorecard batch INPUT... --out DIR [--what report|appendix|both]
//!                 [--format md|html|json] [--jobs N] [--config FILE] [--template DIR]
//!                 [--previous-dir DIR]
//! ```
//!
//! Inputs are workbooks or folders (searched recursively for spreadsheets and
//! CSV workbooks). Outputs are named after the inputs, below `--out`: a
//! folder's workbooks keep their relative paths, nothing can escape `--out`,
//! and two same-named workbooks never overwrite each other. A progress bar shows
//! on a terminal. One failure does not stop the rest; a summary ends the run,
//! and the exit code is 1 if any workbook failed.

use super::{Outcome, Ui, Verbosity};
use indicatif::{ProgressBar, ProgressStyle};
use scorecard::error::Error;
use scorecard::jobs::{self, What};
use scorecard::report::Format;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// Examples shown by `scorecard batch --help`.
pub const EXAMPLES: &str = "Examples:
  scorecard batch services/ --out site/ --format html
  scorecard batch q4/*.xlsx --out appendices/ --what appendix --jobs 4";

/// Options of `scorecard batch`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Workbooks and folders of workbooks.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// The folder to write into (created if needed).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// What to write for each workbook.
    #[arg(long, value_parser = super::what_parser(), default_value = "report")]
    pub what: What,
    /// The format of the outputs.
    #[arg(long, value_parser = super::format_parser(), default_value = "html")]
    pub format: Format,
    /// How many workbooks at once (default: one per core).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub jobs: usize,
    /// The settings file for every workbook (default: scorecard.toml beside each).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// A directory of templates that replace the built-in ones, file by file.
    #[arg(long, value_name = "DIR")]
    pub template: Option<PathBuf>,
    /// Where the last reports' workbooks are: each workbook is compared with
    /// its namesake there (same path under the folder given), when it has one.
    #[arg(long, value_name = "DIR")]
    pub previous_dir: Option<PathBuf>,
}

/// Runs the command, writing the summary to `out`.
pub fn run(args: &Args, ui: Ui, out: &mut dyn Write) -> Result<Outcome, Error> {
    let inputs = jobs::find_inputs_for(&args.inputs, args.what);
    let options = jobs::Options {
        out: args.out.clone(),
        what: args.what,
        format: args.format,
        jobs: args.jobs,
        config: args.config.clone(),
        template: args.template.clone(),
        previous_dir: args.previous_dir.clone(),
    };
    let bar = if ui.verbosity == Verbosity::Quiet || !std::io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        let bar = ProgressBar::new(inputs.len() as u64);
        if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} workbooks {msg}") {
            bar.set_style(style);
        }
        bar
    };
    let outcomes = jobs::run(&inputs, &options, &|o: &jobs::Outcome| {
        bar.set_message(o.input.display().to_string());
        bar.inc(1);
    })?;
    bar.finish_and_clear();

    let write =
        |out: &mut dyn Write, text: String| out.write_all(text.as_bytes()).map_err(Error::Output);
    let failed: Vec<&jobs::Outcome> = outcomes.iter().filter(|o| o.failure.is_some()).collect();
    if ui.verbosity == Verbosity::Verbose {
        for o in &outcomes {
            for w in &o.written {
                write(out, format!("wrote {}\n", w.display()))?;
            }
        }
    }
    write(
        out,
        format!(
            "{} workbook{}: {} done, {} failed\n",
            outcomes.len(),
            if outcomes.len() == 1 { "" } else { "s" },
            outcomes.len() - failed.len(),
            failed.len()
        ),
    )?;
    for o in &failed {
        write(
            out,
            format!(
                "  failed: {}: {}\n",
                o.input.display(),
                o.failure.as_deref().unwrap_or_default()
            ),
        )?;
    }
    Ok(if failed.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Problems
    })
}
