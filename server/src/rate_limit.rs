//! Sign-in rate limits, counted in the database so every server behind a load balancer agrees.

use crate::db::{now_ms, Db};
use crate::error::AppError;

pub const WINDOW_MS: i64 = 15 * 60 * 1000;
/// Failed attempts for one phone number allowed per window (since its last success).
pub const MAX_FAILURES_PER_PHONE: i64 = 5;
/// Attempts of any outcome allowed from one IP per window.
pub const MAX_ATTEMPTS_PER_IP: i64 = 30;

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
    let failures: Vec<i64> = sqlx::query_scalar(
        "SELECT at FROM sign_in_attempts WHERE phone = $1 AND succeeded = 0 AND at > $2 \
         ORDER BY at DESC LIMIT $3",
    )
    .bind(phone)
    .bind(last_success.unwrap_or(window_start).max(window_start))
    .bind(MAX_FAILURES_PER_PHONE)
    .fetch_all(&db.read)
    .await?;
    limited_until(&failures, MAX_FAILURES_PER_PHONE, now)?;

    let attempts: Vec<i64> = sqlx::query_scalar(
        "SELECT at FROM sign_in_attempts WHERE ip = $1 AND at > $2 ORDER BY at DESC LIMIT $3",
    )
    .bind(ip)
    .bind(window_start)
    .bind(MAX_ATTEMPTS_PER_IP)
    .fetch_all(&db.read)
    .await?;
    limited_until(&attempts, MAX_ATTEMPTS_PER_IP, now)
}

/// `recent` holds the newest attempts' times, newest first, at most `max` of them. With `max`
/// in the window the caller waits until the oldest of them leaves it.
fn limited_until(recent: &[i64], max: i64, now: i64) -> Result<(), AppError> {
    match recent.get(max as usize - 1) {
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
        assert!(limited_until(&[], 5, 0).is_ok());
        assert!(limited_until(&[4, 3, 2, 1], 5, 10).is_ok());
    }

    #[test]
    fn at_the_limit_waits_for_the_oldest_attempt_to_expire() {
        let now = 1_000_000;
        let recent = [now - 1000, now - 2000, now - 3000, now - 4000, now - 60_000];
        match limited_until(&recent, 5, now) {
            Err(AppError::RateLimited { retry_after_secs }) => assert_eq!(retry_after_secs, 840),
            other => panic!("expected rate limit, got {other:?}"),
        }
    }
}
