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
//! cells = 2000000             # cells holding something, in the sheets read together
//! unpacked_mib = 256          # what a workbook may unpack to (a CSV file, the cells' text)
//!
//! [columns]                   # Indicators headers no alias knows, by field
//! actual = "Q3 2020/21 Value"
//! title = "Performance Indicator"
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
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The file name looked for beside a workbook.
pub const FILE_NAME: &str = "scorecard.toml";

/// The templates' folder beside the settings file, used without
/// `--template` (where `scorecard init` writes them).
pub const TEMPLATES: &str = "templates";

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
    /// `[columns]`: which header holds a field of the Indicators sheet.
    #[serde(default)]
    pub columns: Columns,
}

/// `[columns]`: the header, as written in the workbook, that holds a field of
/// the Indicators sheet (`actual = "Q3 2020/21 Value"`). Headers are matched
/// ignoring case, spaces and punctuation; a field name the sheet does not have
/// is an error naming it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Columns {
    /// The header for each field mapped, by field name (`actual`, `title`).
    pub fields: BTreeMap<&'static str, String>,
}

/// A field name of the Indicators sheet, as a key of `[columns]`. An unknown
/// name is an error raised while the key is read, so the message points at
/// the line of the misspelt key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct ColumnField(&'static str);

impl<'de> Deserialize<'de> for ColumnField {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        let fields = crate::schema::INDICATORS.fields;
        match fields.iter().find(|f| f.field == name) {
            Some(f) => Ok(ColumnField(f.field)),
            None => {
                let known: Vec<&str> = fields.iter().map(|f| f.field).collect();
                Err(serde::de::Error::custom(format!(
                    "unknown field `{name}` in [columns]; the fields of the Indicators sheet are \
                     {}",
                    known.join(", ")
                )))
            }
        }
    }
}

impl<'de> Deserialize<'de> for Columns {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let raw = BTreeMap::<ColumnField, String>::deserialize(d)?;
        Ok(Columns {
            fields: raw.into_iter().map(|(k, v)| (k.0, v)).collect(),
        })
    }
}

impl Columns {
    /// A problem with the mapping: a blank header, or one header for two fields.
    fn problem(&self) -> Option<String> {
        let mut seen: BTreeMap<String, &str> = BTreeMap::new();
        for (field, header) in &self.fields {
            let n = crate::schema::normalise_name(header);
            if n.is_empty() {
                return Some(format!(
                    "[columns] {field} = {header:?} names no header; write the column's header \
                     as it is in the workbook, or remove the line"
                ));
            }
            if let Some(other) = seen.insert(n, field) {
                return Some(format!(
                    "[columns] {other} and {field} both name the header {header:?}; a column \
                     holds one field, so map each field to its own column"
                ));
            }
        }
        None
    }
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
        if let Some(message) = config.columns.problem() {
            return Err(Error::Config {
                path: path.to_path_buf(),
                message,
                source: None,
            });
        }
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

    /// The report templates' folder for a workbook read with this settings
    /// file (`config_path`): `[report] templates`, relative to the file, else
    /// a `templates/` folder beside it (where `scorecard init` puts them),
    /// else none (the built-in templates). `--template` wins over both.
    pub fn templates(&self, config_path: Option<&Path>) -> Option<PathBuf> {
        let beside = config_path.and_then(Path::parent).unwrap_or(Path::new(""));
        match &self.report.templates {
            Some(named) => Some(beside.join(named)),
            None => {
                let dir = beside.join(TEMPLATES);
                (config_path.is_some() && dir.is_dir()).then_some(dir)
            }
        }
    }

    /// The council's Word template for a workbook read with this settings
    /// file: `[report] reference_doc`, relative to the file.
    /// `--reference-doc` wins over it.
    pub fn reference_doc(&self, config_path: Option<&Path>) -> Option<PathBuf> {
        let beside = config_path.and_then(Path::parent).unwrap_or(Path::new(""));
        self.report
            .reference_doc
            .as_ref()
            .map(|doc| beside.join(doc))
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
    fn columns_map_fields_to_headers() {
        let c = parse(
            "[columns]\nactual = \"Q3 2020/21 Value\"\ntitle = \"Performance Indicator\"\n\
             last_year_outturn = \"2019/20\"\n",
        )
        .unwrap();
        assert_eq!(
            c.columns.fields.get("actual").map(String::as_str),
            Some("Q3 2020/21 Value")
        );
        assert_eq!(
            c.columns.fields.get("title").map(String::as_str),
            Some("Performance Indicator")
        );
        assert_eq!(c.columns.fields.len(), 3);
        assert!(parse("").unwrap().columns.fields.is_empty());
        let e = parse("[columns]\nactaul = \"Score\"")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("actaul") && e.contains("last_year_outturn"),
            "{e}"
        );
        let e = parse("[columns]\nactual = \"Score\"\nytd = \"score\"")
            .unwrap_err()
            .to_string();
        assert!(e.contains("actual and ytd"), "{e}");
        let e = parse("[columns]\nactual = \" \"").unwrap_err().to_string();
        assert!(e.contains("names no header"), "{e}");
        let e = parse("[columns]\nactual = 3").unwrap_err().to_string();
        assert!(e.contains("string"), "{e}");
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
