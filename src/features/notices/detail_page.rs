use chrono::Utc;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::{components::A, hooks::use_navigate, NavigateOptions};
use linli_api_types::{codes, Notice};

use super::api;
use super::body_text::BodyText;
use super::card::{author_line, CategoryChip};
use crate::api::{load_by_id, use_api, ApiError};
use crate::badges::use_unread_notices;
use crate::components::{ActionError, ErrorCard, Page, Skeleton};
use crate::i18n::{time, use_i18n};
use crate::routes;

/// One notice. Opening it marks it read for the household.
#[component]
pub fn NoticePage() -> impl IntoView {
    let unread = use_unread_notices();
    let notice = load_by_id(move |api, id| async move {
        let notice = api::notice(api, id).await?;
        if !notice.read {
            spawn_local(async move {
                if api::mark_read(api, id).await.is_ok() {
                    unread.0.update(|n| *n = (*n - 1).max(0));
                }
            });
        }
        Ok(notice)
    });
    view! {
        <Page title=|t| t.notice_title back=routes::home()>
            <Transition fallback=move || view! { <Skeleton /> }>
                {move || Suspend::new(async move {
                    match notice.await {
                        Ok(notice) => view! { <NoticeArticle notice /> }.into_any(),
                        Err(error) => view! { <MissingNotice error /> }.into_any(),
                    }
                })}
            </Transition>
        </Page>
    }
}

#[component]
fn NoticeArticle(notice: Notice) -> impl IntoView {
    let i18n = use_i18n();
    let show_full_time = RwSignal::new(false);
    let Notice { id, title, body, category, author, target, pinned_until, published_at, edited_at, can_manage, important, .. } = notice;
    let pinned = pinned_until.is_some_and(|until| until > Utc::now());
    view! {
        <article class="card notice">
            <div class="notice-card__tags">
                <CategoryChip category />
                {pinned.then(|| view! { <span class="badge">{move || i18n.t().pinned}</span> })}
                {important.then(|| view! { <span class="badge badge--important">{move || i18n.t().important}</span> })}
            </div>
            <h2 class="notice__title">{title}</h2>
            <p class="notice__author">{move || author_line(i18n, &author)}</p>
            <p class="notice__time">
                <button type="button" class="link-button" aria-expanded=move || show_full_time.get().to_string()
                    title=move || i18n.t().show_full_time
                    on:click=move |_| show_full_time.update(|shown| *shown = !*shown)>
                    <time datetime=published_at.to_rfc3339()>
                        {move || if show_full_time.get() {
                            time::full(i18n.t(), published_at)
                        } else {
                            time::relative(i18n.t(), published_at, Utc::now())
                        }}
                    </time>
                </button>
                {edited_at.map(|_| view! { <span class="badge badge--quiet">{move || i18n.t().edited}</span> })}
            </p>
            <BodyText body />
            <p class="notice__target muted">{move || (i18n.t().sent_to)(&target.name)}</p>
        </article>
        {can_manage.then(|| view! { <ManageNotice id /> })}
    }
}

/// The author's tools: edit, see who has read, withdraw (after a second, explicit tap).
#[component]
fn ManageNotice(id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let navigate = use_navigate();
    let confirming = RwSignal::new(false);
    let withdraw = Action::new_local(move |_: &()| api::withdraw(api, id));
    Effect::new(move |_| {
        if let Some(Ok(())) = withdraw.value().get() {
            navigate(routes::my_notices(), NavigateOptions { replace: true, ..Default::default() });
        }
    });
    let pending = withdraw.pending();
    view! {
        <section class="card actions">
            <A href=routes::notice_receipts(id) attr:class="button button--primary button--block">{move || i18n.t().receipts_title}</A>
            <A href=routes::notice_edit(id) attr:class="button button--ghost button--block">{move || i18n.t().edit}</A>
            <Show
                when=move || confirming.get()
                fallback=move || view! {
                    <button type="button" class="button button--danger-outline button--block" on:click=move |_| confirming.set(true)>
                        {move || i18n.t().withdraw}
                    </button>
                }
            >
                <div class="confirm" role="alertdialog" aria-labelledby="withdraw-question">
                    <p id="withdraw-question">{move || i18n.t().withdraw_confirm}</p>
                    <div class="confirm__buttons">
                        <button type="button" class="button button--ghost" on:click=move |_| confirming.set(false)>{move || i18n.t().cancel}</button>
                        <button type="button" class="button button--danger" disabled=move || pending.get()
                            on:click=move |_| { withdraw.dispatch(()); }>{move || i18n.t().withdraw_yes}</button>
                    </div>
                </div>
            </Show>
            <ActionError message=Signal::derive(move || withdraw.value().get().and_then(Result::err).map(|error| error.message(i18n.t()))) />
        </section>
    }
}

/// Withdrawn, expired (the server says which, in the user's language) or not theirs to see.
#[component]
fn MissingNotice(error: ApiError) -> impl IntoView {
    let i18n = use_i18n();
    let message = move || {
        if matches!(error, ApiError::NotFound) || error.has_code(&[codes::NOT_FOUND, codes::FORBIDDEN]) {
            i18n.t().notice_missing.to_owned()
        } else {
            error.message(i18n.t())
        }
    };
    view! { <ErrorCard message=Signal::derive(message) /> }
}
