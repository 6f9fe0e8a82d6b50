use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_router::components::A;
use linli_api_types::{Enrollment, Role, Roster, RosterAction, RosterEntry, Task, TaskStatus};

use super::api;
use super::card::enrollment_chip;
use super::format::{clock, time_range};
use super::frame::{Frame, Skeleton};
use super::texts::texts;
use crate::api::{route_id, use_api, ApiError, IdempotencyKey};
use crate::components::ErrorCard;
use crate::i18n::use_i18n;
use crate::routes;
use crate::session::use_session;

/// The organiser's page at the site: the rotating check-in code, every volunteer with
/// 签到 / 签退 / 未到, the waitlist, and 确认完成, which credits the points.
#[component]
pub fn RosterPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let id = route_id();
    let loaded = LocalResource::new(move || {
        let id = id.get();
        async move {
            let id = id.ok_or(ApiError::NotFound)?;
            let task = api::task(api, id).await?;
            let roster = api::roster(api, id).await?;
            Ok::<_, ApiError>((task, roster))
        }
    });
    view! {
        <Frame title=|t| t.roster_title back=crate::components::Parent::Up>
            <Transition fallback=Skeleton>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok((task, roster)) => view! { <RosterView task roster /> }.into_any(),
                        Err(error) => view! { <ErrorCard message=Signal::derive(move || error.message(i18n.t())) /> }.into_any(),
                    }
                })}
            </Transition>
        </Frame>
    }
}

#[component]
fn RosterView(task: Task, roster: Roster) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let id = task.id;
    let status = RwSignal::new(task.status);
    let roster = RwSignal::new(roster);
    let failure = RwSignal::new(None::<ApiError>);
    let Task { title, starts_at, ends_at, .. } = task;
    let staff = use_session().me().is_some_and(|me| me.holds(Role::Staff));

    // Volunteers check themselves in with the code: the roster follows along.
    let refresh = Action::new_local(move |_: &()| api::roster(api, id));
    Effect::new(move |_| {
        if let Some(Ok(fresh)) = refresh.value().get() {
            roster.set(fresh);
        }
    });
    // The key of the last step asked for: tapping the same step again after a failure resends
    // it, so a step that did land is not taken twice.
    let last = StoredValue::new(None::<((i64, RosterAction), IdempotencyKey)>);
    let mark = Action::new_local(move |step: &(i64, RosterAction)| {
        let key = match last.get_value() {
            Some((same, key)) if same == *step => key,
            _ => IdempotencyKey::new(),
        };
        last.set_value(Some((*step, key.clone())));
        api::mark(api, id, step.0, step.1, key)
    });
    Effect::new(move |_| match mark.value().get() {
        Some(Ok(line)) => {
            last.set_value(None);
            failure.set(None);
            roster.update(|r| {
                if let Some(entry) = r.volunteers.iter_mut().find(|v| v.user_id == line.user_id) {
                    *entry = line;
                }
            });
        }
        Some(Err(error)) => failure.set(Some(error)),
        None => {}
    });
    // 撤销签到: its own key per volunteer, kept until it lands, as for the steps above.
    let last_undo = StoredValue::new(None::<(i64, IdempotencyKey)>);
    let undo = Action::new_local(move |user_id: &i64| {
        let key = match last_undo.get_value() {
            Some((same, key)) if same == *user_id => key,
            _ => IdempotencyKey::new(),
        };
        last_undo.set_value(Some((*user_id, key.clone())));
        api::undo_check_in(api, id, *user_id, key)
    });
    Effect::new(move |_| match undo.value().get() {
        Some(Ok(line)) => {
            last_undo.set_value(None);
            failure.set(None);
            roster.update(|r| {
                if let Some(entry) = r.volunteers.iter_mut().find(|v| v.user_id == line.user_id) {
                    *entry = line;
                }
            });
        }
        Some(Err(error)) => failure.set(Some(error)),
        None => {}
    });
    let marking = Memo::new(move |_| mark.pending().get() || undo.pending().get());

    let counts = move || {
        roster.with(|r| {
            let count = |f: fn(&Enrollment) -> bool| r.volunteers.iter().filter(|v| f(&v.enrollment)).count() as i64;
            (
                r.volunteers.len() as i64,
                count(|e| matches!(e, Enrollment::CheckedIn | Enrollment::CheckedOut | Enrollment::Completed { .. })),
                count(|e| matches!(e, Enrollment::CheckedOut | Enrollment::Completed { .. })),
            )
        })
    };
    let open = move || status.get() != TaskStatus::Completed;

    view! {
        <section class="card">
            <h2 class="card__title">{title}</h2>
            <p class="muted">{move || time_range(texts(), starts_at, ends_at)}</p>
            <p class="my-rank">{move || { let (j, i, o) = counts(); (texts().roster_count)(j, i, o) }}</p>
        </section>
        <Show when=open>
            <RotatingCode id on_tick=move || { refresh.dispatch(()); } />
        </Show>
        <section class="card" aria-labelledby="roster-heading">
            <div class="card__head">
                <h2 class="card__title" id="roster-heading">{move || texts().roster_title}</h2>
                <button type="button" class="button button--small button--ghost" on:click=move |_| { refresh.dispatch(()); }>
                    {move || texts().refresh}
                </button>
            </div>
            {move || failure.get().map(|e| view! { <p class="banner banner--error" role="alert">{e.message(i18n.t())}</p> })}
            {move || roster.with(|r| r.volunteers.is_empty()).then(|| view! { <p class="muted">{move || texts().roster_empty}</p> })}
            <ul class="roster">
                {move || roster.with(|r| r.volunteers.clone()).into_iter().map(|entry| {
                    view! {
                        <RosterRow entry open=open() staff marking
                            on_mark=move |a| { mark.dispatch(a); }
                            on_undo=move |user| { undo.dispatch(user); } />
                    }
                }).collect_view()}
            </ul>
        </section>
        {move || {
            let waitlist = roster.with(|r| r.waitlist.clone());
            (!waitlist.is_empty()).then(|| view! {
                <section class="card" aria-labelledby="waitlist-heading">
                    <h2 class="card__title" id="waitlist-heading">{move || texts().waitlist}</h2>
                    <ol class="roster">
                        {waitlist.into_iter().map(|entry| view! {
                            <li class="roster__row">
                                <div class="roster__who">
                                    <span class="roster__name">{entry.name}</span>
                                    <a href=format!("tel:{}", entry.phone)>{entry.phone.clone()}</a>
                                </div>
                            </li>
                        }).collect_view()}
                    </ol>
                </section>
            })
        }}
        <Complete id status on_done=move || { refresh.dispatch(()); } />
    }
}

/// A step the organiser may take next: what it does, its label, and its look.
type StepButton = (RosterAction, fn(&super::texts::TasksTexts) -> &'static str, &'static str);

fn at_clock(at: Option<DateTime<Utc>>) -> Option<String> {
    at.map(clock)
}

#[component]
fn RosterRow(
    entry: RosterEntry,
    open: bool,
    staff: bool,
    marking: Memo<bool>,
    on_mark: impl Fn((i64, RosterAction)) + Copy + Send + Sync + 'static,
    on_undo: impl Fn(i64) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let RosterEntry { user_id, name, phone, enrollment, checked_in_at, checked_out_at, awaiting_confirmation, can_confirm, .. } = entry;
    let call_label = name.clone();
    let call_number = phone.clone();
    // An organiser's own check-in waits for another organiser: they may confirm it until and
    // after completion (a late confirmation credits it then).
    let mut buttons: Vec<StepButton> = if !open {
        vec![]
    } else {
        match enrollment {
            Enrollment::Joined => vec![
                (RosterAction::CheckIn, |t| t.mark_in, "button button--primary button--small"),
                (RosterAction::NoShow, |t| t.mark_no_show, "button button--ghost button--small"),
            ],
            Enrollment::CheckedIn => vec![(RosterAction::CheckOut, |t| t.mark_out, "button button--primary button--small")],
            Enrollment::NoShow => vec![(RosterAction::CheckIn, |t| t.mark_in, "button button--ghost button--small")],
            _ => vec![],
        }
    };
    if can_confirm {
        buttons.insert(0, (RosterAction::Confirm, |t| t.confirm_attendance, "button button--primary button--small"));
    }
    let undoable = open && matches!(enrollment, Enrollment::CheckedIn | Enrollment::CheckedOut);
    let asking = RwSignal::new(false);
    let undo_name = name.clone();
    view! {
        <li class="roster__row">
            <div class="roster__who">
                <span class="roster__name">{name.clone()}</span>
                {move || enrollment_chip(texts(), enrollment).map(|(word, class)| view! { <span class=class>{word}</span> })}
                {awaiting_confirmation.then(|| view! { <span class="badge badge--quiet">{move || texts().awaiting_other}</span> })}
            </div>
            <p class="roster__times">
                <a href=format!("tel:{phone}") aria-label=move || format!("{} {}", (texts().call)(&call_label), call_number)>{phone.clone()}</a>
                {at_clock(checked_in_at).map(|t| view! { " · " {move || (texts().checked_in_at)(&t)} })}
                {at_clock(checked_out_at).map(|t| view! { " · " {move || (texts().checked_out_at)(&t)} })}
                {staff.then(|| view! { " · " <A href=routes::points_correction(user_id, &name)>{move || texts().adjust_points}</A> })}
            </p>
            {(!buttons.is_empty() || undoable).then(|| view! {
                <div class="roster__buttons">
                    {buttons.into_iter().map(|(action, label, class)| {
                        let name = name.clone();
                        view! {
                            <button type="button" class=class disabled=move || marking.get()
                                aria-label=move || format!("{} {}", label(texts()), name)
                                on:click=move |_| on_mark((user_id, action))>
                                {move || label(texts())}
                            </button>
                        }
                    }).collect_view()}
                    {undoable.then(|| view! {
                        <button type="button" class="button button--ghost button--small" disabled=move || marking.get()
                            aria-label=move || format!("{} {}", texts().undo_check_in, name)
                            on:click=move |_| asking.set(true)>
                            {move || texts().undo_check_in}
                        </button>
                    })}
                </div>
            })}
            <Show when=move || asking.get()>
                <div class="confirm" role="alertdialog" aria-labelledby=format!("undo-{user_id}")>
                    <p id=format!("undo-{user_id}")>{
                        let who = undo_name.clone();
                        move || (texts().undo_check_in_ask)(&who)
                    }</p>
                    <div class="confirm__buttons">
                        <button type="button" class="button button--ghost" on:click=move |_| asking.set(false)>
                            {move || texts().keep_check_in}
                        </button>
                        <button type="button" class="button button--primary" disabled=move || marking.get()
                            on:click=move |_| { asking.set(false); on_undo(user_id); }>
                            {move || texts().undo_check_in}
                        </button>
                    </div>
                </div>
            </Show>
        </li>
    }
}

/// The 6 digits to show at the site, big, with how long they last; fetched anew when they run out.
#[component]
fn RotatingCode(id: i64, on_tick: impl Fn() + Copy + 'static) -> impl IntoView {
    let api = use_api();
    let code = RwSignal::new(None::<String>);
    let seconds = RwSignal::new(0_u32);
    let window = RwSignal::new(60_u32);
    let fetch = Action::new_local(move |_: &()| api::code(api, id));
    Effect::new(move |_| {
        if let Some(Ok(fresh)) = fetch.value().get() {
            code.set(Some(fresh.code));
            seconds.set(fresh.seconds_left.max(1));
            window.set(linli_api_types::CHECK_IN_CODE_WINDOW_SECONDS.max(fresh.seconds_left));
        }
    });
    fetch.dispatch(());
    let ticker = set_interval_with_handle(
        move || {
            let left = seconds.get_untracked();
            if left <= 1 {
                fetch.dispatch(());
                on_tick();
            } else {
                seconds.set(left - 1);
                if [50, 40, 30, 20, 10].contains(&left) {
                    on_tick();
                }
            }
        },
        std::time::Duration::from_secs(1),
    );
    if let Ok(handle) = ticker {
        on_cleanup(move || handle.clear());
    }
    let percent = move || seconds.get() * 100 / window.get().max(1);
    view! {
        <section class="card" aria-labelledby="code-heading">
            <h2 class="card__title" id="code-heading">{move || texts().rotating_code}</h2>
            <p class="big-code" aria-live="off">{move || code.get().unwrap_or_else(|| "······".to_owned())}</p>
            <div class="code-meter" aria-hidden="true"><div class="code-meter__fill" style:width=move || format!("{}%", percent())></div></div>
            <p class="muted">{move || (texts().rotating_code_hint)(i64::from(seconds.get()))}</p>
        </section>
    }
}

/// 确认完成: a second, explicit tap; it credits points, so it cannot be taken back.
#[component]
fn Complete(id: i64, status: RwSignal<TaskStatus>, on_done: impl Fn() + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let key = StoredValue::new(IdempotencyKey::new());
    let confirming = RwSignal::new(false);
    let complete = Action::new_local(move |_: &()| api::complete(api, id, key.get_value()));
    Effect::new(move |_| {
        if let Some(Ok(_)) = complete.value().get() {
            status.set(TaskStatus::Completed);
            on_done();
        }
    });
    let pending = complete.pending();
    view! {
        <section class="card actions" aria-live="polite">
            {move || match (status.get(), complete.value().get()) {
                (_, Some(Ok(done))) => view! {
                    <p class="banner banner--ok" role="status">{move || (texts().completion_done)(done.attendees, done.points_total)}</p>
                    {(done.awaiting_confirmation > 0).then(|| view! {
                        <p class="banner banner--info" role="status">{move || (texts().completion_awaiting)(done.awaiting_confirmation)}</p>
                    })}
                }.into_any(),
                (TaskStatus::Completed, _) => view! { <p class="banner banner--ok">{move || texts().completed_note}</p> }.into_any(),
                _ => view! {
                    <Show
                        when=move || confirming.get()
                        fallback=move || view! {
                            <button type="button" class="button button--primary button--block" on:click=move |_| confirming.set(true)>
                                {move || texts().confirm_completion}
                            </button>
                        }
                    >
                        <div class="confirm" role="alertdialog" aria-labelledby="complete-question">
                            <p id="complete-question">{move || texts().confirm_completion_ask}</p>
                            <div class="confirm__buttons">
                                <button type="button" class="button button--ghost" on:click=move |_| confirming.set(false)>{move || i18n.t().cancel}</button>
                                <button type="button" class="button button--primary" disabled=move || pending.get()
                                    on:click=move |_| { complete.dispatch(()); }>
                                    {move || if pending.get() { texts().confirming } else { texts().confirm_completion_yes }}
                                </button>
                            </div>
                        </div>
                    </Show>
                }.into_any(),
            }}
            {move || complete.value().get().and_then(Result::err).map(|e| view! {
                <p class="banner banner--error" role="alert">{e.message(i18n.t())}</p>
            })}
        </section>
    }
}
