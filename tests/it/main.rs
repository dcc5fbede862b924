//! The integration tests, as one binary with a module per area (the layout
//! ripgrep uses): one link step and one process instead of one per file.
//!
//! Run one area with its module path, e.g. `cargo test --test it reading_`;
//! fixtures stay beside this folder, in `tests/golden/` and `tests/data/`.

mod util;

mod batch;
mod ci_examples;
mod cli;
mod commands;
mod corpus;
mod documents;
mod examples;
mod figures_as_shown;
mod format_doubt;
mod mutation;
mod paper;
mod properties;
mod reading_cells;
mod reading_files;
mod reading_headers;
mod reading_sheets;
mod report;
mod report_security;
mod rules;
mod rules_properties;
mod since;
mod standing;
mod truth;
