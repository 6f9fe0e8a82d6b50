use leptos::prelude::*;
use leptos_router::components::A;
use linli_api_types::{AuthoredNotice, AuthoredPage};

use super::api;
use super::receipts_texts;
use super::card::NoticeCard;
use crate::api::{use_api, ApiError};
use crate::components::{LoadMore, Page, Skeleton};
use crate::i18n::use_i18n;
use crate::routes;

/// A head's or staff member's own notices, each with how many households have read it, newest
/// first and a page at a time (加载更多), as the feed.
#[component]
pub fn MyNoticesPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let items = RwSignal::new(Vec::<AuthoredNotice>::new());
    let next_cursor = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<ApiError>);
    let loaded_once = RwSignal::new(false);

    let load = Action::new_local(move |cursor: &Option<String>| api::authored(api, cursor.clone()));
    Effect::new(move |_| match load.value().get() {
        Some(Ok(AuthoredPage { items: page, next_cursor: cursor })) => {
            items.update(|all| all.extend(page));
            next_cursor.set(cursor);
            failure.set(None);
            loaded_once.set(true);
        }
        Some(Err(error)) => failure.set(Some(error)),
        None => {}
    });
    load.dispatch(None);
    let pending = load.pending();

    view! {
        <Page title=|t| t.my_notices back=routes::me()>
            <A href=routes::notice_compose() attr:class="button button--primary button--block">{move || i18n.t().compose_title}</A>
            <Show when=move || !loaded_once.get() && failure.with(Option::is_none)>
                <Skeleton />
            </Show>
            <Show when=move || loaded_once.get() && items.with(Vec::is_empty)>
                <p class="card muted">{move || i18n.t().my_notices_empty}</p>
            </Show>
            // The cards' titles are h3 (as on 首页, under its section heading): this heading keeps
            // the outline in order for screen readers.
            <h2 class="visually-hidden">{move || receipts_texts::texts().posted_list}</h2>
            <ul class="notice-list notice-list--cards" aria-busy=move || pending.get().to_string()>
                <For each=move || items.get() key=|authored| authored.notice.id let:authored>
                    {
                        let AuthoredNotice { notice, households_read, households_total, expired, .. } = authored;
                        let footer = view! {
                            <p class="notice-card__reach">
                                {move || (receipts_texts::texts().read_of_total)(households_read, households_total)}
                                {expired.then(|| view! { <span class="badge badge--quiet">{move || i18n.t().expired}</span> })}
                            </p>
                        }
                        .into_any();
                        view! { <li class="card"><NoticeCard notice footer /></li> }
                    }
                </For>
            </ul>
            <LoadMore failure next_cursor pending=pending.into() more=Callback::new(move |_| { load.dispatch(next_cursor.get_untracked()); }) />
        </Page>
    }
}
