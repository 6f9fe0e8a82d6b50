//! The demo's volunteer tasks, so the 任务 tab is alive: upcoming tasks over the next two weeks
//! (文明劝导 already full, to show the waitlist), tasks completed in the last two weeks, and
//! 张建国's year of 防汛 and 四点半课堂 (about 120 hours).
//!
//! People join through the enrolment use case (`tasks::join`: slots, then the waitlist). The
//! tasks themselves and their attendance are inserted directly: they are history (created, held
//! and completed days ago), which creating and checking in stamp with the present. Their points
//! are credited by the love bank (`love_bank.rs`), in time order with everything else.

use linli_api_types::ScopeKind;
use sqlx::{Any, Transaction};

use super::people::People;
use super::places::Places;
use crate::features::community::places;
use crate::features::tasks;
use crate::platform::ids::{TaskId, UserId};
use crate::platform::error::AppError;

const HOUR_MS: i64 = 60 * 60 * 1000;
const DAY_MS: i64 = 24 * HOUR_MS;

/// `days` from today's Shanghai midnight, at `hour:minute` Shanghai time, as epoch ms.
fn local(now: i64, days: i64, hour: i64, minute: i64) -> i64 {
    let midnight = crate::platform::shanghai::day_start(now);
    midnight + days * DAY_MS + hour * HOUR_MS + minute * 60_000
}

/// Who organises: (role, user id).
type Organiser = (&'static str, i64);

struct DemoTask {
    organiser: Organiser,
    target: (ScopeKind, i64),
    title: &'static str,
    description: &'static str,
    category: &'static str,
    place: &'static str,
    starts_at: i64,
    minutes: i64,
    capacity: i64,
    points: i64,
}

/// Points a completed task earned one of its volunteers, for the love bank to credit.
pub struct TaskCredit {
    pub at: i64,
    pub user: i64,
    pub task: i64,
    pub title: &'static str,
    pub minutes: i64,
    pub points: i64,
    /// Who completed the task (never the person credited).
    pub actor: i64,
}

pub async fn seed(
    tx: &mut Transaction<'_, Any>,
    places: &Places,
    people: &People,
    now: i64,
) -> Result<Vec<TaskCredit>, AppError> {
    seed_upcoming(tx, places, people, now).await?;
    seed_completed(tx, places, people, now).await
}

async fn seed_upcoming(
    tx: &mut Transaction<'_, Any>,
    places: &Places,
    people: &People,
    now: i64,
) -> Result<(), AppError> {
    let staff = ("staff", people.xu_geli);
    let head = ("building_head", people.liu_weizhong);
    let community = (ScopeKind::Community, places.jingxiang);
    let task = |organiser,
                target,
                title,
                description,
                category,
                place,
                (days, hour, minute): (i64, i64, i64),
                minutes,
                capacity,
                points| DemoTask {
        organiser,
        target,
        title,
        description,
        category,
        place,
        starts_at: local(now, days, hour, minute),
        minutes,
        capacity,
        points,
    };
    let (zhang, liu, wang) = (
        people.zhang_jianguo,
        people.liu_weizhong,
        people.wang_xiuying,
    );
    let neighbours = |names: &[&str]| people.neighbours_named(names);
    // Each task with who joined it, in the order they joined.
    let upcoming = [
        (task(head, (ScopeKind::Building, places.building_3), "清理楼道",
            "清理3栋各单元楼道里堆放的杂物和小广告，擦洗扶手。请穿方便活动的衣服，手套和工具由社区提供。",
            "environment", "3栋楼下", (2, 9, 0), 120, 8, 20),
         vec![zhang, wang]),
        // Full (6) with two waiting.
        (task(staff, community, "文明劝导",
            "早高峰在小区北门劝导电动车规范停放、行人走斑马线。穿志愿者红马甲，领取小红旗。",
            "civility", "井湘社区 北门", (1, 7, 30), 120, 6, 20),
         [vec![zhang, liu], neighbours(&["李淑珍", "周志强", "吴桂兰", "黄建华", "孙玉梅", "胡国庆"])].concat()),
        (task(staff, community, "四点半课堂 助教",
            "陪一二年级的孩子写作业、读绘本。需要有耐心，会说普通话。",
            "children", "社区党群服务中心 二楼", (3, 16, 30), 90, 4, 15),
         vec![zhang, people.neighbour("周志强")]),
        (task(staff, community, "红帆驿站 法律咨询 志愿引导",
            "红帆驿站免费法律咨询日，帮居民排队登记、引导到律师桌前。",
            "other", "红帆驿站", (4, 9, 0), 180, 3, 30),
         vec![]),
        (task(staff, (ScopeKind::Grid, places.grid_1), "小区环境卫生大扫除",
            "第一网格中心花园、绿化带和地下车库入口的卫生清扫，垃圾分类桶清洗。",
            "environment", "华盛世纪新城 中心花园", (5, 9, 0), 150, 30, 25),
         [vec![liu], neighbours(&["吴桂兰", "胡国庆", "林秀兰"])].concat()),
        (task(staff, (ScopeKind::Building, places.building_5), "5栋 垃圾分类督导",
            "早上投放时段在5栋楼下垃圾分类点值守，指导居民分类投放。",
            "environment", "5栋楼下", (6, 7, 0), 120, 4, 15),
         vec![people.chen_lihua]),
        (task(staff, community, "敬老院探访",
            "到井湾子街道敬老院陪老人聊天、读报、剪指甲。会唱花鼓戏的更欢迎！",
            "elderly", "井湾子街道敬老院", (8, 14, 30), 120, 10, 30),
         vec![zhang, people.neighbour("黄建华")]),
        (task(staff, community, "防汛值守",
            "汛期夜间值守：巡查地下车库和低洼处积水，及时上报。需两人一组。",
            "safety", "社区党群服务中心", (10, 20, 0), 180, 5, 40),
         vec![]),
        (task(("staff", people.li_guifang), (ScopeKind::Community, places.tonghua), "消防通道清理",
            "清理通化小区消防通道上的杂物和违停车辆。", "safety", "通化小区 1栋", (3, 9, 0), 120, 10, 20),
         vec![people.zhao_zhiming]),
    ];
    let mut created = Vec::new();
    for (task, _) in &upcoming {
        created.push(insert_task(tx, task, now - 2 * DAY_MS).await?);
    }
    for (id, (_, volunteers)) in created.into_iter().zip(&upcoming) {
        enrol(tx, id, volunteers, now - DAY_MS).await?;
    }
    Ok(())
}

/// Completed tasks of the last two weeks, and 张建国's weekly tasks going back a year.
async fn seed_completed(
    tx: &mut Transaction<'_, Any>,
    places: &Places,
    people: &People,
    now: i64,
) -> Result<Vec<TaskCredit>, AppError> {
    let staff = ("staff", people.xu_geli);
    let head = ("building_head", people.liu_weizhong);
    let community = (ScopeKind::Community, places.jingxiang);
    let past = |organiser, target, title, category, place, starts_at, minutes, points| DemoTask {
        organiser,
        target,
        title,
        description: "",
        category,
        place,
        starts_at,
        minutes,
        capacity: 20,
        points,
    };
    let (zhang, liu, wang) = (
        people.zhang_jianguo,
        people.liu_weizhong,
        people.wang_xiuying,
    );
    let mut done = vec![
        (
            past(
                staff,
                community,
                "小区环境卫生大扫除",
                "environment",
                "华盛世纪新城 中心花园",
                local(now, -3, 9, 0),
                120,
                20,
            ),
            [
                vec![zhang, liu, wang],
                people.neighbours_named(&["李淑珍", "黄建华", "朱丽娟"]),
            ]
            .concat(),
        ),
        (
            past(
                head,
                (ScopeKind::Building, places.building_3),
                "清理楼道",
                "environment",
                "3栋楼下",
                local(now, -6, 9, 0),
                120,
                20,
            ),
            vec![zhang, wang, people.neighbour("何振华")],
        ),
        (
            past(
                staff,
                community,
                "敬老院探访",
                "elderly",
                "井湾子街道敬老院",
                local(now, -10, 14, 30),
                180,
                30,
            ),
            vec![
                zhang,
                wang,
                people.neighbour("罗美玲"),
                people.neighbour("谢长青"),
            ],
        ),
    ];
    let series: [(&'static str, &'static str, &'static str, i64, i64); 4] = [
        ("防汛值守", "safety", "社区党群服务中心", 240, 40),
        (
            "四点半课堂 助教",
            "children",
            "社区党群服务中心 二楼",
            120,
            15,
        ),
        ("文明劝导", "civility", "井湘社区 北门", 120, 20),
        ("红帆驿站 值班", "other", "红帆驿站", 180, 30),
    ];
    // About 120 hours for 张建国: the recent 7 plus a weekly task going back.
    let mut minutes_total = 7 * 60;
    let mut week = 2;
    while minutes_total < 120 * 60 {
        let (title, category, place, minutes, points) = series[week as usize % series.len()];
        let starts_at = local(now, -7 * week - 1, 19, 0);
        done.push((
            past(
                staff, community, title, category, place, starts_at, minutes, points,
            ),
            vec![zhang],
        ));
        minutes_total += minutes;
        week += 1;
    }

    let mut credits = Vec::new();
    for (task, volunteers) in &done {
        let id = insert_task(tx, task, task.starts_at - 5 * DAY_MS).await?;
        enrol(tx, id, volunteers, task.starts_at - 3 * DAY_MS).await?;
        let ends_at = task.starts_at + task.minutes * 60_000;
        sqlx::query(
            "UPDATE task_enrollments SET status = 'completed', minutes = $1, points = $2, \
                checked_in_at = $3, checked_out_at = $4, updated_at = $4 WHERE task_id = $5",
        )
        .bind(task.minutes)
        .bind(task.points)
        .bind(task.starts_at)
        .bind(ends_at)
        .bind(id)
        .execute(&mut **tx)
        .await?;
        let completed_at = ends_at + HOUR_MS;
        let (_, organiser) = task.organiser;
        sqlx::query("UPDATE tasks SET completed_at = $1, completed_by = $2 WHERE id = $3")
            .bind(completed_at)
            .bind(organiser)
            .bind(id)
            .execute(&mut **tx)
            .await?;
        credits.extend(volunteers.iter().map(|user| TaskCredit {
            at: completed_at,
            user: *user,
            task: id,
            title: task.title,
            minutes: task.minutes,
            points: task.points,
            actor: organiser,
        }));
    }
    Ok(credits)
}

async fn insert_task(
    tx: &mut Transaction<'_, Any>,
    task: &DemoTask,
    created_at: i64,
) -> Result<i64, AppError> {
    let (kind, target) = task.target;
    let place = places::load(&mut **tx, kind, target)
        .await?
        .ok_or_else(|| AppError::internal("demo task for no place"))?;
    let (role, organiser) = task.organiser;
    Ok(sqlx::query_scalar(
        "INSERT INTO tasks (creator_id, creator_role, target_kind, target_id, community_id, \
            grid_id, building_id, title, description, category, place, starts_at, ends_at, \
            capacity, points, check_in_secret, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) \
         RETURNING id",
    )
    .bind(organiser)
    .bind(role)
    .bind(kind.as_str())
    .bind(target)
    .bind(place.path.community_id)
    .bind(place.path.grid_id)
    .bind(place.path.building_id)
    .bind(task.title)
    .bind(task.description)
    .bind(task.category)
    .bind(task.place)
    .bind(task.starts_at)
    .bind(task.starts_at + task.minutes * 60_000)
    .bind(task.capacity)
    .bind(task.points)
    .bind(tasks::new_secret())
    .bind(created_at)
    .fetch_one(&mut **tx)
    .await?)
}

/// Enrols `users` in order through the enrolment use case: slots first, then the waitlist.
async fn enrol(
    tx: &mut Transaction<'_, Any>,
    task_id: i64,
    users: &[i64],
    at: i64,
) -> Result<(), AppError> {
    for user in users {
        tasks::join(tx, TaskId(task_id), UserId(*user), at).await?;
    }
    Ok(())
}
