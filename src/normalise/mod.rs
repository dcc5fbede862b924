//! From sheets of cells to typed records: finding each sheet and its header row,
//! mapping columns by name and alias, and reading every row into the model,
//! collecting a diagnostic for each problem on the way.

mod indicators;
mod sheets;

pub use indicators::{parse_bool, parse_polarity, parse_quartile, parse_rag, parse_unit};

use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::error::Result;
use crate::model::Scorecard;
use crate::schema::{self, SheetSpec};
use crate::value::{parse_cell, Parsed};
use crate::workbook::{self, CellValue, DateSystem, Sheet, SheetSource, SourceKind};
use std::collections::BTreeMap;
use std::path::Path;

/// How many rows at the top of a sheet are searched for its header row.
pub const HEADER_SEARCH_ROWS: u32 = 20;

/// Settings that change how a workbook is read.
#[derive(Debug, Clone, Copy)]
pub struct LoadOptions {
    /// The calendar month in which the financial year starts (4 = April).
    pub year_start_month: u32,
    /// How much of a workbook is read before it is refused.
    pub limits: workbook::Limits,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            year_start_month: 4,
            limits: workbook::Limits::default(),
        }
    }
}

/// A workbook read into the model, with every problem found.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The records.
    pub scorecard: Scorecard,
    /// The problems, in the order found.
    pub diagnostics: Vec<Diagnostic>,
    /// What kind of file it was.
    pub kind: SourceKind,
}

impl Loaded {
    /// How many diagnostics have the given severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// Reads a workbook file or CSV directory. Fails only when the file cannot be
/// read as a spreadsheet at all; everything else becomes a diagnostic.
///
/// A panic while reading (a damaged file can still trip up the spreadsheet
/// library) is caught here as the last line of defence: the file is reported
/// as unreadable, never as a crash. Known panics are fixed where they arise.
pub fn load(path: &Path, options: &LoadOptions) -> Result<Loaded> {
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _quiet = QuietPanics::new();
        load_unguarded(path, options)
    }));
    caught.unwrap_or_else(|payload| {
        let detail = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(crate::error::Error::unreadable(
            path,
            format!(
                "it is damaged in a way the spreadsheet reader could not get past ({detail}). \
                 Open it in Excel or LibreOffice and save it again"
            ),
        ))
    })
}

thread_local! {
    static READING: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// While one of these lives, a panic on this thread is a damaged workbook that
/// [`load`] reports in plain words, so a panic hook can stay silent about it.
struct QuietPanics;

impl QuietPanics {
    fn new() -> Self {
        READING.with(|r| r.set(r.get().saturating_add(1)));
        QuietPanics
    }
}

impl Drop for QuietPanics {
    fn drop(&mut self) {
        READING.with(|r| r.set(r.get().saturating_sub(1)));
    }
}

/// True while this thread is reading a workbook inside [`load`], where a panic
/// is caught and reported as an unreadable file: a panic hook should not also
/// print it as a crash.
pub fn reading_a_workbook() -> bool {
    READING.with(|r| r.get() > 0)
}

fn load_unguarded(path: &Path, options: &LoadOptions) -> Result<Loaded> {
    let mut source = workbook::open_with(path, options.limits)?;
    let kind = source.kind();
    let refuse = |message: String| crate::error::Error::Limit {
        path: path.to_path_buf(),
        message,
    };
    // Reading a second handle of an .xlsx, .xlsb or CSV folder costs little
    // (.xls and .ods are parsed whole when opened), so there the supporting
    // sheets are read on a second thread while this one reads the indicators.
    if !matches!(
        kind,
        SourceKind::Xlsx | SourceKind::Xlsb | SourceKind::CsvDirectory
    ) {
        let loaded = load_from(source.as_mut(), options);
        return match source.limit_reached() {
            Some(message) => Err(refuse(message)),
            None => Ok(loaded),
        };
    }
    let ctx = context(source.as_ref(), options);
    let names = source.sheet_names();
    let (main, supporting, side_limit) = std::thread::scope(|scope| {
        let side = scope.spawn(|| {
            let _quiet = QuietPanics::new();
            let mut second = workbook::open_with(path, options.limits).ok()?;
            (second.sheet_names() == names).then(|| {
                let part = read_supporting(second.as_mut(), &names, &ctx);
                (part, second.limit_reached())
            })
        });
        let main = read_main(source.as_mut(), &names, &ctx);
        match side.join() {
            Ok(Some((part, limit))) => (main, part, limit),
            _ => {
                let part = read_supporting(source.as_mut(), &names, &ctx);
                (main, part, None)
            }
        }
    });
    if let Some(message) = source.limit_reached().or(side_limit) {
        return Err(refuse(message));
    }
    Ok(assemble(kind, main, supporting))
}

/// Reads an opened workbook.
pub fn load_from(source: &mut dyn SheetSource, options: &LoadOptions) -> Loaded {
    let ctx = context(source, options);
    let names = source.sheet_names();
    let main = read_main(source, &names, &ctx);
    let supporting = read_supporting(source, &names, &ctx);
    assemble(source.kind(), main, supporting)
}

fn context(source: &dyn SheetSource, options: &LoadOptions) -> ReadContext {
    ReadContext {
        date_system: source.date_system(),
        kind: source.kind(),
        year_start_month: options.year_start_month,
    }
}

/// The Indicators and Report sheets, with their diagnostics.
struct MainPart {
    indicators: Vec<crate::model::Indicator>,
    meta: crate::model::ReportMeta,
    period: Option<crate::period::ReportingPeriod>,
    diags: Diagnostics,
}

/// The recovery plans (with their actions), benchmarks and history, with
/// their diagnostics.
struct SupportingPart {
    plans: Vec<crate::model::RecoveryPlan>,
    benchmarks: Vec<crate::model::Benchmark>,
    history: Vec<crate::model::HistoryPoint>,
    diags: Diagnostics,
}

fn read_main(source: &mut dyn SheetSource, names: &[String], ctx: &ReadContext) -> MainPart {
    let mut diags = Diagnostics::new();
    let mut part = MainPart {
        indicators: Vec::new(),
        meta: Default::default(),
        period: None,
        diags: Diagnostics::new(),
    };
    match find_indicators(source, names, &mut diags) {
        Some((sheet, table)) => {
            part.indicators = indicators::read(&sheet, &table, ctx, &mut diags);
        }
        None => {
            if diags.count(Severity::Error) == 0 {
                diags.push(Diagnostic::workbook(
                    Severity::Error,
                    no_indicators_message(names),
                ));
            }
        }
    }
    if let Some(sheet) = read_named(source, names, &crate::front_matter::REPORT, &mut diags) {
        let (meta, period) = sheets::read_report(&sheet, ctx, &mut diags);
        part.meta = meta;
        part.period = period;
    }
    part.diags = diags;
    part
}

fn read_supporting(
    source: &mut dyn SheetSource,
    names: &[String],
    ctx: &ReadContext,
) -> SupportingPart {
    let mut diags = Diagnostics::new();
    let mut plans = Vec::new();
    let mut benchmarks = Vec::new();
    let mut history = Vec::new();
    if let Some((sheet, table)) = read_table(source, names, &schema::PLANS, &mut diags) {
        plans = sheets::read_plans(&sheet, &table, ctx, &mut diags);
    }
    if let Some((sheet, table)) = read_table(source, names, &schema::ACTIONS, &mut diags) {
        let actions = sheets::read_actions(&sheet, &table, ctx, &mut diags);
        sheets::attach_actions(&mut plans, actions, &mut diags);
    }
    if let Some((sheet, table)) = read_table(source, names, &schema::BENCHMARKS, &mut diags) {
        benchmarks = sheets::read_benchmarks(&sheet, &table, ctx, &mut diags);
    }
    if let Some((sheet, table)) = read_table(source, names, &schema::HISTORY, &mut diags) {
        history = sheets::read_history(&sheet, &table, ctx, &mut diags);
    }
    SupportingPart {
        plans,
        benchmarks,
        history,
        diags,
    }
}

/// The scorecard from both parts, diagnostics in sheet order.
fn assemble(kind: SourceKind, main: MainPart, supporting: SupportingPart) -> Loaded {
    let mut diagnostics = main.diags.into_vec();
    diagnostics.extend(supporting.diags.into_vec());
    Loaded {
        scorecard: Scorecard {
            meta: main.meta,
            period: main.period,
            indicators: main.indicators,
            plans: supporting.plans,
            benchmarks: supporting.benchmarks,
            history: supporting.history,
        },
        diagnostics,
        kind,
    }
}

fn no_indicators_message(names: &[String]) -> String {
    let found = if names.is_empty() {
        "it has no sheets".to_string()
    } else {
        format!("its sheets are {}", quote_list(names))
    };
    format!(
        "this is not a scorecard workbook: no sheet of indicators was found ({found}). Name the \
         sheet Indicators (or Scorecard, KPIs, Measures) and give it a header row with at least \
         Ref and Indicator columns within its first {HEADER_SEARCH_ROWS} rows"
    )
}

/// Lists names as `'A', 'B' and 'C'`, eliding after ten.
pub fn quote_list(names: &[String]) -> String {
    let shown: Vec<String> = names.iter().take(10).map(|n| format!("'{n}'")).collect();
    let mut text = match shown.len() {
        0 => String::from("none"),
        1 => shown[0].clone(),
        n => format!("{} and {}", shown[..n - 1].join(", "), shown[n - 1]),
    };
    if names.len() > 10 {
        text.push_str(&format!(" (and {} more)", names.len() - 10));
    }
    text
}

/// What the row readers need to know about the workbook as a whole.
pub(crate) struct ReadContext {
    pub date_system: DateSystem,
    pub kind: SourceKind,
    pub year_start_month: u32,
}

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
fn find_indicators(
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

fn read_named(
    source: &mut dyn SheetSource,
    names: &[String],
    spec: &SheetSpec,
    diags: &mut Diagnostics,
) -> Option<Sheet> {
    let name = names.iter().find(|n| spec.matches_sheet_name(n))?;
    read_sheet(source, name, diags)
}

/// Reads an optional sheet found by name, with its header row and columns.
fn read_table(
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
