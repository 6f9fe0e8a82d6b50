//! A report as stored, with the names its summary shows, and its summary for one viewer.

use chrono::{DateTime, Utc};
use linli_api_types::{HandlerLevel, ReportCategory, ReportHandler, ReportStatus, ReportSummary};
use sqlx::Executor;

use crate::platform::error::{AppError, Result};
use crate::platform::lang::Lang;
use crate::platform::photos::table::photo_ref;

/// The columns every read selects; `$1` is the viewer's household (or -1), for `supported`.
pub const SELECT: &str = "\
    SELECT r.id, r.community_id, r.grid_id, r.building_id, r.unit_id, r.location_kind, \
        r.reporter_id, r.household_id, r.category, r.text, r.place_note, r.show_name, \
        r.status, r.handler_level, r.handler_user_id, r.property_handler_id, r.resolved_by, \
        r.escalations, r.respond_by, r.resolve_by, r.responded_at, r.first_respond_by, \
        r.first_responded_at, r.resolved_at, r.finished_at, r.overdue_since, r.satisfaction, \
        r.version, r.created_at, r.updated_at, \
        ru.name AS reporter_name, ru.phone AS reporter_phone, b.name AS building_name, \
        un.name AS unit_name, hh.door AS door, hu.name AS handler_name, \
        ph.name AS property_name, \
        CAST((SELECT COUNT(*) FROM report_supports s WHERE s.report_id = r.id) AS BIGINT) \
            AS supporters, \
        CAST(CASE WHEN EXISTS (SELECT 1 FROM report_supports s WHERE s.report_id = r.id \
            AND s.household_id = $1) THEN 1 ELSE 0 END AS BIGINT) AS supported, \
        tp.id AS thumb_id, tp.width AS thumb_width, tp.height AS thumb_height \
    FROM reports r JOIN users ru ON ru.id = r.reporter_id \
    LEFT JOIN households hh ON hh.id = r.household_id \
    LEFT JOIN buildings b ON b.id = r.building_id LEFT JOIN units un ON un.id = r.unit_id \
    LEFT JOIN users hu ON hu.id = r.handler_user_id \
    LEFT JOIN report_property_handlers ph ON ph.id = r.property_handler_id \
    LEFT JOIN photos tp ON tp.id = (SELECT MIN(p.id) FROM photos p \
        WHERE p.attached_kind = 'report' AND p.attached_id = r.id)";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReportRow {
    pub id: i64,
    pub community_id: i64,
    pub grid_id: Option<i64>,
    pub building_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub location_kind: String,
    pub reporter_id: i64,
    pub household_id: Option<i64>,
    pub category: String,
    pub text: String,
    pub place_note: String,
    pub show_name: i64,
    pub status: String,
    pub handler_level: String,
    pub handler_user_id: Option<i64>,
    pub property_handler_id: Option<i64>,
    pub resolved_by: Option<i64>,
    pub escalations: i64,
    pub respond_by: i64,
    pub resolve_by: i64,
    pub responded_at: Option<i64>,
    /// The response deadline set at filing (respond_by restarts when it changes hands).
    pub first_respond_by: i64,
    /// The first acknowledge, reply or resolve by anyone (responded_at is cleared on a move).
    pub first_responded_at: Option<i64>,
    pub overdue_since: Option<i64>,
    pub satisfaction: Option<i64>,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub reporter_name: String,
    pub reporter_phone: String,
    pub building_name: Option<String>,
    pub unit_name: Option<String>,
    pub door: Option<String>,
    pub handler_name: Option<String>,
    pub property_name: Option<String>,
    pub supporters: i64,
    pub supported: i64,
    pub thumb_id: Option<i64>,
    pub thumb_width: Option<i64>,
    pub thumb_height: Option<i64>,
}

/// One report by id, as `household` (the viewer's, for `supported`) sees the columns.
pub async fn load<'e>(
    executor: impl Executor<'e, Database = sqlx::Any>,
    id: i64,
    household: Option<i64>,
) -> Result<Option<ReportRow>> {
    Ok(sqlx::query_as(&format!("{SELECT} WHERE r.id = $2"))
        .bind(household.unwrap_or(-1))
        .bind(id)
        .fetch_optional(executor)
        .await?)
}

pub fn time(ms: i64) -> Result<DateTime<Utc>> {
    DateTime::from_timestamp_millis(ms).ok_or_else(|| AppError::internal("time out of range"))
}

/// The first characters of a report's text in lists.
const EXCERPT_CHARS: usize = 80;

impl ReportRow {
    pub fn status(&self) -> Result<ReportStatus> {
        ReportStatus::parse(&self.status)
            .ok_or_else(|| AppError::internal(format!("report status {}", self.status)))
    }

    pub fn category(&self) -> Result<ReportCategory> {
        ReportCategory::parse(&self.category)
            .ok_or_else(|| AppError::internal(format!("report category {}", self.category)))
    }

    pub fn level(&self) -> Result<HandlerLevel> {
        HandlerLevel::parse(&self.handler_level)
            .ok_or_else(|| AppError::internal(format!("handler level {}", self.handler_level)))
    }

    pub fn place(&self) -> super::holders::Place {
        super::holders::Place {
            community_id: self.community_id,
            grid_id: self.grid_id,
            building_id: self.building_id,
            unit_id: self.unit_id,
        }
    }

    /// Pending and past a deadline at `now`.
    pub fn overdue(&self, now: i64) -> Result<bool> {
        Ok(self.status()?.is_pending()
            && ((self.responded_at.is_none() && self.respond_by <= now) || self.resolve_by <= now))
    }

    /// "3栋 1单元", "5栋 · 东侧绿化带", "社区 · 南门".
    pub fn place_label(&self, lang: Lang) -> String {
        let base = match self.location_kind.as_str() {
            "community" => lang.pick("社区", "Community").to_owned(),
            "home" => [self.building_name.as_deref(), self.unit_name.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" "),
            _ => self.building_name.clone().unwrap_or_default(),
        };
        if self.place_note.is_empty() {
            base
        } else {
            format!("{base} · {}", self.place_note)
        }
    }

    /// The reporter's building and unit ("3栋 1单元") when the report is about their home;
    /// otherwise the report's building, if any.
    pub fn place_label_home(&self) -> String {
        [self.building_name.as_deref(), self.unit_name.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Who holds it now, as the viewer reads it.
    pub fn handler(&self, lang: Lang) -> Result<ReportHandler> {
        let level = self.level()?;
        let name = match level {
            HandlerLevel::Staff => lang.pick("社区工作人员", "Community staff").to_owned(),
            HandlerLevel::Property => self.property_name.clone().unwrap_or_default(),
            _ => self.handler_name.clone().unwrap_or_default(),
        };
        Ok(ReportHandler { level, name })
    }

    /// The summary as a viewer sees it: `name_visible` when they may see the reporter's name,
    /// `mine` when their household reported it.
    pub fn summary(&self, name_visible: bool, mine: bool, now: i64) -> Result<ReportSummary> {
        let lang = Lang::current();
        let prefix = format!("/reports/{}", self.id);
        Ok(ReportSummary {
            id: self.id,
            category: self.category()?,
            status: self.status()?,
            excerpt: self.text.chars().take(EXCERPT_CHARS).collect(),
            place: self.place_label(lang),
            reporter: name_visible.then(|| self.reporter_name.clone()),
            supporters: u32::try_from(self.supporters).unwrap_or(0),
            handler: self.handler(lang)?,
            escalations: u32::try_from(self.escalations).unwrap_or(0),
            respond_by: (self.responded_at.is_none() && self.status()?.is_pending())
                .then(|| time(self.respond_by))
                .transpose()?,
            resolve_by: self
                .status()?
                .is_pending()
                .then(|| time(self.resolve_by))
                .transpose()?,
            overdue: self.overdue(now)?,
            thumbnail: self.thumb_id.map(|id| {
                photo_ref(
                    &prefix,
                    id,
                    self.thumb_width.unwrap_or(0),
                    self.thumb_height.unwrap_or(0),
                )
            }),
            created_at: time(self.created_at)?,
            updated_at: time(self.updated_at)?,
            mine,
            supported: self.supported == 1,
        })
    }
}
