//! 消息设置: the kinds a user turned off and their quiet hours (免打扰). No row means the
//! defaults. A change applies to messages written after it: `notify` reads them then.

use linli_api_types::{MessageKind, MessagePrefs};
use sqlx::{Any, Executor};

use crate::platform::db::Db;
use crate::platform::error::{AppError, FieldIssue, Result, Rule};

/// Minutes in a day: quiet hours start and end within it.
const LAST_MINUTE: u16 = 24 * 60 - 1;

/// The stored form of the kinds turned off: `,task_soon,order_started,` (a comma at each end,
/// so `notify` finds one with `contains(",kind,")`). Sorted and without repeats.
pub fn encode_off(off: &[MessageKind]) -> String {
    let mut kinds: Vec<&str> = off.iter().map(|kind| kind.as_str()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    if kinds.is_empty() {
        ",".to_owned()
    } else {
        format!(",{},", kinds.join(","))
    }
}

/// The kinds in a stored list, in the contract's order; a name no kind has any more is dropped.
pub fn decode_off(stored: &str) -> Vec<MessageKind> {
    let names: Vec<&str> = stored.split(',').filter(|name| !name.is_empty()).collect();
    MessageKind::ALL
        .into_iter()
        .filter(|kind| names.contains(&kind.as_str()))
        .collect()
}

/// The fields of `prefs` that break a rule.
pub fn check(prefs: &MessagePrefs) -> Result<()> {
    let mut issues = Vec::new();
    for (field, minute) in [
        ("quiet_start", prefs.quiet_start),
        ("quiet_end", prefs.quiet_end),
    ] {
        if minute > LAST_MINUTE {
            issues.push(FieldIssue::new(
                field,
                Rule::OutOfRange {
                    min: 0,
                    max: i64::from(LAST_MINUTE),
                },
            ));
        }
    }
    if issues.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(issues))
    }
}

pub async fn load<'e, E>(executor: E, user_id: i64) -> Result<MessagePrefs>
where
    E: Executor<'e, Database = Any>,
{
    let row: Option<(String, i64, i64, i64)> = sqlx::query_as(
        "SELECT off_kinds, quiet_hours, quiet_start, quiet_end FROM message_prefs \
         WHERE user_id = $1",
    )
    .bind(user_id)
    .fetch_optional(executor)
    .await?;
    Ok(match row {
        None => MessagePrefs::default(),
        Some((off, quiet_hours, start, end)) => MessagePrefs {
            off: decode_off(&off),
            quiet_hours: quiet_hours != 0,
            // The table's checks hold them to 0–1439.
            quiet_start: u16::try_from(start).unwrap_or(0),
            quiet_end: u16::try_from(end).unwrap_or(0),
        },
    })
}

/// Stores `prefs` (checked) for `user_id` and answers them as stored.
pub async fn save(db: &Db, user_id: i64, prefs: &MessagePrefs, now: i64) -> Result<MessagePrefs> {
    check(prefs)?;
    sqlx::query(
        "INSERT INTO message_prefs (user_id, off_kinds, quiet_hours, quiet_start, quiet_end, \
             updated_at) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (user_id) DO UPDATE SET off_kinds = excluded.off_kinds, \
             quiet_hours = excluded.quiet_hours, quiet_start = excluded.quiet_start, \
             quiet_end = excluded.quiet_end, updated_at = excluded.updated_at",
    )
    .bind(user_id)
    .bind(encode_off(&prefs.off))
    .bind(i64::from(prefs.quiet_hours))
    .bind(i64::from(prefs.quiet_start))
    .bind(i64::from(prefs.quiet_end))
    .bind(now)
    .execute(&db.write)
    .await?;
    load(&db.write, user_id).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_off_list_round_trips_sorted_without_repeats() {
        use MessageKind::*;
        let stored = encode_off(&[TaskSoon, OrderStarted, TaskSoon]);
        assert_eq!(stored, ",order_started,task_soon,");
        assert_eq!(decode_off(&stored), vec![OrderStarted, TaskSoon]);
        assert_eq!(encode_off(&[]), ",");
        assert!(decode_off(",").is_empty());
        assert_eq!(decode_off(",gone_kind,task_soon,"), vec![TaskSoon]);
    }

    #[test]
    fn quiet_minutes_stay_within_the_day() {
        let mut prefs = MessagePrefs::default();
        assert!(check(&prefs).is_ok());
        prefs.quiet_start = 1439;
        prefs.quiet_end = 0;
        assert!(check(&prefs).is_ok());
        prefs.quiet_end = 1440;
        let Err(AppError::Validation(issues)) = check(&prefs) else {
            panic!("1440 accepted");
        };
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].field, "quiet_end");
    }
}
