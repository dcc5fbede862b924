//! Reporting periods: `2012/13 Q4`, `Q4 2012/13`, `2018/19 M8`, `Nov 2018`,
//! `2011/12 Sep`, `Apr-Nov 2018`, `2012/13`.
//!
//! The financial year starts in April unless configured otherwise. From a period
//! the tool derives its long label ("quarter 4 2012/13 (January 2013 – March
//! 2013)") and the months elapsed in the year, used to profile targets.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// The kind of a reporting period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "number", rename_all = "lowercase")]
pub enum PeriodKind {
    /// A quarter of the financial year, 1–4.
    Quarter(u32),
    /// A month, numbered within the financial year, 1–12.
    Month(u32),
    /// Months 1 to N of the financial year (`Apr-Nov 2018`).
    YearToDate(u32),
    /// The whole financial year.
    Year,
}

/// A parsed reporting period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportingPeriod {
    /// The short label (`2012/13 Q4`).
    pub label: String,
    /// The long label (`quarter 4 2012/13 (January 2013 – March 2013)`).
    pub long_label: String,
    /// Months of the financial year up to the end of the period (Q4 → 12).
    pub months_elapsed: u32,
    /// The calendar year in which the financial year starts (2012 for 2012/13).
    pub financial_year: i32,
    /// The financial year's label (`2012/13`).
    pub financial_year_label: String,
    /// What kind of period it is.
    pub kind: PeriodKind,
    /// The first day of the period.
    pub start: NaiveDate,
    /// The last day of the period.
    pub end: NaiveDate,
}

impl ReportingPeriod {
    /// Whether the period ends the financial year (Q4, March, the whole
    /// year): targets are then year-end targets, met or missed.
    pub fn is_year_end(&self) -> bool {
        self.months_elapsed == 12
    }
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The English name of a calendar month, 1–12.
pub fn month_name(month: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES[((month + 11) % 12) as usize]
}

/// The calendar month (1–12) of a month name or its abbreviation (`Sep`, `Sept`).
pub fn parse_month_name(s: &str) -> Option<u32> {
    let s = s.trim().trim_end_matches('.').to_ascii_lowercase();
    if s.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&s) || (s == "sept" && *m == "september"))
        .map(|i| i as u32 + 1)
}

/// The label of the financial year starting in `year`: `2012/13`, or `2012` when
/// the year starts in January.
pub fn financial_year_label(year: i32, year_start_month: u32) -> String {
    if year_start_month == 1 {
        year.to_string()
    } else {
        format!("{}/{:02}", year, (year + 1).rem_euclid(100))
    }
}

/// Calendar (year, month) of the `n`th month (1-based) of the financial year.
fn fy_month(fy: i32, year_start_month: u32, n: u32) -> (i32, u32) {
    let zero_based = year_start_month - 1 + (n - 1);
    (fy + (zero_based / 12) as i32, zero_based % 12 + 1)
}

fn last_day(year: i32, month: u32) -> Option<NaiveDate> {
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
}

/// Parses `2012/13`, `2012-13` or `2012/2013` into the starting year.
fn parse_fy_token(t: &str) -> Option<i32> {
    let (a, b) = t.split_once(['/', '-'])?;
    if a.len() != 4 || !a.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let start: i32 = a.parse().ok()?;
    let end_ok = match b.len() {
        2 => b.parse::<i32>().ok()? == (start + 1).rem_euclid(100),
        4 => b.parse::<i32>().ok()? == start + 1,
        _ => false,
    };
    end_ok.then_some(start)
}

fn parse_year_token(t: &str) -> Option<i32> {
    let t = t.trim_start_matches('\'');
    match t.len() {
        4 if t.bytes().all(|c| c.is_ascii_digit()) => t.parse().ok(),
        _ => None,
    }
}

fn numbered(t: &str, prefixes: &[&str]) -> Option<u32> {
    prefixes
        .iter()
        .find_map(|p| t.strip_prefix(p))
        .filter(|rest| !rest.is_empty() && rest.bytes().all(|c| c.is_ascii_digit()))
        .and_then(|rest| rest.parse().ok())
}

/// Parses a reporting period. `year_start_month` is the calendar month in which
/// the financial year starts (4 for April).
pub fn parse_period(text: &str, year_start_month: u32) -> Result<ReportingPeriod, String> {
    let hint = "write it like 2012/13 Q4, Q4 2012/13, 2018/19 M8, Nov 2018, 2011/12 Sep, \
                Apr-Nov 2018 or 2012/13";
    if !(1..=12).contains(&year_start_month) {
        return Err(format!(
            "the year start month {year_start_month} is not 1-12"
        ));
    }
    let lowered = text
        .trim()
        .to_lowercase()
        .replace(['\u{2013}', '\u{2014}'], "-")
        .replace(" - ", "-")
        .replace(',', " ");
    // Join "quarter 4" and "month 8" into one token.
    let raw: Vec<&str> = lowered.split_whitespace().collect();
    let mut tokens: Vec<String> = Vec::new();
    let mut i = 0;
    while i < raw.len() {
        let t = raw[i];
        if (t == "quarter" || t == "qtr" || t == "month") && i + 1 < raw.len() {
            let prefix = if t == "month" { "m" } else { "q" };
            tokens.push(format!("{prefix}{}", raw[i + 1]));
            i += 2;
        } else {
            tokens.push(t.to_string());
            i += 1;
        }
    }
    if tokens.is_empty() {
        return Err(format!("the period is blank; {hint}"));
    }

    let mut fy: Option<i32> = None;
    let mut year: Option<i32> = None;
    let mut quarter: Option<u32> = None;
    let mut month_no: Option<u32> = None;
    let mut months: Vec<u32> = Vec::new();
    for t in &tokens {
        if let Some(y) = parse_fy_token(t) {
            fy = Some(y);
        } else if let Some(y) = parse_year_token(t) {
            year = Some(y);
        } else if let Some(q) = numbered(t, &["q"]) {
            quarter = Some(q);
        } else if let Some(m) = numbered(t, &["m", "p"]) {
            month_no = Some(m);
        } else if let Some(m) = parse_month_name(t) {
            months.push(m);
        } else if let Some((a, b)) = t.split_once('-') {
            match (parse_month_name(a), parse_month_name(b)) {
                (Some(a), Some(b)) => months.extend([a, b]),
                _ => {
                    return Err(format!(
                        "'{text}' is not a period this tool understands; {hint}"
                    ))
                }
            }
        } else {
            return Err(format!(
                "'{text}' is not a period this tool understands; {hint}"
            ));
        }
    }

    // The position (1-12) within the financial year of a calendar month.
    let position = |m: u32| (m + 12 - year_start_month) % 12 + 1;

    let (fy, kind) = match (fy, year, quarter, month_no, months.as_slice()) {
        (Some(fy), None, Some(q), None, []) => {
            if !(1..=4).contains(&q) {
                return Err(format!("'{text}': a quarter is 1 to 4"));
            }
            (fy, PeriodKind::Quarter(q))
        }
        (Some(fy), None, None, Some(m), []) => {
            if !(1..=12).contains(&m) {
                return Err(format!("'{text}': a month number is 1 to 12"));
            }
            (fy, PeriodKind::Month(m))
        }
        (Some(fy), None, None, None, [m]) => (fy, PeriodKind::Month(position(*m))),
        (Some(fy), None, None, None, []) => (fy, PeriodKind::Year),
        (None, Some(y), None, None, [m]) => {
            let fy = if *m >= year_start_month { y } else { y - 1 };
            (fy, PeriodKind::Month(position(*m)))
        }
        (fy_opt, year_opt, None, None, [from, to]) if fy_opt.is_some() != year_opt.is_some() => {
            if position(*from) != 1 {
                return Err(format!(
                    "'{text}': a run of months must start with the first month of the financial \
                     year ({})",
                    month_name(year_start_month)
                ));
            }
            // The year written after a run of months is the year of its last month.
            let from_year = year_opt.map(|y| if *to >= year_start_month { y } else { y - 1 });
            let Some(fy) = fy_opt.or(from_year) else {
                return Err(format!("'{text}' needs a year; {hint}"));
            };
            (fy, PeriodKind::YearToDate(position(*to)))
        }
        _ => {
            return Err(format!(
                "'{text}' is not a period this tool understands; {hint}"
            ))
        }
    };
    build(fy, kind, year_start_month)
        .ok_or_else(|| format!("'{text}' is outside the calendar this tool can handle"))
}

/// Builds a period from its financial year and kind.
pub fn build(fy: i32, kind: PeriodKind, year_start_month: u32) -> Option<ReportingPeriod> {
    let fy_label = financial_year_label(fy, year_start_month);
    let (first, last) = match kind {
        PeriodKind::Quarter(q) => ((q - 1) * 3 + 1, q * 3),
        PeriodKind::Month(m) => (m, m),
        PeriodKind::YearToDate(m) => (1, m),
        PeriodKind::Year => (1, 12),
    };
    let (sy, sm) = fy_month(fy, year_start_month, first);
    let (ey, em) = fy_month(fy, year_start_month, last);
    let start = NaiveDate::from_ymd_opt(sy, sm, 1)?;
    let end = last_day(ey, em)?;
    let span = format!(
        "{} {} \u{2013} {} {}",
        month_name(sm),
        sy,
        month_name(em),
        ey
    );
    let (label, long_label) = match kind {
        PeriodKind::Quarter(q) => (
            format!("{fy_label} Q{q}"),
            format!("quarter {q} {fy_label} ({span})"),
        ),
        PeriodKind::Month(m) => (
            format!("{} {}", &month_name(em)[..3], ey),
            format!("{} {} (month {m} of {fy_label})", month_name(em), ey),
        ),
        PeriodKind::YearToDate(_) => (
            format!("{}-{} {}", &month_name(sm)[..3], &month_name(em)[..3], ey),
            format!("{span} ({fy_label})"),
        ),
        PeriodKind::Year => (fy_label.clone(), format!("{fy_label} ({span})")),
    };
    debug_assert_eq!(end.month(), em);
    Some(ReportingPeriod {
        label,
        long_label,
        months_elapsed: last,
        financial_year: fy,
        financial_year_label: fy_label,
        kind,
        start,
        end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> ReportingPeriod {
        parse_period(s, 4).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn quarters() {
        for s in [
            "2012/13 Q4",
            "Q4 2012/13",
            "q4 2012-13",
            "Quarter 4 2012/2013",
        ] {
            let period = p(s);
            assert_eq!(period.label, "2012/13 Q4", "{s}");
            assert_eq!(
                period.long_label,
                "quarter 4 2012/13 (January 2013 \u{2013} March 2013)"
            );
            assert_eq!(period.months_elapsed, 12);
            assert_eq!(period.start, NaiveDate::from_ymd_opt(2013, 1, 1).unwrap());
            assert_eq!(period.end, NaiveDate::from_ymd_opt(2013, 3, 31).unwrap());
        }
        let q3 = p("2012/13 Q3");
        assert_eq!(q3.months_elapsed, 9);
        assert_eq!(
            q3.long_label,
            "quarter 3 2012/13 (October 2012 \u{2013} December 2012)"
        );
    }

    #[test]
    fn months() {
        let m8 = p("2018/19 M8");
        assert_eq!(m8.months_elapsed, 8);
        assert_eq!(m8.label, "Nov 2018");
        assert_eq!(m8.long_label, "November 2018 (month 8 of 2018/19)");
        assert_eq!(p("Nov 2018"), m8);
        assert_eq!(p("November 2018"), m8);
        let sep = p("2011/12 Sep");
        assert_eq!(sep.months_elapsed, 6);
        assert_eq!(sep.label, "Sep 2011");
        assert_eq!(sep.financial_year_label, "2011/12");
        let feb = p("Feb 2013");
        assert_eq!(feb.financial_year, 2012);
        assert_eq!(feb.months_elapsed, 11);
        assert_eq!(p("2012/13 Feb"), feb);
        assert_eq!(p("Oct 2011").months_elapsed, 7);
    }

    #[test]
    fn year_to_date_and_years() {
        let ytd = p("Apr-Nov 2018");
        assert_eq!(ytd.months_elapsed, 8);
        assert_eq!(ytd.kind, PeriodKind::YearToDate(8));
        assert_eq!(
            ytd.long_label,
            "April 2018 \u{2013} November 2018 (2018/19)"
        );
        assert_eq!(p("April \u{2013} November 2018"), ytd);
        assert_eq!(p("Apr-Feb 2019").months_elapsed, 11);
        let year = p("2012/13");
        assert_eq!(year.months_elapsed, 12);
        assert_eq!(year.long_label, "2012/13 (April 2012 \u{2013} March 2013)");
    }

    #[test]
    fn other_year_starts() {
        let cal = parse_period("Q1 2019/20", 1);
        assert!(cal.is_ok());
        let sept_start = parse_period("Oct 2019", 9).unwrap();
        assert_eq!(sept_start.months_elapsed, 2);
        assert_eq!(sept_start.financial_year_label, "2019/20");
        let jan = parse_period("Mar 2019", 1).unwrap();
        assert_eq!(jan.months_elapsed, 3);
        assert_eq!(jan.financial_year_label, "2019");
    }

    #[test]
    fn rejects_nonsense_with_advice() {
        for s in [
            "",
            "Q5 2012/13",
            "2012/14 Q1",
            "M13 2018/19",
            "soon",
            "Q4",
            "May-Nov 2018",
        ] {
            let e = parse_period(s, 4).unwrap_err();
            assert!(!e.is_empty(), "{s}");
        }
        assert!(parse_period("soon", 4).unwrap_err().contains("2012/13 Q4"));
    }
}
