//! A task's life as staff and organisers run it, on its page: the notices residents read
//! (cancelled, with the reason; the time moved, with the time before) and the organiser's
//! 修改活动 and 取消活动 (with a reason, asked in place before anything is sent).

use leptos::prelude::*;
use leptos_router::components::A;
use linli_api_types::{Enrollment, Task, TaskStatus, CANCEL_REASON_MAX_CHARS};

use super::admin_texts::admin_texts;
use super::api;
use super::format::time_range;
use super::texts::{texts, texts_in};
use crate::api::{use_api, ApiError, IdempotencyKey};
use crate::components::{ActionError, LimitedTextField};
use crate::i18n::use_i18n;
use crate::routes;

/// 已取消 with its reason, to everyone who sees the task; the time before an edit moved it, to
/// those signed up (and its organisers).
#[component]
pub fn TaskNotices(task: RwSignal<Task>) -> impl IntoView {
    move || {
        task.with(|task| {
            let a = admin_texts();
            if let Some(why) = &task.cancellation {
                let line = (a.cancelled_by)(&why.reason, &why.by);
                return view! {
                    <div class="banner banner--error task-cancelled" role="status">
                        <strong>{a.cancelled_banner}</strong>
                        <p>{line}</p>
                    </div>
                }
                .into_any();
            }
            let concerned = task.can_manage
                || matches!(task.my_enrollment, Enrollment::Joined | Enrollment::Waitlisted { .. });
            match (&task.time_change, concerned) {
                (Some(change), true) => {
                    let before = time_range(texts(), change.previous_starts_at, change.previous_ends_at);
                    view! { <p class="banner banner--info task-moved" role="status">{(a.time_moved)(&before)}</p> }.into_any()
                }
                _ => ().into_any(),
            }
        })
    }
}

/// 修改活动 (before the start) and 取消活动 (until completion) for those who run the task.
#[component]
pub fn StaffActions(task: RwSignal<Task>, status: Memo<TaskStatus>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let id = task.with_untracked(|t| t.id);
    let asking = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let reason_error = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<ApiError>);
    let key = StoredValue::new(IdempotencyKey::new());
    let send = Action::new_local(move |reason: &String| api::cancel(api, id, reason.clone(), key.get_value()));
    Effect::new(move |_| match send.value().get() {
        Some(Ok(fresh)) => {
            key.set_value(IdempotencyKey::new());
            asking.set(false);
            task.set(fresh);
        }
        Some(Err(error)) => match error.field("reason") {
            Some(message) => reason_error.set(Some(message)),
            None => failure.set(Some(error)),
        },
        None => {}
    });
    let pending = send.pending();
    let people = move || task.with(|t| t.joined_count + t.waitlist_count);
    let on_cancel = move |_| {
        failure.set(None);
        let text = reason.get_untracked().trim().to_owned();
        let t = texts_in(i18n);
        if text.is_empty() {
            reason_error.set(Some(t.required.to_owned()));
        } else if text.chars().count() > CANCEL_REASON_MAX_CHARS {
            reason_error.set(Some((t.too_long)(CANCEL_REASON_MAX_CHARS)));
        } else {
            reason_error.set(None);
            send.dispatch(text);
        }
    };
    view! {
        {move || (status.get() == TaskStatus::Upcoming).then(|| view! {
            <A href=routes::task_edit(id) attr:class="button button--ghost button--block">{move || admin_texts().edit}</A>
        })}
        {move || matches!(status.get(), TaskStatus::Ongoing | TaskStatus::Ended).then(|| view! {
            <p class="muted">{move || admin_texts().edit_before_start}</p>
        })}
        {move || (!matches!(status.get(), TaskStatus::Completed | TaskStatus::Cancelled)).then(|| view! {
            <Show
                when=move || asking.get()
                fallback=move || view! {
                    <button type="button" class="button button--danger-outline button--block" on:click=move |_| asking.set(true)>
                        {move || admin_texts().cancel_task}
                    </button>
                }
            >
                <div class="confirm task-cancel" role="group" aria-labelledby="cancel-task-heading">
                    <h3 class="card__title" id="cancel-task-heading">{move || admin_texts().cancel_task}</h3>
                    <p>{move || (admin_texts().cancel_explain)(people())}</p>
                    <LimitedTextField id="cancel-reason" label=Signal::derive(move || admin_texts().cancel_reason) value=reason
                        error=reason_error.into() max_chars=CANCEL_REASON_MAX_CHARS
                        hint=Signal::derive(move || Some(admin_texts().cancel_reason_hint.to_owned())) />
                    <div class="confirm__buttons">
                        <button type="button" class="button button--ghost" on:click=move |_| asking.set(false)>{move || admin_texts().keep_task}</button>
                        <button type="button" class="button button--danger" disabled=move || pending.get() on:click=on_cancel>
                            {move || if pending.get() { admin_texts().cancelling } else { admin_texts().cancel_yes }}
                        </button>
                    </div>
                </div>
            </Show>
        })}
        <ActionError message=Signal::derive(move || failure.with(|e| e.as_ref().map(|e| e.message(i18n.t())))) />
    }
}
