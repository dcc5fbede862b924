//! Which cells of an OpenDocument spreadsheet hold percentages.
//!
//! calamine reads an ods percentage cell as its stored fraction (0.551) and does
//! not say that it was a percentage. This light second pass streams `content.xml`
//! and records every cell whose `office:value-type` is `percentage`, positioned
//! as calamine positions them (repeated rows and columns expanded, covered cells
//! counted), so the value parser can read 0.551 as 55.1.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

/// A rectangle of cells: rows `r0..r1`, columns `c0..c1` (0-based, end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rect {
    r0: u32,
    r1: u32,
    c0: u32,
    c1: u32,
}

/// The percentage cells of each sheet.
#[derive(Debug, Default, Clone)]
pub struct PercentCells {
    by_sheet: HashMap<String, Vec<Rect>>,
    /// The most cells in any one sheet's grid as the spreadsheet library will
    /// allocate it: the rectangle around every cell that holds something,
    /// repeated rows and columns spelled out (the empty rows a spreadsheet
    /// program repeats to the end of a sheet fall outside it).
    pub largest_sheet_cells: u64,
    /// The name of that sheet.
    pub largest_sheet: String,
    /// The cells of every sheet's grid together: the library holds them all.
    pub all_sheets_cells: u64,
    /// The bytes of text in every sheet's cells, each repeated cell's text
    /// counted as often as the library spells it out.
    pub all_sheets_text: u64,
}

impl PercentCells {
    /// True when the cell at (row, col) of `sheet` is a percentage.
    ///
    /// A look-up is two binary searches: the rectangles are sorted by row,
    /// then column, and a table's rows (and a row's cells) never overlap, so
    /// the only candidate is the last rectangle of the last row group that
    /// starts at or before `row`, among those starting at or before `col`.
    pub fn contains(&self, sheet: &str, row: u32, col: u32) -> bool {
        let Some(rects) = self.by_sheet.get(sheet) else {
            return false;
        };
        let end = rects.partition_point(|r| r.r0 <= row);
        let Some(group_r0) = end.checked_sub(1).and_then(|i| rects.get(i)).map(|r| r.r0) else {
            return false;
        };
        let start = rects.partition_point(|r| r.r0 < group_r0);
        let group = rects.get(start..end).unwrap_or(&[]);
        let at = group.partition_point(|r| r.c0 <= col);
        at.checked_sub(1)
            .and_then(|i| group.get(i))
            .is_some_and(|r| (r.r0..r.r1).contains(&row) && (r.c0..r.c1).contains(&col))
    }
}

/// Reads the percentage cells of an .ods file.
pub fn percent_cells(path: &Path) -> Result<PercentCells, String> {
    let file = File::open(path).map_err(|e| e.to_string())?;
    let mut archive = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| {
        format!("it is not a valid OpenDocument file (it may be another kind of file renamed, or damaged): {e}")
    })?;
    let entry = archive
        .by_name("content.xml")
        .map_err(|e| format!("it has no content.xml: {e}"))?;
    parse_content(BufReader::new(entry))
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| a.value.into_owned())
}

fn repeats(e: &BytesStart<'_>, name: &str) -> u32 {
    attr(e, name)
        .and_then(|v| v.trim().parse::<u32>().ok())
        .unwrap_or(1)
        .max(1)
}

/// Parses `content.xml`, recording percentage cells by sheet.
pub(crate) fn parse_content<R: std::io::BufRead>(input: R) -> Result<PercentCells, String> {
    let mut reader = Reader::from_reader(input);
    let mut buf = Vec::new();
    let mut out = PercentCells::default();
    let mut sheet: Option<String> = None;
    let mut row: u32 = 0;
    let mut col: u32 = 0;
    let mut row_repeat: u32 = 1;
    let mut in_row = false;
    // How many times the text of the cell being read is spelled out
    // (columns repeated × rows repeated); 0 outside a cell.
    let mut cell_copies: u64 = 0;
    // The rectangle around the cells that hold something: rows, then columns,
    // as (first, one past the last).
    let mut used: Option<((u64, u64), (u64, u64))> = None;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("its content.xml is damaged: {e}"))?;
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            match e.name().as_ref() {
                "table:table" if sheet.is_none() && !empty => {
                    sheet = Some(attr(e, "table:name").unwrap_or_default());
                    row = 0;
                    used = None;
                }
                "table:table-row" if sheet.is_some() => {
                    let n = repeats(e, "table:number-rows-repeated");
                    if empty {
                        row = row.saturating_add(n);
                    } else {
                        in_row = true;
                        row_repeat = n;
                        col = 0;
                    }
                }
                "table:table-cell" | "table:covered-table-cell" if in_row => {
                    let n = repeats(e, "table:number-columns-repeated");
                    let copies = u64::from(n).saturating_mul(u64::from(row_repeat));
                    if !empty {
                        cell_copies = copies;
                    }
                    // Text the library copies into every repeated cell from
                    // the cell's own attributes.
                    for name in ["office:string-value", "table:formula"] {
                        let len = attr(e, name).map_or(0, |v| v.len() as u64);
                        out.all_sheets_text = out
                            .all_sheets_text
                            .saturating_add(len.saturating_mul(copies));
                    }
                    let is_percent = attr(e, "office:value-type").as_deref() == Some("percentage");
                    if is_percent {
                        if let Some(name) = &sheet {
                            out.by_sheet.entry(name.clone()).or_default().push(Rect {
                                r0: row,
                                r1: row.saturating_add(row_repeat),
                                c0: col,
                                c1: col.saturating_add(n),
                            });
                        }
                    }
                    let holds_something = !empty || attr(e, "office:value-type").is_some();
                    if holds_something {
                        let rows = (u64::from(row), u64::from(row) + u64::from(row_repeat));
                        let cols = (u64::from(col), u64::from(col) + u64::from(n));
                        let ((r0, r1), (c0, c1)) = used.get_or_insert((rows, cols));
                        (*r0, *r1) = ((*r0).min(rows.0), (*r1).max(rows.1));
                        (*c0, *c1) = ((*c0).min(cols.0), (*c1).max(cols.1));
                        let area = (*r1 - *r0).saturating_mul(*c1 - *c0);
                        if area > out.largest_sheet_cells {
                            out.largest_sheet_cells = area;
                            out.largest_sheet = sheet.clone().unwrap_or_default();
                        }
                    }
                    col = col.saturating_add(n);
                }
                _ => {}
            }
        }
        // Text inside a cell, as the library spells it out: the characters,
        // each entity (up to four bytes), and the spaces, tabs and line breaks
        // written as elements (`<text:s text:c="1000"/>` is a thousand
        // spaces), once for every repeat.
        let text_here: u64 = match &event {
            _ if cell_copies == 0 => 0,
            Event::Text(t) => t.len() as u64,
            Event::GeneralRef(_) => 4,
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "text:s" => attr(e, "text:c")
                    .and_then(|c| c.trim().parse::<u64>().ok())
                    .unwrap_or(1),
                "text:tab" | "text:line-break" => 1,
                _ => 0,
            },
            _ => 0,
        };
        out.all_sheets_text = out
            .all_sheets_text
            .saturating_add(text_here.saturating_mul(cell_copies));
        match &event {
            Event::End(e)
                if matches!(
                    e.name().as_ref(),
                    "table:table-cell" | "table:covered-table-cell"
                ) =>
            {
                cell_copies = 0;
            }
            Event::End(e) if e.name().as_ref() == "table:table-row" && in_row => {
                in_row = false;
                row = row.saturating_add(row_repeat);
            }
            Event::End(e) if e.name().as_ref() == "table:table" && !in_row => {
                sheet = None;
                if let Some(((r0, r1), (c0, c1))) = used.take() {
                    let area = (r1 - r0).saturating_mul(c1 - c0);
                    out.all_sheets_cells = out.all_sheets_cells.saturating_add(area);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    for rects in out.by_sheet.values_mut() {
        rects.sort_unstable_by_key(|r| (r.r0, r.c0));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_percentages_with_repeats() {
        let xml = br#"<office:document-content><office:body><office:spreadsheet>
          <table:table table:name="Indicators">
            <table:table-row><table:table-cell office:value-type="string"><text:p>Title</text:p></table:table-cell></table:table-row>
            <table:table-row table:number-rows-repeated="2"/>
            <table:table-row>
              <table:table-cell table:number-columns-repeated="2"/>
              <table:table-cell office:value-type="percentage" office:value="0.551"/>
              <table:covered-table-cell/>
              <table:table-cell office:value-type="float" office:value="55.1"/>
            </table:table-row>
            <table:table-row table:number-rows-repeated="3">
              <table:table-cell office:value-type="percentage" office:value="0.5" table:number-columns-repeated="2"/>
            </table:table-row>
          </table:table>
          <table:table table:name="Other"><table:table-row><table:table-cell office:value-type="percentage" office:value="1"/></table:table-row></table:table>
        </office:spreadsheet></office:body></office:document-content>"#;
        let p = parse_content(&xml[..]).unwrap();
        // Rows 0 to 6, columns 0 to 4 (the float at column 4).
        assert_eq!(p.largest_sheet_cells, 7 * 5);
        assert!(p.contains("Indicators", 3, 2));
        assert!(!p.contains("Indicators", 3, 3));
        assert!(!p.contains("Indicators", 3, 4));
        for r in 4..7 {
            assert!(p.contains("Indicators", r, 0));
            assert!(p.contains("Indicators", r, 1));
            assert!(!p.contains("Indicators", r, 2));
        }
        assert!(!p.contains("Indicators", 7, 0));
        assert!(p.contains("Other", 0, 0));
        assert!(!p.contains("Missing", 0, 0));
    }

    #[test]
    fn look_ups_agree_with_a_scan_of_every_rectangle() {
        let mut xml = String::from(r#"<office:document-content><table:table table:name="S">"#);
        for r in 0..40u32 {
            let repeat = 1 + r % 3;
            xml.push_str(&format!(
                r#"<table:table-row table:number-rows-repeated="{repeat}">"#
            ));
            for c in 0..12u32 {
                let kind = if (r * 7 + c * 3) % 5 == 0 {
                    "percentage"
                } else {
                    "float"
                };
                let span = 1 + (r + c) % 2;
                xml.push_str(&format!(
                    r#"<table:table-cell office:value-type="{kind}" table:number-columns-repeated="{span}"/>"#
                ));
            }
            xml.push_str("</table:table-row>");
        }
        xml.push_str("</table:table></office:document-content>");
        let p = parse_content(xml.as_bytes()).unwrap();
        let rects = &p.by_sheet["S"];
        for row in 0..90 {
            for col in 0..30 {
                let scanned = rects
                    .iter()
                    .any(|r| (r.r0..r.r1).contains(&row) && (r.c0..r.c1).contains(&col));
                assert_eq!(p.contains("S", row, col), scanned, "({row}, {col})");
            }
        }
    }

    #[test]
    fn damaged_xml_is_an_error_not_a_panic() {
        let xml = b"<office:document-content><table:table table:name=\"A\"><table:table-row></table:table>";
        assert!(parse_content(&xml[..]).is_err());
    }
}
