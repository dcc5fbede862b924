//! The manifest a batch leaves in `--out`: every workbook it was given, with
//! its content hash, the files written, how it ended and its rating counts,
//! so that another CI job can collect the run (`scorecard index`) and the
//! next run can skip what has not changed (`--changed-only`).
//!
//! A manifest holds nothing that differs between two runs over the same
//! inputs (no times, no absolute paths), so an unchanged run writes the same
//! bytes and shards' manifests can be compared.

use super::shard::Shard;
use crate::error::{Error, Result};
use crate::output::write_atomic;
use serde::{Deserialize, Serialize};
use std::path::{Component, Path, PathBuf};

/// The manifest's format; a manifest of another version is not read.
pub const VERSION: u32 = 1;

/// A manifest larger than this is refused rather than read (one entry is a
/// few hundred bytes, so this is millions of workbooks).
const LARGEST: u64 = 256 * 1024 * 1024;

/// One batch run's manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// The manifest's format ([`VERSION`]).
    pub manifest: u32,
    /// The version of the tool that wrote it.
    pub scorecard: String,
    /// The format written (`html`, `md`, `json`).
    pub format: String,
    /// What was written (`report`, `appendix`, `both`).
    pub what: String,
    /// The shard this run took, when it was split.
    pub shard: Option<Shard>,
    /// Every workbook of the run, in the order found.
    pub workbooks: Vec<Entry>,
}

/// How a workbook's run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Written, with no errors in the workbook.
    Done,
    /// Not read, not written, or with errors in the workbook.
    Failed,
}

/// The rating counts of one workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Counts {
    /// Every indicator.
    pub indicators: usize,
    /// Green.
    pub green: usize,
    /// Amber.
    pub amber: usize,
    /// Red.
    pub red: usize,
    /// Not rated.
    pub not_rated: usize,
}

/// One file written for a workbook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Output {
    /// Where, relative to `--out`, `/`-separated.
    pub path: String,
    /// The SHA-256 of what was written (`sha256:…`): `--changed-only` keeps
    /// a report only while the file still holds it.
    pub hash: String,
}

/// One workbook in a manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The workbook, as found from the arguments.
    pub input: String,
    /// Its output name below `--out`, `/`-separated, without extension.
    pub name: String,
    /// The content hash of the workbook (`sha256:…`); null when it could not
    /// be read.
    pub hash: Option<String>,
    /// The hash of what else shaped its outputs: the tool's build, the
    /// format, the settings file, the templates, the previous workbook and
    /// its settings file.
    pub settings: String,
    /// How it ended.
    pub status: Status,
    /// The files written.
    pub outputs: Vec<Output>,
    /// The report's title: organisation and committee, when given.
    pub title: Option<String>,
    /// The reporting period (`quarter 3 2012/13`), when known.
    pub period: Option<String>,
    /// The rating counts, when the workbook was read.
    pub counts: Option<Counts>,
    /// How many errors and warnings `validate` would list.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// The first error, when it failed.
    pub error: Option<String>,
}

/// A relative path as a manifest writes it: `/`-separated, whatever the
/// machine.
pub fn slashed(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// A manifest's relative path read back, if it is one: plain names only, so
/// that no path taken from a manifest leads outside its folder.
pub fn relative(text: &str) -> Option<PathBuf> {
    let path = Path::new(text);
    let plain = !text.is_empty()
        && !text.contains('\\')
        && path
            .components()
            .all(|c| matches!(c, Component::Normal(s) if !s.is_empty()));
    plain.then(|| path.to_path_buf())
}

/// Whether a file name is one a batch writes its manifest as:
/// `manifest.json` or `manifest-K-of-N.json`.
pub fn is_manifest_name(name: &str) -> bool {
    if name == "manifest.json" {
        return true;
    }
    let Some(middle) = name
        .strip_prefix("manifest-")
        .and_then(|n| n.strip_suffix(".json"))
    else {
        return false;
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    middle
        .split_once("-of-")
        .is_some_and(|(k, n)| digits(k) && digits(n))
}

/// Whether a file is a manifest of this tool's: a JSON object with its
/// `manifest` format number and its `workbooks` (damaged or of another
/// format it may be; a web app's `manifest.json` it is not).
pub fn is_ours(path: &Path) -> bool {
    let small = std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() <= LARGEST);
    if !small {
        return false;
    }
    let Ok(text) = std::fs::read_to_string(path) else {
        return false;
    };
    serde_json::from_str::<serde_json::Value>(&text).is_ok_and(|v| {
        v.get("manifest").is_some_and(serde_json::Value::is_u64)
            && v.get("workbooks").is_some_and(serde_json::Value::is_array)
    })
}

/// The manifests in `dir` of splits other than `shard`'s (the whole batch,
/// or a split into another number of parts): a run leaves only manifests of
/// its own split beside its outputs, so that an index or a later run never
/// takes an old split's word for a report.
pub fn other_splits(dir: &Path, shard: Option<Shard>) -> Vec<PathBuf> {
    let total = |name: &str| -> Option<String> {
        name.strip_suffix(".json")?
            .rsplit_once("-of-")
            .map(|(_, n)| n.to_string())
    };
    let own = shard.map(|s| s.total.to_string());
    manifests_in(dir)
        .into_iter()
        .filter(|p| is_ours(p))
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            total(&name) != own
        })
        .collect()
}

/// The manifests directly in a folder, sorted by name.
pub fn manifests_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| is_manifest_name(&e.file_name().to_string_lossy()))
        .map(|e| e.path())
        .collect();
    found.sort();
    found
}

impl Manifest {
    /// Reads a manifest, refusing one of another version or an oversized
    /// file.
    pub fn read(path: &Path) -> Result<Manifest> {
        let invalid = |message: String| Error::Manifest {
            path: path.to_path_buf(),
            message,
        };
        let size = std::fs::metadata(path)
            .map_err(|source| Error::Io {
                path: path.to_path_buf(),
                source,
            })?
            .len();
        if size > LARGEST {
            return Err(invalid(format!(
                "the manifest is {size} bytes, more than a batch writes"
            )));
        }
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let version: serde_json::Value = serde_json::from_str(&text)
            .map_err(|e| invalid(format!("not a manifest this tool wrote: {e}")))?;
        match version.get("manifest").and_then(serde_json::Value::as_u64) {
            Some(v) if v == u64::from(VERSION) => {}
            Some(v) => {
                return Err(invalid(format!(
                    "a manifest of format {v}; this version of scorecard reads format {VERSION}"
                )))
            }
            None => {
                return Err(invalid(
                    "not a manifest this tool wrote: it has no \"manifest\" version".to_string(),
                ))
            }
        }
        let manifest: Manifest = serde_json::from_value(version)
            .map_err(|e| invalid(format!("not a manifest this tool wrote: {e}")))?;
        // The file's name says which part of a split it is; the two agree in
        // a manifest this tool wrote.
        let named = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let Some(s) = manifest.shard {
            if Shard::new(s.index, s.total).is_none() {
                return Err(invalid(format!(
                    "its shard {}/{} is not a part of a split",
                    s.index, s.total
                )));
            }
        }
        if named != Shard::manifest_name(manifest.shard) {
            return Err(invalid(format!(
                "it says it is {}, but is named {named}",
                match manifest.shard {
                    Some(s) => format!("shard {s}"),
                    None => "a whole batch".to_string(),
                }
            )));
        }
        Ok(manifest)
    }

    /// Writes the manifest as `name` in `dir`, unless the file there already
    /// holds these bytes (an unchanged run rewrites nothing). Returns whether
    /// it was written.
    pub fn write(&self, dir: &Path, name: &str) -> Result<bool> {
        let path = dir.join(name);
        let mut text = serde_json::to_string_pretty(self).map_err(|e| Error::Write {
            path: path.clone(),
            source: std::io::Error::other(e),
        })?;
        text.push('\n');
        if std::fs::read(&path).is_ok_and(|old| old == text.as_bytes()) {
            return Ok(false);
        }
        write_atomic(&path, text.as_bytes(), Path::new(""))?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_names_are_known() {
        assert!(is_manifest_name("manifest.json"));
        assert!(is_manifest_name("manifest-2-of-3.json"));
        for other in [
            "manifest-2-of-.json",
            "manifest-a-of-3.json",
            "manifest-1-of-3-2.json",
            "manifest.html",
            "index.json",
        ] {
            assert!(!is_manifest_name(other), "{other}");
        }
    }

    #[test]
    fn paths_from_a_manifest_stay_inside_its_folder() {
        assert_eq!(
            relative("services/adults.html"),
            Some(PathBuf::from("services/adults.html"))
        );
        for bad in [
            "",
            "../x.html",
            "/etc/passwd",
            "a/../../x",
            "a\\..\\x",
            "./a",
        ] {
            assert_eq!(relative(bad), None, "{bad}");
        }
        assert_eq!(slashed(Path::new("a").join("b c").as_path()), "a/b c");
    }
}
