//! Rows of the Indicators sheet into [`Indicator`]s.

use super::{data_rows, one_line, ReadContext, RowReader, Table};
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::model::{
    Frequency, Indicator, Measure, Polarity, Quartile, Rag, Source, Target, Tolerance, Unit,
};
use crate::value::{parse_text, Parsed};
use crate::workbook::Sheet;
use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::HashMap;

/// Value columns checked for percent-format doubt, in display order.
const VALUE_FIELDS: &[&str] = &[
    "actual",
    "ytd",
    "previous",
    "last_year",
    "target",
    "year_end_target",
    "future_target",
    "forecast",
    "benchmark",
];

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

        let indicator = read_row(&mut rr, reference, title, &mut seen);
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
    let forecast = measure("forecast", rr);
    let benchmark = measure("benchmark", rr);

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
        frequency,
        cumulative,
        actual,
        ytd,
        previous,
        last_year,
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
        quartile,
        commentary: rr.text("commentary"),
        note: rr.text("note"),
        in_focus,
        extra: rr.extra(),
        source: Source {
            sheet: rr.sheet.name.clone(),
            row: row + 1,
            columns: rr.table.columns.clone(),
        },
    };
    apply_numerator_denominator(rr, &mut indicator);
    indicator
}

/// Actual from numerator ÷ denominator when blank; a check when all three are given.
fn apply_numerator_denominator(rr: &mut RowReader<'_>, ind: &mut Indicator) {
    let (Some(num), Some(den)) = (ind.numerator, ind.denominator) else {
        return;
    };
    let den_col = rr.table.col("denominator").unwrap_or(0);
    if den.is_zero() {
        rr.at(
            Severity::Error,
            den_col,
            "the denominator is 0, so the actual cannot be worked out from it; correct the \
             denominator",
        );
        return;
    }
    let scale = if ind.unit == Unit::Percent {
        Decimal::ONE_HUNDRED
    } else {
        Decimal::ONE
    };
    let Some(computed) = num.checked_div(den).and_then(|q| q.checked_mul(scale)) else {
        rr.at(
            Severity::Error,
            den_col,
            "the numerator and denominator are too large to divide",
        );
        return;
    };
    let dp = ind.display_decimals();
    let round = |d: Decimal| d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    match ind.actual.value {
        None => {
            if ind.actual.status.is_none() {
                ind.actual.value = Some(computed.round_dp(10).normalize());
            }
        }
        Some(actual) => {
            if round(actual) != round(computed) {
                let col = rr.table.col("actual").unwrap_or(den_col);
                rr.at(
                    Severity::Warning,
                    col,
                    format!(
                        "the actual {} does not agree with numerator {} ÷ denominator {} = {}; \
                         correct whichever is wrong",
                        actual.normalize(),
                        num.normalize(),
                        den.normalize(),
                        round(computed).normalize()
                    ),
                );
            }
        }
    }
}

fn is_no_target(s: &str) -> bool {
    matches!(
        s.trim().to_lowercase().as_str(),
        "n/a" | "na" | "-" | "none" | "no target" | "tbc" | "tbd" | "not set" | "n.a."
    )
}

fn resolve_polarity(
    rr: &mut RowReader<'_>,
    target: &Option<Target>,
    year_end_target: &Option<Target>,
) -> Polarity {
    let implied = target
        .as_ref()
        .and_then(Target::implied_polarity)
        .or_else(|| year_end_target.as_ref().and_then(Target::implied_polarity));
    let col = rr.table.col("polarity");
    let text = rr.text("polarity");
    let given = match (&text, col) {
        (Some(t), Some(col)) => match parse_polarity(t) {
            Some(p) => Some(p),
            None => {
                rr.at(
                    Severity::Warning,
                    col,
                    format!(
                        "'{t}' is not a polarity this tool knows; use Higher (bigger is better), \
                         Lower (smaller is better), Band or Info"
                    ),
                );
                None
            }
        },
        _ => None,
    };
    match (given, implied) {
        (Some(Polarity::Info), _) => Polarity::Info,
        (Some(g), Some(i)) if g != i => {
            let target_col = rr.table.col("target").or(rr.table.col("year_end_target"));
            rr.at(
                Severity::Warning,
                col.or(target_col).unwrap_or(0),
                format!(
                    "the polarity says {} but the target's form means {} is better; the target's \
                     form is used. Make the two agree",
                    polarity_word(g),
                    polarity_word(i)
                ),
            );
            i
        }
        (Some(g), _) => g,
        (None, Some(i)) => i,
        (None, None) => {
            let has_target = target.is_some() || year_end_target.is_some();
            if has_target && text.is_none() {
                let at = col
                    .or(rr.table.col("target"))
                    .or(rr.table.col("year_end_target"))
                    .unwrap_or(0);
                rr.at(
                    Severity::Warning,
                    at,
                    "the indicator has a target but no polarity, so it cannot be rated; put \
                     Higher, Lower, Band or Info in the Polarity column",
                );
            }
            Polarity::Info
        }
    }
}

fn polarity_word(p: Polarity) -> &'static str {
    match p {
        Polarity::Higher => "higher",
        Polarity::Lower => "lower",
        Polarity::Band => "within the band",
        Polarity::Info => "information only",
    }
}

fn read_decimals(rr: &mut RowReader<'_>) -> Option<u32> {
    let (col, p) = rr.parsed("decimals")?;
    match p {
        Parsed::Empty | Parsed::Error(_) => None,
        Parsed::Number(n) if n.value.fract().is_zero() && (0..=6).contains(&n.value.mantissa()) => {
            u32::try_from(n.value.mantissa()).ok()
        }
        _ => {
            rr.at(
                Severity::Warning,
                col,
                "decimals must be a whole number from 0 to 6; the unit's default is used",
            );
            None
        }
    }
}

fn read_flag(rr: &mut RowReader<'_>, field: &str) -> bool {
    let Some((col, cell)) = rr.cell(field) else {
        return false;
    };
    let value = match cell {
        crate::workbook::CellValue::Bool(b) => Some(*b),
        crate::workbook::CellValue::Empty => Some(false),
        other => parse_bool(&other.as_text()),
    };
    match value {
        Some(b) => b,
        None => {
            let text = cell.as_text();
            rr.at(
                Severity::Warning,
                col,
                format!("'{text}' is not yes or no, so it is read as no; type Yes or No"),
            );
            false
        }
    }
}

fn read_choice<T>(
    rr: &mut RowReader<'_>,
    field: &str,
    parse: fn(&str) -> Option<T>,
    accepted: &str,
) -> Option<T> {
    let text = rr.text(field)?;
    let col = rr.table.col(field)?;
    match parse(&text) {
        Some(v) => Some(v),
        None => {
            rr.at(
                Severity::Warning,
                col,
                format!(
                    "'{text}' is not understood as a {}, so it is ignored; use {accepted}",
                    one_line(rr.table.header(field))
                ),
            );
            None
        }
    }
}

fn read_plain_number(rr: &mut RowReader<'_>, field: &str) -> Option<Decimal> {
    let (col, p) = rr.parsed(field)?;
    match p {
        Parsed::Number(n) if !n.percent => Some(n.value),
        Parsed::Empty | Parsed::Error(_) => None,
        _ => {
            let text = rr.sheet.get(rr.row, col).as_text();
            rr.at(
                Severity::Warning,
                col,
                format!(
                    "'{text}' is not a count, so the {} is ignored; type a plain number",
                    one_line(rr.table.header(field))
                ),
            );
            None
        }
    }
}

fn read_tolerance(rr: &mut RowReader<'_>) -> Option<Tolerance> {
    let (col, cell) = rr.cell("tolerance")?;
    let parsed = match cell {
        crate::workbook::CellValue::Text(t) => {
            let t = t.trim();
            let t = t
                .strip_prefix('\u{b1}')
                .or_else(|| t.strip_prefix("+/-"))
                .unwrap_or(t);
            let (parsed, issue) = parse_text(t);
            if let Some(issue) = issue.filter(|i| i.is_error) {
                rr.at(Severity::Error, col, issue.message);
            }
            parsed
        }
        _ => rr.parsed("tolerance").map(|(_, p)| p)?,
    };
    let tolerance = match parsed {
        Parsed::Empty | Parsed::Error(_) => return None,
        Parsed::Number(n) if n.value >= Decimal::ZERO && n.percent => Tolerance::Relative(n.value),
        Parsed::Number(n) if n.value >= Decimal::ZERO => Tolerance::Absolute(n.value),
        _ => {
            let text = rr.sheet.get(rr.row, col).as_text();
            rr.at(
                Severity::Error,
                col,
                format!(
                    "'{text}' is not a tolerance; write 5% for 5% of the target, or 2 for an \
                     amount in the indicator's unit"
                ),
            );
            return None;
        }
    };
    Some(tolerance)
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

fn words(s: &str) -> String {
    s.trim()
        .trim_end_matches(['.', ':'])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Reads a unit: `percent`, `%`, `number`, `per 100,000`, `£`, `days`, `score out of 24`…
pub fn parse_unit(s: &str) -> Option<Unit> {
    let w = words(s);
    let unit = match w.as_str() {
        "percent" | "percentage" | "per cent" | "%" | "pct" | "%age" => Unit::Percent,
        "number" | "count" | "no." | "no" | "#" | "numeric" | "integer" | "num" => Unit::Number,
        "rate" => Unit::Rate(None),
        "currency" | "\u{a3}" | "money" | "gbp" | "cost" | "\u{a3}s" | "pounds" => Unit::Currency,
        "days" | "day" | "no. of days" | "number of days" => Unit::Days,
        "score" => Unit::Score(None),
        "ratio" => Unit::Ratio,
        "yes/no" | "yesno" | "y/n" | "boolean" | "yes / no" => Unit::YesNo,
        _ if w.starts_with("per ") || w.contains(" per ") || w.starts_with("rate ") => {
            Unit::Rate(Some(s.split_whitespace().collect::<Vec<_>>().join(" ")))
        }
        _ if w.starts_with("score") => {
            let max = w
                .split(|c: char| !(c.is_ascii_digit() || c == '.'))
                .filter(|t| !t.is_empty())
                .find_map(|t| t.parse::<Decimal>().ok())?;
            Unit::Score(Some(max))
        }
        _ => return None,
    };
    Some(unit)
}

/// Reads a polarity: `Higher`, `Bigger is better`, `L`, `Target band width`, `For information only`…
pub fn parse_polarity(s: &str) -> Option<Polarity> {
    let w = words(s);
    let p = match w.as_str() {
        "higher" | "h" | "high" | "bigger is better" | "higher is better" | "increase" | "up"
        | "maximise" | "maximize" | "more is better" => Polarity::Higher,
        "lower" | "l" | "low" | "smaller is better" | "lower is better" | "decrease" | "down"
        | "minimise" | "minimize" | "less is better" => Polarity::Lower,
        "band" | "target band" | "target band width" | "range" | "within band" | "b" => {
            Polarity::Band
        }
        "info"
        | "for information only"
        | "n/a"
        | "na"
        | "monitor"
        | "information"
        | "for information"
        | "information only"
        | "i" => Polarity::Info,
        _ => return None,
    };
    Some(p)
}

/// Reads a RAG rating: `R`, `Amber`, `N/A`…
pub fn parse_rag(s: &str) -> Option<Rag> {
    let r = match words(s).as_str() {
        "r" | "red" => Rag::Red,
        "a" | "amber" => Rag::Amber,
        "g" | "green" => Rag::Green,
        "n/a" | "na" | "not rated" | "none" | "-" | "unrated" => Rag::NotRated,
        _ => return None,
    };
    Some(r)
}

/// Reads a quartile: `Top`, `Second`, `Two`, `3`, `Bottom`…
pub fn parse_quartile(s: &str) -> Option<Quartile> {
    let q = match words(s).as_str() {
        "top" | "1" | "1st" | "first" | "one" | "q1" | "top quartile" => 1,
        "second" | "2" | "2nd" | "two" | "q2" | "upper middle" => 2,
        "third" | "3" | "3rd" | "three" | "q3" | "lower middle" => 3,
        "bottom" | "4" | "4th" | "fourth" | "four" | "q4" | "bottom quartile" => 4,
        _ => return None,
    };
    Some(Quartile(q))
}

/// Reads a frequency.
pub fn parse_frequency(s: &str) -> Option<Frequency> {
    let f = match words(s).as_str() {
        "monthly" | "month" | "m" => Frequency::Monthly,
        "quarterly" | "quarter" | "q" => Frequency::Quarterly,
        "termly" | "term" | "t" => Frequency::Termly,
        "annual" | "annually" | "yearly" | "year" | "a" | "y" => Frequency::Annual,
        _ => return None,
    };
    Some(f)
}

/// Reads yes/no.
pub fn parse_bool(s: &str) -> Option<bool> {
    match words(s).as_str() {
        "yes" | "y" | "true" | "1" | "x" | "\u{2713}" | "\u{2714}" => Some(true),
        "no" | "n" | "false" | "0" | "" | "-" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units() {
        assert_eq!(parse_unit("%"), Some(Unit::Percent));
        assert_eq!(parse_unit("Percentage"), Some(Unit::Percent));
        assert_eq!(parse_unit("No."), Some(Unit::Number));
        assert_eq!(parse_unit("Count"), Some(Unit::Number));
        assert_eq!(
            parse_unit("per 100,000 population"),
            Some(Unit::Rate(Some("per 100,000 population".into())))
        );
        assert_eq!(parse_unit("\u{a3}"), Some(Unit::Currency));
        assert_eq!(parse_unit("Money"), Some(Unit::Currency));
        assert_eq!(
            parse_unit("score (out of 24)"),
            Some(Unit::Score(Some(Decimal::from(24))))
        );
        assert_eq!(parse_unit("Score"), Some(Unit::Score(None)));
        assert_eq!(parse_unit("Yes/No"), Some(Unit::YesNo));
        assert_eq!(parse_unit("parsecs"), None);
    }

    #[test]
    fn polarities() {
        assert_eq!(parse_polarity("Bigger is Better"), Some(Polarity::Higher));
        assert_eq!(parse_polarity("H"), Some(Polarity::Higher));
        assert_eq!(parse_polarity("L"), Some(Polarity::Lower));
        assert_eq!(parse_polarity("Smaller is better"), Some(Polarity::Lower));
        assert_eq!(parse_polarity("Target Band Width"), Some(Polarity::Band));
        assert_eq!(parse_polarity("For information only"), Some(Polarity::Info));
        assert_eq!(parse_polarity("N/A"), Some(Polarity::Info));
        assert_eq!(parse_polarity("sideways"), None);
    }

    #[test]
    fn rags_quartiles_flags() {
        assert_eq!(parse_rag("R"), Some(Rag::Red));
        assert_eq!(parse_rag("amber"), Some(Rag::Amber));
        assert_eq!(parse_rag("Green"), Some(Rag::Green));
        assert_eq!(parse_rag("N/A"), Some(Rag::NotRated));
        assert_eq!(parse_rag("purple"), None);
        assert_eq!(parse_quartile("Top"), Some(Quartile(1)));
        assert_eq!(parse_quartile("Two"), Some(Quartile(2)));
        assert_eq!(parse_quartile("Three"), Some(Quartile(3)));
        assert_eq!(parse_quartile("4"), Some(Quartile(4)));
        assert_eq!(parse_quartile("Bottom"), Some(Quartile(4)));
        assert_eq!(parse_quartile("5"), None);
        assert_eq!(parse_bool("Yes"), Some(true));
        assert_eq!(parse_bool("n"), Some(false));
        assert_eq!(parse_bool("maybe"), None);
        assert_eq!(parse_frequency("Quarterly"), Some(Frequency::Quarterly));
        assert_eq!(parse_frequency("fortnightly"), None);
    }
}
