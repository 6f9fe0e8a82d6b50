//! Opening times: weekly periods in Asia/Shanghai (a fixed +08:00, China has no daylight
//! saving), the hour slots they offer, and whether a preferred start falls inside one.

use chrono::{DateTime, Datelike, Duration, FixedOffset, TimeZone, Timelike, Utc};
use linli_api_types::{
    BookableSlot, OpeningPeriod, ServiceSlots, BOOKING_HORIZON_DAYS, SLOT_DAYS_DEFAULT,
    SLOT_DAYS_MAX,
};

use super::catalogue::{opening_of, reachable};
use crate::features::services::refusals::StartRefused;
use crate::features::services::wire::time;
use crate::platform::auth::AuthUser;
use crate::platform::db::Db;
use crate::platform::error::{AppError, FieldIssue, Result, Rule};
use crate::platform::ids::ServiceId;
use crate::platform::shanghai::{self, DAY_MS, OFFSET_MS};

const SLOT_MINUTES: i64 = 60;

fn shanghai_offset() -> FixedOffset {
    FixedOffset::east_opt((OFFSET_MS / 1000) as i32).expect("+08:00 is a valid offset")
}

fn local(at_ms: i64) -> Option<DateTime<FixedOffset>> {
    Utc.timestamp_millis_opt(at_ms)
        .single()
        .map(|at| at.with_timezone(&shanghai_offset()))
}

/// The `days` a slot list asks for (1–[`SLOT_DAYS_MAX`], [`SLOT_DAYS_DEFAULT`] when absent);
/// `None` when the query could not be read at all. 422 at `days` otherwise.
pub fn days_ahead(raw: Option<Option<&str>>) -> Result<u32> {
    let bad_days = || AppError::Validation(vec![FieldIssue::new("days", Rule::BadFormat)]);
    match raw.ok_or_else(bad_days)? {
        None => Ok(SLOT_DAYS_DEFAULT),
        Some(raw) => raw
            .parse::<u32>()
            .ok()
            .filter(|days| (1..=SLOT_DAYS_MAX).contains(days))
            .ok_or_else(bad_days),
    }
}

/// The bookable slots of service `id` (404 unless on `auth`'s menu) in the next `days`.
pub async fn service_slots(
    db: &Db,
    auth: &AuthUser,
    id: ServiceId,
    days: u32,
    now_ms: i64,
) -> Result<ServiceSlots> {
    let service = reachable(db, auth, id).await?;
    let opening = opening_of(&db.read, ServiceId(service.id)).await?;
    let slots = bookable_slots(&opening, now_ms, days)
        .into_iter()
        .map(|(start, end)| {
            Ok(BookableSlot {
                start: time(start)?,
                end: time(end)?,
            })
        })
        .collect::<Result<_>>()?;
    Ok(ServiceSlots {
        service_id: service.id,
        slots,
    })
}

/// The period of `periods` that `at_ms` falls in (start inclusive, end exclusive), with the
/// minute of the day it falls at.
fn period_at(periods: &[OpeningPeriod], at_ms: i64) -> Option<(&OpeningPeriod, u16)> {
    let at = local(at_ms)?;
    let weekday = at.weekday().number_from_monday() as u8;
    let minute = (at.hour() * 60 + at.minute()) as u16;
    periods
        .iter()
        .find(|p| p.weekday == weekday && p.start_minute <= minute && minute < p.end_minute)
        .map(|period| (period, minute))
}

/// Whether `at_ms` falls in one of `periods` (start inclusive, end exclusive).
pub fn within_opening(periods: &[OpeningPeriod], at_ms: i64) -> bool {
    period_at(periods, at_ms).is_some()
}

/// The end of the slot a booking starting at `start_ms` holds: an hour later, or the end of
/// its opening period if sooner, as [`bookable_slots`] offers it. None outside opening times.
pub fn slot_end(periods: &[OpeningPeriod], start_ms: i64) -> Option<i64> {
    let (period, minute) = period_at(periods, start_ms)?;
    let minutes = SLOT_MINUTES.min(i64::from(period.end_minute - minute));
    Some(start_ms + minutes * 60_000)
}

/// Checks a preferred start: in the future, within the booking horizon, within opening times.
pub fn check_preferred_start(
    periods: &[OpeningPeriod],
    start_ms: i64,
    now_ms: i64,
) -> Result<(), StartRefused> {
    if start_ms <= now_ms {
        return Err(StartRefused::InPast);
    }
    if start_ms > now_ms + i64::from(BOOKING_HORIZON_DAYS) * DAY_MS {
        return Err(StartRefused::TooFarAhead);
    }
    if !within_opening(periods, start_ms) {
        return Err(StartRefused::OutsideOpening);
    }
    Ok(())
}

/// Bookable slots of up to an hour in the next `days` local days (today included), starting
/// after `now_ms`, in time order: (start ms, end ms).
pub fn bookable_slots(periods: &[OpeningPeriod], now_ms: i64, days: u32) -> Vec<(i64, i64)> {
    let Some(now) = local(now_ms) else {
        return Vec::new();
    };
    let mut slots = Vec::new();
    for day in 0..i64::from(days) {
        let date = now.date_naive() + Duration::days(day);
        let weekday = date.weekday().number_from_monday() as u8;
        let mut today: Vec<&OpeningPeriod> =
            periods.iter().filter(|p| p.weekday == weekday).collect();
        today.sort_by_key(|p| p.start_minute);
        let midnight_ms = shanghai::date_start(date);
        for period in today {
            let end = i64::from(period.end_minute);
            let mut start = i64::from(period.start_minute);
            while start < end {
                let slot_end = (start + SLOT_MINUTES).min(end);
                let start_ms = midnight_ms + start * 60_000;
                if start_ms > now_ms {
                    slots.push((start_ms, midnight_ms + slot_end * 60_000));
                }
                start = slot_end;
            }
        }
    }
    slots
}

#[cfg(test)]
mod tests {
    use super::*;

    fn period(weekday: u8, start: (u16, u16), end: (u16, u16)) -> OpeningPeriod {
        OpeningPeriod {
            weekday,
            start_minute: start.0 * 60 + start.1,
            end_minute: end.0 * 60 + end.1,
        }
    }

    /// Local Shanghai time as epoch ms.
    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> i64 {
        shanghai_offset()
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .unwrap()
            .timestamp_millis()
    }

    /// 红帆驿站: Fridays 9–12 and 14–17. 2026-11-27 is a Friday.
    fn legal() -> Vec<OpeningPeriod> {
        vec![period(5, (9, 0), (12, 0)), period(5, (14, 0), (17, 0))]
    }

    #[test]
    fn friday_mornings_and_afternoons_are_open_lunch_is_not() {
        let periods = legal();
        assert!(within_opening(&periods, at(2026, 11, 27, 9, 0)));
        assert!(within_opening(&periods, at(2026, 11, 27, 11, 59)));
        assert!(!within_opening(&periods, at(2026, 11, 27, 12, 0)));
        assert!(!within_opening(&periods, at(2026, 11, 27, 13, 0)));
        assert!(within_opening(&periods, at(2026, 11, 27, 16, 0)));
        assert!(!within_opening(&periods, at(2026, 11, 27, 17, 0)));
        // Thursday, same hours.
        assert!(!within_opening(&periods, at(2026, 11, 26, 10, 0)));
    }

    #[test]
    fn preferred_starts_are_checked_against_now_horizon_and_hours() {
        let periods = legal();
        let now = at(2026, 11, 23, 12, 0); // a Monday
        assert_eq!(
            check_preferred_start(&periods, at(2026, 11, 27, 9, 0), now),
            Ok(())
        );
        assert_eq!(
            check_preferred_start(&periods, at(2026, 11, 20, 9, 0), now),
            Err(StartRefused::InPast)
        );
        assert_eq!(
            check_preferred_start(&periods, at(2027, 1, 1, 9, 0), now),
            Err(StartRefused::TooFarAhead)
        );
        assert_eq!(
            check_preferred_start(&periods, at(2026, 11, 27, 13, 0), now),
            Err(StartRefused::OutsideOpening)
        );
        assert_eq!(
            check_preferred_start(&[], at(2026, 11, 27, 9, 0), now),
            Err(StartRefused::OutsideOpening)
        );
    }

    #[test]
    fn a_booked_slot_ends_an_hour_later_or_when_its_period_closes() {
        let periods = vec![period(5, (9, 0), (12, 0)), period(5, (14, 0), (16, 30))];
        let nine = at(2026, 11, 27, 9, 0);
        assert_eq!(slot_end(&periods, nine), Some(at(2026, 11, 27, 10, 0)));
        let four = at(2026, 11, 27, 16, 0);
        assert_eq!(slot_end(&periods, four), Some(at(2026, 11, 27, 16, 30)));
        assert_eq!(slot_end(&periods, at(2026, 11, 27, 13, 0)), None);
    }

    #[test]
    fn slots_are_hours_within_the_periods_and_in_the_future() {
        let now = at(2026, 11, 27, 10, 30); // Friday, mid-morning
        let slots = bookable_slots(&legal(), now, 8);
        let starts: Vec<i64> = slots.iter().map(|s| s.0).collect();
        assert_eq!(
            starts,
            vec![
                at(2026, 11, 27, 11, 0),
                at(2026, 11, 27, 14, 0),
                at(2026, 11, 27, 15, 0),
                at(2026, 11, 27, 16, 0),
                at(2026, 12, 4, 9, 0),
                at(2026, 12, 4, 10, 0),
                at(2026, 12, 4, 11, 0),
                at(2026, 12, 4, 14, 0),
                at(2026, 12, 4, 15, 0),
                at(2026, 12, 4, 16, 0),
            ]
        );
        assert!(slots.iter().all(|(s, e)| e - s == 3_600_000));
    }

    #[test]
    fn a_period_that_is_not_whole_hours_ends_with_a_short_slot() {
        // 四点半课堂: 16:30–18:00 on Mondays.
        let now = at(2026, 11, 23, 8, 0);
        let slots = bookable_slots(&[period(1, (16, 30), (18, 0))], now, 1);
        assert_eq!(
            slots,
            vec![
                (at(2026, 11, 23, 16, 30), at(2026, 11, 23, 17, 30)),
                (at(2026, 11, 23, 17, 30), at(2026, 11, 23, 18, 0)),
            ]
        );
    }
}
