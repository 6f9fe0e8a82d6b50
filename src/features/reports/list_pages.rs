//! 我的反映 (with status chips) and 待我处理 (overdue first), a page at a time.

use leptos::prelude::*;
use leptos_router::components::A;
use linli_api_types::{ReportPage, ReportStatus, ReportSummary, SubjectKind};

use super::api::{self, List};
use super::common::{Frame, LoadError, ReportCard};
use super::texts::{texts, ReportsTexts};
use crate::api::live::{on_live_change, Concerns};
use crate::api::{use_api, ApiError};
use crate::components::{LoadMore, Skeleton};
use crate::routes;

/// 我的反映: the household's reports, newest first, filtered by status on the phone.
#[component]
pub fn MyReportsPage() -> impl IntoView {
    let api = use_api();
    let first = LocalResource::new(move || api::list(api, List::Mine, None));
    on_live_change(Concerns::Kind(SubjectKind::Report), move || first.refetch());
    view! {
        <Frame title=|t| t.mine_title back=routes::me()>
            <A href=routes::report_new() attr:class="button button--primary button--block report-new">{move || texts().new_report}</A>
            <Transition fallback=Skeleton>
                {move || Suspend::new(async move {
                    match first.await {
                        Ok(page) => view! { <Reports page which=List::Mine empty=|t| t.mine_empty filter=true /> }.into_any(),
                        Err(error) => view! { <LoadError error /> }.into_any(),
                    }
                })}
            </Transition>
        </Frame>
    }
}

/// 待我处理: what waits for this head (for staff, every pending report of the community),
/// the overdue first.
#[component]
pub fn InboxPage() -> impl IntoView {
    let api = use_api();
    let first = LocalResource::new(move || api::list(api, List::Inbox, None));
    // A report handed to me (filed, transferred, escalated) while the inbox is open.
    on_live_change(Concerns::Kind(SubjectKind::Report), move || first.refetch());
    view! {
        <Frame title=|t| t.inbox_title back=routes::me()>
            <Transition fallback=Skeleton>
                {move || Suspend::new(async move {
                    match first.await {
                        Ok(page) => view! { <Reports page which=List::Inbox empty=|t| t.inbox_empty filter=false /> }.into_any(),
                        Err(error) => view! { <LoadError error /> }.into_any(),
                    }
                })}
            </Transition>
        </Frame>
    }
}

/// Overdue first, the rest as the server ordered them (a stable sort keeps that order).
fn overdue_first(items: &mut [ReportSummary]) {
    items.sort_by_key(|r| !r.overdue);
}

#[component]
fn Reports(page: ReportPage, which: List, empty: fn(&ReportsTexts) -> &'static str, filter: bool) -> impl IntoView {
    let api = use_api();
    let ReportPage { items: mut first, next } = page;
    if which == List::Inbox {
        overdue_first(&mut first);
    }
    let items = RwSignal::new(first);
    let next_cursor = RwSignal::new(next);
    let failure = RwSignal::new(None::<ApiError>);
    let shown = RwSignal::new(None::<ReportStatus>);
    let load = Action::new_local(move |after: &String| api::list(api, which, Some(after.clone())));
    Effect::new(move |_| match load.value().get() {
        Some(Ok(ReportPage { items: page, next })) => {
            items.update(|all| {
                for report in page {
                    if !all.iter().any(|r| r.id == report.id) {
                        all.push(report);
                    }
                }
                if which == List::Inbox {
                    overdue_first(all);
                }
            });
            next_cursor.set(next);
            failure.set(None);
        }
        Some(Err(error)) => failure.set(Some(error)),
        None => {}
    });
    let pending = load.pending();
    let more = Callback::new(move |_| {
        if let Some(after) = next_cursor.get_untracked() {
            load.dispatch(after);
        }
    });
    let visible = move || {
        let wanted = shown.get();
        items.with(|all| all.iter().filter(|r| wanted.is_none_or(|s| r.status == s)).cloned().collect::<Vec<_>>())
    };
    view! {
        {filter.then(|| view! { <StatusFilter shown /> })}
        <section class="card reports" aria-busy=move || pending.get().to_string()>
            <Show when=move || !visible().is_empty()
                fallback=move || view! {
                    <p class="muted">{move || if shown.with(Option::is_some) { texts().filter_empty } else { empty(texts()) }}</p>
                }>
                <ul class="report-list">
                    <For each=visible key=|r| (r.id, r.status, r.updated_at) let:report>
                        <li><ReportCard report top_level=true /></li>
                    </For>
                </ul>
            </Show>
            <LoadMore failure next_cursor pending=pending.into() more />
        </section>
    }
}

/// 全部 待受理 处理中 待确认 已解决 已关闭: chips that are radio buttons, so one is chosen and a
/// screen reader says which.
#[component]
fn StatusFilter(shown: RwSignal<Option<ReportStatus>>) -> impl IntoView {
    let choices: Vec<Option<ReportStatus>> = std::iter::once(None).chain(ReportStatus::ALL.map(Some)).collect();
    view! {
        <fieldset class="choices">
            <legend class="visually-hidden">{move || texts().filter_label}</legend>
            {choices.into_iter().map(|choice| view! {
                <label class="choice" class:choice--on=move || shown.get() == choice>
                    <input type="radio" name="report-status"
                        prop:checked=move || shown.get() == choice
                        on:change=move |_| shown.set(choice) />
                    <span>{move || match choice { None => texts().filter_all, Some(s) => texts().status(s) }}</span>
                </label>
            }).collect_view()}
        </fieldset>
    }
}
