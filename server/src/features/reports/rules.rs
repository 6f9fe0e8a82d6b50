//! A community's rule per category (where reports go first, their deadlines) and its named
//! outside handlers (物业); the defaults where staff set nothing.

use linli_api_types::{
    HandlerLevel, PropertyHandler, ReportCategory, ReportCategoryRule, ReportSettings,
    DEFAULT_RESOLVE_DAYS, DEFAULT_RESPOND_HOURS,
};
use sqlx::AnyConnection;

use crate::platform::error::{AppError, Result};

pub const HOUR_MS: i64 = 60 * 60 * 1000;
pub const DAY_MS: i64 = 24 * HOUR_MS;

pub fn default_rule(category: ReportCategory) -> ReportCategoryRule {
    ReportCategoryRule {
        category,
        first: HandlerLevel::Unit,
        property_handler_id: None,
        respond_hours: DEFAULT_RESPOND_HOURS,
        resolve_days: DEFAULT_RESOLVE_DAYS,
    }
}

/// (respond_by, resolve_by) for a report (re)starting at `now` under `rule`.
pub fn deadlines(rule: &ReportCategoryRule, now: i64) -> (i64, i64) {
    (
        now + i64::from(rule.respond_hours) * HOUR_MS,
        now + i64::from(rule.resolve_days) * DAY_MS,
    )
}

#[derive(sqlx::FromRow)]
struct RuleRow {
    category: String,
    first_level: String,
    property_handler_id: Option<i64>,
    respond_hours: i64,
    resolve_days: i64,
}

impl RuleRow {
    fn rule(self) -> Result<ReportCategoryRule> {
        let bad = || AppError::internal(format!("report rule {}", self.category));
        Ok(ReportCategoryRule {
            category: ReportCategory::parse(&self.category).ok_or_else(bad)?,
            first: HandlerLevel::parse(&self.first_level).ok_or_else(bad)?,
            property_handler_id: self.property_handler_id,
            respond_hours: u32::try_from(self.respond_hours).map_err(|_| bad())?,
            resolve_days: u32::try_from(self.resolve_days).map_err(|_| bad())?,
        })
    }
}

/// The rule for `category` in `community_id`.
pub async fn rule_for(
    tx: &mut AnyConnection,
    community_id: i64,
    category: ReportCategory,
) -> Result<ReportCategoryRule> {
    let row: Option<RuleRow> = sqlx::query_as(
        "SELECT category, first_level, property_handler_id, respond_hours, resolve_days \
         FROM report_category_rules WHERE community_id = $1 AND category = $2",
    )
    .bind(community_id)
    .bind(category.as_str())
    .fetch_optional(&mut *tx)
    .await?;
    row.map_or(Ok(default_rule(category)), RuleRow::rule)
}

/// Every category's rule (the defaults filled in) and the outside handlers.
pub async fn settings(conn: &mut AnyConnection, community_id: i64) -> Result<ReportSettings> {
    let rows: Vec<RuleRow> = sqlx::query_as(
        "SELECT category, first_level, property_handler_id, respond_hours, resolve_days \
         FROM report_category_rules WHERE community_id = $1",
    )
    .bind(community_id)
    .fetch_all(&mut *conn)
    .await?;
    let stored = rows
        .into_iter()
        .map(RuleRow::rule)
        .collect::<Result<Vec<_>>>()?;
    let rules = ReportCategory::ALL
        .into_iter()
        .map(|category| {
            stored
                .iter()
                .find(|rule| rule.category == category)
                .copied()
                .unwrap_or_else(|| default_rule(category))
        })
        .collect();
    let handlers: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT id, name, retired FROM report_property_handlers WHERE community_id = $1 \
         ORDER BY id",
    )
    .bind(community_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(ReportSettings {
        rules,
        property_handlers: handlers
            .into_iter()
            .map(|(id, name, retired)| PropertyHandler {
                id,
                name,
                retired: retired != 0,
            })
            .collect(),
    })
}
