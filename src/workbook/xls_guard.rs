//! A check of an Excel 97–2003 (.xls) workbook before the spreadsheet
//! library opens it.
//!
//! calamine reads every sheet of an .xls file when it opens it, and sizes its
//! memory by what the file says: a sheet's `DIMENSIONS` record reserves room
//! for rows × columns cells up front, and each sheet becomes a dense grid
//! from its first to its furthest cell. One forged record (a dimension of
//! four billion rows) aborts the process; one cell at `IV65536` costs half a
//! gigabyte a sheet. This pass walks the same records calamine walks (the
//! globals, then each sheet from the offset its `BOUNDSHEET` record gives),
//! reading only positions, and refuses the file when a sheet would span more
//! cells than [`Limits::cells`], or when the sheets together would.
//!
//! A compound file whose structure does not hold together is refused as
//! damaged (calamine's own reader is more forgiving, and would go on to size
//! its memory by what it found). A file that is not a compound file at all,
//! or has no workbook stream, passes through: the spreadsheet library then
//! says what it is.

use super::Limits;
use std::io::Read;
use std::path::Path;

/// `BOF`: the start of a substream (the globals, a sheet, an embedded chart).
const BOF: u16 = 0x0809;
/// `EOF`: the end of a substream.
const EOF: u16 = 0x000A;
/// `FILEPASS`: the workbook is encrypted.
const FILEPASS: u16 = 0x002F;
/// `BOUNDSHEET8`: a sheet's name and where its substream starts.
const BOUNDSHEET: u16 = 0x0085;
/// `DIMENSIONS`: the sheet's used range, as the file claims it.
const DIMENSIONS: u16 = 0x0200;
/// `MULRK`: several numbers in one row.
const MULRK: u16 = 0x00BD;
/// The records that hold one cell each, at (row, column) in their first four
/// bytes: NUMBER, LABEL, RSTRING, BOOLERR, RK, LABELSST, FORMULA.
const CELLS: &[u16] = &[0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD, 0x0006];

/// Why an .xls file is refused.
#[derive(Debug, PartialEq)]
pub enum Refusal {
    /// Beyond the limits: a sentence for [`crate::error::Error::Limit`].
    Limit(String),
    /// The compound file is damaged: a reason for
    /// [`crate::error::Error::Unreadable`].
    Damaged(String),
}

/// Checks an .xls file against the limits; `Err` says why it is refused.
pub fn check(path: &Path, limits: Limits) -> Result<(), Refusal> {
    match workbook_stream(path, limits.unpacked_bytes()) {
        Ok(Some(stream)) => check_stream(&stream, limits).map_err(Refusal::Limit),
        Ok(None) => Ok(()),
        Err(damage) => Err(Refusal::Damaged(format!(
            "it is damaged: {damage}. Open it in Excel or LibreOffice and save it again"
        ))),
    }
}

/// The bytes of the workbook stream. `Ok(None)` when the file is not a
/// compound file or has no workbook stream (the spreadsheet library then
/// gives the verdict); `Err` when it is one whose structure is damaged. A
/// stream larger than `most` bytes is cut there: the walk below then stops
/// at its end.
fn workbook_stream(path: &Path, most: u64) -> Result<Option<Vec<u8>>, String> {
    const SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    let mut head = [0u8; 8];
    let is_compound = std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && head == SIGNATURE;
    if !is_compound {
        return Ok(None);
    }
    let mut file = cfb::open(path).map_err(|e| e.to_string())?;
    let Some(name) = ["/Workbook", "/Book"]
        .into_iter()
        .find(|name| file.is_stream(name))
    else {
        return Ok(None);
    };
    let stream = file.open_stream(name).map_err(|e| e.to_string())?;
    let mut bytes = Vec::new();
    stream
        .take(most)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    Ok(Some(bytes))
}

/// One record: its type and its data.
struct Record<'a> {
    typ: u16,
    data: &'a [u8],
}

/// The records of a stream from its start, as calamine splits them. It
/// stops at the first record that runs past the end.
fn records(stream: &[u8]) -> impl Iterator<Item = Record<'_>> {
    let mut rest = stream;
    std::iter::from_fn(move || {
        let typ = u16::from_le_bytes([*rest.first()?, *rest.get(1)?]);
        let len = usize::from(u16::from_le_bytes([*rest.get(2)?, *rest.get(3)?]));
        let data = rest.get(4..4 + len)?;
        rest = &rest[4 + len..];
        Some(Record { typ, data })
    })
}

fn u16_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from(u16::from_le_bytes([
        *data.get(at)?,
        *data.get(at + 1)?,
    ])))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(data.get(at..at + 4)?.try_into().ok()?))
}

/// The first and furthest row and column seen.
#[derive(Default)]
struct Span {
    rows: Option<(u32, u32)>,
    cols: Option<(u32, u32)>,
}

impl Span {
    fn add(&mut self, row: u32, first_col: u32, last_col: u32) {
        let widen = |range: &mut Option<(u32, u32)>, lo: u32, hi: u32| {
            *range = Some(match *range {
                Some((a, b)) => (a.min(lo), b.max(hi)),
                None => (lo, hi),
            });
        };
        widen(&mut self.rows, row, row);
        widen(
            &mut self.cols,
            first_col.min(last_col),
            first_col.max(last_col),
        );
    }

    /// How many cells the dense grid from the first to the furthest cell has.
    fn area(&self) -> u64 {
        match (self.rows, self.cols) {
            (Some((r0, r1)), Some((c0, c1))) => {
                (u64::from(r1 - r0) + 1).saturating_mul(u64::from(c1 - c0) + 1)
            }
            _ => 0,
        }
    }
}

/// A sheet's name from its `BOUNDSHEET` record (BIFF8: a length, a flag for
/// two-byte characters, then the characters; earlier versions: single bytes).
fn sheet_name(data: &[u8]) -> String {
    let Some(&len) = data.get(6) else {
        return String::new();
    };
    let len = usize::from(len);
    match data.get(7) {
        Some(flags) if flags & 1 == 1 => {
            let units: Vec<u16> = data
                .get(8..)
                .unwrap_or_default()
                .chunks_exact(2)
                .take(len)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        Some(_) => data
            .get(8..)
            .unwrap_or_default()
            .iter()
            .take(len)
            .map(|&b| char::from(b))
            .collect(),
        None => String::new(),
    }
}

/// The walk over the stream: every sheet, as calamine would read it. An
/// encrypted workbook is left to calamine, which refuses it for its password.
fn check_stream(stream: &[u8], limits: Limits) -> Result<(), String> {
    let mut sheets = Vec::new();
    for r in records(stream) {
        match r.typ {
            FILEPASS if u16_at(r.data, 0).is_some_and(|v| v != 0) => return Ok(()),
            BOUNDSHEET => {
                if let Some(at) = u32_at(r.data, 0) {
                    sheets.push((at as usize, sheet_name(r.data)));
                }
            }
            EOF => break,
            _ => {}
        }
    }
    let cells = limits.cells as u64;
    // Each sheet is walked from its offset; offsets that repeat or overlap
    // would have the walk (and calamine) read the same bytes again, so the
    // bytes walked in all are bounded too.
    let mut walked: u64 = 0;
    let most_walked = limits.unpacked_bytes();
    let mut all: u64 = 0;
    for (at, name) in sheets {
        let Some(sheet) = stream.get(at..) else {
            continue;
        };
        let (span, reserved, bytes) = walk_sheet(sheet);
        walked = walked.saturating_add(bytes);
        if walked > most_walked {
            return Err(format!(
                "its sheets are laid out so that reading them means reading more than {} MiB; \
                 it is damaged or was made to be. Open it in Excel or LibreOffice and save it \
                 again",
                limits.unpacked_mib
            ));
        }
        let area = span.area();
        if area > cells {
            return Err(limits.too_wide(&name, area));
        }
        if reserved > cells {
            return Err(format!(
                "its sheet '{name}' claims a used range of {reserved} cells, beyond the limit of \
                 {cells} a sheet, though its cells span {area}; it is damaged or was made to be. \
                 Open it in Excel or LibreOffice and save it again"
            ));
        }
        let area = area.max(reserved);
        all = all.saturating_add(area);
        if all > cells {
            return Err(format!(
                "its sheets together span more than {cells} cells, beyond the limit of {cells} \
                 for an .xls workbook (which is read whole); if the workbook really is this \
                 large, save it as .xlsx, or raise the limit in scorecard.toml with [limits] \
                 cells = {}",
                cells.saturating_mul(2)
            ));
        }
    }
    Ok(())
}

/// One sheet's substream: the span of its cells, the cells its
/// `DIMENSIONS` record reserves, and how many bytes were walked. Nested
/// substreams (embedded charts) are skipped, as calamine skips them.
fn walk_sheet(sheet: &[u8]) -> (Span, u64, u64) {
    let mut span = Span::default();
    let mut reserved: u64 = 0;
    let mut bytes: u64 = 0;
    let mut seen_bof = false;
    let mut depth = 0usize;
    for r in records(sheet) {
        bytes = bytes.saturating_add(4 + r.data.len() as u64);
        if depth > 0 {
            match r.typ {
                BOF => depth += 1,
                EOF => depth -= 1,
                _ => {}
            }
            continue;
        }
        match r.typ {
            BOF if seen_bof => depth += 1,
            BOF => seen_bof = true,
            EOF => break,
            DIMENSIONS => reserved = reserved.max(dimensions_area(r.data)),
            MULRK => {
                if let (Some(row), Some(first), Some(last)) = (
                    u16_at(r.data, 0),
                    u16_at(r.data, 2),
                    r.data
                        .len()
                        .checked_sub(2)
                        .and_then(|at| u16_at(r.data, at)),
                ) {
                    span.add(row, first, last);
                }
            }
            typ if CELLS.contains(&typ) => {
                if let (Some(row), Some(col)) = (u16_at(r.data, 0), u16_at(r.data, 2)) {
                    span.add(row, col, col);
                }
            }
            _ => {}
        }
    }
    (span, reserved, bytes)
}

/// The cells a `DIMENSIONS` record has calamine reserve room for, worked
/// out as calamine works it out (BIFF8 gives rows as 32-bit numbers, 14 or
/// 16 bytes in all; earlier versions 16-bit ones, 10 bytes; a first row
/// after the last wraps round to billions of rows).
fn dimensions_area(data: &[u8]) -> u64 {
    let read = match data.len() {
        10 => u16_at(data, 0)
            .zip(u16_at(data, 2))
            .zip(u16_at(data, 4).zip(u16_at(data, 6))),
        14 | 16 => u32_at(data, 0)
            .zip(u32_at(data, 4))
            .zip(u16_at(data, 8).zip(u16_at(data, 10))),
        _ => None,
    };
    let Some(((first_row, rows_end), (mut first_col, cols_end))) = read else {
        return 0;
    };
    if first_col > 0xFF || cols_end < first_col {
        first_col = 0;
    }
    let (last_row, last_col) = if rows_end >= 1 && cols_end >= 1 {
        (rows_end - 1, cols_end - 1)
    } else {
        (first_row, first_col)
    };
    let rows = last_row.wrapping_sub(first_row).wrapping_add(1);
    let cols = last_col.wrapping_sub(first_col).wrapping_add(1);
    u64::from(rows).saturating_mul(u64::from(cols))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut out = typ.to_le_bytes().to_vec();
        out.extend((data.len() as u16).to_le_bytes());
        out.extend(data);
        out
    }

    fn cell(row: u16, col: u16) -> Vec<u8> {
        let mut data = row.to_le_bytes().to_vec();
        data.extend(col.to_le_bytes());
        data.extend([0; 10]);
        record(0x0203, &data)
    }

    /// A stream of globals naming one sheet, then that sheet's records.
    fn stream(sheet: &[Vec<u8>]) -> Vec<u8> {
        let mut boundsheet = Vec::new();
        let name = b"Data";
        // The sheet starts after the globals: BOF, BOUNDSHEET, EOF.
        let globals_len = 4 + (4 + 8 + name.len()) + 4;
        boundsheet.extend((globals_len as u32).to_le_bytes());
        boundsheet.extend([0, 0, name.len() as u8, 0]);
        boundsheet.extend(name);
        let mut out = record(BOF, &[]);
        out.extend(record(BOUNDSHEET, &boundsheet));
        out.extend(record(EOF, &[]));
        assert_eq!(out.len(), globals_len);
        out.extend(record(BOF, &[]));
        for r in sheet {
            out.extend(r);
        }
        out.extend(record(EOF, &[]));
        out
    }

    fn limits(cells: usize) -> Limits {
        Limits {
            cells,
            ..Limits::default()
        }
    }

    #[test]
    fn a_small_sheet_passes() {
        let s = stream(&[cell(0, 0), cell(10, 5)]);
        assert_eq!(check_stream(&s, limits(100)), Ok(()));
    }

    #[test]
    fn one_far_cell_is_refused_by_the_grid_it_would_make() {
        let s = stream(&[cell(0, 0), cell(65_535, 255)]);
        let refusal = check_stream(&s, limits(5_000_000)).unwrap_err();
        assert!(refusal.contains("'Data'"), "{refusal}");
        assert!(refusal.contains("[limits] cells"), "{refusal}");
    }

    #[test]
    fn a_forged_dimensions_record_is_refused() {
        let mut dims = 0u32.to_le_bytes().to_vec();
        dims.extend(u32::MAX.to_le_bytes());
        dims.extend([0, 0, 0xFF, 0, 0, 0]);
        let s = stream(&[record(DIMENSIONS, &dims), cell(0, 0)]);
        assert!(check_stream(&s, limits(5_000_000)).is_err());
    }

    #[test]
    fn dimensions_are_read_as_calamine_reads_them() {
        let biff8 = |r0: u32, r1: u32, c0: u16, c1: u16| {
            let mut d = r0.to_le_bytes().to_vec();
            d.extend(r1.to_le_bytes());
            d.extend(c0.to_le_bytes());
            d.extend(c1.to_le_bytes());
            d.extend([0, 0]);
            d
        };
        let biff5 = |r0: u16, r1: u16, c0: u16, c1: u16| {
            [r0, r1, c0, c1, 0]
                .iter()
                .flat_map(|v| v.to_le_bytes())
                .collect::<Vec<u8>>()
        };
        // Rows 0 to 9 and columns 0 to 4: the "last" figures are one past.
        assert_eq!(dimensions_area(&biff8(0, 10, 0, 5)), 50);
        assert_eq!(dimensions_area(&biff5(0, 10, 0, 5)), 50);
        // A first row after the last wraps round, as it does in calamine.
        assert_eq!(dimensions_area(&biff5(5, 3, 0, 1)), u64::from(u32::MAX - 1));
        // A first column past the last is taken as column A.
        assert_eq!(dimensions_area(&biff5(0, 1, 9, 2)), 2);
        // A record of another length is refused by calamine: nothing reserved.
        assert_eq!(dimensions_area(&[0; 12]), 0);
    }

    #[test]
    fn cells_of_an_embedded_chart_do_not_count() {
        let chart = [record(BOF, &[]), cell(65_535, 255), record(EOF, &[])].concat();
        let s = stream(&[cell(0, 0), chart]);
        assert_eq!(check_stream(&s, limits(100)), Ok(()));
    }

    #[test]
    fn a_sheet_named_many_times_is_refused_in_all() {
        // Forty names for one sheet of 30 cells: 1,200 cells to hold in all.
        let one = stream(&[cell(0, 0), cell(29, 0)]);
        let boundsheet_at = 4;
        let boundsheet_len = 4 + 8 + 4;
        let bs = one[boundsheet_at..boundsheet_at + boundsheet_len].to_vec();
        let mut globals = record(BOF, &[]);
        let repeats = 40;
        let sheet_at = 4 + repeats * bs.len() + 4;
        let mut bs = bs;
        bs[4..8].copy_from_slice(&(sheet_at as u32).to_le_bytes());
        for _ in 0..repeats {
            globals.extend(&bs);
        }
        globals.extend(record(EOF, &[]));
        let sheet_start = boundsheet_at + boundsheet_len + 4;
        globals.extend(&one[sheet_start..]);
        assert_eq!(
            check_stream(&globals, limits(1_000)).map_err(|_| ()),
            Err(())
        );
        assert_eq!(check_stream(&globals, limits(2_000)), Ok(()));
    }

    #[test]
    fn an_encrypted_workbook_is_left_to_the_library() {
        // Its sheets are ciphertext: calamine refuses it for its password.
        let mut s = record(BOF, &[]);
        s.extend(record(FILEPASS, &[1, 0, 0, 0]));
        s.extend(stream(&[cell(0, 0), cell(65_535, 255)]).split_off(4));
        assert_eq!(check_stream(&s, limits(100)), Ok(()));
    }

    #[test]
    fn a_truncated_stream_is_left_to_the_library() {
        let s = stream(&[cell(0, 0)]);
        assert_eq!(check_stream(&s[..s.len() - 3], limits(10)), Ok(()));
        assert_eq!(check_stream(&[1, 2, 3], limits(10)), Ok(()));
    }
}
