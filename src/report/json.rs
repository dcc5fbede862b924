//! The JSON view of a scorecard (SPEC §5): the normalised model for other tools
//! and for tests. Numbers are JSON numbers (exact decimals), absent values `null`.
//!
//! A target is a number when it is a single figure, `{"low": 56, "high": 61}`
//! for a band, and `{"cmp": "<", "value": 8.1}` for a bound.

use crate::diagnostics::Diagnostic;
use crate::model::{DateOrText, Indicator, Measure, RecoveryPlan, ReportMeta, Target};
use crate::period::ReportingPeriod;
use crate::rules::scorecard::{RatedScorecard, Rating};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;

#[derive(Serialize)]
struct Meta<'a> {
    organisation: &'a Option<String>,
    committee: &'a Option<String>,
    meeting_date: Option<String>,
    venue: &'a Option<String>,
    agenda_item: &'a Option<String>,
    title: &'a Option<String>,
    report_of: &'a Option<String>,
    electoral_divisions: &'a Option<String>,
    contact: &'a Option<String>,
    period: &'a Option<String>,
    recommendations: &'a Option<String>,
    background: &'a Option<String>,
    consultations: &'a Option<String>,
    risk_management: &'a Option<String>,
    background_papers: &'a Option<String>,
    extra: &'a BTreeMap<String, String>,
}

fn meta(m: &ReportMeta) -> Meta<'_> {
    Meta {
        organisation: &m.organisation,
        committee: &m.committee,
        meeting_date: m.meeting_date.map(|d| d.format("%Y-%m-%d").to_string()),
        venue: &m.venue,
        agenda_item: &m.agenda_item,
        title: &m.title,
        report_of: &m.report_of,
        electoral_divisions: &m.electoral_divisions,
        contact: &m.contact,
        period: &m.period,
        recommendations: &m.recommendations,
        background: &m.background,
        consultations: &m.consultations,
        risk_management: &m.risk_management,
        background_papers: &m.background_papers,
        extra: &m.extra,
    }
}

fn period(p: &ReportingPeriod) -> Value {
    json!({
        "label": p.label,
        "long_label": p.long_label,
        "months_elapsed": p.months_elapsed,
        "financial_year": p.financial_year_label,
        "start": p.start.format("%Y-%m-%d").to_string(),
        "end": p.end.format("%Y-%m-%d").to_string(),
    })
}

/// A target as JSON: a number, a band object or a bound object.
pub fn target(t: &Option<Target>) -> Value {
    match t {
        None => Value::Null,
        Some(Target::Value { value }) => number(*value),
        Some(Target::Band { low, high }) => json!({ "low": number(*low), "high": number(*high) }),
        Some(Target::Bound { cmp, value }) => {
            json!({ "cmp": cmp.symbol(), "value": number(*value) })
        }
    }
}

fn tolerance(t: crate::model::Tolerance) -> Value {
    match t {
        crate::model::Tolerance::Relative(v) => json!({ "relative_percent": number(v) }),
        crate::model::Tolerance::Absolute(v) => json!({ "absolute": number(v) }),
    }
}

fn number(d: Decimal) -> Value {
    serde_json::to_value(d.normalize()).unwrap_or(Value::Null)
}

fn opt_number(d: Option<Decimal>) -> Value {
    d.map_or(Value::Null, number)
}

fn measure(m: &Measure) -> Value {
    opt_number(m.value)
}

fn date_or_text(d: &Option<DateOrText>) -> Value {
    match d {
        None => Value::Null,
        Some(DateOrText::Date(d)) => Value::String(d.format("%Y-%m-%d").to_string()),
        Some(DateOrText::Month(d)) => Value::String(d.format("%Y-%m").to_string()),
        Some(DateOrText::Text(t)) => Value::String(t.clone()),
    }
}

fn indicator(i: &Indicator, r: &Rating) -> Value {
    let mut v = json!({
        "ref": i.reference,
        "title": i.title,
        "description": i.description,
        "theme": i.theme,
        "outcome": i.outcome,
        "service": i.service,
        "owner": i.owner,
        "unit": i.unit.name(),
        "unit_label": match &i.unit {
            crate::model::Unit::Rate(label) => json!(label),
            crate::model::Unit::Score(max) => json!(max.map(|m| format!("out of {}", m.normalize()))),
            _ => Value::Null,
        },
        "polarity": i.polarity,
        "decimals": i.display_decimals(),
        "frequency": i.frequency,
        "cumulative": i.cumulative,
        "actual": measure(&i.actual),
        "status_text": i.actual.status,
        "ytd": measure(&i.ytd),
        "previous": measure(&i.previous),
        "last_year": measure(&i.last_year),
        "target": target(&i.target),
        "year_end_target": target(&i.year_end_target),
        "future_target": target(&i.future_target),
        "tolerance": i.tolerance.map(tolerance),
        "forecast": measure(&i.forecast),
        "numerator": opt_number(i.numerator),
        "denominator": opt_number(i.denominator),
        "rag_override": i.rag_override,
        "rag_reason": i.rag_reason,
        "benchmark": measure(&i.benchmark),
        "quartile": i.quartile.map(|q| q.0),
        "commentary": i.commentary,
        "note": i.note,
        "in_focus": i.in_focus,
        "extra": i.extra,
        "source": { "sheet": i.source.sheet, "row": i.source.row },
    });
    if let Value::Object(map) = &mut v {
        let rules = json!({
            "target_used": target(&r.target_used),
            "target_basis": r.target_basis,
            "rated_value": opt_number(r.value),
            "shortfall": opt_number(r.shortfall),
            "met": r.met,
            "tolerance_used": tolerance(r.tolerance),
            "tolerance_source": r.tolerance_source,
            "tolerance_amount": opt_number(r.tolerance_amount),
            "rag": r.rag,
            "rag_computed": r.rag_computed,
            "rag_source": r.rag_source,
            "not_rated_reason": r.not_rated,
            "dot_short": r.dot_short,
            "dot_long": r.dot_long,
            "previous_used": opt_number(r.previous.as_ref().map(|e| e.value)),
            "last_year_used": opt_number(r.last_year.as_ref().map(|e| e.value)),
            "consecutive_red": r.consecutive_red,
            "plan": r.plan,
        });
        if let Value::Object(extra) = rules {
            map.extend(extra);
        }
    }
    v
}

fn plan(p: &RecoveryPlan, meeting: Option<chrono::NaiveDate>) -> Value {
    json!({
        "refs": p.refs,
        "title": p.title,
        "reasons": p.reasons,
        "comparative": p.comparative,
        "presented": date_or_text(&p.presented),
        "actions": p.actions.iter().map(|a| json!({
            "action": a.action,
            "lead": a.lead,
            "due": date_or_text(&a.due),
            "status": a.status,
            "overdue": super::view::overdue(&a.due, &a.status, meeting),
        })).collect::<Vec<_>>(),
    })
}

/// The whole JSON document for a rated scorecard and its diagnostics.
pub fn to_json(rated: &RatedScorecard, diagnostics: &[Diagnostic]) -> Value {
    let scorecard = &rated.scorecard;
    json!({
        "meta": meta(&scorecard.meta),
        "period": scorecard.period.as_ref().map(period),
        "rules": {
            "policy": rated.settings.policy.name(),
            "tolerance": tolerance(rated.settings.default_tolerance),
            "basis": rated.settings.basis,
        },
        "summary": rated.summary,
        "indicators": scorecard
            .indicators
            .iter()
            .zip(&rated.ratings)
            .map(|(i, r)| indicator(i, r))
            .collect::<Vec<_>>(),
        "plans": scorecard
            .plans
            .iter()
            .map(|p| plan(p, scorecard.meta.meeting_date))
            .collect::<Vec<_>>(),
        "benchmarks": scorecard.benchmarks.iter().map(|b| json!({
            "ref": b.reference,
            "comparator": b.comparator,
            "value": measure(&b.value),
            "status_text": b.value.status,
            "period": b.period,
        })).collect::<Vec<_>>(),
        "history": scorecard.history.iter().map(|h| json!({
            "ref": h.reference,
            "period": h.parsed_period.as_ref().map_or(h.period.clone(), |p| p.label.clone()),
            "actual": measure(&h.actual),
            "target": target(&h.target),
        })).collect::<Vec<_>>(),
        "diagnostics": diagnostics,
    })
}
