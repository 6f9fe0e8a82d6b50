//! The services on a community's menu, with their providers and weekly opening times.

use std::collections::BTreeMap;

use linli_api_types::{
    OpeningPeriod, Service, ServiceCategory, ServiceGroup, ServiceMenu, ServiceProvider,
};
use sqlx::{Any, Executor};

use crate::platform::auth::AuthUser;
use crate::platform::db::Db;
use crate::platform::error::{AppError, Result};
use crate::platform::ids::{CommunityId, ServiceId};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ServiceRow {
    pub id: i64,
    pub community_id: i64,
    pub provider_id: i64,
    pub provider_name: String,
    pub name: String,
    pub category: String,
    pub description: String,
    pub points_price: i64,
    pub volunteer_points: i64,
}

const SERVICE_SELECT: &str =
    "SELECT s.id, s.community_id, s.provider_id, p.name AS provider_name, \
        s.name, s.category, s.description, s.points_price, s.volunteer_points \
     FROM services s JOIN service_providers p ON p.id = s.provider_id";

#[derive(sqlx::FromRow)]
struct OpeningRow {
    service_id: i64,
    weekday: i64,
    start_minute: i64,
    end_minute: i64,
}

impl ServiceRow {
    pub fn category(&self) -> Result<ServiceCategory> {
        ServiceCategory::parse(&self.category)
            .ok_or_else(|| AppError::internal(format!("service category {}", self.category)))
    }

    pub fn service(&self, opening: Vec<OpeningPeriod>) -> Result<Service> {
        Ok(Service {
            id: self.id,
            name: self.name.clone(),
            category: self.category()?,
            provider: ServiceProvider {
                id: self.provider_id,
                name: self.provider_name.clone(),
            },
            description: self.description.clone(),
            points_price: self.points_price,
            volunteer_points: self.volunteer_points,
            opening,
        })
    }
}

fn period(row: &OpeningRow) -> OpeningPeriod {
    OpeningPeriod {
        weekday: row.weekday as u8,
        start_minute: row.start_minute as u16,
        end_minute: row.end_minute as u16,
    }
}

/// An active service, whatever its community (callers check that).
pub async fn load_service<'e, E>(executor: E, id: ServiceId) -> Result<Option<ServiceRow>>
where
    E: Executor<'e, Database = Any>,
{
    Ok(sqlx::query_as(&format!(
        "{SERVICE_SELECT} WHERE s.id = $1 AND s.active = 1"
    ))
    .bind(id.get())
    .fetch_optional(executor)
    .await?)
}

/// The service if it is on the menu of `auth`'s community: 404 otherwise, as for anything of
/// another community.
pub async fn reachable(db: &Db, auth: &AuthUser, id: ServiceId) -> Result<ServiceRow> {
    load_service(&db.read, id)
        .await?
        .filter(|service| service.community_id == auth.community_id)
        .ok_or(AppError::NotFound)
}

pub async fn opening_of<'e, E>(executor: E, service_id: ServiceId) -> Result<Vec<OpeningPeriod>>
where
    E: Executor<'e, Database = Any>,
{
    let rows: Vec<OpeningRow> = sqlx::query_as(
        "SELECT service_id, weekday, start_minute, end_minute FROM service_opening \
         WHERE service_id = $1 ORDER BY weekday, start_minute",
    )
    .bind(service_id.get())
    .fetch_all(executor)
    .await?;
    Ok(rows.iter().map(period).collect())
}

/// The menu of a community: categories in their order, services in theirs.
pub async fn menu(db: &Db, community_id: CommunityId) -> Result<ServiceMenu> {
    let services: Vec<ServiceRow> = sqlx::query_as(&format!(
        "{SERVICE_SELECT} WHERE s.community_id = $1 AND s.active = 1 ORDER BY s.sort_order, s.id"
    ))
    .bind(community_id.get())
    .fetch_all(&db.read)
    .await?;
    let opening: Vec<OpeningRow> = sqlx::query_as(
        "SELECT o.service_id, o.weekday, o.start_minute, o.end_minute FROM service_opening o \
         JOIN services s ON s.id = o.service_id WHERE s.community_id = $1 \
         ORDER BY o.weekday, o.start_minute",
    )
    .bind(community_id.get())
    .fetch_all(&db.read)
    .await?;
    let mut by_category: BTreeMap<ServiceCategory, Vec<Service>> = BTreeMap::new();
    for row in &services {
        let periods = opening
            .iter()
            .filter(|o| o.service_id == row.id)
            .map(period)
            .collect();
        by_category
            .entry(row.category()?)
            .or_default()
            .push(row.service(periods)?);
    }
    Ok(ServiceMenu {
        groups: ServiceCategory::ALL
            .into_iter()
            .filter_map(|category| {
                by_category
                    .remove(&category)
                    .map(|services| ServiceGroup { category, services })
            })
            .collect(),
    })
}
