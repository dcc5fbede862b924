//! What a template sees: the rated scorecard placed and worded for the paper.
//!
//! The rules have decided everything (ratings, directions, plans, focus,
//! standings); the view only places and words it, one file per part of the
//! paper: [`summary`](mod@summary) (headline and off-target list), [`plans`](mod@plans) (Appendix A),
//! [`table`] (Appendix B and the indicators in focus), [`keys`], and the
//! shared [`wording`]. Text from the workbook is made safe by the renderer's
//! [`Escape`], so the view is the same for every output.

pub mod keys;
pub mod pictures;
pub mod plans;
pub mod since;
pub mod standing;
pub mod summary;
pub mod table;
pub mod wording;

pub use keys::KeyLine;
pub use plans::{ActionView, ComparatorView, ComparisonView, PerformanceView, PlanView};
pub use summary::{LaterView, OffTargetView, SummaryView};
pub use table::{FocusView, OutcomeView, RowView, ThemeView};
pub use wording::{DotView, Escape, RagView};

use super::reasoning::policy_text;
use crate::dates::format_date;
use crate::front_matter::{Kind, KEYS};
use crate::rules::scorecard::RatedScorecard;
use indexmap::IndexMap;
use keys::{column_key, rag_key};
use serde::Serialize;
use std::collections::BTreeMap;
use summary::{off_target, reported_later, summary};
use wording::{plural, Words};

/// The front matter as shown: every key of [`KEYS`] by its field name
/// (`meta.committee`; `null` when not given), made safe for the output, the
/// meeting date written out, the title defaulted from the period; the keys
/// of the user's own under `extra` (by key as written, for templates that
/// look one up) and `extra_rows` (key and value made safe, in the order
/// given, for the front-matter table).
#[derive(Debug, Clone, Serialize, Default)]
pub struct MetaView {
    /// Every key.
    #[serde(flatten)]
    pub keys: BTreeMap<&'static str, Option<String>>,
    /// Other keys, by key as written.
    pub extra: IndexMap<String, String>,
    /// Other keys as rows of the front-matter table, in the order given.
    pub extra_rows: Vec<KeyValue>,
}

/// A row of the front-matter table.
#[derive(Debug, Clone, Serialize)]
pub struct KeyValue {
    /// The key as written, made safe.
    pub key: String,
    /// Its value, made safe.
    pub value: String,
}

/// One subsection of the Implications: its heading (none when it is the only
/// one and the workbook gave a plain Implications text), its text, and the
/// officer who verified it.
#[derive(Debug, Clone, Serialize)]
pub struct ImplicationView {
    /// `Financial`, `Legal`, `Equality and diversity`, `Risk management`, `Other`.
    pub heading: Option<&'static str>,
    /// The text (Markdown, made safe).
    pub text: String,
    /// "Implications verified by: NAME".
    pub verified_by: Option<String>,
}

/// The implications councils' templates ask for, in their order: (the key of
/// the text, its heading). Each may have a `…_verified_by` key.
const IMPLICATIONS: &[(&str, &str)] = &[
    ("financial_implications", "Financial"),
    ("legal_implications", "Legal"),
    ("equality_implications", "Equality and diversity"),
    ("risk_management", "Risk management"),
    ("other_implications", "Other"),
];

/// The Implications section's subsections, in their order.
fn implications(rated: &RatedScorecard, words: &Words) -> Vec<ImplicationView> {
    let meta = &rated.scorecard.meta;
    let mut out: Vec<ImplicationView> = IMPLICATIONS
        .iter()
        .filter_map(|&(field, heading)| {
            let verified_by = meta
                .get(&format!("{field}_verified_by"))
                .map(|t| words.text(t))
                .filter(|t| !t.is_empty());
            let text = meta
                .get(field)
                .map(|t| words.esc.rich(t))
                .filter(|t| !t.is_empty());
            if text.is_none() && verified_by.is_none() {
                return None;
            }
            Some(ImplicationView {
                heading: Some(heading),
                text: text.unwrap_or_default(),
                verified_by,
            })
        })
        .collect();
    // A workbook that gives only "Implications" (read as risk management)
    // gets it as the section's text, as before, without a subheading.
    if let [only] = out.as_mut_slice() {
        if only.heading == Some("Risk management") && only.verified_by.is_none() {
            only.heading = None;
        }
    }
    out
}

/// The front matter as shown.
fn meta_view(rated: &RatedScorecard, words: &Words) -> MetaView {
    let sc = &rated.scorecard;
    let meta = &sc.meta;
    let mut keys: BTreeMap<&'static str, Option<String>> = KEYS
        .iter()
        .map(|key| {
            let value = match key.kind {
                Kind::Date => meta.dates.get(key.field).copied().map(format_date),
                Kind::Text | Kind::Period => meta.get(key.field).map(|t| words.text(t)),
                Kind::Markdown => meta.get(key.field).map(|t| words.esc.rich(t)),
            };
            (key.field, value.filter(|v| !v.is_empty()))
        })
        .collect();
    // A title of nothing but spaces (or characters an output drops) is no
    // title: the period's is used.
    let title = meta
        .get("title")
        .filter(|t| !words.text(t).trim().is_empty())
        .map_or_else(
            || match &sc.period {
                Some(p) => format!("Performance report for {}", p.long_label),
                None => "Performance report".to_string(),
            },
            str::to_string,
        );
    keys.insert("title", Some(words.text(&title)));
    MetaView {
        keys,
        extra: meta
            .extra
            .iter()
            .map(|(k, v)| (k.clone(), words.text(v)))
            .collect(),
        extra_rows: meta
            .extra
            .iter()
            .map(|(k, v)| KeyValue {
                key: words.text(k),
                value: words.text(v),
            })
            .filter(|kv| !kv.key.is_empty() && !kv.value.is_empty())
            .collect(),
    }
}

/// Everything a template can use.
#[derive(Debug, Clone, Serialize)]
pub struct ReportView {
    /// "The scorecard has 35 indicators."
    pub scorecard_size: String,
    /// Front matter.
    pub meta: MetaView,
    /// The Implications section's subsections.
    pub implications: Vec<ImplicationView>,
    /// The period's long label.
    pub period: Option<String>,
    /// The summary.
    pub summary: SummaryView,
    /// Where the council stands: the trend against last year and against
    /// benchmarks, a paragraph each.
    pub standing: Vec<String>,
    /// What changed since the last report, when one was given.
    pub since: Option<since::SinceView>,
    /// Off-target indicators (Red, then Amber), in workbook order.
    pub off_target: Vec<OffTargetView>,
    /// Indicators not due this period, reported later.
    pub reported_later: Vec<LaterView>,
    /// The recommendation, when the workbook gives none.
    pub default_recommendation: String,
    /// Plans printed in Appendix A.
    pub plans: Vec<PlanView>,
    /// Off-target indicators with no plan at all.
    pub missing_plans: Vec<OffTargetView>,
    /// Indicators in focus.
    pub in_focus: Vec<FocusView>,
    /// Appendix B, grouped.
    pub themes: Vec<ThemeView>,
    /// The RAG key for the policy in force.
    pub rag_key: Vec<KeyLine>,
    /// The key to the columns.
    pub column_key: Vec<KeyLine>,
    /// The policy in force, in words.
    pub policy: String,
    /// The Background's sentences on recovery plans (which are at Appendix
    /// A, which were considered earlier, which are missing).
    pub background_plans: Vec<String>,
    /// The scorecard appendix's letter: `B` after the recovery plans, `A`
    /// when there are none (an empty Appendix A is left out).
    pub scorecard_appendix: &'static str,
    /// The running header of a printed page: agenda item, committee and
    /// meeting date, as given ("Agenda item 5 — Cabinet — 14 June 2013").
    pub print_header: String,
    /// Which of the scorecard's optional columns hold anything: a column
    /// empty in every row is left out.
    pub columns: ColumnsView,
}

/// Which optional columns of the scorecard table (Appendix B) hold
/// something in at least one row.
#[derive(Debug, Clone, Copy, Serialize, Default)]
pub struct ColumnsView {
    /// Last year.
    pub last_year: bool,
    /// Year-end target.
    pub year_end: bool,
    /// Short-term direction of travel.
    pub short_term: bool,
    /// Long-term direction of travel.
    pub long_term: bool,
    /// Quartile.
    pub quartile: bool,
    /// Commentary.
    pub commentary: bool,
    /// A sparkline of the trend.
    pub trend: bool,
}

impl ColumnsView {
    /// The columns that hold something in the rows of `themes`.
    fn of(themes: &[ThemeView]) -> ColumnsView {
        let mut c = ColumnsView::default();
        let rows = themes
            .iter()
            .flat_map(|t| &t.outcomes)
            .flat_map(|o| &o.rows);
        for r in rows {
            c.last_year |= r.last_year != wording::NONE;
            c.year_end |= r.year_end_target != wording::NONE;
            c.short_term |= r.dot_short.is_some();
            c.long_term |= r.dot_long.is_some();
            c.quartile |= !r.quartile.is_empty();
            c.commentary |= r.commentary.is_some();
            c.trend |= r.sparkline.is_some();
        }
        c
    }
}

/// The running header of a printed page, from the front matter.
fn print_header(rated: &RatedScorecard, words: &Words) -> String {
    let meta = &rated.scorecard.meta;
    let mut parts = Vec::new();
    if let Some(item) = meta
        .get("agenda_item")
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let lower = item.to_lowercase();
        if lower.starts_with("agenda") || lower.starts_with("item") {
            parts.push(words.text(item));
        } else {
            parts.push(format!("Agenda item {}", words.text(item)));
        }
    }
    if let Some(c) = meta
        .get("committee")
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        parts.push(words.text(c));
    }
    if let Some(d) = meta.meeting_date() {
        parts.push(format_date(d));
    }
    if parts.is_empty() {
        if let Some(o) = meta
            .get("organisation")
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            parts.push(words.text(o));
        }
    }
    parts.join(" \u{2014} ")
}

/// Builds the view of a rated scorecard, its text made safe by `esc`, with
/// charts when `charts` is set and the output can hold them.
pub fn build(rated: &RatedScorecard, esc: &dyn Escape, charts: bool) -> ReportView {
    let words = Words {
        esc,
        charts: charts && esc.draws(),
    };
    let sc = &rated.scorecard;
    let period = sc.period.as_ref().map(|p| p.long_label.clone());
    let off_target = off_target(rated, &words);
    let missing_plans = off_target
        .iter()
        .filter(|o| o.plan == "missing")
        .cloned()
        .collect();
    let plans = plans::plans(rated, &words);
    let in_focus = table::in_focus(rated, &words);
    let themes = table::themes(rated, &words);
    let plan_count = plans.len();
    let default_recommendation = if plan_count > 0 {
        format!(
            "The Committee is asked to comment on the performance reported, and to review the {} recovery {} at Appendix A.",
            plan_count,
            if plan_count == 1 { "plan" } else { "plans" }
        )
    } else {
        "The Committee is asked to comment on the performance reported.".to_string()
    };

    let background_plans = summary::plan_sentences(&off_target, plans.len());
    let scorecard_appendix = if plans.is_empty() { "A" } else { "B" };
    let columns = ColumnsView::of(&themes);
    let counts = rated.summary;
    let scorecard_size = format!(
        "The scorecard has {} {}.",
        counts.indicators,
        plural(counts.indicators, "indicator", "indicators")
    );
    ReportView {
        scorecard_size,
        meta: meta_view(rated, &words),
        implications: implications(rated, &words),
        period,
        summary: summary::SummaryView {
            chart: pictures::rag_counts(rated, &words),
            ..summary(rated)
        },
        standing: standing::standing(rated, &words),
        since: since::since(rated, &words),
        off_target,
        reported_later: reported_later(rated, &words),
        default_recommendation,
        plans,
        missing_plans,
        in_focus,
        themes,
        rag_key: rag_key(rated),
        column_key: column_key(rated.amber_possible(), &columns),
        policy: format!(
            "{} \u{2014} {}",
            rated.settings.policy.name(),
            policy_text(rated.settings.policy)
        ),
        background_plans,
        scorecard_appendix,
        print_header: print_header(rated, &words),
        columns,
    }
}
