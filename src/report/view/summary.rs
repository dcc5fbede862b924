//! The summary of the paper: the headline sentence and the sentences on Amber,
//! Red and unrated indicators, and the list of indicators off target.

use super::wording::{capitalise, lowercase_first, plural, RagView, Words};
use crate::dates::format_date_or_text;
use crate::model::Rag;
use crate::rules::scorecard::{PlanStatus, RatedScorecard, Summary};
use crate::rules::target::NotRated;
use crate::rules::{Basis, Policy};
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
    /// The counts as one bar (inline SVG), when charts are drawn.
    pub chart: Option<String>,
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
    /// Which recovery plan covers it (one plan may cover several).
    #[serde(skip)]
    pub plan_index: Option<usize>,
}

/// The summary's sentences, from the counts the rules made.
pub fn summary(rated: &RatedScorecard) -> SummaryView {
    let sc = &rated.scorecard;
    let period = sc.period.as_ref().map(|p| p.long_label.clone());
    // The sentences about the rules describe the ratings the rules gave; a
    // judgement that differs has a sentence of its own.
    let judged = rated.summary.by_judgement;
    let all = rated.summary;
    let counts = Summary {
        green: all.green.saturating_sub(judged.green),
        amber: all.amber.saturating_sub(judged.amber),
        red: all.red.saturating_sub(judged.red),
        not_rated: all.not_rated.saturating_sub(judged.not_rated),
        ..all
    };
    let forecast = rated.settings.basis == Basis::Forecast;
    let year_end = sc.period.as_ref().is_some_and(|p| p.is_year_end());
    let period_words = period
        .as_deref()
        .map(|p| format!("for {p}, "))
        .unwrap_or_default();
    let pct = |n: usize| counts.percent_of(n).unwrap_or(0);
    let policy = rated.settings.policy;
    let amber_possible = rated.amber_possible();
    let mut headline = String::new();
    // "1 of the 1 rated indicator (100%) has met its target"; "None of the 4
    // rated indicators have met their targets": the verb agrees with the
    // number that is its subject.
    let subject = |n: usize| {
        if n == 0 {
            format!(
                "None of the {} rated {}",
                counts.rated,
                plural(counts.rated, "indicator", "indicators")
            )
        } else {
            format!(
                "{n} of the {} rated {} ({}%)",
                counts.rated,
                plural(counts.rated, "indicator", "indicators"),
                pct(n)
            )
        }
    };
    // The number the verb agrees with: the count, or for "None of the N",
    // the N.
    let agree = |n: usize| if n == 0 { counts.rated } else { n };
    let lead = |n: usize| {
        let s = subject(n);
        if period_words.is_empty() {
            s
        } else {
            format!("{}{}", capitalise(&period_words), lowercase_first(&s))
        }
    };
    if counts.rated == 0 {
        headline.push_str(&format!(
            "{}{} {} reported; none can be rated yet.",
            capitalise(&period_words),
            counts.indicators,
            plural(counts.indicators, "indicator is", "indicators are")
        ));
    } else if forecast {
        let n = agree(counts.green);
        headline.push_str(&format!(
            "{} {} currently forecast to meet {} year-end {}.",
            lead(counts.green),
            plural(n, "is", "are"),
            plural(n, "its", "their"),
            plural(n, "target", "targets"),
        ));
    } else {
        let n = agree(counts.green);
        let target = plural(n, "target", "targets");
        let what = if year_end {
            format!("{} year-end {target}", plural(n, "its", "their"))
        } else {
            format!("{} {target}", plural(n, "its", "their"))
        };
        headline.push_str(&format!(
            "{} {} met {what}.",
            lead(counts.green),
            plural(n, "has", "have")
        ));
    }
    let mut detail = Vec::new();
    if counts.amber > 0 {
        let why = match policy {
            Policy::ToleranceAndTrend => plural(
                counts.amber,
                "is off target by more than the tolerance, but improved or held against last \
                 year",
                "are off target by more than the tolerance, but improved or held against last \
                 year",
            ),
            _ => plural(
                counts.amber,
                "is off target but within tolerance",
                "are off target but within tolerance",
            ),
        };
        detail.push(format!(
            "{} {} ({}%) {why} (Amber).",
            counts.amber,
            plural(counts.amber, "indicator", "indicators"),
            pct(counts.amber),
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
        } else if policy == Policy::MetOrMissed {
            plural(counts.red, "missed its target", "missed their targets")
        } else if !rated.rules_give_amber() {
            plural(counts.red, "is off target", "are off target")
        } else if policy == Policy::ToleranceAndTrend {
            plural(
                counts.red,
                "is off target beyond tolerance and did not improve on last year",
                "are off target beyond tolerance and did not improve on last year",
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
    let judgements: Vec<String> = [
        (judged.green, "Green"),
        (judged.amber, "Amber"),
        (judged.red, "Red"),
        (judged.not_rated, "not rated"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|&(n, word)| format!("{n} {} {word}", plural(n, "indicator is", "indicators are")))
    .collect();
    if !judgements.is_empty() {
        detail.push(format!(
            "By the council's judgement (marked \u{2020}, with its reason and the rules' rating \
             beside it), {}.",
            judgements.join(" and ")
        ));
    }
    let other = counts.not_rated.saturating_sub(counts.not_due);
    if other > 0 {
        detail.push(format!(
            "{} {} not rated (for information only, no data yet, or no target).",
            other,
            plural(other, "indicator is", "indicators are")
        ));
    }
    if counts.not_due > 0 {
        detail.push(format!(
            "{} {} not due this period and will be reported later.",
            counts.not_due,
            plural(counts.not_due, "indicator is", "indicators are")
        ));
    }

    SummaryView {
        counts: all,
        headline,
        detail,
        forecast,
        amber_possible,
        chart: None,
    }
}

/// An indicator not due this period, listed as reported later.
#[derive(Debug, Clone, Serialize)]
pub struct LaterView {
    /// The ref.
    pub reference: String,
    /// The title.
    pub title: String,
    /// When, as the workbook says it (`Due June 2019`, `Annual`).
    pub when: Option<String>,
}

/// The indicators not due this period, in workbook order.
pub fn reported_later(rated: &RatedScorecard, words: &Words) -> Vec<LaterView> {
    rated
        .scorecard
        .indicators
        .iter()
        .filter(|ri| {
            ri.rating.not_rated == Some(NotRated::NotDue) && ri.rating.rag == Rag::NotRated
        })
        .map(|ri| LaterView {
            reference: words.text(&ri.indicator.reference),
            title: words.text(&ri.indicator.title),
            when: words.esc.opt_text(&ri.indicator.actual.status),
        })
        .collect()
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
                rag: words.badge(ind, r),
                plan: match r.plan {
                    Some(PlanStatus::Presented) => "presented",
                    Some(PlanStatus::Appendix) => "appendix",
                    _ => "missing",
                },
                presented: plan
                    .and_then(|p| p.presented.as_ref())
                    .map(|d| words.text(&format_date_or_text(d))),
                plan_index: r.plan_index,
            });
        }
    }
    off_target
}

/// The Background's sentences on recovery plans, for what the summary does
/// not say: which off-target indicators have a plan at Appendix A, which had
/// one considered at an earlier meeting (by meeting), which have none yet;
/// and, when Appendix A holds no plan, that there are no new plans.
pub fn plan_sentences(off_target: &[OffTargetView], plans_printed: usize) -> Vec<String> {
    use super::wording::and_list;
    let refs = |status: &str| -> Vec<String> {
        off_target
            .iter()
            .filter(|o| o.plan == status)
            .map(|o| o.reference.clone())
            .collect()
    };
    // How many plans cover them: one plan may cover several indicators.
    let plans = |status: &str| -> usize {
        let mut seen: Vec<Option<usize>> = Vec::new();
        for o in off_target.iter().filter(|o| o.plan == status) {
            if o.plan_index.is_none() || !seen.contains(&o.plan_index) {
                seen.push(o.plan_index);
            }
        }
        seen.len()
    };
    let mut out = Vec::new();
    let at_appendix = refs("appendix");
    match (at_appendix.len(), plans("appendix")) {
        (0, _) => {}
        (_, 1) => out.push(format!(
            "The recovery plan for {} is at Appendix A.",
            and_list(&at_appendix)
        )),
        _ => out.push(format!(
            "The recovery plans for {} are at Appendix A.",
            and_list(&at_appendix)
        )),
    }
    // Earlier meetings, in the order the indicators first name them.
    let mut meetings: Vec<(String, Vec<String>, Vec<Option<usize>>)> = Vec::new();
    for o in off_target.iter().filter(|o| o.plan == "presented") {
        let date = o.presented.clone().unwrap_or_default();
        match meetings.iter_mut().find(|(d, _, _)| *d == date) {
            Some((_, list, ids)) => {
                list.push(o.reference.clone());
                if !ids.contains(&o.plan_index) {
                    ids.push(o.plan_index);
                }
            }
            None => meetings.push((date, vec![o.reference.clone()], vec![o.plan_index])),
        }
    }
    for (date, list, ids) in meetings {
        let (plans, were) = if ids.len() == 1 {
            ("plan", "was")
        } else {
            ("plans", "were")
        };
        let when = if date.is_empty() {
            "an earlier meeting".to_string()
        } else {
            format!("the meeting of {date}")
        };
        out.push(format!(
            "The recovery {plans} for {} {were} considered at {when}.",
            and_list(&list)
        ));
    }
    let missing = refs("missing");
    match missing.len() {
        0 => {}
        1 => out.push(format!("{} has no recovery plan yet.", and_list(&missing))),
        _ => out.push(format!("{} have no recovery plan yet.", and_list(&missing))),
    }
    if plans_printed == 0 {
        out.push("There are no new recovery plans this period.".to_string());
    }
    out
}
