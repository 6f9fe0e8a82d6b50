//! What the request log may say about a request: method, path with its secrets left out,
//! status and latency. Headers and bodies carry tokens and passwords and are never written.
//!
//! A route's path parameters are written only when they are plain ids (`{id}`, `{user_id}`:
//! digits) or a roster `{action}` (a lowercase word); any other value — a voucher's `{code}`,
//! the rest of a path no route knows — is written as the parameter's name. So
//! `GET /api/v1/vouchers/LX7K-2Q9M` is logged as `/api/v1/vouchers/{code}`. Paths outside
//! `/api/` (the app's pages and files, which carry ids only) are written as they are.

use axum::extract::{MatchedPath, Request};

/// Parameters whose values may be logged, each with the shape its values must have.
fn loggable(name: &str, value: &str) -> bool {
    let short = !value.is_empty() && value.len() <= 20;
    match name {
        "id" | "user_id" => short && value.bytes().all(|b| b.is_ascii_digit()),
        "action" => short && value.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
        _ => false,
    }
}

/// The path of `request` as the log may show it.
pub fn path(request: &Request) -> String {
    let path = request.uri().path();
    match request.extensions().get::<MatchedPath>() {
        Some(route) => redact(route.as_str(), path),
        None if path == "/api" || path.starts_with("/api/") => "/api/{*rest}".to_owned(),
        None => path.to_owned(),
    }
}

/// `path` with each parameter of `route` (`{name}`, `{*name}`) replaced by its name unless
/// its value may be logged.
fn redact(route: &str, path: &str) -> String {
    let route_segments: Vec<&str> = route.split('/').collect();
    let path_segments: Vec<&str> = path.split('/').collect();
    if route_segments.len() != path_segments.len()
        || route_segments.iter().any(|s| s.starts_with("{*"))
    {
        return route.to_owned();
    }
    route_segments
        .iter()
        .zip(&path_segments)
        .map(|(template, value)| {
            match template
                .strip_prefix('{')
                .and_then(|rest| rest.strip_suffix('}'))
            {
                Some(name) if loggable(name, value) => *value,
                Some(_) => template,
                None => value,
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn voucher_codes_are_replaced_by_the_parameters_name() {
        assert_eq!(
            redact("/api/v1/vouchers/{code}", "/api/v1/vouchers/LX7K-2Q9M"),
            "/api/v1/vouchers/{code}"
        );
        assert_eq!(
            redact(
                "/api/v1/vouchers/{code}/used",
                "/api/v1/vouchers/12345678/used"
            ),
            "/api/v1/vouchers/{code}/used"
        );
    }

    #[test]
    fn ids_and_actions_are_kept_when_they_look_like_ids_and_actions() {
        assert_eq!(
            redact(
                "/api/v1/tasks/{id}/roster/{user_id}/{action}",
                "/api/v1/tasks/12/roster/7/check_in"
            ),
            "/api/v1/tasks/12/roster/7/check_in"
        );
        assert_eq!(
            redact("/api/v1/notices/{id}", "/api/v1/notices/LX7K-2Q9M"),
            "/api/v1/notices/{id}"
        );
        assert_eq!(
            redact("/api/v1/notices/{id}", "/api/v1/notices/%E4%BD%A0"),
            "/api/v1/notices/{id}"
        );
    }

    #[test]
    fn unknown_api_paths_are_not_written_out() {
        assert_eq!(
            redact("/api/{*rest}", "/api/v1/voucher/LX7K-2Q9M"),
            "/api/{*rest}"
        );
    }
}
