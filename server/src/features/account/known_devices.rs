//! Devices that have signed in before: a long random token in an HttpOnly cookie, the database
//! keeping only its hash. An attempt carrying a valid token for the phone being signed in to
//! is counted on the device's own key (server/src/features/account/sign_in_limits.rs), so strangers guessing the
//! phone's password from elsewhere never lock its owner out.
//!
//! The cookie is `HttpOnly` (scripts cannot read it, so an injected script cannot carry it off),
//! `SameSite=Strict` (no other site's page can make the browser send it), `Path=/api/v1/sessions`
//! (sent with sign-in requests only), and `Secure` when the request came over https. The app
//! signs in with fetch from the same origin, which sends and stores cookies by default.

use axum::http::header::COOKIE;
use axum::http::{HeaderMap, HeaderValue};

use crate::features::account::session_token;
use crate::platform::db::{now_ms, Db};
use crate::platform::error::AppError;
use crate::platform::ids::UserId;

pub const COOKIE_NAME: &str = "linli_device";
/// A device unused this long is forgotten (and its cookie expires with it).
pub const KEEP_MS: i64 = 365 * 24 * 60 * 60 * 1000;
/// Devices remembered per user; the least recently used go first.
pub const MAX_PER_USER: i64 = 20;

/// The device token the request carries in its cookies, if any (not yet checked).
pub fn token_in(headers: &HeaderMap) -> Option<String> {
    cookie_value(headers, COOKIE_NAME)
}

/// A device the phone's owner signed in from before: its id and token, when `token` is valid
/// for the user with `phone`.
pub async fn recognise(
    db: &Db,
    token: Option<String>,
    phone: &str,
) -> Result<Option<(i64, String)>, AppError> {
    let Some(token) = token else {
        return Ok(None);
    };
    let id: Option<i64> = sqlx::query_scalar(
        "SELECT known_devices.id FROM known_devices \
         JOIN users ON users.id = known_devices.user_id \
         WHERE known_devices.token_hash = $1 AND users.phone = $2 AND known_devices.last_used_at > $3",
    )
    .bind(session_token::hash(&token))
    .bind(phone)
    .bind(now_ms() - KEEP_MS)
    .fetch_optional(&db.read)
    .await?;
    Ok(id.map(|id| (id, token)))
}

/// After a successful sign-in: refreshes the device that made it, or remembers a new one.
/// Returns the token to set in the cookie.
pub async fn remember(
    db: &Db,
    user_id: UserId,
    known: Option<(i64, String)>,
) -> Result<String, AppError> {
    let now = now_ms();
    if let Some((id, token)) = known {
        sqlx::query("UPDATE known_devices SET last_used_at = $1 WHERE id = $2")
            .bind(now)
            .bind(id)
            .execute(&db.write)
            .await?;
        return Ok(token);
    }
    let token = session_token::generate();
    sqlx::query(
        "INSERT INTO known_devices (user_id, token_hash, created_at, last_used_at) \
         VALUES ($1, $2, $3, $3)",
    )
    .bind(user_id.get())
    .bind(session_token::hash(&token))
    .bind(now)
    .execute(&db.write)
    .await?;
    sqlx::query(
        "DELETE FROM known_devices WHERE user_id = $1 AND id NOT IN \
         (SELECT id FROM known_devices WHERE user_id = $1 ORDER BY last_used_at DESC, id DESC LIMIT $2)",
    )
    .bind(user_id.get())
    .bind(MAX_PER_USER)
    .execute(&db.write)
    .await?;
    Ok(token)
}

/// The `Set-Cookie` value carrying `token`.
pub fn set_cookie(token: &str, secure: bool) -> HeaderValue {
    let max_age = KEEP_MS / 1000;
    let secure = if secure { "; Secure" } else { "" };
    let value = format!(
        "{COOKIE_NAME}={token}; Max-Age={max_age}; Path=/api/v1/sessions; HttpOnly; SameSite=Strict{secure}"
    );
    // The token is base64url: always a valid header value.
    HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// Forgets devices unused for a year.
pub async fn prune_unused(db: &Db) -> Result<u64, AppError> {
    let done = sqlx::query("DELETE FROM known_devices WHERE last_used_at < $1")
        .bind(now_ms() - KEEP_MS)
        .execute(&db.write)
        .await?;
    Ok(done.rows_affected())
}

/// The value of the first cookie named `name` in the request's `Cookie` headers.
fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.trim().to_owned())
        .filter(|value| !value.is_empty() && value.len() <= 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_device_cookie_is_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            COOKIE,
            HeaderValue::from_static("a=1; linli_device=abc ; b=2"),
        );
        assert_eq!(cookie_value(&headers, COOKIE_NAME).as_deref(), Some("abc"));
        headers.insert(COOKIE, HeaderValue::from_static("linli_devicex=abc"));
        assert_eq!(cookie_value(&headers, COOKIE_NAME), None);
    }

    #[test]
    fn the_cookie_is_http_only_strict_and_scoped_to_sign_in() {
        let plain = set_cookie("tok", false);
        assert_eq!(
            plain,
            "linli_device=tok; Max-Age=31536000; Path=/api/v1/sessions; HttpOnly; SameSite=Strict"
        );
        assert!(set_cookie("tok", true)
            .to_str()
            .unwrap()
            .ends_with("; Secure"));
    }
}
