//! Sign-in rate limits, counted in the database so every server behind a load balancer agrees.

use crate::db::{now_ms, Db};
use crate::error::AppError;

pub const WINDOW_MS: i64 = 15 * 60 * 1000;
/// Wrong passwords for one phone number (one account) allowed per window, since its last
/// success: tight, since guessing one person's password is the attack. The account's owner
/// signing in correctly starts the count again.
pub const MAX_FAILURES_PER_PHONE: i64 = 10;
/// Attempts of any outcome allowed from one IP per window: loose, since a whole building may
/// share one Wi-Fi (or one carrier NAT) and sign in on the same evening, yet still a bound on
/// password spraying across many phones and on the password hashing one client can cause.
pub const MAX_ATTEMPTS_PER_IP: i64 = 300;

/// Refuses with `rate_limited` when this phone or IP has used up its attempts. Called before
/// the password is checked, so a limited caller learns nothing about it.
pub async fn check_sign_in(db: &Db, phone: &str, ip: &str) -> Result<(), AppError> {
    let now = now_ms();
    let window_start = now - WINDOW_MS;

    let last_success: Option<i64> = sqlx::query_scalar(
        "SELECT MAX(at) FROM sign_in_attempts WHERE phone = $1 AND succeeded = 1 AND at > $2",
    )
    .bind(phone)
    .bind(window_start)
    .fetch_one(&db.read)
    .await?;
    // The oldest of the last `MAX` failures, if there are that many: the limit is reached, and
    // lifts when that one leaves the window.
    let failure: Option<i64> = sqlx::query_scalar(
        "SELECT at FROM sign_in_attempts WHERE phone = $1 AND succeeded = 0 AND at > $2 \
         ORDER BY at DESC LIMIT 1 OFFSET $3",
    )
    .bind(phone)
    .bind(last_success.unwrap_or(window_start).max(window_start))
    .bind(MAX_FAILURES_PER_PHONE - 1)
    .fetch_optional(&db.read)
    .await?;
    limited_until(failure, now)?;

    let attempt: Option<i64> = sqlx::query_scalar(
        "SELECT at FROM sign_in_attempts WHERE ip = $1 AND at > $2 \
         ORDER BY at DESC LIMIT 1 OFFSET $3",
    )
    .bind(ip)
    .bind(window_start)
    .bind(MAX_ATTEMPTS_PER_IP - 1)
    .fetch_optional(&db.read)
    .await?;
    limited_until(attempt, now)
}

/// `oldest_counted` is the oldest of the newest `max` attempts when there are `max` in the
/// window; the caller then waits until it leaves the window.
fn limited_until(oldest_counted: Option<i64>, now: i64) -> Result<(), AppError> {
    match oldest_counted {
        Some(oldest) => {
            let wait_ms = (oldest + WINDOW_MS - now).max(1000);
            Err(AppError::RateLimited {
                retry_after_secs: (wait_ms as u64).div_ceil(1000),
            })
        }
        None => Ok(()),
    }
}

pub async fn record_sign_in(
    db: &Db,
    phone: &str,
    ip: &str,
    succeeded: bool,
) -> Result<(), AppError> {
    sqlx::query("INSERT INTO sign_in_attempts (phone, ip, at, succeeded) VALUES ($1, $2, $3, $4)")
        .bind(phone)
        .bind(ip)
        .bind(now_ms())
        .bind(i64::from(succeeded))
        .execute(&db.write)
        .await?;
    Ok(())
}

/// Forgets attempts older than a day: only the last window counts, the rest is clutter.
pub async fn prune_old_attempts(db: &Db) -> Result<u64, AppError> {
    let day_ago = now_ms() - 24 * 60 * 60 * 1000;
    let done = sqlx::query("DELETE FROM sign_in_attempts WHERE at < $1")
        .bind(day_ago)
        .execute(&db.write)
        .await?;
    Ok(done.rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn under_the_limit_passes() {
        assert!(limited_until(None, 0).is_ok());
    }

    #[test]
    fn at_the_limit_waits_for_the_oldest_counted_attempt_to_expire() {
        let now = 1_000_000;
        match limited_until(Some(now - 60_000), now) {
            Err(AppError::RateLimited { retry_after_secs }) => assert_eq!(retry_after_secs, 840),
            other => panic!("expected rate limit, got {other:?}"),
        }
        // Never less than a second, even when it is about to leave the window.
        match limited_until(Some(now - WINDOW_MS + 10), now) {
            Err(AppError::RateLimited { retry_after_secs }) => assert_eq!(retry_after_secs, 1),
            other => panic!("expected rate limit, got {other:?}"),
        }
    }
}
