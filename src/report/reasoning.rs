//! How a rating was reached, in plain words — the answer to "why is this amber?".

use super::figures::{format_difference, format_target, format_value};
use crate::model::{Indicator, Polarity, Rag, Target, Tolerance};
use crate::numbers::places_apart;
use crate::period::ReportingPeriod;
use crate::rules::direction::Direction;
use crate::rules::scorecard::{rag_word, PlanStatus, RagSource, Rating, ToleranceSource};
use crate::rules::target::{NotRated, TargetBasis};
use crate::rules::{Policy, RuleSettings};
use rust_decimal::Decimal;
use std::fmt::Write;

fn polarity_text(p: Polarity) -> &'static str {
    match p {
        Polarity::Higher => "bigger is better",
        Polarity::Lower => "smaller is better",
        Polarity::Band => "within the target band is best",
        Polarity::Info => "for information only",
    }
}

/// What a policy means, in one sentence.
pub fn policy_text(policy: Policy) -> &'static str {
    match policy {
        Policy::Tolerance => {
            "Green when the target is met, Amber when the shortfall is within the tolerance, Red \
             beyond it"
        }
        Policy::ToleranceAndTrend => {
            "Green when the target is met or the shortfall is within the tolerance; beyond it, \
             Amber if performance improved or held against the same period last year, else Red"
        }
        Policy::MetOrMissed => "Green when the target is met, Red when it is missed, no Amber",
    }
}

/// Explains one indicator's rating. `config` names where the default
/// tolerance came from: the scorecard.toml that sets it, or `None` for the
/// built-in default.
pub fn explain(
    ind: &Indicator,
    rating: &Rating,
    settings: &RuleSettings,
    period: Option<&ReportingPeriod>,
    config: Option<&str>,
) -> String {
    let unit = &ind.unit;
    let dp = ind.display_decimals();
    let value = |v: Decimal| format_value(v, unit, dp);
    let target = |t: &Target| format_target(t, unit, dp);
    let diff = |v: Decimal| format_difference(v, unit, dp);
    let mut out = String::new();
    let _ = writeln!(out, "{} \u{2014} {}", ind.reference, ind.title);
    if let Some(p) = period {
        let _ = writeln!(out, "Period: {}", p.long_label);
    }
    let _ = writeln!(out, "Polarity: {}.", polarity_text(ind.polarity));
    match (ind.actual.value, &ind.actual.status) {
        (Some(v), _) => {
            let _ = writeln!(out, "Actual: {}.", value(v));
        }
        (None, Some(s)) => {
            let _ = writeln!(out, "Actual: none ({s}).");
        }
        (None, None) => {
            let _ = writeln!(out, "Actual: none.");
        }
    }

    if let Some(reason) = rating.not_rated {
        let why = match reason {
            NotRated::Information => "its polarity is for information only".to_string(),
            NotRated::NoActual => "it has no actual figure for this period".to_string(),
            NotRated::NotDue => "it is not due this period and is reported later".to_string(),
            NotRated::NoTarget => "it has no target".to_string(),
            NotRated::NoPeriodToProfile => "it is cumulative with only a year-end target, and no \
                reporting period is given to profile that target to"
                .to_string(),
            NotRated::NoForecast => {
                "ratings are on the forecast basis and it has no year-end forecast".to_string()
            }
        };
        let _ = writeln!(out, "Computed rating: not rated, because {why}.");
    } else if let (Some(t), Some(basis), Some(rated), Some(shortfall), Some(met)) = (
        &rating.target_used,
        rating.target_basis,
        rating.value,
        rating.shortfall,
        rating.met,
    ) {
        let _ = match basis {
            TargetBasis::Period => writeln!(
                out,
                "Target used: {}, the period target given in the workbook.",
                target(t)
            ),
            TargetBasis::Profiled => {
                let ye = ind.year_end_target.as_ref().map(target).unwrap_or_default();
                let months = settings.months_elapsed.unwrap_or(12);
                writeln!(
                    out,
                    "Target used: {}, the year-end target of {ye} profiled pro rata to {months} \
                     of 12 months, because the indicator is cumulative and has no period target.",
                    target(t)
                )
            }
            TargetBasis::YearEnd => writeln!(
                out,
                "Target used: {}, the year-end target (there is no period target{}).",
                target(t),
                if ind.cumulative {
                    "; the year is complete"
                } else {
                    ""
                }
            ),
            TargetBasis::Forecast => writeln!(
                out,
                "Target used: {}, the year-end target, against the year-end forecast of {} \
                 (ratings are on the forecast basis).",
                target(t),
                value(rated)
            ),
        };
        let _ = if met {
            writeln!(out, "Result: the target is met.")
        } else if shortfall.is_zero() {
            writeln!(
                out,
                "Result: missed: the figure is exactly at the bound, and the bound is strict."
            )
        } else {
            writeln!(out, "Result: missed by {}.", diff(shortfall))
        };
        let amount = rating.tolerance_amount.unwrap_or_default();
        let whose = match (rating.tolerance_source, config) {
            (ToleranceSource::Indicator, _) => "the indicator's own tolerance".to_string(),
            (ToleranceSource::Default, Some(path)) => format!("the default from {path}"),
            (ToleranceSource::Default, None) => "the built-in default".to_string(),
        };
        let _ = match rating.tolerance {
            // Under met-or-missed no sentence speaks of a tolerance.
            _ if settings.policy == Policy::MetOrMissed => Ok(()),
            Tolerance::Relative(p) => writeln!(
                out,
                "Tolerance: {}% of the target, which is {} ({whose}).",
                p.normalize(),
                diff(amount)
            ),
            Tolerance::Absolute(_) => writeln!(out, "Tolerance: {} ({whose}).", diff(amount)),
        };
        let _ = writeln!(
            out,
            "Policy: {} \u{2014} {}.",
            settings.policy.name(),
            policy_text(settings.policy)
        );
        let because = reason(
            rating,
            settings.policy,
            shortfall,
            amount,
            &|v, places| format_difference(v, unit, places),
            dp,
        );
        let _ = writeln!(
            out,
            "Computed rating: {}, because {because}.",
            rag_word(rating.rag_computed)
        );
    }

    let _ = match rating.rag_source {
        RagSource::Override => writeln!(
            out,
            "Reported rating: {}, a judgement given in the workbook{}; the rules give {}.",
            rag_word(rating.rag),
            ind.rag_reason
                .as_deref()
                .map(|r| format!(" (reason: {})", r.trim()))
                .unwrap_or_else(|| " with no reason given".to_string()),
            rag_word(rating.rag_computed)
        ),
        RagSource::Computed => writeln!(
            out,
            "Reported rating: {} (no override).",
            rag_word(rating.rag)
        ),
    };

    let dot = |d: Option<Direction>,
               earlier: &Option<crate::rules::scorecard::Earlier>,
               what: &str| match (d, earlier) {
        (Some(d), Some(e)) => {
            let arrow = super::view::wording::dot_view(Some(d))
                .map(|v| format!("{} {}", v.arrow, v.word))
                .unwrap_or_default();
            let now = ind.actual.value.map(value).unwrap_or_default();
            let then = match (&e.whole_year, &e.from_history) {
                (Some(year), _) => format!(
                    "{} in {year}, the whole year, as there is no figure for {what}",
                    value(e.value)
                ),
                (None, Some(p)) => format!("{} {what}, {p} in History", value(e.value)),
                (None, None) => format!("{} {what}", value(e.value)),
            };
            format!("{arrow} ({now} against {then})")
        }
        (_, None) => format!("no figure for {what}"),
        (None, Some(_)) => "not judged".to_string(),
    };
    let _ = writeln!(
        out,
        "Direction of travel: short term {}; long term {}.",
        dot(rating.dot_short, &rating.previous, "the previous period"),
        dot(
            rating.dot_long,
            &rating.last_year,
            "the same period last year"
        )
    );
    if rating.consecutive_red > 0 {
        let _ = writeln!(out, "Periods at Red in a row: {}.", rating.consecutive_red);
    }
    if let Some(plan) = rating.plan {
        let _ = writeln!(
            out,
            "Recovery plan: {}.",
            match plan {
                PlanStatus::Appendix => "in Appendix A",
                PlanStatus::Presented => "considered at an earlier meeting",
                PlanStatus::Missing => "none in the workbook",
            }
        );
    }
    out
}

fn reason(
    rating: &Rating,
    policy: Policy,
    shortfall: Decimal,
    amount: Decimal,
    diff: &dyn Fn(Decimal, u32) -> String,
    dp: u32,
) -> String {
    if rating.met == Some(true) {
        return "the target is met".to_string();
    }
    let within = rating.within_tolerance == Some(true);
    let places = places_apart(shortfall, amount, dp);
    let beyond = if amount.is_zero() {
        "the target is missed and the tolerance is zero".to_string()
    } else {
        format!(
            "the shortfall of {} is more than the tolerance of {}",
            diff(shortfall, places),
            diff(amount, places)
        )
    };
    let last_year = match rating
        .last_year
        .as_ref()
        .and_then(|e| e.whole_year.as_deref())
    {
        Some(year) => format!("{year}, the whole year"),
        None => "the same period last year".to_string(),
    };
    match policy {
        Policy::MetOrMissed => "the target is missed, and this policy has no Amber".to_string(),
        Policy::Tolerance | Policy::ToleranceAndTrend if within => format!(
            "the shortfall of {} is within the tolerance of {}",
            diff(shortfall, places),
            diff(amount, places)
        ),
        Policy::Tolerance => beyond,
        Policy::ToleranceAndTrend => match (rating.rag_computed, rating.dot_long) {
            (Rag::Amber, Some(Direction::Improving)) => {
                format!("{beyond}, but performance improved on {last_year}")
            }
            (Rag::Amber, _) => {
                format!("{beyond}, but performance held against {last_year}")
            }
            (_, None) => format!("{beyond}, and there is no figure for last year"),
            _ => format!("{beyond}, and performance did not improve on {last_year}"),
        },
    }
}
