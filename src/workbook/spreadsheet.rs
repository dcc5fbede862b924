//! Spreadsheet files (.xlsx, .xlsm, .xlsb, .xls, .ods) read through calamine.
//!
//! Number formats: for .xlsx/.xlsm, calamine reads each cell's `s` attribute
//! through `cellXfs` to its number format (a built-in id or a custom code), and
//! [`super::formats::shown`] decides whether it shows a percentage and how many
//! decimals it shows. For .ods, [`super::ods`] reads
//! `office:value-type="percentage"` in a light second pass over `content.xml`;
//! its decimals are those typed. For .xls/.xlsb the format is
//! [`NumberFormat::Unknown`] and the decimals are those typed.

use super::formats::Shown;
use super::xlsx_merges::{XlsxMerges, MAX_MERGES};
use super::{
    ods, CellBudget, CellValue, DateSystem, Limits, MergedRegion, NumberFormat, Sheet,
    SheetBuilder, SheetSource, SourceKind,
};
use crate::error::{Error, Result};
use calamine::{open_workbook_auto, Data, Reader, SheetVisible, Sheets};
use chrono::NaiveDate;
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

/// A spreadsheet file opened with calamine.
pub struct Spreadsheet {
    kind: SourceKind,
    sheets: Sheets<BufReader<File>>,
    ods_percent: Option<ods::PercentCells>,
    merges: Option<XlsxMerges>,
    budget: CellBudget,
    limit_reached: Option<String>,
}

impl Spreadsheet {
    /// Opens a spreadsheet, choosing the reader from the extension.
    pub fn open(path: &Path) -> Result<Self> {
        Self::open_with(path, CellBudget::new(Limits::default()))
    }

    /// Opens a spreadsheet to be read within `budget`. A zip-based file
    /// (.xlsx, .xlsm, .xlsb, .ods) is checked first: one that unpacks to more
    /// than the limit, or whose shared-string table claims more strings than
    /// its bytes could hold, is refused before the spreadsheet library sizes
    /// anything by it.
    pub fn open_with(path: &Path, budget: CellBudget) -> Result<Self> {
        let limits = budget.limits();
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
                return Err(Error::unreadable(
                    path,
                    format!(
                        "{what}; use .xlsx, .xlsm, .xlsb, .xls, .ods or a folder of .csv files"
                    ),
                ));
            }
        };
        if kind == SourceKind::Xls {
            use super::xls_guard::Refusal;
            super::xls_guard::check(path, limits).map_err(|refusal| match refusal {
                Refusal::Limit(message) => Error::Limit {
                    path: path.to_path_buf(),
                    message,
                },
                Refusal::Damaged(reason) => Error::unreadable(path, reason),
            })?;
        } else {
            super::package::check(path, kind, limits)?;
        }
        // The .ods pass runs first: calamine spells out every repeated row and
        // column of a sheet when it opens the file, so a sheet that repeats
        // an empty cell a billion times is refused before that.
        let ods_percent = (kind == SourceKind::Ods).then(|| ods::percent_cells(path));
        if let Some(Ok(p)) = &ods_percent {
            let refuse = |message: String| Error::Limit {
                path: path.to_path_buf(),
                message,
            };
            if p.largest_sheet_cells > limits.cells as u64 {
                return Err(refuse(limits.too_many_cells(&p.largest_sheet)));
            }
            if p.all_sheets_cells > limits.cells as u64 {
                return Err(refuse(format!(
                    "its sheets together span {} cells once repeated rows and columns are \
                     spelled out, beyond the limit of {}; if the workbook really is this large, \
                     raise it in scorecard.toml with [limits] cells = {}",
                    p.all_sheets_cells, limits.cells, p.all_sheets_cells
                )));
            }
            if p.all_sheets_text > limits.unpacked_bytes() {
                let mib = p.all_sheets_text.div_ceil(1 << 20);
                return Err(refuse(format!(
                    "the text in its cells comes to about {mib} MiB once repeated cells are \
                     spelled out, beyond the limit of {} MiB; if the workbook really is this \
                     large, raise it in scorecard.toml with [limits] unpacked_mib = {mib}",
                    limits.unpacked_mib
                )));
            }
        }
        let sheets = open_workbook_auto(path).map_err(|e| Error::Unreadable {
            path: path.to_path_buf(),
            reason: plain_reason(kind, &e.to_string()),
            source: Some(Box::new(e)),
        })?;
        let ods_percent = match ods_percent {
            Some(Ok(p)) => Some(p),
            Some(Err(reason)) => return Err(Error::unreadable(path, reason)),
            None => None,
        };
        let merges = match kind {
            SourceKind::Xlsx => XlsxMerges::open(path),
            _ => None,
        };
        Ok(Spreadsheet {
            kind,
            sheets,
            ods_percent,
            merges,
            budget,
            limit_reached: None,
        })
    }

    /// The merged regions of a sheet, with a note when there were more than
    /// are read.
    fn merged_regions(&mut self, name: &str) -> (Vec<MergedRegion>, Option<String>) {
        if let Some((regions, capped)) = self.merges.as_mut().and_then(|m| m.regions(name)) {
            let note = capped.then(|| {
                format!(
                    "the sheet has more than {MAX_MERGES} merged regions; only the first \
                     {MAX_MERGES} are filled down"
                )
            });
            return (regions, note);
        }
        let dims = match &mut self.sheets {
            Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
            Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
            _ => Vec::new(),
        };
        (dims.into_iter().map(|d| (d.start, d.end)).collect(), None)
    }

    /// How a number read through a `Range` is displayed (.ods from its own
    /// pass over `content.xml`; .xls does not say). Neither tells the
    /// decimals shown.
    fn number_format(&self, name: &str, pos: (u32, u32)) -> (NumberFormat, Option<u8>) {
        let format = match (&self.ods_percent, self.kind) {
            (Some(p), SourceKind::Ods) if p.contains(name, pos.0, pos.1) => NumberFormat::Percent,
            (_, SourceKind::Ods) => NumberFormat::Plain,
            _ => NumberFormat::Unknown,
        };
        (format, None)
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

    fn limit_reached(&self) -> Option<String> {
        self.limit_reached.clone()
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
        let visible = self
            .sheets
            .sheets_metadata()
            .iter()
            .find(|s| s.name == name)
            .is_none_or(|s| s.visible == SheetVisible::Visible);
        let read = match &mut self.sheets {
            Sheets::Xlsx(x) => read_xlsx_sheet(x, name, &self.budget),
            Sheets::Xlsb(x) => read_xlsb_sheet(x, name, &self.budget),
            _ => self.read_range(name),
        };
        let mut sheet = match read {
            Ok(sheet) => sheet,
            Err(SheetError::Damaged(reason)) => return Err(reason),
            Err(SheetError::Limit(message)) => {
                self.limit_reached = Some(message.clone());
                return Err(message);
            }
        };
        sheet.visible = visible;
        let (merged, note) = self.merged_regions(name);
        sheet.notes.extend(note);
        let budget = self.budget.clone();
        if let Err(message) = sheet.fill_merged_down(&merged, &mut budget.meter(name)) {
            self.limit_reached = Some(message.clone());
            return Err(message);
        }
        Ok(sheet)
    }
}

/// Why a sheet was not read.
enum SheetError {
    /// The sheet's part is damaged.
    Damaged(String),
    /// The sheet holds more than the limits allow.
    Limit(String),
}

fn unreadable_sheet(e: impl std::fmt::Display) -> SheetError {
    SheetError::Damaged(format!("the sheet could not be read: {e}"))
}

/// Reads an .xlsx sheet in one pass over its XML: each cell's value and style
/// together, straight into the sheet, shared strings borrowed until stored.
fn read_xlsx_sheet(
    x: &mut calamine::Xlsx<BufReader<File>>,
    name: &str,
    budget: &CellBudget,
) -> std::result::Result<Sheet, SheetError> {
    let mut reader = match x.worksheet_cells_reader(name) {
        Ok(reader) => reader,
        // A chart sheet or dialog sheet has no cells.
        Err(calamine::XlsxError::NotAWorksheet(_)) => return Ok(SheetBuilder::new().finish(name)),
        Err(e) => return Err(unreadable_sheet(e)),
    };
    let styles = NumberStyles::new(reader.styles());
    let mut builder = SheetBuilder::new();
    let mut meter = budget.meter(name);
    while let Some((cell, style)) = reader.next_cell_with_style_id().map_err(unreadable_sheet)? {
        let (row, col) = cell.get_position();
        let format = |v: f64| {
            let shown = styles.shown(style, v);
            let format = if shown.percent {
                NumberFormat::Percent
            } else {
                NumberFormat::Plain
            };
            (format, shown.decimals)
        };
        let value = cell_value(Data::from(cell.get_value().clone()), format);
        meter.count(&value).map_err(SheetError::Limit)?;
        builder.push(row, col, value);
    }
    meter.settle().map_err(SheetError::Limit)?;
    Ok(builder.finish(name))
}

/// Reads an .xlsb sheet cell by cell (its number formats are not exposed, so
/// every number's format is [`NumberFormat::Unknown`], its decimals those typed).
fn read_xlsb_sheet(
    x: &mut calamine::Xlsb<BufReader<File>>,
    name: &str,
    budget: &CellBudget,
) -> std::result::Result<Sheet, SheetError> {
    let mut reader = x.worksheet_cells_reader(name).map_err(unreadable_sheet)?;
    let mut builder = SheetBuilder::new();
    let mut meter = budget.meter(name);
    while let Some(cell) = reader.next_cell().map_err(unreadable_sheet)? {
        let (row, col) = cell.get_position();
        let value = cell_value(Data::from(cell.get_value().clone()), |_| {
            (NumberFormat::Unknown, None)
        });
        meter.count(&value).map_err(SheetError::Limit)?;
        builder.push(row, col, value);
    }
    meter.settle().map_err(SheetError::Limit)?;
    Ok(builder.finish(name))
}

/// How each style of the workbook shows a number (as a percentage or not, and
/// with how many decimals), worked out once per style and sign (a format's
/// sections depend on the sign).
struct NumberStyles {
    by_style: Vec<[Shown; 3]>,
}

impl NumberStyles {
    fn new(styles: &[calamine::Style]) -> Self {
        let by_style = styles
            .iter()
            .map(|s| match s.number_format.as_ref() {
                Some(nf) => {
                    let code = style_code(&nf.format_code, nf.format_id);
                    [1.0, -1.0, 0.0].map(|v| super::formats::shown(code, v))
                }
                None => [Shown::default(); 3],
            })
            .collect();
        NumberStyles { by_style }
    }

    fn shown(&self, style: usize, value: f64) -> Shown {
        let Some(by_sign) = self.by_style.get(style) else {
            return Shown::default();
        };
        let sign = if value > 0.0 {
            0
        } else if value < 0.0 {
            1
        } else {
            2
        };
        by_sign[sign]
    }
}

/// The code of a style's number format. calamine reads a built-in id it does
/// not know (the currency formats 5 to 8) as `General`; those are looked up
/// here, and a code the file itself gives is kept.
fn style_code(code: &str, id: Option<u32>) -> &str {
    match id {
        Some(id) if id != 0 && code == "General" => {
            super::formats::builtin_code(id).unwrap_or(code)
        }
        _ => code,
    }
}

/// One cell as read, with `format` telling how a number is displayed and the
/// decimals its format shows.
fn cell_value(data: Data, format: impl FnOnce(f64) -> (NumberFormat, Option<u8>)) -> CellValue {
    let number = |value: f64| {
        let (format, decimals) = format(value);
        CellValue::Number {
            value,
            format,
            decimals,
        }
    };
    match data {
        Data::Empty => CellValue::Empty,
        Data::Int(i) => number(i as f64),
        Data::Float(f) => number(f),
        Data::String(s) => CellValue::Text(s),
        Data::Bool(b) => CellValue::Bool(b),
        Data::DateTime(dt) => date_cell(&dt),
        Data::DateTimeIso(s) => iso_date_cell(&s),
        Data::DurationIso(s) => CellValue::Text(s),
        Data::Error(e) => CellValue::Error(e.to_string()),
    }
}

fn date_cell(dt: &calamine::ExcelDateTime) -> CellValue {
    match excel_date(dt) {
        Some(d) => CellValue::Date(d),
        None => CellValue::Number {
            value: dt.as_f64(),
            format: NumberFormat::Plain,
            decimals: None,
        },
    }
}

fn iso_date_cell(s: &str) -> CellValue {
    match s
        .get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    {
        Some(d) => CellValue::Date(d),
        None => CellValue::Text(s.to_string()),
    }
}

impl Spreadsheet {
    /// Reads a sheet through calamine's `Range` (.xls, .ods).
    fn read_range(&mut self, name: &str) -> std::result::Result<Sheet, SheetError> {
        let range = self
            .sheets
            .worksheet_range(name)
            .map_err(unreadable_sheet)?;
        let origin = range.start().unwrap_or((0, 0));
        let mut builder = SheetBuilder::new();
        let budget = self.budget.clone();
        let mut meter = budget.meter(name);
        for (r, row) in range.rows().enumerate() {
            let abs_row = origin.0.saturating_add(r as u32);
            for (c, data) in row.iter().enumerate() {
                let abs_col = origin.1.saturating_add(c as u32);
                let value = cell_value(data.clone(), |_| {
                    self.number_format(name, (abs_row, abs_col))
                });
                meter.count(&value).map_err(SheetError::Limit)?;
                builder.push(abs_row, abs_col, value);
            }
        }
        meter.settle().map_err(SheetError::Limit)?;
        Ok(builder.finish(name))
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
