//! The paper as a councillor reads it: charts that carry their figures and
//! nothing executable, page furniture for print, no empty columns or empty
//! appendix, and Markdown a clerk can paste or convert.

use crate::util::scorecard;
use pulldown_cmark::{Event, Options, Parser, Tag};
use quick_xml::events::Event as Xml;
use std::path::{Path, PathBuf};

fn example(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .unwrap()
}

fn report(workbook: &Path, format: &str) -> String {
    let out = scorecard()
        .args(["report", "--format", format])
        .arg(workbook)
        .assert()
        .code(0);
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

/// Every inline SVG of a page.
fn svgs(html: &str) -> Vec<&str> {
    html.match_indices("<svg")
        .filter_map(|(i, _)| html[i..].find("</svg>").map(|end| &html[i..i + end + 6]))
        .collect()
}

/// The elements of an SVG, checked to be well-formed XML, and its title and
/// description.
fn parse(svg: &str) -> (Vec<String>, String, String) {
    let mut reader = quick_xml::Reader::from_str(svg);
    let (mut names, mut title, mut desc) = (Vec::new(), String::new(), String::new());
    let mut inside = String::new();
    let mut depth = 0i32;
    loop {
        match reader
            .read_event()
            .unwrap_or_else(|e| panic!("not XML: {e}\n{svg}"))
        {
            Xml::Start(e) => {
                depth += 1;
                let name = e.name().as_ref().to_string();
                for a in e.attributes() {
                    let a = a.unwrap();
                    let key = a.key.as_ref().to_lowercase();
                    assert!(
                        !key.starts_with("on") && !key.contains("href"),
                        "{key} in {svg}"
                    );
                }
                inside.clone_from(&name);
                names.push(name);
            }
            Xml::Empty(e) => {
                let name = e.name().as_ref().to_string();
                for a in e.attributes() {
                    let a = a.unwrap();
                    let key = a.key.as_ref().to_lowercase();
                    assert!(
                        !key.starts_with("on") && !key.contains("href"),
                        "{key} in {svg}"
                    );
                    let value = a.value.to_lowercase();
                    assert!(!value.contains("url("), "{value} in {svg}");
                }
                names.push(name);
            }
            Xml::Text(t) => match inside.as_str() {
                "title" => title.push_str(&t.xml10_content()),
                "desc" => desc.push_str(&t.xml10_content()),
                _ => {}
            },
            Xml::GeneralRef(r) => {
                let c = match r.xml10_content().as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "#39" | "apos" => "'",
                    other => panic!("an entity the charts never write: &{other}; in {svg}"),
                };
                match inside.as_str() {
                    "title" => title.push_str(c),
                    "desc" => desc.push_str(c),
                    _ => {}
                }
            }
            Xml::End(_) => {
                depth -= 1;
                inside.clear();
            }
            Xml::Eof => break,
            _ => {}
        }
    }
    assert_eq!(depth, 0, "unbalanced: {svg}");
    (names, title, desc)
}

const ALLOWED: &[&str] = &[
    "svg", "title", "desc", "line", "polyline", "polygon", "circle", "rect", "text", "g",
];

#[test]
fn every_chart_is_well_formed_accessible_and_carries_its_figures() {
    let mut seen = 0;
    for name in ["thurrock", "lancashire", "leicestershire"] {
        let html = report(&example(name), "html");
        for svg in svgs(&html) {
            seen += 1;
            assert!(svg.contains("role=\"img\""), "{svg}");
            let (names, title, desc) = parse(svg);
            assert_eq!(names.get(1).map(String::as_str), Some("title"), "{svg}");
            assert!(!title.is_empty() && !desc.is_empty(), "{svg}");
            for n in &names {
                assert!(ALLOWED.contains(&n.as_str()), "<{n}> in {svg}");
            }
        }
    }
    assert!(seen >= 9, "{seen} charts");

    // The figures each chart plots are in its text alternative, as the
    // paper writes them.
    let thurrock = report(&example("thurrock"), "html");
    let trends: Vec<String> = svgs(&thurrock)
        .into_iter()
        .filter(|s| s.contains("class=\"chart trend\""))
        .map(|s| parse(s).2)
        .collect();
    assert!(!trends.is_empty());
    for desc in &trends {
        assert!(desc.contains("Oct 2011: 45.0% (target 49.6%)"), "{desc}");
        assert!(desc.contains("Sep 2011: 47.0%"), "{desc}");
    }
    let lancashire = report(&example("lancashire"), "html");
    let ranked: Vec<String> = svgs(&lancashire)
        .into_iter()
        .filter(|s| s.contains("class=\"chart comparators\""))
        .map(|s| parse(s).2)
        .collect();
    assert_eq!(ranked.len(), 3);
    assert!(
        ranked[0].starts_with("Best first: Bury 20.1 (out of 24): rank 1;"),
        "{}",
        ranked[0]
    );
    assert!(ranked[0].contains("Lancashire County Council (this council) 19.0 (out of 24): rank 7"));
    assert!(ranked[0].contains("England Average 18.7 (out of 24) (not ranked)"));
    assert!(ranked[0].contains("Lancashire 2011/12 19.2 (out of 24) (earlier, not ranked)"));
    let counts = svgs(&lancashire)
        .into_iter()
        .find(|s| s.contains("class=\"chart rag-counts\""))
        .map(|s| parse(s).2)
        .unwrap();
    assert_eq!(
        counts,
        // Lancashire is met-or-missed: no Amber to count.
        "Green 23, Red 12, Not rated 0 of 35 indicators."
    );
}

#[test]
fn charts_can_be_turned_off_and_markdown_has_none() {
    let dir = tempfile::tempdir().unwrap();
    let src = example("thurrock");
    let workbook = dir.path().join("t.xlsx");
    std::fs::copy(&src, &workbook).unwrap();
    let settings = std::fs::read_to_string(src.with_file_name("scorecard.toml")).unwrap();
    let settings = if settings.contains("[report]") {
        settings.replace("[report]", "[report]\ncharts = false")
    } else {
        format!("{settings}\n[report]\ncharts = false\n")
    };
    std::fs::write(dir.path().join("scorecard.toml"), settings).unwrap();
    let html = report(&workbook, "html");
    assert!(!html.contains("<svg"), "charts = false");
    // The counts are still there, in words.
    assert!(
        html.contains("<p class=\"counts\">Green 0 · Red 1 · Not rated 0</p>"),
        "{html}"
    );
    assert!(!report(&src, "md").contains("<svg"));
}

#[test]
fn the_printed_page_has_numbers_a_running_header_and_no_empty_appendix() {
    let html = report(&example("lancashire"), "html");
    assert!(html.contains("content: \"Page \" counter(page) \" of \" counter(pages)"));
    // The running header, with every character that could end the string
    // escaped.
    assert!(
        html.contains("@top-center { content: \"Agenda item 5 \\002014  Cabinet Committee on Performance Improvement \\002014  14 June 2013\";"),
        "{}",
        &html[..html.find("</style>").unwrap_or(0)]
    );
    assert!(html.contains(".plan ~ .plan { break-before: page; }"));
    // Every table has a caption.
    let tables = html.matches("<table").count();
    let captioned = html
        .match_indices("<table")
        .filter(|(i, _)| {
            html[*i..]
                .split_once('>')
                .is_some_and(|(_, rest)| rest.trim_start().starts_with("<caption>"))
        })
        .count();
    assert_eq!(tables, captioned, "every table captioned");

    // Leicestershire has no plan to print: no Appendix A page saying so,
    // the scorecard is Appendix A, and the Background says there are none.
    let leics = report(&example("leicestershire"), "html");
    assert!(!leics.contains("Recovery plans</h2>"));
    assert!(leics.contains("Appendix A — Scorecard</h2>"));
    assert!(leics.contains("There are no new recovery plans this period."));
    let md = report(&example("leicestershire"), "md");
    assert!(md.contains("## Appendix A — Scorecard"));
    assert!(!md.contains("Recovery plans"));
}

#[test]
fn a_column_empty_in_every_row_is_left_out() {
    // Lancashire gives no short-term direction and no commentary for any
    // indicator: neither column is printed, nor keyed.
    for format in ["html", "md"] {
        let out = report(&example("lancashire"), format);
        let appendix = &out[out.find("Appendix B").unwrap()..];
        assert!(!appendix.contains("Short term"), "{format}");
        assert!(!appendix.contains("Commentary"), "{format}");
        assert!(appendix.contains("Long term"), "{format}");
        assert!(appendix.contains("Quartile"), "{format}");
    }
    // Thurrock's one indicator has no last year and no quartile.
    let md = report(&example("thurrock"), "md");
    assert!(
        md.contains("| Ref | Indicator | Value | Target | Year end | RAG | Short term |"),
        "{md}"
    );
    assert!(
        !md.contains("**Last year**:"),
        "the key keeps only the columns printed"
    );
}

#[test]
fn markdown_is_plain_for_clerks() {
    for name in ["thurrock", "lancashire", "leicestershire"] {
        let md = report(&example(name), "md");
        assert!(!md.contains("<br>"), "{name}");
        // `A*-C` is escaped: pandoc's Markdown would read `A*-C … A*` as
        // emphasis and print "A-C".
        assert!(!md.contains("A*-C"), "{name}: an escape pandoc needs");
        let mut html_events = Vec::new();
        let mut paragraphs = 0;
        for event in Parser::new_ext(&md, Options::ENABLE_TABLES) {
            match event {
                Event::Html(h) | Event::InlineHtml(h) => html_events.push(h.to_string()),
                Event::Start(Tag::Paragraph) => paragraphs += 1,
                _ => {}
            }
        }
        assert!(html_events.is_empty(), "{name}: raw HTML {html_events:?}");
        assert!(paragraphs > 10, "{name}");
    }
    // A cell's two paragraphs stay two paragraphs, after the table.
    let md = report(&example("thurrock"), "md");
    assert!(md.contains(
        "**Commentary on 1C (NI130)**\n\nPerformance at October again missed the profiled monthly target."
    ));
    assert!(md.contains("177 in April.\n\nThe year-end target of 55% is a challenging one."));
    // Lancashire's grades read as written once rendered, with no emphasis.
    let md = report(&example("lancashire"), "md");
    assert!(md.contains("5 GCSEs grades A\\*-C including English and maths"));
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, Parser::new_ext(&md, Options::ENABLE_TABLES));
    assert!(html.contains("grades A*-C including"));
    assert!(!html.contains("A<em>"));
}

/// A CSV workbook of `n` indicators, the first in focus with two periods of
/// History.
fn many(dir: &Path, n: usize) -> PathBuf {
    let wb = dir.join(format!("wb{n}"));
    std::fs::create_dir_all(&wb).unwrap();
    let mut rows = String::from("Ref,Indicator,Unit,Polarity,Actual,Target,In focus\n");
    for i in 0..n {
        rows.push_str(&format!(
            "I{i},Indicator {i},%,Higher,50,60,{}\n",
            if i == 0 { "yes" } else { "" }
        ));
    }
    std::fs::write(wb.join("indicators.csv"), rows).unwrap();
    std::fs::write(
        wb.join("history.csv"),
        "Ref,Period,Actual,Target\nI0,2012/13 Q1,40,60\nI0,2012/13 Q2,45,60\n",
    )
    .unwrap();
    std::fs::write(wb.join("report.csv"), "Key,Value\nPeriod,2012/13 Q3\n").unwrap();
    wb
}

#[test]
fn a_listing_of_thousands_draws_only_the_counts() {
    let dir = tempfile::tempdir().unwrap();
    let small = report(&many(dir.path(), 1_000), "html");
    assert!(
        small.contains("class=\"chart trend\""),
        "in focus, with History"
    );
    assert!(small.contains("class=\"chart sparkline\""));
    let large = report(&many(dir.path(), 1_001), "html");
    assert!(!large.contains("class=\"chart trend\""));
    assert!(!large.contains("class=\"chart sparkline\""));
    assert!(large.contains("class=\"chart rag-counts\""));
}

/// A CSV workbook from (file, contents) pairs.
fn csv_workbook(dir: &Path, name: &str, files: &[(&str, &str)]) -> PathBuf {
    let wb = dir.join(name);
    std::fs::create_dir_all(&wb).unwrap();
    for (file, text) in files {
        std::fs::write(wb.join(file), text).unwrap();
    }
    wb
}

fn chart_descs(html: &str, class: &str) -> Vec<String> {
    svgs(html)
        .into_iter()
        .filter(|s| s.contains(&format!("class=\"chart {class}\"")))
        .map(|s| parse(s).2)
        .collect()
}

#[test]
fn a_trend_sets_like_beside_like() {
    let dir = tempfile::tempdir().unwrap();
    // A cumulative indicator: last year's whole-year figures and this
    // year's quarters; one quarter given twice.
    let wb = csv_workbook(
        dir.path(),
        "trend",
        &[
            (
                "indicators.csv",
                "Ref,Indicator,Unit,Polarity,Cumulative,Actual,Target,In focus\nC1,Visits,Number,Higher,yes,450,440,yes\n",
            ),
            (
                "history.csv",
                "Ref,Period,Actual,Target\nC1,2010/11,580,600\nC1,2011/12,610,600\nC1,2012/13 Q1,150,140\nC1,2012/13 Q2,300,290\nC1,2012/13 Q2,999,290\n",
            ),
            ("report.csv", "Key,Value\nPeriod,2012/13 Q3\n"),
        ],
    );
    let html = report(&wb, "html");
    let trends = chart_descs(&html, "trend");
    assert!(!trends.is_empty());
    for desc in &trends {
        assert_eq!(
            desc,
            "Actual by period: 2012/13 Q1: 150 (target 140); 2012/13 Q2: 300 (target 290); \
             2012/13 Q3: 450 (target 440)."
        );
    }
}

#[test]
fn under_the_forecast_basis_the_trend_keeps_the_period_s_own_target() {
    let dir = tempfile::tempdir().unwrap();
    let wb = csv_workbook(
        dir.path(),
        "forecast",
        &[
            (
                "indicators.csv",
                "Ref,Indicator,Unit,Polarity,Actual,Target,Year end target,Forecast,In focus\nF1,Homes,Number,Higher,40,45,60,61,yes\n",
            ),
            ("history.csv", "Ref,Period,Actual,Target\nF1,2012/13 Q1,10,15\nF1,2012/13 Q2,25,30\n"),
            ("report.csv", "Key,Value\nPeriod,2012/13 Q3\n"),
            ("scorecard.toml", "[rag]\nbasis = \"forecast\"\n"),
        ],
    );
    let html = report(&wb, "html");
    let trends = chart_descs(&html, "trend");
    assert!(!trends.is_empty());
    assert!(
        trends[0].ends_with("2012/13 Q3: 40 (target 45)."),
        "{}",
        trends[0]
    );
}

#[test]
fn quartile_rules_never_contradict_the_printed_quartile() {
    let dir = tempfile::tempdir().unwrap();
    let files = |quartile: &str| -> Vec<(&'static str, String)> {
        vec![
            (
                "indicators.csv",
                format!("Ref,Indicator,Unit,Polarity,Actual,Target,Quartile\nB1,Satisfaction,%,Higher,50,60,{quartile}\n"),
            ),
            (
                "benchmarks.csv",
                "Ref,Comparator,Value\nB1,Aldshire,80\nB1,Brookton,75\nB1,Cowley,70\nB1,Dunmore,65\nB1,Eastvale,60\nB1,Fenby,58\nB1,Garth,55\n"
                    .to_string(),
            ),
            ("plans.csv", "Ref,Title,Why\nB1,Satisfaction,Survey results\n".to_string()),
            ("report.csv", "Key,Value\nPeriod,2012/13 Q3\nOrganisation,Hillshire\n".to_string()),
        ]
    };
    let rules = |quartile: &str, name: &str| {
        let owned = files(quartile);
        let borrowed: Vec<(&str, &str)> = owned.iter().map(|(f, t)| (*f, t.as_str())).collect();
        let html = report(&csv_workbook(dir.path(), name, &borrowed), "html");
        let chart = svgs(&html)
            .into_iter()
            .find(|s| s.contains("class=\"chart comparators\""))
            .unwrap()
            .to_string();
        chart.matches("stroke-dasharray=\"2 2\"").count()
    };
    // Ranked 8th of 8 and said to be bottom: the rules stand.
    assert_eq!(rules("", "agree"), 3);
    // The workbook says top quartile though the rank says bottom: no rules.
    assert_eq!(rules("1", "disagree"), 0);
}

#[test]
fn one_plan_for_two_indicators_is_one_plan() {
    let dir = tempfile::tempdir().unwrap();
    let wb = csv_workbook(
        dir.path(),
        "shared",
        &[
            (
                "indicators.csv",
                "Ref,Indicator,Unit,Polarity,Actual,Target\nA1,Alpha,%,Higher,50,60\nB1,Beta,%,Higher,40,60\n",
            ),
            ("plans.csv", "Ref,Title,Why\n\"A1, B1\",Both,Reasons\n"),
            ("report.csv", "Key,Value\nPeriod,2012/13 Q3\n"),
        ],
    );
    let md = report(&wb, "md");
    assert!(
        md.contains("The recovery plan for A1 and B1 is at Appendix A."),
        "{md}"
    );
}

#[test]
fn the_running_header_keeps_to_one_line_and_one_direction() {
    let dir = tempfile::tempdir().unwrap();
    let wb = csv_workbook(
        dir.path(),
        "header",
        &[
            ("indicators.csv", "Ref,Indicator,Unit,Polarity,Actual,Target\nA1,Alpha,%,Higher,50,60\n"),
            (
                "report.csv",
                "Key,Value\nPeriod,2012/13 Q3\nCommittee,\"Cabinet\nCommittee \u{202e}on\"\nMeeting date,14/06/2013\n",
            ),
        ],
    );
    let html = report(&wb, "html");
    assert!(
        html.contains("content: \"Cabinet Committee on \\002014  14 June 2013\";"),
        "{}",
        &html[html.find("@top-center").unwrap()..][..200]
    );
}
