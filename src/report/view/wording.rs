//! The words and figures of the paper: values and targets in their units, a
//! rating's badge, a direction's arrow, an indicator's aim in a sentence.
//! Text from the workbook is made safe by the renderer's [`Escape`].

use crate::model::{Comparison, Indicator, Polarity, Rag, Target};
use crate::report::figures::{format_target, format_value};
use crate::rules::aim::Verb;
use crate::rules::direction::Direction;
use crate::rules::scorecard::{RagSource, Rating};
use rust_decimal::Decimal;
use serde::Serialize;

/// How the output being written makes text from a workbook safe: chosen by
/// the renderer, so the view never knows which format it is for.
pub trait Escape: Sync {
    /// Plain text from a cell, made safe for the output.
    fn text(&self, s: &str) -> String;

    /// Markdown from a cell, made safe for the output.
    fn rich(&self, s: &str) -> String;

    /// Plain text, when there is some.
    fn opt_text(&self, s: &Option<String>) -> Option<String> {
        s.as_deref().map(|s| self.text(s)).filter(|s| !s.is_empty())
    }

    /// Markdown, when there is some.
    fn opt_rich(&self, s: &Option<String>) -> Option<String> {
        s.as_deref().map(|s| self.rich(s)).filter(|s| !s.is_empty())
    }

    /// Whether the output can hold the inline SVG charts (HTML can;
    /// Markdown for pasting into Word cannot).
    fn draws(&self) -> bool {
        false
    }
}

/// Items as a sentence writes them: "A", "A and B", "A, B and C".
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The dash shown for a figure there is none of.
pub const NONE: &str = "\u{2013}";

/// A rating as shown: its word and a class for colour, and for a judgement
/// its reason and what the rules gave.
#[derive(Debug, Clone, Serialize)]
pub struct RagView {
    /// `Red`, `Amber`, `Green`, `Not rated`.
    pub word: &'static str,
    /// `red`, `amber`, `green`, `not-rated`.
    pub class: &'static str,
    /// A judgement rather than the rules' rating.
    pub judgement: bool,
    /// For a judgement, printed beside it: "judgement: REASON; the rules give
    /// Red" (escaped for the output).
    pub note: Option<String>,
}

fn rag_words(rag: Rag) -> (&'static str, &'static str) {
    match rag {
        Rag::Red => ("Red", "red"),
        Rag::Amber => ("Amber", "amber"),
        Rag::Green => ("Green", "green"),
        Rag::NotRated => ("Not rated", "not-rated"),
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

/// The arrow and word of a direction of travel.
pub fn dot_view(d: Option<Direction>) -> Option<DotView> {
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

/// A quartile as a word: `Top`, `Second`, `Third`, `Bottom`.
pub fn quartile_word(q: u8) -> &'static str {
    match q {
        1 => "Top",
        2 => "Second",
        3 => "Third",
        _ => "Bottom",
    }
}

/// `1st`, `2nd`, `3rd`, `4th`, `11th`, `22nd`.
pub fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The first letter in capitals.
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// The first letter in lower case, for a sentence that goes on after a
/// lead-in ("For quarter 4 2012/13, none of …").
pub fn lowercase_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// `one` for 1, `many` otherwise.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 { one } else { many }.to_string()
}

/// The view's tools for one report: the output's escaping and the figures
/// of one indicator in its unit.
pub struct Words<'a> {
    /// How text from the workbook is made safe.
    pub esc: &'a dyn Escape,
    /// Whether charts are drawn: the output can hold them and the settings
    /// do not turn them off.
    pub charts: bool,
}

impl Words<'_> {
    /// Plain text from a cell.
    pub fn text(&self, s: &str) -> String {
        self.esc.text(s)
    }

    /// A value in the indicator's unit and precision.
    pub fn value(&self, ind: &Indicator, v: Option<Decimal>) -> Option<String> {
        v.map(|v| format_value(v, &ind.unit, ind.display_decimals()))
    }

    /// The benchmark with its label, and the top quartile's threshold when
    /// given: "National average (2017/18) 78.0%; top quartile: more than
    /// 86.0%".
    pub fn benchmark(&self, ind: &Indicator) -> Option<String> {
        let figure = self.value(ind, ind.benchmark.value)?;
        let mut out = match &ind.benchmark_label {
            Some(label) => format!("{} {figure}", self.text(label)),
            None => figure,
        };
        if let Some(threshold) = self.value(ind, ind.top_quartile.value) {
            let side = if ind.polarity == crate::model::Polarity::Lower {
                "less than"
            } else {
                "more than"
            };
            out.push_str(&format!("; top quartile: {side} {threshold}"));
        }
        Some(out)
    }

    /// A target in the indicator's unit and precision, or a dash.
    pub fn target(&self, ind: &Indicator, t: &Option<Target>) -> String {
        t.as_ref()
            .map(|t| format_target(t, &ind.unit, ind.display_decimals()))
            .unwrap_or_else(|| NONE.to_string())
    }

    /// The badge for a rating, marked as a judgement when it is an override,
    /// with the judgement's reason and the rules' rating beside it.
    pub fn badge(&self, ind: &Indicator, r: &Rating) -> RagView {
        let (word, class) = rag_words(r.rag);
        let judgement = r.rag_source == RagSource::Override;
        let note = judgement.then(|| {
            let computed = rag_words(r.rag_computed).0.to_lowercase();
            let computed = match r.rag_computed {
                Rag::NotRated => computed,
                _ => capitalise(&computed),
            };
            let reason = ind
                .rag_reason
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty());
            match reason {
                Some(reason) => {
                    self.text(&format!("judgement: {reason}; the rules give {computed}"))
                }
                None => self.text(&format!(
                    "judgement, no reason given; the rules give {computed}"
                )),
            }
        });
        RagView {
            word,
            class,
            judgement,
            note,
        }
    }

    /// Last year's figure as the paper shows it: the same period last year
    /// where the long-term direction was judged against it, and the whole
    /// year's outturn with its year (`981,000 (2017/18)`) where the workbook
    /// gives it: "87,000; 139,000 (2017/18)".
    pub fn last_year(&self, ind: &Indicator, r: &Rating) -> String {
        let same_period = r
            .last_year
            .as_ref()
            .filter(|e| e.whole_year.is_none())
            .map(|e| e.value)
            .and_then(|v| self.value(ind, Some(v)));
        let outturn = ind.last_year_outturn.value.and_then(|v| {
            let year = r.aim.as_ref()?.outturn_year.as_ref()?;
            Some(format!("{} ({year})", self.value(ind, Some(v))?))
        });
        match (same_period, outturn) {
            (Some(s), Some(o)) => format!("{s}; {o}"),
            (Some(s), None) => s,
            (None, Some(o)) => o,
            (None, None) => NONE.to_string(),
        }
    }

    /// The target the rating used, else the indicator's own, as shown.
    pub fn target_used(&self, ind: &Indicator, r: &Rating) -> String {
        self.target(ind, &r.target_used.clone().or_else(|| ind.target.clone()))
    }

    /// The value as shown, with any status text kept beside it.
    pub fn shown_value(&self, ind: &Indicator) -> (String, Option<String>) {
        match (ind.actual.value, &ind.actual.status) {
            (Some(v), status) => (
                self.value(ind, Some(v)).unwrap_or_default(),
                status.as_deref().map(|s| self.text(s)),
            ),
            (None, Some(s)) => (self.text(s), None),
            (None, None) => (NONE.to_string(), None),
        }
    }

    /// "Increase the proportion … from 60.1% to 61.0%", or the workbook's own phrasing.
    pub fn phrase(&self, ind: &Indicator, rating: &Rating) -> String {
        if let Some(p) = &ind.phrasing {
            return self.text(p);
        }
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
        let dp = ind.display_decimals();
        let Some(aim) = &rating.aim else {
            return self.text(&title);
        };
        let verb = match aim.verb {
            Verb::Increase => "Increase",
            Verb::Reduce => "Reduce",
            Verb::Keep => "Keep",
            Verb::Monitor => "Monitor",
        };
        // "from 60.1%", or for last year's whole-year outturn "from 981,000
        // in 2017/18".
        let baseline = aim.baseline.as_ref().and_then(|b| {
            let v = self.value(ind, Some(b.value))?;
            Some(match &b.whole_year {
                Some(year) => format!("{v} in {year}"),
                None => v,
            })
        });
        // A bound reads in words: "below 624.1", "95.0% or above".
        let bound = |cmp: Comparison, value: Decimal| {
            let v = format_value(value, &ind.unit, dp);
            match cmp {
                Comparison::Lt => format!("below {v}"),
                Comparison::Le => format!("{v} or below"),
                Comparison::Gt => format!("above {v}"),
                Comparison::Ge => format!("{v} or above"),
            }
        };
        let target = aim.target.as_ref().map(|t| match *t {
            Target::Bound { cmp, value } => bound(cmp, value),
            ref other => format_target(other, &ind.unit, dp),
        });
        // Held at a target no better than last year: "Keep X at or above B
        // (A in 2017/18)".
        let keep_at = aim.target.as_ref().map(|t| match *t {
            Target::Bound { cmp, value } => bound(cmp, value),
            ref other => {
                let t = format_target(other, &ind.unit, dp);
                match ind.polarity {
                    Polarity::Lower => format!("at or below {t}"),
                    _ => format!("at or above {t}"),
                }
            }
        });
        let text = match (aim.verb, ind.polarity, baseline, target, keep_at) {
            (_, Polarity::Band, _, Some(t), _) => format!("{verb} {title} within {t}"),
            (Verb::Keep, _, Some(b), Some(_), Some(k)) => {
                // "(70 in 2017/18)", or for the same period "(70 the same
                // period last year)": a bare figure in brackets says nothing.
                let when = match aim.baseline.as_ref().and_then(|b| b.whole_year.as_ref()) {
                    Some(_) => b,
                    None => format!("{b} the same period last year"),
                };
                format!("{verb} {title} {k} ({when})")
            }
            (Verb::Keep, _, None, Some(_), Some(k)) => format!("{verb} {title} {k}"),
            (_, _, Some(b), Some(t), _) => format!("{verb} {title} from {b} to {t}"),
            (_, _, None, Some(t), _) => format!("{verb} {title} to {t}"),
            _ => format!("{verb} {title}"),
        };
        self.text(&text)
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
}
