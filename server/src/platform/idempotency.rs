//! `Idempotency-Key` for writes that must happen once however often they are sent (a notice, a
//! task join, an order). The key is claimed in the write transaction that does the work and
//! completed with the answer before it commits, so:
//!
//! - the same key with the same request replays the stored status and body, nothing is redone;
//! - the same key with a different request is refused (422 `idempotency_key_reused`);
//! - two concurrent identical requests do the work once: on PostgreSQL the second INSERT waits
//!   for the first transaction and then sees its row; on SQLite writers are serialized anyway.
//!
//! ```ignore
//! let mut tx = state.db.write.begin().await?;
//! let claim = match idempotency::claim(&mut tx, auth.user_id, &key, "POST", PATH, &hash).await? {
//!     Claim::Replay(answer) => return Ok(answer),
//!     Claim::Fresh(claim) => claim,
//! };
//! /* … the work, on &mut tx … */
//! let response = claim.complete(&mut tx, StatusCode::CREATED, &created).await?;
//! tx.commit().await?;
//! ```

use axum::extract::FromRequestParts;
use axum::http::header::CONTENT_TYPE;
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::AnyConnection;

use crate::platform::db::{now_ms, Db};
use crate::platform::error::{AppError, Result};

pub const HEADER: &str = "Idempotency-Key";
/// Set on a replayed answer.
pub const REPLAYED_HEADER: &str = "Idempotent-Replayed";
pub const MAX_KEY_LEN: usize = 100;
/// Stored answers older than this are forgotten at start.
pub const KEEP_MS: i64 = 7 * 24 * 60 * 60 * 1000;

/// The request's `Idempotency-Key`, if it sent one: 1–100 visible ASCII characters, otherwise
/// 400 `bad_idempotency_key`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyKey(pub Option<String>);

impl IdempotencyKey {
    pub fn parse(value: &[u8]) -> Result<Self> {
        let valid = !value.is_empty()
            && value.len() <= MAX_KEY_LEN
            && value.iter().all(|b| b.is_ascii_graphic());
        if valid {
            Ok(Self(Some(String::from_utf8_lossy(value).into_owned())))
        } else {
            Err(AppError::BadIdempotencyKey)
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for IdempotencyKey {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self> {
        let mut values = parts.headers.get_all(HEADER).iter();
        match (values.next(), values.next()) {
            (None, _) => Ok(Self(None)),
            (Some(value), None) => Self::parse(value.as_bytes()),
            (Some(_), Some(_)) => Err(AppError::BadIdempotencyKey),
        }
    }
}

/// What identifies "the same request": method, path and the request as parsed, SHA-256 in hex.
pub fn request_hash(method: &str, path: &str, request: &impl Serialize) -> Result<String> {
    let body = serde_json::to_vec(request).map_err(AppError::internal)?;
    let mut hasher = Sha256::new();
    hasher.update(method.as_bytes());
    hasher.update([0]);
    hasher.update(path.as_bytes());
    hasher.update([0]);
    hasher.update(&body);
    Ok(hex::encode(hasher.finalize()))
}

pub enum Claim {
    /// Do the work, then [`Fresh::complete`] in the same transaction.
    Fresh(Fresh),
    /// Answered before: send this, do nothing.
    Replay(Response),
}

/// A claimed key (or no key at all), waiting for the answer to store.
pub struct Fresh {
    row_id: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct StoredRow {
    method: String,
    path: String,
    request_hash: String,
    status: i64,
    response_body: String,
}

/// Claims `key` for this request inside `tx`, or finds the answer it already has.
pub async fn claim(
    tx: &mut AnyConnection,
    user_id: i64,
    key: &IdempotencyKey,
    method: &str,
    path: &str,
    request_hash: &str,
) -> Result<Claim> {
    let Some(key) = &key.0 else {
        return Ok(Claim::Fresh(Fresh { row_id: None }));
    };
    let claimed: Option<i64> = sqlx::query_scalar(
        "INSERT INTO idempotency_keys \
            (user_id, key, method, path, request_hash, status, response_body, created_at) \
         VALUES ($1, $2, $3, $4, $5, 0, '', $6) \
         ON CONFLICT (user_id, key) DO NOTHING RETURNING id",
    )
    .bind(user_id)
    .bind(key.as_str())
    .bind(method)
    .bind(path)
    .bind(request_hash)
    .bind(now_ms())
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(row_id) = claimed {
        return Ok(Claim::Fresh(Fresh {
            row_id: Some(row_id),
        }));
    }
    let stored: StoredRow = sqlx::query_as(
        "SELECT method, path, request_hash, status, response_body FROM idempotency_keys \
         WHERE user_id = $1 AND key = $2",
    )
    .bind(user_id)
    .bind(key.as_str())
    .fetch_one(&mut *tx)
    .await?;
    let same =
        stored.method == method && stored.path == path && stored.request_hash == request_hash;
    let status = u16::try_from(stored.status)
        .ok()
        .and_then(|status| StatusCode::from_u16(status).ok());
    match status {
        Some(status) if same => Ok(Claim::Replay(json_response(
            status,
            stored.response_body,
            true,
        ))),
        _ => Err(AppError::IdempotencyKeyReused),
    }
}

impl Fresh {
    /// Stores the answer with the key (in `tx`, before it commits) and returns it as a response.
    pub async fn complete(
        self,
        tx: &mut AnyConnection,
        status: StatusCode,
        body: &impl Serialize,
    ) -> Result<Response> {
        let body = serde_json::to_string(body).map_err(AppError::internal)?;
        if let Some(row_id) = self.row_id {
            sqlx::query(
                "UPDATE idempotency_keys SET status = $1, response_body = $2 WHERE id = $3",
            )
            .bind(i64::from(status.as_u16()))
            .bind(body.as_str())
            .bind(row_id)
            .execute(&mut *tx)
            .await?;
        }
        Ok(json_response(status, body, false))
    }

    /// Gives the key back in `tx` when the request fails yet its transaction commits (a wrong
    /// check-in code is recorded): a retry is then checked afresh, not replayed.
    pub async fn release(self, tx: &mut AnyConnection) -> Result<()> {
        if let Some(row_id) = self.row_id {
            sqlx::query("DELETE FROM idempotency_keys WHERE id = $1")
                .bind(row_id)
                .execute(&mut *tx)
                .await?;
        }
        Ok(())
    }
}

fn json_response(status: StatusCode, body: String, replayed: bool) -> Response {
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    if replayed {
        headers.insert(REPLAYED_HEADER, HeaderValue::from_static("true"));
    }
    response
}

/// Forgets answers older than [`KEEP_MS`]; called at start and hourly (server/src/platform/housekeeping.rs).
pub async fn prune_old_keys(db: &Db) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM idempotency_keys WHERE created_at < $1")
        .bind(now_ms() - KEEP_MS)
        .execute(&db.write)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_one_to_a_hundred_visible_ascii_characters() {
        assert!(IdempotencyKey::parse(b"a1b2-c3").is_ok());
        assert!(IdempotencyKey::parse("k".repeat(100).as_bytes()).is_ok());
        assert!(IdempotencyKey::parse(b"").is_err());
        assert!(IdempotencyKey::parse("k".repeat(101).as_bytes()).is_err());
        assert!(IdempotencyKey::parse(b"has space").is_err());
        assert!(IdempotencyKey::parse("键".as_bytes()).is_err());
    }

    #[test]
    fn the_hash_depends_on_method_path_and_request() {
        let a = request_hash("POST", "/a", &serde_json::json!({"x": 1})).unwrap();
        assert_eq!(
            a,
            request_hash("POST", "/a", &serde_json::json!({"x": 1})).unwrap()
        );
        assert_ne!(
            a,
            request_hash("POST", "/a", &serde_json::json!({"x": 2})).unwrap()
        );
        assert_ne!(
            a,
            request_hash("POST", "/b", &serde_json::json!({"x": 1})).unwrap()
        );
    }
}
