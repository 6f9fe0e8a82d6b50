//! The community's 爱心超市 catalogue: what points buy, at what price, how many are left.

use linli_api_types::Reward;

use crate::platform::db::Db;
use crate::platform::error::Result;
use crate::platform::ids::CommunityId;

#[derive(sqlx::FromRow)]
struct RewardRow {
    id: i64,
    name: String,
    description: String,
    points: i64,
    stock: i64,
}

impl From<RewardRow> for Reward {
    fn from(row: RewardRow) -> Self {
        Reward {
            id: row.id,
            name: row.name,
            description: row.description,
            points: row.points,
            stock: row.stock,
        }
    }
}

/// The community's catalogue, in its order; retired rewards are off the shelf.
pub async fn rewards(db: &Db, community: CommunityId) -> Result<Vec<Reward>> {
    let rows: Vec<RewardRow> = sqlx::query_as(
        "SELECT id, name, description, points, stock FROM rewards WHERE community_id = $1 \
            AND retired_at IS NULL ORDER BY sort, id",
    )
    .bind(community.get())
    .fetch_all(&db.read)
    .await?;
    Ok(rows.into_iter().map(Reward::from).collect())
}
