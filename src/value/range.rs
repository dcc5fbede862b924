//! The range of figures read: refusing a figure too large to be a performance
//! figure, or too small to hold exactly, rather than misreading it.

use super::{Parsed, ValueIssue};
use rust_decimal::prelude::*;

/// The largest figure read, in magnitude: Excel holds no more than 15
/// significant digits, and a bound this far inside the decimal type's range
/// keeps every difference, percentage and tolerance of the rules exact.
pub const MAX_FIGURE: Decimal = Decimal::from_parts(0xA4C6_8000, 0x38D7E, 0, false, 0);

pub(super) const MAX_FIGURE_F64: f64 = 1e15;

pub(super) fn too_large(raw: &str) -> ValueIssue {
    ValueIssue {
        is_error: true,
        message: format!(
            "the figure {raw} is larger than any performance figure (more than \
             1,000,000,000,000,000 either way), so it counts as missing; check the cell"
        ),
    }
}

pub(super) fn too_small(raw: &str) -> ValueIssue {
    ValueIssue {
        is_error: true,
        message: format!(
            "the figure {raw} is too small to hold exactly (it is nearer zero than 28 decimal \
             places), so it counts as missing rather than as 0; check the cell"
        ),
    }
}

/// Refuses figures beyond [`MAX_FIGURE`], and figures that are not zero as
/// written but would read as zero.
pub(super) fn within_range(
    parsed: Parsed,
    issue: Option<ValueIssue>,
    raw: &str,
) -> (Parsed, Option<ValueIssue>) {
    let figures: [Decimal; 2] = match &parsed {
        Parsed::Number(n) => [n.value; 2],
        Parsed::Band { low, high, .. } => [*low, *high],
        Parsed::Bound { value, .. } => [*value; 2],
        _ => return (parsed, issue),
    };
    if figures.iter().any(|v| v.abs() > MAX_FIGURE) {
        return (Parsed::Empty, Some(too_large(raw)));
    }
    let written_nonzero = raw
        .split_whitespace()
        .next()
        .is_some_and(|first| first.chars().any(|c| ('1'..='9').contains(&c)));
    if written_nonzero
        && figures.iter().any(Decimal::is_zero)
        && !matches!(parsed, Parsed::Band { .. })
    {
        return (Parsed::Empty, Some(too_small(raw)));
    }
    (parsed, issue)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::tests::{dec, num};
    use crate::value::{parse_cell, parse_text};
    use crate::workbook::{CellValue, NumberFormat};

    #[test]
    fn figures_beyond_the_range_are_refused_not_misread() {
        assert_eq!(MAX_FIGURE, Decimal::from(1_000_000_000_000_000i64));
        for text in [
            "70000000000000000000000000000",
            "-7000000000000000",
            "99999999999999999999999999999%",
            "<2000000000000000",
            "1,000,000,000,000,001",
        ] {
            let (parsed, issue) = parse_text(text);
            assert_eq!(parsed, Parsed::Empty, "{text}");
            let issue = issue.unwrap();
            assert!(
                issue.is_error && issue.message.contains("larger than any"),
                "{text}"
            );
        }
        let (parsed, issue) = parse_text("0.000000000000000000000000000001");
        assert_eq!(parsed, Parsed::Empty);
        assert!(issue.unwrap().message.contains("too small to hold exactly"));
        let tiny = CellValue::Number {
            value: 1e-30,
            format: NumberFormat::Plain,
            decimals: None,
        };
        assert!(parse_cell(&tiny).1.unwrap().message.contains("too small"));
        let huge = CellValue::Number {
            value: 7e28,
            format: NumberFormat::Percent,
            decimals: None,
        };
        assert!(parse_cell(&huge)
            .1
            .unwrap()
            .message
            .contains("larger than any"));
        // Zero written as zero, small but holdable figures, and the largest
        // figure itself are read.
        assert_eq!(num("0"), Decimal::ZERO);
        assert_eq!(num("0 (1 late)"), Decimal::ZERO);
        assert_eq!(num("0.000001"), dec("0.000001"));
        assert_eq!(num("1,000,000,000,000,000"), MAX_FIGURE);
        assert!(matches!(parse_text("0-5%").0, Parsed::Band { .. }));
    }

    #[test]
    fn huge_text_numbers_do_not_panic() {
        let (parsed, issue) = parse_text("99999999999999999999999999999999999999");
        assert_eq!(parsed, Parsed::Empty);
        assert!(issue.is_some_and(|i| i.is_error));
        let (parsed, _) = parse_text("9999999999999999999999999999bn");
        assert!(!matches!(parsed, Parsed::Number(_)));
    }
}
