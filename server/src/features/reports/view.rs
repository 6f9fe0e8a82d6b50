//! `GET /reports/{id}`: the report as one viewer may see it.

use linli_api_types::ReportView;
use sqlx::AnyConnection;

use super::events;
use super::row::{self, ReportRow};
use super::viewer::Relation;
use crate::platform::auth::AuthUser;
use crate::platform::db::Db;
use crate::platform::error::{AppError, Result};
use crate::platform::photos::table::refs_for;
use crate::platform::photos::AttachTo;

pub fn attach_to(report_id: i64) -> AttachTo {
    AttachTo {
        kind: "report",
        id: report_id,
    }
}

/// The report and the viewer's relation to it, or 404 when they may not see it.
pub async fn visible(
    conn: &mut AnyConnection,
    auth: &AuthUser,
    id: i64,
) -> Result<(ReportRow, Relation)> {
    let row = row::load(&mut *conn, id, auth.household_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let relation = Relation::of(&mut *conn, auth, &row).await?;
    relation.require_see()?;
    Ok((row, relation))
}

pub async fn detail(db: &Db, auth: &AuthUser, id: i64, now: i64) -> Result<ReportView> {
    let mut conn = db.read.acquire().await?;
    let (row, relation) = visible(&mut conn, auth, id).await?;
    build(&mut conn, auth, &row, &relation, now).await
}

/// The view of a loaded report for a viewer who may see it.
pub async fn build(
    conn: &mut AnyConnection,
    auth: &AuthUser,
    row: &ReportRow,
    relation: &Relation,
    now: i64,
) -> Result<ReportView> {
    let name_visible = relation.sees_reporter() || row.show_name == 1;
    let handles =
        relation.staff || relation.grid_head || relation.current_handler || relation.past_holder;
    let contact = handles.then(|| {
        // The door is shown where the report is the reporter's home (its unit is theirs).
        let home = row
            .door
            .as_ref()
            .filter(|_| row.location_kind == "home")
            .map(|door| format!(" · {} {door}", row.place_label_home()))
            .unwrap_or_default();
        format!("{}{home}", row.reporter_phone)
    });
    Ok(ReportView {
        summary: row.summary(name_visible, relation.reporter, now)?,
        text: row.text.clone(),
        show_name: row.show_name == 1,
        photos: refs_for(
            &mut *conn,
            attach_to(row.id),
            &format!("/reports/{}", row.id),
        )
        .await?,
        reporter_contact: contact,
        satisfaction: row.satisfaction.and_then(|s| u8::try_from(s).ok()),
        events: events::timeline(&mut *conn, row.id, name_visible).await?,
        actions: relation.actions(row, auth)?,
    })
}
