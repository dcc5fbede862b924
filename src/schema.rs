//! The sheets and column headers of a scorecard workbook (SPEC §1), and the
//! matching rule: names are compared ignoring case, spaces, punctuation and line
//! breaks, so "Y/E Target", "y/e  target" and "YE target" are the same.

/// Reduces a sheet name or header to lowercase letters and digits.
pub fn normalise_name(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Text with every `(…)` and `[…]` part removed.
fn without_brackets(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// A field of a sheet and the headers that name it.
#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    /// The field's name in the model.
    pub field: &'static str,
    /// Headers accepted for it.
    pub headers: &'static [&'static str],
}

/// One kind of sheet.
#[derive(Debug, Clone, Copy)]
pub struct SheetSpec {
    /// The canonical sheet name.
    pub name: &'static str,
    /// Sheet names accepted for it.
    pub names: &'static [&'static str],
    /// Its columns.
    pub fields: &'static [FieldSpec],
    /// Fields without which a row means nothing.
    pub required: &'static [&'static str],
}

impl SheetSpec {
    /// The field a header names, if any. A bracketed remark is ignored when
    /// the whole header is not known: "Performance (Apr-Nov)" is Performance.
    pub fn field_for_header(&self, header: &str) -> Option<&'static str> {
        let lookup = |text: &str| {
            let n = normalise_name(text);
            if n.is_empty() {
                return None;
            }
            self.fields
                .iter()
                .find(|f| f.headers.iter().any(|h| normalise_name(h) == n))
                .map(|f| f.field)
        };
        lookup(header).or_else(|| {
            let stripped = without_brackets(header);
            (stripped != header).then(|| lookup(&stripped)).flatten()
        })
    }

    /// True when a sheet name is one of this sheet's names.
    pub fn matches_sheet_name(&self, name: &str) -> bool {
        let n = normalise_name(name);
        self.names.iter().any(|a| normalise_name(a) == n)
    }

    /// The first header listed for a field, for messages.
    pub fn header_of(&self, field: &str) -> &'static str {
        self.fields
            .iter()
            .find(|f| f.field == field)
            .and_then(|f| f.headers.first().copied())
            .unwrap_or("")
    }
}

const fn f(field: &'static str, headers: &'static [&'static str]) -> FieldSpec {
    FieldSpec { field, headers }
}

/// The Indicators sheet (SPEC §1.1).
pub const INDICATORS: SheetSpec = SheetSpec {
    name: "Indicators",
    names: &["Indicators", "Scorecard", "KPIs", "Measures"],
    fields: &[
        f("ref", &["Ref", "ID", "Code", "PI", "PI ref"]),
        f(
            "title",
            &[
                "Indicator",
                "Title",
                "Measure",
                "Name",
                "Performance indicator",
                "PI title",
                "KPI",
                "KPI name",
                "Indicator name",
            ],
        ),
        f("description", &["Description", "Definition"]),
        f(
            "theme",
            &["Theme", "Priority", "Layer", "Strategic priority"],
        ),
        f("outcome", &["Outcome", "Supporting outcome", "Objective"]),
        f("service", &["Service", "Directorate", "Department"]),
        f(
            "owner",
            &["Lead", "Owner", "Lead officer", "Accountable officer"],
        ),
        f("unit", &["Unit", "Data type"]),
        f(
            "polarity",
            &["Polarity", "Aim", "Good performance", "Direction"],
        ),
        f("decimals", &["Decimals", "DP"]),
        f("frequency", &["Frequency"]),
        f("cumulative", &["Cumulative"]),
        f(
            "actual",
            &[
                "Actual",
                "Performance",
                "Current",
                "Value",
                "Actual in month",
                "Outturn",
            ],
        ),
        f("ytd", &["YTD", "Year to date"]),
        f(
            "previous",
            &["Previous", "Previous period", "Last period", "Prior"],
        ),
        f(
            "last_year",
            &[
                "Last year",
                "Same period last year",
                "Same period previous year",
                "Last year same period",
            ],
        ),
        f(
            "last_year_outturn",
            &[
                "Last year outturn",
                "Previous year",
                "Previous year outturn",
                "Outturn last year",
                "Year end last year",
            ],
        ),
        f(
            "target",
            &[
                "Target",
                "Period target",
                "Latest target",
                "Milestone",
                "Profiled target",
            ],
        ),
        f(
            "year_end_target",
            &[
                "Year end target",
                "Y/E target",
                "YE target",
                "Annual target",
            ],
        ),
        f("future_target", &["Future target", "Long term target"]),
        f("tolerance", &["Tolerance", "Amber tolerance", "Threshold"]),
        f(
            "forecast",
            &["Forecast", "Year end forecast", "Projected outturn"],
        ),
        f("numerator", &["Numerator"]),
        f("denominator", &["Denominator"]),
        f("rag_override", &["RAG", "RAG override", "Status"]),
        f("rag_reason", &["RAG reason", "Override reason"]),
        f(
            "benchmark",
            &["Benchmark", "National average", "England average"],
        ),
        f("benchmark_label", &["Benchmark label", "Benchmark name"]),
        f(
            "top_quartile",
            &["Top quartile", "Top quartile threshold", "Upper quartile"],
        ),
        f("quartile", &["Quartile", "Benchmark quartile"]),
        f("commentary", &["Commentary", "Comment", "Narrative"]),
        f("note", &["Note", "Data note"]),
        f("in_focus", &["In focus"]),
        f("phrasing", &["Phrasing"]),
        f("illustrative", &["Illustrative"]),
    ],
    required: &["ref", "title"],
};

/// The Recovery plans sheet (SPEC §1.3).
pub const PLANS: SheetSpec = SheetSpec {
    name: "Recovery plans",
    names: &["Recovery plans", "Recovery plan", "Plans"],
    fields: &[
        f("refs", &["Ref", "Refs", "Indicators", "Indicator"]),
        f("title", &["Title"]),
        f(
            "reasons",
            &[
                "Why",
                "Why is it under-performing",
                "Why is this indicator under-performing",
                "Reasons",
            ],
        ),
        f("comparative", &["Comparative data", "Context"]),
        f("presented", &["Previously presented", "Presented"]),
    ],
    required: &["refs"],
};

/// The Actions sheet (SPEC §1.4).
pub const ACTIONS: SheetSpec = SheetSpec {
    name: "Actions",
    names: &["Actions", "Recovery actions"],
    fields: &[
        f("ref", &["Ref", "Plan", "Indicator"]),
        f("action", &["Action", "Action to be taken", "Actions"]),
        f("lead", &["Lead", "Owner", "Responsible"]),
        f("due", &["Due", "Due date", "Completion date", "Deadline"]),
        f("status", &["Status", "Progress"]),
    ],
    required: &["ref", "action"],
};

/// The Benchmarks sheet (SPEC §1.5).
pub const BENCHMARKS: SheetSpec = SheetSpec {
    name: "Benchmarks",
    names: &["Benchmarks", "Benchmarking", "Comparators"],
    fields: &[
        f("ref", &["Ref", "Indicator"]),
        f(
            "comparator",
            &["Comparator", "Council", "Authority", "Organisation"],
        ),
        f("value", &["Value", "Actual"]),
        f("period", &["Period"]),
    ],
    required: &["ref", "comparator", "value"],
};

/// The History sheet (SPEC §1.6).
pub const HISTORY: SheetSpec = SheetSpec {
    name: "History",
    names: &["History", "Trend", "Previous periods"],
    fields: &[
        f("ref", &["Ref", "Indicator"]),
        f("period", &["Period"]),
        f("actual", &["Actual", "Value", "Performance"]),
        f("target", &["Target"]),
    ],
    required: &["ref", "period"],
};

/// The names among `among` closest to `wanted`, at most `n`, best first,
/// compared as [`normalise_name`] compares them: names that hold what was
/// asked for (or are held by it) first, then by edit distance, and none
/// further than half the length of what was asked for (or two).
pub fn closest<'a>(wanted: &str, among: &'a [String], n: usize) -> Vec<&'a String> {
    let key = normalise_name(wanted);
    let mut scored: Vec<((u8, usize), &String)> = among
        .iter()
        .filter_map(|name| {
            let other = normalise_name(name);
            let holds = !key.is_empty()
                && !other.is_empty()
                && (other.contains(&key) || key.contains(&other));
            let distance = edit_distance(&key, &other);
            if holds {
                // Among names that hold what was asked for, the nearest in
                // length first (`1` → `R1` before `R10`).
                Some((
                    (0, key.chars().count().abs_diff(other.chars().count())),
                    name,
                ))
            } else if distance <= key.chars().count().div_ceil(2).max(2) {
                Some(((1, distance), name))
            } else {
                None
            }
        })
        .collect();
    scored.sort_by_key(|(score, _)| *score);
    scored.into_iter().take(n).map(|(_, name)| name).collect()
}

/// Levenshtein distance, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn names_ignore_case_space_punctuation_and_breaks() {
        assert_eq!(normalise_name("Y/E Target"), "yetarget");
        assert_eq!(normalise_name("y/e  target"), "yetarget");
        assert_eq!(normalise_name("YE target"), "yetarget");
        assert_eq!(normalise_name("Year end\ntarget"), "yearendtarget");
        assert_eq!(
            INDICATORS.field_for_header("Y/E Target"),
            Some("year_end_target")
        );
        assert_eq!(INDICATORS.field_for_header("PI ref"), Some("ref"));
        assert_eq!(
            INDICATORS.field_for_header("Good\nPerformance"),
            Some("polarity")
        );
        assert_eq!(
            INDICATORS.field_for_header("Actual in Month"),
            Some("actual")
        );
        assert_eq!(INDICATORS.field_for_header("Spare"), None);
        for (header, field) in [
            ("Performance Indicator", "title"),
            ("PI title", "title"),
            ("KPI", "title"),
            ("KPI Name", "title"),
            ("Indicator name", "title"),
            ("PI ref", "ref"),
            ("Same period previous year", "last_year"),
            ("Last year same period", "last_year"),
            ("Previous year", "last_year_outturn"),
            ("Last year outturn", "last_year_outturn"),
            ("Outturn last year", "last_year_outturn"),
            ("Year end last year", "last_year_outturn"),
            ("Phrasing", "phrasing"),
            ("Illustrative", "illustrative"),
        ] {
            assert_eq!(INDICATORS.field_for_header(header), Some(field), "{header}");
        }
        assert_eq!(
            INDICATORS.field_for_header("Performance (Apr-Nov)"),
            Some("actual")
        );
        assert_eq!(
            INDICATORS.field_for_header("Target [2018/19]"),
            Some("target")
        );
        assert_eq!(INDICATORS.field_for_header("(Spare)"), None);
        assert_eq!(INDICATORS.field_for_header(""), None);
        assert!(INDICATORS.matches_sheet_name("KPIs"));
        assert!(INDICATORS.matches_sheet_name(" scorecard "));
        assert!(PLANS.matches_sheet_name("Recovery Plans"));
    }

    #[test]
    fn no_header_names_two_fields() {
        for spec in [INDICATORS, PLANS, ACTIONS, BENCHMARKS, HISTORY] {
            let mut seen: HashMap<String, &str> = HashMap::new();
            for field in spec.fields {
                for h in field.headers {
                    let owner = seen.entry(normalise_name(h)).or_insert(field.field);
                    assert_eq!(*owner, field.field, "{} header {h} is ambiguous", spec.name);
                }
            }
        }
    }

    #[test]
    fn the_closest_refs_are_offered() {
        let refs: Vec<String> = ["PI 01", "PI 02", "NI 130", "1C (NI130)", "ASC 5", "HOU 12"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(closest("ni130", &refs, 3), vec!["NI 130", "1C (NI130)"]);
        let many: Vec<String> = ["R10", "R11", "R1", "R12"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(closest("1", &many, 2), vec!["R1", "R10"]);
        assert_eq!(closest("PI 03", &refs, 3), vec!["PI 01", "PI 02"]);
        assert!(closest("zzzz", &refs, 3).is_empty());
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "ab"), 2);
    }
}
