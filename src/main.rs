//! The `scorecard` command: parse arguments, call the library, map the outcome
//! to an exit code.

use clap::Parser;
use scorecard::cli::{Cli, Command};
use scorecard::commands::{self, Outcome};
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
    let result: anyhow::Result<Outcome> = match &cli.command {
        Command::Validate(args) => commands::validate::run(args, ui, &mut out).map_err(Into::into),
        Command::Report(args) => commands::report::run(args, ui, &mut out).map_err(Into::into),
        Command::Explain(args) => commands::explain::run(args, &mut out),
        Command::Batch(args) => commands::batch::run(args, ui, &mut out).map_err(Into::into),
        Command::Init(args) => commands::init::run(args, ui, &mut out).map_err(Into::into),
        Command::Templates(args) => {
            commands::templates::run(args, ui, &mut out).map_err(Into::into)
        }
        Command::Completions(args) => {
            commands::completions::run(args, &mut out).map_err(Into::into)
        }
        Command::Manpage => commands::completions::manpage(&mut out).map_err(Into::into),
    };
    match result {
        Ok(outcome) => ExitCode::from(outcome as u8),
        Err(e) => {
            eprintln!("scorecard: {e:#}");
            ExitCode::from(Outcome::Unreadable as u8)
        }
    }
}
