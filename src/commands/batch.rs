//! `scorecard batch` — every workbook's report at once, in parallel.
//!
//! ```text
//! scorecard batch INPUT... --out DIR [--what report|appendix|both]
//!                 [--format md|html|json|docx] [--jobs N] [--config FILE] [--template DIR]
//!                 [--reference-doc FILE]
//!                 [--previous-dir DIR] [--shard K/N|auto] [--changed-only]
//! ```
//!
//! Inputs are workbooks or folders (searched recursively for spreadsheets and
//! CSV workbooks). Outputs are named after the inputs, below `--out`: a
//! folder's workbooks keep their relative paths, nothing can escape `--out`,
//! and two same-named workbooks never overwrite each other. A progress bar shows
//! on a terminal. One failure does not stop the rest; a summary ends the run,
//! and the exit code is 1 if any workbook failed.
//!
//! `--shard K/N` takes part K of N of the inputs (split by a stable hash of
//! each one's output name), for CI matrix jobs; `--shard auto` reads the
//! part from the CI's variables. Each run leaves a manifest in `--out`
//! (`manifest.json`, or `manifest-K-of-N.json`), which `scorecard index`
//! merges and `--changed-only` reads to skip unchanged workbooks.

use super::{Outcome, Ui, Verbosity};
use indicatif::{ProgressBar, ProgressStyle};
use scorecard::error::Error;
use scorecard::jobs::shard::{Shard, ShardChoice, AUTO_VARIABLES};
use scorecard::jobs::{self, What};
use scorecard::report::Format;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// Examples shown by `scorecard batch --help`.
pub const EXAMPLES: &str = "Examples:
  scorecard batch services/ --out site/ --format html
  scorecard batch q4/*.xlsx --out appendices/ --what appendix --jobs 4
  scorecard batch services/ --out site/ --shard 2/3        part 2 of 3, on one CI runner
  scorecard batch services/ --out site/ --changed-only     only what changed since the last run";

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
    /// How many workbooks at once: by default, one per core of this machine.
    #[arg(long, value_name = "N", default_value_t = cores())]
    pub jobs: usize,
    /// The settings file for every workbook (default: scorecard.toml beside each).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// A directory of templates that replace the built-in ones, file by file
    /// (default: each workbook's `[report] templates`, else templates/ beside
    /// its scorecard.toml).
    #[arg(long, value_name = "DIR")]
    pub template: Option<PathBuf>,
    /// A Word document whose styles and page the Word reports take
    /// (default: each workbook's `[report] reference_doc`).
    #[arg(long, value_name = "FILE")]
    pub reference_doc: Option<PathBuf>,
    /// Where the last reports' workbooks are: each workbook is compared with
    /// its namesake there (same path under the folder given), when it has one.
    #[arg(long, value_name = "DIR")]
    pub previous_dir: Option<PathBuf>,
    /// Take part K of N of the workbooks (for CI matrix jobs), or `auto`:
    /// from SCORECARD_SHARD_INDEX/SCORECARD_SHARD_TOTAL, else GitLab's
    /// CI_NODE_INDEX/CI_NODE_TOTAL.
    #[arg(long, value_name = "K/N|auto", value_parser = parse_shard)]
    pub shard: Option<ShardChoice>,
    /// Skip each workbook whose content and settings are those of the
    /// manifest already in --out, and whose outputs are there.
    #[arg(long)]
    pub changed_only: bool,
}

/// The number of cores, `--jobs`'s default.
fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

fn parse_shard(text: &str) -> Result<ShardChoice, String> {
    if text.trim().eq_ignore_ascii_case("auto") {
        Ok(ShardChoice::Auto)
    } else {
        Shard::parse(text).map(ShardChoice::Given)
    }
}

/// The shard to take, and a line saying where it came from; `--shard auto`
/// with no variables set takes every workbook, and says so.
fn resolve_shard(choice: Option<ShardChoice>) -> Result<(Option<Shard>, Option<String>), Error> {
    match choice {
        None => Ok((None, None)),
        Some(ShardChoice::Given(shard)) => Ok((Some(shard), Some(format!("shard {shard}")))),
        Some(ShardChoice::Auto) => {
            match Shard::from_variables(|name| std::env::var(name).ok())
                .map_err(|message| Error::Usage { message })?
            {
                Some((shard, source)) => {
                    let (index, total, _) = AUTO_VARIABLES
                        .iter()
                        .find(|(_, _, s)| *s == source)
                        .copied()
                        .unwrap_or(("", "", ""));
                    Ok((
                        Some(shard),
                        Some(format!("shard {shard} (from {index} and {total})")),
                    ))
                }
                None => {
                    let pairs: Vec<String> = AUTO_VARIABLES
                        .iter()
                        .map(|(i, t, _)| format!("{i}/{t}"))
                        .collect();
                    Ok((
                        None,
                        Some(format!(
                            "--shard auto: neither {} is set, so every workbook is taken",
                            pairs.join(" nor ")
                        )),
                    ))
                }
            }
        }
    }
}

/// Runs the command, writing the summary to `out`.
pub fn run(args: &Args, ui: Ui, out: &mut dyn Write) -> Result<Outcome, Error> {
    let (shard, shard_line) = resolve_shard(args.shard)?;
    let inputs = jobs::find_inputs_for(&args.inputs, args.what);
    let options = jobs::Options {
        out: args.out.clone(),
        what: args.what,
        format: args.format,
        jobs: args.jobs,
        config: args.config.clone(),
        template: args.template.clone(),
        reference_doc: args.reference_doc.clone(),
        previous_dir: args.previous_dir.clone(),
        shard,
        changed_only: args.changed_only,
    };
    let in_shard = jobs::in_shard(&inputs, shard).len();
    let bar = if ui.verbosity == Verbosity::Quiet || !std::io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        let bar = ProgressBar::new(in_shard as u64);
        if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} workbooks {msg}") {
            bar.set_style(style);
        }
        bar
    };
    let run = jobs::run(&inputs, &options, &|o: &jobs::Outcome| {
        bar.set_message(o.input.display().to_string());
        bar.inc(1);
    })?;
    bar.finish_and_clear();

    let mut text = String::new();
    if let Some(line) = shard_line {
        match shard {
            Some(_) => text.push_str(&format!(
                "{line}: {} of {} workbook{}\n",
                run.outcomes.len(),
                run.found,
                plural(run.found)
            )),
            None => text.push_str(&format!("{line}\n")),
        }
    }
    for w in &run.warnings {
        text.push_str(&format!("warning: {w}\n"));
    }
    let outcomes = &run.outcomes;
    let failed: Vec<&jobs::Outcome> = outcomes.iter().filter(|o| o.failure.is_some()).collect();
    let unchanged = outcomes.iter().filter(|o| o.unchanged).count();
    if ui.verbosity == Verbosity::Verbose {
        for o in outcomes {
            for w in &o.written {
                text.push_str(&format!("wrote {}\n", w.display()));
            }
        }
        text.push_str(&format!("manifest {}\n", run.manifest_path.display()));
    }
    text.push_str(&format!(
        "{} workbook{}: {} done, {} failed",
        outcomes.len(),
        plural(outcomes.len()),
        outcomes.len() - failed.len() - unchanged,
        failed.len()
    ));
    if args.changed_only {
        text.push_str(&format!(", {unchanged} skipped as unchanged"));
    }
    text.push('\n');
    for o in &failed {
        text.push_str(&format!(
            "  failed: {}: {}\n",
            o.input.display(),
            o.failure.as_deref().unwrap_or_default()
        ));
    }
    out.write_all(text.as_bytes()).map_err(Error::Output)?;
    Ok(if failed.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Problems
    })
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
