//! `scorecard batch`: many workbooks, in parallel, one failure not stopping the rest.

use crate::util::C::*;
use crate::util::*;
use predicates::prelude::*;
use std::path::Path;

fn good(dir: &Path, name: &str, title: &'static str) -> std::path::PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    xlsx(
        dir,
        name,
        &[(
            "Indicators",
            vec![
                indicator_header(),
                vec![T("A1"), T(title), T("%"), T("Higher"), N(60.0), N(55.0)],
            ],
        )],
    )
}

#[test]
fn one_broken_workbook_of_three_does_not_stop_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    good(&inputs, "adults.xlsx", "Adults");
    good(&inputs, "children.xlsx", "Children");
    std::fs::write(inputs.join("broken.xlsx"), "not a spreadsheet").unwrap();
    std::fs::write(
        inputs.join("notes.txt"),
        "ignored: not a spreadsheet extension",
    )
    .unwrap();
    let out = dir.path().join("out");
    scorecard()
        .args(["batch", "--format", "md", "--jobs", "2", "--out"])
        .arg(&out)
        .arg(&inputs)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("3 workbooks: 2 done, 1 failed"))
        .stdout(predicate::str::contains("failed:"))
        .stdout(predicate::str::contains(
            "broken.xlsx is not a readable spreadsheet",
        ));
    let adults = std::fs::read_to_string(out.join("in/adults.md")).unwrap();
    assert!(
        // General cells holding 60 and 55 show no decimals, so neither does the paper.
        adults.contains("| A1 | Adults | 60% | – | 55% |"),
        "{adults}"
    );
    assert!(out.join("in/children.md").is_file());
    assert!(!out.join("in/broken.md").exists());
}

#[test]
fn same_named_workbooks_do_not_overwrite_each_other() {
    let dir = tempfile::tempdir().unwrap();
    good(&dir.path().join("north"), "q4.xlsx", "North");
    good(&dir.path().join("south"), "q4.xlsx", "South");
    let out = dir.path().join("out");
    // Two folders, and the same two files named directly.
    scorecard()
        .args(["batch", "--what", "both", "--out"])
        .arg(&out)
        .arg(dir.path().join("north"))
        .arg(dir.path().join("south"))
        .arg(dir.path().join("north/q4.xlsx"))
        .arg(dir.path().join("south/q4.xlsx"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("4 workbooks: 4 done, 0 failed"));
    let read = |p: &str| std::fs::read_to_string(out.join(p)).unwrap();
    assert!(read("north/q4.html").contains("North"));
    assert!(read("south/q4.html").contains("South"));
    assert!(read("north/q4-appendix.html").contains("Appendix A"));
    // The files named directly are q4 and q4-2.
    assert!(read("q4.html").contains("North"));
    assert!(read("q4-2.html").contains("South"));
    assert!(read("q4-2-appendix.html").contains("Appendix A"));
}

#[test]
fn outputs_never_escape_the_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    let weird = dir.path().join("..hidden name");
    good(&weird, "q4.xlsx", "Weird");
    let out = dir.path().join("out");
    scorecard()
        .args(["batch", "--format", "md", "--out"])
        .arg(&out)
        .arg(&weird)
        .assert()
        .code(0);
    assert!(out.join("_.hidden name/q4.md").is_file());
}

#[test]
fn a_workbook_with_errors_fails_but_is_still_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx(
        dir.path(),
        "errors.xlsx",
        &[(
            "Indicators",
            vec![
                indicator_header(),
                vec![
                    T("A1"),
                    T("Broken"),
                    T("%"),
                    T("Higher"),
                    Formula("=1/0", "#DIV/0!"),
                    N(55.0),
                ],
            ],
        )],
    );
    let out = dir.path().join("out");
    scorecard()
        .args(["batch", "--what", "appendix", "--format", "md", "--out"])
        .arg(&out)
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "1 error in the workbook, the first: error: Indicators!E2",
        ));
    assert!(out.join("errors-appendix.md").is_file());
}

#[test]
fn batch_json_config_and_unwritable_parts() {
    let dir = tempfile::tempdir().unwrap();
    let path = good(&dir.path().join("in"), "q.xlsx", "Adults");
    let strict = dir.path().join("strict.toml");
    std::fs::write(&strict, "[rag]\npolicy = \"met-or-missed\"\n").unwrap();
    let out = dir.path().join("out");
    scorecard()
        .args(["batch", "--format", "json", "--config"])
        .arg(&strict)
        .arg("--out")
        .arg(&out)
        .arg(&path)
        .assert()
        .code(0);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("q.json")).unwrap()).unwrap();
    assert_eq!(json["rules"]["policy"], "met-or-missed");
    assert_eq!(json["indicators"][0]["rag"], "green");
    // The appendix alone has no JSON form: refused as usage before any work.
    let fresh = dir.path().join("fresh");
    scorecard()
        .args(["batch", "--format", "json", "--what", "appendix", "--out"])
        .arg(&fresh)
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "written as Markdown or HTML, not as json; use --format md",
        ));
    assert!(!fresh.exists(), "nothing is done for a usage error");
}

#[test]
fn a_missing_input_is_one_failure_and_the_rest_are_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = good(&dir.path().join("in"), "q.xlsx", "Adults");
    let out = dir.path().join("out");
    scorecard()
        .args(["batch", "--format", "md", "--out"])
        .arg(&out)
        .arg(dir.path().join("nope.xlsx"))
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("2 workbooks: 1 done, 1 failed"))
        .stdout(
            predicate::str::contains("failed: ")
                .and(predicate::str::contains("nope.xlsx: cannot open")),
        )
        .stderr(predicate::str::is_empty());
    assert!(out.join("q.md").is_file());
}

#[test]
fn a_report_and_another_workbook_s_appendix_never_share_a_file() {
    let dir = tempfile::tempdir().unwrap();
    good(dir.path(), "q4.xlsx", "Main");
    good(dir.path(), "q4-appendix.xlsx", "Other");
    let out = dir.path().join("out");
    scorecard()
        .args(["batch", "--what", "both", "--format", "md", "--out"])
        .arg(&out)
        .arg(dir.path().join("q4.xlsx"))
        .arg(dir.path().join("q4-appendix.xlsx"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("2 workbooks: 2 done, 0 failed"));
    let mut written: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md"))
        .collect();
    written.sort();
    assert_eq!(
        written,
        [
            "q4-appendix-2-appendix.md",
            "q4-appendix-2.md",
            "q4-appendix.md",
            "q4.md"
        ]
    );
    let read = |p: &str| std::fs::read_to_string(out.join(p)).unwrap();
    assert!(read("q4.md").contains("Main"));
    assert!(read("q4-appendix-2.md").contains("Other"));
}

#[cfg(unix)]
#[test]
fn folder_links_are_followed_once_so_a_loop_ends() {
    let dir = tempfile::tempdir().unwrap();
    let services = dir.path().join("services");
    good(&services.join("adults"), "q4.xlsx", "Adults");
    std::os::unix::fs::symlink(&services, services.join("adults/loop")).unwrap();
    std::os::unix::fs::symlink(&services, services.join("again")).unwrap();
    let out = dir.path().join("out");
    scorecard()
        .args(["batch", "--format", "md", "--out"])
        .arg(&out)
        .arg(&services)
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("1 workbook: 1 done, 0 failed"));
}
