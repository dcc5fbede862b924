//! `scorecard index`: the manifests of many batch runs (one per shard, from
//! several CI runners' artefacts) merged into one page listing every
//! workbook, failures first, with its rating counts and links to its
//! reports: the page a CI publishes.
//!
//! A manifest comes from another machine's artefact, so nothing in it is
//! trusted: its paths are used only when they are plain relative names
//! inside its own folder, and a link is made only to a file that is there.

use super::manifest::{self, Counts, Entry, Manifest, Status};
use super::shard::Shard;
use crate::diagnostics::replace_controls;
use crate::error::{Error, Result};
use crate::report::view::Escape;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Component, Path, PathBuf};

/// How deep below each folder named manifests are looked for.
const DEPTH: usize = 16;

/// A manifest found, with the folder its paths are relative to.
#[derive(Debug, Clone)]
pub struct Found {
    /// The manifest file.
    pub path: PathBuf,
    /// What it says.
    pub manifest: Manifest,
}

fn walk(dir: &Path, depth: usize, seen: &mut HashSet<PathBuf>, out: &mut Vec<PathBuf>) {
    if depth > DEPTH {
        return;
    }
    if let Ok(real) = dir.canonicalize() {
        if !seen.insert(real) {
            return;
        }
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    // One pass over the folder: its manifests, and its folders to search
    // (not links to folders: an artefact's link must not lead the search,
    // or the links made, outside the folders named).
    let mut manifests = Vec::new();
    let mut dirs = Vec::new();
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        match e.file_type() {
            Ok(t) if t.is_file() && manifest::is_manifest_name(&name) => manifests.push(e.path()),
            Ok(t) if t.is_dir() && !name.starts_with('.') => dirs.push(e.path()),
            _ => {}
        }
    }
    manifests.sort();
    out.extend(manifests);
    dirs.sort();
    for d in dirs {
        walk(&d, depth + 1, seen, out);
    }
}

/// Every manifest in the folders named and below them (a CI's downloaded
/// artefacts may sit in a folder each), read. A folder that does not exist,
/// or a manifest that cannot be read, is an error: an index silently
/// missing a shard would be believed.
pub fn collect(dirs: &[PathBuf]) -> Result<Collected> {
    let mut paths = Vec::new();
    let mut seen = HashSet::new();
    for dir in dirs {
        if !dir.is_dir() {
            return Err(Error::Manifest {
                path: dir.clone(),
                message: "not a folder; give the folders batch wrote into (--out)".to_string(),
            });
        }
        walk(dir, 0, &mut seen, &mut paths);
    }
    if paths.is_empty() {
        let names: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
        return Err(Error::Manifest {
            path: dirs.first().cloned().unwrap_or_default(),
            message: format!(
                "no manifest.json or manifest-K-of-N.json in {}; run scorecard batch --out there \
                 first",
                names.join(", ")
            ),
        });
    }
    let mut found = Vec::new();
    let mut skipped = Vec::new();
    for path in paths {
        // A file merely named like a manifest (a web app's `manifest.json`)
        // is passed over and named; one of this tool's that cannot be read
        // stops the index.
        if !manifest::is_ours(&path) {
            skipped.push(format!(
                "{} is not a manifest scorecard wrote, and is passed over",
                path.display()
            ));
            continue;
        }
        found.push(Manifest::read(&path).map(|manifest| Found {
            path: path.clone(),
            manifest,
        })?);
    }
    if found.is_empty() {
        return Err(Error::Manifest {
            path: dirs.first().cloned().unwrap_or_default(),
            message: format!(
                "no manifest scorecard wrote in {}; run scorecard batch --out there first",
                dirs.iter()
                    .map(|d| d.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
    }
    Ok(Collected { found, skipped })
}

/// The manifests found, and the files passed over.
#[derive(Debug, Clone)]
pub struct Collected {
    /// Every manifest read.
    pub found: Vec<Found>,
    /// Why a file named like a manifest was passed over.
    pub skipped: Vec<String>,
}

/// A path made absolute and tidied (`.` dropped, `..` taken back) by its
/// text alone: links keep the folders' names as given, not where symbolic
/// links resolve (a site's `www/site` linking into `../data/site` would
/// break once published).
fn absolute(path: &Path) -> Option<PathBuf> {
    let path = std::path::absolute(path).ok()?;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    Some(out)
}

/// `to` relative to `from` (both folders), `/`-separated, with `..` where
/// needed; `None` when either cannot be made absolute.
fn relative_path(from: &Path, to: &Path) -> Option<Vec<String>> {
    let from = absolute(from)?;
    let to = absolute(to)?;
    let from: Vec<Component> = from.components().collect();
    let to: Vec<Component> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - common];
    parts.extend(
        to[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    Some(parts)
}

/// A path as a link's address: each byte outside the unreserved set (and
/// `/`) percent-encoded, so spaces and any letter survive in HTML and
/// Markdown alike.
fn href(parts: &[String]) -> String {
    let joined = parts.join("/");
    let mut out = String::with_capacity(joined.len());
    for b in joined.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A link to one of a workbook's outputs.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    /// The file's name.
    pub label: String,
    /// Its address relative to the index.
    pub href: String,
}

/// One workbook on the index.
#[derive(Debug, Clone, Serialize)]
pub struct RowView {
    /// The workbook, as the batch found it.
    pub input: String,
    /// Its organisation and committee, when given.
    pub title: Option<String>,
    /// Its reporting period.
    pub period: Option<String>,
    /// Whether it failed.
    pub failed: bool,
    /// The rating counts, when it was read.
    pub counts: Option<Counts>,
    /// Links to the outputs that are there.
    pub links: Vec<LinkView>,
    /// Outputs the manifest lists that are not there (or whose paths are
    /// not plain names inside its folder).
    pub missing: Vec<String>,
    /// The first error, when it failed.
    pub error: Option<String>,
    /// How many errors and warnings the workbook has.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
}

/// The index page.
#[derive(Debug, Clone, Serialize)]
pub struct IndexView {
    /// How many workbooks.
    pub workbooks: usize,
    /// How many were written without errors.
    pub done: usize,
    /// How many failed.
    pub failed: usize,
    /// The rating counts of all workbooks read.
    pub totals: Counts,
    /// The manifests merged, relative to the index.
    pub manifests: Vec<String>,
    /// Every workbook, failures first, then by name.
    pub rows: Vec<RowView>,
    /// What the reader should know: a shard missing, a workbook in two
    /// manifests.
    pub warnings: Vec<String>,
}

/// The shards of each split that are missing from the manifests found (the
/// first few named), and splits of different sizes side by side in one
/// folder.
fn split_warnings(found: &[Found]) -> Vec<String> {
    const NAMED: usize = 10;
    let mut by_total: BTreeMap<u32, HashSet<u32>> = BTreeMap::new();
    let mut splits_in: BTreeMap<PathBuf, BTreeSet<Option<u32>>> = BTreeMap::new();
    for f in found {
        let dir = f.path.parent().unwrap_or(Path::new("")).to_path_buf();
        splits_in
            .entry(dir)
            .or_default()
            .insert(f.manifest.shard.map(|s| s.total));
        if let Some(Shard { index, total }) = f.manifest.shard {
            by_total.entry(total).or_default().insert(index);
        }
    }
    let mut out = Vec::new();
    for (total, present) in by_total {
        // At most `present.len() + NAMED` steps, however large the total.
        let absent: Vec<String> = (1..=total)
            .filter(|k| !present.contains(k))
            .take(NAMED)
            .map(|k| k.to_string())
            .collect();
        let count = (total as usize).saturating_sub(present.len());
        if count > 0 {
            let more = if count > absent.len() {
                format!(" (and {} more)", count - absent.len())
            } else {
                String::new()
            };
            out.push(format!(
                "no manifest for shard {}{more} of {total}: its workbooks are not listed",
                absent.join(", ")
            ));
        }
    }
    for (dir, splits) in splits_in {
        if splits.len() > 1 {
            out.push(format!(
                "{} holds manifests of runs split different ways; the reports there may be \
                 from either",
                dir.display()
            ));
        }
    }
    out
}

/// Builds the index of `found` as seen from the folder `index_dir`, with
/// workbook text escaped by `escape`.
pub fn build(collected: &Collected, index_dir: &Path, escape: &dyn Escape) -> IndexView {
    let found = &collected.found;
    let mut warnings = split_warnings(found);
    warnings.extend(collected.skipped.iter().cloned());
    let mut seen: BTreeMap<(PathBuf, String), PathBuf> = BTreeMap::new();
    let mut rows: Vec<(bool, String, RowView)> = Vec::new();
    let mut manifests = Vec::new();
    let mut totals = Counts::default();
    for f in found {
        let dir = f.path.parent().unwrap_or(Path::new(".")).to_path_buf();
        let base = relative_path(index_dir, &dir);
        let file = f
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        manifests.push(match &base {
            Some(parts) if !parts.is_empty() => format!("{}/{file}", parts.join("/")),
            _ => file,
        });
        let real_dir = dir.canonicalize().unwrap_or_else(|_| dir.clone());
        for entry in &f.manifest.workbooks {
            if let Some(first) = seen.get(&(real_dir.clone(), entry.name.clone())) {
                warnings.push(format!(
                    "{} is in both {} and {}; the first is listed",
                    entry.input,
                    first.display(),
                    f.path.display()
                ));
                continue;
            }
            seen.insert((real_dir.clone(), entry.name.clone()), f.path.clone());
            if let Some(c) = entry.counts {
                totals.indicators = totals.indicators.saturating_add(c.indicators);
                totals.green = totals.green.saturating_add(c.green);
                totals.amber = totals.amber.saturating_add(c.amber);
                totals.red = totals.red.saturating_add(c.red);
                totals.not_rated = totals.not_rated.saturating_add(c.not_rated);
            }
            rows.push((
                entry.status == Status::Failed,
                entry.name.clone(),
                row(entry, &dir, base.as_deref(), escape),
            ));
        }
    }
    rows.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let failed = rows.iter().filter(|r| r.0).count();
    IndexView {
        workbooks: rows.len(),
        done: rows.len() - failed,
        failed,
        totals,
        manifests: manifests.iter().map(|m| shown(m, escape)).collect(),
        rows: rows.into_iter().map(|r| r.2).collect(),
        warnings: warnings.iter().map(|w| shown(w, escape)).collect(),
    }
}

/// Text from a manifest as shown: control characters (which could forge a
/// CI log line or a terminal sequence) replaced, then escaped.
fn shown(text: &str, escape: &dyn Escape) -> String {
    escape.text(&replace_controls(text, |_| Some(' ')))
}

fn row(entry: &Entry, dir: &Path, base: Option<&[String]>, escape: &dyn Escape) -> RowView {
    let mut links = Vec::new();
    let mut missing = Vec::new();
    let real_dir = dir.canonicalize().ok();
    for output in &entry.outputs {
        // A plain relative name, a file that is there, and (links resolved)
        // still inside the manifest's folder.
        // A plain relative name, a file that is there, (links resolved)
        // still inside the manifest's folder, and holding what was written:
        // a stale copy from another runner's cache is never linked.
        let there = manifest::relative(&output.path).filter(|p| {
            let full = dir.join(p);
            full.is_file()
                && full
                    .canonicalize()
                    .ok()
                    .zip(real_dir.as_ref())
                    .is_some_and(|(f, d)| f.starts_with(d))
                && super::fingerprint::file(&full).is_ok_and(|h| h == output.hash)
        });
        match (there, base) {
            (Some(p), Some(base)) => {
                let mut parts = base.to_vec();
                parts.extend(
                    p.components()
                        .map(|c| c.as_os_str().to_string_lossy().into_owned()),
                );
                links.push(LinkView {
                    label: shown(
                        &p.file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default(),
                        escape,
                    ),
                    href: href(&parts),
                });
            }
            _ => missing.push(shown(&output.path, escape)),
            // (Missing, or not what the manifest records.)
        }
    }
    let text = |t: &Option<String>| t.as_deref().map(|t| shown(t, escape));
    RowView {
        input: shown(&entry.input, escape),
        title: text(&entry.title),
        period: text(&entry.period),
        failed: entry.status == Status::Failed,
        counts: entry.counts,
        links,
        missing,
        error: text(&entry.error),
        errors: entry.errors,
        warnings: entry.warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_relative_and_encoded() {
        assert_eq!(
            href(&["..".into(), "shard 1".into(), "adults é.html".into()]),
            "../shard%201/adults%20%C3%A9.html"
        );
    }

    /// A manifest of shard `index` of `total`, with no workbooks.
    fn shard(index: u32, total: u32) -> Found {
        Found {
            path: PathBuf::from("x"),
            manifest: Manifest {
                manifest: manifest::VERSION,
                scorecard: String::new(),
                format: "html".into(),
                what: "report".into(),
                shard: Shard::new(index, total),
                workbooks: Vec::new(),
            },
        }
    }

    #[test]
    fn a_split_into_billions_is_named_briefly() {
        assert_eq!(
            split_warnings(&[shard(1, u32::MAX)]),
            vec![format!(
                "no manifest for shard 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 (and {} more) of {}: its \
                 workbooks are not listed",
                u32::MAX - 11,
                u32::MAX
            )]
        );
    }

    #[test]
    fn a_missing_shard_is_named() {
        assert_eq!(
            split_warnings(&[shard(1, 3), shard(3, 3)]),
            vec!["no manifest for shard 2 of 3: its workbooks are not listed".to_string()]
        );
        assert!(split_warnings(&[shard(1, 3), shard(2, 3), shard(3, 3)]).is_empty());
    }
}
