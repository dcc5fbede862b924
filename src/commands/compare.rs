//! `scorecard compare` — what changed between two reports' workbooks.
//!
//! ```text
//! scorecard compare OLD NEW [--format human|json|github] [--fail-on worse|any]
//!                   [--config FILE]
//! ```
//!
//! Reads and rates both workbooks (each with its own scorecard.toml, or NEW
//! with the one given) and prints the changes alone: every rating that
//! changed, indicators new and dropped, figures restated and indicators whose
//! title, unit or polarity changed. For reviewing a workbook change in a pull
//! request: `--format github` writes one annotation per changed rating.
//! Exits 0; with `--fail-on worse`, 1 when any rating got worse (`any`: when
//! anything changed); 2 when a workbook cannot be read.

use super::validate::{escape_data, escape_property};
use super::Outcome;
use scorecard::diagnostics::{for_terminal, Diagnostic};
use scorecard::model::Rag;
use scorecard::pipeline::prepare_since;
use scorecard::rules::rating::rag_word;
use scorecard::rules::since::SinceLast;
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

/// Examples shown by `scorecard compare --help`.
pub const EXAMPLES: &str = "Examples:
  scorecard compare q2.xlsx q3.xlsx
  scorecard compare main/q3.xlsx q3.xlsx --format github --fail-on worse   in CI
  scorecard compare q2.xlsx q3.xlsx --format json";

/// How the changes are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// A line per change, for people.
    Human,
    /// One JSON document, for tools.
    Json,
    /// GitHub workflow commands: one annotation per change.
    Github,
}

/// When the command fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    /// Any rating got worse (Green to Amber or Red, Amber to Red).
    Worse,
    /// Anything changed.
    Any,
}

/// Options of `scorecard compare`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The earlier workbook (the last report's).
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The later workbook.
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    /// How to print the changes.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// Exit 1 when a rating got worse, or when anything changed.
    #[arg(long, value_enum, value_name = "WHEN")]
    pub fail_on: Option<FailOn>,
    /// The settings file for NEW (default: scorecard.toml beside it; OLD is
    /// always read with its own).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// Which way a rating moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
enum Way {
    Better,
    Worse,
    Other,
}

fn way(from: Rag, to: Rag) -> Way {
    let rank = |r: Rag| match r {
        Rag::Green => Some(0),
        Rag::Amber => Some(1),
        Rag::Red => Some(2),
        Rag::NotRated => None,
    };
    match (rank(from), rank(to)) {
        (Some(a), Some(b)) if b > a => Way::Worse,
        (Some(a), Some(b)) if b < a => Way::Better,
        _ => Way::Other,
    }
}

/// One line of the comparison.
#[derive(Debug, Serialize)]
struct Line {
    #[serde(rename = "ref")]
    reference: String,
    title: String,
    /// `changed`, `new` or `dropped`.
    kind: &'static str,
    from: Option<Rag>,
    to: Option<Rag>,
    way: Option<Way>,
    /// Whether each rating is the council's judgement (marked †).
    #[serde(skip)]
    judged: (bool, bool),
}

/// A rating in words, marked † when it is a judgement.
fn marked(r: Rag, judged: bool) -> String {
    if judged {
        format!("{}†", rag_word(r))
    } else {
        rag_word(r).to_string()
    }
}

impl Line {
    fn words(&self) -> String {
        match (self.kind, self.from, self.to) {
            ("changed", Some(f), Some(t)) => format!(
                "changed from {} to {}",
                marked(f, self.judged.0),
                marked(t, self.judged.1)
            ),
            ("new", _, Some(t)) => format!("new ({})", rag_word(t)),
            (_, Some(f), _) => format!("no longer reported (was {})", rag_word(f)),
            _ => String::new(),
        }
    }
}

/// The comparison as a document.
#[derive(Debug, Serialize)]
struct Document<'a> {
    old: Side,
    new: Side,
    changes: &'a [Line],
    warnings: &'a [Diagnostic],
}

#[derive(Debug, Serialize)]
struct Side {
    path: String,
    period: Option<String>,
}

/// The lines of a comparison: changed ratings, then new, then dropped.
fn lines(since: &SinceLast, prepared: &scorecard::pipeline::Prepared) -> Vec<Line> {
    let indicators = &prepared.rated.scorecard.indicators;
    let mut out: Vec<Line> = since
        .changes
        .iter()
        .filter_map(|c| {
            let ind = &indicators.get(c.indicator)?.indicator;
            Some(Line {
                reference: ind.reference.clone(),
                title: ind.title.clone(),
                kind: "changed",
                from: Some(c.from),
                to: Some(c.to),
                way: Some(way(c.from, c.to)),
                judged: (c.from_judged, c.to_judged),
            })
        })
        .collect();
    out.extend(since.new.iter().filter_map(|&i| {
        let ri = indicators.get(i)?;
        Some(Line {
            reference: ri.indicator.reference.clone(),
            title: ri.indicator.title.clone(),
            kind: "new",
            from: None,
            to: Some(ri.rating.rag),
            way: None,
            judged: (false, false),
        })
    }));
    out.extend(since.dropped.iter().map(|d| Line {
        reference: d.reference.clone(),
        title: d.title.clone(),
        kind: "dropped",
        from: Some(d.rag),
        to: None,
        way: None,
        judged: (false, false),
    }));
    out
}

/// Runs the command.
pub fn run(args: &Args, out: &mut dyn Write) -> scorecard::Result<Outcome> {
    let prepared = prepare_since(&args.new, args.config.as_deref(), &[], Some(&args.old))?;
    let Some(since) = prepared.rated.since.as_ref() else {
        return Ok(Outcome::Clean);
    };
    let lines = lines(since, &prepared);
    // Only what the comparison found: the restated and renamed warnings,
    // not every problem of the new workbook (validate lists those).
    let warnings: &[Diagnostic] = &since.warnings;
    let new_path = args.new.display().to_string();
    match args.format {
        OutputFormat::Human => {
            writeln!(
                out,
                "{} → {}",
                for_terminal(&args.old.display().to_string()),
                for_terminal(&new_path)
            )
            .map_err(scorecard::Error::Output)?;
            for l in &lines {
                let label = match (l.kind, l.way) {
                    (_, Some(Way::Worse)) => "worse",
                    (_, Some(Way::Better)) => "better",
                    ("new", _) => "new",
                    ("dropped", _) => "dropped",
                    _ => "changed",
                };
                writeln!(
                    out,
                    "  {label:<8} {}  {}: {}",
                    for_terminal(&l.reference),
                    for_terminal(&l.title),
                    l.words()
                )
                .map_err(scorecard::Error::Output)?;
            }
            for w in warnings {
                writeln!(
                    out,
                    "  {:<8} {}: {}",
                    "warning",
                    w.location(),
                    for_terminal(&w.message)
                )
                .map_err(scorecard::Error::Output)?;
            }
            let worse = lines.iter().filter(|l| l.way == Some(Way::Worse)).count();
            let summary = match (lines.len(), warnings.len()) {
                (0, 0) => "No change.".to_string(),
                (n, w) => format!(
                    "{n} {} ({worse} worse), {w} {}.",
                    if n == 1 { "change" } else { "changes" },
                    if w == 1 { "warning" } else { "warnings" }
                ),
            };
            writeln!(out, "{summary}").map_err(scorecard::Error::Output)?;
        }
        OutputFormat::Json => {
            let doc = Document {
                old: Side {
                    path: args.old.display().to_string(),
                    period: since.period.clone(),
                },
                new: Side {
                    path: new_path.clone(),
                    period: prepared
                        .rated
                        .scorecard
                        .period
                        .as_ref()
                        .map(|p| p.label.clone()),
                },
                changes: &lines,
                warnings,
            };
            serde_json::to_writer_pretty(&mut *out, &doc)
                .map_err(|e| scorecard::Error::Output(e.into()))?;
            writeln!(out).map_err(scorecard::Error::Output)?;
        }
        OutputFormat::Github => {
            let file = escape_property(&new_path);
            for l in &lines {
                let command = if l.way == Some(Way::Worse) {
                    "warning"
                } else {
                    "notice"
                };
                writeln!(
                    out,
                    "::{command} file={file},title={}::{}",
                    escape_property(&l.reference),
                    escape_data(&format!("{} {}: {}", l.reference, l.title, l.words()))
                )
                .map_err(scorecard::Error::Output)?;
            }
            for w in warnings {
                writeln!(
                    out,
                    "::warning file={file},title={}::{}",
                    escape_property(&w.location()),
                    escape_data(&w.message)
                )
                .map_err(scorecard::Error::Output)?;
            }
        }
    }
    let failed = match args.fail_on {
        Some(FailOn::Worse) => lines.iter().any(|l| l.way == Some(Way::Worse)),
        Some(FailOn::Any) => !lines.is_empty() || !warnings.is_empty(),
        None => false,
    };
    Ok(if failed {
        Outcome::Problems
    } else {
        Outcome::Clean
    })
}
