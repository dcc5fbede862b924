//! Reading cell values in process: percent formats as the officer sees them,
//! every text form of a figure and a target, dates in both date systems and as
//! text, periods Excel turned into dates, numerator and denominator, and the
//! problems a cell can hold, each reported at its cell.

use crate::util::C::*;
use crate::util::*;
use scorecard::model::{Comparison, DateOrText, Polarity, Target, Unit};
use scorecard::Severity;

#[test]
fn percent_formats_are_read_as_the_officer_sees_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx(
        dir.path(),
        "pct.xlsx",
        &[(
            "Indicators",
            vec![
                indicator_header_with_year_end(),
                // 0.551 formatted 0.0% shows 55.1%.
                vec![
                    T("P1"),
                    T("Custom percent"),
                    T("%"),
                    T("Higher"),
                    F(0.551, "0.0%"),
                    F(0.485, "0.0%"),
                    F(0.551, "0.0%"),
                ],
                // Built-in format 9 (0%) and 10 (0.00%).
                vec![
                    T("P2"),
                    T("Builtin 0%"),
                    T("%"),
                    T("Higher"),
                    I(0.5, 9),
                    I(0.4825, 10),
                    N(55.0),
                ],
                // A literal percent sign: the number is already 55.1.
                vec![
                    T("P3"),
                    T("Literal"),
                    T("%"),
                    T("Higher"),
                    F(55.1, "0.0\"%\""),
                    F(48.5, "0.0\\%"),
                    N(55.1),
                ],
                // Plain numbers and typed text.
                vec![
                    T("P4"),
                    T("Plain"),
                    T("percent"),
                    T("Higher"),
                    N(55.1),
                    T("48.5%"),
                    T("55.1 %"),
                ],
                // Percent in a multi-section format with a colour.
                vec![
                    T("P5"),
                    T("Sections"),
                    T("%"),
                    T("Higher"),
                    F(0.075, "[Green]0.0%;[Red]-0.0%"),
                    E,
                    E,
                ],
            ],
        )],
    );
    let loaded = read(&path);
    let p1 = ind(&loaded, "P1");
    assert_eq!(p1.actual.value, Some(d("55.1")));
    assert_eq!(p1.actual.value.unwrap().to_string(), "55.1");
    assert_eq!(p1.target, Some(Target::Value { value: d("48.5") }));
    assert_eq!(p1.year_end_target, Some(Target::Value { value: d("55.1") }));
    assert_eq!(p1.unit, Unit::Percent);
    let p2 = ind(&loaded, "P2");
    assert_eq!(p2.actual.value, Some(d("50")));
    assert_eq!(p2.target, Some(Target::Value { value: d("48.25") }));
    let p3 = ind(&loaded, "P3");
    assert_eq!(p3.actual.value, Some(d("55.1")));
    assert_eq!(p3.target, Some(Target::Value { value: d("48.5") }));
    let p4 = ind(&loaded, "P4");
    assert_eq!(p4.actual.value, Some(d("55.1")));
    assert_eq!(p4.target, Some(Target::Value { value: d("48.5") }));
    assert_eq!(p4.year_end_target, Some(Target::Value { value: d("55.1") }));
    assert_eq!(ind(&loaded, "P5").actual.value, Some(d("7.5")));
    // xlsx formats are certain: no doubt is raised.
    assert!(
        loaded
            .diagnostics
            .iter()
            .all(|d| d.severity != Severity::Warning),
        "{:#?}",
        loaded.diagnostics
    );
}

#[test]
fn the_unit_is_inferred_from_percent_values() {
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx(
        dir.path(),
        "infer.xlsx",
        &[(
            "KPIs",
            vec![
                vec![T("PI ref"), T("Title"), T("Aim"), T("Actual"), T("Target")],
                vec![T("A"), T("Formatted"), T("H"), F(0.42, "0%"), N(40.0)],
                vec![T("B"), T("Count"), T("H"), N(1264.0), N(1200.0)],
            ],
        )],
    );
    let loaded = read(&path);
    assert_eq!(ind(&loaded, "A").unit, Unit::Percent);
    assert_eq!(ind(&loaded, "A").actual.value, Some(d("42")));
    assert_eq!(ind(&loaded, "B").unit, Unit::Number);
}

#[test]
fn every_text_value_form() {
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx(
        dir.path(),
        "forms.xlsx",
        &[(
            "Indicators",
            vec![
                vec![
                    T("Ref"),
                    T("Indicator"),
                    T("Unit"),
                    T("Polarity"),
                    T("Actual"),
                    T("Milestone"),
                    T("Note"),
                ],
                vec![
                    T("V1"),
                    T("Visits"),
                    T("Number"),
                    T("Higher"),
                    T("110.7k"),
                    T("151k"),
                    E,
                ],
                vec![
                    T("V2"),
                    T("Budget"),
                    T("\u{a3}"),
                    T("Lower"),
                    T("\u{a3}1.96m"),
                    T("\u{a3}2,000,000"),
                    E,
                ],
                vec![
                    T("V3"),
                    T("Loans"),
                    T("Number"),
                    T("Higher"),
                    T("1.5m"),
                    T("1,264"),
                    E,
                ],
                vec![
                    T("V4"),
                    T("Admissions"),
                    T("Rate per 100,000"),
                    E,
                    N(628.5),
                    T("<624.1"),
                    E,
                ],
                vec![
                    T("V5"),
                    T("Delayed"),
                    T("Number"),
                    E,
                    N(8.0),
                    T("<= 8.1"),
                    E,
                ],
                vec![T("V6"), T("Satisfied"), T("%"), E, T("55%"), T("56-61%"), E],
                vec![
                    T("V7"),
                    T("Reablement"),
                    T("%"),
                    E,
                    N(90.0),
                    T("56\u{2013}61"),
                    E,
                ],
                vec![
                    T("V8"),
                    T("Survey"),
                    T("%"),
                    T("Higher"),
                    T("Due June 2019"),
                    T(">95"),
                    T("Due June 2019"),
                ],
                vec![
                    T("V9"),
                    T("Outcome"),
                    T("%"),
                    T("Higher"),
                    T("58% (15.2k out of 26.4k)"),
                    T(">=60%"),
                    E,
                ],
                vec![
                    T("V10"),
                    T("Info"),
                    T("Number"),
                    T("For information only"),
                    T("TBC"),
                    E,
                    E,
                ],
            ],
        )],
    );
    let loaded = read(&path);
    assert_eq!(ind(&loaded, "V1").actual.value, Some(d("110700")));
    assert_eq!(
        ind(&loaded, "V1").target,
        Some(Target::Value { value: d("151000") })
    );
    assert_eq!(ind(&loaded, "V2").actual.value, Some(d("1960000")));
    assert_eq!(ind(&loaded, "V2").unit, Unit::Currency);
    assert_eq!(
        ind(&loaded, "V2").target,
        Some(Target::Value {
            value: d("2000000")
        })
    );
    assert_eq!(ind(&loaded, "V3").actual.value, Some(d("1500000")));
    assert_eq!(
        ind(&loaded, "V3").target,
        Some(Target::Value { value: d("1264") })
    );
    let v4 = ind(&loaded, "V4");
    assert_eq!(v4.unit, Unit::Rate(Some("Rate per 100,000".into())));
    assert_eq!(
        v4.target,
        Some(Target::Bound {
            cmp: Comparison::Lt,
            value: d("624.1")
        })
    );
    assert_eq!(v4.polarity, Polarity::Lower, "a < target makes it lower");
    let v5 = ind(&loaded, "V5");
    assert_eq!(
        v5.target,
        Some(Target::Bound {
            cmp: Comparison::Le,
            value: d("8.1")
        })
    );
    assert_eq!(v5.polarity, Polarity::Lower);
    let v6 = ind(&loaded, "V6");
    assert_eq!(v6.actual.value, Some(d("55")));
    assert_eq!(
        v6.target,
        Some(Target::Band {
            low: d("56"),
            high: d("61")
        })
    );
    assert_eq!(v6.polarity, Polarity::Band, "a band target makes it band");
    assert_eq!(
        ind(&loaded, "V7").target,
        Some(Target::Band {
            low: d("56"),
            high: d("61")
        })
    );
    let v8 = ind(&loaded, "V8");
    assert_eq!(v8.actual.value, None);
    assert_eq!(v8.actual.status.as_deref(), Some("Due June 2019"));
    assert_eq!(v8.note.as_deref(), Some("Due June 2019"));
    assert_eq!(
        v8.target,
        Some(Target::Bound {
            cmp: Comparison::Gt,
            value: d("95")
        })
    );
    let v9 = ind(&loaded, "V9");
    assert_eq!(v9.actual.value, Some(d("58")));
    assert_eq!(v9.actual.status.as_deref(), Some("15.2k out of 26.4k"));
    assert_eq!(
        v9.target,
        Some(Target::Bound {
            cmp: Comparison::Ge,
            value: d("60")
        })
    );
    let v10 = ind(&loaded, "V10");
    assert_eq!(v10.polarity, Polarity::Info);
    assert_eq!(v10.actual.status.as_deref(), Some("TBC"));
    assert_eq!(
        loaded
            .diagnostics
            .iter()
            .filter(|d| d.severity >= Severity::Warning)
            .count(),
        0,
        "{:#?}",
        loaded.diagnostics
    );
}

#[test]
fn dates_in_both_systems_and_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let sheets = [
        (
            "Indicators",
            vec![
                indicator_header_with_year_end(),
                vec![T("A1"), T("One"), T("%"), T("Higher"), N(50.0), N(60.0), E],
            ],
        ),
        (
            "Recovery plans",
            vec![
                vec![T("Ref"), T("Title"), T("Previously presented")],
                vec![T("A1"), T("Plan"), D(2012, 11, 22)],
            ],
        ),
        (
            "Actions",
            vec![
                vec![T("Ref"), T("Action"), T("Lead"), T("Due")],
                vec![T("A1"), T("Serial"), T("Jo"), N(41439.0)],
                vec![T("A1"), T("Text"), T("Jo"), T("14 June 2013")],
                vec![T("A1"), T("Numeric text"), T("Jo"), T("14/06/2013")],
                vec![T("A1"), T("Month"), T("Jo"), T("March 2013")],
                vec![T("A1"), T("Ongoing"), T("Jo"), T("Ongoing")],
                vec![T("A1"), T("Date cell"), T("Jo"), D(2013, 6, 14)],
            ],
        ),
    ];
    let path = xlsx(dir.path(), "dates.xlsx", &sheets);
    let loaded = read(&path);
    let june14 = DateOrText::Date(chrono::NaiveDate::from_ymd_opt(2013, 6, 14).unwrap());
    let plan = &loaded.scorecard.plans[0];
    assert_eq!(
        plan.presented,
        Some(DateOrText::Date(
            chrono::NaiveDate::from_ymd_opt(2012, 11, 22).unwrap()
        ))
    );
    let dues: Vec<_> = plan
        .actions
        .iter()
        .map(|a| a.due.clone().unwrap())
        .collect();
    assert_eq!(dues[0], june14);
    assert_eq!(dues[1], june14);
    assert_eq!(dues[2], june14);
    assert_eq!(
        dues[3],
        DateOrText::Month(chrono::NaiveDate::from_ymd_opt(2013, 3, 1).unwrap())
    );
    assert_eq!(dues[4], DateOrText::Text("Ongoing".into()));
    assert_eq!(dues[5], june14);

    // The same workbook switched to the 1904 date system: serial 39977 is 14 June 2013.
    let path = xlsx(
        dir.path(),
        "dates1904.xlsx",
        &[
            sheets[0].clone(),
            (
                "Actions",
                vec![
                    vec![T("Ref"), T("Action"), T("Due")],
                    vec![T("A1"), T("Serial"), N(39977.0)],
                ],
            ),
            (
                "Recovery plans",
                vec![vec![T("Ref"), T("Title")], vec![T("A1"), T("Plan")]],
            ),
        ],
    );
    patch_zip_part(&path, "xl/workbook.xml", |xml| {
        xml.replacen("<workbookPr", "<workbookPr date1904=\"1\"", 1)
    });
    let loaded = read(&path);
    assert_eq!(loaded.scorecard.plans[0].actions[0].due, Some(june14));
}

#[test]
fn problems_are_reported_at_their_cells() {
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx(
        dir.path(),
        "bad.xlsx",
        &[(
            "Indicators",
            vec![
                indicator_header_with_year_end(),
                vec![
                    T("E1"),
                    T("Error cell"),
                    T("%"),
                    T("Higher"),
                    Formula("=1/0", "#DIV/0!"),
                    N(50.0),
                    E,
                ],
                vec![
                    T("E2"),
                    T("Typed error"),
                    T("%"),
                    T("Higher"),
                    T("#N/A"),
                    N(50.0),
                    E,
                ],
                vec![
                    T("E3"),
                    T("Mistyped"),
                    T("%"),
                    T("Higher"),
                    T("55..1"),
                    T("5O%"),
                    E,
                ],
                vec![
                    T("E1"),
                    T("Duplicate"),
                    T("%"),
                    T("Higher"),
                    N(1.0),
                    N(2.0),
                    E,
                ],
                vec![E, T("No ref"), T("%"), T("Higher"), N(1.0), N(2.0), E],
                vec![
                    T("E4"),
                    T("Bad polarity"),
                    T("%"),
                    T("Sideways"),
                    N(1.0),
                    N(2.0),
                    E,
                ],
                vec![T("E5"), T("No polarity"), T("Number"), E, N(1.0), N(2.0), E],
                vec![
                    T("E6"),
                    T("Percent in a count"),
                    T("Number"),
                    T("Higher"),
                    T("55%"),
                    N(2.0),
                    E,
                ],
            ],
        )],
    );
    let loaded = read(&path);
    let e1 = at(&loaded, "Indicators!E2");
    assert_eq!(e1.len(), 1, "{e1:?}");
    assert_eq!(e1[0].0, Severity::Error);
    assert!(e1[0].1.contains("#DIV/0!"), "{}", e1[0].1);
    assert_eq!(ind(&loaded, "E1").actual.value, None);
    assert_eq!(
        ind(&loaded, "E1").title,
        "Error cell",
        "the first of two duplicates is kept"
    );
    let e2 = at(&loaded, "Indicators!E3");
    assert!(e2[0].1.contains("#N/A"));
    let mistyped = at(&loaded, "Indicators!E4");
    assert_eq!(mistyped[0].0, Severity::Warning);
    assert!(mistyped[0].1.contains("'55..1'"));
    assert_eq!(ind(&loaded, "E3").actual.status.as_deref(), Some("55..1"));
    assert_eq!(at(&loaded, "Indicators!F4")[0].0, Severity::Warning);
    let dup = at(&loaded, "Indicators!A5");
    assert_eq!(dup[0].0, Severity::Error);
    assert!(
        dup[0].1.contains("Indicators!A2"),
        "names both cells: {}",
        dup[0].1
    );
    let no_ref = at(&loaded, "Indicators!A6");
    assert_eq!(no_ref[0].0, Severity::Error);
    assert!(no_ref[0].1.contains("'No ref'"));
    assert_eq!(at(&loaded, "Indicators!D7")[0].0, Severity::Warning);
    assert_eq!(ind(&loaded, "E4").polarity, Polarity::Info);
    let no_polarity = at(&loaded, "Indicators!D8");
    assert!(
        no_polarity[0].1.contains("cannot be rated"),
        "{no_polarity:?}"
    );
    let pct = at(&loaded, "Indicators!E9");
    assert!(pct[0].1.contains("unit is number"), "{pct:?}");
    assert_eq!(loaded.scorecard.indicators.len(), 6);
}

#[test]
fn numerator_and_denominator() {
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx(
        dir.path(),
        "nd.xlsx",
        &[(
            "Indicators",
            vec![
                vec![
                    T("Ref"),
                    T("Indicator"),
                    T("Unit"),
                    T("Polarity"),
                    T("Actual"),
                    T("Numerator"),
                    T("Denominator"),
                ],
                vec![
                    T("N1"),
                    T("Derived"),
                    T("%"),
                    T("Higher"),
                    E,
                    N(152.0),
                    N(26400.0),
                ],
                vec![
                    T("N2"),
                    T("Agrees"),
                    T("%"),
                    T("Higher"),
                    N(57.6),
                    N(15200.0),
                    N(26400.0),
                ],
                vec![
                    T("N3"),
                    T("Disagrees"),
                    T("%"),
                    T("Higher"),
                    N(68.0),
                    N(15200.0),
                    N(26400.0),
                ],
                vec![T("N4"), T("Zero"), T("%"), T("Higher"), E, N(1.0), N(0.0)],
            ],
        )],
    );
    let loaded = read(&path);
    let n1 = ind(&loaded, "N1").actual.value.unwrap();
    assert_eq!(n1.round_dp(4), d("0.5758"));
    assert!(
        at(&loaded, "Indicators!E3").is_empty(),
        "57.6 agrees with 15,200 / 26,400 at 1 dp"
    );
    assert_eq!(at(&loaded, "Indicators!E4")[0].0, Severity::Warning);
    assert_eq!(at(&loaded, "Indicators!G5")[0].0, Severity::Error);
}

#[test]
fn a_period_excel_turned_into_a_date_names_its_month() {
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx(
        dir.path(),
        "dated-period.xlsx",
        &[
            (
                "Indicators",
                vec![
                    indicator_header_with_year_end(),
                    vec![
                        T("A1"),
                        T("One"),
                        T("%"),
                        T("Higher"),
                        F(0.5, "0%"),
                        N(60.0),
                        E,
                    ],
                ],
            ),
            ("Report", vec![vec![T("Period"), D(2018, 11, 1)]]),
            (
                "History",
                vec![
                    vec![T("Ref"), T("Period"), T("Actual")],
                    vec![T("A1"), D(2018, 10, 1), N(49.0)],
                ],
            ),
            ("Extra", vec![]),
        ],
    );
    let loaded = read(&path);
    let period = loaded.scorecard.period.as_ref().unwrap();
    assert_eq!(period.label, "Nov 2018");
    assert_eq!(period.months_elapsed, 8);
    assert_eq!(
        loaded.scorecard.history[0]
            .parsed_period
            .as_ref()
            .unwrap()
            .months_elapsed,
        7
    );
    assert_eq!(
        loaded.count(Severity::Error),
        0,
        "{:#?}",
        loaded.diagnostics
    );
}
