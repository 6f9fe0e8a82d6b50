//! 代办: the residents of the head's or staff member's scope, those with care tags and without
//! a login first, each leading to their start page; searchable by name.

use leptos::prelude::*;
use leptos_router::components::A;
use linli_api_types::{ProxyResident, ProxyTargetKind};

use super::api;
use super::texts::{care_tag, texts};
use crate::api::use_api;
use crate::components::{ErrorCard, PageFrame, Skeleton, TextField};
use crate::i18n::{use_i18n, Locale};
use crate::routes;

#[component]
pub fn ProxyListPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let typed = RwSignal::new(String::new());
    let query = RwSignal::new(String::new());
    let residents = LocalResource::new(move || {
        let query = query.get();
        async move { api::residents(api, &query).await }
    });
    let title = Signal::derive(move || texts().list_title.to_owned());
    view! {
        <PageFrame title back_to=Some(routes::me().into())>
            <p class="muted">{move || texts().list_intro}</p>
            <form class="card proxy-search" role="search"
                on:submit=move |ev| { ev.prevent_default(); query.set(typed.get_untracked()); }>
                <TextField id="proxy-search" label=Signal::derive(move || texts().search_label) value=typed
                    error=Signal::derive(|| None) input_type="search" max_length=20 />
                <button type="submit" class="button button--primary">{move || texts().search}</button>
            </form>
            <Transition fallback=Skeleton>
                {move || Suspend::new(async move {
                    match residents.await {
                        Ok(list) if list.items.is_empty() => view! {
                            <div class="card empty-state"><p>{move || texts().empty}</p></div>
                        }.into_any(),
                        Ok(list) => view! {
                            <ul class="proxy-list">
                                {list.items.into_iter().map(|resident| view! { <li><ResidentRow resident /></li> }).collect_view()}
                            </ul>
                            {list.more.then(|| view! { <p class="muted">{move || texts().more}</p> })}
                        }.into_any(),
                        Err(error) => view! { <ErrorCard message=Signal::derive(move || error.message(i18n.t())) /> }.into_any(),
                    }
                })}
            </Transition>
        </PageFrame>
    }
}

/// Where a resident's start page is.
pub fn start_href(kind: ProxyTargetKind, id: i64) -> String {
    match kind {
        ProxyTargetKind::Account => routes::proxy_start_account(id),
        ProxyTargetKind::Register => routes::proxy_start_register(id),
    }
}

#[component]
fn ResidentRow(resident: ProxyResident) -> impl IntoView {
    let i18n = use_i18n();
    let ProxyResident { kind, id, name, address, care_tags, has_login } = resident;
    view! {
        <A href=start_href(kind, id) attr:class="card proxy-row">
            <span class="proxy-row__name">{name}</span>
            <span class="proxy-row__address">{address}</span>
            <span class="proxy-row__tags">
                {(!has_login).then(|| view! { <span class="mark mark--warn">{move || texts().no_login}</span> })}
                {care_tags.into_iter().map(|tag| view! {
                    <span class="mark">{move || care_tag(i18n.locale() == Locale::Zh, &tag)}</span>
                }).collect_view()}
            </span>
        </A>
    }
}
