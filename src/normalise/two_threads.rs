//! Reading a workbook file: for an .xlsx, .xlsb or CSV folder the supporting
//! sheets on a second thread while this one reads the indicators.

use super::assemble::{assemble, context, load_from, read_main, read_supporting};
use super::guard::QuietPanics;
use super::{LoadOptions, Loaded};
use crate::error::Result;
use crate::workbook::{self, SourceKind};
use std::path::Path;

pub(super) fn load_unguarded(path: &Path, options: &LoadOptions) -> Result<Loaded> {
    let mut source = workbook::open_with(path, options.limits)?;
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
            let mut second = workbook::open_with(path, options.limits).ok()?;
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
