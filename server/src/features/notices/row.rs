//! A notice as loaded for the signed-in member, with names and their read flag joined in, and
//! its wire shapes (`Notice`, `NoticeSummary`).

use linli_api_types::{
    Notice, NoticeAuthor, NoticeCategory, NoticeSummary, Role, Scope, ScopeKind,
};
use sqlx::{Any, Executor};

use crate::features::community::places::{BUILDING_NAME_SQL, UNIT_NAME_SQL};
use crate::features::notices::{audience, validate};
use crate::platform::auth::{AuthUser, PlacePath};
use crate::platform::error::{AppError, Result};
use crate::platform::ids::NoticeId;
use crate::platform::sql_params::Params;

/// Characters of body shown in a list.
pub const EXCERPT_CHARS: usize = 80;

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
    pub important: i64,
}

use crate::platform::db::time;

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
            important: self.important != 0,
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
            important: self.important != 0,
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

/// `SELECT … FROM notices n …` with names and the member's read flag; `body` is cut to
/// `body_chars` when given (lists need only an excerpt).
pub fn select_sql(auth: &AuthUser, params: &mut Params, body_chars: Option<usize>) -> String {
    let body = match body_chars {
        Some(chars) => format!("substr(n.body, 1, {chars})"),
        None => "n.body".into(),
    };
    let reader = audience::reader_sql(auth, params);
    format!(
        "SELECT n.id, n.title, {body} AS body, n.category, n.target_kind, n.target_id, \
            {target_name} AS target_name, n.community_id, n.grid_id, n.building_id, n.unit_id, \
            n.author_id, a.name AS author_name, n.author_role, {author_scope} AS author_scope_name, \
            n.pinned_until, n.expires_at, n.published_at, n.edited_at, n.withdrawn_at, \
            CASE WHEN EXISTS (SELECT 1 FROM notice_reads r WHERE r.notice_id = n.id AND {reader}) \
                THEN 1 ELSE 0 END AS is_read, n.important \
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

/// One notice by id, whoever may see it (the caller checks [`audience::in_scope`]).
pub async fn load<'e, E>(executor: E, auth: &AuthUser, id: NoticeId) -> Result<Option<NoticeRow>>
where
    E: Executor<'e, Database = Any>,
{
    let mut params = Params::default();
    let select = select_sql(auth, &mut params, None);
    let sql = format!("{select} WHERE n.id = {}", params.push(id.get()));
    Ok(params
        .bind_all(sqlx::query_as(&sql))
        .fetch_optional(executor)
        .await?)
}
