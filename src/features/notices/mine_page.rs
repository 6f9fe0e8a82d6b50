use leptos::prelude::*;
use leptos_router::components::A;

use super::api;
use super::card::NoticeCard;
use crate::api::use_api;
use crate::components::{ErrorCard, Page, Skeleton};
use crate::i18n::use_i18n;
use crate::routes::AppRoute;

/// A head's or staff member's own notices, each with how many households have read it.
#[component]
pub fn MyNoticesPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let notices = LocalResource::new(move || api::authored(api));
    view! {
        <Page title=|t| t.my_notices back=true>
            <A href=AppRoute::NoticeCompose.path() attr:class="button button--primary button--block">{move || i18n.t().compose_title}</A>
            <Transition fallback=move || view! { <Skeleton /> }>
                {move || Suspend::new(async move {
                    match notices.await {
                        Ok(list) if list.is_empty() => view! { <p class="card muted">{move || i18n.t().my_notices_empty}</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="notice-list notice-list--cards">
                                {list.into_iter().map(|authored| {
                                    let footer = view! {
                                        <p class="notice-card__reach">
                                            {move || (i18n.t().read_of)(authored.households_read, authored.households_total)}
                                            {authored.expired.then(|| view! { <span class="badge badge--quiet">{move || i18n.t().expired}</span> })}
                                        </p>
                                    }.into_any();
                                    view! { <li class="card"><NoticeCard notice=authored.notice footer /></li> }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <ErrorCard message=Signal::derive(move || error.message(i18n.t())) /> }.into_any(),
                    }
                })}
            </Transition>
        </Page>
    }
}
