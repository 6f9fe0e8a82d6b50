//! Sending a photo's bytes, once the feature that carries it has checked the viewer may see it.

use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS};
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::store::thumb_key;
use super::table::StoredPhoto;
use crate::platform::error::{AppError, Result};
use crate::state::AppState;

/// `?size=thumb` for the thumbnail; the photo otherwise.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SizeParams {
    /// `thumb` for the thumbnail (longest side 320 px); absent for the photo (1600 px).
    #[param(value_type = Option<String>, pattern = "^thumb$")]
    pub size: Option<String>,
}

impl SizeParams {
    pub fn thumb(&self) -> Result<bool> {
        match self.size.as_deref() {
            None => Ok(false),
            Some("thumb") => Ok(true),
            Some(_) => Err(AppError::NotFound),
        }
    }
}

/// Private to the viewer's browser (the bytes never change under a key, but who may see them
/// can): an hour, then asked again with the token.
const CACHE: &str = "private, max-age=3600";

/// The photo's (or thumbnail's) JPEG bytes from the store.
pub async fn jpeg(state: &AppState, photo: &StoredPhoto, thumb: bool) -> Result<Response> {
    let key = if thumb {
        thumb_key(&photo.key)
    } else {
        photo.key.clone()
    };
    let store = state.photos.clone();
    let bytes = tokio::task::spawn_blocking(move || store.get(&key))
        .await
        .map_err(AppError::internal)?
        .map_err(|error| {
            tracing::warn!(photo_id = photo.id, %error, "photo bytes missing from the store");
            AppError::NotFound
        })?;
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("image/jpeg"));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static(CACHE));
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    Ok(response)
}
