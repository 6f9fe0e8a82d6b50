//! A building's households not on Linli yet, by unit and room, with the register's names,
//! masked phones and care tags: the doors a head knocks on.

use leptos::prelude::*;
use linli_api_types::{BuildingUnjoined, UnjoinedHousehold};

use super::api;
use super::frame::Frame;
use super::texts::texts;
use crate::api::{route_id, use_api, ApiError};
use crate::components::{ErrorCard, Skeleton};
use crate::i18n::use_i18n;
use crate::routes;

#[component]
pub fn RegisterUnjoinedPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let id = route_id();
    let loaded = LocalResource::new(move || {
        let id = id.get();
        async move { api::unjoined(api, id.ok_or(ApiError::NotFound)?).await }
    });
    view! {
        <Frame title=|t| t.unjoined_title back=routes::register_progress()>
            <Transition fallback=Skeleton>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok(list) => view! { <UnjoinedView list /> }.into_any(),
                        Err(error) => view! { <ErrorCard message=Signal::derive(move || error.message(i18n.t())) /> }.into_any(),
                    }
                })}
            </Transition>
        </Frame>
    }
}

#[component]
fn UnjoinedView(list: BuildingUnjoined) -> impl IntoView {
    let count = list.households.len();
    view! {
        <section class="card">
            <h2 class="card__title">{list.building.clone()}</h2>
            <p class="unjoined__count">{move || (texts().unjoined_count)(count)}</p>
            {(count == 0).then(|| view! { <p class="muted">{move || texts().unjoined_none}</p> })}
        </section>
        <ul class="unjoined">
            {list.households.into_iter().map(|h| view! { <Household household=h /> }).collect_view()}
        </ul>
    }
}

#[component]
fn Household(household: UnjoinedHousehold) -> impl IntoView {
    let UnjoinedHousehold {
        unit,
        room,
        members,
        ..
    } = household;
    view! {
        <li class="card unjoined__household">
            <h3 class="unjoined__room">{move || (texts().room)(&unit, &room)}</h3>
            <ul class="unjoined__members">
                {members.into_iter().map(|m| {
                    let phone = m.phone_masked.clone();
                    view! {
                        <li class="unjoined__member">
                            <span class="unjoined__name">{m.name}</span>
                            {(!m.relation.is_empty()).then(|| view! { <span class="muted">{m.relation}</span> })}
                            <span class="unjoined__phone">
                                {move || phone.clone().unwrap_or_else(|| texts().no_phone.to_owned())}
                            </span>
                            {(!m.care_tags.is_empty()).then(|| view! {
                                <ul class="chips unjoined__tags">
                                    {m.care_tags.into_iter().map(|tag| view! { <li class="chip chip--care">{tag}</li> }).collect_view()}
                                </ul>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </li>
    }
}
