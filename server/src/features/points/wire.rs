//! How the love bank's rows meet the wire: times, page sizes and the cursors of id-ordered lists
//! (the corrections; the member's ledger orders by time and has its own, `statement`).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use linli_api_types::{AUDIT_PAGE_DEFAULT, AUDIT_PAGE_MAX};

use crate::platform::error::{FieldIssue, Rule};

pub use crate::platform::db::time;

/// A page size from `limit` (1–50), collecting a `limit` issue otherwise.
pub fn page_limit(raw: Option<&str>, issues: &mut Vec<FieldIssue>) -> u32 {
    match raw {
        None | Some("") => AUDIT_PAGE_DEFAULT,
        Some(raw) => match raw.parse::<u32>() {
            Ok(limit) if (1..=AUDIT_PAGE_MAX).contains(&limit) => limit,
            _ => {
                issues.push(FieldIssue::new("limit", Rule::BadFormat));
                AUDIT_PAGE_DEFAULT
            }
        },
    }
}

/// The cursor after the row `id` of a list whose cursors start with `prefix` ("l1.", "c1."):
/// opaque to clients, and one list's cursor is refused by another.
pub fn encode_id_cursor(prefix: &str, id: i64) -> String {
    URL_SAFE_NO_PAD.encode(format!("{prefix}{id}"))
}

pub fn decode_id_cursor(prefix: &str, raw: &str) -> Option<i64> {
    let bytes = URL_SAFE_NO_PAD.decode(raw.as_bytes()).ok()?;
    String::from_utf8(bytes)
        .ok()?
        .strip_prefix(prefix)?
        .parse()
        .ok()
}

/// A cursor parameter: none when absent or empty, a `cursor` issue when it does not decode.
pub fn cursor_param<T>(
    raw: Option<&str>,
    decode: impl FnOnce(&str) -> Option<T>,
    issues: &mut Vec<FieldIssue>,
) -> Option<T> {
    match raw {
        None | Some("") => None,
        Some(raw) => {
            let cursor = decode(raw);
            if cursor.is_none() {
                issues.push(FieldIssue::new("cursor", Rule::BadFormat));
            }
            cursor
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_cursors_round_trip_and_refuse_another_lists() {
        assert_eq!(
            decode_id_cursor("c1.", &encode_id_cursor("c1.", 7)),
            Some(7)
        );
        assert_eq!(decode_id_cursor("l1.", &encode_id_cursor("c1.", 7)), None);
        assert_eq!(decode_id_cursor("c1.", "c1.7"), None);
        assert_eq!(decode_id_cursor("l1.", "x"), None);
    }

    #[test]
    fn page_limits_are_bounded() {
        let mut issues = Vec::new();
        assert_eq!(page_limit(None, &mut issues), AUDIT_PAGE_DEFAULT);
        assert_eq!(page_limit(Some("50"), &mut issues), 50);
        assert!(issues.is_empty());
        page_limit(Some("51"), &mut issues);
        page_limit(Some("x"), &mut issues);
        assert_eq!(issues.len(), 2);
    }

    #[test]
    fn months_start_at_shanghai_midnight() {
        use chrono::NaiveDate;
        // 2026-11-30 20:00 UTC is 2026-12-01 04:00 in Shanghai.
        let now = NaiveDate::from_ymd_opt(2026, 11, 30)
            .unwrap()
            .and_hms_opt(20, 0, 0)
            .unwrap()
            .and_utc()
            .timestamp_millis();
        let start = time(crate::platform::shanghai::month_start(now));
        assert_eq!(start.to_rfc3339(), "2026-11-30T16:00:00+00:00");
    }
}
