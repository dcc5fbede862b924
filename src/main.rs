//! The `scorecard` command: parse arguments, call the library, map the outcome
//! to an exit code in one place.

mod cli;
mod commands;

use clap::Parser;
use cli::{Cli, Command};
use commands::Outcome;
use std::process::ExitCode;

fn main() -> ExitCode {
    // A panic inside a workbook read is reported by the library as an
    // unreadable file; only other panics are printed as what they are.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !scorecard::normalise::reading_a_workbook() {
            default_hook(info);
        }
    }));
    let cli = Cli::parse();
    let ui = commands::Ui {
        verbosity: cli.verbosity(),
        color: anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never,
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = match &cli.command {
        Command::Validate(args) => commands::validate::run(args, ui, &mut out),
        Command::Report(args) => commands::report::run(args, ui, &mut out),
        Command::Explain(args) => commands::explain::run(args, &mut out),
        Command::Compare(args) => commands::compare::run(args, &mut out),
        Command::Batch(args) => commands::batch::run(args, ui, &mut out),
        Command::Index(args) => commands::index::run(args, ui, &mut out),
        Command::Init(args) => commands::init::run(args, ui, &mut out),
        Command::Templates(args) => commands::templates::run(args, ui, &mut out),
        Command::Completions(args) => cli::completions(args, &mut out),
        Command::Manpage(args) => cli::manpage(args, &mut out),
    };
    exit_code(result)
}

/// The one mapping from a command's end to the process's exit code: 0 clean,
/// 1 problems found, 2 unreadable input or misuse. A reader that closed the
/// pipe (`scorecard validate … | head -1`) ends the command quietly with 0.
fn exit_code(result: scorecard::Result<Outcome>) -> ExitCode {
    match result {
        Ok(outcome) => ExitCode::from(outcome as u8),
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            // Other control characters from a file name or a workbook are
            // replaced; line breaks stay (a template or settings error shows
            // the line it points at under it).
            let message = e.to_string();
            eprintln!(
                "scorecard: {}",
                scorecard::diagnostics::replace_controls(&message, |c| (c == '\n').then_some(c))
            );
            ExitCode::from(Outcome::Unreadable as u8)
        }
    }
}
