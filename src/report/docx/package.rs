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
use std::path::Path;
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

/// The largest reference document read.
const FILE_LIMIT: u64 = 64 << 20;

/// A council's Word template, read once for a run.
#[derive(Debug, Clone)]
pub struct Reference {
    styles: String,
    theme: Option<Vec<u8>>,
    page: Option<Page>,
}

/// The page of a council's template: its size (portrait: width below
/// height) and margins, in twentieths of a point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Page {
    width: u32,
    height: u32,
    /// Top, right, bottom, left, header, footer, gutter.
    margins: [i32; 7],
}

const MARGIN_NAMES: [&str; 7] = [
    "top", "right", "bottom", "left", "header", "footer", "gutter",
];

impl Page {
    fn size(&self, landscape: bool) -> String {
        if landscape {
            format!(
                "<w:pgSz w:w=\"{}\" w:h=\"{}\" w:orient=\"landscape\" />",
                self.height, self.width
            )
        } else {
            format!("<w:pgSz w:w=\"{}\" w:h=\"{}\" />", self.width, self.height)
        }
    }

    fn margin(&self) -> String {
        let mut out = String::from("<w:pgMar");
        for (name, value) in MARGIN_NAMES.iter().zip(self.margins) {
            out.push_str(&format!(" w:{name}=\"{value}\""));
        }
        out.push_str(" />");
        out
    }
}

fn reference_error(path: &Path, message: impl Into<String>) -> Error {
    Error::Config {
        path: path.to_path_buf(),
        message: message.into(),
        source: None,
    }
}

/// Whether `xml` is well-formed XML (a council's styles or theme copied in
/// must not make the document unreadable).
fn well_formed(xml: &[u8]) -> bool {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut depth = 0usize;
    loop {
        match reader.read_event_into(&mut buf) {
            Err(_) => return false,
            Ok(quick_xml::events::Event::Eof) => return depth == 0,
            Ok(quick_xml::events::Event::Start(_)) => depth += 1,
            Ok(quick_xml::events::Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(_) => {}
        }
        buf.clear();
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

/// The attributes of the first `<w:NAME …>` tag in `xml`, as written.
fn tag_attributes<'a>(xml: &'a str, name: &str) -> Option<&'a str> {
    let open = format!("<w:{name} ");
    let start = xml.find(&open)? + open.len();
    let end = xml[start..].find('>')? + start;
    Some(&xml[start..end])
}

/// An attribute `w:NAME="…"` of a tag's attributes, as an integer.
fn number<T: std::str::FromStr>(attributes: &str, name: &str) -> Option<T> {
    let key = format!("w:{name}=\"");
    let start = attributes.find(&key)? + key.len();
    let len = attributes[start..].find('"')?;
    attributes[start..start + len].trim().parse().ok()
}

/// The page of the last section of a document's XML, when it gives a
/// sensible size (margins it does not give are 2 cm, and the header and
/// footer 1 cm).
fn last_page(document: &str) -> Option<Page> {
    let sect = &document[document.rfind("<w:sectPr")?..];
    let size = tag_attributes(sect, "pgSz")?;
    let (w, h): (u32, u32) = (number(size, "w")?, number(size, "h")?);
    let sensible = 1_440..=31_680;
    if !sensible.contains(&w) || !sensible.contains(&h) {
        return None;
    }
    let mut margins = [1_134, 1_134, 1_134, 1_134, 567, 567, 0];
    if let Some(m) = tag_attributes(sect, "pgMar") {
        for (slot, name) in margins.iter_mut().zip(MARGIN_NAMES) {
            if let Some(v) = number::<i32>(m, name).filter(|v| v.abs() <= 15_840) {
                *slot = v;
            }
        }
    }
    Some(Page {
        width: w.min(h),
        height: w.max(h),
        margins,
    })
}

impl Reference {
    /// Reads the styles, theme and page of a Word document (`.docx` or
    /// `.dotx`).
    pub fn load(path: &Path) -> Result<Reference> {
        let io = |source| Error::Io {
            path: path.to_path_buf(),
            source,
        };
        let metadata = std::fs::metadata(path).map_err(io)?;
        if !metadata.is_file() {
            return Err(reference_error(
                path,
                "is not a Word document (.docx): not a file",
            ));
        }
        if metadata.len() > FILE_LIMIT {
            return Err(reference_error(
                path,
                format!(
                    "is larger than {} MiB, too large for a Word template",
                    FILE_LIMIT >> 20
                ),
            ));
        }
        let mut bytes = Vec::new();
        std::fs::File::open(path)
            .map_err(io)?
            .take(FILE_LIMIT + 1)
            .read_to_end(&mut bytes)
            .map_err(io)?;
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| reference_error(path, format!("is not a Word document (.docx): {e}")))?;
        let styles = part(&mut zip, "word/styles.xml", path)?
            .ok_or_else(|| reference_error(path, "is not a Word document: it has no styles"))?;
        let styles = String::from_utf8(styles)
            .map_err(|_| reference_error(path, "its styles are not UTF-8 XML"))?;
        if !styles.contains("</w:styles>") || !well_formed(styles.as_bytes()) {
            return Err(reference_error(
                path,
                "its styles (word/styles.xml) are not Word's XML",
            ));
        }
        let theme = part(&mut zip, "word/theme/theme1.xml", path)?;
        if theme.as_deref().is_some_and(|t| !well_formed(t)) {
            return Err(reference_error(
                path,
                "its theme (word/theme/theme1.xml) is not XML",
            ));
        }
        let document = part(&mut zip, "word/document.xml", path)?
            .map(|d| String::from_utf8_lossy(&d).into_owned())
            .unwrap_or_default();
        Ok(Reference {
            styles,
            theme,
            page: last_page(&document),
        })
    }
}

/// The `<w:style …>…</w:style>` elements of a styles part, with their ids.
fn style_elements(styles: &str) -> Vec<(String, &str)> {
    let mut out = Vec::new();
    let mut rest = styles;
    let mut offset = 0;
    while let Some(start) = rest.find("<w:style ") {
        let from = offset + start;
        let Some(tag_end) = styles[from..].find('>') else {
            break;
        };
        // `<w:style …/>` is a whole element; else it runs to its end tag.
        let len = if styles[from..from + tag_end].ends_with('/') {
            tag_end + 1
        } else {
            match styles[from..].find("</w:style>") {
                Some(len) => len + "</w:style>".len(),
                None => break,
            }
        };
        let element = &styles[from..from + len];
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

/// Each style defined once, by its last definition: docx-rs writes a
/// Normal style of its own before the one this report defines, and Word
/// takes the first of two.
fn dedupe_styles(styles: &str) -> String {
    let elements = style_elements(styles);
    let mut out = styles.to_string();
    for (i, (id, element)) in elements.iter().enumerate() {
        if elements[i + 1..].iter().any(|(later, _)| later == id) {
            out = out.replacen(element, "", 1);
        }
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
fn with_page(document: &str, page: &Page) -> String {
    let sized = replace_elements(document, "pgSz", |ours| {
        page.size(ours.contains("w:orient=\"landscape\""))
    });
    replace_elements(&sized, "pgMar", |_| page.margin())
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

/// The relationships in the order of their ids: docx-rs lists the links'
/// from a hash map, in an order that changes from run to run.
fn sort_relationships(rels: &str) -> String {
    let (Some(first), Some(end)) = (rels.find("<Relationship "), rels.rfind("</Relationships>"))
    else {
        return rels.to_string();
    };
    if end < first {
        return rels.to_string();
    }
    let mut elements: Vec<&str> = rels[first..end]
        .split_inclusive("/>")
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .collect();
    if !elements
        .iter()
        .all(|e| e.starts_with("<Relationship ") && e.ends_with("/>"))
    {
        return rels.to_string();
    }
    let id = |e: &str| {
        e.split_once("Id=\"")
            .and_then(|(_, r)| r.split_once('"'))
            .map(|(id, _)| id.to_string())
            .unwrap_or_default()
    };
    elements.sort_by_key(|e| id(e));
    format!("{}{}{}", &rels[..first], elements.concat(), &rels[end..])
}

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
    let document = match reference.and_then(|r| r.page.as_ref()) {
        Some(page) => with_page(&document, page),
        None => document,
    };
    xml.document = document.into_bytes();
    let ours = dedupe_styles(&String::from_utf8_lossy(&xml.styles));
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
    xml.document_rels =
        sort_relationships(&String::from_utf8_lossy(&xml.document_rels)).into_bytes();
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
        // The template's last section is landscape, written as an element
        // with an end tag: its page is still read, portrait first.
        let template = "<w:body><w:sectPr><w:pgSz w:h=\"12240\" w:w=\"15840\" \
                        w:orient=\"landscape\"></w:pgSz><w:pgMar w:top=\"720\" w:left=\"x\"/>\
                        </w:sectPr></w:body>";
        let page = last_page(template).unwrap();
        assert_eq!((page.width, page.height), (12_240, 15_840));
        assert_eq!(page.margins, [720, 1_134, 1_134, 1_134, 567, 567, 0]);
        let doc = "<w:sectPr><w:pgSz w:w=\"1\" w:h=\"2\" /><w:pgMar w:top=\"1\" /></w:sectPr>\
                   <w:sectPr><w:pgSz w:w=\"2\" w:h=\"1\" w:orient=\"landscape\" /></w:sectPr>";
        let out = with_page(doc, &page);
        assert!(out.contains(
            "<w:pgSz w:w=\"12240\" w:h=\"15840\" /><w:pgMar w:top=\"720\" w:right=\"1134\""
        ));
        assert!(out.contains("<w:pgSz w:w=\"15840\" w:h=\"12240\" w:orient=\"landscape\" />"));
        // Nonsense sizes are not taken.
        assert!(last_page("<w:sectPr><w:pgSz w:w=\"1\" w:h=\"99999999\"/></w:sectPr>").is_none());
    }

    #[test]
    fn styles_are_defined_once_and_self_closing_ones_are_whole() {
        let ours = "<w:styles><w:style w:styleId=\"Normal\"><a/></w:style>\
                    <w:style w:styleId=\"Title\"><t/></w:style>\
                    <w:style w:styleId=\"Normal\"><b/></w:style></w:styles>";
        let deduped = dedupe_styles(ours);
        assert_eq!(deduped.matches("w:styleId=\"Normal\"").count(), 1);
        assert!(deduped.contains("<b/>") && !deduped.contains("<a/>"));
        let theirs = "<w:styles><w:style w:styleId=\"Title\"/><w:style w:styleId=\"X\"><x/></w:style></w:styles>";
        let ids: Vec<String> = style_elements(theirs)
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        assert_eq!(ids, ["Title", "X"]);
        let merged = merge_styles(&deduped, theirs);
        assert_eq!(merged.matches("w:styleId=\"Title\"").count(), 1);
    }

    #[test]
    fn relationships_are_in_the_order_of_their_ids() {
        let rels = "<?xml?><Relationships x=\"y\"><Relationship Id=\"rIdHyperlink2\" T=\"b\" />\
                    <Relationship Id=\"rId1\" T=\"a\" /><Relationship Id=\"rIdHyperlink1\" T=\"c\" />\
                    </Relationships>";
        let sorted = sort_relationships(rels);
        let a = sorted.find("\"rId1\"").unwrap();
        let b = sorted.find("\"rIdHyperlink1\"").unwrap();
        let c = sorted.find("\"rIdHyperlink2\"").unwrap();
        assert!(a < b && b < c, "{sorted}");
        assert!(sorted.ends_with("</Relationships>"));
        assert!(well_formed(b"<a><b/></a>") && !well_formed(b"<a><b></a>") && !well_formed(b"<a>"));
    }

    #[test]
    fn the_title_is_escaped() {
        let core = core_properties(Some("Q4 <report> & \u{1}more"));
        assert!(core.contains("<dc:title>Q4 &lt;report&gt; &amp; more</dc:title>"));
        assert!(core.contains("<dc:language>en-GB</dc:language>"));
    }
}
