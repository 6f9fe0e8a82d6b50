//! Notices 通知公告: who sees which notice, who manages it, and the queries behind the
//! `/notices` endpoints.
//!
//! A user's audience is at most four places (the community, grid, building and unit of their
//! household); staff also see everything their grants cover, and authors their own notices.
//! Each notice stores its target and the target's place path, so both are column matches.

pub mod routes;
pub use routes::router;
pub mod validate;

use std::collections::BTreeMap;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Utc};
use linli_api_types::{
    AuthoredNotice, Notice, NoticeAuthor, NoticeCategory, NoticeSummary, ReadReceipts, Role, Scope,
    ScopeKind, UnitUnread,
};
use sqlx::{Any, Executor};

use crate::platform::auth::{AuthUser, Grant, PlacePath};
use crate::platform::sql_params::Params;
use crate::platform::db::Db;
use crate::platform::error::{AppError, Result};
use crate::features::community::places::{self, BUILDING_NAME_SQL, UNIT_NAME_SQL};

/// Characters of body shown in a list.
pub const EXCERPT_CHARS: usize = 80;

/// The signed-in user as the notices see them.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub auth: AuthUser,
    /// Where their household is; `None` for users without one.
    pub home: Option<PlacePath>,
}

fn path_column(kind: ScopeKind) -> &'static str {
    match kind {
        ScopeKind::Community => "n.community_id",
        ScopeKind::Grid => "n.grid_id",
        ScopeKind::Building => "n.building_id",
        ScopeKind::Unit => "n.unit_id",
    }
}

impl Viewer {
    /// The home comes with the session (`AuthUser::home`): no query of its own.
    pub fn of(auth: AuthUser) -> Self {
        Self {
            home: auth.home,
            auth,
        }
    }

    fn staff_grants(&self) -> impl Iterator<Item = &Grant> {
        self.auth
            .grants
            .iter()
            .filter(|grant| grant.role == Role::Staff)
    }

    /// SQL over `notices n`: the notice is addressed to the viewer's home, covered by one of
    /// their staff grants, or theirs. Withdrawal and expiry are not considered here.
    pub fn in_scope_sql(&self, params: &mut Params) -> String {
        let mut any = Vec::new();
        let audience: Vec<(ScopeKind, i64)> = match &self.home {
            Some(home) => ScopeKind::ALL
                .into_iter()
                .filter_map(|kind| home.at(kind).map(|id| (kind, id)))
                .collect(),
            None => vec![(ScopeKind::Community, self.auth.community_id)],
        };
        for (kind, id) in audience {
            any.push(format!(
                "(n.target_kind = '{}' AND n.target_id = {})",
                kind.as_str(),
                params.push(id)
            ));
        }
        let staff: Vec<Grant> = self.staff_grants().copied().collect();
        for grant in staff {
            any.push(format!(
                "({} = {} AND n.community_id = {})",
                path_column(grant.scope_kind),
                params.push(grant.scope_id),
                params.push(self.auth.community_id)
            ));
        }
        any.push(format!("n.author_id = {}", params.push(self.auth.user_id)));
        format!("({})", any.join(" OR "))
    }

    /// SQL over `notice_reads r`: the read is the viewer's household's (or theirs, without one).
    fn reader_sql(&self, params: &mut Params) -> String {
        match self.auth.household_id {
            Some(household) => format!("r.household_id = {}", params.push(household)),
            None => format!(
                "r.household_id IS NULL AND r.user_id = {}",
                params.push(self.auth.user_id)
            ),
        }
    }

    /// [`Viewer::in_scope_sql`] for one notice already loaded.
    pub fn in_scope(&self, row: &NoticeRow) -> bool {
        let addressed = match &self.home {
            Some(home) => home.is_within(row.target_kind(), row.target_id),
            None => {
                row.target_kind() == ScopeKind::Community && row.target_id == self.auth.community_id
            }
        };
        addressed
            || row.author_id == self.auth.user_id
            || self.auth.covers(Role::Staff, &row.path())
    }

    /// Staff covering the target, or the author while a role of theirs still covers it (as
    /// posting needs): may edit, withdraw and see receipts. A head removed from the building
    /// loses their notices' management at once; authorship alone is no right (issue 15).
    pub fn can_manage(&self, row: &NoticeRow) -> bool {
        let path = row.path();
        self.auth.covers(Role::Staff, &path)
            || (row.author_id == self.auth.user_id && self.grant_for(&path).is_some())
    }

    /// The grant the viewer would post to `place` under: the narrowest one covering it.
    pub fn grant_for(&self, place: &PlacePath) -> Option<Grant> {
        self.auth
            .grants
            .iter()
            .filter(|grant| place.community_id == self.auth.community_id && grant.covers(place))
            .max_by_key(|grant| grant.scope_kind)
            .copied()
    }
}

/// A notice as loaded, with names joined in.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct NoticeRow {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub category: String,
    pub target_kind: String,
    pub target_id: i64,
    pub target_name: Option<String>,
    pub community_id: i64,
    pub grid_id: Option<i64>,
    pub building_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub author_id: i64,
    pub author_name: String,
    pub author_role: String,
    pub author_scope_name: Option<String>,
    pub pinned_until: Option<i64>,
    pub expires_at: Option<i64>,
    pub published_at: i64,
    pub edited_at: Option<i64>,
    pub withdrawn_at: Option<i64>,
    pub is_read: i64,
}

fn time(ms: i64) -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp_millis(ms).unwrap_or(DateTime::<Utc>::MAX_UTC)
}

impl NoticeRow {
    pub fn target_kind(&self) -> ScopeKind {
        ScopeKind::parse(&self.target_kind).unwrap_or(ScopeKind::Unit)
    }

    pub fn path(&self) -> PlacePath {
        PlacePath {
            community_id: self.community_id,
            grid_id: self.grid_id,
            building_id: self.building_id,
            unit_id: self.unit_id,
        }
    }

    pub fn is_expired(&self, now: i64) -> bool {
        self.expires_at.is_some_and(|at| at <= now)
    }

    pub fn is_pinned(&self, now: i64) -> bool {
        self.pinned_until.is_some_and(|at| at > now)
    }

    fn category(&self) -> Result<NoticeCategory> {
        NoticeCategory::parse(&self.category)
            .ok_or_else(|| AppError::internal(format!("notice category {}", self.category)))
    }

    fn author(&self) -> Result<NoticeAuthor> {
        Ok(NoticeAuthor {
            name: self.author_name.clone(),
            role: Role::parse(&self.author_role)
                .ok_or_else(|| AppError::internal(format!("role {}", self.author_role)))?,
            scope_name: self.author_scope_name.clone().unwrap_or_default(),
        })
    }

    fn target(&self) -> Scope {
        Scope {
            kind: self.target_kind(),
            id: self.target_id,
            name: self.target_name.clone().unwrap_or_default(),
        }
    }

    pub fn summary(&self, now: i64) -> Result<NoticeSummary> {
        Ok(NoticeSummary {
            id: self.id,
            title: self.title.clone(),
            excerpt: validate::excerpt(&self.body, EXCERPT_CHARS),
            category: self.category()?,
            author: self.author()?,
            target: self.target(),
            pinned: self.is_pinned(now),
            published_at: time(self.published_at),
            edited_at: self.edited_at.map(time),
            read: self.is_read != 0,
        })
    }

    pub fn notice(&self, can_manage: bool) -> Result<Notice> {
        Ok(Notice {
            id: self.id,
            title: self.title.clone(),
            body: self.body.clone(),
            category: self.category()?,
            author: self.author()?,
            target: self.target(),
            pinned_until: self.pinned_until.map(time),
            expires_at: self.expires_at.map(time),
            published_at: time(self.published_at),
            edited_at: self.edited_at.map(time),
            read: self.is_read != 0,
            can_manage,
        })
    }
}

/// The name of the place at `kind_column`'s level, from the joined `c`, `g`, `b`, `un`.
fn place_name_sql(kind_column: &str) -> String {
    format!(
        "CASE {kind_column} WHEN 'community' THEN c.name WHEN 'grid' THEN g.name \
         WHEN 'building' THEN {building} WHEN 'unit' THEN {unit} END",
        building = BUILDING_NAME_SQL,
        unit = UNIT_NAME_SQL.replace("u.name", "un.name"),
    )
}

/// `SELECT … FROM notices n …` with names and the viewer's read flag; `body` is cut to
/// `body_chars` when given (lists need only an excerpt).
fn select_sql(viewer: &Viewer, params: &mut Params, body_chars: Option<usize>) -> String {
    let body = match body_chars {
        Some(chars) => format!("substr(n.body, 1, {chars})"),
        None => "n.body".into(),
    };
    let reader = viewer.reader_sql(params);
    format!(
        "SELECT n.id, n.title, {body} AS body, n.category, n.target_kind, n.target_id, \
            {target_name} AS target_name, n.community_id, n.grid_id, n.building_id, n.unit_id, \
            n.author_id, a.name AS author_name, n.author_role, {author_scope} AS author_scope_name, \
            n.pinned_until, n.expires_at, n.published_at, n.edited_at, n.withdrawn_at, \
            CASE WHEN EXISTS (SELECT 1 FROM notice_reads r WHERE r.notice_id = n.id AND {reader}) \
                THEN 1 ELSE 0 END AS is_read \
         FROM notices n \
         JOIN users a ON a.id = n.author_id \
         JOIN communities c ON c.id = n.community_id \
         LEFT JOIN grids g ON g.id = n.grid_id \
         LEFT JOIN buildings b ON b.id = n.building_id \
         LEFT JOIN units un ON un.id = n.unit_id",
        target_name = place_name_sql("n.target_kind"),
        author_scope = place_name_sql("n.author_scope_kind"),
    )
}

/// One notice by id, whoever may see it (the caller checks [`Viewer::in_scope`]).
pub async fn load<'e, E>(executor: E, viewer: &Viewer, id: i64) -> Result<Option<NoticeRow>>
where
    E: Executor<'e, Database = Any>,
{
    let mut params = Params::default();
    let select = select_sql(viewer, &mut params, None);
    let sql = format!("{select} WHERE n.id = {}", params.push(id));
    Ok(params
        .bind_all(sqlx::query_as(&sql))
        .fetch_optional(executor)
        .await?)
}

/// Where a page of `GET /notices` ends: the ordering key of its last item, and the time
/// "pinned" is judged at, kept for every page of one walk so the order cannot shift.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub as_of: i64,
    pub pinned: bool,
    pub published_at: i64,
    pub id: i64,
}

impl Cursor {
    pub fn encode(&self) -> String {
        let text = format!(
            "1.{}.{}.{}.{}",
            self.as_of,
            u8::from(self.pinned),
            self.published_at,
            self.id
        );
        URL_SAFE_NO_PAD.encode(text)
    }

    pub fn decode(cursor: &str) -> Option<Self> {
        let bytes = URL_SAFE_NO_PAD.decode(cursor.as_bytes()).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let parts: Vec<&str> = text.split('.').collect();
        let [version, as_of, pinned, published_at, id] = parts.as_slice() else {
            return None;
        };
        if *version != "1" {
            return None;
        }
        Some(Self {
            as_of: as_of.parse().ok()?,
            pinned: match *pinned {
                "0" => false,
                "1" => true,
                _ => return None,
            },
            published_at: published_at.parse().ok()?,
            id: id.parse().ok()?,
        })
    }
}

/// One page of the viewer's current notices and the cursor to the next.
pub async fn page(
    db: &Db,
    viewer: &Viewer,
    now: i64,
    after: Option<Cursor>,
    limit: u32,
) -> Result<(Vec<NoticeSummary>, Option<String>)> {
    let as_of = after.map_or(now, |cursor| cursor.as_of);
    let mut params = Params::default();
    let select = select_sql(viewer, &mut params, Some(EXCERPT_CHARS * 3));
    let scope = viewer.in_scope_sql(&mut params);
    let now_param = params.push(now);
    let pinned_rank = format!(
        "CASE WHEN n.pinned_until > {} THEN 1 ELSE 0 END",
        params.push(as_of)
    );
    let mut sql = format!(
        "{select} WHERE n.withdrawn_at IS NULL \
            AND (n.expires_at IS NULL OR n.expires_at > {now_param}) AND {scope}"
    );
    if let Some(cursor) = after {
        let pinned = params.push(i64::from(cursor.pinned));
        let published = params.push(cursor.published_at);
        let id = params.push(cursor.id);
        sql.push_str(&format!(
            " AND ({pinned_rank} < {pinned} OR ({pinned_rank} = {pinned} AND \
                (n.published_at < {published} OR (n.published_at = {published} AND n.id < {id}))))"
        ));
    }
    sql.push_str(&format!(
        " ORDER BY {pinned_rank} DESC, n.published_at DESC, n.id DESC LIMIT {}",
        limit + 1
    ));
    let mut rows: Vec<NoticeRow> = params
        .bind_all(sqlx::query_as(&sql))
        .fetch_all(&db.read)
        .await?;
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next = match rows.last() {
        Some(last) if more => Some(
            Cursor {
                as_of,
                pinned: last.is_pinned(as_of),
                published_at: last.published_at,
                id: last.id,
            }
            .encode(),
        ),
        _ => None,
    };
    let items = rows
        .iter()
        .map(|row| row.summary(as_of))
        .collect::<Result<_>>()?;
    Ok((items, next))
}

/// How many current notices the viewer's household has not read.
pub async fn unread_count(db: &Db, viewer: &Viewer, now: i64) -> Result<i64> {
    let mut params = Params::default();
    let scope = viewer.in_scope_sql(&mut params);
    let reader = viewer.reader_sql(&mut params);
    let sql = format!(
        "SELECT COUNT(*) FROM notices n WHERE n.withdrawn_at IS NULL \
            AND (n.expires_at IS NULL OR n.expires_at > {now}) AND {scope} \
            AND NOT EXISTS (SELECT 1 FROM notice_reads r WHERE r.notice_id = n.id AND {reader})",
        now = params.push(now),
    );
    Ok(params.bind_scalar(sqlx::query_scalar(&sql)).fetch_one(&db.read).await?)
}

/// Records that the viewer's household (or the viewer, without one) has read `notice_id`.
pub async fn mark_read(db: &Db, viewer: &Viewer, notice_id: i64, now: i64) -> Result<()> {
    sqlx::query(
        "INSERT INTO notice_reads (notice_id, household_id, user_id, read_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
    )
    .bind(notice_id)
    .bind(viewer.auth.household_id)
    .bind(viewer.auth.user_id)
    .bind(now)
    .execute(&db.write)
    .await?;
    Ok(())
}

/// Households under the notice's target, over `households h2` … `grids g2`.
const HOUSEHOLDS_UNDER_NOTICE: &str = "FROM households h2 \
    JOIN units u2 ON u2.id = h2.unit_id \
    JOIN buildings b2 ON b2.id = u2.building_id \
    JOIN grids g2 ON g2.id = b2.grid_id \
    WHERE g2.community_id = n.community_id \
      AND (n.grid_id IS NULL OR g2.id = n.grid_id) \
      AND (n.building_id IS NULL OR b2.id = n.building_id) \
      AND (n.unit_id IS NULL OR u2.id = n.unit_id)";

#[derive(sqlx::FromRow)]
struct AuthoredRow {
    #[sqlx(flatten)]
    notice: NoticeRow,
    households_total: i64,
    households_read: i64,
}

/// Where a page of `GET /notices/authored` ends: the last item's publication time and id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuthoredCursor {
    pub published_at: i64,
    pub id: i64,
}

impl AuthoredCursor {
    pub fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(format!("a1.{}.{}", self.published_at, self.id))
    }

    pub fn decode(cursor: &str) -> Option<Self> {
        let bytes = URL_SAFE_NO_PAD.decode(cursor.as_bytes()).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let parts: Vec<&str> = text.split('.').collect();
        let ["a1", published_at, id] = parts.as_slice() else {
            return None;
        };
        Some(Self {
            published_at: published_at.parse().ok()?,
            id: id.parse().ok()?,
        })
    }
}

/// One page of the viewer's own notices, newest first (publication time, then id: a stable
/// order), with how many households have read each, and the cursor to the next. The read
/// counts are worked out for the page's notices only.
pub async fn authored(
    db: &Db,
    viewer: &Viewer,
    now: i64,
    after: Option<AuthoredCursor>,
    limit: u32,
) -> Result<(Vec<AuthoredNotice>, Option<String>)> {
    let mut params = Params::default();
    let select = select_sql(viewer, &mut params, Some(EXCERPT_CHARS * 3));
    let mut filter = format!(
        "n.author_id = {} AND n.withdrawn_at IS NULL",
        params.push(viewer.auth.user_id)
    );
    if let Some(cursor) = after {
        let published = params.push(cursor.published_at);
        let id = params.push(cursor.id);
        filter.push_str(&format!(
            " AND (n.published_at < {published} OR (n.published_at = {published} AND n.id < {id}))"
        ));
    }
    let sql = format!(
        "SELECT x.*, \
            (SELECT COUNT(*) {HOUSEHOLDS_UNDER_NOTICE}) AS households_total, \
            (SELECT COUNT(*) {HOUSEHOLDS_UNDER_NOTICE} AND EXISTS \
                (SELECT 1 FROM notice_reads r WHERE r.notice_id = n.id AND r.household_id = h2.id)) \
                AS households_read \
         FROM ({select} WHERE {filter} \
            ORDER BY n.published_at DESC, n.id DESC LIMIT {fetch}) x \
         JOIN notices n ON n.id = x.id \
         ORDER BY x.published_at DESC, x.id DESC",
        fetch = limit + 1,
    );
    let mut rows: Vec<AuthoredRow> = params
        .bind_all(sqlx::query_as(&sql))
        .fetch_all(&db.read)
        .await?;
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next = match rows.last() {
        Some(last) if more => Some(
            AuthoredCursor {
                published_at: last.notice.published_at,
                id: last.notice.id,
            }
            .encode(),
        ),
        _ => None,
    };
    let items = rows
        .iter()
        .map(|row| {
            Ok(AuthoredNotice {
                notice: row.notice.summary(now)?,
                households_read: row.households_read,
                households_total: row.households_total,
                expired: row.notice.is_expired(now),
                can_manage: viewer.can_manage(&row.notice),
            })
        })
        .collect::<Result<_>>()?;
    Ok((items, next))
}

#[derive(sqlx::FromRow)]
struct DoorRow {
    unit_id: i64,
    unit_name: String,
    door: String,
    is_read: i64,
}

/// "已读 37 / 104" and the unread doors, unit by unit.
pub async fn receipts(db: &Db, row: &NoticeRow) -> Result<ReadReceipts> {
    let place = match row.target_kind() {
        ScopeKind::Community => "g2.community_id = $2",
        ScopeKind::Grid => "g2.id = $2",
        ScopeKind::Building => "b2.id = $2",
        ScopeKind::Unit => "u2.id = $2",
    };
    let sql = format!(
        "SELECT u2.id AS unit_id, {unit_name} AS unit_name, h2.door, \
            CASE WHEN EXISTS (SELECT 1 FROM notice_reads r \
                WHERE r.notice_id = $1 AND r.household_id = h2.id) THEN 1 ELSE 0 END AS is_read \
         FROM households h2 \
         JOIN units u2 ON u2.id = h2.unit_id \
         JOIN buildings b2 ON b2.id = u2.building_id \
         JOIN grids g2 ON g2.id = b2.grid_id \
         WHERE {place} ORDER BY b2.id, u2.id",
        unit_name = UNIT_NAME_SQL
            .replace("b.", "b2.")
            .replace("u.name", "u2.name"),
    );
    let doors: Vec<DoorRow> = sqlx::query_as(&sql)
        .bind(row.id)
        .bind(row.target_id)
        .fetch_all(&db.read)
        .await?;
    let households_total = doors.len() as i64;
    let households_read = doors.iter().filter(|door| door.is_read != 0).count() as i64;
    let mut units: Vec<UnitUnread> = Vec::new();
    let mut index: BTreeMap<i64, usize> = BTreeMap::new();
    for door in doors.into_iter().filter(|door| door.is_read == 0) {
        let at = *index.entry(door.unit_id).or_insert_with(|| {
            units.push(UnitUnread {
                unit: Scope {
                    kind: ScopeKind::Unit,
                    id: door.unit_id,
                    name: door.unit_name.clone(),
                },
                doors: Vec::new(),
            });
            units.len() - 1
        });
        units[at].doors.push(door.door);
    }
    for unit in &mut units {
        unit.doors.sort_by(|a, b| door_order(a).cmp(&door_order(b)));
    }
    Ok(ReadReceipts {
        households_read,
        households_total,
        unread_by_unit: units,
    })
}

/// Doors in numeric order ("302" before "1502"), anything else after, by text.
fn door_order(door: &str) -> (u8, u64, &str) {
    match door.parse::<u64>() {
        Ok(number) => (0, number, door),
        Err(_) => (1, 0, door),
    }
}

#[derive(sqlx::FromRow)]
struct PlaceRow {
    id: i64,
    name: String,
}

/// The places `viewer` may address notices to: staff their community, its grids and buildings;
/// building heads their buildings and those buildings' units; unit heads their units.
pub async fn targets(db: &Db, viewer: &Viewer) -> Result<Vec<Scope>> {
    let mut scopes: Vec<Scope> = Vec::new();
    for grant in &viewer.auth.grants {
        let Some(place) = places::load(&db.read, grant.scope_kind, grant.scope_id).await? else {
            continue;
        };
        if place.path.community_id != viewer.auth.community_id {
            continue;
        }
        scopes.push(place.scope());
        let deepest = match grant.role {
            Role::Staff => ScopeKind::Building,
            Role::BuildingHead | Role::UnitHead => ScopeKind::Unit,
        };
        let filter = match grant.scope_kind {
            ScopeKind::Community => "g.community_id = $1",
            ScopeKind::Grid => "g.id = $1",
            ScopeKind::Building => "b.id = $1",
            ScopeKind::Unit => "u.id = $1",
        };
        for kind in ScopeKind::ALL
            .into_iter()
            .filter(|kind| *kind > grant.scope_kind && *kind <= deepest)
        {
            let sql = match kind {
                ScopeKind::Community => continue,
                ScopeKind::Grid => {
                    format!("SELECT g.id, g.name AS name FROM grids g WHERE {filter} ORDER BY g.id")
                }
                ScopeKind::Building => format!(
                    "SELECT b.id, {BUILDING_NAME_SQL} AS name FROM buildings b \
                     JOIN grids g ON g.id = b.grid_id WHERE {filter} ORDER BY b.id"
                ),
                ScopeKind::Unit => format!(
                    "SELECT u.id, {UNIT_NAME_SQL} AS name FROM units u \
                     JOIN buildings b ON b.id = u.building_id JOIN grids g ON g.id = b.grid_id \
                     WHERE {filter} ORDER BY u.id"
                ),
            };
            let rows: Vec<PlaceRow> = sqlx::query_as(&sql)
                .bind(grant.scope_id)
                .fetch_all(&db.read)
                .await?;
            scopes.extend(rows.into_iter().map(|row| Scope {
                kind,
                id: row.id,
                name: row.name,
            }));
        }
    }
    scopes.sort_by_key(|scope| (scope.kind, scope.id));
    scopes.dedup_by_key(|scope| (scope.kind, scope.id));
    Ok(scopes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_refuse_garbage() {
        let cursor = Cursor {
            as_of: 1_700_000_000_000,
            pinned: true,
            published_at: 1_699_999_999_999,
            id: 42,
        };
        assert_eq!(Cursor::decode(&cursor.encode()), Some(cursor));
        assert_eq!(Cursor::decode("not a cursor"), None);
        assert_eq!(Cursor::decode(&URL_SAFE_NO_PAD.encode("2.1.1.1.1")), None);
        assert_eq!(Cursor::decode(&URL_SAFE_NO_PAD.encode("1.1.7.1.1")), None);
    }

    #[test]
    fn authored_cursors_round_trip_and_refuse_garbage() {
        let cursor = AuthoredCursor {
            published_at: 1_700_000_000_000,
            id: 9,
        };
        assert_eq!(AuthoredCursor::decode(&cursor.encode()), Some(cursor));
        assert_eq!(AuthoredCursor::decode("nope"), None);
        assert_eq!(
            AuthoredCursor::decode(&URL_SAFE_NO_PAD.encode("a1.1")),
            None
        );
        assert_eq!(
            AuthoredCursor::decode(&URL_SAFE_NO_PAD.encode("1.1.2")),
            None
        );
    }

    #[test]
    fn doors_sort_by_number() {
        let mut doors = vec!["1502", "302", "2601", "B1", "301"];
        doors.sort_by(|a, b| door_order(a).cmp(&door_order(b)));
        assert_eq!(doors, ["301", "302", "1502", "2601", "B1"]);
    }
}
