//! 积分管理's audit (issue 15): every staff correction, whatever became of it, and every credit
//! above the community's threshold from any other source, newest first, each with who made it
//! happen and who approved; and the points created this month by source.
//!
//! "Created" means credited to a member by the community's fund (`fund:<id>`, the issuer, see
//! `ledger.rs`): task rewards, service rewards, correction credits, opening grants. Points that
//! move between members and the held account (order holds, releases) are not created.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use linli_api_types::{
    AuditItem, AuditKind, AuditPerson, CorrectionStatus, LedgerKind, LedgerLink, LedgerLinkKind,
    MonthCreated, PointsSource, SourceTotal,
};

use crate::db::{time, Db};
use crate::error::{AppError, Result};


/// Where a page ends: the last line's time, kind rank and id (the list's order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub at: i64,
    pub rank: i64,
    pub id: i64,
}

pub fn encode_cursor(cursor: Cursor) -> String {
    URL_SAFE_NO_PAD.encode(format!("a1.{}.{}.{}", cursor.at, cursor.rank, cursor.id))
}

pub fn decode_cursor(raw: &str) -> Option<Cursor> {
    let bytes = URL_SAFE_NO_PAD.decode(raw.as_bytes()).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let mut parts = text.strip_prefix("a1.")?.split('.');
    let cursor = Cursor {
        at: parts.next()?.parse().ok()?,
        rank: parts.next()?.parse().ok()?,
        id: parts.next()?.parse().ok()?,
    };
    parts.next().is_none().then_some(cursor)
}

#[derive(sqlx::FromRow)]
struct ItemRow {
    item_kind: String,
    id: i64,
    at: i64,
    src_rank: i64,
    member_id: i64,
    member_name: String,
    amount: i64,
    ledger_kind: String,
    subject: String,
    note: Option<String>,
    status: String,
    actor_id: Option<i64>,
    actor_name: Option<String>,
    approver_id: Option<i64>,
    approver_name: Option<String>,
    link_kind: Option<String>,
    link_id: Option<i64>,
}

/// Corrections rank 1 and credits 0 among lines of the same millisecond.
const ITEMS_SQL: &str = "SELECT * FROM ( \
    SELECT 'correction' AS item_kind, c.id, c.requested_at AS at, CAST(1 AS BIGINT) AS src_rank, \
        c.user_id AS member_id, m.name AS member_name, c.amount, 'correction' AS ledger_kind, \
        '' AS subject, c.reason AS note, c.status, c.requested_by AS actor_id, \
        r.name AS actor_name, c.decided_by AS approver_id, d.name AS approver_name, \
        CAST(NULL AS TEXT) AS link_kind, CAST(NULL AS BIGINT) AS link_id \
    FROM point_corrections c \
    JOIN users m ON m.id = c.user_id \
    JOIN users r ON r.id = c.requested_by \
    LEFT JOIN users d ON d.id = c.decided_by \
    WHERE c.community_id = $1 \
    UNION ALL \
    SELECT 'credit', t.id, t.created_at, CAST(0 AS BIGINT), a.user_id, m.name, e.amount, \
        t.kind, t.subject, t.note, 'posted', t.actor_id, u.name, CAST(NULL AS BIGINT), \
        CAST(NULL AS TEXT), t.link_kind, t.link_id \
    FROM ledger_transactions t \
    JOIN ledger_entries e ON e.transaction_id = t.id \
    JOIN ledger_accounts a ON a.id = e.account_id \
    JOIN users m ON m.id = a.user_id \
    LEFT JOIN users u ON u.id = t.actor_id \
    WHERE t.community_id = $1 AND t.kind <> 'correction' AND e.amount > $2 \
        AND EXISTS (SELECT 1 FROM ledger_entries f \
            JOIN ledger_accounts fa ON fa.id = f.account_id \
            WHERE f.transaction_id = t.id AND fa.owner_key = $3) \
    ) x \
    WHERE x.at < $4 OR (x.at = $4 AND x.src_rank < $5) \
        OR (x.at = $4 AND x.src_rank = $5 AND x.id < $6) \
    ORDER BY x.at DESC, x.src_rank DESC, x.id DESC";

fn person(id: Option<i64>, name: Option<String>) -> Option<AuditPerson> {
    Some(AuditPerson {
        id: id?,
        name: name.unwrap_or_default(),
    })
}

/// A page of the community's audit lines after `after`, and the cursor of the next page.
pub async fn items(
    db: &Db,
    community_id: i64,
    threshold: i64,
    after: Option<Cursor>,
    limit: u32,
) -> Result<(Vec<AuditItem>, Option<String>)> {
    let after = after.unwrap_or(Cursor {
        at: i64::MAX,
        rank: i64::MAX,
        id: i64::MAX,
    });
    let mut rows: Vec<ItemRow> = sqlx::query_as(&format!("{ITEMS_SQL} LIMIT {}", limit + 1))
        .bind(community_id)
        .bind(threshold)
        .bind(format!("fund:{community_id}"))
        .bind(after.at)
        .bind(after.rank)
        .bind(after.id)
        .fetch_all(&db.read)
        .await?;
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next = rows.last().filter(|_| more).map(|last| {
        encode_cursor(Cursor {
            at: last.at,
            rank: last.src_rank,
            id: last.id,
        })
    });
    let items = rows
        .into_iter()
        .map(|row| {
            let kind = match row.item_kind.as_str() {
                "correction" => AuditKind::Correction,
                _ => AuditKind::Credit,
            };
            let ledger_kind = LedgerKind::parse(&row.ledger_kind)
                .ok_or_else(|| AppError::internal(format!("ledger kind {}", row.ledger_kind)))?;
            let status = CorrectionStatus::parse(&row.status)
                .ok_or_else(|| AppError::internal(format!("correction status {}", row.status)))?;
            let link = match (
                row.link_kind.as_deref().and_then(LedgerLinkKind::parse),
                row.link_id,
            ) {
                (Some(kind), Some(id)) => Some(LedgerLink { kind, id }),
                _ => None,
            };
            Ok(AuditItem {
                kind,
                id: row.id,
                at: time(row.at),
                member: AuditPerson {
                    id: row.member_id,
                    name: row.member_name,
                },
                amount: row.amount,
                ledger_kind,
                subject: row.subject,
                note: row.note,
                status,
                actor: person(row.actor_id, row.actor_name),
                approver: person(row.approver_id, row.approver_name),
                link,
            })
        })
        .collect::<Result<_>>()?;
    Ok((items, next))
}

#[derive(sqlx::FromRow)]
struct SourceRow {
    kind: String,
    points: i64,
    count: i64,
}

/// Credits (and correction debits) between the fund and members since `since`, by kind.
const BY_KIND_SQL: &str = "SELECT t.kind, CAST(COALESCE(SUM(e.amount), 0) AS BIGINT) AS points, \
        CAST(COUNT(*) AS BIGINT) AS count \
    FROM ledger_transactions t \
    JOIN ledger_entries e ON e.transaction_id = t.id \
    JOIN ledger_accounts a ON a.id = e.account_id \
    JOIN ledger_entries f ON f.transaction_id = t.id AND f.id <> e.id \
    JOIN ledger_accounts fa ON fa.id = f.account_id \
    WHERE t.community_id = $1 AND t.created_at >= $2 AND a.user_id IS NOT NULL \
        AND fa.owner_key = $3 AND e.amount";

/// Points created since `since` (the month's start), by source, largest first.
pub async fn month_created(db: &Db, community_id: i64, since: i64) -> Result<MonthCreated> {
    let fund = format!("fund:{community_id}");
    let credits: Vec<SourceRow> = sqlx::query_as(&format!("{BY_KIND_SQL} > 0 GROUP BY t.kind"))
        .bind(community_id)
        .bind(since)
        .bind(&fund)
        .fetch_all(&db.read)
        .await?;
    let debits: Vec<SourceRow> = sqlx::query_as(&format!(
        "{BY_KIND_SQL} < 0 AND t.kind = 'correction' GROUP BY t.kind"
    ))
    .bind(community_id)
    .bind(since)
    .bind(&fund)
    .fetch_all(&db.read)
    .await?;
    let mut sources: Vec<SourceTotal> = [
        PointsSource::Tasks,
        PointsSource::Orders,
        PointsSource::Corrections,
        PointsSource::Opening,
        PointsSource::Other,
    ]
    .into_iter()
    .map(|source| SourceTotal {
        source,
        points: 0,
        count: 0,
    })
    .collect();
    for row in credits {
        let source = LedgerKind::parse(&row.kind).map_or(PointsSource::Other, PointsSource::of);
        if let Some(total) = sources.iter_mut().find(|total| total.source == source) {
            total.points += row.points;
            total.count += row.count;
        }
    }
    // Stable: equal totals keep the order above.
    sources.sort_by_key(|total| std::cmp::Reverse(total.points));
    Ok(MonthCreated {
        since: time(since),
        total: sources.iter().map(|total| total.points).sum(),
        sources,
        corrected_down: debits.iter().map(|row| -row.points).sum(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_refuse_anything_else() {
        let cursor = Cursor {
            at: 1_796_068_800_000,
            rank: 1,
            id: 42,
        };
        assert_eq!(decode_cursor(&encode_cursor(cursor)), Some(cursor));
        assert_eq!(decode_cursor("x"), None);
        assert_eq!(decode_cursor(&URL_SAFE_NO_PAD.encode("a1.1.2")), None);
        assert_eq!(decode_cursor(&URL_SAFE_NO_PAD.encode("a1.1.2.3.4")), None);
    }
}
