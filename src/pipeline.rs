//! The whole one-way flow for one workbook: configuration, reading, rules.

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Severity};
use crate::error::Result;
use crate::normalise::{load, LoadOptions};
use crate::period::parse_period;
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
    let (config, config_path) = Config::for_workbook(workbook, config)?;
    let options = LoadOptions {
        year_start_month: config.calendar.year_start_month,
    };
    let loaded = load(workbook, &options)?;
    let mut diagnostics = loaded.diagnostics;
    let mut scorecard = loaded.scorecard;
    let had_period_text = scorecard.meta.period.is_some();
    config.report.fill(&mut scorecard.meta);
    if !had_period_text {
        if let Some(text) = scorecard.meta.period.clone() {
            match parse_period(&text, options.year_start_month) {
                Ok(p) => scorecard.period = Some(p),
                Err(e) => diagnostics.push(Diagnostic::workbook(
                    Severity::Error,
                    format!(
                        "the period in {} cannot be read: {e}",
                        config_path.as_deref().map_or_else(
                            || "the configuration".to_string(),
                            |p| p.display().to_string()
                        )
                    ),
                )),
            }
        }
    }
    let months = scorecard.period.as_ref().map(|p| p.months_elapsed);
    let rated = rate_scorecard(scorecard, config.rule_settings(months));
    diagnostics.extend(rated.diagnostics.iter().cloned());
    Ok(Prepared {
        rated,
        diagnostics,
        config,
        config_path,
    })
}
