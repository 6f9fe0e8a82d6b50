use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use linli_api_types::{Enrollment, Role, Roster, RosterAction, RosterEntry, Task, TaskStatus};

use super::api;
use super::card::enrollment_chip;
use super::complete::Complete;
use super::format::{clock, time_range};
use super::frame::{Frame, Skeleton};
use super::moment::passed;
use super::page_texts::page_texts;
use super::texts::texts;
use crate::api::{route_id, use_api, ApiError, IdempotencyKey};
use crate::components::{ActionError, ErrorCard};
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
    // A step's failure, under the buttons of the volunteer it was for.
    let failure = RwSignal::new(None::<(i64, ApiError)>);
    let Task { title, starts_at, ends_at, points, .. } = task;
    let staff = use_session().me().is_some_and(|me| me.holds(Role::Staff));
    let started = passed(starts_at);
    let length = (ends_at - starts_at).num_minutes().max(1);
    // What each volunteer is credited: the task's points, never more than the community's
    // policy allows for its length now (as the server pays them).
    let points_each = RwSignal::new(points);
    spawn_local(async move {
        if let Ok(policy) = api::policy(api).await {
            let _ = points_each.try_set(points.min(policy.max_points(length)).max(0));
        }
    });

    // Volunteers check themselves in with the code: the roster follows along. Only a refresh
    // asked for by a tap reports its failure; the timed ones try again shortly.
    let refresh = Action::new_local(move |asked: &bool| {
        let asked = *asked;
        async move { (asked, api::roster(api, id).await) }
    });
    let refresh_failure = RwSignal::new(None::<ApiError>);
    Effect::new(move |_| match refresh.value().get() {
        Some((_, Ok(fresh))) => {
            refresh_failure.set(None);
            roster.set(fresh);
        }
        Some((true, Err(error))) => refresh_failure.set(Some(error)),
        _ => {}
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
        let step = *step;
        async move { (step.0, api::mark(api, id, step.0, step.1, key).await) }
    });
    // 撤销签到: its own key per volunteer, kept until it lands, as for the steps above.
    let last_undo = StoredValue::new(None::<(i64, IdempotencyKey)>);
    let undo = Action::new_local(move |user_id: &i64| {
        let key = match last_undo.get_value() {
            Some((same, key)) if same == *user_id => key,
            _ => IdempotencyKey::new(),
        };
        last_undo.set_value(Some((*user_id, key.clone())));
        let user_id = *user_id;
        async move { (user_id, api::undo_check_in(api, id, user_id, key).await) }
    });
    for (action, forget) in [(mark.value(), true), (undo.value(), false)] {
        Effect::new(move |_| match action.get() {
            Some((_, Ok(line))) => {
                if forget {
                    last.set_value(None);
                } else {
                    last_undo.set_value(None);
                }
                failure.set(None);
                roster.update(|r| {
                    if let Some(entry) = r.volunteers.iter_mut().find(|v| v.user_id == line.user_id) {
                        *entry = line;
                    }
                });
            }
            Some((user_id, Err(error))) => failure.set(Some((user_id, error))),
            None => {}
        });
    }
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
    let rows = move || {
        let (open, started) = (open(), started.get());
        roster.with(|r| r.volunteers.iter().map(|entry| Row { entry: entry.clone(), open, started }).collect::<Vec<_>>())
    };
    let someone_joined = move || roster.with(|r| r.volunteers.iter().any(|v| v.enrollment == Enrollment::Joined));

    view! {
        <section class="card">
            <h2 class="card__title">{title}</h2>
            <p class="muted">{move || time_range(texts(), starts_at, ends_at)}</p>
            <p class="my-rank">{move || { let (j, i, o) = counts(); (texts().roster_count)(j, i, o) }}</p>
        </section>
        <Show when=open>
            <RotatingCode id on_tick=move || { refresh.dispatch(false); } />
        </Show>
        <section class="card" aria-labelledby="roster-heading">
            <div class="card__head">
                <h2 class="card__title" id="roster-heading">{move || texts().roster_title}</h2>
                <button type="button" class="button button--small button--ghost" on:click=move |_| { refresh.dispatch(true); }>
                    {move || texts().refresh}
                </button>
            </div>
            <ActionError message=Signal::derive(move || refresh_failure.with(|e| e.as_ref().map(|e| e.message(i18n.t())))) />
            {move || roster.with(|r| r.volunteers.is_empty()).then(|| view! { <p class="muted">{move || texts().roster_empty}</p> })}
            {move || (open() && !started.get() && someone_joined()).then(|| view! {
                <p class="muted">{move || page_texts().no_show_after_start}</p>
            })}
            <ul class="roster">
                // Keyed by what a row shows: a refresh redraws only the rows that changed, so an
                // error under a row's buttons stays where it is.
                <For each=rows key=Row::key children=move |row| view! {
                    <RosterRow row staff marking failure
                        on_mark=move |a| { mark.dispatch(a); }
                        on_undo=move |user| { undo.dispatch(user); } />
                } />
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
        <Complete id status started starts_at length points=points_each.into() roster
            on_ask=move || { refresh.dispatch(false); }
            on_done=move || { refresh.dispatch(false); } />
    }
}

/// One volunteer's line as the roster draws it: the entry, and whether steps are open (not
/// completed) and the task has started (未到 opens then).
#[derive(Clone)]
struct Row {
    entry: RosterEntry,
    open: bool,
    started: bool,
}

impl Row {
    /// Everything the row shows, so a row is drawn again exactly when it would look different.
    #[allow(clippy::type_complexity)]
    fn key(&self) -> (i64, (u8, i64), Option<i64>, Option<i64>, [bool; 4]) {
        let e = &self.entry;
        let state = match e.enrollment {
            Enrollment::None => (0, 0),
            Enrollment::Joined => (1, 0),
            Enrollment::Waitlisted { position } => (2, position),
            Enrollment::CheckedIn => (3, 0),
            Enrollment::CheckedOut => (4, 0),
            Enrollment::Completed { points, .. } => (5, points),
            Enrollment::NoShow => (6, 0),
            Enrollment::Withdrawn => (7, 0),
        };
        (
            e.user_id,
            state,
            e.checked_in_at.map(|t| t.timestamp()),
            e.checked_out_at.map(|t| t.timestamp()),
            [e.awaiting_confirmation, e.can_confirm, self.open, self.started],
        )
    }
}

/// A step the organiser may take next: what it does, its label, and its look.
type StepButton = (RosterAction, fn(&super::texts::TasksTexts) -> &'static str, &'static str);

fn at_clock(at: Option<DateTime<Utc>>) -> Option<String> {
    at.map(clock)
}

#[component]
fn RosterRow(
    row: Row,
    staff: bool,
    marking: Memo<bool>,
    failure: RwSignal<Option<(i64, ApiError)>>,
    on_mark: impl Fn((i64, RosterAction)) + Copy + Send + Sync + 'static,
    on_undo: impl Fn(i64) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let Row { entry, open, started } = row;
    let RosterEntry { user_id, name, phone, enrollment, checked_in_at, checked_out_at, awaiting_confirmation, can_confirm, acted_by, .. } = entry;
    let call_label = name.clone();
    let call_number = phone.clone();
    // An organiser's own check-in waits for another organiser: they may confirm it until and
    // after completion (a late confirmation credits it then). 未到 opens at the start.
    let mut buttons: Vec<StepButton> = if !open {
        vec![]
    } else {
        match enrollment {
            Enrollment::Joined if started => vec![
                (RosterAction::CheckIn, |t| t.mark_in, "button button--primary button--small"),
                (RosterAction::NoShow, |t| t.mark_no_show, "button button--ghost button--small"),
            ],
            Enrollment::Joined => vec![(RosterAction::CheckIn, |t| t.mark_in, "button button--primary button--small")],
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
                {acted_by.map(|name| view! { <crate::components::ActedBy name /> })}
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
            <ActionError message=Signal::derive(move || failure.with(|f| match f {
                Some((who, error)) if *who == user_id => Some(error.message(i18n.t())),
                _ => None,
            })) />
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
