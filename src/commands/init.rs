//! `scorecard init` — start a new scorecard from a ready-to-edit example.
//!
//! ```text
//! scorecard init [DIR] [--force]
//! ```
//!
//! Writes `scorecard.xlsx` (every sheet filled in), a commented
//! `scorecard.toml`, and the built-in templates under `templates/`, which
//! `report` and `batch` then use for that workbook without `--template`.
//! Refuses to overwrite anything unless `--force`.

use super::{Outcome, Ui, Verbosity};
use scorecard::error::Error;
use std::io::Write;
use std::path::PathBuf;

/// Examples shown by `scorecard init --help`.
pub const EXAMPLES: &str = "Examples:
  scorecard init                 into the current folder
  scorecard init q4-2013         into a new folder
  scorecard report q4-2013/scorecard.xlsx -o q4.html";

/// Options of `scorecard init`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to write into (created if needed).
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
    /// Overwrite files that already exist.
    #[arg(long)]
    pub force: bool,
}

/// Runs the command.
pub fn run(args: &Args, ui: Ui, out: &mut dyn Write) -> Result<Outcome, Error> {
    let files = scorecard::starter::init(&args.dir, args.force)?;
    if ui.verbosity != Verbosity::Quiet {
        let mut text = format!(
            "Wrote {} and {} templates in {} (the report is written through them; edit \
             them there).\nTry: scorecard report {} -o report.html\n",
            files
                .iter()
                .take(2)
                .map(|f| f.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            files.len() - 2,
            args.dir.join(scorecard::config::TEMPLATES).display(),
            args.dir.join(scorecard::starter::WORKBOOK).display()
        );
        if ui.verbosity == Verbosity::Verbose {
            for f in &files {
                text.push_str(&format!("wrote {}\n", f.display()));
            }
        }
        out.write_all(text.as_bytes()).map_err(Error::Output)?;
    }
    Ok(Outcome::Clean)
}
