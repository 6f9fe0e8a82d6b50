//! A resident's own request: recorded at sign-up (approved at once when the register vouched),
//! read back with who is reviewing it, and asked again for a corrected home after a decline.

use linli_api_types::{AccountStatus, JoinAgain, JoinStatus, MyJoinRequest};
use sqlx::AnyConnection;

use crate::features::joining::refusals::JoinRefusal;
use crate::features::joining::{home, messages, register_match, reviewers};
use crate::platform::auth::AuthUser;
use crate::platform::db::{now_ms, time, Db};
use crate::platform::error::{AppError, Result};

/// How a request starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decided {
    /// The register entry vouched: approved at once, by nobody.
    ByRegister(i64),
    /// A head or staff member must decide.
    Waiting,
}

/// Records a request of `user_id` to join `household_id`; its id.
pub async fn record(
    conn: &mut AnyConnection,
    user_id: i64,
    community_id: i64,
    household_id: i64,
    decided: Decided,
    now: i64,
) -> Result<i64> {
    let (status, decided_at, entry) = match decided {
        Decided::ByRegister(entry) => (JoinStatus::Approved, Some(now), Some(entry)),
        Decided::Waiting => (JoinStatus::Pending, None, None),
    };
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO join_requests (user_id, community_id, household_id, status, created_at, \
            decided_at, register_member_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(user_id)
    .bind(community_id)
    .bind(household_id)
    .bind(status.as_str())
    .bind(now)
    .bind(decided_at)
    .bind(entry)
    .fetch_one(&mut *conn)
    .await?;
    if decided == Decided::Waiting {
        messages::waiting(conn, id, user_id, household_id, now).await?;
    }
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct MineRow {
    id: i64,
    household_id: i64,
    status: String,
    created_at: i64,
    reason: Option<String>,
    decided_by: Option<String>,
}

/// The member's latest request; 404 when they never made one (accounts from before joining
/// existed, or made by staff).
pub async fn load(db: &Db, user_id: i64) -> Result<MyJoinRequest> {
    let row: MineRow = sqlx::query_as(
        "SELECT r.id, r.household_id, r.status, r.created_at, r.reason, d.name AS decided_by \
         FROM join_requests r LEFT JOIN users d ON d.id = r.decided_by \
         WHERE r.user_id = $1 ORDER BY r.id DESC LIMIT 1",
    )
    .bind(user_id)
    .fetch_optional(&db.read)
    .await?
    .ok_or(AppError::NotFound)?;
    let home = home::of_household(&db.read, row.household_id)
        .await?
        .ok_or_else(|| AppError::internal("join request without its household"))?;
    let status = JoinStatus::parse(&row.status)
        .ok_or_else(|| AppError::internal(format!("join status {}", row.status)))?;
    let reviewers = match status {
        JoinStatus::Pending => reviewers::of(&db.read, &home.path).await?,
        _ => Vec::new(),
    };
    Ok(MyJoinRequest {
        id: row.id,
        status,
        home: home.view,
        requested_at: time(row.created_at),
        reviewers,
        reason: row.reason,
        decided_by: row.decided_by,
    })
}

/// A waiting or declined resident asks again, for the home they name now (their community's):
/// the register may vouch this time; otherwise a new request waits and an older waiting one
/// is withdrawn.
pub async fn ask_again(db: &Db, auth: &AuthUser, request: JoinAgain) -> Result<MyJoinRequest> {
    if !matches!(
        auth.status,
        AccountStatus::Pending | AccountStatus::Declined
    ) {
        return Err(JoinRefusal::AlreadyMember.into());
    }
    let mut issues = Vec::new();
    let door = home::check_door(&request.door, &mut issues);
    if !issues.is_empty() {
        return Err(AppError::Validation(issues));
    }
    let home = home::find(&db.read, request.unit_id, &door, Some(auth.community_id)).await?;
    let (name, phone): (String, String) =
        sqlx::query_as("SELECT name, phone FROM users WHERE id = $1")
            .bind(auth.user_id)
            .fetch_one(&db.read)
            .await?;

    let now = now_ms();
    let mut tx = db.write.begin().await?;
    sqlx::query(
        "UPDATE join_requests SET status = 'withdrawn', decided_at = $1 \
         WHERE user_id = $2 AND status = 'pending'",
    )
    .bind(now)
    .bind(auth.user_id)
    .execute(&mut *tx)
    .await?;
    // Only an unlinked entry here: a 代办 account of the entry is another account already.
    let entry = register_match::find(&mut tx, home.view.household_id, &name, &phone)
        .await?
        .filter(|entry| entry.proxy_account.is_none());
    let decided = match entry {
        Some(entry) if register_match::link(&mut tx, entry.id, auth.user_id, now).await? => {
            Decided::ByRegister(entry.id)
        }
        _ => Decided::Waiting,
    };
    let (status, household) = match decided {
        Decided::ByRegister(_) => ("active", Some(home.view.household_id)),
        Decided::Waiting => ("pending", None),
    };
    let changed = sqlx::query(
        "UPDATE users SET status = $1, household_id = $2 \
         WHERE id = $3 AND status IN ('pending', 'declined')",
    )
    .bind(status)
    .bind(household)
    .bind(auth.user_id)
    .execute(&mut *tx)
    .await?;
    if changed.rows_affected() != 1 {
        return Err(JoinRefusal::AlreadyMember.into());
    }
    record(
        &mut tx,
        auth.user_id,
        auth.community_id,
        home.view.household_id,
        decided,
        now,
    )
    .await?;
    tx.commit().await?;
    load(db, auth.user_id).await
}
