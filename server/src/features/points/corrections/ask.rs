//! Staff asking for a correction 积分更正: a new, audited transaction (never an edit), or, above
//! the community's threshold or beyond the staff member's daily allowance of unapproved
//! corrections, a request that waits for a second staff member.

use linli_api_types::{
    Correction, CorrectionRecord, CorrectionRequest, CORRECTION_MAX_AMOUNT,
    CORRECTION_REASON_MAX_CHARS, DAILY_UNAPPROVED_FACTOR,
};
use sqlx::AnyConnection;

use crate::features::points::corrections::duties::Member;
use crate::features::points::corrections::posting::{self, Posting};
use crate::features::points::corrections::store;
use crate::features::points::staff::Staff;
use crate::features::points::{ledger, policy, refusals};
use crate::platform::db::Db;
use crate::platform::error::{AppError, FieldIssue, Result, Rule};
use crate::platform::ids::{CommunityId, UserId};
use crate::platform::shanghai;
use crate::platform::text::TextField;

/// A correction request that keeps every field rule: a member of the staff member's community
/// who is neither them nor of their household, an amount within bounds, a reason.
#[derive(Debug)]
pub struct Checked {
    member: Member,
    amount: i64,
    reason: String,
}

/// What became of a correction request.
#[derive(Debug)]
pub enum Asked {
    /// Posted at once.
    Posted(Correction),
    /// Stored as pending: no points move until another staff member approves.
    Pending(CorrectionRecord),
}

/// The field issues of a correction's amount.
fn check_amount(amount: i64, issues: &mut Vec<FieldIssue>) {
    if amount == 0 {
        issues.push(refusals::zero_amount("amount"));
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

/// Checks `request` by `staff`, all its fields at once.
pub async fn check(db: &Db, staff: &Staff<'_>, request: &CorrectionRequest) -> Result<Checked> {
    let mut issues = Vec::new();
    check_amount(request.amount, &mut issues);
    let reason =
        TextField::line("reason", CORRECTION_REASON_MAX_CHARS).check(&request.reason, &mut issues);
    // A member of another community is unknown here, as if there were none: a 403 would tell
    // staff elsewhere which ids are people.
    let member = store::member(&db.read, request.user_id)
        .await?
        .filter(|member| staff.serves(member.community_id));
    let Some(member) = member else {
        issues.push(FieldIssue::new("user_id", Rule::Unknown));
        return Err(AppError::Validation(issues));
    };
    staff.actor().check_member(&member, &mut issues);
    if !issues.is_empty() {
        return Err(AppError::Validation(issues));
    }
    Ok(Checked {
        member,
        amount: request.amount,
        reason,
    })
}

/// Whether a correction of `amount` by `requested_by` must wait for a second staff member:
/// above the threshold, or beyond what they may post unapproved today. Called after
/// `ledger::lock_fund`, so two corrections of the same community cannot both read the same sum.
async fn needs_approval(
    tx: &mut AnyConnection,
    community_id: i64,
    requested_by: UserId,
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
    .bind(requested_by.get())
    .bind(shanghai::day_start(now))
    .fetch_one(&mut *tx)
    .await?;
    let allowance = policy
        .correction_approval_threshold
        .saturating_mul(DAILY_UNAPPROVED_FACTOR);
    Ok(today.saturating_add(amount.abs()) > allowance)
}

/// Posts the checked correction, or stores it to wait for approval, inside the caller's
/// transaction.
pub async fn ask(
    tx: &mut AnyConnection,
    staff: &Staff<'_>,
    checked: Checked,
    now: i64,
) -> Result<Asked> {
    let Checked {
        member,
        amount,
        reason,
    } = checked;
    let community_id = member.community_id;
    // Before reading today's sum: two corrections at once cannot both fit the same allowance.
    ledger::lock_fund(tx, community_id).await?;
    if needs_approval(tx, community_id, staff.user(), amount, now).await? {
        let id = store::insert(
            tx,
            community_id,
            member.id,
            amount,
            &reason,
            staff.user().get(),
            None,
            now,
        )
        .await?;
        let row = store::reload(tx, id).await?;
        tracing::info!(
            correction_id = id,
            member = member.id,
            amount,
            "correction awaits approval"
        );
        return Ok(Asked::Pending(row.record(&staff.actor())?));
    }
    let (transaction_id, balance) = posting::post(
        tx,
        &Posting {
            community: CommunityId(community_id),
            member: UserId(member.id),
            amount,
            reason: &reason,
            requested_by: staff.user(),
        },
    )
    .await?;
    let correction_id = store::insert(
        tx,
        community_id,
        member.id,
        amount,
        &reason,
        staff.user().get(),
        Some(transaction_id),
        now,
    )
    .await?;
    Ok(Asked::Posted(Correction {
        correction_id,
        transaction_id,
        user_id: member.id,
        amount,
        balance,
        reason,
        at: chrono::Utc::now(),
    }))
}
