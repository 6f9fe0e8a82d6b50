//! `POST /api/v1/photos`, with its own body limit (the rest of the API takes 64 KiB).

use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::HeaderMap;
use axum::response::Response;
use linli_api_types::{PhotoUploaded, Problem, PHOTO_UPLOAD_MAX_BYTES};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::platform::auth::AuthUser;
use crate::platform::error::{AppError, Result};
use crate::platform::idempotency::IdempotencyKey;
use crate::platform::photos::upload;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(upload_photo))
        // Past this the body is not read at all (see `read_body`); this raises the global
        // 64 KiB limit for this route only.
        .layer(DefaultBodyLimit::max(PHOTO_UPLOAD_MAX_BYTES))
}

/// Uploads a photo (the image itself as the body) for a report or wish to name afterwards.
#[utoipa::path(
    post,
    path = "/api/v1/photos",
    tag = "photos",
    security(("bearer" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "1–100 visible ASCII characters. The same key with the same bytes replays the first answer")),
    request_body(content = Vec<u8>, description = "A JPEG, PNG or WebP image (the type is read from the bytes), at most 10 MiB and 40 million pixels", content_type = "image/jpeg"),
    responses(
        (status = 201, description = "Stored, re-encoded as JPEG without metadata, and the uploader's until a report or wish names it (removed after a day otherwise)", body = PhotoUploaded),
        (status = 400, description = "A bad Idempotency-Key (`bad_idempotency_key`)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "An account still waiting for approval (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Over 10 MiB (`payload_too_large`); refused before the body is read", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not an image by its Content-Type (`unsupported_media_type`) or its content (`photo_not_an_image`: only JPEG, PNG, WebP)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Damaged (`photo_unreadable`), over 40 million pixels (`photo_too_many_pixels`), or the Idempotency-Key was used for other bytes (`idempotency_key_reused`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn upload_photo(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    request: Request,
) -> Result<Response> {
    let body = read_body(request).await?;
    upload::accept(&state, &auth, &key, body).await
}

/// The body, at most [`PHOTO_UPLOAD_MAX_BYTES`]: a declared length over it is refused before
/// a byte is read, and a chunked body stops being read once past it.
async fn read_body(request: Request) -> Result<bytes::Bytes> {
    let headers = request.headers();
    if !is_image_type(headers) {
        return Err(AppError::UnsupportedMediaType);
    }
    let declared = headers
        .get(CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    if declared.is_some_and(|length| length > PHOTO_UPLOAD_MAX_BYTES as u64) {
        return Err(AppError::PayloadTooLarge);
    }
    let body: Body = request.into_body();
    axum::body::to_bytes(body, PHOTO_UPLOAD_MAX_BYTES)
        .await
        .map_err(|_| AppError::PayloadTooLarge)
}

/// `image/*` or `application/octet-stream`; the bytes decide which image it is.
fn is_image_type(headers: &HeaderMap) -> bool {
    headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<mime::Mime>().ok())
        .is_some_and(|mime| {
            mime.type_() == mime::IMAGE
                || (mime.type_() == mime::APPLICATION && mime.subtype() == mime::OCTET_STREAM)
        })
}
