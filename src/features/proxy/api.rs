//! This feature's calls, all through the one API client.

use linli_api_types::{ProxyResident, ProxyResidents, ProxyStart, ProxyTargetKind, SessionGrant};

use crate::api::{Api, ApiError};

/// Residents of the signed-in head's or staff member's scope whose name contains `query`.
pub async fn residents(api: Api, query: &str) -> Result<ProxyResidents, ApiError> {
    match query.trim() {
        "" => api.get("/proxy/residents").await,
        query => api.get(&format!("/proxy/residents?q={}", js_sys::encode_uri_component(query))).await,
    }
}

pub async fn resident(api: Api, kind: ProxyTargetKind, id: i64) -> Result<ProxyResident, ApiError> {
    api.get(&format!("/proxy/residents/{}/{id}", kind.as_str())).await
}

/// Starting is tried once: a retry would open a second session (and end the first), so a
/// failure is for the one acting, who is watching, to see and tap again.
pub async fn start(api: Api, kind: ProxyTargetKind, id: i64) -> Result<SessionGrant, ApiError> {
    api.post_single_try("/proxy/sessions", &ProxyStart { kind, id }).await
}

/// Ends 代办 on the server; the app ends it on the phone whatever the answer.
pub async fn end(api: Api) -> Result<(), ApiError> {
    api.delete_single_try("/proxy/current").await
}
