//! One module per command, each opening with its usage.

pub mod batch;
pub mod completions;
pub mod explain;
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
