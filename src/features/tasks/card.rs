use leptos::prelude::*;
use leptos_router::components::A;
use linli_api_types::{Enrollment, TaskCategory, TaskOrganiser, TaskStatus, TaskSummary};

use super::format::time_range;
use super::texts::{texts, TasksTexts};
use crate::i18n::use_i18n;
use crate::routes;

#[component]
pub fn CategoryChip(category: TaskCategory) -> impl IntoView {
    view! { <span class="category">{move || texts().category(category)}</span> }
}

/// "组织者：许各利（社区工作人员）".
pub fn organiser_line(organiser: &TaskOrganiser) -> String {
    let i18n = use_i18n();
    let name = match organiser.role {
        Some(role) => format!("{} · {}", organiser.name, i18n.t().role(role)),
        None => organiser.name.clone(),
    };
    (texts().organiser)(&name)
}

/// "还剩 3 个名额" or "已满，可候补".
pub fn slots_line(t: &TasksTexts, slots_left: i64) -> String {
    if slots_left > 0 {
        (t.slots_left)(slots_left)
    } else {
        t.full_waitlist.to_owned()
    }
}

/// The resident's own place on a task, as a short word and how it should look.
pub fn enrollment_chip(t: &TasksTexts, enrollment: Enrollment) -> Option<(String, &'static str)> {
    Some(match enrollment {
        Enrollment::None => return None,
        Enrollment::Joined => (t.joined.to_owned(), "mark mark--good"),
        Enrollment::Waitlisted { position } => ((t.waitlisted_at)(position), "mark mark--warn"),
        Enrollment::CheckedIn => (t.att_checked_in.to_owned(), "mark mark--good"),
        Enrollment::CheckedOut => (t.att_checked_out.to_owned(), "mark mark--good"),
        Enrollment::Completed { points, .. } => ((t.credited)(points), "mark mark--good"),
        Enrollment::NoShow => (t.att_no_show.to_owned(), "mark mark--bad"),
        Enrollment::Withdrawn => (t.att_withdrawn.to_owned(), "mark"),
    })
}

pub fn status_word(t: &TasksTexts, status: TaskStatus) -> &'static str {
    match status {
        TaskStatus::Upcoming => t.status_open,
        TaskStatus::Ongoing => t.status_started,
        TaskStatus::Ended => t.ended_note,
        TaskStatus::Completed => t.status_completed,
        TaskStatus::Cancelled => t.status_cancelled,
    }
}

/// One task in a list: when first (that is what people scan for), then what, where, who, and
/// what it gives.
#[component]
pub fn TaskCard(task: TaskSummary) -> impl IntoView {
    let TaskSummary { id, title, category, place, starts_at, ends_at, points, slots_left, organiser, status, my_enrollment, .. } = task;
    let organiser = StoredValue::new(organiser);
    view! {
        <A href=routes::task(id) attr:class="task-card">
            <p class="task-card__when">
                <span>{move || time_range(texts(), starts_at, ends_at)}</span>
                <CategoryChip category />
            </p>
            <h3 class="task-card__title">{title}</h3>
            <p class="task-card__meta">
                <span>{place}</span>
                <span>{move || organiser.with_value(organiser_line)}</span>
            </p>
            <p class="task-card__foot">
                <span class="reward">{move || (texts().points_reward)(points)}</span>
                {move || {
                    let t = texts();
                    match (status, enrollment_chip(t, my_enrollment)) {
                        (TaskStatus::Cancelled, _) => view! { <span class="mark mark--bad">{t.status_cancelled}</span> }.into_any(),
                        (_, Some((word, class))) => view! { <span class=class>{word}</span> }.into_any(),
                        (TaskStatus::Upcoming, None) => view! {
                            <span class={if slots_left > 0 { "slots" } else { "slots slots--full" }}>{slots_line(t, slots_left)}</span>
                        }.into_any(),
                        (status, None) => view! { <span class="mark">{status_word(t, status)}</span> }.into_any(),
                    }
                }}
            </p>
        </A>
    }
}
