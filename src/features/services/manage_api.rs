//! 服务管理's calls, through the one API client. A new service goes out with the key its draft
//! keeps, so a retry never adds it twice; an edit and a pause replace what is there and are
//! retried as they are.

use linli_api_types::{ManagedService, PauseRequest, ServiceAdmin, ServiceRequest};

use crate::api::{Api, ApiError, IdempotencyKey};

pub async fn admin(api: Api) -> Result<ServiceAdmin, ApiError> {
    api.get("/manage/services").await
}

pub async fn create(api: Api, request: ServiceRequest, key: IdempotencyKey) -> Result<ManagedService, ApiError> {
    api.post_retrying("/manage/services", &request, &key).await
}

pub async fn edit(api: Api, id: i64, request: ServiceRequest) -> Result<ManagedService, ApiError> {
    api.put_repeatable(&format!("/manage/services/{id}"), &request).await
}

pub async fn set_paused(api: Api, id: i64, paused: bool) -> Result<ManagedService, ApiError> {
    api.put_repeatable(&format!("/manage/services/{id}/paused"), &PauseRequest { paused }).await
}
