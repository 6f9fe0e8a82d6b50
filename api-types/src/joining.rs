//! Joining: a resident signs up with their phone, a password, their name and their home; the
//! household register or a head of their unit or building vouches for them (there is no SMS).
//! Heads see the requests of their scope and approve or decline them, and show their
//! building's invite link and QR code.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{Place, Role, SessionGrant};

/// `POST /api/v1/join`: a new account. Fields stay strings (the server answers field errors);
/// `unit_id` comes from `GET /api/v1/join/places` or an invite.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignUpRequest {
    #[cfg_attr(feature = "openapi", schema(example = "13812340011"))]
    pub phone: String,
    // NewPassword::MIN_CHARS, Password::MAX_CHARS
    #[cfg_attr(
        feature = "openapi",
        schema(example = "linli-2027", min_length = 8, max_length = 128)
    )]
    pub password: String,
    // PersonName::MAX_CHARS
    #[cfg_attr(feature = "openapi", schema(example = "孙建华", max_length = 20))]
    pub name: String,
    pub unit_id: i64,
    /// The door number as on the door, e.g. "1101".
    #[cfg_attr(feature = "openapi", schema(example = "1101", max_length = 10))]
    pub door: String,
}

/// The answer to a sign-up: signed in at once either way. `me.status` says whether the
/// register let them in (`active`) or a head must (`pending`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignedUp {
    pub session: SessionGrant,
    /// The register vouched for them: name and phone matched an entry of that household.
    pub matched: bool,
}

/// A building with its units, as sign-up offers them.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JoinBuilding {
    pub id: i64,
    /// With its estate: "华盛世纪新城 3栋".
    pub name: String,
    pub units: Vec<Place>,
}

/// A community with its buildings.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JoinCommunity {
    pub id: i64,
    pub name: String,
    pub buildings: Vec<JoinBuilding>,
}

/// `GET /api/v1/join/places`: where one can sign up.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JoinPlaces {
    pub communities: Vec<JoinCommunity>,
}

/// `GET /api/v1/join/invites/{code}`: what a building's invite names.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InviteTarget {
    pub community: Place,
    pub building: JoinBuilding,
}

/// Where a join request stands.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum JoinStatus {
    Pending,
    Approved,
    Declined,
    /// Replaced by a new request for a corrected home.
    Withdrawn,
}

impl JoinStatus {
    pub const ALL: [JoinStatus; 4] = [
        JoinStatus::Pending,
        JoinStatus::Approved,
        JoinStatus::Declined,
        JoinStatus::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            JoinStatus::Pending => "pending",
            JoinStatus::Approved => "approved",
            JoinStatus::Declined => "declined",
            JoinStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.as_str() == s)
    }
}

/// The home a request names, every level named.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JoinHome {
    pub household_id: i64,
    /// "华盛世纪新城 3栋".
    pub building: Place,
    pub unit: Place,
    pub door: String,
}

/// Someone who may approve a request: "3栋 楼栋长 刘伟忠".
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reviewer {
    pub role: Role,
    /// The place the role covers, short: "3栋", "3栋1单元", "井湘社区".
    pub place: String,
    pub name: String,
}

/// `GET /api/v1/me/join-request`: the resident's latest request.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyJoinRequest {
    pub id: i64,
    pub status: JoinStatus,
    pub home: JoinHome,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub requested_at: DateTime<Utc>,
    /// Who can approve it, unit head first; staff when the unit and building have no head.
    pub reviewers: Vec<Reviewer>,
    /// Why a head declined (shown to the resident).
    pub reason: Option<String>,
    /// Who decided, by name.
    pub decided_by: Option<String>,
}

/// `PUT /api/v1/me/join-request`: ask again for a corrected home.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JoinAgain {
    pub unit_id: i64,
    #[cfg_attr(feature = "openapi", schema(example = "1101", max_length = 10))]
    pub door: String,
}

/// A register entry of the requested room, so the head can tell who is who.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegisterName {
    pub id: i64,
    pub name: String,
    /// 户主, 配偶, 子女 …
    pub relation: String,
    /// Already vouching for a Linli account.
    pub linked: bool,
}

/// A request as the heads of its unit or building and staff see it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JoinRequestView {
    pub id: i64,
    pub name: String,
    pub phone: String,
    pub home: JoinHome,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub requested_at: DateTime<Utc>,
    /// The register's names for that room.
    pub register: Vec<RegisterName>,
}

/// `GET /api/v1/join-requests`: the requests waiting in the caller's scope, oldest first.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JoinRequestList {
    pub items: Vec<JoinRequestView>,
}

/// `POST /api/v1/join-requests/{id}/approve`: optionally linked to a register entry of that
/// room not yet linked.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JoinApproval {
    #[serde(default)]
    pub register_member_id: Option<i64>,
}

/// `POST /api/v1/join-requests/{id}/decline`: the reason is shown to the resident.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JoinDecline {
    #[cfg_attr(
        feature = "openapi",
        schema(example = "1101室没有这位住户，请核对门牌", max_length = 200)
    )]
    pub reason: String,
}

/// The decision as recorded.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JoinDecision {
    pub id: i64,
    pub status: JoinStatus,
    pub decided_by: String,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub decided_at: DateTime<Utc>,
    pub reason: Option<String>,
    pub register_member_id: Option<i64>,
}

/// A building's invite: the path of the link (the app puts its origin in front), the full
/// link the QR code holds, and the QR code as SVG.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BuildingInvite {
    pub building: Place,
    pub code: String,
    /// "/join/K7QW3M9P".
    pub path: String,
    /// "https://linli.example/join/K7QW3M9P".
    pub url: String,
    /// `<svg …>` drawn by the server.
    pub qr_svg: String,
}

/// `GET /api/v1/invites`: an invite for every building the caller heads (or heads a unit of),
/// every building of the community for staff.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BuildingInvites {
    pub items: Vec<BuildingInvite>,
}
