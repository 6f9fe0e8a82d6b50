//! The demo community, modelled on 井湘社区 (长沙市雨花区井湾子街道), seeded into an empty
//! database so a newcomer sees a living app: grids, buildings, units, 644 households, heads,
//! volunteers and residents, and a second community for cross-community checks.

pub mod love_bank;
pub mod orders;

use sqlx::{Any, Transaction};

use crate::platform::db::{now_ms, value_rows, Db};
use crate::platform::error::AppError;
use crate::features::account::password;

pub const DEMO_PASSWORD: &str = "linli2026";

/// A demo account as printed at start.
pub struct DemoAccount {
    pub phone: &'static str,
    pub name: &'static str,
    pub role: &'static str,
}

pub const DEMO_ACCOUNTS: [DemoAccount; 8] = [
    DemoAccount {
        phone: "13800000001",
        name: "王秀英",
        role: "resident 居民 (3栋 1单元 1502)",
    },
    DemoAccount {
        phone: "13800000002",
        name: "张建国",
        role: "volunteer 志愿者 (3栋 2单元 801)",
    },
    DemoAccount {
        phone: "13800000003",
        name: "刘伟忠",
        role: "building head 楼栋长 of 3栋, volunteer",
    },
    DemoAccount {
        phone: "13800000004",
        name: "许各利",
        role: "staff 社区工作人员, 井湘社区",
    },
    DemoAccount {
        phone: "13800000005",
        name: "尚建超",
        role: "unit head 单元长 of 3栋 1单元 (104 households)",
    },
    DemoAccount {
        phone: "13800000006",
        name: "陈丽华",
        role: "resident 居民 (5栋 1单元 601)",
    },
    DemoAccount {
        phone: "13800000007",
        name: "李桂芳",
        role: "staff 社区工作人员, 通化街社区",
    },
    DemoAccount {
        phone: "13800000008",
        name: "赵志明",
        role: "resident 居民, 通化街社区",
    },
];

const STREET: &str = "长沙市雨花区井湾子街道";
/// (estate, building, grid index) of 井湘社区's buildings.
const JINGXIANG_BUILDINGS: [(&str, &str, usize); 8] = [
    ("华盛世纪新城", "1栋", 0),
    ("华盛世纪新城", "2栋", 0),
    ("华盛世纪新城", "3栋", 0),
    ("华盛世纪新城", "4栋", 1),
    ("华盛世纪新城", "5栋", 1),
    ("华盛世纪新城", "6栋", 1),
    ("德润园", "1栋", 2),
    ("德润园", "2栋", 2),
];
const JINGXIANG_GRIDS: [&str; 3] = [
    "华盛世纪新城 第一网格",
    "华盛世纪新城 第二网格",
    "德润园 网格",
];

const RESIDENT_NAMES: [&str; 20] = [
    "李淑珍",
    "周志强",
    "吴桂兰",
    "黄建华",
    "孙玉梅",
    "胡国庆",
    "朱丽娟",
    "高德明",
    "林秀兰",
    "何振华",
    "郭红梅",
    "马志刚",
    "罗美玲",
    "梁文斌",
    "宋春花",
    "谢长青",
    "唐小燕",
    "韩立新",
    "冯淑芬",
    "邓永红",
];

/// Seeds the demo data unless the database already holds a community. Returns whether it seeded.
pub async fn seed_demo(db: &Db) -> Result<bool, AppError> {
    let communities: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM communities")
        .fetch_one(&db.write)
        .await?;
    if communities > 0 {
        return Ok(false);
    }
    // Hashed once and shared: every demo account has the same password, and argon2 is slow.
    let password_hash = password::hash(DEMO_PASSWORD.into()).await?;
    let mut tx = db.write.begin().await?;
    match seed_in(&mut tx, &password_hash).await {
        Ok(()) => {
            tx.commit().await?;
            Ok(true)
        }
        // Another server seeding the same empty PostgreSQL at the same moment got there first.
        Err(AppError::Conflict) => Ok(false),
        Err(error) => Err(error),
    }
}

struct Person {
    phone: String,
    name: &'static str,
    community: i64,
    /// (unit id, door)
    home: Option<(i64, String)>,
    volunteer: bool,
}

struct Unit {
    id: i64,
    building: &'static str,
    estate: &'static str,
    name: &'static str,
    floors: u32,
    doors_per_floor: u32,
}

async fn seed_in(tx: &mut Transaction<'_, Any>, password_hash: &str) -> Result<(), AppError> {
    let jingxiang = insert_id(
        tx,
        "INSERT INTO communities (name, street) VALUES ($1, $2) RETURNING id",
        &["井湘社区", STREET],
    )
    .await?;
    let mut grids = Vec::new();
    for grid in JINGXIANG_GRIDS {
        grids.push(insert_grid(tx, jingxiang, grid).await?);
    }
    let mut units = Vec::new();
    for (estate, building, grid) in JINGXIANG_BUILDINGS {
        let building_id = insert_building(tx, grids[grid], estate, building).await?;
        for unit in ["1单元", "2单元"] {
            // 尚建超's unit: 26 floors of 4 doors, the 104 households of the article.
            let (floors, doors_per_floor) =
                if (estate, building, unit) == ("华盛世纪新城", "3栋", "1单元") {
                    (26, 4)
                } else {
                    (18, 2)
                };
            let id = insert_unit(tx, building_id, unit).await?;
            units.push(Unit {
                id,
                building,
                estate,
                name: unit,
                floors,
                doors_per_floor,
            });
        }
    }
    for unit in &units {
        insert_households(tx, unit.id, unit.floors, unit.doors_per_floor).await?;
    }

    let tonghua = insert_id(
        tx,
        "INSERT INTO communities (name, street) VALUES ($1, $2) RETURNING id",
        &["通化街社区", STREET],
    )
    .await?;
    let tonghua_grid = insert_grid(tx, tonghua, "通化街 第一网格").await?;
    let tonghua_building = insert_building(tx, tonghua_grid, "通化小区", "1栋").await?;
    let tonghua_unit = insert_unit(tx, tonghua_building, "1单元").await?;
    insert_households(tx, tonghua_unit, 6, 2).await?;

    let find = |estate: &str, building: &str, unit: &str| {
        units
            .iter()
            .find(|u| u.estate == estate && u.building == building && u.name == unit)
            .map(|u| u.id)
            .expect("seeded unit")
    };
    let unit_3_1 = find("华盛世纪新城", "3栋", "1单元");
    let unit_3_2 = find("华盛世纪新城", "3栋", "2单元");
    let unit_5_1 = find("华盛世纪新城", "5栋", "1单元");
    let building_3: i64 = sqlx::query_scalar("SELECT building_id FROM units WHERE id = $1")
        .bind(unit_3_1)
        .fetch_one(&mut **tx)
        .await?;

    let person =
        |phone: &str, name: &'static str, community, home: Option<(i64, &str)>, volunteer| Person {
            phone: phone.into(),
            name,
            community,
            home: home.map(|(unit, door)| (unit, door.to_owned())),
            volunteer,
        };
    let mut people = vec![
        person(
            "13800000001",
            "王秀英",
            jingxiang,
            Some((unit_3_1, "1502")),
            false,
        ),
        person(
            "13800000002",
            "张建国",
            jingxiang,
            Some((unit_3_2, "801")),
            true,
        ),
        person(
            "13800000003",
            "刘伟忠",
            jingxiang,
            Some((unit_3_1, "302")),
            true,
        ),
        person("13800000004", "许各利", jingxiang, None, false),
        person(
            "13800000005",
            "尚建超",
            jingxiang,
            Some((unit_3_1, "2601")),
            false,
        ),
        person(
            "13800000006",
            "陈丽华",
            jingxiang,
            Some((unit_5_1, "601")),
            false,
        ),
        person("13800000007", "李桂芳", tonghua, None, false),
        person(
            "13800000008",
            "赵志明",
            tonghua,
            Some((tonghua_unit, "301")),
            false,
        ),
    ];
    for (i, name) in RESIDENT_NAMES.into_iter().enumerate() {
        // Spread over the units, floors and doors; every third one volunteers.
        let unit = &units[(i * 7) % units.len()];
        let floor = (i as u32 * 5) % unit.floors + 1;
        let door = (floor * 100 + (i as u32) % unit.doors_per_floor + 1).to_string();
        let phone = format!("139{:08}", i + 1);
        people.push(person(
            &phone,
            name,
            jingxiang,
            Some((unit.id, &door)),
            i % 3 == 0,
        ));
    }

    let mut ids = Vec::new();
    let now = now_ms();
    for Person {
        phone,
        name,
        community,
        home,
        volunteer,
    } in &people
    {
        let household_id = match home {
            Some((unit, door)) => Some(
                sqlx::query_scalar::<_, i64>(
                    "SELECT id FROM households WHERE unit_id = $1 AND door = $2",
                )
                .bind(unit)
                .bind(door)
                .fetch_one(&mut **tx)
                .await?,
            ),
            None => None,
        };
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO users (phone, name, password_hash, community_id, household_id, is_volunteer, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(phone)
        .bind(*name)
        .bind(password_hash)
        .bind(community)
        .bind(household_id)
        .bind(i64::from(*volunteer))
        .bind(now)
        .fetch_one(&mut **tx)
        .await?;
        ids.push(id);
    }

    let grants = [
        (ids[2], "building_head", "building", building_3),
        (ids[3], "staff", "community", jingxiang),
        (ids[4], "unit_head", "unit", unit_3_1),
        (ids[6], "staff", "community", tonghua),
    ];
    for (user, role, kind, scope) in grants {
        sqlx::query(
            "INSERT INTO role_grants (user_id, role, scope_kind, scope_id) VALUES ($1, $2, $3, $4)",
        )
        .bind(user)
        .bind(role)
        .bind(kind)
        .bind(scope)
        .execute(&mut **tx)
        .await?;
    }

    let building_5: i64 = sqlx::query_scalar("SELECT building_id FROM units WHERE id = $1")
        .bind(unit_5_1)
        .fetch_one(&mut **tx)
        .await?;
    let places = NoticePlaces {
        jingxiang,
        grid_1: grids[0],
        building_3,
        building_5,
        unit_3_1,
        unit_3_2,
        tonghua,
    };
    let staff = ids[3];
    let building_head = ids[2];
    let unit_head = ids[4];
    let resident = ids[0];
    seed_notices(
        tx,
        &places,
        staff,
        building_head,
        unit_head,
        ids[6],
        resident,
        now,
    )
    .await?;
    // Volunteer tasks and the love bank (issue 4).
    let people = crate::demo::love_bank::People {
        jingxiang,
        tonghua,
        grid_1: grids[0],
        building_3,
        building_5,
        resident,
        volunteer: ids[1],
        building_head,
        staff,
        resident_5: ids[5],
        tonghua_staff: ids[6],
        tonghua_resident: ids[7],
        others: ids[8..].to_vec(),
    };
    crate::demo::love_bank::seed(tx, &people, now).await?;
    // The service menu and demo orders (issue 5).
    crate::demo::orders::seed_services_and_orders(tx).await
}

/// Places the demo notices are addressed to.
struct NoticePlaces {
    jingxiang: i64,
    grid_1: i64,
    building_3: i64,
    building_5: i64,
    unit_3_1: i64,
    unit_3_2: i64,
    tonghua: i64,
}

struct DemoNotice {
    author: i64,
    /// (role, scope kind, scope id) of the author's grant.
    grant: (&'static str, &'static str, i64),
    /// (kind, id) of the target.
    target: (&'static str, i64),
    title: &'static str,
    body: String,
    category: &'static str,
    /// Hours before now.
    published_hours_ago: i64,
    /// Hours from now (negative: already past).
    pinned_for_hours: Option<i64>,
    expires_in_hours: Option<i64>,
}

const HOUR_MS: i64 = 60 * 60 * 1000;

/// Notices the demo residents see on 首页 (ids in this order on a fresh database):
/// 1 红帆驿站法律咨询 (井湘社区, pinned), 2 3栋停水 (3栋, 37/104 of 1单元 and 12/36 of 2单元 read),
/// 3 电动车 (井湘社区), 4 重阳节百家宴 (第一网格), 5 四点半课堂 (3栋 1单元), 6 医保缴费 (井湘社区,
/// read by 王秀英's household), 7 5栋电梯年检 (5栋 only), 8 3栋停电 (expired),
/// 9 通化街社区消防演练 (通化街社区 only).
#[allow(clippy::too_many_arguments)]
async fn seed_notices(
    tx: &mut Transaction<'_, Any>,
    places: &NoticePlaces,
    staff: i64,
    building_head: i64,
    unit_head: i64,
    tonghua_staff: i64,
    resident: i64,
    now: i64,
) -> Result<(), AppError> {
    let staff_grant = ("staff", "community", places.jingxiang);
    let head_grant = ("building_head", "building", places.building_3);
    let notices = [
        DemoNotice {
            author: staff,
            grant: staff_grant,
            target: ("community", places.jingxiang),
            title: "红帆驿站本周五提供免费法律咨询",
            body: "各位居民：\n本周五上午9:00-12:00、下午14:00-17:00，红帆驿站邀请执业律师为大家提供免费法律咨询。\n\
                   婚姻家庭、邻里纠纷、劳动报酬、物业合同等问题都可以来问，请带好相关材料。\n\
                   地点：井湘社区党群服务中心一楼 红帆驿站。无需预约，现场排队。"
                .into(),
            category: "other",
            published_hours_ago: 2,
            pinned_for_hours: Some(4 * 24),
            expires_in_hours: Some(6 * 24),
        },
        DemoNotice {
            author: building_head,
            grant: head_grant,
            target: ("building", places.building_3),
            title: "3栋二次供水设施清洗，周六8:00-14:00停水",
            body: "3栋的邻居们：\n本周六8:00-14:00清洗消毒二次供水水箱，期间全栋停水。\n\
                   请提前储水；恢复供水后先放水两三分钟再使用。\n\
                   家中有老人或行动不便的，需要帮忙送水请联系楼栋长刘伟忠（302）。"
                .into(),
            category: "utilities",
            published_hours_ago: 5,
            pinned_for_hours: None,
            expires_in_hours: Some(3 * 24),
        },
        DemoNotice {
            author: staff,
            grant: staff_grant,
            target: ("community", places.jingxiang),
            title: "严禁电动车在楼道内停放充电",
            body: "近期全市发生多起电动车充电引发的火灾。请不要把电动车推进楼道、电梯或家中充电，\
                   也不要私拉电线“飞线充电”。\n小区北门和3栋东侧已设集中充电桩，扫码即可使用。\n\
                   网格员将逐栋巡查，楼道内的电动车请于本周日前移走。"
                .into(),
            category: "safety",
            published_hours_ago: 26,
            pinned_for_hours: None,
            expires_in_hours: None,
        },
        DemoNotice {
            author: staff,
            grant: staff_grant,
            target: ("grid", places.grid_1),
            title: "重阳节睦邻百家宴开始报名",
            body: "重阳节中午，第一网格在华盛世纪新城中心花园举办睦邻百家宴。\n\
                   每户可带一道拿手菜，70岁以上老人免费参加，志愿者负责接送行动不便的老人。\n\
                   请在本周五前向单元长或网格员报名。"
                .into(),
            category: "activity",
            published_hours_ago: 2 * 24,
            pinned_for_hours: None,
            expires_in_hours: Some(10 * 24),
        },
        DemoNotice {
            author: unit_head,
            grant: ("unit_head", "unit", places.unit_3_1),
            target: ("unit", places.unit_3_1),
            title: "四点半课堂本学期开始报名",
            body: "1单元有小学生的家庭请注意：社区四点半课堂下周一开课，周一至周五16:30-18:00，\
                   大学生志愿者辅导作业。\n名额30个，报名找单元长尚建超（2601）。"
                .into(),
            category: "activity",
            published_hours_ago: 3 * 24,
            pinned_for_hours: None,
            expires_in_hours: None,
        },
        DemoNotice {
            author: staff,
            grant: staff_grant,
            target: ("community", places.jingxiang),
            title: "2026年度城乡居民医保开始缴费",
            body: "2026年度城乡居民基本医疗保险开始缴费，截止12月31日。\n\
                   可通过微信“湖南税务”小程序或到社区服务大厅缴纳。\n\
                   低保、特困、重度残疾等人员有缴费补助，请带证件到社区服务大厅办理。"
                .into(),
            category: "policy",
            published_hours_ago: 4 * 24,
            pinned_for_hours: None,
            expires_in_hours: None,
        },
        DemoNotice {
            author: staff,
            grant: staff_grant,
            target: ("building", places.building_5),
            title: "5栋电梯年检，周四上午暂停使用",
            body: "周四8:30-11:30，5栋两部电梯年度检验，期间暂停使用。\n需要帮助的住户请联系网格员。".into(),
            category: "property",
            published_hours_ago: 6,
            pinned_for_hours: None,
            expires_in_hours: Some(5 * 24),
        },
        DemoNotice {
            author: building_head,
            grant: head_grant,
            target: ("building", places.building_3),
            title: "3栋周二晚停电检修",
            body: "周二20:00-22:00配电房检修，3栋停电两小时。".into(),
            category: "utilities",
            published_hours_ago: 8 * 24,
            pinned_for_hours: None,
            expires_in_hours: Some(-5 * 24),
        },
        DemoNotice {
            author: tonghua_staff,
            grant: ("staff", "community", places.tonghua),
            target: ("community", places.tonghua),
            title: "通化街社区本周六消防演练",
            body: "本周六上午9:00在通化小区1栋楼下进行消防疏散演练，请居民积极参加。".into(),
            category: "safety",
            published_hours_ago: 30,
            pinned_for_hours: None,
            expires_in_hours: None,
        },
    ];
    let mut ids = Vec::new();
    for notice in &notices {
        let (kind, target) = notice.target;
        let (community, grid, building, unit): (i64, Option<i64>, Option<i64>, Option<i64>) =
            sqlx::query_as(match kind {
                "community" => {
                    "SELECT id, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT) \
                     FROM communities WHERE id = $1"
                }
                "grid" => {
                    "SELECT community_id, id, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT) \
                     FROM grids WHERE id = $1"
                }
                "building" => {
                    "SELECT g.community_id, g.id, b.id, CAST(NULL AS BIGINT) \
                     FROM buildings b JOIN grids g ON g.id = b.grid_id WHERE b.id = $1"
                }
                _ => {
                    "SELECT g.community_id, g.id, b.id, u.id FROM units u \
                     JOIN buildings b ON b.id = u.building_id JOIN grids g ON g.id = b.grid_id \
                     WHERE u.id = $1"
                }
            })
            .bind(target)
            .fetch_one(&mut **tx)
            .await?;
        let (role, scope_kind, scope_id) = notice.grant;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO notices (author_id, author_role, author_scope_kind, author_scope_id, \
                target_kind, target_id, community_id, grid_id, building_id, unit_id, \
                title, body, category, pinned_until, expires_at, published_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) \
             RETURNING id",
        )
        .bind(notice.author)
        .bind(role)
        .bind(scope_kind)
        .bind(scope_id)
        .bind(kind)
        .bind(target)
        .bind(community)
        .bind(grid)
        .bind(building)
        .bind(unit)
        .bind(notice.title)
        .bind(notice.body.as_str())
        .bind(notice.category)
        .bind(notice.pinned_for_hours.map(|h| now + h * HOUR_MS))
        .bind(notice.expires_in_hours.map(|h| now + h * HOUR_MS))
        .bind(now - notice.published_hours_ago * HOUR_MS)
        .fetch_one(&mut **tx)
        .await?;
        ids.push(id);
    }

    // Receipts that look alive: the lower floors have read the 停水 notice (37 of 1单元's 104
    // households, 12 of 2单元's 36), a few the legal-advice one; 王秀英 has read 医保.
    let reads = [
        (ids[1], places.unit_3_1, 37),
        (ids[1], places.unit_3_2, 12),
        (ids[0], places.unit_3_1, 9),
    ];
    for (notice, unit, households) in reads {
        sqlx::query(&format!(
            "INSERT INTO notice_reads (notice_id, household_id, read_at) \
             SELECT $1, h.id, $2 FROM households h WHERE h.unit_id = $3 \
             ORDER BY h.id LIMIT {households}"
        ))
        .bind(notice)
        .bind(now - HOUR_MS)
        .bind(unit)
        .execute(&mut **tx)
        .await?;
    }
    sqlx::query(
        "INSERT INTO notice_reads (notice_id, household_id, user_id, read_at) \
         SELECT $1, u.household_id, u.id, $2 FROM users u WHERE u.id = $3",
    )
    .bind(ids[5])
    .bind(now - 2 * HOUR_MS)
    .bind(resident)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn insert_id(
    tx: &mut Transaction<'_, Any>,
    sql: &str,
    texts: &[&str],
) -> Result<i64, AppError> {
    let mut query = sqlx::query_scalar(sql);
    for text in texts {
        query = query.bind(*text);
    }
    Ok(query.fetch_one(&mut **tx).await?)
}

async fn insert_grid(
    tx: &mut Transaction<'_, Any>,
    community: i64,
    name: &str,
) -> Result<i64, AppError> {
    Ok(
        sqlx::query_scalar("INSERT INTO grids (community_id, name) VALUES ($1, $2) RETURNING id")
            .bind(community)
            .bind(name)
            .fetch_one(&mut **tx)
            .await?,
    )
}

async fn insert_building(
    tx: &mut Transaction<'_, Any>,
    grid: i64,
    estate: &str,
    name: &str,
) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO buildings (grid_id, estate, name) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(grid)
    .bind(estate)
    .bind(name)
    .fetch_one(&mut **tx)
    .await?)
}

async fn insert_unit(
    tx: &mut Transaction<'_, Any>,
    building: i64,
    name: &str,
) -> Result<i64, AppError> {
    Ok(
        sqlx::query_scalar("INSERT INTO units (building_id, name) VALUES ($1, $2) RETURNING id")
            .bind(building)
            .bind(name)
            .fetch_one(&mut **tx)
            .await?,
    )
}

/// Every door of a unit in one multi-row INSERT; door numbers are floor × 100 + n ("1502").
async fn insert_households(
    tx: &mut Transaction<'_, Any>,
    unit: i64,
    floors: u32,
    doors_per_floor: u32,
) -> Result<(), AppError> {
    let doors: Vec<String> = (1..=floors)
        .flat_map(|floor| (1..=doors_per_floor).map(move |n| (floor * 100 + n).to_string()))
        .collect();
    let sql = format!(
        "INSERT INTO households (unit_id, door) VALUES {}",
        value_rows(doors.len(), 2)
    );
    let mut query = sqlx::query(&sql);
    for door in &doors {
        query = query.bind(unit).bind(door.as_str());
    }
    query.execute(&mut **tx).await?;
    Ok(())
}
