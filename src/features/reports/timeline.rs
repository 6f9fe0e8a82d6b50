//! A report's steps, oldest first: when, who, what, and the note (a reply, why it was handed
//! on, what is still wrong). An automatic escalation stands out: nobody answered in time.

use leptos::prelude::*;
use linli_api_types::{ReportEvent, ReportEventKind};

use super::common::short_date;
use super::photo_view::PhotoRow;
use super::texts::texts;
use crate::components::ActedBy;

#[component]
pub fn Timeline(events: Vec<ReportEvent>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="timeline-heading">
            <h2 class="card__title" id="timeline-heading">{move || texts().timeline}</h2>
            <ol class="timeline">
                {events.into_iter().map(|event| view! { <Step event /> }).collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn Step(event: ReportEvent) -> impl IntoView {
    let ReportEvent { kind, at, actor, note, stars, photo, acted_by } = event;
    let escalated = kind == ReportEventKind::Escalated;
    let what = move || {
        let t = texts();
        let who = actor.clone().unwrap_or_else(|| t.system.to_owned());
        format!("{who} {}", t.event(kind))
    };
    view! {
        <li class=format!("timeline__step timeline__step--report-{}", kind_class(kind)) class:timeline__step--alert=escalated>
            <p class="timeline__when">{move || short_date(texts(), at)}</p>
            <p class="timeline__what">{what}</p>
            {stars.map(|n| view! {
                <p class="timeline__stars">
                    <span aria-hidden="true">{"★".repeat(usize::from(n))}</span>
                    <span class="visually-hidden">{move || (texts().satisfaction_given)(n)}</span>
                </p>
            })}
            {note.filter(|n| !n.is_empty()).map(|n| view! { <p class="timeline__note">{n}</p> })}
            {photo.map(|p| view! { <PhotoRow photos=vec![p] /> })}
            {acted_by.map(|name| view! { <p class="timeline__note"><ActedBy name /></p> })}
        </li>
    }
}

fn kind_class(kind: ReportEventKind) -> &'static str {
    match kind {
        ReportEventKind::Submitted => "submitted",
        ReportEventKind::Acknowledged => "acknowledged",
        ReportEventKind::Replied => "replied",
        ReportEventKind::Transferred => "transferred",
        ReportEventKind::Escalated => "escalated",
        ReportEventKind::Resolved => "resolved",
        ReportEventKind::Confirmed => "confirmed",
        ReportEventKind::Reopened => "reopened",
        ReportEventKind::Rated => "rated",
        ReportEventKind::Closed => "closed",
    }
}
