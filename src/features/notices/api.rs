//! This feature's calls, all through the one API client.

use linli_api_types::{AuthoredPage, Notice, NoticeDraft, NoticePage, ReadReceipts, Scope};

use crate::api::{Api, ApiError, IdempotencyKey};

pub async fn page(api: Api, cursor: Option<String>) -> Result<NoticePage, ApiError> {
    match cursor {
        Some(cursor) => api.get(&format!("/notices?cursor={}", js_sys::encode_uri_component(&cursor))).await,
        None => api.get("/notices").await,
    }
}

/// For the 首页 tab's badge on pages that do not load the feed.
pub async fn unread_count(api: Api) -> Result<i64, ApiError> {
    api.get::<NoticePage>("/notices?limit=1").await.map(|page| page.unread_count)
}

pub async fn notice(api: Api, id: i64) -> Result<Notice, ApiError> {
    api.get(&format!("/notices/{id}")).await
}

pub async fn mark_read(api: Api, id: i64) -> Result<(), ApiError> {
    api.put_repeatable_empty(&format!("/notices/{id}/read")).await
}

pub async fn targets(api: Api) -> Result<Vec<Scope>, ApiError> {
    api.get("/notice-targets").await
}

pub async fn publish(api: Api, draft: NoticeDraft, key: IdempotencyKey) -> Result<Notice, ApiError> {
    api.post_retrying("/notices", &draft, &key).await
}

pub async fn update(api: Api, id: i64, draft: NoticeDraft) -> Result<Notice, ApiError> {
    api.put_repeatable(&format!("/notices/{id}"), &draft).await
}

pub async fn withdraw(api: Api, id: i64) -> Result<(), ApiError> {
    api.delete_repeatable(&format!("/notices/{id}")).await
}

/// 我发布的通知, a page at a time: the first without a cursor, then the page's `next_cursor`.
pub async fn authored(api: Api, cursor: Option<String>) -> Result<AuthoredPage, ApiError> {
    match cursor {
        Some(cursor) => api.get(&format!("/notices/authored?cursor={}", js_sys::encode_uri_component(&cursor))).await,
        None => api.get("/notices/authored").await,
    }
}

pub async fn receipts(api: Api, id: i64) -> Result<ReadReceipts, ApiError> {
    api.get(&format!("/notices/{id}/receipts")).await
}
