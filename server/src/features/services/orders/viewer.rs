//! Who sees and does what: the signed-in user as the orders see them.

use std::collections::HashSet;

use linli_api_types::{OrderActions, OrderStatus, Role};
use sqlx::{Any, Executor};

use super::row::OrderRow;
use super::state::{self, Action, Actor};
use crate::features::services::menu::volunteers::offered_by;
use crate::features::services::refusals::OrderRefusal;
use crate::platform::auth::{AuthUser, PlacePath};
use crate::platform::error::Result;

#[derive(Debug, Clone)]
pub struct OrderViewer {
    pub auth: AuthUser,
    /// Services they offer as a volunteer (empty unless a volunteer).
    pub offered: HashSet<i64>,
}

impl OrderViewer {
    pub async fn of<'e, E>(executor: E, auth: AuthUser) -> Result<Self>
    where
        E: Executor<'e, Database = Any>,
    {
        let offered = offered_by(executor, &auth).await?;
        Ok(Self {
            auth,
            offered: offered.into_iter().collect(),
        })
    }

    pub fn is_staff_of(&self, community_id: i64) -> bool {
        self.auth
            .covers(Role::Staff, &PlacePath::community(community_id))
    }

    pub fn offers(&self, row: &OrderRow) -> bool {
        self.auth.is_volunteer
            && row.community_id == self.auth.community_id
            && self.offered.contains(&row.service_id)
    }

    fn is_assignee(&self, row: &OrderRow) -> bool {
        row.volunteer_id == Some(self.auth.user_id)
    }

    /// Whether the order was placed by them or by a member of their household: they may
    /// not take it, or they would pay themselves from the love bank.
    pub fn is_own_household(&self, row: &OrderRow) -> bool {
        row.resident_id == self.auth.user_id
            || (self.auth.household_id.is_some()
                && self.auth.household_id == row.resident_household_id)
    }

    /// The refusal for a step [`state::transition`] allows but the order's facts do not:
    /// taking (accepting, claiming, starting, completing) an order of one's own household, or
    /// one placed by 代办 by the volunteer themself; rating in a 代办 session an order whose
    /// volunteer is the one acting (the rating would pay them).
    pub fn refusal_beyond_state(&self, row: &OrderRow, action: Action) -> Option<OrderRefusal> {
        let takes = matches!(
            action,
            Action::Accept | Action::Claim | Action::Start | Action::Complete
        );
        if takes && self.is_own_household(row) {
            return Some(OrderRefusal::OwnOrder);
        }
        let placed_it = row.proxy_by == Some(self.auth.user_id);
        let pays_the_actor = action == Action::Rate
            && self.auth.proxy_by.is_some()
            && row.volunteer_id == self.auth.proxy_by;
        ((takes && placed_it) || pays_the_actor).then_some(OrderRefusal::ByProxy)
    }

    /// [`state::transition`] and then [`Self::refusal_beyond_state`]: the status after
    /// `action`, or why not.
    pub fn check(
        &self,
        row: &OrderRow,
        status: OrderStatus,
        action: Action,
    ) -> Result<OrderStatus, OrderRefusal> {
        let next = state::transition(status, action, self.actor(row, action))?;
        match self.refusal_beyond_state(row, action) {
            Some(refusal) => Err(refusal),
            None => Ok(next),
        }
    }

    /// Residents their own orders; staff their community's; volunteers orders assigned to
    /// them and open orders of their services.
    pub fn can_see(&self, row: &OrderRow) -> bool {
        row.resident_id == self.auth.user_id
            || self.is_staff_of(row.community_id)
            || self.is_assignee(row)
            || (row.status == OrderStatus::Submitted.as_str() && self.offers(row))
    }

    /// Whether they may see the contact phone in full.
    pub fn sees_contact(&self, row: &OrderRow) -> bool {
        row.resident_id == self.auth.user_id
            || self.is_staff_of(row.community_id)
            || self.is_assignee(row)
    }

    /// How they stand to `row` for `action`.
    pub fn actor(&self, row: &OrderRow, action: Action) -> Actor {
        match action {
            Action::Assign if self.is_staff_of(row.community_id) => Actor::Staff,
            Action::Cancel | Action::Rate if row.resident_id == self.auth.user_id => Actor::Owner,
            Action::Accept | Action::Decline | Action::Claim | Action::Start | Action::Complete => {
                // An ex-volunteer still named on an order has no volunteer's steps left.
                if self.is_assignee(row) && self.auth.is_volunteer {
                    Actor::Assignee
                } else if self.offers(row) {
                    Actor::Volunteer
                } else {
                    Actor::Other
                }
            }
            _ => Actor::Other,
        }
    }

    pub fn actions(&self, row: &OrderRow) -> OrderActions {
        let Some(status) = OrderStatus::parse(&row.status) else {
            return OrderActions::default();
        };
        let can = |action| self.check(row, status, action).is_ok();
        OrderActions {
            cancel: can(Action::Cancel),
            rate: can(Action::Rate),
            assign: can(Action::Assign),
            accept: can(Action::Accept),
            decline: can(Action::Decline),
            claim: can(Action::Claim),
            start: can(Action::Start),
            complete: can(Action::Complete),
            staff_cancel: self.is_staff_of(row.community_id)
                && super::staff_cancel::cancellable(status),
        }
    }
}
