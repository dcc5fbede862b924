//! Writing a rated scorecard out: the agenda-item report in Markdown or HTML
//! through Tera templates, or the JSON view of SPEC §5.
//!
//! The templates are the files of `report_templates/`, embedded in the binary
//! at build time. A directory given with `--template` overrides them file by
//! file, as mdBook and zola do with themes: put only `partials/scorecard_table.md`
//! there and the rest stays built-in. The renderer takes a rated scorecard and
//! knows nothing about where it came from.

pub mod json;
pub mod text;
pub mod view;

use crate::diagnostics::Diagnostic;
use crate::error::{Error, Result};
use crate::rules::scorecard::RatedScorecard;
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use tera::{Context, Tera, Value};

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Markdown (GitHub tables).
    Md,
    /// One self-contained HTML file.
    Html,
    /// The rated model as JSON.
    Json,
}

impl Format {
    /// Every format, in the order the command line lists them.
    pub const ALL: &'static [Format] = &[Format::Md, Format::Html, Format::Json];

    /// The format's name on the command line (`--format md`).
    pub fn name(self) -> &'static str {
        self.extension()
    }

    /// What the format is, in a few words (for `--help`).
    pub fn description(self) -> &'static str {
        match self {
            Format::Md => "Markdown (GitHub tables)",
            Format::Html => "one self-contained HTML file",
            Format::Json => "the rated model as JSON",
        }
    }

    /// The format a file name asks for by its extension.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" => Some(Format::Md),
            "html" | "htm" => Some(Format::Html),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

/// Which part of the paper to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The whole agenda item with its appendices.
    AgendaItem,
    /// Appendix A (recovery plans) alone.
    Appendix,
}

impl Format {
    /// The file extension for this format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Json => "json",
        }
    }
}

/// The built-in templates: (name, contents).
pub const BUILT_IN: &[(&str, &str)] = &[
    (
        "agenda_item.md",
        include_str!("../../report_templates/agenda_item.md"),
    ),
    (
        "agenda_item.html",
        include_str!("../../report_templates/agenda_item.html"),
    ),
    (
        "appendix.md",
        include_str!("../../report_templates/appendix.md"),
    ),
    (
        "appendix.html",
        include_str!("../../report_templates/appendix.html"),
    ),
    (
        "partials/scorecard_table.md",
        include_str!("../../report_templates/partials/scorecard_table.md"),
    ),
    (
        "partials/scorecard_table.html",
        include_str!("../../report_templates/partials/scorecard_table.html"),
    ),
    (
        "partials/recovery_plan.md",
        include_str!("../../report_templates/partials/recovery_plan.md"),
    ),
    (
        "partials/recovery_plan.html",
        include_str!("../../report_templates/partials/recovery_plan.html"),
    ),
    (
        "partials/keys.md",
        include_str!("../../report_templates/partials/keys.md"),
    ),
    (
        "partials/keys.html",
        include_str!("../../report_templates/partials/keys.html"),
    ),
    (
        "partials/style.css",
        include_str!("../../report_templates/partials/style.css"),
    ),
];

/// A Markdown table cell: pipes escaped, line breaks as `<br>`.
fn cell_filter(value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
    let s = value.as_str().unwrap_or_default();
    let s = s
        .trim()
        .replace('|', "\\|")
        .replace("\r\n", "\n")
        .replace('\n', "<br>");
    Ok(Value::String(s))
}

/// The full message of a Tera error, with its causes.
fn tera_message(e: &tera::Error) -> String {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    message
}

/// The report templates, built in or overridden from a directory.
pub struct Renderer {
    tera: Tera,
}

impl Renderer {
    /// The templates, with any file of `override_dir` replacing the built-in
    /// one of the same name.
    pub fn new(override_dir: Option<&Path>) -> Result<Renderer> {
        Self::with_templates(override_dir, |_| true)
    }

    /// Only the templates one format needs (none for JSON), each parsed once:
    /// a small report should not pay for parsing every format's templates.
    pub fn for_format(override_dir: Option<&Path>, format: Format) -> Result<Renderer> {
        Self::with_templates(override_dir, |name| match format {
            Format::Md => name.ends_with(".md"),
            Format::Html => name.ends_with(".html") || name.ends_with(".css"),
            Format::Json => false,
        })
    }

    fn with_templates(
        override_dir: Option<&Path>,
        wanted: impl Fn(&str) -> bool,
    ) -> Result<Renderer> {
        let mut sources: Vec<(String, String)> = Vec::with_capacity(BUILT_IN.len());
        for (name, builtin) in BUILT_IN.iter().filter(|(name, _)| wanted(name)) {
            let text = match override_dir.map(|d| d.join(name)) {
                Some(path) if path.is_file() => {
                    std::fs::read_to_string(&path).map_err(|source| Error::Io { path, source })?
                }
                _ => (*builtin).to_string(),
            };
            sources.push(((*name).to_string(), text));
        }
        if let Some(dir) = override_dir {
            if !dir.is_dir() {
                return Err(Error::Template {
                    template: dir.display().to_string(),
                    message: "the template directory does not exist".to_string(),
                });
            }
        }
        let mut tera = Tera::default();
        tera.register_filter("cell", cell_filter);
        tera.add_raw_templates(sources)
            .map_err(|e| Error::Template {
                template: override_dir.map_or_else(
                    || "built-in templates".to_string(),
                    |d| d.display().to_string(),
                ),
                message: tera_message(&e),
            })?;
        Ok(Renderer { tera })
    }

    /// Renders a report.
    pub fn render(
        &self,
        rated: &RatedScorecard,
        diagnostics: &[Diagnostic],
        format: Format,
    ) -> Result<String> {
        self.render_part(rated, diagnostics, format, Part::AgendaItem)
    }

    /// Renders the whole agenda item, or Appendix A alone.
    pub fn render_part(
        &self,
        rated: &RatedScorecard,
        diagnostics: &[Diagnostic],
        format: Format,
        part: Part,
    ) -> Result<String> {
        if format == Format::Json && part == Part::AgendaItem {
            let mut out = Vec::new();
            self.render_to(rated, diagnostics, format, part, &mut out)?;
            return Ok(String::from_utf8_lossy(&out).into_owned());
        }
        self.render_text(rated, diagnostics, format, part)
    }

    /// Renders straight to `out`: JSON is written as it is serialised, so a
    /// large workbook's report is never held whole in memory.
    pub fn render_to(
        &self,
        rated: &RatedScorecard,
        diagnostics: &[Diagnostic],
        format: Format,
        part: Part,
        out: &mut dyn std::io::Write,
    ) -> Result<()> {
        let write_error = Error::Output;
        if format == Format::Json && part == Part::AgendaItem {
            let mut buffered = std::io::BufWriter::with_capacity(1 << 16, out);
            json::write_json(rated, diagnostics, &mut buffered).map_err(write_error)?;
            return buffered.flush().map_err(write_error);
        }
        let text = self.render_text(rated, diagnostics, format, part)?;
        out.write_all(text.as_bytes()).map_err(write_error)
    }

    fn render_text(
        &self,
        rated: &RatedScorecard,
        diagnostics: &[Diagnostic],
        format: Format,
        part: Part,
    ) -> Result<String> {
        let (template, mode) = match (format, part) {
            (Format::Md, Part::Appendix) => ("appendix.md", view::Mode::Markdown),
            (Format::Html, Part::Appendix) => ("appendix.html", view::Mode::Html),
            (Format::Json, Part::Appendix) => {
                return Err(Error::Template {
                    template: "appendix".to_string(),
                    message: "the appendix alone is written as Markdown or HTML, not JSON"
                        .to_string(),
                })
            }
            _ => match format {
                Format::Json => {
                    return Ok(
                        serde_json::to_string_pretty(&json::to_json(rated, diagnostics))
                            .unwrap_or_default()
                            + "\n",
                    )
                }
                Format::Md => ("agenda_item.md", view::Mode::Markdown),
                Format::Html => ("agenda_item.html", view::Mode::Html),
            },
        };
        let context = context_of(view::build(rated, mode)).map_err(|e| Error::Template {
            template: template.to_string(),
            message: e.to_string(),
        })?;
        let text = self
            .tera
            .render(template, &context)
            .map_err(|e| Error::Template {
                template: template.to_string(),
                message: tera_message(&e),
            })?;
        drop_in_background(context, rated.scorecard.indicators.len());
        Ok(tidy(&text))
    }
}

/// Frees a large value on a short-lived thread, so the report is written
/// without waiting for millions of small frees (a 30,000-indicator context
/// takes a quarter of a second to free). Small values are freed here.
pub fn drop_in_background<T: Send + 'static>(value: T, indicators: usize) {
    const LARGE: usize = 2_000;
    if indicators >= LARGE {
        // Without a thread to be had, the value is freed here after all.
        std::thread::Builder::new().spawn(move || drop(value)).ok();
    }
}

/// A list of views as a JSON array, its elements converted on rayon's threads.
fn list_value<T: serde::Serialize + Sync>(items: &[T]) -> serde_json::Result<Value> {
    use rayon::prelude::*;
    items
        .par_iter()
        .with_min_len(256)
        .map(serde_json::to_value)
        .collect::<serde_json::Result<Vec<Value>>>()
        .map(Value::Array)
}

/// The template context of a report view: the same value as
/// `Context::from_serialize(&view)`, but the lists that grow with the
/// workbook (every indicator's row, the off-target lists) are converted in
/// parallel, and the view is consumed so nothing is held twice.
fn context_of(mut view: view::ReportView) -> serde_json::Result<Context> {
    let mut themes = std::mem::take(&mut view.themes);
    let off_target = std::mem::take(&mut view.off_target);
    let missing_plans = std::mem::take(&mut view.missing_plans);
    let rows: Vec<Vec<view::RowView>> = themes
        .iter_mut()
        .flat_map(|t| t.outcomes.iter_mut().map(|o| std::mem::take(&mut o.rows)))
        .collect();
    // Each list of views is freed as soon as it is converted, so the view
    // and its context are not both held whole.
    let ((rest, themes), (rows, (off_target, missing_plans))) = rayon::join(
        || (serde_json::to_value(&view), serde_json::to_value(&themes)),
        move || {
            rayon::join(
                move || {
                    use rayon::prelude::*;
                    rows.into_par_iter()
                        .map(|r| list_value(&r))
                        .collect::<Vec<_>>()
                },
                move || (list_value(&off_target), list_value(&missing_plans)),
            )
        },
    );
    let mut themes = themes?;
    let mut rows = rows.into_iter();
    for theme in themes.as_array_mut().into_iter().flatten() {
        let outcomes = theme.get_mut("outcomes").and_then(Value::as_array_mut);
        for outcome in outcomes.into_iter().flatten() {
            if let (Some(slot), Some(value)) = (outcome.get_mut("rows"), rows.next()) {
                *slot = value?;
            }
        }
    }
    let mut rest = rest?;
    if let Some(map) = rest.as_object_mut() {
        map.insert("themes".to_string(), themes);
        map.insert("off_target".to_string(), off_target?);
        map.insert("missing_plans".to_string(), missing_plans?);
    }
    Context::from_value(rest).map_err(|e| serde::ser::Error::custom(tera_message(&e)))
}

/// Collapses runs of blank lines left by template tags, and ends with one newline.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    let trimmed = out.trim().to_string();
    trimmed + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Indicator, Measure, Polarity, Scorecard, Target};
    use crate::rules::scorecard::rate_scorecard;
    use crate::rules::RuleSettings;
    use rust_decimal::Decimal;

    #[test]
    fn the_parallel_context_is_the_view_itself() {
        let mut indicators = Vec::new();
        for i in 0..700u32 {
            let mut ind = Indicator::new(format!("PI {i}"), format!("Indicator {i}"));
            ind.theme = Some(["Prevent", "Reduce"][(i % 2) as usize].to_string());
            ind.outcome = (i % 3 == 0).then(|| "Outcome A".to_string());
            ind.polarity = Polarity::Higher;
            ind.actual = Measure::number(Decimal::from(i % 50));
            ind.target = Some(Target::Value {
                value: Decimal::from(40),
            });
            ind.commentary = Some(format!("Row {i} | with a pipe\nand a line"));
            indicators.push(ind);
        }
        let scorecard = Scorecard {
            indicators,
            ..Scorecard::default()
        };
        let rated = rate_scorecard(scorecard, RuleSettings::default());
        for mode in [view::Mode::Markdown, view::Mode::Html] {
            let expected = Context::from_serialize(view::build(&rated, mode))
                .unwrap()
                .into_json();
            let got = context_of(view::build(&rated, mode)).unwrap().into_json();
            assert_eq!(got, expected);
        }
    }
}
