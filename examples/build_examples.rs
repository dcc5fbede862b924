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
#[derive(Clone)]
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
            vec![Text("Financial implications"), Text("This is a monitoring report and there are no direct financial implications arising. However any recovery planning commissioned by the Council may well entail future financial implications.")],
            vec![Text("Financial implications verified by"), Text("Mike Jones, 01375 652772, mjones@thurrock.gov.uk")],
            vec![Text("Legal implications"), Text("This is a monitoring report and there are no direct legal implications arising.")],
            vec![Text("Legal implications verified by"), Text("Jamie Hollis, 01375 652442, jhollis@thurrock.gov.uk")],
            vec![Text("Diversity implications"), Text("This is a monitoring report and there are no direct diversity implications, however the actions being taken by the service need to have due regard for the Council's policy on equality and diversity.")],
            vec![Text("Diversity implications verified by"), Text("Samson DeAlyn, 01375 652472, sdealyn@thurrock.gov.uk")],
            vec![Text("Other implications"), Text("There are no other relevant implications.")],
        ],
    )?;
    write(
        wb.add_worksheet().set_name("Indicators")?,
        &[
            vec![
                Text("Ref"), Text("Indicator"), Text("Description"), Text("Service"), Text("Unit"),
                Text("Good performance"), Text("Actual in month"), Text("YTD"), Text("Previous"),
                Text("Latest target"), Text("Y/E target"), Text("National Average (2009/10)"), Text("In focus"),
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
    // 17/18 (last year's whole-year outturn, as the paper heads it), quartile,
    // RAG override, reason, published RAG, and the same period last year where
    // the report's text gives it exactly.
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
        Text("17/18"),
        Text("Quartile"),
        Text("RAG"),
        Text("RAG reason"),
        Text("Published RAG"),
        Text("Same period last year"),
        Text("National average 2017/18"),
        Text("Top quartile"),
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
        row("Prevent need", "Great Communities", "Local CLI", "Total community library issues", "For information only", "Number", Blank, Blank, Text("241.1k"), Blank, Blank, Blank, "N/A"),
        row("Prevent need", "Great Communities", "Local CLC", "Community library children's issues", "For information only", "Number", Blank, Blank, Text("134.8k"), Blank, Blank, Blank, "N/A"),
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
    // Paragraph 19: "145,000 between April and November 2018, compared to
    // 87,000 during the comparable period the year before"; the community
    // library rows give April–November 2017 ("250.5k Apr-Nov '17").
    for r in rows.iter_mut().skip(1) {
        let same_period = match r[2] {
            Text("Local EL") => Text("87k"),
            Text("Local CLI") => Text("250.5k"),
            Text("Local CLC") => Text("137.1k"),
            _ => Blank,
        };
        r.push(same_period);
    }
    // The national averages and top-quartile thresholds for 2017/18 that the
    // report's text gives (paragraphs 11, 22, 25 and 26).
    for r in rows.iter_mut().skip(1) {
        let (average, top) = match r[2] {
            Text("ASCOF 1C pt 2a") => (Pct(29.0), Blank),
            Text("ASCOF 1G") => (Pct(77.0), Blank),
            Text("ASCOF 2D") => (Pct(78.0), Pct(86.0)),
            Text("ASCOF 2B pt 1") => (Pct(83.0), Pct(89.0)),
            _ => (Blank, Blank),
        };
        r.push(average);
        r.push(top);
    }
    rows[volunteering][14] = Text("Ahead of the profiled milestone, but 17,000 hours is 4% fewer than the same period last year (paragraph 21 of the report)");
    write(wb.add_worksheet().set_name("Indicators")?, &rows)?;
    wb.save(path)
}

// Theme, ref, title, unit, polarity, actual, last year, target, phrasing, illustrative.
type Row = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Cell,
    Cell,
    Cell,
    &'static str,
    bool,
);
/// The 35 indicators of Lancashire's 2012/13 corporate scorecard, with their
/// quarter 4 figures.
fn lancashire_indicators() -> Vec<Row> {
    vec![
    ("Children and young people", "CYP 1", "Pupils eligible for free school meals in Year 1 persistently absent (Autumn term 2012)", "%", "Lower", Pct(10.2), Pct(9.7), Pct(9.2), "Reduce the proportion of pupils on free school meals in Year 1 who are persistently absent, from 9.7% to 9.2% for the Autumn term 2012", false),
    ("Children and young people", "CYP 2", "Pupils achieving 5 GCSEs grades A*-C including English and maths", "%", "Higher", Pct(59.9), Pct(60.1), Pct(61.0), "Increase the proportion of pupils achieving 5 GCSEs grades A*-C including English and maths from 60.1% to 61%", false),
    ("Children and young people", "CYP 3", "Pupils eligible for free school meals achieving 5 GCSEs grades A*-C including English and maths", "%", "Higher", Pct(30.2), Pct(29.9), Pct(32.0), "Increase the proportion of pupils eligible for free school meals achieving 5 GCSEs grades A*-C including English and maths from 29.9% to 32%", false),
    ("Children and young people", "CYP 4", "Children in care placed with adopters within 12 months of the placement order", "%", "Higher", Pct(76.2), Pct(75.0), Pct(83.0), "Improve the proportion of children in care placed with adopters within 12 months of the placement order being granted from 75% to 83%", false),
    ("Adult social care", "ASC 1", "Social care-related quality of life", "score (out of 24)", "Higher", Num(19.0), Num(19.2), Num(20.2), "Increase the number of people reporting 'a positive feeling' about their quality of life by 5%", false),
    ("Adult social care", "ASC 2", "People who use services and carers who find it easy to find information about services", "%", "Higher", Pct(73.1), Pct(74.7), Pct(78.4), "Increase the proportion of people who use services and carers who find it easy to find information about services by 5%", false),
    ("Adult social care", "ASC 3", "People who use services who say that those services have made them feel safe and secure", "%", "Higher", Pct(71.8), Pct(70.4), Pct(72.5), "Increase the proportion of people who use services who say that those services have made them feel safe and secure by 3%", false),
    // Missed, with plans considered at earlier meetings; figures illustrative.
    ("Adult social care", "ASC 4", "Carers receiving assessments or reviews", "Number", "Higher", Num(9850.0), Num(9400.0), Num(10500.0), "Increase the number of carers receiving assessments or reviews", true),
    ("Adult social care", "ASC 5", "People who would benefit from self directed support who have personal budgets", "%", "Higher", Pct(88.0), Pct(75.0), Pct(95.0), "Increase the percentage of people who would benefit from receiving services via self directed support who have personal budgets from 75% to 95%", true),
    ("Children and young people", "CYP 5", "Children looked after achieving 5 GCSEs A*-C including English and maths", "%", "Higher", Pct(14.0), Pct(11.9), Pct(18.0), "Increase the proportion of children looked after achieving 5 GCSEs grades A*-C including English and maths from 11.9% to 18%", true),
    ("Children and young people", "YOT 1", "Rate of youth re-offending", "%", "Lower", Pct(39.1), Pct(39.6), Pct(38.6), "Reduce the rate of youth re-offending from 39.6% to 38.6%", true),
    ("Corporate health", "HR 1", "Working days lost to sickness absence per FTE employee", "days", "Lower", Num(9.4), Num(9.8), Num(9.0), "Reduce the number of working days lost to sickness absence per full time equivalent (FTE) employee", true),
    // Met (the paper names some at quarter 3; all figures here are illustrative).
    ("Adult social care", "ASC 6", "Contacts to Help Direct", "Number", "Higher", Num(38420.0), Num(35100.0), Num(38000.0), "", true),
    ("Adult social care", "ASC 7", "Issues dealt with by Help Direct as a consequence of contacts", "Number", "Higher", Num(61200.0), Num(58300.0), Num(60000.0), "", true),
    ("Environment", "ENV 1", "Carriageway and footway potholes repaired within 30 days", "%", "Higher", Pct(90.4), Pct(86.0), Pct(90.0), "", true),
    ("Adult social care", "ASC 8", "Older people at home 91 days after discharge into reablement", "%", "Higher", Pct(87.5), Pct(85.1), Pct(85.0), "", true),
    ("Adult social care", "ASC 9", "Delayed transfers of care from hospital per 100,000 population", "per 100,000", "Lower", Num(6.1), Num(7.3), Num(7.0), "", true),
    ("Adult social care", "ASC 10", "Permanent admissions to residential care, aged 65+, per 100,000", "per 100,000", "Lower", Num(702.0), Num(745.0), Num(720.0), "", true),
    ("Children and young people", "CYP 6", "Pupils achieving the expected level in English and maths at Key Stage 2", "%", "Higher", Pct(80.0), Pct(78.0), Pct(79.0), "", true),
    ("Children and young people", "CYP 7", "Young people not in education, employment or training", "%", "Lower", Pct(5.3), Pct(5.9), Pct(5.5), "", true),
    ("Children and young people", "CYP 8", "Child protection plans lasting two years or more", "%", "Lower", Pct(4.1), Pct(5.0), Pct(5.0), "", true),
    ("Children and young people", "CYP 9", "Initial assessments completed within 10 working days", "%", "Higher", Pct(78.2), Pct(74.0), Pct(75.0), "", true),
    ("Children and young people", "CYP 10", "Children's centres judged good or outstanding", "%", "Higher", Pct(72.0), Pct(68.0), Pct(70.0), "", true),
    ("Environment", "ENV 2", "Household waste reused, recycled and composted", "%", "Higher", Pct(47.6), Pct(46.9), Pct(47.0), "", true),
    ("Environment", "ENV 3", "Municipal waste sent to landfill", "%", "Lower", Pct(28.5), Pct(31.2), Pct(30.0), "", true),
    ("Environment", "ENV 4", "People killed or seriously injured in road traffic collisions", "Number", "Lower", Num(612.0), Num(655.0), Num(640.0), "", true),
    ("Environment", "ENV 5", "Principal roads where maintenance should be considered", "%", "Lower", Pct(4.0), Pct(4.0), Pct(5.0), "", true),
    ("Environment", "ENV 6", "Bus services running on time", "%", "Higher", Pct(85.2), Pct(84.0), Pct(85.0), "", true),
    ("Community safety", "SAF 1", "Fire safety checks in the homes of vulnerable people", "Number", "Higher", Num(21500.0), Num(19800.0), Num(20000.0), "", true),
    ("Community safety", "SAF 2", "First-time entrants to the youth justice system, per 100,000 aged 10-17", "per 100,000", "Lower", Num(690.0), Num(802.0), Num(750.0), "", true),
    ("Economy", "ECO 1", "Apprenticeship starts supported by the County Council", "Number", "Higher", Num(1150.0), Num(980.0), Num(1000.0), "", true),
    ("Economy", "ECO 2", "Businesses supported by Lancashire business support programmes", "Number", "Higher", Num(1320.0), Num(1200.0), Num(1250.0), "", true),
    ("Corporate health", "HR 2", "Invoices paid within 30 days", "%", "Higher", Pct(95.4), Pct(94.1), Pct(95.0), "", true),
    ("Corporate health", "CS 1", "Customer calls answered within 20 seconds", "%", "Higher", Pct(81.0), Pct(78.0), Pct(80.0), "", true),
    ("Corporate health", "CS 2", "Complaints responded to within 20 working days", "%", "Higher", Pct(92.0), Pct(90.0), Pct(90.0), "", true),
    ]
}

/// Lancashire, quarter 4 2012/13: the year-end corporate scorecard report to the
/// Cabinet Committee on Performance Improvement of 14 June 2013, with its
/// Appendix 'A'. The paper gives the figures of the seven indicators with new
/// recovery plans; the others' figures are plausible stand-ins, marked
/// illustrative in their own column so nobody mistakes them for published data.
fn lancashire(path: &Path) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2013, 6, 14)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&created));
    write(
        wb.add_worksheet().set_name("Report")?,
        &[
            vec![Text("Key"), Text("Value")],
            vec![Text("Organisation"), Text("Lancashire County Council")],
            vec![Text("Committee"), Text("Cabinet Committee on Performance Improvement")],
            vec![Text("Meeting date"), Date(2013, 6, 14)],
            vec![Text("Venue"), Text("Cabinet Room 'B' - County Hall, Preston")],
            vec![Text("Agenda item"), Text("5")],
            vec![Text("Title"), Text("Quarterly Corporate Performance Monitoring and Improvement - Corporate Scorecard Report")],
            vec![Text("Report of"), Text("Chief Executive")],
            vec![Text("Electoral divisions"), Text("All")],
            vec![Text("Contact"), Text("Michael Walder, (01772) 533637, Corporate Policy and Performance Team, michael.walder@lancashire.gov.uk")],
            vec![Text("Period"), Text("2012/13 Q4")],
            vec![Text("Background"), Text("The corporate scorecard contains 35 performance indicators aligned against the priority areas identified in the Corporate Strategy for 2012/13 (35 indicators against 51 in the 2011/12 scorecard).")],
            vec![Text("Consultations"), Text("Both members of the Performance Working Group and of Management Team(s) have previously received the information in this report.")],
            vec![Text("Risk management"), Text("No significant risks have been identified in relation to the proposals contained within this report.")],
            vec![Text("Background papers"), Text("- Report to the Cabinet Committee on Performance Improvement, 'Quarterly Corporate Performance Monitoring Report - Corporate Scorecard', 26 February 2013\n- The same, 22 November 2012\n- The same, 30 August 2012\n\nContact: Michael Walder, Corporate Policy and Performance Team, (01772) 533637")],
            vec![Text("Reason for inclusion in Part II"), Text("N/A")],
        ],
    )?;
    let header = vec![
        Text("Theme"),
        Text("Ref"),
        Text("Indicator"),
        Text("Unit"),
        Text("Polarity"),
        Text("Actual"),
        Text("Last year"),
        Text("Year end target"),
        Text("Phrasing"),
        Text("Illustrative"),
    ];
    let published = lancashire_indicators();
    let mut rows = vec![header];
    for (
        theme,
        reference,
        title,
        unit,
        polarity,
        actual,
        last_year,
        target,
        phrasing,
        illustrative,
    ) in published
    {
        rows.push(vec![
            Text(theme),
            Text(reference),
            Text(title),
            Text(unit),
            Text(polarity),
            actual,
            last_year,
            target,
            if phrasing.is_empty() {
                Blank
            } else {
                Text(phrasing)
            },
            if illustrative { Text("Yes") } else { Blank },
        ]);
    }
    write(wb.add_worksheet().set_name("Indicators")?, &rows)?;

    write(
        wb.add_worksheet().set_name("Recovery plans")?,
        &[
            vec![Text("Ref"), Text("Title"), Text("Why is it under-performing"), Text("Comparative data"), Text("Previously presented")],
            vec![Text("CYP 1"), Text("Persistent absence of pupils eligible for free school meals in Year 1"), Text("Evidence from the data collected for the whole of academic years 2010/11 and 2011/12 shows that the number of pupils indicated as persistently absent in the Autumn term is not reflective of the annual total.\n\nThis is mainly due to raised levels of seasonal illness but also reflects the fact that many pupils who are identified as being \"at risk\" of persistent absence are effectively targeted for support and, as a result, their attendance improves markedly taking them out of this category.\n\n- Persistent absence fell for all groups (gender groups, Free School Meal, English as an Additional Language and Special Educational Needs).\n- Overall persistent absence reduced from 4.9% in 10/11 to 3.4% in 11/12.\n- Persistent absence for pupils known to be eligible for FSM fell from 12.6% (299 pupils) to 8.6% (224 pupils) from 10/11 to 11/12."), Blank, Blank],
            vec![Text("CYP 2"), Text("5 GCSEs grades A*-C including English and maths"), Text("- Well-publicised unannounced changes to the grading of GCSE English papers took place in the summer 2012 exam season, making a grade C pass in English harder to achieve. 'Borderline' pupils were most affected including FSM pupils, those with Special Educational Needs at School Action stage, and boys.\n- The dip in English in 2012 increased the number of schools below 40% 5+A*C[EM] to 7 (only 3 of which had been below 40% in one or more previous years).\n- The proportion of pupils gaining 5+A*C[EM] in Lancashire remained significantly above the national average in 2012.\n- Improvement was seen in the previously relatively weaker area of maths, but this was masked by the dip in English."), Blank, Blank],
            vec![Text("CYP 3"), Text("5 GCSEs grades A*-C including English and maths: pupils eligible for free school meals"), Text("- Changes to the grading of GCSE English papers in summer 2012 most affected 'borderline' pupils, including FSM pupils.\n- 49% of FSM pupils made expected progress in English, down 4% as for non FSM; 47% made expected progress in maths, up 10% compared to 6% non FSM.\n- Some schools have not disaggregated the Pupil Premium from their main budget.\n- In some schools there has been insufficient focus on monitoring and evaluating interventions to improve pupil progress."), Blank, Blank],
            vec![Text("CYP 4"), Text("Children in care placed with adopters within 12 months"), Text("There is a national shortfall of adopter households, and this is reflected locally: on a regional basis there is a shortfall of 405 adopter families, and on 4 March 2013 there were 685 children available for adoption in the North West.\n\nThe Children Looked After rate has risen from 1264 in 2009 to 1492 in May 2013, while the resources of the adoption service have stayed the same, delaying family finding. The Adoption Reform grant of £1.96m (net) in 2013/14 will help."), Blank, Blank],
            vec![Text("ASC 1, ASC 2, ASC 3"), Text("Adult social care survey indicators"), Text("The measures are collected from a survey of adult social care service users (January to March each year) and a survey of carers every two years (the first completed in November 2012). National data for both surveys should be available in summer 2013, to show whether the trend in Lancashire differs from the rest of the country."), Text("Lancashire's performance compared with the England average and other North West authorities, using the 2011/12 adult social care survey (the latest available)."), Blank],
            vec![Text("ASC 4"), Text("Carers receiving assessments or reviews"), Blank, Blank, Date(2012, 2, 21)],
            vec![Text("HR 1"), Text("Working days lost to sickness absence"), Blank, Blank, Date(2012, 11, 22)],
            vec![Text("CYP 5"), Text("Children looked after achieving 5 GCSEs A*-C including English and maths"), Blank, Blank, Date(2013, 2, 26)],
            vec![Text("ASC 5"), Text("Personal budgets"), Blank, Blank, Date(2013, 2, 26)],
            vec![Text("YOT 1"), Text("Youth re-offending"), Blank, Blank, Date(2013, 2, 26)],
        ],
    )?;
    let act = |r: &'static str, a: &'static str, l: &'static str, d: &'static str| {
        vec![Text(r), Text(a), Text(l), Text(d)]
    };
    write(
        wb.add_worksheet().set_name("Actions")?,
        &[
            vec![Text("Ref"), Text("Action"), Text("Lead"), Text("Due")],
            act("CYP 1", "Future targets will be developed using data across the whole academic year for 2012/13.", "Jonathan Hewitt", "July 2013"),
            act("CYP 2", "Provision of detailed data on progress and attainment to schools and advisers, with adviser training to ensure challenging target setting.", "Paul Dyson-Knight", "March 2013"),
            act("CYP 2", "Identifying specific schools where attainment remains low and furthest from target in order to inform and direct the work of school advisers and to engage schools in appropriate support networks.", "Paul Dyson-Knight", "July 2013"),
            act("CYP 2", "Advisers challenging schools to track progress towards target at least termly and to ensure appropriate intervention and support is in place, making effective use of school resources and brokering in additional support as necessary, including from successful schools.", "Paul Dyson-Knight", "March 2013"),
            act("CYP 2", "Highlighting, for senior leaders, the key messages underlying LA data and supporting the Secondary Headteachers' Association to analyse local datasets in order to facilitate school-to-school networking and support.", "Paul Dyson-Knight", "February 2013"),
            act("CYP 2", "Providing information on the attainment of KS4 pupils to District Children and Young People's Trusts where it is an area of concern so that additional support is targeted to meet pupils' needs", "Mike Snelson", "January 2013"),
            act("CYP 2", "Providing consultant support to schools with higher levels of persistent absence to improve the attendance of vulnerable pupils", "Helen Smith", "May 2013"),
            act("CYP 2", "Providing bespoke support for schools in challenging circumstances where attainment is low, including support for small group or 1/1 tuition, support for mathematics revision classes and \"masterclasses\" in mathematics", "Helen Smith", "June 2013"),
            act("CYP 2", "Provision of subject-specific training for teachers and support in mathematics and English with a strong focus on maximising pupil progress, ensuring in-school support for teachers in schools causing concern.", "Helen Smith", "June 2013"),
            act("CYP 2", "Sharing expertise from highly effective schools through the use of local support networks in English and mathematics", "Helen Smith", "July 2013"),
            act("CYP 3", "Provision of detailed data on the progress and attainment of FSM pupils to schools and advisers, with adviser training to ensure challenging target setting.", "Paul Dyson-Knight", "March 2013"),
            act("CYP 3", "Identifying specific schools where the greatest proportion of FSM pupils attend and where attainment and progress for these pupils remains low in order to inform and direct the work of school advisers and to engage schools in local support networks.", "Paul Dyson-Knight", "July 2013"),
            act("CYP 3", "Advisers challenging schools to track FSM pupil progress at least termly and to ensure appropriate intervention and support is in place, making effective use of the Pupil Premium and brokering in additional support as necessary, including from successful schools. Highlighting, for senior leaders, the key messages from national research into underlying barriers and effective support for FSM pupils and Children Looked After, sharing effective practice locally through a Pupil Premium conference.", "Paul Dyson-Knight", "March 2013"),
            act("CYP 3", "Providing information on the attainment of FSM pupils to District Children and Young People's Trusts where it is an area of concern so that additional support for socially disadvantaged pupils is targeted to meet their needs", "Mike Snelson", "March 2013"),
            act("CYP 3", "Providing consultant support to schools with higher levels of persistent absence to improve the attendance of vulnerable pupils", "Helen Smith", "May 2013"),
            act("CYP 3", "Providing bespoke support for schools in challenging circumstances where the attainment of FSM is low, including support for small group or 1/1 tuition, support for mathematics revision classes and \"masterclasses\" in mathematics", "Helen Smith", "June 2013"),
            act("CYP 3", "Provision of subject-specific training for teachers and support in mathematics and English with a strong focus on maximising pupil progress, ensuring in-school support for teachers in schools causing concern.", "Helen Smith", "June 2013"),
            act("CYP 3", "Sharing expertise from highly effective schools through the use of local support networks in English and mathematics", "Helen Smith", "July 2013"),
            act("CYP 4", "The functions and resources in the adoption service are currently under review.", "Stasia Osiowy/ Anne-Marie Ranson", "October 2013"),
            act("CYP 4", "Due to additional funding from the government agreements have been reached to increase capacity in the short, medium and long term. This will be informed on business planning for the next 2 years in line with the Adoption Reform Programme (ARP) and associated grant funding - Adoption Reform Grant (ARG).", "Stasia Osiowy/ Anne-Marie Ranson", "March 2014"),
            act("CYP 4", "Ensure recruitment is targeted effectively to reflect the needs of children in Lancashire with a proposed care plan of adoption", "Stasia Osiowy/ Anne-Marie Ranson", "March 2014"),
            act("CYP 4", "Review the marketing strategy and fund additional activity for the recruitment of adopters, including an out of hours enquiry line, utilising the ARG.", "Stasia Osiowy/ Anne-Marie Ranson", "September 2013"),
            act("CYP 4", "The Service will participate in regional recruitment and marketing activity with neighbouring authorities and voluntary adoption agencies.", "Stasia Osiowy/ Anne-Marie Ranson", "March 2014"),
            act("CYP 4", "The service has prepared a tendering specification to secure the assessment of additional adopter households in the event that it is required in line with the enhanced level of marketing activity.", "Stasia Osiowy/ Anne-Marie Ranson", "September 2013"),
            act("CYP 4", "The service will ensure assessments of adopters are undertaken within the current timescale of 8 months and the anticipated revised timescale of 6 months and the 2 stage process; to be introduced on 1st July 2013.", "Stasia Osiowy/ Anne-Marie Ranson", "From July 2013"),
            act("CYP 4", "In conjunction with the Fostering Service the service will review and further develop the concurrent placement project, and consider the implications of the proposed \"Fostering to Adopt\" model and plan for implementation - the project is on target to recruit a total of 15 households by 2014/15", "Stasia Osiowy/ Anne-Marie Ranson/ Barbara Bath", "March 2014/15"),
            act("CYP 4", "In conjunction with colleagues from Children's Social Care a Central Care Proceedings team has been introduced to achieve effective and timely care planning for adoption and inform recruitment activity, particularly for those children it can be anticipated may be hard to place.", "Stasia Osiowy/ Diane Booth/ Anne-Marie Ranson", "March 2014"),
            act("CYP 4", "For the Adoption service to participate in the multi-agency Adoption Round Table Forum and work collaboratively with colleagues to ensure a multi agency approach to the care planning and adoption process; improvement is reliant upon a collective response", "Stasia Osiowy/ Anne-Marie Ranson", "Ongoing"),
            act("ASC 1", "Information and Advice: review and revise all information content", "Self Directed Support programme board", "July 2013"),
            act("ASC 1", "Information and Advice: the new internet site to go live (phase 1), dependent upon development time from OCL", "Self Directed Support programme board", "August 2013"),
            act("ASC 1", "Information and Advice: the new intranet site, dependent upon development time from OCL", "Self Directed Support programme board", "October 2013"),
            act("ASC 1", "Time to Think: full implementation, so that people are not asked to make decisions about their long term needs while recovering from an illness or trauma", "Self Directed Support programme board", "March 2014"),
            act("ASC 1", "Community Brokerage: identify task and finish groups, agree a process for people in transitional care to use community support planning, implement the new service specification, and agree monitoring procedures", "Self Directed Support programme board", "During 2013"),
            act("ASC 1", "Community Brokerage: develop the role of community support planners in reviews and agree long term funding of community support planning", "Self Directed Support programme board", "By 2015"),
            act("ASC 1", "DIY Support Planning: design a person centred planning process, deliver training sessions, and set up task and finish groups on back office systems and quality assurance of support planning", "Self Directed Support programme board", "During 2013"),
            act("ASC 1", "DIY Support Planning: regular working together for change events with action plans that sustain the model and toolkit", "Self Directed Support programme board", "2013-2016"),
            act("ASC 1", "Direct Payments: training for staff on the new policies and procedures", "Self Directed Support programme board", "From September 2013"),
        ],
    )?;
    // The comparative table of North West councils (2011/12 survey).
    let councils: &[(&str, f64, f64, f64)] = &[
        ("Blackburn", 19.3, 77.8, 88.1),
        ("Blackpool", 18.5, 72.3, 70.6),
        ("Bolton", 18.3, 72.4, 75.6),
        ("Bury", 20.1, 77.2, 61.1),
        ("Cheshire E", 19.0, 76.6, 88.0),
        ("Cheshire W & C", 19.2, 81.5, 89.3),
        ("Cumbria", 18.9, 79.7, 71.3),
        ("Halton", 19.7, 85.6, 79.1),
        ("Knowsley", 19.3, 76.8, 82.9),
        ("Lancashire 2011/12", 19.2, 74.7, 70.4),
        ("Liverpool", 19.0, 76.9, 82.2),
        ("Manchester", 18.3, 69.6, 77.3),
        ("Oldham", 18.5, 69.8, 73.8),
        ("Rochdale", 18.8, 76.6, 80.8),
        ("Salford", 18.5, 78.6, 81.8),
        ("Sefton", 19.2, 78.4, 76.8),
        ("St Helens", 19.0, 76.8, 56.7),
        ("Stockport", 18.6, 81.6, 65.3),
        ("Tameside", 18.4, 74.4, 56.6),
        ("Trafford", 18.6, 66.4, 65.2),
        ("Warrington", 18.6, 76.2, 86.1),
        ("Wigan", 18.8, 76.4, 65.7),
        ("Wirral", 18.8, 69.9, 68.2),
        ("North West Average", 18.9, 75.5, 73.0),
        ("England Average", 18.7, 73.8, 75.5),
    ];
    let mut benchmarks = vec![vec![
        Text("Ref"),
        Text("Comparator"),
        Text("Value"),
        Text("Period"),
    ]];
    for (name, qol, info, safe) in councils {
        for (reference, value) in [
            ("ASC 1", Num(*qol)),
            ("ASC 2", Num(*info)),
            ("ASC 3", Num(*safe)),
        ] {
            benchmarks.push(vec![Text(reference), Text(name), value, Text("2011/12")]);
        }
    }
    write(wb.add_worksheet().set_name("Benchmarks")?, &benchmarks)?;
    wb.save(path)
}

/// Lancashire, quarter 3 2012/13: the report to the Cabinet Committee on
/// Performance Improvement of 26 February 2013, which the year-end report
/// follows. That paper rates year-end forecasts: 30 of the 35 indicators
/// forecast to meet their year-end targets, and names the 5 forecast to miss
/// (three with recovery plans at its Appendix A, two considered at earlier
/// meetings). It gives no figures, so every forecast here is a stand-in,
/// marked illustrative: the targets for those forecast to meet them, and
/// plausible shortfalls for the five.
fn lancashire_q3(path: &Path) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2013, 2, 26)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&created));
    write(
        wb.add_worksheet().set_name("Report")?,
        &[
            vec![Text("Key"), Text("Value")],
            vec![Text("Organisation"), Text("Lancashire County Council")],
            vec![Text("Committee"), Text("Cabinet Committee on Performance Improvement")],
            vec![Text("Meeting date"), Date(2013, 2, 26)],
            vec![Text("Venue"), Text("Cabinet Room 'B' - County Hall, Preston")],
            vec![Text("Agenda item"), Text("4")],
            vec![Text("Title"), Text("Quarterly Corporate Performance Monitoring and Improvement - Corporate Scorecard Report & Recovery Plans")],
            vec![Text("Report of"), Text("Chief Executive")],
            vec![Text("Electoral divisions"), Text("All")],
            vec![Text("Period"), Text("2012/13 Q3")],
        ],
    )?;
    let mut rows = vec![vec![
        Text("Theme"),
        Text("Ref"),
        Text("Indicator"),
        Text("Unit"),
        Text("Polarity"),
        Text("Year end target"),
        Text("Year end forecast"),
        Text("Illustrative"),
    ]];
    for (theme, reference, title, unit, polarity, _, _, target, _, _) in lancashire_indicators() {
        let forecast = match reference {
            "CYP 5" => Pct(14.0),
            "ASC 5" => Pct(86.0),
            "YOT 1" => Pct(39.3),
            "ASC 4" => Num(9700.0),
            "HR 1" => Num(9.5),
            _ => target.clone(),
        };
        rows.push(vec![
            Text(theme),
            Text(reference),
            Text(title),
            Text(unit),
            Text(polarity),
            target,
            forecast,
            Text("Yes"),
        ]);
    }
    write(wb.add_worksheet().set_name("Indicators")?, &rows)?;
    write(
        wb.add_worksheet().set_name("Recovery plans")?,
        &[
            vec![Text("Ref"), Text("Title"), Text("Previously presented")],
            vec![
                Text("CYP 5"),
                Text("Children looked after achieving 5 GCSEs A*-C including English and maths"),
                Blank,
            ],
            vec![Text("ASC 5"), Text("Personal budgets"), Blank],
            vec![Text("YOT 1"), Text("Youth re-offending"), Blank],
            vec![
                Text("ASC 4"),
                Text("Carers receiving assessments or reviews"),
                Date(2012, 2, 21),
            ],
            vec![
                Text("HR 1"),
                Text("Working days lost to sickness absence"),
                Date(2012, 11, 22),
            ],
        ],
    )?;
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
    let path = dir.join("lancashire/lancashire-2012-13-q4.xlsx");
    lancashire(&path)?;
    println!("wrote {}", path.display());
    let path = dir.join("lancashire/q3/lancashire-2012-13-q3.xlsx");
    lancashire_q3(&path)?;
    println!("wrote {}", path.display());
    Ok(())
}
