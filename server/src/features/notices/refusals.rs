//! What notices refuse, in their own words: a notice withdrawn or expired, and the times of a
//! draft.

use axum::http::StatusCode;

use crate::platform::error::{FieldIssue, Refusal, Said};
use crate::platform::lang::Lang;

/// A notice that is no longer there to read (410).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeRefusal {
    Withdrawn,
    Expired,
}

impl Refusal for NoticeRefusal {
    fn status(&self) -> StatusCode {
        StatusCode::GONE
    }

    fn code(&self) -> &'static str {
        match self {
            NoticeRefusal::Withdrawn => "notice_withdrawn",
            NoticeRefusal::Expired => "notice_expired",
        }
    }

    fn title(&self, lang: Lang) -> String {
        match self {
            NoticeRefusal::Withdrawn => lang.pick("该通知已撤回", "This notice has been withdrawn"),
            NoticeRefusal::Expired => lang.pick("该通知已过期", "This notice has expired"),
        }
        .into()
    }
}

/// An expiry that has already passed.
pub fn expiry_in_past() -> FieldIssue {
    FieldIssue::own(
        "expires_at",
        "in_past",
        Said::new("到期时间必须晚于现在", "The expiry must be in the future"),
    )
}

/// A pin that has already ended.
pub fn pin_in_past() -> FieldIssue {
    FieldIssue::own(
        "pinned_until",
        "in_past",
        Said::new("置顶截止时间必须晚于现在", "The pin must end in the future"),
    )
}

/// A pin that would outlast the notice.
pub fn pin_after_expiry() -> FieldIssue {
    FieldIssue::own(
        "pinned_until",
        "after_expiry",
        Said::new(
            "置顶截止时间不能晚于到期时间",
            "The pin cannot end after the notice expires",
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::error::AppError;

    #[test]
    fn gone_notices_are_410_with_their_code() {
        let problem = AppError::from(NoticeRefusal::Withdrawn).to_problem(Lang::Zh);
        assert_eq!(
            (
                problem.status,
                problem.code.as_str(),
                problem.title.as_str()
            ),
            (410, "notice_withdrawn", "该通知已撤回")
        );
        let problem = AppError::from(NoticeRefusal::Expired).to_problem(Lang::En);
        assert_eq!(
            (
                problem.status,
                problem.code.as_str(),
                problem.title.as_str()
            ),
            (410, "notice_expired", "This notice has expired")
        );
    }

    #[test]
    fn times_are_refused_in_their_own_words() {
        let problem =
            AppError::Validation(vec![expiry_in_past(), pin_after_expiry()]).to_problem(Lang::Zh);
        let expiry = problem.field("expires_at").unwrap();
        assert_eq!(
            (expiry.code.as_str(), expiry.message.as_str()),
            ("in_past", "到期时间必须晚于现在")
        );
        assert_eq!(problem.field("pinned_until").unwrap().code, "after_expiry");
        let pin = AppError::Validation(vec![pin_in_past()]).to_problem(Lang::En);
        assert_eq!(
            pin.field("pinned_until").unwrap().message,
            "The pin must end in the future"
        );
    }
}
