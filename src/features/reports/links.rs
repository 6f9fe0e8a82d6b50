//! 我的's links into 民声有回应: everyone's 我的反映, heads' and staff's 待我处理, staff's and
//! grid heads' 民声看板, staff's 反映设置.

use leptos::prelude::*;
use leptos_router::components::A;
use linli_api_types::Role;

use super::texts::texts;
use crate::components::{Icon, IconName};
use crate::routes;
use crate::session::use_session;

#[component]
pub fn ReportLinks() -> impl IntoView {
    let session = use_session();
    let holds = move |role: Role| session.me().is_some_and(|me| me.holds(role));
    let handler = move || session.me().is_some_and(|me| !me.roles.is_empty());
    let watcher = move || holds(Role::Staff) || holds(Role::GridHead);
    view! {
        <nav class="card link-list" aria-label=move || texts().links_label>
            <A href=routes::my_reports() attr:class="link-row">
                <span>{move || texts().link_mine}</span>
                <Icon name=IconName::ChevronRight />
            </A>
            <Show when=handler>
                <A href=routes::report_inbox() attr:class="link-row">
                    <span>{move || texts().link_inbox}</span>
                    <Icon name=IconName::ChevronRight />
                </A>
            </Show>
            <Show when=watcher>
                <A href=routes::report_dashboard() attr:class="link-row">
                    <span>{move || texts().link_dashboard}</span>
                    <Icon name=IconName::ChevronRight />
                </A>
            </Show>
            <Show when=move || holds(Role::Staff)>
                <A href=routes::report_settings() attr:class="link-row">
                    <span>{move || texts().link_settings}</span>
                    <Icon name=IconName::ChevronRight />
                </A>
            </Show>
        </nav>
    }
}
