//! The report as a tagged, accessible PDF (PDF/UA-1), typeset in-process
//! with Typst: no browser or other program is needed, and the fonts are the
//! ones embedded in the binary ([`FONTS`](super::raster::FONTS)).
//!
//! The layout is a Typst template, `agenda_item.typ` (or `appendix.typ`)
//! with `partials/report.typ`, overridable file by file beside the Tera
//! templates. The template reads the report [`view`] as data
//! (`json("data.json")`), never as markup, so nothing in a workbook can
//! become Typst code: plain text stays a string, and Markdown from a cell
//! arrives as Typst markup this module writes with every text character
//! escaped (`markup.rs`), which the template evaluates.

mod markup;
mod world;

use super::view::{self, Escape};
use super::{Part, RatedReport, Renderer};
use crate::error::{Error, Result};
use std::path::Path;

/// The built-in Typst templates: (name, contents).
pub const BUILT_IN: &[(&str, &str)] = &[
    (
        "agenda_item.typ",
        include_str!("../../../report_templates/agenda_item.typ"),
    ),
    (
        "appendix.typ",
        include_str!("../../../report_templates/appendix.typ"),
    ),
    (
        "partials/report.typ",
        include_str!("../../../report_templates/partials/report.typ"),
    ),
];

/// Text for Typst: plain text as it is (the template shows it as a string),
/// with control characters dropped and characters the fonts lack shown as
/// U+FFFD; Markdown as escaped Typst markup.
pub struct TypstText;

impl Escape for TypstText {
    fn text(&self, s: &str) -> String {
        super::docx::WordText
            .text(s)
            .chars()
            .map(world::printable)
            .collect()
    }

    fn rich(&self, s: &str) -> String {
        markup::markup(&super::rich::blocks(s))
    }

    fn draws(&self) -> bool {
        true
    }
}

/// The PDF renderer: the Typst templates, read once.
pub struct PdfRenderer {
    templates: Vec<(String, String)>,
}

impl PdfRenderer {
    /// The renderer, with any `.typ` file of `override_dir` replacing the
    /// built-in one of the same name.
    pub fn new(override_dir: Option<&Path>) -> Result<PdfRenderer> {
        let mut templates = Vec::with_capacity(BUILT_IN.len());
        for (name, builtin) in BUILT_IN {
            let text = match override_dir.map(|d| d.join(name)) {
                Some(path) if path.is_file() => {
                    std::fs::read_to_string(&path).map_err(|source| Error::Io { path, source })?
                }
                _ => (*builtin).to_string(),
            };
            templates.push(((*name).to_string(), text));
        }
        Ok(PdfRenderer { templates })
    }
}

impl Renderer for PdfRenderer {
    fn render(&self, report: &RatedReport, out: &mut dyn std::io::Write) -> Result<()> {
        let main = match report.part {
            Part::AgendaItem => "agenda_item.typ",
            Part::Appendix => "appendix.typ",
        };
        let view = view::build(report.rated, &TypstText, report.charts);
        let data = serde_json::to_vec(&view).map_err(|e| Error::Template {
            template: main.to_string(),
            message: e.to_string(),
            source: Some(Box::new(e)),
        })?;
        super::drop_in_background(view, report.rated.scorecard.indicators.len());
        let pdf = world::compile(&self.templates, main, data)?;
        out.write_all(&pdf).map_err(Error::Output)
    }
}

/// The templates a PDF report is written through.
pub fn templates_read() -> Vec<&'static str> {
    BUILT_IN.iter().map(|(name, _)| *name).collect()
}
