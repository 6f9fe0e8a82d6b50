//! The service menu and a year of orders 四单. Orders of more than ten days ago ended (rated,
//! closed after the rating window, or cancelled before anyone took them); those of the last
//! two days are in every open status, recent enough that no timer of the server's would act
//! on them at start. Which service an order is for is settled by the ledger (`book`): a paid
//! one when the resident then had the points, else a free one.

use super::book::Booked;
use super::load::V;
use super::names::{REWARDS, SERVICES};
use super::people::People;
use super::places::Community;
use super::{Context, DAY_MS, HOUR_MS};

const MINUTE_MS: i64 = 60_000;
const TAGS: [&str; 4] = [
    "on_time,friendly",
    "professional,solved",
    "patient",
    "tidy,on_time",
];

pub struct Service {
    pub id: i64,
    pub name: &'static str,
    pub category: &'static str,
    pub provider: &'static str,
    pub price: i64,
    pub volunteer_points: i64,
    /// Indexes into `People::residents` of the volunteers who offer it.
    pub volunteers: Vec<usize>,
}

pub struct Reward {
    pub id: i64,
    pub name: &'static str,
    pub points: i64,
}

pub struct Menu {
    pub services: Vec<Service>,
    pub rewards: Vec<Reward>,
}

impl Menu {
    pub fn free(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.services.len()).filter(|&s| self.services[s].price == 0)
    }
    pub fn paid(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.services.len()).filter(|&s| self.services[s].price > 0)
    }
}

pub fn menu(cx: &mut Context<'_>, community: &Community, people: &People) -> Menu {
    let mut providers: Vec<(&str, i64)> = Vec::new();
    let mut services = Vec::new();
    for (sort, (name, category, provider, price, volunteer_points, minutes)) in
        SERVICES.into_iter().enumerate()
    {
        let provider_id = match providers.iter().find(|(p, _)| *p == provider) {
            Some((_, id)) => *id,
            None => {
                let id = cx.ids.take("service_providers");
                cx.rows.add(
                    "service_providers",
                    &[id.into(), community.id.into(), provider.into()],
                );
                providers.push((provider, id));
                id
            }
        };
        let id = cx.ids.take("services");
        cx.rows.add(
            "services",
            &[
                id.into(),
                community.id.into(),
                provider_id.into(),
                name.into(),
                category.into(),
                format!("{provider}提供的{name}服务，请在服务时间内预约。")
                    .as_str()
                    .into(),
                price.into(),
                volunteer_points.into(),
                (sort as i64).into(),
                1.into(),
                minutes.into(),
            ],
        );
        for weekday in 1..=6 {
            for (start, end) in [(540, 720), (840, 1020)] {
                let opening = cx.ids.take("service_opening");
                cx.rows.add(
                    "service_opening",
                    &[
                        opening.into(),
                        id.into(),
                        weekday.into(),
                        start.into(),
                        end.into(),
                    ],
                );
            }
        }
        services.push(Service {
            id,
            name,
            category,
            provider,
            price,
            volunteer_points,
            volunteers: Vec::new(),
        });
    }
    // Every service has volunteers: each volunteer offers one in turn and sometimes a second.
    for (n, &volunteer) in people.volunteers.iter().enumerate() {
        let first = n % services.len();
        let mut offered = vec![first];
        let second = cx.rng.below(services.len() as u64) as usize;
        if second != first && cx.rng.chance(0.3) {
            offered.push(second);
        }
        for s in offered {
            services[s].volunteers.push(volunteer);
            cx.rows.add(
                "volunteer_services",
                &[people.residents[volunteer].id.into(), services[s].id.into()],
            );
        }
    }
    let rewards = REWARDS
        .into_iter()
        .enumerate()
        .map(|(sort, (name, points, stock))| {
            let id = cx.ids.take("rewards");
            cx.rows.add(
                "rewards",
                &[
                    id.into(),
                    community.id.into(),
                    name.into(),
                    format!("爱心超市：{name}").as_str().into(),
                    points.into(),
                    stock.into(),
                    (sort as i64).into(),
                    0.into(),
                ],
            );
            Reward { id, name, points }
        })
        .collect();
    Menu { services, rewards }
}

/// An order before the ledger has settled what it is for.
pub struct Draft {
    pub resident: usize,
    pub household: usize,
    pub created: i64,
    pub status: &'static str,
    /// Wanted a paid service (index into `Menu::services`) if the points are there.
    pub paid: usize,
    pub free: usize,
    pub volunteer_pick: u64,
}

impl Draft {
    /// When each step happened: recent orders move by minutes, old ones by hours and days.
    pub fn step_at(&self, step: usize) -> i64 {
        let recent = [0, 10, 20, 30, 40, 50];
        let old = [0, 30, 60, 24 * 60, 26 * 60, 29 * 60];
        let minutes = if self.status_is_open() {
            recent[step]
        } else {
            old[step]
        };
        self.created + minutes * MINUTE_MS
    }

    fn status_is_open(&self) -> bool {
        !matches!(self.status, "rated" | "closed" | "cancelled")
    }

    pub fn settles(&self) -> bool {
        matches!(self.status, "rated" | "closed")
    }

    /// When it ended: rated after the service, closed when the 7-day rating window passed,
    /// cancelled before dispatch.
    pub fn finished_at(&self) -> Option<i64> {
        match self.status {
            "rated" => Some(self.step_at(5)),
            "closed" => Some(self.step_at(4) + 7 * DAY_MS + HOUR_MS),
            "cancelled" => Some(self.step_at(1)),
            _ => None,
        }
    }
}

pub fn drafts(cx: &mut Context<'_>, people: &People, menu: &Menu) -> Vec<Draft> {
    let paid: Vec<usize> = menu.paid().collect();
    let free: Vec<usize> = menu.free().collect();
    let homed = people.homed();
    (0..cx.size.orders)
        .map(|n| {
            let resident = cx.rng.below(homed as u64) as usize;
            let recent = n % 20 == 0;
            let (created, status) = if recent {
                let status = *cx.rng.pick(&[
                    "submitted",
                    "dispatched",
                    "accepted",
                    "in_progress",
                    "completed",
                ]);
                (cx.now - cx.rng.range(60, 47 * 60) * MINUTE_MS, status)
            } else {
                let roll = cx.rng.below(100);
                let status = if roll < 55 {
                    "rated"
                } else if roll < 75 {
                    "closed"
                } else {
                    "cancelled"
                };
                (cx.now - cx.rng.range(10 * 24, 365 * 24) * HOUR_MS, status)
            };
            Draft {
                resident,
                household: people.residents[resident]
                    .household
                    .expect("a resident with a home"),
                created,
                status,
                paid: *cx.rng.pick(&paid),
                free: *cx.rng.pick(&free),
                volunteer_pick: cx.rng.next_u64(),
            }
        })
        .collect()
}

/// The orders' rows and timelines, once the ledger has chosen their services.
pub fn write(
    cx: &mut Context<'_>,
    community: &Community,
    people: &People,
    menu: &Menu,
    booked: &[Booked],
) {
    for order in booked {
        let draft = &order.draft;
        let service = &menu.services[order.service];
        let resident = &people.residents[draft.resident];
        let status = draft.status;
        let reached = match status {
            "submitted" | "cancelled" => 0,
            "dispatched" => 1,
            "accepted" => 2,
            "in_progress" => 3,
            _ => 4,
        };
        let volunteer = (reached >= 1)
            .then_some(order.volunteer)
            .flatten()
            .map(|v| &people.residents[v]);
        let at = |step| draft.step_at(step);
        let started = (reached >= 3).then(|| at(3));
        let completed = (reached >= 4).then(|| at(4));
        let rated = (status == "rated").then(|| at(5));
        let finished = draft.finished_at();
        let updated = finished.or(completed).or(started).unwrap_or(at(reached));
        let stars = rated.map(|_| cx.rng.range(3, 6));
        cx.rows.add(
            "orders",
            &[
                order.id.into(),
                community.id.into(),
                service.id.into(),
                resident.id.into(),
                volunteer.map(|v| v.id).into(),
                status.into(),
                V::Null,
                community.address(draft.household).as_str().into(),
                (&resident.phone).into(),
                "请提前电话联系。".into(),
                order.points.into(),
                service.volunteer_points.into(),
                draft.created.into(),
                updated.into(),
                (status == "submitted").then_some(draft.created).into(),
                started.into(),
                completed.into(),
                completed.map(|_| "已完成服务").into(),
                stars.into(),
                rated.map(|_| *cx.rng.pick(&TAGS)).into(),
                rated.map(|_| "服务很好，谢谢志愿者。").into(),
                rated.into(),
                finished.into(),
                (reached as i64 + i64::from(finished.is_some())).into(),
                service.name.into(),
                service.category.into(),
                service.provider.into(),
            ],
        );
        let staff = people.residents[people.staff[0]].id;
        let mut event =
            |kind: &str, actor: Option<i64>, role: &str, note: Option<&str>, when: i64| {
                cx.rows.add(
                    "order_events",
                    &[
                        cx.ids.take("order_events").into(),
                        order.id.into(),
                        kind.into(),
                        actor.into(),
                        role.into(),
                        note.into(),
                        when.into(),
                    ],
                );
            };
        event(
            "submitted",
            Some(resident.id),
            "resident",
            None,
            draft.created,
        );
        if let Some(v) = volunteer {
            event(
                "dispatched",
                Some(staff),
                "staff",
                Some(v.name.as_str()),
                at(1),
            );
            let steps = [(2, "accepted"), (3, "started"), (4, "completed")];
            for (step, kind) in steps.into_iter().filter(|(step, _)| *step <= reached) {
                event(kind, Some(v.id), "volunteer", None, at(step));
            }
        }
        match (status, finished) {
            ("rated", Some(when)) => event("rated", Some(resident.id), "resident", None, when),
            ("closed", Some(when)) => event("closed", None, "system", None, when),
            ("cancelled", Some(when)) => {
                event("cancelled", Some(resident.id), "resident", None, when)
            }
            _ => {}
        }
    }
}
