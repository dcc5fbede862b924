//! Text typed into a cell (or a CSV field): bounds such as `<8.1`, bands such
//! as `56-61%`, numbers with a note, status text, Excel error values and text
//! that looks like a mistyped number.

use super::number::parse_number;
use super::range::{too_large, within_range};
use super::{Parsed, ValueIssue, EXCEL_ERRORS};
use crate::model::Comparison;

/// Reads text typed into a cell (or a CSV field).
pub fn parse_text(raw: &str) -> (Parsed, Option<ValueIssue>) {
    let (parsed, issue) = parse_text_unchecked(raw);
    within_range(parsed, issue, raw.trim())
}

fn parse_text_unchecked(raw: &str) -> (Parsed, Option<ValueIssue>) {
    let s = raw.trim();
    if s.is_empty() {
        return (Parsed::Empty, None);
    }
    if let Some(e) = EXCEL_ERRORS.iter().find(|e| s.eq_ignore_ascii_case(e)) {
        return (Parsed::Error((*e).to_string()), None);
    }
    let normalised = normalise(s);
    let (main, annotation) = split_annotation(&normalised);

    if let Some(parsed) = parse_bound(main, annotation.clone()) {
        return (parsed, None);
    }
    if let Some(parsed) = parse_band(main) {
        let issue = annotation.map(|a| trailing_text_issue(s, &a));
        return (parsed, issue);
    }
    if let Some(mut n) = parse_number(main) {
        n.annotation = annotation;
        return (Parsed::Number(n), None);
    }
    // A number followed by words: `110.7k Apr-Nov '18`.
    if let Some((head, tail)) = main.split_once(' ') {
        if let Some(mut n) = parse_number(head) {
            let tail = tail.trim().to_string();
            let issue = trailing_text_issue(s, &tail);
            n.annotation = Some(match annotation {
                Some(a) => format!("{tail} ({a})"),
                None => tail,
            });
            return (Parsed::Number(n), Some(issue));
        }
    }
    if is_overlong_number(main) {
        return (Parsed::Empty, Some(too_large(s)));
    }
    if looks_like_mistyped_number(s) {
        return (
            Parsed::Status(s.to_string()),
            Some(ValueIssue {
                is_error: false,
                message: format!(
                    "'{s}' looks like a mistyped number, so it is treated as text and the value \
                     counts as missing; type the figure alone, such as 55.1 or 55.1%"
                ),
            }),
        );
    }
    (Parsed::Status(s.to_string()), None)
}

fn trailing_text_issue(cell: &str, tail: &str) -> ValueIssue {
    ValueIssue {
        is_error: false,
        message: format!(
            "'{cell}' was read as a number followed by the note '{tail}'; check the figure, or \
             move the note to the Note column"
        ),
    }
}

/// Unifies minus signs, dashes, comparison signs and spacing.
fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{2212}' => out.push('-'),
            '\u{2013}' | '\u{2014}' => out.push('\u{2013}'),
            '\u{2264}' => out.push_str("<="),
            '\u{2265}' => out.push_str(">="),
            '\u{a0}' | '\t' | '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    // Collapse runs of spaces.
    let mut collapsed = String::with_capacity(out.len());
    let mut last_space = false;
    for c in out.chars() {
        if c == ' ' {
            if !last_space {
                collapsed.push(c);
            }
            last_space = true;
        } else {
            collapsed.push(c);
            last_space = false;
        }
    }
    collapsed.trim().to_string()
}

/// Splits `58% (15.2k out of 26.4k)` into `58%` and `15.2k out of 26.4k`.
fn split_annotation(s: &str) -> (&str, Option<String>) {
    match s.find('(') {
        Some(i) if i > 0 && s.ends_with(')') => {
            let inner = s[i + 1..s.len() - 1].trim();
            (
                s[..i].trim(),
                (!inner.is_empty()).then(|| inner.to_string()),
            )
        }
        _ => (s, None),
    }
}

fn parse_bound(s: &str, annotation: Option<String>) -> Option<Parsed> {
    let (cmp, rest) = if let Some(r) = s.strip_prefix("<=") {
        (Comparison::Le, r)
    } else if let Some(r) = s.strip_prefix(">=") {
        (Comparison::Ge, r)
    } else if let Some(r) = s.strip_prefix('<') {
        (Comparison::Lt, r)
    } else if let Some(r) = s.strip_prefix('>') {
        (Comparison::Gt, r)
    } else {
        return None;
    };
    let rest = rest.trim();
    let (n, annotation) = match parse_number(rest) {
        Some(n) => (n, annotation),
        None => {
            let (head, tail) = rest.split_once(' ')?;
            let n = parse_number(head)?;
            let tail = tail.trim().to_string();
            let a = match annotation {
                Some(a) => format!("{tail} ({a})"),
                None => tail,
            };
            (n, Some(a))
        }
    };
    Some(Parsed::Bound {
        cmp,
        value: n.value,
        percent: n.percent,
        annotation,
        decimals: n.decimals,
    })
}

fn parse_band(s: &str) -> Option<Parsed> {
    let separators = ["\u{2013}", " to ", "-"];
    for sep in separators {
        // Skip a leading minus sign when looking for the separator.
        let search_from = usize::from(s.starts_with('-'));
        if let Some(i) = s[search_from..].find(sep).map(|i| i + search_from) {
            if i == 0 {
                continue;
            }
            let left = s[..i].trim();
            let right = s[i + sep.len()..].trim();
            let (Some(lo), Some(hi)) = (parse_number(left), parse_number(right)) else {
                continue;
            };
            if lo.value > hi.value {
                return None;
            }
            return Some(Parsed::Band {
                low: lo.value,
                high: hi.value,
                percent: lo.percent || hi.percent,
                decimals: lo.decimals.max(hi.decimals),
            });
        }
    }
    None
}

/// Text with digits and at most two letters that did not parse: `55..1`, `5O%`.
/// A number written with more digits than the decimal type holds (which
/// therefore did not parse): `99999999999999999999999999999%`.
fn is_overlong_number(s: &str) -> bool {
    let body: String = s
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '%' | '-' | '+' | '\u{a3}' | '$' | '\u{20ac}'))
        .collect();
    let digits = body.chars().filter(char::is_ascii_digit).count();
    digits > 15
        && body.chars().filter(|c| *c == '.').count() <= 1
        && body.chars().all(|c| c.is_ascii_digit() || c == '.')
}

fn looks_like_mistyped_number(s: &str) -> bool {
    let has_digit = s.chars().any(|c| c.is_ascii_digit());
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    has_digit && letters <= 2 && s.chars().count() <= 20
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::tests::dec;

    #[test]
    fn annotations_are_kept() {
        match parse_text("58% (15.2k out of 26.4k)") {
            (Parsed::Number(n), None) => {
                assert_eq!(n.value, dec("58"));
                assert_eq!(n.annotation.as_deref(), Some("15.2k out of 26.4k"));
            }
            other => panic!("{other:?}"),
        }
        match parse_text("110.7k Apr-Nov '18") {
            (Parsed::Number(n), Some(issue)) => {
                assert_eq!(n.value, dec("110700"));
                assert_eq!(n.annotation.as_deref(), Some("Apr-Nov '18"));
                assert!(!issue.is_error);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn bounds() {
        let bound = |s: &str| match parse_text(s).0 {
            Parsed::Bound {
                cmp,
                value,
                annotation,
                ..
            } => (cmp, value, annotation),
            other => panic!("{s:?} parsed as {other:?}"),
        };
        assert_eq!(bound("<8.1"), (Comparison::Lt, dec("8.1"), None));
        assert_eq!(bound("<= 8.1"), (Comparison::Le, dec("8.1"), None));
        assert_eq!(bound("\u{2264}8.1"), (Comparison::Le, dec("8.1"), None));
        assert_eq!(bound(">95"), (Comparison::Gt, dec("95"), None));
        assert_eq!(bound(">= 95%"), (Comparison::Ge, dec("95"), None));
        assert_eq!(bound("<624.1"), (Comparison::Lt, dec("624.1"), None));
        assert_eq!(
            bound("<8.1 (33 Adm's)"),
            (Comparison::Lt, dec("8.1"), Some("33 Adm's".to_string()))
        );
    }

    #[test]
    fn bands() {
        let band = |s: &str| match parse_text(s).0 {
            Parsed::Band {
                low, high, percent, ..
            } => (low, high, percent),
            other => panic!("{s:?} parsed as {other:?}"),
        };
        assert_eq!(band("56-61%"), (dec("56"), dec("61"), true));
        assert_eq!(band("56\u{2013}61"), (dec("56"), dec("61"), false));
        assert_eq!(band("56% - 61%"), (dec("56"), dec("61"), true));
        assert_eq!(band("56 to 61"), (dec("56"), dec("61"), false));
        assert_eq!(band("-5-5"), (dec("-5"), dec("5"), false));
        // A reversed band is not a band.
        assert!(matches!(parse_text("61-56").0, Parsed::Status(_)));
    }

    #[test]
    fn statuses_and_errors() {
        for s in [
            "Due June 2019",
            "TBC",
            "n/a",
            "-",
            "N/A",
            "For information only",
        ] {
            let (parsed, issue) = parse_text(s);
            assert_eq!(parsed, Parsed::Status(s.to_string()), "{s}");
            assert_eq!(issue, None, "{s}");
        }
        assert_eq!(parse_text("#DIV/0!").0, Parsed::Error("#DIV/0!".into()));
        assert_eq!(parse_text("#n/a").0, Parsed::Error("#N/A".into()));
        assert_eq!(parse_text("").0, Parsed::Empty);
        assert_eq!(parse_text("   ").0, Parsed::Empty);
    }

    #[test]
    fn mistyped_numbers_warn() {
        for s in ["55..1", "5O%", "1,2", "12,34", "5.5.5", "1..", "55.1%%"] {
            let (parsed, issue) = parse_text(s);
            assert_eq!(parsed, Parsed::Status(s.to_string()), "{s}");
            let issue = issue.unwrap_or_else(|| panic!("{s} should warn"));
            assert!(!issue.is_error);
            assert!(issue.message.contains("mistyped"), "{}", issue.message);
        }
    }
}
