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
    Num(f64),
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
                Num(v) => ws.write_number(r, c, *v).map(|_| ())?,
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

/// Leicestershire, Adults and Communities performance dashboard, April–November
/// 2018 (Appendix A of the report to the Adults and Communities Overview and
/// Scrutiny Committee of 21 January 2019): every row, by layer and outcome.
fn leicestershire(path: &Path) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2019, 1, 21)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&created));
    write(
        wb.add_worksheet().set_name("Report")?,
        &[
            vec![Text("Key"), Text("Value")],
            vec![Text("Organisation"), Text("Leicestershire County Council")],
            vec![Text("Committee"), Text("Adults and Communities Overview and Scrutiny Committee")],
            vec![Text("Meeting date"), Date(2019, 1, 21)],
            vec![Text("Venue"), Text("Sparkenhoe Committee Room - County Hall")],
            vec![Text("Agenda item"), Text("10")],
            vec![Text("Title"), Text("National Performance Benchmarking 2017/18 and Performance Report 2018/19 - Position at November 2018")],
            vec![Text("Report of"), Text("Director of Adults and Communities and Chief Executive")],
            vec![Text("Contact"), Text("Jon Wilson, Director of Adults and Communities, 0116 305 7454, jon.wilson@leics.gov.uk")],
            vec![Text("Period"), Text("Apr-Nov 2018")],
        ],
    )?;
    // Layer, outcome, measure, description, aim, unit, cumulative, milestone
    // (period), annual milestone (profiled), performance, 2020-21 target,
    // 17/18, quartile, RAG override, reason, published RAG.
    let row = |layer: &'static str,
               outcome: &'static str,
               measure: &'static str,
               description: &'static str,
               aim: &'static str,
               unit: &'static str,
               milestone: Cell,
               annual: Cell,
               performance: Cell,
               future: Cell,
               last_year: Cell,
               quartile: Cell,
               published: &'static str| {
        let cumulative = if matches!(annual, Blank) {
            Blank
        } else {
            Text("Yes")
        };
        vec![
            Text(layer),
            Text(outcome),
            Text(measure),
            Text(description),
            Text(aim),
            Text(unit),
            cumulative,
            milestone,
            annual,
            performance,
            future,
            last_year,
            quartile,
            Blank,
            Blank,
            Text(published),
        ]
    };
    let care = "Wellbeing and Opportunity";
    let mut rows = vec![vec![
        Text("Layer"),
        Text("Outcome"),
        Text("Ref"),
        Text("Indicator"),
        Text("Aim"),
        Text("Unit"),
        Text("Cumulative"),
        Text("Milestone"),
        Text("Annual target"),
        Text("Performance (Apr-Nov)"),
        Text("Future target"),
        Text("Last year"),
        Text("Quartile"),
        Text("RAG"),
        Text("RAG reason"),
        Text("Published RAG"),
    ]];
    rows.extend([
        row("Prevent need", care, "Local PN", "% of sequels that 'Prevent Need'", "Target Band Width", "%", Text("56-61%"), Blank, Pct(55.0), Text("TBC"), Text("58% (15.2k out of 26.4k)"), Blank, "A"),
        row("Prevent need", care, "ASCOF 3D pt 1", "% of SUs who find it easy to find information", "H", "%", Pct(72.0), Blank, Text("Due June 2019"), Pct(74.0), Pct(68.6), Text("Bottom"), "N/A"),
        row("Prevent need", care, "ASCOF 3D pt 2", "% of carers who find it easy to find information", "H", "%", Pct(65.0), Blank, Text("Due February 2019"), Pct(68.0), Text("64% (16/17)"), Text("Three"), "N/A"),
        row("Prevent need", "Great Communities", "Local HV", "Heritage visits", "H", "Number", Blank, Text("151k"), Text("110.7k"), Text("TBC"), Text("151k"), Blank, "G"),
        row("Prevent need", "Great Communities", "Local VOL", "Hours of Volunteering", "H", "Number", Blank, Text("24k"), Text("17k"), Text("TBC"), Text("24k"), Blank, "A"),
        row("Prevent need", "Great Communities", "Local LV", "Total council funded library visits", "H", "Number", Blank, Text("970k"), Text("627k"), Text("TBC"), Text("981k"), Blank, "R"),
        row("Prevent need", "Great Communities", "Local LI", "Total council funded library issues", "H", "Number", Blank, Text("1.5m"), Text("1.05m"), Text("TBC"), Text("1.5m"), Blank, "G"),
        row("Prevent need", "Great Communities", "Local CI", "Council funded children's issues", "H", "Number", Blank, Text("575k"), Text("412k"), Text("TBC"), Text("593k"), Blank, "G"),
        row("Prevent need", "Great Communities", "Local EL", "E-loans", "H", "Number", Blank, Text("160k"), Text("145k"), Text("TBC"), Text("139k"), Blank, "G"),
        row("Prevent need", "Great Communities", "Local CLI", "Total community library issues", "For information only", "Number", Blank, Blank, Text("241.1k"), Blank, Text("250.5k"), Blank, "N/A"),
        row("Prevent need", "Great Communities", "Local CLC", "Community library children's issues", "For information only", "Number", Blank, Blank, Text("134.8k"), Blank, Text("137.1k"), Blank, "N/A"),
        row("Prevent need", "Strong Economy", "Local LALS", "LALS Success Rate", "H", "%", Pct(86.0), Blank, Pct(85.0), Text("TBC"), Text("93% (Academic year 17/18)"), Blank, "A"),
        row("Reduce need", care, "Local RN", "% of sequels that 'Reduce Need'", "Target Band Width", "%", Text("17-22%"), Blank, Pct(22.0), Text("TBC"), Text("19% (4.9k out of 26.4k)"), Blank, "G"),
        row("Reduce need", care, "ASCOF 1I pt 1", "% of SUs who had as much social contact as they would like", "H", "%", Pct(46.0), Blank, Text("Due June 2019"), Pct(49.0), Pct(42.1), Text("Bottom"), "N/A"),
        row("Reduce need", care, "ASCOF 1I pt 2", "% of carers who had as much social contact as they would like", "H", "%", Pct(33.0), Blank, Text("Due February 2019"), Pct(35.0), Text("31% (16/17)"), Text("Three"), "N/A"),
        row("Reduce need", care, "ASCOF 1E", "% of people with LD in employment", "H", "%", Pct(11.2), Blank, Pct(11.4), Text("TBC"), Text("11.2% (0.2k out of 1.5k)"), Text("Top"), "G"),
        row("Reduce need", care, "ASCOF 1G", "% of people with LD in settled accommodation", "H", "%", Pct(81.0), Blank, Pct(81.0), Pct(84.0), Text("80.2% (1.2k out of 1.5k)"), Text("Two"), "G"),
        row("Delay need", care, "Local DN", "% of sequels that 'Delay Need'", "Target Band Width", "%", Text("10-15%"), Blank, Pct(13.0), Text("TBC"), Text("13% (3.3k out of 26.4k)"), Blank, "G"),
        row("Delay need", care, "ASCOF 2C pt 2", "Delayed transfers of care attributable to ASC-only (average days per month)", "L", "Number", Num(207.0), Blank, Num(75.0), Text("TBC"), Num(188.0), Text("Top"), "G"),
        row("Delay need", care, "ASCOF 2D", "% of people who had no need for ongoing services following reablement", "H", "%", Pct(81.0), Blank, Pct(84.0), Pct(84.0), Text("80.4% (2.4k out of 3.0k)"), Text("Two"), "G"),
        row("Delay need", care, "ASCOF 2B pt 1", "Living at home 91 days after hospital discharge and reablement (BCF)", "H", "%", Pct(87.0), Blank, Pct(90.0), Pct(89.0), Text("86.1% (490 out of 569)"), Text("Two"), "G"),
        row("Delay need", care, "ASCOF 2A pt 1", "Permanent admissions to care (aged 18-64) per 100,000 pop.", "L", "per 100,000 population", Text("<8.1 (33 Adm's)"), Blank, Text("5.2 (21 Adm's)"), Text("<8.1"), Text("9.0 (37 adm's)"), Text("Top"), "G"),
        row("Delay need", care, "ASCOF 2A pt 2", "Permanent admissions to care (aged 65+) per 100,000 pop. (BCF)", "L", "per 100,000 population", Text("<624.1 (890 Adm's)"), Blank, Text("628.5 (896 Adm's)"), Text("<553.0"), Text("689.4 (965 adm's)"), Text("Two"), "A"),
        row("Meet need", care, "Local MN", "% of sequels that 'Meet need'", "Target Band Width", "%", Text("6-11%"), Blank, Pct(10.0), Text("TBC"), Text("11% (3.0k out of 26.4k)"), Blank, "G"),
        row("Meet need", care, "ASCOF 1C pt 1a", "Adults aged 18+ receiving self directed support", "H", "%", Pct(95.0), Blank, Pct(95.0), Pct(99.0), Text("94.4% (4.5k out of 4.8k)"), Text("Three"), "G"),
        row("Meet need", care, "ASCOF 1C pt 2a", "Adult aged 18+ receiving direct payments", "H", "%", Pct(40.0), Blank, Pct(50.0), Pct(40.0), Text("53.8% (2.6k out of 4.8k)"), Text("Top"), "G"),
        row("Meet need", care, "ASCOF 1C pt 1b", "Carers receiving self directed support", "H", "%", Pct(98.0), Blank, Pct(100.0), Pct(100.0), Text("99.7% (1.5k out of 1.5k)"), Text("Two"), "G"),
        row("Meet need", care, "ASCOF 1C pt 2b", "Carers receiving direct payments", "H", "%", Pct(95.0), Blank, Pct(98.0), Pct(100.0), Text("97.0% (1.4k out of 1.5k)"), Text("Two"), "G"),
        row("Meet need", "Keeping People Safe", "Local SG", "Of safeguarding enquiries where an outcome was expressed, the percentage partially or fully achieved", "H", "%", Pct(95.0), Blank, Pct(95.0), Text("TBC"), Text("97.9% (742 out of 782)"), Blank, "G"),
        row("Meet need", "Keeping People Safe", "ASCOF 4B", "% of service users who say that services have made them feel safe", "H", "%", Pct(90.0), Blank, Text("Due June 2019"), Pct(90.0), Pct(88.4), Text("Two"), "N/A"),
    ]);
    // The council's judgement on hours of volunteering: Amber although ahead of profile.
    let volunteering = rows
        .iter()
        .position(|r| matches!(r[2], Text("Local VOL")))
        .unwrap_or(0);
    rows[volunteering][13] = Text("A");
    rows[volunteering][14] = Text("Ahead of the profiled milestone, but 17,000 hours is 4% fewer than the same period last year (paragraph 21 of the report)");
    write(wb.add_worksheet().set_name("Indicators")?, &rows)?;
    wb.save(path)
}

fn main() -> Result<(), XlsxError> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let path = dir.join("thurrock/thurrock-2011-12-m7.xlsx");
    thurrock(&path)?;
    println!("wrote {}", path.display());
    let path = dir.join("leicestershire/leicestershire-2018-19-apr-nov.xlsx");
    leicestershire(&path)?;
    println!("wrote {}", path.display());
    Ok(())
}
