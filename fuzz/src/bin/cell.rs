//! The cell parser: any text typed into a cell (or a CSV field, or a
//! scorecard.toml tolerance) is read without a panic, and no figure it yields
//! is beyond the bound the rules rely on.

use scorecard::value::{parse_text, Parsed, MAX_FIGURE};

fn main() {
    scorecard_fuzz::crash_on_our_panics();
    afl::fuzz_nohook!(|data: &[u8]| {
        let Ok(text) = std::str::from_utf8(data) else {
            return;
        };
        let (parsed, _) = parse_text(text);
        let figures = match parsed {
            Parsed::Number(n) => vec![n.value],
            Parsed::Band { low, high, .. } => vec![low, high],
            Parsed::Bound { value, .. } => vec![value],
            _ => vec![],
        };
        for f in figures {
            assert!(f.abs() <= MAX_FIGURE, "{text:?} read as {f}");
        }
    });
}
