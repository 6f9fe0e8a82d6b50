//! 加入进度: "已加入 312 / 416 户" for the community (staff), each grid, each building, and a
//! unit head's units, with a bar each; a building or unit leads to its unjoined households.

use leptos::prelude::*;
use leptos_router::components::A;
use linli_api_types::{JoinProgress, RegisterProgress};

use super::api;
use super::frame::Frame;
use super::texts::texts;
use crate::api::use_api;
use crate::components::{ErrorCard, Icon, IconName, Skeleton};
use crate::i18n::use_i18n;
use crate::routes;

#[component]
pub fn RegisterProgressPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let loaded = LocalResource::new(move || api::progress(api));
    view! {
        <Frame title=|t| t.progress_title back=routes::me()>
            <Transition fallback=Skeleton>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok(progress) => view! { <ProgressView progress /> }.into_any(),
                        Err(error) => view! { <ErrorCard message=Signal::derive(move || error.message(i18n.t())) /> }.into_any(),
                    }
                })}
            </Transition>
        </Frame>
    }
}

#[component]
fn ProgressView(progress: RegisterProgress) -> impl IntoView {
    let RegisterProgress {
        community,
        grids,
        buildings,
        units,
    } = progress;
    let empty = community.as_ref().is_none_or(|c| c.households == 0)
        && grids.is_empty()
        && buildings.is_empty()
        && units.is_empty();
    view! {
        {community.map(|c| view! {
            <section class="card join-progress join-progress--main">
                <h2 class="card__title">{c.name.clone()}</h2>
                <Figures place=c />
            </section>
        })}
        {empty.then(|| view! { <p class="card muted">{move || texts().progress_empty}</p> })}
        <PlaceList heading=|t| t.grids_heading places=grids />
        <PlaceList heading=|t| t.buildings_heading places=buildings />
        <PlaceList heading=|t| t.units_heading places=units />
    }
}

#[component]
fn PlaceList(
    heading: fn(&super::texts::RegisterTexts) -> &'static str,
    places: Vec<JoinProgress>,
) -> impl IntoView {
    (!places.is_empty()).then(|| view! {
        <section class="card join-progress">
            <h2 class="card__title">{move || heading(texts())}</h2>
            <ul class="join-progress__list">
                {places.into_iter().map(|place| {
                    let name = place.name.clone();
                    match place.building_id {
                        Some(building) => view! {
                            <li>
                                <A href=routes::register_unjoined(building) attr:class="join-progress__place join-progress__place--link">
                                    <span class="join-progress__name">{name}</span>
                                    <Figures place />
                                    <span class="join-progress__more">
                                        {move || texts().see_unjoined}
                                        <Icon name=IconName::ChevronRight />
                                    </span>
                                </A>
                            </li>
                        }.into_any(),
                        None => view! {
                            <li class="join-progress__place">
                                <span class="join-progress__name">{name}</span>
                                <Figures place />
                            </li>
                        }.into_any(),
                    }
                }).collect_view()}
            </ul>
        </section>
    })
}

/// "已加入 312 / 416 户", its bar, and the members' figure.
#[component]
fn Figures(place: JoinProgress) -> impl IntoView {
    let percent = if place.households == 0 {
        0
    } else {
        place.joined * 100 / place.households
    };
    let (joined, households) = (place.joined, place.households);
    let (members_joined, members) = (place.members_joined, place.members);
    view! {
        <span class="join-progress__figure">{move || (texts().joined_of)(joined, households)}</span>
        <span class="join-progress__bar" aria-hidden="true">
            <span class="join-progress__fill" style:width=format!("{percent}%")></span>
        </span>
        <span class="join-progress__members muted">{move || (texts().members_joined_of)(members_joined, members)}</span>
    }
}
