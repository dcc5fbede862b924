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
    },
    /// A report template is wrong; the message names the template and the problem.
    #[error("template {template}: {message}")]
    Template {
        /// The template (or the directory of templates).
        template: String,
        /// What is wrong.
        message: String,
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
    /// Writing output failed.
    #[error("cannot write {path}: {reason}")]
    Write {
        /// The destination.
        path: PathBuf,
        /// Why.
        reason: String,
    },
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
