//! 志愿服务时长与积分: per volunteer, the tasks confirmed and the orders completed in the
//! range, their minutes and the points they earned. Read from the tasks' and orders' own
//! records (a task paying 0 points still counts its hours); an order's points count once it
//! is settled (rated or closed), as the ledger pays them.

use sqlx::{Any, Pool};

use super::range::Range;
use super::sheet::{self, Cell, Column};
use crate::platform::error::Result;
use crate::platform::lang::Lang;

#[derive(sqlx::FromRow)]
struct Row {
    name: String,
    phone: String,
    tasks: i64,
    orders: i64,
    minutes: i64,
    points: i64,
}

pub fn columns(lang: Lang) -> Vec<Column> {
    sheet::columns(
        lang,
        &[
            ("姓名", "Name", 12.0),
            ("手机号", "Phone", 15.0),
            ("参加活动（次）", "Tasks", 14.0),
            ("完成服务（单）", "Orders", 14.0),
            ("服务时长（小时）", "Hours", 16.0),
            ("获得积分", "Points", 12.0),
        ],
    )
}

/// One row per volunteer credited in the range, most hours first.
pub async fn rows(
    read: &Pool<Any>,
    community_id: i64,
    range: &Range,
    limit: i64,
) -> Result<Vec<Vec<Cell>>> {
    // PostgreSQL sums BIGINT columns as NUMERIC: each sum is cast back to BIGINT.
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT u.name, u.phone, CAST(SUM(x.tasks) AS BIGINT) AS tasks, CAST(SUM(x.orders) AS BIGINT) AS orders, \
            CAST(SUM(x.minutes) AS BIGINT) AS minutes, CAST(SUM(x.points) AS BIGINT) AS points \
         FROM ( \
            SELECT e.user_id, 1 AS tasks, 0 AS orders, COALESCE(e.minutes, 0) AS minutes, \
                COALESCE(e.points, 0) AS points \
            FROM task_enrollments e JOIN tasks t ON t.id = e.task_id \
            WHERE t.community_id = $1 AND e.status = 'completed' \
                AND t.completed_at >= $2 AND t.completed_at < $3 \
            UNION ALL \
            SELECT o.volunteer_id AS user_id, 0 AS tasks, 1 AS orders, \
                CASE WHEN o.started_at IS NULL THEN 0 \
                    ELSE (o.completed_at - o.started_at + 30000) / 60000 END AS minutes, \
                CASE WHEN o.status IN ('rated', 'closed') THEN o.volunteer_points ELSE 0 END \
                    AS points \
            FROM orders o \
            WHERE o.community_id = $1 AND o.volunteer_id IS NOT NULL \
                AND o.status IN ('completed', 'rated', 'closed') \
                AND o.completed_at >= $2 AND o.completed_at < $3 \
         ) x JOIN users u ON u.id = x.user_id \
         GROUP BY u.id, u.name, u.phone \
         ORDER BY SUM(x.minutes) DESC, u.id LIMIT $4",
    )
    .bind(community_id)
    .bind(range.start_ms)
    .bind(range.end_ms)
    .bind(limit)
    .fetch_all(read)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            // A register member acted for by 代办 has no phone of their own.
            let phone = if row.phone.len() == 11 && row.phone.bytes().all(|b| b.is_ascii_digit()) {
                Cell::Text(row.phone)
            } else {
                Cell::Empty
            };
            vec![
                Cell::Text(row.name),
                phone,
                Cell::Int(row.tasks),
                Cell::Int(row.orders),
                Cell::Decimal((row.minutes as f64 / 6.0).round() / 10.0),
                Cell::Int(row.points),
            ]
        })
        .collect())
}
