//! The summary of the paper: the headline sentence and the sentences on Amber,
//! Red and unrated indicators, and the list of indicators off target.

use super::wording::{badge, capitalise, plural, RagView, Words};
use crate::dates::format_date_or_text;
use crate::model::Rag;
use crate::rules::scorecard::{PlanStatus, RatedScorecard};
use crate::rules::Basis;
use serde::Serialize;

/// The summary as shown.
#[derive(Debug, Clone, Serialize)]
pub struct SummaryView {
    /// Counts.
    pub counts: crate::rules::scorecard::Summary,
    /// The opening sentence.
    pub headline: String,
    /// Sentences about Amber, Red and not-rated counts.
    pub detail: Vec<String>,
    /// Under the forecast basis.
    pub forecast: bool,
    /// The policy in force has an Amber rating.
    pub amber_possible: bool,
}

/// An off-target indicator in the summary and background.
#[derive(Debug, Clone, Serialize)]
pub struct OffTargetView {
    /// The ref.
    pub reference: String,
    /// The title.
    pub title: String,
    /// Its aim with baseline and target ("Increase … from 60.1% to 61.0%").
    pub phrase: String,
    /// Its rating.
    pub rag: RagView,
    /// `appendix`, `presented` or `missing`.
    pub plan: &'static str,
    /// The earlier meeting, when presented.
    pub presented: Option<String>,
}

/// The summary's sentences, from the counts the rules made.
pub fn summary(rated: &RatedScorecard) -> SummaryView {
    let sc = &rated.scorecard;
    let period = sc.period.as_ref().map(|p| p.long_label.clone());
    let counts = rated.summary;
    let forecast = rated.settings.basis == Basis::Forecast;
    let year_end = sc.period.as_ref().is_some_and(|p| p.is_year_end());
    let period_words = period
        .as_deref()
        .map(|p| format!("for {p}, "))
        .unwrap_or_default();
    let pct = |n: usize| counts.percent_of(n).unwrap_or(0);
    let mut headline = String::new();
    if counts.rated == 0 {
        headline.push_str(&format!(
            "{}{} indicators are reported; none can be rated yet.",
            capitalise(&period_words),
            counts.indicators
        ));
    } else if forecast {
        headline.push_str(&format!(
            "{}{} of the {} rated {} ({}%) {} currently forecast to meet {} year-end {}.",
            capitalise(&period_words),
            counts.green,
            counts.rated,
            plural(counts.rated, "indicator", "indicators"),
            counts.met_or_on_track_percent.unwrap_or(0),
            plural(counts.green, "is", "are"),
            plural(counts.green, "its", "their"),
            plural(counts.green, "target", "targets"),
        ));
    } else {
        let (have, their) = (
            plural(counts.green, "has", "have"),
            plural(counts.green, "its", "their"),
        );
        let what = if year_end {
            format!(
                "{their} year-end {}",
                plural(counts.green, "target", "targets")
            )
        } else {
            format!("{their} {}", plural(counts.green, "target", "targets"))
        };
        headline.push_str(&format!(
            "{}{} of the {} rated {} ({}%) {have} met {what}.",
            capitalise(&period_words),
            counts.green,
            counts.rated,
            plural(counts.rated, "indicator", "indicators"),
            counts.met_or_on_track_percent.unwrap_or(0)
        ));
    }
    let mut detail = Vec::new();
    if counts.amber > 0 {
        detail.push(format!(
            "{} {} ({}%) {} off target but within tolerance (Amber).",
            counts.amber,
            plural(counts.amber, "indicator", "indicators"),
            pct(counts.amber),
            plural(counts.amber, "is", "are")
        ));
    }
    if counts.red > 0 {
        let verb = if forecast {
            plural(
                counts.red,
                "is forecast to miss its target",
                "are forecast to miss their targets",
            )
        } else if year_end {
            plural(
                counts.red,
                "missed its year-end target",
                "missed their year-end targets",
            )
        } else {
            plural(
                counts.red,
                "is off target beyond tolerance",
                "are off target beyond tolerance",
            )
        };
        detail.push(format!(
            "{} {} ({}%) {verb} (Red).",
            counts.red,
            plural(counts.red, "indicator", "indicators"),
            pct(counts.red)
        ));
    }
    if counts.not_rated > 0 {
        detail.push(format!(
            "{} {} not rated (for information only, no data yet, or no target).",
            counts.not_rated,
            plural(counts.not_rated, "indicator is", "indicators are")
        ));
    }

    SummaryView {
        counts,
        headline,
        detail,
        forecast,
        amber_possible: rated.settings.policy.has_amber(),
    }
}

/// The indicators off target, Red first, then Amber, each in workbook order.
pub fn off_target(rated: &RatedScorecard, words: &Words) -> Vec<OffTargetView> {
    let sc = &rated.scorecard;
    let mut off_target = Vec::new();
    for wanted in [Rag::Red, Rag::Amber] {
        for ri in sc.indicators.iter().filter(|ri| ri.rating.rag == wanted) {
            let (ind, r) = (&ri.indicator, &ri.rating);
            let plan = r
                .plan_index
                .and_then(|i| sc.plans.get(i))
                .map(|rp| &rp.plan);
            off_target.push(OffTargetView {
                reference: words.text(&ind.reference),
                title: words.text(&ind.title),
                phrase: words.phrase(ind, r),
                rag: badge(r),
                plan: match r.plan {
                    Some(PlanStatus::Presented) => "presented",
                    Some(PlanStatus::Appendix) => "appendix",
                    _ => "missing",
                },
                presented: plan
                    .and_then(|p| p.presented.as_ref())
                    .map(|d| words.text(&format_date_or_text(d))),
            });
        }
    }
    off_target
}
