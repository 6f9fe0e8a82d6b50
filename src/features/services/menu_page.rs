use leptos::prelude::*;
use leptos_router::components::A;
use linli_api_types::{Role, Service, ServiceGroup};

use super::api;
use super::common::LoadError;
use super::frame::{ClockIcon, Frame, Skeleton};
use super::manage_texts::manage_texts;
use super::texts::texts;
use super::wording;
use crate::api::use_api;
use crate::components::{Icon, IconName};
use crate::routes;
use crate::session::use_session;

/// The 服务 tab: the menu by category, and the ways into orders for each role.
#[component]
pub fn ServicesPage(
    /// What other features add below the order links (微心愿's card), for accounts let in.
    #[prop(optional, into)]
    more_links: Option<ViewFn>,
) -> impl IntoView {
    let api = use_api();
    let menu = LocalResource::new(move || api::menu(api));
    let session = use_session();
    // An account waiting for its head reads the menu; ordering opens once it is let in.
    let waiting = move || session.me().is_some_and(|me| me.status.is_waiting());
    view! {
        <Frame title=|t| t.menu_title>
            <Show when=waiting fallback=move || view! { <OrderLinks /> {more_links.as_ref().map(|links| links.run())} }>
                <p class="banner banner--info" role="note">{move || texts().order_after_joining}</p>
            </Show>
            <p class="services-intro">{move || texts().menu_intro}</p>
            <Transition fallback=Skeleton>
                {move || Suspend::new(async move {
                    match menu.await {
                        Ok(menu) if menu.groups.is_empty() => view! { <p class="card muted">{move || texts().menu_empty}</p> }.into_any(),
                        Ok(menu) => menu.groups.into_iter().map(|group| view! { <CategorySection group /> }).collect_view().into_any(),
                        Err(error) => view! { <LoadError error missing=|t| t.menu_empty /> }.into_any(),
                    }
                })}
            </Transition>
        </Frame>
    }
}

/// 我的订单 for everyone; 中心派单 and 服务管理 for staff; 我的接单 for volunteers. Also shown on 我的.
#[component]
pub fn OrderLinks() -> impl IntoView {
    let session = use_session();
    let me = move || session.me();
    let staff = move || me().is_some_and(|me| me.roles.iter().any(|g| g.role == Role::Staff));
    let volunteer = move || me().is_some_and(|me| me.is_volunteer);
    view! {
        <nav class="card link-list" aria-label=move || texts().links_label>
            <A href=routes::my_orders() attr:class="link-row">
                <span>{move || texts().link_my_orders}</span>
                <Icon name=IconName::ChevronRight />
            </A>
            <Show when=staff>
                <A href=routes::dispatch() attr:class="link-row">
                    <span>{move || texts().link_dispatch}</span>
                    <Icon name=IconName::ChevronRight />
                </A>
                <A href=routes::service_manage() attr:class="link-row">
                    <span>{move || manage_texts().list_title}</span>
                    <Icon name=IconName::ChevronRight />
                </A>
            </Show>
            <Show when=volunteer>
                <A href=routes::volunteer_orders() attr:class="link-row">
                    <span>{move || texts().link_volunteer}</span>
                    <Icon name=IconName::ChevronRight />
                </A>
            </Show>
        </nav>
    }
}

#[component]
fn CategorySection(group: ServiceGroup) -> impl IntoView {
    let category = group.category;
    let heading_id = format!("category-{}", category.as_str());
    let labelled_by = heading_id.clone();
    view! {
        <section class="service-group" aria-labelledby=labelled_by>
            <h2 class="service-group__title" id=heading_id>{move || texts().category(category)}</h2>
            <ul class="service-list">
                {group.services.into_iter().map(|service| view! { <li><ServiceCard service /></li> }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn ServiceCard(service: Service) -> impl IntoView {
    let Service { id, name, provider, description, points_price, opening, .. } = service;
    let label_name = name.clone();
    let session = use_session();
    let waiting = move || session.me().is_some_and(|me| me.status.is_waiting());
    view! {
        <article class="card service-card">
            <div class="service-card__head">
                <h3 class="service-card__name">{name}</h3>
                <span class="price" class:price--free=points_price == 0>{move || (texts().price_each)(points_price)}</span>
            </div>
            <p class="service-card__provider">{move || (texts().provider)(&provider.name)}</p>
            <p class="service-card__opening">
                <ClockIcon />
                <span>{move || wording::opening_times(texts(), &opening)}</span>
            </p>
            <p class="service-card__description">{description}</p>
            <Show when=move || !waiting()>
                <A href=routes::order_form(id) attr:class="button button--primary button--block"
                    attr:aria-label={let label_name = label_name.clone(); move || (texts().order_button_for)(&label_name)}>
                    {move || texts().order_button}
                </A>
            </Show>
        </article>
    }
}
