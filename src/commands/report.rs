//! `scorecard report` — write the agenda-item report for one workbook.
//!
//! ```text
//! scorecard report WORKBOOK [-o FILE|-] [--format md|html|json|docx] [--template DIR]
//!                           [--reference-doc FILE] [--config FILE] [--set key=value]...
//!                           [--previous FILE]
//! ```
//!
//! The format follows the output file's extension (`.md`, `.html`, `.json`,
//! `.docx`); without `-o` it is Markdown to stdout. A Word document is never
//! written to a terminal. Files are written atomically, and
//! never over the workbook being read.

use super::{Outcome, Ui, Verbosity};
use scorecard::error::Error;
use scorecard::output::write_atomic_with;
use scorecard::pipeline::prepare_since;
use scorecard::report::{renderer, Format, Look, Part};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// Examples shown by `scorecard report --help`.
pub const EXAMPLES: &str = "Examples:
  scorecard report q4.xlsx                       Markdown to the terminal
  scorecard report q4.xlsx -o q4.html            one self-contained HTML file
  scorecard report q4.xlsx -o q4.json            the rated data
  scorecard report q4.xlsx -o q4.docx --reference-doc council.docx
                                                 Word, in the council's own styles
  scorecard report q4.xlsx -o q4.md --template my-templates/
  scorecard report q4.xlsx --set \"meeting date=14 June 2013\" --set committee=Cabinet
  scorecard report q3.xlsx --previous q2.xlsx    with what changed since the last report";

/// Options of `scorecard report`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The workbook: .xlsx, .xlsm, .xlsb, .xls, .ods, or a folder of CSV files.
    #[arg(value_name = "WORKBOOK")]
    pub workbook: PathBuf,
    /// Where to write the report; `-` for standard output (the default).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The output format (default: from the output file's extension, else md).
    #[arg(long, value_parser = super::format_parser())]
    pub format: Option<Format>,
    /// A directory of templates that replace the built-in ones, file by file
    /// (default: `[report] templates`, else templates/ beside scorecard.toml).
    #[arg(long, value_name = "DIR")]
    pub template: Option<PathBuf>,
    /// A Word document whose styles (fonts, colours, headings, tables) and
    /// page a Word report takes (default: `[report] reference_doc`).
    #[arg(long, value_name = "FILE")]
    pub reference_doc: Option<PathBuf>,
    /// The settings file (default: scorecard.toml beside the workbook).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Set a front-matter key, overriding the workbook and scorecard.toml.
    #[arg(long = "set", value_name = "KEY=VALUE", value_parser = parse_set)]
    pub sets: Vec<(String, String)>,
    /// The previous report's workbook: the paper then says what changed since
    /// (default: `[report] previous` in scorecard.toml).
    #[arg(long, value_name = "WORKBOOK")]
    pub previous: Option<PathBuf>,
}

fn parse_set(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_string(), v.to_string())),
        _ => Err(format!(
            "'{s}' is not KEY=VALUE, for example committee=Cabinet"
        )),
    }
}

/// Runs the command. Problems inside the workbook do not stop the report; an
/// unreadable file, a bad setting or a template error does.
pub fn run(args: &Args, ui: Ui, stdout: &mut dyn Write) -> Result<Outcome, Error> {
    let to_file = args.output.as_ref().filter(|p| p.as_os_str() != "-");
    let format = match (args.format, to_file) {
        (Some(format), _) => format,
        (None, None) => Format::Md,
        (None, Some(path)) => Format::from_path(path).ok_or_else(|| {
            let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
            let endings = match names.split_last() {
                Some((last, [])) => format!(".{last}"),
                Some((last, rest)) => format!(".{} or .{last}", rest.join(", .")),
                None => String::new(),
            };
            Error::Usage {
                message: format!(
                    "{} does not name a format this tool writes: end it with {endings}, or give \
                     --format {}",
                    path.display(),
                    names.join("|")
                ),
            }
        })?,
    };
    let prepared = prepare_since(
        &args.workbook,
        args.config.as_deref(),
        &args.sets,
        args.previous.as_deref(),
    )?;
    // `--template`, else the settings file's templates folder.
    let templates = args
        .template
        .clone()
        .or_else(|| prepared.config.templates(prepared.config_path.as_deref()));
    let reference_doc = args.reference_doc.clone().or_else(|| {
        prepared
            .config
            .reference_doc(prepared.config_path.as_deref())
    });
    if format == Format::Docx && to_file.is_none() && std::io::stdout().is_terminal() {
        return Err(Error::Usage {
            message: "a Word document is not text for the terminal: give -o FILE.docx, or \
                      redirect the output to a file"
                .to_string(),
        });
    }
    let renderer = renderer(
        format,
        Look {
            templates: templates.as_deref(),
            reference_doc: reference_doc.as_deref(),
        },
    )?;
    let report = prepared.report(Part::AgendaItem);
    let render = |out: &mut dyn Write| renderer.render(&report, out);
    match to_file {
        Some(path) => {
            write_atomic_with(path, &args.workbook, render)?;
            if ui.verbosity == Verbosity::Verbose {
                writeln!(stdout, "wrote {}", path.display()).map_err(Error::Output)?;
            }
        }
        None => render(stdout)?,
    }
    let indicators = prepared.rated.scorecard.indicators.len();
    scorecard::report::drop_in_background(prepared, indicators);
    Ok(Outcome::Clean)
}
