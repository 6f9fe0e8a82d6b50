//! Staff corrections 积分更正: `/api/v1/ledger/corrections` (ask; list) and
//! `/api/v1/ledger/corrections/{id}` (`/approve`, `/reject`; DELETE withdraws).
//! The rules are in the use cases beside this file and in docs/security.md (积分更正).

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use linli_api_types::{
    Correction, CorrectionPage, CorrectionRecord, CorrectionRequest, CorrectionStatus, Problem,
    RejectRequest, REJECT_REASON_MAX_CHARS,
};
use serde::Deserialize;

use crate::features::points::corrections::ask::{self, Asked};
use crate::features::points::corrections::decide::{self, Decision};
use crate::features::points::corrections::list as listing;
use crate::features::points::staff::Staff;
use crate::features::points::wire::{cursor_param, page_limit};
use crate::platform::auth::AuthUser;
use crate::platform::db::now_ms;
use crate::platform::error::{AppError, FieldIssue, Result, Rule};
use crate::platform::extract::{path_id, ApiJson, ApiPath};
use crate::platform::idempotency::{self, Claim, IdempotencyKey};
use crate::platform::text::TextField;
use crate::state::AppState;

const CORRECTIONS_PATH: &str = "/api/v1/ledger/corrections";

/// Staff correct a member's points with a reason: a new, audited transaction (never an edit),
/// or, above the community's threshold, a request a second staff member approves.
#[utoipa::path(
    post,
    path = "/api/v1/ledger/corrections",
    tag = "points",
    security(("bearer" = [])),
    request_body = CorrectionRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer")),
    responses(
        (status = 201, description = "Posted at once (within the threshold and the staff member's daily allowance of 5 × the threshold); the staff member is recorded as its actor", body = Correction),
        (status = 202, description = "Above the community's `correction_approval_threshold`, or beyond the daily allowance: stored as `pending`, no points moved until another staff member approves", body = CorrectionRecord),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A debit beyond the member's balance (`insufficient_points`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`amount` not_zero / out_of_range (±10000), `reason` required / too_long (200), `user_id` unknown (no such member in the staff member's community), own_account (不能给自己调整积分) or own_household", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
pub async fn correct(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiJson(request): ApiJson<CorrectionRequest>,
) -> Result<Response> {
    let staff = Staff::of(&auth)?;
    let checked = ask::check(&state.db, &staff, &request).await?;
    let hash = idempotency::request_hash("POST", CORRECTIONS_PATH, &request)?;
    let mut tx = state.db.write.begin().await?;
    let claim =
        match idempotency::claim(&mut tx, auth.user_id, &key, "POST", CORRECTIONS_PATH, &hash)
            .await?
        {
            Claim::Replay(response) => return Ok(response),
            Claim::Fresh(claim) => claim,
        };
    let response = match ask::ask(&mut tx, &staff, checked, now_ms()).await? {
        Asked::Pending(record) => {
            claim
                .complete(&mut tx, StatusCode::ACCEPTED, &record)
                .await?
        }
        Asked::Posted(correction) => {
            claim
                .complete(&mut tx, StatusCode::CREATED, &correction)
                .await?
        }
    };
    tx.commit().await?;
    Ok(response)
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CorrectionParams {
    /// `pending` (default), `posted`, `rejected` or `withdrawn`.
    #[param(pattern = r"^(|pending|posted|rejected|withdrawn)$")]
    status: Option<String>,
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
    /// Items per page, 1–50; 20 when absent or empty.
    #[param(schema_with = linli_api_types::audit_page_limit_schema)]
    limit: Option<String>,
}

/// The community's corrections in one status (待审批 by default), newest first: for staff.
#[utoipa::path(
    get,
    path = "/api/v1/ledger/corrections",
    tag = "points",
    security(("bearer" = [])),
    params(CorrectionParams),
    responses(
        (status = 200, description = "Corrections with member, requester, decider (full names) and whether the viewer may approve/reject (`can_decide`) or withdraw (`can_withdraw`)", body = CorrectionPage),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Bad `status`, `cursor` or `limit`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
pub async fn list(
    State(state): State<AppState>,
    auth: AuthUser,
    params: std::result::Result<Query<CorrectionParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<CorrectionPage>> {
    let staff = Staff::of(&auth)?;
    let Query(params) = params
        .map_err(|_| AppError::Validation(vec![FieldIssue::new("query", Rule::BadFormat)]))?;
    let mut issues = Vec::new();
    let status = match params.status.as_deref() {
        None | Some("") => CorrectionStatus::Pending,
        Some(raw) => CorrectionStatus::parse(raw).unwrap_or_else(|| {
            issues.push(FieldIssue::new("status", Rule::BadFormat));
            CorrectionStatus::Pending
        }),
    };
    let limit = page_limit(params.limit.as_deref(), &mut issues);
    let before = cursor_param(
        params.cursor.as_deref(),
        listing::decode_cursor,
        &mut issues,
    );
    if !issues.is_empty() {
        return Err(AppError::Validation(issues));
    }
    Ok(Json(
        listing::list(&state.db, &staff, status, before, limit).await?,
    ))
}

/// Runs `decision` on correction `raw_id` for `staff`, once per idempotency key.
async fn decide(
    state: &AppState,
    staff: &Staff<'_>,
    key: &IdempotencyKey,
    (method, path): (&str, &str),
    raw_id: &str,
    decision: Decision<'_>,
    request: &impl serde::Serialize,
) -> Result<Response> {
    let id = path_id(raw_id)?;
    let path = path.replace("{id}", &id.to_string());
    let hash = idempotency::request_hash(method, &path, request)?;
    let mut tx = state.db.write.begin().await?;
    let claim =
        match idempotency::claim(&mut tx, staff.user().get(), key, method, &path, &hash).await? {
            Claim::Replay(response) => return Ok(response),
            Claim::Fresh(claim) => claim,
        };
    let record = decide::decide(&mut tx, staff, id, decision, now_ms()).await?;
    let response = claim.complete(&mut tx, StatusCode::OK, &record).await?;
    tx.commit().await?;
    Ok(response)
}

/// A second staff member approves a pending correction: it posts to the ledger now, once.
#[utoipa::path(
    post,
    path = "/api/v1/ledger/corrections/{id}/approve",
    tag = "points",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Correction id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer"),
    ),
    responses(
        (status = 200, description = "Posted: `transaction_id` is its ledger transaction (actor: the requester), `decided_by` the approver", body = CorrectionRecord),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff (`forbidden`), or the approver asked for it (`own_request`), is the member (`own_account`) or of the member's household (`own_household`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such correction in the staff member's community", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No longer pending (`conflict`: approved, rejected or withdrawn meanwhile), or a debit beyond the member's balance (`insufficient_points`; it stays pending)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
pub async fn approve(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<String>,
) -> Result<Response> {
    let path = ("POST", "/api/v1/ledger/corrections/{id}/approve");
    let staff = Staff::of(&auth)?;
    decide(
        &state,
        &staff,
        &key,
        path,
        &id,
        Decision::Approve,
        &serde_json::Value::Null,
    )
    .await
}

/// A second staff member rejects a pending correction, with a reason; no points move.
#[utoipa::path(
    post,
    path = "/api/v1/ledger/corrections/{id}/reject",
    tag = "points",
    security(("bearer" = [])),
    request_body = RejectRequest,
    params(
        ("id" = i64, Path, description = "Correction id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer"),
    ),
    responses(
        (status = 200, description = "Rejected, with `decision_note` and `decided_by`", body = CorrectionRecord),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff (`forbidden`), or `own_request` / `own_account` / `own_household` as for approving", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such correction in the staff member's community", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No longer pending (`conflict`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`reason` required / too_long (200)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
pub async fn reject(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<RejectRequest>,
) -> Result<Response> {
    let staff = Staff::of(&auth)?;
    let mut issues = Vec::new();
    let reason =
        TextField::line("reason", REJECT_REASON_MAX_CHARS).check(&request.reason, &mut issues);
    if !issues.is_empty() {
        return Err(AppError::Validation(issues));
    }
    let path = ("POST", "/api/v1/ledger/corrections/{id}/reject");
    let decision = Decision::Reject { reason: &reason };
    decide(&state, &staff, &key, path, &id, decision, &request).await
}

/// The staff member who asked for a pending correction withdraws it; no points move.
#[utoipa::path(
    delete,
    path = "/api/v1/ledger/corrections/{id}",
    tag = "points",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Correction id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer"),
    ),
    responses(
        (status = 200, description = "Withdrawn", body = CorrectionRecord),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff, or not the one who asked for it (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such correction in the staff member's community", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No longer pending (`conflict`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
pub async fn withdraw(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<String>,
) -> Result<Response> {
    let path = ("DELETE", "/api/v1/ledger/corrections/{id}");
    let staff = Staff::of(&auth)?;
    decide(
        &state,
        &staff,
        &key,
        path,
        &id,
        Decision::Withdraw,
        &serde_json::Value::Null,
    )
    .await
}
