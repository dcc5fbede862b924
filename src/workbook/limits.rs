//! How much of a workbook is read before it is refused.

use super::CellValue;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// How much of a workbook is read before it is refused as beyond what a
/// scorecard can be (`[limits]` in scorecard.toml). The defaults are far above
/// any real scorecard (30,000 indicators with History use about a million
/// cells) and keep a hostile file from taking the machine's memory: within
/// them every command stays under about 2 GB.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    /// The most cells holding something in the sheets read, together (a
    /// CSV file counts every field and line).
    #[serde(default = "default_cells")]
    pub cells: usize,
    /// The most a workbook may unpack to (its parts together), a CSV file
    /// hold, or the text in the cells read come to, in MiB.
    #[serde(default = "default_unpacked_mib")]
    pub unpacked_mib: u64,
}

fn default_cells() -> usize {
    2_000_000
}

fn default_unpacked_mib() -> u64 {
    256
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            cells: default_cells(),
            unpacked_mib: default_unpacked_mib(),
        }
    }
}

impl Limits {
    /// The unpacked size limit in bytes.
    pub fn unpacked_bytes(&self) -> u64 {
        self.unpacked_mib.saturating_mul(1 << 20)
    }

    /// The message for a workbook whose sheets hold more cells than the
    /// limit, found while reading `sheet`.
    pub fn too_many_cells(&self, sheet: &str) -> String {
        format!(
            "the workbook holds more than {} cells (counting its sheets up to '{sheet}'), beyond \
             the limit of {}; if the workbook really is this large, raise it in scorecard.toml \
             with [limits] cells = {}",
            self.cells,
            self.cells,
            self.cells.saturating_mul(2)
        )
    }

    /// The message for a workbook whose cells hold more text than the limit,
    /// found while reading `sheet`.
    pub fn too_much_text(&self, sheet: &str) -> String {
        format!(
            "the text in the workbook's cells comes to more than {} MiB (counting its sheets up \
             to '{sheet}'), beyond the limit of {} MiB; if the workbook really is this large, \
             raise it in scorecard.toml with [limits] unpacked_mib = {}",
            self.unpacked_mib,
            self.unpacked_mib,
            self.unpacked_mib.saturating_mul(2)
        )
    }

    /// The message for an .xls sheet whose cells, from the first to the
    /// furthest, span more than the limit (an .xls sheet is read whole).
    pub fn too_wide(&self, sheet: &str, area: u64) -> String {
        format!(
            "the sheet '{sheet}' spans {area} cells from its first cell to its furthest (an .xls \
             sheet is read whole), beyond the limit of {} a sheet; if the workbook really is this \
             large, save it as .xlsx, or raise the limit in scorecard.toml with [limits] cells = {}",
            self.cells,
            area
        )
    }

    /// The message for a workbook or file that unpacks to more than the limit.
    pub fn too_large(&self, what: &str, bytes: u64) -> String {
        format!(
            "{what} unpacks to {} MiB, beyond the limit of {} MiB; if the workbook really is \
             this large, raise it in scorecard.toml with [limits] unpacked_mib = {}",
            bytes.div_ceil(1 << 20),
            self.unpacked_mib,
            bytes.div_ceil(1 << 20)
        )
    }
}

/// What the sheets of one workbook have read so far, shared by every handle
/// reading it (the supporting sheets are read on a second thread), so that
/// the limits hold for the workbook as a whole.
#[derive(Debug, Clone, Default)]
pub struct CellBudget {
    limits: Limits,
    cells: Arc<AtomicU64>,
    bytes: Arc<AtomicU64>,
}

impl CellBudget {
    /// A budget of `limits`, nothing spent.
    pub fn new(limits: Limits) -> Self {
        CellBudget {
            limits,
            ..CellBudget::default()
        }
    }

    /// The limits it holds to.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// A meter for reading one sheet against this budget.
    pub fn meter<'a>(&'a self, sheet: &'a str) -> Meter<'a> {
        Meter {
            budget: self,
            sheet,
            cells: 0,
            bytes: 0,
        }
    }

    /// Spends cells and bytes of text; the refusal once the workbook is over
    /// either limit.
    fn spend(&self, cells: u64, bytes: u64, sheet: &str) -> Result<(), String> {
        let cells = self.cells.fetch_add(cells, Ordering::Relaxed) + cells;
        let bytes = self.bytes.fetch_add(bytes, Ordering::Relaxed) + bytes;
        if cells > self.limits.cells as u64 {
            Err(self.limits.too_many_cells(sheet))
        } else if bytes > self.limits.unpacked_bytes() {
            Err(self.limits.too_much_text(sheet))
        } else {
            Ok(())
        }
    }
}

/// Counts the cells of one sheet as they are read, settling with the shared
/// budget every thousand cells or megabyte of text (and at the end).
pub struct Meter<'a> {
    budget: &'a CellBudget,
    sheet: &'a str,
    cells: u64,
    bytes: u64,
}

impl Meter<'_> {
    /// Counts one cell about to be stored (an empty one costs nothing).
    pub fn count(&mut self, value: &CellValue) -> Result<(), String> {
        match value {
            CellValue::Empty => Ok(()),
            CellValue::Text(t) | CellValue::Error(t) => self.count_raw(1, t.len() as u64),
            _ => self.count_raw(1, 0),
        }
    }

    /// Counts cells and bytes of text stored some other way (a CSV file's
    /// fields and lines).
    pub fn count_raw(&mut self, cells: u64, bytes: u64) -> Result<(), String> {
        self.cells += cells;
        self.bytes += bytes;
        if self.cells >= 1024 || self.bytes >= 1 << 20 {
            self.settle()
        } else {
            Ok(())
        }
    }

    /// Settles what is counted with the budget.
    pub fn settle(&mut self) -> Result<(), String> {
        let (cells, bytes) = (
            std::mem::take(&mut self.cells),
            std::mem::take(&mut self.bytes),
        );
        self.budget.spend(cells, bytes, self.sheet)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_is_shared_by_every_meter_of_the_workbook() {
        let budget = CellBudget::new(Limits {
            cells: 3_000,
            unpacked_mib: 1,
        });
        let number = CellValue::Bool(true);
        let (a, b) = (budget.clone(), budget.clone());
        let mut first = a.meter("Indicators");
        for _ in 0..2_000 {
            first.count(&number).unwrap();
        }
        first.settle().unwrap();
        let mut second = b.meter("History");
        let refused = (0..2_000).find_map(|_| second.count(&number).err());
        let refused = refused.or_else(|| second.settle().err()).unwrap();
        assert!(refused.contains("more than 3000 cells"), "{refused}");
        assert!(refused.contains("up to 'History'"), "{refused}");
        assert!(refused.contains("[limits] cells = 6000"), "{refused}");
    }

    #[test]
    fn text_counts_towards_the_unpacked_limit() {
        let budget = CellBudget::new(Limits {
            cells: 1_000_000,
            unpacked_mib: 1,
        });
        let mut meter = budget.meter("Indicators");
        let text = CellValue::Text("x".repeat(300_000));
        let refused = (0..4).find_map(|_| meter.count(&text).err());
        let refused = refused.or_else(|| meter.settle().err()).unwrap();
        assert!(refused.contains("more than 1 MiB"), "{refused}");
        // Empty cells cost nothing.
        let empty = CellBudget::new(Limits {
            cells: 1,
            unpacked_mib: 1,
        });
        let mut meter = empty.meter("Indicators");
        for _ in 0..10 {
            meter.count(&CellValue::Empty).unwrap();
        }
        meter.settle().unwrap();
    }
}
