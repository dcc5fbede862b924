//! The Markdown neutraliser: two cells neutralised on their own and rendered
//! together by a permissive CommonMark renderer (no sanitiser) never yield an
//! image, a script, raw HTML from a cell, or a link to anything but http(s),
//! mailto or a relative path on this host.

use pulldown_cmark::{html, Parser};
use scorecard::report::text::{markdown_to_html, neutralise_markdown};

fn main() {
    scorecard_fuzz::crash_on_our_panics();
    afl::fuzz_nohook!(|data: &[u8]| {
        let Ok(text) = std::str::from_utf8(data) else {
            return;
        };
        // The input is two cells, split at the first NUL.
        let (a, b) = text.split_once('\0').unwrap_or((text, ""));
        let doc = format!("{}\n\n{}", neutralise_markdown(a), neutralise_markdown(b));
        let mut out = String::new();
        html::push_html(&mut out, Parser::new(&doc));
        let lower = out.to_ascii_lowercase();
        // (`href="javascript"` alone is a relative link to a file of that name.)
        // (Only elements count: `src=` in a sentence is text.)
        for bad in ["<img", "<script", "<iframe", "<svg", "<style", "<video", "<audio", "<source", "<embed", "<object", "href=\"javascript:", "href=\"data:", "href=\"vbscript:", "href=\"//"] {
            assert!(!lower.contains(bad), "{bad} from {a:?} / {b:?}: {out}");
        }
        let sanitised = markdown_to_html(a).to_ascii_lowercase();
        for bad in ["<img", "<script", "href=\"javascript:", "href=\"//"] {
            assert!(!sanitised.contains(bad), "{bad} from {a:?}: {sanitised}");
        }
    });
}
