//! The CSV reader: any bytes as a sheet, read without a panic.

use scorecard::workbook::csv_dir::parse_csv;
use scorecard::workbook::{CellBudget, Limits};

fn main() {
    scorecard_fuzz::crash_on_our_panics();
    afl::fuzz_nohook!(|data: &[u8]| {
        let text = String::from_utf8_lossy(data);
        let budget = CellBudget::new(Limits::default());
        if let Ok(sheet) = parse_csv("indicators", &text, &mut budget.meter("indicators")) {
            let _ = sheet.cell_count();
        }
    });
}
