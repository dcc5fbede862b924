//! Words typed into cells: units, polarities, RAG ratings, quartiles,
//! frequencies and yes/no.

use crate::model::{Frequency, Polarity, Quartile, Rag, Unit};
use rust_decimal::Decimal;

fn words(s: &str) -> String {
    s.trim()
        .trim_end_matches(['.', ':'])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Reads a unit: `percent`, `%`, `number`, `per 100,000`, `£`, `days`, `score out of 24`…
pub fn parse_unit(s: &str) -> Option<Unit> {
    let w = words(s);
    let unit = match w.as_str() {
        "percent" | "percentage" | "per cent" | "%" | "pct" | "%age" => Unit::Percent,
        "number" | "count" | "no." | "no" | "#" | "numeric" | "integer" | "num" => Unit::Number,
        "rate" => Unit::Rate(None),
        "currency" | "\u{a3}" | "money" | "gbp" | "cost" | "\u{a3}s" | "pounds" => Unit::Currency,
        "days" | "day" | "no. of days" | "number of days" => Unit::Days,
        "score" => Unit::Score(None),
        "ratio" => Unit::Ratio,
        "yes/no" | "yesno" | "y/n" | "boolean" | "yes / no" => Unit::YesNo,
        _ if w.starts_with("per ") || w.contains(" per ") || w.starts_with("rate ") => {
            Unit::Rate(Some(s.split_whitespace().collect::<Vec<_>>().join(" ")))
        }
        _ if w.starts_with("score") => {
            let max = w
                .split(|c: char| !(c.is_ascii_digit() || c == '.'))
                .filter(|t| !t.is_empty())
                .find_map(|t| t.parse::<Decimal>().ok())?;
            Unit::Score(Some(max))
        }
        _ => return None,
    };
    Some(unit)
}

/// Reads a polarity: `Higher`, `Bigger is better`, `L`, `Target band width`, `For information only`,
/// `Data only`…
pub fn parse_polarity(s: &str) -> Option<Polarity> {
    let w = words(s);
    let p = match w.as_str() {
        "higher" | "h" | "high" | "bigger is better" | "higher is better" | "increase" | "up"
        | "maximise" | "maximize" | "more is better" => Polarity::Higher,
        "lower" | "l" | "low" | "smaller is better" | "lower is better" | "decrease" | "down"
        | "minimise" | "minimize" | "less is better" => Polarity::Lower,
        "band" | "target band" | "target band width" | "range" | "within band" | "b" => {
            Polarity::Band
        }
        "info"
        | "for information only"
        | "n/a"
        | "na"
        | "monitor"
        | "information"
        | "for information"
        | "information only"
        | "data only"
        | "data"
        | "contextual"
        | "tracking"
        | "i" => Polarity::Info,
        _ => return None,
    };
    Some(p)
}

/// Reads a RAG rating: `R`, `Amber`, `N/A`…
pub fn parse_rag(s: &str) -> Option<Rag> {
    let r = match words(s).as_str() {
        "r" | "red" => Rag::Red,
        "a" | "amber" => Rag::Amber,
        "g" | "green" => Rag::Green,
        "n/a" | "na" | "not rated" | "none" | "-" | "unrated" => Rag::NotRated,
        _ => return None,
    };
    Some(r)
}

/// Reads a quartile: `Top`, `Second`, `Two`, `3`, `Bottom`…
pub fn parse_quartile(s: &str) -> Option<Quartile> {
    let q = match words(s).as_str() {
        "top" | "1" | "1st" | "first" | "one" | "q1" | "top quartile" => 1,
        "second" | "2" | "2nd" | "two" | "q2" | "upper middle" => 2,
        "third" | "3" | "3rd" | "three" | "q3" | "lower middle" => 3,
        "bottom" | "4" | "4th" | "fourth" | "four" | "q4" | "bottom quartile" => 4,
        _ => return None,
    };
    Some(Quartile(q))
}

/// Reads a frequency.
pub fn parse_frequency(s: &str) -> Option<Frequency> {
    let f = match words(s).as_str() {
        "monthly" | "month" | "m" => Frequency::Monthly,
        "quarterly" | "quarter" | "q" => Frequency::Quarterly,
        "termly" | "term" | "t" => Frequency::Termly,
        "annual" | "annually" | "yearly" | "year" | "a" | "y" => Frequency::Annual,
        _ => return None,
    };
    Some(f)
}

/// Reads yes/no.
pub fn parse_bool(s: &str) -> Option<bool> {
    match words(s).as_str() {
        "yes" | "y" | "true" | "1" | "x" | "\u{2713}" | "\u{2714}" => Some(true),
        "no" | "n" | "false" | "0" | "" | "-" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units() {
        assert_eq!(parse_unit("%"), Some(Unit::Percent));
        assert_eq!(parse_unit("Percentage"), Some(Unit::Percent));
        assert_eq!(parse_unit("No."), Some(Unit::Number));
        assert_eq!(parse_unit("Count"), Some(Unit::Number));
        assert_eq!(
            parse_unit("per 100,000 population"),
            Some(Unit::Rate(Some("per 100,000 population".into())))
        );
        assert_eq!(parse_unit("\u{a3}"), Some(Unit::Currency));
        assert_eq!(parse_unit("Money"), Some(Unit::Currency));
        assert_eq!(
            parse_unit("score (out of 24)"),
            Some(Unit::Score(Some(Decimal::from(24))))
        );
        assert_eq!(parse_unit("Score"), Some(Unit::Score(None)));
        assert_eq!(parse_unit("Yes/No"), Some(Unit::YesNo));
        assert_eq!(parse_unit("parsecs"), None);
    }

    #[test]
    fn polarities() {
        assert_eq!(parse_polarity("Bigger is Better"), Some(Polarity::Higher));
        assert_eq!(parse_polarity("H"), Some(Polarity::Higher));
        assert_eq!(parse_polarity("L"), Some(Polarity::Lower));
        assert_eq!(parse_polarity("Smaller is better"), Some(Polarity::Lower));
        assert_eq!(parse_polarity("Target Band Width"), Some(Polarity::Band));
        assert_eq!(parse_polarity("For information only"), Some(Polarity::Info));
        assert_eq!(parse_polarity("N/A"), Some(Polarity::Info));
        for info in ["Data Only", "data", "Contextual", "Tracking"] {
            assert_eq!(parse_polarity(info), Some(Polarity::Info), "{info}");
        }
        assert_eq!(parse_polarity("sideways"), None);
    }

    #[test]
    fn rags_quartiles_flags() {
        assert_eq!(parse_rag("R"), Some(Rag::Red));
        assert_eq!(parse_rag("amber"), Some(Rag::Amber));
        assert_eq!(parse_rag("Green"), Some(Rag::Green));
        assert_eq!(parse_rag("N/A"), Some(Rag::NotRated));
        assert_eq!(parse_rag("purple"), None);
        assert_eq!(parse_quartile("Top"), Some(Quartile(1)));
        assert_eq!(parse_quartile("Two"), Some(Quartile(2)));
        assert_eq!(parse_quartile("Three"), Some(Quartile(3)));
        assert_eq!(parse_quartile("4"), Some(Quartile(4)));
        assert_eq!(parse_quartile("Bottom"), Some(Quartile(4)));
        assert_eq!(parse_quartile("5"), None);
        assert_eq!(parse_bool("Yes"), Some(true));
        assert_eq!(parse_bool("n"), Some(false));
        assert_eq!(parse_bool("maybe"), None);
        assert_eq!(parse_frequency("Quarterly"), Some(Frequency::Quarterly));
        assert_eq!(parse_frequency("fortnightly"), None);
    }
}
