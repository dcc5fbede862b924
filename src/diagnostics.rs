//! Problems found while reading a workbook, collected rather than fail-fast.
//!
//! Every diagnostic names its severity, the sheet and cell it is about (where there
//! is one) and a sentence a performance officer can act on.

use serde::Serialize;
use std::fmt;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run (an unknown column kept as `extra`).
    Note,
    /// Probably a mistake; fails `validate --strict`.
    Warning,
    /// A figure is missing or wrong; fails `validate`.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One problem, located as precisely as the workbook allows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// The sheet it is about, as named in the workbook (or the CSV file's stem).
    pub sheet: Option<String>,
    /// The cell (`F12`), column (`F`) or row (`12`) it is about, in A1 notation.
    pub cell: Option<String>,
    /// What is wrong and what to change, in plain words.
    pub message: String,
}

impl Diagnostic {
    /// A diagnostic about a whole workbook.
    pub fn workbook(severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            sheet: None,
            cell: None,
            message: message.into(),
        }
    }

    /// A diagnostic about a whole sheet.
    pub fn sheet(severity: Severity, sheet: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            sheet: Some(sheet.to_string()),
            cell: None,
            message: message.into(),
        }
    }

    /// A diagnostic about one cell, given 0-based row and column.
    pub fn cell(
        severity: Severity,
        sheet: &str,
        row: u32,
        col: u32,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity,
            sheet: Some(sheet.to_string()),
            cell: Some(cell_name(row, col)),
            message: message.into(),
        }
    }

    /// A diagnostic about a whole row, given its 0-based index.
    pub fn row(severity: Severity, sheet: &str, row: u32, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            sheet: Some(sheet.to_string()),
            cell: Some(row.saturating_add(1).to_string()),
            message: message.into(),
        }
    }

    /// A diagnostic about a whole column, given its 0-based index.
    pub fn column(severity: Severity, sheet: &str, col: u32, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            sheet: Some(sheet.to_string()),
            cell: Some(column_name(col)),
            message: message.into(),
        }
    }

    /// Where the problem is, as `Sheet!F12`, `Sheet` or empty.
    pub fn location(&self) -> String {
        match (&self.sheet, &self.cell) {
            (Some(s), Some(c)) => format!("{}!{}", quote_sheet(s), c),
            (Some(s), None) => s.clone(),
            (None, Some(c)) => c.clone(),
            (None, None) => String::new(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let location = self.location();
        if location.is_empty() {
            write!(f, "{}: {}", self.severity, self.message)
        } else {
            write!(f, "{}: {}: {}", self.severity, location, self.message)
        }
    }
}

/// Quotes a sheet name the way Excel does in a reference when it has spaces or punctuation.
pub fn quote_sheet(name: &str) -> String {
    if name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        name.to_string()
    } else {
        format!("'{}'", name.replace('\'', "''"))
    }
}

/// The column letters for a 0-based column index: 0 → `A`, 25 → `Z`, 26 → `AA`.
pub fn column_name(col: u32) -> String {
    let mut n = u64::from(col) + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// The A1 name of a cell from 0-based row and column: (11, 5) → `F12`.
pub fn cell_name(row: u32, col: u32) -> String {
    format!("{}{}", column_name(col), u64::from(row) + 1)
}

/// Text from a workbook made safe to print on a terminal or in a CI log: a
/// control character (an escape sequence, a bell, a backspace) is shown as
/// U+FFFD, and a line break or tab as a space, so no cell can move the cursor,
/// recolour the screen or forge a line of output.
pub fn for_terminal(s: &str) -> std::borrow::Cow<'_, str> {
    replace_controls(s, |c| matches!(c, '\n' | '\r' | '\t').then_some(' '))
}

/// Every control character of `s` as U+FFFD, except those `keep` gives a
/// replacement of their own (themselves, or a space).
pub fn replace_controls(s: &str, keep: fn(char) -> Option<char>) -> std::borrow::Cow<'_, str> {
    let replace = |c: char| match c {
        c if c.is_control() => keep(c).unwrap_or('\u{fffd}'),
        c => c,
    };
    if s.chars().all(|c| replace(c) == c) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(s.chars().map(replace).collect())
}

/// A growing list of diagnostics with helpers for the common cases.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Takes the list out.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }

    /// How many diagnostics have the given severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_never_reach_a_terminal() {
        assert_eq!(for_terminal("plain 55.1%"), "plain 55.1%");
        assert_eq!(
            for_terminal("a\u{1b}[31mred\u{7}\nnext\u{9b}2J"),
            "a\u{fffd}[31mred\u{fffd} next\u{fffd}2J"
        );
    }

    #[test]
    fn column_names_follow_excel() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(5), "F");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(51), "AZ");
        assert_eq!(column_name(52), "BA");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
        assert_eq!(column_name(16383), "XFD");
        assert!(!column_name(u32::MAX).is_empty());
    }

    #[test]
    fn cell_names_are_one_based_rows() {
        assert_eq!(cell_name(11, 5), "F12");
        assert_eq!(cell_name(0, 0), "A1");
    }

    #[test]
    fn display_names_sheet_and_cell() {
        let d = Diagnostic::cell(Severity::Error, "Indicators", 11, 5, "holds #DIV/0!");
        assert_eq!(d.to_string(), "error: Indicators!F12: holds #DIV/0!");
        let d = Diagnostic::cell(Severity::Warning, "Recovery plans", 1, 0, "x");
        assert_eq!(d.to_string(), "warning: 'Recovery plans'!A2: x");
    }
}
