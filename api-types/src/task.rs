//! Volunteer tasks 志愿任务: staff and building heads post a task to a place; residents under it
//! join (or queue on the waitlist), are checked in and out at the site, and are credited points
//! in the love bank 爱心银行 when the organiser confirms completion.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{Role, Scope, ScopeKind};

pub const TASK_TITLE_MAX_CHARS: usize = 60;
pub const TASK_DESCRIPTION_MAX_CHARS: usize = 2000;
pub const TASK_PLACE_MAX_CHARS: usize = 60;
pub const TASK_CAPACITY_MIN: i64 = 1;
pub const TASK_CAPACITY_MAX: i64 = 500;
pub const TASK_POINTS_MAX: i64 = 1000;
/// Page size of `GET /tasks` and `GET /me/tasks` when `limit` is not given, and its ceiling.
pub const TASK_PAGE_DEFAULT: u32 = 20;
pub const TASK_PAGE_MAX: u32 = 50;
/// The site check-in code: this many digits, changing every this many seconds.
pub const CHECK_IN_CODE_DIGITS: usize = 6;
pub const CHECK_IN_CODE_WINDOW_SECONDS: u32 = 60;

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TaskCategory {
    /// 环境卫生: 清理楼道, 大扫除, 垃圾分类
    Environment,
    /// 文明劝导: 文明劝导, 交通引导
    Civility,
    /// 为老服务: 敬老院探访, 助餐, 陪诊
    Elderly,
    /// 关爱儿童: 四点半课堂 助教, 托管
    Children,
    /// 平安守护: 防汛值守, 巡逻, 消防检查
    Safety,
    /// 文体活动: 活动布置, 节日活动
    Culture,
    /// 其他
    Other,
}

impl TaskCategory {
    pub const ALL: [TaskCategory; 7] = [
        TaskCategory::Environment,
        TaskCategory::Civility,
        TaskCategory::Elderly,
        TaskCategory::Children,
        TaskCategory::Safety,
        TaskCategory::Culture,
        TaskCategory::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TaskCategory::Environment => "environment",
            TaskCategory::Civility => "civility",
            TaskCategory::Elderly => "elderly",
            TaskCategory::Children => "children",
            TaskCategory::Safety => "safety",
            TaskCategory::Culture => "culture",
            TaskCategory::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// The place a task is for (community, grid or building), as sent when creating it.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TaskTarget {
    pub kind: ScopeKind,
    pub id: i64,
}

/// `POST /tasks`. Checked on the server: title 1–60 chars, description ≤ 2000, place 1–60,
/// start in the future, end after start, capacity 1–500, points 0–1000, target within the
/// creator's scopes (community, grid or building).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TaskDraft {
    // TASK_TITLE_MAX_CHARS; checked in server/tests/api/openapi_rules.rs
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 60,
            pattern = r"[^\u0000-\u0020\u007F-\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]"
        )
    )]
    pub title: String,
    #[serde(default)]
    // TASK_DESCRIPTION_MAX_CHARS
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub description: String,
    pub category: TaskCategory,
    /// Where to meet, e.g. "社区党群服务中心", "3栋楼下".
    // TASK_PLACE_MAX_CHARS
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 60,
            pattern = r"[^\u0000-\u0020\u007F-\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]"
        )
    )]
    pub place: String,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub starts_at: DateTime<Utc>,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub ends_at: DateTime<Utc>,
    // TASK_CAPACITY_MIN, TASK_CAPACITY_MAX
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 500))]
    pub capacity: i64,
    /// 积分 credited to each volunteer on completion.
    // TASK_POINTS_MAX
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 1000))]
    pub points: i64,
    pub target: TaskTarget,
}

/// Who organises a task, e.g. 许各利, 社区工作人员.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TaskOrganiser {
    pub id: i64,
    pub name: String,
    /// The role they created it under, if any (staff / building head).
    pub role: Option<Role>,
}

/// Where a task is in its life.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    /// Not started: join and withdraw are open.
    Upcoming,
    /// Between start and end: check-in is open.
    Ongoing,
    /// Past its end, not yet confirmed by the organiser.
    Ended,
    /// Confirmed: hours recorded, points credited.
    Completed,
    /// 已取消 by staff or its organiser, with a reason (`Task::cancellation`): places released,
    /// nothing joins, checks in or completes it, no points are paid.
    Cancelled,
}

/// The signed-in user's place on a task.
// Read through `EnrollmentWire`: serde's own reading of an internally tagged enum buffers the
// object into its `Content` tree first, which put 8 KB of decoding into the app's first module
// (every task list carries one of these per task).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "state", rename_all = "snake_case", try_from = "EnrollmentWire")]
pub enum Enrollment {
    /// Not joined.
    None,
    /// 已报名: holds a slot.
    Joined,
    /// 候补: in the queue; `position` 1 is next to get a slot.
    Waitlisted { position: i64 },
    /// 已签到 at the site.
    CheckedIn,
    /// 已签退: checked in and out, waiting for the organiser to confirm.
    CheckedOut,
    /// 已完成: hours recorded and points credited.
    Completed { minutes: i64, points: i64 },
    /// 缺席: marked absent by the organiser.
    NoShow,
    /// 已取消: withdrew before the start.
    Withdrawn,
}

/// `Enrollment` as it is written, flat: the state and the fields some states carry.
#[derive(Deserialize)]
struct EnrollmentWire {
    state: EnrollmentState,
    position: Option<i64>,
    minutes: Option<i64>,
    points: Option<i64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum EnrollmentState {
    None,
    Joined,
    Waitlisted,
    CheckedIn,
    CheckedOut,
    Completed,
    NoShow,
    Withdrawn,
}

impl TryFrom<EnrollmentWire> for Enrollment {
    type Error = &'static str;

    fn try_from(wire: EnrollmentWire) -> Result<Self, Self::Error> {
        Ok(match wire.state {
            EnrollmentState::None => Enrollment::None,
            EnrollmentState::Joined => Enrollment::Joined,
            EnrollmentState::Waitlisted => Enrollment::Waitlisted {
                position: wire.position.ok_or("missing field `position`")?,
            },
            EnrollmentState::CheckedIn => Enrollment::CheckedIn,
            EnrollmentState::CheckedOut => Enrollment::CheckedOut,
            EnrollmentState::Completed => Enrollment::Completed {
                minutes: wire.minutes.ok_or("missing field `minutes`")?,
                points: wire.points.ok_or("missing field `points`")?,
            },
            EnrollmentState::NoShow => Enrollment::NoShow,
            EnrollmentState::Withdrawn => Enrollment::Withdrawn,
        })
    }
}

/// A task in a list.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TaskSummary {
    pub id: i64,
    pub title: String,
    pub category: TaskCategory,
    pub place: String,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub starts_at: DateTime<Utc>,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub ends_at: DateTime<Utc>,
    pub points: i64,
    pub capacity: i64,
    /// Slots taken (joined, checked in or out, completed).
    pub joined_count: i64,
    pub slots_left: i64,
    pub waitlist_count: i64,
    pub organiser: TaskOrganiser,
    pub target: Scope,
    pub status: TaskStatus,
    pub my_enrollment: Enrollment,
}

/// `GET /tasks?category=&from=&to=&cursor=&limit=` and `GET /me/tasks?when=`: soonest first
/// (for `when=done`, latest first); `next_cursor` fetches the next page.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TaskPage {
    pub items: Vec<TaskSummary>,
    pub next_cursor: Option<String>,
}

/// `GET /tasks/{id}`, and the answer to joining and withdrawing.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Task {
    pub id: i64,
    pub title: String,
    /// Plain text; line breaks are meaningful. Never HTML.
    pub description: String,
    pub category: TaskCategory,
    pub place: String,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub starts_at: DateTime<Utc>,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub ends_at: DateTime<Utc>,
    pub points: i64,
    pub capacity: i64,
    pub joined_count: i64,
    pub slots_left: i64,
    pub waitlist_count: i64,
    pub organiser: TaskOrganiser,
    pub target: Scope,
    pub status: TaskStatus,
    pub my_enrollment: Enrollment,
    /// Whether the signed-in user may run it: roster, check-in code, complete.
    pub can_manage: bool,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub created_at: DateTime<Utc>,
    #[serde(deserialize_with = "crate::time::rfc3339_option")]
    pub completed_at: Option<DateTime<Utc>>,
    /// Set when the task was cancelled: why, when and by whom (shown to everyone who sees it).
    #[serde(default)]
    pub cancellation: Option<crate::TaskCancellation>,
    /// Set when an edit moved the task's time: what it was before, so those who joined see
    /// what changed.
    #[serde(default)]
    pub time_change: Option<crate::TaskTimeChange>,
}

/// One volunteer on the organiser's roster.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RosterEntry {
    pub user_id: i64,
    pub name: String,
    /// Full number: the organiser may need to call.
    pub phone: String,
    pub enrollment: Enrollment,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub joined_at: DateTime<Utc>,
    #[serde(deserialize_with = "crate::time::rfc3339_option")]
    pub checked_in_at: Option<DateTime<Utc>>,
    #[serde(deserialize_with = "crate::time::rfc3339_option")]
    pub checked_out_at: Option<DateTime<Utc>>,
    /// 待其他组织者确认: an organiser checked themself in; completion credits them only once
    /// another organiser or staff member of the task confirms it (`confirm`).
    #[serde(default)]
    pub awaiting_confirmation: bool,
    /// Whether the signed-in organiser may confirm it (anyone managing the task but the person).
    #[serde(default)]
    pub can_confirm: bool,
    /// Joined by 代办: the head or staff member who enrolled them ("由 刘伟忠 代办").
    #[serde(default)]
    pub acted_by: Option<String>,
}

/// `GET /tasks/{id}/roster`: who holds a slot (in joining order), and the waitlist in order.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Roster {
    pub task_id: i64,
    pub capacity: i64,
    pub volunteers: Vec<RosterEntry>,
    pub waitlist: Vec<RosterEntry>,
}

/// What the organiser does to one volunteer: `PUT /tasks/{id}/roster/{user_id}/{action}`
/// (`DELETE …/check_in` undoes a check-in).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RosterAction {
    CheckIn,
    CheckOut,
    NoShow,
    /// Confirms another organiser's own check-in (`awaiting_confirmation`).
    Confirm,
}

impl RosterAction {
    pub const ALL: [RosterAction; 4] = [
        RosterAction::CheckIn,
        RosterAction::CheckOut,
        RosterAction::NoShow,
        RosterAction::Confirm,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RosterAction::CheckIn => "check_in",
            RosterAction::CheckOut => "check_out",
            RosterAction::NoShow => "no_show",
            RosterAction::Confirm => "confirm",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

/// `GET /tasks/{id}/check-in-code`: the 6 digits to show at the site, and when they change.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckInCode {
    pub code: String,
    pub seconds_left: u32,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub valid_until: DateTime<Utc>,
}

/// `POST /tasks/{id}/check-in`: the code read at the site. Checks the volunteer in, or out
/// when already in.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckInRequest {
    pub code: String,
}

/// `POST /tasks/{id}/complete`: what the confirmation recorded.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TaskCompletion {
    pub task_id: i64,
    /// Volunteers credited.
    pub attendees: i64,
    pub no_shows: i64,
    pub minutes_total: i64,
    pub points_total: i64,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub completed_at: DateTime<Utc>,
    /// Organisers who checked themselves in and wait for another organiser's confirmation:
    /// not credited yet.
    #[serde(default)]
    pub awaiting_confirmation: i64,
}

/// The part of `GET /community/policy` the task form reads: the bound on a task's points.
/// (serde skips the policy's other fields, so the tasks chunk does not decode the audit's.)
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TaskPolicy {
    /// A task pays each volunteer at most this many points per hour of its length.
    pub points_per_hour: i64,
}

impl TaskPolicy {
    /// The most a task of `minutes` may pay, as the server checks it: rounded down.
    pub fn max_points(&self, minutes: i64) -> i64 {
        self.points_per_hour.saturating_mul(minutes.max(0)) / 60
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_and_actions_round_trip_through_their_names() {
        for category in TaskCategory::ALL {
            assert_eq!(TaskCategory::parse(category.as_str()), Some(category));
            assert_eq!(serde_json::to_value(category).unwrap(), category.as_str());
        }
        for action in RosterAction::ALL {
            assert_eq!(RosterAction::parse(action.as_str()), Some(action));
            assert_eq!(serde_json::to_value(action).unwrap(), action.as_str());
        }
    }

    #[test]
    fn enrollment_is_tagged_by_state() {
        assert_eq!(
            serde_json::to_value(Enrollment::Waitlisted { position: 3 }).unwrap(),
            serde_json::json!({"state": "waitlisted", "position": 3})
        );
        assert_eq!(
            serde_json::to_value(Enrollment::None).unwrap(),
            serde_json::json!({"state": "none"})
        );
    }

    #[test]
    fn enrollment_reads_back_what_it_writes_and_refuses_what_is_missing() {
        let all = [
            Enrollment::None,
            Enrollment::Joined,
            Enrollment::Waitlisted { position: 3 },
            Enrollment::CheckedIn,
            Enrollment::CheckedOut,
            Enrollment::Completed {
                minutes: 90,
                points: 15,
            },
            Enrollment::NoShow,
            Enrollment::Withdrawn,
        ];
        for enrollment in all {
            let text = serde_json::to_string(&enrollment).unwrap();
            assert_eq!(
                serde_json::from_str::<Enrollment>(&text).unwrap(),
                enrollment,
                "{text}"
            );
        }
        assert!(serde_json::from_str::<Enrollment>(r#"{"state":"waitlisted"}"#).is_err());
        assert!(
            serde_json::from_str::<Enrollment>(r#"{"state":"completed","minutes":5}"#).is_err()
        );
        assert!(serde_json::from_str::<Enrollment>(r#"{"state":"lost"}"#).is_err());
    }
}
