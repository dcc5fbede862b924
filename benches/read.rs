//! How fast a workbook is read, rated and rendered.
//!
//! ```text
//! cargo bench --bench read
//! ```
//!
//! A council scorecard has tens to a few hundred indicators; the 2,000-row
//! workbook here (the generated one of `support/large.rs`, shared with
//! `end_to_end`) is a generous upper bound for one service. Each row has
//! percent-formatted cells, text values (`110.7k`, `<624.1`, `56-61%`), a
//! commentary and a note, so the style pass and every value parser are
//! exercised.

#[path = "support/large.rs"]
mod large;

use criterion::{criterion_group, criterion_main, Criterion};
use scorecard::{load, LoadOptions};
use std::hint::black_box;

const ROWS: u32 = 2_000;

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.xlsx");
    large::write_workbook(&path, ROWS).unwrap();
    let options = LoadOptions::default();
    let loaded = load(&path, &options).unwrap();
    assert_eq!(loaded.scorecard.indicators.len(), ROWS as usize);

    let mut group = c.benchmark_group("read");
    group.sample_size(20);
    group.bench_function("xlsx_2000_indicators", |b| {
        b.iter(|| black_box(load(&path, &options).unwrap()))
    });
    let prepared = scorecard::pipeline::prepare(&path, None).unwrap();
    let loaded = load(&path, &options).unwrap();
    let renderer =
        scorecard::report::renderer(scorecard::report::Format::Html, Default::default()).unwrap();
    group.bench_function("rate_2000_indicators", |b| {
        b.iter(|| {
            black_box(scorecard::rules::scorecard::rate_scorecard(
                loaded.scorecard.clone(),
                prepared.rated.settings,
            ))
        })
    });
    group.bench_function("html_report_2000_indicators", |b| {
        b.iter(|| {
            black_box(
                renderer
                    .render_to_string(&scorecard::report::RatedReport {
                        rated: &prepared.rated,
                        diagnostics: &prepared.diagnostics,
                        part: scorecard::report::Part::AgendaItem,
                        charts: true,
                    })
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
