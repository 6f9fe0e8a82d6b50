//! The built app from the dist folder: files as they are (or their precompressed `.br` / `.gz`
//! twins), `index.html` for every other path so deep links like /tasks load the app, and a
//! short page when the app is not built.

use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::extract::Request;
use axum::handler::HandlerWithoutStateExt;
use axum::http::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::Router;
use tower_http::services::ServeDir;

const NOT_BUILT: &str =
    "<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>Linli 邻里</title>\
<p>应用尚未构建。The app is not built yet: run <code>trunk build</code> (or scripts/run.sh). \
The API is up at <a href=\"/api/v1/health\">/api/v1/health</a>.</p></html>\n";

/// A router answering every path it is given from `dist`; mount it as the fallback.
pub fn router(dist: PathBuf) -> Router {
    let index = dist.join("index.html");
    let spa_index = move || {
        let index = index.clone();
        async move { serve_index(&index).await }
    };
    // `scripts/lib.sh` writes `x.br` and `x.gz` (brotli 11, gzip 9) beside each built file:
    // served as they are, they are smaller than compressing on the fly and cost no CPU per
    // request. Without them (a plain `trunk build`) the compression layer still compresses.
    let files = ServeDir::new(&dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(spa_index.into_service());
    Router::new()
        .fallback_service(files)
        .layer(middleware::from_fn(cache_headers))
}

async fn serve_index(index: &Path) -> Response {
    match tokio::fs::read(index).await {
        Ok(html) => {
            // The policy for exactly these bytes: the hashes of their inline scripts.
            let policy =
                crate::platform::security_headers::content_security_policy(std::str::from_utf8(&html).ok());
            (
                [
                    (
                        CONTENT_TYPE,
                        HeaderValue::from_static("text/html; charset=utf-8"),
                    ),
                    (
                        CONTENT_SECURITY_POLICY,
                        crate::platform::security_headers::header_value(&policy),
                    ),
                ],
                Body::from(html),
            )
                .into_response()
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            Html(NOT_BUILT).into_response()
        }
        Err(error) => {
            tracing::error!(%error, "reading index.html");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// Trunk puts a content hash in asset names, so those never change; everything else
/// (index.html above all) must be revalidated so a new release is picked up.
async fn cache_headers(request: Request, next: Next) -> Response {
    let hashed = is_hashed_asset(request.uri().path());
    let mut response = next.run(request).await;
    let cacheable = response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED;
    let is_html = response
        .headers()
        .get(CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(b"text/html"));
    if cacheable {
        let policy = if hashed && !is_html {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        response
            .headers_mut()
            .insert(CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    response
}

/// `linli-app-1a2b3c4d5e6f7a8b_bg.wasm`, `main-1a2b3c4d5e6f7a8.css`: a name with `-` and a hex
/// hash, as trunk writes them (it drops leading zeros, so 15 digits happen); or any file in
/// `split-1a2b3c4d5e6f7a8b/`, the folder of the split build named by the hash of its files
/// (scripts/dist-loader.mjs).
fn is_hashed_asset(path: &str) -> bool {
    let mut segments = path.trim_start_matches('/').split('/').peekable();
    while let Some(segment) = segments.next() {
        let is_dir = segments.peek().is_some();
        let hashed = segment.match_indices('-').any(|(at, _)| {
            let rest = &segment[at + 1..];
            let digits = rest.bytes().take_while(u8::is_ascii_hexdigit).count();
            let after = rest.as_bytes().get(digits).copied();
            (15..=16).contains(&digits)
                && if is_dir {
                    after.is_none()
                } else {
                    matches!(after, Some(b'.' | b'_'))
                }
        });
        if hashed {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trunk_hashed_names_are_recognised() {
        assert!(is_hashed_asset("/linli-app-1a2b3c4d5e6f7a8b_bg.wasm"));
        assert!(is_hashed_asset("/linli-app-1a2b3c4d5e6f7a8b.js"));
        assert!(is_hashed_asset("/style-0123456789abcdef.css"));
        assert!(is_hashed_asset("/linli-app-b2a9ba9ce1345d8_bg.wasm"));
        assert!(is_hashed_asset("/split-0123456789abcdef/chunk_12.wasm"));
        assert!(is_hashed_asset("/split-0123456789abcdef/__wasm_split.js"));
        assert!(!is_hashed_asset("/split-0123456789abcdef"));
        assert!(!is_hashed_asset("/split-xyz/chunk_12.wasm"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/favicon.ico"));
        assert!(!is_hashed_asset("/me/settings"));
        assert!(!is_hashed_asset("/a-short.js"));
        assert!(!is_hashed_asset("/x-0123456789abcdefg.js"));
    }
}
