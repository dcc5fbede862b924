//! Appendix B, the scorecard table grouped by theme and outcome, and the
//! indicators in focus.

use super::wording::{dot_view, ordinal, quartile_word, DotView, RagView, Words};
use crate::period::PeriodKind;
use crate::rules::focus::FocusReason;
use crate::rules::scorecard::RatedScorecard;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;

/// One row of the scorecard table.
#[derive(Debug, Clone, Serialize)]
pub struct RowView {
    /// The ref.
    pub reference: String,
    /// The title.
    pub title: String,
    /// The value as shown, or its status text, or `–`.
    pub value: String,
    /// Text kept beside the value (`Due June 2019`, `15.2k out of 26.4k`).
    pub note: Option<String>,
    /// Last year's figure: the whole year's outturn where the workbook gives
    /// it (`981,000 (2017/18)`), else the same period last year, else `–`.
    pub last_year: String,
    /// The target used, as shown.
    pub target: String,
    /// The year-end target, as shown.
    pub year_end_target: String,
    /// The rating.
    pub rag: RagView,
    /// Short-term direction.
    pub dot_short: Option<DotView>,
    /// Long-term direction.
    pub dot_long: Option<DotView>,
    /// The quartile as a word.
    pub quartile: String,
    /// Commentary.
    pub commentary: Option<String>,
    /// Marked illustrative (an `Illustrative` column says yes).
    pub illustrative: bool,
    /// Its trend as a small inline SVG, when it has History and charts are
    /// drawn.
    pub sparkline: Option<String>,
}

/// Indicators of one outcome.
#[derive(Debug, Clone, Serialize)]
pub struct OutcomeView {
    /// The outcome, if any.
    pub name: Option<String>,
    /// Its rows.
    pub rows: Vec<RowView>,
}

/// Indicators of one theme.
#[derive(Debug, Clone, Serialize)]
pub struct ThemeView {
    /// The theme, if any.
    pub name: Option<String>,
    /// Its outcomes.
    pub outcomes: Vec<OutcomeView>,
}

/// An indicator in focus.
#[derive(Debug, Clone, Serialize)]
pub struct FocusView {
    /// The ref.
    pub reference: String,
    /// The title.
    pub title: String,
    /// Why in focus.
    pub reason: String,
    /// Its definition.
    pub description: Option<String>,
    /// The value.
    pub value: String,
    /// The target used.
    pub target: String,
    /// The year-end target.
    pub year_end_target: String,
    /// The benchmark with its label and the top quartile's threshold:
    /// "National average (2009/10) 13.8%".
    pub benchmark: Option<String>,
    /// The rating.
    pub rag: RagView,
    /// Commentary.
    pub commentary: Option<String>,
    /// Short-term direction.
    pub dot_short: Option<DotView>,
    /// Its trend against the target, as an inline SVG, when charts are drawn
    /// and it has two or more periods.
    pub chart: Option<String>,
}

/// The indicators in focus, in workbook order, each with why.
pub fn in_focus(rated: &RatedScorecard, words: &Words) -> Vec<FocusView> {
    let sc = &rated.scorecard;
    let unit = match sc.period.as_ref().map(|p| p.kind) {
        Some(PeriodKind::Month(_)) => "month",
        Some(PeriodKind::Quarter(_)) => "quarter",
        _ => "period",
    };
    sc.indicators
        .iter()
        .filter(|ri| !ri.rating.focus.is_empty())
        .map(|ri| {
            let (i, r) = (&ri.indicator, &ri.rating);
            let reasons: Vec<String> = r
                .focus
                .iter()
                .map(|reason| match reason {
                    FocusReason::AtRed(n) => {
                        format!("{} {unit} in a row at Red", ordinal(*n as usize))
                    }
                    FocusReason::Selected => "Selected for focus".to_string(),
                })
                .collect();
            FocusView {
                reference: words.text(&i.reference),
                title: words.text(&i.title),
                reason: reasons.join("; "),
                description: words.esc.opt_rich(&i.description),
                value: words.shown_value(i).0,
                target: words.target_used(i, r),
                year_end_target: words.target(i, &i.year_end_target),
                benchmark: words.benchmark(i),
                rag: words.badge(i, r),
                commentary: words.esc.opt_rich(&i.commentary),
                dot_short: dot_view(r.dot_short),
                chart: super::pictures::trend(ri, rated, words),
            }
        })
        .collect()
}

/// Appendix B grouped by theme, then outcome, in order of first appearance;
/// the rows are worded in parallel, then placed in their groups.
pub fn themes(rated: &RatedScorecard, words: &Words) -> Vec<ThemeView> {
    let rows: Vec<(Option<String>, Option<String>, RowView)> = rated
        .scorecard
        .indicators
        .par_iter()
        .with_min_len(256)
        .map(|ri| {
            let (ind, r) = (&ri.indicator, &ri.rating);
            let theme = words.esc.opt_text(&ind.theme);
            let outcome = words.esc.opt_text(&ind.outcome);
            let (value, note) = words.shown_value(ind);
            let note = note.or_else(|| words.esc.opt_text(&ind.note));
            let row = RowView {
                reference: words.text(&ind.reference),
                title: words.text(&ind.title),
                value,
                note,
                last_year: words.last_year(ind, r),
                target: words.target_used(ind, r),
                year_end_target: words.target(ind, &ind.year_end_target),
                rag: words.badge(ind, r),
                dot_short: dot_view(r.dot_short),
                dot_long: dot_view(r.dot_long),
                quartile: r
                    .quartile
                    .map(|q| quartile_word(q).to_string())
                    .unwrap_or_default(),
                commentary: words.esc.opt_rich(&ind.commentary),
                illustrative: ind.illustrative,
                sparkline: super::pictures::sparkline(ri, rated, words),
            };
            (theme, outcome, row)
        })
        .collect();
    let mut themes: Vec<ThemeView> = Vec::new();
    let mut theme_index: HashMap<Option<String>, usize> = HashMap::new();
    let mut outcome_index: HashMap<(usize, Option<String>), usize> = HashMap::new();
    for (theme, outcome, row) in rows {
        let t = *theme_index.entry(theme.clone()).or_insert_with(|| {
            themes.push(ThemeView {
                name: theme,
                outcomes: Vec::new(),
            });
            themes.len() - 1
        });
        let Some(outcomes) = themes.get_mut(t).map(|t| &mut t.outcomes) else {
            continue;
        };
        let o = *outcome_index
            .entry((t, outcome.clone()))
            .or_insert_with(|| {
                outcomes.push(OutcomeView {
                    name: outcome,
                    rows: Vec::new(),
                });
                outcomes.len() - 1
            });
        if let Some(o) = outcomes.get_mut(o) {
            o.rows.push(row);
        }
    }
    themes
}
