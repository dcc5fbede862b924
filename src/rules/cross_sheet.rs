//! Checks across sheets, over a rated scorecard: the problems that no single
//! cell shows. Pure functions; each diagnostic says what to change.

use crate::dates::{format_date, format_date_or_text};
use crate::diagnostics::{Diagnostic, Severity};
use crate::model::{Indicator, Polarity, Rag, Target, Unit};
use crate::rules::scorecard::RatedScorecard;
use rust_decimal::Decimal;

fn at(ind: &Indicator, field: &str, severity: Severity, message: String) -> Diagnostic {
    Diagnostic {
        severity,
        sheet: Some(ind.source.sheet.clone()),
        cell: Some(ind.source.cell(field)),
        message,
    }
}

/// Every cross-sheet problem of a rated scorecard.
pub fn cross_sheet(rated: &RatedScorecard) -> Vec<Diagnostic> {
    let sc = &rated.scorecard;
    let mut out = Vec::new();

    for rp in &sc.plans {
        let plan = &rp.plan;
        for reference in &plan.refs {
            if !rated.relations.is_indicator(reference) {
                out.push(Diagnostic {
                    severity: Severity::Error,
                    sheet: Some(plan.source.sheet.clone()),
                    cell: Some(plan.source.cell("refs")),
                    message: format!(
                        "this recovery plan names '{reference}', which is not a ref on the \
                         Indicators sheet; correct the ref or add the indicator"
                    ),
                });
            }
        }
        for action in rp.overdue.iter().filter_map(|&i| plan.actions.get(i)) {
            let due = action
                .due
                .as_ref()
                .map(format_date_or_text)
                .unwrap_or_default();
            let meeting = sc.meta.meeting_date().map(format_date).unwrap_or_default();
            out.push(Diagnostic {
                severity: Severity::Warning,
                sheet: Some(action.source.sheet.clone()),
                cell: Some(action.source.cell("due")),
                message: format!(
                    "this action was due {due}, before the meeting on {meeting}, and is not \
                     marked complete; update its Status (Complete) or give a new date"
                ),
            });
        }
    }

    for ri in &sc.indicators {
        let (ind, rating) = (&ri.indicator, &ri.rating);
        if rating.rag == Rag::Red && rating.plan_index.is_none() {
            out.push(at(
                ind,
                "ref",
                Severity::Warning,
                format!(
                    "{} is Red but has no recovery plan; add one on the Recovery plans sheet, \
                     or, if it was considered at an earlier meeting, give that date as \
                     Previously presented",
                    ind.reference
                ),
            ));
        }
        let has_target = ind.target.is_some() || ind.year_end_target.is_some();
        if ind.polarity != Polarity::Info && ind.actual.value.is_some() && !has_target {
            out.push(at(
                ind,
                "target",
                Severity::Warning,
                format!(
                    "{} has an actual but no target, so it cannot be rated; give a target, or \
                     set its polarity to Info if it is for information only",
                    ind.reference
                ),
            ));
        }
        if ind.unit == Unit::Percent && !is_change_measure(&ind.title) {
            let out_of_range = |v: Decimal| v < Decimal::ZERO || v > Decimal::ONE_HUNDRED;
            let checks = [
                ("actual", ind.actual.value),
                ("target", target_figure(&ind.target)),
                ("year_end_target", target_figure(&ind.year_end_target)),
            ];
            for (field, value) in checks {
                if let Some(v) = value.filter(|v| out_of_range(*v)) {
                    out.push(at(
                        ind,
                        field,
                        Severity::Warning,
                        format!(
                            "{}% is outside 0–100% for a percentage; check the figure (is the \
                             cell formatted as a percentage and typed as a percentage too?)",
                            v.normalize()
                        ),
                    ));
                }
            }
        }
    }
    out
}

/// Whether an indicator measures a change (`% reduction in …`, `Change in
/// …`, `Growth of …`): a percentage change can be below 0 or above 100, so
/// the 0–100 check does not apply. The rule is the title's words, as councils
/// name such measures; a share of something ("% of …") is still checked.
fn is_change_measure(title: &str) -> bool {
    const WORDS: &[&str] = &[
        "change",
        "reduction",
        "reduce",
        "increase",
        "decrease",
        "growth",
        "variance",
        "variation",
        "difference",
        "improvement",
        "fall",
        "rise",
    ];
    title
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| WORDS.contains(&w.to_lowercase().as_str()))
}

fn target_figure(t: &Option<Target>) -> Option<Decimal> {
    match t {
        Some(Target::Value { value }) | Some(Target::Bound { value, .. }) => Some(*value),
        Some(Target::Band { high, .. }) => Some(*high),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentage_changes_are_not_held_to_0_to_100() {
        assert!(is_change_measure("% reduction in reoffending"));
        assert!(is_change_measure("Change in visitor numbers (%)"));
        assert!(is_change_measure("Year-on-year growth"));
        assert!(!is_change_measure("% of pupils achieving 5 GCSEs"));
        assert!(!is_change_measure("Proportion of changes completed"));
    }
}
