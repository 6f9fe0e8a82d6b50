//! Posting a notice (`POST /notices`) to a place the author is responsible for.

use linli_api_types::{Notice, NoticeDraft, Role};
use sqlx::AnyConnection;

use crate::features::notices::draft::{self, CheckedDraft};
use crate::features::notices::{important, row};
use crate::platform::auth::AuthUser;
use crate::platform::db::Db;
use crate::platform::error::{AppError, Result};
use crate::platform::ids::NoticeId;

/// Checks a draft `auth` wants to post: residents may not post (403), then the draft's rules.
/// Done before the request's idempotency key is claimed, so a refused draft claims nothing.
pub async fn prepare(
    db: &Db,
    auth: &AuthUser,
    draft: &NoticeDraft,
    now: i64,
) -> Result<CheckedDraft> {
    auth.require(Role::ALL.into_iter().any(|role| auth.holds(role)))?;
    draft::check(&db.read, auth, draft, now).await
}

/// Posts a checked draft as `auth`, published at `now`.
pub async fn post(
    tx: &mut AnyConnection,
    auth: &AuthUser,
    draft: &CheckedDraft,
    now: i64,
) -> Result<Notice> {
    let (clean, place, grant) = (&draft.clean, &draft.place, draft.grant);
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO notices (author_id, author_role, author_scope_kind, author_scope_id, \
            target_kind, target_id, community_id, grid_id, building_id, unit_id, \
            title, body, category, pinned_until, expires_at, published_at, important) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) \
         RETURNING id",
    )
    .bind(auth.user_id)
    .bind(grant.role.as_str())
    .bind(grant.scope_kind.as_str())
    .bind(grant.scope_id)
    .bind(place.kind.as_str())
    .bind(place.id)
    .bind(place.path.community_id)
    .bind(place.path.grid_id)
    .bind(place.path.building_id)
    .bind(place.path.unit_id)
    .bind(clean.title.as_str())
    .bind(clean.body.as_str())
    .bind(draft.category.as_str())
    .bind(clean.pinned_until)
    .bind(clean.expires_at)
    .bind(now)
    .bind(i64::from(draft.important))
    .fetch_one(&mut *tx)
    .await?;
    if draft.important {
        important::tell(tx, id, now).await?;
    }
    let row = row::load(&mut *tx, auth, NoticeId(id))
        .await?
        .ok_or_else(|| AppError::internal("inserted notice not found"))?;
    row.notice(true)
}
