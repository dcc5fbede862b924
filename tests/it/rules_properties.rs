//! Properties of the RAG rules that must hold for every figure.

use proptest::prelude::*;
use rust_decimal::Decimal;
use scorecard::model::Comparison;
use scorecard::model::{Indicator, Measure, Polarity, Rag, Target, Tolerance};
use scorecard::rules::rag::{gap, rate, tolerance_amount};
use scorecard::rules::scorecard::{rate_indicator, Earlier};
use scorecard::rules::{Policy, RuleSettings};

/// A figure with up to two decimal places, positive or negative.
fn figure() -> impl Strategy<Value = Decimal> {
    (-100_000i64..100_000).prop_map(|m| Decimal::new(m, 2))
}

fn tolerance() -> impl Strategy<Value = Tolerance> {
    prop_oneof![
        (0i64..2_000).prop_map(|m| Tolerance::Relative(Decimal::new(m, 2))),
        (0i64..2_000).prop_map(|m| Tolerance::Absolute(Decimal::new(m, 2))),
    ]
}

fn policy() -> impl Strategy<Value = Policy> {
    prop_oneof![
        Just(Policy::Tolerance),
        Just(Policy::ToleranceAndTrend),
        Just(Policy::MetOrMissed)
    ]
}

/// Targets with the polarity they imply (a plain value with higher or lower).
fn target() -> impl Strategy<Value = (Target, Polarity)> {
    prop_oneof![
        (
            figure(),
            prop_oneof![Just(Polarity::Higher), Just(Polarity::Lower)]
        )
            .prop_map(|(v, p)| (Target::Value { value: v }, p)),
        (figure(), figure()).prop_map(|(a, b)| (
            Target::Band {
                low: a.min(b),
                high: a.max(b)
            },
            Polarity::Band
        )),
        (
            figure(),
            prop_oneof![Just(Comparison::Lt), Just(Comparison::Le)]
        )
            .prop_map(|(v, cmp)| (Target::Bound { cmp, value: v }, Polarity::Lower)),
        (
            figure(),
            prop_oneof![Just(Comparison::Gt), Just(Comparison::Ge)]
        )
            .prop_map(|(v, cmp)| (Target::Bound { cmp, value: v }, Polarity::Higher)),
    ]
}

fn rag_of(
    actual: Decimal,
    target: &Target,
    polarity: Polarity,
    tol: Tolerance,
    policy: Policy,
) -> Rag {
    let g = gap(actual, target, polarity);
    rate(policy, &g, tolerance_amount(tol, &g), None)
}

/// The same target seen in a mirror: every figure negated, direction reversed.
fn mirror(target: &Target, polarity: Polarity) -> (Target, Polarity) {
    let flip = |p| match p {
        Polarity::Higher => Polarity::Lower,
        Polarity::Lower => Polarity::Higher,
        other => other,
    };
    let t = match *target {
        Target::Value { value } => Target::Value { value: -value },
        Target::Band { low, high } => Target::Band {
            low: -high,
            high: -low,
        },
        Target::Bound { cmp, value } => Target::Bound {
            cmp: match cmp {
                Comparison::Lt => Comparison::Gt,
                Comparison::Le => Comparison::Ge,
                Comparison::Gt => Comparison::Lt,
                Comparison::Ge => Comparison::Le,
            },
            value: -value,
        },
    };
    (t, flip(polarity))
}

/// Red < Amber < Green.
fn goodness(r: Rag) -> u8 {
    match r {
        Rag::Red => 0,
        Rag::Amber => 1,
        Rag::Green => 2,
        Rag::NotRated => 3,
    }
}

proptest! {
    #[test]
    fn mirroring_values_and_polarity_mirrors_the_rating(
        actual in figure(), (t, p) in target(), tol in tolerance(), policy in policy()
    ) {
        let (mt, mp) = mirror(&t, p);
        prop_assert_eq!(
            rag_of(actual, &t, p, tol, policy),
            rag_of(-actual, &mt, mp, tol, policy)
        );
    }

    #[test]
    fn a_better_actual_never_gives_a_worse_rating(
        a in figure(), b in figure(), t in figure(), tol in tolerance(),
        higher in any::<bool>(),
        policy in prop_oneof![Just(Policy::Tolerance), Just(Policy::MetOrMissed)],
    ) {
        let (polarity, worse, better) = if higher {
            (Polarity::Higher, a.min(b), a.max(b))
        } else {
            (Polarity::Lower, a.max(b), a.min(b))
        };
        let target = Target::Value { value: t };
        prop_assert!(
            goodness(rag_of(better, &target, polarity, tol, policy))
                >= goodness(rag_of(worse, &target, polarity, tol, policy))
        );
    }

    #[test]
    fn closer_to_a_band_is_never_worse(a in figure(), b in figure(), (lo, hi) in (figure(), figure()), tol in tolerance()) {
        let band = Target::Band { low: lo.min(hi), high: lo.max(hi) };
        let outside = |v: Decimal| if v < lo.min(hi) { lo.min(hi) - v } else if v > lo.max(hi) { v - lo.max(hi) } else { Decimal::ZERO };
        // Only compare figures on the same side, where the tolerance reference is the same bound.
        prop_assume!((a < lo.min(hi)) == (b < lo.min(hi)) && (a > lo.max(hi)) == (b > lo.max(hi)));
        let (better, worse) = if outside(a) <= outside(b) { (a, b) } else { (b, a) };
        prop_assert!(
            goodness(rag_of(better, &band, Polarity::Band, tol, Policy::Tolerance))
                >= goodness(rag_of(worse, &band, Polarity::Band, tol, Policy::Tolerance))
        );
    }

    #[test]
    fn tolerance_zero_gives_no_amber(
        actual in figure(), (t, p) in target(),
        zero in prop_oneof![Just(Tolerance::Relative(Decimal::ZERO)), Just(Tolerance::Absolute(Decimal::ZERO))],
        policy in prop_oneof![Just(Policy::Tolerance), Just(Policy::MetOrMissed)],
    ) {
        prop_assert_ne!(rag_of(actual, &t, p, zero, policy), Rag::Amber);
    }

    #[test]
    fn a_met_target_is_green_under_every_policy(
        (t, p) in target(), offset in 0i64..10_000, tol in tolerance(), policy in policy()
    ) {
        // A figure that meets the target: at it (inside a band) or beyond it the good way.
        let step = Decimal::new(offset, 2) + Decimal::new(1, 2);
        let actual = match (&t, p) {
            (Target::Value { value }, Polarity::Higher) => *value + step - Decimal::new(1, 2),
            (Target::Value { value }, _) => *value - step + Decimal::new(1, 2),
            (Target::Band { low, high }, _) => (*low + *high) / Decimal::TWO,
            (Target::Bound { value, .. }, Polarity::Lower) => *value - step,
            (Target::Bound { value, .. }, _) => *value + step,
        };
        prop_assert!(gap(actual, &t, p).met);
        prop_assert_eq!(rag_of(actual, &t, p, tol, policy), Rag::Green);
    }

    /// Display precision only matters through equality in direction of travel:
    /// under policies that ignore the trend, the rating never depends on it.
    #[test]
    fn the_rating_does_not_depend_on_display_precision(
        actual in figure(), previous in figure(), t in figure(), tol in tolerance(),
        dp1 in 0u32..4, dp2 in 0u32..4,
        policy in prop_oneof![Just(Policy::Tolerance), Just(Policy::MetOrMissed)],
    ) {
        let rating = |dp| {
            let mut ind = Indicator::new("P", "Property");
            ind.actual = Measure::number(actual);
            ind.previous = Measure::number(previous);
            ind.target = Some(Target::Value { value: t });
            ind.tolerance = Some(tol);
            ind.decimals = Some(dp);
            let settings = RuleSettings { policy, ..RuleSettings::default() };
            rate_indicator(&ind, &settings, None, None).rag
        };
        prop_assert_eq!(rating(dp1), rating(dp2));
    }
}

/// Any figure the reader lets through: up to 1e15 as typed, times 100 for a
/// percent-formatted cell, with any scale the decimal type can hold.
fn extreme() -> impl Strategy<Value = Decimal> {
    let limit = Decimal::from(100_000_000_000_000_000i64);
    prop_oneof![
        (any::<i64>(), 0u32..=28).prop_map(|(m, s)| Decimal::new(m, s)),
        Just(limit),
        Just(-limit),
        Just(Decimal::new(1, 28)),
        Just(Decimal::ZERO),
    ]
    .prop_filter("within what the reader accepts", move |v| v.abs() <= limit)
}

fn extreme_tolerance() -> impl Strategy<Value = Tolerance> {
    prop_oneof![
        extreme().prop_map(|v| Tolerance::Relative(v.abs())),
        extreme().prop_map(|v| Tolerance::Absolute(v.abs())),
    ]
}

proptest! {
    #[test]
    fn figures_at_the_limits_are_rated_without_overflow_and_mirror(
        actual in extreme(), t in extreme(), other in extreme(),
        previous in extreme(), tol in extreme_tolerance(), policy in policy(),
        kind in 0u8..3,
    ) {
        let (target, polarity) = match kind {
            0 => (Target::Value { value: t }, Polarity::Higher),
            1 => (Target::Band { low: t.min(other), high: t.max(other) }, Polarity::Band),
            _ => (Target::Bound { cmp: Comparison::Lt, value: t }, Polarity::Lower),
        };
        let (mt, mp) = mirror(&target, polarity);
        prop_assert_eq!(
            rag_of(actual, &target, polarity, tol, policy),
            rag_of(-actual, &mt, mp, tol, policy)
        );
        let mut ind = Indicator::new("X", "X");
        ind.polarity = polarity;
        ind.actual = Measure::number(actual);
        ind.previous = Measure::number(previous);
        ind.last_year = Measure::number(other);
        ind.target = Some(target);
        ind.year_end_target = Some(Target::Value { value: other });
        ind.tolerance = Some(tol);
        ind.cumulative = true;
        let settings = RuleSettings { policy, months_elapsed: Some(7), ..RuleSettings::default() };
        let earlier = |value| Some(Earlier { value, from_history: None, whole_year: None });
        let rating = rate_indicator(&ind, &settings, earlier(previous), earlier(other));
        prop_assert!(rating.rag != Rag::NotRated || ind.target.is_none());
    }
}
