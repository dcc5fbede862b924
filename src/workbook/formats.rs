//! Telling from an Excel number format code whether a value is shown as a percentage.
//!
//! A format shows a percentage when it contains a `%` that is not inside double
//! quotes, not escaped with a backslash, not inside `[…]` and not the character
//! after `_` or `*`. Excel multiplies such values by 100 for display, so the stored
//! 0.551 appears as 55.1%; `0.0"%"` shows a literal percent sign next to 55.1.

/// True when a value formatted with `code` is displayed as a percentage.
///
/// `value` picks the section of a multi-section format (`pos;neg;zero;text`).
pub fn shows_percent(code: &str, value: f64) -> bool {
    let sections = split_sections(code);
    let section = match sections.len() {
        0 => return false,
        1 => sections[0],
        2 => {
            if value < 0.0 {
                sections[1]
            } else {
                sections[0]
            }
        }
        _ => {
            if value > 0.0 {
                sections[0]
            } else if value < 0.0 {
                sections[1]
            } else {
                sections[2]
            }
        }
    };
    has_unquoted_percent(section)
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

#[cfg(test)]
mod tests {
    use super::shows_percent;

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
}
