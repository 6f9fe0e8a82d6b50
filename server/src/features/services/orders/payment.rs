//! An order's points, moved through the love bank's ledger (the points feature's public
//! `ledger::transfer`): a paid order holds the resident's points when placed; cancelling
//! releases them; rating or closing settles them to the fund and pays the volunteer.

use linli_api_types::{LedgerKind, LedgerLinkKind};
use sqlx::AnyConnection;

use super::row::OrderRow;
use crate::features::points::ledger::{self, Account, Memo, Transfer};
use crate::platform::error::Result;
use crate::platform::ids::{CommunityId, OrderId, UserId};

/// What a newly placed order holds.
pub struct Hold<'a> {
    pub order: OrderId,
    pub community: CommunityId,
    pub resident: UserId,
    pub points: i64,
    pub service_name: &'a str,
    /// Placed by 代办: who acted for the resident.
    pub proxy_by: Option<i64>,
}

/// Moves the order's price from the resident to the community's held points.
pub async fn hold(tx: &mut AnyConnection, hold: &Hold<'_>) -> Result<()> {
    if hold.points <= 0 {
        return Ok(());
    }
    let community = hold.community.get();
    ledger::transfer(
        tx,
        &Transfer {
            community_id: community,
            from: Account::Member(hold.resident.get()),
            to: Account::Held(community),
            amount: hold.points,
            memo: Memo::new(LedgerKind::OrderHold, hold.service_name)
                .link(LedgerLinkKind::Order, hold.order.get())
                .by_proxy(hold.proxy_by),
            actor_id: Some(hold.resident.get()),
        },
    )
    .await?;
    Ok(())
}

/// Gives a cancelled order's held points back to the resident.
pub async fn release(tx: &mut AnyConnection, row: &OrderRow, actor_id: Option<i64>) -> Result<()> {
    release_by(tx, row, actor_id, None).await
}

/// [`release`], cancelled in a 代办 session: `proxy_by` acted for the resident.
pub async fn release_by(
    tx: &mut AnyConnection,
    row: &OrderRow,
    actor_id: Option<i64>,
    proxy_by: Option<i64>,
) -> Result<()> {
    if row.points <= 0 {
        return Ok(());
    }
    ledger::transfer(
        tx,
        &Transfer {
            community_id: row.community_id,
            from: Account::Held(row.community_id),
            to: Account::Member(row.resident_id),
            amount: row.points,
            memo: Memo::new(LedgerKind::OrderRelease, row.service_name.as_str())
                .link(LedgerLinkKind::Order, row.id)
                .by_proxy(proxy_by),
            actor_id,
        },
    )
    .await?;
    Ok(())
}

/// Pays for a rated or closed order: the held points to the fund, the volunteer's points from
/// the fund, with the minutes from start to completion.
pub async fn settle(tx: &mut AnyConnection, row: &OrderRow, actor_id: Option<i64>) -> Result<()> {
    settle_by(tx, row, actor_id, None).await
}

/// [`settle`], rated in a 代办 session: `proxy_by` acted for the resident. The volunteer is
/// never `proxy_by` (`OrderViewer::refusal_beyond_state`): nobody pays themself by 代办.
pub async fn settle_by(
    tx: &mut AnyConnection,
    row: &OrderRow,
    actor_id: Option<i64>,
    proxy_by: Option<i64>,
) -> Result<()> {
    if row.points > 0 {
        ledger::transfer(
            tx,
            &Transfer {
                community_id: row.community_id,
                from: Account::Held(row.community_id),
                to: Account::Fund(row.community_id),
                amount: row.points,
                memo: Memo::new(LedgerKind::OrderSettle, row.service_name.as_str())
                    .link(LedgerLinkKind::Order, row.id)
                    .by_proxy(proxy_by),
                actor_id,
            },
        )
        .await?;
    }
    if let (Some(volunteer_id), true) = (row.volunteer_id, row.volunteer_points > 0) {
        let mut memo = Memo::new(LedgerKind::ServiceReward, row.service_name.as_str())
            .link(LedgerLinkKind::Order, row.id)
            .by_proxy(proxy_by);
        if let (Some(started), Some(completed)) = (row.started_at, row.completed_at) {
            memo = memo.minutes(((completed - started + 30_000) / 60_000).max(1));
        }
        ledger::transfer(
            tx,
            &Transfer {
                community_id: row.community_id,
                from: Account::Fund(row.community_id),
                to: Account::Member(volunteer_id),
                amount: row.volunteer_points,
                memo,
                actor_id,
            },
        )
        .await?;
    }
    Ok(())
}
