//! The `photos` table: a row per stored photo, unattached (its uploader's) until a report or
//! wish names it.

use linli_api_types::PhotoRef;
use sqlx::{AnyConnection, Executor};

use super::refusals;
use super::store::{thumb_key, PhotoStore};
use crate::platform::db::Db;
use crate::platform::error::{AppError, Result};

/// Unattached photos are removed after this long (the form was abandoned).
pub const UNATTACHED_KEEP_MS: i64 = 24 * 60 * 60 * 1000;

/// What a photo is attached to: a kind the feature names (`"report"`, `"report_event"`,
/// `"wish"` …) and that thing's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttachTo {
    pub kind: &'static str,
    pub id: i64,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredPhoto {
    pub id: i64,
    pub community_id: i64,
    pub uploader_id: i64,
    pub key: String,
    pub width: i64,
    pub height: i64,
    pub attached_kind: Option<String>,
    pub attached_id: Option<i64>,
}

impl StoredPhoto {
    /// Whether it is attached to `to`.
    pub fn is_attached_to(&self, to: AttachTo) -> bool {
        self.attached_kind.as_deref() == Some(to.kind) && self.attached_id == Some(to.id)
    }
}

/// Records a stored photo as `uploader`'s, unattached.
#[allow(clippy::too_many_arguments)]
pub async fn insert(
    tx: &mut AnyConnection,
    community_id: i64,
    uploader_id: i64,
    key: &str,
    width: u32,
    height: u32,
    bytes: usize,
    now: i64,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO photos (community_id, uploader_id, key, width, height, bytes, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(community_id)
    .bind(uploader_id)
    .bind(key)
    .bind(i64::from(width))
    .bind(i64::from(height))
    .bind(i64::try_from(bytes).map_err(AppError::internal)?)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?)
}

/// Attaches `ids` to `to` in the caller's transaction. Each must be `uploader`'s, of
/// `community_id` and not attached yet (nor named twice); otherwise a field error at `field`
/// and nothing is attached (the caller's transaction is dropped). At most `max`.
pub async fn attach(
    tx: &mut AnyConnection,
    ids: &[i64],
    uploader_id: i64,
    community_id: i64,
    to: AttachTo,
    field: &str,
    max: usize,
) -> Result<()> {
    if ids.len() > max {
        return Err(AppError::Validation(vec![refusals::too_many(field, max)]));
    }
    for &id in ids {
        // Guarded: a photo attached meanwhile by another request (or named twice) changes no row.
        let attached = sqlx::query(
            "UPDATE photos SET attached_kind = $1, attached_id = $2 \
             WHERE id = $3 AND uploader_id = $4 AND community_id = $5 \
               AND attached_kind IS NULL",
        )
        .bind(to.kind)
        .bind(to.id)
        .bind(id)
        .bind(uploader_id)
        .bind(community_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if attached != 1 {
            return Err(AppError::Validation(vec![refusals::not_available(field)]));
        }
    }
    Ok(())
}

/// The photos attached to `to`, oldest first, with their paths under `prefix`
/// (`"/reports/12"` → `"/reports/12/photos/40"`).
pub async fn refs_for<'e>(
    executor: impl Executor<'e, Database = sqlx::Any>,
    to: AttachTo,
    prefix: &str,
) -> Result<Vec<PhotoRef>> {
    let rows: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT id, width, height FROM photos \
         WHERE attached_kind = $1 AND attached_id = $2 ORDER BY id",
    )
    .bind(to.kind)
    .bind(to.id)
    .fetch_all(executor)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, width, height)| photo_ref(prefix, id, width, height))
        .collect())
}

/// A photo's paths under `prefix`.
pub fn photo_ref(prefix: &str, id: i64, width: i64, height: i64) -> PhotoRef {
    PhotoRef {
        id,
        path: format!("{prefix}/photos/{id}"),
        thumb_path: format!("{prefix}/photos/{id}?size=thumb"),
        width: u32::try_from(width).unwrap_or(0),
        height: u32::try_from(height).unwrap_or(0),
    }
}

/// One photo by id (the feature checks what it is attached to).
pub async fn find<'e>(
    executor: impl Executor<'e, Database = sqlx::Any>,
    id: i64,
) -> Result<Option<StoredPhoto>> {
    Ok(sqlx::query_as(
        "SELECT id, community_id, uploader_id, key, width, height, attached_kind, attached_id \
         FROM photos WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(executor)
    .await?)
}

/// Removes photos left unattached for a day: rows first (guarded, so one attached meanwhile
/// stays), then their bytes. Safe on several servers at once.
pub async fn prune_unattached(db: &Db, store: &dyn PhotoStore, now: i64) -> Result<usize> {
    let stale: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, key FROM photos WHERE attached_kind IS NULL AND created_at < $1 \
         ORDER BY id LIMIT 500",
    )
    .bind(now - UNATTACHED_KEEP_MS)
    .fetch_all(&db.read)
    .await?;
    let mut removed = 0;
    for (id, key) in stale {
        let deleted = sqlx::query("DELETE FROM photos WHERE id = $1 AND attached_kind IS NULL")
            .bind(id)
            .execute(&db.write)
            .await?
            .rows_affected();
        if deleted == 1 {
            for key in [thumb_key(&key), key] {
                if let Err(error) = store.delete(&key) {
                    tracing::warn!(photo_id = id, %error, "could not delete photo bytes");
                }
            }
            removed += 1;
        }
    }
    Ok(removed)
}
