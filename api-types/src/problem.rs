//! RFC 9457 problem details, the one error shape between server and app.

use serde::{Deserialize, Serialize};

pub const PROBLEM_CONTENT_TYPE: &str = "application/problem+json";

/// An error answer. `title`, `detail` and field messages are in the language the request asked
/// for with `Accept-Language` (zh-CN unless it asks for English).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    /// A URI naming the kind of problem, e.g. "/problems/validation".
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Stable machine-readable name, e.g. "validation", "session_expired", "rate_limited".
    pub code: String,
    /// One entry per field that was refused, so the app can show each at its field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The request field's JSON name, e.g. "phone".
    pub field: String,
    /// Stable name of the rule broken, e.g. "required", "too_long", "bad_format".
    pub code: String,
    pub message: String,
}

impl Problem {
    pub fn field(&self, name: &str) -> Option<&FieldError> {
        self.errors.iter().find(|e| e.field == name)
    }
}

/// Codes the app reacts to, beyond showing the message.
pub mod codes {
    /// No token, or one the server does not know: sign in.
    pub const UNAUTHENTICATED: &str = "unauthenticated";
    /// The token was valid once and has expired or been revoked: sign in again.
    pub const SESSION_EXPIRED: &str = "session_expired";
    pub const VALIDATION: &str = "validation";
    pub const RATE_LIMITED: &str = "rate_limited";
    pub const FORBIDDEN: &str = "forbidden";
    pub const NOT_FOUND: &str = "not_found";
}
