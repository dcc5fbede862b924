//! Writing output files atomically: a temporary file beside the destination,
//! then a rename, so a failed run never leaves a half-written report, and never
//! writes over the workbook it read.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;

/// Writes `contents` to `dest` atomically, refusing to replace `input`.
pub fn write_atomic(dest: &Path, contents: &[u8], input: &Path) -> Result<()> {
    write_atomic_with(dest, input, |out| {
        out.write_all(contents).map_err(|source| Error::Write {
            path: dest.to_path_buf(),
            source,
        })
    })
}

/// Writes to `dest` atomically whatever `write` writes, refusing to replace
/// `input`; nothing is left behind if `write` fails.
pub fn write_atomic_with(
    dest: &Path,
    input: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let err = |source: std::io::Error| Error::Write {
        path: dest.to_path_buf(),
        source,
    };
    if same_file(dest, input) {
        return Err(Error::write(
            dest,
            "that is the workbook being read; choose another output file",
        ));
    }
    let dir = match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    remove_stale_temporaries(dir);
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX);
    // A temporary file is private (0600); the report should have the
    // permissions of the file it replaces, or the usual 0644.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dest).map_or(0o644, |m| m.permissions().mode() & 0o777);
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(|e| {
        Error::write(
            dest,
            format!("cannot create a file in {}: {e}", dir.display()),
        )
    })?;
    write(tmp.as_file_mut()).map_err(|e| match e {
        Error::Write { source, .. } | Error::Output(source) => err(source),
        other => other,
    })?;
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(dest).map_err(|e| err(e.error))?;
    Ok(())
}

/// The prefix of the temporary files reports are written to.
const TEMP_PREFIX: &str = ".scorecard-";

/// How old a temporary file must be before it is taken for one left by a run
/// that was killed (a run still writing touches its file far more often).
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(3600);

/// Removes temporary files that a killed run left in `dir` (a SIGKILL gives
/// no chance to clean up). Only this tool's own files, and only old ones.
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = std::time::SystemTime::now();
    for entry in entries.flatten() {
        let ours = entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX);
        let stale = entry
            .metadata()
            .ok()
            .filter(|m| m.is_file())
            .and_then(|m| m.modified().ok())
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|age| age > STALE_AFTER);
        if ours && stale {
            std::fs::remove_file(entry.path()).ok();
        }
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b || b.is_dir() && a.starts_with(&b) && is_csv(&a),
        _ => false,
    }
}

fn is_csv(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_refuses_input() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("q4.xlsx");
        std::fs::write(&input, b"workbook").unwrap();
        let out = dir.path().join("report.json");
        write_atomic(&out, b"{}", &input).unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"{}");
        let e = write_atomic(&input, b"{}", &input).unwrap_err();
        assert!(e.to_string().contains("workbook being read"), "{e}");
        assert_eq!(std::fs::read(&input).unwrap(), b"workbook");
        // A CSV workbook's own files are refused too.
        let csv_dir = dir.path().join("wb");
        std::fs::create_dir(&csv_dir).unwrap();
        std::fs::write(csv_dir.join("indicators.csv"), b"Ref,Title").unwrap();
        assert!(write_atomic(&csv_dir.join("indicators.csv"), b"x", &csv_dir).is_err());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
            assert_eq!(
                mode, 0o644,
                "a new report is readable by others, like any file"
            );
        }
        // A temporary file left by a killed run is removed once it is old;
        // a fresh one (a run still writing) is left alone.
        let stale = dir.path().join(".scorecard-killed");
        let fresh = dir.path().join(".scorecard-writing");
        std::fs::write(&stale, b"half").unwrap();
        std::fs::write(&fresh, b"half").unwrap();
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
        std::fs::File::options()
            .write(true)
            .open(&stale)
            .unwrap()
            .set_modified(old)
            .unwrap();
        write_atomic(&out, b"{}", &input).unwrap();
        assert!(!stale.exists());
        assert!(fresh.exists());
        std::fs::remove_file(&fresh).unwrap();
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with(".scorecard-"))
            .collect();
        assert!(leftovers.is_empty());
    }
}
