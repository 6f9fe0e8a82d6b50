//! An order as stored: its row (with the service's name, category and provider as they were
//! when it was placed), reading it, and the guarded
//! write every step goes through.

use linli_api_types::OrderStatus;
use sqlx::{Any, AnyConnection, Executor};

use crate::features::services::refusals::OrderRefusal;
use crate::platform::error::{AppError, Result};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OrderRow {
    pub id: i64,
    pub community_id: i64,
    pub service_id: i64,
    pub service_name: String,
    pub service_category: String,
    pub provider_name: String,
    pub resident_id: i64,
    pub resident_name: String,
    pub volunteer_id: Option<i64>,
    pub volunteer_name: Option<String>,
    pub status: String,
    pub preferred_start: Option<i64>,
    pub address: String,
    pub contact_phone: String,
    pub note: String,
    pub points: i64,
    pub volunteer_points: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub waiting_since: Option<i64>,
    pub started_at: Option<i64>,
    pub completed_at: Option<i64>,
    pub completion_note: Option<String>,
    pub rating_stars: Option<i64>,
    pub rating_tags: Option<String>,
    pub rating_comment: Option<String>,
    pub rated_at: Option<i64>,
    pub finished_at: Option<i64>,
    /// Bumped by every write; every write is guarded by the version it read.
    pub version: i64,
    /// The ordering resident's household now: its members may not take the order.
    pub resident_household_id: Option<i64>,
    /// Placed by 代办: the head or staff member who acted for the resident. They count as
    /// the resident for the integrity rules.
    pub proxy_by: Option<i64>,
    /// The booked slot's end, kept when the order was placed (older orders: none, read from
    /// the service's opening times).
    pub preferred_end: Option<i64>,
}

pub const ORDER_SELECT: &str =
    "SELECT o.id, o.community_id, o.service_id, COALESCE(o.service_name, s.name) AS service_name, \
        COALESCE(o.service_category, s.category) AS service_category, \
        COALESCE(o.provider_name, p.name) AS provider_name, o.resident_id, \
        r.name AS resident_name, o.volunteer_id, v.name AS volunteer_name, o.status, \
        o.preferred_start, o.address, o.contact_phone, o.note, o.points, o.volunteer_points, \
        o.created_at, o.updated_at, o.waiting_since, o.started_at, o.completed_at, \
        o.completion_note, o.rating_stars, o.rating_tags, o.rating_comment, o.rated_at, \
        o.finished_at, o.version, r.household_id AS resident_household_id, o.proxy_by, \
        o.preferred_end \
     FROM orders o JOIN services s ON s.id = o.service_id \
     JOIN service_providers p ON p.id = s.provider_id \
     JOIN users r ON r.id = o.resident_id LEFT JOIN users v ON v.id = o.volunteer_id";

impl OrderRow {
    pub fn status(&self) -> Result<OrderStatus> {
        OrderStatus::parse(&self.status)
            .ok_or_else(|| AppError::internal(format!("order status {}", self.status)))
    }
}

pub async fn load<'e, E>(executor: E, id: i64) -> Result<Option<OrderRow>>
where
    E: Executor<'e, Database = Any>,
{
    Ok(sqlx::query_as(&format!("{ORDER_SELECT} WHERE o.id = $1"))
        .bind(id)
        .fetch_optional(executor)
        .await?)
}

/// Writes the mutable columns of `next` over the order, guarded by the version it was read
/// with (every write bumps it): when anyone wrote the order in between — a reassignment while
/// the volunteer accepts keeps the status `dispatched`, so the status alone would let both
/// win — nothing is written and `false` is answered.
pub async fn write_if_unchanged(
    tx: &mut AnyConnection,
    was: &OrderRow,
    next: &OrderRow,
) -> Result<bool> {
    let updated = sqlx::query(
        "UPDATE orders SET status = $1, volunteer_id = $2, waiting_since = $3, started_at = $4, \
            completed_at = $5, completion_note = $6, rating_stars = $7, rating_tags = $8, \
            rating_comment = $9, rated_at = $10, finished_at = $11, updated_at = $12, \
            version = version + 1 \
         WHERE id = $13 AND status = $14 AND version = $15",
    )
    .bind(&next.status)
    .bind(next.volunteer_id)
    .bind(next.waiting_since)
    .bind(next.started_at)
    .bind(next.completed_at)
    .bind(next.completion_note.as_deref())
    .bind(next.rating_stars)
    .bind(next.rating_tags.as_deref())
    .bind(next.rating_comment.as_deref())
    .bind(next.rated_at)
    .bind(next.finished_at)
    .bind(next.updated_at)
    .bind(was.id)
    .bind(&was.status)
    .bind(was.version)
    .execute(&mut *tx)
    .await?;
    Ok(updated.rows_affected() == 1)
}

/// [`write_if_unchanged`], refusing 409 `order_changed` when the order changed in between.
pub async fn save(tx: &mut AnyConnection, was: &OrderRow, next: &OrderRow) -> Result<()> {
    if write_if_unchanged(tx, was, next).await? {
        Ok(())
    } else {
        Err(OrderRefusal::Changed.into())
    }
}
