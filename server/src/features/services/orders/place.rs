//! 群众点单: a resident orders a service of their community's menu for a time within its
//! opening times (or as soon as possible). A paid service holds its points until the order is
//! rated or closes; a free one counts against the household's cap of open free orders.

use linli_api_types::{
    Order, OrderActorRole, OrderDraft, OrderEventKind, Phone, ORDER_ADDRESS_MAX_CHARS,
    ORDER_NOTE_MAX_CHARS,
};
use sqlx::AnyConnection;

use super::events::add_event_by;
use super::free_cap;
use super::payment::{self, Hold};
use super::view::detail;
use super::viewer::OrderViewer;
use crate::features::services::menu::order_form::{household_address, member_phone};
use crate::features::services::menu::{load_service, opening_of, slots, ServiceRow};
use crate::features::services::refusals;
use crate::platform::auth::AuthUser;
use crate::platform::db::{Backend, Db};
use crate::platform::error::{AppError, FieldIssue, Result, Rule};
use crate::platform::ids::{CommunityId, HouseholdId, OrderId, ServiceId, UserId};
use crate::platform::text::TextField;

// The text of an order (`crate::platform::text`: control characters cleaned out).
const ADDRESS: TextField = TextField::line("address", ORDER_ADDRESS_MAX_CHARS).optional();
const NOTE: TextField = TextField::multiline("note", ORDER_NOTE_MAX_CHARS).optional();

/// A draft that passed every rule of its fields, with the defaults filled in.
pub struct CheckedDraft {
    service: ServiceRow,
    preferred_start: Option<i64>,
    /// The booked slot's end by the opening times now, kept with the order.
    preferred_end: Option<i64>,
    address: String,
    contact_phone: String,
    note: String,
}

/// Checks `draft` for `auth` at `now`: the service on their menu, the time bookable, the text
/// within bounds; an empty address is the household's, an empty phone their own. 422 with
/// every field's refusal at once.
pub async fn check(db: &Db, auth: &AuthUser, draft: &OrderDraft, now: i64) -> Result<CheckedDraft> {
    let mut issues = Vec::new();
    let mut preferred_end = None;
    let service = load_service(&db.read, ServiceId(draft.service_id))
        .await?
        .filter(|service| service.community_id == auth.community_id);
    match (&service, draft.preferred_start) {
        (None, _) => issues.push(refusals::unknown_service()),
        (Some(service), Some(start)) => {
            let opening = opening_of(&db.read, ServiceId(service.id)).await?;
            if let Err(refused) =
                slots::check_preferred_start(&opening, start.timestamp_millis(), now)
            {
                issues.push(refusals::preferred_start(refused));
            }
            preferred_end = slots::slot_end(&opening, start.timestamp_millis());
        }
        (Some(_), None) => {}
    }
    let mut address = ADDRESS.check(draft.address.as_deref().unwrap_or_default(), &mut issues);
    if address.is_empty() {
        match auth.household_id {
            Some(household) => {
                address = household_address(&db.read, HouseholdId(household))
                    .await?
                    .unwrap_or_default();
            }
            None => issues.push(FieldIssue::new("address", Rule::Required)),
        }
    }
    let contact_phone = match draft.contact_phone.as_deref().map(str::trim) {
        None | Some("") => member_phone(&db.read, UserId(auth.user_id), auth.proxy_by).await?,
        Some(raw) => FieldIssue::check("contact_phone", Phone::parse(raw), &mut issues)
            .map(|phone| phone.as_str().to_owned())
            .unwrap_or_default(),
    };
    let note = NOTE.check(&draft.note, &mut issues);
    match service {
        Some(service) if issues.is_empty() => Ok(CheckedDraft {
            service,
            preferred_start: draft.preferred_start.map(|at| at.timestamp_millis()),
            preferred_end,
            address,
            contact_phone,
            note,
        }),
        _ => Err(AppError::Validation(issues)),
    }
}

/// Places the checked draft for `auth` in `tx`: the order waiting for dispatch, its first
/// timeline event and its held points. Answers the order as they see it.
pub async fn place(
    tx: &mut AnyConnection,
    backend: Backend,
    auth: AuthUser,
    draft: CheckedDraft,
    now: i64,
) -> Result<Order> {
    let service = &draft.service;
    let resident = UserId(auth.user_id);
    if service.points_price == 0 {
        free_cap::check(tx, backend, resident, auth.household_id.map(HouseholdId)).await?;
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO orders (community_id, service_id, resident_id, status, preferred_start, \
            address, contact_phone, note, points, volunteer_points, created_at, updated_at, \
            waiting_since, service_name, service_category, provider_name, preferred_end, \
            proxy_by) \
         VALUES ($1, $2, $3, 'submitted', $4, $5, $6, $7, $8, $9, $10, $10, $10, $11, $12, $13, \
            $14, $15) RETURNING id",
    )
    .bind(service.community_id)
    .bind(service.id)
    .bind(resident.get())
    .bind(draft.preferred_start)
    .bind(draft.address.as_str())
    .bind(draft.contact_phone.as_str())
    .bind(draft.note.as_str())
    .bind(service.points_price)
    .bind(service.volunteer_points)
    .bind(now)
    .bind(&service.name)
    .bind(&service.category)
    .bind(&service.provider_name)
    .bind(draft.preferred_end)
    .bind(auth.proxy_by)
    .fetch_one(&mut *tx)
    .await?;
    add_event_by(
        tx,
        id,
        OrderEventKind::Submitted,
        Some((resident.get(), OrderActorRole::Resident)),
        None,
        now,
        auth.proxy_by,
    )
    .await?;
    payment::hold(
        tx,
        &Hold {
            order: OrderId(id),
            community: CommunityId(service.community_id),
            resident,
            points: service.points_price,
            service_name: &service.name,
            proxy_by: auth.proxy_by,
        },
    )
    .await?;
    let viewer = OrderViewer::of(&mut *tx, auth).await?;
    detail(tx, &viewer, id).await
}
