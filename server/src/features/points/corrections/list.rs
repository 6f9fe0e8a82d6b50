//! The community's corrections in one status (待审批 by default), newest first, for staff.

use linli_api_types::{CorrectionPage, CorrectionStatus};

use crate::features::points::corrections::store;
use crate::features::points::staff::Staff;
use crate::features::points::wire::{decode_id_cursor, encode_id_cursor};
use crate::platform::db::Db;
use crate::platform::error::Result;

const CURSOR_PREFIX: &str = "c1.";

pub fn decode_cursor(raw: &str) -> Option<i64> {
    decode_id_cursor(CURSOR_PREFIX, raw)
}

/// A page of `staff`'s community's corrections in `status` before the correction `before`.
pub async fn list(
    db: &Db,
    staff: &Staff<'_>,
    status: CorrectionStatus,
    before: Option<i64>,
    limit: u32,
) -> Result<CorrectionPage> {
    let mut rows = store::page(&db.read, staff.community().get(), status, before, limit).await?;
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next_cursor = rows
        .last()
        .filter(|_| more)
        .map(|last| encode_id_cursor(CURSOR_PREFIX, last.id));
    let me = staff.actor();
    let items = rows
        .iter()
        .map(|row| row.record(&me))
        .collect::<Result<_>>()?;
    Ok(CorrectionPage { items, next_cursor })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn correction_cursors_round_trip() {
        assert_eq!(decode_cursor(&encode_id_cursor(CURSOR_PREFIX, 7)), Some(7));
        assert_eq!(decode_cursor("c1.7"), None);
    }
}
