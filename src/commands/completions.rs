//! `scorecard completions` and `scorecard manpage` — shell completion scripts
//! (clap_complete) and a manual page (clap_mangen), from the same command
//! definition as the tool itself.
//!
//! ```text
//! scorecard completions bash|zsh|fish|powershell|elvish > FILE
//! scorecard manpage > scorecard.1
//! ```

use super::Outcome;
use clap::CommandFactory;
use std::io::Write;

/// Examples shown by `scorecard completions --help`.
pub const EXAMPLES: &str = "Examples:
  scorecard completions bash > ~/.local/share/bash-completion/completions/scorecard
  scorecard completions zsh > ~/.zfunc/_scorecard
  scorecard manpage > scorecard.1 && man ./scorecard.1";

/// Options of `scorecard completions`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Writes the completion script.
pub fn run(args: &Args, out: &mut dyn Write) -> scorecard::Result<Outcome> {
    let mut command = crate::cli::Cli::command();
    // clap_complete writes with no way to report a failed write; writing to
    // a buffer first lets a closed pipe or a full disk be reported.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "scorecard", &mut script);
    out.write_all(&script).map_err(scorecard::Error::Output)?;
    Ok(Outcome::Clean)
}

/// Writes the manual page in roff.
pub fn manpage(out: &mut dyn Write) -> scorecard::Result<Outcome> {
    clap_mangen::Man::new(crate::cli::Cli::command())
        .render(out)
        .map_err(scorecard::Error::Output)?;
    Ok(Outcome::Clean)
}
