//! Where an indicator stands among its comparators (Benchmarks sheet): the
//! ranking, the council's own rank and its quartile.
//!
//! Comparators whose name marks an average (`England average`, `Regional`,
//! `National`) are shown beside the ranking, not ranked. Higher- and
//! lower-is-better indicators are ranked, best first; equal values share the
//! better rank; comparators without a value come last, unranked. The
//! quartile is the workbook's own when it gives one, else the one the rank
//! falls in.

use crate::model::{Benchmark, Indicator, Polarity};
use crate::period::parse_month_name;
use rust_decimal::Decimal;
use std::cmp::Ordering;

/// One entry of a ranking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranked {
    /// Who: the council itself, or a comparator row of the Benchmarks sheet.
    pub who: Comparator,
    /// The value compared.
    pub value: Option<Decimal>,
    /// Its rank (1 = best); `None` when unranked.
    pub rank: Option<usize>,
}

/// Who a ranked value belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparator {
    /// The council whose scorecard this is.
    Us,
    /// A row of the Benchmarks sheet (its index in `Scorecard::benchmarks`).
    Row(usize),
}

/// An indicator's place among its comparators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    /// The ranking, best first (in workbook order when the indicator's
    /// polarity does not rank), the council included.
    pub ranked: Vec<Ranked>,
    /// The averages shown beside the ranking (rows of the Benchmarks sheet).
    pub averages: Vec<usize>,
    /// The council's own earlier figures (`Lancashire 2011/12`), shown
    /// beside the ranking, never ranked against it.
    pub history: Vec<usize>,
    /// The council's rank.
    pub rank: Option<usize>,
    /// How many entries of the ranking have a value.
    pub out_of: usize,
    /// The council's quartile, 1 = top.
    pub quartile: Option<u8>,
}

/// The quartile of rank `rank` (1 = best) among `out_of`: 1 = top.
pub fn quartile_of(rank: usize, out_of: usize) -> u8 {
    let q = rank.saturating_mul(4).div_ceil(out_of.max(1));
    q.clamp(1, 4) as u8
}

/// Words of a council's name that do not tell councils apart.
const GENERIC: &[&str] = &[
    "county",
    "council",
    "borough",
    "city",
    "district",
    "metropolitan",
    "royal",
    "of",
    "the",
    "and",
    "&",
    "london",
    "unitary",
    "authority",
    "cc",
    "mbc",
    "bc",
    "dc",
];

/// Words that may follow a council's name to make it an earlier period of
/// its own (`Lancashire 2011/12`, `Lancashire (last year)`), besides month
/// names.
const PERIOD_WORDS: &[&str] = &[
    "last", "previous", "prior", "year", "years", "ago", "fy", "q", "outturn", "actual", "baseline",
];

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric() && c != '&')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// How a comparator's name relates to the council's own name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Naming {
    /// Another council, or an average.
    Other,
    /// The council itself, now: its figure is the Actual, so the row is not
    /// counted again.
    Us,
    /// The council itself, at an earlier period (`Lancashire 2011/12`).
    OurHistory,
}

/// Whether `comparator` names the council `organisation` (`Lancashire`,
/// `Lancashire County Council`), and then whether with a period after it
/// (`Lancashire 2011/12`, `Lancashire CC (last year)`). `West Lancashire`
/// is another council.
pub fn naming(comparator: &str, organisation: &str) -> Naming {
    let ours = words(organisation);
    let theirs = words(comparator);
    if ours.is_empty() || theirs.is_empty() {
        return Naming::Other;
    }
    if ours == theirs {
        return Naming::Us;
    }
    let distinctive = |w: &[String]| -> Vec<String> {
        w.iter()
            .filter(|w| !GENERIC.contains(&w.as_str()))
            .cloned()
            .collect()
    };
    let core = distinctive(&ours);
    if core.is_empty() {
        return Naming::Other;
    }
    let rest: Vec<String> = match (
        theirs.strip_prefix(&ours[..]),
        theirs.strip_prefix(&core[..]),
    ) {
        (Some(rest), _) | (None, Some(rest)) => distinctive(rest),
        (None, None) => return Naming::Other,
    };
    if rest.is_empty() {
        return Naming::Us;
    }
    let period_like = rest.iter().all(|w| {
        w.chars().all(|c| c.is_ascii_digit())
            || PERIOD_WORDS.contains(&w.as_str())
            || parse_month_name(w).is_some()
            || (w.starts_with('q') && w[1..].chars().all(|c| c.is_ascii_digit()))
            || (w.starts_with("fy") && w[2..].chars().all(|c| c.is_ascii_digit()))
    });
    let has_period = rest.iter().any(|w| {
        w.chars().any(|c| c.is_ascii_digit())
            || ["last", "previous", "prior", "baseline"].contains(&w.as_str())
    });
    if period_like && has_period {
        Naming::OurHistory
    } else {
        Naming::Other
    }
}

/// Whether a comparator's name marks an average rather than a council.
pub fn is_average(name: &str) -> bool {
    let n = name.to_lowercase();
    n.contains("average") || n.contains("england") || n.contains("national") || n.contains("region")
}

/// The standing of `indicator` among the Benchmarks rows `rows` (indices into
/// `benchmarks`); `organisation` is the council's own name (the front
/// matter's Organisation), whose row, if any, is not counted twice. `None` when the indicator has no benchmarks.
pub fn standing(
    indicator: &Indicator,
    rows: &[usize],
    benchmarks: &[Benchmark],
    organisation: Option<&str>,
) -> Option<Standing> {
    let rows: Vec<(usize, &Benchmark)> = rows
        .iter()
        .filter_map(|&i| Some((i, benchmarks.get(i)?)))
        .collect();
    if rows.is_empty() {
        return None;
    }
    let mut ranked = Vec::new();
    let mut averages = Vec::new();
    let mut history = Vec::new();
    for (i, b) in rows {
        let named = organisation.map_or(Naming::Other, |us| naming(&b.comparator, us));
        match named {
            Naming::Us => {}
            Naming::OurHistory => history.push(i),
            Naming::Other if is_average(&b.comparator) => averages.push(i),
            Naming::Other => ranked.push(Ranked {
                who: Comparator::Row(i),
                value: b.value.value,
                rank: None,
            }),
        }
    }
    ranked.push(Ranked {
        who: Comparator::Us,
        value: indicator.actual.value,
        rank: None,
    });
    let better_first = |a: &Option<Decimal>, b: &Option<Decimal>| match (a, b) {
        (Some(a), Some(b)) => match indicator.polarity {
            Polarity::Lower => a.cmp(b),
            _ => b.cmp(a),
        },
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    let rankable = matches!(indicator.polarity, Polarity::Higher | Polarity::Lower);
    if rankable {
        ranked.sort_by(|a, b| better_first(&a.value, &b.value));
    }
    let out_of = ranked.iter().filter(|r| r.value.is_some()).count();
    let values: Vec<Option<Decimal>> = ranked.iter().map(|r| r.value).collect();
    for r in &mut ranked {
        // Equal values share the better rank.
        r.rank = (rankable && r.value.is_some()).then(|| {
            1 + values
                .iter()
                .filter(|o| better_first(o, &r.value) == Ordering::Less)
                .count()
        });
    }
    let rank = ranked
        .iter()
        .find(|r| r.who == Comparator::Us)
        .and_then(|r| r.rank);
    let quartile = indicator
        .quartile
        .map(|q| q.0)
        .or_else(|| rank.map(|r| quartile_of(r, out_of)));
    Some(Standing {
        ranked,
        averages,
        history,
        rank,
        out_of,
        quartile,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Measure, Source};

    fn row(name: &str, value: i64) -> Benchmark {
        Benchmark {
            reference: "PI 1".into(),
            comparator: name.into(),
            value: Measure::number(Decimal::from(value)),
            period: None,
            source: Source {
                sheet: "Benchmarks".into(),
                row: 2,
                columns: Default::default(),
            },
        }
    }

    fn ind(polarity: Polarity, actual: i64) -> Indicator {
        let mut ind = Indicator::new("PI 1", "A measure");
        ind.polarity = polarity;
        ind.actual = Measure::number(Decimal::from(actual));
        ind
    }

    #[test]
    fn ranks_best_first_with_ties_sharing_the_better_rank() {
        let rows = vec![
            row("Blackpool", 50),
            row("England average", 55),
            row("Cumbria", 70),
            row("Lancashire", 60),
            row("Bolton", 60),
        ];
        let all: Vec<usize> = (0..rows.len()).collect();
        let s = standing(&ind(Polarity::Higher, 60), &all, &rows, Some("Lancashire")).unwrap();
        let ranks: Vec<(Comparator, Option<usize>)> =
            s.ranked.iter().map(|r| (r.who, r.rank)).collect();
        assert_eq!(
            ranks,
            vec![
                (Comparator::Row(2), Some(1)),
                (Comparator::Row(4), Some(2)),
                (Comparator::Us, Some(2)),
                (Comparator::Row(0), Some(4)),
            ],
            "the council's own row is not counted twice; the average is not ranked"
        );
        assert_eq!(s.averages, vec![1]);
        assert_eq!((s.rank, s.out_of, s.quartile), (Some(2), 4, Some(2)));
    }

    #[test]
    fn the_councils_own_earlier_figures_are_history_not_comparators() {
        use Naming::*;
        let us = "Lancashire County Council";
        assert_eq!(naming("Lancashire 2011/12", us), OurHistory);
        assert_eq!(naming("Lancashire CC (last year)", us), OurHistory);
        assert_eq!(naming("Lancashire Q3 2011/12", us), OurHistory);
        assert_eq!(naming("Lancashire", us), Us);
        assert_eq!(naming("lancashire county council", us), Us);
        assert_eq!(naming("West Lancashire", us), Other);
        assert_eq!(naming("Lancashire Fire and Rescue", us), Other);
        assert_eq!(naming("Blackpool", us), Other);
        assert_eq!(naming("Anything", "County Council"), Other);
        let rows = vec![
            row("Lancashire 2011/12", 80),
            row("Blackpool", 50),
            row("Cumbria", 70),
        ];
        let s = standing(&ind(Polarity::Higher, 60), &[0, 1, 2], &rows, Some(us)).unwrap();
        assert_eq!(s.history, vec![0]);
        assert_eq!((s.rank, s.out_of), (Some(2), 3), "2nd of 3, not 3rd of 4");
    }

    #[test]
    fn smaller_is_better_ranks_ascending() {
        let rows = vec![row("Blackpool", 5), row("Cumbria", 9), row("Bolton", 12)];
        let s = standing(&ind(Polarity::Lower, 10), &[0, 1, 2], &rows, Some("Us")).unwrap();
        assert_eq!((s.rank, s.out_of, s.quartile), (Some(3), 4, Some(3)));
    }

    #[test]
    fn information_only_is_not_ranked_and_no_rows_is_no_standing() {
        let rows = vec![row("Blackpool", 5)];
        let s = standing(&ind(Polarity::Info, 10), &[0], &rows, Some("Us")).unwrap();
        assert_eq!((s.rank, s.quartile), (None, None));
        assert!(s.ranked.iter().all(|r| r.rank.is_none()));
        assert!(standing(&ind(Polarity::Higher, 1), &[], &rows, Some("Us")).is_none());
    }
}
