//! Staff changing a member's roles: `PUT /api/v1/members/{id}/volunteer` and
//! `DELETE /api/v1/members/{id}/grants/{role}/{scope_kind}/{scope_id}`. The roles UI of a
//! later issue builds on these; granting roles comes with it.

use axum::extract::State;
use axum::Json;
use linli_api_types::{MemberRoles, Problem, Role, ScopeKind, VolunteerFlag};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::features::community::member_roles;
use crate::platform::auth::{AuthUser, Grant};
use crate::platform::error::{AppError, Result};
use crate::platform::extract::{path_id, ApiJson, ApiPath};
use crate::platform::ids::UserId;
use crate::state::AppState;

/// The routes of this file, each declared with its OpenAPI entry (`#[utoipa::path]`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(set_volunteer))
        .routes(routes!(remove_grant))
}

/// Registers or unregisters a member as volunteer. Unregistering ends their volunteer powers
/// at once and sends their dispatched, accepted and in-progress orders back to the dispatch
/// queue, in the same transaction.
#[utoipa::path(
    put,
    path = "/api/v1/members/{id}/volunteer",
    tag = "members",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The member's user id")),
    request_body = VolunteerFlag,
    responses(
        (status = 200, description = "The member now, and the orders sent back to the dispatch queue", body = MemberRoles),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff, or the staff member's own flag (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such member in the staff member's community", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`volunteer` missing or not true/false", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn set_volunteer(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(flag): ApiJson<VolunteerFlag>,
) -> Result<Json<MemberRoles>> {
    let id = UserId(path_id(&id)?);
    let roles = member_roles::set_volunteer(&state.db, &auth, id, flag.volunteer).await?;
    Ok(Json(roles))
}

/// Removes one role grant (building head of 3栋, staff of the community …); its powers end
/// with the member's next request.
#[utoipa::path(
    delete,
    path = "/api/v1/members/{id}/grants/{role}/{scope_kind}/{scope_id}",
    tag = "members",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "The member's user id"),
        ("role" = Role, Path, description = "The role of the grant"),
        ("scope_kind" = ScopeKind, Path, description = "The kind of place it covers"),
        ("scope_id" = i64, Path, description = "The place it covers"),
    ),
    responses(
        (status = 200, description = "Removed: the member now", body = MemberRoles),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff, or the staff member's own grant (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such member in the staff member's community, or they do not hold this grant", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn remove_grant(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath((id, role, scope_kind, scope_id)): ApiPath<(String, String, String, String)>,
) -> Result<Json<MemberRoles>> {
    let id = UserId(path_id(&id)?);
    let grant = Grant {
        role: Role::parse(&role).ok_or(AppError::NotFound)?,
        scope_kind: ScopeKind::parse(&scope_kind).ok_or(AppError::NotFound)?,
        scope_id: path_id(&scope_id)?,
    };
    let roles = member_roles::remove_grant(&state.db, &auth, id, grant).await?;
    Ok(Json(roles))
}
