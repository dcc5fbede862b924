//! The aim an indicator's phrase states ("Increase X from A to B"): which
//! baseline is like for like with the year-end target, and whether the target
//! really is above (or below) it, so that the sentence never goes the wrong way.
//!
//! The baseline is last year's whole-year outturn where the workbook gives it;
//! else, for an indicator that does not accumulate over the year, the same
//! period last year. A period-to-date figure of a cumulative indicator is never
//! set against a year-end target. "Increase" only when the target is above the
//! baseline as printed, "Reduce" only when it is below; otherwise the aim is to
//! keep the figure at the target.

use crate::model::{Indicator, Polarity, Target};
use crate::numbers::round_half_up;
use rust_decimal::Decimal;

/// What the phrase asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    /// The target is above the baseline (bigger is better).
    Increase,
    /// The target is below the baseline (smaller is better).
    Reduce,
    /// Hold at the target: a band, or a target no better than the baseline.
    Keep,
    /// For information only.
    Monitor,
}

/// The figure the aim starts from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Baseline {
    /// The figure.
    pub value: Decimal,
    /// The financial year it is the whole-year outturn of (`2017/18`), or
    /// `None` for the same period last year.
    pub whole_year: Option<String>,
}

/// An indicator's aim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Aim {
    /// What it asks for.
    pub verb: Verb,
    /// The year-end target (else the period target) it aims at.
    pub target: Option<Target>,
    /// Where it starts from, when there is a like-for-like figure.
    pub baseline: Option<Baseline>,
    /// The year last year's outturn is of, when the workbook gives one.
    pub outturn_year: Option<String>,
}

/// The year last year's outturn is of: what the workbook says beside the
/// figure when it names a period (`64% (16/17)`, `93% (Academic year 17/18)`:
/// the figure may not be of the year before), else `previous_year`.
pub fn outturn_year(ind: &Indicator, previous_year: Option<&str>) -> String {
    let said = ind.last_year_outturn.status.as_deref().map(|s| {
        s.trim()
            .trim_start_matches('(')
            .trim_end_matches(')')
            .trim()
    });
    let names_a_period = |s: &str| {
        let digits = s.chars().filter(char::is_ascii_digit).count();
        digits >= 2
            && (s.contains('/') || s.contains('-') || digits >= 4)
            && !s.contains(" out of ")
    };
    match said.filter(|s| names_a_period(s)) {
        Some(s) => {
            let mut c = s.chars();
            c.next()
                .map(|f| f.to_lowercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        }
        None => previous_year.unwrap_or("last year").to_string(),
    }
}

/// The aim of `ind`; `previous_year` labels last year's outturn (`2017/18`).
pub fn aim(ind: &Indicator, previous_year: Option<&str>) -> Aim {
    let target = ind.year_end_target.clone().or_else(|| ind.target.clone());
    // A cumulative indicator's period target is part of a year: no whole-year
    // figure is like for like with it.
    let whole_year_target = ind.year_end_target.is_some() || !ind.cumulative;
    let year = ind
        .last_year_outturn
        .value
        .map(|_| outturn_year(ind, previous_year));
    let baseline = match (ind.last_year_outturn.value, ind.last_year.value) {
        (Some(value), _) if whole_year_target => Some(Baseline {
            value,
            whole_year: year.clone(),
        }),
        (None, Some(value)) if !ind.cumulative => Some(Baseline {
            value,
            whole_year: None,
        }),
        _ => None,
    };
    let dp = ind.display_decimals();
    let shown = |v: Decimal| round_half_up(v, dp);
    let goal = target.as_ref().map(|t| match *t {
        Target::Value { value } | Target::Bound { value, .. } => value,
        Target::Band { low, high } => (low + high) / Decimal::TWO,
    });
    let verb = match ind.polarity {
        Polarity::Info => Verb::Monitor,
        Polarity::Band => Verb::Keep,
        Polarity::Higher => match (&baseline, goal) {
            (Some(b), Some(g)) if shown(g) <= shown(b.value) => Verb::Keep,
            _ => Verb::Increase,
        },
        Polarity::Lower => match (&baseline, goal) {
            (Some(b), Some(g)) if shown(g) >= shown(b.value) => Verb::Keep,
            _ => Verb::Reduce,
        },
    };
    Aim {
        verb,
        target,
        baseline,
        outturn_year: year,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Measure, Unit};

    fn ind(polarity: Polarity, target: i64) -> Indicator {
        let mut i = Indicator::new("L1", "Library visits");
        i.polarity = polarity;
        i.unit = Unit::Number;
        i.year_end_target = Some(Target::Value {
            value: Decimal::from(target),
        });
        i
    }

    #[test]
    fn increase_only_when_the_target_is_above_the_baseline() {
        let mut i = ind(Polarity::Higher, 970_000);
        i.last_year_outturn = Measure::number(Decimal::from(981_000));
        let a = aim(&i, Some("2017/18"));
        assert_eq!(a.verb, Verb::Keep, "970,000 is below 981,000");
        assert_eq!(
            a.baseline.as_ref().and_then(|b| b.whole_year.as_deref()),
            Some("2017/18")
        );
        i.last_year_outturn = Measure::number(Decimal::from(900_000));
        assert_eq!(aim(&i, Some("2017/18")).verb, Verb::Increase);
        // Equal as printed is not an increase.
        i.last_year_outturn = Measure::number(Decimal::new(9_700_002, 1));
        assert_eq!(aim(&i, None).verb, Verb::Keep);
    }

    #[test]
    fn the_outturn_is_of_the_year_the_workbook_says() {
        let mut i = ind(Polarity::Higher, 70);
        i.last_year_outturn = Measure {
            value: Some(Decimal::from(64)),
            status: Some("(16/17)".into()),
        };
        assert_eq!(outturn_year(&i, Some("2017/18")), "16/17");
        i.last_year_outturn.status = Some("Academic year 17/18".into());
        assert_eq!(outturn_year(&i, Some("2017/18")), "academic year 17/18");
        i.last_year_outturn.status = Some("15.2k out of 26.4k".into());
        assert_eq!(outturn_year(&i, Some("2017/18")), "2017/18");
        i.last_year_outturn.status = None;
        assert_eq!(outturn_year(&i, None), "last year");
    }

    #[test]
    fn reduce_only_when_the_target_is_below_the_baseline() {
        let mut i = ind(Polarity::Lower, 600);
        i.last_year = Measure::number(Decimal::from(650));
        assert_eq!(aim(&i, None).verb, Verb::Reduce);
        i.last_year = Measure::number(Decimal::from(580));
        assert_eq!(aim(&i, None).verb, Verb::Keep);
    }

    #[test]
    fn a_cumulative_period_to_date_figure_is_no_baseline_for_a_year_end_target() {
        let mut i = ind(Polarity::Higher, 24_000);
        i.cumulative = true;
        i.last_year = Measure::number(Decimal::from(17_700));
        let a = aim(&i, Some("2017/18"));
        assert_eq!((a.verb, a.baseline), (Verb::Increase, None));
        i.last_year_outturn = Measure::number(Decimal::from(24_000));
        let a = aim(&i, Some("2017/18"));
        assert_eq!(a.verb, Verb::Keep);
        assert_eq!(a.baseline.map(|b| b.value), Some(Decimal::from(24_000)));
    }
}
