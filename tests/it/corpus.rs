//! Real spreadsheets nobody here wrote (calamine's test files: malformed, huge,
//! odd encodings) must each end `validate` cleanly: exit 0, 1 or 2 with a
//! message, never a panic or a hang.
//!
//! The corpus is `SCORECARD_CORPUS`, else `../shared/corpus/` beside the
//! repository, else the copy in `tests/corpus/`; the test fails rather than
//! pass with nothing checked.

use crate::util::{corpus_dir, scorecard};
use std::path::PathBuf;
use std::time::Duration;

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
    let dir = corpus_dir();
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

#[test]
fn batch_and_index_end_cleanly_over_the_whole_corpus() {
    let dir = corpus_dir();
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("out");
    for format in ["md", "json"] {
        let output = scorecard()
            .args(["batch", "--format", format, "--out"])
            .arg(&out)
            .arg(&dir)
            .timeout(Duration::from_secs(300))
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        // Most of the corpus is no scorecard: a failure each, never a panic.
        assert_eq!(output.status.code(), Some(1), "{stdout}\n{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(!stdout.contains("internal error"), "{stdout}");
        assert!(stdout.contains(" failed"), "{stdout}");
    }
    scorecard()
        .arg("index")
        .arg(&out)
        .timeout(Duration::from_secs(60))
        .assert()
        .code(0);
    assert!(out.join("index.html").is_file());
}
