//! Staff run the community's offer from the app: the service menu 服务管理 (services, their
//! opening times, prices within the love-bank policy, which volunteers offer each, pausing) and
//! the 爱心超市 礼品管理 (rewards, stock, price, retiring).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{AuditPerson, OpeningPeriod, ServiceCategory};

/// A service's name, at most this many characters.
pub const SERVICE_NAME_MAX_CHARS: usize = 30;
pub const SERVICE_DESCRIPTION_MAX_CHARS: usize = 500;
pub const PROVIDER_NAME_MAX_CHARS: usize = 30;
/// The most a service may cost a resident: a month or two of a keen volunteer's points.
pub const SERVICE_PRICE_MAX: i64 = 500;
/// How long one visit of a service may be, in minutes.
pub const SERVICE_DURATION_MIN: i64 = 15;
pub const SERVICE_DURATION_MAX: i64 = 480;
/// Opening periods one service may have (three a day, every day).
pub const OPENING_PERIODS_MAX: usize = 21;
/// Volunteers one service may list.
pub const SERVICE_VOLUNTEERS_MAX: usize = 200;

pub const REWARD_NAME_MAX_CHARS: usize = 30;
pub const REWARD_DESCRIPTION_MAX_CHARS: usize = 200;
/// A reward's price in points.
pub const REWARD_POINTS_MIN: i64 = 1;
pub const REWARD_POINTS_MAX: i64 = 10_000;
/// The most one reward may have on the shelf.
pub const REWARD_STOCK_MAX: i64 = 10_000;

/// What staff last did to a service or a reward, and who.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LastChange {
    /// `created`, `edited`, `paused`, `resumed` (services); `created`, `edited`, `retired`,
    /// `restored` (rewards).
    pub action: String,
    pub by: AuditPerson,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub at: DateTime<Utc>,
}

/// A service as staff manage it: all of it, paused or not.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ManagedService {
    pub id: i64,
    pub name: String,
    pub category: ServiceCategory,
    pub provider_name: String,
    pub description: String,
    pub points_price: i64,
    pub volunteer_points: i64,
    /// How long one visit takes: the policy bounds `volunteer_points` by it.
    pub duration_minutes: i64,
    pub opening: Vec<OpeningPeriod>,
    /// Volunteers of the community offering it (ids of `ServiceAdmin::volunteers`).
    pub volunteer_ids: Vec<i64>,
    /// 暂停服务: off the residents' menu and not orderable; orders placed go on.
    pub paused: bool,
    pub last_change: Option<LastChange>,
}

/// A volunteer of the community, for the checklist of who offers a service.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VolunteerChoice {
    pub id: i64,
    pub name: String,
    /// Their home, e.g. "3栋 1单元 1502", to tell two of one name apart.
    pub home: Option<String>,
}

/// `GET /manage/services`: every service of the staff member's community, with what the form
/// offers to choose from and the bounds it must keep.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceAdmin {
    /// In menu order, paused ones included.
    pub services: Vec<ManagedService>,
    /// The community's volunteers, by name.
    pub volunteers: Vec<VolunteerChoice>,
    /// Providers already named, for the provider field's suggestions.
    pub providers: Vec<String>,
    /// The policy's 每小时最多积分: `volunteer_points` ≤ this × duration_minutes / 60.
    pub points_per_hour: i64,
}

/// `POST /manage/services`, `PUT /manage/services/{id}`: the whole service as it shall be.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceRequest {
    /// 1–30 characters, unique in the community.
    pub name: String,
    pub category: ServiceCategory,
    /// Who provides it (红帆驿站 …), 1–30 characters; a new name adds the provider.
    pub provider_name: String,
    /// At most 500 characters; may be empty.
    #[serde(default)]
    pub description: String,
    /// 0–500; 0 = free.
    pub points_price: i64,
    /// 0 up to the policy's points per hour × duration.
    pub volunteer_points: i64,
    /// 15–480.
    pub duration_minutes: i64,
    /// At most 21; start before end, no two overlapping on one weekday. Empty: by arrangement.
    #[serde(default)]
    pub opening: Vec<OpeningPeriod>,
    /// Volunteers of the community; anyone else is refused.
    #[serde(default)]
    pub volunteer_ids: Vec<i64>,
}

/// `PUT /manage/services/{id}/paused`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PauseRequest {
    pub paused: bool,
}

/// A reward as staff manage it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ManagedReward {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub points: i64,
    pub stock: i64,
    /// 已下架: not redeemable; vouchers issued before stay valid.
    pub retired: bool,
    /// Vouchers issued for it and not yet used.
    pub vouchers_open: i64,
    pub last_change: Option<LastChange>,
}

/// `POST /manage/rewards`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RewardRequest {
    /// 1–30 characters.
    pub name: String,
    /// At most 200 characters.
    #[serde(default)]
    pub description: String,
    /// 1–10000.
    pub points: i64,
    /// 0–10000 on the shelf.
    pub stock: i64,
}

/// `PUT /manage/rewards/{id}`. The stock is changed by what staff add or take away
/// (`stock` − `stock_seen`), not set outright, so redemptions made while the form was open
/// are not undone; taking away more than is left is refused.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RewardEdit {
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub points: i64,
    /// The stock staff want, 0–10000.
    pub stock: i64,
    /// The stock the form showed when they began.
    pub stock_seen: i64,
}

/// `PUT /manage/rewards/{id}/retired`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RetireRequest {
    pub retired: bool,
}
