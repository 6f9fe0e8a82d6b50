//! 入户审核 (/me/join-requests): the requests waiting for this head (their unit, building, or
//! for staff the community), each with the register's names for that room so the head can
//! tell who is who; approve (optionally naming the register entry) or decline with a reason,
//! asked for in a dialog.

use chrono::{FixedOffset, Utc};
use leptos::{html, prelude::*};
use linli_api_types::{JoinApproval, JoinDecision, JoinDecline, JoinRequestList, JoinRequestView};

use super::texts::{texts, texts_in};
use crate::api::{use_api, ApiError};
use crate::components::{ActionError, LimitedTextField, PageFrame, Parent};
use crate::i18n::use_i18n;
use crate::routes;

/// "12-02 09:30" in the community's time (UTC+8).
fn when(at: chrono::DateTime<Utc>) -> String {
    let china = FixedOffset::east_opt(8 * 3600).expect("UTC+8");
    at.with_timezone(&china).format("%m-%d %H:%M").to_string()
}

#[component]
pub fn ReviewPage() -> impl IntoView {
    let api = use_api();
    let list =
        LocalResource::new(
            move || async move { api.get::<JoinRequestList>("/join-requests").await },
        );
    let done = RwSignal::new(Vec::<i64>::new());
    let said = RwSignal::new(None::<String>);
    view! {
        <PageFrame title=Signal::derive(|| texts().review_title.to_owned()) back_to=Some(Parent::Page(routes::me()))>
            <p class="visually-hidden" role="status">{move || said.get()}</p>
            <Show when=move || said.with(Option::is_some)>
                <p class="banner banner--info" aria-hidden="true">{move || said.get()}</p>
            </Show>
            <Suspense fallback=|| view! { <div class="card skeleton skeleton--tall" aria-hidden="true"></div> }>
                {move || list.get().map(|loaded| match loaded {
                    Err(error) => view! {
                        <p class="banner banner--error" role="alert">{error.message(use_i18n().t())}</p>
                    }.into_any(),
                    Ok(list) => {
                        let items = list.items;
                        view! {
                            <h2 class="visually-hidden">{move || texts().review_title}</h2>
                            <Show when={
                                let ids: Vec<i64> = items.iter().map(|i| i.id).collect();
                                move || done.with(|d| ids.iter().all(|id| d.contains(id)))
                            }>
                                <p class="card muted">{move || texts().review_empty}</p>
                            </Show>
                            <ul class="join-requests">
                                {items.into_iter().map(|item| {
                                    let id = item.id;
                                    view! {
                                        <Show when=move || !done.with(|d| d.contains(&id))>
                                            <RequestCard item=item.clone() on_decided=Callback::new(move |line: String| {
                                                done.update(|d| d.push(id));
                                                said.set(Some(line));
                                            }) />
                                        </Show>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                })}
            </Suspense>
        </PageFrame>
    }
}

#[component]
fn RequestCard(item: JoinRequestView, on_decided: Callback<String>) -> impl IntoView {
    let api = use_api();
    let id = item.id;
    let name = item.name.clone();
    let heading_id = format!("join-request-{id}");
    let labelled_by = heading_id.clone();
    let home = format!(
        "{} {} {}",
        item.home.building.name, item.home.unit.name, item.home.door
    );
    let requested = when(item.requested_at);
    let register = item.register.clone();
    let open_entries: Vec<(i64, String)> = register
        .iter()
        .filter(|r| !r.linked)
        .map(|r| (r.id, format!("{} {}", r.name, r.relation)))
        .collect();
    let has_open = !open_entries.is_empty();
    // A register entry of the same name is the likely one.
    let chosen = RwSignal::new(
        register
            .iter()
            .find(|r| !r.linked && r.name == item.name)
            .map(|r| r.id),
    );
    let error = RwSignal::new(None::<String>);
    let asking = RwSignal::new(false);

    let approve = Action::new_local(move |entry: &Option<i64>| {
        let body = JoinApproval {
            register_member_id: *entry,
        };
        async move {
            api.post_single_try::<_, JoinDecision>(&format!("/join-requests/{id}/approve"), &body)
                .await
        }
    });
    let decline = Action::new_local(move |reason: &String| {
        let body = JoinDecline {
            reason: reason.clone(),
        };
        async move {
            api.post_single_try::<_, JoinDecision>(&format!("/join-requests/{id}/decline"), &body)
                .await
        }
    });
    let settle = move |result: Result<JoinDecision, ApiError>, line: String| match result {
        Ok(_) => on_decided.run(line),
        // Decided by another head meanwhile: nothing left to do here.
        Err(failure) if failure.has_code(&["already_decided"]) => {
            on_decided.run(failure.message(use_i18n().t()))
        }
        Err(failure) => error.set(Some(
            failure
                .field("register_member_id")
                .unwrap_or_else(|| failure.message(use_i18n().t())),
        )),
    };
    let approved_name = name.clone();
    Effect::new(move |_| {
        if let Some(result) = approve.value().get() {
            settle(result, (texts().approved_done)(&approved_name));
        }
    });
    let declined_name = name.clone();
    let reason_error = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if let Some(result) = decline.value().get() {
            if let Err(failure) = &result {
                if let Some(message) = failure.field("reason") {
                    reason_error.set(Some(message));
                    asking.set(true);
                    return;
                }
            }
            settle(result, (texts().declined_done)(&declined_name));
        }
    });
    let busy = Signal::derive(move || approve.pending().get() || decline.pending().get());
    let radio_name = format!("join-link-{id}");
    view! {
        <li class="card join-request" aria-labelledby=labelled_by>
            <h3 class="join-request__name" id=heading_id>{name.clone()}</h3>
            <p class="join-request__line">
                <a href=format!("tel:{}", item.phone)>{item.phone.clone()}</a>
            </p>
            <p class="join-request__line">{home}</p>
            <p class="join-request__line muted">{move || (texts().requested_on)(&requested)}</p>
            <section class="join-request__register">
                <h4 class="join-request__register-title">{move || texts().register_heading}</h4>
                {if register.is_empty() {
                    view! { <p class="muted">{move || texts().register_none}</p> }.into_any()
                } else {
                    view! {
                        <ul class="chips">
                            {register.iter().map(|r| {
                                let linked = r.linked;
                                let label = format!("{} · {}", r.name, r.relation);
                                view! {
                                    <li class="chip" class:chip--muted=linked>
                                        {label}
                                        {linked.then(|| view! { " · " {move || texts().linked} })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
            {has_open.then(|| {
                let radio_name = radio_name.clone();
                view! {
                    <fieldset class="join-request__link">
                        <legend class="field__label">{move || texts().link_to}</legend>
                        {open_entries.clone().into_iter().map(|(entry, label)| view! {
                            <label class="join-request__option">
                                <input type="radio" name=radio_name.clone()
                                    prop:checked=move || chosen.get() == Some(entry)
                                    on:change=move |_| chosen.set(Some(entry)) />
                                <span>{label}</span>
                            </label>
                        }).collect_view()}
                        <label class="join-request__option">
                            <input type="radio" name=radio_name.clone()
                                prop:checked=move || chosen.get().is_none()
                                on:change=move |_| chosen.set(None) />
                            <span>{move || texts().link_none}</span>
                        </label>
                    </fieldset>
                }
            })}
            <div class="join-request__buttons">
                <button type="button" class="button button--danger-outline" aria-haspopup="dialog"
                    disabled=busy on:click=move |_| asking.set(true)>
                    {move || texts().decline}
                </button>
                <button type="button" class="button button--primary" disabled=busy
                    on:click=move |_| { error.set(None); approve.dispatch(chosen.get_untracked()); }>
                    {move || texts().approve}
                </button>
            </div>
            <ActionError message=error />
            <DeclineDialog id open=asking name=name reason_error
                on_decline=Callback::new(move |reason: String| { decline.dispatch(reason); }) />
        </li>
    }
}

/// The reason for declining, asked in a modal dialog: required, shown to the resident.
#[component]
fn DeclineDialog(
    id: i64,
    open: RwSignal<bool>,
    name: String,
    reason_error: RwSignal<Option<String>>,
    on_decline: Callback<String>,
) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    let reason = RwSignal::new(String::new());
    Effect::new(move |_| {
        let Some(dialog) = dialog.get() else { return };
        match (open.get(), dialog.open()) {
            (true, false) => {
                let _ = dialog.show_modal();
            }
            (false, true) => dialog.close(),
            _ => {}
        }
    });
    let title_id = format!("decline-{id}-question");
    let detail_id = format!("decline-{id}-detail");
    let (labelled_by, described_by) = (title_id.clone(), detail_id.clone());
    // The field takes a &'static id and each card has its own dialog: a few bytes per card
    // opened, for ids that stay unique on the page.
    let field_id: &'static str = Box::leak(format!("decline-{id}-reason").into_boxed_str());
    let i18n = use_i18n();
    let send = move |_| {
        let text = reason.get_untracked().trim().to_owned();
        if text.is_empty() {
            reason_error.set(Some(texts_in(i18n.locale()).required.to_owned()));
            return;
        }
        reason_error.set(None);
        open.set(false);
        on_decline.run(text);
    };
    view! {
        <dialog node_ref=dialog class="confirm-dialog join-decline" aria-labelledby=labelled_by
            aria-describedby=described_by on:close=move |_| open.set(false)>
            <h2 class="confirm-dialog__question" id=title_id>{move || (texts().decline_question)(&name)}</h2>
            <p class="confirm-dialog__detail" id=detail_id>{move || texts().decline_detail}</p>
            <LimitedTextField id=field_id label=Signal::derive(|| texts().decline_reason) value=reason
                error=reason_error.into() max_chars=200 />
            <div class="confirm-dialog__buttons">
                <button type="button" class="button button--ghost" on:click=move |_| open.set(false)>
                    {move || texts().cancel}
                </button>
                <button type="button" class="button button--danger" on:click=send>
                    {move || texts().decline}
                </button>
            </div>
        </dialog>
    }
}
