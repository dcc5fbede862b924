//! The rules over a whole scorecard: every indicator rated, with its direction
//! of travel, its run of periods at Red, its recovery-plan status, and the
//! summary counts.

use super::direction::{direction, Direction};
use super::rag::{gap, rate, tolerance_amount};
use super::relations::Relations;
use super::target::{target_used, NotRated, TargetBasis};
use super::{Basis, Policy, RuleSettings};
use crate::diagnostics::{Diagnostic, Severity};
use crate::model::{HistoryPoint, Indicator, Polarity, Rag, Scorecard, Target, Tolerance};
use crate::period::ReportingPeriod;
use rust_decimal::Decimal;
use serde::Serialize;

/// Whether the rating reported is the computed one or a judgement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RagSource {
    /// Computed by the rules.
    Computed,
    /// A judgement from the workbook's RAG column.
    Override,
}

/// Where the tolerance in force came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ToleranceSource {
    /// The indicator's own Tolerance cell.
    Indicator,
    /// The default from scorecard.toml, or the built-in 5%.
    Default,
}

/// Where an off-target indicator's recovery plan is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    /// Printed in Appendix A.
    Appendix,
    /// Considered at an earlier meeting.
    Presented,
    /// There is none.
    Missing,
}

/// A figure used for direction of travel, and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Earlier {
    /// The figure.
    pub value: Decimal,
    /// The History period it came from, or `None` for the Indicators sheet.
    pub from_history: Option<String>,
}

/// Everything the rules decided about one indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rating {
    /// The figure rated: the actual, or the forecast under the forecast basis.
    pub value: Option<Decimal>,
    /// The target used.
    pub target_used: Option<Target>,
    /// Why that target.
    pub target_basis: Option<TargetBasis>,
    /// Why it is not rated, if it is not.
    pub not_rated: Option<NotRated>,
    /// Whether the target is met.
    pub met: Option<bool>,
    /// How far short (negative when better than target).
    pub shortfall: Option<Decimal>,
    /// The tolerance in force.
    pub tolerance: Tolerance,
    /// Where the tolerance came from.
    pub tolerance_source: ToleranceSource,
    /// The tolerance as an amount in the indicator's unit.
    pub tolerance_amount: Option<Decimal>,
    /// The rating the rules give.
    pub rag_computed: Rag,
    /// The rating reported: the override if there is one.
    pub rag: Rag,
    /// Whether `rag` is computed or a judgement.
    pub rag_source: RagSource,
    /// The previous period's figure used for short-term direction.
    pub previous: Option<Earlier>,
    /// Last year's figure used for long-term direction.
    pub last_year: Option<Earlier>,
    /// Short-term direction of travel.
    pub dot_short: Option<Direction>,
    /// Long-term direction of travel.
    pub dot_long: Option<Direction>,
    /// Periods at Red in a row, this one included (0 when not Red).
    pub consecutive_red: u32,
    /// Where its recovery plan is, when it is off target (Red or Amber).
    pub plan: Option<PlanStatus>,
}

/// Counts by rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Summary {
    /// All indicators.
    pub indicators: usize,
    /// Those with a rating.
    pub rated: usize,
    /// Green.
    pub green: usize,
    /// Amber.
    pub amber: usize,
    /// Red.
    pub red: usize,
    /// Not rated.
    pub not_rated: usize,
    /// green ÷ rated × 100, rounded half-up; `None` when nothing is rated.
    pub met_or_on_track_percent: Option<u32>,
}

impl Summary {
    /// Counts the ratings.
    pub fn of(ratings: &[Rating]) -> Summary {
        let count = |r: Rag| ratings.iter().filter(|x| x.rag == r).count();
        let (green, amber, red) = (count(Rag::Green), count(Rag::Amber), count(Rag::Red));
        let rated = green + amber + red;
        let mut summary = Summary {
            indicators: ratings.len(),
            rated,
            green,
            amber,
            red,
            not_rated: ratings.len() - rated,
            met_or_on_track_percent: None,
        };
        summary.met_or_on_track_percent = summary.percent_of(green);
        summary
    }

    /// `n` as a whole-number percentage of the rated indicators, rounded
    /// half-up; `None` when nothing is rated.
    pub fn percent_of(&self, n: usize) -> Option<u32> {
        (self.rated > 0).then(|| {
            let p = Decimal::from(n) * Decimal::ONE_HUNDRED / Decimal::from(self.rated);
            crate::format::round_half_up(p, 0)
                .try_into()
                .unwrap_or(0u32)
        })
    }
}

/// A scorecard with every indicator rated.
#[derive(Debug, Clone)]
pub struct RatedScorecard {
    /// The records.
    pub scorecard: Scorecard,
    /// Look-ups by ref into the records, built once.
    pub relations: Relations,
    /// The settings the ratings were made with.
    pub settings: RuleSettings,
    /// One rating per indicator, in the same order.
    pub ratings: Vec<Rating>,
    /// The counts.
    pub summary: Summary,
    /// Problems the rules found (an override without a reason, …).
    pub diagnostics: Vec<Diagnostic>,
}

/// The core rating of one figure against one target.
struct Computed {
    met: bool,
    shortfall: Decimal,
    amount: Decimal,
    rag: Rag,
}

fn compute(
    value: Decimal,
    target: &Target,
    polarity: Polarity,
    tolerance: Tolerance,
    policy: Policy,
    trend: Option<Direction>,
) -> Computed {
    let g = gap(value, target, polarity);
    let amount = tolerance_amount(tolerance, &g);
    Computed {
        met: g.met,
        shortfall: g.shortfall,
        amount,
        rag: rate(policy, &g, amount, trend),
    }
}

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
        rag_computed: Rag::NotRated,
        rag: Rag::NotRated,
        rag_source: RagSource::Computed,
        previous,
        last_year,
        dot_short,
        dot_long,
        consecutive_red: 0,
        plan: None,
    };
    match comparison {
        Ok(c) => {
            let computed = compute(
                c.value,
                &c.target,
                ind.polarity,
                tolerance,
                settings.policy,
                dot_long,
            );
            rating.value = Some(c.value);
            rating.target_used = Some(c.target);
            rating.target_basis = Some(c.basis);
            rating.met = Some(computed.met);
            rating.shortfall = Some(computed.shortfall);
            rating.tolerance_amount = Some(computed.amount);
            rating.rag_computed = computed.rag;
        }
        Err(reason) => rating.not_rated = Some(reason),
    }
    rating.rag = rating.rag_computed;
    if let Some(judgement) = ind.rag_override {
        rating.rag = judgement;
        rating.rag_source = RagSource::Override;
    }
    rating
}

/// An indicator's History points before the current period, latest first.
type EarlierPoints<'a> = Vec<(&'a HistoryPoint, &'a ReportingPeriod)>;

/// The History points of one indicator (its rows, by index, from the
/// [`Relations`]) before the current period, latest first; with no current
/// period, every dated point.
fn earlier_points<'a>(
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
fn previous_of(
    ind: &Indicator,
    earlier: &EarlierPoints<'_>,
    period: Option<&ReportingPeriod>,
) -> Option<Earlier> {
    if let Some(v) = ind.previous.value {
        return Some(Earlier {
            value: v,
            from_history: None,
        });
    }
    period?;
    let (h, p) = earlier.iter().find(|(h, _)| h.actual.value.is_some())?;
    Some(Earlier {
        value: h.actual.value?,
        from_history: Some(p.label.clone()),
    })
}

/// Last year's figure: the Last year cell, else the History point for the same
/// period of the previous financial year.
fn last_year_of(
    ind: &Indicator,
    earlier: &EarlierPoints<'_>,
    period: Option<&ReportingPeriod>,
) -> Option<Earlier> {
    if let Some(v) = ind.last_year.value {
        return Some(Earlier {
            value: v,
            from_history: None,
        });
    }
    let period = period?;
    let (h, p) = earlier
        .iter()
        .find(|(_, p)| p.kind == period.kind && p.financial_year == period.financial_year - 1)?;
    Some(Earlier {
        value: h.actual.value?,
        from_history: Some(p.label.clone()),
    })
}

/// Periods at Red in a row: this one (if Red) and each earlier History point
/// that the same rules rate Red, stopping at the first that is not.
fn consecutive_red(
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

fn plan_status(
    ind: &Indicator,
    rag: Rag,
    scorecard: &Scorecard,
    relations: &Relations,
) -> Option<PlanStatus> {
    if !matches!(rag, Rag::Red | Rag::Amber) {
        return None;
    }
    let plan = relations
        .plan(&ind.reference)
        .and_then(|i| scorecard.plans.get(i));
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

/// The word for a rating: `Red`, `Amber`, `Green`, `not rated`.
pub fn rag_word(rag: Rag) -> &'static str {
    match rag {
        Rag::Red => "Red",
        Rag::Amber => "Amber",
        Rag::Green => "Green",
        Rag::NotRated => "not rated",
    }
}

/// Rates every indicator of a scorecard.
pub fn rate_scorecard(scorecard: Scorecard, settings: RuleSettings) -> RatedScorecard {
    let period = scorecard.period.as_ref();
    let relations = Relations::of(&scorecard);
    let mut ratings = Vec::with_capacity(scorecard.indicators.len());
    let mut diagnostics = Vec::new();
    for ind in &scorecard.indicators {
        let earlier = earlier_points(
            relations.history(&ind.reference),
            &scorecard.history,
            period,
        );
        let previous = previous_of(ind, &earlier, period);
        let last_year = last_year_of(ind, &earlier, period);
        let mut rating = rate_indicator(ind, &settings, previous, last_year);
        rating.consecutive_red = consecutive_red(ind, &rating, &earlier, &settings);
        rating.plan = plan_status(ind, rating.rag, &scorecard, &relations);
        diagnostics.extend(diagnostics_for(ind, &rating, &settings));
        ratings.push(rating);
    }
    let summary = Summary::of(&ratings);
    RatedScorecard {
        scorecard,
        relations,
        settings,
        ratings,
        summary,
        diagnostics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Measure, RecoveryPlan, Source, Unit};
    use crate::period::parse_period;
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
        let r = &rated.ratings[0];
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
        assert_eq!(rated.ratings[0].consecutive_red, 1);
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
        let r = &rated.ratings[0];
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
        let r = &rated.ratings[0];
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
        assert_eq!(rated.ratings[0].rag, Rag::Amber);
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
        assert_eq!(rated.ratings[0].plan, Some(PlanStatus::Presented));
        presented.presented = None;
        let rated = rate_scorecard(
            Scorecard {
                plans: vec![presented],
                ..scorecard.clone()
            },
            RuleSettings::default(),
        );
        assert_eq!(rated.ratings[0].plan, Some(PlanStatus::Appendix));
        let rated = rate_scorecard(
            Scorecard {
                plans: vec![],
                ..scorecard
            },
            RuleSettings::default(),
        );
        assert_eq!(rated.ratings[0].plan, Some(PlanStatus::Missing));
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
            rag_computed: rag,
            rag,
            rag_source: RagSource::Computed,
            previous: None,
            last_year: None,
            dot_short: None,
            dot_long: None,
            consecutive_red: 0,
            plan: None,
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
