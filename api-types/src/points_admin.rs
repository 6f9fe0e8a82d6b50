//! 积分管理 for staff: corrections that wait for a second staff member, the community's
//! love-bank policy, and the audit of where points came from.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{LedgerKind, LedgerLink};

/// The most one correction may move, either sign.
pub const CORRECTION_MAX_AMOUNT: i64 = 10_000;
/// How many times the approval threshold one staff member may correct in a day (Asia/Shanghai)
/// without a second staff member: beyond it every correction waits, so a large sum cannot be
/// split into many small ones.
pub const DAILY_UNAPPROVED_FACTOR: i64 = 5;
/// Bounds of `PolicyRequest::points_per_hour`.
pub const POINTS_PER_HOUR_MIN: i64 = 1;
pub const POINTS_PER_HOUR_MAX: i64 = 200;
/// Bounds of `PolicyRequest::correction_approval_threshold`.
pub const APPROVAL_THRESHOLD_MIN: i64 = 0;
pub const APPROVAL_THRESHOLD_MAX: i64 = 10_000;
/// A rejection's reason.
pub const REJECT_REASON_MAX_CHARS: usize = 200;
/// Page size of the corrections list and the audit when `limit` is not given, and its ceiling.
pub const AUDIT_PAGE_DEFAULT: u32 = 20;
pub const AUDIT_PAGE_MAX: u32 = 50;

/// The OpenAPI schema of the corrections' and the audit's `limit`: 1–`AUDIT_PAGE_MAX`, or empty
/// for the default (`AUDIT_PAGE_DEFAULT`).
#[cfg(feature = "openapi")]
pub fn audit_page_limit_schema() -> utoipa::openapi::schema::Schema {
    use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, OneOfBuilder, SchemaFormat, Type};
    OneOfBuilder::new()
        .description(Some("Items per page, 1–50; 20 when absent or empty."))
        .item(
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int32)))
                .minimum(Some(1))
                .maximum(Some(AUDIT_PAGE_MAX)),
        )
        .item(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .max_length(Some(0)),
        )
        .build()
        .into()
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CorrectionStatus {
    /// 待审批: above the threshold, waiting for a second staff member; no points moved.
    Pending,
    /// 已入账: in the ledger (at once, or when approved).
    Posted,
    /// 已驳回 by another staff member, with a reason.
    Rejected,
    /// 已撤回 by the staff member who asked for it.
    Withdrawn,
}

impl CorrectionStatus {
    pub const ALL: [CorrectionStatus; 4] = [
        CorrectionStatus::Pending,
        CorrectionStatus::Posted,
        CorrectionStatus::Rejected,
        CorrectionStatus::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CorrectionStatus::Pending => "pending",
            CorrectionStatus::Posted => "posted",
            CorrectionStatus::Rejected => "rejected",
            CorrectionStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.as_str() == s)
    }
}

/// A member of the community by full name (staff see full names in 积分管理).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditPerson {
    pub id: i64,
    pub name: String,
}

/// One staff correction and what became of it: the 202 answer of `POST /ledger/corrections`
/// when it must wait, and the lines of `GET /ledger/corrections`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CorrectionRecord {
    pub id: i64,
    /// Whose points.
    pub member: AuditPerson,
    /// + credit, − debit.
    pub amount: i64,
    pub reason: String,
    pub status: CorrectionStatus,
    pub requested_by: AuditPerson,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub requested_at: DateTime<Utc>,
    /// Who approved (posted) or rejected it; `None` while pending, when withdrawn, and when
    /// it was small enough to post at once.
    pub decided_by: Option<AuditPerson>,
    #[serde(default, deserialize_with = "crate::time::rfc3339_option")]
    pub decided_at: Option<DateTime<Utc>>,
    /// A rejection's reason.
    pub decision_note: Option<String>,
    /// The ledger transaction it posted as.
    pub transaction_id: Option<i64>,
    /// Whether the viewer may approve or reject it (pending, and they are not the requester,
    /// the member, or of the member's household).
    pub can_decide: bool,
    /// Whether the viewer may withdraw it (pending, and they asked for it).
    pub can_withdraw: bool,
}

/// `GET /ledger/corrections?status=&cursor=&limit=`: newest first.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CorrectionPage {
    pub items: Vec<CorrectionRecord>,
    pub next_cursor: Option<String>,
}

/// `POST /ledger/corrections/{id}/reject`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RejectRequest {
    // REJECT_REASON_MAX_CHARS; checked in server/tests/api/openapi_rules.rs
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

/// `GET /community/policy`: what the community's love bank allows.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PointsPolicy {
    /// 每小时最多积分: a task pays at most this × its length in hours.
    pub points_per_hour: i64,
    /// 需要审批的调整额度: corrections above this (either sign) wait for a second staff member.
    pub correction_approval_threshold: i64,
    /// Whether these are the defaults (staff never set a policy).
    pub is_default: bool,
    pub updated_by: Option<AuditPerson>,
    #[serde(default, deserialize_with = "crate::time::rfc3339_option")]
    pub updated_at: Option<DateTime<Utc>>,
}

/// `PUT /community/policy` (staff).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PolicyRequest {
    /// 1–200.
    // POINTS_PER_HOUR_MIN, POINTS_PER_HOUR_MAX
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 200))]
    pub points_per_hour: i64,
    /// 0–10000.
    // APPROVAL_THRESHOLD_MIN, APPROVAL_THRESHOLD_MAX
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 10000))]
    pub correction_approval_threshold: i64,
}

/// One change of the policy, as the audit lists them.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PolicyChange {
    pub points_per_hour: i64,
    pub correction_approval_threshold: i64,
    pub changed_by: AuditPerson,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub changed_at: DateTime<Utc>,
}

/// Where points come from: every credit from the community's fund (the issuer) to a member.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PointsSource {
    /// Volunteer tasks, credited when an organiser confirms.
    Tasks,
    /// Service orders, credited to the volunteer when the order settles.
    Orders,
    /// Staff corrections (credits only).
    Corrections,
    /// 爱心基础积分 and other opening grants.
    Opening,
    /// Anything else from the fund.
    Other,
}

impl PointsSource {
    pub fn of(kind: LedgerKind) -> Self {
        match kind {
            LedgerKind::TaskReward => PointsSource::Tasks,
            LedgerKind::ServiceReward => PointsSource::Orders,
            LedgerKind::Correction => PointsSource::Corrections,
            LedgerKind::Opening => PointsSource::Opening,
            _ => PointsSource::Other,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SourceTotal {
    pub source: PointsSource,
    pub points: i64,
    /// How many credits.
    pub count: i64,
}

/// Points created this calendar month (Asia/Shanghai), by source.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MonthCreated {
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub since: DateTime<Utc>,
    pub total: i64,
    /// Every source, largest first, zeros included.
    pub sources: Vec<SourceTotal>,
    /// Points taken back by correction debits this month (not subtracted above).
    pub corrected_down: i64,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AuditKind {
    /// A staff correction, whatever became of it (`id` is the correction's).
    Correction,
    /// A credit above the threshold from a task, an order or the opening grant (`id` is the
    /// ledger transaction's).
    Credit,
}

/// One line of 积分管理's audit.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditItem {
    pub kind: AuditKind,
    pub id: i64,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub at: DateTime<Utc>,
    pub member: AuditPerson,
    /// + credit, − debit.
    pub amount: i64,
    pub ledger_kind: LedgerKind,
    /// A task's title, a service's name; empty for corrections.
    pub subject: String,
    /// A correction's reason.
    pub note: Option<String>,
    /// Corrections: their status; credits: always `posted`.
    pub status: CorrectionStatus,
    /// Who made it happen: the staff member who asked for a correction, the organiser who
    /// confirmed a task, the resident whose rating settled an order; `None` for the system.
    pub actor: Option<AuditPerson>,
    /// The second staff member who approved (or rejected) a correction.
    pub approver: Option<AuditPerson>,
    pub link: Option<LedgerLink>,
}

/// `GET /points/audit?cursor=&limit=` (staff): newest first.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PointsAudit {
    /// The threshold credits are listed above (the community's current one).
    pub threshold: i64,
    pub month: MonthCreated,
    /// The latest policy changes, newest first (at most 20).
    pub policy_changes: Vec<PolicyChange>,
    pub items: Vec<AuditItem>,
    pub next_cursor: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_round_trip_through_their_names() {
        for status in CorrectionStatus::ALL {
            assert_eq!(CorrectionStatus::parse(status.as_str()), Some(status));
            assert_eq!(serde_json::to_value(status).unwrap(), status.as_str());
        }
        assert_eq!(CorrectionStatus::parse("approved"), None);
    }

    #[test]
    fn every_fund_credit_has_a_source() {
        assert_eq!(
            PointsSource::of(LedgerKind::TaskReward),
            PointsSource::Tasks
        );
        assert_eq!(
            PointsSource::of(LedgerKind::ServiceReward),
            PointsSource::Orders
        );
        assert_eq!(
            PointsSource::of(LedgerKind::Redemption),
            PointsSource::Other
        );
    }
}
