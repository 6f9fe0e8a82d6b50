//! Staff corrections 积分更正: `/api/v1/ledger/corrections` (ask; list) and
//! `/api/v1/ledger/corrections/{id}` (`/approve`, `/reject`; DELETE withdraws).
//! The rules are in `crate::corrections` and docs/security/points.md.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{delete, post};
use axum::{Json, Router};
use linli_api_types::{
    Correction, CorrectionPage, CorrectionRecord, CorrectionRequest, CorrectionStatus, Problem,
    RejectRequest, Role, AUDIT_PAGE_DEFAULT, AUDIT_PAGE_MAX, CORRECTION_REASON_MAX_CHARS,
    REJECT_REASON_MAX_CHARS,
};
use serde::Deserialize;

use crate::auth::{AuthUser, PlacePath};
use crate::corrections::{self, Actor, CorrectionRow, Decision};
use crate::db::now_ms;
use crate::error::{AppError, FieldIssue, Result, Rule};
use crate::extract::{ApiJson, ApiPath};
use crate::http::path_id;
use crate::idempotency::{self, Claim, IdempotencyKey};
use crate::state::AppState;
use crate::text::TextField;
use crate::{ledger, points};

const CORRECTIONS_PATH: &str = "/api/v1/ledger/corrections";

pub fn router() -> Router<AppState> {
    Router::new()
        .route(CORRECTIONS_PATH, post(correct).get(list))
        .route("/api/v1/ledger/corrections/{id}/approve", post(approve))
        .route("/api/v1/ledger/corrections/{id}/reject", post(reject))
        .route("/api/v1/ledger/corrections/{id}", delete(withdraw))
}

fn actor(auth: &AuthUser) -> Actor {
    Actor {
        user_id: auth.user_id,
        household_id: auth.household_id,
    }
}

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
    auth.require(auth.holds(Role::Staff))?;
    let mut issues = Vec::new();
    corrections::check_amount(request.amount, &mut issues);
    let reason =
        TextField::line("reason", CORRECTION_REASON_MAX_CHARS).check(&request.reason, &mut issues);
    // A member of another community is unknown here, as if there were none: a 403 would tell
    // staff elsewhere which ids are people.
    let member = corrections::member(&state.db.read, request.user_id)
        .await?
        .filter(|member| auth.covers(Role::Staff, &PlacePath::community(member.community_id)));
    let Some(member) = member else {
        issues.push(FieldIssue::new("user_id", Rule::Unknown));
        return Err(AppError::Validation(issues));
    };
    let me = actor(&auth);
    corrections::check_member(&me, &member, &mut issues);
    if !issues.is_empty() {
        return Err(AppError::Validation(issues));
    }
    let hash = idempotency::request_hash("POST", CORRECTIONS_PATH, &request)?;
    let mut tx = state.db.write.begin().await?;
    let claim =
        match idempotency::claim(&mut tx, auth.user_id, &key, "POST", CORRECTIONS_PATH, &hash)
            .await?
        {
            Claim::Replay(response) => return Ok(response),
            Claim::Fresh(claim) => claim,
        };
    let now = now_ms();
    let community_id = member.community_id;
    // Before reading today's sum: two corrections at once cannot both fit the same allowance.
    ledger::lock_fund(&mut tx, community_id).await?;
    let response =
        if corrections::needs_approval(&mut tx, community_id, auth.user_id, request.amount, now)
            .await?
        {
            let id = corrections::insert(
                &mut tx,
                community_id,
                member.id,
                request.amount,
                &reason,
                auth.user_id,
                None,
                now,
            )
            .await?;
            let row = corrections::load(&mut *tx, id)
                .await?
                .ok_or_else(|| AppError::internal("correction vanished"))?;
            tracing::info!(
                correction_id = id,
                member = member.id,
                amount = request.amount,
                "correction awaits approval"
            );
            claim
                .complete(&mut tx, StatusCode::ACCEPTED, &row.record(&me)?)
                .await?
        } else {
            let (transaction_id, balance) = points::correct(
                &mut tx,
                community_id,
                member.id,
                request.amount,
                &reason,
                auth.user_id,
            )
            .await?;
            let correction_id = corrections::insert(
                &mut tx,
                community_id,
                member.id,
                request.amount,
                &reason,
                auth.user_id,
                Some(transaction_id),
                now,
            )
            .await?;
            let correction = Correction {
                correction_id,
                transaction_id,
                user_id: member.id,
                amount: request.amount,
                balance,
                reason,
                at: chrono::Utc::now(),
            };
            claim
                .complete(&mut tx, StatusCode::CREATED, &correction)
                .await?
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

fn encode_cursor(id: i64) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("c1.{id}"))
}

fn decode_cursor(raw: &str) -> Option<i64> {
    use base64::Engine;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(raw.as_bytes())
        .ok()?;
    String::from_utf8(bytes)
        .ok()?
        .strip_prefix("c1.")?
        .parse()
        .ok()
}

/// A page size from `limit` (1–50), collecting a `limit` issue otherwise.
pub fn page_limit(raw: Option<&str>, issues: &mut Vec<FieldIssue>) -> u32 {
    match raw {
        None | Some("") => AUDIT_PAGE_DEFAULT,
        Some(raw) => match raw.parse::<u32>() {
            Ok(limit) if (1..=AUDIT_PAGE_MAX).contains(&limit) => limit,
            _ => {
                issues.push(FieldIssue::new("limit", Rule::BadFormat));
                AUDIT_PAGE_DEFAULT
            }
        },
    }
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
    auth.require(auth.holds(Role::Staff))?;
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
    let before = match params.cursor.as_deref() {
        None | Some("") => None,
        Some(raw) => {
            let id = decode_cursor(raw);
            if id.is_none() {
                issues.push(FieldIssue::new("cursor", Rule::BadFormat));
            }
            id
        }
    };
    if !issues.is_empty() {
        return Err(AppError::Validation(issues));
    }
    let mut rows =
        corrections::page(&state.db.read, auth.community_id, status, before, limit).await?;
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next_cursor = rows
        .last()
        .filter(|_| more)
        .map(|last| encode_cursor(last.id));
    let me = actor(&auth);
    let items = rows
        .iter()
        .map(|row| row.record(&me))
        .collect::<Result<_>>()?;
    Ok(Json(CorrectionPage { items, next_cursor }))
}

/// Runs `decision` on correction `raw_id` for staff member `auth`, once per idempotency key.
async fn decide(
    state: &AppState,
    auth: &AuthUser,
    key: &IdempotencyKey,
    (method, path): (&str, String),
    raw_id: &str,
    decision: Decision<'_>,
    request: &impl serde::Serialize,
) -> Result<Response> {
    auth.require(auth.holds(Role::Staff))?;
    let id = path_id(raw_id)?;
    let path = path.replace("{id}", &id.to_string());
    let hash = idempotency::request_hash(method, &path, request)?;
    let mut tx = state.db.write.begin().await?;
    let claim = match idempotency::claim(&mut tx, auth.user_id, key, method, &path, &hash).await? {
        Claim::Replay(response) => return Ok(response),
        Claim::Fresh(claim) => claim,
    };
    // Another community's correction does not exist for this staff member.
    let row: CorrectionRow = corrections::load(&mut *tx, id)
        .await?
        .filter(|row| auth.covers(Role::Staff, &PlacePath::community(row.community_id)))
        .ok_or(AppError::NotFound)?;
    let me = actor(auth);
    match decision {
        Decision::Withdraw => auth.require(row.requested_by == auth.user_id)?,
        Decision::Approve | Decision::Reject { .. } => {
            if let Some(duty) = row.duty_of(&me) {
                return Err(AppError::NotYourDecision(duty));
            }
        }
    }
    corrections::decide(&mut tx, &row, &me, decision, now_ms()).await?;
    let row = corrections::load(&mut *tx, id)
        .await?
        .ok_or_else(|| AppError::internal("correction vanished"))?;
    let response = claim
        .complete(&mut tx, StatusCode::OK, &row.record(&me)?)
        .await?;
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
    let path = ("POST", "/api/v1/ledger/corrections/{id}/approve".to_owned());
    decide(
        &state,
        &auth,
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
    auth.require(auth.holds(Role::Staff))?;
    let mut issues = Vec::new();
    let reason =
        TextField::line("reason", REJECT_REASON_MAX_CHARS).check(&request.reason, &mut issues);
    if !issues.is_empty() {
        return Err(AppError::Validation(issues));
    }
    let path = ("POST", "/api/v1/ledger/corrections/{id}/reject".to_owned());
    let decision = Decision::Reject { reason: &reason };
    decide(&state, &auth, &key, path, &id, decision, &request).await
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
    let path = ("DELETE", "/api/v1/ledger/corrections/{id}".to_owned());
    decide(
        &state,
        &auth,
        &key,
        path,
        &id,
        Decision::Withdraw,
        &serde_json::Value::Null,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn correction_cursors_round_trip() {
        assert_eq!(decode_cursor(&encode_cursor(7)), Some(7));
        assert_eq!(decode_cursor("c1.7"), None);
    }

    #[test]
    fn page_limits_are_bounded() {
        let mut issues = Vec::new();
        assert_eq!(page_limit(None, &mut issues), AUDIT_PAGE_DEFAULT);
        assert_eq!(page_limit(Some("50"), &mut issues), 50);
        assert!(issues.is_empty());
        page_limit(Some("51"), &mut issues);
        page_limit(Some("x"), &mut issues);
        assert_eq!(issues.len(), 2);
    }
}
