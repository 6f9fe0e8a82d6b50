//! A wish being written, kept on the phone on every keystroke (as a task or notice draft), so a
//! reload, a failed send or signing in again loses nothing. It is kept per person: a head's own
//! draft and one written for a resident by 代办 never mix. The idempotency key lives with it,
//! so sending the same draft again after an unclear failure never posts it twice.

use serde::{Deserialize, Serialize};

use crate::api::IdempotencyKey;
use crate::storage;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub title: String,
    pub text: String,
    pub key: IdempotencyKey,
}

impl Default for Draft {
    fn default() -> Self {
        Self { title: String::new(), text: String::new(), key: IdempotencyKey::new() }
    }
}

fn storage_key(user_id: i64) -> String {
    format!("linli.draft.wish.{user_id}")
}

pub fn load(user_id: i64) -> Option<Draft> {
    storage::load_json(&storage_key(user_id))
}

pub fn save(user_id: i64, draft: &Draft) {
    storage::save_json(&storage_key(user_id), draft);
}

pub fn discard(user_id: i64) {
    storage::remove(&storage_key(user_id));
}
