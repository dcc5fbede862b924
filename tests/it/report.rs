//! The agenda-item report: golden files for Markdown, HTML and JSON of a fixture
//! workbook that exercises every section, template overrides and errors, and
//! untrusted cell text.
//!
//! Regenerate the golden files with `UPDATE_GOLDEN=1 cargo test --test it report::`,
//! then read every changed line as a councillor would.

use crate::util::C::*;
use crate::util::*;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

/// A quarter 3 corporate scorecard in the shape of the Lancashire papers.
pub fn fixture(dir: &Path) -> PathBuf {
    let pct = |v: f64| F(v / 100.0, "0.0%");
    xlsx(
        dir,
        "q3.xlsx",
        &[
            (
                "Report",
                vec![
                    vec![T("Organisation"), T("Lancashire County Council")],
                    vec![T("Committee"), T("Cabinet Committee on Performance Improvement")],
                    vec![T("Meeting date"), D(2013, 2, 21)],
                    vec![T("Venue"), T("Cabinet Room 'C', County Hall, Preston")],
                    vec![T("Agenda item"), T("4")],
                    vec![T("Title"), T("Corporate Scorecard: Quarter 3 2012/13")],
                    vec![T("Report of"), T("Chief Executive")],
                    vec![T("Electoral divisions"), T("All")],
                    vec![T("Contact"), T("Performance team, 01772 533637")],
                    vec![T("Period"), T("2012/13 Q3")],
                    vec![T("Consultations"), T("Directorate performance leads.")],
                    vec![T("Risk management"), T("This report has no significant risk implications.")],
                    vec![T("Background papers"), T("Corporate Scorecard 2012/13, Office of the Chief Executive")],
                ],
            ),
            (
                "Indicators",
                vec![
                    vec![
                        T("Theme"), T("Outcome"), T("Ref"), T("Indicator"), T("Unit"), T("Polarity"),
                        T("Cumulative"), T("Actual"), T("Previous"), T("Last year"), T("Target"),
                        T("Year end target"), T("Tolerance"), T("RAG"), T("RAG reason"), T("Quartile"),
                        T("Commentary"), T("Illustrative"),
                    ],
                    vec![T("Education"), T("Attainment"), T("1A"), T("Proportion of pupils achieving 5+ A*-C GCSEs including English and maths"), T("%"), T("Higher"), E, pct(59.9), pct(59.0), pct(60.1), E, pct(61.0), E, E, E, T("Second"), T("Results were *slightly* below the previous year."), E],
                    vec![T("Education"), T("Attainment"), T("1B"), T("Young people not in education, employment or training"), T("%"), T("Lower"), E, pct(5.8), pct(6.1), pct(6.3), E, pct(5.5), E, E, E, T("Third"), E, T("Yes")],
                    vec![T("Adult social care"), T("Independence"), T("ASCOF 3A"), T("Overall satisfaction of people who use services"), T("%"), T("Higher"), E, pct(61.0), E, pct(62.4), pct(65.0), pct(65.0), E, E, E, E, E, E],
                    vec![T("Adult social care"), T("Independence"), T("ASCOF 3B"), T("Overall satisfaction of carers"), T("%"), T("Higher"), E, pct(40.5), E, pct(41.0), pct(45.0), pct(45.0), E, E, E, E, E, E],
                    vec![T("Adult social care"), T("Independence"), T("ASCOF 2A pt 2"), T("Permanent admissions to care (aged 65+)"), T("Rate per 100,000"), T("L"), E, N(628.5), N(640.2), N(689.4), T("<624.1"), E, E, E, E, T("Two"), E, E],
                    vec![T("Adult social care"), T("Choice and control"), T("1C (NI130)"), T("Social care clients receiving self-directed support"), T("%"), T("Higher"), E, pct(45.0), E, E, pct(49.6), pct(55.1), N(0.0), E, E, E, T("Take-up of individual budgets is low.\n\n- Champions in every team\n- Monthly reviews"), E],
                    vec![T("Environment"), T("Waste"), T("4D"), T("Household waste recycled and composted"), T("%"), T("Band"), E, pct(58.0), pct(57.1), pct(55.2), T("56-61%"), E, E, E, E, E, E, E],
                    vec![T("Environment"), T("Heritage"), T("4E"), T("Heritage visits"), T("Number"), T("Higher"), T("Yes"), N(118200.0), E, E, E, N(151000.0), E, E, E, E, E, E],
                    vec![T("Environment"), T("Heritage"), T("7A"), T("Hours of volunteering"), T("Number"), T("Higher"), T("Yes"), N(17000.0), E, E, E, N(24000.0), E, T("A"), T("Ahead of the volunteering plan's own profile"), E, E, E],
                    vec![T("Community safety"), E, T("5A"), T("Reported anti-social behaviour incidents"), T("Number"), T("Info"), E, N(12345.0), E, E, E, E, E, E, E, E, E, E],
                    vec![T("Community safety"), E, T("6A"), T("Adults with learning disabilities in paid employment"), T("%"), T("Higher"), E, T("Due June 2013"), E, E, pct(7.5), E, E, E, E, E, E, E],
                ],
            ),
            (
                "Recovery plans",
                vec![
                    vec![T("Ref"), T("Title"), T("Why"), T("Comparative data"), T("Previously presented")],
                    vec![T("ASCOF 3A, ASCOF 3B"), T("Adult social care survey indicators"), T("- Fewer responses than last year\n- Changes to the questionnaire"), T("Lancashire is compared with the other North West councils."), E],
                    vec![T("1B"), T("Young people not in education, employment or training"), E, E, D(2012, 11, 22)],
                    vec![T("1C (NI130)"), T("Self-directed support"), T("Low take-up of individual budgets."), E, E],
                ],
            ),
            (
                "Actions",
                vec![
                    vec![T("Ref"), T("Action"), T("Lead"), T("Due"), T("Status")],
                    vec![T("ASCOF 3A"), T("Review the survey method with the **North West** group"), T("Head of Performance"), D(2012, 12, 31), T("In progress")],
                    vec![T("ASCOF 3A"), T("Publish the carers' strategy"), T("Carers Lead"), D(2012, 12, 14), T("Complete")],
                    vec![T("ASCOF 3A"), T("Monthly satisfaction spot checks"), T("Service managers"), T("Ongoing"), E],
                    vec![T("ASCOF 3A"), T("Report back to this committee"), T("Head of Performance"), T("March 2013"), E],
                    vec![T("1C (NI130)"), T("Self-directed support champions in every frontline team"), T("Head of Commissioning"), D(2013, 3, 31), E],
                ],
            ),
            (
                "Benchmarks",
                vec![
                    vec![T("Ref"), T("Comparator"), T("Value")],
                    vec![T("ASCOF 3A"), T("Blackpool"), N(64.2)],
                    vec![T("ASCOF 3A"), T("Bolton"), N(63.5)],
                    vec![T("ASCOF 3A"), T("Wigan"), N(61.5)],
                    vec![T("ASCOF 3A"), T("Cumbria"), N(60.8)],
                    vec![T("ASCOF 3A"), T("England average"), N(64.1)],
                ],
            ),
            (
                "History",
                vec![
                    vec![T("Ref"), T("Period"), T("Actual"), T("Target")],
                    vec![T("1C (NI130)"), T("2012/13 Q1"), N(49.0), N(47.4)],
                    vec![T("1C (NI130)"), T("2012/13 Q2"), N(47.0), N(48.5)],
                ],
            ),
        ],
    )
}

fn render(path: &Path, format: &str) -> String {
    let out = scorecard()
        .args(["report", "--format", format])
        .arg(path)
        .assert()
        .code(0);
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

pub fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} is missing; run with UPDATE_GOLDEN=1", path.display()));
    if expected != actual {
        let diff: Vec<String> = expected
            .lines()
            .zip(actual.lines())
            .enumerate()
            .filter(|(_, (e, a))| e != a)
            .take(5)
            .map(|(i, (e, a))| format!("line {}:\n  expected: {e}\n  actual:   {a}", i + 1))
            .collect();
        panic!(
            "{name} differs from the golden file ({} vs {} lines):\n{}",
            expected.lines().count(),
            actual.lines().count(),
            diff.join("\n")
        );
    }
}

#[test]
fn golden_markdown_html_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    golden("q3.md", &render(&path, "md"));
    golden("q3.html", &render(&path, "html"));
    // The JSON names the temporary directory nowhere, so it is stable too.
    golden("q3.json", &render(&path, "json"));
}

#[test]
fn the_report_says_what_the_paper_says() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let md = render(&path, "md");
    for expected in [
        "# Corporate Scorecard: Quarter 3 2012/13",
        "| Meeting date | 21 February 2013 |",
        "| Period | quarter 3 2012/13 (October 2012 – December 2012) |",
        // 2 green (4D, 4E) of 9 rated is 22%; 5A is for information, 6A has no data yet.
        "For quarter 3 2012/13 (October 2012 – December 2012), 2 of the 9 rated indicators (22%) have met their targets.",
        "2 indicators (22%) are off target but within tolerance (Amber). 4 indicators (44%) are off target beyond tolerance (Red). By the council's judgement (marked †, with its reason and the rules' rating beside it), 1 indicator is Amber. 1 indicator is not rated (for information only, no data yet, or no target). 1 indicator is not due this period and will be reported later.",
        "- **6A** Adults with learning disabilities in paid employment (Due June 2013)",
        "- **ASCOF 2A pt 2** Reduce permanent admissions to care (aged 65+) from 689.4 per 100,000 to below 624.1 per 100,000: Amber",
        "- **7A** Increase hours of volunteering to 24,000: Amber†",
        "- **1A** Increase proportion of pupils achieving 5+ A\\*-C GCSEs including English and maths from 60.1% to 61.0%: Amber",
        "- **1B** Reduce young people not in education, employment or training from 6.3% to 5.5%: Red",
        "The recovery plan for 1B was considered at the meeting of 22 November 2012.",
        "The recovery plans for ASCOF 3A, ASCOF 3B and 1C (NI130) are at Appendix A.",
        "1A, ASCOF 2A pt 2 and 7A have no recovery plan yet.",
        "The Committee is asked to comment on the performance reported, and to review the 2 recovery plans at Appendix A.",
        "### A1. Adult social care survey indicators",
        "ASCOF 3A Overall satisfaction of people who use services: ranked 4th of 5, Bottom quartile.",
        "| 4 | **Lancashire County Council** | **61.0%** |",
        "| | England average | 64.1% |",
        "| Review the survey method with the **North West** group | Head of Performance | 31 December 2012 **(overdue)** — In progress |",
        "| Publish the carers' strategy | Carers Lead | 14 December 2012 — Complete |",
        "| Report back to this committee | Head of Performance | March 2013 |",
        "1 action is overdue at the meeting date.",
        "## Consultations\n\nDirectorate performance leads.",
        "## Implications\n\nThis report has no significant risk implications.",
        "*2nd quarter in a row at Red*",
        "| 4E | Heritage visits | 118,200 | – | 113,250 | 151,000 | Green |",
        "| 7A | Hours of volunteering | 17,000 | – | 18,000 | 24,000 | Amber† (judgement: Ahead of the volunteering plan's own profile; the rules give Red) |",
        "| 5A | Reported anti-social behaviour incidents | 12,345 | – | – | – | Not rated |",
        "| 6A | Adults with learning disabilities in paid employment | Due June 2013 | – | 7.5% | – | Not rated |",
        "| 4D | Household waste recycled and composted | 58.0% | 55.2% | 56.0–61.0% | – | Green | ↔ No change | ↑ Improving |",
        "| 1B | Young people not in education, employment or training *(illustrative)* |",
        "| ASCOF 2A pt 2 | Permanent admissions to care (aged 65+) | 628.5 per 100,000 | 689.4 per 100,000 | <624.1 per 100,000 | – | Amber | ↑ Improving | ↑ Improving | Second |",
        "- **Amber**: Off target, but within the tolerance of 5% of the target (or the indicator's own tolerance, where it sets one).",
        "- **Judgement**: The rating marked † is the council's judgement; its reason and the rules' rating are printed beside it.",
    ] {
        assert!(md.contains(expected), "missing from the Markdown report: {expected}\n\n{md}");
    }
}

#[test]
fn forecast_basis_speaks_of_forecasts() {
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx(
        dir.path(),
        "forecast.xlsx",
        &[(
            "Indicators",
            vec![
                vec![
                    T("Ref"),
                    T("Indicator"),
                    T("Polarity"),
                    T("Actual"),
                    T("Forecast"),
                    T("Year end target"),
                ],
                vec![
                    T("A"),
                    T("Visits"),
                    T("Higher"),
                    N(50.0),
                    N(120.0),
                    N(100.0),
                ],
                vec![T("B"), T("Loans"), T("Higher"), N(50.0), N(80.0), N(100.0)],
            ],
        )],
    );
    std::fs::write(
        dir.path().join("scorecard.toml"),
        "[rag]\nbasis = \"forecast\"\n",
    )
    .unwrap();
    let md = render(&path, "md");
    assert!(
        md.contains(
            "1 of the 2 rated indicators (50%) is currently forecast to meet its year-end target."
        ),
        "{md}"
    );
    assert!(
        md.contains("1 indicator (50%) is forecast to miss its target (Red)."),
        "{md}"
    );
    assert!(
        md.contains("- **Green**: On target: forecast to meet its year-end target."),
        "{md}"
    );
}

#[test]
fn format_follows_the_extension_and_output_is_atomic() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    for (name, starts) in [
        ("r.html", "<!DOCTYPE html>"),
        ("r.md", "**Lancashire"),
        ("r.json", "{"),
    ] {
        let out = dir.path().join(name);
        scorecard()
            .arg("report")
            .arg(&path)
            .arg("-o")
            .arg(&out)
            .assert()
            .code(0);
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.starts_with(starts), "{name}: {}", &text[..40]);
    }
    scorecard()
        .arg("report")
        .arg(&path)
        .args(["-o", "-"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("**Lancashire County Council**"));
}

#[test]
fn set_overrides_the_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    scorecard()
        .arg("report")
        .arg(&path)
        .args([
            "--set",
            "committee=Cabinet",
            "--set",
            "Meeting date=14 June 2013",
            "--set",
            "period=2012/13 Q4",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("| Committee | Cabinet |"))
        .stdout(predicate::str::contains("| Meeting date | 14 June 2013 |"))
        .stdout(predicate::str::contains(
            "quarter 4 2012/13 (January 2013 – March 2013)",
        ));
    scorecard()
        .arg("report")
        .arg(&path)
        .args(["--set", "period=soon"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--set period"));
}

#[test]
fn templates_are_overridden_file_by_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let templates = dir.path().join("templates/partials");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("scorecard_table.md"),
        "{% for theme in themes %}{% for outcome in theme.outcomes %}{% for r in outcome.rows %}* {{ r.reference }}: {{ r.rag.word }}\n{% endfor %}{% endfor %}{% endfor %}",
    )
    .unwrap();
    scorecard()
        .arg("report")
        .arg(&path)
        .arg("--template")
        .arg(dir.path().join("templates"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("* 4E: Green"))
        // The rest is still built in.
        .stdout(predicate::str::contains("## Executive summary"))
        .stdout(predicate::str::contains("### RAG key"));
}

#[test]
fn a_template_error_names_the_template_and_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let templates = dir.path().join("t/partials");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("keys.md"),
        "ok\n{% for k in column_key %}\n{{ k.term }\n",
    )
    .unwrap();
    scorecard()
        .arg("report")
        .arg(&path)
        .arg("--template")
        .arg(dir.path().join("t"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("partials/keys.md"))
        .stderr(predicate::str::contains("3:"));
    std::fs::write(templates.join("keys.md"), "{{ no_such_thing.field }}").unwrap();
    scorecard()
        .arg("report")
        .arg(&path)
        .arg("--template")
        .arg(dir.path().join("t"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no_such_thing"));
}
