//! The demo community, modelled on 井湘社区 (长沙市雨花区井湾子街道), seeded into an empty
//! database so a newcomer sees a living app: grids, buildings, units, 644 households, heads,
//! volunteers and residents, and a second community for cross-community checks.

use sqlx::{Any, Transaction};

use crate::db::{now_ms, value_rows, Db};
use crate::error::AppError;
use crate::password;

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
