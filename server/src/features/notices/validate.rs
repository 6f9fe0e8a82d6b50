//! Checking a `NoticeDraft`'s text and times; the target is checked against the database.

use linli_api_types::{NoticeDraft, NOTICE_BODY_MAX_CHARS, NOTICE_TITLE_MAX_CHARS};

use crate::features::notices::refusals;
use crate::platform::error::FieldIssue;
use crate::platform::text::TextField;

const TITLE: TextField = TextField::line("title", NOTICE_TITLE_MAX_CHARS);
const BODY: TextField = TextField::multiline("body", NOTICE_BODY_MAX_CHARS);

/// A draft's fields, cleaned (`crate::platform::text`), times in epoch ms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanDraft {
    pub title: String,
    pub body: String,
    pub pinned_until: Option<i64>,
    pub expires_at: Option<i64>,
}

/// The text and time rules; every broken rule is pushed to `issues`.
pub fn check(draft: &NoticeDraft, now_ms: i64, issues: &mut Vec<FieldIssue>) -> CleanDraft {
    let title = TITLE.check(&draft.title, issues);
    let body = BODY.check(&draft.body, issues);
    let pinned_until = draft.pinned_until.map(|t| t.timestamp_millis());
    let expires_at = draft.expires_at.map(|t| t.timestamp_millis());
    if expires_at.is_some_and(|t| t <= now_ms) {
        issues.push(refusals::expiry_in_past());
    }
    if pinned_until.is_some_and(|t| t <= now_ms) {
        issues.push(refusals::pin_in_past());
    } else if let (Some(pin), Some(expiry)) = (pinned_until, expires_at) {
        if pin > expiry {
            issues.push(refusals::pin_after_expiry());
        }
    }
    CleanDraft {
        title,
        body,
        pinned_until,
        expires_at,
    }
}

/// The body's first characters on one line: whitespace runs collapsed, "…" when cut.
pub fn excerpt(body: &str, max_chars: usize) -> String {
    let collapsed = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= max_chars {
        collapsed
    } else {
        let mut cut: String = collapsed.chars().take(max_chars).collect();
        cut.push('…');
        cut
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, Utc};
    use linli_api_types::{NoticeCategory, NoticeTarget, ScopeKind};

    use super::*;

    fn draft(title: &str, body: &str) -> NoticeDraft {
        NoticeDraft {
            title: title.into(),
            body: body.into(),
            category: NoticeCategory::Other,
            target: NoticeTarget {
                kind: ScopeKind::Building,
                id: 1,
            },
            pinned_until: None,
            expires_at: None,
            important: false,
        }
    }

    fn codes(issues: &[FieldIssue]) -> Vec<(&str, &str)> {
        issues
            .iter()
            .map(|i| (i.field.as_str(), i.rule.code()))
            .collect()
    }

    #[test]
    fn lengths_count_characters_not_bytes() {
        let mut issues = Vec::new();
        check(&draft(&"水".repeat(60), &"水".repeat(5000)), 0, &mut issues);
        assert!(issues.is_empty());
        check(&draft(&"水".repeat(61), &"水".repeat(5001)), 0, &mut issues);
        assert_eq!(
            codes(&issues),
            [("title", "too_long"), ("body", "too_long")]
        );
    }

    #[test]
    fn blank_text_is_required_and_past_times_refused() {
        let mut issues = Vec::new();
        let mut d = draft(" \u{7}", "\n\n");
        let now = Utc::now();
        d.expires_at = Some(now - Duration::minutes(1));
        d.pinned_until = Some(now - Duration::minutes(1));
        check(&d, now.timestamp_millis(), &mut issues);
        assert_eq!(
            codes(&issues),
            [
                ("title", "required"),
                ("body", "required"),
                ("expires_at", "in_past"),
                ("pinned_until", "in_past")
            ]
        );
    }

    #[test]
    fn a_pin_may_not_outlast_the_notice() {
        let mut issues = Vec::new();
        let mut d = draft("t", "b");
        let now = Utc::now();
        d.expires_at = Some(now + Duration::days(1));
        d.pinned_until = Some(now + Duration::days(2));
        check(&d, now.timestamp_millis(), &mut issues);
        assert_eq!(codes(&issues), [("pinned_until", "after_expiry")]);
    }

    #[test]
    fn excerpts_collapse_whitespace_and_cut() {
        assert_eq!(excerpt("a\n\n b\tc", 80), "a b c");
        assert_eq!(
            excerpt(&"字".repeat(100), 80),
            format!("{}…", "字".repeat(80))
        );
    }
}
