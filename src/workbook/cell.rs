//! One cell as read from a file, before any interpretation, and the two
//! conversions every reader and the value parser share: a binary double to the
//! decimal Excel shows, and a date as councils write it.

use chrono::NaiveDate;
use rust_decimal::prelude::*;
use rust_decimal::RoundingStrategy;

/// How a number cell is displayed, as far as the file lets us know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberFormat {
    /// Shown as a plain number (general, fixed, currency, literal `"%"` text…).
    Plain,
    /// Shown as a percentage: the stored 0.551 is displayed as 55.1%.
    Percent,
    /// The file type does not let us see the format (.xls, .xlsb).
    Unknown,
}

/// One cell as read from the file, before any interpretation.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    /// Nothing in the cell.
    Empty,
    /// A number, with how it is displayed.
    Number {
        /// The stored value (Excel's binary double).
        value: f64,
        /// Whether Excel shows it as a percentage.
        format: NumberFormat,
        /// The decimals its number format shows (of the percentage, for a
        /// percent format): `0.00` → 2, `0.0%` → 1. `None` for `General`, and
        /// where the file does not tell (then the decimals as typed count).
        decimals: Option<u8>,
    },
    /// Text, exactly as typed.
    Text(String),
    /// TRUE or FALSE.
    Bool(bool),
    /// A date-formatted cell (any time of day is dropped).
    Date(NaiveDate),
    /// An Excel error value such as `#DIV/0!`.
    Error(String),
}

impl CellValue {
    /// True for an empty cell or one holding only whitespace.
    pub fn is_blank(&self) -> bool {
        match self {
            CellValue::Empty => true,
            CellValue::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, as an officer would see it in Excel: a percent-formatted
    /// 0.551 is `55.1%`, a date is `14 June 2013`.
    pub fn as_text(&self) -> String {
        match self {
            CellValue::Empty => String::new(),
            CellValue::Number { value, format, .. } => match f64_to_decimal(*value) {
                Some(d) if *format == NumberFormat::Percent => {
                    format!("{}%", (d * rust_decimal::Decimal::ONE_HUNDRED).normalize())
                }
                Some(d) => d.to_string(),
                None => String::new(),
            },
            CellValue::Text(s) => s.trim().to_string(),
            CellValue::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            CellValue::Date(d) => format_date(*d),
            CellValue::Error(e) => e.clone(),
        }
    }
}

/// Which epoch plain serial numbers in date columns count from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateSystem {
    /// Serial 1 is 1 January 1900 (Windows Excel's default).
    #[default]
    Excel1900,
    /// Serial 0 is 1 January 1904 (older Mac Excel).
    Excel1904,
}

/// Converts a binary double from a cell into a decimal as Excel shows it:
/// shortest round-trip form, at most 15 significant digits. `None` for NaN,
/// infinities and magnitudes beyond 28 digits.
pub fn f64_to_decimal(v: f64) -> Option<Decimal> {
    if !v.is_finite() {
        return None;
    }
    let text = format!("{v}");
    let d = Decimal::from_str(&text).ok()?;
    let d = if significant_digits(&d) > 15 {
        d.round_sf_with_strategy(15, RoundingStrategy::MidpointAwayFromZero)?
    } else {
        d
    };
    Some(d.normalize())
}

/// The decimals of a double as typed: those of its shortest round-trip form
/// (0.45 → 2, 1264 → 0). `None` for a double that was worked out rather than
/// typed: a fraction with 15 or more significant digits (a formula's
/// 58.441558441558442) says nothing about how the figure is meant to be shown.
pub fn typed_decimals(v: f64) -> Option<u32> {
    if !v.is_finite() {
        return None;
    }
    let d = Decimal::from_str(&format!("{v}")).ok()?.normalize();
    if d.scale() > 0 && significant_digits(&d) >= 15 {
        return None;
    }
    Some(d.scale())
}

fn significant_digits(d: &Decimal) -> u32 {
    let m = d.mantissa().unsigned_abs();
    if m == 0 {
        return 0;
    }
    let mut digits = 0;
    let mut n = m;
    while n > 0 {
        digits += 1;
        n /= 10;
    }
    // Trailing zeros of the mantissa are not significant.
    let mut trailing = 0;
    let mut n = m;
    while n.is_multiple_of(10) {
        trailing += 1;
        n /= 10;
    }
    digits - trailing
}

/// Writes a date as councils do: `22 November 2012`.
pub fn format_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn doubles_become_the_decimal_excel_shows() {
        assert_eq!(f64_to_decimal(0.1).unwrap(), dec("0.1"));
        assert_eq!(f64_to_decimal(0.1 + 0.2).unwrap(), dec("0.3"));
        assert_eq!(f64_to_decimal(55.1).unwrap(), dec("55.1"));
        assert_eq!(f64_to_decimal(1264.0).unwrap(), dec("1264"));
        assert_eq!(f64_to_decimal(-0.551).unwrap(), dec("-0.551"));
        assert_eq!(f64_to_decimal(1e-7).unwrap(), dec("0.0000001"));
        assert_eq!(f64_to_decimal(f64::NAN), None);
        assert_eq!(f64_to_decimal(f64::INFINITY), None);
        assert_eq!(f64_to_decimal(1e300), None);
    }

    #[test]
    fn decimals_as_typed() {
        assert_eq!(typed_decimals(0.45), Some(2));
        assert_eq!(typed_decimals(1.5), Some(1));
        assert_eq!(typed_decimals(1264.0), Some(0));
        assert_eq!(typed_decimals(-0.551), Some(3));
        assert_eq!(typed_decimals(1e-7), Some(7));
        // Worked out, not typed.
        assert_eq!(typed_decimals(45.0 / 77.0 * 100.0), None);
        assert_eq!(typed_decimals(0.1 + 0.2), None);
        assert_eq!(typed_decimals(1.0 / 3.0), None);
        assert_eq!(typed_decimals(f64::NAN), None);
    }
}
