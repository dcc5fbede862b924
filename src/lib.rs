//! scorecard: turns a council's performance-indicator workbook into the committee
//! paper that goes on a meeting agenda.
//!
//! Data flows one way: [`workbook`] reads sheets of cells from any supported file,
//! [`normalise`] turns them into the typed records of [`model`] (with
//! [`diagnostics`] for every problem), [`rules`] decide every rating and
//! judgement, and [`report`] places and words them through one
//! [`Renderer`](report::Renderer) per output format. [`pipeline`] runs the flow
//! for one workbook, [`jobs`] for many. See `ARCHITECTURE.md`.

#![warn(missing_docs)]

pub mod config;
pub mod dates;
pub mod diagnostics;
pub mod error;
pub mod front_matter;
pub mod jobs;
pub mod model;
pub mod normalise;
pub mod numbers;
pub mod output;
pub mod period;
pub mod pipeline;
pub mod report;
pub mod rules;
pub mod schema;
pub mod starter;
pub mod value;
pub mod workbook;

pub use diagnostics::{Diagnostic, Severity};
pub use error::{Error, Result};
pub use normalise::{load, LoadOptions, Loaded};
