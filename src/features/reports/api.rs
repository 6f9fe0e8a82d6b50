//! This feature's calls, all through the one API client. Writes carry an Idempotency-Key the
//! caller keeps until the server has answered, so a resend after silence never acts twice.

use linli_api_types::{
    JoinPlaces, PhotoUploaded, ReportCategory, ReportDashboard, ReportDraft, ReportFollowUp, ReportLocation,
    ReportPage, ReportRating, ReportReply, ReportResolve, ReportSettings, ReportSummary, ReportTransfer, ReportView, SimilarReports,
    TransferOption,
};

use crate::api::{Api, ApiError, IdempotencyKey};

/// The shrunk photo's bytes (JPEG), stored unattached until the report names it.
pub async fn upload_photo(api: Api, jpeg: &[u8], key: &IdempotencyKey) -> Result<PhotoUploaded, ApiError> {
    api.post_bytes_retrying("/photos", jpeg, "image/jpeg", key).await
}

pub async fn send(api: Api, draft: &ReportDraft, key: &IdempotencyKey) -> Result<ReportView, ApiError> {
    api.post_retrying("/reports", draft, key).await
}

/// Open reports of the same place and category, shown before a duplicate is sent.
pub async fn similar(api: Api, category: ReportCategory, location: ReportLocation) -> Result<SimilarReports, ApiError> {
    let place = match location {
        ReportLocation::Home => "location=home".to_owned(),
        ReportLocation::Community => "location=community".to_owned(),
        ReportLocation::Building { building_id } => format!("location=building&building_id={building_id}"),
    };
    api.get(&format!("/reports/similar?category={}&{place}", category.as_str())).await
}

/// The community's buildings, for 选择楼栋 (the list sign-up offers; the app's own community).
pub async fn places(api: Api) -> Result<JoinPlaces, ApiError> {
    api.get("/join/places").await
}

/// Which list: 我的反映, 待我处理.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Mine,
    Inbox,
}

pub async fn list(api: Api, which: List, after: Option<String>) -> Result<ReportPage, ApiError> {
    let base = match which {
        List::Mine => "/reports/mine",
        List::Inbox => "/reports/inbox",
    };
    // Keyset cursors are URL-safe: they go into the query as they are.
    let path = match after {
        Some(after) => format!("{base}?after={after}"),
        None => base.to_owned(),
    };
    api.get(&path).await
}

pub async fn report(api: Api, id: i64) -> Result<ReportView, ApiError> {
    api.get(&format!("/reports/{id}")).await
}

pub async fn transfer_options(api: Api, id: i64) -> Result<Vec<TransferOption>, ApiError> {
    api.get(&format!("/reports/{id}/transfer-options")).await
}

/// One step on a report, as the person acting asks for it.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Support,
    Acknowledge,
    Reply(ReportReply),
    Transfer(ReportTransfer),
    Resolve(ReportResolve),
    FollowUp(ReportFollowUp),
    Rate(ReportRating),
}

impl Step {
    /// Its name, under which its key is kept and its button shows how it went.
    pub fn name(&self) -> &'static str {
        match self {
            Step::Support => "support",
            Step::Acknowledge => "acknowledge",
            Step::Reply(_) => "reply",
            Step::Transfer(_) => "transfer",
            Step::Resolve(_) => "resolve",
            Step::FollowUp(_) => "follow-up",
            Step::Rate(_) => "rating",
        }
    }
}

/// 我也遇到了: answers the report's summary with the household counted.
pub async fn support(api: Api, id: i64, key: &IdempotencyKey) -> Result<ReportSummary, ApiError> {
    api.post_retrying(&format!("/reports/{id}/support"), &serde_json::json!({}), key).await
}

pub async fn step(api: Api, id: i64, step: Step, key: IdempotencyKey) -> Result<ReportView, ApiError> {
    let path = format!("/reports/{id}/{}", step.name());
    let empty = serde_json::json!({});
    match step {
        // The answer is the summary: the page reads the whole report again.
        Step::Support => {
            support(api, id, &key).await?;
            report(api, id).await
        }
        Step::Acknowledge => api.post_retrying(&path, &empty, &key).await,
        Step::Reply(body) => api.post_retrying(&path, &body, &key).await,
        Step::Transfer(body) => api.post_retrying(&path, &body, &key).await,
        Step::Resolve(body) => api.post_retrying(&path, &body, &key).await,
        Step::FollowUp(body) => api.post_retrying(&path, &body, &key).await,
        Step::Rate(body) => api.post_retrying(&path, &body, &key).await,
    }
}

pub async fn dashboard(api: Api) -> Result<ReportDashboard, ApiError> {
    api.get("/reports/dashboard").await
}

pub async fn settings(api: Api) -> Result<ReportSettings, ApiError> {
    api.get("/reports/settings").await
}

/// Replaces the community's settings: the same body twice leaves the same.
pub async fn save_settings(api: Api, settings: &ReportSettings) -> Result<ReportSettings, ApiError> {
    api.put_repeatable("/reports/settings", settings).await
}
