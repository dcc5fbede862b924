//! How much of a workbook is read before it is refused.

/// How much of a workbook is read before it is refused as beyond what a
/// scorecard can be (`[limits]` in scorecard.toml). The defaults are far above
/// any real scorecard (30,000 indicators with History use about a million
/// cells) and keep a hostile file from taking the machine's memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    /// The most cells holding something in one sheet.
    #[serde(default = "default_cells")]
    pub cells: usize,
    /// The most bytes a workbook may unpack to (its parts together), or a CSV
    /// file may have, in MiB.
    #[serde(default = "default_unpacked_mib")]
    pub unpacked_mib: u64,
}

fn default_cells() -> usize {
    5_000_000
}

fn default_unpacked_mib() -> u64 {
    1_024
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

    /// The message for a sheet with more cells than the limit.
    pub fn too_many_cells(&self, sheet: &str) -> String {
        format!(
            "the sheet '{sheet}' holds more than {} cells, beyond the limit of {} a sheet; if \
             the workbook really is this large, raise it in scorecard.toml with [limits] cells = \
             {}",
            self.cells,
            self.cells,
            self.cells.saturating_mul(2)
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
