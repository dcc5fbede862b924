//! The report as a Word document, built with docx-rs from the same
//! [`view`] as the HTML report, as real Word structure: the
//! Title, Heading 1–3 and Normal styles, Word tables whose header rows
//! repeat across pages with the RAG as a word in a shaded cell, captions,
//! page numbers in the footer, each recovery plan on a new page, and
//! Appendix B in a landscape section. Markdown from the workbook becomes
//! Word paragraphs, lists, bold, italic and links ([`rich`](super::rich)).
//!
//! `package` finishes the file docx-rs writes: what docx-rs has no
//! builder for (repeating header rows, the document's title and language),
//! the styles and page of a council's own template (`--reference-doc`),
//! and a byte-for-byte repeatable archive.

mod package;
mod word;

pub use package::Reference;

use super::view::{self, Escape};
use super::{Part, RatedReport, Renderer};
use crate::error::{Error, Result};
use std::path::Path;

/// Text for Word: as written, with the characters XML 1.0 cannot hold
/// (control characters but tab and line feed, and U+FFFE/U+FFFF) dropped,
/// since Word refuses a document with any of them, and direction overrides
/// dropped. Markdown is kept as
/// Markdown, for [`rich`](super::rich) to read.
pub struct WordText;

/// Whether XML 1.0 can hold `c` (tab and line feed are kept; a carriage
/// return is one line break with its line feed).
pub(crate) fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n') || (!c.is_control() && !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
}

/// Text from a cell as Word (and the PDF) hold it: without the characters
/// XML cannot hold, and without direction overrides, which could turn a
/// figure's digits around on the page (as in the HTML report's charts).
fn clean(s: &str) -> String {
    let s = s.trim();
    let kept = |c: char| xml_char(c) && !super::charts::is_bidi_control(c);
    if s.chars().all(kept) {
        return s.to_string();
    }
    s.replace("\r\n", "\n")
        .chars()
        .map(|c| if c == '\r' { '\n' } else { c })
        .filter(|&c| kept(c))
        .collect()
}

impl Escape for WordText {
    fn text(&self, s: &str) -> String {
        clean(s)
    }

    fn rich(&self, s: &str) -> String {
        clean(s)
    }

    fn draws(&self) -> bool {
        true
    }
}

/// The Word renderer, with the council's template when one is given.
pub struct DocxRenderer {
    reference: Option<Reference>,
}

impl DocxRenderer {
    /// A Word renderer; `reference_doc` is a Word document whose styles and
    /// page the output takes (pandoc's `--reference-doc`).
    pub fn new(reference_doc: Option<&Path>) -> Result<DocxRenderer> {
        Ok(DocxRenderer {
            reference: reference_doc.map(Reference::load).transpose()?,
        })
    }
}

impl Renderer for DocxRenderer {
    fn render(&self, report: &RatedReport, out: &mut dyn std::io::Write) -> Result<()> {
        let view = view::build(report.rated, &WordText, report.charts);
        let document = match report.part {
            Part::AgendaItem => word::agenda_item(&view),
            Part::Appendix => word::appendix(&view),
        };
        let title = match report.part {
            Part::AgendaItem => view.meta.keys.get("title").cloned().flatten(),
            Part::Appendix => Some("Appendix A \u{2014} Recovery plans".to_string()),
        };
        let bytes = package::finish(document, title.as_deref(), self.reference.as_ref())?;
        super::drop_in_background(view, report.rated.scorecard.indicators.len());
        out.write_all(&bytes).map_err(Error::Output)
    }

    fn render_to_string(&self, report: &RatedReport) -> Result<String> {
        // A Word file is not text: the document's XML is what reads as it.
        let mut bytes = Vec::new();
        self.render(report, &mut bytes)?;
        package::document_xml(&bytes)
    }
}
