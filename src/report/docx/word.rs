//! The parts of the paper placed as Word paragraphs and tables, in the
//! order and wording of the HTML report's templates.

use super::super::rich::{self, Block, Inline};
use super::super::view::{
    ActionView, ComparisonView, DotView, KeyLine, PerformanceView, PlanView, RagView, ReportView,
    RowView,
};
use crate::report::raster;
use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, Docx, Footer, Header, Hyperlink, HyperlinkData,
    HyperlinkType, IndentLevel, Level, LevelJc, LevelOverride, LevelText, LineSpacing, NumPages,
    NumberFormat, Numbering, NumberingId, PageMargin, PageNum, PageOrientationType, Paragraph, Pic,
    Run, RunFonts, SectionProperty, Shading, SpecialIndentType, Start, Style, StyleType, Table,
    TableCell, TableRow, WidthType,
};

/// A4 in twentieths of a point.
const A4: (u32, u32) = (11_906, 16_838);
/// Margins of 2 cm.
const MARGIN: i32 = 1_134;
/// The width text runs across, portrait and landscape.
const PORTRAIT_WIDTH: usize = (A4.0 as usize) - 2 * (MARGIN as usize);
const LANDSCAPE_WIDTH: usize = (A4.1 as usize) - 2 * (MARGIN as usize);

/// A table's width as a share of the text's, in fiftieths of a percent: the
/// whole width, whatever margins a council's template sets.
const FULL_WIDTH: usize = 5_000;

/// The relationship ids docx-rs gives the document's first header and
/// footer, which the portrait section refers to as well.
const HEADER_RID: &str = "rIdHeader1";
const FOOTER_RID: &str = "rIdFooter1";

/// The numbering of bullet lists, and the abstract numbering ordered lists
/// restart from (docx-rs defines a numbering of its own as 1).
const BULLETS: usize = 10;
const ORDERED: usize = 11;

/// A paragraph or table, as the body or a table cell holds them (both
/// move into docx-rs's own children as they are, so neither is boxed).
#[allow(clippy::large_enum_variant)]
enum Item {
    P(Paragraph),
    T(Table),
}

/// The document being built, with the numbering its ordered lists need.
///
/// docx-rs numbers pictures and links from counters shared by the whole
/// process; each document numbers its own here, so that the same workbook
/// always makes the same file, whatever else the process wrote before.
struct Word {
    items: Vec<Item>,
    next_numbering: usize,
    numberings: Vec<Numbering>,
    pictures: usize,
    links: usize,
    /// Each picture's alternative text, in the document's order.
    alt: Vec<String>,
}

/// A document built, with its pictures' alternative text (which docx-rs
/// cannot write; `package` does).
pub struct Built {
    /// The document.
    pub docx: Docx,
    /// Each picture's alternative text, in order.
    pub alt: Vec<String>,
}

fn font() -> RunFonts {
    RunFonts::new()
        .ascii("Arial")
        .hi_ansi("Arial")
        .cs("Arial")
        .east_asia("Arial")
}

/// The styles the document uses: a council's template replaces those it
/// defines (see `package`).
fn styles(docx: Docx) -> Docx {
    let heading = |id: &str, name: &str, size: usize, level: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .bold()
            .size(size)
            .color("1F1F1F")
            .outline_lvl(level)
            .line_spacing(LineSpacing::new().before(280).after(100))
    };
    docx.default_fonts(font())
        .default_size(22)
        .add_style(
            Style::new("Normal", StyleType::Paragraph)
                .name("Normal")
                .q_format(true)
                .fonts(font())
                .size(22)
                .line_spacing(LineSpacing::new().after(120)),
        )
        .add_style(furniture_style("Header", AlignmentType::Right))
        .add_style(furniture_style("Footer", AlignmentType::Center))
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .based_on("Normal")
                .next("Normal")
                .q_format(true)
                .bold()
                .size(36),
        )
        .add_style(heading("Heading1", "heading 1", 28, 0))
        .add_style(heading("Heading2", "heading 2", 24, 1))
        .add_style(heading("Heading3", "heading 3", 22, 2))
        .add_style(
            Style::new("Caption", StyleType::Paragraph)
                .name("caption")
                .based_on("Normal")
                .next("Normal")
                .q_format(true)
                .bold()
                .size(20)
                .line_spacing(LineSpacing::new().before(120).after(60)),
        )
        .add_style(
            Style::new("Hyperlink", StyleType::Character)
                .name("Hyperlink")
                .color("0563C1")
                .underline("single"),
        )
}

/// The style of the running header or footer: small and grey.
fn furniture_style(id: &str, align: AlignmentType) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(id.to_lowercase())
        .based_on("Normal")
        .size(16)
        .color("555555")
        .align(align)
}

fn run(text: &str) -> Run {
    // A line break in a cell is a line break in Word.
    let mut r = Run::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            r = r.add_break(BreakType::TextWrapping);
        }
        r = r.add_text(line);
    }
    r
}

fn para(text: &str) -> Paragraph {
    Paragraph::new().add_run(run(text))
}

fn bold(text: &str) -> Run {
    run(text).bold()
}

fn heading(level: usize, text: &str) -> Paragraph {
    para(text).style(&format!("Heading{level}")).keep_next(true)
}

fn caption(text: &str) -> Paragraph {
    para(text).style("Caption").keep_next(true)
}

/// The fill and text colour of a RAG cell, as the HTML report's badges.
fn rag_colours(class: &str) -> (&'static str, &'static str) {
    match class {
        "red" => ("B3261E", "FFFFFF"),
        "amber" => ("FFE3A3", "4A3000"),
        "green" => ("1B6B2F", "FFFFFF"),
        _ => ("EEEEEE", "333333"),
    }
}

/// A cell of a table.
struct Cell {
    items: Vec<Item>,
    fill: Option<&'static str>,
    number: bool,
}

impl Cell {
    fn text(text: &str) -> Cell {
        Cell {
            items: vec![Item::P(para(text))],
            fill: None,
            number: false,
        }
    }

    fn runs(runs: Vec<Run>) -> Cell {
        let p = runs.into_iter().fold(Paragraph::new(), Paragraph::add_run);
        Cell {
            items: vec![Item::P(p)],
            fill: None,
            number: false,
        }
    }

    fn number(text: &str) -> Cell {
        Cell {
            number: true,
            ..Cell::text(text)
        }
    }

    /// A rating as a word in a shaded cell, with a judgement's note (which
    /// Appendix B prints under the indicator's title instead).
    fn rag(rag: &RagView) -> Cell {
        Cell::rag_with(rag, true)
    }

    fn rag_with(rag: &RagView, note: bool) -> Cell {
        let (fill, colour) = rag_colours(rag.class);
        let mark = if rag.judgement { "\u{2020}" } else { "" };
        let mut p = Paragraph::new().add_run(bold(&format!("{}{mark}", rag.word)).color(colour));
        if let Some(note) = rag.note.as_deref().filter(|_| rag.judgement && note) {
            p = p.add_run(run(&format!(" ({note})")).color(colour).size(18));
        }
        Cell {
            items: vec![Item::P(p)],
            fill: Some(fill),
            number: false,
        }
    }

    fn dot(dot: Option<&DotView>) -> Cell {
        Cell::text(&dot.map_or_else(String::new, |d| format!("{} {}", d.arrow, d.word)))
    }

    fn build(self) -> TableCell {
        let mut cell = TableCell::new();
        if let Some(fill) = self.fill {
            cell = cell.shading(Shading::new().fill(fill).color("auto"));
        }
        if self.items.is_empty() {
            return cell.add_paragraph(Paragraph::new());
        }
        for item in self.items {
            cell = match item {
                Item::P(p) if self.number => cell.add_paragraph(p.align(AlignmentType::Right)),
                Item::P(p) => cell.add_paragraph(p),
                Item::T(t) => cell.add_table(t),
            };
        }
        cell
    }
}

/// The shading of a table's header row, which `package` finds the row by.
pub(super) const HEADER_FILL: &str = "E8E8E8";

/// A table with a header row that repeats on each page (`package` marks the
/// row, found by its shading), its columns' widths in twentieths of a point.
fn table(header: &[&str], rows: Vec<Vec<Cell>>, widths: &[usize]) -> Table {
    let head = TableRow::new(
        header
            .iter()
            .map(|h| {
                TableCell::new()
                    .shading(Shading::new().fill(HEADER_FILL).color("auto"))
                    .add_paragraph(Paragraph::new().add_run(bold(h)).keep_next(true))
            })
            .collect(),
    )
    .cant_split();
    let mut all = vec![head];
    all.extend(
        rows.into_iter()
            .map(|r| TableRow::new(r.into_iter().map(Cell::build).collect()).cant_split()),
    );
    Table::new(all)
        .set_grid(widths.to_vec())
        .width(FULL_WIDTH, WidthType::Pct)
}

/// A table of key and value rows with no header (the report's details).
fn details_table(rows: &[(String, String)]) -> Table {
    let widths = [3_000, PORTRAIT_WIDTH - 3_000];
    Table::new(
        rows.iter()
            .map(|(k, v)| {
                TableRow::new(vec![
                    TableCell::new()
                        .shading(Shading::new().fill("F3F3F3").color("auto"))
                        .add_paragraph(Paragraph::new().add_run(bold(k))),
                    TableCell::new().add_paragraph(para(v)),
                ])
                .cant_split()
            })
            .collect(),
    )
    .set_grid(widths.to_vec())
    .width(FULL_WIDTH, WidthType::Pct)
}

/// Column widths in proportion to `weights`, across `total`.
fn widths(weights: &[usize], total: usize) -> Vec<usize> {
    let sum: usize = weights.iter().sum::<usize>().max(1);
    weights.iter().map(|w| total * w / sum).collect()
}

impl Word {
    fn new() -> Word {
        Word {
            items: Vec::new(),
            next_numbering: ORDERED + 1,
            numberings: Vec::new(),
            pictures: 0,
            links: 0,
            alt: Vec::new(),
        }
    }

    fn p(&mut self, p: Paragraph) {
        self.items.push(Item::P(p));
    }

    fn t(&mut self, t: Table) {
        self.items.push(Item::T(t));
        // Two tables in a row would be joined into one by Word.
        self.items.push(Item::P(Paragraph::new().size(8)));
    }

    /// Markdown from the workbook as paragraphs of the body.
    fn rich(&mut self, markdown: &str) {
        let items = self.rich_items(markdown);
        self.items.extend(items);
    }

    /// Markdown from the workbook as paragraphs, for the body or a cell.
    fn rich_items(&mut self, markdown: &str) -> Vec<Item> {
        let blocks = rich::blocks(markdown);
        self.blocks(&blocks, 0)
    }

    fn blocks(&mut self, blocks: &[Block], level: usize) -> Vec<Item> {
        let mut out = Vec::new();
        for block in blocks {
            match block {
                Block::Paragraph(runs) => out.push(Item::P(self.inlines(Paragraph::new(), runs))),
                Block::Heading(runs) => out.push(Item::P(
                    self.inlines(Paragraph::new(), runs).bold().keep_next(true),
                )),
                Block::Code(code) => out.push(Item::P(
                    para(code).fonts(RunFonts::new().ascii("Courier New").hi_ansi("Courier New")),
                )),
                Block::Rule => out.push(Item::P(Paragraph::new())),
                Block::Quote(inner) => {
                    for item in self.blocks(inner, level) {
                        out.push(match item {
                            Item::P(p) => Item::P(p.indent(Some(720), None, None, None)),
                            t => t,
                        });
                    }
                }
                Block::List { start, items } => {
                    let id = match start {
                        None => BULLETS,
                        Some(first) => {
                            let id = self.next_numbering;
                            self.next_numbering += 1;
                            self.numberings
                                .push(
                                    Numbering::new(id, ORDERED).add_override(
                                        LevelOverride::new(0)
                                            .start(usize::try_from(*first).unwrap_or(1)),
                                    ),
                                );
                            id
                        }
                    };
                    let depth = level.min(8);
                    for item in items {
                        let mut first = true;
                        for inner in self.blocks(item, level + 1) {
                            out.push(match inner {
                                Item::P(p) if first => Item::P(
                                    p.numbering(NumberingId::new(id), IndentLevel::new(depth)),
                                ),
                                Item::P(p) => Item::P(p.indent(
                                    Some(720 * (depth as i32 + 1)),
                                    None,
                                    None,
                                    None,
                                )),
                                t => t,
                            });
                            first = false;
                        }
                    }
                }
                Block::Table(rows) => {
                    let columns = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
                    let w = widths(&vec![1; columns], PORTRAIT_WIDTH);
                    let mut rows = rows.iter();
                    let head: Vec<String> = rows
                        .next()
                        .map(|r| r.iter().map(|c| rich::plain(c)).collect())
                        .unwrap_or_default();
                    let head: Vec<&str> = head.iter().map(String::as_str).collect();
                    let body = rows
                        .map(|r| {
                            r.iter()
                                .map(|c| Cell {
                                    items: vec![Item::P(self.inlines(Paragraph::new(), c))],
                                    fill: None,
                                    number: false,
                                })
                                .collect()
                        })
                        .collect();
                    out.push(Item::T(table(&head, body, &w)));
                    out.push(Item::P(Paragraph::new().size(8)));
                }
            }
        }
        out
    }

    /// Runs from Markdown added to a paragraph.
    fn inlines(&mut self, mut p: Paragraph, runs: &[Inline]) -> Paragraph {
        for r in runs {
            match r {
                Inline::Break => p = p.add_run(Run::new().add_break(BreakType::TextWrapping)),
                Inline::Text { text, style, link } => {
                    let mut r = Run::new().add_text(text.as_str());
                    if style.bold {
                        r = r.bold();
                    }
                    if style.italic {
                        r = r.italic();
                    }
                    if style.strike {
                        r = r.strike();
                    }
                    if style.code {
                        r = r.fonts(RunFonts::new().ascii("Courier New").hi_ansi("Courier New"));
                    }
                    p = match link {
                        Some(url) => {
                            self.links += 1;
                            let mut h = Hyperlink::new(url.as_str(), HyperlinkType::External)
                                .add_run(r.style("Hyperlink"));
                            h.link = HyperlinkData::External {
                                rid: format!("rIdHyperlink{}", self.links),
                                path: link_target(url),
                            };
                            p.add_hyperlink(h)
                        }
                        None => p.add_run(r),
                    };
                }
            }
        }
        p
    }

    /// A chart as a picture with its description as alternative text, or
    /// the description alone if it cannot be drawn.
    fn chart(&mut self, svg: &str, width: usize) {
        let description = raster::description(svg);
        match raster::picture(svg) {
            Some(picture) => {
                // 9,525 EMU to a CSS pixel; scaled down to fit the column.
                let emu_per_px = 9_525u64;
                let max_w = (width as u64) * 635; // twips to EMU
                let (mut w, mut h) = (
                    u64::from(picture.width) * emu_per_px,
                    u64::from(picture.height) * emu_per_px,
                );
                if w > max_w && w > 0 {
                    h = h * max_w / w;
                    w = max_w;
                }
                self.pictures += 1;
                let pic = Pic::new_with_dimensions(picture.png, picture.width, picture.height)
                    .id(format!("rIdImage{}", self.pictures))
                    .size(
                        u32::try_from(w).unwrap_or(u32::MAX),
                        u32::try_from(h).unwrap_or(u32::MAX),
                    );
                self.p(Paragraph::new().add_run(Run::new().add_image(pic)));
                self.alt.push(description);
            }
            None => self.p(para(&description)),
        }
    }
}

/// A link's address as the relationship's `Target` attribute holds it:
/// docx-rs writes the attribute as it is given, so `&` is written as XML
/// (`&amp;`, keeping a query string's meaning) and the characters that
/// could end the attribute or a tag, and whitespace, are percent-encoded.
fn link_target(url: &str) -> String {
    let mut out = String::with_capacity(url.len() + 8);
    for c in url.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' | '<' | '>' | '\'' | '`' => out.push_str(&format!("%{:02X}", c as u32)),
            c if c.is_whitespace() || c.is_control() => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// The numbering definitions: bullets, and decimals for ordered lists.
fn numbering(mut docx: Docx, numberings: Vec<Numbering>) -> Docx {
    let mut bullets = AbstractNumbering::new(BULLETS);
    let mut ordered = AbstractNumbering::new(ORDERED);
    for level in 0..9usize {
        let even = level % 2 == 0;
        let indent = 720 + 360 * level as i32;
        let level_of = |format: &str, text: String| {
            Level::new(
                level,
                Start::new(1),
                NumberFormat::new(format),
                LevelText::new(text),
                LevelJc::new("left"),
            )
            .indent(
                Some(indent),
                Some(SpecialIndentType::Hanging(360)),
                None,
                None,
            )
        };
        let bullet = if even { "\u{2022}" } else { "\u{2013}" };
        bullets = bullets.add_level(level_of("bullet", bullet.to_string()));
        let number = if even { "decimal" } else { "lowerLetter" };
        ordered = ordered.add_level(level_of(number, format!("%{}.", level + 1)));
    }
    docx = docx
        .add_abstract_numbering(bullets)
        .add_abstract_numbering(ordered)
        .add_numbering(Numbering::new(BULLETS, BULLETS))
        .add_numbering(Numbering::new(ORDERED, ORDERED));
    for n in numberings {
        docx = docx.add_numbering(n);
    }
    docx
}

/// The page furniture: the running header and "Page N of M".
fn furniture(view: &ReportView) -> (Header, Footer) {
    let header = Header::new().add_paragraph(para(&view.print_header).style("Header"));
    let footer = Footer::new().add_paragraph(
        Paragraph::new()
            .style("Footer")
            .add_run(Run::new().add_text("Page "))
            .add_page_num(PageNum::new())
            .add_run(Run::new().add_text(" of "))
            .add_num_pages(NumPages::new()),
    );
    (header, footer)
}

fn margins() -> PageMargin {
    PageMargin {
        top: MARGIN,
        left: MARGIN,
        bottom: MARGIN,
        right: MARGIN,
        header: 567,
        footer: 567,
        gutter: 0,
    }
}

fn finish(word: Word, view: &ReportView, landscape_from: Option<usize>) -> Built {
    let (header, footer) = furniture(view);
    let mut docx = styles(Docx::new())
        .header(header.clone())
        .footer(footer.clone())
        .page_margin(margins());
    docx = if landscape_from.is_some() {
        docx.page_size(A4.1, A4.0)
            .page_orient(PageOrientationType::Landscape)
    } else {
        docx.page_size(A4.0, A4.1)
    };
    let Word {
        items,
        numberings,
        alt,
        ..
    } = word;
    docx = numbering(docx, numberings);
    for (i, item) in items.into_iter().enumerate() {
        // The portrait section ends with the paragraph before Appendix B.
        let item = match (item, landscape_from) {
            (Item::P(p), Some(at)) if i + 1 == at => Item::P(
                p.section_property(
                    SectionProperty::new()
                        .page_size(docx_rs::PageSize::new().size(A4.0, A4.1))
                        .page_margin(margins())
                        .header(header.clone(), HEADER_RID)
                        .footer(footer.clone(), FOOTER_RID),
                ),
            ),
            (item, _) => item,
        };
        docx = match item {
            Item::P(p) => docx.add_paragraph(p),
            Item::T(t) => docx.add_table(t),
        };
    }
    Built { docx, alt }
}

/// The whole agenda item.
pub fn agenda_item(view: &ReportView) -> Built {
    let mut w = Word::new();
    let meta = |key: &str| view.meta.keys.get(key).cloned().flatten();
    if let Some(org) = meta("organisation") {
        w.p(Paragraph::new().add_run(bold(&org.to_uppercase()).color("555555")));
    }
    w.p(para(&meta("title").unwrap_or_default()).style("Title"));
    let mut details: Vec<(String, String)> = [
        ("committee", "Committee"),
        ("meeting_date", "Meeting date"),
        ("venue", "Venue"),
        ("agenda_item", "Agenda item"),
        ("report_of", "Report of"),
        ("electoral_divisions", "Electoral divisions affected"),
    ]
    .iter()
    .filter_map(|(key, label)| meta(key).map(|v| (label.to_string(), v)))
    .collect();
    if let Some(period) = &view.period {
        details.push(("Period".to_string(), period.clone()));
    }
    if let Some(contact) = meta("contact") {
        details.push(("Contact".to_string(), contact));
    }
    details.extend(
        view.meta
            .extra_rows
            .iter()
            .map(|kv| (kv.key.clone(), kv.value.clone())),
    );
    if !details.is_empty() {
        w.p(caption("About this report"));
        w.t(details_table(&details));
    }

    // Executive summary.
    w.p(heading(1, "Executive summary"));
    let mut summary = view.summary.headline.clone();
    for line in &view.summary.detail {
        summary.push(' ');
        summary.push_str(line);
    }
    w.p(para(&summary));
    if let Some(chart) = &view.summary.chart {
        w.chart(chart, PORTRAIT_WIDTH);
    }
    let c = &view.summary.counts;
    let counts = if view.summary.amber_possible {
        format!(
            "Green {} \u{b7} Amber {} \u{b7} Red {} \u{b7} Not rated {}",
            c.green, c.amber, c.red, c.not_rated
        )
    } else {
        format!(
            "Green {} \u{b7} Red {} \u{b7} Not rated {}",
            c.green, c.red, c.not_rated
        )
    };
    w.p(para(&counts));
    for paragraph in &view.standing {
        w.p(para(paragraph));
    }
    if !view.off_target.is_empty() {
        w.p(para(if view.off_target.len() == 1 {
            "The indicator off target is:"
        } else {
            "The indicators off target are:"
        }));
        for o in &view.off_target {
            let mark = if o.rag.judgement { "\u{2020}" } else { "" };
            let mut p = bullet()
                .add_run(bold(&o.reference))
                .add_run(run(&format!(" {}: ", o.phrase)))
                .add_run(bold(&format!("{}{mark}", o.rag.word)));
            if let Some(note) = o.rag.note.as_deref().filter(|_| o.rag.judgement) {
                p = p.add_run(run(&format!(" ({note})")));
            }
            w.p(p);
        }
    }
    if !view.reported_later.is_empty() {
        w.p(para("Reported later (not due this period):"));
        for l in &view.reported_later {
            let when = l
                .when
                .as_ref()
                .map_or_else(String::new, |w| format!(" ({w})"));
            w.p(bullet()
                .add_run(bold(&l.reference))
                .add_run(run(&format!(" {}{when}", l.title))));
        }
    }

    w.p(heading(1, "Recommendation"));
    match meta("recommendations") {
        Some(text) => w.rich(&text),
        None => w.p(para(&view.default_recommendation)),
    }

    w.p(heading(1, "Background"));
    if let Some(text) = meta("background") {
        w.rich(&text);
    }
    let mut background = view.scorecard_size.clone();
    for line in &view.background_plans {
        background.push(' ');
        background.push_str(line);
    }
    w.p(para(&background));

    if let Some(since) = &view.since {
        w.p(heading(1, "Off target last time: update"));
        w.p(para(&since.intro));
        for u in &since.updates {
            let plan = u
                .plan
                .as_ref()
                .map_or_else(String::new, |p| format!(" ({p})"));
            w.p(bullet().add_run(bold(&u.reference)).add_run(run(&format!(
                " {}{plan}: {} \u{2014} {}.",
                u.title, u.figures, u.standing
            ))));
        }
        w.p(heading(1, "Changes since the last report"));
        if since.changes.is_empty() {
            if let Some(none) = &since.no_changes {
                w.p(para(none));
            }
        }
        for c in &since.changes {
            w.p(bullet()
                .add_run(bold(&c.reference))
                .add_run(run(&format!(" {}: {}.", c.title, c.text))));
        }
    }

    if !view.in_focus.is_empty() {
        w.p(heading(1, "In focus"));
        for f in &view.in_focus {
            w.p(heading(2, &format!("{} {}", f.reference, f.title)));
            w.p(para(&f.reason).italic());
            if let Some(d) = &f.description {
                w.rich(d);
            }
            let mut header = vec!["Value", "Target", "Year-end target", "RAG"];
            let mut row = vec![
                Cell::number(&f.value),
                Cell::number(&f.target),
                Cell::number(&f.year_end_target),
                Cell::rag(&f.rag),
            ];
            if f.dot_short.is_some() {
                header.push("Short term");
                row.push(Cell::dot(f.dot_short.as_ref()));
            }
            if let Some(b) = &f.benchmark {
                header.push("Benchmark");
                row.push(Cell::number(b));
            }
            w.p(caption(&format!("{}: this period's figures", f.reference)));
            let cols = widths(&vec![1; header.len()], PORTRAIT_WIDTH);
            w.t(table(&header, vec![row], &cols));
            if let Some(chart) = &f.chart {
                w.chart(chart, PORTRAIT_WIDTH);
            }
            if let Some(text) = &f.commentary {
                w.rich(text);
            }
        }
    }

    if let Some(text) = meta("consultations") {
        w.p(heading(1, "Consultations"));
        w.rich(&text);
    }
    if !view.implications.is_empty() {
        w.p(heading(1, "Implications"));
        for i in &view.implications {
            if let Some(h) = i.heading {
                w.p(heading(2, h));
            }
            if let Some(v) = &i.verified_by {
                w.p(Paragraph::new()
                    .add_run(run("Implications verified by: "))
                    .add_run(bold(v)));
            }
            w.rich(&i.text);
        }
    }
    if let Some(text) = meta("background_papers") {
        w.p(heading(1, "Background papers"));
        w.rich(&text);
    }

    if !view.plans.is_empty() {
        w.p(heading(1, "Appendix A \u{2014} Recovery plans").page_break_before(true));
        plans(&mut w, &view.plans);
    }
    // Appendix B: its own landscape section.
    let landscape_from = w.items.len();
    w.p(heading(
        1,
        &format!("Appendix {} \u{2014} Scorecard", view.scorecard_appendix),
    ));
    scorecard(&mut w, view);
    keys(&mut w, view);
    finish(w, view, Some(landscape_from))
}

/// Appendix A alone (`--what appendix`).
pub fn appendix(view: &ReportView) -> Built {
    let mut w = Word::new();
    w.p(para("Appendix A \u{2014} Recovery plans").style("Title"));
    let meta = |key: &str| view.meta.keys.get(key).cloned().flatten();
    if let Some(org) = meta("organisation") {
        let mut line = org;
        for key in ["committee", "meeting_date"] {
            if let Some(v) = meta(key) {
                line.push_str(", ");
                line.push_str(&v);
            }
        }
        w.p(para(&line));
    }
    if let Some(period) = &view.period {
        w.p(para(period));
    }
    if view.plans.is_empty() {
        w.p(para("There are no new recovery plans this period."));
    } else {
        plans(&mut w, &view.plans);
    }
    finish(w, view, None)
}

fn bullet() -> Paragraph {
    Paragraph::new().numbering(NumberingId::new(BULLETS), IndentLevel::new(0))
}

fn plans(w: &mut Word, plans: &[PlanView]) {
    for (n, plan) in plans.iter().enumerate() {
        // Each plan starts on a new page; the first follows the heading.
        w.p(heading(2, &format!("A{}. {}", plan.number, plan.title)).page_break_before(n > 0));
        for i in &plan.indicators {
            performance(w, i);
        }
        if let Some(reasons) = &plan.reasons {
            w.p(heading(
                3,
                if plan.indicators.len() > 1 {
                    "Why are these indicators under-performing?"
                } else {
                    "Why is this indicator under-performing?"
                },
            ));
            w.rich(reasons);
        }
        if plan.comparative.is_some() || !plan.comparisons.is_empty() {
            w.p(heading(3, "Comparative data"));
            if let Some(text) = &plan.comparative {
                w.rich(text);
            }
            for c in &plan.comparisons {
                comparison(w, c);
            }
        }
        if !plan.actions.is_empty() {
            w.p(heading(
                3,
                "What actions are required to put it back on track?",
            ));
            w.p(caption("Actions"));
            let rows = plan.actions.iter().map(|a| action(w, a)).collect();
            w.t(table(
                &["Action", "Lead", "Completion date"],
                rows,
                &widths(&[6, 2, 2], PORTRAIT_WIDTH),
            ));
            if plan.overdue > 0 {
                w.p(para(&format!(
                    "{} {} overdue at the meeting date.",
                    plan.overdue,
                    if plan.overdue == 1 {
                        "action is"
                    } else {
                        "actions are"
                    }
                ))
                .bold());
            }
        }
    }
}

fn performance(w: &mut Word, i: &PerformanceView) {
    w.p(Paragraph::new()
        .add_run(bold(&format!("{} {}", i.reference, i.title)))
        .add_run(run(&format!(" \u{2014} {}.", i.phrase)))
        .keep_next(true));
    w.p(caption(&format!(
        "{}: performance against target",
        i.reference
    )));
    w.t(table(
        &[
            "Performance",
            "Last year",
            "Target",
            "Year-end target",
            "RAG",
        ],
        vec![vec![
            Cell::number(&i.value),
            Cell::number(&i.last_year),
            Cell::number(&i.target),
            Cell::number(&i.year_end_target),
            Cell::rag(&i.rag),
        ]],
        &widths(&[1; 5], PORTRAIT_WIDTH),
    ));
    if let Some(chart) = &i.chart {
        w.chart(chart, PORTRAIT_WIDTH);
    }
}

fn comparison(w: &mut Word, c: &ComparisonView) {
    if let Some(chart) = &c.chart {
        w.chart(chart, PORTRAIT_WIDTH);
    }
    let mut title = format!("{} {}", c.reference, c.title);
    if let Some(rank) = &c.rank {
        title.push_str(&format!(": ranked {rank}"));
    }
    if let Some(q) = &c.quartile {
        title.push_str(&format!(", {q} quartile"));
    }
    w.p(caption(&title));
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for r in &c.rows {
        let name = if r.is_self {
            Cell::runs(vec![bold(&r.name)])
        } else {
            Cell::text(&r.name)
        };
        rows.push(vec![
            Cell::number(
                &r.rank
                    .map_or_else(|| "\u{2013}".to_string(), |n| n.to_string()),
            ),
            name,
            Cell::number(&r.value),
        ]);
    }
    for r in &c.averages {
        rows.push(vec![
            Cell::text(""),
            Cell::text(&r.name),
            Cell::number(&r.value),
        ]);
    }
    for r in &c.history {
        rows.push(vec![
            Cell::text(""),
            Cell::text(&format!("{} (not ranked)", r.name)),
            Cell::number(&r.value),
        ]);
    }
    w.t(table(
        &["Rank", "Council", "Value"],
        rows,
        &widths(&[1, 5, 2], PORTRAIT_WIDTH),
    ));
}

fn action(w: &mut Word, a: &ActionView) -> Vec<Cell> {
    let mut due = vec![run(&a.due)];
    if a.overdue {
        due.push(run(" "));
        due.push(bold("Overdue").color("B3261E"));
    }
    let mut due_cell = Cell::runs(due);
    if let Some(status) = &a.status {
        due_cell.items.push(Item::P(para(status).size(18)));
    }
    vec![
        Cell {
            items: w.rich_items(&a.action),
            fill: None,
            number: false,
        },
        Cell::text(&a.lead),
        due_cell,
    ]
}

/// Appendix B: the scorecard, one table per outcome under its theme.
fn scorecard(w: &mut Word, view: &ReportView) {
    let c = &view.columns;
    let mut header = vec!["Ref", "Indicator", "Value"];
    let mut weights = vec![3, 10, 4];
    let mut add = |on: bool, name: &'static str, weight: usize| {
        if on {
            header.push(name);
            weights.push(weight);
        }
    };
    add(c.last_year, "Last year", 4);
    add(true, "Target", 4);
    add(c.year_end, "Year end", 4);
    add(true, "RAG", 4);
    add(c.short_term, "Short term", 4);
    add(c.long_term, "Long term", 4);
    add(c.trend, "Trend", 4);
    add(c.quartile, "Quartile", 3);
    add(c.commentary, "Commentary", 14);
    let cols = widths(&weights, LANDSCAPE_WIDTH);
    for theme in &view.themes {
        if let Some(name) = &theme.name {
            w.p(heading(2, name));
        }
        for outcome in &theme.outcomes {
            let name = outcome
                .name
                .as_deref()
                .or(theme.name.as_deref())
                .unwrap_or("The scorecard");
            w.p(caption(name));
            let rows = outcome
                .rows
                .iter()
                .map(|r| scorecard_row(w, r, view))
                .collect();
            w.t(table(&header, rows, &cols));
        }
    }
}

fn scorecard_row(w: &mut Word, r: &RowView, view: &ReportView) -> Vec<Cell> {
    let c = &view.columns;
    let mut title = vec![run(&r.title)];
    if r.illustrative {
        title.push(run(" (illustrative)").italic());
    }
    let mut title = Cell::runs(title);
    if let Some(note) = r.rag.note.as_deref().filter(|_| r.rag.judgement) {
        title
            .items
            .push(Item::P(para(&format!("\u{2020} {note}")).size(18)));
    }
    let mut value = Cell::number(&r.value);
    if let Some(note) = &r.note {
        value
            .items
            .push(Item::P(para(note).size(18).align(AlignmentType::Right)));
    }
    let mut cells = vec![Cell::text(&r.reference), title, value];
    if c.last_year {
        cells.push(Cell::number(&r.last_year));
    }
    cells.push(Cell::number(&r.target));
    if c.year_end {
        cells.push(Cell::number(&r.year_end_target));
    }
    cells.push(Cell::rag_with(&r.rag, false));
    if c.short_term {
        cells.push(Cell::dot(r.dot_short.as_ref()));
    }
    if c.long_term {
        cells.push(Cell::dot(r.dot_long.as_ref()));
    }
    if c.trend {
        // The sparkline's figures, in words: a picture this small says
        // less than its description.
        cells.push(Cell {
            items: r
                .sparkline
                .as_deref()
                .map(|s| vec![Item::P(para(&sparkline_words(s)).size(16))])
                .unwrap_or_default(),
            fill: None,
            number: false,
        });
    }
    if c.quartile {
        cells.push(Cell::text(&r.quartile));
    }
    if c.commentary {
        cells.push(Cell {
            items: r
                .commentary
                .as_deref()
                .map(|t| w.rich_items(t))
                .unwrap_or_default(),
            fill: None,
            number: false,
        });
    }
    cells
}

/// A sparkline's description without its title ("Q1: 1; Q2: 2.").
fn sparkline_words(svg: &str) -> String {
    let d = raster::description(svg);
    match d.split_once(": ") {
        Some((_, rest)) if svg.contains("<title>") && svg.contains("<desc>") => rest.to_string(),
        _ => d,
    }
}

fn keys(w: &mut Word, view: &ReportView) {
    let key_table = |w: &mut Word, title: &str, lines: &[KeyLine], rag: bool| {
        w.p(heading(2, title));
        let rows = lines
            .iter()
            .map(|k| {
                let term = match k.class.filter(|_| rag) {
                    Some(class) => {
                        let (fill, colour) = rag_colours(class);
                        Cell {
                            items: vec![Item::P(
                                Paragraph::new().add_run(bold(&k.term).color(colour)),
                            )],
                            fill: Some(fill),
                            number: false,
                        }
                    }
                    None => Cell::runs(vec![bold(&k.term)]),
                };
                vec![term, Cell::text(&k.meaning)]
            })
            .collect();
        w.t(table(
            &["Term", "Meaning"],
            rows,
            &widths(&[1, 4], LANDSCAPE_WIDTH),
        ));
    };
    key_table(w, "Key to the columns", &view.column_key, false);
    key_table(w, "RAG key", &view.rag_key, true);
}
