//! One module per command, each opening with its usage.

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use scorecard::jobs::What;
use scorecard::report::Format;

pub mod batch;
pub mod compare;
pub mod explain;
pub mod index;
pub mod init;
pub mod report;
pub mod templates;
pub mod validate;

/// How a command ended, as a process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    /// Everything is fine (exit 0).
    Clean = 0,
    /// Problems were found in a workbook (exit 1).
    Problems = 1,
    /// A file could not be read, or the command was misused (exit 2).
    Unreadable = 2,
}

/// How much a command prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verbosity {
    /// Only what matters (`-q`): no notes, no progress.
    Quiet,
    /// The usual.
    Normal,
    /// More detail (`-v`): which settings file was used, each file written.
    Verbose,
}

/// How the user wants output: how much, and whether in colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ui {
    /// How much to print.
    pub verbosity: Verbosity,
    /// Colour on standard output (a terminal, and `NO_COLOR` unset).
    pub color: bool,
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
