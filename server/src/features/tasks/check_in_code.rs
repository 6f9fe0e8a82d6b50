//! The check-in code shown at the site: six digits from the task's secret and the minute,
//! so nobody off site can check in; the previous minute's code stays valid one more minute.

use linli_api_types::{CheckInCode, CHECK_IN_CODE_WINDOW_SECONDS};
use sha2::{Digest, Sha256};
use sqlx::{Any, Executor};

use super::task_row::time;
use crate::platform::error::Result;
use crate::platform::ids::TaskId;

const WINDOW_MS: i64 = CHECK_IN_CODE_WINDOW_SECONDS as i64 * 1000;

/// The six digits of `secret`'s code in the 60-second window `window`.
fn check_in_code(secret: &str, window: i64) -> String {
    let mut hasher = Sha256::new();
    hasher.update(secret.as_bytes());
    hasher.update(b":");
    hasher.update(window.to_be_bytes());
    let digest = hasher.finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    format!("{:06}", u64::from_be_bytes(first) % 1_000_000)
}

/// The window `now` falls in, and the seconds until it ends.
fn code_window(now: i64) -> (i64, u32) {
    let window = now.div_euclid(WINDOW_MS);
    let left = ((window + 1) * WINDOW_MS - now + 999) / 1000;
    (window, left as u32)
}

/// Whether `code` is the current or the previous window's code.
pub fn code_matches(secret: &str, code: &str, now: i64) -> bool {
    let (window, _) = code_window(now);
    let code = code.trim();
    [window, window - 1]
        .into_iter()
        .any(|w| check_in_code(secret, w) == code)
}

/// A fresh per-task secret.
pub fn new_secret() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// The task's secret, which its codes come from.
pub async fn secret<'e, E>(executor: E, task_id: TaskId) -> Result<String>
where
    E: Executor<'e, Database = Any>,
{
    Ok(
        sqlx::query_scalar("SELECT check_in_secret FROM tasks WHERE id = $1")
            .bind(task_id.get())
            .fetch_one(executor)
            .await?,
    )
}

/// The code to show at the site now, and until when.
pub async fn current<'e, E>(executor: E, task_id: TaskId, now: i64) -> Result<CheckInCode>
where
    E: Executor<'e, Database = Any>,
{
    let secret = secret(executor, task_id).await?;
    let (window, seconds_left) = code_window(now);
    Ok(CheckInCode {
        code: check_in_code(&secret, window),
        seconds_left,
        valid_until: time(now + i64::from(seconds_left) * 1000),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_six_digits_and_change_with_the_window() {
        let a = check_in_code("secret", 1000);
        assert_eq!(a.len(), 6);
        assert!(a.bytes().all(|b| b.is_ascii_digit()));
        assert_eq!(a, check_in_code("secret", 1000));
        assert_ne!(check_in_code("secret", 1000), check_in_code("other", 1000));
        let now = 1000 * WINDOW_MS + 5_000;
        assert!(code_matches("secret", &check_in_code("secret", 1000), now));
        assert!(code_matches("secret", &check_in_code("secret", 999), now));
        assert!(
            !code_matches("secret", &check_in_code("secret", 998), now)
                || check_in_code("secret", 998) == a
        );
        assert_eq!(code_window(now), (1000, 55));
    }
}
