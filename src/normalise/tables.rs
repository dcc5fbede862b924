//! Finding a sheet, its header row and its columns: mapping headers to fields by
//! name and alias, and reporting missing, repeated and unknown columns.

use super::period_headers::{parse_header, place, PeriodHeader, Placement};
use super::{quote_list, HEADER_SEARCH_ROWS};
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::period::ReportingPeriod;
use crate::schema::{self, normalise_name, SheetSpec};
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

/// What places the Indicators sheet's headers beyond its aliases: the
/// `[columns]` of scorecard.toml, and the reporting period for headers naming
/// a period (`Q3 2020/21 Value`).
pub(crate) struct IndicatorHeaders<'a> {
    /// `[columns]`: field → header as written.
    pub columns: &'a BTreeMap<&'static str, String>,
    /// The reporting period, when it is known.
    pub period: Option<&'a ReportingPeriod>,
    /// The calendar month in which the financial year starts.
    pub year_start_month: u32,
}

impl IndicatorHeaders<'_> {
    /// True when `[columns]` maps a field to this header.
    fn maps(&self, header: &str) -> bool {
        let n = normalise_name(header);
        !n.is_empty() && self.columns.values().any(|h| normalise_name(h) == n)
    }
}

/// A header cell's text for reading a period: a date cell (Excel turns a typed
/// `Nov 2018` into 1 November 2018) names its month.
fn period_text_of(cell: &CellValue) -> String {
    one_line(&super::period_text(cell))
}

/// Finds the header row: the first of the first rows holding at least two
/// known headers. For the Indicators sheet a header mapped in `[columns]` is
/// known too. A header naming a period is not counted: a row of periods over
/// a row of Value and Target headers is not the header row.
pub(crate) fn find_header(
    sheet: &Sheet,
    spec: &SheetSpec,
    rules: Option<&IndicatorHeaders<'_>>,
) -> Option<u32> {
    let first = sheet.start_row();
    let last = first
        .saturating_add(HEADER_SEARCH_ROWS)
        .min(sheet.end_row());
    let known = |cell: &CellValue| match cell {
        CellValue::Text(t) => {
            spec.field_for_header(t).is_some() || rules.is_some_and(|rules| rules.maps(t))
        }
        _ => false,
    };
    sheet
        .rows_from(first)
        .take_while(|&r| r < last)
        .find(|&r| sheet.row_cells(r).filter(|(_, cell)| known(cell)).count() >= 2)
}

/// The columns being mapped, and what is said about them in column order.
struct Mapping {
    fields: BTreeMap<&'static str, (u32, String)>,
    /// Fields mapped by `[columns]`.
    explicit: Vec<&'static str>,
    extra: Vec<(u32, String)>,
    notes: Vec<(u32, Diagnostic)>,
}

impl Mapping {
    fn note(&mut self, sheet: &Sheet, row: u32, col: u32, severity: Severity, message: String) {
        self.notes.push((
            col,
            Diagnostic::cell(severity, &sheet.name, row, col, message),
        ));
    }

    /// Keeps a column as extra, saying why and, after that, what to do.
    fn keep(&mut self, sheet: &Sheet, row: u32, col: u32, header: &str, why: String, advice: &str) {
        self.note(
            sheet,
            row,
            col,
            Severity::Note,
            format!("{why}; it is kept as extra information for templates{advice}"),
        );
        self.extra.push((col, header.to_string()));
    }
}

/// Maps the columns of a header row to fields, noting unknown and repeated
/// headers. For the Indicators sheet (`rules`), `[columns]` is applied first,
/// then the aliases, then headers naming a period, so a period header never
/// overrides a column named outright.
pub(crate) fn map_columns(
    sheet: &Sheet,
    header_row: u32,
    spec: &SheetSpec,
    rules: Option<&IndicatorHeaders<'_>>,
    diags: &mut Diagnostics,
) -> Table {
    let headers: Vec<(u32, String, String)> = sheet
        .row_cells(header_row)
        .map(|(c, cell)| (c, cell.as_text(), period_text_of(cell)))
        .filter(|(_, header, _)| !header.is_empty())
        .collect();
    let mut m = Mapping {
        fields: BTreeMap::new(),
        explicit: Vec::new(),
        extra: Vec::new(),
        notes: Vec::new(),
    };
    let mut taken: Vec<u32> = Vec::new();
    if let Some(rules) = rules {
        for (&field, wanted) in rules.columns {
            let n = normalise_name(wanted);
            match headers
                .iter()
                .find(|(_, h, _)| !n.is_empty() && normalise_name(h) == n)
            {
                Some((c, header, _)) if !taken.contains(c) => {
                    m.fields.insert(field, (*c, header.clone()));
                    m.explicit.push(field);
                    taken.push(*c);
                }
                _ => diags.push(mapped_header_missing(sheet, header_row, field, wanted)),
            }
        }
    }
    let mut pending: Vec<&(u32, String, String)> = Vec::new();
    for entry in &headers {
        let (c, header, _) = entry;
        if taken.contains(c) {
            continue;
        }
        let Some(field) = spec.field_for_header(header) else {
            pending.push(entry);
            continue;
        };
        match m.fields.get(field).cloned() {
            None => {
                m.fields.insert(field, (*c, header.clone()));
            }
            Some((_, mapped)) if m.explicit.contains(&field) => m.keep(
                sheet,
                header_row,
                *c,
                header,
                format!(
                    "'{}' is not read: [columns] in scorecard.toml reads the {field} from '{}'",
                    one_line(header),
                    one_line(&mapped)
                ),
                "",
            ),
            Some((first, first_header)) => m.note(
                sheet,
                header_row,
                *c,
                Severity::Warning,
                format!(
                    "the column '{header}' means the same as '{first_header}' in column {}; \
                     only the first is read. Rename or delete one of them",
                    crate::diagnostics::column_name(first)
                ),
            ),
        }
    }
    for (c, header, text) in pending {
        let period_header = rules.and_then(|r| Some((r, parse_header(text, r.year_start_month)?)));
        let Some((rules, parsed)) = period_header else {
            m.keep(
                sheet,
                header_row,
                *c,
                header,
                format!("'{}' is not a column this tool knows", one_line(header)),
                "",
            );
            continue;
        };
        place_period_header(&mut m, sheet, header_row, (*c, header), &parsed, rules);
    }
    m.notes.sort_by_key(|(c, _)| *c);
    for (_, d) in m.notes {
        diags.push(d);
    }
    m.extra.sort_by_key(|(c, _)| *c);
    let columns = std::sync::Arc::new(m.fields.iter().map(|(f, (c, _))| (*f, *c)).collect());
    Table {
        header_row,
        fields: m.fields,
        extra: m.extra,
        columns,
    }
}

/// Places one header naming a period, or keeps it as extra with the reason.
fn place_period_header(
    m: &mut Mapping,
    sheet: &Sheet,
    row: u32,
    (c, header): (u32, &str),
    parsed: &PeriodHeader,
    rules: &IndicatorHeaders<'_>,
) {
    let shown = one_line(header);
    let advice = ". If it holds one of the figures, map it in scorecard.toml under [columns]";
    let Some(period) = rules.period else {
        let why = format!(
            "'{shown}' names the period {}, but the reporting period is not known (give the \
             Report sheet a Period), so it cannot be placed",
            parsed.period.label
        );
        m.keep(sheet, row, c, header, why, advice);
        return;
    };
    match place(parsed, period) {
        Placement::Unplaced(reason) => {
            let why = format!("'{shown}' cannot be placed: {reason}");
            m.keep(sheet, row, c, header, why, advice);
        }
        Placement::Field { field, why } => match m.fields.get(field).cloned() {
            Some((first, first_header)) => {
                let why = format!(
                    "'{shown}' names {why}, so it would be the {}, but '{}' in column {} is \
                     read as that",
                    spec_header(field),
                    one_line(&first_header),
                    crate::diagnostics::column_name(first)
                );
                m.keep(sheet, row, c, header, why, "");
            }
            None => {
                m.note(
                    sheet,
                    row,
                    c,
                    Severity::Note,
                    format!(
                        "'{shown}' names {why}, so it is read as the {} column; if that is \
                         wrong, map the columns in scorecard.toml under [columns]",
                        spec_header(field)
                    ),
                );
                m.fields.insert(field, (c, header.to_string()));
            }
        },
    }
}

fn spec_header(field: &str) -> &'static str {
    schema::INDICATORS.header_of(field)
}

/// A `[columns]` header that is not in the header row.
fn mapped_header_missing(sheet: &Sheet, row: u32, field: &str, wanted: &str) -> Diagnostic {
    let found: Vec<String> = sheet
        .row_cells(row)
        .map(|(_, cell)| one_line(&cell.as_text()))
        .filter(|h| !h.is_empty())
        .collect();
    Diagnostic::row(
        Severity::Error,
        &sheet.name,
        row,
        format!(
            "[columns] in scorecard.toml reads the {field} from '{}', but the header row (row \
             {}) has no such column (or it is already mapped to another field). The headers \
             there are {}. Correct the name in [columns], or remove it",
            one_line(wanted),
            row + 1,
            quote_list(&found)
        ),
    )
}

/// Header text on one line, for messages.
pub(crate) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reports missing required columns; true when all are present.
fn check_required(sheet: &Sheet, table: &Table, spec: &SheetSpec, diags: &mut Diagnostics) -> bool {
    let missing_fields: Vec<&str> = spec
        .required
        .iter()
        .copied()
        .filter(|f| table.col(f).is_none())
        .collect();
    let Some(first_missing) = missing_fields.first() else {
        return true;
    };
    let missing: Vec<&str> = missing_fields.iter().map(|f| spec.header_of(f)).collect();
    // Only the Indicators sheet's columns can be mapped in scorecard.toml.
    let hint = if spec.name == schema::INDICATORS.name {
        format!(
            "; if the column has another name, map it in scorecard.toml: [columns] \
             {first_missing} = \"Your header\""
        )
    } else {
        String::new()
    };
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
             missing column or rename one to a name this tool knows{hint}",
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
    rules: &IndicatorHeaders<'_>,
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
        let Some(header_row) = find_header(&sheet, spec, Some(rules)) else {
            diags.push(no_header(&sheet, spec));
            return None;
        };
        let table = map_columns(&sheet, header_row, spec, Some(rules), diags);
        return check_required(&sheet, &table, spec, diags).then_some((sheet, table));
    }
    for name in names {
        let Ok(sheet) = source.read_sheet(name) else {
            continue;
        };
        let Some(header_row) = find_header(&sheet, spec, Some(rules)) else {
            continue;
        };
        let mut scratch = Diagnostics::new();
        let table = map_columns(&sheet, header_row, spec, Some(rules), &mut scratch);
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
             at least two known column names, such as {}{}",
            quote_list(&known),
            if spec.name == schema::INDICATORS.name {
                " (or names mapped in scorecard.toml under [columns])"
            } else {
                ""
            }
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
    let Some(header_row) = find_header(&sheet, spec, None) else {
        diags.push(no_header(&sheet, spec));
        return None;
    };
    let table = map_columns(&sheet, header_row, spec, None, diags);
    check_required(&sheet, &table, spec, diags).then_some((sheet, table))
}
