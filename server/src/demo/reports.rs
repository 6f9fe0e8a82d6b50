//! 民声有回应 in 井湘社区: a few reports in different states, in the words residents use —
//! one waiting for its unit head, one that climbed to the building head when nobody answered,
//! one being handled by staff, one resolved and waiting for its reporter, one confirmed and
//! rated last month. Inserted directly (history dated in the past), as the features write them.

use sqlx::{Any, Transaction};

use super::people::People;
use super::places::Places;
use crate::platform::error::AppError;

const HOUR: i64 = 60 * 60 * 1000;
const DAY: i64 = 24 * HOUR;

/// A timeline step: kind, actor and their role (None: the server), note, hours after filing,
/// and whom it handed the report to (level, head).
type DemoEvent<'a> = (
    &'a str,
    Option<(i64, &'a str)>,
    &'a str,
    i64,
    Option<(&'a str, Option<i64>)>,
);

struct DemoReport<'a> {
    reporter: i64,
    household: bool,
    category: &'a str,
    text: &'a str,
    location: &'a str,
    place_note: &'a str,
    building: Option<i64>,
    unit: Option<i64>,
    show_name: bool,
    status: &'a str,
    level: &'a str,
    handler: Option<i64>,
    escalations: i64,
    created_ago: i64,
    responded_ago: Option<i64>,
    resolved: Option<(i64, i64)>,
    satisfaction: Option<i64>,
    events: &'a [DemoEvent<'a>],
}

pub async fn seed(
    tx: &mut Transaction<'_, Any>,
    places: &Places,
    people: &People,
    now: i64,
) -> Result<(), AppError> {
    let grid_1: i64 = sqlx::query_scalar("SELECT grid_id FROM buildings WHERE id = $1")
        .bind(places.building_3)
        .fetch_one(&mut **tx)
        .await?;
    let grid_5: i64 = sqlx::query_scalar("SELECT grid_id FROM buildings WHERE id = $1")
        .bind(places.building_5)
        .fetch_one(&mut **tx)
        .await?;
    let (wang, zhang, liu, xu, shang, chen) = (
        people.wang_xiuying,
        people.zhang_jianguo,
        people.liu_weizhong,
        people.xu_geli,
        people.shang_jianchao,
        people.chen_lihua,
    );
    let reports = [
        (
            grid_1,
            DemoReport {
                reporter: wang,
                household: true,
                category: "sanitation",
                text: "1单元12楼楼道堆放杂物（旧纸箱、旧家具），堵住了消防通道，请帮忙清理。",
                location: "home",
                place_note: "12楼楼道",
                building: Some(places.building_3),
                unit: Some(places.unit_3_1),
                show_name: false,
                status: "open",
                level: "unit",
                handler: Some(shang),
                escalations: 0,
                created_ago: 3 * HOUR,
                responded_ago: None,
                resolved: None,
                satisfaction: None,
                events: &[(
                    "submitted",
                    Some((wang, "reporter")),
                    "",
                    0,
                    Some(("unit", Some(shang))),
                )],
            },
        ),
        (
            grid_1,
            DemoReport {
                reporter: zhang,
                household: true,
                category: "safety",
                text: "有住户把电动车推进楼道充电，晚上一直插着线，存在安全隐患。",
                location: "building",
                place_note: "2单元一楼大厅",
                building: Some(places.building_3),
                unit: None,
                show_name: true,
                status: "open",
                level: "grid",
                handler: Some(people.zhou_jianping),
                escalations: 1,
                created_ago: 30 * HOUR,
                responded_ago: None,
                resolved: None,
                satisfaction: None,
                events: &[
                    (
                        "submitted",
                        Some((zhang, "reporter")),
                        "",
                        0,
                        Some(("building", Some(liu))),
                    ),
                    (
                        "escalated",
                        None,
                        "",
                        24,
                        Some(("grid", Some(people.zhou_jianping))),
                    ),
                ],
            },
        ),
        (
            grid_5,
            DemoReport {
                reporter: chen,
                household: true,
                category: "repair",
                text: "南门到5栋的路灯不亮已经一个星期了，晚上老人出门看不清路。",
                location: "community",
                place_note: "南门",
                building: None,
                unit: None,
                show_name: true,
                status: "acknowledged",
                level: "staff",
                handler: None,
                escalations: 0,
                created_ago: 2 * DAY,
                responded_ago: Some(2 * DAY - 5 * HOUR),
                resolved: None,
                satisfaction: None,
                events: &[
                    (
                        "submitted",
                        Some((chen, "reporter")),
                        "",
                        0,
                        Some(("staff", None)),
                    ),
                    ("acknowledged", Some((xu, "staff")), "", 5, None),
                    (
                        "replied",
                        Some((xu, "staff")),
                        "已联系物业电工，本周五前更换灯具。",
                        6,
                        None,
                    ),
                ],
            },
        ),
        (
            grid_1,
            DemoReport {
                reporter: wang,
                household: true,
                category: "repair",
                text: "3栋1单元门口的单元门门禁坏了，门关不上。",
                location: "home",
                place_note: "单元门",
                building: Some(places.building_3),
                unit: Some(places.unit_3_1),
                show_name: true,
                status: "resolved",
                level: "unit",
                handler: Some(shang),
                escalations: 0,
                created_ago: 3 * DAY,
                responded_ago: Some(3 * DAY - 2 * HOUR),
                resolved: Some((shang, DAY)),
                satisfaction: None,
                events: &[
                    (
                        "submitted",
                        Some((wang, "reporter")),
                        "",
                        0,
                        Some(("unit", Some(shang))),
                    ),
                    ("acknowledged", Some((shang, "unit_head")), "", 2, None),
                    (
                        "resolved",
                        Some((shang, "unit_head")),
                        "已请物业更换门禁电磁锁，请确认。",
                        48,
                        None,
                    ),
                ],
            },
        ),
        (
            grid_1,
            DemoReport {
                reporter: wang,
                household: true,
                category: "suggestion",
                text: "微建议：小区中心花园增设几张休息座椅，方便老人散步时歇脚。",
                location: "community",
                place_note: "中心花园",
                building: None,
                unit: None,
                show_name: true,
                status: "confirmed",
                level: "staff",
                handler: None,
                escalations: 0,
                created_ago: 35 * DAY,
                responded_ago: Some(35 * DAY - 4 * HOUR),
                resolved: Some((xu, 30 * DAY)),
                satisfaction: Some(5),
                events: &[
                    (
                        "submitted",
                        Some((wang, "reporter")),
                        "",
                        0,
                        Some(("staff", None)),
                    ),
                    (
                        "replied",
                        Some((xu, "staff")),
                        "好建议！已列入本月微心愿和社区共建项目。",
                        4,
                        None,
                    ),
                    (
                        "resolved",
                        Some((xu, "staff")),
                        "中心花园已增设4张休息座椅。",
                        120,
                        None,
                    ),
                    ("confirmed", Some((wang, "reporter")), "", 130, None),
                ],
            },
        ),
    ];
    for (grid, report) in reports {
        insert(tx, places.jingxiang, grid, &report, liu, now).await?;
    }
    Ok(())
}

async fn insert(
    tx: &mut Transaction<'_, Any>,
    community: i64,
    grid: i64,
    report: &DemoReport<'_>,
    building_head: i64,
    now: i64,
) -> Result<(), AppError> {
    let created = now - report.created_ago;
    let household: Option<i64> = if report.household {
        sqlx::query_scalar("SELECT household_id FROM users WHERE id = $1")
            .bind(report.reporter)
            .fetch_one(&mut **tx)
            .await?
    } else {
        None
    };
    // Deadlines run from the last time the report changed hands; the dashboard's holds to the
    // one set at filing. No demo report was answered before it changed hands, so its first
    // response is its current one.
    let restarted = created + report.escalations * 24 * HOUR;
    let responded = report.responded_ago.map(|ago| now - ago);
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO reports (community_id, grid_id, building_id, unit_id, location_kind, \
            reporter_id, household_id, category, text, place_note, show_name, status, \
            handler_level, handler_user_id, resolved_by, escalations, respond_by, resolve_by, \
            responded_at, first_respond_by, first_responded_at, resolved_at, finished_at, \
            satisfaction, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, \
            $18, $19, $20, $19, $21, $22, $23, $24, $25) RETURNING id",
    )
    .bind(community)
    .bind(grid)
    .bind(report.building)
    .bind(report.unit)
    .bind(report.location)
    .bind(report.reporter)
    .bind(household)
    .bind(report.category)
    .bind(report.text)
    .bind(report.place_note)
    .bind(i64::from(report.show_name))
    .bind(report.status)
    .bind(report.level)
    .bind(report.handler)
    .bind(report.resolved.map(|(by, _)| by))
    .bind(report.escalations)
    .bind(restarted + 24 * HOUR)
    .bind(restarted + 5 * DAY)
    .bind(responded)
    .bind(created + 24 * HOUR)
    .bind(report.resolved.map(|(_, ago)| now - ago))
    .bind((report.status == "confirmed").then_some(now - 29 * DAY))
    .bind(report.satisfaction)
    .bind(created)
    .bind(now - report.created_ago / 2)
    .fetch_one(&mut **tx)
    .await?;
    let mut holders: Vec<i64> = report.handler.into_iter().collect();
    if report.escalations > 0 {
        holders.push(building_head);
    }
    for holder in holders {
        sqlx::query("INSERT INTO report_holders (report_id, user_id) VALUES ($1, $2)")
            .bind(id)
            .bind(holder)
            .execute(&mut **tx)
            .await?;
    }
    for (kind, actor, note, hours, target) in report.events {
        sqlx::query(
            "INSERT INTO report_events (report_id, kind, actor_id, actor_role, note, stars, \
                target_level, target_user_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(id)
        .bind(*kind)
        .bind(actor.map(|(id, _)| id))
        .bind(actor.map(|(_, role)| role))
        .bind(Some(*note).filter(|n| !n.is_empty()))
        .bind(None::<i64>)
        .bind(target.map(|(level, _)| level))
        .bind(target.and_then(|(_, user)| user))
        .bind(created + hours * HOUR)
        .execute(&mut **tx)
        .await?;
    }
    if let Some(stars) = report.satisfaction {
        sqlx::query(
            "INSERT INTO report_events (report_id, kind, actor_id, actor_role, stars, at) \
             VALUES ($1, 'rated', $2, 'reporter', $3, $4)",
        )
        .bind(id)
        .bind(report.reporter)
        .bind(stars)
        .bind(now - 29 * DAY)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
