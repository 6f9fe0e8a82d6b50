//! What residents raise and receive: 民声有回应 reports (answered by their building's head,
//! confirmed or closed; the last half-day's still open), 微心愿 wishes, and the message
//! centre's order news. Recent rows are recent enough that the server's timers (escalation,
//! auto-confirmation) have nothing to do at start.

use linli_api_types::MESSAGE_KEEP_DAYS;

use super::book::Booked;
use super::load::V;
use super::names::{REPORT_TEXTS, WISHES};
use super::orders::Menu;
use super::people::People;
use super::places::Community;
use super::{Context, DAY_MS, HOUR_MS};

pub fn reports(cx: &mut Context<'_>, community: &Community, people: &People) {
    let homed = people.homed() as u64;
    for n in 0..cx.size.reports {
        let id = cx.ids.take("reports");
        let reporter = &people.residents[cx.rng.below(homed) as usize];
        let h = reporter.household.expect("a home");
        let home = &community.households[h];
        let building = &community.buildings[home.building];
        let head = people.residents[people.building_heads[home.building]].id;
        let (category, text) = *cx.rng.pick(&REPORT_TEXTS);
        let recent = n % 25 == 0;
        let created = if recent {
            cx.now - cx.rng.range(1, 12) * HOUR_MS
        } else {
            cx.now - cx.rng.range(15, 365) * DAY_MS
        };
        let status = if recent {
            if cx.rng.chance(0.5) {
                "open"
            } else {
                "acknowledged"
            }
        } else if cx.rng.chance(0.6) {
            "confirmed"
        } else {
            "closed"
        };
        let responded = (status != "open").then_some(created + cx.rng.range(10, 120) * 60_000);
        let resolved = (!recent).then_some(created + cx.rng.range(1, 5) * DAY_MS);
        let finished = resolved.map(|at| {
            if status == "confirmed" {
                at + DAY_MS
            } else {
                at + 7 * DAY_MS + HOUR_MS
            }
        });
        let satisfaction = (status == "confirmed").then(|| cx.rng.range(3, 6));
        cx.rows.add(
            "reports",
            &[
                id.into(),
                community.id.into(),
                building.grid.into(),
                building.id.into(),
                home.unit.into(),
                "home".into(),
                reporter.id.into(),
                home.id.into(),
                category.into(),
                text.into(),
                "".into(),
                1.into(),
                status.into(),
                "building".into(),
                head.into(),
                resolved.map(|_| head).into(),
                0.into(),
                (created + DAY_MS).into(),
                (created + 5 * DAY_MS).into(),
                responded.into(),
                (created + DAY_MS).into(),
                responded.into(),
                resolved.into(),
                finished.into(),
                satisfaction.into(),
                created.into(),
                finished.or(responded).unwrap_or(created).into(),
            ],
        );
        cx.rows.add("report_holders", &[id.into(), head.into()]);
        let mut event =
            |kind: &str, actor: Option<i64>, role: Option<&str>, stars: Option<i64>, at: i64| {
                cx.rows.add(
                    "report_events",
                    &[
                        cx.ids.take("report_events").into(),
                        id.into(),
                        kind.into(),
                        actor.into(),
                        role.into(),
                        V::Null,
                        stars.into(),
                        at.into(),
                    ],
                );
            };
        event(
            "submitted",
            Some(reporter.id),
            Some("reporter"),
            None,
            created,
        );
        if let Some(at) = responded {
            event("acknowledged", Some(head), Some("building_head"), None, at);
        }
        if let Some(at) = resolved {
            event("resolved", Some(head), Some("building_head"), None, at);
        }
        match (status, finished) {
            ("confirmed", Some(at)) => {
                event("confirmed", Some(reporter.id), Some("reporter"), None, at);
                event(
                    "rated",
                    Some(reporter.id),
                    Some("reporter"),
                    satisfaction,
                    at,
                );
            }
            ("closed", Some(at)) => event("closed", None, None, None, at),
            _ => {}
        }
    }
}

/// Wishes thanked long ago (worth no points, so the ledger has nothing to add) and recent
/// ones waiting for review, published, or claimed.
pub fn wishes(cx: &mut Context<'_>, community: &Community, people: &People) {
    let homed = people.homed() as u64;
    let head = people.residents[people.building_heads[0]].id;
    for n in 0..cx.size.wishes {
        let resident = &people.residents[cx.rng.below(homed) as usize];
        let home = &community.households[resident.household.expect("a home")];
        let (title, text) = *cx.rng.pick(&WISHES);
        let recent = n % 10 == 0;
        let created = if recent {
            cx.now - cx.rng.range(1, 48) * HOUR_MS
        } else {
            cx.now - cx.rng.range(10, 365) * DAY_MS
        };
        let status = if recent {
            *cx.rng.pick(&["pending", "open", "claimed"])
        } else {
            "thanked"
        };
        let reviewed = (status != "pending").then_some(created + HOUR_MS);
        let claimer = matches!(status, "claimed" | "thanked")
            .then(|| *cx.rng.pick(&people.volunteers))
            .map(|v| &people.residents[v])
            .filter(|v| v.household != resident.household)
            .map(|v| v.id);
        let status = if claimer.is_none() && status != "pending" {
            "open"
        } else {
            status
        };
        let claimed = claimer.map(|_| created + 2 * HOUR_MS);
        let thanked = (status == "thanked").then_some(created + 3 * DAY_MS);
        cx.rows.add(
            "wishes",
            &[
                cx.ids.take("wishes").into(),
                community.id.into(),
                resident.id.into(),
                home.id.into(),
                home.unit.into(),
                title.into(),
                text.into(),
                status.into(),
                0.into(),
                created.into(),
                thanked.or(claimed).or(reviewed).unwrap_or(created).into(),
                reviewed.map(|_| head).into(),
                reviewed.into(),
                claimer.into(),
                claimed.into(),
                thanked.map(|at| at - DAY_MS).into(),
                thanked.map(|_| "谢谢你！").into(),
                thanked.into(),
            ],
        );
    }
}

/// The order news a resident's message centre holds: dispatched, accepted, completed; read
/// when older than a day. Only what the server keeps ([`MESSAGE_KEEP_DAYS`]): older news would
/// be pruned by the server's first housekeeping run, one long DELETE at start.
pub fn messages(
    cx: &mut Context<'_>,
    community: &Community,
    people: &People,
    menu: &Menu,
    booked: &[Booked],
) {
    let mut written = 0;
    for order in booked.iter().rev() {
        let Some(volunteer) = order.volunteer else {
            continue;
        };
        let draft = &order.draft;
        let reached = match draft.status {
            "dispatched" => 1,
            "accepted" | "in_progress" => 2,
            "submitted" | "cancelled" => 0,
            _ => 4,
        };
        let params = format!(
            r#"{{"service":"{}","volunteer":"{}"}}"#,
            menu.services[order.service].name, people.residents[volunteer].name
        );
        for (step, kind) in [
            (1, "order_dispatched"),
            (2, "order_accepted"),
            (4, "order_completed"),
        ] {
            if step > reached || written == cx.size.messages {
                continue;
            }
            let at = draft.step_at(step);
            if at < cx.now - MESSAGE_KEEP_DAYS * DAY_MS {
                continue;
            }
            let read = (at < cx.now - DAY_MS).then_some(at + HOUR_MS);
            cx.rows.add(
                "messages",
                &[
                    cx.ids.take("messages").into(),
                    community.id.into(),
                    people.residents[draft.resident].id.into(),
                    kind.into(),
                    "order".into(),
                    order.id.into(),
                    params.as_str().into(),
                    at.into(),
                    at.into(),
                    0.into(),
                    read.into(),
                ],
            );
            written += 1;
        }
    }
}
