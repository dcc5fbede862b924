//! The bundled example workbooks read cleanly, with the paper's figures.

use assert_cmd::Command;

#[test]
fn thurrock_example_carries_the_papers_figures() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/thurrock-2011-12-m7.xlsx"
    );
    Command::cargo_bin("scorecard")
        .unwrap()
        .args(["validate", "--strict", path])
        .assert()
        .code(0);
    let out = Command::cargo_bin("scorecard")
        .unwrap()
        .args(["report", "--format", "json", path])
        .assert()
        .code(0);
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(json["period"]["label"], "Oct 2011");
    assert_eq!(json["period"]["months_elapsed"], 7);
    assert_eq!(json["meta"]["meeting_date"], "2012-01-17");
    let ind = &json["indicators"][0];
    assert_eq!(ind["ref"], "1C (NI130)");
    assert_eq!(ind["unit"], "percent");
    assert_eq!(ind["polarity"], "higher");
    // Stored by Excel as 0.45, 0.496, 0.551: read as shown.
    assert_eq!(ind["actual"].to_string(), "45");
    assert_eq!(ind["previous"].to_string(), "47");
    assert_eq!(ind["target"].to_string(), "49.6");
    assert_eq!(ind["year_end_target"].to_string(), "55.1");
    assert_eq!(ind["benchmark"].to_string(), "13.8");
    assert_eq!(ind["in_focus"], true);
    assert_eq!(json["plans"][0]["actions"].as_array().unwrap().len(), 7);
    assert_eq!(json["history"][0]["period"], "Sep 2011");
    assert_eq!(json["history"][0]["actual"].to_string(), "47");
    assert_eq!(json["history"][0]["target"].to_string(), "48.5");
}

#[test]
fn thurrock_example_report_reads_like_the_paper() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/thurrock-2011-12-m7.xlsx"
    );
    let out = Command::cargo_bin("scorecard")
        .unwrap()
        .args(["report", path])
        .assert()
        .code(0);
    let md = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    for expected in [
        "# Corporate Scorecard Performance Report Quarter 2 - focus on 1C (NI130) Self Directed Support",
        "| Committee | Health & Well Being Overview & Scrutiny Committee |",
        "| Meeting date | 17 January 2012 |",
        "| Period | October 2011 (month 7 of 2011/12) |",
        "| 45.0% | 49.6% | 55.1% | Red | 13.8% |",
        "| Team Managers to review progress monthly through team performance meeting | Roger Harris |  |",
    ] {
        assert!(md.contains(expected), "missing: {expected}\n\n{md}");
    }
}
