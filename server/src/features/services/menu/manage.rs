//! 服务管理: staff of a community create, edit, pause and resume its services. Every change is
//! kept in `service_changes` with who made it and when; orders already placed keep what they
//! were placed for (the order row holds its own name, prices and booked slot).

use linli_api_types::{
    AuditPerson, LastChange, ManagedService, OpeningPeriod, Role, ServiceAdmin, ServiceCategory,
    VolunteerChoice,
};
use sqlx::{Any, AnyConnection, Executor};

use super::manage_validate::CheckedService;
use crate::features::services::wire::time;
use crate::platform::auth::{AuthUser, PlacePath};
use crate::platform::db::Db;
use crate::platform::error::{AppError, FieldIssue, Result, Said};
use crate::platform::ids::{CommunityId, ServiceId, UserId};

/// The staff member's community, or 403: only its staff run its menu.
pub fn staff_community(auth: &AuthUser) -> Result<CommunityId> {
    auth.require(auth.covers(Role::Staff, &PlacePath::community(auth.community_id)))?;
    Ok(CommunityId(auth.community_id))
}

#[derive(sqlx::FromRow)]
struct ManagedRow {
    id: i64,
    name: String,
    category: String,
    provider_name: String,
    description: String,
    points_price: i64,
    volunteer_points: i64,
    duration_minutes: i64,
    active: i64,
}

#[derive(sqlx::FromRow)]
struct OpeningRow {
    service_id: i64,
    weekday: i64,
    start_minute: i64,
    end_minute: i64,
}

#[derive(sqlx::FromRow)]
struct ChangeRow {
    service_id: i64,
    action: String,
    changed_by: i64,
    changer_name: String,
    changed_at: i64,
}

/// The community's services as staff manage them (`only`: just that one), in menu order.
async fn managed(
    conn: &mut AnyConnection,
    community: CommunityId,
    only: Option<ServiceId>,
) -> Result<Vec<ManagedService>> {
    let only = only.map(ServiceId::get).unwrap_or(0);
    let rows: Vec<ManagedRow> = sqlx::query_as(
        "SELECT s.id, s.name, s.category, p.name AS provider_name, s.description, \
            s.points_price, s.volunteer_points, s.duration_minutes, s.active \
         FROM services s JOIN service_providers p ON p.id = s.provider_id \
         WHERE s.community_id = $1 AND ($2 = 0 OR s.id = $2) ORDER BY s.sort_order, s.id",
    )
    .bind(community.get())
    .bind(only)
    .fetch_all(&mut *conn)
    .await?;
    let opening: Vec<OpeningRow> = sqlx::query_as(
        "SELECT o.service_id, o.weekday, o.start_minute, o.end_minute FROM service_opening o \
         JOIN services s ON s.id = o.service_id WHERE s.community_id = $1 \
         ORDER BY o.weekday, o.start_minute",
    )
    .bind(community.get())
    .fetch_all(&mut *conn)
    .await?;
    let offers: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT vs.service_id, vs.user_id FROM volunteer_services vs \
         JOIN services s ON s.id = vs.service_id JOIN users u ON u.id = vs.user_id \
         WHERE s.community_id = $1 AND u.community_id = $1 AND u.is_volunteer = 1 \
         ORDER BY vs.user_id",
    )
    .bind(community.get())
    .fetch_all(&mut *conn)
    .await?;
    let changes: Vec<ChangeRow> = sqlx::query_as(
        "SELECT c.service_id, c.action, c.changed_by, u.name AS changer_name, c.changed_at \
         FROM service_changes c JOIN users u ON u.id = c.changed_by \
         WHERE c.id IN (SELECT MAX(id) FROM service_changes WHERE community_id = $1 \
            GROUP BY service_id)",
    )
    .bind(community.get())
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|row| {
            let last_change = match changes.iter().find(|c| c.service_id == row.id) {
                Some(change) => Some(LastChange {
                    action: change.action.clone(),
                    by: AuditPerson {
                        id: change.changed_by,
                        name: change.changer_name.clone(),
                    },
                    at: time(change.changed_at)?,
                }),
                None => None,
            };
            Ok(ManagedService {
                id: row.id,
                category: ServiceCategory::parse(&row.category).ok_or_else(|| {
                    AppError::internal(format!("service category {}", row.category))
                })?,
                opening: opening
                    .iter()
                    .filter(|o| o.service_id == row.id)
                    .map(|o| OpeningPeriod {
                        weekday: o.weekday as u8,
                        start_minute: o.start_minute as u16,
                        end_minute: o.end_minute as u16,
                    })
                    .collect(),
                volunteer_ids: offers
                    .iter()
                    .filter(|(service, _)| *service == row.id)
                    .map(|(_, user)| *user)
                    .collect(),
                paused: row.active == 0,
                last_change,
                name: row.name,
                provider_name: row.provider_name,
                description: row.description,
                points_price: row.points_price,
                volunteer_points: row.volunteer_points,
                duration_minutes: row.duration_minutes,
            })
        })
        .collect()
}

async fn one(
    conn: &mut AnyConnection,
    community: CommunityId,
    id: ServiceId,
) -> Result<ManagedService> {
    managed(conn, community, Some(id))
        .await?
        .pop()
        .ok_or(AppError::NotFound)
}

#[derive(sqlx::FromRow)]
struct ChoiceRow {
    id: i64,
    name: String,
    home: Option<String>,
}

async fn volunteers<'e, E>(executor: E, community: CommunityId) -> Result<Vec<VolunteerChoice>>
where
    E: Executor<'e, Database = Any>,
{
    let rows: Vec<ChoiceRow> = sqlx::query_as(
        "SELECT u.id, u.name, b.name || ' ' || un.name || ' ' || h.door AS home FROM users u \
         LEFT JOIN households h ON h.id = u.household_id LEFT JOIN units un ON un.id = h.unit_id \
         LEFT JOIN buildings b ON b.id = un.building_id \
         WHERE u.community_id = $1 AND u.is_volunteer = 1 ORDER BY u.name, u.id",
    )
    .bind(community.get())
    .fetch_all(executor)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| VolunteerChoice {
            id: r.id,
            name: r.name,
            home: r.home,
        })
        .collect())
}

/// `GET /manage/services`: everything 服务管理 shows and its form chooses from.
pub async fn admin(db: &Db, community: CommunityId, points_per_hour: i64) -> Result<ServiceAdmin> {
    let mut conn = db.read.acquire().await?;
    let services = managed(&mut conn, community, None).await?;
    let volunteers = volunteers(&mut *conn, community).await?;
    let providers: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM service_providers WHERE community_id = $1 ORDER BY name",
    )
    .bind(community.get())
    .fetch_all(&mut *conn)
    .await?;
    Ok(ServiceAdmin {
        services,
        volunteers,
        providers,
        points_per_hour,
    })
}

/// The checks that need the database: the name free in the community, every volunteer a
/// volunteer of it. Someone of another community (or no one) is `unknown`, alike.
async fn check_against_community(
    tx: &mut AnyConnection,
    community: CommunityId,
    service: &CheckedService,
    editing: Option<ServiceId>,
    issues: &mut Vec<FieldIssue>,
) -> Result<()> {
    if !service.name.is_empty() {
        let taken: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM services WHERE community_id = $1 AND name = $2 AND id <> $3",
        )
        .bind(community.get())
        .bind(&service.name)
        .bind(editing.map(ServiceId::get).unwrap_or(0))
        .fetch_optional(&mut *tx)
        .await?;
        if taken.is_some() {
            issues.push(name_taken());
        }
    }
    for id in &service.volunteer_ids {
        let member: Option<(String, i64)> = sqlx::query_as(
            "SELECT name, is_volunteer FROM users WHERE id = $1 AND community_id = $2",
        )
        .bind(id)
        .bind(community.get())
        .fetch_optional(&mut *tx)
        .await?;
        match member {
            Some((_, 1)) => {}
            Some((name, _)) => {
                issues.push(FieldIssue::own(
                    "volunteer_ids",
                    "not_volunteer",
                    Said::new(
                        format!("{name}不是志愿者"),
                        format!("{name} is not a volunteer"),
                    ),
                ));
                break;
            }
            None => {
                issues.push(FieldIssue::own(
                    "volunteer_ids",
                    "unknown",
                    Said::new("找不到所选的志愿者", "A chosen volunteer does not exist"),
                ));
                break;
            }
        }
    }
    Ok(())
}

fn name_taken() -> FieldIssue {
    FieldIssue::own(
        "name",
        "taken",
        Said::new("已有同名的服务", "There is already a service of this name"),
    )
}

/// Another staff member saved a service of the same name between the check and the write:
/// the table's UNIQUE (community_id, name) refuses it, said at the field as the check would.
fn name_taken_in_a_race(error: sqlx::Error) -> AppError {
    match &error {
        sqlx::Error::Database(db) if db.is_unique_violation() => {
            AppError::Validation(vec![name_taken()])
        }
        _ => error.into(),
    }
}

/// The provider of that name in the community, added when new.
async fn provider_id(tx: &mut AnyConnection, community: CommunityId, name: &str) -> Result<i64> {
    sqlx::query(
        "INSERT INTO service_providers (community_id, name) VALUES ($1, $2) \
         ON CONFLICT (community_id, name) DO NOTHING",
    )
    .bind(community.get())
    .bind(name)
    .execute(&mut *tx)
    .await?;
    Ok(
        sqlx::query_scalar(
            "SELECT id FROM service_providers WHERE community_id = $1 AND name = $2",
        )
        .bind(community.get())
        .bind(name)
        .fetch_one(&mut *tx)
        .await?,
    )
}

/// Opening times and volunteers replaced by the checked ones.
async fn replace_details(tx: &mut AnyConnection, id: i64, service: &CheckedService) -> Result<()> {
    sqlx::query("DELETE FROM service_opening WHERE service_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    for period in &service.opening {
        sqlx::query(
            "INSERT INTO service_opening (service_id, weekday, start_minute, end_minute) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(i64::from(period.weekday))
        .bind(i64::from(period.start_minute))
        .bind(i64::from(period.end_minute))
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query("DELETE FROM volunteer_services WHERE service_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    for user in &service.volunteer_ids {
        sqlx::query("INSERT INTO volunteer_services (user_id, service_id) VALUES ($1, $2)")
            .bind(user)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

async fn record(
    tx: &mut AnyConnection,
    community: CommunityId,
    id: i64,
    action: &str,
    by: UserId,
    now: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO service_changes (service_id, community_id, action, name, points_price, \
            volunteer_points, changed_by, changed_at) \
         SELECT id, community_id, $1, name, points_price, volunteer_points, $2, $3 \
         FROM services WHERE id = $4 AND community_id = $5",
    )
    .bind(action)
    .bind(by.get())
    .bind(now)
    .bind(id)
    .bind(community.get())
    .execute(&mut *tx)
    .await?;
    tracing::info!(
        service_id = id,
        action,
        by = by.get(),
        "service menu changed"
    );
    Ok(())
}

/// Adds the checked service to the end of the community's menu, open at once.
pub async fn create(
    tx: &mut AnyConnection,
    community: CommunityId,
    by: UserId,
    service: &CheckedService,
    now: i64,
) -> Result<ManagedService> {
    let mut issues = Vec::new();
    check_against_community(tx, community, service, None, &mut issues).await?;
    if !issues.is_empty() {
        return Err(AppError::Validation(issues));
    }
    let provider = provider_id(tx, community, &service.provider_name).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO services (community_id, provider_id, name, category, description, \
            points_price, volunteer_points, duration_minutes, sort_order) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, \
            (SELECT COALESCE(MAX(sort_order), 0) + 1 FROM services WHERE community_id = $1)) \
         RETURNING id",
    )
    .bind(community.get())
    .bind(provider)
    .bind(&service.name)
    .bind(service.category.as_str())
    .bind(&service.description)
    .bind(service.points_price)
    .bind(service.volunteer_points)
    .bind(service.duration_minutes)
    .fetch_one(&mut *tx)
    .await
    .map_err(name_taken_in_a_race)?;
    replace_details(tx, id, service).await?;
    record(tx, community, id, "created", by, now).await?;
    one(tx, community, ServiceId(id)).await
}

/// Replaces service `id` of the community (404 for any other) by the checked one; paused or
/// not, it stays so.
pub async fn edit(
    db: &Db,
    community: CommunityId,
    by: UserId,
    id: ServiceId,
    service: &CheckedService,
    now: i64,
) -> Result<ManagedService> {
    let mut tx = db.write.begin().await?;
    let exists: Option<i64> =
        sqlx::query_scalar("SELECT id FROM services WHERE id = $1 AND community_id = $2")
            .bind(id.get())
            .bind(community.get())
            .fetch_optional(&mut *tx)
            .await?;
    exists.ok_or(AppError::NotFound)?;
    let mut issues = Vec::new();
    check_against_community(&mut tx, community, service, Some(id), &mut issues).await?;
    if !issues.is_empty() {
        return Err(AppError::Validation(issues));
    }
    let provider = provider_id(&mut tx, community, &service.provider_name).await?;
    // Two staff saving at once take turns on the service's row; the later one's wins, and
    // both are recorded.
    sqlx::query(
        "UPDATE services SET provider_id = $1, name = $2, category = $3, description = $4, \
            points_price = $5, volunteer_points = $6, duration_minutes = $7 \
         WHERE id = $8 AND community_id = $9",
    )
    .bind(provider)
    .bind(&service.name)
    .bind(service.category.as_str())
    .bind(&service.description)
    .bind(service.points_price)
    .bind(service.volunteer_points)
    .bind(service.duration_minutes)
    .bind(id.get())
    .bind(community.get())
    .execute(&mut *tx)
    .await
    .map_err(name_taken_in_a_race)?;
    replace_details(&mut tx, id.get(), service).await?;
    record(&mut tx, community, id.get(), "edited", by, now).await?;
    let answer = one(&mut tx, community, id).await?;
    tx.commit().await?;
    Ok(answer)
}

/// Pauses or resumes service `id` of the community (404 for any other). Orders placed go on;
/// a paused service is off the residents' menu and cannot be ordered. Saying it again
/// changes nothing and records nothing.
pub async fn set_paused(
    db: &Db,
    community: CommunityId,
    by: UserId,
    id: ServiceId,
    paused: bool,
    now: i64,
) -> Result<ManagedService> {
    let mut tx = db.write.begin().await?;
    let active = i64::from(!paused);
    let changed = sqlx::query(
        "UPDATE services SET active = $1 WHERE id = $2 AND community_id = $3 AND active <> $1",
    )
    .bind(active)
    .bind(id.get())
    .bind(community.get())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed == 1 {
        let action = if paused { "paused" } else { "resumed" };
        record(&mut tx, community, id.get(), action, by, now).await?;
    }
    let answer = one(&mut tx, community, id).await?;
    tx.commit().await?;
    Ok(answer)
}
