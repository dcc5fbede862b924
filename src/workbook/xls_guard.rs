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
/// bytes: NUMBER, LABEL, RSTRING, BOOLERR, RK, LABELSST, FORMULA (and
/// STRING, at the last FORMULA's cell).
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
    let damaged = |damage: String| {
        Refusal::Damaged(format!(
            "it is damaged: {damage}. Open it in Excel or LibreOffice and save it again"
        ))
    };
    match workbook_streams(path, limits.unpacked_bytes()) {
        Ok(streams) => {
            for stream in streams {
                match stream {
                    Stream::Whole(bytes) => check_stream(&bytes, limits).map_err(Refusal::Limit)?,
                    Stream::TooLarge(size) => {
                        return Err(Refusal::Limit(limits.too_large("the workbook", size)))
                    }
                }
            }
            Ok(())
        }
        Err(damage) => Err(damaged(damage)),
    }
}

/// A workbook stream of the compound file.
enum Stream {
    /// Its bytes.
    Whole(Vec<u8>),
    /// Its size, beyond the limit.
    TooLarge(u64),
}

/// Every stream calamine might read as the workbook: each named `Workbook`
/// or `Book`, in any case, at the root or inside a storage (calamine takes
/// the first such entry it meets, wherever it is). Empty when the file is
/// not a compound file (the spreadsheet library then gives the verdict);
/// `Err` when it is one whose structure is damaged.
fn workbook_streams(path: &Path, most: u64) -> Result<Vec<Stream>, String> {
    const SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    let mut head = [0u8; 8];
    let is_compound = std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && head == SIGNATURE;
    if !is_compound {
        return Ok(Vec::new());
    }
    let mut file = cfb::open(path).map_err(|e| e.to_string())?;
    let names: Vec<std::path::PathBuf> = file
        .walk()
        .filter(|e| e.is_stream())
        .filter(|e| {
            e.name().eq_ignore_ascii_case("workbook") || e.name().eq_ignore_ascii_case("book")
        })
        .map(|e| e.path().to_path_buf())
        .collect();
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        let stream = file.open_stream(&name).map_err(|e| e.to_string())?;
        let size = stream.len();
        if size > most {
            out.push(Stream::TooLarge(size));
            continue;
        }
        let mut bytes = Vec::new();
        stream
            .take(most)
            .read_to_end(&mut bytes)
            .map_err(|e| e.to_string())?;
        out.push(Stream::Whole(bytes));
    }
    Ok(out)
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

/// `SST`: the shared strings, followed by `CONTINUE` records.
const SST: u16 = 0x00FC;
/// `CONTINUE`: more of the record before.
const CONTINUE: u16 = 0x003C;
/// `CODEPAGE`: how the workbook's strings are encoded (1200: UTF-16).
const CODEPAGE: u16 = 0x0042;
/// `LABELSST`: a cell holding a shared string.
const LABELSST: u16 = 0x00FD;
/// `LABEL` and `RSTRING`: a cell holding its own text.
const LABELS: &[u16] = &[0x0204, 0x00D6];
/// `FORMULA`: its position is where a following `STRING` record's text goes.
const FORMULA: u16 = 0x0006;
/// `STRING`: a formula's text result, placed at the last formula's cell.
const STRING: u16 = 0x0207;
/// The most `CONTINUE` records the SSTs of a workbook may have together:
/// calamine takes each off the front of a list, so an SST's cost grows with
/// the square of its pieces (300,000 empty ones took 18 s), and it parses
/// every SST it meets. 32,768 hold 256 MiB of strings.
const MOST_SST_CONTINUES: usize = 32_768;

/// The walk over the stream: every sheet, as calamine would read it. An
/// encrypted workbook is left to calamine, which refuses it for its password.
fn check_stream(stream: &[u8], limits: Limits) -> Result<(), String> {
    let mut sheets = Vec::new();
    let mut sst: Vec<&[u8]> = Vec::new();
    let mut in_sst = false;
    // calamine parses every SST it meets, each at a cost that grows with
    // the square of its pieces: the pieces of all of them are counted.
    let mut sst_pieces = 0usize;
    let mut per_char = PerChar::UTF16;
    for r in records(stream) {
        if in_sst && r.typ == CONTINUE {
            sst_pieces += 1;
            if sst_pieces > MOST_SST_CONTINUES {
                return Err(
                    "its shared-string table is split into more pieces than any workbook needs; \
                     it is damaged or was made to be. Open it in Excel or LibreOffice and save \
                     it again"
                        .to_string(),
                );
            }
            sst.push(r.data);
            continue;
        }
        in_sst = false;
        match r.typ {
            FILEPASS if u16_at(r.data, 0).is_some_and(|v| v != 0) => return Ok(()),
            BOUNDSHEET => {
                if let Some(at) = u32_at(r.data, 0) {
                    sheets.push((at as usize, sheet_name(r.data)));
                }
            }
            SST => {
                sst = vec![r.data];
                in_sst = true;
            }
            CODEPAGE if u16_at(r.data, 0).is_some_and(|cp| cp != 1200) => {
                per_char = PerChar::CODE_PAGE;
            }
            EOF => break,
            _ => {}
        }
    }
    let strings = shared_string_sizes(&sst, per_char);
    let cells = limits.cells as u64;
    // Each sheet is walked from its offset; offsets that repeat or overlap
    // would have the walk (and calamine) read the same bytes again, so the
    // bytes walked in all are bounded too.
    let mut walked: u64 = 0;
    let most_walked = limits.unpacked_bytes();
    let (mut all, mut text) = (0u64, 0u64);
    for (at, name) in sheets {
        let Some(sheet) = stream.get(at..) else {
            continue;
        };
        let walk = walk_sheet(sheet, &strings, per_char);
        walked = walked.saturating_add(walk.bytes);
        if walked > most_walked {
            return Err(format!(
                "its sheets are laid out so that reading them means reading more than {} MiB; \
                 it is damaged or was made to be. Open it in Excel or LibreOffice and save it \
                 again",
                limits.unpacked_mib
            ));
        }
        let area = walk.span.area();
        if area > cells {
            return Err(limits.too_wide(&name, area));
        }
        if walk.reserved > cells {
            return Err(format!(
                "its sheet '{name}' claims a used range of {} cells, beyond the limit of \
                 {cells}, though its cells span {area}; it is damaged or was made to be. Open \
                 it in Excel or LibreOffice and save it again",
                walk.reserved
            ));
        }
        // The room DIMENSIONS reserves is given back once a sheet is read;
        // the grids stay, all of them at once.
        all = all.saturating_add(area);
        text = text.saturating_add(walk.text);
    }
    if all > cells {
        return Err(format!(
            "its sheets together span {all} cells, beyond the limit of {cells} (an .xls \
             workbook is read whole); if the workbook really is this large, save it as .xlsx, \
             or raise the limit in scorecard.toml with [limits] cells = {all}"
        ));
    }
    if text > limits.unpacked_bytes() {
        let mib = text.div_ceil(1 << 20);
        return Err(format!(
            "the text in its cells comes to about {mib} MiB, beyond the limit of {} MiB (each \
             cell holds its own copy of a shared string); if the workbook really is this \
             large, raise the limit in scorecard.toml with [limits] unpacked_mib = {mib}",
            limits.unpacked_mib
        ));
    }
    Ok(())
}

/// What walking one sheet found.
struct SheetWalk {
    /// The span of its cells.
    span: Span,
    /// The cells its `DIMENSIONS` record reserves.
    reserved: u64,
    /// The bytes walked.
    bytes: u64,
    /// At most how many bytes of text its cells hold once read.
    text: u64,
}

/// One sheet's substream. Nested substreams (embedded charts) are skipped,
/// as calamine skips them.
fn walk_sheet(sheet: &[u8], strings: &[u64], per_char: PerChar) -> SheetWalk {
    let mut walk = SheetWalk {
        span: Span::default(),
        reserved: 0,
        bytes: 0,
        text: 0,
    };
    let mut seen_bof = false;
    let mut depth = 0usize;
    let mut formula_at = (0u32, 0u32);
    for r in records(sheet) {
        walk.bytes = walk.bytes.saturating_add(4 + r.data.len() as u64);
        if depth > 0 {
            match r.typ {
                BOF => depth += 1,
                EOF => depth -= 1,
                _ => {}
            }
            continue;
        }
        let at = u16_at(r.data, 0).zip(u16_at(r.data, 2));
        match r.typ {
            BOF if seen_bof => depth += 1,
            BOF => seen_bof = true,
            EOF => break,
            DIMENSIONS => walk.reserved = walk.reserved.max(dimensions_area(r.data)),
            MULRK => {
                if let (Some(row), Some(first), Some(last)) = (
                    u16_at(r.data, 0),
                    u16_at(r.data, 2),
                    r.data
                        .len()
                        .checked_sub(2)
                        .and_then(|at| u16_at(r.data, at)),
                ) {
                    walk.span.add(row, first, last);
                }
            }
            STRING => {
                walk.span.add(formula_at.0, formula_at.1, formula_at.1);
                walk.text = walk
                    .text
                    .saturating_add(r.data.len() as u64 * per_char.narrow);
            }
            typ if CELLS.contains(&typ) => {
                if let Some((row, col)) = at {
                    walk.span.add(row, col, col);
                    if typ == FORMULA {
                        formula_at = (row, col);
                    }
                }
                if typ == LABELSST {
                    let index = u32_at(r.data, 6).map_or(usize::MAX, |i| i as usize);
                    let size = strings.get(index).copied().unwrap_or(0);
                    walk.text = walk.text.saturating_add(size);
                } else if LABELS.contains(&typ) {
                    walk.text = walk
                        .text
                        .saturating_add(r.data.len() as u64 * per_char.narrow);
                }
            }
            _ => {}
        }
    }
    walk
}

/// At most how many bytes of UTF-8 one character of a string becomes: a
/// one-byte (`narrow`) or two-byte (`wide`) character. In a workbook that
/// names a code page other than UTF-16, calamine decodes each string's
/// bytes, padding included, with that code page, so a character may become
/// twice as many.
#[derive(Debug, Clone, Copy)]
struct PerChar {
    narrow: u64,
    wide: u64,
}

impl PerChar {
    const UTF16: PerChar = PerChar { narrow: 2, wide: 3 };
    const CODE_PAGE: PerChar = PerChar { narrow: 4, wide: 6 };
}

/// At most how many bytes of UTF-8 each shared string becomes, from the SST
/// record and its CONTINUE records: a string of one-byte characters at most
/// two bytes each, of two-byte characters at most three. A string may run
/// on into the next piece, which then starts with its own flags byte.
fn shared_string_sizes(pieces: &[&[u8]], per_char: PerChar) -> Vec<u64> {
    let mut out = Vec::new();
    let mut cursor = Pieces {
        pieces,
        piece: 0,
        at: 8,
    };
    loop {
        // A string's header never straddles two pieces; one that starts at
        // the very end of a piece starts in the next.
        if cursor.left_in_piece() == 0 {
            if !cursor.next_piece() {
                break;
            }
            // calamine reads an empty piece here as an empty string, and
            // goes on with the next.
            if cursor.left_in_piece() == 0 {
                out.push(0);
                continue;
            }
        }
        let (Some(cch), Some(flags)) = (cursor.u16(), cursor.u8()) else {
            break;
        };
        let mut high = flags & 1 == 1;
        let runs = if flags & 8 != 0 {
            cursor.u16()
        } else {
            Some(0)
        };
        let ext = if flags & 4 != 0 {
            cursor.u32()
        } else {
            Some(0)
        };
        let (Some(runs), Some(ext)) = (runs, ext) else {
            break;
        };
        let (mut chars, mut size) = (u64::from(cch), 0u64);
        while chars > 0 {
            let width = if high { 2 } else { 1 };
            let fit = (cursor.left_in_piece() / width).min(chars);
            cursor.skip_in_piece(fit * width);
            size += fit * if high { per_char.wide } else { per_char.narrow };
            chars -= fit;
            if chars > 0 {
                if !cursor.next_piece() {
                    break;
                }
                match cursor.u8() {
                    Some(flags) => high = flags & 1 == 1,
                    None => break,
                }
            }
        }
        out.push(size);
        if !cursor.skip(u64::from(runs) * 4 + u64::from(ext)) {
            break;
        }
    }
    out
}

/// A read position over an SST and its CONTINUE pieces.
struct Pieces<'a> {
    pieces: &'a [&'a [u8]],
    piece: usize,
    at: usize,
}

impl Pieces<'_> {
    fn current(&self) -> &[u8] {
        self.pieces.get(self.piece).copied().unwrap_or_default()
    }

    fn left_in_piece(&self) -> u64 {
        self.current().len().saturating_sub(self.at) as u64
    }

    fn next_piece(&mut self) -> bool {
        if self.piece + 1 < self.pieces.len() {
            self.piece += 1;
            self.at = 0;
            true
        } else {
            false
        }
    }

    fn skip_in_piece(&mut self, n: u64) {
        self.at = self.at.saturating_add(n as usize);
    }

    /// Skips `n` bytes, across pieces; false at the end.
    fn skip(&mut self, mut n: u64) -> bool {
        loop {
            let here = self.left_in_piece().min(n);
            self.skip_in_piece(here);
            n -= here;
            if n == 0 {
                return true;
            }
            if !self.next_piece() {
                return false;
            }
        }
    }

    fn bytes<const N: usize>(&mut self) -> Option<[u8; N]> {
        let got: [u8; N] = self.current().get(self.at..self.at + N)?.try_into().ok()?;
        self.at += N;
        Some(got)
    }

    fn u8(&mut self) -> Option<u8> {
        self.bytes::<1>().map(|[b]| b)
    }

    fn u16(&mut self) -> Option<u16> {
        self.bytes().map(u16::from_le_bytes)
    }

    fn u32(&mut self) -> Option<u32> {
        self.bytes().map(u32::from_le_bytes)
    }
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
    fn a_formula_string_lands_where_the_last_formula_was() {
        // With no FORMULA before it, calamine puts a STRING at A1: with a
        // far cell, that spans the whole sheet.
        let s = stream(&[cell(65_535, 255), record(STRING, &[1, 0, 0, b'x'])]);
        assert!(check_stream(&s, limits(5_000_000)).is_err());
    }

    /// An SST of `strings`, split into pieces of at most `piece` bytes of
    /// character data (each CONTINUE starting with its flags byte).
    fn sst(strings: &[&str], piece: usize) -> Vec<Vec<u8>> {
        let mut first = (strings.len() as u32).to_le_bytes().to_vec();
        first.extend((strings.len() as u32).to_le_bytes());
        let mut pieces = vec![first];
        for s in strings {
            let last = pieces.len() - 1;
            pieces[last].extend((s.len() as u16).to_le_bytes());
            pieces[last].push(0);
            let mut chars = s.as_bytes();
            loop {
                let last = pieces.len() - 1;
                let room = piece.saturating_sub(pieces[last].len());
                let take = room.min(chars.len());
                pieces[last].extend(&chars[..take]);
                chars = &chars[take..];
                if chars.is_empty() {
                    break;
                }
                pieces.push(vec![0]);
            }
        }
        pieces
    }

    #[test]
    fn shared_strings_are_sized_across_continue_records() {
        let long = "y".repeat(50);
        let pieces = sst(&["ab", &long, "c"], 30);
        assert!(pieces.len() > 2);
        let slices: Vec<&[u8]> = pieces.iter().map(Vec::as_slice).collect();
        assert_eq!(
            shared_string_sizes(&slices, PerChar::UTF16),
            vec![4, 100, 2]
        );
        // An empty piece where a string would start is an empty string, as
        // calamine reads it, and the strings after it keep their places.
        let first = sst(&["ab"], 100);
        let next = [2u8, 0, 0, b'c', b'd'];
        let with_empty: Vec<&[u8]> = vec![&first[0], &[], &next];
        assert_eq!(
            shared_string_sizes(&with_empty, PerChar::UTF16),
            vec![4, 0, 4]
        );
    }

    #[test]
    fn one_long_shared_string_in_many_cells_counts_each_time() {
        let long = "z".repeat(10_000);
        let pieces = sst(&[&long], 8_224);
        let label = |row: u16| {
            let mut d = row.to_le_bytes().to_vec();
            d.extend([0, 0, 0, 0]);
            d.extend(0u32.to_le_bytes());
            record(LABELSST, &d)
        };
        let cells: Vec<Vec<u8>> = (0..100).map(label).collect();
        // Globals with the SST, then the sheet.
        let mut sheet = stream(&cells);
        let mut globals_sst = record(SST, &pieces[0]);
        for p in &pieces[1..] {
            globals_sst.extend(record(CONTINUE, p));
        }
        // Put the SST before the globals' EOF and move the sheet's offset.
        let eof_at = 4 + 16;
        sheet.splice(eof_at..eof_at, globals_sst.iter().copied());
        let offset =
            u32::from_le_bytes(sheet[8..12].try_into().unwrap()) + globals_sst.len() as u32;
        sheet[8..12].copy_from_slice(&offset.to_le_bytes());
        let tight = Limits {
            cells: 1_000_000,
            unpacked_mib: 1,
        };
        let refused = check_stream(&sheet, tight).unwrap_err();
        assert!(refused.contains("text in its cells"), "{refused}");
        let roomy = Limits {
            cells: 1_000_000,
            unpacked_mib: 4,
        };
        assert_eq!(check_stream(&sheet, roomy), Ok(()));
    }

    #[test]
    fn an_sst_in_too_many_pieces_is_refused() {
        let mut s = record(BOF, &[]);
        s.extend(record(SST, &[0; 8]));
        for _ in 0..=MOST_SST_CONTINUES + 1 {
            s.extend(record(CONTINUE, &[]));
        }
        s.extend(record(EOF, &[]));
        assert!(check_stream(&s, limits(100)).is_err());
    }

    #[test]
    fn the_pieces_of_every_sst_are_counted_together() {
        // calamine parses each SST it meets: two of 20,000 pieces cost as
        // much as one of 40,000.
        let mut s = record(BOF, &[]);
        for _ in 0..2 {
            s.extend(record(SST, &[0; 8]));
            for _ in 0..20_000 {
                s.extend(record(CONTINUE, &[]));
            }
        }
        s.extend(record(EOF, &[]));
        assert!(check_stream(&s, limits(100)).is_err());
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
