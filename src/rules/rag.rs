//! Shortfall, tolerance and the RAG policies.
//!
//! **Shortfall**: higher is better → target − actual; lower → actual − target;
//! band → distance to the nearest bound. Zero or less means met, except that a
//! strict bound (`<8.1`, `>95`) is not met at exactly its value.
//!
//! **Tolerance**: relative (`5%`) is a percentage of the target (of the nearest
//! bound for a band); absolute (`2`) is in the indicator's unit. A shortfall
//! exactly equal to the tolerance is within it. A tolerance of zero leaves no
//! room for Amber: missed is Red, even at a strict bound's own value.

use super::direction::Direction;
use super::Policy;
use crate::model::Comparison as Cmp;
use crate::model::{Polarity, Rag, Target, Tolerance};
use rust_decimal::Decimal;

/// How far a value is from its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gap {
    /// Whether the target is met.
    pub met: bool,
    /// How far short: positive when short, zero or negative when met.
    pub shortfall: Decimal,
    /// The figure a relative tolerance is taken of: the target, or the
    /// nearest bound of a band.
    pub reference: Decimal,
}

/// Compares a value with a target. `polarity` decides the direction of a plain
/// value target; bands and bounds carry their own.
pub fn gap(value: Decimal, target: &Target, polarity: Polarity) -> Gap {
    match *target {
        Target::Value { value: t } => {
            let shortfall = match polarity {
                Polarity::Lower => value - t,
                Polarity::Band => (value - t).abs(),
                Polarity::Higher | Polarity::Info => t - value,
            };
            Gap {
                met: shortfall <= Decimal::ZERO,
                shortfall,
                reference: t,
            }
        }
        Target::Band { low, high } => {
            let (shortfall, reference) = if value < low {
                (low - value, low)
            } else if value > high {
                (value - high, high)
            } else {
                let inside = (value - low).min(high - value);
                (
                    -inside,
                    if value - low <= high - value {
                        low
                    } else {
                        high
                    },
                )
            };
            Gap {
                met: shortfall <= Decimal::ZERO,
                shortfall,
                reference,
            }
        }
        Target::Bound { cmp, value: t } => {
            let (shortfall, strict) = match cmp {
                Cmp::Lt => (value - t, true),
                Cmp::Le => (value - t, false),
                Cmp::Gt => (t - value, true),
                Cmp::Ge => (t - value, false),
            };
            let met = if strict {
                shortfall < Decimal::ZERO
            } else {
                shortfall <= Decimal::ZERO
            };
            Gap {
                met,
                shortfall,
                reference: t,
            }
        }
    }
}

/// The tolerance as an amount in the indicator's unit.
pub fn tolerance_amount(tolerance: Tolerance, gap: &Gap) -> Decimal {
    match tolerance {
        Tolerance::Absolute(a) => a.abs(),
        // Figures are bounded where they are read, but a product of two can
        // still pass the decimal type's range: a tolerance that large is
        // unbounded, which is what the officer asked for.
        Tolerance::Relative(pct) => gap
            .reference
            .abs()
            .checked_mul(pct.abs())
            .map_or(Decimal::MAX, |p| p / Decimal::ONE_HUNDRED),
    }
}

/// Whether a missed target is within tolerance.
pub fn within_tolerance(gap: &Gap, amount: Decimal) -> bool {
    !gap.met && amount > Decimal::ZERO && gap.shortfall <= amount
}

/// The rating under a policy. `trend` is the long-term direction of travel,
/// used only by `tolerance-and-trend` (no figure for last year counts as not
/// improved).
pub fn rate(policy: Policy, gap: &Gap, amount: Decimal, trend: Option<Direction>) -> Rag {
    if gap.met {
        return Rag::Green;
    }
    let within = within_tolerance(gap, amount);
    match policy {
        Policy::Tolerance => {
            if within {
                Rag::Amber
            } else {
                Rag::Red
            }
        }
        Policy::ToleranceAndTrend => {
            if within {
                Rag::Green
            } else if matches!(trend, Some(Direction::Improving | Direction::NoChange)) {
                Rag::Amber
            } else {
                Rag::Red
            }
        }
        Policy::MetOrMissed => Rag::Red,
    }
}

/// The core rating of one figure against one target.
pub struct Computed {
    /// Whether the target is met.
    pub met: bool,
    /// How far short (negative when better than target).
    pub shortfall: Decimal,
    /// The tolerance as an amount in the indicator's unit.
    pub amount: Decimal,
    /// Missed, but by no more than the tolerance (a tie is within).
    pub within: bool,
    /// The rating.
    pub rag: Rag,
}

/// As [`compute`], for a target known exactly only as `k_times_target` ÷ `k`
/// (a year-end target profiled to 8 of 12 months is 800 ÷ 12 for a target of
/// 100): the figures are compared multiplied by `k`, so that a shortfall
/// exactly equal to the tolerance stays a tie however the division would
/// round, and the shortfall and tolerance are divided back for display.
pub fn compute_exact(
    value: Decimal,
    k_times_target: &Target,
    k: u32,
    polarity: Polarity,
    tolerance: Tolerance,
    policy: Policy,
    trend: Option<Direction>,
) -> Computed {
    let k = Decimal::from(k.max(1));
    let tolerance = match tolerance {
        Tolerance::Absolute(a) => Tolerance::Absolute(a.saturating_mul(k)),
        relative => relative,
    };
    let scaled = compute(
        value.saturating_mul(k),
        k_times_target,
        polarity,
        tolerance,
        policy,
        trend,
    );
    Computed {
        shortfall: scaled.shortfall / k,
        amount: scaled.amount / k,
        ..scaled
    }
}

/// Rates one figure against one target under a policy.
pub fn compute(
    value: Decimal,
    target: &Target,
    polarity: Polarity,
    tolerance: Tolerance,
    policy: Policy,
    trend: Option<Direction>,
) -> Computed {
    let g = gap(value, target, polarity);
    let amount = tolerance_amount(tolerance, &g);
    Computed {
        met: g.met,
        shortfall: g.shortfall,
        amount,
        within: within_tolerance(&g, amount),
        rag: rate(policy, &g, amount, trend),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn value(v: &str) -> Target {
        Target::Value { value: d(v) }
    }

    fn five_percent() -> Tolerance {
        Tolerance::Relative(d("5"))
    }

    fn rag_of(
        actual: &str,
        target: &Target,
        polarity: Polarity,
        tol: Tolerance,
        policy: Policy,
    ) -> Rag {
        let g = gap(d(actual), target, polarity);
        rate(policy, &g, tolerance_amount(tol, &g), None)
    }

    #[test]
    fn thurrock_september_and_october() {
        // September: 47% against a profiled 48.5%; 5% of 48.5 is 2.425.
        let g = gap(d("47"), &value("48.5"), Polarity::Higher);
        assert!(!g.met);
        assert_eq!(g.shortfall, d("1.5"));
        assert_eq!(tolerance_amount(five_percent(), &g), d("2.425"));
        assert_eq!(rate(Policy::Tolerance, &g, d("2.425"), None), Rag::Amber);
        // With no tolerance, as Thurrock rated it, it is Red.
        assert_eq!(rate(Policy::Tolerance, &g, Decimal::ZERO, None), Rag::Red);
        // October: 45% against 49.6%: 4.6 short, beyond 2.48.
        let g = gap(d("45"), &value("49.6"), Polarity::Higher);
        assert_eq!(g.shortfall, d("4.6"));
        assert_eq!(
            rag_of(
                "45",
                &value("49.6"),
                Polarity::Higher,
                five_percent(),
                Policy::Tolerance
            ),
            Rag::Red
        );
        // Year end 55.1% met exactly.
        assert_eq!(
            rag_of(
                "55.1",
                &value("55.1"),
                Polarity::Higher,
                five_percent(),
                Policy::Tolerance
            ),
            Rag::Green
        );
    }

    #[test]
    fn leicestershire_band_and_bound() {
        // Band 56-61% with 55%: 1 below the nearest bound, 5% of 56 is 2.8.
        let band = Target::Band {
            low: d("56"),
            high: d("61"),
        };
        let g = gap(d("55"), &band, Polarity::Band);
        assert_eq!(g.shortfall, d("1"));
        assert_eq!(g.reference, d("56"));
        assert_eq!(
            rag_of(
                "55",
                &band,
                Polarity::Band,
                five_percent(),
                Policy::Tolerance
            ),
            Rag::Amber
        );
        assert_eq!(
            rag_of(
                "58",
                &band,
                Polarity::Band,
                five_percent(),
                Policy::Tolerance
            ),
            Rag::Green
        );
        assert_eq!(
            rag_of(
                "61",
                &band,
                Polarity::Band,
                five_percent(),
                Policy::Tolerance
            ),
            Rag::Green
        );
        assert_eq!(
            rag_of(
                "65",
                &band,
                Polarity::Band,
                five_percent(),
                Policy::Tolerance
            ),
            Rag::Red
        );
        // <624.1 with 628.5: 4.4 over; 5% of 624.1 = 31.205, so Amber; 0.5% → Red.
        let bound = Target::Bound {
            cmp: Cmp::Lt,
            value: d("624.1"),
        };
        let g = gap(d("628.5"), &bound, Polarity::Lower);
        assert_eq!(g.shortfall, d("4.4"));
        assert_eq!(
            rag_of(
                "628.5",
                &bound,
                Polarity::Lower,
                five_percent(),
                Policy::Tolerance
            ),
            Rag::Amber
        );
        assert_eq!(
            rag_of(
                "628.5",
                &bound,
                Polarity::Lower,
                Tolerance::Relative(d("0.5")),
                Policy::Tolerance
            ),
            Rag::Red
        );
    }

    #[test]
    fn strict_bounds_are_not_met_at_their_value() {
        let lt = Target::Bound {
            cmp: Cmp::Lt,
            value: d("8.1"),
        };
        let le = Target::Bound {
            cmp: Cmp::Le,
            value: d("8.1"),
        };
        assert!(!gap(d("8.1"), &lt, Polarity::Lower).met);
        assert!(gap(d("8.0"), &lt, Polarity::Lower).met);
        assert!(gap(d("8.1"), &le, Polarity::Lower).met);
        let gt = Target::Bound {
            cmp: Cmp::Gt,
            value: d("95"),
        };
        let ge = Target::Bound {
            cmp: Cmp::Ge,
            value: d("95"),
        };
        assert!(!gap(d("95"), &gt, Polarity::Higher).met);
        assert!(gap(d("95"), &ge, Polarity::Higher).met);
        // At a strict bound's value: Amber with tolerance, Red without.
        assert_eq!(
            rag_of(
                "8.1",
                &lt,
                Polarity::Lower,
                five_percent(),
                Policy::Tolerance
            ),
            Rag::Amber
        );
        assert_eq!(
            rag_of(
                "8.1",
                &lt,
                Polarity::Lower,
                Tolerance::Absolute(Decimal::ZERO),
                Policy::Tolerance
            ),
            Rag::Red
        );
    }

    #[test]
    fn a_shortfall_equal_to_the_tolerance_is_within_it() {
        let t = value("100");
        assert_eq!(
            rag_of(
                "95",
                &t,
                Polarity::Higher,
                five_percent(),
                Policy::Tolerance
            ),
            Rag::Amber
        );
        assert_eq!(
            rag_of(
                "94.99",
                &t,
                Polarity::Higher,
                five_percent(),
                Policy::Tolerance
            ),
            Rag::Red
        );
        assert_eq!(
            rag_of(
                "98",
                &t,
                Polarity::Higher,
                Tolerance::Absolute(d("2")),
                Policy::Tolerance
            ),
            Rag::Amber
        );
        assert_eq!(
            rag_of(
                "105",
                &t,
                Polarity::Lower,
                five_percent(),
                Policy::Tolerance
            ),
            Rag::Amber
        );
        assert_eq!(
            rag_of(
                "105.01",
                &t,
                Polarity::Lower,
                five_percent(),
                Policy::Tolerance
            ),
            Rag::Red
        );
    }

    #[test]
    fn policies() {
        let t = value("100");
        let g = gap(d("97"), &t, Polarity::Higher);
        let beyond = gap(d("80"), &t, Polarity::Higher);
        let amount = d("5");
        assert_eq!(rate(Policy::MetOrMissed, &g, amount, None), Rag::Red);
        assert_eq!(
            rate(
                Policy::MetOrMissed,
                &gap(d("100"), &t, Polarity::Higher),
                amount,
                None
            ),
            Rag::Green
        );
        assert_eq!(
            rate(Policy::ToleranceAndTrend, &g, amount, None),
            Rag::Green
        );
        assert_eq!(
            rate(
                Policy::ToleranceAndTrend,
                &beyond,
                amount,
                Some(Direction::Improving)
            ),
            Rag::Amber
        );
        assert_eq!(
            rate(
                Policy::ToleranceAndTrend,
                &beyond,
                amount,
                Some(Direction::NoChange)
            ),
            Rag::Amber
        );
        assert_eq!(
            rate(
                Policy::ToleranceAndTrend,
                &beyond,
                amount,
                Some(Direction::Worsening)
            ),
            Rag::Red
        );
        assert_eq!(
            rate(Policy::ToleranceAndTrend, &beyond, amount, None),
            Rag::Red
        );
    }

    #[test]
    fn relative_tolerance_of_a_negative_target_is_positive() {
        let g = gap(d("-12"), &value("-10"), Polarity::Higher);
        assert_eq!(tolerance_amount(Tolerance::Relative(d("10")), &g), d("1"));
    }
}
