//! 礼品管理's calls, through the one API client. A create and an edit carry the key their form
//! keeps: an edit changes the stock by a difference, so it must not happen twice.

use linli_api_types::{ManagedReward, RetireRequest, RewardEdit, RewardRequest};

use crate::api::{Api, ApiError, IdempotencyKey};

pub async fn list(api: Api) -> Result<Vec<ManagedReward>, ApiError> {
    api.get("/manage/rewards").await
}

pub async fn create(api: Api, request: RewardRequest, key: IdempotencyKey) -> Result<ManagedReward, ApiError> {
    api.post_retrying("/manage/rewards", &request, &key).await
}

pub async fn edit(api: Api, id: i64, request: RewardEdit, key: IdempotencyKey) -> Result<ManagedReward, ApiError> {
    api.put_retrying(&format!("/manage/rewards/{id}"), &request, &key).await
}

pub async fn set_retired(api: Api, id: i64, retired: bool) -> Result<ManagedReward, ApiError> {
    api.put_repeatable(&format!("/manage/rewards/{id}/retired"), &RetireRequest { retired }).await
}
