//! `AuthUser`: the signed-in user behind `Authorization: Bearer`, with the roles and scopes
//! every handler checks before acting.

use axum::extract::{FromRef, FromRequestParts};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum::extract::MatchedPath;
use linli_api_types::{AccountStatus, Role, ScopeKind};

use crate::platform::access;
use crate::platform::db::now_ms;
use crate::platform::error::AppError;
use crate::features::account::session_token;
use crate::state::AppState;

#[derive(Debug, Clone)]
pub struct AuthUser {
    pub user_id: i64,
    pub session_id: i64,
    pub community_id: i64,
    pub household_id: Option<i64>,
    /// Where the household lives (its unit's path); `None` without a household.
    pub home: Option<PlacePath>,
    pub is_volunteer: bool,
    pub grants: Vec<Grant>,
    /// Active, or waiting for / declined by a head (see `platform::access`).
    pub status: AccountStatus,
    /// In a 代办 session: the head or staff member acting for this user (see `platform::access`).
    pub proxy_by: Option<i64>,
}

/// A role over one place of the grid hierarchy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grant {
    pub role: Role,
    pub scope_kind: ScopeKind,
    pub scope_id: i64,
}

/// Where something sits in 社区 → 网格 → 楼栋 → 单元; levels below the thing are `None`.
/// A notice to 3栋 is `PlacePath { community_id, grid_id: Some(..), building_id: Some(..), unit_id: None }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlacePath {
    pub community_id: i64,
    pub grid_id: Option<i64>,
    pub building_id: Option<i64>,
    pub unit_id: Option<i64>,
}

impl PlacePath {
    pub fn community(community_id: i64) -> Self {
        Self {
            community_id,
            grid_id: None,
            building_id: None,
            unit_id: None,
        }
    }

    pub fn building(community_id: i64, grid_id: i64, building_id: i64) -> Self {
        Self {
            grid_id: Some(grid_id),
            building_id: Some(building_id),
            ..Self::community(community_id)
        }
    }

    pub fn unit(community_id: i64, grid_id: i64, building_id: i64, unit_id: i64) -> Self {
        Self {
            unit_id: Some(unit_id),
            ..Self::building(community_id, grid_id, building_id)
        }
    }
}

impl PlacePath {
    /// The id of the place of `kind` on this path (`None` below the path's own level).
    pub fn at(&self, kind: ScopeKind) -> Option<i64> {
        match kind {
            ScopeKind::Community => Some(self.community_id),
            ScopeKind::Grid => self.grid_id,
            ScopeKind::Building => self.building_id,
            ScopeKind::Unit => self.unit_id,
        }
    }

    /// Whether the place `(kind, id)` is this place or contains it.
    pub fn is_within(&self, kind: ScopeKind, id: i64) -> bool {
        self.at(kind) == Some(id)
    }
}

impl Grant {
    /// Whether this grant's place is `place` or contains it.
    pub fn covers(&self, place: &PlacePath) -> bool {
        match self.scope_kind {
            ScopeKind::Community => place.community_id == self.scope_id,
            ScopeKind::Grid => place.grid_id == Some(self.scope_id),
            ScopeKind::Building => place.building_id == Some(self.scope_id),
            ScopeKind::Unit => place.unit_id == Some(self.scope_id),
        }
    }
}

impl AuthUser {
    pub fn holds(&self, role: Role) -> bool {
        self.grants.iter().any(|grant| grant.role == role)
    }

    /// Whether the user holds `role` over `place` (or a place containing it), in their own
    /// community. A building head of 3栋 covers 3栋 and its units, not 5栋.
    pub fn covers(&self, role: Role, place: &PlacePath) -> bool {
        place.community_id == self.community_id
            && self
                .grants
                .iter()
                .any(|grant| grant.role == role && grant.covers(place))
    }

    /// Whether any of the user's roles covers `place`.
    pub fn covers_with_any_role(&self, place: &PlacePath) -> bool {
        Role::ALL.into_iter().any(|role| self.covers(role, place))
    }

    /// `Ok` when `allowed`, otherwise 403 `forbidden`: `auth.require(auth.covers(..))?`.
    pub fn require(&self, allowed: bool) -> Result<(), AppError> {
        if allowed {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

/// One row per grant (one with NULL grant columns when there is none), each carrying the
/// session, the user and the path of their household.
#[derive(sqlx::FromRow)]
struct SessionRow {
    session_id: i64,
    user_id: i64,
    expires_at: i64,
    revoked_at: Option<i64>,
    community_id: i64,
    household_id: Option<i64>,
    is_volunteer: i64,
    status: String,
    proxy_by: Option<i64>,
    home_community_id: Option<i64>,
    home_grid_id: Option<i64>,
    home_building_id: Option<i64>,
    home_unit_id: Option<i64>,
    role: Option<String>,
    scope_kind: Option<String>,
    scope_id: Option<i64>,
}

// Every request runs this, so it is one statement: on PostgreSQL each statement is a round trip
// to another process, on SQLite a hop to the connection's thread; session, user, home and
// grants separately made three.
const SESSION_SQL: &str = "\
    SELECT s.id AS session_id, s.user_id, s.expires_at, s.revoked_at, \
           u.community_id, u.household_id, u.is_volunteer, u.status, s.proxy_by, \
           gr.community_id AS home_community_id, gr.id AS home_grid_id, \
           un.building_id AS home_building_id, un.id AS home_unit_id, \
           g.role, g.scope_kind, g.scope_id \
    FROM sessions s \
    JOIN users u ON u.id = s.user_id \
    LEFT JOIN households h ON h.id = u.household_id \
    LEFT JOIN units un ON un.id = h.unit_id \
    LEFT JOIN buildings b ON b.id = un.building_id \
    LEFT JOIN grids gr ON gr.id = b.grid_id \
    LEFT JOIN role_grants g ON g.user_id = s.user_id \
    WHERE s.token_hash = $1";

impl SessionRow {
    fn grant(&self) -> Result<Option<Grant>, AppError> {
        let (Some(role), Some(scope_kind), Some(scope_id)) =
            (&self.role, &self.scope_kind, self.scope_id)
        else {
            return Ok(None);
        };
        Ok(Some(Grant {
            role: Role::parse(role).ok_or_else(|| AppError::internal(format!("role {role}")))?,
            scope_kind: ScopeKind::parse(scope_kind)
                .ok_or_else(|| AppError::internal(format!("scope kind {scope_kind}")))?,
            scope_id,
        }))
    }

    /// The household's path, as `places::household_path` gives it.
    fn home(&self) -> Option<PlacePath> {
        self.household_id?;
        Some(PlacePath::unit(
            self.home_community_id?,
            self.home_grid_id?,
            self.home_building_id?,
            self.home_unit_id?,
        ))
    }
}

impl<S> FromRequestParts<S> for AuthUser
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let state = AppState::from_ref(state);
        let token = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(bearer_token)
            .ok_or(AppError::Unauthenticated)?;

        let rows: Vec<SessionRow> = sqlx::query_as(SESSION_SQL)
            .bind(session_token::hash(token))
            .fetch_all(&state.db.read)
            .await?;
        let session = rows.first().ok_or(AppError::Unauthenticated)?;
        if session.revoked_at.is_some() || session.expires_at <= now_ms() {
            return Err(AppError::SessionExpired);
        }
        let mut grants = Vec::with_capacity(rows.len());
        for row in &rows {
            grants.extend(row.grant()?);
        }

        let status = AccountStatus::parse(&session.status)
            .ok_or_else(|| AppError::internal(format!("account status {}", session.status)))?;
        let auth = AuthUser {
            user_id: session.user_id,
            session_id: session.session_id,
            community_id: session.community_id,
            household_id: session.household_id,
            home: session.home(),
            is_volunteer: session.is_volunteer != 0,
            grants,
            status,
            proxy_by: session.proxy_by,
        };
        if let Some(actor) = auth.proxy_by {
            // 代办 is a power of the one acting: it ends the moment they lose the role that
            // covers the resident's home.
            if !actor_covers(&state, actor, auth.home.as_ref()).await? {
                return Err(AppError::SessionExpired);
            }
        }
        let route = parts.extensions.get::<MatchedPath>().map(MatchedPath::as_str);
        access::check(&auth, &parts.method, route)?;
        Ok(auth)
    }
}

/// Whether `actor` still holds a role over `home` (a 代办 session's resident's), in their own
/// community: read for 代办 requests only, which are few.
async fn actor_covers(
    state: &AppState,
    actor: i64,
    home: Option<&PlacePath>,
) -> Result<bool, AppError> {
    let Some(home) = home else {
        return Ok(false);
    };
    let rows: Vec<(i64, String, String, i64)> = sqlx::query_as(
        "SELECT u.community_id, g.role, g.scope_kind, g.scope_id FROM users u \
         JOIN role_grants g ON g.user_id = u.id WHERE u.id = $1",
    )
    .bind(actor)
    .fetch_all(&state.db.read)
    .await?;
    Ok(rows.iter().any(|(community_id, role, kind, scope_id)| {
        let grant = match (Role::parse(role), ScopeKind::parse(kind)) {
            (Some(role), Some(scope_kind)) => Grant {
                role,
                scope_kind,
                scope_id: *scope_id,
            },
            _ => return false,
        };
        *community_id == home.community_id && grant.covers(home)
    }))
}

/// The token of `Bearer <token>`; the scheme is case-insensitive. Anything that cannot be one
/// of our tokens is refused before it reaches the database.
fn bearer_token(header: &str) -> Option<&str> {
    let (scheme, token) = header.split_once(' ')?;
    let token = token.trim();
    let plausible = !token.is_empty()
        && token.len() <= 128
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    (scheme.eq_ignore_ascii_case("bearer") && plausible).then_some(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMMUNITY: i64 = 1;
    const GRID: i64 = 10;
    const BUILDING_3: i64 = 103;
    const BUILDING_5: i64 = 105;
    const UNIT_3_1: i64 = 1031;

    fn user(grants: &[(Role, ScopeKind, i64)]) -> AuthUser {
        AuthUser {
            user_id: 1,
            session_id: 1,
            community_id: COMMUNITY,
            household_id: None,
            home: None,
            is_volunteer: false,
            status: AccountStatus::Active,
            proxy_by: None,
            grants: grants
                .iter()
                .map(|&(role, scope_kind, scope_id)| Grant {
                    role,
                    scope_kind,
                    scope_id,
                })
                .collect(),
        }
    }

    #[test]
    fn building_head_covers_their_building_and_its_units_only() {
        let head = user(&[(Role::BuildingHead, ScopeKind::Building, BUILDING_3)]);
        assert!(head.covers(
            Role::BuildingHead,
            &PlacePath::building(COMMUNITY, GRID, BUILDING_3)
        ));
        assert!(head.covers(
            Role::BuildingHead,
            &PlacePath::unit(COMMUNITY, GRID, BUILDING_3, UNIT_3_1)
        ));
        assert!(!head.covers(
            Role::BuildingHead,
            &PlacePath::building(COMMUNITY, GRID, BUILDING_5)
        ));
        assert!(!head.covers(Role::BuildingHead, &PlacePath::community(COMMUNITY)));
        assert!(!head.covers(
            Role::Staff,
            &PlacePath::building(COMMUNITY, GRID, BUILDING_3)
        ));
    }

    #[test]
    fn unit_head_covers_their_unit_not_the_building() {
        let head = user(&[(Role::UnitHead, ScopeKind::Unit, UNIT_3_1)]);
        assert!(head.covers(
            Role::UnitHead,
            &PlacePath::unit(COMMUNITY, GRID, BUILDING_3, UNIT_3_1)
        ));
        assert!(!head.covers(
            Role::UnitHead,
            &PlacePath::building(COMMUNITY, GRID, BUILDING_3)
        ));
        assert!(!head.covers(
            Role::UnitHead,
            &PlacePath::unit(COMMUNITY, GRID, BUILDING_3, 1032)
        ));
    }

    #[test]
    fn staff_cover_their_whole_community_and_no_other() {
        let staff = user(&[(Role::Staff, ScopeKind::Community, COMMUNITY)]);
        assert!(staff.covers(Role::Staff, &PlacePath::community(COMMUNITY)));
        assert!(staff.covers(
            Role::Staff,
            &PlacePath::unit(COMMUNITY, GRID, BUILDING_5, 1051)
        ));
        assert!(!staff.covers(Role::Staff, &PlacePath::community(2)));
        assert!(staff.covers_with_any_role(&PlacePath::building(COMMUNITY, GRID, BUILDING_3)));
    }

    #[test]
    fn a_grant_naming_another_community_grants_nothing_here() {
        // Defence in depth: a grid grant whose id matches but whose community is not the user's.
        let odd = user(&[(Role::BuildingHead, ScopeKind::Grid, GRID)]);
        assert!(!odd.covers(
            Role::BuildingHead,
            &PlacePath::building(2, GRID, BUILDING_3)
        ));
    }

    #[test]
    fn residents_hold_no_role_and_are_refused() {
        let resident = user(&[]);
        assert!(!resident.holds(Role::Staff));
        assert!(!resident.covers_with_any_role(&PlacePath::community(COMMUNITY)));
        assert!(matches!(resident.require(false), Err(AppError::Forbidden)));
        assert!(resident.require(true).is_ok());
    }

    #[test]
    fn bearer_tokens_are_parsed_strictly() {
        assert_eq!(bearer_token("Bearer abc-_09"), Some("abc-_09"));
        assert_eq!(bearer_token("bearer abc"), Some("abc"));
        assert_eq!(bearer_token("Basic abc"), None);
        assert_eq!(bearer_token("Bearer "), None);
        assert_eq!(bearer_token("Bearer a.b"), None);
        assert_eq!(bearer_token("Bearer"), None);
        assert_eq!(bearer_token(&format!("Bearer {}", "a".repeat(129))), None);
    }
}
