//! What the tasks refuse, in their own words: the task's or the enrolment's state says no
//! ([`TaskRefusal`]), or a field of a draft or check-in breaks a task rule (the `FieldIssue`
//! constructors below).

use axum::http::StatusCode;
use linli_api_types::{codes, FieldError};

use crate::platform::error::{FieldIssue, Refusal, Said};
use crate::platform::lang::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskRefusal {
    /// Joining or withdrawing after the task has started.
    Started,
    /// Running a task before its start (no-shows, completion, self check-in too early).
    NotStarted,
    Completed,
    /// The volunteer's enrolment does not allow this step (check out before check in, …).
    EnrollmentState,
    /// Too many wrong check-in codes from this volunteer for this task lately.
    CodeTriedTooOften {
        retry_after_secs: u64,
    },
    /// An organiser confirming their own attendance: someone else must.
    OwnAttendance,
    /// Confirming the attendance of someone one enrolled by 代办: someone else must.
    ProxyAttendance,
}

impl Refusal for TaskRefusal {
    fn status(&self) -> StatusCode {
        match self {
            TaskRefusal::Started
            | TaskRefusal::NotStarted
            | TaskRefusal::Completed
            | TaskRefusal::EnrollmentState => StatusCode::CONFLICT,
            TaskRefusal::CodeTriedTooOften { .. } => StatusCode::TOO_MANY_REQUESTS,
            TaskRefusal::OwnAttendance | TaskRefusal::ProxyAttendance => StatusCode::FORBIDDEN,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            TaskRefusal::Started => "task_started",
            TaskRefusal::NotStarted => "task_not_started",
            TaskRefusal::Completed => "task_completed",
            TaskRefusal::EnrollmentState => "enrollment_state",
            // The same code as other rate limits: clients wait and retry alike.
            TaskRefusal::CodeTriedTooOften { .. } => codes::RATE_LIMITED,
            TaskRefusal::OwnAttendance => "own_attendance",
            TaskRefusal::ProxyAttendance => "proxy_attendance",
        }
    }

    fn title(&self, lang: Lang) -> String {
        let (zh, en) = match self {
            TaskRefusal::Started => (
                "活动已开始，不能再报名或取消",
                "The task has started: joining and withdrawing are closed",
            ),
            TaskRefusal::NotStarted => ("活动还没有开始", "The task has not started yet"),
            TaskRefusal::Completed => ("活动已确认完成", "The task has already been completed"),
            TaskRefusal::EnrollmentState => (
                "当前报名状态不能进行此操作",
                "This step does not fit the volunteer's current enrolment",
            ),
            TaskRefusal::CodeTriedTooOften { retry_after_secs } => {
                return code_wait(*retry_after_secs, lang);
            }
            TaskRefusal::OwnAttendance => (
                "不能确认自己的签到，请另一位组织者或社区工作人员确认",
                "You cannot confirm your own attendance: another organiser or staff member must",
            ),
            TaskRefusal::ProxyAttendance => (
                "您为这位居民代办了报名，不能确认他的签到，请另一位组织者或社区工作人员确认",
                "You enrolled this resident by 代办, so you cannot confirm their attendance: another organiser or staff member must",
            ),
        };
        lang.pick(zh, en).into()
    }

    /// The wait is shown at the code field too, where the volunteer is typing.
    fn field_errors(&self, lang: Lang) -> Vec<FieldError> {
        match self {
            TaskRefusal::CodeTriedTooOften { retry_after_secs } => vec![FieldError {
                field: "code".into(),
                code: "too_many_attempts".into(),
                message: code_wait(*retry_after_secs, lang),
            }],
            _ => Vec::new(),
        }
    }

    fn retry_after_secs(&self) -> Option<u64> {
        match self {
            TaskRefusal::CodeTriedTooOften { retry_after_secs } => Some(*retry_after_secs),
            _ => None,
        }
    }
}

/// "签到码错误次数太多，请 8 分钟后再试".
fn code_wait(retry_after_secs: u64, lang: Lang) -> String {
    let minutes = retry_after_secs.div_ceil(60).max(1);
    match lang {
        Lang::Zh => format!("签到码错误次数太多，请 {minutes} 分钟后再试"),
        Lang::En => format!("Too many wrong codes. Try again in {minutes} minutes"),
    }
}

/// `starts_at` not after now.
pub fn start_in_past() -> FieldIssue {
    FieldIssue::own(
        "starts_at",
        "in_past",
        Said::new("开始时间必须晚于现在", "The start must be in the future"),
    )
}

/// `ends_at` not after `starts_at`.
pub fn end_not_after_start() -> FieldIssue {
    FieldIssue::own(
        "ends_at",
        "not_after_start",
        Said::new(
            "结束时间必须晚于开始时间",
            "The end must be after the start",
        ),
    )
}

/// Task points above what the community's policy allows for a task of `minutes`: says the
/// maximum, so the organiser can correct it.
pub fn points_above_policy(minutes: i64, max: i64) -> FieldIssue {
    FieldIssue::own(
        "points",
        "above_policy",
        Said::new(
            format!(
                "这个活动时长 {}，最多 {max} 积分",
                task_length(minutes, Lang::Zh)
            ),
            format!(
                "This task lasts {}: at most {max} points",
                task_length(minutes, Lang::En)
            ),
        ),
    )
}

/// A `target` that is no place of the user's community (or none at all).
pub fn unknown_target() -> FieldIssue {
    FieldIssue::own(
        "target",
        "unknown",
        Said::new("找不到该范围", "This place does not exist"),
    )
}

/// A `target` the user is not responsible for (or a unit, which tasks are not for).
pub fn target_out_of_scope() -> FieldIssue {
    FieldIssue::own(
        "target",
        "out_of_scope",
        Said::new(
            "只能发给您负责的范围",
            "You can only send to places you are responsible for",
        ),
    )
}

/// A check-in `code` that is neither this minute's nor the last.
pub fn wrong_code() -> FieldIssue {
    FieldIssue::own(
        "code",
        "wrong_code",
        Said::new(
            "签到码不正确或已过期，请看现场最新的签到码",
            "Wrong or expired code. Use the code shown at the site now",
        ),
    )
}

/// "2 小时", "1 小时 30 分钟", "45 分钟" / "2 hours", "1 hour 30 minutes".
fn task_length(minutes: i64, lang: Lang) -> String {
    let (hours, rest) = (minutes / 60, minutes % 60);
    let plural = |n: i64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut parts = Vec::new();
    match lang {
        Lang::Zh => {
            if hours > 0 {
                parts.push(format!("{hours} 小时"));
            }
            if rest > 0 || hours == 0 {
                parts.push(format!("{rest} 分钟"));
            }
        }
        Lang::En => {
            if hours > 0 {
                parts.push(plural(hours, "hour", "hours"));
            }
            if rest > 0 || hours == 0 {
                parts.push(plural(rest, "minute", "minutes"));
            }
        }
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use axum::http::header::RETRY_AFTER;
    use axum::response::IntoResponse;

    use super::*;
    use crate::platform::error::AppError;

    #[test]
    fn task_points_above_policy_say_the_maximum_for_the_length() {
        let error = AppError::Validation(vec![points_above_policy(120, 40)]);
        let zh = error.to_problem(Lang::Zh);
        let field = zh.field("points").unwrap();
        assert_eq!(field.code, "above_policy");
        assert_eq!(field.message, "这个活动时长 2 小时，最多 40 积分");
        assert_eq!(
            error.to_problem(Lang::En).field("points").unwrap().message,
            "This task lasts 2 hours: at most 40 points"
        );
        assert_eq!(task_length(90, Lang::Zh), "1 小时 30 分钟");
        assert_eq!(task_length(1, Lang::En), "1 minute");
    }

    #[test]
    fn too_many_wrong_codes_say_how_long_to_wait_at_the_code() {
        let error = AppError::from(TaskRefusal::CodeTriedTooOften {
            retry_after_secs: 450,
        });
        let zh = error.to_problem(Lang::Zh);
        assert_eq!((zh.status, zh.code.as_str()), (429, codes::RATE_LIMITED));
        assert_eq!(zh.kind, "/problems/rate_limited");
        assert_eq!(zh.title, "签到码错误次数太多，请 8 分钟后再试");
        assert_eq!(zh.field("code").unwrap().message, zh.title);
        let response = error.into_response();
        assert_eq!(response.headers()[RETRY_AFTER], "450");
    }

    #[test]
    fn state_refusals_keep_their_status_code_and_words() {
        let problem = AppError::from(TaskRefusal::Started).to_problem(Lang::Zh);
        assert_eq!(
            (problem.status, problem.code.as_str()),
            (409, "task_started")
        );
        assert_eq!(problem.title, "活动已开始，不能再报名或取消");
        assert!(problem.detail.is_none() && problem.errors.is_empty());
        let problem = AppError::from(TaskRefusal::OwnAttendance).to_problem(Lang::En);
        assert_eq!(
            (problem.status, problem.code.as_str()),
            (403, "own_attendance")
        );
        let response = AppError::from(TaskRefusal::Completed).into_response();
        assert!(response.headers().get(RETRY_AFTER).is_none());
    }

    #[test]
    fn the_start_in_the_past_speaks_of_the_start() {
        let problem = AppError::Validation(vec![start_in_past()]).to_problem(Lang::Zh);
        let field = problem.field("starts_at").unwrap();
        assert_eq!(
            (field.code.as_str(), field.message.as_str()),
            ("in_past", "开始时间必须晚于现在")
        );
    }
}
