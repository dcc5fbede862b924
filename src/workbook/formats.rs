//! What an Excel number format code shows: whether a value appears as a
//! percentage, and how many decimals it shows.
//!
//! A format shows a percentage when it contains a `%` that is not inside double
//! quotes, not escaped with a backslash, not inside `[…]` and not the character
//! after `_` or `*`. Excel multiplies such values by 100 for display, so the stored
//! 0.551 appears as 55.1%; `0.0"%"` shows a literal percent sign next to 55.1.
//!
//! The decimals shown are the digit placeholders (`0`, `#`, `?`) after the decimal
//! point of the section that applies, read by the same rules (quoted text, escapes
//! and `[…]` are not placeholders); each comma after the last placeholder divides
//! the figure by 1,000 (`0.0,,"m"` shows 1,264,000 as 1.3m, a whole number of
//! pounds). `General` shows a number as typed, so it says nothing here.

use crate::numbers::MAX_DECIMALS;

/// How a number formatted with a code is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Shown {
    /// Shown as a percentage (the stored 0.551 as 55.1%).
    pub percent: bool,
    /// The decimals shown, of the percentage for a percent format; `None` for
    /// `General` and text formats, which show a number as typed. At most
    /// [`MAX_DECIMALS`].
    pub decimals: Option<u8>,
}

/// How a value formatted with `code` is shown.
///
/// `value` picks the section of a multi-section format (`pos;neg;zero;text`).
pub fn shown(code: &str, value: f64) -> Shown {
    match section(code, value) {
        Some(section) => Shown {
            percent: has_unquoted_percent(section),
            decimals: decimals_of(section),
        },
        None => Shown::default(),
    }
}

/// True when a value formatted with `code` is displayed as a percentage.
pub fn shows_percent(code: &str, value: f64) -> bool {
    shown(code, value).percent
}

/// The decimals a value formatted with `code` shows (`None` for General).
pub fn shown_decimals(code: &str, value: f64) -> Option<u8> {
    shown(code, value).decimals
}

/// The code of a built-in number format (ECMA-376 §18.8.30, with the currency
/// formats 5 to 8 as a UK Excel writes them). `None` for other ids.
pub fn builtin_code(id: u32) -> Option<&'static str> {
    Some(match id {
        0 => "General",
        1 => "0",
        2 => "0.00",
        3 => "#,##0",
        4 => "#,##0.00",
        5 => "\"\u{a3}\"#,##0;\\-\"\u{a3}\"#,##0",
        6 => "\"\u{a3}\"#,##0;[Red]\\-\"\u{a3}\"#,##0",
        7 => "\"\u{a3}\"#,##0.00;\\-\"\u{a3}\"#,##0.00",
        8 => "\"\u{a3}\"#,##0.00;[Red]\\-\"\u{a3}\"#,##0.00",
        9 => "0%",
        10 => "0.00%",
        11 => "0.00E+00",
        12 => "# ?/?",
        13 => "# ??/??",
        37 => "#,##0 ;(#,##0)",
        38 => "#,##0 ;[Red](#,##0)",
        39 => "#,##0.00;(#,##0.00)",
        40 => "#,##0.00;[Red](#,##0.00)",
        41 => "_(* #,##0_);_(* (#,##0);_(* \"-\"_);_(@_)",
        42 => "_(\"$\"* #,##0_);_(\"$\"* (#,##0);_(\"$\"* \"-\"_);_(@_)",
        43 => "_(* #,##0.00_);_(* (#,##0.00);_(* \"-\"??_);_(@_)",
        44 => "_(\"$\"* #,##0.00_);_(\"$\"* (#,##0.00);_(\"$\"* \"-\"??_);_(@_)",
        48 => "##0.0E+0",
        49 => "@",
        _ => return None,
    })
}

/// The section of `code` that formats `value`, if the code has any.
fn section(code: &str, value: f64) -> Option<&str> {
    let sections = split_sections(code);
    match sections.len() {
        0 => None,
        1 => sections.first().copied(),
        2 => sections.get(usize::from(value < 0.0)).copied(),
        _ => {
            let i = if value > 0.0 {
                0
            } else if value < 0.0 {
                1
            } else {
                2
            };
            sections.get(i).copied()
        }
    }
}

/// Splits a format code on `;` outside quotes, escapes and brackets.
fn split_sections(code: &str) -> Vec<&str> {
    let mut sections = Vec::new();
    let mut start = 0;
    let mut in_quotes = false;
    let mut in_brackets = false;
    let mut skip_next = false;
    for (i, c) in code.char_indices() {
        if skip_next {
            skip_next = false;
            continue;
        }
        match c {
            '"' if !in_brackets => in_quotes = !in_quotes,
            '\\' | '_' | '*' if !in_quotes && !in_brackets => skip_next = true,
            '[' if !in_quotes => in_brackets = true,
            ']' if !in_quotes => in_brackets = false,
            ';' if !in_quotes && !in_brackets => {
                sections.push(&code[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    sections.push(&code[start..]);
    sections
}

fn has_unquoted_percent(section: &str) -> bool {
    let mut in_quotes = false;
    let mut in_brackets = false;
    let mut skip_next = false;
    for c in section.chars() {
        if skip_next {
            skip_next = false;
            continue;
        }
        match c {
            '"' if !in_brackets => in_quotes = !in_quotes,
            '\\' | '_' | '*' if !in_quotes && !in_brackets => skip_next = true,
            '[' if !in_quotes => in_brackets = true,
            ']' if !in_quotes => in_brackets = false,
            '%' if !in_quotes && !in_brackets => return true,
            _ => {}
        }
    }
    false
}

/// The decimals a section shows, after any thousands scaling; `None` for a
/// section that shows a number as typed (`General`), as text (`@`) or not at
/// all (no digit placeholder).
fn decimals_of(section: &str) -> Option<u8> {
    // The section without quoted text, escaped characters and `[…]`.
    let mut bare = String::with_capacity(section.len());
    let mut in_quotes = false;
    let mut in_brackets = false;
    let mut skip_next = false;
    for c in section.chars() {
        if skip_next {
            skip_next = false;
            continue;
        }
        match c {
            '"' if !in_brackets => in_quotes = !in_quotes,
            _ if in_quotes => {}
            '[' => in_brackets = true,
            ']' => in_brackets = false,
            _ if in_brackets => {}
            '\\' | '_' | '*' => skip_next = true,
            _ => bare.push(c),
        }
    }
    if bare.to_ascii_lowercase().contains("general") {
        return None;
    }
    let mut placeholders = 0u32;
    let mut places = 0u32;
    let mut after_point = false;
    let mut scaling_commas = 0u32;
    for c in bare.chars() {
        match c {
            '0' | '#' | '?' => {
                placeholders += 1;
                scaling_commas = 0;
                if after_point {
                    places += 1;
                }
            }
            '.' => after_point = true,
            ',' => scaling_commas += 1,
            // The exponent's digits and a fraction's are not decimals.
            'E' | 'e' | '/' => break,
            _ => {}
        }
    }
    if placeholders == 0 {
        return None;
    }
    let places = places
        .saturating_sub(scaling_commas.saturating_mul(3))
        .min(MAX_DECIMALS);
    u8::try_from(places).ok()
}

#[cfg(test)]
mod tests {
    use super::{builtin_code, shown, shown_decimals, shows_percent, Shown};

    #[test]
    fn builtin_percent_formats() {
        assert!(shows_percent("0%", 0.5));
        assert!(shows_percent("0.00%", 0.5));
        assert!(shows_percent("0.0%", 0.551));
    }

    #[test]
    fn literal_percent_is_not_a_percent_format() {
        assert!(!shows_percent("0.0\"%\"", 55.1));
        assert!(!shows_percent("0.0\\%", 55.1));
        assert!(!shows_percent("0.0_%", 55.1));
        assert!(!shows_percent("0.0*%", 55.1));
        assert!(!shows_percent("[$%-809]0.0", 55.1));
    }

    #[test]
    fn plain_formats() {
        assert!(!shows_percent("General", 0.5));
        assert!(!shows_percent("#,##0", 1264.0));
        assert!(!shows_percent("\u{a3}#,##0.00", 1.0));
        assert!(!shows_percent("", 1.0));
        assert!(!shows_percent("@", 1.0));
    }

    #[test]
    fn sections_follow_the_sign() {
        let code = "0.0%;[Red]-0.0\"pts\";\"-\"";
        assert!(shows_percent(code, 0.2));
        assert!(!shows_percent(code, -0.2));
        assert!(!shows_percent(code, 0.0));
        assert!(shows_percent("[Green]0.0%;[Red]-0.0%", -0.1));
        assert!(shows_percent("0%;-0%", -0.1));
    }

    #[test]
    fn semicolon_inside_quotes_does_not_split() {
        assert!(shows_percent("\"a;b\" 0%", 0.5));
    }

    fn builtin(id: u32) -> Option<u8> {
        shown_decimals(builtin_code(id).unwrap(), 1.5)
    }

    #[test]
    fn builtin_ids() {
        assert_eq!(builtin(0), None, "General shows a number as typed");
        assert_eq!(builtin(1), Some(0));
        assert_eq!(builtin(2), Some(2));
        assert_eq!(builtin(3), Some(0));
        assert_eq!(builtin(4), Some(2));
        assert_eq!(builtin(5), Some(0));
        assert_eq!(builtin(7), Some(2));
        assert_eq!(builtin(9), Some(0));
        assert_eq!(builtin(10), Some(2));
        assert_eq!(builtin(11), Some(2));
        assert_eq!(builtin(12), Some(0));
        assert_eq!(builtin(39), Some(2));
        assert_eq!(builtin(43), Some(2));
        assert_eq!(builtin(48), Some(1));
        assert_eq!(builtin(49), None, "text");
        assert_eq!(builtin_code(164), None);
        assert_eq!(
            shown(builtin_code(10).unwrap(), 0.5),
            Shown {
                percent: true,
                decimals: Some(2)
            }
        );
    }

    #[test]
    fn custom_codes() {
        assert_eq!(shown_decimals("0.0%", 0.551), Some(1));
        assert_eq!(shown_decimals("#,##0.00", 1264.0), Some(2));
        assert_eq!(shown_decimals("0.00;[Red]-0.00", -1.5), Some(2));
        assert_eq!(shown_decimals("0.00;[Red]-0.0", -1.5), Some(1));
        assert_eq!(shown_decimals("\"\u{a3}\"#,##0", 1264.0), Some(0));
        assert_eq!(shown_decimals("\u{a3}#,##0.00", 1.0), Some(2));
        assert_eq!(shown_decimals("0.0\"%\"", 55.1), Some(1));
        assert_eq!(shown_decimals("0.0\" days (0.00)\"", 5.0), Some(1));
        assert_eq!(
            shown_decimals("0.0\\0", 5.0),
            Some(1),
            "an escaped 0 is text"
        );
        assert_eq!(shown_decimals("[$\u{a3}-809]#,##0.00", 5.0), Some(2));
        assert_eq!(shown_decimals("[>=100]0;0.0", 5.0), Some(0));
        assert_eq!(shown_decimals("_(* #,##0.00_)", 5.0), Some(2));
        assert_eq!(shown_decimals("0.000E+00", 5.0), Some(3));
        assert_eq!(shown_decimals("# ?/?", 1.5), Some(0));
        assert_eq!(shown_decimals("0.??", 1.5), Some(2));
        assert_eq!(shown_decimals("#.##", 1.5), Some(2));
    }

    #[test]
    fn general_and_text_say_nothing() {
        assert_eq!(shown_decimals("General", 0.45), None);
        assert_eq!(shown_decimals("general", 0.45), None);
        assert_eq!(shown_decimals("[Red]General", 0.45), None);
        assert_eq!(shown_decimals("@", 0.45), None);
        assert_eq!(shown_decimals("", 0.45), None);
        assert_eq!(shown_decimals("\"n/a\"", 0.45), None);
    }

    #[test]
    fn thousands_scaling_and_the_limit() {
        assert_eq!(shown_decimals("#,##0,", 1_264_000.0), Some(0));
        assert_eq!(shown_decimals("0.0,,\"m\"", 1_264_000.0), Some(0));
        assert_eq!(shown_decimals("0.0000,", 1_264.0), Some(1));
        assert_eq!(shown_decimals("0.000000000", 1.0), Some(6));
    }
}
