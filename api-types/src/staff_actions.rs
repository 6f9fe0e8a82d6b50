//! Staff running tasks and orders from the app: a task edited (`PUT /tasks/{id}` with a
//! `TaskDraft`) or cancelled with a reason, an order cancelled by staff with a reason.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A cancellation reason: 1–200 characters, shown to everyone who sees the task or order.
pub const CANCEL_REASON_MAX_CHARS: usize = 200;

/// `POST /tasks/{id}/cancel` and `POST /orders/{id}/staff-cancel`: why.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CancelRequest {
    /// e.g. "暴雨预警，活动改期". CANCEL_REASON_MAX_CHARS.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 200,
            pattern = r"[^\u0000-\u0020\u007F-\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]"
        )
    )]
    pub reason: String,
}

/// A cancelled task: why, when and who cancelled it (e.g. 许各利).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TaskCancellation {
    pub reason: String,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub at: DateTime<Utc>,
    pub by: String,
}

/// A task whose time an edit moved: the time before that edit.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TaskTimeChange {
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub previous_starts_at: DateTime<Utc>,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub previous_ends_at: DateTime<Utc>,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub changed_at: DateTime<Utc>,
}
