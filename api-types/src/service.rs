//! The service menu 服务菜单: what the community offers, who provides it, when it is open and
//! what it costs in love-bank points (0 for free services).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How far ahead a time slot may be booked.
pub const BOOKING_HORIZON_DAYS: u32 = 30;
/// `GET /services/{id}/slots?days=` when `days` is not given, and its ceiling.
pub const SLOT_DAYS_DEFAULT: u32 = 14;
pub const SLOT_DAYS_MAX: u32 = BOOKING_HORIZON_DAYS;

/// The OpenAPI schema of `GET /services/{id}/volunteers?order=`: an order id, or blank (white
/// space only, as Rust's `str::trim` reads it) for no order.
#[cfg(feature = "openapi")]
pub fn volunteers_order_schema() -> utoipa::openapi::schema::Schema {
    use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, OneOfBuilder, SchemaFormat, Type};
    OneOfBuilder::new()
        .description(Some(
            "The order being dispatched: volunteers of the household that placed it are left \
             out (they may not be assigned it). Blank: no order.",
        ))
        .item(
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64))),
        )
        .item(ObjectBuilder::new().schema_type(Type::String).pattern(Some(
            r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$",
        )))
        .build()
        .into()
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ServiceCategory {
    /// 维修
    Repair,
    /// 法律咨询
    Legal,
    /// 心理疏导
    Counselling,
    /// 助老
    ElderCare,
    /// 四点半课堂
    AfterSchool,
    /// 生活服务 (理发 …)
    DailyLife,
    /// 其他
    Other,
}

impl ServiceCategory {
    pub const ALL: [ServiceCategory; 7] = [
        ServiceCategory::Repair,
        ServiceCategory::Legal,
        ServiceCategory::Counselling,
        ServiceCategory::ElderCare,
        ServiceCategory::AfterSchool,
        ServiceCategory::DailyLife,
        ServiceCategory::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ServiceCategory::Repair => "repair",
            ServiceCategory::Legal => "legal",
            ServiceCategory::Counselling => "counselling",
            ServiceCategory::ElderCare => "elder_care",
            ServiceCategory::AfterSchool => "after_school",
            ServiceCategory::DailyLife => "daily_life",
            ServiceCategory::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// One weekly opening period in Asia/Shanghai time, e.g. Friday 9:00–12:00 is
/// `{ weekday: 5, start_minute: 540, end_minute: 720 }`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpeningPeriod {
    /// ISO weekday: 1 = Monday … 7 = Sunday.
    pub weekday: u8,
    /// Minutes after local midnight, 0–1439.
    pub start_minute: u16,
    /// Minutes after local midnight, after `start_minute`, at most 1440.
    pub end_minute: u16,
}

/// Who provides a service, e.g. 红帆驿站 or 爱心理发志愿队.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceProvider {
    pub id: i64,
    pub name: String,
}

/// A service on the menu.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Service {
    pub id: i64,
    pub name: String,
    pub category: ServiceCategory,
    pub provider: ServiceProvider,
    /// Plain text; line breaks are meaningful.
    pub description: String,
    /// Points the resident pays (held on ordering, settled on rating); 0 = free.
    pub points_price: i64,
    /// Points the volunteer earns for completing an order.
    pub volunteer_points: i64,
    /// Weekly opening periods, in weekday and time order. Empty = by arrangement (asap only).
    pub opening: Vec<OpeningPeriod>,
}

/// Services of one category, for the menu's sections.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceGroup {
    pub category: ServiceCategory,
    pub services: Vec<Service>,
}

/// `GET /services`: the menu of the user's community, categories in `ServiceCategory::ALL`
/// order, empty categories left out.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceMenu {
    pub groups: Vec<ServiceGroup>,
}

/// `GET /services/{id}`: the service and what the order form starts from.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceDetail {
    pub service: Service,
    /// The signed-in user's love-bank balance, to show next to a price.
    pub my_points: i64,
    /// The household's address, e.g. "华盛世纪新城 3栋 1单元 1502"; the address field's default.
    pub default_address: Option<String>,
    /// The user's own phone, the contact field's default.
    pub default_phone: String,
    /// Whether the signed-in user is a volunteer offering this service.
    pub i_offer: bool,
}

/// A bookable hour within the opening times.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BookableSlot {
    /// Send as `preferred_start` when ordering.
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub start: DateTime<Utc>,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub end: DateTime<Utc>,
}

/// `GET /services/{id}/slots?days=14`: future slots in time order.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceSlots {
    pub service_id: i64,
    pub slots: Vec<BookableSlot>,
}

/// A volunteer who offers a service, for staff assigning an order:
/// `GET /services/{id}/volunteers`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceVolunteer {
    pub id: i64,
    pub name: String,
    pub phone: String,
    /// Orders assigned to them and not yet completed, to spread the load.
    pub active_orders: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_round_trip_through_their_names() {
        for category in ServiceCategory::ALL {
            assert_eq!(ServiceCategory::parse(category.as_str()), Some(category));
            assert_eq!(serde_json::to_value(category).unwrap(), category.as_str());
        }
        assert_eq!(ServiceCategory::parse("cleaning"), None);
    }
}
