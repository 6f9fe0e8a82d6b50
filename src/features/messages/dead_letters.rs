//! 发送失败的消息: deliveries the receiver never took after every retry, newest first, each with
//! what it was, for whom, how often it was tried and why it failed, and 重试.

use chrono::Utc;
use leptos::prelude::*;
use linli_api_types::{DeliveryStatus, WebhookDelivery, WebhookDeliveryPage};

use super::api;
use super::texts::texts;
use crate::api::{use_api, ApiError, IdempotencyKey};
use crate::components::{ActionError, LoadMore};
use crate::i18n::{time, use_i18n};

#[component]
pub fn DeadLetters(
    /// Asks the page for its figures again after a retry.
    reload: Callback<()>,
) -> impl IntoView {
    let api = use_api();
    let first = LocalResource::new(move || api::deliveries(api, DeliveryStatus::Dead, None));
    view! {
        <section class="card" aria-labelledby="dead-heading">
            <h2 class="card__title" id="dead-heading">{move || texts().dead_heading}</h2>
            <p class="field__hint">{move || texts().dead_intro}</p>
            <Transition fallback=|| view! { <div class="skeleton" aria-hidden="true"></div> }>
                {move || Suspend::new(async move {
                    match first.await {
                        Ok(first) => view! { <DeadList first reload /> }.into_any(),
                        Err(error) => view! { <ErrorLine error /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn ErrorLine(error: ApiError) -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="banner banner--error" role="alert">{move || error.message(i18n.t())}</p> }
}

#[component]
fn DeadList(first: WebhookDeliveryPage, reload: Callback<()>) -> impl IntoView {
    let api = use_api();
    let i18n = use_i18n();
    let WebhookDeliveryPage { items: first_items, next_cursor: first_next } = first;
    let items = RwSignal::new(first_items);
    let next_cursor = RwSignal::new(first_next);
    let failure = RwSignal::new(None::<ApiError>);
    let load = Action::new_local(move |cursor: &String| api::deliveries(api, DeliveryStatus::Dead, Some(cursor.clone())));
    Effect::new(move |_| match load.value().get() {
        Some(Ok(WebhookDeliveryPage { items: page, next_cursor: next })) => {
            items.update(|all| all.extend(page.into_iter().filter(|d| !all.iter().any(|a| a.id == d.id)).collect::<Vec<_>>()));
            next_cursor.set(next);
            failure.set(None);
        }
        Some(Err(error)) => failure.set(Some(error)),
        None => {}
    });
    let pending = load.pending();
    let more = Callback::new(move |_| {
        if let Some(cursor) = next_cursor.get_untracked() {
            load.dispatch(cursor);
        }
    });

    let retry = Action::new_local(move |id: &i64| {
        let id = *id;
        async move { api::retry(api, id, &IdempotencyKey::new()).await.map(|delivery| delivery.id) }
    });
    let retried = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(Ok(id)) = retry.value().get() {
            items.update(|all| all.retain(|d| d.id != id));
            retried.set(true);
            reload.run(());
        }
    });
    let retrying = retry.pending();

    view! {
        <Show when=move || retried.get()>
            <p class="banner banner--ok" role="status">{move || texts().retried}</p>
        </Show>
        <ActionError message=Signal::derive(move || retry.value().get().and_then(Result::err).map(|e| e.message(i18n.t()))) />
        <Show when=move || items.with(|all| !all.is_empty()) fallback=move || view! { <p class="muted">{move || texts().dead_empty}</p> }>
            <ul class="delivery-list">
                <For each=move || items.get() key=|d| d.id let:delivery>
                    <li><Delivery delivery retry=Callback::new(move |id| { retry.dispatch(id); }) busy=retrying.into() /></li>
                </For>
            </ul>
        </Show>
        <LoadMore failure next_cursor pending=pending.into() more />
    }
}

#[component]
fn Delivery(delivery: WebhookDelivery, retry: Callback<i64>, busy: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let WebhookDelivery { id, title, recipient, attempts, last_error, created_at, .. } = delivery;
    let named = title.clone();
    view! {
        <article class="delivery">
            <h3 class="delivery__title">{title}</h3>
            <p class="delivery__line">
                {recipient.map(|name| view! { <span>{move || (texts().recipient)(&name)}</span> })}
                <span>{move || (texts().attempts)(attempts)}</span>
                <time datetime=created_at.to_rfc3339()>{move || time::relative(i18n.t(), created_at, Utc::now())}</time>
            </p>
            {last_error.map(|why| view! { <p class="delivery__error">{move || (texts().last_error)(&why)}</p> })}
            <button type="button" class="button button--small button--ghost" disabled=move || busy.get()
                aria-label=move || (texts().retry_named)(&named) on:click=move |_| retry.run(id)>
                {move || texts().retry}
            </button>
        </article>
    }
}
