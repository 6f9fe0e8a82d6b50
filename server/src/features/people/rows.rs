//! The directory's rows, as one SELECT per kind over a home's place, and their wire form.

use std::collections::HashMap;

use linli_api_types::{
    mask_phone, PersonKind, PersonRef, PersonStatus, PersonSummary, Role, RoleGrant, Scope,
    ScopeKind,
};

use crate::platform::db::Db;
use crate::platform::error::Result;

/// Accounts with their home and register entry; add `WHERE …` (`u.community_id = $1` first).
pub const ACCOUNT_SQL: &str = "\
    SELECT u.id, u.name, u.phone, u.status, u.is_volunteer, u.household_id, \
           g.id AS grid_id, b.id AS building_id, un.id AS unit_id, h.door, \
           b.estate || ' ' || b.name || ' ' || un.name || ' ' || h.door AS address, \
           rm.relation, rm.care_tags \
    FROM users u \
    LEFT JOIN households h ON h.id = u.household_id \
    LEFT JOIN units un ON un.id = h.unit_id \
    LEFT JOIN buildings b ON b.id = un.building_id \
    LEFT JOIN grids g ON g.id = b.grid_id \
    LEFT JOIN register_members rm ON rm.user_id = u.id";

/// Register members not on Linli with their home; add `WHERE …`.
pub const REGISTER_SQL: &str = "\
    SELECT rm.id, rm.name, rm.phone, rm.relation, rm.care_tags, rm.household_id, \
           g.id AS grid_id, b.id AS building_id, un.id AS unit_id, h.door, \
           b.estate || ' ' || b.name || ' ' || un.name || ' ' || h.door AS address \
    FROM register_members rm \
    JOIN households h ON h.id = rm.household_id \
    JOIN units un ON un.id = h.unit_id \
    JOIN buildings b ON b.id = un.building_id \
    JOIN grids g ON g.id = b.grid_id";

#[derive(sqlx::FromRow, Clone)]
pub struct AccountRow {
    pub id: i64,
    pub name: String,
    pub phone: String,
    pub status: String,
    pub is_volunteer: i64,
    pub household_id: Option<i64>,
    pub grid_id: Option<i64>,
    pub building_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub door: Option<String>,
    pub address: Option<String>,
    pub relation: Option<String>,
    pub care_tags: Option<String>,
}

#[derive(sqlx::FromRow, Clone)]
pub struct RegisterRow {
    pub id: i64,
    pub name: String,
    pub phone: Option<String>,
    pub relation: String,
    pub care_tags: String,
    pub household_id: i64,
    pub grid_id: Option<i64>,
    pub building_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub door: Option<String>,
    pub address: Option<String>,
}

fn tags(raw: &str) -> Vec<String> {
    raw.split([',', '，', '、'])
        .map(str::trim)
        .filter(|tag| !tag.is_empty())
        .map(str::to_owned)
        .collect()
}

pub fn account_status(raw: &str) -> PersonStatus {
    match raw {
        "active" => PersonStatus::Joined,
        "pending" => PersonStatus::Pending,
        "declined" => PersonStatus::Declined,
        _ => PersonStatus::NotJoined,
    }
}

/// Where a person sorts: building, unit, door (as a number where it is one), name.
pub type SortKey = (i64, i64, u64, String, String);

impl AccountRow {
    pub fn summary(&self, roles: Vec<RoleGrant>) -> PersonSummary {
        PersonSummary {
            reference: PersonRef::account(self.id).to_string(),
            kind: PersonKind::Account,
            id: self.id,
            name: self.name.clone(),
            address: self.address.clone().unwrap_or_default(),
            relation: self.relation.clone().unwrap_or_default(),
            care_tags: tags(self.care_tags.as_deref().unwrap_or_default()),
            status: account_status(&self.status),
            phone_masked: mask_phone(&self.phone),
            roles,
            is_volunteer: self.is_volunteer != 0,
        }
    }

    pub fn sort_key(&self) -> SortKey {
        sort_key(
            self.building_id,
            self.unit_id,
            self.door.as_deref(),
            &self.name,
        )
    }
}

impl RegisterRow {
    pub fn summary(&self) -> PersonSummary {
        PersonSummary {
            reference: PersonRef::register(self.id).to_string(),
            kind: PersonKind::Register,
            id: self.id,
            name: self.name.clone(),
            address: self.address.clone().unwrap_or_default(),
            relation: self.relation.clone(),
            care_tags: tags(&self.care_tags),
            status: PersonStatus::NotJoined,
            phone_masked: mask_phone(self.phone.as_deref().unwrap_or_default()),
            roles: Vec::new(),
            is_volunteer: false,
        }
    }

    pub fn sort_key(&self) -> SortKey {
        sort_key(
            self.building_id,
            self.unit_id,
            self.door.as_deref(),
            &self.name,
        )
    }
}

fn sort_key(building: Option<i64>, unit: Option<i64>, door: Option<&str>, name: &str) -> SortKey {
    let door_text = door.unwrap_or_default();
    (
        building.unwrap_or(i64::MAX),
        unit.unwrap_or(i64::MAX),
        door_text.parse().unwrap_or(u64::MAX),
        door_text.to_owned(),
        name.to_owned(),
    )
}

#[derive(sqlx::FromRow)]
struct GrantRow {
    user_id: i64,
    role: String,
    scope_kind: String,
    scope_id: i64,
    scope_name: Option<String>,
}

/// The role grants of `ids`, each with its place's name, by user id.
pub async fn roles_of(db: &Db, ids: &[i64]) -> Result<HashMap<i64, Vec<RoleGrant>>> {
    let mut roles: HashMap<i64, Vec<RoleGrant>> = HashMap::new();
    if ids.is_empty() {
        return Ok(roles);
    }
    let list = ids
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let rows: Vec<GrantRow> = sqlx::query_as(&format!(
        "SELECT r.user_id, r.role, r.scope_kind, r.scope_id, \
            CASE r.scope_kind \
                WHEN 'community' THEN (SELECT c.name FROM communities c WHERE c.id = r.scope_id) \
                WHEN 'grid' THEN (SELECT g.name FROM grids g WHERE g.id = r.scope_id) \
                WHEN 'building' THEN (SELECT b.estate || ' ' || b.name FROM buildings b WHERE b.id = r.scope_id) \
                WHEN 'unit' THEN (SELECT b.name || ' ' || u.name FROM units u \
                                  JOIN buildings b ON b.id = u.building_id WHERE u.id = r.scope_id) \
            END AS scope_name \
         FROM role_grants r WHERE r.user_id IN ({list}) \
         ORDER BY r.user_id, r.role, r.scope_kind, r.scope_id"
    ))
    .fetch_all(&db.read)
    .await?;
    for row in rows {
        let (Some(role), Some(kind)) = (Role::parse(&row.role), ScopeKind::parse(&row.scope_kind))
        else {
            continue;
        };
        roles.entry(row.user_id).or_default().push(RoleGrant {
            role,
            scope: Scope {
                kind,
                id: row.scope_id,
                name: row.scope_name.unwrap_or_default(),
            },
        });
    }
    Ok(roles)
}
