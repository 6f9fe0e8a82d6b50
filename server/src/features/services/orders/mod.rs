//! Service menu 服务菜单 and orders 四单: who sees which order, who may take which step (through
//! [`state::transition`], the only place that decides), the points held and settled through the
//! love bank ledger, and the queries behind `/services…`, `/orders…`, `/dispatch…` and
//! `/volunteer/orders`.

pub mod free_cap;
pub mod pages;
pub mod routes;
pub mod slots;
pub mod state;

use std::collections::{BTreeMap, HashSet};

use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use linli_api_types::{
    LedgerKind, LedgerLinkKind, OpeningPeriod, Order, OrderActions, OrderActor, OrderActorRole,
    OrderEvent, OrderEventKind, OrderPerson, OrderRating, OrderService, OrderStatus, OrderSummary,
    Phone, RatingTag, Role, Service, ServiceCategory, ServiceGroup, ServiceMenu, ServiceProvider,
    RATE_WINDOW_DAYS,
};
use sqlx::{Any, AnyConnection, Executor};

use crate::platform::auth::{AuthUser, PlacePath};
use crate::platform::db::{now_ms, Db};
use crate::platform::error::{AppError, Result};
use crate::features::points::ledger::{self, Account, Memo, Transfer};
use state::{Action, Actor, Refusal};

pub const RATE_WINDOW_MS: i64 = RATE_WINDOW_DAYS * 24 * 60 * 60 * 1000;
/// How often the server closes orders whose rating window has passed (reads do it too).
pub const AUTO_CLOSE_EVERY: std::time::Duration = std::time::Duration::from_secs(300);

impl Refusal {
    pub fn status(self) -> StatusCode {
        match self {
            Refusal::NotAllowed | Refusal::AssignedToOther => StatusCode::FORBIDDEN,
            Refusal::FreeOrdersCap => StatusCode::UNPROCESSABLE_ENTITY,
            _ => StatusCode::CONFLICT,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Refusal::NotAllowed => "order_not_allowed",
            Refusal::AssignedToOther => "order_assigned_to_other",
            Refusal::AlreadyRated => "order_already_rated",
            Refusal::NotCompleted => "order_not_completed",
            Refusal::AlreadyAccepted => "order_already_accepted",
            Refusal::Finished => "order_finished",
            Refusal::WrongStatus(_) => "order_wrong_status",
            Refusal::OwnOrder => "own_order",
            Refusal::Changed => "order_changed",
            Refusal::FreeOrdersCap => "free_orders_cap",
        }
    }

    /// (zh, en)
    pub fn title(self) -> (&'static str, &'static str) {
        match self {
            Refusal::NotAllowed => (
                "您不能对该订单进行此操作",
                "You cannot take this step on this order",
            ),
            Refusal::AssignedToOther => (
                "该订单已派给其他志愿者",
                "This order is assigned to another volunteer",
            ),
            Refusal::AlreadyRated => (
                "该订单已评价，每单只能评价一次",
                "This order has already been rated; an order is rated once",
            ),
            Refusal::NotCompleted => (
                "服务完成后才能评价",
                "You can rate an order only after the service is completed",
            ),
            Refusal::AlreadyAccepted => (
                "志愿者已接单，不能取消",
                "A volunteer has accepted this order; it can no longer be cancelled",
            ),
            Refusal::Finished => ("该订单已结束", "This order is finished"),
            Refusal::WrongStatus(_) => (
                "订单当前状态不能进行此操作",
                "This step is not possible in the order's current status",
            ),
            Refusal::OwnOrder => (
                "不能接自己家的订单",
                "You cannot take an order placed by yourself or your household",
            ),
            Refusal::Changed => (
                "订单刚刚有了变化，请刷新后再操作",
                "The order changed in the meantime. Reload it and try again",
            ),
            // The number is FREE_ORDERS_OPEN_MAX (a test holds them together).
            Refusal::FreeOrdersCap => (
                "你家已有 5 个进行中的免费服务订单，请等完成后再下单",
                "Your household already has 5 open free service orders. Please wait until one is finished",
            ),
        }
    }
}

impl Refusal {
    /// For a step out of order, the status the order is in.
    pub fn detail(self, lang: crate::platform::lang::Lang) -> Option<String> {
        let Refusal::WrongStatus(status) = self else {
            return None;
        };
        let (zh, en) = status_names(status);
        Some(match lang {
            crate::platform::lang::Lang::Zh => format!("订单当前状态：{zh}"),
            crate::platform::lang::Lang::En => format!("The order is {en}"),
        })
    }
}

/// (zh, en) names of a status, as the timeline shows them.
pub fn status_names(status: OrderStatus) -> (&'static str, &'static str) {
    match status {
        OrderStatus::Submitted => ("待派单", "waiting for dispatch"),
        OrderStatus::Dispatched => (
            "已派单，待志愿者接单",
            "dispatched, waiting for the volunteer",
        ),
        OrderStatus::Accepted => ("已接单", "accepted"),
        OrderStatus::InProgress => ("服务中", "in progress"),
        OrderStatus::Completed => ("待评价", "completed, waiting for the rating"),
        OrderStatus::Rated => ("已评价", "rated"),
        OrderStatus::Closed => ("已关闭", "closed"),
        OrderStatus::Cancelled => ("已取消", "cancelled"),
    }
}

impl From<Refusal> for AppError {
    fn from(refusal: Refusal) -> Self {
        AppError::OrderRefused(refusal)
    }
}

pub fn time(ms: i64) -> Result<DateTime<Utc>> {
    DateTime::from_timestamp_millis(ms).ok_or_else(|| AppError::internal(format!("time {ms}")))
}

fn opt_time(ms: Option<i64>) -> Result<Option<DateTime<Utc>>> {
    ms.map(time).transpose()
}

// ---------------------------------------------------------------------------------------------
// The menu

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ServiceRow {
    pub id: i64,
    pub community_id: i64,
    pub provider_id: i64,
    pub provider_name: String,
    pub name: String,
    pub category: String,
    pub description: String,
    pub points_price: i64,
    pub volunteer_points: i64,
}

const SERVICE_SELECT: &str =
    "SELECT s.id, s.community_id, s.provider_id, p.name AS provider_name, \
        s.name, s.category, s.description, s.points_price, s.volunteer_points \
     FROM services s JOIN service_providers p ON p.id = s.provider_id";

#[derive(sqlx::FromRow)]
struct OpeningRow {
    service_id: i64,
    weekday: i64,
    start_minute: i64,
    end_minute: i64,
}

impl ServiceRow {
    pub fn category(&self) -> Result<ServiceCategory> {
        ServiceCategory::parse(&self.category)
            .ok_or_else(|| AppError::internal(format!("service category {}", self.category)))
    }

    pub fn service(&self, opening: Vec<OpeningPeriod>) -> Result<Service> {
        Ok(Service {
            id: self.id,
            name: self.name.clone(),
            category: self.category()?,
            provider: ServiceProvider {
                id: self.provider_id,
                name: self.provider_name.clone(),
            },
            description: self.description.clone(),
            points_price: self.points_price,
            volunteer_points: self.volunteer_points,
            opening,
        })
    }
}

fn period(row: &OpeningRow) -> OpeningPeriod {
    OpeningPeriod {
        weekday: row.weekday as u8,
        start_minute: row.start_minute as u16,
        end_minute: row.end_minute as u16,
    }
}

/// An active service, whatever its community (callers check that).
pub async fn load_service<'e, E>(executor: E, id: i64) -> Result<Option<ServiceRow>>
where
    E: Executor<'e, Database = Any>,
{
    Ok(sqlx::query_as(&format!(
        "{SERVICE_SELECT} WHERE s.id = $1 AND s.active = 1"
    ))
    .bind(id)
    .fetch_optional(executor)
    .await?)
}

pub async fn opening_of<'e, E>(executor: E, service_id: i64) -> Result<Vec<OpeningPeriod>>
where
    E: Executor<'e, Database = Any>,
{
    let rows: Vec<OpeningRow> = sqlx::query_as(
        "SELECT service_id, weekday, start_minute, end_minute FROM service_opening \
         WHERE service_id = $1 ORDER BY weekday, start_minute",
    )
    .bind(service_id)
    .fetch_all(executor)
    .await?;
    Ok(rows.iter().map(period).collect())
}

/// The menu of a community: categories in their order, services in theirs.
pub async fn menu(db: &Db, community_id: i64) -> Result<ServiceMenu> {
    let services: Vec<ServiceRow> = sqlx::query_as(&format!(
        "{SERVICE_SELECT} WHERE s.community_id = $1 AND s.active = 1 ORDER BY s.sort_order, s.id"
    ))
    .bind(community_id)
    .fetch_all(&db.read)
    .await?;
    let opening: Vec<OpeningRow> = sqlx::query_as(
        "SELECT o.service_id, o.weekday, o.start_minute, o.end_minute FROM service_opening o \
         JOIN services s ON s.id = o.service_id WHERE s.community_id = $1 \
         ORDER BY o.weekday, o.start_minute",
    )
    .bind(community_id)
    .fetch_all(&db.read)
    .await?;
    let mut by_category: BTreeMap<ServiceCategory, Vec<Service>> = BTreeMap::new();
    for row in &services {
        let periods = opening
            .iter()
            .filter(|o| o.service_id == row.id)
            .map(period)
            .collect();
        by_category
            .entry(row.category()?)
            .or_default()
            .push(row.service(periods)?);
    }
    Ok(ServiceMenu {
        groups: ServiceCategory::ALL
            .into_iter()
            .filter_map(|category| {
                by_category
                    .remove(&category)
                    .map(|services| ServiceGroup { category, services })
            })
            .collect(),
    })
}

/// "华盛世纪新城 3栋 1单元 1502"
pub async fn household_address<'e, E>(executor: E, household_id: i64) -> Result<Option<String>>
where
    E: Executor<'e, Database = Any>,
{
    Ok(sqlx::query_scalar(
        "SELECT b.estate || ' ' || b.name || ' ' || un.name || ' ' || h.door FROM households h \
         JOIN units un ON un.id = h.unit_id JOIN buildings b ON b.id = un.building_id \
         WHERE h.id = $1",
    )
    .bind(household_id)
    .fetch_optional(executor)
    .await?)
}

/// Whether `user_id` is a volunteer of `community_id` offering `service_id`.
pub async fn offers<'e, E>(
    executor: E,
    user_id: i64,
    service_id: i64,
    community_id: i64,
) -> Result<bool>
where
    E: Executor<'e, Database = Any>,
{
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT u.id FROM volunteer_services vs JOIN users u ON u.id = vs.user_id \
         WHERE vs.user_id = $1 AND vs.service_id = $2 AND u.is_volunteer = 1 AND u.community_id = $3",
    )
    .bind(user_id)
    .bind(service_id)
    .bind(community_id)
    .fetch_optional(executor)
    .await?;
    Ok(found.is_some())
}

// ---------------------------------------------------------------------------------------------
// Who sees and does what

/// The signed-in user as the orders see them.
#[derive(Debug, Clone)]
pub struct OrderViewer {
    pub auth: AuthUser,
    /// Services they offer as a volunteer (empty unless a volunteer).
    pub offered: HashSet<i64>,
}

impl OrderViewer {
    pub async fn of<'e, E>(executor: E, auth: AuthUser) -> Result<Self>
    where
        E: Executor<'e, Database = Any>,
    {
        let offered: Vec<i64> = if auth.is_volunteer {
            sqlx::query_scalar(
                "SELECT vs.service_id FROM volunteer_services vs \
                 JOIN services s ON s.id = vs.service_id \
                 WHERE vs.user_id = $1 AND s.community_id = $2",
            )
            .bind(auth.user_id)
            .bind(auth.community_id)
            .fetch_all(executor)
            .await?
        } else {
            Vec::new()
        };
        Ok(Self {
            auth,
            offered: offered.into_iter().collect(),
        })
    }

    pub fn is_staff_of(&self, community_id: i64) -> bool {
        self.auth
            .covers(Role::Staff, &PlacePath::community(community_id))
    }

    pub fn offers(&self, row: &OrderRow) -> bool {
        self.auth.is_volunteer
            && row.community_id == self.auth.community_id
            && self.offered.contains(&row.service_id)
    }

    fn is_assignee(&self, row: &OrderRow) -> bool {
        row.volunteer_id == Some(self.auth.user_id)
    }

    /// Whether the order was placed by them or by a member of their household: they may
    /// not take it, or they would pay themselves from the love bank.
    pub fn is_own_household(&self, row: &OrderRow) -> bool {
        row.resident_id == self.auth.user_id
            || (self.auth.household_id.is_some()
                && self.auth.household_id == row.resident_household_id)
    }

    /// The refusal for a step [`state::transition`] allows but the order's facts do not:
    /// taking (accepting, claiming, starting, completing) an order of one's own household.
    pub fn refusal_beyond_state(&self, row: &OrderRow, action: Action) -> Option<Refusal> {
        let takes = matches!(
            action,
            Action::Accept | Action::Claim | Action::Start | Action::Complete
        );
        (takes && self.is_own_household(row)).then_some(Refusal::OwnOrder)
    }

    /// [`state::transition`] and then [`Self::refusal_beyond_state`].
    pub fn check(&self, row: &OrderRow, action: Action) -> Result<OrderStatus> {
        let next = state::transition(row.status()?, action, self.actor(row, action))?;
        match self.refusal_beyond_state(row, action) {
            Some(refusal) => Err(refusal.into()),
            None => Ok(next),
        }
    }

    /// Residents their own orders; staff their community's; volunteers orders assigned to
    /// them and open orders of their services.
    pub fn can_see(&self, row: &OrderRow) -> bool {
        row.resident_id == self.auth.user_id
            || self.is_staff_of(row.community_id)
            || self.is_assignee(row)
            || (row.status == OrderStatus::Submitted.as_str() && self.offers(row))
    }

    /// Whether they may see the contact phone in full.
    fn sees_contact(&self, row: &OrderRow) -> bool {
        row.resident_id == self.auth.user_id
            || self.is_staff_of(row.community_id)
            || self.is_assignee(row)
    }

    /// How they stand to `row` for `action`.
    pub fn actor(&self, row: &OrderRow, action: Action) -> Actor {
        match action {
            Action::Assign if self.is_staff_of(row.community_id) => Actor::Staff,
            Action::Cancel | Action::Rate if row.resident_id == self.auth.user_id => Actor::Owner,
            Action::Accept | Action::Decline | Action::Claim | Action::Start | Action::Complete => {
                // An ex-volunteer still named on an order has no volunteer's steps left.
                if self.is_assignee(row) && self.auth.is_volunteer {
                    Actor::Assignee
                } else if self.offers(row) {
                    Actor::Volunteer
                } else {
                    Actor::Other
                }
            }
            _ => Actor::Other,
        }
    }

    pub fn actions(&self, row: &OrderRow) -> OrderActions {
        if OrderStatus::parse(&row.status).is_none() {
            return OrderActions::default();
        }
        let can = |action| self.check(row, action).is_ok();
        OrderActions {
            cancel: can(Action::Cancel),
            rate: can(Action::Rate),
            assign: can(Action::Assign),
            accept: can(Action::Accept),
            decline: can(Action::Decline),
            claim: can(Action::Claim),
            start: can(Action::Start),
            complete: can(Action::Complete),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Orders

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OrderRow {
    pub id: i64,
    pub community_id: i64,
    pub service_id: i64,
    pub service_name: String,
    pub service_category: String,
    pub provider_name: String,
    pub resident_id: i64,
    pub resident_name: String,
    pub volunteer_id: Option<i64>,
    pub volunteer_name: Option<String>,
    pub status: String,
    pub preferred_start: Option<i64>,
    pub address: String,
    pub contact_phone: String,
    pub note: String,
    pub points: i64,
    pub volunteer_points: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub waiting_since: Option<i64>,
    pub started_at: Option<i64>,
    pub completed_at: Option<i64>,
    pub completion_note: Option<String>,
    pub rating_stars: Option<i64>,
    pub rating_tags: Option<String>,
    pub rating_comment: Option<String>,
    pub rated_at: Option<i64>,
    pub finished_at: Option<i64>,
    /// Bumped by every write; every write is guarded by the version it read.
    pub version: i64,
    /// The ordering resident's household now: its members may not take the order.
    pub resident_household_id: Option<i64>,
}

pub const ORDER_SELECT: &str =
    "SELECT o.id, o.community_id, o.service_id, s.name AS service_name, \
        s.category AS service_category, p.name AS provider_name, o.resident_id, \
        r.name AS resident_name, o.volunteer_id, v.name AS volunteer_name, o.status, \
        o.preferred_start, o.address, o.contact_phone, o.note, o.points, o.volunteer_points, \
        o.created_at, o.updated_at, o.waiting_since, o.started_at, o.completed_at, \
        o.completion_note, o.rating_stars, o.rating_tags, o.rating_comment, o.rated_at, \
        o.finished_at, o.version, r.household_id AS resident_household_id \
     FROM orders o JOIN services s ON s.id = o.service_id \
     JOIN service_providers p ON p.id = s.provider_id \
     JOIN users r ON r.id = o.resident_id LEFT JOIN users v ON v.id = o.volunteer_id";

impl OrderRow {
    pub fn status(&self) -> Result<OrderStatus> {
        OrderStatus::parse(&self.status)
            .ok_or_else(|| AppError::internal(format!("order status {}", self.status)))
    }

    fn service(&self) -> Result<OrderService> {
        Ok(OrderService {
            id: self.service_id,
            name: self.service_name.clone(),
            category: ServiceCategory::parse(&self.service_category).ok_or_else(|| {
                AppError::internal(format!("service category {}", self.service_category))
            })?,
            provider_name: self.provider_name.clone(),
        })
    }

    fn resident(&self) -> OrderPerson {
        OrderPerson {
            id: self.resident_id,
            name: self.resident_name.clone(),
        }
    }

    fn volunteer(&self) -> Option<OrderPerson> {
        self.volunteer_id.map(|id| OrderPerson {
            id,
            name: self.volunteer_name.clone().unwrap_or_default(),
        })
    }

    pub fn summary(&self) -> Result<OrderSummary> {
        let status = self.status()?;
        Ok(OrderSummary {
            id: self.id,
            service: self.service()?,
            status,
            preferred_start: opt_time(self.preferred_start)?,
            address: self.address.clone(),
            resident: self.resident(),
            volunteer: self.volunteer(),
            points: self.points,
            created_at: time(self.created_at)?,
            waiting_since: if status == OrderStatus::Submitted {
                opt_time(self.waiting_since)?
            } else {
                None
            },
            updated_at: time(self.updated_at)?,
        })
    }

    pub fn order(&self, viewer: &OrderViewer, timeline: Vec<OrderEvent>) -> Result<Order> {
        let summary = self.summary()?;
        let rating = match (self.rating_stars, self.rated_at) {
            (Some(stars), Some(rated_at)) => Some(OrderRating {
                stars: stars as u8,
                tags: parse_tags(self.rating_tags.as_deref()),
                comment: self.rating_comment.clone().unwrap_or_default(),
                rated_at: time(rated_at)?,
            }),
            _ => None,
        };
        let contact_phone = if viewer.sees_contact(self) {
            self.contact_phone.clone()
        } else {
            Phone::parse(&self.contact_phone)
                .map(|phone| phone.masked())
                .unwrap_or_default()
        };
        Ok(Order {
            id: self.id,
            service: summary.service,
            status: summary.status,
            preferred_start: summary.preferred_start,
            address: summary.address,
            contact_phone,
            note: self.note.clone(),
            resident: summary.resident,
            volunteer: summary.volunteer,
            points: self.points,
            created_at: summary.created_at,
            waiting_since: summary.waiting_since,
            completed_at: opt_time(self.completed_at)?,
            rate_by: if summary.status == OrderStatus::Completed {
                opt_time(self.completed_at.map(|at| at + RATE_WINDOW_MS))?
            } else {
                None
            },
            completion_note: self.completion_note.clone(),
            rating,
            timeline,
            actions: viewer.actions(self),
        })
    }
}

pub fn format_tags(tags: &[RatingTag]) -> String {
    tags.iter()
        .map(|tag| tag.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

fn parse_tags(tags: Option<&str>) -> Vec<RatingTag> {
    tags.unwrap_or_default()
        .split(',')
        .filter_map(RatingTag::parse)
        .collect()
}

pub async fn load<'e, E>(executor: E, id: i64) -> Result<Option<OrderRow>>
where
    E: Executor<'e, Database = Any>,
{
    Ok(sqlx::query_as(&format!("{ORDER_SELECT} WHERE o.id = $1"))
        .bind(id)
        .fetch_optional(executor)
        .await?)
}

/// Orders matching `condition` (SQL over `orders o`, with `$1` bound to `param`).
pub async fn list<'e, E>(executor: E, condition: &str, param: i64) -> Result<Vec<OrderSummary>>
where
    E: Executor<'e, Database = Any>,
{
    let rows: Vec<OrderRow> = sqlx::query_as(&format!("{ORDER_SELECT} WHERE {condition}"))
        .bind(param)
        .fetch_all(executor)
        .await?;
    rows.iter().map(OrderRow::summary).collect()
}

#[derive(sqlx::FromRow)]
struct EventRow {
    kind: String,
    at: i64,
    actor_name: Option<String>,
    actor_role: String,
    note: Option<String>,
}

pub async fn timeline<'e, E>(executor: E, order_id: i64) -> Result<Vec<OrderEvent>>
where
    E: Executor<'e, Database = Any>,
{
    let rows: Vec<EventRow> = sqlx::query_as(
        "SELECT e.kind, e.at, u.name AS actor_name, e.actor_role, e.note FROM order_events e \
         LEFT JOIN users u ON u.id = e.actor_id WHERE e.order_id = $1 ORDER BY e.id",
    )
    .bind(order_id)
    .fetch_all(executor)
    .await?;
    rows.into_iter()
        .map(|row| {
            let kind = OrderEventKind::parse(&row.kind)
                .ok_or_else(|| AppError::internal(format!("order event {}", row.kind)))?;
            let role = OrderActorRole::parse(&row.actor_role)
                .ok_or_else(|| AppError::internal(format!("actor role {}", row.actor_role)))?;
            Ok(OrderEvent {
                kind,
                at: time(row.at)?,
                actor: row.actor_name.map(|name| OrderActor { name, role }),
                note: row.note,
            })
        })
        .collect()
}

/// The order as `viewer` sees it now, read on `conn` (inside a write transaction or not).
pub async fn detail(conn: &mut AnyConnection, viewer: &OrderViewer, id: i64) -> Result<Order> {
    let row = load(&mut *conn, id)
        .await?
        .ok_or_else(|| AppError::internal("order vanished"))?;
    let events = timeline(&mut *conn, id).await?;
    row.order(viewer, events)
}

pub async fn add_event(
    tx: &mut AnyConnection,
    order_id: i64,
    kind: OrderEventKind,
    actor: Option<(i64, OrderActorRole)>,
    note: Option<&str>,
    at: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO order_events (order_id, kind, actor_id, actor_role, note, at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(order_id)
    .bind(kind.as_str())
    .bind(actor.map(|(id, _)| id))
    .bind(
        actor
            .map_or(OrderActorRole::System, |(_, role)| role)
            .as_str(),
    )
    .bind(note)
    .bind(at)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Writes the mutable columns of `next` over the order, guarded by the version it was read
/// with (every write bumps it): when anyone wrote the order in between — a reassignment while
/// the volunteer accepts keeps the status `dispatched`, so the status alone would let both
/// win — nothing is written and the step is refused 409 `order_changed`.
pub async fn save(tx: &mut AnyConnection, was: &OrderRow, next: &OrderRow) -> Result<()> {
    let updated = sqlx::query(
        "UPDATE orders SET status = $1, volunteer_id = $2, waiting_since = $3, started_at = $4, \
            completed_at = $5, completion_note = $6, rating_stars = $7, rating_tags = $8, \
            rating_comment = $9, rated_at = $10, finished_at = $11, updated_at = $12, \
            version = version + 1 \
         WHERE id = $13 AND status = $14 AND version = $15",
    )
    .bind(&next.status)
    .bind(next.volunteer_id)
    .bind(next.waiting_since)
    .bind(next.started_at)
    .bind(next.completed_at)
    .bind(next.completion_note.as_deref())
    .bind(next.rating_stars)
    .bind(next.rating_tags.as_deref())
    .bind(next.rating_comment.as_deref())
    .bind(next.rated_at)
    .bind(next.finished_at)
    .bind(next.updated_at)
    .bind(was.id)
    .bind(&was.status)
    .bind(was.version)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 1 {
        Ok(())
    } else {
        Err(Refusal::Changed.into())
    }
}

/// Pays for a rated or closed order: the held points to the fund, the volunteer's points from
/// the fund, with the minutes from start to completion.
pub async fn settle(tx: &mut AnyConnection, row: &OrderRow, actor_id: Option<i64>) -> Result<()> {
    if row.points > 0 {
        ledger::transfer(
            tx,
            &Transfer {
                community_id: row.community_id,
                from: Account::Held(row.community_id),
                to: Account::Fund(row.community_id),
                amount: row.points,
                memo: Memo::new(LedgerKind::OrderSettle, row.service_name.as_str())
                    .link(LedgerLinkKind::Order, row.id),
                actor_id,
            },
        )
        .await?;
    }
    if let (Some(volunteer_id), true) = (row.volunteer_id, row.volunteer_points > 0) {
        let mut memo = Memo::new(LedgerKind::ServiceReward, row.service_name.as_str())
            .link(LedgerLinkKind::Order, row.id);
        if let (Some(started), Some(completed)) = (row.started_at, row.completed_at) {
            memo = memo.minutes(((completed - started + 30_000) / 60_000).max(1));
        }
        ledger::transfer(
            tx,
            &Transfer {
                community_id: row.community_id,
                from: Account::Fund(row.community_id),
                to: Account::Member(volunteer_id),
                amount: row.volunteer_points,
                memo,
                actor_id,
            },
        )
        .await?;
    }
    Ok(())
}

/// Closes every order whose rating window has passed, settling each as if rated; safe to run
/// from several places at once (each close is guarded by the status it read).
pub async fn close_overdue(db: &Db, now: i64) -> Result<usize> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM orders WHERE status = 'completed' AND completed_at <= $1 \
         ORDER BY completed_at LIMIT 200",
    )
    .bind(now - RATE_WINDOW_MS)
    .fetch_all(&db.read)
    .await?;
    let mut closed = 0;
    for id in ids {
        let mut tx = db.write.begin().await?;
        let Some(row) = load(&mut *tx, id).await? else {
            continue;
        };
        let Ok(next_status) = state::transition(row.status()?, Action::Close, Actor::System) else {
            continue; // rated or closed in the meantime
        };
        let mut next = row.clone();
        next.status = next_status.as_str().into();
        next.finished_at = Some(now);
        next.updated_at = now;
        match save(&mut tx, &row, &next).await {
            Ok(()) => {}
            Err(AppError::OrderRefused(Refusal::Changed)) => continue,
            Err(error) => return Err(error),
        }
        add_event(&mut tx, id, OrderEventKind::Closed, None, None, now).await?;
        settle(&mut tx, &next, None).await?;
        tx.commit().await?;
        tracing::info!(order_id = id, "order closed after the rating window");
        closed += 1;
    }
    Ok(closed)
}

/// Closes overdue orders every [`AUTO_CLOSE_EVERY`] while the server runs.
pub fn spawn_auto_close(db: Db) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(AUTO_CLOSE_EVERY);
        loop {
            interval.tick().await;
            if let Err(error) = close_overdue(&db, now_ms()).await {
                tracing::warn!(%error, "closing overdue orders failed");
            }
        }
    })
}
