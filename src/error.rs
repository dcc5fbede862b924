//! Errors that stop a workbook being read at all.
//!
//! Problems *inside* a readable workbook are [`crate::diagnostics::Diagnostic`]s, not
//! errors: they are collected so that an officer sees every one in a single run.

use std::path::PathBuf;

/// A failure to read or write a file as a whole.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The path does not exist or cannot be opened.
    #[error("cannot open {path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The file is not a spreadsheet this tool can read (wrong type, corrupt, encrypted).
    #[error("{path} is not a readable spreadsheet: {reason}")]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// Why, in plain words.
        reason: String,
        /// The reader's own error, when there is one.
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
    /// The workbook is larger than the limits allow (`[limits]` in scorecard.toml).
    #[error("{path} is too large to read: {message}")]
    Limit {
        /// The file.
        path: PathBuf,
        /// Which limit, and how to raise it.
        message: String,
    },
    /// The configuration file is wrong; the message names the key.
    #[error("{path}: {message}")]
    Config {
        /// The file.
        path: PathBuf,
        /// What is wrong, naming the key.
        message: String,
        /// The TOML reader's own error, when there is one.
        #[source]
        source: Option<Box<toml::de::Error>>,
    },
    /// A report template is wrong; the message names the template and the problem.
    #[error("template {template}: {message}")]
    Template {
        /// The template (or the directory of templates).
        template: String,
        /// What is wrong.
        message: String,
        /// The template engine's own error, when there is one.
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
    /// A `--set key=value` cannot be used.
    #[error("--set {key}: {message}")]
    Setting {
        /// The key.
        key: String,
        /// What is wrong.
        message: String,
    },
    /// The command was asked for something it cannot do (exit 2, before any
    /// work).
    #[error("{message}")]
    Usage {
        /// What cannot be done, and what to ask for instead.
        message: String,
    },
    /// Writing a file failed.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The destination.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A batch manifest cannot be used (`scorecard index`, `--changed-only`).
    #[error("{path}: {message}")]
    Manifest {
        /// The manifest.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// Writing the output failed (a closed pipe, a full disk); a write to a
    /// named file is [`Error::Write`].
    #[error("cannot write the output: {0}")]
    Output(#[source] std::io::Error),
}

impl Error {
    /// A failed write of a file, for a reason that is not the operating
    /// system's (the file is the workbook being read, it already exists).
    pub fn write(path: impl Into<PathBuf>, reason: impl Into<String>) -> Error {
        Error::Write {
            path: path.into(),
            source: std::io::Error::other(reason.into()),
        }
    }

    /// A file that cannot be read as a workbook, for a reason in plain words.
    pub fn unreadable(path: impl Into<PathBuf>, reason: impl Into<String>) -> Error {
        Error::Unreadable {
            path: path.into(),
            reason: reason.into(),
            source: None,
        }
    }

    /// Whether the output was a pipe that the reader closed (`| head`): that
    /// ends a command quietly and successfully, as for any Unix filter.
    pub fn is_broken_pipe(&self) -> bool {
        match self {
            Error::Write { source, .. } | Error::Output(source) => {
                source.kind() == std::io::ErrorKind::BrokenPipe
            }
            _ => false,
        }
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
