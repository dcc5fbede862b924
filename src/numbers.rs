//! Rounding as councils publish figures, shared by the rules (percentages of
//! the summary, direction of travel at display precision) and the report.

use rust_decimal::{Decimal, RoundingStrategy};

/// Rounds half-up (away from zero), as councils publish.
pub fn round_half_up(value: Decimal, decimals: u32) -> Decimal {
    value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero)
}
