//! Rows of the Indicators sheet into [`Indicator`]s.

use super::indicator_fields::{
    apply_numerator_denominator, is_no_target, read_choice, read_decimals, read_flag,
    read_plain_number, read_tolerance, resolve_polarity,
};
use super::words::{parse_frequency, parse_quartile, parse_rag, parse_unit};
use super::{data_rows, one_line, ReadContext, RowReader, Table};
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::model::{Indicator, Measure, Source, Target, Unit};
use crate::value::Parsed;
use crate::workbook::Sheet;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// Value columns checked for percent-format doubt, in display order.
const VALUE_FIELDS: &[&str] = &[
    "actual",
    "ytd",
    "previous",
    "last_year",
    "last_year_outturn",
    "target",
    "year_end_target",
    "future_target",
    "forecast",
    "benchmark",
    "top_quartile",
];

/// The value columns that hold a target, where a band or a bound is a figure.
const TARGET_FIELDS: &[&str] = &["target", "year_end_target", "future_target"];

/// A number seen in a value column, kept for the whole-column checks.
struct Seen {
    field: &'static str,
    col: u32,
    row: u32,
    value: Decimal,
    format_known: bool,
    percent_unit: bool,
}

/// Reads every indicator row.
pub(crate) fn read(
    sheet: &Sheet,
    table: &Table,
    ctx: &ReadContext,
    diags: &mut Diagnostics,
) -> Vec<Indicator> {
    let mut out: Vec<Indicator> = Vec::new();
    let mut refs: HashMap<String, u32> = HashMap::new();
    let mut seen: Vec<Seen> = Vec::new();
    let ref_col = table.col("ref").unwrap_or(0);
    let header_label = benchmark_header_label(table);

    for row in data_rows(sheet, table) {
        let mut rr = RowReader {
            sheet,
            table,
            row,
            diags,
        };
        let reference = rr.text("ref").map(|r| one_line(&r));
        let title = rr.text("title").map(|t| one_line(&t));
        let (reference, title) = match (reference, title) {
            (None, None) => {
                rr.diags.push(Diagnostic::cell(
                    Severity::Note,
                    &sheet.name,
                    row,
                    ref_col,
                    format!(
                        "row {} has no {} and no {}, so it is not read as an indicator (a \
                         heading row is fine)",
                        row + 1,
                        table.header("ref"),
                        table.header("title")
                    ),
                ));
                continue;
            }
            (None, Some(title)) => {
                rr.at(
                    Severity::Error,
                    ref_col,
                    format!(
                        "the indicator '{title}' has no {}; give it a unique reference such as \
                         the PI code",
                        table.header("ref")
                    ),
                );
                continue;
            }
            (Some(r), None) => {
                let col = table.col("title").unwrap_or(ref_col);
                rr.at(
                    Severity::Error,
                    col,
                    format!(
                        "the indicator {r} has no {}; type its name",
                        table.header("title")
                    ),
                );
                (r, String::new())
            }
            (Some(r), Some(t)) => (r, t),
        };
        let key = reference.to_lowercase();
        if let Some(&first_row) = refs.get(&key) {
            rr.at(
                Severity::Error,
                ref_col,
                format!(
                    "the ref '{reference}' is used again here; it is first used at {}!{}. Give \
                     each indicator a unique ref (this row is left out)",
                    crate::diagnostics::quote_sheet(&sheet.name),
                    crate::diagnostics::cell_name(first_row, ref_col)
                ),
            );
            continue;
        }
        refs.insert(key, row);

        let mut indicator = read_row(&mut rr, reference, title, &mut seen);
        if indicator.benchmark.value.is_some() {
            if indicator.benchmark_label.is_none() {
                indicator.benchmark_label = header_label.clone();
            }
            indicator.benchmark_year = indicator
                .benchmark_label
                .as_deref()
                .and_then(|label| benchmark_year(label, ctx.year_start_month));
        }
        out.push(indicator);
    }

    percent_format_doubt(sheet, table, ctx, &seen, diags);
    out
}

fn read_row(
    rr: &mut RowReader<'_>,
    reference: String,
    title: String,
    seen: &mut Vec<Seen>,
) -> Indicator {
    let row = rr.row;

    // Values first: the unit may be inferred from them.
    let mut parsed: HashMap<&'static str, (u32, Parsed)> = HashMap::new();
    for field in VALUE_FIELDS {
        if let Some((col, p)) = rr.parsed(field) {
            parsed.insert(field, (col, p));
        }
    }
    let any_percent = parsed.values().any(|(_, p)| match p {
        Parsed::Number(n) => n.percent,
        Parsed::Band { percent, .. } | Parsed::Bound { percent, .. } => *percent,
        _ => false,
    });

    let unit_text = rr.text("unit");
    let unit = match unit_text.as_deref().map(parse_unit) {
        Some(Some(u)) => u,
        Some(None) => {
            let col = rr.table.col("unit").unwrap_or(0);
            let text = unit_text.clone().unwrap_or_default();
            let fallback = if any_percent {
                Unit::Percent
            } else {
                Unit::Number
            };
            rr.at(
                Severity::Warning,
                col,
                format!(
                    "'{text}' is not a unit this tool knows, so it is read as {}; use percent, \
                     number, rate (or 'per …'), currency, days, score, ratio or yes/no",
                    fallback.name()
                ),
            );
            fallback
        }
        None if any_percent => Unit::Percent,
        None => Unit::Number,
    };
    let unit_given = unit_text.is_some();
    let is_percent = unit == Unit::Percent;

    // A value shown with % in an indicator whose unit says otherwise.
    if unit_given && !is_percent {
        for field in VALUE_FIELDS {
            if let Some((col, Parsed::Number(n))) = parsed.get(field) {
                if n.percent {
                    let col = *col;
                    rr.at(
                        Severity::Warning,
                        col,
                        format!(
                            "this value is shown as a percentage ({}%) but the indicator's unit is \
                             {}; set the unit to percent, or type the figure without %",
                            n.value,
                            unit.name()
                        ),
                    );
                }
            }
        }
    }

    let mut measure = |field: &'static str, rr: &mut RowReader<'_>| -> Measure {
        let Some((col, p)) = parsed.get(field).cloned() else {
            return Measure::default();
        };
        match p {
            Parsed::Empty | Parsed::Error(_) => Measure::default(),
            Parsed::Number(n) => {
                seen.push(Seen {
                    field,
                    col,
                    row,
                    value: n.value,
                    format_known: n.format_known,
                    percent_unit: is_percent,
                });
                Measure {
                    value: Some(n.value),
                    status: n.annotation,
                }
            }
            Parsed::Status(s) => Measure {
                value: None,
                status: Some(s),
            },
            Parsed::Bool(b) if unit == Unit::YesNo => Measure::number(Decimal::from(u8::from(b))),
            Parsed::Band { .. } | Parsed::Bound { .. } => {
                let text = rr.sheet.get(row, col).as_text();
                rr.at(
                    Severity::Warning,
                    col,
                    format!(
                        "'{text}' is a target range, not a figure, so the {} counts as missing; \
                         type the figure itself",
                        one_line(rr.table.header(field))
                    ),
                );
                Measure {
                    value: None,
                    status: Some(text),
                }
            }
            Parsed::Bool(_) | Parsed::Date(_) => {
                let what = if matches!(p, Parsed::Date(_)) {
                    "a date"
                } else {
                    "TRUE or FALSE"
                };
                rr.at(
                    Severity::Warning,
                    col,
                    format!(
                        "the {} holds {what}, not a figure, so it counts as missing",
                        one_line(rr.table.header(field))
                    ),
                );
                Measure::default()
            }
        }
    };
    let actual = measure("actual", rr);
    let ytd = measure("ytd", rr);
    let previous = measure("previous", rr);
    let last_year = measure("last_year", rr);
    let last_year_outturn = measure("last_year_outturn", rr);
    let forecast = measure("forecast", rr);
    let benchmark = measure("benchmark", rr);
    let top_quartile = measure("top_quartile", rr);

    let mut target_of = |field: &'static str, rr: &mut RowReader<'_>| -> Option<Target> {
        let (col, p) = parsed.get(field).cloned()?;
        match p {
            Parsed::Number(n) => {
                seen.push(Seen {
                    field,
                    col,
                    row,
                    value: n.value,
                    format_known: n.format_known,
                    percent_unit: is_percent,
                });
                Some(Target::Value { value: n.value })
            }
            Parsed::Band { low, high, .. } => Some(Target::Band { low, high }),
            Parsed::Bound { cmp, value, .. } => Some(Target::Bound { cmp, value }),
            Parsed::Empty | Parsed::Error(_) => None,
            Parsed::Status(s) => {
                if !is_no_target(&s) {
                    rr.at(
                        Severity::Warning,
                        col,
                        format!(
                            "'{s}' is not a target figure, so this indicator has no {}; type a \
                             figure such as 61, 61%, <8.1 or 56-61%, or leave it blank",
                            one_line(rr.table.header(field))
                        ),
                    );
                }
                None
            }
            Parsed::Bool(_) | Parsed::Date(_) => {
                rr.at(
                    Severity::Warning,
                    col,
                    format!(
                        "the {} is not a figure, so it is ignored",
                        one_line(rr.table.header(field))
                    ),
                );
                None
            }
        }
    };
    let target = target_of("target", rr);
    let year_end_target = target_of("year_end_target", rr);
    let future_target = target_of("future_target", rr);

    let polarity = resolve_polarity(rr, &target, &year_end_target);
    let decimals = read_decimals(rr);
    let frequency = read_choice(
        rr,
        "frequency",
        parse_frequency,
        "monthly, quarterly, termly or annual",
    );
    let cumulative = read_flag(rr, "cumulative");
    let in_focus = read_flag(rr, "in_focus");
    let tolerance = read_tolerance(rr);
    let numerator = read_plain_number(rr, "numerator");
    let denominator = read_plain_number(rr, "denominator");
    // The most decimals among the indicator's own figure cells: what a
    // computed figure (numerator ÷ denominator, a profiled target) is shown with.
    let shown_decimals = parsed
        .iter()
        .filter_map(|(field, (_, p))| match p {
            Parsed::Number(_) => p.decimals(),
            Parsed::Band { .. } | Parsed::Bound { .. } if TARGET_FIELDS.contains(field) => {
                p.decimals()
            }
            _ => None,
        })
        .chain(
            [numerator, denominator]
                .into_iter()
                .flatten()
                .filter_map(|(_, decimals)| decimals),
        )
        .max();
    let numerator = numerator.map(|(value, _)| value);
    let denominator = denominator.map(|(value, _)| value);
    let rag_override = read_choice(
        rr,
        "rag_override",
        parse_rag,
        "R, A, G, Red, Amber, Green or N/A",
    );
    let quartile = read_choice(
        rr,
        "quartile",
        parse_quartile,
        "Top, Second, Third, Bottom or 1-4",
    );

    let phrasing = rr.text("phrasing");
    let illustrative = read_flag(rr, "illustrative");
    let extra = rr.extra();
    let mut indicator = Indicator {
        reference,
        title,
        description: rr.text("description"),
        theme: rr.text("theme").map(|t| one_line(&t)),
        outcome: rr.text("outcome").map(|t| one_line(&t)),
        service: rr.text("service"),
        owner: rr.text("owner"),
        unit,
        polarity,
        decimals,
        shown_decimals,
        frequency,
        cumulative,
        actual,
        ytd,
        previous,
        last_year,
        last_year_outturn,
        target,
        year_end_target,
        future_target,
        tolerance,
        forecast,
        numerator,
        denominator,
        rag_override,
        rag_reason: rr.text("rag_reason"),
        benchmark,
        benchmark_label: rr.text("benchmark_label").map(|l| one_line(&l)),
        benchmark_year: None,
        top_quartile,
        quartile,
        commentary: rr.text("commentary"),
        note: rr.text("note"),
        in_focus,
        extra,
        phrasing,
        illustrative,
        source: Source {
            sheet: rr.sheet.name.clone(),
            row: row + 1,
            columns: rr.table.columns.clone(),
        },
    };
    apply_numerator_denominator(rr, &mut indicator);
    indicator
}

/// The benchmark column's header as the paper would name the figure
/// (`National average (2009/10)`), unless it says no more than "Benchmark".
fn benchmark_header_label(table: &Table) -> Option<String> {
    let header = one_line(table.header("benchmark"));
    let bare = crate::schema::normalise_name(&header);
    (!bare.is_empty() && bare != "benchmark").then_some(header)
}

/// The financial year a benchmark label names (`National average 2017/18`
/// → `2017/18`), when it names a whole year.
fn benchmark_year(label: &str, year_start_month: u32) -> Option<String> {
    let header = super::period_headers::parse_header(label, year_start_month)?;
    (header.period.kind == crate::period::PeriodKind::Year)
        .then_some(header.period.financial_year_label)
}

/// Warns when every plain number in a percent column is at most 1 and the file
/// cannot tell whether the cells are formatted as percentages.
fn percent_format_doubt(
    sheet: &Sheet,
    table: &Table,
    ctx: &ReadContext,
    seen: &[Seen],
    diags: &mut Diagnostics,
) {
    for field in VALUE_FIELDS {
        let numbers: Vec<&Seen> = seen
            .iter()
            .filter(|s| s.field == *field && s.percent_unit && !s.format_known)
            .collect();
        let Some(example) = numbers.iter().find(|s| !s.value.is_zero()) else {
            continue;
        };
        if numbers.iter().all(|s| s.value.abs() <= Decimal::ONE) {
            let what = match ctx.kind {
                crate::workbook::SourceKind::Xls => ".xls",
                _ => ".xlsb",
            };
            diags.push(Diagnostic::column(
                Severity::Warning,
                &sheet.name,
                example.col,
                format!(
                    "every percentage in the {} column is at most 1 (for example {} holds {}). In \
                     {what} files this tool cannot see whether a cell is formatted as a \
                     percentage, so these are read as {}%, not {}%. If Excel shows {}%, type \
                     the percentages as numbers such as 55.1, or save the workbook as .xlsx",
                    one_line(table.header(field)),
                    crate::diagnostics::cell_name(example.row, example.col),
                    example.value,
                    example.value,
                    (example.value * Decimal::ONE_HUNDRED).normalize(),
                    (example.value * Decimal::ONE_HUNDRED).normalize(),
                ),
            ));
        }
    }
}
