//! A notice being written, kept in localStorage on every keystroke so a reload, a dead battery
//! or a failed send loses nothing. The idempotency key lives with it: resending the same draft
//! after an unclear failure can never post it twice.

use linli_api_types::{Notice, NoticeCategory};
use serde::{Deserialize, Serialize};

use crate::api::IdempotencyKey;
use crate::i18n::time;
use crate::storage;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub title: String,
    pub body: String,
    pub category: NoticeCategory,
    /// "kind:id" of the chosen target, as the `<select>` holds it.
    pub target: String,
    /// `datetime-local` values, Shanghai time; empty when not set.
    pub pinned_until: String,
    pub expires_at: String,
    /// 重要通知: everyone it reaches is also told in 消息. Drafts kept before it existed read false.
    #[serde(default)]
    pub important: bool,
    pub key: IdempotencyKey,
}

impl Default for Draft {
    fn default() -> Self {
        Self {
            title: String::new(),
            body: String::new(),
            category: NoticeCategory::Other,
            target: String::new(),
            pinned_until: String::new(),
            expires_at: String::new(),
            important: false,
            key: IdempotencyKey::new(),
        }
    }
}

impl Draft {
    pub fn of(notice: &Notice) -> Self {
        Self {
            title: notice.title.clone(),
            body: notice.body.clone(),
            category: notice.category,
            target: format!("{}:{}", notice.target.kind.as_str(), notice.target.id),
            pinned_until: notice.pinned_until.map(time::to_local_input).unwrap_or_default(),
            expires_at: notice.expires_at.map(time::to_local_input).unwrap_or_default(),
            important: notice.important,
            key: IdempotencyKey::new(),
        }
    }
}

/// Where a draft is kept: one for a new notice, one per notice being edited.
pub fn storage_key(editing: Option<i64>) -> String {
    match editing {
        Some(id) => format!("linli.draft.notice.{id}"),
        None => "linli.draft.notice.new".to_owned(),
    }
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
