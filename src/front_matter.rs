//! The report's front matter: its keys, where each value comes from and which
//! wins, and the reading of the two keys that are not plain text (the meeting
//! date and the period).
//!
//! A key is given by `scorecard.toml` (`[report]`), by the workbook's Report
//! sheet, or by `--set key=value`, in increasing precedence: the settings file
//! fills what the workbook leaves blank, and the command line wins over both. Adding a key is
//! one line in [`KEYS`]: the Report sheet, `[report]`, `--set`, the templates
//! (`meta.KEY`) and the JSON view all take their keys from it.

use crate::dates::{parse_date_text, read_date_cell};
use crate::model::{DateOrText, ReportMeta};
use crate::period::{parse_period, ReportingPeriod};
use crate::schema::{FieldSpec, SheetSpec};
use crate::workbook::{CellValue, DateSystem};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// What a key's value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Plain text, shown as written.
    Text,
    /// Markdown: paragraphs, lists, emphasis.
    Markdown,
    /// A date (the meeting date).
    Date,
    /// The reporting period (`2012/13 Q4`), which the rules profile targets to.
    Period,
}

/// One front-matter key.
#[derive(Debug, Clone, Copy)]
pub struct Key {
    /// Its name in `[report]`, `--set` and the templates (`meta.committee`).
    pub field: &'static str,
    /// The names the Report sheet may give it (the first is the usual one).
    pub names: &'static [&'static str],
    /// What its value is.
    pub kind: Kind,
}

const fn key(field: &'static str, names: &'static [&'static str], kind: Kind) -> Key {
    Key { field, names, kind }
}

/// Every front-matter key, in the order of the JSON view.
pub const KEYS: &[Key] = &[
    key(
        "organisation",
        &["Organisation", "Organization", "Council"],
        Kind::Text,
    ),
    key("committee", &["Committee"], Kind::Text),
    key(
        "meeting_date",
        &["Meeting date", "Date of meeting", "Date"],
        Kind::Date,
    ),
    key("venue", &["Venue", "Place"], Kind::Text),
    key("agenda_item", &["Agenda item", "Item"], Kind::Text),
    key("title", &["Title"], Kind::Text),
    key("report_of", &["Report of"], Kind::Text),
    key(
        "electoral_divisions",
        &[
            "Electoral divisions",
            "Electoral division",
            "Wards affected",
        ],
        Kind::Text,
    ),
    key(
        "contact",
        &["Contact", "Contact for further information"],
        Kind::Text,
    ),
    key("period", &["Period", "Reporting period"], Kind::Period),
    key(
        "recommendations",
        &["Recommendations", "Recommendation"],
        Kind::Markdown,
    ),
    key("background", &["Background"], Kind::Markdown),
    key("consultations", &["Consultations"], Kind::Markdown),
    key(
        "risk_management",
        &["Risk management", "Implications"],
        Kind::Markdown,
    ),
    key("background_papers", &["Background papers"], Kind::Markdown),
];

const fn field_specs<const N: usize>(keys: &[Key]) -> [FieldSpec; N] {
    let mut out = [FieldSpec {
        field: "",
        headers: &[],
    }; N];
    let mut i = 0;
    while i < N {
        out[i] = FieldSpec {
            field: keys[i].field,
            headers: keys[i].names,
        };
        i += 1;
    }
    out
}

const FIELDS: [FieldSpec; KEYS.len()] = field_specs(KEYS);

/// The Report sheet (SPEC §1.2): a key in the first column, its value to the
/// right.
pub const REPORT: SheetSpec = SheetSpec {
    name: "Report",
    names: &["Report", "Front matter", "Report details"],
    fields: &FIELDS,
    required: &[],
};

/// The key a name stands for (`Date of meeting` is `meeting_date`), if any.
pub fn key_named(name: &str) -> Option<&'static Key> {
    let field = REPORT.field_for_header(name)?;
    KEYS.iter().find(|k| k.field == field)
}

/// Why a value cannot be used for its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The meeting date is not a date.
    NotADate,
    /// The period cannot be read; the reason.
    Period(String),
}

/// The front matter being put together, with the reporting period parsed
/// from it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FrontMatter {
    /// The keys given so far.
    pub meta: ReportMeta,
    /// The reporting period, once the Period key parsed.
    pub period: Option<ReportingPeriod>,
}

impl FrontMatter {
    /// Sets a key from a value typed as text (`--set`, `[report]`): a name
    /// the tool does not know is kept as a key of the user's own.
    pub fn set_text(
        &mut self,
        name: &str,
        value: &str,
        year_start_month: u32,
    ) -> Result<(), Problem> {
        let value = value.trim();
        match key_named(name) {
            None => {
                self.meta
                    .extra
                    .insert(name.trim().to_string(), value.to_string());
                Ok(())
            }
            Some(key) => self.set(key, value, None, year_start_month),
        }
    }

    /// Sets a known key from a cell of the Report sheet, shown as `text`.
    pub fn set_cell(
        &mut self,
        key: &Key,
        cell: &CellValue,
        text: &str,
        date_system: DateSystem,
        year_start_month: u32,
    ) -> Result<(), Problem> {
        self.set(key, text, Some((cell, date_system)), year_start_month)
    }

    fn set(
        &mut self,
        key: &Key,
        text: &str,
        cell: Option<(&CellValue, DateSystem)>,
        year_start_month: u32,
    ) -> Result<(), Problem> {
        match key.kind {
            Kind::Text | Kind::Markdown => {
                self.meta.fields.insert(key.field, text.to_string());
                Ok(())
            }
            Kind::Date => {
                let date = match cell {
                    Some((cell, system)) => meeting_date(read_date_cell(cell, system).0),
                    None => meeting_date(parse_date_text(text)),
                };
                self.meta.meeting_date = Some(date.ok_or(Problem::NotADate)?);
                Ok(())
            }
            Kind::Period => {
                self.meta.fields.insert(key.field, text.to_string());
                let parsed = parse_period(text, year_start_month).map_err(Problem::Period);
                self.period = parsed.as_ref().ok().cloned();
                parsed.map(|_| ())
            }
        }
    }

    /// Fills what is still blank from `[report]` in scorecard.toml: the
    /// workbook and the command line win over it. The problems of the values
    /// used, by key.
    pub fn fill_from(
        &mut self,
        defaults: &Defaults,
        year_start_month: u32,
    ) -> Vec<(&'static str, Problem)> {
        let mut problems = Vec::new();
        for key in KEYS {
            let Some(value) = defaults.values.get(key.field) else {
                continue;
            };
            let given = match key.kind {
                Kind::Date => self.meta.meeting_date.is_some(),
                _ => self.meta.fields.contains_key(key.field),
            };
            if !given {
                if let Err(p) = self.set(key, value, None, year_start_month) {
                    problems.push((key.field, p));
                }
            }
        }
        for (k, v) in &defaults.extra {
            self.meta
                .extra
                .entry(k.clone())
                .or_insert_with(|| v.clone());
        }
        problems
    }
}

fn meeting_date(d: Option<DateOrText>) -> Option<NaiveDate> {
    match d {
        Some(DateOrText::Date(d)) => Some(d),
        _ => None,
    }
}

/// `[report]` in scorecard.toml: front matter for where the workbook leaves
/// a key blank, and keys of the user's own under `[report.extra]`.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(try_from = "BTreeMap<String, toml::Value>")]
pub struct Defaults {
    /// The value of each key given, by field name.
    pub values: BTreeMap<&'static str, String>,
    /// Keys of the user's own, for custom templates.
    pub extra: BTreeMap<String, String>,
}

impl TryFrom<BTreeMap<String, toml::Value>> for Defaults {
    type Error = String;

    fn try_from(table: BTreeMap<String, toml::Value>) -> Result<Self, String> {
        let mut defaults = Defaults::default();
        for (name, value) in table {
            if name == "extra" {
                let toml::Value::Table(extra) = value else {
                    return Err("[report.extra] is a table of text values".to_string());
                };
                for (k, v) in extra {
                    let toml::Value::String(v) = v else {
                        return Err(format!("[report.extra] {k} is not text; put it in quotes"));
                    };
                    defaults.extra.insert(k, v);
                }
                continue;
            }
            let Some(key) = KEYS.iter().find(|k| k.field == name) else {
                let known: Vec<&str> = KEYS.iter().map(|k| k.field).collect();
                return Err(format!(
                    "unknown key `{name}` in [report]; the keys are {}, and your own go under \
                     [report.extra]",
                    known.join(", ")
                ));
            };
            let toml::Value::String(text) = value else {
                return Err(format!("[report] {name} is not text; put it in quotes"));
            };
            defaults.values.insert(key.field, text);
        }
        Ok(defaults)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_on_the_report_sheet_under_each_of_its_names() {
        for key in KEYS {
            for name in key.names {
                assert_eq!(key_named(name).map(|k| k.field), Some(key.field), "{name}");
            }
        }
        assert!(key_named("Part II").is_none());
        assert_eq!(REPORT.fields.len(), KEYS.len());
    }

    #[test]
    fn the_command_line_wins_and_the_settings_file_fills_blanks() {
        let mut fm = FrontMatter::default();
        fm.set_text("Committee", "Cabinet", 4).unwrap();
        fm.set_text("Part II", "No", 4).unwrap();
        let defaults: Defaults = toml::from_str(
            "committee = \"Scrutiny\"\nvenue = \"County Hall\"\nmeeting_date = \"14/06/2013\"\n\
             period = \"2012/13 Q4\"\n[extra]\npart_ii = \"N/A\"\n",
        )
        .unwrap();
        assert!(fm.fill_from(&defaults, 4).is_empty());
        assert_eq!(fm.meta.get("committee"), Some("Cabinet"));
        assert_eq!(fm.meta.get("venue"), Some("County Hall"));
        assert_eq!(fm.meta.meeting_date, NaiveDate::from_ymd_opt(2013, 6, 14));
        assert_eq!(fm.period.as_ref().map(|p| p.months_elapsed), Some(12));
        assert_eq!(fm.meta.extra.get("Part II").map(String::as_str), Some("No"));
        assert_eq!(
            fm.meta.extra.get("part_ii").map(String::as_str),
            Some("N/A")
        );
    }

    #[test]
    fn problems_are_named() {
        let mut fm = FrontMatter::default();
        assert_eq!(
            fm.set_text("meeting date", "next week", 4),
            Err(Problem::NotADate)
        );
        assert!(matches!(
            fm.set_text("period", "sometime", 4),
            Err(Problem::Period(_))
        ));
        let bad: Result<Defaults, _> = toml::from_str("comittee = \"Cabinet\"\n");
        assert!(bad.unwrap_err().to_string().contains("comittee"));
    }
}
