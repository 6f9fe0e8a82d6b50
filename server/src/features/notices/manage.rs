//! Managing a notice: editing it (`PUT /notices/{id}`) and withdrawing it
//! (`DELETE /notices/{id}`), by staff covering its target or its author while a role of theirs
//! still covers it.

use linli_api_types::{Notice, NoticeDraft, Role};

use crate::features::notices::refusals::NoticeRefusal;
use crate::features::notices::row::{self, NoticeRow};
use crate::features::notices::{audience, draft, important};
use crate::platform::auth::AuthUser;
use crate::platform::db::Db;
use crate::platform::error::{AppError, FieldIssue, Result, Rule};
use crate::platform::ids::NoticeId;

/// The notice `auth` wants to change: 404 outside their scopes, 410 when withdrawn (unless
/// `withdrawn_ok`), 403 unless they may manage it.
pub async fn manageable(
    db: &Db,
    auth: &AuthUser,
    id: NoticeId,
    withdrawn_ok: bool,
) -> Result<NoticeRow> {
    let row = row::load(&db.read, auth, id)
        .await?
        .filter(|row| audience::in_scope(auth, row))
        .ok_or(AppError::NotFound)?;
    if row.withdrawn_at.is_some() && !withdrawn_ok {
        return Err(NoticeRefusal::Withdrawn.into());
    }
    auth.require(audience::can_manage(auth, &row))?;
    Ok(row)
}

/// Replaces notice `id`'s text, times and target with `draft`'s; `edited_at` is set. Staff
/// may move a notice only within what they cover; its author to any place they are
/// responsible for.
pub async fn edit(
    db: &Db,
    auth: &AuthUser,
    id: NoticeId,
    draft: &NoticeDraft,
    now: i64,
) -> Result<Notice> {
    let row = manageable(db, auth, id, false).await?;
    let checked = draft::check(&db.read, auth, draft, now).await?;
    let (clean, place, grant) = (&checked.clean, &checked.place, checked.grant);
    let is_author = row.author_id == auth.user_id;
    if !is_author && !auth.covers(Role::Staff, &place.path) {
        return Err(AppError::Validation(vec![FieldIssue::new(
            "target",
            Rule::OutOfScope,
        )]));
    }
    // The author's role follows the new target; staff editing keep the author's as it was.
    let author_sql = if is_author {
        "author_role = $12, author_scope_kind = $13, author_scope_id = $14,"
    } else {
        ""
    };
    let sql = format!(
        "UPDATE notices SET {author_sql} target_kind = $1, target_id = $2, community_id = $3, \
            grid_id = $4, building_id = $5, unit_id = $6, title = $7, body = $8, category = $9, \
            pinned_until = $10, expires_at = $11, edited_at = $15, important = $17 \
         WHERE id = $16 AND withdrawn_at IS NULL"
    );
    let mut tx = db.write.begin().await?;
    // Whether it was important, read with the notice locked for this edit (on SQLite the
    // write lock; on PostgreSQL the row's), so of two edits marking it only one tells.
    let was_important: Option<i64> = sqlx::query_scalar(
        "UPDATE notices SET important = important WHERE id = $1 AND withdrawn_at IS NULL \
         RETURNING important",
    )
    .bind(row.id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(was_important) = was_important else {
        return Err(NoticeRefusal::Withdrawn.into());
    };
    let updated = sqlx::query(&sql)
        .bind(place.kind.as_str())
        .bind(place.id)
        .bind(place.path.community_id)
        .bind(place.path.grid_id)
        .bind(place.path.building_id)
        .bind(place.path.unit_id)
        .bind(clean.title.as_str())
        .bind(clean.body.as_str())
        .bind(checked.category.as_str())
        .bind(clean.pinned_until)
        .bind(clean.expires_at)
        .bind(grant.role.as_str())
        .bind(grant.scope_kind.as_str())
        .bind(grant.scope_id)
        .bind(now)
        .bind(row.id)
        .bind(i64::from(checked.important))
        .execute(&mut *tx)
        .await?;
    if updated.rows_affected() == 0 {
        return Err(NoticeRefusal::Withdrawn.into());
    }
    if checked.important && was_important == 0 {
        important::tell(&mut tx, row.id, now).await?;
    }
    tx.commit().await?;
    let row = row::load(&db.write, auth, id)
        .await?
        .ok_or(AppError::NotFound)?;
    row.notice(audience::can_manage(auth, &row))
}

/// Withdraws notice `id`: gone from every list, a link to it answers 410. Withdrawing again
/// is fine.
pub async fn withdraw(db: &Db, auth: &AuthUser, id: NoticeId, now: i64) -> Result<()> {
    let row = manageable(db, auth, id, true).await?;
    sqlx::query("UPDATE notices SET withdrawn_at = $1 WHERE id = $2 AND withdrawn_at IS NULL")
        .bind(now)
        .bind(row.id)
        .execute(&db.write)
        .await?;
    tracing::info!(notice_id = row.id, "notice withdrawn");
    Ok(())
}
