//! Which indicators the paper puts in focus, and why: those the workbook
//! selects, and those at Red for two or more periods in a row.

use crate::model::Indicator;
use serde::Serialize;

/// Periods in a row at Red that put an indicator in focus.
pub const RED_PERIODS_FOR_FOCUS: u32 = 2;

/// Why an indicator is in focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FocusReason {
    /// At Red for this many periods in a row (this one included).
    AtRed(u32),
    /// The workbook's In focus column selects it.
    Selected,
}

/// The reasons an indicator is in focus, in the order the paper gives them;
/// empty when it is not.
pub fn focus(indicator: &Indicator, consecutive_red: u32) -> Vec<FocusReason> {
    let mut reasons = Vec::new();
    if consecutive_red >= RED_PERIODS_FOR_FOCUS {
        reasons.push(FocusReason::AtRed(consecutive_red));
    }
    if indicator.in_focus {
        reasons.push(FocusReason::Selected);
    }
    reasons
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_periods_at_red_or_selected() {
        let mut ind = Indicator::new("PI 1", "A measure");
        assert!(focus(&ind, 0).is_empty());
        assert!(focus(&ind, 1).is_empty(), "one period at Red is not a run");
        assert_eq!(focus(&ind, 2), vec![FocusReason::AtRed(2)]);
        ind.in_focus = true;
        assert_eq!(focus(&ind, 0), vec![FocusReason::Selected]);
        assert_eq!(
            focus(&ind, 3),
            vec![FocusReason::AtRed(3), FocusReason::Selected]
        );
    }
}
