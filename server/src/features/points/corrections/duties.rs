//! Separation of duties: points are money, so nobody corrects their own points or their
//! household's (points are shared at home), and nobody decides on a correction they asked for.

use crate::features::points::refusals;
use crate::platform::error::FieldIssue;

/// Why a staff member may not approve or reject a correction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Duty {
    /// They asked for it: a second staff member means someone else.
    OwnRequest,
    /// It moves their own points.
    OwnAccount,
    /// It moves the points of someone of their household.
    OwnHousehold,
}

/// Who is acting: the signed-in staff member and their household.
#[derive(Debug, Clone, Copy)]
pub struct Actor {
    pub user_id: i64,
    pub household_id: Option<i64>,
}

/// Whose points a correction moves.
#[derive(Debug, Clone, Copy, sqlx::FromRow)]
pub struct Member {
    pub id: i64,
    pub community_id: i64,
    pub household_id: Option<i64>,
}

impl Actor {
    /// Why `self` may not move `member`'s points, if they may not.
    pub fn conflict_with(&self, member_id: i64, member_household: Option<i64>) -> Option<Duty> {
        if self.user_id == member_id {
            Some(Duty::OwnAccount)
        } else if self.household_id.is_some() && self.household_id == member_household {
            Some(Duty::OwnHousehold)
        } else {
            None
        }
    }

    /// The `user_id` field's issue when `self` may not correct `member` at all.
    pub fn check_member(&self, member: &Member, issues: &mut Vec<FieldIssue>) {
        match self.conflict_with(member.id, member.household_id) {
            Some(Duty::OwnAccount) => issues.push(refusals::own_account("user_id")),
            Some(Duty::OwnHousehold) => issues.push(refusals::own_household("user_id")),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nobody_corrects_themselves_or_their_household() {
        let staff = Actor {
            user_id: 4,
            household_id: Some(40),
        };
        assert_eq!(staff.conflict_with(4, Some(40)), Some(Duty::OwnAccount));
        assert_eq!(staff.conflict_with(5, Some(40)), Some(Duty::OwnHousehold));
        assert_eq!(staff.conflict_with(5, Some(41)), None);
        assert_eq!(staff.conflict_with(5, None), None);
        let homeless = Actor {
            user_id: 4,
            household_id: None,
        };
        assert_eq!(homeless.conflict_with(5, None), None);
    }
}
