//! Many workbooks at once, in parallel: finding them, naming their outputs
//! safely, and writing each one's report independently so that one failure
//! does not stop the rest. A batch can be split across CI runners
//! ([`shard`]), leaves a [`manifest`] of what it did, skips what has not
//! changed since that manifest ([`fingerprint`]), and many manifests make one
//! [`index`] page.

pub mod fingerprint;
pub mod index;
mod inputs;
pub mod manifest;
pub mod shard;

pub use inputs::{expand, find_inputs, find_inputs_for, Input, What};

use crate::config::Config;
use crate::diagnostics::Severity;
use crate::error::Error;
use crate::output::write_atomic;
use crate::pipeline::{prepare_since, previous_workbook, Prepared};
use crate::report::{renderer, Format, Look, Part, Renderer};
use manifest::{slashed, Counts, Entry, Manifest, Status};
use rayon::prelude::*;
use shard::Shard;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// What happened to one workbook.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The workbook.
    pub input: PathBuf,
    /// The files written.
    pub written: Vec<PathBuf>,
    /// Why it failed, if it did: the first error.
    pub failure: Option<String>,
    /// Skipped by `--changed-only`: the workbook and its settings are those
    /// of the manifest, and its outputs are there.
    pub unchanged: bool,
}

impl Outcome {
    fn failed(input: &Path, failure: String) -> Outcome {
        Outcome {
            input: input.to_path_buf(),
            written: Vec::new(),
            failure: Some(failure),
            unchanged: false,
        }
    }
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
    /// The council's Word template, for Word reports.
    pub reference_doc: Option<PathBuf>,
    /// Where the last reports' workbooks are, under the same names: each
    /// workbook is compared with its namesake there, when there is one.
    pub previous_dir: Option<PathBuf>,
    /// The part of the inputs this run takes (`--shard K/N`); all without.
    pub shard: Option<Shard>,
    /// Skip a workbook whose content and settings match the manifest already
    /// in `out` and whose outputs are there.
    pub changed_only: bool,
}

/// A whole batch run: each workbook's outcome, and the manifest left.
#[derive(Debug)]
pub struct Run {
    /// The outcome of each workbook this run took, in the order found.
    pub outcomes: Vec<Outcome>,
    /// How many workbooks were found in all, before sharding.
    pub found: usize,
    /// The manifest, as written to [`Run::manifest_path`].
    pub manifest: Manifest,
    /// Where the manifest is.
    pub manifest_path: PathBuf,
    /// What the reader should know: a manifest that could not be read (its
    /// workbooks all done again), reports and manifests removed or left.
    pub warnings: Vec<String>,
}

/// The last report's workbook of `input`: its namesake under `dir`, at the
/// same path relative to the folder given (`q3/services/adults.xlsx` given
/// as `q3` → `DIR/services/adults.xlsx`; a workbook given by itself →
/// `DIR/adults.xlsx`), when there is one.
fn predecessor(dir: &Path, input: &Input) -> Option<PathBuf> {
    // Its own path below the argument, as it is (not its cleaned-up output
    // name): `q4/Adults & Health.xlsx` → `DIR/q4/Adults & Health.xlsx`, then
    // `DIR/Adults & Health.xlsx`.
    let inside: PathBuf = input.source.components().skip(1).collect();
    let found = [input.source.as_path(), inside.as_path()]
        .into_iter()
        .filter(|rel| !rel.as_os_str().is_empty())
        .map(|rel| dir.join(rel))
        .find(|p| p.exists());
    found
}

/// The renderers of a run, one per look (templates folder and Word
/// template), made when first needed: `--template` and `--reference-doc`
/// for all, else each workbook's own (`[report] templates` or `templates/`
/// beside its scorecard.toml, and `[report] reference_doc`).
struct Renderers {
    format: Format,
    /// Each renderer with the hash of the templates it loaded.
    by_look: Mutex<HashMap<LookPaths, Made>>,
}

/// Where a workbook's report takes its look from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
struct LookPaths {
    templates: Option<PathBuf>,
    reference_doc: Option<PathBuf>,
}

/// A renderer and the hash of the templates it was made from.
type Made = (Arc<dyn Renderer>, String);

impl Renderers {
    /// The renderer for a templates folder, and the hash of the templates
    /// it was made from (taken as it is made, not again per workbook, so an
    /// edit during the run is never recorded against a report written
    /// through the old templates).
    fn get(&self, look: &LookPaths) -> Result<Made, Error> {
        if let Some(found) = self.by_look.lock().ok().and_then(|m| m.get(look).cloned()) {
            return Ok(found);
        }
        let made = Renderers::make(self.format, look)?;
        if let Ok(mut map) = self.by_look.lock() {
            map.insert(look.clone(), made.clone());
        }
        Ok(made)
    }

    fn make(format: Format, look: &LookPaths) -> Result<Made, Error> {
        let names = crate::report::tera_renderer::templates_read(format);
        // A Word template only shapes a Word report.
        let reference_doc = look
            .reference_doc
            .as_deref()
            .filter(|_| format == Format::Docx);
        let hash = fingerprint::look(look.templates.as_deref(), &names, reference_doc);
        let look = Look {
            templates: look.templates.as_deref(),
            reference_doc,
        };
        Ok((Arc::from(renderer(format, look)?), hash))
    }
}

/// What shapes one workbook's outputs besides its own content, found before
/// it is read: its settings, templates and previous workbook.
struct Plan {
    config_path: Option<PathBuf>,
    look: LookPaths,
    previous: Option<PathBuf>,
    /// The settings file the previous workbook is read with (its own).
    previous_config: Option<PathBuf>,
    /// The outputs it writes: (part, path below `out`).
    outputs: Vec<(Part, PathBuf)>,
}

fn plan(input: &Input, options: &Options) -> Result<Plan, Error> {
    let (config, config_path) = Config::for_workbook(&input.path, options.config.as_deref())?;
    let look = LookPaths {
        templates: options
            .template
            .clone()
            .or_else(|| config.templates(config_path.as_deref())),
        reference_doc: options
            .reference_doc
            .clone()
            .or_else(|| config.reference_doc(config_path.as_deref())),
    };
    let given_previous = options
        .previous_dir
        .as_deref()
        .and_then(|dir| predecessor(dir, input));
    let previous = previous_workbook(given_previous.as_deref(), &config, config_path.as_deref());
    let outputs = options
        .what
        .parts()
        .iter()
        .map(|(part, suffix)| {
            let file = match input.name.file_name() {
                Some(f) => format!(
                    "{}{suffix}.{}",
                    f.to_string_lossy(),
                    options.format.extension()
                ),
                None => format!("workbook{suffix}.{}", options.format.extension()),
            };
            (*part, input.name.with_file_name(file))
        })
        .collect();
    // The previous workbook is read with the settings file beside it; one
    // that cannot be read fails the workbook when it is prepared.
    let previous_config = previous
        .as_deref()
        .and_then(|p| Config::for_workbook(p, None).ok())
        .and_then(|(_, path)| path);
    Ok(Plan {
        config_path,
        look,
        previous,
        previous_config,
        outputs,
    })
}

/// The manifest entry of a workbook that could not be looked at.
fn entry_of_failure(input: &Input, settings: String, error: &str) -> Entry {
    Entry {
        input: input.path.to_string_lossy().into_owned(),
        name: slashed(&input.name),
        hash: None,
        settings,
        status: Status::Failed,
        outputs: Vec::new(),
        title: None,
        period: None,
        counts: None,
        errors: 0,
        warnings: 0,
        error: Some(error.to_string()),
    }
}

/// What the manifest says of a workbook read and rated.
fn entry_of(input: &Input, hash: String, settings: String, prepared: &Prepared) -> Entry {
    let rated = &prepared.rated;
    let meta = &rated.scorecard.meta;
    let title = [meta.get("organisation"), meta.get("committee")]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" — ");
    let summary = &rated.summary;
    Entry {
        input: input.path.to_string_lossy().into_owned(),
        name: slashed(&input.name),
        hash: Some(hash),
        settings,
        status: Status::Done,
        outputs: Vec::new(),
        title: (!title.is_empty()).then_some(title),
        period: rated
            .scorecard
            .period
            .as_ref()
            .map(|p| p.long_label.clone()),
        counts: Some(Counts {
            indicators: summary.indicators,
            green: summary.green,
            amber: summary.amber,
            red: summary.red,
            not_rated: summary.not_rated,
        }),
        errors: prepared.count(Severity::Error),
        warnings: prepared.count(Severity::Warning),
        error: None,
    }
}

/// The entry of the last run to keep for an unchanged workbook: done, with
/// the same content and settings, the same outputs, and each output file
/// still holding what was written (a report changed or replaced since, or
/// left by a run killed before its manifest, is written again).
fn unchanged<'a>(
    before: &'a HashMap<String, Entry>,
    input: &Input,
    hash: &str,
    settings: &str,
    outputs: &[String],
    out: &Path,
) -> Option<&'a Entry> {
    let entry = before.get(&slashed(&input.name))?;
    let same = entry.status == Status::Done
        && entry.hash.as_deref() == Some(hash)
        && entry.settings == settings
        && entry.outputs.len() == outputs.len()
        && entry.outputs.iter().zip(outputs).all(|(o, planned)| {
            o.path == *planned
                && manifest::relative(&o.path)
                    .is_some_and(|p| fingerprint::file(&out.join(p)).is_ok_and(|now| now == o.hash))
        });
    same.then_some(entry)
}

/// A workbook that failed before it was written: its outcome and entry.
fn failed(
    input: &Input,
    settings: String,
    hash: Option<String>,
    error: impl std::fmt::Display,
) -> (Outcome, Entry) {
    let error = error.to_string();
    let mut entry = entry_of_failure(input, settings, &error);
    entry.hash = hash;
    (Outcome::failed(&input.path, error), entry)
}

fn one(
    input: &Input,
    options: &Options,
    renderers: &Renderers,
    before: &HashMap<String, Entry>,
) -> (Outcome, Entry) {
    if let Some(problem) = &input.problem {
        return failed(input, String::new(), None, problem);
    }
    let plan = match plan(input, options) {
        Ok(plan) => plan,
        Err(e) => return failed(input, String::new(), None, e),
    };
    let (renderer, templates) = match renderers.get(&plan.look) {
        Ok(made) => made,
        Err(e) => return failed(input, String::new(), None, e),
    };
    let settings = fingerprint::settings(&fingerprint::Settings {
        format: options.format.name(),
        what: options.what.name(),
        config: plan.config_path.as_deref(),
        templates: &templates,
        previous: plan.previous.as_deref(),
        previous_config: plan.previous_config.as_deref(),
    });
    let hash = match fingerprint::workbook(&input.path) {
        Ok(hash) => hash,
        Err(source) => {
            let path = input.path.clone();
            return failed(input, settings, None, Error::Io { path, source });
        }
    };
    let outputs: Vec<String> = plan.outputs.iter().map(|(_, p)| slashed(p)).collect();
    if options.changed_only {
        if let Some(entry) = unchanged(before, input, &hash, &settings, &outputs, &options.out) {
            let mut entry = entry.clone();
            entry.input = input.path.to_string_lossy().into_owned();
            let outcome = Outcome {
                input: input.path.clone(),
                written: Vec::new(),
                failure: None,
                unchanged: true,
            };
            return (outcome, entry);
        }
    }
    let prepared = match prepare_since(
        &input.path,
        options.config.as_deref(),
        &[],
        plan.previous.as_deref(),
    ) {
        Ok(p) => p,
        Err(e) => return failed(input, settings, Some(hash), e),
    };
    let mut entry = entry_of(input, hash, settings, &prepared);
    let mut outcome = Outcome {
        input: input.path.clone(),
        written: Vec::new(),
        failure: None,
        unchanged: false,
    };
    for ((part, rel), name) in plan.outputs.iter().zip(outputs) {
        let dest = options.out.join(rel);
        let report = prepared.report(*part);
        // The bytes as written (a Word or PDF file is not text).
        let result = renderer.render_to_bytes(&report).and_then(|bytes| {
            if let Some(parent) = dest.parent() {
                std::fs::create_dir_all(parent).map_err(|source| Error::Write {
                    path: parent.to_path_buf(),
                    source,
                })?;
            }
            write_atomic(&dest, &bytes, &input.path)?;
            Ok(fingerprint::bytes(&bytes))
        });
        match result {
            Ok(hash) => {
                outcome.written.push(dest);
                entry.outputs.push(manifest::Output { path: name, hash });
            }
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
    if outcome.failure.is_some() {
        entry.status = Status::Failed;
        entry.error.clone_from(&outcome.failure);
    }
    (outcome, entry)
}

/// The manifest this run will replace (its own split's: `manifest.json`, or
/// `manifest-K-of-N.json`), when there is one: `Err` with a warning when it
/// cannot be read (for `--changed-only`, every workbook is then done again).
fn own_manifest(out: &Path, shard: Option<Shard>) -> Option<Result<Manifest, String>> {
    let path = out.join(Shard::manifest_name(shard));
    manifest::is_ours(&path)
        .then(|| Manifest::read(&path).map_err(|e| format!("{e}; every workbook is done again")))
}

/// The outputs the manifests `replaced` list that `now` does not, with the
/// hash each was written with: paths inside `out` only.
fn stale_outputs(out: &Path, replaced: &[Manifest], now: &Manifest) -> Vec<(PathBuf, String)> {
    let written: std::collections::HashSet<&str> = now
        .workbooks
        .iter()
        .flat_map(|e| e.outputs.iter().map(|o| o.path.as_str()))
        .collect();
    let mut stale = Vec::new();
    for old in replaced {
        for o in old.workbooks.iter().flat_map(|e| &e.outputs) {
            if written.contains(o.path.as_str()) {
                continue;
            }
            if let Some(rel) = manifest::relative(&o.path) {
                stale.push((out.join(rel), o.hash.clone()));
            }
        }
    }
    stale
}

/// The inputs a shard takes (all of them without one), in the order found.
pub fn in_shard(inputs: &[Input], shard: Option<Shard>) -> Vec<&Input> {
    let shard = shard.unwrap_or(Shard::WHOLE);
    inputs
        .iter()
        .filter(|i| shard.takes(&slashed(&i.name)))
        .collect()
}

/// Runs a batch. `progress` is called once per workbook as it finishes.
/// A workbook fails when it cannot be read, rendered or written, or when it
/// has errors (its report is still written, so the officer can see it).
/// With a shard, only the inputs of that shard are done; the manifest
/// (`manifest.json`, or `manifest-K-of-N.json` for a shard) is written to
/// `out` last, and only when its bytes change.
pub fn run(
    inputs: &[Input],
    options: &Options,
    progress: &(dyn Fn(&Outcome) + Sync),
) -> Result<Run, Error> {
    // The look given on the command line is made first, so that a bad
    // template or Word template stops the run before any work.
    let given = LookPaths {
        templates: options.template.clone(),
        reference_doc: options.reference_doc.clone(),
    };
    let first = Renderers::make(options.format, &given)?;
    if !options
        .what
        .parts()
        .iter()
        .all(|(part, _)| first.0.writes(*part))
    {
        return Err(Error::Usage {
            message: format!(
                "--what {} writes Appendix A, which is written as Markdown, HTML, Word or PDF, not as {}; \
                 use --format md, html, docx or pdf, or --what report",
                options.what.name(),
                options.format.name()
            ),
        });
    }
    let renderers = Renderers {
        format: options.format,
        by_look: Mutex::new(HashMap::from([(given, first)])),
    };
    std::fs::create_dir_all(&options.out).map_err(|source| Error::Write {
        path: options.out.clone(),
        source,
    })?;
    // The manifest's file may be somebody else's (a web app's
    // `manifest.json` on a published site): never replaced.
    let manifest_path = options.out.join(Shard::manifest_name(options.shard));
    if manifest_path.exists() && !manifest::is_ours(&manifest_path) {
        return Err(Error::Manifest {
            path: manifest_path,
            message: "this file is not a manifest scorecard wrote, and a batch would replace \
                      it; move it, or give --out another folder"
                .to_string(),
        });
    }
    let mut warnings = Vec::new();
    let own = match own_manifest(&options.out, options.shard) {
        Some(Ok(m)) => Some(m),
        Some(Err(warning)) => {
            if options.changed_only {
                warnings.push(warning);
            }
            None
        }
        None => None,
    };
    let before: HashMap<String, Entry> = match &own {
        Some(m) if options.changed_only => m
            .workbooks
            .iter()
            .map(|e| (e.name.clone(), e.clone()))
            .collect(),
        _ => HashMap::new(),
    };
    let taken = in_shard(inputs, options.shard);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs)
        .build()
        .map_err(|e| {
            Error::write(
                &options.out,
                format!("cannot start the worker threads: {e}"),
            )
        })?;
    let results: Vec<(Outcome, Entry)> = pool.install(|| {
        taken
            .par_iter()
            .map(|input| {
                // The last line of defence: a panic while rating or writing one
                // workbook makes that workbook a failure, not the whole run.
                let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    one(input, options, &renderers, &before)
                }))
                .unwrap_or_else(|_| {
                    let failure = "an internal error stopped this workbook's report; please \
                                   report it with the workbook";
                    (
                        Outcome::failed(&input.path, failure.to_string()),
                        entry_of_failure(input, String::new(), failure),
                    )
                });
                progress(&result.0);
                result
            })
            .collect()
    });
    let (outcomes, entries): (Vec<Outcome>, Vec<Entry>) = results.into_iter().unzip();
    let manifest = Manifest {
        manifest: manifest::VERSION,
        scorecard: env!("CARGO_PKG_VERSION").to_string(),
        format: options.format.name().to_string(),
        what: options.what.name().to_string(),
        shard: options.shard,
        workbooks: entries,
    };
    let name = Shard::manifest_name(options.shard);
    let other_splits = manifest::other_splits(&options.out, options.shard);
    let replaced: Vec<Manifest> = own
        .into_iter()
        .chain(other_splits.iter().filter_map(|p| Manifest::read(p).ok()))
        .collect();
    let stale = stale_outputs(&options.out, &replaced, &manifest);
    manifest.write(&options.out, &name)?;
    // What the manifests being replaced listed and this run did not write:
    // reports of workbooks no longer among the inputs, or now another
    // shard's. Each is removed only while it holds what was written (a file
    // edited since is left, and named).
    let mut removed = 0;
    for (path, recorded) in stale {
        match fingerprint::file(&path) {
            Ok(now) if now == recorded => match std::fs::remove_file(&path) {
                Ok(()) => removed += 1,
                Err(e) => warnings.push(format!("{} cannot be removed: {e}", path.display())),
            },
            Ok(_) => warnings.push(format!(
                "{} is no longer written by this run, but was changed since it was; it is left",
                path.display()
            )),
            Err(_) => {}
        }
    }
    if removed > 0 {
        warnings.push(format!(
            "removed {removed} report{} of workbooks this run no longer takes",
            if removed == 1 { "" } else { "s" }
        ));
    }
    // Manifests of another split (the whole batch, or N parts) no longer
    // describe what is here.
    for old in other_splits {
        match std::fs::remove_file(&old) {
            Ok(()) => warnings.push(format!(
                "removed {}, the manifest of an earlier run split another way",
                old.display()
            )),
            Err(e) => warnings.push(format!(
                "{} is the manifest of an earlier run split another way, and cannot be \
                 removed: {e}",
                old.display()
            )),
        }
    }
    Ok(Run {
        outcomes,
        found: inputs.len(),
        manifest,
        manifest_path: options.out.join(name),
        warnings,
    })
}
