//! The head of the 积分 tab: balance, volunteer hours and stars, and what was earned this month.

use linli_api_types::{stars_for_hours, PointsSummary, STAR_HOURS};

use crate::platform::db::Db;
use crate::platform::error::Result;
use crate::platform::ids::UserId;
use crate::platform::shanghai;

/// Points a member earned by volunteering (tasks and service orders), from their entries.
const EARNED_SQL: &str = "FROM ledger_entries e \
    JOIN ledger_accounts a ON a.id = e.account_id \
    JOIN ledger_transactions t ON t.id = e.transaction_id \
    WHERE e.amount > 0 AND t.kind IN ('task_reward', 'service_reward')";

#[derive(sqlx::FromRow)]
struct SummaryRow {
    balance: i64,
    ledger_minutes: i64,
    unpaid_minutes: i64,
    earned_this_month: i64,
}

/// Balance, volunteer hours and stars, and what was earned this month.
pub async fn summary(db: &Db, user: UserId, now: i64) -> Result<PointsSummary> {
    // One statement of four subqueries: the 积分 tab asks for this often, and each statement
    // is a round trip (PostgreSQL) or a hop to the connection's thread (SQLite).
    let row: SummaryRow = sqlx::query_as(&format!(
        "SELECT \
            CAST(COALESCE((SELECT balance FROM ledger_accounts WHERE owner_key = $1), 0) \
                AS BIGINT) AS balance, \
            (SELECT CAST(COALESCE(SUM(t.minutes), 0) AS BIGINT) {EARNED_SQL} \
                AND a.owner_key = $1) AS ledger_minutes, \
            (SELECT CAST(COALESCE(SUM(e.minutes), 0) AS BIGINT) FROM task_enrollments e \
                JOIN tasks t ON t.id = e.task_id \
                WHERE e.user_id = $2 AND e.status = 'completed' AND t.points = 0) \
                AS unpaid_minutes, \
            (SELECT CAST(COALESCE(SUM(e.amount), 0) AS BIGINT) {EARNED_SQL} \
                AND a.owner_key = $1 AND e.created_at >= $3) AS earned_this_month"
    ))
    .bind(format!("user:{user}"))
    .bind(user.get())
    .bind(shanghai::month_start(now))
    .fetch_one(&db.read)
    .await?;
    let SummaryRow {
        balance,
        ledger_minutes,
        // Tasks worth no points leave no ledger entry; their hours still count.
        unpaid_minutes,
        earned_this_month,
    } = row;
    let volunteer_minutes = ledger_minutes + unpaid_minutes;
    let volunteer_hours = u32::try_from(volunteer_minutes / 60).unwrap_or(u32::MAX);
    Ok(PointsSummary {
        balance,
        volunteer_minutes,
        volunteer_hours,
        stars: stars_for_hours(volunteer_hours),
        hours_to_next_star: STAR_HOURS
            .iter()
            .find(|&&h| h > volunteer_hours)
            .map(|h| h - volunteer_hours),
        earned_this_month,
    })
}
