//! `scorecard index` — one page listing every workbook of many batch runs.
//!
//! ```text
//! scorecard index DIR... [--out DIR] [--template DIR]
//! ```
//!
//! Reads every manifest `batch` left in the folders named and below them
//! (`manifest.json`, `manifest-K-of-N.json`: one per CI shard), and writes
//! `index.html` and `index.md` listing every workbook, failures first, with
//! its rating counts and links to its reports. A shard whose manifest is
//! missing, or a workbook listed twice, is named at the top of the page.

use super::{Outcome, Ui, Verbosity};
use scorecard::error::Error;
use scorecard::jobs::index;
use scorecard::output::write_atomic;
use scorecard::report::tera_renderer::{render_index, HtmlText, MarkdownText};
use std::io::Write;
use std::path::PathBuf;

/// Examples shown by `scorecard index --help`.
pub const EXAMPLES: &str = "Examples:
  scorecard index site/                          after scorecard batch … --out site/
  scorecard index shard-1/ shard-2/ shard-3/ --out site/";

/// Options of `scorecard index`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folders that batch wrote into (searched for manifests below them too).
    #[arg(required = true, value_name = "DIR")]
    pub dirs: Vec<PathBuf>,
    /// Where to write index.html and index.md (default: the first DIR).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// A directory of templates: its index.html and index.md replace the
    /// built-in ones.
    #[arg(long, value_name = "DIR")]
    pub template: Option<PathBuf>,
}

/// Runs the command.
pub fn run(args: &Args, ui: Ui, out: &mut dyn Write) -> Result<Outcome, Error> {
    let collected = index::collect(&args.dirs)?;
    let dir = args
        .out
        .clone()
        .or_else(|| args.dirs.first().cloned())
        .unwrap_or_else(|| PathBuf::from("."));
    std::fs::create_dir_all(&dir).map_err(|source| Error::Write {
        path: dir.clone(),
        source,
    })?;
    let mut written = Vec::new();
    let mut summary = None;
    for markdown in [false, true] {
        let view = if markdown {
            index::build(&collected, &dir, &MarkdownText)
        } else {
            index::build(&collected, &dir, &HtmlText)
        };
        let text = render_index(&view, markdown, args.template.as_deref())?;
        let path = dir.join(if markdown { "index.md" } else { "index.html" });
        write_atomic(&path, text.as_bytes(), std::path::Path::new(""))?;
        written.push(path);
        summary.get_or_insert(view);
    }
    let mut text = String::new();
    if let Some(view) = summary {
        // The warnings as plain text, from the HTML view (escaped by its
        // template, not here).
        for w in &view.warnings {
            text.push_str(&format!("warning: {w}\n"));
        }
        if ui.verbosity != Verbosity::Quiet {
            text.push_str(&format!(
                "{} workbook{} ({} failed) from {} manifest{}: {}\n",
                view.workbooks,
                if view.workbooks == 1 { "" } else { "s" },
                view.failed,
                collected.found.len(),
                if collected.found.len() == 1 { "" } else { "s" },
                written
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    out.write_all(text.as_bytes()).map_err(Error::Output)?;
    Ok(Outcome::Clean)
}
