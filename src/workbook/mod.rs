//! Reading a workbook: every supported file type behind one interface.
//!
//! [`open`] picks a reader for the path (a spreadsheet through calamine, or a
//! directory of CSV files) and returns it as a [`SheetSource`]. A source yields
//! [`Sheet`]s: grids of [`CellValue`]s with absolute positions, so that any
//! diagnostic can name the cell an officer sees in Excel.
//!
//! The one thing calamine does not decide for us is whether a number is *shown*
//! as a percentage. Excel stores 55.1% as 0.551; the readers here attach a
//! [`NumberFormat`] to every number so that the value parser can turn it back into
//! 55.1 (see [`formats`]).

pub mod csv_dir;
pub mod formats;
pub mod ods;
pub mod spreadsheet;

use crate::error::{Error, Result};
use chrono::NaiveDate;
use std::path::Path;

/// How a number cell is displayed, as far as the file lets us know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberFormat {
    /// Shown as a plain number (general, fixed, currency, literal `"%"` text…).
    Plain,
    /// Shown as a percentage: the stored 0.551 is displayed as 55.1%.
    Percent,
    /// The file type does not let us see the format (.xls, .xlsb).
    Unknown,
}

/// One cell as read from the file, before any interpretation.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    /// Nothing in the cell.
    Empty,
    /// A number, with how it is displayed.
    Number {
        /// The stored value (Excel's binary double).
        value: f64,
        /// Whether Excel shows it as a percentage.
        format: NumberFormat,
    },
    /// Text, exactly as typed.
    Text(String),
    /// TRUE or FALSE.
    Bool(bool),
    /// A date-formatted cell (any time of day is dropped).
    Date(NaiveDate),
    /// An Excel error value such as `#DIV/0!`.
    Error(String),
}

impl CellValue {
    /// True for an empty cell or one holding only whitespace.
    pub fn is_blank(&self) -> bool {
        match self {
            CellValue::Empty => true,
            CellValue::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, as an officer would see it in Excel: a percent-formatted
    /// 0.551 is `55.1%`, a date is `14 June 2013`.
    pub fn as_text(&self) -> String {
        match self {
            CellValue::Empty => String::new(),
            CellValue::Number { value, format } => match crate::value::f64_to_decimal(*value) {
                Some(d) if *format == NumberFormat::Percent => {
                    format!("{}%", (d * rust_decimal::Decimal::ONE_HUNDRED).normalize())
                }
                Some(d) => d.to_string(),
                None => String::new(),
            },
            CellValue::Text(s) => s.trim().to_string(),
            CellValue::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            CellValue::Date(d) => crate::dates::format_date(*d),
            CellValue::Error(e) => e.clone(),
        }
    }
}

/// Which epoch plain serial numbers in date columns count from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateSystem {
    /// Serial 1 is 1 January 1900 (Windows Excel's default).
    #[default]
    Excel1900,
    /// Serial 0 is 1 January 1904 (older Mac Excel).
    Excel1904,
}

/// The kind of file a source was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// Office Open XML (.xlsx, .xlsm).
    Xlsx,
    /// Excel binary (.xlsb).
    Xlsb,
    /// Excel 97–2003 (.xls).
    Xls,
    /// OpenDocument (.ods).
    Ods,
    /// A directory of CSV files.
    CsvDirectory,
}

/// A rectangular grid of cells from one sheet, addressed by absolute 0-based
/// (row, column) so that positions match what Excel shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The sheet's name as written in the workbook.
    pub name: String,
    /// False for a hidden sheet.
    pub visible: bool,
    origin: (u32, u32),
    width: usize,
    cells: Vec<CellValue>,
}

static EMPTY: CellValue = CellValue::Empty;

impl Sheet {
    /// A sheet from rows of cells whose first row and column are at `origin`.
    pub fn from_rows(name: &str, origin: (u32, u32), rows: Vec<Vec<CellValue>>) -> Self {
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        let mut cells = Vec::with_capacity(width * rows.len());
        for mut row in rows {
            row.resize(width, CellValue::Empty);
            cells.extend(row);
        }
        Sheet {
            name: name.to_string(),
            visible: true,
            origin,
            width,
            cells,
        }
    }

    /// The cell at an absolute position; empty outside the used area.
    pub fn get(&self, row: u32, col: u32) -> &CellValue {
        if row < self.origin.0 || col < self.origin.1 || self.width == 0 {
            return &EMPTY;
        }
        let r = (row - self.origin.0) as usize;
        let c = (col - self.origin.1) as usize;
        if c >= self.width {
            return &EMPTY;
        }
        self.cells.get(r * self.width + c).unwrap_or(&EMPTY)
    }

    /// Replaces the cell at an absolute position inside the used area.
    fn set(&mut self, row: u32, col: u32, value: CellValue) {
        if row < self.origin.0 || col < self.origin.1 {
            return;
        }
        let r = (row - self.origin.0) as usize;
        let c = (col - self.origin.1) as usize;
        if c < self.width {
            if let Some(cell) = self.cells.get_mut(r * self.width + c) {
                *cell = value;
            }
        }
    }

    /// One past the last used row (absolute).
    pub fn end_row(&self) -> u32 {
        if self.width == 0 {
            return self.origin.0;
        }
        let rows = (self.cells.len() / self.width) as u32;
        self.origin.0.saturating_add(rows)
    }

    /// One past the last used column (absolute).
    pub fn end_col(&self) -> u32 {
        self.origin.1.saturating_add(self.width as u32)
    }

    /// The first used column (absolute).
    pub fn start_col(&self) -> u32 {
        self.origin.1
    }

    /// The first used row (absolute).
    pub fn start_row(&self) -> u32 {
        self.origin.0
    }

    /// True when no cell holds anything.
    pub fn is_empty(&self) -> bool {
        self.cells.iter().all(CellValue::is_blank)
    }

    /// True when every cell of an absolute row is blank.
    pub fn row_is_blank(&self, row: u32) -> bool {
        (self.origin.1..self.end_col()).all(|c| self.get(row, c).is_blank())
    }

    /// Copies the value of each merged region's top-left cell down the region's
    /// first column, so that a theme merged over several rows reaches each row.
    /// Merges across columns are left alone: filling them would repeat a header.
    pub fn fill_merged_down(&mut self, regions: &[MergedRegion]) {
        const MAX_FILL: u32 = 100_000;
        for &((r0, c0), (r1, _c1)) in regions {
            if r1 <= r0 || r1 - r0 > MAX_FILL {
                continue;
            }
            let top = self.get(r0, c0).clone();
            if top.is_blank() {
                continue;
            }
            for r in r0 + 1..=r1.min(self.end_row().saturating_sub(1)) {
                if self.get(r, c0).is_blank() {
                    self.set(r, c0, top.clone());
                }
            }
        }
    }
}

/// A merged region: its top-left and bottom-right cells, absolute (row, column).
pub type MergedRegion = ((u32, u32), (u32, u32));

/// Anything a workbook can be read from: one interface for every file type.
pub trait SheetSource {
    /// What kind of file this is.
    fn kind(&self) -> SourceKind;
    /// The sheet names, in workbook order.
    fn sheet_names(&self) -> Vec<String>;
    /// The epoch for plain serial numbers in date columns.
    fn date_system(&self) -> DateSystem;
    /// Reads one sheet. An error here is about that sheet only (for example a
    /// damaged part of the file) and is reported as a diagnostic on it.
    fn read_sheet(&mut self, name: &str) -> std::result::Result<Sheet, String>;
}

/// The file extensions read as spreadsheets.
pub const SPREADSHEET_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xlsb", "xls", "ods"];

/// Opens a workbook: a spreadsheet file or a directory of CSV files.
pub fn open(path: &Path) -> Result<Box<dyn SheetSource>> {
    let meta = std::fs::metadata(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    if meta.is_dir() {
        return Ok(Box::new(csv_dir::CsvDirectory::open(path)?));
    }
    if meta.len() == 0 {
        return Err(Error::Unreadable {
            path: path.to_path_buf(),
            reason: "the file is empty (0 bytes)".to_string(),
        });
    }
    Ok(Box::new(spreadsheet::Spreadsheet::open(path)?))
}
