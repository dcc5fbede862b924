//! `init`, `templates`, `completions`, `manpage` and `--help`.

use crate::util::scorecard;
use predicates::prelude::*;

#[test]
fn init_writes_a_workbook_that_validates_and_reports() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("new");
    scorecard()
        .arg("init")
        .arg(&target)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("scorecard.xlsx"));
    assert!(target.join("scorecard.toml").is_file());
    assert!(target.join("templates/agenda_item.md").is_file());
    assert!(target
        .join("templates/partials/scorecard_table.html")
        .is_file());
    let config = std::fs::read_to_string(target.join("scorecard.toml")).unwrap();
    assert!(config.contains("policy = \"tolerance\""));
    scorecard()
        .args(["validate", "--strict"])
        .arg(target.join("scorecard.xlsx"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "7 indicators read; 0 errors, 0 warnings, 0 notes",
        ));
    // The example reads as it was written: 59.9% stays 59.9%.
    let out = scorecard()
        .args(["report", "--format", "json"])
        .arg(target.join("scorecard.xlsx"))
        .assert()
        .code(0);
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(json["indicators"][0]["actual"].to_string(), "59.9");
    assert_eq!(json["summary"]["rated"], 6);
    // The templates it wrote are used by --template.
    std::fs::write(target.join("templates/partials/keys.md"), "CUSTOM KEYS\n").unwrap();
    scorecard()
        .arg("report")
        .arg(target.join("scorecard.xlsx"))
        .arg("--template")
        .arg(target.join("templates"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("CUSTOM KEYS"));
}

#[test]
fn init_and_templates_refuse_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    scorecard().arg("init").arg(dir.path()).assert().code(0);
    std::fs::write(dir.path().join("scorecard.toml"), "# mine\n").unwrap();
    scorecard()
        .arg("init")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--force"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("scorecard.toml")).unwrap(),
        "# mine\n"
    );
    scorecard()
        .args(["init", "--force"])
        .arg(dir.path())
        .assert()
        .code(0);
    assert!(std::fs::read_to_string(dir.path().join("scorecard.toml"))
        .unwrap()
        .contains("[rag]"));

    let t = dir.path().join("t");
    scorecard()
        .arg("templates")
        .arg(&t)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Wrote 11 templates"));
    let builtin = std::fs::read_to_string(t.join("agenda_item.html")).unwrap();
    assert!(builtin.starts_with("<!DOCTYPE html>"));
    scorecard().arg("templates").arg(&t).assert().code(2);
    scorecard()
        .args(["templates", "--force"])
        .arg(&t)
        .assert()
        .code(0);
}

#[test]
fn completions_and_manual_page() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        scorecard()
            .args(["completions", shell])
            .assert()
            .code(0)
            .stdout(predicate::str::contains("validate"));
    }
    scorecard().args(["completions", "tcsh"]).assert().code(2);
    scorecard()
        .arg("manpage")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(".TH scorecard"))
        .stdout(predicate::str::contains("batch"));
}

#[test]
fn every_command_has_help_with_an_example() {
    for command in [
        "validate",
        "report",
        "explain",
        "batch",
        "init",
        "templates",
        "completions",
    ] {
        scorecard()
            .args([command, "--help"])
            .assert()
            .code(0)
            .stdout(predicate::str::contains("Examples:"))
            .stdout(
                predicate::str::contains(format!("scorecard {command}"))
                    .or(predicate::str::contains("scorecard report")),
            );
    }
    scorecard()
        .arg("--help")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("--quiet"))
        .stdout(predicate::str::contains("--verbose"));
    scorecard().arg("--version").assert().code(0);
}
