//! Read receipts (`GET /notices/{id}/receipts`): which households under the target have read
//! the notice, and which doors have not, unit by unit.

use std::collections::BTreeMap;

use linli_api_types::{ReadReceipts, Scope, ScopeKind, UnitUnread};

use crate::features::community::places::UNIT_NAME_SQL;
use crate::features::notices::manage;
use crate::features::notices::row::NoticeRow;
use crate::platform::auth::AuthUser;
use crate::platform::db::Db;
use crate::platform::error::Result;
use crate::platform::ids::NoticeId;

/// The receipts of notice `id`, for a member who may manage it.
pub async fn of_notice(db: &Db, auth: &AuthUser, id: NoticeId) -> Result<ReadReceipts> {
    let row = manage::manageable(db, auth, id, false).await?;
    receipts(db, &row).await
}

#[derive(sqlx::FromRow)]
struct DoorRow {
    unit_id: i64,
    unit_name: String,
    door: String,
    is_read: i64,
}

/// "已读 37 / 104" and the unread doors, unit by unit.
async fn receipts(db: &Db, row: &NoticeRow) -> Result<ReadReceipts> {
    let place = match row.target_kind() {
        ScopeKind::Community => "g2.community_id = $2",
        ScopeKind::Grid => "g2.id = $2",
        ScopeKind::Building => "b2.id = $2",
        ScopeKind::Unit => "u2.id = $2",
    };
    let sql = format!(
        "SELECT u2.id AS unit_id, {unit_name} AS unit_name, h2.door, \
            CASE WHEN EXISTS (SELECT 1 FROM notice_reads r \
                WHERE r.notice_id = $1 AND r.household_id = h2.id) THEN 1 ELSE 0 END AS is_read \
         FROM households h2 \
         JOIN units u2 ON u2.id = h2.unit_id \
         JOIN buildings b2 ON b2.id = u2.building_id \
         JOIN grids g2 ON g2.id = b2.grid_id \
         WHERE {place} ORDER BY b2.id, u2.id",
        unit_name = UNIT_NAME_SQL
            .replace("b.", "b2.")
            .replace("u.name", "u2.name"),
    );
    let doors: Vec<DoorRow> = sqlx::query_as(&sql)
        .bind(row.id)
        .bind(row.target_id)
        .fetch_all(&db.read)
        .await?;
    let households_total = doors.len() as i64;
    let households_read = doors.iter().filter(|door| door.is_read != 0).count() as i64;
    let mut units: Vec<UnitUnread> = Vec::new();
    let mut index: BTreeMap<i64, usize> = BTreeMap::new();
    for door in doors.into_iter().filter(|door| door.is_read == 0) {
        let at = *index.entry(door.unit_id).or_insert_with(|| {
            units.push(UnitUnread {
                unit: Scope {
                    kind: ScopeKind::Unit,
                    id: door.unit_id,
                    name: door.unit_name.clone(),
                },
                doors: Vec::new(),
            });
            units.len() - 1
        });
        units[at].doors.push(door.door);
    }
    for unit in &mut units {
        unit.doors.sort_by(|a, b| door_order(a).cmp(&door_order(b)));
    }
    Ok(ReadReceipts {
        households_read,
        households_total,
        unread_by_unit: units,
    })
}

/// Doors in numeric order ("302" before "1502"), anything else after, by text.
fn door_order(door: &str) -> (u8, u64, &str) {
    match door.parse::<u64>() {
        Ok(number) => (0, number, door),
        Err(_) => (1, 0, door),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doors_sort_by_number() {
        let mut doors = vec!["1502", "302", "2601", "B1", "301"];
        doors.sort_by(|a, b| door_order(a).cmp(&door_order(b)));
        assert_eq!(doors, ["301", "302", "1502", "2601", "B1"]);
    }
}
