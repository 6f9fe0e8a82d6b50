//! Times as residents read them: relative ("3小时前") with the full date on demand, always in
//! the community's zone, Asia/Shanghai (UTC+8, no daylight saving), whatever the phone says.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Timelike, Utc};

use super::{Locale, Texts};

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

/// What a `date` or `datetime-local` input holds, written out in the reader's language
/// ("12月6日 周日 上午9:00", "Sun 6 Dec, 9:00"; the year only when it is not the current one).
/// The input itself is drawn in the phone's language, which the app does not control.
/// Empty or malformed → None.
pub fn input_echo(locale: Locale, value: &str, now: DateTime<Utc>) -> Option<String> {
    let (date, time) = match NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M") {
        Ok(at) => (at.date(), Some((at.hour(), at.minute()))),
        Err(_) => (NaiveDate::parse_from_str(value, "%Y-%m-%d").ok()?, None),
    };
    let this_year = now.with_timezone(&shanghai()).year();
    let year = (date.year() != this_year).then_some(date.year());
    let weekday = date.weekday().num_days_from_monday() as usize;
    let echo = match locale {
        Locale::Zh => echo_zh,
        Locale::En => echo_en,
    };
    Some(echo(year, date.month(), date.day(), weekday, time))
}

// The two languages' ways of writing a date out live here rather than in `Texts`, which every
// page loads: only the pages with a date input call them, so they stay in those pages' chunks.
fn echo_zh(year: Option<i32>, month: u32, day: u32, weekday: usize, time: Option<(u32, u32)>) -> String {
    const WEEKDAYS: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
    let year = year.map(|y| format!("{y}年")).unwrap_or_default();
    let time = time.map(|(hour, minute)| {
        let (part, hour) = match hour {
            0..=4 => ("凌晨", hour),
            5..=11 => ("上午", hour),
            12 => ("中午", hour),
            13..=17 => ("下午", hour - 12),
            _ => ("晚上", hour - 12),
        };
        format!(" {part}{hour}:{minute:02}")
    });
    format!("{year}{month}月{day}日 {}{}", WEEKDAYS[weekday % 7], time.unwrap_or_default())
}

fn echo_en(year: Option<i32>, month: u32, day: u32, weekday: usize, time: Option<(u32, u32)>) -> String {
    const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let year = year.map(|y| format!(" {y}")).unwrap_or_default();
    let time = time.map(|(hour, minute)| format!(", {hour}:{minute:02}"));
    let month = MONTHS[(month as usize + 11) % 12];
    format!("{} {day} {month}{year}{}", WEEKDAYS[weekday % 7], time.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn date_inputs_are_written_out_in_the_readers_language() {
        let (zh, en) = (Locale::Zh, Locale::En);
        let now = at("2026-12-01T04:00:00Z");
        assert_eq!(input_echo(zh, "2026-12-06T09:00", now).as_deref(), Some("12月6日 周日 上午9:00"));
        assert_eq!(input_echo(en, "2026-12-06T09:00", now).as_deref(), Some("Sun 6 Dec, 9:00"));
        assert_eq!(input_echo(zh, "2026-12-06T15:30", now).as_deref(), Some("12月6日 周日 下午3:30"));
        assert_eq!(input_echo(zh, "2026-12-06T12:05", now).as_deref(), Some("12月6日 周日 中午12:05"));
        assert_eq!(input_echo(zh, "2026-12-06T00:30", now).as_deref(), Some("12月6日 周日 凌晨0:30"));
        assert_eq!(input_echo(zh, "2026-12-06T19:00", now).as_deref(), Some("12月6日 周日 晚上7:00"));
        assert_eq!(input_echo(zh, "2026-12-07", now).as_deref(), Some("12月7日 周一"));
        assert_eq!(input_echo(en, "2026-12-07", now).as_deref(), Some("Mon 7 Dec"));
        assert_eq!(input_echo(zh, "2027-01-03T09:00", now).as_deref(), Some("2027年1月3日 周日 上午9:00"));
        assert_eq!(input_echo(en, "2027-01-03T09:00", now).as_deref(), Some("Sun 3 Jan 2027, 9:00"));
        assert_eq!(input_echo(zh, "", now), None);
        assert_eq!(input_echo(zh, "soon", now), None);
    }

    #[test]
    fn greetings_follow_the_hour() {
        let zh = Locale::Zh.texts();
        let by_hour: Vec<&str> = (0..24).map(zh.part_of_day).collect();
        assert_eq!(&by_hour[0..5], ["凌晨好"; 5]);
        assert_eq!(&by_hour[5..8], ["早上好"; 3]);
        assert_eq!(&by_hour[8..11], ["上午好"; 3]);
        assert_eq!(&by_hour[11..13], ["中午好"; 2]);
        assert_eq!(&by_hour[13..18], ["下午好"; 5]);
        assert_eq!(&by_hour[18..24], ["晚上好"; 6]);
        let en = Locale::En.texts();
        assert_eq!([0, 11, 12, 17, 18, 23].map(en.part_of_day), ["Good morning", "Good morning", "Good afternoon", "Good afternoon", "Good evening", "Good evening"]);
    }
}
