//! Who may approve a request for a home, as the resident is told ("等待 3栋楼栋长 刘伟忠 审核"):
//! the unit's heads, then the building's; the community's staff when neither has one.

use linli_api_types::{Reviewer, Role};
use sqlx::{AnyConnection, AnyPool};

use crate::platform::auth::{AuthUser, PlacePath};
use crate::platform::error::{AppError, Result};

/// Whether `auth` may decide a request for a home at `path`: its unit head, its building head
/// or staff of the community.
pub fn may_review(auth: &AuthUser, path: &PlacePath) -> bool {
    [Role::UnitHead, Role::BuildingHead, Role::Staff]
        .into_iter()
        .any(|role| auth.covers(role, path))
}

#[derive(sqlx::FromRow)]
struct ReviewerRow {
    id: i64,
    role: String,
    place: String,
    name: String,
}

/// The reviewers of a home at `path` (a unit's path).
pub async fn of(pool: &AnyPool, path: &PlacePath) -> Result<Vec<Reviewer>> {
    rows(&mut *pool.acquire().await?, path)
        .await?
        .into_iter()
        .map(|row| {
            Ok(Reviewer {
                role: Role::parse(&row.role)
                    .ok_or_else(|| AppError::internal(format!("role {}", row.role)))?,
                place: row.place,
                name: row.name,
            })
        })
        .collect()
}

/// The accounts of the reviewers of a home at `path`: whom a new request waits for.
pub async fn ids(conn: &mut AnyConnection, path: &PlacePath) -> Result<Vec<i64>> {
    Ok(rows(conn, path).await?.into_iter().map(|row| row.id).collect())
}

/// The unit's and building's heads, or the community's staff when neither has one.
async fn rows(conn: &mut AnyConnection, path: &PlacePath) -> Result<Vec<ReviewerRow>> {
    let heads: Vec<ReviewerRow> = sqlx::query_as(
        "SELECT u.id, g.role, CASE g.scope_kind \
                WHEN 'unit' THEN (SELECT b.name || un.name FROM units un \
                                  JOIN buildings b ON b.id = un.building_id WHERE un.id = g.scope_id) \
                ELSE (SELECT b.name FROM buildings b WHERE b.id = g.scope_id) END AS place, \
            u.name \
         FROM role_grants g JOIN users u ON u.id = g.user_id \
         WHERE u.status = 'active' AND ( \
            (g.role = 'unit_head' AND g.scope_kind = 'unit' AND g.scope_id = $1) \
            OR (g.role = 'building_head' AND g.scope_kind = 'building' AND g.scope_id = $2)) \
         ORDER BY CASE g.role WHEN 'unit_head' THEN 0 ELSE 1 END, u.id",
    )
    .bind(path.unit_id.unwrap_or_default())
    .bind(path.building_id.unwrap_or_default())
    .fetch_all(&mut *conn)
    .await?;
    Ok(if heads.is_empty() {
        sqlx::query_as(
            "SELECT u.id, g.role, c.name AS place, u.name \
             FROM role_grants g JOIN users u ON u.id = g.user_id \
             JOIN communities c ON c.id = g.scope_id \
             WHERE u.status = 'active' AND g.role = 'staff' AND g.scope_kind = 'community' \
                AND g.scope_id = $1 \
             ORDER BY u.id",
        )
        .bind(path.community_id)
        .fetch_all(&mut *conn)
        .await?
    } else {
        heads
    })
}
