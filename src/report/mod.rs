//! Writing a rated scorecard out, behind one [`Renderer`] trait as in mdBook:
//! the agenda-item report in Markdown or HTML through Tera templates
//! ([`tera_renderer`]), or the JSON view of SPEC §5 ([`json`]).
//!
//! A renderer takes a [`RatedReport`] and knows nothing about where it came
//! from; [`renderer`] is the one place a format is matched to its renderer.
//! The templates are the files of `report_templates/`, embedded in the binary
//! at build time. A directory given with `--template` overrides them file by
//! file, as mdBook and zola do with themes: put only
//! `partials/scorecard_table.md` there and the rest stays built-in.

pub mod charts;
pub mod docx;
pub mod figures;
pub mod json;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod raster;
pub mod reasoning;
pub mod rich;
pub mod tera_renderer;
pub mod text;
pub mod view;

use crate::diagnostics::Diagnostic;
use crate::error::Result;
use crate::rules::scorecard::RatedScorecard;
use std::path::Path;

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Markdown (GitHub tables).
    Md,
    /// One self-contained HTML file.
    Html,
    /// The rated model as JSON.
    Json,
    /// A Word document.
    Docx,
    /// A tagged PDF (PDF/UA-1).
    Pdf,
}

impl Format {
    /// Every format, in the order the command line lists them.
    pub const ALL: &'static [Format] = &[
        Format::Md,
        Format::Html,
        Format::Json,
        Format::Docx,
        Format::Pdf,
    ];

    /// The format's name on the command line (`--format md`), which is also
    /// the extension of the files written.
    pub fn name(self) -> &'static str {
        self.extension()
    }

    /// The file extension for this format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Json => "json",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }

    /// What the format is, in a few words (for `--help`).
    pub fn description(self) -> &'static str {
        match self {
            Format::Md => "Markdown (GitHub tables)",
            Format::Html => "One self-contained HTML file",
            Format::Json => "The rated model as JSON",
            Format::Docx => "A Word document (--reference-doc for the council's styles)",
            Format::Pdf => "A tagged, accessible PDF (PDF/UA-1)",
        }
    }

    /// The format a file name asks for by its extension.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "markdown" => Some(Format::Md),
            "htm" => Some(Format::Html),
            ext => Format::ALL.iter().copied().find(|f| f.extension() == ext),
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

/// What a renderer is given: the rated scorecard, the problems found while
/// reading and rating it, and which part of the paper to write.
#[derive(Debug, Clone, Copy)]
pub struct RatedReport<'a> {
    /// The rated scorecard.
    pub rated: &'a RatedScorecard,
    /// Every problem found, for the JSON view.
    pub diagnostics: &'a [Diagnostic],
    /// The whole agenda item, or Appendix A alone.
    pub part: Part,
    /// Whether a format that can draw charts draws them (`[report] charts`).
    pub charts: bool,
}

/// Writes a rated report in one output format.
pub trait Renderer: Send + Sync {
    /// Writes `report` to `out`. A renderer that cannot write the part asked
    /// for says so with [`crate::Error::Usage`].
    fn render(&self, report: &RatedReport, out: &mut dyn std::io::Write) -> Result<()>;

    /// Whether this renderer writes `part` (JSON writes the whole report
    /// only), so that a batch can refuse before any work.
    fn writes(&self, part: Part) -> bool {
        let _ = part;
        true
    }

    /// Renders to bytes, as a file holds them.
    fn render_to_bytes(&self, report: &RatedReport) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        self.render(report, &mut out)?;
        Ok(out)
    }

    /// Renders to a string (for tests and callers that want the text; a
    /// binary format gives the text that reads as it: a Word document's
    /// XML). Never for writing a file: see [`Renderer::render_to_bytes`].
    fn render_to_string(&self, report: &RatedReport) -> Result<String> {
        let mut out = Vec::new();
        self.render(report, &mut out)?;
        Ok(String::from_utf8_lossy(&out).into_owned())
    }
}

/// Where a report takes its look from besides the built-in defaults.
#[derive(Debug, Clone, Copy, Default)]
pub struct Look<'a> {
    /// A folder of templates replacing the built-in ones file by file.
    pub templates: Option<&'a Path>,
    /// A Word document whose styles and page a Word report takes.
    pub reference_doc: Option<&'a Path>,
}

impl<'a> Look<'a> {
    /// The built-in templates replaced by those of `templates`.
    pub fn templates(templates: Option<&'a Path>) -> Look<'a> {
        Look {
            templates,
            reference_doc: None,
        }
    }
}

/// The renderer of a format, with its look: the one place a format is
/// matched to its renderer. Only the templates the format needs are parsed.
pub fn renderer(format: Format, look: Look) -> Result<Box<dyn Renderer>> {
    let override_dir = look.templates;
    check_template_dir(override_dir)?;
    Ok(match format {
        Format::Md => Box::new(tera_renderer::TeraRenderer::markdown(override_dir)?),
        Format::Html => Box::new(tera_renderer::TeraRenderer::html(override_dir)?),
        Format::Json => Box::new(json::JsonRenderer),
        Format::Docx => Box::new(docx::DocxRenderer::new(look.reference_doc)?),
        #[cfg(feature = "pdf")]
        Format::Pdf => Box::new(pdf::PdfRenderer::new(override_dir)?),
        #[cfg(not(feature = "pdf"))]
        Format::Pdf => {
            return Err(crate::Error::Usage {
                message: "this scorecard was built without PDF output (the `pdf` feature); \
                          build it with default features, or write HTML or Word"
                    .to_string(),
            })
        }
    })
}

/// The templates `wanted` of `built_in`, each replaced by the file of the
/// same name in `override_dir` when there is one: (name, text).
fn template_sources(
    built_in: &[(&str, &str)],
    override_dir: Option<&Path>,
    wanted: impl Fn(&str) -> bool,
) -> Result<Vec<(String, String)>> {
    let mut sources = Vec::with_capacity(built_in.len());
    for (name, builtin) in built_in.iter().filter(|(name, _)| wanted(name)) {
        let text = match override_dir.map(|d| d.join(name)) {
            Some(path) if path.is_file() => std::fs::read_to_string(&path)
                .map_err(|source| crate::Error::Io { path, source })?,
            _ => (*builtin).to_string(),
        };
        sources.push(((*name).to_string(), text));
    }
    Ok(sources)
}

/// A `--template` directory that does not exist is an error for every
/// format, so that a mistyped path is never silently the built-in templates.
fn check_template_dir(override_dir: Option<&Path>) -> Result<()> {
    match override_dir {
        Some(dir) if !dir.is_dir() => Err(crate::Error::Template {
            template: dir.display().to_string(),
            message: "the template directory does not exist".to_string(),
            source: None,
        }),
        _ => Ok(()),
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
