//! 台账导出: a range of days and the three ledgers to download. Staff only (the server refuses
//! anyone else); the link on 我的 shows for staff.

use chrono::{Datelike, NaiveDate, Utc};
use leptos::prelude::*;
use leptos_router::components::A;
use linli_api_types::{ExportKind, Role, EXPORT_RANGE_MAX_DAYS};

use super::download::download;
use super::texts::texts;
use crate::api::ApiError;
use crate::components::{ActionError, DateField, Icon, IconName, PageFrame, Parent};
use crate::i18n::use_i18n;
use crate::routes;
use crate::session::use_session;

/// The link on 我的, for staff.
#[component]
pub fn ExportLink() -> impl IntoView {
    let session = use_session();
    let staff = move || session.me().is_some_and(|me| me.roles.iter().any(|g| g.role == Role::Staff));
    view! {
        <Show when=staff>
            <nav class="card link-list" aria-label=move || texts().title>
                <A href=routes::exports() attr:class="link-row">
                    <span>{move || texts().link}</span>
                    <Icon name=IconName::ChevronRight />
                </A>
            </nav>
        </Show>
    }
}

/// Whether the page runs in WeChat's own browser, which often will not save downloads.
fn in_wechat() -> bool {
    web_sys::window()
        .and_then(|w| w.navigator().user_agent().ok())
        .is_some_and(|agent| agent.contains("MicroMessenger"))
}

fn parse_day(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").ok()
}

#[component]
pub fn ExportsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    // This month so far, in Shanghai.
    let today = (Utc::now() + chrono::Duration::hours(8)).date_naive();
    let first = today.with_day(1).unwrap_or(today);
    let from = RwSignal::new(first.format("%Y-%m-%d").to_string());
    let to = RwSignal::new(today.format("%Y-%m-%d").to_string());
    let from_error = RwSignal::new(None::<String>);
    let to_error = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(None::<String>);
    let busy = RwSignal::new(None::<ExportKind>);

    let fetch = Action::new_local(move |kind: &ExportKind| {
        let kind = *kind;
        let path = format!("/exports/{}.xlsx?from={}&to={}", kind.as_str(), from.get_untracked(), to.get_untracked());
        let fallback = format!("linli-{}.xlsx", kind.as_str());
        async move { download(session, i18n, &path, &fallback).await }
    });
    Effect::new(move |_| match fetch.value().get() {
        Some(Ok(name)) => {
            busy.set(None);
            done.set(Some(name));
        }
        Some(Err(error)) => {
            busy.set(None);
            from_error.set(error.field("from"));
            to_error.set(error.field("to"));
            if error.field("from").is_none() && error.field("to").is_none() {
                failure.set(Some(error));
            }
        }
        None => {}
    });
    let start = move |kind: ExportKind| {
        let t = texts();
        failure.set(None);
        done.set(None);
        let (a, b) = (parse_day(&from.get_untracked()), parse_day(&to.get_untracked()));
        from_error.set(a.is_none().then(|| t.required.to_owned()));
        to_error.set(match (a, b) {
            (_, None) => Some(t.required.to_owned()),
            (Some(a), Some(b)) if b < a => Some(t.to_before_from.to_owned()),
            (Some(a), Some(b)) if (b - a).num_days() + 1 > EXPORT_RANGE_MAX_DAYS => Some((t.too_long)(EXPORT_RANGE_MAX_DAYS)),
            _ => None,
        });
        if from_error.with_untracked(Option::is_none) && to_error.with_untracked(Option::is_none) {
            busy.set(Some(kind));
            fetch.dispatch(kind);
        }
    };
    let wechat = in_wechat();
    let files = [
        (ExportKind::Volunteers, (|| texts().volunteers) as fn() -> &'static str, (|| texts().volunteers_what) as fn() -> &'static str),
        (ExportKind::Orders, || texts().orders, || texts().orders_what),
        (ExportKind::Notices, || texts().notices, || texts().notices_what),
    ];
    view! {
        <PageFrame title=Signal::derive(move || texts().title.to_owned()) back_to=Some(Parent::Page(routes::me()))>
            <p class="muted exports__intro">{move || texts().intro}</p>
            {wechat.then(|| view! { <p class="banner banner--info" role="note">{move || texts().wechat}</p> })}
            <section class="card exports__range" aria-labelledby="range-heading">
                <h2 class="card__title" id="range-heading">{move || texts().range_heading}</h2>
                <DateField id="from" label=Signal::derive(move || texts().from) value=from error=from_error.into() />
                <DateField id="to" label=Signal::derive(move || texts().to) value=to error=to_error.into() />
            </section>
            <section class="card exports__files" aria-labelledby="files-heading">
                <h2 class="card__title" id="files-heading">{move || texts().files_heading}</h2>
                {files.into_iter().map(|(kind, name, what)| {
                    let what_id = format!("export-{}-what", kind.as_str());
                    let described = what_id.clone();
                    view! {
                        <div class="exports__file">
                            <button type="button" class="button button--primary button--block" data-export=kind.as_str()
                                aria-describedby=described disabled=move || busy.get().is_some()
                                on:click=move |_| start(kind)>
                                {move || if busy.get() == Some(kind) { texts().downloading } else { name() }}
                            </button>
                            <p class="muted exports__what" id=what_id>{what}</p>
                        </div>
                    }
                }).collect_view()}
                <p class="banner banner--ok exports__done" role="status" hidden=move || done.with(Option::is_none)>
                    {move || done.get().map(|name| (texts().downloaded)(&name))}
                </p>
                <ActionError message=Signal::derive(move || failure.with(|e| e.as_ref().map(|e| e.message(i18n.t())))) />
            </section>
            <p class="muted exports__pc">{move || texts().on_pc}</p>
        </PageFrame>
    }
}
