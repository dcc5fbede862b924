//! Finding a batch's workbooks (files, and folders searched recursively for
//! spreadsheets and CSV workbooks) and naming each one's outputs safely and
//! uniquely below `--out`.

use super::manifest;
use crate::report::Part;
use crate::workbook::SPREADSHEET_EXTENSIONS;
use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

/// What to write for each workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    /// The whole agenda item.
    Report,
    /// Appendix A (recovery plans) alone.
    Appendix,
    /// Both, as NAME.EXT and NAME-appendix.EXT.
    Both,
}

/// A workbook found, and the output name (without extension) derived from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The workbook.
    pub path: PathBuf,
    /// Its output name, relative to the output directory, without extension.
    pub name: PathBuf,
    /// Its own path relative to the argument it was found through, as it is
    /// (`q4/Adults & Health.xlsx`), for finding its namesake elsewhere.
    pub source: PathBuf,
    /// Why it cannot even be looked at (a missing file, an unreadable folder):
    /// it is then a failed workbook in the summary, and the rest go on.
    pub problem: Option<String>,
}

impl What {
    /// Every choice, in the order the command line lists them.
    pub const ALL: &'static [What] = &[What::Report, What::Appendix, What::Both];

    /// The choice's name on the command line (`--what appendix`).
    pub fn name(self) -> &'static str {
        match self {
            What::Report => "report",
            What::Appendix => "appendix",
            What::Both => "both",
        }
    }

    /// What it writes, in a few words (for `--help`).
    pub fn description(self) -> &'static str {
        match self {
            What::Report => "The whole agenda item",
            What::Appendix => "Appendix A (recovery plans) alone",
            What::Both => "Both, as NAME.EXT and NAME-appendix.EXT",
        }
    }

    /// The parts written for each workbook, with the suffix of each file.
    pub fn parts(self) -> &'static [(Part, &'static str)] {
        match self {
            What::Report => &[(Part::AgendaItem, "")],
            What::Appendix => &[(Part::Appendix, "-appendix")],
            What::Both => &[(Part::AgendaItem, ""), (Part::Appendix, "-appendix")],
        }
    }
}

fn is_spreadsheet(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| SPREADSHEET_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// A folder that is itself a CSV workbook (it has an indicators file).
pub(super) fn is_csv_workbook(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries.flatten().any(|e| {
            let name = e.file_name().to_string_lossy().to_ascii_lowercase();
            name.ends_with(".csv")
                && crate::schema::INDICATORS.matches_sheet_name(name.trim_end_matches(".csv"))
        })
    })
}

/// Makes one path component safe: letters, digits, `-`, `_`, `.` and spaces;
/// never empty, `.`, `..` or hidden.
fn safe_component(s: &str) -> String {
    let mut out: String = s
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ' ') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if out.starts_with('.') {
        out.replace_range(0..1, "_");
    }
    if out.trim().is_empty() {
        out = "_".to_string();
    }
    out
}

/// A relative path made of safe components only: nothing can escape the output
/// directory.
fn safe_relative(path: &Path) -> PathBuf {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(safe_component(&s.to_string_lossy())),
            _ => None,
        })
        .collect()
}

/// A workbook (or a problem) found while searching: (path, output name,
/// problem).
type Found = (PathBuf, PathBuf, Option<String>);

/// Searches a folder. Each folder is visited once, however many symbolic
/// links lead to it, so a link loop ends.
fn walk(dir: &Path, root: &Path, seen: &mut HashSet<PathBuf>, out: &mut Vec<Found>) {
    let rel_of = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    if let Ok(real) = dir.canonicalize() {
        if !seen.insert(real) {
            return;
        }
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            out.push((
                dir.to_path_buf(),
                rel_of(dir),
                Some(format!("the folder {} cannot be read: {e}", dir.display())),
            ));
            return;
        }
    };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        // Hidden files, and the `~$name.xlsx` lock file Excel keeps beside
        // a workbook that is open.
        let hidden = path.file_name().is_some_and(|n| {
            let n = n.to_string_lossy();
            n.starts_with('.') || n.starts_with("~$")
        });
        if hidden {
            continue;
        }
        if path.is_dir() {
            if is_csv_workbook(&path) {
                out.push((path.clone(), rel_of(&path), None));
            } else {
                walk(&path, root, seen, out);
            }
        } else if is_spreadsheet(&path) {
            out.push((path.clone(), rel_of(&path).with_extension(""), None));
        }
    }
}

/// Finds the workbooks named by the inputs: files as they are, folders
/// searched recursively for spreadsheets and CSV workbooks (a folder that is a
/// CSV workbook is one workbook). Each gets a unique, safe output name: a
/// folder's workbooks keep their paths below the folder's own name, and two
/// that would still collide get `-2`, `-3`…. A missing input is kept, with
/// its problem, to be reported as a failed workbook.
pub fn find_inputs(inputs: &[PathBuf]) -> Vec<Input> {
    find_inputs_for(inputs, What::Report)
}

/// The workbooks named: a file (or a CSV workbook's folder) as it is, and
/// any other folder replaced by the workbooks found in it, recursively, in
/// order (`validate services/`). A folder holding none is kept, so that
/// reading it says what is wrong.
pub fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() && !is_csv_workbook(path) {
            let found: Vec<PathBuf> = find_inputs(std::slice::from_ref(path))
                .into_iter()
                .map(|i| i.path)
                .collect();
            if found.is_empty() {
                out.push(path.clone());
            } else {
                out.extend(found);
            }
        } else {
            out.push(path.clone());
        }
    }
    out
}

/// [`find_inputs`], with names chosen so that no file written for one
/// workbook (its report, its `-appendix`) is a file written for another.
pub fn find_inputs_for(inputs: &[PathBuf], what: What) -> Vec<Input> {
    // (path, output name, path relative to its argument, problem).
    let mut found: Vec<(PathBuf, PathBuf, PathBuf, Option<String>)> = Vec::new();
    let mut seen = HashSet::new();
    for input in inputs {
        let own_name = input
            .file_name()
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("workbook"));
        match std::fs::metadata(input) {
            Err(e) => found.push((
                input.clone(),
                own_name.with_extension(""),
                own_name.clone(),
                Some(format!("cannot open {}: {e}", input.display())),
            )),
            Ok(meta) if meta.is_dir() && !is_csv_workbook(input) => {
                let mut inside = Vec::new();
                walk(input, input, &mut seen, &mut inside);
                found.extend(inside.into_iter().map(|(p, rel, problem)| {
                    let source = own_name.join(p.strip_prefix(input).unwrap_or(&p));
                    (p, own_name.join(rel), source, problem)
                }));
            }
            Ok(_) => found.push((
                input.clone(),
                own_name.with_extension(""),
                own_name.clone(),
                None,
            )),
        }
    }
    // Every output file planned so far, lower-cased (file systems that ignore
    // case would otherwise overwrite one with another).
    let mut taken: HashSet<String> = HashSet::new();
    let files_of = |name: &Path| -> Vec<String> {
        what.parts()
            .iter()
            .map(|(_, suffix)| format!("{}{suffix}", name.to_string_lossy()).to_lowercase())
            .collect()
    };
    // The files a run writes beside the outputs: the manifests, and the
    // index `scorecard index` may write into the same folder.
    // (A manifest's name is kept free at every depth, since `index` looks
    // for manifests in every folder below the ones it is given.)
    let reserved = |name: &Path, file: &str| {
        let last = file.rsplit(['/', '\\']).next().unwrap_or(file);
        manifest::is_manifest_name(&format!("{last}.json"))
            || (name.components().count() == 1 && file == "index")
    };
    let mut out = Vec::with_capacity(found.len());
    for (path, rel, source, problem) in found {
        let base = safe_relative(&rel);
        let mut name = base.clone();
        let mut n = 2;
        while files_of(&name)
            .iter()
            .any(|f| taken.contains(f) || reserved(&name, f))
        {
            let file = base
                .file_name()
                .map(|f| format!("{}-{n}", f.to_string_lossy()))
                .unwrap_or_else(|| format!("workbook-{n}"));
            name = base.with_file_name(file);
            n += 1;
        }
        taken.extend(files_of(&name));
        out.push(Input {
            path,
            name,
            source,
            problem,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_are_made_safe() {
        assert_eq!(safe_component("q4 2012-13.v2"), "q4 2012-13.v2");
        assert_eq!(safe_component(".hidden"), "_hidden");
        assert_eq!(safe_component("a/b\\c:d*e"), "a_b_c_d_e");
        assert_eq!(safe_component(""), "_");
        assert_eq!(
            safe_relative(Path::new("../../etc/passwd")),
            PathBuf::from("etc/passwd")
        );
        assert_eq!(safe_relative(Path::new("/abs/q4")), PathBuf::from("abs/q4"));
    }
}
