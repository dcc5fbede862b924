//! The `scorecard` command: exit codes, output and files.

use crate::util::C::*;
use crate::util::*;
use predicates::prelude::*;

/// A one-indicator workbook whose row is `title`, `actual`, `target`.
fn one_indicator(
    dir: &std::path::Path,
    name: &str,
    title: &'static str,
    actual: C,
    target: C,
) -> std::path::PathBuf {
    xlsx(
        dir,
        name,
        &[(
            "Indicators",
            vec![
                indicator_header(),
                vec![T("1C"), T(title), T("%"), T("Higher"), actual, target],
            ],
        )],
    )
}

fn clean_workbook(dir: &std::path::Path) -> std::path::PathBuf {
    let (actual, target) = (F(0.501, "0.0%"), F(0.496, "0.0%"));
    one_indicator(dir, "clean.xlsx", "Self-directed support", actual, target)
}

fn warning_workbook(dir: &std::path::Path) -> std::path::PathBuf {
    one_indicator(dir, "warning.xlsx", "Mistyped", T("55..1"), N(49.6))
}

fn error_workbook(dir: &std::path::Path) -> std::path::PathBuf {
    let actual = Formula("=1/0", "#DIV/0!");
    one_indicator(dir, "error.xlsx", "Broken", actual, N(49.6))
}

#[test]
fn validate_clean_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let path = clean_workbook(dir.path());
    scorecard()
        .arg("validate")
        .arg(&path)
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "1 indicator read; 0 errors, 0 warnings, 0 notes",
        ));
}

#[test]
fn validate_errors_exit_1_and_name_the_cell() {
    let dir = tempfile::tempdir().unwrap();
    let path = error_workbook(dir.path());
    scorecard()
        .arg("validate")
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "  Indicators\n    error   E2     the cell holds the Excel error #DIV/0!",
        ));
}

#[test]
fn warnings_fail_only_with_strict() {
    let dir = tempfile::tempdir().unwrap();
    let path = warning_workbook(dir.path());
    scorecard()
        .arg("validate")
        .arg(&path)
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "  Indicators\n    warning E2     '55..1' looks like a mistyped number",
        ));
    scorecard()
        .args(["validate", "--strict"])
        .arg(&path)
        .assert()
        .code(1);
}

#[test]
fn unreadable_exits_2_and_several_workbooks_in_one_call() {
    let dir = tempfile::tempdir().unwrap();
    let clean = clean_workbook(dir.path());
    let broken = error_workbook(dir.path());
    let fake = dir.path().join("fake.xlsx");
    std::fs::write(&fake, "just text").unwrap();
    scorecard()
        .arg("validate")
        .args([&clean, &broken, &fake])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("clean.xlsx"))
        .stdout(predicate::str::contains("#DIV/0!"))
        .stdout(predicate::str::contains(
            "fake.xlsx is not a readable spreadsheet",
        ));
    scorecard()
        .args(["validate", "--strict"])
        .arg(&clean)
        .arg(&broken)
        .assert()
        .code(1);
}

#[test]
fn usage_errors_exit_2() {
    scorecard().arg("validate").assert().code(2);
    scorecard().arg("frobnicate").assert().code(2);
}

#[test]
fn report_json_to_stdout_has_decimal_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let path = clean_workbook(dir.path());
    let out = scorecard()
        .args(["report", "--format", "json"])
        .arg(&path)
        .assert()
        .code(0);
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let ind = &json["indicators"][0];
    assert_eq!(ind["ref"], "1C");
    assert_eq!(ind["unit"], "percent");
    assert_eq!(ind["polarity"], "higher");
    assert_eq!(ind["actual"].to_string(), "50.1");
    assert_eq!(ind["target"].to_string(), "49.6");
    assert_eq!(json["diagnostics"].as_array().unwrap().len(), 0);
}

#[test]
fn report_writes_a_file_and_never_its_input() {
    let dir = tempfile::tempdir().unwrap();
    let path = error_workbook(dir.path());
    let out = dir.path().join("out.json");
    scorecard()
        .arg("report")
        .arg(&path)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let diag = &json["diagnostics"][0];
    assert_eq!(diag["severity"], "error");
    assert_eq!(diag["sheet"], "Indicators");
    assert_eq!(diag["cell"], "E2");

    let before = std::fs::read(&path).unwrap();
    scorecard()
        .args(["report", "--format", "md"])
        .arg(&path)
        .arg("-o")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("workbook being read"));
    scorecard()
        .arg("report")
        .arg(&path)
        .arg("-o")
        .arg(&path)
        .assert()
        .code(2);
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn report_on_an_unreadable_file_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.xlsx");
    std::fs::write(&empty, "").unwrap();
    scorecard()
        .arg("report")
        .arg(&empty)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("empty (0 bytes)"));
}

#[test]
fn validate_as_json_and_github_annotations() {
    let dir = tempfile::tempdir().unwrap();
    let broken = error_workbook(dir.path());
    let clean = clean_workbook(dir.path());
    let out = scorecard()
        .args(["validate", "--format", "json"])
        .arg(&broken)
        .arg(&clean)
        .assert()
        .code(1);
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let first = &json["workbooks"][0];
    assert_eq!(first["ok"], false);
    assert_eq!(first["errors"], 1);
    assert_eq!(first["diagnostics"][0]["cell"], "E2");
    assert_eq!(first["diagnostics"][0]["sheet"], "Indicators");
    assert_eq!(json["workbooks"][1]["ok"], true);

    let out = scorecard()
        .args(["validate", "--format", "github"])
        .arg(&broken)
        .assert()
        .code(1);
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let line = text.lines().next().unwrap();
    assert!(line.starts_with("::error file="), "{line}");
    assert!(
        line.contains("error.xlsx,title=Indicators!E2::the cell holds the Excel error #DIV/0!"),
        "{line}"
    );
}

#[test]
fn quiet_hides_notes_and_verbose_names_the_settings() {
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx(
        dir.path(),
        "notes.xlsx",
        &[(
            "Indicators",
            vec![
                vec![
                    T("Ref"),
                    T("Indicator"),
                    T("Polarity"),
                    T("Actual"),
                    T("Target"),
                    T("Spare"),
                ],
                vec![T("A"), T("One"), T("Higher"), N(5.0), N(4.0), T("x")],
            ],
        )],
    );
    scorecard()
        .arg("validate")
        .arg(&path)
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "'Spare' is not a column this tool knows",
        ));
    scorecard()
        .args(["validate", "-q"])
        .arg(&path)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("'Spare'").not());
    scorecard()
        .args(["validate", "-v"])
        .arg(&path)
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "built-in settings (no scorecard.toml)",
        ));
}

#[test]
fn validate_with_an_explicit_config() {
    let dir = tempfile::tempdir().unwrap();
    let path = warning_workbook(dir.path());
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[calendar]\nyear_start_month = 13\n").unwrap();
    scorecard()
        .args(["validate", "--config"])
        .arg(&bad)
        .arg(&path)
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "year_start_month = 13 is not a month",
        ));
}

/// An .xlsb whose workbook part names a relationship that is not there: the
/// spreadsheet library panics on it (found by mutating a corpus file).
const DAMAGED_XLSB: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/damaged-workbook-rel.xlsb"
));

#[test]
fn a_workbook_that_makes_the_reader_panic_is_unreadable_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let damaged = dir.path().join("damaged.xlsb");
    std::fs::write(&damaged, DAMAGED_XLSB).unwrap();
    let clean = clean_workbook(dir.path());
    scorecard()
        .arg("validate")
        .arg(&damaged)
        .arg(&clean)
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "damaged.xlsb is not a readable spreadsheet: it is damaged",
        ))
        .stdout(predicate::str::contains("clean.xlsx"))
        .stderr(predicate::str::contains("panicked").not());
    scorecard()
        .args(["report"])
        .arg(&damaged)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("save it again"))
        .stderr(predicate::str::contains("panicked").not());
    let out = dir.path().join("out");
    scorecard()
        .args(["batch", "--format", "md", "--out"])
        .arg(&out)
        .arg(&damaged)
        .arg(&clean)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("2 workbooks: 1 done, 1 failed"));
    assert!(out.join("clean.md").is_file());
}

#[test]
fn a_workbook_beyond_the_limits_is_refused_naming_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let clean = clean_workbook(dir.path());
    std::fs::write(dir.path().join("scorecard.toml"), "[limits]\ncells = 8\n").unwrap();
    scorecard()
        .arg("validate")
        .arg(&clean)
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "clean.xlsx is too large to read: the workbook holds more than 8 cells (counting its \
             sheets up to 'Indicators'), beyond the limit of 8",
        ))
        .stdout(predicate::str::contains("[limits] cells = 16"));
    std::fs::write(
        dir.path().join("scorecard.toml"),
        "[limits]\nunpacked_mib = 0\n",
    )
    .unwrap();
    scorecard()
        .arg("report")
        .arg(&clean)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "the workbook unpacks to 1 MiB, beyond the limit of 0 MiB",
        ));
    std::fs::remove_file(dir.path().join("scorecard.toml")).unwrap();
    scorecard().arg("validate").arg(&clean).assert().code(0);
}

#[test]
fn a_shared_string_count_that_cannot_be_true_is_refused_before_it_is_believed() {
    // calamine reserves room for the claimed count: 1e11 strings would abort.
    let dir = tempfile::tempdir().unwrap();
    let clean = clean_workbook(dir.path());
    patch_zip_part(&clean, "xl/sharedStrings.xml", |xml| {
        let at = xml.find("uniqueCount=\"").unwrap() + "uniqueCount=\"".len();
        let end = at + xml[at..].find('"').unwrap();
        format!("{}100000000000{}", &xml[..at], &xml[end..])
    });
    scorecard()
        .arg("validate")
        .arg(&clean)
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "shared-string table claims 100000000000 strings",
        ));
}

#[test]
fn repeated_ods_cells_count_their_text_as_often_as_they_are_spelled_out() {
    // 834 bytes that calamine would spell out as 100,000 copies of 20 KB.
    let dir = tempfile::tempdir().unwrap();
    let cell = format!(
        r#"<table:table-cell table:number-columns-repeated="1000" office:value-type="string"><text:p>{}</text:p></table:table-cell>"#,
        "w".repeat(20_000)
    );
    let rows =
        format!(r#"<table:table-row table:number-rows-repeated="100">{cell}</table:table-row>"#);
    let path = ods(dir.path(), "repeats.ods", "Indicators", &rows);
    scorecard()
        .arg("validate")
        .arg(&path)
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "once repeated cells are spelled out, beyond the limit of 256 MiB",
        ));
}

#[test]
fn ods_text_spelled_out_from_spaces_attributes_and_entities_counts_too() {
    // calamine expands <text:s text:c="N"/> into N spaces and copies a cell's
    // string-value attribute into every repeated cell.
    let dir = tempfile::tempdir().unwrap();
    let spaces = r#"<table:table-row><table:table-cell office:value-type="string"><text:p><text:s text:c="2000000000"/></text:p></table:table-cell></table:table-row>"#;
    let attribute = format!(
        r#"<table:table-row table:number-rows-repeated="1000"><table:table-cell table:number-columns-repeated="100" office:value-type="string" office:string-value="{}"/></table:table-row>"#,
        "v".repeat(20_000)
    );
    let entities = format!(
        r#"<table:table-row table:number-rows-repeated="1000"><table:table-cell table:number-columns-repeated="100" office:value-type="string"><text:p>{}</text:p></table:table-cell></table:table-row>"#,
        "&amp;".repeat(5_000)
    );
    for (name, rows) in [
        ("spaces.ods", spaces.to_string()),
        ("attribute.ods", attribute),
        ("entities.ods", entities),
    ] {
        let path = ods(dir.path(), name, "Indicators", &rows);
        scorecard()
            .arg("validate")
            .arg(&path)
            .timeout(std::time::Duration::from_secs(20))
            .assert()
            .code(2)
            .stdout(predicate::str::contains(
                "once repeated cells are spelled out",
            ));
    }
}

#[test]
fn one_shared_string_repeated_in_many_cells_counts_every_time() {
    // An .xlsx stores a string once and refers to it from each cell: a file
    // of a few kilobytes can hold one long string in thousands of cells,
    // and each cell read holds its own copy.
    let dir = tempfile::tempdir().unwrap();
    let long: &'static str = "x".repeat(30_000).leak();
    let mut rows = vec![indicator_header()];
    for i in 0..100 {
        let reference: &'static str = format!("PI {i}").leak();
        rows.push(vec![
            T(reference),
            T(long),
            T("%"),
            T("Higher"),
            N(50.0),
            N(60.0),
        ]);
    }
    let path = xlsx(dir.path(), "repeated.xlsx", &[("Indicators", rows)]);
    assert!(std::fs::metadata(&path).unwrap().len() < 100_000);
    std::fs::write(
        dir.path().join("scorecard.toml"),
        "[limits]\nunpacked_mib = 2\n",
    )
    .unwrap();
    scorecard()
        .arg("validate")
        .arg(&path)
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "the text in the workbook's cells comes to more than 2 MiB",
        ))
        .stdout(predicate::str::contains("[limits] unpacked_mib = 4"));
}

/// An .xls compound file whose workbook stream names one sheet holding
/// `sheet`'s records (type, data).
fn xls_with_sheet(path: &std::path::Path, sheet: &[(u16, Vec<u8>)]) {
    xls_with_sheet_in(path, sheet, &[], "/Workbook");
}

/// As [`xls_with_sheet`], the workbook stream at `stream`, after storages
/// `storages` are made.
fn xls_with_sheet_in(
    path: &std::path::Path,
    sheet: &[(u16, Vec<u8>)],
    storages: &[&str],
    stream_path: &str,
) {
    use std::io::Write;
    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut out = typ.to_le_bytes().to_vec();
        out.extend((data.len() as u16).to_le_bytes());
        out.extend(data);
        out
    }
    let bof = record(0x0809, &[0, 6, 0x10, 0, 0, 0, 0, 0]);
    let eof = record(0x000A, &[]);
    let name = b"Indicators";
    let globals_len = bof.len() + 4 + 8 + name.len() + eof.len();
    let mut boundsheet = (globals_len as u32).to_le_bytes().to_vec();
    boundsheet.extend([0, 0, name.len() as u8, 0]);
    boundsheet.extend(name);
    let mut stream = [bof.clone(), record(0x0085, &boundsheet), eof.clone()].concat();
    stream.extend(&bof);
    for (typ, data) in sheet {
        stream.extend(record(*typ, data));
    }
    stream.extend(&eof);
    let mut file = cfb::create(path).unwrap();
    for storage in storages {
        file.create_storage(storage).unwrap();
    }
    file.create_stream(stream_path)
        .unwrap()
        .write_all(&stream)
        .unwrap();
    file.flush().unwrap();
}

/// A NUMBER record at (row, column).
fn xls_number(row: u16, col: u16) -> (u16, Vec<u8>) {
    let mut data = row.to_le_bytes().to_vec();
    data.extend(col.to_le_bytes());
    data.extend([0; 10]);
    (0x0203, data)
}

#[test]
fn an_xls_sheet_that_would_be_a_huge_grid_is_refused_before_it_is_read() {
    // calamine reads an .xls sheet whole into a grid from its first cell to
    // its furthest, and reserves what DIMENSIONS claims: one far cell would
    // take half a gigabyte, a forged DIMENSIONS abort the process.
    let dir = tempfile::tempdir().unwrap();
    let far = dir.path().join("far.xls");
    xls_with_sheet(&far, &[xls_number(0, 0), xls_number(65_535, 255)]);
    scorecard()
        .arg("validate")
        .arg(&far)
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "the sheet 'Indicators' spans 16777216 cells from its first cell to its furthest",
        ))
        .stdout(predicate::str::contains("[limits] cells = 16777216"));
    let forged = dir.path().join("forged.xls");
    let mut dimensions = 0u32.to_le_bytes().to_vec();
    dimensions.extend(u32::MAX.to_le_bytes());
    dimensions.extend([0, 0, 0xFF, 0, 0, 0]);
    xls_with_sheet(&forged, &[(0x0200, dimensions), xls_number(0, 0)]);
    scorecard()
        .arg("report")
        .arg(&forged)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "its sheet 'Indicators' claims a used range of 1095216660225 cells",
        ));
    // calamine reads the first stream named Workbook or Book it meets,
    // wherever it is: each is checked.
    let hidden = dir.path().join("hidden.xls");
    xls_with_sheet_in(
        &hidden,
        &[xls_number(0, 0), xls_number(65_535, 255)],
        &["/A"],
        "/A/Book",
    );
    scorecard()
        .arg("validate")
        .arg(&hidden)
        .assert()
        .code(2)
        .stdout(predicate::str::contains("spans 16777216 cells"));
    // Within the limit, the same file goes on to be read.
    let near = dir.path().join("near.xls");
    xls_with_sheet(&near, &[xls_number(0, 0), xls_number(100, 5)]);
    let output = scorecard().arg("validate").arg(&near).output().unwrap();
    assert!(!String::from_utf8_lossy(&output.stdout).contains("too large"));
}

#[test]
fn no_control_character_from_a_cell_reaches_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx(
        dir.path(),
        "escape.xlsx",
        &[(
            "Indicators",
            vec![
                indicator_header(),
                vec![
                    T("1C\u{1b}[2J"),
                    T("Visits\u{1b}]0;owned\u{7}"),
                    T("%"),
                    T("Higher"),
                    T("5O%\u{1b}[31m"),
                    N(50.0),
                ],
            ],
        )],
    );
    for args in [
        vec!["validate"],
        vec!["validate", "--format", "github"],
        vec!["report"],
        vec!["explain"],
    ] {
        let mut cmd = scorecard();
        cmd.args(&args).arg(&path);
        if args == ["explain"] {
            cmd.arg("1C\u{fffd}[2J");
        }
        let output = cmd.output().unwrap();
        for stream in [&output.stdout, &output.stderr] {
            let text = String::from_utf8_lossy(stream);
            assert!(
                !text.chars().any(|c| c.is_control() && c != '\n'),
                "{args:?}: {text:?}"
            );
        }
        assert!(
            String::from_utf8_lossy(&output.stdout).contains('\u{fffd}'),
            "{args:?} shows where the control characters were"
        );
    }
}

#[test]
fn an_output_name_without_a_known_format_is_refused_and_verbose_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let clean = clean_workbook(dir.path());
    for name in ["q4.doc", "q4.csv", "q4"] {
        scorecard()
            .args(["report"])
            .arg(&clean)
            .arg("-o")
            .arg(dir.path().join(name))
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "does not name a format this tool writes: end it with .md, .html, .json, .docx or .pdf",
            ));
        assert!(!dir.path().join(name).exists(), "{name}");
    }
    scorecard()
        .args(["report", "--format", "md"])
        .arg(&clean)
        .arg("-o")
        .arg(dir.path().join("q4.txt"))
        .assert()
        .code(0);
    let out = dir.path().join("q4.md");
    scorecard()
        .args(["-v", "report"])
        .arg(&clean)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0)
        .stdout(predicate::str::contains(format!("wrote {}", out.display())));
}

#[test]
fn a_second_indicators_sheet_and_an_unclosed_csv_quote_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx(
        dir.path(),
        "two.xlsx",
        &[
            (
                "Indicators",
                vec![
                    indicator_header(),
                    vec![T("A"), T("One"), T("%"), T("Higher"), N(60.0), N(55.0)],
                ],
            ),
            (
                "KPIs",
                vec![
                    indicator_header(),
                    vec![T("B"), T("Two"), T("%"), T("Higher"), N(60.0), N(55.0)],
                ],
            ),
        ],
    );
    scorecard()
        .arg("validate")
        .arg(&path)
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "'KPIs' is also named as a sheet of indicators, but only 'Indicators' is read",
        ));
    let csv = dir.path().join("csv");
    std::fs::create_dir(&csv).unwrap();
    std::fs::write(
        csv.join("indicators.csv"),
        "Ref,Indicator,Unit,Polarity,Actual,Target\nA,\"Visits,%,Higher,60,55\nB,Loans,%,Higher,60,55\n",
    )
    .unwrap();
    scorecard()
        .arg("validate")
        .arg(&csv)
        .assert()
        .stdout(predicate::str::contains(
            "a quote opened in row 2 is never closed, so the 1 line after it",
        ));
}

/// Runs the tool with its standard output a pipe whose reader has already
/// gone, as in `scorecard … | head -1` once head has exited.
fn with_closed_stdout(args: &[&str]) -> std::process::Output {
    let program = scorecard().get_program().to_owned();
    let mut child = std::process::Command::new(program)
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    child.wait_with_output().unwrap()
}

#[test]
fn a_closed_pipe_ends_quietly_with_0() {
    let workbook = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/lancashire/lancashire-2012-13-q4.xlsx"
    );
    for args in [
        vec!["report", workbook],
        vec!["report", workbook, "--format", "json"],
        vec!["validate", "--format", "json", workbook],
        vec!["completions", "bash"],
        vec!["manpage"],
    ] {
        let out = with_closed_stdout(&args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{args:?}");
    }
}

#[test]
fn a_missing_template_folder_is_refused_for_every_format() {
    let workbook = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/lancashire/lancashire-2012-13-q4.xlsx"
    );
    for format in ["md", "html", "json"] {
        scorecard()
            .args([
                "report",
                workbook,
                "--format",
                format,
                "--template",
                "no/such/dir",
            ])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "the template directory does not exist",
            ));
    }
}
