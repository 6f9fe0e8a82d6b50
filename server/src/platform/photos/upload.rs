//! Accepting an upload (`POST /api/v1/photos`): processed off the async threads, stored under a
//! fresh key, recorded as the uploader's under the request's Idempotency-Key.

use axum::http::StatusCode;
use axum::response::Response;
use linli_api_types::PhotoUploaded;
use sha2::{Digest, Sha256};

use super::process::{process, Processed};
use super::store::{new_key, thumb_key, PhotoStore};
use super::table;
use crate::platform::auth::AuthUser;
use crate::platform::db::now_ms;
use crate::platform::error::{AppError, Result};
use crate::platform::idempotency::{self, Claim, IdempotencyKey};
use crate::state::AppState;

pub const PHOTOS_PATH: &str = "/api/v1/photos";

pub async fn accept(
    state: &AppState,
    auth: &AuthUser,
    key: &IdempotencyKey,
    body: bytes::Bytes,
) -> Result<Response> {
    // The same bytes under the same key are the same request; the hash stands for the body.
    let digest = hex::encode(Sha256::digest(&body));
    let hash = idempotency::request_hash("POST", PHOTOS_PATH, &digest)?;
    let processed: Processed = tokio::task::spawn_blocking(move || process(&body))
        .await
        .map_err(AppError::internal)??;
    let photo_key = new_key();
    put_both(state, &photo_key, &processed).await?;
    let stored = record(state, auth, key, &hash, &photo_key, &processed).await;
    if !matches!(&stored, Ok((_, true))) {
        // A replay, or a failure: these bytes belong to no row.
        forget(state, &photo_key).await;
    }
    stored.map(|(response, _)| response)
}

/// The answer, and whether a new row now names `photo_key`.
async fn record(
    state: &AppState,
    auth: &AuthUser,
    key: &IdempotencyKey,
    hash: &str,
    photo_key: &str,
    processed: &Processed,
) -> Result<(Response, bool)> {
    let mut tx = state.db.write.begin().await?;
    let claim =
        match idempotency::claim(&mut tx, auth.user_id, key, "POST", PHOTOS_PATH, hash).await? {
            Claim::Replay(response) => return Ok((response, false)),
            Claim::Fresh(claim) => claim,
        };
    let id = table::insert(
        &mut tx,
        auth.community_id,
        auth.user_id,
        photo_key,
        processed.width,
        processed.height,
        processed.full.len(),
        now_ms(),
    )
    .await?;
    let uploaded = PhotoUploaded {
        id,
        width: processed.width,
        height: processed.height,
    };
    let response = claim
        .complete(&mut tx, StatusCode::CREATED, &uploaded)
        .await?;
    tx.commit().await?;
    tracing::info!(
        photo_id = id,
        bytes = processed.full.len(),
        "photo uploaded"
    );
    Ok((response, true))
}

async fn put_both(state: &AppState, photo_key: &str, processed: &Processed) -> Result<()> {
    let store = state.photos.clone();
    let (key, full, thumb) = (
        photo_key.to_owned(),
        processed.full.clone(),
        processed.thumb.clone(),
    );
    tokio::task::spawn_blocking(move || {
        store.put(&thumb_key(&key), &thumb)?;
        store.put(&key, &full)
    })
    .await
    .map_err(AppError::internal)?
    .map_err(AppError::internal)
}

async fn forget(state: &AppState, photo_key: &str) {
    let store: std::sync::Arc<dyn PhotoStore> = state.photos.clone();
    let key = photo_key.to_owned();
    let _ = tokio::task::spawn_blocking(move || {
        let _ = store.delete(&thumb_key(&key));
        let _ = store.delete(&key);
    })
    .await;
}
