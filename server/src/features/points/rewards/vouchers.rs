//! Vouchers 兑换券: what a redemption gives the member to show at the station, how staff find one
//! by its code and mark it used.

use linli_api_types::{MessageKind, MessageSubject, SubjectKind, Voucher, VoucherStatus};
use rand::Rng;
use sqlx::{Any, Executor};

use crate::features::messages::{notify, NewMessage};
use crate::features::points::staff::Staff;
use crate::features::points::wire::time;
use crate::platform::db::Db;
use crate::platform::error::{AppError, Result};
use crate::platform::ids::UserId;

/// Voucher code characters: no 0/O, 1/I.
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

#[derive(sqlx::FromRow)]
pub struct VoucherRow {
    id: i64,
    user_id: i64,
    code: String,
    reward_id: i64,
    reward_name: String,
    points: i64,
    community_id: i64,
    holder_name: String,
    issued_at: i64,
    used_at: Option<i64>,
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

pub const VOUCHER_SELECT: &str = "SELECT v.id, v.user_id, v.code, v.reward_id, v.reward_name, v.points, \
    v.community_id, u.name AS holder_name, v.issued_at, v.used_at \
    FROM vouchers v JOIN users u ON u.id = v.user_id";

async fn by_code<'e, E>(executor: E, code: &str) -> Result<Option<VoucherRow>>
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

/// The member's vouchers, newest first.
pub async fn vouchers_of(db: &Db, user: UserId) -> Result<Vec<Voucher>> {
    let rows: Vec<VoucherRow> = sqlx::query_as(&format!(
        "{VOUCHER_SELECT} WHERE v.user_id = $1 ORDER BY v.issued_at DESC, v.id DESC"
    ))
    .bind(user.get())
    .fetch_all(&db.read)
    .await?;
    Ok(rows.iter().map(VoucherRow::voucher).collect())
}

/// The voucher a resident shows, for staff of its community; for anyone else it does not exist.
pub async fn shown_to_staff(db: &Db, staff: &Staff<'_>, code: &str) -> Result<Voucher> {
    Ok(staff_voucher(db, staff, code).await?.voucher())
}

async fn staff_voucher(db: &Db, staff: &Staff<'_>, code: &str) -> Result<VoucherRow> {
    by_code(&db.read, code)
        .await?
        .filter(|row| staff.serves(row.community_id))
        .ok_or(AppError::NotFound)
}

/// Staff hand the reward over: the voucher becomes used, by them, now, and its owner hears of
/// it in the same transaction. Marking it again keeps the first time and staff member, and
/// tells nobody again.
pub async fn mark_used(db: &Db, staff: &Staff<'_>, code: &str, now: i64) -> Result<Voucher> {
    let row = staff_voucher(db, staff, code).await?;
    let mut tx = db.write.begin().await?;
    let marked = sqlx::query(
        "UPDATE vouchers SET used_at = $1, used_by = $2 WHERE id = $3 AND used_at IS NULL",
    )
    .bind(now)
    .bind(staff.user().get())
    .bind(row.id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if marked == 1 && row.user_id != staff.user().get() {
        let subject = MessageSubject {
            kind: SubjectKind::Voucher,
            id: row.id,
        };
        let message = NewMessage::new(row.community_id, MessageKind::VoucherUsed, subject, now)
            .with("reward", row.reward_name.as_str())
            .with("code", row.code.as_str());
        notify(&mut tx, &message, &[row.user_id]).await?;
    }
    tx.commit().await?;
    let row = by_code(&db.write, &row.code)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(row.voucher())
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

/// A fresh code like "LX7K-2Q9M"; the table's unique index catches the rare repeat.
pub fn new_code() -> String {
    let mut rng = rand::thread_rng();
    let mut pick = || CODE_ALPHABET[rng.gen_range(0..CODE_ALPHABET.len())] as char;
    let first: String = (0..4).map(|_| pick()).collect();
    let second: String = (0..4).map(|_| pick()).collect();
    format!("{first}-{second}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_look_like_lx7k_2q9m_and_normalize() {
        let code = new_code();
        assert_eq!(code.len(), 9);
        assert_eq!(&code[4..5], "-");
        assert_eq!(normalize_code(" lx7k 2q9m "), "LX7K-2Q9M");
        assert_eq!(normalize_code("LX7K-2Q9M"), "LX7K-2Q9M");
    }
}
