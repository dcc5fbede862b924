//! Where the council stands (SPEC §4b): the trend against the same period
//! last year and the standing against benchmarks, counted by the rules and
//! said in sentences that agree with the counts.

use crate::util::C::*;
use crate::util::*;

fn header() -> Vec<C> {
    [
        "Ref",
        "Indicator",
        "Unit",
        "Polarity",
        "Actual",
        "Target",
        "Last year",
        "National average",
        "Quartile",
    ]
    .into_iter()
    .map(T)
    .collect()
}

/// One row: ref, polarity, actual, last year, benchmark, quartile.
fn row(
    reference: &'static str,
    polarity: &'static str,
    actual: f64,
    last_year: Option<f64>,
    benchmark: Option<f64>,
    quartile: &'static str,
) -> Vec<C> {
    let title: &'static str = format!("Title {reference}").leak();
    vec![
        T(reference),
        T(title),
        T("Number"),
        T(polarity),
        N(actual),
        N(50.0),
        last_year.map_or(T(""), N),
        benchmark.map_or(T(""), N),
        T(quartile),
    ]
}

fn workbook(dir: &std::path::Path) -> std::path::PathBuf {
    let rows = vec![
        header(),
        // Six with a benchmark: three better, three worse, by polarity.
        row("B1", "Higher", 60.0, None, Some(50.0), "Top"),
        row("B2", "Lower", 40.0, None, Some(50.0), "Top"),
        row("B3", "Higher", 70.0, None, Some(65.0), "Top"),
        row("B4", "Higher", 40.0, None, Some(50.0), "Second"),
        row("B5", "Lower", 60.0, None, Some(50.0), "Bottom"),
        row("B6", "Higher", 30.0, None, Some(50.0), "Bottom"),
        // Ten with the same period last year: five improved, two held,
        // three worsened, by polarity.
        row("T1", "Higher", 60.0, Some(50.0), None, ""),
        row("T2", "Higher", 55.0, Some(50.0), None, ""),
        row("T3", "Lower", 40.0, Some(50.0), None, ""),
        row("T4", "Lower", 45.0, Some(50.0), None, ""),
        row("T5", "Higher", 51.0, Some(50.0), None, ""),
        row("T6", "Higher", 50.0, Some(50.0), None, ""),
        row("T7", "Lower", 30.0, Some(30.0), None, ""),
        row("T8", "Higher", 40.0, Some(50.0), None, ""),
        row("T9", "Lower", 60.0, Some(50.0), None, ""),
        row("T10", "Higher", 49.0, Some(50.0), None, ""),
        // For information only: in neither count.
        row("I1", "Info", 10.0, Some(5.0), Some(3.0), ""),
    ];
    xlsx(dir, "standing.xlsx", &[("Indicators", rows)])
}

#[test]
fn the_counts_in_json_are_the_indicators_on_each_side() {
    let dir = tempfile::tempdir().unwrap();
    let path = workbook(dir.path());
    let out = scorecard()
        .args(["report", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let summary = &json["summary"];
    assert_eq!(
        summary["trend"],
        serde_json::json!({ "improving": 5, "no_change": 2, "worsening": 3 })
    );
    assert_eq!(
        summary["benchmark"],
        serde_json::json!({
            "compared": 6, "better": 3, "same": 0, "worse": 3,
            "top_quartile": 3, "second_quartile": 1, "third_quartile": 0, "bottom_quartile": 2
        })
    );
    let b1 = &json["indicators"][0];
    assert_eq!(b1["benchmark_label"], "National average");
}

#[test]
fn the_paper_says_the_counts_and_names_the_worsened_and_bottom_quartile() {
    let dir = tempfile::tempdir().unwrap();
    let path = workbook(dir.path());
    let out = scorecard().arg("report").arg(&path).output().unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    for expected in [
        "Compared with the same period last year, 5 indicators improved, 2 held and 3 \
         worsened: Title T8 (T8), Title T9 (T9) and Title T10 (T10).",
        "6 indicators have a benchmark to compare with: 3 better than it, none the same and 3 \
         worse (Title B4 (B4), Title B5 (B5) and Title B6 (B6)).",
        "Of the 6 indicators with a benchmark quartile, 3 are in the top \
         quartile, 1 in the second and 2 in the bottom: Title B5 (B5) and Title B6 (B6).",
    ] {
        assert!(md.contains(expected), "missing: {expected}\n\n{md}");
    }
    let html = scorecard()
        .args(["report", "--format", "html"])
        .arg(&path)
        .output()
        .unwrap();
    let html = String::from_utf8(html.stdout).unwrap();
    assert!(html.contains(
        "<p class=\"standing\">Compared with the same period last year, 5 indicators improved"
    ));
}

#[test]
fn one_indicator_agrees_in_number() {
    let dir = tempfile::tempdir().unwrap();
    let rows = vec![
        header(),
        row("T1", "Higher", 60.0, Some(50.0), Some(55.0), "Bottom"),
    ];
    let path = xlsx(dir.path(), "one.xlsx", &[("Indicators", rows)]);
    let out = scorecard().arg("report").arg(&path).output().unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    for expected in [
        "Compared with the same period last year, 1 indicator improved, none held and none \
         worsened.",
        "1 indicator has a benchmark to compare with: 1 better than it, none the same and none \
         worse.",
        "Of the 1 indicator with a benchmark quartile, 1 is in the bottom \
         quartile: Title T1 (T1).",
    ] {
        assert!(md.contains(expected), "missing: {expected}\n\n{md}");
    }
}

#[test]
fn the_benchmark_is_printed_with_its_label_and_period() {
    // The header names the benchmark and its year; a Benchmark label cell
    // wins for its row. In focus, the benchmark is shown with its label.
    let dir = tempfile::tempdir().unwrap();
    let rows = vec![
        [
            "Ref",
            "Indicator",
            "Unit",
            "Polarity",
            "Actual",
            "Target",
            "National Average (2009/10)",
            "Benchmark label",
            "In focus",
        ]
        .into_iter()
        .map(T)
        .collect(),
        vec![
            T("A"),
            T("Visits"),
            T("Number"),
            T("Higher"),
            N(45.0),
            N(50.0),
            N(13.8),
            T(""),
            T("Yes"),
        ],
        vec![
            T("B"),
            T("Loans"),
            T("Number"),
            T("Higher"),
            N(45.0),
            N(50.0),
            N(40.0),
            T("Shire average (2010/11)"),
            T("Yes"),
        ],
    ];
    let path = xlsx(dir.path(), "label.xlsx", &[("Indicators", rows)]);
    let out = scorecard().arg("report").arg(&path).output().unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("| National Average (2009/10) 13.8 |"), "{md}");
    assert!(md.contains("| Shire average (2010/11) 40 |"), "{md}");
}

#[test]
fn none_improved_agrees_in_number() {
    let dir = tempfile::tempdir().unwrap();
    let rows = vec![
        header(),
        row("T1", "Higher", 50.0, Some(50.0), None, ""),
        row("T2", "Higher", 40.0, Some(50.0), None, ""),
    ];
    let path = xlsx(dir.path(), "none.xlsx", &[("Indicators", rows)]);
    let out = scorecard().arg("report").arg(&path).output().unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.contains(
            "Compared with the same period last year, none of the 2 indicators improved, 1 \
             held and 1 worsened: Title T2 (T2)."
        ),
        "{md}"
    );
}
