//! Reading orders: a resident's own, and one order for whoever may see it. Reads close the
//! orders whose rating window has passed first, so nobody sees one still open to rating.

use linli_api_types::{Order, OrderSummary};

use super::close::close_overdue;
use super::events::timeline;
use super::row::{load, OrderRow, ORDER_SELECT};
use super::viewer::OrderViewer;
use crate::features::services::menu::opening_of;
use crate::platform::auth::AuthUser;
use crate::platform::db::Db;
use crate::platform::error::{AppError, Result};
use crate::platform::ids::{OrderId, ServiceId, UserId};

/// The orders `resident` placed, newest first (at most 100).
pub async fn mine(db: &Db, resident: UserId, now: i64) -> Result<Vec<OrderSummary>> {
    close_overdue(db, now).await?;
    let rows: Vec<OrderRow> = sqlx::query_as(&format!(
        "{ORDER_SELECT} WHERE o.resident_id = $1 ORDER BY o.created_at DESC, o.id DESC LIMIT 100"
    ))
    .bind(resident.get())
    .fetch_all(&db.read)
    .await?;
    rows.iter().map(OrderRow::summary).collect()
}

/// Order `id` with its timeline, if `auth` may see it (404 otherwise).
pub async fn one(db: &Db, auth: AuthUser, id: OrderId, now: i64) -> Result<Order> {
    close_overdue(db, now).await?;
    let mut conn = db.read.acquire().await?;
    let viewer = OrderViewer::of(&mut *conn, auth).await?;
    let row = load(&mut *conn, id.get())
        .await?
        .filter(|row| viewer.can_see(row))
        .ok_or(AppError::NotFound)?;
    let events = timeline(&mut *conn, id.get()).await?;
    let opening = opening_of(&mut *conn, ServiceId(row.service_id)).await?;
    row.order(&viewer, events, &opening)
}
