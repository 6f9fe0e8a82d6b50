use leptos::prelude::*;
use linli_api_types::SubjectKind;

use super::api;
use super::card::TaskCard;
use super::frame::{Frame, Skeleton};
use super::texts::texts;
use crate::api::live::{on_live_change, Concerns};
use crate::api::use_api;
use crate::components::ErrorCard;
use crate::i18n::use_i18n;

/// 我的任务: what the resident has signed up for, and what they have done.
#[component]
pub fn MyTasksPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let done = RwSignal::new(false);
    let page = LocalResource::new(move || api::mine(api, if done.get() { "done" } else { "upcoming" }));
    // Off the waitlist, changed or cancelled while the list is open.
    on_live_change(Concerns::Kind(SubjectKind::Task), move || page.refetch());
    view! {
        <Frame title=|t| t.my_tasks back=crate::routes::tasks()>
            <div class="segmented-bar" role="group" aria-label=move || texts().my_tasks>
                <button type="button" class="toggle" aria-pressed=move || (!done.get()).to_string() on:click=move |_| done.set(false)>
                    {move || texts().upcoming}
                </button>
                <button type="button" class="toggle" aria-pressed=move || done.get().to_string() on:click=move |_| done.set(true)>
                    {move || texts().done}
                </button>
            </div>
            <h2 class="visually-hidden">{move || if done.get() { texts().done } else { texts().upcoming }}</h2>
            <Transition fallback=Skeleton>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(page) if page.items.is_empty() => view! {
                            <p class="card muted center">{move || if done.get_untracked() { texts().my_done_empty } else { texts().my_upcoming_empty }}</p>
                        }.into_any(),
                        Ok(page) => view! {
                            <ul class="task-list">
                                {page.items.into_iter().map(|task| view! { <li class="card"><TaskCard task /></li> }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <ErrorCard message=Signal::derive(move || error.message(i18n.t())) /> }.into_any(),
                    }
                })}
            </Transition>
        </Frame>
    }
}
