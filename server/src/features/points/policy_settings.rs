//! The policy as people see it on 积分管理: members read it (how points are earned is no
//! secret), staff set it within bounds, and every change is kept with who made it.

use linli_api_types::{
    AuditPerson, PointsPolicy, PolicyChange, PolicyRequest, APPROVAL_THRESHOLD_MAX,
    APPROVAL_THRESHOLD_MIN, POINTS_PER_HOUR_MAX, POINTS_PER_HOUR_MIN,
};

use crate::features::points::policy::{self, Policy};
use crate::features::points::staff::Staff;
use crate::features::points::wire::time;
use crate::platform::db::Db;
use crate::platform::error::{AppError, FieldIssue, Result, Rule};
use crate::platform::ids::CommunityId;

/// How many policy changes the audit shows.
const POLICY_CHANGES_SHOWN: u32 = 20;

/// The policy in force in `community`, with who set it when; the defaults until staff set one.
pub async fn current(db: &Db, community: CommunityId) -> Result<PointsPolicy> {
    Ok(match policy::load_row(&db.read, community.get()).await? {
        Some(row) => PointsPolicy {
            points_per_hour: row.points_per_hour,
            correction_approval_threshold: row.correction_approval_threshold,
            is_default: false,
            updated_by: row.updated_by.map(|id| AuditPerson {
                id,
                name: row.updater_name.unwrap_or_default(),
            }),
            updated_at: Some(time(row.updated_at)),
        },
        None => {
            let defaults = Policy::default();
            PointsPolicy {
                points_per_hour: defaults.points_per_hour,
                correction_approval_threshold: defaults.correction_approval_threshold,
                is_default: true,
                updated_by: None,
                updated_at: None,
            }
        }
    })
}

/// `staff` set their community's policy (their grant is over it); returns the policy now in
/// force.
pub async fn set(
    db: &Db,
    staff: &Staff<'_>,
    request: &PolicyRequest,
    now: i64,
) -> Result<PointsPolicy> {
    let mut issues = Vec::new();
    for (field, value, min, max) in [
        (
            "points_per_hour",
            request.points_per_hour,
            POINTS_PER_HOUR_MIN,
            POINTS_PER_HOUR_MAX,
        ),
        (
            "correction_approval_threshold",
            request.correction_approval_threshold,
            APPROVAL_THRESHOLD_MIN,
            APPROVAL_THRESHOLD_MAX,
        ),
    ] {
        if !(min..=max).contains(&value) {
            issues.push(FieldIssue::new(field, Rule::OutOfRange { min, max }));
        }
    }
    if !issues.is_empty() {
        return Err(AppError::Validation(issues));
    }
    let policy = Policy {
        points_per_hour: request.points_per_hour,
        correction_approval_threshold: request.correction_approval_threshold,
    };
    let community = staff.community();
    let mut tx = db.write.begin().await?;
    policy::save(&mut tx, community.get(), policy, staff.user().get(), now).await?;
    tx.commit().await?;
    current(db, community).await
}

/// The community's latest policy changes, newest first, for the audit.
pub async fn latest_changes(db: &Db, community: CommunityId) -> Result<Vec<PolicyChange>> {
    Ok(
        policy::changes(&db.read, community.get(), POLICY_CHANGES_SHOWN)
            .await?
            .into_iter()
            .map(|row| PolicyChange {
                points_per_hour: row.points_per_hour,
                correction_approval_threshold: row.correction_approval_threshold,
                changed_by: AuditPerson {
                    id: row.changed_by,
                    name: row.changer_name,
                },
                changed_at: time(row.changed_at),
            })
            .collect(),
    )
}
