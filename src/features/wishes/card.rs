//! A wish in a list, and a list of them a page at a time.

use leptos::prelude::*;
use leptos_router::components::A;
use linli_api_types::{WishPage, WishStatus, WishSummary};

use super::api::{self, List};
use super::texts::texts;
use crate::api::{use_api, ApiError};
use crate::components::{ErrorCard, LoadMore};
use crate::i18n::use_i18n;
use crate::routes;

#[component]
pub fn StatusChip(status: WishStatus) -> impl IntoView {
    view! { <span class=format!("status status--wish-{}", status.as_str())>{move || texts().status(status)}</span> }
}

/// One wish, linking to its page. `top_level`: the list has no heading of its own, so the
/// wish's title is an h2 (headings go down one level at a time).
#[component]
pub fn WishCard(wish: WishSummary, #[prop(optional)] top_level: bool) -> impl IntoView {
    let WishSummary { id, title, status, resident, place, points, claimer, mine, claimed_by_me, .. } = wish;
    view! {
        <A href=routes::wish(id) attr:class="order-card wish-card">
            <div class="order-card__head">
                {if top_level {
                    view! { <h2 class="order-card__title">{title}</h2> }.into_any()
                } else {
                    view! { <h3 class="order-card__title">{title}</h3> }.into_any()
                }}
                <StatusChip status />
            </div>
            <p class="order-card__line">{move || (texts().by)(&resident, &place)}</p>
            {claimer.map(|name| view! { <p class="order-card__line">{move || (texts().claimed_by)(&name)}</p> })}
            <p class="order-card__meta">
                <span class="badge">{move || (texts().points)(points)}</span>
                {mine.then(|| view! { <span class="badge badge--quiet">{move || texts().yours}</span> })}
                {claimed_by_me.then(|| view! { <span class="badge badge--quiet">{move || texts().claimed_by_you}</span> })}
            </p>
        </A>
    }
}

/// A list of wishes under a heading (none: the page's title is the heading), the first page
/// as loaded and 加载更多 while the server has more.
#[component]
pub fn WishList(
    list: List,
    first: WishPage,
    empty: fn(&super::texts::WishTexts) -> &'static str,
    #[prop(optional)] heading: Option<fn(&super::texts::WishTexts) -> &'static str>,
    /// Only some of the wishes (mine: posted or claimed).
    #[prop(optional)]
    keep: Option<fn(&WishSummary) -> bool>,
    #[prop(optional)] id: &'static str,
) -> impl IntoView {
    let api = use_api();
    let WishPage { items: first_items, next } = first;
    let items = RwSignal::new(first_items);
    let next_cursor = RwSignal::new(next);
    let failure = RwSignal::new(None::<ApiError>);
    let load = Action::new_local(move |after: &String| api::page(api, list, Some(after.clone())));
    Effect::new(move |_| match load.value().get() {
        Some(Ok(WishPage { items: page, next })) => {
            items.update(|all| {
                for wish in page {
                    if !all.iter().any(|w| w.id == wish.id) {
                        all.push(wish);
                    }
                }
            });
            next_cursor.set(next);
            failure.set(None);
        }
        Some(Err(error)) => failure.set(Some(error)),
        None => {}
    });
    let pending = load.pending();
    let more = Callback::new(move |_| {
        if let Some(after) = next_cursor.get_untracked() {
            load.dispatch(after);
        }
    });
    let shown = move || items.get().into_iter().filter(|w| keep.is_none_or(|keep| keep(w))).collect::<Vec<_>>();
    let heading_id = format!("{id}-heading");
    let labelled_by = heading.map(|_| heading_id.clone());
    view! {
        <section class="card orders" id=id aria-labelledby=labelled_by aria-busy=move || pending.get().to_string()>
            {heading.map(|heading| view! { <h2 class="card__title" id=heading_id>{move || heading(texts())}</h2> })}
            <Show when=move || !shown().is_empty() fallback=move || view! { <p class="muted">{move || empty(texts())}</p> }>
                <ul class="order-list">
                    <For each=shown key=|wish| (wish.id, wish.status) let:wish>
                        <li><WishCard wish top_level=heading.is_none() /></li>
                    </For>
                </ul>
            </Show>
            <LoadMore failure next_cursor pending=pending.into() more />
        </section>
    }
}

/// The error card of a page that could not load.
#[component]
pub fn LoadError(error: ApiError) -> impl IntoView {
    let i18n = use_i18n();
    let message = move || {
        if matches!(error, ApiError::NotFound)
            || error.has_code(&[linli_api_types::codes::NOT_FOUND, linli_api_types::codes::FORBIDDEN])
        {
            texts().missing.to_owned()
        } else {
            error.message(i18n.t())
        }
    };
    view! { <ErrorCard message=Signal::derive(message) /> }
}
