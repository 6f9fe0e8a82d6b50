//! The rows of `point_corrections`: one per correction, whatever became of it, read with the
//! names of the member, the requester and the decider.

use linli_api_types::{AuditPerson, CorrectionRecord, CorrectionStatus};
use sqlx::{Any, AnyConnection, Executor};

use crate::features::points::corrections::duties::{Actor, Duty, Member};
use crate::features::points::wire::time;
use crate::platform::error::{AppError, Result};

/// Stores a correction; `transaction_id` is its posting when it needed no approval.
#[allow(clippy::too_many_arguments)]
pub async fn insert(
    tx: &mut AnyConnection,
    community_id: i64,
    user_id: i64,
    amount: i64,
    reason: &str,
    requested_by: i64,
    transaction_id: Option<i64>,
    now: i64,
) -> Result<i64> {
    let status = if transaction_id.is_some() {
        CorrectionStatus::Posted
    } else {
        CorrectionStatus::Pending
    };
    Ok(sqlx::query_scalar(
        "INSERT INTO point_corrections (community_id, user_id, amount, reason, status, \
            requested_by, requested_at, transaction_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(community_id)
    .bind(user_id)
    .bind(amount)
    .bind(reason)
    .bind(status.as_str())
    .bind(requested_by)
    .bind(now)
    .bind(transaction_id)
    .fetch_one(&mut *tx)
    .await?)
}

/// The member whose points a correction would move, wherever they live.
pub async fn member<'e, E>(executor: E, user_id: i64) -> Result<Option<Member>>
where
    E: Executor<'e, Database = Any>,
{
    Ok(
        sqlx::query_as("SELECT id, community_id, household_id FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(executor)
            .await?,
    )
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CorrectionRow {
    pub id: i64,
    pub community_id: i64,
    pub user_id: i64,
    pub member_name: String,
    pub member_household: Option<i64>,
    pub amount: i64,
    pub reason: String,
    pub status: String,
    pub requested_by: i64,
    pub requester_name: String,
    pub requested_at: i64,
    pub decided_by: Option<i64>,
    pub decider_name: Option<String>,
    pub decided_at: Option<i64>,
    pub decision_note: Option<String>,
    pub transaction_id: Option<i64>,
}

const SELECT: &str = "SELECT c.id, c.community_id, c.user_id, m.name AS member_name, \
        m.household_id AS member_household, c.amount, c.reason, c.status, c.requested_by, \
        r.name AS requester_name, c.requested_at, c.decided_by, d.name AS decider_name, \
        c.decided_at, c.decision_note, c.transaction_id \
    FROM point_corrections c \
    JOIN users m ON m.id = c.user_id \
    JOIN users r ON r.id = c.requested_by \
    LEFT JOIN users d ON d.id = c.decided_by";

impl CorrectionRow {
    pub fn status(&self) -> Result<CorrectionStatus> {
        CorrectionStatus::parse(&self.status)
            .ok_or_else(|| AppError::internal(format!("correction status {}", self.status)))
    }

    /// Why `viewer` may not approve or reject it, if they may not.
    pub fn duty_of(&self, viewer: &Actor) -> Option<Duty> {
        if viewer.user_id == self.requested_by {
            Some(Duty::OwnRequest)
        } else {
            viewer.conflict_with(self.user_id, self.member_household)
        }
    }

    /// The correction as `viewer` sees it: what they may do with it included.
    pub fn record(&self, viewer: &Actor) -> Result<CorrectionRecord> {
        let status = self.status()?;
        let pending = status == CorrectionStatus::Pending;
        Ok(CorrectionRecord {
            id: self.id,
            member: AuditPerson {
                id: self.user_id,
                name: self.member_name.clone(),
            },
            amount: self.amount,
            reason: self.reason.clone(),
            status,
            requested_by: AuditPerson {
                id: self.requested_by,
                name: self.requester_name.clone(),
            },
            requested_at: time(self.requested_at),
            decided_by: self.decided_by.map(|id| AuditPerson {
                id,
                name: self.decider_name.clone().unwrap_or_default(),
            }),
            decided_at: self.decided_at.map(time),
            decision_note: self.decision_note.clone(),
            transaction_id: self.transaction_id,
            can_decide: pending && self.duty_of(viewer).is_none(),
            can_withdraw: pending && viewer.user_id == self.requested_by,
        })
    }
}

pub async fn load<'e, E>(executor: E, id: i64) -> Result<Option<CorrectionRow>>
where
    E: Executor<'e, Database = Any>,
{
    Ok(sqlx::query_as(&format!("{SELECT} WHERE c.id = $1"))
        .bind(id)
        .fetch_optional(executor)
        .await?)
}

/// The correction `id`, which was just written in `tx`.
pub async fn reload(tx: &mut AnyConnection, id: i64) -> Result<CorrectionRow> {
    load(&mut *tx, id)
        .await?
        .ok_or_else(|| AppError::internal("correction vanished"))
}

/// Up to `limit + 1` of the community's corrections in `status` before `before` (an id), newest
/// first: the one beyond the page says there is a next.
pub async fn page<'e, E>(
    executor: E,
    community_id: i64,
    status: CorrectionStatus,
    before: Option<i64>,
    limit: u32,
) -> Result<Vec<CorrectionRow>>
where
    E: Executor<'e, Database = Any>,
{
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE c.community_id = $1 AND c.status = $2 AND c.id < $3 \
         ORDER BY c.id DESC LIMIT {}",
        limit + 1
    ))
    .bind(community_id)
    .bind(status.as_str())
    .bind(before.unwrap_or(i64::MAX))
    .fetch_all(executor)
    .await?)
}
