//! A commit: the plan written in one transaction, in batches (one INSERT per few hundred
//! members, as `demo::places` seeds doors), and the import recorded.

use std::collections::HashMap;

use linli_api_types::RegisterImportSummary;
use sqlx::{Any, Transaction};

use super::existing::Existing;
use super::plan::{Plan, Ref};
use crate::platform::db::value_rows;
use crate::platform::error::{AppError, Result};

/// Members per INSERT: 8 values each stays well inside SQLite's and PostgreSQL's bind limits.
const MEMBERS_PER_INSERT: usize = 400;

pub struct Who<'a> {
    pub community_id: i64,
    pub user_id: i64,
    pub file_name: &'a str,
    pub now: i64,
}

pub async fn apply(tx: &mut Transaction<'_, Any>, plan: &Plan, who: &Who<'_>) -> Result<()> {
    let used = plan.used();
    let resolve = |ids: &HashMap<usize, i64>, r: Ref| -> Result<i64> {
        match r {
            Ref::Existing(id) => Ok(id),
            Ref::New(i) => ids
                .get(&i)
                .copied()
                .ok_or_else(|| AppError::internal("import: a new place was not created")),
        }
    };

    let mut grids = HashMap::new();
    for (i, grid) in plan
        .grids
        .iter()
        .enumerate()
        .filter(|(i, _)| used.grids.contains(i))
    {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO grids (community_id, name) VALUES ($1, $2) RETURNING id",
        )
        .bind(who.community_id)
        .bind(&grid.name)
        .fetch_one(&mut **tx)
        .await?;
        grids.insert(i, id);
    }
    let mut buildings = HashMap::new();
    for (i, building) in plan
        .buildings
        .iter()
        .enumerate()
        .filter(|(i, _)| used.buildings.contains(i))
    {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO buildings (grid_id, estate, name) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(resolve(&grids, building.grid)?)
        .bind(&building.estate)
        .bind(&building.name)
        .fetch_one(&mut **tx)
        .await?;
        buildings.insert(i, id);
    }
    let mut units = HashMap::new();
    for (i, unit) in plan
        .units
        .iter()
        .enumerate()
        .filter(|(i, _)| used.units.contains(i))
    {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO units (building_id, name) VALUES ($1, $2) RETURNING id",
        )
        .bind(resolve(&buildings, unit.building)?)
        .bind(&unit.name)
        .fetch_one(&mut **tx)
        .await?;
        units.insert(i, id);
    }

    // Households in batches, then read back by (unit, door) for their ids.
    let new_households: Vec<(usize, i64, &str)> = plan
        .households
        .iter()
        .enumerate()
        .filter(|(i, _)| used.households.contains(i))
        .map(|(i, h)| Ok((i, resolve(&units, h.unit)?, h.door.as_str())))
        .collect::<Result<_>>()?;
    for chunk in new_households.chunks(MEMBERS_PER_INSERT) {
        let sql = format!(
            "INSERT INTO households (unit_id, door) VALUES {}",
            value_rows(chunk.len(), 2)
        );
        let mut query = sqlx::query(&sql);
        for (_, unit, door) in chunk {
            query = query.bind(*unit).bind(*door);
        }
        query.execute(&mut **tx).await?;
    }
    let mut households = HashMap::new();
    if !new_households.is_empty() {
        let by_place: HashMap<(i64, String), i64> =
            Existing::load_households(tx, who.community_id)
                .await?
                .into_iter()
                .map(|h| ((h.unit_id, h.door), h.id))
                .collect();
        for (i, unit, door) in &new_households {
            let id = by_place
                .get(&(*unit, door.to_string()))
                .ok_or_else(|| AppError::internal("import: a new household was not found"))?;
            households.insert(*i, *id);
        }
    }

    for chunk in plan.members.chunks(MEMBERS_PER_INSERT) {
        let sql = format!(
            "INSERT INTO register_members \
                (community_id, household_id, name, phone, relation, care_tags, created_at, updated_at) \
             VALUES {}",
            value_rows(chunk.len(), 8)
        );
        let mut query = sqlx::query(&sql);
        for member in chunk {
            query = query
                .bind(who.community_id)
                .bind(resolve(&households, member.household)?)
                .bind(member.name.as_str())
                .bind(member.phone.as_deref())
                .bind(member.relation.as_str())
                .bind(member.care_tags.as_str())
                .bind(who.now)
                .bind(who.now);
        }
        query.execute(&mut **tx).await?;
    }
    for member in &plan.changed {
        sqlx::query(
            "UPDATE register_members SET phone = $1, relation = $2, care_tags = $3, updated_at = $4 \
             WHERE id = $5 AND community_id = $6",
        )
        .bind(member.phone.as_deref())
        .bind(member.relation.as_str())
        .bind(member.care_tags.as_str())
        .bind(who.now)
        .bind(member.id)
        .bind(who.community_id)
        .execute(&mut **tx)
        .await?;
    }
    record(tx, &plan.summary, who).await
}

async fn record(
    tx: &mut Transaction<'_, Any>,
    s: &RegisterImportSummary,
    who: &Who<'_>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO register_imports (community_id, imported_by, imported_at, file_name, \
            rows_read, rows_skipped, households_in_sheet, households_created, members_created, \
            members_changed, members_unchanged, members_left_alone, buildings_created, units_created) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
    )
    .bind(who.community_id)
    .bind(who.user_id)
    .bind(who.now)
    .bind(who.file_name)
    .bind(i64::from(s.rows_read))
    .bind(i64::from(s.rows_skipped))
    .bind(i64::from(s.households_in_sheet))
    .bind(i64::from(s.households_created))
    .bind(i64::from(s.members_created))
    .bind(i64::from(s.members_changed))
    .bind(i64::from(s.members_unchanged))
    .bind(i64::from(s.members_left_alone))
    .bind(i64::from(s.buildings_created))
    .bind(i64::from(s.units_created))
    .execute(&mut **tx)
    .await?;
    Ok(())
}
