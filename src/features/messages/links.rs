//! 我的's links into 消息: the list with its unread figure and 消息设置 for everyone, 消息推送
//! for staff. Small: it is in 我的's chunk.

use leptos::prelude::*;
use leptos_router::components::A;
use linli_api_types::Role;

use super::texts::texts;
use crate::api::live::use_live;
use crate::components::{Icon, IconName};
use crate::routes;
use crate::session::use_session;

#[component]
pub fn MessageLinks() -> impl IntoView {
    let session = use_session();
    let live = use_live();
    // Staff acting for a resident (代办) are the resident here.
    let staff = move || session.me().is_some_and(|me| me.holds(Role::Staff) && me.proxy.is_none());
    view! {
        <nav class="card link-list" aria-label=move || texts().links_label>
            <A href=routes::messages() attr:class="link-row">
                <span>
                    {move || texts().link_messages}
                    <small class="link-row__hint">
                        {move || match live.unread() {
                            0 => texts().nothing_unread.to_owned(),
                            n => (texts().unread_summary)(n),
                        }}
                    </small>
                </span>
                <Icon name=IconName::ChevronRight />
            </A>
            <A href=routes::message_settings() attr:class="link-row">
                <span>{move || texts().link_settings}</span>
                <Icon name=IconName::ChevronRight />
            </A>
            <Show when=staff>
                <A href=routes::message_webhook() attr:class="link-row">
                    <span>
                        {move || texts().link_webhook}
                        <small class="link-row__hint">{move || texts().link_webhook_hint}</small>
                    </span>
                    <Icon name=IconName::ChevronRight />
                </A>
            </Show>
        </nav>
    }
}
