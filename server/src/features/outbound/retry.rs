//! How long a failed delivery waits before its next attempt: 30 s, 2 min, 10 min, 1 h, 6 h, each
//! moved by up to ±10 % so deliveries that failed together (a receiver down for a minute) do not
//! all come back at the same instant. After [`WEBHOOK_MAX_ATTEMPTS`] the delivery is dead.

use std::time::Duration;

use linli_api_types::WEBHOOK_MAX_ATTEMPTS;
use rand::Rng;

/// The waits after the 1st, 2nd, … failed attempt; the last repeats if there are fewer waits
/// than attempts. The server's setting (`--webhook-retry-secs`), so a demo or an end-to-end
/// test can see a dead letter within seconds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetrySchedule {
    waits: Vec<Duration>,
}

pub const DEFAULT_WAITS_SECS: [u64; 5] = [30, 2 * 60, 10 * 60, 60 * 60, 6 * 60 * 60];

impl Default for RetrySchedule {
    fn default() -> Self {
        Self::from_secs(&DEFAULT_WAITS_SECS).expect("the default has waits")
    }
}

/// What becomes of a delivery after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterFailure {
    /// Tried again at this time (epoch ms).
    RetryAt(i64),
    /// Out of attempts: on the dead-letter list until staff retry it.
    Dead,
}

impl RetrySchedule {
    /// `None` for an empty list.
    pub fn from_secs(secs: &[u64]) -> Option<Self> {
        (!secs.is_empty()).then(|| Self {
            waits: secs.iter().copied().map(Duration::from_secs).collect(),
        })
    }

    /// The wait after the `attempts`-th failure (1-based), without jitter.
    pub fn wait_after(&self, attempts: i64) -> Duration {
        let index = usize::try_from(attempts.max(1) - 1).unwrap_or(usize::MAX);
        *self
            .waits
            .get(index)
            .or(self.waits.last())
            .expect("a schedule has waits")
    }

    /// After the `attempts`-th attempt failed at `now`: the next attempt, or dead.
    pub fn after_failure(&self, attempts: i64, now: i64) -> AfterFailure {
        if attempts >= WEBHOOK_MAX_ATTEMPTS {
            return AfterFailure::Dead;
        }
        let wait = i64::try_from(self.wait_after(attempts).as_millis()).unwrap_or(i64::MAX / 4);
        let spread = wait / 10;
        let jitter = if spread > 0 {
            rand::thread_rng().gen_range(-spread..=spread)
        } else {
            0
        };
        AfterFailure::RetryAt(now.saturating_add(wait + jitter))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000_000;

    #[test]
    fn waits_grow_within_ten_percent_and_the_last_attempt_is_dead() {
        let schedule = RetrySchedule::default();
        for (attempts, secs) in (1..).zip(DEFAULT_WAITS_SECS) {
            let wait = i64::try_from(secs).unwrap() * 1000;
            for _ in 0..50 {
                let AfterFailure::RetryAt(at) = schedule.after_failure(attempts, NOW) else {
                    panic!("attempt {attempts} is not the last");
                };
                assert!(
                    (at - NOW - wait).abs() <= wait / 10,
                    "{attempts}: {}",
                    at - NOW
                );
            }
        }
        assert_eq!(
            schedule.after_failure(WEBHOOK_MAX_ATTEMPTS, NOW),
            AfterFailure::Dead
        );
    }

    #[test]
    fn a_short_schedule_repeats_its_last_wait() {
        let schedule = RetrySchedule::from_secs(&[0, 2]).unwrap();
        assert_eq!(schedule.after_failure(1, NOW), AfterFailure::RetryAt(NOW));
        assert_eq!(schedule.wait_after(4), Duration::from_secs(2));
        assert!(RetrySchedule::from_secs(&[]).is_none());
    }
}
