//! The last line of defence around reading a workbook: [`load`] turns a panic
//! into an unreadable-file error, and [`QuietPanics`] tells a panic hook to stay
//! silent about it meanwhile.

use super::two_threads::load_unguarded;
use super::{LoadOptions, Loaded};
use crate::error::Result;
use std::path::Path;

/// Reads a workbook file or CSV directory. Fails only when the file cannot be
/// read as a spreadsheet at all; everything else becomes a diagnostic.
///
/// A panic while reading (a damaged file can still trip up the spreadsheet
/// library) is caught here as the last line of defence: the file is reported
/// as unreadable, never as a crash. Known panics are fixed where they arise.
pub fn load(path: &Path, options: &LoadOptions) -> Result<Loaded> {
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _quiet = QuietPanics::new();
        load_unguarded(path, options)
    }));
    caught.unwrap_or_else(|payload| {
        let detail = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(crate::error::Error::unreadable(
            path,
            format!(
                "it is damaged in a way the spreadsheet reader could not get past ({detail}). \
                 Open it in Excel or LibreOffice and save it again"
            ),
        ))
    })
}

thread_local! {
    static READING: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// While one of these lives, a panic on this thread is a damaged workbook that
/// [`load`] reports in plain words, so a panic hook can stay silent about it.
pub(super) struct QuietPanics;

impl QuietPanics {
    pub(super) fn new() -> Self {
        READING.with(|r| r.set(r.get().saturating_add(1)));
        QuietPanics
    }
}

impl Drop for QuietPanics {
    fn drop(&mut self) {
        READING.with(|r| r.set(r.get().saturating_sub(1)));
    }
}

/// True while this thread is reading a workbook inside [`load`], where a panic
/// is caught and reported as an unreadable file: a panic hook should not also
/// print it as a crash.
pub fn reading_a_workbook() -> bool {
    READING.with(|r| r.get() > 0)
}
