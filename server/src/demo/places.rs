//! The demo's places: 井湘社区 (长沙市雨花区井湾子街道) with three grids, eight buildings, two units
//! each and 644 households, and 通化街社区 with one small building for cross-community checks.
//! Inserted directly: no request creates places; the household-register import will.

use sqlx::{Any, Transaction};

use crate::platform::db::value_rows;
use crate::platform::error::AppError;

const STREET: &str = "长沙市雨花区井湾子街道";
const JINGXIANG_GRIDS: [&str; 3] = [
    "华盛世纪新城 第一网格",
    "华盛世纪新城 第二网格",
    "德润园 网格",
];
/// (estate, building, grid) of 井湘社区's buildings.
const JINGXIANG_BUILDINGS: [(&str, &str, &str); 8] = [
    ("华盛世纪新城", "1栋", JINGXIANG_GRIDS[0]),
    ("华盛世纪新城", "2栋", JINGXIANG_GRIDS[0]),
    ("华盛世纪新城", "3栋", JINGXIANG_GRIDS[0]),
    ("华盛世纪新城", "4栋", JINGXIANG_GRIDS[1]),
    ("华盛世纪新城", "5栋", JINGXIANG_GRIDS[1]),
    ("华盛世纪新城", "6栋", JINGXIANG_GRIDS[1]),
    ("德润园", "1栋", JINGXIANG_GRIDS[2]),
    ("德润园", "2栋", JINGXIANG_GRIDS[2]),
];

/// A unit of 井湘社区 and the shape of its doors.
pub struct Unit {
    pub id: i64,
    pub estate: &'static str,
    pub building: &'static str,
    pub name: &'static str,
    pub floors: u32,
    pub doors_per_floor: u32,
}

/// The places the rest of the demo refers to by name.
pub struct Places {
    pub jingxiang: i64,
    /// 华盛世纪新城 第一网格 (1栋, 2栋, 3栋).
    pub grid_1: i64,
    pub building_3: i64,
    pub building_5: i64,
    /// 尚建超's unit: 26 floors of 4 doors, the 104 households of the article.
    pub unit_3_1: i64,
    pub unit_3_2: i64,
    pub unit_5_1: i64,
    /// Every unit of 井湘社区, in the order seeded.
    pub units: Vec<Unit>,
    pub tonghua: i64,
    pub tonghua_unit: i64,
}

pub async fn seed(tx: &mut Transaction<'_, Any>) -> Result<Places, AppError> {
    let jingxiang = insert_community(tx, "井湘社区").await?;
    let mut grids = Vec::new();
    for grid in JINGXIANG_GRIDS {
        grids.push((grid, insert_grid(tx, jingxiang, grid).await?));
    }
    let mut units = Vec::new();
    let mut buildings = Vec::new();
    for (estate, building, grid) in JINGXIANG_BUILDINGS {
        let grid_id = grids
            .iter()
            .find(|(name, _)| *name == grid)
            .expect("grid")
            .1;
        let building_id = insert_building(tx, grid_id, estate, building).await?;
        buildings.push((estate, building, building_id));
        for unit in ["1单元", "2单元"] {
            let (floors, doors_per_floor) =
                if (estate, building, unit) == ("华盛世纪新城", "3栋", "1单元") {
                    (26, 4)
                } else {
                    (18, 2)
                };
            let id = insert_unit(tx, building_id, unit).await?;
            units.push(Unit {
                id,
                estate,
                building,
                name: unit,
                floors,
                doors_per_floor,
            });
        }
    }
    for unit in &units {
        insert_households(tx, unit.id, unit.floors, unit.doors_per_floor).await?;
    }

    let tonghua = insert_community(tx, "通化街社区").await?;
    let tonghua_grid = insert_grid(tx, tonghua, "通化街 第一网格").await?;
    let tonghua_building = insert_building(tx, tonghua_grid, "通化小区", "1栋").await?;
    let tonghua_unit = insert_unit(tx, tonghua_building, "1单元").await?;
    insert_households(tx, tonghua_unit, 6, 2).await?;

    let building = |name: &str| {
        buildings
            .iter()
            .find(|(estate, building, _)| (*estate, *building) == ("华盛世纪新城", name))
            .expect("seeded building")
            .2
    };
    let unit = |building: &str, unit: &str| {
        units
            .iter()
            .find(|u| (u.estate, u.building, u.name) == ("华盛世纪新城", building, unit))
            .expect("seeded unit")
            .id
    };
    Ok(Places {
        jingxiang,
        grid_1: grids[0].1,
        building_3: building("3栋"),
        building_5: building("5栋"),
        unit_3_1: unit("3栋", "1单元"),
        unit_3_2: unit("3栋", "2单元"),
        unit_5_1: unit("5栋", "1单元"),
        tonghua,
        tonghua_unit,
        units,
    })
}

/// The household at `door` of `unit`.
pub async fn household(
    tx: &mut Transaction<'_, Any>,
    unit: i64,
    door: &str,
) -> Result<i64, AppError> {
    Ok(
        sqlx::query_scalar("SELECT id FROM households WHERE unit_id = $1 AND door = $2")
            .bind(unit)
            .bind(door)
            .fetch_one(&mut **tx)
            .await?,
    )
}

async fn insert_community(tx: &mut Transaction<'_, Any>, name: &str) -> Result<i64, AppError> {
    Ok(
        sqlx::query_scalar("INSERT INTO communities (name, street) VALUES ($1, $2) RETURNING id")
            .bind(name)
            .bind(STREET)
            .fetch_one(&mut **tx)
            .await?,
    )
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
