//! How fast a workbook is read, rated and rendered.
//!
//! ```text
//! cargo bench --bench read
//! ```
//!
//! A council scorecard has tens to a few hundred indicators; the 2,000-row
//! workbook here is a generous upper bound. Each row has percent-formatted
//! cells, text values (`110.7k`, `<8.1`, `56-61%`), a commentary and a note, so
//! the style pass and every value parser are exercised.

use criterion::{criterion_group, criterion_main, Criterion};
use rust_xlsxwriter::{Format, Workbook};
use scorecard::{load, LoadOptions};
use std::hint::black_box;
use std::path::Path;

const ROWS: u32 = 2_000;

fn build_xlsx(path: &Path) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Indicators").unwrap();
    let pct = Format::new().set_num_format("0.0%");
    let headers = [
        "Ref",
        "Indicator",
        "Theme",
        "Unit",
        "Polarity",
        "Actual",
        "Previous",
        "Target",
        "Y/E target",
        "Tolerance",
        "Commentary",
        "Note",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for r in 1..=ROWS {
        let f = f64::from(r % 1000) / 1000.0;
        ws.write_string(r, 0, format!("PI {r}")).unwrap();
        ws.write_string(r, 1, format!("Indicator number {r}"))
            .unwrap();
        ws.write_string(
            r,
            2,
            ["Prevent", "Reduce", "Delay", "Meet need"][(r % 4) as usize],
        )
        .unwrap();
        match r % 3 {
            0 => {
                ws.write_string(r, 3, "%").unwrap();
                ws.write_string(r, 4, "Higher").unwrap();
                ws.write_number_with_format(r, 5, f, &pct).unwrap();
                ws.write_number_with_format(r, 6, f * 0.9, &pct).unwrap();
                ws.write_number_with_format(r, 7, 0.551, &pct).unwrap();
                ws.write_string(r, 8, "56-61%").unwrap();
            }
            1 => {
                ws.write_string(r, 3, "Number").unwrap();
                ws.write_string(r, 4, "Higher").unwrap();
                ws.write_string(r, 5, "110.7k").unwrap();
                ws.write_number(r, 6, 98_500.0).unwrap();
                ws.write_string(r, 7, "151k").unwrap();
                ws.write_string(r, 8, "1,264").unwrap();
            }
            _ => {
                ws.write_string(r, 3, "per 100,000").unwrap();
                ws.write_string(r, 4, "Lower").unwrap();
                ws.write_number(r, 5, 628.5).unwrap();
                ws.write_number(r, 6, 630.0).unwrap();
                ws.write_string(r, 7, "<624.1").unwrap();
                ws.write_string(r, 8, "<= 8.1").unwrap();
            }
        }
        ws.write_string(r, 9, "5%").unwrap();
        ws.write_string(
            r,
            10,
            "Performance at October again missed the profiled monthly target; actions are in hand.",
        )
        .unwrap();
        ws.write_string(r, 11, "Due June 2019").unwrap();
    }
    wb.save(path).unwrap();
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.xlsx");
    build_xlsx(&path);
    let options = LoadOptions::default();
    let loaded = load(&path, &options).unwrap();
    assert_eq!(loaded.scorecard.indicators.len(), ROWS as usize);

    let mut group = c.benchmark_group("read");
    group.sample_size(20);
    group.bench_function("xlsx_2000_indicators", |b| {
        b.iter(|| black_box(load(&path, &options).unwrap()))
    });
    let prepared = scorecard::pipeline::prepare(&path, None).unwrap();
    let renderer = scorecard::report::Renderer::new(None).unwrap();
    group.bench_function("rate_2000_indicators", |b| {
        b.iter(|| {
            black_box(scorecard::rules::scorecard::rate_scorecard(
                prepared.rated.scorecard.clone(),
                prepared.rated.settings,
            ))
        })
    });
    group.bench_function("html_report_2000_indicators", |b| {
        b.iter(|| {
            black_box(
                renderer
                    .render(
                        &prepared.rated,
                        &prepared.diagnostics,
                        scorecard::report::Format::Html,
                    )
                    .unwrap(),
            )
        })
    });
    group.bench_function("parse_text_value_forms", |b| {
        let forms = [
            "55.1%",
            "1,264",
            "\u{a3}1.96m",
            "110.7k",
            "<= 8.1",
            "56-61%",
            "Due June 2019",
            "55..1",
        ];
        b.iter(|| {
            for f in forms {
                black_box(scorecard::value::parse_text(black_box(f)));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
