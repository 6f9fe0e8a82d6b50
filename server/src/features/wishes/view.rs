//! A wish as the viewer sees it: names masked on the board, in full for those it concerns;
//! the steps they may take now.

use linli_api_types::{PersonName, PhotoRef, WishSummary, WishView};

use super::row::WishRow;
use super::viewer::WishViewer;
use crate::platform::db::time;
use crate::platform::error::Result;
use crate::platform::lang::Lang;
use crate::platform::photos::table::photo_ref;

fn masked(name: &str) -> String {
    PersonName::parse(name).map_or_else(|_| "*".into(), |name| name.masked())
}

pub fn summary(row: &WishRow, viewer: &WishViewer<'_>) -> Result<WishSummary> {
    let full = viewer.sees_names(row);
    let name = |name: &str| if full { name.to_owned() } else { masked(name) };
    Ok(WishSummary {
        id: row.id,
        title: row.title.clone(),
        status: row.status()?,
        resident: name(&row.resident_name),
        place: row.place.clone(),
        points: row.points,
        claimer: row.claimer_name.as_deref().map(name),
        created_at: time(row.created_at),
        mine: viewer.is_household(row),
        claimed_by_me: viewer.is_claimer(row),
    })
}

/// "由 刘伟忠 代办": who acted for the resident when posting or thanking, in the request's
/// language.
fn acted_by(row: &WishRow) -> Option<String> {
    let mut names: Vec<&str> = Vec::new();
    for name in [row.proxy_name.as_deref(), row.thanks_proxy_name.as_deref()]
        .into_iter()
        .flatten()
    {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    if names.is_empty() {
        return None;
    }
    Some(match Lang::current() {
        Lang::Zh => format!("由 {} 代办", names.join("、")),
        Lang::En => format!("By {} for the resident", names.join(", ")),
    })
}

/// A photo of the wish, served under the wish's path to whoever may see the wish.
fn photo(
    row: &WishRow,
    id: Option<i64>,
    width: Option<i64>,
    height: Option<i64>,
) -> Option<PhotoRef> {
    Some(photo_ref(
        &format!("/wishes/{}", row.id),
        id?,
        width?,
        height?,
    ))
}

pub fn view(row: &WishRow, viewer: &WishViewer<'_>) -> Result<WishView> {
    // What the household and its reviewers read; the board sees the wish and its progress.
    let concerned = viewer.sees_names(row);
    Ok(WishView {
        summary: summary(row, viewer)?,
        text: row.text.clone(),
        photo: photo(row, row.photo_id, row.photo_width, row.photo_height),
        decline_reason: row.decline_reason.clone().filter(|_| concerned),
        reviewed_by: row.reviewer_name.clone().filter(|_| concerned),
        fulfil_note: row.fulfil_note.clone(),
        fulfil_photo: photo(
            row,
            row.fulfil_photo_id,
            row.fulfil_photo_width,
            row.fulfil_photo_height,
        ),
        fulfilled_at: row.fulfilled_at.map(time),
        thanks_note: row.thanks_note.clone(),
        thanked_at: row.thanked_at.map(time),
        acted_by: acted_by(row).filter(|_| concerned),
        actions: viewer.actions(row),
    })
}
