//! 居民: the directory heads and staff use to find a resident, the person page, appointing
//! and removing roles (staff changes need a second staff member), and password reset codes.
//!
//! A person is named by a *reference* covering both kinds: `u<id>` for an account (`users.id`,
//! whether or not it is on the register) and `r<id>` for a register member not on Linli
//! (`register_members.id` with no account). `PersonRef::parse` reads one.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{Role, RoleGrant, Scope};

/// Which kind of person a reference names.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PersonKind {
    /// An account (`u<id>`).
    Account,
    /// A register member without an account (`r<id>`).
    Register,
}

/// `u12` (account 12) or `r5` (register member 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PersonRef {
    pub kind: PersonKind,
    pub id: i64,
}

impl PersonRef {
    pub fn account(id: i64) -> Self {
        Self {
            kind: PersonKind::Account,
            id,
        }
    }

    pub fn register(id: i64) -> Self {
        Self {
            kind: PersonKind::Register,
            id,
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        let kind = match s.get(..1)? {
            "u" => PersonKind::Account,
            "r" => PersonKind::Register,
            _ => return None,
        };
        let digits = &s[1..];
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let id = digits.parse::<i64>().ok().filter(|id| *id > 0)?;
        Some(Self { kind, id })
    }
}

impl std::fmt::Display for PersonRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let prefix = match self.kind {
            PersonKind::Account => "u",
            PersonKind::Register => "r",
        };
        write!(f, "{prefix}{}", self.id)
    }
}

/// Where a person stands with Linli: 已加入 / 待审核 / 未通过 / 未加入.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PersonStatus {
    /// 已加入: an active account.
    Joined,
    /// 待审核: signed up, waiting for a head.
    Pending,
    /// 未通过: a head declined the request.
    Declined,
    /// 未加入: on the register only (or acted for by 代办 without a login).
    NotJoined,
}

/// One line of the directory (`GET /api/v1/people`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonSummary {
    /// `u<id>` or `r<id>`: the path of the person page.
    pub reference: String,
    pub kind: PersonKind,
    /// The account id or the register member id, as `kind` says.
    pub id: i64,
    pub name: String,
    /// "华盛世纪新城 3栋 1单元 1502"; empty for staff without a home.
    pub address: String,
    /// Relation to the householder on the register (户主, 配偶 …); empty when not on it.
    pub relation: String,
    /// 高龄, 独居, 残疾, 低保 …
    pub care_tags: Vec<String>,
    pub status: PersonStatus,
    /// "138****0001"; empty without a phone.
    pub phone_masked: String,
    pub roles: Vec<RoleGrant>,
    pub is_volunteer: bool,
}

/// `GET /api/v1/people`: at most `PEOPLE_PAGE` people, `more` when the search should narrow.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PeoplePage {
    pub items: Vec<PersonSummary>,
    pub more: bool,
}

/// How many people one directory answer holds.
pub const PEOPLE_PAGE: usize = 50;

/// One change of a person's roles, as the audit keeps it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoleChange {
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub at: DateTime<Utc>,
    pub by_name: String,
    pub change: RoleChangeKind,
    /// The role granted or removed (none for the volunteer flag and services).
    pub role: Option<Role>,
    /// The place of that role.
    pub scope: Option<Scope>,
    /// The services set, by name ("上门代办、助餐送餐").
    pub detail: String,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RoleChangeKind {
    Granted,
    Removed,
    VolunteerOn,
    VolunteerOff,
    ServicesSet,
    /// A staff appointment or removal asked for, waiting for a second staff member.
    StaffRequested,
    StaffRejected,
}

/// A service a volunteer offers, or may be given.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfferedService {
    pub id: i64,
    pub name: String,
    pub offered: bool,
}

/// What the viewer may do on the person page.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonPowers {
    /// Staff, and not themselves, and an account: appoint and remove roles.
    pub manage_roles: bool,
    /// A one-time password reset code may be issued.
    pub issue_reset_code: bool,
}

/// `GET /api/v1/people/{person}`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonDetail {
    pub person: PersonSummary,
    /// The full phone, for heads and staff to call; empty without one.
    pub phone: String,
    /// The others of the household: accounts and register members.
    pub household: Vec<PersonSummary>,
    /// Whether the person is on the household register.
    pub on_register: bool,
    /// Services of the community and which of them the person offers (volunteers; staff viewing).
    pub services: Vec<OfferedService>,
    /// Newest first.
    pub history: Vec<RoleChange>,
    pub powers: PersonPowers,
    /// A staff appointment or removal of this person waiting for a second staff member.
    pub pending_staff_change: Option<StaffChange>,
}

/// `POST /api/v1/members/{id}/grants`: a role over a place. `scope_id` names a building
/// (building head), a unit (unit head) or a grid (网格长); staff go through `/staff-changes`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GrantRequest {
    pub role: Role,
    pub scope_id: i64,
}

/// `PUT /api/v1/members/{id}/services`: every service the volunteer offers.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VolunteerServices {
    pub service_ids: Vec<i64>,
}

/// `GET /api/v1/role-places`: what staff may appoint heads over.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RolePlaces {
    pub grids: Vec<Scope>,
    pub buildings: Vec<Scope>,
    pub units: Vec<Scope>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StaffAction {
    Appoint,
    Remove,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StaffChangeStatus {
    Pending,
    Approved,
    Rejected,
}

/// `POST /api/v1/staff-changes`: appoint or remove a staff member, which another staff member
/// of the community must approve.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffChangeRequest {
    pub member_id: i64,
    pub action: StaffAction,
}

/// A staff appointment or removal and its decision.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffChange {
    pub id: i64,
    pub member_id: i64,
    pub member_name: String,
    pub action: StaffAction,
    pub status: StaffChangeStatus,
    pub requested_by: String,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub requested_at: DateTime<Utc>,
    pub decided_by: Option<String>,
    /// Whether the viewer may approve or reject it (staff, not the requester nor the member).
    pub decidable: bool,
}

/// `GET /api/v1/staff-changes`: the changes waiting in the community.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffChanges {
    pub items: Vec<StaffChange>,
}

/// `POST /api/v1/members/{id}/reset-codes`: the code, shown this once.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResetCode {
    /// 8 digits.
    pub code: String,
    pub for_name: String,
    pub for_phone_masked: String,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub expires_at: DateTime<Utc>,
}

/// How many digits a reset code has.
pub const RESET_CODE_DIGITS: usize = 8;

/// `POST /api/v1/password-resets` (no session): the phone, the code a head gave, a new password.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordReset {
    #[cfg_attr(feature = "openapi", schema(example = "13800000001"))]
    pub phone: String,
    #[cfg_attr(feature = "openapi", schema(example = "40718263"))]
    pub code: String,
    // NewPassword::MIN_CHARS, Password::MAX_CHARS
    #[cfg_attr(
        feature = "openapi",
        schema(example = "linli-2027", min_length = 8, max_length = 128)
    )]
    pub new_password: String,
}

/// The answer to `POST /api/v1/password-resets`: how many sessions of the account were signed out.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordResetDone {
    pub sessions_signed_out: u64,
}

/// `GET /api/v1/me/password-reset`: the last reset of one's password by a code, if any.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordResetNotice {
    pub last: Option<PasswordResetBy>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordResetBy {
    pub by_name: String,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub at: DateTime<Utc>,
}

/// "138****0001"; other lengths keep only their last four digits.
pub fn mask_phone(phone: &str) -> String {
    if phone.len() == 11 && phone.bytes().all(|b| b.is_ascii_digit()) {
        format!("{}****{}", &phone[..3], &phone[7..])
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_round_trip_and_refuse_anything_else() {
        for r in [PersonRef::account(12), PersonRef::register(5)] {
            assert_eq!(PersonRef::parse(&r.to_string()), Some(r));
        }
        for bad in ["", "u", "x1", "u-1", "u0", "r1a", "12", "u+1"] {
            assert_eq!(PersonRef::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn phones_are_masked() {
        assert_eq!(mask_phone("13800000001"), "138****0001");
        assert_eq!(mask_phone("register:4"), "");
    }
}
