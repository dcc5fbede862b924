//! When a recovery plan's action is overdue: due before the meeting and not
//! marked complete.

use crate::model::DateOrText;
use chrono::NaiveDate;

/// The statuses that mark an action done.
const COMPLETE: &[&str] = &["complete", "completed", "done", "achieved", "closed"];

fn is_complete(status: &Option<String>) -> bool {
    status
        .as_deref()
        .is_some_and(|s| COMPLETE.contains(&s.trim().to_lowercase().as_str()))
}

/// The last day an action can be done: its date, or the end of its month.
fn due_by(due: &DateOrText) -> Option<NaiveDate> {
    match due {
        DateOrText::Date(d) => Some(*d),
        DateOrText::Month(d) => d
            .checked_add_months(chrono::Months::new(1))
            .and_then(|n| n.pred_opt()),
        DateOrText::Text(_) => None,
    }
}

/// Whether an action is overdue at the meeting date: due (by its date, or by
/// the end of its month) before the meeting, and not complete. Without a
/// meeting date or a due date there is no judgement.
pub fn overdue(
    due: &Option<DateOrText>,
    status: &Option<String>,
    meeting: Option<NaiveDate>,
) -> bool {
    match (due.as_ref().and_then(due_by), meeting) {
        (Some(by), Some(meeting)) => by < meeting && !is_complete(status),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overdue_actions() {
        let meeting = NaiveDate::from_ymd_opt(2013, 6, 14);
        let d = |y, m, day| {
            Some(DateOrText::Date(
                NaiveDate::from_ymd_opt(y, m, day).unwrap(),
            ))
        };
        assert!(overdue(&d(2013, 3, 31), &None, meeting));
        assert!(!overdue(&d(2013, 3, 31), &Some("Complete".into()), meeting));
        assert!(!overdue(&d(2013, 3, 31), &Some(" done ".into()), meeting));
        assert!(!overdue(&d(2013, 6, 14), &None, meeting));
        assert!(!overdue(
            &Some(DateOrText::Text("Ongoing".into())),
            &None,
            meeting
        ));
        let month = |y, m| Some(DateOrText::Month(NaiveDate::from_ymd_opt(y, m, 1).unwrap()));
        assert!(
            !overdue(&month(2013, 6), &None, meeting),
            "June is not over at 14 June"
        );
        assert!(overdue(&month(2013, 5), &None, meeting));
        assert!(
            !overdue(&month(2012, 12), &None, None),
            "no meeting date, no judgement"
        );
    }
}
