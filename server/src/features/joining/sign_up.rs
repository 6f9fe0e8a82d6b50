//! Signing up: the fields are checked, the attempt is counted against the sign-up limits (per
//! address and per phone, in the database so every server agrees), and the account is made in
//! one transaction: active at once when the register vouches for the name and phone (taking
//! over a 代办-only account of that entry, with its history), otherwise waiting for a head.

use std::time::Duration;

use chrono::{DateTime, Utc};
use linli_api_types::{
    is_too_common, AccountStatus, NewPassword, PersonName, Phone, SessionGrant, SignUpRequest,
    SignedUp,
};

use crate::features::account::password::Hasher;
use crate::features::account::sign_in_limits::{self, Limit, Rule};
use crate::features::account::{me, sessions};
use crate::features::joining::own_request::{self, Decided};
use crate::features::joining::{home, refusals, register_match};
use crate::platform::db::{now_ms, Db};
use crate::platform::error::{AppError, FieldIssue, Result};
use crate::platform::ids::UserId;

const HOUR_MS: i64 = 60 * 60 * 1000;
/// Sign-ups from one address: loose, since a whole building may register on the community
/// centre's Wi-Fi at an open day, yet a bound on anyone making accounts or probing phones.
pub const PER_IP: Rule = Rule::Window {
    max: 60,
    window_ms: HOUR_MS,
};
/// Sign-ups naming one phone: a person retries a few times, not dozens.
pub const PER_PHONE: Rule = Rule::Window {
    max: 10,
    window_ms: HOUR_MS,
};

pub async fn sign_up(
    db: &Db,
    hasher: &Hasher,
    session_ttl: Duration,
    request: SignUpRequest,
    ip: &str,
) -> Result<SignedUp> {
    let mut issues = Vec::new();
    let phone = FieldIssue::check("phone", Phone::parse(&request.phone), &mut issues);
    let password = FieldIssue::check(
        "password",
        NewPassword::check(&request.password),
        &mut issues,
    );
    if password.is_some() && is_too_common(&request.password) {
        issues.push(refusals::too_common());
    }
    let name = FieldIssue::check("name", PersonName::parse(&request.name), &mut issues);
    let door = home::check_door(&request.door, &mut issues);
    let (Some(phone), Some(name)) = (phone, name) else {
        return Err(AppError::Validation(issues));
    };
    if !issues.is_empty() {
        return Err(AppError::Validation(issues));
    }

    // Counted before anything is looked up, so the limits bound probing which phones have an
    // account and which doors exist as much as making accounts.
    let limits = vec![
        Limit::counted(format!("sign_up_ip:{ip}"), PER_IP),
        Limit::counted(format!("sign_up_phone:{}", phone.as_str()), PER_PHONE),
    ];
    sign_in_limits::reserve(db, limits).await?.failed();

    let home = home::find(&db.read, request.unit_id, &door, None).await?;
    if phone_taken(db, phone.as_str()).await? {
        return Err(AppError::Validation(vec![refusals::phone_taken()]));
    }
    let password_hash = hasher.slot()?.hash(request.password).await?;

    let now = now_ms();
    let mut tx = db.write.begin().await?;
    let entry = register_match::find(
        &mut tx,
        home.view.household_id,
        name.as_str(),
        phone.as_str(),
    )
    .await?;
    let community_id = home.path.community_id;
    let user_id = match entry {
        Some(register_match::Entry {
            proxy_account: Some(account),
            ..
        }) => {
            // The elder's 代办 account becomes theirs: its points, orders and tasks stay.
            let taken = sqlx::query(
                "UPDATE users SET phone = $1, password_hash = $2, status = 'active', \
                    household_id = $3 \
                 WHERE id = $4 AND status = 'proxy_only'",
            )
            .bind(phone.as_str())
            .bind(&password_hash)
            .bind(home.view.household_id)
            .bind(account)
            .execute(&mut *tx)
            .await
            .map_err(taken_or)?;
            if taken.rows_affected() != 1 {
                return Err(AppError::Conflict);
            }
            account
        }
        Some(_) => {
            insert_user(
                &mut tx,
                &phone,
                &name,
                &password_hash,
                community_id,
                Some(home.view.household_id),
                AccountStatus::Active,
                now,
            )
            .await?
        }
        None => {
            insert_user(
                &mut tx,
                &phone,
                &name,
                &password_hash,
                community_id,
                None,
                AccountStatus::Pending,
                now,
            )
            .await?
        }
    };
    let decided = match entry {
        Some(entry) => {
            if !register_match::link(&mut tx, entry.id, user_id, now).await? {
                return Err(AppError::Conflict);
            }
            Decided::ByRegister(entry.id)
        }
        None => Decided::Waiting,
    };
    own_request::record(
        &mut tx,
        user_id,
        community_id,
        home.view.household_id,
        decided,
        now,
    )
    .await?;
    tx.commit().await?;
    tracing::info!(user_id, matched = entry.is_some(), "signed up");

    let user_id = UserId(user_id);
    let session = sessions::open(db, user_id, ip, session_ttl).await?;
    let me = me::load(db, user_id).await?;
    let expires_at = DateTime::<Utc>::from_timestamp_millis(session.expires_at)
        .unwrap_or(DateTime::<Utc>::MAX_UTC);
    Ok(SignedUp {
        session: SessionGrant {
            token: session.token,
            expires_at,
            me,
        },
        matched: entry.is_some(),
    })
}

async fn phone_taken(db: &Db, phone: &str) -> Result<bool> {
    let found: Option<(i64,)> = sqlx::query_as("SELECT id FROM users WHERE phone = $1")
        .bind(phone)
        .fetch_optional(&db.read)
        .await?;
    Ok(found.is_some())
}

/// Two sign-ups with one phone at once: the second meets the UNIQUE phone as a field error.
fn taken_or(error: sqlx::Error) -> AppError {
    match &error {
        sqlx::Error::Database(db) if db.is_unique_violation() => {
            AppError::Validation(vec![refusals::phone_taken()])
        }
        _ => error.into(),
    }
}

#[allow(clippy::too_many_arguments)]
async fn insert_user(
    conn: &mut sqlx::AnyConnection,
    phone: &Phone,
    name: &PersonName,
    password_hash: &str,
    community_id: i64,
    household_id: Option<i64>,
    status: AccountStatus,
    now: i64,
) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO users (phone, name, password_hash, community_id, household_id, \
            is_volunteer, created_at, status) \
         VALUES ($1, $2, $3, $4, $5, 0, $6, $7) RETURNING id",
    )
    .bind(phone.as_str())
    .bind(name.as_str())
    .bind(password_hash)
    .bind(community_id)
    .bind(household_id)
    .bind(now)
    .bind(status.as_str())
    .fetch_one(&mut *conn)
    .await
    .map_err(taken_or)?;
    Ok(id)
}
