//! Writing figures as councils publish them: rounded half-up to the indicator's
//! precision, with thousands separators and the unit (`55.1%`, `1,264`,
//! `£1,960,000`, `9.0 per 100,000`, `19.0 (out of 24)`).

use crate::model::{Target, Unit};
use crate::numbers::{places_apart, round_half_up};
use rust_decimal::Decimal;

/// A number rounded half-up with thousands separators and exactly `decimals`
/// places: 1264 → `1,264`, 45 at 1 dp → `45.0`.
pub fn format_number(value: Decimal, decimals: u32) -> String {
    let mut rounded = round_half_up(value, decimals);
    rounded.rescale(decimals);
    if rounded.is_zero() {
        rounded.set_sign_positive(true);
    }
    let text = rounded.abs().to_string();
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    let mut grouped = String::with_capacity(text.len() + int.len() / 3 + 1);
    if rounded.is_sign_negative() {
        grouped.push('-');
    }
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    if let Some(f) = frac {
        grouped.push('.');
        grouped.push_str(f);
    }
    grouped
}

/// The `per …` part of a rate's label (`Rate per 100,000` → `per 100,000`).
fn per_label(label: &str) -> Option<&str> {
    let lower = label.to_ascii_lowercase();
    lower.find("per ").map(|i| label[i..].trim())
}

/// A value in its unit: `55.1%`, `1,264`, `£1,960,000`, `9.0 per 100,000`,
/// `12.5 days`, `19.0 (out of 24)`, `Yes`.
pub fn format_value(value: Decimal, unit: &Unit, decimals: u32) -> String {
    let n = format_number(value, decimals);
    match unit {
        Unit::Percent => format!("{n}%"),
        Unit::Currency => match n.strip_prefix('-') {
            Some(rest) => format!("-\u{a3}{rest}"),
            None => format!("\u{a3}{n}"),
        },
        Unit::Rate(Some(label)) => match per_label(label) {
            Some(per) => format!("{n} {per}"),
            None => n,
        },
        Unit::Days => format!("{n} days"),
        Unit::Score(Some(max)) => format!("{n} (out of {})", max.normalize()),
        Unit::YesNo => if value.is_zero() { "No" } else { "Yes" }.to_string(),
        Unit::Number | Unit::Rate(None) | Unit::Score(None) | Unit::Ratio => n,
    }
}

/// A target in its unit: `61.0%`, `56.0–61.0%`, `<624.1`. A band's bounds
/// never print alike: they take as many more decimals as they need to differ
/// (0.5–0.55 at 0 decimals is `0.5–0.6`, not `1–1`).
pub fn format_target(target: &Target, unit: &Unit, decimals: u32) -> String {
    match target {
        Target::Value { value } => format_value(*value, unit, decimals),
        Target::Band { low, high } => {
            let decimals = places_apart(*low, *high, decimals);
            let high = format_value(*high, unit, decimals);
            let low = match unit {
                Unit::Percent => format_number(*low, decimals),
                _ => format_value(*low, unit, decimals),
            };
            format!("{low}\u{2013}{high}")
        }
        Target::Bound { cmp, value } => {
            format!("{}{}", cmp.symbol(), format_value(*value, unit, decimals))
        }
    }
}

/// A difference in the indicator's unit: percentages as percentage points
/// (`1 percentage point`, `1.0 percentage points`).
pub fn format_difference(value: Decimal, unit: &Unit, decimals: u32) -> String {
    match unit {
        Unit::Percent => {
            let n = format_number(value, decimals);
            let points = if n.trim_start_matches('-') == "1" {
                "point"
            } else {
                "points"
            };
            format!("{n} percentage {points}")
        }
        Unit::YesNo => format_number(value, decimals),
        _ => format_value(value, unit, decimals),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn half_up_with_separators() {
        assert_eq!(format_number(d("1264"), 0), "1,264");
        assert_eq!(format_number(d("1264000.5"), 0), "1,264,001");
        assert_eq!(format_number(d("0.05"), 1), "0.1");
        assert_eq!(format_number(d("2.25"), 1), "2.3");
        assert_eq!(format_number(d("-2.25"), 1), "-2.3");
        assert_eq!(format_number(d("45"), 1), "45.0");
        assert_eq!(format_number(d("-0.04"), 1), "0.0");
        assert_eq!(format_number(d("999.95"), 1), "1,000.0");
        assert_eq!(format_number(d("123"), 0), "123");
    }

    #[test]
    fn units() {
        assert_eq!(format_value(d("55.1"), &Unit::Percent, 1), "55.1%");
        assert_eq!(
            format_value(d("1960000"), &Unit::Currency, 0),
            "\u{a3}1,960,000"
        );
        assert_eq!(
            format_value(d("9"), &Unit::Rate(Some("Rate per 100,000".into())), 1),
            "9.0 per 100,000"
        );
        assert_eq!(
            format_value(d("19"), &Unit::Score(Some(d("24"))), 1),
            "19.0 (out of 24)"
        );
        assert_eq!(format_value(d("1"), &Unit::YesNo, 0), "Yes");
        assert_eq!(
            format_target(
                &Target::Band {
                    low: d("56"),
                    high: d("61")
                },
                &Unit::Percent,
                0
            ),
            "56\u{2013}61%"
        );
        assert_eq!(
            format_target(
                &Target::Bound {
                    cmp: crate::model::Comparison::Lt,
                    value: d("624.1")
                },
                &Unit::Rate(None),
                1
            ),
            "<624.1"
        );
        let band = |low, high, dp| {
            format_target(
                &Target::Band {
                    low: d(low),
                    high: d(high),
                },
                &Unit::Number,
                dp,
            )
        };
        assert_eq!(band("0.5", "0.55", 2), "0.50\u{2013}0.55");
        assert_eq!(band("0.5", "0.55", 0), "0.5\u{2013}0.6", "never 1–1");
        assert_eq!(band("56", "61", 1), "56.0\u{2013}61.0");
        assert_eq!(band("5", "5", 0), "5\u{2013}5");
        assert_eq!(
            format_difference(d("4.6"), &Unit::Percent, 1),
            "4.6 percentage points"
        );
        assert_eq!(
            format_difference(d("1"), &Unit::Percent, 0),
            "1 percentage point"
        );
        assert_eq!(
            format_difference(d("1"), &Unit::Percent, 1),
            "1.0 percentage points"
        );
    }
}
