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

use crate::model::Comparison;
use crate::workbook::{f64_to_decimal, CellValue, NumberFormat};
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
}

impl Number {
    fn plain(value: Decimal) -> Self {
        Number {
            value,
            percent: false,
            currency: false,
            format_known: true,
            annotation: None,
        }
    }
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
        CellValue::Number { value, format } => match f64_to_decimal(*value) {
            Some(d) if d.is_zero() && *value != 0.0 => {
                (Parsed::Empty, Some(too_small(&value.to_string())))
            }
            Some(d) => {
                let percent = *format == NumberFormat::Percent;
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

/// The largest figure read, in magnitude: Excel holds no more than 15
/// significant digits, and a bound this far inside the decimal type's range
/// keeps every difference, percentage and tolerance of the rules exact.
pub const MAX_FIGURE: Decimal = Decimal::from_parts(0xA4C6_8000, 0x38D7E, 0, false, 0);

const MAX_FIGURE_F64: f64 = 1e15;

fn too_large(raw: &str) -> ValueIssue {
    ValueIssue {
        is_error: true,
        message: format!(
            "the figure {raw} is larger than any performance figure (more than \
             1,000,000,000,000,000 either way), so it counts as missing; check the cell"
        ),
    }
}

fn too_small(raw: &str) -> ValueIssue {
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
fn within_range(
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

/// Reads text typed into a cell (or a CSV field).
pub fn parse_text(raw: &str) -> (Parsed, Option<ValueIssue>) {
    let (parsed, issue) = parse_text_unchecked(raw);
    within_range(parsed, issue, raw.trim())
}

fn parse_text_unchecked(raw: &str) -> (Parsed, Option<ValueIssue>) {
    let s = raw.trim();
    if s.is_empty() {
        return (Parsed::Empty, None);
    }
    if let Some(e) = EXCEL_ERRORS.iter().find(|e| s.eq_ignore_ascii_case(e)) {
        return (Parsed::Error((*e).to_string()), None);
    }
    let normalised = normalise(s);
    let (main, annotation) = split_annotation(&normalised);

    if let Some(parsed) = parse_bound(main, annotation.clone()) {
        return (parsed, None);
    }
    if let Some(parsed) = parse_band(main) {
        let issue = annotation.map(|a| trailing_text_issue(s, &a));
        return (parsed, issue);
    }
    if let Some(mut n) = parse_number(main) {
        n.annotation = annotation;
        return (Parsed::Number(n), None);
    }
    // A number followed by words: `110.7k Apr-Nov '18`.
    if let Some((head, tail)) = main.split_once(' ') {
        if let Some(mut n) = parse_number(head) {
            let tail = tail.trim().to_string();
            let issue = trailing_text_issue(s, &tail);
            n.annotation = Some(match annotation {
                Some(a) => format!("{tail} ({a})"),
                None => tail,
            });
            return (Parsed::Number(n), Some(issue));
        }
    }
    if is_overlong_number(main) {
        return (Parsed::Empty, Some(too_large(s)));
    }
    if looks_like_mistyped_number(s) {
        return (
            Parsed::Status(s.to_string()),
            Some(ValueIssue {
                is_error: false,
                message: format!(
                    "'{s}' looks like a mistyped number, so it is treated as text and the value \
                     counts as missing; type the figure alone, such as 55.1 or 55.1%"
                ),
            }),
        );
    }
    (Parsed::Status(s.to_string()), None)
}

fn trailing_text_issue(cell: &str, tail: &str) -> ValueIssue {
    ValueIssue {
        is_error: false,
        message: format!(
            "'{cell}' was read as a number followed by the note '{tail}'; check the figure, or \
             move the note to the Note column"
        ),
    }
}

/// Unifies minus signs, dashes, comparison signs and spacing.
fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{2212}' => out.push('-'),
            '\u{2013}' | '\u{2014}' => out.push('\u{2013}'),
            '\u{2264}' => out.push_str("<="),
            '\u{2265}' => out.push_str(">="),
            '\u{a0}' | '\t' | '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    // Collapse runs of spaces.
    let mut collapsed = String::with_capacity(out.len());
    let mut last_space = false;
    for c in out.chars() {
        if c == ' ' {
            if !last_space {
                collapsed.push(c);
            }
            last_space = true;
        } else {
            collapsed.push(c);
            last_space = false;
        }
    }
    collapsed.trim().to_string()
}

/// Splits `58% (15.2k out of 26.4k)` into `58%` and `15.2k out of 26.4k`.
fn split_annotation(s: &str) -> (&str, Option<String>) {
    match s.find('(') {
        Some(i) if i > 0 && s.ends_with(')') => {
            let inner = s[i + 1..s.len() - 1].trim();
            (
                s[..i].trim(),
                (!inner.is_empty()).then(|| inner.to_string()),
            )
        }
        _ => (s, None),
    }
}

fn parse_bound(s: &str, annotation: Option<String>) -> Option<Parsed> {
    let (cmp, rest) = if let Some(r) = s.strip_prefix("<=") {
        (Comparison::Le, r)
    } else if let Some(r) = s.strip_prefix(">=") {
        (Comparison::Ge, r)
    } else if let Some(r) = s.strip_prefix('<') {
        (Comparison::Lt, r)
    } else if let Some(r) = s.strip_prefix('>') {
        (Comparison::Gt, r)
    } else {
        return None;
    };
    let rest = rest.trim();
    let (n, annotation) = match parse_number(rest) {
        Some(n) => (n, annotation),
        None => {
            let (head, tail) = rest.split_once(' ')?;
            let n = parse_number(head)?;
            let tail = tail.trim().to_string();
            let a = match annotation {
                Some(a) => format!("{tail} ({a})"),
                None => tail,
            };
            (n, Some(a))
        }
    };
    Some(Parsed::Bound {
        cmp,
        value: n.value,
        percent: n.percent,
        annotation,
    })
}

fn parse_band(s: &str) -> Option<Parsed> {
    let separators = ["\u{2013}", " to ", "-"];
    for sep in separators {
        // Skip a leading minus sign when looking for the separator.
        let search_from = usize::from(s.starts_with('-'));
        if let Some(i) = s[search_from..].find(sep).map(|i| i + search_from) {
            if i == 0 {
                continue;
            }
            let left = s[..i].trim();
            let right = s[i + sep.len()..].trim();
            let (Some(lo), Some(hi)) = (parse_number(left), parse_number(right)) else {
                continue;
            };
            if lo.value > hi.value {
                return None;
            }
            return Some(Parsed::Band {
                low: lo.value,
                high: hi.value,
                percent: lo.percent || hi.percent,
            });
        }
    }
    None
}

/// Parses a single number: optional sign, currency sign, thousands separators,
/// decimal point, `k`/`m`/`bn` multiplier and `%`.
pub fn parse_number(s: &str) -> Option<Number> {
    let mut s = s.trim();
    let mut negative = false;
    if let Some(r) = s.strip_prefix('-') {
        negative = true;
        s = r.trim_start();
    } else if let Some(r) = s.strip_prefix('+') {
        s = r.trim_start();
    }
    let mut currency = false;
    for sign in ['\u{a3}', '$', '\u{20ac}'] {
        if let Some(r) = s.strip_prefix(sign) {
            currency = true;
            s = r.trim_start();
            break;
        }
    }
    if !negative {
        if let Some(r) = s.strip_prefix('-') {
            negative = true;
            s = r;
        }
    }
    let mut percent = false;
    if let Some(r) = s.strip_suffix('%') {
        percent = true;
        s = r.trim_end();
    }
    let lower = s.to_ascii_lowercase();
    let (digits, multiplier) = if let Some(r) = lower.strip_suffix("bn") {
        (r, Decimal::from(1_000_000_000u32))
    } else if let Some(r) = lower.strip_suffix('k') {
        (r, Decimal::from(1_000u32))
    } else if let Some(r) = lower.strip_suffix('m') {
        (r, Decimal::from(1_000_000u32))
    } else {
        (lower.as_str(), Decimal::ONE)
    };
    if percent && multiplier != Decimal::ONE {
        return None;
    }
    let digits = digits.trim_end();
    let plain = strip_thousands(digits)?;
    let value = Decimal::from_str(&plain).ok()?;
    let value = value.checked_mul(multiplier)?;
    let value = if negative { -value } else { value };
    Some(Number {
        value: value.normalize(),
        percent,
        currency,
        ..Number::plain(Decimal::ZERO)
    })
}

/// Removes thousands separators, checking that they group digits in threes.
/// Returns the bare digits and decimal point, or `None` if malformed.
fn strip_thousands(s: &str) -> Option<String> {
    if s.is_empty() {
        return None;
    }
    let (int_part, frac_part) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    if let Some(f) = frac_part {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    if int_part.is_empty() {
        frac_part?;
    } else if int_part.contains(',') {
        let groups: Vec<&str> = int_part.split(',').collect();
        let first = groups[0];
        if first.is_empty() || first.len() > 3 || !first.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if !groups[1..]
            .iter()
            .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
        {
            return None;
        }
    } else if !int_part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut out: String = int_part.chars().filter(|c| *c != ',').collect();
    if out.is_empty() {
        out.push('0');
    }
    if let Some(f) = frac_part {
        out.push('.');
        out.push_str(f);
    }
    Some(out)
}

/// Text with digits and at most two letters that did not parse: `55..1`, `5O%`.
/// A number written with more digits than the decimal type holds (which
/// therefore did not parse): `99999999999999999999999999999%`.
fn is_overlong_number(s: &str) -> bool {
    let body: String = s
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '%' | '-' | '+' | '\u{a3}' | '$' | '\u{20ac}'))
        .collect();
    let digits = body.chars().filter(char::is_ascii_digit).count();
    digits > 15
        && body.chars().filter(|c| *c == '.').count() <= 1
        && body.chars().all(|c| c.is_ascii_digit() || c == '.')
}

fn looks_like_mistyped_number(s: &str) -> bool {
    let has_digit = s.chars().any(|c| c.is_ascii_digit());
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    has_digit && letters <= 2 && s.chars().count() <= 20
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    fn num(s: &str) -> Decimal {
        match parse_text(s).0 {
            Parsed::Number(n) => n.value,
            other => panic!("{s:?} parsed as {other:?}"),
        }
    }

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
        };
        assert!(parse_cell(&tiny).1.unwrap().message.contains("too small"));
        let huge = CellValue::Number {
            value: 7e28,
            format: NumberFormat::Percent,
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
    fn percent_formatted_cells_are_multiplied_by_100() {
        let cell = CellValue::Number {
            value: 0.551,
            format: NumberFormat::Percent,
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
        };
        match parse_cell(&cell).0 {
            Parsed::Number(n) => assert_eq!(n.value.to_string(), "7.5"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn text_numbers() {
        assert_eq!(num("55.1%"), dec("55.1"));
        assert_eq!(num("55.1 %"), dec("55.1"));
        assert_eq!(num("1,264"), dec("1264"));
        assert_eq!(num("1,264,000.5"), dec("1264000.5"));
        assert_eq!(num("\u{a3}1.96m"), dec("1960000"));
        assert_eq!(num("110.7k"), dec("110700"));
        assert_eq!(num("1.5m"), dec("1500000"));
        assert_eq!(num("1.5M"), dec("1500000"));
        assert_eq!(num("\u{a3}2bn"), dec("2000000000"));
        assert_eq!(num("-5"), dec("-5"));
        assert_eq!(num("\u{2212}5.5"), dec("-5.5"));
        assert_eq!(num("-\u{a3}5"), dec("-5"));
        assert_eq!(num("\u{a3}-5"), dec("-5"));
        assert_eq!(num(".5"), dec("0.5"));
        assert_eq!(num("  42 "), dec("42"));
        match parse_text("\u{a3}1.96m").0 {
            Parsed::Number(n) => assert!(n.currency && !n.percent),
            other => panic!("{other:?}"),
        }
        match parse_text("55.1%").0 {
            Parsed::Number(n) => assert!(n.percent),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn annotations_are_kept() {
        match parse_text("58% (15.2k out of 26.4k)") {
            (Parsed::Number(n), None) => {
                assert_eq!(n.value, dec("58"));
                assert_eq!(n.annotation.as_deref(), Some("15.2k out of 26.4k"));
            }
            other => panic!("{other:?}"),
        }
        match parse_text("110.7k Apr-Nov '18") {
            (Parsed::Number(n), Some(issue)) => {
                assert_eq!(n.value, dec("110700"));
                assert_eq!(n.annotation.as_deref(), Some("Apr-Nov '18"));
                assert!(!issue.is_error);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn bounds() {
        let bound = |s: &str| match parse_text(s).0 {
            Parsed::Bound {
                cmp,
                value,
                annotation,
                ..
            } => (cmp, value, annotation),
            other => panic!("{s:?} parsed as {other:?}"),
        };
        assert_eq!(bound("<8.1"), (Comparison::Lt, dec("8.1"), None));
        assert_eq!(bound("<= 8.1"), (Comparison::Le, dec("8.1"), None));
        assert_eq!(bound("\u{2264}8.1"), (Comparison::Le, dec("8.1"), None));
        assert_eq!(bound(">95"), (Comparison::Gt, dec("95"), None));
        assert_eq!(bound(">= 95%"), (Comparison::Ge, dec("95"), None));
        assert_eq!(bound("<624.1"), (Comparison::Lt, dec("624.1"), None));
        assert_eq!(
            bound("<8.1 (33 Adm's)"),
            (Comparison::Lt, dec("8.1"), Some("33 Adm's".to_string()))
        );
    }

    #[test]
    fn bands() {
        let band = |s: &str| match parse_text(s).0 {
            Parsed::Band { low, high, percent } => (low, high, percent),
            other => panic!("{s:?} parsed as {other:?}"),
        };
        assert_eq!(band("56-61%"), (dec("56"), dec("61"), true));
        assert_eq!(band("56\u{2013}61"), (dec("56"), dec("61"), false));
        assert_eq!(band("56% - 61%"), (dec("56"), dec("61"), true));
        assert_eq!(band("56 to 61"), (dec("56"), dec("61"), false));
        assert_eq!(band("-5-5"), (dec("-5"), dec("5"), false));
        // A reversed band is not a band.
        assert!(matches!(parse_text("61-56").0, Parsed::Status(_)));
    }

    #[test]
    fn statuses_and_errors() {
        for s in [
            "Due June 2019",
            "TBC",
            "n/a",
            "-",
            "N/A",
            "For information only",
        ] {
            let (parsed, issue) = parse_text(s);
            assert_eq!(parsed, Parsed::Status(s.to_string()), "{s}");
            assert_eq!(issue, None, "{s}");
        }
        assert_eq!(parse_text("#DIV/0!").0, Parsed::Error("#DIV/0!".into()));
        assert_eq!(parse_text("#n/a").0, Parsed::Error("#N/A".into()));
        assert_eq!(parse_text("").0, Parsed::Empty);
        assert_eq!(parse_text("   ").0, Parsed::Empty);
    }

    #[test]
    fn mistyped_numbers_warn() {
        for s in ["55..1", "5O%", "1,2", "12,34", "5.5.5", "1..", "55.1%%"] {
            let (parsed, issue) = parse_text(s);
            assert_eq!(parsed, Parsed::Status(s.to_string()), "{s}");
            let issue = issue.unwrap_or_else(|| panic!("{s} should warn"));
            assert!(!issue.is_error);
            assert!(issue.message.contains("mistyped"), "{}", issue.message);
        }
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
