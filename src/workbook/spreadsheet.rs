//! Spreadsheet files (.xlsx, .xlsm, .xlsb, .xls, .ods) read through calamine.
//!
//! Percent formats: for .xlsx/.xlsm, calamine's `worksheet_style` reads each
//! cell's `s` attribute through `cellXfs` to its number format (built-in ids 9
//! and 10, or a custom code), and [`super::formats::shows_percent`] decides. For
//! .ods, [`super::ods`] reads `office:value-type="percentage"` in a light second
//! pass over `content.xml`. For .xls/.xlsb the format is [`NumberFormat::Unknown`].

use super::{
    ods, CellValue, DateSystem, MergedRegion, NumberFormat, Sheet, SheetSource, SourceKind,
};
use crate::error::{Error, Result};
use calamine::{open_workbook_auto, Data, Reader, SheetVisible, Sheets, StyleRange};
use chrono::NaiveDate;
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

/// A spreadsheet file opened with calamine.
pub struct Spreadsheet {
    kind: SourceKind,
    sheets: Sheets<BufReader<File>>,
    ods_percent: Option<ods::PercentCells>,
}

impl Spreadsheet {
    /// Opens a spreadsheet, choosing the reader from the extension.
    pub fn open(path: &Path) -> Result<Self> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        let kind = match ext.as_str() {
            "xlsx" | "xlsm" | "xlam" => SourceKind::Xlsx,
            "xlsb" => SourceKind::Xlsb,
            "xls" | "xla" => SourceKind::Xls,
            "ods" => SourceKind::Ods,
            _ => {
                let what = if ext.is_empty() {
                    "the file has no extension".to_string()
                } else {
                    format!("'.{ext}' is not a spreadsheet extension")
                };
                return Err(Error::Unreadable {
                    path: path.to_path_buf(),
                    reason: format!(
                        "{what}; use .xlsx, .xlsm, .xlsb, .xls, .ods or a folder of .csv files"
                    ),
                });
            }
        };
        let sheets = open_workbook_auto(path).map_err(|e| Error::Unreadable {
            path: path.to_path_buf(),
            reason: plain_reason(kind, &e.to_string()),
        })?;
        let ods_percent = if kind == SourceKind::Ods {
            Some(
                ods::percent_cells(path).map_err(|reason| Error::Unreadable {
                    path: path.to_path_buf(),
                    reason,
                })?,
            )
        } else {
            None
        };
        Ok(Spreadsheet {
            kind,
            sheets,
            ods_percent,
        })
    }

    fn styles(&mut self, name: &str) -> StyleRange {
        match &mut self.sheets {
            Sheets::Xlsx(x) => x.worksheet_style(name).unwrap_or_default(),
            _ => StyleRange::default(),
        }
    }

    fn merged_regions(&mut self, name: &str) -> Vec<MergedRegion> {
        let dims = match &mut self.sheets {
            Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
            Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
            _ => Vec::new(),
        };
        dims.into_iter().map(|d| (d.start, d.end)).collect()
    }

    fn number_format(
        &self,
        name: &str,
        styles: &StyleRange,
        pos: (u32, u32),
        v: f64,
    ) -> NumberFormat {
        match self.kind {
            SourceKind::Xlsx => match styles.get(pos).and_then(|s| s.number_format.as_ref()) {
                Some(nf) if super::formats::shows_percent(&nf.format_code, v) => {
                    NumberFormat::Percent
                }
                _ => NumberFormat::Plain,
            },
            SourceKind::Ods => match &self.ods_percent {
                Some(p) if p.contains(name, pos.0, pos.1) => NumberFormat::Percent,
                _ => NumberFormat::Plain,
            },
            _ => NumberFormat::Unknown,
        }
    }
}

/// A short, plain explanation of why calamine could not open a file.
fn plain_reason(kind: SourceKind, detail: &str) -> String {
    let lower = detail.to_ascii_lowercase();
    if lower.contains("password") || lower.contains("encrypt") {
        return "the workbook is password-protected; save an unprotected copy and try again"
            .to_string();
    }
    let what = match kind {
        SourceKind::Xlsx => "an Excel .xlsx/.xlsm workbook",
        SourceKind::Xlsb => "an Excel binary .xlsb workbook",
        SourceKind::Xls => "an Excel 97-2003 .xls workbook",
        SourceKind::Ods => "an OpenDocument .ods spreadsheet",
        SourceKind::CsvDirectory => "a folder of CSV files",
    };
    format!(
        "it does not look like {what} (it may be another kind of file renamed, or damaged). \
         Open it in Excel or LibreOffice and save it again. Detail: {detail}"
    )
}

/// The date of an Excel serial number in the given date system, if it is in range.
pub fn serial_to_date(serial: f64, system: DateSystem) -> Option<NaiveDate> {
    if !serial.is_finite() || !(0.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    match system {
        DateSystem::Excel1904 => {
            NaiveDate::from_ymd_opt(1904, 1, 1)?.checked_add_days(chrono::Days::new(days as u64))
        }
        DateSystem::Excel1900 => {
            if days < 1 {
                return None;
            }
            // Serial 60 is Excel's fictitious 29 February 1900; later serials are one
            // day ahead of a true count from 31 December 1899.
            let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
            let days = if days < 60 { days + 1 } else { days };
            base.checked_add_days(chrono::Days::new(days as u64))
        }
    }
}

impl SheetSource for Spreadsheet {
    fn kind(&self) -> SourceKind {
        self.kind
    }

    fn sheet_names(&self) -> Vec<String> {
        self.sheets.sheet_names()
    }

    fn date_system(&self) -> DateSystem {
        let is_1904 = match &self.sheets {
            Sheets::Xlsx(x) => x.has_1904_epoch(),
            Sheets::Xls(x) => x.has_1904_epoch(),
            Sheets::Xlsb(x) => x.has_1904_epoch(),
            Sheets::Ods(_) => false,
        };
        if is_1904 {
            DateSystem::Excel1904
        } else {
            DateSystem::Excel1900
        }
    }

    fn read_sheet(&mut self, name: &str) -> std::result::Result<Sheet, String> {
        let range = self
            .sheets
            .worksheet_range(name)
            .map_err(|e| format!("the sheet could not be read: {e}"))?;
        let visible = self
            .sheets
            .sheets_metadata()
            .iter()
            .find(|s| s.name == name)
            .is_none_or(|s| s.visible == SheetVisible::Visible);
        let styles = self.styles(name);
        let origin = range.start().unwrap_or((0, 0));
        let mut rows = Vec::with_capacity(range.height());
        for (r, row) in range.rows().enumerate() {
            let abs_row = origin.0.saturating_add(r as u32);
            let mut cells = Vec::with_capacity(row.len());
            for (c, data) in row.iter().enumerate() {
                let abs_col = origin.1.saturating_add(c as u32);
                cells.push(self.convert(name, &styles, (abs_row, abs_col), data));
            }
            rows.push(cells);
        }
        let mut sheet = Sheet::from_rows(name, origin, rows);
        sheet.visible = visible;
        let merged = self.merged_regions(name);
        sheet.fill_merged_down(&merged);
        Ok(sheet)
    }
}

impl Spreadsheet {
    fn convert(&self, name: &str, styles: &StyleRange, pos: (u32, u32), data: &Data) -> CellValue {
        match data {
            Data::Empty => CellValue::Empty,
            Data::Int(i) => CellValue::Number {
                value: *i as f64,
                format: self.number_format(name, styles, pos, *i as f64),
            },
            Data::Float(f) => CellValue::Number {
                value: *f,
                format: self.number_format(name, styles, pos, *f),
            },
            Data::String(s) => CellValue::Text(s.clone()),
            Data::Bool(b) => CellValue::Bool(*b),
            Data::DateTime(dt) => match excel_date(dt) {
                Some(d) => CellValue::Date(d),
                None => CellValue::Number {
                    value: dt.as_f64(),
                    format: NumberFormat::Plain,
                },
            },
            Data::DateTimeIso(s) => match s
                .get(..10)
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            {
                Some(d) => CellValue::Date(d),
                None => CellValue::Text(s.clone()),
            },
            Data::DurationIso(s) => CellValue::Text(s.clone()),
            Data::Error(e) => CellValue::Error(e.to_string()),
        }
    }
}

/// The date of a date-formatted cell, using the epoch calamine recorded for it.
/// Durations and serials outside Excel's range are not dates.
fn excel_date(dt: &calamine::ExcelDateTime) -> Option<NaiveDate> {
    let serial = dt.as_f64();
    if !dt.is_datetime() || !serial.is_finite() || !(0.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let (y, m, d, ..) = dt.to_ymd_hms_milli();
    NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_in_both_systems() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(
            serial_to_date(41439.0, DateSystem::Excel1900),
            d(2013, 6, 14)
        );
        assert_eq!(
            serial_to_date(41439.0 - 1462.0, DateSystem::Excel1904),
            d(2013, 6, 14)
        );
        assert_eq!(serial_to_date(1.0, DateSystem::Excel1900), d(1900, 1, 1));
        assert_eq!(serial_to_date(59.0, DateSystem::Excel1900), d(1900, 2, 28));
        assert_eq!(serial_to_date(61.0, DateSystem::Excel1900), d(1900, 3, 1));
        assert_eq!(serial_to_date(0.0, DateSystem::Excel1904), d(1904, 1, 1));
        assert_eq!(serial_to_date(-1.0, DateSystem::Excel1900), None);
        assert_eq!(serial_to_date(f64::NAN, DateSystem::Excel1900), None);
        assert_eq!(serial_to_date(1e12, DateSystem::Excel1900), None);
    }
}
