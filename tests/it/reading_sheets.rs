//! Reading a workbook's layout in process: title rows, header aliases, blank,
//! merged and hidden rows, a missing required column, the Report sheet's front
//! matter, and the supporting sheets (plans, actions, benchmarks, history).

use crate::util::C::*;
use crate::util::*;
use scorecard::model::{DateOrText, Polarity, Quartile, Rag, Target, Tolerance};
use scorecard::Severity;

#[test]
fn title_rows_aliases_blank_rows_merged_and_hidden_rows() {
    let dir = tempfile::tempdir().unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Corporate Scorecard").unwrap();
    write_rows(
        ws,
        &[
            vec![T("Lancashire County Council")],
            vec![T("Corporate scorecard, quarter 4 2012/13")],
            vec![],
            vec![
                T("Layer"),
                T("PI\nRef"),
                T("Measure"),
                T("Good Performance"),
                T("Actual in Month"),
                T("Latest Target"),
                T("YE  target"),
                T("Spare column"),
                T("Tolerance"),
                T("RAG"),
                T("Quartile"),
                T("In focus"),
                T("Cumulative"),
            ],
            vec![
                E,
                T("1C (NI130)"),
                T("Self-directed support"),
                T("Bigger is Better"),
                F(0.45, "0.0%"),
                F(0.496, "0.0%"),
                F(0.551, "0.0%"),
                T("kept"),
                T("5%"),
                T("R"),
                T("Two"),
                T("Yes"),
                T("No"),
            ],
            vec![],
            vec![
                E,
                T("2A"),
                T("Admissions"),
                T("Smaller is better"),
                N(628.5),
                N(624.1),
                E,
                E,
                N(2.0),
                E,
                T("Bottom"),
                E,
                E,
            ],
            vec![
                E,
                T("3B"),
                T("Library visits"),
                T("H"),
                N(110700.0),
                N(151000.0),
                E,
                E,
                E,
                T("Amber"),
                N(1.0),
                E,
                T("Y"),
            ],
        ],
    );
    ws.merge_range(4, 0, 7, 0, "Prevent", &rust_xlsxwriter::Format::new())
        .unwrap();
    ws.set_row_hidden(6).unwrap();
    let path = dir.path().join("titled.xlsx");
    wb.save(&path).unwrap();

    let loaded = read(&path);
    assert_eq!(loaded.scorecard.indicators.len(), 3);
    let ssd = ind(&loaded, "1C (NI130)");
    assert_eq!(ssd.title, "Self-directed support");
    assert_eq!(ssd.polarity, Polarity::Higher);
    assert_eq!(ssd.actual.value, Some(d("45")));
    assert_eq!(ssd.target, Some(Target::Value { value: d("49.6") }));
    assert_eq!(
        ssd.year_end_target,
        Some(Target::Value { value: d("55.1") })
    );
    assert_eq!(ssd.tolerance, Some(Tolerance::Relative(d("5"))));
    assert_eq!(ssd.rag_override, Some(Rag::Red));
    assert_eq!(ssd.quartile, Some(Quartile(2)));
    assert!(ssd.in_focus);
    assert!(!ssd.cumulative);
    assert_eq!(
        ssd.extra.get("Spare column").map(String::as_str),
        Some("kept")
    );
    assert_eq!(ssd.source.row, 5);
    // The merged theme reaches every row it spans, hidden ones included.
    assert_eq!(ssd.theme.as_deref(), Some("Prevent"));
    let adm = ind(&loaded, "2A");
    assert_eq!(adm.theme.as_deref(), Some("Prevent"));
    assert_eq!(adm.polarity, Polarity::Lower);
    assert_eq!(adm.tolerance, Some(Tolerance::Absolute(d("2"))));
    assert_eq!(adm.quartile, Some(Quartile(4)));
    assert_eq!(adm.source.row, 7);
    let visits = ind(&loaded, "3B");
    assert!(visits.cumulative);
    assert_eq!(visits.rag_override, Some(Rag::Amber));
    assert_eq!(visits.quartile, Some(Quartile(1)));
    // The unknown column is a note at its header cell.
    let notes = at(&loaded, "'Corporate Scorecard'!H4");
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].0, Severity::Note);
    assert!(notes[0].1.contains("Spare column"));
}

#[test]
fn report_sheet_front_matter_and_period() {
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx(
        dir.path(),
        "front.xlsx",
        &[
            (
                "Indicators",
                vec![
                    indicator_header_with_year_end(),
                    vec![T("A1"), T("One"), T("%"), T("Higher"), N(50.0), N(60.0), E],
                ],
            ),
            (
                "Report",
                vec![
                    vec![T("Key"), T("Value")],
                    vec![
                        T("Committee"),
                        T("Cabinet Committee on Performance Improvement"),
                    ],
                    vec![T("Meeting date"), D(2013, 6, 14)],
                    vec![T("Report of"), T("Chief Executive")],
                    vec![T("Period"), T("Q4 2012/13")],
                    vec![T("Reason for inclusion in Part II"), T("N/A")],
                ],
            ),
        ],
    );
    let loaded = read(&path);
    let meta = &loaded.scorecard.meta;
    assert_eq!(
        meta.get("committee"),
        Some("Cabinet Committee on Performance Improvement")
    );
    assert_eq!(
        meta.meeting_date(),
        chrono::NaiveDate::from_ymd_opt(2013, 6, 14)
    );
    assert_eq!(meta.get("report_of"), Some("Chief Executive"));
    assert_eq!(
        meta.extra
            .get("Reason for inclusion in Part II")
            .map(String::as_str),
        Some("N/A")
    );
    let period = loaded.scorecard.period.as_ref().unwrap();
    assert_eq!(period.label, "2012/13 Q4");
    assert_eq!(
        period.long_label,
        "quarter 4 2012/13 (January 2013 \u{2013} March 2013)"
    );
    assert_eq!(period.months_elapsed, 12);
}

#[test]
fn plans_actions_benchmarks_history() {
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx(
        dir.path(),
        "plans.xlsx",
        &[
            (
                "Indicators",
                vec![
                    indicator_header_with_year_end(),
                    vec![
                        T("ASCOF 3A"),
                        T("Satisfaction"),
                        T("%"),
                        T("Higher"),
                        N(60.0),
                        N(65.0),
                        E,
                    ],
                    vec![
                        T("ASCOF 3B"),
                        T("Carers"),
                        T("%"),
                        T("Higher"),
                        N(40.0),
                        N(45.0),
                        E,
                    ],
                    vec![
                        T("ASCOF 3D"),
                        T("Information"),
                        T("%"),
                        T("Higher"),
                        N(70.0),
                        N(75.0),
                        E,
                    ],
                ],
            ),
            (
                "Recovery plans",
                vec![
                    vec![
                        T("Refs"),
                        T("Title"),
                        T("Why is it under-performing"),
                        T("Comparative data"),
                    ],
                    vec![
                        T("ASCOF 3A, ASCOF 3B\nASCOF 3D"),
                        T("Survey indicators"),
                        T("* Fewer responses"),
                        T("North West table"),
                    ],
                ],
            ),
            (
                "Actions",
                vec![
                    vec![
                        T("Ref"),
                        T("Action to be taken"),
                        T("Lead"),
                        T("Completion date"),
                        T("Status"),
                    ],
                    vec![
                        T("ASCOF 3A"),
                        T("Review survey"),
                        T("Head of Service"),
                        T("31/03/2014"),
                        T("On track"),
                    ],
                    vec![
                        T("ASCOF 3B"),
                        T("Carers' forum"),
                        T("Carers lead"),
                        T("Ongoing"),
                        E,
                    ],
                    vec![T("NOPE"), T("Orphan"), E, E, E],
                ],
            ),
            (
                "Benchmarks",
                vec![
                    vec![T("Ref"), T("Comparator"), T("Value")],
                    vec![T("ASCOF 3A"), T("Blackpool"), N(64.2)],
                    vec![T("ASCOF 3A"), T("England average"), T("64.1%")],
                ],
            ),
            (
                "History",
                vec![
                    vec![T("Ref"), T("Period"), T("Actual"), T("Target")],
                    vec![T("ASCOF 3A"), T("2012/13 Q3"), N(58.0), N(65.0)],
                    vec![T("ASCOF 3A"), T("sometime"), N(57.0), E],
                ],
            ),
        ],
    );
    let loaded = read(&path);
    let plan = &loaded.scorecard.plans[0];
    assert_eq!(plan.refs, vec!["ASCOF 3A", "ASCOF 3B", "ASCOF 3D"]);
    assert_eq!(plan.reasons.as_deref(), Some("* Fewer responses"));
    assert_eq!(plan.actions.len(), 2, "both actions join the one plan");
    assert_eq!(plan.actions[0].lead.as_deref(), Some("Head of Service"));
    assert_eq!(plan.actions[0].status.as_deref(), Some("On track"));
    assert_eq!(
        plan.actions[1].due,
        Some(DateOrText::Text("Ongoing".into()))
    );
    let orphan = at(&loaded, "Actions!A4");
    assert_eq!(orphan.len(), 1);
    assert!(orphan[0].1.contains("'NOPE'"), "{}", orphan[0].1);
    let b = &loaded.scorecard.benchmarks;
    assert_eq!(b.len(), 2);
    assert_eq!(b[0].value.value, Some(d("64.2")));
    assert_eq!(b[1].value.value, Some(d("64.1")));
    let h = &loaded.scorecard.history;
    assert_eq!(h[0].parsed_period.as_ref().unwrap().months_elapsed, 9);
    assert_eq!(h[0].actual.value, Some(d("58")));
    assert!(h[1].parsed_period.is_none());
    assert_eq!(at(&loaded, "History!B3")[0].0, Severity::Warning);
}

#[test]
fn missing_required_column_lists_the_headers_found() {
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx(
        dir.path(),
        "nocol.xlsx",
        &[(
            "Indicators",
            vec![
                vec![T("Ref"), T("Actual"), T("Target")],
                vec![T("A"), N(1.0), N(2.0)],
            ],
        )],
    );
    let loaded = read(&path);
    assert_eq!(loaded.count(Severity::Error), 1);
    let d = &loaded.diagnostics[0];
    assert_eq!(d.sheet.as_deref(), Some("Indicators"));
    assert!(d.message.contains("no Indicator column"), "{}", d.message);
    assert!(
        d.message.contains("'Ref', 'Actual' and 'Target'"),
        "{}",
        d.message
    );
}
