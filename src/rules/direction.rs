//! Direction of travel: is performance improving, worsening or unchanged?
//!
//! Judged by polarity (for a band, closer to the band is better), with
//! equality judged at the indicator's display precision, so a change too
//! small to show is "no change".

use crate::model::{Polarity, Target};
use crate::numbers::round_half_up;
use rust_decimal::Decimal;
use serde::Serialize;

/// A direction of travel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Better than before.
    Improving,
    /// Worse than before.
    Worsening,
    /// The same at display precision.
    NoChange,
}

/// Distance outside a band (zero inside it).
fn outside(value: Decimal, low: Decimal, high: Decimal) -> Decimal {
    if value < low {
        low - value
    } else if value > high {
        value - high
    } else {
        Decimal::ZERO
    }
}

/// The direction from `before` to `now`. `band` is the band target, needed
/// when the polarity is `band`; without one, and for `info`, there is none.
pub fn direction(
    now: Decimal,
    before: Decimal,
    polarity: Polarity,
    band: Option<&Target>,
    decimals: u32,
) -> Option<Direction> {
    let now = round_half_up(now, decimals);
    let before = round_half_up(before, decimals);
    let better = match polarity {
        Polarity::Higher => now.cmp(&before),
        Polarity::Lower => before.cmp(&now),
        Polarity::Band => {
            let (low, high) = match band? {
                Target::Band { low, high } => (*low, *high),
                Target::Value { value } => (*value, *value),
                Target::Bound { .. } => return None,
            };
            outside(before, low, high).cmp(&outside(now, low, high))
        }
        Polarity::Info => return None,
    };
    Some(match better {
        std::cmp::Ordering::Greater => Direction::Improving,
        std::cmp::Ordering::Less => Direction::Worsening,
        std::cmp::Ordering::Equal => Direction::NoChange,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn by_polarity() {
        assert_eq!(
            direction(d("45"), d("47"), Polarity::Higher, None, 1),
            Some(Direction::Worsening)
        );
        assert_eq!(
            direction(d("47"), d("45"), Polarity::Higher, None, 1),
            Some(Direction::Improving)
        );
        assert_eq!(
            direction(d("45"), d("47"), Polarity::Lower, None, 1),
            Some(Direction::Improving)
        );
        assert_eq!(direction(d("45"), d("47"), Polarity::Info, None, 1), None);
    }

    #[test]
    fn equality_at_display_precision() {
        assert_eq!(
            direction(d("55.14"), d("55.1"), Polarity::Higher, None, 1),
            Some(Direction::NoChange)
        );
        assert_eq!(
            direction(d("55.15"), d("55.1"), Polarity::Higher, None, 1),
            Some(Direction::Improving)
        );
        assert_eq!(
            direction(d("1264.4"), d("1264"), Polarity::Higher, None, 0),
            Some(Direction::NoChange)
        );
    }

    #[test]
    fn closer_to_the_band_is_better() {
        let band = Target::Band {
            low: d("56"),
            high: d("61"),
        };
        assert_eq!(
            direction(d("55"), d("50"), Polarity::Band, Some(&band), 0),
            Some(Direction::Improving)
        );
        assert_eq!(
            direction(d("62"), d("58"), Polarity::Band, Some(&band), 0),
            Some(Direction::Worsening)
        );
        assert_eq!(
            direction(d("57"), d("60"), Polarity::Band, Some(&band), 0),
            Some(Direction::NoChange)
        );
        assert_eq!(direction(d("57"), d("60"), Polarity::Band, None, 0), None);
    }
}
