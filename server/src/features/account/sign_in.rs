//! Signing in with phone number and password: the sign-in limits are counted before the
//! password is hashed, a device that signed in before is counted on its own, and a session is
//! opened for the member.

use std::time::Duration;

use chrono::{DateTime, Utc};
use linli_api_types::{Password, Phone, SessionGrant, SignInRequest};

use crate::features::account::password::Hasher;
use crate::features::account::refusals::AccountRefusal;
use crate::features::account::sign_in_limits::{self, Limit};
use crate::features::account::{known_devices, me, password_check, sessions};
use crate::platform::db::Db;
use crate::platform::error::{AppError, FieldIssue, Result};
use crate::platform::ids::UserId;

/// Where a sign-in comes from.
#[derive(Debug, Clone)]
pub struct Origin {
    /// The client's address, as the limits count it.
    pub ip: String,
    /// The `linli_device` cookie's token, unchecked.
    pub device_token: Option<String>,
}

/// A successful sign-in: the grant for the app, and the device token to set in its cookie.
#[derive(Debug)]
pub struct SignedIn {
    pub grant: SessionGrant,
    pub device_token: String,
}

#[derive(sqlx::FromRow)]
struct Credentials {
    id: i64,
    password_hash: String,
}

pub async fn sign_in(
    db: &Db,
    hasher: &Hasher,
    session_ttl: Duration,
    request: SignInRequest,
    origin: Origin,
) -> Result<SignedIn> {
    let mut issues = Vec::new();
    let phone = FieldIssue::check("phone", Phone::parse(&request.phone), &mut issues);
    FieldIssue::check("password", Password::check(&request.password), &mut issues);
    let Some(phone) = phone.filter(|_| issues.is_empty()) else {
        return Err(AppError::Validation(issues));
    };
    let ip = origin.ip.as_str();
    // A device that has signed in to this phone before is counted on its own; anyone else
    // on the address, the phone-and-address and the phone (`sign_in_limits`).
    let device = known_devices::recognise(db, origin.device_token, phone.as_str()).await?;
    let limits = match &device {
        Some((device_id, _)) => vec![Limit::device(*device_id)],
        None => vec![
            Limit::ip(ip),
            Limit::phone_ip(phone.as_str(), ip),
            Limit::phone(phone.as_str()),
        ],
    };
    let reservation = sign_in_limits::reserve(db, limits).await?;
    let slot = match hasher.slot() {
        Ok(slot) => slot,
        Err(overloaded) => {
            reservation.release(db).await?;
            return Err(overloaded);
        }
    };

    let user: Option<Credentials> =
        sqlx::query_as("SELECT id, password_hash FROM users WHERE phone = $1")
            .bind(phone.as_str())
            .fetch_optional(&db.read)
            .await?;
    let (user_id, stored) = match user {
        Some(user) => (Some(user.id), Some(user.password_hash)),
        None => (None, None),
    };
    let verified = password_check::counted(
        db,
        reservation,
        slot,
        request.password,
        stored,
        phone.as_str(),
        ip,
    )
    .await?;
    // A password never verifies without a stored hash, so `verified` means the user exists.
    let Some(user_id) = user_id.filter(|_| verified).map(UserId) else {
        return Err(AccountRefusal::InvalidCredentials.into());
    };

    // The user's dead sessions go now, so the table holds about one live row per device.
    sessions::purge_dead(db, Some(user_id)).await?;
    let session = sessions::open(db, user_id, ip, session_ttl).await?;
    tracing::info!(user_id = user_id.get(), "signed in");
    let device_token = known_devices::remember(db, user_id, device).await?;
    let me = me::load(db, user_id).await?;
    let expires_at = DateTime::<Utc>::from_timestamp_millis(session.expires_at)
        .unwrap_or(DateTime::<Utc>::MAX_UTC);
    Ok(SignedIn {
        grant: SessionGrant {
            token: session.token,
            expires_at,
            me,
        },
        device_token,
    })
}
