//! The community's places and register as the import compares against them: one read per
//! table for the whole community (a few thousand rows at most), not one per sheet row.

use std::collections::HashMap;

use sqlx::AnyConnection;

use crate::platform::error::Result;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct GridRow {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BuildingRow {
    pub id: i64,
    pub estate: String,
    pub name: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UnitRow {
    pub id: i64,
    pub building_id: i64,
    pub name: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct HouseholdRow {
    pub id: i64,
    pub unit_id: i64,
    pub door: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MemberRow {
    pub id: i64,
    pub household_id: i64,
    pub name: String,
    pub phone: Option<String>,
    pub relation: String,
    pub care_tags: String,
    pub user_id: Option<i64>,
}

/// An account of the community with a home: its phone belongs to that household.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AccountRow {
    pub phone: String,
    pub name: String,
    pub household_id: i64,
}

pub struct Existing {
    pub grids: Vec<GridRow>,
    pub buildings: Vec<BuildingRow>,
    pub units: Vec<UnitRow>,
    pub households: Vec<HouseholdRow>,
    pub members: Vec<MemberRow>,
    pub accounts: Vec<AccountRow>,
}

impl Existing {
    pub async fn load(conn: &mut AnyConnection, community_id: i64) -> Result<Self> {
        let grids =
            sqlx::query_as("SELECT id, name FROM grids WHERE community_id = $1 ORDER BY id")
                .bind(community_id)
                .fetch_all(&mut *conn)
                .await?;
        let buildings = sqlx::query_as(
            "SELECT b.id, b.estate, b.name FROM buildings b \
             JOIN grids g ON g.id = b.grid_id WHERE g.community_id = $1 ORDER BY b.id",
        )
        .bind(community_id)
        .fetch_all(&mut *conn)
        .await?;
        let units = sqlx::query_as(
            "SELECT un.id, un.building_id, un.name FROM units un \
             JOIN buildings b ON b.id = un.building_id JOIN grids g ON g.id = b.grid_id \
             WHERE g.community_id = $1 ORDER BY un.id",
        )
        .bind(community_id)
        .fetch_all(&mut *conn)
        .await?;
        let households = Self::load_households(conn, community_id).await?;
        let members = sqlx::query_as(
            "SELECT id, household_id, name, phone, relation, care_tags, user_id \
             FROM register_members WHERE community_id = $1 ORDER BY id",
        )
        .bind(community_id)
        .fetch_all(&mut *conn)
        .await?;
        // Pending accounts too: their phone is theirs even before a head lets them in.
        let accounts = sqlx::query_as(
            "SELECT phone, name, household_id FROM users \
             WHERE community_id = $1 AND household_id IS NOT NULL AND status IN ('active', 'pending')",
        )
        .bind(community_id)
        .fetch_all(&mut *conn)
        .await?;
        Ok(Self {
            grids,
            buildings,
            units,
            households,
            members,
            accounts,
        })
    }

    pub async fn load_households(
        conn: &mut AnyConnection,
        community_id: i64,
    ) -> Result<Vec<HouseholdRow>> {
        Ok(sqlx::query_as(
            "SELECT h.id, h.unit_id, h.door FROM households h JOIN units un ON un.id = h.unit_id \
             JOIN buildings b ON b.id = un.building_id JOIN grids g ON g.id = b.grid_id \
             WHERE g.community_id = $1",
        )
        .bind(community_id)
        .fetch_all(&mut *conn)
        .await?)
    }

    /// "华盛世纪新城 3栋 1单元 1502" of each household, for problems that name another one.
    pub fn household_names(&self) -> HashMap<i64, String> {
        let buildings: HashMap<i64, &BuildingRow> =
            self.buildings.iter().map(|b| (b.id, b)).collect();
        let units: HashMap<i64, &UnitRow> = self.units.iter().map(|u| (u.id, u)).collect();
        self.households
            .iter()
            .filter_map(|h| {
                let unit = units.get(&h.unit_id)?;
                let building = buildings.get(&unit.building_id)?;
                Some((
                    h.id,
                    format!(
                        "{} {}{}{}",
                        building.estate, building.name, unit.name, h.door
                    )
                    .trim()
                    .to_owned(),
                ))
            })
            .collect()
    }
}
