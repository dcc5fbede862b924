//! Reading the cells of one row of a table, with a diagnostic for each problem,
//! and finding the data rows below a header.

use super::tables::{one_line, Table};
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::value::{parse_cell, Parsed};
use crate::workbook::{CellValue, DateSystem, Sheet};
use std::collections::BTreeMap;

/// One row of a table being read, with its diagnostics.
pub(crate) struct RowReader<'a> {
    pub sheet: &'a Sheet,
    pub table: &'a Table,
    pub row: u32,
    pub diags: &'a mut Diagnostics,
}

impl RowReader<'_> {
    /// The cell of a field in this row.
    pub fn cell(&self, field: &str) -> Option<(u32, &CellValue)> {
        let col = self.table.col(field)?;
        Some((col, self.sheet.get(self.row, col)))
    }

    /// Adds a diagnostic at this row's cell in `col`.
    pub fn at(&mut self, severity: Severity, col: u32, message: impl Into<String>) {
        self.diags.push(Diagnostic::cell(
            severity,
            &self.sheet.name,
            self.row,
            col,
            message,
        ));
    }

    /// A text field; numbers and dates are written as text. An error cell is
    /// reported and read as blank.
    pub fn text(&mut self, field: &str) -> Option<String> {
        let (col, cell) = self.cell(field)?;
        match cell {
            CellValue::Error(e) => {
                let e = e.clone();
                let header = one_line(self.table.header(field));
                self.at(
                    Severity::Error,
                    col,
                    format!(
                        "the cell holds the Excel error {e}, so the {header} is blank; fix the \
                         formula or type the text"
                    ),
                );
                None
            }
            other => {
                let t = other.as_text();
                (!t.is_empty()).then_some(t)
            }
        }
    }

    /// A value field, parsed. Problems with the value are reported here; an
    /// error cell is reported and read as [`Parsed::Error`].
    pub fn parsed(&mut self, field: &str) -> Option<(u32, Parsed)> {
        let (col, cell) = self.cell(field)?;
        let (parsed, issue) = parse_cell(cell);
        if let Some(issue) = issue {
            let severity = if issue.is_error {
                Severity::Error
            } else {
                Severity::Warning
            };
            self.at(severity, col, issue.message);
        }
        if let Parsed::Error(e) = &parsed {
            let header = one_line(self.table.header(field));
            let message = format!(
                "the cell holds the Excel error {e}, so the {header} counts as missing; fix the \
                 formula or type the figure"
            );
            self.at(Severity::Error, col, message);
        }
        Some((col, parsed))
    }

    /// A date field: a date, a month, or text such as `Ongoing`.
    pub fn date(&mut self, field: &str, system: DateSystem) -> Option<crate::model::DateOrText> {
        let (col, cell) = self.cell(field)?;
        let (value, issue) = crate::dates::read_date_cell(cell, system);
        if let Some(issue) = issue {
            let severity = if issue.is_error {
                Severity::Error
            } else {
                Severity::Warning
            };
            self.at(severity, col, issue.message);
        }
        value
    }

    /// The unknown columns of this row that hold something, by header.
    pub fn extra(&self) -> BTreeMap<String, String> {
        self.table
            .extra
            .iter()
            .filter_map(|(c, h)| {
                let v = self.sheet.get(self.row, *c).as_text();
                (!v.is_empty()).then(|| (one_line(h), v))
            })
            .collect()
    }
}

/// A period cell as text. Excel turns a typed `Nov 2018` into the date
/// 1 November 2018; such a date names its month.
pub(crate) fn period_text(cell: &CellValue) -> String {
    match cell {
        CellValue::Date(d) => d.format("%b %Y").to_string(),
        other => other.as_text(),
    }
}

/// The data rows of a table: every non-blank row below the header.
pub(crate) fn data_rows<'a>(sheet: &'a Sheet, table: &Table) -> impl Iterator<Item = u32> + 'a {
    sheet
        .rows_from(table.header_row.saturating_add(1))
        .filter(move |&r| !sheet.row_is_blank(r))
}
