//! Checking a `TaskDraft`'s text, times and numbers; the target is checked against the database.

use linli_api_types::{
    TaskDraft, TASK_CAPACITY_MAX, TASK_CAPACITY_MIN, TASK_DESCRIPTION_MAX_CHARS,
    TASK_PLACE_MAX_CHARS, TASK_POINTS_MAX, TASK_TITLE_MAX_CHARS,
};

use super::refusals;
use crate::platform::error::{FieldIssue, Rule};
use crate::platform::text::TextField;

const TITLE: TextField = TextField::line("title", TASK_TITLE_MAX_CHARS);
const PLACE: TextField = TextField::line("place", TASK_PLACE_MAX_CHARS);
const DESCRIPTION: TextField =
    TextField::multiline("description", TASK_DESCRIPTION_MAX_CHARS).optional();

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanTask {
    pub title: String,
    pub description: String,
    pub place: String,
    pub starts_at: i64,
    pub ends_at: i64,
}

/// Every broken rule is pushed to `issues`.
pub fn check(draft: &TaskDraft, now_ms: i64, issues: &mut Vec<FieldIssue>) -> CleanTask {
    let title = TITLE.check(&draft.title, issues);
    let place = PLACE.check(&draft.place, issues);
    let description = DESCRIPTION.check(&draft.description, issues);
    let starts_at = draft.starts_at.timestamp_millis();
    let ends_at = draft.ends_at.timestamp_millis();
    if starts_at <= now_ms {
        issues.push(refusals::start_in_past());
    }
    if ends_at <= starts_at {
        issues.push(refusals::end_not_after_start());
    }
    if !(TASK_CAPACITY_MIN..=TASK_CAPACITY_MAX).contains(&draft.capacity) {
        issues.push(FieldIssue::new(
            "capacity",
            Rule::OutOfRange {
                min: TASK_CAPACITY_MIN,
                max: TASK_CAPACITY_MAX,
            },
        ));
    }
    if !(0..=TASK_POINTS_MAX).contains(&draft.points) {
        issues.push(FieldIssue::new(
            "points",
            Rule::OutOfRange {
                min: 0,
                max: TASK_POINTS_MAX,
            },
        ));
    }
    CleanTask {
        title,
        description,
        place,
        starts_at,
        ends_at,
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, Utc};
    use linli_api_types::{ScopeKind, TaskCategory, TaskTarget};

    use super::*;

    fn draft() -> TaskDraft {
        let start = Utc::now() + Duration::days(1);
        TaskDraft {
            title: "清理楼道".into(),
            description: String::new(),
            category: TaskCategory::Environment,
            place: "3栋楼下".into(),
            starts_at: start,
            ends_at: start + Duration::hours(2),
            capacity: 10,
            points: 20,
            target: TaskTarget {
                kind: ScopeKind::Building,
                id: 1,
            },
        }
    }

    fn codes(d: &TaskDraft) -> Vec<(String, &'static str)> {
        let mut issues = Vec::new();
        check(d, Utc::now().timestamp_millis(), &mut issues);
        issues
            .into_iter()
            .map(|i| (i.field, i.rule.code()))
            .collect()
    }

    #[test]
    fn a_good_draft_passes() {
        assert!(codes(&draft()).is_empty());
    }

    #[test]
    fn every_rule_names_its_field() {
        let mut d = draft();
        d.title = "楼".repeat(61);
        d.place = " ".into();
        d.description = "字".repeat(2001);
        d.starts_at = Utc::now() - Duration::hours(1);
        d.ends_at = d.starts_at;
        d.capacity = 0;
        d.points = 1001;
        let got = codes(&d);
        let want = [
            ("title", "too_long"),
            ("place", "required"),
            ("description", "too_long"),
            ("starts_at", "in_past"),
            ("ends_at", "not_after_start"),
            ("capacity", "out_of_range"),
            ("points", "out_of_range"),
        ];
        assert_eq!(got, want.map(|(f, c)| (f.to_owned(), c)).to_vec());
    }
}
