//! The messages of join requests, in the transaction that records or decides them: a request
//! that waits tells the heads it waits for (the reviewers the resident is shown); a decision
//! tells the resident who asked, with the reason of a decline.

use linli_api_types::{MessageKind, MessageSubject, SubjectKind};
use sqlx::AnyConnection;

use crate::features::joining::{home, reviewers};
use crate::features::messages::{notify, NewMessage};
use crate::platform::error::{AppError, Result};

/// "华盛世纪新城 3栋 1单元 1502": the home a request names.
async fn place(conn: &mut AnyConnection, household_id: i64) -> Result<(home::Home, String)> {
    let home = home::of_household(&mut *conn, household_id)
        .await?
        .ok_or_else(|| AppError::internal("join request without its household"))?;
    let place = format!(
        "{} {} {}",
        home.view.building.name, home.view.unit.name, home.view.door
    );
    Ok((home, place))
}

fn subject(request_id: i64) -> MessageSubject {
    MessageSubject {
        kind: SubjectKind::JoinRequest,
        id: request_id,
    }
}

/// 有入户申请待审核: request `request_id` of `user_id` to join `household_id` waits.
pub async fn waiting(
    conn: &mut AnyConnection,
    request_id: i64,
    user_id: i64,
    household_id: i64,
    now: i64,
) -> Result<()> {
    let (home, place) = place(conn, household_id).await?;
    let name: String = sqlx::query_scalar("SELECT name FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_one(&mut *conn)
        .await?;
    let reviewers: Vec<i64> = reviewers::ids(conn, &home.path)
        .await?
        .into_iter()
        .filter(|id| *id != user_id)
        .collect();
    // Asking again for the same home (withdrawing the waiting request and making a new one)
    // tells the heads once, until a head declines it: an applicant cannot flood them.
    let declines: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM join_requests \
         WHERE user_id = $1 AND household_id = $2 AND status = 'declined'",
    )
    .bind(user_id)
    .bind(household_id)
    .fetch_one(&mut *conn)
    .await?;
    let message = NewMessage::new(
        home.path.community_id,
        MessageKind::RegistrationWaiting,
        subject(request_id),
        now,
    )
    .with("name", name)
    .with("place", place)
    .once(format!("join:{user_id}:{household_id}:{declines}"));
    notify(conn, &message, &reviewers).await?;
    Ok(())
}

/// 入户申请已通过 / 未通过 (`declined`: with its reason), to the resident who asked.
pub async fn decided(
    conn: &mut AnyConnection,
    request_id: i64,
    user_id: i64,
    household_id: i64,
    declined: Option<&str>,
    now: i64,
) -> Result<()> {
    let (home, place) = place(conn, household_id).await?;
    let kind = match declined {
        None => MessageKind::RegistrationApproved,
        Some(_) => MessageKind::RegistrationDeclined,
    };
    let mut message = NewMessage::new(home.path.community_id, kind, subject(request_id), now)
        .with("place", place);
    if let Some(reason) = declined {
        message = message.with("reason", reason);
    }
    notify(conn, &message, &[user_id]).await?;
    Ok(())
}
