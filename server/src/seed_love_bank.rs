//! Demo volunteer tasks, 爱心超市 rewards and a love-bank history for the demo community, so the
//! 任务 and 积分 tabs are alive: upcoming tasks over the next two weeks (文明劝导 already full, to
//! show the waitlist), completed tasks with credited points, 张建国's ~120 hours, opening grants
//! (爱心基础积分), vouchers and a staff correction.

use linli_api_types::{LedgerKind, LedgerLinkKind};
use sqlx::{Any, Transaction};

use crate::error::AppError;
use crate::ledger::{self, Account, Memo, Transfer};
use crate::shanghai::{self, DAY_MS, HOUR_MS};
use crate::tasks;

/// Every member's 爱心基础积分.
pub const OPENING_POINTS: i64 = 200;

/// Who and where, from the main seed.
pub struct People {
    pub jingxiang: i64,
    pub tonghua: i64,
    pub grid_1: i64,
    pub building_3: i64,
    pub building_5: i64,
    pub resident: i64,
    pub volunteer: i64,
    pub building_head: i64,
    pub staff: i64,
    pub resident_5: i64,
    pub tonghua_staff: i64,
    pub tonghua_resident: i64,
    /// The other residents of 井湘社区, in seed order.
    pub others: Vec<i64>,
}

/// `days` from today's Shanghai midnight, at `hour:minute` Shanghai time, as epoch ms.
fn local(now: i64, days: i64, hour: i64, minute: i64) -> i64 {
    shanghai::day_start(now) + days * DAY_MS + hour * HOUR_MS + minute * 60_000
}

struct DemoTask {
    creator: i64,
    role: &'static str,
    target: (&'static str, i64),
    title: &'static str,
    description: &'static str,
    category: &'static str,
    place: &'static str,
    starts_at: i64,
    minutes: i64,
    capacity: i64,
    points: i64,
}

async fn insert_task(
    tx: &mut Transaction<'_, Any>,
    task: &DemoTask,
    created_at: i64,
) -> Result<i64, AppError> {
    let (kind, target) = task.target;
    let (community, grid, building): (i64, Option<i64>, Option<i64>) = sqlx::query_as(match kind {
        "community" => {
            "SELECT id, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT) FROM communities WHERE id = $1"
        }
        "grid" => "SELECT community_id, id, CAST(NULL AS BIGINT) FROM grids WHERE id = $1",
        _ => {
            "SELECT g.community_id, g.id, b.id FROM buildings b JOIN grids g ON g.id = b.grid_id \
             WHERE b.id = $1"
        }
    })
    .bind(target)
    .fetch_one(&mut **tx)
    .await?;
    Ok(sqlx::query_scalar(
        "INSERT INTO tasks (creator_id, creator_role, target_kind, target_id, community_id, \
            grid_id, building_id, title, description, category, place, starts_at, ends_at, \
            capacity, points, check_in_secret, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) \
         RETURNING id",
    )
    .bind(task.creator)
    .bind(task.role)
    .bind(kind)
    .bind(target)
    .bind(community)
    .bind(grid)
    .bind(building)
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

/// Enrols `users` in order: slots first, then the waitlist.
async fn enrol(
    tx: &mut Transaction<'_, Any>,
    task_id: i64,
    users: &[i64],
    at: i64,
) -> Result<(), AppError> {
    for user in users {
        tasks::join(tx, task_id, *user, at).await?;
    }
    Ok(())
}

/// One thing that happened in the love bank, replayed in time order.
enum Event {
    Opening {
        user: i64,
    },
    Reward {
        user: i64,
        task: i64,
        title: &'static str,
        minutes: i64,
        points: i64,
        actor: i64,
    },
    Redeem {
        user: i64,
        reward: i64,
        used: bool,
    },
    Correction {
        user: i64,
        amount: i64,
        note: &'static str,
        actor: i64,
    },
}

pub async fn seed(
    tx: &mut Transaction<'_, Any>,
    people: &People,
    now: i64,
) -> Result<(), AppError> {
    let staff = ("staff", people.staff);
    let head = ("building_head", people.building_head);
    let upcoming = |(role, creator): (&'static str, i64),
                    target,
                    title,
                    description,
                    category,
                    place,
                    (days, hour, minute): (i64, i64, i64),
                    minutes,
                    capacity,
                    points| DemoTask {
        creator,
        role,
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
    let community = ("community", people.jingxiang);
    let others = &people.others;
    let upcoming_tasks = [
        upcoming(head, ("building", people.building_3), "清理楼道",
            "清理3栋各单元楼道里堆放的杂物和小广告，擦洗扶手。请穿方便活动的衣服，手套和工具由社区提供。",
            "environment", "3栋楼下", (2, 9, 0), 120, 8, 20),
        upcoming(staff, community, "文明劝导",
            "早高峰在小区北门劝导电动车规范停放、行人走斑马线。穿志愿者红马甲，领取小红旗。",
            "civility", "井湘社区 北门", (1, 7, 30), 120, 6, 20),
        upcoming(staff, community, "四点半课堂 助教",
            "陪一二年级的孩子写作业、读绘本。需要有耐心，会说普通话。",
            "children", "社区党群服务中心 二楼", (3, 16, 30), 90, 4, 15),
        upcoming(staff, community, "红帆驿站 法律咨询 志愿引导",
            "红帆驿站免费法律咨询日，帮居民排队登记、引导到律师桌前。",
            "other", "红帆驿站", (4, 9, 0), 180, 3, 30),
        upcoming(staff, ("grid", people.grid_1), "小区环境卫生大扫除",
            "第一网格中心花园、绿化带和地下车库入口的卫生清扫，垃圾分类桶清洗。",
            "environment", "华盛世纪新城 中心花园", (5, 9, 0), 150, 30, 25),
        upcoming(staff, ("building", people.building_5), "5栋 垃圾分类督导",
            "早上投放时段在5栋楼下垃圾分类点值守，指导居民分类投放。",
            "environment", "5栋楼下", (6, 7, 0), 120, 4, 15),
        upcoming(staff, community, "敬老院探访",
            "到井湾子街道敬老院陪老人聊天、读报、剪指甲。会唱花鼓戏的更欢迎！",
            "elderly", "井湾子街道敬老院", (8, 14, 30), 120, 10, 30),
        upcoming(staff, community, "防汛值守",
            "汛期夜间值守：巡查地下车库和低洼处积水，及时上报。需两人一组。",
            "safety", "社区党群服务中心", (10, 20, 0), 180, 5, 40),
        upcoming(("staff", people.tonghua_staff), ("community", people.tonghua), "消防通道清理",
            "清理通化小区消防通道上的杂物和违停车辆。", "safety", "通化小区 1栋", (3, 9, 0), 120, 10, 20),
    ];
    let mut upcoming_ids = Vec::new();
    for task in &upcoming_tasks {
        upcoming_ids.push(insert_task(tx, task, now - 2 * DAY_MS).await?);
    }
    let at = now - DAY_MS;
    // 清理楼道: 王秀英 and 张建国 joined.
    enrol(
        tx,
        upcoming_ids[0],
        &[people.volunteer, people.resident],
        at,
    )
    .await?;
    // 文明劝导: full (6) with two waiting.
    let mut civility = vec![people.volunteer, people.building_head];
    civility.extend(others.iter().take(6));
    enrol(tx, upcoming_ids[1], &civility, at).await?;
    enrol(tx, upcoming_ids[2], &[people.volunteer, others[1]], at).await?;
    enrol(
        tx,
        upcoming_ids[4],
        &[people.building_head, others[2], others[5], others[8]],
        at,
    )
    .await?;
    enrol(tx, upcoming_ids[5], &[people.resident_5], at).await?;
    enrol(tx, upcoming_ids[6], &[people.volunteer, others[3]], at).await?;
    enrol(tx, upcoming_ids[8], &[people.tonghua_resident], at).await?;

    // Completed tasks of the last two weeks, and 张建国's year of 防汛 and 四点半课堂.
    let past = |(role, creator): (&'static str, i64),
                target,
                title,
                category,
                place,
                starts_at,
                minutes,
                points| DemoTask {
        creator,
        role,
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
    let mut events: Vec<(i64, Event)> = Vec::new();
    let mut members: Vec<i64> = vec![
        people.resident,
        people.volunteer,
        people.building_head,
        people.staff,
        people.resident_5,
    ];
    members.extend(others.iter().copied());
    for user in &members {
        events.push((now - 400 * DAY_MS, Event::Opening { user: *user }));
    }
    let recent = [
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
            vec![
                people.volunteer,
                people.building_head,
                people.resident,
                others[0],
                others[3],
                others[6],
            ],
        ),
        (
            past(
                head,
                ("building", people.building_3),
                "清理楼道",
                "environment",
                "3栋楼下",
                local(now, -6, 9, 0),
                120,
                20,
            ),
            vec![people.volunteer, people.resident, others[9]],
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
            vec![people.volunteer, people.resident, others[12], others[15]],
        ),
    ];
    let mut history = Vec::new();
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
        history.push((
            past(
                staff,
                community,
                title,
                category,
                place,
                local(now, -7 * week - 1, 19, 0),
                minutes,
                points,
            ),
            vec![people.volunteer],
        ));
        minutes_total += minutes;
        week += 1;
    }
    for (task, volunteers) in recent.iter().chain(history.iter()) {
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
        sqlx::query("UPDATE tasks SET completed_at = $1, completed_by = $2 WHERE id = $3")
            .bind(completed_at)
            .bind(task.creator)
            .bind(id)
            .execute(&mut **tx)
            .await?;
        for user in volunteers {
            events.push((
                completed_at,
                Event::Reward {
                    user: *user,
                    task: id,
                    title: task.title,
                    minutes: task.minutes,
                    points: task.points,
                    actor: task.creator,
                },
            ));
        }
    }

    // 爱心超市.
    let rewards: [(i64, &str, &str, i64, i64); 9] = [
        (
            people.jingxiang,
            "大米 5kg",
            "东北大米，红帆驿站领取",
            300,
            20,
        ),
        (people.jingxiang, "食用油 5L", "非转基因菜籽油", 200, 15),
        (people.jingxiang, "洗衣液", "2kg 装", 120, 30),
        (
            people.jingxiang,
            "家电维修",
            "志愿者上门维修小家电一次（不含配件）",
            150,
            10,
        ),
        (
            people.jingxiang,
            "理发服务",
            "红帆驿站 每周三上午 义剪一次",
            80,
            50,
        ),
        (people.jingxiang, "牙膏", "120g 装", 60, 40),
        (people.jingxiang, "毛巾", "纯棉毛巾一条", 40, 0),
        (people.tonghua, "大米 5kg", "", 300, 10),
        (people.tonghua, "牙膏", "", 60, 20),
    ];
    let mut reward_ids = Vec::new();
    for (sort, (community, name, description, points, stock)) in rewards.iter().enumerate() {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO rewards (community_id, name, description, points, stock, sort, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(community)
        .bind(*name)
        .bind(*description)
        .bind(points)
        .bind(stock)
        .bind(sort as i64)
        .bind(now - 400 * DAY_MS)
        .fetch_one(&mut **tx)
        .await?;
        reward_ids.push(id);
    }
    events.push((
        now - 20 * DAY_MS,
        Event::Redeem {
            user: people.volunteer,
            reward: reward_ids[0],
            used: true,
        },
    ));
    events.push((
        now - 2 * DAY_MS,
        Event::Redeem {
            user: people.volunteer,
            reward: reward_ids[5],
            used: false,
        },
    ));
    events.push((
        now - 40 * DAY_MS,
        Event::Redeem {
            user: people.resident,
            reward: reward_ids[4],
            used: true,
        },
    ));
    events.push((
        now - 5 * DAY_MS,
        Event::Correction {
            user: people.resident,
            amount: 10,
            note: "补录 重阳节百家宴 帮厨积分",
            actor: people.staff,
        },
    ));

    events.sort_by_key(|(at, _)| *at);
    for (at, event) in events {
        let community_id = people.jingxiang;
        let transfer = |from, to, amount, memo, actor_id| Transfer {
            community_id,
            from,
            to,
            amount,
            memo,
            actor_id,
        };
        match event {
            Event::Opening { user } => {
                let memo = Memo::new(LedgerKind::Opening, "爱心基础积分");
                ledger::transfer_at(
                    tx,
                    &transfer(
                        Account::Fund(community_id),
                        Account::Member(user),
                        OPENING_POINTS,
                        memo,
                        None,
                    ),
                    at,
                )
                .await?;
            }
            Event::Reward {
                user,
                task,
                title,
                minutes,
                points,
                actor,
            } => {
                let memo = Memo::new(LedgerKind::TaskReward, title)
                    .minutes(minutes)
                    .link(LedgerLinkKind::Task, task);
                ledger::transfer_at(
                    tx,
                    &transfer(
                        Account::Fund(community_id),
                        Account::Member(user),
                        points,
                        memo,
                        Some(actor),
                    ),
                    at,
                )
                .await?;
            }
            Event::Redeem { user, reward, used } => {
                let (name, points): (String, i64) = sqlx::query_as(
                    "UPDATE rewards SET stock = stock - 1 WHERE id = $1 RETURNING name, points",
                )
                .bind(reward)
                .fetch_one(&mut **tx)
                .await?;
                let voucher: i64 = sqlx::query_scalar(
                    "INSERT INTO vouchers (code, reward_id, user_id, community_id, reward_name, \
                        points, issued_at, used_at, used_by) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                )
                .bind(crate::points::new_code())
                .bind(reward)
                .bind(user)
                .bind(community_id)
                .bind(&name)
                .bind(points)
                .bind(at)
                .bind(used.then_some(at + DAY_MS))
                .bind(used.then_some(people.staff))
                .fetch_one(&mut **tx)
                .await?;
                let memo =
                    Memo::new(LedgerKind::Redemption, name).link(LedgerLinkKind::Voucher, voucher);
                ledger::transfer_at(
                    tx,
                    &transfer(
                        Account::Member(user),
                        Account::Fund(community_id),
                        points,
                        memo,
                        Some(user),
                    ),
                    at,
                )
                .await?;
            }
            Event::Correction {
                user,
                amount,
                note,
                actor,
            } => {
                let memo = Memo::new(LedgerKind::Correction, "积分更正").note(note);
                let transaction_id = ledger::transfer_at(
                    tx,
                    &transfer(
                        Account::Fund(community_id),
                        Account::Member(user),
                        amount,
                        memo,
                        Some(actor),
                    ),
                    at,
                )
                .await?;
                // Its record too, as every correction has one (积分管理's audit lists them).
                crate::corrections::insert(
                    tx,
                    community_id,
                    user,
                    amount,
                    note,
                    actor,
                    Some(transaction_id),
                    at,
                )
                .await?;
            }
        }
    }
    Ok(())
}
