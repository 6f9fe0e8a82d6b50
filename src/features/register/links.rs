//! The entry points in 我的: 住户名册 for staff, 加入进度 for staff and every kind of head.

use leptos::prelude::*;
use leptos_router::components::A;
use linli_api_types::Role;

use super::texts::texts;
use crate::components::{Icon, IconName};
use crate::routes;
use crate::session::use_session;

#[component]
pub fn RegisterLinks() -> impl IntoView {
    let session = use_session();
    let staff = move || session.me().is_some_and(|me| me.holds(Role::Staff));
    let heads = move || session.me().is_some_and(|me| !me.roles.is_empty());
    view! {
        <Show when=heads>
            <nav class="card link-list" aria-label=move || texts().links_label>
                <Show when=staff>
                    <A href=routes::register_import() attr:class="link-row">
                        <span>{move || texts().link_register}</span>
                        <Icon name=IconName::ChevronRight />
                    </A>
                </Show>
                <A href=routes::register_progress() attr:class="link-row">
                    <span>{move || texts().link_progress}</span>
                    <Icon name=IconName::ChevronRight />
                </A>
            </nav>
        </Show>
    }
}
