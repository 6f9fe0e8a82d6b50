//! Calendar time in Asia/Shanghai, where every community is: UTC+8 all year, no daylight
//! saving, so a fixed offset is exact. Times travel as milliseconds since the epoch (UTC);
//! "today", "this month" and a date typed in a form are Shanghai's.

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc};

pub const OFFSET_MS: i64 = 8 * 60 * 60 * 1000;
pub const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// The start (00:00 in Shanghai) of the day `at` falls in.
pub fn day_start(at_ms: i64) -> i64 {
    (at_ms + OFFSET_MS).div_euclid(DAY_MS) * DAY_MS - OFFSET_MS
}

/// 00:00 in Shanghai of `date`.
pub fn date_start(date: NaiveDate) -> i64 {
    date.and_time(NaiveTime::MIN).and_utc().timestamp_millis() - OFFSET_MS
}

/// The Shanghai calendar date `at` falls on.
pub fn date_of(at_ms: i64) -> NaiveDate {
    DateTime::<Utc>::from_timestamp_millis(at_ms + OFFSET_MS)
        .unwrap_or_default()
        .date_naive()
}

/// The start (the 1st, 00:00 in Shanghai) of the month `at` falls in.
pub fn month_start(at_ms: i64) -> i64 {
    let date = date_of(at_ms);
    date_start(date.with_day(1).unwrap_or(date))
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2026-12-01 00:30 in Shanghai is 2026-11-30 16:30 UTC.
    const DEC_1_0030: i64 = 1_796_056_200_000;

    #[test]
    fn a_shanghai_day_starts_at_16_00_utc() {
        let midnight = date_start(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
        assert_eq!(day_start(DEC_1_0030), midnight);
        assert_eq!(DEC_1_0030 - midnight, 30 * 60 * 1000);
        assert_eq!(date_of(DEC_1_0030), NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
        assert_eq!(date_of(midnight - 1), NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
    }

    #[test]
    fn the_month_is_shanghai_s_month() {
        let dec_1 = date_start(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
        assert_eq!(month_start(DEC_1_0030), dec_1);
        // 23:59 on 30 November in Shanghai is still November.
        let nov_1 = date_start(NaiveDate::from_ymd_opt(2026, 11, 1).unwrap());
        assert_eq!(month_start(dec_1 - 60_000), nov_1);
    }
}
