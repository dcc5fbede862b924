//! Finding a sheet, its header row and its columns: mapping headers to fields by
//! name and alias, and reporting missing, repeated and unknown columns.

use super::{quote_list, HEADER_SEARCH_ROWS};
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::schema::{self, SheetSpec};
use crate::workbook::{CellValue, Sheet, SheetSource};
use std::collections::BTreeMap;

/// A header row and the columns it names.
#[derive(Debug, Clone)]
pub(crate) struct Table {
    /// The header row (absolute, 0-based).
    pub header_row: u32,
    /// Field → (column, header as written).
    pub fields: BTreeMap<&'static str, (u32, String)>,
    /// Unknown columns: (column, header as written).
    pub extra: Vec<(u32, String)>,
    /// Field → column, shared with every record read from the table.
    pub columns: std::sync::Arc<BTreeMap<&'static str, u32>>,
}

impl Table {
    /// The column of a field, if the sheet has it.
    pub fn col(&self, field: &str) -> Option<u32> {
        self.fields.get(field).map(|(c, _)| *c)
    }

    /// The header as written for a field.
    pub fn header(&self, field: &str) -> &str {
        self.fields.get(field).map_or("", |(_, h)| h.as_str())
    }
}

fn read_sheet(source: &mut dyn SheetSource, name: &str, diags: &mut Diagnostics) -> Option<Sheet> {
    match source.read_sheet(name) {
        Ok(mut sheet) => {
            for note in std::mem::take(&mut sheet.notes) {
                diags.push(Diagnostic::sheet(Severity::Warning, name, note));
            }
            Some(sheet)
        }
        Err(reason) => {
            diags.push(Diagnostic::sheet(Severity::Error, name, reason));
            None
        }
    }
}

/// Finds the header row: the first of the first rows holding at least two known headers.
pub(crate) fn find_header(sheet: &Sheet, spec: &SheetSpec) -> Option<u32> {
    let first = sheet.start_row();
    let last = first
        .saturating_add(HEADER_SEARCH_ROWS)
        .min(sheet.end_row());
    sheet.rows_from(first).take_while(|&r| r < last).find(|&r| {
        sheet
            .row_cells(r)
            .filter(|(_, cell)| match cell {
                CellValue::Text(t) => spec.field_for_header(t).is_some(),
                _ => false,
            })
            .count()
            >= 2
    })
}

/// Maps the columns of a header row to fields, noting unknown and repeated headers.
pub(crate) fn map_columns(
    sheet: &Sheet,
    header_row: u32,
    spec: &SheetSpec,
    diags: &mut Diagnostics,
) -> Table {
    let mut fields: BTreeMap<&'static str, (u32, String)> = BTreeMap::new();
    let mut extra = Vec::new();
    for (c, cell) in sheet.row_cells(header_row) {
        let header = cell.as_text();
        if header.is_empty() {
            continue;
        }
        match spec.field_for_header(&header) {
            Some(field) => {
                if let Some((first, first_header)) = fields.get(field) {
                    diags.push(Diagnostic::cell(
                        Severity::Warning,
                        &sheet.name,
                        header_row,
                        c,
                        format!(
                            "the column '{header}' means the same as '{first_header}' in column {}; \
                             only the first is read. Rename or delete one of them",
                            crate::diagnostics::column_name(*first)
                        ),
                    ));
                } else {
                    fields.insert(field, (c, header));
                }
            }
            None => {
                diags.push(Diagnostic::cell(
                    Severity::Note,
                    &sheet.name,
                    header_row,
                    c,
                    format!(
                        "'{}' is not a column this tool knows; it is kept as extra \
                         information for templates",
                        one_line(&header)
                    ),
                ));
                extra.push((c, header));
            }
        }
    }
    let columns = std::sync::Arc::new(fields.iter().map(|(f, (c, _))| (*f, *c)).collect());
    Table {
        header_row,
        fields,
        extra,
        columns,
    }
}

/// Header text on one line, for messages.
pub(crate) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reports missing required columns; true when all are present.
fn check_required(sheet: &Sheet, table: &Table, spec: &SheetSpec, diags: &mut Diagnostics) -> bool {
    let missing: Vec<&str> = spec
        .required
        .iter()
        .filter(|f| table.col(f).is_none())
        .map(|f| spec.header_of(f))
        .collect();
    if missing.is_empty() {
        return true;
    }
    let found: Vec<String> = sheet
        .row_cells(table.header_row)
        .map(|(_, cell)| one_line(&cell.as_text()))
        .filter(|h| !h.is_empty())
        .collect();
    diags.push(Diagnostic::sheet(
        Severity::Error,
        &sheet.name,
        format!(
            "the header row (row {}) has no {} column. The headers found are {}. Add the \
             missing column or rename one to a name this tool knows",
            table.header_row + 1,
            missing.join(" or "),
            quote_list(&found)
        ),
    ));
    false
}

/// Finds the Indicators sheet: by name, else the first sheet whose header row
/// holds the required columns.
pub(super) fn find_indicators(
    source: &mut dyn SheetSource,
    names: &[String],
    diags: &mut Diagnostics,
) -> Option<(Sheet, Table)> {
    let spec = &schema::INDICATORS;
    let by_name: Vec<&String> = names
        .iter()
        .filter(|n| spec.matches_sheet_name(n))
        .collect();
    if let Some((name, others)) = by_name.split_first() {
        if !others.is_empty() {
            let others: Vec<String> = others.iter().map(|n| (*n).clone()).collect();
            diags.push(Diagnostic::workbook(
                Severity::Warning,
                format!(
                    "{} also named as a sheet of indicators, but only '{name}' is read; \
                     rename {}, or move {} indicators onto '{name}'",
                    if others.len() == 1 {
                        format!("{} is", quote_list(&others))
                    } else {
                        format!("{} are", quote_list(&others))
                    },
                    if others.len() == 1 { "it" } else { "them" },
                    if others.len() == 1 { "its" } else { "their" },
                ),
            ));
        }
        let sheet = read_sheet(source, name, diags)?;
        let Some(header_row) = find_header(&sheet, spec) else {
            diags.push(no_header(&sheet, spec));
            return None;
        };
        let table = map_columns(&sheet, header_row, spec, diags);
        return check_required(&sheet, &table, spec, diags).then_some((sheet, table));
    }
    for name in names {
        let Ok(sheet) = source.read_sheet(name) else {
            continue;
        };
        let Some(header_row) = find_header(&sheet, spec) else {
            continue;
        };
        let mut scratch = Diagnostics::new();
        let table = map_columns(&sheet, header_row, spec, &mut scratch);
        if spec.required.iter().all(|f| table.col(f).is_some()) {
            for d in scratch.into_vec() {
                diags.push(d);
            }
            return Some((sheet, table));
        }
    }
    None
}

fn no_header(sheet: &Sheet, spec: &SheetSpec) -> Diagnostic {
    let known: Vec<String> = spec
        .fields
        .iter()
        .take(6)
        .filter_map(|f| f.headers.first().map(|h| h.to_string()))
        .collect();
    let message = if sheet.is_empty() {
        format!("the {} sheet is empty", spec.name)
    } else {
        format!(
            "no header row was found in the first {HEADER_SEARCH_ROWS} rows: a header row needs \
             at least two known column names, such as {}",
            quote_list(&known)
        )
    };
    Diagnostic::sheet(Severity::Error, &sheet.name, message)
}

pub(super) fn read_named(
    source: &mut dyn SheetSource,
    names: &[String],
    spec: &SheetSpec,
    diags: &mut Diagnostics,
) -> Option<Sheet> {
    let name = names.iter().find(|n| spec.matches_sheet_name(n))?;
    read_sheet(source, name, diags)
}

/// Reads an optional sheet found by name, with its header row and columns.
pub(super) fn read_table(
    source: &mut dyn SheetSource,
    names: &[String],
    spec: &SheetSpec,
    diags: &mut Diagnostics,
) -> Option<(Sheet, Table)> {
    let sheet = read_named(source, names, spec, diags)?;
    if sheet.is_empty() {
        return None;
    }
    let Some(header_row) = find_header(&sheet, spec) else {
        diags.push(no_header(&sheet, spec));
        return None;
    };
    let table = map_columns(&sheet, header_row, spec, diags);
    check_required(&sheet, &table, spec, diags).then_some((sheet, table))
}
