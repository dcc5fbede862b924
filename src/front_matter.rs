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
        // "Wards affected" is a key of the council's own (SPEC §1.2): it is
        // printed as written, not relabelled.
        &["Electoral divisions", "Electoral division"],
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
    key(
        "financial_implications",
        &["Financial implications", "Financial"],
        Kind::Markdown,
    ),
    key(
        "financial_implications_verified_by",
        &["Financial implications verified by"],
        Kind::Text,
    ),
    key(
        "legal_implications",
        &["Legal implications", "Legal"],
        Kind::Markdown,
    ),
    key(
        "legal_implications_verified_by",
        &["Legal implications verified by"],
        Kind::Text,
    ),
    key(
        "equality_implications",
        &[
            "Equality implications",
            "Diversity implications",
            "Equality and diversity implications",
            "Diversity and equality implications",
        ],
        Kind::Markdown,
    ),
    key(
        "equality_implications_verified_by",
        &[
            "Equality implications verified by",
            "Diversity implications verified by",
            "Equality and diversity implications verified by",
            "Diversity and equality implications verified by",
        ],
        Kind::Text,
    ),
    key(
        "risk_management_verified_by",
        &["Risk management verified by", "Implications verified by"],
        Kind::Text,
    ),
    key(
        "other_implications",
        &["Other implications"],
        Kind::Markdown,
    ),
    key(
        "other_implications_verified_by",
        &["Other implications verified by"],
        Kind::Text,
    ),
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
    /// A date key's value is not a date; the key's field name.
    NotADate(&'static str),
    /// The period cannot be read; the reason.
    Period(String),
}

impl Problem {
    /// The problem in words, for the value as given.
    pub fn describe(&self, value: &str) -> String {
        match self {
            Problem::NotADate(field) => format!(
                "the {} '{}' is not a date; write it like 14/06/2013 or 14 June 2013",
                KEYS.iter()
                    .find(|k| k.field == *field)
                    .and_then(|k| k.names.first())
                    .map_or_else(|| field.replace('_', " "), |n| n.to_lowercase()),
                value.trim()
            ),
            Problem::Period(e) => format!("the period cannot be read: {e}"),
        }
    }
}

/// A value of `[report]` or `--set` that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    /// The key as given.
    pub key: String,
    /// The value as given.
    pub value: String,
    /// What is wrong with it.
    pub problem: Problem,
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
    /// The front matter of a report, in the one order of precedence: the
    /// workbook's Report sheet (`self`), its blanks filled from `[report]`,
    /// then `--set` over both. A `[report]` value that cannot be read is
    /// returned whether or not the workbook left its key blank (a mistake in
    /// a shared settings file shows for every workbook); one of `--set` is
    /// an error.
    pub fn merge(
        mut self,
        defaults: &Defaults,
        sets: &[(String, String)],
        year_start_month: u32,
    ) -> Result<(FrontMatter, Vec<Rejected>), Rejected> {
        let mut rejected = Vec::new();
        for key in KEYS {
            let Some(value) = defaults.values.get(key.field) else {
                continue;
            };
            let given =
                self.meta.fields.contains_key(key.field) || self.meta.dates.contains_key(key.field);
            let mut trial = FrontMatter::default();
            match trial.set(key, value, None, year_start_month) {
                Err(problem) => rejected.push(Rejected {
                    key: key.field.to_string(),
                    value: value.clone(),
                    problem,
                }),
                Ok(()) if !given => {
                    let _ = self.set(key, value, None, year_start_month);
                }
                Ok(()) => {}
            }
        }
        for (k, v) in &defaults.extra {
            self.meta
                .extra
                .entry(k.clone())
                .or_insert_with(|| v.clone());
        }
        for (key, value) in sets {
            self.set_text(key, value, year_start_month)
                .map_err(|problem| Rejected {
                    key: key.clone(),
                    value: value.clone(),
                    problem,
                })?;
        }
        Ok((self, rejected))
    }

    /// Sets a key from a value typed as text (`--set`): a name the tool does
    /// not know is kept as a key of the user's own.
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
                    Some((cell, system)) => date_of(read_date_cell(cell, system).0),
                    None => date_of(parse_date_text(text)),
                };
                self.meta
                    .dates
                    .insert(key.field, date.ok_or(Problem::NotADate(key.field))?);
                Ok(())
            }
            Kind::Period => {
                // The text is kept as given even when it does not parse; an
                // earlier period that did parse stays in force.
                self.meta.fields.insert(key.field, text.to_string());
                let period = parse_period(text, year_start_month).map_err(Problem::Period)?;
                self.period = Some(period);
                Ok(())
            }
        }
    }
}

fn date_of(d: Option<DateOrText>) -> Option<NaiveDate> {
    match d {
        Some(DateOrText::Date(d)) => Some(d),
        _ => None,
    }
}

/// `[report]` in scorecard.toml: front matter for where the workbook leaves
/// a key blank, and keys of the user's own under `[report.extra]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Defaults {
    /// The value of each key given, by field name.
    pub values: BTreeMap<&'static str, String>,
    /// Keys of the user's own, for custom templates.
    pub extra: BTreeMap<String, String>,
    /// The previous report's workbook (`previous = "q2.xlsx"`), relative to
    /// the settings file: not front matter, but where the paper compares
    /// itself with the last one.
    pub previous: Option<String>,
    /// The report templates' folder (`templates = "templates"`), relative to
    /// the settings file: not front matter, but how the paper is written.
    pub templates: Option<String>,
    /// Whether the HTML report draws its charts (`charts = false` turns
    /// them off); on when not given.
    pub charts: Option<bool>,
    /// The council's Word template a Word report takes its styles and page
    /// from (`reference_doc = "council.docx"`), relative to the settings
    /// file.
    pub reference_doc: Option<String>,
}

/// A key of `[report]`: one of [`KEYS`], `extra`, `previous`, `templates`,
/// `charts` or `reference_doc`. An unknown name is an
/// error raised while the key itself is read, so the settings file's error
/// points at the line of the misspelt key.
enum ReportKey {
    Known(&'static str),
    Extra,
    Previous,
    Templates,
    Charts,
    ReferenceDoc,
}

impl<'de> serde::Deserialize<'de> for ReportKey {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        if name == "extra" {
            return Ok(ReportKey::Extra);
        }
        if name == "previous" {
            return Ok(ReportKey::Previous);
        }
        if name == "templates" {
            return Ok(ReportKey::Templates);
        }
        if name == "charts" {
            return Ok(ReportKey::Charts);
        }
        if name == "reference_doc" {
            return Ok(ReportKey::ReferenceDoc);
        }
        match KEYS.iter().find(|k| k.field == name) {
            Some(key) => Ok(ReportKey::Known(key.field)),
            None => {
                let known: Vec<&str> = KEYS.iter().map(|k| k.field).collect();
                Err(serde::de::Error::custom(format!(
                    "unknown key `{name}` in [report]; the keys are {}, previous, \
                     templates, charts and reference_doc, and your own go under \
                     [report.extra]",
                    known.join(", ")
                )))
            }
        }
    }
}

impl<'de> serde::Deserialize<'de> for Defaults {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Table;
        impl<'de> serde::de::Visitor<'de> for Table {
            type Value = Defaults;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a table of front-matter keys, each with text")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Defaults, A::Error> {
                let mut defaults = Defaults::default();
                while let Some(key) = map.next_key::<ReportKey>()? {
                    match key {
                        ReportKey::Extra => {
                            let extra: BTreeMap<String, String> = map.next_value()?;
                            if let Some((name, key)) =
                                extra.keys().find_map(|n| key_named(n).map(|k| (n, k)))
                            {
                                return Err(serde::de::Error::custom(format!(
                                    "[report.extra] {name} is the front-matter key `{}`; set \
                                     it in [report] as {} = \"…\"",
                                    key.field, key.field
                                )));
                            }
                            defaults.extra = extra;
                        }
                        ReportKey::Known(field) => {
                            defaults.values.insert(field, map.next_value()?);
                        }
                        ReportKey::Previous => defaults.previous = Some(map.next_value()?),
                        ReportKey::Templates => defaults.templates = Some(map.next_value()?),
                        ReportKey::Charts => defaults.charts = Some(map.next_value()?),
                        ReportKey::ReferenceDoc => defaults.reference_doc = Some(map.next_value()?),
                    }
                }
                Ok(defaults)
            }
        }
        d.deserialize_map(Table)
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
        assert!(key_named("Wards affected").is_none());
        assert_eq!(REPORT.fields.len(), KEYS.len());
    }

    #[test]
    fn the_command_line_wins_then_the_workbook_then_the_settings_file() {
        let mut workbook = FrontMatter::default();
        workbook.set_text("Committee", "Scrutiny", 4).unwrap();
        workbook.set_text("Title", "From the workbook", 4).unwrap();
        workbook.set_text("Part II", "No", 4).unwrap();
        let defaults: Defaults = toml::from_str(
            "committee = \"Audit\"\ntitle = \"Default\"\nvenue = \"County Hall\"\n\
             meeting_date = \"14/06/2013\"\nperiod = \"2012/13 Q4\"\n[extra]\npart_ii = \"N/A\"\n",
        )
        .unwrap();
        let sets = [("committee".to_string(), "Cabinet".to_string())];
        let (fm, rejected) = workbook.merge(&defaults, &sets, 4).unwrap();
        assert!(rejected.is_empty());
        assert_eq!(fm.meta.get("committee"), Some("Cabinet"));
        assert_eq!(fm.meta.get("title"), Some("From the workbook"));
        assert_eq!(fm.meta.get("venue"), Some("County Hall"));
        assert_eq!(fm.meta.meeting_date(), NaiveDate::from_ymd_opt(2013, 6, 14));
        assert_eq!(fm.period.as_ref().map(|p| p.months_elapsed), Some(12));
        assert_eq!(fm.meta.extra.get("Part II").map(String::as_str), Some("No"));
        assert_eq!(
            fm.meta.extra.get("part_ii").map(String::as_str),
            Some("N/A")
        );
    }

    #[test]
    fn a_later_period_that_does_not_parse_keeps_the_earlier_one() {
        let mut fm = FrontMatter::default();
        fm.set_text("Period", "2012/13 Q3", 4).unwrap();
        assert!(fm.set_text("Reporting period", "nonsense", 4).is_err());
        assert_eq!(fm.period.as_ref().map(|p| p.months_elapsed), Some(9));
    }

    #[test]
    fn a_settings_value_that_cannot_be_read_is_reported_even_when_unused() {
        let mut workbook = FrontMatter::default();
        workbook.set_text("Meeting date", "14/06/2013", 4).unwrap();
        let defaults: Defaults = toml::from_str("meeting_date = \"June-ish\"\n").unwrap();
        let (fm, rejected) = workbook.merge(&defaults, &[], 4).unwrap();
        assert_eq!(fm.meta.meeting_date(), NaiveDate::from_ymd_opt(2013, 6, 14));
        assert_eq!(rejected.len(), 1);
        assert_eq!(rejected[0].problem, Problem::NotADate("meeting_date"));
        let sets = [("meeting date".to_string(), "soon".to_string())];
        let err = FrontMatter::default()
            .merge(&Defaults::default(), &sets, 4)
            .unwrap_err();
        assert_eq!(
            err.problem.describe(&err.value),
            "the meeting date 'soon' is not a date; write it like 14/06/2013 or 14 June 2013"
        );
    }

    #[test]
    fn problems_are_named() {
        let mut fm = FrontMatter::default();
        assert_eq!(
            fm.set_text("meeting date", "next week", 4),
            Err(Problem::NotADate("meeting_date"))
        );
        assert!(matches!(
            fm.set_text("period", "sometime", 4),
            Err(Problem::Period(_))
        ));
        let bad: Result<Defaults, _> = toml::from_str("comittee = \"Cabinet\"\n");
        assert!(bad.unwrap_err().to_string().contains("comittee"));
        let bad: Result<Defaults, _> =
            toml::from_str("[extra]\n\"Meeting date\" = \"not a date\"\n");
        assert!(bad.unwrap_err().to_string().contains("meeting_date"));
        let bad: Result<Defaults, _> =
            toml::from_str("[extra]\n\"Meeting date\" = \"not a date\"\n");
        assert!(bad.unwrap_err().to_string().contains("meeting_date"));
    }
}
