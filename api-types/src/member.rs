//! Staff changing a member's roles: the volunteer flag and role grants. Powers end with the
//! role at once (the server reads roles on every request), and a volunteer's unfinished
//! orders go back to the dispatch queue when the flag is removed.

use serde::{Deserialize, Serialize};

use crate::Me;

/// `PUT /api/v1/members/{id}/volunteer` (staff of the member's community, not for
/// themselves).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VolunteerFlag {
    pub volunteer: bool,
}

/// The member after a change of roles, as `GET /me` would describe them, and the orders the
/// change sent back to the dispatch queue (dispatched, accepted or in progress with them).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberRoles {
    pub member: Me,
    #[serde(default)]
    pub returned_orders: Vec<i64>,
}
