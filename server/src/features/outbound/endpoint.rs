//! The community's webhook as staff see and set it: its URL, on or off, and the signing secret
//! (made on the first save and on rotation, shown those times only; afterwards only its last
//! four characters).

use linli_api_types::{Role, WebhookSecret, WebhookSettings, WebhookUpdate};
use sqlx::AnyConnection;

use super::address;
use super::refusals::{url_issue, OutboundRefusal};
use super::signature;
use crate::platform::auth::{AuthUser, PlacePath};
use crate::platform::error::{AppError, Result};

/// Staff of their own community only (403 otherwise): the webhook carries every resident's
/// messages, names and phone numbers out of Linli.
pub fn require_staff(auth: &AuthUser) -> Result<()> {
    auth.require(auth.covers(Role::Staff, &PlacePath::community(auth.community_id)))
}

/// What a save did.
pub enum Saved {
    /// The first save: the new secret, to show once.
    Created(WebhookSecret),
    Updated(WebhookSettings),
}

pub async fn settings(conn: &mut AnyConnection, community_id: i64) -> Result<WebhookSettings> {
    let endpoint: Option<(String, i64, String)> = sqlx::query_as(
        "SELECT url, enabled, secret FROM webhook_endpoints WHERE community_id = $1",
    )
    .bind(community_id)
    .fetch_optional(&mut *conn)
    .await?;
    let (pending, dead): (i64, i64) = sqlx::query_as(
        "SELECT COALESCE(SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END), 0), \
                COALESCE(SUM(CASE WHEN status = 'dead' THEN 1 ELSE 0 END), 0) \
         FROM webhook_deliveries WHERE community_id = $1 AND status IN ('pending', 'dead')",
    )
    .bind(community_id)
    .fetch_one(&mut *conn)
    .await?;
    Ok(match endpoint {
        Some((url, enabled, secret)) => WebhookSettings {
            url: Some(url),
            enabled: enabled != 0,
            secret_hint: Some(signature::hint(&secret)),
            pending,
            dead,
        },
        None => WebhookSettings {
            url: None,
            enabled: false,
            secret_hint: None,
            pending,
            dead,
        },
    })
}

/// Checks the update before the write begins: the URL as it will be stored.
pub fn check(update: &WebhookUpdate) -> Result<String> {
    address::check(&update.url)
        .map(|url| url.to_string())
        .map_err(|problem| AppError::Validation(vec![url_issue(problem)]))
}

pub async fn save(
    tx: &mut AnyConnection,
    auth: &AuthUser,
    url: &str,
    enabled: bool,
    now: i64,
) -> Result<Saved> {
    let secret = signature::new_secret();
    // The secret is kept from an earlier save: changing the URL must not break the receiver.
    let created: Option<i64> = sqlx::query_scalar(
        "INSERT INTO webhook_endpoints (community_id, url, secret, enabled, updated_by, \
             updated_at) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (community_id) DO NOTHING RETURNING community_id",
    )
    .bind(auth.community_id)
    .bind(url)
    .bind(&secret)
    .bind(i64::from(enabled))
    .bind(auth.user_id)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    if created.is_some() {
        return Ok(Saved::Created(WebhookSecret { secret }));
    }
    sqlx::query(
        "UPDATE webhook_endpoints SET url = $1, enabled = $2, updated_by = $3, updated_at = $4 \
         WHERE community_id = $5",
    )
    .bind(url)
    .bind(i64::from(enabled))
    .bind(auth.user_id)
    .bind(now)
    .bind(auth.community_id)
    .execute(&mut *tx)
    .await?;
    Ok(Saved::Updated(settings(tx, auth.community_id).await?))
}

/// A new secret in place of the old at once: deliveries from now on are signed with it.
pub async fn rotate(tx: &mut AnyConnection, auth: &AuthUser, now: i64) -> Result<WebhookSecret> {
    let secret = signature::new_secret();
    let changed = sqlx::query(
        "UPDATE webhook_endpoints SET secret = $1, updated_by = $2, updated_at = $3 \
         WHERE community_id = $4",
    )
    .bind(&secret)
    .bind(auth.user_id)
    .bind(now)
    .bind(auth.community_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed == 0 {
        return Err(OutboundRefusal::NotSet.into());
    }
    Ok(WebhookSecret { secret })
}
