//! The keys printed with the scorecard: what each RAG rating means under the
//! policy in force, and what each column holds.

use crate::model::Tolerance;
use crate::rules::{Basis, Policy};
use serde::Serialize;

/// A line of a key.
#[derive(Debug, Clone, Serialize)]
pub struct KeyLine {
    /// The term.
    pub term: String,
    /// What it means.
    pub meaning: String,
    /// A class for colour, for RAG lines.
    pub class: Option<&'static str>,
}

/// The RAG key for the policy, default tolerance and basis in force.
pub fn rag_key(policy: Policy, tolerance: Tolerance, basis: Basis) -> Vec<KeyLine> {
    let tol = match tolerance {
        Tolerance::Relative(p) => format!("{}% of the target", p.normalize()),
        Tolerance::Absolute(a) => format!("{} in the indicator's unit", a.normalize()),
    };
    let what = if basis == Basis::Forecast {
        "forecast to meet its year-end target"
    } else {
        "the target is met"
    };
    let line = |term: &str, meaning: String, class| KeyLine {
        term: term.to_string(),
        meaning,
        class: Some(class),
    };
    let mut lines = Vec::new();
    match policy {
        Policy::Tolerance => {
            lines.push(line("Green", format!("On target: {what}."), "green"));
            lines.push(line(
                "Amber",
                format!("Off target, but within the tolerance of {tol} (unless the indicator sets its own)."),
                "amber",
            ));
            lines.push(line(
                "Red",
                format!("Off target by more than the tolerance of {tol}."),
                "red",
            ));
        }
        Policy::ToleranceAndTrend => {
            lines.push(line(
                "Green",
                format!("On target, or off target by no more than {tol} (unless the indicator sets its own tolerance)."),
                "green",
            ));
            lines.push(line(
                "Amber",
                "Off target by more than the tolerance, but improved or held against the same period last year.".to_string(),
                "amber",
            ));
            lines.push(line(
                "Red",
                "Off target by more than the tolerance, and worse than the same period last year (or no figure for last year).".to_string(),
                "red",
            ));
        }
        Policy::MetOrMissed => {
            lines.push(line("Green", format!("Met: {what}."), "green"));
            lines.push(line("Red", "Missed.".to_string(), "red"));
        }
    }
    lines.push(line(
        "Not rated",
        "For information only, no data yet, or no target.".to_string(),
        "not-rated",
    ));
    lines.push(KeyLine {
        term: "Judgement".to_string(),
        meaning: "The rating marked \u{2020} is the council's judgement; the rules' rating is given in the data (JSON).".to_string(),
        class: None,
    });
    lines
}

/// The key to the scorecard table's columns.
pub fn column_key() -> Vec<KeyLine> {
    let line = |term: &str, meaning: &str| KeyLine {
        term: term.to_string(),
        meaning: meaning.to_string(),
        class: None,
    };
    vec![
        line("Value", "Performance this period (or year to date for cumulative indicators)."),
        line("Target", "The target for this period; for cumulative indicators without one, the year-end target profiled to the months elapsed."),
        line("Year end", "The target for the end of the year."),
        line("RAG", "Red, Amber or Green rating (see the RAG key)."),
        line("Short term", "Direction of travel against the previous period: \u{2191} improving, \u{2193} worsening, \u{2194} no change."),
        line("Long term", "Direction of travel against the same period last year."),
        line("Quartile", "Position among comparable councils: Top, Second, Third or Bottom quartile."),
    ]
}
