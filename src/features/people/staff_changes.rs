//! Staff appointments and removals waiting for a second staff member: approve or reject.

use leptos::prelude::*;
use linli_api_types::{StaffChange, StaffChanges};

use super::texts::texts;
use crate::api::{use_api, ApiError};
use crate::components::ActionError;
use crate::i18n::use_i18n;

#[component]
pub fn StaffChangesSection() -> impl IntoView {
    let api = use_api();
    let reload = RwSignal::new(0u32);
    let changes = LocalResource::new(move || {
        reload.track();
        async move { api.get::<StaffChanges>("/staff-changes").await }
    });
    view! {
        <Transition>
            {move || Suspend::new(async move {
                match changes.await {
                    Ok(list) if !list.items.is_empty() => view! {
                        <section class="card staff-changes" aria-labelledby="staff-changes-title">
                            <h2 class="card__title" id="staff-changes-title">{move || texts().staff_changes_title}</h2>
                            <ul class="staff-changes__list">
                                {list.items.into_iter().map(|change| view! { <ChangeRow change reload /> }).collect_view()}
                            </ul>
                        </section>
                    }.into_any(),
                    _ => ().into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ChangeRow(change: StaffChange, reload: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let id = change.id;
    let decide = Action::new_local(move |approve: &bool| {
        let verb = if *approve { "approve" } else { "reject" };
        async move { api.post_single_try::<_, StaffChange>(&format!("/staff-changes/{id}/{verb}"), &()).await }
    });
    let failure = RwSignal::new(None::<ApiError>);
    Effect::new(move |_| match decide.value().get() {
        Some(Ok(_)) => reload.update(|n| *n += 1),
        Some(Err(error)) => failure.set(Some(error)),
        None => {}
    });
    let line = (texts().staff_change_line)(change.action, &change.member_name, &change.requested_by);
    let decidable = change.decidable;
    let pending = decide.pending();
    view! {
        <li class="staff-change">
            <p>{line}</p>
            {if decidable {
                view! {
                    <div class="staff-change__buttons">
                        <button type="button" class="button button--primary button--small" disabled=move || pending.get()
                            on:click=move |_| { decide.dispatch(true); }>{move || texts().approve}</button>
                        <button type="button" class="button button--ghost button--small" disabled=move || pending.get()
                            on:click=move |_| { decide.dispatch(false); }>{move || texts().reject}</button>
                    </div>
                }.into_any()
            } else {
                view! { <p class="muted">{move || texts().waiting_for_other}</p> }.into_any()
            }}
            <ActionError message=Signal::derive(move || failure.get().map(|e| e.message(i18n.t()))) />
        </li>
    }
}
