//! Every sentence on the paper agrees with its numbers and with the rules in
//! force: the RAG key and the summary at a tolerance of 0 and under each
//! policy, verbs that agree in number, judgements with their reasons, and
//! `explain` that names a tolerance's source only where it is one.

use crate::util::C::*;
use crate::util::*;
use std::path::{Path, PathBuf};

/// One workbook of the given indicator rows (Ref, Indicator, Unit, Polarity,
/// Actual, Target) for the period `period`, with `toml` beside it.
fn workbook(dir: &Path, period: &'static str, rows: Vec<Vec<C>>, toml: &str) -> PathBuf {
    let mut sheet = vec![indicator_header()];
    sheet.extend(rows);
    let path = xlsx(
        dir,
        "q.xlsx",
        &[
            ("Report", vec![vec![T("Period"), T(period)]]),
            ("Indicators", sheet),
        ],
    );
    std::fs::write(dir.join("scorecard.toml"), toml).unwrap();
    path
}

fn markdown(path: &Path) -> String {
    let out = scorecard().arg("report").arg(path).assert().code(0);
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

fn explain(path: &Path, reference: &str) -> String {
    let out = scorecard()
        .arg("explain")
        .arg(path)
        .arg(reference)
        .assert()
        .code(0);
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

fn missed() -> Vec<Vec<C>> {
    vec![vec![
        T("A1"),
        T("Visits"),
        T("Number"),
        T("Higher"),
        N(40.0),
        N(50.0),
    ]]
}

#[test]
fn at_a_tolerance_of_0_there_is_no_amber_and_no_sentence_says_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    let path = workbook(dir.path(), "2011/12 Q2", missed(), "[rag]\ntolerance = 0\n");
    let md = markdown(&path);
    assert!(
        md.contains("- **Red**: Off target. The tolerance is 0, so there is no Amber."),
        "{md}"
    );
    assert_eq!(
        md.matches("Amber").count(),
        1,
        "Amber only in \"no Amber\": {md}"
    );
    assert!(!md.contains("tolerance of 0"), "{md}");
    assert!(
        md.contains("none of the 1 rated indicator has met its target."),
        "{md}"
    );
    assert!(
        md.contains("1 indicator (100%) is off target (Red)."),
        "{md}"
    );
    assert!(!md.contains("beyond tolerance"), "{md}");
}

#[test]
fn under_met_or_missed_no_sentence_mentions_a_tolerance() {
    let dir = tempfile::tempdir().unwrap();
    let path = workbook(
        dir.path(),
        "2012/13 Q3",
        missed(),
        "[rag]\npolicy = \"met-or-missed\"\n",
    );
    let md = markdown(&path);
    let summary = md.split("## Recommendation").next().unwrap();
    assert!(
        summary.contains("1 indicator (100%) missed its target (Red)."),
        "{summary}"
    );
    assert!(!md.to_lowercase().contains("tolerance"), "{md}");
    let why = explain(&path, "A1");
    assert!(!why.contains("Tolerance:"), "{why}");
    assert!(!why.contains("scorecard.toml"), "{why}");
    assert!(
        why.contains("the target is missed, and this policy has no Amber"),
        "{why}"
    );
}

#[test]
fn explain_names_the_settings_file_only_when_it_sets_the_tolerance() {
    let dir = tempfile::tempdir().unwrap();
    let path = workbook(
        dir.path(),
        "2012/13 Q3",
        missed(),
        "[rag]\npolicy = \"tolerance\"\n",
    );
    let why = explain(&path, "A1");
    assert!(why.contains("(the built-in default)"), "{why}");
    assert!(!why.contains("scorecard.toml"), "{why}");
    std::fs::write(
        dir.path().join("scorecard.toml"),
        "[rag]\ntolerance = \"10%\"\n",
    )
    .unwrap();
    let why = explain(&path, "A1");
    assert!(why.contains("scorecard.toml"), "{why}");
}

#[test]
fn verbs_agree_with_their_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let met = vec![vec![
        T("A1"),
        T("Visits"),
        T("Number"),
        T("Higher"),
        N(60.0),
        N(50.0),
    ]];
    let path = workbook(dir.path(), "2012/13 Q3", met, "");
    let md = markdown(&path);
    assert!(
        md.contains("For quarter 3 2012/13 (October 2012 – December 2012), 1 of the 1 rated indicator (100%) has met its target."),
        "{md}"
    );
    let mut rows = missed();
    rows.push(vec![
        T("A2"),
        T("Loans"),
        T("Number"),
        T("Higher"),
        N(10.0),
        N(50.0),
    ]);
    let path = workbook(dir.path(), "2012/13 Q3", rows, "");
    let md = markdown(&path);
    assert!(
        md.contains("none of the 2 rated indicators have met their targets."),
        "{md}"
    );
    assert!(
        md.contains("2 indicators (100%) are off target beyond tolerance (Red)."),
        "{md}"
    );
}

#[test]
fn under_tolerance_and_trend_amber_is_said_to_come_from_the_trend() {
    let dir = tempfile::tempdir().unwrap();
    let mut header = indicator_header();
    header.push(T("Last year"));
    let rows = vec![
        header,
        vec![
            T("A1"),
            T("Visits"),
            T("Number"),
            T("Higher"),
            N(40.0),
            N(50.0),
            N(30.0),
        ],
    ];
    let path = xlsx(
        dir.path(),
        "q.xlsx",
        &[
            ("Report", vec![vec![T("Period"), T("2012/13 Q3")]]),
            ("Indicators", rows),
        ],
    );
    std::fs::write(
        dir.path().join("scorecard.toml"),
        "[rag]\npolicy = \"tolerance-and-trend\"\n",
    )
    .unwrap();
    let md = markdown(&path);
    assert!(
        md.contains("1 indicator (100%) is off target by more than the tolerance, but improved or held against last year (Amber)."),
        "{md}"
    );
    assert!(!md.contains("within tolerance (Amber)"), "{md}");
}

#[test]
fn a_profiled_tie_is_within_tolerance_on_the_paper_and_in_explain() {
    let dir = tempfile::tempdir().unwrap();
    let rows = vec![
        vec![
            T("Ref"),
            T("Indicator"),
            T("Unit"),
            T("Polarity"),
            T("Cumulative"),
            T("Actual"),
            T("Year end target"),
            T("Tolerance"),
        ],
        vec![
            T("C1"),
            T("Library visits"),
            T("Number"),
            T("Higher"),
            T("Yes"),
            N(60.0),
            N(100.0),
            T("10%"),
        ],
    ];
    let path = xlsx(
        dir.path(),
        "q.xlsx",
        &[
            ("Report", vec![vec![T("Period"), T("2018/19 M8")]]),
            ("Indicators", rows),
        ],
    );
    let md = markdown(&path);
    assert!(md.contains("(Amber)"), "a tie is within tolerance: {md}");
    let why = explain(&path, "C1");
    assert!(why.contains("Computed rating: Amber"), "{why}");
    assert!(why.contains("is within the tolerance of"), "{why}");
}

/// Rows with a RAG column: A1's judgement differs from the rules, A2's agrees.
fn judged(dir: &Path, toml: &str) -> PathBuf {
    let mut header = indicator_header();
    header.push(T("RAG"));
    header.push(T("RAG reason"));
    let rows = vec![
        header,
        vec![
            T("A1"),
            T("Alpha"),
            T("Number"),
            T("Higher"),
            N(50.0),
            N(60.0),
            T("Amber"),
            T("Plan agreed"),
        ],
        vec![
            T("A2"),
            T("Beta"),
            T("Number"),
            T("Higher"),
            N(70.0),
            N(60.0),
            T("Green"),
            E,
        ],
    ];
    let path = xlsx(
        dir,
        "q.xlsx",
        &[
            ("Report", vec![vec![T("Period"), T("2018/19 Q3")]]),
            ("Indicators", rows),
        ],
    );
    std::fs::write(dir.join("scorecard.toml"), toml).unwrap();
    path
}

#[test]
fn a_judgement_is_not_described_as_the_rules_rating() {
    let dir = tempfile::tempdir().unwrap();
    let path = judged(dir.path(), "[rag]\ntolerance = 0\n");
    let md = markdown(&path);
    assert!(!md.contains("within tolerance"), "{md}");
    assert!(
        md.contains("By the council's judgement (marked †, with its reason and the rules' rating beside it), 1 indicator is Amber."),
        "{md}"
    );
    assert!(
        md.contains("Amber† (judgement: Plan agreed; the rules give Red)"),
        "{md}"
    );
    // A RAG cell that agrees with the rules is no judgement.
    assert!(md.contains("| A2 | Beta | 70 | 60 | Green |"), "{md}");
    assert!(!md.contains("Green†"), "{md}");
    let path = judged(dir.path(), "[rag]\npolicy = \"met-or-missed\"\n");
    let md = markdown(&path);
    assert!(!md.to_lowercase().contains("tolerance"), "{md}");
}

#[test]
fn a_missed_target_never_prints_equal_to_its_figure() {
    let dir = tempfile::tempdir().unwrap();
    let rows = vec![vec![
        T("N1"),
        T("Computed"),
        T("Number"),
        T("Higher"),
        N(59.6),
        N(60.0),
    ]];
    let path = workbook(dir.path(), "2018/19 Q3", rows, "[rag]\ntolerance = 0\n");
    let md = markdown(&path);
    // 59.6 formatted to show "60" against a target of 60 would read "60
    // against 60"; the paper shows the decimal that makes the miss visible.
    assert!(md.contains("| N1 | Computed | 59.6 | 60.0 |"), "{md}");
    let why = explain(&path, "N1");
    assert!(!why.contains("missed by 0 "), "{why}");
}
