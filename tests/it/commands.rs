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
    // The message names where the templates are.
    let message = format!("templates in {}", target.join("templates").display());
    scorecard()
        .args(["init", "--force"])
        .arg(&target)
        .assert()
        .code(0)
        .stdout(predicate::str::contains(message));
    // The templates it wrote are used as they stand: no --template needed.
    std::fs::write(target.join("templates/partials/keys.md"), "CUSTOM KEYS\n").unwrap();
    scorecard()
        .arg("report")
        .arg(target.join("scorecard.xlsx"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("CUSTOM KEYS"));
    // --template still wins over them.
    let other = dir.path().join("other");
    std::fs::create_dir_all(other.join("partials")).unwrap();
    std::fs::write(other.join("partials/keys.md"), "OTHER KEYS\n").unwrap();
    scorecard()
        .arg("report")
        .arg(target.join("scorecard.xlsx"))
        .arg("--template")
        .arg(&other)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("OTHER KEYS"))
        .stdout(predicate::str::contains("CUSTOM KEYS").not());
    // `[report] templates` names another folder, relative to the settings
    // file; batch follows it for that workbook.
    let config = std::fs::read_to_string(target.join("scorecard.toml")).unwrap();
    std::fs::write(
        target.join("scorecard.toml"),
        config.replace("[report]\n", "[report]\ntemplates = \"../other\"\n"),
    )
    .unwrap();
    scorecard()
        .arg("report")
        .arg(target.join("scorecard.xlsx"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("OTHER KEYS"));
    let site = dir.path().join("site");
    scorecard()
        .args(["batch", "--format", "md", "--out"])
        .arg(&site)
        .arg(target.join("scorecard.xlsx"))
        .assert()
        .code(0);
    let written = std::fs::read_to_string(site.join("scorecard.md")).unwrap();
    assert!(written.contains("OTHER KEYS"), "{written}");
    // A folder named there that does not exist is an error, not the
    // built-in templates.
    std::fs::write(
        target.join("scorecard.toml"),
        config.replace("[report]\n", "[report]\ntemplates = \"missing\"\n"),
    )
    .unwrap();
    scorecard()
        .arg("report")
        .arg(target.join("scorecard.xlsx"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does not exist"));
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
        .stdout(predicate::str::contains(if cfg!(feature = "pdf") {
            "Wrote 16 templates"
        } else {
            "Wrote 13 templates"
        }));
    let builtin = std::fs::read_to_string(t.join("agenda_item.html")).unwrap();
    assert!(builtin.starts_with("<!DOCTYPE html>"));
    if cfg!(feature = "pdf") {
        // The PDF's Typst templates come too, and a report uses the copies.
        let typst = t.join("agenda_item.typ");
        assert!(std::fs::read_to_string(&typst)
            .unwrap()
            .contains("json(\"data.json\")"));
        let partial = t.join("partials/report.typ");
        let text = std::fs::read_to_string(&partial).unwrap();
        std::fs::write(&partial, text.replace("Page #counter", "Folio #counter")).unwrap();
        let pdf = dir.path().join("q.pdf");
        scorecard()
            .arg("report")
            .arg(dir.path().join("scorecard.xlsx"))
            .arg("--template")
            .arg(&t)
            .arg("-o")
            .arg(&pdf)
            .assert()
            .code(0);
        let text = pdf_extract::extract_text_from_mem(&std::fs::read(&pdf).unwrap()).unwrap();
        assert!(text.contains("Folio 1 of"), "{text}");
        // A broken template, or one reaching for a file, is an error naming
        // the template and its line; nothing is written.
        for (body, message) in [
            ("\n\n#let x = ", "line 3: expected expression"),
            ("#read(\"/etc/passwd\")", "line 1: file not found"),
        ] {
            std::fs::write(t.join("agenda_item.typ"), body).unwrap();
            let bad = dir.path().join("bad.pdf");
            scorecard()
                .arg("report")
                .arg(dir.path().join("scorecard.xlsx"))
                .arg("--template")
                .arg(&t)
                .arg("-o")
                .arg(&bad)
                .assert()
                .code(2)
                .stderr(predicate::str::contains(format!(
                    "template agenda_item.typ: {message}"
                )));
            assert!(!bad.exists());
        }
    }
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
        .stdout(predicate::str::contains("batch"))
        // The printed page names no other page: there is none beside it.
        .stdout(predicate::str::contains("(1)").not());
    // With --dir, a page per command, and every page named is there.
    let dir = tempfile::tempdir().unwrap();
    scorecard()
        .args(["manpage", "--dir"])
        .arg(dir.path())
        .assert()
        .code(0);
    let pages: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(pages.contains(&"scorecard.1".to_string()), "{pages:?}");
    assert!(
        pages.contains(&"scorecard-batch.1".to_string()),
        "{pages:?}"
    );
    for page in &pages {
        let text = std::fs::read_to_string(dir.path().join(page)).unwrap();
        for named in text.split("scorecard\\-").skip(1) {
            let name: String = named
                .chars()
                .take_while(|c| c.is_ascii_lowercase())
                .collect();
            if named[name.len()..].starts_with("(1)") {
                assert!(
                    pages.contains(&format!("scorecard-{name}.1")),
                    "{page} names scorecard-{name}(1), which is not there"
                );
            }
        }
    }
}

#[test]
fn jobs_help_shows_its_real_default() {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    scorecard()
        .args(["batch", "--help"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(format!("[default: {cores}]")))
        .stdout(predicate::str::contains("[default: 0]").not());
}

#[test]
fn explain_offers_the_refs_there_are_or_the_closest() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    // Few refs: all are listed.
    scorecard()
        .arg("explain")
        .arg(root.join("thurrock/thurrock-2011-12-m7.xlsx"))
        .arg("NI 131")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("its refs are '1C (NI130)'"));
    // Many: the closest, not all 35.
    scorecard()
        .arg("explain")
        .arg(root.join("lancashire/lancashire-2012-13-q4.xlsx"))
        .arg("ASC3x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "the closest of its 35 refs: 'ASC 3'",
        ))
        .stderr(predicate::str::contains("CYP 1").not());
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
        "index",
        "manpage",
        "compare",
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
