//! `scorecard.toml`: the settings that change ratings and the report's defaults.
//!
//! ```toml
//! [rag]
//! policy = "tolerance"        # or "tolerance-and-trend", "met-or-missed"
//! tolerance = "5%"            # "5%" of the target, or 2 in the indicator's unit
//! basis = "actual"            # or "forecast"
//!
//! [calendar]
//! year_start_month = 4        # April
//!
//! [report]
//! organisation = "Lancashire County Council"
//! committee = "Cabinet Committee on Performance Improvement"
//!
//! [report.extra]
//! part_ii = "N/A"
//!
//! [limits]
//! cells = 5000000             # cells holding something, in any one sheet
//! unpacked_mib = 1024         # what a workbook may unpack to (or a CSV file hold)
//! ```
//!
//! It is found beside the workbook (or inside a CSV workbook's folder), or given
//! with `--config`. Unknown keys are an error that names the key: a typo must
//! never silently change a rating.

use crate::error::{Error, Result};
use crate::model::Tolerance;
use crate::rules::{Basis, Policy, RuleSettings};
use crate::value::{parse_text, Parsed};
use rust_decimal::Decimal;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The file name looked for beside a workbook.
pub const FILE_NAME: &str = "scorecard.toml";

/// The whole configuration.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// `[rag]`: how ratings are given.
    #[serde(default)]
    pub rag: RagConfig,
    /// `[calendar]`: the financial year.
    #[serde(default)]
    pub calendar: CalendarConfig,
    /// `[report]`: front-matter defaults, overridden by the workbook.
    #[serde(default)]
    pub report: crate::front_matter::Defaults,
    /// `[limits]`: how large a workbook is read before it is refused.
    #[serde(default)]
    pub limits: crate::workbook::Limits,
}

/// `[rag]`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RagConfig {
    /// The policy.
    #[serde(default)]
    pub policy: Policy,
    /// The default tolerance: `"5%"` relative, or a number in the unit;
    /// `None` when the file does not set one (the built-in 5% applies).
    #[serde(default, deserialize_with = "tolerance")]
    pub tolerance: Option<Tolerance>,
    /// Actual or forecast.
    #[serde(default)]
    pub basis: Basis,
}

/// The tolerance when scorecard.toml sets none.
pub fn default_tolerance() -> Tolerance {
    Tolerance::Relative(Decimal::from(5))
}

fn tolerance<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<Tolerance>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Text(String),
        Int(i64),
        Float(f64),
    }
    let text = match Raw::deserialize(d)? {
        Raw::Text(s) => s,
        Raw::Int(i) => i.to_string(),
        Raw::Float(f) => f.to_string(),
    };
    let bad = || {
        serde::de::Error::custom(format!(
            "tolerance {text:?} is not understood; write \"5%\" for 5% of the target, or 2 for \
             an amount in the indicator's unit"
        ))
    };
    match parse_text(&text).0 {
        Parsed::Number(n) if n.value >= Decimal::ZERO && n.percent => {
            Ok(Some(Tolerance::Relative(n.value)))
        }
        Parsed::Number(n) if n.value >= Decimal::ZERO => Ok(Some(Tolerance::Absolute(n.value))),
        _ => Err(bad()),
    }
}

/// `[calendar]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarConfig {
    /// The calendar month in which the financial year starts (1–12).
    #[serde(default = "april")]
    pub year_start_month: u32,
}

fn april() -> u32 {
    4
}

impl Default for CalendarConfig {
    fn default() -> Self {
        CalendarConfig {
            year_start_month: april(),
        }
    }
}

impl Config {
    /// Parses a configuration from TOML text; `path` is for messages.
    pub fn parse(text: &str, path: &Path) -> Result<Config> {
        let config: Config = toml::from_str(text).map_err(|e| Error::Config {
            path: path.to_path_buf(),
            message: e.to_string(),
            source: Some(Box::new(e)),
        })?;
        if !(1..=12).contains(&config.calendar.year_start_month) {
            return Err(Error::Config {
                path: path.to_path_buf(),
                message: format!(
                    "[calendar] year_start_month = {} is not a month; use 1 (January) to 12 \
                     (December)",
                    config.calendar.year_start_month
                ),
                source: None,
            });
        }
        Ok(config)
    }

    /// Reads a configuration file.
    pub fn load(path: &Path) -> Result<Config> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Config::parse(&text, path)
    }

    /// The configuration for a workbook: `explicit` if given, else
    /// `scorecard.toml` inside a CSV workbook's folder or beside the workbook,
    /// else the defaults. Returns the file used, if any.
    pub fn for_workbook(
        workbook: &Path,
        explicit: Option<&Path>,
    ) -> Result<(Config, Option<PathBuf>)> {
        if let Some(path) = explicit {
            return Ok((Config::load(path)?, Some(path.to_path_buf())));
        }
        let mut candidates = Vec::new();
        if workbook.is_dir() {
            candidates.push(workbook.join(FILE_NAME));
        }
        if let Some(parent) = workbook.parent() {
            let parent = if parent.as_os_str().is_empty() {
                Path::new(".")
            } else {
                parent
            };
            candidates.push(parent.join(FILE_NAME));
        }
        for candidate in candidates {
            if candidate.is_file() {
                return Ok((Config::load(&candidate)?, Some(candidate)));
            }
        }
        Ok((Config::default(), None))
    }

    /// The rule settings for a reporting period with `months_elapsed`.
    pub fn rule_settings(&self, months_elapsed: Option<u32>) -> RuleSettings {
        RuleSettings {
            policy: self.rag.policy,
            default_tolerance: self.rag.tolerance.unwrap_or_else(default_tolerance),
            basis: self.rag.basis,
            months_elapsed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config> {
        Config::parse(text, Path::new("scorecard.toml"))
    }

    #[test]
    fn defaults() {
        let c = parse("").unwrap();
        assert_eq!(c.rag.policy, Policy::Tolerance);
        assert_eq!(c.rag.tolerance, None);
        assert_eq!(c.rag.basis, Basis::Actual);
        assert_eq!(c.calendar.year_start_month, 4);
    }

    #[test]
    fn every_setting() {
        let c = parse(
            "[rag]\npolicy = \"tolerance-and-trend\"\ntolerance = \"10%\"\nbasis = \"forecast\"\n\
             [calendar]\nyear_start_month = 9\n[report]\ncommittee = \"Cabinet\"\n\
             [report.extra]\npart_ii = \"N/A\"\n",
        )
        .unwrap();
        assert_eq!(c.rag.policy, Policy::ToleranceAndTrend);
        assert_eq!(
            c.rag.tolerance,
            Some(Tolerance::Relative(Decimal::from(10)))
        );
        assert_eq!(c.rag.basis, Basis::Forecast);
        assert_eq!(c.calendar.year_start_month, 9);
        assert_eq!(
            c.report.values.get("committee").map(String::as_str),
            Some("Cabinet")
        );
        assert_eq!(
            c.report.extra.get("part_ii").map(String::as_str),
            Some("N/A")
        );
        assert_eq!(
            parse("[rag]\ntolerance = 2").unwrap().rag.tolerance,
            Some(Tolerance::Absolute(Decimal::from(2)))
        );
        assert_eq!(
            parse("[rag]\ntolerance = 2.5").unwrap().rag.tolerance,
            Some(Tolerance::Absolute(Decimal::new(25, 1)))
        );
        assert_eq!(
            parse("[rag]\npolicy = \"met-or-missed\"")
                .unwrap()
                .rag
                .policy,
            Policy::MetOrMissed
        );
    }

    #[test]
    fn unknown_keys_and_bad_values_name_the_key() {
        let e = parse("[rag]\ntolerence = \"5%\"").unwrap_err().to_string();
        assert!(e.contains("tolerence"), "{e}");
        let e = parse("[ragg]\n").unwrap_err().to_string();
        assert!(e.contains("ragg"), "{e}");
        let e = parse("[report]\ncomittee = \"x\"").unwrap_err().to_string();
        assert!(e.contains("comittee"), "{e}");
        let e = parse("[rag]\npolicy = \"lenient\"")
            .unwrap_err()
            .to_string();
        assert!(e.contains("lenient"), "{e}");
        let e = parse("[rag]\ntolerance = \"loads\"")
            .unwrap_err()
            .to_string();
        assert!(e.contains("loads"), "{e}");
        let e = parse("[calendar]\nyear_start_month = 13")
            .unwrap_err()
            .to_string();
        assert!(e.contains("13"), "{e}");
    }

    #[test]
    fn defaults_fill_only_blanks() {
        let defaults = parse("[report]\ncommittee = \"Cabinet\"\ntitle = \"Default\"\nmeeting_date = \"14 June 2013\"")
            .unwrap()
            .report;
        let mut front = crate::front_matter::FrontMatter::default();
        front.set_text("title", "From the workbook", 4).unwrap();
        let (front, rejected) = front.merge(&defaults, &[], 4).unwrap();
        assert!(rejected.is_empty());
        assert_eq!(front.meta.get("committee"), Some("Cabinet"));
        assert_eq!(front.meta.get("title"), Some("From the workbook"));
        assert_eq!(
            front.meta.meeting_date(),
            chrono::NaiveDate::from_ymd_opt(2013, 6, 14)
        );
    }
}
