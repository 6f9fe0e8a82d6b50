//! 民声有回应: residents' reports (随手拍 / 反映问题 / 微建议) that go to the head of their place,
//! climb the grid when nobody answers, and come back to the reporter to confirm.
//!
//! A report moves `open` (待受理, waiting for its handler) → `acknowledged` (处理中) →
//! `resolved` (已办结, waiting for the reporter) → `confirmed` (已解决) or `closed` (the reporter
//! did not answer within [`CONFIRM_WINDOW_DAYS`]). 没解决 sends a resolved report back to
//! `open` with its last handler and fresh deadlines. Past its response or resolution deadline
//! an open or acknowledged report climbs one level by itself: unit head → building head → grid
//! head 网格长 → community staff (levels without a holder are skipped).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::photo::PhotoRef;

pub const REPORT_TEXT_MAX_CHARS: usize = 500;
pub const REPORT_PLACE_NOTE_MAX_CHARS: usize = 60;
pub const REPORT_REPLY_MAX_CHARS: usize = 500;
pub const REPORT_PHOTOS_MAX: usize = 3;
/// Defaults of a category's deadlines (community settings change them per category).
pub const DEFAULT_RESPOND_HOURS: u32 = 24;
pub const DEFAULT_RESOLVE_DAYS: u32 = 5;
/// Bounds of the settings form.
pub const RESPOND_HOURS_MAX: u32 = 24 * 7;
pub const RESOLVE_DAYS_MAX: u32 = 60;
/// A resolved report the reporter does not answer closes itself after this many days.
pub const CONFIRM_WINDOW_DAYS: i64 = 7;
pub const REPORT_PAGE_DEFAULT: u32 = 20;
pub const REPORT_PAGE_MAX: u32 = 50;
pub const PROPERTY_HANDLER_NAME_MAX_CHARS: usize = 40;

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReportCategory {
    /// 环境卫生
    Sanitation,
    /// 设施维修
    Repair,
    /// 安全隐患
    Safety,
    /// 邻里纠纷
    Dispute,
    /// 物业
    Property,
    /// 建议 (微建议)
    Suggestion,
    /// 其他
    Other,
}

impl ReportCategory {
    pub const ALL: [ReportCategory; 7] = [
        ReportCategory::Sanitation,
        ReportCategory::Repair,
        ReportCategory::Safety,
        ReportCategory::Dispute,
        ReportCategory::Property,
        ReportCategory::Suggestion,
        ReportCategory::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReportCategory::Sanitation => "sanitation",
            ReportCategory::Repair => "repair",
            ReportCategory::Safety => "safety",
            ReportCategory::Dispute => "dispute",
            ReportCategory::Property => "property",
            ReportCategory::Suggestion => "suggestion",
            ReportCategory::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReportStatus {
    /// 待受理: with its handler, not yet acknowledged.
    Open,
    /// 处理中
    Acknowledged,
    /// 已办结，待确认: the handler says it is done; the reporter confirms or reopens.
    Resolved,
    /// 已解决: the reporter confirmed.
    Confirmed,
    /// 已关闭: resolved and not answered within the confirmation window.
    Closed,
}

impl ReportStatus {
    pub const ALL: [ReportStatus; 5] = [
        ReportStatus::Open,
        ReportStatus::Acknowledged,
        ReportStatus::Resolved,
        ReportStatus::Confirmed,
        ReportStatus::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReportStatus::Open => "open",
            ReportStatus::Acknowledged => "acknowledged",
            ReportStatus::Resolved => "resolved",
            ReportStatus::Confirmed => "confirmed",
            ReportStatus::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s2| s2.as_str() == s)
    }

    /// Open or acknowledged: a handler owes an answer, and the deadlines run.
    pub fn is_pending(self) -> bool {
        matches!(self, ReportStatus::Open | ReportStatus::Acknowledged)
    }
}

/// The level of whoever holds a report now; escalation climbs Unit → Building → Grid → Staff.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HandlerLevel {
    /// 单元长
    Unit,
    /// 楼栋长
    Building,
    /// 网格长
    Grid,
    /// 社区工作人员 (any staff member of the community)
    Staff,
    /// 物业: a named outside handler; staff record its answers, and it escalates to staff.
    Property,
}

impl HandlerLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            HandlerLevel::Unit => "unit",
            HandlerLevel::Building => "building",
            HandlerLevel::Grid => "grid",
            HandlerLevel::Staff => "staff",
            HandlerLevel::Property => "property",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            HandlerLevel::Unit,
            HandlerLevel::Building,
            HandlerLevel::Grid,
            HandlerLevel::Staff,
            HandlerLevel::Property,
        ]
        .into_iter()
        .find(|l| l.as_str() == s)
    }
}

/// Where the problem is.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReportLocation {
    /// The reporter's own unit (and so building and grid).
    Home,
    /// A building of the community (the stairwell of 5栋, the lawn beside it).
    Building { building_id: i64 },
    /// Somewhere in the community not tied to a building (南门, 广场): goes to the grid head
    /// of the reporter's grid, or to staff.
    Community,
}

/// `POST /api/v1/reports` (Idempotency-Key).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportDraft {
    pub category: ReportCategory,
    pub text: String,
    pub location: ReportLocation,
    /// Where exactly: "3栋东侧绿化带", "南门岗亭旁" (optional, up to
    /// [`REPORT_PLACE_NOTE_MAX_CHARS`]).
    #[serde(default)]
    pub place_note: String,
    /// Whether other residents may see the reporter's name (handlers and staff always do).
    #[serde(default)]
    pub show_name: bool,
    /// Photos uploaded first with `POST /api/v1/photos`, at most [`REPORT_PHOTOS_MAX`].
    #[serde(default)]
    pub photo_ids: Vec<i64>,
}

/// `GET /api/v1/reports/similar?category=…&location=home|community|building&building_id=…`:
/// open reports of the same place and category, shown before sending.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SimilarReports {
    pub items: Vec<ReportSummary>,
}

/// Who holds a report now.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportHandler {
    pub level: HandlerLevel,
    /// The head's name, "社区工作人员", or the outside handler's name ("恒大物业 张经理").
    pub name: String,
}

/// A report in a list.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportSummary {
    pub id: i64,
    pub category: ReportCategory,
    pub status: ReportStatus,
    /// The first 80 characters of the text.
    pub excerpt: String,
    /// "3栋 1单元", "5栋 · 东侧绿化带", "社区 · 南门".
    pub place: String,
    /// None when the reporter hid their name and the viewer is another resident.
    pub reporter: Option<String>,
    /// Households who pressed 我也遇到了 (not counting the reporter's).
    pub supporters: u32,
    pub handler: ReportHandler,
    /// How many times it climbed by itself.
    pub escalations: u32,
    pub respond_by: Option<DateTime<Utc>>,
    pub resolve_by: Option<DateTime<Utc>>,
    /// Pending and past a deadline.
    pub overdue: bool,
    pub thumbnail: Option<PhotoRef>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The viewer's household reported it.
    pub mine: bool,
    /// The viewer's household pressed 我也遇到了.
    pub supported: bool,
}

/// One step on a report's timeline.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReportEventKind {
    /// 已提交 (the note names the first handler)
    Submitted,
    /// 已受理
    Acknowledged,
    /// 回复 (the note is the reply)
    Replied,
    /// 已转交 (the note names the new handler)
    Transferred,
    /// 超时未处理，已自动上报 (the note names the new handler)
    Escalated,
    /// 已办结 (the note is the handler's; may carry a photo)
    Resolved,
    /// 已确认解决
    Confirmed,
    /// 没解决，重新处理 (the note is the reporter's)
    Reopened,
    /// 满意度评价 (stars in `stars`)
    Rated,
    /// 超过确认期限，自动关闭
    Closed,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportEvent {
    pub kind: ReportEventKind,
    pub at: DateTime<Utc>,
    /// Who acted, with their role: "刘伟忠（楼栋长）"; None for the server's own steps, and for
    /// the reporter's steps when their name is hidden from the viewer.
    pub actor: Option<String>,
    pub note: Option<String>,
    pub stars: Option<u8>,
    pub photo: Option<PhotoRef>,
    /// "由 刘伟忠 代办" when a head acted for the reporter.
    pub acted_by: Option<String>,
}

/// What the viewer may do now; the server checks each again.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportActions {
    pub acknowledge: bool,
    pub reply: bool,
    pub transfer: bool,
    pub resolve: bool,
    /// The reporter: 已解决 / 没解决 on a resolved report.
    pub follow_up: bool,
    /// The reporter: satisfaction 1–5, once, after resolution.
    pub rate: bool,
    /// Another household of the place: 我也遇到了.
    pub support: bool,
}

/// `GET /api/v1/reports/{id}`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportView {
    pub summary: ReportSummary,
    pub text: String,
    pub show_name: bool,
    pub photos: Vec<PhotoRef>,
    /// The reporter's phone and address, for handlers and staff only.
    pub reporter_contact: Option<String>,
    pub satisfaction: Option<u8>,
    pub events: Vec<ReportEvent>,
    pub actions: ReportActions,
}

/// `POST /api/v1/reports/{id}/reply`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportReply {
    pub text: String,
}

/// Whom a report can be handed to.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TransferTarget {
    /// A head (unit, building or grid) of the community, by account.
    Head { user_id: i64 },
    /// The community's staff.
    Staff,
    /// A named outside handler (物业) of the community.
    Property { handler_id: i64 },
}

/// `GET /api/v1/reports/{id}/transfer-options`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TransferOption {
    pub target: TransferTarget,
    /// "刘伟忠（3栋楼栋长）", "社区工作人员", "恒大物业 张经理".
    pub label: String,
}

/// `POST /api/v1/reports/{id}/transfer`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportTransfer {
    pub target: TransferTarget,
    /// Why, shown on the timeline (optional).
    #[serde(default)]
    pub note: String,
}

/// `POST /api/v1/reports/{id}/resolve`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportResolve {
    pub note: String,
    #[serde(default)]
    pub photo_id: Option<i64>,
}

/// `POST /api/v1/reports/{id}/follow-up`: the reporter's 已解决 or 没解决.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportFollowUp {
    pub solved: bool,
    /// What is still wrong (required when not solved).
    #[serde(default)]
    pub note: String,
}

/// `POST /api/v1/reports/{id}/rating`: satisfaction 1–5, once.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportRating {
    pub stars: u8,
}

/// A page of reports: `GET /api/v1/reports/mine`, `/reports/inbox` (waiting for me, and for
/// staff every pending report of the community), `/reports/nearby` (open reports of my
/// building that I may +1). Keyset: pass `next` back as `?after=`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportPage {
    pub items: Vec<ReportSummary>,
    pub next: Option<String>,
}

/// One category's rules in the community's settings.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportCategoryRule {
    pub category: ReportCategory,
    /// Where a new report goes first: `Unit` (the place's heads, climbing), `Grid`, `Staff`,
    /// or `Property` (then `property_handler_id` names which).
    pub first: HandlerLevel,
    pub property_handler_id: Option<i64>,
    pub respond_hours: u32,
    pub resolve_days: u32,
}

/// A named outside handler (物业).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PropertyHandler {
    pub id: i64,
    pub name: String,
    /// Retired by staff: kept (the reports it handled still name it) but no longer a transfer
    /// option nor a category's first handler. Absent: false.
    #[serde(default)]
    pub retired: bool,
}

/// `GET`/`PUT /api/v1/reports/settings` (staff).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportSettings {
    pub rules: Vec<ReportCategoryRule>,
    pub property_handlers: Vec<PropertyHandler>,
}

/// Response, resolution and satisfaction over one month.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportFigures {
    /// Reports made this month.
    pub received: u32,
    /// Of those, acknowledged or answered before their response deadline.
    pub responded_in_time: u32,
    /// Of those, resolved (resolved, confirmed or closed).
    pub resolved: u32,
    /// Of those, confirmed by the reporter as solved.
    pub confirmed: u32,
    /// Ratings given, and their average (None without any).
    pub rated: u32,
    pub satisfaction: Option<f32>,
    /// responded_in_time / received, resolved / received (None when nothing was received).
    pub response_rate: Option<f32>,
    pub resolution_rate: Option<f32>,
}

/// One row of the dashboard's tables: a grid, a building or a handler.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportFiguresRow {
    pub name: String,
    pub this_month: ReportFigures,
    pub last_month: ReportFigures,
}

/// `GET /api/v1/reports/dashboard?month=2026-11`: staff see the community, a grid head their
/// grid.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportDashboard {
    /// "2026-11".
    pub month: String,
    /// "井湘社区" or "第一网格".
    pub scope: String,
    pub this_month: ReportFigures,
    pub last_month: ReportFigures,
    pub by_grid: Vec<ReportFiguresRow>,
    pub by_building: Vec<ReportFiguresRow>,
    pub by_handler: Vec<ReportFiguresRow>,
    /// Pending reports past a deadline, most overdue first.
    pub overdue: Vec<ReportSummary>,
}
