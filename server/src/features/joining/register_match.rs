//! The household register vouching for someone: an entry of that household with the same name
//! and phone, which no account holds yet, or which a 代办-only account (an elder acted for
//! before they had a login) holds and the resident now takes over.

use sqlx::AnyConnection;

use crate::platform::error::Result;

/// An entry of the register that vouches for a sign-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub id: i64,
    /// The `proxy_only` account created for the entry by 代办, which the resident takes over.
    pub proxy_account: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct EntryRow {
    id: i64,
    user_id: Option<i64>,
    status: Option<String>,
}

/// The entry of `household_id` named `name` with `phone`, if it can vouch: not linked, or
/// linked to a `proxy_only` account. An entry an active account holds vouches for nobody else.
pub async fn find(
    conn: &mut AnyConnection,
    household_id: i64,
    name: &str,
    phone: &str,
) -> Result<Option<Entry>> {
    let row: Option<EntryRow> = sqlx::query_as(
        "SELECT m.id, m.user_id, u.status FROM register_members m \
         LEFT JOIN users u ON u.id = m.user_id \
         WHERE m.household_id = $1 AND m.name = $2 AND m.phone = $3",
    )
    .bind(household_id)
    .bind(name)
    .bind(phone)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(
        row.and_then(|row| match (row.user_id, row.status.as_deref()) {
            (None, _) => Some(Entry {
                id: row.id,
                proxy_account: None,
            }),
            (Some(user), Some("proxy_only")) => Some(Entry {
                id: row.id,
                proxy_account: Some(user),
            }),
            _ => None,
        }),
    )
}

/// Links entry `id` to `user_id`; false when someone was linked in the meantime.
pub async fn link(conn: &mut AnyConnection, id: i64, user_id: i64, now: i64) -> Result<bool> {
    let linked = sqlx::query(
        "UPDATE register_members SET user_id = $1, updated_at = $2 \
         WHERE id = $3 AND (user_id IS NULL OR user_id = $1)",
    )
    .bind(user_id)
    .bind(now)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(linked.rows_affected() == 1)
}
