//! Markdown blocks ([`rich`](crate::report::rich)) written as Typst markup,
//! every character of the workbook's text escaped, so that the markup's
//! only structure is what is written here.

use crate::report::rich::{Block, Inline};

/// Whether `c` is written escaped in Typst markup: every ASCII punctuation
/// mark that markup could read as syntax (a backslash escapes any
/// character but a letter or digit, which are never escaped).
fn special(c: char) -> bool {
    matches!(
        c,
        '\\' | '#'
            | '*'
            | '_'
            | '`'
            | '$'
            | '<'
            | '>'
            | '@'
            | '['
            | ']'
            | '~'
            | '/'
            | '='
            | '-'
            | '+'
            | '.'
            | ':'
            | '"'
            | '\''
            | '{'
            | '}'
            | '('
            | ')'
            | ';'
            | ','
    )
}

/// Text as Typst markup: specials escaped, line breaks as spaces, control
/// characters dropped.
pub fn text(s: &str, out: &mut String) {
    for c in s.chars() {
        if special(c) {
            out.push('\\');
            out.push(c);
        } else if c == '\n' || c == '\r' || c == '\t' {
            out.push(' ');
        } else if !c.is_control() {
            out.push(super::world::printable(c));
        }
    }
}

/// A Typst string literal.
pub fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {}
            c => out.push(super::world::printable(c)),
        }
    }
    out.push('"');
    out
}

fn inlines(runs: &[Inline], out: &mut String) {
    for r in runs {
        match r {
            Inline::Break => out.push_str("#linebreak()"),
            Inline::Text {
                text: t,
                style,
                link,
            } => {
                let mut close = 0;
                if let Some(url) = link {
                    out.push_str(&format!("#link({})[", string(url)));
                    close += 1;
                }
                for (on, f) in [
                    (style.bold, "#strong["),
                    (style.italic, "#emph["),
                    (style.strike, "#strike["),
                ] {
                    if on {
                        out.push_str(f);
                        close += 1;
                    }
                }
                if style.code {
                    out.push_str(&format!("#raw({})", string(t)));
                } else {
                    text(t, out);
                }
                out.push_str(&"]".repeat(close));
            }
        }
    }
}

fn content(blocks: &[Block]) -> String {
    let mut out = String::from("[");
    write(blocks, &mut out);
    out.push(']');
    out
}

fn write(blocks: &[Block], out: &mut String) {
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        match block {
            Block::Paragraph(runs) => inlines(runs, out),
            Block::Heading(runs) => {
                out.push_str("#strong[");
                inlines(runs, out);
                out.push(']');
            }
            Block::Code(code) => out.push_str(&format!("#raw(block: true, {})", string(code))),
            Block::Rule => out.push_str("#line(length: 100%)"),
            Block::Quote(inner) => {
                out.push_str("#quote(block: true)");
                out.push_str(&content(inner));
            }
            Block::List { start, items } => {
                match start {
                    None => out.push_str("#list("),
                    Some(n) => out.push_str(&format!("#enum(start: {n}, ")),
                }
                let items: Vec<String> = items.iter().map(|i| content(i)).collect();
                out.push_str(&items.join(", "));
                out.push(')');
            }
            Block::Table(rows) => {
                let columns = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
                out.push_str(&format!("#table(columns: {columns}"));
                for (r, row) in rows.iter().enumerate() {
                    let cells: Vec<String> = (0..columns)
                        .map(|c| {
                            let mut cell = String::from("[");
                            if let Some(runs) = row.get(c) {
                                inlines(runs, &mut cell);
                            }
                            cell.push(']');
                            cell
                        })
                        .collect();
                    if r == 0 {
                        out.push_str(&format!(", table.header({})", cells.join(", ")));
                    } else {
                        out.push_str(", ");
                        out.push_str(&cells.join(", "));
                    }
                }
                out.push(')');
            }
        }
    }
}

/// Blocks as Typst markup.
pub fn markup(blocks: &[Block]) -> String {
    let mut out = String::new();
    write(blocks, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::rich::blocks;

    #[test]
    fn every_special_is_escaped() {
        let mut out = String::new();
        text(
            "#import \"x\": * // $1 = [a] <b> @c -d +e 1. f_g `h` ~",
            &mut out,
        );
        assert_eq!(
            out,
            "\\#import \\\"x\\\"\\: \\* \\/\\/ \\$1 \\= \\[a\\] \\<b\\> \\@c \\-d \\+e 1\\. f\\_g \\`h\\` \\~"
        );
    }

    #[test]
    fn markdown_becomes_markup() {
        let m = markup(&blocks(
            "**Bold** and *it* [link](https://x.org/a)\n\n- one\n- two",
        ));
        assert_eq!(
            m,
            "#strong[Bold] and #emph[it] #link(\"https://x.org/a\")[link]\n\n#list([one], [two])"
        );
        assert_eq!(string("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
    }
}
