//! Signing in and the signed-in resident: household, roles and the scopes those roles cover.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// `POST /api/v1/sessions`. Fields stay strings: the server parses them and answers field errors.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignInRequest {
    // what `Phone::parse` accepts; checked in server/tests/api/openapi_rules.rs
    #[cfg_attr(
        feature = "openapi",
        schema(
            example = "13800000001",
            pattern = r"^[ \-\u3000]*(\+[ \-\u3000]*8[ \-\u3000]*6[ \-\u3000]*|8[ \-\u3000]*6[ \-\u3000]*)?1[ \-\u3000]*[3-9]([ \-\u3000]*[0-9]){9}[ \-\u3000]*$"
        )
    )]
    pub phone: String,
    // Password::MAX_CHARS
    #[cfg_attr(
        feature = "openapi",
        schema(example = "linli2026", min_length = 1, max_length = 128)
    )]
    pub password: String,
}

/// `PUT /api/v1/me/password`. The current password proves it is the user at the phone, not
/// someone who picked up a signed-in phone; the new one is 8–128 characters.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordChange {
    // Password::MAX_CHARS
    #[cfg_attr(
        feature = "openapi",
        schema(example = "linli2026", min_length = 1, max_length = 128)
    )]
    pub current_password: String,
    // NewPassword::MIN_CHARS, Password::MAX_CHARS
    #[cfg_attr(
        feature = "openapi",
        schema(example = "linli-2027", min_length = 8, max_length = 128)
    )]
    pub new_password: String,
}

/// A new session. The token is shown once; the server keeps only its hash.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionGrant {
    /// Send as `Authorization: Bearer <token>`.
    pub token: String,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub expires_at: DateTime<Utc>,
    pub me: Me,
}

/// The signed-in user as `GET /api/v1/me` describes them.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub id: i64,
    pub name: String,
    pub phone: String,
    pub community: Place,
    /// None for staff who do not live in the community they serve.
    pub household: Option<Household>,
    /// Registered volunteers accept dispatched orders and earn points and hours.
    pub is_volunteer: bool,
    /// Every role held, each with the place it covers. Residents hold none.
    pub roles: Vec<RoleGrant>,
    /// In a 代办 session: the head or staff member acting for this resident, and until when.
    #[serde(default)]
    pub proxy: Option<crate::proxy::ProxyActor>,
    /// Active, or waiting for a head's approval, or declined (then only notices and the menu).
    #[serde(default)]
    pub status: AccountStatus,
}

impl Me {
    pub fn holds(&self, role: Role) -> bool {
        self.roles.iter().any(|grant| grant.role == role)
    }
}

/// A named place in the grid hierarchy 社区 → 网格 → 楼栋 → 单元.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Place {
    pub id: i64,
    pub name: String,
}

/// Where a resident lives, every level named so the app never needs a second request.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Household {
    pub id: i64,
    pub grid: Place,
    pub building: Place,
    pub unit: Place,
    /// The door number, e.g. "302".
    pub door: String,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 楼栋长: responsible for one or more buildings.
    BuildingHead,
    /// 单元长: responsible for one or more units.
    UnitHead,
    /// 网格长: responsible for a grid (网格) and the buildings in it; reports climb to them.
    GridHead,
    /// 社区工作人员: runs the community's services, rewards and notices.
    Staff,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::BuildingHead, Role::UnitHead, Role::GridHead, Role::Staff];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::BuildingHead => "building_head",
            Role::UnitHead => "unit_head",
            Role::GridHead => "grid_head",
            Role::Staff => "staff",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|role| role.as_str() == s)
    }
}

/// What an account may do (see the `users.status` column).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AccountStatus {
    /// A member of their household, vouched for by the register or a head.
    #[default]
    Active,
    /// Signed up; waiting for the unit or building head to approve.
    Pending,
    /// A head declined the request to join.
    Declined,
    /// A register member without a login, whom a head or staff member acts for by 代办.
    ProxyOnly,
}

impl AccountStatus {
    pub const ALL: [AccountStatus; 4] = [
        AccountStatus::Active,
        AccountStatus::Pending,
        AccountStatus::Declined,
        AccountStatus::ProxyOnly,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AccountStatus::Active => "active",
            AccountStatus::Pending => "pending",
            AccountStatus::Declined => "declined",
            AccountStatus::ProxyOnly => "proxy_only",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.as_str() == s)
    }

    /// Signed up and not let in (waiting for a head, or declined): such an account reads
    /// community-wide notices and the service menu, nothing more. A 代办 account (`ProxyOnly`)
    /// is not waiting: it is a register member, vouched for.
    pub fn is_waiting(self) -> bool {
        matches!(self, AccountStatus::Pending | AccountStatus::Declined)
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ScopeKind {
    Community,
    Grid,
    Building,
    Unit,
}

impl ScopeKind {
    pub const ALL: [ScopeKind; 4] =
        [ScopeKind::Community, ScopeKind::Grid, ScopeKind::Building, ScopeKind::Unit];

    pub fn as_str(self) -> &'static str {
        match self {
            ScopeKind::Community => "community",
            ScopeKind::Grid => "grid",
            ScopeKind::Building => "building",
            ScopeKind::Unit => "unit",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == s)
    }
}

/// A role and the place it covers, e.g. building head of 3栋.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoleGrant {
    pub role: Role,
    pub scope: Scope,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Scope {
    pub kind: ScopeKind,
    pub id: i64,
    /// Full name for display, e.g. "华盛世纪新城 3栋".
    pub name: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_and_scope_kinds_round_trip_through_their_names() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
            assert_eq!(serde_json::to_value(role).unwrap(), role.as_str());
        }
        for kind in ScopeKind::ALL {
            assert_eq!(ScopeKind::parse(kind.as_str()), Some(kind));
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
        }
        assert_eq!(Role::parse("admin"), None);
    }
}
