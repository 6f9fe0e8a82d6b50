//! 代办: a head or staff member acting for a resident of their scope who has no phone (or no
//! login): who they may act for, starting a 代办 session, and who acts in one.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What a 代办 start names: an account, or a register entry (a household member on the
/// community's register who may have no login yet).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProxyTargetKind {
    Account,
    Register,
}

impl ProxyTargetKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ProxyTargetKind::Account => "account",
            ProxyTargetKind::Register => "register",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [ProxyTargetKind::Account, ProxyTargetKind::Register]
            .into_iter()
            .find(|kind| kind.as_str() == s)
    }
}

/// A resident a head or staff member may act for, as the 代办 list and start page show them.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProxyResident {
    pub kind: ProxyTargetKind,
    /// The account's id, or the register entry's.
    pub id: i64,
    pub name: String,
    /// e.g. "华盛世纪新城 3栋 1单元 801".
    pub address: String,
    /// 高龄, 独居, 残疾, 低保 … as the register has them.
    pub care_tags: Vec<String>,
    /// False for a register member without a phone or login (acted for by 代办 only).
    pub has_login: bool,
}

/// `GET /api/v1/proxy/residents`: residents of the caller's scope, those with care tags and
/// without a login first.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProxyResidents {
    pub items: Vec<ProxyResident>,
    /// More residents match than are listed: search by name to find them.
    pub more: bool,
}

/// `POST /api/v1/proxy/sessions`: start acting for this resident.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProxyStart {
    pub kind: ProxyTargetKind,
    #[cfg_attr(feature = "openapi", schema(minimum = 1))]
    pub id: i64,
}

/// In a 代办 session (`Me::proxy`): who is acting and until when.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProxyActor {
    pub id: i64,
    pub name: String,
    /// The session ends then (30 minutes after it started) unless ended sooner.
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub expires_at: DateTime<Utc>,
}

/// How long a 代办 session lasts.
pub const PROXY_SESSION_MINUTES: i64 = 30;
