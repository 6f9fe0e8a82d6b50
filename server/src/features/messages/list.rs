//! 消息 list and the bell's figure. A message shows once it is visible (`visible_at <= now`:
//! a reminder held by quiet hours waits) and only when its kind was on (`muted = 0`). Newest
//! first, by keyset on (visible_at, id): a page continues strictly after the last it showed,
//! whatever arrives meanwhile.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use linli_api_types::{MessagePage, UnreadCount, MESSAGE_PAGE_DEFAULT, MESSAGE_PAGE_MAX};
use sqlx::{Any, Executor};

use super::row::{MessageRow, MESSAGE_COLUMNS};
use crate::platform::error::{FieldIssue, Result, Rule};
use crate::platform::lang::Lang;

/// Where a page continues: after the message shown last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub visible_at: i64,
    pub id: i64,
}

/// `?cursor=`: opaque to clients.
pub fn encode_cursor(cursor: Cursor) -> String {
    URL_SAFE_NO_PAD.encode(format!("m1.{}.{}", cursor.visible_at, cursor.id))
}

pub fn decode_cursor(raw: &str) -> Option<Cursor> {
    let bytes = URL_SAFE_NO_PAD.decode(raw.as_bytes()).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let (visible_at, id) = text.strip_prefix("m1.")?.split_once('.')?;
    Some(Cursor {
        visible_at: visible_at.parse().ok()?,
        id: id.parse().ok()?,
    })
}

/// The cursor and page size from the query, or the fields they break.
pub fn params(
    cursor: Option<&str>,
    limit: Option<&str>,
) -> std::result::Result<(Option<Cursor>, u32), Vec<FieldIssue>> {
    let mut issues = Vec::new();
    let limit = match limit {
        None | Some("") => MESSAGE_PAGE_DEFAULT,
        Some(raw) => match raw.parse::<u32>() {
            Ok(limit) if (1..=MESSAGE_PAGE_MAX).contains(&limit) => limit,
            _ => {
                issues.push(FieldIssue::new("limit", Rule::BadFormat));
                MESSAGE_PAGE_DEFAULT
            }
        },
    };
    let cursor = match cursor {
        None | Some("") => None,
        Some(raw) => {
            let cursor = decode_cursor(raw);
            if cursor.is_none() {
                issues.push(FieldIssue::new("cursor", Rule::BadFormat));
            }
            cursor
        }
    };
    if issues.is_empty() {
        Ok((cursor, limit))
    } else {
        Err(issues)
    }
}

/// One page of `user_id`'s messages as of `now`, in `lang`.
pub async fn page<'e, E>(
    executor: E,
    user_id: i64,
    now: i64,
    cursor: Option<Cursor>,
    limit: u32,
    lang: Lang,
) -> Result<MessagePage>
where
    E: Executor<'e, Database = Any> + Copy,
{
    let after = cursor.unwrap_or(Cursor {
        visible_at: i64::MAX,
        id: i64::MAX,
    });
    let sql = format!(
        "SELECT {MESSAGE_COLUMNS} FROM messages \
         WHERE recipient_id = $1 AND muted = 0 AND visible_at <= $2 \
           AND (visible_at < $3 OR (visible_at = $3 AND id < $4)) \
         ORDER BY visible_at DESC, id DESC LIMIT {}",
        limit + 1
    );
    let mut rows: Vec<MessageRow> = sqlx::query_as(&sql)
        .bind(user_id)
        .bind(now)
        .bind(after.visible_at)
        .bind(after.id)
        .fetch_all(executor)
        .await?;
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next_cursor = more
        .then(|| {
            rows.last().map(|row| {
                encode_cursor(Cursor {
                    visible_at: row.visible_at,
                    id: row.id,
                })
            })
        })
        .flatten();
    let items = rows
        .iter()
        .map(|row| row.to_message(lang))
        .collect::<Result<Vec<_>>>()?;
    let unread = unread(executor, user_id, now).await?.unread;
    Ok(MessagePage {
        items,
        next_cursor,
        unread,
    })
}

/// The bell's figure: unread, unmuted, visible messages; and the newest visible message's id
/// (muted ones too: an open page about it refreshes all the same).
pub async fn unread<'e, E>(executor: E, user_id: i64, now: i64) -> Result<UnreadCount>
where
    E: Executor<'e, Database = Any> + Copy,
{
    let unread: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM messages \
         WHERE recipient_id = $1 AND read_at IS NULL AND muted = 0 AND visible_at <= $2",
    )
    .bind(user_id)
    .bind(now)
    .fetch_one(executor)
    .await?;
    let latest_id: Option<i64> = sqlx::query_scalar(
        "SELECT MAX(id) FROM messages WHERE recipient_id = $1 AND visible_at <= $2",
    )
    .bind(user_id)
    .bind(now)
    .fetch_one(executor)
    .await?;
    Ok(UnreadCount {
        unread,
        latest_id: latest_id.unwrap_or(0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_refuse_anything_else() {
        let cursor = Cursor {
            visible_at: 1_796_054_400_000,
            id: 42,
        };
        assert_eq!(decode_cursor(&encode_cursor(cursor)), Some(cursor));
        assert_eq!(decode_cursor("nonsense"), None);
        assert_eq!(decode_cursor(&URL_SAFE_NO_PAD.encode("w1.b.42")), None);
    }

    #[test]
    fn the_limit_is_bounded() {
        assert_eq!(params(None, None).unwrap(), (None, MESSAGE_PAGE_DEFAULT));
        assert_eq!(params(None, Some("50")).unwrap().1, 50);
        for bad in ["0", "51", "x", "-1"] {
            let issues = params(None, Some(bad)).unwrap_err();
            assert_eq!(issues[0].field, "limit");
        }
        assert_eq!(params(Some("zz"), None).unwrap_err()[0].field, "cursor");
    }
}
