//! On 我的: 居民 for heads and staff, and for everyone whose password a head or staff member
//! reset with a code in the last 30 days, who did it and when.

use chrono::{Duration, Utc};
use leptos::prelude::*;
use leptos_router::components::A;
use linli_api_types::PasswordResetNotice;

use super::texts::texts;
use crate::api::use_api;
use crate::components::{Icon, IconName};
use crate::i18n::{time, use_i18n};
use crate::routes;
use crate::session::use_session;

#[component]
pub fn PeopleLinks() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    let manages = move || session.me().is_some_and(|me| !me.roles.is_empty());
    let notice = LocalResource::new(move || async move { api.get::<PasswordResetNotice>("/me/password-reset").await });
    let recent = move || {
        notice.get().and_then(|n| n.ok()).and_then(|n| n.last).filter(|last| Utc::now() - last.at < Duration::days(30))
    };
    view! {
        {move || recent().map(|last| view! {
            <p class="card banner banner--info" role="status">
                {move || (texts().reset_by)(&last.by_name, &time::full(i18n.t(), last.at))}
            </p>
        })}
        <Show when=manages>
            <nav class="card link-list" aria-label=move || texts().people_link>
                <A href=routes::people() attr:class="link-row">
                    <span>{move || texts().people_link}</span>
                    <Icon name=IconName::ChevronRight />
                </A>
            </nav>
        </Show>
    }
}
