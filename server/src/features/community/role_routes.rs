//! Staff appointing heads and volunteers' services, and staff changes with a second staff
//! member: `POST /api/v1/members/{id}/grants`, `PUT /api/v1/members/{id}/services`,
//! `GET /api/v1/role-places`, `/api/v1/staff-changes…`.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use linli_api_types::{
    GrantRequest, MemberRoles, Problem, RolePlaces, StaffChange, StaffChangeRequest, StaffChanges,
    VolunteerServices,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::features::community::{member_roles, role_places, staff_changes};
use crate::platform::auth::AuthUser;
use crate::platform::error::Result;
use crate::platform::extract::{path_id, ApiJson, ApiPath};
use crate::platform::ids::UserId;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(grant))
        .routes(routes!(set_services))
        .routes(routes!(places))
        .routes(routes!(request_staff_change, pending_staff_changes))
        .routes(routes!(approve_staff_change))
        .routes(routes!(reject_staff_change))
}

/// Appoints a member building head (of a building), unit head (of a unit) or 网格长 (of a
/// grid) of the staff member's community; audited. Staff are appointed through
/// `/staff-changes` (`role` `needs_second_staff`).
#[utoipa::path(
    post,
    path = "/api/v1/members/{id}/grants",
    tag = "members",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The member's user id")),
    request_body = GrantRequest,
    responses(
        (status = 200, description = "Granted (or held already): the member now", body = MemberRoles),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff, or their own roles (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such member in the staff member's community", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`role` needs_second_staff / not_joined; `scope_id` unknown (not a place of that kind in the community)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn grant(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<GrantRequest>,
) -> Result<Json<MemberRoles>> {
    let id = UserId(path_id(&id)?);
    Ok(Json(
        member_roles::grant(&state.db, &auth, id, request).await?,
    ))
}

/// Sets every service of the community a volunteer offers (staff assign them only those);
/// audited.
#[utoipa::path(
    put,
    path = "/api/v1/members/{id}/services",
    tag = "members",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The member's user id")),
    request_body = VolunteerServices,
    responses(
        (status = 200, description = "Set: the member now", body = MemberRoles),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff, or their own services (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such member in the staff member's community", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`service_ids` not_volunteer / unknown / out_of_range", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn set_services(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<VolunteerServices>,
) -> Result<Json<MemberRoles>> {
    let id = UserId(path_id(&id)?);
    Ok(Json(
        member_roles::set_services(&state.db, &auth, id, request.service_ids).await?,
    ))
}

/// The grids, buildings and units of the community, to appoint heads over (staff).
#[utoipa::path(
    get,
    path = "/api/v1/role-places",
    tag = "members",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The community's places", body = RolePlaces),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn places(State(state): State<AppState>, auth: AuthUser) -> Result<Json<RolePlaces>> {
    Ok(Json(role_places::for_staff(&state.db, &auth).await?))
}

/// Asks for a member to be appointed or removed as staff; another staff member of the
/// community (not the one asking, nor the member) must approve. Audited.
#[utoipa::path(
    post,
    path = "/api/v1/staff-changes",
    tag = "members",
    security(("bearer" = [])),
    request_body = StaffChangeRequest,
    responses(
        (status = 201, description = "Asked: waiting for a second staff member", body = StaffChange),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff, or about themselves (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such member in the staff member's community", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A change for this member is already waiting (`conflict`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`member_id` already_staff / not_staff / not_joined", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn request_staff_change(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(request): ApiJson<StaffChangeRequest>,
) -> Result<(StatusCode, Json<StaffChange>)> {
    let change = staff_changes::request(&state.db, &auth, request).await?;
    Ok((StatusCode::CREATED, Json(change)))
}

/// The staff appointments and removals waiting in the community (staff).
#[utoipa::path(
    get,
    path = "/api/v1/staff-changes",
    tag = "members",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Waiting changes, oldest first", body = StaffChanges),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn pending_staff_changes(
    State(state): State<AppState>,
    auth: AuthUser,
) -> Result<Json<StaffChanges>> {
    let items = staff_changes::pending(&state.db, &auth).await?;
    Ok(Json(StaffChanges { items }))
}

/// Approves a waiting staff change: the grant is added or removed at once (a removed staff
/// member's next request has no staff powers).
#[utoipa::path(
    post,
    path = "/api/v1/staff-changes/{id}/approve",
    tag = "members",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The change")),
    responses(
        (status = 200, description = "Approved and applied", body = StaffChange),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff, or the one who asked, or the member concerned", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such change in the community", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Decided already (`conflict`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn approve_staff_change(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<StaffChange>> {
    Ok(Json(
        staff_changes::decide(&state.db, &auth, path_id(&id)?, true).await?,
    ))
}

/// Rejects a waiting staff change.
#[utoipa::path(
    post,
    path = "/api/v1/staff-changes/{id}/reject",
    tag = "members",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The change")),
    responses(
        (status = 200, description = "Rejected", body = StaffChange),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff, or the one who asked, or the member concerned", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such change in the community", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Decided already (`conflict`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn reject_staff_change(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<StaffChange>> {
    Ok(Json(
        staff_changes::decide(&state.db, &auth, path_id(&id)?, false).await?,
    ))
}
