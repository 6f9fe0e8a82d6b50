//! Fetching an export with the session's bearer token and handing it to the browser as a file:
//! fetch → Blob → object URL → a click on `<a download>`. A plain link cannot carry the token,
//! and putting the token in a URL would leak the session into history and logs.

use gloo_net::http::Request;
use js_sys::{Array, Uint8Array};
use linli_api_types::Problem;
use wasm_bindgen::JsCast;

use crate::api::ApiError;
use crate::i18n::I18n;
use crate::session::Session;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Downloads `/api/v1{path}`; answers the file's name as the server gave it.
pub async fn download(session: Session, i18n: I18n, path: &str, fallback: &str) -> Result<String, ApiError> {
    let mut request = Request::get(&format!("/api/v1{path}")).header("Accept-Language", i18n.locale_untracked().tag());
    if let Some(token) = session.token_untracked() {
        request = request.header("Authorization", &format!("Bearer {token}"));
    }
    let response = request.send().await.map_err(|_| ApiError::Network)?;
    if !response.ok() {
        return Err(match response.json::<Problem>().await {
            Ok(problem) => ApiError::Problem(problem),
            Err(_) => ApiError::Unexpected,
        });
    }
    let name = response
        .headers()
        .get("content-disposition")
        .and_then(|value| file_name(&value))
        .unwrap_or_else(|| fallback.to_owned());
    let bytes = response.binary().await.map_err(|_| ApiError::Network)?;
    save(&bytes, &name).ok_or(ApiError::Unexpected)?;
    Ok(name)
}

/// The name in `filename*=UTF-8''…` (percent-decoded), else in `filename="…"`.
fn file_name(disposition: &str) -> Option<String> {
    let encoded = disposition.split(';').map(str::trim).find_map(|part| part.strip_prefix("filename*=UTF-8''"));
    if let Some(name) = encoded.and_then(|e| js_sys::decode_uri_component(e).ok()) {
        return name.as_string();
    }
    disposition
        .split(';')
        .map(str::trim)
        .find_map(|part| part.strip_prefix("filename="))
        .map(|name| name.trim_matches('"').to_owned())
}

/// Hands the bytes to the browser as a download named `name`.
fn save(bytes: &[u8], name: &str) -> Option<()> {
    let parts = Array::of1(&Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(XLSX);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let document = web_sys::window()?.document()?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    link.set_href(&url);
    link.set_download(name);
    link.style().set_property("display", "none").ok()?;
    document.body()?.append_child(&link).ok()?;
    link.click();
    link.remove();
    // The browser has taken the file; the URL is let go a little later (Safari reads it late).
    gloo_timers::callback::Timeout::new(60_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Some(())
}
