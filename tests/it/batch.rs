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
        adults.contains("| A1 | Adults | 60% | 55% |"),
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
            "written as Markdown, HTML, Word or PDF, not as json; use --format md",
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

/// The files below a folder with their modification times.
fn stamps(dir: &Path) -> std::collections::BTreeMap<std::path::PathBuf, std::time::SystemTime> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.clone(), e.metadata().unwrap().modified().unwrap());
            }
        }
    }
    out
}

fn manifest(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn the_manifest_says_what_each_workbook_came_to() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    good(&inputs, "adults.xlsx", "Adults");
    std::fs::write(inputs.join("broken.xlsx"), "not a spreadsheet").unwrap();
    let out = dir.path().join("out");
    scorecard()
        .args(["batch", "--format", "md", "--out"])
        .arg(&out)
        .arg(&inputs)
        .assert()
        .code(1);
    let m = manifest(&out.join("manifest.json"));
    assert_eq!(m["manifest"], 1);
    assert_eq!(m["format"], "md");
    assert_eq!(m["shard"], serde_json::Value::Null);
    let workbooks = m["workbooks"].as_array().unwrap();
    assert_eq!(workbooks.len(), 2);
    let adults = &workbooks[0];
    assert_eq!(adults["name"], "in/adults");
    assert_eq!(adults["status"], "done");
    assert_eq!(adults["outputs"][0]["path"], "in/adults.md");
    let written = std::fs::read(out.join("in/adults.md")).unwrap();
    let digest: String = <sha2::Sha256 as sha2::Digest>::digest(&written)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(adults["outputs"][0]["hash"], format!("sha256:{digest}"));
    assert_eq!(adults["counts"]["green"], 1);
    assert_eq!(adults["counts"]["red"], 0);
    assert!(adults["hash"].as_str().unwrap().starts_with("sha256:"));
    let broken = &workbooks[1];
    assert_eq!(broken["status"], "failed");
    assert_eq!(broken["outputs"], serde_json::json!([]));
    assert!(broken["error"]
        .as_str()
        .unwrap()
        .contains("is not a readable spreadsheet"));
}

#[test]
fn changed_only_redoes_exactly_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    for name in ["a.xlsx", "b.xlsx", "c.xlsx"] {
        good(&inputs, name, "Adults");
    }
    let out = dir.path().join("out");
    let batch = || {
        let mut cmd = scorecard();
        cmd.args(["batch", "--changed-only", "--format", "md", "--out"])
            .arg(&out)
            .arg(&inputs);
        cmd
    };
    batch().assert().code(0).stdout(predicate::str::contains(
        "3 workbooks: 3 done, 0 failed, 0 skipped as unchanged",
    ));
    let first = stamps(&out);
    std::thread::sleep(std::time::Duration::from_millis(20));

    // Unchanged: nothing is rewritten, the manifest included.
    batch().assert().code(0).stdout(predicate::str::contains(
        "3 workbooks: 0 done, 0 failed, 3 skipped as unchanged",
    ));
    assert_eq!(stamps(&out), first);

    // Touching a file without changing it changes nothing either.
    let b = inputs.join("b.xlsx");
    std::fs::write(&b, std::fs::read(&b).unwrap()).unwrap();
    batch()
        .assert()
        .stdout(predicate::str::contains("0 done, 0 failed, 3 skipped"));

    // New content in one workbook: exactly that one is redone.
    good(&inputs, "b.xlsx", "Children");
    batch().assert().code(0).stdout(predicate::str::contains(
        "3 workbooks: 1 done, 0 failed, 2 skipped as unchanged",
    ));
    let second = stamps(&out);
    let changed: Vec<String> = second
        .iter()
        .filter(|(p, t)| first.get(*p) != Some(*t))
        .map(|(p, _)| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(changed, vec!["b.md", "manifest.json"]);
    assert!(std::fs::read_to_string(out.join("in/b.md"))
        .unwrap()
        .contains("Children"));

    // An output deleted is written again.
    std::fs::remove_file(out.join("in/c.md")).unwrap();
    batch()
        .assert()
        .stdout(predicate::str::contains("1 done, 0 failed, 2 skipped"));
    assert!(out.join("in/c.md").is_file());

    // The settings are part of it: a scorecard.toml beside the workbooks
    // redoes them all; so does another format (a different manifest entry).
    std::fs::write(
        inputs.join("scorecard.toml"),
        "[rag]\npolicy = \"met-or-missed\"\n",
    )
    .unwrap();
    batch()
        .assert()
        .stdout(predicate::str::contains("3 done, 0 failed, 0 skipped"));

    // A manifest of another format is said, and everything is redone.
    std::fs::write(
        out.join("manifest.json"),
        r#"{"manifest": 99, "workbooks": []}"#,
    )
    .unwrap();
    batch()
        .assert()
        .code(0)
        .stdout(predicate::str::contains("warning:"))
        .stdout(predicate::str::contains("3 done, 0 failed, 0 skipped"));

    // A file that is no manifest of ours (a web app's) is never replaced.
    std::fs::write(out.join("manifest.json"), r#"{"name": "PWA"}"#).unwrap();
    batch()
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a manifest scorecard wrote"));
    assert_eq!(
        std::fs::read_to_string(out.join("manifest.json")).unwrap(),
        r#"{"name": "PWA"}"#
    );
}

#[test]
fn reports_no_longer_written_are_removed_unless_changed() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    for name in ["a.xlsx", "b.xlsx", "c.xlsx"] {
        good(&inputs, name, "Adults");
    }
    let out = dir.path().join("out");
    let batch = || {
        let mut cmd = scorecard();
        cmd.args(["batch", "--format", "md", "--out"])
            .arg(&out)
            .arg(&inputs);
        cmd
    };
    batch().assert().code(0);
    // b is removed from the inputs; c's report was edited by hand.
    std::fs::remove_file(inputs.join("b.xlsx")).unwrap();
    std::fs::remove_file(inputs.join("c.xlsx")).unwrap();
    std::fs::write(out.join("in/c.md"), "kept by hand\n").unwrap();
    batch()
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "removed 1 report of workbooks this run no longer takes",
        ))
        .stdout(predicate::str::contains(
            "c.md is no longer written by this run",
        ));
    assert!(!out.join("in/b.md").exists());
    assert!(out.join("in/c.md").exists());
    assert!(out.join("in/a.md").exists());
    // A user's own file beside the reports is never touched.
    std::fs::write(out.join("in/notes.md"), "mine\n").unwrap();
    batch().assert().code(0);
    assert!(out.join("in/notes.md").exists());
}

#[test]
fn the_index_passes_over_a_file_merely_named_manifest() {
    let dir = tempfile::tempdir().unwrap();
    let a = good(dir.path(), "a.xlsx", "A");
    let out = dir.path().join("out");
    scorecard()
        .args(["batch", "--out"])
        .arg(&out)
        .arg(&a)
        .assert()
        .code(0);
    std::fs::create_dir_all(out.join("assets")).unwrap();
    std::fs::write(out.join("assets/manifest.json"), r#"{"name": "x"}"#).unwrap();
    scorecard()
        .arg("index")
        .arg(&out)
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "is not a manifest scorecard wrote",
        ))
        .stdout(predicate::str::contains(
            "1 workbook (0 failed) from 1 manifest",
        ));
}

#[test]
fn previous_dir_finds_a_namesake_by_its_real_name() {
    let dir = tempfile::tempdir().unwrap();
    good(&dir.path().join("q4"), "Adults & Health.xlsx", "Adults");
    good(&dir.path().join("q3"), "Adults & Health.xlsx", "Adults");
    std::fs::write(dir.path().join("q4/~$Adults & Health.xlsx"), "lock").unwrap();
    let out = dir.path().join("out");
    scorecard()
        .args(["batch", "--format", "json", "--out"])
        .arg(&out)
        .arg(dir.path().join("q4"))
        .arg("--previous-dir")
        .arg(dir.path().join("q3"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("1 workbook: 1 done"));
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("q4/Adults _ Health.json")).unwrap(),
    )
    .unwrap();
    assert!(!json["previous"].is_null(), "compared with q3's namesake");
}

#[test]
fn a_pipe_in_the_index_stays_in_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    forged(
        &site,
        "manifest.json",
        serde_json::Value::Null,
        serde_json::json!([entry("a|b", serde_json::Value::Null, serde_json::json!([]))]),
    );
    scorecard().arg("index").arg(&site).assert().code(0);
    let md = std::fs::read_to_string(site.join("index.md")).unwrap();
    assert!(md.contains("| a\\|b.xlsx |"), "{md}");
    assert!(!md.contains("\\\\|"), "{md}");
}

#[test]
fn a_failed_workbook_is_never_skipped() {
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
    for _ in 0..2 {
        scorecard()
            .args(["batch", "--changed-only", "--out"])
            .arg(&out)
            .arg(&path)
            .assert()
            .code(1)
            .stdout(predicate::str::contains(
                "1 workbook: 0 done, 1 failed, 0 skipped",
            ));
    }
    assert_eq!(
        manifest(&out.join("manifest.json"))["workbooks"][0]["status"],
        "failed"
    );
}

#[test]
fn workbooks_never_take_the_manifest_s_or_the_index_s_name() {
    let dir = tempfile::tempdir().unwrap();
    let a = good(&dir.path().join("a"), "manifest.xlsx", "A");
    let b = good(&dir.path().join("b"), "index.xlsx", "B");
    let c = good(&dir.path().join("c"), "manifest-1-of-2.xlsx", "C");
    let out = dir.path().join("out");
    scorecard()
        .args(["batch", "--format", "json", "--out"])
        .arg(&out)
        .args([&a, &b, &c])
        .assert()
        .code(0);
    assert!(out.join("manifest-2.json").is_file());
    assert!(out.join("index-2.json").is_file());
    assert!(out.join("manifest-1-of-2-2.json").is_file());
    let m = manifest(&out.join("manifest.json"));
    assert_eq!(m["workbooks"].as_array().unwrap().len(), 3);
    // And an HTML report called index is not overwritten by the index page.
    let html = dir.path().join("html");
    scorecard()
        .args(["batch", "--out"])
        .arg(&html)
        .arg(&b)
        .assert()
        .code(0);
    scorecard().arg("index").arg(&html).assert().code(0);
    assert!(std::fs::read_to_string(html.join("index-2.html"))
        .unwrap()
        .contains("<h1>"));
    assert!(std::fs::read_to_string(html.join("index.html"))
        .unwrap()
        .contains("index-2.html"));
}

#[test]
fn shard_is_checked_and_auto_says_what_it_took() {
    let dir = tempfile::tempdir().unwrap();
    let a = good(dir.path(), "a.xlsx", "A");
    let out = dir.path().join("out");
    for bad in ["0/3", "4/3", "x", "2/0"] {
        scorecard()
            .args(["batch", "--shard", bad, "--out"])
            .arg(&out)
            .arg(&a)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("K/N"));
    }
    scorecard()
        .args(["batch", "--shard", "auto", "--out"])
        .arg(&out)
        .arg(&a)
        .env_remove("CI_NODE_INDEX")
        .env_remove("CI_NODE_TOTAL")
        .env_remove("SCORECARD_SHARD_INDEX")
        .env_remove("SCORECARD_SHARD_TOTAL")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "--shard auto: neither SCORECARD_SHARD_INDEX/SCORECARD_SHARD_TOTAL nor \
             CI_NODE_INDEX/CI_NODE_TOTAL is set, so every workbook is taken",
        ))
        .stdout(predicate::str::contains("1 workbook: 1 done"));
    scorecard()
        .args(["batch", "--shard", "auto", "--out"])
        .arg(&out)
        .arg(&a)
        .env("CI_NODE_INDEX", "3")
        .env_remove("CI_NODE_TOTAL")
        .env_remove("SCORECARD_SHARD_INDEX")
        .env_remove("SCORECARD_SHARD_TOTAL")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("must be set together"));
}

#[test]
fn the_index_lists_failures_first_and_trusts_no_path_in_a_manifest() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    good(&inputs, "adults.xlsx", "Adults");
    good(&inputs, "children.xlsx", "Children");
    std::fs::write(inputs.join("broken.xlsx"), "not a spreadsheet").unwrap();
    let out = dir.path().join("out");
    scorecard()
        .args(["batch", "--shard", "1/1", "--out"])
        .arg(&out)
        .arg(&inputs)
        .assert()
        .code(1);
    // A manifest from elsewhere naming a path outside its folder, and one
    // whose output is gone.
    let name = out.join("manifest-1-of-1.json");
    let mut m = manifest(&name);
    m["workbooks"][1]["outputs"] = serde_json::json!([
        {"path": "../../etc/passwd", "hash": ""},
        {"path": "in/children.html", "hash": ""}
    ]);
    std::fs::write(&name, serde_json::to_string(&m).unwrap()).unwrap();
    std::fs::remove_file(out.join("in/children.html")).unwrap();
    scorecard()
        .arg("index")
        .arg(&out)
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "3 workbooks (1 failed) from 1 manifest",
        ));
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    let broken = html.find("broken.xlsx").unwrap();
    let adults = html.find("adults.xlsx").unwrap();
    assert!(broken < adults, "failures first");
    assert!(
        html.contains(r#"<a href="in/adults.html">adults.html</a>"#),
        "{html}"
    );
    assert!(!html.contains("href=\"../"), "{html}");
    assert!(
        html.contains("(missing, or changed since it was written)"),
        "{html}"
    );
    assert!(html.contains("is not a readable spreadsheet"), "{html}");
    let md = std::fs::read_to_string(out.join("index.md")).unwrap();
    assert!(md.contains("| **Failed**: "), "{md}");

    // A damaged manifest stops the index: a page missing a shard would be
    // believed.
    std::fs::write(&name, r#"{"manifest": 1, "workbooks": [{"input": 3}]}"#).unwrap();
    scorecard()
        .arg("index")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("manifest-1-of-1.json"));
    // As does a folder with none.
    scorecard()
        .arg("index")
        .arg(&inputs)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no manifest.json or manifest-K-of-N.json",
        ));
}

#[test]
fn the_index_names_a_missing_shard() {
    let dir = tempfile::tempdir().unwrap();
    let a = good(dir.path(), "a.xlsx", "A");
    let b = good(dir.path(), "b.xlsx", "B");
    for k in [1, 3] {
        scorecard()
            .args(["batch", "--shard", &format!("{k}/3"), "--out"])
            .arg(dir.path().join("site"))
            .args([&a, &b])
            .assert()
            .code(0);
    }
    scorecard()
        .arg("index")
        .arg(dir.path().join("site"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "warning: no manifest for shard 2 of 3: its workbooks are not listed",
        ));
    let html = std::fs::read_to_string(dir.path().join("site/index.html")).unwrap();
    assert!(html.contains("Check before publishing"), "{html}");
}

#[test]
fn validate_searches_folders_as_batch_does() {
    let dir = tempfile::tempdir().unwrap();
    good(&dir.path().join("in/north"), "q4.xlsx", "North");
    good(&dir.path().join("in/south"), "q4.xlsx", "South");
    std::fs::write(dir.path().join("in/notes.txt"), "not a workbook").unwrap();
    scorecard()
        .arg("validate")
        .arg(dir.path().join("in"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("north").and(predicate::str::contains("south")))
        .stdout(predicate::str::contains("notes.txt").not());
    // --previous is for one workbook; a folder of two is refused.
    scorecard()
        .arg("validate")
        .arg(dir.path().join("in"))
        .arg("--previous")
        .arg(dir.path().join("in/north/q4.xlsx"))
        .assert()
        .code(2);
}

#[test]
fn changed_only_never_keeps_a_report_that_is_not_what_was_written() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    let a = good(&inputs, "a.xlsx", "Adults");
    let out = dir.path().join("out");
    let batch = |shard: &str| {
        let mut cmd = scorecard();
        cmd.args([
            "batch",
            "--changed-only",
            "--format",
            "md",
            "--shard",
            shard,
            "--out",
        ])
        .arg(&out)
        .arg(&inputs);
        cmd
    };
    batch("1/1").assert().code(0);
    // A report changed by hand is written again.
    std::fs::write(out.join("in/a.md"), "edited\n").unwrap();
    batch("1/1")
        .assert()
        .stdout(predicate::str::contains("1 done, 0 failed, 0 skipped"));
    assert!(std::fs::read_to_string(out.join("in/a.md"))
        .unwrap()
        .contains("Adults"));

    // Content A, then B under another split, then A again: the old split's
    // manifest (which says A) is removed, never believed.
    good(&inputs, "a.xlsx", "Benefits");
    scorecard()
        .args(["batch", "--changed-only", "--format", "md", "--out"])
        .arg(&out)
        .arg(&inputs)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("removed"))
        .stdout(predicate::str::contains("manifest-1-of-1.json"));
    assert!(!out.join("manifest-1-of-1.json").exists());
    good(&inputs, "a.xlsx", "Adults");
    scorecard()
        .args(["batch", "--changed-only", "--format", "md", "--out"])
        .arg(&out)
        .arg(&a)
        .arg(&inputs)
        .assert()
        .code(0);
    let report = std::fs::read_to_string(out.join("in/a.md")).unwrap();
    assert!(
        report.contains("Adults") && !report.contains("Benefits"),
        "{report}"
    );
}

#[test]
fn a_workbook_named_manifest_at_any_depth_leaves_the_index_working() {
    let dir = tempfile::tempdir().unwrap();
    good(&dir.path().join("in/sub"), "manifest.xlsx", "A");
    good(&dir.path().join("in/sub"), "manifest-2-of-3.xlsx", "B");
    let out = dir.path().join("out");
    scorecard()
        .args(["batch", "--format", "json", "--out"])
        .arg(&out)
        .arg(dir.path().join("in"))
        .assert()
        .code(0);
    assert!(out.join("in/sub/manifest-2.json").is_file());
    assert!(out.join("in/sub/manifest-2-of-3-2.json").is_file());
    scorecard()
        .arg("index")
        .arg(&out)
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "2 workbooks (0 failed) from 1 manifest",
        ));
}

/// A manifest as another machine could have written it.
fn forged(dir: &Path, name: &str, shard: serde_json::Value, workbooks: serde_json::Value) {
    std::fs::create_dir_all(dir).unwrap();
    let m = serde_json::json!({
        "manifest": 1, "scorecard": "0.1.0", "format": "html", "what": "report",
        "shard": shard, "workbooks": workbooks,
    });
    std::fs::write(dir.join(name), m.to_string()).unwrap();
}

fn entry(name: &str, counts: serde_json::Value, outputs: serde_json::Value) -> serde_json::Value {
    serde_json::json!({
        "input": format!("{name}.xlsx"), "name": name, "hash": null, "settings": "",
        "status": "done", "outputs": outputs, "title": null, "period": null,
        "counts": counts, "errors": 0, "warnings": 0, "error": null,
    })
}

#[test]
fn a_hostile_manifest_cannot_crash_hang_or_mislead_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    // Counts that would overflow when added.
    let huge = serde_json::json!({"indicators": u64::MAX, "green": u64::MAX, "amber": 0, "red": 0, "not_rated": 0});
    forged(
        &site,
        "manifest.json",
        serde_json::Value::Null,
        serde_json::json!([
            entry("a", huge.clone(), serde_json::json!([])),
            entry("b\u{1b}[31m\nline", huge, serde_json::json!([])),
        ]),
    );
    scorecard()
        .arg("index")
        .arg(&site)
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(0);
    let md = std::fs::read_to_string(site.join("index.md")).unwrap();
    assert!(!md.contains('\u{1b}'), "{md}");

    // A split into four billion parts is named briefly, at once.
    let split = dir.path().join("split");
    forged(
        &split,
        "manifest-1-of-4294967295.json",
        serde_json::json!({"index": 1, "total": 4294967295u32}),
        serde_json::json!([]),
    );
    scorecard()
        .arg("index")
        .arg(&split)
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "(and 4294967284 more) of 4294967295",
        ));

    // A shard that is no part of a split, or that its file name belies.
    for (name, shard) in [
        (
            "manifest-0-of-0.json",
            serde_json::json!({"index": 0, "total": 0}),
        ),
        (
            "manifest-2-of-3.json",
            serde_json::json!({"index": 1, "total": 3}),
        ),
        ("manifest.json", serde_json::json!({"index": 1, "total": 3})),
    ] {
        let bad = dir.path().join(format!("bad-{name}"));
        forged(&bad, name, shard, serde_json::json!([]));
        scorecard()
            .arg("index")
            .arg(&bad)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(name));
    }
}

#[cfg(unix)]
#[test]
fn the_index_follows_no_link_out_of_its_folders() {
    let dir = tempfile::tempdir().unwrap();
    let outside = dir.path().join("outside");
    forged(
        &outside,
        "manifest.json",
        serde_json::Value::Null,
        serde_json::json!([entry("far", serde_json::Value::Null, serde_json::json!([]))]),
    );
    std::fs::write(outside.join("secret.html"), "x").unwrap();
    let site = dir.path().join("site");
    forged(
        &site,
        "manifest.json",
        serde_json::Value::Null,
        serde_json::json!([entry(
            "near",
            serde_json::Value::Null,
            serde_json::json!([{"path": "link/secret.html", "hash": ""}])
        )]),
    );
    std::os::unix::fs::symlink(&outside, site.join("link")).unwrap();
    std::os::unix::fs::symlink("/", site.join("root")).unwrap();
    scorecard()
        .arg("index")
        .arg(&site)
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "1 workbook (0 failed) from 1 manifest",
        ));
    let html = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(!html.contains("href="), "{html}");
    assert!(
        html.contains("(missing, or changed since it was written)"),
        "{html}"
    );
}
