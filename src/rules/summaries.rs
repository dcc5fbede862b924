//! Where the council stands (SPEC §4b): how many indicators improved, held
//! or worsened against the same period last year, and how many are better
//! or worse than their benchmark and in which quartile. Counted here, once,
//! from what the rules decided; the paper only words the counts.

use super::direction::{direction, Direction};
use super::rating::{RatedIndicator, Rating};
use crate::model::{Indicator, Polarity};
use rust_decimal::Decimal;

/// The long-term direction of travel, counted over the indicators that have
/// one (`info` indicators have none). Each list holds indices into the
/// scorecard's indicators, in workbook order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrendSummary {
    /// Better than the same period last year.
    pub improving: Vec<usize>,
    /// The same, at display precision.
    pub no_change: Vec<usize>,
    /// Worse.
    pub worsening: Vec<usize>,
    /// What they were compared with.
    pub against: TrendBasis,
}

/// What the long-term direction of travel was judged against.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum TrendBasis {
    /// The same period a year earlier, for every indicator.
    #[default]
    SamePeriod,
    /// Last year's whole-year outturn (`2017/18`), for every indicator.
    WholeYear(String),
    /// The same period a year earlier for some, last year's outturn where
    /// only that is given (`2017/18`).
    Mixed(String),
}

impl TrendSummary {
    /// How many indicators were compared.
    pub fn compared(&self) -> usize {
        self.improving.len() + self.no_change.len() + self.worsening.len()
    }
}

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

/// Which of the indicator's figures is set against its benchmark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Compared {
    /// This period's actual.
    Actual,
    /// Last year's whole-year outturn: the benchmark is of that year.
    Outturn {
        /// The financial year (`2017/18`).
        year: String,
    },
}

/// One indicator set against its benchmark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Versus {
    /// Which figure.
    pub compared: Compared,
    /// The figure.
    pub figure: Decimal,
    /// Better, worse or the same as the benchmark, by polarity, at display
    /// precision (`Improving` = better).
    pub standing: Direction,
}

/// The figure of an indicator to set against its benchmark, and how it
/// stands: the benchmark's own year's outturn when the benchmark is of last
/// year and the outturn is given (a 2017/18 national average is compared
/// with the council's 2017/18), else this period's actual. `None` when there
/// is no benchmark, no figure, or no better and worse (a band, `info`).
pub fn versus(ind: &Indicator, last_year_label: Option<&str>) -> Option<Versus> {
    let benchmark = ind.benchmark.value?;
    let outturn = match (
        &ind.benchmark_year,
        last_year_label,
        ind.last_year_outturn.value,
    ) {
        (Some(year), Some(last), Some(v)) if year == last => Some((year.clone(), v)),
        _ => None,
    };
    let (compared, figure) = match outturn {
        Some((year, v)) => (Compared::Outturn { year }, v),
        None => (Compared::Actual, ind.actual.value?),
    };
    if !matches!(ind.polarity, Polarity::Higher | Polarity::Lower) {
        return None;
    }
    let standing = direction(
        figure,
        benchmark,
        ind.polarity,
        None,
        ind.display_decimals(),
    )?;
    Some(Versus {
        compared,
        figure,
        standing,
    })
}

/// An indicator short of the top quartile that has moved towards it since
/// the figure set against the benchmark (last year's outturn).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Towards {
    /// The indicator (an index into the scorecard's indicators).
    pub indicator: usize,
    /// The threshold of the top quartile.
    pub threshold: Decimal,
    /// Whether this period's actual is beyond it.
    pub reached: bool,
}

/// The benchmarking summary: each list holds indices into the scorecard's
/// indicators, in workbook order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BenchmarkSummary {
    /// Better than the benchmark.
    pub better: Vec<usize>,
    /// The same, at display precision.
    pub same: Vec<usize>,
    /// Worse.
    pub worse: Vec<usize>,
    /// By quartile: top, second, third, bottom.
    pub quartiles: [Vec<usize>; 4],
    /// The figures compared, when all are of one kind: the same year's
    /// outturns, or this period's actuals.
    pub compared: Option<Compared>,
    /// Indicators short of the top quartile, with a threshold, whose actual
    /// has moved towards it since the figure compared.
    pub towards_top: Vec<Towards>,
}

impl BenchmarkSummary {
    /// How many indicators were set against a benchmark.
    pub fn compared_count(&self) -> usize {
        self.better.len() + self.same.len() + self.worse.len()
    }
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
    use crate::model::Scorecard;
    use crate::model::{Measure, Unit};
    use crate::rules::scorecard::rate_scorecard;
    use crate::rules::RuleSettings;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn ind(reference: &str, polarity: Polarity, actual: &str, benchmark: &str) -> Indicator {
        let mut i = Indicator::new(reference, format!("Indicator {reference}"));
        i.unit = Unit::Percent;
        i.polarity = polarity;
        i.actual = Measure::number(d(actual));
        i.benchmark = Measure::number(d(benchmark));
        i
    }

    #[test]
    fn each_polarity_on_each_side_of_its_benchmark() {
        use Direction::*;
        let cases = [
            (Polarity::Higher, "60", "50", Some(Improving)),
            (Polarity::Higher, "40", "50", Some(Worsening)),
            (Polarity::Lower, "40", "50", Some(Improving)),
            (Polarity::Lower, "60", "50", Some(Worsening)),
            // Equal at display precision (percent: one decimal).
            (Polarity::Higher, "50.04", "50", Some(NoChange)),
            (Polarity::Band, "60", "50", None),
            (Polarity::Info, "60", "50", None),
        ];
        for (polarity, actual, benchmark, want) in cases {
            let got = versus(&ind("X", polarity, actual, benchmark), None).map(|v| v.standing);
            assert_eq!(got, want, "{polarity:?} {actual} v {benchmark}");
        }
    }

    #[test]
    fn a_benchmark_of_last_year_is_set_against_last_years_outturn() {
        let mut i = ind("X", Polarity::Higher, "84", "78");
        i.last_year_outturn = Measure::number(d("76"));
        i.benchmark_year = Some("2017/18".into());
        let v = versus(&i, Some("2017/18")).unwrap();
        assert_eq!(
            v.compared,
            Compared::Outturn {
                year: "2017/18".into()
            }
        );
        assert_eq!(v.figure, d("76"));
        assert_eq!(v.standing, Direction::Worsening);
        // A benchmark of another year is set against this period's actual.
        let v = versus(&i, Some("2018/19")).unwrap();
        assert_eq!(v.compared, Compared::Actual);
        assert_eq!(v.standing, Direction::Improving);
    }

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
