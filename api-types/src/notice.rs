//! Notices 通知公告: building heads and staff post to a place; residents under it read them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{Role, Scope, ScopeKind};

pub const NOTICE_TITLE_MAX_CHARS: usize = 60;
pub const NOTICE_BODY_MAX_CHARS: usize = 5000;
/// Page size of `GET /notices` when `limit` is not given, and its ceiling.
pub const NOTICE_PAGE_DEFAULT: u32 = 20;
pub const NOTICE_PAGE_MAX: u32 = 50;

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NoticeCategory {
    /// 停水停电
    Utilities,
    /// 安全
    Safety,
    /// 活动
    Activity,
    /// 物业
    Property,
    /// 政策
    Policy,
    /// 其他
    Other,
}

impl NoticeCategory {
    pub const ALL: [NoticeCategory; 6] = [
        NoticeCategory::Utilities,
        NoticeCategory::Safety,
        NoticeCategory::Activity,
        NoticeCategory::Property,
        NoticeCategory::Policy,
        NoticeCategory::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NoticeCategory::Utilities => "utilities",
            NoticeCategory::Safety => "safety",
            NoticeCategory::Activity => "activity",
            NoticeCategory::Property => "property",
            NoticeCategory::Policy => "policy",
            NoticeCategory::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// The place a notice is addressed to, as sent when composing.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoticeTarget {
    pub kind: ScopeKind,
    pub id: i64,
}

/// `POST /notices` and `PUT /notices/{id}`. Text is checked on the server: title 1–60 chars,
/// body 1–5000 chars, target within the author's scopes, expiry (and pin) in the future.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoticeDraft {
    // NOTICE_TITLE_MAX_CHARS; checked in server/tests/api/openapi_rules.rs
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 60,
            pattern = r"[^\u0000-\u0020\u007F-\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]"
        )
    )]
    pub title: String,
    // NOTICE_BODY_MAX_CHARS
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 5000,
            pattern = r"[^\u0000-\u0020\u007F-\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]"
        )
    )]
    pub body: String,
    pub category: NoticeCategory,
    pub target: NoticeTarget,
    /// Shown above other notices until then.
    #[serde(default, deserialize_with = "crate::time::rfc3339_option")]
    #[cfg_attr(feature = "openapi", schema(schema_with = pinned_until_schema))]
    pub pinned_until: Option<DateTime<Utc>>,
    /// Gone from lists after this; a direct link says it has expired.
    #[serde(default, deserialize_with = "crate::time::rfc3339_option")]
    #[cfg_attr(feature = "openapi", schema(schema_with = expires_at_schema))]
    pub expires_at: Option<DateTime<Utc>>,
    /// 重要通知: every household it reaches gets a message (once per notice, even when an edit
    /// marks it important again).
    #[serde(default)]
    pub important: bool,
}

#[cfg(feature = "openapi")]
fn pinned_until_schema() -> utoipa::openapi::schema::Schema {
    crate::time::optional_schema(
        "Shown above other notices until then; in the future, not after `expires_at`.",
    )
}

#[cfg(feature = "openapi")]
fn expires_at_schema() -> utoipa::openapi::schema::Schema {
    crate::time::optional_schema(
        "Gone from lists after this; a direct link says it has expired. In the future.",
    )
}

/// Who posted, e.g. 刘伟忠, 楼栋长 of "华盛世纪新城 3栋".
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoticeAuthor {
    pub name: String,
    pub role: Role,
    /// The place the author's role covers, for "3栋 楼栋长 刘伟忠".
    pub scope_name: String,
}

/// A notice in a list: no body, just enough to choose.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoticeSummary {
    pub id: i64,
    pub title: String,
    /// The body's first characters, plain text.
    pub excerpt: String,
    pub category: NoticeCategory,
    pub author: NoticeAuthor,
    pub target: Scope,
    pub pinned: bool,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub published_at: DateTime<Utc>,
    #[serde(deserialize_with = "crate::time::rfc3339_option")]
    pub edited_at: Option<DateTime<Utc>>,
    /// Whether the signed-in user's household has read it.
    pub read: bool,
    /// Marked 重要 by its author.
    #[serde(default)]
    pub important: bool,
}

/// `GET /notices?cursor=&limit=`: pinned first, then newest; `next_cursor` fetches the next page.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoticePage {
    pub items: Vec<NoticeSummary>,
    pub next_cursor: Option<String>,
    /// Unread notices in all pages, for the badge on the 首页 tab.
    pub unread_count: i64,
}

/// `GET /notices/{id}`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notice {
    pub id: i64,
    pub title: String,
    /// Plain text; line breaks are meaningful. Never HTML.
    pub body: String,
    pub category: NoticeCategory,
    pub author: NoticeAuthor,
    pub target: Scope,
    #[serde(deserialize_with = "crate::time::rfc3339_option")]
    pub pinned_until: Option<DateTime<Utc>>,
    #[serde(deserialize_with = "crate::time::rfc3339_option")]
    pub expires_at: Option<DateTime<Utc>>,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub published_at: DateTime<Utc>,
    #[serde(deserialize_with = "crate::time::rfc3339_option")]
    pub edited_at: Option<DateTime<Utc>>,
    pub read: bool,
    /// Whether the signed-in user may edit, withdraw and see receipts of it.
    pub can_manage: bool,
    /// Marked 重要 by its author.
    #[serde(default)]
    pub important: bool,
}

/// A notice its author manages, with how far it has reached: `GET /notices/authored`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuthoredNotice {
    pub notice: NoticeSummary,
    pub households_read: i64,
    pub households_total: i64,
    pub expired: bool,
    /// Whether the author may still edit, withdraw and see receipts: only while a role of
    /// theirs covers the notice's place.
    #[serde(default)]
    pub can_manage: bool,
}

/// `GET /notices/authored?cursor=&limit=`: newest first; `next_cursor` fetches the next page.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuthoredPage {
    pub items: Vec<AuthoredNotice>,
    pub next_cursor: Option<String>,
}

/// `GET /notices/{id}/receipts`: "已读 37 / 104" and who to knock on.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReadReceipts {
    pub households_read: i64,
    pub households_total: i64,
    /// Households that have not read, grouped by unit, units and doors in order.
    pub unread_by_unit: Vec<UnitUnread>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitUnread {
    /// e.g. "华盛世纪新城 3栋 1单元".
    pub unit: Scope,
    /// Door numbers, e.g. ["301", "302"].
    pub doors: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_round_trip_through_their_names() {
        for category in NoticeCategory::ALL {
            assert_eq!(NoticeCategory::parse(category.as_str()), Some(category));
            assert_eq!(serde_json::to_value(category).unwrap(), category.as_str());
        }
    }
}
