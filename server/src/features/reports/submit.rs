//! `POST /reports`: a resident's report, routed to the head of its place under the
//! community's rule for its category.

use linli_api_types::{
    ReportDraft, ReportEventKind, ReportLocation, ReportView, REPORT_PHOTOS_MAX,
    REPORT_PLACE_NOTE_MAX_CHARS, REPORT_TEXT_MAX_CHARS,
};
use sqlx::AnyConnection;

use super::events::{self, ActorRole, NewEvent};
use super::holders::{self, Place};
use super::messages;
use super::refusals;
use super::routing::{first_handler, Assignment};
use super::rules;
use super::view;
use super::viewer::Relation;
use crate::platform::auth::AuthUser;
use crate::platform::db::Db;
use crate::platform::error::{AppError, FieldIssue, Result, Rule};
use crate::platform::photos::table::attach;
use crate::platform::text::TextField;

const TEXT: TextField = TextField::multiline("text", REPORT_TEXT_MAX_CHARS);
const PLACE_NOTE: TextField = TextField::line("place_note", REPORT_PLACE_NOTE_MAX_CHARS).optional();

/// A draft that passed its checks, with its place resolved.
#[derive(Debug, Clone)]
pub struct Checked {
    pub draft: ReportDraft,
    pub text: String,
    pub place_note: String,
    pub place: Place,
    pub location_kind: &'static str,
}

/// Checks a draft before anything is claimed or written.
pub async fn prepare(db: &Db, auth: &AuthUser, draft: &ReportDraft) -> Result<Checked> {
    let mut issues = Vec::new();
    let text = TEXT.check(&draft.text, &mut issues);
    let place_note = PLACE_NOTE.check(&draft.place_note, &mut issues);
    if draft.photo_ids.len() > REPORT_PHOTOS_MAX {
        issues.push(crate::platform::photos::refusals::too_many(
            "photo_ids",
            REPORT_PHOTOS_MAX,
        ));
    }
    let community = auth.community_id;
    let (place, location_kind) = match draft.location {
        ReportLocation::Home => match auth.home {
            Some(home) => (
                Place {
                    community_id: community,
                    grid_id: home.grid_id,
                    building_id: home.building_id,
                    unit_id: home.unit_id,
                },
                "home",
            ),
            None => {
                issues.push(refusals::no_home());
                (Place::community(community, None), "home")
            }
        },
        ReportLocation::Building { building_id } => {
            let grid: Option<i64> = sqlx::query_scalar(
                "SELECT b.grid_id FROM buildings b JOIN grids g ON g.id = b.grid_id \
                 WHERE b.id = $1 AND g.community_id = $2",
            )
            .bind(building_id)
            .bind(community)
            .fetch_optional(&db.read)
            .await?;
            if grid.is_none() {
                // Another community's building names nothing here.
                issues.push(FieldIssue::new("location.building_id", Rule::Unknown));
            }
            (
                Place {
                    building_id: Some(building_id),
                    ..Place::community(community, grid)
                },
                "building",
            )
        }
        ReportLocation::Community => (
            Place::community(community, auth.home.and_then(|h| h.grid_id)),
            "community",
        ),
    };
    if !issues.is_empty() {
        return Err(AppError::Validation(issues));
    }
    Ok(Checked {
        draft: draft.clone(),
        text,
        place_note,
        place,
        location_kind,
    })
}

/// Files the checked report as `auth` (for a resident in a 代办 session, `proxy_by` acted).
pub async fn submit(
    tx: &mut AnyConnection,
    auth: &AuthUser,
    checked: &Checked,
    now: i64,
) -> Result<ReportView> {
    let category = checked.draft.category;
    let rule = rules::rule_for(&mut *tx, auth.community_id, category).await?;
    let holders = holders::of_place(&mut *tx, &checked.place).await?;
    let assignment = first_handler(rule.first, rule.property_handler_id, &holders);
    // The response deadline set now is the one the dashboard holds the community to
    // (first_respond_by); respond_by restarts when the report changes hands.
    let (respond_by, resolve_by) = rules::deadlines(&rule, now);
    let place = checked.place;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO reports (community_id, grid_id, building_id, unit_id, location_kind, \
            reporter_id, household_id, proxy_by, category, text, place_note, show_name, status, \
            handler_level, handler_user_id, property_handler_id, respond_by, resolve_by, \
            first_respond_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'open', $13, $14, $15, \
            $16, $17, $16, $18, $18) RETURNING id",
    )
    .bind(place.community_id)
    .bind(place.grid_id)
    .bind(place.building_id)
    .bind(place.unit_id)
    .bind(checked.location_kind)
    .bind(auth.user_id)
    .bind(auth.household_id)
    .bind(auth.proxy_by)
    .bind(category.as_str())
    .bind(checked.text.as_str())
    .bind(checked.place_note.as_str())
    .bind(i64::from(checked.draft.show_name))
    .bind(assignment.level.as_str())
    .bind(assignment.user_id)
    .bind(assignment.property_handler_id)
    .bind(respond_by)
    .bind(resolve_by)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    remember_holder(&mut *tx, id, &assignment).await?;
    attach(
        &mut *tx,
        &checked.draft.photo_ids,
        auth.user_id,
        auth.community_id,
        view::attach_to(id),
        "photo_ids",
        REPORT_PHOTOS_MAX,
    )
    .await?;
    let event = NewEvent {
        proxy_by: auth.proxy_by,
        ..NewEvent::by(
            ReportEventKind::Submitted,
            (auth.user_id, ActorRole::Reporter),
            now,
        )
        .to(assignment)
    };
    events::add(&mut *tx, id, event).await?;
    let row = super::row::load(&mut *tx, id, auth.household_id)
        .await?
        .ok_or_else(|| AppError::internal("inserted report not found"))?;
    let actors: Vec<i64> = [Some(auth.user_id), auth.proxy_by].into_iter().flatten().collect();
    messages::waiting(&mut *tx, &row, &assignment, &actors, now).await?;
    let relation = Relation::of(&mut *tx, auth, &row).await?;
    view::build(&mut *tx, auth, &row, &relation, now).await
}

/// Records that a head now holds the report (they keep seeing it after it moves on).
pub async fn remember_holder(
    tx: &mut AnyConnection,
    report_id: i64,
    assignment: &Assignment,
) -> Result<()> {
    if let Some(user_id) = assignment.user_id {
        sqlx::query(
            "INSERT INTO report_holders (report_id, user_id) VALUES ($1, $2) \
             ON CONFLICT (report_id, user_id) DO NOTHING",
        )
        .bind(report_id)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}
