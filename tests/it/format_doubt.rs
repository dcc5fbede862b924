//! .xls and .xlsb files do not say whether a number is formatted as a percentage:
//! a percent column whose numbers are all at most 1 gets a warning, never a guess.

use rust_decimal::Decimal;
use scorecard::normalise::{load_from, LoadOptions};
use scorecard::workbook::{CellValue, DateSystem, NumberFormat, Sheet, SheetSource, SourceKind};
use scorecard::Severity;

struct Fake {
    kind: SourceKind,
    rows: Vec<Vec<CellValue>>,
}

impl SheetSource for Fake {
    fn kind(&self) -> SourceKind {
        self.kind
    }
    fn sheet_names(&self) -> Vec<String> {
        vec!["Indicators".into()]
    }
    fn date_system(&self) -> DateSystem {
        DateSystem::Excel1900
    }
    fn read_sheet(&mut self, name: &str) -> Result<Sheet, String> {
        Ok(Sheet::from_rows(name, (0, 0), self.rows.clone()))
    }
}

fn t(s: &str) -> CellValue {
    CellValue::Text(s.into())
}

fn n(v: f64, format: NumberFormat) -> CellValue {
    CellValue::Number {
        value: v,
        format,
        decimals: None,
    }
}

fn rows(format: NumberFormat, a: f64, b: f64) -> Vec<Vec<CellValue>> {
    vec![
        vec![
            t("Ref"),
            t("Indicator"),
            t("Unit"),
            t("Polarity"),
            t("Actual"),
        ],
        vec![t("A"), t("One"), t("%"), t("Higher"), n(a, format)],
        vec![t("B"), t("Two"), t("%"), t("Higher"), n(b, format)],
        vec![
            t("C"),
            t("Count"),
            t("Number"),
            t("Higher"),
            n(1264.0, format),
        ],
    ]
}

#[test]
fn xls_fractions_in_a_percent_column_warn() {
    let mut fake = Fake {
        kind: SourceKind::Xls,
        rows: rows(NumberFormat::Unknown, 0.551, 0.485),
    };
    let loaded = load_from(&mut fake, &LoadOptions::default());
    let warnings: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert_eq!(warnings[0].location(), "Indicators!E");
    assert!(
        warnings[0].message.contains("E2 holds 0.551"),
        "{}",
        warnings[0].message
    );
    assert!(
        warnings[0].message.contains("55.1%"),
        "{}",
        warnings[0].message
    );
    // The value is not silently changed.
    assert_eq!(
        loaded.scorecard.indicators[0].actual.value,
        Some(Decimal::new(551, 3))
    );
}

#[test]
fn xls_percentages_above_one_do_not_warn() {
    let mut fake = Fake {
        kind: SourceKind::Xlsb,
        rows: rows(NumberFormat::Unknown, 55.1, 0.5),
    };
    let loaded = load_from(&mut fake, &LoadOptions::default());
    assert_eq!(
        loaded.count(Severity::Warning),
        0,
        "{:#?}",
        loaded.diagnostics
    );
}

#[test]
fn known_formats_do_not_warn() {
    let mut fake = Fake {
        kind: SourceKind::Xlsx,
        rows: rows(NumberFormat::Plain, 0.551, 0.485),
    };
    let loaded = load_from(&mut fake, &LoadOptions::default());
    assert_eq!(loaded.count(Severity::Warning), 0);
}
