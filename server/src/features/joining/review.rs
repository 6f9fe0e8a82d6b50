//! Heads deciding requests: the ones waiting in their scope (the unit head of the unit, the
//! building head of the building, staff of the community), each with the register's names for
//! that room; approving (the account becomes a member of the household, optionally linked to a
//! register entry of the room) or declining with a reason the resident reads. A request out of
//! the caller's scope, or of another community, is 404 as one that does not exist.

use linli_api_types::{
    JoinApproval, JoinDecision, JoinDecline, JoinRequestList, JoinRequestView, JoinStatus,
    RegisterName, Role,
};

use crate::features::joining::home::{self, Home};
use crate::features::joining::messages;
use crate::features::joining::refusals::{self, JoinRefusal};
use crate::features::joining::reviewers::may_review;
use crate::platform::auth::AuthUser;
use crate::platform::db::{now_ms, time, Db};
use crate::platform::error::{AppError, Result};
use crate::platform::text::TextField;

const REASON: TextField = TextField::line("reason", 200);

#[derive(sqlx::FromRow)]
struct RequestRow {
    id: i64,
    user_id: i64,
    community_id: i64,
    household_id: i64,
    status: String,
    created_at: i64,
    name: String,
    phone: String,
}

const REQUEST_SQL: &str = "\
    SELECT r.id, r.user_id, r.community_id, r.household_id, r.status, r.created_at, \
        u.name, u.phone \
    FROM join_requests r JOIN users u ON u.id = r.user_id";

/// 403 for those who hold no role that reviews; their requests for everyone else.
fn require_reviewer(auth: &AuthUser) -> Result<()> {
    auth.require(
        [Role::UnitHead, Role::BuildingHead, Role::Staff]
            .into_iter()
            .any(|role| auth.holds(role)),
    )
}

/// The requests waiting in `auth`'s scope, oldest first.
pub async fn list(db: &Db, auth: &AuthUser) -> Result<JoinRequestList> {
    require_reviewer(auth)?;
    let rows: Vec<RequestRow> = sqlx::query_as(&format!(
        "{REQUEST_SQL} WHERE r.community_id = $1 AND r.status = 'pending' ORDER BY r.id"
    ))
    .bind(auth.community_id)
    .fetch_all(&db.read)
    .await?;
    let mut items = Vec::new();
    for row in rows {
        if row.user_id == auth.user_id {
            continue;
        }
        let Some(home) = home::of_household(&db.read, row.household_id).await? else {
            continue;
        };
        if !may_review(auth, &home.path) {
            continue;
        }
        let register = register_names(db, row.household_id).await?;
        items.push(JoinRequestView {
            id: row.id,
            name: row.name,
            phone: row.phone,
            home: home.view,
            requested_at: time(row.created_at),
            register,
        });
    }
    Ok(JoinRequestList { items })
}

#[derive(sqlx::FromRow)]
struct RegisterRow {
    id: i64,
    name: String,
    relation: String,
    linked: i64,
}

async fn register_names(db: &Db, household_id: i64) -> Result<Vec<RegisterName>> {
    let rows: Vec<RegisterRow> = sqlx::query_as(
        "SELECT id, name, relation, \
            CASE WHEN user_id IS NULL THEN 0 ELSE 1 END AS linked \
         FROM register_members WHERE household_id = $1 ORDER BY id",
    )
    .bind(household_id)
    .fetch_all(&db.read)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| RegisterName {
            id: row.id,
            name: row.name,
            relation: row.relation,
            linked: row.linked != 0,
        })
        .collect())
}

/// Request `id` as `auth` may decide it: 404 out of scope, 403 their own, 409 decided.
async fn decidable(db: &Db, auth: &AuthUser, id: i64) -> Result<(RequestRow, Home)> {
    let row = sqlx::query_as::<_, RequestRow>(&format!("{REQUEST_SQL} WHERE r.id = $1"))
        .bind(id)
        .fetch_optional(&db.read)
        .await?
        .filter(|row| row.community_id == auth.community_id)
        .ok_or(AppError::NotFound)?;
    let home = home::of_household(&db.read, row.household_id)
        .await?
        .filter(|home| may_review(auth, &home.path))
        .ok_or(AppError::NotFound)?;
    if row.user_id == auth.user_id {
        return Err(AppError::Forbidden);
    }
    if row.status != JoinStatus::Pending.as_str() {
        return Err(JoinRefusal::AlreadyDecided.into());
    }
    Ok((row, home))
}

pub async fn approve(
    db: &Db,
    auth: &AuthUser,
    id: i64,
    approval: JoinApproval,
) -> Result<JoinDecision> {
    let (request, home) = decidable(db, auth, id).await?;
    let now = now_ms();
    let mut tx = db.write.begin().await?;
    let decided = sqlx::query(
        "UPDATE join_requests SET status = 'approved', decided_by = $1, decided_at = $2, \
            register_member_id = $3 \
         WHERE id = $4 AND status = 'pending'",
    )
    .bind(auth.user_id)
    .bind(now)
    .bind(approval.register_member_id)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if decided.rows_affected() != 1 {
        return Err(JoinRefusal::AlreadyDecided.into());
    }
    if let Some(entry) = approval.register_member_id {
        let linked = sqlx::query(
            "UPDATE register_members SET user_id = $1, updated_at = $2 \
             WHERE id = $3 AND household_id = $4 AND user_id IS NULL",
        )
        .bind(request.user_id)
        .bind(now)
        .bind(entry)
        .bind(home.view.household_id)
        .execute(&mut *tx)
        .await?;
        if linked.rows_affected() != 1 {
            return Err(AppError::Validation(vec![
                refusals::register_entry_unavailable(),
            ]));
        }
    }
    sqlx::query(
        "UPDATE users SET status = 'active', household_id = $1 \
         WHERE id = $2 AND status = 'pending'",
    )
    .bind(home.view.household_id)
    .bind(request.user_id)
    .execute(&mut *tx)
    .await?;
    messages::decided(&mut tx, id, request.user_id, request.household_id, None, now).await?;
    tx.commit().await?;
    tracing::info!(
        join_request = id,
        user_id = request.user_id,
        "join request approved"
    );
    decision(
        db,
        auth,
        id,
        JoinStatus::Approved,
        now,
        None,
        approval.register_member_id,
    )
    .await
}

pub async fn decline(db: &Db, auth: &AuthUser, id: i64, body: JoinDecline) -> Result<JoinDecision> {
    let mut issues = Vec::new();
    let reason = REASON.check(&body.reason, &mut issues);
    if !issues.is_empty() {
        return Err(AppError::Validation(issues));
    }
    let (request, _) = decidable(db, auth, id).await?;
    let now = now_ms();
    let mut tx = db.write.begin().await?;
    let decided = sqlx::query(
        "UPDATE join_requests SET status = 'declined', decided_by = $1, decided_at = $2, \
            reason = $3 \
         WHERE id = $4 AND status = 'pending'",
    )
    .bind(auth.user_id)
    .bind(now)
    .bind(&reason)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if decided.rows_affected() != 1 {
        return Err(JoinRefusal::AlreadyDecided.into());
    }
    sqlx::query("UPDATE users SET status = 'declined' WHERE id = $1 AND status = 'pending'")
        .bind(request.user_id)
        .execute(&mut *tx)
        .await?;
    messages::decided(
        &mut tx,
        id,
        request.user_id,
        request.household_id,
        Some(&reason),
        now,
    )
    .await?;
    tx.commit().await?;
    tracing::info!(
        join_request = id,
        user_id = request.user_id,
        "join request declined"
    );
    decision(db, auth, id, JoinStatus::Declined, now, Some(reason), None).await
}

/// The decision as stored, with the decider's name.
async fn decision(
    db: &Db,
    auth: &AuthUser,
    id: i64,
    status: JoinStatus,
    now: i64,
    reason: Option<String>,
    register_member_id: Option<i64>,
) -> Result<JoinDecision> {
    let (decided_by,): (String,) = sqlx::query_as("SELECT name FROM users WHERE id = $1")
        .bind(auth.user_id)
        .fetch_one(&db.read)
        .await?;
    Ok(JoinDecision {
        id,
        status,
        decided_by,
        decided_at: time(now),
        reason,
        register_member_id,
    })
}
