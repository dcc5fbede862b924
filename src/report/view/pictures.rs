//! Which chart goes where, and with which figures: the trend of an indicator
//! (its History and this period, each against its target), its standing
//! among comparators as the rules ranked it, the RAG counts, and a
//! sparkline. The figures are written as the paper writes them; the drawing
//! is [`crate::report::charts`].

use super::wording::Words;
use crate::model::{Indicator, Target};
use crate::report::charts::{self, Bar, BarKind, Mark, TrendPoint};
use crate::report::figures::{format_target, format_value};
use crate::rules::benchmark::Comparator;
use crate::rules::history::earlier_points;
use crate::rules::scorecard::{RatedIndicator, RatedScorecard};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// How many periods a trend shows at most: this one and up to two years of
/// months before it.
const PERIODS: usize = 25;

fn f(v: Decimal) -> f64 {
    v.to_f64().unwrap_or(0.0)
}

fn shown(ind: &Indicator, v: Decimal) -> String {
    format_value(v, &ind.unit, ind.display_decimals())
}

fn mark(ind: &Indicator, t: &Target) -> (Mark, String) {
    let shown = format_target(t, &ind.unit, ind.display_decimals());
    let mark = match t {
        Target::Value { value } | Target::Bound { value, .. } => Mark::Line(f(*value)),
        Target::Band { low, high } => Mark::Band(f(*low), f(*high)),
    };
    (mark, shown)
}

/// The periods of an indicator's trend, earliest first: its History before
/// this period, then this period (its actual against the target the rating
/// used).
fn trend_points(ri: &RatedIndicator, rated: &RatedScorecard) -> Vec<TrendPoint> {
    let sc = &rated.scorecard;
    let (ind, rating) = (&ri.indicator, &ri.rating);
    let period = sc.period.as_ref();
    let earlier = earlier_points(rated.relations.history(&ind.reference), &sc.history, period);
    // Only periods of this period's kind share a line (quarters with
    // quarters, months with months): a whole year beside a quarter's
    // figure-to-date would look like a collapse. A period given twice is
    // drawn once, as its first row gives it.
    let same_kind = |p: &crate::period::ReportingPeriod| {
        period
            .is_none_or(|cur| std::mem::discriminant(&cur.kind) == std::mem::discriminant(&p.kind))
    };
    let mut seen = std::collections::HashSet::new();
    let mut points: Vec<TrendPoint> = earlier
        .iter()
        .filter(|(_, p)| same_kind(p) && seen.insert((p.start, p.end)))
        .take(PERIODS - 1)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .map(|(h, p)| TrendPoint {
            label: p.label.clone(),
            actual: h.actual.value.map(|v| (f(v), shown(ind, v))),
            target: h.target.as_ref().map(|t| mark(ind, t)),
        })
        .collect();
    // This period's target: the one rated against, but under the forecast
    // basis (which rates the year-end forecast against the year-end target)
    // the period's own, so the line compares like with like.
    let target = match rated.settings.basis {
        crate::rules::Basis::Forecast => ind.target.as_ref(),
        crate::rules::Basis::Actual => rating.target_used.as_ref().or(ind.target.as_ref()),
    };
    points.push(TrendPoint {
        label: period.map_or_else(|| "Now".to_string(), |p| p.label.clone()),
        actual: ind.actual.value.map(|v| (f(v), shown(ind, v))),
        target: target.map(|t| mark(ind, t)),
    });
    points
}

/// An indicator's trend chart, when its charts are drawn (see
/// [`CHARTS_UP_TO`]) and it has two or more periods with an actual.
pub fn trend(ri: &RatedIndicator, rated: &RatedScorecard, words: &Words) -> Option<String> {
    if !drawn(rated, words) {
        return None;
    }
    let ind = &ri.indicator;
    charts::trend(
        &format!(
            "{} {}: actual against target by period",
            ind.reference, ind.title
        ),
        &trend_points(ri, rated),
    )
}

/// The most indicators a scorecard may have for each indicator's charts to
/// be drawn (its trend, its comparators, its sparkline): beyond it the report
/// is a listing rather than a paper, and thousands of pictures would more
/// than double its size and the time it takes. The RAG counts are drawn
/// whatever the size.
pub const CHARTS_UP_TO: usize = 1_000;

/// Whether an indicator's own charts are drawn.
fn drawn(rated: &RatedScorecard, words: &Words) -> bool {
    words.charts && rated.scorecard.indicators.len() <= CHARTS_UP_TO
}

/// An indicator's sparkline for Appendix B, when its charts are drawn (see
/// [`CHARTS_UP_TO`]) and it has an actual in two or more periods.
pub fn sparkline(ri: &RatedIndicator, rated: &RatedScorecard, words: &Words) -> Option<String> {
    if !drawn(rated, words) {
        return None;
    }
    let ind = &ri.indicator;
    // Without History there is nothing to draw: skip the work.
    if rated.relations.history(&ind.reference).is_empty() {
        return None;
    }
    let points: Vec<(String, f64, String)> = trend_points(ri, rated)
        .into_iter()
        .filter_map(|p| p.actual.map(|(v, s)| (p.label, v, s)))
        .collect();
    charts::sparkline(&format!("{} trend", ind.reference), &points)
}

/// An indicator's comparator chart, as the rules ranked the comparators:
/// best first, this council highlighted, the quartiles' ends marked, then
/// the averages and the council's own earlier figures, not ranked.
pub fn comparators(ri: &RatedIndicator, rated: &RatedScorecard, words: &Words) -> Option<String> {
    if !drawn(rated, words) {
        return None;
    }
    let standing = ri.rating.standing.as_ref()?;
    let ind = &ri.indicator;
    let benchmarks = &rated.scorecard.benchmarks;
    let us = rated
        .scorecard
        .meta
        .get("organisation")
        .unwrap_or("This council");
    // The quartile rules follow the ranks; where the workbook gives this
    // council a quartile its rank does not, the paper prints the workbook's
    // word, and rules that contradicted it are left out.
    let rules_agree = match (standing.quartile, standing.rank) {
        (Some(q), Some(rank)) => q == crate::rules::benchmark::quartile_of(rank, standing.out_of),
        _ => true,
    };
    // A comparator without a value has no bar; the table lists it.
    let mut bars: Vec<Bar> = standing
        .ranked
        .iter()
        .filter_map(|r| {
            let v = r.value?;
            Some(Bar {
                label: match r.who {
                    Comparator::Us => us.to_string(),
                    Comparator::Row(i) => benchmarks
                        .get(i)
                        .map_or_else(String::new, |b| b.comparator.clone()),
                },
                value: f(v),
                shown: shown(ind, v),
                rank: r.rank,
                quartile: r
                    .rank
                    .filter(|_| rules_agree)
                    .map(|rank| crate::rules::benchmark::quartile_of(rank, standing.out_of)),
                kind: if r.who == Comparator::Us {
                    BarKind::Us
                } else {
                    BarKind::Ranked
                },
            })
        })
        .collect();
    for (rows, kind) in [
        (&standing.averages, BarKind::Average),
        (&standing.history, BarKind::History),
    ] {
        bars.extend(
            rows.iter()
                .filter_map(|&i| benchmarks.get(i))
                .filter_map(|b| {
                    let v = b.value.value?;
                    Some(Bar {
                        label: b.comparator.clone(),
                        value: f(v),
                        shown: shown(ind, v),
                        rank: None,
                        quartile: None,
                        kind,
                    })
                }),
        );
    }
    charts::comparators(
        &format!("{} {}: comparators, best first", ind.reference, ind.title),
        &bars,
    )
}

/// The RAG counts as one bar, for the executive summary.
pub fn rag_counts(rated: &RatedScorecard, words: &Words) -> Option<String> {
    if !words.charts {
        return None;
    }
    let s = &rated.summary;
    let mut counts = vec![("Green", s.green)];
    if rated.amber_possible() {
        counts.push(("Amber", s.amber));
    }
    counts.extend([("Red", s.red), ("Not rated", s.not_rated)]);
    charts::rag_counts("Indicators by rating", &counts)
}
