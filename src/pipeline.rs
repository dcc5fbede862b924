//! The whole one-way flow for one workbook: configuration, reading, rules.

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Severity};
use crate::error::{Error, Result};
use crate::front_matter::{Defaults, FrontMatter};
use crate::normalise::{load, LoadOptions};
use crate::rules::scorecard::{rate_scorecard, RatedScorecard};
use std::path::{Path, PathBuf};

/// A workbook read and rated, with every diagnostic.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The rated scorecard.
    pub rated: RatedScorecard,
    /// Reading problems, then the rules' problems.
    pub diagnostics: Vec<Diagnostic>,
    /// The configuration in force.
    pub config: Config,
    /// The configuration file used, if any.
    pub config_path: Option<PathBuf>,
}

impl Prepared {
    /// The report of this workbook, as a renderer takes it: `part` of the
    /// paper, with charts unless the settings file turns them off.
    pub fn report(&self, part: crate::report::Part) -> crate::report::RatedReport<'_> {
        crate::report::RatedReport {
            rated: &self.rated,
            diagnostics: &self.diagnostics,
            part,
            charts: self.config.report.charts.unwrap_or(true),
        }
    }

    /// How many diagnostics have the given severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// Reads and rates a workbook. `config` is an explicit scorecard.toml; without
/// it one is looked for beside the workbook.
pub fn prepare(workbook: &Path, config: Option<&Path>) -> Result<Prepared> {
    prepare_with(workbook, config, &[])
}

/// Reads and rates a workbook, with `--set key=value` pairs applied to the
/// front matter before rating (a period set here is the one profiled to).
pub fn prepare_with(
    workbook: &Path,
    config: Option<&Path>,
    sets: &[(String, String)],
) -> Result<Prepared> {
    prepare_since(workbook, config, sets, None)
}

/// The previous report's workbook: the one given, else `[report] previous`
/// in the settings file (relative to that file).
pub fn previous_workbook(
    given: Option<&Path>,
    config: &Config,
    config_path: Option<&Path>,
) -> Option<PathBuf> {
    given.map(Path::to_path_buf).or_else(|| {
        let named = config.report.previous.as_deref()?;
        let base = config_path.and_then(Path::parent).unwrap_or(Path::new(""));
        Some(base.join(named))
    })
}

/// Reads and rates a workbook as [`prepare_with`] does, and, with the
/// previous report's workbook (`previous`, else `[report] previous`), reads
/// and rates that one with its own settings and compares the two (SPEC
/// §4a): its figures stand in as History where this workbook gives no
/// Previous, and the rated scorecard carries what changed.
pub fn prepare_since(
    workbook: &Path,
    config: Option<&Path>,
    sets: &[(String, String)],
    previous: Option<&Path>,
) -> Result<Prepared> {
    prepare_inner(workbook, config, sets, previous, true)
}

/// The flow itself. The previous report's workbook is read with
/// `follow_settings` off, so its own `[report] previous` (often the same
/// settings file) does not lead on to the one before it.
fn prepare_inner(
    workbook: &Path,
    config: Option<&Path>,
    sets: &[(String, String)],
    previous: Option<&Path>,
    follow_settings: bool,
) -> Result<Prepared> {
    let (config, config_path) = Config::for_workbook(workbook, config)?;
    let year_start_month = config.calendar.year_start_month;
    // The periods given outside the workbook, for placing its headers naming
    // a period; a value that cannot be read is reported by the merge below.
    let period_of = |defaults: &Defaults, sets: &[(String, String)]| {
        FrontMatter::default()
            .merge(defaults, sets, year_start_month)
            .ok()
            .and_then(|(front, _)| front.period)
    };
    let options = LoadOptions {
        year_start_month,
        limits: config.limits,
        columns: config.columns.fields.clone(),
        period_override: period_of(&Defaults::default(), sets),
        period_default: period_of(&config.report, &[]),
    };
    let loaded = load(workbook, &options)?;
    let mut diagnostics = loaded.diagnostics;
    let mut scorecard = loaded.scorecard;
    let workbook_front = FrontMatter {
        meta: std::mem::take(&mut scorecard.meta),
        period: scorecard.period.take(),
    };
    let (front, rejected) = workbook_front
        .merge(&config.report, sets, options.year_start_month)
        .map_err(|r| Error::Setting {
            message: r.problem.describe(&r.value),
            key: r.key,
        })?;
    let settings_file = config_path.as_deref().map_or_else(
        || "the configuration".to_string(),
        |p| p.display().to_string(),
    );
    for r in rejected {
        diagnostics.push(Diagnostic::workbook(
            Severity::Error,
            format!(
                "[report] {} in {settings_file}: {}",
                r.key,
                r.problem.describe(&r.value)
            ),
        ));
    }
    scorecard.meta = front.meta;
    scorecard.period = front.period;
    let previous = match previous_workbook(previous, &config, config_path.as_deref()) {
        Some(path) if follow_settings || previous.is_some() => {
            Some(prepare_inner(&path, None, &[], None, false)?)
        }
        _ => None,
    };
    if let Some(then) = &previous {
        let carried =
            crate::rules::previous::carried_forward(&scorecard, &then.rated, "the previous report");
        scorecard.history.extend(carried);
    }
    let months = scorecard.period.as_ref().map(|p| p.months_elapsed);
    let mut rated = rate_scorecard(scorecard, config.rule_settings(months));
    if let Some(then) = &previous {
        let mut since = crate::rules::previous::since(&rated, &then.rated);
        since.warnings = crate::rules::previous::restatements(&rated, &then.rated);
        rated.diagnostics.extend(since.warnings.iter().cloned());
        rated.since = Some(since);
    }
    diagnostics.extend(rated.diagnostics.iter().cloned());
    diagnostics.extend(crate::rules::cross_sheet::cross_sheet(&rated));
    Ok(Prepared {
        rated,
        diagnostics,
        config,
        config_path,
    })
}
