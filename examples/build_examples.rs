//! Writes the example workbooks in `examples/` from the plain data below.
//!
//! ```text
//! cargo run --example build_examples
//! ```
//!
//! The .xlsx files are committed too, so that trying the tool needs nothing but
//! cargo. Percentages are written as Excel stores them (0.45 formatted `0.0%`),
//! so the examples exercise the same reading path as a real council workbook.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use std::path::Path;

/// A cell of example data.
enum Cell {
    Text(&'static str),
    /// A percentage as shown (45 for 45%), stored as Excel would (0.45).
    Pct(f64),
    Date(u16, u8, u8),
    Blank,
}
use Cell::*;

fn write(ws: &mut Worksheet, rows: &[Vec<Cell>]) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let pct = Format::new().set_num_format("0.0%");
    let date = Format::new().set_num_format("d mmmm yyyy");
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Text(s) if r == 0 => ws.write_string_with_format(r, c, *s, &bold).map(|_| ())?,
                Text(s) => ws.write_string(r, c, *s).map(|_| ())?,
                Pct(v) => ws
                    .write_number_with_format(r, c, v / 100.0, &pct)
                    .map(|_| ())?,
                Date(y, m, d) => {
                    let dt = ExcelDateTime::from_ymd(*y, *m, *d)?;
                    ws.write_datetime_with_format(r, c, &dt, &date)
                        .map(|_| ())?
                }
                Blank => {}
            }
        }
    }
    ws.autofit();
    Ok(())
}

/// Thurrock, month 7 of 2011/12: the self-directed support indicator in focus,
/// from the report to the Health & Well Being Overview & Scrutiny Committee of
/// 17 January 2012.
fn thurrock(path: &Path) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    // A fixed creation date keeps the file byte-for-byte reproducible.
    let created = ExcelDateTime::from_ymd(2012, 1, 17)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&created));
    write(
        wb.add_worksheet().set_name("Report")?,
        &[
            vec![Text("Key"), Text("Value")],
            vec![Text("Organisation"), Text("Thurrock Council")],
            vec![Text("Committee"), Text("Health & Well Being Overview & Scrutiny Committee")],
            vec![Text("Meeting date"), Date(2012, 1, 17)],
            vec![Text("Agenda item"), Text("5")],
            vec![Text("Title"), Text("Corporate Scorecard Performance Report Quarter 2 - focus on 1C (NI130) Self Directed Support")],
            vec![Text("Report of"), Text("Roger Harris, Head of Commissioning")],
            vec![Text("Electoral divisions"), Text("N/A")],
            vec![Text("Contact"), Text("Sarah Welton, 01375 652019, swelton@thurrock.gov.uk")],
            vec![Text("Period"), Text("2011/12 Oct")],
            vec![Text("Portfolio holder"), Text("Cllr Tony Fish; Portfolio Holder for Adult Social Care")],
            vec![Text("Key decision"), Text("N/A")],
            vec![Text("Recommendations"), Text("That Health and Well Being Overview & Scrutiny Committee notes the performance of NI130, the actions taking place and identifies, if it feels necessary, any further actions or areas of concern on which to focus.")],
        ],
    )?;
    write(
        wb.add_worksheet().set_name("Indicators")?,
        &[
            vec![
                Text("Ref"), Text("Indicator"), Text("Description"), Text("Service"), Text("Unit"),
                Text("Good performance"), Text("Actual in month"), Text("YTD"), Text("Previous"),
                Text("Latest target"), Text("Y/E target"), Text("National average"), Text("In focus"),
                Text("Commentary"),
            ],
            vec![
                Text("1C (NI130)"),
                Text("Social Care clients receiving Self Directed Support"),
                Text("This PI measures the number of adults, older people and carers receiving self-directed support - either through direct payments or a personal budget - in the year to 31st March as a percentage of clients receiving community based services and carers receiving carer's specific services aged 18 or over."),
                Text("Adult Social Care"),
                Text("Percentage"),
                Text("Bigger is Better"),
                Pct(45.0), Pct(45.0), Pct(47.0), Pct(49.6), Pct(55.1), Pct(13.8),
                Text("Yes"),
                Text("Performance at October again missed the profiled monthly target. Performance has been affected by low take-up of individual budgets and individual support funds in the year to date and the increase in carers supported. Actual cash payments through direct payments continue to increase and at October stand at 311 up from 177 in April.\n\nThe year-end target of 55% is a challenging one. However, at this stage of the year we anticipate it being met with the implementation of improvement actions."),
            ],
        ],
    )?;
    write(
        wb.add_worksheet().set_name("Recovery plans")?,
        &[
            vec![Text("Ref"), Text("Title"), Text("Why")],
            vec![
                Text("1C (NI130)"),
                Text("Self directed support"),
                Text("Performance has been affected by low take-up of individual budgets and individual support funds in the year to date and the increase in carers supported."),
            ],
        ],
    )?;
    let action = |a: &'static str| vec![Text("1C (NI130)"), Text(a), Text("Roger Harris"), Blank];
    write(
        wb.add_worksheet().set_name("Actions")?,
        &[
            vec![Text("Ref"), Text("Action"), Text("Lead"), Text("Due")],
            action("Establishing self-directed support champion practitioners at Deputy Manager level in each frontline team to promote a shift in practice and encourage innovation"),
            action("Team Managers to review progress monthly through team performance meeting"),
            action("A programme of staff surgeries led by our direct payments support organisation to help build confidence within the practitioners and promote and share innovative use of direct payments and personalised budgets"),
            action("Allocation of funding to increase options for carers respite breaks through direct payments, expected to generate around 30-40 new users"),
            action("Introduction of recovery budgets for mental health clients to be used through direct payments, expected to generate a further 40-50 new users"),
            action("A User Support Forum meets for the first time in December to capture the experiences of people in receipt of self-directed support and to inform service improvement"),
            vec![Text("1C (NI130)"), Text("Review of self-direct processes in line with guidance produced in Think Local Act Personal, to support the first formal offer to all service users as a direct payment"), Text("Roger Harris"), Text("Q4 2011-12")],
        ],
    )?;
    write(
        wb.add_worksheet().set_name("History")?,
        &[
            vec![Text("Ref"), Text("Period"), Text("Actual"), Text("Target")],
            vec![
                Text("1C (NI130)"),
                Text("2011/12 Sep"),
                Pct(47.0),
                Pct(48.5),
            ],
        ],
    )?;
    wb.save(path)
}

fn main() -> Result<(), XlsxError> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let path = dir.join("thurrock-2011-12-m7.xlsx");
    thurrock(&path)?;
    println!("wrote {}", path.display());
    Ok(())
}
