//! The 积分 tab over the love bank ledger: balance, hours and stars, the member's ledger, the
//! 爱心超市 rewards and vouchers, the leaderboard, and staff corrections.
//!
//! Redeeming takes one unit of stock with a guarded UPDATE (`stock > 0`) and moves the points
//! with `ledger::transfer` (which refuses an overdraft) in the same transaction, so neither
//! stock nor balance can go below zero however many redemptions race.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use linli_api_types::{
    stars_for_hours, LeaderboardEntry, LeaderboardPeriod, LedgerEntry, LedgerKind, LedgerLink,
    LedgerLinkKind, PersonName, PointsSummary, Reward, Voucher, VoucherStatus, LEADERBOARD_SIZE,
    STAR_HOURS,
};
use rand::Rng;
use sqlx::{Any, AnyConnection, Executor};

use crate::db::{time, Db};
use crate::error::{AppError, Result};
use crate::ledger::{self, Account, Memo, Transfer};

/// Voucher code characters: no 0/O, 1/I.
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

pub use crate::shanghai::month_start;

const EARNED_SQL: &str = "FROM ledger_entries e \
    JOIN ledger_accounts a ON a.id = e.account_id \
    JOIN ledger_transactions t ON t.id = e.transaction_id \
    WHERE e.amount > 0 AND t.kind IN ('task_reward', 'service_reward')";

#[derive(sqlx::FromRow)]
struct SummaryRow {
    balance: i64,
    ledger_minutes: i64,
    unpaid_minutes: i64,
    earned_this_month: i64,
}

/// Balance, volunteer hours and stars, and what was earned this month.
pub async fn summary(db: &Db, user_id: i64, now: i64) -> Result<PointsSummary> {
    // One statement of four subqueries: the 积分 tab asks for this often, and each statement
    // is a round trip (PostgreSQL) or a hop to the connection's thread (SQLite).
    let row: SummaryRow = sqlx::query_as(&format!(
        "SELECT \
            CAST(COALESCE((SELECT balance FROM ledger_accounts WHERE owner_key = $1), 0) \
                AS BIGINT) AS balance, \
            (SELECT CAST(COALESCE(SUM(t.minutes), 0) AS BIGINT) {EARNED_SQL} \
                AND a.owner_key = $1) AS ledger_minutes, \
            (SELECT CAST(COALESCE(SUM(e.minutes), 0) AS BIGINT) FROM task_enrollments e \
                JOIN tasks t ON t.id = e.task_id \
                WHERE e.user_id = $2 AND e.status = 'completed' AND t.points = 0) \
                AS unpaid_minutes, \
            (SELECT CAST(COALESCE(SUM(e.amount), 0) AS BIGINT) {EARNED_SQL} \
                AND a.owner_key = $1 AND e.created_at >= $3) AS earned_this_month"
    ))
    .bind(format!("user:{user_id}"))
    .bind(user_id)
    .bind(month_start(now))
    .fetch_one(&db.read)
    .await?;
    let SummaryRow {
        balance,
        ledger_minutes,
        // Tasks worth no points leave no ledger entry; their hours still count.
        unpaid_minutes,
        earned_this_month,
    } = row;
    let volunteer_minutes = ledger_minutes + unpaid_minutes;
    let volunteer_hours = u32::try_from(volunteer_minutes / 60).unwrap_or(u32::MAX);
    Ok(PointsSummary {
        balance,
        volunteer_minutes,
        volunteer_hours,
        stars: stars_for_hours(volunteer_hours),
        hours_to_next_star: STAR_HOURS
            .iter()
            .find(|&&h| h > volunteer_hours)
            .map(|h| h - volunteer_hours),
        earned_this_month,
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
}

pub fn encode_cursor(id: i64) -> String {
    URL_SAFE_NO_PAD.encode(format!("l1.{id}"))
}

pub fn decode_cursor(raw: &str) -> Option<i64> {
    let bytes = URL_SAFE_NO_PAD.decode(raw.as_bytes()).ok()?;
    String::from_utf8(bytes)
        .ok()?
        .strip_prefix("l1.")?
        .parse()
        .ok()
}

/// The member's ledger, newest first.
pub async fn ledger_page(
    db: &Db,
    user_id: i64,
    before: Option<i64>,
    limit: u32,
) -> Result<(Vec<LedgerEntry>, Option<String>)> {
    let mut rows: Vec<EntryRow> = sqlx::query_as(&format!(
        "SELECT e.id, e.transaction_id, e.amount, e.balance_after, t.kind, t.subject, t.minutes, \
            t.note, t.link_kind, t.link_id, e.created_at \
         FROM ledger_entries e \
         JOIN ledger_accounts a ON a.id = e.account_id \
         JOIN ledger_transactions t ON t.id = e.transaction_id \
         WHERE a.owner_key = $1 AND e.id < $2 ORDER BY e.id DESC LIMIT {}",
        limit + 1
    ))
    .bind(format!("user:{user_id}"))
    .bind(before.unwrap_or(i64::MAX))
    .fetch_all(&db.read)
    .await?;
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next = rows
        .last()
        .filter(|_| more)
        .map(|last| encode_cursor(last.id));
    let items = rows
        .into_iter()
        .map(|row| {
            let kind = LedgerKind::parse(&row.kind)
                .ok_or_else(|| AppError::internal(format!("ledger kind {}", row.kind)))?;
            let link = match (
                row.link_kind.as_deref().and_then(LedgerLinkKind::parse),
                row.link_id,
            ) {
                (Some(kind), Some(id)) => Some(LedgerLink { kind, id }),
                _ => None,
            };
            Ok(LedgerEntry {
                id: row.id,
                transaction_id: row.transaction_id,
                amount: row.amount,
                balance_after: row.balance_after,
                kind,
                subject: row.subject,
                minutes: row.minutes,
                note: row.note,
                link,
                at: time(row.created_at),
            })
        })
        .collect::<Result<_>>()?;
    Ok((items, next))
}

#[derive(sqlx::FromRow)]
struct RewardRow {
    id: i64,
    name: String,
    description: String,
    points: i64,
    stock: i64,
}

impl From<RewardRow> for Reward {
    fn from(row: RewardRow) -> Self {
        Reward {
            id: row.id,
            name: row.name,
            description: row.description,
            points: row.points,
            stock: row.stock,
        }
    }
}

/// The community's 爱心超市 catalogue, in its order.
pub async fn rewards(db: &Db, community_id: i64) -> Result<Vec<Reward>> {
    let rows: Vec<RewardRow> = sqlx::query_as(
        "SELECT id, name, description, points, stock FROM rewards WHERE community_id = $1 \
         ORDER BY sort, id",
    )
    .bind(community_id)
    .fetch_all(&db.read)
    .await?;
    Ok(rows.into_iter().map(Reward::from).collect())
}

#[derive(sqlx::FromRow)]
pub struct VoucherRow {
    pub id: i64,
    pub code: String,
    pub reward_id: i64,
    pub reward_name: String,
    pub points: i64,
    pub user_id: i64,
    pub community_id: i64,
    pub holder_name: String,
    pub issued_at: i64,
    pub used_at: Option<i64>,
}

impl VoucherRow {
    pub fn voucher(&self) -> Voucher {
        Voucher {
            id: self.id,
            code: self.code.clone(),
            reward_id: self.reward_id,
            reward_name: self.reward_name.clone(),
            points: self.points,
            status: if self.used_at.is_some() {
                VoucherStatus::Used
            } else {
                VoucherStatus::Issued
            },
            holder_name: self.holder_name.clone(),
            issued_at: time(self.issued_at),
            used_at: self.used_at.map(time),
        }
    }
}

const VOUCHER_SELECT: &str = "SELECT v.id, v.code, v.reward_id, v.reward_name, v.points, \
    v.user_id, v.community_id, u.name AS holder_name, v.issued_at, v.used_at \
    FROM vouchers v JOIN users u ON u.id = v.user_id";

pub async fn voucher_by_code<'e, E>(executor: E, code: &str) -> Result<Option<VoucherRow>>
where
    E: Executor<'e, Database = Any>,
{
    Ok(
        sqlx::query_as(&format!("{VOUCHER_SELECT} WHERE v.code = $1"))
            .bind(normalize_code(code))
            .fetch_optional(executor)
            .await?,
    )
}

pub async fn vouchers_of(db: &Db, user_id: i64) -> Result<Vec<Voucher>> {
    let rows: Vec<VoucherRow> = sqlx::query_as(&format!(
        "{VOUCHER_SELECT} WHERE v.user_id = $1 ORDER BY v.issued_at DESC, v.id DESC"
    ))
    .bind(user_id)
    .fetch_all(&db.read)
    .await?;
    Ok(rows.iter().map(VoucherRow::voucher).collect())
}

/// "lx7k 2q9m" → "LX7K-2Q9M": how staff may type a code.
pub fn normalize_code(code: &str) -> String {
    let chars: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if chars.len() == 8 {
        format!("{}-{}", &chars[..4], &chars[4..])
    } else {
        chars
    }
}

pub fn new_code() -> String {
    let mut rng = rand::thread_rng();
    let mut pick = || CODE_ALPHABET[rng.gen_range(0..CODE_ALPHABET.len())] as char;
    let first: String = (0..4).map(|_| pick()).collect();
    let second: String = (0..4).map(|_| pick()).collect();
    format!("{first}-{second}")
}

/// Redeems one unit of the reward for `user_id`: stock first (guarded), then the points
/// (refused beyond the balance). Any refusal leaves the caller's transaction to roll back.
pub async fn redeem(
    tx: &mut AnyConnection,
    community_id: i64,
    user_id: i64,
    reward_id: i64,
    now: i64,
) -> Result<Voucher> {
    let reward: Option<(String, i64)> = sqlx::query_as(
        "UPDATE rewards SET stock = stock - 1 WHERE id = $1 AND community_id = $2 AND stock > 0 \
         RETURNING name, points",
    )
    .bind(reward_id)
    .bind(community_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((name, points)) = reward else {
        let exists: Option<i64> =
            sqlx::query_scalar("SELECT id FROM rewards WHERE id = $1 AND community_id = $2")
                .bind(reward_id)
                .bind(community_id)
                .fetch_optional(&mut *tx)
                .await?;
        return Err(match exists {
            Some(_) => AppError::OutOfStock,
            None => AppError::NotFound,
        });
    };
    ledger::lock_fund(tx, community_id).await?;
    let voucher_id = loop {
        let inserted: Option<i64> = sqlx::query_scalar(
            "INSERT INTO vouchers (code, reward_id, user_id, community_id, reward_name, points, \
                issued_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
             ON CONFLICT (code) DO NOTHING RETURNING id",
        )
        .bind(new_code())
        .bind(reward_id)
        .bind(user_id)
        .bind(community_id)
        .bind(&name)
        .bind(points)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(id) = inserted {
            break id;
        }
    };
    ledger::transfer(
        tx,
        &Transfer {
            community_id,
            from: Account::Member(user_id),
            to: Account::Fund(community_id),
            amount: points,
            memo: Memo::new(LedgerKind::Redemption, name).link(LedgerLinkKind::Voucher, voucher_id),
            actor_id: Some(user_id),
        },
    )
    .await?;
    let row: VoucherRow = sqlx::query_as(&format!("{VOUCHER_SELECT} WHERE v.id = $1"))
        .bind(voucher_id)
        .fetch_one(&mut *tx)
        .await?;
    Ok(row.voucher())
}

#[derive(sqlx::FromRow)]
struct EarnerRow {
    user_id: i64,
    name: String,
    points: i64,
}

/// The community's top earners in the period, names masked, and the viewer's own line.
pub async fn leaderboard(
    db: &Db,
    community_id: i64,
    user_id: i64,
    period: LeaderboardPeriod,
    now: i64,
) -> Result<(Vec<LeaderboardEntry>, Option<LeaderboardEntry>)> {
    let since = match period {
        LeaderboardPeriod::Month => month_start(now),
        LeaderboardPeriod::All => i64::MIN,
    };
    let rows: Vec<EarnerRow> = sqlx::query_as(
        "SELECT a.user_id, u.name, CAST(SUM(e.amount) AS BIGINT) AS points \
         FROM ledger_entries e \
         JOIN ledger_accounts a ON a.id = e.account_id \
         JOIN ledger_transactions t ON t.id = e.transaction_id \
         JOIN users u ON u.id = a.user_id \
         WHERE e.amount > 0 AND t.kind IN ('task_reward', 'service_reward') \
            AND t.community_id = $1 AND e.created_at >= $2 \
         GROUP BY a.user_id, u.name ORDER BY points DESC, a.user_id",
    )
    .bind(community_id)
    .bind(since)
    .fetch_all(&db.read)
    .await?;
    let mut entries = Vec::new();
    let mut me = None;
    let mut rank = 0;
    let mut previous = None;
    for (index, row) in rows.iter().enumerate() {
        if previous != Some(row.points) {
            rank = index as i64 + 1;
            previous = Some(row.points);
        }
        let entry = LeaderboardEntry {
            rank,
            name: PersonName::parse(&row.name)
                .map(|name| name.masked())
                .unwrap_or_else(|_| "*".into()),
            points: row.points,
            is_me: row.user_id == user_id,
        };
        if entry.is_me {
            me = Some(entry.clone());
        }
        if entries.len() < LEADERBOARD_SIZE {
            entries.push(entry);
        }
    }
    Ok((entries, me))
}

/// A staff correction: credit (> 0) from or debit (< 0) to the fund, with the reason as the
/// transaction's note and the staff member as its actor. Returns (transaction id, balance).
pub async fn correct(
    tx: &mut AnyConnection,
    community_id: i64,
    user_id: i64,
    amount: i64,
    reason: &str,
    staff_id: i64,
) -> Result<(i64, i64)> {
    ledger::lock_fund(tx, community_id).await?;
    let (from, to) = if amount > 0 {
        (Account::Fund(community_id), Account::Member(user_id))
    } else {
        (Account::Member(user_id), Account::Fund(community_id))
    };
    let transaction_id = ledger::transfer(
        tx,
        &Transfer {
            community_id,
            from,
            to,
            amount: amount.abs(),
            memo: Memo::new(LedgerKind::Correction, "积分更正").note(reason),
            actor_id: Some(staff_id),
        },
    )
    .await?;
    let balance = ledger::balance(&mut *tx, Account::Member(user_id)).await?;
    tracing::info!(
        transaction_id,
        user_id,
        amount,
        staff_id,
        "ledger correction"
    );
    Ok((transaction_id, balance))
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    #[test]
    fn codes_look_like_lx7k_2q9m_and_normalize() {
        let code = new_code();
        assert_eq!(code.len(), 9);
        assert_eq!(&code[4..5], "-");
        assert_eq!(normalize_code(" lx7k 2q9m "), "LX7K-2Q9M");
        assert_eq!(normalize_code("LX7K-2Q9M"), "LX7K-2Q9M");
    }

    #[test]
    fn months_start_at_shanghai_midnight() {
        // 2026-11-30 20:00 UTC is 2026-12-01 04:00 in Shanghai.
        let now = NaiveDate::from_ymd_opt(2026, 11, 30)
            .unwrap()
            .and_hms_opt(20, 0, 0)
            .unwrap()
            .and_utc()
            .timestamp_millis();
        let start = time(month_start(now));
        assert_eq!(start.to_rfc3339(), "2026-11-30T16:00:00+00:00");
    }

    #[test]
    fn ledger_cursors_round_trip() {
        assert_eq!(decode_cursor(&encode_cursor(42)), Some(42));
        assert_eq!(decode_cursor("x"), None);
    }
}
