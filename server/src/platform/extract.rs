//! Extractors whose refusals are problem+json: `ApiJson` for bodies, `ApiPath` for path
//! segments, `ClientIp` for rate limits.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRef, FromRequest, FromRequestParts, Path, Request};
use axum::http::header::CONTENT_TYPE;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use bytes::Bytes;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use utoipa::PartialSchema;

use crate::platform::error::{AppError, Expected, FieldIssue, Rule};
use crate::state::AppState;

/// Largest request body accepted anywhere (`DefaultBodyLimit`).
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// A JSON body. Wrong content type → 415, not JSON → 400 `bad_json`, not a JSON object → 422
/// saying what came instead, missing or mistyped fields → 422 with a field error naming each
/// JSON field, too large → 413.
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned + Serialize + PartialSchema,
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

/// `body` as a `T`, which is a JSON object with fields: every refusal names what is wrong, and
/// where it can, the fields.
pub fn parse_json<T>(body: &[u8]) -> Result<T, AppError>
where
    T: DeserializeOwned + Serialize + PartialSchema,
{
    // Syntax first, on its own, so a body of the wrong shape is told apart from broken JSON.
    let value: Value = serde_json::from_slice(body).map_err(|error| AppError::BadJson {
        line: error.line(),
        column: error.column(),
    })?;
    let Value::Object(object) = &value else {
        // `null`, `[…]`, `"…"`: serde would take an array for a struct, field by field in
        // order, and refuse the rest with no field to name.
        return Err(AppError::BadShape {
            got: JsonKind::of(&value),
            missing: missing_required::<T>(&serde_json::Map::new()),
        });
    };
    // From the bytes, not the value: a key given twice is refused, not last-one-wins.
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let parsed: T = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        let error = error.into_inner();
        if !error.is_data() {
            return AppError::BadJson {
                line: error.line(),
                column: error.column(),
            };
        }
        // serde stops at the first refusal; the app wants every empty field at once, and a
        // required field given as `null` is one not filled in.
        let mut issues = missing_required::<T>(object);
        let refused = classify(error, &path);
        if !issues.iter().any(|known| known.field == refused.field) {
            issues.push(refused);
        }
        AppError::Validation(issues)
    })?;
    deserializer.end().map_err(|error| AppError::BadJson {
        line: error.line(),
        column: error.column(),
    })?;
    // Nested objects given as arrays, which serde took field by field.
    let written_back = serde_json::to_value(&parsed).map_err(AppError::internal)?;
    if let Some(path) = array_for_object(&value, &written_back, "") {
        return Err(AppError::Validation(vec![FieldIssue::new(
            path,
            Rule::WrongType(Expected::Object),
        )]));
    }
    Ok(parsed)
}

/// What a body held instead of an object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonKind {
    Null,
    Bool,
    Number,
    String,
    Array,
}

impl JsonKind {
    fn of(value: &Value) -> Self {
        match value {
            Value::Null => JsonKind::Null,
            Value::Bool(_) => JsonKind::Bool,
            Value::Number(_) => JsonKind::Number,
            Value::String(_) => JsonKind::String,
            // An object is not refused; `Array` stands in for both.
            Value::Array(_) | Value::Object(_) => JsonKind::Array,
        }
    }
}

/// A `required` issue for each field `T` requires that `object` lacks or holds `null` for.
fn missing_required<T: PartialSchema>(object: &serde_json::Map<String, Value>) -> Vec<FieldIssue> {
    use utoipa::openapi::schema::Schema;
    use utoipa::openapi::RefOr;
    let RefOr::T(Schema::Object(schema)) = T::schema() else {
        return Vec::new();
    };
    schema
        .required
        .into_iter()
        .filter(|name| object.get(name).is_none_or(Value::is_null))
        .map(|name| FieldIssue::new(name, Rule::Required))
        .collect()
}

/// The path of the first array in `given` where `parsed` (the same body, as serde took it and
/// wrote it back) has an object.
fn array_for_object(given: &Value, parsed: &Value, path: &str) -> Option<String> {
    let join = |key: &str| {
        if path.is_empty() {
            key.to_owned()
        } else {
            format!("{path}.{key}")
        }
    };
    match (given, parsed) {
        (Value::Array(_), Value::Object(_)) => Some(path.to_owned()),
        (Value::Object(given), Value::Object(parsed)) => given
            .iter()
            .find_map(|(key, value)| array_for_object(value, parsed.get(key)?, &join(key))),
        (Value::Array(given), Value::Array(parsed)) => given
            .iter()
            .zip(parsed)
            .enumerate()
            .find_map(|(i, (value, parsed))| {
                array_for_object(value, parsed, &join(&i.to_string()))
            }),
        _ => None,
    }
}

/// A refusal by serde of the field at `path` ("." for the body itself).
fn classify(error: serde_json::Error, path: &str) -> FieldIssue {
    // serde's own words, without serde_json's " at line 1 column 9".
    let message = error.to_string();
    let message = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(text, _)| text);
    // serde reports a missing field at the struct holding it, naming the field in backticks.
    if let Some(rest) = message.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or_default();
        let field = if path == "." {
            name.to_owned()
        } else {
            format!("{path}.{name}")
        };
        return FieldIssue::new(field, Rule::Required);
    }
    if let Some(rest) = message.strip_prefix("duplicate field `") {
        let name = rest.split('`').next().unwrap_or_default();
        return FieldIssue::new(name, Rule::BadFormat);
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let expected = rest.split_once(", expected ").map_or("", |(_, e)| e);
        return FieldIssue::new(path, Rule::WrongType(Expected::from_serde(expected)));
    }
    FieldIssue::new(path, Rule::BadFormat)
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

/// The client's IP: counted from the right of `X-Forwarded-For` past the configured number of
/// trusted proxies, otherwise the socket peer (server/src/platform/forwarded.rs).
pub struct ClientIp(pub String);

impl<S> FromRequestParts<S> for ClientIp
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = AppState::from_ref(state);
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| *addr);
        Ok(ClientIp(crate::platform::forwarded::client_ip(
            &parts.headers,
            state.config.trusted_proxies,
            peer,
        )))
    }
}

/// An id from the path (`/notices/{id}`, `/tasks/{id}` …): a positive integer, or it names
/// nothing (404).
pub fn path_id(raw: &str) -> crate::platform::error::Result<i64> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or(AppError::NotFound)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize, serde::Serialize, utoipa::ToSchema)]
    #[allow(dead_code)]
    struct Body {
        phone: String,
        age: u8,
        #[serde(default)]
        place: Option<Place>,
    }

    #[derive(Debug, serde::Deserialize, serde::Serialize, utoipa::ToSchema)]
    #[allow(dead_code)]
    struct Place {
        kind: String,
        id: i64,
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
        let twice = parse_json::<Body>(br#"{"phone":"1","phone":"2","age":3}"#).unwrap_err();
        assert_eq!(fields(twice), [("phone".to_owned(), "bad_format")]);
    }

    #[test]
    fn every_empty_required_field_is_named_at_once_and_null_is_empty() {
        let empty = parse_json::<Body>(b"{}").unwrap_err();
        assert_eq!(
            fields(empty),
            [
                ("phone".to_owned(), "required"),
                ("age".to_owned(), "required")
            ]
        );
        let nulls = parse_json::<Body>(br#"{"phone":null,"age":"x"}"#).unwrap_err();
        assert_eq!(fields(nulls), [("phone".to_owned(), "required")]);
        let nested = parse_json::<Body>(br#"{"phone":"1","age":3,"place":{"id":1}}"#).unwrap_err();
        assert_eq!(fields(nested), [("place.kind".to_owned(), "required")]);
    }

    #[test]
    fn wrong_types_say_what_the_field_takes() {
        let expected = |body: &[u8]| match parse_json::<Body>(body).unwrap_err() {
            AppError::Validation(issues) => issues[0].rule.clone(),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            expected(br#"{"phone":1,"age":3}"#),
            Rule::WrongType(Expected::Text)
        );
        assert_eq!(
            expected(br#"{"phone":"1","age":"3"}"#),
            Rule::WrongType(Expected::Number)
        );
        assert_eq!(
            expected(br#"{"phone":"1","age":3,"place":"3"}"#),
            Rule::WrongType(Expected::Object)
        );
    }

    #[test]
    fn objects_given_as_arrays_are_refused_at_any_depth() {
        // serde alone would take these field by field.
        assert!(matches!(
            parse_json::<Body>(br#"["1", 3]"#),
            Err(AppError::BadShape {
                got: JsonKind::Array,
                ..
            })
        ));
        let nested =
            parse_json::<Body>(br#"{"phone":"1","age":3,"place":["building",3]}"#).unwrap_err();
        assert_eq!(fields(nested), [("place".to_owned(), "wrong_type")]);
        assert!(
            parse_json::<Body>(br#"{"phone":"1","age":3,"place":{"kind":"b","id":3}}"#).is_ok()
        );
    }

    #[test]
    fn a_body_that_is_not_an_object_names_the_fields_it_needs() {
        for (body, kind) in [
            (&b"null"[..], JsonKind::Null),
            (b"true", JsonKind::Bool),
            (b"12", JsonKind::Number),
            (b"\"x\"", JsonKind::String),
        ] {
            match parse_json::<Body>(body) {
                Err(AppError::BadShape { got, missing }) => {
                    assert_eq!(got, kind);
                    let names: Vec<_> = missing.iter().map(|i| i.field.as_str()).collect();
                    assert_eq!(names, ["phone", "age"]);
                }
                other => panic!("{other:?}"),
            }
        }
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
        assert!(matches!(
            parse_json::<Body>(b"[]"),
            Err(AppError::BadShape { .. })
        ));
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
