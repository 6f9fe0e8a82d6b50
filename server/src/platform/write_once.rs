//! A route's write done once per `Idempotency-Key`: the key is claimed in the
//! write transaction that does the work and completed with the answer before it commits
//! (`crate::platform::idempotency`). The use case runs on [`WriteOnce::tx`] in between.

use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;
use sqlx::{Any, Transaction};

use crate::platform::db::Db;
use crate::platform::error::Result;
use crate::platform::idempotency::{self, Claim, Fresh, IdempotencyKey};
use crate::platform::ids::UserId;

pub enum Begun {
    /// Answered before: send this, do nothing.
    Replay(Response),
    Fresh(WriteOnce),
}

/// A write transaction with the request's key claimed in it.
pub struct WriteOnce {
    pub tx: Transaction<'static, Any>,
    claim: Fresh,
}

impl WriteOnce {
    /// Begins the transaction and claims `key` for `method path` with `request` in it.
    pub async fn begin(
        db: &Db,
        user_id: UserId,
        key: &IdempotencyKey,
        method: &str,
        path: &str,
        request: &impl Serialize,
    ) -> Result<Begun> {
        let hash = idempotency::request_hash(method, path, request)?;
        let mut tx = db.write.begin().await?;
        match idempotency::claim(&mut tx, user_id.get(), key, method, path, &hash).await? {
            Claim::Replay(response) => Ok(Begun::Replay(response)),
            Claim::Fresh(claim) => Ok(Begun::Fresh(WriteOnce { tx, claim })),
        }
    }

    /// Stores `body` as the key's answer and commits.
    pub async fn answer(mut self, status: StatusCode, body: &impl Serialize) -> Result<Response> {
        let response = self.claim.complete(&mut self.tx, status, body).await?;
        self.tx.commit().await?;
        Ok(response)
    }

    /// Commits what was done although the request fails, giving the key back so a retry is
    /// checked afresh, not replayed.
    pub async fn commit_refused(mut self) -> Result<()> {
        self.claim.release(&mut self.tx).await?;
        self.tx.commit().await?;
        Ok(())
    }
}
