//! One module per command, each opening with its usage.

pub mod explain;
pub mod report;
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
