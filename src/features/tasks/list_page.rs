use leptos::prelude::*;
use leptos_router::components::A;
use linli_api_types::{Role, TaskCategory, TaskPage, TaskSummary};

use super::api::{self, Filter};
use super::card::TaskCard;
use super::frame::Frame;
use super::texts::texts;
use crate::api::{use_api, ApiError};
use crate::components::LoadMore;
use crate::i18n::use_i18n;
use crate::routes;
use crate::session::use_session;

/// Whether the signed-in user may organise tasks (staff and building heads).
pub fn can_organise() -> bool {
    use_session().me().is_some_and(|me| me.holds(Role::Staff) || me.holds(Role::BuildingHead))
}

/// 任务: the tasks the resident may join, soonest first, filtered by category and day.
#[component]
pub fn TasksPage() -> impl IntoView {
    let organiser = can_organise();
    view! {
        <Frame title=|t| t.tab>
            <div class="head-actions">
                <A href=routes::my_tasks() attr:class="button button--ghost">{move || texts().my_tasks}</A>
                {organiser.then(|| view! {
                    <A href=routes::task_new() attr:class="button button--primary">{move || texts().new_task}</A>
                })}
            </div>
            <TaskList />
        </Frame>
    }
}

#[component]
fn TaskList() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let category = RwSignal::new(None::<TaskCategory>);
    let date = RwSignal::new(String::new());
    let items = RwSignal::new(Vec::<TaskSummary>::new());
    let next_cursor = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<ApiError>);
    let loaded = RwSignal::new(false);
    // Each load carries the generation it was asked for; an answer for an old filter is dropped.
    let generation = StoredValue::new(0_u32);

    let load = Action::new_local(move |(gen, filter, cursor): &(u32, Filter, Option<String>)| {
        let (gen, reset) = (*gen, cursor.is_none());
        let request = api::list(api, filter.clone(), cursor.clone());
        async move { (gen, reset, request.await) }
    });
    Effect::new(move |_| {
        let filter = Filter { category: category.get(), date: date.get() };
        generation.update_value(|g| *g += 1);
        loaded.set(false);
        load.dispatch((generation.get_value(), filter, None));
    });
    Effect::new(move |_| {
        let Some((gen, reset, result)) = load.value().get() else { return };
        if gen != generation.get_value() {
            return;
        }
        match result {
            Ok(TaskPage { items: page, next_cursor: cursor }) => {
                if reset {
                    items.set(page);
                } else {
                    items.update(|all| all.extend(page));
                }
                next_cursor.set(cursor);
                failure.set(None);
                loaded.set(true);
            }
            Err(error) => failure.set(Some(error)),
        }
    });
    let pending = load.pending();
    let more = move || {
        let filter = Filter { category: category.get_untracked(), date: date.get_untracked() };
        load.dispatch((generation.get_value(), filter, next_cursor.get_untracked()));
    };
    let filtered = move || category.with(Option::is_some) || date.with(|d| !d.is_empty());

    view! {
        <section class="card filters" aria-labelledby="filter-heading">
            <h2 class="visually-hidden" id="filter-heading">{move || texts().filter_label}</h2>
            <div class="toggle-row" role="group" aria-label=move || texts().field_category>
                <button type="button" class="toggle" aria-pressed=move || category.with(Option::is_none).to_string()
                    on:click=move |_| category.set(None)>
                    {move || texts().all_categories}
                </button>
                {TaskCategory::ALL.into_iter().map(|c| view! {
                    <button type="button" class="toggle" aria-pressed=move || (category.get() == Some(c)).to_string()
                        on:click=move |_| category.set(Some(c))>
                        {move || texts().category(c)}
                    </button>
                }).collect_view()}
            </div>
            <div class="filters__date">
                <crate::components::DateField id="task-date" label=Signal::derive(move || texts().date_label) value=date />
                <Show when=filtered>
                    <button type="button" class="button button--ghost"
                        on:click=move |_| { category.set(None); date.set(String::new()); }>
                        {move || texts().clear_filters}
                    </button>
                </Show>
            </div>
        </section>
        <section aria-busy=move || pending.get().to_string() aria-label=move || texts().tasks_title>
            <Show when=move || !loaded.get() && failure.with(Option::is_none)>
                <div class="skeleton-list" aria-hidden="true">
                    <div class="skeleton"></div>
                    <div class="skeleton"></div>
                </div>
                <p class="visually-hidden" role="status">{move || i18n.t().loading}</p>
            </Show>
            <Show when=move || loaded.get() && items.with(Vec::is_empty)>
                <p class="card muted center">{move || if filtered() { texts().no_tasks_filtered } else { texts().no_tasks }}</p>
            </Show>
            <ul class="task-list">
                <For each=move || items.get() key=|task| task.id let:task>
                    <li class="card"><TaskCard task /></li>
                </For>
            </ul>
            <LoadMore failure next_cursor pending=pending.into() more=Callback::new(move |_| more()) />
        </section>
    }
}
