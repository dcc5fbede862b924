//! A generated scorecard workbook of any size, for benchmarks and timing.
//!
//! Each indicator row has percent-formatted cells, text values (`110.7k`,
//! `<624.1`, `56-61%`), a commentary and a note, and leaves Previous and Last
//! year blank so that direction of travel comes from the History sheet (three
//! earlier periods per indicator): the costliest shape for the rules. One
//! indicator in twenty has a recovery plan with two actions, and one in ten a
//! benchmark row.

use rust_xlsxwriter::{Format, Workbook, XlsxError};
use std::path::Path;

/// Writes a workbook of `rows` indicators to `path`.
pub fn write_workbook(path: &Path, rows: u32) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let pct = Format::new().set_num_format("0.0%");

    let report = wb.add_worksheet();
    report.set_name("Report")?;
    for (r, (k, v)) in [
        ("Organisation", "Example County Council"),
        ("Committee", "Cabinet Committee on Performance Improvement"),
        ("Meeting date", "14/06/2013"),
        ("Period", "2012/13 Q3"),
        ("Title", "Corporate performance report"),
    ]
    .iter()
    .enumerate()
    {
        report.write_string(r as u32, 0, *k)?;
        report.write_string(r as u32, 1, *v)?;
    }

    let ws = wb.add_worksheet();
    ws.set_name("Indicators")?;
    let headers = [
        "Ref",
        "Indicator",
        "Theme",
        "Unit",
        "Polarity",
        "Actual",
        "Previous",
        "Last year",
        "Target",
        "Y/E target",
        "Tolerance",
        "Commentary",
        "Note",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(0, c as u16, *h)?;
    }
    for r in 1..=rows {
        let f = f64::from(r % 1000) / 1000.0;
        ws.write_string(r, 0, format!("PI {r}"))?;
        ws.write_string(r, 1, format!("Indicator number {r}"))?;
        ws.write_string(
            r,
            2,
            ["Prevent", "Reduce", "Delay", "Meet need"][(r % 4) as usize],
        )?;
        match r % 3 {
            0 => {
                ws.write_string(r, 3, "%")?;
                ws.write_string(r, 4, "Higher")?;
                ws.write_number_with_format(r, 5, f, &pct)?;
                ws.write_number_with_format(r, 8, 0.551, &pct)?;
                ws.write_string(r, 9, "56-61%")?;
            }
            1 => {
                ws.write_string(r, 3, "Number")?;
                ws.write_string(r, 4, "Higher")?;
                ws.write_string(r, 5, "110.7k")?;
                ws.write_string(r, 8, "151k")?;
                ws.write_string(r, 9, "160k")?;
            }
            _ => {
                ws.write_string(r, 3, "per 100,000")?;
                ws.write_string(r, 4, "Lower")?;
                ws.write_number(r, 5, 628.5)?;
                ws.write_string(r, 8, "<624.1")?;
                ws.write_string(r, 9, "<= 620")?;
            }
        }
        ws.write_string(r, 10, "5%")?;
        ws.write_string(
            r,
            11,
            "Performance at December again missed the profiled target; actions are in hand.",
        )?;
        ws.write_string(r, 12, "Due June 2013")?;
    }

    let plans = wb.add_worksheet();
    plans.set_name("Recovery plans")?;
    for (c, h) in ["Ref", "Title", "Why", "Comparative data"]
        .iter()
        .enumerate()
    {
        plans.write_string(0, c as u16, *h)?;
    }
    for (p, r) in (20..=rows).step_by(20).enumerate() {
        let p = p as u32 + 1;
        plans.write_string(p, 0, format!("PI {r}"))?;
        plans.write_string(p, 1, format!("Recovering indicator {r}"))?;
        plans.write_string(p, 2, "Demand rose faster than **capacity** this year.")?;
        plans.write_string(p, 3, "Below the regional average.")?;
    }
    let actions = wb.add_worksheet();
    actions.set_name("Actions")?;
    for (c, h) in ["Ref", "Action", "Lead", "Due", "Status"]
        .iter()
        .enumerate()
    {
        actions.write_string(0, c as u16, *h)?;
    }
    let mut a = 1u32;
    for r in (20..=rows).step_by(20) {
        for (action, due) in [
            ("Recruit two officers", "31/03/2013"),
            ("Review the process", "Ongoing"),
        ] {
            actions.write_string(a, 0, format!("PI {r}"))?;
            actions.write_string(a, 1, action)?;
            actions.write_string(a, 2, "Head of Service")?;
            actions.write_string(a, 3, due)?;
            actions.write_string(a, 4, "On track")?;
            a += 1;
        }
    }

    let bench = wb.add_worksheet();
    bench.set_name("Benchmarks")?;
    for (c, h) in ["Ref", "Comparator", "Value", "Period"].iter().enumerate() {
        bench.write_string(0, c as u16, *h)?;
    }
    let mut b = 1u32;
    for r in (10..=rows).step_by(10) {
        for (who, v) in [("England", 600.0), ("North West", 640.5)] {
            bench.write_string(b, 0, format!("PI {r}"))?;
            bench.write_string(b, 1, who)?;
            bench.write_number(b, 2, v)?;
            bench.write_string(b, 3, "2011/12")?;
            b += 1;
        }
    }

    let hist = wb.add_worksheet();
    hist.set_name("History")?;
    for (c, h) in ["Ref", "Period", "Actual", "Target"].iter().enumerate() {
        hist.write_string(0, c as u16, *h)?;
    }
    let mut h = 1u32;
    for r in 1..=rows {
        for (period, shift) in [
            ("2011/12 Q3", 0.05),
            ("2012/13 Q1", 0.02),
            ("2012/13 Q2", 0.01),
        ] {
            let f = f64::from(r % 1000) / 1000.0;
            hist.write_string(h, 0, format!("PI {r}"))?;
            hist.write_string(h, 1, period)?;
            match r % 3 {
                0 => {
                    hist.write_number_with_format(h, 2, f - shift, &pct)?;
                    hist.write_number_with_format(h, 3, 0.551, &pct)?;
                }
                1 => {
                    hist.write_number(h, 2, 110_700.0 * (1.0 - shift))?;
                    hist.write_number(h, 3, 151_000.0)?;
                }
                _ => {
                    hist.write_number(h, 2, 628.5 * (1.0 + shift))?;
                    hist.write_number(h, 3, 624.1)?;
                }
            }
            h += 1;
        }
    }
    wb.save(path)
}
