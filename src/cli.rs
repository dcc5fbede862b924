//! The command line, as clap types: the one definition that parsing, `--help`,
//! the shell completion scripts (clap_complete) and the manual page
//! (clap_mangen) all come from.
//!
//! ```text
//! scorecard completions bash|zsh|fish|powershell|elvish > FILE
//! scorecard manpage > scorecard.1
//! ```

use crate::commands::Outcome;
use clap::{CommandFactory, Parser, Subcommand};
use std::io::Write;

/// Turns a council's performance-indicator workbook into the committee paper
/// that goes on a meeting agenda.
#[derive(Debug, Parser)]
#[command(name = "scorecard", version, about, long_about = None)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
    /// Print less: no notes and no progress bar.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print more: the settings file used, each file written.
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

impl Cli {
    /// The verbosity asked for.
    pub fn verbosity(&self) -> crate::commands::Verbosity {
        if self.quiet {
            crate::commands::Verbosity::Quiet
        } else if self.verbose {
            crate::commands::Verbosity::Verbose
        } else {
            crate::commands::Verbosity::Normal
        }
    }
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a workbook and list every problem with its sheet and cell.
    #[command(after_help = crate::commands::validate::EXAMPLES)]
    Validate(crate::commands::validate::Args),
    /// Explain how one indicator's rating was reached.
    #[command(after_help = crate::commands::explain::EXAMPLES)]
    Explain(crate::commands::explain::Args),
    /// What changed between two reports' workbooks: ratings, new and dropped
    /// indicators, restated figures.
    #[command(after_help = crate::commands::compare::EXAMPLES)]
    Compare(crate::commands::compare::Args),
    /// Write the reports of many workbooks at once, in parallel.
    #[command(after_help = crate::commands::batch::EXAMPLES)]
    Batch(crate::commands::batch::Args),
    /// Merge batch manifests (one per CI shard) into one index page.
    #[command(after_help = crate::commands::index::EXAMPLES)]
    Index(crate::commands::index::Args),
    /// Write the report for a workbook.
    #[command(after_help = crate::commands::report::EXAMPLES)]
    Report(crate::commands::report::Args),
    /// Start a new scorecard: an example workbook, scorecard.toml and templates.
    #[command(after_help = crate::commands::init::EXAMPLES)]
    Init(crate::commands::init::Args),
    /// Copy the built-in report templates out for customising.
    #[command(after_help = crate::commands::templates::EXAMPLES)]
    Templates(crate::commands::templates::Args),
    /// Print a shell completion script.
    #[command(after_help = COMPLETIONS_EXAMPLES)]
    Completions(CompletionsArgs),
    /// Print the manual page (roff), or write one per command into a folder.
    #[command(after_help = MANPAGE_EXAMPLES)]
    Manpage(ManpageArgs),
}

/// Examples shown by `scorecard completions --help`.
const COMPLETIONS_EXAMPLES: &str = "Examples:
  scorecard completions bash > ~/.local/share/bash-completion/completions/scorecard
  scorecard completions zsh > ~/.zfunc/_scorecard
  scorecard manpage > scorecard.1 && man ./scorecard.1";

/// Examples shown by `scorecard manpage --help`.
const MANPAGE_EXAMPLES: &str = "Examples:
  scorecard manpage > scorecard.1 && man ./scorecard.1
  scorecard manpage --dir /usr/local/share/man/man1    scorecard.1 and scorecard-batch.1, …";

/// Options of `scorecard manpage`.
#[derive(Debug, clap::Args)]
pub struct ManpageArgs {
    /// Write scorecard.1 and a page for each command (scorecard-batch.1, …)
    /// into this folder, instead of the main page to standard output.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<std::path::PathBuf>,
}

/// Options of `scorecard completions`.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Writes the completion script of this command line.
pub fn completions(args: &CompletionsArgs, out: &mut dyn Write) -> scorecard::Result<Outcome> {
    // clap_complete gives no way to report a failed write; writing to a
    // buffer first lets a closed pipe or a full disk be reported.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "scorecard", &mut script);
    out.write_all(&script).map_err(scorecard::Error::Output)?;
    Ok(Outcome::Clean)
}

/// Writes the manual page of this command line, in roff: to `out`, the
/// main page with its commands listed (a printed page names no page that is
/// not there); with `--dir`, the main page and one per command, which the
/// main page then names.
pub fn manpage(args: &ManpageArgs, out: &mut dyn Write) -> scorecard::Result<Outcome> {
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    if let Some(dir) = &args.dir {
        std::fs::create_dir_all(dir).map_err(|source| scorecard::Error::Write {
            path: dir.clone(),
            source,
        })?;
        clap_mangen::generate_to(command, dir).map_err(|source| scorecard::Error::Write {
            path: dir.clone(),
            source,
        })?;
        return Ok(Outcome::Clean);
    }
    let mut page = Vec::new();
    let man = clap_mangen::Man::new(command.clone());
    man.render_title(&mut page)
        .and_then(|()| man.render_name_section(&mut page))
        .and_then(|()| man.render_synopsis_section(&mut page))
        .and_then(|()| man.render_description_section(&mut page))
        .and_then(|()| man.render_options_section(&mut page))
        .map_err(scorecard::Error::Output)?;
    page.extend_from_slice(b".SH COMMANDS\n");
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        page.extend_from_slice(
            format!(
                ".TP\n\\fBscorecard {}\\fR\n{}\n",
                roff_text(sub.get_name()),
                roff_text(&about)
            )
            .as_bytes(),
        );
    }
    page.extend_from_slice(
        b".PP\nEach command's options: \\fBscorecard help\\fR \\fICOMMAND\\fR, or the pages \\fBscorecard manpage \\-\\-dir\\fR writes.\n",
    );
    man.render_version_section(&mut page)
        .map_err(scorecard::Error::Output)?;
    out.write_all(&page).map_err(scorecard::Error::Output)?;
    Ok(Outcome::Clean)
}

/// Text for a roff line: backslashes escaped, hyphens as hyphens, and no
/// line starting with a control character.
fn roff_text(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    match escaped.chars().next() {
        Some('.' | '\'') => format!("\\&{escaped}"),
        _ => escaped,
    }
}
