//! The staff member behind 积分管理's use cases (corrections, vouchers, the policy, the audit):
//! made only from a signed-in user who holds the staff role, so a use case that takes one
//! cannot be reached by anyone else.

use linli_api_types::Role;

use crate::features::points::corrections::Actor;
use crate::platform::auth::{AuthUser, PlacePath};
use crate::platform::error::Result;
use crate::platform::ids::{CommunityId, UserId};

#[derive(Debug, Clone, Copy)]
pub struct Staff<'a> {
    auth: &'a AuthUser,
}

impl<'a> Staff<'a> {
    /// `auth` as staff, or 403 `forbidden`.
    pub fn of(auth: &'a AuthUser) -> Result<Self> {
        auth.require(auth.holds(Role::Staff))?;
        Ok(Self { auth })
    }

    pub fn user(&self) -> UserId {
        UserId(self.auth.user_id)
    }

    /// The community they work for (their grant is over it).
    pub fn community(&self) -> CommunityId {
        CommunityId(self.auth.community_id)
    }

    /// Whether their grant reaches the community `community_id`: anything of another community
    /// does not exist for them.
    pub fn serves(&self, community_id: i64) -> bool {
        self.auth
            .covers(Role::Staff, &PlacePath::community(community_id))
    }

    /// Who they are for the separation of duties.
    pub fn actor(&self) -> Actor {
        Actor {
            user_id: self.auth.user_id,
            household_id: self.auth.household_id,
        }
    }
}
