//! Since the last report (SPEC §4a): this workbook against the previous
//! report's, both read and rated with their own settings. Which indicators
//! were off target last time and where each stands now, every rating that
//! changed, the indicators that are new and those dropped, figures restated;
//! and, before rating, the previous report's figures offered as History
//! points where this workbook gives no Previous.

use super::direction::{direction, Direction};
use super::rating::{PlanStatus, RatedIndicator, RatedScorecard};
use super::since::{Change, Dropped, Now, SinceLast, Update};
use super::Basis;
use crate::diagnostics::{Diagnostic, Severity};
use crate::model::Target;
use crate::model::{DateOrText, HistoryPoint, Indicator, Rag, Scorecard, Source};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};

/// The key an indicator is matched by across the two workbooks.
fn key(reference: &str) -> String {
    reference.trim().to_lowercase()
}

/// Whether an indicator's rating is the council's judgement.
fn judged(ri: &RatedIndicator) -> bool {
    ri.rating.is_judgement()
}

/// The indicators of a rated scorecard by their key.
fn by_ref(rated: &RatedScorecard) -> HashMap<String, &RatedIndicator> {
    rated
        .scorecard
        .indicators
        .iter()
        .map(|ri| (key(&ri.indicator.reference), ri))
        .collect()
}

/// Compares this rated scorecard with the previous report's.
pub fn since(now: &RatedScorecard, then: &RatedScorecard) -> SinceLast {
    let then_by_ref = by_ref(then);
    let now_refs: HashSet<String> = now
        .scorecard
        .indicators
        .iter()
        .map(|ri| key(&ri.indicator.reference))
        .collect();
    let then_meeting = then.scorecard.meta.meeting_date();
    let mut out = SinceLast {
        period: then.scorecard.period.as_ref().map(|p| p.label.clone()),
        period_long: then.scorecard.period.as_ref().map(|p| p.long_label.clone()),
        meeting_date: then_meeting,
        ..SinceLast::default()
    };
    for (i, ri) in now.scorecard.indicators.iter().enumerate() {
        let Some(prev) = then_by_ref.get(&key(&ri.indicator.reference)) else {
            out.rag_previous.push(None);
            out.new.push(i);
            continue;
        };
        let (from, to) = (prev.rating.rag, ri.rating.rag);
        out.rag_previous.push(Some(from));
        if from != to {
            out.changes.push(Change {
                indicator: i,
                from,
                to,
                from_judged: judged(prev),
                to_judged: judged(ri),
            });
        }
        if matches!(from, Rag::Red | Rag::Amber) {
            let plan_considered = plan_considered(now, ri, prev, then_meeting);
            out.updates.push(Update {
                indicator: i,
                rag_then: from,
                value_then: prev.rating.value,
                then_forecast: then.settings.basis == Basis::Forecast,
                decimals_then: prev.indicator.display_decimals(),
                then_judged: judged(prev),
                now_forecast: now.settings.basis == Basis::Forecast,
                now: where_now(ri, prev, whole_year(now) && whole_year(then)),
                plan_considered,
            });
        }
    }
    out.off_target_then = then
        .scorecard
        .indicators
        .iter()
        .filter(|ri| matches!(ri.rating.rag, Rag::Red | Rag::Amber))
        .count();
    out.dropped = then
        .scorecard
        .indicators
        .iter()
        .filter(|ri| !now_refs.contains(&key(&ri.indicator.reference)))
        .map(|ri| Dropped {
            reference: ri.indicator.reference.clone(),
            title: ri.indicator.title.clone(),
            rag: ri.rating.rag,
        })
        .collect();
    out
}

/// Whether a report's rated figures are whole-year ones: year-end forecasts,
/// or actuals at the year's end.
fn whole_year(rated: &RatedScorecard) -> bool {
    rated.settings.basis == Basis::Forecast
        || rated
            .scorecard
            .period
            .as_ref()
            .is_some_and(|p| p.is_year_end())
}

/// The figure to set against last time's, like for like. A cumulative
/// figure grows through the year, so unless both are whole-year figures it
/// is taken as a proportion of the target it was rated against.
fn like_for_like(ri: &RatedIndicator, whole_years: bool) -> Option<Decimal> {
    let value = ri.rating.value?;
    if whole_years || !ri.indicator.cumulative {
        return Some(value);
    }
    match ri.rating.target_used.as_ref()? {
        Target::Value { value: t } if !t.is_zero() => value.checked_div(*t),
        _ => None,
    }
}

/// Where an indicator off target last time stands now.
fn where_now(now: &RatedIndicator, then: &RatedIndicator, whole_years: bool) -> Now {
    let severity = |rag: Rag| match rag {
        Rag::Green => 0,
        Rag::Amber => 1,
        Rag::Red => 2,
        Rag::NotRated => 3,
    };
    match now.rating.rag {
        Rag::Green if judged(now) => return Now::GreenByJudgement,
        Rag::Green => return Now::BackOnTarget,
        Rag::NotRated => return Now::NotRated,
        _ => {}
    }
    if severity(now.rating.rag) > severity(then.rating.rag) {
        return Now::Worse;
    }
    let cumulative = now.indicator.cumulative || then.indicator.cumulative;
    let ratio = cumulative && !whole_years;
    let moved = match (
        like_for_like(now, whole_years),
        like_for_like(then, whole_years),
    ) {
        (Some(a), Some(b)) => direction(
            a,
            b,
            now.indicator.polarity,
            if ratio {
                None
            } else {
                now.rating.target_used.as_ref()
            },
            now.indicator.display_decimals() + if ratio { 4 } else { 0 },
        ),
        _ => None,
    };
    // A rating that moved while the figure did not (a different target) is
    // not called an improvement: the sentence prints both ratings.
    match moved {
        Some(Direction::Improving) => Now::Improved,
        Some(Direction::Worsening) => Now::Worse,
        _ => Now::StillOff,
    }
}

/// Where the recovery plan of an indicator off target last time was
/// considered: its plan's Previously presented date in this workbook, else
/// the previous meeting, when the previous report printed its plan.
fn plan_considered(
    now: &RatedScorecard,
    ri: &RatedIndicator,
    prev: &RatedIndicator,
    then_meeting: Option<NaiveDate>,
) -> Option<DateOrText> {
    let presented = ri
        .rating
        .plan_index
        .and_then(|p| now.scorecard.plans.get(p))
        .and_then(|p| p.plan.presented.clone());
    presented.or_else(|| {
        (prev.rating.plan == Some(PlanStatus::Appendix))
            .then_some(then_meeting.map(DateOrText::Date))
            .flatten()
    })
}

/// The previous report's figures as History points, for the indicators of
/// `scorecard` that give no Previous and have no History point of that
/// period: short-term direction of travel and the run of periods at Red then
/// count the last report's figure. The period must be before this one.
pub fn carried_forward(
    scorecard: &Scorecard,
    then: &RatedScorecard,
    file: &str,
) -> Vec<HistoryPoint> {
    let Some(then_period) = then.scorecard.period.as_ref() else {
        return Vec::new();
    };
    if scorecard
        .period
        .as_ref()
        .is_some_and(|p| then_period.end >= p.start)
    {
        return Vec::new();
    }
    let recorded: HashSet<String> = scorecard
        .history
        .iter()
        .filter(|h| {
            h.parsed_period
                .as_ref()
                .is_some_and(|p| p.start == then_period.start && p.end == then_period.end)
        })
        .map(|h| key(&h.reference))
        .collect();
    let then_by_ref = by_ref(then);
    scorecard
        .indicators
        .iter()
        .filter(|ind| ind.previous.value.is_none())
        .filter(|ind| !recorded.contains(&key(&ind.reference)))
        .filter_map(|ind| {
            let prev = then_by_ref.get(&key(&ind.reference))?;
            prev.indicator.actual.value?;
            Some(HistoryPoint {
                reference: ind.reference.clone(),
                period: then_period.label.clone(),
                parsed_period: Some(then_period.clone()),
                actual: prev.indicator.actual.clone(),
                target: prev.rating.target_used.clone(),
                source: Source {
                    sheet: file.to_string(),
                    row: prev.indicator.source.row,
                    columns: Default::default(),
                },
            })
        })
        .collect()
}

/// A figure as its indicator shows it: its decimals, and `%` for a
/// percentage (`60.0%`).
fn shown(ind: &Indicator, v: Decimal) -> String {
    let decimals = ind.display_decimals();
    let v = crate::numbers::round_half_up(v, decimals);
    let percent = if ind.unit == crate::model::Unit::Percent {
        "%"
    } else {
        ""
    };
    format!("{v:.prec$}{percent}", prec = decimals as usize)
}

/// Where a field of an indicator's row is: `'Sheet'!F12`.
fn place(ind: &Indicator, field: &str) -> String {
    format!(
        "{}!{}",
        crate::diagnostics::quote_sheet(&ind.source.sheet),
        ind.source.cell(field)
    )
}

/// A warning at a field of an indicator's row.
fn warning(ind: &Indicator, field: &str, message: String) -> Diagnostic {
    Diagnostic {
        severity: Severity::Warning,
        sheet: Some(ind.source.sheet.clone()),
        cell: Some(ind.source.cell(field)),
        message,
    }
}

/// What a committee would notice between the two workbooks: a figure
/// restated (this workbook's Previous is not last time's Actual) and an
/// indicator whose title, unit or polarity changed under the same ref.
pub fn restatements(now: &RatedScorecard, then: &RatedScorecard) -> Vec<Diagnostic> {
    let then_by_ref = by_ref(then);
    let last = then.scorecard.period.as_ref().map_or_else(
        || "the last report".to_string(),
        |p| format!("the last report ({})", p.label),
    );
    let mut out = Vec::new();
    // Two versions of one period's workbook (a change reviewed in a pull
    // request) are compared figure by figure; otherwise the earlier report
    // must come first.
    let same_period = match (&then.scorecard.period, &now.scorecard.period) {
        (Some(a), Some(b)) => a.start == b.start && a.end == b.end,
        _ => false,
    };
    if let (Some(p_then), Some(p_now)) = (&then.scorecard.period, &now.scorecard.period) {
        if !same_period && p_then.end >= p_now.start {
            out.push(Diagnostic {
                severity: Severity::Warning,
                sheet: None,
                cell: None,
                message: format!(
                    "the previous report is for {}, which is not before this one ({}): check \
                     that --previous (or [report] previous) names last time's workbook",
                    p_then.label, p_now.label
                ),
            });
        }
    }
    for ri in &now.scorecard.indicators {
        let ind = &ri.indicator;
        let Some(prev) = then_by_ref.get(&key(&ind.reference)) else {
            continue;
        };
        let was = &prev.indicator;
        if same_period {
            if let (Some(here), Some(there)) = (ind.actual.value, was.actual.value) {
                if here != there {
                    out.push(warning(
                        ind,
                        "actual",
                        format!(
                            "{}'s actual is {} here, but {} in the other workbook for the same \
                             period (at {}): the figure has been revised",
                            ind.reference,
                            shown(ind, here),
                            shown(was, there),
                            place(was, "actual")
                        ),
                    ));
                }
            }
        } else if let (Some(here), Some(there)) = (ind.previous.value, was.actual.value) {
            if here != there {
                out.push(warning(
                    ind,
                    "previous",
                    format!(
                        "{}'s previous figure here is {}, but {last} gave its actual as {} (at \
                         {}): the figure has been restated. Say why in the commentary, or \
                         correct whichever is wrong",
                        ind.reference,
                        shown(ind, here),
                        shown(was, there),
                        place(was, "actual")
                    ),
                ));
            }
        }
        if ind.title.trim() != was.title.trim() {
            out.push(warning(
                ind,
                "title",
                format!(
                    "{} was titled '{}' in {last}, and is '{}' here; if it is now another \
                     measure, give it a new ref so its figures are not compared",
                    ind.reference, was.title, ind.title
                ),
            ));
        }
        if ind.unit != was.unit {
            out.push(warning(
                ind,
                "unit",
                format!(
                    "{}'s unit was {} in {last}, and is {} here; its figures are compared \
                     with last time's",
                    ind.reference,
                    was.unit.name(),
                    ind.unit.name()
                ),
            ));
        }
        if ind.polarity != was.polarity {
            out.push(warning(
                ind,
                "polarity",
                format!(
                    "{}'s polarity was {} in {last}, and is {} here: whether it improved now \
                     reads the other way",
                    ind.reference,
                    was.polarity.name(),
                    ind.polarity.name()
                ),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Indicator, Measure};
    use crate::rules::scorecard::rate_scorecard;
    use crate::rules::RuleSettings;

    fn rated(period: &str, actual: i64, target: i64) -> RatedScorecard {
        let mut ind = Indicator::new("V", "Visits");
        ind.cumulative = true;
        ind.actual = Measure::number(Decimal::from(actual));
        ind.target = Some(Target::Value {
            value: Decimal::from(target),
        });
        let scorecard = Scorecard {
            indicators: vec![ind],
            period: crate::period::parse_period(period, 4).ok(),
            ..Scorecard::default()
        };
        rate_scorecard(scorecard, RuleSettings::default())
    }

    #[test]
    fn a_cumulative_figure_is_compared_as_a_share_of_its_target() {
        // 400 of 500 at Q2 (80%); 500 of 750 at Q3 (67%): the count grew,
        // but the indicator fell further behind.
        let then = rated("2012/13 Q2", 400, 500);
        let now = rated("2012/13 Q3", 500, 750);
        let s = since(&now, &then);
        assert_eq!(s.updates[0].now, Now::Worse);
        // 700 of 750 (93%): closer to its target than at Q2.
        let now = rated("2012/13 Q3", 700, 750);
        assert_eq!(since(&now, &then).updates[0].now, Now::Improved);
    }
}
