//! Properties that must hold for every input, not just the examples.

use proptest::prelude::*;
use rust_decimal::Decimal;
use scorecard::dates::parse_date_text;
use scorecard::model::DateOrText;
use scorecard::period::parse_period;
use scorecard::schema::INDICATORS;
use scorecard::value::{parse_cell, parse_text, Parsed};
use scorecard::workbook::{CellValue, NumberFormat};

/// A decimal with up to `dp` decimal places and magnitude below 10^9.
fn decimal(dp: u32) -> impl Strategy<Value = Decimal> {
    (-999_999_999_999i64..999_999_999_999i64, 0..=dp)
        .prop_map(|(m, scale)| Decimal::new(m / 10i64.pow(3 - scale.min(3)), scale))
}

/// Writes a decimal with thousands separators, as Excel shows `#,##0.0`.
fn with_thousands(d: Decimal) -> String {
    let s = d.abs().to_string();
    let (int, frac) = s
        .split_once('.')
        .map_or((s.as_str(), None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let sign = if d.is_sign_negative() && !d.is_zero() {
        "-"
    } else {
        ""
    };
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

proptest! {
    #[test]
    fn parsing_any_text_never_panics(s in "\\PC{0,40}") {
        let _ = parse_text(&s);
        let _ = parse_period(&s, 4);
        let _ = parse_date_text(&s);
    }

    #[test]
    fn numbery_text_never_panics(s in "[-+<>=%£,.0-9kmb ()\u{2013}]{0,24}") {
        let _ = parse_text(&s);
    }

    #[test]
    fn numbers_with_separators_and_percent_round_trip(d in decimal(3)) {
        let text = with_thousands(d);
        match parse_text(&text).0 {
            Parsed::Number(n) => {
                prop_assert_eq!(n.value, d.normalize());
                prop_assert!(!n.percent);
            }
            other => prop_assert!(false, "{} parsed as {:?}", text, other),
        }
        let pct = format!("{text}%");
        match parse_text(&pct).0 {
            Parsed::Number(n) => {
                prop_assert_eq!(n.value, d.normalize());
                prop_assert!(n.percent);
            }
            other => prop_assert!(false, "{} parsed as {:?}", pct, other),
        }
    }

    /// A cell Excel shows as 55.1% holds 0.551; it must always read back as 55.1.
    #[test]
    fn percent_cells_read_as_shown(m in 0i64..=100_000, scale in 0u32..=3) {
        let shown = Decimal::new(m, scale);
        let stored: f64 = (shown / Decimal::ONE_HUNDRED).to_string().parse().unwrap();
        let cell = CellValue::Number { value: stored, format: NumberFormat::Percent, decimals: None };
        match parse_cell(&cell).0 {
            Parsed::Number(n) => prop_assert_eq!(n.value, shown.normalize()),
            other => prop_assert!(false, "{:?}", other),
        }
        // And a literal-percent cell holding the shown number reads the same.
        let plain: f64 = shown.to_string().parse().unwrap();
        let cell = CellValue::Number { value: plain, format: NumberFormat::Plain, decimals: None };
        match parse_cell(&cell).0 {
            Parsed::Number(n) => prop_assert_eq!(n.value, shown.normalize()),
            other => prop_assert!(false, "{:?}", other),
        }
    }

    #[test]
    fn bands_parse_in_order(a in 0i64..10_000, b in 0i64..10_000, dash in prop::sample::select(vec!["-", "\u{2013}", " - ", " to "])) {
        let (lo, hi) = (Decimal::new(a.min(b), 1), Decimal::new(a.max(b), 1));
        let text = format!("{lo}{dash}{hi}%");
        match parse_text(&text).0 {
            Parsed::Band { low, high, percent, .. } => {
                prop_assert_eq!(low, lo.normalize());
                prop_assert_eq!(high, hi.normalize());
                prop_assert!(percent);
            }
            other => prop_assert!(false, "{} parsed as {:?}", text, other),
        }
    }

    #[test]
    fn quarters_elapse_three_months_each(fy in 1990i32..2100, q in 1u32..=4) {
        let label = format!("{}/{:02} Q{}", fy, (fy + 1) % 100, q);
        let p = parse_period(&label, 4).unwrap();
        prop_assert_eq!(p.months_elapsed, q * 3);
        prop_assert_eq!(p.label, label);
        let swapped = parse_period(&format!("Q{} {}/{:02}", q, fy, (fy + 1) % 100), 4).unwrap();
        prop_assert_eq!(swapped.months_elapsed, q * 3);
    }

    #[test]
    fn months_elapse_from_the_year_start(start in 1u32..=12, month in 1u32..=12, year in 2000i32..2050) {
        let name = scorecard::period::month_name(month);
        let p = parse_period(&format!("{name} {year}"), start).unwrap();
        let expected = (month + 12 - start) % 12 + 1;
        prop_assert_eq!(p.months_elapsed, expected);
        prop_assert!(p.start <= p.end);
    }

    #[test]
    fn dates_round_trip(days in 0i64..60_000) {
        let date = chrono::NaiveDate::from_ymd_opt(1950, 1, 1).unwrap() + chrono::Days::new(days as u64);
        for text in [
            date.format("%d/%m/%Y").to_string(),
            date.format("%-d %B %Y").to_string(),
            date.format("%Y-%m-%d").to_string(),
        ] {
            prop_assert_eq!(parse_date_text(&text), Some(DateOrText::Date(date)), "{}", text);
        }
    }

    /// Headers match whatever the case, spacing and punctuation.
    #[test]
    fn headers_match_ignoring_case_space_and_punctuation(
        field in 0usize..INDICATORS.fields.len(),
        upper in any::<bool>(),
        noise in prop::sample::select(vec!["", " ", "\n", "/", "  ", "-", "."]),
    ) {
        let spec = &INDICATORS.fields[field];
        for header in spec.headers {
            let mut text: String = header.chars().flat_map(|c| [c.to_string(), noise.to_string()]).collect();
            if upper { text = text.to_uppercase(); }
            prop_assert_eq!(INDICATORS.field_for_header(&text), Some(spec.field), "{:?}", text);
        }
    }
}
