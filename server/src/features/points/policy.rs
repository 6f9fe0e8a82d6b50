//! A community's love-bank policy: the bounds its staff set on how points are made.
//!
//! Points are money (docs/security.md): a task cannot pay more than its length is worth, and a
//! large correction needs a second staff member. A community that never set its policy gets the
//! defaults below, so the bounds hold from the first day.

use sqlx::{Any, AnyConnection, Executor};

use crate::platform::error::Result;

/// A task pays at most this many points per hour of its length unless staff choose otherwise.
/// The demo's tasks pay 10–13 an hour (清理楼道: 20 points for 2 hours).
pub const DEFAULT_POINTS_PER_HOUR: i64 = 20;
/// Corrections of more than this many points (either sign) wait for a second staff member.
pub const DEFAULT_CORRECTION_APPROVAL_THRESHOLD: i64 = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct Policy {
    pub points_per_hour: i64,
    pub correction_approval_threshold: i64,
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            points_per_hour: DEFAULT_POINTS_PER_HOUR,
            correction_approval_threshold: DEFAULT_CORRECTION_APPROVAL_THRESHOLD,
        }
    }
}

impl Policy {
    /// The most a task of `minutes` may pay: points per hour × its length, rounded down.
    pub fn max_task_points(&self, minutes: i64) -> i64 {
        self.points_per_hour.saturating_mul(minutes.max(0)) / 60
    }

    /// Whether a correction of `amount` (either sign) must wait for a second staff member.
    pub fn correction_needs_approval(&self, amount: i64) -> bool {
        amount.unsigned_abs() > self.correction_approval_threshold.unsigned_abs()
    }
}

/// The policy of `community_id`, or the defaults when its staff never set one.
pub async fn load<'e, E>(executor: E, community_id: i64) -> Result<Policy>
where
    E: Executor<'e, Database = Any>,
{
    let row: Option<Policy> = sqlx::query_as(
        "SELECT points_per_hour, correction_approval_threshold \
         FROM community_policies WHERE community_id = $1",
    )
    .bind(community_id)
    .fetch_optional(executor)
    .await?;
    Ok(row.unwrap_or_default())
}

/// The stored policy with who set it last, for `GET /community/policy`.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PolicyRow {
    pub points_per_hour: i64,
    pub correction_approval_threshold: i64,
    pub updated_by: Option<i64>,
    pub updater_name: Option<String>,
    pub updated_at: i64,
}

pub async fn load_row<'e, E>(executor: E, community_id: i64) -> Result<Option<PolicyRow>>
where
    E: Executor<'e, Database = Any>,
{
    Ok(sqlx::query_as(
        "SELECT p.points_per_hour, p.correction_approval_threshold, p.updated_by, \
            u.name AS updater_name, p.updated_at \
         FROM community_policies p LEFT JOIN users u ON u.id = p.updated_by \
         WHERE p.community_id = $1",
    )
    .bind(community_id)
    .fetch_optional(executor)
    .await?)
}

/// Sets the community's policy (one upsert, so two staff saving at once leave one row) and
/// keeps the change in `community_policy_changes`, which 积分管理's audit lists.
pub async fn save(
    tx: &mut AnyConnection,
    community_id: i64,
    policy: Policy,
    by: i64,
    now: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO community_policies (community_id, points_per_hour, \
            correction_approval_threshold, updated_by, updated_at) \
         VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (community_id) DO UPDATE SET points_per_hour = excluded.points_per_hour, \
            correction_approval_threshold = excluded.correction_approval_threshold, \
            updated_by = excluded.updated_by, updated_at = excluded.updated_at",
    )
    .bind(community_id)
    .bind(policy.points_per_hour)
    .bind(policy.correction_approval_threshold)
    .bind(by)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO community_policy_changes (community_id, points_per_hour, \
            correction_approval_threshold, changed_by, changed_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(community_id)
    .bind(policy.points_per_hour)
    .bind(policy.correction_approval_threshold)
    .bind(by)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tracing::info!(
        community_id,
        points_per_hour = policy.points_per_hour,
        threshold = policy.correction_approval_threshold,
        by,
        "love-bank policy changed"
    );
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ChangeRow {
    pub points_per_hour: i64,
    pub correction_approval_threshold: i64,
    pub changed_by: i64,
    pub changer_name: String,
    pub changed_at: i64,
}

/// The community's latest `limit` policy changes, newest first.
pub async fn changes<'e, E>(executor: E, community_id: i64, limit: u32) -> Result<Vec<ChangeRow>>
where
    E: Executor<'e, Database = Any>,
{
    Ok(sqlx::query_as(&format!(
        "SELECT c.points_per_hour, c.correction_approval_threshold, c.changed_by, \
            u.name AS changer_name, c.changed_at \
         FROM community_policy_changes c JOIN users u ON u.id = c.changed_by \
         WHERE c.community_id = $1 ORDER BY c.id DESC LIMIT {limit}"
    ))
    .bind(community_id)
    .fetch_all(executor)
    .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_task_pays_at_most_its_length_at_the_hourly_rate() {
        let policy = Policy::default();
        assert_eq!(policy.max_task_points(120), 40);
        assert_eq!(policy.max_task_points(90), 30);
        assert_eq!(policy.max_task_points(1), 0);
        assert_eq!(policy.max_task_points(-5), 0);
    }

    #[test]
    fn only_corrections_above_the_threshold_wait() {
        let policy = Policy::default();
        assert!(!policy.correction_needs_approval(200));
        assert!(!policy.correction_needs_approval(-200));
        assert!(policy.correction_needs_approval(201));
        assert!(policy.correction_needs_approval(-201));
    }
}
