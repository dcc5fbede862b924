//! `scorecard templates` — copy the built-in templates out for customising.
//!
//! ```text
//! scorecard templates DIR [--force]
//! ```
//!
//! Edit any of the files and pass the folder to `report --template DIR`; files
//! you delete fall back to the built-in ones.

use super::{Outcome, Ui, Verbosity};
use scorecard::error::Error;
use std::io::Write;
use std::path::PathBuf;

/// Examples shown by `scorecard templates --help`.
pub const EXAMPLES: &str = "Examples:
  scorecard templates my-templates
  scorecard report q4.xlsx -o q4.html --template my-templates";

/// Options of `scorecard templates`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to copy the templates into (created if needed).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Overwrite files that already exist.
    #[arg(long)]
    pub force: bool,
}

/// Runs the command.
pub fn run(args: &Args, ui: Ui, out: &mut dyn Write) -> Result<Outcome, Error> {
    let files = scorecard::starter::write_templates(&args.dir, args.force)?;
    if ui.verbosity != Verbosity::Quiet {
        let text = format!(
            "Wrote {} templates in {}.\n",
            files.len(),
            args.dir.display()
        );
        out.write_all(text.as_bytes()).map_err(Error::Output)?;
    }
    Ok(Outcome::Clean)
}
