//! Headers naming a period (SPEC §1.1): `Q3 2020/21 Value`, `2018/19 Target`,
//! `Nov 2018 actual`, `17/18`, `2017-18 outturn`. The period part of such a
//! header is compared with the reporting period, and the rest of it says which
//! figure the column holds: the same period's value is the actual, the same
//! period a year earlier is last year's, the whole previous financial year is
//! last year's outturn, and so on ([`place`]).

use crate::period::{parse_month_name, parse_period, PeriodKind, ReportingPeriod};
use crate::schema::{normalise_name, INDICATORS};

/// A header split into the period it names and what the rest of it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PeriodHeader {
    /// The period the header names.
    pub period: ReportingPeriod,
    /// What the rest of the header names.
    pub rest: Rest,
}

/// The words of a header beside its period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Rest {
    /// Nothing, or a word for the figure itself (`Value`, `Actual`, `Outturn`).
    Value,
    /// Another column's header (`Target`, `Forecast`, `Commentary`).
    Field(&'static str),
    /// Words this tool does not know.
    Unknown(String),
}

/// Where a header naming a period goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Placement {
    /// Into a field; `why` says how its period relates to the reporting period.
    Field {
        /// The field.
        field: &'static str,
        /// In words, e.g. "the same period a year earlier".
        why: String,
    },
    /// Nowhere; the reason, in words.
    Unplaced(String),
}

/// Columns that may hold this period's figure under a header naming the period.
const SAME_PERIOD_FIELDS: &[&str] = &[
    "actual",
    "ytd",
    "target",
    "year_end_target",
    "forecast",
    "numerator",
    "denominator",
    "benchmark",
    "quartile",
    "rag_override",
    "rag_reason",
    "commentary",
    "note",
];

/// Words beside a period that mean the figure itself, beyond the actual's own headers.
const VALUE_WORDS: &[&str] = &[
    "actuals", "outturns", "result", "results", "figure", "data", "position", "perf",
];

/// Characters trimmed from the ends of a token before it is read as part of a period.
const TRIM: &[char] = &['(', ')', '[', ']', ':', ',', ';', '.', '\'', '"'];

/// Reads a header as a period and the rest, or `None` when it names no period.
/// A period needs a year: `Q3 2020/21`, `2018/19`, `19/20`, `Nov 2018`,
/// `FY2019/20`; `Q3` alone is not enough.
pub(crate) fn parse_header(header: &str, year_start_month: u32) -> Option<PeriodHeader> {
    let lowered = header.to_lowercase().replace(['\u{2013}', '\u{2014}'], "-");
    let raw: Vec<&str> = lowered.split_whitespace().collect();
    let mut period: Vec<String> = Vec::new();
    let mut rest: Vec<&str> = Vec::new();
    let mut has_year = false;
    let mut i = 0;
    while i < raw.len() {
        let token = raw[i].trim_matches(TRIM);
        let next = raw.get(i + 1).map(|t| t.trim_matches(TRIM));
        if matches!(token, "quarter" | "qtr" | "month")
            && next.is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        {
            let prefix = if token == "month" { "m" } else { "q" };
            period.push(format!("{prefix}{}", next.unwrap_or_default()));
            i += 2;
            continue;
        }
        match period_token(token) {
            Some((text, year)) => {
                has_year |= year;
                period.push(text);
            }
            // A dash between two months (`Apr - Nov 2018`) belongs to the period.
            None if token.is_empty() || token == "-" => {}
            None => rest.push(raw[i]),
        }
        i += 1;
    }
    if !has_year {
        return None;
    }
    let period = parse_period(&period.join(" "), year_start_month).ok()?;
    Some(PeriodHeader {
        period,
        rest: rest_of(&rest.join(" ")),
    })
}

/// A token that belongs to a period, as `parse_period` reads it, and whether
/// it carries a year.
fn period_token(token: &str) -> Option<(String, bool)> {
    let token = token.strip_prefix("fy").unwrap_or(token);
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if digits(token, 4) {
        return Some((token.to_string(), true));
    }
    if let Some((a, b)) = token.split_once(['/', '-']) {
        if digits(a, 4) && (digits(b, 2) || digits(b, 4)) {
            return Some((token.to_string(), true));
        }
        // `19/20`, `17-18`: a financial year written short, taken to be this century's.
        if digits(a, 2) && digits(b, 2) {
            let start: i32 = a.parse().ok()?;
            let end: i32 = b.parse().ok()?;
            return ((start + 1) % 100 == end).then(|| (format!("{}/{b}", 2000 + start), true));
        }
        if parse_month_name(a).is_some() && parse_month_name(b).is_some() {
            return Some((token.to_string(), false));
        }
        return None;
    }
    let numbered = |prefixes: &[char]| {
        token
            .strip_prefix(prefixes)
            .is_some_and(|n| !n.is_empty() && n.len() <= 2 && n.bytes().all(|b| b.is_ascii_digit()))
    };
    if numbered(&['q', 'm', 'p']) || parse_month_name(token).is_some() {
        return Some((token.to_string(), false));
    }
    None
}

fn rest_of(words: &str) -> Rest {
    let n = normalise_name(words);
    if n.is_empty() || VALUE_WORDS.contains(&n.as_str()) {
        return Rest::Value;
    }
    match INDICATORS.field_for_header(words) {
        Some("actual") => Rest::Value,
        Some(field) => Rest::Field(field),
        None => Rest::Unknown(words.split_whitespace().collect::<Vec<_>>().join(" ")),
    }
}

/// The period just before one of the same kind: Q3 → Q2, Q1 → last year's Q4,
/// Nov → Oct, a year → the year before.
fn period_before(fy: i32, kind: PeriodKind) -> Option<(i32, PeriodKind)> {
    match kind {
        PeriodKind::Quarter(1) => Some((fy - 1, PeriodKind::Quarter(4))),
        PeriodKind::Quarter(q) => Some((fy, PeriodKind::Quarter(q - 1))),
        PeriodKind::Month(1) => Some((fy - 1, PeriodKind::Month(12))),
        PeriodKind::Month(m) => Some((fy, PeriodKind::Month(m - 1))),
        PeriodKind::YearToDate(1) => None,
        PeriodKind::YearToDate(m) => Some((fy, PeriodKind::YearToDate(m - 1))),
        PeriodKind::Year => Some((fy - 1, PeriodKind::Year)),
    }
}

/// Places a header naming a period against the reporting period: the same
/// period → actual (or target, forecast, … when the rest says so); the same
/// period a year earlier → last_year; the period before → previous; the whole
/// previous financial year → last_year_outturn; the whole current financial
/// year's target → year_end_target (its forecast → forecast, its YTD → ytd);
/// a later year's target → future_target. Anything else is not placed.
pub(crate) fn place(header: &PeriodHeader, reporting: &ReportingPeriod) -> Placement {
    let h = (header.period.financial_year, header.period.kind);
    let (fy, kind) = (reporting.financial_year, reporting.kind);
    let figure: &'static str = match header.rest {
        Rest::Value => "actual",
        Rest::Field(field) => field,
        Rest::Unknown(ref words) => {
            return Placement::Unplaced(format!(
                "'{words}' beside the period is not a column this tool knows"
            ))
        }
    };
    let this = &reporting.label;
    let placed = |field: &'static str, why: String| Placement::Field { field, why };
    let not_read = |what: &str| {
        Placement::Unplaced(format!(
            "it names {what}, and this tool reads no {} for it",
            INDICATORS.header_of(figure)
        ))
    };
    // A benchmark is of whatever period it was published for (`National
    // average (2009/10)`); its label keeps the period.
    if figure == "benchmark" {
        return placed(
            "benchmark",
            format!("a benchmark of {}", header.period.label),
        );
    }
    if h == (fy, kind) {
        return if SAME_PERIOD_FIELDS.contains(&figure) {
            placed(figure, format!("the reporting period ({this})"))
        } else {
            not_read(&format!("the reporting period ({this})"))
        };
    }
    let is_value = figure == "actual";
    if h == (fy - 1, kind) {
        let what = "the same period a year earlier".to_string();
        return if is_value {
            placed("last_year", what)
        } else {
            not_read(&what)
        };
    }
    if h == (fy - 1, PeriodKind::Year) {
        let what = "the whole of the previous financial year".to_string();
        return if is_value {
            placed("last_year_outturn", what)
        } else {
            not_read(&what)
        };
    }
    if Some(h) == period_before(fy, kind) {
        let what = "the period before the reporting period".to_string();
        return if is_value {
            placed("previous", what)
        } else {
            not_read(&what)
        };
    }
    if h == (fy, PeriodKind::Year) {
        let what = "the whole of this financial year".to_string();
        return match figure {
            "target" | "year_end_target" => placed("year_end_target", what),
            "forecast" => placed("forecast", what),
            "ytd" => placed("ytd", what),
            _ => not_read(&what),
        };
    }
    if h.0 > fy && matches!(figure, "target" | "year_end_target" | "future_target") {
        return placed("future_target", "a later year".to_string());
    }
    Placement::Unplaced(format!(
        "its period ({}) is not the reporting period ({this}), the period before it, the same \
         period a year earlier, or a whole financial year this tool reads",
        header.period.label
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reporting(s: &str) -> ReportingPeriod {
        parse_period(s, 4).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    /// The field a header goes to when reporting `period`, or None.
    fn field(header: &str, period: &str) -> Option<&'static str> {
        let parsed = parse_header(header, 4)?;
        match place(&parsed, &reporting(period)) {
            Placement::Field { field, .. } => Some(field),
            Placement::Unplaced(_) => None,
        }
    }

    #[test]
    fn headers_without_a_year_name_no_period() {
        for header in [
            "Actual",
            "Q3",
            "Quarter 3 value",
            "Performance indicator",
            "Ref",
            "Score",
            "17/19",
            "March",
            "",
        ] {
            assert_eq!(parse_header(header, 4), None, "{header}");
        }
    }

    #[test]
    fn the_period_and_the_rest_are_read_apart() {
        let h = parse_header("Q3 2020/21 Value", 4).unwrap();
        assert_eq!(h.period.label, "2020/21 Q3");
        assert_eq!(h.rest, Rest::Value);
        let h = parse_header("2018/19 Target", 4).unwrap();
        assert_eq!(h.period.kind, PeriodKind::Year);
        assert_eq!(h.rest, Rest::Field("target"));
        let h = parse_header("Nov 2018 actual", 4).unwrap();
        assert_eq!(h.period.label, "Nov 2018");
        assert_eq!(h.rest, Rest::Value);
        let h = parse_header("17/18", 4).unwrap();
        assert_eq!(h.period.financial_year_label, "2017/18");
        assert_eq!(h.rest, Rest::Value);
        let h = parse_header("2017-18 outturn", 4).unwrap();
        assert_eq!(h.period.financial_year, 2017);
        assert_eq!(h.rest, Rest::Value);
        let h = parse_header("Quarter 2 (2020/21)\nPerformance", 4).unwrap();
        assert_eq!(h.period.label, "2020/21 Q2");
        assert_eq!(h.rest, Rest::Value);
        let h = parse_header("Apr - Nov 2018 YTD", 4).unwrap();
        assert_eq!(h.period.kind, PeriodKind::YearToDate(8));
        assert_eq!(h.rest, Rest::Field("ytd"));
        let h = parse_header("FY2019/20", 4).unwrap();
        assert_eq!(h.period.financial_year, 2019);
        let h = parse_header("2019/20 spend", 4).unwrap();
        assert_eq!(h.rest, Rest::Unknown("spend".into()));
    }

    #[test]
    fn placed_against_a_quarter() {
        let q3 = "2020/21 Q3";
        assert_eq!(field("Q3 2020/21 Value", q3), Some("actual"));
        assert_eq!(field("Q3 2020/21", q3), Some("actual"));
        assert_eq!(field("Quarter 3 2020-21 Outturn", q3), Some("actual"));
        assert_eq!(field("Q3 2020/21 Target", q3), Some("target"));
        assert_eq!(field("Q3 2020/21 Forecast", q3), Some("forecast"));
        assert_eq!(field("Q3 2020/21 Commentary", q3), Some("commentary"));
        assert_eq!(field("Q3 2019/20 Value", q3), Some("last_year"));
        assert_eq!(field("Q2 2020/21 Value", q3), Some("previous"));
        assert_eq!(field("2019/20", q3), Some("last_year_outturn"));
        assert_eq!(field("19/20", q3), Some("last_year_outturn"));
        assert_eq!(field("2019-20 outturn", q3), Some("last_year_outturn"));
        assert_eq!(field("2020/21 Target", q3), Some("year_end_target"));
        assert_eq!(
            field("2020/21 Year end target", q3),
            Some("year_end_target")
        );
        assert_eq!(field("2020/21 Forecast", q3), Some("forecast"));
        assert_eq!(field("2021/22 Target", q3), Some("future_target"));
        assert_eq!(field("2023/24 Target", q3), Some("future_target"));
    }

    #[test]
    fn what_cannot_be_placed_is_not() {
        let q3 = "2020/21 Q3";
        // Last year's target, an older year, a later quarter, this year's value.
        for header in [
            "Q3 2019/20 Target",
            "2019/20 Target",
            "2015/16",
            "Q1 2020/21 Value",
            "Q4 2020/21 Value",
            "2020/21",
            "2021/22 Value",
            "Q3 2020/21 Last year",
            "2019/20 spend",
            "Nov 2020 actual",
        ] {
            assert_eq!(field(header, q3), None, "{header}");
        }
        let parsed = parse_header("2015/16", 4).unwrap();
        let Placement::Unplaced(reason) = place(&parsed, &reporting(q3)) else {
            panic!("2015/16 placed");
        };
        assert!(
            reason.contains("2015/16") && reason.contains("2020/21 Q3"),
            "{reason}"
        );
    }

    #[test]
    fn placed_against_a_month_a_first_quarter_and_a_year() {
        let nov = "Nov 2018";
        assert_eq!(field("Nov 2018 actual", nov), Some("actual"));
        assert_eq!(field("Oct 2018", nov), Some("previous"));
        assert_eq!(field("Nov 2017 actual", nov), Some("last_year"));
        assert_eq!(field("17/18", nov), Some("last_year_outturn"));
        assert_eq!(field("2018/19 M8 Target", nov), Some("target"));
        // The period before a first quarter is the previous year's fourth.
        assert_eq!(field("Q4 2019/20 Value", "2020/21 Q1"), Some("previous"));
        assert_eq!(field("Apr 2018", "Mar 2018"), None);
        assert_eq!(field("Mar 2018", "Apr 2018"), Some("previous"));
        // Reporting a whole year: the year before is the same period a year earlier.
        assert_eq!(field("2019/20", "2020/21"), Some("last_year"));
        assert_eq!(field("2020/21 Outturn", "2020/21"), Some("actual"));
        assert_eq!(field("2020/21 Target", "2020/21"), Some("target"));
    }
}
