//! An order's timeline: one event per step, with who took it.

use linli_api_types::{OrderActor, OrderActorRole, OrderEvent, OrderEventKind};
use sqlx::{Any, AnyConnection, Executor};

use crate::features::services::wire::time;
use crate::platform::error::{AppError, Result};

pub async fn add_event(
    tx: &mut AnyConnection,
    order_id: i64,
    kind: OrderEventKind,
    actor: Option<(i64, OrderActorRole)>,
    note: Option<&str>,
    at: i64,
) -> Result<()> {
    add_event_by(tx, order_id, kind, actor, note, at, None).await
}

/// [`add_event`] for a step taken in a 代办 session: `proxy_by` acted for the actor.
pub async fn add_event_by(
    tx: &mut AnyConnection,
    order_id: i64,
    kind: OrderEventKind,
    actor: Option<(i64, OrderActorRole)>,
    note: Option<&str>,
    at: i64,
    proxy_by: Option<i64>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO order_events (order_id, kind, actor_id, actor_role, note, at, proxy_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(order_id)
    .bind(kind.as_str())
    .bind(actor.map(|(id, _)| id))
    .bind(
        actor
            .map_or(OrderActorRole::System, |(_, role)| role)
            .as_str(),
    )
    .bind(note)
    .bind(at)
    .bind(proxy_by)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct EventRow {
    kind: String,
    at: i64,
    actor_name: Option<String>,
    actor_role: String,
    note: Option<String>,
    acted_by: Option<String>,
}

/// The order's events, oldest first.
pub async fn timeline<'e, E>(executor: E, order_id: i64) -> Result<Vec<OrderEvent>>
where
    E: Executor<'e, Database = Any>,
{
    let rows: Vec<EventRow> = sqlx::query_as(
        "SELECT e.kind, e.at, u.name AS actor_name, e.actor_role, e.note, \
            p.name AS acted_by FROM order_events e \
         LEFT JOIN users u ON u.id = e.actor_id LEFT JOIN users p ON p.id = e.proxy_by \
         WHERE e.order_id = $1 ORDER BY e.id",
    )
    .bind(order_id)
    .fetch_all(executor)
    .await?;
    rows.into_iter()
        .map(|row| {
            let kind = OrderEventKind::parse(&row.kind)
                .ok_or_else(|| AppError::internal(format!("order event {}", row.kind)))?;
            let role = OrderActorRole::parse(&row.actor_role)
                .ok_or_else(|| AppError::internal(format!("actor role {}", row.actor_role)))?;
            Ok(OrderEvent {
                kind,
                at: time(row.at)?,
                actor: row.actor_name.map(|name| OrderActor { name, role }),
                note: row.note,
                acted_by: row.acted_by,
            })
        })
        .collect()
}
