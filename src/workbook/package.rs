//! Checks of a zip-based workbook (.xlsx, .xlsm, .xlsb, .ods) before the
//! spreadsheet library opens it, so that nothing is sized by a number a
//! hostile file made up.
//!
//! - The parts together may unpack to no more than [`Limits::unpacked_mib`]
//!   (a zip bomb of a few megabytes can unpack to gigabytes).
//! - An .xlsx shared-string table may not claim more strings than its bytes
//!   could hold: calamine reserves room for the claimed count up front, and a
//!   claim of a hundred billion aborts the process.
//!
//! A file that is not a zip at all passes through: the spreadsheet library
//! then says what it is (a password-protected workbook, say).

use super::{Limits, SourceKind};
use crate::error::{Error, Result};
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;
use zip::ZipArchive;

/// The smallest a shared string can be: `<si/>`.
const SMALLEST_SHARED_STRING: u64 = 5;

/// Checks the package of a zip-based workbook against the limits.
pub fn check(path: &Path, kind: SourceKind, limits: Limits) -> Result<()> {
    let Ok(file) = File::open(path) else {
        return Ok(());
    };
    let Ok(mut zip) = ZipArchive::new(BufReader::new(file)) else {
        return Ok(());
    };
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        if let Ok(part) = zip.by_index_raw(i) {
            total = total.saturating_add(part.size());
        }
    }
    if total > limits.unpacked_bytes() {
        return Err(Error::Limit {
            path: path.to_path_buf(),
            message: limits.too_large("the workbook", total),
        });
    }
    if kind == SourceKind::Xlsx {
        if let Some(reason) = shared_strings_claim(&mut zip) {
            return Err(Error::unreadable(path, reason));
        }
    }
    Ok(())
}

/// A reason to refuse a shared-string table, if its claimed count is more
/// than its size allows. Every part that could be it is checked: calamine
/// finds the table beside the workbook part that `_rels/.rels` names, and
/// reads a `\\` in a part's name as a `/`.
fn shared_strings_claim(zip: &mut ZipArchive<BufReader<File>>) -> Option<String> {
    let names: Vec<String> = zip
        .file_names()
        .flatten()
        .filter(|n| {
            n.replace('\\', "/")
                .to_ascii_lowercase()
                .ends_with("sharedstrings.xml")
        })
        .map(|n| n.into_owned())
        .collect();
    names.iter().find_map(|name| {
        let part = zip.by_name(name).ok()?;
        let size = part.size();
        let mut head = Vec::with_capacity(4096);
        part.take(4096).read_to_end(&mut head).ok()?;
        let claimed = claimed_count(&head)?;
        (claimed > size / SMALLEST_SHARED_STRING + 1).then(|| {
            format!(
                "it is damaged: its shared-string table claims {claimed} strings in {size} \
                 bytes. Open it in Excel or LibreOffice and save it again"
            )
        })
    })
}

/// The `uniqueCount` of an `<sst …>` start tag near the start of the part.
fn claimed_count(head: &[u8]) -> Option<u64> {
    let text = String::from_utf8_lossy(head);
    let at = text.find("uniqueCount")?;
    let rest = text.get(at + "uniqueCount".len()..)?.trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = rest.get(1..)?.split(quote).next()?;
    // A count too large for u64 is as false as any other.
    Some(value.trim().parse::<u64>().unwrap_or(u64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claimed_counts() {
        let head = br#"<?xml version="1.0"?><sst xmlns="x" count="3" uniqueCount = '2'>"#;
        assert_eq!(claimed_count(head), Some(2));
        assert_eq!(
            claimed_count(br#"<sst uniqueCount="99999999999999999999999">"#),
            Some(u64::MAX)
        );
        assert_eq!(claimed_count(b"<sst count=\"3\">"), None);
    }
}
