//! Cell text is untrusted. Markdown from cells (commentary, reasons, actions…)
//! is rendered with pulldown-cmark and sanitised with ammonia for HTML; for
//! Markdown output it is neutralised in place. Nothing from a workbook can put
//! script, event handlers, `javascript:` links or external resources (images,
//! frames) into a report.

use pulldown_cmark::{Event, Options, Parser, Tag};
use std::collections::HashSet;
use std::sync::OnceLock;

/// Link schemes allowed to survive (no `javascript:`, `data:`, `vbscript:`).
const SAFE_SCHEMES: &[&str] = &["http", "https", "mailto"];

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let tags: HashSet<&str> = [
            "a",
            "p",
            "br",
            "strong",
            "em",
            "b",
            "i",
            "ul",
            "ol",
            "li",
            "blockquote",
            "code",
            "pre",
            "h3",
            "h4",
            "h5",
            "h6",
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
            "del",
            "sup",
            "sub",
            "hr",
        ]
        .into_iter()
        .collect();
        let mut b = ammonia::Builder::default();
        b.tags(tags)
            .url_schemes(SAFE_SCHEMES.iter().copied().collect())
            // A relative link stays (a fragment, a file beside the report), but
            // not one that names another host: `//host/x` or `\\host\x`.
            .url_relative(ammonia::UrlRelative::Custom(Box::new(keep_relative)))
            .link_rel(Some("noopener noreferrer"))
            .clean_content_tags(["script", "style"].into_iter().collect());
        b
    })
}

/// Markdown from a cell as safe HTML: rendered, then sanitised.
pub fn markdown_to_html(text: &str) -> String {
    let parser = Parser::new_ext(text, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH);
    let mut html = String::with_capacity(text.len() * 2);
    pulldown_cmark::html::push_html(&mut html, parser);
    sanitizer().clean(&html).to_string().trim().to_string()
}

/// Plain text as an inline Markdown fragment: each character that Markdown
/// (CommonMark, GitHub's, or pandoc's own dialect) could take for markup is
/// escaped, and only those, so a clerk reading the Markdown sees
/// `snake_case` and `4 * 5` as written; line breaks become spaces (safe
/// inside a table cell). A list marker or heading underline at the start is
/// escaped, since the text may begin a line.
///
/// What is left unescaped can never start markup: a `_` inside a word
/// (which neither CommonMark nor pandoc takes for emphasis), a `*` with
/// whitespace on both sides, a `#` other than at the start or in a closing
/// run at the end, and `!`, which is markup only before an escaped `[`. A
/// `*` inside a word is escaped (`A\*-C`): pandoc reads `A*-C … B*` as
/// emphasis, which would print "A-C". The ends of the text are taken as
/// touching anything, since a template may put any character beside them.
pub fn escape_markdown(text: &str) -> String {
    const SPECIAL: &[char] = &[
        '\\', '`', '*', '_', '[', ']', '#', '|', '~', '^', '{', '}', '<', '>', '&', '\r', '\n',
        '\t',
    ];
    let trimmed = text.trim();
    // Most cell text holds nothing Markdown could take for markup, and does
    // not start with a list marker or a number (`1.` would start a list):
    // kept as it is.
    let plain_start = !trimmed.starts_with(|c: char| c.is_ascii_digit() || "-+=".contains(c));
    if plain_start && !trimmed.contains(SPECIAL) {
        return trimmed.to_string();
    }
    // Line endings as one: a lone `\r` is a line break too, and becomes a
    // space like the others, so what is written is what was judged.
    let text: std::borrow::Cow<str> = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        text.into()
    };
    let chars: Vec<char> = text.trim().chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    // At the start of a line, a list marker (`-`, `+`, `*`, `1.`, `1)`) or the
    // underline of a heading (`=`) would be markup.
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    let block_marker = match chars.first() {
        Some('-' | '+' | '=' | '*') => Some(0),
        Some(_) if (1..=9).contains(&digits) && matches!(chars.get(digits), Some('.' | ')')) => {
            Some(digits)
        }
        _ => None,
    };
    // CommonMark's whitespace: space separators, tab, line feed, form feed
    // and carriage return (not U+2028/U+2029 or other controls, which
    // Rust also calls whitespace: beside those a `*` can still open).
    let space = |c: Option<&char>| {
        c.is_some_and(|&c| {
            matches!(c, ' ' | '\t' | '\n' | '\u{c}' | '\r')
                || (c.is_whitespace() && !c.is_control() && !matches!(c, '\u{2028}' | '\u{2029}'))
        })
    };
    let trailing = chars.iter().rev().take_while(|&&c| c == '#').count();
    let closing_run = match chars.len().checked_sub(trailing + 1) {
        Some(j) if trailing > 0 && space(chars.get(j)) => chars.len() - trailing,
        _ => usize::MAX,
    };
    for (i, &c) in chars.iter().enumerate() {
        if block_marker == Some(i) {
            out.push('\\');
            out.push(c);
            continue;
        }
        let before = i.checked_sub(1).and_then(|j| chars.get(j));
        let after = chars.get(i + 1);
        let intraword = before.is_some_and(|c| c.is_alphanumeric())
            && after.is_some_and(|c| c.is_alphanumeric());
        // A run of `#` at the end, after a space, would close a heading.
        let closing_hashes = i >= closing_run;
        match c {
            // `&` is special only where it could start an entity (`&lt;`, `&#60;`).
            '&' if after.is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') => {
                out.push_str("&amp;")
            }
            '*' if space(before) && space(after) => out.push('*'),
            '_' if intraword => out.push('_'),
            '#' if i > 0 && !closing_hashes => out.push('#'),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' | '^' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' | '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Text escaped by [`escape_markdown`] as strong emphasis (`**…**`): every
/// `*` in it escaped first, since inside emphasis even one that cannot open
/// could close it early.
pub fn strong(escaped: &str) -> String {
    let mut out = String::with_capacity(escaped.len() + 8);
    out.push_str("**");
    let mut backslashes = 0usize;
    for c in escaped.chars() {
        if c == '*' && backslashes.is_multiple_of(2) {
            out.push('\\');
        }
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
        out.push(c);
    }
    out.push_str("**");
    out
}

/// A scheme-relative URL (`//host/x`; browsers read `\\host` and `/\host`
/// the same way) reaches another host without naming a scheme.
fn names_a_host(url: &str) -> bool {
    let start: String = url.trim().chars().take(2).collect();
    matches!(start.as_str(), "//" | "\\\\" | "/\\" | "\\/")
}

/// A relative URL kept by the HTML sanitiser: any but one that names a host.
fn keep_relative(url: &str) -> Option<std::borrow::Cow<'_, str>> {
    (!names_a_host(url)).then_some(std::borrow::Cow::Borrowed(url))
}

pub(crate) fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    if names_a_host(&lower) {
        return false;
    }
    match lower.split_once(':') {
        // No scheme: a relative link or fragment, which fetches nothing by itself.
        None => true,
        // A colon after a slash, `?` or `#` is not a scheme separator.
        Some((scheme, _)) => scheme.contains(['/', '?', '#']) || SAFE_SCHEMES.contains(&scheme),
    }
}

/// Escapes the opening of every fenced code block (a line starting, after at
/// most three spaces, with three backticks or tildes): an unclosed fence in
/// one cell would otherwise turn the rest of the report into code.
fn escape_fences(text: &str) -> std::borrow::Cow<'_, str> {
    let is_fence = |line: &str| {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[indent..];
        indent <= 3 && (rest.starts_with("```") || rest.starts_with("~~~"))
    };
    if !text.lines().any(is_fence) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for line in text.split_inclusive('\n') {
        if is_fence(line) {
            let indent = line.len() - line.trim_start_matches(' ').len();
            out.push_str(&line[..indent]);
            out.push('\\');
            out.push_str(&line[indent..]);
        } else {
            out.push_str(line);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Markdown from a cell, neutralised for Markdown output: raw HTML is escaped
/// so that it shows as text, images are replaced by their description (a
/// rendered image would fetch from the network), and links with unsafe schemes
/// keep only their text. Nothing in one cell can reach beyond it when the
/// whole report is rendered: a link reference definition (which would supply
/// the target of a `[text][ref]` in any other cell) is escaped, and so is every
/// code fence (an unclosed one would swallow the rest of the report).
/// Everything else is kept as written.
///
/// Neutralising one construct can expose what it hid (an image inside a link
/// reference definition or an HTML block is live once they are escaped), so
/// the pass is repeated until nothing changes; text that never settles is
/// shown as plain text.
///
/// The text is read both as GitHub Markdown (tables) and as plain CommonMark,
/// since a table's pipes can hide an image from one reading that the other
/// sees.
pub fn neutralise_markdown(text: &str) -> String {
    const PASSES: usize = 8;
    // Links, images, raw HTML, definitions and fences all need one of these;
    // most commentary has none, and is only trimmed.
    if !text.contains(['[', '<', '`', '~']) {
        return text.trim().to_string();
    }
    let readings = [
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
        Options::empty(),
    ];
    let mut current = text.to_string();
    for _ in 0..PASSES {
        let mut next = current.clone();
        for options in readings {
            next = neutralise_once(&next, options);
        }
        if next == current {
            return current;
        }
        current = next;
    }
    escape_markdown(text)
}

fn neutralise_once(text: &str, options: Options) -> String {
    let fenced = escape_fences(text);
    let text = fenced.as_ref();
    let mut parser = Parser::new_ext(text, options).into_offset_iter();
    // Byte ranges to replace, outermost first, and their replacements.
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let mut skip_until = 0usize;
    let mut in_image: Option<(std::ops::Range<usize>, String)> = None;
    for (event, range) in parser.by_ref() {
        if let Some((image_range, alt)) = &mut in_image {
            match event {
                Event::End(pulldown_cmark::TagEnd::Image) => {
                    let text = format!("[image: {}]", alt.trim());
                    edits.push((image_range.clone(), escape_markdown(&text)));
                    skip_until = image_range.end;
                    in_image = None;
                }
                Event::Text(t) | Event::Code(t) => alt.push_str(&t),
                _ => {}
            }
            continue;
        }
        if range.start < skip_until {
            continue;
        }
        match event {
            Event::Start(Tag::Image { .. }) => {
                in_image = Some((range, String::new()));
            }
            Event::Start(Tag::Link { dest_url, .. }) if !safe_url(&dest_url) => {
                let inner = &text[range.clone()];
                let label = inner
                    .strip_prefix('[')
                    .and_then(|s| s.split_once("](").map(|(l, _)| l))
                    .unwrap_or(inner)
                    .trim_start_matches('<')
                    .trim_end_matches('>');
                edits.push((range.clone(), escape_markdown(label)));
                skip_until = range.end;
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                edits.push((range.clone(), escape_html_text(&h)));
                skip_until = range.end;
            }
            _ => {}
        }
    }
    for (_, def) in parser.reference_definitions().iter() {
        let span = def.span.clone();
        if let Some(open) = text.get(span.clone()).and_then(|d| d.find('[')) {
            let at = span.start + open;
            edits.push((at..at + 1, "\\[".to_string()));
        }
    }
    edits.sort_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (range, replacement) in edits {
        if range.start < at {
            continue;
        }
        out.push_str(&text[at..range.start]);
        out.push_str(&replacement);
        at = range.end;
    }
    out.push_str(&text[at..]);
    out.trim().to_string()
}

fn escape_html_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    const ATTACKS: &[&str] = &[
        "<script>alert(1)</script>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        "<img src=http://tracker.example/p.gif>",
        "![pixel](http://tracker.example/p.gif)",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<div onclick=\"alert(1)\">x</div>",
        "[x](JaVaScRiPt:alert(1))",
        "<javascript:alert(1)>",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "<svg onload=alert(1)>",
        "<style>body{display:none}</style>",
    ];

    /// Every real tag in `html` (text that is escaped does not count).
    pub(crate) fn tags(html: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut rest = html;
        while let Some(i) = rest.find('<') {
            rest = &rest[i + 1..];
            let end = rest.find('>').unwrap_or(rest.len());
            out.push(rest[..end].to_ascii_lowercase());
            rest = &rest[end..];
        }
        out
    }

    /// No script, frame, image, style or SVG element, no event handler, and no
    /// link or source that is not http(s) or mailto.
    pub(crate) fn assert_harmless_html(html: &str) {
        for tag in tags(html) {
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            assert!(
                ![
                    "script", "iframe", "img", "style", "svg", "object", "embed", "link", "meta",
                    "frame"
                ]
                .contains(&name.as_str()),
                "<{tag}> survived in {html}"
            );
            for attr in tag.split_whitespace().skip(1) {
                assert!(!attr.starts_with("on"), "handler in <{tag}> in {html}");
                assert!(!attr.starts_with("src="), "source in <{tag}> in {html}");
                if let Some(url) = attr.strip_prefix("href=") {
                    let url = url.trim_matches('"');
                    assert!(safe_url(url), "unsafe link in <{tag}> in {html}");
                }
            }
        }
    }

    #[test]
    fn html_is_sanitised() {
        for attack in ATTACKS {
            assert_harmless_html(&markdown_to_html(attack));
        }
        assert_eq!(
            markdown_to_html("**Bold** and *em*"),
            "<p><strong>Bold</strong> and <em>em</em></p>"
        );
        let list = markdown_to_html("- one\n- two");
        assert!(list.contains("<li>one</li>"), "{list}");
        let link = markdown_to_html("[paper](https://example.org/p.pdf)");
        assert!(
            link.contains("href=\"https://example.org/p.pdf\""),
            "{link}"
        );
        assert!(link.contains("rel=\"noopener noreferrer\""), "{link}");
    }

    #[test]
    fn markdown_is_neutralised() {
        for attack in ATTACKS {
            let md = neutralise_markdown(attack);
            // Rendered again, nothing harmful may come back.
            assert_harmless_html(&markdown_to_html(&md));
            let plain = Parser::new(&md).filter_map(|e| match e {
                Event::Html(h) | Event::InlineHtml(h) => Some(h.to_string()),
                _ => None,
            });
            assert_eq!(plain.count(), 0, "raw HTML left in {md}");
            assert!(
                !md.contains("](javascript") && !md.to_ascii_lowercase().contains("](javascript"),
                "{md}"
            );
            assert!(!md.contains("!["), "{md}");
        }
        assert_eq!(
            neutralise_markdown("![pixel](http://t.example/p.gif)"),
            "\\[image: pixel\\]"
        );
        assert_eq!(
            neutralise_markdown("[click](javascript:alert(1)) now"),
            "click now"
        );
        assert_eq!(
            neutralise_markdown("Keep **bold** and [links](https://example.org)"),
            "Keep **bold** and [links](https://example.org)"
        );
        assert_eq!(neutralise_markdown("- one\n- two"), "- one\n- two");
    }

    /// Cells neutralised one by one, then rendered together by a permissive
    /// renderer (no sanitiser), as any CommonMark tool would render the report.
    fn render_together(cells: &[&str]) -> String {
        let doc: Vec<String> = cells.iter().map(|c| neutralise_markdown(c)).collect();
        let doc = doc.join("\n\n");
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, Parser::new_ext(&doc, Options::ENABLE_TABLES));
        html
    }

    #[test]
    fn nothing_in_one_cell_reaches_another() {
        let html = render_together(&[
            "[u]: javascript:alert(1)",
            "[read][u] and [more][px]",
            "  [px]: http://tracker.example/p.gif",
            "![seen][px]",
            "```",
            "still text",
            "~~~ rust",
            "**after the fences**",
        ]);
        assert!(!html.contains("href"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<code"), "{html}");
        assert!(html.contains("<strong>after the fences</strong>"), "{html}");
        assert!(
            html.contains("[u]: javascript:alert(1)"),
            "shown as text: {html}"
        );
        // A fence inside a line, and an indented one, are left alone or escaped
        // without changing the words.
        assert_eq!(neutralise_markdown("use ``` here"), "use ``` here");
        assert_eq!(neutralise_markdown("   ```x\ny\n```"), "\\```x\ny\n\\```");
    }

    #[test]
    fn protocol_relative_links_are_refused() {
        for link in [
            "[x](//evil.example/x)",
            "<a href=\"//evil.example\">x</a>",
            "<a href=\"\\\\evil.example\">x</a>",
            "<a href=\"/\\evil.example\">x</a>",
        ] {
            let html = markdown_to_html(link);
            assert_harmless_html(&html);
            assert!(
                tags(&html).iter().all(|t| !t.contains("evil")),
                "{link}: {html}"
            );
            let rendered = render_together(&[link]);
            assert_harmless_html(&rendered);
            assert!(
                tags(&rendered).iter().all(|t| !t.contains("evil")),
                "{link}: {rendered}"
            );
        }
        let kept = markdown_to_html("[section](#b) and [paper](paper.pdf)");
        assert!(kept.contains("href=\"#b\""), "{kept}");
        assert!(kept.contains("href=\"paper.pdf\""), "{kept}");
    }

    #[test]
    fn escaped_text_is_literal() {
        assert_eq!(
            escape_markdown("a|b <script> *x*"),
            "a\\|b &lt;script&gt; \\*x\\*"
        );
        // Only what could start markup is escaped (pandoc's dialect too).
        assert_eq!(escape_markdown("grades A*-C"), "grades A\\*-C");
        assert_eq!(escape_markdown("4 * 5"), "4 * 5");
        assert_eq!(
            escape_markdown("snake_case _x_ #1 !b"),
            "snake_case \\_x\\_ #1 !b"
        );
        assert_eq!(escape_markdown("#1 and Item ##"), "\\#1 and Item \\#\\#");
        assert_eq!(escape_markdown("2^10^ {.x}"), "2\\^10\\^ \\{.x\\}");
        assert_eq!(escape_markdown("ends with *"), "ends with \\*");
        // A lone carriage return is a space, so the `*` beside it is judged
        // as it is written.
        assert_eq!(escape_markdown("a\r*\rb *c"), "a * b \\*c");
        assert_eq!(strong("A*-C \\*x"), "**A\\*-C \\*x**");
        assert_eq!(escape_markdown("line\nbreak"), "line break");
        for attack in ATTACKS {
            assert_harmless_html(&markdown_to_html(&escape_markdown(attack)));
        }
    }

    #[test]
    fn urls() {
        assert!(safe_url("https://example.org"));
        assert!(safe_url("mailto:a@b.c"));
        assert!(safe_url("#section"));
        assert!(safe_url("paper.pdf"));
        assert!(!safe_url("javascript:alert(1)"));
        assert!(!safe_url(" JAVASCRIPT:alert(1)"));
        assert!(!safe_url("data:text/html,x"));
        assert!(!safe_url("//evil.example/x"));
        assert!(!safe_url("\\\\evil.example/x"));
        assert!(!safe_url("/\\evil.example/x"));
    }
}

#[cfg(test)]
mod literal {
    //! Whatever text a cell holds, escaped it reads back as that text, in
    //! every place the Markdown templates put it, and makes no markup.
    use super::{escape_markdown, strong};
    use proptest::prelude::*;
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

    /// The text of a Markdown document and the markup it made.
    fn read(markdown: &str) -> (String, Vec<String>) {
        let mut text = String::new();
        let mut markup = Vec::new();
        for event in Parser::new_ext(
            markdown,
            Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
        ) {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::SoftBreak | Event::HardBreak => text.push(' '),
                Event::Start(
                    Tag::Paragraph
                    | Tag::Table(_)
                    | Tag::TableHead
                    | Tag::TableRow
                    | Tag::TableCell
                    | Tag::List(_)
                    | Tag::Item,
                )
                | Event::End(
                    TagEnd::Paragraph
                    | TagEnd::Table
                    | TagEnd::TableHead
                    | TagEnd::TableRow
                    | TagEnd::TableCell
                    | TagEnd::List(_)
                    | TagEnd::Item,
                ) => {}
                Event::Start(tag) => markup.push(format!("{tag:?}")),
                Event::End(_) => {}
                other => markup.push(format!("{other:?}")),
            }
        }
        (text, markup)
    }

    fn cell_text() -> impl Strategy<Value = String> {
        proptest::string::string_regex(
            "[a-zA-Z0-9 *_#!{}\\[\\]`~|<>&().+=:^\u{ad}\u{200b}\u{2028}\u{3000}\u{a0}é-]{1,24}",
        )
        .expect("a valid pattern")
        .prop_filter("some text", |s| !s.trim().is_empty())
    }

    proptest! {
        #[test]
        fn escaped_text_reads_back_as_written(t in cell_text()) {
            let want = t.trim().to_string();
            let e = escape_markdown(&t);
            // Alone, as a paragraph.
            let (text, markup) = read(&e);
            prop_assert_eq!(&text, &want, "{}", e);
            prop_assert!(markup.is_empty(), "{:?} from {}", markup, e);
            // As strong emphasis, after other text in the paragraph.
            let (text, markup) = read(&format!("Lead: {} — phrase {}", strong(&e), e));
            prop_assert_eq!(text, format!("Lead: {want} — phrase {want}"));
            prop_assert_eq!(markup, vec!["Strong".to_string()], "{}", strong(&e));
            // Before the template's own emphasis.
            let (text, markup) = read(&format!("{e} *(illustrative)*"));
            prop_assert_eq!(text, format!("{want} (illustrative)"));
            prop_assert_eq!(markup, vec!["Emphasis".to_string()], "{}", e);
            // As a heading's text.
            let (text, markup) = read(&format!("### A1. {e}"));
            prop_assert_eq!(text, format!("A1. {want}"));
            prop_assert!(markup.len() == 1 && markup[0].starts_with("Heading"), "{:?} from {}", markup, e);
            // Touching the template's punctuation on both sides, twice.
            let (text, markup) = read(&format!("({e}): {e}: Amber"));
            prop_assert_eq!(text, format!("({want}): {want}: Amber"));
            prop_assert!(markup.is_empty(), "{:?} from {}", markup, e);
            // In a table cell.
            let (text, markup) = read(&format!("| a | b |\n|---|---|\n| {e} | x |\n"));
            prop_assert_eq!(text, format!("ab{want}x"));
            prop_assert!(markup.is_empty(), "{:?} from {}", markup, e);
        }
    }
}
