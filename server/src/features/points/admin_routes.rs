//! 积分管理 beyond corrections: the community's love-bank policy (`/api/v1/community/policy`)
//! and the audit of corrections and large credits (`/api/v1/points/audit`).

use axum::extract::{Query, State};
use axum::Json;
use linli_api_types::{PointsAudit, PointsPolicy, PolicyRequest, Problem};
use serde::Deserialize;

use crate::features::points::audit as points_audit;
use crate::features::points::policy_settings;
use crate::features::points::staff::Staff;
use crate::features::points::wire::{cursor_param, page_limit};
use crate::platform::auth::AuthUser;
use crate::platform::db::now_ms;
use crate::platform::error::{AppError, FieldIssue, Result, Rule};
use crate::platform::extract::ApiJson;
use crate::platform::ids::CommunityId;
use crate::state::AppState;

/// The community's love-bank policy. Every member may read it: how points are earned is no
/// secret, and organisers need the hourly rate to set a task's points.
#[utoipa::path(
    get,
    path = "/api/v1/community/policy",
    tag = "points",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Points per hour of a task, the correction approval threshold, and who set them when (defaults 20 and 200 until staff set one)", body = PointsPolicy),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
pub async fn read_policy(
    State(state): State<AppState>,
    auth: AuthUser,
) -> Result<Json<PointsPolicy>> {
    Ok(Json(
        policy_settings::current(&state.db, CommunityId(auth.community_id)).await?,
    ))
}

/// Staff set their community's policy. Every change is kept with who made it and when, and the
/// audit lists them.
#[utoipa::path(
    put,
    path = "/api/v1/community/policy",
    tag = "points",
    security(("bearer" = [])),
    request_body = PolicyRequest,
    responses(
        (status = 200, description = "The policy now in force", body = PointsPolicy),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`points_per_hour` out_of_range (1–200), `correction_approval_threshold` out_of_range (0–10000)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
pub async fn set_policy(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(request): ApiJson<PolicyRequest>,
) -> Result<Json<PointsPolicy>> {
    let staff = Staff::of(&auth)?;
    Ok(Json(
        policy_settings::set(&state.db, &staff, &request, now_ms()).await?,
    ))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditParams {
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
    /// Items per page, 1–50; 20 when absent or empty.
    #[param(schema_with = linli_api_types::audit_page_limit_schema)]
    limit: Option<String>,
}

/// 积分管理's audit, for staff of the community: every correction and every credit above the
/// threshold, newest first, with who did it and who approved; points created this month by
/// source; the latest policy changes.
#[utoipa::path(
    get,
    path = "/api/v1/points/audit",
    tag = "points",
    security(("bearer" = [])),
    params(AuditParams),
    responses(
        (status = 200, description = "Audit lines (members and staff by full name), this month's created points by source, policy changes", body = PointsAudit),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Bad `cursor` or `limit`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
pub async fn audit(
    State(state): State<AppState>,
    auth: AuthUser,
    params: std::result::Result<Query<AuditParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<PointsAudit>> {
    let staff = Staff::of(&auth)?;
    let Query(params) = params
        .map_err(|_| AppError::Validation(vec![FieldIssue::new("query", Rule::BadFormat)]))?;
    let mut issues = Vec::new();
    let limit = page_limit(params.limit.as_deref(), &mut issues);
    let after = cursor_param(
        params.cursor.as_deref(),
        points_audit::decode_cursor,
        &mut issues,
    );
    if !issues.is_empty() {
        return Err(AppError::Validation(issues));
    }
    Ok(Json(
        points_audit::audit(&state.db, &staff, after, limit, now_ms()).await?,
    ))
}
