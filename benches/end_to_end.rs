//! Whole reports, end to end, at the sizes councils and national bodies keep.
//!
//! ```text
//! cargo bench --bench end_to_end
//! SCORECARD_BENCH_SIZES=35,1000 cargo bench --bench end_to_end   # just these sizes
//! cargo bench --bench end_to_end -- paper                        # the Word and PDF papers
//! ```
//!
//! Each size is a generated workbook (see `support/large.rs`): percent formats
//! and text values on every row, Previous and Last year blank so direction of
//! travel comes from a History sheet of three points per indicator (the
//! costliest shape for the rules), plans, actions and benchmarks. Nothing
//! large is checked in: the workbooks are written to a temporary folder.
//!
//! `bare_read` is the floor: calamine's one pass over every sheet's XML for
//! values and style ids, doing nothing with them. The targets are that a
//! Markdown report takes at most twice that (goal 1.5×) and grows linearly.

#[path = "support/large.rs"]
mod large;

use calamine::{open_workbook, Reader, Xlsx};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use scorecard::report::{renderer, Format, Part, RatedReport};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

fn sizes() -> Vec<u32> {
    match std::env::var("SCORECARD_BENCH_SIZES") {
        Ok(list) => list
            .split(',')
            .filter_map(|s| s.trim().parse().ok())
            .collect(),
        Err(_) => vec![35, 1_000, 10_000, 30_000],
    }
}

/// Every cell of every sheet with its style id, and nothing else.
fn bare_read(path: &Path) -> usize {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let mut seen = 0;
    for name in wb.sheet_names() {
        let mut cells = wb.worksheet_cells_reader(&name).unwrap();
        while let Some((cell, style)) = cells.next_cell_with_style_id().unwrap() {
            seen += style + usize::from(cell.get_value() != &calamine::DataRef::Empty);
        }
    }
    seen
}

fn report(path: &Path, format: Format) -> usize {
    let renderer = renderer(format, Default::default()).unwrap();
    let prepared = scorecard::pipeline::prepare(path, None).unwrap();
    let report = RatedReport {
        rated: &prepared.rated,
        diagnostics: &prepared.diagnostics,
        part: Part::AgendaItem,
        charts: true,
    };
    let mut out = Vec::new();
    renderer.render(&report, &mut out).unwrap();
    out.len()
}

/// What `scorecard validate --format json` does: read, rate, run the
/// cross-sheet checks, and write every problem out.
fn validate(path: &Path) -> usize {
    let prepared = scorecard::pipeline::prepare(path, None).unwrap();
    serde_json::to_vec(&prepared.diagnostics).unwrap().len()
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut group = c.benchmark_group("end_to_end");
    group.sample_size(10);
    for rows in sizes() {
        let path = dir.path().join(format!("large-{rows}.xlsx"));
        large::write_workbook(&path, rows).unwrap();
        group.measurement_time(Duration::from_secs(if rows > 5_000 { 30 } else { 5 }));
        group.bench_with_input(BenchmarkId::new("bare_read", rows), &path, |b, p| {
            b.iter(|| black_box(bare_read(p)))
        });
        for (name, format) in [
            ("report_md", Format::Md),
            ("report_html", Format::Html),
            ("report_json", Format::Json),
        ] {
            group.bench_with_input(BenchmarkId::new(name, rows), &path, |b, p| {
                b.iter(|| black_box(report(p, format)))
            });
        }
        group.bench_with_input(BenchmarkId::new("validate", rows), &path, |b, p| {
            b.iter(|| black_box(validate(p)))
        });
    }
    group.finish();
}

/// The papers clerks circulate, for the 35-indicator Lancashire example:
/// Word and PDF (the target is under a second for the PDF on two cores).
fn papers(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/lancashire/lancashire-2012-13-q4.xlsx");
    let mut group = c.benchmark_group("paper");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    let mut formats = vec![("docx", Format::Docx), ("html", Format::Html)];
    if cfg!(feature = "pdf") {
        formats.push(("pdf", Format::Pdf));
    }
    for (name, format) in formats {
        group.bench_with_input(BenchmarkId::new(name, 35), &path, |b, p| {
            b.iter(|| black_box(report(p, format)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench, papers);
criterion_main!(benches);
