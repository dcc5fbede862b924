//! Appendix A: the recovery plans printed with the paper, each with the
//! figures of the indicators it covers, their standing among comparators, and
//! its actions.

use super::wording::{ordinal, quartile_word, RagView, Words, NONE};
use crate::dates::format_date_or_text;
use crate::model::ReportMeta;
use crate::rules::benchmark::Comparator;
use crate::rules::scorecard::{RatedIndicator, RatedScorecard};
use serde::Serialize;

/// One action of a plan.
#[derive(Debug, Clone, Serialize)]
pub struct ActionView {
    /// What will be done.
    pub action: String,
    /// Who leads it.
    pub lead: String,
    /// When, as councils write it.
    pub due: String,
    /// Its status.
    pub status: Option<String>,
    /// Past its date at the meeting date and not complete.
    pub overdue: bool,
}

/// A comparator row of a plan's comparative table.
#[derive(Debug, Clone, Serialize)]
pub struct ComparatorView {
    /// The comparator (or this council).
    pub name: String,
    /// Its value as shown.
    pub value: String,
    /// Its rank, 1 = best.
    pub rank: Option<usize>,
    /// This council's own row.
    pub is_self: bool,
}

/// A benchmark comparison for one indicator of a plan.
#[derive(Debug, Clone, Serialize)]
pub struct ComparisonView {
    /// The indicator's ref.
    pub reference: String,
    /// The indicator's title.
    pub title: String,
    /// Rows, best first.
    pub rows: Vec<ComparatorView>,
    /// Rows that are averages (not ranked), such as `England average`.
    pub averages: Vec<ComparatorView>,
    /// The council's own earlier figures (`Lancashire 2011/12`), not ranked.
    pub history: Vec<ComparatorView>,
    /// This council's rank, e.g. `5th of 23`.
    pub rank: Option<String>,
    /// This council's quartile as a word.
    pub quartile: Option<String>,
    /// The ranking as a bar chart (inline SVG), when charts are drawn.
    pub chart: Option<String>,
}

/// An indicator's figures in a plan.
#[derive(Debug, Clone, Serialize)]
pub struct PerformanceView {
    /// The ref.
    pub reference: String,
    /// The title.
    pub title: String,
    /// Aim with baseline and target.
    pub phrase: String,
    /// This period's value.
    pub value: String,
    /// Last year's value.
    pub last_year: String,
    /// The target used.
    pub target: String,
    /// The year-end target.
    pub year_end_target: String,
    /// The rating.
    pub rag: RagView,
    /// Its trend against the target, as an inline SVG, when charts are drawn
    /// and it has two or more periods.
    pub chart: Option<String>,
}

/// A recovery plan printed in Appendix A.
#[derive(Debug, Clone, Serialize)]
pub struct PlanView {
    /// Its number in the appendix (A1, A2…).
    pub number: usize,
    /// Its title.
    pub title: String,
    /// The indicators it covers.
    pub indicators: Vec<PerformanceView>,
    /// Why under-performing.
    pub reasons: Option<String>,
    /// Comparative data text.
    pub comparative: Option<String>,
    /// Benchmark tables.
    pub comparisons: Vec<ComparisonView>,
    /// Actions.
    pub actions: Vec<ActionView>,
    /// How many actions are overdue.
    pub overdue: usize,
}

/// The plans the rules put in Appendix A, in workbook order.
pub fn plans(rated: &RatedScorecard, words: &Words) -> Vec<PlanView> {
    let sc = &rated.scorecard;
    let mut plans = Vec::new();
    for rp in sc.plans.iter().filter(|p| p.in_appendix) {
        let plan = &rp.plan;
        let covered: Vec<&RatedIndicator> = rp
            .covers
            .iter()
            .filter_map(|&i| sc.indicators.get(i))
            .collect();
        let actions: Vec<ActionView> = plan
            .actions
            .iter()
            .enumerate()
            .map(|(i, a)| ActionView {
                action: words.esc.rich(&a.action),
                lead: a.lead.as_deref().map(|l| words.text(l)).unwrap_or_default(),
                due: a
                    .due
                    .as_ref()
                    .map(|d| words.text(&format_date_or_text(d)))
                    .unwrap_or_default(),
                status: words.esc.opt_text(&a.status),
                overdue: rp.is_overdue(i),
            })
            .collect();
        let title = plan.title.clone().unwrap_or_else(|| {
            covered
                .iter()
                .map(|ri| ri.indicator.title.clone())
                .collect::<Vec<_>>()
                .join("; ")
        });
        plans.push(PlanView {
            number: plans.len() + 1,
            title: words.text(&title),
            indicators: covered
                .iter()
                .map(|ri| {
                    let (i, r) = (&ri.indicator, &ri.rating);
                    PerformanceView {
                        reference: words.text(&i.reference),
                        title: words.text(&i.title),
                        phrase: words.phrase(i, r),
                        value: words.shown_value(i).0,
                        last_year: words.last_year(i, r),
                        target: words.target_used(i, r),
                        year_end_target: words.target(i, &i.year_end_target),
                        rag: words.badge(i, r),
                        chart: super::pictures::trend(ri, rated, words),
                    }
                })
                .collect(),
            reasons: words.esc.opt_rich(&plan.reasons),
            comparative: words.esc.opt_rich(&plan.comparative),
            comparisons: covered
                .iter()
                .filter_map(|ri| comparison(ri, rated, words))
                .collect(),
            overdue: actions.iter().filter(|a| a.overdue).count(),
            actions,
        });
    }
    plans
}

/// The benchmark table of one indicator, as the rules ranked it.
fn comparison(
    ri: &RatedIndicator,
    rated: &RatedScorecard,
    words: &Words,
) -> Option<ComparisonView> {
    let standing = ri.rating.standing.as_ref()?;
    let ind = &ri.indicator;
    let benchmarks = &rated.scorecard.benchmarks;
    let meta: &ReportMeta = &rated.scorecard.meta;
    let shown = |v| words.value(ind, v).unwrap_or_else(|| NONE.into());
    let unranked = |rows: &[usize]| -> Vec<ComparatorView> {
        rows.iter()
            .filter_map(|&i| benchmarks.get(i))
            .map(|b| ComparatorView {
                name: words.text(&b.comparator),
                value: shown(b.value.value),
                rank: None,
                is_self: false,
            })
            .collect()
    };
    let averages = unranked(&standing.averages);
    let history = unranked(&standing.history);
    let rows = standing
        .ranked
        .iter()
        .map(|r| {
            let name = match r.who {
                Comparator::Us => meta.get("organisation").unwrap_or("This council"),
                Comparator::Row(i) => benchmarks.get(i).map_or("", |b| b.comparator.as_str()),
            };
            ComparatorView {
                name: words.text(name),
                value: shown(r.value),
                rank: r.rank,
                is_self: r.who == Comparator::Us,
            }
        })
        .collect();
    Some(ComparisonView {
        reference: words.text(&ind.reference),
        title: words.text(&ind.title),
        rows,
        averages,
        history,
        rank: standing
            .rank
            .map(|r| format!("{} of {}", ordinal(r), standing.out_of)),
        quartile: ri.rating.quartile.map(|q| quartile_word(q).to_string()),
        chart: super::pictures::comparators(ri, rated, words),
    })
}
