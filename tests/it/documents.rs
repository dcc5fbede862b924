//! The Word and PDF papers, read back: the Word document's XML (headings,
//! the table of ratings as words in shaded cells, repeating header rows,
//! the landscape Appendix B, page numbers, the council's styles carried
//! over) and the PDF's text and tags.

use crate::util::scorecard;
use std::io::Read;
use std::path::{Path, PathBuf};

fn examples() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut found = Vec::new();
    for dir in ["lancashire", "leicestershire", "thurrock"] {
        let dir = root.join(dir);
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            if e.path().extension().is_some_and(|x| x == "xlsx") {
                found.push(e.path());
            }
        }
    }
    assert_eq!(found.len(), 3);
    found
}

fn lancashire() -> PathBuf {
    examples()
        .into_iter()
        .find(|p| p.to_string_lossy().contains("lancashire"))
        .unwrap()
}

fn write(workbook: &Path, out: &Path, extra: &[&str]) {
    scorecard()
        .arg("report")
        .arg(workbook)
        .arg("-o")
        .arg(out)
        .args(extra)
        .assert()
        .code(0);
}

fn part(docx: &Path, name: &str) -> String {
    let file = std::fs::File::open(docx).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The text of each paragraph of a Word document's XML.
fn paragraphs(xml: &str) -> Vec<String> {
    xml.split("</w:p>")
        .map(|p| {
            let mut text = String::new();
            let mut rest = p;
            while let Some(start) = rest.find("<w:t") {
                let after = &rest[start..];
                // `<w:t>` or `<w:t …>`, not `<w:tc>`, `<w:tbl>` or `<w:tr>`.
                if !matches!(after.as_bytes().get(4), Some(b'>' | b' ')) {
                    rest = &after[4..];
                    continue;
                }
                let Some(open_end) = after.find('>') else {
                    break;
                };
                if after[..open_end].ends_with('/') {
                    rest = &after[open_end..];
                    continue;
                }
                let body = &after[open_end + 1..];
                let end = body.find("</w:t>").unwrap_or(body.len());
                text.push_str(&body[..end]);
                rest = &body[end..];
            }
            text.replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
        })
        .collect()
}

#[test]
fn every_example_is_a_word_paper() {
    let dir = tempfile::tempdir().unwrap();
    for workbook in examples() {
        let out = dir.path().join("paper.docx");
        write(&workbook, &out, &[]);
        let xml = part(&out, "word/document.xml");
        let name = workbook.display();
        let paras = paragraphs(&xml);
        for heading in ["Executive summary", "Recommendation", "Background"] {
            assert!(paras.iter().any(|p| p == heading), "{name}: {heading}");
        }
        assert!(xml.contains("<w:pStyle w:val=\"Heading1\" />"), "{name}");
        assert!(xml.contains("<w:pStyle w:val=\"Title\" />"), "{name}");
        // Appendix B (or A when there are no plans) is a landscape section
        // after a portrait one.
        assert!(
            paras
                .iter()
                .any(|p| p.starts_with("Appendix ") && p.ends_with("Scorecard")),
            "{name}"
        );
        let portrait = xml.find("<w:pgSz w:w=\"11906\" w:h=\"16838\" />").unwrap();
        let landscape = xml.rfind("w:orient=\"landscape\"").unwrap();
        assert!(portrait < landscape, "{name}");
        // Every table's header row repeats on each page.
        assert_eq!(
            xml.matches("<w:tbl>").count(),
            xml.matches("<w:tblHeader />").count() + 1,
            "{name}: every table but the details has a repeating header"
        );
        // Page numbers in the footer.
        let footer = part(&out, "word/footer1.xml");
        assert!(
            footer.contains("PAGE") && footer.contains("NUMPAGES"),
            "{name}"
        );
        // Title and language.
        let core = part(&out, "docProps/core.xml");
        assert!(
            core.contains("<dc:title>") && core.contains("en-GB"),
            "{name}"
        );
        assert!(
            part(&out, "word/styles.xml").contains("w:val=\"en-GB\""),
            "{name}"
        );
        // Every picture has its alternative text.
        let pictures = xml.matches("<wp:docPr ").count();
        assert_eq!(xml.matches(" descr=\"").count(), pictures, "{name}");
    }
}

#[test]
fn the_lancashire_word_paper_says_what_the_workbook_says() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("q4.docx");
    write(&lancashire(), &out, &[]);
    let xml = part(&out, "word/document.xml");
    let paras = paragraphs(&xml);
    assert!(
        paras.iter().any(|p| p.contains(
            "23 of the 35 rated indicators (66%) have met their year-end targets. 12 indicators \
             (34%) missed their year-end targets (Red)."
        )),
        "the summary sentence"
    );
    // Each rating is a word in a shaded cell: 12 Red and 23 Green in
    // Appendix B, besides the plans' tables and the key.
    let red_cells = xml
        .matches("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"B3261E\" />")
        .count();
    let green_cells = xml
        .matches("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"1B6B2F\" />")
        .count();
    // 12 in Appendix B, the plans' 7 indicators and the key.
    assert_eq!(red_cells, 20);
    // 23 in Appendix B and the key.
    assert_eq!(green_cells, 24);
    assert!(paras.iter().filter(|p| p.as_str() == "Red").count() >= red_cells);
    // Appendix A: each plan after the first starts a new page.
    let plans = paras
        .iter()
        .filter(|p| p.starts_with('A') && p.contains(". "))
        .count();
    assert!(plans >= 5);
    assert!(xml.matches("<w:pageBreakBefore />").count() >= 5);
    assert!(paras
        .iter()
        .any(|p| p == "What actions are required to put it back on track?"));
    // The same workbook makes the same file.
    let again = dir.path().join("again.docx");
    write(&lancashire(), &again, &[]);
    assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&again).unwrap());
}

#[test]
fn markdown_commentary_is_word_structure() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("q4.docx");
    write(
        &lancashire(),
        &out,
        &[
            "--set",
            "background=First **bold** and *italic*.\n\n- one\n- two\n\nSee [the plan](https://example.org/plan).",
        ],
    );
    let xml = part(&out, "word/document.xml");
    assert!(xml.contains("<w:b />") && xml.contains("<w:i />"));
    assert!(xml.contains("<w:numId w:val=\"10\" />"), "a bullet list");
    assert!(xml.contains("<w:hyperlink r:id=\"rIdHyperlink1\""));
    let rels = part(&out, "word/_rels/document.xml.rels");
    assert!(rels.contains("https://example.org/plan"));
    let paras = paragraphs(&xml);
    for p in ["First bold and italic.", "one", "two", "See the plan."] {
        assert!(paras.iter().any(|x| x == p), "{p}");
    }
}

/// A council's template: Georgia headings in dark red, US Letter pages.
fn council_template(path: &Path) {
    use docx_rs::{Docx, PageMargin, Paragraph, Run, RunFonts, Style, StyleType};
    let file = std::fs::File::create(path).unwrap();
    Docx::new()
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("heading 1")
                .fonts(RunFonts::new().ascii("Georgia").hi_ansi("Georgia"))
                .color("7A0019")
                .size(32),
        )
        .page_size(12_240, 15_840)
        .page_margin(PageMargin {
            top: 1440,
            left: 1800,
            bottom: 1440,
            right: 1800,
            header: 720,
            footer: 720,
            gutter: 0,
        })
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text("Template")))
        .build()
        .pack(file)
        .unwrap();
}

#[test]
fn a_reference_doc_gives_its_styles_and_page() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("council.docx");
    council_template(&template);
    let out = dir.path().join("q4.docx");
    write(
        &lancashire(),
        &out,
        &["--reference-doc", template.to_str().unwrap()],
    );
    let styles = part(&out, "word/styles.xml");
    let heading = styles
        .split("<w:style ")
        .find(|s| s.contains("w:styleId=\"Heading1\""))
        .unwrap();
    assert!(
        heading.contains("Georgia") && heading.contains("7A0019"),
        "{heading}"
    );
    assert_eq!(styles.matches("w:styleId=\"Heading1\"").count(), 1);
    // The built-in styles the template lacks are kept.
    assert!(styles.contains("w:styleId=\"Caption\""));
    let xml = part(&out, "word/document.xml");
    assert!(
        xml.contains("w:w=\"12240\" w:h=\"15840\""),
        "the template's page"
    );
    assert!(xml.contains("w:w=\"15840\" w:h=\"12240\" w:orient=\"landscape\""));
    assert!(xml.contains("w:left=\"1800\""), "the template's margins");

    // From the settings file too, relative to it.
    let book = dir.path().join("q4.xlsx");
    std::fs::copy(lancashire(), &book).unwrap();
    std::fs::write(
        dir.path().join("scorecard.toml"),
        "[report]\nreference_doc = \"council.docx\"\n",
    )
    .unwrap();
    let out2 = dir.path().join("q4-again.docx");
    write(&book, &out2, &[]);
    assert!(part(&out2, "word/styles.xml").contains("Georgia"));

    // Something that is not a Word document is refused, naming it.
    let bad = dir.path().join("bad.docx");
    std::fs::write(&bad, b"not a zip").unwrap();
    scorecard()
        .arg("report")
        .arg(lancashire())
        .arg("-o")
        .arg(dir.path().join("x.docx"))
        .arg("--reference-doc")
        .arg(&bad)
        .assert()
        .failure()
        .stderr(predicates::str::contains("bad.docx"))
        .stderr(predicates::str::contains("is not a Word document"));
    assert!(!dir.path().join("x.docx").exists());
}

#[cfg(feature = "pdf")]
#[test]
fn the_pdf_is_tagged_with_the_same_text() {
    let dir = tempfile::tempdir().unwrap();
    for workbook in examples() {
        let out = dir.path().join("paper.pdf");
        write(&workbook, &out, &[]);
        let bytes = std::fs::read(&out).unwrap();
        let name = workbook.display();
        assert!(bytes.starts_with(b"%PDF-"), "{name}");
        let raw = String::from_utf8_lossy(&bytes);
        // Tagged, with a structure tree, its language and PDF/UA-1 named.
        assert!(raw.contains("/MarkInfo"), "{name}");
        assert!(raw.contains("/StructTreeRoot"), "{name}");
        assert!(
            raw.contains("/Lang(en-GB)") || raw.contains("/Lang (en-GB)"),
            "{name}"
        );
        assert!(raw.contains("pdfuaid:part"), "{name}");
        // Every font embedded.
        assert!(
            raw.contains("/FontFile2") || raw.contains("/FontFile3"),
            "{name}"
        );
        let text = pdf_extract::extract_text_from_mem(&bytes).unwrap();
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(text.contains("Executive summary"), "{name}");
        assert!(text.contains("Page 1 of"), "{name}");
        if name.to_string().contains("lancashire") {
            assert!(
                text.contains(
                    "23 of the 35 rated indicators (66%) have met their year-end targets"
                ),
                "{text}"
            );
            assert!(text.contains("Appendix A — Recovery plans"));
            assert!(text.contains("Appendix B — Scorecard"));
        }
    }
}

#[cfg(feature = "pdf")]
#[test]
fn batch_writes_word_and_pdf_and_appendices() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::copy(lancashire(), input.join("q4.xlsx")).unwrap();
    for format in ["docx", "pdf"] {
        let out = dir.path().join(format);
        scorecard()
            .args(["batch", "--format", format, "--what", "both", "--out"])
            .arg(&out)
            .arg(&input)
            .assert()
            .code(0);
        let manifest = std::fs::read_to_string(out.join("manifest.json")).unwrap();
        for file in [format!("q4.{format}"), format!("q4-appendix.{format}")] {
            let path = out.join("in").join(&file);
            let bytes = std::fs::read(&path).unwrap();
            // The file itself, whole, as `report -o` writes it.
            if format == "docx" {
                assert!(bytes.starts_with(b"PK"), "{file}");
                let xml = part(&path, "word/document.xml");
                assert!(
                    paragraphs(&xml).iter().any(|p| p.starts_with("A1. ")),
                    "{file}"
                );
            } else {
                assert!(bytes.starts_with(b"%PDF-"), "{file}");
                let text = pdf_extract::extract_text_from_mem(&bytes).unwrap();
                assert!(text.contains("Recovery plans"), "{file}");
            }
            // The manifest holds the hash of the bytes written.
            let hash = scorecard::jobs::fingerprint::bytes(&bytes);
            assert!(manifest.contains(&hash), "{file}: {manifest}");
        }
        let single = dir.path().join(format!("single.{format}"));
        write(&input.join("q4.xlsx"), &single, &[]);
        assert_eq!(
            std::fs::read(&single).unwrap(),
            std::fs::read(out.join("in").join(format!("q4.{format}"))).unwrap(),
            "batch writes what report writes"
        );
    }
}

/// Whether `xml` is well-formed (every tag closed, every attribute quoted).
fn well_formed(xml: &str) -> bool {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut depth = 0i64;
    loop {
        match reader.read_event() {
            Err(_) => return false,
            Ok(quick_xml::events::Event::Eof) => return depth == 0,
            Ok(quick_xml::events::Event::Start(_)) => depth += 1,
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(_) => {}
        }
    }
}

#[test]
fn hostile_markdown_cannot_break_the_word_file() {
    let dir = tempfile::tempdir().unwrap();
    let background =
        "[a](https://e.org/a\"b) [b](https://e.org/\\<x\\>) [c](https://e.org/?x=1&y=2) \
                      [d](https://d.org) x &#1; y &#xFFFE; z \u{202E}321\u{202C}";
    let out = dir.path().join("q.docx");
    write(
        &lancashire(),
        &out,
        &["--set", &format!("background={background}")],
    );
    let xml = part(&out, "word/document.xml");
    let rels = part(&out, "word/_rels/document.xml.rels");
    assert!(well_formed(&xml) && well_formed(&rels), "{rels}");
    assert!(!xml.contains('\u{1}') && !xml.contains('\u{FFFE}') && !xml.contains('\u{202E}'));
    assert!(rels.contains("Target=\"https://e.org/a%22b\""), "{rels}");
    assert!(
        rels.contains("Target=\"https://e.org/?x=1&amp;y=2\""),
        "{rels}"
    );
    // With several links the file is still the same each time.
    let again = dir.path().join("again.docx");
    for _ in 0..3 {
        write(
            &lancashire(),
            &again,
            &["--set", &format!("background={background}")],
        );
        assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&again).unwrap());
    }
}

#[test]
fn a_damaged_reference_doc_is_refused_naming_it() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let docx = |name: &str, parts: &[(&str, &str)]| {
        let path = dir.path().join(name);
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
        for (part, text) in parts {
            zip.start_file(*part, zip::write::SimpleFileOptions::default())
                .unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
        path
    };
    let styles = "<w:styles xmlns:w=\"w\"><w:style w:styleId=\"Normal\"/></w:styles>";
    let cases = [
        (
            docx("nostyles.docx", &[("word/document.xml", "<w:document/>")]),
            "has no styles",
        ),
        (
            docx(
                "badstyles.docx",
                &[("word/styles.xml", "not xml </w:styles> <<<&&&")],
            ),
            "not Word's XML",
        ),
        (
            docx(
                "badtheme.docx",
                &[
                    ("word/styles.xml", styles),
                    ("word/theme/theme1.xml", "<a:theme><"),
                ],
            ),
            "is not XML",
        ),
        (dir.path().to_path_buf(), "not a file"),
    ];
    for (bad, message) in cases {
        let out = dir.path().join("x.docx");
        scorecard()
            .arg("report")
            .arg(lancashire())
            .arg("-o")
            .arg(&out)
            .arg("--reference-doc")
            .arg(&bad)
            .assert()
            .code(2)
            .stderr(predicates::str::contains(bad.display().to_string()))
            .stderr(predicates::str::contains(message));
        assert!(!out.exists());
    }
    // A template whose last section is landscape still gives a portrait
    // paper with a landscape Appendix B; a page it gives oddly is not taken.
    let landscape = docx(
        "landscape.docx",
        &[
            ("word/styles.xml", styles),
            (
                "word/document.xml",
                "<w:document><w:body><w:sectPr><w:pgSz w:w=\"15840\" w:h=\"12240\" \
                 w:orient=\"landscape\"></w:pgSz><w:pgMar w:top=\"oops\" w:left=\"900\"/>\
                 </w:sectPr></w:body></w:document>",
            ),
        ],
    );
    let out = dir.path().join("ok.docx");
    write(
        &lancashire(),
        &out,
        &["--reference-doc", landscape.to_str().unwrap()],
    );
    let xml = part(&out, "word/document.xml");
    assert!(well_formed(&xml));
    assert!(
        xml.contains("<w:pgSz w:w=\"12240\" w:h=\"15840\" />"),
        "portrait first"
    );
    assert!(xml.contains("<w:pgSz w:w=\"15840\" w:h=\"12240\" w:orient=\"landscape\" />"));
    assert!(xml.contains("w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"900\""));
    let styles_out = part(&out, "word/styles.xml");
    assert!(well_formed(&styles_out));
    assert_eq!(styles_out.matches("w:styleId=\"Normal\"").count(), 1);
}

#[cfg(feature = "pdf")]
#[test]
fn the_pdf_prints_what_its_fonts_cannot_show_as_a_replacement() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("q.pdf");
    write(
        &lancashire(),
        &out,
        &[
            "--set",
            "background=Thanks 👍 from Cllr 王伟, Ŵales.",
            "--set",
            "committee=Cabinet 👍",
            "--set",
            "title=  ",
        ],
    );
    let text = pdf_extract::extract_text_from_mem(&std::fs::read(&out).unwrap()).unwrap();
    assert!(
        text.contains("Thanks \u{FFFD} from Cllr \u{FFFD}\u{FFFD}, Ŵales."),
        "{text}"
    );
    assert!(
        text.contains("Performance report for"),
        "an empty title is no title"
    );
}
