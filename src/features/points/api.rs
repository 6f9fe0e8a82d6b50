//! This feature's calls, all through the one API client. Redeeming, marking a voucher used and
//! corrections go out with an idempotency key, so a retry never spends points twice.

use linli_api_types::{
    LeaderboardPeriod, Leaderboard, LedgerPage, PointsSummary, Reward, Voucher,
};
use serde::Serialize;

use crate::api::{Api, ApiError, IdempotencyKey};

pub async fn summary(api: Api) -> Result<PointsSummary, ApiError> {
    api.get("/me/points").await
}

pub async fn ledger(api: Api, cursor: Option<String>) -> Result<LedgerPage, ApiError> {
    match cursor {
        Some(cursor) => api.get(&format!("/me/ledger?cursor={}", js_sys::encode_uri_component(&cursor))).await,
        None => api.get("/me/ledger").await,
    }
}

pub async fn rewards(api: Api) -> Result<Vec<Reward>, ApiError> {
    api.get("/rewards").await
}

#[derive(Serialize)]
struct Empty {}

pub async fn redeem(api: Api, reward_id: i64, key: IdempotencyKey) -> Result<Voucher, ApiError> {
    api.post_retrying(&format!("/rewards/{reward_id}/redemptions"), &Empty {}, &key).await
}

pub async fn vouchers(api: Api) -> Result<Vec<Voucher>, ApiError> {
    api.get("/me/vouchers").await
}

pub async fn leaderboard(api: Api, period: LeaderboardPeriod) -> Result<Leaderboard, ApiError> {
    api.get(&format!("/leaderboard?period={}", period.as_str())).await
}

/// Staff: what a code names, before handing the reward over.
pub async fn voucher_by_code(api: Api, code: &str) -> Result<Voucher, ApiError> {
    api.get(&format!("/vouchers/{}", js_sys::encode_uri_component(code))).await
}

/// Staff: the reward is handed over. Marking twice changes nothing.
pub async fn mark_used(api: Api, code: String, key: IdempotencyKey) -> Result<Voucher, ApiError> {
    api.put_retrying(&format!("/vouchers/{}/used", js_sys::encode_uri_component(&code)), &Empty {}, &key).await
}
