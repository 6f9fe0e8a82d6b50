//! A task being written, kept in localStorage on every keystroke like a notice draft, so a
//! reload or a failed send loses nothing. The idempotency key lives with it: sending the same
//! draft again after an unclear failure can never post the task twice.

use linli_api_types::TaskCategory;
use serde::{Deserialize, Serialize};

use crate::api::IdempotencyKey;
use crate::storage;

const STORAGE_KEY: &str = "linli.draft.task.new";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub title: String,
    pub description: String,
    pub category: TaskCategory,
    pub place: String,
    /// `datetime-local` values, Shanghai time.
    pub starts_at: String,
    pub ends_at: String,
    /// As typed, so a half-typed number survives a reload.
    pub capacity: String,
    pub points: String,
    /// "kind:id" of the chosen scope, as the `<select>` holds it.
    pub target: String,
    pub key: IdempotencyKey,
}

impl Default for Draft {
    fn default() -> Self {
        Self {
            title: String::new(),
            description: String::new(),
            category: TaskCategory::Environment,
            place: String::new(),
            starts_at: String::new(),
            ends_at: String::new(),
            capacity: "10".to_owned(),
            points: "20".to_owned(),
            target: String::new(),
            key: IdempotencyKey::new(),
        }
    }
}

pub fn load() -> Option<Draft> {
    storage::load_json(STORAGE_KEY)
}

pub fn save(draft: &Draft) {
    storage::save_json(STORAGE_KEY, draft);
}

pub fn discard() {
    storage::remove(STORAGE_KEY);
}
