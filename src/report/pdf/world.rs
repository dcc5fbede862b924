//! The world a report is typeset in: the templates, the report's data and
//! the embedded fonts, and nothing else (no files, packages or clock).

use crate::error::{Error, Result};
use crate::report::raster::FONTS;
use std::sync::OnceLock;
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

/// The name the template reads the report's data by.
const DATA: &str = "data.json";

/// What every report shares: the standard library and the fonts.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let fonts: Vec<Font> = FONTS
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect();
        Shared {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    })
}

/// Whether the embedded fonts can show `c`. PDF/UA-1 refuses text it
/// cannot show, so a character they lack (an emoji, Chinese, Devanagari) is
/// printed as U+FFFD; the HTML and Word reports keep it.
pub fn shown(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || shared()
            .fonts
            .iter()
            .any(|f| f.info().coverage.contains(u32::from(c)))
}

/// A character as the PDF can print it.
pub fn printable(c: char) -> char {
    if shown(c) {
        c
    } else {
        '\u{FFFD}'
    }
}

fn file_id(name: &str) -> Option<FileId> {
    let path = VirtualPath::new(name).ok()?;
    Some(FileId::new(RootedPath::new(VirtualRoot::Project, path)))
}

struct ReportWorld<'a> {
    main: FileId,
    templates: &'a [(String, String)],
    data: Bytes,
}

impl ReportWorld<'_> {
    fn name(id: FileId) -> String {
        id.vpath().get_without_slash().to_string()
    }
}

impl World for ReportWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &shared().library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &shared().book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        let name = Self::name(id);
        self.templates
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, text)| Source::new(id, text.clone()))
            .ok_or_else(|| FileError::NotFound(name.into()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        let name = Self::name(id);
        if name == DATA {
            return Ok(self.data.clone());
        }
        self.templates
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, text)| Bytes::from_string(text.clone()))
            .ok_or_else(|| FileError::NotFound(name.into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        shared().fonts.get(index).cloned()
    }

    fn today(&self, _: Option<Duration>) -> Option<Datetime> {
        // The paper's dates are the workbook's; a report made twice is the
        // same file.
        None
    }
}

/// Typst's errors as one template error, each with the template and line
/// it is in, when it is in one.
fn diagnostics(world: &ReportWorld, main: &str, errors: &[SourceDiagnostic]) -> Error {
    let message = errors
        .iter()
        .map(|e| {
            let mut m = e.message.to_string();
            let place = e.span.id().and_then(|id| {
                let source = world.source(id).ok()?;
                let range = world.range(e.span)?;
                let line = source.lines().byte_to_line(range.start)?;
                let name = ReportWorld::name(id);
                Some(if name == main {
                    format!("line {}", line + 1)
                } else {
                    format!("{name}, line {}", line + 1)
                })
            });
            if let Some(place) = place {
                m = format!("{place}: {m}");
            }
            for hint in &e.hints {
                m.push_str(&format!(" (hint: {})", hint.v));
            }
            m
        })
        .collect::<Vec<_>>()
        .join("; ");
    Error::Template {
        template: main.to_string(),
        message,
        source: None,
    }
}

/// Typesets template `main` with the report's `data` as a tagged PDF/UA-1.
pub fn compile(templates: &[(String, String)], main: &str, data: Vec<u8>) -> Result<Vec<u8>> {
    let id = file_id(main).ok_or_else(|| Error::Template {
        template: main.to_string(),
        message: "is not a template's name".to_string(),
        source: None,
    })?;
    let world = ReportWorld {
        main: id,
        templates,
        data: Bytes::new(data),
    };
    let document: PagedDocument = typst::compile(&world)
        .output
        .map_err(|errors| diagnostics(&world, main, &errors))?;
    let options = PdfOptions {
        standards: PdfStandards::new(&[PdfStandard::Ua_1]).map_err(|e| Error::Template {
            template: main.to_string(),
            message: e.message().to_string(),
            source: None,
        })?,
        tagged: true,
        ..PdfOptions::default()
    };
    let pdf =
        typst_pdf::pdf(&document, &options).map_err(|errors| diagnostics(&world, main, &errors));
    // Typst remembers what it typeset, for the next edit of a document;
    // a batch typesets each report once, so that memory is let go.
    typst::comemo::evict(0);
    pdf
}
