//! The time features read (reports' deadlines and escalation): the system's, or for tests the
//! system's moved by an offset they set, so a test can step a week ahead without waiting.
//! The offset is a test's knob only; nothing the servers share lives here.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use crate::platform::db::now_ms;

#[derive(Debug, Clone, Default)]
pub struct Clock {
    /// `None`: the system clock, unmovable.
    offset_ms: Option<Arc<AtomicI64>>,
}

impl Clock {
    pub fn system() -> Self {
        Self { offset_ms: None }
    }

    /// A clock tests move with [`Clock::advance`]; shared by its clones.
    pub fn adjustable() -> Self {
        Self {
            offset_ms: Some(Arc::new(AtomicI64::new(0))),
        }
    }

    /// Epoch milliseconds, UTC.
    pub fn now_ms(&self) -> i64 {
        now_ms()
            + self
                .offset_ms
                .as_ref()
                .map_or(0, |o| o.load(Ordering::SeqCst))
    }

    /// Moves an adjustable clock ahead (ignored by the system clock).
    pub fn advance(&self, by: std::time::Duration) {
        if let Some(offset) = &self.offset_ms {
            let ms = i64::try_from(by.as_millis()).unwrap_or(i64::MAX);
            offset.fetch_add(ms, Ordering::SeqCst);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_adjustable_clock_moves_for_all_its_clones_and_the_system_one_does_not() {
        let clock = Clock::adjustable();
        let other = clock.clone();
        let before = other.now_ms();
        clock.advance(std::time::Duration::from_secs(3600));
        assert!(other.now_ms() >= before + 3_600_000);
        let system = Clock::system();
        system.advance(std::time::Duration::from_secs(3600));
        assert!(system.now_ms() < before + 3_600_000);
    }
}
