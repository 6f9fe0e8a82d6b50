//! 服务管理: every service of the community, paused ones marked, with their prices, hours,
//! volunteers and last change; edit one, add one, pause (after a confirm) or resume.

use leptos::prelude::*;
use leptos_router::components::A;
use linli_api_types::{ManagedService, ServiceAdmin};

use super::common::LoadError;
use super::frame::{ClockIcon, Skeleton};
use super::manage_api;
use super::manage_texts::manage_texts;
use super::texts::texts;
use super::wording;
use crate::api::{use_api, ApiError};
use crate::components::{ActionError, ConfirmDialog, PageFrame, Parent};
use crate::i18n::{time, use_i18n};
use crate::routes;

#[component]
pub fn ServiceManagePage() -> impl IntoView {
    let api = use_api();
    let i18n = use_i18n();
    let changed = RwSignal::new(0u32);
    let admin = LocalResource::new(move || {
        changed.track();
        manage_api::admin(api)
    });
    // The service waiting for the pause question's answer.
    let to_pause = RwSignal::new(None::<(i64, String)>);
    let asking = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let set_paused = Action::new_local(move |&(id, paused): &(i64, bool)| manage_api::set_paused(api, id, paused));
    Effect::new(move |_| match set_paused.value().get() {
        Some(Ok(_)) => {
            failure.set(None);
            changed.update(|n| *n += 1);
        }
        Some(Err(error)) => failure.set(Some(error)),
        None => {}
    });
    let title = Signal::derive(move || manage_texts().list_title.to_owned());
    view! {
        <PageFrame title back_to=Some(Parent::Page(routes::services()))>
            <p class="services-intro">{move || manage_texts().intro}</p>
            <A href=routes::service_new() attr:class="button button--primary button--block">{move || manage_texts().add_service}</A>
            <ActionError message=Signal::derive(move || failure.get().map(|e| e.message(i18n.t()))) />
            <Transition fallback=Skeleton>
                {move || Suspend::new(async move {
                    match admin.await {
                        Ok(ServiceAdmin { services, .. }) if services.is_empty() => {
                            view! { <p class="card muted">{move || manage_texts().empty}</p> }.into_any()
                        }
                        Ok(admin) => view! {
                            <ul class="service-list managed-list">
                                {admin.services.into_iter().map(|service| view! {
                                    <li><ManagedCard service to_pause asking set_paused /></li>
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <LoadError error missing=|t| t.menu_empty /> }.into_any(),
                    }
                })}
            </Transition>
            <ConfirmDialog open=asking id="pause-service"
                question=Signal::derive(move || manage_texts().pause_ask.to_owned())
                detail=Signal::derive(move || manage_texts().pause_detail.to_owned())
                confirm=Signal::derive(move || manage_texts().pause.to_owned())
                cancel=Signal::derive(move || i18n.t().cancel.to_owned())
                on_confirm=Callback::new(move |_| {
                    if let Some((id, _)) = to_pause.get_untracked() {
                        set_paused.dispatch((id, true));
                    }
                }) />
        </PageFrame>
    }
}

#[component]
fn ManagedCard(
    service: ManagedService,
    to_pause: RwSignal<Option<(i64, String)>>,
    asking: RwSignal<bool>,
    set_paused: Action<(i64, bool), Result<ManagedService, ApiError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ManagedService { id, name, category, provider_name, points_price, volunteer_points, opening, volunteer_ids, paused, last_change, .. } =
        service;
    let (edit_label, pause_label, card_name) = (name.clone(), name.clone(), name.clone());
    let volunteers = volunteer_ids.len();
    let pending = set_paused.pending();
    let change = move || {
        last_change.as_ref().map(|c| {
            let t = manage_texts();
            (t.last_change)((t.action_word)(&c.action), &c.by.name, &time::full(i18n.t(), c.at))
        })
    };
    view! {
        <article class="card service-card managed-card" class:managed-card--paused=paused>
            <div class="service-card__head">
                <h2 class="service-card__name">{name}</h2>
                {paused.then(|| view! { <span class="chip chip--paused">{move || manage_texts().paused_badge}</span> })}
            </div>
            <p class="service-card__provider">{move || format!("{} · {}", texts().category(category), provider_name)}</p>
            <p class="service-card__provider">{move || (manage_texts().prices)(points_price, volunteer_points)}</p>
            <p class="service-card__opening">
                <ClockIcon />
                <span>{move || wording::opening_times(texts(), &opening)}</span>
            </p>
            <p class="muted">{move || (manage_texts().volunteers_count)(volunteers)}</p>
            <p class="muted managed-card__change">{change}</p>
            <div class="managed-card__actions">
                <A href=routes::service_edit(id) attr:class="button"
                    attr:aria-label=move || (manage_texts().edit_for)(&edit_label)>
                    {move || manage_texts().edit}
                </A>
                <button type="button" class="button" disabled=move || pending.get()
                    aria-label=move || if paused { (manage_texts().resume_for)(&pause_label) } else { (manage_texts().pause_for)(&pause_label) }
                    on:click=move |_| {
                        if paused {
                            set_paused.dispatch((id, false));
                        } else {
                            to_pause.set(Some((id, card_name.clone())));
                            asking.set(true);
                        }
                    }>
                    {move || if paused { manage_texts().resume } else { manage_texts().pause }}
                </button>
            </div>
        </article>
    }
}
