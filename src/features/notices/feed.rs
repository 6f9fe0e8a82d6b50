use leptos::prelude::*;
use leptos_router::components::A;
use linli_api_types::{NoticePage, NoticeSummary};

use super::api;
use super::card::NoticeCard;
use crate::api::{use_api, ApiError};
use crate::badges::use_unread_notices;
use crate::components::{Icon, IconName};
use crate::i18n::use_i18n;
use crate::routes;

/// The notices for the signed-in resident on 首页: pinned first, newest next, a page at a time.
#[component]
pub fn NoticeFeed(
    /// Heads and staff get a way to post from here. A signal, so that a refreshed profile
    /// updates the button instead of rebuilding the feed (which would fetch it again).
    #[prop(into)]
    can_post: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let unread = use_unread_notices();
    let items = RwSignal::new(Vec::<NoticeSummary>::new());
    let next_cursor = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<ApiError>);
    let loaded_once = RwSignal::new(false);

    let load = Action::new_local(move |cursor: &Option<String>| api::page(api, cursor.clone()));
    Effect::new(move |_| match load.value().get() {
        Some(Ok(NoticePage { items: page, next_cursor: cursor, unread_count })) => {
            items.update(|all| all.extend(page));
            next_cursor.set(cursor);
            unread.0.set(unread_count);
            failure.set(None);
            loaded_once.set(true);
        }
        Some(Err(error)) => failure.set(Some(error)),
        None => {}
    });
    load.dispatch(None);
    let pending = load.pending();

    view! {
        <section class="card notices" id="notices" aria-labelledby="notices-heading" aria-busy=move || pending.get().to_string()>
            <div class="card__head">
                <h2 class="card__title" id="notices-heading">
                    <Icon name=IconName::Notice class="card__title-icon" />
                    {move || i18n.t().notices_heading}
                </h2>
                {move || can_post.get().then(|| view! {
                    <A href=routes::notice_compose() attr:class="button button--small button--primary">
                        {move || i18n.t().compose_title}
                    </A>
                })}
            </div>
            <Show when=move || !loaded_once.get() && failure.with(Option::is_none)>
                <div class="skeleton-list" aria-hidden="true">
                    <div class="skeleton"></div>
                    <div class="skeleton"></div>
                </div>
                <p class="visually-hidden" role="status">{move || i18n.t().loading}</p>
            </Show>
            <Show when=move || loaded_once.get() && items.with(Vec::is_empty)>
                <p class="muted">{move || i18n.t().notices_empty}</p>
            </Show>
            <ul class="notice-list">
                <For each=move || items.get() key=|notice| notice.id let:notice>
                    <li>
                        <NoticeCard notice />
                    </li>
                </For>
            </ul>
            // The footer is written out here rather than taken from `components::LoadMore`: that
            // component's props (a Callback, a Signal) cost 553 B brotli in the first module that
            // 首页 loads, which must not grow (docs/size.md). The lazy lists use `LoadMore`.
            {move || failure.get().map(|error| view! {
                <div class="banner banner--error" role="alert">
                    <p>{error.message(i18n.t())}</p>
                    <button type="button" class="button button--small button--danger-outline"
                        on:click=move |_| { load.dispatch(next_cursor.get_untracked()); }>
                        {move || i18n.t().retry}
                    </button>
                </div>
            })}
            <Show when=move || next_cursor.with(Option::is_some) && failure.with(Option::is_none)>
                <button type="button" class="button button--ghost button--block" disabled=move || pending.get()
                    on:click=move |_| { load.dispatch(next_cursor.get_untracked()); }>
                    {move || if pending.get() { i18n.t().loading } else { i18n.t().load_more }}
                </button>
            </Show>
            <Show when=move || loaded_once.get() && next_cursor.with(Option::is_none) && items.with(|i| i.len() > 3)>
                <p class="muted center">{move || i18n.t().no_more}</p>
            </Show>
        </section>
    }
}
