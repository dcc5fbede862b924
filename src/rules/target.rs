//! Which target an indicator is rated against, and why.
//!
//! The period target if given; otherwise, for a cumulative indicator, the
//! year-end target profiled pro rata to the months elapsed; otherwise the
//! year-end target. Under `basis = "forecast"` the year-end forecast is rated
//! against the year-end target.

use super::{Basis, RuleSettings};
use crate::model::{Indicator, Target};
use rust_decimal::Decimal;
use serde::Serialize;

/// Why a target was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetBasis {
    /// The period target given in the workbook.
    Period,
    /// The year-end target profiled pro rata to the months elapsed.
    Profiled,
    /// The year-end target.
    YearEnd,
    /// The year-end target, against the year-end forecast.
    Forecast,
}

/// Why an indicator is not rated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NotRated {
    /// Its polarity is `info`.
    Information,
    /// It has no actual (or a status text instead).
    NoActual,
    /// Its actual says it is not due this period (`Annual`, `Due June 2019`,
    /// `Available in Q4`): it is reported later.
    NotDue,
    /// It has no target.
    NoTarget,
    /// It is cumulative with only a year-end target, and there is no reporting
    /// period to profile that target to.
    NoPeriodToProfile,
    /// The basis is forecast and it has no forecast.
    NoForecast,
}

/// The figure rated and the target it is rated against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// The actual, or the forecast under the forecast basis.
    pub value: Decimal,
    /// The target used.
    pub target: Target,
    /// Why that target.
    pub basis: TargetBasis,
    /// For a profiled target, the same target times 12 exactly (the year-end
    /// target times the months elapsed): `target` is this divided by 12,
    /// which a decimal cannot always hold exactly (100 × 8 / 12).
    pub twelve_times: Option<Target>,
}

/// Scales every figure of a target by `months / 12`.
pub fn profile(target: &Target, months: u32) -> Target {
    scale(target, |v| v * Decimal::from(months) / Decimal::from(12))
}

/// Every figure of a target through `factor`.
pub fn scale(target: &Target, factor: impl Fn(Decimal) -> Decimal) -> Target {
    match *target {
        Target::Value { value } => Target::Value {
            value: factor(value),
        },
        Target::Band { low, high } => Target::Band {
            low: factor(low),
            high: factor(high),
        },
        Target::Bound { cmp, value } => Target::Bound {
            cmp,
            value: factor(value),
        },
    }
}

/// Whether a status typed where the actual belongs says the indicator is not
/// due this period: `Annual`, `Reported annually`, `Not due`, `Not yet due`,
/// `Due June 2019`, `Available in Q4`, `To be reported in Q4`. `TBC`, `n/a`
/// and `-` are missing figures, not "not due".
pub fn is_not_due(status: &str) -> bool {
    let s = status.trim().to_lowercase();
    let s = s.trim_start_matches(|c: char| !c.is_alphanumeric());
    let words: Vec<&str> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    // "Due June 2019", "Available in Q4", "Reported at year end": a word of
    // time must follow, so "Due to system failure" is a missing figure.
    const TIME: &[&str] = &[
        "q1", "q2", "q3", "q4", "quarter", "year", "annually", "spring", "summer", "autumn",
        "winter", "next", "later",
    ];
    let timed = |rest: &[&str]| {
        rest.iter()
            .any(|w| TIME.contains(w) || w.chars().any(|c| c.is_ascii_digit()))
            && rest.first().is_none_or(|w| !["to", "date"].contains(w))
    };
    match words.as_slice() {
        ["annual" | "annually" | "yearly", ..] => true,
        ["reported", "annually", ..] => true,
        ["not", "due", ..] | ["not", "yet", "due", ..] => true,
        ["due", rest @ ..] | ["next", "due", rest @ ..] => timed(rest),
        ["available" | "reported", "in" | "from" | "at", rest @ ..] => timed(rest),
        ["to", "be", "reported", rest @ ..] => rest.is_empty() || timed(rest),
        ["data", "due" | "available", rest @ ..] => timed(rest),
        _ => false,
    }
}

/// The target used for an indicator and the figure rated against it.
pub fn target_used(ind: &Indicator, settings: &RuleSettings) -> Result<Comparison, NotRated> {
    if ind.polarity == crate::model::Polarity::Info {
        return Err(NotRated::Information);
    }
    if settings.basis == Basis::Forecast {
        let target = ind
            .year_end_target
            .clone()
            .or_else(|| ind.target.clone())
            .ok_or(NotRated::NoTarget)?;
        let value = ind.forecast.value.ok_or(NotRated::NoForecast)?;
        return Ok(Comparison {
            value,
            target,
            basis: TargetBasis::Forecast,
            twelve_times: None,
        });
    }
    if ind.actual.value.is_none() && ind.actual.status.as_deref().is_some_and(is_not_due) {
        return Err(NotRated::NotDue);
    }
    let (target, basis) = match (&ind.target, &ind.year_end_target) {
        (Some(t), _) => (t.clone(), TargetBasis::Period),
        (None, Some(ye)) if ind.cumulative => match settings.months_elapsed {
            Some(months) if months < 12 => (profile(ye, months), TargetBasis::Profiled),
            Some(_) => (ye.clone(), TargetBasis::YearEnd),
            None => return Err(NotRated::NoPeriodToProfile),
        },
        (None, Some(ye)) => (ye.clone(), TargetBasis::YearEnd),
        (None, None) => return Err(NotRated::NoTarget),
    };
    let value = ind.actual.value.ok_or(NotRated::NoActual)?;
    let twelve_times = match (basis, &ind.year_end_target, settings.months_elapsed) {
        (TargetBasis::Profiled, Some(ye), Some(months)) => {
            Some(scale(ye, |v| v * Decimal::from(months)))
        }
        _ => None,
    };
    Ok(Comparison {
        value,
        target,
        basis,
        twelve_times,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_due_statuses() {
        for s in [
            "Annual",
            "Annual KPI",
            "Reported annually",
            "Not due",
            "not yet due",
            "Due June 2019",
            "Available in Q4",
            "To be reported in Q4",
            " (Due March 2020)",
        ] {
            assert!(is_not_due(s), "{s}");
        }
        for s in [
            "TBC",
            "n/a",
            "-",
            "No data",
            "Overdue",
            "Data only",
            "",
            "Due to system failure no data this quarter",
            "Due date missed - chasing provider",
            "Annualised figure not available",
            "Reported in error - being corrected",
        ] {
            assert!(!is_not_due(s), "{s}");
        }
    }
    use crate::model::{Measure, Polarity};
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn indicator() -> Indicator {
        Indicator::new("X", "X")
    }

    fn settings(months: Option<u32>) -> RuleSettings {
        RuleSettings {
            months_elapsed: months,
            ..RuleSettings::default()
        }
    }

    #[test]
    fn the_period_target_comes_first() {
        // Thurrock, October: 45% against the latest target 49.6%, year end 55.1%.
        let mut ind = indicator();
        ind.actual = Measure::number(d("45"));
        ind.target = Some(Target::Value { value: d("49.6") });
        ind.year_end_target = Some(Target::Value { value: d("55.1") });
        ind.cumulative = true;
        let c = target_used(&ind, &settings(Some(7))).unwrap();
        assert_eq!(c.basis, TargetBasis::Period);
        assert_eq!(c.target, Target::Value { value: d("49.6") });
        assert_eq!(c.value, d("45"));
    }

    #[test]
    fn cumulative_year_end_targets_are_profiled() {
        // Leicestershire heritage visits: 151k annual milestone, 110.7k after 8 months.
        let mut ind = indicator();
        ind.actual = Measure::number(d("110700"));
        ind.year_end_target = Some(Target::Value { value: d("151000") });
        ind.cumulative = true;
        let c = target_used(&ind, &settings(Some(8))).unwrap();
        assert_eq!(c.basis, TargetBasis::Profiled);
        let Target::Value { value } = c.target else {
            panic!()
        };
        assert_eq!(crate::numbers::round_half_up(value, 2), d("100666.67"));
        // At month 12 the year-end target itself.
        assert_eq!(
            target_used(&ind, &settings(Some(12))).unwrap().basis,
            TargetBasis::YearEnd
        );
        // Without a period there is nothing to profile to.
        assert_eq!(
            target_used(&ind, &settings(None)),
            Err(NotRated::NoPeriodToProfile)
        );
        // Not cumulative: the year-end target as it is.
        ind.cumulative = false;
        let c = target_used(&ind, &settings(Some(8))).unwrap();
        assert_eq!(
            (c.basis, c.target),
            (TargetBasis::YearEnd, Target::Value { value: d("151000") })
        );
    }

    #[test]
    fn bands_and_bounds_profile_every_figure() {
        let band = Target::Band {
            low: d("120"),
            high: d("240"),
        };
        assert_eq!(
            profile(&band, 6),
            Target::Band {
                low: d("60"),
                high: d("120")
            }
        );
        let bound = Target::Bound {
            cmp: crate::model::Comparison::Lt,
            value: d("12"),
        };
        assert_eq!(
            profile(&bound, 3),
            Target::Bound {
                cmp: crate::model::Comparison::Lt,
                value: d("3")
            }
        );
    }

    #[test]
    fn forecast_basis() {
        let mut ind = indicator();
        ind.actual = Measure::number(d("40"));
        ind.target = Some(Target::Value { value: d("45") });
        ind.year_end_target = Some(Target::Value { value: d("61") });
        ind.forecast = Measure::number(d("62"));
        let s = RuleSettings {
            basis: Basis::Forecast,
            ..settings(Some(9))
        };
        let c = target_used(&ind, &s).unwrap();
        assert_eq!(c.basis, TargetBasis::Forecast);
        assert_eq!(c.value, d("62"));
        assert_eq!(c.target, Target::Value { value: d("61") });
        ind.forecast = Measure::default();
        assert_eq!(target_used(&ind, &s), Err(NotRated::NoForecast));
    }

    #[test]
    fn not_rated_cases() {
        let mut ind = indicator();
        ind.actual = Measure::number(d("1"));
        assert_eq!(target_used(&ind, &settings(None)), Err(NotRated::NoTarget));
        ind.target = Some(Target::Value { value: d("2") });
        ind.polarity = Polarity::Info;
        assert_eq!(
            target_used(&ind, &settings(None)),
            Err(NotRated::Information)
        );
        ind.polarity = Polarity::Higher;
        ind.actual = Measure {
            value: None,
            status: Some("Due June 2019".into()),
        };
        assert_eq!(target_used(&ind, &settings(None)), Err(NotRated::NotDue));
        ind.actual.status = Some("TBC".into());
        assert_eq!(target_used(&ind, &settings(None)), Err(NotRated::NoActual));
    }
}
