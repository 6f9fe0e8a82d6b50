//! The register's routes: the import (its own body limit: a sheet is larger than the API's
//! general 64 KiB), the template, the recent imports, and progress.

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::Json;
use linli_api_types::{
    BuildingUnjoined, Problem, RegisterImportRecord, RegisterImportReport, RegisterProgress,
    REGISTER_UPLOAD_MAX_BYTES,
};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{import, progress, template};
use crate::platform::auth::AuthUser;
use crate::platform::error::{AppError, FieldIssue, Result, Said};
use crate::platform::extract::{path_id, ApiPath};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    let upload = OpenApiRouter::new()
        .routes(routes!(import_sheet))
        .layer(DefaultBodyLimit::max(REGISTER_UPLOAD_MAX_BYTES));
    OpenApiRouter::new()
        .merge(upload)
        .routes(routes!(recent_imports))
        .routes(routes!(template_sheet))
        .routes(routes!(register_progress))
        .routes(routes!(building_unjoined))
}

/// `POST /register/imports` query; text so that a bad value is a field error.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportParams {
    /// `true` applies the import; absent or `false` is a dry run (预检) that writes nothing.
    #[param(value_type = Option<bool>)]
    commit: Option<String>,
    /// `true` creates buildings the community does not have yet (listed by the dry run in
    /// `new_buildings`); otherwise their rows are problems.
    #[param(value_type = Option<bool>)]
    create_buildings: Option<String>,
    /// The file's name as the staff member picked it, shown in the recent imports.
    #[param(max_length = 100)]
    file_name: Option<String>,
}

fn flag(field: &str, value: Option<&str>) -> Result<bool> {
    match value {
        None | Some("") | Some("false") => Ok(false),
        Some("true") => Ok(true),
        Some(_) => Err(AppError::Validation(vec![FieldIssue::own(
            field,
            "bad_format",
            Said::new("应为 true 或 false", "Must be true or false"),
        )])),
    }
}

/// Imports the community's household register 住户花名册: XLSX (or XLS), or CSV in GBK or
/// UTF-8 (with or without a BOM), told apart by content, not by name. The header row is found
/// by its column names (网格, 小区, 楼栋, 单元, 房号, 姓名, 联系电话, 与户主关系, 照护标签/备注);
/// a 身份证号 column is read past and never stored. Without `commit=true` it is a dry run.
/// Rows with problems are skipped and listed; the rest is applied in one transaction.
/// Re-importing the same sheet changes nothing. The body is the file itself, up to 4 MiB
/// (this route's own limit; the API's general limit is 64 KiB).
#[utoipa::path(
    post,
    path = "/api/v1/register/imports",
    tag = "register",
    security(("bearer" = [])),
    params(ImportParams),
    request_body(content = Vec<u8>, description = "The sheet file, at most 4 MiB (4,194,304 bytes)", content_type = "application/octet-stream"),
    responses(
        (status = 200, description = "What the import would do (dry run) or did (commit), with each skipped row's problems in the request's language", body = RegisterImportReport),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of the community (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Another import changed the register at the same moment: try again", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Larger than 4 MiB", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a sheet (`not_a_sheet`), empty (`empty_sheet`), no header row (`no_header`), or a bad flag (field error)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn import_sheet(
    State(state): State<AppState>,
    auth: AuthUser,
    params: std::result::Result<Query<ImportParams>, axum::extract::rejection::QueryRejection>,
    body: std::result::Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Json<RegisterImportReport>> {
    import::require_staff(&auth)?;
    let params = params.ok().map(|Query(p)| p);
    let param =
        |get: fn(&ImportParams) -> &Option<String>| params.as_ref().and_then(|p| get(p).as_deref());
    let commit = flag("commit", param(|p| &p.commit))?;
    let create_buildings = flag("create_buildings", param(|p| &p.create_buildings))?;
    let bytes = body.map_err(|_| AppError::PayloadTooLarge)?;
    let upload = import::Upload {
        bytes: &bytes,
        file_name: import::clean_file_name(param(|p| &p.file_name)),
        create_buildings,
        commit,
    };
    Ok(Json(import::run(&state.db, &auth, upload).await?))
}

/// The last ten imports of the community, newest first: who, when, which file, what it did.
#[utoipa::path(
    get,
    path = "/api/v1/register/imports",
    tag = "register",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Recent imports, newest first", body = Vec<RegisterImportRecord>),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of the community (`forbidden`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn recent_imports(
    State(state): State<AppState>,
    auth: AuthUser,
) -> Result<Json<Vec<RegisterImportRecord>>> {
    Ok(Json(import::recent(&state.db, &auth).await?))
}

/// The template sheet (XLSX): the header the import reads, two example rows and a note.
#[utoipa::path(
    get,
    path = "/api/v1/register/template",
    tag = "register",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "住户花名册模板.xlsx", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of the community (`forbidden`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn template_sheet(auth: AuthUser) -> Result<Response> {
    import::require_staff(&auth)?;
    let bytes = template::xlsx()?;
    // RFC 6266: an ASCII fallback name and the real one percent-encoded as UTF-8.
    let encoded: String = template::FILE_NAME
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b == b'.' {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let disposition =
        format!("attachment; filename=\"register-template.xlsx\"; filename*=UTF-8''{encoded}");
    Ok((
        [
            (
                CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_owned(),
            ),
            (CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}

/// Register progress 加入进度 for the places the viewer heads: the community (staff), grids
/// (staff; a 网格长 theirs), buildings (and a building head theirs) and a unit head's units.
#[utoipa::path(
    get,
    path = "/api/v1/register/progress",
    tag = "register",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Households joined of those on the register, per place the viewer heads", body = RegisterProgress),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither staff nor a head (`forbidden`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn register_progress(
    State(state): State<AppState>,
    auth: AuthUser,
) -> Result<Json<RegisterProgress>> {
    Ok(Json(progress::progress(&state.db, &auth).await?))
}

/// A building's households on the register not yet on Linli, by unit and room, with the
/// register's names, masked phones and care tags: the doors to knock on.
#[utoipa::path(
    get,
    path = "/api/v1/register/buildings/{id}/unjoined",
    tag = "register",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Building id")),
    responses(
        (status = 200, description = "Unjoined households (a unit head: of their units only)", body = BuildingUnjoined),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff, nor a head of the building or of a unit in it (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such building in the viewer's community", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn building_unjoined(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<BuildingUnjoined>> {
    let id = path_id(&id)?;
    Ok(Json(progress::unjoined(&state.db, &auth, id).await?))
}
