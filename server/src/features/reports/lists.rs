//! Pages of reports: 我的反映 (mine), 待我处理 (inbox), 本楼的问题 (nearby) and the similar
//! open reports shown before sending. Keyset pages, newest first: `next` is the last id.

use linli_api_types::{ReportCategory, ReportPage, ReportSummary, Role};

use super::row::{ReportRow, SELECT};
use crate::platform::auth::{AuthUser, PlacePath};
use crate::platform::db::Db;
use crate::platform::error::Result;

const PENDING: &str = "r.status IN ('open', 'acknowledged')";

/// One page: `after` the last id of the previous page.
#[derive(Debug, Clone, Copy)]
pub struct PageAsk {
    pub after: Option<i64>,
    pub limit: u32,
}

fn page(
    rows: Vec<ReportRow>,
    limit: u32,
    summary: impl Fn(&ReportRow) -> Result<ReportSummary>,
) -> Result<ReportPage> {
    let more = rows.len() > limit as usize;
    let items = rows
        .iter()
        .take(limit as usize)
        .map(summary)
        .collect::<Result<Vec<_>>>()?;
    let next = more
        .then(|| items.last().map(|item| item.id.to_string()))
        .flatten();
    Ok(ReportPage { items, next })
}

fn household(auth: &AuthUser) -> i64 {
    auth.household_id.unwrap_or(-1)
}

fn mine(auth: &AuthUser, row: &ReportRow) -> bool {
    row.reporter_id == auth.user_id
        || (auth.household_id.is_some() && auth.household_id == row.household_id)
}

/// What the viewer's household reported.
pub async fn mine_page(db: &Db, auth: &AuthUser, ask: PageAsk, now: i64) -> Result<ReportPage> {
    let rows: Vec<ReportRow> = sqlx::query_as(&format!(
        "{SELECT} WHERE (r.household_id = $1 OR r.reporter_id = $2) AND r.id < $3 \
         ORDER BY r.id DESC LIMIT $4"
    ))
    .bind(household(auth))
    .bind(auth.user_id)
    .bind(ask.after.unwrap_or(i64::MAX))
    .bind(i64::from(ask.limit) + 1)
    .fetch_all(&db.read)
    .await?;
    page(rows, ask.limit, |row| row.summary(true, true, now))
}

/// Pending reports waiting for the viewer: held by them, of a grid they head, and for staff
/// every pending report of the community.
pub async fn inbox(db: &Db, auth: &AuthUser, ask: PageAsk, now: i64) -> Result<ReportPage> {
    let staff = auth.covers(Role::Staff, &PlacePath::community(auth.community_id));
    let rows: Vec<ReportRow> = sqlx::query_as(&format!(
        "{SELECT} WHERE r.community_id = $2 AND {PENDING} AND (r.handler_user_id = $3 \
            OR $4 = 1 \
            OR r.grid_id IN (SELECT g.scope_id FROM role_grants g WHERE g.user_id = $3 \
                AND g.role = 'grid_head' AND g.scope_kind = 'grid')) \
           AND r.id < $5 ORDER BY r.id DESC LIMIT $6"
    ))
    .bind(household(auth))
    .bind(auth.community_id)
    .bind(auth.user_id)
    .bind(i64::from(staff))
    .bind(ask.after.unwrap_or(i64::MAX))
    .bind(i64::from(ask.limit) + 1)
    .fetch_all(&db.read)
    .await?;
    page(rows, ask.limit, |row| {
        row.summary(true, mine(auth, row), now)
    })
}

/// Pending reports of the viewer's building by other households (names as their reporters
/// chose), to press 我也遇到了.
pub async fn nearby(db: &Db, auth: &AuthUser, ask: PageAsk, now: i64) -> Result<ReportPage> {
    let Some(building) = auth.home.and_then(|home| home.building_id) else {
        return Ok(ReportPage {
            items: Vec::new(),
            next: None,
        });
    };
    let rows: Vec<ReportRow> = sqlx::query_as(&format!(
        "{SELECT} WHERE r.community_id = $2 AND r.building_id = $3 AND {PENDING} \
           AND r.reporter_id <> $4 AND (r.household_id IS NULL OR r.household_id <> $1) \
           AND r.id < $5 ORDER BY r.id DESC LIMIT $6"
    ))
    .bind(household(auth))
    .bind(auth.community_id)
    .bind(building)
    .bind(auth.user_id)
    .bind(ask.after.unwrap_or(i64::MAX))
    .bind(i64::from(ask.limit) + 1)
    .fetch_all(&db.read)
    .await?;
    page(rows, ask.limit, |row| {
        row.summary(row.show_name == 1, false, now)
    })
}

/// Where a draft is about, for [`similar`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SimilarPlace {
    Building(i64),
    Community,
}

/// Up to 5 pending reports of the same category and place, newest first.
pub async fn similar(
    db: &Db,
    auth: &AuthUser,
    category: ReportCategory,
    place: SimilarPlace,
    now: i64,
) -> Result<Vec<ReportSummary>> {
    let (building, community_wide) = match place {
        SimilarPlace::Building(id) => (id, 0),
        SimilarPlace::Community => (-1, 1),
    };
    let rows: Vec<ReportRow> = sqlx::query_as(&format!(
        "{SELECT} WHERE r.community_id = $2 AND r.category = $3 AND {PENDING} \
           AND (r.building_id = $4 OR ($5 = 1 AND r.location_kind = 'community')) \
         ORDER BY r.id DESC LIMIT 5"
    ))
    .bind(household(auth))
    .bind(auth.community_id)
    .bind(category.as_str())
    .bind(building)
    .bind(community_wide)
    .fetch_all(&db.read)
    .await?;
    rows.iter()
        .map(|row| {
            let own = mine(auth, row);
            row.summary(own || row.show_name == 1, own, now)
        })
        .collect()
}
