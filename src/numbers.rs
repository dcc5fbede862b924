//! Rounding as councils publish figures, shared by the reader (the most
//! decimals a figure is shown with), the rules (percentages of the summary,
//! direction of travel at display precision) and the report.

use rust_decimal::{Decimal, RoundingStrategy};

/// The most decimals a figure is shown with: the largest the Decimals column
/// accepts, and the limit on the decimals a cell's format or typing can ask for.
pub const MAX_DECIMALS: u32 = 6;

/// Rounds half-up (away from zero), as councils publish.
pub fn round_half_up(value: Decimal, decimals: u32) -> Decimal {
    value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero)
}

/// The fewest decimals, from `dp`, at which `a` and `b` print differently
/// when they differ (a shortfall of 6.67 against a tolerance of 6.66 reads
/// "6.67 … 6.66", never "7 … 7"; a band 0.5–0.55 never reads "1–1"); equal
/// figures stay at `dp`.
pub fn places_apart(a: Decimal, b: Decimal, dp: u32) -> u32 {
    if a == b {
        return dp;
    }
    (dp..=dp + 12)
        .find(|&places| round_half_up(a, places) != round_half_up(b, places))
        .unwrap_or(dp + 12)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_compared_in_words_print_apart() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(places_apart(d("6.67"), d("6.66"), 0), 2);
        assert_eq!(places_apart(d("7"), d("6"), 0), 0);
        assert_eq!(
            places_apart(d("6.666"), d("6.666"), 1),
            1,
            "equal stays as it is"
        );
        assert_eq!(places_apart(d("0.1234"), d("0.1235"), 1), 3);
        assert_eq!(places_apart(d("0.5"), d("0.55"), 0), 1);
    }
}
