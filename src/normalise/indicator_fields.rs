//! The fields of an indicator row that take more than reading a cell: the
//! actual from numerator and denominator, polarity, decimals, yes/no flags,
//! choices from a list, counts and tolerance.

use super::words::{parse_bool, parse_polarity};
use super::{one_line, RowReader};
use crate::diagnostics::Severity;
use crate::model::{Indicator, Polarity, Target, Tolerance, Unit};
use crate::numbers::MAX_DECIMALS;
use crate::value::{parse_text, Parsed};
use rust_decimal::{Decimal, RoundingStrategy};

/// Actual from numerator ÷ denominator when blank; a check when all three are given.
pub(super) fn apply_numerator_denominator(rr: &mut RowReader<'_>, ind: &mut Indicator) {
    let (Some(num), Some(den)) = (ind.numerator, ind.denominator) else {
        return;
    };
    let den_col = rr.table.col("denominator").unwrap_or(0);
    if den.is_zero() {
        rr.at(
            Severity::Error,
            den_col,
            "the denominator is 0, so the actual cannot be worked out from it; correct the \
             denominator",
        );
        return;
    }
    let scale = if ind.unit == Unit::Percent {
        Decimal::ONE_HUNDRED
    } else {
        Decimal::ONE
    };
    let Some(computed) = num.checked_div(den).and_then(|q| q.checked_mul(scale)) else {
        rr.at(
            Severity::Error,
            den_col,
            "the numerator and denominator are too large to divide",
        );
        return;
    };
    let dp = ind.display_decimals();
    let round = |d: Decimal| d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    match ind.actual.value {
        None => {
            if ind.actual.status.is_none() {
                ind.actual.value = Some(computed.round_dp(10).normalize());
            }
        }
        Some(actual) => {
            if round(actual) != round(computed) {
                let col = rr.table.col("actual").unwrap_or(den_col);
                rr.at(
                    Severity::Warning,
                    col,
                    format!(
                        "the actual {} does not agree with numerator {} ÷ denominator {} = {}; \
                         correct whichever is wrong",
                        actual.normalize(),
                        num.normalize(),
                        den.normalize(),
                        round(computed).normalize()
                    ),
                );
            }
        }
    }
}

pub(super) fn is_no_target(s: &str) -> bool {
    matches!(
        s.trim().to_lowercase().as_str(),
        "n/a" | "na" | "-" | "none" | "no target" | "tbc" | "tbd" | "not set" | "n.a."
    )
}

pub(super) fn resolve_polarity(
    rr: &mut RowReader<'_>,
    target: &Option<Target>,
    year_end_target: &Option<Target>,
) -> Polarity {
    let implied = target
        .as_ref()
        .and_then(Target::implied_polarity)
        .or_else(|| year_end_target.as_ref().and_then(Target::implied_polarity));
    let col = rr.table.col("polarity");
    let text = rr.text("polarity");
    let given = match (&text, col) {
        (Some(t), Some(col)) => match parse_polarity(t) {
            Some(p) => Some(p),
            None => {
                rr.at(
                    Severity::Warning,
                    col,
                    format!(
                        "'{t}' is not a polarity this tool knows; use Higher (bigger is better), \
                         Lower (smaller is better), Band or Info"
                    ),
                );
                None
            }
        },
        _ => None,
    };
    match (given, implied) {
        (Some(Polarity::Info), _) => Polarity::Info,
        (Some(g), Some(i)) if g != i => {
            let target_col = rr.table.col("target").or(rr.table.col("year_end_target"));
            rr.at(
                Severity::Warning,
                col.or(target_col).unwrap_or(0),
                format!(
                    "the polarity says {} but the target's form means {} is better; the target's \
                     form is used. Make the two agree",
                    polarity_word(g),
                    polarity_word(i)
                ),
            );
            i
        }
        (Some(g), _) => g,
        (None, Some(i)) => i,
        (None, None) => {
            let has_target = target.is_some() || year_end_target.is_some();
            if has_target && text.is_none() {
                let at = col
                    .or(rr.table.col("target"))
                    .or(rr.table.col("year_end_target"))
                    .unwrap_or(0);
                rr.at(
                    Severity::Warning,
                    at,
                    "the indicator has a target but no polarity, so it cannot be rated; put \
                     Higher, Lower, Band or Info in the Polarity column",
                );
            }
            Polarity::Info
        }
    }
}

fn polarity_word(p: Polarity) -> &'static str {
    match p {
        Polarity::Higher => "higher",
        Polarity::Lower => "lower",
        Polarity::Band => "within the band",
        Polarity::Info => "information only",
    }
}

pub(super) fn read_decimals(rr: &mut RowReader<'_>) -> Option<u32> {
    let (col, p) = rr.parsed("decimals")?;
    match p {
        Parsed::Empty | Parsed::Error(_) => None,
        Parsed::Number(n)
            if n.value.fract().is_zero()
                && (0..=i128::from(MAX_DECIMALS)).contains(&n.value.mantissa()) =>
        {
            u32::try_from(n.value.mantissa()).ok()
        }
        _ => {
            rr.at(
                Severity::Warning,
                col,
                format!(
                    "decimals must be a whole number from 0 to {MAX_DECIMALS}; the figures are \
                     shown with the decimals their cells show"
                ),
            );
            None
        }
    }
}

pub(super) fn read_flag(rr: &mut RowReader<'_>, field: &str) -> bool {
    let Some((col, cell)) = rr.cell(field) else {
        return false;
    };
    let value = match cell {
        crate::workbook::CellValue::Bool(b) => Some(*b),
        crate::workbook::CellValue::Empty => Some(false),
        other => parse_bool(&other.as_text()),
    };
    match value {
        Some(b) => b,
        None => {
            let text = cell.as_text();
            rr.at(
                Severity::Warning,
                col,
                format!("'{text}' is not yes or no, so it is read as no; type Yes or No"),
            );
            false
        }
    }
}

pub(super) fn read_choice<T>(
    rr: &mut RowReader<'_>,
    field: &str,
    parse: fn(&str) -> Option<T>,
    accepted: &str,
) -> Option<T> {
    let text = rr.text(field)?;
    let col = rr.table.col(field)?;
    match parse(&text) {
        Some(v) => Some(v),
        None => {
            rr.at(
                Severity::Warning,
                col,
                format!(
                    "'{text}' is not understood as a {}, so it is ignored; use {accepted}",
                    one_line(rr.table.header(field))
                ),
            );
            None
        }
    }
}

/// A plain number, with the decimals its cell shows.
pub(super) fn read_plain_number(
    rr: &mut RowReader<'_>,
    field: &str,
) -> Option<(Decimal, Option<u32>)> {
    let (col, p) = rr.parsed(field)?;
    match p {
        Parsed::Number(n) if !n.percent => Some((n.value, n.decimals)),
        Parsed::Empty | Parsed::Error(_) => None,
        _ => {
            let text = rr.sheet.get(rr.row, col).as_text();
            rr.at(
                Severity::Warning,
                col,
                format!(
                    "'{text}' is not a count, so the {} is ignored; type a plain number",
                    one_line(rr.table.header(field))
                ),
            );
            None
        }
    }
}

pub(super) fn read_tolerance(rr: &mut RowReader<'_>) -> Option<Tolerance> {
    let (col, cell) = rr.cell("tolerance")?;
    let parsed = match cell {
        crate::workbook::CellValue::Text(t) => {
            let t = t.trim();
            let t = t
                .strip_prefix('\u{b1}')
                .or_else(|| t.strip_prefix("+/-"))
                .unwrap_or(t);
            let (parsed, issue) = parse_text(t);
            if let Some(issue) = issue.filter(|i| i.is_error) {
                rr.at(Severity::Error, col, issue.message);
            }
            parsed
        }
        _ => rr.parsed("tolerance").map(|(_, p)| p)?,
    };
    let tolerance = match parsed {
        Parsed::Empty | Parsed::Error(_) => return None,
        Parsed::Number(n) if n.value >= Decimal::ZERO && n.percent => Tolerance::Relative(n.value),
        Parsed::Number(n) if n.value >= Decimal::ZERO => Tolerance::Absolute(n.value),
        _ => {
            let text = rr.sheet.get(rr.row, col).as_text();
            rr.at(
                Severity::Error,
                col,
                format!(
                    "'{text}' is not a tolerance; write 5% for 5% of the target, or 2 for an \
                     amount in the indicator's unit"
                ),
            );
            return None;
        }
    };
    Some(tolerance)
}
