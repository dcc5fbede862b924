//! The command line, as clap types: the one definition that parsing, `--help`,
//! completions and the manual page all come from.

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand};
use scorecard::jobs::What;
use scorecard::report::Format;

/// Turns a council's performance-indicator workbook into the committee paper
/// that goes on a meeting agenda.
#[derive(Debug, Parser)]
#[command(name = "scorecard", version, about, long_about = None)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
    /// Print less: no notes and no progress bar.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print more: the settings file used, each file written.
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

impl Cli {
    /// The verbosity asked for.
    pub fn verbosity(&self) -> crate::commands::Verbosity {
        if self.quiet {
            crate::commands::Verbosity::Quiet
        } else if self.verbose {
            crate::commands::Verbosity::Verbose
        } else {
            crate::commands::Verbosity::Normal
        }
    }
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a workbook and list every problem with its sheet and cell.
    #[command(after_help = crate::commands::validate::EXAMPLES)]
    Validate(crate::commands::validate::Args),
    /// Explain how one indicator's rating was reached.
    #[command(after_help = crate::commands::explain::EXAMPLES)]
    Explain(crate::commands::explain::Args),
    /// Write the reports of many workbooks at once, in parallel.
    #[command(after_help = crate::commands::batch::EXAMPLES)]
    Batch(crate::commands::batch::Args),
    /// Write the report for a workbook.
    #[command(after_help = crate::commands::report::EXAMPLES)]
    Report(crate::commands::report::Args),
    /// Start a new scorecard: an example workbook, scorecard.toml and templates.
    #[command(after_help = crate::commands::init::EXAMPLES)]
    Init(crate::commands::init::Args),
    /// Copy the built-in report templates out for customising.
    #[command(after_help = crate::commands::templates::EXAMPLES)]
    Templates(crate::commands::templates::Args),
    /// Print a shell completion script.
    #[command(after_help = crate::commands::completions::EXAMPLES)]
    Completions(crate::commands::completions::Args),
    /// Print the manual page (roff).
    Manpage,
}

/// A choice among a library type's values, by their names: the library keeps
/// its types free of the command line, and a new value shows up in `--help`
/// and the completions without an edit here.
fn choice<T: Copy + Send + Sync + 'static>(
    all: &'static [T],
    name: fn(T) -> &'static str,
    description: fn(T) -> &'static str,
) -> impl TypedValueParser<Value = T> {
    PossibleValuesParser::new(
        all.iter()
            .map(move |&v| PossibleValue::new(name(v)).help(description(v))),
    )
    .try_map(move |chosen| {
        all.iter()
            .copied()
            .find(|&v| name(v) == chosen)
            .ok_or("not one of the choices")
    })
}

/// `--format md|html|json`.
pub fn format_parser() -> impl TypedValueParser<Value = Format> {
    choice(Format::ALL, Format::name, Format::description)
}

/// `--what report|appendix|both`.
pub fn what_parser() -> impl TypedValueParser<Value = What> {
    choice(What::ALL, What::name, What::description)
}
