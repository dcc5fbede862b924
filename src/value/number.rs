//! A single number as written: sign, currency sign, thousands separators,
//! decimal point, `k`/`m`/`bn` multiplier and `%`, with the decimals typed.

use super::Number;
use crate::numbers::MAX_DECIMALS;
use rust_decimal::prelude::*;

/// Parses a single number: optional sign, currency sign, thousands separators,
/// decimal point, `k`/`m`/`bn` multiplier and `%`.
pub fn parse_number(s: &str) -> Option<Number> {
    let mut s = s.trim();
    let mut negative = false;
    if let Some(r) = s.strip_prefix('-') {
        negative = true;
        s = r.trim_start();
    } else if let Some(r) = s.strip_prefix('+') {
        s = r.trim_start();
    }
    let mut currency = false;
    for sign in ['\u{a3}', '$', '\u{20ac}'] {
        if let Some(r) = s.strip_prefix(sign) {
            currency = true;
            s = r.trim_start();
            break;
        }
    }
    if !negative {
        if let Some(r) = s.strip_prefix('-') {
            negative = true;
            s = r;
        }
    }
    let mut percent = false;
    if let Some(r) = s.strip_suffix('%') {
        percent = true;
        s = r.trim_end();
    }
    let lower = s.to_ascii_lowercase();
    // The multiplier, and how many decimals of the written figure it absorbs.
    let (digits, multiplier, zeros) = if let Some(r) = lower.strip_suffix("bn") {
        (r, Decimal::from(1_000_000_000u32), 9)
    } else if let Some(r) = lower.strip_suffix('k') {
        (r, Decimal::from(1_000u32), 3)
    } else if let Some(r) = lower.strip_suffix('m') {
        (r, Decimal::from(1_000_000u32), 6)
    } else {
        (lower.as_str(), Decimal::ONE, 0)
    };
    if percent && multiplier != Decimal::ONE {
        return None;
    }
    let digits = digits.trim_end();
    let plain = strip_thousands(digits)?;
    let typed = plain.split_once('.').map_or(0, |(_, f)| f.len());
    let decimals = u32::try_from(typed)
        .unwrap_or(u32::MAX)
        .saturating_sub(zeros)
        .min(MAX_DECIMALS);
    let value = Decimal::from_str(&plain).ok()?;
    let value = value.checked_mul(multiplier)?;
    let value = if negative { -value } else { value };
    Some(Number {
        value: value.normalize(),
        percent,
        currency,
        format_known: true,
        annotation: None,
        decimals: Some(decimals),
    })
}

/// Removes thousands separators, checking that they group digits in threes.
/// Returns the bare digits and decimal point, or `None` if malformed.
fn strip_thousands(s: &str) -> Option<String> {
    if s.is_empty() {
        return None;
    }
    let (int_part, frac_part) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    if let Some(f) = frac_part {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    if int_part.is_empty() {
        frac_part?;
    } else if int_part.contains(',') {
        let groups: Vec<&str> = int_part.split(',').collect();
        let first = groups[0];
        if first.is_empty() || first.len() > 3 || !first.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if !groups[1..]
            .iter()
            .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
        {
            return None;
        }
    } else if !int_part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut out: String = int_part.chars().filter(|c| *c != ',').collect();
    if out.is_empty() {
        out.push('0');
    }
    if let Some(f) = frac_part {
        out.push('.');
        out.push_str(f);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use crate::value::tests::{dec, num};
    use crate::value::{parse_text, Parsed};

    #[test]
    fn text_numbers() {
        assert_eq!(num("55.1%"), dec("55.1"));
        assert_eq!(num("55.1 %"), dec("55.1"));
        assert_eq!(num("1,264"), dec("1264"));
        assert_eq!(num("1,264,000.5"), dec("1264000.5"));
        assert_eq!(num("\u{a3}1.96m"), dec("1960000"));
        assert_eq!(num("110.7k"), dec("110700"));
        assert_eq!(num("1.5m"), dec("1500000"));
        assert_eq!(num("1.5M"), dec("1500000"));
        assert_eq!(num("\u{a3}2bn"), dec("2000000000"));
        assert_eq!(num("-5"), dec("-5"));
        assert_eq!(num("\u{2212}5.5"), dec("-5.5"));
        assert_eq!(num("-\u{a3}5"), dec("-5"));
        assert_eq!(num("\u{a3}-5"), dec("-5"));
        assert_eq!(num(".5"), dec("0.5"));
        assert_eq!(num("  42 "), dec("42"));
        match parse_text("\u{a3}1.96m").0 {
            Parsed::Number(n) => assert!(n.currency && !n.percent),
            other => panic!("{other:?}"),
        }
        match parse_text("55.1%").0 {
            Parsed::Number(n) => assert!(n.percent),
            other => panic!("{other:?}"),
        }
    }
}
