//! Pure wording: opening times, slots, waiting times and timeline steps as residents read them.
//! All times are Asia/Shanghai, whatever the phone says.

use chrono::{DateTime, Datelike, Timelike, Utc};
use linli_api_types::{OpeningPeriod, OrderEvent};

use super::texts::ServicesTexts;
use crate::i18n::time::shanghai;

/// "9:00" from minutes after midnight.
fn clock(minute: u16) -> String {
    format!("{}:{:02}", minute / 60, minute % 60)
}

fn weekday_name(t: &ServicesTexts, weekday: u8) -> &'static str {
    t.weekdays[usize::from(weekday.clamp(1, 7) - 1)]
}

/// "每周五 9:00–12:00、14:00–17:00"; days sharing the same hours are named together
/// ("每周一至周五 8:30–17:30", "每周二、周四 …"). No periods: by arrangement.
pub fn opening_times(t: &ServicesTexts, periods: &[OpeningPeriod]) -> String {
    if periods.is_empty() {
        return t.by_arrangement.to_owned();
    }
    // Each weekday's hours, in order.
    let mut days: Vec<(u8, Vec<String>)> = Vec::new();
    for p in periods {
        let hours = format!("{}–{}", clock(p.start_minute), clock(p.end_minute));
        match days.iter_mut().find(|(d, _)| *d == p.weekday) {
            Some((_, list)) => list.push(hours),
            None => days.push((p.weekday, vec![hours])),
        }
    }
    days.sort_by_key(|(d, _)| *d);
    // Weekdays with identical hours, in the order their hours first appear.
    let mut groups: Vec<(Vec<u8>, Vec<String>)> = Vec::new();
    for (day, hours) in days {
        match groups.iter_mut().find(|(_, h)| *h == hours) {
            Some((ds, _)) => ds.push(day),
            None => groups.push((vec![day], hours)),
        }
    }
    groups
        .iter()
        .map(|(days, hours)| {
            let prefix = format!("{}{}", t.every_week, day_list(t, days));
            format!("{prefix} {}", hours.join(t.list_sep))
        })
        .collect::<Vec<_>>()
        .join(t.group_sep)
}

/// "周五", "周二、周四", "周一至周五" (three or more days in a row).
fn day_list(t: &ServicesTexts, days: &[u8]) -> String {
    let mut runs: Vec<(u8, u8)> = Vec::new();
    for &d in days {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == d => *end = d,
            _ => runs.push((d, d)),
        }
    }
    let mut names = Vec::new();
    for (from, to) in runs {
        if to >= from + 2 {
            names.push((t.weekday_range)(weekday_name(t, from), weekday_name(t, to)));
        } else {
            names.extend((from..=to).map(|d| weekday_name(t, d).to_owned()));
        }
    }
    names.join(t.list_sep)
}

/// "11月27日 周五 9:00–10:00".
pub fn slot(t: &ServicesTexts, start: DateTime<Utc>, end: DateTime<Utc>) -> String {
    let (s, e) = (start.with_timezone(&shanghai()), end.with_timezone(&shanghai()));
    let minute = |d: &DateTime<_>| {
        let d: &DateTime<chrono::FixedOffset> = d;
        (d.hour() * 60 + d.minute()) as u16
    };
    let weekday = weekday_name(t, s.weekday().number_from_monday() as u8);
    (t.slot)(s.month(), s.day(), weekday, &clock(minute(&s)), &clock(minute(&e)))
}

/// "11月25日 14:02".
pub fn short_date(t: &ServicesTexts, at: DateTime<Utc>) -> String {
    let l = at.with_timezone(&shanghai());
    (t.short_date)(l.month(), l.day(), l.hour(), l.minute())
}

/// "已等待 25 分钟", "已等待 2 小时", "已等待 3 天".
pub fn waited(t: &ServicesTexts, since: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let minutes = (now - since).num_minutes().max(1);
    match minutes {
        ..=59 => (t.waited_minutes)(minutes),
        60..=1439 => (t.waited_hours)(minutes / 60),
        _ => (t.waited_days)(minutes / 1440),
    }
}

/// A timeline step's time and what happened: ("11月25日 14:02", "社区工作人员 许各利 派单给 张建国").
pub fn event_parts(t: &ServicesTexts, event: &OrderEvent) -> (String, String) {
    let who = match &event.actor {
        Some(actor) => (t.actor)(t.actor_role(actor.role), &actor.name),
        None => t.system.to_owned(),
    };
    let what = (t.event_line)("", &who, &t.event(event.kind, event.note.as_deref()));
    (short_date(t, event.at), what.trim_start().to_owned())
}

/// "11月25日 14:02 社区工作人员 许各利 派单给 张建国": the step as one line (the page sets the
/// time above the words).
#[cfg(test)]
pub fn event_line(t: &ServicesTexts, event: &OrderEvent) -> String {
    let (when, what) = event_parts(t, event);
    format!("{when} {what}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::services::texts::{EN, ZH};
    use linli_api_types::{OrderActor, OrderActorRole, OrderEventKind};

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn p(weekday: u8, from: u16, to: u16) -> OpeningPeriod {
        OpeningPeriod { weekday, start_minute: from, end_minute: to }
    }

    #[test]
    fn opening_times_of_the_red_sail_station() {
        let friday = [p(5, 540, 720), p(5, 840, 1020)];
        assert_eq!(opening_times(&ZH, &friday), "每周五 9:00–12:00、14:00–17:00");
        assert_eq!(opening_times(&EN, &friday), "Fri 9:00–12:00, 14:00–17:00");
    }

    #[test]
    fn days_with_the_same_hours_are_named_together() {
        let weekdays: Vec<_> = (1..=5).map(|d| p(d, 510, 1050)).collect();
        assert_eq!(opening_times(&ZH, &weekdays), "每周一至周五 8:30–17:30");
        assert_eq!(opening_times(&EN, &weekdays), "Mon–Fri 8:30–17:30");
        let mixed = [p(2, 960, 1080), p(4, 960, 1080), p(6, 540, 690)];
        assert_eq!(opening_times(&ZH, &mixed), "每周二、周四 16:00–18:00；每周六 9:00–11:30");
        assert_eq!(opening_times(&ZH, &[p(1, 540, 600), p(2, 540, 600)]), "每周一、周二 9:00–10:00");
        assert_eq!(opening_times(&ZH, &[]), "时间另行预约");
    }

    #[test]
    fn slots_read_in_shanghai_time() {
        // 01:00 UTC on Friday 27 Nov 2026 is 9:00 in Shanghai.
        let s = slot(&ZH, at("2026-11-27T01:00:00Z"), at("2026-11-27T02:00:00Z"));
        assert_eq!(s, "11月27日 周五 9:00–10:00");
        let s = slot(&EN, at("2026-11-27T06:00:00Z"), at("2026-11-27T07:00:00Z"));
        assert_eq!(s, "Fri 27 Nov, 14:00–15:00");
    }

    #[test]
    fn waiting_times() {
        let now = at("2026-11-23T12:00:00Z");
        assert_eq!(waited(&ZH, at("2026-11-23T11:35:00Z"), now), "已等待 25 分钟");
        assert_eq!(waited(&ZH, at("2026-11-23T11:59:50Z"), now), "已等待 1 分钟");
        assert_eq!(waited(&ZH, at("2026-11-23T09:50:00Z"), now), "已等待 2 小时");
        assert_eq!(waited(&ZH, at("2026-11-20T09:50:00Z"), now), "已等待 3 天");
        assert_eq!(waited(&EN, at("2026-11-23T10:59:00Z"), now), "Waiting 1 hour");
    }

    #[test]
    fn timeline_steps_are_timed_and_named() {
        let dispatched = OrderEvent {
            kind: OrderEventKind::Dispatched,
            at: at("2026-11-25T06:02:00Z"),
            actor: Some(OrderActor { name: "许各利".into(), role: OrderActorRole::Staff }),
            note: Some("张建国".into()),
            acted_by: None,
        };
        assert_eq!(event_line(&ZH, &dispatched), "11月25日 14:02 社区工作人员 许各利 派单给 张建国");
        assert_eq!(event_line(&EN, &dispatched), "25 Nov 14:02 许各利 (staff) assigned it to 张建国");
        let closed = OrderEvent { kind: OrderEventKind::Closed, at: at("2026-12-02T16:00:00Z"), actor: None, note: None, acted_by: None };
        assert_eq!(event_line(&ZH, &closed), "12月3日 0:00 系统 超过评价期限，订单自动关闭");
    }

    #[test]
    fn status_and_price_words() {
        use linli_api_types::OrderStatus;
        assert_eq!(ZH.status(OrderStatus::Submitted), "待派单");
        assert_eq!(ZH.status(OrderStatus::Completed), "待评价");
        assert_eq!(EN.status(OrderStatus::InProgress), "In progress");
        assert_eq!(ZH.price(0), "免费");
        assert_eq!(ZH.price(20), "20 积分");
        assert_eq!(EN.price(0), "Free");
    }
}
