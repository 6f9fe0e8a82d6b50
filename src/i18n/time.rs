//! Times as residents read them: relative ("3小时前") with the full date on demand, always in
//! the community's zone, Asia/Shanghai (UTC+8, no daylight saving), whatever the phone says.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDateTime, TimeZone, Timelike, Utc};

use super::Texts;

pub fn shanghai() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset")
}

pub fn relative(t: &Texts, at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let minutes = (now - at).num_minutes();
    match minutes {
        ..=0 => t.just_now.to_owned(),
        1..=59 => (t.minutes_ago)(minutes),
        60..=1439 => (t.hours_ago)(minutes / 60),
        1440..=10079 => (t.days_ago)(minutes / 1440),
        _ => full(t, at),
    }
}

pub fn full(t: &Texts, at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&shanghai());
    (t.full_date)(local.year(), local.month(), local.day(), local.hour(), local.minute())
}

/// The value of an `<input type="datetime-local">` showing `at` in Shanghai time.
pub fn to_local_input(at: DateTime<Utc>) -> String {
    at.with_timezone(&shanghai()).format("%Y-%m-%dT%H:%M").to_string()
}

/// What a `datetime-local` input holds, read as Shanghai time. Empty or malformed → None.
pub fn from_local_input(value: &str) -> Option<DateTime<Utc>> {
    let naive = NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M").ok()?;
    shanghai().from_local_datetime(&naive).single().map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn relative_times_in_chinese() {
        let t = Locale::Zh.texts();
        let now = at("2026-11-22T12:00:00Z");
        assert_eq!(relative(t, at("2026-11-22T11:59:30Z"), now), "刚刚");
        assert_eq!(relative(t, at("2026-11-22T11:55:00Z"), now), "5分钟前");
        assert_eq!(relative(t, at("2026-11-22T09:00:00Z"), now), "3小时前");
        assert_eq!(relative(t, at("2026-11-20T12:00:00Z"), now), "2天前");
        assert_eq!(relative(t, at("2026-11-01T02:30:00Z"), now), "2026年11月1日 10:30");
    }

    #[test]
    fn full_dates_are_in_shanghai_time() {
        assert_eq!(full(Locale::Zh.texts(), at("2026-11-22T16:05:00Z")), "2026年11月23日 00:05");
        assert_eq!(full(Locale::En.texts(), at("2026-11-22T16:05:00Z")), "23 Nov 2026, 00:05");
    }

    #[test]
    fn shanghai_is_utc_plus_8_in_summer_and_winter_alike() {
        // No daylight saving: July and January both add eight hours, across a day and a year.
        assert_eq!(to_local_input(at("2026-07-01T16:30:00Z")), "2026-07-02T00:30");
        assert_eq!(to_local_input(at("2026-01-01T16:30:00Z")), "2026-01-02T00:30");
        assert_eq!(full(Locale::Zh.texts(), at("2026-12-31T16:00:00Z")), "2027年1月1日 00:00");
        assert_eq!(from_local_input("2026-07-02T00:30"), Some(at("2026-07-01T16:30:00Z")));
        assert_eq!(shanghai().local_minus_utc(), 8 * 3600);
    }

    #[test]
    fn datetime_inputs_round_trip_as_shanghai_time() {
        let t = from_local_input("2026-11-23T08:00").unwrap();
        assert_eq!(t, at("2026-11-23T00:00:00Z"));
        assert_eq!(to_local_input(t), "2026-11-23T08:00");
        assert_eq!(from_local_input(""), None);
        assert_eq!(from_local_input("tomorrow"), None);
    }
}
