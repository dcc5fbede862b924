//! Reading files of each kind in process: a folder of CSV files, OpenDocument,
//! files that are not workbooks, an empty workbook, and a stray far cell.

use crate::util::C::*;
use crate::util::*;
use scorecard::model::{Target, Unit};
use scorecard::{load, LoadOptions, Severity};

#[test]
fn csv_directory_with_bom() {
    let dir = tempfile::tempdir().unwrap();
    let wb = dir.path().join("q4");
    std::fs::create_dir(&wb).unwrap();
    std::fs::write(
        wb.join("indicators.csv"),
        "\u{feff}Ref,Indicator,Unit,Polarity,Actual,Target\n\
         1C,Self-directed support,%,Bigger is better,45%,49.6%\n\
         \n\
         V1,Visits,Number,H,\"110,700\",151k\n\
         V2,Bad,%,H,#DIV/0!,1\n",
    )
    .unwrap();
    std::fs::write(wb.join("report.csv"), "Period,Nov 2018\nCommittee,Adults\n").unwrap();
    let loaded = read(&wb);
    assert_eq!(loaded.scorecard.indicators.len(), 3);
    let ssd = ind(&loaded, "1C");
    assert_eq!(ssd.actual.value, Some(d("45")));
    assert_eq!(ssd.target, Some(Target::Value { value: d("49.6") }));
    assert_eq!(ind(&loaded, "V1").actual.value, Some(d("110700")));
    // Row 5 of the file, after the blank line, as Excel would number it.
    let err = at(&loaded, "indicators!E5");
    assert_eq!(err[0].0, Severity::Error, "{:#?}", loaded.diagnostics);
    assert_eq!(loaded.scorecard.period.as_ref().unwrap().months_elapsed, 8);
    assert_eq!(loaded.scorecard.meta.get("committee"), Some("Adults"));
}

#[test]
fn ods_percentages_are_read_as_shown() {
    let dir = tempfile::tempdir().unwrap();
    let row = |cells: &[String]| format!("<table:table-row>{}</table:table-row>", cells.concat());
    let rows = [
        row(&[ods_text("Scorecard for November")]),
        "<table:table-row table:number-rows-repeated=\"2\"><table:table-cell/></table:table-row>"
            .to_string(),
        row(&[
            ods_text("Ref"),
            ods_text("Indicator"),
            ods_text("Actual"),
            ods_text("Target"),
            ods_text("Polarity"),
        ]),
        row(&[
            ods_text("O1"),
            ods_text("Percent cell"),
            ods_percent("0.551"),
            ods_float("48.5"),
            ods_text("Higher"),
        ]),
        row(&[
            ods_text("O2"),
            ods_text("Plain"),
            ods_float("55.1"),
            ods_percent("0.5"),
            ods_text("Higher"),
        ]),
    ]
    .concat();
    let path = ods(dir.path(), "q.ods", "Indicators", &rows);
    let loaded = read(&path);
    assert_eq!(
        loaded.count(Severity::Error),
        0,
        "{:#?}",
        loaded.diagnostics
    );
    let o1 = ind(&loaded, "O1");
    assert_eq!(o1.actual.value, Some(d("55.1")));
    assert_eq!(o1.unit, Unit::Percent);
    assert_eq!(o1.source.row, 5);
    let o2 = ind(&loaded, "O2");
    assert_eq!(o2.actual.value, Some(d("55.1")));
    assert_eq!(o2.target, Some(Target::Value { value: d("50") }));
}

#[test]
fn unreadable_files_are_one_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.xlsx");
    std::fs::write(&empty, b"").unwrap();
    let e = load(&empty, &LoadOptions::default())
        .unwrap_err()
        .to_string();
    assert!(e.contains("empty (0 bytes)"), "{e}");

    let text = dir.path().join("notes.xlsx");
    std::fs::write(&text, b"Ref,Indicator\nthis is not a spreadsheet\n").unwrap();
    let e = load(&text, &LoadOptions::default())
        .unwrap_err()
        .to_string();
    assert!(e.contains("does not look like an Excel .xlsx"), "{e}");

    let missing = dir.path().join("missing.xlsx");
    let e = load(&missing, &LoadOptions::default())
        .unwrap_err()
        .to_string();
    assert!(e.contains("cannot open"), "{e}");

    let txt = dir.path().join("notes.txt");
    std::fs::write(&txt, b"hello").unwrap();
    let e = load(&txt, &LoadOptions::default()).unwrap_err().to_string();
    assert!(e.contains("not a spreadsheet extension"), "{e}");
}

#[test]
fn an_empty_workbook_is_not_a_scorecard() {
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx(dir.path(), "blank.xlsx", &[("Sheet1", vec![])]);
    let loaded = read(&path);
    assert_eq!(loaded.scorecard.indicators.len(), 0);
    assert_eq!(loaded.count(Severity::Error), 1);
    assert!(loaded.diagnostics[0]
        .message
        .contains("not a scorecard workbook"));
    assert!(loaded.diagnostics[0].message.contains("'Sheet1'"));

    let path = xlsx(
        dir.path(),
        "empty-indicators.xlsx",
        &[("Indicators", vec![])],
    );
    let loaded = read(&path);
    assert_eq!(loaded.count(Severity::Error), 1);
    assert!(
        loaded.diagnostics[0].message.contains("empty"),
        "{:?}",
        loaded.diagnostics
    );
}

#[test]
fn a_stray_far_cell_costs_one_cell_not_a_grid() {
    // One value at XFD100001 once made a dense grid of 1.6 billion cells.
    let dir = tempfile::tempdir().unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Indicators").unwrap();
    write_rows(
        ws,
        &[
            indicator_header(),
            vec![
                T("PI 1"),
                T("Visits"),
                T("Number"),
                T("Higher"),
                N(110.0),
                N(100.0),
            ],
        ],
    );
    ws.write_string(100_000, 16_383, "stray").unwrap();
    let path = dir.path().join("far.xlsx");
    wb.save(&path).unwrap();
    let loaded = read(&path);
    assert_eq!(loaded.scorecard.indicators.len(), 1);
    assert_eq!(ind(&loaded, "PI 1").actual.value, Some(d("110")));
}
