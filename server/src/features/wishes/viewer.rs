//! Who may see a wish and take which step: the one place that decides, for the steps and for
//! the actions a page offers.

use linli_api_types::{WishActions, WishStatus};

use super::refusals::WishRefusal;
use super::row::WishRow;
use crate::platform::auth::AuthUser;

/// A step on a wish.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Publish,
    Decline,
    Claim,
    Release,
    Fulfil,
    Thank,
    Withdraw,
}

impl Action {
    pub fn path_segment(self) -> &'static str {
        match self {
            Action::Publish | Action::Decline => "review",
            Action::Claim => "claim",
            Action::Release => "release",
            Action::Fulfil => "fulfil",
            Action::Thank => "thanks",
            Action::Withdraw => "withdraw",
        }
    }
}

pub struct WishViewer<'a> {
    pub auth: &'a AuthUser,
}

impl<'a> WishViewer<'a> {
    pub fn new(auth: &'a AuthUser) -> Self {
        Self { auth }
    }

    fn here(&self, row: &WishRow) -> bool {
        row.community_id == self.auth.community_id
    }

    /// The wishing resident or someone of their household.
    pub fn is_household(&self, row: &WishRow) -> bool {
        row.resident_id == self.auth.user_id || self.auth.household_id == Some(row.household_id)
    }

    /// A head of the wish's unit, building or grid, or staff of its community.
    pub fn is_reviewer(&self, row: &WishRow) -> bool {
        self.here(row) && self.auth.covers_with_any_role(&row.path())
    }

    pub fn is_claimer(&self, row: &WishRow) -> bool {
        row.claimer_id == Some(self.auth.user_id)
    }

    /// The household, its reviewers and the claimer see it whatever its status; the rest of
    /// the community once it is published. Elsewhere it does not exist.
    pub fn can_see(&self, row: &WishRow) -> bool {
        if !self.here(row) {
            return false;
        }
        let published = matches!(
            WishStatus::parse(&row.status),
            Some(
                WishStatus::Open
                    | WishStatus::Claimed
                    | WishStatus::Fulfilled
                    | WishStatus::Thanked
            )
        );
        published || self.is_household(row) || self.is_reviewer(row) || self.is_claimer(row)
    }

    /// Whether the resident's and claimer's names are shown in full.
    pub fn sees_names(&self, row: &WishRow) -> bool {
        self.is_household(row) || self.is_reviewer(row) || self.is_claimer(row)
    }

    /// The status after `action`, or why not. Who may comes first, then the status: a
    /// stranger learns nothing of the status from a refusal.
    pub fn check(&self, row: &WishRow, action: Action) -> Result<WishStatus, WishRefusal> {
        let status = WishStatus::parse(&row.status).ok_or(WishRefusal::NotAllowed)?;
        let me = Some(self.auth.user_id);
        match action {
            Action::Publish | Action::Decline => {
                if !self.is_reviewer(row) {
                    return Err(WishRefusal::NotAllowed);
                }
                if self.is_household(row) {
                    return Err(WishRefusal::OwnHousehold);
                }
                if row.proxy_by == me {
                    return Err(WishRefusal::ByProxy);
                }
                if status != WishStatus::Pending {
                    return Err(WishRefusal::WrongStatus(status));
                }
                Ok(if action == Action::Publish {
                    WishStatus::Open
                } else {
                    WishStatus::Declined
                })
            }
            Action::Claim => {
                if !self.here(row) || !self.auth.is_volunteer {
                    return Err(WishRefusal::NotVolunteer);
                }
                if self.is_household(row) {
                    return Err(WishRefusal::OwnHousehold);
                }
                // Whoever posted it by 代办 counts as the resident; one acting for someone
                // now takes nothing for themself.
                if row.proxy_by == me || self.auth.proxy_by.is_some() {
                    return Err(WishRefusal::ByProxy);
                }
                match status {
                    WishStatus::Open => Ok(WishStatus::Claimed),
                    WishStatus::Claimed | WishStatus::Fulfilled | WishStatus::Thanked
                        if !self.is_claimer(row) =>
                    {
                        Err(WishRefusal::Taken)
                    }
                    other => Err(WishRefusal::WrongStatus(other)),
                }
            }
            Action::Release | Action::Fulfil => {
                if !self.is_claimer(row) {
                    return Err(WishRefusal::NotAllowed);
                }
                match (status, action) {
                    (WishStatus::Claimed, Action::Release) => Ok(WishStatus::Open),
                    (WishStatus::Claimed, _) => Ok(WishStatus::Fulfilled),
                    (other, _) => Err(WishRefusal::WrongStatus(other)),
                }
            }
            Action::Thank => {
                if row.resident_id != self.auth.user_id {
                    return Err(WishRefusal::NotAllowed);
                }
                // The thanks pay the claimer: never by the claimer acting for the resident.
                if self.auth.proxy_by.is_some() && self.auth.proxy_by == row.claimer_id {
                    return Err(WishRefusal::ByProxy);
                }
                match status {
                    WishStatus::Fulfilled => Ok(WishStatus::Thanked),
                    other => Err(WishRefusal::WrongStatus(other)),
                }
            }
            Action::Withdraw => {
                if row.resident_id != self.auth.user_id {
                    return Err(WishRefusal::NotAllowed);
                }
                match status {
                    WishStatus::Pending | WishStatus::Open | WishStatus::Claimed => {
                        Ok(WishStatus::Withdrawn)
                    }
                    other => Err(WishRefusal::WrongStatus(other)),
                }
            }
        }
    }

    pub fn actions(&self, row: &WishRow) -> WishActions {
        let can = |action| self.check(row, action).is_ok();
        WishActions {
            review: can(Action::Publish),
            claim: can(Action::Claim),
            release: can(Action::Release),
            fulfil: can(Action::Fulfil),
            thank: can(Action::Thank),
            withdraw: can(Action::Withdraw),
        }
    }
}
