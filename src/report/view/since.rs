//! Since the last report, in words (SPEC §4a): the update on the indicators
//! off target last time, and the list of changes. The rules compared the two
//! workbooks; this only words what they found.

use super::wording::{plural, Words};
use crate::dates::format_date_or_text;
use crate::model::Rag;
use crate::rules::rating::rag_word;
use crate::rules::scorecard::RatedScorecard;
use crate::rules::since::{Now, SinceLast};
use crate::workbook::format_date;
use serde::Serialize;

/// The comparison with the last report, as shown.
#[derive(Debug, Clone, Serialize)]
pub struct SinceView {
    /// "The report for quarter 2 2012/13 (…), presented to the meeting of 22
    /// November 2012, showed 3 indicators off target."
    pub intro: String,
    /// Each indicator off target last time.
    pub updates: Vec<UpdateView>,
    /// Every rating that changed, then the new indicators, then those dropped.
    pub changes: Vec<ChangeView>,
    /// "No rating has changed …", when nothing did.
    pub no_changes: Option<String>,
}

/// An indicator off target last time, and where it stands now.
#[derive(Debug, Clone, Serialize)]
pub struct UpdateView {
    /// The ref.
    pub reference: String,
    /// The title.
    pub title: String,
    /// "recovery plan considered at the meeting of 30 August 2012".
    pub plan: Option<String>,
    /// "61.0% at 2012/13 Q2 (Red); 63.5% now against a target of 65.0% (Red)".
    pub figures: String,
    /// "improved but still off target".
    pub standing: String,
}

/// A change since the last report.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeView {
    /// The ref.
    pub reference: String,
    /// The title.
    pub title: String,
    /// "changed from Amber to Red"; "new since the last report (Green)";
    /// "no longer reported (it was Red)".
    pub text: String,
}

/// Where an indicator stands now, in words.
fn standing_words(now: Now) -> &'static str {
    match now {
        Now::BackOnTarget => "back on target",
        Now::GreenByJudgement => "Green by the council's judgement, not by the rules",
        Now::Improved => "improved, but still off target",
        Now::StillOff => "still off target",
        Now::Worse => "worse than last time",
        Now::NotRated => "not rated this period",
    }
}

/// The rating as written in a sentence ("Red", "not rated"), marked † when
/// it is the council's judgement rather than the rules'.
fn rag(r: Rag, judged: bool) -> String {
    if judged {
        format!("{}†", rag_word(r))
    } else {
        rag_word(r).to_string()
    }
}

/// "The report for quarter 2 2012/13 (…), presented to the meeting of 22
/// November 2012, showed 3 indicators off target. Where they stand now:"
fn intro(s: &SinceLast) -> String {
    let report = match (&s.period_long, s.meeting_date) {
        (Some(p), Some(d)) => format!(
            "The report for {p}, presented to the meeting of {},",
            format_date(d)
        ),
        (Some(p), None) => format!("The report for {p}"),
        (None, Some(d)) => format!("The report to the meeting of {}", format_date(d)),
        (None, None) => "The last report".to_string(),
    };
    let n = s.off_target_then;
    let left = s.updates.len().min(n);
    let gone = n - left;
    let indicators = plural(n, "indicator", "indicators");
    match (n, left, gone) {
        (0, _, _) => format!("{report} showed no indicators off target."),
        (_, 0, _) => format!(
            "{report} showed {n} {indicators} off target, none of which {} reported now.",
            plural(n, "is", "are")
        ),
        (_, _, 0) => format!(
            "{report} showed {n} {indicators} off target. Where {} now:",
            plural(left, "it stands", "they stand")
        ),
        _ => format!(
            "{report} showed {n} {indicators} off target ({gone} of them {} no longer \
             reported). Where the {left} still reported {} now:",
            plural(gone, "is", "are"),
            plural(left, "stands", "stand")
        ),
    }
}

/// The view of the comparison with the last report, when there is one.
pub fn since(rated: &RatedScorecard, words: &Words) -> Option<SinceView> {
    let s: &SinceLast = rated.since.as_ref()?;
    let then = s
        .period
        .clone()
        .unwrap_or_else(|| "the last report".to_string());
    let intro = intro(s);
    let indicators = &rated.scorecard.indicators;
    let updates = s
        .updates
        .iter()
        .filter_map(|u| {
            let ri = indicators.get(u.indicator)?;
            let ind = &ri.indicator;
            let value = |v| words.value(ind, v);
            let forecast = |yes: bool| if yes { "a year-end forecast of " } else { "" };
            // Last time's figure with last time's decimals.
            let then_value = u
                .value_then
                .map(|v| crate::report::figures::format_value(v, &ind.unit, u.decimals_then));
            let rag_then = rag(u.rag_then, u.then_judged);
            let before = match then_value {
                Some(v) => format!("{}{v} at {then} ({rag_then})", forecast(u.then_forecast)),
                None => format!("{rag_then} at {then}"),
            };
            let rag_now = rag(ri.rating.rag, ri.rating.is_judgement());
            let target = ri
                .rating
                .target_used
                .as_ref()
                .map(|_| words.target_used(ind, &ri.rating));
            let now = match (value(ri.rating.value), target) {
                (Some(v), Some(t)) => format!(
                    "{}{v} now against a target of {t} ({rag_now})",
                    forecast(u.now_forecast),
                ),
                (Some(v), None) => format!("{}{v} now ({rag_now})", forecast(u.now_forecast)),
                (None, _) => format!("no figure now ({rag_now})"),
            };
            Some(UpdateView {
                reference: words.text(&ind.reference),
                title: words.text(&ind.title),
                plan: u.plan_considered.as_ref().map(|d| {
                    format!(
                        "recovery plan considered at the meeting of {}",
                        words.text(&format_date_or_text(d))
                    )
                }),
                figures: format!("{before}; {now}"),
                standing: match u.now {
                    Now::GreenByJudgement => format!(
                        "{}; the rules give {}",
                        standing_words(u.now),
                        rag_word(ri.rating.rag_computed)
                    ),
                    now => standing_words(now).to_string(),
                },
            })
        })
        .collect();
    let mut changes: Vec<ChangeView> = s
        .changes
        .iter()
        .filter_map(|c| {
            let ind = &indicators.get(c.indicator)?.indicator;
            Some(ChangeView {
                reference: words.text(&ind.reference),
                title: words.text(&ind.title),
                text: format!(
                    "changed from {} to {}",
                    rag(c.from, c.from_judged),
                    rag(c.to, c.to_judged)
                ),
            })
        })
        .collect();
    changes.extend(s.new.iter().filter_map(|&i| {
        let ri = indicators.get(i)?;
        Some(ChangeView {
            reference: words.text(&ri.indicator.reference),
            title: words.text(&ri.indicator.title),
            text: format!("new since the last report ({})", rag(ri.rating.rag, false)),
        })
    }));
    changes.extend(s.dropped.iter().map(|d| ChangeView {
        reference: words.text(&d.reference),
        title: words.text(&d.title),
        text: format!("no longer reported (it was {})", rag(d.rag, false)),
    }));
    let no_changes = changes.is_empty().then(|| {
        "No rating has changed since the last report, and no indicator is new or dropped."
            .to_string()
    });
    Some(SinceView {
        intro,
        updates,
        changes,
        no_changes,
    })
}
