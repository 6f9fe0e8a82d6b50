//! Register progress 加入进度: how many households have joined, for the places the viewer
//! heads, and a building's households not on Linli yet with the register's names, to knock on.
//! A household counts when it is on the register or has an active account; it has joined when
//! one of its accounts is active (a 代办-only account is not "on Linli").

use std::collections::BTreeMap;

use linli_api_types::{
    BuildingUnjoined, JoinProgress, Phone, RegisterProgress, Role, ScopeKind, UnjoinedHousehold,
    UnjoinedMember,
};

use crate::features::community::places;
use crate::platform::auth::{AuthUser, PlacePath};
use crate::platform::db::Db;
use crate::platform::error::{AppError, Result};

#[derive(sqlx::FromRow)]
struct UnitFigures {
    grid_id: i64,
    grid_name: String,
    building_id: i64,
    building_name: String,
    unit_id: i64,
    unit_name: String,
    households: i64,
    joined: i64,
    members: i64,
    members_joined: i64,
}

// One statement for the whole community, grouped by unit; each household's counts come from
// the indexes on users (household_id) and register_members (household_id, name).
const UNIT_FIGURES_SQL: &str = "\
    SELECT g.id AS grid_id, g.name AS grid_name, b.id AS building_id, \
        b.estate || ' ' || b.name AS building_name, un.id AS unit_id, un.name AS unit_name, \
        COUNT(*) AS households, \
        CAST(SUM(CASE WHEN EXISTS (SELECT 1 FROM users u WHERE u.household_id = h.id \
            AND u.status = 'active') THEN 1 ELSE 0 END) AS BIGINT) AS joined, \
        CAST(SUM((SELECT COUNT(*) FROM register_members r WHERE r.household_id = h.id)) AS BIGINT) \
            AS members, \
        CAST(SUM((SELECT COUNT(*) FROM register_members r JOIN users u ON u.id = r.user_id \
            WHERE r.household_id = h.id AND u.status = 'active')) AS BIGINT) AS members_joined \
    FROM households h JOIN units un ON un.id = h.unit_id \
    JOIN buildings b ON b.id = un.building_id JOIN grids g ON g.id = b.grid_id \
    WHERE g.community_id = $1 \
      AND (EXISTS (SELECT 1 FROM register_members r WHERE r.household_id = h.id) \
           OR EXISTS (SELECT 1 FROM users u WHERE u.household_id = h.id AND u.status = 'active')) \
    GROUP BY g.id, g.name, b.id, b.estate, b.name, un.id, un.name \
    ORDER BY g.id, b.id, un.id";

fn n(v: i64) -> u32 {
    u32::try_from(v).unwrap_or_default()
}

fn figure(kind: ScopeKind, id: i64, name: &str, building_id: Option<i64>) -> JoinProgress {
    JoinProgress {
        kind,
        id,
        name: name.to_owned(),
        households: 0,
        joined: 0,
        members: 0,
        members_joined: 0,
        building_id,
    }
}

fn add(to: &mut JoinProgress, row: &UnitFigures) {
    to.households += n(row.households);
    to.joined += n(row.joined);
    to.members += n(row.members);
    to.members_joined += n(row.members_joined);
}

/// Whether the viewer heads the building (staff, its 网格长 or a building head of it).
fn heads_building(auth: &AuthUser, building: &PlacePath) -> bool {
    [Role::Staff, Role::GridHead, Role::BuildingHead]
        .into_iter()
        .any(|role| auth.covers(role, building))
}

pub async fn progress(db: &Db, auth: &AuthUser) -> Result<RegisterProgress> {
    let c = auth.community_id;
    let staff = auth.covers(Role::Staff, &PlacePath::community(c));
    auth.require(
        staff
            || auth.holds(Role::GridHead)
            || auth.holds(Role::BuildingHead)
            || auth.holds(Role::UnitHead),
    )?;
    let rows: Vec<UnitFigures> = sqlx::query_as(UNIT_FIGURES_SQL)
        .bind(c)
        .fetch_all(&db.read)
        .await?;
    let community_name: String = sqlx::query_scalar("SELECT name FROM communities WHERE id = $1")
        .bind(c)
        .fetch_one(&db.read)
        .await?;

    let mut community = figure(ScopeKind::Community, c, &community_name, None);
    let mut grids: BTreeMap<i64, JoinProgress> = BTreeMap::new();
    let mut buildings: BTreeMap<i64, JoinProgress> = BTreeMap::new();
    let mut units = Vec::new();
    for row in &rows {
        let grid_path = PlacePath {
            grid_id: Some(row.grid_id),
            ..PlacePath::community(c)
        };
        let building_path = PlacePath::building(c, row.grid_id, row.building_id);
        let unit_path = PlacePath::unit(c, row.grid_id, row.building_id, row.unit_id);
        add(&mut community, row);
        if staff || auth.covers(Role::GridHead, &grid_path) {
            add(
                grids
                    .entry(row.grid_id)
                    .or_insert_with(|| figure(ScopeKind::Grid, row.grid_id, &row.grid_name, None)),
                row,
            );
        }
        if heads_building(auth, &building_path) {
            add(
                buildings.entry(row.building_id).or_insert_with(|| {
                    figure(
                        ScopeKind::Building,
                        row.building_id,
                        &row.building_name,
                        Some(row.building_id),
                    )
                }),
                row,
            );
        }
        if auth.covers(Role::UnitHead, &unit_path) {
            let name = format!("{} {}", row.building_name, row.unit_name);
            let mut unit = figure(ScopeKind::Unit, row.unit_id, &name, Some(row.building_id));
            add(&mut unit, row);
            units.push(unit);
        }
    }
    Ok(RegisterProgress {
        community: staff.then_some(community),
        grids: grids.into_values().collect(),
        buildings: buildings.into_values().collect(),
        units,
    })
}

#[derive(sqlx::FromRow)]
struct UnjoinedRow {
    household_id: i64,
    unit_id: i64,
    unit: String,
    door: String,
    name: String,
    phone: Option<String>,
    relation: String,
    care_tags: String,
}

/// The building's register households with no active account, by unit and room. Staff, the
/// building's 网格长 and building heads see all of it; a unit head sees their units of it.
pub async fn unjoined(db: &Db, auth: &AuthUser, building_id: i64) -> Result<BuildingUnjoined> {
    let building = places::load_in_community(
        &db.read,
        ScopeKind::Building,
        building_id,
        auth.community_id,
    )
    .await?
    .ok_or(AppError::NotFound)?;
    let whole = heads_building(auth, &building.path);
    let unit_path = |unit_id| PlacePath {
        unit_id: Some(unit_id),
        ..building.path
    };
    if !whole {
        let units: Vec<i64> = sqlx::query_scalar("SELECT id FROM units WHERE building_id = $1")
            .bind(building_id)
            .fetch_all(&db.read)
            .await?;
        auth.require(
            units
                .into_iter()
                .any(|u| auth.covers(Role::UnitHead, &unit_path(u))),
        )?;
    }
    let rows: Vec<UnjoinedRow> = sqlx::query_as(
        "SELECT h.id AS household_id, un.id AS unit_id, un.name AS unit, h.door, r.name, r.phone, \
            r.relation, r.care_tags \
         FROM units un JOIN households h ON h.unit_id = un.id \
         JOIN register_members r ON r.household_id = h.id \
         WHERE un.building_id = $1 AND NOT EXISTS \
            (SELECT 1 FROM users u WHERE u.household_id = h.id AND u.status = 'active') \
         ORDER BY un.name, LENGTH(h.door), h.door, r.id",
    )
    .bind(building_id)
    .fetch_all(&db.read)
    .await?;
    let mut households: Vec<UnjoinedHousehold> = Vec::new();
    for row in rows {
        if !whole && !auth.covers(Role::UnitHead, &unit_path(row.unit_id)) {
            continue;
        }
        let member = UnjoinedMember {
            name: row.name,
            phone_masked: row
                .phone
                .as_deref()
                .and_then(|p| Phone::parse(p).ok())
                .map(|p| p.masked()),
            relation: row.relation,
            care_tags: row
                .care_tags
                .split(',')
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect(),
        };
        match households.last_mut() {
            Some(last) if last.household_id == row.household_id => last.members.push(member),
            _ => households.push(UnjoinedHousehold {
                household_id: row.household_id,
                unit: row.unit,
                room: row.door,
                members: vec![member],
            }),
        }
    }
    Ok(BuildingUnjoined {
        building_id,
        building: building.name,
        households,
    })
}
