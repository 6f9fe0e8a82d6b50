//! A volunteer whose flag staff removed keeps no wish: the wishes they claimed and have not yet
//! fulfilled go back to the board for another volunteer, in the transaction that removes the
//! flag (as their unfinished orders return to the dispatch queue). A fulfilled wish stays
//! theirs: the work is done, and the resident's thanks still credit it.

use sqlx::AnyConnection;

use crate::platform::error::Result;

/// Gives back every wish `member_id` holds claimed; answers how many.
pub async fn give_back_claims_of(tx: &mut AnyConnection, member_id: i64, now: i64) -> Result<u64> {
    let given_back = sqlx::query(
        "UPDATE wishes SET status = 'open', claimer_id = NULL, claimed_at = NULL, \
            version = version + 1, updated_at = $2 \
         WHERE claimer_id = $1 AND status = 'claimed'",
    )
    .bind(member_id)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if given_back > 0 {
        tracing::info!(
            member_id,
            given_back,
            "wishes back on the board: volunteer flag removed"
        );
    }
    Ok(given_back)
}
