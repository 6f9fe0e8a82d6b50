//! Quiet hours (免打扰): a span of the day in Asia/Shanghai, possibly across midnight, during
//! which reminders and outbound deliveries wait.

use crate::platform::shanghai::{day_start, DAY_MS};

const MINUTE_MS: i64 = 60 * 1000;

/// The user's quiet hours, as minutes after midnight in Shanghai.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuietHours {
    pub start: u16,
    pub end: u16,
}

impl QuietHours {
    /// When something due at `at_ms` may go: `at_ms` itself outside the hours, their end
    /// inside them. Equal start and end is no quiet time at all.
    pub fn release_at(self, at_ms: i64) -> i64 {
        let (start, end) = (i64::from(self.start), i64::from(self.end));
        if start == end {
            return at_ms;
        }
        let midnight = day_start(at_ms);
        let minute = (at_ms - midnight) / MINUTE_MS;
        let inside = if start < end {
            minute >= start && minute < end
        } else {
            minute >= start || minute < end
        };
        if !inside {
            return at_ms;
        }
        // Inside: the next `end` after `at_ms` (today's, or tomorrow's when the hours began
        // yesterday evening… or began today and run past midnight).
        let today_end = midnight + end * MINUTE_MS;
        if today_end > at_ms {
            today_end
        } else {
            today_end + DAY_MS
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2026-12-01 00:00 in Shanghai.
    const DEC_1: i64 = 1_796_054_400_000;
    const HOUR: i64 = 60 * MINUTE_MS;
    const NIGHT: QuietHours = QuietHours {
        start: 22 * 60,
        end: 7 * 60,
    };

    #[test]
    fn night_hours_hold_until_seven() {
        // 23:30 → 07:00 the next day.
        assert_eq!(NIGHT.release_at(DEC_1 + 23 * HOUR + 30 * MINUTE_MS), DEC_1 + DAY_MS + 7 * HOUR);
        // 03:00 → 07:00 the same day.
        assert_eq!(NIGHT.release_at(DEC_1 + 3 * HOUR), DEC_1 + 7 * HOUR);
        // 22:00 sharp is quiet; 07:00 sharp is not.
        assert_eq!(NIGHT.release_at(DEC_1 + 22 * HOUR), DEC_1 + DAY_MS + 7 * HOUR);
        assert_eq!(NIGHT.release_at(DEC_1 + 7 * HOUR), DEC_1 + 7 * HOUR);
        // 19:00 goes at once.
        assert_eq!(NIGHT.release_at(DEC_1 + 19 * HOUR), DEC_1 + 19 * HOUR);
    }

    #[test]
    fn daytime_hours_and_none() {
        let nap = QuietHours { start: 12 * 60, end: 14 * 60 };
        assert_eq!(nap.release_at(DEC_1 + 13 * HOUR), DEC_1 + 14 * HOUR);
        assert_eq!(nap.release_at(DEC_1 + 11 * HOUR), DEC_1 + 11 * HOUR);
        let none = QuietHours { start: 0, end: 0 };
        assert_eq!(none.release_at(DEC_1 + 3 * HOUR), DEC_1 + 3 * HOUR);
    }
}
