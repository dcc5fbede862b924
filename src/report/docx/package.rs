//! Finishing the Word file docx-rs writes.
//!
//! - A table's header row is marked to repeat on each page (`w:tblHeader`,
//!   which docx-rs has no builder for; the row is found by the shading
//!   [`word`](super::word) gives it).
//! - The document's title and language (en-GB) are set, for screen readers
//!   and Word's accessibility checker; no dates or author are written, so a
//!   workbook makes the same file each time.
//! - With a council's template (`--reference-doc`, pandoc's name and
//!   meaning), its styles replace the built-in ones of the same id (the
//!   others are kept, so nothing falls back to Normal), its theme (the fonts
//!   and colours its styles may name) comes along, and its page size and
//!   margins are used, turned for the landscape section.
//! - The archive is written again compressed, with fixed dates.

use super::word::Built;
use crate::error::{Error, Result};
use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use zip::write::SimpleFileOptions;

/// A header row as docx-rs writes it: a row that cannot split whose first
/// cell has the header's shading.
fn header_rows(document: &str) -> String {
    let row = |trpr: &str| {
        format!(
            "<w:tr><w:trPr><w:cantSplit />{trpr}</w:trPr><w:tc><w:tcPr><w:shd w:val=\"clear\" \
             w:color=\"auto\" w:fill=\"{}\" />",
            super::word::HEADER_FILL
        )
    };
    document.replace(&row(""), &row("<w:tblHeader />"))
}

/// The most a part of a reference document may hold once decompressed.
const PART_LIMIT: u64 = 32 << 20;

/// A council's Word template, read once for a run.
#[derive(Debug, Clone)]
pub struct Reference {
    path: PathBuf,
    styles: String,
    theme: Option<Vec<u8>>,
    page_size: Option<String>,
    page_margin: Option<String>,
}

fn reference_error(path: &Path, message: impl Into<String>) -> Error {
    Error::Template {
        template: path.display().to_string(),
        message: message.into(),
        source: None,
    }
}

/// One part of an archive, read up to [`PART_LIMIT`]; `None` if absent.
fn part<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
    path: &Path,
) -> Result<Option<Vec<u8>>> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(reference_error(path, format!("cannot read {name}: {e}"))),
    };
    let mut bytes = Vec::new();
    file.take(PART_LIMIT + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| reference_error(path, format!("cannot read {name}: {e}")))?;
    if bytes.len() as u64 > PART_LIMIT {
        return Err(reference_error(
            path,
            format!("{name} is larger than {} MiB", PART_LIMIT >> 20),
        ));
    }
    Ok(Some(bytes))
}

/// The first element `<w:NAME …/>` in the last section properties of a
/// document's XML.
fn last_section_element(document: &str, name: &str) -> Option<String> {
    let sect = &document[document.rfind("<w:sectPr")?..];
    let open = format!("<w:{name} ");
    let start = sect.find(&open)?;
    let end = sect[start..].find("/>")? + start + 2;
    Some(sect[start..end].to_string())
}

impl Reference {
    /// Reads the styles, theme and page of a Word document (`.docx` or
    /// `.dotx`).
    pub fn load(path: &Path) -> Result<Reference> {
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| reference_error(path, format!("is not a Word document (.docx): {e}")))?;
        let styles = part(&mut zip, "word/styles.xml", path)?
            .ok_or_else(|| reference_error(path, "is not a Word document: it has no styles"))?;
        let styles = String::from_utf8(styles)
            .map_err(|_| reference_error(path, "its styles are not UTF-8 XML"))?;
        if !styles.contains("</w:styles>") {
            return Err(reference_error(path, "its styles are not Word's"));
        }
        let theme = part(&mut zip, "word/theme/theme1.xml", path)?;
        let document = part(&mut zip, "word/document.xml", path)?
            .map(|d| String::from_utf8_lossy(&d).into_owned())
            .unwrap_or_default();
        Ok(Reference {
            path: path.to_path_buf(),
            styles,
            theme,
            page_size: last_section_element(&document, "pgSz"),
            page_margin: last_section_element(&document, "pgMar"),
        })
    }

    /// The file this was read from.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// The `<w:style …>…</w:style>` elements of a styles part, with their ids.
fn style_elements(styles: &str) -> Vec<(String, &str)> {
    let mut out = Vec::new();
    let mut rest = styles;
    let mut offset = 0;
    while let Some(start) = rest.find("<w:style ") {
        let from = offset + start;
        let Some(len) = styles[from..].find("</w:style>") else {
            break;
        };
        let element = &styles[from..from + len + "</w:style>".len()];
        let id = element
            .split_once("w:styleId=\"")
            .and_then(|(_, r)| r.split_once('"'))
            .map(|(id, _)| id.to_string())
            .unwrap_or_default();
        out.push((id, element));
        offset = from + element.len();
        rest = &styles[offset..];
    }
    out
}

/// The council's styles, with the built-in ones it does not define.
fn merge_styles(ours: &str, theirs: &str) -> String {
    let defined: std::collections::HashSet<String> = style_elements(theirs)
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let missing: String = style_elements(ours)
        .into_iter()
        .filter(|(id, _)| !defined.contains(id))
        .map(|(_, element)| element)
        .collect();
    match theirs.rfind("</w:styles>") {
        Some(end) => format!("{}{missing}{}", &theirs[..end], &theirs[end..]),
        None => theirs.to_string(),
    }
}

/// The language of the text, set in the styles' defaults.
fn with_language(styles: &str) -> String {
    const LANG: &str = "<w:lang w:val=\"en-GB\" w:eastAsia=\"en-GB\" w:bidi=\"ar-SA\" />";
    if let Some(at) = styles.find("<w:rPrDefault>") {
        if let Some(rpr) = styles[at..].find("<w:rPr>") {
            let insert = at + rpr + "<w:rPr>".len();
            let inside = &styles[insert..];
            let end = inside.find("</w:rPr>").unwrap_or(0);
            if !inside[..end].contains("<w:lang") {
                return format!("{}{LANG}{}", &styles[..insert], &styles[insert..]);
            }
        }
    }
    styles.to_string()
}

/// The page of the council's template in place of ours: its size (turned
/// where a section is landscape) and margins.
fn with_page(document: &str, reference: &Reference) -> String {
    let mut out = document.to_string();
    if let Some(size) = &reference.page_size {
        out = replace_elements(&out, "pgSz", |ours| {
            if ours.contains("w:orient=\"landscape\"") {
                landscape(size)
            } else {
                size.clone()
            }
        });
    }
    if let Some(margin) = &reference.page_margin {
        out = replace_elements(&out, "pgMar", |_| margin.clone());
    }
    out
}

/// A portrait page size turned to landscape (width and height swapped).
fn landscape(size: &str) -> String {
    let attr = |name: &str| {
        size.split_once(&format!("w:{name}=\""))
            .and_then(|(_, r)| r.split_once('"'))
            .map(|(v, _)| v.to_string())
    };
    match (attr("w"), attr("h")) {
        (Some(w), Some(h)) => {
            let (w, h) = match (w.parse::<u64>(), h.parse::<u64>()) {
                (Ok(a), Ok(b)) if a > b => (a.to_string(), b.to_string()),
                _ => (h, w),
            };
            format!("<w:pgSz w:w=\"{w}\" w:h=\"{h}\" w:orient=\"landscape\" />")
        }
        _ => size.to_string(),
    }
}

/// Every `<w:NAME …/>` element replaced by what `with` makes of it.
fn replace_elements(xml: &str, name: &str, with: impl Fn(&str) -> String) -> String {
    let open = format!("<w:{name} ");
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(start) = rest.find(&open) {
        let Some(len) = rest[start..].find("/>") else {
            break;
        };
        out.push_str(&rest[..start]);
        out.push_str(&with(&rest[start..start + len + 2]));
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    out
}

/// Paragraph ids numbered from 1 in the document's order: docx-rs counts
/// them per thread over the whole process, so the same workbook would
/// otherwise make different files in a batch.
fn renumber_paragraphs(document: &str) -> String {
    const ATTR: &str = "w14:paraId=\"";
    let mut out = String::with_capacity(document.len());
    let mut rest = document;
    let mut n = 0u32;
    while let Some(at) = rest.find(ATTR) {
        let value_start = at + ATTR.len();
        let Some(len) = rest[value_start..].find('"') else {
            break;
        };
        n += 1;
        out.push_str(&rest[..value_start]);
        // Word takes ids below 0x80000000.
        out.push_str(&format!("{:08X}", n & 0x7FFF_FFFF));
        rest = &rest[value_start + len..];
    }
    out.push_str(rest);
    out
}

/// Each picture numbered and given its alternative text (`descr`), which
/// docx-rs writes as `id="1" name="Figure"` for all.
fn describe_pictures(document: &str, alt: &[String]) -> String {
    const DOC_PR: &str = "<wp:docPr id=\"1\" name=\"Figure\" />";
    let mut out = String::with_capacity(document.len());
    let mut parts = document.split(DOC_PR);
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for (i, rest) in parts.enumerate() {
        let descr = alt.get(i).map(|a| xml_escape(a)).unwrap_or_default();
        out.push_str(&format!(
            "<wp:docPr id=\"{}\" name=\"Chart {}\" descr=\"{descr}\" />",
            i + 1,
            i + 1
        ));
        out.push_str(rest);
    }
    out
}

fn xml_escape(s: &str) -> String {
    s.chars()
        .filter(|&c| super::xml_char(c))
        .map(|c| match c {
            '&' => "&amp;".to_string(),
            '<' => "&lt;".to_string(),
            '>' => "&gt;".to_string(),
            '"' => "&quot;".to_string(),
            c => c.to_string(),
        })
        .collect()
}

/// The document's core properties: its title and language, and nothing
/// that changes from one run to the next.
fn core_properties(title: Option<&str>) -> String {
    let title = title.map(xml_escape).unwrap_or_default();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
         <dc:title>{title}</dc:title><dc:language>en-GB</dc:language></cp:coreProperties>"
    )
}

const THEME_PART: &str = "word/theme/theme1.xml";
const THEME_TYPE: &str =
    "<Override PartName=\"/word/theme/theme1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.theme+xml\"/>";
const THEME_REL: &str =
    "<Relationship Id=\"rIdScorecardTheme\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme\" Target=\"theme/theme1.xml\"/>";

fn insert_before(xml: &str, end_tag: &str, what: &str) -> String {
    match xml.rfind(end_tag) {
        Some(at) => format!("{}{what}{}", &xml[..at], &xml[at..]),
        None => xml.to_string(),
    }
}

fn write_error(e: impl std::fmt::Display) -> Error {
    Error::Output(std::io::Error::other(format!(
        "cannot write the Word file: {e}"
    )))
}

/// The finished Word file of a document.
pub fn finish(built: Built, title: Option<&str>, reference: Option<&Reference>) -> Result<Vec<u8>> {
    let Built { docx, alt } = built;
    let mut xml = docx.build();
    let document = describe_pictures(
        &renumber_paragraphs(&header_rows(&String::from_utf8_lossy(&xml.document))),
        &alt,
    );
    let document = match reference {
        Some(r) => with_page(&document, r),
        None => document,
    };
    xml.document = document.into_bytes();
    let ours = String::from_utf8_lossy(&xml.styles).into_owned();
    let styles = match reference {
        Some(r) => merge_styles(&ours, &r.styles),
        None => ours,
    };
    xml.styles = with_language(&styles).into_bytes();
    let theme = reference.and_then(|r| r.theme.clone());
    if theme.is_some() {
        xml.content_type = insert_before(
            &String::from_utf8_lossy(&xml.content_type),
            "</Types>",
            THEME_TYPE,
        )
        .into_bytes();
        xml.document_rels = insert_before(
            &String::from_utf8_lossy(&xml.document_rels),
            "</Relationships>",
            THEME_REL,
        )
        .into_bytes();
    }
    let mut packed = Cursor::new(Vec::new());
    xml.pack(&mut packed).map_err(write_error)?;

    // Written again: compressed, with fixed dates, the core properties ours.
    let mut zip = zip::ZipArchive::new(Cursor::new(packed.into_inner())).map_err(write_error)?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).map_err(write_error)?;
        if file.is_dir() {
            continue;
        }
        let name = file.name().map_err(write_error)?.to_string();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).map_err(write_error)?;
        if name == "docProps/core.xml" {
            bytes = core_properties(title).into_bytes();
        }
        out.start_file(name, options).map_err(write_error)?;
        out.write_all(&bytes).map_err(write_error)?;
    }
    if let Some(theme) = theme {
        out.start_file(THEME_PART, options).map_err(write_error)?;
        out.write_all(&theme).map_err(write_error)?;
    }
    Ok(out.finish().map_err(write_error)?.into_inner())
}

/// The document's XML (`word/document.xml`) of a Word file.
pub fn document_xml(docx: &[u8]) -> Result<String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).map_err(write_error)?;
    let mut file = zip.by_name("word/document.xml").map_err(write_error)?;
    let mut text = String::new();
    file.read_to_string(&mut text).map_err(write_error)?;
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_council_styles_win_and_ours_fill_the_gaps() {
        let ours = "<w:styles><w:style w:type=\"paragraph\" w:styleId=\"Normal\"><a/></w:style>\
                    <w:style w:type=\"paragraph\" w:styleId=\"Caption\"><b/></w:style></w:styles>";
        let theirs =
            "<?xml?><w:styles xmlns:w=\"x\"><w:style w:type=\"paragraph\" w:styleId=\"Normal\">\
                      <council/></w:style></w:styles>";
        let merged = merge_styles(ours, theirs);
        assert!(merged.contains("<council/>"));
        assert!(!merged.contains("<a/>"));
        assert!(merged.contains("w:styleId=\"Caption\"><b/>"));
        assert!(merged.ends_with("</w:styles>"));
    }

    #[test]
    fn a_landscape_section_turns_the_council_page() {
        assert_eq!(
            landscape("<w:pgSz w:w=\"12240\" w:h=\"15840\"/>"),
            "<w:pgSz w:w=\"15840\" w:h=\"12240\" w:orient=\"landscape\" />"
        );
        let doc = "<w:sectPr><w:pgSz w:w=\"1\" w:h=\"2\" /><w:pgMar w:top=\"1\" /></w:sectPr>\
                   <w:sectPr><w:pgSz w:w=\"2\" w:h=\"1\" w:orient=\"landscape\" /></w:sectPr>";
        let r = Reference {
            path: PathBuf::new(),
            styles: String::new(),
            theme: None,
            page_size: Some("<w:pgSz w:w=\"12240\" w:h=\"15840\"/>".to_string()),
            page_margin: Some("<w:pgMar w:top=\"720\"/>".to_string()),
        };
        let out = with_page(doc, &r);
        assert!(out.contains("<w:pgSz w:w=\"12240\" w:h=\"15840\"/><w:pgMar w:top=\"720\"/>"));
        assert!(out.contains("<w:pgSz w:w=\"15840\" w:h=\"12240\" w:orient=\"landscape\" />"));
    }

    #[test]
    fn the_title_is_escaped() {
        let core = core_properties(Some("Q4 <report> & \u{1}more"));
        assert!(core.contains("<dc:title>Q4 &lt;report&gt; &amp; more</dc:title>"));
        assert!(core.contains("<dc:language>en-GB</dc:language>"));
    }
}
