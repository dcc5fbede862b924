//! The .xlsx reader, end to end: any bytes as a workbook file are read,
//! normalised and rated without a panic in scorecard's own code (a panic
//! inside the spreadsheet library is caught by `load` and reported as an
//! unreadable file; the hook leaves those alone).

use scorecard::{load, LoadOptions};

fn main() {
    scorecard_fuzz::crash_on_our_panics();
    let path = std::env::temp_dir().join(format!("scorecard-fuzz-{}.xlsx", std::process::id()));
    afl::fuzz_nohook!(|data: &[u8]| {
        if std::fs::write(&path, data).is_err() {
            return;
        }
        if let Ok(loaded) = load(&path, &LoadOptions::default()) {
            let months = loaded.scorecard.period.as_ref().map(|p| p.months_elapsed);
            let settings = scorecard::rules::RuleSettings {
                months_elapsed: months,
                ..Default::default()
            };
            let rated = scorecard::rules::scorecard::rate_scorecard(loaded.scorecard, settings);
            let _ = scorecard::rules::cross_sheet::cross_sheet(&rated);
        }
    });
}
