//! The paged order lists: the dispatch queue (waiting, dispatched) and a volunteer's lists
//! (assigned, open, done). Each list has a stable order on (key, id), and a page continues
//! strictly after the last item it showed (keyset paging), so orders written meanwhile do not
//! repeat an item or push one out of sight: new orders sort after every existing one in the
//! oldest-first lists and before the cursor in the newest-first one.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use linli_api_types::OrderPage;
use sqlx::{Any, Executor};

use super::row::{OrderRow, ORDER_SELECT};
use crate::platform::error::Result;

/// Which list a page belongs to; the cursor carries it, so `?cursor=` alone names the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    /// Dispatch queue: `submitted`, longest waiting first.
    Waiting,
    /// Dispatch queue: `dispatched`, not accepted yet, longest dispatched first.
    Dispatched,
    /// A volunteer's: assigned to them and not finished, oldest first.
    Assigned,
    /// A volunteer's: open orders of services they offer, not their household's.
    Open,
    /// A volunteer's: completed, rated or closed by them, newest first.
    Done,
}

impl List {
    const ALL: [List; 5] = [
        List::Waiting,
        List::Dispatched,
        List::Assigned,
        List::Open,
        List::Done,
    ];

    fn tag(self) -> &'static str {
        match self {
            List::Waiting => "w",
            List::Dispatched => "d",
            List::Assigned => "a",
            List::Open => "o",
            List::Done => "c",
        }
    }

    /// The column the list is ordered by (then by id), and whether newest first.
    fn key(self) -> (&'static str, bool) {
        match self {
            List::Waiting | List::Open => ("o.waiting_since", false),
            List::Dispatched => ("o.updated_at", false),
            List::Assigned => ("o.created_at", false),
            List::Done => ("o.updated_at", true),
        }
    }

    /// The list's condition; `$1` is the community (queue) or the volunteer (theirs), `$2`
    /// the volunteer's community where needed.
    fn condition(self) -> &'static str {
        match self {
            List::Waiting => "o.community_id = $1 AND o.status = 'submitted'",
            List::Dispatched => "o.community_id = $1 AND o.status = 'dispatched'",
            List::Assigned => {
                "o.volunteer_id = $1 AND o.status IN ('dispatched', 'accepted', 'in_progress')"
            }
            // Never their own household's orders: they may not take them.
            List::Open => {
                "o.status = 'submitted' AND o.community_id = $2 AND o.service_id IN \
                   (SELECT service_id FROM volunteer_services WHERE user_id = $1) \
                 AND o.resident_id <> $1 AND NOT EXISTS (SELECT 1 FROM users me \
                   WHERE me.id = $1 AND me.household_id = r.household_id)"
            }
            List::Done => "o.volunteer_id = $1 AND o.status IN ('completed', 'rated', 'closed')",
        }
    }

    fn uses_community(self) -> bool {
        self == List::Open
    }
}

/// Where a page ended: the list, and the last item's key and id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub list: List,
    pub key: i64,
    pub id: i64,
}

impl Cursor {
    pub fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(format!("o1.{}.{}.{}", self.list.tag(), self.key, self.id))
    }

    pub fn decode(cursor: &str) -> Option<Self> {
        let bytes = URL_SAFE_NO_PAD.decode(cursor.as_bytes()).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let mut parts = text.split('.');
        if parts.next()? != "o1" {
            return None;
        }
        let tag = parts.next()?;
        let cursor = Self {
            list: List::ALL.into_iter().find(|list| list.tag() == tag)?,
            key: parts.next()?.parse().ok()?,
            id: parts.next()?.parse().ok()?,
        };
        parts.next().is_none().then_some(cursor)
    }
}

/// One page of `list` for `subject` (the community for the queue, the volunteer for theirs;
/// `community_id` is the volunteer's community), after `after` when given.
pub(super) async fn page<'e, E>(
    executor: E,
    list: List,
    subject: i64,
    community_id: i64,
    after: Option<Cursor>,
    limit: u32,
) -> Result<OrderPage>
where
    E: Executor<'e, Database = Any>,
{
    let (key, newest_first) = list.key();
    let (direction, beyond) = if newest_first {
        ("DESC", "<")
    } else {
        ("ASC", ">")
    };
    let mut sql = format!("{ORDER_SELECT} WHERE {}", list.condition());
    let mut next_param = if list.uses_community() { 3 } else { 2 };
    if after.is_some() {
        let (k, i) = (next_param, next_param + 1);
        next_param += 2;
        sql.push_str(&format!(
            " AND ({key} {beyond} ${k} OR ({key} = ${k} AND o.id {beyond} ${i}))"
        ));
    }
    sql.push_str(&format!(
        " ORDER BY {key} {direction}, o.id {direction} LIMIT ${next_param}"
    ));
    let mut query = sqlx::query_as::<_, OrderRow>(&sql).bind(subject);
    if list.uses_community() {
        query = query.bind(community_id);
    }
    if let Some(cursor) = after {
        query = query.bind(cursor.key).bind(cursor.id);
    }
    let mut rows = query.bind(i64::from(limit) + 1).fetch_all(executor).await?;
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next_cursor = match rows.last() {
        Some(last) if more => Some(
            Cursor {
                list,
                key: key_of(list, last),
                id: last.id,
            }
            .encode(),
        ),
        _ => None,
    };
    Ok(OrderPage {
        items: rows.iter().map(OrderRow::summary).collect::<Result<_>>()?,
        next_cursor,
    })
}

fn key_of(list: List, row: &OrderRow) -> i64 {
    match list {
        List::Waiting | List::Open => row.waiting_since.unwrap_or_default(),
        List::Dispatched | List::Done => row.updated_at,
        List::Assigned => row.created_at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_refuse_garbage() {
        for list in List::ALL {
            let cursor = Cursor {
                list,
                key: 1_767_000_000_000,
                id: 42,
            };
            assert_eq!(Cursor::decode(&cursor.encode()), Some(cursor));
        }
        for garbage in ["", "abc", "!!!", "o1.w.1.2"] {
            assert_eq!(Cursor::decode(garbage), None, "{garbage}");
        }
        for text in ["o1.w.1.2.3", "o1.w.x.2", "o1.w.1", "o2.w.1.2"] {
            assert_eq!(
                Cursor::decode(&URL_SAFE_NO_PAD.encode(text)),
                None,
                "{text}"
            );
        }
        // Another list's or another resource's cursor does not decode as an order cursor.
        assert_eq!(Cursor::decode(&URL_SAFE_NO_PAD.encode("t1.5.6")), None);
        assert_eq!(Cursor::decode(&URL_SAFE_NO_PAD.encode("o1.x.5.6")), None);
    }
}
