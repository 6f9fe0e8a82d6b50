//! The report's timeline: a `report_events` row per step, read back with who acted in words
//! ("刘伟忠（楼栋长）", "由 刘伟忠 代办").

use linli_api_types::{ReportEvent, ReportEventKind};
use sqlx::{AnyConnection, Executor};

use super::row::time;
use crate::platform::error::{AppError, Result};
use crate::platform::lang::Lang;
use crate::platform::photos::table::photo_ref;

/// Who acted on a report, as the event records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorRole {
    Reporter,
    UnitHead,
    BuildingHead,
    GridHead,
    Staff,
}

impl ActorRole {
    pub fn as_str(self) -> &'static str {
        match self {
            ActorRole::Reporter => "reporter",
            ActorRole::UnitHead => "unit_head",
            ActorRole::BuildingHead => "building_head",
            ActorRole::GridHead => "grid_head",
            ActorRole::Staff => "staff",
        }
    }

    fn label(role: &str, lang: Lang) -> &'static str {
        match role {
            "reporter" => lang.pick("反映人", "reporter"),
            "unit_head" => lang.pick("单元长", "unit head"),
            "building_head" => lang.pick("楼栋长", "building head"),
            "grid_head" => lang.pick("网格长", "grid head"),
            _ => lang.pick("社区工作人员", "community staff"),
        }
    }
}

fn kind_str(kind: ReportEventKind) -> &'static str {
    match kind {
        ReportEventKind::Submitted => "submitted",
        ReportEventKind::Acknowledged => "acknowledged",
        ReportEventKind::Replied => "replied",
        ReportEventKind::Transferred => "transferred",
        ReportEventKind::Escalated => "escalated",
        ReportEventKind::Resolved => "resolved",
        ReportEventKind::Confirmed => "confirmed",
        ReportEventKind::Reopened => "reopened",
        ReportEventKind::Rated => "rated",
        ReportEventKind::Closed => "closed",
    }
}

const KINDS: [ReportEventKind; 10] = [
    ReportEventKind::Submitted,
    ReportEventKind::Acknowledged,
    ReportEventKind::Replied,
    ReportEventKind::Transferred,
    ReportEventKind::Escalated,
    ReportEventKind::Resolved,
    ReportEventKind::Confirmed,
    ReportEventKind::Reopened,
    ReportEventKind::Rated,
    ReportEventKind::Closed,
];

/// A step to record. `actor` is `None` for the server's own (escalation, closing).
#[derive(Debug, Clone, Copy)]
pub struct NewEvent<'a> {
    pub kind: ReportEventKind,
    pub actor: Option<(i64, ActorRole)>,
    pub proxy_by: Option<i64>,
    pub note: Option<&'a str>,
    pub stars: Option<u8>,
    pub at: i64,
}

impl<'a> NewEvent<'a> {
    pub fn by(kind: ReportEventKind, actor: (i64, ActorRole), at: i64) -> Self {
        Self {
            kind,
            actor: Some(actor),
            proxy_by: None,
            note: None,
            stars: None,
            at,
        }
    }

    pub fn system(kind: ReportEventKind, at: i64) -> Self {
        Self {
            actor: None,
            ..Self::by(kind, (0, ActorRole::Staff), at)
        }
    }

    pub fn note(self, note: &'a str) -> Self {
        Self {
            note: Some(note).filter(|n| !n.is_empty()),
            ..self
        }
    }
}

/// Records `event` on `report_id`; answers the event's id (to attach a photo to).
pub async fn add(tx: &mut AnyConnection, report_id: i64, event: NewEvent<'_>) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO report_events (report_id, kind, actor_id, actor_role, proxy_by, note, \
            stars, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(report_id)
    .bind(kind_str(event.kind))
    .bind(event.actor.map(|(id, _)| id))
    .bind(event.actor.map(|(_, role)| role.as_str()))
    .bind(event.proxy_by)
    .bind(event.note)
    .bind(event.stars.map(i64::from))
    .bind(event.at)
    .fetch_one(&mut *tx)
    .await?)
}

#[derive(sqlx::FromRow)]
struct EventRow {
    kind: String,
    at: i64,
    actor_name: Option<String>,
    actor_role: Option<String>,
    note: Option<String>,
    stars: Option<i64>,
    acted_by: Option<String>,
    photo_id: Option<i64>,
    photo_width: Option<i64>,
    photo_height: Option<i64>,
}

/// The timeline, oldest first. `reporter_visible`: whether the viewer may see the reporter's
/// name (otherwise the reporter's own steps show no actor).
pub async fn timeline<'e>(
    executor: impl Executor<'e, Database = sqlx::Any>,
    report_id: i64,
    reporter_visible: bool,
) -> Result<Vec<ReportEvent>> {
    let rows: Vec<EventRow> = sqlx::query_as(
        "SELECT e.kind, e.at, u.name AS actor_name, e.actor_role, e.note, e.stars, \
            p.name AS acted_by, ph.id AS photo_id, ph.width AS photo_width, \
            ph.height AS photo_height \
         FROM report_events e LEFT JOIN users u ON u.id = e.actor_id \
         LEFT JOIN users p ON p.id = e.proxy_by \
         LEFT JOIN photos ph ON ph.attached_kind = 'report_event' AND ph.attached_id = e.id \
         WHERE e.report_id = $1 ORDER BY e.id",
    )
    .bind(report_id)
    .fetch_all(executor)
    .await?;
    let lang = Lang::current();
    let prefix = format!("/reports/{report_id}");
    rows.into_iter()
        .map(|row| {
            let kind = KINDS
                .into_iter()
                .find(|kind| kind_str(*kind) == row.kind)
                .ok_or_else(|| AppError::internal(format!("report event {}", row.kind)))?;
            let hidden = row.actor_role.as_deref() == Some("reporter") && !reporter_visible;
            let actor = match (&row.actor_name, &row.actor_role) {
                (Some(name), Some(role)) if !hidden => Some(match lang {
                    Lang::Zh => format!("{name}（{}）", ActorRole::label(role, lang)),
                    Lang::En => format!("{name} ({})", ActorRole::label(role, lang)),
                }),
                _ => None,
            };
            Ok(ReportEvent {
                kind,
                at: time(row.at)?,
                actor,
                note: row.note,
                stars: row.stars.and_then(|s| u8::try_from(s).ok()),
                photo: row.photo_id.map(|id| {
                    photo_ref(
                        &prefix,
                        id,
                        row.photo_width.unwrap_or(0),
                        row.photo_height.unwrap_or(0),
                    )
                }),
                acted_by: row.acted_by.filter(|_| !hidden).map(|name| match lang {
                    Lang::Zh => format!("由 {name} 代办"),
                    Lang::En => format!("by {name} for the resident (代办)"),
                }),
            })
        })
        .collect()
}
