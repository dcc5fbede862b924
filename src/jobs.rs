//! Many workbooks at once, in parallel: finding them, naming their outputs
//! safely, and writing each one's report independently so that one failure
//! does not stop the rest.

use crate::diagnostics::Severity;
use crate::error::Error;
use crate::output::write_atomic;
use crate::pipeline::prepare_since;
use crate::report::{renderer, Format, Part, RatedReport, Renderer};
use crate::workbook::SPREADSHEET_EXTENSIONS;
use rayon::prelude::*;
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

/// What happened to one workbook.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The workbook.
    pub input: PathBuf,
    /// The files written.
    pub written: Vec<PathBuf>,
    /// Why it failed, if it did: the first error.
    pub failure: Option<String>,
}

fn is_spreadsheet(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| SPREADSHEET_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// A folder that is itself a CSV workbook (it has an indicators file).
fn is_csv_workbook(dir: &Path) -> bool {
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
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
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

/// [`find_inputs`], with names chosen so that no file written for one
/// workbook (its report, its `-appendix`) is a file written for another.
pub fn find_inputs_for(inputs: &[PathBuf], what: What) -> Vec<Input> {
    let mut found: Vec<Found> = Vec::new();
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
                Some(format!("cannot open {}: {e}", input.display())),
            )),
            Ok(meta) if meta.is_dir() && !is_csv_workbook(input) => {
                let mut inside = Vec::new();
                walk(input, input, &mut seen, &mut inside);
                found.extend(
                    inside
                        .into_iter()
                        .map(|(p, rel, problem)| (p, own_name.join(rel), problem)),
                );
            }
            Ok(_) => found.push((input.clone(), own_name.with_extension(""), None)),
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
    let mut out = Vec::with_capacity(found.len());
    for (path, rel, problem) in found {
        let base = safe_relative(&rel);
        let mut name = base.clone();
        let mut n = 2;
        while files_of(&name).iter().any(|f| taken.contains(f)) {
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
            problem,
        });
    }
    out
}

/// Settings for a batch.
#[derive(Debug, Clone)]
pub struct Options {
    /// Where outputs go.
    pub out: PathBuf,
    /// What to write.
    pub what: What,
    /// The format.
    pub format: Format,
    /// How many workbooks at once (0: one per core).
    pub jobs: usize,
    /// A settings file for every workbook.
    pub config: Option<PathBuf>,
    /// Template overrides.
    pub template: Option<PathBuf>,
    /// Where the last reports' workbooks are, under the same names: each
    /// workbook is compared with its namesake there, when there is one.
    pub previous_dir: Option<PathBuf>,
}

/// The last report's workbook of `input`: its namesake under `dir`, at the
/// same path relative to the folder given (`q3/services/adults.xlsx` given
/// as `q3` → `DIR/services/adults.xlsx`; a workbook given by itself →
/// `DIR/adults.xlsx`), when there is one.
fn predecessor(dir: &Path, input: &Input) -> Option<PathBuf> {
    let with_ext = |name: &Path| {
        let mut path = dir.join(name).into_os_string();
        if let Some(ext) = input.path.extension() {
            path.push(".");
            path.push(ext);
        }
        PathBuf::from(path)
    };
    let inside: PathBuf = input.name.components().skip(1).collect();
    let found = [input.name.as_path(), inside.as_path()]
        .into_iter()
        .filter(|name| !name.as_os_str().is_empty())
        .map(with_ext)
        .find(|p| p.exists());
    found
}

fn one(input: &Input, options: &Options, renderer: &dyn Renderer) -> Outcome {
    let mut outcome = Outcome {
        input: input.path.clone(),
        written: Vec::new(),
        failure: input.problem.clone(),
    };
    if outcome.failure.is_some() {
        return outcome;
    }
    let previous = options
        .previous_dir
        .as_deref()
        .and_then(|dir| predecessor(dir, input));
    let prepared = match prepare_since(
        &input.path,
        options.config.as_deref(),
        &[],
        previous.as_deref(),
    ) {
        Ok(p) => p,
        Err(e) => {
            outcome.failure = Some(e.to_string());
            return outcome;
        }
    };
    for (part, suffix) in options.what.parts() {
        let file = match input.name.file_name() {
            Some(f) => format!(
                "{}{suffix}.{}",
                f.to_string_lossy(),
                options.format.extension()
            ),
            None => format!("workbook{suffix}.{}", options.format.extension()),
        };
        let dest = options.out.join(input.name.with_file_name(file));
        let report = RatedReport {
            rated: &prepared.rated,
            diagnostics: &prepared.diagnostics,
            part: *part,
        };
        let result = renderer.render_to_string(&report).and_then(|text| {
            if let Some(parent) = dest.parent() {
                std::fs::create_dir_all(parent).map_err(|source| Error::Write {
                    path: parent.to_path_buf(),
                    source,
                })?;
            }
            write_atomic(&dest, text.as_bytes(), &input.path)
        });
        match result {
            Ok(()) => outcome.written.push(dest),
            Err(e) => {
                outcome.failure.get_or_insert_with(|| e.to_string());
            }
        }
    }
    if outcome.failure.is_none() {
        if let Some(d) = prepared
            .diagnostics
            .iter()
            .find(|d| d.severity == Severity::Error)
        {
            let errors = prepared.count(Severity::Error);
            outcome.failure = Some(format!(
                "{} error{} in the workbook, the first: {d}",
                errors,
                if errors == 1 { "" } else { "s" }
            ));
        }
    }
    outcome
}

/// Runs a batch. `progress` is called once per workbook as it finishes.
/// A workbook fails when it cannot be read, rendered or written, or when it
/// has errors (its report is still written, so the officer can see it).
pub fn run(
    inputs: &[Input],
    options: &Options,
    progress: &(dyn Fn(&Outcome) + Sync),
) -> Result<Vec<Outcome>, Error> {
    let renderer = renderer(options.format, options.template.as_deref())?;
    if !options
        .what
        .parts()
        .iter()
        .all(|(part, _)| renderer.writes(*part))
    {
        return Err(Error::Usage {
            message: format!(
                "--what {} writes Appendix A, which is written as Markdown or HTML, not as {}; \
                 use --format md or --format html, or --what report",
                options.what.name(),
                options.format.name()
            ),
        });
    }
    std::fs::create_dir_all(&options.out).map_err(|source| Error::Write {
        path: options.out.clone(),
        source,
    })?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs)
        .build()
        .map_err(|e| {
            Error::write(
                &options.out,
                format!("cannot start the worker threads: {e}"),
            )
        })?;
    Ok(pool.install(|| {
        inputs
            .par_iter()
            .map(|input| {
                // The last line of defence: a panic while rating or writing one
                // workbook makes that workbook a failure, not the whole run.
                let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    one(input, options, renderer.as_ref())
                }))
                .unwrap_or_else(|_| Outcome {
                    input: input.path.clone(),
                    written: Vec::new(),
                    failure: Some(
                        "an internal error stopped this workbook's report; please report it \
                         with the workbook"
                            .to_string(),
                    ),
                });
                progress(&outcome);
                outcome
            })
            .collect()
    }))
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
