//! Writes a generated scorecard workbook of any size, for timing whole commands.
//!
//! ```text
//! cargo run --release --example large_workbook -- 30000 large-30000.xlsx
//! target/release/scorecard report large-30000.xlsx -o large.md
//! ```

#[path = "../benches/support/large.rs"]
mod large;

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let rows: u32 = args.next().as_deref().unwrap_or("10000").parse()?;
    let path = PathBuf::from(args.next().unwrap_or_else(|| format!("large-{rows}.xlsx")));
    large::write_workbook(&path, rows)?;
    println!("{}", path.display());
    Ok(())
}
