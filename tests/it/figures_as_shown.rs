//! Every figure on the paper shows at least as many decimals as its cell shows
//! (SPEC §1.1 `decimals`): the decimals of the cell's number format, else those
//! typed, the most among an indicator's own cells for what is worked out from
//! them, and the unit's default only where nothing says.

use crate::util::C::*;
use crate::util::*;
use predicates::prelude::*;
use proptest::prelude::*;
use rust_xlsxwriter::{Format as XlsxFormat, Workbook};
use scorecard::report::{renderer, Format, Part, RatedReport};
use std::path::{Path, PathBuf};

fn header() -> Vec<C> {
    [
        "Ref",
        "Indicator",
        "Unit",
        "Polarity",
        "Actual",
        "Previous",
        "Target",
        "Numerator",
        "Denominator",
        "Decimals",
    ]
    .into_iter()
    .map(T)
    .collect()
}

/// One indicator per way a cell can say how many decimals it shows.
#[rustfmt::skip]
fn fixture(dir: &Path) -> PathBuf {
    let row = |cells: [C; 10]| cells.to_vec();
    xlsx(
        dir,
        "shown.xlsx",
        &[
            ("Report", vec![vec![T("Period"), T("2012/13 Q3")]]),
            (
                "Indicators",
                vec![
                    header(),
                    row([T("D1"), T("Days to process a claim"), T("days"), T("Lower"), F(1.58, "0.00"), F(1.62, "0.00"), N(2.0), E, E, E]),
                    row([T("G1"), T("Share of calls answered"), T("Number"), T("Higher"), N(0.45), E, N(0.5), E, E, E]),
                    row([T("B1"), T("Ratio of spend to budget"), T("Number"), T("Band"), N(0.58), E, T("0.5-0.55"), E, E, E]),
                    row([T("P1"), T("Residents satisfied"), T("%"), T("Higher"), F(0.551, "0.0%"), E, F(0.6, "0.0%"), E, E, E]),
                    row([T("P2"), T("Invoices paid on time"), T("%"), T("Higher"), F(0.5512, "0.00%"), E, I(0.6, 9), E, E, E]),
                    row([T("C1"), T("Spend per resident"), T("\u{a3}"), T("Lower"), I(1234.5, 4), E, F(1300.0, "\"\u{a3}\"#,##0"), E, E, E]),
                    row([T("C2"), T("Cost per case"), T("\u{a3}"), T("Lower"), I(1234.5, 7), E, I(1300.0, 5), E, E, E]),
                    row([T("N1"), T("Reviews on time"), T("%"), T("Higher"), E, E, F(0.6, "0.00%"), N(45.0), N(77.0), E]),
                    row([T("N2"), T("Assessments on time"), T("%"), T("Higher"), E, E, T("60%"), N(45.0), N(77.0), E]),
                    row([T("X1"), T("Days lost to sickness"), T("days"), T("Lower"), F(1.58, "0.00"), E, N(2.0), E, E, N(1.0)]),
                ],
            ),
        ],
    )
}

fn report(path: &Path, format: &str) -> String {
    let out = scorecard()
        .args(["report", "--format", format])
        .arg(path)
        .assert()
        .code(0);
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn the_paper_shows_each_figure_as_its_cell_does() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let md = report(&path, "md");
    for row in [
        // `0.00`: 1.58 days, never 1.6; the General 2 beside it as many places.
        "| D1 | Days to process a claim | 1.58 days | 2.00 days | Green | \u{2191} Improving |",
        // General 0.45 as typed.
        "| G1 | Share of calls answered | 0.45 | 0.50 |",
        // A band typed `0.5-0.55`: never 0.5–0.6, never 1–1.
        "| B1 | Ratio of spend to budget | 0.58 | 0.50\u{2013}0.55 |",
        // `0.0%` on 0.551; `0.00%` and the built-in `0%` (id 9).
        "| P1 | Residents satisfied | 55.1% | 60.0% |",
        "| P2 | Invoices paid on time | 55.12% | 60.00% |",
        // The built-in `#,##0.00` (id 4) beside `"£"#,##0`.
        "| C1 | Spend per resident | \u{a3}1,234.50 | \u{a3}1,300.00 |",
        // The built-in currency formats calamine does not name (ids 5 and 7).
        "| C2 | Cost per case | \u{a3}1,234.50 | \u{a3}1,300.00 |",
        // Numerator ÷ denominator: as many decimals as the indicator's cells
        // show, and the unit's default never overrides what the cells say.
        "| N1 | Reviews on time | 58.44% | 60.00% |",
        "| N2 | Assessments on time | 58% | 60% |",
        // The Decimals column still decides when it is given.
        "| X1 | Days lost to sickness | 1.6 days | 2.0 days |",
    ] {
        assert!(md.contains(row), "missing: {row}\n\n{md}");
    }
    assert!(
        md.contains("Keep ratio of spend to budget within 0.50\u{2013}0.55"),
        "{md}"
    );
    let html = report(&path, "html");
    for figure in [
        "1.58 days",
        "0.45",
        "0.50\u{2013}0.55",
        "55.1%",
        "55.12%",
        "58.44%",
    ] {
        assert!(html.contains(figure), "missing: {figure}");
    }
}

#[test]
fn explain_shows_figures_as_the_report_does() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    scorecard()
        .arg("explain")
        .arg(&path)
        .arg("D1")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Actual: 1.58 days."))
        .stdout(predicate::str::contains("Target used: 2.00 days"))
        .stdout(predicate::str::contains("1.58 days against 1.62 days"));
    scorecard()
        .arg("explain")
        .arg(&path)
        .arg("B1")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Target used: 0.50\u{2013}0.55"));
}

#[test]
fn json_keeps_exact_values_and_says_the_precision() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let json: serde_json::Value = serde_json::from_str(&report(&path, "json")).unwrap();
    let by_ref = |r: &str| {
        json["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["ref"] == r)
            .unwrap()
            .clone()
    };
    let d1 = by_ref("D1");
    assert_eq!(d1["actual"].to_string(), "1.58");
    assert_eq!(d1["decimals"], 2);
    let x1 = by_ref("X1");
    assert_eq!(x1["actual"].to_string(), "1.58", "rounded for display only");
    assert_eq!(x1["decimals"], 1);
    assert_eq!(by_ref("P1")["actual"].to_string(), "55.1");
    assert_eq!(by_ref("N2")["decimals"], 0);
}

#[test]
fn csv_text_shows_the_decimals_typed() {
    let dir = tempfile::tempdir().unwrap();
    let wb = dir.path().join("wb");
    std::fs::create_dir(&wb).unwrap();
    std::fs::write(
        wb.join("indicators.csv"),
        "Ref,Indicator,Unit,Polarity,Actual,Target\n\
         A1,Share answered,%,Higher,55.10%,60%\n\
         B1,Ratio of spend,Number,Band,0.52,0.5-0.55\n\
         C1,Visits,Number,Higher,\"1,264\",\"1,200.5\"\n",
    )
    .unwrap();
    let md = report(&wb, "md");
    for row in [
        "| A1 | Share answered | 55.10% | 60.00% |",
        "| B1 | Ratio of spend | 0.52 | 0.50\u{2013}0.55 |",
        "| C1 | Visits | 1,264.0 | 1,200.5 |",
    ] {
        assert!(md.contains(row), "missing: {row}\n\n{md}");
    }
}

/// Writes `cents / 100` into a `0.00` cell of a one-indicator workbook.
fn two_places_workbook(dir: &Path, cents: i64, unit: &str) -> PathBuf {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Indicators").unwrap();
    for (c, h) in ["Ref", "Indicator", "Unit", "Polarity", "Actual", "Target"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "A1").unwrap();
    ws.write_string(1, 1, "Figure").unwrap();
    ws.write_string(1, 2, unit).unwrap();
    ws.write_string(1, 3, "Higher").unwrap();
    let two = XlsxFormat::new().set_num_format("0.00");
    ws.write_number_with_format(1, 4, cents as f64 / 100.0, &two)
        .unwrap();
    ws.write_number(1, 5, 10.0).unwrap();
    let path = dir.join(format!("p{cents}.xlsx"));
    wb.save(&path).unwrap();
    path
}

/// `cents / 100` with thousands separators and exactly two decimals.
fn two_places(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let whole = (cents.unsigned_abs() / 100).to_string();
    let mut grouped = String::new();
    for (i, ch) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    format!("{sign}{grouped}.{:02}", cents.unsigned_abs() % 100)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any value written with a `0.00` number format appears in the Markdown
    /// report with exactly two decimals, whatever the unit's default.
    #[test]
    fn a_two_place_cell_is_shown_with_two_places(
        cents in -100_000_000_000i64..100_000_000_000,
        unit in prop::sample::select(vec!["Number", "days", "%", "\u{a3}", "per 1,000"]),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = two_places_workbook(dir.path(), cents, unit);
        let prepared = scorecard::pipeline::prepare(&path, None).unwrap();
        let md = renderer(Format::Md, Default::default())
            .unwrap()
            .render_to_string(&RatedReport {
                rated: &prepared.rated,
                diagnostics: &prepared.diagnostics,
                part: Part::AgendaItem,
                charts: true,
            })
            .unwrap();
        let figure = two_places(cents);
        let shown = match unit {
            "%" => format!("{figure}%"),
            "days" => format!("{figure} days"),
            "per 1,000" => format!("{figure} per 1,000"),
            "\u{a3}" => match figure.strip_prefix('-') {
                Some(rest) => format!("-\u{a3}{rest}"),
                None => format!("\u{a3}{figure}"),
            },
            _ => figure,
        };
        let row = format!("| A1 | Figure | {shown} |");
        prop_assert!(md.contains(&row), "missing: {}\n\n{}", row, md);
    }
}
