//! What a restricted session may reach, checked for every request as `AuthUser` is extracted,
//! before any handler runs, so a route added later is closed to them until it is listed here.
//!
//! - An account waiting for a head's approval (`pending`) or turned down (`declined`) reads
//!   community-wide notices and the service menu and follows its own join request: nothing
//!   of a building, and no writes but its own request, password and sign-out.
//! - A 代办 session (`proxy_by` set: a head or staff member acting for a resident) does what
//!   the resident would at the counter: order a service (and rate or cancel it), join or
//!   withdraw from a task, redeem a reward, post, thank for or withdraw a 微心愿, read the
//!   resident's notices, points and wishes. Nothing
//!   else: no password, no sessions, no powers of the one acting.

use axum::http::Method;
use linli_api_types::AccountStatus;

use crate::platform::auth::AuthUser;
use crate::platform::error::AppError;

/// (method, route template) pairs a waiting or declined account may use.
const WAITING: &[(Method, &str)] = &[
    (Method::GET, "/api/v1/me"),
    (Method::PUT, "/api/v1/me/password"),
    (Method::DELETE, "/api/v1/sessions/current"),
    (Method::GET, "/api/v1/notices"),
    (Method::GET, "/api/v1/notices/{id}"),
    (Method::PUT, "/api/v1/notices/{id}/read"),
    (Method::GET, "/api/v1/services"),
    (Method::GET, "/api/v1/services/{id}"),
    (Method::GET, "/api/v1/services/{id}/slots"),
    (Method::GET, "/api/v1/me/join-request"),
    (Method::PUT, "/api/v1/me/join-request"),
    (Method::GET, "/api/v1/me/password-reset"),
    // 消息: the answer to their request reaches them as a message.
    (Method::GET, "/api/v1/messages"),
    (Method::GET, "/api/v1/messages/unread"),
    (Method::POST, "/api/v1/messages/{id}/read"),
    (Method::POST, "/api/v1/messages/read-all"),
    (Method::POST, "/api/v1/messages/stream-ticket"),
    (Method::GET, "/api/v1/messages/preferences"),
    (Method::PUT, "/api/v1/messages/preferences"),
];

/// Writes a 代办 session may make; it may read everything the resident may read, bar `PROXY_NO_READ`.
const PROXY_WRITES: &[(Method, &str)] = &[
    (Method::DELETE, "/api/v1/sessions/current"),
    (Method::PUT, "/api/v1/notices/{id}/read"),
    (Method::POST, "/api/v1/orders"),
    (Method::POST, "/api/v1/orders/{id}/cancel"),
    (Method::POST, "/api/v1/orders/{id}/rate"),
    (Method::PUT, "/api/v1/tasks/{id}/enrollment"),
    (Method::DELETE, "/api/v1/tasks/{id}/enrollment"),
    (Method::POST, "/api/v1/rewards/{id}/redemptions"),
    (Method::DELETE, "/api/v1/proxy/current"),
    // 微心愿: posting, thanking and withdrawing the resident's wish.
    (Method::POST, "/api/v1/wishes"),
    (Method::POST, "/api/v1/wishes/{id}/thanks"),
    (Method::POST, "/api/v1/wishes/{id}/withdraw"),
    // 民声有回应: a head reports, follows up and rates for a resident who cannot.
    (Method::POST, "/api/v1/photos"),
    (Method::POST, "/api/v1/reports"),
    (Method::POST, "/api/v1/reports/{id}/follow-up"),
    (Method::POST, "/api/v1/reports/{id}/rating"),
    (Method::POST, "/api/v1/reports/{id}/support"),
    // 消息: the app's live stream while acting (a read); marking read stays the resident's.
    (Method::POST, "/api/v1/messages/stream-ticket"),
];

/// Reads that are the resident's alone even when someone acts for them.
const PROXY_NO_READ: &[&str] = &[
    // 台账导出: staff's spreadsheets, never through someone acting for a resident.
    "/api/v1/exports/volunteers.xlsx",
    "/api/v1/exports/orders.xlsx",
    "/api/v1/exports/notices.xlsx",
    // The directory of heads and staff: not through 代办 for one of them.
    "/api/v1/people",
    "/api/v1/people/{person}",
    // The household register and its progress are the powers of staff and heads.
    "/api/v1/register/imports",
    "/api/v1/register/template",
    "/api/v1/register/progress",
    "/api/v1/register/buildings/{id}/unjoined",
    // Reviewing wishes is a head's power, not the resident's.
    "/api/v1/wishes/review",
];

/// `Ok` when `auth` may make this request; 403 `forbidden` otherwise. `route` is the matched
/// route template (`/api/v1/orders/{id}`), `None` for a path no route matched.
pub fn check(auth: &AuthUser, method: &Method, route: Option<&str>) -> Result<(), AppError> {
    let listed = |list: &[(Method, &str)]| {
        route.is_some_and(|route| list.iter().any(|(m, r)| m == method && *r == route))
    };
    let waiting = matches!(auth.status, AccountStatus::Pending | AccountStatus::Declined);
    if waiting && !listed(WAITING) {
        return Err(AppError::Forbidden);
    }
    if auth.proxy_by.is_some() {
        let read = *method == Method::GET && !route.is_some_and(|r| PROXY_NO_READ.contains(&r));
        if !read && !listed(PROXY_WRITES) {
            return Err(AppError::Forbidden);
        }
    }
    Ok(())
}
