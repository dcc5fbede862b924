//! The report's view of a rated scorecard: every figure formatted, every
//! sentence composed and every cell's text made safe for the output format, so
//! that templates only place things. The view knows nothing about files.

use super::text::{escape_markdown, markdown_to_html, neutralise_markdown};
use crate::dates::{format_date, format_date_or_text};
use crate::format::{format_target, format_value};
use crate::model::{DateOrText, Indicator, Polarity, Rag, Target, Tolerance};
use crate::rules::direction::Direction;
use crate::rules::explain::policy_text;
use crate::rules::scorecard::{PlanStatus, RatedScorecard, Rating};
use crate::rules::{Basis, Policy};
use chrono::NaiveDate;
use rayon::prelude::*;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::HashMap;

/// The output the view is made for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// HTML: plain text is escaped by the templates; Markdown fields are
    /// rendered and sanitised here.
    Html,
    /// Markdown: plain text is escaped here; Markdown fields are neutralised.
    Markdown,
}

impl Mode {
    /// Plain text from a cell, made safe for this output.
    fn text(self, s: &str) -> String {
        match self {
            Mode::Html => s.trim().to_string(),
            Mode::Markdown => escape_markdown(s),
        }
    }

    /// Markdown from a cell, made safe for this output.
    fn rich(self, s: &str) -> String {
        match self {
            Mode::Html => markdown_to_html(s),
            Mode::Markdown => neutralise_markdown(s),
        }
    }

    fn opt_text(self, s: &Option<String>) -> Option<String> {
        s.as_deref().map(|s| self.text(s)).filter(|s| !s.is_empty())
    }

    fn opt_rich(self, s: &Option<String>) -> Option<String> {
        s.as_deref().map(|s| self.rich(s)).filter(|s| !s.is_empty())
    }
}

/// A rating as shown: its word and a class for colour.
#[derive(Debug, Clone, Serialize)]
pub struct RagView {
    /// `Red`, `Amber`, `Green`, `Not rated`.
    pub word: &'static str,
    /// `red`, `amber`, `green`, `not-rated`.
    pub class: &'static str,
    /// A judgement rather than the rules' rating.
    pub judgement: bool,
}

/// The badge for a rating, marked as a judgement when it is an override.
fn badge(r: &Rating) -> RagView {
    let (word, class) = match r.rag {
        Rag::Red => ("Red", "red"),
        Rag::Amber => ("Amber", "amber"),
        Rag::Green => ("Green", "green"),
        Rag::NotRated => ("Not rated", "not-rated"),
    };
    RagView {
        word,
        class,
        judgement: r.rag_source == crate::rules::scorecard::RagSource::Override,
    }
}

/// A direction of travel as shown: arrow and word, never colour alone.
#[derive(Debug, Clone, Serialize)]
pub struct DotView {
    /// `↑`, `↓` or `↔`.
    pub arrow: &'static str,
    /// `Improving`, `Worsening`, `No change`.
    pub word: &'static str,
    /// `improving`, `worsening`, `no-change`.
    pub class: &'static str,
}

fn dot_view(d: Option<Direction>) -> Option<DotView> {
    d.map(|d| match d {
        Direction::Improving => DotView {
            arrow: "\u{2191}",
            word: "Improving",
            class: "improving",
        },
        Direction::Worsening => DotView {
            arrow: "\u{2193}",
            word: "Worsening",
            class: "worsening",
        },
        Direction::NoChange => DotView {
            arrow: "\u{2194}",
            word: "No change",
            class: "no-change",
        },
    })
}

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
    /// This council's rank, e.g. `5th of 23`.
    pub rank: Option<String>,
    /// This council's quartile as a word.
    pub quartile: Option<String>,
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
    /// The benchmark.
    pub benchmark: Option<String>,
    /// The rating.
    pub rag: RagView,
    /// Commentary.
    pub commentary: Option<String>,
    /// Short-term direction.
    pub dot_short: Option<DotView>,
}

/// A line of a key.
#[derive(Debug, Clone, Serialize)]
pub struct KeyLine {
    /// The term.
    pub term: String,
    /// What it means.
    pub meaning: String,
    /// A class for colour, for RAG lines.
    pub class: Option<&'static str>,
}

/// The front matter as shown.
#[derive(Debug, Clone, Serialize, Default)]
#[allow(missing_docs)]
pub struct MetaView {
    pub organisation: Option<String>,
    pub committee: Option<String>,
    pub meeting_date: Option<String>,
    pub venue: Option<String>,
    pub agenda_item: Option<String>,
    pub title: String,
    pub report_of: Option<String>,
    pub electoral_divisions: Option<String>,
    pub contact: Option<String>,
    pub recommendations: Option<String>,
    pub background: Option<String>,
    pub consultations: Option<String>,
    pub risk_management: Option<String>,
    pub background_papers: Option<String>,
    /// Other keys, by key as written.
    pub extra: std::collections::BTreeMap<String, String>,
}

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

/// Everything a template can use.
#[derive(Debug, Clone, Serialize)]
pub struct ReportView {
    /// "The scorecard has 35 indicators."
    pub scorecard_size: String,
    /// Front matter.
    pub meta: MetaView,
    /// The period's long label.
    pub period: Option<String>,
    /// The summary.
    pub summary: SummaryView,
    /// Off-target indicators (Red, then Amber), in workbook order.
    pub off_target: Vec<OffTargetView>,
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
}

fn quartile_word(q: u8) -> &'static str {
    match q {
        1 => "Top",
        2 => "Second",
        3 => "Third",
        _ => "Bottom",
    }
}

fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

struct Ctx<'a> {
    rated: &'a RatedScorecard,
    mode: Mode,
}

impl Ctx<'_> {
    fn value(&self, ind: &Indicator, v: Option<Decimal>) -> Option<String> {
        v.map(|v| format_value(v, &ind.unit, ind.display_decimals()))
    }

    fn target(&self, ind: &Indicator, t: &Option<Target>) -> String {
        t.as_ref()
            .map(|t| format_target(t, &ind.unit, ind.display_decimals()))
            .unwrap_or_else(|| "\u{2013}".to_string())
    }

    fn shown_value(&self, ind: &Indicator) -> (String, Option<String>) {
        match (ind.actual.value, &ind.actual.status) {
            (Some(v), status) => (
                self.value(ind, Some(v)).unwrap_or_default(),
                status.as_deref().map(|s| self.mode.text(s)),
            ),
            (None, Some(s)) => (self.mode.text(s), None),
            (None, None) => ("\u{2013}".to_string(), None),
        }
    }

    /// "Increase the proportion … from 60.1% to 61.0%", or the workbook's own phrasing.
    fn phrase(&self, ind: &Indicator, rating: &Rating) -> String {
        if let Some(p) = ind
            .extra
            .iter()
            .find(|(k, _)| crate::schema::normalise_name(k) == "phrasing")
            .map(|(_, v)| v)
        {
            return self.mode.text(p);
        }
        let verb = match ind.polarity {
            Polarity::Higher => "Increase",
            Polarity::Lower => "Reduce",
            Polarity::Band => "Keep",
            Polarity::Info => "Monitor",
        };
        // "Proportion of pupils…" reads "Increase the proportion of pupils…" only in
        // sentence case; a title in title case (or an acronym) keeps its capitals.
        let mut title = ind.title.trim().to_string();
        let mut words = title.split_whitespace();
        let first_word = words.next().unwrap_or_default();
        let sentence_case = words
            .next()
            .is_none_or(|w| !w.starts_with(char::is_uppercase))
            && first_word.chars().skip(1).all(|c| !c.is_uppercase());
        if sentence_case {
            if let Some(first) = title.chars().next() {
                title = first.to_lowercase().collect::<String>() + &title[first.len_utf8()..];
            }
        }
        let baseline = ind
            .last_year
            .value
            .or(rating.last_year.as_ref().map(|e| e.value))
            .and_then(|v| self.value(ind, Some(v)));
        let dp = ind.display_decimals();
        // A bound reads in words: "to below 624.1", "to 95.0% or above".
        let target = ind
            .year_end_target
            .as_ref()
            .or(ind.target.as_ref())
            .map(|t| match t {
                Target::Bound { cmp, value } => {
                    let v = format_value(*value, &ind.unit, dp);
                    match cmp {
                        crate::model::Comparison::Lt => format!("below {v}"),
                        crate::model::Comparison::Le => format!("{v} or below"),
                        crate::model::Comparison::Gt => format!("above {v}"),
                        crate::model::Comparison::Ge => format!("{v} or above"),
                    }
                }
                other => format_target(other, &ind.unit, dp),
            });
        let text = match (ind.polarity, baseline, target) {
            (Polarity::Band, _, Some(t)) => format!("{verb} {title} within {t}"),
            (_, Some(b), Some(t)) => format!("{verb} {title} from {b} to {t}"),
            (_, None, Some(t)) => format!("{verb} {title} to {t}"),
            _ => format!("{verb} {title}"),
        };
        self.mode.text(&text)
    }
}

fn is_complete(status: &Option<String>) -> bool {
    status.as_deref().is_some_and(|s| {
        let s = s.trim().to_lowercase();
        ["complete", "completed", "done", "achieved", "closed"].contains(&s.as_str())
    })
}

/// The last day an action can be done: its date, or the end of its month.
fn due_by(due: &DateOrText) -> Option<NaiveDate> {
    match due {
        DateOrText::Date(d) => Some(*d),
        DateOrText::Month(d) => d
            .checked_add_months(chrono::Months::new(1))
            .and_then(|n| n.pred_opt()),
        DateOrText::Text(_) => None,
    }
}

/// Whether an action is overdue at the meeting date.
pub fn overdue(
    due: &Option<DateOrText>,
    status: &Option<String>,
    meeting: Option<NaiveDate>,
) -> bool {
    match (due.as_ref().and_then(due_by), meeting) {
        (Some(by), Some(meeting)) => by < meeting && !is_complete(status),
        _ => false,
    }
}

fn is_average(name: &str) -> bool {
    let n = name.to_lowercase();
    n.contains("average") || n.contains("england") || n.contains("national") || n.contains("region")
}

impl Ctx<'_> {
    fn comparison(&self, ind: &Indicator) -> Option<ComparisonView> {
        let sc = &self.rated.scorecard;
        let benchmarks: Vec<_> = self
            .rated
            .relations
            .benchmarks(&ind.reference)
            .iter()
            .filter_map(|&i| sc.benchmarks.get(i))
            .collect();
        if benchmarks.is_empty() {
            return None;
        }
        let us = sc
            .meta
            .organisation
            .clone()
            .unwrap_or_else(|| "This council".to_string());
        let mut ranked: Vec<(String, Option<Decimal>, bool)> = Vec::new();
        let mut averages = Vec::new();
        for b in &benchmarks {
            if is_average(&b.comparator) {
                averages.push(ComparatorView {
                    name: self.mode.text(&b.comparator),
                    value: self
                        .value(ind, b.value.value)
                        .unwrap_or_else(|| "\u{2013}".into()),
                    rank: None,
                    is_self: false,
                });
            } else if !b.comparator.eq_ignore_ascii_case(&us) {
                ranked.push((b.comparator.clone(), b.value.value, false));
            }
        }
        ranked.push((us, ind.actual.value, true));
        let better_first = |a: &Option<Decimal>, b: &Option<Decimal>| match (a, b) {
            (Some(a), Some(b)) => match ind.polarity {
                Polarity::Lower => a.cmp(b),
                _ => b.cmp(a),
            },
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        };
        let rankable = ind.polarity == Polarity::Higher || ind.polarity == Polarity::Lower;
        if rankable {
            ranked.sort_by(|a, b| better_first(&a.1, &b.1));
        }
        let with_values = ranked.iter().filter(|r| r.1.is_some()).count();
        let mut rows = Vec::new();
        let mut our_rank = None;
        for (name, value, is_self) in &ranked {
            // Equal values share the better rank.
            let rank = (rankable && value.is_some()).then(|| {
                1 + ranked
                    .iter()
                    .filter(|o| better_first(&o.1, value) == std::cmp::Ordering::Less)
                    .count()
            });
            if *is_self {
                our_rank = rank;
            }
            rows.push(ComparatorView {
                name: self.mode.text(name),
                value: self.value(ind, *value).unwrap_or_else(|| "\u{2013}".into()),
                rank,
                is_self: *is_self,
            });
        }
        let quartile = ind.quartile.map(|q| q.0).or_else(|| {
            our_rank.map(|r| {
                let q = (4 * r).div_ceil(with_values.max(1));
                q.clamp(1, 4) as u8
            })
        });
        Some(ComparisonView {
            reference: self.mode.text(&ind.reference),
            title: self.mode.text(&ind.title),
            rows,
            averages,
            rank: our_rank.map(|r| format!("{} of {with_values}", ordinal(r))),
            quartile: quartile.map(|q| quartile_word(q).to_string()),
        })
    }
}

fn rag_key(policy: Policy, tolerance: Tolerance, basis: Basis) -> Vec<KeyLine> {
    let tol = match tolerance {
        Tolerance::Relative(p) => format!("{}% of the target", p.normalize()),
        Tolerance::Absolute(a) => format!("{} in the indicator's unit", a.normalize()),
    };
    let what = if basis == Basis::Forecast {
        "forecast to meet its year-end target"
    } else {
        "the target is met"
    };
    let line = |term: &str, meaning: String, class| KeyLine {
        term: term.to_string(),
        meaning,
        class: Some(class),
    };
    let mut lines = Vec::new();
    match policy {
        Policy::Tolerance => {
            lines.push(line("Green", format!("On target: {what}."), "green"));
            lines.push(line(
                "Amber",
                format!("Off target, but within the tolerance of {tol} (unless the indicator sets its own)."),
                "amber",
            ));
            lines.push(line(
                "Red",
                format!("Off target by more than the tolerance of {tol}."),
                "red",
            ));
        }
        Policy::ToleranceAndTrend => {
            lines.push(line(
                "Green",
                format!("On target, or off target by no more than {tol} (unless the indicator sets its own tolerance)."),
                "green",
            ));
            lines.push(line(
                "Amber",
                "Off target by more than the tolerance, but improved or held against the same period last year.".to_string(),
                "amber",
            ));
            lines.push(line(
                "Red",
                "Off target by more than the tolerance, and worse than the same period last year (or no figure for last year).".to_string(),
                "red",
            ));
        }
        Policy::MetOrMissed => {
            lines.push(line("Green", format!("Met: {what}."), "green"));
            lines.push(line("Red", "Missed.".to_string(), "red"));
        }
    }
    lines.push(line(
        "Not rated",
        "For information only, no data yet, or no target.".to_string(),
        "not-rated",
    ));
    lines.push(KeyLine {
        term: "Judgement".to_string(),
        meaning: "The rating marked \u{2020} is the council's judgement; the rules' rating is given in the data (JSON).".to_string(),
        class: None,
    });
    lines
}

fn column_key() -> Vec<KeyLine> {
    let line = |term: &str, meaning: &str| KeyLine {
        term: term.to_string(),
        meaning: meaning.to_string(),
        class: None,
    };
    vec![
        line("Value", "Performance this period (or year to date for cumulative indicators)."),
        line("Target", "The target for this period; for cumulative indicators without one, the year-end target profiled to the months elapsed."),
        line("Year end", "The target for the end of the year."),
        line("RAG", "Red, Amber or Green rating (see the RAG key)."),
        line("Short term", "Direction of travel against the previous period: \u{2191} improving, \u{2193} worsening, \u{2194} no change."),
        line("Long term", "Direction of travel against the same period last year."),
        line("Quartile", "Position among comparable councils: Top, Second, Third or Bottom quartile."),
    ]
}

/// Builds the view of a rated scorecard for one output format.
pub fn build(rated: &RatedScorecard, mode: Mode) -> ReportView {
    let cx = Ctx { rated, mode };
    let sc = &rated.scorecard;
    let meta = &sc.meta;
    let period = sc.period.as_ref().map(|p| p.long_label.clone());
    let counts = rated.summary;
    let forecast = rated.settings.basis == Basis::Forecast;
    let year_end = sc.period.as_ref().is_some_and(|p| p.months_elapsed == 12);

    // The summary sentences.
    let period_words = period
        .as_deref()
        .map(|p| format!("for {p}, "))
        .unwrap_or_default();
    let pct = |n: usize| counts.percent_of(n).unwrap_or(0);
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            one.to_string()
        } else {
            many.to_string()
        }
    };
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

    // Off-target indicators: Red first, then Amber, each in workbook order.
    let mut off_target = Vec::new();
    for wanted in [Rag::Red, Rag::Amber] {
        for (ind, r) in sc.indicators.iter().zip(&rated.ratings) {
            if r.rag != wanted {
                continue;
            }
            let plan = rated
                .relations
                .plan(&ind.reference)
                .and_then(|i| sc.plans.get(i));
            off_target.push(OffTargetView {
                reference: mode.text(&ind.reference),
                title: mode.text(&ind.title),
                phrase: cx.phrase(ind, r),
                rag: badge(r),
                plan: match r.plan {
                    Some(PlanStatus::Presented) => "presented",
                    Some(PlanStatus::Appendix) => "appendix",
                    _ => "missing",
                },
                presented: plan
                    .and_then(|p| p.presented.as_ref())
                    .map(|d| mode.text(&format_date_or_text(d))),
            });
        }
    }
    let missing_plans = off_target
        .iter()
        .filter(|o| o.plan == "missing")
        .cloned()
        .collect();

    // Appendix A: plans not presented earlier that cover an indicator in the scorecard.
    let mut plans = Vec::new();
    for plan in sc.plans.iter().filter(|p| p.presented.is_none()) {
        let covered: Vec<(&Indicator, &Rating)> = plan
            .refs
            .iter()
            .filter_map(|r| {
                let i = rated.relations.indicator(r)?;
                Some((sc.indicators.get(i)?, rated.ratings.get(i)?))
            })
            .collect();
        if covered.is_empty() {
            continue;
        }
        let actions: Vec<ActionView> = plan
            .actions
            .iter()
            .map(|a| ActionView {
                action: mode.rich(&a.action),
                lead: a.lead.as_deref().map(|l| mode.text(l)).unwrap_or_default(),
                due: a
                    .due
                    .as_ref()
                    .map(|d| mode.text(&format_date_or_text(d)))
                    .unwrap_or_default(),
                status: mode.opt_text(&a.status),
                overdue: overdue(&a.due, &a.status, meta.meeting_date),
            })
            .collect();
        let title = plan.title.clone().unwrap_or_else(|| {
            covered
                .iter()
                .map(|(i, _)| i.title.clone())
                .collect::<Vec<_>>()
                .join("; ")
        });
        plans.push(PlanView {
            number: plans.len() + 1,
            title: mode.text(&title),
            indicators: covered
                .iter()
                .map(|(i, r)| PerformanceView {
                    reference: mode.text(&i.reference),
                    title: mode.text(&i.title),
                    phrase: cx.phrase(i, r),
                    value: cx.shown_value(i).0,
                    last_year: cx
                        .value(
                            i,
                            i.last_year.value.or(r.last_year.as_ref().map(|e| e.value)),
                        )
                        .unwrap_or_else(|| "\u{2013}".into()),
                    target: cx.target(i, &r.target_used.clone().or_else(|| i.target.clone())),
                    year_end_target: cx.target(i, &i.year_end_target),
                    rag: badge(r),
                })
                .collect(),
            reasons: mode.opt_rich(&plan.reasons),
            comparative: mode.opt_rich(&plan.comparative),
            comparisons: covered
                .iter()
                .filter_map(|(i, _)| cx.comparison(i))
                .collect(),
            overdue: actions.iter().filter(|a| a.overdue).count(),
            actions,
        });
    }

    // In focus: flagged, or at Red for two or more periods in a row.
    let in_focus = sc
        .indicators
        .iter()
        .zip(&rated.ratings)
        .filter(|(i, r)| i.in_focus || r.consecutive_red >= 2)
        .map(|(i, r)| {
            let mut reasons = Vec::new();
            if r.consecutive_red >= 2 {
                let unit = match sc.period.as_ref().map(|p| p.kind) {
                    Some(crate::period::PeriodKind::Month(_)) => "month",
                    Some(crate::period::PeriodKind::Quarter(_)) => "quarter",
                    _ => "period",
                };
                reasons.push(format!(
                    "{} {unit} in a row at Red",
                    ordinal(r.consecutive_red as usize)
                ));
            }
            if i.in_focus {
                reasons.push("Selected for focus".to_string());
            }
            FocusView {
                reference: mode.text(&i.reference),
                title: mode.text(&i.title),
                reason: reasons.join("; "),
                description: mode.opt_rich(&i.description),
                value: cx.shown_value(i).0,
                target: cx.target(i, &r.target_used.clone().or_else(|| i.target.clone())),
                year_end_target: cx.target(i, &i.year_end_target),
                benchmark: cx.value(i, i.benchmark.value),
                rag: badge(r),
                commentary: mode.opt_rich(&i.commentary),
                dot_short: dot_view(r.dot_short),
            }
        })
        .collect();

    // Appendix B grouped by theme, then outcome, in order of first appearance;
    // the rows are worded in parallel, then placed in their groups.
    let rows: Vec<(Option<String>, Option<String>, RowView)> = sc
        .indicators
        .par_iter()
        .zip(rated.ratings.par_iter())
        .with_min_len(256)
        .map(|(ind, r)| {
            let theme = mode.opt_text(&ind.theme);
            let outcome = mode.opt_text(&ind.outcome);
            let (value, note) = cx.shown_value(ind);
            let note = note.or_else(|| mode.opt_text(&ind.note));
            let row = RowView {
                reference: mode.text(&ind.reference),
                title: mode.text(&ind.title),
                value,
                note,
                target: cx.target(ind, &r.target_used.clone().or_else(|| ind.target.clone())),
                year_end_target: cx.target(ind, &ind.year_end_target),
                rag: badge(r),
                dot_short: dot_view(r.dot_short),
                dot_long: dot_view(r.dot_long),
                quartile: ind
                    .quartile
                    .map(|q| quartile_word(q.0).to_string())
                    .unwrap_or_default(),
                commentary: mode.opt_rich(&ind.commentary),
                illustrative: ind.extra.iter().any(|(k, v)| {
                    crate::schema::normalise_name(k) == "illustrative"
                        && crate::normalise::parse_bool(v) == Some(true)
                }),
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

    let title = meta.title.clone().unwrap_or_else(|| match &sc.period {
        Some(p) => format!("Performance report for {}", p.long_label),
        None => "Performance report".to_string(),
    });

    let scorecard_size = format!(
        "The scorecard has {} {}.",
        counts.indicators,
        plural(counts.indicators, "indicator", "indicators")
    );
    ReportView {
        scorecard_size,
        meta: MetaView {
            organisation: mode.opt_text(&meta.organisation),
            committee: mode.opt_text(&meta.committee),
            meeting_date: meta.meeting_date.map(format_date),
            venue: mode.opt_text(&meta.venue),
            agenda_item: mode.opt_text(&meta.agenda_item),
            title: mode.text(&title),
            report_of: mode.opt_text(&meta.report_of),
            electoral_divisions: mode.opt_text(&meta.electoral_divisions),
            contact: mode.opt_text(&meta.contact),
            recommendations: mode.opt_rich(&meta.recommendations),
            background: mode.opt_rich(&meta.background),
            consultations: mode.opt_rich(&meta.consultations),
            risk_management: mode.opt_rich(&meta.risk_management),
            background_papers: mode.opt_rich(&meta.background_papers),
            extra: meta
                .extra
                .iter()
                .map(|(k, v)| (k.clone(), mode.text(v)))
                .collect(),
        },
        period,
        summary: SummaryView {
            counts,
            headline,
            detail,
            forecast,
            amber_possible: rated.settings.policy != Policy::MetOrMissed,
        },
        off_target,
        default_recommendation,
        plans,
        missing_plans,
        in_focus,
        themes,
        rag_key: rag_key(
            rated.settings.policy,
            rated.settings.default_tolerance,
            rated.settings.basis,
        ),
        column_key: column_key(),
        policy: format!(
            "{} \u{2014} {}",
            rated.settings.policy.name(),
            policy_text(rated.settings.policy)
        ),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals() {
        assert_eq!(ordinal(1), "1st");
        assert_eq!(ordinal(2), "2nd");
        assert_eq!(ordinal(3), "3rd");
        assert_eq!(ordinal(4), "4th");
        assert_eq!(ordinal(11), "11th");
        assert_eq!(ordinal(12), "12th");
        assert_eq!(ordinal(22), "22nd");
    }

    #[test]
    fn overdue_actions() {
        let meeting = NaiveDate::from_ymd_opt(2013, 6, 14);
        let d = |y, m, day| {
            Some(DateOrText::Date(
                NaiveDate::from_ymd_opt(y, m, day).unwrap(),
            ))
        };
        assert!(overdue(&d(2013, 3, 31), &None, meeting));
        assert!(!overdue(&d(2013, 3, 31), &Some("Complete".into()), meeting));
        assert!(!overdue(&d(2013, 6, 14), &None, meeting));
        assert!(!overdue(
            &Some(DateOrText::Text("Ongoing".into())),
            &None,
            meeting
        ));
        let month = |y, m| Some(DateOrText::Month(NaiveDate::from_ymd_opt(y, m, 1).unwrap()));
        assert!(
            !overdue(&month(2013, 6), &None, meeting),
            "June is not over at 14 June"
        );
        assert!(overdue(&month(2013, 5), &None, meeting));
        assert!(
            !overdue(&month(2012, 12), &None, None),
            "no meeting date, no judgement"
        );
    }
}
