//! The CSV reader: any bytes as a sheet, read without a panic.

use scorecard::workbook::csv_dir::parse_csv;

fn main() {
    scorecard_fuzz::crash_on_our_panics();
    afl::fuzz_nohook!(|data: &[u8]| {
        let text = String::from_utf8_lossy(data);
        if let Ok(sheet) = parse_csv("indicators", &text) {
            let _ = sheet.cell_count();
        }
    });
}
