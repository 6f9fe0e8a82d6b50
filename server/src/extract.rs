//! Extractors whose refusals are problem+json: `ApiJson` for bodies, `ApiPath` for path
//! segments, `ClientIp` for rate limits.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRef, FromRequest, FromRequestParts, Path, Request};
use axum::http::header::CONTENT_TYPE;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use bytes::Bytes;
use serde::de::DeserializeOwned;

use crate::error::{AppError, FieldIssue, Rule};
use crate::state::AppState;

/// Largest request body accepted anywhere (`DefaultBodyLimit`).
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// A JSON body. Wrong content type → 415, not JSON → 400 `bad_json`, missing or mistyped
/// field → 422 with a field error naming the JSON field, too large → 413.
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, AppError> {
        if !is_json(request.headers()) {
            return Err(AppError::UnsupportedMediaType);
        }
        let body = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| {
                if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    AppError::PayloadTooLarge
                } else {
                    AppError::BadJson { line: 0, column: 0 }
                }
            })?;
        parse_json(&body).map(ApiJson)
    }
}

fn is_json(headers: &HeaderMap) -> bool {
    let Some(mime) = headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<mime::Mime>().ok())
    else {
        return false;
    };
    mime.type_() == "application"
        && (mime.subtype() == "json" || mime.suffix().is_some_and(|s| s == "json"))
}

pub fn parse_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, AppError> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        classify(error.into_inner(), &path)
    })?;
    deserializer.end().map_err(|error| classify(error, "."))?;
    Ok(value)
}

fn classify(error: serde_json::Error, path: &str) -> AppError {
    use serde_json::error::Category;
    match error.classify() {
        Category::Syntax | Category::Eof | Category::Io => AppError::BadJson {
            line: error.line(),
            column: error.column(),
        },
        Category::Data => {
            let message = error.to_string();
            // serde reports a missing field at the struct holding it, naming the field in backticks.
            if let Some(rest) = message.strip_prefix("missing field `") {
                let name = rest.split('`').next().unwrap_or_default();
                let field = if path == "." {
                    name.to_owned()
                } else {
                    format!("{path}.{name}")
                };
                AppError::Validation(vec![FieldIssue::new(field, Rule::Required)])
            } else if path == "." {
                AppError::BadShape
            } else if message.starts_with("invalid type") {
                AppError::Validation(vec![FieldIssue::new(path, Rule::WrongType)])
            } else {
                AppError::Validation(vec![FieldIssue::new(path, Rule::BadFormat)])
            }
        }
    }
}

/// Path segments as text; each handler parses its own (`path_id`). axum's `Path` answers a
/// segment that is not UTF-8 once percent-decoded (`/notices/%FF`) with a text/plain 400 that no
/// route documents; such a segment names nothing, so here it is 404 `not_found`.
pub struct ApiPath<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiPath<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        use axum::extract::rejection::PathRejection;
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(value)) => Ok(ApiPath(value)),
            // The error may quote the segment (a voucher code, say): not for the log.
            Err(PathRejection::FailedToDeserializePathParams(_)) => {
                tracing::debug!("path segment refused");
                Err(AppError::NotFound)
            }
            // The route and the handler disagree: a bug, not bad input.
            Err(other) => Err(AppError::internal(other)),
        }
    }
}

/// The client's IP: the first `X-Forwarded-For` hop when the server trusts its proxy,
/// otherwise the socket peer.
pub struct ClientIp(pub String);

impl<S> FromRequestParts<S> for ClientIp
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = AppState::from_ref(state);
        if state.config.trust_proxy {
            let forwarded = parts
                .headers
                .get("x-forwarded-for")
                .and_then(|value| value.to_str().ok())
                .and_then(|value| value.split(',').next())
                .map(str::trim)
                .filter(|hop| !hop.is_empty());
            if let Some(hop) = forwarded {
                return Ok(ClientIp(hop.to_owned()));
            }
        }
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip().to_string());
        Ok(ClientIp(peer.unwrap_or_else(|| "unknown".into())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Body {
        phone: String,
        age: u8,
    }

    fn fields(error: AppError) -> Vec<(String, &'static str)> {
        match error {
            AppError::Validation(issues) => issues
                .into_iter()
                .map(|i| (i.field, i.rule.code()))
                .collect(),
            other => panic!("expected validation, got {other:?}"),
        }
    }

    #[test]
    fn missing_and_mistyped_fields_are_named() {
        let missing = parse_json::<Body>(br#"{"phone":"1"}"#).unwrap_err();
        assert_eq!(fields(missing), [("age".to_owned(), "required")]);
        let mistyped = parse_json::<Body>(br#"{"phone":1,"age":3}"#).unwrap_err();
        assert_eq!(fields(mistyped), [("phone".to_owned(), "wrong_type")]);
        let out_of_range = parse_json::<Body>(br#"{"phone":"1","age":300}"#).unwrap_err();
        assert_eq!(fields(out_of_range), [("age".to_owned(), "bad_format")]);
    }

    #[test]
    fn broken_json_is_a_syntax_error_and_other_shapes_are_refused() {
        assert!(matches!(
            parse_json::<Body>(b"{\"phone\":"),
            Err(AppError::BadJson { .. })
        ));
        assert!(matches!(
            parse_json::<Body>(b""),
            Err(AppError::BadJson { .. })
        ));
        assert!(matches!(
            parse_json::<Body>(br#"{"phone":"1","age":3} x"#),
            Err(AppError::BadJson { .. })
        ));
        assert!(matches!(parse_json::<Body>(b"[]"), Err(AppError::BadShape)));
    }

    #[test]
    fn json_content_types() {
        let headers = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(CONTENT_TYPE, value.parse().unwrap());
            headers
        };
        assert!(is_json(&headers("application/json")));
        assert!(is_json(&headers("application/json; charset=utf-8")));
        assert!(is_json(&headers("application/problem+json")));
        assert!(!is_json(&headers("text/plain")));
        assert!(!is_json(&HeaderMap::new()));
    }
}
