//! The keys printed with the scorecard: what each RAG rating means under the
//! policy in force, and what each column holds.

use crate::model::Tolerance;
use crate::rules::rating::{is_zero, RatedScorecard};
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

/// The RAG key for the policy, default tolerance and basis in force, true to
/// their numbers: with a tolerance of 0 and no indicator's own, there is no
/// Amber under the tolerance policy, and no line speaks of a tolerance of 0.
pub fn rag_key(rated: &RatedScorecard) -> Vec<KeyLine> {
    let settings = &rated.settings;
    let (policy, tolerance, basis) = (settings.policy, settings.default_tolerance, settings.basis);
    let zero = is_zero(tolerance);
    let own = rated.own_tolerances();
    let tol = match tolerance {
        Tolerance::Relative(p) => format!("{}% of the target", p.normalize()),
        Tolerance::Absolute(a) => format!("{} in the indicator's unit", a.normalize()),
    };
    // What "within the tolerance" means here, in words.
    let within = match (zero, own) {
        (false, false) => format!("the tolerance of {tol}"),
        (false, true) => {
            format!("the tolerance of {tol} (or the indicator's own tolerance, where it sets one)")
        }
        (true, _) => "the indicator's own tolerance (the default tolerance is 0)".to_string(),
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
        Policy::Tolerance if rated.rules_give_amber() => {
            lines.push(line("Green", format!("On target: {what}."), "green"));
            lines.push(line(
                "Amber",
                format!("Off target, but within {within}."),
                "amber",
            ));
            lines.push(line(
                "Red",
                format!("Off target by more than {within}."),
                "red",
            ));
        }
        Policy::Tolerance => {
            lines.push(line("Green", format!("On target: {what}."), "green"));
            lines.push(line(
                "Red",
                "Off target. The tolerance is 0, so there is no Amber.".to_string(),
                "red",
            ));
        }
        Policy::ToleranceAndTrend => {
            let green = if zero && !own {
                format!("On target: {what}.")
            } else {
                format!("On target, or off target by no more than {within}.")
            };
            let beyond = if zero && !own {
                "Off target"
            } else {
                "Off target by more than the tolerance"
            };
            lines.push(line("Green", green, "green"));
            lines.push(line(
                "Amber",
                format!("{beyond}, but improved or held against last year."),
                "amber",
            ));
            lines.push(line(
                "Red",
                format!("{beyond}, and worse than last year (or no figure for last year)."),
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
        "For information only, no data yet, no target, or not due this period.".to_string(),
        "not-rated",
    ));
    lines.push(KeyLine {
        term: "Judgement".to_string(),
        meaning: "The rating marked \u{2020} is the council's judgement; its reason and the \
                  rules' rating are printed beside it."
            .to_string(),
        class: None,
    });
    lines
}

/// The key to the scorecard table's columns.
pub fn column_key(amber_possible: bool, columns: &super::ColumnsView) -> Vec<KeyLine> {
    let line = |term: &str, meaning: &str| KeyLine {
        term: term.to_string(),
        meaning: meaning.to_string(),
        class: None,
    };
    let mut lines = vec![line(
        "Value",
        "Performance this period (or year to date for cumulative indicators).",
    )];
    if columns.last_year {
        lines.push(line(
            "Last year",
            "Last year's figure: the same period last year where the long-term direction was judged against it, and the whole year's outturn (with its year) where the workbook gives it.",
        ));
    }
    lines.push(line("Target", "The target for this period; for cumulative indicators without one, the year-end target profiled to the months elapsed."));
    if columns.year_end {
        lines.push(line("Year end", "The target for the end of the year."));
    }
    lines.push(line(
        "RAG",
        if amber_possible {
            "Red, Amber or Green rating (see the RAG key)."
        } else {
            "Red or Green rating (see the RAG key)."
        },
    ));
    if columns.short_term {
        lines.push(line("Short term", "Direction of travel against the previous period: \u{2191} improving, \u{2193} worsening, \u{2194} no change."));
    }
    if columns.long_term {
        lines.push(line("Long term", "Direction of travel against the same period last year; for an indicator that does not accumulate over the year and has no such figure, against last year's whole-year figure."));
    }
    if columns.quartile {
        lines.push(line(
            "Quartile",
            "Position among comparable councils: Top, Second, Third or Bottom quartile.",
        ));
    }
    if columns.trend {
        lines.push(line(
            "Trend",
            "The figure over the periods in the History sheet and this one, the latest marked.",
        ));
    }
    lines
}
