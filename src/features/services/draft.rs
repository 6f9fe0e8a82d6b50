//! An order being filled in, kept in localStorage on every change so a reload or a failed send
//! loses nothing. The idempotency key lives with it: resending after an unclear failure can
//! never order twice.

use serde::{Deserialize, Serialize};

use crate::api::IdempotencyKey;
use crate::storage;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// The chosen slot's start (RFC 3339), or empty for 尽快安排.
    pub slot: String,
    pub address: String,
    pub phone: String,
    pub note: String,
    pub key: IdempotencyKey,
}

pub fn storage_key(service_id: i64) -> String {
    format!("linli.draft.order.{service_id}")
}

pub fn load(key: &str) -> Option<Draft> {
    storage::load_json(key)
}

pub fn save(key: &str, draft: &Draft) {
    storage::save_json(key, draft);
}

pub fn discard(key: &str) {
    storage::remove(key);
}
