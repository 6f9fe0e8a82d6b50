//! What joining adds to 我的: for a resident still waiting (or declined), their request's card;
//! for heads and staff, 入户审核 with how many wait, and 邀请邻居.

use leptos::prelude::*;
use leptos_router::components::A;
use linli_api_types::{AccountStatus, JoinRequestList, MyJoinRequest, Role};

use super::status_page::StatusCard;
use super::texts::texts;
use crate::api::use_api;
use crate::components::{Icon, IconName};
use crate::routes;
use crate::session::use_session;

#[component]
pub fn MeLinks() -> impl IntoView {
    let session = use_session();
    let me = session.me();
    let waiting = me
        .as_ref()
        .is_some_and(|me| me.status != AccountStatus::Active);
    let reviews = me.as_ref().is_some_and(|me| {
        [Role::UnitHead, Role::BuildingHead, Role::Staff]
            .into_iter()
            .any(|role| me.holds(role))
    });
    view! {
        {waiting.then(|| view! { <WaitingCard /> })}
        {reviews.then(|| view! { <HeadLinks /> })}
    }
}

#[component]
fn WaitingCard() -> impl IntoView {
    let api = use_api();
    let request =
        LocalResource::new(
            move || async move { api.get::<MyJoinRequest>("/me/join-request").await },
        );
    view! {
        <Suspense fallback=|| ()>
            {move || request.get().and_then(Result::ok).map(|request| view! { <StatusCard request link=true /> })}
        </Suspense>
    }
}

#[component]
fn HeadLinks() -> impl IntoView {
    let api = use_api();
    let waiting = LocalResource::new(move || async move {
        api.get::<JoinRequestList>("/join-requests")
            .await
            .map(|list| list.items.len())
            .unwrap_or(0)
    });
    view! {
        <nav class="card link-list" aria-label=move || texts().review_title>
            <A href=routes::join_review() attr:class="link-row">
                <span>{move || texts().review_title}</span>
                <Suspense fallback=|| ()>
                    {move || waiting.get().filter(|n| *n > 0).map(|n| view! {
                        <span class="join-badge" aria-hidden="true">{n}</span>
                        <span class="visually-hidden">{(texts().review_count)(n)}</span>
                    })}
                </Suspense>
                <Icon name=IconName::ChevronRight />
            </A>
            <A href=routes::invite() attr:class="link-row">
                <span>{move || texts().invite_title}</span>
                <Icon name=IconName::ChevronRight />
            </A>
        </nav>
    }
}
