//! 确认完成 on the roster: before the start it is disabled, with the time it opens beside it;
//! then a second, explicit tap that says from the roster exactly what will happen — who gets
//! how many points, whose hours are recorded how, who gets nothing — since it credits points
//! and cannot be taken back.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use linli_api_types::{Enrollment, Roster, RosterEntry, TaskStatus};

use super::api;
use super::format::day_and_clock;
use super::page_texts::{page_texts, PageTexts};
use super::texts::texts;
use crate::api::{use_api, ApiError, IdempotencyKey};
use crate::components::ActionError;
use crate::i18n::use_i18n;

/// What completing now would do to the volunteers holding a slot, as the server does it
/// (server/src/features/tasks/completion.rs).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Checked in, vouched for: credited the task's points.
    pub credited: i64,
    /// Of those, not checked out: their hours are the task's whole length.
    pub not_out: i64,
    /// Signed up and never checked in (or marked absent): no-show, nothing.
    pub absent: i64,
    /// Organisers who checked themselves in: credited once another organiser confirms.
    pub awaiting: i64,
}

pub fn outcome(volunteers: &[RosterEntry]) -> Outcome {
    let mut outcome = Outcome::default();
    for volunteer in volunteers {
        match volunteer.enrollment {
            Enrollment::CheckedIn | Enrollment::CheckedOut if volunteer.awaiting_confirmation => outcome.awaiting += 1,
            Enrollment::CheckedIn => {
                outcome.credited += 1;
                outcome.not_out += 1;
            }
            Enrollment::CheckedOut => outcome.credited += 1,
            Enrollment::Joined | Enrollment::NoShow => outcome.absent += 1,
            _ => {}
        }
    }
    outcome
}

/// The dialog's lines: `points` each, `length` the task's length as the page writes it.
pub fn outcome_lines(p: &PageTexts, outcome: &Outcome, points: i64, length: &str) -> Vec<String> {
    let mut lines = Vec::new();
    if outcome.credited > 0 {
        lines.push(if points > 0 {
            (p.complete_credited)(outcome.credited, points)
        } else {
            (p.complete_no_points)(outcome.credited)
        });
        lines.push((p.complete_hours)(outcome.not_out, length));
    } else if outcome.awaiting == 0 {
        lines.push(p.complete_nobody.to_owned());
    }
    if outcome.absent > 0 {
        lines.push((p.complete_absent)(outcome.absent));
    }
    if outcome.awaiting > 0 {
        lines.push((p.complete_awaiting)(outcome.awaiting));
    }
    lines
}

#[component]
pub fn Complete(
    id: i64,
    status: RwSignal<TaskStatus>,
    /// Whether the task has started: completion opens then.
    started: Signal<bool>,
    starts_at: DateTime<Utc>,
    /// The task's length in minutes: the hours of whoever did not check out.
    length: i64,
    /// The points each credited volunteer gets.
    points: Signal<i64>,
    roster: RwSignal<Roster>,
    /// Asked when the question opens, so it speaks of the roster as it is now.
    on_ask: impl Fn() + Copy + Send + Sync + 'static,
    on_done: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let key = StoredValue::new(IdempotencyKey::new());
    let confirming = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let complete = Action::new_local(move |_: &()| api::complete(api, id, key.get_value()));
    Effect::new(move |_| match complete.value().get() {
        Some(Ok(_)) => {
            status.set(TaskStatus::Completed);
            on_done();
        }
        Some(Err(error)) => {
            // Another organiser completed it meanwhile: the page shows it completed.
            if error.has_code(&["task_completed"]) {
                status.set(TaskStatus::Completed);
                on_done();
            }
            failure.set(Some(error));
        }
        None => {}
    });
    let pending = complete.pending();
    let lines = move || {
        let o = roster.with(|r| outcome(&r.volunteers));
        let credits = o.credited > 0 && points.get() > 0;
        (outcome_lines(page_texts(), &o, points.get(), &(texts().minutes)(length)), credits)
    };
    view! {
        <section class="card actions" aria-live="polite">
            {move || match (status.get(), complete.value().get()) {
                (_, Some(Ok(done))) => view! {
                    <p class="banner banner--ok" role="status">{move || (page_texts().completion_done)(done.attendees, done.points_total)}</p>
                    {(done.no_shows > 0).then(|| view! {
                        <p class="muted">{move || (page_texts().completion_no_shows)(done.no_shows)}</p>
                    })}
                    {(done.awaiting_confirmation > 0).then(|| view! {
                        <p class="banner banner--info" role="status">{move || (page_texts().completion_awaiting)(done.awaiting_confirmation)}</p>
                    })}
                }.into_any(),
                (TaskStatus::Completed, _) => view! { <p class="banner banner--ok">{move || texts().completed_note}</p> }.into_any(),
                _ if !started.get() => view! {
                    <button type="button" class="button button--primary button--block" disabled=true aria-describedby="complete-when">
                        {move || texts().confirm_completion}
                    </button>
                    <p class="action-reason" id="complete-when">
                        {move || (page_texts().complete_after_start)(&day_and_clock(texts(), starts_at))}
                    </p>
                }.into_any(),
                _ => view! {
                    <Show
                        when=move || confirming.get()
                        fallback=move || view! {
                            <button type="button" class="button button--primary button--block"
                                on:click=move |_| { failure.set(None); on_ask(); confirming.set(true); }>
                                {move || texts().confirm_completion}
                            </button>
                        }
                    >
                        <div class="confirm" role="alertdialog" aria-labelledby="complete-question" aria-describedby="complete-outcome">
                            <p id="complete-question">{move || page_texts().complete_ask}</p>
                            <ul class="complete-outcome" id="complete-outcome">
                                {move || lines().0.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                            </ul>
                            <div class="confirm__buttons">
                                <button type="button" class="button button--ghost" on:click=move |_| confirming.set(false)>{move || i18n.t().cancel}</button>
                                <button type="button" class="button button--primary" disabled=move || pending.get()
                                    on:click=move |_| { failure.set(None); complete.dispatch(()); }>
                                    {move || if pending.get() {
                                        texts().confirming
                                    } else if lines().1 {
                                        texts().confirm_completion_yes
                                    } else {
                                        texts().confirm_completion
                                    }}
                                </button>
                            </div>
                        </div>
                    </Show>
                }.into_any(),
            }}
            <ActionError message=Signal::derive(move || failure.with(|e| e.as_ref().map(|e| e.message(i18n.t())))) />
        </section>
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::features::tasks::page_texts::{EN, ZH};

    fn volunteer(enrollment: Enrollment, awaiting_confirmation: bool) -> RosterEntry {
        let at = Utc.timestamp_opt(0, 0).unwrap();
        RosterEntry {
            user_id: 1,
            name: "王秀英".into(),
            phone: "13800000000".into(),
            enrollment,
            joined_at: at,
            checked_in_at: None,
            checked_out_at: None,
            awaiting_confirmation,
            can_confirm: false,
            acted_by: None,
        }
    }

    #[test]
    fn the_outcome_counts_as_the_server_credits() {
        let roster = [
            volunteer(Enrollment::CheckedOut, false),
            volunteer(Enrollment::CheckedIn, false),
            volunteer(Enrollment::CheckedIn, true),
            volunteer(Enrollment::Joined, false),
            volunteer(Enrollment::NoShow, false),
        ];
        assert_eq!(outcome(&roster), Outcome { credited: 2, not_out: 1, absent: 2, awaiting: 1 });
    }

    #[test]
    fn the_dialog_says_who_gets_what() {
        let o = Outcome { credited: 2, not_out: 1, absent: 1, awaiting: 0 };
        assert_eq!(
            outcome_lines(&ZH, &o, 20, "2小时"),
            [
                "2 位已签到的志愿者每人获得 20 积分，共 40 积分（按人发放，与时长无关）",
                "服务时长按签到到签退记录；1 位没有签退，按活动全程 2小时 记录",
                "1 位报名了但没有签到，记为未到，不获得积分",
            ]
        );
        assert_eq!(outcome_lines(&EN, &Outcome { absent: 3, ..Outcome::default() }, 20, "2 h")[0], EN.complete_nobody);
    }
}
