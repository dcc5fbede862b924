//! The whole one-way flow for one workbook: configuration, reading, rules.

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Severity};
use crate::error::{Error, Result};
use crate::model::Scorecard;
use crate::normalise::{load, LoadOptions};
use crate::period::parse_period;
use crate::rules::scorecard::{rate_scorecard, RatedScorecard};
use crate::schema;
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
    prepare_with(workbook, config, &[])
}

/// A `--set key=value` that cannot be used.
fn bad_set(key: &str, message: String) -> Error {
    Error::Setting {
        key: key.to_string(),
        message,
    }
}

/// Applies one `--set key=value` to the front matter: the command line wins
/// over the workbook and the configuration file.
fn apply_set(
    scorecard: &mut Scorecard,
    key: &str,
    value: &str,
    year_start_month: u32,
) -> Result<()> {
    let meta = &mut scorecard.meta;
    let value = value.trim().to_string();
    let Some(field) = schema::REPORT.field_for_header(key) else {
        meta.extra.insert(key.trim().to_string(), value);
        return Ok(());
    };
    if let Some(slot) = meta.text_field_mut(field) {
        *slot = Some(value);
        return Ok(());
    }
    match field {
        "meeting_date" => match crate::dates::parse_date_text(&value) {
            Some(crate::model::DateOrText::Date(d)) => {
                meta.meeting_date = Some(d);
                Ok(())
            }
            _ => Err(bad_set(
                key,
                format!("'{value}' is not a date; write it like 14/06/2013 or 14 June 2013"),
            )),
        },
        "period" => {
            let period = parse_period(&value, year_start_month).map_err(|e| bad_set(key, e))?;
            scorecard.period = Some(period);
            scorecard.meta.period = Some(value);
            Ok(())
        }
        _ => Ok(()),
    }
}

/// Reads and rates a workbook, with `--set key=value` pairs applied to the
/// front matter before rating (a period set here is the one profiled to).
pub fn prepare_with(
    workbook: &Path,
    config: Option<&Path>,
    sets: &[(String, String)],
) -> Result<Prepared> {
    let (config, config_path) = Config::for_workbook(workbook, config)?;
    let options = LoadOptions {
        year_start_month: config.calendar.year_start_month,
        limits: config.limits,
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
    for (key, value) in sets {
        apply_set(&mut scorecard, key, value, options.year_start_month)?;
    }
    let months = scorecard.period.as_ref().map(|p| p.months_elapsed);
    let rated = rate_scorecard(scorecard, config.rule_settings(months));
    diagnostics.extend(rated.diagnostics.iter().cloned());
    diagnostics.extend(crate::validate::cross_sheet(&rated));
    Ok(Prepared {
        rated,
        diagnostics,
        config,
        config_path,
    })
}
