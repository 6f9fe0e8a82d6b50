//! 积分管理 beyond corrections: the community's love-bank policy (`/api/v1/community/policy`)
//! and the audit of corrections and large credits (`/api/v1/points/audit`).

use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use linli_api_types::{
    AuditPerson, PointsAudit, PointsPolicy, PolicyChange, PolicyRequest, Problem, Role,
    APPROVAL_THRESHOLD_MAX, APPROVAL_THRESHOLD_MIN, POINTS_PER_HOUR_MAX, POINTS_PER_HOUR_MIN,
};
use serde::Deserialize;

use crate::auth::AuthUser;
use crate::db::now_ms;
use crate::error::{AppError, FieldIssue, Result, Rule};
use crate::extract::ApiJson;
use crate::http::corrections::page_limit;
use crate::policy::{self, Policy};
use crate::state::AppState;
use crate::{points, points_audit};

/// How many policy changes the audit shows.
const POLICY_CHANGES_SHOWN: u32 = 20;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/community/policy", get(read_policy).put(set_policy))
        .route("/api/v1/points/audit", get(audit))
}

fn time(ms: i64) -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp_millis(ms).unwrap_or(DateTime::<Utc>::MAX_UTC)
}

async fn current_policy(state: &AppState, community_id: i64) -> Result<PointsPolicy> {
    Ok(
        match policy::load_row(&state.db.read, community_id).await? {
            Some(row) => PointsPolicy {
                points_per_hour: row.points_per_hour,
                correction_approval_threshold: row.correction_approval_threshold,
                is_default: false,
                updated_by: row.updated_by.map(|id| AuditPerson {
                    id,
                    name: row.updater_name.unwrap_or_default(),
                }),
                updated_at: Some(time(row.updated_at)),
            },
            None => {
                let defaults = Policy::default();
                PointsPolicy {
                    points_per_hour: defaults.points_per_hour,
                    correction_approval_threshold: defaults.correction_approval_threshold,
                    is_default: true,
                    updated_by: None,
                    updated_at: None,
                }
            }
        },
    )
}

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
    Ok(Json(current_policy(&state, auth.community_id).await?))
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
    auth.require(auth.holds(Role::Staff))?;
    let mut issues = Vec::new();
    for (field, value, min, max) in [
        (
            "points_per_hour",
            request.points_per_hour,
            POINTS_PER_HOUR_MIN,
            POINTS_PER_HOUR_MAX,
        ),
        (
            "correction_approval_threshold",
            request.correction_approval_threshold,
            APPROVAL_THRESHOLD_MIN,
            APPROVAL_THRESHOLD_MAX,
        ),
    ] {
        if !(min..=max).contains(&value) {
            issues.push(FieldIssue::new(field, Rule::OutOfRange { min, max }));
        }
    }
    if !issues.is_empty() {
        return Err(AppError::Validation(issues));
    }
    let policy = Policy {
        points_per_hour: request.points_per_hour,
        correction_approval_threshold: request.correction_approval_threshold,
    };
    // Staff hold their grant over their own community (`auth.community_id`).
    let mut tx = state.db.write.begin().await?;
    policy::save(&mut tx, auth.community_id, policy, auth.user_id, now_ms()).await?;
    tx.commit().await?;
    Ok(Json(current_policy(&state, auth.community_id).await?))
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
    auth.require(auth.holds(Role::Staff))?;
    let Query(params) = params
        .map_err(|_| AppError::Validation(vec![FieldIssue::new("query", Rule::BadFormat)]))?;
    let mut issues = Vec::new();
    let limit = page_limit(params.limit.as_deref(), &mut issues);
    let after = match params.cursor.as_deref() {
        None | Some("") => None,
        Some(raw) => {
            let cursor = points_audit::decode_cursor(raw);
            if cursor.is_none() {
                issues.push(FieldIssue::new("cursor", Rule::BadFormat));
            }
            cursor
        }
    };
    if !issues.is_empty() {
        return Err(AppError::Validation(issues));
    }
    let community_id = auth.community_id;
    let threshold = policy::load(&state.db.read, community_id)
        .await?
        .correction_approval_threshold;
    let (items, next_cursor) =
        points_audit::items(&state.db, community_id, threshold, after, limit).await?;
    let month =
        points_audit::month_created(&state.db, community_id, points::month_start(now_ms())).await?;
    let policy_changes = policy::changes(&state.db.read, community_id, POLICY_CHANGES_SHOWN)
        .await?
        .into_iter()
        .map(|row| PolicyChange {
            points_per_hour: row.points_per_hour,
            correction_approval_threshold: row.correction_approval_threshold,
            changed_by: AuditPerson {
                id: row.changed_by,
                name: row.changer_name,
            },
            changed_at: time(row.changed_at),
        })
        .collect();
    Ok(Json(PointsAudit {
        threshold,
        month,
        policy_changes,
        items,
        next_cursor,
    }))
}
