//! The Markdown and HTML renderers: Tera templates over the report
//! [`view`], each format with its own escaping of workbook text.

use super::text::{escape_markdown, markdown_to_html, neutralise_markdown};
use super::view::{self, Escape};
use super::{drop_in_background, Part, RatedReport, Renderer};
use crate::error::{Error, Result};
use std::collections::HashMap;
use std::path::Path;
use tera::{Context, Tera, Value};

/// Markdown output: plain text is escaped here; Markdown from a cell is
/// neutralised so that it cannot break the page.
pub struct MarkdownText;

impl Escape for MarkdownText {
    fn text(&self, s: &str) -> String {
        escape_markdown(s)
    }

    fn rich(&self, s: &str) -> String {
        neutralise_markdown(s)
    }
}

/// HTML output: plain text is escaped by the templates (Tera's autoescape);
/// Markdown from a cell is rendered and sanitised here.
pub struct HtmlText;

impl Escape for HtmlText {
    fn text(&self, s: &str) -> String {
        s.trim().to_string()
    }

    fn draws(&self) -> bool {
        true
    }

    fn rich(&self, s: &str) -> String {
        markdown_to_html(s)
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
    ("index.md", include_str!("../../report_templates/index.md")),
    (
        "index.html",
        include_str!("../../report_templates/index.html"),
    ),
];

/// The index page's templates (`scorecard index`), not the report's.
fn is_index(name: &str) -> bool {
    name.starts_with("index.")
}

/// Whether the Markdown report reads the template `name`.
fn markdown_reads(name: &str) -> bool {
    name.ends_with(".md") && !is_index(name)
}

/// Whether the HTML report reads the template `name`.
fn html_reads(name: &str) -> bool {
    (name.ends_with(".html") || name.ends_with(".css")) && !is_index(name)
}

/// The templates a report in `format` is written through (none for JSON):
/// the files of a templates folder that can change it.
pub fn templates_read(format: super::Format) -> Vec<&'static str> {
    let reads: fn(&str) -> bool = match format {
        super::Format::Md => markdown_reads,
        super::Format::Html => html_reads,
        super::Format::Json | super::Format::Docx => return Vec::new(),
        #[cfg(feature = "pdf")]
        super::Format::Pdf => return super::pdf::templates_read(),
        #[cfg(not(feature = "pdf"))]
        super::Format::Pdf => return Vec::new(),
    };
    BUILT_IN
        .iter()
        .map(|(name, _)| *name)
        .filter(|name| reads(name))
        .collect()
}

/// A Markdown table cell: pipes escaped, and its lines (paragraphs too)
/// joined with spaces, since a cell is one line; no raw HTML such as `<br>`,
/// which pandoc and Word drop, running sentences together.
fn cell_filter(value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
    let s = value.as_str().unwrap_or_default();
    let lines: Vec<&str> = s.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    // A pipe already escaped (`\|`, from text escaped for Markdown) is kept
    // as it is; escaping it again would end the cell at it.
    let mut out = String::with_capacity(s.len() + 8);
    let mut backslashes = 0usize;
    for c in lines.join(" ").chars() {
        if c == '|' && backslashes.is_multiple_of(2) {
            out.push('\\');
        }
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
        out.push(c);
    }
    Ok(Value::String(out))
}

/// Strong emphasis around text already escaped for Markdown (see
/// [`strong`](super::text::strong)).
fn strong_filter(value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
    Ok(Value::String(super::text::strong(
        value.as_str().unwrap_or_default(),
    )))
}

/// A CSS string literal (`"…"`) for any text: every character but letters,
/// digits and spaces written as a hex escape, so nothing in it can end the
/// string or the style sheet (for the printed page's running header); line
/// breaks become spaces, and direction overrides, which could turn a date's
/// digits around, are dropped.
fn css_string_filter(value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
    let s = value.as_str().unwrap_or_default();
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || c == ' ' {
            out.push(c);
        } else if c.is_whitespace() {
            // A line break in a cell is a space in a one-line header.
            out.push(' ');
        } else if !c.is_control() && !super::charts::is_bidi_control(c) {
            // The space ends the escape (and is consumed by it).
            out.push_str(&format!("\\{:06x} ", u32::from(c)));
        }
    }
    out.push('"');
    Ok(Value::String(out))
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

/// A report written through Tera templates: Markdown or HTML.
pub struct TeraRenderer {
    tera: Tera,
    escape: &'static dyn Escape,
    agenda_item: &'static str,
    appendix: &'static str,
}

impl TeraRenderer {
    /// The Markdown renderer: the `.md` templates.
    pub fn markdown(override_dir: Option<&Path>) -> Result<TeraRenderer> {
        Ok(TeraRenderer {
            tera: load(override_dir, |name| {
                name.ends_with(".md") && !is_index(name)
            })?,
            escape: &MarkdownText,
            agenda_item: "agenda_item.md",
            appendix: "appendix.md",
        })
    }

    /// The HTML renderer: the `.html` templates and the stylesheet.
    pub fn html(override_dir: Option<&Path>) -> Result<TeraRenderer> {
        Ok(TeraRenderer {
            tera: load(override_dir, html_reads)?,
            escape: &HtmlText,
            agenda_item: "agenda_item.html",
            appendix: "appendix.html",
        })
    }

    /// The report as text.
    fn render_text(&self, report: &RatedReport) -> Result<String> {
        let template = match report.part {
            Part::AgendaItem => self.agenda_item,
            Part::Appendix => self.appendix,
        };
        let rated = report.rated;
        let context = context_of(view::build(rated, self.escape, report.charts)).map_err(|e| {
            Error::Template {
                template: template.to_string(),
                message: e.to_string(),
                source: Some(Box::new(e)),
            }
        })?;
        let text = render_template(&self.tera, template, &context)?;
        drop_in_background(context, rated.scorecard.indicators.len());
        Ok(text)
    }
}

/// One template rendered and tidied, its error naming the template.
fn render_template(tera: &Tera, template: &str, context: &Context) -> Result<String> {
    let text = tera
        .render(template, context)
        .map_err(|e| Error::Template {
            template: template.to_string(),
            message: tera_message(&e),
            source: Some(Box::new(e)),
        })?;
    Ok(tidy(&text))
}

impl Renderer for TeraRenderer {
    fn render(&self, report: &RatedReport, out: &mut dyn std::io::Write) -> Result<()> {
        let text = self.render_text(report)?;
        out.write_all(text.as_bytes()).map_err(Error::Output)
    }

    fn render_to_string(&self, report: &RatedReport) -> Result<String> {
        self.render_text(report)
    }
}

/// The index page of many batch runs (`scorecard index`; its view is built
/// by `jobs::index`), as Markdown (`index.md`) or HTML (`index.html`),
/// through the same templates mechanism as the report: `override_dir`
/// replaces them file by file.
pub fn render_index<V: serde::Serialize>(
    view: &V,
    markdown: bool,
    override_dir: Option<&Path>,
) -> Result<String> {
    let template = if markdown { "index.md" } else { "index.html" };
    let tera = load(override_dir, |name| name == template)?;
    let context = Context::from_serialize(view).map_err(|e| Error::Template {
        template: template.to_string(),
        message: e.to_string(),
        source: Some(Box::new(e)),
    })?;
    render_template(&tera, template, &context)
}

/// The templates `wanted`, each file of `override_dir` replacing the built-in
/// one of the same name, parsed once.
fn load(override_dir: Option<&Path>, wanted: impl Fn(&str) -> bool) -> Result<Tera> {
    let sources = super::template_sources(BUILT_IN, override_dir, wanted)?;
    super::check_template_dir(override_dir)?;
    let mut tera = Tera::default();
    tera.register_filter("cell", cell_filter);
    tera.register_filter("css_string", css_string_filter);
    tera.register_filter("strong", strong_filter);
    tera.add_raw_templates(sources)
        .map_err(|e| Error::Template {
            template: override_dir.map_or_else(
                || "built-in templates".to_string(),
                |d| d.display().to_string(),
            ),
            message: tera_message(&e),
            source: Some(Box::new(e)),
        })?;
    Ok(tera)
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
        for esc in [&MarkdownText as &dyn Escape, &HtmlText] {
            let expected = Context::from_serialize(view::build(&rated, esc, true))
                .unwrap()
                .into_json();
            let got = context_of(view::build(&rated, esc, true))
                .unwrap()
                .into_json();
            assert_eq!(got, expected);
        }
    }
}
