//! When a task happens, as a resident reads it: "11月25日 周三 9:00–11:00", always in the
//! community's time zone (Asia/Shanghai).

use chrono::{DateTime, Datelike, Timelike, Utc};

use super::texts::TasksTexts;
use crate::i18n::time::shanghai;

/// "11月25日 周三" / "Wed 25 Nov".
pub fn day(t: &TasksTexts, at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&shanghai());
    let weekday = t.weekdays[local.weekday().num_days_from_monday() as usize];
    (t.day)(local.month(), local.day(), weekday)
}

/// "9:00".
pub fn clock(at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&shanghai());
    format!("{}:{:02}", local.hour(), local.minute())
}

/// "11月25日 周三 9:00": a moment the page waits for (the start, check-in opening).
pub fn day_and_clock(t: &TasksTexts, at: DateTime<Utc>) -> String {
    format!("{} {}", day(t, at), clock(at))
}

/// "11月25日 周三 9:00–11:00"; a task over midnight names both days.
pub fn time_range(t: &TasksTexts, start: DateTime<Utc>, end: DateTime<Utc>) -> String {
    let same_day = start.with_timezone(&shanghai()).date_naive() == end.with_timezone(&shanghai()).date_naive();
    if same_day {
        format!("{} {}–{}", day(t, start), clock(start), clock(end))
    } else {
        format!("{} {} – {} {}", day(t, start), clock(start), day(t, end), clock(end))
    }
}

/// Whether a 6-digit check-in code was typed (spaces allowed, as people group digits).
pub fn clean_code(input: &str) -> Option<String> {
    let digits: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    (digits.len() == 6 && digits.chars().all(|c| c.is_ascii_digit())).then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::tasks::texts::{EN, ZH};

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn a_morning_task_in_chinese_and_english() {
        let (start, end) = (at("2026-11-25T01:00:00Z"), at("2026-11-25T03:00:00Z"));
        assert_eq!(time_range(&ZH, start, end), "11月25日 周三 9:00–11:00");
        assert_eq!(time_range(&EN, start, end), "Wed 25 Nov 9:00–11:00");
    }

    #[test]
    fn the_day_is_the_day_in_shanghai() {
        // 23:30 UTC on the 24th is 7:30 on the 25th in Shanghai.
        assert_eq!(day(&ZH, at("2026-11-24T23:30:00Z")), "11月25日 周三");
        assert_eq!(clock(at("2026-11-24T23:30:00Z")), "7:30");
    }

    #[test]
    fn a_task_over_midnight_names_both_days() {
        assert_eq!(
            time_range(&ZH, at("2026-11-25T12:00:00Z"), at("2026-11-25T17:00:00Z")),
            "11月25日 周三 20:00 – 11月26日 周四 1:00"
        );
    }

    #[test]
    fn codes_are_six_digits() {
        assert_eq!(clean_code(" 123 456 ").as_deref(), Some("123456"));
        assert_eq!(clean_code("12345"), None);
        assert_eq!(clean_code("12345a"), None);
    }
}
