//! A wish as stored, with the names and place its answers show, read in one statement.

use linli_api_types::WishStatus;
use sqlx::{Any, Executor};

use crate::platform::auth::PlacePath;
use crate::platform::error::{AppError, Result};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct WishRow {
    pub id: i64,
    pub community_id: i64,
    pub resident_id: i64,
    pub household_id: i64,
    pub unit_id: i64,
    pub building_id: i64,
    pub grid_id: i64,
    pub title: String,
    pub text: String,
    pub status: String,
    pub points: i64,
    pub proxy_by: Option<i64>,
    pub created_at: i64,
    pub version: i64,
    pub decline_reason: Option<String>,
    pub claimer_id: Option<i64>,
    pub fulfil_note: Option<String>,
    pub photo_id: Option<i64>,
    pub photo_width: Option<i64>,
    pub photo_height: Option<i64>,
    pub fulfil_photo_id: Option<i64>,
    pub fulfil_photo_width: Option<i64>,
    pub fulfil_photo_height: Option<i64>,
    pub fulfilled_at: Option<i64>,
    pub thanks_note: Option<String>,
    pub thanked_at: Option<i64>,
    pub resident_name: String,
    pub place: String,
    pub claimer_name: Option<String>,
    pub reviewer_name: Option<String>,
    pub proxy_name: Option<String>,
    pub thanks_proxy_name: Option<String>,
}

/// Every list and page reads wishes through this, `w` the wish.
pub const WISH_SELECT: &str = "\
    SELECT w.id, w.community_id, w.resident_id, w.household_id, w.unit_id, \
        b.id AS building_id, b.grid_id, w.title, w.text, w.status, w.points, \
        w.proxy_by, w.created_at, w.version, w.decline_reason, w.claimer_id, w.fulfil_note, \
        w.fulfilled_at, w.thanks_note, w.thanked_at, w.photo_id, p.width AS photo_width, \
        p.height AS photo_height, w.fulfil_photo_id, fp.width AS fulfil_photo_width, \
        fp.height AS fulfil_photo_height, \
        r.name AS resident_name, b.name || ' ' || un.name AS place, c.name AS claimer_name, \
        rv.name AS reviewer_name, px.name AS proxy_name, tp.name AS thanks_proxy_name \
    FROM wishes w \
    JOIN users r ON r.id = w.resident_id \
    JOIN units un ON un.id = w.unit_id \
    JOIN buildings b ON b.id = un.building_id \
    LEFT JOIN users c ON c.id = w.claimer_id \
    LEFT JOIN users rv ON rv.id = w.reviewed_by \
    LEFT JOIN users px ON px.id = w.proxy_by \
    LEFT JOIN users tp ON tp.id = w.thanks_proxy_by \
    LEFT JOIN photos p ON p.id = w.photo_id \
    LEFT JOIN photos fp ON fp.id = w.fulfil_photo_id";

/// What a wish's photo is attached to (`photos.attached_kind`), and what its fulfilment's is.
pub fn photo_of(id: i64) -> crate::platform::photos::AttachTo {
    crate::platform::photos::AttachTo { kind: "wish", id }
}

pub fn fulfil_photo_of(id: i64) -> crate::platform::photos::AttachTo {
    crate::platform::photos::AttachTo {
        kind: "wish_fulfil",
        id,
    }
}

impl WishRow {
    pub fn status(&self) -> Result<WishStatus> {
        WishStatus::parse(&self.status)
            .ok_or_else(|| AppError::internal(format!("wish status {}", self.status)))
    }

    /// Where the wishing household lives: its heads review the wish.
    pub fn path(&self) -> PlacePath {
        PlacePath::unit(
            self.community_id,
            self.grid_id,
            self.building_id,
            self.unit_id,
        )
    }
}

pub async fn load<'e, E>(executor: E, id: i64) -> Result<Option<WishRow>>
where
    E: Executor<'e, Database = Any>,
{
    Ok(sqlx::query_as(&format!("{WISH_SELECT} WHERE w.id = $1"))
        .bind(id)
        .fetch_optional(executor)
        .await?)
}
