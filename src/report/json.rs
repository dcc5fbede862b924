//! The JSON view of a scorecard (SPEC §5): the normalised model for other tools
//! and for tests. Numbers are JSON numbers (exact decimals), absent values `null`.
//!
//! A target is a number when it is a single figure, `{"low": 56, "high": 61}`
//! for a band, and `{"cmp": "<", "value": 8.1}` for a bound.

use crate::diagnostics::Diagnostic;
use crate::error::{Error, Result};
use crate::front_matter::{Kind, KEYS};
use crate::model::{
    DateOrText, Frequency, Indicator, Polarity, Rag, ReportMeta, Target, Tolerance, Unit,
};
use crate::period::ReportingPeriod;
use crate::rules::direction::Direction;
use crate::rules::scorecard::{
    PlanStatus, RagSource, RatedPlan, RatedScorecard, Rating, ToleranceSource,
};
use crate::rules::target::{NotRated, TargetBasis};
use crate::rules::Basis;
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// The front matter: every key, in [`KEYS`] order, `null` when not given,
/// then the keys of the user's own.
struct Meta<'a>(&'a ReportMeta);

impl Serialize for Meta<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let m = self.0;
        let mut map = s.serialize_map(Some(KEYS.len() + 1))?;
        for key in KEYS {
            match key.kind {
                Kind::Date => map.serialize_entry(
                    key.field,
                    &m.dates
                        .get(key.field)
                        .map(|d| d.format("%Y-%m-%d").to_string()),
                )?,
                _ => map.serialize_entry(key.field, &m.get(key.field))?,
            }
        }
        map.serialize_entry("extra", &m.extra)?;
        map.end()
    }
}

#[derive(Serialize)]
struct Period<'a> {
    label: &'a str,
    long_label: &'a str,
    months_elapsed: u32,
    financial_year: &'a str,
    start: String,
    end: String,
}

fn period(p: &ReportingPeriod) -> Period<'_> {
    Period {
        label: &p.label,
        long_label: &p.long_label,
        months_elapsed: p.months_elapsed,
        financial_year: &p.financial_year_label,
        start: p.start.format("%Y-%m-%d").to_string(),
        end: p.end.format("%Y-%m-%d").to_string(),
    }
}

/// An exact decimal written as a JSON number, trailing zeros dropped.
#[derive(Clone, Copy)]
struct Num(Decimal);

impl Serialize for Num {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Serialize::serialize(&self.0.normalize(), s)
    }
}

fn num(d: Option<Decimal>) -> Option<Num> {
    d.map(Num)
}

/// A target: a number, a band object or a bound object.
#[derive(Serialize)]
#[serde(untagged)]
enum TargetJson {
    Value(Num),
    Band { low: Num, high: Num },
    Bound { cmp: &'static str, value: Num },
}

fn target_json(t: &Option<Target>) -> Option<TargetJson> {
    Some(match t.as_ref()? {
        Target::Value { value } => TargetJson::Value(Num(*value)),
        Target::Band { low, high } => TargetJson::Band {
            low: Num(*low),
            high: Num(*high),
        },
        Target::Bound { cmp, value } => TargetJson::Bound {
            cmp: cmp.symbol(),
            value: Num(*value),
        },
    })
}

/// A target as JSON: a number, a band object or a bound object.
pub fn target(t: &Option<Target>) -> Value {
    serde_json::to_value(target_json(t)).unwrap_or(Value::Null)
}

#[derive(Serialize)]
enum ToleranceJson {
    #[serde(rename = "relative_percent")]
    Relative(Num),
    #[serde(rename = "absolute")]
    Absolute(Num),
}

fn tolerance(t: Tolerance) -> ToleranceJson {
    match t {
        Tolerance::Relative(v) => ToleranceJson::Relative(Num(v)),
        Tolerance::Absolute(v) => ToleranceJson::Absolute(Num(v)),
    }
}

/// A date (`2013-06-14`), a month (`2013-06`) or text.
fn date_or_text(d: &Option<DateOrText>) -> Option<String> {
    Some(match d.as_ref()? {
        DateOrText::Date(d) => d.format("%Y-%m-%d").to_string(),
        DateOrText::Month(d) => d.format("%Y-%m").to_string(),
        DateOrText::Text(t) => t.clone(),
    })
}

#[derive(Serialize)]
struct SourceJson<'a> {
    sheet: &'a str,
    row: u32,
}

/// One indicator with everything the rules decided about it.
#[derive(Serialize)]
struct IndicatorJson<'a> {
    #[serde(rename = "ref")]
    reference: &'a str,
    title: &'a str,
    description: &'a Option<String>,
    theme: &'a Option<String>,
    outcome: &'a Option<String>,
    service: &'a Option<String>,
    owner: &'a Option<String>,
    unit: &'static str,
    unit_label: Option<String>,
    polarity: &'a Polarity,
    decimals: u32,
    frequency: &'a Option<Frequency>,
    cumulative: bool,
    actual: Option<Num>,
    status_text: &'a Option<String>,
    ytd: Option<Num>,
    previous: Option<Num>,
    last_year: Option<Num>,
    last_year_outturn: Option<Num>,
    target: Option<TargetJson>,
    year_end_target: Option<TargetJson>,
    future_target: Option<TargetJson>,
    tolerance: Option<ToleranceJson>,
    forecast: Option<Num>,
    numerator: Option<Num>,
    denominator: Option<Num>,
    rag_override: &'a Option<Rag>,
    rag_reason: &'a Option<String>,
    benchmark: Option<Num>,
    benchmark_label: &'a Option<String>,
    top_quartile: Option<Num>,
    quartile: Option<u8>,
    commentary: &'a Option<String>,
    note: &'a Option<String>,
    in_focus: bool,
    extra: &'a BTreeMap<String, String>,
    source: SourceJson<'a>,
    target_used: Option<TargetJson>,
    target_basis: &'a Option<TargetBasis>,
    rated_value: Option<Num>,
    shortfall: Option<Num>,
    met: Option<bool>,
    tolerance_used: ToleranceJson,
    tolerance_source: ToleranceSource,
    tolerance_amount: Option<Num>,
    rag: Rag,
    rag_computed: Rag,
    rag_source: RagSource,
    rag_previous: Option<Rag>,
    not_rated_reason: &'a Option<NotRated>,
    dot_short: &'a Option<Direction>,
    dot_long: &'a Option<Direction>,
    previous_used: Option<Num>,
    last_year_used: Option<Num>,
    consecutive_red: u32,
    plan: Option<PlanStatus>,
}

fn indicator<'a>(i: &'a Indicator, r: &'a Rating, rag_previous: Option<Rag>) -> IndicatorJson<'a> {
    IndicatorJson {
        reference: &i.reference,
        title: &i.title,
        description: &i.description,
        theme: &i.theme,
        outcome: &i.outcome,
        service: &i.service,
        owner: &i.owner,
        unit: i.unit.name(),
        unit_label: match &i.unit {
            Unit::Rate(label) => label.clone(),
            Unit::Score(max) => max.map(|m| format!("out of {}", m.normalize())),
            _ => None,
        },
        polarity: &i.polarity,
        decimals: i.display_decimals(),
        frequency: &i.frequency,
        cumulative: i.cumulative,
        actual: num(i.actual.value),
        status_text: &i.actual.status,
        ytd: num(i.ytd.value),
        previous: num(i.previous.value),
        last_year: num(i.last_year.value),
        last_year_outturn: num(i.last_year_outturn.value),
        target: target_json(&i.target),
        year_end_target: target_json(&i.year_end_target),
        future_target: target_json(&i.future_target),
        tolerance: i.tolerance.map(tolerance),
        forecast: num(i.forecast.value),
        numerator: num(i.numerator),
        denominator: num(i.denominator),
        rag_override: &i.rag_override,
        rag_reason: &i.rag_reason,
        benchmark: num(i.benchmark.value),
        benchmark_label: &i.benchmark_label,
        top_quartile: num(i.top_quartile.value),
        quartile: i.quartile.map(|q| q.0),
        commentary: &i.commentary,
        note: &i.note,
        in_focus: i.in_focus,
        extra: &i.extra,
        source: SourceJson {
            sheet: &i.source.sheet,
            row: i.source.row,
        },
        target_used: target_json(&r.target_used),
        target_basis: &r.target_basis,
        rated_value: num(r.value),
        shortfall: num(r.shortfall),
        met: r.met,
        tolerance_used: tolerance(r.tolerance),
        tolerance_source: r.tolerance_source,
        tolerance_amount: num(r.tolerance_amount),
        rag: r.rag,
        rag_computed: r.rag_computed,
        rag_source: r.rag_source,
        rag_previous,
        not_rated_reason: &r.not_rated,
        dot_short: &r.dot_short,
        dot_long: &r.dot_long,
        previous_used: num(r.previous.as_ref().map(|e| e.value)),
        last_year_used: num(r.last_year.as_ref().map(|e| e.value)),
        consecutive_red: r.consecutive_red,
        plan: r.plan,
    }
}

#[derive(Serialize)]
struct ActionJson<'a> {
    action: &'a str,
    lead: &'a Option<String>,
    due: Option<String>,
    status: &'a Option<String>,
    overdue: bool,
}

#[derive(Serialize)]
struct PlanJson<'a> {
    refs: &'a [String],
    title: &'a Option<String>,
    reasons: &'a Option<String>,
    comparative: &'a Option<String>,
    presented: Option<String>,
    actions: Vec<ActionJson<'a>>,
}

fn plan(rp: &RatedPlan) -> PlanJson<'_> {
    let p = &rp.plan;
    PlanJson {
        refs: &p.refs,
        title: &p.title,
        reasons: &p.reasons,
        comparative: &p.comparative,
        presented: date_or_text(&p.presented),
        actions: p
            .actions
            .iter()
            .enumerate()
            .map(|(i, a)| ActionJson {
                action: &a.action,
                lead: &a.lead,
                due: date_or_text(&a.due),
                status: &a.status,
                overdue: rp.is_overdue(i),
            })
            .collect(),
    }
}

#[derive(Serialize)]
struct BenchmarkJson<'a> {
    #[serde(rename = "ref")]
    reference: &'a str,
    comparator: &'a str,
    value: Option<Num>,
    status_text: &'a Option<String>,
    period: &'a Option<String>,
}

#[derive(Serialize)]
struct HistoryJson<'a> {
    #[serde(rename = "ref")]
    reference: &'a str,
    period: &'a str,
    actual: Option<Num>,
    target: Option<TargetJson>,
}

#[derive(Serialize)]
struct RulesJson {
    policy: &'static str,
    tolerance: ToleranceJson,
    basis: Basis,
}

/// The summary: the counts by rating, the trend against last year and the
/// standing against benchmarks (SPEC §4b).
#[derive(Serialize)]
struct SummaryJson<'a> {
    #[serde(flatten)]
    counts: &'a crate::rules::rating::Summary,
    trend: TrendJson,
    benchmark: StandingJson,
}

/// The previous report compared with (`--previous`): its period, meeting
/// date and the refs it had that this one does not.
#[derive(Serialize)]
struct PreviousJson<'a> {
    period: Option<&'a str>,
    meeting_date: Option<chrono::NaiveDate>,
    dropped: Vec<&'a str>,
}

/// Indicators improved, held and worsened against the same period last year.
#[derive(Serialize)]
struct TrendJson {
    improving: usize,
    no_change: usize,
    worsening: usize,
}

/// Indicators against their benchmarks, and by quartile.
#[derive(Serialize)]
struct StandingJson {
    compared: usize,
    better: usize,
    same: usize,
    worse: usize,
    top_quartile: usize,
    second_quartile: usize,
    third_quartile: usize,
    bottom_quartile: usize,
}

/// The whole JSON document: a view that borrows the rated scorecard and
/// writes each list one element at a time, so no copy of the workbook is built.
struct Document<'a> {
    rated: &'a RatedScorecard,
    diagnostics: &'a [Diagnostic],
}

impl Serialize for Document<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        struct Seq<I>(std::cell::Cell<Option<I>>);
        impl<I: Iterator<Item = T>, T: Serialize> Serialize for Seq<I> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                match self.0.take() {
                    Some(items) => s.collect_seq(items),
                    None => s.collect_seq(std::iter::empty::<T>()),
                }
            }
        }
        fn seq<I>(items: I) -> Seq<I> {
            Seq(std::cell::Cell::new(Some(items)))
        }

        let rated = self.rated;
        let scorecard = &rated.scorecard;
        let mut doc = s.serialize_struct("Document", 10)?;
        doc.serialize_field("meta", &Meta(&scorecard.meta))?;
        doc.serialize_field("period", &scorecard.period.as_ref().map(period))?;
        doc.serialize_field(
            "rules",
            &RulesJson {
                policy: rated.settings.policy.name(),
                tolerance: tolerance(rated.settings.default_tolerance),
                basis: rated.settings.basis,
            },
        )?;
        doc.serialize_field(
            "summary",
            &SummaryJson {
                counts: &rated.summary,
                trend: TrendJson {
                    improving: rated.trend.improving.len(),
                    no_change: rated.trend.no_change.len(),
                    worsening: rated.trend.worsening.len(),
                },
                benchmark: StandingJson {
                    compared: rated.benchmarking.compared_count(),
                    better: rated.benchmarking.better.len(),
                    same: rated.benchmarking.same.len(),
                    worse: rated.benchmarking.worse.len(),
                    top_quartile: rated.benchmarking.quartiles[0].len(),
                    second_quartile: rated.benchmarking.quartiles[1].len(),
                    third_quartile: rated.benchmarking.quartiles[2].len(),
                    bottom_quartile: rated.benchmarking.quartiles[3].len(),
                },
            },
        )?;
        doc.serialize_field(
            "indicators",
            &seq(scorecard.indicators.iter().enumerate().map(|(k, ri)| {
                let rag_previous = rated
                    .since
                    .as_ref()
                    .and_then(|s| s.rag_previous.get(k).copied().flatten());
                indicator(&ri.indicator, &ri.rating, rag_previous)
            })),
        )?;
        doc.serialize_field(
            "previous",
            &rated.since.as_ref().map(|s| PreviousJson {
                period: s.period.as_deref(),
                meeting_date: s.meeting_date,
                dropped: s.dropped.iter().map(|d| d.reference.as_str()).collect(),
            }),
        )?;
        doc.serialize_field("plans", &seq(scorecard.plans.iter().map(plan)))?;
        doc.serialize_field(
            "benchmarks",
            &seq(scorecard.benchmarks.iter().map(|b| BenchmarkJson {
                reference: &b.reference,
                comparator: &b.comparator,
                value: num(b.value.value),
                status_text: &b.value.status,
                period: &b.period,
            })),
        )?;
        doc.serialize_field(
            "history",
            &seq(scorecard.history.iter().map(|h| HistoryJson {
                reference: &h.reference,
                period: h.parsed_period.as_ref().map_or(&h.period, |p| &p.label),
                actual: num(h.actual.value),
                target: target_json(&h.target),
            })),
        )?;
        doc.serialize_field("diagnostics", self.diagnostics)?;
        doc.end()
    }
}

fn document<'a>(rated: &'a RatedScorecard, diagnostics: &'a [Diagnostic]) -> Document<'a> {
    Document { rated, diagnostics }
}

/// Writes the JSON document, pretty-printed and ending with a newline,
/// straight to `out`.
pub fn write_json(
    rated: &RatedScorecard,
    diagnostics: &[Diagnostic],
    mut out: impl std::io::Write,
) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut out, &document(rated, diagnostics))?;
    out.write_all(b"\n")
}

/// The JSON view of SPEC §5, written as it is serialised, so a large
/// workbook's report is never held whole in memory.
pub struct JsonRenderer;

impl super::Renderer for JsonRenderer {
    fn writes(&self, part: super::Part) -> bool {
        part == super::Part::AgendaItem
    }

    fn render(&self, report: &super::RatedReport, out: &mut dyn std::io::Write) -> Result<()> {
        if !super::Renderer::writes(self, report.part) {
            return Err(Error::Usage {
                message: "the appendix alone is written as Markdown, HTML, Word or PDF, not JSON"
                    .to_string(),
            });
        }
        let mut buffered = std::io::BufWriter::with_capacity(1 << 16, out);
        write_json(report.rated, report.diagnostics, &mut buffered).map_err(Error::Output)?;
        std::io::Write::flush(&mut buffered).map_err(Error::Output)
    }
}
