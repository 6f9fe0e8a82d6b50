//! The member's ledger 积分明细: one line per transaction they are part of, newest first by
//! when the points moved, then by id. Ids alone do not give that order: a history can be written
//! after the fact (the demo's orders hold points dated when they were placed, after later task
//! rewards were written), so the cursor is the last line's (time, id) and a line added between
//! two pages is neither skipped nor repeated.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use linli_api_types::{HoldState, LedgerEntry, LedgerKind, LedgerLink, LedgerLinkKind, LedgerPage};

use crate::features::points::wire::time;
use crate::platform::db::Db;
use crate::platform::error::{AppError, Result};
use crate::platform::ids::UserId;

const CURSOR_PREFIX: &str = "l2.";

/// Where a page starts: just after the line at (`at` epoch ms, `id`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub at: i64,
    pub id: i64,
}

fn encode_cursor(cursor: Cursor) -> String {
    URL_SAFE_NO_PAD.encode(format!("{CURSOR_PREFIX}{}.{}", cursor.at, cursor.id))
}

pub fn decode_cursor(raw: &str) -> Option<Cursor> {
    let bytes = URL_SAFE_NO_PAD.decode(raw.as_bytes()).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let (at, id) = text.strip_prefix(CURSOR_PREFIX)?.split_once('.')?;
    Some(Cursor {
        at: at.parse().ok()?,
        id: id.parse().ok()?,
    })
}

#[derive(sqlx::FromRow)]
struct EntryRow {
    id: i64,
    transaction_id: i64,
    amount: i64,
    balance_after: i64,
    kind: String,
    subject: String,
    minutes: Option<i64>,
    note: Option<String>,
    link_kind: Option<String>,
    link_id: Option<i64>,
    created_at: i64,
    /// On an order's hold: the kind of the transaction that later released or settled it.
    hold_end: Option<String>,
    /// Moved by 代办: the name of the one acting.
    acted_by: Option<String>,
}

impl EntryRow {
    fn entry(self) -> Result<LedgerEntry> {
        let kind = LedgerKind::parse(&self.kind)
            .ok_or_else(|| AppError::internal(format!("ledger kind {}", self.kind)))?;
        let link = match (
            self.link_kind.as_deref().and_then(LedgerLinkKind::parse),
            self.link_id,
        ) {
            (Some(kind), Some(id)) => Some(LedgerLink { kind, id }),
            _ => None,
        };
        Ok(LedgerEntry {
            id: self.id,
            transaction_id: self.transaction_id,
            amount: self.amount,
            balance_after: self.balance_after,
            kind,
            subject: self.subject,
            minutes: self.minutes,
            note: self.note,
            link,
            at: time(self.created_at),
            hold: (kind == LedgerKind::OrderHold).then_some(match self.hold_end.as_deref() {
                Some("order_settle") => HoldState::Settled,
                Some("order_release") => HoldState::Released,
                _ => HoldState::Held,
            }),
            acted_by: self.acted_by,
        })
    }
}

/// A page of `user`'s ledger after the line `after` (from the newest when `None`).
pub async fn page(db: &Db, user: UserId, after: Option<Cursor>, limit: u32) -> Result<LedgerPage> {
    let after = after.unwrap_or(Cursor {
        at: i64::MAX,
        id: i64::MAX,
    });
    // A member's lines are few (hundreds in years), so sorting them needs no index of its own.
    let mut rows: Vec<EntryRow> = sqlx::query_as(&format!(
        "SELECT e.id, e.transaction_id, e.amount, e.balance_after, t.kind, t.subject, t.minutes, \
            t.note, t.link_kind, t.link_id, e.created_at, \
            CASE WHEN t.kind = 'order_hold' THEN \
                (SELECT MIN(s.kind) FROM ledger_transactions s \
                 WHERE s.link_kind = t.link_kind AND s.link_id = t.link_id \
                   AND s.kind IN ('order_settle', 'order_release')) \
            END AS hold_end, p.name AS acted_by \
         FROM ledger_entries e \
         JOIN ledger_accounts a ON a.id = e.account_id \
         JOIN ledger_transactions t ON t.id = e.transaction_id \
         LEFT JOIN users p ON p.id = t.proxy_by \
         WHERE a.owner_key = $1 \
           AND (e.created_at < $2 OR (e.created_at = $2 AND e.id < $3)) \
         ORDER BY e.created_at DESC, e.id DESC LIMIT {}",
        limit + 1
    ))
    .bind(format!("user:{user}"))
    .bind(after.at)
    .bind(after.id)
    .fetch_all(&db.read)
    .await?;
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next_cursor = rows.last().filter(|_| more).map(|last| {
        encode_cursor(Cursor {
            at: last.created_at,
            id: last.id,
        })
    });
    let items = rows
        .into_iter()
        .map(EntryRow::entry)
        .collect::<Result<_>>()?;
    Ok(LedgerPage { items, next_cursor })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ledger_cursors_round_trip() {
        let cursor = Cursor {
            at: 1_764_000_000_000,
            id: 42,
        };
        assert_eq!(decode_cursor(&encode_cursor(cursor)), Some(cursor));
        assert_eq!(decode_cursor("x"), None);
        // The id-only cursors of before stay refused rather than misread.
        assert_eq!(decode_cursor(&URL_SAFE_NO_PAD.encode("l1.42")), None);
    }
}
