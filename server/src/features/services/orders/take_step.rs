//! Taking a step on an order: the one path every step follows, whether a member asks for it or
//! the server takes it (closing after the rating window, sending back a removed volunteer's
//! orders). The state machine decides; the facts it does not know are checked beside it; the
//! order's columns are written guarded by the version read, with the timeline event and the
//! points, in the caller's transaction.

use linli_api_types::{Order, OrderActorRole, OrderEventKind};
use sqlx::AnyConnection;

use super::events::add_event_by;
use super::messages;
use super::payment;
use super::row::{load, write_if_unchanged, OrderRow};
use super::state::{self, Action, Actor};
use super::steps::Step;
use super::view::{detail, format_tags};
use super::viewer::OrderViewer;
use crate::features::community::members;
use crate::features::services::menu::offers;
use crate::features::services::refusals::{self, OrderRefusal};
use crate::platform::auth::AuthUser;
use crate::platform::db::Backend;
use crate::platform::error::{AppError, Result};
use crate::platform::ids::{CommunityId, OrderId, ServiceId, UserId};

/// Who takes a step.
#[derive(Clone, Copy)]
pub enum By<'a> {
    /// A signed-in member, by request; `backend` says how to lock the volunteer flag an
    /// assignment reads.
    Member {
        viewer: &'a OrderViewer,
        backend: Backend,
    },
    /// The server itself.
    System,
}

/// `auth` takes `step` on order `id`: 404 unless they may see it (volunteers of the service
/// reach its orders, to be told "assigned to someone else"), then [`take_step`]. Answers the
/// order as they see it after the step.
pub async fn take(
    tx: &mut AnyConnection,
    backend: Backend,
    mut auth: AuthUser,
    id: OrderId,
    step: Step,
    now: i64,
) -> Result<Order> {
    if matches!(
        step.action(),
        Action::Accept | Action::Decline | Action::Claim | Action::Start | Action::Complete
    ) {
        // Read (and on PostgreSQL share-lock) the flag in this transaction, so a step racing
        // the flag's removal either ends before it (and its order is sent back) or sees it.
        auth.is_volunteer = members::volunteer_flag(tx, backend, auth.user_id).await?;
    }
    let viewer = OrderViewer::of(&mut *tx, auth).await?;
    let row = load(&mut *tx, id.get())
        .await?
        .filter(|row| viewer.can_see(row) || viewer.offers(row))
        .ok_or(AppError::NotFound)?;
    let by = By::Member {
        viewer: &viewer,
        backend,
    };
    take_step(tx, by, &row, step, now).await??;
    detail(tx, &viewer, id.get()).await
}

/// Takes `step` on `row` (as read in `tx`) by `by`: the order's columns, its timeline event
/// and its points. `Ok(Err(refusal))` when the state machine or the facts beside it refuse,
/// or someone wrote the order since it was read ([`OrderRefusal::Changed`]); nothing is
/// written then, and the caller decides: a request answers the refusal, the server passes
/// over the order or reads it again.
pub async fn take_step(
    tx: &mut AnyConnection,
    by: By<'_>,
    row: &OrderRow,
    step: Step,
    now: i64,
) -> Result<Result<(), OrderRefusal>> {
    let action = step.action();
    let status = row.status()?;
    let decided = match by {
        By::Member { viewer, .. } => viewer.check(row, status, action),
        By::System => state::transition(status, action, Actor::System),
    };
    let next_status = match decided {
        Ok(next_status) => next_status,
        Err(refusal) => return Ok(Err(refusal)),
    };
    // Who the timeline names: the member by their part in the step; the server by nobody,
    // or by the staff member whose change made it recall.
    let actor = match (by, &step) {
        (_, Step::Recall { by }) => Some((by.get(), OrderActorRole::Staff)),
        (By::Member { viewer, .. }, _) => Some((viewer.auth.user_id, role_in(action))),
        (By::System, _) => None,
    };
    let me = actor.map(|(id, _)| id);
    // In a 代办 session, the head or staff member acting for the member.
    let proxy_by = match by {
        By::Member { viewer, .. } => viewer.auth.proxy_by,
        By::System => None,
    };
    let mut next = row.clone();
    next.status = next_status.as_str().into();
    next.updated_at = now;
    let (kind, note) = match step {
        Step::Assign { volunteer } => {
            let By::Member { backend, .. } = by else {
                return Err(AppError::internal("an assignment without staff"));
            };
            let name = assignee_name(tx, backend, row, volunteer).await?;
            next.volunteer_id = Some(volunteer.get());
            next.waiting_since = None;
            let kind = if row.volunteer_id.is_some() {
                OrderEventKind::Reassigned
            } else {
                OrderEventKind::Dispatched
            };
            (kind, Some(name))
        }
        Step::Accept => (OrderEventKind::Accepted, None),
        Step::Claim => {
            next.volunteer_id = me;
            next.waiting_since = None;
            (OrderEventKind::Claimed, None)
        }
        Step::Decline { reason } => {
            next.volunteer_id = None;
            next.waiting_since = Some(now);
            (OrderEventKind::Declined, Some(reason))
        }
        Step::Start => {
            next.started_at = Some(now);
            (OrderEventKind::Started, None)
        }
        Step::Complete { note } => {
            next.completed_at = Some(now);
            next.completion_note = note.clone();
            (OrderEventKind::Completed, note)
        }
        Step::Rate {
            stars,
            tags,
            comment,
        } => {
            next.rating_stars = Some(i64::from(stars));
            next.rating_tags = Some(format_tags(&tags));
            next.rating_comment = Some(comment);
            next.rated_at = Some(now);
            next.finished_at = Some(now);
            (OrderEventKind::Rated, None)
        }
        Step::Cancel => {
            next.waiting_since = None;
            next.finished_at = Some(now);
            (OrderEventKind::Cancelled, None)
        }
        Step::Close => {
            next.finished_at = Some(now);
            (OrderEventKind::Closed, None)
        }
        Step::Recall { .. } => {
            next.volunteer_id = None;
            next.started_at = None;
            next.waiting_since = Some(now);
            (OrderEventKind::Recalled, None)
        }
    };
    if !write_if_unchanged(tx, row, &next).await? {
        return Ok(Err(OrderRefusal::Changed));
    }
    add_event_by(tx, row.id, kind, actor, note.as_deref(), now, proxy_by).await?;
    messages::tell(tx, row, &next, kind, me, now).await?;
    match action {
        Action::Rate | Action::Close => payment::settle_by(tx, &next, me, proxy_by).await?,
        Action::Cancel => payment::release_by(tx, row, me, proxy_by).await?,
        _ => {}
    }
    Ok(Ok(()))
}

/// The part a member plays in `action`, as the timeline names it.
fn role_in(action: Action) -> OrderActorRole {
    match action {
        Action::Assign => OrderActorRole::Staff,
        Action::Rate | Action::Cancel => OrderActorRole::Resident,
        Action::Accept | Action::Decline | Action::Claim | Action::Start | Action::Complete => {
            OrderActorRole::Volunteer
        }
        // The server's own steps: the state machine refuses them to members.
        Action::Close | Action::Recall => OrderActorRole::System,
    }
}

/// The name of `volunteer` if they may be assigned `row`: a volunteer (the flag share-locked
/// against its removal, see `community::members::volunteer_flag`) offering its service, not
/// of the household that placed it. 422 at `volunteer_id` otherwise.
async fn assignee_name(
    tx: &mut AnyConnection,
    backend: Backend,
    row: &OrderRow,
    volunteer: UserId,
) -> Result<String> {
    let is_volunteer = members::volunteer_flag(tx, backend, volunteer.get()).await?;
    let offering = is_volunteer
        && offers(
            &mut *tx,
            volunteer,
            ServiceId(row.service_id),
            CommunityId(row.community_id),
        )
        .await?;
    if !offering {
        return Err(AppError::Validation(vec![
            refusals::volunteer_not_offering(),
        ]));
    }
    let (name, household): (String, Option<i64>) =
        sqlx::query_as("SELECT name, household_id FROM users WHERE id = $1")
            .bind(volunteer.get())
            .fetch_one(&mut *tx)
            .await?;
    // Nobody earns from their own household's order.
    let own = volunteer.get() == row.resident_id
        || (household.is_some() && household == row.resident_household_id);
    if own {
        return Err(AppError::Validation(vec![
            refusals::volunteer_of_own_household(),
        ]));
    }
    // Whoever placed it by 代办 counts as the resident: they may not earn from it either.
    if row.proxy_by == Some(volunteer.get()) {
        return Err(AppError::Validation(vec![
            refusals::volunteer_placed_by_proxy(),
        ]));
    }
    Ok(name)
}
