//! `GET`/`PUT /reports/settings` (staff): where each category goes first, its deadlines, and
//! the community's named outside handlers (物业): created (`id` 0), renamed, or retired (never
//! deleted: reports name them). A rule may not send reports first to a retired handler, so a
//! handler cannot be retired while a rule still does, unless the same change repoints it.

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
            let field = format!("rules[{i}].property_handler_id");
            let state = match rule.property_handler_id {
                Some(id) => retired_after(&mut *tx, settings, id, community).await?,
                None => None,
            };
            match state {
                None => issues.push(FieldIssue::new(field, Rule::Unknown)),
                Some(true) => issues.push(FieldIssue::own(
                    field,
                    "retired",
                    Said::new("该物业已停用", "This handler is retired"),
                )),
                Some(false) => {}
            }
        }
    }
    for (i, handler) in settings.property_handlers.iter().enumerate() {
        if handler.id > 0
            && handler_retired(&mut *tx, handler.id, community)
                .await?
                .is_none()
        {
            issues.push(FieldIssue::new(
                format!("property_handlers[{i}].id"),
                Rule::Unknown,
            ));
        }
    }
    // A stored rule this change leaves alone must not keep pointing at a handler it retires.
    let stored = rules::settings(&mut *tx, community).await?.rules;
    for (i, handler) in settings.property_handlers.iter().enumerate() {
        let in_use = handler.id > 0
            && handler.retired
            && stored.iter().any(|rule| {
                rule.first == HandlerLevel::Property
                    && rule.property_handler_id == Some(handler.id)
                    && !settings.rules.iter().any(|r| r.category == rule.category)
            });
        if in_use {
            issues.push(FieldIssue::own(
                format!("property_handlers[{i}].retired"),
                "in_use",
                Said::new(
                    "仍有类别首先交给该物业，请先修改这些类别的规则",
                    "A category still goes first to this handler: change its rule first",
                ),
            ));
        }
    }
    if !issues.is_empty() {
        return Err(AppError::Validation(issues));
    }
    for (handler, name) in settings.property_handlers.iter().zip(&names) {
        if handler.id > 0 {
            sqlx::query(
                "UPDATE report_property_handlers SET name = $1, retired = $2 \
                 WHERE id = $3 AND community_id = $4",
            )
            .bind(name.as_str())
            .bind(i64::from(handler.retired))
            .bind(handler.id)
            .bind(community)
            .execute(&mut *tx)
            .await?;
        } else {
            sqlx::query(
                "INSERT INTO report_property_handlers (community_id, name, retired, created_at) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT (community_id, name) DO NOTHING",
            )
            .bind(community)
            .bind(name.as_str())
            .bind(i64::from(handler.retired))
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

/// Whether the community's handler `id` is retired as stored; None when it names none of them.
async fn handler_retired(tx: &mut AnyConnection, id: i64, community: i64) -> Result<Option<bool>> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT retired FROM report_property_handlers WHERE id = $1 AND community_id = $2",
    )
    .bind(id)
    .bind(community)
    .fetch_optional(&mut *tx)
    .await?;
    Ok(found.map(|retired| retired != 0))
}

/// Whether handler `id` will be retired once `settings` is stored (it may retire or restore
/// it); None when it names none of the community's handlers.
async fn retired_after(
    tx: &mut AnyConnection,
    settings: &ReportSettings,
    id: i64,
    community: i64,
) -> Result<Option<bool>> {
    let stored = handler_retired(&mut *tx, id, community).await?;
    let listed = settings
        .property_handlers
        .iter()
        .find(|handler| handler.id == id)
        .map(|handler| handler.retired);
    Ok(stored.map(|retired| listed.unwrap_or(retired)))
}
