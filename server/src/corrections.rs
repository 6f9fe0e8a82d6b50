//! Staff corrections 积分更正 with separation of duties (issue 15).
//!
//! Points are money: nobody corrects their own points or their household's (points are shared
//! at home), and a correction above the community's threshold — or beyond the requester's daily
//! allowance of unapproved corrections — waits for a second staff member who is neither the
//! requester, nor the member, nor of the member's household. Each correction is a row of
//! `point_corrections`; its status leaves `pending` only by a guarded UPDATE, so parallel
//! approvals post it exactly once, and the posting happens in the approval's transaction.

use linli_api_types::{
    AuditPerson, CorrectionRecord, CorrectionStatus, CORRECTION_MAX_AMOUNT, DAILY_UNAPPROVED_FACTOR,
};
use sqlx::{Any, AnyConnection, Executor};

use crate::db::time;
use crate::error::{AppError, FieldIssue, Result, Rule};
use crate::ledger;
use crate::policy;

/// Why a staff member may not approve or reject a correction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Duty {
    /// They asked for it: a second staff member means someone else.
    OwnRequest,
    /// It moves their own points.
    OwnAccount,
    /// It moves the points of someone of their household.
    OwnHousehold,
}

impl Duty {
    pub fn code(self) -> &'static str {
        match self {
            Duty::OwnRequest => "own_request",
            Duty::OwnAccount => "own_account",
            Duty::OwnHousehold => "own_household",
        }
    }

    pub fn title(self) -> (&'static str, &'static str) {
        match self {
            Duty::OwnRequest => (
                "不能审批自己提出的调整，请由另一位工作人员审批",
                "You cannot decide on your own request: another staff member must",
            ),
            Duty::OwnAccount => (
                "不能审批给自己的积分调整",
                "You cannot decide on a correction of your own points",
            ),
            Duty::OwnHousehold => (
                "不能审批给自己家庭成员的积分调整",
                "You cannot decide on a correction for your own household",
            ),
        }
    }
}

/// Who is acting: the signed-in staff member and their household.
#[derive(Debug, Clone, Copy)]
pub struct Actor {
    pub user_id: i64,
    pub household_id: Option<i64>,
}

/// Whose points a correction moves.
#[derive(Debug, Clone, Copy, sqlx::FromRow)]
pub struct Member {
    pub id: i64,
    pub community_id: i64,
    pub household_id: Option<i64>,
}

impl Actor {
    /// Why `self` may not move `member`'s points, if they may not.
    pub fn conflict_with(&self, member_id: i64, member_household: Option<i64>) -> Option<Duty> {
        if self.user_id == member_id {
            Some(Duty::OwnAccount)
        } else if self.household_id.is_some() && self.household_id == member_household {
            Some(Duty::OwnHousehold)
        } else {
            None
        }
    }
}

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

/// The field issues of a correction's amount.
pub fn check_amount(amount: i64, issues: &mut Vec<FieldIssue>) {
    if amount == 0 {
        issues.push(FieldIssue::new("amount", Rule::NotZero));
    } else if !(-CORRECTION_MAX_AMOUNT..=CORRECTION_MAX_AMOUNT).contains(&amount) {
        issues.push(FieldIssue::new(
            "amount",
            Rule::OutOfRange {
                min: -CORRECTION_MAX_AMOUNT,
                max: CORRECTION_MAX_AMOUNT,
            },
        ));
    }
}

/// The member field's issue when `actor` may not correct `member` at all.
pub fn check_member(actor: &Actor, member: &Member, issues: &mut Vec<FieldIssue>) {
    match actor.conflict_with(member.id, member.household_id) {
        Some(Duty::OwnAccount) => issues.push(FieldIssue::new("user_id", Rule::OwnAccount)),
        Some(Duty::OwnHousehold) => issues.push(FieldIssue::new("user_id", Rule::OwnHousehold)),
        _ => {}
    }
}

pub use crate::shanghai::day_start;

/// Whether a correction of `amount` by `requested_by` must wait for a second staff member:
/// above the threshold, or beyond what they may post unapproved today. Call it after
/// `ledger::lock_fund`, so two corrections of the same community cannot both read the same sum.
pub async fn needs_approval(
    tx: &mut AnyConnection,
    community_id: i64,
    requested_by: i64,
    amount: i64,
    now: i64,
) -> Result<bool> {
    let policy = policy::load(&mut *tx, community_id).await?;
    if policy.correction_needs_approval(amount) {
        return Ok(true);
    }
    let today: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(CASE WHEN amount < 0 THEN -amount ELSE amount END), 0) \
            AS BIGINT) FROM point_corrections \
         WHERE requested_by = $1 AND requested_at >= $2 AND status = 'posted' \
            AND decided_by IS NULL",
    )
    .bind(requested_by)
    .bind(day_start(now))
    .fetch_one(&mut *tx)
    .await?;
    let allowance = policy
        .correction_approval_threshold
        .saturating_mul(DAILY_UNAPPROVED_FACTOR);
    Ok(today.saturating_add(amount.abs()) > allowance)
}

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

pub const SELECT: &str = "SELECT c.id, c.community_id, c.user_id, m.name AS member_name, \
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

/// A page of the community's corrections in `status`, newest first, before `before` (an id).
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

/// How a pending correction ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision<'a> {
    Approve,
    Reject { reason: &'a str },
    Withdraw,
}

/// Ends the pending correction `row` as `decision` says, by `actor`, inside the caller's
/// transaction. Approving posts it to the ledger (the requester as the transaction's actor) in
/// the same transaction. Refuses with 409 `conflict` when it is no longer pending — also when
/// another staff member decided it a moment earlier — and moves nothing then.
pub async fn decide(
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
            crate::points::correct(
                tx,
                row.community_id,
                row.user_id,
                row.amount,
                &row.reason,
                row.requested_by,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nobody_corrects_themselves_or_their_household() {
        let staff = Actor {
            user_id: 4,
            household_id: Some(40),
        };
        assert_eq!(staff.conflict_with(4, Some(40)), Some(Duty::OwnAccount));
        assert_eq!(staff.conflict_with(5, Some(40)), Some(Duty::OwnHousehold));
        assert_eq!(staff.conflict_with(5, Some(41)), None);
        assert_eq!(staff.conflict_with(5, None), None);
        let homeless = Actor {
            user_id: 4,
            household_id: None,
        };
        assert_eq!(homeless.conflict_with(5, None), None);
    }

    #[test]
    fn days_start_at_shanghai_midnight() {
        // 2026-12-01 04:00 Shanghai = 2026-11-30 20:00 UTC; the day began 2026-11-30 16:00 UTC.
        let now = 1_796_068_800_000;
        assert_eq!(day_start(now), 1_796_054_400_000);
        assert_eq!(day_start(day_start(now)), day_start(now));
    }
}
