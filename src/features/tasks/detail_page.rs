use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use linli_api_types::{Enrollment, SubjectKind, Task, TaskStatus};

use super::api;
use super::card::{slots_line, CategoryChip};
use super::format::{clean_code, day_and_clock, time_range};
use super::frame::{Frame, Skeleton};
use super::moment::{check_in_opens, passed};
use super::page_texts::page_texts;
use super::texts::{texts, texts_in};
use crate::api::live::{on_live_change, Concerns};
use crate::api::{load_by_id, use_api, Api, ApiError, IdempotencyKey};
use crate::components::{ActionError, ErrorCard};
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
    let (starts_at, ends_at) = (task.starts_at, task.ends_at);
    // Joining, withdrawing and checking in answer with the task as it now is.
    let task = RwSignal::new(task);
    // The task as it is now on this phone's clock: a page left open past the start closes
    // joining then, as the server does.
    let (started, ended) = (passed(starts_at), passed(ends_at));
    let status = Memo::new(move |_| match task.with(|t| t.status) {
        TaskStatus::Upcoming | TaskStatus::Ongoing if ended.get() => TaskStatus::Ended,
        TaskStatus::Upcoming if started.get() => TaskStatus::Ongoing,
        status => status,
    });
    let i18n = use_i18n();
    // Changed, cancelled, or the waitlist moved while on screen: shown as it is now.
    let api = use_api();
    on_live_change(Concerns::One(SubjectKind::Task, id), move || reload(api, id, task));
    view! {
        <article class="card task">
            {move || task.with(|task| {
                let Task { title, description, category, place, points, capacity, joined_count, slots_left, waitlist_count, organiser, target, .. } = task.clone();
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
                            {move || (status.get() == TaskStatus::Upcoming).then(|| view! {
                                <br />
                                <span class={if slots_left > 0 { "slots" } else { "slots slots--full" }}>{move || slots_line(texts(), slots_left)}</span>
                                {(waitlist_count > 0).then(|| view! { " · " {move || (page_texts().waitlist_count)(waitlist_count)} })}
                            })}
                        </dd>
                        <dt>{move || texts().fact_organiser}</dt>
                        <dd>{move || organiser.with_value(|o| match o.role {
                            Some(role) => format!("{} · {}", o.name, i18n.t().role(role)),
                            None => o.name.clone(),
                        })}</dd>
                        <dt>{move || texts().fact_reward}</dt>
                        <dd><span class="reward">{move || (page_texts().points_each)(points)}</span></dd>
                    </dl>
                    {(!description.is_empty()).then(|| view! { <p class="task__description">{description}</p> })}
                }
            })}
        </article>
        <super::task_admin::TaskNotices task />
        <MyPart task status />
        {can_manage.then(|| view! {
            <section class="card actions" aria-labelledby="manage-heading">
                <h2 class="card__title" id="manage-heading">{move || texts().manage}</h2>
                <p class="muted">{move || {
                    let p = page_texts();
                    match status.get() {
                        TaskStatus::Upcoming => (p.manage_before_start)(&day_and_clock(texts(), starts_at)),
                        TaskStatus::Ongoing => p.manage_running.to_owned(),
                        TaskStatus::Ended => p.manage_ended.to_owned(),
                        TaskStatus::Completed => texts().completed_note.to_owned(),
                        TaskStatus::Cancelled => super::admin_texts::admin_texts().manage_cancelled.to_owned(),
                    }
                }}</p>
                <A href=routes::task_roster(id) attr:class="button button--primary button--block">{move || texts().open_roster}</A>
                <super::task_admin::StaffActions task status />
            </section>
        })}
    }
}

/// Refusals that mean the page showed the task as it no longer is: it is fetched again, so
/// what it offers next can succeed.
const STALE: &[&str] = &["task_started", "task_not_started", "task_completed", "enrollment_state"];

fn reload(api: Api, id: i64, task: RwSignal<Task>) {
    spawn_local(async move {
        if let Ok(fresh) = api::task(api, id).await {
            let _ = task.try_set(fresh);
        }
    });
}

/// The resident's own part, redrawn from each answer the server gives.
#[component]
fn MyPart(task: RwSignal<Task>, status: Memo<TaskStatus>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let (id, starts_at) = task.with_untracked(|t| (t.id, t.starts_at));
    let check_in_open = passed(check_in_opens(starts_at));
    // One key per intended write; a new one once the server has answered it.
    let join_key = StoredValue::new(IdempotencyKey::new());
    let withdraw_key = StoredValue::new(IdempotencyKey::new());
    let confirming = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    // What is typed in the code field outlives the part being redrawn (at the start, say).
    let code = RwSignal::new(String::new());

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
            Some(Err(e)) => {
                if e.has_code(STALE) {
                    key.set_value(IdempotencyKey::new());
                    confirming.set(false);
                    reload(api, id, task);
                }
                error.set(Some(e));
            }
            None => {}
        });
    }
    let joining = join.pending();
    let withdrawing = withdraw.pending();

    let state = move || task.with(|t| (t.my_enrollment, t.slots_left, t.can_manage));
    // An organiser not taking part is told what is left to do in the organiser tools.
    let nothing_to_say = move || {
        let (enrollment, _, manages) = state();
        // A cancelled task says so above, with its reason: nothing is left to do here.
        status.get() == TaskStatus::Cancelled
            || (manages
                && matches!(enrollment, Enrollment::None | Enrollment::Withdrawn)
                && matches!(status.get(), TaskStatus::Ended | TaskStatus::Completed))
    };
    view! {
        <section class="card my-status" aria-live="polite" hidden=move || nothing_to_say() && error.with(Option::is_none)>
            {move || {
                let t = texts();
                let p = page_texts();
                let status = status.get();
                let (enrollment, slots_left, manages) = state();
                let upcoming = status == TaskStatus::Upcoming;
                let can_join = upcoming && matches!(enrollment, Enrollment::None | Enrollment::Withdrawn);
                let can_withdraw = upcoming && matches!(enrollment, Enrollment::Joined | Enrollment::Waitlisted { .. });
                let enrolled = matches!(enrollment, Enrollment::Joined | Enrollment::CheckedIn);
                let checking_open = enrolled && (!upcoming || check_in_open.get()) && status != TaskStatus::Completed;
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
                // Why nothing is offered, when nothing is.
                let closed = match (status, enrollment) {
                    (TaskStatus::Ongoing, Enrollment::None | Enrollment::Withdrawn) => Some(p.join_closed),
                    (TaskStatus::Ended, Enrollment::CheckedOut) => None,
                    (TaskStatus::Ended, _) if !manages => Some(t.ended_note),
                    (TaskStatus::Completed, Enrollment::None | Enrollment::Withdrawn) if !manages => Some(p.task_done),
                    _ => None,
                };
                let check_in_later = (enrolled && upcoming && !check_in_open.get())
                    .then(|| (p.check_in_from)(&day_and_clock(t, check_in_opens(starts_at))));
                view! {
                    {line.map(|(text, wait)| view! {
                        <p class={if wait { "my-status__line my-status__line--wait" } else { "my-status__line" }}>{text}</p>
                    })}
                    {closed.map(|note| view! { <p class="muted">{note}</p> })}
                    {check_in_later.map(|note| view! { <p class="muted">{note}</p> })}
                    {(can_join && slots_left <= 0).then(|| view! { <p class="muted">{t.join_hint_full}</p> })}
                    {can_join.then(|| view! {
                        <button type="button" class="button button--primary button--block" disabled=move || joining.get()
                            on:click=move |_| { error.set(None); join.dispatch(()); }>
                            {move || if joining.get() { texts().joining } else if slots_left > 0 { texts().join } else { texts().join_waitlist }}
                        </button>
                    })}
                    {checking_open.then(|| view! { <CodeEntry task code checked_in=enrollment == Enrollment::CheckedIn /> })}
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
                                        on:click=move |_| { error.set(None); withdraw.dispatch(()); }>
                                        {move || if withdrawing.get() { texts().withdrawing } else { texts().withdraw_yes }}
                                    </button>
                                </div>
                            </div>
                        </Show>
                    })}
                }
            }}
            <ActionError message=Signal::derive(move || error.with(|e| e.as_ref().map(|e| e.message(i18n.t())))) />
        </section>
    }
}

/// The volunteer types the 6 digits shown at the site: in when not yet in, out when in.
#[component]
fn CodeEntry(task: RwSignal<Task>, code: RwSignal<String>, checked_in: bool) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let id = task.with_untracked(|t| t.id);
    let field_error = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<ApiError>);
    let key = StoredValue::new(IdempotencyKey::new());
    let send = Action::new_local(move |code: &String| api::check_in_with_code(api, id, code.clone(), key.get_value()));
    Effect::new(move |_| match send.value().get() {
        Some(Ok(fresh)) => {
            key.set_value(IdempotencyKey::new());
            code.set(String::new());
            task.set(fresh);
        }
        Some(Err(error)) => {
            // A wrong code is the field's fault; anything else shows under the button.
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
            <button type="submit" class="button button--primary button--block" disabled=move || pending.get()>
                {move || if pending.get() { texts().checking } else if checked_in { texts().check_out } else { texts().check_in }}
            </button>
            <ActionError message=Signal::derive(move || failure.with(|e| e.as_ref().map(|e| e.message(i18n.t())))) />
        </form>
    }
}
