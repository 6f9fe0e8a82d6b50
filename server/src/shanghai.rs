//! Asia/Shanghai, the community's time zone, for everything that depends on the local day:
//! "today", a month's points, a date filter, opening hours. China keeps UTC+8 all year (no
//! daylight saving since 1991), so the zone is a fixed offset and every day is 24 hours long.
//! Times are stored as epoch milliseconds (`db::now_ms`).

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime};

pub const HOUR_MS: i64 = 60 * 60 * 1000;
/// A Shanghai day: always 24 hours, there being no daylight saving.
pub const DAY_MS: i64 = 24 * HOUR_MS;
/// How far Shanghai's clocks are ahead of UTC.
pub const OFFSET_MS: i64 = 8 * HOUR_MS;

/// The zone, for chrono: `at.with_timezone(&shanghai::zone())`.
pub fn zone() -> FixedOffset {
    FixedOffset::east_opt((OFFSET_MS / 1000) as i32).expect("+08:00 is a valid offset")
}

/// Midnight starting the Shanghai day that `ms` falls in.
pub fn day_start(ms: i64) -> i64 {
    (ms + OFFSET_MS).div_euclid(DAY_MS) * DAY_MS - OFFSET_MS
}

/// Midnight starting the Shanghai date `date`.
pub fn date_start(date: NaiveDate) -> i64 {
    date.and_time(NaiveTime::MIN).and_utc().timestamp_millis() - OFFSET_MS
}

/// The Shanghai date that `ms` falls in.
pub fn date(ms: i64) -> NaiveDate {
    DateTime::from_timestamp_millis(ms + OFFSET_MS).map_or(NaiveDate::MAX, |local| local.date_naive())
}

/// Midnight starting the first day of the Shanghai month that `ms` falls in.
pub fn month_start(ms: i64) -> i64 {
    let day = date(ms);
    date_start(day.with_day(1).unwrap_or(day))
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;

    fn ms(rfc3339: &str) -> i64 {
        DateTime::parse_from_rfc3339(rfc3339).unwrap().timestamp_millis()
    }

    #[test]
    fn a_day_starts_at_shanghai_midnight_not_utc_midnight() {
        // 2026-12-01 04:00 in Shanghai is still 2026-11-30 in UTC.
        let now = ms("2026-11-30T20:00:00Z");
        assert_eq!(day_start(now), ms("2026-12-01T00:00:00+08:00"));
        assert_eq!(date(now), NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
        // 07:59 Shanghai on the 1st is the 1st; one minute before midnight is the day before.
        assert_eq!(date(ms("2026-11-30T23:59:00Z")), NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
        assert_eq!(date(ms("2026-11-30T15:59:59Z")), NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
        assert_eq!(day_start(day_start(now)), day_start(now));
    }

    #[test]
    fn a_month_starts_at_shanghai_midnight_of_the_first() {
        // 2026-12-01 04:00 Shanghai: December already, though UTC still says November.
        assert_eq!(month_start(ms("2026-11-30T20:00:00Z")), ms("2026-12-01T00:00:00+08:00"));
        assert_eq!(month_start(ms("2026-11-30T15:00:00Z")), ms("2026-11-01T00:00:00+08:00"));
        assert_eq!(month_start(ms("2027-01-01T00:00:00+08:00")), ms("2027-01-01T00:00:00+08:00"));
    }

    #[test]
    fn a_date_starts_at_its_shanghai_midnight() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(date_start(date), ms("2026-11-22T16:00:00Z"));
        assert_eq!(super::date(date_start(date)), date);
    }

    #[test]
    fn the_arithmetic_agrees_with_chrono_all_year_round() {
        // Every 7 hours 13 minutes over two years (both sides of every month and of any
        // would-be daylight-saving change), and before 1970.
        let step = 7 * HOUR_MS + 13 * 60_000;
        let from = ms("2025-12-31T00:00:00Z");
        for at in (0..2 * 365 * 24 / 7).map(|i| from + i * step).chain([-1, 0, -DAY_MS - 1]) {
            let local = Utc.timestamp_millis_opt(at).unwrap().with_timezone(&zone());
            assert_eq!(date(at), local.date_naive(), "{at}");
            let midnight = zone().from_local_datetime(&local.date_naive().and_time(NaiveTime::MIN)).unwrap();
            assert_eq!(day_start(at), midnight.timestamp_millis(), "{at}");
            assert_eq!(local.offset().local_minus_utc(), 8 * 3600);
        }
    }
}
