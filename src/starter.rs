//! A ready-to-edit starting point: an example workbook with every sheet filled
//! in, a commented `scorecard.toml`, and the built-in templates.

use crate::error::{Error, Result};
use crate::output::write_atomic;
/// Every built-in template: the Tera templates and, with PDF output, the
/// Typst ones.
fn built_in() -> Vec<(&'static str, &'static str)> {
    let tera = crate::report::tera_renderer::BUILT_IN.iter();
    #[cfg(feature = "pdf")]
    let all = tera.chain(crate::report::pdf::BUILT_IN).copied().collect();
    #[cfg(not(feature = "pdf"))]
    let all = tera.copied().collect();
    all
}
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use std::path::{Path, PathBuf};

/// The example workbook's file name.
pub const WORKBOOK: &str = "scorecard.xlsx";

/// The commented settings file written by `init`.
pub const CONFIG: &str = r#"# Settings for scorecard. Every key is optional; an unknown key is an error.

[rag]
# How ratings are given:
#   "tolerance"           Green met, Amber within tolerance, Red beyond it
#   "tolerance-and-trend" beyond tolerance, Amber if better than last year, else Red
#   "met-or-missed"       Green met, Red missed (year-end reporting)
policy = "tolerance"
# The tolerance for indicators without their own: "5%" of the target,
# or a number (2) in the indicator's unit.
tolerance = "5%"
# "actual" rates this period; "forecast" rates the year-end forecast.
basis = "actual"

[calendar]
# The month the financial year starts (4 = April).
year_start_month = 4

[report]
# Front matter used where the workbook's Report sheet leaves a key blank.
# organisation = "Example County Council"
# committee = "Cabinet Committee on Performance Improvement"
# The report is written through the templates in templates/ beside this
# file (edit them there); to use another folder, name it, relative to here:
# templates = "templates"
# A Word report (-o report.docx) takes its styles and page from the
# council's own Word template, relative to here:
# reference_doc = "council-template.docx"
"#;

/// A cell of the example.
enum Cell {
    Text(&'static str),
    Number(f64),
    /// A percentage as shown (55.1), stored as Excel does (0.551).
    Percent(f64),
    Date(u16, u8, u8),
    Blank,
}

fn sheet(ws: &mut Worksheet, rows: &[Vec<Cell>]) -> std::result::Result<(), XlsxError> {
    let header = Format::new().set_bold().set_background_color("#E8E8E8");
    let percent = Format::new().set_num_format("0.0%");
    let date = Format::new().set_num_format("d mmmm yyyy");
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(t) if r == 0 => {
                    ws.write_string_with_format(r, c, *t, &header)?;
                }
                Cell::Text(t) => {
                    ws.write_string(r, c, *t)?;
                }
                Cell::Number(n) => {
                    ws.write_number(r, c, *n)?;
                }
                Cell::Percent(p) => {
                    ws.write_number_with_format(r, c, p / 100.0, &percent)?;
                }
                Cell::Date(y, m, d) => {
                    ws.write_datetime_with_format(
                        r,
                        c,
                        &ExcelDateTime::from_ymd(*y, *m, *d)?,
                        &date,
                    )?;
                }
                Cell::Blank => {}
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofit();
    Ok(())
}

/// The example workbook, as bytes.
pub fn example_workbook() -> std::result::Result<Vec<u8>, XlsxError> {
    use Cell::*;
    let mut wb = Workbook::new();
    sheet(
        wb.add_worksheet().set_name("Report")?,
        &[
            vec![Text("Key"), Text("Value")],
            vec![Text("Organisation"), Text("Example County Council")],
            vec![
                Text("Committee"),
                Text("Cabinet Committee on Performance Improvement"),
            ],
            vec![Text("Meeting date"), Date(2013, 2, 21)],
            vec![Text("Venue"), Text("County Hall")],
            vec![Text("Agenda item"), Text("4")],
            vec![
                Text("Title"),
                Text("Corporate Scorecard: Quarter 3 2012/13"),
            ],
            vec![Text("Report of"), Text("Chief Executive")],
            vec![Text("Electoral divisions"), Text("All")],
            vec![Text("Contact"), Text("Performance team")],
            vec![Text("Period"), Text("2012/13 Q3")],
            vec![Text("Background papers"), Text("None")],
        ],
    )?;
    sheet(
        wb.add_worksheet().set_name("Indicators")?,
        &[
            vec![
                Text("Theme"),
                Text("Outcome"),
                Text("Ref"),
                Text("Indicator"),
                Text("Unit"),
                Text("Polarity"),
                Text("Cumulative"),
                Text("Actual"),
                Text("Previous"),
                Text("Last year"),
                Text("Target"),
                Text("Year end target"),
                Text("Tolerance"),
                Text("RAG"),
                Text("RAG reason"),
                Text("Quartile"),
                Text("Commentary"),
                Text("In focus"),
            ],
            vec![
                Text("Education"),
                Text("Attainment"),
                Text("1A"),
                Text("Proportion of pupils achieving 5+ A*-C GCSEs"),
                Text("%"),
                Text("Higher"),
                Blank,
                Percent(59.9),
                Percent(59.0),
                Percent(60.1),
                Blank,
                Percent(61.0),
                Blank,
                Blank,
                Blank,
                Text("Second"),
                Text("Slightly below last year."),
                Blank,
            ],
            vec![
                Text("Adult social care"),
                Text("Independence"),
                Text("ASCOF 3A"),
                Text("Overall satisfaction of people who use services"),
                Text("%"),
                Text("Higher"),
                Blank,
                Percent(61.0),
                Blank,
                Percent(62.4),
                Percent(65.0),
                Percent(65.0),
                Blank,
                Blank,
                Blank,
                Blank,
                Blank,
                Text("Yes"),
            ],
            vec![
                Text("Adult social care"),
                Text("Independence"),
                Text("ASCOF 2A"),
                Text("Permanent admissions to care (aged 65+)"),
                Text("per 100,000"),
                Text("Lower"),
                Blank,
                Number(628.5),
                Number(640.2),
                Number(689.4),
                Text("<624.1"),
                Blank,
                Blank,
                Blank,
                Blank,
                Text("Two"),
                Blank,
                Blank,
            ],
            vec![
                Text("Environment"),
                Text("Waste"),
                Text("4D"),
                Text("Household waste recycled and composted"),
                Text("%"),
                Text("Band"),
                Blank,
                Percent(58.0),
                Percent(57.1),
                Percent(55.2),
                Text("56-61%"),
                Blank,
                Blank,
                Blank,
                Blank,
                Blank,
                Blank,
                Blank,
            ],
            vec![
                Text("Environment"),
                Text("Heritage"),
                Text("4E"),
                Text("Heritage visits"),
                Text("Number"),
                Text("Higher"),
                Text("Yes"),
                Number(118200.0),
                Blank,
                Blank,
                Blank,
                Number(151000.0),
                Text("2%"),
                Blank,
                Blank,
                Blank,
                Blank,
                Blank,
            ],
            vec![
                Text("Environment"),
                Text("Heritage"),
                Text("7A"),
                Text("Hours of volunteering"),
                Text("Number"),
                Text("Higher"),
                Text("Yes"),
                Number(17000.0),
                Blank,
                Blank,
                Blank,
                Number(24000.0),
                Blank,
                Text("A"),
                Text("Ahead of the volunteering plan's own profile"),
                Blank,
                Blank,
                Blank,
            ],
            vec![
                Text("Community safety"),
                Blank,
                Text("5A"),
                Text("Reported anti-social behaviour incidents"),
                Text("Number"),
                Text("Info"),
                Blank,
                Number(12345.0),
                Blank,
                Blank,
                Blank,
                Blank,
                Blank,
                Blank,
                Blank,
                Blank,
                Blank,
                Blank,
            ],
        ],
    )?;
    sheet(
        wb.add_worksheet().set_name("Recovery plans")?,
        &[
            vec![
                Text("Ref"),
                Text("Title"),
                Text("Why"),
                Text("Comparative data"),
                Text("Previously presented"),
            ],
            vec![
                Text("ASCOF 3A"),
                Text("Adult social care survey"),
                Text("- Fewer responses than last year\n- Changes to the questionnaire"),
                Text("Compared with neighbouring councils."),
                Blank,
            ],
        ],
    )?;
    sheet(
        wb.add_worksheet().set_name("Actions")?,
        &[
            vec![
                Text("Ref"),
                Text("Action"),
                Text("Lead"),
                Text("Due"),
                Text("Status"),
            ],
            vec![
                Text("ASCOF 3A"),
                Text("Review the survey method"),
                Text("Head of Performance"),
                Date(2013, 3, 31),
                Text("In progress"),
            ],
            vec![
                Text("ASCOF 3A"),
                Text("Monthly satisfaction spot checks"),
                Text("Service managers"),
                Text("Ongoing"),
                Blank,
            ],
        ],
    )?;
    sheet(
        wb.add_worksheet().set_name("Benchmarks")?,
        &[
            vec![Text("Ref"), Text("Comparator"), Text("Value")],
            vec![Text("ASCOF 3A"), Text("Neighbour A"), Number(64.2)],
            vec![Text("ASCOF 3A"), Text("Neighbour B"), Number(60.8)],
            vec![Text("ASCOF 3A"), Text("England average"), Number(64.1)],
        ],
    )?;
    sheet(
        wb.add_worksheet().set_name("History")?,
        &[
            vec![Text("Ref"), Text("Period"), Text("Actual"), Text("Target")],
            vec![
                Text("ASCOF 3A"),
                Text("2012/13 Q2"),
                Percent(60.0),
                Percent(65.0),
            ],
        ],
    )?;
    let created = ExcelDateTime::from_ymd(2013, 1, 1)?;
    wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&created));
    wb.save_to_buffer()
}

/// The files `init` writes into `dir`, relative to it.
pub fn planned(dir: &Path) -> Vec<PathBuf> {
    let mut files = vec![dir.join(WORKBOOK), dir.join(crate::config::FILE_NAME)];
    files.extend(
        built_in()
            .iter()
            .map(|(name, _)| dir.join(crate::config::TEMPLATES).join(name)),
    );
    files
}

fn refuse_existing(files: &[PathBuf]) -> Result<()> {
    let existing: Vec<String> = files
        .iter()
        .filter(|f| f.exists())
        .map(|f| f.display().to_string())
        .collect();
    if existing.is_empty() {
        return Ok(());
    }
    Err(Error::write(
        &existing[0],
        format!(
            "it already exists ({} file{} would be replaced); use --force to overwrite",
            existing.len(),
            if existing.len() == 1 { "" } else { "s" }
        ),
    ))
}

fn write_file(path: &Path, contents: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|source| Error::Write {
            path: parent.to_path_buf(),
            source,
        })?;
    }
    write_atomic(path, contents, Path::new(""))
}

/// Writes the built-in templates into `dir` (for `scorecard templates`).
pub fn write_templates(dir: &Path, force: bool) -> Result<Vec<PathBuf>> {
    let all = built_in();
    let files: Vec<PathBuf> = all.iter().map(|(name, _)| dir.join(name)).collect();
    if !force {
        refuse_existing(&files)?;
    }
    for ((_, text), path) in all.iter().zip(&files) {
        write_file(path, text.as_bytes())?;
    }
    Ok(files)
}

/// Writes the example workbook, settings and templates into `dir`.
pub fn init(dir: &Path, force: bool) -> Result<Vec<PathBuf>> {
    let files = planned(dir);
    if !force {
        refuse_existing(&files)?;
    }
    let workbook = example_workbook().map_err(|e| Error::Write {
        path: dir.join(WORKBOOK),
        source: std::io::Error::other(e),
    })?;
    write_file(&dir.join(WORKBOOK), &workbook)?;
    write_file(&dir.join(crate::config::FILE_NAME), CONFIG.as_bytes())?;
    write_templates(&dir.join(crate::config::TEMPLATES), true)?;
    Ok(files)
}
