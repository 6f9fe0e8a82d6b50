//! The love bank 爱心银行 ledger: every movement of points is one transaction of two entries
//! that sum to zero, appended and never changed. A member's balance is the sum of their
//! entries; `ledger_accounts.balance` caches it in the same transaction, which lets one guarded
//! UPDATE refuse an overdraft atomically (SQLite's single writer, PostgreSQL's row lock), so two
//! simultaneous redemptions can never spend the same points.
//!
//! ```ignore
//! let mut tx = state.db.write.begin().await?;
//! ledger::transfer(&mut tx, &Transfer {
//!     community_id,
//!     from: Account::Fund(community_id),
//!     to: Account::Member(user_id),
//!     amount: 20,
//!     memo: Memo::new(LedgerKind::TaskReward, "清理楼道").minutes(120).link(LedgerLinkKind::Task, task_id),
//!     actor_id: Some(organiser_id),
//! }).await?;
//! tx.commit().await?;
//! ```

use linli_api_types::{LedgerKind, LedgerLinkKind};
use sqlx::AnyConnection;

use crate::features::points::refusals::PointsRefusal;
use crate::platform::db::now_ms;
use crate::platform::error::{AppError, Result};

/// Whose points: a member, a community's fund (the issuer), or a community's points held for
/// open service orders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Account {
    Member(i64),
    Fund(i64),
    Held(i64),
}

impl Account {
    fn owner_key(self) -> String {
        match self {
            Account::Member(user_id) => format!("user:{user_id}"),
            Account::Fund(community_id) => format!("fund:{community_id}"),
            Account::Held(community_id) => format!("held:{community_id}"),
        }
    }

    fn user_id(self) -> Option<i64> {
        match self {
            Account::Member(user_id) => Some(user_id),
            _ => None,
        }
    }

    /// Only the fund issues points; members and held points can never go below zero.
    fn may_go_negative(self) -> bool {
        matches!(self, Account::Fund(_))
    }
}

/// What a transaction says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Memo {
    pub kind: LedgerKind,
    pub subject: String,
    pub minutes: Option<i64>,
    pub note: Option<String>,
    pub link: Option<(LedgerLinkKind, i64)>,
    /// Moved in a 代办 session: the head or staff member acting for the member.
    pub proxy_by: Option<i64>,
}

impl Memo {
    pub fn new(kind: LedgerKind, subject: impl Into<String>) -> Self {
        Self {
            kind,
            subject: subject.into(),
            minutes: None,
            note: None,
            link: None,
            proxy_by: None,
        }
    }

    pub fn minutes(mut self, minutes: i64) -> Self {
        self.minutes = Some(minutes);
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    pub fn link(mut self, kind: LedgerLinkKind, id: i64) -> Self {
        self.link = Some((kind, id));
        self
    }

    /// Made in a 代办 session by `proxy_by` (nothing when `None`).
    pub fn by_proxy(mut self, proxy_by: Option<i64>) -> Self {
        self.proxy_by = proxy_by;
        self
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transfer {
    pub community_id: i64,
    pub from: Account,
    pub to: Account,
    /// Points, > 0.
    pub amount: i64,
    pub memo: Memo,
    /// Who made it happen (the organiser, the staff member); `None` for the system.
    pub actor_id: Option<i64>,
}

/// Moves `amount` points, inside the caller's write transaction, and returns the ledger
/// transaction's id. Refuses with `PointsRefusal::InsufficientPoints` when `from` would go below
/// zero; nothing is written then (the guarded UPDATE is the first write).
pub async fn transfer(tx: &mut AnyConnection, transfer: &Transfer) -> Result<i64> {
    transfer_at(tx, transfer, now_ms()).await
}

/// [`transfer`] dated `at` (epoch ms): for seeding a history. Callers keep each account's
/// transfers in time order so `balance_after` reads right.
pub async fn transfer_at(tx: &mut AnyConnection, transfer: &Transfer, at: i64) -> Result<i64> {
    if transfer.amount <= 0 || transfer.from == transfer.to {
        return Err(AppError::internal(format!(
            "invalid ledger transfer: {transfer:?}"
        )));
    }
    // Every movement takes the community's fund first, so on PostgreSQL two transactions that
    // touch the same member accounts always lock in the same order and cannot deadlock.
    lock_fund(tx, transfer.community_id).await?;
    let from = account_id(tx, transfer.community_id, transfer.from).await?;
    let to = account_id(tx, transfer.community_id, transfer.to).await?;
    let now = at;

    let from_balance: Option<i64> = sqlx::query_scalar(
        "UPDATE ledger_accounts SET balance = balance - $1 \
         WHERE id = $2 AND (may_go_negative = 1 OR balance >= $1) RETURNING balance",
    )
    .bind(transfer.amount)
    .bind(from)
    .fetch_optional(&mut *tx)
    .await?;
    let from_balance = from_balance.ok_or(PointsRefusal::InsufficientPoints)?;
    let to_balance: i64 = sqlx::query_scalar(
        "UPDATE ledger_accounts SET balance = balance + $1 WHERE id = $2 RETURNING balance",
    )
    .bind(transfer.amount)
    .bind(to)
    .fetch_one(&mut *tx)
    .await?;

    let memo = &transfer.memo;
    let transaction_id: i64 = sqlx::query_scalar(
        "INSERT INTO ledger_transactions \
         (community_id, kind, subject, minutes, note, link_kind, link_id, actor_id, created_at, \
            proxy_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(transfer.community_id)
    .bind(memo.kind.as_str())
    .bind(&memo.subject)
    .bind(memo.minutes)
    .bind(memo.note.as_deref())
    .bind(memo.link.map(|(kind, _)| kind.as_str()))
    .bind(memo.link.map(|(_, id)| id))
    .bind(transfer.actor_id)
    .bind(now)
    .bind(memo.proxy_by)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO ledger_entries (transaction_id, account_id, amount, balance_after, created_at) \
         VALUES ($1, $2, $3, $4, $5), ($1, $6, $7, $8, $5)",
    )
    .bind(transaction_id)
    .bind(from)
    .bind(-transfer.amount)
    .bind(from_balance)
    .bind(now)
    .bind(to)
    .bind(transfer.amount)
    .bind(to_balance)
    .execute(&mut *tx)
    .await?;
    Ok(transaction_id)
}

/// Locks the community's fund account until `tx` ends (a row lock on PostgreSQL; SQLite has one
/// writer anyway). Writers that will touch the fund and a member's account call it first, so
/// every transaction takes the fund before any member's account and two of them (a reward being
/// credited while the same member redeems) can never wait on each other's rows.
pub async fn lock_fund(tx: &mut AnyConnection, community_id: i64) -> Result<()> {
    let fund = account_id(tx, community_id, Account::Fund(community_id)).await?;
    sqlx::query("UPDATE ledger_accounts SET balance = balance WHERE id = $1")
        .bind(fund)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

/// The account's id, opening it (at zero) on first use.
pub async fn account_id(
    tx: &mut AnyConnection,
    community_id: i64,
    account: Account,
) -> Result<i64> {
    let key = account.owner_key();
    sqlx::query(
        "INSERT INTO ledger_accounts (community_id, owner_key, user_id, may_go_negative) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (owner_key) DO NOTHING",
    )
    .bind(community_id)
    .bind(&key)
    .bind(account.user_id())
    .bind(i64::from(account.may_go_negative()))
    .execute(&mut *tx)
    .await?;
    Ok(
        sqlx::query_scalar("SELECT id FROM ledger_accounts WHERE owner_key = $1")
            .bind(&key)
            .fetch_one(&mut *tx)
            .await?,
    )
}

/// A member's balance (0 before their first entry). Reads the cache, which `transfer` keeps
/// equal to the sum of entries; `sum_of_entries` is there for tests and audits to check that.
pub async fn balance<'e, E>(executor: E, account: Account) -> Result<i64>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let balance: Option<i64> =
        sqlx::query_scalar("SELECT balance FROM ledger_accounts WHERE owner_key = $1")
            .bind(account.owner_key())
            .fetch_optional(executor)
            .await?;
    Ok(balance.unwrap_or(0))
}

pub async fn sum_of_entries<'e, E>(executor: E, account: Account) -> Result<i64>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let sum: Option<i64> = sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(e.amount), 0) AS BIGINT) FROM ledger_entries e \
         JOIN ledger_accounts a ON a.id = e.account_id WHERE a.owner_key = $1",
    )
    .bind(account.owner_key())
    .fetch_optional(executor)
    .await?;
    Ok(sum.unwrap_or(0))
}
