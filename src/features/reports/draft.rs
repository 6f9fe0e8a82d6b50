//! The report being written, kept on the phone on every change so a reload, a lift or a
//! failed send loses nothing; sent once when the phone is back online.
//!
//! The text goes in one small JSON entry rewritten as the user types; each shrunk photo
//! (~150 KB, ~200 KB as base64) in an entry of its own, written once when it is added, so
//! typing does not rewrite half a megabyte per key. localStorage holds about 5 MB in all and
//! may refuse: a photo that does not fit is kept in memory only, and the page says so.
//!
//! Every Idempotency-Key lives here too, the report's and each photo's: a resend after a
//! reload or an unclear failure is the same request, never a second report or photo.

use serde::{Deserialize, Serialize};

use crate::api::IdempotencyKey;
use crate::storage;

const DRAFT: &str = "linli.draft.report";
const PHOTO_PREFIX: &str = "linli.draft.report.photo.";

/// Where the problem is, as the form holds it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Where {
    #[default]
    Home,
    Building,
    Community,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub category: Option<linli_api_types::ReportCategory>,
    pub text: String,
    pub place: Where,
    pub building_id: Option<i64>,
    pub place_note: String,
    pub show_name: bool,
    pub photos: Vec<DraftPhoto>,
    pub key: IdempotencyKey,
    /// The resident pressed 提交: the page sends it again when it next opens (the phone was
    /// offline, or the page was closed before the answer came).
    #[serde(default)]
    pub submitted: bool,
}

/// A photo of the draft: its own key (its bytes are under [`photo_storage_key`]) and, once the
/// server has it, its id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftPhoto {
    pub key: IdempotencyKey,
    pub uploaded: Option<i64>,
}

pub fn load() -> Option<Draft> {
    storage::load_json(DRAFT)
}

pub fn save(draft: &Draft) {
    storage::save_json(DRAFT, draft);
}

fn photo_storage_key(key: &IdempotencyKey) -> String {
    format!("{PHOTO_PREFIX}{}", key.as_str())
}

/// Keeps a photo's bytes; false when the phone's storage refused them (full, private mode).
pub fn keep_photo(key: &IdempotencyKey, jpeg: &[u8]) -> bool {
    let Some(local) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else {
        return false;
    };
    local.set_item(&photo_storage_key(key), &super::photo::to_base64(jpeg)).is_ok()
}

pub fn load_photo(key: &IdempotencyKey) -> Option<Vec<u8>> {
    storage::load(&photo_storage_key(key)).and_then(|text| super::photo::from_base64(&text))
}

pub fn forget_photo(key: &IdempotencyKey) {
    storage::remove(&photo_storage_key(key));
}

/// The report went through (or the resident threw it away): nothing of it stays.
pub fn discard(draft: &Draft) {
    for photo in &draft.photos {
        forget_photo(&photo.key);
    }
    storage::remove(DRAFT);
}
