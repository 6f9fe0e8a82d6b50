//! Redeeming one unit of a reward for a voucher.
//!
//! The stock is taken with a guarded UPDATE (`stock > 0`) and the points move with
//! `ledger::transfer` (which refuses an overdraft) in the same transaction, so neither stock nor
//! balance can go below zero however many redemptions race.

use linli_api_types::{LedgerKind, LedgerLinkKind, Voucher};
use sqlx::AnyConnection;

use crate::features::points::ledger::{self, Account, Memo, Transfer};
use crate::features::points::refusals::PointsRefusal;
use crate::features::points::rewards::vouchers::{new_code, VoucherRow, VOUCHER_SELECT};
use crate::platform::error::{AppError, Result};
use crate::platform::ids::{CommunityId, UserId};

/// Redeems one unit of reward `reward_id` of `community` for `member`: stock first (guarded),
/// then the points (refused beyond the balance). Any refusal leaves the caller's transaction to
/// roll back.
pub async fn redeem(
    tx: &mut AnyConnection,
    community: CommunityId,
    member: UserId,
    reward_id: i64,
    now: i64,
) -> Result<Voucher> {
    redeem_by(tx, community, member, reward_id, now, None).await
}

/// [`redeem`] in a 代办 session: `proxy_by` acts for `member`; the voucher is still theirs.
pub async fn redeem_by(
    tx: &mut AnyConnection,
    community: CommunityId,
    member: UserId,
    reward_id: i64,
    now: i64,
    proxy_by: Option<i64>,
) -> Result<Voucher> {
    let (community_id, user_id) = (community.get(), member.get());
    let reward: Option<(String, i64)> = sqlx::query_as(
        "UPDATE rewards SET stock = stock - 1 WHERE id = $1 AND community_id = $2 AND stock > 0 \
            AND retired_at IS NULL RETURNING name, points",
    )
    .bind(reward_id)
    .bind(community_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((name, points)) = reward else {
        let retired_at: Option<Option<i64>> = sqlx::query_scalar(
            "SELECT retired_at FROM rewards WHERE id = $1 AND community_id = $2",
        )
        .bind(reward_id)
        .bind(community_id)
        .fetch_optional(&mut *tx)
        .await?;
        return Err(match retired_at {
            Some(Some(_)) => PointsRefusal::Retired.into(),
            Some(None) => PointsRefusal::OutOfStock.into(),
            None => AppError::NotFound,
        });
    };
    ledger::lock_fund(tx, community_id).await?;
    let voucher_id = loop {
        let inserted: Option<i64> = sqlx::query_scalar(
            "INSERT INTO vouchers (code, reward_id, user_id, community_id, reward_name, points, \
                issued_at, proxy_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (code) DO NOTHING RETURNING id",
        )
        .bind(new_code())
        .bind(reward_id)
        .bind(user_id)
        .bind(community_id)
        .bind(&name)
        .bind(points)
        .bind(now)
        .bind(proxy_by)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(id) = inserted {
            break id;
        }
    };
    ledger::transfer_at(
        tx,
        &Transfer {
            community_id,
            from: Account::Member(user_id),
            to: Account::Fund(community_id),
            amount: points,
            memo: Memo::new(LedgerKind::Redemption, name)
                .link(LedgerLinkKind::Voucher, voucher_id)
                .by_proxy(proxy_by),
            actor_id: Some(user_id),
        },
        now,
    )
    .await?;
    let row: VoucherRow = sqlx::query_as(&format!("{VOUCHER_SELECT} WHERE v.id = $1"))
        .bind(voucher_id)
        .fetch_one(&mut *tx)
        .await?;
    Ok(row.voucher())
}
