//! Dates as officers type them: date cells, Excel serial numbers (1900 and 1904
//! systems), `14 June 2013`, `14th June 2013`, `14/06/2013` (day first),
//! `2013-06-14`, and month-only dates such as `March 2013`.

use crate::model::DateOrText;
use crate::period::parse_month_name;
use crate::value::ValueIssue;
use crate::workbook::spreadsheet::serial_to_date;
use crate::workbook::{CellValue, DateSystem};
use chrono::NaiveDate;

pub use crate::workbook::format_date;

/// Writes a date or month as councils do (`22 November 2012`, `March 2013`);
/// text such as `Ongoing` as it is.
pub fn format_date_or_text(d: &DateOrText) -> String {
    match d {
        DateOrText::Date(d) => format_date(*d),
        DateOrText::Month(d) => d.format("%B %Y").to_string(),
        DateOrText::Text(t) => t.clone(),
    }
}

/// Reads a date from typed text. Day-first for numeric forms, as in the UK.
pub fn parse_date_text(s: &str) -> Option<DateOrText> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(DateOrText::Date(d));
    }
    // 14/06/2013, 14-06-2013, 14.06.2013, 14/6/13
    let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
    if parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        let day: u32 = parts[0].parse().ok()?;
        let month: u32 = parts[1].parse().ok()?;
        let year = expand_year(parts[2])?;
        return NaiveDate::from_ymd_opt(year, month, day).map(DateOrText::Date);
    }
    // Words: [weekday] 14[th] June 2013, or June 2013.
    let words: Vec<String> = s
        .replace(',', " ")
        .split_whitespace()
        .map(str::to_string)
        .collect();
    let words: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .filter(|w| !is_weekday(w))
        .collect();
    match words.as_slice() {
        [day, month, year] if parse_month_name(month).is_some() => {
            let day = strip_ordinal(day)?;
            let month = parse_month_name(month)?;
            let year = expand_year(year)?;
            NaiveDate::from_ymd_opt(year, month, day).map(DateOrText::Date)
        }
        [month, day, year] if parse_month_name(month).is_some() => {
            // "June 14 2013" is accepted too; it cannot be confused with day-first.
            let day = strip_ordinal(day)?;
            let year = expand_year(year)?;
            NaiveDate::from_ymd_opt(year, parse_month_name(month)?, day).map(DateOrText::Date)
        }
        [month, year] => {
            let month = parse_month_name(month)?;
            let year = expand_year(year)?;
            NaiveDate::from_ymd_opt(year, month, 1).map(DateOrText::Month)
        }
        _ => None,
    }
}

fn is_weekday(w: &str) -> bool {
    let w = w.to_ascii_lowercase();
    let w = w.trim_end_matches('.');
    w.len() >= 3
        && [
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ]
        .iter()
        .any(|d| d.starts_with(w))
}

fn strip_ordinal(s: &str) -> Option<u32> {
    let lower = s.to_ascii_lowercase();
    let digits = lower
        .strip_suffix("st")
        .or_else(|| lower.strip_suffix("nd"))
        .or_else(|| lower.strip_suffix("rd"))
        .or_else(|| lower.strip_suffix("th"))
        .unwrap_or(&lower);
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

fn expand_year(s: &str) -> Option<i32> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match s.len() {
        4 => s.parse().ok(),
        2 => s.parse::<i32>().ok().map(|y| 2000 + y),
        _ => None,
    }
}

/// Reads a date field from a cell: a date cell, a serial number, or text.
/// Text that is not a date is kept as [`DateOrText::Text`] (`Ongoing`).
pub fn read_date_cell(
    cell: &CellValue,
    system: DateSystem,
) -> (Option<DateOrText>, Option<ValueIssue>) {
    match cell {
        CellValue::Empty => (None, None),
        CellValue::Date(d) => (Some(DateOrText::Date(*d)), None),
        CellValue::Number { value, .. } => {
            let v = *value;
            if v.fract() == 0.0 && (1900.0..=2100.0).contains(&v) {
                // A year typed on its own, not a serial number in 1905.
                return (Some(DateOrText::Text(format!("{v}"))), None);
            }
            match serial_to_date(v, system) {
                Some(d) if v >= 1.0 => (Some(DateOrText::Date(d)), None),
                _ => (
                    None,
                    Some(ValueIssue {
                        is_error: false,
                        message: format!(
                            "{v} is not a date; type a date such as 14/06/2013 or 14 June 2013"
                        ),
                    }),
                ),
            }
        }
        CellValue::Text(s) => {
            let s = s.trim();
            if s.is_empty() {
                return (None, None);
            }
            match parse_date_text(s) {
                Some(d) => (Some(d), None),
                None => {
                    let issue = looks_like_a_bad_date(s).then(|| ValueIssue {
                        is_error: false,
                        message: format!(
                            "'{s}' looks like a date but is not a valid one; type a date such as \
                             14/06/2013 or 14 June 2013"
                        ),
                    });
                    (Some(DateOrText::Text(s.to_string())), issue)
                }
            }
        }
        CellValue::Bool(b) => (
            None,
            Some(ValueIssue {
                is_error: false,
                message: format!("{} is not a date", if *b { "TRUE" } else { "FALSE" }),
            }),
        ),
        CellValue::Error(e) => (
            None,
            Some(ValueIssue {
                is_error: true,
                message: format!(
                    "the cell holds the Excel error {e}, so there is no date; fix the formula or \
                     type the date"
                ),
            }),
        ),
    }
}

/// Text made of digits and separators only (`31/02/2013`, `14/13/2013`).
fn looks_like_a_bad_date(s: &str) -> bool {
    let seps = s.chars().filter(|c| matches!(c, '/' | '-' | '.')).count();
    seps == 2
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '/' | '-' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> DateOrText {
        DateOrText::Date(NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    #[test]
    fn text_dates() {
        assert_eq!(parse_date_text("14 June 2013"), Some(date(2013, 6, 14)));
        assert_eq!(parse_date_text("14th June 2013"), Some(date(2013, 6, 14)));
        assert_eq!(
            parse_date_text("Friday 14 June 2013"),
            Some(date(2013, 6, 14))
        );
        assert_eq!(
            parse_date_text("Friday, 14 June 2013"),
            Some(date(2013, 6, 14))
        );
        assert_eq!(parse_date_text("14 Jun 2013"), Some(date(2013, 6, 14)));
        assert_eq!(parse_date_text("14/06/2013"), Some(date(2013, 6, 14)));
        assert_eq!(parse_date_text("14/6/13"), Some(date(2013, 6, 14)));
        assert_eq!(parse_date_text("14-06-2013"), Some(date(2013, 6, 14)));
        assert_eq!(parse_date_text("2013-06-14"), Some(date(2013, 6, 14)));
        assert_eq!(parse_date_text("1/2/2013"), Some(date(2013, 2, 1)));
        assert_eq!(
            parse_date_text("March 2013"),
            Some(DateOrText::Month(
                NaiveDate::from_ymd_opt(2013, 3, 1).unwrap()
            ))
        );
        assert_eq!(parse_date_text("31/02/2013"), None);
        assert_eq!(parse_date_text("Ongoing"), None);
        assert_eq!(parse_date_text("March 2014/15"), None);
    }

    #[test]
    fn cells() {
        let (d, issue) = read_date_cell(
            &CellValue::Number {
                value: 41439.0,
                format: crate::workbook::NumberFormat::Plain,
                decimals: None,
            },
            DateSystem::Excel1900,
        );
        assert_eq!(d, Some(date(2013, 6, 14)));
        assert!(issue.is_none());
        let (d, _) = read_date_cell(
            &CellValue::Number {
                value: 39977.0,
                format: crate::workbook::NumberFormat::Plain,
                decimals: None,
            },
            DateSystem::Excel1904,
        );
        assert_eq!(d, Some(date(2013, 6, 14)));
        let (d, issue) = read_date_cell(&CellValue::Text("Ongoing".into()), DateSystem::Excel1900);
        assert_eq!(d, Some(DateOrText::Text("Ongoing".into())));
        assert!(issue.is_none());
        let (_, issue) =
            read_date_cell(&CellValue::Text("31/02/2013".into()), DateSystem::Excel1900);
        assert!(issue.is_some());
        let (d, issue) = read_date_cell(&CellValue::Error("#REF!".into()), DateSystem::Excel1900);
        assert_eq!(d, None);
        assert!(issue.unwrap().is_error);
    }
}
