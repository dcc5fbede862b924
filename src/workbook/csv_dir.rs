//! A workbook kept as a directory of CSV files, one per sheet, named after the
//! sheet (`indicators.csv`, `actions.csv`, …).
//!
//! Files are UTF-8, with or without a byte-order mark. A file that is not valid
//! UTF-8 is read as Windows-1252, the encoding Excel uses for "CSV (Comma
//! delimited)" on Windows, so that a `£` survives. Every cell is text; the value
//! parser reads `55.1%`, `1,264` and the rest exactly as typed.

use super::{CellBudget, CellValue, DateSystem, Limits, Meter, Sheet, SheetSource, SourceKind};
use crate::error::{Error, Result};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A directory of CSV files.
pub struct CsvDirectory {
    files: BTreeMap<String, PathBuf>,
    order: Vec<String>,
    budget: CellBudget,
    limit_reached: Option<String>,
}

impl CsvDirectory {
    /// Lists the `.csv` files of a directory (not recursively).
    pub fn open(dir: &Path) -> Result<Self> {
        Self::open_with(dir, CellBudget::new(Limits::default()))
    }

    /// Lists the `.csv` files of a directory, to be read within `budget`.
    pub fn open_with(dir: &Path, budget: CellBudget) -> Result<Self> {
        let entries = std::fs::read_dir(dir).map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let mut files = BTreeMap::new();
        for entry in entries.flatten() {
            let path = entry.path();
            let is_csv = path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
            if is_csv && path.is_file() {
                if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
                    files.insert(stem.to_string(), path);
                }
            }
        }
        if files.is_empty() {
            return Err(Error::unreadable(
                dir,
                "the folder holds no .csv files; a workbook kept as CSV needs at least \
                 indicators.csv",
            ));
        }
        let order = files.keys().cloned().collect();
        Ok(CsvDirectory {
            files,
            order,
            budget,
            limit_reached: None,
        })
    }
}

/// Decodes file bytes: UTF-8 (BOM stripped), else Windows-1252.
fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    }
}

/// Why a CSV file was not read.
#[derive(Debug)]
pub enum CsvError {
    /// The file cannot be read as CSV.
    Damaged(String),
    /// The workbook is over one of the limits.
    Limit(String),
}

/// Parses CSV text into a sheet whose first line is row 1, every field and
/// line counted by `meter` as it is stored.
pub fn parse_csv(
    name: &str,
    text: &str,
    meter: &mut Meter,
) -> std::result::Result<Sheet, CsvError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    // Rows are placed as Excel would show the file: a blank line is a blank row,
    // and a quoted field spanning several lines stays in one row.
    let mut rows: Vec<Vec<CellValue>> = Vec::new();
    // The csv crate's line numbers skip blank lines, so count newlines up to each
    // record's byte offset instead.
    let mut embedded_newlines: u64 = 0;
    let mut counted_to = 0usize;
    let mut newlines_before = 0u64;
    // Where the last record starts (byte, row), to tell an unclosed quote.
    let mut last_record = (0usize, 0usize);
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            CsvError::Damaged(format!("record {} could not be read as CSV: {e}", i + 1))
        })?;
        let mut byte = record
            .position()
            .map_or(counted_to, |p| {
                usize::try_from(p.byte()).unwrap_or(usize::MAX)
            })
            .clamp(counted_to, text.len());
        // A record's position is where the blank lines before it begin.
        while matches!(text.as_bytes().get(byte), Some(b'\n' | b'\r')) {
            byte += 1;
        }
        newlines_before += text.as_bytes()[counted_to..byte]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u64;
        counted_to = byte;
        let row = newlines_before.saturating_sub(embedded_newlines) as usize;
        last_record = (byte, row);
        embedded_newlines += record
            .iter()
            .map(|f| f.matches('\n').count() as u64)
            .sum::<u64>();
        // Each line costs a row, each field a cell, blank or not.
        let blank_lines = row.saturating_sub(rows.len());
        meter
            .count_raw(
                (blank_lines + 1 + record.len()) as u64,
                record.as_slice().len() as u64,
            )
            .map_err(CsvError::Limit)?;
        if rows.len() < row {
            rows.resize(row, Vec::new());
        }
        rows.push(
            record
                .iter()
                .map(|field| {
                    if field.trim().is_empty() {
                        CellValue::Empty
                    } else {
                        CellValue::Text(field.to_string())
                    }
                })
                .collect(),
        );
    }
    meter.settle().map_err(CsvError::Limit)?;
    let mut sheet = Sheet::from_rows(name, (0, 0), rows);
    // A quote opened and never closed makes the rest of the file one cell:
    // the csv crate reads to the end, so say so rather than lose the rows.
    let (start, row) = last_record;
    let tail = text.get(start..).unwrap_or("");
    let swallowed = tail.trim_end().matches('\n').count();
    if tail.matches('"').count() % 2 == 1 && swallowed > 0 {
        sheet.notes.push(format!(
            "a quote opened in row {} is never closed, so the {swallowed} line{} after it \
             were read into one cell of that row; close the quote (or double a quote meant \
             as text: \"\")",
            row + 1,
            if swallowed == 1 { "" } else { "s" }
        ));
    }
    Ok(sheet)
}

impl SheetSource for CsvDirectory {
    fn kind(&self) -> SourceKind {
        SourceKind::CsvDirectory
    }

    fn sheet_names(&self) -> Vec<String> {
        self.order.clone()
    }

    fn date_system(&self) -> DateSystem {
        DateSystem::Excel1900
    }

    fn read_sheet(&mut self, name: &str) -> std::result::Result<Sheet, String> {
        let path = self
            .files
            .get(name)
            .ok_or_else(|| format!("there is no {name}.csv"))?;
        let size = std::fs::metadata(path).map_or(0, |m| m.len());
        let limits = self.budget.limits();
        if size > limits.unpacked_bytes() {
            let message = limits.too_large(&format!("{name}.csv"), size);
            self.limit_reached = Some(message.clone());
            return Err(message);
        }
        let bytes =
            std::fs::read(path).map_err(|e| format!("{} cannot be read: {e}", path.display()))?;
        // Windows-1252 text grows when decoded (one byte can become three):
        // the decoded size is held to the same limit as the file's.
        if std::str::from_utf8(&bytes).is_err() {
            let decoded: u64 = bytes.iter().map(|&b| if b < 0x80 { 1 } else { 3 }).sum();
            if decoded > limits.unpacked_bytes() {
                let message =
                    limits.too_large(&format!("{name}.csv (as Windows-1252 text)"), decoded);
                self.limit_reached = Some(message.clone());
                return Err(message);
            }
        }
        let mut meter = self.budget.meter(name);
        match parse_csv(name, &decode(&bytes), &mut meter) {
            Ok(sheet) => Ok(sheet),
            Err(CsvError::Damaged(reason)) => Err(reason),
            Err(CsvError::Limit(message)) => {
                self.limit_reached = Some(message.clone());
                Err(message)
            }
        }
    }

    fn limit_reached(&self) -> Option<String> {
        self.limit_reached.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn budget() -> CellBudget {
        CellBudget::new(Limits::default())
    }

    #[test]
    fn blank_lines_and_fields_count_towards_the_limit_as_they_are_read() {
        // A million blank lines before a record would be a million rows:
        // refused before they are made.
        let small = CellBudget::new(Limits {
            cells: 5_000,
            ..Limits::default()
        });
        let text = format!("Ref,Title{}A,B\n", "\n".repeat(1_000_000));
        match parse_csv("indicators", &text, &mut small.meter("indicators")) {
            Err(CsvError::Limit(message)) => {
                assert!(message.contains("more than 5000 cells"), "{message}")
            }
            other => panic!("{other:?}"),
        }
        let wide = format!("{}\n", vec!["1"; 6_000].join(","));
        let small = CellBudget::new(Limits {
            cells: 5_000,
            ..Limits::default()
        });
        assert!(matches!(
            parse_csv("indicators", &wide, &mut small.meter("indicators")),
            Err(CsvError::Limit(_))
        ));
    }

    #[test]
    fn an_unclosed_quote_is_named_not_silent() {
        let sheet = parse_csv(
            "indicators",
            "Ref,Title\nA,\"Visits\nB,Loans\nC,Hours\n",
            &mut budget().meter("indicators"),
        )
        .unwrap();
        assert_eq!(sheet.notes.len(), 1, "{:?}", sheet.notes);
        assert!(sheet.notes[0].contains("opened in row 2 is never closed, so the 2 lines"));
        let fine = parse_csv(
            "indicators",
            "Ref,Title\nA,\"Two\nlines\"\nB,\"say \"\"hi\"\"\"\n",
            &mut budget().meter("indicators"),
        )
        .unwrap();
        assert!(fine.notes.is_empty(), "{:?}", fine.notes);
    }

    #[test]
    fn bom_is_stripped_and_cp1252_decoded() {
        assert_eq!(decode(b"\xEF\xBB\xBFRef,Title"), "Ref,Title");
        assert_eq!(decode(b"\xA31.96m"), "\u{a3}1.96m");
        assert_eq!(decode("£5".as_bytes()), "£5");
    }

    #[test]
    fn ragged_rows_and_quotes() {
        let sheet = parse_csv(
            "indicators",
            "Ref,Title\n\"1,2\",\"multi\nline\",extra\n\nA,B\n",
            &mut budget().meter("indicators"),
        )
        .unwrap();
        assert_eq!(sheet.get(0, 0), &CellValue::Text("Ref".into()));
        assert_eq!(sheet.get(1, 0), &CellValue::Text("1,2".into()));
        assert_eq!(sheet.get(1, 1), &CellValue::Text("multi\nline".into()));
        assert_eq!(sheet.get(1, 2), &CellValue::Text("extra".into()));
        assert_eq!(sheet.get(0, 2), &CellValue::Empty);
        // The blank line is row 3; the next record is row 4, as in Excel.
        assert_eq!(sheet.get(2, 0), &CellValue::Empty);
        assert_eq!(sheet.get(3, 0), &CellValue::Text("A".into()));
    }
}
