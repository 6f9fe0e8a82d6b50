//! A pending correction ends: a second staff member approves it (it posts now, once) or rejects
//! it, or the one who asked withdraws it.
//!
//! Its status leaves `pending` only by a guarded UPDATE, so parallel approvals post it exactly
//! once, and the posting happens in the approval's transaction.

use linli_api_types::{CorrectionRecord, CorrectionStatus};
use sqlx::AnyConnection;

use crate::features::points::corrections::duties::Actor;
use crate::features::points::corrections::posting::{self, Posting};
use crate::features::points::corrections::store::{self, CorrectionRow};
use crate::features::points::ledger;
use crate::features::points::refusals::PointsRefusal;
use crate::features::points::staff::Staff;
use crate::platform::error::{AppError, Result};
use crate::platform::ids::{CommunityId, UserId};

/// How a pending correction ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision<'a> {
    Approve,
    Reject { reason: &'a str },
    Withdraw,
}

/// Ends correction `id` as `decision` says, by `staff`, inside the caller's transaction, and
/// returns it as they now see it. Only the requester withdraws (403 `forbidden`); nobody
/// approves or rejects what they asked for, or what moves their own or their household's points
/// (403 `own_request`, `own_account`, `own_household`).
pub async fn decide(
    tx: &mut AnyConnection,
    staff: &Staff<'_>,
    id: i64,
    decision: Decision<'_>,
    now: i64,
) -> Result<CorrectionRecord> {
    // Another community's correction does not exist for this staff member.
    let row = store::load(&mut *tx, id)
        .await?
        .filter(|row| staff.serves(row.community_id))
        .ok_or(AppError::NotFound)?;
    let me = staff.actor();
    match decision {
        Decision::Withdraw => {
            if row.requested_by != me.user_id {
                return Err(AppError::Forbidden);
            }
        }
        Decision::Approve | Decision::Reject { .. } => {
            if let Some(duty) = row.duty_of(&me) {
                return Err(PointsRefusal::NotYourDecision(duty).into());
            }
        }
    }
    settle(tx, &row, &me, decision, now).await?;
    store::reload(tx, id).await?.record(&me)
}

/// Moves `row` out of pending. Approving posts it to the ledger (the requester as the
/// transaction's actor) in the same transaction. Refuses with 409 `conflict` when it is no
/// longer pending — also when another staff member decided it a moment earlier — and moves
/// nothing then.
async fn settle(
    tx: &mut AnyConnection,
    row: &CorrectionRow,
    actor: &Actor,
    decision: Decision<'_>,
    now: i64,
) -> Result<()> {
    // The fund first, as every ledger writer takes it: parallel approvals of one community
    // queue here, and each one's guarded UPDATE then sees the status the previous one left.
    ledger::lock_fund(tx, row.community_id).await?;
    // Read after the lock: a decision committed meanwhile is seen here (the guarded UPDATE
    // below stays the guarantee).
    let current: String = sqlx::query_scalar("SELECT status FROM point_corrections WHERE id = $1")
        .bind(row.id)
        .fetch_one(&mut *tx)
        .await?;
    if current != CorrectionStatus::Pending.as_str() {
        return Err(AppError::Conflict);
    }
    let (status, decided_by, note) = match decision {
        Decision::Approve => (CorrectionStatus::Posted, Some(actor.user_id), None),
        Decision::Reject { reason } => (
            CorrectionStatus::Rejected,
            Some(actor.user_id),
            Some(reason),
        ),
        Decision::Withdraw => (CorrectionStatus::Withdrawn, None, None),
    };
    // Approving posts first, so the row goes from pending to posted with its transaction in one
    // guarded UPDATE; if that UPDATE finds it no longer pending, the error rolls the posting back.
    let transaction_id = match decision {
        Decision::Approve => Some(
            posting::post(
                tx,
                &Posting {
                    community: CommunityId(row.community_id),
                    member: UserId(row.user_id),
                    amount: row.amount,
                    reason: &row.reason,
                    requested_by: UserId(row.requested_by),
                },
            )
            .await?
            .0,
        ),
        _ => None,
    };
    let updated: Option<i64> = sqlx::query_scalar(
        "UPDATE point_corrections SET status = $1, decided_by = $2, decided_at = $3, \
            decision_note = $4, transaction_id = $5 \
         WHERE id = $6 AND status = 'pending' RETURNING id",
    )
    .bind(status.as_str())
    .bind(decided_by)
    .bind(now)
    .bind(note)
    .bind(transaction_id)
    .bind(row.id)
    .fetch_optional(&mut *tx)
    .await?;
    if updated.is_none() {
        return Err(AppError::Conflict);
    }
    tracing::info!(
        correction_id = row.id,
        ?transaction_id,
        by = actor.user_id,
        status = status.as_str(),
        "correction decided"
    );
    Ok(())
}
