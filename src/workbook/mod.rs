//! Reading a workbook: every supported file type behind one interface.
//!
//! [`open`] picks a reader for the path (a spreadsheet through calamine, or a
//! directory of CSV files) and returns it as a [`SheetSource`]. A source yields
//! [`Sheet`]s: grids of [`CellValue`]s with absolute positions, so that any
//! diagnostic can name the cell an officer sees in Excel.
//!
//! The one thing calamine does not decide for us is how a number is *shown*.
//! Excel stores 55.1% as 0.551; the readers here attach a [`NumberFormat`] to
//! every number so that the value parser can turn it back into 55.1, and the
//! decimals its format shows (`0.00` → 2) so that the paper shows the figure
//! as the cell does (see [`formats`]).

mod cell;
pub mod csv_dir;
pub mod formats;
mod limits;
pub mod ods;
pub mod package;
pub mod spreadsheet;
mod xls_guard;
pub mod xlsx_merges;

pub use cell::{f64_to_decimal, format_date, typed_decimals, CellValue, DateSystem, NumberFormat};
pub use limits::{CellBudget, Limits, Meter};

use crate::error::{Error, Result};
use std::path::Path;

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

/// The cells of one sheet, addressed by absolute 0-based (row, column) so that
/// positions match what Excel shows.
///
/// Only cells that hold something are stored, row by row, so a sheet costs
/// memory in proportion to what it holds: one stray cell at `XFD1048576` adds
/// one cell, not a grid of seventeen billion.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet {
    /// The sheet's name as written in the workbook.
    pub name: String,
    /// False for a hidden sheet.
    pub visible: bool,
    /// Things worth telling the officer about how the sheet was read (a limit
    /// reached while filling merged cells, say); each becomes a warning.
    pub notes: Vec<String>,
    rows: Vec<Row>,
    by_row: Vec<u32>,
    start_col: u32,
    end_col: u32,
}

/// One row's stored cells, in column order.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    index: u32,
    cells: Vec<(u32, CellValue)>,
}

static EMPTY: CellValue = CellValue::Empty;

/// Builds a [`Sheet`] from cells in any order; cells in reading order (row by
/// row, left to right) are simply appended.
#[derive(Debug, Default)]
pub struct SheetBuilder {
    rows: Vec<Row>,
    in_order: bool,
    cells: usize,
}

impl SheetBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        SheetBuilder {
            rows: Vec::new(),
            in_order: true,
            cells: 0,
        }
    }

    /// How many cells have been stored.
    pub fn len(&self) -> usize {
        self.cells
    }

    /// True when no cell has been stored.
    pub fn is_empty(&self) -> bool {
        self.cells == 0
    }

    /// Stores a cell; empty cells are not stored. A control character in text
    /// (an escape sequence, a bell: never part of a figure or a sentence) is
    /// kept as U+FFFD, so it can reach no terminal or paper.
    pub fn push(&mut self, row: u32, col: u32, value: CellValue) {
        let value = match value {
            CellValue::Empty => return,
            CellValue::Text(t) => {
                let kept = |c| matches!(c, '\n' | '\r' | '\t').then_some(c);
                match crate::diagnostics::replace_controls(&t, kept) {
                    std::borrow::Cow::Owned(visible) => CellValue::Text(visible),
                    std::borrow::Cow::Borrowed(_) => CellValue::Text(t),
                }
            }
            other => other,
        };
        self.cells += 1;
        match self.rows.last_mut() {
            Some(last) if last.index == row => {
                if last.cells.last().is_some_and(|(c, _)| *c >= col) {
                    self.in_order = false;
                }
                last.cells.push((col, value));
            }
            last => {
                // Rows of a table are about as wide as the one before.
                let width = last.as_ref().map_or(4, |l| l.cells.len());
                if last.is_some_and(|l| l.index > row) {
                    self.in_order = false;
                }
                let mut cells = Vec::with_capacity(width);
                cells.push((col, value));
                self.rows.push(Row { index: row, cells });
            }
        }
    }

    /// The sheet. Where a position was given twice, the later cell wins.
    pub fn finish(mut self, name: &str) -> Sheet {
        if !self.in_order {
            self.rows.sort_by_key(|r| r.index);
            let mut merged: Vec<Row> = Vec::with_capacity(self.rows.len());
            for row in self.rows {
                match merged.last_mut() {
                    Some(last) if last.index == row.index => last.cells.extend(row.cells),
                    _ => merged.push(row),
                }
            }
            for row in &mut merged {
                row.cells.sort_by_key(|(c, _)| *c);
                // Keep the last of each run of equal columns (the later cell).
                row.cells.reverse();
                row.cells.dedup_by_key(|(c, _)| *c);
                row.cells.reverse();
            }
            self.rows = merged;
        }
        let start_col = self
            .rows
            .iter()
            .filter_map(|r| r.cells.first().map(|(c, _)| *c))
            .min()
            .unwrap_or(0);
        let end_col = self
            .rows
            .iter()
            .filter_map(|r| r.cells.last().map(|(c, _)| c.saturating_add(1)))
            .max()
            .unwrap_or(0);
        let by_row = row_positions(&self.rows);
        Sheet {
            name: name.to_string(),
            visible: true,
            notes: Vec::new(),
            rows: self.rows,
            by_row,
            start_col,
            end_col,
        }
    }
}

/// For rows that are not too sparse, the position of each absolute row in
/// `rows` (`u32::MAX` where a row holds nothing), so that a look-up is an
/// index, not a search; empty when the rows are sparse (a search then).
fn row_positions(rows: &[Row]) -> Vec<u32> {
    let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
        return Vec::new();
    };
    let span = (last.index - first.index) as usize + 1;
    if span > rows.len().saturating_mul(2).max(64) {
        return Vec::new();
    }
    let mut by_row = vec![u32::MAX; span];
    for (i, r) in rows.iter().enumerate() {
        if let Some(slot) = by_row.get_mut((r.index - first.index) as usize) {
            *slot = u32::try_from(i).unwrap_or(u32::MAX);
        }
    }
    by_row
}

impl Sheet {
    /// A sheet from rows of cells whose first row and column are at `origin`.
    pub fn from_rows(name: &str, origin: (u32, u32), rows: Vec<Vec<CellValue>>) -> Self {
        let mut builder = SheetBuilder::new();
        for (r, row) in rows.into_iter().enumerate() {
            let r = origin
                .0
                .saturating_add(u32::try_from(r).unwrap_or(u32::MAX));
            for (c, value) in row.into_iter().enumerate() {
                let c = origin
                    .1
                    .saturating_add(u32::try_from(c).unwrap_or(u32::MAX));
                builder.push(r, c, value);
            }
        }
        builder.finish(name)
    }

    fn row(&self, row: u32) -> Option<&Row> {
        if !self.by_row.is_empty() {
            let first = self.rows.first()?.index;
            let at = *self.by_row.get(row.checked_sub(first)? as usize)?;
            return self.rows.get(at as usize);
        }
        let i = self.rows.binary_search_by_key(&row, |r| r.index).ok()?;
        self.rows.get(i)
    }

    /// The cell at an absolute position; empty where nothing is stored.
    pub fn get(&self, row: u32, col: u32) -> &CellValue {
        let Some(r) = self.row(row) else {
            return &EMPTY;
        };
        match r.cells.binary_search_by_key(&col, |(c, _)| *c) {
            Ok(i) => r.cells.get(i).map_or(&EMPTY, |(_, v)| v),
            Err(_) => &EMPTY,
        }
    }

    /// The stored cells of an absolute row, in column order.
    pub fn row_cells(&self, row: u32) -> impl Iterator<Item = (u32, &CellValue)> {
        self.row(row)
            .into_iter()
            .flat_map(|r| r.cells.iter().map(|(c, v)| (*c, v)))
    }

    /// The absolute indices of the rows that hold anything, in order, from
    /// `from` on.
    pub fn rows_from(&self, from: u32) -> impl Iterator<Item = u32> + '_ {
        let start = self.rows.partition_point(|r| r.index < from);
        self.rows
            .get(start..)
            .unwrap_or(&[])
            .iter()
            .map(|r| r.index)
    }

    /// One past the last used row (absolute).
    pub fn end_row(&self) -> u32 {
        self.rows.last().map_or(0, |r| r.index.saturating_add(1))
    }

    /// One past the last used column (absolute).
    pub fn end_col(&self) -> u32 {
        self.end_col
    }

    /// The first used column (absolute).
    pub fn start_col(&self) -> u32 {
        self.start_col
    }

    /// The first used row (absolute).
    pub fn start_row(&self) -> u32 {
        self.rows.first().map_or(0, |r| r.index)
    }

    /// True when no cell holds anything.
    pub fn is_empty(&self) -> bool {
        self.rows
            .iter()
            .all(|r| r.cells.iter().all(|(_, v)| v.is_blank()))
    }

    /// True when every cell of an absolute row is blank.
    pub fn row_is_blank(&self, row: u32) -> bool {
        self.row_cells(row).all(|(_, v)| v.is_blank())
    }

    /// How many cells hold anything.
    pub fn cell_count(&self) -> usize {
        self.rows.iter().map(|r| r.cells.len()).sum()
    }

    /// Copies the value of each merged region's top-left cell down the region's
    /// first column, into the blank cells of rows that hold something else, so
    /// that a theme merged over several rows reaches each of them. Merges across
    /// columns are left alone: filling them would repeat a header.
    ///
    /// The work is linear: repeated regions count once, and the cells visited
    /// across all regions are capped (a note says when the cap is reached).
    /// Each copy is counted by `meter`, as a cell read would be: one long
    /// text merged down many rows holds a copy in each. `Err` is the refusal
    /// once the workbook is over its limits.
    pub fn fill_merged_down(
        &mut self,
        regions: &[MergedRegion],
        meter: &mut Meter,
    ) -> std::result::Result<(), String> {
        let mut regions: Vec<MergedRegion> = regions
            .iter()
            .copied()
            .filter(|((r0, _), (r1, _))| r1 > r0)
            .collect();
        regions.sort_unstable();
        regions.dedup();
        let mut budget = MERGE_FILL_BUDGET.max(self.cell_count().saturating_mul(4));
        for ((r0, c0), (r1, _)) in regions {
            let top = self.get(r0, c0).clone();
            if top.is_blank() {
                continue;
            }
            let first = self.rows.partition_point(|r| r.index <= r0);
            for row in self.rows.iter_mut().skip(first) {
                if row.index > r1 {
                    break;
                }
                if budget == 0 {
                    self.notes.push(format!(
                        "merged cells are filled down only for the first \
                         {MERGE_FILL_BUDGET} cells; the sheet has more merged regions than a \
                         scorecard needs, so some merged values reach only their first row"
                    ));
                    return meter.settle();
                }
                budget -= 1;
                match row.cells.binary_search_by_key(&c0, |(c, _)| *c) {
                    Ok(i) => {
                        if let Some((_, cell)) = row.cells.get_mut(i) {
                            if cell.is_blank() {
                                meter.count(&top)?;
                                *cell = top.clone();
                            }
                        }
                    }
                    Err(i) => {
                        meter.count(&top)?;
                        row.cells.insert(i, (c0, top.clone()));
                    }
                }
            }
            self.start_col = self.start_col.min(c0);
            self.end_col = self.end_col.max(c0.saturating_add(1));
        }
        meter.settle()
    }
}

/// How many cells merged-cell filling may visit at least (more on a sheet with
/// more cells).
const MERGE_FILL_BUDGET: usize = 1_000_000;

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
    /// Set once a read stopped at one of the [`Limits`]: the workbook as a
    /// whole is then refused, with this message.
    fn limit_reached(&self) -> Option<String> {
        None
    }
}

/// The file extensions read as spreadsheets.
pub const SPREADSHEET_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xlsb", "xls", "ods"];

/// Opens a workbook: a spreadsheet file or a directory of CSV files.
pub fn open(path: &Path) -> Result<Box<dyn SheetSource>> {
    open_with(path, CellBudget::new(Limits::default()))
}

/// Opens a workbook, reading no more of it than `budget` allows (a budget
/// shared by every handle on the same workbook).
pub fn open_with(path: &Path, budget: CellBudget) -> Result<Box<dyn SheetSource>> {
    let meta = std::fs::metadata(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    if meta.is_dir() {
        return Ok(Box::new(csv_dir::CsvDirectory::open_with(path, budget)?));
    }
    if meta.len() == 0 {
        return Err(Error::unreadable(path, "the file is empty (0 bytes)"));
    }
    Ok(Box::new(spreadsheet::Spreadsheet::open_with(path, budget)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> CellValue {
        CellValue::Text(s.to_string())
    }

    #[test]
    fn only_stored_cells_cost_anything_and_later_cells_win() {
        let mut b = SheetBuilder::new();
        b.push(0, 0, text("Ref"));
        b.push(0, 1, CellValue::Empty);
        b.push(1_048_575, 16_383, text("far"));
        b.push(5, 2, text("late"));
        b.push(5, 1, text("first"));
        b.push(5, 1, text("second"));
        let sheet = b.finish("S");
        assert_eq!(sheet.cell_count(), 4);
        assert_eq!(sheet.get(5, 1), &text("second"));
        assert_eq!(sheet.get(1_048_575, 16_383), &text("far"));
        assert_eq!(sheet.get(2, 2), &CellValue::Empty);
        assert_eq!(
            (sheet.start_row(), sheet.end_row()),
            (0, 1_048_576),
            "rows span the used area"
        );
        assert_eq!((sheet.start_col(), sheet.end_col()), (0, 16_384));
        assert_eq!(sheet.rows_from(1).collect::<Vec<_>>(), vec![5, 1_048_575]);
        let row5: Vec<_> = sheet.row_cells(5).map(|(c, _)| c).collect();
        assert_eq!(row5, vec![1, 2]);
    }

    #[test]
    fn control_characters_in_cells_are_made_visible() {
        let mut b = SheetBuilder::new();
        b.push(0, 0, text("Visits\u{1b}[2J\u{7}\nline two"));
        let sheet = b.finish("S");
        assert_eq!(
            sheet.get(0, 0),
            &text("Visits\u{fffd}[2J\u{fffd}\nline two")
        );
    }

    #[test]
    fn merged_values_fill_down_rows_that_hold_something() {
        let mut sheet = Sheet::from_rows(
            "S",
            (0, 0),
            vec![
                vec![text("Theme"), text("Ref")],
                vec![text("Prevent"), text("A")],
                vec![CellValue::Empty, text("B")],
                vec![],
                vec![CellValue::Empty, text("C")],
            ],
        );
        let budget = CellBudget::new(Limits::default());
        sheet
            .fill_merged_down(
                &[((1, 0), (4, 0)), ((1, 0), (4, 0))],
                &mut budget.meter("S"),
            )
            .unwrap();
        assert_eq!(sheet.get(2, 0), &text("Prevent"));
        assert_eq!(sheet.get(4, 0), &text("Prevent"));
        assert!(sheet.row_is_blank(3), "a blank row stays blank");
        assert!(sheet.notes.is_empty());
    }

    #[test]
    fn merge_filling_is_bounded() {
        let rows: Vec<Vec<CellValue>> = (0..3_000)
            .map(|r| {
                (0..400)
                    .map(|c| match (r, c) {
                        (0, _) => text("Theme"),
                        (_, 399) => text("x"),
                        _ => CellValue::Empty,
                    })
                    .collect()
            })
            .collect();
        let mut sheet = Sheet::from_rows("S", (0, 0), rows);
        // Repeats count once; 400 regions down 3,000 rows would visit 1.2
        // million cells, far more than the few thousand stored.
        let mut regions = vec![((0, 0), (2_999, 0)); 200_000];
        regions.extend((1..400).map(|c| ((0, c), (2_999, c))));
        let budget = CellBudget::new(Limits::default());
        sheet
            .fill_merged_down(&regions, &mut budget.meter("S"))
            .unwrap();
        assert_eq!(sheet.get(2_999, 0), &text("Theme"));
        assert_eq!(sheet.notes.len(), 1, "{:?}", sheet.notes);
        assert!(sheet.notes[0].contains("merged cells are filled down only"));
    }

    #[test]
    fn each_copy_of_a_merged_value_counts_towards_the_limits() {
        // A long text merged down many rows that hold something holds a copy
        // in each: 3,000 copies of 1 KB is more than a 1 MiB limit allows.
        let rows: Vec<Vec<CellValue>> = (0..3_000)
            .map(|r| {
                let first = if r == 0 {
                    text(&"x".repeat(1_000))
                } else {
                    CellValue::Empty
                };
                vec![first, text("A")]
            })
            .collect();
        let mut sheet = Sheet::from_rows("S", (0, 0), rows);
        let budget = CellBudget::new(Limits {
            cells: 1_000_000,
            unpacked_mib: 1,
        });
        let refused = sheet
            .fill_merged_down(&[((0, 0), (2_999, 0))], &mut budget.meter("S"))
            .unwrap_err();
        assert!(refused.contains("more than 1 MiB"), "{refused}");
    }
}
