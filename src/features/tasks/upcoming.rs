use leptos::prelude::*;
use leptos_router::components::A;

use super::api::{self, Filter};
use super::card::TaskCard;
use super::texts::texts;
use crate::api::use_api;
use crate::components::{Icon, IconName};
use crate::routes;

/// 近期志愿活动 on 首页: the next few tasks the resident may join, and the way to all of them.
#[component]
pub fn UpcomingTasks() -> impl IntoView {
    let api = use_api();
    let page = LocalResource::new(move || api::list(api, Filter::default(), None));
    view! {
        <section class="card" aria-labelledby="upcoming-tasks-heading">
            <div class="card__head">
                <h2 class="card__title" id="upcoming-tasks-heading">
                    <Icon name=IconName::Tasks class="card__title-icon" />
                    {move || texts().upcoming_heading}
                </h2>
                <A href=routes::tasks() attr:class="button button--small button--ghost">{move || texts().see_all}</A>
            </div>
            <Transition fallback=move || view! { <div class="skeleton" aria-hidden="true"></div> }>
                {move || Suspend::new(async move {
                    let items = page.await.map(|p| p.items).unwrap_or_default();
                    if items.is_empty() {
                        return view! { <p class="muted">{move || texts().no_tasks}</p> }.into_any();
                    }
                    view! {
                        <ul class="notice-list">
                            {items.into_iter().take(3).map(|task| view! { <li class="upcoming-task"><TaskCard task /></li> }).collect_view()}
                        </ul>
                    }.into_any()
                })}
            </Transition>
        </section>
    }
}
