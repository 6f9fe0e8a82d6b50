//! Reading one notice (`GET /notices/{id}`) and marking it read (`PUT /notices/{id}/read`).

use linli_api_types::Notice;

use crate::features::notices::audience;
use crate::features::notices::refusals::NoticeRefusal;
use crate::features::notices::row::{self, NoticeRow};
use crate::platform::auth::AuthUser;
use crate::platform::db::Db;
use crate::platform::error::{AppError, Result};
use crate::platform::ids::NoticeId;

/// The notice as `auth` may reach it: 404 outside their scopes, 410 when withdrawn, and when
/// expired unless they may manage it.
async fn reachable(db: &Db, auth: &AuthUser, id: NoticeId, now: i64) -> Result<NoticeRow> {
    let row = row::load(&db.read, auth, id)
        .await?
        .filter(|row| audience::in_scope(auth, row))
        .ok_or(AppError::NotFound)?;
    if row.withdrawn_at.is_some() {
        return Err(NoticeRefusal::Withdrawn.into());
    }
    if row.is_expired(now) && !audience::can_manage(auth, &row) {
        return Err(NoticeRefusal::Expired.into());
    }
    Ok(row)
}

/// Notice `id` for `auth`.
pub async fn detail(db: &Db, auth: &AuthUser, id: NoticeId, now: i64) -> Result<Notice> {
    let row = reachable(db, auth, id, now).await?;
    row.notice(audience::can_manage(auth, &row))
}

/// Records that `auth`'s household has read notice `id`; reading it again changes nothing.
pub async fn mark_read(db: &Db, auth: &AuthUser, id: NoticeId, now: i64) -> Result<()> {
    let row = reachable(db, auth, id, now).await?;
    record_read(db, auth, row.id, now).await
}

/// Records that the member's household (or the member, without one) has read `notice_id`.
async fn record_read(db: &Db, auth: &AuthUser, notice_id: i64, now: i64) -> Result<()> {
    sqlx::query(
        "INSERT INTO notice_reads (notice_id, household_id, user_id, read_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
    )
    .bind(notice_id)
    .bind(auth.household_id)
    .bind(auth.user_id)
    .bind(now)
    .execute(&db.write)
    .await?;
    Ok(())
}
