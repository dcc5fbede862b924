//! Where the council stands (SPEC §4b): what is counted (how many indicators
//! improved, held or worsened against the same period last year, how many
//! are better or worse than their benchmark and in which quartile) and how
//! one indicator stands against its benchmark. The counting itself is in
//! [`super::tally`]; the paper only words the counts.

use super::direction::{direction, Direction};
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{Measure, Unit};

    pub(crate) fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    pub(crate) fn ind(
        reference: &str,
        polarity: Polarity,
        actual: &str,
        benchmark: &str,
    ) -> Indicator {
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
}
