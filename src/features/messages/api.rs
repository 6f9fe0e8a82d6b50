//! This feature's calls, all through the one API client. Reading and preferences mean the same
//! however often they arrive; the webhook's writes carry an Idempotency-Key the caller keeps
//! until the server has answered.

use linli_api_types::{
    DeliveryStatus, MessagePage, MessagePrefs, ReadAll, UnreadCount, WebhookDelivery, WebhookDeliveryPage, WebhookSecret,
    WebhookSettings, WebhookUpdate,
};
use serde::Deserialize;

use crate::api::{Api, ApiError, IdempotencyKey};

/// Newest first; `cursor` is the previous page's `next_cursor`.
pub async fn page(api: Api, cursor: Option<String>) -> Result<MessagePage, ApiError> {
    match cursor {
        Some(cursor) => api.get(&format!("/messages?cursor={}", js_sys::encode_uri_component(&cursor))).await,
        None => api.get("/messages").await,
    }
}

pub async fn unread(api: Api) -> Result<UnreadCount, ApiError> {
    api.get("/messages/unread").await
}

pub async fn read(api: Api, id: i64) -> Result<(), ApiError> {
    api.post_repeatable_empty(&format!("/messages/{id}/read")).await
}

/// Everything up to `up_to`, the newest shown: one that came meanwhile stays unread.
pub async fn read_all(api: Api, up_to: i64) -> Result<(), ApiError> {
    api.post_repeatable_silent("/messages/read-all", &ReadAll { up_to }).await
}

pub async fn prefs(api: Api) -> Result<MessagePrefs, ApiError> {
    api.get("/messages/preferences").await
}

pub async fn save_prefs(api: Api, prefs: &MessagePrefs) -> Result<MessagePrefs, ApiError> {
    api.put_repeatable("/messages/preferences", prefs).await
}

pub async fn webhook(api: Api) -> Result<WebhookSettings, ApiError> {
    api.get("/community/webhook").await
}

/// What saving the webhook answers: its secret the first time (shown once), else the settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Saved {
    Created(WebhookSecret),
    Updated(WebhookSettings),
}

pub async fn save_webhook(api: Api, update: &WebhookUpdate, key: &IdempotencyKey) -> Result<Saved, ApiError> {
    api.put_retrying("/community/webhook", update, key).await
}

pub async fn rotate_secret(api: Api, key: &IdempotencyKey) -> Result<WebhookSecret, ApiError> {
    api.post_retrying("/community/webhook/secret", &serde_json::json!({}), key).await
}

pub async fn send_test(api: Api, key: &IdempotencyKey) -> Result<WebhookDelivery, ApiError> {
    api.post_retrying("/community/webhook/test", &serde_json::json!({}), key).await
}

/// Newest first; `cursor` is the previous page's `next_cursor`.
pub async fn deliveries(api: Api, status: DeliveryStatus, cursor: Option<String>) -> Result<WebhookDeliveryPage, ApiError> {
    let path = format!("/community/webhook/deliveries?status={}", status.as_str());
    match cursor {
        Some(cursor) => api.get(&format!("{path}&cursor={}", js_sys::encode_uri_component(&cursor))).await,
        None => api.get(&path).await,
    }
}

/// A dead delivery back in the queue, due now; it answers as it now is.
pub async fn retry(api: Api, id: i64, key: &IdempotencyKey) -> Result<WebhookDelivery, ApiError> {
    api.post_retrying(&format!("/community/webhook/deliveries/{id}/retry"), &serde_json::json!({}), key).await
}
