//! The member's ledger 积分明细, newest first: one line per transaction they are part of.

use linli_api_types::{LedgerEntry, LedgerKind, LedgerLink, LedgerLinkKind, LedgerPage};

use crate::features::points::wire::{decode_id_cursor, encode_id_cursor, time};
use crate::platform::db::Db;
use crate::platform::error::{AppError, Result};
use crate::platform::ids::UserId;

const CURSOR_PREFIX: &str = "l1.";

pub fn decode_cursor(raw: &str) -> Option<i64> {
    decode_id_cursor(CURSOR_PREFIX, raw)
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
        })
    }
}

/// A page of `user`'s ledger before the entry `before`, newest first.
pub async fn page(db: &Db, user: UserId, before: Option<i64>, limit: u32) -> Result<LedgerPage> {
    let mut rows: Vec<EntryRow> = sqlx::query_as(&format!(
        "SELECT e.id, e.transaction_id, e.amount, e.balance_after, t.kind, t.subject, t.minutes, \
            t.note, t.link_kind, t.link_id, e.created_at \
         FROM ledger_entries e \
         JOIN ledger_accounts a ON a.id = e.account_id \
         JOIN ledger_transactions t ON t.id = e.transaction_id \
         WHERE a.owner_key = $1 AND e.id < $2 ORDER BY e.id DESC LIMIT {}",
        limit + 1
    ))
    .bind(format!("user:{user}"))
    .bind(before.unwrap_or(i64::MAX))
    .fetch_all(&db.read)
    .await?;
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next_cursor = rows
        .last()
        .filter(|_| more)
        .map(|last| encode_id_cursor(CURSOR_PREFIX, last.id));
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
        assert_eq!(
            decode_cursor(&encode_id_cursor(CURSOR_PREFIX, 42)),
            Some(42)
        );
        assert_eq!(decode_cursor("x"), None);
    }
}
