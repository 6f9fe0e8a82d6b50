//! Demo services, providers, who offers what, and a few orders in various states, so each role
//! sees a living 服务 tab: 王秀英 has an order waiting in 许各利's dispatch queue, one rated,
//! one waiting for her rating; 张建国 has one dispatched to him to accept.

use linli_api_types::{LedgerKind, LedgerLinkKind, OrderActorRole, OrderEventKind};
use sqlx::AnyConnection;

use crate::platform::db::now_ms;
use crate::platform::error::{AppError, Result};
use crate::features::points::ledger::{self, Account, Memo, Transfer};

const MINUTE_MS: i64 = 60 * 1000;

/// Points the demo residents who order get as their opening grant, when nobody granted them
/// any yet (the love bank's own seed grants opening points too).
const DEMO_OPENING_POINTS: i64 = 200;

struct DemoService {
    name: &'static str,
    category: &'static str,
    provider: &'static str,
    description: &'static str,
    points_price: i64,
    volunteer_points: i64,
    /// (weekdays, start "HH:MM", end "HH:MM")
    opening: &'static [(&'static [u8], &'static str, &'static str)],
}

const WEEKDAYS: &[u8] = &[1, 2, 3, 4, 5];
const MON_SAT: &[u8] = &[1, 2, 3, 4, 5, 6];
const EVERY_DAY: &[u8] = &[1, 2, 3, 4, 5, 6, 7];

const JINGXIANG_SERVICES: [DemoService; 9] = [
    DemoService {
        name: "法律咨询",
        category: "legal",
        provider: "红帆驿站",
        description: "律师志愿者坐班，免费解答婚姻家庭、劳动用工、房屋租赁、邻里纠纷等法律问题。\n请带好相关材料。",
        points_price: 0,
        volunteer_points: 10,
        opening: &[(&[5], "09:00", "12:00"), (&[5], "14:00", "17:00")],
    },
    DemoService {
        name: "心理疏导",
        category: "counselling",
        provider: "心理咨询室",
        description: "心理咨询师一对一倾听与疏导，关注老人、青少年和家庭关系，严格保密。",
        points_price: 0,
        volunteer_points: 10,
        opening: &[(&[3], "14:00", "17:30")],
    },
    DemoService {
        name: "家电维修",
        category: "repair",
        provider: "社区党群服务中心",
        description: "电视、洗衣机、电饭煲、热水器等小家电上门检查维修，材料费另计。",
        points_price: 30,
        volunteer_points: 30,
        opening: &[(MON_SAT, "09:00", "12:00"), (MON_SAT, "14:00", "18:00")],
    },
    DemoService {
        name: "水电维修",
        category: "repair",
        provider: "社区党群服务中心",
        description: "水龙头漏水、马桶堵塞、开关插座、灯具更换等上门维修。",
        points_price: 30,
        volunteer_points: 30,
        opening: &[(MON_SAT, "09:00", "12:00"), (MON_SAT, "14:00", "18:00")],
    },
    DemoService {
        name: "助老陪诊",
        category: "elder_care",
        provider: "社区党群服务中心",
        description: "志愿者陪同独居、高龄老人到医院挂号、候诊、取药。",
        points_price: 20,
        volunteer_points: 20,
        opening: &[(WEEKDAYS, "08:00", "12:00")],
    },
    DemoService {
        name: "助餐送餐",
        category: "elder_care",
        provider: "长者食堂",
        description: "长者食堂午餐送餐上门，适合行动不便的老人。",
        points_price: 20,
        volunteer_points: 20,
        opening: &[(EVERY_DAY, "11:00", "13:00")],
    },
    DemoService {
        name: "爱心理发",
        category: "daily_life",
        provider: "爱心理发志愿队",
        description: "为老人免费理发，行动不便的可上门服务。",
        points_price: 10,
        volunteer_points: 10,
        opening: &[(&[6], "09:00", "12:00")],
    },
    DemoService {
        name: "四点半课堂",
        category: "after_school",
        provider: "后盾单位 雨花区教育局",
        description: "放学后作业辅导、阅读和手工，由后盾单位和大学生志愿者轮流值班。",
        points_price: 0,
        volunteer_points: 10,
        opening: &[(WEEKDAYS, "16:30", "18:00")],
    },
    DemoService {
        name: "上门代办",
        category: "other",
        provider: "社区党群服务中心",
        description: "为行动不便的居民代办社保、医保、证明材料等事项，时间另约。",
        points_price: 0,
        volunteer_points: 10,
        opening: &[],
    },
];

const TONGHUA_SERVICES: [DemoService; 1] = [DemoService {
    name: "水电维修",
    category: "repair",
    provider: "通化街社区服务站",
    description: "水电上门维修。",
    points_price: 30,
    volunteer_points: 30,
    opening: &[(MON_SAT, "09:00", "17:00")],
}];

fn minutes(hhmm: &str) -> i64 {
    let (h, m) = hhmm.split_once(':').expect("HH:MM");
    h.parse::<i64>().expect("hours") * 60 + m.parse::<i64>().expect("minutes")
}

async fn scalar_id(tx: &mut AnyConnection, sql: &str, text: &str) -> Result<i64> {
    sqlx::query_scalar(sql)
        .bind(text)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| AppError::internal(format!("seed: nothing for {text}")))
}

async fn user(tx: &mut AnyConnection, phone: &str) -> Result<i64> {
    scalar_id(tx, "SELECT id FROM users WHERE phone = $1", phone).await
}

async fn insert_services(
    tx: &mut AnyConnection,
    community_id: i64,
    services: &[DemoService],
) -> Result<Vec<i64>> {
    let mut ids = Vec::new();
    for (order, service) in services.iter().enumerate() {
        sqlx::query(
            "INSERT INTO service_providers (community_id, name) VALUES ($1, $2) \
             ON CONFLICT (community_id, name) DO NOTHING",
        )
        .bind(community_id)
        .bind(service.provider)
        .execute(&mut *tx)
        .await?;
        let provider: i64 = sqlx::query_scalar(
            "SELECT id FROM service_providers WHERE community_id = $1 AND name = $2",
        )
        .bind(community_id)
        .bind(service.provider)
        .fetch_one(&mut *tx)
        .await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO services (community_id, provider_id, name, category, description, \
                points_price, volunteer_points, sort_order) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(community_id)
        .bind(provider)
        .bind(service.name)
        .bind(service.category)
        .bind(service.description)
        .bind(service.points_price)
        .bind(service.volunteer_points)
        .bind(order as i64)
        .fetch_one(&mut *tx)
        .await?;
        for (weekdays, start, end) in service.opening {
            for weekday in *weekdays {
                sqlx::query(
                    "INSERT INTO service_opening (service_id, weekday, start_minute, end_minute) \
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(id)
                .bind(i64::from(*weekday))
                .bind(minutes(start))
                .bind(minutes(end))
                .execute(&mut *tx)
                .await?;
            }
        }
        ids.push(id);
    }
    Ok(ids)
}

async fn offer(tx: &mut AnyConnection, user_id: i64, service_ids: &[i64]) -> Result<()> {
    for service_id in service_ids {
        sqlx::query("INSERT INTO volunteer_services (user_id, service_id) VALUES ($1, $2)")
            .bind(user_id)
            .bind(service_id)
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

/// Grants the opening points unless the member already had an opening grant.
async fn ensure_opening(tx: &mut AnyConnection, community_id: i64, user_id: i64) -> Result<()> {
    let granted: Option<i64> = sqlx::query_scalar(
        "SELECT t.id FROM ledger_transactions t JOIN ledger_entries e ON e.transaction_id = t.id \
         JOIN ledger_accounts a ON a.id = e.account_id \
         WHERE t.kind = 'opening' AND a.user_id = $1 LIMIT 1",
    )
    .bind(user_id)
    .fetch_optional(&mut *tx)
    .await?;
    if granted.is_none() {
        ledger::transfer(
            tx,
            &Transfer {
                community_id,
                from: Account::Fund(community_id),
                to: Account::Member(user_id),
                amount: DEMO_OPENING_POINTS,
                memo: Memo::new(LedgerKind::Opening, "爱心基础积分"),
                actor_id: None,
            },
        )
        .await?;
    }
    Ok(())
}

/// A step of a demo order's history: (event, minutes after ordering, actor, role, note).
type DemoEvent<'a> = (
    OrderEventKind,
    i64,
    Option<i64>,
    OrderActorRole,
    Option<&'a str>,
);

struct DemoOrder<'a> {
    service_id: i64,
    service_name: &'a str,
    points: i64,
    volunteer_points: i64,
    resident: i64,
    volunteer: Option<i64>,
    status: &'a str,
    address: &'a str,
    phone: &'a str,
    note: &'a str,
    /// Minutes before now it was ordered.
    ordered_ago: i64,
    events: &'a [DemoEvent<'a>],
    rating: Option<(i64, &'a str, &'a str)>,
}

async fn insert_order(
    tx: &mut AnyConnection,
    community_id: i64,
    order: &DemoOrder<'_>,
) -> Result<i64> {
    let now = now_ms();
    let created = now - order.ordered_ago * MINUTE_MS;
    let at = |kind: OrderEventKind| {
        order
            .events
            .iter()
            .find(|e| e.0 == kind)
            .map(|e| created + e.1 * MINUTE_MS)
    };
    let last = order
        .events
        .iter()
        .map(|e| created + e.1 * MINUTE_MS)
        .max()
        .unwrap_or(created);
    let waiting_since = (order.status == "submitted").then_some(created);
    let started = at(OrderEventKind::Started);
    let completed = at(OrderEventKind::Completed);
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
    .bind(order.status)
    .bind(order.address)
    .bind(order.phone)
    .bind(order.note)
    .bind(order.points)
    .bind(order.volunteer_points)
    .bind(created)
    .bind(last)
    .bind(waiting_since)
    .bind(started)
    .bind(completed)
    .bind(
        order
            .events
            .iter()
            .find(|e| e.0 == OrderEventKind::Completed)
            .and_then(|e| e.4),
    )
    .bind(order.rating.map(|r| r.0))
    .bind(order.rating.map(|r| r.1))
    .bind(order.rating.map(|r| r.2))
    .bind(rated)
    .fetch_one(&mut *tx)
    .await?;
    for (kind, after, actor, role, note) in order.events {
        crate::features::services::orders::add_event(
            tx,
            id,
            *kind,
            actor.map(|a| (a, *role)),
            *note,
            created + after * MINUTE_MS,
        )
        .await?;
    }
    if order.points > 0 {
        // Dated when the order was placed, so the resident's ledger reads in the right order.
        ledger::transfer_at(
            tx,
            &Transfer {
                community_id,
                from: Account::Member(order.resident),
                to: Account::Held(community_id),
                amount: order.points,
                memo: Memo::new(LedgerKind::OrderHold, order.service_name)
                    .link(LedgerLinkKind::Order, id),
                actor_id: Some(order.resident),
            },
            created,
        )
        .await?;
    }
    if order.status == "rated" {
        let row = crate::features::services::orders::load(&mut *tx, id)
            .await?
            .ok_or_else(|| AppError::internal("seeded order"))?;
        crate::features::services::orders::settle(tx, &row, Some(order.resident)).await?;
    }
    Ok(id)
}

/// Seeds the menus of 井湘社区 and 通化街社区, volunteers' services and demo orders. Called once
/// from `seed::seed_demo`, in its transaction, after the people exist.
pub async fn seed_services_and_orders(tx: &mut AnyConnection) -> Result<()> {
    let jingxiang = scalar_id(tx, "SELECT id FROM communities WHERE name = $1", "井湘社区").await?;
    let tonghua = scalar_id(
        tx,
        "SELECT id FROM communities WHERE name = $1",
        "通化街社区",
    )
    .await?;
    let s = insert_services(tx, jingxiang, &JINGXIANG_SERVICES).await?;
    insert_services(tx, tonghua, &TONGHUA_SERVICES).await?;
    let (legal, counselling, appliances, plumbing, escort, meals, haircut, class, errands) =
        (s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8]);

    let wang = user(tx, "13800000001").await?;
    let zhang = user(tx, "13800000002").await?;
    let liu = user(tx, "13800000003").await?;
    let chen = user(tx, "13800000006").await?;
    // 张建国 offers 维修 and 助老; 刘伟忠 水电 and 四点半课堂; resident volunteers the rest.
    offer(tx, zhang, &[appliances, plumbing, escort, meals, errands]).await?;
    offer(tx, liu, &[plumbing, class]).await?;
    let li = user(tx, "13900000001").await?; // 李淑珍
    offer(tx, li, &[legal]).await?;
    let huang = user(tx, "13900000004").await?; // 黄建华
    offer(tx, huang, &[counselling, class]).await?;
    let gao = user(tx, "13900000007").await?; // 高德明
    offer(tx, gao, &[haircut, meals]).await?;

    ensure_opening(tx, jingxiang, wang).await?;
    ensure_opening(tx, jingxiang, chen).await?;

    use OrderActorRole::{Resident as R, Staff as S, Volunteer as V};
    use OrderEventKind as E;
    let staff = user(tx, "13800000004").await?;
    let home_wang = "华盛世纪新城 3栋 1单元 1502";
    // 1: waiting in the dispatch queue for 35 minutes.
    insert_order(
        tx,
        jingxiang,
        &DemoOrder {
            service_id: plumbing,
            service_name: "水电维修",
            points: 30,
            volunteer_points: 30,
            resident: wang,
            volunteer: None,
            status: "submitted",
            address: home_wang,
            phone: "13800000001",
            note: "厨房水龙头一直滴水，关不紧",
            ordered_ago: 35,
            events: &[(E::Submitted, 0, Some(wang), R, None)],
            rating: None,
        },
    )
    .await?;
    // 2: completed and rated three days ago.
    insert_order(
        tx,
        jingxiang,
        &DemoOrder {
            service_id: appliances,
            service_name: "家电维修",
            points: 30,
            volunteer_points: 30,
            resident: wang,
            volunteer: Some(zhang),
            status: "rated",
            address: home_wang,
            phone: "13800000001",
            note: "洗衣机不脱水",
            ordered_ago: 4 * 24 * 60,
            events: &[
                (E::Submitted, 0, Some(wang), R, None),
                (E::Dispatched, 20, Some(staff), S, Some("张建国")),
                (E::Accepted, 32, Some(zhang), V, None),
                (E::Started, 24 * 60, Some(zhang), V, None),
                (
                    E::Completed,
                    24 * 60 + 50,
                    Some(zhang),
                    V,
                    Some("排水泵堵塞，已清理，运行正常"),
                ),
                (E::Rated, 24 * 60 + 120, Some(wang), R, None),
            ],
            rating: Some((
                5,
                "on_time,friendly,professional",
                "张师傅很耐心，修得又快又好",
            )),
        },
    )
    .await?;
    // 3: completed yesterday, waiting for 王秀英's rating.
    insert_order(
        tx,
        jingxiang,
        &DemoOrder {
            service_id: meals,
            service_name: "助餐送餐",
            points: 20,
            volunteer_points: 20,
            resident: wang,
            volunteer: Some(zhang),
            status: "completed",
            address: home_wang,
            phone: "13800000001",
            note: "少油少盐",
            ordered_ago: 26 * 60,
            events: &[
                (E::Submitted, 0, Some(wang), R, None),
                (E::Claimed, 15, Some(zhang), V, None),
                (E::Started, 60, Some(zhang), V, None),
                (
                    E::Completed,
                    90,
                    Some(zhang),
                    V,
                    Some("已送到，老人吃得很好"),
                ),
            ],
            rating: None,
        },
    )
    .await?;
    // 4: dispatched to 张建国, waiting for him to accept.
    insert_order(
        tx,
        jingxiang,
        &DemoOrder {
            service_id: escort,
            service_name: "助老陪诊",
            points: 20,
            volunteer_points: 20,
            resident: chen,
            volunteer: Some(zhang),
            status: "dispatched",
            address: "华盛世纪新城 5栋 1单元 601",
            phone: "13800000006",
            note: "周四上午去省人民医院复查，需要有人陪同",
            ordered_ago: 3 * 60,
            events: &[
                (E::Submitted, 0, Some(chen), R, None),
                (E::Dispatched, 40, Some(staff), S, Some("张建国")),
            ],
            rating: None,
        },
    )
    .await?;
    Ok(())
}
