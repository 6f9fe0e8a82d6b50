//! `AppError`: every failure a handler or extractor can answer, as RFC 9457 problem+json in the
//! request's language.

use axum::http::header::{CONTENT_TYPE, RETRY_AFTER, WWW_AUTHENTICATE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use linli_api_types::{codes, Problem, PROBLEM_CONTENT_TYPE};

use crate::platform::lang::Lang;

mod field;
mod refusal;

pub use field::{Expected, FieldIssue, Rule};
pub use refusal::{Refusal, Said};

pub type Result<T, E = AppError> = std::result::Result<T, E>;

/// `code` of [`AppError::Overloaded`].
pub const OVERLOADED: &str = "overloaded";
/// Retry-After of [`AppError::Overloaded`]: a pool wait is over in moments, not minutes.
pub const OVERLOADED_RETRY_AFTER_SECS: u64 = 1;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("invalid fields: {0:?}")]
    Validation(Vec<FieldIssue>),
    /// The body is JSON but not an object (`null`, an array …); `missing` are the fields the
    /// body needs, each `required`, so the app can show them at their fields.
    #[error("request body is {got:?}, not an object")]
    BadShape {
        got: crate::platform::extract::JsonKind,
        missing: Vec<FieldIssue>,
    },
    /// `line` is 0 when the body could not be read at all.
    #[error("body is not valid JSON (line {line}, column {column})")]
    BadJson { line: usize, column: usize },
    #[error("body is not application/json")]
    UnsupportedMediaType,
    #[error("body too large")]
    PayloadTooLarge,
    #[error("no valid session token")]
    Unauthenticated,
    #[error("session expired or revoked")]
    SessionExpired,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("conflicts with the current state")]
    Conflict,
    /// The `Idempotency-Key` header is empty, too long or not visible ASCII.
    #[error("bad Idempotency-Key header")]
    BadIdempotencyKey,
    /// The `Idempotency-Key` was used before for a different request.
    #[error("Idempotency-Key reused for a different request")]
    IdempotencyKeyReused,
    /// No database connection came free within the pool's acquire time-out: the server is
    /// busier than it can serve. Answered 503 with Retry-After at once, not after a long wait.
    #[error("overloaded: no database connection free")]
    Overloaded,
    /// A feature's own refusal (its state or rules say no), with its status, code and words.
    #[error("refused: {0:?}")]
    Refused(Box<dyn Refusal>),
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    pub fn internal(error: impl std::fmt::Display) -> Self {
        AppError::Internal(error.to_string())
    }

    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Validation(_)
            | AppError::BadShape { .. }
            | AppError::IdempotencyKeyReused => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::BadJson { .. } | AppError::BadIdempotencyKey => StatusCode::BAD_REQUEST,
            AppError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Unauthenticated | AppError::SessionExpired => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            AppError::Conflict => StatusCode::CONFLICT,
                    AppError::Overloaded => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Refused(refusal) => refusal.status(),
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            AppError::Validation(_) | AppError::BadShape { .. } => codes::VALIDATION,
            AppError::BadJson { .. } => "bad_json",
            AppError::UnsupportedMediaType => "unsupported_media_type",
            AppError::PayloadTooLarge => "payload_too_large",
            AppError::Unauthenticated => codes::UNAUTHENTICATED,
            AppError::SessionExpired => codes::SESSION_EXPIRED,
            AppError::Forbidden => codes::FORBIDDEN,
            AppError::NotFound => codes::NOT_FOUND,
            AppError::MethodNotAllowed => "method_not_allowed",
            AppError::Conflict => "conflict",
                    AppError::BadIdempotencyKey => "bad_idempotency_key",
            AppError::IdempotencyKeyReused => "idempotency_key_reused",
            AppError::Overloaded => OVERLOADED,
            AppError::Refused(refusal) => refusal.code(),
            AppError::Internal(_) => "internal",
        }
    }

    fn title(&self, lang: Lang) -> String {
        let (zh, en) = match self {
            AppError::Validation(_) | AppError::BadShape { .. } => {
                ("请检查填写的内容", "Please check what you entered")
            }
            AppError::BadJson { .. } => ("请求格式错误", "The request body is not valid JSON"),
            AppError::UnsupportedMediaType => {
                ("请求须为 JSON 格式", "Send the request body as JSON")
            }
            AppError::PayloadTooLarge => ("提交的内容太长", "The request is too large"),
            AppError::Unauthenticated => ("请先登录", "Please sign in"),
            AppError::SessionExpired => (
                "登录已过期，请重新登录",
                "Your session has expired. Please sign in again",
            ),
            AppError::Forbidden => ("您没有权限进行此操作", "You are not allowed to do this"),
            AppError::NotFound => ("找不到该内容", "Not found"),
            AppError::MethodNotAllowed => ("不支持此操作", "This method is not allowed here"),
            AppError::Conflict => (
                "内容已有变化，请刷新后重试",
                "This changed in the meantime. Refresh and try again",
            ),
                    AppError::BadIdempotencyKey => (
                "Idempotency-Key 须为1到100个可见ASCII字符",
                "The Idempotency-Key header must be 1 to 100 visible ASCII characters",
            ),
            AppError::IdempotencyKeyReused => (
                "该请求标识已用于其他内容，请刷新后重试",
                "This Idempotency-Key was already used for a different request",
            ),
            AppError::Overloaded => (
                "服务器繁忙，请稍后再试",
                "The server is busy. Please try again in a moment",
            ),
            AppError::Refused(refusal) => return refusal.title(lang),
            AppError::Internal(_) => (
                "服务器出错了，请稍后再试",
                "Something went wrong on our side. Please try again later",
            ),
        };
        lang.pick(zh, en).into()
    }

    fn detail(&self, lang: Lang) -> Option<String> {
        match self {
            AppError::BadJson { line, column } if *line > 0 => Some(match lang {
                Lang::Zh => format!("第{line}行第{column}列附近有误"),
                Lang::En => format!("Error near line {line}, column {column}"),
            }),
            AppError::BadShape { got, .. } => {
                use crate::platform::extract::JsonKind;
                let (zh, en) = match got {
                    JsonKind::Null => ("null", "null"),
                    JsonKind::Bool => ("true 或 false", "true or false"),
                    JsonKind::Number => ("数字", "a number"),
                    JsonKind::String => ("字符串", "a string"),
                    JsonKind::Array => ("数组 […]", "an array ([…])"),
                };
                Some(match lang {
                    Lang::Zh => format!("请求内容应为 JSON 对象 {{…}}，收到的是{zh}"),
                    Lang::En => format!("The request body must be a JSON object ({{…}}), not {en}"),
                })
            }
            AppError::Refused(refusal) => refusal.detail(lang),
            _ => None,
        }
    }

    pub fn to_problem(&self, lang: Lang) -> Problem {
        let code = self.code();
        let errors = match self {
            AppError::Validation(issues)
            | AppError::BadShape {
                missing: issues, ..
            } => issues
                .iter()
                .map(|issue| issue.to_field_error(lang))
                .collect(),
            AppError::Refused(refusal) => refusal.field_errors(lang),
            _ => Vec::new(),
        };
        Problem {
            kind: format!("/problems/{code}"),
            title: self.title(lang),
            status: self.status().as_u16(),
            detail: self.detail(lang),
            code: code.into(),
            errors,
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Internal(details) = &self {
            tracing::error!(%details, "internal error");
        }
        let problem = self.to_problem(Lang::current());
        let body = serde_json::to_vec(&problem).unwrap_or_default();
        let mut response = (self.status(), body).into_response();
        let headers = response.headers_mut();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(PROBLEM_CONTENT_TYPE));
        match &self {
            AppError::Unauthenticated | AppError::SessionExpired => {
                headers.insert(WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            AppError::Overloaded => {
                headers.insert(RETRY_AFTER, HeaderValue::from(OVERLOADED_RETRY_AFTER_SECS));
            }
            AppError::Refused(refusal) => {
                if let Some(secs) = refusal.retry_after_secs() {
                    headers.insert(RETRY_AFTER, HeaderValue::from(secs));
                }
            }
            _ => {}
        }
        response
    }
}

impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        use sqlx::error::ErrorKind;
        if matches!(error, sqlx::Error::PoolTimedOut) {
            tracing::warn!("no database connection free within the acquire time-out: 503");
            return AppError::Overloaded;
        }
        if let Some(db_error) = error.as_database_error() {
            if matches!(
                db_error.kind(),
                ErrorKind::UniqueViolation
                    | ErrorKind::ForeignKeyViolation
                    | ErrorKind::CheckViolation
            ) {
                tracing::info!(error = %db_error, "constraint refused a write");
                return AppError::Conflict;
            }
        }
        AppError::Internal(format!("database: {error}"))
    }
}

impl From<tokio::task::JoinError> for AppError {
    fn from(error: tokio::task::JoinError) -> Self {
        AppError::Internal(format!("blocking task: {error}"))
    }
}

#[cfg(test)]
mod tests {
    use linli_api_types::InvalidValue;

    use super::*;

    #[test]
    fn phone_format_message_is_localized_and_named_after_the_field() {
        let error = AppError::Validation(vec![FieldIssue::new("phone", Rule::BadFormat)]);
        let zh = error.to_problem(Lang::Zh);
        assert_eq!(zh.status, 422);
        assert_eq!(zh.kind, "/problems/validation");
        assert_eq!(zh.code, "validation");
        let field = zh.field("phone").unwrap();
        assert_eq!(
            (field.code.as_str(), field.message.as_str()),
            ("bad_format", "请输入11位手机号码")
        );
        let en = error.to_problem(Lang::En);
        assert_eq!(
            en.field("phone").unwrap().message,
            "Enter an 11-digit mobile number"
        );
    }

    #[test]
    fn required_and_too_long_come_from_domain_refusals() {
        let mut issues = Vec::new();
        assert_eq!(
            FieldIssue::check("password", Err::<(), _>(InvalidValue::Empty), &mut issues),
            None
        );
        FieldIssue::check(
            "name",
            Err::<(), _>(InvalidValue::TooLong { max: 20 }),
            &mut issues,
        );
        let problem = AppError::Validation(issues).to_problem(Lang::Zh);
        assert_eq!(problem.field("password").unwrap().message, "请填写此项");
        assert_eq!(problem.field("name").unwrap().code, "too_long");
        assert_eq!(problem.field("name").unwrap().message, "最多20个字");
    }

    #[test]
    fn internal_errors_never_reveal_details() {
        let problem = AppError::internal("password_hash column missing").to_problem(Lang::En);
        assert_eq!(problem.status, 500);
        assert!(problem.detail.is_none());
        assert!(!problem.title.contains("password_hash"));
    }

    #[test]
    fn responses_are_problem_json_with_the_auth_header() {
        let response = AppError::SessionExpired.into_response();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(response.headers()[CONTENT_TYPE], PROBLEM_CONTENT_TYPE);
        assert_eq!(response.headers()[WWW_AUTHENTICATE], "Bearer");
    }

    #[test]
    fn a_pool_time_out_is_overload_with_retry_after() {
        let error = AppError::from(sqlx::Error::PoolTimedOut);
        assert!(matches!(error, AppError::Overloaded));
        let problem = error.to_problem(Lang::En);
        assert_eq!((problem.status, problem.code.as_str()), (503, OVERLOADED));
        let response = error.into_response();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.headers()[CONTENT_TYPE], PROBLEM_CONTENT_TYPE);
        assert_eq!(response.headers()[RETRY_AFTER], "1");
    }

    #[test]
    fn non_database_sqlx_errors_are_internal() {
        assert!(matches!(
            AppError::from(sqlx::Error::RowNotFound),
            AppError::Internal(_)
        ));
    }
}
