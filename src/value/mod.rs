//! Reading one cell into a typed, decimal value.
//!
//! Every value form of SPEC §1.1 is recognised here: numbers (with the percent
//! format of the cell applied), `55.1%`, `1,264`, `£1.96m`, `110.7k`, `<8.1`,
//! `<= 8.1`, `>95`, `56-61%`, `56–61`, status text (`Due June 2019`, `TBC`),
//! Excel error values, and text that looks like a mistyped number (`55..1`,
//! `5O%`), which is kept as a status with a warning rather than guessed at.
//!
//! All arithmetic is [`Decimal`]. A binary double read from a cell is converted
//! through its shortest round-trip form and then to at most 15 significant
//! digits, which is what Excel itself stores and shows (0.1 stays 0.1).
//!
//! Every figure also carries the decimals its cell shows: those of the cell's
//! number format (`0.00` → 2, `0.0%` → 1), else those typed (0.45 → 2, `55.10%`
//! → 2, `0.5-0.55` → 2, `£1.96m` → 0), at most [`MAX_DECIMALS`].

mod number;
mod range;
mod text_forms;

pub use number::parse_number;
pub use range::MAX_FIGURE;
pub use text_forms::parse_text;

use crate::model::Comparison;
use crate::numbers::MAX_DECIMALS;
use crate::workbook::{f64_to_decimal, typed_decimals, CellValue, NumberFormat};
use range::{too_large, too_small, MAX_FIGURE_F64};
use rust_decimal::prelude::*;

/// The Excel error values, as they appear in a cell.
pub const EXCEL_ERRORS: &[&str] = &[
    "#DIV/0!",
    "#N/A",
    "#NAME?",
    "#NULL!",
    "#NUM!",
    "#REF!",
    "#VALUE!",
    "#SPILL!",
    "#CALC!",
    "#GETTING_DATA",
];

/// A number read from a cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number {
    /// The value as the officer sees it: 55.1 for a cell showing 55.1%.
    pub value: Decimal,
    /// Written with a `%` sign, or a number cell formatted as a percentage.
    pub percent: bool,
    /// Written with a currency sign (`£1.96m`).
    pub currency: bool,
    /// False for a number cell whose display format the file does not tell
    /// (.xls/.xlsb): it may be a fraction shown as a percentage.
    pub format_known: bool,
    /// Text after the number, kept for display: `15.2k out of 26.4k` in
    /// `58% (15.2k out of 26.4k)`.
    pub annotation: Option<String>,
    /// The decimals the cell shows, of the value as read (55.1 for 55.1%);
    /// `None` when nothing says (a General cell holding a formula's result).
    pub decimals: Option<u32>,
}

/// What a cell holds, once read.
#[derive(Debug, Clone, PartialEq)]
pub enum Parsed {
    /// Nothing.
    Empty,
    /// A number.
    Number(Number),
    /// A band such as `56-61%`.
    Band {
        /// The lower bound.
        low: Decimal,
        /// The upper bound.
        high: Decimal,
        /// Written with `%`.
        percent: bool,
        /// The decimals typed, the more of the two bounds' (`0.5-0.55` → 2).
        decimals: Option<u32>,
    },
    /// A bound such as `<8.1`.
    Bound {
        /// The comparison.
        cmp: Comparison,
        /// The bound.
        value: Decimal,
        /// Written with `%`.
        percent: bool,
        /// Text after the bound (`33 Adm's` in `<8.1 (33 Adm's)`).
        annotation: Option<String>,
        /// The decimals typed.
        decimals: Option<u32>,
    },
    /// Text that is not a number: the value counts as missing.
    Status(String),
    /// TRUE or FALSE.
    Bool(bool),
    /// A date cell.
    Date(chrono::NaiveDate),
    /// An Excel error value such as `#DIV/0!`.
    Error(String),
}

impl Parsed {
    /// The decimals a figure's cell shows; `None` for what is not a figure.
    pub fn decimals(&self) -> Option<u32> {
        match self {
            Parsed::Number(n) => n.decimals,
            Parsed::Band { decimals, .. } | Parsed::Bound { decimals, .. } => *decimals,
            _ => None,
        }
    }
}

/// A problem met while reading a value; the caller adds the sheet and cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueIssue {
    /// True for an error, false for a warning.
    pub is_error: bool,
    /// What is wrong and what to do, without the location.
    pub message: String,
}

/// Reads a cell.
pub fn parse_cell(cell: &CellValue) -> (Parsed, Option<ValueIssue>) {
    match cell {
        CellValue::Empty => (Parsed::Empty, None),
        CellValue::Number { value, .. } if value.abs() > MAX_FIGURE_F64 => {
            (Parsed::Empty, Some(too_large(&value.to_string())))
        }
        CellValue::Number {
            value,
            format,
            decimals,
        } => match f64_to_decimal(*value) {
            Some(d) if d.is_zero() && *value != 0.0 => {
                (Parsed::Empty, Some(too_small(&value.to_string())))
            }
            Some(d) => {
                let percent = *format == NumberFormat::Percent;
                // The format's, else as typed: of the percentage for a percent
                // cell (0.551 → 55.1 → 1).
                let decimals = decimals
                    .map(u32::from)
                    .or_else(|| {
                        typed_decimals(*value).map(|t| t.saturating_sub(2 * u32::from(percent)))
                    })
                    .map(|d| d.min(MAX_DECIMALS));
                let value = if percent {
                    (d * Decimal::ONE_HUNDRED).normalize()
                } else {
                    d
                };
                (
                    Parsed::Number(Number {
                        value,
                        percent,
                        currency: false,
                        format_known: *format != NumberFormat::Unknown,
                        annotation: None,
                        decimals,
                    }),
                    None,
                )
            }
            None => (
                Parsed::Empty,
                Some(ValueIssue {
                    is_error: true,
                    message: format!(
                        "the number {value} is too large to use; check the cell's formula"
                    ),
                }),
            ),
        },
        CellValue::Text(s) => parse_text(s),
        CellValue::Bool(b) => (Parsed::Bool(*b), None),
        CellValue::Date(d) => (Parsed::Date(*d), None),
        CellValue::Error(e) => (Parsed::Error(e.clone()), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn dec(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    pub(super) fn num(s: &str) -> Decimal {
        match parse_text(s).0 {
            Parsed::Number(n) => n.value,
            other => panic!("{s:?} parsed as {other:?}"),
        }
    }

    #[test]
    fn percent_formatted_cells_are_multiplied_by_100() {
        let cell = CellValue::Number {
            value: 0.551,
            format: NumberFormat::Percent,
            decimals: None,
        };
        match parse_cell(&cell).0 {
            Parsed::Number(n) => {
                assert_eq!(n.value, dec("55.1"));
                assert_eq!(n.value.to_string(), "55.1");
                assert!(n.percent);
            }
            other => panic!("{other:?}"),
        }
        let cell = CellValue::Number {
            value: 55.1,
            format: NumberFormat::Plain,
            decimals: None,
        };
        match parse_cell(&cell).0 {
            Parsed::Number(n) => {
                assert_eq!(n.value.to_string(), "55.1");
                assert!(!n.percent);
                assert!(n.format_known);
            }
            other => panic!("{other:?}"),
        }
        let cell = CellValue::Number {
            value: 0.075,
            format: NumberFormat::Percent,
            decimals: None,
        };
        match parse_cell(&cell).0 {
            Parsed::Number(n) => assert_eq!(n.value.to_string(), "7.5"),
            other => panic!("{other:?}"),
        }
    }

    fn decimals(value: f64, format: NumberFormat, shown: Option<u8>) -> Option<u32> {
        let cell = CellValue::Number {
            value,
            format,
            decimals: shown,
        };
        parse_cell(&cell).0.decimals()
    }

    #[test]
    fn figures_carry_the_decimals_their_cell_shows() {
        // The number format's, when the file gives one.
        assert_eq!(decimals(1.58, NumberFormat::Plain, Some(2)), Some(2));
        assert_eq!(decimals(1.5, NumberFormat::Plain, Some(2)), Some(2));
        assert_eq!(decimals(0.551, NumberFormat::Percent, Some(1)), Some(1));
        assert_eq!(
            decimals(1.0, NumberFormat::Plain, Some(9)),
            Some(MAX_DECIMALS)
        );
        // Else as typed: of the percentage for a percent cell.
        assert_eq!(decimals(0.45, NumberFormat::Plain, None), Some(2));
        assert_eq!(decimals(0.45, NumberFormat::Unknown, None), Some(2));
        assert_eq!(decimals(0.551, NumberFormat::Percent, None), Some(1));
        assert_eq!(decimals(0.5, NumberFormat::Percent, None), Some(0));
        assert_eq!(decimals(1264.0, NumberFormat::Plain, None), Some(0));
        // A formula's result in a General cell says nothing.
        assert_eq!(decimals(45.0 / 77.0, NumberFormat::Plain, None), None);
        // Text as typed.
        let typed = |s: &str| parse_text(s).0.decimals();
        assert_eq!(typed("55.10%"), Some(2));
        assert_eq!(typed("0.45"), Some(2));
        assert_eq!(typed("1,264"), Some(0));
        assert_eq!(typed("1,264.50"), Some(2));
        assert_eq!(typed("\u{a3}1.96m"), Some(0));
        assert_eq!(typed("110.75k"), Some(0));
        assert_eq!(typed("1.2345k"), Some(1));
        assert_eq!(typed("0.5-0.55"), Some(2));
        assert_eq!(typed("56-61%"), Some(0));
        assert_eq!(typed("<8.10 (33 Adm's)"), Some(2));
        assert_eq!(typed("58% (15.2k out of 26.4k)"), Some(0));
        assert_eq!(typed("0.00000001"), Some(MAX_DECIMALS));
        assert_eq!(typed("Due June 2019"), None);
    }
}
