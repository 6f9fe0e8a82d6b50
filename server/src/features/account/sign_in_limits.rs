//! Sign-in limits, counted in one database row per key so every server behind a load balancer
//! agrees, and so that checking a limit and counting the attempt are one guarded UPDATE: sixty
//! guesses sent at once cannot all pass a check made before any of them was counted.
//!
//! A stranger's attempt (no known-device cookie for the phone) takes, in this order:
//! - `ip`: 300 attempts per 15 minutes from one address: loose, since a whole building may share
//!   one Wi-Fi or carrier NAT, yet a bound on spraying and on the hashing one client causes;
//! - `phone_ip`: 5 wrong passwords per 15 minutes for one phone from one address: tight, the
//!   common case of one person guessing;
//! - `phone`: a progressive delay for the phone across all addresses: 10 failures free, then
//!   each further attempt waits 2 s, 4 s, 8 s … up to an hour after the one before; forgotten
//!   after a quiet day or a success. Never a hard lock, and at most ~45 guesses on the first day
//!   of an attack and 24 a day after it, whatever number of addresses the guesser has.
//!
//! An attempt from a known device (`known_devices`) takes only its own `device`
//! key, with the same progressive delay: strangers' failures never slow the owner down, and
//! someone holding the device still gets no more guesses than a stranger.
//!
//! The attempt is reserved before the password is hashed and stays counted when it fails; a
//! success resets the keys that count failures; an attempt that never reached the password check
//! (a later key refused, the hashing queue was full) is given back.

use crate::features::account::refusals::AccountRefusal;
use crate::platform::db::{now_ms, Db};
use crate::platform::error::AppError;
use crate::platform::ids::UserId;

const MINUTE_MS: i64 = 60 * 1000;
const DAY_MS: i64 = 24 * 60 * MINUTE_MS;

/// How a key counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// At most `max` attempts in a fixed window of `window_ms` from the first one.
    Window { max: i64, window_ms: i64 },
    /// `free` attempts without waiting; from the `free`-th on, each sets a wait before the next
    /// of `base_ms`, doubling up to `cap_ms`. A key unused for `quiet_ms` starts afresh.
    Progressive {
        free: i64,
        base_ms: i64,
        cap_ms: i64,
        quiet_ms: i64,
    },
}

pub const IP: Rule = Rule::Window {
    max: 300,
    window_ms: 15 * MINUTE_MS,
};
pub const PHONE_IP: Rule = Rule::Window {
    max: 5,
    window_ms: 15 * MINUTE_MS,
};
pub const PHONE: Rule = Rule::Progressive {
    free: 10,
    base_ms: 2_000,
    cap_ms: 60 * MINUTE_MS,
    quiet_ms: DAY_MS,
};
/// A known device: the owner's own, so it gets the phone's allowance to itself.
pub const DEVICE: Rule = PHONE;
/// Wrong current passwords when changing it, per user: the caller has a session already, and a
/// borrowed phone should not become a way to guess the password quickly.
pub const PASSWORD_CHANGE: Rule = Rule::Progressive {
    free: 5,
    base_ms: 2_000,
    cap_ms: 60 * MINUTE_MS,
    quiet_ms: DAY_MS,
};

/// One counted key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limit {
    key: String,
    rule: Rule,
    /// Whether a success starts the count again (not for `ip`, which bounds work, not guesses).
    reset_on_success: bool,
}

impl Limit {
    pub fn ip(ip: &str) -> Self {
        Self::new(format!("ip:{ip}"), IP, false)
    }

    pub fn phone_ip(phone: &str, ip: &str) -> Self {
        Self::new(format!("phone_ip:{phone}|{ip}"), PHONE_IP, true)
    }

    pub fn phone(phone: &str) -> Self {
        Self::new(format!("phone:{phone}"), PHONE, true)
    }

    pub fn device(device_id: i64) -> Self {
        Self::new(format!("device:{device_id}"), DEVICE, true)
    }

    pub fn password_change(user_id: UserId) -> Self {
        Self::new(format!("change:{user_id}"), PASSWORD_CHANGE, true)
    }

    /// A limit another feature keeps in the same table (sign-ups per address and per phone):
    /// `key` names it with a prefix of its own; every attempt stays counted.
    pub fn counted(key: String, rule: Rule) -> Self {
        Self::new(key, rule, false)
    }

    fn new(key: String, rule: Rule, reset_on_success: bool) -> Self {
        Self {
            key,
            rule,
            reset_on_success,
        }
    }

    pub fn key(&self) -> &str {
        &self.key
    }
}

/// Attempts counted against their keys, waiting for the outcome of the password check.
#[must_use = "say how the attempt ended: succeeded, failed or released"]
#[derive(Debug)]
pub struct Reservation {
    taken: Vec<Limit>,
}

/// Counts one attempt against every limit, in order, or refuses with `rate_limited` (and the
/// wait until the refusing key allows one) without counting it anywhere. Call before the
/// password is hashed, so a refused caller learns nothing about it.
pub async fn reserve(db: &Db, limits: Vec<Limit>) -> Result<Reservation, AppError> {
    let mut reservation = Reservation { taken: Vec::new() };
    for limit in limits {
        match take(db, &limit).await {
            Ok(true) => reservation.taken.push(limit),
            Ok(false) => {
                let wait = retry_after_secs(db, &limit).await;
                reservation.release(db).await?;
                return Err(AccountRefusal::TooManyAttempts {
                    retry_after_secs: wait?,
                }
                .into());
            }
            Err(error) => {
                reservation.release(db).await?;
                return Err(error);
            }
        }
    }
    Ok(reservation)
}

impl Reservation {
    /// The password was right: the keys counting failures start again.
    pub async fn succeeded(self, db: &Db) -> Result<(), AppError> {
        for limit in self.taken.iter().filter(|limit| limit.reset_on_success) {
            sqlx::query(
                "UPDATE sign_in_limits SET attempts = 0, delay_ms = 0, blocked_until = 0 \
                 WHERE limit_key = $1",
            )
            .bind(&limit.key)
            .execute(&db.write)
            .await?;
        }
        Ok(())
    }

    /// The password was wrong: the attempt stays counted.
    pub fn failed(self) {}

    /// The password was never checked: the attempt is given back. (A progressive key keeps the
    /// wait it set; that errs on the side of fewer guesses.)
    pub async fn release(self, db: &Db) -> Result<(), AppError> {
        for limit in &self.taken {
            sqlx::query(
                "UPDATE sign_in_limits SET attempts = attempts - 1 \
                 WHERE limit_key = $1 AND attempts > 0",
            )
            .bind(&limit.key)
            .execute(&db.write)
            .await?;
        }
        Ok(())
    }
}

/// Counts an attempt against `limit` if it allows one: a single guarded UPDATE, so parallel
/// attempts (on any server sharing the database) are counted one after another by the row lock.
async fn take(db: &Db, limit: &Limit) -> Result<bool, AppError> {
    let now = now_ms();
    sqlx::query(
        "INSERT INTO sign_in_limits (limit_key, window_start, attempts, delay_ms, blocked_until) \
         VALUES ($1, 0, 0, 0, 0) ON CONFLICT (limit_key) DO NOTHING",
    )
    .bind(&limit.key)
    .execute(&db.write)
    .await?;
    // In an UPDATE every expression reads the row as it was, on SQLite and PostgreSQL alike.
    let updated = match limit.rule {
        Rule::Window { max, window_ms } => {
            sqlx::query(
                "UPDATE sign_in_limits SET \
                   attempts = CASE WHEN window_start <= $2 THEN 1 ELSE attempts + 1 END, \
                   window_start = CASE WHEN window_start <= $2 THEN $3 ELSE window_start END \
                 WHERE limit_key = $1 AND (window_start <= $2 OR attempts < $4)",
            )
            .bind(&limit.key)
            .bind(now - window_ms)
            .bind(now)
            .bind(max)
            .execute(&db.write)
            .await?
        }
        Rule::Progressive {
            free,
            base_ms,
            cap_ms,
            quiet_ms,
        } => {
            // The wait this attempt sets before the next: none while fewer than `free` have been
            // made, then `base_ms`, doubling up to `cap_ms`. No wait is `blocked_until = 0`, not
            // `now`: a parallel attempt that read the clock a moment earlier must still pass.
            let delay = "CASE WHEN window_start <= $2 OR attempts + 1 < $4 THEN 0 \
                          WHEN delay_ms = 0 THEN $5 \
                          WHEN delay_ms * 2 >= $6 THEN $6 \
                          ELSE delay_ms * 2 END";
            sqlx::query(&format!(
                "UPDATE sign_in_limits SET \
                   attempts = CASE WHEN window_start <= $2 THEN 1 ELSE attempts + 1 END, \
                   delay_ms = {delay}, \
                   blocked_until = CASE WHEN {delay} = 0 THEN 0 ELSE $3 + {delay} END, \
                   window_start = $3 \
                 WHERE limit_key = $1 AND (window_start <= $2 OR blocked_until <= $3)"
            ))
            .bind(&limit.key)
            .bind(now - quiet_ms)
            .bind(now)
            .bind(free)
            .bind(base_ms)
            .bind(cap_ms)
            .execute(&db.write)
            .await?
        }
    };
    Ok(updated.rows_affected() == 1)
}

#[derive(sqlx::FromRow)]
struct Counter {
    window_start: i64,
    blocked_until: i64,
}

/// Seconds until `limit` allows an attempt again, at least one.
async fn retry_after_secs(db: &Db, limit: &Limit) -> Result<u64, AppError> {
    let counter: Option<Counter> = sqlx::query_as(
        "SELECT window_start, blocked_until FROM sign_in_limits WHERE limit_key = $1",
    )
    .bind(&limit.key)
    .fetch_optional(&db.write)
    .await?;
    let until = match (counter, limit.rule) {
        (Some(counter), Rule::Window { window_ms, .. }) => counter.window_start + window_ms,
        (Some(counter), Rule::Progressive { .. }) => counter.blocked_until,
        (None, _) => 0,
    };
    Ok(wait_secs(until, now_ms()))
}

fn wait_secs(until: i64, now: i64) -> u64 {
    let wait_ms = (until - now).max(1000);
    (wait_ms as u64).div_ceil(1000)
}

/// Forgets counters untouched for over a day (a day is the longest any rule remembers) and
/// the outcome log of attempts older than a day.
pub async fn prune_old_attempts(db: &Db) -> Result<u64, AppError> {
    let day_ago = now_ms() - DAY_MS;
    let limits =
        sqlx::query("DELETE FROM sign_in_limits WHERE window_start < $1 AND blocked_until < $1")
            .bind(day_ago)
            .execute(&db.write)
            .await?;
    let attempts = sqlx::query("DELETE FROM sign_in_attempts WHERE at < $1")
        .bind(day_ago)
        .execute(&db.write)
        .await?;
    Ok(limits.rows_affected() + attempts.rows_affected())
}

/// Logs an attempt's outcome (who tried which phone from where): for looking into an attack
/// afterwards; the limits themselves are the counters above.
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

/// The waits a progressive rule sets, attempt by attempt, as the SQL above computes them: for
/// the documentation's figures and the tests.
pub fn progressive_waits(rule: Rule, attempts: usize) -> Vec<i64> {
    let Rule::Progressive {
        free,
        base_ms,
        cap_ms,
        ..
    } = rule
    else {
        return vec![0; attempts];
    };
    let mut delay = 0;
    (1..=attempts as i64)
        .map(|n| {
            delay = if n < free {
                0
            } else if delay == 0 {
                base_ms
            } else {
                (delay * 2).min(cap_ms)
            };
            delay
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_are_at_least_a_second_and_rounded_up() {
        assert_eq!(wait_secs(0, 5_000), 1);
        assert_eq!(wait_secs(5_001, 5_000), 1);
        assert_eq!(wait_secs(7_500, 5_000), 3);
    }

    #[test]
    fn the_phone_delay_starts_at_the_tenth_failure_and_doubles_to_an_hour() {
        let waits = progressive_waits(PHONE, 24);
        assert_eq!(&waits[..9], &[0; 9]);
        assert_eq!(&waits[9..13], &[2_000, 4_000, 8_000, 16_000]);
        assert_eq!(waits[20], 3_600_000);
        assert_eq!(waits[23], 3_600_000);
    }

    /// The figure docs/security/accounts.md states: guesses one phone can take in a day from
    /// unknown devices, all addresses together, attempting as soon as allowed.
    #[test]
    fn a_phone_takes_at_most_45_guesses_on_the_first_day_and_24_a_day_after() {
        let waits = progressive_waits(PHONE, 200);
        let mut at = 0;
        let mut first_day = 0;
        for wait in &waits {
            if at >= DAY_MS {
                break;
            }
            first_day += 1;
            at += wait;
        }
        assert!((40..=45).contains(&first_day), "{first_day}");
        // Afterwards every wait is the cap.
        assert_eq!(DAY_MS / waits[199], 24);
    }
}
