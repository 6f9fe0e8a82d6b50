//! 服务订单与评价: the orders placed in the range, with who served, how it ended and the
//! resident's rating.

use sqlx::{Any, Pool};

use super::range::Range;
use super::sheet::{self, Cell, Column};
use crate::platform::error::Result;
use crate::platform::lang::Lang;

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    created_at: i64,
    service_name: String,
    provider_name: String,
    resident_name: String,
    volunteer_name: Option<String>,
    status: String,
    completed_at: Option<i64>,
    rating_stars: Option<i64>,
    rating_tags: Option<String>,
    rating_comment: Option<String>,
    points: i64,
    cancel_reason: Option<String>,
}

pub fn columns(lang: Lang) -> Vec<Column> {
    sheet::columns(
        lang,
        &[
            ("单号", "No.", 8.0),
            ("下单时间", "Ordered", 18.0),
            ("服务项目", "Service", 18.0),
            ("服务方", "Provider", 18.0),
            ("居民", "Resident", 10.0),
            ("志愿者", "Volunteer", 10.0),
            ("状态", "Status", 10.0),
            ("完成时间", "Completed", 18.0),
            ("评分（星）", "Stars", 10.0),
            ("评价标签", "Tags", 20.0),
            ("评价内容", "Comment", 30.0),
            ("积分", "Points", 8.0),
            ("取消原因", "Cancel reason", 24.0),
        ],
    )
}

fn status_words(status: &str, lang: Lang) -> &'static str {
    let (zh, en) = match status {
        "submitted" => ("待派单", "Waiting"),
        "dispatched" => ("已派单", "Dispatched"),
        "accepted" => ("已接单", "Accepted"),
        "in_progress" => ("服务中", "In progress"),
        "completed" => ("待评价", "Completed"),
        "rated" => ("已评价", "Rated"),
        "closed" => ("已完成", "Closed"),
        "cancelled" => ("已取消", "Cancelled"),
        _ => ("", ""),
    };
    lang.pick(zh, en)
}

fn tag_words(tags: &str, lang: Lang) -> String {
    tags.split(',')
        .filter(|tag| !tag.is_empty())
        .map(|tag| {
            let (zh, en) = match tag {
                "on_time" => ("准时", "On time"),
                "friendly" => ("热情", "Friendly"),
                "professional" => ("专业", "Professional"),
                "patient" => ("耐心", "Patient"),
                "tidy" => ("干净整洁", "Tidy"),
                "solved" => ("问题已解决", "Solved"),
                other => (other, other),
            };
            lang.pick(zh, en).to_owned()
        })
        .collect::<Vec<_>>()
        .join(lang.pick("、", ", "))
}

/// One row per order placed in the range, in the order placed.
pub async fn rows(
    read: &Pool<Any>,
    community_id: i64,
    range: &Range,
    limit: i64,
    lang: Lang,
) -> Result<Vec<Vec<Cell>>> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT o.id, o.created_at, s.name AS service_name, p.name AS provider_name, \
            r.name AS resident_name, v.name AS volunteer_name, o.status, o.completed_at, \
            o.rating_stars, o.rating_tags, o.rating_comment, o.points, o.cancel_reason \
         FROM orders o JOIN services s ON s.id = o.service_id \
         JOIN service_providers p ON p.id = s.provider_id \
         JOIN users r ON r.id = o.resident_id LEFT JOIN users v ON v.id = o.volunteer_id \
         WHERE o.community_id = $1 AND o.created_at >= $2 AND o.created_at < $3 \
         ORDER BY o.created_at, o.id LIMIT $4",
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
            vec![
                Cell::Int(row.id),
                Cell::Time(row.created_at),
                Cell::Text(row.service_name),
                Cell::Text(row.provider_name),
                Cell::Text(row.resident_name),
                row.volunteer_name.map_or(Cell::Empty, Cell::Text),
                Cell::text(status_words(&row.status, lang)),
                Cell::time(row.completed_at),
                row.rating_stars.map_or(Cell::Empty, Cell::Int),
                Cell::Text(tag_words(row.rating_tags.as_deref().unwrap_or(""), lang)),
                row.rating_comment.map_or(Cell::Empty, Cell::Text),
                Cell::Int(row.points),
                row.cancel_reason.map_or(Cell::Empty, Cell::Text),
            ]
        })
        .collect())
}
