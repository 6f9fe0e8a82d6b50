//! The residents a head or staff member may act for: one by what a start names (an account or
//! a register entry), and the list of their scope, those with care tags and without a login
//! first.

use linli_api_types::{AccountStatus, ProxyResident, ProxyResidents, ProxyTargetKind};
use sqlx::{Any, Executor};

use crate::platform::auth::{AuthUser, PlacePath};
use crate::platform::error::{AppError, Result};

/// How many the list shows; a search by name finds the rest.
const LIST_MAX: usize = 40;

/// A resident as a 代办 start sees them: their account if they have one, their register entry
/// if they are on it, and where they live.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Target {
    pub user_id: Option<i64>,
    pub register_id: Option<i64>,
    pub name: String,
    status: Option<String>,
    care_tags: String,
    pub household_id: i64,
    door: String,
    unit_id: i64,
    unit_name: String,
    building_id: i64,
    estate: String,
    building_name: String,
    grid_id: i64,
    pub community_id: i64,
    /// How many role grants the account holds (0 without one).
    roles: i64,
}

const COLUMNS: &str = "u.id AS user_id, rm.id AS register_id, COALESCE(u.name, rm.name) AS name, \
    u.status, COALESCE(rm.care_tags, '') AS care_tags, h.id AS household_id, h.door, \
    un.id AS unit_id, un.name AS unit_name, b.id AS building_id, b.estate, \
    b.name AS building_name, g.id AS grid_id, g.community_id, \
    (SELECT COUNT(*) FROM role_grants r WHERE r.user_id = u.id) AS roles";

const PLACES: &str =
    "JOIN units un ON un.id = h.unit_id JOIN buildings b ON b.id = un.building_id \
    JOIN grids g ON g.id = b.grid_id";

fn accounts_sql(condition: &str) -> String {
    format!(
        "SELECT {COLUMNS} FROM users u JOIN households h ON h.id = u.household_id {PLACES} \
         LEFT JOIN register_members rm ON rm.user_id = u.id WHERE {condition}"
    )
}

fn register_sql(condition: &str) -> String {
    format!(
        "SELECT {COLUMNS} FROM register_members rm JOIN households h ON h.id = rm.household_id \
         {PLACES} LEFT JOIN users u ON u.id = rm.user_id WHERE {condition}"
    )
}

impl Target {
    pub fn status(&self) -> Option<AccountStatus> {
        self.status.as_deref().and_then(AccountStatus::parse)
    }

    pub fn holds_a_role(&self) -> bool {
        self.roles > 0
    }

    pub fn path(&self) -> PlacePath {
        PlacePath::unit(
            self.community_id,
            self.grid_id,
            self.building_id,
            self.unit_id,
        )
    }

    fn has_login(&self) -> bool {
        self.user_id.is_some() && self.status() != Some(AccountStatus::ProxyOnly)
    }

    fn care_tags(&self) -> Vec<String> {
        self.care_tags
            .split([',', '，', '、'])
            .map(str::trim)
            .filter(|tag| !tag.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// As the app shows them; an account is named by its id once there is one.
    pub fn resident(&self) -> ProxyResident {
        let (kind, id) = match (self.user_id, self.register_id) {
            (Some(user_id), _) => (ProxyTargetKind::Account, user_id),
            (None, register_id) => (ProxyTargetKind::Register, register_id.unwrap_or_default()),
        };
        ProxyResident {
            kind,
            id,
            name: self.name.clone(),
            address: format!(
                "{} {} {} {}",
                self.estate, self.building_name, self.unit_name, self.door
            ),
            care_tags: self.care_tags(),
            has_login: self.has_login(),
        }
    }
}

/// The resident `kind`/`id` names in `community_id`, if there is one with a home there.
pub async fn target<'e, E>(
    executor: E,
    community_id: i64,
    kind: ProxyTargetKind,
    id: i64,
) -> Result<Option<Target>>
where
    E: Executor<'e, Database = Any>,
{
    let sql = match kind {
        ProxyTargetKind::Account => accounts_sql("u.id = $1 AND u.community_id = $2"),
        ProxyTargetKind::Register => register_sql("rm.id = $1 AND rm.community_id = $2"),
    };
    Ok(sqlx::query_as(&sql)
        .bind(id)
        .bind(community_id)
        .fetch_optional(executor)
        .await?)
}

/// Whether `auth` may see `target` to act for them: a role of theirs covers the home. Anyone
/// else gets 404, as if there were no such resident.
pub fn in_scope(auth: &AuthUser, target: &Target) -> bool {
    target.community_id == auth.community_id && auth.covers_with_any_role(&target.path())
}

/// Only a head or staff member acts for others, and never from inside a 代办 session.
pub fn require_actor(auth: &AuthUser) -> Result<()> {
    auth.require(auth.proxy_by.is_none() && !auth.grants.is_empty())
}

/// The residents of `auth`'s scope they may act for, whose name contains `query` (all when
/// empty): members without a role, and register members not on Linli. Those with care tags
/// come first, then those without a login; then by address.
pub async fn list(
    executor: &sqlx::AnyPool,
    auth: &AuthUser,
    query: &str,
) -> Result<ProxyResidents> {
    require_actor(auth)?;
    let name = format!("%{}%", query.trim().replace(['%', '_'], ""));
    let accounts: Vec<Target> = sqlx::query_as(&accounts_sql(
        "u.community_id = $1 AND u.id <> $2 AND u.status IN ('active', 'proxy_only') \
         AND NOT EXISTS (SELECT 1 FROM role_grants r WHERE r.user_id = u.id) \
         AND u.name LIKE $3",
    ))
    .bind(auth.community_id)
    .bind(auth.user_id)
    .bind(&name)
    .fetch_all(executor)
    .await?;
    let unjoined: Vec<Target> = sqlx::query_as(&register_sql(
        "rm.community_id = $1 AND rm.user_id IS NULL AND rm.name LIKE $2",
    ))
    .bind(auth.community_id)
    .bind(&name)
    .fetch_all(executor)
    .await?;
    let mut residents: Vec<Target> = accounts
        .into_iter()
        .chain(unjoined)
        .filter(|target| in_scope(auth, target))
        .collect();
    residents.sort_by(|a, b| {
        let key = |t: &Target| {
            (
                t.care_tags.trim().is_empty(),
                t.has_login(),
                t.building_id,
                t.unit_id,
                t.door.len(),
                t.door.clone(),
                t.name.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
    let more = residents.len() > LIST_MAX;
    residents.truncate(LIST_MAX);
    Ok(ProxyResidents {
        items: residents.iter().map(Target::resident).collect(),
        more,
    })
}

/// One resident `auth` may act for, for the start page; 404 outside their scope.
pub async fn one(
    executor: &sqlx::AnyPool,
    auth: &AuthUser,
    kind: ProxyTargetKind,
    id: i64,
) -> Result<ProxyResident> {
    require_actor(auth)?;
    let target = target(executor, auth.community_id, kind, id)
        .await?
        .filter(|target| in_scope(auth, target))
        .ok_or(AppError::NotFound)?;
    Ok(target.resident())
}
