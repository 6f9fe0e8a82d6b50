//! What accounts refuse, in their own words: a wrong phone or password, too many attempts, and
//! the rules of a new password.

use axum::http::StatusCode;
use linli_api_types::{codes, FieldError};

use crate::platform::error::{FieldIssue, Refusal, Said};
use crate::platform::lang::Lang;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountRefusal {
    /// Wrong phone or password: which of the two is never said.
    InvalidCredentials,
    /// A sign-in limit (`sign_in_limits`) allows no attempt for this long.
    TooManyAttempts { retry_after_secs: u64 },
}

impl Refusal for AccountRefusal {
    fn status(&self) -> StatusCode {
        match self {
            AccountRefusal::InvalidCredentials => StatusCode::UNAUTHORIZED,
            AccountRefusal::TooManyAttempts { .. } => StatusCode::TOO_MANY_REQUESTS,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            AccountRefusal::InvalidCredentials => "invalid_credentials",
            AccountRefusal::TooManyAttempts { .. } => codes::RATE_LIMITED,
        }
    }

    fn title(&self, lang: Lang) -> String {
        match self {
            AccountRefusal::InvalidCredentials => wrong_phone_or_password(lang).into(),
            AccountRefusal::TooManyAttempts { retry_after_secs } => wait(*retry_after_secs, lang),
        }
    }

    /// The app shows a wrong password at the password field, where it is typed again.
    fn field_errors(&self, lang: Lang) -> Vec<FieldError> {
        match self {
            AccountRefusal::InvalidCredentials => vec![FieldError {
                field: "password".into(),
                code: "invalid_credentials".into(),
                message: wrong_phone_or_password(lang).into(),
            }],
            AccountRefusal::TooManyAttempts { .. } => Vec::new(),
        }
    }

    fn retry_after_secs(&self) -> Option<u64> {
        match self {
            AccountRefusal::InvalidCredentials => None,
            AccountRefusal::TooManyAttempts { retry_after_secs } => Some(*retry_after_secs),
        }
    }
}

fn wrong_phone_or_password(lang: Lang) -> &'static str {
    lang.pick("手机号或密码不正确", "Wrong phone number or password")
}

/// "尝试次数过多，请15分钟后再试"; a progressive sign-in delay starts at seconds, so a wait
/// under a minute is said in seconds.
fn wait(retry_after_secs: u64, lang: Lang) -> String {
    if retry_after_secs < 60 {
        return match lang {
            Lang::Zh => format!("尝试次数过多，请{retry_after_secs}秒后再试"),
            Lang::En => format!("Too many attempts. Try again in {retry_after_secs} seconds"),
        };
    }
    let minutes = retry_after_secs.div_ceil(60).max(1);
    match lang {
        Lang::Zh => format!("尝试次数过多，请{minutes}分钟后再试"),
        Lang::En => format!("Too many attempts. Try again in {minutes} minutes"),
    }
}

/// The current password given when changing it is not the member's.
pub fn wrong_password() -> FieldIssue {
    FieldIssue::own(
        "current_password",
        "wrong_password",
        Said::new("当前密码不正确", "The current password is wrong"),
    )
}

/// A new password on the common list, one character repeated, or a run like 23456789.
pub fn too_common() -> FieldIssue {
    FieldIssue::own(
        "new_password",
        "too_common",
        Said::new(
            "这个密码太常见，容易被猜到，请换一个",
            "This password is too common and easy to guess. Choose another",
        ),
    )
}

/// A new password equal to the current one.
pub fn same_as_current() -> FieldIssue {
    FieldIssue::own(
        "new_password",
        "same_as_current",
        Said::new(
            "新密码不能与当前密码相同",
            "The new password must differ from the current one",
        ),
    )
}

#[cfg(test)]
mod tests {
    use axum::http::header::RETRY_AFTER;
    use axum::response::IntoResponse;

    use super::*;
    use crate::platform::error::AppError;

    #[test]
    fn wrong_credentials_blame_the_password_field() {
        let problem = AppError::from(AccountRefusal::InvalidCredentials).to_problem(Lang::Zh);
        assert_eq!(problem.status, 401);
        assert_eq!(problem.code, "invalid_credentials");
        assert_eq!(problem.title, "手机号或密码不正确");
        let field = problem.field("password").unwrap();
        assert_eq!(
            (field.code.as_str(), field.message.as_str()),
            ("invalid_credentials", "手机号或密码不正确")
        );
    }

    #[test]
    fn too_many_attempts_say_how_long_to_wait() {
        let title = |secs, lang| {
            AppError::from(AccountRefusal::TooManyAttempts {
                retry_after_secs: secs,
            })
            .to_problem(lang)
            .title
        };
        assert_eq!(title(900, Lang::Zh), "尝试次数过多，请15分钟后再试");
        assert_eq!(
            title(900, Lang::En),
            "Too many attempts. Try again in 15 minutes"
        );
        assert_eq!(title(61, Lang::Zh), "尝试次数过多，请2分钟后再试");
        assert_eq!(
            title(4, Lang::En),
            "Too many attempts. Try again in 4 seconds"
        );
    }

    #[test]
    fn too_many_attempts_are_429_with_retry_after() {
        let error = AppError::from(AccountRefusal::TooManyAttempts {
            retry_after_secs: 42,
        });
        let problem = error.to_problem(Lang::En);
        assert_eq!(
            (problem.status, problem.code.as_str()),
            (429, "rate_limited")
        );
        assert!(problem.errors.is_empty());
        assert_eq!(error.into_response().headers()[RETRY_AFTER], "42");
    }

    #[test]
    fn password_rules_are_said_at_their_fields() {
        let problem =
            AppError::Validation(vec![wrong_password(), too_common()]).to_problem(Lang::En);
        let current = problem.field("current_password").unwrap();
        assert_eq!(current.code, "wrong_password");
        assert_eq!(current.message, "The current password is wrong");
        assert_eq!(problem.field("new_password").unwrap().code, "too_common");
        let same = AppError::Validation(vec![same_as_current()]).to_problem(Lang::Zh);
        assert_eq!(
            same.field("new_password").unwrap().message,
            "新密码不能与当前密码相同"
        );
    }
}
