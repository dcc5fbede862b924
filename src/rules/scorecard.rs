//! The rules over a whole scorecard: every indicator rated, with its direction
//! of travel, its run of periods at Red, its recovery-plan status, and the
//! summary counts.

pub use super::rating::{
    rag_word, Earlier, PlanStatus, RagSource, RatedIndicator, RatedPlan, RatedScorecard, Rating,
    Summary, ToleranceSource,
};

use super::actions::overdue;

use super::aim::aim;
use super::benchmark::standing;
use super::direction::direction;
use super::focus::focus;
use super::history::{
    consecutive_red, earlier_points, last_year_of, previous_of, previous_year_label,
};
use super::rag::{compute, compute_exact};
use super::relations::Relations;
use super::target::{target_used, NotRated};
use super::{Basis, RuleSettings};
use crate::diagnostics::{Diagnostic, Severity};
use crate::model::{Indicator, Rag, RecoveryPlan, Scorecard, Target};
use crate::numbers::places_apart;

/// Rates one indicator, given the earlier figures for direction of travel.
pub fn rate_indicator(
    ind: &Indicator,
    settings: &RuleSettings,
    previous: Option<Earlier>,
    last_year: Option<Earlier>,
) -> Rating {
    let (tolerance, tolerance_source) = match ind.tolerance {
        Some(t) => (t, ToleranceSource::Indicator),
        None => (settings.default_tolerance, ToleranceSource::Default),
    };
    let decimals = ind.display_decimals();
    let comparison = target_used(ind, settings);
    let band = match &comparison {
        Ok(c) => Some(c.target.clone()),
        Err(_) => ind.target.clone().or_else(|| ind.year_end_target.clone()),
    };
    let dot = |earlier: &Option<Earlier>| {
        let now = ind.actual.value?;
        direction(
            now,
            earlier.as_ref()?.value,
            ind.polarity,
            band.as_ref(),
            decimals,
        )
    };
    let dot_short = dot(&previous);
    let dot_long = dot(&last_year);

    let mut rating = Rating {
        value: None,
        target_used: None,
        target_basis: None,
        not_rated: None,
        met: None,
        shortfall: None,
        tolerance,
        tolerance_source,
        tolerance_amount: None,
        within_tolerance: None,
        rag_computed: Rag::NotRated,
        rag: Rag::NotRated,
        rag_source: RagSource::Computed,
        previous,
        last_year,
        dot_short,
        dot_long,
        consecutive_red: 0,
        plan: None,
        plan_index: None,
        focus: Vec::new(),
        standing: None,
        aim: None,
        quartile: None,
        versus: None,
    };
    match comparison {
        Ok(c) => {
            let computed = match &c.twelve_times {
                Some(exact) => compute_exact(
                    c.value,
                    exact,
                    12,
                    ind.polarity,
                    tolerance,
                    settings.policy,
                    dot_long,
                ),
                None => compute(
                    c.value,
                    &c.target,
                    ind.polarity,
                    tolerance,
                    settings.policy,
                    dot_long,
                ),
            };
            rating.value = Some(c.value);
            rating.target_used = Some(c.target);
            rating.target_basis = Some(c.basis);
            rating.met = Some(computed.met);
            rating.shortfall = Some(computed.shortfall);
            rating.tolerance_amount = Some(computed.amount);
            rating.within_tolerance = Some(computed.within);
            rating.rag_computed = computed.rag;
        }
        Err(reason) => rating.not_rated = Some(reason),
    }
    rating.rag = rating.rag_computed;
    // A RAG column that agrees with the rules is not a judgement: many
    // councils' workbooks carry their published rating beside the figures.
    if let Some(judgement) = ind.rag_override.filter(|j| *j != rating.rag_computed) {
        rating.rag = judgement;
        rating.rag_source = RagSource::Override;
    }
    rating
}

/// The display precision at which a missed target and the figure that missed
/// it print differently (67% against 67% reads as met): the indicator's own,
/// or more where that is needed. A figure is never printed so that the paper
/// contradicts its rating.
fn decimals_apart(ind: &Indicator, rating: &Rating) -> u32 {
    let dp = ind.display_decimals();
    let (Some(value), Some(target), Some(false)) = (rating.value, &rating.target_used, rating.met)
    else {
        return dp;
    };
    let nearest = match *target {
        Target::Value { value } | Target::Bound { value, .. } => value,
        Target::Band { low, high } => {
            if value < low {
                low
            } else {
                high
            }
        }
    };
    // A strict bound missed at exactly its value prints equal, truly.
    if value == nearest {
        return dp;
    }
    places_apart(value, nearest, dp).min(6)
}

/// Where an off-target indicator's recovery plan is; `None` when it is not
/// off target.
fn plan_status(rag: Rag, plan: Option<&RecoveryPlan>) -> Option<PlanStatus> {
    if !matches!(rag, Rag::Red | Rag::Amber) {
        return None;
    }
    Some(match plan {
        Some(p) if p.presented.is_some() => PlanStatus::Presented,
        Some(_) => PlanStatus::Appendix,
        None => PlanStatus::Missing,
    })
}

fn diagnostics_for(ind: &Indicator, rating: &Rating, settings: &RuleSettings) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let at = |field: &str, severity: Severity, message: String| Diagnostic {
        severity,
        sheet: Some(ind.source.sheet.clone()),
        cell: Some(ind.source.cell(field)),
        message,
    };
    if rating.rag_source == RagSource::Override
        && rating.rag != rating.rag_computed
        && ind
            .rag_reason
            .as_deref()
            .is_none_or(|r| r.trim().is_empty())
    {
        out.push(at(
            "rag_override",
            Severity::Warning,
            format!(
                "{} is rated {} by judgement, but the rules give {}; say why in the RAG reason \
                 column",
                ind.reference,
                rag_word(rating.rag),
                rag_word(rating.rag_computed)
            ),
        ));
    }
    match rating.not_rated {
        Some(NotRated::NoPeriodToProfile) => out.push(at(
            "year_end_target",
            Severity::Warning,
            format!(
                "{} is cumulative with only a year-end target, and no reporting period is given \
                 to profile it to, so it is not rated; put the Period on the Report sheet (such \
                 as 2018/19 M8) or give a period target",
                ind.reference
            ),
        )),
        Some(NotRated::NoForecast) if settings.basis == Basis::Forecast => out.push(at(
            "forecast",
            Severity::Warning,
            format!(
                "ratings are on the forecast basis, but {} has no year-end forecast, so it is \
                 not rated; give its forecast",
                ind.reference
            ),
        )),
        _ => {}
    }
    out
}

/// Rates every indicator of a scorecard.
pub fn rate_scorecard(scorecard: Scorecard, settings: RuleSettings) -> RatedScorecard {
    let relations = Relations::of(&scorecard);
    let Scorecard {
        meta,
        period,
        indicators,
        plans,
        benchmarks,
        history,
    } = scorecard;
    let us = meta.get("organisation");
    let last_year_label = period.as_ref().map(previous_year_label);
    let mut rated = Vec::with_capacity(indicators.len());
    let mut diagnostics = Vec::new();
    for ind in indicators {
        let earlier = earlier_points(relations.history(&ind.reference), &history, period.as_ref());
        let previous = previous_of(&ind, &earlier, period.as_ref());
        let last_year = last_year_of(&ind, &earlier, period.as_ref());
        let mut rating = rate_indicator(&ind, &settings, previous, last_year);
        rating.consecutive_red = consecutive_red(&ind, &rating, &earlier, &settings);
        rating.plan_index = relations.plan(&ind.reference);
        rating.plan = plan_status(rating.rag, rating.plan_index.and_then(|i| plans.get(i)));
        rating.focus = focus(&ind, rating.consecutive_red);
        rating.standing = standing(&ind, relations.benchmarks(&ind.reference), &benchmarks, us);
        rating.aim = Some(aim(&ind, last_year_label.as_deref()));
        rating.quartile = rating
            .standing
            .as_ref()
            .and_then(|s| s.quartile)
            .or(ind.quartile.map(|q| q.0));
        rating.versus = super::summaries::versus(&ind, last_year_label.as_deref());
        diagnostics.extend(diagnostics_for(&ind, &rating, &settings));
        let mut ind = ind;
        let apart = decimals_apart(&ind, &rating);
        if apart != ind.display_decimals() {
            ind.decimals = Some(apart);
        }
        rated.push(RatedIndicator {
            indicator: ind,
            rating,
        });
    }
    let summary = Summary::of(rated.iter().map(|r| &r.rating));
    let trend = super::tally::trend(&rated);
    let benchmarking = super::tally::benchmarking(&rated);
    let meeting = meta.meeting_date();
    let plans = plans
        .into_iter()
        .map(|plan| {
            let covers: Vec<usize> = plan
                .refs
                .iter()
                .filter_map(|r| relations.indicator(r))
                .collect();
            let overdue = plan
                .actions
                .iter()
                .enumerate()
                .filter(|(_, a)| overdue(&a.due, &a.status, meeting))
                .map(|(i, _)| i)
                .collect();
            RatedPlan {
                in_appendix: plan.presented.is_none() && !covers.is_empty(),
                covers,
                overdue,
                plan,
            }
        })
        .collect();
    RatedScorecard {
        scorecard: Scorecard {
            meta,
            period,
            indicators: rated,
            plans,
            benchmarks,
            history,
        },
        relations,
        settings,
        summary,
        trend,
        benchmarking,
        since: None,
        diagnostics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{HistoryPoint, Measure, RecoveryPlan, Source, Target, Tolerance, Unit};
    use crate::period::parse_period;
    use crate::rules::direction::Direction;
    use crate::rules::Policy;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn source() -> Source {
        Source {
            sheet: "Indicators".into(),
            row: 2,
            columns: Default::default(),
        }
    }

    fn ssd() -> Indicator {
        let mut ind = Indicator::new("X", "X");
        ind.reference = "1C (NI130)".into();
        ind.unit = Unit::Percent;
        ind.actual = Measure::number(d("45"));
        ind.target = Some(Target::Value { value: d("49.6") });
        ind.year_end_target = Some(Target::Value { value: d("55.1") });
        ind
    }

    fn history(period: &str, actual: &str, target: &str) -> HistoryPoint {
        HistoryPoint {
            reference: "1C (NI130)".into(),
            period: period.into(),
            parsed_period: parse_period(period, 4).ok(),
            actual: Measure::number(d(actual)),
            target: Some(Target::Value { value: d(target) }),
            source: source(),
        }
    }

    fn zero_tolerance() -> RuleSettings {
        RuleSettings {
            default_tolerance: Tolerance::Absolute(Decimal::ZERO),
            months_elapsed: Some(7),
            ..RuleSettings::default()
        }
    }

    #[test]
    fn second_month_at_red_from_history() {
        let scorecard = Scorecard {
            period: parse_period("2011/12 Oct", 4).ok(),
            indicators: vec![ssd()],
            history: vec![
                history("2011/12 Aug", "49", "47.4"),
                history("2011/12 Sep", "47", "48.5"),
                history("2011/12 Oct", "45", "49.6"),
            ],
            ..Scorecard::default()
        };
        let rated = rate_scorecard(scorecard.clone(), zero_tolerance());
        let r = &rated.scorecard.indicators[0].rating;
        assert_eq!(r.rag, Rag::Red);
        assert_eq!(
            r.consecutive_red, 2,
            "September and October; August was met"
        );
        // The previous period comes from History when the cell is blank.
        assert_eq!(r.previous.as_ref().unwrap().value, d("47"));
        assert_eq!(
            r.previous.as_ref().unwrap().from_history.as_deref(),
            Some("Sep 2011")
        );
        assert_eq!(r.dot_short, Some(Direction::Worsening));
        // With the default 5% tolerance September was Amber: the run is just October.
        let rated = rate_scorecard(
            scorecard,
            RuleSettings {
                months_elapsed: Some(7),
                ..RuleSettings::default()
            },
        );
        assert_eq!(rated.scorecard.indicators[0].rating.consecutive_red, 1);
    }

    #[test]
    fn last_year_from_history_feeds_the_trend_policy() {
        let mut ind = ssd();
        ind.actual = Measure::number(d("40"));
        let scorecard = Scorecard {
            period: parse_period("2011/12 Oct", 4).ok(),
            indicators: vec![ind],
            history: vec![history("2010/11 Oct", "38", "45")],
            ..Scorecard::default()
        };
        let settings = RuleSettings {
            policy: Policy::ToleranceAndTrend,
            months_elapsed: Some(7),
            ..RuleSettings::default()
        };
        let rated = rate_scorecard(scorecard, settings);
        let r = &rated.scorecard.indicators[0].rating;
        assert_eq!(
            r.last_year.as_ref().unwrap().from_history.as_deref(),
            Some("Oct 2010")
        );
        assert_eq!(r.dot_long, Some(Direction::Improving));
        assert_eq!(
            r.rag,
            Rag::Amber,
            "beyond tolerance but improved on last year"
        );
    }

    #[test]
    fn overrides_keep_the_computed_rating_and_want_a_reason() {
        let mut ind = ssd();
        ind.rag_override = Some(Rag::Amber);
        let scorecard = Scorecard {
            indicators: vec![ind.clone()],
            ..Scorecard::default()
        };
        let rated = rate_scorecard(scorecard, RuleSettings::default());
        let r = &rated.scorecard.indicators[0].rating;
        assert_eq!(
            (r.rag, r.rag_computed, r.rag_source),
            (Rag::Amber, Rag::Red, RagSource::Override)
        );
        assert_eq!(rated.diagnostics.len(), 1);
        assert!(rated.diagnostics[0].message.contains("RAG reason"));
        ind.rag_reason = Some("Ahead of its profile; judged Amber".into());
        let scorecard = Scorecard {
            indicators: vec![ind],
            ..Scorecard::default()
        };
        let rated = rate_scorecard(scorecard, RuleSettings::default());
        assert_eq!(rated.scorecard.indicators[0].rating.rag, Rag::Amber);
        assert!(rated.diagnostics.is_empty());
    }

    #[test]
    fn plan_status() {
        let mut presented = RecoveryPlan {
            refs: vec!["1c (ni130)".into()],
            title: None,
            reasons: None,
            comparative: None,
            presented: Some(crate::model::DateOrText::Text("November 2012".into())),
            actions: vec![],
            source: source(),
        };
        let scorecard = Scorecard {
            indicators: vec![ssd()],
            plans: vec![presented.clone()],
            ..Scorecard::default()
        };
        let rated = rate_scorecard(scorecard.clone(), RuleSettings::default());
        assert_eq!(
            rated.scorecard.indicators[0].rating.plan,
            Some(PlanStatus::Presented)
        );
        presented.presented = None;
        let rated = rate_scorecard(
            Scorecard {
                plans: vec![presented],
                ..scorecard.clone()
            },
            RuleSettings::default(),
        );
        assert_eq!(
            rated.scorecard.indicators[0].rating.plan,
            Some(PlanStatus::Appendix)
        );
        let rated = rate_scorecard(
            Scorecard {
                plans: vec![],
                ..scorecard
            },
            RuleSettings::default(),
        );
        assert_eq!(
            rated.scorecard.indicators[0].rating.plan,
            Some(PlanStatus::Missing)
        );
    }

    #[test]
    fn a_profiled_tie_stays_a_tie() {
        // 100 profiled to 8 of 12 months is 66.666…; 60 misses it by 6.666…,
        // and 10% of the target is 6.666… too: within tolerance, Amber.
        let mut ind = Indicator::new("C1", "Visits");
        ind.cumulative = true;
        ind.actual = Measure::number(d("60"));
        ind.year_end_target = Some(Target::Value { value: d("100") });
        ind.tolerance = Some(Tolerance::Relative(d("10")));
        let settings = RuleSettings {
            months_elapsed: Some(8),
            ..RuleSettings::default()
        };
        let r = rate_indicator(&ind, &settings, None, None);
        assert_eq!(
            r.target_basis,
            Some(super::super::target::TargetBasis::Profiled)
        );
        assert_eq!(r.within_tolerance, Some(true));
        assert_eq!(r.rag, Rag::Amber);
        assert_eq!(r.shortfall, r.tolerance_amount, "the same figure, exactly");
        // A hair beyond is beyond.
        ind.actual = Measure::number(d("59.999"));
        let r = rate_indicator(&ind, &settings, None, None);
        assert_eq!((r.within_tolerance, r.rag), (Some(false), Rag::Red));
        // An absolute tolerance as typed: 6.67 holds 6.666…, 6.66 does not.
        ind.actual = Measure::number(d("60"));
        ind.tolerance = Some(Tolerance::Absolute(d("6.67")));
        let r = rate_indicator(&ind, &settings, None, None);
        assert_eq!(r.rag, Rag::Amber);
        ind.tolerance = Some(Tolerance::Absolute(d("6.66")));
        let r = rate_indicator(&ind, &settings, None, None);
        assert_eq!(r.rag, Rag::Red);
    }

    #[test]
    fn summary_percent_is_half_up_of_green_over_rated() {
        let rating = |rag| Rating {
            value: None,
            target_used: None,
            target_basis: None,
            not_rated: None,
            met: None,
            shortfall: None,
            tolerance: Tolerance::Absolute(Decimal::ZERO),
            tolerance_source: ToleranceSource::Default,
            tolerance_amount: None,
            within_tolerance: None,
            rag_computed: rag,
            rag,
            rag_source: RagSource::Computed,
            previous: None,
            last_year: None,
            dot_short: None,
            dot_long: None,
            consecutive_red: 0,
            plan: None,
            plan_index: None,
            focus: Vec::new(),
            standing: None,
            aim: None,
            quartile: None,
            versus: None,
        };
        // Lancashire 2012/13: 23 met of 35; the paper printed 64%, but 23/35 is 65.7%.
        let mut ratings: Vec<Rating> = (0..23).map(|_| rating(Rag::Green)).collect();
        ratings.extend((0..12).map(|_| rating(Rag::Red)));
        let s = Summary::of(&ratings);
        assert_eq!((s.indicators, s.rated, s.green, s.red), (35, 35, 23, 12));
        assert_eq!(s.met_or_on_track_percent, Some(66));
        // 1 of 8 is 12.5%, which rounds half-up to 13.
        let mut ratings: Vec<Rating> = vec![rating(Rag::Green)];
        ratings.extend((0..7).map(|_| rating(Rag::Amber)));
        ratings.push(rating(Rag::NotRated));
        let s = Summary::of(&ratings);
        assert_eq!((s.rated, s.not_rated), (8, 1));
        assert_eq!(s.met_or_on_track_percent, Some(13));
        assert_eq!(
            Summary::of(&[rating(Rag::NotRated)]).met_or_on_track_percent,
            None
        );
    }
}
