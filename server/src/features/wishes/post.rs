//! 许个心愿: a resident (or a head by 代办) posts a wish for their household; it waits for a
//! head of their place to publish it.

use linli_api_types::{
    WishDraft, WishView, WISHES_OPEN_MAX, WISH_POINTS_DEFAULT, WISH_TEXT_MAX_CHARS,
    WISH_TITLE_MAX_CHARS,
};
use sqlx::AnyConnection;

use super::refusals::WishRefusal;
use super::row::{load, photo_of};
use super::view::view;
use super::viewer::WishViewer;
use crate::platform::auth::AuthUser;
use crate::platform::error::{AppError, Result};
use crate::platform::photos::table::attach;
use crate::platform::text::TextField;

const TITLE: TextField = TextField::line("title", WISH_TITLE_MAX_CHARS);
const TEXT: TextField = TextField::multiline("text", WISH_TEXT_MAX_CHARS).optional();

/// A draft whose fields follow the rules, cleaned.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Checked {
    pub title: String,
    pub text: String,
    pub photo_id: Option<i64>,
}

/// The draft's fields, or 422 with each field's problem. A home is needed first: a wish is a
/// household's, and its heads review it.
pub fn check(auth: &AuthUser, draft: &WishDraft) -> Result<Checked> {
    if auth.household_id.is_none() || auth.home.is_none() {
        return Err(WishRefusal::NoHome.into());
    }
    let mut issues = Vec::new();
    let title = TITLE.check(&draft.title, &mut issues);
    let text = TEXT.check(&draft.text, &mut issues);
    if !issues.is_empty() {
        return Err(AppError::Validation(issues));
    }
    Ok(Checked {
        title,
        text,
        photo_id: draft.photo_id,
    })
}

/// Stores the wish `pending`, within the household's cap of wishes in progress.
pub async fn post(
    tx: &mut AnyConnection,
    auth: &AuthUser,
    checked: Checked,
    now: i64,
) -> Result<WishView> {
    let (Some(household), Some(home)) = (auth.household_id, auth.home) else {
        return Err(WishRefusal::NoHome.into());
    };
    // Two posts of one household at once take turns here (a row lock on PostgreSQL; SQLite has
    // one writer), so the count below cannot be passed by both.
    sqlx::query("UPDATE households SET id = id WHERE id = $1")
        .bind(household)
        .execute(&mut *tx)
        .await?;
    let in_progress: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM wishes WHERE household_id = $1 \
         AND status IN ('pending', 'open', 'claimed')",
    )
    .bind(household)
    .fetch_one(&mut *tx)
    .await?;
    if in_progress >= WISHES_OPEN_MAX {
        return Err(WishRefusal::OpenCap.into());
    }
    let unit = home
        .unit_id
        .ok_or_else(|| AppError::internal("a home without a unit"))?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO wishes (community_id, resident_id, household_id, unit_id, title, text, \
            status, points, proxy_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8, $9, $9) RETURNING id",
    )
    .bind(auth.community_id)
    .bind(auth.user_id)
    .bind(household)
    .bind(unit)
    .bind(&checked.title)
    .bind(&checked.text)
    .bind(WISH_POINTS_DEFAULT)
    .bind(auth.proxy_by)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    if let Some(photo) = checked.photo_id {
        // The uploader's own unattached photo (in 代办, the resident's: the upload was theirs).
        attach(
            tx,
            &[photo],
            auth.user_id,
            auth.community_id,
            photo_of(id),
            "photo_id",
            1,
        )
        .await?;
        sqlx::query("UPDATE wishes SET photo_id = $1 WHERE id = $2")
            .bind(photo)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    let row = load(&mut *tx, id)
        .await?
        .ok_or_else(|| AppError::internal("the wish just posted"))?;
    view(&row, &WishViewer::new(auth))
}
