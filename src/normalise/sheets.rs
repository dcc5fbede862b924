//! The optional sheets: Report (front matter), Recovery plans, Actions,
//! Benchmarks and History.

use super::{data_rows, one_line, ReadContext, RowReader, Table};
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::front_matter::{self, FrontMatter};
use crate::model::{
    Action, Benchmark, HistoryPoint, Measure, RecoveryPlan, ReportMeta, Source, Target,
};
use crate::period::{parse_period, ReportingPeriod};
use crate::schema::normalise_name;
use crate::value::Parsed;
use crate::workbook::{CellValue, Sheet};
use std::collections::HashMap;

/// Reads the Report sheet: keys in the first used column, values in the next
/// non-empty cell to their right.
pub(crate) fn read_report(
    sheet: &Sheet,
    ctx: &ReadContext,
    diags: &mut Diagnostics,
) -> (ReportMeta, Option<ReportingPeriod>) {
    let mut front = FrontMatter::default();
    let key_col = sheet.start_col();
    for row in sheet.rows_from(0) {
        let name = sheet.get(row, key_col).as_text();
        if name.is_empty() {
            continue;
        }
        let Some(value_col) = sheet
            .row_cells(row)
            .find(|(c, cell)| *c > key_col && !cell.is_blank())
            .map(|(c, _)| c)
        else {
            continue;
        };
        let cell = sheet.get(row, value_col);
        let n = normalise_name(&name);
        if (n == "key" || n == "field") && normalise_name(&cell.as_text()) == "value" {
            continue;
        }
        let text = match cell {
            CellValue::Error(e) => {
                diags.push(Diagnostic::cell(
                    Severity::Error,
                    &sheet.name,
                    row,
                    value_col,
                    format!("'{name}' holds the Excel error {e}; type the text instead"),
                ));
                continue;
            }
            other => other.as_text(),
        };
        let Some(key) = front_matter::key_named(&name) else {
            front.meta.extra.insert(one_line(&name), text);
            continue;
        };
        let text = match key.kind {
            front_matter::Kind::Period => super::period_text(cell),
            _ => text,
        };
        let set = front.set_cell(key, cell, &text, ctx.date_system, ctx.year_start_month);
        let message = match set {
            Ok(()) => continue,
            Err(problem) => problem.describe(&text),
        };
        diags.push(Diagnostic::cell(
            Severity::Error,
            &sheet.name,
            row,
            value_col,
            message,
        ));
    }
    (front.meta, front.period)
}

/// Splits a list of refs on commas, semicolons and line breaks.
pub fn split_refs(s: &str) -> Vec<String> {
    s.split([',', ';', '\n', '\r'])
        .map(one_line)
        .filter(|r| !r.is_empty())
        .collect()
}

fn source(sheet: &Sheet, table: &Table, row: u32) -> Source {
    Source {
        sheet: sheet.name.clone(),
        row: row + 1,
        columns: table.columns.clone(),
    }
}

/// Reads the Recovery plans sheet.
pub(crate) fn read_plans(
    sheet: &Sheet,
    table: &Table,
    ctx: &ReadContext,
    diags: &mut Diagnostics,
) -> Vec<RecoveryPlan> {
    let mut plans = Vec::new();
    for row in data_rows(sheet, table) {
        let mut rr = RowReader {
            sheet,
            table,
            row,
            diags,
        };
        let refs = rr.text("refs").map(|t| split_refs(&t)).unwrap_or_default();
        if refs.is_empty() {
            let col = table.col("refs").unwrap_or(0);
            rr.at(
                Severity::Error,
                col,
                "this recovery plan names no indicator; put the ref of each indicator it covers \
                 in the Ref column, separated by commas",
            );
            continue;
        }
        plans.push(RecoveryPlan {
            refs,
            title: rr.text("title"),
            reasons: rr.text("reasons"),
            comparative: rr.text("comparative"),
            presented: rr.date("presented", ctx.date_system),
            actions: Vec::new(),
            source: source(sheet, table, row),
        });
    }
    plans
}

/// Reads the Actions sheet.
pub(crate) fn read_actions(
    sheet: &Sheet,
    table: &Table,
    ctx: &ReadContext,
    diags: &mut Diagnostics,
) -> Vec<Action> {
    let mut actions = Vec::new();
    for row in data_rows(sheet, table) {
        let mut rr = RowReader {
            sheet,
            table,
            row,
            diags,
        };
        let reference = rr.text("ref").map(|r| one_line(&r));
        let action = rr.text("action");
        let (reference, action) = match (reference, action) {
            (Some(r), Some(a)) => (r, a),
            (None, _) => {
                let col = table.col("ref").unwrap_or(0);
                rr.at(
                    Severity::Error,
                    col,
                    "this action has no Ref; put the ref of the plan's first indicator",
                );
                continue;
            }
            (Some(_), None) => {
                let col = table.col("action").unwrap_or(0);
                rr.at(
                    Severity::Error,
                    col,
                    "this action has no Action text; describe the action or delete the row",
                );
                continue;
            }
        };
        actions.push(Action {
            reference,
            action,
            lead: rr.text("lead"),
            due: rr.date("due", ctx.date_system),
            status: rr.text("status"),
            source: source(sheet, table, row),
        });
    }
    actions
}

/// Gives each action to the plan that covers its ref (the plan's first ref first).
pub(crate) fn attach_actions(
    plans: &mut [RecoveryPlan],
    actions: Vec<Action>,
    diags: &mut Diagnostics,
) {
    // An action belongs to the first plan whose first ref is the action's ref,
    // else to the first plan that covers the ref at all.
    let mut by_first: HashMap<String, usize> = HashMap::new();
    let mut by_any: HashMap<String, usize> = HashMap::new();
    for (i, plan) in plans.iter().enumerate() {
        if let Some(first) = plan.refs.first() {
            by_first.entry(first.to_lowercase()).or_insert(i);
        }
        for r in &plan.refs {
            by_any.entry(r.to_lowercase()).or_insert(i);
        }
    }
    for action in actions {
        let key = action.reference.to_lowercase();
        let index = by_first.get(&key).or_else(|| by_any.get(&key)).copied();
        match index.and_then(|i| plans.get_mut(i)) {
            Some(plan) => plan.actions.push(action),
            None => diags.push(Diagnostic {
                severity: Severity::Warning,
                sheet: Some(action.source.sheet.clone()),
                cell: Some(action.source.cell("ref")),
                message: format!(
                    "no recovery plan covers the ref '{}', so this action will not appear in \
                     the report; add a plan for it on the Recovery plans sheet or correct the ref",
                    action.reference
                ),
            }),
        }
    }
}

fn measure_of(rr: &mut RowReader<'_>, field: &str) -> Measure {
    match rr.parsed(field) {
        Some((_, Parsed::Number(n))) => Measure {
            value: Some(n.value),
            status: n.annotation,
        },
        Some((_, Parsed::Status(s))) => Measure {
            value: None,
            status: Some(s),
        },
        _ => Measure::default(),
    }
}

/// Reads the Benchmarks sheet.
pub(crate) fn read_benchmarks(
    sheet: &Sheet,
    table: &Table,
    _ctx: &ReadContext,
    diags: &mut Diagnostics,
) -> Vec<Benchmark> {
    let mut out = Vec::new();
    for row in data_rows(sheet, table) {
        let mut rr = RowReader {
            sheet,
            table,
            row,
            diags,
        };
        let (Some(reference), Some(comparator)) = (rr.text("ref"), rr.text("comparator")) else {
            let col = table.col("ref").unwrap_or(0);
            rr.at(
                Severity::Warning,
                col,
                "this benchmark row needs both a Ref and a Comparator; it is left out",
            );
            continue;
        };
        out.push(Benchmark {
            reference: one_line(&reference),
            comparator,
            value: measure_of(&mut rr, "value"),
            period: rr.text("period"),
            source: source(sheet, table, row),
        });
    }
    out
}

/// Reads the History sheet.
pub(crate) fn read_history(
    sheet: &Sheet,
    table: &Table,
    ctx: &ReadContext,
    diags: &mut Diagnostics,
) -> Vec<HistoryPoint> {
    let mut out = Vec::new();
    // A History sheet names a few periods many times over: parse each once.
    let mut periods: HashMap<String, Result<ReportingPeriod, String>> = HashMap::new();
    for row in data_rows(sheet, table) {
        let mut rr = RowReader {
            sheet,
            table,
            row,
            diags,
        };
        let period = rr
            .cell("period")
            .map(|(_, c)| super::period_text(c))
            .filter(|p| !p.is_empty());
        let (Some(reference), Some(period)) = (rr.text("ref"), period) else {
            let col = table.col("ref").unwrap_or(0);
            rr.at(
                Severity::Warning,
                col,
                "this history row needs both a Ref and a Period; it is left out",
            );
            continue;
        };
        let parsed = periods
            .entry(period.clone())
            .or_insert_with(|| parse_period(&period, ctx.year_start_month));
        let parsed_period = match parsed.clone() {
            Ok(p) => Some(p),
            Err(e) => {
                let col = table.col("period").unwrap_or(0);
                rr.at(
                    Severity::Warning,
                    col,
                    format!("the period cannot be read: {e}"),
                );
                None
            }
        };
        let target = match rr.parsed("target") {
            Some((_, Parsed::Number(n))) => Some(Target::Value { value: n.value }),
            Some((_, Parsed::Band { low, high, .. })) => Some(Target::Band { low, high }),
            Some((_, Parsed::Bound { cmp, value, .. })) => Some(Target::Bound { cmp, value }),
            _ => None,
        };
        out.push(HistoryPoint {
            reference: one_line(&reference),
            period,
            parsed_period,
            actual: measure_of(&mut rr, "actual"),
            target,
            source: source(sheet, table, row),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::split_refs;

    #[test]
    fn refs_split_on_commas_and_lines() {
        assert_eq!(
            split_refs("ASCOF 3A, ASCOF 3B\nASCOF 3C;"),
            vec!["ASCOF 3A", "ASCOF 3B", "ASCOF 3C"]
        );
        assert_eq!(split_refs(" "), Vec::<String>::new());
    }
}
