//! The order state machine: the one place that decides which step may follow which, and who
//! may take it. Pure: the step use case (`orders::take_step`) works out the actor and the
//! action, calls [`transition`], and writes what it answers (or refuses with its
//! [`OrderRefusal`]).
//!
//! ```text
//! submitted ──assign(staff)──▶ dispatched ──accept(assignee)──▶ accepted ──start──▶ in_progress
//!     │  ▲                        │  ▲                            │                      │
//!     │  └──decline(assignee)─────┘  └──assign(staff, reassign)───┘                 complete
//!     ├──claim(volunteer of the service)──▶ accepted                                     ▼
//!     └──cancel(resident; also from dispatched)──▶ cancelled          completed ──rate(resident)──▶ rated
//!                                                                         └──close(system, 7 days)──▶ closed
//! dispatched / accepted / in_progress ──recall(system: the volunteer's role ended)──▶ submitted
//! ```
//!
//! Two rules need facts this pure function does not have, so the step use case applies them on
//! top of an allowed step: nobody takes (accept, claim, start, complete) an order placed by
//! their own household ([`OrderRefusal::OwnOrder`]), and a step that lost a race to another
//! write is refused ([`OrderRefusal::Changed`]).

use linli_api_types::OrderStatus;

use crate::features::services::refusals::OrderRefusal;

/// What someone wants to do with an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Staff dispatch (or reassign) to a volunteer offering the service.
    Assign,
    Accept,
    Decline,
    /// A volunteer of the service takes an open order.
    Claim,
    Start,
    Complete,
    Rate,
    /// The rating window passed.
    Close,
    Cancel,
    /// The assignee's volunteer flag was removed: the order goes back to the dispatch queue.
    Recall,
}

impl Action {
    pub const ALL: [Action; 10] = [
        Action::Assign,
        Action::Accept,
        Action::Decline,
        Action::Claim,
        Action::Start,
        Action::Complete,
        Action::Rate,
        Action::Close,
        Action::Cancel,
        Action::Recall,
    ];
}

/// How the acting user stands to this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    /// The resident who ordered it.
    Owner,
    /// Staff of the order's community.
    Staff,
    /// The volunteer it is assigned to.
    Assignee,
    /// A volunteer offering the service, not the assignee.
    Volunteer,
    /// The server itself (closing after the rating window).
    System,
    /// Anyone else.
    Other,
}

/// The status after `action` by `actor` on an order in `status`, or why not.
pub fn transition(
    status: OrderStatus,
    action: Action,
    actor: Actor,
) -> Result<OrderStatus, OrderRefusal> {
    use Action as A;
    use OrderStatus as S;

    // Who may take each step at all, whatever the status.
    let permitted = match action {
        A::Assign => actor == Actor::Staff,
        A::Cancel | A::Rate => actor == Actor::Owner,
        A::Accept | A::Decline | A::Start | A::Complete => {
            matches!(actor, Actor::Assignee | Actor::Volunteer)
        }
        A::Claim => matches!(actor, Actor::Volunteer | Actor::Assignee),
        A::Close | A::Recall => actor == Actor::System,
    };
    if !permitted {
        return Err(OrderRefusal::NotAllowed);
    }
    if status.is_final() {
        return Err(match (action, status) {
            (A::Rate, S::Rated) => OrderRefusal::AlreadyRated,
            _ => OrderRefusal::Finished,
        });
    }
    // A volunteer acting on an order assigned to someone else.
    let assigned = matches!(
        status,
        S::Dispatched | S::Accepted | S::InProgress | S::Completed
    );
    if actor == Actor::Volunteer && action != A::Claim && assigned {
        return Err(OrderRefusal::AssignedToOther);
    }
    if actor == Actor::Volunteer && action == A::Claim && status != S::Submitted {
        return Err(OrderRefusal::AssignedToOther);
    }

    match (action, status) {
        (A::Assign, S::Submitted | S::Dispatched | S::Accepted) => Ok(S::Dispatched),
        (A::Cancel, S::Submitted | S::Dispatched) => Ok(S::Cancelled),
        (A::Cancel, S::Accepted | S::InProgress | S::Completed) => {
            Err(OrderRefusal::AlreadyAccepted)
        }
        (A::Accept, S::Dispatched) if actor == Actor::Assignee => Ok(S::Accepted),
        (A::Decline, S::Dispatched | S::Accepted) if actor == Actor::Assignee => Ok(S::Submitted),
        (A::Claim, S::Submitted) if actor == Actor::Volunteer => Ok(S::Accepted),
        (A::Start, S::Accepted) if actor == Actor::Assignee => Ok(S::InProgress),
        (A::Complete, S::InProgress) if actor == Actor::Assignee => Ok(S::Completed),
        (A::Rate, S::Completed) => Ok(S::Rated),
        (A::Rate, _) => Err(OrderRefusal::NotCompleted),
        (A::Close, S::Completed) => Ok(S::Closed),
        (A::Recall, S::Dispatched | S::Accepted | S::InProgress) => Ok(S::Submitted),
        _ => Err(OrderRefusal::WrongStatus(status)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use OrderStatus as S;

    const ACTORS: [Actor; 6] = [
        Actor::Owner,
        Actor::Staff,
        Actor::Assignee,
        Actor::Volunteer,
        Actor::System,
        Actor::Other,
    ];

    /// Every legal step; everything else must be refused.
    const LEGAL: [(S, Action, Actor, S); 16] = [
        (S::Submitted, Action::Assign, Actor::Staff, S::Dispatched),
        (S::Dispatched, Action::Assign, Actor::Staff, S::Dispatched),
        (S::Accepted, Action::Assign, Actor::Staff, S::Dispatched),
        (S::Submitted, Action::Cancel, Actor::Owner, S::Cancelled),
        (S::Dispatched, Action::Cancel, Actor::Owner, S::Cancelled),
        (S::Dispatched, Action::Accept, Actor::Assignee, S::Accepted),
        (
            S::Dispatched,
            Action::Decline,
            Actor::Assignee,
            S::Submitted,
        ),
        (S::Accepted, Action::Decline, Actor::Assignee, S::Submitted),
        (S::Submitted, Action::Claim, Actor::Volunteer, S::Accepted),
        (S::Accepted, Action::Start, Actor::Assignee, S::InProgress),
        (
            S::InProgress,
            Action::Complete,
            Actor::Assignee,
            S::Completed,
        ),
        (S::Completed, Action::Rate, Actor::Owner, S::Rated),
        (S::Completed, Action::Close, Actor::System, S::Closed),
        (S::Dispatched, Action::Recall, Actor::System, S::Submitted),
        (S::Accepted, Action::Recall, Actor::System, S::Submitted),
        (S::InProgress, Action::Recall, Actor::System, S::Submitted),
    ];

    fn legal(status: S, action: Action, actor: Actor) -> Option<S> {
        LEGAL
            .iter()
            .find(|(s, a, who, _)| (*s, *a, *who) == (status, action, actor))
            .map(|(_, _, _, next)| *next)
    }

    #[test]
    fn every_legal_step_leads_where_it_should() {
        for (status, action, actor, next) in LEGAL {
            assert_eq!(
                transition(status, action, actor),
                Ok(next),
                "{status:?} {action:?} {actor:?}"
            );
        }
    }

    #[test]
    fn every_other_triple_is_refused() {
        let mut refused = 0;
        for status in S::ALL {
            for action in Action::ALL {
                for actor in ACTORS {
                    let outcome = transition(status, action, actor);
                    match legal(status, action, actor) {
                        Some(next) => assert_eq!(outcome, Ok(next)),
                        None => {
                            assert!(
                                outcome.is_err(),
                                "{status:?} {action:?} {actor:?} was allowed"
                            );
                            refused += 1;
                        }
                    }
                }
            }
        }
        assert_eq!(refused, 8 * 10 * 6 - 16);
    }

    #[test]
    fn the_wrong_actor_is_not_allowed() {
        for actor in [
            Actor::Owner,
            Actor::Assignee,
            Actor::Volunteer,
            Actor::System,
            Actor::Other,
        ] {
            assert_eq!(
                transition(S::Submitted, Action::Assign, actor),
                Err(OrderRefusal::NotAllowed)
            );
        }
        for actor in [
            Actor::Staff,
            Actor::Assignee,
            Actor::Volunteer,
            Actor::Other,
        ] {
            assert_eq!(
                transition(S::Completed, Action::Rate, actor),
                Err(OrderRefusal::NotAllowed)
            );
            assert_eq!(
                transition(S::Submitted, Action::Cancel, actor),
                Err(OrderRefusal::NotAllowed)
            );
        }
        for action in [
            Action::Accept,
            Action::Decline,
            Action::Start,
            Action::Complete,
            Action::Claim,
        ] {
            assert_eq!(
                transition(S::Dispatched, action, Actor::Owner),
                Err(OrderRefusal::NotAllowed)
            );
            assert_eq!(
                transition(S::Dispatched, action, Actor::Staff),
                Err(OrderRefusal::NotAllowed)
            );
            assert_eq!(
                transition(S::Dispatched, action, Actor::Other),
                Err(OrderRefusal::NotAllowed)
            );
        }
        assert_eq!(
            transition(S::Completed, Action::Close, Actor::Owner),
            Err(OrderRefusal::NotAllowed)
        );
    }

    #[test]
    fn rating_twice_or_too_early_is_refused() {
        assert_eq!(
            transition(S::Rated, Action::Rate, Actor::Owner),
            Err(OrderRefusal::AlreadyRated)
        );
        for status in [S::Submitted, S::Dispatched, S::Accepted, S::InProgress] {
            assert_eq!(
                transition(status, Action::Rate, Actor::Owner),
                Err(OrderRefusal::NotCompleted)
            );
        }
        assert_eq!(
            transition(S::Closed, Action::Rate, Actor::Owner),
            Err(OrderRefusal::Finished)
        );
        assert_eq!(
            transition(S::Cancelled, Action::Rate, Actor::Owner),
            Err(OrderRefusal::Finished)
        );
    }

    #[test]
    fn a_volunteer_cannot_act_on_someone_elses_order() {
        for action in [
            Action::Accept,
            Action::Decline,
            Action::Start,
            Action::Complete,
            Action::Claim,
        ] {
            for status in [S::Dispatched, S::Accepted, S::InProgress] {
                assert_eq!(
                    transition(status, action, Actor::Volunteer),
                    Err(OrderRefusal::AssignedToOther),
                    "{action:?} {status:?}"
                );
            }
        }
    }

    #[test]
    fn cancelling_after_acceptance_is_refused() {
        for status in [S::Accepted, S::InProgress, S::Completed] {
            assert_eq!(
                transition(status, Action::Cancel, Actor::Owner),
                Err(OrderRefusal::AlreadyAccepted)
            );
        }
        assert_eq!(
            transition(S::Cancelled, Action::Cancel, Actor::Owner),
            Err(OrderRefusal::Finished)
        );
    }

    #[test]
    fn steps_out_of_order_name_the_status() {
        assert_eq!(
            transition(S::Dispatched, Action::Start, Actor::Assignee),
            Err(OrderRefusal::WrongStatus(S::Dispatched))
        );
        assert_eq!(
            transition(S::Accepted, Action::Complete, Actor::Assignee),
            Err(OrderRefusal::WrongStatus(S::Accepted))
        );
        assert_eq!(
            transition(S::Accepted, Action::Accept, Actor::Assignee),
            Err(OrderRefusal::WrongStatus(S::Accepted))
        );
        assert_eq!(
            transition(S::Submitted, Action::Accept, Actor::Volunteer),
            Err(OrderRefusal::WrongStatus(S::Submitted))
        );
        assert_eq!(
            transition(S::InProgress, Action::Assign, Actor::Staff),
            Err(OrderRefusal::WrongStatus(S::InProgress))
        );
        assert_eq!(
            transition(S::Submitted, Action::Close, Actor::System),
            Err(OrderRefusal::WrongStatus(S::Submitted))
        );
        for action in [
            Action::Assign,
            Action::Start,
            Action::Complete,
            Action::Close,
        ] {
            for status in [S::Rated, S::Closed, S::Cancelled] {
                let actor = match action {
                    Action::Assign => Actor::Staff,
                    Action::Close => Actor::System,
                    _ => Actor::Assignee,
                };
                assert_eq!(
                    transition(status, action, actor),
                    Err(OrderRefusal::Finished)
                );
            }
        }
    }
}
