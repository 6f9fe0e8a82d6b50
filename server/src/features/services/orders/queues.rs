//! The paged lists of orders that work is taken from: the dispatch queue (staff) and a
//! volunteer's own lists. Each answer holds the first page of every list, or with a cursor
//! the next page of that cursor's list only.

use linli_api_types::{
    DispatchQueue, OrderPage, Role, VolunteerOrders, ORDER_PAGE_DEFAULT, ORDER_PAGE_MAX,
};

use super::close::close_overdue;
use super::pages::{page, Cursor, List};
use crate::platform::auth::{AuthUser, PlacePath};
use crate::platform::db::Db;
use crate::platform::error::{AppError, FieldIssue, Result, Rule};

/// `?cursor=&limit=` as given, still text so a bad value is a field error.
pub struct PageAsked {
    pub cursor: Option<String>,
    pub limit: Option<String>,
}

/// 中心派单 for staff of `auth`'s community (403 otherwise): orders waiting for a volunteer,
/// longest waiting first, and those dispatched but not accepted. `asked` is the query as read
/// (a query that could not be read is refused after the role is checked).
pub async fn dispatch_queue(
    db: &Db,
    auth: &AuthUser,
    asked: Result<PageAsked>,
    now: i64,
) -> Result<DispatchQueue> {
    let community = auth.community_id;
    auth.require(auth.covers(Role::Staff, &PlacePath::community(community)))?;
    let (limit, cursor) = checked(asked?)?;
    close_overdue(db, now).await?;
    let queue = |list| list_page(db, list, community, community, limit, cursor);
    Ok(DispatchQueue {
        waiting: queue(List::Waiting).await?,
        dispatched: queue(List::Dispatched).await?,
    })
}

/// 志愿者接单 for a volunteer (403 otherwise): orders assigned to them, open orders of their
/// services (never their own household's), and what they completed.
pub async fn volunteer_orders(
    db: &Db,
    auth: &AuthUser,
    asked: Result<PageAsked>,
    now: i64,
) -> Result<VolunteerOrders> {
    auth.require(auth.is_volunteer)?;
    let (limit, cursor) = checked(asked?)?;
    close_overdue(db, now).await?;
    let theirs = |list| list_page(db, list, auth.user_id, auth.community_id, limit, cursor);
    Ok(VolunteerOrders {
        assigned: theirs(List::Assigned).await?,
        open: theirs(List::Open).await?,
        done: theirs(List::Done).await?,
    })
}

/// The page size and the cursor asked for, or 422 at `limit` / `cursor`.
fn checked(asked: PageAsked) -> Result<(u32, Option<Cursor>)> {
    let mut issues = Vec::new();
    let limit = match asked.limit.as_deref() {
        None => ORDER_PAGE_DEFAULT,
        Some(raw) => match raw.parse::<u32>() {
            Ok(limit) if (1..=ORDER_PAGE_MAX).contains(&limit) => limit,
            _ => {
                issues.push(FieldIssue::new(
                    "limit",
                    Rule::OutOfRange {
                        min: 1,
                        max: i64::from(ORDER_PAGE_MAX),
                    },
                ));
                ORDER_PAGE_DEFAULT
            }
        },
    };
    let cursor = match asked.cursor.as_deref() {
        None | Some("") => None,
        Some(raw) => {
            let cursor = Cursor::decode(raw);
            if cursor.is_none() {
                issues.push(FieldIssue::new("cursor", Rule::BadFormat));
            }
            cursor
        }
    };
    if issues.is_empty() {
        Ok((limit, cursor))
    } else {
        Err(AppError::Validation(issues))
    }
}

/// The first page of `list`, or the next after `cursor` when it is that list's; an empty page
/// when the cursor is another list's.
async fn list_page(
    db: &Db,
    list: List,
    subject: i64,
    community_id: i64,
    limit: u32,
    cursor: Option<Cursor>,
) -> Result<OrderPage> {
    match cursor {
        Some(cursor) if cursor.list != list => Ok(OrderPage::default()),
        after => page(&db.read, list, subject, community_id, after, limit).await,
    }
}
