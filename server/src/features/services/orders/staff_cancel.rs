//! Staff cancelling an order 社区取消 with a reason, at any state before completion: the held
//! points go back to the resident (an `order_release` line, 已退回), an assigned volunteer is
//! released (the order is finished; they still see it, with the reason), and the timeline
//! shows "社区取消：<reason>" to the resident, the volunteer and staff.
//!
//! Beside the state machine on purpose: it is staff overriding the order's course, not one of
//! its steps. It writes through the same version guard, so against a second staff member or
//! the volunteer completing at the same moment exactly one write wins and the points move
//! once; the loser is answered 409 `order_changed` (or `order_finished` when read after).

use linli_api_types::{Order, OrderActorRole, OrderEventKind, OrderStatus};
use sqlx::AnyConnection;

use super::events::add_event;
use super::payment;
use super::row::{load, write_if_unchanged};
use super::view::detail;
use super::viewer::OrderViewer;
use crate::features::services::refusals::OrderRefusal;
use crate::platform::auth::AuthUser;
use crate::platform::error::{AppError, Result};
use crate::platform::ids::OrderId;

/// Whether staff may still cancel an order in `status`: until a volunteer completes it.
pub fn cancellable(status: OrderStatus) -> bool {
    matches!(
        status,
        OrderStatus::Submitted
            | OrderStatus::Dispatched
            | OrderStatus::Accepted
            | OrderStatus::InProgress
    )
}

/// `auth` (staff of the order's community) cancels order `id` with `reason` (checked); answers
/// the order as they then see it. 404 for an order they cannot see (another community's), 403
/// for one they see but do not run (their own as a resident, a volunteer's).
pub async fn staff_cancel(
    tx: &mut AnyConnection,
    auth: AuthUser,
    id: OrderId,
    reason: &str,
    now: i64,
) -> Result<Order> {
    let viewer = OrderViewer::of(&mut *tx, auth).await?;
    let row = load(&mut *tx, id.get())
        .await?
        .filter(|row| viewer.can_see(row))
        .ok_or(AppError::NotFound)?;
    if !viewer.is_staff_of(row.community_id) {
        return Err(OrderRefusal::NotAllowed.into());
    }
    if !cancellable(row.status()?) {
        return Err(OrderRefusal::Finished.into());
    }
    let mut next = row.clone();
    next.status = OrderStatus::Cancelled.as_str().into();
    next.waiting_since = None;
    next.finished_at = Some(now);
    next.updated_at = now;
    if !write_if_unchanged(tx, &row, &next).await? {
        return Err(OrderRefusal::Changed.into());
    }
    sqlx::query("UPDATE orders SET cancel_reason = $1 WHERE id = $2")
        .bind(reason)
        .bind(row.id)
        .execute(&mut *tx)
        .await?;
    let me = viewer.auth.user_id;
    add_event(
        tx,
        row.id,
        OrderEventKind::Cancelled,
        Some((me, OrderActorRole::Staff)),
        Some(reason),
        now,
    )
    .await?;
    payment::release(tx, &row, Some(me)).await?;
    tracing::info!(order_id = row.id, was = %row.status, "order cancelled by staff");
    detail(tx, &viewer, id.get()).await
}
