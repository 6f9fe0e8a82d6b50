//! Service orders 四单: `/api/v1/orders…`, `/api/v1/me/orders`, `/api/v1/dispatch/queue`,
//! `/api/v1/volunteer/orders`. Every step goes through `orders::state::transition`.

use utoipa_axum::{router::OpenApiRouter, routes};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use linli_api_types::{
    AssignRequest, CompleteRequest, DeclineRequest, DispatchQueue, LedgerKind, LedgerLinkKind,
    Order, OrderActorRole, OrderDraft, OrderEventKind, OrderPage, OrderStatus, OrderSummary, Phone,
    Problem, RateRequest, VolunteerOrders, COMPLETION_NOTE_MAX_CHARS, DECLINE_REASON_MAX_CHARS,
    ORDER_ADDRESS_MAX_CHARS, ORDER_NOTE_MAX_CHARS, ORDER_PAGE_DEFAULT, ORDER_PAGE_MAX,
    RATING_COMMENT_MAX_CHARS, RATING_TAGS_MAX,
};
use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;

use crate::platform::auth::AuthUser;
use crate::platform::db::{now_ms, Backend};
use crate::platform::error::{AppError, FieldIssue, Result, Rule};
use crate::platform::extract::{ApiJson, ApiPath};
use crate::platform::extract::path_id;
use crate::platform::idempotency::{self, Claim, IdempotencyKey};
use crate::features::points::ledger::{self, Account, Memo, Transfer};
use crate::features::community::members;
use crate::features::services::orders::pages::{self, Cursor, List};
use crate::features::services::orders::state::Action;
use crate::features::services::orders::{self, slots, OrderRow, OrderViewer};
use crate::state::AppState;
use crate::platform::text::TextField;

const ORDERS_PATH: &str = "/api/v1/orders";

/// The routes of this file, each declared with its OpenAPI entry (`#[utoipa::path]`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create))
        .routes(routes!(mine))
        .routes(routes!(detail))
        .routes(routes!(cancel))
        .routes(routes!(rate))
        .routes(routes!(assign))
        .routes(routes!(accept))
        .routes(routes!(decline))
        .routes(routes!(claim))
        .routes(routes!(start))
        .routes(routes!(complete))
        .routes(routes!(queue))
        .routes(routes!(volunteer_orders))
}

// The text of orders and their steps (`crate::platform::text`: control characters cleaned out).
const ADDRESS: TextField = TextField::line("address", ORDER_ADDRESS_MAX_CHARS).optional();
const NOTE: TextField = TextField::multiline("note", ORDER_NOTE_MAX_CHARS).optional();
const DECLINE_REASON: TextField = TextField::multiline("reason", DECLINE_REASON_MAX_CHARS);
const COMPLETION_NOTE: TextField =
    TextField::multiline("note", COMPLETION_NOTE_MAX_CHARS).optional();
const RATING_COMMENT: TextField =
    TextField::multiline("comment", RATING_COMMENT_MAX_CHARS).optional();

// ---------------------------------------------------------------------------------------------
// Ordering 群众点单

/// Orders a service for a time slot within its opening times (or as soon as possible). A paid
/// service holds its points from the resident's balance until the order is rated or closes.
#[utoipa::path(
    post,
    path = "/api/v1/orders",
    tag = "orders",
    security(("bearer" = [])),
    request_body = OrderDraft,
    params(("Idempotency-Key" = Option<String>, Header, description = "1–100 visible ASCII characters. The same key with the same draft replays the first answer (header `Idempotent-Replayed: true`) instead of ordering again")),
    responses(
        (status = 201, description = "Ordered: in the dispatch queue", body = Order),
        (status = 400, description = "Not JSON (`bad_json`) or a bad Idempotency-Key (`bad_idempotency_key`)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not enough points for the service's price (`insufficient_points`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The household already has 5 open free orders (`free_orders_cap`); field errors (`validation`: `service_id` unknown; `preferred_start` in_past/too_far_ahead/outside_opening; `address` required/too_long; `contact_phone` bad_format; `note` too_long), or the Idempotency-Key was used for a different draft (`idempotency_key_reused`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn create(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiJson(draft): ApiJson<OrderDraft>,
) -> Result<Response> {
    let now = now_ms();
    let mut issues = Vec::new();
    let service = orders::load_service(&state.db.read, draft.service_id)
        .await?
        .filter(|service| service.community_id == auth.community_id);
    match (&service, draft.preferred_start) {
        (None, _) => issues.push(FieldIssue::new("service_id", Rule::Unknown)),
        (Some(service), Some(start)) => {
            let opening = orders::opening_of(&state.db.read, service.id).await?;
            if let Err(rule) = slots::check_preferred_start(&opening, start.timestamp_millis(), now)
            {
                issues.push(FieldIssue::new("preferred_start", rule));
            }
        }
        (Some(_), None) => {}
    }
    let mut address = ADDRESS.check(draft.address.as_deref().unwrap_or_default(), &mut issues);
    if address.is_empty() {
        match auth.household_id {
            Some(household) => {
                address = orders::household_address(&state.db.read, household)
                    .await?
                    .unwrap_or_default();
            }
            None => issues.push(FieldIssue::new("address", Rule::Required)),
        }
    }
    let contact_phone = match draft.contact_phone.as_deref().map(str::trim) {
        None | Some("") => {
            sqlx::query_scalar::<_, String>("SELECT phone FROM users WHERE id = $1")
                .bind(auth.user_id)
                .fetch_one(&state.db.read)
                .await?
        }
        Some(raw) => FieldIssue::check("contact_phone", Phone::parse(raw), &mut issues)
            .map(|phone| phone.as_str().to_owned())
            .unwrap_or_default(),
    };
    let note = NOTE.check(&draft.note, &mut issues);
    let service = match service {
        Some(service) if issues.is_empty() => service,
        _ => return Err(AppError::Validation(issues)),
    };

    let hash = idempotency::request_hash("POST", ORDERS_PATH, &draft)?;
    let mut tx = state.db.write.begin().await?;
    let claim =
        match idempotency::claim(&mut tx, auth.user_id, &key, "POST", ORDERS_PATH, &hash).await? {
            Claim::Replay(response) => return Ok(response),
            Claim::Fresh(claim) => claim,
        };
    if service.points_price == 0 {
        orders::free_cap::check(&mut tx, state.db.backend, auth.user_id, auth.household_id).await?;
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO orders (community_id, service_id, resident_id, status, preferred_start, \
            address, contact_phone, note, points, volunteer_points, created_at, updated_at, \
            waiting_since) \
         VALUES ($1, $2, $3, 'submitted', $4, $5, $6, $7, $8, $9, $10, $10, $10) RETURNING id",
    )
    .bind(service.community_id)
    .bind(service.id)
    .bind(auth.user_id)
    .bind(draft.preferred_start.map(|at| at.timestamp_millis()))
    .bind(address.as_str())
    .bind(contact_phone.as_str())
    .bind(note.as_str())
    .bind(service.points_price)
    .bind(service.volunteer_points)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    orders::add_event(
        &mut tx,
        id,
        OrderEventKind::Submitted,
        Some((auth.user_id, OrderActorRole::Resident)),
        None,
        now,
    )
    .await?;
    if service.points_price > 0 {
        ledger::transfer(
            &mut tx,
            &Transfer {
                community_id: service.community_id,
                from: Account::Member(auth.user_id),
                to: Account::Held(service.community_id),
                amount: service.points_price,
                memo: Memo::new(LedgerKind::OrderHold, service.name.as_str())
                    .link(LedgerLinkKind::Order, id),
                actor_id: Some(auth.user_id),
            },
        )
        .await?;
    }
    let viewer = OrderViewer::of(&mut *tx, auth).await?;
    let order = orders::detail(&mut tx, &viewer, id).await?;
    let response = claim.complete(&mut tx, StatusCode::CREATED, &order).await?;
    tx.commit().await?;
    tracing::info!(order_id = id, "service ordered");
    Ok(response)
}

// ---------------------------------------------------------------------------------------------
// Reading

/// The user's own orders, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/me/orders",
    tag = "orders",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Orders the user placed, newest first (at most 100)", body = Vec<OrderSummary>),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn mine(State(state): State<AppState>, auth: AuthUser) -> Result<Json<Vec<OrderSummary>>> {
    orders::close_overdue(&state.db, now_ms()).await?;
    Ok(Json(
        orders::list(
            &state.db.read,
            "o.resident_id = $1 ORDER BY o.created_at DESC, o.id DESC LIMIT 100",
            auth.user_id,
        )
        .await?,
    ))
}

/// One order with its timeline and the steps the user may take now.
#[utoipa::path(
    get,
    path = "/api/v1/orders/{id}",
    tag = "orders",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Order id")),
    responses(
        (status = 200, description = "The order, its timeline (oldest first) and `actions`", body = Order),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such order, or not one the user may see (residents: their own; staff: their community's; volunteers: assigned to them or open orders of their services)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn detail(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<Order>> {
    let id = path_id(&id)?;
    orders::close_overdue(&state.db, now_ms()).await?;
    let mut conn = state.db.read.acquire().await?;
    let viewer = OrderViewer::of(&mut *conn, auth).await?;
    let row = orders::load(&mut *conn, id)
        .await?
        .filter(|row| viewer.can_see(row))
        .ok_or(AppError::NotFound)?;
    let events = orders::timeline(&mut *conn, id).await?;
    Ok(Json(row.order(&viewer, events)?))
}

/// `?limit=&cursor=` of the paged order lists. Both stay text so a bad value is a field
/// error, not a bare 400.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// A list's `next_cursor` from the previous answer: the next page of that list only.
    cursor: Option<String>,
    /// Orders per list and page, 1–50; 20 when absent.
    #[param(value_type = Option<u32>, minimum = 1, maximum = 50)]
    limit: Option<String>,
}

type PageQuery = std::result::Result<Query<PageParams>, axum::extract::rejection::QueryRejection>;

/// The page size and the cursor asked for, or 422 at `limit` / `cursor`.
fn page_params(params: PageQuery) -> Result<(u32, Option<Cursor>)> {
    let Query(params) = params
        .map_err(|_| AppError::Validation(vec![FieldIssue::new("query", Rule::BadFormat)]))?;
    let mut issues = Vec::new();
    let limit = match params.limit.as_deref() {
        None => ORDER_PAGE_DEFAULT,
        Some(raw) => match raw.parse::<u32>() {
            Ok(limit) if (1..=ORDER_PAGE_MAX).contains(&limit) => limit,
            _ => {
                issues.push(FieldIssue::new(
                    "limit",
                    Rule::OutOfRange {
                        min: 1,
                        max: i64::from(ORDER_PAGE_MAX),
                    },
                ));
                ORDER_PAGE_DEFAULT
            }
        },
    };
    let cursor = match params.cursor.as_deref() {
        None | Some("") => None,
        Some(raw) => {
            let cursor = Cursor::decode(raw);
            if cursor.is_none() {
                issues.push(FieldIssue::new("cursor", Rule::BadFormat));
            }
            cursor
        }
    };
    if issues.is_empty() {
        Ok((limit, cursor))
    } else {
        Err(AppError::Validation(issues))
    }
}

/// The first page of `list`, or the next after `cursor` when it is that list's; an empty page
/// when the cursor is another list's.
async fn list_page(
    state: &AppState,
    list: List,
    subject: i64,
    community_id: i64,
    limit: u32,
    cursor: Option<Cursor>,
) -> Result<OrderPage> {
    match cursor {
        Some(cursor) if cursor.list != list => Ok(OrderPage::default()),
        after => pages::page(&state.db.read, list, subject, community_id, after, limit).await,
    }
}

/// 中心派单: orders waiting for a volunteer, longest waiting first, and those dispatched but not
/// accepted, a page of each.
#[utoipa::path(
    get,
    path = "/api/v1/dispatch/queue",
    tag = "dispatch",
    security(("bearer" = [])),
    params(PageParams),
    responses(
        (status = 200, description = "The community's dispatch queue: the first page of both lists, or with `cursor` the next page of that cursor's list", body = DispatchQueue),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Bad `limit` (1–50) or `cursor` (field errors)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn queue(
    State(state): State<AppState>,
    auth: AuthUser,
    params: PageQuery,
) -> Result<Json<DispatchQueue>> {
    let viewer = OrderViewer {
        auth,
        offered: Default::default(),
    };
    let community = viewer.auth.community_id;
    viewer.auth.require(viewer.is_staff_of(community))?;
    let (limit, cursor) = page_params(params)?;
    orders::close_overdue(&state.db, now_ms()).await?;
    Ok(Json(DispatchQueue {
        waiting: list_page(&state, List::Waiting, community, community, limit, cursor).await?,
        dispatched: list_page(
            &state,
            List::Dispatched,
            community,
            community,
            limit,
            cursor,
        )
        .await?,
    }))
}

/// 志愿者接单: orders assigned to me, open orders of my services, and what I completed, a page
/// of each.
#[utoipa::path(
    get,
    path = "/api/v1/volunteer/orders",
    tag = "volunteering",
    security(("bearer" = [])),
    params(PageParams),
    responses(
        (status = 200, description = "The volunteer's orders: the first page of each list, or with `cursor` the next page of that cursor's list. `open` never holds orders of the volunteer's own household (they may not take them)", body = VolunteerOrders),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a volunteer (`forbidden`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Bad `limit` (1–50) or `cursor` (field errors)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn volunteer_orders(
    State(state): State<AppState>,
    auth: AuthUser,
    params: PageQuery,
) -> Result<Json<VolunteerOrders>> {
    auth.require(auth.is_volunteer)?;
    let (limit, cursor) = page_params(params)?;
    orders::close_overdue(&state.db, now_ms()).await?;
    let (me, community) = (auth.user_id, auth.community_id);
    Ok(Json(VolunteerOrders {
        assigned: list_page(&state, List::Assigned, me, community, limit, cursor).await?,
        open: list_page(&state, List::Open, me, community, limit, cursor).await?,
        done: list_page(&state, List::Done, me, community, limit, cursor).await?,
    }))
}

// ---------------------------------------------------------------------------------------------
// Steps

/// What a step carries besides the order.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
enum Input {
    None,
    Assign(AssignRequest),
    Decline(DeclineRequest),
    Complete(CompleteRequest),
    Rate(RateRequest),
}

impl Action {
    fn path_segment(self) -> &'static str {
        match self {
            Action::Assign => "assign",
            Action::Accept => "accept",
            Action::Decline => "decline",
            Action::Claim => "claim",
            Action::Start => "start",
            Action::Complete => "complete",
            Action::Rate => "rate",
            Action::Close => "close",
            Action::Cancel => "cancel",
            Action::Recall => "recall",
        }
    }
}

/// Text of a step's input, checked before anything is written.
struct Cleaned {
    text: Option<String>,
}

fn check_input(input: &Input) -> Result<Cleaned> {
    let mut issues = Vec::new();
    let text = match input {
        Input::None | Input::Assign(_) => None,
        Input::Decline(request) => Some(DECLINE_REASON.check(&request.reason, &mut issues)),
        Input::Complete(request) => {
            Some(COMPLETION_NOTE.check(&request.note, &mut issues)).filter(|note| !note.is_empty())
        }
        Input::Rate(request) => {
            if !(1..=5).contains(&request.stars) {
                issues.push(FieldIssue::new(
                    "stars",
                    Rule::OutOfRange { min: 1, max: 5 },
                ));
            }
            if request.tags.len() > RATING_TAGS_MAX {
                issues.push(FieldIssue::new("tags", Rule::TooMany));
            }
            Some(RATING_COMMENT.check(&request.comment, &mut issues))
        }
    };
    if issues.is_empty() {
        Ok(Cleaned { text })
    } else {
        Err(AppError::Validation(issues))
    }
}

/// One step on an order: checks the input, claims the Idempotency-Key, asks the state machine,
/// writes the order, its timeline and the ledger in one transaction, answers the order.
async fn act(
    state: AppState,
    auth: AuthUser,
    key: IdempotencyKey,
    raw_id: &str,
    action: Action,
    input: Input,
) -> Result<Response> {
    let id = path_id(raw_id)?;
    let cleaned = check_input(&input)?;
    let now = now_ms();
    // A rating after the window must find the order closed.
    orders::close_overdue(&state.db, now).await?;
    let path = format!("{ORDERS_PATH}/{id}/{}", action.path_segment());
    let hash = idempotency::request_hash("POST", &path, &input)?;

    let mut tx = state.db.write.begin().await?;
    let claim = match idempotency::claim(&mut tx, auth.user_id, &key, "POST", &path, &hash).await? {
        Claim::Replay(response) => return Ok(response),
        Claim::Fresh(claim) => claim,
    };
    let mut auth = auth;
    if matches!(
        action,
        Action::Accept | Action::Decline | Action::Claim | Action::Start | Action::Complete
    ) {
        // Read (and on PostgreSQL share-lock) the flag in this transaction, so a step racing
        // the flag's removal either ends before it (and its order is sent back) or sees it.
        auth.is_volunteer =
            members::volunteer_flag(&mut tx, state.db.backend, auth.user_id).await?;
    }
    let viewer = OrderViewer::of(&mut *tx, auth).await?;
    // Volunteers of the service reach its orders to be told "assigned to someone else".
    let row = orders::load(&mut *tx, id)
        .await?
        .filter(|row| viewer.can_see(row) || viewer.offers(row))
        .ok_or(AppError::NotFound)?;
    let next_status = viewer.check(&row, action)?;
    step(
        &mut tx,
        state.db.backend,
        &viewer,
        &row,
        action,
        next_status,
        &input,
        cleaned,
        now,
    )
    .await?;
    let order = orders::detail(&mut tx, &viewer, id).await?;
    let response = claim.complete(&mut tx, StatusCode::OK, &order).await?;
    tx.commit().await?;
    tracing::info!(order_id = id, action = action.path_segment(), "order step");
    Ok(response)
}

/// Writes one allowed step: the order's columns, its timeline event, and points.
#[allow(clippy::too_many_arguments)]
async fn step(
    tx: &mut AnyConnection,
    backend: Backend,
    viewer: &OrderViewer,
    row: &OrderRow,
    action: Action,
    next_status: OrderStatus,
    input: &Input,
    cleaned: Cleaned,
    now: i64,
) -> Result<()> {
    let me = viewer.auth.user_id;
    let mut next = row.clone();
    next.status = next_status.as_str().into();
    next.updated_at = now;
    let (kind, role, note): (OrderEventKind, OrderActorRole, Option<String>) = match (action, input)
    {
        (Action::Assign, Input::Assign(request)) => {
            // Share-locks the volunteer's flag against its removal (see `members`).
            let volunteer =
                members::volunteer_flag(&mut *tx, backend, request.volunteer_id).await?;
            if !volunteer
                || !orders::offers(
                    &mut *tx,
                    request.volunteer_id,
                    row.service_id,
                    row.community_id,
                )
                .await?
            {
                return Err(AppError::Validation(vec![FieldIssue::new(
                    "volunteer_id",
                    Rule::NotOffered,
                )]));
            }
            let (name, household): (String, Option<i64>) =
                sqlx::query_as("SELECT name, household_id FROM users WHERE id = $1")
                    .bind(request.volunteer_id)
                    .fetch_one(&mut *tx)
                    .await?;
            // Nobody earns from their own household's order.
            let own = request.volunteer_id == row.resident_id
                || (household.is_some() && household == row.resident_household_id);
            if own {
                return Err(AppError::Validation(vec![FieldIssue::new(
                    "volunteer_id",
                    Rule::OwnOrder,
                )]));
            }
            next.volunteer_id = Some(request.volunteer_id);
            next.waiting_since = None;
            let kind = if row.volunteer_id.is_some() {
                OrderEventKind::Reassigned
            } else {
                OrderEventKind::Dispatched
            };
            (kind, OrderActorRole::Staff, Some(name))
        }
        (Action::Accept, _) => (OrderEventKind::Accepted, OrderActorRole::Volunteer, None),
        (Action::Claim, _) => {
            next.volunteer_id = Some(me);
            next.waiting_since = None;
            (OrderEventKind::Claimed, OrderActorRole::Volunteer, None)
        }
        (Action::Decline, _) => {
            next.volunteer_id = None;
            next.waiting_since = Some(now);
            (
                OrderEventKind::Declined,
                OrderActorRole::Volunteer,
                cleaned.text,
            )
        }
        (Action::Start, _) => {
            next.started_at = Some(now);
            (OrderEventKind::Started, OrderActorRole::Volunteer, None)
        }
        (Action::Complete, _) => {
            next.completed_at = Some(now);
            next.completion_note = cleaned.text.clone();
            (
                OrderEventKind::Completed,
                OrderActorRole::Volunteer,
                cleaned.text,
            )
        }
        (Action::Rate, Input::Rate(request)) => {
            let mut tags = Vec::new();
            for tag in &request.tags {
                if !tags.contains(tag) {
                    tags.push(*tag);
                }
            }
            next.rating_stars = Some(i64::from(request.stars));
            next.rating_tags = Some(orders::format_tags(&tags));
            next.rating_comment = cleaned.text;
            next.rated_at = Some(now);
            next.finished_at = Some(now);
            (OrderEventKind::Rated, OrderActorRole::Resident, None)
        }
        (Action::Cancel, _) => {
            next.waiting_since = None;
            next.finished_at = Some(now);
            (OrderEventKind::Cancelled, OrderActorRole::Resident, None)
        }
        _ => {
            return Err(AppError::internal(format!(
                "step {action:?} without its input"
            )))
        }
    };
    orders::save(tx, row, &next).await?;
    orders::add_event(tx, row.id, kind, Some((me, role)), note.as_deref(), now).await?;
    match action {
        Action::Rate => orders::settle(tx, &next, Some(me)).await?,
        Action::Cancel if row.points > 0 => {
            ledger::transfer(
                tx,
                &Transfer {
                    community_id: row.community_id,
                    from: Account::Held(row.community_id),
                    to: Account::Member(row.resident_id),
                    amount: row.points,
                    memo: Memo::new(LedgerKind::OrderRelease, row.service_name.as_str())
                        .link(LedgerLinkKind::Order, row.id),
                    actor_id: Some(me),
                },
            )
            .await?;
        }
        _ => {}
    }
    Ok(())
}

/// Cancels an order before a volunteer accepts it; held points return.
#[utoipa::path(
    post,
    path = "/api/v1/orders/{id}/cancel",
    tag = "orders",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Order id"), ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for the same key")),
    responses(
        (status = 200, description = "Cancelled", body = Order),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the resident who ordered (`order_not_allowed`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such order the user may see", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already accepted (`order_already_accepted`) or finished (`order_finished`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn cancel(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<String>,
) -> Result<Response> {
    act(state, auth, key, &id, Action::Cancel, Input::None).await
}

/// 群众评单: confirms completion and rates, once; settles the points.
#[utoipa::path(
    post,
    path = "/api/v1/orders/{id}/rate",
    tag = "orders",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Order id"), ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for the same key")),
    request_body = RateRequest,
    responses(
        (status = 200, description = "Rated: held points settled, the volunteer credited", body = Order),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the resident who ordered (`order_not_allowed`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such order the user may see", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Rated already (`order_already_rated`), not completed (`order_not_completed`), closed after the rating window or cancelled (`order_finished`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Field errors: `stars` out_of_range, `tags` too_many, `comment` too_long", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn rate(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<RateRequest>,
) -> Result<Response> {
    act(state, auth, key, &id, Action::Rate, Input::Rate(request)).await
}

/// 中心派单 (staff): assigns, or reassigns, to a volunteer offering the service.
#[utoipa::path(
    post,
    path = "/api/v1/orders/{id}/assign",
    tag = "dispatch",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Order id"), ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for the same key")),
    request_body = AssignRequest,
    responses(
        (status = 200, description = "Dispatched: waiting for the volunteer to accept", body = Order),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of the order's community (`order_not_allowed`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such order the user may see", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "In progress or later (`order_wrong_status`, `order_finished`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`volunteer_id` not_offered: not a volunteer offering the service", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn assign(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<AssignRequest>,
) -> Result<Response> {
    act(
        state,
        auth,
        key,
        &id,
        Action::Assign,
        Input::Assign(request),
    )
    .await
}

/// 志愿者接单: the assigned volunteer accepts.
#[utoipa::path(
    post,
    path = "/api/v1/orders/{id}/accept",
    tag = "volunteering",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Order id"), ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for the same key")),
    responses(
        (status = 200, description = "Accepted", body = Order),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Assigned to another volunteer (`order_assigned_to_other`) or not a volunteer's step (`order_not_allowed`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such order the user may see", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not dispatched to the volunteer (`order_wrong_status`, `order_finished`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn accept(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<String>,
) -> Result<Response> {
    act(state, auth, key, &id, Action::Accept, Input::None).await
}

/// The assigned volunteer declines with a reason; the order goes back to the dispatch queue.
#[utoipa::path(
    post,
    path = "/api/v1/orders/{id}/decline",
    tag = "volunteering",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Order id"), ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for the same key")),
    request_body = DeclineRequest,
    responses(
        (status = 200, description = "Declined: back in the queue", body = Order),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the assigned volunteer", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such order the user may see", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not dispatched or accepted", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`reason` required/too_long", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn decline(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<DeclineRequest>,
) -> Result<Response> {
    act(
        state,
        auth,
        key,
        &id,
        Action::Decline,
        Input::Decline(request),
    )
    .await
}

/// A volunteer offering the service takes an open order from the queue.
#[utoipa::path(
    post,
    path = "/api/v1/orders/{id}/claim",
    tag = "volunteering",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Order id"), ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for the same key")),
    responses(
        (status = 200, description = "Claimed and accepted", body = Order),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a volunteer of the service (`order_not_allowed`), or already assigned to another (`order_assigned_to_other`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such order the user may see", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not open (`order_wrong_status`, `order_finished`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn claim(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<String>,
) -> Result<Response> {
    act(state, auth, key, &id, Action::Claim, Input::None).await
}

/// The assigned volunteer starts the service.
#[utoipa::path(
    post,
    path = "/api/v1/orders/{id}/start",
    tag = "volunteering",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Order id"), ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for the same key")),
    responses(
        (status = 200, description = "In progress", body = Order),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the assigned volunteer", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such order the user may see", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not accepted (`order_wrong_status`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn start(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<String>,
) -> Result<Response> {
    act(state, auth, key, &id, Action::Start, Input::None).await
}

/// The assigned volunteer completes the service, with a note; the resident may rate it.
#[utoipa::path(
    post,
    path = "/api/v1/orders/{id}/complete",
    tag = "volunteering",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Order id"), ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for the same key")),
    request_body = CompleteRequest,
    responses(
        (status = 200, description = "Completed: waiting for the resident's rating (closes itself after 7 days)", body = Order),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the assigned volunteer", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such order the user may see", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not in progress (`order_wrong_status`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`note` too_long", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user_id = auth.user_id))]
async fn complete(
    State(state): State<AppState>,
    auth: AuthUser,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<CompleteRequest>,
) -> Result<Response> {
    act(
        state,
        auth,
        key,
        &id,
        Action::Complete,
        Input::Complete(request),
    )
    .await
}
