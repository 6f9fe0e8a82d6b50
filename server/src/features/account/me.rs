//! The signed-in member as the app shows them (`Me`): who they are, where they live and what
//! they are responsible for, with every place's display name.

use linli_api_types::{AccountStatus, Household, Me, Place, Role, RoleGrant, Scope, ScopeKind};

use crate::platform::db::Db;
use crate::platform::error::{AppError, Result};
use crate::platform::ids::UserId;

#[derive(sqlx::FromRow)]
struct MeRow {
    id: i64,
    name: String,
    phone: String,
    is_volunteer: i64,
    community_id: i64,
    community_name: String,
    household_id: Option<i64>,
    door: Option<String>,
    unit_id: Option<i64>,
    unit_name: Option<String>,
    building_id: Option<i64>,
    building_name: Option<String>,
    grid_id: Option<i64>,
    grid_name: Option<String>,
    status: String,
}

#[derive(sqlx::FromRow)]
struct RoleRow {
    role: String,
    scope_kind: String,
    scope_id: i64,
    scope_name: Option<String>,
}

/// Display names: a building with its estate ("华盛世纪新城 3栋"), a unit with its building ("3栋 1单元").
const ROLES_WITH_SCOPE_NAMES: &str = "\
    SELECT r.role, r.scope_kind, r.scope_id, \
        CASE r.scope_kind \
            WHEN 'community' THEN (SELECT c.name FROM communities c WHERE c.id = r.scope_id) \
            WHEN 'grid' THEN (SELECT g.name FROM grids g WHERE g.id = r.scope_id) \
            WHEN 'building' THEN (SELECT b.estate || ' ' || b.name FROM buildings b WHERE b.id = r.scope_id) \
            WHEN 'unit' THEN (SELECT b.name || ' ' || u.name FROM units u \
                              JOIN buildings b ON b.id = u.building_id WHERE u.id = r.scope_id) \
        END AS scope_name \
    FROM role_grants r WHERE r.user_id = $1 \
    ORDER BY r.role, r.scope_kind, r.scope_id";

/// Member `user_id`; `unauthenticated` when there is no such member (a session outliving
/// its user).
pub async fn load(db: &Db, user_id: UserId) -> Result<Me> {
    let row: MeRow = sqlx::query_as(
        "SELECT u.id, u.name, u.phone, u.is_volunteer, \
                c.id AS community_id, c.name AS community_name, \
                h.id AS household_id, h.door, \
                un.id AS unit_id, un.name AS unit_name, \
                b.id AS building_id, b.estate || ' ' || b.name AS building_name, \
                g.id AS grid_id, g.name AS grid_name, u.status \
         FROM users u \
         JOIN communities c ON c.id = u.community_id \
         LEFT JOIN households h ON h.id = u.household_id \
         LEFT JOIN units un ON un.id = h.unit_id \
         LEFT JOIN buildings b ON b.id = un.building_id \
         LEFT JOIN grids g ON g.id = b.grid_id \
         WHERE u.id = $1",
    )
    .bind(user_id.get())
    .fetch_optional(&db.read)
    .await?
    .ok_or(AppError::Unauthenticated)?;

    let roles: Vec<RoleRow> = sqlx::query_as(ROLES_WITH_SCOPE_NAMES)
        .bind(user_id.get())
        .fetch_all(&db.read)
        .await?;
    let roles = roles
        .into_iter()
        .map(|row| {
            let role = Role::parse(&row.role)
                .ok_or_else(|| AppError::internal(format!("role {}", row.role)))?;
            let kind = ScopeKind::parse(&row.scope_kind)
                .ok_or_else(|| AppError::internal(format!("scope kind {}", row.scope_kind)))?;
            let name = row.scope_name.unwrap_or_default();
            Ok(RoleGrant {
                role,
                scope: Scope {
                    kind,
                    id: row.scope_id,
                    name,
                },
            })
        })
        .collect::<Result<Vec<_>>>()?;

    let household = match (
        row.household_id,
        row.door,
        row.unit_id,
        row.unit_name,
        row.building_id,
        row.building_name,
        row.grid_id,
        row.grid_name,
    ) {
        (
            Some(id),
            Some(door),
            Some(unit_id),
            Some(unit_name),
            Some(building_id),
            Some(building_name),
            Some(grid_id),
            Some(grid_name),
        ) => Some(Household {
            id,
            grid: Place {
                id: grid_id,
                name: grid_name,
            },
            building: Place {
                id: building_id,
                name: building_name,
            },
            unit: Place {
                id: unit_id,
                name: unit_name,
            },
            door,
        }),
        _ => None,
    };

    Ok(Me {
        id: row.id,
        name: row.name,
        phone: row.phone,
        community: Place {
            id: row.community_id,
            name: row.community_name,
        },
        household,
        is_volunteer: row.is_volunteer != 0,
        roles,
        proxy: None,
        status: AccountStatus::parse(&row.status)
            .ok_or_else(|| AppError::internal(format!("account status {}", row.status)))?,
    })
}
