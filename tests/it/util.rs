//! Helpers shared by the modules: the `scorecard` command, fixture workbooks
//! built in code (so every input is readable in the test), and reading one in
//! process.

use assert_cmd::Command;
use rust_decimal::Decimal;
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook, Worksheet};
use scorecard::model::Indicator;
use scorecard::{load, LoadOptions, Loaded, Severity};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The corpus of spreadsheets nobody here wrote: `SCORECARD_CORPUS`, else
/// `../shared/corpus` beside the repository, else the copy kept in
/// `tests/corpus`. A corpus test never passes with nothing checked: with
/// none of them there, it fails.
pub fn corpus_dir() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let candidates = std::env::var_os("SCORECARD_CORPUS")
        .map(PathBuf::from)
        .into_iter()
        .chain([root.join("../shared/corpus"), root.join("tests/corpus")]);
    for dir in candidates {
        if dir.is_dir() {
            return dir;
        }
    }
    panic!("no corpus: set SCORECARD_CORPUS, or keep tests/corpus in the repository");
}

/// The `scorecard` binary of this build.
pub fn scorecard() -> Command {
    Command::cargo_bin("scorecard").unwrap()
}

/// A cell to write.
#[derive(Clone)]
pub enum C {
    /// Text.
    T(&'static str),
    /// A plain number.
    N(f64),
    /// A number with a number format code.
    F(f64, &'static str),
    /// A number with a built-in number format index.
    I(f64, u8),
    /// A date cell.
    D(u16, u8, u8),
    /// A formula with a cached result.
    Formula(&'static str, &'static str),
    /// Nothing.
    E,
}

/// The header row of a minimal Indicators sheet: Ref, Indicator, Unit, Polarity,
/// Actual, Target.
pub fn indicator_header() -> Vec<C> {
    ["Ref", "Indicator", "Unit", "Polarity", "Actual", "Target"]
        .into_iter()
        .map(C::T)
        .collect()
}

/// [`indicator_header`] and a Y/E Target column.
pub fn indicator_header_with_year_end() -> Vec<C> {
    let mut header = indicator_header();
    header.push(C::T("Y/E Target"));
    header
}

/// Writes rows of cells into a worksheet starting at A1.
pub fn write_rows(ws: &mut Worksheet, rows: &[Vec<C>]) {
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell {
                C::T(s) => {
                    ws.write_string(r, c, *s).unwrap();
                }
                C::N(n) => {
                    ws.write_number(r, c, *n).unwrap();
                }
                C::F(n, code) => {
                    ws.write_number_with_format(r, c, *n, &Format::new().set_num_format(*code))
                        .unwrap();
                }
                C::I(n, idx) => {
                    ws.write_number_with_format(
                        r,
                        c,
                        *n,
                        &Format::new().set_num_format_index(*idx),
                    )
                    .unwrap();
                }
                C::D(y, m, d) => {
                    let dt = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                    ws.write_datetime_with_format(
                        r,
                        c,
                        &dt,
                        &Format::new().set_num_format("dd/mm/yyyy"),
                    )
                    .unwrap();
                }
                C::Formula(f, result) => {
                    ws.write_formula(r, c, Formula::new(*f).set_result(*result))
                        .unwrap();
                }
                C::E => {}
            }
        }
    }
}

/// Builds an .xlsx with the named sheets and saves it in `dir`.
pub fn xlsx(dir: &Path, name: &str, sheets: &[(&str, Vec<Vec<C>>)]) -> PathBuf {
    let mut wb = Workbook::new();
    for (sheet_name, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*sheet_name).unwrap();
        write_rows(ws, rows);
    }
    let path = dir.join(name);
    wb.save(&path).unwrap();
    path
}

/// Rewrites one part of an .xlsx (a zip) with `edit`.
pub fn patch_zip_part(path: &Path, part: &str, edit: impl Fn(String) -> String) {
    let bytes = std::fs::read(path).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if name == part {
            data = edit(String::from_utf8(data).unwrap()).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    let cursor = out.finish().unwrap();
    std::fs::write(path, cursor.into_inner()).unwrap();
}

/// Writes a minimal OpenDocument spreadsheet whose single sheet has `table_xml`.
pub fn ods(dir: &Path, name: &str, sheet: &str, rows_xml: &str) -> PathBuf {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="{sheet}">{rows_xml}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let path = dir.join(name);
    let mut out = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    out.start_file("mimetype", stored).unwrap();
    out.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    out.start_file("META-INF/manifest.xml", stored).unwrap();
    out.write_all(manifest.as_bytes()).unwrap();
    out.start_file("content.xml", stored).unwrap();
    out.write_all(content.as_bytes()).unwrap();
    out.finish().unwrap();
    path
}

/// An ods text cell.
pub fn ods_text(s: &str) -> String {
    format!(
        r#"<table:table-cell office:value-type="string"><text:p>{s}</text:p></table:table-cell>"#
    )
}

/// An ods float cell.
pub fn ods_float(v: &str) -> String {
    format!(
        r#"<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>"#
    )
}

/// An ods percentage cell.
pub fn ods_percent(v: &str) -> String {
    format!(
        r#"<table:table-cell office:value-type="percentage" office:value="{v}"><text:p>{v}</text:p></table:table-cell>"#
    )
}

/// A decimal from its digits.
pub fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// Reads a workbook in process with the default options; an unreadable one
/// fails the test.
pub fn read(path: &Path) -> Loaded {
    load(path, &LoadOptions::default()).unwrap_or_else(|e| panic!("{e}"))
}

/// The indicator with this ref.
pub fn ind<'a>(loaded: &'a Loaded, reference: &str) -> &'a Indicator {
    loaded
        .scorecard
        .indicators
        .iter()
        .find(|i| i.reference == reference)
        .unwrap_or_else(|| panic!("no indicator {reference}"))
}

/// The diagnostics at a location (`Indicators!F12`).
pub fn at(loaded: &Loaded, location: &str) -> Vec<(Severity, String)> {
    loaded
        .diagnostics
        .iter()
        .filter(|d| d.location() == location)
        .map(|d| (d.severity, d.message.clone()))
        .collect()
}
