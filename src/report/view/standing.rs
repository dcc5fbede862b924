//! Where the council stands, in words (SPEC §4b): the trend against last
//! year and the standing against benchmarks, from the counts the rules made.
//! Nothing is counted here.

use super::wording::and_list;
use super::wording::{plural, Words};
use crate::model::Polarity;
use crate::rules::scorecard::RatedScorecard;
use crate::rules::summaries::{Compared, TrendBasis};

/// "none" for 0, else the number.
fn count(n: usize) -> String {
    if n == 0 {
        "none".to_string()
    } else {
        n.to_string()
    }
}

/// The indicators `indices` by title and ref: "Overall satisfaction (ASCOF 3A)".
fn names(rated: &RatedScorecard, indices: &[usize], words: &Words) -> String {
    let items: Vec<String> = indices
        .iter()
        .filter_map(|&i| rated.scorecard.indicators.get(i))
        .map(|ri| {
            format!(
                "{} ({})",
                words.text(&ri.indicator.title),
                words.text(&ri.indicator.reference)
            )
        })
        .collect();
    and_list(&items)
}

/// The paragraphs on where the council stands: the trend, then the
/// benchmarks. Empty when the workbook has neither.
pub fn standing(rated: &RatedScorecard, words: &Words) -> Vec<String> {
    let mut out = Vec::new();
    out.extend(trend(rated, words));
    out.extend(benchmarks(rated, words));
    out.extend(quartiles(rated, words));
    out.extend(towards_top(rated, words));
    out
}

/// "Compared with the same period last year, 5 indicators improved, 2 held
/// and 3 worsened: …"
fn trend(rated: &RatedScorecard, words: &Words) -> Option<String> {
    let t = &rated.trend;
    if t.compared() == 0 {
        return None;
    }
    let against = match &t.against {
        TrendBasis::SamePeriod => "Compared with the same period last year".to_string(),
        TrendBasis::WholeYear(year) => format!("Compared with {year} as a whole"),
        TrendBasis::Mixed(year) => format!(
            "Compared with the same period last year (or with {year} as a whole, where only \
             that is given)"
        ),
    };
    // The noun goes with the first count: "1 indicator improved, none held";
    // "none of the 2 indicators improved".
    let first = t.improving.len();
    let lead = if first == 0 {
        let n = t.compared();
        format!("none of the {n} {}", plural(n, "indicator", "indicators"))
    } else {
        format!("{first} {}", plural(first, "indicator", "indicators"))
    };
    let mut sentence = format!(
        "{against}, {lead} improved, {} held and {} worsened",
        count(t.no_change.len()),
        count(t.worsening.len()),
    );
    if !t.worsening.is_empty() {
        sentence.push_str(": ");
        sentence.push_str(&names(rated, &t.worsening, words));
    }
    sentence.push('.');
    Some(sentence)
}

/// "6 indicators have a benchmark to compare with (their figures for
/// 2017/18): 3 better than it, none the same and 3 worse."
fn benchmarks(rated: &RatedScorecard, words: &Words) -> Option<String> {
    let b = &rated.benchmarking;
    let n = b.compared_count();
    if n == 0 {
        return None;
    }
    let figures = match &b.compared {
        Some(Compared::Outturn { year }) => format!(" (their figures for {year})"),
        Some(Compared::Actual) => String::new(),
        None => " (last year's figure where the benchmark is of last year, else this period's)"
            .to_string(),
    };
    let mut sentence = format!(
        "{n} {} a benchmark to compare with{figures}: {} better than it, {} the same and {} \
         worse",
        plural(n, "indicator has", "indicators have"),
        count(b.better.len()),
        count(b.same.len()),
        count(b.worse.len()),
    );
    if !b.worse.is_empty() {
        sentence.push_str(" (");
        sentence.push_str(&names(rated, &b.worse, words));
        sentence.push(')');
    }
    sentence.push('.');
    Some(sentence)
}

/// "Of the 6 indicators with a benchmark quartile, 3 are in
/// the top quartile, 1 in the second and 2 in the bottom: …"
fn quartiles(rated: &RatedScorecard, words: &Words) -> Option<String> {
    let q = &rated.benchmarking.quartiles;
    let all: usize = q.iter().map(Vec::len).sum();
    if all == 0 {
        return None;
    }
    let names_of = ["top", "second", "third", "bottom"];
    let parts: Vec<String> = q
        .iter()
        .zip(names_of)
        .filter(|(list, _)| !list.is_empty())
        .enumerate()
        .map(|(k, (list, name))| {
            let n = list.len();
            if k == 0 {
                format!("{n} {} in the {name} quartile", plural(n, "is", "are"))
            } else {
                format!("{n} in the {name}")
            }
        })
        .collect();
    let mut sentence = format!(
        "Of the {all} {} with a benchmark quartile, {}",
        plural(all, "indicator", "indicators"),
        and_list(&parts)
    );
    if !q[3].is_empty() {
        sentence.push_str(": ");
        sentence.push_str(&names(rated, &q[3], words));
    }
    sentence.push('.');
    Some(sentence)
}

/// "Reablement (ASCOF 2B) has moved closer to the top quartile (more than
/// 86.0%): 80.0% in 2017/18, 84.0% now."
fn towards_top(rated: &RatedScorecard, words: &Words) -> Vec<String> {
    rated
        .benchmarking
        .towards_top
        .iter()
        .filter_map(|t| {
            let ri = rated.scorecard.indicators.get(t.indicator)?;
            let ind = &ri.indicator;
            let versus = ri.rating.versus.as_ref()?;
            let Compared::Outturn { year } = &versus.compared else {
                return None;
            };
            let side = if ind.polarity == Polarity::Lower {
                "less than"
            } else {
                "more than"
            };
            let threshold = words.value(ind, Some(t.threshold))?;
            let then = words.value(ind, Some(versus.figure))?;
            let now = words.value(ind, ind.actual.value)?;
            let who = names(rated, &[t.indicator], words);
            Some(if t.reached {
                format!(
                    "{who} is now beyond the threshold of the top quartile ({side} \
                     {threshold}): {then} in {year}, {now} this period."
                )
            } else {
                format!(
                    "{who} has moved closer to the top quartile ({side} {threshold}): {then} \
                     in {year}, {now} this period."
                )
            })
        })
        .collect()
}
