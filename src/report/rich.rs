//! Markdown from a cell as a small tree of blocks and runs, for the outputs
//! that are not text (Word and Typst): parsed once with pulldown-cmark, as
//! the HTML report parses it, and given to each writer to place.
//!
//! Only what a commentary or a front-matter text uses is kept: paragraphs,
//! headings, lists, quotes, code, tables, bold, italic, struck-through text
//! and links. Raw HTML is dropped, as the HTML report's sanitiser drops it;
//! an image is its alternative text; a link whose address could fetch or run
//! something (see `text::safe_url`) is its text alone.
//! Nesting is cut at [`MAX_DEPTH`], so a hostile cell of ten thousand `>`
//! cannot exhaust the stack of a writer that walks the tree.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// How deep quotes and lists nest before deeper ones are flattened into the
/// one at this depth.
pub const MAX_DEPTH: usize = 8;

/// Whether a character is kept: every one but the control characters
/// (tab and line feed aside) and U+FFFE/U+FFFF, which no XML can hold.
fn keep(c: char) -> bool {
    matches!(c, '\t' | '\n') || (!c.is_control() && !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
}

/// A block of text.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph.
    Paragraph(Vec<Inline>),
    /// A heading inside a cell's text (shown as a bold paragraph: the
    /// report's own headings are the report's).
    Heading(Vec<Inline>),
    /// A list: numbered from `start` when ordered; each item its blocks.
    List {
        /// The first number of an ordered list.
        start: Option<u64>,
        /// The items.
        items: Vec<Vec<Block>>,
    },
    /// A quotation.
    Quote(Vec<Block>),
    /// Code, as written.
    Code(String),
    /// A table: its rows of cells, the first row the header.
    Table(Vec<Vec<Vec<Inline>>>),
    /// A thematic break.
    Rule,
}

/// A run of text with one style, or a line break.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Text.
    Text {
        /// The text.
        text: String,
        /// Its style.
        style: Style,
        /// The address it links to.
        link: Option<String>,
    },
    /// A hard line break.
    Break,
}

/// The style of a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Style {
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Struck through.
    pub strike: bool,
    /// Code.
    pub code: bool,
}

/// A container being filled.
enum Frame {
    Root(Vec<Block>),
    Quote(Vec<Block>),
    List(Option<u64>, Vec<Vec<Block>>),
    Item(Vec<Block>),
}

impl Frame {
    fn blocks(&mut self) -> Option<&mut Vec<Block>> {
        match self {
            Frame::Root(b) | Frame::Quote(b) | Frame::Item(b) => Some(b),
            Frame::List(..) => None,
        }
    }
}

struct Builder {
    stack: Vec<Frame>,
    /// The runs of the paragraph, heading or table cell being read, and
    /// whether it is a heading; `implicit` for a tight list item's text.
    inline: Option<(Vec<Inline>, bool)>,
    implicit: bool,
    table: Option<Vec<Vec<Vec<Inline>>>>,
    code: Option<String>,
    bold: usize,
    italic: usize,
    strike: usize,
    links: Vec<Option<String>>,
}

impl Builder {
    fn push_block(&mut self, block: Block) {
        // Lists hold items, never blocks directly: a block that arrives
        // there (which CommonMark does not produce) opens an item.
        let top = self.stack.len() - 1;
        if let Frame::List(_, items) = &mut self.stack[top] {
            items.push(vec![block]);
        } else if let Some(blocks) = self.stack[top].blocks() {
            blocks.push(block);
        }
    }

    fn end_inline(&mut self) {
        if let Some((runs, heading)) = self.inline.take() {
            self.implicit = false;
            if runs.is_empty() {
                return;
            }
            self.push_block(if heading {
                Block::Heading(runs)
            } else {
                Block::Paragraph(runs)
            });
        }
    }

    fn flush_implicit(&mut self) {
        if self.implicit {
            self.end_inline();
        }
    }

    fn text(&mut self, text: &str, code: bool) {
        // A character reference (`&#1;`) is decoded by the parser, after
        // the cell's text was cleaned: cleaned again here.
        let cleaned;
        let text = if text.chars().all(keep) {
            text
        } else {
            cleaned = text.chars().filter(|&c| keep(c)).collect::<String>();
            &cleaned
        };
        if let Some(code_text) = &mut self.code {
            code_text.push_str(text);
            return;
        }
        if self.inline.is_none() {
            if self.table.is_some() {
                return;
            }
            self.inline = Some((Vec::new(), false));
            self.implicit = true;
        }
        let style = Style {
            bold: self.bold > 0,
            italic: self.italic > 0,
            strike: self.strike > 0,
            code,
        };
        let link = self.links.last().cloned().flatten();
        if let Some((runs, _)) = &mut self.inline {
            // Runs of one style and link are joined, so a soft break does
            // not split a sentence into pieces.
            if let Some(Inline::Text {
                text: last,
                style: s,
                link: l,
            }) = runs.last_mut()
            {
                if *s == style && *l == link {
                    last.push_str(text);
                    return;
                }
            }
            runs.push(Inline::Text {
                text: text.to_string(),
                style,
                link,
            });
        }
    }

    fn open(&mut self, frame: Frame) {
        self.flush_implicit();
        self.stack.push(frame);
    }

    /// Closes the frame on top: its content goes to the frame below, as a
    /// block, or merged into it beyond [`MAX_DEPTH`].
    fn close(&mut self) {
        self.flush_implicit();
        if self.stack.len() <= 1 {
            return;
        }
        let Some(frame) = self.stack.pop() else {
            return;
        };
        let flatten = self.stack.len() >= MAX_DEPTH;
        let top = self.stack.len() - 1;
        match frame {
            Frame::Item(blocks) => match &mut self.stack[top] {
                Frame::List(_, items) => items.push(blocks),
                other => {
                    if let Some(b) = other.blocks() {
                        b.extend(blocks);
                    }
                }
            },
            Frame::Quote(blocks) if flatten => {
                for b in blocks {
                    self.push_block(b);
                }
            }
            Frame::Quote(blocks) => self.push_block(Block::Quote(blocks)),
            Frame::List(_, items) if flatten => {
                for b in items.into_iter().flatten() {
                    self.push_block(b);
                }
            }
            Frame::List(start, items) => self.push_block(Block::List { start, items }),
            Frame::Root(blocks) => {
                for b in blocks {
                    self.push_block(b);
                }
            }
        }
    }

    fn event(&mut self, event: Event) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => self.text(&t, false),
            Event::Code(t) => self.text(&t, true),
            Event::SoftBreak => self.text(" ", false),
            Event::HardBreak => {
                if let Some((runs, _)) = &mut self.inline {
                    runs.push(Inline::Break);
                }
            }
            Event::Rule => {
                self.flush_implicit();
                self.push_block(Block::Rule);
            }
            // Raw HTML is dropped, as the HTML report's sanitiser drops
            // it; maths, footnotes and task markers are not used.
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Paragraph => {
                self.flush_implicit();
                if self.table.is_none() {
                    self.inline = Some((Vec::new(), false));
                }
            }
            Tag::Heading { .. } => {
                self.flush_implicit();
                self.inline = Some((Vec::new(), true));
            }
            Tag::BlockQuote(_) => self.open(Frame::Quote(Vec::new())),
            Tag::List(start) => self.open(Frame::List(start, Vec::new())),
            Tag::Item => self.open(Frame::Item(Vec::new())),
            Tag::CodeBlock(_) => {
                self.flush_implicit();
                self.code = Some(String::new());
            }
            Tag::Table(_) => {
                self.flush_implicit();
                self.table = Some(Vec::new());
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(rows) = &mut self.table {
                    rows.push(Vec::new());
                }
            }
            Tag::TableCell => self.inline = Some((Vec::new(), false)),
            Tag::Emphasis => self.italic += 1,
            Tag::Strong => self.bold += 1,
            Tag::Strikethrough => self.strike += 1,
            Tag::Link { dest_url, .. } => {
                let url = dest_url.trim();
                let safe = !url.is_empty()
                    && url.chars().all(|c| !c.is_control() && keep(c))
                    && super::text::safe_url(url);
                self.links.push(safe.then(|| url.to_string()));
            }
            Tag::Image { .. } => self.links.push(None),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) => self.end_inline(),
            TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item => self.close(),
            TagEnd::CodeBlock => {
                if let Some(code) = self.code.take() {
                    self.push_block(Block::Code(code.trim_end().to_string()));
                }
            }
            TagEnd::TableCell => {
                let cell = self.inline.take().map(|(runs, _)| runs).unwrap_or_default();
                if let Some(row) = self.table.as_mut().and_then(|rows| rows.last_mut()) {
                    row.push(cell);
                }
            }
            TagEnd::Table => {
                if let Some(rows) = self.table.take() {
                    self.push_block(Block::Table(rows));
                }
            }
            TagEnd::Emphasis => self.italic = self.italic.saturating_sub(1),
            TagEnd::Strong => self.bold = self.bold.saturating_sub(1),
            TagEnd::Strikethrough => self.strike = self.strike.saturating_sub(1),
            TagEnd::Link | TagEnd::Image => {
                self.links.pop();
            }
            _ => {}
        }
    }
}

/// Markdown from a cell as blocks (empty for empty text).
pub fn blocks(markdown: &str) -> Vec<Block> {
    let mut b = Builder {
        stack: vec![Frame::Root(Vec::new())],
        inline: None,
        implicit: false,
        table: None,
        code: None,
        bold: 0,
        italic: 0,
        strike: 0,
        links: Vec::new(),
    };
    let parser = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    );
    for event in parser {
        b.event(event);
    }
    b.end_inline();
    while b.stack.len() > 1 {
        b.close();
    }
    match b.stack.pop() {
        Some(Frame::Root(blocks)) => blocks,
        _ => Vec::new(),
    }
}

/// The plain text of runs (for a heading, a caption or a test).
pub fn plain(runs: &[Inline]) -> String {
    let mut out = String::new();
    for r in runs {
        match r {
            Inline::Text { text, .. } => out.push_str(text),
            Inline::Break => out.push('\n'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, style: Style) -> Inline {
        Inline::Text {
            text: text.to_string(),
            style,
            link: None,
        }
    }

    #[test]
    fn paragraphs_with_bold_and_italic() {
        let b = blocks("First **bold** and *it*\nwraps.\n\nSecond.");
        let bold = Style {
            bold: true,
            ..Style::default()
        };
        let italic = Style {
            italic: true,
            ..Style::default()
        };
        assert_eq!(
            b,
            vec![
                Block::Paragraph(vec![
                    run("First ", Style::default()),
                    run("bold", bold),
                    run(" and ", Style::default()),
                    run("it", italic),
                    run(" wraps.", Style::default()),
                ]),
                Block::Paragraph(vec![run("Second.", Style::default())]),
            ]
        );
    }

    #[test]
    fn tight_and_loose_lists_have_their_items() {
        for text in ["- one\n- two", "- one\n\n- two"] {
            let b = blocks(text);
            let [Block::List { start: None, items }] = b.as_slice() else {
                panic!("{b:?}");
            };
            let texts: Vec<String> = items
                .iter()
                .map(|i| match i.as_slice() {
                    [Block::Paragraph(r)] => plain(r),
                    other => panic!("{other:?}"),
                })
                .collect();
            assert_eq!(texts, ["one", "two"]);
        }
        let b = blocks("3. three\n4. four");
        assert!(
            matches!(b.as_slice(), [Block::List { start: Some(3), items }] if items.len() == 2)
        );
    }

    #[test]
    fn only_safe_links_are_kept() {
        let b = blocks("[paper](https://example.org/p.pdf) and [bad](javascript:alert(1))");
        let [Block::Paragraph(runs)] = b.as_slice() else {
            panic!("{b:?}");
        };
        let links: Vec<Option<&str>> = runs
            .iter()
            .map(|r| match r {
                Inline::Text { link, .. } => link.as_deref(),
                Inline::Break => None,
            })
            .collect();
        assert_eq!(links, [Some("https://example.org/p.pdf"), None]);
        assert_eq!(plain(runs), "paper and bad");
    }

    #[test]
    fn raw_html_is_dropped_and_tables_kept() {
        let b = blocks("<b>x</b> y\n\n| a | b |\n|---|---|\n| 1 | 2 |");
        assert_eq!(
            plain(match &b[0] {
                Block::Paragraph(r) => r,
                other => panic!("{other:?}"),
            }),
            "x y"
        );
        let Block::Table(rows) = &b[1] else {
            panic!("{b:?}");
        };
        let cells: Vec<Vec<String>> = rows
            .iter()
            .map(|r| r.iter().map(|c| plain(c)).collect())
            .collect();
        assert_eq!(cells, [["a", "b"], ["1", "2"]]);
    }

    #[test]
    fn character_references_cannot_bring_back_control_characters() {
        let b = blocks("x &#1; y &#xFFFE; [l](https://e.org/&#1;)");
        let text = format!("{b:?}");
        assert!(
            !text.contains('\u{1}') && !text.contains('\u{FFFE}'),
            "{text}"
        );
        let [Block::Paragraph(runs)] = b.as_slice() else {
            panic!("{b:?}");
        };
        assert!(runs
            .iter()
            .all(|r| matches!(r, Inline::Text { link: None, .. })));
    }

    #[test]
    fn deep_nesting_is_flattened() {
        fn depth(blocks: &[Block]) -> usize {
            blocks
                .iter()
                .map(|b| match b {
                    Block::Quote(inner) => 1 + depth(inner),
                    Block::List { items, .. } => {
                        1 + items.iter().map(|i| depth(i)).max().unwrap_or(0)
                    }
                    _ => 0,
                })
                .max()
                .unwrap_or(0)
        }
        let text = format!("{}deep", ">".repeat(5_000));
        let b = blocks(&text);
        assert!(depth(&b) <= MAX_DEPTH, "{}", depth(&b));
        let text = format!("{}deep", "- ".repeat(2_000));
        let b = blocks(&text);
        assert!(depth(&b) <= MAX_DEPTH, "{}", depth(&b));
        assert!(format!("{b:?}").contains("deep"));
    }
}
