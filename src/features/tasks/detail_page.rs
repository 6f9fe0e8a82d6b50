use chrono::{Duration, Utc};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use linli_api_types::{Enrollment, Task, TaskStatus};

use super::api;
use super::card::{slots_line, CategoryChip};
use super::format::{clean_code, time_range};
use super::frame::{Frame, Skeleton};
use super::texts::{texts, texts_in};
use crate::api::{load_by_id, use_api, ApiError, IdempotencyKey};
use crate::components::ErrorCard;
use crate::i18n::use_i18n;
use crate::routes;

/// One task: what, when, where, who; the resident's own part in it (join, waitlist, withdraw,
/// check in with the site code); and, for its organiser, the way to the roster.
#[component]
pub fn TaskPage() -> impl IntoView {
    let i18n = use_i18n();
    let task = load_by_id(api::task);
    view! {
        <Frame title=|t| t.task_title back=routes::tasks()>
            <Transition fallback=Skeleton>
                {move || Suspend::new(async move {
                    match task.await {
                        Ok(task) => view! { <TaskView task /> }.into_any(),
                        Err(error) => view! { <ErrorCard message=Signal::derive(move || error.message(i18n.t())) /> }.into_any(),
                    }
                })}
            </Transition>
        </Frame>
    }
}

#[component]
fn TaskView(task: Task) -> impl IntoView {
    let id = task.id;
    let can_manage = task.can_manage;
    // Joining, withdrawing and checking in answer with the task as it now is.
    let task = RwSignal::new(task);
    let i18n = use_i18n();
    view! {
        <article class="card task">
            {move || task.with(|task| {
                let Task { title, description, category, place, starts_at, ends_at, points, capacity, joined_count, slots_left, waitlist_count, organiser, target, status, .. } = task.clone();
                let organiser = StoredValue::new(organiser);
                view! {
                    <CategoryChip category />
                    <h2 class="task__title">{title}</h2>
                    <dl class="task-facts">
                        <dt>{move || texts().time}</dt>
                        <dd>{move || time_range(texts(), starts_at, ends_at)}</dd>
                        <dt>{move || texts().place}</dt>
                        <dd>{place}</dd>
                        <dt>{move || texts().fact_scope}</dt>
                        <dd>{target.name}</dd>
                        <dt>{move || texts().fact_capacity}</dt>
                        <dd>
                            {move || (texts().volunteers)(joined_count, capacity)}
                            {(status == TaskStatus::Upcoming).then(|| view! {
                                <br />
                                <span class={if slots_left > 0 { "slots" } else { "slots slots--full" }}>{move || slots_line(texts(), slots_left)}</span>
                                {(waitlist_count > 0).then(|| view! { " · " {move || format!("{} {}", texts().waitlist, waitlist_count)} })}
                            })}
                        </dd>
                        <dt>{move || texts().fact_organiser}</dt>
                        <dd>{move || organiser.with_value(|o| match o.role {
                            Some(role) => format!("{} · {}", o.name, i18n.t().role(role)),
                            None => o.name.clone(),
                        })}</dd>
                        <dt>{move || texts().fact_reward}</dt>
                        <dd><span class="reward">{move || (texts().points_reward)(points)}</span></dd>
                    </dl>
                    {(!description.is_empty()).then(|| view! { <p class="task__description">{description}</p> })}
                }
            })}
        </article>
        <MyPart task />
        {can_manage.then(|| view! {
            <section class="card actions" aria-labelledby="manage-heading">
                <h2 class="card__title" id="manage-heading">{move || texts().manage}</h2>
                <A href=routes::task_roster(id) attr:class="button button--primary button--block">{move || texts().open_roster}</A>
            </section>
        })}
    }
}

/// The resident's own part, redrawn from each answer the server gives.
#[component]
fn MyPart(task: RwSignal<Task>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let id = task.with_untracked(|t| t.id);
    // One key per intended write; a new one once the server has answered it.
    let join_key = StoredValue::new(IdempotencyKey::new());
    let withdraw_key = StoredValue::new(IdempotencyKey::new());
    let confirming = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);

    let join = Action::new_local(move |_: &()| api::join(api, id, join_key.get_value()));
    let withdraw = Action::new_local(move |_: &()| api::withdraw(api, id, withdraw_key.get_value()));
    for (action, key) in [(join, join_key), (withdraw, withdraw_key)] {
        Effect::new(move |_| match action.value().get() {
            Some(Ok(fresh)) => {
                key.set_value(IdempotencyKey::new());
                confirming.set(false);
                error.set(None);
                task.set(fresh);
            }
            Some(Err(e)) => error.set(Some(e)),
            None => {}
        });
    }
    let joining = join.pending();
    let withdrawing = withdraw.pending();

    let state = move || task.with(|t| (t.status, t.my_enrollment, t.slots_left, t.starts_at));
    view! {
        <section class="card my-status" aria-live="polite">
            {move || {
                let t = texts();
                let (status, enrollment, slots_left, starts_at) = state();
                let upcoming = status == TaskStatus::Upcoming;
                let can_join = upcoming && matches!(enrollment, Enrollment::None | Enrollment::Withdrawn);
                let can_withdraw = upcoming && matches!(enrollment, Enrollment::Joined | Enrollment::Waitlisted { .. });
                let checking_open = matches!(enrollment, Enrollment::Joined | Enrollment::CheckedIn)
                    && (matches!(status, TaskStatus::Ongoing | TaskStatus::Ended)
                        || (upcoming && starts_at - Utc::now() < Duration::minutes(120)));
                let line = match enrollment {
                    Enrollment::Joined => Some((t.joined.to_owned(), false)),
                    Enrollment::Waitlisted { position } => Some(((t.waitlisted_at)(position), true)),
                    Enrollment::CheckedIn => Some((t.att_checked_in.to_owned(), false)),
                    Enrollment::CheckedOut => Some((t.waiting_confirm.to_owned(), false)),
                    Enrollment::Completed { points, minutes } => Some((format!("{} · {}", (t.credited)(points), (t.minutes)(minutes)), false)),
                    Enrollment::NoShow => Some((t.you_no_show.to_owned(), true)),
                    Enrollment::Withdrawn => Some((t.you_withdrew.to_owned(), true)),
                    Enrollment::None => None,
                };
                view! {
                    {line.map(|(text, wait)| view! {
                        <p class={if wait { "my-status__line my-status__line--wait" } else { "my-status__line" }}>{text}</p>
                    })}
                    {(can_join && slots_left <= 0).then(|| view! { <p class="muted">{t.join_hint_full}</p> })}
                    {can_join.then(|| view! {
                        <button type="button" class="button button--primary button--block" disabled=move || joining.get()
                            on:click=move |_| { error.set(None); join.dispatch(()); }>
                            {move || if joining.get() { texts().joining } else if slots_left > 0 { texts().join } else { texts().join_waitlist }}
                        </button>
                    })}
                    {(status == TaskStatus::Ended && !matches!(enrollment, Enrollment::CheckedOut)).then(|| view! { <p class="muted">{t.ended_note}</p> })}
                    {checking_open.then(|| view! { <CodeEntry task checked_in=enrollment == Enrollment::CheckedIn /> })}
                    {can_withdraw.then(|| view! {
                        <Show
                            when=move || confirming.get()
                            fallback=move || view! {
                                <button type="button" class="button button--danger-outline button--block" on:click=move |_| confirming.set(true)>
                                    {move || texts().withdraw}
                                </button>
                            }
                        >
                            <div class="confirm" role="alertdialog" aria-labelledby="withdraw-question">
                                <p id="withdraw-question">{move || texts().withdraw_confirm}</p>
                                <div class="confirm__buttons">
                                    <button type="button" class="button button--ghost" on:click=move |_| confirming.set(false)>{move || texts().keep}</button>
                                    <button type="button" class="button button--danger" disabled=move || withdrawing.get()
                                        on:click=move |_| { withdraw.dispatch(()); }>
                                        {move || if withdrawing.get() { texts().withdrawing } else { texts().withdraw_yes }}
                                    </button>
                                </div>
                            </div>
                        </Show>
                    })}
                }
            }}
            {move || error.get().map(|e| view! { <p class="banner banner--error" role="alert">{e.message(i18n.t())}</p> })}
        </section>
    }
}

/// The volunteer types the 6 digits shown at the site: in when not yet in, out when in.
#[component]
fn CodeEntry(task: RwSignal<Task>, checked_in: bool) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let id = task.with_untracked(|t| t.id);
    let code = RwSignal::new(String::new());
    let field_error = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<ApiError>);
    let key = StoredValue::new(IdempotencyKey::new());
    let send = Action::new_local(move |code: &String| api::check_in_with_code(api, id, code.clone(), key.get_value()));
    Effect::new(move |_| match send.value().get() {
        Some(Ok(fresh)) => {
            key.set_value(IdempotencyKey::new());
            task.set(fresh);
        }
        Some(Err(error)) => {
            // A wrong code is the field's fault; anything else goes above the button.
            match error.field("code") {
                Some(message) => field_error.set(Some(message)),
                None => failure.set(Some(error)),
            }
        }
        None => {}
    });
    let pending = send.pending();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        match clean_code(&code.get_untracked()) {
            Some(digits) => {
                field_error.set(None);
                send.dispatch(digits);
            }
            None => field_error.set(Some(texts_in(i18n).code_required.to_owned())),
        }
    };
    view! {
        <form class="code-entry" on:submit=on_submit novalidate>
            <h2 class="card__title">{move || texts().enter_code}</h2>
            <crate::components::TextField
                id="check-in-code"
                label=Signal::derive(move || texts().code_label)
                value=code
                error=field_error.into()
                input_mode="numeric"
                autocomplete="one-time-code"
                max_length=8
            />
            <p class="muted">{move || texts().code_hint}</p>
            {move || failure.get().map(|e| view! { <p class="banner banner--error" role="alert">{e.message(i18n.t())}</p> })}
            <button type="submit" class="button button--primary button--block" disabled=move || pending.get()>
                {move || if pending.get() { texts().checking } else if checked_in { texts().check_out } else { texts().check_in }}
            </button>
        </form>
    }
}
