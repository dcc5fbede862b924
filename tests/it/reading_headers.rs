//! Reading a council's own headers: the aliases of SPEC §1.1, headers naming a
//! period (`Q3 2020/21 Value`) placed against the reporting period, and
//! `[columns]` in scorecard.toml for headers nothing else can place.

use crate::util::C::*;
use crate::util::*;
use predicates::prelude::*;
use scorecard::model::{Polarity, Rag, Target};
use scorecard::period::parse_period;
use scorecard::rules::target::NotRated;
use scorecard::{load, LoadOptions, Loaded, Severity};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn load_with(path: &Path, options: &LoadOptions) -> Loaded {
    load(path, options).unwrap_or_else(|e| panic!("{e}"))
}

fn messages(loaded: &Loaded, severity: Severity) -> Vec<String> {
    loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .map(|d| d.message.clone())
        .collect()
}

fn target_value(target: &Option<Target>) -> Option<rust_decimal::Decimal> {
    match target {
        Some(Target::Value { value }) => Some(*value),
        _ => None,
    }
}

/// A quarter 3 2020/21 paper laid out as Maidstone's: the council's own
/// headers, columns named by period, and a measure marked "Data Only".
fn maidstone(dir: &Path) -> PathBuf {
    xlsx(
        dir,
        "maidstone.xlsx",
        &[
            (
                "Indicators",
                vec![
                    vec![T("Key Performance Indicators, Quarter 3 2020/21")],
                    vec![],
                    vec![
                        T("Ref"),
                        T("Performance Indicator"),
                        T("Good Performance"),
                        T("Q3 2020/21 Value"),
                        T("Q3 2020/21 Target"),
                        T("Q3 2019/20 Value"),
                        T("Q2 2020/21 Value"),
                        T("2019/20"),
                    ],
                    vec![
                        T("HSG 001"),
                        T("Number of households prevented from becoming homeless"),
                        T("Higher"),
                        N(120.0),
                        N(100.0),
                        N(95.0),
                        N(110.0),
                        N(401.0),
                    ],
                    vec![
                        T("CUS 002"),
                        T("Percentage of complaints resolved within set timescales"),
                        T("Higher"),
                        F(0.84, "0%"),
                        F(0.9, "0%"),
                        F(0.88, "0%"),
                        F(0.86, "0%"),
                        F(0.87, "0%"),
                    ],
                    vec![
                        T("DEV 004"),
                        T("Number of planning applications received"),
                        T("Data Only"),
                        N(512.0),
                        E,
                        N(480.0),
                        N(530.0),
                        N(2010.0),
                    ],
                ],
            ),
            (
                "Report",
                vec![
                    vec![T("Organisation"), T("Maidstone Borough Council")],
                    vec![T("Period"), T("2020/21 Q3")],
                ],
            ),
        ],
    )
}

#[test]
fn a_maidstone_paper_reads_with_no_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let path = maidstone(dir.path());
    let loaded = read(&path);
    assert!(
        messages(&loaded, Severity::Error).is_empty(),
        "{:?}",
        loaded.diagnostics
    );
    assert!(
        messages(&loaded, Severity::Warning).is_empty(),
        "{:?}",
        loaded.diagnostics
    );
    let notes = messages(&loaded, Severity::Note);
    assert!(
        notes
            .iter()
            .all(|n| !n.contains("not a column this tool knows")),
        "{notes:?}"
    );
    assert_eq!(loaded.scorecard.indicators.len(), 3);

    let homeless = ind(&loaded, "HSG 001");
    assert_eq!(
        homeless.title,
        "Number of households prevented from becoming homeless"
    );
    assert_eq!(homeless.actual.value, Some(d("120")));
    assert_eq!(target_value(&homeless.target), Some(d("100")));
    assert_eq!(homeless.last_year.value, Some(d("95")));
    assert_eq!(homeless.previous.value, Some(d("110")));
    assert_eq!(homeless.last_year_outturn.value, Some(d("401")));
    assert!(homeless.extra.is_empty(), "{:?}", homeless.extra);

    let complaints = ind(&loaded, "CUS 002");
    assert_eq!(complaints.actual.value, Some(d("84")));
    assert_eq!(target_value(&complaints.target), Some(d("90")));
    assert_eq!(complaints.last_year.value, Some(d("88")));
    assert_eq!(complaints.previous.value, Some(d("86")));
    assert_eq!(complaints.last_year_outturn.value, Some(d("87")));

    let planning = ind(&loaded, "DEV 004");
    assert_eq!(planning.polarity, Polarity::Info);
    assert_eq!(planning.actual.value, Some(d("512")));
    assert_eq!(planning.last_year_outturn.value, Some(d("2010")));

    // Each placement is said once, at its header cell, with the reason.
    let said = |cell: &str| at(&loaded, &format!("Indicators!{cell}"));
    assert!(said("D3")[0]
        .1
        .contains("the reporting period (2020/21 Q3)"));
    assert!(said("D3")[0].1.contains("Actual"));
    assert!(said("F3")[0].1.contains("the same period a year earlier"));
    assert!(said("G3")[0].1.contains("the period before"));
    assert!(said("H3")[0]
        .1
        .contains("the whole of the previous financial year"));

    // Rated as the officer expects; the Data Only measure is not rated.
    let prepared = scorecard::pipeline::prepare(&path, None).unwrap();
    let rating = |reference: &str| {
        prepared
            .rated
            .scorecard
            .indicators
            .iter()
            .find(|r| r.indicator.reference == reference)
            .map(|r| r.rating.clone())
            .unwrap_or_else(|| panic!("no {reference}"))
    };
    assert_eq!(rating("HSG 001").rag, Rag::Green);
    assert_eq!(rating("CUS 002").rag, Rag::Red);
    assert_eq!(rating("DEV 004").rag, Rag::NotRated);
    assert_eq!(rating("DEV 004").not_rated, Some(NotRated::Information));
    assert_eq!(prepared.rated.summary.rated, 2);

    // The JSON view shows last year's outturn after last year's figure.
    let out = scorecard()
        .args(["report", "--format", "json"])
        .arg(&path)
        .assert()
        .code(0);
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let first = &json["indicators"][0];
    assert_eq!(first["last_year"], serde_json::json!(95));
    assert_eq!(first["last_year_outturn"], serde_json::json!(401));
    let keys: Vec<&String> = first.as_object().unwrap().keys().collect();
    let at_key = |k: &str| keys.iter().position(|x| *x == k).unwrap();
    assert_eq!(at_key("last_year_outturn"), at_key("last_year") + 1);
}

/// Ref, Indicator and Polarity, then `headers`, with one row of `values`.
fn with_headers(
    dir: &Path,
    name: &str,
    headers: &[&'static str],
    values: &[crate::util::C],
    period: Option<&'static str>,
) -> PathBuf {
    let mut header = vec![T("Ref"), T("Indicator"), T("Polarity")];
    header.extend(headers.iter().map(|h| T(h)));
    let mut row = vec![T("A1"), T("Rent collected"), T("Higher")];
    row.extend(values.iter().cloned());
    let mut sheets = vec![("Indicators", vec![header, row])];
    if let Some(period) = period {
        sheets.push(("Report", vec![vec![T("Period"), T(period)]]));
    }
    xlsx(dir, name, &sheets)
}

#[test]
fn a_column_named_outright_wins_over_a_period_header() {
    let dir = tempfile::tempdir().unwrap();
    let path = with_headers(
        dir.path(),
        "both.xlsx",
        &["Q3 2020/21 Value", "Actual", "Target", "2020/21 Target"],
        &[N(7.0), N(9.0), N(8.0), N(30.0)],
        Some("Q3 2020/21"),
    );
    let loaded = read(&path);
    let a = ind(&loaded, "A1");
    assert_eq!(a.actual.value, Some(d("9")));
    assert_eq!(
        a.extra.get("Q3 2020/21 Value").map(String::as_str),
        Some("7")
    );
    // The whole current year's target is the year-end target.
    assert_eq!(target_value(&a.year_end_target), Some(d("30")));
    let note = &at(&loaded, "Indicators!D1")[0];
    assert_eq!(note.0, Severity::Note);
    assert!(
        note.1.contains("'Actual' in column E") && note.1.contains("kept as extra"),
        "{}",
        note.1
    );
}

#[test]
fn period_headers_need_a_reporting_period_from_somewhere() {
    let dir = tempfile::tempdir().unwrap();
    let headers = ["Q3 2020/21 Value", "Q3 2020/21 Target", "2021/22 Target"];
    let values = [N(7.8), N(8.0), N(9.0)];
    let bare = with_headers(dir.path(), "bare.xlsx", &headers, &values, None);

    // No period anywhere: kept as extra, with a note saying what is missing.
    let loaded = read(&bare);
    let a = ind(&loaded, "A1");
    assert_eq!(a.actual.value, None);
    assert_eq!(a.extra.len(), 3);
    let note = &at(&loaded, "Indicators!D1")[0].1;
    assert!(
        note.contains("reporting period is not known") && note.contains("[columns]"),
        "{note}"
    );

    // `[report] period` when the workbook gives none.
    let q3 = parse_period("2020/21 Q3", 4).ok();
    let options = LoadOptions {
        period_default: q3.clone(),
        ..LoadOptions::default()
    };
    let a = load_with(&bare, &options).scorecard.indicators[0].clone();
    assert_eq!(a.actual.value, Some(d("7.8")));
    assert_eq!(target_value(&a.target), Some(d("8")));
    assert_eq!(target_value(&a.future_target), Some(d("9")));

    // `--set period=…` wins over the Report sheet's period; the Report sheet's
    // wins over `[report] period`.
    let q2_sheet = with_headers(dir.path(), "q2.xlsx", &headers, &values, Some("2020/21 Q2"));
    let options = LoadOptions {
        period_override: q3.clone(),
        ..LoadOptions::default()
    };
    let a = load_with(&q2_sheet, &options).scorecard.indicators[0].clone();
    assert_eq!(a.actual.value, Some(d("7.8")));
    let options = LoadOptions {
        period_default: q3,
        ..LoadOptions::default()
    };
    let loaded = load_with(&q2_sheet, &options);
    // Against quarter 2, quarter 3 is a later period: nothing to place it in.
    assert_eq!(loaded.scorecard.indicators[0].actual.value, None);
    assert!(at(&loaded, "Indicators!D1")[0]
        .1
        .contains("cannot be placed"));

    // End to end: the command line's period places the headers.
    let out = scorecard()
        .args(["report", "--format", "json", "--set", "period=2020/21 Q3"])
        .arg(&bare)
        .assert()
        .code(0);
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(json["indicators"][0]["actual"], serde_json::json!(7.8));
    assert_eq!(json["indicators"][0]["rag"], serde_json::json!("amber"));
}

/// A workbook whose figures sit under headers no alias knows.
fn unknowable(dir: &Path) -> PathBuf {
    xlsx(
        dir,
        "unknowable.xlsx",
        &[(
            "Indicators",
            vec![
                vec![
                    T("KPI Code"),
                    T("What we measure"),
                    T("Aim"),
                    T("Score"),
                    T("Goal"),
                ],
                vec![T("K1"), T("Streets cleaned"), T("Higher"), N(80.0), N(90.0)],
            ],
        )],
    )
}

#[test]
fn unknowable_headers_read_with_columns() {
    let dir = tempfile::tempdir().unwrap();
    let path = unknowable(dir.path());

    // Without a mapping there is no header row at all (only Aim is known),
    // and the message says how to map one.
    let loaded = read(&path);
    let errors = messages(&loaded, Severity::Error);
    assert!(errors.iter().any(|e| e.contains("[columns]")), "{errors:?}");

    let columns: BTreeMap<&'static str, String> = [
        ("ref", "KPI code"),
        ("title", "What we measure"),
        ("actual", "Score"),
        ("target", "goal"),
    ]
    .into_iter()
    .map(|(f, h)| (f, h.to_string()))
    .collect();
    let options = LoadOptions {
        columns,
        ..LoadOptions::default()
    };
    let loaded = load_with(&path, &options);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let k = ind(&loaded, "K1");
    assert_eq!(k.title, "Streets cleaned");
    assert_eq!(k.polarity, Polarity::Higher);
    assert_eq!(k.actual.value, Some(d("80")));
    assert_eq!(target_value(&k.target), Some(d("90")));

    // The same through scorecard.toml beside the workbook.
    std::fs::write(
        dir.path().join("scorecard.toml"),
        "[columns]\nref = \"KPI Code\"\ntitle = \"What we measure\"\nactual = \"Score\"\n\
         target = \"Goal\"\n",
    )
    .unwrap();
    let out = scorecard()
        .args(["report", "--format", "json"])
        .arg(&path)
        .assert()
        .code(0);
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(json["indicators"][0]["actual"], serde_json::json!(80));
    assert_eq!(json["indicators"][0]["rag"], serde_json::json!("red"));
}

#[test]
fn a_mapped_header_missing_from_the_sheet_names_the_headers_there() {
    let dir = tempfile::tempdir().unwrap();
    let path = with_headers(dir.path(), "score.xlsx", &["Score"], &[N(5.0)], None);
    let options = LoadOptions {
        columns: [("actual", "Scores".to_string())].into_iter().collect(),
        ..LoadOptions::default()
    };
    let loaded = load_with(&path, &options);
    let said = at(&loaded, "Indicators!1");
    assert_eq!(said.len(), 1, "{:?}", loaded.diagnostics);
    assert_eq!(said[0].0, Severity::Error);
    assert!(
        said[0].1.contains("reads the actual from 'Scores'")
            && said[0]
                .1
                .contains("'Ref', 'Indicator', 'Polarity' and 'Score'"),
        "{}",
        said[0].1
    );
    std::fs::write(
        dir.path().join("scorecard.toml"),
        "[columns]\nactual = \"Scores\"\n",
    )
    .unwrap();
    scorecard()
        .arg("validate")
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "[columns] in scorecard.toml reads the actual from 'Scores'",
        ));
    // A mapped header wins over an alias; the alias's column is kept as extra.
    let both = with_headers(
        dir.path(),
        "both.xlsx",
        &["Actual", "Score"],
        &[N(1.0), N(5.0)],
        None,
    );
    let options = LoadOptions {
        columns: [("actual", "Score".to_string())].into_iter().collect(),
        ..LoadOptions::default()
    };
    let loaded = load_with(&both, &options);
    let a = ind(&loaded, "A1");
    assert_eq!(a.actual.value, Some(d("5")));
    assert_eq!(a.extra.get("Actual").map(String::as_str), Some("1"));
    assert!(at(&loaded, "Indicators!D1")[0]
        .1
        .contains("reads the actual from 'Score'"));
}

#[test]
fn the_missing_title_error_suggests_columns() {
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx(
        dir.path(),
        "untitled.xlsx",
        &[(
            "Indicators",
            vec![
                vec![
                    T("Ref"),
                    T("Name of measure"),
                    T("Polarity"),
                    T("Actual"),
                    T("Target"),
                ],
                vec![T("A1"), T("Rent collected"), T("Higher"), N(5.0), N(4.0)],
            ],
        )],
    );
    let loaded = read(&path);
    let errors = messages(&loaded, Severity::Error);
    assert!(
        errors.iter().any(|e| e.contains("has no Indicator column")
            && e.contains("[columns] title = \"Your header\"")),
        "{errors:?}"
    );
    std::fs::write(
        dir.path().join("scorecard.toml"),
        "[columns]\ntitle = \"Name of measure\"\n",
    )
    .unwrap();
    scorecard().arg("validate").arg(&path).assert().code(0);
}

#[test]
fn the_councils_own_names_for_columns_and_polarities() {
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx(
        dir.path(),
        "aliases.xlsx",
        &[(
            "KPIs",
            vec![
                vec![
                    T("PI ref"),
                    T("KPI name"),
                    T("Direction"),
                    T("Current"),
                    T("Same period previous year"),
                    T("Previous year"),
                    T("Phrasing"),
                    T("Illustrative"),
                ],
                vec![
                    T("P1"),
                    T("Visits"),
                    T("Contextual"),
                    N(3.0),
                    N(2.0),
                    N(9.0),
                    T("Keep visits up"),
                    T("Yes"),
                ],
                vec![T("P2"), T("Loans"), T("Tracking"), N(4.0), E, E, E, E],
                vec![T("P3"), T("Events"), T("Data"), N(5.0), E, E, E, T("No")],
            ],
        )],
    );
    let loaded = read(&path);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let p1 = ind(&loaded, "P1");
    assert_eq!(p1.title, "Visits");
    assert_eq!(p1.last_year.value, Some(d("2")));
    assert_eq!(p1.last_year_outturn.value, Some(d("9")));
    assert_eq!(p1.phrasing.as_deref(), Some("Keep visits up"));
    assert!(p1.illustrative);
    assert!(p1.extra.is_empty(), "{:?}", p1.extra);
    assert!(!ind(&loaded, "P3").illustrative);
    for r in ["P1", "P2", "P3"] {
        assert_eq!(ind(&loaded, r).polarity, Polarity::Info, "{r}");
    }
}

#[test]
fn a_row_of_periods_above_the_headers_is_not_the_header_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx(
        dir.path(),
        "two_rows.xlsx",
        &[
            (
                "Indicators",
                vec![
                    vec![E, E, E, T("Q3 2020/21"), T("Q3 2020/21"), T("Q2 2020/21")],
                    vec![
                        T("Ref"),
                        T("Indicator"),
                        T("Polarity"),
                        T("Value"),
                        T("Target"),
                        T("Previous"),
                    ],
                    vec![T("A1"), T("Rent"), T("Higher"), N(5.0), N(4.0), N(3.0)],
                ],
            ),
            ("Report", vec![vec![T("Period"), T("2020/21 Q3")]]),
        ],
    );
    let loaded = read(&path);
    let a = ind(&loaded, "A1");
    assert_eq!(a.actual.value, Some(d("5")));
    assert_eq!(a.previous.value, Some(d("3")));
    assert_eq!(a.source.row, 3);
}
