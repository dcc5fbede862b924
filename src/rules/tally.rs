//! The counts of where the council stands (SPEC §4b), made once over the
//! rated indicators: the trend against last year and the standing against
//! benchmarks. The types are in [`super::summaries`].

use super::direction::{direction, Direction};
use super::rating::{RatedIndicator, Rating};
use super::summaries::{BenchmarkSummary, Compared, Towards, TrendBasis, TrendSummary, Versus};
use crate::model::Polarity;

/// Counts the long-term directions of travel.
pub fn trend(indicators: &[RatedIndicator]) -> TrendSummary {
    let mut out = TrendSummary::default();
    let (mut same_period, mut whole_year) = (false, None::<String>);
    for (i, ri) in indicators.iter().enumerate() {
        if ri.indicator.polarity == Polarity::Info {
            continue;
        }
        let list = match ri.rating.dot_long {
            Some(Direction::Improving) => &mut out.improving,
            Some(Direction::NoChange) => &mut out.no_change,
            Some(Direction::Worsening) => &mut out.worsening,
            None => continue,
        };
        list.push(i);
        match ri
            .rating
            .last_year
            .as_ref()
            .and_then(|e| e.whole_year.clone())
        {
            // Years written differently (an academic year beside a
            // financial one) are named together as "last year".
            Some(year) => match &whole_year {
                Some(seen) if *seen != year => whole_year = Some("last year".to_string()),
                _ => whole_year = Some(year),
            },
            None => same_period = true,
        }
    }
    out.against = match (same_period, whole_year) {
        (true, Some(year)) => TrendBasis::Mixed(year),
        (false, Some(year)) => TrendBasis::WholeYear(year),
        _ => TrendBasis::SamePeriod,
    };
    out
}

/// Counts the indicators against their benchmarks and by quartile.
pub fn benchmarking(indicators: &[RatedIndicator]) -> BenchmarkSummary {
    let mut out = BenchmarkSummary::default();
    let mut kinds: Vec<&Compared> = Vec::new();
    for (i, ri) in indicators.iter().enumerate() {
        let Rating {
            versus, quartile, ..
        } = &ri.rating;
        if let Some(v) = versus {
            match v.standing {
                Direction::Improving => out.better.push(i),
                Direction::NoChange => out.same.push(i),
                Direction::Worsening => out.worse.push(i),
            }
            if !kinds.contains(&&v.compared) {
                kinds.push(&v.compared);
            }
            if let Some(t) = towards_top(i, ri, v) {
                out.towards_top.push(t);
            }
        }
        if let Some(q) = quartile.filter(|q| (1..=4).contains(q)) {
            out.quartiles[usize::from(q - 1)].push(i);
        }
    }
    out.compared = match kinds.as_slice() {
        [one] => Some((*one).clone()),
        _ => None,
    };
    out
}

/// Whether an indicator short of the top quartile has moved towards its
/// threshold: its actual better than last year's outturn (the figure set
/// against the benchmark) by polarity, at display precision.
fn towards_top(i: usize, ri: &RatedIndicator, v: &Versus) -> Option<Towards> {
    let ind = &ri.indicator;
    let threshold = ind.top_quartile.value?;
    if ri.rating.quartile == Some(1) || !matches!(v.compared, Compared::Outturn { .. }) {
        return None;
    }
    // A part-year figure of a cumulative indicator is never set against a
    // whole year's.
    if ind.cumulative {
        return None;
    }
    let actual = ind.actual.value?;
    let decimals = ind.display_decimals();
    // Already beyond the threshold then: nothing has moved "closer".
    if direction(v.figure, threshold, ind.polarity, None, decimals)? == Direction::Improving {
        return None;
    }
    let moved = direction(actual, v.figure, ind.polarity, None, decimals)?;
    if moved != Direction::Improving {
        return None;
    }
    let reached =
        direction(actual, threshold, ind.polarity, None, decimals)? == Direction::Improving;
    Some(Towards {
        indicator: i,
        threshold,
        reached,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Measure, Scorecard};
    use crate::rules::scorecard::rate_scorecard;
    use crate::rules::summaries::tests::{d, ind};
    use crate::rules::RuleSettings;

    #[test]
    fn counts_by_side_and_quartile_and_the_trend() {
        let mut inds = vec![
            ind("A", Polarity::Higher, "60", "50"),
            ind("B", Polarity::Lower, "60", "50"),
            ind("C", Polarity::Higher, "50", "50"),
            ind("D", Polarity::Info, "60", "50"),
        ];
        inds[0].quartile = Some(crate::model::Quartile(1));
        inds[1].quartile = Some(crate::model::Quartile(4));
        inds[0].last_year = Measure::number(d("55"));
        inds[1].last_year = Measure::number(d("55"));
        inds[2].last_year = Measure::number(d("50"));
        inds[3].last_year = Measure::number(d("10"));
        let rated = rate_scorecard(
            Scorecard {
                indicators: inds,
                ..Scorecard::default()
            },
            RuleSettings::default(),
        );
        let b = benchmarking(&rated.scorecard.indicators);
        assert_eq!(
            (b.better.clone(), b.same.clone(), b.worse.clone()),
            (vec![0], vec![2], vec![1])
        );
        assert_eq!(b.quartiles, [vec![0], vec![], vec![], vec![1]]);
        assert_eq!(b.compared, Some(Compared::Actual));
        let t = trend(&rated.scorecard.indicators);
        // Info is left out; B (lower is better) rose from 55 to 60.
        assert_eq!(
            (t.improving, t.no_change, t.worsening),
            (vec![0], vec![2], vec![1])
        );
        assert_eq!(t.against, TrendBasis::SamePeriod);
    }

    #[test]
    fn moving_towards_the_top_quartile_since_last_year() {
        let mut i = ind("X", Polarity::Higher, "84", "78");
        i.last_year_outturn = Measure::number(d("80"));
        i.benchmark_year = Some("2017/18".into());
        i.top_quartile = Measure::number(d("86"));
        i.quartile = Some(crate::model::Quartile(2));
        let mut scorecard = Scorecard {
            indicators: vec![i],
            ..Scorecard::default()
        };
        scorecard.period = crate::period::parse_period("2018/19 M8", 4).ok();
        let rated = rate_scorecard(scorecard, RuleSettings::default());
        let b = benchmarking(&rated.scorecard.indicators);
        assert_eq!(b.better, vec![0], "80 in 2017/18 against 78");
        assert_eq!(
            b.towards_top,
            vec![Towards {
                indicator: 0,
                threshold: d("86"),
                reached: false
            }]
        );
    }
}
