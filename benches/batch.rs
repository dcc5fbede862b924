//! A CI's batch: many small workbooks at once, on one worker and on two, and
//! what the manifest and the index add.
//!
//! ```text
//! cargo bench --bench batch
//! SCORECARD_BENCH_WORKBOOKS=100 cargo bench --bench batch   # fewer workbooks
//! ```
//!
//! Each workbook is a generated 35-indicator scorecard (a service's
//! quarterly return; see `support/large.rs`), copied into ten folders of 50.
//! `html_jobs_1` and `html_jobs_2` write every report (and the manifest);
//! `unchanged` is a `--changed-only` run over the same outputs, so it is the
//! manifest's own cost: reading it, hashing every workbook and its settings,
//! and finding its outputs; `index` merges the manifest into index.html and
//! index.md.

#[path = "support/large.rs"]
mod large;

use criterion::{criterion_group, criterion_main, Criterion};
use scorecard::jobs::{self, index, What};
use scorecard::report::tera_renderer::{render_index, HtmlText, MarkdownText};
use scorecard::report::Format;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

fn workbooks() -> usize {
    std::env::var("SCORECARD_BENCH_WORKBOOKS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(500)
}

fn options(out: &Path, jobs: usize, changed_only: bool) -> jobs::Options {
    jobs::Options {
        out: out.to_path_buf(),
        what: What::Report,
        format: Format::Html,
        jobs,
        config: None,
        template: None,
        reference_doc: None,
        previous_dir: None,
        shard: None,
        changed_only,
    }
}

fn batch(inputs: &[jobs::Input], options: &jobs::Options) -> usize {
    let run = jobs::run(inputs, options, &|_| {}).unwrap();
    assert!(run.outcomes.iter().all(|o| o.failure.is_none()));
    run.outcomes.len()
}

fn make_index(out: &Path) -> usize {
    let found = index::collect(&[out.to_path_buf()]).unwrap();
    let html = render_index(&index::build(&found, out, &HtmlText), false, None).unwrap();
    let md = render_index(&index::build(&found, out, &MarkdownText), true, None).unwrap();
    html.len() + md.len()
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let one = dir.path().join("one.xlsx");
    large::write_workbook(&one, 35).unwrap();
    let services = dir.path().join("services");
    for i in 0..workbooks() {
        let folder = services.join(format!("service-{:02}", i % 10));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::copy(&one, folder.join(format!("team-{i:03}.xlsx"))).unwrap();
    }
    let inputs = jobs::find_inputs(&[services]);
    let out: PathBuf = dir.path().join("site");

    let mut group = c.benchmark_group("batch");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("html_jobs_1", |b| {
        b.iter(|| black_box(batch(&inputs, &options(&out, 1, false))))
    });
    group.bench_function("html_jobs_2", |b| {
        b.iter(|| black_box(batch(&inputs, &options(&out, 2, false))))
    });
    group.bench_function("unchanged", |b| {
        b.iter(|| black_box(batch(&inputs, &options(&out, 2, true))))
    });
    group.bench_function("index", |b| b.iter(|| black_box(make_index(&out))));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
