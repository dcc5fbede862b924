//! `scorecard explain` — how one indicator's rating was reached, in plain words.
//!
//! ```text
//! scorecard explain WORKBOOK REF [--config FILE]
//! ```
//!
//! Prints the target used and why, the shortfall, the tolerance and where it came
//! from, the policy, the computed and reported rating (with any override and its
//! reason), and the direction of travel. Officers are asked "why is this amber?"
//! in committee. Exits 2 when the workbook cannot be read or has no such ref.

use super::Outcome;
use scorecard::pipeline::prepare;
use scorecard::report::reasoning::explain;
use std::io::Write;
use std::path::PathBuf;

/// Examples shown by `scorecard explain --help`.
pub const EXAMPLES: &str = "Examples:
  scorecard explain q4.xlsx \"1C (NI130)\"
  scorecard explain q4.xlsx ASCOF2A --config strict.toml";

/// Options of `scorecard explain`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The workbook.
    #[arg(value_name = "WORKBOOK")]
    pub workbook: PathBuf,
    /// The indicator's ref (case and spacing are ignored).
    #[arg(value_name = "REF")]
    pub reference: String,
    /// The settings file (default: scorecard.toml beside the workbook).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// Runs the command.
pub fn run(args: &Args, out: &mut dyn Write) -> scorecard::Result<Outcome> {
    let prepared = prepare(&args.workbook, args.config.as_deref())?;
    let rated = &prepared.rated;
    let key = scorecard::schema::normalise_name(&args.reference);
    let found = rated
        .scorecard
        .indicators
        .iter()
        .find(|ri| scorecard::schema::normalise_name(&ri.indicator.reference) == key);
    let Some(found) = found else {
        let refs: Vec<String> = rated
            .scorecard
            .indicators
            .iter()
            .map(|ri| ri.indicator.reference.clone())
            .collect();
        // A few refs are all listed; among many, the closest are offered.
        const FEW: usize = 12;
        let listed = if refs.is_empty() {
            "it has no indicators".to_string()
        } else if refs.len() <= FEW {
            format!("its refs are {}", scorecard::normalise::quote_list(&refs))
        } else {
            let near: Vec<String> = scorecard::schema::closest(&args.reference, &refs, 5)
                .into_iter()
                .cloned()
                .collect();
            if near.is_empty() {
                format!(
                    "none of its {} refs is close; `scorecard report '{}' --format json` lists \
                     them",
                    refs.len(),
                    args.workbook.display().to_string().replace('\'', "'\\''")
                )
            } else {
                format!(
                    "the closest of its {} refs: {}",
                    refs.len(),
                    scorecard::normalise::quote_list(&near)
                )
            }
        };
        return Err(scorecard::Error::Usage {
            message: format!(
                "{} has no indicator with the ref '{}'; {listed}",
                args.workbook.display(),
                args.reference,
            ),
        });
    };
    // The settings file is named as the tolerance's source only when it
    // sets one.
    let config = prepared
        .config_path
        .as_ref()
        .filter(|_| prepared.config.rag.tolerance.is_some())
        .map(|p| p.display().to_string());
    let text = explain(
        &found.indicator,
        &found.rating,
        &rated.settings,
        rated.scorecard.period.as_ref(),
        config.as_deref(),
    );
    out.write_all(text.as_bytes())
        .map_err(scorecard::Error::Output)?;
    Ok(Outcome::Clean)
}
