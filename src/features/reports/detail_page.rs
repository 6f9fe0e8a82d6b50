//! One report: what and where, its photos, who holds it and by when they must answer, its
//! timeline, and what the viewer may do now (the server says which; it checks each again).

use leptos::prelude::*;
use linli_api_types::{ReportView, SubjectKind, DEFAULT_RESPOND_HOURS};

use super::api;
use super::common::{handler_line, short_date, Frame, LoadError, StatusChip};
use super::handler_forms::HandlerForms;
use super::photo_view::PhotoRow;
use super::reporter_forms::{MeToo, ReporterForms};
use super::steps::use_steps;
use super::texts::texts;
use super::timeline::Timeline;
use crate::api::live::{on_live_change, Concerns};
use crate::api::{load_by_id, use_api};
use crate::components::Skeleton;
use crate::routes;

#[component]
pub fn ReportPage() -> impl IntoView {
    let loaded = load_by_id(api::report);
    view! {
        <Frame title=|t| t.detail_title back=routes::my_reports()>
            <Transition fallback=Skeleton>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok(report) => view! { <Report report /> }.into_any(),
                        Err(error) => view! { <LoadError error /> }.into_any(),
                    }
                })}
            </Transition>
        </Frame>
    }
}

#[component]
fn Report(report: ReportView) -> impl IntoView {
    let id = report.summary.id;
    let current = RwSignal::new(report);
    let steps = use_steps(id, move |view| current.set(view));
    // Acknowledged, answered, escalated or resolved by someone else while on screen.
    let api = use_api();
    on_live_change(Concerns::One(SubjectKind::Report, id), move || {
        leptos::task::spawn_local(async move {
            if let Ok(fresh) = api::report(api, id).await {
                let _ = current.try_set(fresh);
            }
        });
    });
    view! {
        {move || {
            let report = current.get();
            view! { <Facts report=report.clone() /> <Timeline events=report.events /> }
        }}
        <ReporterForms report=current steps />
        <MeToo report=current steps />
        <HandlerForms report=current steps />
    }
}

#[component]
fn Facts(report: ReportView) -> impl IntoView {
    let ReportView { summary, text, photos, reporter_contact, satisfaction, events, .. } = report;
    let status = summary.status;
    let category = summary.category;
    let handler = summary.handler.clone();
    let pending = status.is_pending();
    let (respond_by, resolve_by) = (summary.respond_by, summary.resolve_by);
    // "24小时内答复" while it waits to be answered: the deadline the server set, counted from
    // the step that set it (sent, handed on, climbed, reopened).
    let since = events
        .iter()
        .rev()
        .find(|e| {
            use linli_api_types::ReportEventKind::*;
            matches!(e.kind, Submitted | Transferred | Escalated | Reopened)
        })
        .map_or(summary.created_at, |e| e.at);
    let within = respond_by.map(|by| {
        let hours = ((by - since).num_minutes() + 30) / 60;
        u32::try_from(hours).ok().filter(|h| *h > 0).unwrap_or(DEFAULT_RESPOND_HOURS)
    });
    let acknowledged = status != linli_api_types::ReportStatus::Open;
    let reporter = summary.reporter.clone();
    let place = summary.place.clone();
    view! {
        <section class="card report-facts" aria-labelledby="report-heading">
            <div class="report-card__head">
                <h2 class="card__title" id="report-heading">{move || texts().category(category)}</h2>
                <StatusChip status />
            </div>
            <p class="report-facts__text">{text}</p>
            {(!photos.is_empty()).then(|| view! { <PhotoRow photos /> })}
            <dl class="facts">
                <div>
                    <dt>{move || texts().place_label}</dt>
                    <dd>{place}</dd>
                </div>
                <div>
                    <dt>{move || texts().reporter_label}</dt>
                    <dd>{move || reporter.clone().unwrap_or_else(|| texts().anonymous.to_owned())}</dd>
                </div>
                {reporter_contact.map(|contact| view! {
                    <div>
                        <dt>{move || texts().contact_label}</dt>
                        <dd>{contact}</dd>
                    </div>
                })}
            </dl>
            {pending.then(|| view! {
                <p class="report-facts__handler" class:report-facts__handler--late=summary.overdue>
                    {move || {
                        let t = texts();
                        let line = handler_line(t, &handler);
                        match within.filter(|_| !acknowledged) {
                            Some(hours) => format!("{line}{}{}", if t.zh { "，" } else { ", " }, (t.reply_within)(hours)),
                            None => line,
                        }
                    }}
                </p>
                <p class="report-facts__deadlines">
                    {summary.overdue.then(|| view! { <span class="mark mark--bad">{move || texts().overdue}</span> " " })}
                    {respond_by.filter(|_| !acknowledged).map(|by| view! { <span>{move || (texts().respond_by)(&short_date(texts(), by))}</span> " " })}
                    {resolve_by.map(|by| view! { <span>{move || (texts().resolve_by)(&short_date(texts(), by))}</span> })}
                </p>
            })}
            {(summary.escalations > 0).then(|| view! {
                <p class="mark">{move || (texts().escalated_times)(summary.escalations)}</p>
            })}
            {(summary.supporters > 0).then(|| view! {
                <p class="muted">{move || (texts().supporters)(summary.supporters)}</p>
            })}
            {satisfaction.map(|n| view! {
                <p class="report-facts__stars">
                    <span aria-hidden="true">{"★".repeat(usize::from(n))}</span>
                    " "
                    <span>{move || (texts().satisfaction_given)(n)}</span>
                </p>
            })}
        </section>
    }
}
