//! Real spreadsheets nobody here wrote (calamine's test files: malformed, huge,
//! odd encodings) must each end `validate` cleanly: exit 0, 1 or 2 with a
//! message, never a panic or a hang.
//!
//! The corpus lives in `../shared/corpus/` beside the repository, or wherever
//! `SCORECARD_CORPUS` points.

use crate::util::scorecard;
use std::path::PathBuf;
use std::time::Duration;

fn corpus_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("SCORECARD_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    dir.is_dir().then_some(dir)
}

fn files(dir: &std::path::Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn validate_ends_cleanly_on_every_corpus_file() {
    let Some(dir) = corpus_dir() else {
        eprintln!("corpus not found beside the repository; set SCORECARD_CORPUS to run this test");
        return;
    };
    let mut all = Vec::new();
    files(&dir, &mut all);
    all.sort();
    assert!(
        all.len() > 50,
        "expected the calamine corpus, found {} files",
        all.len()
    );
    let mut failures = Vec::new();
    for path in &all {
        let output = scorecard()
            .arg("validate")
            .arg(path)
            .timeout(Duration::from_secs(60))
            .output()
            .unwrap();
        let code = output.status.code();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let ok = matches!(code, Some(0..=2))
            && !stderr.contains("panicked")
            && (code == Some(0) || stdout.contains("error") || stderr.contains("error"));
        if !ok {
            failures.push(format!(
                "{}: exit {code:?}\n{stdout}\n{stderr}",
                path.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n---\n"));
}
