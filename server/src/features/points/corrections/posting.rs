//! Posting a correction to the ledger: one step shared by a correction within the threshold
//! (posted as it is asked for) and an approved one (posted when the second staff member says so).

use linli_api_types::LedgerKind;
use sqlx::AnyConnection;

use crate::features::points::ledger::{self, Account, Memo, Transfer};
use crate::platform::error::Result;
use crate::platform::ids::{CommunityId, UserId};

/// A correction as it moves points.
#[derive(Debug, Clone, Copy)]
pub struct Posting<'a> {
    pub community: CommunityId,
    pub member: UserId,
    /// Credit (> 0) from the fund, or debit (< 0) to it.
    pub amount: i64,
    /// The transaction's note.
    pub reason: &'a str,
    /// The staff member who asked for it: the transaction's actor, also once approved.
    pub requested_by: UserId,
}

/// Posts `posting` inside the caller's transaction. Returns (transaction id, the member's
/// balance after it); a debit beyond the balance is refused (`insufficient_points`).
pub async fn post(tx: &mut AnyConnection, posting: &Posting<'_>) -> Result<(i64, i64)> {
    let community_id = posting.community.get();
    let (user_id, amount) = (posting.member.get(), posting.amount);
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
            memo: Memo::new(LedgerKind::Correction, "积分更正").note(posting.reason),
            actor_id: Some(posting.requested_by.get()),
        },
    )
    .await?;
    let balance = ledger::balance(&mut *tx, Account::Member(user_id)).await?;
    tracing::info!(
        transaction_id,
        user_id,
        amount,
        staff_id = posting.requested_by.get(),
        "ledger correction"
    );
    Ok((transaction_id, balance))
}
