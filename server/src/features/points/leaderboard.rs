//! The community's top earners 排行榜 in a period, names masked, and the viewer's own line.

use linli_api_types::{LeaderboardEntry, LeaderboardPeriod, PersonName, LEADERBOARD_SIZE};

use crate::platform::db::Db;
use crate::platform::error::Result;
use crate::platform::ids::{CommunityId, UserId};
use crate::platform::shanghai;

#[derive(sqlx::FromRow)]
struct EarnerRow {
    user_id: i64,
    name: String,
    points: i64,
}

/// The top earners of `community` in `period` (equal points share a rank), and `viewer`'s line.
pub async fn leaderboard(
    db: &Db,
    community: CommunityId,
    viewer: UserId,
    period: LeaderboardPeriod,
    now: i64,
) -> Result<(Vec<LeaderboardEntry>, Option<LeaderboardEntry>)> {
    let since = match period {
        LeaderboardPeriod::Month => shanghai::month_start(now),
        LeaderboardPeriod::All => i64::MIN,
    };
    let rows: Vec<EarnerRow> = sqlx::query_as(
        "SELECT a.user_id, u.name, CAST(SUM(e.amount) AS BIGINT) AS points \
         FROM ledger_entries e \
         JOIN ledger_accounts a ON a.id = e.account_id \
         JOIN ledger_transactions t ON t.id = e.transaction_id \
         JOIN users u ON u.id = a.user_id \
         WHERE e.amount > 0 AND t.kind IN ('task_reward', 'service_reward') \
            AND t.community_id = $1 AND e.created_at >= $2 \
         GROUP BY a.user_id, u.name ORDER BY points DESC, a.user_id",
    )
    .bind(community.get())
    .bind(since)
    .fetch_all(&db.read)
    .await?;
    let mut entries = Vec::new();
    let mut me = None;
    let mut rank = 0;
    let mut previous = None;
    for (index, row) in rows.iter().enumerate() {
        if previous != Some(row.points) {
            rank = index as i64 + 1;
            previous = Some(row.points);
        }
        let entry = LeaderboardEntry {
            rank,
            name: PersonName::parse(&row.name)
                .map(|name| name.masked())
                .unwrap_or_else(|_| "*".into()),
            points: row.points,
            is_me: row.user_id == viewer.get(),
        };
        if entry.is_me {
            me = Some(entry.clone());
        }
        if entries.len() < LEADERBOARD_SIZE {
            entries.push(entry);
        }
    }
    Ok((entries, me))
}
