//! Cell text is untrusted: whatever a workbook holds, the report carries no
//! script, event handler, `javascript:` link, frame or external resource.

use crate::util::C::*;
use crate::util::*;

const ATTACKS: &[&str] = &[
    "<script>alert(1)</script>",
    "<iframe src=\"https://evil.example/\"></iframe>",
    "<img src=x onerror=alert(1)>",
    "[click me](javascript:alert(1))",
    "<img src=http://tracker.example/pixel.gif>",
    "![pixel](http://tracker.example/pixel.gif)",
    "<a href=\"javascript:alert(1)\">link</a>",
    "<svg onload=alert(1)>",
    "<style>body{display:none}</style><link rel=stylesheet href=http://evil.example/x.css>",
];

/// Every real tag of an HTML document, lower-cased, without the brackets.
fn tags(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        out.push(rest[..end].to_ascii_lowercase());
        rest = &rest[end..];
    }
    out
}

fn assert_harmless(html: &str, what: &str) {
    let mut style_tags = 0;
    for tag in tags(html) {
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if name == "style" && !tag.starts_with('/') {
            style_tags += 1;
        }
        // The report's own charts are SVG, drawn by the tool and never from
        // cell markup: each opens the same way, and nothing else may.
        if name == "svg" && !tag.starts_with('/') {
            assert!(
                tag.starts_with("svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart ")
                    && tag.contains("role=\"img\""),
                "{what}: <{tag}> in the report"
            );
        }
        assert!(
            ![
                "script",
                "iframe",
                "img",
                "object",
                "embed",
                "link",
                "frame",
                "foreignobject",
                "image",
                "use",
                "a"
            ]
            .contains(&name.as_str())
                || (name == "a" && !tag.contains("javascript")),
            "{what}: <{tag}> in the report"
        );
        for attr in tag.split_whitespace().skip(1) {
            assert!(!attr.starts_with("on"), "{what}: event handler in <{tag}>");
            assert!(
                !attr.starts_with("src="),
                "{what}: external source in <{tag}>"
            );
            assert!(
                !attr.contains("javascript:"),
                "{what}: javascript link in <{tag}>"
            );
            if let Some(url) = attr.strip_prefix("href=") {
                let url = url.trim_matches('"');
                assert!(
                    url.starts_with("https://")
                        || url.starts_with("http://")
                        || url.starts_with('#'),
                    "{what}: link {url}"
                );
            }
        }
    }
    assert!(
        style_tags <= 1,
        "{what}: a <style> from the workbook got through"
    );
    assert!(!html.contains("url("), "{what}: a CSS url() could fetch");
}

fn workbook(dir: &std::path::Path, attack: &'static str) -> std::path::PathBuf {
    xlsx(
        dir,
        "attack.xlsx",
        &[
            (
                "Report",
                vec![
                    vec![T("Organisation"), T(attack)],
                    vec![T("Committee"), T(attack)],
                    vec![T("Title"), T(attack)],
                    vec![T("Venue"), T(attack)],
                    vec![T("Contact"), T(attack)],
                    vec![T("Recommendations"), T(attack)],
                    vec![T("Background"), T(attack)],
                    vec![T("Risk management"), T(attack)],
                    vec![T("Background papers"), T(attack)],
                    vec![T("Anything else"), T(attack)],
                ],
            ),
            (
                "Indicators",
                vec![
                    vec![
                        T("Theme"),
                        T("Outcome"),
                        T("Ref"),
                        T("Indicator"),
                        T("Description"),
                        T("Polarity"),
                        T("Actual"),
                        T("Target"),
                        T("Commentary"),
                        T("Note"),
                        T("In focus"),
                    ],
                    vec![
                        T(attack),
                        T(attack),
                        T("X1"),
                        T(attack),
                        T(attack),
                        T("Higher"),
                        N(1.0),
                        N(2.0),
                        T(attack),
                        T(attack),
                        T("Yes"),
                    ],
                    vec![
                        T(attack),
                        T(attack),
                        T(attack),
                        T("Status"),
                        E,
                        T("Higher"),
                        T(attack),
                        N(2.0),
                        E,
                        E,
                        E,
                    ],
                ],
            ),
            (
                "Recovery plans",
                vec![
                    vec![T("Ref"), T("Title"), T("Why"), T("Comparative data")],
                    vec![T("X1"), T(attack), T(attack), T(attack)],
                ],
            ),
            (
                "Actions",
                vec![
                    vec![T("Ref"), T("Action"), T("Lead"), T("Due"), T("Status")],
                    vec![T("X1"), T(attack), T(attack), T(attack), T(attack)],
                ],
            ),
            (
                "Benchmarks",
                vec![
                    vec![T("Ref"), T("Comparator"), T("Value")],
                    vec![T("X1"), T(attack), N(3.0)],
                ],
            ),
        ],
    )
}

#[test]
fn no_text_field_can_inject_into_html_or_markdown() {
    for attack in ATTACKS {
        let dir = tempfile::tempdir().unwrap();
        let path = workbook(dir.path(), attack);
        let html = scorecard()
            .args(["report", "--format", "html"])
            .arg(&path)
            .assert()
            .code(0)
            .get_output()
            .stdout
            .clone();
        let html = String::from_utf8(html).unwrap();
        assert_harmless(&html, &format!("HTML with {attack}"));

        let md = scorecard()
            .args(["report", "--format", "md"])
            .arg(&path)
            .assert()
            .code(0)
            .get_output()
            .stdout
            .clone();
        let md = String::from_utf8(md).unwrap();
        // Rendered as a Markdown viewer would, nothing harmful comes back.
        let mut rendered = String::new();
        pulldown_cmark::html::push_html(&mut rendered, pulldown_cmark::Parser::new(&md));
        assert_harmless(
            &format!("<style>{rendered}"),
            &format!("Markdown with {attack}"),
        );
        assert!(
            !md.contains("!["),
            "Markdown with {attack}: an image survived"
        );
    }
}
