//! The merged regions of an .xlsx sheet, found without parsing the sheet's XML
//! a second time.
//!
//! A sheet's `<mergeCells>` come after all its cell data, and calamine can only
//! reach them by parsing every cell again, which costs half as much as reading
//! the cells themselves. The regions are short tags, so here the sheet part is
//! inflated as a stream and searched for `<mergeCell ` tags (with or without a
//! namespace prefix), holding a few bytes at a time: a raw `<` appears in XML
//! only as markup, never inside text, so no cell's text can pose as a merge.
//!
//! Sheet names are mapped to parts through `xl/workbook.xml` and its
//! relationships; where that map cannot be made, the caller falls back to
//! calamine.

use super::MergedRegion;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;
use zip::ZipArchive;

/// At most this many merged regions are read from one sheet; a scorecard
/// has tens.
pub const MAX_MERGES: usize = 200_000;

/// The longest `<mergeCell …>` tag looked at, in bytes.
const MAX_TAG: usize = 4096;

/// The sheet parts of an .xlsx file, by sheet name.
pub struct XlsxMerges {
    zip: ZipArchive<BufReader<File>>,
    parts: HashMap<String, String>,
}

impl XlsxMerges {
    /// Opens the file a second time and maps each sheet name to its part.
    /// `None` when the map cannot be made (an unusual package layout).
    pub fn open(path: &Path) -> Option<XlsxMerges> {
        let file = File::open(path).ok()?;
        let mut zip = ZipArchive::new(BufReader::new(file)).ok()?;
        let workbook = read_small(&mut zip, "xl/workbook.xml")?;
        let rels = read_small(&mut zip, "xl/_rels/workbook.xml.rels")?;
        let targets = relationship_targets(&rels);
        let mut parts = HashMap::new();
        for (name, rid) in sheet_ids(&workbook) {
            if let Some(target) = targets.get(&rid) {
                parts.insert(name, part_path(target));
            }
        }
        Some(XlsxMerges { zip, parts })
    }

    /// The merged regions of a sheet; `None` when the sheet's part is unknown
    /// or cannot be read. The second value is true when [`MAX_MERGES`] was
    /// reached.
    pub fn regions(&mut self, sheet: &str) -> Option<(Vec<MergedRegion>, bool)> {
        let part = self.parts.get(sheet)?;
        let entry = self.zip.by_name(part).ok()?;
        scan(entry).ok()
    }
}

/// Reads a small part whole (capped at 64 MiB).
fn read_small(zip: &mut ZipArchive<BufReader<File>>, name: &str) -> Option<Vec<u8>> {
    let entry = zip.by_name(name).ok()?;
    let mut out = Vec::new();
    entry.take(64 << 20).read_to_end(&mut out).ok()?;
    Some(out)
}

/// An attribute's value, unescaped, by its local name (any prefix ignored).
fn attribute(e: &BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local)
            .then(|| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.into_owned())
            })
            .flatten()
    })
}

/// (sheet name, relationship id) of each `<sheet>` in workbook.xml.
fn sheet_ids(xml: &[u8]) -> Vec<(String, String)> {
    let mut reader = Reader::from_reader(xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "sheet" => {
                if let (Some(name), Some(rid)) = (attribute(&e, "name"), attribute(&e, "id")) {
                    out.push((name, rid));
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// Relationship id → target, from workbook.xml.rels.
fn relationship_targets(xml: &[u8]) -> HashMap<String, String> {
    let mut reader = Reader::from_reader(xml);
    let mut out = HashMap::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "Relationship" => {
                if let (Some(id), Some(target)) = (attribute(&e, "Id"), attribute(&e, "Target")) {
                    out.insert(id, target);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// The zip path of a relationship target: absolute (`/xl/worksheets/…`) or
/// relative to `xl/`.
fn part_path(target: &str) -> String {
    match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("xl/{target}"),
    }
}

/// Searches a sheet part for `<mergeCell ref="…">` tags.
fn scan(mut input: impl Read) -> std::io::Result<(Vec<MergedRegion>, bool)> {
    const NAME: &[u8] = b"mergeCell";
    let finder = memchr::memmem::Finder::new(NAME);
    let mut regions = Vec::new();
    let mut buf: Vec<u8> = Vec::with_capacity(1 << 17);
    let mut chunk = vec![0u8; 1 << 16];
    loop {
        let n = input.read(&mut chunk)?;
        let eof = n == 0;
        buf.extend_from_slice(chunk.get(..n).unwrap_or(&[]));
        let mut pos = 0;
        // Where the unconsumed bytes start: a tag not yet whole, or the tail
        // that could begin the next name.
        let mut keep = buf.len().saturating_sub(NAME.len() + 1);
        while let Some(off) = finder.find(buf.get(pos..).unwrap_or(&[])) {
            let at = pos + off;
            let after = at + NAME.len();
            let before = at.checked_sub(1).and_then(|i| buf.get(i)).copied();
            let Some(&next) = buf.get(after) else {
                keep = at.saturating_sub(1);
                break;
            };
            if !matches!(before, Some(b'<' | b':')) || !next.is_ascii_whitespace() {
                pos = at + 1;
                continue;
            }
            let rest = buf.get(after..).unwrap_or(&[]);
            match memchr::memchr(b'>', rest) {
                Some(end) if end <= MAX_TAG => {
                    let tag = buf.get(at..after + end).unwrap_or(&[]);
                    let tag = tag.strip_suffix(b"/").unwrap_or(tag);
                    let start = BytesStart::from_content(
                        String::from_utf8_lossy(tag).into_owned(),
                        NAME.len(),
                    );
                    if let Some(region) = attribute(&start, "ref").and_then(|r| parse_ref(&r)) {
                        if regions.len() == MAX_MERGES {
                            return Ok((regions, true));
                        }
                        regions.push(region);
                    }
                    pos = after + end + 1;
                    keep = keep.max(pos);
                }
                None if rest.len() <= MAX_TAG && !eof => {
                    keep = at.saturating_sub(1);
                    break;
                }
                _ => pos = at + 1,
            }
        }
        if eof {
            return Ok((regions, false));
        }
        buf.drain(..keep.min(buf.len()));
    }
}

/// `A1:C3` as ((row, column), (row, column)), 0-based.
fn parse_ref(text: &str) -> Option<MergedRegion> {
    let (a, b) = text.split_once(':')?;
    Some((parse_cell(a)?, parse_cell(b)?))
}

/// `C3` as (row, column), 0-based; `$` signs ignored.
fn parse_cell(text: &str) -> Option<(u32, u32)> {
    let text = text.trim().replace('$', "");
    let split = text.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = text.split_at(split);
    if letters.is_empty() || letters.len() > 3 || !letters.chars().all(|c| c.is_ascii_alphabetic())
    {
        return None;
    }
    let col = letters.bytes().try_fold(0u32, |acc, b| {
        acc.checked_mul(26)?
            .checked_add(u32::from(b.to_ascii_uppercase() - b'A') + 1)
    })?;
    let row: u32 = digits.parse().ok()?;
    Some((row.checked_sub(1)?, col.checked_sub(1)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_refs() {
        assert_eq!(parse_cell("A1"), Some((0, 0)));
        assert_eq!(parse_cell("$C$3"), Some((2, 2)));
        assert_eq!(parse_cell("AA10"), Some((9, 26)));
        assert_eq!(parse_cell("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(parse_cell("A0"), None);
        assert_eq!(parse_cell("1A"), None);
        assert_eq!(parse_cell("ABCD1"), None);
        assert_eq!(parse_ref("B2:B5"), Some(((1, 1), (4, 1))));
    }

    /// Reads one byte at a time, so every tag straddles a read.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            match (self.0.split_first(), out.first_mut()) {
                (Some((b, rest)), Some(o)) => {
                    *o = *b;
                    self.0 = rest;
                    Ok(1)
                }
                _ => Ok(0),
            }
        }
    }

    #[test]
    fn finds_merges_after_the_cells_only_in_markup() {
        let xml = br#"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lt;mergeCell ref="D1:D9"/&gt; mergeCell ref="E1:E9"</t></is></c></row></sheetData><mergeCells count="2"><mergeCell ref="A2:A4"/><x:mergeCell  ref='B1:C1' /></mergeCells></worksheet>"#;
        let expected = vec![((1, 0), (3, 0)), ((0, 1), (0, 2))];
        assert_eq!(scan(&xml[..]).unwrap(), (expected.clone(), false));
        assert_eq!(scan(Trickle(xml)).unwrap(), (expected, false));
    }

    #[test]
    fn an_unclosed_tag_is_skipped() {
        let xml = b"<mergeCells><mergeCell ref=\"A1:A2\"";
        assert_eq!(scan(&xml[..]).unwrap(), (vec![], false));
    }
}
