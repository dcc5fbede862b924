//! Look-ups by ref, built once per workbook so that every stage is linear in
//! the workbook's size: the rules, the cross-sheet checks and the report view
//! ask "which plan covers this ref?" or "what History does it have?" once per
//! indicator, and each answer is a hash look-up, never a scan.
//!
//! Refs are matched ignoring ASCII case, as everywhere else (`PI 1` is `pi 1`).
//! Each relation holds indices into the scorecard's own vectors, in workbook
//! order, so the answers are the same as the first-match scans they replace.

use crate::model::Scorecard;
use std::collections::HashMap;

/// The key a ref is looked up by.
fn key(reference: &str) -> String {
    reference.to_ascii_lowercase()
}

/// Indices of a scorecard's records, by ref.
#[derive(Debug, Clone, Default)]
pub struct Relations {
    indicators: HashMap<String, usize>,
    plans: HashMap<String, usize>,
    benchmarks: HashMap<String, Vec<usize>>,
    history: HashMap<String, Vec<usize>>,
}

impl Relations {
    /// Builds every look-up in one pass over each sheet's records.
    pub fn of(scorecard: &Scorecard) -> Relations {
        let mut relations = Relations::default();
        for (i, ind) in scorecard.indicators.iter().enumerate() {
            relations.indicators.entry(key(&ind.reference)).or_insert(i);
        }
        for (i, plan) in scorecard.plans.iter().enumerate() {
            for reference in &plan.refs {
                relations.plans.entry(key(reference)).or_insert(i);
            }
        }
        for (i, b) in scorecard.benchmarks.iter().enumerate() {
            relations
                .benchmarks
                .entry(key(&b.reference))
                .or_default()
                .push(i);
        }
        for (i, h) in scorecard.history.iter().enumerate() {
            relations
                .history
                .entry(key(&h.reference))
                .or_default()
                .push(i);
        }
        relations
    }

    /// The first indicator with this ref.
    pub fn indicator(&self, reference: &str) -> Option<usize> {
        self.indicators.get(&key(reference)).copied()
    }

    /// True when an indicator has this ref.
    pub fn is_indicator(&self, reference: &str) -> bool {
        self.indicators.contains_key(&key(reference))
    }

    /// The first recovery plan that covers this ref.
    pub fn plan(&self, reference: &str) -> Option<usize> {
        self.plans.get(&key(reference)).copied()
    }

    /// The Benchmarks rows of this ref, in workbook order.
    pub fn benchmarks(&self, reference: &str) -> &[usize] {
        self.benchmarks
            .get(&key(reference))
            .map_or(&[], Vec::as_slice)
    }

    /// The History rows of this ref, in workbook order.
    pub fn history(&self, reference: &str) -> &[usize] {
        self.history.get(&key(reference)).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{HistoryPoint, Indicator, Measure, RecoveryPlan, Source};

    fn source() -> Source {
        Source {
            sheet: "History".into(),
            row: 2,
            columns: Default::default(),
        }
    }

    fn point(reference: &str) -> HistoryPoint {
        HistoryPoint {
            reference: reference.into(),
            period: "2012/13 Q1".into(),
            parsed_period: None,
            actual: Measure::default(),
            target: None,
            source: source(),
        }
    }

    fn plan(refs: &[&str]) -> RecoveryPlan {
        RecoveryPlan {
            refs: refs.iter().map(|r| r.to_string()).collect(),
            title: None,
            reasons: None,
            comparative: None,
            presented: None,
            actions: Vec::new(),
            source: source(),
        }
    }

    #[test]
    fn refs_match_ignoring_case_and_keep_workbook_order() {
        let scorecard = Scorecard {
            indicators: vec![
                Indicator::new("PI 1", "One"),
                Indicator::new("PI 2", "Two"),
                Indicator::new("pi 1", "Duplicate"),
            ],
            plans: vec![plan(&["pi 2", "PI 3"]), plan(&["PI 2"])],
            history: vec![point("PI 2"), point("PI 1"), point("pi 2")],
            ..Scorecard::default()
        };
        let r = Relations::of(&scorecard);
        assert_eq!(r.indicator("Pi 1"), Some(0));
        assert!(r.is_indicator("PI 2"));
        assert!(!r.is_indicator("PI 3"));
        assert_eq!(r.plan("PI 2"), Some(0));
        assert_eq!(r.plan("pi 3"), Some(0));
        assert_eq!(r.plan("PI 1"), None);
        assert_eq!(r.history("PI 2"), &[0, 2]);
        assert_eq!(r.history("PI 1"), &[1]);
        assert!(r.benchmarks("PI 1").is_empty());
    }
}
