//! `scorecard validate` — check workbooks and list every problem.
//!
//! ```text
//! scorecard validate WORKBOOK... [--format human|json|github] [--strict] [--config FILE]
//!                    [--previous WORKBOOK]
//! ```
//!
//! Reads and rates each workbook (with the scorecard.toml beside it, or the one
//! given), runs the cross-sheet checks, then prints each problem with its
//! severity, sheet and cell (`Indicators!F12`) and a sentence saying what to
//! change: grouped by sheet for people (coloured only on a terminal), as JSON for
//! tools, or as GitHub workflow commands so problems show on a pull request.
//! Exits 0 when clean, 1 when any workbook has errors (with `--strict`,
//! warnings too), 2 when a file cannot be read.

use super::{Outcome, Ui, Verbosity};
use anstyle::{AnsiColor, Style};
use scorecard::diagnostics::{for_terminal, replace_controls, Diagnostic, Severity};
use scorecard::pipeline::{prepare_since, Prepared};
use std::io::Write;
use std::path::PathBuf;

/// Examples shown by `scorecard validate --help`.
pub const EXAMPLES: &str = "Examples:
  scorecard validate q4.xlsx
  scorecard validate --strict services/           every workbook in the folder, recursively
  scorecard validate --format github q4.xlsx      in a GitHub Actions step
  scorecard validate --format json q4.xlsx > problems.json
  scorecard validate q3.xlsx --previous q2.xlsx  also: restated figures, renamed indicators";

/// How problems are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Grouped by workbook and sheet, for people.
    Human,
    /// One JSON document, for tools.
    Json,
    /// GitHub workflow commands (`::error file=…::…`), for pull requests.
    Github,
}

/// Options of `scorecard validate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Workbooks to check: .xlsx, .xlsm, .xlsb, .xls, .ods, folders of CSV
    /// files, or folders of workbooks (searched recursively).
    #[arg(required = true, value_name = "WORKBOOK")]
    pub workbooks: Vec<PathBuf>,
    /// How to print the problems.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// Fail on warnings as well as errors.
    #[arg(long)]
    pub strict: bool,
    /// The settings file for every workbook (default: scorecard.toml beside each).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The previous report's workbook: also warn where a figure was restated
    /// or an indicator's title, unit or polarity changed (one workbook only).
    #[arg(long, value_name = "WORKBOOK")]
    pub previous: Option<PathBuf>,
}

/// One workbook's result.
struct Checked {
    path: PathBuf,
    result: Result<Prepared, scorecard::error::Error>,
}

impl Checked {
    fn outcome(&self, strict: bool) -> Outcome {
        match &self.result {
            Err(_) => Outcome::Unreadable,
            Ok(p) => {
                if p.count(Severity::Error) > 0 || (strict && p.count(Severity::Warning) > 0) {
                    Outcome::Problems
                } else {
                    Outcome::Clean
                }
            }
        }
    }
}

/// Runs the command, writing the problems to `out`.
pub fn run(args: &Args, ui: Ui, out: &mut dyn Write) -> scorecard::Result<Outcome> {
    let verbosity = ui.verbosity;
    let workbooks = scorecard::jobs::expand(&args.workbooks);
    if args.previous.is_some() && workbooks.len() > 1 {
        return Err(scorecard::Error::Usage {
            message: "--previous compares one workbook with the last report's; give one \
                      workbook with it"
                .to_string(),
        });
    }
    let checked: Vec<Checked> = workbooks
        .into_iter()
        .map(|path| Checked {
            result: prepare_since(&path, args.config.as_deref(), &[], args.previous.as_deref()),
            path,
        })
        .collect();
    match args.format {
        OutputFormat::Human => human(&checked, ui, out),
        OutputFormat::Json => json(&checked, args.strict, out),
        OutputFormat::Github => github(&checked, verbosity, out),
    }
    .map_err(scorecard::Error::Output)?;
    Ok(checked
        .iter()
        .map(|c| c.outcome(args.strict))
        .max()
        .unwrap_or(Outcome::Clean))
}

fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

fn severity_style(s: Severity, ui: Ui) -> Style {
    if !ui.color {
        return Style::new();
    }
    let color = match s {
        Severity::Error => AnsiColor::Red,
        Severity::Warning => AnsiColor::Yellow,
        Severity::Note => AnsiColor::Cyan,
    };
    Style::new().fg_color(Some(color.into())).bold()
}

fn human(checked: &[Checked], ui: Ui, out: &mut dyn Write) -> std::io::Result<()> {
    let verbosity = ui.verbosity;
    let bold = if ui.color {
        Style::new().bold()
    } else {
        Style::new()
    };
    for c in checked {
        writeln!(
            out,
            "{bold}{}{bold:#}",
            for_terminal(&c.path.display().to_string())
        )?;
        let prepared = match &c.result {
            Err(e) => {
                let style = severity_style(Severity::Error, ui);
                writeln!(
                    out,
                    "  {style}error{style:#}: {}",
                    for_terminal(&e.to_string())
                )?;
                continue;
            }
            Ok(p) => p,
        };
        if verbosity == Verbosity::Verbose {
            match &prepared.config_path {
                Some(p) => writeln!(out, "  settings from {}", p.display())?,
                None => writeln!(out, "  built-in settings (no scorecard.toml)")?,
            }
        }
        let shown: Vec<&Diagnostic> = prepared
            .diagnostics
            .iter()
            .filter(|d| verbosity != Verbosity::Quiet || d.severity != Severity::Note)
            .collect();
        // Group by sheet, in the order sheets first appear.
        let mut sheets: Vec<Option<&str>> = Vec::new();
        for d in &shown {
            if !sheets.contains(&d.sheet.as_deref()) {
                sheets.push(d.sheet.as_deref());
            }
        }
        for sheet in sheets {
            writeln!(out, "  {}", for_terminal(sheet.unwrap_or("Workbook")))?;
            for d in shown.iter().filter(|d| d.sheet.as_deref() == sheet) {
                let style = severity_style(d.severity, ui);
                let word = d.severity.to_string();
                writeln!(
                    out,
                    "    {style}{word:<7}{style:#} {:<6} {}",
                    for_terminal(d.cell.as_deref().unwrap_or("")),
                    for_terminal(&d.message)
                )?;
            }
        }
        writeln!(
            out,
            "  {} read; {}, {}, {}",
            plural(prepared.rated.scorecard.indicators.len(), "indicator"),
            plural(prepared.count(Severity::Error), "error"),
            plural(prepared.count(Severity::Warning), "warning"),
            plural(prepared.count(Severity::Note), "note"),
        )?;
    }
    Ok(())
}

fn json(checked: &[Checked], strict: bool, out: &mut dyn Write) -> std::io::Result<()> {
    let docs: Vec<serde_json::Value> = checked
        .iter()
        .map(|c| match &c.result {
            Err(e) => serde_json::json!({
                "workbook": c.path.display().to_string(),
                "readable": false,
                "error": e.to_string(),
                "ok": false,
                "diagnostics": [],
            }),
            Ok(p) => serde_json::json!({
                "workbook": c.path.display().to_string(),
                "readable": true,
                "ok": c.outcome(strict) == Outcome::Clean,
                "indicators": p.rated.scorecard.indicators.len(),
                "errors": p.count(Severity::Error),
                "warnings": p.count(Severity::Warning),
                "notes": p.count(Severity::Note),
                "diagnostics": p.diagnostics,
            }),
        })
        .collect();
    let text =
        serde_json::to_string_pretty(&serde_json::json!({ "workbooks": docs })).unwrap_or_default();
    writeln!(out, "{text}")
}

/// Escapes a GitHub workflow command's message; any other control character
/// from a workbook is shown as U+FFFD, never written to the log.
pub(super) fn escape_data(s: &str) -> String {
    replace_controls(s, |c| matches!(c, '\n' | '\r').then_some(c))
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a GitHub workflow command's property value.
pub(super) fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn github(checked: &[Checked], verbosity: Verbosity, out: &mut dyn Write) -> std::io::Result<()> {
    for c in checked {
        let file = escape_property(&c.path.display().to_string());
        match &c.result {
            Err(e) => writeln!(
                out,
                "::error file={file},title=Unreadable workbook::{}",
                escape_data(&e.to_string())
            )?,
            Ok(p) => {
                for d in &p.diagnostics {
                    let command = match d.severity {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                        Severity::Note if verbosity == Verbosity::Quiet => continue,
                        Severity::Note => "notice",
                    };
                    let title = match d.location() {
                        l if l.is_empty() => "Workbook".to_string(),
                        l => l,
                    };
                    writeln!(
                        out,
                        "::{command} file={file},title={}::{}",
                        escape_property(&title),
                        escape_data(&d.message)
                    )?;
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_escaping() {
        assert_eq!(escape_data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(escape_data("a\u{1b}[2Jb"), "a\u{fffd}[2Jb");
        assert_eq!(
            escape_property("Indicators!F12, a:b"),
            "Indicators!F12%2C a%3Ab"
        );
    }
}
