//! The earlier periods of an indicator: the previous period's and last
//! year's figures for direction of travel, and the run of periods at Red.

use super::rag::compute;
use super::rating::{Earlier, Rating};
use super::RuleSettings;
use crate::model::{HistoryPoint, Indicator, Rag};
use crate::period::ReportingPeriod;

/// An indicator's History points before the current period, latest first.
pub type EarlierPoints<'a> = Vec<(&'a HistoryPoint, &'a ReportingPeriod)>;

/// The History points of one indicator (its rows, by index, from the
/// [`Relations`](super::relations::Relations)) before the current period, latest first; with no current
/// period, every dated point.
pub fn earlier_points<'a>(
    rows: &[usize],
    history: &'a [HistoryPoint],
    period: Option<&ReportingPeriod>,
) -> EarlierPoints<'a> {
    let mut points: Vec<_> = rows
        .iter()
        .filter_map(|&i| history.get(i))
        .filter_map(|h| h.parsed_period.as_ref().map(|p| (h, p)))
        .filter(|(_, p)| period.is_none_or(|cur| p.end < cur.start))
        .collect();
    points.sort_by_key(|(_, p)| std::cmp::Reverse(p.end));
    points
}

/// The previous period's figure: the Previous cell, else the latest earlier
/// History point (only when the current period is known).
pub fn previous_of(
    ind: &Indicator,
    earlier: &EarlierPoints<'_>,
    period: Option<&ReportingPeriod>,
) -> Option<Earlier> {
    if let Some(v) = ind.previous.value {
        return Some(Earlier {
            value: v,
            from_history: None,
            whole_year: None,
        });
    }
    period?;
    let (h, p) = earlier.iter().find(|(h, _)| h.actual.value.is_some())?;
    Some(Earlier {
        value: h.actual.value?,
        from_history: Some(p.label.clone()),
        whole_year: None,
    })
}

/// Last year's figure: the Last year cell, else the History point for the same
/// period of the previous financial year, else, for an indicator that does not
/// accumulate over the year, last year's whole-year outturn (a period-to-date
/// figure is never set against a whole year).
pub fn last_year_of(
    ind: &Indicator,
    earlier: &EarlierPoints<'_>,
    period: Option<&ReportingPeriod>,
) -> Option<Earlier> {
    if let Some(v) = ind.last_year.value {
        return Some(Earlier {
            value: v,
            from_history: None,
            whole_year: None,
        });
    }
    let same_period = period.and_then(|period| {
        earlier.iter().find(|(h, p)| {
            p.kind == period.kind
                && p.financial_year == period.financial_year - 1
                && h.actual.value.is_some()
        })
    });
    if let Some((h, p)) = same_period {
        return Some(Earlier {
            value: h.actual.value?,
            from_history: Some(p.label.clone()),
            whole_year: None,
        });
    }
    // A cumulative figure is the whole year only at the year's end.
    let whole_year_now = period.is_some_and(|p| p.is_year_end());
    match ind.last_year_outturn.value {
        Some(v) if !ind.cumulative || whole_year_now => Some(Earlier {
            value: v,
            from_history: None,
            whole_year: Some(super::aim::outturn_year(
                ind,
                period.map(previous_year_label).as_deref(),
            )),
        }),
        _ => None,
    }
}

/// The label of the financial year before `period`'s (`2017/18` for 2018/19).
pub fn previous_year_label(period: &ReportingPeriod) -> String {
    // A label without a slash is a financial year that starts in January.
    let start_month = if period.financial_year_label.contains('/') {
        4
    } else {
        1
    };
    crate::period::financial_year_label(period.financial_year - 1, start_month)
}

/// Periods at Red in a row: this one (if Red) and each earlier History point
/// that the same rules rate Red, stopping at the first that is not.
pub fn consecutive_red(
    ind: &Indicator,
    rating: &Rating,
    earlier: &EarlierPoints<'_>,
    settings: &RuleSettings,
) -> u32 {
    if rating.rag != Rag::Red {
        return 0;
    }
    let mut count = 1;
    for (h, _) in earlier {
        let (Some(value), Some(target)) = (h.actual.value, h.target.as_ref()) else {
            break;
        };
        let computed = compute(
            value,
            target,
            ind.polarity,
            rating.tolerance,
            settings.policy,
            None,
        );
        if computed.rag != Rag::Red {
            break;
        }
        count += 1;
    }
    count
}
