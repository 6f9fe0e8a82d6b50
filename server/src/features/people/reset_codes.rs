//! Password help without SMS: a head (for residents of their places who hold no role) or staff
//! (for anyone of the community but themselves) issues a one-time code and hands it over in
//! person. Only its hash is kept; it lives 30 minutes, works once, dies after `MAX_WRONG_TRIES`
//! wrong tries against the phone, and a newer code voids it. Using it sets a new password and
//! signs every session of the account out; the resident then sees who reset it and when.

use std::time::Duration;

use linli_api_types::{
    is_too_common, mask_phone, NewPassword, PasswordReset, PasswordResetBy, PasswordResetNotice,
    Phone, ResetCode, RESET_CODE_DIGITS,
};
use rand::Rng;
use sha2::{Digest, Sha256};

use crate::features::account::password::Hasher;
use crate::features::account::refusals;
use crate::features::account::sign_in_limits::{self, Limit, Rule};
use crate::features::people::person;
use crate::features::people::reach::Reach;
use crate::features::people::reset_refusals;
use crate::platform::auth::AuthUser;
use crate::platform::db::{now_ms, time, Db};
use crate::platform::error::{AppError, FieldIssue, Result};

/// How long a code works.
pub const CODE_TTL: Duration = Duration::from_secs(30 * 60);
/// Wrong codes tried against a phone before its code is void.
pub const MAX_WRONG_TRIES: i64 = 5;

/// The account a code would be for.
pub struct Target {
    pub user_id: i64,
    pub status: String,
    pub grid: Option<i64>,
    pub building: Option<i64>,
    pub unit: Option<i64>,
    /// Holds a role or volunteers: heads may not take such an account over.
    pub holds_role: bool,
}

/// Whether `auth` may issue a code for `target`: never for themselves nor for an account
/// without a login; staff for anyone else of the community; heads for residents of their
/// places who hold no role (so a head cannot take over a colleague's or staff's account).
pub fn may_issue(auth: &AuthUser, reach: &Reach, target: &Target) -> bool {
    if target.user_id == auth.user_id
        || !matches!(target.status.as_str(), "active" | "pending" | "declined")
    {
        return false;
    }
    reach.staff || (!target.holds_role && reach.covers(target.grid, target.building, target.unit))
}

/// What `reset_codes.code_hash` holds: SHA-256 of the user id and the code, so one table of
/// the 10⁸ codes' hashes does not serve every row.
fn code_hash(user_id: i64, code: &str) -> String {
    hex::encode(Sha256::digest(format!("{user_id}:{code}").as_bytes()))
}

fn new_code() -> String {
    let n: u32 = rand::rngs::OsRng.gen_range(0..100_000_000);
    format!("{n:0width$}", width = RESET_CODE_DIGITS)
}

/// Issues a code for member `member_id`, voiding any earlier unused one. Not idempotent on
/// purpose: a retry gets a fresh code (the one lost with the first answer is void), and no
/// stored answer ever holds a code in the clear.
pub async fn issue(db: &Db, auth: &AuthUser, member_id: i64) -> Result<ResetCode> {
    let reach = Reach::of(auth).ok_or(AppError::Forbidden)?;
    let row = person::reachable_account(db, auth, &reach, member_id).await?;
    let target = Target {
        user_id: row.id,
        status: row.status.clone(),
        grid: row.grid_id,
        building: row.building_id,
        unit: row.unit_id,
        holds_role: row.is_volunteer != 0 || has_grants(db, row.id).await?,
    };
    auth.require(may_issue(auth, &reach, &target))?;
    let code = new_code();
    let now = now_ms();
    let expires_at = now + CODE_TTL.as_millis() as i64;
    let mut tx = db.write.begin().await?;
    sqlx::query(
        "UPDATE reset_codes SET voided_at = $1 \
         WHERE user_id = $2 AND used_at IS NULL AND voided_at IS NULL",
    )
    .bind(now)
    .bind(row.id)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO reset_codes (user_id, code_hash, issued_by, issued_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(row.id)
    .bind(code_hash(row.id, &code))
    .bind(auth.user_id)
    .bind(now)
    .bind(expires_at)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    tracing::info!(member_id = row.id, "password reset code issued");
    Ok(ResetCode {
        code,
        for_name: row.name,
        for_phone_masked: mask_phone(&row.phone),
        expires_at: time(expires_at),
    })
}

async fn has_grants(db: &Db, user_id: i64) -> Result<bool> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT user_id FROM role_grants WHERE user_id = $1 LIMIT 1")
            .bind(user_id)
            .fetch_optional(&db.read)
            .await?;
    Ok(found.is_some())
}

#[derive(sqlx::FromRow)]
struct LiveCode {
    id: i64,
    code_hash: String,
    expires_at: i64,
}

/// Sets a new password with a code (no session). A wrong phone, a wrong, used, void or expired
/// code all answer the same, so the answer tells nobody which phones have accounts or codes.
/// Attempts at 忘记密码 from one address: a family or a community centre resets a few, but no
/// one walks through phones looking for a live code (each code also dies after 5 wrong tries).
pub const RESETS_PER_IP: Rule = Rule::Window {
    max: 30,
    window_ms: 60 * 60 * 1000,
};

pub async fn reset(db: &Db, hasher: &Hasher, request: PasswordReset, ip: &str) -> Result<u64> {
    let mut issues = Vec::new();
    let phone = FieldIssue::check("phone", Phone::parse(&request.phone), &mut issues);
    let code: String = request
        .code
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if code.is_empty() {
        issues.push(reset_refusals::code_required());
    } else if code.len() != RESET_CODE_DIGITS || !code.bytes().all(|b| b.is_ascii_digit()) {
        issues.push(reset_refusals::code_format());
    }
    let new_password = FieldIssue::check(
        "new_password",
        NewPassword::check(&request.new_password),
        &mut issues,
    );
    if new_password.is_some() && is_too_common(&request.new_password) {
        issues.push(refusals::too_common());
    }
    let Some(phone) = phone else {
        return Err(AppError::Validation(issues));
    };
    if !issues.is_empty() {
        return Err(AppError::Validation(issues));
    }
    // Counted before the phone is looked up: the limit bounds probing phones as well as codes.
    sign_in_limits::reserve(db, vec![Limit::counted(format!("password_reset_ip:{ip}"), RESETS_PER_IP)])
        .await?
        .failed();
    let user: Option<i64> =
        sqlx::query_scalar("SELECT id FROM users WHERE phone = $1 AND status <> 'proxy_only'")
            .bind(phone.as_str())
            .fetch_optional(&db.read)
            .await?;
    let Some(user_id) = user else {
        return Err(reset_refusals::wrong_code());
    };
    let now = now_ms();
    let live: Option<LiveCode> = sqlx::query_as(
        "SELECT id, code_hash, expires_at FROM reset_codes \
         WHERE user_id = $1 AND used_at IS NULL AND voided_at IS NULL \
         ORDER BY issued_at DESC, id DESC LIMIT 1",
    )
    .bind(user_id)
    .fetch_optional(&db.write)
    .await?;
    let Some(live) = live.filter(|live| live.expires_at > now) else {
        return Err(reset_refusals::wrong_code());
    };
    if live.code_hash != code_hash(user_id, &code) {
        // Counted in the row, so every server behind a balancer counts the same tries.
        sqlx::query(
            "UPDATE reset_codes SET wrong_tries = wrong_tries + 1, \
                voided_at = CASE WHEN wrong_tries + 1 >= $1 THEN $2 ELSE voided_at END \
             WHERE id = $3",
        )
        .bind(MAX_WRONG_TRIES)
        .bind(now)
        .bind(live.id)
        .execute(&db.write)
        .await?;
        tracing::info!(user_id, "wrong password reset code");
        return Err(reset_refusals::wrong_code());
    }
    let new_hash = hasher.slot()?.hash(request.new_password).await?;
    let now = now_ms();
    let mut tx = db.write.begin().await?;
    // Guarded by what was read: of two racing uses (or a use racing a newer code) one wins.
    let used = sqlx::query(
        "UPDATE reset_codes SET used_at = $1 \
         WHERE id = $2 AND used_at IS NULL AND voided_at IS NULL AND expires_at > $1",
    )
    .bind(now)
    .bind(live.id)
    .execute(&mut *tx)
    .await?;
    if used.rows_affected() == 0 {
        return Err(reset_refusals::wrong_code());
    }
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(&new_hash)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    let revoked = sqlx::query(
        "UPDATE sessions SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(user_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    tx.commit().await?;
    tracing::info!(
        user_id,
        revoked_sessions = revoked,
        "password reset with a code"
    );
    Ok(revoked)
}

#[derive(sqlx::FromRow)]
struct UsedRow {
    by_name: String,
    used_at: i64,
}

/// The last time `auth`'s password was reset with a code, and by whom.
pub async fn notice(db: &Db, auth: &AuthUser) -> Result<PasswordResetNotice> {
    let row: Option<UsedRow> = sqlx::query_as(
        "SELECT u.name AS by_name, rc.used_at FROM reset_codes rc \
         JOIN users u ON u.id = rc.issued_by \
         WHERE rc.user_id = $1 AND rc.used_at IS NOT NULL \
         ORDER BY rc.used_at DESC LIMIT 1",
    )
    .bind(auth.user_id)
    .fetch_optional(&db.read)
    .await?;
    Ok(PasswordResetNotice {
        last: row.map(|row| PasswordResetBy {
            by_name: row.by_name,
            at: time(row.used_at),
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_eight_digits_and_hashed_with_the_user() {
        let code = new_code();
        assert_eq!(code.len(), 8);
        assert!(code.bytes().all(|b| b.is_ascii_digit()));
        assert_ne!(code_hash(1, "12345678"), code_hash(2, "12345678"));
    }
}
