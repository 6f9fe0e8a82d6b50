//! The demo's orders, so each role sees a living 服务 tab: 王秀英 has one waiting in 许各利's
//! dispatch queue, one rated, one waiting for her rating; 张建国 has one dispatched to him to
//! accept.
//!
//! Each order's story is checked step by step against the order state machine
//! (`orders::state::transition`), which also gives its status; its timeline is written with the
//! orders' own `add_event`, its points held through the ledger and settled with `settle`, as
//! real requests do. The order rows are inserted directly: they are dated hours or days ago,
//! which the steps' use cases stamp with the present.

use linli_api_types::{LedgerKind, LedgerLinkKind, OrderActorRole, OrderEventKind, OrderStatus};
use sqlx::AnyConnection;

use super::accounts::{CHEN_LIHUA, WANG_XIUYING};
use super::people::People;
use super::places::Places;
use super::services::Services;
use crate::features::points::ledger::{self, Account, Memo, Transfer};
use crate::features::services::orders;
use crate::features::services::orders::state::{self, Action, Actor};
use crate::platform::error::{AppError, Result};

const MINUTE_MS: i64 = 60 * 1000;

/// A step of a demo order's story after it was placed: (event, minutes after ordering, actor,
/// note).
type Step<'a> = (OrderEventKind, i64, i64, Option<&'a str>);

struct DemoOrder<'a> {
    service_id: i64,
    service_name: &'a str,
    points: i64,
    volunteer_points: i64,
    resident: i64,
    volunteer: Option<i64>,
    address: &'a str,
    phone: &'a str,
    note: &'a str,
    /// Minutes before now it was ordered.
    ordered_ago: i64,
    steps: &'a [Step<'a>],
    rating: Option<(i64, &'a str, &'a str)>,
}

pub async fn seed(
    tx: &mut AnyConnection,
    places: &Places,
    people: &People,
    services: &Services,
    now: i64,
) -> Result<()> {
    use OrderEventKind as E;
    let (wang, zhang, staff) = (people.wang_xiuying, people.zhang_jianguo, people.xu_geli);
    let home_wang = "华盛世纪新城 3栋 1单元 1502";
    let orders = [
        // Waiting in the dispatch queue for 35 minutes.
        DemoOrder {
            service_id: services.plumbing,
            service_name: "水电维修",
            points: 30,
            volunteer_points: 30,
            resident: wang,
            volunteer: None,
            address: home_wang,
            phone: WANG_XIUYING.phone,
            note: "厨房水龙头一直滴水，关不紧",
            ordered_ago: 35,
            steps: &[],
            rating: None,
        },
        // Completed and rated three days ago.
        DemoOrder {
            service_id: services.appliances,
            service_name: "家电维修",
            points: 30,
            volunteer_points: 30,
            resident: wang,
            volunteer: Some(zhang),
            address: home_wang,
            phone: WANG_XIUYING.phone,
            note: "洗衣机不脱水",
            ordered_ago: 4 * 24 * 60,
            steps: &[
                (E::Dispatched, 20, staff, Some("张建国")),
                (E::Accepted, 32, zhang, None),
                (E::Started, 24 * 60, zhang, None),
                (
                    E::Completed,
                    24 * 60 + 50,
                    zhang,
                    Some("排水泵堵塞，已清理，运行正常"),
                ),
                (E::Rated, 24 * 60 + 120, wang, None),
            ],
            rating: Some((
                5,
                "on_time,friendly,professional",
                "张师傅很耐心，修得又快又好",
            )),
        },
        // Completed yesterday, waiting for 王秀英's rating.
        DemoOrder {
            service_id: services.meals,
            service_name: "助餐送餐",
            points: 20,
            volunteer_points: 20,
            resident: wang,
            volunteer: Some(zhang),
            address: home_wang,
            phone: WANG_XIUYING.phone,
            note: "少油少盐",
            ordered_ago: 26 * 60,
            steps: &[
                (E::Claimed, 15, zhang, None),
                (E::Started, 60, zhang, None),
                (E::Completed, 90, zhang, Some("已送到，老人吃得很好")),
            ],
            rating: None,
        },
        // Dispatched to 张建国, waiting for him to accept.
        DemoOrder {
            service_id: services.escort,
            service_name: "助老陪诊",
            points: 20,
            volunteer_points: 20,
            resident: people.chen_lihua,
            volunteer: Some(zhang),
            address: "华盛世纪新城 5栋 1单元 601",
            phone: CHEN_LIHUA.phone,
            note: "周四上午去省人民医院复查，需要有人陪同",
            ordered_ago: 3 * 60,
            steps: &[(E::Dispatched, 40, staff, Some("张建国"))],
            rating: None,
        },
    ];
    for order in &orders {
        insert_order(tx, places.jingxiang, order, now).await?;
    }
    Ok(())
}

/// The state machine's action, actor and the timeline's role for a step of the story.
fn step_of(kind: OrderEventKind) -> (Action, Actor, OrderActorRole) {
    use OrderEventKind as E;
    match kind {
        E::Dispatched => (Action::Assign, Actor::Staff, OrderActorRole::Staff),
        E::Accepted => (Action::Accept, Actor::Assignee, OrderActorRole::Volunteer),
        E::Claimed => (Action::Claim, Actor::Volunteer, OrderActorRole::Volunteer),
        E::Started => (Action::Start, Actor::Assignee, OrderActorRole::Volunteer),
        E::Completed => (Action::Complete, Actor::Assignee, OrderActorRole::Volunteer),
        E::Rated => (Action::Rate, Actor::Owner, OrderActorRole::Resident),
        other => unreachable!("the demo tells no {other:?} step"),
    }
}

/// The status the story ends in, each step allowed by the state machine.
fn status_after(steps: &[Step<'_>]) -> Result<OrderStatus> {
    steps
        .iter()
        .try_fold(OrderStatus::Submitted, |status, step| {
            let (action, actor, _) = step_of(step.0);
            state::transition(status, action, actor)
                .map_err(|refusal| AppError::internal(format!("demo order: {refusal:?}")))
        })
}

async fn insert_order(
    tx: &mut AnyConnection,
    community_id: i64,
    order: &DemoOrder<'_>,
    now: i64,
) -> Result<i64> {
    let status = status_after(order.steps)?;
    let created = now - order.ordered_ago * MINUTE_MS;
    let step = |kind: OrderEventKind| order.steps.iter().find(|s| s.0 == kind);
    let at = |kind| step(kind).map(|s| created + s.1 * MINUTE_MS);
    let last = order
        .steps
        .iter()
        .map(|s| created + s.1 * MINUTE_MS)
        .max()
        .unwrap_or(created);
    let waiting_since = (status == OrderStatus::Submitted).then_some(created);
    let rated = at(OrderEventKind::Rated);
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO orders (community_id, service_id, resident_id, volunteer_id, status, \
            preferred_start, address, contact_phone, note, points, volunteer_points, created_at, \
            updated_at, waiting_since, started_at, completed_at, completion_note, rating_stars, \
            rating_tags, rating_comment, rated_at, finished_at) \
         VALUES ($1, $2, $3, $4, $5, NULL, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, \
            $17, $18, $19, $20, $20) RETURNING id",
    )
    .bind(community_id)
    .bind(order.service_id)
    .bind(order.resident)
    .bind(order.volunteer)
    .bind(status.as_str())
    .bind(order.address)
    .bind(order.phone)
    .bind(order.note)
    .bind(order.points)
    .bind(order.volunteer_points)
    .bind(created)
    .bind(last)
    .bind(waiting_since)
    .bind(at(OrderEventKind::Started))
    .bind(at(OrderEventKind::Completed))
    .bind(step(OrderEventKind::Completed).and_then(|s| s.3))
    .bind(order.rating.map(|r| r.0))
    .bind(order.rating.map(|r| r.1))
    .bind(order.rating.map(|r| r.2))
    .bind(rated)
    .fetch_one(&mut *tx)
    .await?;
    let placed = (OrderEventKind::Submitted, 0, order.resident, None);
    for &(kind, after, actor, note) in std::iter::once(&placed).chain(order.steps) {
        let role = match kind {
            OrderEventKind::Submitted => OrderActorRole::Resident,
            _ => step_of(kind).2,
        };
        let when = created + after * MINUTE_MS;
        orders::add_event(tx, id, kind, Some((actor, role)), note, when).await?;
    }
    if order.points > 0 {
        // Dated when the order was placed, so the resident's ledger reads in the right order.
        let hold = Transfer {
            community_id,
            from: Account::Member(order.resident),
            to: Account::Held(community_id),
            amount: order.points,
            memo: Memo::new(LedgerKind::OrderHold, order.service_name)
                .link(LedgerLinkKind::Order, id),
            actor_id: Some(order.resident),
        };
        ledger::transfer_at(tx, &hold, created).await?;
    }
    if status == OrderStatus::Rated {
        let row = orders::load(&mut *tx, id)
            .await?
            .ok_or_else(|| AppError::internal("seeded order"))?;
        orders::settle(tx, &row, Some(order.resident)).await?;
    }
    Ok(id)
}
