//! Pieces the order pages share: the error card of a page that could not load, the status chip, an order in a list, and
//! the steps (accept, rate …) sent with a key kept until they succeed.

use std::collections::HashMap;

use chrono::Utc;
use leptos::prelude::*;
use leptos_router::components::A;
use linli_api_types::{Order, OrderPage, OrderStatus, OrderSummary};

use super::api::{self, Step};
use super::texts::texts;
use super::wording;
use crate::api::{use_api, ApiError, IdempotencyKey};
use crate::components::{ErrorCard, LoadMore};
use crate::i18n::use_i18n;
use crate::routes;

/// The error card for a page that could not load what it shows.
#[component]
pub fn LoadError(error: ApiError, missing: fn(&super::texts::ServicesTexts) -> &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let message = move || {
        if matches!(error, ApiError::NotFound)
            || error.has_code(&[linli_api_types::codes::NOT_FOUND, linli_api_types::codes::FORBIDDEN])
        {
            missing(texts()).to_owned()
        } else {
            error.message(i18n.t())
        }
    };
    view! { <ErrorCard message=Signal::derive(message) /> }
}

#[component]
pub fn StatusChip(status: OrderStatus) -> impl IntoView {
    view! {
        <span class=format!("status status--{}", status.as_str())>{move || texts().status(status)}</span>
    }
}

/// The "when" of an order: a slot's start, or 尽快安排.
pub fn when(order_start: Option<chrono::DateTime<Utc>>) -> String {
    let t = texts();
    match order_start {
        Some(start) => wording::short_date(t, start),
        None => t.asap.to_owned(),
    }
}

/// One order in a list, linking to its page. `extra` goes under the facts (a waiting time,
/// the volunteer it went to).
#[component]
pub fn OrderCard(
    order: OrderSummary,
    #[prop(optional)] show_resident: bool,
    /// The list stands alone on its page (no section heading above it): the title is an h2.
    #[prop(optional)]
    top_level: bool,
) -> impl IntoView {
    let OrderSummary { id, service, status, preferred_start, address, resident, volunteer, points, waiting_since, .. } =
        order;
    view! {
        <A href=routes::order(id) attr:class="order-card">
            <div class="order-card__head">
                {if top_level {
                    view! { <h2 class="order-card__title">{service.name.clone()}</h2> }.into_any()
                } else {
                    view! { <h3 class="order-card__title">{service.name.clone()}</h3> }.into_any()
                }}
                <StatusChip status />
            </div>
            <p class="order-card__line">{move || when(preferred_start)}</p>
            <p class="order-card__line">{address}</p>
            {show_resident.then(|| {
                let name = resident.name.clone();
                view! { <p class="order-card__line">{move || { let t = texts(); format!("{}{}{}", t.resident_label, t.label_sep, name) }}</p> }
            })}
            {volunteer.map(|v| view! {
                <p class="order-card__line">{move || { let t = texts(); format!("{}{}{}", t.volunteer_label, t.label_sep, v.name) }}</p>
            })}
            <p class="order-card__meta">
                {(points > 0).then(|| view! { <span class="badge">{move || texts().price(points)}</span> })}
                {waiting_since.map(|since| view! {
                    <span class="order-card__waiting">{move || wording::waited(texts(), since, Utc::now())}</span>
                })}
            </p>
        </A>
    }
}

/// A page of orders under a heading, or a quiet line when there are none; "加载更多" brings
/// the next page of this list while the server says there is one.
#[component]
pub fn OrderList(
    heading: fn(&super::texts::ServicesTexts) -> &'static str,
    empty: fn(&super::texts::ServicesTexts) -> &'static str,
    orders: OrderPage,
    /// Fetches the page after a cursor of this list.
    more: api::MoreOrders,
    #[prop(optional)] show_resident: bool,
    #[prop(optional)] id: &'static str,
) -> impl IntoView {
    let api = use_api();
    let OrderPage { items: first, next_cursor: first_cursor } = orders;
    let items = RwSignal::new(first);
    let next_cursor = RwSignal::new(first_cursor);
    let failure = RwSignal::new(None::<ApiError>);
    let load = Action::new_local(move |cursor: &String| more(api, cursor.clone()));
    Effect::new(move |_| match load.value().get() {
        Some(Ok(OrderPage { items: page, next_cursor: cursor })) => {
            // Pages never repeat an order; one that changed lists meanwhile is shown once.
            items.update(|all| {
                for order in page {
                    if !all.iter().any(|o| o.id == order.id) {
                        all.push(order);
                    }
                }
            });
            next_cursor.set(cursor);
            failure.set(None);
        }
        Some(Err(error)) => failure.set(Some(error)),
        None => {}
    });
    let pending = load.pending();
    let load_next = move |_| {
        if let Some(cursor) = next_cursor.get_untracked() {
            load.dispatch(cursor);
        }
    };
    let heading_id = format!("{id}-heading");
    let labelled_by = heading_id.clone();
    view! {
        <section class="card orders" id=id aria-labelledby=labelled_by aria-busy=move || pending.get().to_string()>
            <h2 class="card__title" id=heading_id>
                {move || heading(texts())}
                <span class="badge badge--quiet">
                    {move || format!("{}{}", items.with(Vec::len), if next_cursor.with(Option::is_some) { "+" } else { "" })}
                </span>
            </h2>
            <Show when=move || !items.with(Vec::is_empty) fallback=move || view! { <p class="muted">{move || empty(texts())}</p> }>
                <ul class="order-list">
                    <For each=move || items.get() key=|order| order.id let:order>
                        <li><OrderCard order show_resident /></li>
                    </For>
                </ul>
            </Show>
            <LoadMore failure next_cursor pending=pending.into() more=Callback::new(move |_| load_next(())) />
        </section>
    }
}

/// Steps on one order. Each kind of step keeps its idempotency key until it succeeds, so a
/// retry after a dropped answer is the same request, never a second one.
#[derive(Clone, Copy)]
pub struct Steps {
    pub action: Action<Step, Result<Order, ApiError>>,
    /// The kind of step sent last ("accept", "rate" …): its button shows how it went.
    pub last: RwSignal<Option<&'static str>>,
    /// Whether a step is on its way. Made once with the steps, not by each form: a form that
    /// goes with the step it sent (the order changed) must not leave closures reading a memo
    /// of its own that went with it.
    pub pending: Memo<bool>,
}

impl Steps {
    pub fn send(&self, step: Step) {
        self.last.set(Some(step_name(&step)));
        self.action.dispatch(step);
    }

    /// Why the last step failed, if it was of kind `name`.
    pub fn failed(&self, name: &str) -> Option<ApiError> {
        if self.last.get() != Some(name) {
            return None;
        }
        self.action.value().get().and_then(Result::err)
    }
}

pub fn step_name(step: &Step) -> &'static str {
    match step {
        Step::Cancel => "cancel",
        Step::Assign(_) => "assign",
        Step::Accept => "accept",
        Step::Decline(_) => "decline",
        Step::Claim => "claim",
        Step::Start => "start",
        Step::Complete(_) => "complete",
        Step::Rate(_) => "rate",
        Step::StaffCancel(_) => "staff_cancel",
    }
}

pub fn use_steps(id: i64, on_done: impl Fn(Order) + 'static) -> Steps {
    let api = use_api();
    let keys = StoredValue::new_local(HashMap::<&'static str, IdempotencyKey>::new());
    let action = Action::new_local(move |step: &Step| {
        let step = step.clone();
        let name = step_name(&step);
        let key = keys.try_update_value(|k| k.entry(name).or_default().clone()).unwrap_or_default();
        async move {
            let result = api::step(api, id, step, key).await;
            // The server answered (done or refused): the next try is a new request. Only an
            // unknown outcome (no answer) keeps the key, so its retry cannot act twice.
            if matches!(result, Ok(_) | Err(ApiError::Problem(_))) {
                keys.update_value(|k| {
                    k.remove(name);
                });
            }
            result
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(order)) = action.value().get() {
            on_done(order);
        }
    });
    Steps { action, last: RwSignal::new(None), pending: action.pending() }
}
