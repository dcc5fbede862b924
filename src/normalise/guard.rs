//! Reading a workbook file, guarded: [`load`] turns a panic into an
//! unreadable-file error, and [`QuietPanics`] tells a panic hook to stay
//! silent about it meanwhile. For an .xlsx, .xlsb or CSV folder the
//! supporting sheets are read on a second thread, under the same guard,
//! while this one reads the indicators.

use super::assemble::{assemble, context, load_from, read_main, read_supporting};
use super::{LoadOptions, Loaded};
use crate::error::Result;
use crate::workbook::{self, SourceKind};
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

fn load_unguarded(path: &Path, options: &LoadOptions) -> Result<Loaded> {
    let budget = workbook::CellBudget::new(options.limits);
    let mut source = workbook::open_with(path, budget.clone())?;
    let kind = source.kind();
    let refuse = |message: String| crate::error::Error::Limit {
        path: path.to_path_buf(),
        message,
    };
    // Reading a second handle of an .xlsx, .xlsb or CSV folder costs little
    // (.xls and .ods are parsed whole when opened), so there the supporting
    // sheets are read on a second thread while this one reads the indicators.
    if !matches!(
        kind,
        SourceKind::Xlsx | SourceKind::Xlsb | SourceKind::CsvDirectory
    ) {
        let loaded = load_from(source.as_mut(), options);
        return match source.limit_reached() {
            Some(message) => Err(refuse(message)),
            None => Ok(loaded),
        };
    }
    let ctx = context(source.as_ref(), options);
    let names = source.sheet_names();
    let (main, supporting, side_limit) = std::thread::scope(|scope| {
        let side = scope.spawn(|| {
            let _quiet = QuietPanics::new();
            let mut second = workbook::open_with(path, budget.clone()).ok()?;
            (second.sheet_names() == names).then(|| {
                let part = read_supporting(second.as_mut(), &names, &ctx);
                (part, second.limit_reached())
            })
        });
        let main = read_main(source.as_mut(), &names, &ctx);
        match side.join() {
            Ok(Some((part, limit))) => (main, part, limit),
            _ => {
                let part = read_supporting(source.as_mut(), &names, &ctx);
                (main, part, None)
            }
        }
    });
    if let Some(message) = source.limit_reached().or(side_limit) {
        return Err(refuse(message));
    }
    Ok(assemble(kind, main, supporting))
}
