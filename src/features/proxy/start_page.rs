//! A resident's 代办 start page: who they are, where they live and what care they need, and
//! 开始代办. It loads the resident itself, so any page (the residents directory, the register)
//! can link here with an account's or a register entry's id.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_params_map};
use linli_api_types::{ProxyResident, ProxyTargetKind};

use super::api;
use super::texts::{care_tag, texts};
use crate::api::{use_api, ApiError};
use crate::components::{ActionError, ErrorCard, PageFrame, Skeleton};
use crate::i18n::{use_i18n, Locale};
use crate::routes;
use crate::session::use_session;

#[component]
pub fn ProxyStartPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let params = use_params_map();
    let location = use_location();
    let target = Memo::new(move |_| {
        let kind = if location.pathname.with(|p| p.contains("/register/")) {
            ProxyTargetKind::Register
        } else {
            ProxyTargetKind::Account
        };
        let id = params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
        id.map(|id| (kind, id))
    });
    let resident = LocalResource::new(move || {
        let target = target.get();
        async move {
            let (kind, id) = target.ok_or(ApiError::NotFound)?;
            api::resident(api, kind, id).await
        }
    });
    let title = Signal::derive(move || texts().start_title.to_owned());
    view! {
        <PageFrame title back_to=Some(routes::proxy_list().into())>
            <Transition fallback=Skeleton>
                {move || Suspend::new(async move {
                    match resident.await {
                        Ok(resident) => view! { <Resident resident /> }.into_any(),
                        Err(error) => view! { <ErrorCard message=Signal::derive(move || error.message(i18n.t())) /> }.into_any(),
                    }
                })}
            </Transition>
        </PageFrame>
    }
}

#[component]
fn Resident(resident: ProxyResident) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    let navigate = use_navigate();
    let ProxyResident { kind, id, name, address, care_tags, has_login } = resident;
    let start = Action::new_local(move |_: &()| async move {
        let grant = api::start(api, kind, id).await?;
        session.begin_proxy(grant);
        Ok::<_, ApiError>(())
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = start.value().get() {
            navigate(routes::home(), Default::default());
        }
    });
    let pending = start.pending();
    let failure = Signal::derive(move || match start.value().get() {
        Some(Err(error)) => Some(error.message(i18n.t())),
        _ => None,
    });
    let has_tags = !care_tags.is_empty();
    view! {
        <section class="card proxy-person" aria-labelledby="proxy-person-name">
            <h2 class="proxy-person__name" id="proxy-person-name">
                {name}
                {(!has_login).then(|| view! { " " <span class="mark mark--warn">{move || texts().no_login}</span> })}
            </h2>
            <dl class="proxy-person__facts">
                <dt>{move || texts().address}</dt>
                <dd>{address}</dd>
                {has_tags.then(|| view! {
                    <dt>{move || texts().care_tags}</dt>
                    <dd class="proxy-row__tags">
                        {care_tags.into_iter().map(|tag| view! {
                            <span class="mark">{move || care_tag(i18n.locale() == Locale::Zh, &tag)}</span>
                        }).collect_view()}
                    </dd>
                })}
            </dl>
            <p class="muted">{move || texts().start_explain}</p>
            <button type="button" class="button button--primary button--block"
                disabled=move || pending.get() on:click=move |_| { start.dispatch(()); }>
                {move || if pending.get() { texts().starting } else { texts().start_button }}
            </button>
            <ActionError message=failure />
        </section>
    }
}
