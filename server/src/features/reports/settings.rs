//! `GET`/`PUT /reports/settings` (staff): where each category goes first, its deadlines, and
//! the community's named outside handlers (物业): created (`id` 0) or renamed.

use linli_api_types::{
    HandlerLevel, ReportSettings, Role, PROPERTY_HANDLER_NAME_MAX_CHARS, RESOLVE_DAYS_MAX,
    RESPOND_HOURS_MAX,
};
use sqlx::AnyConnection;

use super::rules;
use crate::platform::auth::{AuthUser, PlacePath};
use crate::platform::db::Db;
use crate::platform::error::{AppError, FieldIssue, Result, Rule, Said};
use crate::platform::text::TextField;

const NAME: TextField = TextField::line("name", PROPERTY_HANDLER_NAME_MAX_CHARS);

/// Staff of their own community only (403 otherwise).
pub fn require_staff(auth: &AuthUser) -> Result<()> {
    auth.require(auth.covers(Role::Staff, &PlacePath::community(auth.community_id)))
}

pub async fn read(db: &Db, auth: &AuthUser) -> Result<ReportSettings> {
    require_staff(auth)?;
    let mut conn = db.read.acquire().await?;
    rules::settings(&mut conn, auth.community_id).await
}

pub async fn write(
    tx: &mut AnyConnection,
    auth: &AuthUser,
    settings: &ReportSettings,
    now: i64,
) -> Result<ReportSettings> {
    require_staff(auth)?;
    let community = auth.community_id;
    let mut issues = Vec::new();
    let mut names = Vec::new();
    for (i, handler) in settings.property_handlers.iter().enumerate() {
        let mut own = Vec::new();
        let name = NAME.check(&handler.name, &mut own);
        for issue in own {
            issues.push(FieldIssue::new(
                format!("property_handlers[{i}].name"),
                issue.rule,
            ));
        }
        if !name.is_empty() && names.contains(&name) {
            issues.push(FieldIssue::own(
                format!("property_handlers[{i}].name"),
                "duplicate",
                Said::new("名称重复", "This name is already in the list"),
            ));
        }
        names.push(name);
    }
    for (i, rule) in settings.rules.iter().enumerate() {
        if settings.rules[..i]
            .iter()
            .any(|r| r.category == rule.category)
        {
            issues.push(FieldIssue::own(
                format!("rules[{i}].category"),
                "duplicate",
                Said::new("该类别重复", "This category is listed twice"),
            ));
        }
        if !(1..=RESPOND_HOURS_MAX).contains(&rule.respond_hours) {
            issues.push(FieldIssue::new(
                format!("rules[{i}].respond_hours"),
                Rule::OutOfRange {
                    min: 1,
                    max: i64::from(RESPOND_HOURS_MAX),
                },
            ));
        }
        if !(1..=RESOLVE_DAYS_MAX).contains(&rule.resolve_days) {
            issues.push(FieldIssue::new(
                format!("rules[{i}].resolve_days"),
                Rule::OutOfRange {
                    min: 1,
                    max: i64::from(RESOLVE_DAYS_MAX),
                },
            ));
        }
        if rule.first == HandlerLevel::Property {
            let known = match rule.property_handler_id {
                Some(id) => handler_of(&mut *tx, id, community).await?,
                None => false,
            };
            if !known {
                issues.push(FieldIssue::new(
                    format!("rules[{i}].property_handler_id"),
                    Rule::Unknown,
                ));
            }
        }
    }
    for (i, handler) in settings.property_handlers.iter().enumerate() {
        if handler.id > 0 && !handler_of(&mut *tx, handler.id, community).await? {
            issues.push(FieldIssue::new(
                format!("property_handlers[{i}].id"),
                Rule::Unknown,
            ));
        }
    }
    if !issues.is_empty() {
        return Err(AppError::Validation(issues));
    }
    for (handler, name) in settings.property_handlers.iter().zip(&names) {
        if handler.id > 0 {
            sqlx::query(
                "UPDATE report_property_handlers SET name = $1 WHERE id = $2 AND community_id = $3",
            )
            .bind(name.as_str())
            .bind(handler.id)
            .bind(community)
            .execute(&mut *tx)
            .await?;
        } else {
            sqlx::query(
                "INSERT INTO report_property_handlers (community_id, name, created_at) \
                 VALUES ($1, $2, $3) ON CONFLICT (community_id, name) DO NOTHING",
            )
            .bind(community)
            .bind(name.as_str())
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
    }
    for rule in &settings.rules {
        let handler = rule
            .property_handler_id
            .filter(|_| rule.first == HandlerLevel::Property);
        sqlx::query(
            "INSERT INTO report_category_rules (community_id, category, first_level, \
                property_handler_id, respond_hours, resolve_days) VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (community_id, category) DO UPDATE SET first_level = $3, \
                property_handler_id = $4, respond_hours = $5, resolve_days = $6",
        )
        .bind(community)
        .bind(rule.category.as_str())
        .bind(rule.first.as_str())
        .bind(handler)
        .bind(i64::from(rule.respond_hours))
        .bind(i64::from(rule.resolve_days))
        .execute(&mut *tx)
        .await?;
    }
    rules::settings(&mut *tx, community).await
}

async fn handler_of(tx: &mut AnyConnection, id: i64, community: i64) -> Result<bool> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM report_property_handlers WHERE id = $1 AND community_id = $2",
    )
    .bind(id)
    .bind(community)
    .fetch_optional(&mut *tx)
    .await?;
    Ok(found.is_some())
}
