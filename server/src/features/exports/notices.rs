//! 通知阅读率: the notices published in the range, how many households they reach, how many
//! have read them, and the rate.

use sqlx::{Any, Pool};

use super::range::Range;
use super::sheet::{self, Cell, Column};
use crate::features::community::places::{BUILDING_NAME_SQL, UNIT_NAME_SQL};
use crate::platform::error::Result;
use crate::platform::lang::Lang;

/// Households under the notice's place, over `households h2` … `grids g2`.
const HOUSEHOLDS_UNDER_NOTICE: &str = "FROM households h2 \
    JOIN units u2 ON u2.id = h2.unit_id \
    JOIN buildings b2 ON b2.id = u2.building_id \
    JOIN grids g2 ON g2.id = b2.grid_id \
    WHERE g2.community_id = n.community_id \
      AND (n.grid_id IS NULL OR g2.id = n.grid_id) \
      AND (n.building_id IS NULL OR b2.id = n.building_id) \
      AND (n.unit_id IS NULL OR u2.id = n.unit_id)";

#[derive(sqlx::FromRow)]
struct Row {
    title: String,
    target_name: Option<String>,
    author_name: String,
    published_at: i64,
    expires_at: Option<i64>,
    withdrawn_at: Option<i64>,
    households_total: i64,
    households_read: i64,
}

pub fn columns(lang: Lang) -> Vec<Column> {
    sheet::columns(
        lang,
        &[
            ("标题", "Title", 36.0),
            ("发布范围", "For", 24.0),
            ("发布人", "Posted by", 10.0),
            ("发布时间", "Published", 18.0),
            ("覆盖户数", "Households", 10.0),
            ("已读户数", "Read", 10.0),
            ("阅读率", "Read rate", 10.0),
            ("状态", "State", 10.0),
        ],
    )
}

/// One row per notice published in the range, in the order published.
pub async fn rows(
    read: &Pool<Any>,
    community_id: i64,
    range: &Range,
    limit: i64,
    now: i64,
    lang: Lang,
) -> Result<Vec<Vec<Cell>>> {
    let sql = format!(
        "SELECT n.title, \
            CASE n.target_kind WHEN 'community' THEN c.name WHEN 'grid' THEN g.name \
                WHEN 'building' THEN {BUILDING_NAME_SQL} ELSE {UNIT_NAME_SQL} END AS target_name, \
            a.name AS author_name, n.published_at, n.expires_at, n.withdrawn_at, \
            (SELECT COUNT(*) {HOUSEHOLDS_UNDER_NOTICE}) AS households_total, \
            (SELECT COUNT(*) {HOUSEHOLDS_UNDER_NOTICE} AND EXISTS \
                (SELECT 1 FROM notice_reads r WHERE r.notice_id = n.id \
                    AND r.household_id = h2.id)) AS households_read \
         FROM notices n JOIN users a ON a.id = n.author_id \
         JOIN communities c ON c.id = n.community_id \
         LEFT JOIN grids g ON g.id = n.grid_id \
         LEFT JOIN buildings b ON b.id = n.building_id \
         LEFT JOIN units u ON u.id = n.unit_id \
         WHERE n.community_id = $1 AND n.published_at >= $2 AND n.published_at < $3 \
         ORDER BY n.published_at, n.id LIMIT $4"
    );
    let rows: Vec<Row> = sqlx::query_as(&sql)
        .bind(community_id)
        .bind(range.start_ms)
        .bind(range.end_ms)
        .bind(limit)
        .fetch_all(read)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let rate = if row.households_total > 0 {
                Cell::Percent(row.households_read as f64 / row.households_total as f64)
            } else {
                Cell::Empty
            };
            let state = if row.withdrawn_at.is_some() {
                lang.pick("已撤回", "Withdrawn")
            } else if row.expires_at.is_some_and(|at| at <= now) {
                lang.pick("已过期", "Expired")
            } else {
                lang.pick("有效", "Current")
            };
            vec![
                Cell::Text(row.title),
                row.target_name.map_or(Cell::Empty, Cell::Text),
                Cell::Text(row.author_name),
                Cell::Time(row.published_at),
                Cell::Int(row.households_total),
                Cell::Int(row.households_read),
                rate,
                Cell::text(state),
            ]
        })
        .collect())
}
